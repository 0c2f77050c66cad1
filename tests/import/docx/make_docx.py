#!/usr/bin/env python3
"""make_docx.py OUTDIR [NAME...]: write the .docx fixtures of the Word
reader's tests (tests/unit/test_docx.c) into OUTDIR, one NAME.docx each
(all of them when no NAME is given), plus the bad inputs the reader must
refuse. Standard library only: zipfile and hand-written WordprocessingML,
so every byte of a fixture is written here.

    make_docx.py --bench OUT.docx        the plan of bench/bench_docx.c
    make_docx.py --fuzz-seeds DIR        the seeds of tests/fuzz/fuzz_docx.c
    make_docx.py OUTDIR --plan-text TEXT.txt OUT.docx
        a Markdown-ish plan text (../shared/samples) as a .docx: the lines
        before the title as a borderless header table, tab/pipe tables as
        bordered Word tables, everything else one paragraph a line.
"""
import io
import os
import re
import sys
import unicodedata
import zipfile
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = ('xmlns:w="%s" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:v="urn:schemas-microsoft-com:vml" '
      'mc:Ignorable="wps"' % W)
XMLDECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = XMLDECL + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '</Types>')

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def root_rels(main="word/document.xml"):
    return XMLDECL + (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="%sofficeDocument" Target="%s"/>'
        '</Relationships>' % (REL, main))


def doc_rels(extra=()):
    rels = [("styles", "styles.xml"), ("numbering", "numbering.xml")] + list(extra)
    body = "".join('<Relationship Id="rId%d" Type="%s%s" Target="%s"/>' % (i + 1, REL, t, tg)
                   for i, (t, tg) in enumerate(rels))
    body += ('<Relationship Id="rId9" Type="%shyperlink" Target="https://laocai.gov.vn/" '
             'TargetMode="External"/>' % REL)
    return XMLDECL + ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                      'relationships">%s</Relationships>' % body)


DEFAULT_STYLES = (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" '
    'w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/></w:rPr>'
    '</w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/></w:tblPr></w:style>'
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
    '<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>'
    '<w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '</w:tblBorders></w:tblPr></w:style>')


def styles_xml(extra=""):
    return XMLDECL + '<w:styles %s>%s%s</w:styles>' % (NS, DEFAULT_STYLES, extra)


def numbering_xml(body=""):
    return XMLDECL + '<w:numbering %s>%s</w:numbering>' % (NS, body)


def document_xml(body, sect=True, header=False):
    refs = ('<w:headerReference w:type="default" r:id="rId3"/>'
            '<w:footerReference w:type="default" r:id="rId4"/>') if header else ""
    sp = ('<w:sectPr>' + refs +
          '<w:pgSz w:w="11907" w:h="16840" w:code="9"/>'
          '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="567" '
          'w:footer="567" w:gutter="0"/></w:sectPr>') if sect else ""
    return XMLDECL + '<w:document %s><w:body>%s%s</w:body></w:document>' % (NS, body, sp)


def package(body, styles="", numbering="", parts=None, stored=False, raw_document=None):
    """The bytes of a .docx holding body (document.xml's w:body content)."""
    out = io.BytesIO()
    comp = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    header = "word/header1.xml" in (parts or {})
    ct = CONTENT_TYPES
    if not header:
        ct = re.sub(r'<Override PartName="/word/(header|footer)1.xml"[^>]*/>', "", ct)
    with zipfile.ZipFile(out, "w", comp) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", root_rels())
        z.writestr("word/_rels/document.xml.rels",
                   doc_rels([("header", "header1.xml"), ("footer", "footer1.xml")]
                            if header else []))
        z.writestr("word/document.xml", raw_document if raw_document is not None
                   else document_xml(body, header=header))
        z.writestr("word/styles.xml", styles_xml(styles))
        z.writestr("word/numbering.xml", numbering_xml(numbering))
        for name, data in (parts or {}).items():
            z.writestr(name, data)
    return out.getvalue()


# ---- WordprocessingML pieces -----------------------------------------------

def t(text):
    sp = ' xml:space="preserve"' if text != text.strip() or "  " in text else ""
    return '<w:t%s>%s</w:t>' % (sp, escape(text))


def r(text="", font=None, extra="", rpr=""):
    props = rpr
    if font:
        props += '<w:rFonts w:ascii="%s" w:hAnsi="%s"/>' % (font, font)
    pr = '<w:rPr>%s</w:rPr>' % props if props else ""
    return '<w:r>%s%s%s</w:r>' % (pr, t(text) if text else "", extra)


def p(*runs, style=None, num=None, ppr=""):
    """A paragraph; runs are strings (plain text runs) or XML (starting '<')."""
    props = ""
    if style:
        props += '<w:pStyle w:val="%s"/>' % style
    if num is not None:
        numid, ilvl = num
        props += '<w:numPr>%s<w:numId w:val="%d"/></w:numPr>' % (
            '<w:ilvl w:val="%d"/>' % ilvl if ilvl is not None else "", numid)
    props += ppr
    body = "".join(x if x.startswith("<") else r(x) for x in runs)
    return '<w:p>%s%s</w:p>' % ('<w:pPr>%s</w:pPr>' % props if props else "", body)


def tc(*content, span=None, vmerge=None, borders=False):
    """A cell: content items are paragraph XML, or strings (one paragraph each)."""
    pr = ""
    if span:
        pr += '<w:gridSpan w:val="%d"/>' % span
    if vmerge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        pr += '<w:vMerge/>'
    if borders:
        pr += ('<w:tcBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/>'
               '<w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/></w:tcBorders>')
    inner = "".join(x if x.startswith("<") else p(x) for x in content) or p()
    return '<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>%s</w:tcPr>%s</w:tc>' % (pr, inner)


def tr(*cells, header=False, before=0, after=0, deleted=False):
    pr = ""
    if before:
        pr += '<w:gridBefore w:val="%d"/>' % before
    if after:
        pr += '<w:gridAfter w:val="%d"/>' % after
    if header:
        pr += '<w:tblHeader/>'
    if deleted:
        pr += '<w:del w:id="90" w:author="A" w:date="2025-01-01T00:00:00Z"/>'
    cs = "".join(c if c.startswith("<") else tc(c) for c in cells)
    return '<w:tr>%s%s</w:tr>' % ('<w:trPr>%s</w:trPr>' % pr if pr else "", cs)


def tbl(*rows, cols, grid_style=None, borders=None):
    """A table of cols grid columns. grid_style "TableGrid" borders it by
    style; borders=True by tblBorders, False writes tblBorders of none."""
    pr = ""
    if grid_style:
        pr += '<w:tblStyle w:val="%s"/>' % grid_style
    pr += '<w:tblW w:w="0" w:type="auto"/>'
    if borders is True:
        pr += ('<w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/>'
               '<w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/>'
               '<w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>'
               '</w:tblBorders>')
    elif borders is False:
        pr += ('<w:tblBorders><w:top w:val="none" w:sz="0"/><w:left w:val="nil"/>'
               '<w:bottom w:val="none" w:sz="0"/><w:right w:val="nil"/>'
               '<w:insideH w:val="none" w:sz="0"/><w:insideV w:val="nil"/></w:tblBorders>')
    grid = "".join('<w:gridCol w:w="1500"/>' for _ in range(cols))
    return '<w:tbl><w:tblPr>%s</w:tblPr><w:tblGrid>%s</w:tblGrid>%s</w:tbl>' % (pr, grid, "".join(rows))


BR = '<w:r><w:br/></w:r>'
TAB = '<w:r><w:tab/></w:r>'


# ---- the fixtures ------------------------------------------------------------

HEADER_TABLE = tbl(
    tr(tc(p("ỦY BAN NHÂN DÂN"), p("TỈNH LÀO CAI"), p("_______"),
          p(r("S"), r("ố: 15/KH-"), r("UBND"))),
       tc(p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), p("Độc lập - Tự do - Hạnh phúc"),
          p("Lào Cai, ngày 10 tháng 3 năm 2025"))),
    cols=2)

CLOSING_TABLE = tbl(
    tr(tc(p("Nơi nhận:"), p("- Thường trực Tỉnh ủy;"), p("- Lưu: VT, NC.")),
       tc(p("TM. ỦY BAN NHÂN DÂN"), p("KT. CHỦ TỊCH"), p("PHÓ CHỦ TỊCH"), p("(Đã ký)"),
          p("Nguyễn Văn An"))),
    cols=2, borders=False)

TASK_HEADER = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]


def task_table_merged():
    hdr = tr(*TASK_HEADER, header=True)
    nums = tr(*["(%d)" % i for i in range(1, 6)])
    return tbl(
        hdr, nums,
        tr(tc("I. CÔNG TÁC TUYÊN TRUYỀN", span=5)),
        tr("1", "Tuyên truyền A", tc("Sở Tư pháp", vmerge="restart"),
           tc(p("Sở Nội vụ; Công an tỉnh")), "Quý II/2025"),
        tr("2", "Tuyên truyền B", tc(vmerge="continue"),
           tc(p("Sở Y tế", BR, "Sở Giáo dục và Đào tạo")), "Quý III/2025"),
        hdr, nums,
        tr("3", "Nội dung C", "Hội LHPN tỉnh",
           tc(p("- Sở Tài chính;"), p("- Sở Xây dựng")), "Năm 2025"),
        tr("4", tc("Tổ chức hội nghị", span=2), "Sở Nội vụ", "Tháng 5/2025"),
        tr("5", "Dòng bị xóa", "Sở Nội vụ", "", "Năm 2025", deleted=True),
        cols=5, grid_style="TableGrid")


def two_row_header():
    return tbl(
        tr(tc("STT", vmerge="restart"), tc("Nội dung", vmerge="restart"),
           tc("Cơ quan chủ trì", vmerge="restart"), tc("Cơ quan phối hợp", vmerge="restart"),
           tc("Thời gian thực hiện", span=2), header=True),
        tr(tc(vmerge="continue"), tc(vmerge="continue"), tc(vmerge="continue"),
           tc(vmerge="continue"), "Bắt đầu", "Kết thúc", header=True),
        tr(*["%d" % i for i in range(1, 7)]),
        tr("1", "Khảo sát thực trạng", "Sở Y tế", "Hội LHPN tỉnh", "Tháng 3/2025", "Tháng 6/2025"),
        cols=6, borders=True)


def nested_table():
    inner = tbl(tr("Sở Công Thương"), tr("Sở Khoa học và Công nghệ"), cols=1, borders=True)
    return tbl(
        tr(*TASK_HEADER),
        tr("1", "Hỗ trợ khởi nghiệp", "Hội LHPN tỉnh", tc(inner), "Quý II/2025"),
        tr("2", "Kết nối tiêu thụ", "Sở Công Thương", "", before=0, after=1),
        tr(tc("Hội LHPN tỉnh"), "Năm 2025", before=2, after=1),
        cols=5, borders=True)


def numbering_parts():
    lv = ('<w:lvl w:ilvl="%d"><w:start w:val="%d"/><w:numFmt w:val="%s"/>%s'
          '<w:lvlText w:val="%s"/><w:lvlJc w:val="left"/></w:lvl>')
    abs0 = ('<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>' +
            lv % (0, 1, "upperRoman", '<w:pStyle w:val="Heading1"/>', "%1.") +
            lv % (1, 1, "decimal", '<w:pStyle w:val="Heading2"/>', "%2.") +
            lv % (2, 1, "lowerLetter", "", "%3)") + '</w:abstractNum>')
    abs1 = ('<w:abstractNum w:abstractNumId="1">' +
            lv % (0, 1, "bullet", "", "\uf0b7") + '</w:abstractNum>')
    abs2 = ('<w:abstractNum w:abstractNumId="2">' +
            lv % (0, 1, "decimal", "", "%1.") + lv % (1, 1, "decimal", "", "%1.%2.") +
            lv % (2, 1, "lowerRoman", "<w:isLgl/>", "%1.%2.%3.") +
            lv % (3, 5, "decimal", '<w:lvlRestart w:val="0"/>', "(%4)") + '</w:abstractNum>')
    nums = ('<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1">'
            '<w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>'
            '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>')
    styles = ('<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
              '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
              '<w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="MucCon"><w:name w:val="Mục con"/>'
              '<w:basedOn w:val="Normal"/></w:style>')
    return abs0 + abs1 + abs2 + nums, styles


def fixtures():
    fx = {}
    numbering, num_styles = numbering_parts()

    fx["header_table"] = dict(body=HEADER_TABLE + p("KẾ HOẠCH") +
                              p("Triển khai công tác năm 2025"))
    fx["header_bordered"] = dict(body=tbl(
        tr(tc(p("ỦY BAN NHÂN DÂN TỈNH LÀO CAI"), p("Số: 15/KH-UBND")),
           tc(p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), p("Độc lập - Tự do - Hạnh phúc"))),
        tr(tc(p("")), tc(p("Lào Cai, ngày 10 tháng 3 năm 2025"))),
        cols=2, grid_style="TableGrid") + p("KẾ HOẠCH"))
    fx["closing_table"] = dict(body=p("Đề nghị các cơ quan thực hiện.") + CLOSING_TABLE)
    fx["task_merged"] = dict(body=p("PHỤ LỤC") + task_table_merged() + p("Hết phụ lục."))
    fx["two_row_header"] = dict(body=two_row_header())
    fx["nested_table"] = dict(body=nested_table())
    fx["borderless_data"] = dict(body=tbl(
        tr("Chỉ tiêu", "Năm 2024", "Năm 2025"), tr("Tỷ lệ hộ nghèo", "5%", "4%"),
        cols=3, borders=False))
    fx["numbering"] = dict(body=(
        p("MỤC ĐÍCH, YÊU CẦU", style="Heading1") +
        p("Mục đích", style="Heading2") +
        p("Tạo sự thống nhất", num=(1, 2)) +
        p("Xác định rõ", num=(1, 2)) +
        p("Yêu cầu", style="Heading2") +
        p("Bám sát", num=(1, 2)) +
        p("NỘI DUNG", style="Heading1") +
        p("Nội dung một", style="Heading2") +
        p("Nội dung hai", style="Heading2") +
        p("Khởi động lại", num=(2, 1)) +
        p("Gạch đầu dòng", num=(3, 0)) +
        p("Không đánh số", style="Heading1", num=(0, 0)) +
        p("Một", num=(4, 0)) + p("Một chấm một", num=(4, 1)) +
        p("Một chấm hai", num=(4, 1)) + p("La mã hợp lệ", num=(4, 2)) +
        p("Bốn", num=(4, 3)) + p("Hai", num=(4, 0)) + p("Bốn tiếp", num=(4, 3)) +
        p("Tiểu mục", style="MucCon")),
        numbering=numbering, styles=num_styles)
    fx["ins_del"] = dict(body=(
        p(r("Kế hoạch "), '<w:ins w:id="1" w:author="A" w:date="2025-01-01T00:00:00Z">' +
          r("được ") + '</w:ins>', '<w:del w:id="2" w:author="A" w:date="2025-01-01T00:00:00Z">'
          '<w:r><w:delText>không </w:delText></w:r></w:del>', r("ban hành")) +
        p('<w:moveFrom w:id="3" w:author="A" w:date="2025-01-01T00:00:00Z">' + r("Cũ ") +
          '</w:moveFrom>', r("Nội dung "), '<w:moveTo w:id="4" w:author="A" '
          'w:date="2025-01-01T00:00:00Z">' + r("mới") + '</w:moveTo>') +
        p(r("Hiện "), r("ẩn ", rpr="<w:vanish/>"), r("rõ"))))
    fld = lambda kind: '<w:r><w:fldChar w:fldCharType="%s"/></w:r>' % kind
    instr = lambda s: '<w:r><w:instrText xml:space="preserve">%s</w:instrText></w:r>' % s
    fx["fields"] = dict(body=(
        p(r("Ngày "), fld("begin"), instr(' DATE \\@ "dd/MM/yyyy" '), fld("separate"),
          r("10/03/2025"), fld("end")) +
        p(fld("begin"), instr(" IF "), fld("begin"), instr(" MERGEFIELD Ten "), fld("separate"),
          r("Ẩn"), fld("end"), instr(' = "" "a" "b" '), fld("separate"), r("Kết "),
          fld("begin"), instr(" PAGE "), fld("separate"), r("quả"), fld("end"), fld("end")) +
        p(r("Trang "), '<w:fldSimple w:instr=" PAGE ">' + r("3") + '</w:fldSimple>') +
        p(r("A"), fld("begin"), instr(" TOC "), fld("end"), r("B"))))
    fx["wrappers"] = dict(body=(
        '<w:sdt><w:sdtPr><w:alias w:val="Khối"/></w:sdtPr><w:sdtContent>' +
        p("Nội dung trong sdt") + '</w:sdtContent></w:sdt>' +
        p(r("Tỉnh "), '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" '
          'w:element="place"><w:smartTagPr><w:attr w:name="x" w:val="y"/></w:smartTagPr>' +
          r("Lào ") + r("Cai") + '</w:smartTag>') +
        p(r("Xem "), '<w:hyperlink r:id="rId9">' + r("cổng thông tin") + '</w:hyperlink>') +
        p(r("Kế"), '<w:bookmarkStart w:id="0" w:name="a"/>', '<w:proofErr w:type="spellStart"/>',
          r(" hoạch"), '<w:bookmarkEnd w:id="0"/>', '<w:permStart w:id="1"/>',
          '<w:customXml w:element="x">' + r(" năm") + '</w:customXml>', '<w:permEnd w:id="1"/>',
          '<w:sdt><w:sdtPr/><w:sdtContent>' + r(" 2025") + '</w:sdtContent></w:sdt>') +
        '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>' +
        p("Bấm vào đây để nhập văn bản.") + '</w:sdtContent></w:sdt>' +
        tbl('<w:sdt><w:sdtPr/><w:sdtContent>' + tr(*TASK_HEADER[:4]) + '</w:sdtContent></w:sdt>',
            tr("1", '<w:sdt><w:sdtPr/><w:sdtContent>' + tc("Việc trong sdt") +
               '</w:sdtContent></w:sdt>', "Sở Tư pháp", "Sở Nội vụ"),
            cols=4, borders=True)))
    fx["split_runs"] = dict(body=p(r("S"), r("ố", rpr="<w:b/>"), r(": 15/"), r("KH-UB"),
                                   r("ND")) + p(r("Tổ chức "), r("thực h"), r("iện")))
    fx["br_tab"] = dict(body=(
        p(r("Số: 15/KH-UBND"), BR, r("Lào Cai, ngày 10 tháng 3 năm 2025")) +
        p(r("A"), TAB, r("B")) + p(r("C"), '<w:r><w:cr/></w:r>', r("D")) +
        tbl(tr(*TASK_HEADER[:4]),
            tr("1", tc(p(r("Dòng một"), BR, r("dòng hai"))), "Sở Tư pháp", "Sở Nội vụ"),
            cols=4, borders=True)))
    fx["spaces"] = dict(body=(
        p(r("Kế\u00a0hoạch   số\u2009 7")) +
        p(r("phối\u00adhợp"), '<w:r><w:softHyphen/><w:t>x</w:t></w:r>') +
        p(r("giai đoạn 2021"), '<w:r><w:noBreakHyphen/></w:r>', r("2025")) +
        p(r("mã QĐ\u2011UBND")) +
        p(r("ký"), '<w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r>', r("hiệu"),
          '<w:r><w:sym w:font="Times New Roman" w:char="2013"/></w:r>', r("x")) +
        p(r("a\u200bb\ufeffc"))))
    nfd = unicodedata.normalize("NFD", "Kế hoạch phối hợp Ủy ban nhân dân")
    fx["nfd"] = dict(body=p(r(nfd)))
    textbox = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
               '<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>' + p("DỰ THẢO") +
               '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
               '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
               '<w:txbxContent>' + p("DỰ THẢO") + '</w:txbxContent></v:textbox></v:shape>'
               '</w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    fx["textbox"] = dict(body=(p(textbox) + p(r("KẾ HOẠCH"), textbox) +
                               p('<w:r><w:pict><v:shape><v:textbox><w:txbxContent>' +
                                 p("DỰ THẢO") + '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>',
                                 r("Phối hợp năm 2025"))))
    fx["footnote"] = dict(body=(
        p(r("đạt 80%"), '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
          '<w:footnoteReference w:id="1"/></w:r>', r(" trở lên")) +
        p(r("chỉ tiêu"), '<w:r><w:footnoteReference w:customMarkFollows="1" w:id="2"/>'
          '<w:t>*</w:t></w:r>', r(" năm")) +
        p(r("theo ý kiến"), '<w:r><w:commentReference w:id="0"/></w:r>')),
        parts={"word/footnotes.xml": XMLDECL + '<w:footnotes %s><w:footnote w:id="1">%s'
               '</w:footnote></w:footnotes>' % (NS, p("Chú thích nguồn số liệu"))})
    fx["header_footer"] = dict(body=p("Nội dung chính"), parts={
        "word/header1.xml": XMLDECL + '<w:hdr %s>%s</w:hdr>' % (NS, p("DỰ THẢO") + p("Trang 1")),
        "word/footer1.xml": XMLDECL + '<w:ftr %s>%s</w:ftr>' % (NS, p("Chân trang"))})
    fx["landscape"] = dict(body=(
        p(r("Kế "), '<w:r><w:lastRenderedPageBreak/></w:r>', r("hoạch")) +
        p("Trang dọc") +
        p(ppr='<w:sectPr><w:pgSz w:w="11907" w:h="16840"/></w:sectPr>') +
        p('<w:r><w:br w:type="page"/></w:r>', r("Trang ngang")) +
        p("Sau ngắt trang", ppr="<w:pageBreakBefore/>") +
        p(ppr='<w:sectPr><w:pgSz w:w="16840" w:h="11907" w:orient="landscape"/></w:sectPr>') +
        p("Cuối")))
    fx["legacy_tcvn3"] = dict(body=p(r("Uû ban nh©n d©n", font=".VnTime")) +
                              p(r("Kế hoạch")) +
                              p(r("ng\u00adêi d©n", font=".VnTime")))
    fx["legacy_vni"] = dict(body=p(r("UÛy ban nhaân daân", font="VNI-Times")) +
                            p(r("Kế hoạch")))

    # the plan, end to end (its text twin is written by test_docx.c)
    plan_task = tbl(
        tr(*TASK_HEADER, header=True),
        tr(*["(%d)" % i for i in range(1, 6)]),
        tr(tc("I. CÔNG TÁC TUYÊN TRUYỀN", span=5)),
        tr("1", "Tuyên truyền pháp luật cho phụ nữ", tc("Hội LHPN tỉnh", vmerge="restart"),
           tc(p("Sở Tư pháp", BR, "Sở Nội vụ")), "Quý II/2025"),
        tr("2", "Tổ chức hội thi pháp luật", tc(vmerge="continue"),
           tc(p("- Sở Giáo dục và Đào tạo;"), p("- Công an tỉnh")), "Quý IV/2025"),
        tr(tc("II. CÔNG TÁC KIỂM TRA", span=5)),
        tr("3", "Kiểm tra việc thực hiện", "Sở Tư pháp", "Hội LHPN tỉnh", "Tháng 11/2025"),
        cols=5, grid_style="TableGrid")
    fx["plan"] = dict(body=(
        HEADER_TABLE +
        p(r("KẾ HOẠCH", rpr="<w:b/>")) +
        p(r("Phối hợp tuyên truyền pháp luật năm 2025")) +
        p(r("Căn cứ Kế hoạch số 112/KH-UBND ngày 28/02/2025 của Ủy ban nhân dân tỉnh Lào Cai;")) +
        p("MỤC ĐÍCH, YÊU CẦU", style="Heading1") +
        p("Nâng cao hiểu biết pháp luật của phụ nữ.") +
        p("NỘI DUNG PHỐI HỢP", style="Heading1") +
        p("Chi tiết tại Phụ lục kèm theo.") +
        p("PHỤ LỤC") + plan_task +
        p("TỔ CHỨC THỰC HIỆN", style="Heading1") +
        p("Các cơ quan căn cứ Kế hoạch triển khai thực hiện.") +
        CLOSING_TABLE), numbering=numbering, styles=num_styles)
    fx.update(golden_fixtures())
    return fx


# ---- the golden cases of tests/import (docx=NAME) -------------------------------
#
# One small plan per Word feature, read by tests/import/golden.c through the
# importer; each case's expected.json says what a person reading the Word
# file sees. The plans are fiction: numbers and names are made up.

TITLE = p(r("KẾ HOẠCH", rpr="<w:b/>")) + p(r("Phối hợp tuyên truyền pháp luật năm 2025", rpr="<w:b/>"))
PURPOSE = p("I. MỤC ĐÍCH, YÊU CẦU") + p("Nâng cao hiểu biết pháp luật của hội viên, phụ nữ.")
CONTENT_HEAD = p("II. NỘI DUNG PHỐI HỢP")
CLOSE = p("III. TỔ CHỨC THỰC HIỆN") + p("Các cơ quan căn cứ Kế hoạch triển khai thực hiện.")


def golden_plan(*middle):
    """The Lào Cai header table, the type and title, section I, then
    middle, then section III and the closing table."""
    return HEADER_TABLE + TITLE + PURPOSE + "".join(middle) + CLOSE + CLOSING_TABLE


def golden_fixtures():
    fx = {}
    numbering, num_styles = numbering_parts()
    # the Decree 30 header: another province, the issuing body on two
    # lines, the number split across runs, an italic date
    fx["g_header"] = dict(body=tbl(
        tr(tc(p("ỦY BAN NHÂN DÂN"), p(r("TỈNH NGHỆ AN", rpr="<w:b/>")), p("_______"),
              p(r("Số: "), r("27/"), r("KH-"), r("UBND"))),
           tc(p(r("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", rpr="<w:b/>")),
              p(r("Độc lập - Tự do - Hạnh phúc", rpr="<w:b/>")), p("_______"),
              p(r("Nghệ An, ngày 05 tháng 4 năm 2025", rpr="<w:i/>")))),
        cols=2, borders=False) +
        p(r("KẾ HOẠCH", rpr="<w:b/>")) +
        p(r("Triển khai công tác chuyển đổi số năm 2025", rpr="<w:b/>")) +
        p("I. MỤC ĐÍCH, YÊU CẦU") + p("Đẩy mạnh ứng dụng công nghệ thông tin."))
    # the closing: "Nơi nhận:" list | the signature block, borderless
    fx["g_closing"] = dict(body=HEADER_TABLE + TITLE + PURPOSE + CONTENT_HEAD +
                           p("Chi tiết tại Phụ lục kèm theo.") + CLOSE + tbl(
        tr(tc(p(r("Nơi nhận:", rpr="<w:b/><w:i/>")), p("- Thường trực Tỉnh ủy;"),
              p("- Thường trực HĐND tỉnh;"), p("- Các sở, ban, ngành tỉnh;"),
              p("- Lưu: VT, NC.")),
           tc(p(r("TM. ỦY BAN NHÂN DÂN", rpr="<w:b/>")), p(r("KT. CHỦ TỊCH", rpr="<w:b/>")),
              p(r("PHÓ CHỦ TỊCH", rpr="<w:b/>")), p(), p(r("(Đã ký)", rpr="<w:i/>")), p(),
              p(r("Trần Thị Bình", rpr="<w:b/>")))),
        cols=2, borders=False))
    # a task table with section rows merged over all columns
    fx["g_section_rows"] = dict(body=golden_plan(CONTENT_HEAD, tbl(
        tr(*TASK_HEADER, header=True),
        tr(tc(p(r("I. CÔNG TÁC TUYÊN TRUYỀN", rpr="<w:b/>")), span=5)),
        tr("1", "Tuyên truyền pháp luật cho phụ nữ", "Hội LHPN tỉnh", "Sở Tư pháp",
           "Quý II/2025"),
        tr("2", "Tổ chức hội thi pháp luật", "Hội LHPN tỉnh", "Sở Giáo dục và Đào tạo",
           "Quý IV/2025"),
        tr(tc(p(r("II. CÔNG TÁC KIỂM TRA", rpr="<w:b/>")), span=5)),
        tr("3", "Kiểm tra việc thực hiện", "Sở Tư pháp", "Hội LHPN tỉnh", "Tháng 11/2025"),
        cols=5, grid_style="TableGrid")))
    # leads (and a timeframe) merged down over the rows they apply to
    fx["g_vmerge"] = dict(body=golden_plan(CONTENT_HEAD, tbl(
        tr(*TASK_HEADER, header=True),
        tr("1", "Tuyên truyền pháp luật cho phụ nữ", tc("Hội LHPN tỉnh", vmerge="restart"),
           "Sở Tư pháp", tc("Năm 2025", vmerge="restart")),
        tr("2", "Tổ chức hội thi pháp luật", tc(vmerge="continue"), "Công an tỉnh",
           tc(vmerge="continue")),
        tr("3", "Tập huấn cán bộ cơ sở", tc(vmerge="continue"), "Sở Nội vụ",
           "Quý III/2025"),
        tr("4", "Kiểm tra việc thực hiện", tc("Sở Tư pháp", vmerge="restart"), "Hội LHPN tỉnh",
           "Tháng 11/2025"),
        cols=5, grid_style="TableGrid")))
    # a table going over two pages: its header row marked to repeat, and
    # the same header written again (and its column numbers) where the
    # clerk broke the table at the page; the row cut by the page break
    # goes on with an empty first cell
    hdr = tr(*TASK_HEADER, header=True)
    nums = tr(*["(%d)" % i for i in range(1, 6)], header=True)
    fx["g_repeated_header"] = dict(body=golden_plan(CONTENT_HEAD, tbl(
        hdr, nums,
        tr("1", "Tuyên truyền pháp luật cho phụ nữ", "Hội LHPN tỉnh", "Sở Tư pháp",
           "Quý II/2025"),
        tr("2", "Tổ chức hội thi pháp luật cho hội viên,", "Hội LHPN tỉnh", "Công an tỉnh;",
           "Quý IV/2025"),
        cols=5, grid_style="TableGrid"),
        p('<w:r><w:br w:type="page"/></w:r>'),
        tbl(hdr, nums,
            tr("", "phụ nữ các dân tộc", "", "Sở Giáo dục và Đào tạo", ""),
            tr("3", "Kiểm tra việc thực hiện", "Sở Tư pháp", "Hội LHPN tỉnh", "Tháng 11/2025"),
            cols=5, grid_style="TableGrid")))
    # two header rows: "Thời gian thực hiện" over "Bắt đầu" / "Kết thúc"
    fx["g_two_row_header"] = dict(body=golden_plan(CONTENT_HEAD, tbl(
        tr(tc("STT", vmerge="restart"), tc("Nội dung", vmerge="restart"),
           tc("Cơ quan chủ trì", vmerge="restart"), tc("Cơ quan phối hợp", vmerge="restart"),
           tc("Thời gian thực hiện", span=2), header=True),
        tr(tc(vmerge="continue"), tc(vmerge="continue"), tc(vmerge="continue"),
           tc(vmerge="continue"), "Bắt đầu", "Kết thúc", header=True),
        tr("1", "Khảo sát thực trạng", "Sở Y tế", "Hội LHPN tỉnh", "Tháng 3/2025",
           "Tháng 6/2025"),
        tr("2", "Tổng hợp kết quả khảo sát", "Hội LHPN tỉnh", "Sở Y tế", "Tháng 7/2025",
           "Quý IV/2025"),
        cols=6, grid_style="TableGrid")))
    # a row of column numbers under the header
    fx["g_column_numbers"] = dict(body=golden_plan(CONTENT_HEAD, tbl(
        tr(*TASK_HEADER, header=True),
        tr(*["(%d)" % i for i in range(1, 6)]),
        tr("1", "Tuyên truyền pháp luật cho phụ nữ", "Hội LHPN tỉnh", "Sở Tư pháp",
           "Quý II/2025"),
        tr("2", "Kiểm tra việc thực hiện", "Sở Tư pháp", "Hội LHPN tỉnh", "Tháng 11/2025"),
        cols=5, grid_style="TableGrid")))
    # several agencies in one cell: line breaks, "- " lines, ";", a group
    fx["g_agencies"] = dict(body=golden_plan(CONTENT_HEAD, tbl(
        tr(*TASK_HEADER, header=True),
        tr("1", "Tuyên truyền pháp luật cho phụ nữ", "Hội LHPN tỉnh",
           tc(p(r("Sở Tư pháp"), BR, r("Công an tỉnh"), BR, r("Sở Nội vụ"))), "Quý II/2025"),
        tr("2", "Tổ chức hội thi pháp luật", "Hội LHPN tỉnh",
           tc(p("- Sở Giáo dục và Đào tạo;"), p("- Sở Văn hóa, Thể thao và Du lịch;"),
              p("- Báo Lào Cai.")), "Quý IV/2025"),
        tr("3", "Kiểm tra việc thực hiện", "Sở Tư pháp",
           tc(p("Hội LHPN tỉnh; Sở Y tế; UBND các huyện, thị xã, thành phố")),
           "Tháng 11/2025"),
        tr("4", "Hỗ trợ phụ nữ khởi nghiệp", "Hội LHPN tỉnh",
           tc(p("Sở Công Thương"), p("Sở Khoa học và Công nghệ")), "Năm 2025"),
        cols=5, grid_style="TableGrid")))
    # sections and activities numbered by Word (numbering.xml): "I." by the
    # heading style, "1." and "a)" by numPr; the "1." restarts under "II."
    fx["g_numbering"] = dict(body=(
        HEADER_TABLE + TITLE +
        p("MỤC ĐÍCH, YÊU CẦU", style="Heading1") +
        p("Mục đích", style="Heading2") +
        p("Nâng cao hiểu biết pháp luật của phụ nữ", num=(1, 2)) +
        p("Tạo sự thống nhất trong phối hợp", num=(1, 2)) +
        p("NỘI DUNG PHỐI HỢP", style="Heading1") +
        p("Tuyên truyền pháp luật cho phụ nữ", style="Heading2") +
        p("Cơ quan chủ trì: Hội LHPN tỉnh") + p("Cơ quan phối hợp: Sở Tư pháp; Công an tỉnh") +
        p("Thời gian thực hiện: Quý II/2025") +
        p("Kiểm tra việc thực hiện", style="Heading2") +
        p("Cơ quan chủ trì: Sở Tư pháp") + p("Cơ quan phối hợp: Hội LHPN tỉnh") +
        p("Thời gian thực hiện: Tháng 11/2025") +
        p("TỔ CHỨC THỰC HIỆN", style="Heading1") +
        p("Các cơ quan căn cứ Kế hoạch triển khai thực hiện.") + CLOSING_TABLE),
        numbering=numbering, styles=num_styles)
    # tracked changes: accepted as Word shows them when "All markup" is
    # accepted (inserted text in, deleted text and a deleted row out)
    ins = lambda x: ('<w:ins w:id="11" w:author="A" w:date="2025-03-01T00:00:00Z">' + r(x) +
                     '</w:ins>')
    dele = lambda x: ('<w:del w:id="12" w:author="A" w:date="2025-03-01T00:00:00Z"><w:r>'
                      '<w:delText xml:space="preserve">%s</w:delText></w:r></w:del>' % escape(x))
    fx["g_tracked"] = dict(body=golden_plan(CONTENT_HEAD, tbl(
        tr(*TASK_HEADER, header=True),
        tr("1", tc(p(r("Tuyên truyền pháp luật "), ins("về bình đẳng giới "),
                     r("cho phụ nữ"), dele(" và trẻ em"))),
           "Hội LHPN tỉnh", tc(p(r("Sở Tư pháp"), dele("; Sở Nội vụ"))),
           tc(p(dele("Quý I/2025"), ins("Quý II/2025")))),
        tr("2", "Nội dung đã bỏ", "Sở Nội vụ", "Sở Tư pháp", "Năm 2025", deleted=True),
        tr("3", "Kiểm tra việc thực hiện", "Sở Tư pháp", "Hội LHPN tỉnh", "Tháng 11/2025"),
        cols=5, grid_style="TableGrid")))
    # fields: the date in the header and a cited number shown by their result
    fld = lambda kind: '<w:r><w:fldChar w:fldCharType="%s"/></w:r>' % kind
    instr = lambda x: '<w:r><w:instrText xml:space="preserve">%s</w:instrText></w:r>' % x
    fx["g_fields"] = dict(body=tbl(
        tr(tc(p("ỦY BAN NHÂN DÂN"), p("TỈNH LÀO CAI"),
              p(r("Số: "), fld("begin"), instr(" DOCPROPERTY SoVanBan "), fld("separate"),
                r("15/KH-UBND"), fld("end"))),
           tc(p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), p("Độc lập - Tự do - Hạnh phúc"),
              p(r("Lào Cai, ngày "), fld("begin"), instr(' DATE \\@ "dd" '), fld("separate"),
                r("10"), fld("end"), r(" tháng 3 năm 2025")))),
        cols=2) + TITLE +
        p(r("Căn cứ Kế hoạch số "), fld("begin"), instr(" REF SoKH \\h "), fld("separate"),
          r("112/KH-UBND"), fld("end"), r(" ngày 28/02/2025 của Ủy ban nhân dân tỉnh Lào Cai;")) +
        PURPOSE + CONTENT_HEAD + tbl(
            tr(*TASK_HEADER, header=True),
            tr("1", "Tuyên truyền pháp luật cho phụ nữ", "Hội LHPN tỉnh", "Sở Tư pháp",
               tc(p(r("Quý "), '<w:fldSimple w:instr=" MERGEFIELD Quy ">' + r("II") +
                    '</w:fldSimple>', r("/2025")))),
            cols=5, grid_style="TableGrid") + CLOSE + CLOSING_TABLE)
    # sdt / smartTag / hyperlink / bookmark wrappers around what is read
    sdt = lambda x: '<w:sdt><w:sdtPr><w:alias w:val="Ô"/></w:sdtPr><w:sdtContent>%s</w:sdtContent></w:sdt>' % x
    smart = lambda x: ('<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" '
                       'w:element="place">%s</w:smartTag>' % x)
    fx["g_wrappers"] = dict(body=tbl(
        tr(tc(p("ỦY BAN NHÂN DÂN"), p("TỈNH LÀO CAI"), p(r("Số: "), sdt(r("15/KH-UBND")))),
           tc(p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), p("Độc lập - Tự do - Hạnh phúc"),
              p(smart(r("Lào ") + r("Cai")), r(", ngày 10 tháng 3 năm 2025")))),
        cols=2) +
        sdt(p(r("KẾ HOẠCH", rpr="<w:b/>"))) +
        p('<w:bookmarkStart w:id="0" w:name="TenKH"/>', r("Phối hợp tuyên truyền "),
          '<w:proofErr w:type="spellStart"/>', r("pháp luật năm 2025"),
          '<w:bookmarkEnd w:id="0"/>') +
        p(r("Căn cứ "), '<w:hyperlink r:id="rId9">' + r("Kế hoạch số 112/KH-UBND") +
          '</w:hyperlink>', r(" ngày 28/02/2025 của Ủy ban nhân dân tỉnh Lào Cai;")) +
        PURPOSE + CONTENT_HEAD + tbl(
            tr(*TASK_HEADER, header=True),
            sdt(tr("1", "Tuyên truyền pháp luật cho phụ nữ", "Hội LHPN tỉnh",
                   tc(p(smart(r("Sở Tư pháp")))), "Quý II/2025")),
            tr("2", sdt(tc("Kiểm tra việc thực hiện")), "Sở Tư pháp", "Hội LHPN tỉnh",
               "Tháng 11/2025"),
            cols=5, grid_style="TableGrid") + CLOSE + CLOSING_TABLE)
    # a "DỰ THẢO" stamp in a text box anchored to the type line and the
    # first paragraph: not the title, not content
    box = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
           '<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>' +
           p(r("DỰ THẢO", rpr="<w:b/>")) +
           '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
           '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>' +
           p(r("DỰ THẢO", rpr="<w:b/>")) +
           '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    fx["g_draft_box"] = dict(body=(
        p(box) + HEADER_TABLE + p(box, r("KẾ HOẠCH", rpr="<w:b/>")) +
        p(r("Phối hợp tuyên truyền pháp luật năm 2025", rpr="<w:b/>")) + PURPOSE +
        CONTENT_HEAD + tbl(
            tr(*TASK_HEADER, header=True),
            tr("1", tc(p(box, r("Tuyên truyền pháp luật cho phụ nữ"))), "Hội LHPN tỉnh",
               "Sở Tư pháp", "Quý II/2025"),
            cols=5, grid_style="TableGrid") + CLOSE + CLOSING_TABLE))
    # footnote marks after figures: "80%¹" is 80 %, not 801 %
    fn = lambda k: ('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign '
                    'w:val="superscript"/></w:rPr><w:footnoteReference w:id="%d"/></w:r>' % k)
    fx["g_footnote"] = dict(body=(
        HEADER_TABLE + TITLE + p("I. MỤC ĐÍCH, YÊU CẦU") +
        p(r("Phấn đấu hằng năm có ít nhất 80%"), fn(1),
          r(" cán bộ, hội viên phụ nữ được tuyên truyền, phổ biến pháp luật.")) +
        p(r("Phấn đấu đến năm 2025, trên 90%"), fn(2),
          r(" hộ gia đình hội viên được tư vấn pháp luật.")) +
        CONTENT_HEAD + p("Chi tiết tại Phụ lục kèm theo.") + CLOSE + CLOSING_TABLE),
        parts={"word/footnotes.xml": XMLDECL + '<w:footnotes %s><w:footnote w:id="1">%s'
               '</w:footnote><w:footnote w:id="2">%s</w:footnote></w:footnotes>' % (
                   NS, p("Số liệu năm 2024: 75%."), p("Theo Nghị quyết số 26-NQ/TW."))})
    # a landscape section for the appendix, page breaks before and inside
    fx["g_landscape"] = dict(body=(
        HEADER_TABLE + TITLE + PURPOSE + p("II. NỘI DUNG PHỐI HỢP") +
        p("Chi tiết tại Phụ lục kèm theo.") + CLOSE + CLOSING_TABLE +
        p(ppr='<w:sectPr><w:pgSz w:w="11907" w:h="16840"/></w:sectPr>') +
        p(r("PHỤ LỤC 01", rpr="<w:b/>"), ppr="<w:pageBreakBefore/>") +
        p("Các nhiệm vụ phối hợp năm 2025") + tbl(
            tr(*TASK_HEADER, header=True),
            tr("1", "Tuyên truyền pháp luật cho phụ nữ", "Hội LHPN tỉnh", "Sở Tư pháp",
               "Quý II/2025"),
            tr("2", tc(p(r("Tổ chức hội thi "), '<w:r><w:lastRenderedPageBreak/></w:r>',
                         r("pháp luật"))), "Hội LHPN tỉnh", "Công an tỉnh", "Quý IV/2025"),
            cols=5, grid_style="TableGrid") +
        p('<w:r><w:br w:type="page"/></w:r>') +
        p(ppr='<w:sectPr><w:pgSz w:w="16840" w:h="11907" w:orient="landscape"/></w:sectPr>')))
    return fx


# ---- bad inputs ----------------------------------------------------------------

def zip_bytes(entries, comp=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", comp) as z:
        for name, data in entries:
            z.writestr(name, data)
    return out.getvalue()


def minimal(body_xml):
    return [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", root_rels()),
            ("word/document.xml", body_xml)]


def bad_inputs():
    bad = {}
    good = package(p("Kế hoạch"))
    bad["corrupt_zip"] = b"PK\x03\x04" + b"\x14\x00garbage" * 50
    bad["truncated_zip"] = good[:len(good) // 2]
    bad["not_zip"] = b"Just some text, not a Word file.\n"
    bad["no_document"] = zip_bytes([("[Content_Types].xml", CONTENT_TYPES),
                                    ("_rels/.rels", root_rels("xl/workbook.xml")),
                                    ("xl/workbook.xml", XMLDECL + "<workbook/>")])
    bad["zip_other"] = zip_bytes([("readme.txt", "Kế hoạch")])
    bad["not_word_root"] = zip_bytes(minimal(XMLDECL + "<html><body>Kế hoạch</body></html>"))
    bad["bad_xml"] = zip_bytes(minimal(XMLDECL + '<w:document %s><w:body><w:p><w:r><w:t>'
                                       'Kế hoạch</w:r></w:p>' % NS))
    bad["empty_body"] = package(p() + p(r(" ")))
    # a bomb: one part of 8 MiB that deflates ~1000 times
    para = p("Kế hoạch phối hợp") * 1
    bomb = document_xml(para * (8 * 1024 * 1024 // len(para.encode())))
    bad["bomb_ratio"] = zip_bytes(minimal(bomb))
    # a part over 64 MiB, stored (ratio 1): many 1 MiB comments
    big = (XMLDECL + '<w:document %s><w:body>' % NS + ("<!--" + "x" * (1 << 20) + "-->") * 66 +
           p("Kế hoạch") + '</w:body></w:document>')
    bad["bomb_size"] = zip_bytes(minimal(big), zipfile.ZIP_STORED)
    bad["many_entries"] = zip_bytes(minimal(document_xml(p("Kế hoạch"))) +
                                    [("word/media/x%d.xml" % i, "x") for i in range(2001)])
    # an OLE2 file holding an encrypted package (the container of a
    # password-protected .docx): the magic, then the two stream names
    ole = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    ole += "EncryptionInfo".encode("utf-16-le") + b"\x00" * 50
    ole += "EncryptedPackage".encode("utf-16-le") + b"\x00" * 2000
    bad["encrypted_ole"] = bytes(ole)
    bad["ole_doc"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + \
        "WordDocument".encode("utf-16-le") + b"\x00" * 2000
    # a zip whose entry is flagged as encrypted (traditional PKWARE)
    z = bytearray(zip_bytes(minimal(document_xml(p("Kế hoạch"))), zipfile.ZIP_STORED))
    i = 0
    while True:
        i = z.find(b"PK\x03\x04", i)
        if i < 0:
            break
        z[i + 6] |= 1
        i += 4
    i = 0
    while True:
        i = z.find(b"PK\x01\x02", i)
        if i < 0:
            break
        z[i + 8] |= 1
        i += 4
    bad["encrypted_entry"] = bytes(z)
    # DOCTYPE with an external entity that would read /etc/passwd
    xxe = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [\n'
           '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<w:document %s><w:body><w:p><w:r>'
           '<w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>' % NS)
    bad["xxe"] = package("", raw_document=xxe)
    laughs = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
              '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
              '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
              '<w:document %s><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body>'
              '</w:document>' % NS)
    bad["laughs"] = package("", raw_document=laughs)
    # a DOCTYPE in styles.xml, and DOCTYPEs placed across read boundaries
    bad["xxe_styles"] = zip_bytes(minimal(document_xml(p("Kế hoạch"))) + [
        ("word/styles.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM '
         '"file:///etc/passwd">]><w:styles %s><w:style w:styleId="&e;"/></w:styles>' % NS)])
    for pad in (4000, 4050, 4090, 4093, 4096, 8180, 8190, 16375, 16380):
        doc = ('<?xml version="1.0"?>\n<!--' + "p" * pad + '--><!DOCTYPE w:document [<!ENTITY '
               'xxe SYSTEM "file:///etc/passwd">]><w:document %s><w:body><w:p><w:r><w:t>&xxe;'
               '</w:t></w:r></w:p></w:body></w:document>' % NS)
        bad["xxe_pad%d" % pad] = package("", raw_document=doc)
    bad["utf16"] = package("", raw_document=document_xml(p("Kế hoạch")).replace(
        'encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    # deep nesting: elements, and tables inside tables
    deep = "<w:customXml>" * 300 + p("sâu") + "</w:customXml>" * 300
    bad["deep_xml"] = package(deep)
    nest = p("x")
    for _ in range(70):
        nest = tbl(tr(tc(nest)), cols=1)
    bad["deep_tables"] = package(nest)
    # 10,000 and 10,001 tables (stored: such a document would deflate well
    # past the ratio, and the table limit is what is tried here)
    one = tbl(tr("STT", "Nội dung", "Cơ quan chủ trì"), tr("1", "Việc", "Sở Nội vụ"), cols=3,
              borders=True)
    bad["tables_10000"] = package(one * 10000, stored=True)
    bad["tables_10001"] = package(one * 10001, stored=True)
    return bad


# ---- a plan text as a .docx ----------------------------------------------------

UPPER_START = re.compile(r"[A-Z0-9ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚĂĐĨŨƠƯẠ-Ỹ]")


def md_glued_split(line):
    """A "**" run glued between a word (or ".:;)") and a capital or digit
    ("KẾ HOẠCH**Triển khai", "ĐỘNG**1. Tuyên truyền") starts a new
    paragraph, as a typist who lost the paragraph break meant."""
    parts, last = [], 0
    for m in re.finditer(r"\*\*+", line):
        a, b = m.start(), m.end()
        if a == 0 or b == len(line):
            continue
        prev, nxt = line[a - 1], line[b]
        if (prev.isalnum() or prev in ".:;)") and (nxt.isupper() or nxt.isdigit()):
            parts.append(line[last:a])
            last = b
    parts.append(line[last:])
    return parts


def md_plain(s):
    """A Markdown line's text as Word shows it: emphasis marks dropped (a
    '*' run between two digits, "3*20", and the note mark "(*)" kept),
    a hard break's trailing spaces or backslash dropped, "#" headings
    unmarked."""
    s = re.sub(r"^\s*#{1,6}\s+", "", s)
    s = re.sub(r"(\\| {2,})$", "", s)
    s = re.sub(r"(?<!\d)\*+|\*+(?!\d)", lambda m: m.group(0)
               if m.string[max(0, m.start() - 1):m.end() + 1] == "(*)" else "", s)
    return s.strip()


def md_blocks(text):
    """A Markdown-ish plan text as blocks: ("para", [line, ...]) for the
    lines of one paragraph (line breaks kept, as a typist's Word file has
    them), ("row", [cell, ...]) for a tab or pipe table row, ("blank",)."""
    blocks = []
    open_para = False
    for raw in text.splitlines():
        line = raw.rstrip("\n")
        if not line.strip():
            blocks.append(("blank",))
            open_para = False
            continue
        if "\t" in line and len([c for c in line.split("\t") if c.strip()]) >= 2:
            blocks.append(("row", [md_plain(c) for c in line.split("\t")]))
            open_para = False
            continue
        if line.strip().startswith("|") and line.count("|") >= 2:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(re.match(r"^:?-+:?$", c) for c in cells if c):
                blocks.append(("row", [md_plain(c) for c in cells]))
            open_para = False
            continue
        if re.match(r"^\s*([-*_]\s*){3,}$", line):
            continue
        heading = re.match(r"^\s*#{1,6}\s", line) is not None
        item = re.match(r"^\s*[-*+]\s+", line) is not None
        pieces = md_glued_split(line)
        for k, piece in enumerate(pieces):
            if item and k == 0:
                piece = re.sub(r"^\s*[-*+]\s+", "- ", piece)
            if open_para and k == 0 and not heading and not item:
                blocks[-1][1].append(piece)
            else:
                blocks.append(("para", [piece]))
        open_para = not heading
    out = []
    for b in blocks:
        if b[0] == "para":
            lines = [md_plain(x) for x in b[1]]
            lines = [x for x in lines if x]
            if lines:
                out.append(("para", lines))
        else:
            out.append(b)
    return out


def para_br(lines, bold=False):
    """One Word paragraph, its lines separated by w:br."""
    rpr = "<w:b/>" if bold else ""
    runs = []
    for k, line in enumerate(lines):
        if k:
            runs.append(BR)
        runs.append(r(line, rpr=rpr))
    return p(*runs)


def is_signature_lines(lines):
    """The authority and position lines of a signature block: all capitals,
    "TM." / "KT." / a position."""
    text = " ".join(lines)
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and (
        re.match(r"^(TM|KT|TL|TUQ|Q)\.", lines[0]) is not None or
        re.search(r"CHỦ TỊCH|TRƯỞNG|GIÁM ĐỐC|BÍ THƯ|CHỦ NHIỆM", text) is not None)


def is_name(lines):
    words = " ".join(lines).split()
    return (len(lines) == 1 and 2 <= len(words) <= 6 and
            all(w[0].isupper() for w in words) and not all(w.isupper() for w in words))


def plan_text_docx(text):
    """A Markdown-ish plan (the shape of ../shared/samples) as the Word file
    a clerk would have typed: the lines before the type line ("KẾ HOẠCH",
    "CHƯƠNG TRÌNH ...") as a borderless two-column Decree 30 header table
    (issuing body and "Số:" left; Quốc hiệu, Tiêu ngữ, place and date
    right); the closing as a borderless table ("Nơi nhận:" and its list
    left, the signature block right; two signature blocks side by side);
    tab and pipe tables as bordered Word tables (one table across blank
    lines when the rows that follow have its width, the first row a
    repeated header row); every other paragraph one Word paragraph, its
    line breaks w:br; Markdown emphasis and heading marks dropped."""
    blocks = md_blocks(text)
    body = []
    i = 0
    head = []
    while i < len(blocks):
        b = blocks[i]
        if b[0] == "para" and re.match(r"^(KẾ HOẠCH|CHƯƠNG TRÌNH)", b[1][0]):
            break
        if b[0] == "para":
            head.extend(b[1])
        i += 1
    if i == len(blocks):  # no type line: no header table
        i, head = 0, []

    def right_side(h):
        return (h.startswith("CỘNG HÒA") or h.startswith("CỘNG HOÀ") or
                h.startswith("Độc lập") or re.search(r"ngày .* năm", h) is not None)
    if head:
        left = [h for h in head if not right_side(h)]
        right = [h for h in head if right_side(h)]
        # a Word original has the Quốc hiệu and Tiêu ngữ that a text copy
        # often lost; they name nobody, so the extraction must not change
        if not any(h.startswith("CỘNG HÒA") or h.startswith("CỘNG HOÀ") for h in right):
            right[:0] = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        body.append(tbl(tr(tc(*[p(h) for h in left] or [p()]),
                           tc(*[p(h) for h in right] or [p()])), cols=2, borders=False))
    rest = blocks[i:]
    paras = [k for k, b in enumerate(rest) if b[0] == "para"]

    # the closing: "Nơi nhận:" with its list, and the signature blocks
    # (capital lines, then a name) next to it
    closing = {}  # index in rest -> replacement XML ("" drops the block)
    nn = next((k for k in paras if re.match(r"^Nơi nhận", rest[k][1][0])), None)
    if nn is not None:
        recip = [nn]
        k = nn + 1
        while k < len(rest) and (rest[k][0] == "blank" or rest[k][1][0].startswith("- ")):
            if rest[k][0] == "para":
                recip.append(k)
            k += 1
        after = k

        def sig_at(k, step):
            """Signature blocks (sig para index, name para index) from k on."""
            found = []
            pi = [x for x in paras if (x >= k if step > 0 else x < k)]
            if step < 0:
                pi = pi[::-1]
            j = 0
            while j + 1 < len(pi):
                a, b = (pi[j], pi[j + 1]) if step > 0 else (pi[j + 1], pi[j])
                if is_signature_lines(rest[a][1]) and is_name(rest[b][1]):
                    found.append((a, b))
                    j += 2
                else:
                    break
            return found if step > 0 else found[::-1]
        sig_after = sig_at(after, 1)
        sig_before = sig_at(nn, -1)
        recip_cell = tc(*[p(x) for k2 in recip for x in rest[k2][1]])

        def sig_cell(a, b):
            return tc(*[p(r(x, rpr="<w:b/>")) for x in rest[a][1]], p(), p(),
                      p(r(rest[b][1][0], rpr="<w:b/>")))
        if len(sig_after) == 1:
            a, b = sig_after[0]
            closing[nn] = tbl(tr(recip_cell, sig_cell(a, b)), cols=2, borders=False)
            for k2 in recip[1:] + [a, b]:
                closing[k2] = ""
        elif len(sig_before) == 1:
            a, b = sig_before[0]
            closing[a] = tbl(tr(recip_cell, sig_cell(a, b)), cols=2, borders=False)
            for k2 in recip + [b]:
                closing[k2] = ""
        elif len(sig_before) == 2:
            (a1, b1), (a2, b2) = sig_before
            closing[a1] = tbl(tr(sig_cell(a1, b1), sig_cell(a2, b2)), cols=2, borders=False)
            for k2 in (b1, a2, b2):
                closing[k2] = ""

    rows = []

    def flush_rows():
        """The rows as a Word table, as a clerk lays it out: the header row
        repeated on each page; a lead agency shared by consecutive rows
        merged down (vMerge); the agencies of a "Cơ quan phối hợp" cell one
        paragraph each instead of "; "."""
        if not rows:
            return
        width = max(len(x) for x in rows)
        grid = [x + [""] * (width - len(x)) for x in rows]
        names = [c.lower() for c in grid[0]]
        lead = next((c for c, n in enumerate(names) if "chủ trì" in n), None)
        coord = next((c for c, n in enumerate(names) if "phối hợp" in n), None)
        out = [tr(*grid[0], header=True)]
        for k, row in enumerate(grid[1:], 1):
            cells = []
            for c, text in enumerate(row):
                if c == lead and text:
                    same_prev = k > 1 and grid[k - 1][c] == text
                    same_next = k + 1 < len(grid) and grid[k + 1][c] == text
                    if same_prev:
                        cells.append(tc(vmerge="continue"))
                        continue
                    if same_next:
                        cells.append(tc(text, vmerge="restart"))
                        continue
                if c == coord and "; " in text:
                    cells.append(tc(*[p(x) for x in text.split("; ")]))
                    continue
                cells.append(tc(text))
            out.append(tr(*cells))
        body.append(tbl(*out, cols=width, grid_style="TableGrid"))
        rows.clear()
    for k, b in enumerate(rest):
        if b[0] == "row":
            rows.append(b[1])
            continue
        if b[0] == "blank":
            if rows:
                nxt = next((x for x in rest[k:] if x[0] != "blank"), None)
                if not (nxt and nxt[0] == "row" and len(nxt[1]) == len(rows[0])):
                    flush_rows()
            continue
        flush_rows()
        if k in closing:
            body.append(closing[k])
            continue
        body.append(para_br(b[1]))
    flush_rows()
    return package("".join(body))


def fuzz_seeds(out):
    """Seeds of tests/fuzz/fuzz_docx.c: small packages, and "X" + the
    document.xml of some (the target packs those itself)."""
    os.makedirs(out, exist_ok=True)
    fx = fixtures()
    for name in ("header_table", "task_merged", "two_row_header", "nested_table", "numbering",
                 "fields", "wrappers", "textbox", "br_tab", "spaces"):
        v = fx[name]
        with open(os.path.join(out, name + ".docx"), "wb") as f:
            f.write(package(v["body"], v.get("styles", ""), v.get("numbering", ""),
                            v.get("parts"), stored=True))
        with open(os.path.join(out, name + ".xml"), "wb") as f:
            f.write(b"X" + document_xml(v["body"], sect=False).encode())


def bench_plan(sections=6, paras=7, tasks=6):
    """A plan for bench/bench_docx.c that LibreOffice 7.4 lays out on 22 A4
    pages: the header table, 6 sections of 7 numbered paragraphs of some
    60 words, an appendix of 36 tasks in 6 section rows with merged leads
    and agency lists, and the closing table."""
    numbering, num_styles = numbering_parts()
    words = ("Tổ chức triển khai thực hiện có hiệu quả các nội dung phối hợp giữa Ủy ban nhân dân "
             "tỉnh với Hội Liên hiệp Phụ nữ tỉnh trong công tác tuyên truyền, phổ biến, giáo dục "
             "pháp luật, hỗ trợ phụ nữ phát triển kinh tế, xây dựng gia đình hạnh phúc, bình đẳng "
             "giới và phòng, chống bạo lực gia đình trên địa bàn các huyện, thị xã, thành phố")
    body = [HEADER_TABLE, p(r("KẾ HOẠCH", rpr="<w:b/>")),
            p("Phối hợp hoạt động năm 2025")]
    for sec in range(sections):
        body.append(p("NỘI DUNG PHỐI HỢP SỐ %d" % (sec + 1), style="Heading1"))
        for k in range(paras):
            body.append(p(r(words[:40]), r(words[40:] + " (mục %d.%d)." % (sec + 1, k + 1)),
                          num=(1, 2)))
    rows = [tr(*TASK_HEADER, header=True), tr(*["(%d)" % i for i in range(1, 6)])]
    n = 0
    for sec in range(sections):
        rows.append(tr(tc("%s. NHÓM NHIỆM VỤ SỐ %d" % ("IVX"[sec % 3], sec + 1), span=5)))
        for k in range(tasks):
            n += 1
            lead = tc("Hội LHPN tỉnh", vmerge="restart") if k % 2 == 0 else tc(vmerge="continue")
            rows.append(tr("%d" % n, tc(p(words[:110])), lead,
                           tc(p("- Sở Tư pháp;"), p("- Sở Nội vụ;"), p("- Công an tỉnh")),
                           "Quý %s/2025" % ("I", "II", "III", "IV")[k % 4]))
    body += [p("PHỤ LỤC"), tbl(*rows, cols=5, grid_style="TableGrid"), CLOSING_TABLE]
    return package("".join(body), num_styles, numbering)


def main(argv):
    if len(argv) >= 3 and argv[1] == "--bench":
        with open(argv[2], "wb") as f:
            f.write(bench_plan())
        return 0
    if len(argv) >= 2 and argv[1] == "--fuzz-seeds":
        fuzz_seeds(argv[2])
        return 0
    if len(argv) >= 4 and argv[2] == "--plan-text":
        with open(argv[3], encoding="utf-8") as f:
            data = plan_text_docx(f.read())
        with open(argv[4], "wb") as f:
            f.write(data)
        return 0
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = argv[1]
    os.makedirs(out, exist_ok=True)
    want = set(argv[2:])
    items = {k: package(v["body"], v.get("styles", ""), v.get("numbering", ""), v.get("parts"))
             for k, v in fixtures().items()}
    items.update(bad_inputs())
    for name, data in items.items():
        if want and name not in want:
            continue
        with open(os.path.join(out, name + ".docx"), "wb") as f:
            f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

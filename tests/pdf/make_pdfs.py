#!/usr/bin/env python3
"""make_pdfs.py OUTDIR [SAMPLES_DIR]: the PDF fixtures of tests/unit/test_pdf.c
and of bench/pdf_bench.c, made here from HTML that this script writes, by
LibreOffice headless (one profile directory per conversion: two conversions
sharing a profile silently produce nothing). Written into OUTDIR:

  plan.pdf       a plan as an office types it: the Decree 30 header as a
                 borderless two-column table, title, sections, paragraphs
                 long enough to wrap, an appendix task table over two pages,
                 the closing as a borderless two-column table
  plan.txt       the same plan as the text the importer reads
  landscape.pdf  the appendix table alone on landscape pages
  long.pdf       a plan of 20 pages (for bench/pdf.sh)
  scan.pdf       one page holding an image and no text (a scan)
  encrypted.pdf  plan.pdf exported with a password
  many.pdf       1,001 pages, written by hand (over RENDER_MAX_PAGES)
  limit.pdf      1,000 pages, each with its number in the top margin
  sample-N.pdf   each sample of SAMPLES_DIR (text) turned into HTML, then PDF
  word-NAME.docx a plan as a clerk types it in Word, written here with
  word-NAME.pdf  zipfile, and LibreOffice's PDF of it (see WORD_PLANS):
                 "simple" (no spacing, nothing centred: the plan of
                 tests/http/test_import_files.py), "inline" (a centred
                 header whose left column is shorter, the task table in the
                 middle of the body, more paragraphs after it, the closing
                 with room for the signature), "appendix" (the appendix
                 table on the page of the body, right after its paragraphs),
                 "landscape" (the appendix on landscape pages of its own)

Exits 77 when LibreOffice is absent (the test then skips), 1 on failure.
Only the standard library."""
import html
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from xml.sax.saxutils import escape as xesc

CSS = """
body { font-family: 'Times New Roman', 'Liberation Serif', serif; font-size: 13pt; }
"""

# Inline attributes: LibreOffice's HTML import honours them where it
# ignores most class rules.
BODY = "<p align='justify' style='text-indent: 1cm; margin-top: 0; margin-bottom: 6pt'>%s</p>"
TITLE = "<p align='center' style='margin-top: 0; margin-bottom: 6pt'><b>%s</b></p>"
WIDTHS = [6, 34, 15, 21, 14, 10]

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def page(body, landscape=False):
    size = "size: 297mm 210mm;" if landscape else "size: 210mm 297mm;"
    # LibreOffice 7.4 loses a first paragraph holding " /" (the blank
    # "Số: /KH-UBND" of a draft): an empty paragraph goes first.
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><style>@page { %s margin: 20mm 15mm 20mm 30mm; }%s</style>"
            "</head><body><p>&nbsp;</p>%s</body></html>" % (size, CSS, body))


def esc(s):
    return html.escape(s, quote=False)


def cp(text, size=12, bold=False, italic=False, align="center"):
    t = esc(text)
    if bold:
        t = "<b>%s</b>" % t
    if italic:
        t = "<i>%s</i>" % t
    return "<p align='%s' style='margin: 0; font-size: %dpt'>%s</p>" % (align, size, t)


def header(issuer, number, place_date):
    left = "".join(cp(x, bold=True) for x in issuer) + cp("Số: " + number, 13)
    right = (cp("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True) + cp("Độc lập - Tự do - Hạnh phúc", 13, True) +
             cp(place_date, 13, italic=True))
    return ("<table width='100%%' cellspacing='0' cellpadding='2' border='0'><tr>"
            "<td width='38%%' valign='top'>%s</td><td width='62%%' valign='top'>%s</td></tr></table><p></p>"
            % (left, right))


def closing(recipients, authority, position, name):
    left = cp("Nơi nhận:", 12, True, True, "left") + "".join(cp("- %s;" % r, 11, align="left") for r in recipients)
    right = "".join(cp(x, 13, True) for x in authority + [position]) + \
        "<p>&nbsp;</p><p>&nbsp;</p>" + cp(name, 13, True)
    return ("<table width='100%%' cellspacing='0' cellpadding='2' border='0'><tr>"
            "<td width='50%%' valign='top'>%s</td><td width='50%%' valign='top'>%s</td></tr></table>" % (left, right))


def data_table(head, rows):
    """rows: a list of lists of cells, or a string (a section row)."""
    out = ["<table width='100%' cellspacing='0' cellpadding='4' border='1'>",
           "<thead><tr>" + "".join("<td width='%d%%' valign='top'>%s</td>" % (w, cp(h, 12, True))
                                   for w, h in zip(WIDTHS, head)) + "</tr></thead><tbody>"]
    for r in rows:
        if isinstance(r, str):
            out.append("<tr><td colspan='%d' valign='top'>%s</td></tr>" % (len(head), cp(r, 12, True, align="left")))
        else:
            out.append("<tr>" + "".join("<td width='%d%%' valign='top'>%s</td>" %
                                        (w, cp(c, 12, align="center" if k in (0, 4) else "left"))
                                        for k, (w, c) in enumerate(zip(WIDTHS, r))) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


HEAD = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Ghi chú"]

LONG = ("Chỉ đạo các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố phối hợp với Hội "
        "Liên hiệp Phụ nữ cùng cấp tổ chức các hoạt động hỗ trợ phụ nữ phát triển kinh tế, khởi nghiệp, "
        "gắn với việc thực hiện các chương trình mục tiêu quốc gia giai đoạn 2021-2025 và phát triển "
        "kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi trên địa bàn tỉnh.")

AGENCIES = ["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Y tế",
            "Sở Giáo dục và Đào tạo", "Công an tỉnh", "Ban Dân tộc tỉnh", "Sở Văn hóa và Thể thao"]


def task_rows(n, start=1):
    rows = []
    for i in range(start, start + n):
        content = ("Tổ chức tuyên truyền, phổ biến các chủ trương, chính sách của Đảng, pháp luật của Nhà "
                   "nước về bình đẳng giới và phòng, chống bạo lực gia đình đợt %d tại các xã, phường." % i)
        lead = AGENCIES[i % len(AGENCIES)]
        coord = "%s; %s" % (AGENCIES[(i + 1) % len(AGENCIES)], AGENCIES[(i + 3) % len(AGENCIES)])
        rows.append([str(i), content, lead, coord, "Quý %s/2025" % ["I", "II", "III", "IV"][i % 4], ""])
    return rows


PLAN_TEXT_TASKS = 24


def plan_html(ntask=PLAN_TEXT_TASKS, paras=3, landscape_appendix=False):
    b = [header(["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"], "15/KH-UBND", "Lào Cai, ngày 10 tháng 3 năm 2025")]
    b.append(TITLE % "KẾ HOẠCH")
    b.append(TITLE % "Triển khai công tác bình đẳng giới trên địa bàn tỉnh năm 2025")
    b.append(BODY % ("Căn cứ Quyết định số 1432/QĐ-UBND ngày 04/5/2021 của Ủy ban nhân dân tỉnh Lào Cai về "
             "việc ban hành Quy chế phối hợp hoạt động và mối quan hệ công tác giữa các cơ quan, đơn vị "
             "trên địa bàn tỉnh giai đoạn 2021 - 2025, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"))
    b.append(BODY % "<b>I. MỤC ĐÍCH, YÊU CẦU</b>")
    for k in range(paras):
        b.append(BODY % ("%d. %s" % (k + 1, LONG)))
    b.append(BODY % "a) Bảo đảm sự phối hợp chặt chẽ giữa các cơ quan trong quá trình triển khai thực hiện.")
    b.append(BODY % "b) Các hoạt động phải thiết thực, hiệu quả, phù hợp với điều kiện của địa phương.")
    b.append(BODY % "<b>II. NỘI DUNG</b>")
    b.append(BODY % ("%s" % LONG))
    rows = task_rows(ntask // 2)
    rows.append("II. CÔNG TÁC KIỂM TRA, GIÁM SÁT")
    rows += task_rows(ntask - ntask // 2, ntask // 2 + 1)
    table = data_table(HEAD, rows)
    b.append(TITLE % "PHỤ LỤC")
    b.append(table)
    b.append(BODY % "<b>III. TỔ CHỨC THỰC HIỆN</b>")
    b.append(BODY % ("%s" % LONG))
    b.append(closing(["Ủy ban nhân dân tỉnh", "Các sở, ban, ngành", "Lưu: VT"],
                     ["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH", "Nguyễn Văn An"))
    return page("".join(b))


def plan_text(ntask=PLAN_TEXT_TASKS, paras=3):
    """The same plan as text (what the reader of text reads)."""
    # the header's and the closing's columns each a run of lines, as a
    # Word reader writes a layout table's cells
    t = ["ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 15/KH-UBND",
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLào Cai, ngày 10 tháng 3 năm 2025",
         "KẾ HOẠCH",
         "Triển khai công tác bình đẳng giới trên địa bàn tỉnh năm 2025",
         "Căn cứ Quyết định số 1432/QĐ-UBND ngày 04/5/2021 của Ủy ban nhân dân tỉnh Lào Cai về việc ban "
         "hành Quy chế phối hợp hoạt động và mối quan hệ công tác giữa các cơ quan, đơn vị trên địa bàn "
         "tỉnh giai đoạn 2021 - 2025, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
         "I. MỤC ĐÍCH, YÊU CẦU"]
    for k in range(paras):
        t.append("%d. %s" % (k + 1, LONG))
    t += ["a) Bảo đảm sự phối hợp chặt chẽ giữa các cơ quan trong quá trình triển khai thực hiện.",
          "b) Các hoạt động phải thiết thực, hiệu quả, phù hợp với điều kiện của địa phương.",
          "II. NỘI DUNG", LONG, "PHỤ LỤC"]
    out = "\n\n".join(t) + "\n\n"
    rows = task_rows(ntask // 2)
    rows.append("II. CÔNG TÁC KIỂM TRA, GIÁM SÁT")
    rows += task_rows(ntask - ntask // 2, ntask // 2 + 1)
    out += "\t".join(HEAD) + "\n"
    for r in rows:
        out += (r + "\t" * (len(HEAD) - 1) if isinstance(r, str) else "\t".join(r)) + "\n"
    out += "\n" + "\n\n".join(["III. TỔ CHỨC THỰC HIỆN", LONG,
                               "Nơi nhận:\n- Ủy ban nhân dân tỉnh;\n- Các sở, ban, ngành;\n- Lưu: VT;",
                               "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An"]) + "\n"
    return out


def landscape_html():
    b = [TITLE % "PHỤ LỤC", data_table(HEAD, task_rows(30))]
    return page("".join(b), landscape=True)


def long_html():
    b = [header(["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"], "20/KH-UBND", "Lào Cai, ngày 12 tháng 4 năm 2025"),
         TITLE % "KẾ HOẠCH", TITLE % "Thực hiện các nhiệm vụ trọng tâm năm 2025"]
    for s in range(1, 7):
        b.append(BODY % ("<b>%s. NHIỆM VỤ NHÓM %d</b>" % (["I", "II", "III", "IV", "V", "VI"][s - 1], s)))
        for k in range(4):
            b.append(BODY % ("%d. %s" % (k + 1, LONG)))
    b.append(TITLE % "PHỤ LỤC")
    b.append(data_table(HEAD, task_rows(72)))
    b.append(closing(["Như trên", "Lưu: VT"], ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH",
                     "Trần Thị Bình"))
    return page("".join(b))


def sample_clean(text):
    """A sample's text without its Markdown markup (headings' "#", "**" and
    "*"; a heading glued to the title by "**" split), as a typist would
    have it in Word: what both the PDF and the expected text are made of."""
    out = []
    for ln in text.split("\n"):
        if "\t" in ln:
            out.append(ln.replace("**", ""))
            continue
        ln = re.sub(r"^#+\s*", "", ln.strip())
        k = ln.find("**")
        if k > 0 and ln[k - 1] != " ":
            ln = ln[:k] + "\n\n" + ln[k + 2:]
        out.append(ln.replace("**", "").replace("*", "").rstrip())
    return "\n".join(out)


def sample_html(text):
    """A sample's (clean) text as a typed document: paragraphs, tab rows as
    a table (the header row bold)."""
    lines = text.split("\n")
    b = []
    i = 0
    while i < len(lines):
        ln = lines[i].strip()
        if "\t" in lines[i]:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            w = max(len(r) for r in rows)
            b.append("<table width='100%' cellspacing='0' cellpadding='4' border='1'>")
            widths = WIDTHS if w == 6 else [100 // w] * w
            for k, r in enumerate(rows):
                r = r + [""] * (w - len(r))
                b.append("<tr>" + "".join("<td width='%d%%' valign='top'>%s</td>" % (wd, cp(c.strip(), 12, k == 0, align="left"))
                                          for wd, c in zip(widths, r)) + "</tr>")
            b.append("</table>")
            continue
        i += 1
        if not ln:
            continue
        b.append(BODY % esc(ln))
    return page("".join(b))


# ---- Word plans, written by hand as WordprocessingML ----------------------

WNS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def wp(text, bold=False, align=None, size=None, indent=None, after=None, italic=False):
    """A paragraph: align "center"/"both", size in points, indent (first
    line) in points, after (space after) in points."""
    ppr = ""
    if indent is not None:
        ppr += '<w:ind w:firstLine="%d"/>' % (indent * 20)
    if after is not None:
        ppr += '<w:spacing w:before="0" w:after="%d"/>' % (after * 20)
    if align:
        ppr += '<w:jc w:val="%s"/>' % align
    rpr = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + \
        ('<w:sz w:val="%d"/>' % (size * 2) if size else "")
    return ('<w:p>%s<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>'
            % ("<w:pPr>%s</w:pPr>" % ppr if ppr else "", "<w:rPr>%s</w:rPr>" % rpr if rpr else "",
               xesc(text)))


def wtable(rows, widths, borders=True):
    """rows: lists of cells; a cell is a paragraph's text, a list of them,
    or a list of already written paragraphs (strings starting "<w:p")."""
    b = ('<w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/>'
         '<w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/>'
         '<w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>'
         '</w:tblBorders>') if borders else ""
    grid = "".join('<w:gridCol w:w="%d"/>' % w for w in widths)
    out = []
    for r in rows:
        cells = []
        for k, c in enumerate(r):
            paras = c if isinstance(c, list) else [c]
            xml = "".join(x if x.startswith("<w:p") else wp(x) for x in paras) or "<w:p/>"
            cells.append('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>' % (widths[k], xml))
        out.append("<w:tr>%s</w:tr>" % "".join(cells))
    return "<w:tbl><w:tblPr>%s</w:tblPr><w:tblGrid>%s</w:tblGrid>%s</w:tbl>" % (b, grid, "".join(out))


def write_docx(path, body_xml, landscape_last=False):
    sect = ('<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr>' if landscape_last
            else '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document %s><w:body>%s%s'
                   '</w:body></w:document>' % (WNS, body_xml, sect))


# (no, content, lead, coordinating units, timeframe): task 2's one unit is
# written with a spaced dash, which the layout of a narrow cell wraps.
WORD_TASKS = [
    ("1", "Tập huấn khởi sự kinh doanh cho hội viên.", "Hội LHPN tỉnh",
     ["Sở LĐ-TB&XH", "Sở Kế hoạch và Đầu tư"], "Quý I/2024"),
    ("2", "Hỗ trợ thành lập tổ hợp tác do phụ nữ làm chủ.", "Hội LHPN tỉnh",
     ["Sở Lao động - Thương binh và Xã hội"], "Quý II, III/2024"),
    ("3", "Tổ chức ngày hội phụ nữ khởi nghiệp cấp tỉnh.", "Sở Lao động-TB&XH",
     ["Hội LHPN tỉnh", "Sở Công Thương"], "Quý IV/2024"),
    ("4", "Tuyên truyền trên các phương tiện thông tin đại chúng.", "Hội LHPN tỉnh",
     ["Sở TT&TT"], "Quý IV/2024"),
]
WORD_HEAD = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Ghi chú"]
WORD_WIDTHS = [600, 3000, 1500, 1800, 1300, 800]


def word_tasks(align=None):
    rows = [[wp(h, bold=True, align=align) for h in WORD_HEAD]]
    for no, content, lead, coord, when in WORD_TASKS:
        rows.append([no, content, lead, ["- " + c for c in coord], when, ""])
    return wtable(rows, WORD_WIDTHS)


BODY_LONG = ("Căn cứ Quyết định số 1432/QĐ-UBND ngày 04/5/2021 của Ủy ban nhân dân tỉnh Lào Cai về việc ban "
             "hành Quy chế phối hợp giữa Ủy ban nhân dân tỉnh với Hội Liên hiệp Phụ nữ tỉnh giai đoạn "
             "2021 - 2026, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:")
BODY_2 = ("Các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố căn cứ chức năng, nhiệm vụ "
          "được giao chủ động phối hợp với Hội Liên hiệp Phụ nữ cùng cấp triển khai thực hiện các nội "
          "dung của Kế hoạch này, bảo đảm thiết thực, hiệu quả.")
BODY_3 = ("1. Hội Liên hiệp Phụ nữ tỉnh xây dựng báo cáo gửi về Sở Nội vụ (báo cáo sơ kết 06 tháng "
          "trước ngày 15/6; báo cáo tổng kết trước ngày 20/12/2024).")


def word_plan(kind):
    """The Word plan of one kind (see the docstring)."""
    if kind == "simple":
        head = wtable([[["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "Số: 99/KH-UBND"],
                        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                         "Lào Cai, ngày 12 tháng 3 năm 2024"]]], [3500, 5500], borders=False)
        closing = wtable([[["Nơi nhận:", "- Hội Liên hiệp Phụ nữ tỉnh;", "- Lưu: VT."],
                           ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Thử"]]],
                         [4500, 4500], borders=False)
        body = (head + wp("KẾ HOẠCH", True)
                + wp("Phối hợp tổ chức các hoạt động hỗ trợ phụ nữ khởi nghiệp năm 2024", True)
                + wp("Căn cứ Quyết định số 1432/QĐ-UBND ngày 04/5/2021 của Ủy ban nhân dân tỉnh Lào Cai;")
                + wp("I. MỤC ĐÍCH, YÊU CẦU", True)
                + wp("1. Bảo đảm sự phối hợp thường xuyên giữa các cơ quan trong năm 2024.")
                + wp("II. TỔ CHỨC THỰC HIỆN", True) + wp(BODY_3)
                + closing + wp("PHỤ LỤC 01", True) + word_tasks() + "<w:p/>")
        return body, False
    c = dict(align="center", after=0)
    # the left column shorter than the right: two lines against three
    left = [wp("UBND TỈNH LÀO CAI", True, size=13, **c), wp("Số: 27/KH-UBND", size=13, **c)]
    right = [wp("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, size=12, **c),
             wp("Độc lập - Tự do - Hạnh phúc", True, size=13, **c),
             wp("Lào Cai, ngày 05 tháng 4 năm 2024", size=13, italic=True, **c)]
    head = wtable([[left, right]], [3600, 5600], borders=False)
    sign = [wp("TM. ỦY BAN NHÂN DÂN", True, size=13, **c), wp("KT. CHỦ TỊCH", True, size=13, **c),
            wp("PHÓ CHỦ TỊCH", True, size=13, **c), "<w:p/>", "<w:p/>", "<w:p/>",
            wp("Trần Thị Bình", True, size=13, **c)]
    recip = [wp("Nơi nhận:", True, size=12, italic=True, after=0),
             wp("- Thường trực Tỉnh ủy, HĐND tỉnh;", size=11, after=0),
             wp("- Các sở, ban, ngành, đoàn thể tỉnh;", size=11, after=0),
             wp("- Lưu: VT, NC.", size=11, after=0)]
    closing = wtable([[recip, sign]], [4300, 4900], borders=False)
    b = dict(align="both", indent=28, after=6, size=13)
    t = dict(align="center", after=6, size=13)
    top = (head + wp("", after=6) + wp("KẾ HOẠCH", True, **t)
           + wp("Phối hợp hỗ trợ phụ nữ khởi nghiệp năm 2024", True, **t)
           + wp(BODY_LONG, **b) + wp("I. MỤC ĐÍCH, YÊU CẦU", True, **b)
           + wp("1. Bảo đảm sự phối hợp thường xuyên giữa các cơ quan trong năm 2024.", **b)
           + wp("2. " + BODY_2, **b) + wp("II. NHIỆM VỤ CỤ THỂ", True, **b))
    tail = (wp("III. TỔ CHỨC THỰC HIỆN", True, **b) + wp(BODY_2, **b) + wp(BODY_3, **b)
            + wp("Trên đây là Kế hoạch phối hợp năm 2024 của Ủy ban nhân dân tỉnh.", **b))
    if kind == "inline":
        return top + word_tasks("center") + wp("", after=6) + tail + closing + "<w:p/>", False
    if kind == "appendix":
        return (top + tail + closing + wp("PHỤ LỤC 01", True, **t) + word_tasks("center")
                + "<w:p/>"), False
    if kind == "landscape":
        brk = ('<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:pPr></w:p>')
        return (top + tail + closing + brk + wp("PHỤ LỤC 01", True, **t) + word_tasks("center")
                + "<w:p/>"), True
    raise ValueError(kind)


WORD_PLANS = ["simple", "inline", "appendix", "landscape"]


def convert(src_html, out_pdf, work, filt="pdf"):
    if not SOFFICE:
        return False
    prof = tempfile.mkdtemp(prefix="lo-profile-", dir=work)
    outdir = tempfile.mkdtemp(prefix="lo-out-", dir=work)
    cmd = [SOFFICE, "-env:UserInstallation=file://" + prof, "--headless", "--norestore",
           "--convert-to", filt, "--outdir", outdir, src_html]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    made = os.path.join(outdir, os.path.splitext(os.path.basename(src_html))[0] + ".pdf")
    if not os.path.exists(made) or os.path.getsize(made) == 0:
        return False
    shutil.move(made, out_pdf)
    shutil.rmtree(prof, ignore_errors=True)
    shutil.rmtree(outdir, ignore_errors=True)
    return True


def write_pdf(path, objs):
    """objs: {number: bytes of the object}; 1 is the catalog."""
    out = bytearray(b"%PDF-1.4\n")
    offs = {}
    for k in sorted(objs):
        offs[k] = len(out)
        out += b"%d 0 obj\n" % k + objs[k] + b"\nendobj\n"
    xref = len(out)
    top = max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % top
    for k in range(1, top):
        out += b"%010d 00000 n \n" % offs[k]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (top, xref)
    with open(path, "wb") as f:
        f.write(out)


def scan_pdf(path, n):
    """A scan: n pages, each drawing one grey image (an image XObject) and
    no text, written by hand."""
    w, h = 200, 280
    pix = zlib.compress(bytes(((x * 7 + y * 3) % 256) for y in range(h) for x in range(w)))
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
            3: b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
               b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(pix)) +
               pix + b"\nendstream"}
    kids = []
    for i in range(n):
        pid, cid = 4 + 2 * i, 5 + 2 * i
        kids.append(b"%d 0 R" % pid)
        stream = b"q 500 0 0 700 50 70 cm /Im1 Do Q"
        objs[pid] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 3 0 R >> >>"
                     b" /Contents %d 0 R >>" % cid)
        objs[cid] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
    objs[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % n
    write_pdf(path, objs)


def many_pages_pdf(path, n):
    """A PDF of n pages, each with one line of text, written by hand."""
    objs = {}
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = []
    objs[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    for i in range(n):
        pid, cid = 4 + 2 * i, 5 + 2 * i
        kids.append(b"%d 0 R" % pid)
        stream = (b"BT /F1 11 Tf 290 815 Td (%d) Tj ET BT /F1 12 Tf 72 720 Td (D\xf2ng c\xf9a trang %d.) Tj ET"
                  % (i + 1, i + 1))
        objs[pid] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
                     b" /Contents %d 0 R >>" % cid)
        objs[cid] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
    objs[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % n
    write_pdf(path, objs)


def main():
    if len(sys.argv) < 2:
        print("usage: make_pdfs.py OUTDIR [SAMPLES_DIR]", file=sys.stderr)
        return 2
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    many_pages_pdf(os.path.join(out, "many.pdf"), 1001)
    many_pages_pdf(os.path.join(out, "limit.pdf"), 1000)
    scan_pdf(os.path.join(out, "scan.pdf"), 3)
    if not SOFFICE:
        print("LibreOffice (soffice) is not installed", file=sys.stderr)
        return 77
    work = tempfile.mkdtemp(prefix="mkpdf-")
    try:
        jobs = [("plan", plan_html()), ("landscape", landscape_html()), ("long", long_html())]
        with open(os.path.join(out, "plan.txt"), "w", encoding="utf-8") as f:
            f.write(plan_text())
        for name, doc in jobs:
            src = os.path.join(work, name + ".html")
            with open(src, "w", encoding="utf-8") as f:
                f.write(doc)
            if not convert(src, os.path.join(out, name + ".pdf"), work):
                print("LibreOffice made no PDF of %s" % name, file=sys.stderr)
                return 1
        for kind in WORD_PLANS:
            body, land = word_plan(kind)
            src = os.path.join(work, "word-%s.docx" % kind)
            write_docx(src, body, land)
            shutil.copy(src, os.path.join(out, "word-%s.docx" % kind))
            if not convert(src, os.path.join(out, "word-%s.pdf" % kind), work):
                print("LibreOffice made no PDF of word-%s.docx" % kind, file=sys.stderr)
                return 1
        # encrypted: the plan exported with an opening password
        src = os.path.join(work, "encrypted.html")
        shutil.copy(os.path.join(work, "plan.html"), src)
        filt = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
                '"DocumentOpenPassword":{"type":"string","value":"matkhau"}}')
        if not convert(src, os.path.join(out, "encrypted.pdf"), work, filt):
            print("LibreOffice made no encrypted PDF", file=sys.stderr)
            return 1
        if len(sys.argv) > 2 and os.path.isdir(sys.argv[2]):
            for k, name in enumerate(sorted(os.listdir(sys.argv[2]))):
                if not name.endswith(".txt"):
                    continue
                with open(os.path.join(sys.argv[2], name), encoding="utf-8") as f:
                    clean = sample_clean(f.read())
                doc = sample_html(clean)
                src = os.path.join(work, "sample-%d.html" % (k + 1))
                with open(src, "w", encoding="utf-8") as f:
                    f.write(doc)
                if not convert(src, os.path.join(out, "sample-%d.pdf" % (k + 1)), work):
                    print("LibreOffice made no PDF of %s" % name, file=sys.stderr)
                    return 1
                with open(os.path.join(out, "sample-%d.txt" % (k + 1)), "w", encoding="utf-8") as f:
                    f.write(clean)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

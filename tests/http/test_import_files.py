# test_import_files.py: Word and PDF files through every way in (issue 10,
# point 5): the API's raw body and its file_base64, the upload page with its
# confirm, the command line; a file is known by its content, never by its
# name; the file is kept with the document and downloadable; review items
# name their place in the file; bad files are refused with their code and
# write nothing. The Word files are written here, by hand, with zipfile;
# the PDF by LibreOffice from one of them (skipped, with a message, when
# LibreOffice is absent).
import base64
import io
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from xml.sax.saxutils import escape

import harness
from harness import check, cli, sql_one

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _p(text, bold=False):
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return '<w:p><w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (rpr, escape(text))


def _cell(paras, width=2000):
    return ('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>'
            % (width, "".join(_p(t) for t in paras) or "<w:p/>"))


def _table(rows, borders=True, widths=None):
    n = max(len(r) for r in rows)
    widths = widths or [9000 // n] * n
    b = ('<w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/>'
         '<w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/>'
         '<w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>'
         '</w:tblBorders>') if borders else ""
    grid = "".join('<w:gridCol w:w="%d"/>' % w for w in widths)
    body = "".join("<w:tr>%s</w:tr>" % "".join(
        _cell(c if isinstance(c, list) else [c], widths[i]) for i, c in enumerate(r)) for r in rows)
    return "<w:tbl><w:tblPr>%s</w:tblPr><w:tblGrid>%s</w:tblGrid>%s</w:tbl>" % (b, grid, body)


def docx(body_xml):
    """A .docx holding body_xml (WordprocessingML of the body)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                   '</Relationships>')
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document %s><w:body>%s'
                   '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
                   % (W, body_xml))
    return out.getvalue()


# The plan of tests/cli/fixtures/plan-2024.txt as a clerk's Word file: the
# header and the closing as borderless two-column tables, the appendix as
# a table; task 4's timeframe is one the importer cannot read, so that a
# review item falls in the table.
TASKS = [
    ("1", "Tập huấn khởi sự kinh doanh cho hội viên.", "Hội LHPN tỉnh",
     ["Sở LĐ-TB&XH", "Sở Kế hoạch và Đầu tư"], "Quý I/2024"),
    ("2", "Hỗ trợ thành lập tổ hợp tác do phụ nữ làm chủ.", "Hội LHPN tỉnh",
     ["Sở Lao động - Thương binh và Xã hội"], "Quý II, III/2024"),
    ("3", "Tổ chức ngày hội phụ nữ khởi nghiệp cấp tỉnh.", "Sở Lao động-TB&XH",
     ["Hội LHPN tỉnh", "Sở Công Thương"], "Quý IV/2024"),
    ("4", "Tuyên truyền trên các phương tiện thông tin đại chúng.", "Hội LHPN tỉnh",
     ["Sở TT&TT"], "khi có chỉ đạo của cấp trên"),
]


def plan_docx(number="95/KH-UBND"):
    head = _table([[["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "Số: %s" % number],
                    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Lào Cai, ngày 12 tháng 3 năm 2024"]]], borders=False, widths=[3500, 5500])
    closing = _table([[["Nơi nhận:", "- Hội Liên hiệp Phụ nữ tỉnh;", "- Lưu: VT."],
                       ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Thử"]]],
                     borders=False, widths=[4500, 4500])
    rows = [["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện",
             "Ghi chú"]]
    for no, content, lead, coord, when in TASKS:
        rows.append([no, content, lead, ["- " + c for c in coord], when, ""])
    body = (head + _p("KẾ HOẠCH", True)
            + _p("Phối hợp tổ chức các hoạt động hỗ trợ phụ nữ khởi nghiệp năm 2024", True)
            + _p("Căn cứ Quyết định số 1432/QĐ-UBND ngày 04/5/2021 của Ủy ban nhân dân tỉnh Lào Cai;")
            + _p("I. MỤC ĐÍCH, YÊU CẦU", True)
            + _p("1. Bảo đảm sự phối hợp thường xuyên giữa các cơ quan trong năm 2024.")
            + _p("II. TỔ CHỨC THỰC HIỆN", True)
            + _p("1. Hội Liên hiệp Phụ nữ tỉnh xây dựng báo cáo gửi về Sở Nội vụ (báo cáo sơ kết"
                 " 06 tháng trước ngày 15/6; báo cáo tổng kết trước ngày 20/12/2024).")
            + closing + _p("PHỤ LỤC 01", True)
            + _table(rows, widths=[600, 3000, 1500, 1800, 1300, 800])
            # Word ends a body with a paragraph, never a table.
            + "<w:p/>")
    return docx(body)


def _doc_counts(ctx):
    return tuple(sql_one(ctx.db, "SELECT COUNT(*) FROM %s" % t)
                 for t in ("documents", "tasks", "document_files", "import_uploads"))


def _check_plan(p, what):
    d = p["document"]
    check(p["format"] == "docx" and d["format"] == "docx", "%s: format %r" % (what, p["format"]))
    check(d["number"] == "95/KH-UBND" and d["date"] == "2024-03-12",
          "%s: header %r %r" % (what, d["number"], d["date"]))
    check(d["type"] == "plan" and "khởi nghiệp" in (d["title"] or ""), "%s: title %r" % (what, d["title"]))
    tasks = p["tasks"]
    check(len(tasks) == len(TASKS), "%s: %d tasks, want %d" % (what, len(tasks), len(TASKS)))
    for t, (no, content, lead, coord, when) in zip(tasks, TASKS):
        check(t["content"] == content, "%s: task %s content %r" % (what, no, t["content"]))
        check(t["lead"]["text"] == lead, "%s: task %s lead %r" % (what, no, t["lead"]))
        check([c["text"] for c in t["coordinating"]] == coord,
              "%s: task %s coordinating %r" % (what, no, t["coordinating"]))
        check(t["timeframe"]["text"] == when, "%s: task %s timeframe %r" % (what, no, t["timeframe"]))
    check(tasks[0]["timeframe"]["start"] == "2024-01-01" and tasks[0]["timeframe"]["end"] == "2024-03-31",
          "%s: task 1 dates %r" % (what, tasks[0]["timeframe"]))
    check(any(s["name"] == "Nguyễn Văn Thử" for s in p["signers"]), "%s: signers %r" % (what, p["signers"]))


def test_docx_through_the_api(ctx):
    a = ctx.as_user("admin", api=True)
    data = plan_docx()
    before = _doc_counts(ctx)
    # Known by its content: the same bytes named .txt and sent as text/plain.
    for name, ctype in (("ke-hoach.docx", "application/vnd.openxmlformats-officedocument"
                         ".wordprocessingml.document"), ("ke-hoach.txt", "text/plain")):
        r = a.post("/api/v1/imports/preview?name=" + name, body=data,
                   headers={"Content-Type": ctype}).expect(200)
        p = r.json()
        _check_plan(p, "preview of " + name)
        places = [x.get("place") for x in p["review"]]
        check(p["review"] and all(places), "review items without a place: %r" % p["review"])
        late = [x for x in p["review"] if "khi có chỉ đạo" in x["what"]]
        check(late and late[0]["place"].startswith("bảng") and "hàng 5" in late[0]["place"],
              "the unread timeframe is not placed in its row: %r" % p["review"])
    check(_doc_counts(ctx) == before, "a preview wrote something")
    r = a.post("/api/v1/imports?name=ke-hoach.docx&confirm_review=1", body=data,
               headers={"Content-Type": "application/octet-stream"}).expect(201)
    plan = r.json()["plan_id"]
    pj = a.get("/api/v1/plans/%d" % plan).expect(200).json()
    check(pj["format"] == "docx" and pj["source_name"] == "ke-hoach.docx", "plan: %r" % pj)
    check(pj["file"] == "/api/v1/documents/%d/file" % pj["document_id"], "plan file %r" % pj["file"])
    check(all(x.get("place") for x in pj["review_items"]), "stored review items lost their place")
    f = a.get(pj["file"]).expect(200)
    check(f.body == data, "the kept file differs from the one sent")
    check("wordprocessingml" in (f.header("Content-Type") or ""), f.header("Content-Type"))
    # Once more: the same file is the same document.
    a.post("/api/v1/imports?name=lai.docx&confirm_review=1", body=data,
           headers={"Content-Type": "application/octet-stream"}).expect_error(409, "duplicate")
    # As base64 in the JSON, with a correction: another number, a new document.
    other = plan_docx("96/KH-UBND")
    r = a.post("/api/v1/imports", json={"file_base64": base64.b64encode(other).decode(),
                                         "source_name": "ke-hoach-96.docx",
                                         "confirm_review": True}).expect(201)
    check(sql_one(ctx.db, "SELECT format FROM documents WHERE id = ?", r.json()["document_id"]) == "docx",
          "the base64 import is not a docx document")
    # Withdrawn while nothing is recorded: its Word file goes with it.
    files = sql_one(ctx.db, "SELECT COUNT(*) FROM document_files")
    a.post("/api/v1/plans/%d/withdraw" % r.json()["plan_id"]).expect(200)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM document_files") == files - 1,
          "the withdrawn document's Word file stayed")
    a.post("/api/v1/imports", json={"file_base64": "không phải base64", "confirm_review": True}
           ).expect_error(400, "bad_request")
    a.post("/api/v1/imports", json={"file_base64": "UEs=", "text": "x"}).expect_error(400, "bad_request")
    # A text document has no file.
    a.get("/api/v1/documents/%d/file" % sql_one(ctx.db, "SELECT MIN(id) FROM documents")
          ).expect_error(404, "not_found")


def test_bad_files_are_refused_and_write_nothing(ctx):
    a = ctx.as_user("admin", api=True)
    before = _doc_counts(ctx)
    zip_not_word = io.BytesIO()
    with zipfile.ZipFile(zip_not_word, "w") as z:
        z.writestr("content.xml", "<office:document/>")
    ole2 = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 504
    encrypted = ole2 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 64 + \
        "EncryptedPackage".encode("utf-16-le") + b"\0" * 1024
    cases = [
        ("a zip that is not Word", zip_not_word.getvalue(), "unreadable_document"),
        ("a corrupt zip", b"PK\x03\x04" + os.urandom(2000), "unreadable_document"),
        ("a Word file with a password", encrypted, "encrypted_document"),
        ("a PDF that does not parse", b"%PDF-1.7\n" + b"x" * 500, "unreadable_document"),
    ]
    for what, data, code in cases:
        r = a.post("/api/v1/imports/preview?name=x.docx", body=data,
                   headers={"Content-Type": "application/octet-stream"})
        r.expect_error(422, code)
        check("message" in r.json()["error"], what)
        a.post("/api/v1/imports?name=x.docx&confirm_review=1", body=data,
               headers={"Content-Type": "application/octet-stream"}).expect_error(422, code)
    c = ctx.as_user("admin")
    _, f = c.page_form("/import", r"^/import$")
    values = {n: v for n, v, _, _ in f["fields"]}
    r = c.post("/import", form=values, files=[("file", "mat-khau.docx", encrypted,
                                                 "application/octet-stream")]).expect(422)
    check("mật khẩu" in r.page.text, "the page does not say the file has a password: " + r.describe())
    r = c.post("/import", form=values, files=[("file", "bang-tinh.docx", zip_not_word.getvalue(),
                                                 "application/octet-stream")]).expect(422)
    check("không phải văn bản Word" in r.page.text, "the page does not say it is not Word: " + r.describe())
    check(_doc_counts(ctx) == before, "a refused file wrote something")


def test_docx_through_the_upload_page(ctx):
    c = ctx.as_user("admin")
    data = plan_docx("97/KH-UBND")
    _, f = c.page_form("/import", r"^/import$")
    values = {n: v for n, v, _, _ in f["fields"]}
    before = _doc_counts(ctx)
    r = c.post("/import", form=values,
               files=[("file", "Kế hoạch 97.docx", data, "application/octet-stream")]).expect(200)
    check("Tập huấn khởi sự kinh doanh cho hội viên." in r.page.text, "preview: " + r.describe())
    check("bảng" in r.page.text and "hàng 5" in r.page.text, "review items without their place")
    cf = r.page.form(r"^/import/confirm$")
    fields = {n: v for n, v, _, _ in cf["fields"]}
    check("upload" in fields and "text" not in fields,
          "the confirm form carries the text instead of naming the kept file: %r" % sorted(fields))
    check(_doc_counts(ctx)[:3] == before[:3], "the preview wrote a document")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM import_uploads") == before[3] + 1, "the file was not kept")
    # Another user cannot confirm it.
    other = ctx.as_user("dieuphoi")
    _, of = other.page_form("/import", r"^/import$")
    stolen = dict({n: v for n, v, _, _ in of["fields"]}, upload=fields["upload"],
                  source="x.docx", confirm_review="1")
    other.post("/import/confirm", form=stolen).expect(404)
    check(_doc_counts(ctx)[:3] == before[:3], "another user's confirm imported the file")
    fields["confirm_review"] = "1"
    r = c.post("/import/confirm", form=fields).expect(303)
    loc = r.header("Location")
    check(loc and loc.startswith("/plans/"), "no redirect to the plan: %r" % loc)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM import_uploads") == before[3], "the kept file stayed")
    page = c.get(loc.split("?")[0]).expect(200)
    check("Kế hoạch 97.docx" in page.page.text, "the plan page does not name its file")
    doc = sql_one(ctx.db, "SELECT document_id FROM plans WHERE id = ?", int(loc.split("/")[2].split("?")[0]))
    f = c.get("/documents/%d/file" % doc).expect(200)
    check(f.body == data, "the file downloaded from the plan differs")
    check('href="/documents/%d/file"' % doc in page.text, "the plan page does not link its file")


def test_docx_on_the_command_line(ctx):
    tmp = tempfile.mkdtemp(dir=ctx.tmp)
    path = os.path.join(tmp, "ke-hoach.bin")
    with open(path, "wb") as f:
        f.write(plan_docx("98/KH-UBND"))
    p = cli(ctx.binary, ctx.db, "import", "--dry-run", "--json", path)
    check(p.returncode in (0, 1), "exit %d: %s" % (p.returncode, p.stderr))
    out = json.loads(p.stdout)
    check(out["format"] == "docx", "format %r" % out["format"])
    check(out["document"]["number"] == "98/KH-UBND", "number %r" % out["document"]["number"])
    p = cli(ctx.binary, ctx.db, "import", path)
    check(p.returncode == 1 and "review" in p.stderr, "a file with review items was saved: %s" % p.stderr)
    p = cli(ctx.binary, ctx.db, "import", "--confirm", path)
    check(p.returncode == 0, "exit %d: %s" % (p.returncode, p.stderr))
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM document_files f JOIN documents d ON d.id = f.document_id"
                          " WHERE d.number = '98/KH-UBND'") == 1, "the file was not kept")


def test_pdf_made_by_libreoffice(ctx):
    soffice = shutil.which("soffice") or "/usr/lib/libreoffice/program/soffice"
    if not os.path.exists(soffice):
        raise harness.Skip("LibreOffice (soffice) is not installed: no PDF to read")
    tmp = tempfile.mkdtemp(dir=ctx.tmp)
    src = os.path.join(tmp, "ke-hoach.docx")
    with open(src, "wb") as f:
        f.write(plan_docx("99/KH-UBND"))
    subprocess.run([soffice, "--headless", "--norestore", "-env:UserInstallation=file://%s/profile" % tmp,
                    "--convert-to", "pdf", "--outdir", tmp, src], capture_output=True, timeout=120)
    pdf = os.path.join(tmp, "ke-hoach.pdf")
    check(os.path.exists(pdf), "LibreOffice made no PDF")
    a = ctx.as_user("admin", api=True)
    with open(pdf, "rb") as f:
        data = f.read()
    p = a.post("/api/v1/imports/preview?name=ke-hoach.pdf", body=data,
               headers={"Content-Type": "application/pdf"}).expect(200).json()
    check(p["format"] == "pdf", "format %r" % p["format"])
    check(p["document"]["number"] == "99/KH-UBND", "PDF header number %r" % p["document"]["number"])
    check(len(p["tasks"]) == len(TASKS), "PDF: %d tasks" % len(p["tasks"]))
    check([t["content"] for t in p["tasks"]] == [t[1] for t in TASKS],
          "PDF task contents %r" % [t["content"] for t in p["tasks"]])
    check(all(x.get("place", "").startswith("trang") for x in p["review"]), "PDF places %r" % p["review"])


def _soffice():
    s = shutil.which("soffice") or "/usr/lib/libreoffice/program/soffice"
    return s if os.path.exists(s) else None


def test_doc_converted_by_libreoffice(ctx):
    soffice = _soffice()
    if not soffice:
        raise harness.Skip("LibreOffice (soffice) is not installed: no .doc to read")
    tmp = tempfile.mkdtemp(dir=ctx.tmp)
    src = os.path.join(tmp, "ke-hoach.docx")
    with open(src, "wb") as f:
        f.write(plan_docx("100/KH-UBND"))
    subprocess.run([soffice, "--headless", "--norestore", "-env:UserInstallation=file://%s/profile" % tmp,
                    "--convert-to", "doc:MS Word 97", "--outdir", os.path.join(tmp, "out"), src],
                   capture_output=True, timeout=120)
    path = os.path.join(tmp, "out", "ke-hoach.doc")
    check(os.path.exists(path), "LibreOffice made no .doc")
    with open(path, "rb") as f:
        data = f.read()
    check(data[:4] == b"\xD0\xCF\x11\xE0", "not an OLE2 file")
    a = ctx.as_user("admin", api=True)
    p = a.post("/api/v1/imports/preview?name=ke-hoach.doc", body=data,
               headers={"Content-Type": "application/msword"}).expect(200).json()
    check(p["format"] == "doc" and p["document"]["format"] == "doc", "format %r" % p["format"])
    check(p["document"]["number"] == "100/KH-UBND", ".doc header number %r" % p["document"]["number"])
    check([t["content"] for t in p["tasks"]] == [t[1] for t in TASKS],
          ".doc task contents %r" % [t["content"] for t in p["tasks"]])
    check([t["lead"]["text"] for t in p["tasks"]] == [t[2] for t in TASKS], ".doc leads")
    # Without LibreOffice: a clear code, nothing written.
    before = _doc_counts(ctx)
    p = cli(ctx.binary, ctx.db, "import", "--confirm", path, env_extra={"PHOIHOP_SOFFICE": "/nonexistent"})
    check(p.returncode == 1 and "converter_missing" in p.stderr, "exit %d: %s" % (p.returncode, p.stderr))
    check(_doc_counts(ctx) == before, "a refused .doc wrote something")


def _tcvn3_as_read(text):
    """text typed in TCVN3 (ABC, .VnTime) and read as Unicode, as such a file
    reaches the importer: iconv writes the TCVN3 bytes, each shown as the
    character CP1252 (or Latin-1) gives it."""
    raw = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode(),
                         capture_output=True, check=True).stdout
    return "".join(bytes([b]).decode("cp1252", errors="strict") if b >= 0x80 and
                   bytes([b]).decode("cp1252", errors="ignore") else chr(b) for b in raw)


def _abc_typed(text):
    """text as an ABC (TCVN3) typist with the .VnTime font writes it: the
    code has no capitals with diacritics (those take the .VnTimeH font,
    whose codes are the small letters drawn as capitals, and a plain text
    keeps no font), so such a capital is its small letter in the text."""
    return "".join(c.lower() if ord(c) > 0x7F and c.isupper() else c for c in text)


def test_plain_text_in_tcvn3_is_converted(ctx):
    with open(os.path.join(os.path.dirname(__file__), "..", "cli", "fixtures", "plan-2024.txt"),
              encoding="utf-8") as f:
        text = _abc_typed(f.read().replace("95/KH-UBND", "101/KH-UBND"))
    legacy = _tcvn3_as_read(text)
    check("nh©n d©n" in legacy, "the fixture is not in TCVN3 as read: %r" % legacy[:80])
    a = ctx.as_user("admin", api=True)
    want = a.post("/api/v1/imports/preview?name=a.txt", body=text.encode(),
                  headers={"Content-Type": "text/plain"}).expect(200).json()
    got = a.post("/api/v1/imports/preview?name=b.txt", body=legacy.encode(),
                 headers={"Content-Type": "text/plain"}).expect(200).json()
    check(got["document"]["number"] == "101/KH-UBND", "number %r" % got["document"]["number"])
    check(got["document"]["issuers"] == want["document"]["issuers"],
          "issuers %r, want %r" % (got["document"]["issuers"], want["document"]["issuers"]))
    check([t["content"] for t in got["tasks"]] == [t["content"] for t in want["tasks"]],
          "tasks differ from the Unicode text's")
    check([t["lead"]["unit_id"] for t in got["tasks"]] == [t["lead"]["unit_id"] for t in want["tasks"]],
          "leads resolve differently")
    notes = [r["what"] for r in got["review"] if "TCVN3" in r["what"]]
    check(len(notes) == 1 and "Unicode" in notes[0], "no review note says TCVN3: %r" % got["review"])
    check(not any("TCVN3" in r["what"] for r in want["review"]), "Unicode text said to be TCVN3")

# test_import_text.py: how an import reads the characters of a document,
# through the API and the upload page: plain text keeps every "*" as
# written, Markdown rules apply only when the file name, the form's choice
# or the API's "format" says Markdown. A refusal is proven by re-reading
# the database. The documents are imported by admin, so that no unit reach
# rule stands in the way.
from harness import check, sql_one

# A plain-text plan full of characters Markdown would take.
STARS = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n\nSố: 77/KH-UBND\n\n"
         "Lào Cai, ngày 02 tháng 02 năm 2024\n\nKẾ HOẠCH\n"
         "Giảm 5*3 vụ và 2*2=4 trong năm 2024\n\nI. NỘI DUNG\n\n"
         "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n"
         "1\tTập huấn cho 3*20 cán bộ (*)\tSở Nội vụ\tSở Tư pháp\tQuý I/2024\n"
         "2\t{{7*7}} và **không** và *\tSở Tư pháp\tSở Nội vụ\tQuý II/2024\n\n"
         "Nơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn Thử\n")


def _counts(ctx):
    return (sql_one(ctx.db, "SELECT COUNT(*) FROM documents"),
            sql_one(ctx.db, "SELECT COUNT(*) FROM tasks"))


def _contents(p):
    return [t["content"] for t in p["tasks"]]


def test_import_text_api_formats(ctx):
    a = ctx.as_user("admin", api=True)
    before = _counts(ctx)
    p = a.post("/api/v1/imports/preview", json={"text": STARS}).expect(200).json()
    check(p["format"] == "text", "no source name: plain text, got %r" % p["format"])
    check(p["document"]["title"] == "Giảm 5*3 vụ và 2*2=4 trong năm 2024",
          "plain title changed: %r" % p["document"]["title"])
    check(_contents(p) == ["Tập huấn cho 3*20 cán bộ (*)", "{{7*7}} và **không** và *"],
          "plain task contents changed: %r" % _contents(p))
    check(any("Markdown" in r["what"] for r in p["review"]),
          "no review item for markup kept in plain text: %r" % p["review"])
    # Markdown by the field, by the source name, by the content type.
    for kw in ({"json": {"text": STARS, "format": "markdown"}},
               {"json": {"text": STARS, "source_name": "ke-hoach.MD"}},
               {"json": {"text": STARS, "source_name": "ke-hoach.markdown"}}):
        p = a.post("/api/v1/imports/preview", **kw).expect(200).json()
        check(p["format"] == "markdown", "%r: format %r" % (kw, p["format"]))
        check(_contents(p) == ["Tập huấn cho 3*20 cán bộ (*)", "{{7*7}} và không và *"],
              "%r: Markdown contents %r" % (kw, _contents(p)))
        check(not any("Markdown" in r["what"] for r in p["review"]),
              "Markdown input noted as Markdown-looking: %r" % p["review"])
    raw = STARS.encode("utf-8")
    p = a.post("/api/v1/imports/preview", body=raw,
               headers={"Content-Type": "text/markdown; charset=utf-8"}).expect(200).json()
    check(p["format"] == "markdown", "text/markdown body read as %r" % p["format"])
    p = a.post("/api/v1/imports/preview?format=text&name=x.md", body=raw,
               headers={"Content-Type": "text/markdown"}).expect(200).json()
    check(p["format"] == "text" and "{{7*7}} và **không** và *" in _contents(p),
          "?format=text did not win: %r %r" % (p["format"], _contents(p)))
    # A field saying text wins over a .md name.
    p = a.post("/api/v1/imports/preview", json={"text": STARS, "source_name": "a.md",
                                                "format": "text"}).expect(200).json()
    check(p["format"] == "text", "format text with a .md name: %r" % p["format"])
    for bad in ("rtf", "Markdown", 1):
        a.post("/api/v1/imports/preview", json={"text": STARS, "format": bad}).expect_error(400)
        a.post("/api/v1/imports", json={"text": STARS, "format": bad,
                                        "confirm_review": True}).expect_error(400)
    a.post("/api/v1/imports/preview?format=md", body=raw,
           headers={"Content-Type": "text/plain"}).expect_error(400)
    check(_counts(ctx) == before, "previews or refused imports wrote to the database")
    # Saved as plain text: the stored task contents keep every character.
    r = a.post("/api/v1/imports", json={"text": STARS, "source_name": "sao.txt",
                                        "confirm_review": True}).expect(201).json()
    got = [row for row in (sql_one(ctx.db, "SELECT content FROM tasks WHERE plan_id = ? AND no = ?",
                                   r["plan_id"], n) for n in ("1", "2"))]
    check(got == ["Tập huấn cho 3*20 cán bộ (*)", "{{7*7}} và **không** và *"],
          "stored contents: %r" % got)
    check(sql_one(ctx.db, "SELECT title FROM documents WHERE id = ?", r["document_id"]) ==
          "Giảm 5*3 vụ và 2*2=4 trong năm 2024", "stored title changed")


def test_import_text_page_formats(ctx):
    c = ctx.as_user("admin")
    text = STARS.replace("77/KH-UBND", "78/KH-UBND")
    r, f = c.page_form("/import", r"^/import$")
    check("format" in f["options"] and set(f["options"]["format"]) >= {"auto", "text", "markdown"},
          "the upload form offers no format choice: %r" % f["options"])
    values = {n: v for n, v, _, _ in f["fields"]}
    field = (f.get("files") or ["file"])[0]
    before = _counts(ctx)
    # A .txt upload with the default choice: plain text.
    r = c.post("/import", form=values, files=[(field, "sao.txt", text.encode("utf-8"), "text/plain")])
    r.expect(200)
    t = r.page.text
    check("Tập huấn cho 3*20 cán bộ (*)" in t and "{{7*7}} và **không** và *" in t,
          "the preview of a .txt changed its stars: " + r.describe())
    cf = r.page.form(r"^/import/confirm$")
    fields = {n: v for n, v, _, _ in cf["fields"]}
    check(fields.get("format") == "text", "confirm form format %r" % fields.get("format"))
    # The same upload read as Markdown on request.
    md = dict(values, format="markdown")
    r = c.post("/import", form=md, files=[(field, "sao.txt", text.encode("utf-8"), "text/plain")])
    r.expect(200)
    check("{{7*7}} và không và *" in r.page.text, "Markdown chosen, stars kept: " + r.describe())
    cf_md = r.page.form(r"^/import/confirm$")
    check({n: v for n, v, _, _ in cf_md["fields"]}.get("format") == "markdown",
          "the confirm form lost the chosen format")
    # Pasted text is plain unless Markdown is chosen.
    r = c.post("/import", form=dict(values, text=text))
    r.expect(200)
    check("{{7*7}} và **không** và *" in r.page.text, "pasted text not plain: " + r.describe())
    r = c.post("/import", form=dict(values, text=text, format="markdown"))
    r.expect(200)
    check("{{7*7}} và không và *" in r.page.text, "pasted Markdown not read: " + r.describe())
    # An unknown choice is refused on the form, nothing written.
    r = c.post("/import", form=dict(values, text=text, format="rtf"))
    check(r.status == 422, "unknown format: " + r.describe())
    check(_counts(ctx) == before, "previews wrote to the database")
    # Confirming the plain reading stores the stars; a bad format field is refused.
    bad = dict(fields, format="docx", confirm_review="1")
    c.post("/import/confirm", form=bad).expect(400)
    check(_counts(ctx) == before, "a confirm with a bad format wrote to the database")
    fields["confirm_review"] = "1"
    c.post("/import/confirm", form=fields).expect(303)
    got = sql_one(ctx.db, "SELECT content FROM tasks t JOIN plans p ON p.id = t.plan_id "
                          "JOIN documents d ON d.id = p.document_id "
                          "WHERE d.number = '78/KH-UBND' AND t.no = '2'")
    check(got == "{{7*7}} và **không** và *", "stored through the page: %r" % got)


# ---- the same document, whatever its trailing white space ------------------

PLAN = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n\nSố: 88/KH-UBND\n\n"
        "Lào Cai, ngày 09 tháng 9 năm 2024\n\nKẾ HOẠCH\n"
        "Phối hợp thử nhận lại văn bản đã nhập năm 2024\n\nI. NỘI DUNG\n\n"
        "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n"
        "1\tRà soát văn bản đã nhập\tSở Nội vụ\tSở Tư pháp\tQuý IV/2024\n\n"
        "Nơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn Thử\n")

# The same document as PLAN: trailing blank lines, trailing spaces, tabs and
# NBSP at line ends, CRLF, leading blank lines, a longer run of blank lines.
VARIANTS = [
    PLAN + "\n",
    PLAN + "\n\n  \n",
    PLAN.replace("Số: 88/KH-UBND\n", "Số: 88/KH-UBND  \n"),
    PLAN.replace("KẾ HOẠCH\n", "KẾ HOẠCH\t\u00a0\n"),
    PLAN.replace("\n", "\r\n"),
    "\n\n" + PLAN,
    PLAN.replace("I. NỘI DUNG\n\n", "I. NỘI DUNG\n\n\n\n"),
]


def _write(db, query, *args):
    import sqlite3
    con = sqlite3.connect(db, timeout=30)
    try:
        con.execute(query, args)
        con.commit()
    finally:
        con.close()


def test_import_same_text_is_one_document(ctx):
    c = ctx.as_user("admin")
    a = ctx.as_user("admin", api=True)
    # Imported through the page, as a browser sends the file: CRLF.
    r, f = c.page_form("/import", r"^/import$")
    values = {n: v for n, v, _, _ in f["fields"]}
    field = (f.get("files") or ["file"])[0]
    r = c.post("/import", form=values,
               files=[(field, "nhan-lai.txt", PLAN.replace("\n", "\r\n").encode(), "text/plain")])
    r.expect(200)
    check(r.page.form(r"^/import/confirm$") and "import-duplicate" not in r.text,
          "a new document previewed as imported before: " + r.describe())
    cf = r.page.form(r"^/import/confirm$")
    c.post("/import/confirm", form={n: v for n, v, _, _ in cf["fields"]}).expect(303)
    doc = sql_one(ctx.db, "SELECT id FROM documents WHERE number = '88/KH-UBND'")
    plan = sql_one(ctx.db, "SELECT id FROM plans WHERE document_id = ?", doc)
    check(doc and plan, "the page import stored no document")
    check(sql_one(ctx.db, "SELECT original_text FROM documents WHERE id = ?", doc) == PLAN,
          "original_text is not the text as written (LF line ends)")
    before = _counts(ctx)
    for i, v in enumerate(VARIANTS):
        p = a.post("/api/v1/imports/preview", json={"text": v}).expect(200).json()
        seen = p.get("already_imported") or {}
        check(seen.get("document_id") == doc and seen.get("plan_id") == plan,
              "variant %d: preview did not name the imported document: %r" % (i, seen))
        check(p.get("same_number_date") == [],
              "variant %d: the document itself listed as of the same number: %r" % (i, p.get("same_number_date")))
        r = a.post("/api/v1/imports", json={"text": v, "source_name": "v%d.txt" % i})
        check(r.status == 409 and r.json()["error"].get("document_id") == doc,
              "variant %d imported again: %s" % (i, r.describe()))
        r = a.post("/api/v1/imports?name=v.txt", body=v.encode(), headers={"Content-Type": "text/plain"})
        check(r.status == 409, "variant %d (raw) imported again: %s" % (i, r.describe()))
    # Through the page: the preview says so before anything is confirmed.
    r = c.post("/import", form=values,
               files=[(field, "lai.txt", (PLAN + "\n\n").encode(), "text/plain")]).expect(200)
    check("import-duplicate" in r.text and 'href="/plans/%d"' % plan in r.text and
          "đã được nhập trước đây" in r.page.text,
          "the page preview does not warn of the import before: " + r.describe())
    cf = r.page.form(r"^/import/confirm$")
    r = c.post("/import/confirm", form={n: v for n, v, _, _ in cf["fields"]})
    check(r.status == 409, "the page imported a variant: " + r.describe())
    # Through the command line: the same file with trailing spaces.
    path = ctx.tmp + "/lai.txt"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(PLAN.replace("\n", "   \n") + "\n\n")
    from harness import cli
    p = cli(ctx.binary, ctx.db, "import", "--confirm", path)
    check(p.returncode == 0 and "already imported as document %d" % doc in p.stderr,
          "command line: %d %s" % (p.returncode, p.stderr))
    check(_counts(ctx) == before, "a variant was stored: %r -> %r" % (before, _counts(ctx)))
    # A different text is another document.
    other = PLAN.replace("Rà soát văn bản đã nhập", "Rà soát văn bản đã nhập lần hai")
    p = a.post("/api/v1/imports/preview", json={"text": other}).expect(200).json()
    check(p["already_imported"] is None, "a changed text previewed as imported: %r" % p["already_imported"])


def test_import_same_number_warned(ctx):
    c = ctx.as_user("admin")
    a = ctx.as_user("admin", api=True)
    doc = sql_one(ctx.db, "SELECT id FROM documents WHERE number = '88/KH-UBND'")
    plan = sql_one(ctx.db, "SELECT id FROM plans WHERE document_id = ?", doc)
    check(doc, "needs the document of test_import_same_text_is_one_document")
    other = PLAN.replace("Rà soát văn bản đã nhập", "Rà soát văn bản đã nhập, bản sửa")
    p = a.post("/api/v1/imports/preview", json={"text": other}).expect(200).json()
    same = p["same_number_date"]
    check(p["already_imported"] is None, "a changed text named as imported: %r" % p["already_imported"])
    check([s["document_id"] for s in same] == [doc] and same[0]["plan_id"] == plan and
          same[0]["number"] == "88/KH-UBND" and same[0]["date"] == "2024-09-09",
          "same number and date not named: %r" % same)
    # Another date, or another place, is not the same document number.
    for changed in (other.replace("ngày 09 tháng 9", "ngày 10 tháng 9"),
                    other.replace("TỈNH LÀO CAI", "TỈNH YÊN BÁI").replace("Lào Cai, ngày", "Yên Bái, ngày")):
        p = a.post("/api/v1/imports/preview", json={"text": changed}).expect(200).json()
        check(p["same_number_date"] == [], "a different date or place warned: %r" % p["same_number_date"])
    r, f = c.page_form("/import", r"^/import$")
    values = {n: v for n, v, _, _ in f["fields"]}
    r = c.post("/import", form=dict(values, text=other)).expect(200)
    check("import-same-number" in r.text and 'href="/plans/%d"' % plan in r.text and
          "Đã có văn bản cùng số, ký hiệu và ngày" in r.page.text and
          "kiểm tra trước khi nhập" in r.page.text,
          "the page preview does not warn of the same number: " + r.describe())
    # A warning, not a refusal.
    r = a.post("/api/v1/imports", json={"text": other, "source_name": "sua.txt"}).expect(201)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents WHERE number = '88/KH-UBND'") == 2,
          "the second version was not stored")


def test_import_recognises_documents_hashed_before(ctx):
    # A document imported before the hash was normalized holds the SHA-256
    # of its text as written: it is still recognised, first read-only, then
    # rewritten in the new form by the next import.
    import hashlib
    a = ctx.as_user("admin", api=True)
    text = PLAN.replace("88/KH-UBND", "89/KH-UBND").replace("Nguyễn Văn Thử", "Nguyễn Văn Cũ")
    r = a.post("/api/v1/imports", json={"text": text, "source_name": "cu.txt"}).expect(201).json()
    doc = r["document_id"]
    old = hashlib.sha256(text.encode("utf-8")).hexdigest()
    _write(ctx.db, "UPDATE documents SET content_hash = ? WHERE id = ?", old, doc)
    p = a.post("/api/v1/imports/preview", json={"text": text + "\n\n"}).expect(200).json()
    check((p["already_imported"] or {}).get("document_id") == doc,
          "a document of the old hash form not recognised at preview: %r" % p["already_imported"])
    check(sql_one(ctx.db, "SELECT content_hash FROM documents WHERE id = ?", doc) == old,
          "the preview rewrote the stored hash")
    before = _counts(ctx)
    r = a.post("/api/v1/imports", json={"text": text + "  \n"})
    check(r.status == 409 and r.json()["error"].get("document_id") == doc,
          "a document of the old hash form imported again: " + r.describe())
    check(_counts(ctx) == before, "stored twice")
    h = sql_one(ctx.db, "SELECT content_hash FROM documents WHERE id = ?", doc)
    check(h.startswith("norm-sha256:") and h != "norm-sha256:" + old,
          "the old hash was not rewritten in the new form: %r" % h)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents WHERE content_hash NOT LIKE 'norm-sha256:%'") == 0,
          "documents left with hashes of the old form")


def test_import_too_complex_to_read_is_refused_in_vietnamese(ctx):
    # One table line of 7.8 million one-letter cells: within the 16 MiB
    # document limit, but its model needs more than the memory one import
    # may use (256 MiB). The page says so in Vietnamese, not "over 16 MB";
    # the API names the code and the limit; nothing is written.
    doc = ("KẾ HOẠCH\nThử giới hạn bộ nhớ khi đọc\n\n" + "a\t" * (15 * 1024 * 1024 // 2)).encode()
    check(len(doc) < 16 * 1024 * 1024, "the document is over the size limit")
    before = _counts(ctx)
    c = ctx.as_user("admin")
    r, f = c.page_form("/import", r"^/import$")
    values = {n: v for n, v, _, _ in f["fields"]}
    field = (f.get("files") or ["file"])[0]
    r = c.post("/import", form=values, files=[(field, "lon.txt", doc, "text/plain")])
    r.expect(413)
    t = r.page.text
    check("quá phức tạp để đọc" in t and "256 MB" in t, "the page does not say why: " + r.describe())
    check("vượt quá dung lượng" not in t, "the page blames the file's size: " + r.describe())
    a = ctx.as_user("admin", api=True)
    r = a.post("/api/v1/imports/preview?name=lon.txt", body=doc, headers={"Content-Type": "text/plain"})
    r.expect_error(413, "input_too_large")
    check("256 MiB" in r.text, "the API does not name the limit: " + r.describe())
    check(_counts(ctx) == before, "the refused document wrote something")

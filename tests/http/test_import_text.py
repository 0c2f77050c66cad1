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

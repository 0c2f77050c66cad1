# test_security.py: CSRF, escaping of document text, access between units
# (pages and API), the upload limit, the session cookie, security headers,
# sign-in rate limiting.
import re

from harness import PASSWORD, check, sql, sql_one


def test_csrf_missing_token_refused(ctx):
    c = ctx.as_user("bt.hlhpn")
    tid = ctx.task_id(ctx.plan_b, 5)
    before = ctx.task_status(tid)
    r = c.submit("/tasks/%d" % tid, r"/status$", {"status": "done"}, drop_csrf=True)
    r.expect(403)
    check("csrf_token_invalid" in r.text, "the 403 is not the CSRF error: " + r.describe())
    check(ctx.task_status(tid) == before, "a request without CSRF token changed the task")
    r = c.post("/tasks/%d/status" % tid, form={"status": "done", "_csrf": "0" * 64}).expect(403)
    check(ctx.task_status(tid) == before, "a wrong CSRF token changed the task")
    notes = sql_one(ctx.db, "SELECT COUNT(*) FROM task_notes WHERE task_id = ?", tid)
    c.post("/tasks/%d/notes" % tid, form={"text": "không có mã"}).expect(403)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM task_notes WHERE task_id = ?", tid) == notes,
          "a note without CSRF token was stored")


def test_csrf_api_with_cookie(ctx):
    # The API signed in by cookie (a browser) needs X-CSRF-Token; a bearer
    # token does not.
    c = ctx.server.client()
    c.sign_in("bt.hlhpn")
    tid = ctx.task_id(ctx.plan_b, 5)
    before = ctx.task_status(tid)
    r = c.patch("/api/v1/tasks/%d" % tid, json={"status": "cancelled"})
    r.expect_error(403, "csrf_token_invalid")
    check(ctx.task_status(tid) == before, "cookie PATCH without token changed the task")
    c.patch("/api/v1/tasks/%d" % tid, json={"status": "in_progress"},
            headers={"X-CSRF-Token": c.csrf}).expect(200)
    check(ctx.task_status(tid) == "in_progress", "cookie PATCH with the token did not change the task")


def test_csrf_login_form(ctx):
    c = ctx.server.client()
    c.get("/login").expect(200)
    r = c.post("/login", form={"login": "xem", "password": PASSWORD}).expect(403)
    check("phoihop_session" not in c.cookies, "sign-in without the form token set a session")
    r = c.post("/login", form={"login": "xem", "password": PASSWORD, "_csrf": "1" * 64}).expect(403)


XSS = "<script>alert(1)</script>"


def _inert(r, where):
    check(XSS not in r.text, "%s: the raw <script> of the task title is in the page" % where)
    check("&lt;script&gt;alert(1)&lt;/script&gt;" in r.text,
          "%s: the escaped title is missing (is the task shown at all?)" % where)
    for attrs, body in r.page.scripts:
        check(attrs.get("src") and not body.strip(), "%s: an inline script: %r %r" % (where, attrs, body[:80]))
    check(not r.page.handlers, "%s: event-handler attributes %r" % (where, r.page.handlers))


def test_xss_task_title_inert(ctx):
    tid = ctx.task_id(ctx.plan_b, 1)
    check(sql_one(ctx.db, "SELECT content FROM tasks WHERE id = ?", tid) == XSS,
          "fixture: task 1 of plan B is not the script title")
    c = ctx.as_user("bt.hlhpn")
    _inert(c.get("/tasks/%d" % tid).expect(200), "task page")
    _inert(c.get("/plans/%d" % ctx.plan_b).expect(200), "plan page")
    _inert(c.get("/tasks?q=alert").expect(200), "task list search")
    _inert(c.get("/units/%d" % ctx.unit_ids["laocai.hlhpn"]).expect(200), "unit page")
    r = c.get("/plans/%d/timeline" % ctx.plan_b).expect(200)
    check(XSS not in r.text, "timeline: raw script")
    # quotes and ampersands in attributes and text
    tid3 = ctx.task_id(ctx.plan_b, 3)
    r = c.get("/tasks/%d" % tid3).expect(200)
    check("<b>thẻ</b>" not in r.text and "&lt;b&gt;thẻ&lt;/b&gt;" in r.text, "markup in a task is not escaped")
    check('Rà soát văn bản "mẫu" & <b>thẻ</b> đậm.' in r.page.text, "the text does not read back as written")
    # The JSON API returns the text as data, typed JSON.
    a = ctx.as_user("xem", api=True).get("/api/v1/tasks/%d" % tid).expect(200)
    check(a.json()["content"] == XSS, "API changes the content")
    check(a.header("Content-Type").startswith("application/json"), "API answer not typed JSON")
    # The search text is echoed back escaped.
    r = c.get("/tasks?q=%3Cscript%3Ealert(2)%3C%2Fscript%3E").expect(200)
    check("<script>alert(2)" not in r.text, "the search box echoes raw markup")


def test_editor_of_other_unit_refused_page(ctx):
    ed = ctx.as_user("bt.ldtbxh")             # Sở LĐ-TB&XH
    owner = ctx.as_user("bt.hlhpn")           # Hội LHPN tỉnh leads plan A task 2
    tid = ctx.task_id(ctx.plan_a, 2)
    before = ctx.task_status(tid)
    _, f = owner.page_form("/tasks/%d" % tid, r"/status$")
    field = next(n for n, vals in f["options"].items() if "done" in vals)
    r = ed.post("/tasks/%d/status" % tid, form={"_csrf": ed.csrf, field: "done"})
    r.expect(403)
    check("forbidden" in r.text, "the 403 page does not name the error: " + r.describe())
    check(ctx.task_status(tid) == before, "the other unit's editor changed the status")
    # The page offers no status form to them.
    r = ed.get("/tasks/%d" % tid).expect(200)
    check(r.page.form(r"/status$") is None, "an editor of another unit is shown the status form")
    # notes and files on a task the unit neither leads nor coordinates
    t4 = ctx.task_id(ctx.plan_b, 4)       # lead Sở Nội vụ, coordinator Sở Tư pháp
    n = sql_one(ctx.db, "SELECT COUNT(*) FROM task_notes WHERE task_id = ?", t4)
    ed.post("/tasks/%d/notes" % t4, form={"_csrf": ed.csrf, "text": "Không được phép."}).expect(403)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM task_notes WHERE task_id = ?", t4) == n, "note stored")
    ed.post("/tasks/%d/files" % t4, form={"_csrf": ed.csrf},
            files=[("file", "x.txt", b"x", "text/plain")]).expect(403)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM attachments WHERE task_id = ?", t4) == 0, "file stored")
    # A viewer of the lead unit cannot change it either.
    v = ctx.as_user("xem")
    v.post("/tasks/%d/status" % tid, form={"_csrf": v.csrf, field: "done"}).expect(403)
    check(ctx.task_status(tid) == before, "a viewer changed the status")


def test_editor_of_other_unit_refused_api(ctx):
    ed = ctx.as_user("bt.ldtbxh", api=True)
    tid = ctx.task_id(ctx.plan_a, 2)
    before = ctx.task_status(tid)
    ed.patch("/api/v1/tasks/%d" % tid, json={"status": "cancelled"}).expect_error(403, "forbidden")
    check(ctx.task_status(tid) == before, "the API let another unit's editor change the status")
    t4 = ctx.task_id(ctx.plan_b, 4)
    ed.post("/api/v1/tasks/%d/notes" % t4, json={"text": "Không được phép."}).expect_error(403)
    ed.post("/api/v1/tasks/%d/files?name=a.txt" % t4, body=b"abc",
            headers={"Content-Type": "application/octet-stream"}).expect_error(403)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM attachments WHERE task_id = ?", t4) == 0, "file stored")
    # But the coordinator above both units may.
    co = ctx.as_user("dieuphoi", api=True)
    co.patch("/api/v1/tasks/%d" % t4, json={"status": "in_progress"}).expect(200)
    # An approver of the lead unit may, like an editor.
    ap = ctx.as_user("pheduyet", api=True)
    ap.patch("/api/v1/tasks/%d" % tid, json={"status": "in_progress"}).expect(200)
    check(ctx.task_status(tid) == "in_progress", "approver's change not stored")


def _counts(ctx):
    return (sql_one(ctx.db, "SELECT COUNT(*) FROM attachments"),
            sql_one(ctx.db, "SELECT COUNT(*) FROM attachment_data"))


def test_upload_over_limit_page(ctx):
    c = ctx.as_user("bt.hlhpn")
    tid = ctx.task_id(ctx.plan_b, 5)
    before = _counts(ctx)
    _, f = c.page_form("/tasks/%d" % tid, r"/files$")
    values = {n: v for n, v, _, _ in f["fields"]}
    r = c.post(f["action"], form=values, files=[("file", "lon.bin", b"\0" * 65537, "application/octet-stream")])
    r.expect(413)
    check(_counts(ctx) == before, "an over-limit file was stored: %r -> %r" % (before, _counts(ctx)))
    # exactly at the limit is fine
    r = c.post(f["action"], form=values, files=[("file", "vua.bin", b"\1" * 65536, "application/octet-stream")])
    r.expect(303)
    check(_counts(ctx)[0] == before[0] + 1, "a file of exactly --max-upload bytes was refused")


def test_upload_over_limit_api(ctx):
    c = ctx.as_user("bt.hlhpn", api=True)
    tid = ctx.task_id(ctx.plan_b, 9)
    before = _counts(ctx)
    c.post("/api/v1/tasks/%d/files" % tid, form={},
           files=[("file", "lon.bin", b"\0" * 70000, "application/octet-stream")]).expect_error(413, "input_too_large")
    c.post("/api/v1/tasks/%d/files?name=lon.bin" % tid, body=b"\0" * 65537,
           headers={"Content-Type": "application/octet-stream"}).expect_error(413)
    check(_counts(ctx) == before, "an over-limit file was stored")


def test_session_cookie_attributes(ctx):
    c = ctx.server.client()
    r = c.sign_in_page("xem")
    sc = [h for h in r.header_all("Set-Cookie") if h.startswith("phoihop_session=")]
    check(sc, "no session cookie set")
    attrs = [a.strip().lower() for a in sc[0].split(";")[1:]]
    check("httponly" in attrs, "session cookie not HttpOnly: %r" % sc[0])
    check(any(a in ("samesite=lax", "samesite=strict") for a in attrs), "session cookie SameSite: %r" % sc[0])
    check("path=/" in attrs, "session cookie Path: %r" % sc[0])
    check("secure" not in attrs, "Secure on plain HTTP without --secure-cookies: %r" % sc[0])
    r = c.get("/login?x=1")
    # The sign-in form's own cookie too
    c2 = ctx.server.client()
    r = c2.get("/login")
    lc = [h for h in r.header_all("Set-Cookie") if h.startswith("phoihop_login=")]
    check(lc and "httponly" in lc[0].lower() and "samesite" in lc[0].lower(), "login cookie: %r" % lc)
    # The API sign-in answers a token and sets the same kind of cookie.
    r = c2.post("/api/v1/session", json={"login": "xem", "password": PASSWORD}).expect(201)
    sc = [h for h in r.header_all("Set-Cookie") if h.startswith("phoihop_session=")]
    check(sc and "httponly" in sc[0].lower(), "API sign-in cookie: %r" % sc)


def test_security_headers(ctx):
    c = ctx.as_user("xem")
    for path in ("/", "/login", "/tasks", "/api/v1/tasks", "/nope", "/api/v1/nope", "/assets/style.css"):
        r = c.get(path)
        csp = r.header("Content-Security-Policy") or ""
        check("frame-ancestors 'none'" in csp or "frame-ancestors 'self'" in csp,
              "%s: CSP without frame-ancestors: %r" % (path, csp))
        check("script-src 'self'" in csp or "default-src 'self'" in csp or "default-src 'none'" in csp,
              "%s: CSP does not restrict scripts: %r" % (path, csp))
        check("unsafe-inline" not in csp, "%s: CSP allows inline code" % path)
        check(r.header("X-Content-Type-Options") == "nosniff", "%s: nosniff" % path)
        check((r.header("Referrer-Policy") or "") in ("same-origin", "no-referrer", "strict-origin",
                                                      "strict-origin-when-cross-origin"),
              "%s: Referrer-Policy %r" % (path, r.header("Referrer-Policy")))


def test_sign_in_rate_limited(ctx):
    c = ctx.server.client()
    codes = []
    for i in range(5):
        codes.append(c.sign_in_page("gioihan", "sai-%d-mat-khau" % i).status)
    check(codes == [401] * 5, "five wrong passwords: %r" % codes)
    r = c.sign_in_page("gioihan", PASSWORD)
    check(r.status == 429, "sixth attempt with the right password: want 429: " + r.describe())
    check("phoihop_session" not in c.cookies, "a rate-limited sign-in set a session")
    check("Đăng nhập sai quá nhiều lần" in r.page.text, "no Vietnamese rate-limit message")
    a = ctx.server.client()
    a.post("/api/v1/session", json={"login": "gioihan", "password": PASSWORD}).expect_error(429, "too_many_attempts")
    # Another login from the same address still works (limit per address is higher).
    ctx.server.client().sign_in_api("xem")


def test_coordinator_scope(ctx):
    # dp.hlhpn coordinates Hội LHPN tỉnh and the district unions below it.
    co = ctx.as_user("dp.hlhpn", api=True)
    below = ctx.task_id(ctx.plan_b, 10)       # lead Hội LHPN huyện Bắc Hà
    co.patch("/api/v1/tasks/%d" % below, json={"status": "in_progress"}).expect(200)
    check(ctx.task_status(below) == "in_progress", "coordinator's change below its unit not stored")
    other = ctx.task_id(ctx.plan_b, 7)        # lead Sở Tư pháp: another branch
    before = ctx.task_status(other)
    co.patch("/api/v1/tasks/%d" % other, json={"status": "done"}).expect_error(403, "forbidden")
    check(ctx.task_status(other) == before, "coordinator changed another branch's task")
    co.get("/api/v1/audit?limit=1").expect(200)
    # The district editor cannot change the province union's task (upwards).
    d = ctx.as_user("bt.bacha", api=True)
    up = ctx.task_id(ctx.plan_b, 9)           # lead Hội LHPN tỉnh
    before = ctx.task_status(up)
    d.patch("/api/v1/tasks/%d" % up, json={"status": "cancelled"}).expect_error(403)
    check(ctx.task_status(up) == before, "a district editor changed the province's task")
    # ...but may change its own, through the page too.
    p = ctx.as_user("bt.bacha")
    r = p.get("/tasks/%d" % below).expect(200)
    check(r.page.form(r"/status$") is not None, "the lead unit's editor gets no status form")
    # Units: a coordinator manages the units below it, not other branches.
    hl_child = sql_one(ctx.db, "SELECT id FROM units WHERE key = 'laocai.bacha.hlhpn'")
    co.post("/api/v1/units/%d/aliases" % hl_child, json={"alias": "Hội Phụ nữ Bắc Hà"}).expect(201, 200)
    co.post("/api/v1/units/%d/aliases" % ctx.unit_ids["laocai.so-tuphap"],
            json={"alias": "Tư pháp tỉnh"}).expect_error(403)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM unit_aliases WHERE alias = 'Tư pháp tỉnh'") == 0,
          "a refused alias was stored")


def test_disabled_user_and_new_password_end_sessions(ctx):
    from harness import cli
    a = ctx.server.client()
    a.sign_in("tamkhoa")
    b = ctx.server.client()
    b.sign_in_api("tamkhoa")
    p = cli(ctx.binary, ctx.db, "user", "disable", "tamkhoa")
    check(p.returncode == 0, "user disable: %s" % p.stderr)
    a.get("/").expect(303)
    b.get("/api/v1/me").expect_error(401)
    r = ctx.server.client().post("/api/v1/session", json={"login": "tamkhoa", "password": PASSWORD})
    r.expect_error(401)
    c = ctx.server.client()
    c.sign_in_api("doimk")
    p = cli(ctx.binary, ctx.db, "user", "passwd", "doimk", stdin="mat-khau-moi-2\n")
    check(p.returncode == 0, "user passwd: %s" % p.stderr)
    c.get("/api/v1/me").expect_error(401)
    ctx.server.client().post("/api/v1/session", json={"login": "doimk", "password": PASSWORD}).expect_error(401)
    ctx.server.client().sign_in_api("doimk", "mat-khau-moi-2")


def test_markup_in_names_is_escaped(ctx):
    adm = ctx.as_user("admin", api=True)
    evil = 'Ban <img src=x onerror=alert(3)> "trích" & cộng sự'
    r = adm.post("/api/v1/units", json={"name": evil, "kind": "department", "level": "province",
                                        "parent_id": ctx.unit_ids["laocai.ubnd"]}).expect(201)
    uid = r.json()["id"]
    p = ctx.as_user("xem")
    for path in ("/units", "/units/%d" % uid):
        r = p.get(path).expect(200)
        check("<img src=x" not in r.text, "%s: a unit name's markup is live" % path)
        check(evil in r.page.text, "%s: the unit name does not read back as written" % path)
        check(not r.page.handlers, "%s: event handlers %r" % (path, r.page.handlers))
    # A file name with markup on the task page, and in the download header.
    ed = ctx.as_user("bt.hlhpn")
    tid = ctx.task_id(ctx.plan_b, 5)
    _, f = ed.page_form("/tasks/%d" % tid, r"/files$")
    ed.post(f["action"], form={n: v for n, v, _, _ in f["fields"]},
            files=[("file", "<img src=x onerror=alert(4)> bảng.txt", b"1;2;3\n", "text/plain")]).expect(303)
    fid, stored = sql(ctx.db, "SELECT id, name FROM attachments WHERE task_id = ? ORDER BY id DESC LIMIT 1", tid)[0]
    check(stored == "<img src=x onerror=alert(4)> bảng.txt", "stored file name %r" % stored)
    r = ed.get("/tasks/%d" % tid).expect(200)
    check("<img src=x" not in r.text and stored in r.page.text, "the file name is not shown escaped")
    check(not r.page.handlers, "task page: event handlers %r" % r.page.handlers)
    d = ed.get("/files/%d" % fid).expect(200)
    cd = d.header("Content-Disposition") or ""
    check("<" not in cd and '"' not in cd.split("filename=", 1)[1][1:-1].split('";')[0],
          "unsafe download name header: %r" % cd)


def test_unit_pages_refuse_other_roles(ctx):
    ed = ctx.as_user("bt.hlhpn")
    tp = ctx.unit_ids["laocai.so-tuphap"]
    name = sql_one(ctx.db, "SELECT name FROM units WHERE id = ?", tp)
    for action, form in (("rename", {"name": "Sở bị đổi tên"}), ("validity", {"valid_to": "2024-12-31"}),
                         ("aliases", {"alias": "Tư pháp bị thêm"}),
                         ("merge", {"into": str(ctx.unit_ids["laocai.so-noivu"]), "date": "2024-12-31"})):
        form["_csrf"] = ed.csrf
        ed.post("/units/%d/%s" % (tp, action), form=form).expect(403)
    check(sql_one(ctx.db, "SELECT name FROM units WHERE id = ?", tp) == name, "renamed")
    check(sql_one(ctx.db, "SELECT valid_to FROM units WHERE id = ?", tp) is None, "validity changed")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM unit_aliases WHERE alias = 'Tư pháp bị thêm'") == 0, "alias added")
    # The unit page shows an editor no management forms.
    r = ed.get("/units/%d" % tp).expect(200)
    check(not any(re.search(r"/(rename|validity|aliases|merge)$", f["action"]) for f in r.page.forms),
          "an editor sees unit management forms")
    ed.get("/units/new").expect(403)

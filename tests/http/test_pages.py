# test_pages.py: the web interface, page by page: sign-in and sign-out, the
# dashboard, plans, the timeline, tasks (list, filters, diacritic-free
# search, paging, a task's status, notes, files), units (add, rename,
# validity, aliases, merge), import (upload, preview writes nothing,
# confirm), the audit log, static assets.
import os
import re
import urllib.parse

from harness import FIXTURES, check, cli, sql, sql_one



def vn_page(r):
    """A Vietnamese HTML page with the shared layout."""
    r.expect(200)
    check((r.header("Content-Type") or "").startswith("text/html"),
          "not HTML: %s" % r.header("Content-Type"))
    check('<html lang="vi"' in r.text, "page is not marked Vietnamese: " + r.describe())
    return r


def test_login_page(ctx):
    c = ctx.server.client()
    r = vn_page(c.get("/login"))
    f = r.page.form(r"^/login")
    check(f is not None, "no sign-in form")
    names = [n for n, _, _, _ in f["fields"]]
    for want in ("_csrf", "login", "password"):
        check(want in names, "sign-in form lacks %s: %s" % (want, names))
    check("phoihop_login" in c.cookies, "no double-submit cookie phoihop_login")
    check(dict((n, v) for n, v, _, _ in f["fields"])["_csrf"] == c.cookies["phoihop_login"],
          "the form's _csrf differs from the phoihop_login cookie")
    check("Đăng nhập" in r.text, "sign-in page is not in Vietnamese")


def test_unauthenticated_page_redirects_to_login(ctx):
    c = ctx.server.client()
    for path in ("/", "/tasks", "/plans/%d" % ctx.plan_a):
        r = c.get(path).expect(303)
        loc = r.header("Location") or ""
        check(loc.startswith("/login?next=") and path in loc,
              "GET %s without a session: Location %r" % (path, loc))
    # A filtered list keeps its query through the sign-in.
    loc = c.get("/tasks?q=" + urllib.parse.quote("phụ nữ") + "&overdue=1").expect(303).header("Location") or ""
    nxt = urllib.parse.unquote(loc.split("next=", 1)[-1])
    check(nxt == "/tasks?q=" + urllib.parse.quote("phụ nữ") + "&overdue=1",
          "the query is lost on the way to sign-in: Location %r" % loc)


def test_sign_in_follows_next_and_rejects_foreign_next(ctx):
    c = ctx.server.client()
    r = c.sign_in_page("xem", next_path="/tasks")
    check(r.status == 303 and r.header("Location") == "/tasks",
          "sign-in with next=/tasks: " + r.describe() + " Location=%r" % r.header("Location"))
    c2 = ctx.server.client()
    r = c2.sign_in_page("xem", next_path="//evil.example/")
    check(r.status == 303 and r.header("Location") == "/",
          "next=//evil.example must go to /, got %r" % r.header("Location"))
    # Signed in, /login goes away.
    r = c.get("/login").expect(303)


def test_wrong_password_page(ctx):
    c = ctx.server.client()
    r = c.sign_in_page("xem", "sai-mat-khau")
    check(r.status == 401, "wrong password: want 401 and the form again: " + r.describe())
    check(r.page.form(r"^/login") is not None, "wrong password does not show the form again")
    check("phoihop_session" not in c.cookies, "wrong password set a session cookie")
    check(re.search("không đúng", r.text), "no Vietnamese error message")


def test_logout(ctx):
    c = ctx.server.client()
    c.sign_in("xem")
    r = c.get("/").expect(200)
    f = r.page.form(r"^/logout$")
    check(f is not None, "the layout has no sign-out form")
    token = c.cookies["phoihop_session"]
    r = c.post("/logout", form={"_csrf": c.csrf}).expect(303)
    check(r.header("Location") == "/login", "sign-out goes to %r" % r.header("Location"))
    check("phoihop_session" not in c.cookies, "sign-out did not clear the cookie")
    # The old token is dead on the server, not just forgotten by the browser.
    c.cookies["phoihop_session"] = token
    c.get("/").expect(303)
    c.get("/api/v1/me").expect_error(401)


def test_dashboard(ctx):
    c = ctx.as_user("bt.hlhpn")
    r = vn_page(c.get("/"))
    t = r.page.text
    # Hội LHPN tỉnh leads task 1 of plan A (Quý I/2024, overdue on 15/9/2024)
    # and task 2 (Quý II, III/2024: due this quarter).
    check("Tập huấn khởi sự kinh doanh" in t, "overdue task of my unit not on the dashboard")
    check("Hỗ trợ thành lập tổ hợp tác" in t, "task due this quarter not on the dashboard")
    check("Nguyễn Thị Biên Tập" in t, "the signed-in user's name is not shown")
    check("30/11/2024" in t, "the upcoming report deadline (30/11/2024) is not on the dashboard")
    check(any(re.search(r"overdue=1|overdue=true", l) for l in r.page.links),
          "no one-click link to the overdue tasks: links %s" % r.page.links[:40])


def test_plans_list(ctx):
    c = ctx.as_user("xem")
    r = vn_page(c.get("/plans"))
    check("Phối hợp tổ chức các hoạt động hỗ trợ phụ nữ khởi nghiệp năm 2024" in r.page.text,
          "plan A's title is not listed")
    check("/plans/%d" % ctx.plan_a in r.page.links, "no link to plan A")
    check("/plans/%d" % ctx.plan_b in r.page.links, "no link to plan B")


def test_plan_page(ctx):
    c = ctx.as_user("xem")
    r = vn_page(c.get("/plans/%d" % ctx.plan_a))
    t = r.page.text
    for s in ("95/KH-UBND", "Tập huấn khởi sự kinh doanh cho hội viên.",
              "Tổ chức ngày hội phụ nữ khởi nghiệp cấp tỉnh.", "31/03/2024"):
        check(s in t, "plan page lacks %r" % s)
    check("12/03/2024" in t or "ngày 12 tháng 03 năm 2024" in t or "ngày 12 tháng 3 năm 2024" in t,
          "plan page lacks the date of issue")
    check("/tasks/%d" % ctx.task_id(ctx.plan_a, 1) in r.page.links, "no link to the task page")
    hl = ctx.unit_ids["laocai.hlhpn"]
    check("/units/%d" % hl in r.page.links, "no link to the lead unit's page")
    check("/plans/%d/timeline" % ctx.plan_a in r.page.links, "no link to the timeline")
    c.get("/plans/999999").expect(404)


def test_timeline(ctx):
    c = ctx.as_user("xem")
    r = vn_page(c.get("/plans/%d/timeline" % ctx.plan_a))
    check("<svg" in r.text, "timeline has no SVG")
    check(re.search(r'class="[^"]*overdue', r.text), "no overdue mark in the timeline")
    check(re.search(r"(?i)today|hôm nay", r.text), "today is not marked on the timeline")
    c.get("/plans/999999/timeline").expect(404)


def test_tasks_list_and_filters(ctx):
    c = ctx.as_user("xem")
    r = vn_page(c.get("/tasks"))
    check("Tập huấn khởi sự kinh doanh" in r.page.text, "tasks list misses a task")
    # Filters are a GET form.
    check(any(f["method"] == "get" for f in r.page.forms), "no filter form")
    hl = ctx.unit_ids["laocai.hlhpn"]
    r = vn_page(c.get("/tasks?unit=%d&role=lead" % hl))
    t = r.page.text
    check("Tập huấn khởi sự kinh doanh" in t, "unit filter drops a task the unit leads")
    check("Tổ chức ngày hội phụ nữ khởi nghiệp" not in t,
          "unit+lead filter shows a task led by another unit")
    r = vn_page(c.get("/tasks?overdue=1"))
    t = r.page.text
    check("Tập huấn khởi sự kinh doanh" in t, "overdue filter drops an overdue task")
    check("Tổng kết, đánh giá kết quả thực hiện" not in t, "overdue filter shows a Q4 task")
    r = vn_page(c.get("/tasks?quarter=2024-Q4"))
    t = r.page.text
    check("Tổ chức ngày hội phụ nữ khởi nghiệp" in t, "quarter filter drops a Q4 task")
    check("Tập huấn khởi sự kinh doanh" not in t, "quarter 2024-Q4 shows a Q1 task")


def test_tasks_search_ignores_diacritics(ctx):
    c = ctx.as_user("xem")
    r = vn_page(c.get("/tasks?q=phu+nu"))
    t = r.page.text
    check("Tổ chức ngày hội phụ nữ khởi nghiệp cấp tỉnh." in t, '"phu nu" does not find "phụ nữ"')
    check("Hỗ trợ thành lập tổ hợp tác do phụ nữ làm chủ." in t, '"phu nu" misses a task')
    check("Kiểm tra việc thực hiện tại các huyện." not in t, '"phu nu" finds an unrelated task')
    r = vn_page(c.get("/tasks?q=dong"))
    t = r.page.text
    check("Vận động đồng bào các dân tộc" in t, '"dong" does not find "đồng"')
    check("Kiểm tra việc thực hiện tại các huyện." not in t, '"dong" finds an unrelated task')


def test_tasks_paging(ctx):
    c = ctx.as_user("xem")
    total = sql_one(ctx.db, "SELECT COUNT(*) FROM tasks")
    check(total > 50, "fixture: only %d tasks, paging needs more than one page" % total)
    seen, path, pages = [], "/tasks?sort=no", 0
    while path and pages < 10:
        r = vn_page(c.get(path))
        ids = [l for l in r.page.links if re.fullmatch(r"/tasks/\d+", l)]
        ids = list(dict.fromkeys(ids))
        check(ids, "page %s lists no tasks" % path)
        seen += ids
        pages += 1
        nxt = re.search(r'<a rel="next" href="([^"]+)"', r.text) or \
            re.search(r'<a[^>]*href="([^"]*[?&](?:amp;)?page=%d[^"]*)"' % (pages + 1), r.text)
        path = nxt.group(1).replace("&amp;", "&") if nxt else None
        if path:
            check("sort=no" in path, "the page link drops the sort order: %s" % path)
    check(pages == (total + 49) // 50, "%d tasks shown on %d pages" % (total, pages))
    check(len(seen) == total and len(set(seen)) == total,
          "pages show %d links (%d distinct) for %d tasks" % (len(seen), len(set(seen)), total))
    # Filters and pages together: plan C alone is 60 tasks.
    r = vn_page(c.get("/tasks?plan=%d&page=2" % ctx.plan_c))
    ids = set(l for l in r.page.links if re.fullmatch(r"/tasks/\d+", l))
    check(len(ids) == 10, "plan C page 2 shows %d tasks, want 10" % len(ids))
    r = c.get("/tasks?page=abc")
    check(r.status in (200, 400, 422), "page=abc: " + r.describe())


def test_task_page(ctx):
    c = ctx.as_user("bt.hlhpn")
    tid = ctx.task_id(ctx.plan_a, 1)
    r = vn_page(c.get("/tasks/%d" % tid))
    t = r.page.text
    check("Tập huấn khởi sự kinh doanh cho hội viên." in t, "task page lacks the content")
    check("Quý I/2024" in t, "task page lacks the timeframe as written")
    for action in (r"/tasks/%d/status$" % tid, r"/tasks/%d/notes$" % tid, r"/tasks/%d/files$" % tid):
        f = r.page.form(action)
        check(f is not None, "an editor of the lead unit gets no form %s" % action)
        check(f["method"] == "post", "form %s is not POST" % action)
    check(r.page.form(r"/files$")["enctype"] == "multipart/form-data",
          "the file form is not multipart")
    c.get("/tasks/999999").expect(404)


def test_task_status_through_page(ctx):
    c = ctx.as_user("bt.hlhpn")
    tid = ctx.task_id(ctx.plan_a, 1)
    check(ctx.task_status(tid) == "not_started", "fixture task is not not_started")
    _, f = c.page_form("/tasks/%d" % tid, r"/status$")
    opts = [v for name, vals in f["options"].items() for v in vals]
    check("in_progress" in opts, "status form offers no in_progress: %s" % f["options"])
    field = next(name for name, vals in f["options"].items() if "in_progress" in vals)
    r = c.submit("/tasks/%d" % tid, r"/status$", {field: "in_progress"}).expect(303)
    loc = r.header("Location") or ""
    check(loc.startswith("/tasks/%d" % tid), "after the change: Location %r" % loc)
    check(ctx.task_status(tid) == "in_progress", "status not stored: %s" % ctx.task_status(tid))
    r = vn_page(c.get(loc))
    check(r.page.text.count("Đang thực hiện") >= 1, "the new status is not shown")
    check("notice" in r.text, "no notice after the change")
    # The history on the page names who changed it.
    check("bt.hlhpn" in r.page.text or "Nguyễn Thị Biên Tập" in r.page.text,
          "the task's history does not name who changed the status")
    # A bad status: refused, nothing changes.
    r = c.submit("/tasks/%d" % tid, r"/status$", {field: "finished"})
    check(r.status in (400, 422), "unknown status: " + r.describe())
    check(ctx.task_status(tid) == "in_progress", "a bad status changed the task")


def test_task_status_on_dashboard(ctx):
    # After test_task_status_through_page: the dashboard of that unit counts it.
    c = ctx.as_user("bt.hlhpn")
    r = vn_page(c.get("/"))
    check("Đang thực hiện" in r.page.text, "the dashboard shows no in-progress count")
    j = c.get("/api/v1/dashboard").expect(200).json()
    found = []

    def walk(v):
        if isinstance(v, dict):
            for k, x in v.items():
                if k == "in_progress" and isinstance(x, int):
                    found.append(x)
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(j)
    check(found and max(found) >= 1, "dashboard JSON counts no in_progress task: %s" % str(j)[:400])


def test_task_note_through_page(ctx):
    c = ctx.as_user("bt.hlhpn")
    tid = ctx.task_id(ctx.plan_b, 5)
    _, f = c.page_form("/tasks/%d" % tid, r"/notes$")
    names = [n for n, _, _, _ in f["fields"]]
    text_field = next((n for n, _, tag, _ in f["fields"] if tag == "textarea"), None) or "text"
    date_field = next((n for n in names if "date" in n), None)
    before = sql_one(ctx.db, "SELECT COUNT(*) FROM task_notes WHERE task_id = ?", tid)
    values = {text_field: "Đã họp triển khai với các huyện <i>nghiêng</i>."}
    if date_field:
        values[date_field] = "2024-09-10"
    r = c.submit("/tasks/%d" % tid, r"/notes$", values).expect(303)
    after = sql_one(ctx.db, "SELECT COUNT(*) FROM task_notes WHERE task_id = ?", tid)
    check(after == before + 1, "note not stored (%d -> %d)" % (before, after))
    r = vn_page(c.get(r.header("Location")))
    check("Đã họp triển khai với các huyện <i>nghiêng</i>." in r.page.text, "the note is not shown")
    check("<i>nghiêng</i>" not in r.text, "the note's markup is not escaped")
    if date_field:
        check("10/09/2024" in r.page.text, "the note's date is not shown as dd/mm/yyyy")
    # An empty note is refused and not stored.
    r = c.submit("/tasks/%d" % tid, r"/notes$", {text_field: "   "})
    check(r.status in (400, 422), "empty note: " + r.describe())
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM task_notes WHERE task_id = ?", tid) == after,
          "an empty note was stored")


def test_task_file_through_page(ctx):
    c = ctx.as_user("bt.hlhpn")
    tid = ctx.task_id(ctx.plan_b, 5)
    _, f = c.page_form("/tasks/%d" % tid, r"/files$")
    data = "Biên bản họp ngày 10/9/2024.\n".encode("utf-8") * 20
    values = {k: v for k, v in ((n, v) for n, v, _, _ in f["fields"])}
    r = c.post(f["action"], form=values,
               files=[("file", "biên bản họp.txt", data, "text/plain")]).expect(303)
    row = ctx_last_attachment(ctx, tid)
    check(row and row[1] == "biên bản họp.txt" and row[2] == len(data),
          "attachment not stored as sent: %r" % (row,))
    r = vn_page(c.get(r.header("Location")))
    check("/files/%d" % row[0] in r.page.links, "the task page has no link to the file")
    d = c.get("/files/%d" % row[0]).expect(200)
    check(d.body == data, "the file comes back changed (%d bytes)" % len(d.body))
    check((d.header("Content-Type") or "").startswith("text/plain"),
          "served as %r" % d.header("Content-Type"))
    cd = d.header("Content-Disposition") or ""
    check("filename" in cd and "bi%C3%AAn" in cd.replace("%c3%aa", "%C3%AA"),
          "no download name: %r" % cd)
    # HTML is never served inline.
    r = c.post(f["action"], form=values,
               files=[("file", "trang.html", b"<script>alert(1)</script>", "text/html")]).expect(303)
    row = ctx_last_attachment(ctx, tid)
    d = c.get("/files/%d" % row[0]).expect(200)
    check((d.header("Content-Disposition") or "").startswith("attachment"),
          "an uploaded HTML file is served inline: %r / %r" % (
              d.header("Content-Type"), d.header("Content-Disposition")))
    c.get("/files/999999").expect(404)


def ctx_last_attachment(ctx, tid):
    rows = sql(ctx.db, "SELECT id, name, size FROM attachments WHERE task_id = ? ORDER BY id DESC LIMIT 1", tid)
    return rows[0] if rows else None


def test_units_tree_and_unit_page(ctx):
    c = ctx.as_user("xem")
    r = vn_page(c.get("/units"))
    check("Hội Liên hiệp Phụ nữ tỉnh Lào Cai" in r.page.text, "units page lacks a unit")
    hl = ctx.unit_ids["laocai.hlhpn"]
    check("/units/%d" % hl in r.page.links, "no link to a unit page")
    r = vn_page(c.get("/units/%d" % hl))
    t = r.page.text
    check("Hội Liên hiệp Phụ nữ tỉnh Lào Cai" in t, "unit page lacks its name")
    check("Tập huấn khởi sự kinh doanh" in t, "unit page lacks a task it leads")
    check("Tổ chức ngày hội phụ nữ khởi nghiệp" in t, "unit page lacks a task it coordinates")
    c.get("/units/999999").expect(404)
    # A viewer gets no unit forms and cannot add one.
    r = c.get("/units/new")
    check(r.status in (403, 200), "viewer /units/new: " + r.describe())


def _unit_form_values(form, overrides):
    v = {n: val for n, val, _, _ in form["fields"]}
    v.update(overrides)
    return v


def test_unit_add_rename_validity_alias_merge_through_pages(ctx):
    c = ctx.as_user("admin")
    r, f = c.page_form("/units/new", r"^/units$")
    names = [n for n, _, _, _ in f["fields"]]
    check("name" in names, "unit form has no name field: %s" % names)
    parent = next((n for n in names if "parent" in n), None)
    vals = {"name": "Ban Thử nghiệm Trang web tỉnh Lào Cai"}
    for n in names:
        if "short" in n:
            vals[n] = "Ban TN trang"
        if n in ("key",):
            vals[n] = "laocai.ban-tn-trang"
    if parent:
        vals[parent] = str(ctx.unit_ids["laocai.ubnd"])
    r = c.post("/units", form=_unit_form_values(f, vals)).expect(303)
    uid = sql_one(ctx.db, "SELECT id FROM units WHERE name = ?", vals["name"])
    check(uid, "unit not stored")
    check((r.header("Location") or "").startswith("/units/%d" % uid), "Location %r" % r.header("Location"))
    page = "/units/%d" % uid
    # rename
    _, f = c.page_form(page, r"/rename$")
    nf = next((n for n, _, _, t in f["fields"] if n != "_csrf" and "short" not in n), "name")
    c.submit(page, r"/rename$", {nf: "Ban Thử nghiệm Trang web đã đổi tên"}).expect(303)
    check(sql_one(ctx.db, "SELECT name FROM units WHERE id = ?", uid) == "Ban Thử nghiệm Trang web đã đổi tên",
          "rename not stored")
    # validity
    _, f = c.page_form(page, r"/validity$")
    vf = {}
    for n, _, _, _ in f["fields"]:
        if "from" in n:
            vf[n] = "2024-01-01"
        elif "to" in n:
            vf[n] = "2030-12-31"
    check(vf, "validity form has no date fields: %s" % f["fields"])
    c.submit(page, r"/validity$", vf).expect(303)
    row = sql(ctx.db, "SELECT valid_from, valid_to FROM units WHERE id = ?", uid)[0]
    check(row == ("2024-01-01", "2030-12-31"), "validity not stored: %r" % (row,))
    # validity the wrong way round is refused
    bad = {k: ("2031-01-01" if "from" in k else "2020-01-01") for k in vf}
    r = c.submit(page, r"/validity$", bad)
    check(r.status in (400, 422), "valid_from after valid_to: " + r.describe())
    # alias
    _, f = c.page_form(page, r"/aliases$")
    af = next((n for n, _, _, _ in f["fields"] if n != "_csrf"), "alias")
    c.submit(page, r"/aliases$", {af: "Ban TN Web"}).expect(303)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM unit_aliases WHERE unit_id = ? AND alias = ?", uid, "Ban TN Web") == 1,
          "alias not stored")
    # merge into another new unit
    r = c.post("/units", form=_unit_form_values(c.page_form("/units/new", r"^/units$")[1],
                                                dict(vals, name="Ban Tiếp nhận Trang web tỉnh Lào Cai",
                                                     **({"key": "laocai.ban-nhan-trang"} if "key" in names else {}))))
    r.expect(303)
    into = sql_one(ctx.db, "SELECT id FROM units WHERE name = ?", "Ban Tiếp nhận Trang web tỉnh Lào Cai")
    _, f = c.page_form(page, r"/merge$")
    mf = next((n for n, _, _, _ in f["fields"] if n != "_csrf"), None) or \
        next((n for n in f["options"]), "into")
    c.submit(page, r"/merge$", {mf: str(into)}).expect(303)
    succ = sql_one(ctx.db, "SELECT successor_id FROM units WHERE id = ?", uid)
    check(succ == into, "merge did not record the successor: %r" % succ)
    # An editor may not add units.
    e = ctx.as_user("bt.hlhpn")
    r = e.post("/units", form={"_csrf": e.csrf, "name": "Ban Không được phép"})
    check(r.status == 403, "editor adding a unit: " + r.describe())
    check(not sql_one(ctx.db, "SELECT id FROM units WHERE name = 'Ban Không được phép'"),
          "a refused unit was stored")


def test_import_upload_preview_confirm(ctx):
    c = ctx.as_user("dieuphoi")
    r, f = c.page_form("/import", r"^/import$")
    check(f["enctype"] == "multipart/form-data", "import form is not multipart")
    check(f.get("files"), "import form has no file input")
    field = f["files"][0]
    path = os.path.join(FIXTURES, "plan-upload-page.txt")
    data = open(path, "rb").read()
    docs = sql_one(ctx.db, "SELECT COUNT(*) FROM documents")
    tasks = sql_one(ctx.db, "SELECT COUNT(*) FROM tasks")
    values = {n: v for n, v, _, _ in f["fields"]}
    r = vn_page(c.post("/import", form=values, files=[(field, "plan-upload-page.txt", data, "text/plain")]))
    t = r.page.text
    check("Kế hoạch thử tải lên qua trang web năm 2024" in t, "preview lacks the title")
    check("Tổ chức hội nghị triển khai qua trang web." in t, "preview lacks the task table")
    check("21/KH-UBND" in t, "preview lacks the number")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs and
          sql_one(ctx.db, "SELECT COUNT(*) FROM tasks") == tasks, "the preview wrote to the database")
    cf = r.page.form(r"^/import/confirm$")
    check(cf is not None, "preview has no confirm form")
    r = c.post("/import/confirm", form={n: v for n, v, _, _ in cf["fields"]}).expect(303)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs + 1, "confirm stored no document")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM tasks") == tasks + 2, "confirm did not store the two tasks")
    pid = sql_one(ctx.db, "SELECT MAX(id) FROM plans")
    check((r.header("Location") or "").startswith("/plans/%d" % pid) or
          (r.header("Location") or "").startswith("/import"),
          "after confirm: Location %r" % r.header("Location"))
    # The same file again: nothing new is written.
    r = c.post("/import", form=values, files=[(field, "plan-upload-page.txt", data, "text/plain")])
    check(r.status in (200, 409), "re-upload preview: " + r.describe())
    cf = r.page.form(r"^/import/confirm$") if r.status == 200 else None
    if cf is not None:
        r = c.post("/import/confirm", form={n: v for n, v, _, _ in cf["fields"]})
        check(r.status in (303, 409), "re-confirm: " + r.describe())
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs + 1, "a duplicate was stored")
    # A viewer cannot open the import page.
    ctx.as_user("xem").get("/import").expect(403)


def test_import_binary_refused(ctx):
    c = ctx.as_user("dieuphoi")
    r, f = c.page_form("/import", r"^/import$")
    field = (f.get("files") or ["file"])[0]
    docs = sql_one(ctx.db, "SELECT COUNT(*) FROM documents")
    values = {n: v for n, v, _, _ in f["fields"]}
    r = c.post("/import", form=values, files=[(field, "anh.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "image/png")])
    check(r.status in (400, 415, 422), "binary upload: " + r.describe())
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs, "binary upload wrote something")


def test_audit_page(ctx):
    c = ctx.as_user("admin")
    r = vn_page(c.get("/audit"))
    t = r.page.text
    check("bt.hlhpn" in t or "Nguyễn Thị Biên Tập" in t, "audit page does not name the editor")
    check("task.status" in t or "trạng thái" in t.lower(), "audit page shows no status change")
    ctx.as_user("dieuphoi").get("/audit").expect(200)
    ctx.as_user("bt.hlhpn").get("/audit").expect(403)
    ctx.as_user("xem").get("/audit").expect(403)


def test_assets(ctx):
    c = ctx.server.client()   # public: no sign-in
    r = c.get("/assets/style.css").expect(200)
    check((r.header("Content-Type") or "").startswith("text/css"), "style.css type %r" % r.header("Content-Type"))
    check(len(r.body) > 100, "style.css is empty")
    r = c.get("/assets/app.js").expect(200)
    check("javascript" in (r.header("Content-Type") or ""), "app.js type %r" % r.header("Content-Type"))
    r = c.get("/assets/icon.svg").expect(200)
    check((r.header("Content-Type") or "").startswith("image/svg+xml"), "icon type")
    c.get("/assets/nope.css").expect(404)
    c.get("/assets/..%2Fsrc%2Fmain.c").expect(404)


def test_import_page_review_needs_confirmation(ctx):
    c = ctx.as_user("admin")
    r, f = c.page_form("/import", r"^/import$")
    field = (f.get("files") or ["file"])[0]
    data = open(os.path.join(FIXTURES, "plan-review-page.txt"), "rb").read()
    values = {n: v for n, v, _, _ in f["fields"]}
    docs = sql_one(ctx.db, "SELECT COUNT(*) FROM documents")
    r = vn_page(c.post("/import", form=values, files=[(field, "plan-review-page.txt", data, "text/plain")]))
    cf = r.page.form(r"^/import/confirm$")
    check(cf is not None, "no confirm form for a document with a review list")
    check("confirm_review" in cf["options"], "no review checkbox: %r" % cf["options"])
    check("Dòng này thiếu cột." in r.page.text or "thiếu" in r.page.text, "the review list is not shown")
    fields = {n: v for n, v, _, _ in cf["fields"]}
    r = c.post("/import/confirm", form=fields)
    check(r.status == 422, "confirm without ticking the review box: " + r.describe())
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs, "stored without the review confirmed")
    fields["confirm_review"] = cf["options"]["confirm_review"][0]
    c.post("/import/confirm", form=fields).expect(303)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs + 1, "confirmed import not stored")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM review_items ri JOIN documents d ON d.id = ri.document_id "
                          "WHERE d.source_name = 'plan-review-page.txt'") >= 1, "review items not kept")


def test_same_document_through_page_and_api_is_one(ctx):
    # plan-upload-page.txt was imported through the page (as a browser
    # sends it: CRLF line ends in the form); the API gets the file's bytes.
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents WHERE source_name = 'plan-upload-page.txt'") == 1,
          "fixture: plan-upload-page.txt is not imported once")
    c = ctx.as_user("admin", api=True)
    with open(os.path.join(FIXTURES, "plan-upload-page.txt"), encoding="utf-8") as f:
        text = f.read()
    r = c.post("/api/v1/imports", json={"text": text, "source_name": "plan-upload-page.txt"})
    check(r.status == 409, "the page-imported document imported again through the API: " + r.describe())
    # Trailing blank lines, trailing spaces and CRLF do not make another
    # document, through the API or the command line.
    docs = sql_one(ctx.db, "SELECT COUNT(*) FROM documents")
    for name, variant in (("blank lines", text + "\n\n\n"), ("trailing spaces", text.replace("\n", "  \n")),
                          ("CRLF", text.replace("\n", "\r\n"))):
        r = c.post("/api/v1/imports", json={"text": variant, "source_name": "plan-upload-page.txt"})
        check(r.status == 409, "%s: imported again through the API: %s" % (name, r.describe()))
        path = os.path.join(ctx.tmp, "again.txt")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(variant)
        p = cli(ctx.binary, ctx.db, "import", "--confirm", path)
        check(p.returncode == 0 and "already imported" in p.stderr,
              "%s: the command line: %d %s" % (name, p.returncode, p.stderr[:300]))
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs, "a variant was stored")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents WHERE source_name = 'plan-upload-page.txt'") == 1,
          "stored twice")

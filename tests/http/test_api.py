# test_api.py: the JSON API under /api/v1: sessions, every resource, lists
# (paging, filters, diacritic-free search), ETag and If-None-Match, status
# changes with their audit entries, notes, files, units, imports, and the
# OpenAPI document checked against the route table.
import os
import re

from harness import FIXTURES, PASSWORD, check, load_routes, sql, sql_one


def api_import(c, name, preview=False, confirm=False, **kw):
    """Send a fixture document to the import API."""
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        text = f.read()
    body = {"source_name": name, "text": text}
    if confirm:
        body["confirm_review"] = True
    return c.post("/api/v1/imports/preview" if preview else "/api/v1/imports", json=body, **kw)


def test_session_create_and_me(ctx):
    c = ctx.server.client()
    r = c.post("/api/v1/session", json={"login": "xem", "password": PASSWORD}).expect(201)
    j = r.json()
    check(re.fullmatch(r"[0-9a-f]{64}", j.get("token", "")), "token is not 64 hex: %r" % j.get("token"))
    check(re.fullmatch(r"[0-9a-f]{64}", j.get("csrf_token", "")), "no csrf_token")
    u = j.get("user") or {}
    check(u.get("login") == "xem" and u.get("role") == "viewer", "user: %r" % u)
    check(u.get("unit_id") == ctx.unit_ids["laocai.hlhpn"], "user's unit: %r" % u)
    b = ctx.server.client()
    b.token = j["token"]
    me = b.get("/api/v1/me").expect(200).json()
    check(me["user"]["login"] == "xem", "me: %r" % me)
    check((r.header("Content-Type") or "").startswith("application/json"), "session answer type")


def test_session_wrong_password(ctx):
    c = ctx.server.client()
    r = c.post("/api/v1/session", json={"login": "xem", "password": "khong-dung"})
    r.expect_error(401, "unauthorized")
    check("token" not in r.text, "a failed sign-in answered a token")
    c.post("/api/v1/session", json={"login": "xem"}).expect_error(400)


def test_session_delete(ctx):
    c = ctx.server.client()
    c.sign_in_api("xem")
    c.get("/api/v1/me").expect(200)
    c.delete("/api/v1/session").expect(200)
    c.get("/api/v1/me").expect_error(401)


def test_openapi_matches_routes(ctx):
    r = ctx.server.client().get("/api/v1/openapi.json").expect(200)
    doc = r.json()
    check(str(doc.get("openapi", "")).startswith("3."), "not OpenAPI 3: %r" % doc.get("openapi"))
    check(isinstance(doc.get("paths"), dict) and doc["paths"], "no paths")
    norm = lambda p: re.sub(r"\{[^}]+\}", "{}", p)
    documented = set()
    for path, ops in doc["paths"].items():
        full = path if path.startswith("/api/v1") else "/api/v1" + path
        for m in ops:
            if m.lower() in ("get", "post", "patch", "put", "delete"):
                documented.add((m.upper(), norm(full)))
    table = {(r["method"], norm(r["pattern"])) for r in load_routes() if r["pattern"].startswith("/api/")}
    missing = sorted(table - documented)
    extra = sorted(documented - table)
    check(not missing, "routes not in the OpenAPI document: %s" % missing)
    check(not extra, "OpenAPI operations with no route: %s" % extra)


def test_plans_api(ctx):
    c = ctx.as_user("xem", api=True)
    j = c.get("/api/v1/plans").expect(200).json()
    check({"items", "total", "limit", "offset"} <= set(j), "list envelope: %r" % list(j))
    ids = [p["id"] for p in j["items"]]
    check(ctx.plan_a in ids and ctx.plan_b in ids, "plans list: %r" % ids)
    p = c.get("/api/v1/plans/%d" % ctx.plan_a).expect(200).json()
    s = str(p)
    check("Phối hợp tổ chức các hoạt động hỗ trợ phụ nữ khởi nghiệp năm 2024" in s, "plan lacks its title")
    check("Tập huấn khởi sự kinh doanh cho hội viên." in s, "plan lacks its tasks")
    c.get("/api/v1/plans/999999").expect_error(404, "not_found")
    t = c.get("/api/v1/plans/%d/timeline" % ctx.plan_a).expect(200).json()
    check("2024-03-31" in str(t), "timeline lacks task 1's end (2024-03-31): %s" % str(t)[:300])
    c.get("/api/v1/plans/999999/timeline").expect_error(404)


def test_tasks_api_filters(ctx):
    c = ctx.as_user("xem", api=True)
    total = sql_one(ctx.db, "SELECT COUNT(*) FROM tasks")
    j = c.get("/api/v1/tasks?limit=500").expect(200).json()
    check(j["total"] == total and len(j["items"]) == total, "all tasks: total %r, %d items, db %d" % (
        j["total"], len(j["items"]), total))
    j = c.get("/api/v1/tasks?plan=%d" % ctx.plan_a).expect(200).json()
    check(j["total"] == 4, "plan A has 4 tasks, got %r" % j["total"])
    hl = ctx.unit_ids["laocai.hlhpn"]
    j = c.get("/api/v1/tasks?unit=%d&role=lead&limit=500" % hl).expect(200).json()
    want = sql_one(ctx.db, "SELECT COUNT(*) FROM tasks WHERE lead_unit_id = ?", hl)
    check(j["total"] == want and all(t["lead"]["unit_id"] == hl for t in j["items"]),
          "unit+lead filter: %r of %d" % (j["total"], want))
    j = c.get("/api/v1/tasks?overdue=1&limit=500").expect(200).json()
    check(j["items"] and all(t["overdue"] for t in j["items"]), "overdue filter")
    check(all((t["timeframe"]["end"] or "9999") < "2024-09-15" for t in j["items"]),
          "an overdue task ends after today (2024-09-15)")
    j = c.get("/api/v1/tasks?quarter=2024-Q4&limit=500").expect(200).json()
    check(j["items"] and all(t["timeframe"]["end"] and t["timeframe"]["end"] >= "2024-10-01"
                             for t in j["items"] if t["timeframe"]["kind"] != "ongoing"), "quarter filter")
    c.get("/api/v1/tasks?quarter=2024Q9").expect_error(400)
    r = c.get("/api/v1/tasks?status=finished")
    check(r.status in (400, 422), "unknown status filter: " + r.describe())
    c.get("/api/v1/tasks?unit=abc").expect_error(400)


def test_tasks_api_search_ignores_diacritics(ctx):
    c = ctx.as_user("xem", api=True)

    def contents(q):
        j = c.get("/api/v1/tasks?limit=500&q=" + q).expect(200).json()
        return [t["content"] for t in j["items"]]
    got = contents("phu%20nu")
    check("Tổ chức ngày hội phụ nữ khởi nghiệp cấp tỉnh." in got, '"phu nu" misses "phụ nữ": %r' % got)
    check("Kiểm tra việc thực hiện tại các huyện." not in got, '"phu nu" finds an unrelated task')
    got = contents("dong")
    check("Vận động đồng bào các dân tộc tham gia phong trào." in got, '"dong" misses "đồng": %r' % got)
    check("Kiểm tra việc thực hiện tại các huyện." not in got, '"dong" finds an unrelated task')
    got = contents("%C4%91%E1%BB%93ng")   # "đồng" with its diacritics
    check("Vận động đồng bào các dân tộc tham gia phong trào." in got, '"đồng" misses itself')
    got = contents("PHU%20NU")
    check("Tổ chức ngày hội phụ nữ khởi nghiệp cấp tỉnh." in got, "search is case-sensitive")
    check(contents("xyzzyqq") == [], "nonsense finds tasks")


def test_tasks_api_paging(ctx):
    c = ctx.as_user("xem", api=True)
    total = sql_one(ctx.db, "SELECT COUNT(*) FROM tasks")
    seen = []
    off = 0
    while off < total:
        j = c.get("/api/v1/tasks?sort=no&limit=4&offset=%d" % off).expect(200).json()
        check(j["limit"] == 4 and j["offset"] == off and j["total"] == total, "envelope %r" % {
            k: j[k] for k in ("limit", "offset", "total")})
        check(len(j["items"]) == min(4, total - off), "page at %d has %d items" % (off, len(j["items"])))
        seen += [t["id"] for t in j["items"]]
        off += 4
    check(len(seen) == total and len(set(seen)) == total, "pages overlap or miss tasks: %r" % seen)
    j = c.get("/api/v1/tasks?limit=4&offset=%d" % (total + 10)).expect(200).json()
    check(j["items"] == [] and j["total"] == total, "a page past the end")
    for bad in ("limit=0", "limit=501", "limit=x", "offset=-1"):
        c.get("/api/v1/tasks?" + bad).expect_error(400, "bad_request")
    # sorting
    j = c.get("/api/v1/tasks?sort=-end&limit=500").expect(200).json()
    ends = [t["timeframe"]["end"] for t in j["items"] if t["timeframe"]["end"]]
    check(ends == sorted(ends, reverse=True), "sort=-end is not descending: %r" % ends)
    r = c.get("/api/v1/tasks?sort=content")
    check(r.status in (400, 422), "unknown sort key: " + r.describe())


def test_task_api_read(ctx):
    c = ctx.as_user("xem", api=True)
    tid = ctx.task_id(ctx.plan_a, 1)
    t = c.get("/api/v1/tasks/%d" % tid).expect(200).json()
    check(t["id"] == tid and t["content"] == "Tập huấn khởi sự kinh doanh cho hội viên.", "task: %r" % t)
    check(t["lead"]["unit_id"] == ctx.unit_ids["laocai.hlhpn"], "lead unit")
    check(len(t["coordinating"]) == 2, "coordinators: %r" % t["coordinating"])
    check(t["timeframe"]["text"] == "Quý I/2024" and t["timeframe"]["end"] == "2024-03-31", "timeframe %r" % t["timeframe"])
    check(t["overdue"] is True or t["status"] == "done", "Q1 task not overdue on 2024-09-15")
    c.get("/api/v1/tasks/999999").expect_error(404, "not_found")
    c.get("/api/v1/tasks/999999/notes").expect_error(404)
    c.get("/api/v1/tasks/999999/files").expect_error(404)
    c.get("/api/v1/tasks/999999/history").expect_error(404)


def test_etag_and_if_none_match(ctx):
    c = ctx.as_user("xem", api=True)
    for path in ("/api/v1/tasks?limit=3", "/api/v1/plans/%d" % ctx.plan_a, "/tasks", "/api/v1/units"):
        if not path.startswith("/api/"):
            c = ctx.as_user("xem")
        r = c.get(path).expect(200)
        etag = r.header("ETag")
        check(etag and re.fullmatch(r'(W/)?"[^"]+"', etag), "%s: no ETag (%r)" % (path, etag))
        r2 = c.get(path, headers={"If-None-Match": etag})
        check(r2.status == 304, "%s with If-None-Match: %s" % (path, r2.describe()))
        check(r2.body == b"", "a 304 answer has a body")
        check(r2.header("ETag") == etag, "the 304 answer lacks the same ETag")
        r3 = c.get(path, headers={"If-None-Match": '"something-else"'}).expect(200)
        check(r3.body == r.body, "%s: a different ETag does not give the same body" % path)


def test_etag_changes_after_a_change(ctx):
    ed = ctx.as_user("bt.ldtbxh", api=True)
    tid = ctx.task_id(ctx.plan_b, 6)    # lead Sở LĐ-TB&XH
    r = ed.get("/api/v1/tasks/%d" % tid).expect(200)
    etag = r.header("ETag")
    ed.patch("/api/v1/tasks/%d" % tid, json={"status": "in_progress"}).expect(200)
    r2 = ed.get("/api/v1/tasks/%d" % tid, headers={"If-None-Match": etag})
    check(r2.status == 200 and r2.json()["status"] == "in_progress",
          "a stale ETag still answers 304 / old data: " + r2.describe())


def test_status_change_api_and_audit(ctx):
    ed = ctx.as_user("bt.ldtbxh", api=True)
    tid = ctx.task_id(ctx.plan_a, 3)    # lead Sở Lao động-TB&XH
    check(ctx.task_status(tid) == "not_started", "fixture status")
    r = ed.patch("/api/v1/tasks/%d" % tid, json={"status": "done"}).expect(200)
    check(r.json()["status"] == "done" and ctx.task_status(tid) == "done", "status not changed: " + r.describe())
    check(r.json().get("status_label") == "Hoàn thành", "status label %r" % r.json().get("status_label"))
    adm = ctx.as_user("admin", api=True)
    j = adm.get("/api/v1/audit?limit=500").expect(200).json()
    items = j["items"] if isinstance(j, dict) else j
    hits = [e for e in items if e.get("entity") == "task" and e.get("entity_id") == tid
            and e.get("action") == "task.status"]
    check(hits, "no task.status audit entry for task %d: %s" % (tid, str(items)[:500]))
    e = hits[0]
    check(e.get("user_login") == "bt.ldtbxh", "audit entry's user: %r" % e.get("user_login"))
    check(re.match(r"\d{4}-\d\d-\d\dT", e.get("at") or ""), "audit entry's time: %r" % e.get("at"))
    check("not_started" in str(e.get("before")) and "done" in str(e.get("after")),
          "audit before/after: %r / %r" % (e.get("before"), e.get("after")))
    # The task's own history shows it too, to any reader.
    h = ctx.as_user("xem", api=True).get("/api/v1/tasks/%d/history" % tid).expect(200).json()
    check(any(x.get("action") == "task.status" for x in h["items"]), "task history lacks the change")
    # Setting a bad status: 422/400, nothing changes.
    r = ed.patch("/api/v1/tasks/%d" % tid, json={"status": "finished"})
    check(r.status in (400, 422), "bad status: " + r.describe())
    check(ctx.task_status(tid) == "done", "a bad status changed the task")
    ed.patch("/api/v1/tasks/%d" % tid, json={"status": 5}).expect_error(400)
    ed.patch("/api/v1/tasks/%d" % tid, json={}).expect_error(400)
    ed.patch("/api/v1/tasks/999999", json={"status": "done"}).expect_error(404)
    # Coordinators and viewers may not read the audit log alike.
    ctx.as_user("dieuphoi", api=True).get("/api/v1/audit").expect(200)
    ctx.as_user("xem", api=True).get("/api/v1/audit").expect_error(403, "forbidden")
    ed.get("/api/v1/audit").expect_error(403)


def test_notes_api(ctx):
    ed = ctx.as_user("bt.hlhpn", api=True)
    tid = ctx.task_id(ctx.plan_b, 9)
    r = ed.post("/api/v1/tasks/%d/notes" % tid, json={"date": "2024-09-12", "text": "Đã gửi công văn đôn đốc."})
    r.expect(201)
    n = r.json()
    check(n.get("text") == "Đã gửi công văn đôn đốc." and n.get("date") == "2024-09-12", "note: %r" % n)
    j = ed.get("/api/v1/tasks/%d/notes" % tid).expect(200).json()
    check(any(x["text"] == "Đã gửi công văn đôn đốc." for x in j["items"]), "note not listed")
    r = ed.post("/api/v1/tasks/%d/notes" % tid, json={"date": "2024-13-45", "text": "Sai ngày."})
    check(r.status in (400, 422), "bad note date: " + r.describe())
    ed.post("/api/v1/tasks/%d/notes" % tid, json={"date": "2024-09-12"}).expect_error(400)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM task_notes WHERE task_id = ? AND text = 'Sai ngày.'", tid) == 0,
          "a note with a bad date was stored")
    # A coordinating unit's editor may add notes (Hội LHPN coordinates plan B task 2).
    ed.post("/api/v1/tasks/%d/notes" % ctx.task_id(ctx.plan_b, 2),
            json={"text": "Hội LHPN đã phối hợp."}).expect(201)


def test_files_api(ctx):
    ed = ctx.as_user("bt.hlhpn", api=True)
    tid = ctx.task_id(ctx.plan_b, 9)
    data = bytes(range(256)) * 8
    r = ed.post("/api/v1/tasks/%d/files" % tid, form={},
                files=[("file", "số liệu.pdf", data, "application/pdf")]).expect(201)
    a = r.json()
    check(a.get("name") == "số liệu.pdf" and a.get("size") == len(data), "attachment: %r" % a)
    check(a.get("mime") == "application/pdf", "mime from the extension: %r" % a.get("mime"))
    fid = a["id"]
    j = ed.get("/api/v1/tasks/%d/files" % tid).expect(200).json()
    check(any(x["id"] == fid for x in j["items"]), "file not listed")
    d = ctx.as_user("xem", api=True).get("/api/v1/files/%d" % fid).expect(200)
    check(d.body == data, "file bytes differ")
    check(d.header("Content-Type") == "application/pdf", "type %r" % d.header("Content-Type"))
    check("filename" in (d.header("Content-Disposition") or ""), "no download name")
    # Raw body with ?name=
    r = ed.post("/api/v1/tasks/%d/files?name=ghi-chu.txt" % tid, body=b"noi dung",
                headers={"Content-Type": "application/octet-stream"}).expect(201)
    check(r.json()["size"] == 8, "raw upload size")
    # An empty file is refused.
    r = ed.post("/api/v1/tasks/%d/files?name=rong.txt" % tid, body=b"",
                headers={"Content-Type": "application/octet-stream"})
    check(r.status in (400, 422), "empty upload: " + r.describe())
    ed.get("/api/v1/files/999999").expect_error(404)


def test_units_api(ctx):
    c = ctx.as_user("xem", api=True)
    j = c.get("/api/v1/units?limit=500").expect(200).json()
    names = [u["name"] for u in j["items"]]
    check("Hội Liên hiệp Phụ nữ tỉnh Lào Cai" in names, "units list lacks a unit")
    hl = ctx.unit_ids["laocai.hlhpn"]
    u = c.get("/api/v1/units/%d" % hl).expect(200).json()
    check(u.get("key") == "laocai.hlhpn" or u.get("unit", {}).get("key") == "laocai.hlhpn", "unit: %r" % str(u)[:300])
    c.get("/api/v1/units/999999").expect_error(404)
    # a viewer may not add
    c.post("/api/v1/units", json={"name": "Ban Của Người Xem", "kind": "department", "level": "province",
                                  "parent_id": ctx.unit_ids["laocai.ubnd"]}).expect_error(403)
    adm = ctx.as_user("admin", api=True)
    r = adm.post("/api/v1/units", json={"name": "Ban Thử nghiệm API tỉnh Lào Cai", "short_name": "Ban TN API",
                                        "kind": "department", "level": "province",
                                        "parent_id": ctx.unit_ids["laocai.ubnd"]}).expect(201)
    uid = r.json().get("id") or r.json().get("unit", {}).get("id")
    check(uid and sql_one(ctx.db, "SELECT name FROM units WHERE id = ?", uid) == "Ban Thử nghiệm API tỉnh Lào Cai",
          "unit not stored: " + r.describe())
    adm.post("/api/v1/units", json={"short_name": "thiếu tên"}).expect_error(400)
    adm.patch("/api/v1/units/%d" % uid, json={"name": "Ban Thử nghiệm API đã đổi tên"}).expect(200)
    check(sql_one(ctx.db, "SELECT name FROM units WHERE id = ?", uid) == "Ban Thử nghiệm API đã đổi tên", "rename")
    adm.patch("/api/v1/units/%d" % uid, json={"valid_from": "2024-01-01", "valid_to": "2029-12-31"}).expect(200)
    check(sql(ctx.db, "SELECT valid_from, valid_to FROM units WHERE id = ?", uid)[0] == ("2024-01-01", "2029-12-31"),
          "validity not stored")
    r = adm.patch("/api/v1/units/%d" % uid, json={"valid_from": "2030-01-01", "valid_to": "2020-01-01"})
    check(r.status in (400, 422), "reversed validity: " + r.describe())
    # A new name with dates that are reversed once read as dates (not as
    # text: 2025-10-01 is after 2025-9-30) is refused as a whole: one
    # transaction, so the name and its audit stay as they were.
    renames = sql_one(ctx.db, "SELECT COUNT(*) FROM audit_log WHERE entity_id = ? AND action LIKE 'unit.%'", uid)
    adm.patch("/api/v1/units/%d" % uid, json={"name": "Ban Không được đổi tên", "valid_from": "2025-10-01",
                                              "valid_to": "2025-9-30"}).expect_error(422)
    check(sql_one(ctx.db, "SELECT name FROM units WHERE id = ?", uid) == "Ban Thử nghiệm API đã đổi tên",
          "a PATCH refused for its dates renamed the unit")
    check(sql(ctx.db, "SELECT valid_from, valid_to FROM units WHERE id = ?", uid)[0] == ("2024-01-01", "2029-12-31"),
          "a refused PATCH changed the validity")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM audit_log WHERE entity_id = ? AND action LIKE 'unit.%'", uid)
          == renames, "a refused PATCH was audited")
    adm.post("/api/v1/units/%d/aliases" % uid, json={"alias": "BTN API"}).expect(201, 200)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM unit_aliases WHERE unit_id = ? AND alias = 'BTN API'", uid) == 1,
          "alias not stored")
    r = adm.post("/api/v1/units", json={"name": "Ban Tiếp nhận API tỉnh Lào Cai", "kind": "department",
                                        "level": "province", "parent_id": ctx.unit_ids["laocai.ubnd"]}).expect(201)
    into = r.json().get("id") or r.json().get("unit", {}).get("id")
    adm.post("/api/v1/units/%d/merge" % uid, json={"into": 999999, "date": "2024-09-30"}).expect_error(404)
    adm.post("/api/v1/units/%d/merge" % uid, json={"into": uid, "date": "2024-09-30"}).expect_error(422)
    adm.post("/api/v1/units/%d/merge" % uid, json={"into": into}).expect_error(400)
    adm.post("/api/v1/units/%d/merge" % uid, json={"into": into, "date": "2024-09-30"}).expect(200, 201)
    check(sql(ctx.db, "SELECT successor_id, valid_to FROM units WHERE id = ?", uid)[0] == (into, "2024-09-30"),
          "merge: no successor / end date")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM unit_aliases WHERE unit_id = ? AND alias = 'BTN API'", into) == 1,
          "merge: the alias did not move to the receiving unit")
    # audit entries for the unit changes
    j = adm.get("/api/v1/audit?limit=500").expect(200).json()
    acts = {e.get("action") for e in j["items"] if e.get("entity") == "unit" and e.get("entity_id") == uid}
    check(len(acts) >= 3, "unit changes are not all audited: %r" % acts)


def test_imports_api(ctx):
    c = ctx.as_user("dieuphoi", api=True)
    docs = sql_one(ctx.db, "SELECT COUNT(*) FROM documents")
    r = api_import(c, "plan-upload-api.txt", preview=True).expect(200)
    check("Tổ chức hội nghị triển khai qua API." in r.text, "preview lacks a task: %s" % r.text[:300])
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs, "preview wrote a document")
    r = api_import(c, "plan-upload-api.txt").expect(201)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs + 1, "import stored no document")
    check("plan" in r.text, "import answer names no plan: %s" % r.text[:300])
    # the same document again
    api_import(c, "plan-upload-api.txt").expect_error(409, "duplicate")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs + 1, "duplicate stored")


def test_dashboard_api(ctx):
    j = ctx.as_user("bt.hlhpn", api=True).get("/api/v1/dashboard").expect(200).json()
    s = str(j)
    check("Tập huấn khởi sự kinh doanh cho hội viên." in s, "dashboard lacks my overdue task")
    check("Hỗ trợ thành lập tổ hợp tác do phụ nữ làm chủ." in s, "dashboard lacks a task due this quarter")
    dl = j.get("deadlines", {})
    dues = [d.get("due") for d in (dl.get("items", []) if isinstance(dl, dict) else dl)]
    check("2024-11-30" in dues, "dashboard lacks the report deadline of 30/11/2024: %r" % dues)
    check(all(d >= "2024-09-15" for d in dues if d), "dashboard lists a past deadline: %r" % dues)


def test_imports_api_raw_text_and_corrections(ctx):
    c = ctx.as_user("dieuphoi", api=True)
    with open(os.path.join(FIXTURES, "plan-raw.txt"), "rb") as f:
        raw = f.read()
    docs = sql_one(ctx.db, "SELECT COUNT(*) FROM documents")
    r = c.post("/api/v1/imports/preview?name=plan-raw.txt", body=raw,
               headers={"Content-Type": "text/plain; charset=utf-8"}).expect(200)
    check("Gửi văn bản thô qua giao diện lập trình." in r.text, "raw preview lacks the task")
    r = c.post("/api/v1/imports?name=plan-raw.txt", body=raw,
               headers={"Content-Type": "text/plain; charset=utf-8"}).expect(201)
    j = r.json()
    check(j.get("plan_id") and j.get("document_id"), "import answer: %r" % j)
    check(sql_one(ctx.db, "SELECT source_name FROM documents WHERE id = ?", j["document_id"]) == "plan-raw.txt",
          "the ?name= is not the source name")
    r = c.post("/api/v1/imports?name=plan-raw.txt", body=raw, headers={"Content-Type": "text/plain"})
    r.expect_error(409, "duplicate")
    check(r.json()["error"].get("document_id") == j["document_id"],
          "409 lacks the first import's document_id: " + r.describe())
    # An agency the registry does not know: the preview proposes it; the
    # import maps it to an existing unit when told to.
    with open(os.path.join(FIXTURES, "plan-correct.txt"), encoding="utf-8") as f:
        text = f.read()
    r = c.post("/api/v1/imports/preview", json={"text": text, "source_name": "plan-correct.txt"}).expect(200)
    check("Ban Điều phối Thử nghiệm Đặc biệt" in str(r.json().get("proposed_units")),
          "preview does not propose the unknown agency: %s" % str(r.json().get("proposed_units"))[:200])
    tp = ctx.unit_ids["laocai.so-tuphap"]
    r = c.post("/api/v1/imports", json={"text": text, "source_name": "plan-correct.txt",
                                        "units": {"Ban Không có trong văn bản": tp}})
    check(r.status in (400, 422), "a correction for a name not in the text: " + r.describe())
    r = c.post("/api/v1/imports", json={"text": text, "source_name": "plan-correct.txt",
                                        "units": {"Ban Điều phối Thử nghiệm Đặc biệt": tp}}).expect(201)
    pid = r.json()["plan_id"]
    lead = sql_one(ctx.db, "SELECT lead_unit_id FROM tasks WHERE plan_id = ?", pid)
    check(lead == tp, "the corrected lead is unit %r, want Sở Tư pháp (%d)" % (lead, tp))
    check(not sql_one(ctx.db, "SELECT id FROM units WHERE name = 'Ban Điều phối Thử nghiệm Đặc biệt'"),
          "a proposed unit was created although the name was mapped")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs + 2, "document count")


def test_error_statuses_follow_the_documented_rule(ctx):
    # docs/API.md: unreadable values are 400 bad_request, readable but not
    # allowed ones 422 invalid_value.
    c = ctx.as_user("xem", api=True)
    c.get("/api/v1/tasks?quarter=Q3-2024").expect_error(400, "bad_request")
    c.get("/api/v1/tasks?quarter=2024-Q5").expect_error(422, "invalid_value")
    c.get("/api/v1/tasks?status=finished").expect_error(422, "invalid_value")
    c.get("/api/v1/tasks?role=owner").expect_error(422, "invalid_value")
    c.get("/api/v1/tasks?sort=content").expect_error(422, "invalid_value")
    c.get("/api/v1/tasks?plan=-3").expect_error(400, "bad_request")
    ed = ctx.as_user("bt.hlhpn", api=True)
    tid = ctx.task_id(ctx.plan_b, 9)
    ed.patch("/api/v1/tasks/%d" % tid, json={"status": "finished"}).expect_error(422, "invalid_value")
    ed.patch("/api/v1/tasks/%d" % tid, json={"status": ["done"]}).expect_error(400, "bad_request")
    ed.post("/api/v1/tasks/%d/files?name=lon.bin" % tid, body=b"\0" * 65537,
            headers={"Content-Type": "application/octet-stream"}).expect_error(413, "input_too_large")
    adm = ctx.as_user("admin", api=True)
    r = adm.post("/api/v1/imports?name=x.txt", body=b"\x00\x01\x02\x89PNG binary\xff\xfe",
                 headers={"Content-Type": "text/plain"})
    check(r.status == 422 and r.error_code() in ("binary_input", "invalid_utf8", "empty_input",
                                                  "unreadable_document"), "binary text: " + r.describe())


def test_unit_sibling_name_conflict_and_rename_alias(ctx):
    adm = ctx.as_user("admin", api=True)
    ubnd = ctx.unit_ids["laocai.ubnd"]
    body = {"name": "Ban Trùng tên tỉnh Lào Cai", "kind": "department", "level": "province", "parent_id": ubnd}
    r = adm.post("/api/v1/units", json=body).expect(201)
    uid = r.json()["id"]
    r = adm.post("/api/v1/units", json=body).expect_error(409)
    check(r.error_code() in ("conflict", "duplicate"), "sibling name clash code: " + r.describe())
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM units WHERE name = 'Ban Trùng tên tỉnh Lào Cai'") == 1,
          "a second sibling with the same name was stored")
    j = adm.patch("/api/v1/units/%d" % uid, json={"name": "Ban Đã đổi tên tỉnh Lào Cai"}).expect(200).json()
    check("Ban Trùng tên tỉnh Lào Cai" in (j.get("aliases") or []),
          "after a rename the old name is not an alias: %r" % j.get("aliases"))
    # A rename and dates in one PATCH are two audited writes; bad dates make neither.
    r = adm.patch("/api/v1/units/%d" % uid, json={"name": "Tên không được lưu", "valid_from": "2025-01-01",
                                                  "valid_to": "2024-01-01"})
    r.expect_error(422)
    check(sql_one(ctx.db, "SELECT name FROM units WHERE id = ?", uid) == "Ban Đã đổi tên tỉnh Lào Cai",
          "a PATCH refused for its dates renamed the unit")
    # The coordinator of another branch may not edit it; an editor may not either.
    ctx.as_user("bt.hlhpn", api=True).patch("/api/v1/units/%d" % uid, json={"name": "x"}).expect_error(403)


def test_audit_filter_and_history_order(ctx):
    adm = ctx.as_user("admin", api=True)
    ed = ctx.as_user("bt.hlhpn", api=True)
    tid = ctx.task_id(ctx.plan_b, 9)
    for st in ("in_progress", "done"):
        ed.patch("/api/v1/tasks/%d" % tid, json={"status": st}).expect(200)
    j = adm.get("/api/v1/audit?entity=task&entity_id=%d&limit=500" % tid).expect(200).json()
    check(j["items"] and all(e["entity"] == "task" and e["entity_id"] == tid for e in j["items"]),
          "audit filter returns other entries: %s" % str(j["items"])[:300])
    st = [e for e in j["items"] if e["action"] == "task.status"]
    check(len(st) >= 2, "two status changes, %d audit entries" % len(st))
    h = adm.get("/api/v1/tasks/%d/history" % tid).expect(200).json()["items"]
    at = [e["at"] for e in h]
    check(at == sorted(at), "history is not oldest first: %r" % at)
    last = [e for e in h if e["action"] == "task.status"][-1]
    check("in_progress" in str(last["before"]) and "done" in str(last["after"]),
          "last change before/after: %r / %r" % (last["before"], last["after"]))
    # Dashboard of another unit on request.
    d = adm.get("/api/v1/dashboard?unit=%d" % ctx.unit_ids["laocai.so-noivu"]).expect(200).json()
    check(d["unit"]["key"] == "laocai.so-noivu", "dashboard ?unit=: %r" % d.get("unit"))

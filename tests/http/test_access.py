# test_access.py: who may do what where (docs/ACCESS.md), seen from a
# coordinator below the top of the unit tree: "dp.hlhpn" coordinates the
# provincial Women's Union, which sits under Tỉnh Lào Cai beside UBND
# tỉnh, Tỉnh đoàn and Công an tỉnh. Every refusal is proven by re-reading
# the database; the allowed cases are checked to still work.
from harness import check, sql, sql_one


def _reach(ctx, key):
    """Ids of the unit with key and of every unit below it."""
    return {r[0] for r in sql(ctx.db,
        "WITH RECURSIVE b(id) AS (SELECT id FROM units WHERE key = ?"
        " UNION ALL SELECT u.id FROM units u JOIN b ON u.parent_id = b.id)"
        " SELECT id FROM b", key)}


def test_audit_log_of_a_coordinator_is_its_reach(ctx):
    reach = _reach(ctx, "laocai.hlhpn")
    want = {r[0] for r in sql(ctx.db, "SELECT id, unit_id FROM audit_log") if r[1] in reach}
    check(want, "fixture: no audit entry about the Women's Union's units")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM audit_log") > len(want),
          "fixture: every entry is about the Women's Union")
    c = ctx.as_user("dp.hlhpn", api=True)
    j = c.get("/api/v1/audit?limit=500").expect(200).json()
    got = {e["id"] for e in j["items"]}
    check(j["total"] == len(want) and got == set(sorted(want)[-500:]),
          "coordinator's log: %d entries %r, want %d" % (j["total"], sorted(got)[:20], len(want)))
    check(all(e["unit_id"] in reach for e in j["items"]), "an entry outside the reach")
    # The user accounts of other units are not in it.
    logins = {e["after"].get("login") for e in j["items"]
              if e["action"] == "user.add" and isinstance(e["after"], dict)}
    check("dp.hlhpn" in logins and "bt.bacha" in logins, "own units' accounts: %r" % logins)
    check(not logins & {"dieuphoi", "admin", "bt.ldtbxh"}, "other units' accounts: %r" % logins)
    page = ctx.as_user("dp.hlhpn").get("/audit").expect(200)
    check("%d mục về các đơn vị thuộc phạm vi của bạn" % len(want) in page.text,
          "the page does not count the entries of the reach, or not say it is limited")
    a = ctx.as_user("admin", api=True).get("/api/v1/audit?limit=1").expect(200).json()
    check(a["total"] == sql_one(ctx.db, "SELECT COUNT(*) FROM audit_log"),
          "the administrator does not read the whole log: %r" % a["total"])


def test_indicator_belongs_to_its_definers_unit(ctx):
    hl = ctx.unit_ids["laocai.hlhpn"]
    dp = ctx.as_user("dp.hlhpn", api=True)
    j = dp.post("/api/v1/indicators", json={"code": "PV-01", "name": "Chỉ tiêu phạm vi",
                                            "type": "count", "levels": "province,district"})
    j = j.expect(201).json()
    check(j["owner_unit_id"] == hl and j["owner_unit_name"] == "Hội Liên hiệp Phụ nữ tỉnh Lào Cai",
          "owner of a coordinator's indicator: %r" % j)
    iid = j["id"]
    targets = lambda: sql(ctx.db, "SELECT year, level, op, value FROM indicator_targets"
                          " WHERE indicator_id = ? ORDER BY year, level", iid)
    dp.post("/api/v1/indicators/%d/targets" % iid,
            json={"year": 2025, "level": "province", "op": ">=", "value": 80}).expect(200)
    dp.post("/api/v1/indicators/%d/targets" % iid,
            json={"year": 2025, "level": "district", "op": ">=", "value": 70}).expect(200)
    before = targets()
    r = dp.post("/api/v1/indicators/%d/targets" % iid,
                json={"year": 2025, "level": "central", "op": ">=", "value": 90})
    r.expect_error(403, "forbidden")
    check("level" in r.json()["error"].get("detail", ""), "the refusal names the level: %r" % r.json())
    d = ctx.as_user("dieuphoi", api=True)
    d.post("/api/v1/indicators/%d/targets" % iid,
           json={"year": 2025, "level": "province", "op": ">=", "value": 1}).expect_error(403)
    check(targets() == before, "a refused target was written: %r" % targets())
    # An owner outside the reach is refused; the page names the owner
    # and offers no level above it.
    n = sql_one(ctx.db, "SELECT COUNT(*) FROM indicators")
    dp.post("/api/v1/indicators", json={"code": "PV-02", "name": "Của Tỉnh đoàn", "type": "count",
            "levels": "province", "owner_unit_id": ctx.unit_ids["laocai.ubnd"]}).expect_error(403)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM indicators") == n, "a refused indicator was written")
    p = ctx.as_user("dp.hlhpn").get("/indicators/%d" % iid).expect(200)
    check("Hội Liên hiệp Phụ nữ tỉnh Lào Cai" in p.text, "the page does not name the owner")
    f = p.page.form(r"/indicators/%d/targets$" % iid)
    check(f is not None and "central" not in f["options"].get("level", [])
          and "province" in f["options"].get("level", []),
          "target levels offered: %r" % (f and f["options"].get("level")))
    page = ctx.as_user("dieuphoi").get("/indicators/%d" % iid).expect(200)
    check(page.page.form(r"/indicators/%d/targets$" % iid) is None,
          "another unit's coordinator sees the target form")
    r = ctx.as_user("dieuphoi").post("/indicators/%d/targets" % iid, form={
        "_csrf": ctx.as_user("dieuphoi").csrf, "year": "2025", "level": "province",
        "op": ">=", "value": "5"}).expect(403)
    check(targets() == before, "a refused page target was written")
    # The administrator sets any level.
    ctx.as_user("admin", api=True).post("/api/v1/indicators/%d/targets" % iid, json={
        "year": 2025, "level": "central", "op": ">=", "value": 90}).expect(200)
    check(len(targets()) == len(before) + 1, "the administrator's target was not written")


def test_notes_files_and_history_are_private_to_the_tasks_units(ctx):
    # Plan B task 9: led by the provincial Women's Union, coordinated by Sở
    # Tư pháp. Its notes, files and history are theirs, their superiors'
    # and their report receivers'.
    tid = ctx.task_id(ctx.plan_b, 9)
    ed = ctx.as_user("bt.hlhpn", api=True)
    secret = "Ghi chú nội bộ của Hội về nhiệm vụ 9."
    ed.post("/api/v1/tasks/%d/notes" % tid, json={"text": secret}).expect(201)
    fid = ed.post("/api/v1/tasks/%d/files" % tid, form={},
                  files=[("file", "noi-bo.txt", b"noi dung rieng", "text/plain")]).expect(201).json()["id"]
    paths = ["/api/v1/tasks/%d/notes" % tid, "/api/v1/tasks/%d/files" % tid,
             "/api/v1/tasks/%d/history" % tid, "/api/v1/files/%d" % fid]
    for login in ("bt.ldtbxh", "bt.bacha"):
        c = ctx.as_user(login, api=True)
        for p in paths:
            c.get(p).expect_error(403, "forbidden")
        c.get("/api/v1/tasks/%d" % tid).expect(200)      # the task itself stays shared
        page = ctx.as_user(login)
        page.get("/files/%d" % fid).expect(403)
        r = page.get("/tasks/%d" % tid).expect(200)
        check('id="private-note"' in r.text and secret not in r.text and "noi-bo.txt" not in r.text,
              "%s sees the task's private parts: %s" % (login, r.describe()))
    for login in ("xem", "dp.hlhpn", "admin"):
        c = ctx.as_user(login, api=True)
        j = c.get(paths[0]).expect(200).json()
        check(any(n["text"] == secret for n in j["items"]), "%s does not read the note" % login)
        c.get(paths[3]).expect(200)
        r = ctx.as_user(login).get("/tasks/%d" % tid).expect(200)
        check(secret in r.text and 'id="private-note"' not in r.text, "%s: task page" % login)
    # Sở Tư pháp coordinates the task; a unit it sends reports to reads too.
    ld = ctx.unit_ids["laocai.so-ldtbxh"]
    c = ctx.as_user("bt.ldtbxh", api=True)
    ctx.as_user("admin", api=True).post("/api/v1/schedules", json={
        "kind": "annual", "year": 2030, "due": "2030-12-20", "receiving_unit_id": ld,
        "unit_ids": [ctx.unit_ids["laocai.so-tuphap"]]}).expect(201)
    j = c.get(paths[0]).expect(200).json()
    check(any(n["text"] == secret for n in j["items"]),
          "the receiver of a coordinating unit's reports does not read the notes")


def test_report_drafts_are_private_sent_versions_shared(ctx):
    hl = ctx.unit_ids["laocai.hlhpn"]
    sid = ctx.as_user("admin", api=True).post("/api/v1/schedules", json={
        "kind": "ad_hoc", "title": "Báo cáo riêng tư thử", "cutoff_start": "2024-08-01",
        "cutoff_end": "2024-08-31", "due": "2024-09-30",
        "receiving_unit_id": ctx.unit_ids["laocai.ubnd"], "unit_ids": [hl]}).expect(201).json()["id"]
    url = "/api/v1/schedules/%d/units/%d/report" % (sid, hl)
    text = "Bản nháp chưa gửi của Hội."
    ctx.as_user("bt.hlhpn", api=True).request("PUT", url, json={"sections": [
        {"section_id": None, "title": "Tình hình chung", "text": text}]}).expect(200)
    for login in ("bt.ldtbxh", "bt.bacha"):
        j = ctx.as_user(login, api=True).get(url).expect(200).json()
        check(j["versions"] == [] and j["latest"] is None and j["drafts_hidden"] == 1
              and text not in str(j), "%s reads the draft: %r" % (login, j))
        r = ctx.as_user(login).get("/schedules/%d/units/%d" % (sid, hl)).expect(200)
        check('id="draft-private"' in r.text and text not in r.text, "%s: report page" % login)
    for login in ("xem", "dieuphoi", "admin"):      # the unit, the receiver, administrators
        j = ctx.as_user(login, api=True).get(url).expect(200).json()
        check(j["drafts_hidden"] == 0 and j["latest"]["status"] == "draft"
              and j["latest"]["sections"][0]["text"] == text, "%s: %r" % (login, j))
    ctx.as_user("pheduyet", api=True).post(url + "/submit").expect(200)
    j = ctx.as_user("bt.ldtbxh", api=True).get(url).expect(200).json()
    check(j["drafts_hidden"] == 0 and j["latest"]["status"] == "submitted"
          and j["latest"]["sections"][0]["text"] == text, "a sent version is shared: %r" % j)

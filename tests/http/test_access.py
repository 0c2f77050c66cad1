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
        r = page.get("/files/%d" % fid).expect(403)
        check("chỉ đơn vị đó, cấp trên và nơi nhận báo cáo được xem" in r.text,
              "the refused download does not say why: %s" % r.describe())
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


# The finding's document (security-2026-12, finding 7): UBND tỉnh issues it,
# its tasks go to the police, the Youth Union, a body not in the registry,
# a department of UBND tỉnh and a district Women's Union.
POLICE = ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nSố: 999/KH-UBND\nLào Cai, ngày 10 tháng 01 năm 2026\n\n"
          "KẾ HOẠCH\nKiểm tra phân quyền\n\nPHỤ LỤC\n"
          "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n"
          "1\tTuần tra biên giới\tCông an tỉnh\tBộ Chỉ huy Quân sự tỉnh\tQuý I/2026\n"
          "2\tHội trại\tTỉnh đoàn\tSở Nội vụ\tTháng 3/2026\n"
          "3\tViệc mới\tBan Mới\tSở Nội vụ\tTháng 4/2026\n"
          "4\tRà soát\tSở Nội vụ\tCông an tỉnh\tTháng 5/2026\n"
          "5\tTọa đàm\tHội LHPN huyện Bắc Hà\tTỉnh đoàn\tTháng 6/2026\n")

# A joint plan of the Women's Union with UBND tỉnh.
JOINT = ("HỘI LIÊN HIỆP PHỤ NỮ TỈNH LÀO CAI\nSố: 12/KH-HLHPN\nLào Cai, ngày 12 tháng 01 năm 2026\n\n"
         "KẾ HOẠCH\nPhối hợp giữa Ủy ban nhân dân tỉnh Lào Cai với Hội Liên hiệp Phụ nữ tỉnh Lào Cai"
         " năm 2026\n\nPHỤ LỤC\n"
         "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n"
         "1\tHỗ trợ vay vốn\tHội LHPN tỉnh\tCông an tỉnh\tQuý I/2026\n"
         "2\tKhám sức khỏe\tSở Y tế\tTỉnh đoàn\tQuý II/2026\n"
         "3\tCâu lạc bộ\tCâu lạc bộ Nữ doanh nhân Thử\tHội LHPN tỉnh\tQuý III/2026\n")


def _counts(ctx):
    return tuple(sql_one(ctx.db, "SELECT COUNT(*) FROM %s" % t)
                 for t in ("documents", "plans", "tasks", "units", "audit_log"))


def _uid(ctx, key):
    return sql_one(ctx.db, "SELECT id FROM units WHERE key = ?", key)


def test_import_leads_outside_the_reach_need_an_administrator(ctx):
    c = ctx.as_user("dp.hlhpn", api=True)
    congan, tinhdoan = _uid(ctx, "laocai.congan"), _uid(ctx, "laocai.tinhdoan")
    j = c.post("/api/v1/imports/preview", json={"text": POLICE, "source_name": "p.txt"}).expect(200).json()
    reach = j.get("reach") or {}
    got = [(o["task"], o["lead_unit_id"]) for o in reach.get("outside_reach", [])]
    check(got == [(0, congan), (1, tinhdoan)], "preview's outside_reach %r" % got)
    check([u["id"] for u in reach.get("parties", [])] == [ctx.unit_ids["laocai.ubnd"]]
          and reach.get("administrator_needed") is True, "preview's reach %r" % reach)
    whats = [x["what"] for x in j["review"]]
    check(sum("nằm ngoài phạm vi của bạn: cần quản trị viên xác nhận" in w for w in whats) == 2,
          "the review items of the preview: %r" % whats)

    before = _counts(ctx)
    r = c.post("/api/v1/imports", json={"text": POLICE, "source_name": "p.txt",
                                        "confirm_review": True}).expect_error(403, "forbidden")
    e = r.json()["error"]
    check([o["task"] for o in e.get("outside_reach", [])] == [0, 1] and "quản trị viên" in e.get("reason", ""),
          "the refusal names the tasks and says why: %r" % e)
    # A correction to a unit outside the reach is refused the same way.
    r = c.post("/api/v1/imports", json={"text": POLICE, "source_name": "p.txt", "confirm_review": True,
                                        "units": {"Ban Mới": congan}}).expect_error(403)
    check([o["task"] for o in r.json()["error"]["outside_reach"]] == [0, 1, 2],
          "the corrected lead is outside too: %r" % r.json()["error"])
    check(_counts(ctx) == before, "a refused import wrote something")

    p = ctx.as_user("dp.hlhpn")
    r, f = p.page_form("/import", r"^/import$")
    r = p.post("/import", form={"_csrf": p.csrf, "text": POLICE}).expect(200)
    check('id="import-outside"' in r.text and "Công an tỉnh Lào Cai" in r.text
          and "chỉ quản trị viên được xác nhận" in r.text, "the preview page does not show it")
    cf = r.page.form(r"^/import/confirm$")
    check(cf is not None, "no confirm form on the preview")
    values = {n: v for n, v, _, _ in cf["fields"]}
    values["confirm_review"] = "1"
    r = p.post("/import/confirm", form=values).expect(403)
    check("cần quản trị viên xác nhận nhập. Chưa có gì được ghi." in r.text, "403 page: %s" % r.describe())
    check(_counts(ctx) == before, "a refused page confirm wrote something")

    # The administrator's confirm writes it; the new body goes under the
    # administrator's unit, marked proposed.
    a = ctx.as_user("admin", api=True)
    j = a.post("/api/v1/imports/preview", json={"text": POLICE}).expect(200).json()
    check(j["reach"]["outside_reach"] == [] and not j["reach"]["administrator_needed"],
          "outside an administrator's reach: %r" % j["reach"])
    a.post("/api/v1/imports", json={"text": POLICE, "source_name": "p.txt",
                                    "confirm_review": True}).expect(201)
    check(sql(ctx.db, "SELECT parent_id, proposed FROM units WHERE name = 'Ban Mới'")
          == [(ctx.unit_ids["laocai.ubnd"], 1)], "proposed unit: %r"
          % sql(ctx.db, "SELECT parent_id, proposed FROM units WHERE name = 'Ban Mới'"))


def test_joint_plan_and_proposed_units_of_a_coordinator_below_the_top(ctx):
    c = ctx.as_user("dp.hlhpn", api=True)
    hl = ctx.unit_ids["laocai.hlhpn"]
    j = c.post("/api/v1/imports/preview", json={"text": JOINT}).expect(200).json()
    check(sorted(u["id"] for u in j["reach"]["parties"]) == sorted([ctx.unit_ids["laocai.ubnd"], hl])
          and j["reach"]["outside_reach"] == [], "joint plan's reach: %r" % j["reach"])
    c.post("/api/v1/imports", json={"text": JOINT, "source_name": "j.txt",
                                    "confirm_review": True}).expect(201)
    name = "Câu lạc bộ Nữ doanh nhân Thử"
    rows = sql(ctx.db, "SELECT id, parent_id, proposed, level FROM units WHERE name = ?", name)
    check(len(rows) == 1 and rows[0][1:] == (hl, 1, None),
          "a proposed unit under the importer's unit, marked proposed: %r" % rows)
    uid = rows[0][0]
    units = ctx.as_user("dp.hlhpn").get("/units").expect(200)
    check(name in units.text and "đề xuất" in units.text, "the units page does not mark it")

    d = ctx.as_user("dieuphoi")
    page = d.get("/units/%d" % uid).expect(200)
    check(page.page.form(r"/units/%d/accept$" % uid) is None, "UBND tỉnh's coordinator may accept it")
    d.post("/units/%d/accept" % uid, form={"_csrf": d.csrf}).expect(403)
    ctx.as_user("bt.hlhpn").post("/units/%d/accept" % uid,
                                 form={"_csrf": ctx.as_user("bt.hlhpn").csrf}).expect(403)
    check(sql_one(ctx.db, "SELECT proposed FROM units WHERE id = ?", uid) == 1,
          "a refused accept changed the unit")
    p = ctx.as_user("dp.hlhpn")
    r = p.submit("/units/%d" % uid, r"/units/%d/accept$" % uid, {"kind": "mass_org"}).expect(303)
    check((r.header("Location") or "").endswith("?ok=accept"), "Location %r" % r.header("Location"))
    check(sql(ctx.db, "SELECT proposed, kind, level FROM units WHERE id = ?", uid)
          == [(0, "mass_org", "province")], "accepted: %r"
          % sql(ctx.db, "SELECT proposed, kind, level FROM units WHERE id = ?", uid))
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'unit.accept'"
                  " AND entity_id = ? AND user_login = 'dp.hlhpn' AND unit_id = ?", uid, uid) == 1,
          "the acceptance is not audited")
    c.post("/api/v1/units/%d/accept" % uid, json={}).expect_error(409)
    # The administrator accepts the one under UBND tỉnh through the API.
    other = sql_one(ctx.db, "SELECT id FROM units WHERE name = 'Ban Mới'")
    c.post("/api/v1/units/%d/accept" % other, json={}).expect_error(403)
    j = ctx.as_user("admin", api=True).post("/api/v1/units/%d/accept" % other,
                                            json={"level": "province"}).expect(200).json()
    check(j.get("proposed") is False and j.get("level") == "province", "accepted by API: %r" % j)


def test_real_sample_is_a_joint_plan(ctx):
    import os
    from harness import ROOT, Skip
    path = os.path.join(ROOT, "..", "shared", "samples", "laocai-2024-ubnd-hlhpn-coordination-plan.txt")
    if not os.path.exists(path):
        raise Skip("../shared/samples not found")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # Every task is led by the Women's Union, a party beside UBND tỉnh:
    # UBND tỉnh's coordinator may import it, as the union's may.
    for login in ("dieuphoi", "dp.hlhpn"):
        j = ctx.as_user(login, api=True).post("/api/v1/imports/preview", json={"text": text}).expect(200).json()
        check(j["reach"]["outside_reach"] == [], "%s: %r" % (login, j["reach"]))

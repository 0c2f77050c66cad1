# test_schedules.py: report schedules through the pages and the API. The
# administrator turns the fixture plan's two deadlines ("sơ kết 06 tháng
# trước ngày 15/6; tổng kết trước ngày 20/12/2024") into schedules with the
# Decree 09/2019 cut-offs, and a second run makes nothing; the coordinator
# of UBND tỉnh makes plan B's schedule, and the lead units outside its
# reach are left out and named; a schedule made by hand with the rule
# "every committee below UBND tỉnh" lists the units the database says; bad
# input answers 422 (page: the form again with a Vietnamese notice), an
# editor 403 and sees no form or link; a coordinator below the top of the
# tree (the provincial Women's Union) is refused submitters outside its
# reach (403 naming them, nothing written) and may oblige its own units.
import re

from harness import check, form_values, sql, sql_one


def _schedules_of(ctx, plan):
    return sql(ctx.db, "SELECT kind, due, cutoff_start, cutoff_end, period_start, period_end,"
               " receiving_unit_id FROM report_schedules WHERE plan_id = ? ORDER BY due", plan)


def test_schedule_list_page_in_vietnamese(ctx):
    c = ctx.as_user("dieuphoi")
    r = c.get("/schedules").expect(200)
    check("Lịch báo cáo" in r.text, "no heading on /schedules")
    check('href="/schedules"' in r.text and ">Báo cáo<" in r.text, "no menu entry Báo cáo")
    check('href="/schedules/new"' in r.text, "coordinator sees no link to a new schedule")
    v = ctx.as_user("xem")
    r = v.get("/schedules").expect(200)
    check('href="/schedules/new"' not in r.text, "a viewer sees the new-schedule link")
    v.get("/schedules/new").expect(403)


def _reach(ctx, key):
    """Ids of the unit with key and every unit below it."""
    return {r[0] for r in sql(ctx.db,
        "WITH RECURSIVE b(id) AS (SELECT id FROM units WHERE key = ?"
        " UNION ALL SELECT u.id FROM units u JOIN b ON u.parent_id = b.id)"
        " SELECT id FROM b", key)}


def _uid(ctx, key):
    uid = sql_one(ctx.db, "SELECT id FROM units WHERE key = ?", key)
    check(uid, "no unit %s" % key)
    return uid


def test_plan_deadlines_become_schedules(ctx):
    plan = ctx.plan_a
    e = ctx.as_user("bt.hlhpn")
    r = e.get("/plans/%d" % plan).expect(200)
    check(r.page.form(r"/plans/%d/schedules$" % plan) is None, "an editor sees the schedule form")
    r = e.post("/plans/%d/schedules" % plan, form={"_csrf": e.csrf}).expect(403)
    check("Bạn không có quyền lập lịch báo cáo cho đơn vị này." in r.text,
          "the refusal page does not say why: %s" % r.text[:300])
    check(not _schedules_of(ctx, plan), "the editor's request wrote schedules")

    # Plan A's leads include the provincial Women's Union, which is not
    # below UBND tỉnh: the administrator sets up its schedules.
    c = ctx.as_user("admin")
    r, f = c.page_form("/plans/%d" % plan, r"^/plans/%d/schedules$" % plan)
    r = c.post(f["action"], form=form_values(f)).expect(303)
    loc = r.header("Location") or ""
    check(loc.startswith("/schedules?ok=plan") and "made=2" in loc, "Location %r" % loc)
    check("left_out" not in loc, "an administrator left units out: %r" % loc)
    ubnd = ctx.unit_ids["laocai.ubnd"]
    got = _schedules_of(ctx, plan)
    want = [("6-month", "2024-06-15", "2023-12-15", "2024-06-14", "2024-01-01", "2024-06-30", ubnd),
            ("annual", "2024-12-20", "2023-12-15", "2024-12-14", "2024-01-01", "2024-12-31", ubnd)]
    check(got == want, "schedules of the plan: %r, want %r" % (got, want))
    leads = {row[0] for row in sql(ctx.db, "SELECT DISTINCT lead_unit_id FROM tasks"
                                   " WHERE plan_id = ? AND lead_unit_id IS NOT NULL", plan)}
    units = {row[0] for row in sql(ctx.db, "SELECT u.unit_id FROM report_schedule_units u"
                                   " JOIN report_schedules s ON s.id = u.schedule_id"
                                   " WHERE s.plan_id = ?", plan)}
    check(leads and units == leads, "submitters %r, want the lead units %r" % (units, leads))
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'schedule.create'"
                  " AND user_login = 'admin'") >= 2, "no audit entries")

    page = c.get(loc).expect(200)
    for text in ("Đã tạo 2 lịch báo cáo", "Báo cáo sơ kết 6 tháng", "Báo cáo tổng kết năm",
                 "15/06/2024", "15/12/2023 – 14/06/2024", "14/12/2024", "20/12/2024"):
        check(text in page.text, "schedule list lacks %r" % text)

    d = ctx.as_user("dieuphoi")
    r = d.post(f["action"], form=dict(form_values(f), _csrf=d.csrf)).expect(303)
    check("made=0" in (r.header("Location") or ""), "second run made some: %r" % r.header("Location"))
    check(_schedules_of(ctx, plan) == want, "a second run changed the schedules")


def test_plan_schedules_leave_out_leads_outside_the_reach(ctx):
    # Plan B: led by departments below UBND tỉnh and by the Women's Unions
    # of the province and of Bắc Hà, which are not. The coordinator of
    # UBND tỉnh makes its schedule: the unions are left out, and named.
    plan = ctx.plan_b
    c = ctx.as_user("dieuphoi")
    r, f = c.page_form("/plans/%d" % plan, r"^/plans/%d/schedules$" % plan)
    r = c.post(f["action"], form=form_values(f)).expect(303)
    loc = r.header("Location") or ""
    check("made=1" in loc and "left_out=" in loc, "Location %r" % loc)
    reach = _reach(ctx, "laocai.ubnd")
    leads = {row[0] for row in sql(ctx.db, "SELECT DISTINCT lead_unit_id FROM tasks"
                                   " WHERE plan_id = ? AND lead_unit_id IS NOT NULL", plan)}
    units = {row[0] for row in sql(ctx.db, "SELECT u.unit_id FROM report_schedule_units u"
                                   " JOIN report_schedules s ON s.id = u.schedule_id"
                                   " WHERE s.plan_id = ?", plan)}
    outside = leads - reach
    check(outside == {_uid(ctx, "laocai.hlhpn"), _uid(ctx, "laocai.bacha.hlhpn")},
          "fixture: leads outside the reach %r" % outside)
    check(units == leads & reach, "submitters %r, want the leads in reach %r" % (units, leads & reach))
    page = c.get(loc).expect(200)
    for text in ("nằm ngoài phạm vi của bạn", "Hội Liên hiệp Phụ nữ tỉnh Lào Cai",
                 "Hội Liên hiệp Phụ nữ huyện Bắc Hà", "Không đưa vào lịch báo cáo 2 đơn vị"):
        check(text in page.text, "the list page does not say %r" % text)


def test_schedule_by_hand_with_rule(ctx):
    c = ctx.as_user("dieuphoi")
    r, f = c.page_form("/schedules/new", r"^/schedules$")
    names = {n for n, _, _, _ in f["fields"]}
    for n in ("kind", "year", "quarter", "month", "cutoff_start", "cutoff_end", "due",
              "receiving_unit_id", "unit", "rule_kind", "rule_parent_id", "title"):
        check(n in names, "new-schedule form has no field %s: %s" % (n, sorted(names)))
    check("Báo cáo đột xuất" in r.text and "Điều 12" in r.text, "form not in Vietnamese")
    hl = ctx.unit_ids["laocai.ubnd"]
    base = {"_csrf": c.csrf, "kind": "quarterly", "year": "2024", "quarter": "3",
            "due": "2024-10-10", "receiving_unit_id": str(ctx.unit_ids["laocai.ubnd"]),
            "rule_kind": "committee", "rule_parent_id": str(ctx.unit_ids["laocai.ubnd"])}
    before = sql_one(ctx.db, "SELECT COUNT(*) FROM report_schedules")

    bad = dict(base, due="")
    r = c.post("/schedules", form=bad).expect(422)
    check("Cần nhập hạn gửi báo cáo" in r.text, "no Vietnamese notice for a missing deadline")
    check('value="2024"' in r.text, "the form lost what was typed")
    r = c.post("/schedules", form=dict(base, cutoff_start="2024-09-20",
                                       cutoff_end="2024-09-01")).expect(422)
    check("chốt số liệu sau ngày kết thúc" in r.text, "no notice for a reversed cut-off")
    r = c.post("/schedules", form=dict(base, rule_kind="", rule_parent_id="")).expect(422)
    check("Cần chọn đơn vị gửi báo cáo" in r.text, "no notice for no submitters")
    c.post("/schedules", form=dict(base, year="hai nghìn")).expect(422)
    e = ctx.as_user("bt.hlhpn")
    e.post("/schedules", form=dict(base, _csrf=e.csrf)).expect(403)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM report_schedules") == before,
          "refused forms wrote schedules")

    extra = ctx.unit_ids["laocai.so-tuphap"]
    r = c.post("/schedules", form=list(base.items()) + [("unit", str(extra))]).expect(303)
    m = re.match(r"^/schedules/(\d+)\?ok=created$", r.header("Location") or "")
    check(m, "Location %r" % r.header("Location"))
    sid = int(m.group(1))
    row = sql(ctx.db, "SELECT title, cutoff_start, cutoff_end, period_start, period_end"
              " FROM report_schedules WHERE id = ?", sid)[0]
    check(row == ("Báo cáo quý 3 năm 2024", "2024-06-15", "2024-09-14", "2024-07-01",
                  "2024-09-30"), "stored %r" % (row,))
    page = c.get("/schedules/%d?ok=created" % sid).expect(200)
    for text in ("Báo cáo quý 3 năm 2024", "Báo cáo quý", "15/06/2024 – 14/09/2024",
                 "10/10/2024", "Đã tạo lịch báo cáo", "Ủy ban"):
        check(text in page.text, "schedule page lacks %r" % text)
    # Every committee at any depth below UBND tỉnh valid on 2024-10-10
    # (the district committees), plus the listed unit.
    want = {r[0] for r in sql(ctx.db,
        "WITH RECURSIVE b(id) AS (SELECT id FROM units WHERE parent_id = ?"
        " UNION ALL SELECT u.id FROM units u JOIN b ON u.parent_id = b.id)"
        " SELECT id FROM units WHERE id IN (SELECT id FROM b) AND kind = 'committee'"
        " AND proposed = 0 AND (valid_from IS NULL OR valid_from <= '2024-10-10')"
        " AND (valid_to IS NULL OR valid_to >= '2024-10-10')", hl)} | {extra}
    check(len(want) > 2, "the fixture has too few committees below UBND tỉnh: %r" % want)
    linked = {int(x) for x in re.findall(r'<li><a href="/units/(\d+)"', page.text)}
    check(linked == want, "submitting units %r, want %r" % (sorted(linked), sorted(want)))
    v = ctx.as_user("xem")
    v.get("/schedules/%d" % sid).expect(200)
    v.get("/schedules/999999").expect(404)


def test_schedules_api(ctx):
    # The Women's Union reports to UBND tỉnh: not below it, so the
    # administrator sets that up; the coordinator of UBND tỉnh is refused.
    c = ctx.as_user("admin", api=True)
    hl = ctx.unit_ids["laocai.hlhpn"]
    body = {"kind": "monthly", "year": 2024, "period_index": 1, "due": "2024-01-20",
            "receiving_unit_id": ctx.unit_ids["laocai.ubnd"], "unit_ids": [hl]}
    before = sql_one(ctx.db, "SELECT COUNT(*) FROM report_schedules")
    d = ctx.as_user("dieuphoi", api=True)
    r = d.post("/api/v1/schedules", json=body).expect_error(403, "forbidden")
    check([u["id"] for u in r.json()["error"].get("outside_reach", [])] == [hl],
          "the refusal names the unit outside the reach: %r" % r.json())
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM report_schedules") == before,
          "the refused schedule was written")
    r = c.post("/api/v1/schedules", json=body).expect(201)
    j = r.json()
    check(j["cutoff_start"] == "2023-12-15" and j["cutoff_end"] == "2024-01-14",
          "January cut-off: %r" % j)
    check(j["period_start"] == "2024-01-01" and j["period_end"] == "2024-01-31", "period %r" % j)
    check(j["kind_label"] == "Báo cáo tháng" and j["title"] == "Báo cáo tháng 1 năm 2024",
          "labels %r" % j)
    check([u["id"] for u in j["submitters"]] == [hl], "submitters %r" % j["submitters"])
    check(r.header("Location") == "/api/v1/schedules/%d" % j["id"], "Location %r" % r.header("Location"))
    one = c.get("/api/v1/schedules/%d" % j["id"]).expect(200).json()
    check(one["id"] == j["id"] and one["submitter_count"] == 1, "get %r" % one)

    lst = c.get("/api/v1/schedules?limit=2").expect(200).json()
    total = sql_one(ctx.db, "SELECT COUNT(*) FROM report_schedules")
    check(lst["total"] == total and len(lst["items"]) == min(2, total) and lst["limit"] == 2,
          "list envelope %r" % {k: lst[k] for k in ("total", "limit", "offset")})
    c.get("/api/v1/schedules?limit=0").expect_error(400)

    r = c.post("/api/v1/schedules", json=dict(body, period_index=None)).expect_error(422, "invalid_value")
    check("month" in r.json()["error"].get("detail", ""), "detail %r" % r.json())
    c.post("/api/v1/schedules", json=dict(body, due="20/01/2024")).expect_error(422)
    c.post("/api/v1/schedules", json=dict(body, unit_ids=[], rule_kind="club",
                                          rule_parent_id=hl)).expect_error(422)
    c.post("/api/v1/schedules", json={"year": 2024}).expect_error(400)
    c.post("/api/v1/schedules", json=dict(body, unit_ids="all")).expect_error(400)
    e = ctx.as_user("bt.hlhpn", api=True)
    e.post("/api/v1/schedules", json=body).expect_error(403)
    c.get("/api/v1/schedules/999999").expect_error(404)

    before = sql_one(ctx.db, "SELECT COUNT(*) FROM report_schedules")
    r = c.post("/api/v1/plans/%d/schedules" % ctx.plan_a, json={}).expect(200).json()
    check(r["created"] == 0 and r["skipped"] == 2, "plan A again: %r" % r)
    check(r["left_out"] == [], "nothing made, nobody left out: %r" % r)
    e.post("/api/v1/plans/%d/schedules" % ctx.plan_a, json={}).expect_error(403)
    c.post("/api/v1/plans/999999/schedules", json={}).expect_error(404)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM report_schedules") == before, "writes on refusal")


def test_schedules_of_a_coordinator_below_the_top(ctx):
    # The coordinator of the provincial Women's Union (below Tỉnh Lào Cai,
    # beside UBND tỉnh) may oblige its own district unions only.
    c = ctx.as_user("dp.hlhpn", api=True)
    hl = ctx.unit_ids["laocai.hlhpn"]
    others = [_uid(ctx, k) for k in ("laocai.tinhdoan", "laocai.ubnd", "laocai.congan")]
    province = _uid(ctx, "laocai")
    bacha = _uid(ctx, "laocai.bacha.hlhpn")
    before = sql_one(ctx.db, "SELECT COUNT(*) FROM report_schedules")
    audit = sql_one(ctx.db, "SELECT COUNT(*) FROM audit_log WHERE user_login = 'dp.hlhpn'")
    body = {"kind": "annual", "year": 2027, "due": "2027-12-20", "receiving_unit_id": hl,
            "unit_ids": others}
    r = c.post("/api/v1/schedules", json=body).expect_error(403, "forbidden")
    got = [u["id"] for u in r.json()["error"].get("outside_reach", [])]
    check(got == others, "outside_reach %r, want %r" % (got, others))
    r = c.post("/api/v1/schedules", json={"kind": "annual", "year": 2028, "due": "2028-12-20",
               "receiving_unit_id": hl, "rule_kind": "committee",
               "rule_parent_id": province}).expect_error(403, "forbidden")
    got = [u["id"] for u in r.json()["error"].get("outside_reach", [])]
    check(got == [province], "a rule over the whole province: outside_reach %r" % got)
    c.post("/api/v1/schedules", json=dict(body, unit_ids=[bacha, others[0]])).expect_error(403)

    p = ctx.as_user("dp.hlhpn")
    r, f = p.page_form("/schedules/new", r"^/schedules$")
    offered = {int(v) for v in f["options"].get("unit", []) if v}
    check(offered and offered <= _reach(ctx, "laocai.hlhpn"),
          "the form offers submitters outside the reach: %r" % sorted(offered - _reach(ctx, "laocai.hlhpn")))
    r = p.post("/schedules", form=[("_csrf", p.csrf), ("kind", "annual"), ("year", "2027"),
                                   ("due", "2027-12-20"), ("receiving_unit_id", str(hl)),
                                   ("unit", str(others[0]))]).expect(403)
    check("nằm ngoài phạm vi của bạn" in r.text and "Tỉnh đoàn Lào Cai" in r.text,
          "the page does not name the refused unit: %s" % r.describe())
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM report_schedules") == before,
          "a refused schedule was written")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM audit_log WHERE user_login = 'dp.hlhpn'") == audit,
          "a refusal left an audit entry")

    r = c.post("/api/v1/schedules", json=dict(body, unit_ids=[bacha])).expect(201)
    check([u["id"] for u in r.json()["submitters"]] == [bacha], "own district union: %r" % r.json())
    a = ctx.as_user("admin", api=True)
    a.post("/api/v1/schedules", json=dict(body, year=2029, due="2029-12-20")).expect(201)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM report_schedules") == before + 2,
          "the allowed schedules were not both written")

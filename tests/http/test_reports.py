# test_reports.py: units' reports for a schedule and the completeness of a
# schedule, through the pages and the API, with PHOIHOP_TODAY = 2024-09-15
# (the harness): submitting stamps that day. The page flow on plan A's
# annual schedule: the Women's Union editor drafts (another unit's editor
# is refused), only the approver submits, the coordinator returns with a
# comment (none: refused), the correction is version 2, acceptance, and a
# correction after acceptance is version 3; the first versions stay as
# they were. Figures of indicators in a 6-month report. The API flow on two ad hoc schedules due
# 20/09/2024 and 10/09/2024: the same steps, 400/403/409/422 refusals, and
# completeness: on time, late 5 days, missing overdue 5 days, missing not
# yet due, on the compliance page and in its JSON.
from harness import check, form_values, sql, sql_one


def _versions(ctx, sched, unit):
    return sql(ctx.db, "SELECT version, status, submitted_at, review_comment"
               " FROM report_submissions WHERE schedule_id = ? AND unit_id = ? ORDER BY version",
               sched, unit)


def _annual_schedule(ctx):
    # The Women's Union is not below UBND tỉnh: the administrator sets up
    # the reports it owes UBND tỉnh (test_schedules made these already).
    c = ctx.as_user("admin", api=True)
    c.post("/api/v1/plans/%d/schedules" % ctx.plan_a,
           json={"receiving_unit_id": ctx.unit_ids["laocai.ubnd"]}).expect(200)
    sid = sql_one(ctx.db, "SELECT id FROM report_schedules WHERE plan_id = ? AND kind = 'annual'",
                  ctx.plan_a)
    check(sid, "no annual schedule from plan A")
    return sid


def test_report_page_flow(ctx):
    sid = _annual_schedule(ctx)
    hl = ctx.unit_ids["laocai.hlhpn"]
    path = "/schedules/%d/units/%d" % (sid, hl)
    check(hl in [r[0] for r in sql(ctx.db, "SELECT unit_id FROM report_schedule_units"
                                   " WHERE schedule_id = ?", sid)],
          "the Women's Union does not submit the annual report")

    sched = ctx.as_user("dieuphoi").get("/schedules/%d" % sid).expect(200)
    check('href="/schedules/%d/compliance"' % sid in sched.text, "no compliance link on the schedule")
    check('href="%s"' % path in sched.text, "no link to the unit's report on the schedule")

    e = ctx.as_user("bt.hlhpn")
    r, f = e.page_form(path, r"^/schedules/%d/units/%d$" % (sid, hl))
    check("Soạn báo cáo" in r.text and "Lưu bản nháp" in r.text, "draft form not in Vietnamese")
    check(r.page.form(r"/submit$") is None, "an editor sees the submit form")
    data = form_values(f)
    check("text_0" in data, "no narrative field: %s" % sorted(data))
    tasks = [n for n in data if n.startswith("status_")]
    check(tasks, "no task of the unit in the draft form: %s" % sorted(data))
    data["text_0"] = "Đã triển khai kế hoạch đến các cơ sở hội."
    data[tasks[0]] = "in_progress"

    other = ctx.as_user("bt.ldtbxh")
    other.post(path, form=dict(data, _csrf=other.csrf)).expect(403)
    check(not _versions(ctx, sid, hl), "another unit's editor wrote a report")

    r = e.post(path, form=data).expect(303)
    check(r.header("Location") == path + "?ok=saved", "Location %r" % r.header("Location"))
    check([v[:2] for v in _versions(ctx, sid, hl)] == [(1, "draft")], "after the draft %r"
          % _versions(ctx, sid, hl))
    tid = int(tasks[0][len("status_"):])
    check(sql_one(ctx.db, "SELECT x.status FROM submission_tasks x JOIN report_submissions s"
                  " ON s.id = x.submission_id WHERE s.schedule_id = ? AND x.task_id = ?",
                  sid, tid) == "in_progress", "task status of the draft")
    page = e.get(path + "?ok=saved").expect(200)
    check("Đã lưu bản nháp." in page.text and "Đã triển khai kế hoạch" in page.text,
          "saved draft not shown")

    e.post(path + "/submit", form={"_csrf": e.csrf}).expect(403)
    a = ctx.as_user("pheduyet")
    r, f = a.page_form(path, r"/submit$")
    a.post(f["action"], form=form_values(f)).expect(303)
    v = _versions(ctx, sid, hl)
    check(v[0][1] == "submitted" and v[0][2].startswith("2024-09-15T"), "after submit %r" % v)
    page = e.get(path).expect(200)
    check('<details class="card" id="draft"><summary>Lập bản điều chỉnh' in page.text,
          "a submitted report offers its editor no folded correction form")
    check('id="latest"' in page.text and "Đã gửi" in page.text,
          "the submitted version is not shown above the correction form")
    check("Đã gửi" in page.text, "status label missing")

    c = ctx.as_user("dieuphoi")
    check(e.get(path).page.form(r"/review$") is None, "an editor sees the review form")
    r, f = c.page_form(path, r"/review$")
    c.post(f["action"], form=dict(form_values(f), decision="return", comment=" ")).expect(422)
    check(_versions(ctx, sid, hl)[0][1] == "submitted", "a return without comment changed it")
    c.post(f["action"], form=dict(form_values(f), decision="return",
                                  comment="Bổ sung kết quả cụ thể.")).expect(303)
    check(_versions(ctx, sid, hl)[0][1:] == ("returned", v[0][2], "Bổ sung kết quả cụ thể."),
          "after return %r" % _versions(ctx, sid, hl))

    r, f = e.page_form(path, r"^/schedules/%d/units/%d$" % (sid, hl))
    check("Bổ sung kết quả cụ thể." in r.text and "Lập bản điều chỉnh" in r.text,
          "the returned report's comment or correction form missing")
    data = form_values(f)
    check(data["text_0"] == "Đã triển khai kế hoạch đến các cơ sở hội.", "correction basis %r"
          % data["text_0"])
    data["text_0"] = "Đã triển khai; 12 cơ sở hội tổ chức tuyên truyền."
    e.post(path, form=data).expect(303)
    a.submit(path, r"/submit$").expect(303)
    r, f = c.page_form(path, r"/review$")
    c.post(f["action"], form=dict(form_values(f), decision="accept")).expect(303)
    got = [x[:2] for x in _versions(ctx, sid, hl)]
    check(got == [(1, "returned"), (2, "accepted")], "versions %r" % got)
    texts = sql(ctx.db, "SELECT s.version, x.text FROM submission_sections x JOIN"
                " report_submissions s ON s.id = x.submission_id WHERE s.schedule_id = ?"
                " AND s.unit_id = ? AND x.position = 1 ORDER BY s.version", sid, hl)
    check(texts == [(1, "Đã triển khai kế hoạch đến các cơ sở hội."),
                    (2, "Đã triển khai; 12 cơ sở hội tổ chức tuyên truyền.")], "texts %r" % texts)
    page = e.get(path).expect(200)
    check("Đã chấp nhận" in page.text and "Lịch sử các phiên bản" in page.text
          and "Phiên bản 1" in page.text, "history of versions missing")
    check("Lập bản điều chỉnh (phiên bản mới)" in page.text,
          "an accepted report offers no correction")
    check(page.page.form(r"/submit$") is None and page.page.form(r"/review$") is None,
          "an accepted report offers submit or review to the editor")
    check(ctx.as_user("xem").get(path).expect(200).page.form(r"^/schedules/%d/units/%d$"
                                                              % (sid, hl)) is None,
          "a viewer is offered a draft form")
    e.post(path, form=data).expect(303)
    got = [x[:2] for x in _versions(ctx, sid, hl)]
    check(got == [(1, "returned"), (2, "accepted"), (3, "draft")],
          "a correction after acceptance: %r" % got)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM audit_log WHERE action IN ('report.draft',"
                  " 'report.submit', 'report.accept', 'report.return') AND entity = 'report'")
          >= 6, "audit entries of the flow")


def _adhoc(ctx, title, due):
    """An ad hoc schedule the Women's Union and a department owe UBND tỉnh,
    set up by the administrator (the union is outside the reach of UBND
    tỉnh's coordinator, who still receives and reviews the reports)."""
    c = ctx.as_user("admin", api=True)
    body = {"kind": "ad_hoc", "title": title, "cutoff_start": "2024-08-01",
            "cutoff_end": "2024-08-31", "due": due,
            "receiving_unit_id": ctx.unit_ids["laocai.ubnd"],
            "unit_ids": [ctx.unit_ids["laocai.hlhpn"], ctx.unit_ids["laocai.so-ldtbxh"]]}
    return c.post("/api/v1/schedules", json=body).expect(201).json()["id"]


def test_reports_api_and_compliance(ctx):
    c = ctx.as_user("dieuphoi", api=True)
    e = ctx.as_user("bt.hlhpn", api=True)
    a = ctx.as_user("pheduyet", api=True)
    other = ctx.as_user("bt.ldtbxh", api=True)
    hl, ld = ctx.unit_ids["laocai.hlhpn"], ctx.unit_ids["laocai.so-ldtbxh"]
    s1 = _adhoc(ctx, "Báo cáo nhanh tháng 9", "2024-09-20")
    s2 = _adhoc(ctx, "Báo cáo đột xuất tháng 8", "2024-09-10")
    url = "/api/v1/schedules/%d/units/%d/report" % (s1, hl)

    j = e.get(url).expect(200).json()
    check(j["latest"] is None and j["versions"] == [] and j["status"] is None, "empty %r" % j)
    check(len(j["basis"]["sections"]) == 1 and j["basis"]["sections"][0]["section_id"] is None,
          "basis of a report without a plan %r" % j["basis"])
    e.get("/api/v1/schedules/%d/units/%d/report" % (s1, ctx.unit_ids["laocai.so-tuphap"])) \
        .expect_error(404)

    body = {"sections": [{"section_id": None, "title": "Tình hình chung",
                          "text": "Đã hoàn thành tuyên truyền."}]}
    e.request("PUT", url, json={"sections": "x"}).expect_error(400)
    e.request("PUT", url, json={"sections": [], "tasks": [{"task_id": 999999, "status": "done"}]}) \
        .expect_error(422)
    other.request("PUT", url, json=body).expect_error(403)
    check(not _versions(ctx, s1, hl), "refusals wrote a report")
    j = e.request("PUT", url, json=body).expect(200).json()
    check(j["status"] == "draft" and j["latest"]["version"] == 1
          and j["latest"]["sections"][0]["text"] == "Đã hoàn thành tuyên truyền."
          and j["latest"]["created_by"] == "bt.hlhpn", "draft %r" % j["latest"])

    e.post(url + "/submit").expect_error(403)
    j = a.post(url + "/submit").expect(200).json()
    check(j["status"] == "submitted" and j["latest"]["submitted_by"] == "pheduyet"
          and j["latest"]["submitted_at"].startswith("2024-09-15T"), "submitted %r" % j["latest"])
    a.post(url + "/submit").expect_error(409)

    c.post(url + "/review", json={"accept": False}).expect_error(422)
    c.post(url + "/review", json={"accept": "yes"}).expect_error(400)
    e.post(url + "/review", json={"accept": True}).expect_error(403)
    j = c.post(url + "/review", json={"accept": False, "comment": "Thiếu số liệu."}).expect(200).json()
    check(j["status"] == "returned" and j["latest"]["review_comment"] == "Thiếu số liệu.",
          "returned %r" % j["latest"])
    c.post(url + "/review", json={"accept": True}).expect_error(409)
    j = e.request("PUT", url, json={"sections": [{"text": "Đã bổ sung số liệu."}]}).expect(200).json()
    check(j["latest"]["version"] == 2 and j["versions"][1]["status"] == "returned"
          and j["versions"][1]["sections"][0]["text"] == "Đã hoàn thành tuyên truyền.",
          "correction %r" % j["versions"])
    a.post(url + "/submit").expect(200)
    j = c.post(url + "/review", json={"accept": True}).expect(200).json()
    check(j["status"] == "accepted", "accepted %r" % j["status"])
    c.post(url + "/review", json={"accept": True}).expect_error(409)

    url2 = "/api/v1/schedules/%d/units/%d/report" % (s2, hl)
    e.request("PUT", url2, json=body).expect(200)
    a.post(url2 + "/submit").expect(200)

    # s1 (due 20/09): on time, and the other unit not yet due; s2 (due
    # 10/09, submitted 15/09): 5 days late, and the other 5 days overdue.
    for sid, mine, theirs in ((s1, ("on_time", 0, 0), ("missing", 0, 0)),
                              (s2, ("late", 5, 0), ("missing", 0, 5))):
        j = c.get("/api/v1/schedules/%d/compliance" % sid).expect(200).json()
        rows = {u["unit_id"]: u for u in j["units"]}
        check(set(rows) == {hl, ld} and j["today"] == "2024-09-15", "compliance %r" % j)
        for unit, want in ((hl, mine), (ld, theirs)):
            got = (rows[unit]["state"], rows[unit]["days_late"], rows[unit]["days_overdue"])
            check(got == want, "schedule %d unit %d: %r, want %r" % (sid, unit, got, want))
        check(j["counts"]["total"] == 2 and j["counts"]["missing"] == 1, "counts %r" % j["counts"])
    check(rows[hl]["latest_status"] == "submitted" and rows[ld]["latest_status"] is None,
          "latest statuses %r" % rows)
    c.get("/api/v1/schedules/999999/compliance").expect_error(404)

    p = ctx.as_user("xem")
    page = p.get("/schedules/%d/compliance" % s1).expect(200)
    check("Đúng hạn" in page.text and "Chưa nộp (chưa đến hạn)" in page.text, "s1 page")
    check('href="/schedules/%d/units/%d"' % (s1, ld) in page.text, "no link to a unit's report")
    page = p.get("/schedules/%d/compliance" % s2).expect(200)
    check("Trễ 5 ngày" in page.text and "Chưa nộp (quá hạn 5 ngày)" in page.text,
          "s2 page lacks late/overdue")
    check("20/09/2024" not in page.text and "10/09/2024" in page.text, "s2 due date")
    p.get("/schedules/999999/compliance").expect(404)
    r = p.get("/schedules/%d/units/%d" % (s1, ld)).expect(200)
    check("Đơn vị chưa lập báo cáo." in r.text, "no 'nothing written' line for a viewer")
    check(all("/schedules/" not in f["action"] for f in r.page.forms), "a viewer sees report forms")


def test_report_values(ctx):
    """A 6-month report holds the figures of the indicators the provincial
    Women's Union reports: the draft form and the API take them, a refused
    figure changes nothing (the page shows the form again with what was
    typed and the reason), and submitting writes them to the indicator's
    values (source 'report') and the roll-up the next request reads."""
    dp = ctx.as_user("dp.hlhpn", api=True)
    ids = {}
    for code, typ in (("BC-HV", "count"), ("BC-TL", "rate")):
        r = dp.post("/api/v1/indicators", json={"code": code, "name": "Chỉ tiêu " + code,
                                                "type": typ, "levels": "province"})
        ids[code] = r.expect(201).json()["id"]
    c = ctx.as_user("dieuphoi", api=True)
    hl = ctx.unit_ids["laocai.hlhpn"]
    sid = ctx.as_user("admin", api=True).post("/api/v1/schedules", json={
        "kind": "6-month", "year": 2024, "due": "2024-06-20",
        "receiving_unit_id": ctx.unit_ids["laocai.ubnd"], "unit_ids": [hl]}).expect(201).json()["id"]
    path = "/schedules/%d/units/%d" % (sid, hl)
    url = "/api/v1%s/report" % path

    j = ctx.as_user("bt.hlhpn", api=True).get(url).expect(200).json()
    check(j["period"] == "2024-H1", "period of values %r" % j["period"])
    scope = {v["code"]: v for v in j["basis"]["values"]}
    check("BC-HV" in scope and "BC-TL" in scope, "indicators not in scope: %r" % sorted(scope))
    check(scope["BC-HV"]["value"] is None, "a figure before any was entered")

    e = ctx.as_user("bt.hlhpn")
    r, f = e.page_form(path, r"^/schedules/%d/units/%d$" % (sid, hl))
    check("Số liệu chỉ tiêu, kỳ 6 tháng đầu năm 2024" in r.text, "no figures part in the draft form")
    data = form_values(f)
    hv, tl = ids["BC-HV"], ids["BC-TL"]
    for name in ("value_%d" % hv, "value_%d" % tl, "den_%d" % tl):
        check(name in data, "no field %s in the draft form: %s" % (name, sorted(data)))
    check("den_%d" % hv not in data, "a denominator field for a count")
    data["text_0"] = "Số liệu sáu tháng đầu năm."
    data["value_%d" % hv] = "12"
    data["value_%d" % tl] = "50"
    data["den_%d" % tl] = "40"
    r = e.post(path, form=data).expect(422)
    check("Báo cáo chưa được lưu: chỉ tiêu BC-TL" in r.text
          and "Tử số lớn hơn mẫu số" in r.text, "refusal not shown: %s" % r.text[:400])
    check("Số liệu sáu tháng đầu năm." in r.text, "the typed narrative was lost")
    check(not _versions(ctx, sid, hl), "a refused draft was written")
    data["value_%d" % tl] = "30,5"
    r = e.post(path, form=data).expect(303)
    rows = sql(ctx.db, "SELECT v.indicator_id, v.numerator, v.denominator FROM submission_values v"
               " JOIN report_submissions s ON s.id = v.submission_id WHERE s.schedule_id = ?"
               " ORDER BY v.indicator_id", sid)
    check(sorted(rows) == sorted([(hv, 12.0, None), (tl, 30.5, 40.0)]), "draft figures %r" % rows)
    check(not sql(ctx.db, "SELECT 1 FROM indicator_values WHERE indicator_id IN (?, ?)", hv, tl),
          "figures written to the values before submission")
    page = e.get(path).expect(200)
    check('value="30,5"' in page.text, "the draft form does not show the saved figure")

    api = ctx.as_user("bt.hlhpn", api=True)
    api.request("PUT", url, json={"values": [{"indicator_id": hv, "value": 2.5}]}) \
        .expect_error(422)
    r = api.request("PUT", url, json={"values": [{"indicator_id": tl, "value": 9, "denominator": 0}]})
    r.expect_error(422)
    check("zero_denominator" in r.json()["error"].get("detail", ""), "detail %r" % r.json())
    r = api.request("PUT", url, json={"values": [{"indicator_id": hv, "value": "1.2"}]})
    r.expect_error(422)
    check(r.json()["error"].get("detail") == "values[0].value: ambiguous_number",
          "a string figure that does not read: %r" % r.json())
    api.request("PUT", url, json={"values": [{"indicator_id": 999999, "value": 1}]}).expect_error(422)
    j = api.request("PUT", url, json={"values": [{"indicator_id": hv, "value": 14}]}).expect(200).json()
    got = {v["code"]: (v["value"], v["denominator"]) for v in j["latest"]["values"]}
    check(got == {"BC-HV": (14, None), "BC-TL": (30.5, 40)}, "API draft figures %r" % got)

    a = ctx.as_user("pheduyet", api=True)
    a.post(url + "/submit").expect(200)
    vals = sql(ctx.db, "SELECT indicator_id, numerator, denominator, source FROM indicator_values"
               " WHERE unit_id = ? AND period = '2024-H1' AND indicator_id IN (?, ?)", hl, hv, tl)
    check(sorted(vals) == sorted([(hv, 14.0, None, "report"), (tl, 30.5, 40.0, "report")]),
          "submitted figures %r" % vals)
    roll = c.get("/api/v1/indicators/%d/rollup?period=2024-H1&unit=%d" % (tl, hl)).expect(200).json()
    check(abs(roll["value"] - 76.25) < 1e-9, "roll-up after the submission %r" % roll)
    page = ctx.as_user("dieuphoi").get(path).expect(200)
    check("30,5 / 40 (76,2%)" in page.text or "30,5 / 40 (76,3%)" in page.text, "the submitted figures are not shown")

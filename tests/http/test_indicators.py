# test_indicators.py: indicators through the pages and the API. A
# coordinator of the provincial Women's Union defines a count indicator on
# the page and sets a 2024 target for districts; a district editor enters
# a value on the form; a rate indicator is made and filled through the API
# (JSON and a CSV body) and through a CSV upload on the page; a bad CSV is
# refused with its rows and nothing of it is stored; the roll-ups (API and
# page) show sums, ratios of sums and attainment.
from harness import check, form_values, sql, sql_one


def _districts(ctx):
    hlhpn = ctx.unit_ids["laocai.hlhpn"]
    rows = sql(ctx.db, "SELECT id, key, name FROM units WHERE parent_id = ? AND level = 'district'"
               " ORDER BY key", hlhpn)
    check(len(rows) >= 3, "want three district unions under laocai.hlhpn, got %r" % rows)
    return rows


def _values(ctx, ind):
    return sql_one(ctx.db, "SELECT COUNT(*) FROM indicator_values WHERE indicator_id = ?", ind)


def test_count_indicator_through_pages(ctx):
    c = ctx.as_user("dp.hlhpn")
    r = c.get("/indicators").expect(200)
    check("Chỉ tiêu" in r.text and 'href="/indicators/new"' in r.text, "list page / new link")
    v = ctx.as_user("xem")
    check('href="/indicators/new"' not in v.get("/indicators").expect(200).text,
          "a viewer sees the new-indicator link")
    v.get("/indicators/new").expect(403)

    r = c.submit("/indicators/new", r"^/indicators$",
                 {"code": "HV-MOI", "name": "Số hội viên mới", "measure": "người",
                  "type": "count", "levels": "district", "year_from": "2024",
                  "year_to": "2025"}).expect(303)
    loc = r.header("Location") or ""
    check(loc.startswith("/indicators/") and "ok=created" in loc, "Location %r" % loc)
    ind = sql_one(ctx.db, "SELECT id FROM indicators WHERE code = 'HV-MOI'")
    check(ind and loc.startswith("/indicators/%d" % ind), "indicator not stored")
    # A bad definition: the form again, 422, nothing stored.
    r = c.submit("/indicators/new", r"^/indicators$",
                 {"code": "sai mã", "name": "X", "type": "count", "levels": "district"})
    r.expect(422)
    check("chưa hợp lệ" in r.text, "no Vietnamese notice for a bad indicator")

    r = c.submit("/indicators/%d" % ind, r"/targets$",
                 {"year": "2024", "level": "district", "op": ">=", "value": "10"}).expect(303)
    check(sql(ctx.db, "SELECT year, level, op, value FROM indicator_targets WHERE indicator_id = ?",
              ind) == [(2024, "district", ">=", 10.0)], "target not stored")

    e = ctx.as_user("bt.bacha")
    r = e.submit("/indicators/%d" % ind, r"/values$",
                 {"unit": "laocai.bacha.hlhpn", "period": "2024-H1", "value": "12"}).expect(303)
    check(sql(ctx.db, "SELECT numerator, source FROM indicator_values WHERE indicator_id = ?", ind)
          == [(12.0, "form")], "form value not stored")
    # The editor of Bắc Hà may not enter another district's value.
    other = [k for _, k, _ in _districts(ctx) if k != "laocai.bacha.hlhpn"][0]
    r = e.submit("/indicators/%d" % ind, r"/values$",
                 {"unit": other, "period": "2024-H1", "value": "5"})
    r.expect(403)
    check(_values(ctx, ind) == 1, "a refused value was stored")

    page = c.get("/indicators/%d?period=2024-H1" % ind).expect(200)
    for text in ("Số hội viên mới", "Tổng hợp theo đơn vị", "Đạt", "Chưa có số liệu", "12"):
        check(text in page.text, "indicator page lacks %r" % text)


def test_rate_indicator_api_csv_and_rollup(ctx):
    a = ctx.as_user("dp.hlhpn", api=True)
    r = a.post("/api/v1/indicators", json={"code": "TL-VAY", "name": "Tỷ lệ hộ vay vốn",
                                           "measure": "%", "type": "rate",
                                           "levels": "district"}).expect(201)
    ind = r.json()["id"]
    check(r.json()["aggregation"] == "ratio", "rate aggregation: %r" % r.json())
    a.post("/api/v1/indicators", json={"code": "TL-VAY", "name": "x", "type": "rate",
                                       "levels": "district"}).expect_error(409)
    a.post("/api/v1/indicators", json={"code": "X1", "name": "x", "type": "median",
                                       "levels": "district"}).expect_error(422)
    r = a.post("/api/v1/indicators/%d/targets" % ind,
               json={"year": 2024, "level": "province", "op": "<=", "value": 40}).expect(200)
    check(r.json()["targets"][0]["op"] == "<=", "targets: %r" % r.json())
    a.post("/api/v1/indicators/%d/targets" % ind,
           json={"year": 2024, "level": "province", "op": "<>", "value": 4}).expect_error(422)

    d = _districts(ctx)
    (d1, k1, _), (d2, k2, n2), (d3, k3, _) = d[0], d[1], d[2]
    # JSON: 9/10 and 10/100 -> 19/110; the average of percentages would be 50 %.
    a.post("/api/v1/indicators/%d/values" % ind,
           json={"values": [{"unit": k1, "period": "2024-H1", "value": 9, "denominator": 10},
                            {"unit": d2, "period": "2024-H1", "value": 10,
                             "denominator": 100}]}).expect(200)
    # A bad JSON row: over 100 %, nothing written.
    r = a.post("/api/v1/indicators/%d/values" % ind,
               json={"values": [{"unit": k3, "period": "2024-H1", "value": 5, "denominator": 10},
                                {"unit": k3, "period": "2024-H2", "value": 11,
                                 "denominator": 10}]}).expect_error(422)
    rows = r.json()["error"]["rows"]
    check([(x["row"], x["code"]) for x in rows] == [(2, "rate_over_100")], "rows %r" % rows)
    check(_values(ctx, ind) == 2, "a refused JSON batch wrote values")

    # A bad CSV body: per-row errors, nothing stored.
    bad = ("unit,period,value,denominator\r\n%s,2024-H1,\"3,5\",10\r\nKhông Có Đơn Vị,2024-H1,1,2\r\n"
           "%s,2024-H1,1,0\r\n" % (k3, k3))
    r = a.post("/api/v1/indicators/%d/values" % ind, body=bad.encode(),
               headers={"Content-Type": "text/csv; charset=utf-8"}).expect_error(422)
    rows = r.json()["error"]["rows"]
    check([(x["row"], x["code"]) for x in rows] == [(3, "unknown_unit"), (4, "zero_denominator")],
          "CSV rows %r" % rows)
    check(all(x.get("message") for x in rows), "rows without a Vietnamese message")
    check(_values(ctx, ind) == 2, "a refused CSV wrote values")

    # A good CSV body: d3 = 3,5/10 (decimal comma).
    good = "\ufeffunit,period,value,denominator\r\n%s,2024-H1,\"3,5\",10\r\n" % k3
    r = a.post("/api/v1/indicators/%d/values" % ind, body=good.encode(),
               headers={"Content-Type": "text/csv"}).expect(200)
    check(r.json()["written"] == 1, "written %r" % r.json())
    check(sql(ctx.db, "SELECT numerator, denominator, source FROM indicator_values"
              " WHERE indicator_id = ? AND unit_id = ?", ind, d3) == [(3.5, 10.0, "csv")],
          "CSV value not stored")

    # Roll-up at the province union: (9 + 10 + 3.5) / (10 + 100 + 10) = 18.75 %.
    hl = ctx.unit_ids["laocai.hlhpn"]
    r = a.get("/api/v1/indicators/%d/rollup?period=2024-H1&unit=%d" % (ind, hl)).expect(200).json()
    check(abs(r["value"] - 18.75) < 1e-9, "rollup value %r" % r)
    check(r["numerator"] == 22.5 and r["denominator"] == 120.0, "sums %r" % r)
    check(r["reporting_units"] == 3, "reporting %r" % r)
    check(r["attainment"] == "met" and r["target"]["value"] == 40, "attainment %r" % r)
    kids = {k["unit_id"]: k for k in r["children"]}
    check(abs(kids[d2]["value"] - 10.0) < 1e-9, "child d2 %r" % kids.get(d2))
    a.get("/api/v1/indicators/%d/rollup?period=2024-H9&unit=%d" % (ind, hl)).expect_error(400)

    # A page upload: bad file refused with its rows, then a good one.
    c = ctx.as_user("dp.hlhpn")
    r, f = c.page_form("/indicators/%d" % ind, r"/values$")
    check('enctype="multipart/form-data"' in r.text and 'name="file"' in r.text,
          "no CSV upload form on the indicator page")
    fields = {"_csrf": form_values(f)["_csrf"]}
    badfile = "unit,period,value,denominator\n%s,2024-H2,2,10\n%s,2024-XX,1,10\n" % (k1, k2)
    r = c.post("/indicators/%d/values" % ind, form=fields,
               files=[("file", "sai.csv", badfile.encode(), "text/csv")]).expect(422)
    check("Kỳ báo cáo không hợp lệ" in r.text, "page lacks the row error")
    check("bad_period" not in r.text, "a raw English code on the page")
    check(_values(ctx, ind) == 3, "a refused upload wrote values")
    goodfile = "unit,period,value,denominator\n%s,2024-H2,2,10\n" % n2
    r = c.post("/indicators/%d/values" % ind, form=fields,
               files=[("file", "dung.csv", goodfile.encode(), "text/csv")]).expect(303)
    check(_values(ctx, ind) == 4, "the good upload was not stored")

    lst = a.get("/api/v1/indicators").expect(200).json()
    check(any(i["code"] == "TL-VAY" for i in lst["items"]), "list %r" % lst)
    one = a.get("/api/v1/indicators/%d" % ind).expect(200).json()
    check(one["type"] == "rate" and one["targets"], "one %r" % one)
    a.get("/api/v1/indicators/999999").expect_error(404)

    page = c.get("/indicators/%d?period=2024-H1&unit=%d" % (ind, hl)).expect(200)
    check("18,75" in page.text and "Đạt" in page.text, "roll-up page lacks 18,75 / Đạt")
    v = ctx.as_user("xem", api=True)
    v.post("/api/v1/indicators/%d/values" % ind,
           json={"values": [{"unit": k1, "period": "2024", "value": 1,
                             "denominator": 2}]}).expect_error(403)

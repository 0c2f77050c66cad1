# test_import_targets.py: the targets of an imported plan become indicators
# through the import review (issue 4, point 4). The page flow (preview,
# tick two targets, confirm) and the API flow ("indicators" in POST
# /api/v1/imports) run on a fixture of two targets and, when ../shared is
# present, on the Lào Cai 2022 action program; a bad type or a code
# already taken refuses the whole import: no indicator and no plan.
import os

from harness import FIXTURES, ROOT, Skip, check, sql, sql_one

SAMPLE = os.path.join(os.path.dirname(ROOT), "shared", "samples",
                      "laocai-2022-hlhpn-action-program.txt")


def _counts(ctx):
    return (sql_one(ctx.db, "SELECT COUNT(*) FROM documents"),
            sql_one(ctx.db, "SELECT COUNT(*) FROM plans"),
            sql_one(ctx.db, "SELECT COUNT(*) FROM indicators"),
            sql_one(ctx.db, "SELECT COUNT(*) FROM indicator_targets"))


def _fixture(number):
    text = open(os.path.join(FIXTURES, "plan-targets.txt"), encoding="utf-8").read()
    return text.replace("Số: 31/KH-HLHPN", "Số: %d/KH-HLHPN" % number)


def _targets(ctx, code):
    ind = sql_one(ctx.db, "SELECT id FROM indicators WHERE code = ?", code)
    check(ind, "no indicator %s" % code)
    return ind, sql(ctx.db, "SELECT year, level, op, value FROM indicator_targets"
                    " WHERE indicator_id = ? ORDER BY year", ind)


def _preview(c, name, text):
    _, f = c.page_form("/import", r"^/import$")
    form = {n: v for n, v, _, _ in f["fields"]}
    r = c.post("/import", form=form, files=[(f["files"][0], name, text.encode("utf-8"), "text/plain")])
    r.expect(200)
    cf = r.page.form(r"^/import/confirm$")
    check(cf is not None, "preview has no confirm form")
    values = {n: v for n, v, _, _ in cf["fields"]}
    if "confirm_review" in cf["options"]:
        values["confirm_review"] = "1"
    return r, cf, values


def _page_flow(ctx, name, text, picks):
    """Preview text, tick picks {index: (code, type)}, confirm; returns the
    preview page."""
    c = ctx.as_user("dp.hlhpn")
    r, cf, values = _preview(c, name, text)
    check("Theo dõi thành chỉ tiêu" in r.text, "no tracking column on the preview")
    for i in picks:
        check("target.%d.track" % i in cf["options"], "no checkbox for target %d" % i)
        check(values.get("target.%d.name" % i), "target %d has no prefilled name" % i)
        check(values.get("target.%d.code" % i), "target %d has no prefilled code" % i)
    before = _counts(ctx)
    # A bad type: 422, nothing written (no plan either).
    bad = dict(values)
    for i, (code, typ) in picks.items():
        bad.update({"target.%d.track" % i: "1", "target.%d.code" % i: code,
                    "target.%d.type" % i: typ})
    first = next(iter(picks))
    bad["target.%d.type" % first] = "median"
    r = c.post("/import/confirm", form=bad)
    r.expect(422)
    check("Chưa có gì được ghi" in r.text, "no Vietnamese notice for a bad type")
    check(_counts(ctx) == before, "a refused import wrote something: %r -> %r" % (before, _counts(ctx)))
    # The right choices: 303 to the plan.
    good = dict(values)
    for i, (code, typ) in picks.items():
        good.update({"target.%d.track" % i: "1", "target.%d.code" % i: code,
                     "target.%d.type" % i: typ})
    r = c.post("/import/confirm", form=good).expect(303)
    after = _counts(ctx)
    check(after[1] == before[1] + 1 and after[2] == before[2] + len(picks),
          "confirm stored %r after %r" % (after, before))
    return values


def test_fixture_through_page(ctx):
    _page_flow(ctx, "plan-targets.txt", _fixture(31),
               {0: ("TT-HOCTAP", "rate"), 1: ("TT-MOHINH", "count")})
    ind, t = _targets(ctx, "TT-HOCTAP")
    check(t == [(2024, "province", ">=", 90.0), (2025, "province", ">=", 90.0),
                (2026, "province", ">=", 90.0)], "each-year rate targets: %r" % t)
    check(sql(ctx.db, "SELECT type, measure, aggregation FROM indicators WHERE id = ?", ind)
          == [("rate", "%", "ratio")], "rate indicator definition")
    ind, t = _targets(ctx, "TT-MOHINH")
    check(t == [(2025, "province", ">=", 2.0)], "by-2025 count target: %r" % t)
    check(sql_one(ctx.db, "SELECT type FROM indicators WHERE id = ?", ind) == "count", "count type")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'indicator.import'") >= 2,
          "no audit entries for the imported indicators")


def test_fixture_through_api(ctx):
    a = ctx.as_user("dp.hlhpn", api=True)
    text = _fixture(32)
    p = a.post("/api/v1/imports/preview", json={"text": text, "source_name": "t.txt"}).expect(200)
    check(len(p.json()["targets"]) == 2, "preview targets: %r" % p.json()["targets"])
    before = _counts(ctx)
    # A code already taken (by the page test or here): 409, nothing saved.
    a.post("/api/v1/indicators", json={"code": "TT-TAKEN", "name": "x", "type": "count",
                                       "levels": "province"}).expect(201)
    before = _counts(ctx)
    a.post("/api/v1/imports", json={"text": text, "source_name": "t.txt", "indicators": [
        {"target": 0, "name": "Tỷ lệ học tập", "code": "TA-1"},
        {"target": 1, "name": "Mô hình", "code": "TT-TAKEN"}]}).expect_error(409)
    check(_counts(ctx) == before, "a duplicate code left something: %r -> %r" % (before, _counts(ctx)))
    # A bad type and a bad index: 422, nothing saved.
    a.post("/api/v1/imports", json={"text": text, "source_name": "t.txt", "indicators": [
        {"target": 0, "name": "x", "code": "TA-2", "type": "median"}]}).expect_error(422)
    a.post("/api/v1/imports", json={"text": text, "source_name": "t.txt", "indicators": [
        {"target": 7, "name": "x", "code": "TA-3"}]}).expect_error(422)
    # The same code twice in one request: 409.
    a.post("/api/v1/imports", json={"text": text, "source_name": "t.txt", "indicators": [
        {"target": 0, "name": "x", "code": "TA-4"}, {"target": 1, "name": "y", "code": "TA-4"}]}
    ).expect_error(409)
    check(_counts(ctx) == before, "a refused import left something: %r -> %r" % (before, _counts(ctx)))
    # Defaults: type from the unit, level from the caller's unit.
    r = a.post("/api/v1/imports", json={"text": text, "source_name": "t.txt", "indicators": [
        {"target": 0, "name": "Tỷ lệ học tập", "code": "TA-1"},
        {"target": 1, "name": "Mô hình", "code": "TA-5", "level": "district"}]}).expect(201)
    check(len(r.json()["indicators"]) == 2, "answer lacks the indicator ids: %r" % r.json())
    ind, t = _targets(ctx, "TA-1")
    check(ind == r.json()["indicators"][0], "first id")
    check(sql_one(ctx.db, "SELECT type FROM indicators WHERE id = ?", ind) == "rate", "default rate")
    check([y for y, _, _, _ in t] == [2024, 2025, 2026] and
          all(l == "province" and op == ">=" and v == 90.0 for _, l, op, v in t),
          "API rate targets: %r" % t)
    ind, t = _targets(ctx, "TA-5")
    check(sql_one(ctx.db, "SELECT type FROM indicators WHERE id = ?", ind) == "count", "default count")
    check(t == [(2025, "district", ">=", 2.0)], "API count targets: %r" % t)


def _sample():
    if not os.path.exists(SAMPLE):
        raise Skip("../shared/samples/laocai-2022-hlhpn-action-program.txt not found")
    return open(SAMPLE, encoding="utf-8").read()


def test_sample_through_page(ctx):
    text = _sample()
    # Target 4: 90% each year 2026-2030; target 11: more than 75% by 2025.
    _page_flow(ctx, "laocai-2022.txt", text, {4: ("HV-TAPHOP", "rate"), 11: ("CH-CNTT", "rate")})
    _, t = _targets(ctx, "HV-TAPHOP")
    check([(y, op, v) for y, _, op, v in t] == [(y, ">=", 90.0) for y in range(2026, 2031)],
          "sample each-year targets: %r" % t)
    _, t = _targets(ctx, "CH-CNTT")
    check(t == [(2025, "province", ">", 75.0)], "sample by-2025 target: %r" % t)


def test_sample_through_api(ctx):
    # Not the same document as the page test's: a trailing blank line no
    # longer makes another document (the hash is of the normalized text).
    text = _sample() + "\nBản gửi qua API.\n"
    a = ctx.as_user("dp.hlhpn", api=True)
    p = a.post("/api/v1/imports/preview", json={"text": text}).expect(200).json()
    check(p["targets"][3]["year_to"] == 2025, "sample target 3: %r" % p["targets"][3])
    r = a.post("/api/v1/imports", json={"text": text, "confirm_review": True, "indicators": [
        {"target": 3, "name": "Tỷ lệ tập hợp hội viên đến 2025", "code": "API-HV-2025"},
        {"target": 12, "name": "Hội cơ sở ứng dụng CNTT", "code": "API-CNTT-2030",
         "type": "rate", "level": "commune"}]}).expect(201)
    check(len(r.json()["indicators"]) == 2, "ids: %r" % r.json())
    _, t = _targets(ctx, "API-HV-2025")
    check(t == [(2025, "province", ">=", 85.0)], "API sample target: %r" % t)
    _, t = _targets(ctx, "API-CNTT-2030")
    check(t == [(2030, "commune", ">=", 100.0)], "API sample target: %r" % t)

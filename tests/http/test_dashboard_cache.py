# test_dashboard_cache.py: GET /api/v1/dashboards answers from a cache
# (src/web/cache.h) that must never serve an answer older than the last
# write. An administrator makes a province-level unit with two districts
# and a sum indicator reported by districts; the dashboard of the province
# (its districts' cells) and of the committee above it (the province's
# rolled-up cell) are read, values are written through the API, and the
# very next read must show the new values and roll-up; the same for a
# target set after a read (the roll-ups drop the indicator's aggregates
# after the commit) and for a unit renamed by another process (a separate
# SQLite connection, as the command line would). The ETag / 304 answers
# stay those of the server: the same body gives the same ETag and a 304,
# a changed one a new ETag and a 200.
import hashlib
import sqlite3

from harness import check

PERIOD = "2024-H1"


def _setup(ctx):
    if getattr(ctx, "dash_cache", None):
        return ctx.dash_cache
    adm = ctx.as_user("admin", api=True)
    r = adm.post("/api/v1/units", json={"name": "Tỉnh Thử Bộ Nhớ Đệm", "kind": "mass_org",
                                        "level": "province",
                                        "parent_id": ctx.unit_ids["laocai.ubnd"]}).expect(201)
    prov = r.json().get("id") or r.json().get("unit", {}).get("id")
    kids = []
    for name in ("Huyện Đệm Một", "Huyện Đệm Hai"):
        r = adm.post("/api/v1/units", json={"name": name, "kind": "mass_org", "level": "district",
                                            "parent_id": prov}).expect(201)
        kids.append(r.json().get("id") or r.json().get("unit", {}).get("id"))
    r = adm.post("/api/v1/indicators", json={"code": "DEM-01", "name": "Số hội viên thử đệm",
                                             "measure": "người", "type": "sum",
                                             "levels": "district", "year_from": 2024,
                                             "year_to": 2024}).expect(201)
    ctx.dash_cache = (prov, kids, r.json()["id"])
    return ctx.dash_cache


def _cell(d, unit, code):
    """The cell of unit (a row of the answer) for the indicator code."""
    codes = [i["code"] for i in d["indicators"]]
    rows = [u["id"] for u in d["units"]]
    check(code in codes, "indicator %s missing from %r" % (code, codes))
    check(unit in rows, "unit %s missing from the rows %r" % (unit, rows))
    return d["cells"][rows.index(unit)][codes.index(code)]


def _dash(a, unit):
    return a.get("/api/v1/dashboards?period=%s&unit=%d" % (PERIOD, unit)).expect(200)


def _values(a, ind, pairs):
    a.post("/api/v1/indicators/%d/values" % ind, json={"values": [
        {"unit": u, "period": PERIOD, "value": v} for u, v in pairs]}).expect(200)


def test_write_is_seen_by_the_next_read(ctx):
    prov, kids, ind = _setup(ctx)
    a = ctx.as_user("admin", api=True)
    top = ctx.unit_ids["laocai.ubnd"]
    for _ in range(2):   # the second read is a cache hit: the same answer
        c = _cell(_dash(a, top).json(), prov, "DEM-01")
        check(c["value"] is None and c["attain"] in ("no_data", "no_target"),
              "before any value: %r" % c)
        check(_cell(_dash(a, prov).json(), kids[0], "DEM-01")["value"] is None, "kid before")

    _values(a, ind, [(kids[0], 5)])
    check(_cell(_dash(a, prov).json(), kids[0], "DEM-01")["value"] == 5,
          "the district's value written is not in the next answer")
    check(_cell(_dash(a, top).json(), prov, "DEM-01")["value"] == 5,
          "the roll-up of the value written is not in the next answer")

    _values(a, ind, [(kids[0], 7), (kids[1], 3)])
    d = _dash(a, prov).json()
    check(_cell(d, kids[0], "DEM-01")["value"] == 7 and _cell(d, kids[1], "DEM-01")["value"] == 3,
          "the changed and the new value: %r" % d["cells"])
    c = _cell(_dash(a, top).json(), prov, "DEM-01")
    check(c["value"] == 10, "the roll-up after a change: %r (want 7 + 3)" % c)

    # A target set after a read: the roll-ups drop the indicator's
    # aggregates after the commit; the next answer must have the target.
    a.post("/api/v1/indicators/%d/targets" % ind,
           json={"year": 2024, "level": "district", "op": ">=", "value": 6}).expect(200)
    d = _dash(a, prov).json()
    k0, k1 = _cell(d, kids[0], "DEM-01"), _cell(d, kids[1], "DEM-01")
    check(k0["target"] == 6 and k0["attain"] == "met", "target on kid 1: %r" % k0)
    check(k1["target"] == 6 and k1["attain"] == "not_met", "target on kid 2: %r" % k1)


def test_write_by_another_process(ctx):
    prov, kids, ind = _setup(ctx)
    a = ctx.as_user("admin", api=True)
    d = _dash(a, prov).json()
    check(any(u["name"] == "Huyện Đệm Hai" for u in d["units"]), "units %r" % d["units"])
    con = sqlite3.connect(ctx.db, timeout=30)
    try:
        con.execute("UPDATE units SET name = ? WHERE id = ?", ("Huyện Đệm Hai Mới", kids[1]))
        con.commit()
    finally:
        con.close()
    d = _dash(a, prov).json()
    check(any(u["name"] == "Huyện Đệm Hai Mới" for u in d["units"]),
          "a write by another process is not seen: %r" % d["units"])


def _tag(body):
    """The server's ETag of a body (src/web/server.c: BLAKE2b, 16 bytes)."""
    return '"%s"' % hashlib.blake2b(body, digest_size=16).hexdigest()


def test_etag_and_304(ctx):
    prov, kids, ind = _setup(ctx)
    a = ctx.as_user("admin", api=True)
    path = "/api/v1/dashboards?period=%s&unit=%d" % (PERIOD, prov)
    r1 = a.get(path).expect(200)
    r2 = a.get(path).expect(200)
    e1, e2 = r1.header("ETag"), r2.header("ETag")
    check(e1 and e1 == e2 and r1.body == r2.body, "same answer, same ETag: %r %r" % (e1, e2))
    check(e1 == _tag(r1.body), "the ETag of a cached answer is the hash of its body: %r" % e1)
    r3 = a.get(path, headers={"If-None-Match": e1})
    check(r3.status == 304 and not r3.body, "If-None-Match of the current ETag: %s" % r3.status)
    _values(a, ind, [(kids[1], 4)])
    r4 = a.get(path, headers={"If-None-Match": e1})
    check(r4.status == 200 and r4.header("ETag") != e1,
          "after a write the old ETag must give 200 with a new ETag: %s" % r4.status)
    check(_cell(r4.json(), kids[1], "DEM-01")["value"] == 4, "the new value in the 200")
    check(r4.header("ETag") == _tag(r4.body), "the ETag of a fresh answer is the hash of its body")
    check(len(r4.header_all("ETag")) == 1, "one ETag header: %r" % r4.header_all("ETag"))
    r5 = a.get(path, headers={"If-None-Match": r4.header("ETag")})
    check(r5.status == 304, "the new ETag gives 304: %s" % r5.status)
    # Another user, another scope: the answer is its own (unit defaults to
    # the user's own unit, not the admin's answer).
    x = ctx.as_user("xem", api=True)
    d = x.get("/api/v1/dashboards?period=%s" % PERIOD).expect(200).json()
    check(d["unit"]["id"] == ctx.unit_ids["laocai.hlhpn"], "viewer's default unit %r" % d["unit"])

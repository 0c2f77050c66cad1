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

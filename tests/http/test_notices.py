# test_notices.py: reminders in the web interface and the API. A schedule
# of the Women's Union is due on 20/03/2031; `phoihop remind` run on
# 13/03/2031 gives its editors and up a notice, not its viewer. The
# editor sees the unread count on the dashboard and the notice on
# /notices with a link to the schedule; someone else cannot mark it read
# (403), nor can a form without the CSRF token; the owner can, once; the
# API lists the notices paged, with ?unread=1, and refuses bad parameters.
import re
import subprocess

from harness import check, env, sql, sql_one

TITLE = "Báo cáo nhanh thử nhắc hạn"
TEXT = "Còn 7 ngày đến hạn nộp %s (hạn 20/03/2031)" % TITLE


def _remind(ctx, today, *args):
    e = env()
    e["PHOIHOP_TODAY"] = today
    e.pop("PHOIHOP_SMTP_URL", None)
    return subprocess.run([ctx.binary, "--db", ctx.db, "remind", *args], text=True,
                          capture_output=True, env=e, timeout=120)


def _setup(ctx):
    """The schedule and the reminders, made once; returns the schedule id."""
    sid = sql_one(ctx.db, "SELECT id FROM report_schedules WHERE title = ?", TITLE)
    if sid:
        return sid
    # The administrator: the Women's Union is outside the reach of UBND
    # tỉnh's coordinator.
    c = ctx.as_user("admin", api=True)
    body = {"kind": "ad_hoc", "title": TITLE, "due": "2031-03-20",
            "cutoff_start": "2031-03-01", "cutoff_end": "2031-03-15",
            "receiving_unit_id": ctx.unit_ids["laocai.ubnd"],
            "unit_ids": [ctx.unit_ids["laocai.hlhpn"]]}
    sid = c.post("/api/v1/schedules", json=body).expect(201).json()["id"]
    p = _remind(ctx, "2031-03-13")
    check(p.returncode == 0, "remind: exit %d: %s" % (p.returncode, p.stderr))
    check(re.search(r"đã tạo [1-9][0-9]* thông báo nhắc hạn", p.stdout), "summary %r" % p.stdout)
    p = _remind(ctx, "2031-03-13")
    check(p.returncode == 0 and "đã tạo 0 thông báo" in p.stdout, "second run %r" % p.stdout)
    return sid


def _notice(ctx, login, sid):
    return sql_one(ctx.db, "SELECT n.id FROM notices n JOIN users u ON u.id = n.user_id"
                   " WHERE u.login = ? AND n.schedule_id = ?", login, sid)


def test_reminders_go_to_editors_and_up(ctx):
    sid = _setup(ctx)
    got = {r[0] for r in sql(ctx.db, "SELECT u.login FROM notices n JOIN users u"
                                     " ON u.id = n.user_id WHERE n.schedule_id = ?", sid)}
    check({"bt.hlhpn", "pheduyet", "dp.hlhpn"} <= got, "notices to %r" % got)
    check("xem" not in got, "the viewer was reminded")
    check("bt.ldtbxh" not in got and "dieuphoi" not in got, "users of other units reminded")
    check(sql_one(ctx.db, "SELECT text FROM notices WHERE id = ?", _notice(ctx, "bt.hlhpn", sid))
          == TEXT, "notice text")


def test_notices_page_and_dashboard(ctx):
    sid = _setup(ctx)
    nid = _notice(ctx, "bt.hlhpn", sid)
    e = ctx.as_user("bt.hlhpn")
    unread = sql_one(ctx.db, "SELECT COUNT(*) FROM notices n JOIN users u ON u.id = n.user_id"
                     " WHERE u.login = 'bt.hlhpn' AND n.read_at IS NULL")
    check(unread >= 1, "no unread notice")
    home = e.get("/").expect(200)
    check('href="/notices"' in home.text and "Thông báo (%d chưa đọc)" % unread in home.text,
          "dashboard lacks the unread link")
    x = ctx.as_user("xem")
    check("chưa đọc)" not in x.get("/").expect(200).text, "dashboard link with nothing unread")
    check("Không có thông báo nào" in x.get("/notices").expect(200).text, "empty list text")

    r = e.get("/notices").expect(200)
    check("<h1>Thông báo</h1>" in r.text, "no heading")
    check(TEXT in r.text, "notice text missing on /notices")
    check('href="/schedules/%d"' % sid in r.text, "no link to the schedule")
    row = re.search(r'<tr class="unread" id="notice-%d">.*?</tr>' % nid, r.text, re.S)
    check(row and "Chưa đọc" in row.group(0), "notice not marked unread")
    check(r.page.form(r"^/notices/%d/read$" % nid) is not None, "no read form")
    e.get("/schedules/%d" % sid).expect(200)

    # Someone else's notice, no CSRF token, no such notice: refused.
    p = ctx.as_user("pheduyet")
    p.post("/notices/%d/read" % nid, form={"_csrf": p.csrf}).expect(403)
    e.post("/notices/%d/read" % nid, form={}).expect(403)
    check(sql_one(ctx.db, "SELECT read_at FROM notices WHERE id = ?", nid) is None,
          "a refused request marked the notice read")
    e.post("/notices/999999/read", form={"_csrf": e.csrf}).expect(404)

    r = e.post("/notices/%d/read" % nid, form={"_csrf": e.csrf}).expect(303)
    check(r.header("Location") == "/notices?ok=read", "Location %r" % r.header("Location"))
    check(sql_one(ctx.db, "SELECT read_at FROM notices WHERE id = ?", nid), "read_at not set")
    r = e.get("/notices?ok=read").expect(200)
    check("Đã đánh dấu thông báo là đã đọc" in r.text, "no confirmation")
    check(re.search(r'<tr id="notice-%d">.*?Đã đọc' % nid, r.text, re.S), "not shown as read")
    r = e.get("/notices?unread=1").expect(200)
    check('id="notice-%d"' % nid not in r.text, "read notice in the unread list")
    home = e.get("/").expect(200)
    check(("Thông báo (%d chưa đọc)" % (unread - 1)) in home.text or unread == 1,
          "dashboard count did not drop")


def test_notices_api(ctx):
    sid = _setup(ctx)
    a = ctx.as_user("dp.hlhpn", api=True)
    j = a.get("/api/v1/notices").expect(200).json()
    check(set(j) >= {"items", "total", "limit", "offset"} and j["limit"] == 50, "envelope %r" % j)
    mine = [n for n in j["items"] if n["schedule_id"] == sid]
    check(len(mine) == 1, "one notice of the schedule: %r" % j["items"])
    n = mine[0]
    check(n["text"] == TEXT and n["kind"] == "due_soon" and n["days_before"] == 7
          and n["due"] == "2031-03-20" and n["read"] is False and n["read_at"] is None
          and n["unit_id"] == ctx.unit_ids["laocai.hlhpn"], "notice %r" % n)
    total = sql_one(ctx.db, "SELECT COUNT(*) FROM notices n JOIN users u ON u.id = n.user_id"
                    " WHERE u.login = 'dp.hlhpn'")
    check(j["total"] == total, "total %r, want %r" % (j["total"], total))
    one = a.get("/api/v1/notices?limit=1&offset=0&unread=1").expect(200).json()
    check(len(one["items"]) == 1 and one["limit"] == 1 and one["items"][0]["read"] is False,
          "page of one %r" % one)
    a.get("/api/v1/notices?limit=0").expect_error(400)
    a.get("/api/v1/notices?unread=yes").expect_error(400)
    ctx.server.client("anon").get("/api/v1/notices").expect_error(401)
    other = ctx.as_user("bt.ldtbxh", api=True).get("/api/v1/notices").expect(200).json()
    check(all(n["schedule_id"] != sid for n in other["items"]), "another unit's user sees it")

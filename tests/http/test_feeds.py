# test_feeds.py: a unit's calendar feed (iCalendar, RFC 5545): made through
# the unit page's form and through the API, fetched without signing in and
# parsed with the `icalendar` module (Debian python3-icalendar); the events
# are the unit's tasks with an end date and the report deadlines of their
# plans, as the database says; a wrong token and a renewed (old) token give
# 404; an editor of another unit is refused (403) and sees no form.
import os
import re
import sys

from harness import check, sql, sql_one

URL_RX = r"http://127\.0\.0\.1:\d+/feeds/([0-9a-f]{64})\.ics"


def icalendar_module():
    """The icalendar module; Debian's package lives in dist-packages, which
    a python3 other than Debian's (pyenv, a venv) does not search."""
    try:
        import icalendar
    except ImportError:
        deb = "/usr/lib/python3/dist-packages"
        if deb not in sys.path and os.path.isdir(os.path.join(deb, "icalendar")):
            sys.path.append(deb)
        try:
            import icalendar
        except ImportError:
            check(False, "the Python icalendar module is missing: install python3-icalendar "
                         "(tools/setup.sh)")
    return icalendar


def expected_events(ctx, unit_id):
    """UID prefix -> (date, summary start) of the events the feed must hold,
    read from the database."""
    want = {}
    rows = sql(ctx.db, "SELECT t.id, t.end_date, t.content, t.status FROM tasks t"
                       " WHERE t.end_date IS NOT NULL AND (t.lead_unit_id = ? OR EXISTS"
                       " (SELECT 1 FROM task_coordinators c WHERE c.task_id = t.id"
                       " AND c.unit_id = ?))", unit_id, unit_id)
    for tid, end, content, status in rows:
        want["task-%d@" % tid] = (end, content, status)
    rows = sql(ctx.db, "SELECT d.plan_id, d.position, d.due_date, d.text FROM report_deadlines d"
                       " WHERE d.due_date IS NOT NULL AND d.plan_id IN (SELECT t.plan_id FROM tasks t"
                       " WHERE t.lead_unit_id = ? OR EXISTS (SELECT 1 FROM task_coordinators c"
                       " WHERE c.task_id = t.id AND c.unit_id = ?))", unit_id, unit_id)
    for plan, pos, due, text in rows:
        want["deadline-%d-%d@" % (plan, pos)] = (due, text, None)
    return want


def fetch_and_check(ctx, token, unit_id):
    """GET the feed anonymously, check the raw text and parse it; returns
    the parsed calendar."""
    ical = icalendar_module()
    anon = ctx.server.client("calendar app")
    r = anon.get("/feeds/%s.ics" % token).expect(200)
    check((r.header("Content-Type") or "").startswith("text/calendar"),
          "feed type: %r" % r.header("Content-Type"))
    body = r.body
    check(body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n"),
          "not a VCALENDAR: %r" % body[:80])
    for line in body.split(b"\r\n")[:-1]:
        check(b"\n" not in line and b"\r" not in line, "bare line break in %r" % line[:80])
        check(len(line) <= 75, "line over 75 octets (%d): %r" % (len(line), line[:90]))
        line.decode("utf-8")   # a fold never splits a character
    cal = ical.Calendar.from_ical(body)
    errors = [(c.name, e) for c in cal.walk() for e in getattr(c, "errors", [])]
    check(not errors, "the parser reported errors: %r" % errors[:5])
    check(str(cal.get("VERSION")) == "2.0", "VERSION: %r" % cal.get("VERSION"))
    name = sql_one(ctx.db, "SELECT name FROM units WHERE id = ?", unit_id)
    check(name in str(cal.get("X-WR-CALNAME")), "calendar name %r lacks %r" % (
        str(cal.get("X-WR-CALNAME")), name))

    want = expected_events(ctx, unit_id)
    check(len(want) >= 3, "fixture: the unit should have tasks and deadlines, got %r" % want)
    events = cal.walk("VEVENT")
    check(len(events) == len(want), "%d events, want %d: %s" % (
        len(events), len(want), sorted(str(e.get("UID")) for e in events)))
    seen = set()
    for ev in events:
        uid = str(ev.get("UID"))
        key = next((k for k in want if uid.startswith(k)), None)
        check(key is not None, "unexpected event %s" % uid)
        check(uid.endswith("@127.0.0.1"), "UID host: %s" % uid)
        seen.add(key)
        date, text, status = want[key]
        start = ev.decoded("DTSTART")
        end = ev.decoded("DTEND")
        check(start.isoformat() == date and not hasattr(start, "hour"),
              "%s: DTSTART %r, want the all-day date %s" % (uid, start, date))
        check((end - start).days == 1, "%s: DTEND %r not the next day" % (uid, end))
        summary = str(ev.get("SUMMARY"))
        prefix = "Hạn nhiệm vụ: " if key.startswith("task-") else "Hạn báo cáo: "
        check(summary.startswith(prefix), "%s: summary %r" % (uid, summary))
        rest = summary[len(prefix):]
        if len(text) <= 100:
            check(rest == text, "%s: summary %r does not round-trip %r" % (uid, rest, text))
        else:
            check(rest.endswith("…") and text.startswith(rest[:-1].rstrip()),
                  "%s: truncated summary %r" % (uid, rest))
        if status is not None:
            check((str(ev.get("STATUS")) == "CANCELLED") == (status == "cancelled"),
                  "%s: STATUS %r for a %s task" % (uid, ev.get("STATUS"), status))
            check(str(ev.get("URL", "")).endswith("/tasks/%s" % key[5:-1]), "%s: URL %r" % (
                uid, ev.get("URL")))
            desc = str(ev.get("DESCRIPTION"))
            check("Vai trò của đơn vị: " in desc and "Trạng thái: " in desc,
                  "%s: description %r" % (uid, desc))
    check(seen == set(want), "events missing: %s" % sorted(set(want) - seen))
    # another unit's task (led elsewhere, not coordinated) is absent
    other = sql_one(ctx.db, "SELECT t.id FROM tasks t WHERE t.end_date IS NOT NULL"
                            " AND t.lead_unit_id <> ? AND NOT EXISTS (SELECT 1 FROM"
                            " task_coordinators c WHERE c.task_id = t.id AND c.unit_id = ?)",
                    unit_id, unit_id)
    check(other is not None and ("UID:task-%d@" % other).encode() not in body,
          "another unit's task %r in the feed" % other)
    return cal


def test_feed_page_and_calendar(ctx):
    unit = ctx.unit_ids["laocai.hlhpn"]
    c = ctx.as_user("bt.hlhpn")
    page = c.get("/units/%d" % unit).expect(200)
    check("Lịch nhắc hạn (iCalendar)" in page.text, "no calendar section on the unit page")
    r = c.submit("/units/%d" % unit, r"^/units/%d/feed$" % unit).expect(200)
    check(r.header("Location") is None, "the token must not go into a redirect")
    check("no-store" in (r.header("Cache-Control") or ""), "the page with the secret is cached")
    check("Đường dẫn lịch của đơn vị" in r.text and "Thêm lịch bằng URL" in r.text,
          "instructions missing: " + r.describe())
    m = re.search(r'id="feed-url" readonly value="(%s)"' % URL_RX, r.text)
    check(m, "no read-only input with the feed URL: " + r.describe())
    token = m.group(2)
    cal = fetch_and_check(ctx, token, unit)
    check(len(cal.walk("VEVENT")) >= 3, "events")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM feed_tokens WHERE token_hash = ?", token) == 0,
          "the token itself is stored")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'feed.renew'"
                          " AND entity_id = ?", unit) >= 1, "renewal not audited")
    ctx.feed_token_page = token


def test_feed_api_renew_revokes(ctx):
    unit = ctx.unit_ids["laocai.hlhpn"]
    c = ctx.as_user("bt.hlhpn", api=True)
    old = getattr(ctx, "feed_token_page", None)
    if old is None:   # run alone: make one first
        old = c.post("/api/v1/units/%d/feed" % unit).expect(201).json()["token"]
    r = c.post("/api/v1/units/%d/feed" % unit).expect(201)
    j = r.json()
    check(re.fullmatch(r"[0-9a-f]{64}", j.get("token", "")), "token: %r" % j)
    m = re.fullmatch(URL_RX, j.get("url", ""))
    check(m and m.group(1) == j["token"], "url: %r" % j)
    check(j["token"] != old, "renewal gave the same token")
    fetch_and_check(ctx, j["token"], unit)
    anon = ctx.server.client("old calendar")
    anon.get("/feeds/%s.ics" % old).expect(404)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM feed_tokens WHERE unit_id = ?", unit) == 1,
          "more than one token for the unit")


def test_feed_wrong_tokens(ctx):
    anon = ctx.server.client("guesser")
    for name in ("0" * 64 + ".ics", "a" * 64 + ".ics", "abc.ics", "A" * 64 + ".ics",
                 "0" * 64 + ".txt", "0" * 64):
        anon.get("/feeds/%s" % name).expect(404)


def test_feed_refused_to_other_units_editor(ctx):
    unit = ctx.unit_ids["laocai.hlhpn"]
    before = sql(ctx.db, "SELECT token_hash FROM feed_tokens WHERE unit_id = ?", unit)
    c = ctx.as_user("bt.ldtbxh")
    page = c.get("/units/%d" % unit).expect(200)
    check(page.page.form(r"/feed$") is None, "another unit's editor sees the feed form")
    c.post("/units/%d/feed" % unit, form={"_csrf": c.csrf}).expect(403)
    a = ctx.as_user("bt.ldtbxh", api=True)
    a.post("/api/v1/units/%d/feed" % unit).expect_error(403)
    check(sql(ctx.db, "SELECT token_hash FROM feed_tokens WHERE unit_id = ?", unit) == before,
          "a refused request changed the feed token")
    # but the editor's own unit is fine
    own = ctx.unit_ids["laocai.so-ldtbxh"]
    r = a.post("/api/v1/units/%d/feed" % own).expect(201)
    anon = ctx.server.client("calendar app 2")
    anon.get("/feeds/%s.ics" % r.json()["token"]).expect(200)

# test_memcap.py: every route under a small per-request memory cap
# (serve --max-request-memory), so that the code after each allocation that
# the arena refuses actually runs (issue 9, point 2(c)). A missed NULL check
# crashes the server here, and under the sanitizer build it is reported.
#
# A copy of the test database gets what the routes need (an indicator with
# a target, a schedule with a report, a file, a note, a notice, a calendar
# feed) and sessions of an administrator and a coordinator, through an
# uncapped server. A second copy also gets many units, notes and audit
# entries, so that the usual pages need more than the cap. Each copy is
# first answered without a cap (every GET twice, to know the pages that
# differ from one ask to the next): that is the baseline. Then servers with
# small caps (64 to 96 KiB on the first copy, 64 KiB to 1.25 MiB on the
# large one) answer every GET route of src/web/routes.c (ids filled with ones that
# exist) and a few writes (notes, status changes, values files, an import
# preview, imports, a report draft, an alias, a target) for both users, on
# a fresh copy each. Every answer must be the baseline's or 413
# (input_too_large naming memory; a Vietnamese page), never 500 and never a
# dropped connection; a page answered whole must be the baseline's page,
# byte for byte (no holes); a 413 must have written nothing and a write
# answered as in the baseline must have written (the database is re-read
# around each write); GETs write nothing; the server exits 0 on SIGTERM
# with nothing from the sanitizers on its stderr.

import hashlib
import http.client
import json
import os
import sqlite3
import subprocess
import time
from urllib.parse import urlencode

from harness import (HTTP_TIMEOUT, ROOT, TestFailure, check, env, load_routes, multipart,
                     sql_one)

# The arena takes memory in chunks of 16 KiB (and one block for a larger
# allocation), so caps that differ by a chunk or more make a page stop at
# different allocations.
CAPS = [65536, 81920, 98304]
LARGE_CAPS = [65536, 81920, 131072, 196608, 327680, 524288, 786432, 1048576, 1310720]
# What changes on every request without being a write of the request.
VOLATILE_TABLES = {"sessions", "signin_failures", "signin_devices"}
SANITIZER_MARKERS = ("LeakSanitizer", "AddressSanitizer", "runtime error:", "ERROR",
                     "Application reported internal error")


def _copy(src, dst):
    a = sqlite3.connect(src)
    b = sqlite3.connect(dst)
    a.backup(b)
    a.close()
    b.execute("DELETE FROM signin_failures")
    b.commit()
    b.close()
    return dst


def _fingerprint(db):
    """A hash of every row of every table but the sessions and sign-in
    counts (a session's expiry slides on each request)."""
    con = sqlite3.connect(db, timeout=30)
    try:
        h = hashlib.sha256()
        names = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                            " ORDER BY name")]
        # A table scan reads rows in key order, the same for the same rows.
        for name in names:
            if name not in VOLATILE_TABLES:
                h.update(repr((name, con.execute('SELECT * FROM "%s"' % name).fetchall())).encode())
        return h.hexdigest()
    finally:
        con.close()


def _send(s, method, path, headers=None, body=None):
    """One request on a new connection, no retry: (status, headers, body).
    A connection closed without an answer is a failure."""
    c = http.client.HTTPConnection("127.0.0.1", s.port, timeout=HTTP_TIMEOUT)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data
    except (OSError, http.client.HTTPException) as e:
        try:
            s.proc.wait(timeout=2)   # a crash: let the process end first
        except subprocess.TimeoutExpired:
            pass
        alive = s.proc.poll() is None
        raise TestFailure("%s %s: no answer (%s: %s); the server %s; stderr: %s" % (
            method, path, type(e).__name__, e, "is still running" if alive else
            "died (exit %s)" % s.proc.returncode, s.stderr()[-3000:]))
    finally:
        c.close()


class Actor:
    """A signed-in person: a page session (cookies, CSRF token) and an API
    bearer token, reused on every server over a copy of the database."""

    def __init__(self, login, page_client, api_client):
        self.login = login
        self.cookie = "; ".join("%s=%s" % kv for kv in page_client.cookies.items())
        self.csrf = page_client.csrf
        self.token = api_client.token

    def headers(self, path, extra=None):
        h = {"Authorization": "Bearer " + self.token} if path.startswith("/api/") \
            else {"Cookie": self.cookie}
        h.update(extra or {})
        return h


def _document(tag):
    """The text of plan A under a number and a date of its own, so that
    each import is a new document."""
    with open(os.path.join(ROOT, "tests", "cli", "fixtures", "plan-2024.txt"), encoding="utf-8") as f:
        text = f.read()
    n = int(hashlib.sha256(tag.encode()).hexdigest()[:6], 16) % 90000 + 10000
    text = text.replace("Số: 95/KH-UBND", "Số: %d/KH-UBND" % n, 1)
    return text.replace("ngày 12 tháng 3 năm 2024", "ngày 14 tháng 5 năm 2024", 1)


def _prepare(ctx):
    """The database every server here starts from, the two actors and the
    ids to fill the routes with."""
    db = _copy(ctx.db, os.path.join(ctx.tmp, "memcap-base.db"))
    s = ctx.new_server(db=db)
    actors = {}
    for login in ("admin", "dieuphoi"):
        p, a = s.client(login), s.client(login + " api")
        p.sign_in(login)
        a.sign_in_api(login)
        actors[login] = (p, a)
    pa, aa = actors["admin"]
    ubnd, hl = ctx.unit_ids["laocai.ubnd"], ctx.unit_ids["laocai.hlhpn"]
    # task: the one the pages show, with the file and the notes; each
    # actor writes to a task of its own, so that its writes do not depend
    # on whether the other's were refused.
    ids = {"plan": ctx.plan_a, "plan_many": ctx.plan_c, "unit": ubnd, "unit2": hl,
           "task": ctx.task_id(ctx.plan_a, 1),
           "write_task": {"admin": ctx.task_id(ctx.plan_a, 1), "dieuphoi": ctx.task_id(ctx.plan_a, 2)}}
    # The writes' tasks start not started, whatever earlier tests did, so
    # that each status change below changes something.
    for t in ids["write_task"].values():
        aa.patch("/api/v1/tasks/%d" % t, json={"status": "not_started"}).expect(200)
    r = aa.post("/api/v1/indicators", json={"code": "MEMCAP-1", "name": "Chỉ tiêu thử bộ nhớ",
                                            "type": "count", "levels": "province"}).expect(201)
    ids["indicator"] = r.json()["id"]
    aa.post("/api/v1/indicators/%d/targets" % ids["indicator"],
            json={"year": 2024, "level": "province", "op": ">=", "value": 10}).expect(200)
    aa.post("/api/v1/indicators/%d/values" % ids["indicator"],
            json={"values": [{"unit": "laocai.hlhpn", "period": "2024", "value": 4}]}).expect(200)
    r = aa.post("/api/v1/schedules", json={"kind": "monthly", "year": 2024, "period_index": 8,
                                          "due": "2024-09-20", "receiving_unit_id": ubnd,
                                          "unit_ids": [hl]}).expect(201)
    ids["schedule"] = r.json()["id"]
    r = aa.post("/api/v1/tasks/%d/files?name=bao-cao.txt" % ids["task"],
                body="Tệp đính kèm thử.\n".encode(), headers={"Content-Type": "text/plain"})
    ids["file"] = r.expect(201).json()["id"]
    aa.post("/api/v1/tasks/%d/notes" % ids["task"], json={"text": "Ghi chú có sẵn"}).expect(201)
    r = aa.post("/api/v1/units/%d/feed" % ubnd).expect(201)
    ids["feed"] = r.json()["token"] + ".ics"
    # The report form as the page gives it, to post it back.
    page = pa.get("/schedules/%d/units/%d" % (ids["schedule"], hl)).expect(200)
    form = page.page.form(r"^/schedules/\d+/units/\d+$")
    check(form is not None, "the report page has no draft form")
    ids["report_form"] = {n: v for n, v, _, _ in form["fields"]}
    # A notice for the administrator (what `phoihop remind` would write).
    con = sqlite3.connect(db, timeout=30)
    admin_id = con.execute("SELECT id FROM users WHERE login = 'admin'").fetchone()[0]
    con.execute("INSERT INTO notices (user_id, unit_id, schedule_id, kind, days_before, text,"
                " created_at) VALUES (?, ?, ?, 'due_soon', 5, 'Còn 5 ngày đến hạn báo cáo thử',"
                " '2024-09-15T08:00:00Z')", (admin_id, hl, ids["schedule"]))
    con.commit()
    ids["notice"] = con.execute("SELECT MAX(id) FROM notices").fetchone()[0]
    # The Word file of a plan's document (what a .docx import keeps), so
    # that its download runs under the caps too.
    ids["document"] = con.execute("SELECT document_id FROM plans WHERE id = ?",
                                  (ctx.plan_a,)).fetchone()[0]
    con.execute("INSERT INTO document_files (document_id, name, format, size, sha256, data)"
                " VALUES (?, 'ke-hoach.docx', 'docx', 200192, 'x', ?)",
                (ids["document"], bytes(range(256)) * 782))
    con.commit()
    con.close()
    people = {login: Actor(login, p, a) for login, (p, a) in actors.items()}
    for p, a in actors.values():
        p.close()
        a.close()
    check(s.stop() == 0, "the preparing server did not stop cleanly: " + s.stderr()[-2000:])
    return db, people, ids


def _enlarge(base, path, ids):
    """A copy with 4,000 more units, 1,500 more notes and 3,000 audit
    entries on the task, so that the unit tree, the task page and the
    audit log need more memory than the cap."""
    db = _copy(base, path)
    con = sqlite3.connect(db)
    parent = con.execute("SELECT id FROM units WHERE key = 'laocai'").fetchone()[0]
    con.executemany("INSERT INTO units (key, parent_id, kind, level, name) VALUES (?, ?, 'other',"
                    " 'commune', ?)", [("memcap.%d" % i, parent, "Đơn vị thử bộ nhớ số %d" % i)
                                       for i in range(4000)])
    con.executemany("INSERT INTO task_notes (task_id, note_date, text, created_at) VALUES"
                    " (?, '2024-09-01', ?, '2024-09-01T08:00:00Z')",
                    [(ids["task"], "Tiến độ thử số %d: đã họp, đã báo cáo." % i) for i in range(1500)])
    con.executemany("INSERT INTO audit_log (at, user_login, action, entity, entity_id,"
                    " before_json, after_json) VALUES ('2024-09-02T08:00:00Z', 'admin',"
                    " 'task.status', 'task', ?, ?, ?)",
                    [(ids["task"], '{"status":"not_started"}', '{"status":"in_progress"}')
                     for _ in range(3000)])
    con.commit()
    con.close()
    return db


def _fill(pattern, ids):
    """A route pattern with its parameters filled with ids that exist."""
    by_segment = {"plans": "plan", "tasks": "task", "files": "file", "units": "unit",
                  "schedules": "schedule", "indicators": "indicator", "notices": "notice",
                  "documents": "document"}
    out = []
    segs = pattern.strip("/").split("/")
    for i, seg in enumerate(segs):
        if seg == "{id}":
            seg = str(ids[by_segment[segs[i - 1]]])
        elif seg == "{id2}":
            seg = str(ids["unit2"])
        elif seg == "{name}":
            seg = ids["feed"] if segs[i - 1] == "feeds" else "style.css"
        out.append(seg)
    return "/" + "/".join(out)


def _gets(ids):
    """Every GET route of the table, filled, and a few with queries that
    make them read more."""
    routes = [r for r in load_routes() if r["method"] == "GET"]
    paths = [_fill(r["pattern"], ids) for r in routes]
    t, ind, u, p = ids["task"], ids["indicator"], ids["unit"], ids["plan_many"]
    paths += ["/tasks?q=phu+nu&sort=-end", "/tasks?unit=%d&role=lead&overdue=1" % u,
              "/plans/%d" % p, "/plans/%d/timeline?year=2024" % p, "/dashboards?period=2024",
              "/indicators/%d?period=2024" % ind, "/indicators/%d/chart?period=2024-H1" % ind,
              "/audit?entity=task&entity_id=%d" % t, "/api/v1/units?limit=500",
              "/api/v1/tasks?limit=500", "/api/v1/indicators/%d/rollup?period=2024" % ind,
              "/api/v1/dashboards?period=2024", "/api/v1/audit?limit=500",
              "/api/v1/tasks/%d/notes?limit=500" % t, "/api/v1/tasks/%d/history?limit=500" % t]
    for r in routes:
        check(any(r["rx"].match(x.split("?")[0]) for x in paths), "no request for GET %s" % r["pattern"])
    return paths


def _writes(actor, ids):
    """The writes each actor sends: (method, path, headers, body). Texts
    and figures carry the actor so that the two actors' writes differ and
    each writes whatever the other's did."""
    ind, sid, hl, u = ids["indicator"], ids["schedule"], ids["unit2"], ids["unit"]
    who = actor.login
    t = ids["write_task"][who]
    k = 1 if who == "admin" else 2
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    js = {"Content-Type": "application/json"}

    def page(values):
        return urlencode(dict(values, _csrf=actor.csrf)).encode()

    csv = ("unit,period,value\nlaocai.hlhpn,2024,%d\nlaocai.hlhpn,2024-H1,%d\n" % (6 + k, 2 + k)).encode()
    csv_body, csv_type = multipart({"_csrf": actor.csrf}, [("file", "so-lieu.csv", csv, "text/csv")])
    doc = _document("preview " + who)
    up_body, up_type = multipart({"_csrf": actor.csrf, "format": "text"},
                                 [("file", "ke-hoach.txt", doc.encode(), "text/plain")])
    report = dict(ids["report_form"])
    report.update({k: "Nội dung báo cáo thử của %s." % who for k in report if k.startswith("text_")})
    return [
        ("POST", "/tasks/%d/notes" % t, form, page({"date": "2024-09-10",
                                                     "text": "Ghi chú thử bộ nhớ của %s" % who})),
        ("POST", "/tasks/%d/status" % t, form, page({"status": "in_progress"})),
        ("POST", "/indicators/%d/values" % ind, {"Content-Type": csv_type}, csv_body),
        ("POST", "/import", {"Content-Type": up_type}, up_body),
        ("POST", "/import/confirm", form, page({"text": _document("page " + who), "format": "text",
                                                 "source": "ke-hoach.txt", "confirm_review": "1"})),
        ("POST", "/units/%d/aliases" % u, form, page({"alias": "Tên gọi thử bộ nhớ %s" % who})),
        ("POST", "/schedules/%d/units/%d" % (sid, hl), form, page(report)),
        ("POST", "/api/v1/tasks/%d/notes" % t, js,
         json.dumps({"text": "Ghi chú API thử bộ nhớ của %s" % who}).encode()),
        ("PATCH", "/api/v1/tasks/%d" % t, js, json.dumps({"status": "done"}).encode()),
        ("POST", "/api/v1/indicators/%d/values" % ind, {"Content-Type": "text/csv"}, csv),
        ("POST", "/api/v1/indicators/%d/targets" % ind, js,
         json.dumps({"year": 2025, "level": "province", "op": ">=", "value": 11 + k}).encode()),
        ("POST", "/api/v1/imports/preview", {"Content-Type": "text/plain"}, doc.encode()),
        ("POST", "/api/v1/imports", js, json.dumps({"text": _document("api " + who),
                                                    "confirm_review": True}).encode()),
        ("PUT", "/api/v1/schedules/%d/units/%d/report" % (sid, hl), js,
         json.dumps({"sections": [], "tasks": [], "values": []}).encode()),
    ]


def _run(ctx, base, people, ids, gets, cap, name):
    """One server over a fresh copy of base (cap None: the baseline, which
    also asks every GET twice). Returns {(login, method, path): (status,
    body, wrote)}, the number of 413 answers and the keys whose answer
    differed between the two asks."""
    db = _copy(base, os.path.join(ctx.tmp, name + ".db"))
    extra = ("--max-request-memory", str(cap)) if cap else ()
    s = ctx.new_server(*extra, db=db)
    out, refused, volatile = {}, 0, set()
    before = _fingerprint(db)
    for actor in people.values():
        for path in gets:
            key = (actor.login, "GET", path)
            st, hdr, body = _send(s, "GET", path, actor.headers(path))
            out[key] = (st, body, None)
            refused += st == 413
            if not cap and _send(s, "GET", path, actor.headers(path))[::2] != (st, body):
                volatile.add(key)
    fp = _fingerprint(db)
    check(fp == before, "%s: GET requests wrote to the database" % name)
    for actor in people.values():
        for method, path, h, body in _writes(actor, ids):
            st, hdr, data = _send(s, method, path, actor.headers(path, h), body)
            after = _fingerprint(db)
            wrote, fp = after != fp, after
            out[(actor.login, method, path)] = (st, data, wrote)
            refused += st == 413
            if st == 413:
                check(not wrote, "%s: %s %s as %s answered 413 but wrote to the database" % (
                    name, method, path, actor.login))
    check(s.proc.poll() is None, "%s: the server died: %s" % (name, s.stderr()[-3000:]))
    rc = s.stop()
    err = s.stderr()
    check(rc == 0, "%s: exit status %r after SIGTERM; stderr: %s" % (name, rc, err[-3000:]))
    for marker in SANITIZER_MARKERS:
        check(marker not in err, "%s: server stderr has %r: %s" % (name, marker, err[-3000:]))
    check(sql_one(db, "PRAGMA integrity_check") == "ok", "%s: integrity_check failed" % name)
    return out, refused, volatile


def _compare(name, got, base, volatile):
    for key, (st, body, wrote) in got.items():
        who, method, path = key
        b_st, b_body, b_wrote = base[key]
        what = "%s: %s %s as %s" % (name, method, path, who)
        if st == 413:
            if path.startswith("/api/"):
                try:
                    e = json.loads(body.decode("utf-8"))["error"]
                except (ValueError, KeyError, TypeError):
                    raise TestFailure("%s: a 413 that is not a JSON error: %r" % (what, body[:300]))
                check(e.get("code") == "input_too_large" and "memory" in e.get("detail", ""),
                      "%s: 413 without input_too_large naming memory: %r" % (what, e))
            else:
                check("giới hạn" in body.decode("utf-8", "replace"),
                      "%s: the 413 page does not say why in Vietnamese" % what)
            continue
        check(st == b_st, "%s: %d, without the cap %d: %r" % (what, st, b_st, body[:300]))
        if method == "GET" and st == 200 and key not in volatile:
            check(body == b_body, "%s: the page differs from the one without the cap"
                  " (%d bytes, want %d)" % (what, len(body), len(b_body)))
        elif method != "GET":
            check(wrote == b_wrote, "%s: answered %d but %s, unlike without the cap" % (
                what, st, "wrote" if wrote else "wrote nothing"))


def test_every_route_under_a_small_memory_cap(ctx):
    t0 = time.time()
    # Below the least cap the server does not start.
    p = subprocess.run([ctx.binary, "--db", os.path.join(ctx.tmp, "never.db"), "serve",
                        "--listen", "127.0.0.1:0", "--max-request-memory", "65535"],
                       capture_output=True, text=True, env=env(), timeout=60)
    check(p.returncode == 1 and "65536" in p.stderr, "a cap of 65535 bytes: exit %d, %r" % (
        p.returncode, p.stderr[:300]))
    base, people, ids = _prepare(ctx)
    large = _enlarge(base, os.path.join(ctx.tmp, "memcap-large.db"), ids)
    gets = _gets(ids)
    for db, caps, label in ((base, CAPS, "small"), (large, LARGE_CAPS, "large")):
        # Pages that differ between two asks without a cap (the sign-in
        # form's token, the calendar's stamp) are compared by status only.
        want, _, volatile = _run(ctx, db, people, ids, gets, None, "memcap-%s-nocap" % label)
        bad = [k for k, v in want.items() if v[0] >= 500 or v[0] == 413]
        check(not bad, "without a cap: %s" % ["%s %s %s -> %d" % (k + (want[k][0],)) for k in bad][:5])
        missing = [k for k, v in want.items() if k[1] != "GET" and v[0] < 400 and not v[2]
                   and "preview" not in k[2] and k[2] != "/import"]
        check(not missing, "writes that wrote nothing without a cap: %r" % missing)
        for cap in caps:
            got, refused, _ = _run(ctx, db, people, ids, gets, cap, "memcap-%s-%d" % (label, cap))
            _compare("%s database, cap %d" % (label, cap), got, want, volatile)
            # Each cap is chosen so that some answers run out of memory
            # and others do not: neither half of the check is empty.
            check(0 < refused < len(got), "%s database, cap %d: %d of %d answers were 413" % (
                label, cap, refused, len(got)))
    check(time.time() - t0 < 600, "the run took %.0f s" % (time.time() - t0))

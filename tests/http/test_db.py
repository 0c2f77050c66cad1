# test_db.py: the database under pressure. While another process holds the
# write lock (`phoihop test-hold-write-lock`), reads answer at once and the
# writes users make (a note through the API and through the page, a status,
# a file, a sign-in, an import) wait at most the bound and answer 503 busy
# with nothing written; once the lock is free the same note is stored. A
# plan of 200,000 tasks, written into a copy of the database with Python's
# sqlite3, answers its page, its API detail and both timelines within a few
# seconds, a page of tasks at a time, with next and previous links that work.

import os
import re
import sqlite3
import subprocess
import threading
import time

import harness
from harness import ROOT, FIXTURES, PASSWORD, check, env, sql, sql_one

# db.h's DB_WRITE_WAIT_MS, in seconds.
WRITE_WAIT = 5.0
# Slack over the bound for a loaded machine or the sanitizer build.
SLACK = 4.0
# What "quickly" means for one answer about the big plan.
BIG_ANSWER = 3.0
BIG_TASKS = 200000
PAGE = 200   # task.h's TASK_PAGE_SIZE


def _hold_lock(ctx, seconds):
    """Start `phoihop test-hold-write-lock` on the test database and wait
    until it holds the lock; returns the process (stop it by its PID)."""
    p = subprocess.Popen([ctx.binary, "--db", ctx.db, "test-hold-write-lock", str(seconds)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(), cwd=ROOT,
                         text=True)
    line = p.stdout.readline()    # bounded: the command prints it or exits
    if "holding the write lock" not in line:
        p.kill()
        p.wait()
        check(False, "test-hold-write-lock did not take the lock: %r %s" % (line, p.stderr.read()))
    return p


def _release(p):
    if p.poll() is None:
        p.kill()
    p.wait(timeout=60)


def _timed(results, key, fn):
    t0 = time.time()
    try:
        results[key] = (fn(), time.time() - t0)
    except Exception as e:   # reported by the caller
        results[key] = (e, time.time() - t0)


def test_busy_writes_answer_503(ctx):
    note_task = ctx.task_id(ctx.plan_b, 9)
    status_task = ctx.task_id(ctx.plan_a, 3)
    # One client (one connection) per request sent at once, to a server
    # with more worker threads than requests.
    srv = ctx.new_server("--threads", "8")

    def client(login, api=True):
        c = srv.client(login + " (while busy)")
        if api:
            c.sign_in_api(login)
        else:
            c.sign_in(login)
        return c
    ed, files, ld = client("bt.hlhpn"), client("bt.hlhpn"), client("bt.ldtbxh")
    coord, page_ed = client("admin"), client("bt.hlhpn", api=False)
    # The page's note form, fetched before the lock is taken.
    _, form = page_ed.page_form("/tasks/%d" % note_task, r"/tasks/%d/notes$" % note_task)
    note_form = {n: v for n, v, _, _ in form["fields"]}
    note_form.update({"text": "Ghi chú gửi qua trang khi đang bận."})
    signer = srv.client("xem (sign-in while busy)")
    with open(os.path.join(FIXTURES, "plan-xss.txt"), encoding="utf-8") as f:
        doc = f.read().replace("<script>", "<b>") + "\nDòng thêm cho lần nhập khi đang bận.\n"
    before = {
        "notes": sql_one(ctx.db, "SELECT COUNT(*) FROM task_notes"),
        "status": ctx.task_status(status_task),
        "files": sql_one(ctx.db, "SELECT COUNT(*) FROM attachments"),
        "sessions": sql_one(ctx.db, "SELECT COUNT(*) FROM sessions"),
        "documents": sql_one(ctx.db, "SELECT COUNT(*) FROM documents"),
    }
    new_status = "in_progress" if before["status"] != "in_progress" else "not_started"

    holder = _hold_lock(ctx, 60)
    try:
        # Reads do not wait for the writer.
        t0 = time.time()
        ed.get("/api/v1/tasks/%d/notes" % note_task).expect(200)
        page_ed.get("/tasks/%d" % note_task).expect(200)
        check(time.time() - t0 < 2.0, "reads waited for the writer (%.1f s)" % (time.time() - t0))

        # Each write on its own connection, all at once.
        writes = {
            "note (API)": lambda: ed.post("/api/v1/tasks/%d/notes" % note_task,
                                          json={"text": "Ghi chú khi cơ sở dữ liệu đang bận."}),
            "status (API)": lambda: ld.patch("/api/v1/tasks/%d" % status_task,
                                             json={"status": new_status}),
            "file (API)": lambda: files.post("/api/v1/tasks/%d/files?name=ban.txt" % note_task,
                                          body=b"tep khi ban",
                                          headers={"Content-Type": "application/octet-stream"}),
            "sign-in (API)": lambda: signer.post("/api/v1/session",
                                                 json={"login": "xem", "password": PASSWORD},
                                                 cookies=False, bearer=False),
            "import (API)": lambda: coord.post("/api/v1/imports?name=ban.txt&confirm_review=1",
                                               body=doc.encode("utf-8"),
                                               headers={"Content-Type": "text/plain"}),
            "note (page)": lambda: page_ed.post("/tasks/%d/notes" % note_task, form=note_form),
        }
        # MHD serves a connection on the worker thread that accepted it, and
        # a thread waiting for the lock serves nothing else: each write goes
        # on a new connection, started a moment after the one before, so
        # that an idle thread accepts it and all six wait at once.
        for c in (ed, files, ld, coord, page_ed, signer):
            c.close()
        results = {}
        threads = [threading.Thread(target=_timed, args=(results, k, fn)) for k, fn in writes.items()]
        for t in threads:
            t.start()
            time.sleep(0.3)
        for t in threads:
            t.join(timeout=120)
        retry_after = []
        for name in writes:
            check(name in results, "%s: no answer" % name)
            r, took = results[name]
            check(not isinstance(r, Exception), "%s: %r" % (name, r))
            check(r.status == 503, "%s while another process writes: %s" % (name, r.describe()))
            if r.path.startswith("/api/"):
                check(r.error_code() == "busy", "%s: error code %s" % (name, r.error_code()))
            else:
                check("busy" in r.text, "%s: the page does not name the code" % name)
            # Each request waits for the lock, at most the bound (and the
            # slack of a slow build): not behind the other writers, which
            # a server that serialized them would show (up to 30 s).
            check(took >= WRITE_WAIT - 0.5, "%s answered before waiting (%.1f s)" % (name, took))
            check(took <= WRITE_WAIT + 2 * SLACK, "%s waited too long (%.1f s)" % (name, took))
            retry_after.append(r.header("Retry-After"))
        check(holder.poll() is None, "the holder ended early")
    finally:
        _release(holder)

    after = {
        "notes": sql_one(ctx.db, "SELECT COUNT(*) FROM task_notes"),
        "status": ctx.task_status(status_task),
        "files": sql_one(ctx.db, "SELECT COUNT(*) FROM attachments"),
        "sessions": sql_one(ctx.db, "SELECT COUNT(*) FROM sessions"),
        "documents": sql_one(ctx.db, "SELECT COUNT(*) FROM documents"),
    }
    check(after == before, "a refused write changed the database: %r -> %r" % (before, after))
    # Free again: the same note goes through.
    r = ed.post("/api/v1/tasks/%d/notes" % note_task,
                json={"text": "Ghi chú khi cơ sở dữ liệu đang bận."}).expect(201)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM task_notes WHERE id = ?", r.json()["id"]) == 1,
          "the note after the release is not stored")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM task_notes") == before["notes"] + 1,
          "exactly one note more")
    for c in (ed, files, ld, coord, page_ed, signer):
        c.close()
    # route_error adds Retry-After to busy answers (the server's part).
    for v in retry_after:
        if v is None:
            raise harness.Skip("503 busy answers carry no Retry-After yet (route_error's change)")
        check(re.fullmatch(r"[1-9][0-9]*", v), "Retry-After %r is not a number of seconds" % v)


# ---- a plan of 200,000 tasks ----

def _big_database(ctx):
    """A copy of the test database with one more plan of BIG_TASKS tasks in
    sections of 1,000; returns (path, plan id)."""
    path = os.path.join(ctx.tmp, "big.db")
    if os.path.exists(path):
        os.unlink(path)
    a = sqlite3.connect(ctx.db, timeout=30)
    b = sqlite3.connect(path)
    a.backup(b)
    a.close()
    lead = sql_one(ctx.db, "SELECT id FROM units WHERE key = 'laocai.hlhpn'")
    with b:
        cur = b.execute(
            "INSERT INTO documents (type, type_text, number, symbol, place, date, year, title,"
            " source_name, content_hash, original_text, imported_at)"
            " VALUES ('plan', 'KẾ HOẠCH', '999/KH-LON', 'KH-LON', 'Lào Cai', '2024-01-10', 2024,"
            " 'Kế hoạch rất lớn', 'lon.txt', 'hash-of-the-big-plan', 'văn bản lớn',"
            " CURRENT_TIMESTAMP)")
        doc = cur.lastrowid
        cur = b.execute("INSERT INTO plans (document_id, title, period_start, period_end)"
                        " VALUES (?, 'Kế hoạch rất lớn', '2024-01-01', '2024-12-31')", (doc,))
        plan = cur.lastrowid

        def rows():
            for i in range(1, BIG_TASKS + 1):
                month = 1 + i % 12
                yield (plan, i, str(i), "Phần %d" % (1 + (i - 1) // 1000),
                       "Nhiệm vụ số %d của kế hoạch lớn" % i, lead, "Hội LHPN tỉnh",
                       "Tháng %d năm 2024" % month, "2024-%02d-01" % month, "2024-%02d-28" % month,
                       "range", "table", i, "nhiem vu so %d cua ke hoach lon" % i)
        b.executemany("INSERT INTO tasks (plan_id, position, no, section, content, lead_unit_id,"
                      " lead_text, timeframe_text, start_date, end_date, timeframe_kind, source,"
                      " line, search) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())
    b.close()
    return path, plan


def _task_ids(db, plan, offset, n):
    return [x[0] for x in sql(db, "SELECT id FROM tasks WHERE plan_id = ? ORDER BY position, id"
                                  " LIMIT ? OFFSET ?", plan, n, offset)]


def _page_task_ids(r):
    """Task ids of the plan page's task table, in order, once each."""
    m = re.search(r'<table id="plan-tasks".*?</table>', r.text, re.S)
    check(m, "no task table: " + r.describe())
    seen = []
    for tid in re.findall(r'href="/tasks/(\d+)"', m.group(0)):
        if not seen or seen[-1] != int(tid):
            seen.append(int(tid))
    return seen


def _link(r, rel):
    m = re.search(r'<a rel="%s" href="([^"]+)"' % rel, r.text)
    return m.group(1).replace("&amp;", "&") if m else None


def _quick(c, path, what):
    t0 = time.time()
    r = c.get(path).expect(200)
    took = time.time() - t0
    check(took <= BIG_ANSWER, "%s took %.2f s (at most %.1f s)" % (what, took, BIG_ANSWER))
    return r


def test_big_plan_answers_a_page_at_a_time(ctx):
    db, plan = _big_database(ctx)
    first = _task_ids(db, plan, 0, PAGE)
    second = _task_ids(db, plan, PAGE, PAGE)
    s = ctx.new_server(db=db)
    try:
        c = s.client()
        c.sign_in_api("xem")
        web = s.client()
        web.sign_in("xem")

        # The plan page: the first 200 tasks, under their section heading.
        r = _quick(web, "/plans/%d" % plan, "the plan page")
        check(_page_task_ids(r) == first, "the first page is not the plan's first %d tasks" % PAGE)
        check('<tr class="group"><th colspan="6" scope="rowgroup">Phần 1</th></tr>' in r.text,
              "the page lacks its section heading")
        # (Numbers may be written with a thousands separator.)
        check(re.search(r"Nhiệm vụ 1–200 trong tổng số 200[.\s\u00a0]?000\b", r.text),
              "the page does not say which tasks it shows")
        check(_link(r, "prev") is None, "a previous link on the first page")
        nxt = _link(r, "next")
        check(nxt == "/plans/%d?after=%d" % (plan, first[-1]), "next link %r" % nxt)
        r2 = _quick(web, nxt, "the plan's second page")
        check(_page_task_ids(r2) == second, "the next page is not tasks 201-400")
        check("Nhiệm vụ 201–400" in r2.text, "the second page's range")
        prev = _link(r2, "prev")
        check(prev == "/plans/%d?before=%d" % (plan, second[0]), "prev link %r" % prev)
        check(_page_task_ids(_quick(web, prev, "the previous page")) == first,
              "the previous page is not the first one")
        # The last page: no next link.
        last = _task_ids(db, plan, BIG_TASKS - PAGE - 1, 1)[0]
        r3 = _quick(web, "/plans/%d?after=%d" % (plan, last), "the last page")
        check(len(_page_task_ids(r3)) == PAGE and _link(r3, "next") is None,
              "the last page has %d tasks and next %r" % (len(_page_task_ids(r3)), _link(r3, "next")))
        # A key from another plan is refused.
        other = ctx.task_id(ctx.plan_a, 1)
        web.get("/plans/%d?after=%d" % (plan, other)).expect(422)

        # The API: the same page, and the key of the next one.
        j = _quick(c, "/api/v1/plans/%d" % plan, "the API's plan").json()
        check([t["id"] for t in j["tasks"]] == first, "API tasks are not the first page")
        pg = j["tasks_page"]
        check(pg["total"] == BIG_TASKS and pg["limit"] == PAGE and pg["first"] == 1,
              "tasks_page %r" % pg)
        check(pg["next"] == first[-1] and pg["prev"] is None, "tasks_page keys %r" % pg)
        j2 = _quick(c, "/api/v1/plans/%d?after=%d" % (plan, pg["next"]), "the API's next page").json()
        check([t["id"] for t in j2["tasks"]] == second, "API next page")
        check(j2["tasks_page"]["first"] == PAGE + 1 and j2["tasks_page"]["prev"] == second[0],
              "API next page's tasks_page %r" % j2["tasks_page"])
        j3 = _quick(c, "/api/v1/plans/%d?after=%d&limit=50" % (plan, last), "the API's last page").json()
        check(len(j3["tasks"]) == 50 and j3["tasks_page"]["next"] is not None, "limit=50")
        c.get("/api/v1/plans/%d?after=%d" % (plan, other)).expect_error(400, "bad_request")
        c.get("/api/v1/plans/%d?limit=501" % plan).expect_error(400, "bad_request")

        # Both timelines.
        t = _quick(web, "/plans/%d/timeline" % plan, "the timeline page")
        check("<svg" in t.text, "the timeline has no chart")
        check(len(re.findall(r'<a href="/tasks/\d+"><g', t.text)) == PAGE, "the chart draws one page")
        tn = _link(t, "next")
        check(tn == "/plans/%d/timeline?year=2024&after=%d" % (plan, first[-1]), "timeline next %r" % tn)
        t2 = _quick(web, tn, "the timeline's next page")
        check('href="/tasks/%d"' % second[0] in t2.text, "the timeline's second page")
        tj = _quick(c, "/api/v1/plans/%d/timeline" % plan, "the API's timeline").json()
        check([x["id"] for x in tj["tasks"]] == first and tj["tasks_page"]["next"] == first[-1],
              "API timeline page")
        tj2 = _quick(c, "/api/v1/plans/%d/timeline?after=%d" % (plan, first[-1]),
                     "the API's timeline next page").json()
        check([x["id"] for x in tj2["tasks"]] == second, "API timeline next page")
        c.close()
        web.close()
    finally:
        rc = s.stop()
    check(rc == 0, "the big plan's server did not stop cleanly (%r): %s" % (rc, s.stderr()[-2000:]))

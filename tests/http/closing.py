# closing.py: checks over everything the other tests did, run last: every
# row of the route table got a request, every answer carried the security
# headers, no HTML page held a live script, and the main server stops
# cleanly on SIGTERM (exit 0, nothing on stderr from the sanitizers, the
# database passes PRAGMA integrity_check).
import re

from harness import check, sql_one


def test_every_route_requested(ctx, partial):
    if partial:
        raise __import__("harness").Skip("only some tests ran")
    missing = ctx.server.coverage.missing()
    check(not missing, "routes of src/web/routes.c no test requested: %s" % ", ".join(missing))


def test_headers_on_every_answer(ctx, partial):
    bad = []
    for r in ctx.server.answers:
        csp = r.header("Content-Security-Policy") or ""
        if ("frame-ancestors" not in csp or r.header("X-Content-Type-Options") != "nosniff"
                or not r.header("Referrer-Policy")):
            bad.append("%s %s -> %d" % (r.method, r.path, r.status))
    check(ctx.server.answers, "no answers recorded")
    check(not bad, "%d of %d answers lack CSP frame-ancestors / nosniff / Referrer-Policy: %s" % (
        len(bad), len(ctx.server.answers), bad[:10]))


def test_no_live_script_in_any_page(ctx, partial):
    bad = []
    for r in ctx.server.answers:
        if not r.is_html() or not r.body:
            continue
        if "<script>alert(" in r.text:
            bad.append("%s %s: raw <script>alert(" % (r.method, r.path))
            continue
        p = r.page
        for attrs, body in p.scripts:
            if not attrs.get("src") or body.strip():
                bad.append("%s %s: inline script" % (r.method, r.path))
        if p.handlers:
            bad.append("%s %s: handlers %r" % (r.method, r.path, p.handlers[:3]))
        if re.search(r'(?i)\sstyle="', r.text):
            bad.append("%s %s: inline style= (blocked by the CSP)" % (r.method, r.path))
        if re.search(r'(?i)href="\s*javascript:', r.text):
            bad.append("%s %s: javascript: link" % (r.method, r.path))
    check(not bad, "; ".join(bad[:10]))


def test_html_answers_are_utf8_and_json_answers_typed(ctx, partial):
    bad = []
    for r in ctx.server.answers:
        ct = r.header("Content-Type") or ""
        if r.status == 304 or r.method == "HEAD":
            continue
        download = "/files/" in r.path or r.path.endswith("/file")
        # A table export's file (its refusals stay JSON).
        download |= r.status == 200 and r.path.split("?")[0].endswith("/export")
        if r.path.startswith("/api/") and not ct.startswith("application/json") and not download:
            bad.append("%s %s -> %d %s" % (r.method, r.path, r.status, ct))
        if ct.startswith("text/html") and "charset=utf-8" not in ct.lower():
            bad.append("%s %s: %s" % (r.method, r.path, ct))
    check(not bad, "answers with the wrong type: %s" % bad[:10])


def test_shutdown_main_server(ctx, partial):
    for c in ctx.clients.values():
        c.close()
    s = ctx.server
    rc = s.stop()
    err = s.stderr()
    check(rc is not None, "the server did not end within the time limit after SIGTERM")
    check(rc == 0, "exit status %r after SIGTERM; stderr: %s" % (rc, err[-4000:]))
    for marker in ("LeakSanitizer", "AddressSanitizer", "runtime error:", "ERROR",
                   "Application reported internal error"):
        check(marker not in err, "server stderr has %r: %s" % (marker, err[-4000:]))
    check(sql_one(ctx.db, "PRAGMA integrity_check") == "ok", "database integrity_check failed")

# test_errors.py: bad input gets the right status and the right error body:
# 400 malformed JSON, 401 no session, 403 viewer importing, 404 unknown
# route, 405 wrong method, 409 duplicate import, 413 oversize body, 422
# import that needs review; nothing is written by a refused request.
from harness import check, raw_exchange, sql_one
from test_api import api_import


def test_malformed_json_400(ctx):
    c = ctx.server.client()
    r = c.post("/api/v1/session", body=b'{"login": "xem", "password": ', headers={"Content-Type": "application/json"})
    r.expect_error(400, "bad_request")
    c.post("/api/v1/session", body=b"[1, 2]", headers={"Content-Type": "application/json"}).expect_error(400)
    c.post("/api/v1/session", body=b"", headers={"Content-Type": "application/json"}).expect_error(400)
    ed = ctx.as_user("bt.hlhpn", api=True)
    tid = ctx.task_id(ctx.plan_b, 9)
    ed.patch("/api/v1/tasks/%d" % tid, body=b"{status: done}",
             headers={"Content-Type": "application/json"}).expect_error(400, "bad_request")
    ed.post("/api/v1/tasks/%d/notes" % tid, body=b"\xff\xfe{}",
            headers={"Content-Type": "application/json"}).expect_error(400)


def test_unknown_route_404(ctx):
    c = ctx.as_user("xem")
    r = c.get("/khong-co-trang-nay").expect(404)
    check(r.is_html() and "not_found" in r.text, "404 page: " + r.describe())
    a = ctx.as_user("xem", api=True)
    a.get("/api/v1/khong-co").expect_error(404, "not_found")
    a.get("/api/v2/tasks").expect_error(404)
    a.get("/tasks/abc").expect(404)
    a.get("/api/v1/tasks/12abc").expect_error(404)
    # anonymous too: an unknown route is 404 before any sign-in question
    ctx.server.client().get("/api/v1/khong-co").expect_error(404)


def test_wrong_method_405(ctx):
    c = ctx.as_user("xem", api=True)
    c.delete("/api/v1/tasks").expect_error(405, "method_not_allowed")
    c.request("PUT", "/api/v1/tasks/1", json={}).expect_error(405)
    c.post("/api/v1/plans").expect_error(405)
    p = ctx.as_user("xem")
    p.request("PUT", "/login").expect(405)
    p.request("DELETE", "/tasks").expect(405)


def test_unauthenticated_api_401(ctx):
    c = ctx.server.client()
    for m, path in (("GET", "/api/v1/tasks"), ("GET", "/api/v1/me"), ("GET", "/api/v1/plans"),
                    ("PATCH", "/api/v1/tasks/%d" % ctx.task_id(ctx.plan_a, 4)),
                    ("POST", "/api/v1/imports"), ("GET", "/api/v1/audit")):
        r = c.request(m, path, json={"status": "done"} if m == "PATCH" else None)
        r.expect_error(401, "unauthorized")
    # A made-up token is no session.
    c.token = "ab" * 32
    c.get("/api/v1/tasks").expect_error(401)
    c.token = "short"
    c.get("/api/v1/tasks").expect_error(401)
    # pages: a POST without a session is 401, not a redirect
    ctx.server.client().post("/tasks/%d/status" % ctx.task_id(ctx.plan_a, 4), form={"status": "done"}).expect(401)
    check(ctx.task_status(ctx.task_id(ctx.plan_a, 4)) == "not_started", "anonymous change stored")


def test_viewer_import_403(ctx):
    v = ctx.as_user("xem", api=True)
    docs = sql_one(ctx.db, "SELECT COUNT(*) FROM documents")
    api_import(v, "plan-viewer.txt").expect_error(403, "forbidden")
    api_import(v, "plan-viewer.txt", preview=True).expect_error(403)
    ed = ctx.as_user("bt.hlhpn", api=True)
    api_import(ed, "plan-viewer.txt").expect_error(403)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs, "a refused import stored a document")
    p = ctx.as_user("xem")
    p.post("/import", form={"_csrf": p.csrf},
           files=[("file", "plan-viewer.txt", b"x", "text/plain")]).expect(403)


def test_duplicate_import_409(ctx):
    # plan-2024.txt was imported by the command line during setup.
    import os
    from harness import ROOT
    c = ctx.as_user("admin", api=True)
    docs = sql_one(ctx.db, "SELECT COUNT(*) FROM documents")
    with open(os.path.join(ROOT, "tests", "cli", "fixtures", "plan-2024.txt"), encoding="utf-8") as f:
        text = f.read()
    r = c.post("/api/v1/imports", json={"source_name": "plan-2024.txt", "text": text, "confirm_review": True})
    r.expect_error(409, "duplicate")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs, "duplicate stored")


def test_review_required_import_422(ctx):
    c = ctx.as_user("admin", api=True)
    docs = sql_one(ctx.db, "SELECT COUNT(*) FROM documents")
    r = api_import(c, "plan-review.txt")
    r.expect_error(422, "review_required")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs, "a document needing review was stored")
    # The preview lists what needs review.
    r = api_import(c, "plan-review.txt", preview=True).expect(200)
    check("review" in r.text, "preview has no review list: %s" % r.text[:300])
    # Confirmed, it is stored with its review items.
    api_import(c, "plan-review.txt", confirm=True).expect(201)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs + 1, "confirmed import not stored")


def test_bad_import_input(ctx):
    c = ctx.as_user("admin", api=True)
    docs = sql_one(ctx.db, "SELECT COUNT(*) FROM documents")
    r = c.post("/api/v1/imports", json={"source_name": "rong.txt", "text": ""})
    check(r.status in (400, 422), "empty document: " + r.describe())
    c.post("/api/v1/imports", json={"source_name": "x.txt"}).expect_error(400)
    c.post("/api/v1/imports", json={"source_name": "x.txt", "text": 12}).expect_error(400)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs, "bad input stored a document")


def test_oversize_body_413(ctx):
    port = ctx.server.port
    adm = ctx.as_user("admin", api=True)
    docs = sql_one(ctx.db, "SELECT COUNT(*) FROM documents")
    files = sql_one(ctx.db, "SELECT COUNT(*) FROM attachments")
    # A declared length far over the limit is refused before the body is read.
    head = ("POST /api/v1/imports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
            "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % (adm.token, 64 * 1024 * 1024)).encode()
    ctx.server.coverage.record("POST", "/api/v1/imports")
    status, hdrs, body = raw_exchange(port, head, [b"{" + b" " * 65535], pause=0.05)
    check(status == 413, "64 MiB declared: status %r, %r %r" % (status, hdrs[:200], body[:200]))
    check(b'"code":"input_too_large"' in body.replace(b" ", b""), "413 answer body: %r" % body[:200])
    # A body really sent over the limit (17 MiB) without a declared length.
    chunk = b"a" * (1024 * 1024)
    head = ("POST /api/v1/imports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" % adm.token).encode()
    chunks = [(b"%x\r\n" % len(chunk)) + chunk + b"\r\n" for _ in range(17)] + [b"0\r\n\r\n"]
    status, hdrs, body = raw_exchange(port, head, chunks)
    check(status == 413, "17 MiB chunked body: status %r, %r" % (status, hdrs[:200]))
    check(b'"code":"input_too_large"' in body.replace(b" ", b""), "413 answer body: %r" % body[:200])
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs and
          sql_one(ctx.db, "SELECT COUNT(*) FROM attachments") == files, "an oversize body stored something")
    # The server is still fine.
    adm.get("/api/v1/me").expect(200)


def test_not_found_ids(ctx):
    a = ctx.as_user("admin", api=True)
    a.post("/api/v1/tasks/999999/notes", json={"text": "x"}).expect_error(404)
    a.post("/api/v1/tasks/999999/files?name=x.txt", body=b"x",
           headers={"Content-Type": "application/octet-stream"}).expect_error(404)
    a.patch("/api/v1/units/999999", json={"name": "x"}).expect_error(404)
    a.post("/api/v1/units/999999/aliases", json={"alias": "x"}).expect_error(404)
    p = ctx.as_user("admin")
    p.post("/tasks/999999/status", form={"_csrf": p.csrf, "status": "done"}).expect(404)
    p.post("/units/999999/rename", form={"_csrf": p.csrf, "name": "x"}).expect(404)

# test_lifecycle.py: the server as a process: keep-alive, the access log,
# --secure-cookies, the per-address sign-in limit, and a graceful shutdown on
# SIGTERM with a request in flight (exit 0, the request answered, the
# database intact).
import os
import signal
import socket
import subprocess
import time

from harness import PASSWORD, check, sql_one


def test_keep_alive(ctx):
    c = ctx.as_user("xem")
    c.get("/").expect(200)
    sock = c.conn.sock
    check(sock is not None, "the connection closed after one answer")
    n0 = c.connects
    for path in ("/tasks", "/plans", "/api/v1/me", "/assets/style.css", "/units", "/khong-co"):
        r = c.get(path)
        check((r.header("Connection") or "").lower() != "close",
              "%s answered Connection: close" % path)
    check(c.connects == n0 and c.conn is not None and c.conn.sock is sock,
          "requests did not share one connection (%d reconnects)" % (c.connects - n0))
    # POSTs too (a redirect, a JSON error)
    c.post("/api/v1/session", json={"login": "xem"})
    check(c.conn is not None and c.conn.sock is sock, "a 400 closed the keep-alive connection")


def test_access_log(ctx):
    ctx.as_user("xem").get("/plans?from-access-log-test=1").expect(200)
    time.sleep(0.2)
    with open(ctx.server.access_log, encoding="utf-8") as f:
        lines = f.read().splitlines()
    check(lines, "access log is empty")
    hit = [l for l in lines if " GET /plans " in l and " 200 " in l]
    check(hit, "no access log line for GET /plans: %r" % lines[-3:])
    check(hit[-1].split()[-1] == "xem", "access log line does not name the user: %r" % hit[-1])
    check("matkhau" not in "\n".join(lines) and PASSWORD not in "\n".join(lines), "a password in the access log")


def test_secure_cookies_option(ctx):
    s = ctx.new_server("--secure-cookies")
    c = s.client()
    r = c.sign_in_page("xem")
    sc = [h for h in r.header_all("Set-Cookie") if h.startswith("phoihop_session=")]
    check(sc and "secure" in [a.strip().lower() for a in sc[0].split(";")],
          "--secure-cookies: session cookie lacks Secure: %r" % sc)
    c.close()
    rc = s.stop()
    check(rc == 0, "second server exit status %r; stderr: %s" % (rc, s.stderr()[-2000:]))


def test_stop_ends_within_ten_seconds_whatever_runs(ctx):
    # A request that never finishes (its body never comes) and a client
    # that keeps a connection open: SIGTERM still ends the server within
    # 10 s, with exit status 0 and the database intact.
    import sqlite3
    db = os.path.join(ctx.tmp, "stop10.db")
    a = sqlite3.connect(ctx.db)
    b = sqlite3.connect(db)
    a.backup(b)
    a.close()
    b.close()
    s = ctx.new_server(db=db)
    c = s.client()
    c.sign_in_api("bt.hlhpn")
    tid = ctx.task_id(ctx.plan_b, 9)
    ctx.server.coverage.record("POST", "/api/v1/tasks/%d/notes" % tid)
    stuck = socket.create_connection(("127.0.0.1", s.port), timeout=60)
    stuck.sendall(("POST /api/v1/tasks/%d/notes HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                   "Content-Length: 100\r\n\r\n{\"text\": " % (tid, c.token)).encode())
    idle = socket.create_connection(("127.0.0.1", s.port), timeout=60)
    time.sleep(0.5)
    t0 = time.time()
    s.signal(signal.SIGTERM)
    try:
        rc = s.proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        rc = None
    took = time.time() - t0
    stuck.close()
    idle.close()
    c.close()
    check(rc is not None and took < 10.5, "the stop took %.1f s (exit %r)" % (took, rc))
    check(rc == 0, "exit status %r; stderr: %s" % (rc, s.stderr()[-2000:]))
    check(sql_one(db, "PRAGMA integrity_check") == "ok", "integrity_check after the stop")


def test_graceful_shutdown_with_request_in_flight(ctx):
    import sqlite3
    # A copy of the test database (sqlite's backup API), so the main server
    # keeps running.
    db = os.path.join(ctx.tmp, "shutdown.db")
    a = sqlite3.connect(ctx.db)
    b = sqlite3.connect(db)
    a.backup(b)
    a.close()
    b.close()
    s = ctx.new_server(db=db)
    c = s.client()
    c.sign_in_api("bt.hlhpn")
    tid = sql_one(db, "SELECT id FROM tasks WHERE plan_id = ? AND no = '9'", ctx.plan_b)
    # Start a PATCH: headers and half the body, then SIGTERM, then the rest.
    body = b'{"status": "cancelled"}'
    head = ("PATCH /api/v1/tasks/%d HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
            "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % (tid, c.token, len(body))).encode()
    ctx.server.coverage.record("PATCH", "/api/v1/tasks/%d" % tid)
    sock = socket.create_connection(("127.0.0.1", s.port), timeout=120)
    sock.sendall(head + body[:8])
    time.sleep(0.5)
    s.signal(signal.SIGTERM)
    time.sleep(0.5)
    check(s.proc.poll() is None, "the server exited with a request in flight")
    sock.sendall(body[8:])
    data = b""
    deadline = time.time() + 60
    while time.time() < deadline and b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    sock.close()
    check(data.startswith(b"HTTP/1.1 200"), "the request in flight got %r" % data[:200])
    c.close()
    rc = s.stop()
    check(rc == 0, "exit status after SIGTERM %r; stderr: %s" % (rc, s.stderr()[-3000:]))
    check(s.proc.poll() is not None, "the process did not end")
    check("stopped" in s.rest_stdout, "no 'stopped' line on stdout: %r" % s.rest_stdout)
    check(sql_one(db, "PRAGMA integrity_check") == "ok", "database integrity_check fails after shutdown")
    check(sql_one(db, "SELECT status FROM tasks WHERE id = ?", tid) == "cancelled",
          "the change answered 200 is not in the database")
    # Nothing listens any more.
    try:
        socket.create_connection(("127.0.0.1", s.port), timeout=5).close()
        refused = False
    except OSError:
        refused = True
    check(refused, "the port still accepts connections after the server ended")


def test_sigint_also_stops(ctx):
    s = ctx.new_server()
    s.client().get("/login").expect(200)
    rc = s.stop(signal.SIGINT)
    check(rc == 0, "exit status after SIGINT %r; stderr: %s" % (rc, s.stderr()[-2000:]))
    check("SIGINT" in s.rest_stdout, "stdout after SIGINT: %r" % s.rest_stdout)


def test_burst_of_new_connections(ctx):
    # 300 connections opened at once, each asking once: every one answered.
    # They come from three loopback addresses, as from three offices: one
    # address may hold only so many connections (--per-address).
    import threading
    port = ctx.server.port
    results = [None] * 300
    go = threading.Event()

    def one(i):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=120,
                                         source_address=("127.0.0.%d" % (1 + i % 3), 0))
            go.wait(30)
            s.sendall(b"GET /assets/style.css HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
            s.close()
            results[i] = data.split(b"\r\n", 1)[0]
        except OSError as e:
            results[i] = repr(e).encode()
    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(results))]
    for t in threads:
        t.start()
    time.sleep(0.5)
    go.set()
    for t in threads:
        t.join(150)
    ctx.server.coverage.record("GET", "/assets/style.css")
    bad = [r for r in results if r != b"HTTP/1.1 200 OK"]
    check(not bad, "%d of %d connections not answered 200: %r" % (len(bad), len(results), bad[:5]))
    ctx.as_user("xem").get("/api/v1/me").expect(200)


def test_head_requests(ctx):
    c = ctx.as_user("xem")
    g = c.get("/tasks").expect(200)
    h = c.request("HEAD", "/tasks").expect(200)
    check(h.body == b"", "HEAD answered a body")
    check(h.header("Content-Type") == g.header("Content-Type"), "HEAD type differs")

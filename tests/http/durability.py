#!/usr/bin/env python3
# durability.py: nothing acknowledged is lost when the server is killed
# (kill -9) under concurrent writes. Usage:
#   python3 tests/http/durability.py BUILD_DIR
#
# Its own database in a temporary directory (phoihop init, an admin, the
# 60-task fixture plan, a count indicator made through the API), then
# ROUNDS rounds: WRITERS client threads, each with its own keep-alive
# connection and its own bearer token, write for 2-4 s (the same times
# every run) -- three writes in four a progress note with a unique text
# (POST /api/v1/tasks/{id}/notes), one in four a value of the indicator for
# the writer's own (unit, period), always larger than its last one (POST
# /api/v1/indicators/{id}/values) -- and the server gets SIGKILL by its
# PID. It is started again on the same database (SQLite recovers the WAL
# on open) and must answer; then every write answered 2xx must be there
# (a note by its text, a value at least the last acknowledged one) and
# PRAGMA integrity_check must say ok. The server of the last round is
# stopped with SIGTERM and must exit 0 with nothing from the sanitizers
# on any server's stderr.
#
# Slower builds (the sanitizers) get the same checks; only the waits for
# answers scale. Prints "ok - NAME" / "not ok - NAME: why" per round, a
# "FAIL: durability ..." line per failure, and "durability: N passed, N
# failed"; exits 1 on a failure. KEEP_TMP=1 keeps the directory.
import http.client
import json
import os
import random
import shutil
import signal
import sqlite3
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import harness  # noqa: E402
from harness import TestFailure, check  # noqa: E402

ROUNDS = 3
WRITERS = 100
WINDOW = (2.0, 4.0)          # seconds of writing before the kill
PERIODS = ["2024", "2024-H1", "2024-H2"] + ["2024-Q%d" % q for q in range(1, 5)] + \
          ["2024-%02d" % m for m in range(1, 13)]
NOTE_TAG = "bền-vững"        # every note text starts with it (NFC, as stored)


def sql(db, query, *args):
    con = sqlite3.connect(db, timeout=60)
    try:
        return con.execute(query, args).fetchall()
    finally:
        con.close()


class Run:
    """The database, the server of the moment, tokens, what was acknowledged."""

    def __init__(self, build):
        self.binary = os.path.abspath(os.path.join(build, "phoihop"))
        self.tmp = tempfile.mkdtemp(prefix="phoihop-durability-")
        self.db = os.path.join(self.tmp, "d.db")
        self.servers = []
        self.server = None
        self.tokens = []
        with open(self.binary, "rb") as f:
            slow = b"__asan_init" in f.read()
        self.timeout = 120 if slow else 30   # seconds to wait for one answer
        self.notes = set()       # note texts answered 2xx
        self.values = {}         # (unit key, period) -> last value answered 2xx

    def start(self):
        self.server = harness.Server(self.binary, self.db, self.tmp).start()
        self.servers.append(self.server)
        return self.server

    def kill9(self):
        s = self.server
        os.kill(s.proc.pid, signal.SIGKILL)
        s.signalled = True
        s.proc.wait(timeout=60)
        s._err.close()
        check(s.proc.returncode == -signal.SIGKILL,
              "the server ended with %r, not by SIGKILL" % s.proc.returncode)

    def request(self, conn, method, path, body=None, token=None):
        h = {"Content-Type": "application/json"}
        if token:
            h["Authorization"] = "Bearer " + token
        conn.request(method, path, body=json.dumps(body).encode() if body is not None else None,
                     headers=h)
        r = conn.getresponse()
        return r.status, r.read()

    def setup(self):
        harness.cli_ok(self.binary, self.db, "init")
        harness.cli_ok(self.binary, self.db, "user", "add", "admin", "--name", "Quản Trị Viên",
                       "--unit", "laocai.ubnd", "--role", "admin", stdin=harness.PASSWORD + "\n")
        harness.cli_ok(self.binary, self.db, "import", "--confirm",
                       os.path.join(HERE, "fixtures", "plan-many.txt"))
        self.tasks = [r[0] for r in sql(self.db, "SELECT id FROM tasks ORDER BY id")]
        check(len(self.tasks) >= 20, "the fixture plan gave %d tasks" % len(self.tasks))
        units = [r[0] for r in sql(self.db, "SELECT key FROM units WHERE level = 'district' "
                                   "AND (valid_to IS NULL OR valid_to >= '2024-12-31') "
                                   "ORDER BY key")]
        self.slots = [(u, p) for u in units for p in PERIODS][:WRITERS]
        check(len(self.slots) == WRITERS, "only %d (unit, period) slots for %d writers"
              % (len(self.slots), WRITERS))
        self.start()
        # One session per writer, signed in ten at a time (Argon2id).
        tokens = [None] * WRITERS

        def sign_in(i):
            conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=self.timeout)
            try:
                st, body = self.request(conn, "POST", "/api/v1/session",
                                        {"login": "admin", "password": harness.PASSWORD})
                if st == 201:
                    tokens[i] = json.loads(body)["token"]
            finally:
                conn.close()
        for base in range(0, WRITERS, 10):
            ts = [threading.Thread(target=sign_in, args=(i,)) for i in range(base, base + 10)]
            for t in ts:
                t.start()
            for t in ts:
                t.join(self.timeout)
        check(all(tokens) and len(set(tokens)) == WRITERS,
              "%d of %d sign-ins gave a token" % (sum(1 for t in tokens if t), WRITERS))
        self.tokens = tokens
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=self.timeout)
        st, body = self.request(conn, "POST", "/api/v1/indicators",
                                {"code": "DUR-01", "name": "Số lần ghi", "measure": "lần",
                                 "type": "count", "levels": "district", "year_from": 2024,
                                 "year_to": 2024}, tokens[0])
        conn.close()
        check(st == 201, "indicator not created: %d %r" % (st, body[:300]))
        self.indicator = json.loads(body)["id"]

    def writer(self, w, rnd, out):
        """Write until the connection dies; out[w] = (acked notes, acked
        values, sent, refused answers)."""
        token, (unit, period) = self.tokens[w], self.slots[w]
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=self.timeout)
        notes, values, refused, sent, seq = [], [], [], 0, 0
        while True:
            seq += 1
            if seq % 4 == 0:
                v = rnd * 1000000 + seq
                path = "/api/v1/indicators/%d/values" % self.indicator
                body = {"values": [{"unit": unit, "period": period, "value": v}]}
            else:
                text = "%s r%d w%d n%d" % (NOTE_TAG, rnd, w, seq)
                path = "/api/v1/tasks/%d/notes" % self.tasks[(w * 7 + seq) % len(self.tasks)]
                body = {"text": text}
            try:
                st, data = self.request(conn, "POST", path, body, token)
            except (OSError, http.client.HTTPException):
                break      # the kill: this write's fate is unknown, and not checked
            sent += 1
            if 200 <= st < 300:
                if seq % 4 == 0:
                    values.append(v)
                else:
                    notes.append(text)
            else:
                refused.append((st, data[:200]))
        conn.close()
        out[w] = (notes, values, sent, refused)

    def round(self, rnd):
        out = [None] * WRITERS
        threads = [threading.Thread(target=self.writer, args=(w, rnd, out)) for w in range(WRITERS)]
        for t in threads:
            t.start()
        window = random.Random(20261202 + rnd).uniform(*WINDOW)
        time.sleep(window)
        self.kill9()
        for t in threads:
            t.join(self.timeout)
        check(not any(t.is_alive() for t in threads), "writers still running after the kill")
        sent = sum(o[2] for o in out)
        refused = [r for o in out for r in o[3]]
        for w, o in enumerate(out):
            self.notes.update(o[0])
            if o[1]:
                self.values[self.slots[w]] = max(o[1])
        acked_notes = sum(len(o[0]) for o in out)
        acked_values = sum(len(o[1]) for o in out)
        # Every request is valid: a refusal other than "busy" means the
        # test (or the server) is broken.
        bad = [r for r in refused if r[0] != 503]
        check(not bad, "%d writes refused: %r" % (len(bad), bad[:3]))
        check(acked_notes >= WRITERS and acked_values >= 1,
              "too few writes acknowledged to prove anything: %d notes, %d values"
              % (acked_notes, acked_values))

        self.start()   # recovery on open
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=self.timeout)
        st, _ = self.request(conn, "GET", "/api/v1/me", None, self.tokens[0])
        conn.close()
        check(st == 200, "the restarted server answered /api/v1/me with %d" % st)
        check(sql(self.db, "PRAGMA integrity_check") == [("ok",)], "integrity_check fails")
        stored = {r[0] for r in sql(self.db, "SELECT text FROM task_notes WHERE text LIKE ?",
                                    NOTE_TAG + " %")}
        lost = self.notes - stored
        check(not lost, "%d acknowledged notes lost, e.g. %r" % (len(lost), sorted(lost)[:3]))
        got = dict(((u, p), v) for u, p, v in sql(
            self.db, "SELECT u.key, v.period, v.numerator FROM indicator_values v "
            "JOIN units u ON u.id = v.unit_id WHERE v.indicator_id = ?", self.indicator))
        low = [(k, v, got.get(k)) for k, v in self.values.items() if got.get(k, -1) < v]
        check(not low, "%d values below the last acknowledged one: %r" % (len(low), low[:3]))
        return ("%d writers, killed after %.1f s: %d sent, %d acknowledged (%d notes, %d values), "
                "%d busy; all there" % (WRITERS, window, sent, acked_notes + acked_values,
                                        acked_notes, acked_values, len(refused)))

    def finish(self):
        rc = self.server.stop(signal.SIGTERM)
        check(rc == 0, "the last server exited with %r on SIGTERM" % rc)
        for s in self.servers:
            err = s.stderr()
            for marker in ("AddressSanitizer", "LeakSanitizer", "runtime error:"):
                check(marker not in err, "a server's stderr has %r: %s" % (marker, err[-2000:]))
        check(sql(self.db, "PRAGMA integrity_check") == [("ok",)], "integrity_check fails at the end")

    def cleanup(self):
        for s in self.servers:
            if s.proc is not None and s.proc.poll() is None:
                os.kill(s.proc.pid, signal.SIGKILL)
                s.proc.wait(timeout=60)


def main(argv):
    if len(argv) != 2:
        print("usage: durability.py BUILD_DIR", file=sys.stderr)
        return 2
    run = Run(argv[1])
    results = []
    t0 = time.time()

    def step(name, fn, *args):
        t = time.time()
        try:
            info = fn(*args)
            results.append((name, True, ""))
            print("ok - %s (%.1fs)%s" % (name, time.time() - t, ": " + info if info else ""),
                  flush=True)
            return True
        except TestFailure as e:
            why = " ".join(str(e).split())
        except Exception as e:  # a crash of the test, a network error
            why = "%s: %s" % (type(e).__name__, e)
        results.append((name, False, why))
        print("not ok - %s: %s" % (name, why), flush=True)
        return False

    try:
        if step("durability.setup", run.setup):
            for rnd in range(1, ROUNDS + 1):
                if not step("durability.kill9_round_%d" % rnd, run.round, rnd):
                    break
            else:
                step("durability.shutdown", run.finish)
    finally:
        run.cleanup()
    failed = [r for r in results if not r[1]]
    for name, _, why in failed:
        print("FAIL: durability %s: %s" % (name, why[:1500]))
    if failed or os.environ.get("KEEP_TMP"):
        print("(test files kept in %s)" % run.tmp)
    else:
        shutil.rmtree(run.tmp, ignore_errors=True)
    print("durability: %d passed, %d failed (%.0f s)" % (len(results) - len(failed), len(failed),
                                                        time.time() - t0))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

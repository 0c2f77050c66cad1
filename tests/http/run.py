#!/usr/bin/env python3
# run.py: runs the HTTP tests against BUILD/phoihop. Usage:
#   python3 tests/http/run.py BUILD_DIR [NAME_SUBSTRING...]
# Each test is a function test_*(ctx) in the modules below, run in order
# against one server; then the closing checks (every route hit, headers on
# every answer, no live script in any page, a clean SIGTERM shutdown).
# Prints "ok - name" or "not ok - name: why" per test, "FAIL: ..." lines for
# the failures, and "http: N passed, N failed, N skipped"; exits 1 on any
# failure.
import os
import sys
import time
import traceback

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

MODULES = ["test_pages", "test_api", "test_security", "test_errors", "test_feeds", "test_schedules", "test_indicators", "test_charts", "test_reports", "test_notices", "test_lifecycle", "test_import_targets", "test_dashboard_cache", "test_numbers", "test_db", "test_access", "test_import_text", "test_hostile", "test_memcap", "test_import_review", "test_import_files", "test_exports"]


class Skip(Exception):
    """Raised by a test that does not apply here."""


harness.Skip = Skip


def tests_of(modname):
    mod = __import__(modname)
    return [(name, fn) for name, fn in vars(mod).items()
            if name.startswith("test_") and callable(fn)]


def main(argv):
    if len(argv) < 2:
        print("usage: run.py BUILD_DIR [NAME...]", file=sys.stderr)
        return 2
    build, only = argv[1], argv[2:]
    results = []   # (name, outcome, why)

    def run_one(name, fn, *args):
        t0 = time.time()
        try:
            fn(*args)
            results.append((name, "ok", ""))
            print("ok - %s (%.1fs)" % (name, time.time() - t0), flush=True)
        except Skip as e:
            results.append((name, "skip", str(e)))
            print("ok - %s # SKIP %s" % (name, e), flush=True)
        except harness.TestFailure as e:
            why = " ".join(str(e).split())
            results.append((name, "fail", why))
            print("not ok - %s: %s" % (name, why), flush=True)
        except Exception as e:  # a crash of the test or a network error
            tb = traceback.format_exc(limit=3).splitlines()
            why = "%s: %s [%s]" % (type(e).__name__, e, " | ".join(x.strip() for x in tb[-4:-1]))
            s = ctx.server
            if s is not None and s.proc is not None and s.proc.poll() is not None and not s.signalled:
                why += " -- the server died (exit %s); stderr: %s" % (s.proc.returncode, s.stderr()[-3000:])
            results.append((name, "fail", why))
            print("not ok - %s: %s" % (name, why), flush=True)

    ctx = harness.Context(build)
    try:
        setup_ok = False
        run_one("setup", ctx.setup)
        setup_ok = results[-1][1] == "ok"
        if setup_ok:
            for modname in MODULES:
                for name, fn in tests_of(modname):
                    full = "%s.%s" % (modname, name)
                    if only and not any(o in full for o in only):
                        continue
                    run_one(full, fn, ctx)
            for name, fn in tests_of("closing"):
                if only and name not in ("test_shutdown_main_server",):
                    continue
                run_one("closing." + name, fn, ctx, bool(only))
    finally:
        ctx.cleanup()
    passed = sum(1 for r in results if r[1] == "ok")
    failed = sum(1 for r in results if r[1] == "fail")
    skipped = sum(1 for r in results if r[1] == "skip")
    for name, outcome, why in results:
        if outcome == "fail":
            print("FAIL: http %s: %s" % (name, why[:1500]))
    if failed == 0 and not os.environ.get("KEEP_TMP"):
        import shutil
        shutil.rmtree(ctx.tmp, ignore_errors=True)
    else:
        print("(test files kept in %s)" % ctx.tmp)
    print("http: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

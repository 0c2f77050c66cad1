#!/usr/bin/env bash
# The national-scale benchmark (issue 4, point 7). Builds nothing: needs
# build/phoihop (make) and build/bench/rollup_bench (make bench).
#   1. generates a temporary database with `phoihop demo --scale national`
#      (or uses BENCH_DB=FILE, a database generated before) and prints the
#      generation time and the database size;
#   2. starts the server, signs in as the coordinator of the first
#      provincial union (POST /api/v1/session), times the first (cold)
#      request of each URL with curl, then runs wrk --latency against each:
#      the province's roll-up API, the dashboard API (skipped with a note
#      when it answers 404; its answers are cached, so wrk measures hits),
#      the indicator page and the dashboards page;
#      prints p50/p99 and requests/s, and the server's VmRSS after the runs;
#   3. runs the in-process harness (roll-up cold/warm against a plain C
#      pass, the import of ../shared/samples).
#   bench/national.sh [BUILD]        (default build/)
#   BENCH_DURATION=10s BENCH_CONNECTIONS=32 BENCH_WRK_THREADS=2
#   BENCH_SEED=1  BENCH_DB=FILE BENCH_PASSWORD=P (a database generated before,
#   with the password of its accounts)  BENCH_KEEP=1 (keep the temporary folder)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
build=${1:-build}
bin=$build/phoihop
harness=$build/bench/rollup_bench
duration=${BENCH_DURATION:-10s}
conns=${BENCH_CONNECTIONS:-32}
wthreads=${BENCH_WRK_THREADS:-2}
seed=${BENCH_SEED:-1}
period=2025-H2
password=${BENCH_PASSWORD:-bench-national-2025}
die() { echo "national: $*" >&2; exit 1; }
[ -x "$bin" ] || die "$bin is missing; build first (make)"
command -v wrk >/dev/null || die "wrk is missing (tools/setup.sh installs it)"
command -v curl >/dev/null || die "curl is missing"
command -v sqlite3 >/dev/null || die "sqlite3 is missing"

. tools/lib-serve.sh
tmp=$(mktemp -d)
cleanup() {
	serve_stop
	if [ "${BENCH_KEEP:-}" = 1 ]; then echo "national: kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)," \
	"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); $(date -u '+%Y-%m-%d %H:%M UTC')"

if [ -n "${BENCH_DB:-}" ]; then
	db=$BENCH_DB
	[ -f "$db" ] || die "BENCH_DB=$db does not exist"
	echo "database: $db (generated before)"
	# A database made by an older binary is migrated on open; do it here,
	# not in the server's start (a migration rebuilding indicator_values
	# takes longer at this scale than tools/lib-serve.sh waits).
	"$bin" --db "$db" units >/dev/null 2>"$tmp/migrate.err" ||
		die "cannot open $db: $(cat "$tmp/migrate.err")"
else
	db=$tmp/national.db
	echo "generating: $bin --db $db demo --scale national --seed $seed"
	start=$(date +%s.%N)
	"$bin" --db "$db" demo --scale national --seed "$seed" --password "$password" \
		>"$tmp/demo.out" 2>"$tmp/demo.err" || die "demo failed: $(cat "$tmp/demo.err")"
	end=$(date +%s.%N)
	sed 's/^/  /' "$tmp/demo.out"
	printf '  wall time of the command: %.1f s\n' "$(echo "$end - $start" | bc)"
	# Fold the WAL into the database so the size is that of the data.
	sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
fi
echo "database size: $(du -m "$db" | cut -f1) MB ($(sqlite3 "$db" 'SELECT COUNT(*) FROM indicator_values') values," \
	"$(sqlite3 "$db" "SELECT COUNT(*) FROM units WHERE level = 'branch'") branches)"

ind=$(sqlite3 "$db" "SELECT id FROM indicators WHERE code = 'HPN-01'")
prov=$(sqlite3 "$db" "SELECT id FROM units WHERE key = 'hpn.p01'")
[ -n "$ind" ] && [ -n "$prov" ] || die "no HPN-01 or hpn.p01 in $db: not a demo database"

serve_start "$bin" "$db" "$tmp" || die "the server did not start: $(cat "$tmp/serve.err")"
base=$serve_url
rss() { awk '/VmRSS/ {print $2}' "/proc/$serve_pid/status" 2>/dev/null; }
echo "server: $base (pid $serve_pid), VmRSS at start $(rss) kB"
token=$(curl -s -X POST -H 'Content-Type: application/json' \
	-d "{\"login\":\"dieuphoi01\",\"password\":\"$password\"}" "$base/api/v1/session" \
	| grep -Eo '"token" *: *"[0-9a-f]+"' | grep -Eo '[0-9a-f]{32,}')
[ -n "$token" ] || die "sign-in as dieuphoi01 through POST /api/v1/session gave no token"
auth="Authorization: Bearer $token"

urls=(
	"/api/v1/indicators/$ind/rollup?period=$period&unit=$prov"
	"/api/v1/dashboards?unit=$prov&period=$period"
	"/indicators/$ind?period=$period&unit=$prov"
	"/dashboards?unit=$prov&period=$period"
)
printf '\n%-62s %9s %9s %9s %10s %9s\n' "URL (wrk -t$wthreads -c$conns -d$duration)" first p50 p99 req/s "RSS kB"
status=0
for u in "${urls[@]}"; do
	read -r code first < <(curl -s -o "$tmp/page" -w '%{http_code} %{time_total}\n' -H "$auth" "$base$u")
	if [ "$code" = 404 ]; then
		printf '%-62s skipped: 404 (the route is not there yet)\n' "$u"
		continue
	fi
	if [ "$code" != 200 ]; then
		printf '%-62s FAIL: answered %s\n' "$u" "$code"
		status=1
		continue
	fi
	wrk -t"$wthreads" -c"$conns" -d"$duration" --latency -H "$auth" "$base$u" >"$tmp/wrk.out" 2>&1
	p50=$(awk '$1 == "50%" {print $2}' "$tmp/wrk.out")
	p99=$(awk '$1 == "99%" {print $2}' "$tmp/wrk.out")
	rps=$(awk '/^Requests\/sec/ {print $2}' "$tmp/wrk.out")
	bad=$(awk '/Non-2xx/ {print $NF}' "$tmp/wrk.out")
	errs=$(grep -c 'Socket errors' "$tmp/wrk.out")
	printf '%-62s %8.1fms %9s %9s %10s %9s\n' "$u" "$(echo "$first * 1000" | bc)" "$p50" "$p99" "$rps" "$(rss)"
	if [ -n "$bad" ] || [ "$errs" != 0 ]; then
		echo "  FAIL: non-2xx answers: ${bad:-none};$(grep "Socket errors" "$tmp/wrk.out")"
		status=1
	fi
done
echo "server VmRSS after the runs: $(rss) kB; peak (VmHWM): $(awk '/VmHWM/ {print $2}' "/proc/$serve_pid/status") kB"
kill -0 "$serve_pid" 2>/dev/null || { echo "national: FAIL: the server died"; status=1; }
serve_stop || { echo "national: FAIL: the server did not stop cleanly"; status=1; }

echo
if [ -x "$harness" ]; then
	samples=../shared/samples
	echo "harness: $harness $db $samples"
	"$harness" "$db" "$samples" | sed 's/^/  /'
	[ "${PIPESTATUS[0]}" = 0 ] || status=1
else
	echo "harness: $harness is missing (make bench); skipped"
fi
exit $status

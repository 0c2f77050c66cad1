#!/usr/bin/env bash
# The load test: wrk on loopback against a server holding the demo data,
# signed in with a bearer token. Three runs of 256 connections for 10 s
# against each of the dashboard (/), the task list (/tasks) and the task
# list of the API (/api/v1/tasks). Reads the server's resident memory
# (VmRSS) before and after every run and prints a table. Fails when wrk
# saw any non-2xx/3xx answer or socket error, when the server died, or when
# its RSS grew between the second and the third run of a URL by more than
# a small margin. Builds nothing.
#   bench/load.sh [BUILD]           (default build/)
#   BENCH_DURATION=10s BENCH_CONNECTIONS=256 BENCH_WRK_THREADS=2
#   BENCH_TIMEOUT=2s (wrk's own default: an answer slower than this is a
#   socket error "timeout", so a failure)
#   BENCH_RUNS=3  BENCH_THREADS=N (server --threads; default the server's)
#   BENCH_RSS_MARGIN_KB=2048  BENCH_URLS="/ /tasks /api/v1/tasks"
#   BENCH_KEEP=1 (keep the temporary database and logs)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
build=${1:-build}
bin=$build/phoihop
duration=${BENCH_DURATION:-10s}
conns=${BENCH_CONNECTIONS:-256}
wthreads=${BENCH_WRK_THREADS:-2}
timeout=${BENCH_TIMEOUT:-2s}
runs=${BENCH_RUNS:-3}
margin=${BENCH_RSS_MARGIN_KB:-2048}
urls=${BENCH_URLS:-/ /tasks /api/v1/tasks}
today=${PHOIHOP_TODAY:-2025-05-15}
die() { echo "load: $*" >&2; exit 1; }
[ -x "$bin" ] || die "$bin is missing; build first (make)"
command -v wrk >/dev/null || die "wrk is missing (tools/setup.sh installs it)"
command -v curl >/dev/null || die "curl is missing"

. tools/lib-serve.sh
tmp=$(mktemp -d)
cleanup() {
	serve_stop
	if [ "${BENCH_KEEP:-}" = 1 ]; then echo "load: kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# The demo data: the documents in demo/ and one demo coordinator of the
# provincial committee (whose dashboard and task list are the largest).
db=$tmp/load.db
login=demo password=demo-phoihop
"$bin" --db "$db" init >/dev/null || die "init failed"
"$bin" --db "$db" import --confirm demo/2*.txt demo/2*.md >/dev/null 2>"$tmp/import.err" \
	|| die "import failed: $(cat "$tmp/import.err")"
printf '%s\n' "$password" | "$bin" --db "$db" user add "$login" --name "Người dùng demo" \
	--unit laocai.ubnd --role coordinator >/dev/null || die "user add failed"

threads=()
[ -n "${BENCH_THREADS:-}" ] && threads=(--threads "$BENCH_THREADS")
export PHOIHOP_TODAY=$today
serve_start "$bin" "$db" "$tmp" "${threads[@]}" \
	|| die "the server did not start: $(cat "$tmp/serve.err")"
server=$serve_pid base=$serve_url

# Sign in through the API; the answer carries a bearer token.
token=$(curl -s -X POST -H 'Content-Type: application/json' \
	-d "{\"login\":\"$login\",\"password\":\"$password\"}" "$base/api/v1/session" \
	| grep -Eo '"token" *: *"[0-9a-f]+"' | grep -Eo '[0-9a-f]{32,}')
[ -n "$token" ] || die "sign-in through POST /api/v1/session gave no token"
auth="Authorization: Bearer $token"
for u in $urls; do # every URL answers 200 with this token before we load it
	code=$(curl -s -o "$tmp/page" -w '%{http_code}' -H "$auth" "$base$u")
	[ "$code" = 200 ] || die "GET $u answered $code, not 200: $(head -c 300 "$tmp/page")"
done

rss() { awk '/^VmRSS:/ {print $2}' "/proc/$server/status" 2>/dev/null; }
socks() { find "/proc/$server/fd" -lname 'socket:*' 2>/dev/null | wc -l; }
# After a run, wait (at most 10 s) until the server has closed wrk's
# connections, so that the memory of their buffers is not counted.
settle() {
	local t0=$SECONDS
	for _ in $(seq 100); do
		[ "$(socks)" -le "$idle_socks" ] && break
		sleep 0.1
	done
	[ -n "${BENCH_DEBUG:-}" ] && echo "settle: $((SECONDS - t0)) s, $(socks) sockets (idle $idle_socks)" >&2
	sleep 0.2
}
idle_socks=$(socks)
# The number after LABEL in wrk's output, or 0.
field() { grep -Eo "$1 *[0-9]+" "$2" | grep -Eo '[0-9]+$' | awk '{s+=$1} END {print s+0}'; }

echo "load: phoihop $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?') at $base, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')), $(free -g | awk '/^Mem:/ {print $2}') GiB memory"
echo "load: server --threads ${BENCH_THREADS:-(default)}; wrk -t$wthreads -c$conns -d$duration --timeout $timeout --latency -H 'Authorization: Bearer …' URL"
printf '%-15s %3s %9s %9s %9s %9s %6s %7s %10s %10s %10s\n' \
	URL run req/s p50 p99 requests non2xx sockerr 'RSS before' 'RSS end' 'RSS after'
fail=()
for u in $urls; do
	declare -A after=()
	for i in $(seq "$runs"); do
		: >"$tmp/access.log"
		r0=$(rss)
		wrk -t"$wthreads" -c"$conns" -d"$duration" --timeout "$timeout" --latency -H "$auth" "$base$u" >"$tmp/wrk.out" 2>&1
		wrk_status=$?
		r_end=$(rss)
		settle
		r1=$(rss)
		if ! kill -0 "$server" 2>/dev/null || [ -z "$r1" ]; then
			cat "$tmp/wrk.out"
			tail -20 "$tmp/serve.err" >&2
			die "the server died during run $i of $u"
		fi
		reqs=$(grep -Eo '[0-9]+ requests in' "$tmp/wrk.out" | grep -Eo '^[0-9]+')
		rps=$(awk '/^Requests\/sec:/ {print $2}' "$tmp/wrk.out")
		p50=$(awk '$1 == "50%" {print $2}' "$tmp/wrk.out")
		p99=$(awk '$1 == "99%" {print $2}' "$tmp/wrk.out")
		non=$(field 'Non-2xx or 3xx responses:' "$tmp/wrk.out")
		sock=$(grep -E 'Socket errors:' "$tmp/wrk.out" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
		printf '%-15s %3s %9s %9s %9s %9s %6s %7s %7s kB %7s kB %7s kB\n' \
			"$u" "$i" "${rps:-?}" "${p50:-?}" "${p99:-?}" "${reqs:-0}" "$non" "$sock" "$r0" "$r_end" "$r1"
		[ "$wrk_status" -eq 0 ] || fail+=("wrk exited $wrk_status on $u run $i")
		[ "${reqs:-0}" -gt 0 ] || fail+=("no requests completed on $u run $i")
		[ "$non" -eq 0 ] || fail+=("$non non-2xx/3xx answers on $u run $i")
		[ "$sock" -eq 0 ] || fail+=("$sock socket errors on $u run $i:$(grep -E 'Socket errors:' "$tmp/wrk.out" | sed 's/.*errors://')")
		after[$i]=$r1
	done
	if [ "$runs" -ge 3 ]; then
		grow=$((after[3] - after[2]))
		[ "$grow" -le "$margin" ] || fail+=("RSS grew by $grow kB between runs 2 and 3 of $u (margin $margin kB)")
	fi
	unset after
done

# The server still answers, then stops cleanly on SIGTERM.
first=${urls%% *}
code=$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "$base$first")
[ "$code" = 200 ] || fail+=("GET $first after the load answered $code")
stop=0
serve_stop || stop=$?
[ "$stop" -eq 0 ] || fail+=("the server exited $stop on SIGTERM")
if grep -qiE 'AddressSanitizer|runtime error|Segmentation' "$tmp/serve.err"; then
	fail+=("the server log shows a crash")
fi
if [ ${#fail[@]} -gt 0 ]; then
	printf 'load: FAIL: %s\n' "${fail[@]}"
	exit 1
fi
echo "load: ok (no errors, no crash, RSS stable within $margin kB between runs 2 and 3)"

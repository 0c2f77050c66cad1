#!/usr/bin/env bash
# The end-to-end browser test: Playwright (playwright-core from npm) drives
# Debian's chromium, headless, through sign-in, an import through the upload
# page, a status change, the dashboard and the audit log, report schedules
# and one unit's report from draft to acceptance. Builds nothing:
# give it a build directory holding phoihop.
#   tools/browser-test.sh [BUILD]        (default build/)
# It installs tests/browser/node_modules with `npm ci` when missing, makes a
# temporary database with one coordinator (and, for the real sample, an
# editor and an approver of a reporting unit), serves it on a free loopback
# port with PHOIHOP_TODAY fixed, runs tests/browser/e2e.mjs, stops the
# server with SIGTERM and prints "browser: N passed, N failed". Screenshots
# go to BUILD/browser-artifacts/ (kept after the run). Exit status 0 only
# when every step passed and the server stopped cleanly.
#   PHOIHOP_CHROMIUM  browser to drive (default /usr/bin/chromium)
#   PHOIHOP_SAMPLE    document to import (default: the real sample in
#                     ../shared/samples when present, else a demo document)
#   BROWSER_KEEP=1    keep the temporary directory (database, server log)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
build=${1:-build}
build=$(cd "$build" 2>/dev/null && pwd) || { echo "browser: no build directory '${1:-build}'"; echo "browser: 0 passed, 1 failed"; exit 1; }
bin=$build/phoihop
here=$root/tests/browser
artifacts=$build/browser-artifacts
die() { # MESSAGE: a failure before the test could run is one failed check
	echo "browser: $*" >&2
	echo "browser: 0 passed, 1 failed"
	exit 1
}
[ -x "$bin" ] || die "$bin is missing; build first (make)"
command -v node >/dev/null || die "node is missing (tools/setup.sh installs nodejs)"
chromium=${PHOIHOP_CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || die "$chromium is missing (tools/setup.sh installs chromium)"

# The pinned playwright-core, from package-lock.json, once.
if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
	command -v npm >/dev/null || die "npm is missing (tools/setup.sh installs it)"
	echo "browser: npm ci (playwright-core)" >&2
	(cd "$here" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error >/dev/null) \
		|| die "npm ci failed in tests/browser"
fi

# The document to import and who imports it. The real sample is the
# coordination plan of the provincial committee and the Women's Union, whose
# tasks the Women's Union leads, so the test user coordinates there; most
# tasks of the demo plan are led by the provincial Labour Federation. The
# dashboard counts the tasks the user's own unit leads. "Today" falls inside
# the plan's year, so some tasks are due this quarter and some overdue.
sample=${PHOIHOP_SAMPLE:-}
if [ -z "$sample" ]; then
	if [ -f "$root/../shared/samples/laocai-2024-ubnd-hlhpn-coordination-plan.txt" ]; then
		sample=$root/../shared/samples/laocai-2024-ubnd-hlhpn-coordination-plan.txt
	else
		sample=$root/demo/2025-laocai-ubnd-lldld-ke-hoach.txt
	fi
fi
[ -f "$sample" ] || die "no sample document $sample"
sample=$(cd "$(dirname "$sample")" && pwd)/$(basename "$sample")
# The reporting steps: the coordinator sets up reports that the district
# Women's Unions send to the provincial one, and an editor and an approver
# of one district union (Sa Pa) report; "today" then falls after the
# 6-month deadline (15/6) and before the annual one (20/12). Other
# documents have no reporting unit here: the test skips those steps.
reporter=
case $(basename "$sample") in
laocai-2024-ubnd-hlhpn-coordination-plan.txt) unit=laocai.hlhpn today=2024-08-20 reporter=laocai.sapa.hlhpn ;;
2025-laocai-ubnd-lldld-ke-hoach.txt)          unit=laocai.ldld  today=2025-08-20 ;;
*) unit=${PHOIHOP_UNIT:-laocai.ubnd} today=${PHOIHOP_TODAY:-$(date +%F)} ;;
esac
echo "browser: importing $sample (user of $unit, today $today)" >&2

. tools/lib-serve.sh
tmp=$(mktemp -d)
cleanup() {
	serve_stop
	if [ "${BROWSER_KEEP:-}" = 1 ]; then echo "browser: kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
db=$tmp/e2e.db
login=nguyenvana
password=mat-khau-thu-nghiem
"$bin" --db "$db" init >/dev/null 2>"$tmp/init.err" || die "init failed: $(cat "$tmp/init.err")"
printf '%s\n' "$password" | "$bin" --db "$db" user add "$login" --name "Nguyễn Văn A" \
	--unit "$unit" --role coordinator >/dev/null 2>"$tmp/user.err" \
	|| die "user add failed: $(cat "$tmp/user.err")"
add_user() { # LOGIN NAME UNIT ROLE, with the common password
	printf '%s\n' "$password" | "$bin" --db "$db" user add "$1" --name "$2" \
		--unit "$3" --role "$4" >/dev/null 2>"$tmp/user.err" \
		|| die "user add $1 failed: $(cat "$tmp/user.err")"
}
editor_login= approver_login=
editor_name="Trần Thị Bình" approver_name="Lê Thị Cúc"
if [ -n "$reporter" ]; then
	editor_login=tranthibinh approver_login=lethicuc
	add_user "$editor_login" "$editor_name" "$reporter" editor
	add_user "$approver_login" "$approver_name" "$reporter" approver
fi

# Serve on a free port; the address is the first line on standard output.
export PHOIHOP_TODAY=$today
serve_start "$bin" "$db" "$tmp" || die "the server did not start: $(cat "$tmp/serve.err")"
url=$serve_url/
echo "browser: server at $url" >&2

rm -rf "$artifacts"
mkdir -p "$artifacts"
out=$tmp/node.tap
# The same plan as a Word file, for the Word upload step.
sample_docx=
if command -v python3 >/dev/null &&
   python3 tests/import/docx/make_docx.py "$tmp" --plan-text "$sample" "$tmp/ke-hoach.docx" \
	>/dev/null 2>"$tmp/docx.err"; then
	sample_docx=$tmp/ke-hoach.docx
else
	echo "browser: no Word copy of the sample: $(cat "$tmp/docx.err" 2>/dev/null)" >&2
fi
(cd "$here" && BASE_URL=$url LOGIN=$login PASSWORD=$password SAMPLE=$sample SAMPLE_DOCX=$sample_docx \
	EDITOR_LOGIN=$editor_login EDITOR_NAME=$editor_name \
	APPROVER_LOGIN=$approver_login APPROVER_NAME=$approver_name \
	TODAY=$today ARTIFACTS=$artifacts CHROMIUM=$chromium \
	node --test --test-reporter=tap e2e.mjs) >"$out" 2>&1
node_status=$?
# The steps' own lines, and the diagnostics of failures.
grep -E '^ *(not )?ok [0-9]+ ' "$out" | sed 's/^ */  /'
awk '/^not ok/ {p = 1} p {print} p && /^  \.\.\.$/ {p = 0}' "$out" | head -80 >&2
passed=$(grep -Eo '^# pass [0-9]+' "$out" | awk '{print $3}')
failed=$(grep -Eo '^# fail [0-9]+' "$out" | awk '{print $3}')
skipped=$(grep -Eo '^# skipped [0-9]+' "$out" | awk '{print $3}')
passed=${passed:-0} failed=${failed:-0} skipped=${skipped:-0}
if [ "$node_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
	cat "$out" >&2
	failed=1
fi

# A graceful stop: SIGTERM, then the server exits 0 and says so.
stop_status=0
serve_stop || stop_status=$?
if [ "$stop_status" -eq 0 ] && grep -q 'stopped' "$tmp/serve.out"; then
	passed=$((passed + 1))
	echo "  ok - the server stops cleanly on SIGTERM"
else
	failed=$((failed + 1))
	echo "  not ok - the server stops cleanly on SIGTERM (exit $stop_status)"
	tail -5 "$tmp/serve.err" >&2
fi
if grep -qiE 'AddressSanitizer|runtime error|Segmentation' "$tmp/serve.err"; then
	failed=$((failed + 1))
	echo "  not ok - the server log shows a crash" && grep -iE 'Sanitizer|runtime error' "$tmp/serve.err" | head >&2
fi
echo "browser: screenshots in $artifacts" >&2
echo "browser: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]

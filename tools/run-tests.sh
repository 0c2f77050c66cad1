#!/usr/bin/env bash
# Runs every test of one build directory and prints the suite's closing line
# "N passed, N failed". Usage: tools/run-tests.sh BUILD_DIR
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
passed=0 failed=0 skipped=0
count() { # parse "...: N passed, N failed[, N skipped]" lines from a log
	local p f s
	p=$(grep -Eo '[0-9]+ passed' "$1" | awk '{s+=$1} END {print s+0}')
	f=$(grep -Eo '[0-9]+ failed' "$1" | awk '{s+=$1} END {print s+0}')
	s=$(grep -Eo '[0-9]+ skipped' "$1" | awk '{s+=$1} END {print s+0}')
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
run() { # run one test program; a crash or non-zero exit with no count is one failure
	local name=$1; shift
	local rc=0
	"$@" >"$log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ]; then
		status=1
		# A program that died before its count line (a sanitizer abort, a
		# crash) is one failure. Only a count line counts: a log may say
		# "failed" elsewhere (expected database errors).
		grep -qE '(^|[^0-9])[1-9][0-9]* failed' "$log" ||
			echo "FAIL: $name: exit status $rc without a failure counted: 1 failed" >>"$log"
	fi
	grep -E 'passed|FAIL|SKIP|skipped' "$log" | sed "s|^|  |"
	count "$log"
}
run lint tools/lint.sh
for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	run "$(basename "$t")" "$t"
done
[ -x "$build/tests/golden" ] && run golden "$build/tests/golden" "$build/phoihop" tests/import
# The fuzz targets (tests/fuzz/), each on its seeds (tests/fuzz/seeds.sh:
# its corpus, with every input that once crashed, and for the importer the
# demo documents, the import cases and the real samples when present) and
# on deterministic mutations of them. An input that fails is written to
# BUILD/fuzz-crashes/ (tests/fuzz/README.md).
[ -d ../shared/samples ] ||
	echo "  SKIP: fuzz_import: ../shared/samples is absent, so the three real samples are not among its seeds"
for t in "$build"/tests/fuzz_*; do
	[ -x "$t" ] || continue
	name=${t##*/fuzz_}
	mapfile -t seeds < <(tests/fuzz/seeds.sh "$name")
	dict=()
	[ -f "tests/fuzz/$name.dict" ] && dict=(-dict "tests/fuzz/$name.dict")
	run "fuzz_$name" "$t" "${dict[@]}" -crash "$build/fuzz-crashes" "${seeds[@]}"
done
for t in tests/cli/*.sh; do
	[ -f "$t" ] || continue
	run "$(basename "$t")" bash "$t" "$build/phoihop"
done
# HTTP tests: the server of this build on a loopback port (tests/http/README.md).
run http python3 tests/http/run.py "$build"
# Durability: 100 writers through the API, kill -9, recovery, three rounds
# (tests/http/durability.py).
run durability python3 tests/http/durability.py "$build"
echo "$build: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]

#!/usr/bin/env bash
# libfuzzer.sh: runs the libFuzzer builds of the fuzz targets for `make
# fuzz` (see the Makefile and tests/fuzz/README.md). Run from the root.
#
#   libfuzzer.sh run BUILD NAME MAX_LEN SECONDS
#       runs BUILD/fuzz_NAME for SECONDS on BUILD/corpus/NAME/ (the seeds of
#       tests/fuzz/seeds.sh copied in; libFuzzer adds what it finds there),
#       with the dictionary tests/fuzz/NAME.dict when there is one; crash,
#       timeout and out-of-memory inputs go to BUILD/crashes/NAME-*. Writes
#       the log BUILD/fuzz-logs/NAME.log and one summary line (executions,
#       coverage, corpus) to BUILD/fuzz-logs/NAME.line, and prints it.
#       Exits 0 even when the target crashed: `summary` decides.
#   libfuzzer.sh summary BUILD NAME...
#       prints the line of every target and "fuzz: N passed, N failed"
#       (the count tools/test.sh adds up); exits 1 when any target
#       crashed or left no line.
set -u
cmd=${1:-} build=${2:-build-fuzz}
shift 2 || { echo "usage: libfuzzer.sh run|summary BUILD ..." >&2; exit 2; }
logs=$build/fuzz-logs

case $cmd in
run)
	name=$1 max_len=$2 seconds=$3
	bin=$build/fuzz_$name
	work=$build/corpus/$name
	mkdir -p "$work" "$build/crashes" "$logs"
	log=$logs/$name.log line=$logs/$name.line
	rm -f "$line"
	# Seeds are named by their content, as libFuzzer names what it adds.
	while IFS= read -r f; do
		cp "$f" "$work/seed-$(sha1sum <"$f" | cut -c1-40)"
	done < <(tests/fuzz/seeds.sh "$name")
	args=(-max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -timeout=10
	      -print_final_stats=1 -artifact_prefix="$build/crashes/$name-")
	[ -f "tests/fuzz/$name.dict" ] && args+=(-dict="tests/fuzz/$name.dict")
	rc=0
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
		"$bin" "${args[@]}" "$work" >"$log" 2>&1 || rc=$?
	# The last status line: "#N DONE cov: E ft: F corp: C/SIZE ... rss: MMb".
	status=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	[ -n "$execs" ] || execs=$(printf '%s' "$status" | sed -n 's/^#\([0-9]*\).*/\1/p')
	cov=$(printf '%s' "$status" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(printf '%s' "$status" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	corp=$(printf '%s' "$status" | sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p')
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
	stats="coverage ${cov:-?} edges ${ft:-?} features, corpus ${corp:-?} (inputs/bytes), peak RSS ${rss:-?} MB"
	if [ "$rc" -eq 0 ]; then
		echo "fuzz_$name: ok: ${execs:-?} executions in $seconds s, $stats" >"$line"
	else
		stats="${execs:-?} executions, $stats"
		crash=$(grep -Eo "Test unit written to [^ ]+" "$log" | tail -n 1 | sed 's/^Test unit written to //')
		why=$(grep -E 'ERROR: |invariant broken|SUMMARY: |ALARM|out-of-memory' "$log" | head -n 2 | tr '\n' ' ')
		{
			echo "fuzz_$name: FAIL: exit status $rc after $stats"
			echo "  ${why:-see $log}"
			echo "  input: ${crash:-none written}; log: $log"
			echo "  keep it as a regression case: cp it to tests/fuzz/corpus/$name/ (tests/fuzz/README.md)"
		} >"$line"
	fi
	cat "$line"
	;;
summary)
	passed=0 failed=0
	echo "libFuzzer targets (ASan+UBSan):"
	for name in "$@"; do
		if [ -f "$logs/$name.line" ]; then
			sed 's/^/  /' "$logs/$name.line"
			if head -n 1 "$logs/$name.line" | grep -q ': ok: '; then
				passed=$((passed + 1))
			else
				failed=$((failed + 1))
			fi
		else
			echo "  fuzz_$name: FAIL: did not run (no $logs/$name.line)"
			failed=$((failed + 1))
		fi
	done
	echo "fuzz: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	;;
*)
	echo "usage: libfuzzer.sh run BUILD NAME MAX_LEN SECONDS | summary BUILD NAME..." >&2
	exit 2
	;;
esac

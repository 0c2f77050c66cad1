#!/usr/bin/env bash
# The test command: installs what is missing, builds, runs every test and
# the end-to-end browser test, then runs the whole suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer, then every fuzz target
# under libFuzzer for about 30 s each (FUZZ_SECONDS).
# The last line is the total "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
tools/setup.sh || { echo "setup failed"; exit 2; }
jobs=$(nproc 2>/dev/null || echo 2)
status=0
make -j"$jobs" all >build.log 2>&1 || { cat build.log; echo "build failed"; exit 2; }
make check 2>&1 | tee build/check.log
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
# The end-to-end browser test, once, on the normal build (chromium is far
# too slow under the sanitizers, and the server code is the same).
tools/browser-test.sh build 2>&1 | tee build/browser.log
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
san=(BUILD=build-san OPT="-O1 -g -fno-omit-frame-pointer"
     SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined")
make -j"$jobs" "${san[@]}" all >build-san.log 2>&1 \
  || { cat build-san.log; echo "sanitizer build failed"; exit 2; }
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  make "${san[@]}" check 2>&1 | tee build-san/check.log
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
# Every fuzz target under libFuzzer with ASan+UBSan for about 30 s, two at
# a time (make fuzz: clang, build-fuzz/); each prints its executions,
# coverage and corpus, and the log ends with "fuzz: N passed, N failed".
make -j"$jobs" fuzz-build >build-fuzz.log 2>&1 \
  || { cat build-fuzz.log; echo "fuzz build failed"; exit 2; }
make -j2 --no-print-directory fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-30}" 2>&1 | tee build-fuzz/fuzz.log
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
rm -f build.log build-san.log build-fuzz.log
logs=(build/check.log build/browser.log build-san/check.log build-fuzz/fuzz.log)
p=$(grep -hEo '^(build(-san)?|browser|fuzz): [0-9]+ passed' "${logs[@]}" | awk '{s+=$2} END {print s+0}')
f=$(grep -hEo '^(build(-san)?|browser|fuzz): [0-9]+ passed, [0-9]+ failed' "${logs[@]}" | awk '{s+=$4} END {print s+0}')
[ "$f" -eq 0 ] || status=1
echo "$p passed, $f failed"
exit $status

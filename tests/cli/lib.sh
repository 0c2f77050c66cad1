# lib.sh: helpers for the command-line tests. Source it; each test script
# takes the phoihop binary as $1 and ends with `finish NAME`, which prints
# "NAME: N passed, N failed".
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0 failed=0 skipped=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
# expect STATUS DESCRIPTION -- runs the rest, captures out/err in $TMP
expect() {
	local want=$1 what=$2; shift 3
	"$@" >"$TMP/out" 2>"$TMP/err"
	local got=$?
	if [ "$got" -eq "$want" ]; then ok; else
		fail "$what: exit $got, want $want; stderr: $(head -c 400 "$TMP/err")"
	fi
}
# contains FILE TEXT DESCRIPTION
contains() {
	if grep -qF -- "$2" "$1"; then ok; else fail "$3: '$2' not in $(basename "$1"): $(head -c 400 "$1")"; fi
}
lacks() {
	if grep -qF -- "$2" "$1"; then fail "$3: '$2' unexpectedly in $(basename "$1")"; else ok; fi
}
# equal GOT WANT DESCRIPTION
equal() { if [ "$1" = "$2" ]; then ok; else fail "$3: got '$1', want '$2'"; fi; }
sql() { sqlite3 "$DB" "$1"; }
finish() {
	echo "$1: $passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ]
}

#!/usr/bin/env bash
# Structural checks the compiler cannot make. Prints "lint: N passed, N failed".
#  - sqlite3.h is included only by the SQLite backend;
#  - statements are prepared only inside src/db/ (all SQL lives there);
#  - no SQL text is assembled with printf-style %s / %d;
#  - every C file opens with a comment saying what belongs there;
#  - page bytes are written only by the HTML writer: raw markup only
#    through H() (string literals), and no buffer writes in pages/ or api/;
#  - libmicrohttpd is included only by the server glue.
cd "$(dirname "$0")/.."
passed=0 failed=0
check() { # DESCRIPTION OFFENDING-LINES
	if [ -z "$2" ]; then passed=$((passed + 1)); else
		failed=$((failed + 1)); printf 'FAIL: lint: %s:\n%s\n' "$1" "$2" >&2; fi
}
check "sqlite3.h outside src/db/sqlite.c" \
	"$(grep -rln 'sqlite3\.h' src | grep -v '^src/db/sqlite.c$')"
check "db_prepare/db_exec outside src/db/" \
	"$(grep -rn -E '\bdb_(prepare|exec)\(' src --include=*.c | grep -v '^src/db/')"
check "SQL assembled with format strings" \
	"$(grep -rn -E '"[^"]*\b(SELECT|INSERT|UPDATE|DELETE)\b[^"]*%[sdl]' src)"
check "C files without an opening comment" \
	"$(for f in src/*.c src/*/*.c src/*/*.h; do head -c 2 "$f" | grep -q '/\*' || echo "$f"; done)"
check "raw HTML output (html_lit_) outside the H() macro" \
	"$(grep -rn 'html_lit_(' src --include=*.c | grep -v '^src/web/html\.c:')"
check "buffer writes in pages/ or api/ (use html.h or reply.h)" \
	"$(grep -rn -E '\bbuf_(puts|putc|append|printf)\(|->out\.' src/pages src/api --include=*.c)"
check "microhttpd.h outside src/web/server.c" \
	"$(grep -rln 'microhttpd\.h' src | grep -v '^src/web/server.c$')"
echo "lint: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

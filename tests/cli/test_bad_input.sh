#!/usr/bin/env bash
# Bad input to `import`: each file is refused with exit 1, a stable English
# code on stderr, and nothing written to the database.
. "$(dirname "$0")/lib.sh"
DB=$TMP/t.db
expect 0 "init" -- "$BIN" --db "$DB" init
counts() { sql "SELECT (SELECT COUNT(*) FROM documents) || ' ' || (SELECT COUNT(*) FROM tasks) || ' ' || (SELECT COUNT(*) FROM units)"; }
before=$(counts)

refused() { # FILE CODE DESCRIPTION
	expect 1 "$3" -- "$BIN" --db "$DB" import "$1"
	contains "$TMP/err" "$2" "$3"
	equal "$(counts)" "$before" "$3: database unchanged"
}

: >"$TMP/empty.txt"
refused "$TMP/empty.txt" empty_input "empty file"
printf ' \n\t\n\n' >"$TMP/blank.txt"
refused "$TMP/blank.txt" empty_input "white space only"
printf 'Số: 1/KH-UBND\nKẾ HOẠCH \xff\xfe tiếp\n' >"$TMP/bad-utf8.txt"
refused "$TMP/bad-utf8.txt" invalid_utf8 "invalid UTF-8"
contains "$TMP/err" "line 2" "invalid UTF-8 names the line"
printf 'overlong \xc0\xaf slash\n' >"$TMP/overlong.txt"
refused "$TMP/overlong.txt" invalid_utf8 "overlong UTF-8"
head -c 3000 /dev/urandom >"$TMP/random.bin"
printf '\x7fELF\x02\x01\x01\x00\x00\x00' | cat - "$TMP/random.bin" >"$TMP/program.bin"
refused "$TMP/program.bin" binary_input "binary file"
printf 'Kế hoạch\x00\x00\x00 năm 2024\n' >"$TMP/nul.txt"
refused "$TMP/nul.txt" binary_input "text with NUL bytes"
yes 'Tổ chức tuyên truyền về bình đẳng giới cho hội viên phụ nữ.' | head -c 52428800 >"$TMP/big.txt"
refused "$TMP/big.txt" input_too_large "50 MB file"
refused "$TMP/does-not-exist.txt" io_error "missing file"

# A dry run writes nothing, and against a database that does not exist it
# does not create one.
expect 0 "dry run" -- "$BIN" --db "$DB" import --dry-run "$HERE/fixtures/plan-2024.txt"
equal "$(counts)" "$before" "dry run writes nothing"
expect 0 "dry run without database" -- "$BIN" --db "$TMP/none.db" import --dry-run --json "$HERE/fixtures/plan-2024.txt"
if [ -e "$TMP/none.db" ]; then fail "dry run created a database"; else ok; fi

# A ragged table: the review list names the bad rows; without --confirm
# nothing is saved; with it the good row is saved and the items are kept.
expect 0 "ragged dry run" -- "$BIN" --db "$DB" import --dry-run --json "$HERE/fixtures/ragged.txt"
contains "$TMP/out" '"line": 12' "row with too few cells is in the review list"
contains "$TMP/out" '"line": 13' "row with too many cells is in the review list"
expect 1 "ragged import needs confirmation" -- "$BIN" --db "$DB" import "$HERE/fixtures/ragged.txt"
contains "$TMP/err" review_required "ragged import without --confirm"
equal "$(counts)" "$before" "ragged import without --confirm writes nothing"
expect 0 "ragged import confirmed" -- "$BIN" --db "$DB" import --confirm "$HERE/fixtures/ragged.txt"
equal "$(sql 'SELECT COUNT(*) FROM tasks')" "1" "only the well-formed row became a task"
equal "$(sql 'SELECT COUNT(*) FROM review_items WHERE line IN (12, 13)')" "2" "review items kept with the document"

# One bad file among good ones: the good ones are saved, the bad one not,
# and the exit status says something failed.
expect 1 "mixed batch" -- "$BIN" --db "$DB" import --confirm "$HERE/fixtures/plan-2024.txt" "$TMP/empty.txt"
equal "$(sql 'SELECT COUNT(*) FROM documents')" "2" "the good file of a mixed batch is saved"
finish test_bad_input

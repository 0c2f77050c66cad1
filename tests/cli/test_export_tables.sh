#!/usr/bin/env bash
# test_export_tables.sh: `phoihop export tasks|compliance|indicator|audit`:
# both formats, -o FILE and stdout, the filters of `tasks`, --semicolon,
# and bad arguments (an unknown schedule, a bad date, a bad period, an
# unknown format) exiting 1 with a message and writing nothing.
. "$(dirname "$0")/lib.sh"
DB="$TMP/t.db"
export PHOIHOP_TODAY=2024-09-15
"$BIN" --db "$DB" init >/dev/null 2>&1 || fail "init"
"$BIN" --db "$DB" import --confirm "$HERE/fixtures/plan-2024.txt" >/dev/null 2>&1 || fail "import"
ntasks=$(sql "SELECT COUNT(*) FROM tasks")

# Tasks as CSV on stdout: the BOM, the header, one line per task, CRLF.
expect 0 "export tasks csv" -- "$BIN" --db "$DB" export tasks --format csv
equal "$(head -c 3 "$TMP/out" | od -An -tx1 | tr -d ' ')" "efbbbf" "BOM"
contains "$TMP/out" "STT,TT,Nội dung nhiệm vụ,Kế hoạch" "CSV header"
equal "$(($(grep -c $'\r$' "$TMP/out") - 1))" "$ntasks" "one CRLF line per task"
# The filters of `tasks`: --unit and --role give what `tasks` lists.
expect 0 "tasks --unit --role" -- "$BIN" --db "$DB" tasks --unit "Hội LHPN tỉnh" --role lead --json
want=$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' <"$TMP/out")
expect 0 "export tasks --unit --role" -- "$BIN" --db "$DB" export tasks --unit "Hội LHPN tỉnh" --role lead --format csv
equal "$(($(wc -l <"$TMP/out") - 1))" "$want" "filtered export counts what tasks lists"
[ "$want" -gt 0 ] && [ "$want" -lt "$ntasks" ] && ok || fail "the filter kept $want of $ntasks tasks"
expect 0 "semicolon" -- "$BIN" --db "$DB" export tasks --format csv --semicolon
contains "$TMP/out" "STT;TT;Nội dung nhiệm vụ" "semicolon header"

# Tasks as xlsx to a file: a zip with a sheet; nothing on stdout.
expect 0 "export tasks xlsx -o" -- "$BIN" --db "$DB" export tasks --format xlsx -o "$TMP/t.xlsx"
equal "$(head -c 2 "$TMP/t.xlsx")" "PK" "xlsx is a zip"
equal "$(wc -c <"$TMP/out")" "0" "nothing on stdout with -o"
python3 - "$TMP/t.xlsx" "$ntasks" <<'PY' && ok || fail "xlsx read back"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
s = z.read("xl/worksheets/sheet1.xml").decode()
assert s.count("<row ") == int(sys.argv[2]) + 1, s.count("<row ")
assert "<autoFilter" in s and 'state="frozen"' in s
assert "Nhiệm vụ" in z.read("xl/workbook.xml").decode()
PY
ls "$TMP"/t.xlsx.tmp* >/dev/null 2>&1 && fail "a temporary file left beside -o" || ok

# Audit, with a range and without.
expect 0 "export audit" -- "$BIN" --db "$DB" export audit --from 2000-01-01 --format csv
contains "$TMP/out" "Nhập văn bản" "audit labels the import"
expect 0 "export audit future" -- "$BIN" --db "$DB" export audit --from 2199-01-01 --format csv
equal "$(wc -l <"$TMP/out")" "1" "an empty range gives the header alone"

# Compliance of a schedule made from the plan.
# (The command line makes no schedule; one is written here as the pages
# would, so that the export has rows to read.)
ubnd=$(sql "SELECT id FROM units WHERE key = 'laocai.ubnd'")
hl=$(sql "SELECT id FROM units WHERE key = 'laocai.hlhpn'")
sql "INSERT INTO report_schedules (kind, title, due, receiving_unit_id, created_at)
     VALUES ('ad_hoc', 'Báo cáo thử', '2024-09-10', $ubnd, '2024-09-01T00:00:00Z')" 2>"$TMP/sqlerr"
sched=$(sql "SELECT MAX(id) FROM report_schedules")
[ -n "$sched" ] && sql "INSERT INTO report_schedule_units (schedule_id, unit_id) VALUES ($sched, $hl)" 2>>"$TMP/sqlerr"
if [ -n "$sched" ]; then
	expect 0 "export compliance" -- "$BIN" --db "$DB" export compliance "$sched" --format xlsx -o "$TMP/c.xlsx"
	equal "$(head -c 2 "$TMP/c.xlsx")" "PK" "compliance xlsx"
	expect 0 "export compliance csv" -- "$BIN" --db "$DB" export compliance "$sched" --format csv
	contains "$TMP/out" "Chưa nộp, quá hạn" "the missing unit, 5 days overdue"
else
	fail "no schedule to export: $(cat "$TMP/sqlerr")"
fi

# Bad arguments: exit 1, a message, no file.
expect 1 "unknown schedule" -- "$BIN" --db "$DB" export compliance 999999 --format csv -o "$TMP/x.csv"
contains "$TMP/err" "no report schedule 999999" "unknown schedule message"
[ -e "$TMP/x.csv" ] && fail "a file written for an unknown schedule" || ok
expect 1 "schedule not a number" -- "$BIN" --db "$DB" export compliance abc --format csv
expect 1 "no schedule" -- "$BIN" --db "$DB" export compliance --format csv
expect 1 "bad date" -- "$BIN" --db "$DB" export audit --from 2024-02-30 --format csv
contains "$TMP/err" "--from must be a date" "bad date message"
expect 1 "from after to" -- "$BIN" --db "$DB" export audit --from 2024-09-02 --to 2024-09-01 --format csv
expect 1 "bad period" -- "$BIN" --db "$DB" export indicator 1 --period 2024-H3 --format csv
contains "$TMP/err" "--period must be" "bad period message"
expect 1 "no period" -- "$BIN" --db "$DB" export indicator 1 --format csv
expect 1 "unknown indicator" -- "$BIN" --db "$DB" export indicator 999999 --period 2024 --format csv
contains "$TMP/err" "no indicator 999999" "unknown indicator message"
expect 1 "unknown format" -- "$BIN" --db "$DB" export tasks --format pdf
contains "$TMP/err" "--format pdf is not offered" "unknown format message"
expect 1 "docx for tasks" -- "$BIN" --db "$DB" export tasks --format docx
expect 1 "no format" -- "$BIN" --db "$DB" export audit
expect 1 "bad status" -- "$BIN" --db "$DB" export tasks --status nope --format csv
expect 1 "bad quarter" -- "$BIN" --db "$DB" export tasks --quarter 2024Q5 --format csv
expect 1 "unknown unit" -- "$BIN" --db "$DB" export tasks --unit "Không có đơn vị này" --format csv
contains "$TMP/err" "no unit named" "unknown unit message"
expect 1 "unknown option" -- "$BIN" --db "$DB" export tasks --bogus --format csv
expect 1 "missing database" -- "$BIN" --db "$TMP/none.db" export tasks --format csv
[ -e "$TMP/none.db" ] && fail "export created a database" || ok
expect 0 "help" -- "$BIN" --db "$DB" export tasks --help
contains "$TMP/out" "usage: phoihop" "help text"

finish test_export_tables

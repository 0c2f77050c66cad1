#!/usr/bin/env bash
# The command line: help, usage errors, init, import (and re-import), plans,
# show, tasks with every filter, units.
. "$(dirname "$0")/lib.sh"
DB=$TMP/t.db
PLAN=$HERE/fixtures/plan-2024.txt

for c in init import plans show tasks units; do
	expect 0 "$c --help" -- "$BIN" "$c" --help
	contains "$TMP/out" "usage: phoihop" "$c --help prints usage"
done
expect 0 "--help" -- "$BIN" --help
expect 1 "no command" -- "$BIN"
expect 1 "unknown command" -- "$BIN" frobnicate
contains "$TMP/err" "usage" "unknown command gives a usage code"
expect 1 "unknown option" -- "$BIN" --db "$DB" tasks --colour
expect 1 "bad quarter" -- "$BIN" --db "$DB" tasks --quarter 2024Q5
expect 1 "bad status" -- "$BIN" --db "$DB" tasks --status finished
expect 1 "role without unit" -- "$BIN" --db "$DB" tasks --role lead
expect 1 "import without files" -- "$BIN" --db "$DB" import

expect 0 "init" -- "$BIN" --db "$DB" init
units=$(sql "SELECT COUNT(*) FROM units")
[ "$units" -gt 40 ] && ok || fail "registry has only $units units"
expect 0 "init again" -- "$BIN" --db "$DB" init
equal "$(sql 'SELECT COUNT(*) FROM units')" "$units" "init twice adds nothing"
equal "$(sql 'PRAGMA foreign_keys')" "0" "foreign keys are per connection (sqlite3 shell default)"
equal "$(sql 'PRAGMA journal_mode')" "wal" "database is in WAL mode"

expect 0 "import" -- "$BIN" --db "$DB" import --confirm "$PLAN"
equal "$(sql 'SELECT COUNT(*) FROM tasks')" "4" "four tasks imported"
expect 0 "re-import" -- "$BIN" --db "$DB" import --confirm "$PLAN"
contains "$TMP/err" "already imported" "re-import says so"
equal "$(sql 'SELECT COUNT(*) FROM documents')" "1" "re-import adds no document"
equal "$(sql 'SELECT COUNT(*) FROM tasks')" "4" "re-import adds no task"

# All spellings of one agency resolve to one unit, different agencies differ.
ldtbxh=$(sql "SELECT COUNT(DISTINCT unit_id) FROM task_coordinators WHERE text LIKE 'Sở L%'")
equal "$ldtbxh" "1" "Sở LĐ-TB&XH spellings are one unit"
lead3=$(sql "SELECT lead_unit_id FROM tasks WHERE no = '3'")
coord2=$(sql "SELECT unit_id FROM task_coordinators c JOIN tasks t ON t.id = c.task_id WHERE t.no = '2'")
equal "$lead3" "$coord2" "Sở Lao động-TB&XH (lead) = Sở Lao động - Thương binh và Xã hội"
distinct=$(sql "SELECT COUNT(DISTINCT unit_id) FROM task_coordinators c JOIN tasks t ON t.id = c.task_id WHERE t.no = '1'")
equal "$distinct" "2" "Sở LĐ-TB&XH and Sở Kế hoạch và Đầu tư are different units"

expect 0 "plans" -- "$BIN" --db "$DB" plans
contains "$TMP/out" "95/KH-UBND" "plans lists the number"
expect 0 "plans --json" -- "$BIN" --db "$DB" plans --json
contains "$TMP/out" '"tasks": 4' "plans --json has the task count"
plan=$(sql "SELECT id FROM plans")
expect 0 "show" -- "$BIN" --db "$DB" show "$plan"
contains "$TMP/out" "Tập huấn khởi sự kinh doanh" "show lists tasks"
contains "$TMP/out" "2024-06-15" "show lists the 6-month deadline"
contains "$TMP/out" "Nguyễn Văn Thử" "show lists the signer"
contains "$TMP/out" "[>= 80%, đến năm 2025]" "show reads a target as a sentence"
expect 0 "show --json" -- "$BIN" --db "$DB" show "$plan" --json
contains "$TMP/out" '"number": "1432/QĐ-UBND"' "show --json has the reference"
expect 1 "show missing plan" -- "$BIN" --db "$DB" show 999
contains "$TMP/err" "not_found" "missing plan gives not_found"
expect 1 "show bad plan" -- "$BIN" --db "$DB" show abc

count() { "$BIN" --db "$DB" tasks --json "$@" 2>/dev/null | grep -c '"plan_id"'; }
equal "$(count)" "4" "all tasks"
equal "$(count --unit 'Hội LHPN tỉnh' --role lead)" "3" "Hội LHPN tỉnh leads 3"
equal "$(count --unit 'Hội Liên hiệp Phụ nữ tỉnh Lào Cai' --role coordinating)" "1" "Hội LHPN coordinates 1"
equal "$(count --unit 'Sở LĐ-TB&XH')" "3" "Sở LĐ-TB&XH in 3 tasks (either role)"
equal "$(count --unit 'Sở Lao động - Thương binh và Xã hội' --role lead)" "1" "full name finds the same unit"
equal "$(count --quarter 2024Q1)" "2" "Q1: task 1 and the ongoing task"
equal "$(count --quarter 2024Q3)" "2" "Q3: task 2 and the ongoing task"
equal "$(count --quarter 2025Q1)" "0" "nothing in 2025"
equal "$(PHOIHOP_TODAY=2024-07-15 count --overdue)" "1" "on 15/7/2024 only the Q1 task is overdue"
equal "$(PHOIHOP_TODAY=2025-01-10 count --overdue)" "4" "in 2025 all are overdue"
equal "$(PHOIHOP_TODAY=2024-01-10 count --overdue)" "0" "nothing overdue in January"
equal "$(count --status not_started)" "4" "status filter"
equal "$(count --status done)" "0" "no done tasks"
expect 1 "unknown unit" -- "$BIN" --db "$DB" tasks --unit "Sở Không Có"
contains "$TMP/err" "not_found" "unknown unit"

expect 0 "units" -- "$BIN" --db "$DB" units
contains "$TMP/out" "Sở Tư pháp" "units lists departments"
expect 0 "units --tree" -- "$BIN" --db "$DB" units --tree
grep -qE '^  +Sở Tư pháp' "$TMP/out" && ok || fail "units --tree indents departments under the province"
expect 0 "units --json" -- "$BIN" --db "$DB" units --json
contains "$TMP/out" '"valid_to": "2025-02-28"' "merged departments carry their end date"
finish test_commands

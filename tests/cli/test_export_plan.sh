#!/usr/bin/env bash
# test_export_plan.sh: `phoihop export plan PLAN --format docx|xlsx|csv`:
# the Word file checked by tests/export/check_docx.py (XML, A4, margins,
# header table, "./.", and once through LibreOffice to a PDF of A4
# pages), the round trip (the exported plan imported again gives the same
# tasks, units and dates), the spreadsheet, and bad arguments.
. "$(dirname "$0")/lib.sh"
DB="$TMP/t.db"
export PHOIHOP_TODAY=2026-03-15
"$BIN" --db "$DB" init >/dev/null 2>&1 || fail "init"
"$BIN" --db "$DB" import --confirm "$ROOT/demo/2026-laocai-ubnd-hlhpn-ke-hoach.txt" >/dev/null 2>&1 || fail "import"
id=$(sql "SELECT MAX(id) FROM plans")

expect 0 "export plan docx" -- "$BIN" --db "$DB" export plan "$id" --format docx -o "$TMP/p.docx"
equal "$(head -c 2 "$TMP/p.docx")" "PK" "docx is a zip"
if python3 "$ROOT/tests/export/check_docx.py" "$TMP/p.docx" --pdf >"$TMP/check" 2>&1; then ok; else
	fail "check_docx: $(cat "$TMP/check")"; fi
contains "$TMP/check" '"Số: 41/KH-UBND"' "the number and symbol once"
contains "$TMP/check" '"page1_px": [59' "page 1 rendered"

# Round trip: the exported file read again gives the same tasks.
"$BIN" --db "$DB" show "$id" --json >"$TMP/orig.json" 2>/dev/null || fail "show"
expect 0 "import the export" -- "$BIN" --db "$TMP/t2.db" import "$TMP/p.docx" --dry-run --json
cp "$TMP/out" "$TMP/rt.json"
if python3 - "$TMP/orig.json" "$TMP/rt.json" >"$TMP/diff" 2>&1 <<'PY'
import json, sys
o = json.load(open(sys.argv[1])); r = json.load(open(sys.argv[2]))
def key(t):
    return (t["no"], t["content"], t["lead"]["unit"],
            sorted(c["unit"] or c["text"] for c in t["coordinating"]),
            t["timeframe"]["start"], t["timeframe"]["end"], t["timeframe"]["text"])
a = [key(t) for t in o["task_list"]]; b = [key(t) for t in r["tasks"]]
assert a, "the plan has no tasks"
assert a == b, f"tasks differ:\n{a}\n{b}"
d = r["document"]
for f in ("type", "number", "symbol", "place", "date", "title"):
    assert d[f] == o[f], f"{f}: {d[f]!r} != {o[f]!r}"
assert [s["name"] for s in r["signers"]] == [s["name"] for s in o["signers"]], "signer"
PY
then ok; else fail "round trip: $(cat "$TMP/diff")"; fi

# The spreadsheet forms: one row per task.
expect 0 "export plan csv" -- "$BIN" --db "$DB" export plan "$id" --format csv
equal "$(($(grep -c $'\r$' "$TMP/out") - 1))" "$(sql "SELECT COUNT(*) FROM tasks WHERE plan_id=$id")" "one CSV line per task"
expect 0 "export plan xlsx" -- "$BIN" --db "$DB" export plan "$id" --format xlsx -o "$TMP/p.xlsx"
equal "$(head -c 2 "$TMP/p.xlsx")" "PK" "xlsx is a zip"

# Bad arguments: exit 1, a message, no file.
expect 1 "no plan" -- "$BIN" --db "$DB" export plan 999 --format docx -o "$TMP/none.docx"
contains "$TMP/err" "no plan 999" "unknown plan named"
[ ! -e "$TMP/none.docx" ] && ok || fail "a file written for an unknown plan"
expect 1 "bad format" -- "$BIN" --db "$DB" export plan "$id" --format pdf
contains "$TMP/err" "--format pdf" "bad format named"
expect 1 "no format" -- "$BIN" --db "$DB" export plan "$id"
expect 1 "bad id" -- "$BIN" --db "$DB" export plan abc --format docx
expect 1 "no plan id" -- "$BIN" --db "$DB" export plan --format docx
finish export_plan

#!/usr/bin/env bash
# `import` and the text of a document: plain text keeps every character,
# Markdown by the file name or --format.
. "$(dirname "$0")/lib.sh"
DB=$TMP/t.db
expect 0 "init" -- "$BIN" --db "$DB" init
json() { python3 -c "import json,sys; d=json.load(open('$TMP/out')); print($1)"; }

cat >"$TMP/sao.txt" <<'EOF'
ỦY BAN NHÂN DÂN
TỈNH LÀO CAI

Số: 61/KH-UBND

Lào Cai, ngày 04 tháng 3 năm 2024

KẾ HOẠCH
Giảm 5*3 vụ và 2*2=4 trong năm 2024

I. NỘI DUNG

STT	Nội dung	Cơ quan chủ trì	Cơ quan phối hợp	Thời gian thực hiện
1	Tập huấn cho 3*20 cán bộ (*)	Sở Nội vụ	Sở Tư pháp	Quý I/2024
2	{{7*7}} và **không**	Sở Tư pháp	Sở Nội vụ	Quý II/2024

Nơi nhận:
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn Thử
EOF

# ---- formats ----------------------------------------------------------------
expect 0 "dry run of a .txt" -- "$BIN" --db "$DB" import --dry-run --json "$TMP/sao.txt"
equal "$(json 'd["format"]')" "text" ".txt is plain text"
equal "$(json 'd["document"]["title"]')" "Giảm 5*3 vụ và 2*2=4 trong năm 2024" "plain title kept"
equal "$(json 'd["tasks"][0]["content"]')" "Tập huấn cho 3*20 cán bộ (*)" "plain 3*20 kept"
equal "$(json 'd["tasks"][1]["content"]')" "{{7*7}} và **không**" "plain stars kept"
equal "$(json 'sum("Markdown" in r["what"] for r in d["review"])')" "1" "one note on Markdown-looking text"
cp "$TMP/sao.txt" "$TMP/sao.md"
expect 0 "dry run of a .md" -- "$BIN" --db "$DB" import --dry-run --json "$TMP/sao.md"
equal "$(json 'd["format"]')" "markdown" ".md is Markdown"
equal "$(json 'd["tasks"][1]["content"]')" "{{7*7}} và không" "Markdown emphasis read"
equal "$(json 'd["tasks"][0]["content"]')" "Tập huấn cho 3*20 cán bộ (*)" "Markdown keeps 3*20"
expect 0 "--format markdown on a .txt" -- "$BIN" --db "$DB" import --dry-run --json --format markdown "$TMP/sao.txt"
equal "$(json 'd["format"]')" "markdown" "--format markdown wins over .txt"
expect 0 "--format=text on a .md" -- "$BIN" --db "$DB" import --dry-run --json --format=text "$TMP/sao.md"
equal "$(json 'd["tasks"][1]["content"]')" "{{7*7}} và **không**" "--format=text wins over .md"
expect 1 "--format rtf" -- "$BIN" --db "$DB" import --dry-run --format rtf "$TMP/sao.txt"
contains "$TMP/err" "usage" "a bad --format is a usage error"
expect 1 "--format without a value" -- "$BIN" --db "$DB" import "$TMP/sao.txt" --format
equal "$(sql 'SELECT COUNT(*) FROM documents')" "0" "dry runs and usage errors write nothing"
expect 0 "import the plain text" -- "$BIN" --db "$DB" import --confirm "$TMP/sao.txt"
equal "$(sql "SELECT content FROM tasks WHERE no = '1'")" "Tập huấn cho 3*20 cán bộ (*)" "stored 3*20"
equal "$(sql "SELECT content FROM tasks WHERE no = '2'")" "{{7*7}} và **không**" "stored stars"

# ---- the same document: trailing white space, CRLF, an old hash ------------
docs() { sql 'SELECT COUNT(*) || " " || (SELECT COUNT(*) FROM tasks) FROM documents'; }
before=$(docs)
doc=$(sql "SELECT id FROM documents WHERE number = '61/KH-UBND'")
plan=$(sql "SELECT id FROM plans WHERE document_id = $doc")
{ cat "$TMP/sao.txt"; printf '\n\n  \n'; } >"$TMP/v1.txt"
sed 's/$/  /' "$TMP/sao.txt" >"$TMP/v2.txt"
sed 's/$/\r/' "$TMP/sao.txt" >"$TMP/v3.txt"
for v in v1 v2 v3; do
	expect 0 "dry run of $v" -- "$BIN" --db "$DB" import --dry-run --json "$TMP/$v.txt"
	equal "$(json 'd["already_imported"]["document_id"]')" "$doc" "$v: the dry run names the document"
	equal "$(json 'd["already_imported"]["plan_id"]')" "$plan" "$v: and its plan"
	equal "$(json 'len(d["same_number_date"])')" "0" "$v: not a document of the same number"
	expect 0 "import $v" -- "$BIN" --db "$DB" import --confirm "$TMP/$v.txt"
	contains "$TMP/err" "already imported as document $doc" "$v: recognised"
done
expect 0 "dry run, summary" -- "$BIN" --db "$DB" import --dry-run "$TMP/v1.txt"
contains "$TMP/out" "ĐÃ NHẬP TRƯỚC ĐÂY" "the summary says it was imported before"
equal "$(docs)" "$before" "no variant stored"

# A document stored by an older version holds the hash of its text as
# written: still recognised, and rewritten in the new form by an import.
old=$(sql "SELECT original_text FROM documents WHERE id = $doc" |
      python3 -c 'import sys,hashlib; print(hashlib.sha256(sys.stdin.buffer.read()[:-1]).hexdigest())')
sql "UPDATE documents SET content_hash = '$old' WHERE id = $doc"
expect 0 "dry run against an old hash" -- "$BIN" --db "$DB" import --dry-run --json "$TMP/v2.txt"
equal "$(json 'd["already_imported"]["document_id"]')" "$doc" "old hash recognised by a dry run"
equal "$(sql "SELECT content_hash FROM documents WHERE id = $doc")" "$old" "the dry run rewrote nothing"
expect 0 "import against an old hash" -- "$BIN" --db "$DB" import --confirm "$TMP/v1.txt"
contains "$TMP/err" "already imported as document $doc" "old hash recognised by an import"
equal "$(sql "SELECT content_hash LIKE 'norm-sha256:%' FROM documents WHERE id = $doc")" "1" "hash rewritten"
equal "$(docs)" "$before" "nothing stored against the old hash"

# Same number, symbol and date, another text: a warning, not a refusal.
sed 's/Tập huấn cho 3\*20 cán bộ/Tập huấn cho 3*25 cán bộ/' "$TMP/sao.txt" >"$TMP/sua.txt"
expect 0 "dry run of a changed text" -- "$BIN" --db "$DB" import --dry-run --json "$TMP/sua.txt"
equal "$(json 'd["already_imported"]')" "None" "a changed text is not imported before"
equal "$(json '[x["document_id"] for x in d["same_number_date"]]')" "[$doc]" "same number named"
expect 0 "dry run summary of a changed text" -- "$BIN" --db "$DB" import --dry-run "$TMP/sua.txt"
contains "$TMP/out" "Đã có văn bản cùng số, ký hiệu và ngày" "the summary warns"
expect 0 "import a changed text" -- "$BIN" --db "$DB" import --confirm "$TMP/sua.txt"
contains "$TMP/err" "warning: document $doc has the same number" "the import warns on stderr"
equal "$(sql "SELECT COUNT(*) FROM documents WHERE number = '61/KH-UBND'")" "2" "and imports"
# Without a database nothing is checked.
expect 0 "dry run without a database" -- "$BIN" --db "$TMP/none.db" import --dry-run --json "$TMP/sua.txt"
equal "$(json 'repr((d["already_imported"], d["same_number_date"]))')" "(None, [])" "nothing checked"
[ ! -e "$TMP/none.db" ] && ok || fail "the dry run created a database"

# ---- what one document can create is capped (finding 11) -------------------
python3 - "$TMP/lon.txt" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n\nSố: 70/KH-UBND\n\n"
            "Lào Cai, ngày 02 tháng 5 năm 2024\n\nKẾ HOẠCH\nThử giới hạn năm 2024\n\n"
            "I. NỘI DUNG\n\nSTT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n")
    for i in range(1, 5201):
        f.write("%d\tViệc số %d\tSở Nội vụ\tSở Tư pháp\tQuý II/2024\n" % (i, i))
    f.write("\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn Thử\n")
PY
before=$(docs)
expect 0 "dry run of 5,200 tasks" -- timeout 120 "$BIN" --db "$DB" import --dry-run --json "$TMP/lon.txt"
equal "$(json 'len(d["tasks"])')" "5000" "5,000 tasks extracted"
equal "$(json 'd["tasks"][-1]["content"]')" "Việc số 5000" "the first 5,000"
equal "$(json '[r["line"] for r in d["review"] if "5.000 nhiệm vụ" in r["what"] and "200 nhiệm vụ sau" in r["what"]]')" "[5014]" \
	"a review item says 200 tasks from line 5014 were left out"
expect 1 "import of 5,200 tasks without --confirm" -- timeout 120 "$BIN" --db "$DB" import "$TMP/lon.txt"
contains "$TMP/err" "review_required" "the cap makes the import need review"
contains "$TMP/out" "Vượt giới hạn 5.000 nhiệm vụ" "the summary says so in Vietnamese"
equal "$(docs)" "$before" "nothing written without --confirm"
expect 0 "import of 5,200 tasks with --confirm" -- timeout 120 "$BIN" --db "$DB" import --confirm "$TMP/lon.txt"
lon=$(sql "SELECT p.id FROM plans p JOIN documents d ON d.id = p.document_id WHERE d.number = '70/KH-UBND'")
equal "$(sql "SELECT COUNT(*) FROM tasks WHERE plan_id = $lon")" "5000" "5,000 tasks saved"
equal "$(sql "SELECT COUNT(*) FROM review_items r JOIN plans p ON p.document_id = r.document_id WHERE p.id = $lon AND r.what LIKE '%5.000 nhiệm vụ%'")" "1" \
	"the review item is kept with the document"

finish test_import

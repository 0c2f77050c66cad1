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

finish test_import

#!/usr/bin/env bash
# `phoihop demo --scale small`: the generated tree (units per level), the
# 20 indicators and their values (plausible: rates with numerator <=
# denominator, bools 0/1), the accounts, determinism (the same seed gives
# the same values table, another seed another one), the refusal of a
# database with data, and a roll-up through the API equal to the sum
# sqlite3 computes from the values table. The national scale is left to
# bench/national.sh (too slow for the suite).
. "$(dirname "$0")/lib.sh"
. "$ROOT/tools/lib-serve.sh"
DB=$TMP/d.db

expect 0 "demo --help" -- "$BIN" demo --help
contains "$TMP/out" "usage: phoihop" "demo --help prints usage"
expect 1 "demo without --scale" -- "$BIN" --db "$DB" demo
contains "$TMP/err" "--scale" "the error names --scale"
expect 1 "demo with a bad scale" -- "$BIN" --db "$DB" demo --scale huge
expect 1 "demo with a bad seed" -- "$BIN" --db "$DB" demo --scale small --seed x1
expect 1 "demo with a short password" -- "$BIN" --db "$DB" demo --scale small --password abc
[ -e "$DB" ] && fail "usage errors created the database" || ok

expect 0 "demo small" -- "$BIN" --db "$DB" demo --scale small --seed 42 --password 'mat-khau-demo'
contains "$TMP/out" "100 chi hội" "the summary counts the branches"
lacks "$TMP/out" "mật khẩu:" "a given password is not printed"

lvl() { sql "SELECT COUNT(*) FROM units WHERE key LIKE 'hpn.%' AND level = '$1' AND kind = 'mass_org'"; }
equal "$(lvl central)" 1 "one central union"
equal "$(lvl province)" 2 "two provincial unions"
equal "$(lvl commune)" 10 "2 x 5 commune unions"
equal "$(lvl branch)" 100 "2 x 5 x 10 branches"
equal "$(sql "SELECT COUNT(*) FROM units b JOIN units c ON c.id = b.parent_id
	WHERE b.level = 'branch' AND b.key LIKE 'hpn.%' AND c.level = 'commune'")" 100 \
	"every branch sits under a commune union"
equal "$(sql "SELECT name FROM units WHERE key = 'hpn.tw'")" \
	"Trung ương Hội Liên hiệp Phụ nữ Việt Nam" "the central union's name"
equal "$(sql "SELECT COUNT(*) FROM units WHERE key LIKE 'hpn.%.c%' AND name NOT LIKE 'Chi hội Phụ nữ %'")" 0 \
	"branches are named Chi hội Phụ nữ ..."
equal "$(sql "SELECT COUNT(*) FROM indicators WHERE code LIKE 'HPN-%'")" 20 "20 indicators"
equal "$(sql "SELECT COUNT(DISTINCT type) FROM indicators")" 4 "count, sum, rate and bool indicators"
equal "$(sql "SELECT COUNT(*) FROM indicators i WHERE NOT EXISTS
	(SELECT 1 FROM indicator_targets t WHERE t.indicator_id = i.id)")" 0 "every indicator has targets"
equal "$(sql "SELECT COUNT(DISTINCT period) FROM indicator_values")" 8 "8 half-year periods"
equal "$(sql "SELECT MIN(period) || ' ' || MAX(period) FROM indicator_values")" "2022-H1 2025-H2" \
	"periods 2022-H1 to 2025-H2"
# 5 branch indicators: at most 100 x 5 x 8 values, some missing.
nb=$(sql "SELECT COUNT(*) FROM indicator_values v JOIN units u ON u.id = v.unit_id WHERE u.level = 'branch'")
if [ "$nb" -gt 3600 ] && [ "$nb" -lt 4000 ]; then ok; else fail "branch values: $nb, want 3600..3999 (4000 less a few missing)"; fi
equal "$(sql "SELECT COUNT(*) FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
	JOIN units u ON u.id = v.unit_id WHERE (',' || i.levels || ',') NOT LIKE ('%,' || u.level || ',%')")" 0 \
	"values only at an indicator's reporting level"
equal "$(sql "SELECT COUNT(*) FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
	WHERE i.type = 'rate' AND (v.denominator IS NULL OR v.denominator <= 0 OR v.numerator > v.denominator OR v.numerator < 0)")" 0 \
	"rates: 0 <= numerator <= denominator"
equal "$(sql "SELECT COUNT(*) FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
	WHERE i.type = 'bool' AND v.numerator NOT IN (0, 1)")" 0 "bools are 0 or 1"
equal "$(sql "SELECT COUNT(*) FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
	WHERE i.type IN ('count','sum') AND v.numerator < 0")" 0 "no negative counts or sums"
if [ "$(sql "SELECT COUNT(DISTINCT numerator) FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.code = 'HPN-01'")" -gt 5 ]; then ok; else fail "HPN-01 values do not vary"; fi
equal "$(sql "SELECT COUNT(*) FROM users WHERE login LIKE 'dieuphoi%' AND role = 'coordinator'")" 2 \
	"a coordinator per province"
equal "$(sql "SELECT u.level FROM users x JOIN units u ON u.id = x.unit_id WHERE x.login = 'dieuphoi01'")" \
	province "the coordinator belongs to a provincial union"
equal "$(sql "SELECT role FROM users WHERE login = 'quantri'")" admin "a national administrator"
# Every generated name is NFC.
sql "SELECT name FROM units WHERE key LIKE 'hpn.%' UNION ALL SELECT name FROM indicators" >"$TMP/names"
equal "$(python3 -c 'import sys, unicodedata; t = open(sys.argv[1], encoding="utf-8").read(); print(unicodedata.is_normalized("NFC", t))' "$TMP/names")" \
	True "names are NFC"

# Determinism.
sum_of() { sqlite3 "$1" "SELECT indicator_id, u.key, period, numerator, IFNULL(denominator, '-')
	FROM indicator_values v JOIN units u ON u.id = v.unit_id ORDER BY 1, 2, 3" | sha256sum | cut -c1-64; }
"$BIN" --db "$TMP/d2.db" demo --scale small --seed 42 --password 'mat-khau-demo' >/dev/null 2>&1
"$BIN" --db "$TMP/d3.db" demo --scale small --seed 43 --password 'mat-khau-demo' >/dev/null 2>&1
equal "$(sum_of "$TMP/d2.db")" "$(sum_of "$DB")" "the same seed gives the same values"
if [ "$(sum_of "$TMP/d3.db")" != "$(sum_of "$DB")" ]; then ok; else fail "another seed gave the same values"; fi
equal "$(sqlite3 "$TMP/d2.db" "SELECT group_concat(name, '|') FROM (SELECT name FROM units WHERE key LIKE 'hpn.%' ORDER BY key)")" \
	"$(sql "SELECT group_concat(name, '|') FROM (SELECT name FROM units WHERE key LIKE 'hpn.%' ORDER BY key)")" \
	"the same seed gives the same names"

# Refusals: a database with values (even with --force: the data set is
# there), a database with a plan without --force.
before=$(sql "SELECT COUNT(*) FROM indicator_values")
expect 1 "demo into a database with values" -- "$BIN" --db "$DB" demo --scale small
contains "$TMP/err" "indicator values" "the refusal says why"
expect 1 "demo twice even with --force" -- "$BIN" --db "$DB" demo --scale small --force
equal "$(sql "SELECT COUNT(*) FROM indicator_values")" "$before" "a refusal writes nothing"
"$BIN" --db "$TMP/p.db" import --confirm "$ROOT/demo/"*.txt >/dev/null 2>&1
if [ "$(sqlite3 "$TMP/p.db" "SELECT COUNT(*) FROM plans")" -gt 0 ]; then
	expect 1 "demo into a database with plans" -- "$BIN" --db "$TMP/p.db" demo --scale small
	contains "$TMP/err" "plans" "the refusal names the plans"
	expect 0 "--force into a database with plans" -- "$BIN" --db "$TMP/p.db" demo --scale small --force --password 'mat-khau-demo'
	[ -n "$(sqlite3 "$TMP/p.db" "SELECT 1 FROM units WHERE key = 'hpn.tw'")" ] && ok || fail "--force did not generate"
else
	skipped=$((skipped + 1)); echo "SKIP: no demo plan imported"
fi

# A roll-up through the API equals the sum sqlite3 computes.
if command -v curl >/dev/null && serve_start "$BIN" "$DB" "$TMP"; then
	token=$(curl -s -X POST -H 'Content-Type: application/json' \
		-d '{"login":"dieuphoi01","password":"mat-khau-demo"}' "$serve_url/api/v1/session" \
		| grep -Eo '"token" *: *"[0-9a-f]+"' | grep -Eo '[0-9a-f]{32,}')
	[ -n "$token" ] && ok || fail "the coordinator cannot sign in"
	prov=$(sql "SELECT id FROM units WHERE key = 'hpn.p01'")
	for code in HPN-01 HPN-03 HPN-07; do
		id=$(sql "SELECT id FROM indicators WHERE code = '$code'")
		curl -s -H "Authorization: Bearer $token" \
			"$serve_url/api/v1/indicators/$id/rollup?period=2025-H2&unit=$prov" >"$TMP/r.json"
		got=$(python3 -c 'import json, sys; o = json.load(open(sys.argv[1])); print("%.1f %.1f %d" % (o["numerator"], o["denominator"], o["reporting_units"]))' "$TMP/r.json" 2>&1)
		want=$(sql "SELECT printf('%.1f %.1f %d', SUM(numerator), IFNULL(SUM(denominator), 0), COUNT(*))
			FROM indicator_values v JOIN units u ON u.id = v.unit_id
			WHERE v.indicator_id = $id AND v.period = '2025-H2' AND u.key LIKE 'hpn.p01.%'")
		equal "$got" "$want" "roll-up of $code at the first province equals the SQL sum"
	done
	serve_stop || fail "the server did not stop cleanly"
else
	fail "the server did not start: $(head -c 300 "$TMP/serve.err" 2>/dev/null)"
fi
finish test_demo

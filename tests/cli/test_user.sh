#!/usr/bin/env bash
# The user command: add (password from standard input), list, passwd,
# disable, enable, update; refusals with their codes; what the database keeps
# (an Argon2id hash, never the password; audit entries without a user).
. "$(dirname "$0")/lib.sh"
DB=$TMP/t.db

expect 0 "user --help" -- "$BIN" user --help
contains "$TMP/out" "usage: phoihop" "user --help prints usage"
contains "$TMP/out" "standard input" "help says where the password comes from"
expect 1 "no subcommand" -- "$BIN" --db "$DB" user
contains "$TMP/err" "phoihop: user: usage:" "no subcommand is a usage error"
expect 1 "unknown subcommand" -- "$BIN" --db "$DB" user remove an
expect 1 "add without options" -- "$BIN" --db "$DB" user add an
contains "$TMP/err" "--name, --unit and --role" "add names its options"
expect 1 "add without login" -- "$BIN" --db "$DB" user add --name X --unit laocai --role viewer
expect 1 "list with a login" -- "$BIN" --db "$DB" user list an
expect 1 "options on the wrong subcommand" -- "$BIN" --db "$DB" user disable an --role admin
[ -e "$DB" ] && fail "usage errors created the database" || ok

# user list only reads: no database is no list, and none is created.
expect 1 "list without a database" -- "$BIN" --db "$DB" user list
contains "$TMP/err" "no database at $DB (create one with phoihop init)" "list says there is no database"
[ -e "$DB" ] && fail "user list created the database" || ok
expect 0 "init" -- "$BIN" --db "$DB" init
expect 0 "list when empty" -- "$BIN" --db "$DB" user list
contains "$TMP/out" "Chưa có tài khoản" "empty list says so"

add() { # LOGIN PASSWORD UNIT ROLE [NAME]
	printf '%s\n' "$2" | "$BIN" --db "$DB" user add "$1" --name "${5:-Người Thử}" --unit "$3" --role "$4" \
		>"$TMP/out" 2>"$TMP/err"
}
add an 'mật khẩu của An' laocai.hlhpn editor 'Nguyễn Văn An'
equal "$?" 0 "add an editor by unit key"
contains "$TMP/out" "Đã tạo tài khoản an: Nguyễn Văn An, Biên tập, Hội Liên hiệp Phụ nữ tỉnh Lào Cai." \
	"add confirms in Vietnamese"
add binh 'mat-khau-binh' 'Hội LHPN tỉnh' coordinator
equal "$?" 0 "add by a unit's short name"
add quantri 'mat-khau-quan-tri' 'Ủy ban nhân dân tỉnh Lào Cai' admin 'Quản trị'
equal "$?" 0 "add an administrator by full unit name"
equal "$(sql "SELECT role FROM users WHERE login = 'binh'")" "coordinator" "role stored"
equal "$(sql "SELECT substr(pw_hash, 1, 10) FROM users WHERE login = 'an'")" '$argon2id$' "Argon2id hash"
equal "$(sql "SELECT COUNT(*) FROM users WHERE pw_hash LIKE '%khẩu%' OR pw_hash LIKE '%mat-khau%'")" \
	"0" "no password in the database"

add an 'another-password' laocai.hlhpn viewer
equal "$?" 1 "login taken"
contains "$TMP/err" "phoihop: user: duplicate:" "duplicate code"
add chi '' laocai.hlhpn viewer
equal "$?" 1 "empty password"
contains "$TMP/err" "phoihop: user: invalid_value: empty password" "empty password code"
add chi 'short' laocai.hlhpn viewer
equal "$?" 1 "short password"
contains "$TMP/err" "shorter than 8" "short password says so"
expect 1 "no input at all" -- "$BIN" --db "$DB" user add chi --name Chi --unit laocai.hlhpn --role viewer </dev/null
contains "$TMP/err" "empty password" "no input is an empty password"
add chi 'mat-khau-chi' laocai.hlhpn root
equal "$?" 1 "unknown role"
contains "$TMP/err" "unknown role" "unknown role says so"
add chi 'mat-khau-chi' 'Sở Không Có' viewer
equal "$?" 1 "unknown unit"
contains "$TMP/err" "phoihop: user: not_found:" "unknown unit code"
add 'Chi Vu' 'mat-khau-chi' laocai.hlhpn viewer
equal "$?" 1 "bad login"
contains "$TMP/err" "bad login" "bad login says so"
equal "$(sql 'SELECT COUNT(*) FROM users')" "3" "refusals added nobody"

expect 0 "list" -- "$BIN" --db "$DB" user list
contains "$TMP/out" "an" "list has an"
contains "$TMP/out" "Nguyễn Văn An — Biên tập, Hội Liên hiệp Phụ nữ tỉnh Lào Cai" "list line"
contains "$TMP/out" "Điều phối" "role labels in Vietnamese"
expect 0 "list --json" -- "$BIN" --db "$DB" user list --json
contains "$TMP/out" '"login": "an"' "json login"
contains "$TMP/out" '"role": "editor"' "json role"
contains "$TMP/out" '"disabled": false' "json disabled"
lacks "$TMP/out" 'argon2' "json has no hash"
first=$(grep -o '"login": "[a-z]*"' "$TMP/out" | head -1)
equal "$first" '"login": "an"' "sorted by login"

# A session to see passwd and disable end it.
an_id=$(sql "SELECT id FROM users WHERE login = 'an'")
session() { sql "INSERT INTO sessions VALUES ('$1', $an_id, 'c', '2026-01-01T00:00:00Z', '2999-01-01T00:00:00Z')"; }
session s1
printf 'mật khẩu mới của An\n' | "$BIN" --db "$DB" user passwd an >"$TMP/out" 2>"$TMP/err"
equal "$?" 0 "passwd"
contains "$TMP/out" "Đã đổi mật khẩu của an" "passwd confirms"
equal "$(sql "SELECT COUNT(*) FROM sessions")" "0" "passwd ended the session"
printf 'short\n' | "$BIN" --db "$DB" user passwd an >"$TMP/out" 2>"$TMP/err"
equal "$?" 1 "short new password"
printf 'mat-khau-moi\n' | "$BIN" --db "$DB" user passwd ghost >"$TMP/out" 2>"$TMP/err"
equal "$?" 1 "passwd of nobody"
contains "$TMP/err" "phoihop: user: not_found:" "passwd of nobody code"

session s2
expect 0 "disable" -- "$BIN" --db "$DB" user disable an
contains "$TMP/out" "Đã khóa tài khoản an" "disable confirms"
equal "$(sql "SELECT disabled FROM users WHERE login = 'an'")" "1" "disabled stored"
equal "$(sql "SELECT COUNT(*) FROM sessions")" "0" "disable ended the session"
expect 0 "list after disable" -- "$BIN" --db "$DB" user list
contains "$TMP/out" "(đã khóa)" "list marks disabled users"
expect 1 "disable nobody" -- "$BIN" --db "$DB" user disable ghost
contains "$TMP/err" "not_found" "disable nobody code"
expect 0 "enable" -- "$BIN" --db "$DB" user enable an --db "$DB"
equal "$(sql "SELECT disabled FROM users WHERE login = 'an'")" "0" "enabled again"

# update: what it is given changes, the rest stays; refusals change nothing.
expect 1 "update without a change" -- "$BIN" --db "$DB" user update an
contains "$TMP/err" "needs --name, --unit or --role" "update names its options"
expect 1 "update with --email" -- "$BIN" --db "$DB" user update an --email a@b.vn
expect 1 "update nobody" -- "$BIN" --db "$DB" user update ghost --role viewer
contains "$TMP/err" "phoihop: user: not_found: no user" "update nobody code"
expect 1 "update to an unknown role" -- "$BIN" --db "$DB" user update an --role root
contains "$TMP/err" "unknown role" "update unknown role says so"
expect 1 "update to an unknown unit" -- "$BIN" --db "$DB" user update an --unit 'Sở Không Có'
contains "$TMP/err" "phoihop: user: not_found: no unit" "update unknown unit code"
expect 1 "update to a two-line name" -- "$BIN" --db "$DB" user update an --name "$(printf 'Hai\ndòng')"
contains "$TMP/err" "invalid_value" "two-line name code"
equal "$(sql "SELECT name || '|' || role FROM users WHERE login = 'an'")" "Nguyễn Văn An|editor" \
	"refused updates changed nothing"
session s3
expect 0 "demote" -- "$BIN" --db "$DB" user update an --role viewer
contains "$TMP/out" "Đã cập nhật tài khoản an: Nguyễn Văn An, Xem, Hội Liên hiệp Phụ nữ tỉnh Lào Cai." \
	"update confirms in Vietnamese"
equal "$(sql "SELECT name || '|' || role FROM users WHERE login = 'an'")" "Nguyễn Văn An|viewer" \
	"role changed, name kept"
equal "$(sql "SELECT COUNT(*) FROM sessions")" "1" "a role change keeps the session (it reads the new role)"
hlhpn=$(sql "SELECT unit_id FROM users WHERE login = 'an'")
expect 0 "move and rename" -- "$BIN" --db "$DB" user update an --unit 'Ủy ban nhân dân tỉnh Lào Cai' \
	--name 'Nguyễn Thị An'
equal "$(sql "SELECT name || '|' || role FROM users WHERE login = 'an'")" "Nguyễn Thị An|viewer" \
	"name changed, role kept"
[ "$(sql "SELECT unit_id FROM users WHERE login = 'an'")" != "$hlhpn" ] && ok || fail "unit not changed"
equal "$(sql "SELECT json_extract(before_json, '$.role') || '>' || json_extract(after_json, '$.role')
             FROM audit_log WHERE action = 'user.update' ORDER BY id LIMIT 1")" "editor>viewer" \
	"the audit log keeps both versions"

equal "$(sql "SELECT group_concat(action, ' ') FROM (SELECT action FROM audit_log ORDER BY id)")" \
	"user.add user.add user.add user.passwd user.disable user.enable user.update user.update" \
	"every change audited"
equal "$(sql "SELECT COUNT(*) FROM audit_log WHERE user_id IS NOT NULL OR user_login IS NOT NULL")" \
	"0" "command-line entries have no user"
equal "$(sql "SELECT COUNT(*) FROM audit_log WHERE after_json LIKE '%argon%' OR after_json LIKE '%khẩu%'")" \
	"0" "no secret in the audit log"

finish test_user

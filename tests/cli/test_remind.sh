#!/usr/bin/env bash
# The remind command and real mail: reminders 7 and 3 days before a
# deadline and on the day, to editors and up of the units that have not
# submitted (a viewer, a disabled user and a unit that submitted get
# nothing), once only; then the outbox against a real SMTP server on a
# loopback port (Python's smtpd): with the server down the mail stays
# pending with attempts=1 and the error, it waits for its back-off, and a
# later run delivers it to the right recipient with a decodable
# Vietnamese subject.
. "$(dirname "$0")/lib.sh"
DB=$TMP/t.db
export PHOIHOP_SMTP_URL= PHOIHOP_MAIL_FROM=

expect 0 "remind --help" -- "$BIN" remind --help
contains "$TMP/out" "cron" "help says a daily job runs it"
expect 1 "bad --days" -- "$BIN" --db "$DB" remind --days 7,x
contains "$TMP/err" "--days" "bad --days names the option"
expect 1 "--send without a server" -- "$BIN" --db "$DB" remind --send
contains "$TMP/err" "PHOIHOP_SMTP_URL" "--send names the variable"
[ -e "$DB" ] && fail "usage errors created the database" || ok

add() { # LOGIN UNIT ROLE [EMAIL]
	printf 'mat-khau-thu\n' | "$BIN" --db "$DB" user add "$1" --name "Người $1" --unit "$2" \
		--role "$3" ${4:+--email "$4"} >"$TMP/out" 2>"$TMP/err"
}
add an laocai.so-yte editor an@yte.laocai.gov.vn; equal "$?" 0 "add an editor with an e-mail"
add chi laocai.so-yte approver; equal "$?" 0 "add an approver without e-mail"
add binh laocai.so-yte viewer binh@yte.laocai.gov.vn; equal "$?" 0 "add a viewer"
add dung laocai.so-yte editor dung@yte.laocai.gov.vn; equal "$?" 0 "add another editor"
add em laocai.hlhpn editor em@hlhpn.laocai.gov.vn; equal "$?" 0 "add an editor of a unit that submits"
add xy laocai.so-yte editor 'không-phải-địa-chỉ'
equal "$?" 1 "a bad e-mail address is refused"
contains "$TMP/err" "e-mail" "the refusal names the address"
equal "$(sql "SELECT COUNT(*) FROM users WHERE login = 'xy'")" 0 "nothing written for a bad address"
equal "$(sql "SELECT email FROM users WHERE login = 'an'")" "an@yte.laocai.gov.vn" "e-mail stored"
printf '' | "$BIN" --db "$DB" user disable dung >/dev/null 2>&1
ubnd=$(sql "SELECT id FROM units WHERE key = 'laocai.ubnd'")
yte=$(sql "SELECT id FROM units WHERE key = 'laocai.so-yte'")
hlhpn=$(sql "SELECT id FROM units WHERE key = 'laocai.hlhpn'")
sql "INSERT INTO report_schedules (id, kind, title, year, due, receiving_unit_id, created_at)
     VALUES (1, 'annual', 'Báo cáo tổng kết năm 2026', 2026, '2026-12-10', $ubnd, '2026-01-01T00:00:00Z');
     INSERT INTO report_schedule_units VALUES (1, $yte), (1, $hlhpn);
     INSERT INTO report_submissions (schedule_id, unit_id, version, status, created_at, updated_at, submitted_at)
     VALUES (1, $hlhpn, 1, 'submitted', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z');"

remind() { # TODAY ARGS...
	local today=$1; shift
	PHOIHOP_TODAY=$today "$BIN" --db "$DB" remind "$@" >"$TMP/out" 2>"$TMP/err"
}
remind 2026-12-02; equal "$?" 0 "8 days before: nothing due"
equal "$(sql "SELECT COUNT(*) FROM notices")" 0 "no notice 8 days before"
remind 2026-12-03; equal "$?" 0 "7 days before"
contains "$TMP/out" "đã tạo 2 thông báo nhắc hạn, 1 thư chờ gửi" "summary in Vietnamese"
equal "$(sql "SELECT group_concat(u.login, ',') FROM notices n JOIN users u ON u.id = n.user_id")" \
	"an,chi" "editor and approver of the unit that has not submitted, not the viewer or the disabled"
equal "$(sql "SELECT text FROM notices WHERE days_before = 7 LIMIT 1")" \
	"Còn 7 ngày đến hạn nộp Báo cáo tổng kết năm 2026 (hạn 10/12/2026)" "notice text"
equal "$(sql "SELECT to_addr FROM mail_outbox")" "an@yte.laocai.gov.vn" "mail only to the user with e-mail"
remind 2026-12-03; equal "$?" 0 "again the same day"
contains "$TMP/out" "đã tạo 0 thông báo" "nothing new the second time"
equal "$(sql "SELECT COUNT(*) FROM notices")/$(sql "SELECT COUNT(*) FROM mail_outbox")" "2/1" "idempotent"
remind 2026-12-08 --days 2; equal "$?" 0 "--days 2"
equal "$(sql "SELECT COUNT(*) FROM notices WHERE days_before = 2 AND kind = 'due_soon'")" 2 "--days 2 reminds"
remind 2026-12-07; equal "$?" 0 "3 days before"
equal "$(sql "SELECT COUNT(*) FROM notices WHERE days_before = 3")" 2 "3 days before by default"
remind 2026-12-10; equal "$?" 0 "on the day"
equal "$(sql "SELECT COUNT(*) FROM notices WHERE kind = 'due_today' AND text = 'Hôm nay là hạn nộp Báo cáo tổng kết năm 2026'")" \
	2 "on the day: due_today"
sql "DELETE FROM mail_outbox WHERE id > 1"

# ---- real mail ----
cat >"$TMP/smtp.py" <<'PY'
import asyncore, json, os, smtpd, sys
out = sys.argv[1]
class Server(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kw):
        n = len(os.listdir(out))
        with open(os.path.join(out, "%d.json" % n), "w") as f:
            json.dump({"from": mailfrom, "to": rcpttos, "data": data.decode("ascii")}, f)
s = Server(("127.0.0.1", int(sys.argv[2])), None, decode_data=False)
with open(sys.argv[3], "w") as f:
    f.write(str(s.socket.getsockname()[1]))
asyncore.loop()
PY
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
PHOIHOP_TODAY=2026-12-10 PHOIHOP_SMTP_URL="smtp://127.0.0.1:$port" PHOIHOP_MAIL_FROM=phoihop@laocai.gov.vn \
	"$BIN" --db "$DB" remind >"$TMP/out" 2>"$TMP/err"
equal "$?" 1 "server down: the run says mail failed"
contains "$TMP/out" "1 thư chưa gửi được" "summary counts the failure"
equal "$(sql "SELECT attempts FROM mail_outbox")" 1 "server down: attempts=1"
equal "$(sql "SELECT sent_at IS NULL AND last_error <> '' AND next_attempt_at > created_at FROM mail_outbox")" \
	1 "server down: pending, error recorded, retried later"

mkdir "$TMP/mail"
python3 -W ignore "$TMP/smtp.py" "$TMP/mail" 0 "$TMP/port" 2>"$TMP/smtp.err" &
smtp_pid=$!
trap 'kill $smtp_pid 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do [ -s "$TMP/port" ] && break; sleep 0.1; done
port=$(cat "$TMP/port")
send() { PHOIHOP_TODAY=2026-12-10 PHOIHOP_MAIL_FROM=phoihop@laocai.gov.vn \
	"$BIN" --db "$DB" remind --send "$@" >"$TMP/out" 2>"$TMP/err"; }
PHOIHOP_SMTP_URL="smtp://127.0.0.1:$port" send
equal "$?" 0 "server up, back-off not over"
equal "$(ls "$TMP/mail" | wc -l)" 0 "no mail before the back-off is over"
sql "UPDATE mail_outbox SET next_attempt_at = '2000-01-01T00:00:00Z'"
PHOIHOP_SMTP_URL="smtp://127.0.0.1:$port" send
equal "$?" 0 "a later run sends"
contains "$TMP/out" "Đã gửi 1 thư" "summary counts the mail sent"
equal "$(ls "$TMP/mail" | wc -l)" 1 "one mail arrived"
equal "$(sql "SELECT attempts || ',' || (sent_at IS NOT NULL) || ',' || (last_error IS NULL) FROM mail_outbox")" \
	"2,1,1" "sent_at set after the second attempt"
python3 - "$TMP/mail/0.json" >"$TMP/parsed" 2>&1 <<'PY'
import email, email.policy, json, sys
m = json.load(open(sys.argv[1]))
msg = email.message_from_string(m["data"], policy=email.policy.default)
print("envelope-to:", ",".join(m["to"]))
print("envelope-from:", m["from"])
print("to:", msg["to"])
print("subject:", msg["subject"])
print("raw-subject-encoded:", "=?UTF-8?B?" in m["data"].split("\n\n")[0])
print("content-type:", msg.get_content_type(), msg.get_content_charset())
print("body:", msg.get_content().replace("\r\n", "\n"))
PY
contains "$TMP/parsed" "envelope-to: an@yte.laocai.gov.vn" "right recipient"
contains "$TMP/parsed" "envelope-from: phoihop@laocai.gov.vn" "right sender"
contains "$TMP/parsed" "to: an@yte.laocai.gov.vn" "To header"
contains "$TMP/parsed" "subject: Còn 7 ngày đến hạn nộp Báo cáo tổng kết năm 2026 (hạn 10/12/2026)" \
	"Vietnamese subject decodes"
contains "$TMP/parsed" "raw-subject-encoded: True" "subject sent as RFC 2047 words"
contains "$TMP/parsed" "content-type: text/plain utf-8" "UTF-8 plain text"
contains "$TMP/parsed" "Kính gửi Người an," "body decodes with the user's name"
PHOIHOP_SMTP_URL="smtp://127.0.0.1:$port" send
equal "$(ls "$TMP/mail" | wc -l)" 1 "a sent mail is not sent again"
kill $smtp_pid 2>/dev/null
wait $smtp_pid 2>/dev/null
finish test_remind

#!/usr/bin/env bash
# Opening the database from the command line: commands that only read open
# it read-only (no file created, nothing migrated or locked, a database
# that needs migrating named with the command that upgrades it); paths that
# are no database are user errors (exit 1); a database this user may not
# write is read by read commands and refused, with a clear message, by
# write commands and `serve`; while another process writes, writes exit 1
# "busy" within the bound and reads go on.
. "$(dirname "$0")/lib.sh"
FIX=$HERE/fixtures/plan-2024.txt
READS=("plans" "show 1" "tasks" "units" "user list")

# -- no database at the path: read commands refuse and create nothing
for cmd in "${READS[@]}"; do
	# shellcheck disable=SC2086
	expect 1 "$cmd without a database" -- "$BIN" --db "$TMP/typo.db" $cmd
	contains "$TMP/err" "no database at $TMP/typo.db (create one with phoihop init)" "$cmd says why"
	[ -e "$TMP/typo.db" ] && { fail "$cmd created the database"; rm -f "$TMP/typo.db"*; } || ok
done
expect 0 "a dry run without a database" -- "$BIN" --db "$TMP/typo.db" import --dry-run "$FIX"
[ -e "$TMP/typo.db" ] && fail "the dry run created a database" || ok

# -- write commands still create it
expect 0 "init creates" -- "$BIN" --db "$TMP/new.db" init
[ -f "$TMP/new.db" ] && ok || fail "init did not create the database"
expect 0 "import creates" -- "$BIN" --db "$TMP/imp.db" import --confirm "$FIX"
DB=$TMP/imp.db
equal "$(sql "SELECT COUNT(*) FROM documents")" 1 "the import created and wrote the database"
[ -f "$DB-lock" ] && ok || fail "a writer leaves the lock file beside the database"

# -- read commands read it and change nothing
sum() { cksum <"$DB"; }
before=$(sum)
rm -f "$DB-lock"
for cmd in "${READS[@]}"; do
	# shellcheck disable=SC2086
	expect 0 "$cmd reads" -- "$BIN" --db "$DB" $cmd
done
contains "$TMP/out" "Chưa có tài khoản" "user list read"
"$BIN" --db "$DB" show 1 >"$TMP/show" 2>&1
contains "$TMP/show" "Phối hợp tổ chức các hoạt động hỗ trợ phụ nữ khởi nghiệp năm 2024" "show read the plan"
equal "$(sum)" "$before" "reads left the database file as it was"
[ -e "$DB-lock" ] && fail "a read command created the lock file" || ok
expect 0 "a dry run against the database" -- "$BIN" --db "$DB" import --dry-run "$FIX"
equal "$(sum)" "$before" "the dry run left the database as it was"

# -- a path that is no database: exit 1, for reads and writes, nothing beside it
printf 'KẾ HOẠCH\nĐây là một tệp văn bản.\n' >"$TMP/text.db"
head -c 20000 /dev/urandom >"$TMP/random.db"
mkdir -p "$TMP/folder.db"
for p in text.db random.db; do
	cp "$TMP/$p" "$TMP/$p.orig"
	expect 1 "plans on $p" -- "$BIN" --db "$TMP/$p" plans
	contains "$TMP/err" "is not a phoihop database" "plans on $p says why"
	expect 1 "init on $p" -- "$BIN" --db "$TMP/$p" init
	contains "$TMP/err" "is not a phoihop database" "init on $p says why"
	expect 1 "import on $p" -- "$BIN" --db "$TMP/$p" import --confirm "$FIX"
	cmp -s "$TMP/$p" "$TMP/$p.orig" && ok || fail "$p was changed"
	[ -e "$TMP/$p-lock" ] && fail "a lock file beside $p" || ok
done
expect 1 "plans on a directory" -- "$BIN" --db "$TMP/folder.db" plans
contains "$TMP/err" "is a directory, not a database file" "plans on a directory says why"
expect 1 "init on a directory" -- "$BIN" --db "$TMP/folder.db" init
contains "$TMP/err" "is a directory" "init on a directory says why"

# -- a database behind this program (an empty file is version 0)
: >"$TMP/old.db"
expect 1 "plans on a database to upgrade" -- "$BIN" --db "$TMP/old.db" plans
contains "$TMP/err" "schema_outdated" "the code says it"
contains "$TMP/err" "phoihop --db $TMP/old.db init" "the message names the command"
[ -s "$TMP/old.db" ] && fail "the read command migrated it" || ok
expect 0 "init upgrades it" -- "$BIN" --db "$TMP/old.db" init
expect 0 "then it reads" -- "$BIN" --db "$TMP/old.db" plans

# -- another process writing: writes say busy (exit 1) within the bound,
# reads and an init that has nothing to write go on
"$BIN" --db "$DB" test-hold-write-lock 30 >"$TMP/hold" 2>&1 &
holder=$!
for _ in $(seq 1 100); do grep -q "holding the write lock" "$TMP/hold" && break; sleep 0.1; done
contains "$TMP/hold" "holding the write lock" "the holder took the lock"
t0=$(date +%s)
printf '%s\n' 'mat-khau-dai-1' | "$BIN" --db "$DB" user add hoa --name "Nguyễn Thị Hoa" \
	--unit laocai.ubnd --role viewer >"$TMP/add.out" 2>"$TMP/add.err" &
adder=$!
"$BIN" --db "$DB" import --confirm "$HERE/fixtures/ragged.txt" >"$TMP/imp.out" 2>"$TMP/imp.err" &
importer=$!
expect 0 "plans while another process writes" -- "$BIN" --db "$DB" plans
expect 0 "init with nothing to write" -- "$BIN" --db "$DB" init
wait "$adder"; equal "$?" 1 "user add while busy exits 1"
wait "$importer"; equal "$?" 1 "import while busy exits 1"
took=$(( $(date +%s) - t0 ))
[ "$took" -ge 4 ] && [ "$took" -le 15 ] && ok || fail "busy writes took $took s (bound 5 s)"
contains "$TMP/add.err" "phoihop: user: busy: the database is busy with another writer; try again" "user add says busy"
contains "$TMP/imp.err" "busy: the database is busy with another writer; try again" "import says busy"
lacks "$TMP/imp.err" "not an error" "the import's message is the failure's"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
equal "$(sql "SELECT COUNT(*) FROM users")" 0 "the busy user add wrote nothing"
equal "$(sql "SELECT COUNT(*) FROM documents")" 1 "the busy import wrote nothing"
printf '%s\n' 'mat-khau-dai-1' | "$BIN" --db "$DB" user add hoa --name "Nguyễn Thị Hoa" \
	--unit laocai.ubnd --role viewer >"$TMP/out" 2>"$TMP/err"
equal "$?" 0 "user add once the lock is free"

# -- a database this user may not write (as nobody; root writes anything)
if [ "$(id -u)" -ne 0 ] || ! command -v runuser >/dev/null; then
	echo "SKIP: read-only file and folder: needs root and runuser to act as nobody"
	skipped=$((skipped + 1))
	finish test_readonly
	exit $?
fi
chmod 755 "$TMP"
as_nobody() { runuser -u nobody -- "$@"; }
ro_reads() { # DB DESCRIPTION: every read command works
	for cmd in "${READS[@]}"; do
		# shellcheck disable=SC2086
		expect 0 "$cmd on $2" -- as_nobody "$BIN" --db "$1" $cmd
	done
	as_nobody "$BIN" --db "$1" plans >"$TMP/ro" 2>&1
	contains "$TMP/ro" "95/KH-UBND" "plans on $2 lists the plan"
}
ro_writes() { # DB DESCRIPTION TEXT: writes refused with exit 1 and TEXT
	expect 1 "import into $2" -- as_nobody "$BIN" --db "$1" import --confirm "$HERE/fixtures/ragged.txt"
	contains "$TMP/err" "read_only: $3" "import into $2 says why"
	lacks "$TMP/err" "not an error" "import into $2: the failure's own message"
	printf '%s\n' 'mat-khau-dai-2' >"$TMP/pw"
	expect 1 "user add on $2" -- as_nobody "$BIN" --db "$1" user add lan --name Lan \
		--unit laocai.ubnd --role viewer <"$TMP/pw"
	contains "$TMP/err" "read_only" "user add on $2 says why"
	expect 1 "serve on $2" -- as_nobody timeout 20 "$BIN" --db "$1" serve --listen 127.0.0.1:0
	contains "$TMP/err" "read_only: $3" "serve on $2 refuses to start"
	lacks "$TMP/out" "serving" "serve on $2 did not start"
}
# A read-only folder, the file not writable either.
mkdir -p "$TMP/rodir"
cp "$DB" "$TMP/rodir/t.db"
chmod 644 "$TMP/rodir/t.db"
chmod 755 "$TMP/rodir"
ro_reads "$TMP/rodir/t.db" "a read-only folder"
ro_writes "$TMP/rodir/t.db" "a read-only folder" "the database $TMP/rodir/t.db is read-only here"
ls "$TMP/rodir" >"$TMP/ls"
equal "$(cat "$TMP/ls")" "t.db" "nothing was created in the read-only folder"
# A writable file in a read-only folder: no room for the log or the lock file.
chmod 666 "$TMP/rodir/t.db"
ro_reads "$TMP/rodir/t.db" "a writable file in a read-only folder"
ro_writes "$TMP/rodir/t.db" "a writable file in a read-only folder" "cannot write in the folder of $TMP/rodir/t.db"
# A read-only file in a folder anyone may write.
mkdir -p "$TMP/rofile"
cp "$DB" "$TMP/rofile/t.db"
chmod 444 "$TMP/rofile/t.db"
chmod 777 "$TMP/rofile"
ro_reads "$TMP/rofile/t.db" "a read-only file"
ro_writes "$TMP/rofile/t.db" "a read-only file" "the database $TMP/rofile/t.db is read-only here"
equal "$(sqlite3 "$TMP/rofile/t.db" "SELECT COUNT(*) FROM documents")" 1 "the read-only file is unchanged"
finish test_readonly

/* test_user.c: user accounts and sign-in on a real database: roles, the
 * login rule, Argon2id hashes (never the password, never in the audit
 * log), authentication (wrong password, unknown login and disabled user
 * all PH_EUNAUTH, in comparable time), sessions (hashed tokens, lookup,
 * expiry, sliding refresh, delete, ended by disable and passwd; a
 * refresh that never waits for another process's write lock). */
#include "test.h"
#include "fixture.h"
#include "model/audit.h"
#include "model/user.h"
#include "base/err.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* A child process that opens the database at path and holds its write
 * lock as another phoihop writer does (db_begin), says so on *ready, and
 * keeps it until *release is closed (at most 60 s). Its pid, or -1. */
static pid_t hold_write_lock(const char *path, int *ready, int *release)
{
	int r[2], q[2];
	if (pipe(r) || pipe(q))
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		close(r[0]);
		close(q[1]);
		alarm(60);
		char err[512];
		struct db *db = NULL;
		if (db_open(path, &db, err, sizeof err) || db_begin(db))
			_exit(3);
		if (write(r[1], "x", 1) != 1)
			_exit(4);
		char c;
		while (read(q[0], &c, 1) > 0)
			;
		db_rollback(db);
		db_close(db);
		_exit(0);
	}
	close(r[1]);
	close(q[0]);
	*ready = r[0];
	*release = q[1];
	return pid;
}

static long long audit_count(struct db *db, const char *action)
{
	return fixture_int(db, "SELECT COUNT(*) FROM audit_log WHERE action = ?", action);
}

static const struct {
	const char *login;
	int ok;
} logins[] = {
	{"an", 1}, {"nguyen.van-an_2", 1}, {"a", 0}, {"", 0}, {"An", 0}, {"an toan", 0},
	{"an@x", 0}, {"ân", 0}, {"a/b", 0},
	{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 1},  /* 64 */
	{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0}, /* 65 */
};

int main(void)
{
	struct db *db = fixture_open();
	struct arena a;
	arena_init(&a);
	char buf[512];
	long long unit = fixture_unit(db, "laocai.hlhpn");
	long long other = fixture_unit(db, "yenbai.ubnd");

	/* Roles: names and labels both ways. */
	const char *labels[] = {"Xem", "Biên tập", "Phê duyệt", "Điều phối", "Quản trị"};
	for (int r = 0; r < ROLE_COUNT; r++) {
		int back = -1;
		CHECK_INT(role_parse(role_name(r), &back), 0, role_name(r));
		CHECK_INT(back, r, "role name round trip");
		CHECK_STR(role_label(r), labels[r], "role label");
	}
	int dummy = 0;
	CHECK_INT(role_parse("root", &dummy), PH_EINVAL, "unknown role");
	CHECK_INT(role_parse(NULL, &dummy), PH_EINVAL, "no role");
	for (size_t i = 0; i < sizeof logins / sizeof *logins; i++)
		CHECK_INT(user_login_valid(logins[i].login), logins[i].ok, logins[i].login);

	/* Adding: the command line may, and the record is what was given. */
	long long admin_id = 0, an_id = 0, id = 0;
	CHECK_INT(user_add(db, access_system(), "quantri", "Quản trị viên", unit, ROLE_ADMIN,
	                   "mat-khau-quan-tri", &admin_id), 0, "add admin from the command line");
	struct user admin;
	CHECK_INT(user_get(db, &a, admin_id, &admin), 0, "get admin");
	CHECK_STR(admin.login, "quantri", "login stored");
	CHECK_INT(admin.role, ROLE_ADMIN, "role stored");
	CHECK_STR(admin.unit_name, "Hội Liên hiệp Phụ nữ tỉnh Lào Cai", "unit name joined");
	CHECK(admin.created_at && strlen(admin.created_at) == 20 && admin.created_at[19] == 'Z',
	      "created_at is ISO UTC: %s", admin.created_at ? admin.created_at : "(null)");

	/* An NFD name is stored NFC. */
	CHECK_INT(user_add(db, &admin, "an", "Nguye\xcc\x82\xcc\x83n Va\xcc\x86n An", unit,
	                   ROLE_EDITOR, "mật khẩu của An", &an_id), 0, "admin adds an editor");
	struct user an;
	CHECK_INT(user_by_login(db, &a, "an", &an), 0, "find by login");
	CHECK_STR(an.name, "Nguyễn Văn An", "name normalized to NFC");
	CHECK_INT(an.id, an_id, "same id");

	/* Refusals change nothing. */
	long long users = fixture_int(db, "SELECT COUNT(*) FROM users", NULL);
	CHECK_INT(user_add(db, access_system(), "an", "Khác", unit, ROLE_VIEWER, "12345678", &id),
	          PH_EDUPLICATE, "login taken");
	CHECK_INT(id, 0, "no id on refusal");
	CHECK_INT(user_add(db, access_system(), "An", "X", unit, ROLE_VIEWER, "12345678", &id),
	          PH_EINVAL, "login with a capital");
	CHECK_INT(user_add(db, access_system(), "binh", "Bình", unit, ROLE_VIEWER, "1234567", &id),
	          PH_EINVAL, "password of 7 characters");
	CHECK_INT(user_add(db, access_system(), "binh", "Bình", unit, ROLE_VIEWER, "ắăâêôơưđ", &id),
	          0, "8 Vietnamese letters are 8 characters (16 bytes)");
	CHECK_INT(user_add(db, access_system(), "chi", "Chi", 99999, ROLE_VIEWER, "12345678", &id),
	          PH_EINVAL, "unknown unit");
	CHECK_INT(user_add(db, access_system(), "chi", "Chi", unit, ROLE_COUNT, "12345678", &id),
	          PH_EINVAL, "unknown role");
	CHECK_INT(user_add(db, access_system(), "chi", "  ", unit, ROLE_VIEWER, "12345678", &id),
	          PH_EINVAL, "blank name");
	CHECK_INT(user_add(db, access_system(), "chi", "Chi\nDung", unit, ROLE_VIEWER, "12345678", &id),
	          PH_EINVAL, "name with a line break");
	CHECK_INT(user_add(db, &an, "chi", "Chi", unit, ROLE_VIEWER, "12345678", &id),
	          PH_EFORBIDDEN, "an editor cannot add users");
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM users", NULL), users + 1,
	          "only the valid add was stored");

	/* The hash is Argon2id, never the password, and stays out of the log. */
	fixture_text(db, "SELECT pw_hash FROM users WHERE login = ?", "an", buf, sizeof buf);
	CHECK(strncmp(buf, "$argon2id$", 10) == 0, "Argon2id hash: %.20s", buf);
	CHECK(strstr(buf, "khẩu") == NULL, "no password in the hash column");
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM audit_log WHERE after_json LIKE '%argon2%'"
	                      " OR after_json LIKE '%khẩu%' OR before_json LIKE '%argon2%'", NULL),
	          0, "no hash or password in the audit log");
	CHECK_INT(audit_count(db, "user.add"), 3, "each add audited");
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'user.add'"
	                      " AND user_login = 'quantri'", NULL), 1, "admin's add carries its login");
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'user.add'"
	                      " AND user_id IS NULL AND user_login IS NULL", NULL), 2,
	          "command-line adds have no user");

	/* Authentication. */
	struct user who;
	CHECK_INT(user_authenticate(db, &a, "an", "mật khẩu của An", &who), 0, "right password");
	CHECK_INT(who.id, an_id, "signed in as an");
	CHECK_INT(user_authenticate(db, &a, "an", "mat khau cua An", &who), PH_EUNAUTH,
	          "wrong password (diacritics matter)");
	CHECK_INT(user_authenticate(db, &a, "an", "ma\xcc\xa3\xcc\x82t kha\xcc\x82\xcc\x89u cu\xcc\x89" "a An",
	                            &who), 0, "the same password typed decomposed (NFD)");
	CHECK_INT(user_authenticate(db, &a, "nobody", "mật khẩu của An", &who), PH_EUNAUTH,
	          "unknown login");
	CHECK_INT(user_authenticate(db, &a, "NO SUCH", "x", &who), PH_EUNAUTH, "malformed login");
	CHECK_INT(user_authenticate(db, &a, "an", "", &who), PH_EUNAUTH, "empty password");

	/* An unknown login costs a verification too (the dummy hash). */
	double t0 = now_ms();
	user_authenticate(db, &a, "an", "wrong password!", &who);
	double known = now_ms() - t0;
	t0 = now_ms();
	user_authenticate(db, &a, "nobody-at-all", "wrong password!", &who);
	double unknown = now_ms() - t0;
	CHECK(unknown > known / 4 && unknown > 1.0,
	      "unknown login takes comparable time: %.1f ms vs %.1f ms", unknown, known);

	/* Sessions. */
	char token[65], csrf[65], got_csrf[65];
	CHECK_INT(session_create(db, an_id, token, csrf), 0, "session created");
	CHECK_INT((long long)strlen(token), 64, "token is 64 hex");
	CHECK_INT((long long)strlen(csrf), 64, "csrf is 64 hex");
	CHECK(strcmp(token, csrf) != 0, "token and csrf differ");
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM sessions WHERE token_hash = ? OR csrf = token_hash",
	                      token), 0, "the token itself is not stored");
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM sessions", NULL), 1, "one session row");
	CHECK_INT(session_lookup(db, &a, token, &who, got_csrf), 0, "lookup");
	CHECK_INT(who.id, an_id, "lookup gives the user");
	CHECK_STR(who.unit_name, "Hội Liên hiệp Phụ nữ tỉnh Lào Cai", "lookup joins the unit");
	CHECK_STR(got_csrf, csrf, "lookup gives the session's csrf");
	char wrong[65];
	memcpy(wrong, token, 65);
	wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
	CHECK_INT(session_lookup(db, &a, wrong, &who, got_csrf), PH_EUNAUTH, "unknown token");
	CHECK_STR(got_csrf, "", "no csrf for an unknown token");
	CHECK_INT(session_lookup(db, &a, "short", &who, got_csrf), PH_EUNAUTH, "malformed token");
	CHECK_INT(session_lookup(db, &a, NULL, &who, got_csrf), PH_EUNAUTH, "no token");

	/* Sliding expiry: a session near its end is moved forward on use. */
	char soon[21], later[21];
	audit_timestamp(time(NULL) + 3600, soon);
	audit_timestamp(time(NULL) + SESSION_SECONDS - 600, later);
	struct db_stmt *st = NULL;
	if (db_prepare(db, "UPDATE sessions SET expires_at = ?", &st) == 0) {
		db_bind_text(st, 1, soon);
		db_step(st);
	}
	db_finalize(st);
	CHECK_INT(session_lookup(db, &a, token, &who, got_csrf), 0, "lookup an hour before the end");
	fixture_text(db, "SELECT expires_at FROM sessions", NULL, buf, sizeof buf);
	CHECK(strcmp(buf, later) > 0, "expiry moved forward: %s > %s", buf, later);

	/* The refresh never waits for the write lock: while another process
	 * holds it (an import, remind from cron), the lookup answers at once
	 * and the session keeps its end; once it is free, the next one moves
	 * it forward. */
	if (db_prepare(db, "UPDATE sessions SET expires_at = ?", &st) == 0) {
		db_bind_text(st, 1, soon);
		db_step(st);
	}
	db_finalize(st);
	char path[128];
	snprintf(path, sizeof path, "%s/t.db", fixture_dir);
	int ready = -1, release = -1;
	pid_t holder = hold_write_lock(path, &ready, &release);
	char c = 0;
	CHECK(holder > 0 && read(ready, &c, 1) == 1 && c == 'x', "another process holds the lock");
	double t1 = now_ms();
	CHECK_INT(session_lookup(db, &a, token, &who, got_csrf), 0, "lookup while another writes");
	double waited = now_ms() - t1;
	CHECK(waited < 1000, "the lookup did not wait for the lock (%.0f ms)", waited);
	CHECK_INT(who.id, an_id, "and gives the user");
	fixture_text(db, "SELECT expires_at FROM sessions", NULL, buf, sizeof buf);
	CHECK_STR(buf, soon, "the session keeps its end while the lock is held");
	/* The lock was really held: the lock file refuses another taker. */
	char lp[160];
	snprintf(lp, sizeof lp, "%s-lock", path);
	int probe = open(lp, O_RDONLY);
	CHECK(probe >= 0 && flock(probe, LOCK_EX | LOCK_NB) != 0, "the lock file is taken");
	if (probe >= 0)
		close(probe);
	if (release >= 0)
		close(release);
	if (ready >= 0)
		close(ready);
	int status = 0;
	if (holder > 0)
		CHECK(waitpid(holder, &status, 0) == holder && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0, "the holder ends");
	CHECK_INT(session_lookup(db, &a, token, &who, got_csrf), 0, "lookup once the lock is free");
	fixture_text(db, "SELECT expires_at FROM sessions", NULL, buf, sizeof buf);
	CHECK(strcmp(buf, later) > 0, "then the expiry moves forward: %s > %s", buf, later);

	/* Expired. */
	db_exec(db, "UPDATE sessions SET expires_at = '2000-01-01T00:00:00Z'");
	CHECK_INT(session_lookup(db, &a, token, &who, got_csrf), PH_EUNAUTH, "expired session");
	/* Expired sessions are cleared when the next one starts. */
	char t2[65], c2[65];
	CHECK_INT(session_create(db, an_id, t2, c2), 0, "second session");
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM sessions", NULL), 1, "expired one purged");
	CHECK_INT(session_delete(db, t2), 0, "delete");
	CHECK_INT(session_lookup(db, &a, t2, &who, got_csrf), PH_EUNAUTH, "deleted session");
	CHECK_INT(session_delete(db, "not-a-token"), 0, "deleting nothing is fine");

	/* A new password ends sessions; users may change their own. */
	CHECK_INT(session_create(db, an_id, t2, c2), 0, "session before passwd");
	CHECK_INT(user_passwd(db, &an, "an", "mật khẩu mới của An"), 0, "own password");
	CHECK_INT(session_lookup(db, &a, t2, &who, got_csrf), PH_EUNAUTH, "passwd ended the session");
	CHECK_INT(user_authenticate(db, &a, "an", "mật khẩu của An", &who), PH_EUNAUTH,
	          "old password no longer works");
	CHECK_INT(user_authenticate(db, &a, "an", "mật khẩu mới của An", &who), 0, "new one does");
	CHECK_INT(user_passwd(db, &an, "quantri", "12345678"), PH_EFORBIDDEN,
	          "an editor cannot set another's password");
	CHECK_INT(user_passwd(db, access_system(), "an", "short"), PH_EINVAL, "short new password");
	CHECK_INT(user_passwd(db, access_system(), "ghost", "12345678"), PH_ENOTFOUND, "passwd of nobody");
	CHECK_INT(audit_count(db, "user.passwd"), 1, "one passwd audited");

	/* Disabling: sessions end, sign-in fails, new sessions are refused. */
	CHECK_INT(session_create(db, an_id, t2, c2), 0, "session before disable");
	CHECK_INT(user_disable(db, &an, "quantri"), PH_EFORBIDDEN, "an editor cannot disable");
	CHECK_INT(user_disable(db, &admin, "an"), 0, "admin disables an");
	CHECK_INT(session_lookup(db, &a, t2, &who, got_csrf), PH_EUNAUTH, "disable ended the session");
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM sessions", NULL), 0, "no session rows left");
	CHECK_INT(user_authenticate(db, &a, "an", "mật khẩu mới của An", &who), PH_EUNAUTH,
	          "disabled user with the right password");
	CHECK_INT(session_create(db, an_id, t2, c2), PH_EUNAUTH, "no session for a disabled user");
	CHECK_STR(t2, "", "no token handed out");
	CHECK_INT(user_disable(db, &admin, "an"), 0, "disabling twice is a no-op");
	CHECK_INT(audit_count(db, "user.disable"), 1, "one disable audited");
	CHECK_INT(user_disable(db, access_system(), "ghost"), PH_ENOTFOUND, "disable nobody");
	CHECK_INT(user_enable(db, access_system(), "an"), 0, "enable again");
	CHECK_INT(user_authenticate(db, &a, "an", "mật khẩu mới của An", &who), 0,
	          "enabled user signs in");

	/* Update. */
	CHECK_INT(user_update(db, &admin, "an", "Nguyễn Văn An", other, ROLE_COORDINATOR), 0,
	          "update unit and role");
	CHECK_INT(user_by_login(db, &a, "an", &who), 0, "read back");
	CHECK_INT(who.role, ROLE_COORDINATOR, "role changed");
	CHECK_INT(who.unit_id, other, "unit changed");
	CHECK_INT(user_update(db, &admin, "an", "X", 99999, ROLE_VIEWER), PH_EINVAL, "unknown unit");
	CHECK_INT(user_update(db, &who, "quantri", "X", unit, ROLE_VIEWER), PH_EFORBIDDEN,
	          "a coordinator cannot manage users");

	/* The list, by login. */
	struct user *list = NULL;
	size_t n = 0;
	CHECK_INT(user_list(db, &a, &list, &n), 0, "list");
	CHECK_INT(n, 3, "three users");
	CHECK(n == 3 && strcmp(list[0].login, "an") == 0 && strcmp(list[1].login, "binh") == 0 &&
	      strcmp(list[2].login, "quantri") == 0, "sorted by login");

	arena_cleanup(&a);
	fixture_close(db);
	TEST_END("test_user");
}

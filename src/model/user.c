/* user.c: user accounts (roles, logins, Argon2id password hashes), sign-in
 * and sessions. The plain password and its hash never leave this file:
 * not into the audit log, not into any record a caller sees. */
#include "model/user.h"
#include "model/access.h"
#include "model/audit.h"
#include "model/input.h"
#include "db/db.h"
#include "db/store.h"
#include "base/err.h"
#include "base/token.h"
#include "base/text.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <time.h>

/* A hash of a password nobody knows, with the same parameters as real
 * ones: an unknown login is checked against it so that it costs the same
 * time as a known one. */
static const char dummy_hash[crypto_pwhash_STRBYTES] =
	"$argon2id$v=19$m=65536,t=2,p=1$snbE68f0K2GVgFCsUZM1yw"
	"$Ew9gMZqrGws3Y1dwVy+CNCrBMp+nVQN8zUcyqoVQVEU";

/* Longest password accepted, in bytes (hashing reads all of it). */
#define PASSWORD_MAX 1024
/* Longest display name, in bytes. */
#define NAME_MAX_BYTES 200
/* A session's expiry moves forward at most once a minute. */
#define TOUCH_SECONDS 60

static const struct {
	const char *name, *label;
} roles[ROLE_COUNT] = {
	[ROLE_VIEWER]      = {"viewer", "Xem"},
	[ROLE_EDITOR]      = {"editor", "Biên tập"},
	[ROLE_APPROVER]    = {"approver", "Phê duyệt"},
	[ROLE_COORDINATOR] = {"coordinator", "Điều phối"},
	[ROLE_ADMIN]       = {"admin", "Quản trị"},
};

const char *role_name(int role)
{
	return role >= 0 && role < ROLE_COUNT ? roles[role].name : "unknown";
}

const char *role_label(int role)
{
	return role >= 0 && role < ROLE_COUNT ? roles[role].label : "Không rõ";
}

int role_parse(const char *s, int *role)
{
	for (int i = 0; s && i < ROLE_COUNT; i++)
		if (strcmp(s, roles[i].name) == 0) {
			*role = i;
			return 0;
		}
	return PH_EINVAL;
}

int user_login_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 2 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

/* The form of a password that is hashed: NFC, so that a password typed
 * with composed or decomposed Vietnamese letters is the same password.
 * Input that is not UTF-8 is used as it is. Caller frees. */
static char *password_form(const char *pw)
{
	size_t n = strlen(pw);
	if (n && text_utf8_valid(pw, n, NULL))
		return text_nfc(pw, n);
	return strdup(pw);
}

/* Check a new password (valid UTF-8, at least USER_PASSWORD_MIN
 * characters, at most PASSWORD_MAX bytes) and hash it into out. */
static int password_hash(const char *pw, char out[static crypto_pwhash_STRBYTES])
{
	if (!pw)
		return PH_EINVAL;
	size_t n = strlen(pw), chars = 0;
	if (n > PASSWORD_MAX || !text_utf8_valid(pw, n, NULL))
		return PH_EINVAL;
	for (size_t i = 0; i < n; i++)
		chars += ((unsigned char)pw[i] & 0xC0) != 0x80;
	if (chars < USER_PASSWORD_MIN)
		return PH_EINVAL;
	if (sodium_init() < 0)
		return PH_ENOMEM;
	char *form = password_form(pw);
	if (!form)
		return PH_ENOMEM;
	int rc = crypto_pwhash_str(out, form, strlen(form), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                           crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0 ? 0 : PH_ENOMEM;
	sodium_memzero(form, strlen(form));
	free(form);
	return rc;
}

static void now_plus(long seconds, char out[static 21])
{
	audit_timestamp(time(NULL) + seconds, out);
}

/* The public fields of a user for the audit log (never the hash). */
static json_t *user_json(const char *login, const char *name, long long unit_id, int role,
                         int disabled)
{
	return json_pack("{s:s, s:s?, s:I, s:s, s:b}", "login", login, "name", name,
	                 "unit_id", (json_int_t)unit_id, "role", role_name(role),
	                 "disabled", disabled);
}

int user_email_valid(const char *s)
{
	static const char local_ok[] = "!#$%&'*+/=?^_`{|}~.-";
	if (!s || strlen(s) > 254)
		return 0;
	const char *at = strchr(s, '@');
	if (!at || at == s || at - s > 64 || strchr(at + 1, '@'))
		return 0;
	for (const char *p = s; p < at; p++)
		if (!(((unsigned char)*p < 0x80 && isalnum((unsigned char)*p)) ||
		      strchr(local_ok, *p)))
			return 0;
	int labels = 0;
	size_t label = 0;
	for (const char *p = at + 1;; p++) {
		if (*p == '.' || !*p) {
			if (label == 0 || p[-1] == '-' || label > 63)
				return 0;
			labels++;
			label = 0;
			if (!*p)
				break;
			continue;
		}
		if (!(((unsigned char)*p < 0x80 && isalnum((unsigned char)*p)) || *p == '-') ||
		    (label == 0 && *p == '-'))
			return 0;
		label++;
	}
	return labels >= 2;
}

int user_add(struct db *db, const struct user *actor, const char *login,
             const char *name, long long unit_id, int role,
             const char *password, long long *id)
{
	return user_add_email(db, actor, login, name, unit_id, role, NULL, password, id);
}

int user_add_email(struct db *db, const struct user *actor, const char *login,
                   const char *name, long long unit_id, int role, const char *email,
                   const char *password, long long *id)
{
	char hash[crypto_pwhash_STRBYTES];
	char *nm = NULL;
	struct arena a;
	arena_init(&a);
	long long new_id = 0;
	int rc = access_check(db, actor, ACT_USER_ADMIN, 0);
	if (!rc && (!user_login_valid(login) || role < 0 || role >= ROLE_COUNT))
		rc = PH_EINVAL;
	if (email && !*email)
		email = NULL;
	if (!rc && email && !user_email_valid(email))
		rc = PH_EINVAL;
	if (!rc)
		rc = input_text(name, NAME_MAX_BYTES, INPUT_LINE, &nm);
	/* Hashing is slow on purpose: done before the write lock is taken. */
	if (!rc)
		rc = password_hash(password, hash);
	if (rc)
		goto out;
	if ((rc = db_begin(db)))
		goto out;
	struct unit u;
	struct user other;
	rc = store_unit_get(db, &a, unit_id, &u);
	if (rc == PH_ENOTFOUND)
		rc = PH_EINVAL;
	if (!rc) {
		rc = store_user_by_login(db, &a, login, &other, NULL);
		rc = rc == 0 ? PH_EDUPLICATE : rc == PH_ENOTFOUND ? 0 : rc;
	}
	char at[21];
	now_plus(0, at);
	if (!rc)
		rc = store_user_insert(db, login, nm, unit_id, role_name(role), hash, at, &new_id);
	if (!rc && email)
		rc = store_user_set_email(db, new_id, email);
	if (!rc)
		rc = audit_record_json(db, actor, "user.add", "user", new_id, NULL,
		                       user_json(login, nm, unit_id, role, 0));
	if (!rc)
		rc = db_commit(db);
	if (rc) {
		db_rollback(db);
		new_id = 0;
	}
out:
	if (id)
		*id = new_id;
	sodium_memzero(hash, sizeof hash);
	free(nm);
	arena_cleanup(&a);
	return rc;
}

/* Find the user of login for a change by actor: administrators change
 * anyone, and (when self_ok) a user changes itself. */
static int target(struct db *db, struct arena *a, const struct user *actor,
                  const char *login, int self_ok, struct user *out)
{
	int rc = login ? store_user_by_login(db, a, login, out, NULL) : PH_ENOTFOUND;
	if (rc)
		return rc;
	if (self_ok && actor && actor->id == out->id)
		return actor->disabled ? PH_EUNAUTH : 0;
	return access_check(db, actor, ACT_USER_ADMIN, 0);
}

int user_passwd(struct db *db, const struct user *actor, const char *login,
                const char *password)
{
	char hash[crypto_pwhash_STRBYTES];
	struct arena a;
	arena_init(&a);
	struct user u;
	int rc = target(db, &a, actor, login, 1, &u);
	if (!rc)
		rc = password_hash(password, hash);
	if (rc)
		goto out;
	if ((rc = db_begin(db)))
		goto out;
	rc = store_user_set_password(db, u.id, hash);
	if (!rc)
		rc = store_sessions_delete_user(db, u.id);
	if (!rc)
		rc = audit_record_json(db, actor, "user.passwd", "user", u.id, NULL,
		                       json_pack("{s:s, s:b}", "login", u.login, "sessions_ended", 1));
	if (!rc)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
out:
	sodium_memzero(hash, sizeof hash);
	arena_cleanup(&a);
	return rc;
}

/* Set the disabled flag; disabling ends the user's sessions. */
static int set_disabled(struct db *db, const struct user *actor, const char *login,
                        int disabled)
{
	struct arena a;
	arena_init(&a);
	struct user u;
	int rc = target(db, &a, actor, login, 0, &u);
	if (rc || u.disabled == disabled)
		goto out;
	if ((rc = db_begin(db)))
		goto out;
	rc = store_user_set_disabled(db, u.id, disabled);
	if (!rc && disabled)
		rc = store_sessions_delete_user(db, u.id);
	if (!rc)
		rc = audit_record_json(db, actor, disabled ? "user.disable" : "user.enable", "user",
		                       u.id, json_pack("{s:s, s:b}", "login", u.login, "disabled", u.disabled),
		                       json_pack("{s:s, s:b}", "login", u.login, "disabled", disabled));
	if (!rc)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
out:
	arena_cleanup(&a);
	return rc;
}

int user_disable(struct db *db, const struct user *actor, const char *login)
{
	return set_disabled(db, actor, login, 1);
}

int user_enable(struct db *db, const struct user *actor, const char *login)
{
	return set_disabled(db, actor, login, 0);
}

int user_update(struct db *db, const struct user *actor, const char *login,
                const char *name, long long unit_id, int role)
{
	struct arena a;
	arena_init(&a);
	struct user u;
	struct unit unit;
	char *nm = NULL;
	int rc = target(db, &a, actor, login, 0, &u);
	if (!rc && (role < 0 || role >= ROLE_COUNT))
		rc = PH_EINVAL;
	if (!rc)
		rc = input_text(name, NAME_MAX_BYTES, INPUT_LINE, &nm);
	if (rc)
		goto out;
	if ((rc = db_begin(db)))
		goto out;
	rc = store_unit_get(db, &a, unit_id, &unit);
	if (rc == PH_ENOTFOUND)
		rc = PH_EINVAL;
	if (!rc)
		rc = store_user_update(db, u.id, nm, unit_id, role_name(role));
	if (!rc)
		rc = audit_record_json(db, actor, "user.update", "user", u.id,
		                       user_json(u.login, u.name, u.unit_id, u.role, u.disabled),
		                       user_json(u.login, nm, unit_id, role, u.disabled));
	if (!rc)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
out:
	free(nm);
	arena_cleanup(&a);
	return rc;
}

int user_list(struct db *db, struct arena *a, struct user **out, size_t *n)
{
	return store_users_list(db, a, out, n);
}

int user_get(struct db *db, struct arena *a, long long id, struct user *out)
{
	return store_user_get(db, a, id, out, NULL);
}

int user_by_login(struct db *db, struct arena *a, const char *login, struct user *out)
{
	return login ? store_user_by_login(db, a, login, out, NULL) : PH_ENOTFOUND;
}

int user_authenticate(struct db *db, struct arena *a, const char *login,
                      const char *password, struct user *out)
{
	struct user u;
	char *hash = NULL;
	int rc = user_login_valid(login) ? store_user_by_login(db, a, login, &u, &hash) : PH_ENOTFOUND;
	if (rc && rc != PH_ENOTFOUND)
		return rc;
	if (sodium_init() < 0)
		return PH_ENOMEM;
	/* Always one verification, against the user's hash or the dummy, so
	 * that unknown, disabled and known logins take the same time. */
	char stored[crypto_pwhash_STRBYTES] = {0};
	int usable = rc == 0 && hash && strlen(hash) < sizeof stored;
	strcpy(stored, usable ? hash : dummy_hash);
	char *form = password_form(password ? password : "");
	if (!form)
		return PH_ENOMEM;
	int ok = crypto_pwhash_str_verify(stored, form, strlen(form)) == 0 && usable;
	sodium_memzero(form, strlen(form));
	free(form);
	if (rc || !ok || u.disabled)
		return PH_EUNAUTH;
	*out = u;
	return 0;
}

/* ---- sessions ---- */

int session_create(struct db *db, long long user_id, char token[static 65],
                   char csrf[static 65])
{
	char th[65], now[21], expires[21];
	struct arena a;
	arena_init(&a);
	struct user u;
	token[0] = csrf[0] = 0;
	if (sodium_init() < 0)
		return PH_ENOMEM;
	token_random(token);
	token_random(csrf);
	token_hash(token, th);
	now_plus(0, now);
	now_plus(SESSION_SECONDS, expires);
	int rc = db_begin(db);
	if (rc)
		goto out;
	rc = store_user_get(db, &a, user_id, &u, NULL);
	if (rc == PH_ENOTFOUND || (!rc && u.disabled))
		rc = PH_EUNAUTH;
	/* Expired sessions are cleared as new ones start. */
	if (!rc)
		rc = store_sessions_purge(db, now);
	if (!rc)
		rc = store_session_insert(db, th, user_id, csrf, now, expires);
	if (!rc)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
out:
	if (rc)
		token[0] = csrf[0] = 0;
	arena_cleanup(&a);
	return rc;
}

int session_lookup(struct db *db, struct arena *a, const char *token,
                   struct user *out, char csrf[static 65])
{
	char th[65], now[21], fresh[21];
	char *c = NULL, *expires = NULL;
	csrf[0] = 0;
	if (!token_valid(token))
		return PH_EUNAUTH;
	token_hash(token, th);
	now_plus(0, now);
	int rc = store_session_user(db, a, th, now, out, &c, &expires);
	if (rc)
		return rc == PH_ENOTFOUND ? PH_EUNAUTH : rc;
	if (!c || strlen(c) != 64)
		return PH_EUNAUTH;
	memcpy(csrf, c, 65);
	/* Sliding expiry; a failed refresh does not fail the request, the
	 * session simply keeps its current end. Nor does it wait: while
	 * another writer holds the lock (an import, remind from cron) the
	 * refresh is skipped, and a later request makes it. */
	now_plus(SESSION_SECONDS - TOUCH_SECONDS, fresh);
	if (expires && strcmp(expires, fresh) < 0 && db_try_begin(db) == 0) {
		now_plus(SESSION_SECONDS, fresh);
		if (store_session_touch(db, th, fresh) || db_commit(db))
			db_rollback(db);
	}
	return 0;
}

int session_delete(struct db *db, const char *token)
{
	char th[65];
	if (!token_valid(token))
		return 0;
	token_hash(token, th);
	return store_session_delete(db, th);
}

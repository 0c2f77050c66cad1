/* signin.c: throttled sign-in with device cookies (see signin.h). */
#include "model/signin.h"
#include "model/user.h"
#include "db/db.h"
#include "db/store.h"
#include "base/err.h"
#include "base/token.h"
#include <string.h>

/* Failures are kept a day, far past the window, then pruned. */
#define KEEP_SECONDS (24 * 3600)

/* The key a login's failures are counted under: the login itself when it
 * could be one, else the hash of what was typed (so that junk is stored
 * at a fixed size and cannot pass for a real login). */
static void login_key(const char *login, char out[static 72])
{
	if (login && user_login_valid(login)) {
		strcpy(out, login);
		return;
	}
	char h[65];
	token_hash(login ? login : "", h);
	memcpy(out, "#", 2);
	strcat(out, h);
}

static int record_failure(struct db *db, const struct signin *in, const char *key,
                          const char *device, int trusted)
{
	int rc = db_begin(db);
	if (!rc)
		rc = store_signin_failure(db, in->now, key, in->address ? in->address : "-",
		                          device, trusted);
	if (!rc)
		rc = store_signin_prune(db, in->now - KEEP_SECONDS);
	if (!rc)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

int signin_check(struct db *db, struct arena *a, const struct signin *in, struct user *out,
                 char new_device[static 65])
{
	char key[72], dev[65] = "";
	new_device[0] = 0;
	login_key(in->login, key);
	const char *address = in->address ? in->address : "-";
	long long since = in->now - SIGNIN_WINDOW;

	/* Does the cookie sent vouch for this login? */
	struct user known;
	long long dev_user = 0, n = 0;
	int rc = in->login && user_login_valid(in->login)
	             ? store_user_by_login(db, a, in->login, &known, NULL) : PH_ENOTFOUND;
	int is_known = rc == 0;
	/* Only "no such login" makes it unknown: a failed read (out of
	 * memory, the database) is no sign-in failure to count. */
	if (rc == PH_ENOTFOUND)
		rc = 0;
	if (!rc && token_valid(in->device)) {
		token_hash(in->device, dev);
		rc = store_device_user(db, dev, &dev_user);
		if (rc == PH_ENOTFOUND)
			rc = 0, dev_user = 0;
	}
	int trusted = is_known && dev_user && dev_user == known.id;
	if (!rc && trusted) {
		rc = store_signin_count_device(db, dev, since, &n);
		if (n >= SIGNIN_DEVICE_FAILS)
			trusted = 0;
	}
	if (!rc && !trusted) {
		rc = store_signin_count_login(db, key, since, &n);
		if (!rc && n >= SIGNIN_LOGIN_FAILS)
			return PH_ERATE;
		if (!rc)
			rc = store_signin_count_address(db, address, since, &n);
		if (!rc && n >= SIGNIN_ADDRESS_FAILS)
			return PH_ERATE;
	}
	if (rc)
		return rc;

	rc = user_authenticate(db, a, in->login, in->password, out);
	if (rc == PH_EUNAUTH) {
		int w = record_failure(db, in, key, dev[0] ? dev : NULL, trusted);
		return w ? w : PH_EUNAUTH;
	}
	if (rc)
		return rc;
	if (trusted)
		return 0;
	/* A browser that signed in as this user from now on vouches for it. */
	char fresh[65], fh[65];
	token_random(fresh);
	token_hash(fresh, fh);
	rc = store_device_insert(db, fh, out->id, in->now);
	if (rc)
		return rc;
	memcpy(new_device, fresh, 65);
	return 0;
}

int signin_unlock(struct db *db, const char *login)
{
	char key[72];
	login_key(login, key);
	return store_signin_forget_login(db, key);
}

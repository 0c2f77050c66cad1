/* auth.c: sessions, CSRF and sign-in rate limiting for the web layer.
 * The sessions themselves and passwords live in model/user.c; this file
 * only moves tokens between HTTP and the model. */
#include "web/auth.h"
#include "web/route.h"
#include "base/err.h"
#include "model/user.h"
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* ---- rate limiting: a small open table of recent failures ---- */

#define SLOTS 1024
static struct slot {
	char key[80];        /* "u:login" or "a:address" */
	int fails;
	time_t since;        /* start of the window */
} slots[SLOTS];
static pthread_mutex_t slots_mu = PTHREAD_MUTEX_INITIALIZER;

static struct slot *slot_for(const char *key, int create)
{
	unsigned long h = 5381;
	for (const char *p = key; *p; p++)
		h = h * 33 + (unsigned char)*p;
	time_t now = time(NULL);
	for (int i = 0; i < 16; i++) {
		struct slot *s = &slots[(h + (unsigned long)i) % SLOTS];
		if (!strcmp(s->key, key))
			return s;
		if (create && (!s->key[0] || now - s->since > AUTH_WINDOW)) {
			snprintf(s->key, sizeof s->key, "%s", key);
			s->fails = 0;
			s->since = now;
			return s;
		}
	}
	/* The neighbourhood is full of fresh failures: reuse the first slot. */
	if (!create)
		return NULL;
	struct slot *s = &slots[h % SLOTS];
	snprintf(s->key, sizeof s->key, "%s", key);
	s->fails = 0;
	s->since = now;
	return s;
}

static int limited(const char *key, int max)
{
	struct slot *s = slot_for(key, 0);
	if (!s)
		return 0;
	if (time(NULL) - s->since > AUTH_WINDOW) {
		s->fails = 0;
		s->since = time(NULL);
		return 0;
	}
	return s->fails >= max;
}

static void record_fail(const char *key)
{
	struct slot *s = slot_for(key, 1);
	if (time(NULL) - s->since > AUTH_WINDOW) {
		s->fails = 0;
		s->since = time(NULL);
	}
	s->fails++;
}

static void forget(const char *key)
{
	struct slot *s = slot_for(key, 0);
	if (s)
		s->key[0] = '\0';
}

void auth_reset(void)
{
	pthread_mutex_lock(&slots_mu);
	memset(slots, 0, sizeof slots);
	pthread_mutex_unlock(&slots_mu);
}

int auth_sign_in(struct req *r, const char *login, const char *password,
                 char token[static 65], char csrf[static 65])
{
	char ukey[80], akey[80];
	snprintf(ukey, sizeof ukey, "u:%s", login ? login : "");
	snprintf(akey, sizeof akey, "a:%s", r->remote ? r->remote : "-");
	pthread_mutex_lock(&slots_mu);
	int blocked = limited(ukey, AUTH_MAX_FAILS) || limited(akey, 4 * AUTH_MAX_FAILS);
	pthread_mutex_unlock(&slots_mu);
	if (blocked)
		return PH_ERATE;
	struct user u;
	int rc = PH_EUNAUTH;
	if (login && password && *login && *password)
		rc = user_authenticate(r->db, r->a, login, password, &u);
	pthread_mutex_lock(&slots_mu);
	if (rc == PH_EUNAUTH) {
		record_fail(ukey);
		record_fail(akey);
	} else if (!rc) {
		forget(ukey);
	}
	pthread_mutex_unlock(&slots_mu);
	if (rc)
		return rc;
	return session_create(r->db, u.id, token, csrf);
}

/* ---- identifying the user ---- */

int auth_identify(struct req *r)
{
	r->user = NULL;
	r->csrf[0] = '\0';
	r->bearer = 0;
	const char *token = NULL;
	const char *authz = req_header(r, "Authorization");
	if (authz && !strncasecmp(authz, "Bearer ", 7)) {
		token = authz + 7;
		r->bearer = 1;
	} else {
		token = req_cookie(r, SESSION_COOKIE);
	}
	if (!token || strlen(token) != 64)
		return 0;
	struct user *u = arena_alloc(r->a, sizeof *u);
	int rc = session_lookup(r->db, r->a, token, u, r->csrf);
	if (rc == PH_EUNAUTH) {
		r->csrf[0] = '\0';
		r->bearer = 0;
		return 0;
	}
	if (rc)
		return rc;
	r->user = u;
	return 0;
}

static int same_token(const char *a, const char *b)
{
	if (!a || !b || strlen(a) != 64 || strlen(b) != 64)
		return 0;
	return sodium_memcmp(a, b, 64) == 0;
}

int auth_csrf_ok(struct req *r)
{
	const char *sent = req_form(r, "_csrf");
	if (!sent)
		sent = req_header(r, "X-CSRF-Token");
	if (r->user)
		return same_token(sent, r->csrf);
	/* Before sign-in: the form's token must equal the cookie's. */
	return same_token(sent, req_cookie(r, LOGIN_CSRF_COOKIE));
}

/* ---- cookies ---- */

static void set_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	char *c = arena_printf(r->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%ld%s",
	                       name, value, max_age, r->cfg->secure_cookies ? "; Secure" : "");
	req_add_header(r, "Set-Cookie", c);
}

void auth_set_cookie(struct req *r, const char *token)
{
	set_cookie(r, SESSION_COOKIE, token, SESSION_SECONDS);
}

void auth_clear_cookie(struct req *r)
{
	set_cookie(r, SESSION_COOKIE, "", 0);
}

void auth_login_token(struct req *r)
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(r->csrf, sizeof r->csrf, raw, sizeof raw);
	set_cookie(r, LOGIN_CSRF_COOKIE, r->csrf, 3600);
}

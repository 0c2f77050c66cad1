/* auth.c: sessions, CSRF and sign-in for the web layer. The sessions
 * themselves and passwords live in model/user.c, the sign-in throttle in
 * model/signin.c; this file only moves tokens and cookies between HTTP and
 * the model. */
#include "web/auth.h"
#include "web/route.h"
#include "base/err.h"
#include "model/signin.h"
#include "model/user.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* ---- cookies ---- */

static void set_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	char *c = arena_printf(r->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%ld%s",
	                       name, value, max_age, r->cfg->secure_cookies ? "; Secure" : "");
	if (!c)
		return; /* the arena is failed: the answer is an error, without cookies */
	req_add_header(r, "Set-Cookie", c);
}

/* ---- signing in ---- */

int auth_sign_in(struct req *r, const char *login, const char *password,
                 char token[static 65], char csrf[static 65])
{
	token[0] = csrf[0] = 0;
	struct signin in = {
		.login = login,
		.password = password,
		.address = r->remote,
		.device = req_cookie(r, DEVICE_COOKIE),
		.now = (long long)time(NULL),
	};
	struct user u;
	char device[65];
	int rc = signin_check(r->db, r->a, &in, &u, device);
	if (rc)
		return rc;
	rc = session_create(r->db, u.id, token, csrf);
	if (!rc && device[0])
		set_cookie(r, DEVICE_COOKIE, device, SIGNIN_DEVICE_SECONDS);
	return rc;
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
	if (!u)
		return PH_ENOMEM;
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

void auth_set_cookie(struct req *r, const char *token)
{
	set_cookie(r, SESSION_COOKIE, token, SESSION_SECONDS);
}

void auth_clear_cookie(struct req *r)
{
	set_cookie(r, SESSION_COOKIE, "", 0);
}

void auth_refresh_cookie(struct req *r)
{
	if (!r->user || r->bearer)
		return;
	for (int i = 0; i < r->headers_len; i++)
		if (!strcasecmp(r->headers[i].name, "Set-Cookie") &&
		    !strncmp(r->headers[i].value, SESSION_COOKIE "=", sizeof SESSION_COOKIE))
			return; /* signed in or out by this request */
	const char *token = req_cookie(r, SESSION_COOKIE);
	if (token && strlen(token) == 64)
		auth_set_cookie(r, token);
}

void auth_login_token(struct req *r)
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(r->csrf, sizeof r->csrf, raw, sizeof raw);
	set_cookie(r, LOGIN_CSRF_COOKIE, r->csrf, 3600);
}

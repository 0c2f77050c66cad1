/* session.c: POST/DELETE /api/v1/session (sign in, sign out) and GET
 * /api/v1/me. Signing in answers a bearer token for scripts (curl -H
 * "Authorization: Bearer ...") and also sets the session cookie. */
#include "api/api.h"
#include "api/json_out.h"
#include "base/err.h"
#include "model/user.h"
#include "web/auth.h"
#include "web/reply.h"
#include "web/route.h"
#include <string.h>

int api_session_create(struct req *r)
{
	json_t *in = NULL;
	int rc = reply_body_object(r, &in);
	if (rc)
		return rc;
	const char *login = json_str(in, "login", &rc);
	const char *password = json_str(in, "password", &rc);
	if (!rc && (!login || !password)) {
		r->err_detail = "login and password are required";
		rc = PH_EBADREQ;
	}
	char token[65], csrf[65];
	if (!rc)
		rc = auth_sign_in(r, login, password, token, csrf);
	json_decref(in);
	if (rc)
		return rc;
	auth_set_cookie(r, token);
	struct user u;
	rc = session_lookup(r->db, r->a, token, &u, csrf);
	if (rc)
		return rc;
	return reply_json(r, 201, json_pack("{s:s, s:s, s:o}", "token", token,
	                                    "csrf_token", csrf, "user", json_user(&u)));
}

int api_session_delete(struct req *r)
{
	const char *token = NULL;
	const char *authz = req_header(r, "Authorization");
	if (authz && !strncmp(authz, "Bearer ", 7))
		token = authz + 7;
	else
		token = req_cookie(r, SESSION_COOKIE);
	/* Never answer "signed out" while the session still works. */
	int rc = token ? session_delete(r->db, token) : 0;
	if (rc)
		return rc;
	auth_clear_cookie(r);
	return reply_json(r, 200, json_pack("{s:b}", "signed_out", 1));
}

int api_me(struct req *r)
{
	return reply_json(r, 200, json_pack("{s:o, s:s}", "user", json_user(r->user),
	                                    "csrf_token", r->csrf));
}

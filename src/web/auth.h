/* auth.h: who is asking. The session cookie or a bearer token becomes
 * r->user; state-changing requests signed in by cookie must carry the
 * session's CSRF token (form field _csrf or header X-CSRF-Token); sign-in
 * tries are throttled by model/signin.c, with the device cookie a browser
 * gets when it signs in. */
#ifndef PH_AUTH_H
#define PH_AUTH_H
#include "web/req.h"

/* Fill r->user, r->csrf and r->bearer from the Authorization header or the
 * session cookie. A missing or unknown session leaves r->user NULL; only
 * a database failure returns non-zero (PH_EDB). */
int auth_identify(struct req *r);
/* 1 when the request carries the right CSRF token for its session (or, on
 * the sign-in form, the token of the pre-sign-in cookie). */
int auth_csrf_ok(struct req *r);
/* Check login and password, throttled (model/signin.h). 0 with token (64
 * hex) of a new session and the session's csrf, and a device cookie set
 * when the browser had none for this user; PH_ERATE, PH_EUNAUTH, PH_EDB,
 * PH_EBUSY. */
int auth_sign_in(struct req *r, const char *login, const char *password,
                 char token[static 65], char csrf[static 65]);
/* Set or clear the session cookie on the answer. */
void auth_set_cookie(struct req *r, const char *token);
void auth_clear_cookie(struct req *r);
/* Send the session cookie again with a full Max-Age on an answer to a
 * request signed in by it (unless the request set or cleared it), so that
 * the browser keeps it as long as the server-side session slides. */
void auth_refresh_cookie(struct req *r);
/* A fresh random token for the sign-in form's double-submit cookie; sets
 * the cookie and copies the token into r->csrf for html_form_post(). */
void auth_login_token(struct req *r);

#endif

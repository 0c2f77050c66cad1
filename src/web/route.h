/* route.h: the route table and the dispatcher. Every URL the server
 * answers is one row of routes[] (routes.c): method, pattern, whether it
 * needs a signed-in user, the access action it needs before the handler
 * runs (checked by access.c, the one permission check; finer checks on a
 * particular task or unit happen in the model, through the same
 * access.c), and the handler. Pages and the API share this table.
 *
 * Patterns are literal segments and parameters: {id} matches digits and
 * fills req.id (a second {id2} fills req.id2), {name} matches one
 * segment and fills req.name. */
#ifndef PH_ROUTE_H
#define PH_ROUTE_H
#include <stddef.h>
#include "web/req.h"

enum route_flags {
	R_PUBLIC = 1,     /* no sign-in needed: set exactly when the action is
	                     public (access_public), which test_routes checks */
	R_API = 2,        /* listed in the OpenAPI document */
};

/* Handlers write their answer into r and return 0, or return an enum
 * ph_err code (with r->err_detail set when useful) and the dispatcher
 * answers with the error page or the JSON error. */
typedef int (*route_fn)(struct req *r);

struct route {
	const char *method;   /* "GET", "POST", "PATCH", "DELETE" */
	const char *pattern;  /* "/tasks/{id}" */
	int flags;            /* enum route_flags */
	int act;              /* enum access_action the route needs: its least
	                         role is checked before the handler runs */
	route_fn fn;
};

extern const struct route routes[];
extern const size_t routes_len;

/* Match r->path and r->method, identify the user (session cookie or
 * bearer token), check sign-in, the CSRF token of state-changing
 * requests signed in by cookie, the route's access action, then run the
 * handler. Always leaves an answer in r. */
void route_dispatch(struct req *r);

/* Answer with an error: the JSON {"error": {"code", "message"}} under
 * /api/, else the Vietnamese error page. detail (English, may be NULL)
 * goes into the JSON "detail" and the log. */
void route_error(struct req *r, int code, const char *detail);

/* Names of the session cookies. */
#define SESSION_COOKIE "phoihop_session"
#define LOGIN_CSRF_COOKIE "phoihop_login"

#endif

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

/* What body a route takes. A request with a body the route does not
 * take is refused before the body is read: 413 when the route takes none
 * or the declared length is over the route's limit, 415 for a type it
 * does not take. */
enum route_body {
	B_NONE = 0,       /* no body */
	B_FORM = 1,       /* an HTML form (urlencoded or multipart), read into r->form */
	B_JSON = 2,       /* application/json, raw in r->body */
	B_RAW = 4,        /* any other type, raw in r->body (text, CSV, file bytes) */
	B_TEXT = 8,       /* up to ROUTE_TEXT_MAX bytes instead of ROUTE_SMALL_MAX */
	B_UPLOAD = 16,    /* up to the server's upload limit (web_config.max_body) */
};
/* The body limits of routes that are not uploads. */
#define ROUTE_SMALL_MAX (64u * 1024)
#define ROUTE_TEXT_MAX (2u * 1024 * 1024)

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
	int body;             /* enum route_body flags */
	route_fn fn;
};

extern const struct route routes[];
extern const size_t routes_len;

/* The first half of dispatching, when the request's head has arrived
 * and before its body is read: match r->path and r->method, identify the
 * user (session cookie or bearer token), check sign-in, refuse a
 * cross-site state-changing request a cookie could carry (Origin,
 * Sec-Fetch-Site), check the route's access action and whether the route
 * takes the body announced (r->has_body, r->body_declared,
 * r->content_type). Returns 0 when the request may go on, with
 * r->body_max and r->body_form set; otherwise the refusal (or the
 * redirect to sign-in) is written into r and 1 is returned. */
int route_begin(struct req *r);
/* The second half, once the body is read: the CSRF token of
 * state-changing requests signed in by cookie, then the handler. Always
 * leaves an answer in r. */
void route_run(struct req *r);
/* Both halves, for a request whose body is already in r. */
void route_dispatch(struct req *r);

/* A local path to send a browser to after sign-in: next when it is a
 * path (with a query) that a GET route of the table answers, holds no
 * control character, space or backslash, and is not the sign-in page
 * itself; "/" otherwise. The result is next itself or a literal. */
const char *route_local_target(struct req *r, const char *next);

/* Answer with an error: the JSON {"error": {"code", "message"}} under
 * /api/, else the Vietnamese error page. detail (English, may be NULL)
 * goes into the JSON "detail" and the log. */
void route_error(struct req *r, int code, const char *detail);

/* Names of the session cookies. */
#define SESSION_COOKIE "phoihop_session"
#define LOGIN_CSRF_COOKIE "phoihop_login"
#define DEVICE_COOKIE "phoihop_device"

#endif

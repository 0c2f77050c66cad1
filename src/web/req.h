/* req.h: one HTTP request as handlers see it, and the answer they build.
 * The server (server.c) fills the request part, the dispatcher (route.c)
 * signs the user in and checks the route's permission and CSRF token, the
 * handler writes the answer through html.h or reply.h. Everything lives in
 * the request's arena, freed when the request completes. */
#ifndef PH_REQ_H
#define PH_REQ_H
#include <stddef.h>
#include "base/arena.h"
#include "base/buf.h"

struct db;
struct user;

/* A query parameter or a form field. File fields carry a filename. */
struct req_param {
	char *name;
	char *value;          /* NUL-terminated; may hold NUL bytes for files */
	size_t len;           /* bytes in value */
	char *filename;       /* multipart file field: the name sent, else NULL */
	char *ctype;          /* multipart part's content type, or NULL */
};

/* Server-wide settings handlers may read. */
struct web_config {
	size_t max_body;      /* largest request body accepted (413 above) */
	size_t max_upload;    /* largest attachment */
	int secure_cookies;   /* 1: cookies get the Secure attribute */
};

struct req {
	struct arena *a;            /* request memory */
	struct db *db;              /* this worker thread's connection */
	const struct web_config *cfg;
	const char *method;         /* "GET", "POST", ... */
	const char *path;           /* decoded path, without the query */
	const char *remote;         /* client address as text */
	int api;                    /* 1: path under /api/ (JSON answers) */

	struct req_param *query;    size_t query_len, query_cap;
	struct req_param *form;     size_t form_len, form_cap;
	const char *body;           /* raw body (JSON, text) or NULL */
	size_t body_len;
	const char *content_type;   /* request Content-Type, or NULL */
	int has_body;               /* 1: the head announced a body */
	size_t body_declared;       /* its Content-Length; 0 when unknown (chunked) */
	size_t body_max;            /* the route's limit for it (route_begin) */
	int body_form;              /* 1: read it as a form into form[] */

	/* Filled by the dispatcher. */
	long long id, id2;          /* numeric path parameters, in order */
	const char *name;           /* a string path parameter ({name}) */
	const char *route;          /* the matched pattern, for the log */
	const void *route_row;      /* the matched row of routes[] (route.c) */
	struct user *user;          /* signed-in user, NULL when anonymous */
	char csrf[65];              /* the session's CSRF token, "" without one */
	int bearer;                 /* 1: signed in by Authorization: Bearer */

	/* The answer. */
	int status;                 /* 200 unless set */
	const char *ctype_out;      /* Content-Type; HTML by default */
	struct buf out;             /* body */
	struct { const char *name, *value; } headers[8];
	int headers_len;
	const char *download;       /* bytes to send instead of out (a file) */
	size_t download_len;
	const char *err_detail;     /* English detail of an error answer */
	const char *err_reason_vi;  /* Vietnamese reason shown on the error page
	                               (static or in r->a); NULL: none */

	/* Opaque server data (the MHD connection). */
	void *conn;
};

/* A request header (case-insensitive name) or NULL. */
const char *req_header(struct req *r, const char *name);
/* A cookie's value or NULL. */
const char *req_cookie(struct req *r, const char *name);
/* Query parameter or form field value, or NULL when absent (or when name
 * is NULL, as a name built in a failed arena is: the answer is then an
 * error anyway, so a caller that writes must check arena_failed first). */
const char *req_query(struct req *r, const char *name);
const char *req_form(struct req *r, const char *name);
/* A form field's parameter record (files), or NULL. */
const struct req_param *req_form_param(struct req *r, const char *name);
/* Integer query parameter: def when absent or not a number. */
long long req_query_int(struct req *r, const char *name, long long def);
/* Add a response header (name and value are copied into the arena).
 * Nothing is added when value is NULL or the arena refuses the copies:
 * the arena is then failed and the answer is the memory error. */
void req_add_header(struct req *r, const char *name, const char *value);

#endif

/* apiutil.h: small "read it or answer 400" helpers shared by the API
 * handlers: paging parameters, typed query parameters and JSON body
 * fields, the list envelope, and an error answer with extra fields. */
#ifndef PH_APIUTIL_H
#define PH_APIUTIL_H
#include <jansson.h>
#include "web/req.h"

/* Default and largest page size of every list. */
#define APIUTIL_LIMIT_DEFAULT 50
#define APIUTIL_LIMIT_MAX 500

/* Read ?limit= and ?offset=. 0 with *limit (default 50) and *offset
 * (default 0); PH_EBADREQ (r->err_detail set) when either is not a
 * number, limit is outside 1..500 or offset is negative. */
int apiutil_page(struct req *r, int *limit, int *offset);

/* A positive integer query parameter: 0 with *out (0 when absent),
 * PH_EBADREQ when present but not a positive integer. */
int apiutil_query_id(struct req *r, const char *name, long long *out);

/* {"items": items, "total", "limit", "offset"}; steals items. */
json_t *apiutil_list(json_t *items, long long total, int limit, int offset);

/* Items [offset, offset+limit) of an array built in full (for model
 * lists that are not paged in the database); steals all, returns the
 * list envelope. */
json_t *apiutil_slice(json_t *all, int limit, int offset);

/* Integer field of a JSON object: 0 with *out (unchanged when absent or
 * null), PH_EBADREQ (detail set) for another type. */
int apiutil_json_int(struct req *r, json_t *o, const char *key, long long *out);
/* String field: the value, NULL when absent or null; on a wrong type
 * sets *rc = PH_EBADREQ and r->err_detail names the field. */
const char *apiutil_json_str(struct req *r, json_t *o, const char *key, int *rc);

/* Write an error answer like the dispatcher's, with the fields of extra
 * (stolen, may be NULL) added to the "error" object. Returns 0. */
int apiutil_error(struct req *r, int code, const char *detail, json_t *extra);

#endif

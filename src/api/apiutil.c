/* apiutil.c: request-reading helpers and the list envelope shared by the
 * API handlers (see apiutil.h). */
#include "api/apiutil.h"
#include "base/err.h"
#include "web/reply.h"
#include <errno.h>
#include <stdlib.h>

/* Parse a whole decimal number; 0 or PH_EBADREQ. */
static int parse_ll(const char *s, long long *out)
{
	if (!s || !*s)
		return PH_EBADREQ;
	char *end = NULL;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (*end || errno || end == s)
		return PH_EBADREQ;
	*out = v;
	return 0;
}

int apiutil_page(struct req *r, int *limit, int *offset)
{
	*limit = APIUTIL_LIMIT_DEFAULT;
	*offset = 0;
	long long v = 0;
	const char *s = req_query(r, "limit");
	if (s) {
		if (parse_ll(s, &v) || v < 1 || v > APIUTIL_LIMIT_MAX) {
			r->err_detail = "limit must be a number from 1 to 500";
			return PH_EBADREQ;
		}
		*limit = (int)v;
	}
	s = req_query(r, "offset");
	if (s) {
		if (parse_ll(s, &v) || v < 0 || v > 1000000000) {
			r->err_detail = "offset must be a number of 0 or more";
			return PH_EBADREQ;
		}
		*offset = (int)v;
	}
	return 0;
}

int apiutil_query_id(struct req *r, const char *name, long long *out)
{
	*out = 0;
	const char *s = req_query(r, name);
	if (!s || !*s)
		return 0;
	if (parse_ll(s, out) || *out <= 0) {
		*out = 0;
		r->err_detail = arena_printf(r->a, "%s must be a positive integer id", name);
		return PH_EBADREQ;
	}
	return 0;
}

json_t *apiutil_list(json_t *items, long long total, int limit, int offset)
{
	return json_pack("{s:o, s:I, s:i, s:i}", "items", items ? items : json_array(),
	                 "total", (json_int_t)total, "limit", limit, "offset", offset);
}

json_t *apiutil_slice(json_t *all, int limit, int offset)
{
	json_t *items = json_array();
	size_t n = json_array_size(all);
	for (size_t i = (size_t)offset; i < n && i < (size_t)offset + (size_t)limit; i++)
		json_array_append(items, json_array_get(all, i));
	json_decref(all);
	return apiutil_list(items, (long long)n, limit, offset);
}

int apiutil_json_int(struct req *r, json_t *o, const char *key, long long *out)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v)) {
		r->err_detail = arena_printf(r->a, "%s must be an integer", key);
		return PH_EBADREQ;
	}
	*out = (long long)json_integer_value(v);
	return 0;
}

const char *apiutil_json_str(struct req *r, json_t *o, const char *key, int *rc)
{
	int bad = 0;
	const char *s = json_str(o, key, &bad);
	if (bad) {
		*rc = bad;
		r->err_detail = arena_printf(r->a, "%s must be a string", key);
	}
	return s;
}

int apiutil_error(struct req *r, int code, const char *detail, json_t *extra)
{
	json_t *e = json_pack("{s:s, s:s}", "code", err_name(code), "message",
	                      err_message(code));
	if (e && detail)
		json_object_set_new(e, "detail", json_string(detail));
	if (e && extra)
		json_object_update(e, extra);
	json_decref(extra);
	r->err_detail = detail;
	return reply_json(r, err_http(code), json_pack("{s:o}", "error", e));
}

/* fuzz_json.c: JSON request bodies as the API reads them. A struct req is
 * built by hand over an arena with the input as its body; then
 * reply_body_object (src/web/reply.c), the field accessors of
 * src/api/apiutil.c and json_str on every object of the body (at any
 * depth: value lists are arrays of objects), the paging and id readers on
 * query parameters made of the body's top-level strings, apiutil_slice on
 * its top-level arrays, and reply_json writing the body back.
 *
 * Every input runs twice: over an arena without a cap, and over one that
 * refuses every allocation (the memory contract: the readers must cope
 * with NULL from the arena and still answer the same codes).
 *
 * Invariants:
 *   - a body is refused (PH_EBADREQ with a detail) or gives an object;
 *   - a string field reads as its value; absent or null as NULL; any other
 *     type as PH_EBADREQ naming the field; an integer field likewise, and
 *     a refused or absent one leaves the output alone;
 *   - limit and offset, when accepted, lie in 1..500 and 0..1e9 (50 and 0
 *     by default); an id, when accepted, is 0 (absent) or positive;
 *   - a slice holds min(limit, n - offset) items of the n, and says n;
 *   - the object written by reply_json reads back equal to it. */
#include "fuzz.h"
#include "api/apiutil.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "web/reply.h"
#include "web/req.h"
#include <jansson.h>
#include <string.h>

/* Keys the API handlers read (src/api/), checked on every object besides
 * its own keys. */
static const char *const api_keys[] = {
	"text", "date", "status", "login", "password", "values", "unit", "unit_id", "period",
	"value", "denominator", "indicator_id", "code", "name", "type", "levels", "year", "level",
	"op", "note", "title", "due", "kind", "kinds", "confirm_review", "indicators", "parent_id",
	"year_from", "year_to", "valid_from", "valid_to", "limit", "offset", "id",
};

static void check_field(struct req *r, json_t *o, const char *key, int capped)
{
	json_t *v = json_object_get(o, key);
	int rc = 0, rc2 = 0;
	r->err_detail = NULL;
	const char *s = apiutil_json_str(r, o, key, &rc);
	const char *s2 = json_str(o, key, &rc2);
	FUZZ_ASSERT(s == s2 && rc == rc2);
	if (!v || json_is_null(v)) {
		FUZZ_ASSERT(!s && !rc);
	} else if (json_is_string(v)) {
		FUZZ_ASSERT(s == json_string_value(v) && !rc);
	} else {
		FUZZ_ASSERT(!s && rc == PH_EBADREQ);
		FUZZ_ASSERT(capped || (r->err_detail && strstr(r->err_detail, key)));
	}

	long long n = 0x5eed;
	r->err_detail = NULL;
	rc = apiutil_json_int(r, o, key, &n);
	if (v && json_is_integer(v)) {
		FUZZ_ASSERT(!rc && n == (long long)json_integer_value(v));
	} else {
		FUZZ_ASSERT(n == 0x5eed);
		FUZZ_ASSERT(!v || json_is_null(v) ? !rc : rc == PH_EBADREQ);
		FUZZ_ASSERT(!rc || capped || (r->err_detail && strstr(r->err_detail, key)));
	}
}

/* The field checks on o and on every object inside it. */
static void check_objects(struct req *r, json_t *v, int capped)
{
	const char *key;
	json_t *m;
	size_t i;
	if (json_is_object(v)) {
		for (i = 0; i < sizeof api_keys / sizeof *api_keys; i++)
			check_field(r, v, api_keys[i], capped);
		json_object_foreach(v, key, m) {
			check_field(r, v, key, capped);
			check_objects(r, m, capped);
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, m)
			check_objects(r, m, capped);
	}
}

/* The body's top-level strings as query parameters, read by the paging
 * and id helpers. */
static void check_query(struct req *r, json_t *o, int capped)
{
	const char *key;
	json_t *m;
	json_object_foreach(o, key, m) {
		if (!json_is_string(m))
			continue;
		struct req_param *p = ARENA_PUSH(r->a, r->query, r->query_len, r->query_cap);
		if (!p)
			break;
		p->name = (char *)key;
		p->value = (char *)json_string_value(m);
		p->len = json_string_length(m);
	}
	FUZZ_ASSERT(!capped || r->query_len == 0);
	int limit = -1, offset = -1;
	if (!apiutil_page(r, &limit, &offset)) {
		FUZZ_ASSERT(limit >= 1 && limit <= APIUTIL_LIMIT_MAX && offset >= 0 && offset <= 1000000000);
		FUZZ_ASSERT(req_query(r, "limit") || limit == APIUTIL_LIMIT_DEFAULT);
		FUZZ_ASSERT(req_query(r, "offset") || offset == 0);
	} else {
		FUZZ_ASSERT(r->err_detail != NULL);
	}
	for (size_t i = 0; i < r->query_len; i++) {
		long long id = -1;
		int rc = apiutil_query_id(r, r->query[i].name, &id);
		FUZZ_ASSERT(rc ? rc == PH_EBADREQ && id == 0 : id >= 0);
		FUZZ_ASSERT(rc || id > 0 || !r->query[i].value[0]);
	}
	r->query = NULL;
	r->query_len = r->query_cap = 0;
}

static void check_slices(json_t *o)
{
	const char *key;
	json_t *m;
	json_object_foreach(o, key, m) {
		if (!json_is_array(m))
			continue;
		size_t n = json_array_size(m);
		for (int offset = 0; offset <= 2; offset++) {
			int limit = 2;
			json_t *env = apiutil_slice(json_incref(m), limit, offset);
			if (!env)
				continue; /* out of memory */
			size_t want = (size_t)offset >= n ? 0 : n - (size_t)offset;
			if (want > (size_t)limit)
				want = (size_t)limit;
			FUZZ_ASSERT(json_array_size(json_object_get(env, "items")) == want);
			FUZZ_ASSERT(json_integer_value(json_object_get(env, "total")) == (json_int_t)n);
			json_decref(env);
		}
	}
}

static void run(const uint8_t *data, size_t size, int capped)
{
	struct arena a;
	struct req r;
	json_t *o = NULL;
	memset(&r, 0, sizeof r);
	/* A cap of one byte refuses every allocation. */
	arena_init_capped(&a, capped ? 1 : 0);
	r.a = &a;
	r.method = "POST";
	r.path = "/api/v1/fuzz";
	r.api = 1;
	r.body = (const char *)data;
	r.body_len = size;
	r.content_type = "application/json";
	buf_init(&r.out, 8 * size + 4096);
	int rc = reply_body_object(&r, &o);
	if (rc) {
		FUZZ_ASSERT(rc == PH_EBADREQ && !o);
		FUZZ_ASSERT(capped || r.err_detail);
		goto out;
	}
	FUZZ_ASSERT(json_is_object(o));
	if (!capped)
		fuzz_reached();
	check_objects(&r, o, capped);
	check_query(&r, o, capped);
	check_slices(o);

	rc = reply_json(&r, 201, json_incref(o));
	if (!rc) {
		FUZZ_ASSERT(r.status == 201 && r.ctype_out);
		json_error_t e;
		json_t *back = json_loadb(buf_str(&r.out), r.out.len, 0, &e);
		FUZZ_ASSERT(back && json_equal(back, o));
		json_decref(back);
	} else {
		FUZZ_ASSERT(rc == PH_ENOMEM || rc == PH_ETOOBIG);
	}
out:
	json_decref(o);
	buf_cleanup(&r.out);
	arena_cleanup(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	run(data, size, 0);
	run(data, size, 1);
	return 0;
}

const struct fuzz_target fuzz_target = {"json", 1000, 8, NULL};

/* units.c: /api/v1/units: the registry as a flat list (parent_id gives
 * the tree), one unit with its aliases and the tasks it leads or
 * coordinates, and the management use cases: add, rename and validity
 * (PATCH), aliases, merge. The model checks ACT_UNIT_EDIT on the unit. */
#include "api/api.h"
#include "api/apiutil.h"
#include "api/json_out.h"
#include "base/err.h"
#include "model/task.h"
#include "model/unit.h"
#include "web/reply.h"
#include <string.h>

int api_units(struct req *r)
{
	int limit, offset;
	int rc = apiutil_page(r, &limit, &offset);
	struct unit *u = NULL;
	size_t n = 0;
	if (!rc)
		rc = unit_list(r->db, r->a, &u, &n);
	if (rc)
		return rc;
	json_t *all = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(all, json_unit(&u[i]));
	return reply_json(r, 200, apiutil_slice(all, limit, offset));
}

/* The first page of the tasks unit_id has in role, as {"items","total"}. */
static int unit_tasks(struct req *r, long long unit_id, const char *role, json_t **out)
{
	struct task_query q = {.f = {.unit_id = unit_id, .role = role, .today = date_today()},
	                       .limit = APIUTIL_LIMIT_DEFAULT};
	struct task *t = NULL;
	size_t n = 0;
	long long total = 0;
	int rc = task_search(r->db, r->a, &q, &t, &n, &total);
	if (rc)
		return rc;
	const char *more = arena_printf(r->a, "/api/v1/tasks?unit=%lld&role=%s", unit_id, role);
	if (!more)
		return PH_ENOMEM;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_task(&t[i]));
	*out = json_pack("{s:o, s:I, s:s}", "items", items, "total", (json_int_t)total,
	                 "more", more);
	return *out ? 0 : PH_ENOMEM;
}

/* Answer status with the unit id, its aliases and (full) its tasks. */
static int unit_answer(struct req *r, long long id, int status, int full)
{
	struct unit u;
	int rc = unit_get(r->db, r->a, id, &u);
	char **al = NULL;
	size_t nal = 0;
	if (!rc)
		rc = unit_aliases(r->db, r->a, id, &al, &nal);
	json_t *lead = NULL, *coord = NULL;
	if (!rc && full)
		rc = unit_tasks(r, id, "lead", &lead);
	if (!rc && full)
		rc = unit_tasks(r, id, "coordinating", &coord);
	if (rc) {
		json_decref(lead);
		return rc;
	}
	json_t *o = json_unit(&u);
	json_t *aa = json_array();
	for (size_t i = 0; i < nal; i++)
		json_array_append_new(aa, json_string(al[i]));
	json_object_set_new(o, "aliases", aa);
	if (full) {
		json_object_set_new(o, "tasks_lead", lead);
		json_object_set_new(o, "tasks_coordinating", coord);
	}
	return reply_json(r, status, o);
}

int api_unit(struct req *r)
{
	return unit_answer(r, r->id, 200, 1);
}

int api_unit_add(struct req *r)
{
	json_t *in = NULL;
	int rc = reply_body_object(r, &in);
	if (rc)
		return rc;
	long long parent = 0, id = 0;
	rc = apiutil_json_int(r, in, "parent_id", &parent);
	const char *kind = apiutil_json_str(r, in, "kind", &rc);
	const char *level = apiutil_json_str(r, in, "level", &rc);
	const char *name = apiutil_json_str(r, in, "name", &rc);
	const char *short_name = apiutil_json_str(r, in, "short_name", &rc);
	const char *from = apiutil_json_str(r, in, "valid_from", &rc);
	const char *to = apiutil_json_str(r, in, "valid_to", &rc);
	if (!rc && (!name || !kind)) {
		r->err_detail = "name and kind are required";
		rc = PH_EBADREQ;
	}
	if (!rc)
		rc = unit_add(r->db, r->user, parent, kind, level, name, short_name, from, to, &id);
	if (rc == PH_EINVAL && !r->err_detail)
		r->err_detail = "unknown kind or level, an empty name, or bad or reversed dates";
	json_decref(in);
	if (rc)
		return rc;
	req_add_header(r, "Location", arena_printf(r->a, "/api/v1/units/%lld", id));
	return unit_answer(r, id, 201, 0);
}

/* A field of a PATCH body: *set 1 when the key is present (null clears). */
static const char *patch_str(struct req *r, json_t *in, const char *key, int *set, int *rc)
{
	*set = json_object_get(in, key) != NULL;
	return apiutil_json_str(r, in, key, rc);
}

/* PATCH: name and/or short_name rename the unit (the old name stays an
 * alias); valid_from and/or valid_to set its validity (null clears one).
 * Dates are checked here for a precise detail; rename and validity are
 * then one model write (one transaction), so nothing changes unless
 * both succeed. */
int api_unit_update(struct req *r)
{
	json_t *in = NULL;
	int rc = reply_body_object(r, &in);
	if (rc)
		return rc;
	int set_name, set_short, set_from, set_to;
	const char *name = patch_str(r, in, "name", &set_name, &rc);
	const char *short_name = patch_str(r, in, "short_name", &set_short, &rc);
	const char *from = patch_str(r, in, "valid_from", &set_from, &rc);
	const char *to = patch_str(r, in, "valid_to", &set_to, &rc);
	if (!rc && !set_name && !set_short && !set_from && !set_to) {
		r->err_detail = "nothing to change: give name, short_name, valid_from or valid_to";
		rc = PH_EBADREQ;
	}
	if (!rc && set_name && !name) {
		r->err_detail = "name cannot be null";
		rc = PH_EBADREQ;
	}
	struct unit u;
	if (!rc)
		rc = unit_get(r->db, r->a, r->id, &u);
	struct ph_date d;
	if (!rc && ((from && date_parse_iso(from, &d)) || (to && date_parse_iso(to, &d)))) {
		r->err_detail = "dates must be YYYY-MM-DD";
		rc = PH_EINVAL;
	}
	if (!rc) {
		const char *f = set_from ? from : u.valid_from;
		const char *t = set_to ? to : u.valid_to;
		if (f && t && strcmp(f, t) > 0) {
			r->err_detail = "valid_from is after valid_to";
			rc = PH_EINVAL;
		}
		/* An absent name or short_name (NULL) keeps the current one. */
		if (!rc)
			rc = unit_update(r->db, r->user, r->id, set_name ? name : NULL,
			                 set_short ? short_name : NULL, set_name || set_short, f, t,
			                 set_from || set_to);
	}
	json_decref(in);
	if (rc)
		return rc;
	return unit_answer(r, r->id, 200, 0);
}

int api_unit_alias(struct req *r)
{
	json_t *in = NULL;
	int rc = reply_body_object(r, &in);
	if (rc)
		return rc;
	const char *alias = apiutil_json_str(r, in, "alias", &rc);
	if (!rc && !alias) {
		r->err_detail = "alias is required";
		rc = PH_EBADREQ;
	}
	if (!rc)
		rc = unit_add_alias(r->db, r->user, r->id, alias);
	json_decref(in);
	if (rc)
		return rc;
	return unit_answer(r, r->id, 201, 0);
}

int api_unit_merge(struct req *r)
{
	json_t *in = NULL;
	int rc = reply_body_object(r, &in);
	if (rc)
		return rc;
	long long into = 0;
	rc = apiutil_json_int(r, in, "into", &into);
	const char *date = apiutil_json_str(r, in, "date", &rc);
	if (!rc && (into <= 0 || !date)) {
		r->err_detail = "into (a unit id) and date (YYYY-MM-DD) are required";
		rc = PH_EBADREQ;
	}
	if (!rc)
		rc = unit_merge(r->db, r->user, r->id, into, date);
	if (rc == PH_EINVAL && !r->err_detail)
		r->err_detail = "a bad date, or a merge into the unit itself or one of its descendants";
	json_decref(in);
	if (rc)
		return rc;
	struct unit from, to;
	rc = unit_get(r->db, r->a, r->id, &from);
	if (!rc)
		rc = unit_get(r->db, r->a, into, &to);
	if (rc)
		return rc;
	return reply_json(r, 200, json_pack("{s:o, s:o}", "merged", json_unit(&from),
	                                    "into", json_unit(&to)));
}

int api_unit_accept(struct req *r)
{
	json_t *in = NULL;
	int rc = 0;
	/* The body is optional: {"kind": "...", "level": "..."}. */
	if (r->body && r->body_len)
		rc = reply_body_object(r, &in);
	const char *kind = in ? apiutil_json_str(r, in, "kind", &rc) : NULL;
	const char *level = in ? apiutil_json_str(r, in, "level", &rc) : NULL;
	if (!rc)
		rc = unit_accept(r->db, r->user, r->id, kind, level);
	if (rc == PH_EINVAL && !r->err_detail)
		r->err_detail = "kind or level is not one of the registry's";
	else if (rc == PH_ECONFLICT)
		r->err_detail = "the unit is not a proposed unit (accepted already?)";
	else if (rc == PH_EDUPLICATE)
		r->err_detail = "an accepted unit beside it has the same name: merge it into that one";
	json_decref(in);
	if (rc)
		return rc;
	return unit_answer(r, r->id, 200, 0);
}

/* schedules.c: /api/v1/schedules: the report schedules (list, one with
 * its submitting units, create) and POST /api/v1/plans/{id}/schedules
 * (schedules from a plan's imported deadlines). The model
 * (model/schedule.c) checks ACT_SCHEDULE_EDIT on the receiving and the
 * submitting units and validates; a refused value answers 422 with the
 * reason in detail, submitters out of reach 403 naming them
 * ("outside_reach"), and the plan's lead units left out of schedules made
 * from a plan are listed in "left_out". */
#include "api/api.h"
#include "api/apiutil.h"
#include "api/json_out.h"
#include "base/err.h"
#include "model/schedule.h"
#include "web/reply.h"
#include <string.h>

static json_t *nstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *nint(long long v)
{
	return v ? json_integer(v) : json_null();
}

/* The JSON of a schedule (see the Schedule schema in openapi.c). */
static json_t *json_schedule(const struct schedule *s)
{
	json_t *ids = json_array();
	for (size_t i = 0; i < s->unit_ids_len; i++)
		json_array_append_new(ids, json_integer(s->unit_ids[i]));
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(s->id));
	json_object_set_new(o, "plan_id", nint(s->plan_id));
	json_object_set_new(o, "deadline_id", nint(s->deadline_id));
	json_object_set_new(o, "kind", nstr(s->kind));
	json_object_set_new(o, "kind_label", nstr(schedule_kind_label(s->kind)));
	json_object_set_new(o, "title", nstr(s->title));
	json_object_set_new(o, "year", nint(s->year));
	json_object_set_new(o, "period_index", nint(s->period_index));
	json_object_set_new(o, "period_start", nstr(s->period_start));
	json_object_set_new(o, "period_end", nstr(s->period_end));
	json_object_set_new(o, "cutoff_start", nstr(s->cutoff_start));
	json_object_set_new(o, "cutoff_end", nstr(s->cutoff_end));
	json_object_set_new(o, "due", nstr(s->due));
	json_object_set_new(o, "receiving_unit_id", json_integer(s->receiving_unit_id));
	json_object_set_new(o, "receiving_unit_name", nstr(s->receiving_unit_name));
	json_object_set_new(o, "rule_kind", nstr(s->rule_kind));
	json_object_set_new(o, "rule_parent_id", nint(s->rule_parent_id));
	json_object_set_new(o, "rule_parent_name", nstr(s->rule_parent_name));
	json_object_set_new(o, "unit_ids", ids);
	json_object_set_new(o, "submitter_count", json_integer(s->submitters));
	json_object_set_new(o, "created_at", nstr(s->created_at));
	return o;
}

/* The units of o as an array of Unit objects. */
static json_t *units_json(const struct schedule_outside *o)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < o->n; i++)
		json_array_append_new(arr, json_unit(&o->units[i]));
	return arr;
}

int api_schedules(struct req *r)
{
	int limit, offset;
	int rc = apiutil_page(r, &limit, &offset);
	struct schedule *s = NULL;
	size_t n = 0;
	if (!rc)
		rc = schedule_list(r->db, r->a, &s, &n);
	if (rc)
		return rc;
	json_t *all = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(all, json_schedule(&s[i]));
	return reply_json(r, 200, apiutil_slice(all, limit, offset));
}

/* Answer status with schedule id and its submitting units. */
static int schedule_answer(struct req *r, long long id, int status)
{
	struct schedule s;
	struct unit *u = NULL;
	size_t n = 0;
	int rc = schedule_get(r->db, r->a, id, &s, &u, &n);
	if (rc)
		return rc;
	json_t *o = json_schedule(&s);
	json_t *subs = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(subs, json_unit(&u[i]));
	json_object_set_new(o, "submitters", subs);
	return reply_json(r, status, o);
}

int api_schedule(struct req *r)
{
	return schedule_answer(r, r->id, 200);
}

/* An integer field that must fit an int (year, period_index). */
static int small_int(struct req *r, json_t *in, const char *key, int *out, int *rc)
{
	long long v = 0;
	if (!*rc)
		*rc = apiutil_json_int(r, in, key, &v);
	if (!*rc && (v < 0 || v > 100000)) {
		r->err_detail = arena_printf(r->a, "%s is out of range", key);
		*rc = PH_EINVAL;
	}
	*out = (int)v;
	return *rc;
}

int api_schedule_add(struct req *r)
{
	json_t *in = NULL;
	int rc = reply_body_object(r, &in);
	if (rc)
		return rc;
	struct schedule_input si = {0};
	si.kind = apiutil_json_str(r, in, "kind", &rc);
	si.title = apiutil_json_str(r, in, "title", &rc);
	si.period_start = apiutil_json_str(r, in, "period_start", &rc);
	si.period_end = apiutil_json_str(r, in, "period_end", &rc);
	si.cutoff_start = apiutil_json_str(r, in, "cutoff_start", &rc);
	si.cutoff_end = apiutil_json_str(r, in, "cutoff_end", &rc);
	si.due = apiutil_json_str(r, in, "due", &rc);
	si.rule_kind = apiutil_json_str(r, in, "rule_kind", &rc);
	small_int(r, in, "year", &si.year, &rc);
	small_int(r, in, "period_index", &si.period_index, &rc);
	if (!rc)
		rc = apiutil_json_int(r, in, "receiving_unit_id", &si.receiving_unit_id);
	if (!rc)
		rc = apiutil_json_int(r, in, "rule_parent_id", &si.rule_parent_id);
	json_t *ids = json_object_get(in, "unit_ids");
	if (!rc && ids && !json_is_null(ids) && !json_is_array(ids)) {
		r->err_detail = "unit_ids must be an array of unit ids";
		rc = PH_EBADREQ;
	}
	size_t nids = json_array_size(ids);
	long long *arr = arena_alloc(r->a, (nids ? nids : 1) * sizeof *arr);
	if (!rc && !arr)
		rc = PH_ENOMEM;
	for (size_t i = 0; !rc && i < nids; i++) {
		json_t *v = json_array_get(ids, i);
		if (!json_is_integer(v)) {
			r->err_detail = "unit_ids must be an array of unit ids";
			rc = PH_EBADREQ;
		}
		arr[i] = json_integer_value(v);
	}
	si.unit_ids = arr;
	si.unit_ids_len = nids;
	if (!rc && (!si.kind || !si.due || !si.receiving_unit_id)) {
		r->err_detail = "kind, due and receiving_unit_id are required";
		rc = PH_EBADREQ;
	}
	long long id = 0;
	const char *why = NULL;
	struct schedule_outside out = {.a = r->a};
	if (!rc)
		rc = schedule_create(r->db, r->user, &si, &id, &why, &out);
	if (rc && why && !r->err_detail)
		r->err_detail = why;
	json_decref(in);
	if (rc == PH_EFORBIDDEN && out.n)
		return apiutil_error(r, rc, r->err_detail,
		                     json_pack("{s:o}", "outside_reach", units_json(&out)));
	if (rc)
		return rc;
	req_add_header(r, "Location", arena_printf(r->a, "/api/v1/schedules/%lld", id));
	return schedule_answer(r, id, 201);
}

int api_plan_schedules(struct req *r)
{
	json_t *in = NULL;
	long long recv = 0;
	int rc = 0;
	/* The body is optional: {"receiving_unit_id": N}. */
	if (r->body && r->body_len)
		rc = reply_body_object(r, &in);
	if (!rc && in)
		rc = apiutil_json_int(r, in, "receiving_unit_id", &recv);
	json_decref(in);
	int made = 0, skipped = 0;
	const char *why = NULL;
	struct schedule_outside out = {.a = r->a};
	if (!rc)
		rc = schedule_from_plan(r->db, r->user, r->id, recv, &made, &skipped, &why, &out);
	if (rc && why && !r->err_detail)
		r->err_detail = why;
	if (rc == PH_EFORBIDDEN && out.n)
		return apiutil_error(r, rc, r->err_detail,
		                     json_pack("{s:o}", "outside_reach", units_json(&out)));
	if (rc)
		return rc;
	return reply_json(r, 200, json_pack("{s:i, s:i, s:s, s:o}", "created", made,
	                  "skipped", skipped, "list", "/api/v1/schedules",
	                  "left_out", units_json(&out)));
}

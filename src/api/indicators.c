/* indicators.c: /api/v1/indicators: list, one (with targets), create,
 * set a target, write values (JSON {"values": [...]} or a text/csv body,
 * all or nothing, refused rows in error.rows) and the roll-up of a
 * period at a unit with its direct children. The model checks access and
 * validates. A figure is a JSON number as it is, or a JSON string read
 * the Vietnamese way ("2.500" is 2500; "2.5" refused as ambiguous). */
#include "api/api.h"
#include "api/apiutil.h"
#include "base/err.h"
#include "base/vnnum.h"
#include "model/csv.h"
#include "model/indicator.h"
#include "model/rollup.h"
#include "model/user.h"
#include "web/reply.h"
#include <math.h>
#include <string.h>

static json_t *nstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *json_indicator(const struct indicator *i)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(i->id));
	json_object_set_new(o, "code", nstr(i->code));
	json_object_set_new(o, "name", nstr(i->name));
	json_object_set_new(o, "measure", nstr(i->measure));
	json_object_set_new(o, "type", nstr(i->type));
	json_object_set_new(o, "type_label", nstr(indicator_type_label(i->type)));
	json_object_set_new(o, "aggregation", nstr(i->aggregation));
	json_object_set_new(o, "levels", nstr(i->levels));
	json_object_set_new(o, "kinds", nstr(i->kinds));
	json_object_set_new(o, "year_from", i->year_from ? json_integer(i->year_from) : json_null());
	json_object_set_new(o, "year_to", i->year_to ? json_integer(i->year_to) : json_null());
	json_object_set_new(o, "created_at", nstr(i->created_at));
	json_object_set_new(o, "owner_unit_id",
	                    i->owner_unit_id ? json_integer(i->owner_unit_id) : json_null());
	json_object_set_new(o, "owner_unit_name", nstr(i->owner_name));
	return o;
}

int api_indicators(struct req *r)
{
	struct indicator *v = NULL;
	size_t n = 0;
	int limit, offset, rc = apiutil_page(r, &limit, &offset);
	if (rc || (rc = indicator_list(r->db, r->a, &v, &n)))
		return rc;
	json_t *all = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(all, json_indicator(&v[i]));
	return reply_json(r, 200, apiutil_slice(all, limit, offset));
}

int api_indicator(struct req *r)
{
	struct indicator ind;
	struct indicator_target *t = NULL;
	size_t nt = 0;
	int rc = indicator_get(r->db, r->a, r->id, &ind);
	if (rc || (rc = indicator_targets(r->db, r->a, r->id, &t, &nt)))
		return rc;
	json_t *o = json_indicator(&ind), *ts = json_array();
	for (size_t i = 0; i < nt; i++)
		json_array_append_new(ts, json_pack("{s:i, s:s, s:s, s:f}", "year", t[i].year,
		                                    "level", t[i].level, "op", t[i].op,
		                                    "value", t[i].value));
	json_object_set_new(o, "targets", ts);
	return reply_json(r, 200, o);
}

int api_indicator_add(struct req *r)
{
	json_t *b = NULL;
	struct indicator in;
	long long id = 0, yf = 0, yt = 0;
	const char *why = NULL;
	int rc = reply_body_object(r, &b);
	if (rc)
		return rc;
	memset(&in, 0, sizeof in);
	in.code = arena_strdup(r->a, apiutil_json_str(r, b, "code", &rc));
	in.name = arena_strdup(r->a, apiutil_json_str(r, b, "name", &rc));
	in.measure = arena_strdup(r->a, apiutil_json_str(r, b, "measure", &rc));
	in.type = arena_strdup(r->a, apiutil_json_str(r, b, "type", &rc));
	in.levels = arena_strdup(r->a, apiutil_json_str(r, b, "levels", &rc));
	in.kinds = arena_strdup(r->a, apiutil_json_str(r, b, "kinds", &rc));
	if (!rc)
		rc = apiutil_json_int(r, b, "year_from", &yf);
	if (!rc)
		rc = apiutil_json_int(r, b, "year_to", &yt);
	if (!rc)
		rc = apiutil_json_int(r, b, "owner_unit_id", &in.owner_unit_id);
	if (!rc && in.owner_unit_id < 0)
		rc = PH_EINVAL;
	in.year_from = (int)yf;
	in.year_to = (int)yt;
	if (!rc && (yf < 0 || yf > 9999 || yt < 0 || yt > 9999))
		rc = PH_EINVAL;
	/* A copy the arena refused would read as a field left out. */
	if (!rc && arena_failed(r->a))
		rc = PH_ENOMEM;
	if (!rc)
		rc = indicator_add(r->db, r->user, &in, &id, &why);
	if (!rc) {
		struct indicator got;
		if (!(rc = indicator_get(r->db, r->a, id, &got)))
			rc = reply_json(r, 201, json_indicator(&got));
	} else if (why) {
		r->err_detail = why;
	}
	json_decref(b);
	return rc;
}

/* A refusal with its rows. */
static int rows_error(struct req *r, int rc, const struct indicator_row_error *e, size_t n)
{
	json_t *rows = json_array();
	for (size_t i = 0; i < n && i < INDICATOR_ERRORS_SHOWN; i++)
		json_array_append_new(rows, json_pack("{s:i, s:s, s:s, s:s}", "row", e[i].row,
		                                      "column", e[i].column, "code", e[i].code,
		                                      "message", e[i].message));
	return apiutil_error(r, rc, "rows refused; nothing was written",
	                     json_pack("{s:o, s:I}", "rows", rows, "rows_refused", (json_int_t)n));
}

int api_indicator_target(struct req *r)
{
	json_t *b = NULL, *v;
	long long year = 0;
	double value = 0;
	const char *why = NULL;
	struct vn_refusal bad;
	int rc = reply_body_object(r, &b);
	if (rc)
		return rc;
	const char *level = apiutil_json_str(r, b, "level", &rc);
	const char *op = apiutil_json_str(r, b, "op", &rc);
	if (!rc)
		rc = apiutil_json_int(r, b, "year", &year);
	v = json_object_get(b, "value");
	if (!rc && (!v || json_is_null(v))) {
		rc = PH_EBADREQ;
		r->err_detail = "value: a number is required";
	}
	if (!rc && !json_is_number(v)) {
		/* a string is read the Vietnamese way; another type is no number */
		if (!json_is_string(v) || vn_read_number(json_string_value(v), &value, &bad)) {
			struct indicator_row_error e = {1, "value", VN_NUM_NOT, "Giá trị không phải là số."};
			if (json_is_string(v)) {
				e.code = bad.code;
				e.message = arena_strdup(r->a, bad.message);
			}
			const char *detail = arena_printf(r->a, "value: %s", e.code);
			json_decref(b);
			if (!e.message || !detail)
				return PH_ENOMEM;
			return apiutil_error(r, PH_EINVAL, detail, json_pack("{s:[{s:i, s:s, s:s, s:s}]}",
			    "rows", "row", e.row, "column", e.column, "code", e.code, "message", e.message));
		}
	} else if (!rc) {
		value = json_number_value(v);
	}
	if (!rc && (year < 0 || year > 9999))
		rc = PH_EINVAL;
	if (!rc)
		rc = indicator_set_target(r->db, r->user, r->id, (int)year, level, op, value, &why);
	if (rc && why)
		r->err_detail = why;
	json_decref(b);
	if (!rc)
		return api_indicator(r);
	return rc;
}

/* A figure of a values row: a JSON number as it is, a string as text for
 * the model to read the Vietnamese way, anything else NAN (the model
 * refuses it as not a number). 0, or PH_ENOMEM. */
static int figure(struct req *r, json_t *v, double *num, const char **text)
{
	*text = NULL;
	*num = json_is_number(v) ? json_number_value(v) : NAN;
	if (json_is_string(v) && !(*text = arena_strdup(r->a, json_string_value(v))))
		return PH_ENOMEM;
	return 0;
}

int api_indicator_values(struct req *r)
{
	struct indicator_row_error *errs = NULL;
	size_t nerrs = 0, written = 0;
	json_t *b = NULL;
	int rc;
	if (r->content_type && !strncmp(r->content_type, "text/csv", 8)) {
		rc = csv_indicator_import(r->db, r->a, r->user, r->id, r->body ? r->body : "",
		                          r->body_len, &written, &errs, &nerrs);
	} else {
		if ((rc = reply_body_object(r, &b)))
			return rc;
		json_t *vs = json_object_get(b, "values");
		size_t n = json_array_size(vs);
		if (!json_is_array(vs) || !n) {
			json_decref(b);
			r->err_detail = "values: a non-empty array is required";
			return PH_EBADREQ;
		}
		struct indicator_value_in *in = arena_alloc(r->a, n * sizeof *in);
		if (!in) {
			json_decref(b);
			return PH_ENOMEM;
		}
		for (size_t i = 0; i < n; i++) {
			json_t *o = json_array_get(vs, i), *u = json_object_get(o, "unit"),
			       *num = json_object_get(o, "value"), *den = json_object_get(o, "denominator");
			const char *p = json_string_value(json_object_get(o, "period"));
			if (json_is_integer(u))
				in[i].unit_id = json_integer_value(u);
			else
				in[i].unit = json_string_value(u);
			in[i].period = p ? arena_strdup(r->a, p) : NULL;
			if (in[i].unit)
				in[i].unit = arena_strdup(r->a, in[i].unit);
			rc = figure(r, num, &in[i].num, &in[i].num_text);
			if (!rc && den && !json_is_null(den)) {
				in[i].has_den = 1;
				rc = figure(r, den, &in[i].den, &in[i].den_text);
			}
			/* A period or unit the arena could not copy is not a row
			 * without one. */
			if (!rc && arena_failed(r->a))
				rc = PH_ENOMEM;
			if (rc) {
				json_decref(b);
				return rc;
			}
		}
		rc = indicator_write_values(r->db, r->a, r->user, r->id, in, n, "api", 1, &errs,
		                            &nerrs);
		written = n;
		json_decref(b);
	}
	if (rc && nerrs)
		return rows_error(r, rc, errs, nerrs);
	if (rc)
		return rc;
	return reply_json(r, 200, json_pack("{s:I}", "written", (json_int_t)written));
}

static json_t *json_rollup(long long unit, const struct rollup_result *x)
{
	json_t *o = json_object();
	json_object_set_new(o, "unit_id", json_integer(unit));
	json_object_set_new(o, "value", x->has_value ? json_real(x->value) : json_null());
	json_object_set_new(o, "numerator", json_real(x->num));
	json_object_set_new(o, "denominator", json_real(x->den));
	json_object_set_new(o, "reporting_units", json_integer(x->reporting));
	json_object_set_new(o, "own_value", x->own ? json_real(x->own_num) : json_null());
	json_object_set_new(o, "target", x->has_target
	    ? json_pack("{s:s, s:f}", "op", x->op, "value", x->target) : json_null());
	json_object_set_new(o, "attainment", json_string(rollup_attain_name(x->attain)));
	json_object_set_new(o, "attainment_label", json_string(rollup_attain_label(x->attain)));
	return o;
}

int api_indicator_rollup(struct req *r)
{
	struct indicator ind;
	struct rollup_result x;
	long long unit = 0, *kids = NULL;
	size_t nk = 0;
	const char *period = req_query(r, "period");
	int year;
	char end[11];
	int rc = indicator_get(r->db, r->a, r->id, &ind);
	if (rc || (rc = apiutil_query_id(r, "unit", &unit)))
		return rc;
	if (!period || indicator_period_parse(period, &year, end)) {
		r->err_detail = "period: 2024, 2024-H1, 2024-Q3 or 2024-09";
		return PH_EBADREQ;
	}
	if (!unit)
		unit = r->user->unit_id;
	if ((rc = rollup_get(r->db, r->id, period, unit, &x)) ||
	    (rc = rollup_children(r->db, r->a, r->id, period, unit, &kids, &nk)))
		return rc;
	json_t *o = json_rollup(unit, &x), *ch = json_array();
	json_object_set_new(o, "indicator_id", json_integer(r->id));
	json_object_set_new(o, "period", json_string(period));
	for (size_t i = 0; i < nk; i++) {
		struct rollup_result c;
		if (!rollup_get(r->db, r->id, period, kids[i], &c))
			json_array_append_new(ch, json_rollup(kids[i], &c));
	}
	json_object_set_new(o, "children", ch);
	return reply_json(r, 200, o);
}

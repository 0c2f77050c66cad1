/* reports.c: /api/v1/schedules/{id}/units/{id2}/report (a unit's report
 * for a schedule: read, save the draft, submit, accept or return) and
 * /api/v1/schedules/{id}/compliance (who submitted on time, late, or not
 * at all). The model (model/report.c) checks the rights per unit and
 * validates; a figure is a JSON number as it is or a JSON string read the
 * Vietnamese way ("2.500" is 2500), and a refused figure answers 422 with
 * detail "values[I].COLUMN: CODE" and the row with its Vietnamese message
 * in error.rows. */
#include "api/api.h"
#include "api/apiutil.h"
#include "api/json_out.h"
#include "base/date.h"
#include "base/err.h"
#include "base/vnnum.h"
#include "model/report.h"
#include "web/reply.h"
#include <string.h>

/* The short JSON of a schedule that heads a report or compliance answer. */
static json_t *json_sched(const struct schedule *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(s->id));
	json_object_set_new(o, "title", json_str_or_null(s->title));
	json_object_set_new(o, "kind", json_str_or_null(s->kind));
	json_object_set_new(o, "due", json_str_or_null(s->due));
	json_object_set_new(o, "cutoff_start", json_str_or_null(s->cutoff_start));
	json_object_set_new(o, "cutoff_end", json_str_or_null(s->cutoff_end));
	json_object_set_new(o, "plan_id", json_id_or_null(s->plan_id));
	json_object_set_new(o, "receiving_unit_id", json_integer(s->receiving_unit_id));
	json_object_set_new(o, "receiving_unit_name", json_str_or_null(s->receiving_unit_name));
	return o;
}

/* The JSON of one version (the ReportVersion schema in openapi.c). */
static json_t *json_version(const struct report_version *v)
{
	json_t *secs = json_array(), *tasks = json_array();
	for (size_t i = 0; i < v->nsections; i++)
		json_array_append_new(secs, json_pack("{s:o,s:o,s:s}",
		    "section_id", json_id_or_null(v->sections[i].section_id),
		    "title", json_str_or_null(v->sections[i].title),
		    "text", v->sections[i].text ? v->sections[i].text : ""));
	for (size_t i = 0; i < v->ntasks; i++)
		json_array_append_new(tasks, json_pack("{s:I,s:o,s:o,s:o,s:o}",
		    "task_id", (json_int_t)v->tasks[i].task_id,
		    "no", json_str_or_null(v->tasks[i].no),
		    "content", json_str_or_null(v->tasks[i].content),
		    "status", json_str_or_null(v->tasks[i].status),
		    "note", json_str_or_null(v->tasks[i].note)));
	json_t *o = json_object();
	json_object_set_new(o, "id", json_id_or_null(v->id));
	json_object_set_new(o, "version", json_integer(v->version));
	json_object_set_new(o, "status", json_str_or_null(v->status));
	json_object_set_new(o, "created_by", json_str_or_null(v->created_by));
	json_object_set_new(o, "created_at", json_str_or_null(v->created_at));
	json_object_set_new(o, "updated_at", json_str_or_null(v->updated_at));
	json_object_set_new(o, "submitted_by", json_str_or_null(v->submitted_by));
	json_object_set_new(o, "submitted_at", json_str_or_null(v->submitted_at));
	json_object_set_new(o, "reviewed_by", json_str_or_null(v->reviewed_by));
	json_object_set_new(o, "reviewed_at", json_str_or_null(v->reviewed_at));
	json_object_set_new(o, "review_comment", json_str_or_null(v->review_comment));
	json_object_set_new(o, "sections", secs);
	json_object_set_new(o, "tasks", tasks);
	json_t *vals = json_array();
	for (size_t i = 0; i < v->nvalues; i++) {
		const struct report_value *x = &v->values[i];
		json_array_append_new(vals, json_pack("{s:I,s:o,s:o,s:o,s:o,s:o,s:o}",
		    "indicator_id", (json_int_t)x->indicator_id,
		    "code", json_str_or_null(x->code), "name", json_str_or_null(x->name),
		    "measure", json_str_or_null(x->measure), "type", json_str_or_null(x->type),
		    "value", x->has_value ? json_real(x->num) : json_null(),
		    "denominator", x->has_value && x->has_den ? json_real(x->den) : json_null()));
	}
	json_object_set_new(o, "values", vals);
	return o;
}

/* Answer status with unit id2's report for schedule id. */
static int report_answer(struct req *r, int status)
{
	struct report rep;
	int rc = report_get(r->db, r->user, r->a, r->id, r->id2, &rep);
	if (rc)
		return rc;
	json_t *versions = json_array();
	for (size_t i = 0; i < rep.n; i++)
		json_array_append_new(versions, json_version(&rep.versions[i]));
	json_t *o = json_object();
	json_object_set_new(o, "schedule", json_sched(&rep.schedule));
	json_object_set_new(o, "unit", json_unit(&rep.unit));
	json_object_set_new(o, "status", json_str_or_null(rep.n ? rep.versions[0].status : NULL));
	json_object_set_new(o, "period", rep.period[0] ? json_string(rep.period) : json_null());
	json_object_set_new(o, "latest", rep.n ? json_version(&rep.versions[0]) : json_null());
	json_object_set_new(o, "versions", versions);
	json_object_set_new(o, "basis", json_version(rep.basis));
	json_object_set_new(o, "drafts_hidden", json_integer((json_int_t)rep.drafts_hidden));
	return reply_json(r, status, o);
}

int api_report(struct req *r)
{
	return report_answer(r, 200);
}

/* The array field key of in (absent or null: none); PH_EBADREQ otherwise. */
static int array_field(struct req *r, json_t *in, const char *key, json_t **out)
{
	*out = json_object_get(in, key);
	if (*out && json_is_null(*out))
		*out = NULL;
	if (*out && !json_is_array(*out)) {
		r->err_detail = arena_printf(r->a, "%s must be an array of objects", key);
		return PH_EBADREQ;
	}
	return 0;
}

/* One figure of a draft body: a JSON number as it is, a string read the
 * Vietnamese way; anything else, or a string that does not read, fills
 * *bad (its message in the request arena) and returns PH_EINVAL. */
static int body_figure(struct req *r, json_t *v, const char *column, double *out,
                       struct indicator_row_error *bad)
{
	struct vn_refusal why;
	if (json_is_number(v)) {
		*out = json_number_value(v);
		return 0;
	}
	bad->column = column;
	bad->code = VN_NUM_NOT;
	bad->message = "Giá trị không phải là số.";
	if (json_is_string(v)) {
		if (!vn_read_number(json_string_value(v), out, &why))
			return 0;
		bad->code = why.code;
		if (!(bad->message = arena_strdup(r->a, why.message)))
			return PH_ENOMEM;
	}
	return PH_EINVAL;
}

/* The figures of a draft body: [{"indicator_id", "value", "denominator"}],
 * a null or absent value clearing the figure. A figure that is not a
 * number is PH_EINVAL with the refusal in *bad (row: position + 1). */
static int body_values(struct req *r, json_t *jv, struct report_value *v, size_t n,
                       struct indicator_row_error *bad)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		json_t *e = json_array_get(jv, i), *num, *den;
		memset(&v[i], 0, sizeof v[i]);
		if (!json_is_object(e)) {
			r->err_detail = "values must be an array of objects";
			return PH_EBADREQ;
		}
		rc = apiutil_json_int(r, e, "indicator_id", &v[i].indicator_id);
		if (!rc && !v[i].indicator_id) {
			r->err_detail = "values: indicator_id is required";
			rc = PH_EBADREQ;
		}
		num = json_object_get(e, "value");
		den = json_object_get(e, "denominator");
		v[i].has_value = num && !json_is_null(num);
		v[i].has_den = den && !json_is_null(den);
		bad->row = (int)i + 1;
		if (!rc && v[i].has_value)
			rc = body_figure(r, num, "value", &v[i].num, bad);
		if (!rc && v[i].has_den)
			rc = body_figure(r, den, "denominator", &v[i].den, bad);
	}
	return rc;
}

int api_report_save(struct req *r)
{
	json_t *in = NULL, *js = NULL, *jt = NULL, *jv = NULL;
	struct indicator_row_error verr = {0};
	int rc = reply_body_object(r, &in);
	if (rc)
		return rc;
	rc = array_field(r, in, "sections", &js);
	if (!rc)
		rc = array_field(r, in, "tasks", &jt);
	if (!rc)
		rc = array_field(r, in, "values", &jv);
	size_t ns = json_array_size(js), nt = json_array_size(jt), nv = json_array_size(jv);
	struct report_section *s = arena_alloc(r->a, (ns + 1) * sizeof *s);
	struct report_task *t = arena_alloc(r->a, (nt + 1) * sizeof *t);
	struct report_value *v = arena_alloc(r->a, (nv + 1) * sizeof *v);
	if (!rc && (!s || !t || !v))
		rc = PH_ENOMEM;
	for (size_t i = 0; !rc && i < ns; i++) {
		json_t *e = json_array_get(js, i);
		memset(&s[i], 0, sizeof s[i]);
		if (!json_is_object(e)) {
			r->err_detail = "sections must be an array of objects";
			rc = PH_EBADREQ;
			break;
		}
		rc = apiutil_json_int(r, e, "section_id", &s[i].section_id);
		s[i].title = (char *)apiutil_json_str(r, e, "title", &rc);
		s[i].text = (char *)apiutil_json_str(r, e, "text", &rc);
	}
	for (size_t i = 0; !rc && i < nt; i++) {
		json_t *e = json_array_get(jt, i);
		memset(&t[i], 0, sizeof t[i]);
		if (!json_is_object(e)) {
			r->err_detail = "tasks must be an array of objects";
			rc = PH_EBADREQ;
			break;
		}
		rc = apiutil_json_int(r, e, "task_id", &t[i].task_id);
		t[i].status = (char *)apiutil_json_str(r, e, "status", &rc);
		t[i].note = (char *)apiutil_json_str(r, e, "note", &rc);
		if (!rc && !t[i].task_id) {
			r->err_detail = "tasks: task_id is required";
			rc = PH_EBADREQ;
		}
	}
	if (!rc)
		rc = body_values(r, jv, v, nv, &verr);
	const char *why = NULL;
	struct report_draft d = {s, ns, t, nt, v, nv};
	if (!rc)
		rc = report_save_draft(r->db, r->user, r->id, r->id2, &d, NULL, &why, &verr);
	json_decref(in);
	if (rc && verr.code && !r->err_detail) {
		/* a refused figure: where, the code, and the reason in Vietnamese */
		const char *detail = arena_printf(r->a, "values[%d].%s: %s", verr.row - 1,
		                                  verr.column, verr.code);
		if (!detail)
			return PH_ENOMEM;
		return apiutil_error(r, rc, detail, json_pack("{s:[{s:i, s:s, s:s, s:s}]}", "rows",
		                     "row", verr.row, "column", verr.column, "code", verr.code,
		                     "message", verr.message));
	}
	if (rc && why && !r->err_detail)
		r->err_detail = why;
	if (rc)
		return rc;
	return report_answer(r, 200);
}

int api_report_submit(struct req *r)
{
	int rc = report_submit(r->db, r->user, r->id, r->id2);
	if (rc == PH_ECONFLICT)
		r->err_detail = "only a draft can be submitted";
	return rc ? rc : report_answer(r, 200);
}

int api_report_review(struct req *r)
{
	json_t *in = NULL;
	int rc = reply_body_object(r, &in);
	if (rc)
		return rc;
	json_t *acc = json_object_get(in, "accept");
	if (!json_is_boolean(acc)) {
		r->err_detail = "accept must be true or false";
		rc = PH_EBADREQ;
	}
	const char *comment = apiutil_json_str(r, in, "comment", &rc);
	if (!rc) {
		rc = report_review(r->db, r->user, r->id, r->id2, json_is_true(acc), comment);
		if (rc == PH_EINVAL)
			r->err_detail = "a return needs a comment";
		else if (rc == PH_ECONFLICT)
			r->err_detail = "only a submitted report can be reviewed";
	}
	json_decref(in);
	return rc ? rc : report_answer(r, 200);
}

int api_compliance(struct req *r)
{
	struct compliance c;
	struct ph_date today = date_today();
	char day[11];
	int rc = compliance_list(r->db, r->a, r->id, today, &c);
	if (rc)
		return rc;
	date_iso(today, day);
	json_t *units = json_array();
	for (size_t i = 0; i < c.n; i++) {
		const struct compliance_row *x = &c.rows[i];
		json_t *o = json_object();
		json_object_set_new(o, "unit_id", json_integer(x->unit.id));
		json_object_set_new(o, "unit_name", json_str_or_null(x->unit.name));
		json_object_set_new(o, "state", json_string(compliance_state_name(x->state)));
		json_object_set_new(o, "days_late",
		                    json_integer(x->state == COMPLY_LATE ? x->days : 0));
		json_object_set_new(o, "days_overdue",
		                    json_integer(x->state == COMPLY_MISSING ? x->days : 0));
		json_object_set_new(o, "submitted_at", json_str_or_null(x->submitted_at));
		json_object_set_new(o, "latest_version", json_integer(x->latest_version));
		json_object_set_new(o, "latest_status", json_str_or_null(x->latest_status));
		json_object_set_new(o, "report", json_string(arena_printf(r->a,
		    "/api/v1/schedules/%lld/units/%lld/report", c.schedule.id, x->unit.id)));
		json_array_append_new(units, o);
	}
	json_t *o = json_object();
	json_object_set_new(o, "schedule", json_sched(&c.schedule));
	json_object_set_new(o, "today", json_string(day));
	json_object_set_new(o, "counts", json_pack("{s:i,s:i,s:i,s:i,s:i,s:i}",
	    "total", (int)c.n, "on_time", c.on_time, "late", c.late, "missing", c.missing,
	    "overdue", c.overdue, "not_due", c.not_due));
	json_object_set_new(o, "units", units);
	return reply_json(r, 200, o);
}

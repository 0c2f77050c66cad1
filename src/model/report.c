/* report.c: report submission use cases (see report.h): reading a unit's
 * report with its versions, writing a draft, submitting, accepting or
 * returning, and the completeness of a schedule with its date arithmetic.
 * Every write is one transaction with an audit entry. */
#include "model/report.h"
#include "model/access.h"
#include "model/audit.h"
#include "model/input.h"
#include "model/rollup.h"
#include "model/task.h"
#include "model/user.h"
#include "db/db.h"
#include "db/store.h"
#include "db/store_indicators.h"
#include "base/err.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TITLE_MAX 500

static const char *const status_labels[][2] = {
	{"draft", "Bản nháp"}, {"submitted", "Đã gửi"},
	{"accepted", "Đã chấp nhận"}, {"returned", "Bị trả lại"},
};

const char *report_status_label(const char *status)
{
	if (!status)
		return "Chưa có";
	for (size_t i = 0; i < sizeof status_labels / sizeof *status_labels; i++)
		if (!strcmp(status, status_labels[i][0]))
			return status_labels[i][1];
	return status;
}

const char *compliance_state_name(int state)
{
	switch (state) {
	case COMPLY_ON_TIME: return "on_time";
	case COMPLY_LATE: return "late";
	default: return "missing";
	}
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long long civil_days(struct ph_date d)
{
	long long y = d.y - (d.m <= 2);
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long mp = (d.m + 9) % 12;
	long long doy = (153 * mp + 2) / 5 + d.d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long long report_days_between(struct ph_date a, struct ph_date b)
{
	return civil_days(b) - civil_days(a);
}

/* Now as the ISO UTC text the table stores; its day is PHOIHOP_TODAY when
 * that is set, so that timeliness is testable on any day. */
static void now_stamp(char out[static 21])
{
	struct ph_date d;
	const char *env = getenv("PHOIHOP_TODAY");
	audit_timestamp(time(NULL), out);
	if (env && date_parse_iso(env, &d) == 0)
		memcpy(out, env, 10);
}

/* The status of t on the day cutoff_end (ISO or NULL): the status before
 * the first change recorded after that day, else the current one. */
static int status_at(struct db *db, struct arena *a, const struct task *t,
                     const char *cutoff_end, char **out)
{
	char *before = NULL;
	*out = t->status;
	if (!cutoff_end)
		return 0;
	/* Without the bound the read would match nothing and pass the
	 * current status off as the one on the cut-off day. */
	const char *end = arena_printf(a, "%sT23:59:59Z", cutoff_end);
	int rc = end ? store_task_status_after(db, a, t->id, end, &before) : PH_ENOMEM;
	if (rc || !before)
		return rc;
	json_t *j = json_loads(before, 0, NULL);
	const char *s = json_string_value(json_object_get(j, "status"));
	if (task_status_valid(s) && !(*out = arena_strdup(a, s)))
		rc = PH_ENOMEM;
	json_decref(j);
	return rc;
}

/* The content a first draft starts with. */
static int defaults(struct db *db, struct arena *a, const struct schedule *s,
                    long long unit_id, struct report_version *v)
{
	size_t cap = 0;
	int rc = 0;
	memset(v, 0, sizeof *v);
	if (s->plan_id) {
		struct plan_section *ps = NULL;
		size_t np = 0;
		rc = store_plan_sections(db, a, s->plan_id, &ps, &np);
		for (size_t i = 0; !rc && i < np; i++) {
			if (ps[i].level != 1)
				continue;
			struct report_section *x = ARENA_PUSH(a, v->sections, v->nsections, cap);
			if (!x) {
				rc = PH_ENOMEM;
				break;
			}
			x->section_id = ps[i].id;
			x->title = ps[i].no && ps[i].title
			               ? arena_printf(a, "%s. %s", ps[i].no, ps[i].title)
			               : ps[i].title;
			x->text = "";
			if (arena_failed(a))
				rc = PH_ENOMEM; /* the title, which may be NULL by right */
		}
	}
	if (!rc && !v->nsections) {
		struct report_section *x = ARENA_PUSH(a, v->sections, v->nsections, cap);
		if (!x)
			return PH_ENOMEM;
		x->section_id = 0;
		x->title = NULL;
		x->text = "";
	}
	if (rc || !s->plan_id)
		return rc;
	struct task_filter f = {.plan_id = s->plan_id, .unit_id = unit_id, .today = date_today()};
	struct task *t = NULL;
	size_t nt = 0;
	cap = 0;
	rc = store_tasks_list(db, a, &f, &t, &nt);
	for (size_t i = 0; !rc && i < nt; i++) {
		struct report_task *x = ARENA_PUSH(a, v->tasks, v->ntasks, cap);
		if (!x) {
			rc = PH_ENOMEM;
			break;
		}
		x->task_id = t[i].id;
		x->no = t[i].no;
		x->content = t[i].content;
		x->note = NULL;
		rc = status_at(db, a, &t[i], s->cutoff_end, &x->status);
	}
	return rc;
}

/* The basis's figures: one per indicator in scope (the unit's level and
 * kind report it, its years include the schedule's), from the latest
 * version when there is one, else from the values stored for the unit
 * and period. */
static int scope_values(struct db *db, struct arena *a, struct report *r)
{
	struct indicator *ind = NULL;
	size_t ni = 0, cap = 0;
	struct report_version *b = r->basis;
	const struct report_version *latest = r->n ? &r->versions[0] : NULL;
	b->values = NULL;
	b->nvalues = 0;
	if (!r->period[0])
		return 0;
	int rc = indicator_list(db, a, &ind, &ni);
	for (size_t i = 0; !rc && i < ni; i++) {
		if (!indicator_reports(&ind[i], r->unit.level, r->unit.kind) ||
		    (ind[i].year_from && r->schedule.year < ind[i].year_from) ||
		    (ind[i].year_to && r->schedule.year > ind[i].year_to))
			continue;
		struct report_value *x = ARENA_PUSH(a, b->values, b->nvalues, cap);
		if (!x) {
			rc = PH_ENOMEM;
			break;
		}
		memset(x, 0, sizeof *x);
		x->indicator_id = ind[i].id;
		x->code = ind[i].code;
		x->name = ind[i].name;
		x->measure = ind[i].measure;
		x->type = ind[i].type;
		if (latest) {
			for (size_t k = 0; k < latest->nvalues; k++)
				if (latest->values[k].indicator_id == ind[i].id) {
					x->has_value = 1;
					x->num = latest->values[k].num;
					x->den = latest->values[k].den;
					x->has_den = latest->values[k].has_den;
				}
			continue;
		}
		rc = store_indicator_value_get(db, ind[i].id, r->unit.id, r->period, &x->num,
		                               &x->den, &x->has_den);
		x->has_value = !rc;
		if (rc == PH_ENOTFOUND)
			rc = 0;
	}
	return rc;
}

/* The report with every version (drafts too, when drafts is set: the
 * writing use cases, which check their own rights). */
static int load(struct db *db, struct arena *a, long long schedule_id, long long unit_id,
                int drafts, struct report *out)
{
	struct unit *u = NULL;
	size_t nu = 0;
	memset(out, 0, sizeof *out);
	int rc = schedule_get(db, a, schedule_id, &out->schedule, &u, &nu);
	if (rc)
		return rc;
	rc = PH_ENOTFOUND;
	for (size_t i = 0; i < nu; i++)
		if (u[i].id == unit_id) {
			out->unit = u[i];
			rc = 0;
		}
	if (!rc)
		rc = store_report_versions(db, a, schedule_id, unit_id, &out->versions, &out->n);
	if (!rc && !drafts) {
		/* A draft is the unit's own until it is sent: left out, and
		 * said so (drafts_hidden), for those who may not read it. */
		size_t w = 0;
		for (size_t i = 0; i < out->n; i++) {
			if (!strcmp(out->versions[i].status, "draft")) {
				out->drafts_hidden++;
				continue;
			}
			out->versions[w++] = out->versions[i];
		}
		out->n = w;
	}
	for (size_t i = 0; !rc && i < out->n; i++) {
		struct report_version *v = &out->versions[i];
		rc = store_report_sections(db, a, v->id, &v->sections, &v->nsections);
		if (!rc)
			rc = store_report_tasks(db, a, v->id, &v->tasks, &v->ntasks);
		if (!rc)
			rc = store_report_values(db, a, v->id, &v->values, &v->nvalues);
	}
	if (rc)
		return rc;
	if (schedule_value_period(&out->schedule, out->period))
		out->period[0] = 0;
	out->basis = arena_alloc(a, sizeof *out->basis);
	if (!out->basis)
		return PH_ENOMEM;
	if (out->n) {
		/* a copy, so that the basis's figures (every indicator in scope)
		 * do not replace the latest version's own */
		*out->basis = out->versions[0];
	} else {
		rc = defaults(db, a, &out->schedule, unit_id, out->basis);
	}
	return rc ? rc : scope_values(db, a, out);
}

int report_get(struct db *db, const struct user *actor, struct arena *a, long long schedule_id,
               long long unit_id, struct report *out)
{
	memset(out, 0, sizeof *out);
	/* Sent versions are everyone's to read; drafts are a private read of
	 * the submitting unit. */
	int rc = access_check(db, actor, ACT_READ, unit_id);
	int drafts = 0;
	if (!rc) {
		rc = access_check(db, actor, ACT_PRIVATE_READ, unit_id);
		drafts = !rc;
		if (rc == PH_EFORBIDDEN)
			rc = 0;
	}
	return rc ? rc : load(db, a, schedule_id, unit_id, drafts, out);
}

static int finish(struct db *db, int rc)
{
	if (!rc)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

/* The checked copy of s in a ("" for blank), PH_EINVAL (input_optional's
 * refusal), or PH_ENOMEM (*out NULL). */
static int checked(struct arena *a, const char *s, size_t max, int flags, char **out)
{
	char *c = NULL;
	int rc = input_optional(s, max, flags, &c);
	*out = rc ? NULL : arena_strdup(a, c ? c : "");
	free(c);
	return !rc && !*out ? PH_ENOMEM : rc;
}

/* rc of checked(), with why said when the text itself was refused: out
 * of memory is no fault of the text. */
static int refused(int rc, const char **why, const char *reason)
{
	if (rc && rc != PH_ENOMEM) {
		*why = reason;
		rc = PH_EINVAL;
	}
	return rc;
}

/* Build the sections of the new content from the caller's, into v. */
static int new_sections(struct db *db, struct arena *a, const struct schedule *s,
                        const struct report_section *in, size_t n,
                        struct report_version *v, const char **why)
{
	struct plan_section *ps = NULL;
	size_t np = 0, cap = 0;
	int rc = s->plan_id ? store_plan_sections(db, a, s->plan_id, &ps, &np) : 0;
	v->sections = NULL;
	v->nsections = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		struct report_section *x = ARENA_PUSH(a, v->sections, v->nsections, cap);
		if (!x)
			return PH_ENOMEM;
		const struct plan_section *found = NULL;
		for (size_t k = 0; k < np; k++)
			if (ps[k].id == in[i].section_id)
				found = &ps[k];
		if (in[i].section_id && !found)
			return *why = "sections: section_id is not a section of the schedule's plan",
			       PH_EINVAL;
		x->section_id = in[i].section_id;
		rc = refused(checked(a, in[i].title, TITLE_MAX, INPUT_LINE, &x->title), why,
		             "sections: title is not valid text or too long");
		if (rc)
			return rc;
		if (!*x->title)
			x->title = found ? (found->no ? arena_printf(a, "%s. %s", found->no,
			                                             found->title ? found->title : "")
			                              : found->title)
			                 : NULL;
		rc = refused(checked(a, in[i].text, REPORT_TEXT_MAX, INPUT_MULTILINE, &x->text), why,
		             "sections: text is not valid text or too long");
	}
	/* The plan's title, which may be NULL by right, is checked here. */
	return rc ? rc : arena_failed(a) ? PH_ENOMEM : 0;
}

/* Apply the caller's task statuses and notes to v's tasks (copied). */
static int new_tasks(struct arena *a, const struct report_task *in, size_t n,
                     struct report_version *v, const char **why)
{
	struct report_task *t = arena_alloc(a, (v->ntasks + 1) * sizeof *t);
	if (!t)
		return PH_ENOMEM;
	if (v->ntasks)
		memcpy(t, v->tasks, v->ntasks * sizeof *t);
	v->tasks = t;
	for (size_t i = 0; i < n; i++) {
		struct report_task *x = NULL;
		for (size_t k = 0; k < v->ntasks; k++)
			if (t[k].task_id == in[i].task_id)
				x = &t[k];
		if (!x)
			return *why = "tasks: task_id is not one of the unit's tasks in this report",
			       PH_EINVAL;
		if (in[i].status && *in[i].status) {
			if (!task_status_valid(in[i].status))
				return *why = "tasks: status must be not_started, in_progress, done or cancelled",
				       PH_EINVAL;
			if (!(x->status = arena_strdup(a, in[i].status)))
				return PH_ENOMEM;
		}
		char *note = NULL;
		if (!in[i].note)
			continue; /* no note given: keep the one there */
		int rc = refused(checked(a, in[i].note, REPORT_COMMENT_MAX, INPUT_MULTILINE, &note),
		                 why, "tasks: note is not valid text or too long");
		if (rc)
			return rc;
		x->note = *note ? note : NULL;
	}
	return 0;
}

/* Apply the caller's figures to v's (copied), each checked like a value
 * row for the unit and the report's period. */
static int new_values(struct db *db, struct arena *a, const struct user *actor,
                      const struct report *r, const struct report_value *in, size_t n,
                      struct report_version *v, const char **why,
                      struct indicator_row_error *verr)
{
	struct report_value *x = arena_alloc(a, (v->nvalues + 1) * sizeof *x);
	if (!x)
		return PH_ENOMEM;
	if (v->nvalues)
		memcpy(x, v->values, v->nvalues * sizeof *x);
	v->values = x;
	if (n && !r->period[0])
		return *why = "values: this report holds no indicator values (9-month or ad hoc)",
		       PH_EINVAL;
	for (size_t i = 0; i < n; i++) {
		struct report_value *t = NULL;
		for (size_t k = 0; k < v->nvalues; k++)
			if (x[k].indicator_id == in[i].indicator_id)
				t = &x[k];
		if (!t)
			return *why = "values: indicator_id is not an indicator this unit reports"
			              " for the report's period", PH_EINVAL;
		t->has_value = in[i].has_value;
		if (!t->has_value)
			continue;
		struct indicator ind;
		struct indicator_row_error e;
		int rc = indicator_get(db, a, t->indicator_id, &ind);
		if (!rc)
			rc = indicator_check_value(db, a, actor, &ind, r->unit.id, r->period, in[i].num,
			                           in[i].has_den ? &in[i].den : NULL, &e);
		if (rc == PH_EINVAL || rc == PH_EFORBIDDEN) {
			e.row = (int)i + 1;
			if (verr)
				*verr = e;
			*why = "values: a figure was refused (see the code)";
		}
		if (rc)
			return rc;
		t->num = in[i].num;
		t->has_den = in[i].has_den;
		t->den = in[i].has_den ? in[i].den : 0;
	}
	return 0;
}

int report_save_draft(struct db *db, const struct user *actor, long long schedule_id,
                      long long unit_id, const struct report_draft *in, int *version,
                      const char **why, struct indicator_row_error *verr)
{
	struct arena a;
	arena_init(&a);
	int rc = report_save_draft_in(db, &a, actor, schedule_id, unit_id, in, version, why, verr);
	arena_cleanup(&a);
	return rc;
}

int report_save_draft_in(struct db *db, struct arena *a, const struct user *actor,
                         long long schedule_id, long long unit_id,
                         const struct report_draft *in, int *version, const char **why,
                         struct indicator_row_error *verr)
{
	const char *dummy;
	char at[21];
	struct report r;
	if (!why)
		why = &dummy;
	*why = NULL;
	if (version)
		*version = 0;
	int rc = db_begin(db);
	if (rc)
		goto out;
	rc = load(db, a, schedule_id, unit_id, 1, &r);
	if (!rc)
		rc = access_check(db, actor, ACT_REPORT_DRAFT, unit_id);
	const struct report_version *latest = r.n ? &r.versions[0] : NULL;
	struct report_version v = rc ? (struct report_version){0} : *r.basis;
	if (!rc && in->nsections)
		rc = new_sections(db, a, &r.schedule, in->sections, in->nsections, &v, why);
	if (!rc)
		rc = new_tasks(a, in->tasks, in->ntasks, &v, why);
	if (!rc)
		rc = new_values(db, a, actor, &r, in->values, in->nvalues, &v, why, verr);
	/* Every copy above was checked; the sticky mark makes sure no half
	 * built content is written. */
	if (!rc && arena_failed(a))
		rc = PH_ENOMEM;
	now_stamp(at);
	long long id = 0;
	int ver = 1;
	if (!rc && latest && !strcmp(latest->status, "draft")) {
		id = latest->id;
		ver = latest->version;
		rc = store_report_clear_draft(db, id, at);
	} else if (!rc) {
		ver = latest ? latest->version + 1 : 1;
		rc = store_report_insert(db, schedule_id, unit_id, ver, actor ? actor->id : 0, at,
		                         &id);
	}
	for (size_t i = 0; !rc && i < v.nsections; i++)
		rc = store_report_section_insert(db, id, (int)i + 1, v.sections[i].section_id,
		                                 v.sections[i].title,
		                                 v.sections[i].text ? v.sections[i].text : "");
	for (size_t i = 0; !rc && i < v.ntasks; i++)
		rc = store_report_task_insert(db, id, v.tasks[i].task_id, v.tasks[i].status,
		                              v.tasks[i].note);
	size_t nval = 0;
	for (size_t i = 0; !rc && i < v.nvalues; i++)
		if (v.values[i].has_value) {
			nval++;
			rc = store_report_value_insert(db, id, v.values[i].indicator_id, r.period,
			                               v.values[i].num,
			                               v.values[i].has_den ? &v.values[i].den : NULL);
		}
	if (!rc)
		rc = audit_record_json(db, actor, "report.draft", "report", id, NULL,
		                       json_pack("{s:I,s:I,s:i,s:I,s:I,s:I}", "schedule_id",
		                                 (json_int_t)schedule_id, "unit_id",
		                                 (json_int_t)unit_id, "version", ver,
		                                 "sections", (json_int_t)v.nsections, "tasks",
		                                 (json_int_t)v.ntasks, "values", (json_int_t)nval));
	rc = finish(db, rc);
	if (!rc && version)
		*version = ver;
out:
	return rc;
}

int report_submit(struct db *db, const struct user *actor, long long schedule_id,
                  long long unit_id)
{
	struct arena a;
	arena_init(&a);
	int rc = report_submit_in(db, &a, actor, schedule_id, unit_id);
	arena_cleanup(&a);
	return rc;
}

int report_submit_in(struct db *db, struct arena *a, const struct user *actor,
                     long long schedule_id, long long unit_id)
{
	char at[21];
	struct report r;
	struct indicator_change *ch = NULL;
	size_t nch = 0;
	/* the figures go to the roll-ups: writers of values are serialised
	 * from before the transaction until the roll-ups are updated */
	rollup_write_lock();
	int rc = db_begin(db);
	if (rc)
		goto out;
	rc = load(db, a, schedule_id, unit_id, 1, &r);
	if (!rc)
		rc = access_check(db, actor, ACT_REPORT_SUBMIT, unit_id);
	if (!rc && !r.n)
		rc = PH_ENOTFOUND;
	if (!rc && strcmp(r.versions[0].status, "draft"))
		rc = PH_ECONFLICT;
	now_stamp(at);
	if (!rc)
		rc = store_report_set_submitted(db, r.versions[0].id, actor ? actor->id : 0, at);
	if (!rc && r.versions[0].nvalues) {
		ch = arena_alloc(a, r.versions[0].nvalues * sizeof *ch);
		if (!ch)
			rc = PH_ENOMEM;
	}
	for (size_t i = 0; !rc && i < r.versions[0].nvalues; i++) {
		const struct report_value *x = &r.versions[0].values[i];
		rc = indicator_put_value_tx(db, actor, x->indicator_id, unit_id, r.period, x->num,
		                            x->has_den ? &x->den : NULL, "report", at, &ch[nch++]);
	}
	if (!rc)
		rc = audit_record_json(db, actor, "report.submit", "report", r.versions[0].id,
		                       json_pack("{s:s}", "status", "draft"),
		                       json_pack("{s:s,s:i,s:s,s:I}", "status", "submitted",
		                                 "version", r.versions[0].version, "submitted_at",
		                                 at, "values", (json_int_t)nch));
	if (!rc && arena_failed(a))
		rc = PH_ENOMEM; /* the sticky mark: nothing sent from a failed read */
	rc = finish(db, rc);
	if (!rc)
		indicator_apply_changes(ch, nch);
out:
	rollup_write_unlock();
	return rc;
}

int report_review(struct db *db, const struct user *actor, long long schedule_id,
                  long long unit_id, int accept, const char *comment)
{
	char at[21];
	char *c = NULL;
	struct arena a;
	struct report r;
	arena_init(&a);
	int rc = db_begin(db);
	if (rc)
		goto out;
	rc = load(db, &a, schedule_id, unit_id, 1, &r);
	if (!rc)
		rc = access_check(db, actor, ACT_REPORT_REVIEW, r.schedule.receiving_unit_id);
	/* the newest version sent: a correction being drafted does not hold
	 * up the review of what was submitted before it */
	const struct report_version *v = NULL;
	for (size_t i = 0; !rc && !v && i < r.n; i++)
		if (strcmp(r.versions[i].status, "draft"))
			v = &r.versions[i];
	if (!rc && !r.n)
		rc = PH_ENOTFOUND;
	if (!rc && (!v || strcmp(v->status, "submitted")))
		rc = PH_ECONFLICT;
	if (!rc)
		rc = checked(&a, comment, REPORT_COMMENT_MAX, INPUT_MULTILINE, &c);
	if (!rc && !accept && !*c)
		rc = PH_EINVAL;
	const char *status = accept ? "accepted" : "returned";
	now_stamp(at);
	if (!rc)
		rc = store_report_set_reviewed(db, v->id, status, actor ? actor->id : 0,
		                               at, *c ? c : NULL);
	if (!rc)
		rc = audit_record_json(db, actor, accept ? "report.accept" : "report.return",
		                       "report", v->id,
		                       json_pack("{s:s}", "status", "submitted"),
		                       json_pack("{s:s,s:i,s:s?}", "status", status, "version",
		                                 v->version, "comment",
		                                 *c ? c : NULL));
	rc = finish(db, rc);
out:
	arena_cleanup(&a);
	return rc;
}

int compliance_list(struct db *db, struct arena *a, long long schedule_id,
                    struct ph_date today, struct compliance *out)
{
	struct unit *u = NULL;
	size_t nu = 0, nr = 0;
	struct store_report_row *rows = NULL;
	struct ph_date due;
	memset(out, 0, sizeof *out);
	int rc = schedule_get(db, a, schedule_id, &out->schedule, &u, &nu);
	if (!rc)
		rc = store_report_rows(db, a, schedule_id, &rows, &nr);
	if (!rc && date_parse_iso(out->schedule.due, &due))
		rc = PH_EDB;
	if (rc)
		return rc;
	out->rows = nu ? arena_alloc(a, nu * sizeof *out->rows) : NULL;
	if (nu && !out->rows)
		return PH_ENOMEM;
	out->n = nu;
	for (size_t i = 0; i < nu; i++) {
		struct compliance_row *x = &out->rows[i];
		memset(x, 0, sizeof *x);
		x->unit = u[i];
		for (size_t k = 0; k < nr; k++) {
			if (rows[k].unit_id != u[i].id)
				continue;
			if (!x->submitted_at && rows[k].submitted_at)
				x->submitted_at = rows[k].submitted_at; /* versions ascend */
			x->latest_version = rows[k].version;
			x->latest_status = rows[k].status;
		}
		struct ph_date sd;
		if (x->submitted_at && strlen(x->submitted_at) >= 10) {
			char day[11];
			memcpy(day, x->submitted_at, 10);
			day[10] = 0;
			if (date_parse_iso(day, &sd))
				return PH_EDB;
			long long late = report_days_between(due, sd);
			x->state = late > 0 ? COMPLY_LATE : COMPLY_ON_TIME;
			x->days = late > 0 ? (int)late : 0;
			if (late > 0)
				out->late++;
			else
				out->on_time++;
		} else {
			long long over = report_days_between(due, today);
			x->state = COMPLY_MISSING;
			x->days = over > 0 ? (int)over : 0;
			out->missing++;
			if (over > 0)
				out->overdue++;
			else
				out->not_due++;
		}
	}
	return 0;
}

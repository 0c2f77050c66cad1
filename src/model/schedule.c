/* schedule.c: report schedule use cases (see schedule.h): the pure
 * period and Decree 09 cut-off arithmetic, creating a schedule by hand or
 * from a plan's imported deadlines, and resolving its submitting units. */
#include "model/schedule.h"
#include "model/access.h"
#include "model/audit.h"
#include "model/input.h"
#include "model/user.h"
#include "db/db.h"
#include "db/store.h"
#include "base/err.h"
#include "base/text.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const kind_names[SCHED_KIND_COUNT] = {
	"monthly", "quarterly", "6-month", "9-month", "annual", "ad_hoc",
};
static const char *const kind_labels[SCHED_KIND_COUNT] = {
	"Báo cáo tháng", "Báo cáo quý", "Báo cáo sơ kết 6 tháng", "Báo cáo 9 tháng",
	"Báo cáo tổng kết năm", "Báo cáo đột xuất",
};

const char *schedule_kind_name(int kind)
{
	return kind >= 0 && kind < SCHED_KIND_COUNT ? kind_names[kind] : NULL;
}

int schedule_kind_parse(const char *s, int *kind)
{
	for (int k = 0; s && k < SCHED_KIND_COUNT; k++)
		if (!strcmp(s, kind_names[k])) {
			*kind = k;
			return 0;
		}
	return PH_EINVAL;
}

int schedule_value_period(const struct schedule *s, char out[static 12])
{
	int k, i = s->period_index;
	out[0] = 0;
	if (schedule_kind_parse(s->kind, &k) || s->year < 1900 || s->year > 2200)
		return PH_ENOTFOUND;
	if (k == SCHED_ANNUAL)
		snprintf(out, 12, "%d", s->year);
	else if (k == SCHED_HALF_YEAR)
		snprintf(out, 12, "%d-H1", s->year);
	else if (k == SCHED_QUARTERLY && i >= 1 && i <= 4)
		snprintf(out, 12, "%d-Q%d", s->year, i);
	else if (k == SCHED_MONTHLY && i >= 1 && i <= 12)
		snprintf(out, 12, "%d-%02d", s->year, i);
	else
		return PH_ENOTFOUND;
	return 0;
}

const char *schedule_kind_label(const char *name)
{
	int k;
	return schedule_kind_parse(name, &k) ? name : kind_labels[k];
}

/* ---- periods and cut-offs ---- */

static void iso(int y, int m, int d, char out[static 11])
{
	date_iso((struct ph_date){y, m, d}, out);
}

/* The 15th of the month before (y, m) into out. */
static void fifteenth_before(int y, int m, char out[static 11])
{
	if (m == 1)
		iso(y - 1, 12, 15, out);
	else
		iso(y, m - 1, 15, out);
}

int schedule_period(int kind, int year, int index, struct schedule_period *out)
{
	memset(out, 0, sizeof *out);
	if (year < 1900 || year > 2200)
		return PH_EINVAL;
	int first, last; /* months covered */
	switch (kind) {
	case SCHED_MONTHLY:
		if (index < 1 || index > 12)
			return PH_EINVAL;
		first = last = index;
		break;
	case SCHED_QUARTERLY:
		if (index < 1 || index > 4)
			return PH_EINVAL;
		first = 3 * index - 2;
		last = 3 * index;
		break;
	case SCHED_HALF_YEAR: first = 1; last = 6; break;
	case SCHED_NINE_MONTH: first = 1; last = 9; break;
	case SCHED_ANNUAL: first = 1; last = 12; break;
	default: return PH_EINVAL;
	}
	if (kind != SCHED_MONTHLY && kind != SCHED_QUARTERLY && index != 0)
		return PH_EINVAL;
	iso(year, first, 1, out->start);
	iso(year, last, date_days_in_month(year, last), out->end);
	/* Article 12: from the 15th of the month before the first month
	 * covered to the 14th of the last month covered. */
	fifteenth_before(year, first, out->cutoff_start);
	iso(year, last, 14, out->cutoff_end);
	return 0;
}

/* Days since 0000-03-01 of a full date (a proleptic Gregorian count). */
static long days_of(int y, int m, int d)
{
	if (m <= 2) {
		y--;
		m += 12;
	}
	return 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d - 1;
}

static long days_iso(const char *s)
{
	struct ph_date d;
	date_parse_iso(s, &d);
	return days_of(d.y, d.m, d.d);
}

int schedule_period_for_due(int kind, const char *due, int *year, int *index)
{
	struct ph_date d;
	if (kind < 0 || kind >= SCHED_AD_HOC || !due || date_parse_iso(due, &d) ||
	    d.y < 1901 || d.y > 2200)
		return PH_EINVAL;
	int nidx = kind == SCHED_MONTHLY ? 12 : kind == SCHED_QUARTERLY ? 4 : 1;
	long at = days_of(d.y, d.m, d.d), best = -1;
	for (int y = d.y - 1; y <= d.y; y++)
		for (int i = 1; i <= nidx; i++) {
			struct schedule_period p;
			int idx = nidx > 1 ? i : 0;
			if (schedule_period(kind, y, idx, &p) || strcmp(p.start, due) > 0)
				continue;
			long dist = labs(days_iso(p.end) - at);
			if (best < 0 || dist < best) {
				best = dist;
				*year = y;
				*index = idx;
			}
		}
	return best < 0 ? PH_EINVAL : 0;
}

/* ---- creating ---- */

#define SCHEDULE_TITLE_MAX 500
#define UNIT_KINDS "committee department mass_org party front other"

static int unit_kind_valid(const char *k)
{
	static const char *kinds[] = {"committee", "department", "mass_org", "party", "front", "other"};
	for (size_t i = 0; k && i < sizeof kinds / sizeof *kinds; i++)
		if (!strcmp(k, kinds[i]))
			return 1;
	return 0;
}

static int blank(const char *s)
{
	return !s || !*s;
}

/* An optional ISO date: blank gives *res NULL; else it must parse and
 * *res points at its canonical form in buf. */
static int opt_date(const char *in, char buf[static 11], char **res)
{
	struct ph_date d;
	*res = NULL;
	if (blank(in))
		return 0;
	if (date_parse_iso(in, &d) || !date_iso(d, buf))
		return PH_EINVAL;
	*res = buf;
	return 0;
}

/* 1 when both are set and a is after b. */
static int after(const char *a, const char *b)
{
	return a && b && strcmp(a, b) > 0;
}

/* Date buffers of a schedule being built. */
struct dates {
	char ps[11], pe[11], cs[11], ce[11], due[11];
};

/* Fill s (borrowing from in, dt and a) from in and check it; *why says
 * what is wrong. require_cutoff: an ad hoc schedule needs its cut-off. */
static int build(struct db *db, struct arena *a, const struct schedule_input *in,
                 int require_cutoff, struct schedule *s, struct dates *dt, const char **why)
{
	int kind;
	struct schedule_period p;
	memset(s, 0, sizeof *s);
	if (schedule_kind_parse(in->kind, &kind))
		return *why = "kind must be monthly, quarterly, 6-month, 9-month, annual or ad_hoc",
		       PH_EINVAL;
	s->kind = (char *)kind_names[kind];
	if (opt_date(in->due, dt->due, &s->due) || !s->due)
		return *why = "due is required, as YYYY-MM-DD", PH_EINVAL;
	if (kind != SCHED_AD_HOC) {
		if (schedule_period(kind, in->year, in->period_index, &p))
			return *why = kind == SCHED_MONTHLY ? "year and month (1-12) are required"
			            : kind == SCHED_QUARTERLY ? "year and quarter (1-4) are required"
			            : "year is required (and no month or quarter)", PH_EINVAL;
		if (!blank(in->period_start) || !blank(in->period_end))
			return *why = "period_start/period_end are given by the kind and year", PH_EINVAL;
		memcpy(dt->ps, p.start, 11);
		memcpy(dt->pe, p.end, 11);
		s->period_start = dt->ps;
		s->period_end = dt->pe;
		s->year = in->year;
		s->period_index = in->period_index;
	} else {
		if (in->period_index || (in->year && (in->year < 1900 || in->year > 2200)))
			return *why = "an ad hoc report has no month or quarter", PH_EINVAL;
		if (opt_date(in->period_start, dt->ps, &s->period_start) ||
		    opt_date(in->period_end, dt->pe, &s->period_end))
			return *why = "period dates must be YYYY-MM-DD", PH_EINVAL;
		if (after(s->period_start, s->period_end))
			return *why = "period_start is after period_end", PH_EINVAL;
		s->year = in->year;
	}
	/* The cut-off: what is given overrides the default. */
	if (opt_date(in->cutoff_start, dt->cs, &s->cutoff_start) ||
	    opt_date(in->cutoff_end, dt->ce, &s->cutoff_end))
		return *why = "cut-off dates must be YYYY-MM-DD", PH_EINVAL;
	if (kind != SCHED_AD_HOC) {
		if (!s->cutoff_start) {
			memcpy(dt->cs, p.cutoff_start, 11);
			s->cutoff_start = dt->cs;
		}
		if (!s->cutoff_end) {
			memcpy(dt->ce, p.cutoff_end, 11);
			s->cutoff_end = dt->ce;
		}
	} else if ((require_cutoff && (!s->cutoff_start || !s->cutoff_end)) ||
	           (!s->cutoff_start) != (!s->cutoff_end)) {
		return *why = "an ad hoc report needs cutoff_start and cutoff_end", PH_EINVAL;
	}
	if (after(s->cutoff_start, s->cutoff_end))
		return *why = "cutoff_start is after cutoff_end", PH_EINVAL;
	if (after(s->cutoff_end, s->due))
		return *why = "the cut-off ends after the deadline", PH_EINVAL;

	char *title = NULL;
	int rc = blank(in->title) ? 0 : input_text(in->title, SCHEDULE_TITLE_MAX, INPUT_LINE, &title);
	if (rc)
		return *why = "title: bad or too long text", rc;
	if (title) {
		s->title = arena_strdup(a, title);
		free(title);
	} else if (kind == SCHED_MONTHLY) {
		s->title = arena_printf(a, "Báo cáo tháng %d năm %d", s->period_index, s->year);
	} else if (kind == SCHED_QUARTERLY) {
		s->title = arena_printf(a, "Báo cáo quý %d năm %d", s->period_index, s->year);
	} else if (kind == SCHED_ANNUAL) {
		/* "Báo cáo tổng kết năm 2024", not "... năm năm 2024". */
		s->title = arena_printf(a, "Báo cáo tổng kết năm %d", s->year);
	} else if (kind != SCHED_AD_HOC) {
		s->title = arena_printf(a, "%s năm %d", kind_labels[kind], s->year);
	} else {
		return *why = "an ad hoc report needs a title", PH_EINVAL;
	}
	if (!s->title)
		return PH_ENOMEM;

	/* Units. A unit that cannot be read for another reason than its
	 * absence (memory, the database) is that reason, not bad input. */
	struct unit u;
	rc = in->receiving_unit_id > 0 ? store_unit_get(db, a, in->receiving_unit_id, &u)
	                               : PH_ENOTFOUND;
	if (rc && rc != PH_ENOTFOUND)
		return rc;
	if (rc)
		return *why = "receiving_unit_id: no such unit", PH_EINVAL;
	s->receiving_unit_id = u.id;
	s->receiving_unit_name = u.name;
	int has_kind = !blank(in->rule_kind), has_parent = in->rule_parent_id != 0;
	if (has_kind != has_parent)
		return *why = "a rule needs both rule_kind and rule_parent_id", PH_EINVAL;
	if (has_kind) {
		if (!unit_kind_valid(in->rule_kind))
			return *why = "rule_kind must be one of " UNIT_KINDS, PH_EINVAL;
		rc = in->rule_parent_id > 0 ? store_unit_get(db, a, in->rule_parent_id, &u)
		                            : PH_ENOTFOUND;
		if (rc && rc != PH_ENOTFOUND)
			return rc;
		if (rc)
			return *why = "rule_parent_id: no such unit", PH_EINVAL;
		if (!(s->rule_kind = arena_strdup(a, in->rule_kind)))
			return PH_ENOMEM;
		s->rule_parent_id = u.id;
		s->rule_parent_name = u.name;
	}
	size_t cap = 0;
	for (size_t i = 0; i < in->unit_ids_len; i++) {
		long long id = in->unit_ids[i];
		int seen = 0;
		for (size_t j = 0; j < s->unit_ids_len && !seen; j++)
			seen = s->unit_ids[j] == id;
		if (seen)
			continue;
		rc = id > 0 ? store_unit_get(db, a, id, &u) : PH_ENOTFOUND;
		if (rc && rc != PH_ENOTFOUND)
			return rc;
		if (rc)
			return *why = "unit_ids: no such unit", PH_EINVAL;
		long long *slot = ARENA_PUSH(a, s->unit_ids, s->unit_ids_len, cap);
		if (!slot)
			return PH_ENOMEM;
		*slot = id;
	}
	if (!has_kind && !s->unit_ids_len)
		return *why = "submitters: give unit_ids, or rule_kind and rule_parent_id", PH_EINVAL;
	return 0;
}

static json_t *schedule_json(const struct schedule *s)
{
	json_t *ids = json_array();
	for (size_t i = 0; i < s->unit_ids_len; i++)
		json_array_append_new(ids, json_integer(s->unit_ids[i]));
	json_t *o = json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s, s:I, s:o}",
	                      "kind", s->kind, "title", s->title,
	                      "period_start", s->period_start, "period_end", s->period_end,
	                      "cutoff_start", s->cutoff_start, "cutoff_end", s->cutoff_end,
	                      "due", s->due, "receiving_unit_id", (json_int_t)s->receiving_unit_id,
	                      "unit_ids", ids);
	if (o && s->rule_kind) {
		json_object_set_new(o, "rule_kind", json_string(s->rule_kind));
		json_object_set_new(o, "rule_parent_id", json_integer(s->rule_parent_id));
	}
	if (o && s->plan_id)
		json_object_set_new(o, "plan_id", json_integer(s->plan_id));
	if (o && s->deadline_id)
		json_object_set_new(o, "deadline_id", json_integer(s->deadline_id));
	return o;
}

/* Write s with its units and the audit entry, inside a transaction. */
static int insert(struct db *db, const struct user *actor, struct schedule *s)
{
	char at[21];
	audit_timestamp(time(NULL), at);
	int rc = store_schedule_insert(db, s, actor ? actor->id : 0, at, &s->id);
	for (size_t i = 0; !rc && i < s->unit_ids_len; i++)
		rc = store_schedule_unit_insert(db, s->id, s->unit_ids[i]);
	if (!rc)
		rc = audit_record_json(db, actor, "schedule.create", "schedule", s->id, NULL,
		                       schedule_json(s));
	return rc;
}

static int finish(struct db *db, int rc)
{
	if (!rc)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

/* Add unit id to o (its record read into o->a); nothing without o. 0,
 * PH_ENOMEM, PH_EDB. */
static int note_outside(struct db *db, struct schedule_outside *o, long long id)
{
	if (!o || !o->a)
		return 0;
	struct unit u;
	int rc = store_unit_get(db, o->a, id, &u);
	if (rc)
		return rc == PH_ENOTFOUND ? PH_EDB : rc;
	struct unit *slot = ARENA_PUSH(o->a, o->units, o->n, o->cap);
	if (!slot)
		return PH_ENOMEM;
	*slot = u;
	return 0;
}

/* 0 when actor may oblige every submitter of s: each explicit unit and
 * the rule's parent (the rule picks units below it, so they are in
 * reach when it is). PH_EFORBIDDEN with *why and the refused units in o
 * otherwise; PH_EDB, PH_ENOMEM. */
static int submitters_in_reach(struct db *db, const struct user *actor,
                               const struct schedule *s, struct schedule_outside *o,
                               const char **why)
{
	int rc = 0;
	size_t refused = 0;
	for (size_t i = 0; !rc && i <= s->unit_ids_len; i++) {
		long long id = i < s->unit_ids_len ? s->unit_ids[i] : s->rule_parent_id;
		if (id <= 0)
			continue;
		rc = access_check(db, actor, ACT_SCHEDULE_EDIT, id);
		if (rc == PH_EFORBIDDEN) {
			refused++;
			rc = note_outside(db, o, id);
		}
	}
	if (!rc && refused) {
		*why = "submitting units outside your reach";
		rc = PH_EFORBIDDEN;
	}
	return rc;
}

int schedule_create(struct db *db, const struct user *actor,
                    const struct schedule_input *in, long long *id, const char **why,
                    struct schedule_outside *outside)
{
	const char *dummy;
	struct arena a;
	struct schedule s;
	struct dates dt;
	arena_init(&a);
	if (!why)
		why = &dummy;
	*why = NULL;
	if (id)
		*id = 0;
	int rc = build(db, &a, in, 1, &s, &dt, why);
	if (!rc && (rc = access_check(db, actor, ACT_SCHEDULE_EDIT, s.receiving_unit_id)))
		*why = "not allowed to set up reports received by that unit";
	if (!rc)
		rc = submitters_in_reach(db, actor, &s, outside, why);
	if (rc || (rc = db_begin(db)))
		goto out;
	rc = finish(db, insert(db, actor, &s));
	if (!rc && id)
		*id = s.id;
out:
	arena_cleanup(&a);
	return rc;
}

/* ---- reading ---- */

static int by_name(const void *x, const void *y)
{
	const struct unit *a = x, *b = y;
	return text_collate(a->name, b->name);
}

int schedule_submitters(struct db *db, struct arena *a, const struct schedule *s,
                        struct unit **out, size_t *n)
{
	int rc = store_schedule_submitters(db, a, s->id, s->rule_kind, s->rule_parent_id,
	                                   s->due, out, n);
	if (!rc && *n > 1)
		qsort(*out, *n, sizeof **out, by_name);
	return rc;
}

int schedule_list(struct db *db, struct arena *a, struct schedule **out, size_t *n)
{
	int rc = store_schedules_list(db, a, out, n);
	for (size_t i = 0; !rc && i < *n; i++) {
		struct unit *u = NULL;
		size_t nu = 0;
		rc = store_schedule_submitters(db, a, (*out)[i].id, (*out)[i].rule_kind,
		                               (*out)[i].rule_parent_id, (*out)[i].due, &u, &nu);
		(*out)[i].submitters = (int)nu;
	}
	return rc;
}

int schedule_get(struct db *db, struct arena *a, long long id, struct schedule *out,
                 struct unit **subs, size_t *nsubs)
{
	memset(out, 0, sizeof *out);
	int rc = store_schedule_get(db, a, id, out);
	struct unit *u = NULL;
	size_t nu = 0;
	if (!rc)
		rc = schedule_submitters(db, a, out, &u, &nu);
	if (!rc)
		out->submitters = (int)nu;
	if (subs) {
		*subs = u;
		*nsubs = nu;
	}
	return rc;
}

/* ---- from a plan ---- */

/* The schedule kind of an imported deadline kind. */
static int kind_of_deadline(const char *k)
{
	static const struct { const char *k; int kind; } map[] = {
		{"6-month", SCHED_HALF_YEAR}, {"annual", SCHED_ANNUAL},
		{"9-month", SCHED_NINE_MONTH}, {"quarterly", SCHED_QUARTERLY},
	};
	for (size_t i = 0; k && i < sizeof map / sizeof *map; i++)
		if (!strcmp(k, map[i].k))
			return map[i].kind;
	return SCHED_AD_HOC;
}

/* Build the schedule of deadline d into s. */
static int from_deadline(struct db *db, struct arena *a, long long plan_id,
                         const struct store_deadline *d, long long receiving,
                         const long long *leads, size_t nleads, struct schedule *s,
                         struct dates *dt, const char **why)
{
	int kind = kind_of_deadline(d->kind), year = 0, idx = 0;
	struct schedule_period p;
	/* the deadline's words as the plan wrote them, as a title */
	char *up = d->text ? text_upper_first(d->text) : NULL;
	const char *title = up ? arena_strdup(a, up) : d->text;
	int lost = up && !title;
	free(up);
	if (lost)
		return PH_ENOMEM;
	struct schedule_input in = {
		.kind = kind_names[kind], .title = title, .due = d->due,
		.receiving_unit_id = d->to_unit_id ? d->to_unit_id : receiving,
		.unit_ids = leads, .unit_ids_len = nleads,
	};
	if (kind != SCHED_AD_HOC) {
		if (schedule_period_for_due(kind, d->due, &year, &idx) ||
		    schedule_period(kind, year, idx, &p))
			return *why = "a deadline with a bad due date", PH_EINVAL;
		in.year = year;
		in.period_index = idx;
		/* A deadline before the default cut-off end: the cut-off ends
		 * on the deadline. */
		if (strcmp(p.cutoff_end, d->due) > 0)
			in.cutoff_end = d->due;
	}
	if (!in.receiving_unit_id)
		return *why = "a deadline names no known receiving unit: give receiving_unit_id",
		       PH_EINVAL;
	int rc = build(db, a, &in, 0, s, dt, why);
	s->plan_id = plan_id;
	s->deadline_id = d->id;
	return rc;
}

/* Keep in leads (in place) the lead units actor may oblige, noting the
 * others in o; *kept receives how many stay. 0, PH_EDB, PH_ENOMEM. */
static int leads_in_reach(struct db *db, const struct user *actor, long long *leads,
                          size_t n, size_t *kept, struct schedule_outside *o)
{
	size_t w = 0;
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		rc = access_check(db, actor, ACT_SCHEDULE_EDIT, leads[i]);
		if (!rc)
			leads[w++] = leads[i];
		else if (rc == PH_EFORBIDDEN)
			rc = note_outside(db, o, leads[i]);
	}
	*kept = w;
	return rc;
}

int schedule_from_plan(struct db *db, const struct user *actor, long long plan_id,
                       long long receiving_unit_id, int *created, int *skipped,
                       const char **why, struct schedule_outside *outside)
{
	const char *dummy;
	struct arena a;
	arena_init(&a);
	int made = 0, passed = 0;
	if (!why)
		why = &dummy;
	*why = NULL;
	struct store_deadline *d = NULL;
	size_t nd = 0, nleads = 0, nkept = 0;
	long long *leads = NULL;
	struct plan plan;
	/* The role first, so that a plan without deadlines is no way round it. */
	int rc = access_check(db, actor, ACT_SCHEDULE_EDIT,
	                      receiving_unit_id ? receiving_unit_id : actor ? actor->unit_id : 0);
	if (rc)
		*why = "not allowed to set up report schedules";
	if (!rc)
		rc = store_plan_get(db, &a, plan_id, &plan);
	if (!rc)
		rc = store_plan_deadlines(db, &a, plan_id, &d, &nd);
	if (!rc)
		rc = store_plan_lead_units(db, &a, plan_id, &leads, &nleads);
	/* Leads outside the reach are left out, and said so: a coordinator
	 * obliges only the units it follows. */
	if (!rc)
		rc = leads_in_reach(db, actor, leads, nleads, &nkept, outside);
	if (rc || (rc = db_begin(db)))
		goto out;
	for (size_t i = 0; !rc && i < nd; i++) {
		if (d[i].scheduled || !d[i].due) {
			passed++;
			continue;
		}
		struct schedule s;
		struct dates dt;
		if (!nkept) {
			*why = nleads ? "no lead unit of the plan is in your reach"
			              : "the plan's tasks name no lead unit to submit reports";
			rc = nleads ? PH_EFORBIDDEN : PH_EINVAL;
			break;
		}
		rc = from_deadline(db, &a, plan_id, &d[i], receiving_unit_id, leads, nkept, &s,
		                   &dt, why);
		if (!rc && (rc = access_check(db, actor, ACT_SCHEDULE_EDIT, s.receiving_unit_id)))
			*why = "not allowed to set up reports received by that unit";
		if (!rc)
			rc = insert(db, actor, &s);
		made += !rc;
	}
	rc = finish(db, rc);
out:
	if (rc)
		made = passed = 0;
	/* Nothing made: nobody was left out of anything (a refusal keeps
	 * the names, they say why). */
	if (outside && !made && rc != PH_EFORBIDDEN)
		outside->n = 0;
	if (created)
		*created = made;
	if (skipped)
		*skipped = passed;
	arena_cleanup(&a);
	return rc;
}

/* ---- messages ---- */

/* Each why's first words and the Vietnamese sentence for it. */
static const char *const reasons[][2] = {
	{"kind must", "Loại báo cáo không hợp lệ."},
	{"due is required", "Cần nhập hạn gửi báo cáo (ngày hợp lệ)."},
	{"year and month", "Cần chọn năm và tháng (1–12) của báo cáo tháng."},
	{"year and quarter", "Cần chọn năm và quý (1–4) của báo cáo quý."},
	{"year is required", "Cần nhập năm báo cáo (không chọn tháng hay quý)."},
	{"period_start/period_end", "Kỳ báo cáo được tính theo loại và năm; không nhập ngày kỳ."},
	{"an ad hoc report has no month", "Báo cáo đột xuất không có tháng hay quý."},
	{"period dates", "Ngày của kỳ báo cáo không hợp lệ."},
	{"period_start is after", "Ngày bắt đầu kỳ báo cáo sau ngày kết thúc."},
	{"cut-off dates", "Ngày chốt số liệu không hợp lệ."},
	{"an ad hoc report needs cutoff", "Báo cáo đột xuất cần nhập thời gian chốt số liệu (từ ngày, đến ngày)."},
	{"cutoff_start is after", "Ngày bắt đầu chốt số liệu sau ngày kết thúc."},
	{"the cut-off ends after", "Thời gian chốt số liệu kết thúc sau hạn gửi báo cáo."},
	{"title", "Tên báo cáo không hợp lệ hoặc quá dài."},
	{"an ad hoc report needs a title", "Báo cáo đột xuất cần có tên."},
	{"receiving_unit_id", "Cần chọn đơn vị nhận báo cáo."},
	{"a rule needs both", "Quy tắc đơn vị gửi cần cả loại đơn vị và đơn vị cấp trên."},
	{"rule_kind", "Loại đơn vị trong quy tắc không hợp lệ."},
	{"rule_parent_id", "Đơn vị cấp trên trong quy tắc không tồn tại."},
	{"unit_ids", "Có đơn vị gửi báo cáo không tồn tại."},
	{"submitters", "Cần chọn đơn vị gửi báo cáo: danh sách đơn vị, hoặc loại đơn vị và đơn vị cấp trên."},
	{"not allowed", "Bạn không có quyền lập lịch báo cáo cho đơn vị này."},
	{"submitting units outside", "Có đơn vị gửi báo cáo nằm ngoài phạm vi của bạn: bạn chỉ"
	 " được yêu cầu báo cáo từ đơn vị của mình và các đơn vị cấp dưới."},
	{"no lead unit of the plan", "Không đơn vị chủ trì nào của kế hoạch nằm trong phạm vi của"
	 " bạn, nên không lập được lịch báo cáo nào."},
	{"a deadline names no known", "Có hạn báo cáo chưa xác định đơn vị nhận: hãy chọn đơn vị nhận báo cáo."},
	{"a deadline with a bad", "Có hạn báo cáo với ngày không hợp lệ."},
	{"the plan's tasks", "Các nhiệm vụ của kế hoạch chưa có đơn vị chủ trì để gửi báo cáo."},
};

const char *schedule_reason_vi(const char *why)
{
	/* No prefix in the table starts another, so the order does not matter. */
	for (size_t i = 0; why && i < sizeof reasons / sizeof reasons[0]; i++)
		if (!strncmp(why, reasons[i][0], strlen(reasons[i][0])))
			return reasons[i][1];
	return "Dữ liệu lịch báo cáo chưa hợp lệ.";
}

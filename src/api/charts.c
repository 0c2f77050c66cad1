/* charts.c: GET /api/v1/dashboards: the data of the dashboard page as
 * JSON: the units directly under a unit (the user's by default) in a
 * period's tree, every indicator, one cell per unit and indicator with the
 * rolled-up value, its attainment and the target, and the completeness of
 * the report schedules (those received in the user's reach when there are
 * more than ten). The roll-ups come from memory (model/rollup.h).
 *
 * Building the answer costs some 3 ms at national scale (20 indicators x
 * a province's ~97 communes, plus the schedules' completeness), so the
 * answers are kept in a small cache (web/cache.h) under the data
 * generation (db.h): a write committed by this process (or, noticed by
 * db_generation_check, by another) makes them stale, and the next request
 * builds afresh. The key holds everything else the answer depends on: the
 * unit and period asked for (after defaults), the user's role and unit
 * (the schedules shown depend on access_in_scope, which depends on those
 * two and the unit tree only), and today's date (completeness). The
 * answer's ETag is kept with it, so a hit does not hash 130 kB again. */
#include "api/api.h"
#include "api/apiutil.h"
#include "base/date.h"
#include "base/err.h"
#include "model/access.h"
#include "model/indicator.h"
#include "model/report.h"
#include "model/rollup.h"
#include "model/schedule.h"
#include "model/unit.h"
#include "model/user.h"
#include "db/db.h"
#include "web/cache.h"
#include "web/reply.h"
#include <pthread.h>
#include <string.h>

#define MAX_SCHEDULES 30

/* The answers cached: a province's answer is about 130 kB. */
#define CACHE_ENTRIES 64
#define CACHE_BYTES (16u * 1024 * 1024)

static struct cache *answers;
static pthread_once_t answers_once = PTHREAD_ONCE_INIT;

static void answers_create(void)
{
	answers = cache_new(CACHE_ENTRIES, CACHE_BYTES); /* NULL: no caching */
}

static json_t *cell(const struct rollup_result *x)
{
	json_t *o = json_object();
	json_object_set_new(o, "value", x->has_value ? json_real(x->value) : json_null());
	json_object_set_new(o, "attain", json_string(rollup_attain_name(x->attain)));
	json_object_set_new(o, "target", x->has_target ? json_real(x->target) : json_null());
	json_object_set_new(o, "op", x->has_target ? json_string(x->op) : json_null());
	return o;
}

static json_t *schedules(struct req *r)
{
	struct schedule *s = NULL;
	size_t n = 0, k = 0;
	json_t *out = json_array();
	if (schedule_list(r->db, r->a, &s, &n))
		return out;
	for (size_t i = 0; i < n && k < MAX_SCHEDULES; i++) {
		struct compliance c;
		if (n > 10 && !access_in_scope(r->db, r->user, s[i].receiving_unit_id))
			continue;
		if (compliance_list(r->db, r->a, s[i].id, date_today(), &c))
			continue;
		k++;
		json_array_append_new(out, json_pack("{s:I, s:s?, s:s?, s:i, s:i, s:i}",
			"id", (json_int_t)s[i].id, "title", s[i].title, "due", s[i].due,
			"on_time", c.on_time, "late", c.late, "missing", c.missing));
	}
	return out;
}

int api_dashboards(struct req *r)
{
	struct indicator *ind = NULL;
	struct unit u;
	size_t ni = 0, nr = 0;
	long long unit = 0, *rows = NULL;
	int year, rc;
	char end[11];
	const char *period = req_query(r, "period");
	if (!period || !*period)
		period = arena_printf(r->a, "%d", date_today().y);
	else if (indicator_period_parse(period, &year, end)) {
		r->err_detail = "period: 2024, 2024-H1, 2024-Q3 or 2024-09";
		return PH_EBADREQ;
	}
	if (!period)
		return PH_ENOMEM;
	if ((rc = apiutil_query_id(r, "unit", &unit)))
		return rc;
	if (!unit)
		unit = r->user->unit_id;
	/* The generation first, then the data (cache.h). */
	unsigned long gen = db_generation_check(r->db);
	struct ph_date today = date_today();
	const char *key = arena_printf(r->a, "dashboards %lld %s %d %lld %04d-%02d-%02d", unit,
	                               period, r->user->role, r->user->unit_id, today.y,
	                               today.m, today.d);
	pthread_once(&answers_once, answers_create);
	if (answers && key &&
	    cache_reply(answers, r, key, gen, "application/json; charset=utf-8"))
		return 0;
	if ((rc = unit_get(r->db, r->a, unit, &u)) ||
	    (rc = indicator_list(r->db, r->a, &ind, &ni)))
		return rc;
	if (ni && (rc = rollup_children(r->db, r->a, ind[0].id, period, unit, &rows, &nr)) &&
	    rc != PH_EINVAL)
		return rc;
	if (!nr) {
		rows = &unit;
		nr = 1;
	}
	json_t *units = json_array(), *inds = json_array(), *cells = json_array();
	for (size_t i = 0; i < nr; i++) {
		struct unit c;
		if (unit_get(r->db, r->a, rows[i], &c))
			continue;
		json_array_append_new(units, json_pack("{s:I, s:s}", "id", (json_int_t)c.id,
		                                       "name", c.name));
		json_t *line = json_array();
		for (size_t j = 0; j < ni; j++) {
			struct rollup_result x;
			memset(&x, 0, sizeof x);
			if (rollup_get(r->db, ind[j].id, period, rows[i], &x))
				memset(&x, 0, sizeof x);
			json_array_append_new(line, cell(&x));
		}
		json_array_append_new(cells, line);
	}
	for (size_t j = 0; j < ni; j++)
		json_array_append_new(inds, json_pack("{s:I, s:s, s:s, s:s}", "id",
			(json_int_t)ind[j].id, "code", ind[j].code, "name", ind[j].name,
			"type", ind[j].type));
	json_t *o = json_pack("{s:s, s:{s:I, s:s}, s:o, s:o, s:o, s:o}", "period", period,
		"unit", "id", (json_int_t)u.id, "name", u.name, "units", units,
		"indicators", inds, "cells", cells, "schedules", schedules(r));
	/* A unit or a schedule the arena could not read was skipped: never an
	 * answer with holes, least of all a cached one. */
	if (arena_failed(r->a)) {
		json_decref(o);
		return PH_ENOMEM;
	}
	if ((rc = reply_json(r, 200, o)))
		return rc;
	if (answers && key)
		cache_keep(answers, r, key, gen);
	return 0;
}

/* plan.c: reading plans for display: the list, one plan, its sections,
 * and the report deadlines of all plans in a date range. Plans are
 * written only by the import (document.c). */
#include "model/plan.h"
#include "db/store.h"
#include "base/date.h"
#include "base/err.h"
#include <string.h>

int plan_list(struct db *db, struct arena *a, struct plan **out, size_t *n)
{
	return store_plans_list(db, a, out, n);
}

int plan_get(struct db *db, struct arena *a, long long id, struct plan *out)
{
	memset(out, 0, sizeof *out);
	return store_plan_get(db, a, id, out);
}

int plan_sections(struct db *db, struct arena *a, long long plan_id,
                  struct plan_section **out, size_t *n)
{
	return store_plan_sections(db, a, plan_id, out, n);
}

int plan_deadlines_between(struct db *db, struct arena *a, const char *from,
                           const char *to, int limit,
                           struct plan_deadline **out, size_t *n)
{
	struct ph_date f, t;
	char fs[11], ts[11];
	*out = NULL;
	*n = 0;
	if (!from || !to || date_parse_iso(from, &f) || date_parse_iso(to, &t) ||
	    !date_is_full(f) || !date_is_full(t))
		return PH_EINVAL;
	if (date_cmp(f, t) > 0)
		return 0;
	if (limit <= 0 || limit > 500)
		limit = limit <= 0 ? 50 : 500;
	/* Compared as text, so in the one stored form. */
	date_iso(f, fs);
	date_iso(t, ts);
	return store_deadlines_between(db, a, fs, ts, limit, out, n);
}

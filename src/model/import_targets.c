/* import_targets.c: indicators from an import's extracted targets (see
 * import_targets.h): the pure mapping of a target to years and a default
 * type, and the write run inside document_save_with's transaction. */
#include "model/import_targets.h"
#include "model/audit.h"
#include "model/indicator.h"
#include "model/unit.h"
#include "model/user.h"
#include "import/extract.h"
#include "db/store.h"
#include "base/arena.h"
#include "base/err.h"
#include <jansson.h>
#include <string.h>

const char *import_targets_default_type(const struct ex_target *t)
{
	return t && t->unit && !strcmp(t->unit, "%") ? "rate" : "count";
}

size_t import_targets_years(const struct ex_target *t, int doc_year, int *years)
{
	int to = t->year_to ? t->year_to : t->year_from ? t->year_from : doc_year;
	if (to <= 0)
		return 0;
	int from = t->each_year && t->year_from ? t->year_from : to;
	if (from > to || to - from >= IMPORT_TARGETS_MAX_YEARS)
		return 0;
	size_t n = 0;
	for (int y = from; y <= to; y++)
		years[n++] = y;
	return n;
}

/* The level of the actor's unit into *level (arena a); PH_EINVAL when the
 * actor has no unit, PH_ENOMEM when the unit could not be read into a. */
static int actor_level(struct db *db, struct arena *a, const struct user *actor,
                       const char **level)
{
	struct unit u;
	if (!actor || actor->unit_id <= 0)
		return PH_EINVAL;
	int rc = store_unit_get(db, a, actor->unit_id, &u);
	if (rc == PH_ENOMEM || arena_failed(a))
		return PH_ENOMEM; /* not "no unit": the level may well be there */
	if (rc || !u.level)
		return PH_EINVAL;
	*level = u.level;
	return 0;
}

int import_targets_save(struct db *db, const struct user *actor, const struct extraction *ex,
                        const struct import_target_choice *choices, size_t n, long long plan_id,
                        long long *ids, const char **why)
{
	struct arena a;
	const char *w = NULL, *own = NULL;
	int rc = 0, years[IMPORT_TARGETS_MAX_YEARS];
	int doc_year = ex->year ? ex->year : ex->date.y;
	arena_init(&a);
	for (size_t i = 0; i < n && !rc; i++) {
		const struct import_target_choice *c = &choices[i];
		if (c->target >= ex->targets_len) {
			rc = PH_EINVAL;
			w = "target: no such target in the extraction";
			break;
		}
		for (size_t k = 0; k < i; k++)
			if (c->code && choices[k].code && !strcmp(c->code, choices[k].code)) {
				rc = PH_EDUPLICATE;
				w = "code: the same code twice";
			}
		if (rc)
			break;
		const struct ex_target *t = &ex->targets[c->target];
		const char *op = t->op ? t->op : ">=";
		if (strcmp(op, ">=") && strcmp(op, ">") && strcmp(op, "=") && strcmp(op, "<=")) {
			rc = PH_EINVAL;
			w = "op: an indicator target takes >=, >, = or <=";
			break;
		}
		size_t ny = import_targets_years(t, doc_year, years);
		if (!ny) {
			rc = PH_EINVAL;
			w = "target: no year is known for it";
			break;
		}
		const char *level = c->level && *c->level ? c->level : NULL;
		if (!level) {
			if (!own && (rc = actor_level(db, &a, actor, &own)) != 0) {
				if (rc == PH_EINVAL)
					w = "level: required (the importing user has no unit)";
				break;
			}
			level = own;
		}
		const char *type = c->type && *c->type ? c->type : import_targets_default_type(t);
		struct indicator in = {
			.code = (char *)c->code, .name = (char *)c->name,
			.measure = t->unit, .type = (char *)type, .levels = (char *)level,
			.year_from = years[0], .year_to = years[ny - 1],
		};
		/* A single "by 2025" target leaves the years open. */
		if (ny == 1)
			in.year_from = in.year_to = 0;
		long long id = 0;
		rc = indicator_add_tx(db, actor, &in, &id, &w);
		for (size_t k = 0; !rc && k < ny; k++)
			rc = indicator_set_target_tx(db, actor, id, years[k], level, op, t->value, &w);
		if (!rc)
			rc = audit_record_json(db, actor, "indicator.import", "indicator", id, NULL,
			    json_pack("{s:I, s:I, s:s?}", "plan_id", (json_int_t)plan_id,
			              "target", (json_int_t)c->target, "text", t->text));
		if (!rc && ids)
			ids[i] = id;
	}
	if (why)
		*why = w;
	arena_cleanup(&a);
	return rc;
}

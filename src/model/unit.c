/* unit.c: the units registry: seeding from the embedded data files,
 * resolver construction, lookup and sorted listing. */
#include "model/unit.h"
#include "model/registry.h"
#include "import/agency.h"
#include "db/db.h"
#include "db/store.h"
#include "base/assets.h"
#include "base/err.h"
#include "base/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parse both embedded data files into a. */
static int parse_embedded(struct arena *a, struct registry_entry **e, size_t *n,
                          struct registry_abbrev **ab, size_t *nab,
                          char *err, size_t errlen)
{
	const struct asset *units = asset_find("data/units.tsv");
	const struct asset *abbr = asset_find("data/abbreviations.tsv");
	if (!units || !abbr) {
		snprintf(err, errlen, "the registry data files are missing from this build");
		return PH_EINVAL;
	}
	char why[256] = "";
	int rc = registry_parse(a, units->data, e, n, why, sizeof why);
	if (rc) {
		snprintf(err, errlen, "data/units.tsv: %s", why);
		return rc;
	}
	rc = registry_parse_abbrevs(a, abbr->data, ab, nab, why, sizeof why);
	if (rc)
		snprintf(err, errlen, "data/abbreviations.tsv: %s", why);
	return rc;
}

static const char *iso_or_null(struct ph_date d, char buf[static 11])
{
	return date_iso(d, buf) ? buf : NULL;
}

int unit_seed(struct db *db, long long *added, char *err, size_t errlen)
{
	long long have = 0;
	if (added)
		*added = 0;
	int rc = store_units_count(db, &have);
	if (rc || have > 0)
		return rc;
	struct arena a;
	arena_init(&a);
	struct registry_entry *e = NULL;
	struct registry_abbrev *ab = NULL;
	size_t n = 0, nab = 0;
	rc = parse_embedded(&a, &e, &n, &ab, &nab, err, errlen);
	long long *ids = rc ? NULL : arena_alloc(&a, (n + 1) * sizeof *ids);
	if (!rc)
		rc = db_begin(db);
	if (rc)
		goto out;
	for (size_t i = 0; !rc && i < n; i++) {
		long long parent = 0;
		char from[11], to[11];
		if (e[i].parent)
			rc = store_unit_by_key(db, e[i].parent, &parent);
		if (!rc)
			rc = store_unit_insert(db, e[i].key, parent, e[i].kind, e[i].level,
			                       e[i].name, e[i].short_name,
			                       iso_or_null(e[i].valid_from, from),
			                       iso_or_null(e[i].valid_to, to), 0, &ids[i]);
		for (size_t k = 0; !rc && k < e[i].aliases_len; k++)
			rc = store_unit_alias_insert(db, ids[i], e[i].aliases[k]);
	}
	/* Successors may point forward, so they are set once all exist. */
	for (size_t i = 0; !rc && i < n; i++) {
		long long succ = 0;
		if (!e[i].successor)
			continue;
		rc = store_unit_by_key(db, e[i].successor, &succ);
		if (!rc)
			rc = store_unit_set_successor(db, ids[i], succ);
	}
	for (size_t i = 0; !rc && i < nab; i++)
		rc = store_abbrev_insert(db, ab[i].abbrev, ab[i].expansion);
	if (!rc)
		rc = db_commit(db);
	if (rc) {
		db_rollback(db);
		if (!err[0])
			snprintf(err, errlen, "cannot load the registry: %s", db_errmsg(db));
	} else if (added) {
		*added = (long long)n;
	}
out:
	arena_cleanup(&a);
	return rc;
}

/* ---- resolver from the database ---- */

struct build {
	struct resolver *r;
	struct unit *units; /* sorted by id */
	size_t n;
};

static const struct unit *by_id(const struct build *b, long long id)
{
	size_t lo = 0, hi = b->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->units[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < b->n && b->units[lo].id == id ? &b->units[lo] : NULL;
}

static struct ph_date parse_or_zero(const char *iso)
{
	struct ph_date d = {0, 0, 0};
	if (iso)
		date_parse_iso(iso, &d);
	return d;
}

static int add_name(struct build *b, const struct unit *u, const char *name)
{
	return resolver_add(b->r, (int)u->id, u->name, name,
	                    parse_or_zero(u->valid_from), parse_or_zero(u->valid_to));
}

static int add_alias(void *ctx, long long unit_id, const char *alias)
{
	struct build *b = ctx;
	const struct unit *u = by_id(b, unit_id);
	return u ? add_name(b, u, alias) : 0;
}

static int add_abbrev(void *ctx, const char *abbrev, const char *expansion)
{
	struct build *b = ctx;
	return resolver_add_abbrev(b->r, abbrev, expansion);
}

struct resolver *unit_resolver_db(struct db *db, int *rc)
{
	struct arena a;
	arena_init(&a);
	struct build b = {resolver_new(), NULL, 0};
	*rc = b.r ? 0 : PH_ENOMEM;
	if (!*rc)
		*rc = store_abbrevs_each(db, &b, add_abbrev);
	if (!*rc)
		*rc = store_units_all(db, &a, &b.units, &b.n);
	for (size_t i = 0; !*rc && i < b.n; i++) {
		*rc = add_name(&b, &b.units[i], b.units[i].name);
		if (!*rc && b.units[i].short_name)
			*rc = add_name(&b, &b.units[i], b.units[i].short_name);
	}
	if (!*rc)
		*rc = store_aliases_each(db, &b, add_alias);
	arena_cleanup(&a);
	if (*rc) {
		resolver_free(b.r);
		return NULL;
	}
	return b.r;
}

struct resolver *unit_resolver_embedded(int *rc)
{
	struct arena a;
	arena_init(&a);
	struct registry_entry *e = NULL;
	struct registry_abbrev *ab = NULL;
	size_t n = 0, nab = 0;
	char err[300] = "";
	struct resolver *r = resolver_new();
	*rc = r ? parse_embedded(&a, &e, &n, &ab, &nab, err, sizeof err) : PH_ENOMEM;
	for (size_t i = 0; !*rc && i < nab; i++)
		*rc = resolver_add_abbrev(r, ab[i].abbrev, ab[i].expansion);
	/* Without a database, ids are the 1-based line order of the file,
	 * which is what a fresh database gives them too. */
	for (size_t i = 0; !*rc && i < n; i++) {
		int id = (int)i + 1;
		*rc = resolver_add(r, id, e[i].name, e[i].name, e[i].valid_from, e[i].valid_to);
		if (!*rc && e[i].short_name)
			*rc = resolver_add(r, id, e[i].name, e[i].short_name, e[i].valid_from, e[i].valid_to);
		for (size_t k = 0; !*rc && k < e[i].aliases_len; k++)
			*rc = resolver_add(r, id, e[i].name, e[i].aliases[k], e[i].valid_from, e[i].valid_to);
	}
	if (*rc && err[0])
		fprintf(stderr, "phoihop: %s\n", err);
	arena_cleanup(&a);
	if (*rc) {
		resolver_free(r);
		return NULL;
	}
	return r;
}

int unit_find(struct db *db, const struct resolver *r, const char *name, long long *id)
{
	if (store_unit_by_key(db, name, id) == 0)
		return 0;
	const char *canonical = NULL;
	struct ph_date any = {0, 0, 0};
	int found = resolver_lookup(r, name, any, NULL, &canonical);
	if (found <= 0)
		return PH_ENOTFOUND;
	*id = found;
	return 0;
}

static int by_name(const void *x, const void *y)
{
	const struct unit *a = x, *b = y;
	return text_collate(a->name, b->name);
}

int unit_list(struct db *db, struct arena *a, struct unit **out, size_t *n)
{
	int rc = store_units_all(db, a, out, n);
	if (!rc && *n > 1)
		qsort(*out, *n, sizeof **out, by_name);
	return rc;
}

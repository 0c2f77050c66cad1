/* unit.c: the units registry: seeding from the embedded data files,
 * resolver construction, lookup and sorted listing, and its management
 * (add, rename, validity, aliases, merge), each write checked, audited
 * and one transaction. */
#include "model/unit.h"
#include "model/rollup.h"
#include "model/access.h"
#include "model/audit.h"
#include "model/input.h"
#include "model/registry.h"
#include "import/agency.h"
#include "db/db.h"
#include "db/store.h"
#include "base/assets.h"
#include "base/err.h"
#include "base/text.h"
#include <jansson.h>
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
		snprintf(err, errlen, "data/units.tsv: %s", why[0] ? why : "out of memory");
		return rc;
	}
	rc = registry_parse_abbrevs(a, abbr->data, ab, nab, why, sizeof why);
	if (rc)
		snprintf(err, errlen, "data/abbreviations.tsv: %s", why[0] ? why : "out of memory");
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
	if (!rc && !ids)
		rc = PH_ENOMEM;
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
	if (!rc)
		rollup_units_changed();
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

const char *const unit_levels[5][2] = {
	{"central", "Trung ương"}, {"province", "Tỉnh"}, {"district", "Huyện"},
	{"commune", "Xã"}, {"branch", "Chi hội, chi bộ"},
};
const char *const unit_kinds[6][2] = {
	{"committee", "Ủy ban"}, {"department", "Sở, ngành"}, {"mass_org", "Đoàn thể"},
	{"party", "Đảng"}, {"front", "Mặt trận"}, {"other", "Khác"},
};

static const char *label_of(const char *const (*t)[2], size_t n, const char *name)
{
	for (size_t i = 0; name && i < n; i++)
		if (!strcmp(name, t[i][0]))
			return t[i][1];
	return name;
}

const char *unit_level_label(const char *level)
{
	return label_of(unit_levels, sizeof unit_levels / sizeof *unit_levels, level);
}

int unit_level_rank(const char *level)
{
	for (size_t i = 0; level && i < sizeof unit_levels / sizeof *unit_levels; i++)
		if (!strcmp(level, unit_levels[i][0]))
			return (int)i;
	return -1;
}

const char *unit_kind_label(const char *kind)
{
	return label_of(unit_kinds, sizeof unit_kinds / sizeof *unit_kinds, kind);
}

int unit_get(struct db *db, struct arena *a, long long id, struct unit *out)
{
	memset(out, 0, sizeof *out);
	return store_unit_get(db, a, id, out);
}

static int by_text(const void *x, const void *y)
{
	return text_collate(*(char *const *)x, *(char *const *)y);
}

int unit_aliases(struct db *db, struct arena *a, long long id, char ***out, size_t *n)
{
	int rc = store_unit_aliases(db, a, id, out, n);
	if (!rc && *n > 1)
		qsort(*out, *n, sizeof **out, by_text);
	return rc;
}

/* ---- management ---- */

/* Longest unit name or alias, in bytes. */
#define UNIT_NAME_MAX 300
/* Longest name part of a generated key. */
#define SLUG_MAX 40

static int kind_valid(const char *k)
{
	static const char *kinds[] = {"committee", "department", "mass_org", "party", "front", "other"};
	for (size_t i = 0; k && i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(k, kinds[i]) == 0)
			return 1;
	return 0;
}

static int level_valid(const char *l)
{
	static const char *levels[] = {"central", "province", "district", "commune", "branch"};
	for (size_t i = 0; l && i < sizeof levels / sizeof *levels; i++)
		if (strcmp(l, levels[i]) == 0)
			return 1;
	return 0;
}

/* An optional ISO date: NULL or "" gives *res NULL; else it must parse,
 * and *res points at its canonical form in buf. */
static int opt_date(const char *in, char buf[static 11], const char **res)
{
	struct ph_date d;
	*res = NULL;
	if (!in || !*in)
		return 0;
	if (date_parse_iso(in, &d) || !date_iso(d, buf))
		return PH_EINVAL;
	*res = buf;
	return 0;
}

/* Both optional dates, in order. */
static int date_pair(const char *from, const char *to, char fb[static 11], char tb[static 11],
                     const char **f, const char **t)
{
	int rc = opt_date(from, fb, f);
	if (!rc)
		rc = opt_date(to, tb, t);
	if (!rc && *f && *t && strcmp(*f, *t) > 0)
		rc = PH_EINVAL;
	return rc;
}

/* 1 when [f1, t1] and [f2, t2] share a day (NULL = open end). */
static int overlap(const char *f1, const char *t1, const char *f2, const char *t2)
{
	return (!t1 || !f2 || strcmp(f2, t1) <= 0) && (!t2 || !f1 || strcmp(f1, t2) <= 0);
}

/* PH_EDUPLICATE when another child of parent (not self) has the same
 * folded name and a validity overlapping [from, to]: two units of one
 * name may follow each other (a department re-formed after a merger), not
 * coexist. accepted_only: proposed children do not count (accepting one
 * of two proposals of one name is no conflict; the other is merged). */
static int sibling_conflict_of(struct db *db, struct arena *a, long long parent, long long self,
                               const char *name, const char *from, const char *to,
                               int accepted_only)
{
	struct unit *kids = NULL;
	size_t n = 0;
	int rc = store_unit_children(db, a, parent, &kids, &n);
	char *f = rc ? NULL : text_fold(name);
	if (!rc && !f)
		rc = PH_ENOMEM;
	for (size_t i = 0; !rc && i < n; i++) {
		if (kids[i].id == self || !overlap(kids[i].valid_from, kids[i].valid_to, from, to) ||
		    (accepted_only && kids[i].proposed))
			continue;
		char *g = text_fold(kids[i].name);
		if (!g)
			rc = PH_ENOMEM;
		else if (strcmp(f, g) == 0)
			rc = PH_EDUPLICATE;
		free(g);
	}
	free(f);
	return rc;
}

static int sibling_conflict(struct db *db, struct arena *a, long long parent, long long self,
                            const char *name, const char *from, const char *to)
{
	return sibling_conflict_of(db, a, parent, self, name, from, to, 0);
}

/* A key for a new unit: the parent's key, ".", and the folded name with
 * every run of other characters made one '-' ("Sở Nội vụ" -> "so-noi-vu");
 * "-2", "-3"... when taken. In a. */
static int new_key(struct db *db, struct arena *a, const char *parent_key, const char *name,
                   char **out)
{
	char *f = text_fold(name);
	if (!f)
		return PH_ENOMEM;
	char slug[SLUG_MAX + 1];
	size_t w = 0;
	for (const char *p = f; *p && w < SLUG_MAX; p++) {
		char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			slug[w++] = c;
		else if (w && slug[w - 1] != '-')
			slug[w++] = '-';
	}
	while (w && slug[w - 1] == '-')
		w--;
	slug[w] = 0;
	free(f);
	const char *base = w ? slug : "unit";
	char *key = parent_key ? arena_printf(a, "%s.%s", parent_key, base) : arena_strdup(a, base);
	for (int i = 2; i < 10000; i++) {
		long long id = 0;
		if (!key)
			return PH_ENOMEM;
		int rc = store_unit_by_key(db, key, &id);
		if (rc == PH_ENOTFOUND) {
			*out = key;
			return 0;
		}
		if (rc)
			return rc;
		key = parent_key ? arena_printf(a, "%s.%s-%d", parent_key, base, i)
		                 : arena_printf(a, "%s-%d", base, i);
	}
	return PH_EDUPLICATE;
}

static json_t *unit_json(const struct unit *u)
{
	return json_pack("{s:s, s:I, s:s, s:s?, s:s, s:s?, s:s?, s:s?}",
	                 "key", u->key, "parent_id", (json_int_t)u->parent_id, "kind", u->kind,
	                 "level", u->level, "name", u->name, "short_name", u->short_name,
	                 "valid_from", u->valid_from, "valid_to", u->valid_to);
}

/* Finish a write: commit, or roll back on rc. A committed change makes
 * the in-memory roll-ups (rollup.c) re-read the unit tree. */
static int finish(struct db *db, int rc)
{
	if (!rc)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	else
		rollup_units_changed();
	return rc;
}

int unit_add(struct db *db, const struct user *actor, long long parent_id,
             const char *kind, const char *level, const char *name,
             const char *short_name, const char *valid_from,
             const char *valid_to, long long *id)
{
	char fb[11], tb[11];
	const char *from = NULL, *to = NULL;
	char *nm = NULL, *sn = NULL;
	struct arena a;
	arena_init(&a);
	long long new_id = 0;
	int rc = access_check(db, actor, ACT_UNIT_EDIT, parent_id);
	if (!rc && (!kind_valid(kind) || (level && !level_valid(level))))
		rc = PH_EINVAL;
	if (!rc)
		rc = input_text(name, UNIT_NAME_MAX, INPUT_LINE, &nm);
	if (!rc)
		rc = input_optional(short_name, UNIT_NAME_MAX, INPUT_LINE, &sn);
	if (!rc)
		rc = date_pair(valid_from, valid_to, fb, tb, &from, &to);
	if (rc || (rc = db_begin(db)))
		goto out;
	struct unit parent = {0}, u = {0};
	char *key = NULL;
	if (parent_id)
		rc = store_unit_get(db, &a, parent_id, &parent);
	if (!rc)
		rc = sibling_conflict(db, &a, parent_id, 0, nm, from, to);
	if (!rc)
		rc = new_key(db, &a, parent_id ? parent.key : NULL, nm, &key);
	if (!rc)
		rc = store_unit_insert(db, key, parent_id, kind, level, nm, sn, from, to, 0, &new_id);
	if (!rc) {
		u = (struct unit){.id = new_id, .key = key, .parent_id = parent_id,
		                  .kind = (char *)kind, .level = (char *)level, .name = nm,
		                  .short_name = sn, .valid_from = (char *)from, .valid_to = (char *)to};
		rc = audit_record_json(db, actor, "unit.add", "unit", new_id, NULL, unit_json(&u));
	}
	rc = finish(db, rc);
	if (rc)
		new_id = 0;
out:
	if (id)
		*id = new_id;
	free(nm);
	free(sn);
	arena_cleanup(&a);
	return rc;
}

/* Rename u inside an open transaction to nm and new_short (NULL: no
 * short name). The sibling check uses [from, to], the validity u has when
 * the transaction commits. Unchanged names: nothing written. On success
 * u's names are the new ones (nm and new_short must outlive u). */
static int rename_in(struct db *db, struct arena *a, const struct user *actor, struct unit *u,
                     char *nm, char *new_short, const char *from, const char *to)
{
	int same = strcmp(u->name, nm) == 0 &&
	           ((!new_short && !u->short_name) ||
	            (new_short && u->short_name && strcmp(new_short, u->short_name) == 0));
	if (same)
		return 0;
	int rc = sibling_conflict(db, a, u->parent_id, u->id, nm, from, to);
	/* Documents written with the old names still resolve to the unit. */
	if (!rc && strcmp(u->name, nm) != 0)
		rc = store_unit_alias_insert(db, u->id, u->name);
	if (!rc && u->short_name && (!new_short || strcmp(u->short_name, new_short) != 0))
		rc = store_unit_alias_insert(db, u->id, u->short_name);
	if (!rc)
		rc = store_unit_set_names(db, u->id, nm, new_short);
	if (!rc)
		rc = audit_record_json(db, actor, "unit.rename", "unit", u->id,
		                       json_pack("{s:s, s:s?}", "name", u->name, "short_name", u->short_name),
		                       json_pack("{s:s, s:s?}", "name", nm, "short_name", new_short));
	if (!rc) {
		u->name = nm;
		u->short_name = new_short;
	}
	return rc;
}

/* Set u's validity to [from, to] (canonical ISO or NULL) inside an open
 * transaction, checking siblings against u's name (the new one when u
 * was renamed earlier in the transaction). On success u holds the new
 * dates (from and to must outlive u). */
static int validity_in(struct db *db, struct arena *a, const struct user *actor, struct unit *u,
                       const char *from, const char *to)
{
	int rc = sibling_conflict(db, a, u->parent_id, u->id, u->name, from, to);
	if (!rc)
		rc = store_unit_set_validity(db, u->id, from, to);
	if (!rc)
		rc = audit_record_json(db, actor, "unit.validity", "unit", u->id,
		                       json_pack("{s:s?, s:s?}", "valid_from", u->valid_from,
		                                 "valid_to", u->valid_to),
		                       json_pack("{s:s?, s:s?}", "valid_from", from, "valid_to", to));
	if (!rc) {
		u->valid_from = (char *)from;
		u->valid_to = (char *)to;
	}
	return rc;
}

int unit_update(struct db *db, const struct user *actor, long long id,
                const char *name, const char *short_name, int set_names,
                const char *valid_from, const char *valid_to, int set_validity)
{
	char fb[11], tb[11];
	const char *from = NULL, *to = NULL;
	char *nm = NULL, *sn = NULL;
	struct arena a;
	arena_init(&a);
	struct unit u;
	int rc = access_check(db, actor, ACT_UNIT_EDIT, id);
	if (!rc && set_names && name)
		rc = input_text(name, UNIT_NAME_MAX, INPUT_LINE, &nm);
	if (!rc && set_names)
		rc = input_optional(short_name, UNIT_NAME_MAX, INPUT_LINE, &sn);
	if (!rc && set_validity)
		rc = date_pair(valid_from, valid_to, fb, tb, &from, &to);
	if (rc || (rc = db_begin(db)))
		goto out;
	rc = store_unit_get(db, &a, id, &u);
	if (!rc && set_names) {
		/* name NULL keeps the name; short_name NULL keeps the short
		 * name, "" (or blank) removes it. */
		rc = rename_in(db, &a, actor, &u, nm ? nm : u.name, short_name ? sn : u.short_name,
		               set_validity ? from : u.valid_from, set_validity ? to : u.valid_to);
	}
	if (!rc && set_validity)
		rc = validity_in(db, &a, actor, &u, from, to);
	rc = finish(db, rc);
out:
	free(nm);
	free(sn);
	arena_cleanup(&a);
	return rc;
}

int unit_rename(struct db *db, const struct user *actor, long long id,
                const char *name, const char *short_name)
{
	char *nm = NULL, *sn = NULL;
	struct arena a;
	arena_init(&a);
	struct unit u;
	int rc = access_check(db, actor, ACT_UNIT_EDIT, id);
	if (!rc)
		rc = input_text(name, UNIT_NAME_MAX, INPUT_LINE, &nm);
	if (!rc)
		rc = input_optional(short_name, UNIT_NAME_MAX, INPUT_LINE, &sn);
	if (rc || (rc = db_begin(db)))
		goto out;
	rc = store_unit_get(db, &a, id, &u);
	/* NULL keeps the short name; "" (or blank) removes it. */
	if (!rc)
		rc = rename_in(db, &a, actor, &u, nm, short_name ? sn : u.short_name, u.valid_from,
		               u.valid_to);
	rc = finish(db, rc);
out:
	free(nm);
	free(sn);
	arena_cleanup(&a);
	return rc;
}

int unit_set_validity(struct db *db, const struct user *actor, long long id,
                      const char *valid_from, const char *valid_to)
{
	char fb[11], tb[11];
	const char *from = NULL, *to = NULL;
	struct arena a;
	arena_init(&a);
	struct unit u;
	int rc = access_check(db, actor, ACT_UNIT_EDIT, id);
	if (!rc)
		rc = date_pair(valid_from, valid_to, fb, tb, &from, &to);
	if (rc || (rc = db_begin(db)))
		goto out;
	rc = store_unit_get(db, &a, id, &u);
	if (!rc)
		rc = validity_in(db, &a, actor, &u, from, to);
	rc = finish(db, rc);
out:
	arena_cleanup(&a);
	return rc;
}

int unit_add_alias(struct db *db, const struct user *actor, long long id,
                   const char *alias)
{
	char *al = NULL;
	struct arena a;
	arena_init(&a);
	struct unit u;
	int has = 0;
	int rc = access_check(db, actor, ACT_UNIT_EDIT, id);
	if (!rc)
		rc = input_text(alias, UNIT_NAME_MAX, INPUT_LINE, &al);
	if (rc || (rc = db_begin(db)))
		goto out;
	rc = store_unit_get(db, &a, id, &u);
	if (!rc)
		rc = store_unit_has_alias(db, id, al, &has);
	if (!rc && (has || strcmp(al, u.name) == 0 || (u.short_name && strcmp(al, u.short_name) == 0)))
		rc = PH_EDUPLICATE;
	if (!rc)
		rc = store_unit_alias_insert(db, id, al);
	if (!rc)
		rc = audit_record_json(db, actor, "unit.alias", "unit", id, NULL,
		                       json_pack("{s:s}", "alias", al));
	rc = finish(db, rc);
out:
	free(al);
	arena_cleanup(&a);
	return rc;
}

static json_t *id_array(const long long *ids, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < n; i++)
		json_array_append_new(arr, json_integer(ids[i]));
	return arr;
}

int unit_merge(struct db *db, const struct user *actor, long long from,
               long long into, const char *date)
{
	char day[11];
	const char *on = NULL;
	struct arena a;
	arena_init(&a);
	struct unit f, t;
	long long *lead = NULL, *coord = NULL;
	size_t nlead = 0, ncoord = 0;
	char **aliases = NULL;
	size_t naliases = 0;
	int inside = 0;
	int rc = from == into ? PH_EINVAL : 0;
	if (!rc)
		rc = opt_date(date, day, &on);
	if (!rc && !on)
		rc = PH_EINVAL;
	if (!rc)
		rc = access_check(db, actor, ACT_UNIT_EDIT, from);
	if (!rc)
		rc = access_check(db, actor, ACT_UNIT_EDIT, into);
	if (rc || (rc = db_begin(db)))
		goto out;
	rc = store_unit_get(db, &a, from, &f);
	if (!rc)
		rc = store_unit_get(db, &a, into, &t);
	if (!rc)
		rc = store_unit_within(db, into, from, &inside);
	if (!rc && inside)
		rc = PH_EINVAL; /* into is below from: the tree would lose its root */
	if (!rc && f.successor_id)
		rc = PH_ECONFLICT; /* merged already */
	if (!rc && ((f.valid_from && strcmp(on, f.valid_from) < 0) ||
	            (t.valid_to && strcmp(t.valid_to, on) <= 0)))
		rc = PH_EINVAL; /* from did not exist yet, or into is gone by then */
	if (!rc)
		rc = store_unit_open_tasks(db, &a, from, &lead, &nlead, &coord, &ncoord);
	if (!rc)
		rc = store_unit_move_open_tasks(db, from, into);
	if (!rc)
		rc = store_unit_move_members(db, from, into, on);
	if (!rc)
		rc = store_unit_aliases(db, &a, from, &aliases, &naliases);
	/* Documents naming from resolve to into from now on. */
	const char *names[2] = {f.name, f.short_name};
	for (size_t i = 0; !rc && i < 2 + naliases; i++) {
		const char *n = i < 2 ? names[i] : aliases[i - 2];
		if (n && strcmp(n, t.name) != 0)
			rc = store_unit_alias_insert(db, into, n);
	}
	if (!rc)
		rc = store_unit_set_validity(db, from, f.valid_from, on);
	if (!rc)
		rc = store_unit_set_successor(db, from, into);
	if (!rc)
		rc = audit_record_json(db, actor, "unit.merge", "unit", from,
		                       json_pack("{s:s?, s:n}", "valid_to", f.valid_to, "successor_id"),
		                       json_pack("{s:s, s:I, s:o, s:o}", "valid_to", on,
		                                 "successor_id", (json_int_t)into,
		                                 "lead_tasks", id_array(lead, nlead),
		                                 "coordinated_tasks", id_array(coord, ncoord)));
	rc = finish(db, rc);
out:
	arena_cleanup(&a);
	return rc;
}

int unit_accept(struct db *db, const struct user *actor, long long id, const char *kind,
                const char *level)
{
	struct arena a;
	arena_init(&a);
	struct unit u = {0}, parent = {0};
	if (kind && !*kind)
		kind = NULL;
	if (level && !*level)
		level = NULL;
	int rc = access_check(db, actor, ACT_UNIT_EDIT, id);
	if (!rc && ((kind && !kind_valid(kind)) || (level && !level_valid(level))))
		rc = PH_EINVAL;
	if (rc || (rc = db_begin(db)))
		goto out;
	rc = store_unit_get(db, &a, id, &u);
	if (!rc && !u.proposed)
		rc = PH_ECONFLICT; /* accepted already, or never proposed */
	if (!rc && u.parent_id > 0)
		rc = store_unit_get(db, &a, u.parent_id, &parent);
	/* No level given: the parent's, as most units sit at their parent's
	 * level (a department under the provincial committee). */
	const char *new_kind = kind ? kind : u.kind;
	const char *new_level = level ? level : parent.level;
	if (!rc)
		rc = sibling_conflict_of(db, &a, u.parent_id, u.id, u.name, u.valid_from, u.valid_to, 1);
	if (!rc)
		rc = store_unit_accept(db, id, new_kind, new_level);
	if (!rc)
		rc = audit_record_json(db, actor, "unit.accept", "unit", id,
		                       json_pack("{s:b, s:s, s:s?}", "proposed", 1, "kind", u.kind,
		                                 "level", u.level),
		                       json_pack("{s:b, s:s, s:s?}", "proposed", 0, "kind", new_kind,
		                                 "level", new_level));
	rc = finish(db, rc);
out:
	arena_cleanup(&a);
	return rc;
}

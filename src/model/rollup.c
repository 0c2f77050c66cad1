/* rollup.c: the in-memory roll-ups of indicator values (see rollup.h):
 * the process-wide unit tree, the aggregates per (indicator, period),
 * building them from the database and applying the deltas of writes. */
#include "model/rollup.h"
#include "model/indicator.h"
#include "db/store_indicators.h"
#include "base/err.h"
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

enum { MAX_DEPTH = 64, NO_LEVEL = 255 };

static const char *const level_names[] = {"central", "province", "district", "commune", "branch"};
#define LEVEL_COUNT (sizeof level_names / sizeof level_names[0])

struct tree {
	unsigned long gen;       /* units generation it was read at */
	int built;
	size_t n, cap;
	long long *ids;          /* sorted: the dense index is the position */
	long long *parent, *successor; /* ids, 0 for none */
	char (*valid_to)[11];    /* "" when open */
	unsigned char *level;    /* index into level_names, NO_LEVEL */
};

struct target {
	int year;
	unsigned char level;
	char op[3];
	double value;
};

struct agg {
	struct agg *next;
	long long indicator;
	char period[16];
	char end[11];
	int year;
	int type;                /* 0 count/sum, 1 rate, 2 bool */
	struct target *targets;
	size_t ntargets;
	int *eparent;            /* dense index of the parent in this period, -1 root */
	double *own_num, *own_den;
	unsigned char *own_has;
	double *sub_num, *sub_den;
	int *sub_n;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_ulong units_gen = 1;
static struct tree tree;
static struct agg *aggs;

/* ---- attainment ---- */

const char *rollup_attain_label(int attain)
{
	switch (attain) {
	case ROLLUP_MET: return "Đạt";
	case ROLLUP_NOT_MET: return "Không đạt";
	case ROLLUP_NO_TARGET: return "Chưa có chỉ tiêu";
	default: return "Chưa có số liệu";
	}
}

const char *rollup_attain_name(int attain)
{
	switch (attain) {
	case ROLLUP_MET: return "met";
	case ROLLUP_NOT_MET: return "not_met";
	case ROLLUP_NO_TARGET: return "no_target";
	default: return "no_data";
	}
}

int rollup_attainment(int has_value, double value, int has_target, const char *op,
                      double target)
{
	if (!has_value)
		return ROLLUP_NO_DATA;
	if (!has_target || !op)
		return ROLLUP_NO_TARGET;
	/* Values are sums of decimals; compare with a small tolerance. */
	double eps = 1e-9 * (fabs(target) > 1 ? fabs(target) : 1);
	int ok;
	if (!strcmp(op, ">="))
		ok = value >= target - eps;
	else if (!strcmp(op, ">"))
		ok = value > target + eps;
	else if (!strcmp(op, "<="))
		ok = value <= target + eps;
	else
		ok = fabs(value - target) <= eps;
	return ok ? ROLLUP_MET : ROLLUP_NOT_MET;
}

/* ---- the tree ---- */

static void agg_free(struct agg *g)
{
	free(g->targets);
	free(g->eparent);
	free(g->own_num);
	free(g->own_den);
	free(g->own_has);
	free(g->sub_num);
	free(g->sub_den);
	free(g->sub_n);
	free(g);
}

static void drop_all(void)
{
	while (aggs) {
		struct agg *g = aggs;
		aggs = g->next;
		agg_free(g);
	}
	free(tree.ids);
	free(tree.parent);
	free(tree.successor);
	free(tree.valid_to);
	free(tree.level);
	memset(&tree, 0, sizeof tree);
}

static unsigned char level_code(const char *l)
{
	for (size_t i = 0; l && i < LEVEL_COUNT; i++)
		if (!strcmp(l, level_names[i]))
			return (unsigned char)i;
	return NO_LEVEL;
}

static void *grow(void *p, size_t n, size_t size)
{
	void *q = realloc(p, n * size);
	return q;
}

static int tree_row(void *ctx, long long id, long long parent, long long successor,
                    const char *valid_to, const char *level, const char *kind)
{
	(void)ctx;
	(void)kind;
	if (tree.n == tree.cap) {
		size_t c = tree.cap ? tree.cap * 2 : 1024;
		long long *a = grow(tree.ids, c, sizeof *a);
		if (a)
			tree.ids = a;
		long long *b = grow(tree.parent, c, sizeof *b);
		if (b)
			tree.parent = b;
		long long *s = grow(tree.successor, c, sizeof *s);
		if (s)
			tree.successor = s;
		char (*v)[11] = grow(tree.valid_to, c, sizeof *v);
		if (v)
			tree.valid_to = v;
		unsigned char *l = grow(tree.level, c, 1);
		if (l)
			tree.level = l;
		if (!a || !b || !s || !v || !l)
			return PH_ENOMEM;
		tree.cap = c;
	}
	size_t i = tree.n++;
	tree.ids[i] = id;
	tree.parent[i] = parent;
	tree.successor[i] = successor;
	snprintf(tree.valid_to[i], 11, "%s", valid_to ? valid_to : "");
	tree.level[i] = level_code(level);
	return 0;
}

/* Make the tree current; drops every aggregate when the units changed. */
static int tree_ensure(struct db *db)
{
	unsigned long gen = atomic_load(&units_gen);
	if (tree.built && tree.gen == gen)
		return 0;
	drop_all();
	int rc = store_indicator_units_each(db, tree_row, NULL);
	if (rc) {
		drop_all();
		return rc;
	}
	tree.gen = gen;
	tree.built = 1;
	return 0;
}

static int index_of(long long id)
{
	size_t lo = 0, hi = tree.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tree.ids[mid] == id)
			return (int)mid;
		if (tree.ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* ---- aggregates ---- */

static void add_up(struct agg *g, int i, double dnum, double dden, int dn)
{
	for (int j = i, steps = 0; j >= 0 && steps < MAX_DEPTH; j = g->eparent[j], steps++) {
		g->sub_num[j] += dnum;
		g->sub_den[j] += dden;
		g->sub_n[j] += dn;
	}
}

static int value_row(void *ctx, long long unit_id, double num, double den, int has_den)
{
	struct agg *g = ctx;
	int i = index_of(unit_id);
	if (i < 0)
		return 0;
	if (!has_den)
		den = 0;
	g->own_num[i] = num;
	g->own_den[i] = den;
	g->own_has[i] = 1;
	add_up(g, i, num, den, 1);
	return 0;
}

static struct agg *agg_find(long long indicator, const char *period)
{
	for (struct agg *g = aggs; g; g = g->next)
		if (g->indicator == indicator && !strcmp(g->period, period))
			return g;
	return NULL;
}

static int agg_build(struct db *db, long long indicator, const char *period, struct agg **out)
{
	struct arena a;
	struct indicator ind;
	struct indicator_target *t = NULL;
	size_t nt = 0, n = tree.n ? tree.n : 1;
	char end[11];
	int year = 0, rc;
	struct agg *g = NULL;

	arena_init(&a);
	if ((rc = indicator_period_parse(period, &year, end)))
		goto out;
	if ((rc = store_indicator_get(db, &a, indicator, &ind)) ||
	    (rc = store_indicator_targets(db, &a, indicator, &t, &nt)))
		goto out;
	g = calloc(1, sizeof *g);
	if (!g) {
		rc = PH_ENOMEM;
		goto out;
	}
	g->indicator = indicator;
	snprintf(g->period, sizeof g->period, "%s", period);
	memcpy(g->end, end, sizeof end);
	g->year = year;
	g->type = !strcmp(ind.type, "rate") ? 1 : !strcmp(ind.type, "bool") ? 2 : 0;
	g->targets = calloc(nt ? nt : 1, sizeof *g->targets);
	g->eparent = malloc(n * sizeof *g->eparent);
	g->own_num = calloc(n, sizeof *g->own_num);
	g->own_den = calloc(n, sizeof *g->own_den);
	g->own_has = calloc(n, 1);
	g->sub_num = calloc(n, sizeof *g->sub_num);
	g->sub_den = calloc(n, sizeof *g->sub_den);
	g->sub_n = calloc(n, sizeof *g->sub_n);
	if (!g->targets || !g->eparent || !g->own_num || !g->own_den || !g->own_has ||
	    !g->sub_num || !g->sub_den || !g->sub_n) {
		rc = PH_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < nt; i++) {
		g->targets[i].year = t[i].year;
		g->targets[i].level = level_code(t[i].level);
		snprintf(g->targets[i].op, sizeof g->targets[i].op, "%s", t[i].op);
		g->targets[i].value = t[i].value;
	}
	g->ntargets = nt;
	for (size_t i = 0; i < tree.n; i++) {
		long long p = tree.parent[i];
		/* Merged away before the period's end: counts under its successor. */
		if (tree.successor[i] && tree.valid_to[i][0] && strcmp(tree.valid_to[i], end) < 0)
			p = tree.successor[i];
		g->eparent[i] = p ? index_of(p) : -1;
		if (g->eparent[i] == (int)i)
			g->eparent[i] = -1;
	}
	if ((rc = store_indicator_values_each(db, indicator, period, value_row, g)))
		goto out;
	g->next = aggs;
	aggs = g;
	*out = g;
	g = NULL;
out:
	if (g)
		agg_free(g);
	arena_cleanup(&a);
	return rc;
}

static int agg_ensure(struct db *db, long long indicator, const char *period, struct agg **out)
{
	int rc = tree_ensure(db);
	if (rc)
		return rc;
	*out = agg_find(indicator, period);
	return *out ? 0 : agg_build(db, indicator, period, out);
}

static void result_at(const struct agg *g, int i, struct rollup_result *r)
{
	memset(r, 0, sizeof *r);
	r->num = g->sub_num[i];
	r->den = g->sub_den[i];
	r->reporting = g->sub_n[i];
	r->own = g->own_has[i];
	r->own_num = g->own_num[i];
	r->own_den = g->own_den[i];
	if (g->type == 1) {
		r->has_value = r->reporting > 0 && r->den > 0;
		r->value = r->has_value ? 100.0 * r->num / r->den : 0;
	} else if (g->type == 2) {
		r->has_value = r->reporting > 0;
		r->value = r->has_value ? 100.0 * r->num / (double)r->reporting : 0;
	} else {
		r->has_value = r->reporting > 0;
		r->value = r->num;
	}
	for (size_t k = 0; k < g->ntargets; k++)
		if (g->targets[k].year == g->year && g->targets[k].level == tree.level[i] &&
		    tree.level[i] != NO_LEVEL) {
			r->has_target = 1;
			memcpy(r->op, g->targets[k].op, sizeof r->op);
			r->target = g->targets[k].value;
		}
	r->attain = rollup_attainment(r->has_value, r->value, r->has_target, r->op, r->target);
}

int rollup_get(struct db *db, long long indicator, const char *period, long long unit,
               struct rollup_result *out)
{
	struct agg *g = NULL;
	pthread_mutex_lock(&lock);
	int rc = agg_ensure(db, indicator, period, &g);
	if (!rc) {
		int i = index_of(unit);
		if (i < 0)
			rc = PH_ENOTFOUND;
		else
			result_at(g, i, out);
	}
	pthread_mutex_unlock(&lock);
	return rc;
}

int rollup_children(struct db *db, struct arena *a, long long indicator, const char *period,
                    long long unit, long long **out, size_t *n)
{
	struct agg *g = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	pthread_mutex_lock(&lock);
	int rc = agg_ensure(db, indicator, period, &g);
	int u = rc ? -1 : index_of(unit);
	if (!rc && u < 0)
		rc = PH_ENOTFOUND;
	for (size_t i = 0; !rc && i < tree.n; i++)
		if (g->eparent[i] == u)
			*ARENA_PUSH(a, *out, *n, cap) = tree.ids[i];
	pthread_mutex_unlock(&lock);
	return rc;
}

void rollup_write_lock(void)
{
	pthread_mutex_lock(&lock);
}

void rollup_write_unlock(void)
{
	pthread_mutex_unlock(&lock);
}

void rollup_apply_locked(long long indicator, const char *period, long long unit,
                         int had, double old_num, double old_den,
                         double num, double den)
{
	if (!tree.built || tree.gen != atomic_load(&units_gen))
		return; /* rebuilt from the database on next use */
	struct agg *g = agg_find(indicator, period);
	int i = index_of(unit);
	if (!g || i < 0)
		return;
	g->own_num[i] = num;
	g->own_den[i] = den;
	g->own_has[i] = 1;
	if (had)
		add_up(g, i, num - old_num, den - old_den, 0);
	else
		add_up(g, i, num, den, 1);
}

void rollup_units_changed(void)
{
	atomic_fetch_add(&units_gen, 1);
}

void rollup_indicator_changed(long long indicator)
{
	pthread_mutex_lock(&lock);
	for (struct agg **p = &aggs; *p;) {
		struct agg *g = *p;
		if (g->indicator == indicator) {
			*p = g->next;
			agg_free(g);
		} else {
			p = &g->next;
		}
	}
	pthread_mutex_unlock(&lock);
}

void rollup_reset(void)
{
	pthread_mutex_lock(&lock);
	drop_all();
	pthread_mutex_unlock(&lock);
}

/* rollup.c: the in-memory roll-ups of indicator values (see rollup.h):
 * the process-wide unit tree, the per-period trees with their child
 * index, the aggregates per (indicator, period) with sums at internal
 * nodes only, building them from the database and applying the deltas of
 * writes. */
#include "model/rollup.h"
#include "model/indicator.h"
#include "db/db.h"
#include "db/store.h"
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
	/* Former parents (unit_parent_history): unit i's rows are
	 * [hoff[i], hoff[i + 1]), valid_to ascending. */
	int *hoff;               /* [n + 1] */
	size_t nh, hcap;
	long long *hparent;      /* [nh] the former parent id, 0 for a root */
	char (*hto)[11];         /* [nh] the last day it held */
	int *hunit;              /* [nh] dense index of the unit (while reading) */
};

/* The tree of the periods ending on one day, shared by every aggregate of
 * those periods: a unit's parent there, the dense index of the internal
 * nodes (units with at least one child), and the children of each
 * internal node in unit id order (CSR: kids[off[k] .. off[k + 1])). */
struct ptree {
	struct ptree *next;
	char end[11];
	const struct ptree *same; /* an earlier end's identical tree; arrays unset */
	size_t ninternal;
	int *eparent;            /* [tree.n] dense index of the parent, -1 root */
	int *inode;              /* [tree.n] internal index, -1 for a leaf */
	int *off;                /* [ninternal + 1] */
	int *kids;               /* [off[ninternal]] dense unit indices, ascending */
};

struct target {
	int year;
	unsigned char level;
	char op[3];
	double value;
};

/* Sums per internal node only: a leaf's subtree is its own value, read
 * from the database when asked for. */
struct agg {
	struct agg *next;
	long long indicator;
	char period[16];
	char end[11];
	int year;
	int type;                /* 0 count/sum, 1 rate, 2 bool */
	struct target *targets;
	size_t ntargets;
	const struct ptree *pt;
	/* [pt->ninternal] each */
	double *own_num, *own_den;
	unsigned char *own_has;
	double *sub_num, *sub_den;
	int *sub_n;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_ulong units_gen = 1;
static struct tree tree;
static struct ptree *ptrees;
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
	free(g->own_num);
	free(g->own_den);
	free(g->own_has);
	free(g->sub_num);
	free(g->sub_den);
	free(g->sub_n);
	free(g);
}

static void ptree_free(struct ptree *t)
{
	if (!t)
		return;
	free(t->eparent);
	free(t->inode);
	free(t->off);
	free(t->kids);
	free(t);
}

static void drop_all(void)
{
	while (aggs) {
		struct agg *g = aggs;
		aggs = g->next;
		agg_free(g);
	}
	while (ptrees) {
		struct ptree *t = ptrees;
		ptrees = t->next;
		ptree_free(t);
	}
	free(tree.ids);
	free(tree.parent);
	free(tree.successor);
	free(tree.valid_to);
	free(tree.level);
	free(tree.hoff);
	free(tree.hparent);
	free(tree.hto);
	free(tree.hunit);
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

static int index_of(long long id);

/* One unit_parent_history row; rows come in (unit id, valid_to) order,
 * so the kept rows are in dense index order. */
static int hist_row(void *ctx, long long unit_id, long long parent_id, const char *valid_to)
{
	(void)ctx;
	int i = index_of(unit_id);
	if (i < 0 || !valid_to)
		return 0;
	if (tree.nh == tree.hcap) {
		size_t c = tree.hcap ? tree.hcap * 2 : 64;
		long long *p = grow(tree.hparent, c, sizeof *p);
		if (p)
			tree.hparent = p;
		char (*v)[11] = grow(tree.hto, c, sizeof *v);
		if (v)
			tree.hto = v;
		int *u = grow(tree.hunit, c, sizeof *u);
		if (u)
			tree.hunit = u;
		if (!p || !v || !u)
			return PH_ENOMEM;
		tree.hcap = c;
	}
	size_t j = tree.nh++;
	tree.hunit[j] = i;
	tree.hparent[j] = parent_id;
	snprintf(tree.hto[j], 11, "%s", valid_to);
	return 0;
}

/* Read the former parents and index them by unit (tree.hoff). */
static int hist_load(struct db *db)
{
	int rc = store_unit_parent_history_each(db, NULL, hist_row);
	if (rc)
		return rc;
	tree.hoff = calloc(tree.n + 1, sizeof *tree.hoff);
	if (!tree.hoff)
		return PH_ENOMEM;
	for (size_t j = 0; j < tree.nh; j++)
		tree.hoff[tree.hunit[j] + 1]++;
	for (size_t i = 0; i < tree.n; i++)
		tree.hoff[i + 1] += tree.hoff[i];
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
	if (!rc)
		rc = hist_load(db);
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

/* ---- the tree of a period ---- */

/* The shared tree of the periods ending on end, built on first use: the
 * parents in one pass, then the child counts, the internal index and the
 * children (ascending, as the pass runs in unit id order). */
static int ptree_ensure(const char *end, const struct ptree **out)
{
	for (struct ptree *t = ptrees; t; t = t->next)
		if (!strcmp(t->end, end)) {
			*out = t->same ? t->same : t;
			return 0;
		}
	size_t n = tree.n ? tree.n : 1;
	struct ptree *t = calloc(1, sizeof *t);
	if (!t)
		return PH_ENOMEM;
	memcpy(t->end, end, sizeof t->end);
	t->eparent = malloc(n * sizeof *t->eparent);
	t->inode = calloc(n, sizeof *t->inode);
	t->kids = malloc(n * sizeof *t->kids);
	if (!t->eparent || !t->inode || !t->kids)
		goto nomem;
	/* inode[] first counts the children of each unit. */
	for (size_t i = 0; i < tree.n; i++) {
		long long p = tree.parent[i];
		/* Moved since: the parent it held on the period's last day. */
		for (int r = tree.hoff[i]; r < tree.hoff[i + 1]; r++)
			if (strcmp(tree.hto[r], end) >= 0) {
				p = tree.hparent[r];
				break;
			}
		/* Merged away before the period's end: counts under its successor. */
		if (tree.successor[i] && tree.valid_to[i][0] && strcmp(tree.valid_to[i], end) < 0)
			p = tree.successor[i];
		int e = p ? index_of(p) : -1;
		if (e == (int)i)
			e = -1;
		t->eparent[i] = e;
		if (e >= 0)
			t->inode[e]++;
	}
	/* No merge between two ends: share the earlier end's tree. */
	for (const struct ptree *o = ptrees; o; o = o->next)
		if (!o->same && !memcmp(o->eparent, t->eparent, tree.n * sizeof *t->eparent)) {
			free(t->eparent);
			free(t->inode);
			free(t->kids);
			t->eparent = t->inode = t->kids = NULL;
			t->same = o;
			t->next = ptrees;
			ptrees = t;
			*out = o;
			return 0;
		}
	for (size_t i = 0; i < tree.n; i++)
		if (t->inode[i])
			t->ninternal++;
	t->off = calloc(t->ninternal + 1, sizeof *t->off);
	if (!t->off)
		goto nomem;
	int k = 0;
	for (size_t i = 0; i < tree.n; i++) {
		if (!t->inode[i]) {
			t->inode[i] = -1;
			continue;
		}
		t->off[k + 1] = t->off[k] + t->inode[i];
		t->inode[i] = k++;
	}
	/* off[k] is now the start of k's children; fill, then shift back. */
	for (size_t i = 0; i < tree.n; i++)
		if (t->eparent[i] >= 0)
			t->kids[t->off[t->inode[t->eparent[i]]]++] = (int)i;
	for (size_t j = t->ninternal; j > 0; j--)
		t->off[j] = t->off[j - 1];
	t->off[0] = 0;
	t->next = ptrees;
	ptrees = t;
	*out = t;
	return 0;
nomem:
	ptree_free(t);
	return PH_ENOMEM;
}

/* ---- aggregates ---- */

/* Add a change of unit i's value to the sums of i (when internal) and of
 * each ancestor; every ancestor is internal. */
static void add_up(struct agg *g, int i, double dnum, double dden, int dn)
{
	const struct ptree *t = g->pt;
	for (int j = i, steps = 0; j >= 0 && steps < MAX_DEPTH; j = t->eparent[j], steps++) {
		int k = t->inode[j];
		if (k < 0)
			continue;
		g->sub_num[k] += dnum;
		g->sub_den[k] += dden;
		g->sub_n[k] += dn;
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
	int k = g->pt->inode[i];
	if (k >= 0) {
		g->own_num[k] = num;
		g->own_den[k] = den;
		g->own_has[k] = 1;
	}
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
	size_t nt = 0, n;
	char end[11];
	int year = 0, rc;
	struct agg *g = NULL;
	const struct ptree *pt = NULL;

	arena_init(&a);
	if ((rc = indicator_period_parse(period, &year, end)))
		goto out;
	if ((rc = store_indicator_get(db, &a, indicator, &ind)) ||
	    (rc = store_indicator_targets(db, &a, indicator, &t, &nt)))
		goto out;
	if ((rc = ptree_ensure(end, &pt)))
		goto out;
	n = pt->ninternal ? pt->ninternal : 1;
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
	g->pt = pt;
	g->targets = calloc(nt ? nt : 1, sizeof *g->targets);
	g->own_num = calloc(n, sizeof *g->own_num);
	g->own_den = calloc(n, sizeof *g->own_den);
	g->own_has = calloc(n, 1);
	g->sub_num = calloc(n, sizeof *g->sub_num);
	g->sub_den = calloc(n, sizeof *g->sub_den);
	g->sub_n = calloc(n, sizeof *g->sub_n);
	if (!g->targets || !g->own_num || !g->own_den || !g->own_has ||
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

/* The result at unit i: from the sums when i is internal, else from i's
 * own stored value (one primary-key lookup). 0, PH_EDB. */
static int result_at(struct db *db, const struct agg *g, int i, struct rollup_result *r)
{
	memset(r, 0, sizeof *r);
	int k = g->pt->inode[i];
	if (k >= 0) {
		r->num = g->sub_num[k];
		r->den = g->sub_den[k];
		r->reporting = g->sub_n[k];
		r->own = g->own_has[k];
		r->own_num = g->own_num[k];
		r->own_den = g->own_den[k];
	} else {
		double num = 0, den = 0;
		int has_den = 0;
		int rc = store_indicator_value_get(db, g->indicator, tree.ids[i], g->period, &num,
		                                   &den, &has_den);
		if (rc && rc != PH_ENOTFOUND)
			return rc;
		if (!rc) {
			r->own = 1;
			r->own_num = r->num = num;
			r->own_den = r->den = has_den ? den : 0;
			r->reporting = 1;
		}
	}
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
	for (size_t j = 0; j < g->ntargets; j++)
		if (g->targets[j].year == g->year && g->targets[j].level == tree.level[i] &&
		    tree.level[i] != NO_LEVEL) {
			r->has_target = 1;
			memcpy(r->op, g->targets[j].op, sizeof r->op);
			r->target = g->targets[j].value;
		}
	r->attain = rollup_attainment(r->has_value, r->value, r->has_target, r->op, r->target);
	return 0;
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
			rc = result_at(db, g, i, out);
	}
	pthread_mutex_unlock(&lock);
	return rc;
}

int rollup_children(struct db *db, struct arena *a, long long indicator, const char *period,
                    long long unit, long long **out, size_t *n)
{
	struct agg *g = NULL;
	*out = NULL;
	*n = 0;
	pthread_mutex_lock(&lock);
	int rc = agg_ensure(db, indicator, period, &g);
	int u = rc ? -1 : index_of(unit);
	if (!rc && u < 0)
		rc = PH_ENOTFOUND;
	int k = rc ? -1 : g->pt->inode[u];
	if (k >= 0) {
		const struct ptree *t = g->pt;
		size_t m = (size_t)(t->off[k + 1] - t->off[k]);
		*out = arena_alloc(a, m * sizeof **out);
		if (!*out)
			rc = PH_ENOMEM;
		for (size_t j = 0; *out && j < m; j++)
			(*out)[j] = tree.ids[t->kids[t->off[k] + j]];
		*n = *out ? m : 0;
	}
	pthread_mutex_unlock(&lock);
	return rc;
}

size_t rollup_bytes(size_t *naggs)
{
	size_t b = 0, na = 0;
	pthread_mutex_lock(&lock);
	b += tree.cap * (3 * sizeof(long long) + 11 + 1);
	if (tree.built)
		b += (tree.n + 1) * sizeof(int) + tree.hcap * (sizeof(long long) + 11 + sizeof(int));
	for (const struct ptree *t = ptrees; t; t = t->next)
		b += sizeof *t + (t->same ? 0 : tree.n * 3 * sizeof(int) +
		                  t->ninternal * sizeof(int) + sizeof(int));
	for (const struct agg *g = aggs; g; g = g->next, na++)
		b += sizeof *g + g->ntargets * sizeof *g->targets +
		     g->pt->ninternal * (4 * sizeof(double) + sizeof(int) + 1);
	pthread_mutex_unlock(&lock);
	if (naggs)
		*naggs = na;
	return b;
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
	int k = g->pt->inode[i];
	if (k >= 0) {
		g->own_num[k] = num;
		g->own_den[k] = den;
		g->own_has[k] = 1;
	}
	if (had)
		add_up(g, i, num - old_num, den - old_den, 0);
	else
		add_up(g, i, num, den, 1);
}

void rollup_units_changed(void)
{
	atomic_fetch_add(&units_gen, 1);
	/* Callers change the tree after their commit: answers cached under
	 * the commit's generation (web/cache.h) may hold the old roll-ups. */
	db_generation_bump();
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
	db_generation_bump(); /* as in rollup_units_changed */
}

void rollup_reset(void)
{
	pthread_mutex_lock(&lock);
	drop_all();
	pthread_mutex_unlock(&lock);
	db_generation_bump();
}

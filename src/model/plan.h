/* plan.h: reading plans for display: the list, one plan with its
 * sections, and the upcoming report deadlines of all plans. Plans are
 * written by the import (document.c). */
#ifndef PH_PLAN_H
#define PH_PLAN_H
#include <stddef.h>
#include "model/model.h"

struct db;

struct plan_section {
	long long id, parent_id;
	char *no, *title;
	int level, line;
};

struct plan_deadline {
	long long plan_id;
	char *plan_title;
	char *text;          /* the phrase as written */
	char *kind;          /* "6-month", "annual", ... */
	char *due;           /* ISO */
	char *to_text;       /* receiving agency as written, or NULL */
};

/* The most sections, report deadlines, targets, references, recipients,
 * signers or review items one answer about a plan shows of each (a 10 MiB
 * document can hold hundreds of thousands of review items); the answer
 * says when a list was cut. */
#define PLAN_LIST_MAX 1000

/* Newest first. */
int plan_list(struct db *db, struct arena *a, struct plan **out, size_t *n);
/* PH_ENOTFOUND. */
int plan_get(struct db *db, struct arena *a, long long id, struct plan *out);
/* In document order. */
int plan_sections(struct db *db, struct arena *a, long long plan_id,
                  struct plan_section **out, size_t *n);
/* Report deadlines due in [from, to] (ISO), soonest first, at most limit. */
int plan_deadlines_between(struct db *db, struct arena *a, const char *from,
                           const char *to, int limit,
                           struct plan_deadline **out, size_t *n);

#endif

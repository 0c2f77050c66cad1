/* store.h: the domain queries, one function per question or write. Every
 * SQL statement of the program outside the migrations is in store.c, in
 * SQL both SQLite and PostgreSQL accept. Writes are not transactions by
 * themselves: the model opens one transaction per use case around them.
 *
 * Reads fill records from model.h allocated in the caller's arena. All
 * functions return 0 or an enum ph_err code. */
#ifndef PH_STORE_H
#define PH_STORE_H
#include "model/model.h"

struct db;

/* ---- units registry ---- */
int store_units_count(struct db *db, long long *n);
/* Insert a unit; *id receives its id. Strings may be NULL where the column
 * allows it. */
int store_unit_insert(struct db *db, const char *key, long long parent_id,
                      const char *kind, const char *level, const char *name,
                      const char *short_name, const char *valid_from,
                      const char *valid_to, int proposed, long long *id);
int store_unit_set_successor(struct db *db, long long id, long long successor_id);
int store_unit_alias_insert(struct db *db, long long unit_id, const char *alias);
int store_abbrev_insert(struct db *db, const char *abbrev, const char *expansion);
/* Unit id by key; PH_ENOTFOUND when absent. */
int store_unit_by_key(struct db *db, const char *key, long long *id);
/* All units in id order. */
int store_units_all(struct db *db, struct arena *a, struct unit **out, size_t *n);
/* Call fn for every alias (unit_id, alias) and every abbreviation. */
int store_aliases_each(struct db *db, void *ctx,
                       int (*fn)(void *ctx, long long unit_id, const char *alias));
int store_abbrevs_each(struct db *db, void *ctx,
                       int (*fn)(void *ctx, const char *abbrev, const char *expansion));

/* ---- documents and what was extracted from them ---- */
/* Document id with that content hash; PH_ENOTFOUND when none. */
int store_document_by_hash(struct db *db, const char *hash, long long *id);
int store_document_insert(struct db *db, const char *type, const char *type_text,
                          const char *number, const char *symbol, const char *place,
                          const char *date, int year, const char *title,
                          const char *issuers, const char *source_name,
                          const char *hash, const char *text, long long *id);
int store_reference_insert(struct db *db, long long doc, int pos, const char *text,
                           const char *kind, const char *number, const char *date,
                           const char *issuer, int line);
int store_recipient_insert(struct db *db, long long doc, int pos, const char *text);
int store_signer_insert(struct db *db, long long doc, int pos, const char *name,
                        const char *title, const char *authority, const char *org);
int store_review_insert(struct db *db, long long doc, int pos, int line, const char *what);

/* ---- plans ---- */
int store_plan_insert(struct db *db, long long doc, const char *title,
                      const char *period_start, const char *period_end, long long *id);
int store_section_insert(struct db *db, long long plan, long long parent, int pos,
                         const char *no, const char *title, int level, int line,
                         long long *id);
int store_task_insert(struct db *db, long long plan, int pos, const char *no,
                      const char *section, const char *content, long long lead_unit,
                      const char *lead_text, const char *tf_text, const char *start,
                      const char *end, const char *tf_kind, int expected,
                      const char *notes, const char *source, int line, long long *id);
int store_coordinator_insert(struct db *db, long long task, int pos, long long unit,
                             const char *text, int group);
int store_deadline_insert(struct db *db, long long plan, int pos, const char *text,
                          const char *kind, const char *due, const char *to_text,
                          long long to_unit, int line);
int store_target_insert(struct db *db, long long plan, int pos, const char *text,
                        const char *op, double value, const char *unit, int year_from,
                        int year_to, int each_year, int line);

/* Plans newest first, with their task counts. */
int store_plans_list(struct db *db, struct arena *a, struct plan **out, size_t *n);
/* One plan by id; PH_ENOTFOUND when absent. */
int store_plan_get(struct db *db, struct arena *a, long long id, struct plan *out);
/* Tasks matching f, in plan then position order, with coordinators. */
int store_tasks_list(struct db *db, struct arena *a, const struct task_filter *f,
                     struct task **out, size_t *n);

/* Report deadlines, targets, references, recipients, signers, review items
 * of one plan, as rows of text columns for display (cols per row given). */
struct store_row { char *c[8]; };
int store_plan_rows(struct db *db, struct arena *a, long long plan_id,
                    const char *what, struct store_row **out, size_t *n);

#endif

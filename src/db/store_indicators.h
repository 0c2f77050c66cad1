/* store_indicators.h: the SQL of indicators, targets and values
 * (store_indicators.c). No transactions here; the model opens them. */
#ifndef PH_STORE_INDICATORS_H
#define PH_STORE_INDICATORS_H
#include <stddef.h>
#include "base/arena.h"
#include "model/indicator.h"

struct db;

int store_indicator_insert(struct db *db, const struct indicator *in, const char *created_at,
                           long long *id);
/* PH_ENOTFOUND when absent. */
int store_indicator_get(struct db *db, struct arena *a, long long id, struct indicator *out);
int store_indicator_by_code(struct db *db, const char *code, long long *id);
int store_indicators_list(struct db *db, struct arena *a, struct indicator **out, size_t *n);
int store_indicator_target_set(struct db *db, long long id, int year, const char *level,
                               const char *op, double value);
int store_indicator_targets(struct db *db, struct arena *a, long long id,
                            struct indicator_target **out, size_t *n);
/* The stored value: 0 with *num, *den, *has_den; PH_ENOTFOUND. */
int store_indicator_value_get(struct db *db, long long id, long long unit_id,
                              const char *period, double *num, double *den, int *has_den);
int store_indicator_value_put(struct db *db, long long id, long long unit_id,
                              const char *period, double num, const double *den,
                              const char *source, long long updated_by, const char *at);
int store_indicator_values(struct db *db, struct arena *a, long long id, const char *period,
                           struct indicator_value **out, size_t *n);
/* Call fn for every value of (id, period): unit id, numerator, denominator
 * (has_den 0 when NULL). fn returns non-zero to stop with that code. */
int store_indicator_values_each(struct db *db, long long id, const char *period,
                                int (*fn)(void *ctx, long long unit_id, double num,
                                          double den, int has_den),
                                void *ctx);
/* Every unit: id, parent id, successor id, valid_to, level, kind; fn as
 * above. Ordered by id. */
int store_indicator_units_each(struct db *db,
                               int (*fn)(void *ctx, long long id, long long parent,
                                         long long successor, const char *valid_to,
                                         const char *level, const char *kind),
                               void *ctx);

#endif

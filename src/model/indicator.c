/* indicator.c: indicator use cases (see indicator.h): periods, creating
 * indicators, targets, and writing values with per-row validation, all or
 * nothing, keeping the in-memory roll-ups (rollup.c) current. */
#include "model/indicator.h"
#include "model/access.h"
#include "model/audit.h"
#include "model/input.h"
#include "model/rollup.h"
#include "model/unit.h"
#include "model/user.h"
#include "import/agency.h"
#include "db/db.h"
#include "db/store.h"
#include "db/store_indicators.h"
#include "base/date.h"
#include "base/err.h"
#include "base/vnnum.h"
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int indicator_period_parse(const char *p, int *year, char end[static 11])
{
	int m = 12;
	if (!p || strlen(p) < 4 || !digits(p, 4))
		return PH_EINVAL;
	int y = atoi(p);
	if (y < 1900 || y > 2200)
		return PH_EINVAL;
	const char *r = p + 4;
	if (!*r)
		m = 12;
	else if (!strcmp(r, "-H1"))
		m = 6;
	else if (!strcmp(r, "-H2"))
		m = 12;
	else if (r[0] == '-' && r[1] == 'Q' && r[2] >= '1' && r[2] <= '4' && !r[3])
		m = (r[2] - '0') * 3;
	else if (r[0] == '-' && strlen(r) == 3 && digits(r + 1, 2) && atoi(r + 1) >= 1 &&
	         atoi(r + 1) <= 12)
		m = atoi(r + 1);
	else
		return PH_EINVAL;
	*year = y;
	date_iso((struct ph_date){y, m, date_days_in_month(y, m)}, end);
	return 0;
}

const char *indicator_period_label(struct arena *a, const char *period)
{
	static const char *const roman[] = {"I", "II", "III", "IV"};
	int year;
	char end[11];
	if (indicator_period_parse(period, &year, end))
		return period;
	const char *r = period + 4;
	if (!*r)
		return arena_printf(a, "Năm %d", year);
	if (r[1] == 'H')
		return arena_printf(a, "6 tháng %s năm %d", r[2] == '1' ? "đầu" : "cuối", year);
	if (r[1] == 'Q')
		return arena_printf(a, "Quý %s/%d", roman[r[2] - '1'], year);
	return arena_printf(a, "Tháng %d/%d", atoi(r + 1), year);
}

const char *indicator_type_label(const char *type)
{
	if (!type)
		return "";
	if (!strcmp(type, "count"))
		return "Số lượng";
	if (!strcmp(type, "sum"))
		return "Tổng";
	if (!strcmp(type, "rate"))
		return "Tỷ lệ";
	if (!strcmp(type, "bool"))
		return "Có/không";
	return type;
}

/* 1 when word is one of the comma-separated items of list. */
static int in_list(const char *list, const char *word)
{
	size_t n = word ? strlen(word) : 0;
	if (!list || !n)
		return 0;
	for (const char *p = list; *p;) {
		const char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		if (len == n && !strncmp(p, word, n))
			return 1;
		if (!c)
			break;
		p = c + 1;
	}
	return 0;
}

int indicator_reports(const struct indicator *ind, const char *level, const char *kind)
{
	return in_list(ind->levels, level) && (!ind->kinds || in_list(ind->kinds, kind));
}

static int valid_level(const char *l)
{
	static const char *const levels[] = {"central", "province", "district", "commune", "branch"};
	for (size_t i = 0; l && i < sizeof levels / sizeof *levels; i++)
		if (!strcmp(l, levels[i]))
			return 1;
	return 0;
}

static int valid_kind(const char *k)
{
	static const char *const kinds[] = {"committee", "department", "mass_org", "party",
	                                    "front", "other"};
	for (size_t i = 0; k && i < sizeof kinds / sizeof *kinds; i++)
		if (!strcmp(k, kinds[i]))
			return 1;
	return 0;
}

/* Every item of a comma-separated list passes ok (and there is one). */
static int list_ok(const char *list, int (*ok)(const char *))
{
	char buf[256];
	if (!list || !*list || strlen(list) >= sizeof buf)
		return 0;
	snprintf(buf, sizeof buf, "%s", list);
	for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
		if (!ok(t))
			return 0;
	return list[strlen(list) - 1] != ',' && list[0] != ',' && !strstr(list, ",,");
}

static int code_ok(const char *c)
{
	size_t n = c ? strlen(c) : 0;
	if (!n || n > 32)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((c[i] >= 'a' && c[i] <= 'z') || (c[i] >= 'A' && c[i] <= 'Z') ||
		      (c[i] >= '0' && c[i] <= '9') || c[i] == '.' || c[i] == '_' || c[i] == '-'))
			return 0;
	return 1;
}

static int finish(struct db *db, int rc)
{
	if (!rc)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

int indicator_add(struct db *db, const struct user *actor, const struct indicator *in,
                  long long *id, const char **why)
{
	int rc = db_begin(db);
	if (rc) {
		if (why)
			*why = NULL;
		return rc;
	}
	return finish(db, indicator_add_tx(db, actor, in, id, why));
}

int indicator_add_tx(struct db *db, const struct user *actor, const struct indicator *in,
                     long long *id, const char **why)
{
	char *name = NULL, *measure = NULL, at[21];
	struct indicator v = *in;
	const char *w = NULL;
	long long other = 0;
	/* It belongs to the unit named, else to its definer's unit: only
	 * those who follow that unit change it later. */
	long long owner = in->owner_unit_id > 0 ? in->owner_unit_id : actor ? actor->unit_id : 0;
	int rc = 0;
	if (in->owner_unit_id > 0) {
		struct arena a;
		struct unit u;
		arena_init(&a);
		rc = store_unit_get(db, &a, owner, &u);
		arena_cleanup(&a);
		if (rc == PH_ENOTFOUND) {
			rc = PH_EINVAL;
			w = "owner_unit_id: no such unit";
			goto out;
		}
	}
	if (!rc)
		rc = access_check(db, actor, ACT_INDICATOR_EDIT, owner);
	if (rc)
		goto out;
	rc = PH_EINVAL;
	if (!code_ok(in->code))
		w = "code: ASCII letters, digits, '.', '_' or '-', at most 32";
	else if (input_text(in->name, 500, INPUT_LINE, &name))
		w = "name: required, one line of valid text, at most 500 bytes";
	else if (input_optional(in->measure, 100, INPUT_LINE, &measure))
		w = "measure: one line of valid text, at most 100 bytes";
	else if (!in->type || (strcmp(in->type, "count") && strcmp(in->type, "sum") &&
	                       strcmp(in->type, "rate") && strcmp(in->type, "bool")))
		w = "type: count, sum, rate or bool";
	else if (!list_ok(in->levels, valid_level))
		w = "levels: comma-separated central, province, district, commune, branch";
	else if (in->kinds && *in->kinds && !list_ok(in->kinds, valid_kind))
		w = "kinds: comma-separated unit kinds";
	else if ((in->year_from && (in->year_from < 1900 || in->year_from > 2200)) ||
	         (in->year_to && (in->year_to < 1900 || in->year_to > 2200)) ||
	         (in->year_from && in->year_to && in->year_from > in->year_to))
		w = "year_from/year_to: years 1900-2200, in order";
	else
		rc = 0;
	if (rc)
		goto out;
	v.name = name;
	v.measure = measure;
	v.owner_unit_id = owner;
	v.kinds = in->kinds && *in->kinds ? in->kinds : NULL;
	v.aggregation = !strcmp(in->type, "rate") ? "ratio"
	              : !strcmp(in->type, "bool") ? "count_true" : "sum";
	if (store_indicator_by_code(db, in->code, &other) == 0) {
		rc = PH_EDUPLICATE;
		w = "code: already used";
		goto out;
	}
	audit_timestamp(time(NULL), at);
	rc = store_indicator_insert(db, &v, at, id);
	if (!rc)
		rc = audit_record_json(db, actor, "indicator.add", "indicator", *id, NULL,
		    json_pack("{s:s, s:s, s:s, s:s}", "code", v.code, "name", v.name,
		              "type", v.type, "levels", v.levels));
out:
	if (why)
		*why = w;
	free(name);
	free(measure);
	return rc;
}

int indicator_get(struct db *db, struct arena *a, long long id, struct indicator *out)
{
	return store_indicator_get(db, a, id, out);
}

int indicator_list(struct db *db, struct arena *a, struct indicator **out, size_t *n)
{
	return store_indicators_list(db, a, out, n);
}

int indicator_targets(struct db *db, struct arena *a, long long id,
                      struct indicator_target **out, size_t *n)
{
	return store_indicator_targets(db, a, id, out, n);
}

int indicator_set_target(struct db *db, const struct user *actor, long long id, int year,
                         const char *level, const char *op, double value, const char **why)
{
	int rc = db_begin(db);
	if (rc) {
		if (why)
			*why = NULL;
		return rc;
	}
	rc = finish(db, indicator_set_target_tx(db, actor, id, year, level, op, value, why));
	if (!rc)
		rollup_indicator_changed(id);
	return rc;
}

int indicator_set_target_tx(struct db *db, const struct user *actor, long long id, int year,
                            const char *level, const char *op, double value, const char **why)
{
	struct arena a;
	struct indicator ind;
	const char *w = NULL;
	arena_init(&a);
	int rc = store_indicator_get(db, &a, id, &ind);
	if (!rc)
		rc = access_check(db, actor, ACT_INDICATOR_EDIT, ind.owner_unit_id);
	if (rc)
		goto out;
	/* A unit sets the targets of its own level and those below, not the
	 * ones its betters are measured against. */
	if (actor->role != ROLE_ADMIN && ind.owner_level && valid_level(level) &&
	    unit_level_rank(level) < unit_level_rank(ind.owner_level)) {
		rc = PH_EFORBIDDEN;
		w = "level: above the level of the indicator's unit";
		goto out;
	}
	rc = PH_EINVAL;
	if (year < 1900 || year > 2200)
		w = "year: 1900-2200";
	else if (!valid_level(level))
		w = "level: central, province, district, commune or branch";
	else if (!op || (strcmp(op, ">=") && strcmp(op, ">") && strcmp(op, "=") && strcmp(op, "<=")))
		w = "op: >=, >, = or <=";
	else if (!isfinite(value) || value < 0)
		w = "value: a number, not negative";
	else if ((!strcmp(ind.type, "rate") || !strcmp(ind.type, "bool")) && value > 100)
		w = "value: a percentage, at most 100";
	else
		rc = 0;
	if (rc)
		goto out;
	rc = store_indicator_target_set(db, id, year, level, op, value);
	if (!rc)
		rc = audit_record_json(db, actor, "indicator.target", "indicator", id, NULL,
		    json_pack("{s:i, s:s, s:s, s:f}", "year", year, "level", level, "op", op,
		              "value", value));
out:
	if (why)
		*why = w;
	arena_cleanup(&a);
	return rc;
}

int indicator_values(struct db *db, struct arena *a, long long id, const char *period,
                     struct indicator_value **out, size_t *n)
{
	return store_indicator_values(db, a, id, period, out, n);
}

/* ---- writing values ---- */

struct checked {
	long long unit_id;
	const char *period;
	double num, den;
	int has_den;
	int row;              /* the row as the caller numbers it */
	int ok;               /* 1: the row passed check_row */
};

static void row_error(struct arena *a, struct indicator_row_error **errs, size_t *n,
                      size_t *cap, int row, const char *column, const char *code,
                      const char *message)
{
	struct indicator_row_error *e = ARENA_PUSH(a, *errs, *n, *cap);
	if (!e)
		return; /* the arena failed: indicator_write_values writes nothing */
	e->row = row;
	e->column = column;
	e->code = code;
	e->message = message;
}

/* A row's place in the duplicate check. */
struct slot {
	long long unit_id;
	const char *period;
	size_t i;             /* the row's index */
};

/* Order by unit, then period, then position. */
static int slot_cmp(const void *x, const void *y)
{
	const struct slot *a = x, *b = y;
	if (a->unit_id != b->unit_id)
		return a->unit_id < b->unit_id ? -1 : 1;
	int k = strcmp(a->period, b->period);
	if (k)
		return k;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* A second row for the same unit and period is an error, on the later row:
 * found by sorting (n log n; comparing every pair took minutes for a
 * national file). The errors stay in row order: those of check_row (in
 * order already) and these are merged. */
static int duplicates(struct arena *a, const struct checked *c, size_t n,
                      struct indicator_row_error **errs, size_t *nerrs, size_t *cap, int *bad)
{
	struct slot *sl = arena_alloc(a, (n ? n : 1) * sizeof *sl);
	char *dup = sl ? arena_alloc(a, n ? n : 1) : NULL;
	if (!dup)
		return PH_ENOMEM;
	size_t m = 0, ndup = 0;
	for (size_t i = 0; i < n; i++)
		if (c[i].ok && c[i].period)
			sl[m++] = (struct slot){c[i].unit_id, c[i].period, i};
	qsort(sl, m, sizeof *sl, slot_cmp);
	for (size_t k = 1; k < m; k++)
		if (sl[k].unit_id == sl[k - 1].unit_id && !strcmp(sl[k].period, sl[k - 1].period)) {
			dup[sl[k].i] = 1;
			ndup++;
		}
	if (!ndup)
		return 0;
	*bad = 1;
	size_t total = *nerrs + ndup, w = 0, e = 0;
	struct indicator_row_error *all = arena_alloc(a, total * sizeof *all);
	if (!all)
		return PH_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		while (e < *nerrs && (*errs)[e].row <= c[i].row)
			all[w++] = (*errs)[e++];
		if (dup[i])
			all[w++] = (struct indicator_row_error){c[i].row, "unit", "duplicate_row",
			                                        "Đơn vị và kỳ này đã có ở một dòng trước."};
	}
	while (e < *nerrs)
		all[w++] = (*errs)[e++];
	*errs = all;
	*nerrs = w;
	*cap = w;
	return 0;
}

/* Read the typed figure text (NULL: keep *v) into *v. Returns 1 with a
 * row error pushed (the reader's code and message, copied into a) when
 * the text is not a Vietnamese number. */
static int typed(struct arena *a, struct indicator_row_error **errs, size_t *n, size_t *cap,
                 int row, const char *column, const char *text, double *v)
{
	struct vn_refusal why;
	if (!text || !vn_read_number(text, v, &why))
		return 0;
	const char *m = arena_strdup(a, why.message);
	row_error(a, errs, n, cap, row, column, why.code, m ? m : "Giá trị không phải là số.");
	return 1;
}

/* Check one row against the indicator; 0 or an error pushed. Returns 1
 * when the only problem is permission. */
static int check_row(struct db *db, struct arena *a, const struct user *actor,
                     const struct indicator *ind, struct resolver **res,
                     const struct indicator_value_in *in, int row, struct checked *c,
                     struct indicator_row_error **errs, size_t *n, size_t *cap, int *bad)
{
	char level[16], kind[16];
	int year = 0, perm = 0, before = (int)*n;
	char end[11];
	long long uid = in->unit_id;
	int rate = !strcmp(ind->type, "rate"), isbool = !strcmp(ind->type, "bool");

	if (!uid && in->unit && *in->unit) {
		if (store_unit_by_key(db, in->unit, &uid)) {
			int rc = 0;
			if (!*res)
				*res = unit_resolver_db(db, &rc);
			if (!*res || unit_find(db, *res, in->unit, &uid))
				uid = 0;
		}
	}
	/* Only the unit's level and kind: a national file names 100,000 units,
	 * and a whole unit record per row would cost more than the file. */
	if (!uid || store_unit_class(db, uid, level, kind)) {
		row_error(a, errs, n, cap, row, "unit", "unknown_unit", "Không tìm thấy đơn vị.");
		uid = 0;
	} else if (!indicator_reports(ind, level[0] ? level : NULL, kind[0] ? kind : NULL)) {
		row_error(a, errs, n, cap, row, "unit", "unit_not_reporting",
		          "Đơn vị này không thuộc cấp báo cáo chỉ tiêu.");
	} else if (access_check(db, actor, ACT_VALUE_ENTER, uid)) {
		row_error(a, errs, n, cap, row, "unit", "forbidden",
		          "Bạn không có quyền nhập số liệu cho đơn vị này.");
		perm = 1;
	}
	if (indicator_period_parse(in->period, &year, end))
		row_error(a, errs, n, cap, row, "period", "bad_period",
		          "Kỳ báo cáo không hợp lệ (ví dụ: 2024, 2024-H1, 2024-Q3, 2024-09).");
	else if ((ind->year_from && year < ind->year_from) || (ind->year_to && year > ind->year_to))
		row_error(a, errs, n, cap, row, "period", "period_out_of_range",
		          "Kỳ báo cáo nằm ngoài các năm của chỉ tiêu.");
	double num = in->num, den = in->den;
	if (typed(a, errs, n, cap, row, "value", in->num_text, &num))
		num = NAN; /* refused above; no second error for it */
	else if (!isfinite(num))
		row_error(a, errs, n, cap, row, "value", VN_NUM_NOT, "Giá trị không phải là số.");
	else if (num < 0)
		row_error(a, errs, n, cap, row, "value", "negative", "Giá trị không được âm.");
	else if (isbool && num != 0 && num != 1)
		row_error(a, errs, n, cap, row, "value", "bad_bool", "Giá trị có/không phải là 0 hoặc 1.");
	else if (!strcmp(ind->type, "count") && num != floor(num))
		row_error(a, errs, n, cap, row, "value", "not_integer", "Số lượng phải là số nguyên.");
	if (rate) {
		if (!in->has_den)
			row_error(a, errs, n, cap, row, "denominator", "missing_denominator",
			          "Tỷ lệ cần có mẫu số.");
		else if (typed(a, errs, n, cap, row, "denominator", in->den_text, &den))
			; /* refused with the reader's reason */
		else if (!isfinite(den))
			row_error(a, errs, n, cap, row, "denominator", VN_NUM_NOT,
			          "Mẫu số không phải là số.");
		else if (den < 0)
			row_error(a, errs, n, cap, row, "denominator", "negative",
			          "Mẫu số không được âm.");
		else if (den == 0)
			row_error(a, errs, n, cap, row, "denominator", "zero_denominator",
			          "Mẫu số không được bằng 0.");
		else if (isfinite(num) && num > den)
			row_error(a, errs, n, cap, row, "value", "rate_over_100",
			          "Tử số lớn hơn mẫu số (tỷ lệ trên 100%).");
	} else if (in->has_den) {
		row_error(a, errs, n, cap, row, "denominator", "unexpected_denominator",
		          "Chỉ tiêu này không có mẫu số.");
	}
	if ((int)*n != before) {
		if (!perm || (int)*n - before > 1)
			*bad = 1;
		return 1;
	}
	c->unit_id = uid;
	c->period = in->period;
	c->num = num;
	c->has_den = rate;
	c->den = rate ? den : 0;
	return 0;
}

int indicator_check_value(struct db *db, struct arena *a, const struct user *actor,
                          const struct indicator *ind, long long unit_id, const char *period,
                          double num, const double *den, struct indicator_row_error *err)
{
	struct indicator_value_in in = {.unit_id = unit_id, .period = period, .num = num,
	                                .den = den ? *den : 0, .has_den = den != NULL, .row = 1};
	struct indicator_row_error *errs = NULL;
	struct resolver *res = NULL;
	struct checked c;
	size_t n = 0, cap = 0;
	int bad = 0;
	/* in.unit is NULL: check_row never resolves a name, so res stays NULL */
	int refused = check_row(db, a, actor, ind, &res, &in, 1, &c, &errs, &n, &cap, &bad);
	if (arena_failed(a))
		return PH_ENOMEM; /* a refusal may have been lost */
	if (!refused)
		return 0;
	if (err)
		*err = errs[0];
	return bad ? PH_EINVAL : PH_EFORBIDDEN;
}

int indicator_put_value_tx(struct db *db, const struct user *actor, long long id,
                           long long unit_id, const char *period, double num,
                           const double *den, const char *source, const char *at,
                           struct indicator_change *ch)
{
	int hd = 0;
	memset(ch, 0, sizeof *ch);
	ch->indicator_id = id;
	ch->unit_id = unit_id;
	ch->period = period;
	ch->num = num;
	ch->den = den ? *den : 0;
	int rc = store_indicator_value_get(db, id, unit_id, period, &ch->old_num, &ch->old_den,
	                                   &hd);
	if (rc && rc != PH_ENOTFOUND)
		return rc;
	ch->had = !rc;
	rc = store_indicator_value_put(db, id, unit_id, period, num, den, source,
	                               actor ? actor->id : 0, at);
	if (rc)
		return rc;
	json_t *before = ch->had ? json_pack("{s:f}", "value", ch->old_num) : NULL;
	if (before && hd)
		json_object_set_new(before, "denominator", json_real(ch->old_den));
	json_t *after = json_pack("{s:I, s:s, s:f, s:s}", "unit_id", (json_int_t)unit_id,
	                          "period", period, "value", num, "source", source);
	if (after && den)
		json_object_set_new(after, "denominator", json_real(*den));
	return audit_record_json_unit(db, actor, unit_id, "indicator.value", "indicator", id, before,
	                              after);
}

void indicator_apply_changes(const struct indicator_change *ch, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rollup_apply_locked(ch[i].indicator_id, ch[i].period, ch[i].unit_id, ch[i].had,
		                    ch[i].old_num, ch[i].old_den, ch[i].num, ch[i].den);
	/* The commit moved the data generation before the roll-ups changed:
	 * an answer made in between (web/cache.h) may hold the old sums. */
	db_generation_bump();
}

int indicator_write_values(struct db *db, struct arena *a, const struct user *actor,
                           long long id, const struct indicator_value_in *in, size_t n,
                           const char *source, int row_base,
                           struct indicator_row_error **errs, size_t *nerrs)
{
	struct indicator ind;
	struct resolver *res = NULL;
	struct checked *c = NULL;
	struct indicator_change *ch = NULL;
	size_t cap = 0;
	int bad = 0, locked = 0;
	char at[21];
	*errs = NULL;
	*nerrs = 0;
	int rc = store_indicator_get(db, a, id, &ind);
	if (rc)
		goto out;
	if (!source || (strcmp(source, "form") && strcmp(source, "api") && strcmp(source, "csv"))) {
		rc = PH_EINVAL;
		goto out;
	}
	c = arena_alloc(a, (n ? n : 1) * sizeof *c);
	if (!c) {
		rc = PH_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		c[i].row = in[i].row ? in[i].row : row_base + (int)i;
		c[i].ok = !check_row(db, a, actor, &ind, &res, &in[i], c[i].row, &c[i], errs, nerrs,
		                     &cap, &bad);
	}
	if ((rc = duplicates(a, c, n, errs, nerrs, &cap, &bad)))
		goto out;
	if (arena_failed(a)) { /* a refusal may be missing from errs: write nothing */
		rc = PH_ENOMEM;
		goto out;
	}
	if (*nerrs) {
		rc = bad ? PH_EINVAL : PH_EFORBIDDEN;
		goto out;
	}
	if (!n) {
		rc = PH_EINVAL;
		goto out;
	}
	ch = arena_alloc(a, n * sizeof *ch);
	if (!ch) {
		rc = PH_ENOMEM;
		goto out;
	}
	audit_timestamp(time(NULL), at);
	rollup_write_lock();
	locked = 1;
	if ((rc = db_begin(db)))
		goto out;
	for (size_t i = 0; !rc && i < n; i++)
		rc = indicator_put_value_tx(db, actor, id, c[i].unit_id, c[i].period, c[i].num,
		                            c[i].has_den ? &c[i].den : NULL, source, at, &ch[i]);
	rc = finish(db, rc);
	if (!rc)
		indicator_apply_changes(ch, n);
out:
	if (locked)
		rollup_write_unlock();
	if (res)
		resolver_free(res);
	return rc;
}

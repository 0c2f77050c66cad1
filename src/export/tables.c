/* tables.c: the table exports (tables.h, and export_plan_tasks of
 * export.h): each reads the model the way its page does and describes
 * its table through the one table writer (table.h). Long lists (tasks,
 * the audit log) are streamed row by row from the store (task_each,
 * audit_each), so an export of 100,000 tasks holds one task in memory at
 * a time besides the writer's buffers. */
#include "export/tables.h"
#include "export/export.h"
#include "export/table.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "model/access.h"
#include "model/audit.h"
#include "model/indicator.h"
#include "model/plan.h"
#include "model/report.h"
#include "model/rollup.h"
#include "model/task.h"
#include "model/unit.h"
#include "model/user.h"
#include <stdio.h>
#include <string.h>

/* Export's formats and separators, checked before anything is read. */
static int check(int format, char sep)
{
	if (format != EXPORT_CSV && format != EXPORT_XLSX)
		return PH_EINVAL;
	if (sep && sep != ',' && sep != ';')
		return PH_EINVAL;
	return 0;
}

const char *export_file_name(struct arena *a, const char *stem, int format)
{
	const char *ext = export_format_name(format);
	return ext ? arena_printf(a, "%s.%s", stem, ext) : NULL;
}

/* ---- tasks ---- */

static const struct table_column task_cols[] = {
	{"STT", TABLE_INTEGER, 6},
	{"TT", TABLE_TEXT, 7},
	{"Nội dung nhiệm vụ", TABLE_TEXT, 60},
	{"Kế hoạch", TABLE_TEXT, 30},
	{"Mục", TABLE_TEXT, 28},
	{"Cơ quan chủ trì", TABLE_TEXT, 28},
	{"Cơ quan phối hợp", TABLE_TEXT, 32},
	{"Thời gian thực hiện", TABLE_TEXT, 20},
	{"Ngày bắt đầu", TABLE_DATE, 12},
	{"Hạn hoàn thành", TABLE_DATE, 12},
	{"Trạng thái", TABLE_TEXT, 16},
	{"Quá hạn", TABLE_TEXT, 9},
	{"Ghi chú", TABLE_TEXT, 30},
};
#define TASK_COLS (sizeof task_cols / sizeof *task_cols)
/* The plan's own export leaves out the plan column (index 3). */
#define PLAN_COL 3

struct task_rows {
	struct table *t;
	int plan_column;      /* 1: write the plan's title */
	struct buf names;     /* scratch: the coordinators joined */
};

static int task_row(void *ctx, const struct task *k)
{
	struct task_rows *x = ctx;
	struct table *t = x->t;
	table_int(t, (long long)table_rows(t) + 1);
	table_text(t, k->no);
	table_text(t, k->content);
	if (x->plan_column)
		table_text(t, k->plan_title);
	table_text(t, k->section);
	table_text(t, k->lead_name ? k->lead_name : k->lead_text);
	buf_reset(&x->names);
	for (size_t i = 0; i < k->coords_len; i++) {
		const struct task_coord *c = &k->coords[i];
		if (i)
			buf_puts(&x->names, "; ");
		buf_puts(&x->names, c->unit_name ? c->unit_name : c->text ? c->text : "");
	}
	if (buf_error(&x->names))
		return buf_error(&x->names);
	table_text(t, buf_str(&x->names));
	table_text(t, k->timeframe_text);
	table_date(t, k->start);
	table_date(t, k->end);
	table_text(t, k->status ? task_status_label(k->status) : NULL);
	table_text(t, k->overdue ? "Quá hạn" : NULL);
	table_text(t, k->notes);
	return 0;
}

/* The tasks of q into a table of cols (n of them) named sheet. */
static int tasks_table(struct db *db, const struct task_query *q, const struct table_column *cols,
                       size_t n, int plan_column, const char *sheet, int format, char sep,
                       struct buf *out)
{
	int rc = check(format, sep);
	if (rc)
		return rc;
	struct task_rows x = {.plan_column = plan_column};
	buf_init(&x.names, 1u << 20);
	rc = table_new(format, sep, sheet, cols, n, out, &x.t);
	if (!rc)
		rc = task_each(db, q, TABLE_ROWS_MAX + 1LL, task_row, &x);
	if (!rc)
		rc = table_finish(x.t);
	else
		table_free(x.t);
	buf_cleanup(&x.names);
	return rc;
}

int export_tasks(struct db *db, const struct task_query *q, int format, char sep,
                 struct buf *out)
{
	return tasks_table(db, q, task_cols, TASK_COLS, 1, "Nhiệm vụ", format, sep, out);
}

int export_plan_tasks(struct db *db, struct arena *a, long long plan_id, int format,
                      char sep, struct buf *out)
{
	int rc = check(format, sep);
	if (rc)
		return rc;
	struct plan p;
	if ((rc = plan_get(db, a, plan_id, &p)))
		return rc;
	struct table_column cols[TASK_COLS - 1];
	for (size_t i = 0, k = 0; i < TASK_COLS; i++)
		if (i != PLAN_COL)
			cols[k++] = task_cols[i];
	struct task_query q;
	memset(&q, 0, sizeof q);
	q.f.plan_id = plan_id;
	q.f.today = date_today();
	q.sort = "plan";
	/* The sheet is named by the plan's number when it has one
	 * ("Số 12-KH/UBND" does not fit; the writer cuts at 31). */
	const char *sheet = p.number && *p.number ? arena_printf(a, "Nhiệm vụ KH %s", p.number)
	                                          : "Nhiệm vụ kế hoạch";
	if (!sheet)
		return PH_ENOMEM;
	return tasks_table(db, &q, cols, TASK_COLS - 1, 0, sheet, format, sep, out);
}

/* ---- compliance ---- */

int export_compliance(struct db *db, struct arena *a, long long schedule_id,
                      struct ph_date today, int format, char sep, struct buf *out)
{
	static const struct table_column cols[] = {
		{"STT", TABLE_INTEGER, 6},
		{"Đơn vị", TABLE_TEXT, 40},
		{"Tình hình", TABLE_TEXT, 26},
		{"Số ngày trễ", TABLE_INTEGER, 11},
		{"Thời điểm gửi lần đầu (UTC)", TABLE_DATETIME, 18},
		{"Phiên bản mới nhất", TABLE_INTEGER, 11},
		{"Trạng thái báo cáo", TABLE_TEXT, 18},
		{"Hạn gửi", TABLE_DATE, 12},
	};
	int rc = check(format, sep);
	if (rc)
		return rc;
	struct compliance c;
	if ((rc = compliance_list(db, a, schedule_id, today, &c)))
		return rc;
	struct table *t = NULL;
	if ((rc = table_new(format, sep, "Tình hình nộp báo cáo", cols,
	                    sizeof cols / sizeof *cols, out, &t)))
		return rc;
	for (size_t i = 0; i < c.n; i++) {
		const struct compliance_row *x = &c.rows[i];
		table_int(t, (long long)i + 1);
		table_text(t, x->unit.name);
		if (x->state == COMPLY_ON_TIME)
			table_text(t, "Đúng hạn");
		else if (x->state == COMPLY_LATE)
			table_text(t, "Trễ hạn");
		else
			table_text(t, x->days ? "Chưa nộp, quá hạn" : "Chưa nộp, chưa đến hạn");
		if (x->state == COMPLY_ON_TIME || !x->days)
			table_blank(t);
		else
			table_int(t, x->days);
		table_date(t, x->submitted_at);
		if (x->latest_version)
			table_int(t, x->latest_version);
		else
			table_blank(t);
		table_text(t, report_status_label(x->latest_status));
		table_date(t, c.schedule.due);
	}
	return table_finish(t);
}

/* ---- indicators ---- */

static int is_pct(const struct indicator *ind)
{
	return !strcmp(ind->type, "rate") || !strcmp(ind->type, "bool");
}

static const char *op_sign(const char *op)
{
	static const char *const signs[][2] = {{">=", "≥"}, {"<=", "≤"}, {">", ">"}, {"=", "="}};
	for (size_t i = 0; op && i < sizeof signs / sizeof *signs; i++)
		if (!strcmp(op, signs[i][0]))
			return signs[i][1];
	return op;
}

#define MAX_PERIODS 48

/* The periods of the indicator's years (or the two before period's year
 * to it), at most ten years, split like period; the last MAX_PERIODS. */
static int periods_of(struct arena *a, const struct indicator *ind, const char *period,
                      char ***out, size_t *n)
{
	int year = 0;
	char end[11];
	*n = 0;
	if (indicator_period_parse(period, &year, end))
		return PH_EINVAL;
	int from = ind->year_from ? ind->year_from : year - 2;
	int to = ind->year_to ? ind->year_to : year;
	if (year > to)
		to = year;
	if (from > to)
		from = to;
	if (to - from > 9)
		from = to - 9;
	size_t len = strlen(period);
	int per = len == 4 ? 1 : period[5] == 'H' ? 2 : period[5] == 'Q' ? 4 : 12;
	size_t total = (size_t)(to - from + 1) * (size_t)per, k = 0;
	size_t skip = total > MAX_PERIODS ? total - MAX_PERIODS : 0;
	char **p = arena_alloc(a, total * sizeof *p);
	if (!p)
		return PH_ENOMEM;
	for (int y = from; y <= to; y++)
		for (int i = 1; i <= per; i++) {
			if (skip) {
				skip--;
				continue;
			}
			p[k++] = per == 1 ? arena_printf(a, "%d", y)
			       : per == 2 ? arena_printf(a, "%d-H%d", y, i)
			       : per == 4 ? arena_printf(a, "%d-Q%d", y, i)
			                  : arena_printf(a, "%d-%02d", y, i);
		}
	if (arena_failed(a))
		return PH_ENOMEM;
	*out = p;
	*n = k;
	return 0;
}

int export_indicator(struct db *db, struct arena *a, long long id, const char *period,
                     long long unit_id, int format, char sep, struct buf *out)
{
	int rc = check(format, sep);
	if (rc)
		return rc;
	struct indicator ind;
	struct unit root;
	char **periods = NULL;
	size_t np = 0, nk = 0;
	long long *kids = NULL;
	if ((rc = indicator_get(db, a, id, &ind)) || (rc = unit_get(db, a, unit_id, &root)) ||
	    (rc = periods_of(a, &ind, period, &periods, &np)))
		return rc;
	if ((rc = rollup_children(db, a, id, period, unit_id, &kids, &nk)))
		return rc;
	int pct = is_pct(&ind);
	int rate = !strcmp(ind.type, "rate");
	const char *measure = pct ? "Giá trị (%)" : ind.measure && *ind.measure
	                          ? arena_printf(a, "Giá trị (%s)", ind.measure) : "Giá trị";
	const struct table_column cols[] = {
		{"Đơn vị", TABLE_TEXT, 36},
		{"Cấp", TABLE_TEXT, 12},
		{"Kỳ", TABLE_TEXT, 22},
		{"Mã kỳ", TABLE_TEXT, 9},
		{measure ? measure : "Giá trị", pct ? TABLE_PERCENT : TABLE_NUMBER, 14},
		{"Tử số", TABLE_NUMBER, 12},
		{"Mẫu số", TABLE_NUMBER, 12},
		{"Số đơn vị báo cáo", TABLE_INTEGER, 12},
		{"Số liệu tự báo cáo", TABLE_NUMBER, 14},
		{"Phép so sánh", TABLE_TEXT, 8},
		{"Chỉ tiêu kế hoạch", pct ? TABLE_PERCENT : TABLE_NUMBER, 14},
		{"Đánh giá", TABLE_TEXT, 16},
	};
	const char *sheet = arena_printf(a, "Chỉ tiêu %s", ind.code);
	struct table *t = NULL;
	if (!sheet)
		return PH_ENOMEM;
	if ((rc = table_new(format, sep, sheet, cols, sizeof cols / sizeof *cols, out, &t)))
		return rc;
	for (size_t u = 0; u <= nk && !rc; u++) {
		struct unit un;
		long long uid = u ? kids[u - 1] : unit_id;
		if (u && (rc = unit_get(db, a, uid, &un)))
			break;
		const struct unit *x = u ? &un : &root;
		for (size_t i = 0; i < np && !rc; i++) {
			struct rollup_result v;
			memset(&v, 0, sizeof v);
			rc = rollup_get(db, id, periods[i], uid, &v);
			if (rc == PH_ENOTFOUND) { /* not in that period's tree */
				memset(&v, 0, sizeof v);
				rc = 0;
			}
			if (rc)
				break;
			table_text(t, x->name);
			table_text(t, x->level ? unit_level_label(x->level) : NULL);
			table_text(t, indicator_period_label(a, periods[i]));
			table_text(t, periods[i]);
			if (v.has_value)
				table_num(t, v.value);
			else
				table_blank(t);
			if (rate && v.reporting) {
				table_num(t, v.num);
				table_num(t, v.den);
			} else {
				table_blank(t);
				table_blank(t);
			}
			table_int(t, v.reporting);
			if (v.own && rate && v.own_den > 0)
				table_num(t, 100.0 * v.own_num / v.own_den);
			else if (v.own && !strcmp(ind.type, "bool"))
				table_num(t, v.own_num ? 1 : 0);
			else if (v.own)
				table_num(t, v.own_num);
			else
				table_blank(t);
			table_text(t, v.has_target ? op_sign(v.op) : NULL);
			if (v.has_target)
				table_num(t, v.target);
			else
				table_blank(t);
			table_text(t, rollup_attain_label(v.attain));
		}
	}
	if (rc) {
		table_free(t);
		return rc;
	}
	return table_finish(t);
}

/* ---- the dashboard ---- */

int export_dashboard(struct db *db, struct arena *a, const char *period, long long unit_id,
                     int format, char sep, struct buf *out)
{
	int rc = check(format, sep);
	if (rc)
		return rc;
	int year;
	char end[11];
	if (!period || indicator_period_parse(period, &year, end))
		return PH_EINVAL;
	struct indicator *ind = NULL;
	struct unit u;
	size_t ni = 0, nr = 0;
	long long *rows = NULL;
	if ((rc = unit_get(db, a, unit_id, &u)) || (rc = indicator_list(db, a, &ind, &ni)))
		return rc;
	if (ni > (TABLE_COLUMNS_MAX - 2) / 2)
		return PH_ETOOBIG; /* 511 indicators: never cut silently */
	if (ni && (rc = rollup_children(db, a, ind[0].id, period, unit_id, &rows, &nr)) &&
	    rc != PH_EINVAL)
		return rc;
	if (!nr) {
		rows = &unit_id;
		nr = 1;
	}
	size_t nc = 2 + 2 * ni;
	struct table_column *cols = arena_alloc(a, nc * sizeof *cols);
	if (!cols)
		return PH_ENOMEM;
	cols[0] = (struct table_column){"Đơn vị", TABLE_TEXT, 36};
	cols[1] = (struct table_column){"Kỳ", TABLE_TEXT, 20};
	for (size_t j = 0; j < ni; j++) {
		int pct = is_pct(&ind[j]);
		cols[2 + 2 * j] = (struct table_column){
			pct ? arena_printf(a, "%s (%%)", ind[j].code)
			    : ind[j].measure && *ind[j].measure
			    ? arena_printf(a, "%s (%s)", ind[j].code, ind[j].measure) : ind[j].code,
			pct ? TABLE_PERCENT : TABLE_NUMBER, 14};
		cols[3 + 2 * j] = (struct table_column){arena_printf(a, "%s: đánh giá", ind[j].code),
		                                        TABLE_TEXT, 16};
	}
	const char *label = indicator_period_label(a, period);
	if (arena_failed(a))
		return PH_ENOMEM;
	struct table *t = NULL;
	if ((rc = table_new(format, sep, "Bảng điều khiển", cols, nc, out, &t)))
		return rc;
	for (size_t i = 0; i < nr && !rc; i++) {
		struct unit c;
		if ((rc = unit_get(db, a, rows[i], &c)))
			break;
		table_text(t, c.name);
		table_text(t, label);
		for (size_t j = 0; j < ni; j++) {
			struct rollup_result x;
			memset(&x, 0, sizeof x);
			if (rollup_get(db, ind[j].id, period, rows[i], &x))
				memset(&x, 0, sizeof x);
			if (x.has_value)
				table_num(t, x.value);
			else
				table_blank(t);
			table_text(t, rollup_attain_label(x.attain));
		}
	}
	if (rc) {
		table_free(t);
		return rc;
	}
	return table_finish(t);
}

/* ---- the audit log ---- */


static const char *entity_label(const char *entity)
{
	static const char *const labels[][2] = {
		{"task", "Nhiệm vụ"}, {"unit", "Đơn vị"}, {"user", "Người dùng"},
		{"plan", "Kế hoạch"}, {"report", "Báo cáo"}, {"schedule", "Lịch báo cáo"},
		{"indicator", "Chỉ tiêu"}, {"document", "Văn bản"}, {"feed", "Lịch iCalendar"},
	};
	for (size_t i = 0; entity && i < sizeof labels / sizeof labels[0]; i++)
		if (!strcmp(entity, labels[i][0]))
			return labels[i][1];
	return entity;
}

struct audit_rows {
	struct table *t;
	char other[128];      /* "Khác (x.y)" for an action without a label */
};

static int audit_row(void *ctx, const struct audit_entry *e)
{
	struct audit_rows *x = ctx;
	struct table *t = x->t;
	table_date(t, e->at);
	if (!e->user_id)
		table_text(t, "Dòng lệnh (quản trị hệ thống)");
	else
		table_text(t, e->user_name ? e->user_name : e->user_login);
	table_text(t, e->user_login);
	const char *label = audit_action_label(e->action);
	if (!label) {
		snprintf(x->other, sizeof x->other, "Khác (%s)", e->action ? e->action : "");
		label = x->other;
	}
	table_text(t, label);
	table_text(t, entity_label(e->entity));
	if (e->entity_id)
		table_int(t, e->entity_id);
	else
		table_blank(t);
	table_text(t, e->unit_name);
	table_text(t, e->before);
	table_text(t, e->after);
	return 0;
}

int export_audit(struct db *db, const struct user *actor, struct ph_date from,
                 struct ph_date to, int format, char sep, struct buf *out)
{
	static const struct table_column cols[] = {
		{"Thời gian (UTC)", TABLE_DATETIME, 17},
		{"Người thực hiện", TABLE_TEXT, 26},
		{"Tài khoản", TABLE_TEXT, 14},
		{"Hành động", TABLE_TEXT, 28},
		{"Đối tượng", TABLE_TEXT, 14},
		{"Mã đối tượng", TABLE_INTEGER, 10},
		{"Đơn vị liên quan", TABLE_TEXT, 30},
		{"Trước khi đổi", TABLE_TEXT, 40},
		{"Sau khi đổi", TABLE_TEXT, 40},
	};
	int rc = check(format, sep);
	if (rc)
		return rc;
	/* Access before the file is begun: a refusal writes nothing. */
	if ((rc = access_check(db, actor, ACT_AUDIT_READ, 0)))
		return rc;
	struct audit_rows x;
	memset(&x, 0, sizeof x);
	if ((rc = table_new(format, sep, "Nhật ký hệ thống", cols, sizeof cols / sizeof *cols, out,
	                    &x.t)))
		return rc;
	rc = audit_each(db, actor, from, to, TABLE_ROWS_MAX + 1LL, audit_row, &x);
	if (rc) {
		table_free(x.t);
		return rc;
	}
	return table_finish(x.t);
}

/* withdraw.c: withdrawing an import (withdraw.h). The facts are read
 * through store_withdraw.c; the rule of who may is here and in
 * docs/ACCESS.md; the deletion and its audit entry are one transaction,
 * in which everything is checked again, so that a note written between
 * the confirmation page and the button is not lost. */
#include "model/withdraw.h"
#include "model/access.h"
#include "model/audit.h"
#include "model/model.h"
#include "model/rollup.h"
#include "model/user.h"
#include "db/db.h"
#include "db/store.h"
#include "base/arena.h"
#include "base/err.h"
#include <jansson.h>
#include <string.h>

/* 1 when the after JSON of an "indicator.import" entry names plan_id. */
static int names_plan(const char *after, long long plan_id)
{
	if (!after)
		return 0;
	json_t *j = json_loads(after, 0, NULL);
	json_t *p = j ? json_object_get(j, "plan_id") : NULL;
	int yes = json_is_integer(p) && json_integer_value(p) == plan_id;
	json_decref(j);
	return yes;
}

/* Who may withdraw: an administrator (and the command line) any import;
 * a coordinator one made from a unit in its reach (its own unit's, or a
 * unit's below it), or one whose every lead unit is in its reach (it
 * could have imported it itself). Others: PH_EFORBIDDEN. */
static int may_withdraw(struct db *db, const struct user *actor, struct arena *a,
                        const struct withdraw_info *w)
{
	int rc = access_check(db, actor, ACT_IMPORT, 0);
	if (rc)
		return rc;
	if (actor->role >= ROLE_ADMIN || actor->system)
		return 0;
	if (w->import_unit_id > 0) {
		rc = access_check(db, actor, ACT_IMPORT, w->import_unit_id);
		if (rc != PH_EFORBIDDEN)
			return rc;
	}
	long long *leads = NULL;
	size_t n = 0;
	rc = store_withdraw_leads(db, a, w->plan_id, &leads, &n);
	if (rc)
		return rc;
	if (!n)
		return PH_EFORBIDDEN;
	for (size_t i = 0; i < n; i++)
		if ((rc = access_check(db, actor, ACT_IMPORT, leads[i])) != 0)
			return rc;
	return 0;
}

/* The facts of w->plan_id (set), without the access check. */
static int read_facts(struct db *db, struct arena *a, struct withdraw_info *w)
{
	struct plan p;
	int rc = store_plan_get(db, a, w->plan_id, &p);
	if (rc)
		return rc;
	w->document_id = p.document_id;
	w->title = p.title;
	w->number = p.number;
	struct document_brief b;
	rc = store_document_brief(db, a, p.document_id, &b);
	if (rc)
		return rc == PH_ENOTFOUND ? PH_EDB : rc;
	w->source_name = b.source_name;
	w->imported_at = b.imported_at;
	rc = store_withdraw_import_entry(db, w->plan_id, &w->import_user_id, &w->import_unit_id);
	if (rc && rc != PH_ENOTFOUND)
		return rc;
	rc = store_withdraw_counts(db, w->plan_id, w->document_id, &w->n);
	if (rc)
		return rc;

	struct store_withdraw_ind *ind = NULL;
	size_t nind = 0, cap = 0;
	rc = store_withdraw_imported_indicators(db, a, &ind, &nind);
	for (size_t i = 0; !rc && i < nind; i++) {
		if (!names_plan(ind[i].after, w->plan_id))
			continue;
		long long *e = ARENA_PUSH(a, w->indicators, w->indicators_len, cap);
		if (!e)
			return PH_ENOMEM;
		*e = ind[i].id;
		long long v = 0;
		rc = store_withdraw_indicator_values(db, ind[i].id, &v);
		w->indicator_values += v;
	}
	if (rc)
		return rc;

	long long *units = NULL;
	size_t nunits = 0;
	rc = store_withdraw_proposed(db, a, w->plan_id, &units, &nunits);
	for (size_t i = 0; !rc && i < nunits; i++) {
		int used = 1;
		rc = store_withdraw_unit_used(db, units[i], w->plan_id, &used);
		if (!rc && !used)
			units[w->units_len++] = units[i];
	}
	w->units = units;
	return rc ? rc : arena_failed(a) ? PH_ENOMEM : 0;
}

int withdraw_check(struct db *db, const struct user *actor, struct arena *a,
                   long long plan_id, struct withdraw_info *out)
{
	memset(out, 0, sizeof *out);
	out->plan_id = plan_id;
	if (!actor)
		return PH_EUNAUTH;
	int rc = read_facts(db, a, out);
	if (!rc)
		rc = may_withdraw(db, actor, a, out);
	return rc;
}

int withdraw_recorded(const struct withdraw_info *w)
{
	const struct store_withdraw_counts *n = &w->n;
	return n->changed_status || n->task_history || n->notes || n->files || n->reports ||
	       n->report_tasks || n->report_sections || w->indicator_values;
}

/* What was recorded, one per kind: its code, its Vietnamese words and
 * its count in w. */
struct kind {
	const char *code, *words;
	long long count;
};

static size_t recorded_kinds(const struct withdraw_info *w, struct kind out[8])
{
	const struct store_withdraw_counts *n = &w->n;
	const struct kind all[8] = {
		{"task_status", "nhiệm vụ đã đổi trạng thái", n->changed_status},
		{"task_history", "lần cập nhật nhiệm vụ trong nhật ký", n->task_history},
		{"notes", "ghi chú tiến độ", n->notes},
		{"files", "tệp đính kèm", n->files},
		{"reports", "báo cáo (kể cả bản nháp) theo lịch của kế hoạch", n->reports},
		{"report_tasks", "báo cáo có nêu nhiệm vụ của kế hoạch", n->report_tasks},
		{"report_sections", "báo cáo viết theo mục của kế hoạch", n->report_sections},
		{"indicator_values", "số liệu của chỉ tiêu tạo khi nhập", w->indicator_values},
	};
	size_t k = 0;
	for (size_t i = 0; i < 8; i++)
		if (all[i].count)
			out[k++] = all[i];
	return k;
}

const char *withdraw_reason_vi(struct arena *a, const struct withdraw_info *w)
{
	struct kind k[8];
	size_t n = recorded_kinds(w, k);
	if (!n)
		return NULL;
	const char *s = "Không thể rút lại việc nhập kế hoạch này vì đã có ghi nhận trên kế hoạch: ";
	for (size_t i = 0; s && i < n; i++)
		s = arena_printf(a, "%s%s%lld %s", s, i ? ", " : "", k[i].count, k[i].words);
	return s ? arena_printf(a, "%s. Những ghi nhận đó cần được giữ lại.", s) : NULL;
}

const char *withdraw_conflicts(struct arena *a, const struct withdraw_info *w)
{
	struct kind k[8];
	size_t n = recorded_kinds(w, k);
	const char *s = "";
	for (size_t i = 0; s && i < n; i++)
		s = arena_printf(a, "%s%s%s", s, i ? "," : "", k[i].code);
	return s;
}

static json_t *ids_json(const long long *ids, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < n; i++)
		if (json_array_append_new(arr, json_integer(ids[i]))) {
			json_decref(arr);
			return NULL;
		}
	return arr;
}

json_t *withdraw_json(const struct withdraw_info *w)
{
	const struct store_withdraw_counts *n = &w->n;
	return json_pack("{s:I, s:I, s:s?, s:s?, s:s?, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I,"
	                 " s:I, s:I, s:I, s:I, s:o?, s:o?}",
	                 "plan_id", (json_int_t)w->plan_id,
	                 "document_id", (json_int_t)w->document_id,
	                 "title", w->title, "number", w->number, "source", w->source_name,
	                 "tasks", (json_int_t)n->tasks, "sections", (json_int_t)n->sections,
	                 "coordinators", (json_int_t)n->coordinators,
	                 "deadlines", (json_int_t)n->deadlines, "targets", (json_int_t)n->targets,
	                 "references", (json_int_t)n->references,
	                 "recipients", (json_int_t)n->recipients,
	                 "signers", (json_int_t)n->signers,
	                 "review_items", (json_int_t)n->review_items,
	                 "schedules", (json_int_t)n->schedules,
	                 "schedule_units", (json_int_t)n->schedule_units,
	                 "notices", (json_int_t)n->notices,
	                 "indicators", ids_json(w->indicators, w->indicators_len),
	                 "proposed_units", ids_json(w->units, w->units_len));
}

int withdraw_plan(struct db *db, const struct user *actor, struct arena *a,
                  long long plan_id, struct withdraw_info *out)
{
	struct withdraw_info local;
	struct withdraw_info *w = out ? out : &local;
	/* Outside the transaction first: a refusal takes no write lock. */
	int rc = withdraw_check(db, actor, a, plan_id, w);
	if (rc)
		return rc;
	if (withdraw_recorded(w))
		return PH_ECONFLICT;
	rc = db_begin(db);
	if (rc)
		return rc;
	/* Again inside: whatever was written in between counts. */
	rc = withdraw_check(db, actor, a, plan_id, w);
	if (!rc && withdraw_recorded(w))
		rc = PH_ECONFLICT;
	json_t *before = NULL;
	if (!rc && !(before = withdraw_json(w)))
		rc = PH_ENOMEM;
	if (!rc)
		rc = store_withdraw_delete_plan(db, plan_id, w->document_id);
	for (size_t i = 0; !rc && i < w->indicators_len; i++)
		rc = store_withdraw_delete_indicator(db, w->indicators[i]);
	for (size_t i = 0; !rc && i < w->units_len; i++)
		rc = store_withdraw_delete_unit(db, w->units[i]);
	if (!rc) {
		rc = audit_record_json_unit(db, actor, w->import_unit_id, "document.withdraw", "plan",
		                            plan_id, before, NULL);
		before = NULL; /* taken */
	}
	json_decref(before);
	if (!rc)
		rc = db_commit(db);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	for (size_t i = 0; i < w->indicators_len; i++)
		rollup_indicator_changed(w->indicators[i]);
	if (w->units_len)
		rollup_units_changed();
	return 0;
}

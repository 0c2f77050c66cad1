/* withdraw.c: POST /api/v1/plans/{id}/withdraw: withdrawing an import
 * made by mistake (model/withdraw.h). 200 with what was removed; 409
 * "conflict" when something was recorded against the plan, naming it
 * ("recorded": {code: count}); 403, 404 as usual. */
#include "api/api.h"
#include "api/apiutil.h"
#include "base/err.h"
#include "model/withdraw.h"
#include "web/reply.h"

int api_plan_withdraw(struct req *r)
{
	struct withdraw_info w;
	int rc = withdraw_plan(r->db, r->user, r->a, r->id, &w);
	if (rc == PH_ECONFLICT) {
		const struct store_withdraw_counts *n = &w.n;
		json_t *rec = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
		                        "task_status", (json_int_t)n->changed_status,
		                        "task_history", (json_int_t)n->task_history,
		                        "notes", (json_int_t)n->notes, "files", (json_int_t)n->files,
		                        "reports", (json_int_t)n->reports,
		                        "report_tasks", (json_int_t)n->report_tasks,
		                        "report_sections", (json_int_t)n->report_sections,
		                        "indicator_values", (json_int_t)w.indicator_values);
		return apiutil_error(r, PH_ECONFLICT,
		                     arena_printf(r->a, "recorded against the plan: %s",
		                                  withdraw_conflicts(r->a, &w)),
		                     rec ? json_pack("{s:o, s:s?}", "recorded", rec, "reason_vi",
		                                     withdraw_reason_vi(r->a, &w))
		                         : NULL);
	}
	if (rc)
		return rc;
	json_t *o = withdraw_json(&w);
	if (!o)
		return PH_ENOMEM;
	return reply_json(r, 200, json_pack("{s:o}", "withdrawn", o));
}

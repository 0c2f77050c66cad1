/* api.h: the JSON API under /api/v1, one file per resource: session.c,
 * dashboard.c, plans.c, tasks.c (with notes, files, history), units.c,
 * imports.c, audit.c, openapi.c. Every route is in src/web/routes.c and
 * described in the OpenAPI document (openapi.c), which a test compares
 * with the table. */
#ifndef PH_API_H
#define PH_API_H
#include "web/req.h"

int api_session_create(struct req *r);
int api_session_delete(struct req *r);
int api_me(struct req *r);
int api_dashboard(struct req *r);
int api_plans(struct req *r);
int api_plan(struct req *r);
int api_document_file(struct req *r);
int api_plan_timeline(struct req *r);
int api_tasks(struct req *r);
int api_task(struct req *r);
int api_task_update(struct req *r);
int api_task_notes(struct req *r);
int api_task_note_add(struct req *r);
int api_task_files(struct req *r);
int api_task_file_add(struct req *r);
int api_task_history(struct req *r);
int api_file(struct req *r);
int api_units(struct req *r);
int api_unit_add(struct req *r);
int api_unit(struct req *r);
int api_unit_update(struct req *r);
int api_unit_alias(struct req *r);
int api_unit_merge(struct req *r);
int api_unit_accept(struct req *r);
int api_import_preview(struct req *r);
int api_import(struct req *r);
int api_audit(struct req *r);
int api_openapi(struct req *r);
/* schedules.c */
int api_schedules(struct req *r);
int api_schedule_add(struct req *r);
int api_schedule(struct req *r);
int api_plan_schedules(struct req *r);
/* withdraw.c: POST /api/v1/plans/{id}/withdraw (model/withdraw.h). */
int api_plan_withdraw(struct req *r);
/* reports.c */
int api_report(struct req *r);
int api_report_save(struct req *r);
int api_report_submit(struct req *r);
int api_report_review(struct req *r);
int api_compliance(struct req *r);
/* notices.c */
int api_notices(struct req *r);
/* indicators.c */
int api_indicators(struct req *r);
int api_indicator_add(struct req *r);
int api_indicator(struct req *r);
int api_indicator_target(struct req *r);
int api_indicator_values(struct req *r);
int api_indicator_rollup(struct req *r);
/* charts.c */
int api_dashboards(struct req *r);
/* feeds.c */
int api_unit_feed(struct req *r);
/* Table downloads (issue 11), ?format=xlsx|csv[&sep=semicolon]:
 * tasks.c, exports.c. */
int api_tasks_export(struct req *r);
int api_compliance_export(struct req *r);
int api_plan_export(struct req *r);
int api_indicator_export(struct req *r);
int api_dashboards_export(struct req *r);
int api_audit_export(struct req *r);
/* The OpenAPI 3 document of the API (a new jansson json_t; caller releases). */
struct json_t *openapi_document(void);

#endif

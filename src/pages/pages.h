/* pages.h: the web pages' handlers, one file per URL family:
 * login.c (/login, /logout), dashboard.c (/), plans.c (/plans...,
 * timeline), tasks.c (/tasks...), files (/files/{id}) in tasks.c,
 * units.c (/units...), import.c (/import...), audit.c (/audit),
 * assets.c (/assets/{name}). The route table is src/web/routes.c. */
#ifndef PH_PAGES_H
#define PH_PAGES_H
#include "web/req.h"

int page_login_form(struct req *r);
int page_login(struct req *r);
int page_logout(struct req *r);
int page_dashboard(struct req *r);
int page_plans(struct req *r);
int page_plan(struct req *r);
int page_document_file(struct req *r);
int page_timeline(struct req *r);
int page_tasks(struct req *r);
int page_task(struct req *r);
int page_task_status(struct req *r);
int page_task_note(struct req *r);
int page_task_file(struct req *r);
int page_file(struct req *r);
int page_units(struct req *r);
int page_unit_new(struct req *r);
int page_unit_add(struct req *r);
int page_unit(struct req *r);
int page_unit_rename(struct req *r);
int page_unit_validity(struct req *r);
int page_unit_alias(struct req *r);
int page_unit_merge(struct req *r);
int page_unit_accept(struct req *r);
int page_import_form(struct req *r);
int page_import_preview(struct req *r);
int page_import_confirm(struct req *r);
/* withdraw.c: withdrawing an import (/plans/{id}/withdraw); the plan
 * page's button to it, for those who may. */
int page_plan_withdraw_form(struct req *r);
int page_plan_withdraw(struct req *r);
void plans_withdraw_link(struct req *r, long long plan_id);
int page_audit(struct req *r);
int page_asset(struct req *r);
/* schedules.c: report schedules (/schedules..., /plans/{id}/schedules). */
int page_schedules(struct req *r);
int page_schedule_new(struct req *r);
int page_schedule_add(struct req *r);
int page_schedule(struct req *r);
int page_plan_schedules(struct req *r);
/* reports.c: a unit's report for a schedule, and completeness. */
int page_report(struct req *r);
int page_report_save(struct req *r);
int page_report_submit(struct req *r);
int page_report_review(struct req *r);
int page_compliance(struct req *r);
/* notices.c: in-app reminders. */
int page_notices(struct req *r);
int page_notice_read(struct req *r);
/* indicators.c: indicators, targets, values, roll-ups. */
int page_indicators(struct req *r);
int page_indicator_new(struct req *r);
int page_indicator_add(struct req *r);
int page_indicator(struct req *r);
int page_indicator_target(struct req *r);
int page_indicator_values(struct req *r);
/* charts.c: indicator dashboards with server-drawn SVG charts. */
int page_dashboards(struct req *r);
int page_indicator_chart(struct req *r);
/* feeds.c: a unit's calendar feed (/feeds/{name}, /units/{id}/feed). */
int page_feed(struct req *r);
int page_unit_feed(struct req *r);

/* plans.c, for timeline.c too: the page of a plan's tasks the request asks
 * for (?after= / ?before= a task id), PH_EINVAL with a Vietnamese reason
 * for a key that is not the plan's; and the "previous / next page" links
 * of that page, each href being base followed by "after=ID" or
 * "before=ID" (base ends in '?' or '&'), written only when the plan has
 * more than one page. */
struct task_page;
int plans_task_page(struct req *r, struct task_page *pg);
void plans_task_pager(struct req *r, const struct task_page *pg, long long total,
                      const char *base);

/* Table downloads (issue 11): the file of a page's table as .xlsx or
 * .csv (?format=, ?sep=semicolon), with the page's own parameters
 * (export/tables.h). tasks.c, reports.c, indicators.c, charts.c, audit.c. */
int page_tasks_export(struct req *r);
int page_compliance_export(struct req *r);
int page_plan_export(struct req *r);
int page_indicator_export(struct req *r);
int page_dashboards_export(struct req *r);
int page_audit_export(struct req *r);

#endif

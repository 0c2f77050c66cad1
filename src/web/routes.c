/* routes.c: the route table: every URL the server answers, with the
 * sign-in it needs and the access action checked before the handler.
 * "Where is /units/7/merge?" is answered here. Keep rows grouped by
 * family; the dispatcher scans in order. */
#include "web/route.h"
#include "model/access.h"
#include "pages/pages.h"
#include "api/api.h"

#define NONE (-1)

const struct route routes[] = {
	/* pages */
	{"GET",    "/login",                  R_PUBLIC, NONE, page_login_form},
	{"POST",   "/login",                  R_PUBLIC, NONE, page_login},
	{"POST",   "/logout",                 0, NONE,            page_logout},
	{"GET",    "/",                       0, ACT_READ,        page_dashboard},
	{"GET",    "/plans",                  0, ACT_READ,        page_plans},
	{"GET",    "/plans/{id}",             0, ACT_READ,        page_plan},
	{"GET",    "/plans/{id}/timeline",    0, ACT_READ,        page_timeline},
	{"GET",    "/tasks",                  0, ACT_READ,        page_tasks},
	{"GET",    "/tasks/{id}",             0, ACT_READ,        page_task},
	{"POST",   "/tasks/{id}/status",      0, NONE,            page_task_status},
	{"POST",   "/tasks/{id}/notes",       0, NONE,            page_task_note},
	{"POST",   "/tasks/{id}/files",       0, NONE,            page_task_file},
	{"GET",    "/files/{id}",             0, ACT_READ,        page_file},
	{"GET",    "/units",                  0, ACT_READ,        page_units},
	{"GET",    "/units/new",              0, NONE,            page_unit_new},
	{"POST",   "/units",                  0, NONE,            page_unit_add},
	{"GET",    "/units/{id}",             0, ACT_READ,        page_unit},
	{"POST",   "/units/{id}/rename",      0, NONE,            page_unit_rename},
	{"POST",   "/units/{id}/validity",    0, NONE,            page_unit_validity},
	{"POST",   "/units/{id}/aliases",     0, NONE,            page_unit_alias},
	{"POST",   "/units/{id}/merge",       0, NONE,            page_unit_merge},
	{"GET",    "/import",                 0, ACT_IMPORT,      page_import_form},
	{"POST",   "/import",                 0, ACT_IMPORT,      page_import_preview},
	{"POST",   "/import/confirm",         0, ACT_IMPORT,      page_import_confirm},
	{"GET",    "/audit",                  0, ACT_AUDIT_READ,  page_audit},
	{"GET",    "/schedules",              0, ACT_READ,        page_schedules},
	{"GET",    "/schedules/new",          0, NONE,            page_schedule_new},
	{"POST",   "/schedules",              0, NONE,            page_schedule_add},
	{"GET",    "/schedules/{id}",         0, ACT_READ,        page_schedule},
	{"POST",   "/plans/{id}/schedules",   0, NONE,            page_plan_schedules},
	{"POST",   "/units/{id}/feed",        0, NONE,            page_unit_feed},
	/* The calendar feed: the secret token in the name is the credential,
	 * so a calendar application can subscribe without signing in. */
	{"GET",    "/feeds/{name}",           R_PUBLIC, NONE,     page_feed},
	{"GET",    "/assets/{name}",          R_PUBLIC, NONE,     page_asset},

	/* JSON API */
	{"GET",    "/api/v1/openapi.json",        R_API | R_PUBLIC, NONE, api_openapi},
	{"POST",   "/api/v1/session",             R_API | R_PUBLIC, NONE, api_session_create},
	{"DELETE", "/api/v1/session",             R_API, NONE,            api_session_delete},
	{"GET",    "/api/v1/me",                  R_API, NONE,            api_me},
	{"GET",    "/api/v1/dashboard",           R_API, ACT_READ,        api_dashboard},
	{"GET",    "/api/v1/plans",               R_API, ACT_READ,        api_plans},
	{"GET",    "/api/v1/plans/{id}",          R_API, ACT_READ,        api_plan},
	{"GET",    "/api/v1/plans/{id}/timeline", R_API, ACT_READ,        api_plan_timeline},
	{"GET",    "/api/v1/tasks",               R_API, ACT_READ,        api_tasks},
	{"GET",    "/api/v1/tasks/{id}",          R_API, ACT_READ,        api_task},
	{"PATCH",  "/api/v1/tasks/{id}",          R_API, NONE,            api_task_update},
	{"GET",    "/api/v1/tasks/{id}/notes",    R_API, ACT_READ,        api_task_notes},
	{"POST",   "/api/v1/tasks/{id}/notes",    R_API, NONE,            api_task_note_add},
	{"GET",    "/api/v1/tasks/{id}/files",    R_API, ACT_READ,        api_task_files},
	{"POST",   "/api/v1/tasks/{id}/files",    R_API, NONE,            api_task_file_add},
	{"GET",    "/api/v1/tasks/{id}/history",  R_API, ACT_READ,        api_task_history},
	{"GET",    "/api/v1/files/{id}",          R_API, ACT_READ,        api_file},
	{"GET",    "/api/v1/units",               R_API, ACT_READ,        api_units},
	{"POST",   "/api/v1/units",               R_API, NONE,            api_unit_add},
	{"GET",    "/api/v1/units/{id}",          R_API, ACT_READ,        api_unit},
	{"PATCH",  "/api/v1/units/{id}",          R_API, NONE,            api_unit_update},
	{"POST",   "/api/v1/units/{id}/aliases",  R_API, NONE,            api_unit_alias},
	{"POST",   "/api/v1/units/{id}/merge",    R_API, NONE,            api_unit_merge},
	{"POST",   "/api/v1/imports/preview",     R_API, ACT_IMPORT,      api_import_preview},
	{"POST",   "/api/v1/imports",             R_API, ACT_IMPORT,      api_import},
	{"GET",    "/api/v1/audit",               R_API, ACT_AUDIT_READ,  api_audit},
	{"GET",    "/api/v1/schedules",           R_API, ACT_READ,        api_schedules},
	{"POST",   "/api/v1/schedules",           R_API, NONE,            api_schedule_add},
	{"GET",    "/api/v1/schedules/{id}",      R_API, ACT_READ,        api_schedule},
	{"POST",   "/api/v1/plans/{id}/schedules",R_API, NONE,            api_plan_schedules},
	{"POST",   "/api/v1/units/{id}/feed",     R_API, NONE,            api_unit_feed},
};

const size_t routes_len = sizeof routes / sizeof *routes;

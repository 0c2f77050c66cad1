/* exports.c: the API's table downloads (issue 11): GET
 * /api/v1/schedules/{id}/compliance/export, /api/v1/indicators/{id}/export,
 * /api/v1/dashboards/export and /api/v1/audit/export, each
 * ?format=xlsx|csv[&sep=semicolon], the same files as the pages' and the
 * command line's (export/tables.h) under the same access as the JSON
 * reads beside them. (/api/v1/tasks/export lives in tasks.c, beside the
 * list's filters.) */
#include "api/api.h"
#include "api/apiutil.h"
#include "base/date.h"
#include "base/err.h"
#include "export/tables.h"
#include "model/indicator.h"
#include "model/user.h"
#include "web/download.h"
#include <string.h>

/* ?period= (required when need, else this year by default). */
static int read_period(struct req *r, int need, const char **out)
{
	int year;
	char end[11];
	const char *p = req_query(r, "period");
	if ((!p || !*p) && !need)
		p = arena_printf(r->a, "%d", date_today().y);
	else if (!p || indicator_period_parse(p, &year, end)) {
		r->err_detail = "period: 2024, 2024-H1, 2024-Q3 or 2024-09";
		return PH_EBADREQ;
	}
	*out = p;
	return p ? 0 : PH_ENOMEM;
}

int api_compliance_export(struct req *r)
{
	int format = 0;
	char sep = ',';
	int rc = download_params(r, &format, &sep);
	if (!rc)
		rc = export_compliance(r->db, r->a, r->id, date_today(), format, sep, download_body(r));
	if (rc)
		return rc;
	return download_send(r, format, arena_printf(r->a, "tinh-hinh-nop-bao-cao-%lld", r->id));
}

int api_indicator_export(struct req *r)
{
	int format = 0;
	char sep = ',';
	const char *period = NULL;
	long long unit = 0;
	int rc = download_params(r, &format, &sep);
	if (!rc)
		rc = read_period(r, 1, &period);
	if (!rc)
		rc = apiutil_query_id(r, "unit", &unit);
	if (rc)
		return rc;
	if (!unit)
		unit = r->user->unit_id;
	if ((rc = export_indicator(r->db, r->a, r->id, period, unit, format, sep, download_body(r))))
		return rc;
	return download_send(r, format, arena_printf(r->a, "chi-tieu-%lld-%s", r->id, period));
}

int api_dashboards_export(struct req *r)
{
	int format = 0;
	char sep = ',';
	const char *period = NULL;
	long long unit = 0;
	int rc = download_params(r, &format, &sep);
	if (!rc)
		rc = read_period(r, 0, &period);
	if (!rc)
		rc = apiutil_query_id(r, "unit", &unit);
	if (rc)
		return rc;
	if (!unit)
		unit = r->user->unit_id;
	if ((rc = export_dashboard(r->db, r->a, period, unit, format, sep, download_body(r))))
		return rc;
	return download_send(r, format, arena_printf(r->a, "bang-dieu-khien-%s", period));
}

/* ?from= and ?to= as ISO days (either may be absent). */
static int read_day(struct req *r, const char *name, struct ph_date *d)
{
	const char *s = req_query(r, name);
	if (s && *s && date_parse_iso(s, d)) {
		r->err_detail = "from and to must be dates YYYY-MM-DD";
		return PH_EBADREQ;
	}
	return 0;
}

int api_audit_export(struct req *r)
{
	int format = 0;
	char sep = ',';
	struct ph_date from = {0, 0, 0}, to = {0, 0, 0};
	int rc = download_params(r, &format, &sep);
	if (!rc)
		rc = read_day(r, "from", &from);
	if (!rc)
		rc = read_day(r, "to", &to);
	if (rc)
		return rc;
	if (date_is_full(from) && date_is_full(to) && date_cmp(from, to) > 0) {
		r->err_detail = "from is after to";
		return PH_EINVAL;
	}
	if ((rc = export_audit(r->db, r->user, from, to, format, sep, download_body(r))))
		return rc;
	return download_send(r, format, "nhat-ky-thay-doi");
}

/* GET /api/v1/plans/{id}/export?format=docx|xlsx|csv */
int api_plan_export(struct req *r)
{
	return download_plan(r);
}

/* audit.c: GET /api/v1/audit: the audit log, newest first, filtered by
 * entity and entity id. The model checks ACT_AUDIT_READ again. */
#include "api/api.h"
#include "api/apiutil.h"
#include "api/json_out.h"
#include "base/err.h"
#include "model/audit.h"
#include "web/reply.h"
#include <string.h>

int api_audit(struct req *r)
{
	struct audit_filter f = {0};
	int rc = apiutil_page(r, &f.limit, &f.offset);
	if (!rc)
		rc = apiutil_query_id(r, "entity_id", &f.entity_id);
	if (rc)
		return rc;
	const char *entity = req_query(r, "entity");
	if (entity && *entity) {
		static const char *const known[] = {"task", "unit", "user", "plan", "document"};
		size_t i = 0;
		while (i < sizeof known / sizeof *known && strcmp(entity, known[i]))
			i++;
		if (i == sizeof known / sizeof *known) {
			r->err_detail = "entity must be task, unit, user, plan or document";
			return PH_EINVAL;
		}
		f.entity = entity;
	}
	struct audit_entry *e = NULL;
	size_t n = 0;
	long long total = 0;
	rc = audit_list(r->db, r->user, r->a, &f, &e, &n, &total);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_audit_entry(&e[i]));
	return reply_json(r, 200, apiutil_list(items, total, f.limit, f.offset));
}

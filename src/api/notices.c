/* notices.c: GET /api/v1/notices: the signed-in user's reminders, newest
 * first, paged like every list ({items, total, limit, offset}), ?unread=1
 * for the unread only. */
#include "api/api.h"
#include "api/apiutil.h"
#include "base/err.h"
#include "model/notice.h"
#include "model/user.h"
#include "web/reply.h"
#include <string.h>

static json_t *nstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* The JSON of a notice (see the Notice schema in openapi.c). */
static json_t *json_notice(const struct notice *n)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(n->id));
	json_object_set_new(o, "schedule_id", json_integer(n->schedule_id));
	json_object_set_new(o, "schedule_title", nstr(n->schedule_title));
	json_object_set_new(o, "due", nstr(n->due));
	json_object_set_new(o, "unit_id", json_integer(n->unit_id));
	json_object_set_new(o, "unit_name", nstr(n->unit_name));
	json_object_set_new(o, "kind", nstr(n->kind));
	json_object_set_new(o, "days_before", json_integer(n->days_before));
	json_object_set_new(o, "text", nstr(n->text));
	json_object_set_new(o, "created_at", nstr(n->created_at));
	json_object_set_new(o, "read_at", nstr(n->read_at));
	json_object_set_new(o, "read", json_boolean(n->read_at != NULL));
	return o;
}

int api_notices(struct req *r)
{
	int limit, offset;
	int rc = apiutil_page(r, &limit, &offset);
	const char *u = req_query(r, "unread");
	if (!rc && u && strcmp(u, "0") && strcmp(u, "1")) {
		r->err_detail = "unread must be 0 or 1";
		rc = PH_EBADREQ;
	}
	struct notice *n = NULL;
	size_t len = 0;
	long long total = 0;
	if (!rc)
		rc = notices_for_user(r->db, r->a, r->user->id, u && !strcmp(u, "1"), limit, offset,
		                      &n, &len, &total);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < len; i++)
		json_array_append_new(items, json_notice(&n[i]));
	return reply_json(r, 200, apiutil_list(items, total, limit, offset));
}

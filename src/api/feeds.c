/* feeds.c: POST /api/v1/units/{id}/feed: a new secret address for a
 * unit's calendar feed (the old one stops working). The model checks
 * ACT_FEED on the unit. */
#include "api/api.h"
#include "base/err.h"
#include "model/feed.h"
#include "web/reply.h"
#include <string.h>

int api_unit_feed(struct req *r)
{
	char token[65];
	int rc = feed_renew(r->db, r->user, r->id, token);
	if (rc)
		return rc;
	const char *proto = req_header(r, "X-Forwarded-Proto");
	int https = (r->cfg && r->cfg->secure_cookies) || (proto && strcmp(proto, "https") == 0);
	const char *base = feed_base_url(r->a, req_header(r, "Host"), https);
	const char *url = arena_printf(r->a, "%s/feeds/%s.ics", base ? base : "", token);
	req_add_header(r, "Cache-Control", "no-store");
	return reply_json(r, 201, json_pack("{s:s, s:s}", "url", url, "token", token));
}

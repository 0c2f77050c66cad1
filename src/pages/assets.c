/* assets.c: GET /assets/{name}: the stylesheet, script and icons compiled
 * into the binary from assets/. Cached by browsers for a day; the ETag
 * lets them revalidate cheaply after an upgrade. */
#include "pages/pages.h"
#include "base/assets.h"
#include "base/err.h"
#include "web/reply.h"
#include <stdio.h>
#include <string.h>

static const char *type_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (dot && !strcmp(dot, ".css"))
		return "text/css; charset=utf-8";
	if (dot && !strcmp(dot, ".js"))
		return "text/javascript; charset=utf-8";
	if (dot && !strcmp(dot, ".svg"))
		return "image/svg+xml";
	if (dot && !strcmp(dot, ".png"))
		return "image/png";
	return "application/octet-stream";
}

int page_asset(struct req *r)
{
	if (!r->name || strchr(r->name, '/') || r->name[0] == '.')
		return PH_ENOTFOUND;
	char path[128];
	snprintf(path, sizeof path, "assets/%s", r->name);
	const struct asset *a = asset_find(path);
	if (!a)
		return PH_ENOTFOUND;
	r->ctype_out = type_of(r->name);
	r->download = a->data;
	r->download_len = a->len;
	req_add_header(r, "Cache-Control", "public, max-age=86400");
	return 0;
}

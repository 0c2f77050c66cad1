/* route.c: the dispatcher. Matching, sign-in, CSRF and the route's access
 * action happen here, before any handler runs, for pages and API alike;
 * error answers are written here too, so every handler can simply return
 * the code the model gave it. */
#include "web/route.h"
#include "web/auth.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/reply.h"
#include "base/err.h"
#include "model/access.h"
#include "model/user.h"
#include <stdlib.h>
#include <string.h>

/* Match one pattern against path; fills the parameters on success. */
static int match(const char *pat, const char *path, struct req *r)
{
	long long ids[2] = {0, 0};
	int nids = 0;
	const char *name = NULL;
	size_t name_len = 0;
	while (*pat && *path) {
		if (*pat == '{') {
			const char *close = strchr(pat, '}');
			if (!close)
				return 0;
			const char *seg = path;
			while (*path && *path != '/')
				path++;
			size_t len = (size_t)(path - seg);
			if (!len)
				return 0;
			if (!strncmp(pat, "{name}", 6)) {
				name = seg;
				name_len = len;
			} else {
				if (len > 15 || nids >= 2)
					return 0;
				long long v = 0;
				for (size_t i = 0; i < len; i++) {
					if (seg[i] < '0' || seg[i] > '9')
						return 0;
					v = v * 10 + (seg[i] - '0');
				}
				ids[nids++] = v;
			}
			pat = close + 1;
			continue;
		}
		if (*pat != *path)
			return 0;
		pat++;
		path++;
	}
	if (*pat || *path)
		return 0;
	r->id = ids[0];
	r->id2 = ids[1];
	r->name = name ? arena_strndup(r->a, name, name_len) : NULL;
	return 1;
}

void route_error(struct req *r, int code, const char *detail)
{
	if (!detail)
		detail = r->err_detail;
	r->status = err_http(code);
	r->download = NULL;
	buf_reset(&r->out);
	if (r->api) {
		json_t *e = json_pack("{s:s, s:s}", "code", err_name(code),
		                      "message", err_message(code));
		if (e && detail)
			json_object_set_new(e, "detail", json_string(detail));
		int status = r->status;
		reply_json(r, status, json_pack("{s:o}", "error", e));
		return;
	}
	layout_begin(r, "Lỗi", NULL);
	H(r, "<section class=\"error\"><h1>");
	html_text(r, err_message(code));
	H(r, "</h1><p class=\"muted\">Mã lỗi: <code>");
	html_text(r, err_name(code));
	H(r, "</code> (HTTP ");
	html_int(r, err_http(code));
	H(r, ")</p>");
	if (r->err_reason_vi) {
		H(r, "<p class=\"reason\">");
		html_text(r, r->err_reason_vi);
		H(r, "</p>");
	}
	if (code == PH_EUNAUTH)
		H(r, "<p><a href=\"/login\">Đăng nhập</a></p>");
	else
		H(r, "<p><a href=\"/\">Về trang tổng quan</a></p>");
	H(r, "</section>");
	layout_end(r);
}

static void url_component(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			buf_putc(b, (char)*p);
		} else {
			char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			buf_append(b, e, 3);
		}
	}
}

/* "/login?next=..." carrying the page asked for, with its query, so that
 * a filtered list survives signing in. */
static const char *login_url(struct req *r)
{
	struct buf next, url;
	buf_init(&next, 4096);
	buf_init(&url, 16384);
	buf_puts(&next, r->path);
	for (size_t i = 0; i < r->query_len; i++) {
		buf_putc(&next, i ? '&' : '?');
		url_component(&next, r->query[i].name);
		buf_putc(&next, '=');
		url_component(&next, r->query[i].value);
	}
	buf_puts(&url, "/login?next=");
	url_component(&url, buf_str(&next));
	const char *out = arena_strdup(r->a, buf_str(&url));
	buf_cleanup(&next);
	buf_cleanup(&url);
	return out;
}

static int is_read(const char *m)
{
	return !strcmp(m, "GET") || !strcmp(m, "HEAD");
}

void route_dispatch(struct req *r)
{
	const struct route *hit = NULL;
	int path_matched = 0;
	const char *method = !strcmp(r->method, "HEAD") ? "GET" : r->method;
	for (size_t i = 0; i < routes_len && !hit; i++) {
		if (!match(routes[i].pattern, r->path, r))
			continue;
		path_matched = 1;
		if (!strcmp(routes[i].method, method))
			hit = &routes[i];
	}
	if (!hit) {
		route_error(r, path_matched ? PH_EMETHOD : PH_ENOTFOUND, NULL);
		return;
	}
	/* Parameters were overwritten by later candidate matches; redo. */
	match(hit->pattern, r->path, r);
	r->route = hit->pattern;

	int rc = auth_identify(r);
	if (rc) {
		route_error(r, rc, "cannot read the session");
		return;
	}
	if (!access_public((enum access_action)hit->act) && !r->user) {
		if (r->api || !is_read(r->method)) {
			route_error(r, PH_EUNAUTH, "sign in first");
		} else {
			reply_redirect(r, login_url(r));
		}
		return;
	}
	/* Requests signed in by cookie that change state need the CSRF token.
	 * The JSON API's public sign-in takes only JSON bodies, which a
	 * cross-site form cannot send. */
	if (!is_read(r->method) && !r->bearer && !(r->api && (hit->flags & R_PUBLIC)) &&
	    !auth_csrf_ok(r)) {
		route_error(r, PH_ECSRF, "missing or wrong CSRF token");
		return;
	}
	/* The route's action: the least role here, the unit in the model. */
	rc = access_route(r->user, (enum access_action)hit->act);
	if (rc) {
		if (rc == PH_EFORBIDDEN)
			r->err_reason_vi = access_refusal_vi((enum access_action)hit->act);
		route_error(r, rc, "the account's role may not do this");
		return;
	}
	rc = hit->fn(r);
	if (rc)
		route_error(r, rc, NULL);
}

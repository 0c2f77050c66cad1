/* route.c: the dispatcher. Matching, sign-in, CSRF and the route's access
 * action happen here, before any handler runs, for pages and API alike;
 * error answers are written here too, so every handler can simply return
 * the code the model gave it. */
#include "web/route.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/reply.h"
#include "base/err.h"
#include "model/access.h"
#include "model/user.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
	if (code == PH_EBUSY)
		req_add_header(r, "Retry-After", "2");
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

/* The row of the table that answers method and path (HEAD as GET), with
 * the parameters in r; NULL with *path_matched when only the method
 * differs. */
static const struct route *find_route(struct req *r, const char *method, const char *path,
                                      int *path_matched)
{
	const struct route *hit = NULL;
	*path_matched = 0;
	if (!strcmp(method, "HEAD"))
		method = "GET";
	for (size_t i = 0; i < routes_len && !hit; i++) {
		if (!match(routes[i].pattern, path, r))
			continue;
		*path_matched = 1;
		if (!strcmp(routes[i].method, method))
			hit = &routes[i];
	}
	/* Parameters were overwritten by later candidate matches; redo. */
	if (hit)
		match(hit->pattern, path, r);
	return hit;
}

/* 1 when a state-changing request comes from another site: a browser says
 * so in Sec-Fetch-Site, or sends an Origin that is not this server's.
 * Neither header (curl, old browsers) is not taken as cross-site: the CSRF
 * token still guards cookie sessions. */
static int cross_site(struct req *r)
{
	const char *site = req_header(r, "Sec-Fetch-Site");
	if (site && strcmp(site, "same-origin") && strcmp(site, "none"))
		return 1;
	const char *origin = req_header(r, "Origin");
	if (!origin)
		return 0;
	const char *host = req_header(r, "Host");
	if (!host || !*host)
		return 1;
	const char *proto = req_header(r, "X-Forwarded-Proto");
	int https = (r->cfg && r->cfg->secure_cookies) || (proto && !strcasecmp(proto, "https"));
	const char *scheme = https ? "https://" : "http://";
	size_t sl = strlen(scheme);
	return strncasecmp(origin, scheme, sl) || strcasecmp(origin + sl, host);
}

/* What kind of body the head announces: B_FORM, B_JSON or B_RAW. The
 * API reads forms only as multipart (a file); an urlencoded body sent to
 * an API route that takes raw bytes is taken raw (curl's default type). */
static int body_kind(const struct req *r, const struct route *hit)
{
	const char *ct = r->content_type ? r->content_type : "";
	int form = form_is_form_type(ct);
	if (form == FORM_URLENCODED && r->api && (hit->body & B_RAW))
		return B_RAW;
	if (form)
		return B_FORM;
	size_t n = strcspn(ct, "; ");
	if ((n == 16 && !strncasecmp(ct, "application/json", 16)) ||
	    (n > 17 && n < 80 && !strncasecmp(ct, "application/", 12) &&
	     !strncasecmp(ct + n - 5, "+json", 5)))
		return B_JSON;
	return B_RAW;
}

static size_t body_limit(const struct req *r, int body)
{
	if (body & B_UPLOAD)
		return r->cfg ? r->cfg->max_body : ROUTE_SMALL_MAX;
	return body & B_TEXT ? ROUTE_TEXT_MAX : ROUTE_SMALL_MAX;
}

int route_begin(struct req *r)
{
	int path_matched = 0;
	const struct route *hit = find_route(r, r->method, r->path, &path_matched);
	if (!hit) {
		route_error(r, path_matched ? PH_EMETHOD : PH_ENOTFOUND, NULL);
		return 1;
	}
	r->route = hit->pattern;
	r->route_row = hit;
	enum access_action act = (enum access_action)hit->act;

	int rc = auth_identify(r);
	if (rc) {
		route_error(r, rc, "cannot read the session");
		return 1;
	}
	if (!access_public(act) && !r->user) {
		if (r->api || !is_read(r->method) || r->has_body)
			route_error(r, PH_EUNAUTH, "sign in first");
		else
			reply_redirect(r, login_url(r));
		return 1;
	}
	/* A request a cookie could carry that changes state (sign-in too, or
	 * another site could sign the visitor into its own account). */
	if (!is_read(r->method) && !r->bearer && cross_site(r)) {
		r->err_reason_vi = "Yêu cầu đến từ một trang web khác nên không được thực hiện.";
		route_error(r, PH_ECSRF, "a cross-site request (Origin or Sec-Fetch-Site)");
		return 1;
	}
	/* The route's action: the least role here, the unit in the model. */
	rc = access_route(r->user, act);
	if (rc) {
		if (rc == PH_EFORBIDDEN)
			r->err_reason_vi = access_refusal_vi(act);
		route_error(r, rc, "the account's role may not do this");
		return 1;
	}
	r->body_max = body_limit(r, hit->body);
	if (!r->has_body)
		return 0;
	if (!hit->body) {
		route_error(r, PH_ETOOBIG, "this address takes no request body");
		return 1;
	}
	int kind = body_kind(r, hit);
	if (!(hit->body & kind)) {
		route_error(r, PH_EMEDIA, (hit->body & B_JSON) ? "send Content-Type: application/json"
		                                               : "this address does not take that type");
		return 1;
	}
	if (r->body_declared > r->body_max) {
		route_error(r, PH_ETOOBIG, arena_printf(r->a, "the body is over this address's limit"
		                                        " of %zu bytes", r->body_max));
		return 1;
	}
	r->body_form = kind == B_FORM;
	return 0;
}

void route_run(struct req *r)
{
	const struct route *hit = r->route_row;
	if (!hit) {
		route_error(r, PH_EINTERNAL, "no route was matched");
		return;
	}
	/* Requests signed in by cookie that change state need the CSRF token.
	 * The JSON API's public sign-in takes only application/json bodies,
	 * which a cross-site form cannot send without a preflight. */
	if (!is_read(r->method) && !r->bearer && !(r->api && access_public((enum access_action)hit->act)) &&
	    !auth_csrf_ok(r)) {
		route_error(r, PH_ECSRF, "missing or wrong CSRF token");
		return;
	}
	/* Reading the request ran out of its memory (a form field name, a
	 * path parameter): the handler would see holes, so it does not run. */
	if (arena_failed(r->a)) {
		route_error(r, PH_ETOOBIG, "the request needs more memory than one request may use");
		return;
	}
	int rc = hit->fn(r);
	if (rc)
		route_error(r, rc, NULL);
}

void route_dispatch(struct req *r)
{
	if (!route_begin(r))
		route_run(r);
}

const char *route_local_target(struct req *r, const char *next)
{
	if (!next || next[0] != '/')
		return "/";
	/* Browsers drop tabs and line breaks from URLs and read "\" as "/":
	 * "/\t/host" would leave the site. Only plain URL characters pass. */
	for (const unsigned char *p = (const unsigned char *)next; *p; p++)
		if (*p <= ' ' || *p >= 0x7F || *p == '\\' || *p == '"' || *p == '<' || *p == '>' ||
		    *p == '`' || *p == '{' || *p == '}' || *p == '|' || *p == '^')
			return "/";
	if (next[1] == '/')
		return "/";
	size_t plen = strcspn(next, "?#");
	char *path = arena_strndup(r->a, next, plen);
	if (!path)
		return "/";
	struct req probe = {.a = r->a};
	int path_matched = 0;
	const struct route *hit = find_route(&probe, "GET", path, &path_matched);
	if (!hit || access_public((enum access_action)hit->act))
		return "/";
	return next;
}

/* login.c: /login and /logout. The sign-in form carries a double-submit
 * token (a cookie and the same value in the form) because there is no
 * session yet to hold a CSRF token. */
#include "pages/pages.h"
#include "base/err.h"
#include "base/text.h"
#include "model/user.h"
#include "web/auth.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/route.h"
#include "web/reply.h"
#include <string.h>

/* A "next" target is followed only when the route table answers it
 * (route_local_target): "/\t/evil.example" or "/\\host" go to "/". */
static const char *local_next(struct req *r, const char *next)
{
	return route_local_target(r, next);
}

static void form(struct req *r, const char *login, const char *error, int status)
{
	r->status = status;
	auth_login_token(r);
	layout_begin(r, "Đăng nhập", NULL);
	H(r, "<section class=\"login card\"><h1>Đăng nhập</h1>");
	if (error)
		layout_notice(r, "error", error);
	html_form_post(r, "/login", "");
	H(r, "<input type=\"hidden\" name=\"next\" value=\"");
	html_attr(r, local_next(r, req_query(r, "next") ? req_query(r, "next") : req_form(r, "next")));
	H(r, "\"><p><label for=\"login\">Tên đăng nhập</label>"
	     "<input id=\"login\" name=\"login\" type=\"text\" autocomplete=\"username\" "
	     "autocapitalize=\"none\" required value=\"");
	/* Only a login as it could be typed is shown again: bytes that are
	 * not UTF-8 would make the page invalid. */
	html_attr(r, login && text_utf8_valid(login, strlen(login), NULL) ? login : "");
	H(r, "\"></p><p><label for=\"password\">Mật khẩu</label>"
	     "<input id=\"password\" name=\"password\" type=\"password\" "
	     "autocomplete=\"current-password\" required></p>"
	     "<p><button type=\"submit\">Đăng nhập</button></p></form></section>");
	layout_end(r);
}

int page_login_form(struct req *r)
{
	if (r->user)
		return reply_redirect(r, local_next(r, req_query(r, "next")));
	form(r, "", NULL, 200);
	return 0;
}

int page_login(struct req *r)
{
	const char *login = req_form(r, "login");
	char token[65], csrf[65];
	int rc = auth_sign_in(r, login, req_form(r, "password"), token, csrf);
	if (rc == PH_EUNAUTH || rc == PH_ERATE) {
		form(r, login, rc == PH_ERATE ? err_message(PH_ERATE)
		                              : "Tên đăng nhập hoặc mật khẩu không đúng.",
		     rc == PH_ERATE ? 429 : 401);
		return 0;
	}
	if (rc)
		return rc;
	auth_set_cookie(r, token);
	return reply_redirect(r, local_next(r, req_form(r, "next")));
}

int page_logout(struct req *r)
{
	const char *token = req_cookie(r, SESSION_COOKIE);
	/* Never say "signed out" while the session still works. */
	int rc = token ? session_delete(r->db, token) : 0;
	if (rc)
		return rc;
	auth_clear_cookie(r);
	return reply_redirect(r, "/login");
}

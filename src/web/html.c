/* html.c: the escapers and emitters behind html.h. Output failures (the
 * page cap, memory) are remembered by the buffer (buf_error, sticky) and
 * turn the whole answer into an error in the server; the writers
 * themselves return nothing. */
#include "web/html.h"
#include "base/vnnum.h"
#include <stdio.h>
#include <string.h>

void html_lit_(struct req *r, const char *literal)
{
	buf_puts(&r->out, literal);
}

static void escape(struct req *r, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (; *s; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(&r->out, run, (size_t)(s - run));
		buf_puts(&r->out, rep);
		run = s + 1;
	}
	buf_append(&r->out, run, (size_t)(s - run));
}

void html_text(struct req *r, const char *s) { escape(r, s); }
void html_attr(struct req *r, const char *s) { escape(r, s); }

void html_url(struct req *r, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	if (!s)
		return;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
			buf_putc(&r->out, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			buf_append(&r->out, e, 3);
		}
	}
}

void html_int(struct req *r, long long v)
{
	buf_printf(&r->out, "%lld", v);
}

void html_num(struct req *r, double v, int decimals, int comma)
{
	char s[VN_NUMBER_MAX];
	if (comma) { /* for people: 1.234.567,5 (base/vnnum.c) */
		vn_format_number(s, sizeof s, v, decimals);
		buf_puts(&r->out, s);
		return;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	snprintf(s, sizeof s, "%.*f", decimals, v);
	/* Drop trailing zeros of the fraction: 12.50 -> 12.5, 3.00 -> 3. */
	char *dot = strchr(s, '.');
	if (dot) {
		char *end = s + strlen(s) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
	if (!strcmp(s, "-0"))
		strcpy(s, "0");
	buf_puts(&r->out, s);
}

/* 1 when s is exactly YYYY-MM-DD in digits (not a real-date check: the
 * fast path of html_date only needs it to hold nothing to escape). */
static int iso_shaped(const char *s)
{
	for (int i = 0; i < 10; i++) {
		char c = s[i];
		if (i == 4 || i == 7 ? c != '-' : !(c >= '0' && c <= '9'))
			return 0;
	}
	return s[10] == 0;
}

void html_date(struct req *r, const char *iso)
{
	if (!iso)
		return;
	if (iso_shaped(iso)) {
		char d[11] = {iso[8], iso[9], '/', iso[5], iso[6], '/',
		              iso[0], iso[1], iso[2], iso[3], 0};
		buf_puts(&r->out, d);
		return;
	}
	escape(r, iso);
}

void html_form_post_(struct req *r, const char *action, const char *extra)
{
	H(r, "<form method=\"post\" action=\"");
	html_attr(r, action);
	H(r, "\"");
	if (extra && *extra) {
		H(r, " ");
		buf_puts(&r->out, extra); /* a literal, by the macro */
	}
	H(r, "><input type=\"hidden\" name=\"_csrf\" value=\"");
	html_attr(r, r->csrf);
	H(r, "\">");
}

/* html.h: the HTML writer. Only these functions put bytes into a page.
 * Text is escaped by default: html_text() for element content,
 * html_attr() for a quoted attribute value, html_url() for a URL query or
 * path component. Raw markup goes through H(), which accepts string
 * literals only (the "" s "" concatenation does not compile with a
 * variable), so no data can reach the page unescaped. Numbers, also in
 * SVG, go through the typed emitters. tools/lint.sh rejects any other call
 * of html_lit_().
 *
 * Every writer of text (html_text, html_attr, html_url, html_date, the
 * action of html_form_post) takes NULL and writes nothing for it, so a
 * page may pass what the request's arena returned (NULL when it refused
 * the memory): the arena is then failed and the server answers with the
 * memory error (413) instead of the page, so the hole is never seen. */
#ifndef PH_HTML_H
#define PH_HTML_H
#include "web/req.h"

void html_lit_(struct req *r, const char *literal);
#define H(r, s) html_lit_((r), "" s "")

/* Escape & < > " ' in s (NULL writes nothing, as for every text writer). */
void html_text(struct req *r, const char *s);
/* The same for an attribute value inside double quotes. */
void html_attr(struct req *r, const char *s);
/* Percent-encode s for a URL component (everything but A-Z a-z 0-9 - . _ ~). */
void html_url(struct req *r, const char *s);
/* Numbers: an integer as plain digits (ids, years, anything inside a URL
 * or an attribute that is read back by code); a real with at most
 * `decimals` places, trailing zeros dropped: when comma is 1 (text for
 * people, also SVG text and prefilled form fields) in Vietnamese notation,
 * "." grouping thousands and "," the decimal mark ("1.234.567,5", read
 * back by vn_read_number), when 0 (SVG coordinates) plain "1234567.5". */
void html_int(struct req *r, long long v);
void html_num(struct req *r, double v, int decimals, int comma);
/* An ISO date "2024-12-20" as "20/12/2024"; other text (anything not
 * exactly four, two and two digits between dashes) escaped as is. */
void html_date(struct req *r, const char *iso);

/* Open a POST form to action (escaped) with the CSRF hidden field; extra
 * is literal attributes such as "enctype=\"multipart/form-data\"". */
void html_form_post_(struct req *r, const char *action, const char *extra);
#define html_form_post(r, action, extra) html_form_post_((r), (action), "" extra "")

#endif

/* test_html.c: the HTML writer's escapers and emitters (web/html.h) and
 * the answer helpers that do not need a connection (web/reply.h): what
 * reaches a page from user or document text is always escaped, numbers
 * are formatted for people or for SVG, redirects stay on the site, and
 * download names survive Vietnamese letters. */
#include "test.h"
#include "web/html.h"
#include "web/reply.h"
#include <stdlib.h>
#include <string.h>

static struct arena arena;
static struct req r;

static void reset(void)
{
	buf_cleanup(&r.out);
	arena_cleanup(&arena);
	memset(&r, 0, sizeof r);
	arena_init(&arena);
	r.a = &arena;
	buf_init(&r.out, 1 << 20);
}

static const struct { const char *in, *text, *url; } esc[] = {
	{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;",
	 "%3Cscript%3Ealert%281%29%3C%2Fscript%3E"},
	{"\"x\" onmouseover='y'", "&quot;x&quot; onmouseover=&#39;y&#39;",
	 "%22x%22%20onmouseover%3D%27y%27"},
	{"Sở LĐ-TB&XH", "Sở LĐ-TB&amp;XH", "S%E1%BB%9F%20L%C4%90-TB%26XH"},
	{"a-b.c_d~e", "a-b.c_d~e", "a-b.c_d~e"},
	{"", "", ""},
};

static const struct { double v; int dec, comma; const char *want; } nums[] = {
	{12.5, 2, 1, "12,5"},
	{12.5, 2, 0, "12.5"},
	{3.0, 2, 1, "3"},
	{-0.0001, 2, 0, "0"},
	{85, 0, 1, "85"},
	{0.333333, 1, 0, "0.3"},
	{1234.5678, 3, 1, "1.234,568"},
	/* text groups thousands with "." (Vietnamese); SVG coordinates never */
	{0, 2, 1, "0"},
	{999, 0, 1, "999"},
	{1000, 0, 1, "1.000"},
	{2500, 2, 1, "2.500"},
	{-2500, 2, 1, "-2.500"},
	{-1234567.25, 2, 1, "-1.234.567,25"},
	{1234567.5, 2, 1, "1.234.567,5"},
	{1234567.5, 2, 0, "1234567.5"},
	{999.996, 2, 1, "1.000"},
	{999.996, 2, 0, "1000"},
	{0.125, 2, 1, "0,12"},
	{-0.0, 0, 1, "0"},
};

int main(void)
{
	arena_init(&arena);
	for (size_t i = 0; i < sizeof esc / sizeof *esc; i++) {
		reset();
		html_text(&r, esc[i].in);
		CHECK_STR(buf_str(&r.out), esc[i].text, esc[i].in);
		reset();
		html_attr(&r, esc[i].in);
		CHECK_STR(buf_str(&r.out), esc[i].text, esc[i].in);
		reset();
		html_url(&r, esc[i].in);
		CHECK_STR(buf_str(&r.out), esc[i].url, esc[i].in);
	}
	reset();
	html_text(&r, NULL);
	CHECK_STR(buf_str(&r.out), "", "NULL text writes nothing");

	for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
		reset();
		html_num(&r, nums[i].v, nums[i].dec, nums[i].comma);
		CHECK_STR(buf_str(&r.out), nums[i].want, "html_num");
	}
	reset();
	html_int(&r, -42);
	CHECK_STR(buf_str(&r.out), "-42", "html_int");
	reset();
	html_date(&r, "2024-12-20");
	CHECK_STR(buf_str(&r.out), "20/12/2024", "html_date ISO");
	reset();
	html_date(&r, "<b>");
	CHECK_STR(buf_str(&r.out), "&lt;b&gt;", "html_date escapes other text");
	/* Date-shaped but not digits: '-' at 4 and 7 is not enough for the
	 * raw fast path. */
	static const struct { const char *in, *want; } dates[] = {
		{"<svg-on-x>", "&lt;svg-on-x&gt;"},
		{"<a>-\"'-&;>", "&lt;a&gt;-&quot;&#39;-&amp;;&gt;"},
		{"2024-12-2<", "2024-12-2&lt;"},
		{"2024-1a-20", "2024-1a-20"},
		{"2024-12-20x", "2024-12-20x"},
		{"2024-12-20", "20/12/2024"},
		{"0000-00-00", "00/00/0000"},
	};
	for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
		reset();
		html_date(&r, dates[i].in);
		CHECK_STR(buf_str(&r.out), dates[i].want, dates[i].in);
	}

	/* The form helper always carries the CSRF token, escaped. */
	reset();
	strcpy(r.csrf, "abc\"def");
	html_form_post(&r, "/tasks/1/status?x=<y>", "class=\"inline\"");
	CHECK(strstr(buf_str(&r.out), "action=\"/tasks/1/status?x=&lt;y&gt;\"") != NULL,
	      "form action escaped: %s", buf_str(&r.out));
	CHECK(strstr(buf_str(&r.out), "name=\"_csrf\" value=\"abc&quot;def\"") != NULL,
	      "form carries the escaped CSRF token: %s", buf_str(&r.out));

	/* Redirects never leave the site. */
	static const struct { const char *to, *want; } redir[] = {
		{"/tasks?unit=3", "/tasks?unit=3"},
		{"//evil.example/", "/"},
		{"https://evil.example/", "/"},
		{"/\\evil.example", "/"},
		{NULL, "/"},
	};
	for (size_t i = 0; i < sizeof redir / sizeof *redir; i++) {
		reset();
		reply_redirect(&r, redir[i].to);
		CHECK_INT(r.status, 303, "redirect status");
		CHECK_STR(r.headers_len ? r.headers[0].value : NULL, redir[i].want,
		          redir[i].to ? redir[i].to : "(null)");
	}

	/* Download names: ASCII fallback plus the UTF-8 name, no quotes or
	 * header injection. */
	reset();
	reply_file(&r, "x", 1, "application/pdf", "Báo cáo \"quý\"\r\n3.pdf", 0);
	CHECK_STR(r.headers[0].name, "Content-Disposition", "disposition header");
	CHECK_STR(r.headers[0].value,
	          "attachment; filename=\"B_o_c_o__qu____3.pdf\"; "
	          "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%22qu%C3%BD%22%0D%0A3.pdf",
	          "disposition value");
	CHECK_STR(r.ctype_out, "application/pdf", "download type");

	reset();
	buf_cleanup(&r.out);
	arena_cleanup(&arena);
	TEST_END("html");
}

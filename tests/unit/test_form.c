/* test_form.c: request targets and form bodies as the server reads them
 * (src/web/form.c). A body gives the same fields however it is cut into
 * pieces; what cannot be read whole is refused, never half-read; memory
 * stays linear in the body. */
#include "test.h"
#include "web/form.h"
#include "base/err.h"
#include <stdlib.h>

/* Parse body (n bytes) fed in pieces of step bytes (0: all at once).
 * Returns the form_end code; fields in *p, *np (valid until cleanup). */
static int parse(struct form *f, struct arena *a, const char *ct, const char *body, size_t n,
                 size_t step, size_t max, struct req_param **p, size_t *np)
{
	int rc = form_begin(f, a, ct, max);
	for (size_t i = 0; !rc && i < n; i += step ? step : n)
		rc = form_feed(f, body + i, step && n - i > step ? step : n - i);
	int end = form_end(f, p, np);
	return rc ? rc : end;
}

/* The fields of body, joined as "name=value|" (files as name[file]=value). */
static char *joined(const char *ct, const char *body, size_t n, size_t step, int *rc)
{
	struct arena a;
	arena_init(&a);
	struct form f;
	struct req_param *p;
	size_t np = 0;
	*rc = parse(&f, &a, ct, body, n, step, 1 << 20, &p, &np);
	struct buf out;
	buf_init(&out, 1 << 22);
	for (size_t i = 0; !*rc && i < np; i++) {
		buf_puts(&out, p[i].name);
		if (p[i].filename)
			buf_printf(&out, "[%s]", p[i].filename);
		buf_putc(&out, '=');
		for (size_t k = 0; k < p[i].len; k++)
			buf_putc(&out, p[i].value[k] ? p[i].value[k] : '0');
		buf_putc(&out, '|');
	}
	form_cleanup(&f);
	arena_cleanup(&a);
	return buf_detach(&out);
}

/* Every way of cutting body into equal pieces gives what the whole does. */
static void same_in_pieces(const char *ct, const char *body, size_t n, const char *want,
                           const char *ctx)
{
	int rc;
	char *whole = joined(ct, body, n, 0, &rc);
	CHECK_INT(rc, 0, ctx);
	CHECK_STR(whole, want, ctx);
	int differ = 0;
	for (size_t step = 1; step <= n; step++) {
		char *cut = joined(ct, body, n, step, &rc);
		if (rc || strcmp(cut, whole))
			differ++;
		free(cut);
	}
	CHECK_INT(differ, 0, "pieces of every size read alike");
	free(whole);
}

static void urlencoded(void)
{
	const char *ct = "application/x-www-form-urlencoded";
	const char *b = "_csrf=ab12&q=ph%E1%BB%A5+n%E1%BB%AF&empty=&flag&pct=50%&bad=%zz%4&eq=a=b";
	same_in_pieces(ct, b, strlen(b),
	               "_csrf=ab12|q=phụ nữ|empty=|flag=|pct=50%|bad=%zz%4|eq=a=b|", "urlencoded");
	int rc;
	char *s = joined(ct, "a=1&&b=2&", 9, 0, &rc);
	CHECK_STR(s, "a=1|b=2|", "empty pairs are not fields");
	free(s);
	s = joined(ct, "a=%00", 5, 0, &rc);
	CHECK_INT(rc, PH_EBADREQ, "an encoded NUL is refused");
	free(s);
	s = joined(ct, "=x", 2, 0, &rc);
	CHECK_INT(rc, PH_EBADREQ, "a value without a name is refused");
	free(s);
	char big[FORM_MAX_NAME + 10];
	memset(big, 'n', sizeof big);
	s = joined(ct, big, sizeof big, 0, &rc);
	CHECK_INT(rc, PH_ETOOBIG, "a name over the limit is refused");
	free(s);
	/* More fields than a form may have. */
	struct buf many;
	buf_init(&many, 1 << 20);
	for (int i = 0; i <= FORM_MAX_FIELDS; i++)
		buf_printf(&many, "f%d=1&", i);
	s = joined(ct, many.data, many.len, 0, &rc);
	CHECK_INT(rc, PH_ETOOBIG, "too many fields are refused");
	free(s);
	buf_cleanup(&many);
	struct arena a;
	arena_init(&a);
	struct form f;
	CHECK_INT(form_begin(&f, &a, "text/plain", 100), PH_EMEDIA, "text/plain is no form");
	form_cleanup(&f);
	arena_cleanup(&a);
}

static const char mp_ct[] = "multipart/form-data; charset=utf-8; boundary=\"----X1\"";

static void multipart(void)
{
	/* A preamble, a plain field with a line break, a file with NUL bytes
	 * and a partial delimiter inside, a quoted name, filename*. */
	static const char b[] =
		"preamble\r\n"
		"------X1\r\n"
		"Content-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
		"tok\r\n"
		"------X1  \r\n"
		"Content-Disposition: form-data; name=\"note\"\r\n"
		"Content-Type: text/plain\r\n\r\n"
		"hai\r\ndòng\r\n"
		"------X1\r\n"
		"content-disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".txt\"\r\n\r\n"
		"x\0y\r\n----X\r\n------X2\r\n"
		"------X1\r\n"
		"Content-Disposition: form-data; name=\"f2\"; filename=\"x\"; filename*=UTF-8''t%E1%BB%87p.txt\r\n\r\n"
		"\r\n"
		"------X1--\r\nepilogue";
	same_in_pieces(mp_ct, b, sizeof b - 1,
	               "_csrf=tok|note=hai\r\ndòng|file[a \"b\".txt]=x0y\r\n----X\r\n------X2|"
	               "f2[tệp.txt]=|",
	               "multipart");
	int rc;
	char *s = joined(mp_ct, b, sizeof b - 1 - 20, 0, &rc);
	CHECK_INT(rc, PH_EBADREQ, "a body cut before its closing boundary is refused");
	free(s);
	static const char nul[] = "------X1\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	                          "x\0y\r\n------X1--";
	s = joined(mp_ct, nul, sizeof nul - 1, 0, &rc);
	CHECK_INT(rc, PH_EBADREQ, "a NUL in a plain field is refused");
	free(s);
	static const char noname[] = "------X1\r\nContent-Disposition: form-data\r\n\r\nx\r\n------X1--";
	s = joined(mp_ct, noname, sizeof noname - 1, 0, &rc);
	CHECK_INT(rc, PH_EBADREQ, "a part without a name is refused");
	free(s);
	static const char att[] = "------X1\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n------X1--";
	s = joined(mp_ct, att, sizeof att - 1, 0, &rc);
	CHECK_INT(rc, PH_EBADREQ, "a part that is not form-data is refused");
	free(s);
	struct buf head;
	buf_init(&head, 1 << 20);
	buf_puts(&head, "------X1\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: ");
	for (int i = 0; i < FORM_MAX_PART_HEAD; i++)
		buf_putc(&head, 'p');
	buf_puts(&head, "\r\n\r\nx\r\n------X1--");
	s = joined(mp_ct, head.data, head.len, 0, &rc);
	CHECK_INT(rc, PH_ETOOBIG, "part headers over the limit are refused");
	free(s);
	buf_cleanup(&head);
	struct arena a;
	arena_init(&a);
	struct form f;
	CHECK_INT(form_begin(&f, &a, "multipart/form-data", 100), PH_EBADREQ, "no boundary");
	form_cleanup(&f);
	arena_cleanup(&a);
}

/* A 4 MiB file fed in 100-byte pieces: the field's buffer is at most twice
 * the file, the arena holds only names, and a body over the limit is
 * refused. */
static void linear(void)
{
	size_t n = 4u << 20;
	struct buf b;
	buf_init(&b, n + 4096);
	buf_puts(&b, "------X1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n\r\n");
	for (size_t i = 0; i < n; i++)
		buf_putc(&b, (char)('a' + i % 26));
	buf_puts(&b, "\r\n------X1--\r\n");
	struct arena a;
	arena_init(&a);
	struct form f;
	struct req_param *p;
	size_t np;
	int rc = parse(&f, &a, mp_ct, b.data, b.len, 100, n + 4096, &p, &np);
	CHECK_INT(rc, 0, "a 4 MiB file reads");
	CHECK(np == 1 && p[0].len == n, "the whole file (%zu bytes)", np ? p[0].len : 0);
	CHECK(f.fields[0].value.cap <= 2 * n + 64, "the buffer grows by doubling (%zu)",
	      f.fields[0].value.cap);
	CHECK(a.total < 256 * 1024, "the arena holds only the small parts (%zu)", a.total);
	form_cleanup(&f);
	arena_cleanup(&a);
	arena_init(&a);
	rc = parse(&f, &a, mp_ct, b.data, b.len, 4096, n / 2, &p, &np);
	CHECK_INT(rc, PH_ETOOBIG, "a file over the body's limit is refused");
	form_cleanup(&f);
	arena_cleanup(&a);
	buf_cleanup(&b);
}

static void target(void)
{
	struct arena a;
	arena_init(&a);
	char *path;
	struct req_param *q;
	size_t nq;
	const char *why;
	CHECK_INT(form_target(&a, "/tasks/%31?q=ph%E1%BB%A5+n%E1%BB%AF&page=2&x&=y", &path, &q, &nq, &why),
	          0, "a target");
	CHECK_STR(path, "/tasks/1", "decoded path");
	CHECK_INT(nq, 4, "parameters");
	if (nq == 4) {
		CHECK_STR(q[0].value, "phụ nữ", "decoded value");
		CHECK_STR(q[1].name, "page", "second name");
		CHECK_STR(q[2].value, "", "a name without a value");
		CHECK_STR(q[3].name, "", "an empty name is kept for the handler to ignore");
	}
	CHECK_INT(form_target(&a, "/login%00.html", &path, &q, &nq, &why), PH_EBADREQ, "%00 in a path");
	CHECK_INT(form_target(&a, "/a%0Ab", &path, &q, &nq, &why), PH_EBADREQ, "LF in a path");
	CHECK_INT(form_target(&a, "/a b", &path, &q, &nq, &why), PH_EBADREQ, "a raw space");
	CHECK_INT(form_target(&a, "/a?x=%00", &path, &q, &nq, &why), PH_EBADREQ, "%00 in a query");
	CHECK_INT(form_target(&a, "*", &path, &q, &nq, &why), PH_EBADREQ, "not a path");
	CHECK_INT(form_target(&a, "http://example.org/plans?x=1", &path, &q, &nq, &why), 0, "absolute form");
	CHECK_STR(path, "/plans", "absolute form keeps its path");
	CHECK_INT(form_target(&a, "/a?next=%2F%09%2Fevil", &path, &q, &nq, &why), 0,
	          "a tab in a query value is the handler's to judge");
	struct buf many;
	buf_init(&many, 1 << 20);
	buf_puts(&many, "/x?");
	for (int i = 0; i <= FORM_MAX_FIELDS; i++)
		buf_printf(&many, "p%d=1&", i);
	CHECK_INT(form_target(&a, many.data, &path, &q, &nq, &why), PH_ETOOBIG, "too many parameters");
	buf_cleanup(&many);
	arena_cleanup(&a);
}

int main(void)
{
	urlencoded();
	multipart();
	linear();
	target();
	TEST_END("test_form");
}

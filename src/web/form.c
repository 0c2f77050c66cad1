/* form.c: request targets and form bodies (see form.h). The body readers
 * are state machines fed with the pieces the server receives: the
 * urlencoded one decodes as it goes; the multipart one keeps a small
 * window of bytes that may still be the start of a delimiter or of a
 * part's header line, and hands everything else to the field at once. */
#include "web/form.h"
#include "base/err.h"
#include <string.h>
#include <strings.h>

/* Multipart states. */
enum { M_PREAMBLE = 0, M_AFTER_DELIM, M_PADDING, M_HEAD, M_BODY, M_END };

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* ---- the request target ---- */

/* Percent-decode s[0..n) into out (room for n + 1); '+' is a space when
 * plus is 1. Returns the decoded length; *nul is set when a byte decoded
 * to NUL. */
static size_t decode(const char *s, size_t n, int plus, char *out, int *nul)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int h, l;
		if (c == '%' && i + 2 < n && (h = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (l = hexval((unsigned char)s[i + 2])) >= 0) {
			c = (unsigned char)(h * 16 + l);
			i += 2;
			if (c == 0)
				*nul = 1;
		} else if (c == '+' && plus) {
			c = ' ';
		}
		out[w++] = (char)c;
	}
	out[w] = 0;
	return w;
}

int form_target(struct arena *a, const char *raw, char **path, struct req_param **params,
                size_t *nparams, const char **why)
{
	*path = NULL;
	*params = NULL;
	*nparams = 0;
	*why = NULL;
	if (!raw)
		goto bad;
	/* An absolute-form target keeps only its path. */
	if (!strncasecmp(raw, "http://", 7) || !strncasecmp(raw, "https://", 8)) {
		const char *p = strstr(raw, "://") + 3;
		p += strcspn(p, "/?");
		raw = *p == '/' ? p : "/";
	}
	if (raw[0] != '/')
		goto bad;
	for (const unsigned char *p = (const unsigned char *)raw; *p; p++)
		if (*p <= ' ' || *p == 0x7F) {
			*why = "the request target holds a space or a control character";
			return PH_EBADREQ;
		}
	size_t plen = strcspn(raw, "?");
	char *out = arena_alloc(a, plen + 1);
	if (!out)
		return PH_ENOMEM;
	int nul = 0;
	size_t n = decode(raw, plen, 0, out, &nul);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7F || nul) {
			*why = "the path holds an encoded NUL or control character";
			return PH_EBADREQ;
		}
	*path = out;
	if (raw[plen] != '?')
		return 0;
	size_t cap = 0;
	for (const char *q = raw + plen + 1; *q;) {
		size_t len = strcspn(q, "&");
		const char *eq = memchr(q, '=', len);
		size_t nl = eq ? (size_t)(eq - q) : len;
		if (len) {
			if (*nparams >= FORM_MAX_FIELDS || nl > 3 * FORM_MAX_NAME) {
				*why = "too many query parameters, or a name too long";
				return PH_ETOOBIG;
			}
			struct req_param *p = ARENA_PUSH(a, *params, *nparams, cap);
			char *nm = p ? arena_alloc(a, nl + 1) : NULL;
			size_t vl = eq ? len - nl - 1 : 0;
			char *v = nm ? arena_alloc(a, vl + 1) : NULL;
			if (!v)
				return PH_ENOMEM;
			size_t dn = decode(q, nl, 1, nm, &nul);
			p->len = decode(eq ? eq + 1 : "", vl, 1, v, &nul);
			if (nul) {
				*why = "a query parameter holds an encoded NUL";
				return PH_EBADREQ;
			}
			if (dn > FORM_MAX_NAME) {
				*why = "a query parameter's name is too long";
				return PH_ETOOBIG;
			}
			p->name = nm;
			p->value = v;
		}
		q += len;
		if (*q == '&')
			q++;
	}
	return 0;
bad:
	*why = "the request target is not a path";
	return PH_EBADREQ;
}

/* ---- bodies: shared ---- */

static int fail(struct form *f, int code, const char *why)
{
	if (!f->err) {
		f->err = code;
		f->why = why;
	}
	return f->err;
}

int form_is_form_type(const char *ct)
{
	if (!ct)
		return 0;
	static const char *const types[] = {"application/x-www-form-urlencoded",
	                                    "multipart/form-data"};
	for (size_t i = 0; i < 2; i++) {
		size_t n = strlen(types[i]);
		if (!strncasecmp(ct, types[i], n) && (!ct[n] || ct[n] == ';' || ct[n] == ' '))
			return (int)i + 1;
	}
	return 0;
}

/* The field being filled, or NULL. */
static struct form_field *current(struct form *f)
{
	return f->open ? &f->fields[f->fields_len - 1] : NULL;
}

/* Start a field (name copied, n bytes). */
static int open_field(struct form *f, const char *name, size_t n, char *filename,
                      char *ctype)
{
	if (f->fields_len >= FORM_MAX_FIELDS)
		return fail(f, PH_ETOOBIG, "too many form fields");
	struct form_field *x = ARENA_PUSH(f->a, f->fields, f->fields_len, f->fields_cap);
	if (!x || !(x->name = arena_strndup(f->a, name, n)))
		return fail(f, PH_ENOMEM, "out of memory");
	x->filename = filename;
	x->ctype = ctype;
	buf_init(&x->value, f->max);
	f->open = 1;
	return 0;
}

/* Append n bytes to the current field. */
static int put(struct form *f, const char *p, size_t n)
{
	struct form_field *x = current(f);
	if (!x || !n)
		return f->err;
	/* The bytes before a NUL go in first, so that the first failure is
	 * the one at the first byte that fails, however the body was cut. */
	const char *z = x->filename ? NULL : memchr(p, 0, n);
	int rc = buf_append(&x->value, p, z ? (size_t)(z - p) : n);
	if (rc)
		return fail(f, rc, "a form field is over the body's limit");
	if (z)
		return fail(f, PH_EBADREQ, "a form field holds a NUL byte");
	return 0;
}

/* The value of parameter key in a header value's parameter list
 * ("; name=\"x\"; filename=y"), unquoted into the arena; NULL when absent
 * (or out of memory). Only the value asked for is copied. */
static char *param(struct form *f, const char *v, const char *key)
{
	size_t kl = strlen(key);
	const char *p = v;
	while (*p) {
		while (*p == ';' || *p == ' ' || *p == '\t')
			p++;
		const char *k = p;
		while (*p && *p != '=' && *p != ';')
			p++;
		size_t this_kl = (size_t)(p - k);
		while (this_kl && (k[this_kl - 1] == ' ' || k[this_kl - 1] == '\t'))
			this_kl--;
		if (*p != '=')
			continue;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		int want = this_kl == kl && !strncasecmp(k, key, kl);
		const char *start = p;
		int quoted = *p == '"';
		if (quoted) {
			for (p++; *p && *p != '"'; p++)
				if (*p == '\\' && p[1])
					p++;
		} else {
			while (*p && *p != ';' && *p != ' ' && *p != '\t')
				p++;
		}
		if (!want) {
			if (quoted && *p == '"')
				p++;
			continue;
		}
		char *out = arena_alloc(f->a, (size_t)(p - start) + 1);
		if (!out)
			return NULL;
		size_t w = 0;
		for (const char *q = start + quoted; q < p; q++) {
			if (quoted && *q == '\\' && q + 1 < p)
				q++;
			out[w++] = *q;
		}
		out[w] = 0;
		return out;
	}
	return NULL;
}

/* ---- multipart ---- */

static int boundary(struct form *f, const char *ct)
{
	const char *p = strchr(ct, ';');
	char *b = p ? param(f, p, "boundary") : NULL;
	size_t n = b ? strlen(b) : 0;
	if (!n || n > 70 || strpbrk(b, "\r\n"))
		return fail(f, PH_EBADREQ, "a multipart body without a usable boundary");
	f->delim = arena_printf(f->a, "\r\n--%s", b);
	if (!f->delim)
		return fail(f, PH_ENOMEM, "out of memory");
	f->delim_len = n + 4;
	return 0;
}

/* Position of the delimiter in s[0..n), or n. */
static size_t find_delim(const struct form *f, const char *s, size_t n)
{
	for (size_t i = 0; i + f->delim_len <= n; i++) {
		const char *cr = memchr(s + i, '\r', n - i - f->delim_len + 1);
		if (!cr)
			break;
		i = (size_t)(cr - s);
		if (!memcmp(cr, f->delim, f->delim_len))
			return i;
	}
	return n;
}

/* The header line s[0..n) of the part being read. */
static int part_header(struct form *f, const char *s, size_t n, char **name,
                       char **filename, char **ctype)
{
	const char *colon = memchr(s, ':', n);
	if (!colon)
		return fail(f, PH_EBADREQ, "a part header without a colon");
	size_t kl = (size_t)(colon - s);
	char *v = arena_strndup(f->a, colon + 1, n - kl - 1);
	if (!v)
		return fail(f, PH_ENOMEM, "out of memory");
	while (*v == ' ' || *v == '\t')
		v++;
	if (kl == 19 && !strncasecmp(s, "Content-Disposition", 19)) {
		if (strncasecmp(v, "form-data", 9) || (v[9] && v[9] != ';' && v[9] != ' '))
			return fail(f, PH_EBADREQ, "a part that is not form-data");
		*name = param(f, v + 9, "name");
		*filename = param(f, v + 9, "filename");
		char *star = param(f, v + 9, "filename*");
		/* RFC 5987: UTF-8''percent-encoded. */
		if (star && !strncasecmp(star, "UTF-8''", 7)) {
			int nul = 0;
			char *d = arena_alloc(f->a, strlen(star) + 1);
			if (!d)
				return fail(f, PH_ENOMEM, "out of memory");
			decode(star + 7, strlen(star + 7), 0, d, &nul);
			if (nul)
				return fail(f, PH_EBADREQ, "a file name holds an encoded NUL");
			*filename = d;
		}
	} else if (kl == 12 && !strncasecmp(s, "Content-Type", 12)) {
		size_t vl = strlen(v);
		while (vl && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
			v[--vl] = 0;
		*ctype = v;
	}
	return f->err;
}

static int multipart_feed(struct form *f, const char *data, size_t n)
{
	if (buf_append(&f->win, data, n))
		return fail(f, PH_ETOOBIG, "a multipart body over its limit");
	const char *s = f->win.data;
	size_t len = f->win.len, pos = 0;
	while (!f->err && pos < len) {
		if (f->state == M_PREAMBLE || f->state == M_BODY) {
			size_t k = find_delim(f, s + pos, len - pos);
			if (k < len - pos) {
				if (f->state == M_BODY)
					put(f, s + pos, k);
				f->open = 0;
				pos += k + f->delim_len;
				f->state = M_AFTER_DELIM;
				continue;
			}
			/* Keep what could be the start of a delimiter. */
			size_t keep = f->delim_len - 1;
			if (len - pos > keep) {
				if (f->state == M_BODY)
					put(f, s + pos, len - pos - keep);
				pos = len - keep;
			}
			break;
		}
		if (f->state == M_AFTER_DELIM) {
			if (len - pos < 2)
				break;
			if (s[pos] == '-' && s[pos + 1] == '-') {
				f->state = M_END;
				continue;
			}
			f->state = M_PADDING;
			f->head_bytes = 0;
			continue;
		}
		if (f->state == M_PADDING) {
			while (pos < len && (s[pos] == ' ' || s[pos] == '\t') && f->head_bytes < 64) {
				pos++;
				f->head_bytes++;
			}
			/* At most 64 bytes of padding, then CRLF: decided on the bytes
			 * that are there, the same however the body is cut. */
			if (len - pos < 2) {
				if (len - pos == 1 && s[pos] != '\r')
					return fail(f, PH_EBADREQ, "a multipart delimiter not followed by a line end");
				break;
			}
			if (s[pos] != '\r' || s[pos + 1] != '\n')
				return fail(f, PH_EBADREQ, "a multipart delimiter not followed by a line end");
			pos += 2;
			f->state = M_HEAD;
			f->head_bytes = 0;
			f->p_name = f->p_filename = f->p_ctype = NULL;
			continue;
		}
		if (f->state == M_HEAD) {
			const char *lf = memchr(s + pos, '\n', len - pos);
			if (!lf) {
				if (f->head_bytes + (len - pos) > FORM_MAX_PART_HEAD)
					return fail(f, PH_ETOOBIG, "a part's headers are too large");
				break;
			}
			size_t k = (size_t)(lf - (s + pos));
			f->head_bytes += k + 1;
			if (f->head_bytes > FORM_MAX_PART_HEAD)
				return fail(f, PH_ETOOBIG, "a part's headers are too large");
			if (!k || s[pos + k - 1] != '\r')
				return fail(f, PH_EBADREQ, "a part header line without CRLF");
			size_t line = k - 1;
			if (line == 0) {
				if (!f->p_name)
					return fail(f, PH_EBADREQ, "a part without a name");
				if (strlen(f->p_name) > FORM_MAX_NAME)
					return fail(f, PH_ETOOBIG, "a form field name is too long");
				if (open_field(f, f->p_name, strlen(f->p_name), f->p_filename, f->p_ctype))
					break;
				f->state = M_BODY;
			} else if (part_header(f, s + pos, line, &f->p_name, &f->p_filename, &f->p_ctype)) {
				break;
			}
			pos += k + 1;
			continue;
		}
		/* M_END: the epilogue is ignored. */
		pos = len;
	}
	/* Move the unread tail to the front. */
	if (pos) {
		memmove(f->win.data, f->win.data + pos, len - pos);
		f->win.len = len - pos;
		f->win.data[f->win.len] = 0;
	}
	return f->err;
}

/* ---- urlencoded ---- */

/* The field whose name is being read ends at '=' or '&': open it. */
static int url_open(struct form *f)
{
	if (open_field(f, buf_str(&f->name), f->name.len, NULL, NULL))
		return f->err;
	buf_reset(&f->name);
	return 0;
}

/* One decoded byte run into the name or the value. */
static int url_put(struct form *f, const char *p, size_t n)
{
	if (f->in_value)
		return put(f, p, n);
	if (memchr(p, 0, n))
		return fail(f, PH_EBADREQ, "a form field name holds a NUL byte");
	if (buf_append(&f->name, p, n))
		return fail(f, PH_ETOOBIG, "a form field name is too long");
	return 0;
}

/* A '%' (and one hex digit) that did not start an escape stays as is. */
static int url_flush_pct(struct form *f)
{
	char lit[2] = {'%', (char)f->hex};
	int n = f->pct;
	f->pct = 0;
	return n ? url_put(f, lit, (size_t)n) : 0;
}

/* End of one name=value pair. */
static int url_end_field(struct form *f)
{
	if (url_flush_pct(f))
		return f->err;
	if (!f->in_value) {
		if (f->name.len && url_open(f))
			return f->err;
	} else if (!current(f)->name[0]) {
		return fail(f, PH_EBADREQ, "a form field without a name");
	}
	f->in_value = 0;
	f->open = 0;
	return 0;
}

static int url_feed(struct form *f, const char *data, size_t n)
{
	size_t i = 0;
	while (i < n && !f->err) {
		unsigned char c = (unsigned char)data[i];
		if (f->pct == 1) {
			int h = hexval(c);
			if (h < 0) {
				url_flush_pct(f);
				continue; /* c again, as itself */
			}
			f->pct = 2;
			f->hex = c;
			i++;
			continue;
		}
		if (f->pct == 2) {
			int l = hexval(c);
			if (l < 0) {
				url_flush_pct(f);
				continue;
			}
			char b = (char)(hexval((unsigned char)f->hex) * 16 + l);
			f->pct = 0;
			if (b == 0)
				return fail(f, PH_EBADREQ, "a form field holds an encoded NUL");
			url_put(f, &b, 1);
			i++;
			continue;
		}
		if (c == '&') {
			url_end_field(f);
			i++;
		} else if (c == '=' && !f->in_value) {
			if (url_open(f))
				break;
			f->in_value = 1;
			i++;
		} else if (c == '%') {
			f->pct = 1;
			i++;
		} else if (c == '+') {
			url_put(f, " ", 1);
			i++;
		} else {
			/* A run of plain bytes at once; a NUL fails after the bytes
			 * before it went in (the first failure by position). */
			size_t j = data[i] ? i + 1 : i; /* data[i] itself may be an "=" in a value */
			while (j < n && data[j] && !strchr("&=%+", data[j]))
				j++;
			if (j > i && url_put(f, data + i, j - i))
				break;
			if (j < n && data[j] == 0)
				return fail(f, PH_EBADREQ, "a form body holds a NUL byte");
			i = j;
		}
	}
	return f->err;
}

/* ---- bodies: the interface ---- */

int form_begin(struct form *f, struct arena *a, const char *content_type, size_t max)
{
	memset(f, 0, sizeof *f);
	f->a = a;
	f->max = max;
	buf_init(&f->name, FORM_MAX_NAME);
	f->kind = form_is_form_type(content_type);
	if (!f->kind)
		return fail(f, PH_EMEDIA, "not a form body");
	if (f->kind == FORM_URLENCODED)
		return 0;
	buf_init(&f->win, max + 64 * 1024);
	if (boundary(f, content_type))
		return f->err;
	/* The body's first delimiter has no line end before it: give it one. */
	if (buf_append(&f->win, "\r\n", 2))
		return fail(f, PH_ENOMEM, "out of memory");
	f->state = M_PREAMBLE;
	return 0;
}

int form_feed(struct form *f, const char *data, size_t n)
{
	if (f->err || !n)
		return f->err;
	return f->kind == FORM_MULTIPART ? multipart_feed(f, data, n) : url_feed(f, data, n);
}

int form_end(struct form *f, struct req_param **params, size_t *nparams)
{
	*params = NULL;
	*nparams = 0;
	if (!f->err) {
		if (f->kind == FORM_URLENCODED)
			url_end_field(f);
		else if (f->state != M_END)
			fail(f, PH_EBADREQ, "the body ends before its closing boundary");
	}
	if (f->err)
		return f->err;
	/* A name or file name param() could not copy left a hole that no
	 * failure marked: the arena's sticky flag says so. */
	if (arena_failed(f->a))
		return fail(f, PH_ENOMEM, "out of memory");
	struct req_param *p = arena_alloc(f->a, (f->fields_len ? f->fields_len : 1) * sizeof *p);
	if (!p)
		return fail(f, PH_ENOMEM, "out of memory");
	for (size_t i = 0; i < f->fields_len; i++) {
		struct form_field *x = &f->fields[i];
		p[i].name = x->name;
		p[i].value = x->value.data ? x->value.data : (char *)"";
		p[i].len = x->value.len;
		p[i].filename = x->filename;
		p[i].ctype = x->ctype;
	}
	*params = p;
	*nparams = f->fields_len;
	return 0;
}

void form_cleanup(struct form *f)
{
	for (size_t i = 0; i < f->fields_len; i++)
		buf_cleanup(&f->fields[i].value);
	buf_cleanup(&f->name);
	buf_cleanup(&f->win);
	f->fields_len = 0;
	f->open = 0;
}

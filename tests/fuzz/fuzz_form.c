/* fuzz_form.c: the project's reading of what a request carries
 * (src/web/form.h) on any bytes. The first byte picks what the rest is: a
 * request target (form_target), an urlencoded body, or a multipart body
 * with the boundary "X1"; the second byte, for a body, the size of the
 * pieces it arrives in.
 *
 * Invariants:
 *   - a target accepted has a path that starts with "/" and holds no
 *     control character, at most FORM_MAX_FIELDS parameters with names of
 *     at most FORM_MAX_NAME bytes and no NUL in any value;
 *   - a body gives the same answer, code and fields, however it is cut
 *     into pieces (the server receives it in pieces MHD chooses);
 *   - the fields of a body accepted are at most FORM_MAX_FIELDS, their
 *     bytes no more than the body's, no NUL in a field that is not a file;
 *   - memory is linear: an arena of 64 KiB plus 16 bytes per input byte
 *     holds the names and records. */
#include "fuzz.h"
#include "web/form.h"
#include "base/arena.h"
#include "base/err.h"
#include <stdlib.h>
#include <string.h>

static const char *const types[] = {NULL, "application/x-www-form-urlencoded",
                                     "multipart/form-data; boundary=X1"};

static void check_target(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	if (!s)
		return;
	struct arena a;
	arena_init_capped(&a, 65536 + 16 * size);
	char *path;
	struct req_param *q;
	size_t nq;
	const char *why;
	int rc = form_target(&a, s, &path, &q, &nq, &why);
	FUZZ_ASSERT(!arena_failed(&a) || rc == PH_ENOMEM);
	if (!rc) {
		fuzz_reached();
		FUZZ_ASSERT(path && path[0] == '/');
		for (const unsigned char *p = (const unsigned char *)path; *p; p++)
			FUZZ_ASSERT(*p >= 0x20 && *p != 0x7F);
		FUZZ_ASSERT(nq <= FORM_MAX_FIELDS);
		for (size_t i = 0; i < nq; i++) {
			FUZZ_ASSERT(strlen(q[i].name) <= FORM_MAX_NAME);
			FUZZ_ASSERT(strlen(q[i].value) == q[i].len);
		}
	} else {
		FUZZ_ASSERT(rc == PH_EBADREQ || rc == PH_ETOOBIG || rc == PH_ENOMEM);
		FUZZ_ASSERT(rc == PH_ENOMEM || why);
	}
	arena_cleanup(&a);
	free(s);
}

/* The fields of body read in pieces of step bytes (0: all at once), as
 * one byte string ("name\0filename\0value\0..."), malloc'd; *rc the code. */
static char *read_body(const char *ct, const uint8_t *body, size_t n, size_t step, int *rc,
                       size_t *len)
{
	struct arena a;
	arena_init_capped(&a, 65536 + 16 * n);
	struct form f;
	struct req_param *p = NULL;
	size_t np = 0;
	*rc = form_begin(&f, &a, ct, n + 1);
	for (size_t i = 0; !*rc && i < n; i += step ? step : n)
		*rc = form_feed(&f, (const char *)body + i, step && n - i > step ? step : n - i);
	int end = form_end(&f, &p, &np);
	if (!*rc)
		*rc = end;
	size_t total = 0;
	for (size_t i = 0; !*rc && i < np; i++)
		total += strlen(p[i].name) + (p[i].filename ? strlen(p[i].filename) : 0) + p[i].len + 4;
	char *out = malloc(total + 1), *w = out;
	if (out && !*rc) {
		FUZZ_ASSERT(np <= FORM_MAX_FIELDS);
		size_t bytes = 0;
		for (size_t i = 0; i < np; i++) {
			FUZZ_ASSERT(strlen(p[i].name) <= FORM_MAX_NAME);
			if (!p[i].filename)
				FUZZ_ASSERT(memchr(p[i].value, 0, p[i].len) == NULL);
			bytes += p[i].len;
			size_t k = strlen(p[i].name) + 1;
			memcpy(w, p[i].name, k);
			w += k;
			*w++ = p[i].filename ? 'F' : 'V';
			if (p[i].filename) {
				k = strlen(p[i].filename) + 1;
				memcpy(w, p[i].filename, k);
				w += k;
			}
			memcpy(w, p[i].value, p[i].len);
			w += p[i].len;
			*w++ = 0;
		}
		FUZZ_ASSERT(bytes <= n);
	}
	*len = out ? (size_t)(w - out) : 0;
	FUZZ_ASSERT(*rc != PH_ENOMEM || arena_failed(&a) || !out);
	form_cleanup(&f);
	arena_cleanup(&a);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	int mode = data[0] % 3;
	if (mode == 0) {
		check_target(data + 1, size - 1);
		return 0;
	}
	size_t step = (size_t)data[1] % 64 + 1;
	int rc1, rc2;
	size_t l1, l2;
	char *whole = read_body(types[mode], data + 2, size - 2, 0, &rc1, &l1);
	char *cut = read_body(types[mode], data + 2, size - 2, step, &rc2, &l2);
	if (whole && cut) {
		if (!rc1)
			fuzz_reached();
		FUZZ_ASSERT(rc1 == rc2);
		FUZZ_ASSERT(l1 == l2 && !memcmp(whole, cut, l1));
	}
	free(whole);
	free(cut);
	return 0;
}

const struct fuzz_target fuzz_target = {"form", 3000, 20, NULL};

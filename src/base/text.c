/* text.c: the Vietnamese text layer behind text.h.
 *
 * Here: strict UTF-8 validation, the binary-file heuristic, NFC
 * normalization (ICU unorm2), folding for diacritic- and case-insensitive
 * matching, Vietnamese collation (ICU collator for locale "vi", one per
 * thread) and trimming. Nothing here knows about documents or units.
 *
 * Folding runs on every agency name and every searched text, so it avoids
 * ICU on the hot path: the fold of each code point in Latin-1, Latin
 * Extended-A/B and Latin Extended Additional (where all Vietnamese letters
 * live) is computed once with ICU and kept in a table; other code points are
 * folded with ICU's shared normalizer instance, which costs no allocation. */
#include "base/text.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

/* ---- UTF-8 ------------------------------------------------------------ */

/* Decode one well-formed UTF-8 sequence at p (at most n bytes available).
 * Returns its length (1..4) and sets *cp, or 0 when the bytes at p are not a
 * well-formed sequence: a stray continuation byte, C0/C1 or F5..FF leads,
 * overlong forms, UTF-16 surrogates, values above U+10FFFF, or a sequence
 * cut short. */
static size_t utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned char b = p[0];
	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	size_t len;
	uint32_t c;
	unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the 2nd byte */
	if (b >= 0xC2 && b <= 0xDF) {
		len = 2;
		c = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		len = 3;
		c = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0; /* below: overlong */
		else if (b == 0xED)
			hi = 0x9F; /* above: surrogates D800..DFFF */
	} else if (b >= 0xF0 && b <= 0xF4) {
		len = 4;
		c = b & 0x07;
		if (b == 0xF0)
			lo = 0x90; /* below: overlong */
		else if (b == 0xF4)
			hi = 0x8F; /* above: beyond U+10FFFF */
	} else {
		return 0;
	}
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	c = (c << 6) | (p[1] & 0x3F);
	for (size_t i = 2; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3F);
	}
	*cp = c;
	return len;
}

/* Checks s[0..n) byte by byte with utf8_decode. Returns 1 when all of it is
 * well-formed, else 0 with *bad_offset (if given) at the first byte of the
 * first ill-formed sequence. NUL bytes are well-formed UTF-8. */
int text_utf8_valid(const char *s, size_t n, size_t *bad_offset)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(p + i, n - i, &cp);
		if (!k) {
			if (bad_offset)
				*bad_offset = i;
			return 0;
		}
		i += k;
	}
	return 1;
}

/* 1 for a NUL byte anywhere, or for more than 1% of bytes being control
 * characters other than tab, LF, CR and FF (DEL counts as control). 0 for
 * empty input. Never fails. */
int text_looks_binary(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t ctrl = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		if (c == 0)
			return 1;
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F)
			ctrl++;
	}
	return ctrl * 100 > n;
}

/* ---- NFC -------------------------------------------------------------- */

static char *copy_bytes(const char *s, size_t n)
{
	char *r = malloc(n + 1);
	if (!r)
		return NULL;
	if (n)
		memcpy(r, s, n);
	r[n] = 0;
	return r;
}

/* NFC copy of s[0..n). Pure ASCII and already-normalized text are copied
 * as they are; otherwise ICU normalizes a UTF-16 copy. Returns a malloc'ed,
 * NUL-terminated string the caller frees, or NULL when s is not valid UTF-8,
 * is longer than ICU can take (2^31 code units), or memory runs out. */
char *text_nfc(const char *s, size_t n)
{
	if (!s)
		return NULL;
	size_t i = 0;
	while (i < n && (unsigned char)s[i] < 0x80)
		i++;
	if (i == n)
		return copy_bytes(s, n);
	if (!text_utf8_valid(s + i, n - i, NULL) || n >= INT32_MAX / 2)
		return NULL;

	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
	if (U_FAILURE(err))
		return NULL;

	/* UTF-16 never needs more code units than UTF-8 has bytes. */
	int32_t ucap = (int32_t)n + 1, ulen = 0;
	UChar *u = malloc((size_t)ucap * sizeof *u);
	if (!u)
		return NULL;
	u_strFromUTF8(u, ucap, &ulen, s, (int32_t)n, &err);
	if (U_FAILURE(err)) {
		free(u);
		return NULL;
	}
	int32_t ok = unorm2_spanQuickCheckYes(nfc, u, ulen, &err);
	if (U_SUCCESS(err) && ok == ulen) {
		free(u);
		return copy_bytes(s, n);
	}

	err = U_ZERO_ERROR;
	int32_t nlen = unorm2_normalize(nfc, u, ulen, NULL, 0, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) {
		free(u);
		return NULL;
	}
	UChar *v = malloc(((size_t)nlen + 1) * sizeof *v);
	if (!v) {
		free(u);
		return NULL;
	}
	err = U_ZERO_ERROR;
	unorm2_normalize(nfc, u, ulen, v, nlen + 1, &err);
	free(u);
	if (U_FAILURE(err)) {
		free(v);
		return NULL;
	}

	int32_t blen = 0;
	u_strToUTF8(NULL, 0, &blen, v, nlen, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) {
		free(v);
		return NULL;
	}
	char *out = malloc((size_t)blen + 1);
	if (!out) {
		free(v);
		return NULL;
	}
	err = U_ZERO_ERROR;
	u_strToUTF8(out, blen + 1, NULL, v, nlen, &err);
	free(v);
	if (U_FAILURE(err)) {
		free(out);
		return NULL;
	}
	out[blen] = 0;
	return out;
}

/* ---- folding ---------------------------------------------------------- */

/* The fold of one code point: up to 7 bytes of UTF-8, or a marker. */
enum { FOLD_SPACE = 0xFF, FOLD_MAX = 7 };
struct fold_entry {
	unsigned char n; /* bytes in s; 0 drops the code point; FOLD_SPACE */
	char s[FOLD_MAX];
};

/* Table ranges: Latin-1 Supplement to Latin Extended-B, and Latin Extended
 * Additional (the precomposed Vietnamese letters with tone marks). */
#define T1_LO 0x80
#define T1_HI 0x250
#define T2_LO 0x1E00
#define T2_HI 0x1F00

static struct fold_entry table1[T1_HI - T1_LO];
static struct fold_entry table2[T2_HI - T2_LO];
static const UNormalizer2 *nfd_norm;
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static int is_combining(uint32_t c)
{
	return c >= 0x300 && c <= 0x36F;
}

/* Characters that carry nothing for matching: soft hyphen, zero-width
 * space and joiners, word joiner, byte-order mark. */
static int is_invisible(uint32_t c)
{
	return c == 0xAD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

size_t text_utf8_encode(uint32_t c, char out[static 4])
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Computes the fold of one non-ASCII code point with ICU: white space ->
 * FOLD_SPACE, combining marks and invisible characters -> dropped, đ/Đ ->
 * "d", anything else lowercased, decomposed (NFD) and stripped of its
 * combining marks. */
static struct fold_entry fold_compute(uint32_t c)
{
	struct fold_entry e = {0, {0}};
	if (u_isUWhiteSpace((UChar32)c)) {
		e.n = FOLD_SPACE;
		return e;
	}
	if (is_combining(c) || is_invisible(c))
		return e;
	if (c == 0x110 || c == 0x111) {
		e.n = 1;
		e.s[0] = 'd';
		return e;
	}
	UChar32 lc = u_tolower((UChar32)c);
	UChar d[16];
	int32_t dn = -1;
	if (nfd_norm) {
		UErrorCode err = U_ZERO_ERROR;
		dn = unorm2_getDecomposition(nfd_norm, lc, d, (int32_t)(sizeof d / sizeof d[0]), &err);
		if (U_FAILURE(err))
			dn = -1;
	}
	if (dn < 0) { /* no decomposition: the character itself */
		dn = 0;
		U16_APPEND_UNSAFE(d, dn, lc);
	}
	char tmp[64];
	size_t tn = 0;
	for (int32_t i = 0; i < dn && tn + 4 <= sizeof tmp;) {
		UChar32 x;
		U16_NEXT(d, i, dn, x);
		if (is_combining((uint32_t)x))
			continue;
		if (x == 0x111 || x == 0x110)
			x = 'd';
		tn += text_utf8_encode((uint32_t)x, tmp + tn);
	}
	if (tn > FOLD_MAX) /* never for Latin letters; keep the lowercase */
		tn = text_utf8_encode((uint32_t)lc, tmp);
	e.n = (unsigned char)tn;
	memcpy(e.s, tmp, tn);
	return e;
}

static void fold_init(void)
{
	UErrorCode err = U_ZERO_ERROR;
	nfd_norm = unorm2_getNFDInstance(&err);
	if (U_FAILURE(err))
		nfd_norm = NULL;
	for (uint32_t c = T1_LO; c < T1_HI; c++)
		table1[c - T1_LO] = fold_compute(c);
	for (uint32_t c = T2_LO; c < T2_HI; c++)
		table2[c - T2_LO] = fold_compute(c);
}

struct out {
	char *p;
	size_t len, cap;
};

/* Append n bytes, growing the buffer. 0, or -1 when out of memory (the
 * buffer is then freed). */
static int out_put(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap * 2 + n + 16;
		char *q = realloc(o->p, cap);
		if (!q) {
			free(o->p);
			o->p = NULL;
			return -1;
		}
		o->p = q;
		o->cap = cap;
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
	return 0;
}

static int ascii_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Folded copy of s for matching (see text.h): lowercase, no diacritics
 * (combining marks U+0300..U+036F dropped after decomposition, so composed
 * and decomposed input fold the same), đ/Đ -> d, soft hyphens and
 * zero-width characters dropped, every run of white space (NBSP and other
 * Unicode spaces too) -> one space, trimmed. Other characters are kept,
 * lowercased. Bytes that are not valid UTF-8 are copied unchanged. Returns
 * a malloc'ed string the caller frees; NULL for NULL input or out of
 * memory. */
char *text_fold(const char *s)
{
	if (!s)
		return NULL;
	pthread_once(&fold_once, fold_init);
	size_t n = strlen(s);
	struct out o = {malloc(n + 1), 0, n + 1};
	if (!o.p)
		return NULL;
	const unsigned char *p = (const unsigned char *)s;
	int pending = 0; /* a space is owed before the next visible output */
	for (size_t i = 0; i < n;) {
		unsigned char c = p[i];
		const char *add;
		size_t addn;
		char one;
		struct fold_entry e;
		if (c < 0x80) {
			i++;
			if (ascii_space(c)) {
				pending = o.len > 0;
				continue;
			}
			one = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
			add = &one;
			addn = 1;
		} else {
			uint32_t cp;
			size_t k = utf8_decode(p + i, n - i, &cp);
			if (!k) {
				one = (char)c;
				add = &one;
				addn = 1;
				i++;
			} else {
				i += k;
				if (cp >= T1_LO && cp < T1_HI)
					e = table1[cp - T1_LO];
				else if (cp >= T2_LO && cp < T2_HI)
					e = table2[cp - T2_LO];
				else
					e = fold_compute(cp);
				if (e.n == FOLD_SPACE) {
					pending = o.len > 0;
					continue;
				}
				if (e.n == 0)
					continue;
				add = e.s;
				addn = e.n;
			}
		}
		if (pending) {
			pending = 0;
			if (out_put(&o, " ", 1))
				return NULL;
		}
		if (out_put(&o, add, addn))
			return NULL;
	}
	o.p[o.len] = 0;
	return o.p;
}

/* ---- collation -------------------------------------------------------- */

/* Each thread opens its own collator on first use (ICU shares the
 * underlying rule data, so a second open is cheap). A thread-specific key
 * closes it when a thread ends; text_cleanup() closes the calling thread's
 * (the main thread's at exit). */
static pthread_key_t coll_key;
static int coll_key_ok;
static pthread_once_t coll_once = PTHREAD_ONCE_INIT;
static _Thread_local UCollator *tl_coll;
static _Thread_local int tl_coll_failed;

static void coll_destroy(void *p)
{
	ucol_close(p);
}

static void coll_key_init(void)
{
	coll_key_ok = pthread_key_create(&coll_key, coll_destroy) == 0;
}

static UCollator *collator(void)
{
	if (tl_coll || tl_coll_failed)
		return tl_coll;
	pthread_once(&coll_once, coll_key_init);
	UErrorCode err = U_ZERO_ERROR;
	UCollator *c = ucol_open("vi", &err);
	if (U_FAILURE(err) || !c) {
		tl_coll_failed = 1;
		return NULL;
	}
	/* "Phường 2" before "Phường 10". */
	ucol_setAttribute(c, UCOL_NUMERIC_COLLATION, UCOL_ON, &err);
	err = U_ZERO_ERROR;
	if (coll_key_ok)
		pthread_setspecific(coll_key, c);
	tl_coll = c;
	return c;
}

/* Vietnamese order of a and b: <0, 0 or >0. Letters first (a < ă < â < b
 * ... d < đ ...), then tones, then case; digit runs compare as numbers.
 * Strings the collator finds equal are ordered by their bytes, so 0 means
 * byte-identical and sorts are deterministic. NULL sorts as "". If ICU
 * cannot open the collator, falls back to byte order. */
int text_collate(const char *a, const char *b)
{
	if (!a)
		a = "";
	if (!b)
		b = "";
	UCollator *c = collator();
	if (c) {
		UErrorCode err = U_ZERO_ERROR;
		UCollationResult r = ucol_strcollUTF8(c, a, -1, b, -1, &err);
		if (U_SUCCESS(err) && r != UCOL_EQUAL)
			return r == UCOL_LESS ? -1 : 1;
	}
	int r = strcmp(a, b);
	return (r > 0) - (r < 0);
}

/* ---- trimming --------------------------------------------------------- */

/* Removes ASCII white space and NBSP (C2 A0) from both ends of s, moving
 * the rest to the front. Returns s (NULL for NULL). */
char *text_trim(char *s)
{
	if (!s)
		return NULL;
	size_t a = 0, b = strlen(s);
	for (;;) {
		if (a < b && ascii_space((unsigned char)s[a]))
			a++;
		else if (a + 1 < b && (unsigned char)s[a] == 0xC2 && (unsigned char)s[a + 1] == 0xA0)
			a += 2;
		else
			break;
	}
	for (;;) {
		if (b > a && ascii_space((unsigned char)s[b - 1]))
			b--;
		else if (b >= a + 2 && (unsigned char)s[b - 2] == 0xC2 && (unsigned char)s[b - 1] == 0xA0)
			b -= 2;
		else
			break;
	}
	if (a)
		memmove(s, s + a, b - a);
	s[b - a] = 0;
	return s;
}

/* Closes the calling thread's collator; the next text_collate() opens a
 * new one. Call at exit so leak checkers stay quiet. */
void text_cleanup(void)
{
	if (tl_coll) {
		if (coll_key_ok)
			pthread_setspecific(coll_key, NULL);
		ucol_close(tl_coll);
		tl_coll = NULL;
	}
	tl_coll_failed = 0;
}

char *text_upper_first(const char *s)
{
	size_t len = 0, n = strlen(s);
	int cp = text_cp_at(s, &len);
	if (cp < 0 || !len)
		return strdup(s);
	UChar32 up = u_toupper(cp);
	char *out = malloc(n + 8);
	if (!out)
		return NULL;
	int32_t w = 0;
	UBool err = 0;
	U8_APPEND(out, w, 8, up, err);
	if (err)
		w = 0; /* cannot happen for a code point; keep s as it is */
	if (!w) {
		memcpy(out, s, len);
		w = (int32_t)len;
	}
	memcpy(out + w, s + len, n - len + 1);
	return out;
}

int text_cp_at(const char *s, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (!u[0]) {
		*len = 0;
		return -1;
	}
	size_t k = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 1;
	int c = k == 4 ? u[0] & 0x07 : k == 3 ? u[0] & 0x0F : k == 2 ? u[0] & 0x1F : u[0];
	for (size_t i = 1; i < k; i++) {
		if (!u[i]) {
			*len = i;
			return -1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	*len = k;
	return c;
}

int text_all_caps(const char *s)
{
	int letters = 0;
	while (*s) {
		size_t k;
		UChar32 c = text_cp_at(s, &k);
		if (!k)
			break;
		if (u_islower(c))
			return 0;
		if (u_isalpha(c))
			letters++;
		s += k;
	}
	return letters > 0;
}

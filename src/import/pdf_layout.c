/* pdf_layout.c: a PDF page's characters with their boxes into the text
 * conventions of render.h (see pdf_layout.h for what is rebuilt).
 *
 * Two phases. pdf_layout_add_page reduces one page at once: characters
 * into words (a white space character or a gap), words into lines (one
 * baseline), lines into pieces at column gaps ("segments"), pieces side by
 * side into visual rows; only the rows and pieces are kept (their text in
 * one pool). pdf_layout_finish then reads the rows of all pages: drops the
 * running headers and footers, finds the regions of rows with pieces side
 * by side (layout tables of two columns, data tables of three or more),
 * rebuilds table rows and paragraphs, and writes the rendering with a
 * place per line.
 *
 * Coordinates are points, y downwards; "sz" is a font size. */
#include "import/render.h"
#include "import/pdf_layout.h"
#include "import/legacy.h"
#include "base/err.h"
#include "base/text.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ---------------------------------------------------- */

struct sbuf {
	char *p;
	size_t len, cap;
};

/* Append s[0..n); -1 when memory ran out or the text would pass max. */
static int sb_add(struct sbuf *b, const char *s, size_t n, size_t max)
{
	if (n > max || b->len > max - n)
		return -1;
	if (b->len + n + 1 > b->cap) {
		size_t c = b->cap ? b->cap : 256;
		while (c < b->len + n + 1)
			c *= 2;
		char *q = realloc(b->p, c);
		if (!q)
			return -1;
		b->p = q;
		b->cap = c;
	}
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = 0;
	return 0;
}

static int sb_cp(struct sbuf *b, uint32_t c, size_t max)
{
	char u[4];
	size_t n = text_utf8_encode((uint32_t)c, u);
	return sb_add(b, u, n, max);
}

/* Grow *p (of *cap elements of size sz) to hold n+1 elements. */
static int grow(void *pp, size_t *cap, size_t n, size_t sz)
{
	void **p = pp;
	if (n < *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : 64;
	if (c > ((size_t)-1) / sz)
		return -1;
	void *q = realloc(*p, c * sz);
	if (!q)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

/* Decode one UTF-8 code point of s[0..n) (valid UTF-8 assumed, as every
 * text here is built by sb_cp); *len its length. */
static uint32_t u8_at(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (!n) {
		*len = 0;
		return 0;
	}
	if (u[0] < 0x80 || n < 2) {
		*len = 1;
		return u[0];
	}
	if ((u[0] & 0xE0) == 0xC0) {
		*len = 2;
		return ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
	}
	if ((u[0] & 0xF0) == 0xE0 && n >= 3) {
		*len = 3;
		return ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
	}
	if (n >= 4) {
		*len = 4;
		return ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
		       ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
	}
	*len = 1;
	return u[0];
}

/* The last code point of s[0..n). */
static uint32_t u8_last(const char *s, size_t n, size_t *len)
{
	size_t i = n;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0)
		i--;
	return u8_at(s + i, n - i, len);
}

static int is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
	       c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Characters dropped from the text: controls, zero-width characters, the
 * byte order mark, noncharacters and what is not a code point. */
static int is_dropped_cp(uint32_t c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x200B && c <= 0x200F) ||
	       c == 0x2060 || c == 0xFEFF || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF ||
	       c == 0xFFFE || c == 0xFFFF || (c >= 0xFDD0 && c <= 0xFDEF) || c == 0xFFFD;
}

/* Combining marks that a PDF may draw as glyphs of their own. */
static int is_combining_cp(uint32_t c)
{
	return (c >= 0x300 && c <= 0x36F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
	       (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF);
}

static int is_digit_cp(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static int is_superscript_digit(uint32_t c)
{
	return c == 0xB9 || c == 0xB2 || c == 0xB3 || (c >= 0x2070 && c <= 0x2079);
}

/* A letter, roughly: ASCII letters and the Latin letters with marks that
 * Vietnamese uses (Latin-1, Latin Extended-A/B, Latin Extended Additional). */
static int is_letter_cp(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF) ||
	       (c >= 0x370 && c <= 0x3FF) || (c >= 0x400 && c <= 0x4FF);
}

static int is_lower_cp(uint32_t c)
{
	if (c >= 'a' && c <= 'z')
		return 1;
	if (c >= 'A' && c <= 'Z')
		return 0;
	if (c >= 0xDF && c <= 0xFF && c != 0xF7)
		return 1;
	if (c >= 0x100 && c <= 0x17F)
		return c & 1;   /* Latin Extended-A pairs: odd is lower case */
	if (c == 0x1A1 || c == 0x1B0 || c == 0x111)
		return 1;       /* ơ ư đ */
	if (c >= 0x1E00 && c <= 0x1EFF)
		return c & 1;   /* Latin Extended Additional: odd is lower case */
	return 0;
}

static float fmaxf2(float a, float b)
{
	return a > b ? a : b;
}

static float fminf2(float a, float b)
{
	return a < b ? a : b;
}

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return (x > y) - (x < y);
}

/* The median of v[0..n) (sorted in place); def when n is 0. */
static float median(float *v, size_t n, float def)
{
	if (!n || !v)
		return def;
	qsort(v, n, sizeof *v, cmp_float);
	return v[n / 2];
}

/* ---- the kept form of a page: rows of segments ------------------------ */

struct seg {
	size_t off, len;        /* text in the pool */
	float x0, y0, x1, y1, size;
	unsigned char bold;
	unsigned char enc;      /* legacy encoding its text was converted from */
	int band;               /* finish: its column in a region, -1 spanning */
};

struct row {
	size_t seg, nseg;       /* segs[seg .. seg+nseg), left to right */
	float y0, y1;
	unsigned char drop;     /* a running header or footer */
};

struct page {
	float w, h;
	size_t row, nrow;
};

struct pdf_layout {
	struct sbuf pool;
	struct seg *segs;
	size_t nsegs, capsegs;
	struct row *rows;
	size_t nrows, caprows;
	struct page *pages;
	size_t npages, cappages;
	size_t nchars;
	enum legacy_enc legacy;     /* the first legacy encoding met */
	char legacy_font[64];
};

struct pdf_layout *pdf_layout_new(void)
{
	return calloc(1, sizeof(struct pdf_layout));
}

void pdf_layout_free(struct pdf_layout *l)
{
	if (!l)
		return;
	free(l->pool.p);
	free(l->segs);
	free(l->rows);
	free(l->pages);
	free(l);
}

size_t pdf_layout_chars(const struct pdf_layout *l)
{
	return l ? l->nchars : 0;
}

/* ---- phase 1: one page ------------------------------------------------ */

struct word {
	float x0, y0, x1, y1, size;
	float last_y1, last_x1, last_h;  /* of its last character */
	size_t off, len;                 /* text in the page's word buffer */
	unsigned char bold, enc;
	uint32_t last_cp;
};

static int font_bold(const char *name)
{
	return name && (strstr(name, "Bold") || strstr(name, "bold") || strstr(name, "BOLD") ||
	                strstr(name, "Black") || strstr(name, "Heavy") || strstr(name, ",B"));
}

static int cmp_word_y(const void *a, const void *b)
{
	const struct word *x = a, *y = b;
	if (x->y1 != y->y1)
		return (x->y1 > y->y1) - (x->y1 < y->y1);
	return (x->x0 > y->x0) - (x->x0 < y->x0);
}

static int cmp_word_x(const void *a, const void *b)
{
	const struct word *x = a, *y = b;
	return (x->x0 > y->x0) - (x->x0 < y->x0);
}

static int cmp_seg_y(const void *a, const void *b)
{
	const struct seg *x = a, *y = b;
	if (x->y0 != y->y0)
		return (x->y0 > y->y0) - (x->y0 < y->y0);
	return (x->x0 > y->x0) - (x->x0 < y->x0);
}

static int cmp_seg_x(const void *a, const void *b)
{
	const struct seg *x = a, *y = b;
	return (x->x0 > y->x0) - (x->x0 < y->x0);
}

/* A rule drawn with characters: three or more of "_-.…=*~" and nothing
 * else. */
static int is_rule_text(const char *s, size_t n)
{
	size_t k = 0, len;
	for (size_t i = 0; i < n; i += len) {
		uint32_t c = u8_at(s + i, n - i, &len);
		if (c == ' ')
			continue;
		if (c != '_' && c != '-' && c != '.' && c != 0x2026 && c != '=' && c != '*' &&
		    c != '~' && c != 0x2013 && c != 0x2014 && c != 0xAF)
			return 0;
		k++;
	}
	return k >= 3;
}

struct pagework {
	struct word *w;
	size_t nw, capw;
	struct sbuf wt;          /* the words' text */
	struct seg *s;           /* segments of the page, text in the pool */
	size_t ns, caps;
	float *gaps;
	size_t capgaps;
};

static void pagework_free(struct pagework *p)
{
	free(p->w);
	free(p->wt.p);
	free(p->s);
	free(p->gaps);
}

/* Convert the words of a legacy font to Unicode, in the word buffer. */
static int convert_legacy(struct pdf_layout *l, struct pagework *pw, const char *const *fonts,
                          size_t nfonts, const int *word_font)
{
	for (size_t i = 0; i < pw->nw; i++) {
		struct word *w = &pw->w[i];
		if (!w->enc)
			continue;
		char *u = NULL;
		size_t ulen = 0;
		if (legacy_to_unicode((enum legacy_enc)w->enc, pw->wt.p + w->off, w->len, &u, &ulen) != 0)
			continue; /* left as read; the note still says the font is legacy */
		size_t off = pw->wt.len;
		int rc = sb_add(&pw->wt, u, ulen, RENDER_MAX_TEXT);
		free(u);
		if (rc)
			return PH_ENOMEM;
		w->off = off;
		w->len = ulen;
		if (!l->legacy) {
			l->legacy = (enum legacy_enc)w->enc;
			int f = word_font[i];
			const char *name = f >= 0 && (size_t)f < nfonts && fonts[f] ? fonts[f] : "";
			const char *plus = strchr(name, '+');
			if (plus && plus - name == 6)
				name = plus + 1;
			snprintf(l->legacy_font, sizeof l->legacy_font, "%s", name);
		}
	}
	return 0;
}

int pdf_layout_add_page(struct pdf_layout *l, double width, double height,
                        const struct pdf_char *chars, size_t n,
                        const char *const *fonts, size_t nfonts,
                        char *why, size_t whylen)
{
	if (!l)
		return PH_EINVAL;
	if (n > PDF_LAYOUT_MAX_PAGE_CHARS) {
		render_say(why, whylen, "page %zu has %zu characters, more than %d", l->npages + 1, n,
		    PDF_LAYOUT_MAX_PAGE_CHARS);
		return PH_ETOOBIG;
	}
	if (!(width > 0 && width < 1e5))
		width = 595;
	if (!(height > 0 && height < 1e5))
		height = 842;
	if (grow(&l->pages, &l->cappages, l->npages, sizeof *l->pages))
		return PH_ENOMEM;
	struct pagework pw = {0};
	int *word_font = NULL;
	size_t capwf = 0;
	int rc = PH_ENOMEM;

	/* words */
	int brk = 1;
	for (size_t i = 0; i < n; i++) {
		const struct pdf_char *c = &chars[i];
		uint32_t cp = c->cp;
		if (!isfinite(c->x0) || !isfinite(c->x1) || !isfinite(c->y0) || !isfinite(c->y1) ||
		    !isfinite(c->size) || fabsf(c->x0) > 1e5f || fabsf(c->y0) > 1e5f ||
		    fabsf(c->x1) > 1e5f || fabsf(c->y1) > 1e5f)
			continue;
		if (is_space_cp(cp)) {
			brk = 1;
			continue;
		}
		const char *fname = c->font >= 0 && (size_t)c->font < nfonts ? fonts[c->font] : NULL;
		enum legacy_enc enc = fname ? legacy_font_encoding(fname) : LEGACY_NONE;
		/* In TCVN3 the soft hyphen's byte is "ư": only other fonts drop it. */
		if (is_dropped_cp(cp) || (cp == 0xAD && enc == LEGACY_NONE))
			continue;
		if (cp == 0x2011 || cp == 0x2010)
			cp = '-';
		struct word *cur = pw.nw ? &pw.w[pw.nw - 1] : NULL;
		if (is_combining_cp(cp)) {
			if (cur && !brk) {
				if (sb_cp(&pw.wt, cp, RENDER_MAX_TEXT))
					goto out;
				cur->len = pw.wt.len - cur->off;
			}
			continue;
		}
		float x0 = fminf2(c->x0, c->x1), x1 = fmaxf2(c->x0, c->x1);
		float y0 = fminf2(c->y0, c->y1), y1 = fmaxf2(c->y0, c->y1);
		float h = y1 - y0;
		float sz = c->size > 0.5f && c->size < 2000 ? c->size : (h > 0.5f ? h : 10);
		if (h < 0.5f)
			h = sz;
		int bold = font_bold(fname);
		int fresh = !cur || brk || cur->enc != (unsigned char)enc;
		if (!fresh) {
			float ref = fmaxf2(cur->last_h, h);
			float csz = fmaxf2(cur->size, sz);
			/* a raised, smaller digit glued after a figure or a sign: a
			 * footnote mark ("80%¹"), dropped */
			if ((is_superscript_digit(cp) || (is_digit_cp(cp) && sz < 0.8f * cur->size &&
			                                  y1 < cur->last_y1 - 0.2f * cur->last_h)) &&
			    !is_letter_cp(cur->last_cp))
				continue;
			if (fabsf(y1 - cur->last_y1) > 0.4f * ref || x0 < cur->last_x1 - 0.35f * csz ||
			    x0 - cur->last_x1 > 0.2f * csz)
				fresh = 1;
		}
		brk = 0;
		if (fresh) {
			if (grow(&pw.w, &pw.capw, pw.nw, sizeof *pw.w) ||
			    grow(&word_font, &capwf, pw.nw, sizeof *word_font))
				goto out;
			word_font[pw.nw] = c->font;
			cur = &pw.w[pw.nw++];
			memset(cur, 0, sizeof *cur);
			cur->x0 = x0;
			cur->y0 = y0;
			cur->x1 = x1;
			cur->y1 = y1;
			cur->size = sz;
			cur->off = pw.wt.len;
			cur->bold = (unsigned char)bold;
			cur->enc = (unsigned char)enc;
		} else {
			cur->x0 = fminf2(cur->x0, x0);
			cur->x1 = fmaxf2(cur->x1, x1);
			cur->y0 = fminf2(cur->y0, y0);
			cur->y1 = fmaxf2(cur->y1, y1);
			cur->size = fmaxf2(cur->size, sz);
			cur->bold = cur->bold && bold;
		}
		cur->last_y1 = y1;
		cur->last_x1 = x1;
		cur->last_h = h;
		cur->last_cp = cp;
		if (sb_cp(&pw.wt, cp, RENDER_MAX_TEXT))
			goto out;
		cur->len = pw.wt.len - cur->off;
		l->nchars++;
	}
	if (convert_legacy(l, &pw, fonts, nfonts, word_font))
		goto out;

	/* lines: words on one baseline, then pieces at column gaps */
	if (pw.nw)
		qsort(pw.w, pw.nw, sizeof *pw.w, cmp_word_y);
	for (size_t i = 0; i < pw.nw;) {
		size_t j = i + 1;
		float ref = pw.w[i].y1, refh = pw.w[i].y1 - pw.w[i].y0;
		while (j < pw.nw) {
			float hj = pw.w[j].y1 - pw.w[j].y0;
			if (fabsf(pw.w[j].y1 - ref) > 0.35f * fminf2(refh, hj))
				break;
			j++;
		}
		qsort(pw.w + i, j - i, sizeof *pw.w, cmp_word_x);
		/* the gap between words and the median word space */
		size_t ng = 0;
		if (j - i > 1 && j - i - 1 > pw.capgaps) {
			float *g = realloc(pw.gaps, (j - i) * sizeof *g);
			if (!g)
				goto out;
			pw.gaps = g;
			pw.capgaps = j - i;
		}
		for (size_t k = i + 1; k < j; k++) {
			float sz = fmaxf2(pw.w[k].size, pw.w[k - 1].size);
			float g = pw.w[k].x0 - pw.w[k - 1].x1;
			if (g < 0.7f * sz)
				pw.gaps[ng++] = g < 0 ? 0 : g;
		}
		float m = median(pw.gaps, ng, -1);
		if (m < 0 && j - i > 1) {
			/* no gap as narrow as a word space: a justified line stretched
			 * wide (its gaps alike) or single words in cells; the
			 * narrowest gap stands for the word space */
			for (size_t k = i + 1; k < j; k++) {
				float g = pw.w[k].x0 - pw.w[k - 1].x1;
				if (m < 0 || g < m)
					m = g < 0 ? 0 : g;
			}
		}
		size_t start = i;
		for (size_t k = i; k < j; k++) {
			int end = k + 1 == j;
			if (!end) {
				float sz = fmaxf2(pw.w[k].size, pw.w[k + 1].size);
				float g = pw.w[k + 1].x0 - pw.w[k].x1;
				/* a piece split too eagerly costs little: pieces of one
				 * column of a table join again, and a lone line of
				 * two close pieces is read as one */
				float t = 0.4f * sz;
				if (m >= 0 && 1.5f * m > t)
					t = 1.5f * m;
				if (t > 2.0f * sz)
					t = 2.0f * sz; /* two em apart: always a column gap */
				end = g > t;
			}
			if (!end)
				continue;
			/* the piece start..k */
			struct seg s = {0};
			s.off = l->pool.len;
			s.x0 = pw.w[start].x0;
			s.x1 = pw.w[k].x1;
			s.y0 = pw.w[start].y0;
			s.y1 = pw.w[start].y1;
			s.bold = 1;
			for (size_t q = start; q <= k; q++) {
				if (q > start && sb_add(&l->pool, " ", 1, RENDER_MAX_TEXT))
					goto toobig;
				if (sb_add(&l->pool, pw.wt.p + pw.w[q].off, pw.w[q].len, RENDER_MAX_TEXT))
					goto toobig;
				s.y0 = fminf2(s.y0, pw.w[q].y0);
				s.y1 = fmaxf2(s.y1, pw.w[q].y1);
				s.x1 = fmaxf2(s.x1, pw.w[q].x1);
				s.size = fmaxf2(s.size, pw.w[q].size);
				s.bold = s.bold && pw.w[q].bold;
				if (pw.w[q].enc)
					s.enc = pw.w[q].enc;
			}
			s.len = l->pool.len - s.off;
			s.band = 0;
			if (is_rule_text(l->pool.p + s.off, s.len)) {
				l->pool.len = s.off; /* a rule: no content */
			} else {
				if (grow(&pw.s, &pw.caps, pw.ns, sizeof *pw.s))
					goto out;
				pw.s[pw.ns++] = s;
			}
			start = k + 1;
		}
		i = j;
	}

	/* visual rows: pieces whose heights overlap, side by side */
	if (pw.ns)
		qsort(pw.s, pw.ns, sizeof *pw.s, cmp_seg_y);
	struct page *pg = &l->pages[l->npages];
	pg->w = (float)width;
	pg->h = (float)height;
	pg->row = l->nrows;
	pg->nrow = 0;
	for (size_t i = 0; i < pw.ns;) {
		size_t j = i + 1;
		float r0 = pw.s[i].y0, r1 = pw.s[i].y1;
		while (j < pw.ns) {
			struct seg *s = &pw.s[j];
			float ov = fminf2(r1, s->y1) - fmaxf2(r0, s->y0);
			if (ov < 0.5f * fminf2(r1 - r0, s->y1 - s->y0))
				break;
			int clash = 0;
			for (size_t q = i; q < j && !clash; q++)
				clash = s->x0 < pw.s[q].x1 && pw.s[q].x0 < s->x1;
			if (clash)
				break;
			j++;
		}
		qsort(pw.s + i, j - i, sizeof *pw.s, cmp_seg_x);
		if (grow(&l->rows, &l->caprows, l->nrows, sizeof *l->rows))
			goto out;
		struct row *r = &l->rows[l->nrows++];
		r->seg = l->nsegs;
		r->nseg = j - i;
		r->drop = 0;
		r->y0 = pw.s[i].y0;
		r->y1 = pw.s[i].y1;
		for (size_t q = i; q < j; q++) {
			if (grow(&l->segs, &l->capsegs, l->nsegs, sizeof *l->segs))
				goto out;
			l->segs[l->nsegs++] = pw.s[q];
			r->y0 = fminf2(r->y0, pw.s[q].y0);
			r->y1 = fmaxf2(r->y1, pw.s[q].y1);
		}
		pg->nrow++;
		i = j;
	}
	l->npages++;
	rc = 0;
	goto out;
toobig:
	render_say(why, whylen, "the text of the PDF is over %u bytes", RENDER_MAX_TEXT);
	rc = l->pool.len + 1024 > RENDER_MAX_TEXT ? PH_ETOOBIG : PH_ENOMEM;
out:
	free(word_font);
	pagework_free(&pw);
	if (rc == PH_ENOMEM)
		render_say(why, whylen, "out of memory reading the PDF's text");
	return rc;
}

/* ---- phase 2: the document -------------------------------------------- */

/* A line of the flow: one piece, or the pieces of a column of a row. */
struct fline {
	const char *text;
	size_t len;
	float x0, y0, x1, y1, size;
	unsigned char bold, enc;
	int page;                 /* 1-based */
};

struct geom {
	float L, R, pitch;
};

struct place_buf {
	struct doc_place *p;
	size_t len, cap;
};

/* The table being written: its columns and the row waiting for the next
 * one (which may continue it over a page break). */
struct table_state {
	int open;
	int number;           /* table number, 1-based */
	int rows;             /* rows seen, the original's count */
	size_t ncols;
	float bx0[64], bx1[64]; /* columns' extents so far */
	char **header;        /* the first row's cells (malloc'd) */
	char **pend;          /* the row waiting, cells malloc'd; NULL: none */
	int pend_page, pend_row;
	unsigned char pend_enc;
	int page;             /* last page the table was on */
};

#define MAX_COLS 64

struct fin {
	struct pdf_layout *l;
	struct sbuf out;
	struct place_buf places;
	int *page_para;           /* paragraphs per page so far */
	/* the open paragraph */
	struct sbuf para;
	int para_open, para_page, para_no;
	unsigned char para_enc;
	struct fline prev;
	struct geom prev_geom;
	int tables;
	struct table_state t;
	int note_line;            /* first line with legacy text, 0 none */
	int tight;                /* in a layout column: its paragraphs one after
	                           * the other, no blank line between them */
	int tight_skip;           /* the column's first paragraph is written */
	int failed;               /* ENOMEM or ETOOBIG */
	int toobig;
};

/* A page number as a running header or footer shows it: "2", "- 2 -",
 * "Trang 2", "Page 2", "2/10", "2 / 10", "Trang 2/10". */
static int page_number_like(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '-' || s[i] == '[' || s[i] == '(' ||
	                 (unsigned char)s[i] == 0xE2))
		i += (unsigned char)s[i] == 0xE2 && i + 2 < n ? 3 : 1;
	if (n - i >= 6 && strncmp(s + i, "Trang ", 6) == 0)
		i += 6;
	else if (n - i >= 5 && (strncmp(s + i, "Page ", 5) == 0 || strncmp(s + i, "page ", 5) == 0))
		i += 5;
	size_t d = i;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == d || i - d > 4)
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	if (i < n && s[i] == '/') {
		i++;
		while (i < n && s[i] == ' ')
			i++;
		d = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == d)
			return 0;
	}
	while (i < n && (s[i] == ' ' || s[i] == '-' || s[i] == ']' || s[i] == ')' ||
	                 (unsigned char)s[i] == 0xE2))
		i += (unsigned char)s[i] == 0xE2 && i + 2 < n ? 3 : 1;
	return i == n;
}

/* The text of a row (its pieces joined by " ") with digits as '#', for
 * comparing running headers across pages; into b (reset). */
static int row_key(struct pdf_layout *l, const struct row *r, struct sbuf *b)
{
	b->len = 0;
	for (size_t k = 0; k < r->nseg; k++) {
		const struct seg *s = &l->segs[r->seg + k];
		if (k && sb_add(b, " ", 1, RENDER_MAX_TEXT))
			return -1;
		for (size_t i = 0; i < s->len; i++) {
			char c = l->pool.p[s->off + i];
			if (c >= '0' && c <= '9')
				c = '#';
			if (sb_add(b, &c, 1, RENDER_MAX_TEXT))
				return -1;
		}
	}
	if (!b->p && sb_add(b, "", 0, 1))
		return -1;
	return 0;
}

static int in_margin(const struct page *pg, const struct row *r)
{
	return r->y1 <= 0.08f * pg->h || r->y0 >= 0.92f * pg->h;
}

/* Mark the rows of the top and bottom margins that are page numbers or
 * repeat on another page (digits aside). */
static int drop_running(struct pdf_layout *l)
{
	struct sbuf a = {0}, b = {0};
	int rc = 0;
	for (size_t p = 0; p < l->npages && !rc; p++) {
		struct page *pg = &l->pages[p];
		for (size_t i = 0; i < pg->nrow && !rc; i++) {
			struct row *r = &l->rows[pg->row + i];
			if (!in_margin(pg, r))
				continue;
			if (r->nseg == 1) {
				const struct seg *s = &l->segs[r->seg];
				if (page_number_like(l->pool.p + s->off, s->len)) {
					r->drop = 1;
					continue;
				}
			}
			if (row_key(l, r, &a)) {
				rc = -1;
				break;
			}
			/* the same text in the same margin of another page */
			int top = r->y1 <= 0.08f * pg->h;
			for (size_t q = 0; q < l->npages && !r->drop; q++) {
				if (q == p)
					continue;
				struct page *pq = &l->pages[q];
				for (size_t k = 0; k < pq->nrow; k++) {
					struct row *o = &l->rows[pq->row + k];
					if (!in_margin(pq, o) || (o->y1 <= 0.08f * pq->h) != top)
						continue;
					if (row_key(l, o, &b)) {
						rc = -1;
						break;
					}
					if (a.len == b.len && memcmp(a.p, b.p, a.len) == 0) {
						r->drop = 1;
						break;
					}
				}
				/* beyond a few pages either side, a running line has shown */
				if (q > p + 3)
					break;
			}
		}
	}
	free(a.p);
	free(b.p);
	return rc;
}

/* ---- output ----------------------------------------------------------- */

static void fin_fail(struct fin *f, int toobig)
{
	f->failed = 1;
	if (toobig)
		f->toobig = 1;
}

/* Write one line of the rendering (no '\n' inside) with its place. */
static void emit_line(struct fin *f, const char *s, size_t n, struct doc_place pl)
{
	if (f->failed)
		return;
	if (f->out.len + n + 1 > RENDER_MAX_TEXT) {
		fin_fail(f, 1);
		return;
	}
	if (sb_add(&f->out, s, n, RENDER_MAX_TEXT) || sb_add(&f->out, "\n", 1, RENDER_MAX_TEXT) ||
	    grow(&f->places.p, &f->places.cap, f->places.len, sizeof *f->places.p)) {
		fin_fail(f, 0);
		return;
	}
	pl.line = (int)f->places.len + 1;
	f->places.p[f->places.len++] = pl;
}

static void emit_blank(struct fin *f, int page)
{
	if (f->places.len == 0)
		return;
	struct doc_place pl = {0};
	pl.page = page;
	emit_line(f, "", 0, pl);
}

static void note_legacy(struct fin *f, unsigned char enc)
{
	if (enc && !f->note_line)
		f->note_line = (int)f->places.len + 1;
}

static void para_close(struct fin *f)
{
	if (!f->para_open)
		return;
	f->para_open = 0;
	if (!f->para.len)
		return;
	if (!f->tight_skip)
		emit_blank(f, f->para_page);
	if (f->tight)
		f->tight_skip = 1;
	struct doc_place pl = {0};
	pl.page = f->para_page;
	pl.paragraph = f->para_no;
	note_legacy(f, f->para_enc);
	emit_line(f, f->para.p, f->para.len, pl);
	f->para.len = 0;
}

static void free_cells(char **c, size_t n)
{
	if (!c)
		return;
	for (size_t i = 0; i < n; i++)
		free(c[i]);
	free(c);
}

static void table_flush_row(struct fin *f)
{
	struct table_state *t = &f->t;
	if (!t->pend)
		return;
	struct sbuf b = {0};
	int empty = 1;
	for (size_t c = 0; c < t->ncols; c++)
		if (t->pend[c][0])
			empty = 0;
	for (size_t c = 0; c < t->ncols && !empty; c++) {
		if ((c && sb_add(&b, "\t", 1, RENDER_MAX_TEXT)) ||
		    sb_add(&b, t->pend[c], strlen(t->pend[c]), RENDER_MAX_TEXT)) {
			fin_fail(f, 0);
			break;
		}
	}
	if (!empty && !f->failed) {
		if (t->rows == 1 || !f->places.len || f->places.p[f->places.len - 1].table != t->number)
			emit_blank(f, t->pend_page);
		struct doc_place pl = {0};
		pl.page = t->pend_page;
		pl.table = t->number;
		pl.row = t->pend_row;
		note_legacy(f, t->pend_enc);
		emit_line(f, b.p, b.len, pl);
	}
	free(b.p);
	free_cells(t->pend, t->ncols);
	t->pend = NULL;
}

static void table_close(struct fin *f)
{
	struct table_state *t = &f->t;
	if (!t->open)
		return;
	table_flush_row(f);
	free_cells(t->header, t->ncols);
	t->header = NULL;
	t->open = 0;
}

/* ---- joining lines ---------------------------------------------------- */

/* A list label at the start: "1.", "1.2.", "2)", "a)", "đ)", "I.", "IV.",
 * "(1)", "-", "–", "•", "+", "*", "Điều 1", "Chương", "Mục", "Phần",
 * "Phụ lục", "PHỤ LỤC". */
static int starts_label(const char *s, size_t n)
{
	size_t i = 0, len;
	if (!n)
		return 0;
	uint32_t c = u8_at(s, n, &len);
	if ((c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2022 || c == '+' || c == '*' ||
	     c == 0x25CF || c == 0xB7 || c == 0xF0B7 || c == 0x25AA) &&
	    (len == n || s[len] == ' '))
		return 1;
	if (c >= '0' && c <= '9') {
		while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) {
			if (s[i] == '.' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9' && i + 3 < n &&
			    s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9')
				return 0; /* "1.000 người": a figure */
			i++;
		}
		if (i < n && s[i] == ')')
			i++;
		else if (s[i - 1] != '.')
			return 0;
		return i == n || s[i] == ' ';
	}
	if (c == '(') {
		i = 1;
		size_t d = i;
		while (i < n && ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z')))
			i++;
		return i > d && i - d <= 3 && i < n && s[i] == ')';
	}
	/* a letter and ")" (or "."): "a)", "đ)" */
	if (is_lower_cp(c) && len < n && (s[len] == ')' || s[len] == '.') &&
	    (len + 1 == n || s[len + 1] == ' '))
		return s[len] == ')' || (c >= 'a' && c <= 'z');
	/* Roman numerals and "." or ")" */
	i = 0;
	while (i < n && strchr("IVXLC", s[i]) && s[i])
		i++;
	if (i > 0 && i <= 5 && i < n && (s[i] == '.' || s[i] == ')') && (i + 1 == n || s[i + 1] == ' '))
		return 1;
	/* a heading word and its number: "Điều 2.", "Chương II", "Mục 1",
	 * "Phần I", "Phụ lục 01", "Bước 1" (not "Chương trình", "Điều kiện") */
	static const char *const words[] = {"Điều ", "Chương ", "CHƯƠNG ", "Mục ", "MỤC ", "Phần ",
	                                    "PHẦN ", "Phụ lục ", "PHỤ LỤC ", "Bước "};
	for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
		size_t wl = strlen(words[k]);
		if (n > wl && memcmp(s, words[k], wl) == 0) {
			size_t j = wl;
			while (j < n && ((s[j] >= '0' && s[j] <= '9') || strchr("IVXLC", s[j])) && s[j])
				j++;
			if (j > wl && (j == n || s[j] == ' ' || s[j] == '.' || s[j] == ':' || s[j] == ')'))
				return 1;
		}
	}
	static const char appendix[] = "PHỤ LỤC";
	if (n >= sizeof appendix - 1 && memcmp(s, appendix, sizeof appendix - 1) == 0)
		return 1;
	return 0;
}

/* Join line s[0..n) to the text in b: " " between them, or for a hyphen
 * glued to a word at the end of b, nothing (and the hyphen dropped when it
 * follows a letter and s starts in lower case). */
static int join_text(struct sbuf *b, const char *s, size_t n)
{
	if (!n)
		return 0;
	if (!b->len)
		return sb_add(b, s, n, RENDER_MAX_TEXT);
	size_t hl, pl;
	uint32_t last = u8_last(b->p, b->len, &hl);
	if (last == '-' && b->len > hl) {
		uint32_t before = u8_last(b->p, b->len - hl, &pl);
		if (before != ' ') {
			size_t fl;
			uint32_t first = u8_at(s, n, &fl);
			if (is_letter_cp(before) && is_lower_cp(first))
				b->len -= hl;
			return sb_add(b, s, n, RENDER_MAX_TEXT);
		}
	}
	if (sb_add(b, " ", 1, RENDER_MAX_TEXT))
		return -1;
	return sb_add(b, s, n, RENDER_MAX_TEXT);
}

/* ---- paragraphs --------------------------------------------------------- */

static int is_centred(const struct fline *ln, const struct geom *g)
{
	float mid = (ln->x0 + ln->x1) / 2, cen = (g->L + g->R) / 2;
	return ln->x0 > g->L + ln->size && ln->x1 < g->R - ln->size && fabsf(mid - cen) < 1.5f * ln->size;
}

/* 1 when ln starts a new paragraph after the line before it. */
static int new_para(const struct fin *f, const struct fline *ln, const struct geom *g)
{
	const struct fline *p = &f->prev;
	if (!f->para_open)
		return 1;
	float sz = fmaxf2(ln->size, p->size);
	if (starts_label(ln->text, ln->len))
		return 1;
	if (fabsf(ln->size - p->size) > 1.0f || ln->bold != p->bold)
		return 1;
	if (p->page != ln->page) {
		/* over a page break: continued when the line before went to the
		 * margin and this one starts at it */
		const struct geom *pg = &f->prev_geom;
		return !(p->x1 >= pg->R - 2 * sz && ln->x0 <= g->L + 0.8f * sz);
	}
	float d = ln->y1 - p->y1;
	if (d < 0.3f * sz || d > 1.3f * g->pitch)
		return 1;
	/* a title wrapped over centred lines goes on: a line near the full
	 * width, and a shorter one under its middle */
	float pm = (p->x0 + p->x1) / 2, lm = (ln->x0 + ln->x1) / 2;
	if (p->x1 - p->x0 >= 0.8f * (g->R - g->L) && ln->x1 - ln->x0 < p->x1 - p->x0 - sz &&
	    fabsf(pm - lm) < sz && ln->x0 > g->L + sz)
		return 0;
	if (is_centred(p, g) || is_centred(ln, g))
		return 1;
	if (p->x1 < g->R - 2 * sz)
		return 1;
	if (ln->x0 > g->L + 0.8f * sz)
		return 1;
	return 0;
}

static void flow_line(struct fin *f, const struct fline *ln, const struct geom *g)
{
	if (f->failed)
		return;
	if (f->t.open)
		table_close(f);
	if (new_para(f, ln, g)) {
		para_close(f);
		f->para_open = 1;
		f->para_page = ln->page;
		f->para_no = ++f->page_para[ln->page - 1];
		f->para_enc = 0;
	}
	if (join_text(&f->para, ln->text, ln->len))
		fin_fail(f, f->para.len + ln->len + 2 > RENDER_MAX_TEXT);
	if (ln->enc)
		f->para_enc = ln->enc;
	f->prev = *ln;
	f->prev_geom = *g;
}

/* The geometry of lines[0..n): their left margin (the most frequent left
 * edge, in 2 pt steps), right margin (the farthest right edge) and line
 * pitch (the median distance of successive baselines). */
static int geometry(const struct fline *ln, size_t n, struct geom *g)
{
	g->L = 1e9f;
	g->R = -1e9f;
	float sz = 12;
	for (size_t i = 0; i < n; i++) {
		g->L = fminf2(g->L, ln[i].x0);
		g->R = fmaxf2(g->R, ln[i].x1);
	}
	if (!n) {
		g->L = 0;
		g->R = 1;
		g->pitch = 14;
		return 0;
	}
	float *v = malloc(n * sizeof *v);
	if (!v)
		return -1;
	for (size_t i = 0; i < n; i++)
		v[i] = ln[i].size;
	sz = median(v, n, 12);
	size_t k = 0;
	for (size_t i = 1; i < n; i++) {
		float d = ln[i].y1 - ln[i - 1].y1;
		if (ln[i].page == ln[i - 1].page && d > 0.5f * sz && d < 2.5f * sz)
			v[k++] = d;
	}
	g->pitch = median(v, k, 1.2f * sz);
	if (g->pitch > 1.8f * sz)
		g->pitch = 1.8f * sz; /* few lines, each its own paragraph */
	if (n >= 4) {
		/* the most frequent left edge and right edge */
		float best = 0;
		int bc = 0;
		for (size_t i = 0; i < n; i++)
			v[i] = roundf(ln[i].x0 / 2);
		qsort(v, n, sizeof *v, cmp_float);
		for (size_t i = 0; i < n;) {
			size_t j = i;
			while (j < n && v[j] - v[i] <= 1)
				j++;
			if ((int)(j - i) > bc) {
				bc = (int)(j - i);
				best = v[i];
			}
			i = j > i ? j : i + 1;
		}
		if (bc >= 2)
			g->L = best * 2 - 1;
		/* the right margin stays the farthest right edge: the most
		 * frequent one may be that of a few short lines */
	}
	free(v);
	return 0;
}

static struct fline seg_line(const struct pdf_layout *l, const struct seg *s, int page)
{
	struct fline ln;
	ln.text = l->pool.p + s->off;
	ln.len = s->len;
	ln.x0 = s->x0;
	ln.x1 = s->x1;
	ln.y0 = s->y0;
	ln.y1 = s->y1;
	ln.size = s->size;
	ln.bold = s->bold;
	ln.enc = s->enc;
	ln.page = page;
	return ln;
}

/* ---- regions: rows of pieces side by side ------------------------------ */

struct band {
	float x0, x1;
};

/* Add the pieces of a row to the bands: a piece over no band is a band of
 * its own, over one band widens it, over two or more (a merged cell) is
 * left out. Bands stay sorted. */
static void add_bands(struct band *b, size_t *nb, const struct seg *s, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		size_t hit = 0, at = 0;
		for (size_t i = 0; i < *nb; i++)
			if (s[k].x0 < b[i].x1 && b[i].x0 < s[k].x1) {
				hit++;
				at = i;
			}
		if (hit == 1) {
			float x0 = fminf2(b[at].x0, s[k].x0), x1 = fmaxf2(b[at].x1, s[k].x1);
			if ((at == 0 || x0 >= b[at - 1].x1) && (at + 1 == *nb || x1 <= b[at + 1].x0)) {
				b[at].x0 = x0;
				b[at].x1 = x1;
			}
		} else if (hit == 0 && *nb < MAX_COLS) {
			size_t i = *nb;
			while (i > 0 && b[i - 1].x0 > s[k].x0) {
				b[i] = b[i - 1];
				i--;
			}
			b[i].x0 = s[k].x0;
			b[i].x1 = s[k].x1;
			(*nb)++;
		}
	}
}

/* The band a piece lies in, or -1 when it lies over two or more. */
static int band_of(const struct band *b, size_t nb, const struct seg *s)
{
	int best = -1, hits = 0;
	float bo = 0;
	for (size_t i = 0; i < nb; i++) {
		float ov = fminf2(b[i].x1, s->x1) - fmaxf2(b[i].x0, s->x0);
		if (ov > 0) {
			hits++;
			if (ov > bo) {
				bo = ov;
				best = (int)i;
			}
		}
	}
	/* over several bands: in the one holding most of it (text running
	 * past its column's text so far), or over them all (a section row) */
	if (hits > 1 && bo < 0.6f * (s->x1 - s->x0))
		return -1;
	if (best < 0) {
		/* between bands: the one whose left edge is nearest on its left */
		for (size_t i = 0; i < nb; i++)
			if (b[i].x0 <= s->x1)
				best = (int)i;
		if (best < 0)
			best = 0;
	}
	return best;
}

/* The number of bands a piece overlaps. */
static size_t bands_hit(const struct band *b, size_t nb, const struct seg *s)
{
	size_t hit = 0;
	for (size_t i = 0; i < nb; i++)
		hit += s->x0 < b[i].x1 - 0.5f && b[i].x0 + 0.5f < s->x1;
	return hit;
}

/* 1 when a lone piece fits in one column (a wrapped line of a cell): it
 * overlaps no more than one band (a column's text so far may be narrower
 * than the column, a header centred in it), and does not start left of
 * the first. */
static int fits_band(const struct band *b, size_t nb, const struct seg *s)
{
	if (!nb || s->x0 < b[0].x0 - 0.5f * s->size)
		return 0;
	return bands_hit(b, nb, s) <= 1;
}

/* Cells being filled: one sbuf a column. */
struct cells {
	struct sbuf c[MAX_COLS];
	size_t n;
	unsigned char enc;
};

static void cells_free(struct cells *c)
{
	for (size_t i = 0; i < MAX_COLS; i++)
		free(c->c[i].p);
	memset(c, 0, sizeof *c);
}

/* Add a line to a cell: list items ("- Sở Nội vụ") joined with "; ",
 * their bullet dropped; other lines joined as a paragraph's. */
static int cell_add(struct sbuf *b, const char *s, size_t n)
{
	size_t len;
	uint32_t c = u8_at(s, n, &len);
	int bullet = (c == '-' || c == 0x2013 || c == 0x2022 || c == '+' || c == 0xB7 || c == 0xF0B7) &&
	             len < n && s[len] == ' ';
	if (bullet) {
		s += len + 1;
		n -= len + 1;
		if (b->len) {
			while (b->len && (b->p[b->len - 1] == ';' || b->p[b->len - 1] == ','))
				b->len--;
			if (sb_add(b, "; ", 2, RENDER_MAX_TEXT))
				return -1;
		}
		return sb_add(b, s, n, RENDER_MAX_TEXT);
	}
	return join_text(b, s, n);
}

/* Cells of b as malloc'd strings (a ';' left at the end of a list cell
 * dropped); NULL when memory ran out. */
static char **cells_take(struct cells *c, size_t ncols)
{
	char **v = calloc(ncols ? ncols : 1, sizeof *v);
	if (!v)
		return NULL;
	for (size_t i = 0; i < ncols; i++) {
		struct sbuf *b = &c->c[i];
		size_t n = b->len;
		while (n && (b->p[n - 1] == ' '))
			n--;
		v[i] = malloc(n + 1);
		if (!v[i]) {
			free_cells(v, i);
			return NULL;
		}
		if (n)
			memcpy(v[i], b->p, n);
		v[i][n] = 0;
	}
	return v;
}

static int cells_equal(char **a, char **b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(a[i], b[i]) != 0)
			return 0;
	return 1;
}

/* A row of column numbers: "(1)", "(2)", ... or "1", "2", ... in order. */
static int column_numbers(char **c, size_t n)
{
	int k = 0;
	for (size_t i = 0; i < n; i++) {
		const char *s = c[i];
		if (!*s)
			continue;
		char buf[16];
		snprintf(buf, sizeof buf, "(%d)", (int)i + 1);
		char buf2[16];
		snprintf(buf2, sizeof buf2, "%d", (int)i + 1);
		if (strcmp(s, buf) != 0 && strcmp(s, buf2) != 0)
			return 0;
		k++;
	}
	return k >= 3;
}

/* Start the next table row with the cells of c (taken). */
static void table_row(struct fin *f, struct cells *c, int page)
{
	struct table_state *t = &f->t;
	char **v = cells_take(c, t->ncols);
	if (!v) {
		fin_fail(f, 0);
		return;
	}
	t->rows++;
	if (t->header && (cells_equal(v, t->header, t->ncols) || column_numbers(v, t->ncols))) {
		free_cells(v, t->ncols);  /* a header repeated on a page, or column numbers */
		return;
	}
	if (!t->header && column_numbers(v, t->ncols)) {
		free_cells(v, t->ncols);
		return;
	}
	table_flush_row(f);
	if (!t->header) {
		t->header = calloc(t->ncols, sizeof *t->header);
		if (!t->header) {
			free_cells(v, t->ncols);
			fin_fail(f, 0);
			return;
		}
		for (size_t i = 0; i < t->ncols; i++) {
			t->header[i] = strdup(v[i]);
			if (!t->header[i]) {
				fin_fail(f, 0);
				break;
			}
		}
	}
	t->pend = v;
	t->pend_page = page;
	t->pend_row = t->rows;
	t->pend_enc = c->enc;
}

/* Join cells c to the row waiting (its text cut by a page break). */
static void table_continue_row(struct fin *f, struct cells *c)
{
	struct table_state *t = &f->t;
	if (!t->pend)
		return;
	for (size_t i = 0; i < t->ncols; i++) {
		if (!c->c[i].len)
			continue;
		struct sbuf b = {0};
		if (sb_add(&b, t->pend[i], strlen(t->pend[i]), RENDER_MAX_TEXT) ||
		    cell_add(&b, c->c[i].p, c->c[i].len)) {
			free(b.p);
			fin_fail(f, 0);
			return;
		}
		free(t->pend[i]);
		t->pend[i] = b.p;
	}
	if (c->enc)
		t->pend_enc = c->enc;
}

/* The number of code points of s[0..n), and of its first word in *first. */
static size_t cp_count(const char *s, size_t n, size_t *first)
{
	size_t k = 0, len;
	*first = 0;
	for (size_t i = 0; i < n; i += len) {
		uint32_t c = u8_at(s + i, n - i, &len);
		if (!len)
			break;
		if (c == ' ' && !*first)
			*first = k;
		k++;
	}
	if (!*first)
		*first = k;
	return k;
}

/* How the last line of each cell being filled ended. */
struct cell_prev {
	unsigned char has, spaced;  /* a line came; it holds a space */
	float x1, item_x0;          /* its right end; where the cell's first item starts */
};

/* The next line s[0..n) of a cell (its pieces from x0 to x1, in size sz;
 * lim: the right end of the cell's room) after the line pv. A line that
 * starts with "- " after a line that did not end a list item ("- Sở Lao
 * động" / "- Thương binh và Xã hội", wrapped at the spaced dash) goes on
 * with its item: when the line before ends with ";", ",", "." or ":", or
 * the first word of this one would have fitted after it, or it starts at
 * the cell's first item, it starts an item of its own; when unsure, the
 * item goes on. A word the cell is too narrow for, cut between letters
 * ("ST" / "T"), is joined again (not in the last column, whose right end
 * is a guess). Returns -1 when memory ran out. */
static int cell_line(struct sbuf *b, struct cell_prev *pv, const char *s, size_t n, float x0, float x1,
                     float sz, float lim, int last_col)
{
	size_t first, ncp = cp_count(s, n, &first);
	float cw = ncp ? (x1 - x0) / (float)ncp : sz / 2;
	int spaced = memchr(s, ' ', n) != NULL;
	int rc;
	size_t len;
	uint32_t c0 = u8_at(s, n, &len);
	int bullet = (c0 == '-' || c0 == 0x2013 || c0 == 0x2022 || c0 == '+' || c0 == 0xB7 || c0 == 0xF0B7) &&
	             len < n && s[len] == ' ';
	if (pv->has && b->len) {
		size_t ll;
		uint32_t last = u8_last(b->p, b->len, &ll);
		float room = lim - pv->x1;
		if (bullet) {
			int ends = last == ';' || last == ',' || last == '.' || last == ':';
			int fits = 0.25f * sz + cw * (float)first + 0.3f * sz <= room;
			int hanging = x0 > pv->item_x0 + 0.5f * sz;
			if (!ends && (hanging || !fits)) {
				rc = join_text(b, s, n);
				goto done;
			}
		} else if (!last_col && !pv->spaced && is_letter_cp(last) && is_letter_cp(c0) && cw > room &&
		           pv->x1 - pv->item_x0 + cw * (float)first > lim - pv->item_x0) {
			/* a word cut between letters: the next letter did not fit,
			 * nor would the word on a line of its own */
			rc = sb_add(b, s, n, RENDER_MAX_TEXT);
			goto done;
		}
	}
	if (!pv->has || !b->len)
		pv->item_x0 = x0;
	rc = cell_add(b, s, n);
done:
	pv->has = 1;
	pv->spaced = (unsigned char)spaced;
	pv->x1 = x1;
	return rc;
}

/* The cells of rows [r0, r1) of a region starting at row a of page pg:
 * each piece into the column map gives its band (a section row's text
 * all in the first); lim[band]: the right end of the band's cells' room. */
static void fill_cells(struct fin *f, const struct page *pg, size_t a, size_t r0, size_t r1,
                       int section, const size_t *map, const float *lim, size_t nb, struct cells *c)
{
	struct pdf_layout *l = f->l;
	struct cell_prev pv[MAX_COLS];
	memset(pv, 0, sizeof pv);
	for (size_t i = r0; i < r1 && !f->failed; i++) {
		struct row *r = &l->rows[pg->row + a + i];
		if (r->drop)
			continue;
		size_t k = 0;
		while (k < r->nseg && !f->failed) {
			struct seg *s = &l->segs[r->seg + k];
			int bi = s->band < 0 ? 0 : s->band;
			size_t col = section ? 0 : map[bi];
			/* pieces of one band on one row: one line */
			struct sbuf line = {0};
			size_t q = k;
			float x1 = s->x1;
			while (q < r->nseg && (l->segs[r->seg + q].band < 0 ? 0 : l->segs[r->seg + q].band) == bi) {
				const struct seg *sq = &l->segs[r->seg + q];
				if ((line.len && sb_add(&line, " ", 1, RENDER_MAX_TEXT)) ||
				    sb_add(&line, l->pool.p + sq->off, sq->len, RENDER_MAX_TEXT))
					fin_fail(f, 0);
				if (sq->enc)
					c->enc = sq->enc;
				x1 = sq->x1;
				q++;
				if (section)
					break;
			}
			if (line.len && col < MAX_COLS) {
				int rc = section ? cell_add(&c->c[col], line.p, line.len)
				                 : cell_line(&c->c[col], &pv[col], line.p, line.len, s->x0, x1, s->size,
				                             lim[bi], (size_t)bi + 1 >= nb);
				if (rc)
					fin_fail(f, 0);
			}
			free(line.p);
			k = q;
		}
	}
}

/* A row's number in the first column: "1", "12", "1.2", "2.", "IV", "a)". */
static int is_row_number(const char *s, size_t n)
{
	if (!n || n > 8)
		return 0;
	size_t d = 0, r = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			d++;
		else if (strchr("IVXLC", s[i]) && s[i])
			r++;
		else if (s[i] != '.' && s[i] != ')')
			return n == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] == ')';
	}
	return (d > 0) != (r > 0);
}

/* Render rows [a, b) of page p as a data table of bands bd[0..nb). */
static void render_table(struct fin *f, size_t p, size_t a, size_t b, const struct band *bd, size_t nb,
                         const struct geom *pageg)
{
	struct pdf_layout *l = f->l;
	struct page *pg = &l->pages[p];
	struct table_state *t = &f->t;
	size_t n = b - a;
	int page = (int)p + 1;
	/* columns: continue the open table when the columns line up */
	size_t map[MAX_COLS];
	int cont = 0;
	if (t->open && (t->page == page - 1 || t->page == page) && nb <= t->ncols) {
		/* each band over the column it overlaps most, in order */
		cont = 1;
		for (size_t i = 0; i < nb && cont; i++) {
			size_t best = 0;
			float bo = 0;
			for (size_t j = 0; j < t->ncols; j++) {
				float ov = fminf2(t->bx1[j], bd[i].x1) - fmaxf2(t->bx0[j], bd[i].x0);
				if (ov > bo) {
					bo = ov;
					best = j;
				}
			}
			if (bo <= 0 || (i && best <= map[i - 1]))
				cont = 0;
			map[i] = best;
		}
		for (size_t i = 0; i < nb && cont; i++) {
			t->bx0[map[i]] = fminf2(t->bx0[map[i]], bd[i].x0);
			t->bx1[map[i]] = fmaxf2(t->bx1[map[i]], bd[i].x1);
		}
	}
	if (!cont) {
		para_close(f);
		table_close(f);
		t->open = 1;
		t->number = ++f->tables;
		t->rows = 0;
		t->ncols = nb;
		for (size_t i = 0; i < nb; i++) {
			map[i] = i;
			t->bx0[i] = bd[i].x0;
			t->bx1[i] = bd[i].x1;
		}
	}
	t->page = page;
	size_t ncols = t->ncols;
	/* each row's kind: a section row (one piece over the bands), or a start
	 * (a piece in the first band) */
	unsigned char *kind = calloc(n ? n : 1, 1); /* 1 start, 2 section */
	if (!kind) {
		fin_fail(f, 0);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct row *r = &l->rows[pg->row + a + i];
		for (size_t k = 0; k < r->nseg; k++) {
			struct seg *s = &l->segs[r->seg + k];
			s->band = band_of(bd, nb, s);
		}
		struct seg *s0 = &l->segs[r->seg];
		/* one piece from the first column over the next ones */
		if (r->nseg == 1 && nb >= 2 && s0->x0 < bd[0].x1 && s0->x1 > bd[1].x0 + 0.5f * s0->size)
			kind[i] = 2;
		else if (s0->band == 0 && map[0] == 0)
			kind[i] = 1;
	}
	/* the cells' room: each band's to the next band less the narrowest gap
	 * between bands (the cells' padding), the last one's to the page's text */
	float lim[MAX_COLS], mingap = 1e9f, right = 0;
	for (size_t i = 0; i + 1 < nb; i++)
		mingap = fminf2(mingap, bd[i + 1].x0 - bd[i].x1);
	if (mingap < 0 || mingap > 1e8f)
		mingap = 0;
	for (size_t i = 0; i < pg->nrow; i++) {
		const struct row *r = &l->rows[pg->row + i];
		if (!r->drop && r->nseg)
			right = fmaxf2(right, l->segs[r->seg + r->nseg - 1].x1);
	}
	for (size_t i = 0; i < nb; i++)
		lim[i] = i + 1 < nb ? bd[i + 1].x0 - mingap : fmaxf2(fmaxf2(right, pageg->R), bd[i].x1);
	/* the line pitch in a cell (per point of size): the smallest step
	 * between lines of one column on rows with nothing in the first (rows
	 * that go on with a row above) */
	float pitch = -1;
	for (size_t i = 1; i < n; i++) {
		const struct row *r0 = &l->rows[pg->row + a + i - 1], *r1 = &l->rows[pg->row + a + i];
		if (l->segs[r1->seg].band == 0)
			continue;
		for (size_t k = 0; k < r1->nseg; k++) {
			const struct seg *sk = &l->segs[r1->seg + k];
			for (size_t q = 0; q < r0->nseg; q++) {
				const struct seg *sq = &l->segs[r0->seg + q];
				float d = sk->y1 - sq->y1;
				if (sq->band != sk->band || sk->band < 0 || fabsf(sq->size - sk->size) >= 0.6f ||
				    sk->size <= 0 || d < 0.5f * sk->size)
					continue;
				if (pitch < 0 || d / sk->size < pitch)
					pitch = d / sk->size;
			}
		}
	}
	/* a line in the first column no farther below the line above than a
	 * cell's pitch goes on with its cell ("ST" / "T" in a narrow column),
	 * unless it is a row's number */
	for (size_t i = 1; i < n && pitch > 0; i++) {
		if (kind[i] != 1)
			continue;
		const struct row *r0 = &l->rows[pg->row + a + i - 1], *r1 = &l->rows[pg->row + a + i];
		const struct seg *s0 = &l->segs[r1->seg];
		if (r1->y1 - r0->y1 <= pitch * s0->size + 0.25f && !is_row_number(l->pool.p + s0->off, s0->len))
			kind[i] = 0;
	}
	/* the rows of the table: each starts at a start or a section row; the
	 * boundary before it is the widest gap since the last start (ties go to
	 * the latest), so that text centred in its cell stays in its row */
	size_t *start = calloc(n + 1, sizeof *start);
	if (!start) {
		free(kind);
		fin_fail(f, 0);
		return;
	}
	size_t ns = 0, last = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		if (!kind[i])
			continue;
		if (last == (size_t)-1 || kind[i] == 2 || kind[last] == 2) {
			start[ns++] = i;
		} else {
			size_t bi = i;
			float bg = -1e9f;
			for (size_t q = last + 1; q <= i; q++) {
				struct row *r0 = &l->rows[pg->row + a + q - 1], *r1 = &l->rows[pg->row + a + q];
				float g = r1->y0 - r0->y1;
				if (g >= bg - 0.75f) {
					if (g > bg)
						bg = g;
					bi = q;
				}
			}
			/* ties go to the latest: bi is the last within 0.75 pt of the widest */
			start[ns++] = bi;
		}
		last = i;
	}
	start[ns] = n;
	/* a continued table's header repeated on this page: left out */
	size_t skip = 0;
	struct cells c = {0};
	if (cont && t->header) {
		for (size_t k = 1; k <= n && k <= 8 && !skip && !f->failed; k++) {
			memset(&c, 0, sizeof c);
			fill_cells(f, pg, a, 0, k, 0, map, lim, nb, &c);
			int same = 1;
			for (size_t q = 0; q < ncols && same; q++)
				same = strlen(t->header[q]) == c.c[q].len &&
				       (!c.c[q].len || memcmp(t->header[q], c.c[q].p, c.c[q].len) == 0);
			if (same) {
				skip = k;
				t->rows++;
			}
			cells_free(&c);
		}
	}
	/* rows before the first start: the row cut by the page break, or the
	 * first row */
	size_t first = n;
	for (size_t g = 0; g < ns; g++)
		if (start[g] >= skip) {
			first = start[g];
			break;
		}
	for (size_t g = 0; g <= ns && !f->failed; g++) {
		size_t r0 = g == 0 ? skip : start[g - 1], r1 = g == 0 ? first : start[g];
		if (g > 0 && r0 < skip)
			continue;
		if (r0 >= r1)
			continue;
		memset(&c, 0, sizeof c);
		int section = g > 0 && kind[r0] == 2;
		fill_cells(f, pg, a, r0, r1, section, map, lim, nb, &c);
		if (g == 0 && cont && t->pend)
			table_continue_row(f, &c);
		else
			table_row(f, &c, page);
		cells_free(&c);
	}
	free(start);
	free(kind);
}

/* Render rows [a, b) of page p as a layout table: each band's lines as
 * paragraphs, left band first. */
static void render_layout(struct fin *f, size_t p, size_t a, size_t b, const struct band *bd, size_t nb,
                          const struct geom *pageg)
{
	struct pdf_layout *l = f->l;
	struct page *pg = &l->pages[p];
	para_close(f);
	table_close(f);
	struct fline *ln = malloc((b - a + 1) * sizeof *ln);
	if (!ln) {
		fin_fail(f, 0);
		return;
	}
	for (size_t c = 0; c < nb && !f->failed; c++) {
		size_t n = 0;
		for (size_t i = a; i < b; i++) {
			struct row *r = &l->rows[pg->row + i];
			for (size_t k = 0; k < r->nseg; k++) {
				struct seg *s = &l->segs[r->seg + k];
				int bi = band_of(bd, nb, s);
				if ((bi < 0 ? 0 : (size_t)bi) != c)
					continue;
				if (n && ln[n - 1].y1 == s->y1 && ln[n - 1].text + ln[n - 1].len + 1 ==
				                                     l->pool.p + s->off) {
					/* a second piece of the column on this row: joined */
					ln[n - 1].len += 1 + s->len;
					ln[n - 1].x1 = s->x1;
					continue;
				}
				ln[n++] = seg_line(l, s, (int)p + 1);
				if (n == b - a + 1)
					break;
			}
			if (n == b - a + 1)
				break;
		}
		struct geom g;
		if (geometry(ln, n, &g)) {
			fin_fail(f, 0);
			break;
		}
		/* a column's lines are short: judge them against the column's
		 * room, from the page's margin or the column before to the
		 * column after or the margin */
		g.L = c == 0 ? fminf2(pageg->L, bd[0].x0) : bd[c - 1].x1;
		g.R = c + 1 == nb ? fmaxf2(pageg->R, bd[c].x1) : bd[c + 1].x0;
		for (size_t i = 0; i < n; i++) {
			g.L = fminf2(g.L, ln[i].x0);
			g.R = fmaxf2(g.R, ln[i].x1);
		}
		/* a column's paragraphs one under the other, as a Word reader
		 * writes a cell's: a blank line only between the columns */
		f->tight = 1;
		f->tight_skip = 0;
		for (size_t i = 0; i < n; i++)
			flow_line(f, &ln[i], &g);
		para_close(f);
		f->tight = 0;
		f->tight_skip = 0;
	}
	free(ln);
}

/* The flow rows [a, b) of page p (one piece each, or pieces joined). */
static void render_flow(struct fin *f, size_t p, const size_t *rows, size_t n, const struct geom *g)
{
	struct pdf_layout *l = f->l;
	struct page *pg = &l->pages[p];
	for (size_t i = 0; i < n && !f->failed; i++) {
		struct row *r = &l->rows[pg->row + rows[i]];
		struct fline ln = seg_line(l, &l->segs[r->seg], (int)p + 1);
		struct sbuf joined = {0};
		if (r->nseg > 1) {
			for (size_t k = 0; k < r->nseg; k++) {
				const struct seg *s = &l->segs[r->seg + k];
				if ((k && sb_add(&joined, " ", 1, RENDER_MAX_TEXT)) ||
				    sb_add(&joined, l->pool.p + s->off, s->len, RENDER_MAX_TEXT))
					fin_fail(f, 0);
				ln.x1 = s->x1;
				ln.bold = ln.bold && s->bold;
				if (s->enc)
					ln.enc = s->enc;
			}
			ln.text = joined.p ? joined.p : "";
			ln.len = joined.len;
		}
		if (!f->failed)
			flow_line(f, &ln, g);
		free(joined.p);
	}
}

/* ---- the extent of a region ------------------------------------------- */

enum { REG_TABLE = 1, REG_LAYOUT = 2 };

/* 1 when the pieces of row r lie in the columns bd (most of them each in
 * one column). */
static int row_fits(const struct pdf_layout *l, const struct row *r, const struct band *bd, size_t nb)
{
	size_t fit = 0;
	for (size_t k = 0; k < r->nseg; k++) {
		const struct seg *sk = &l->segs[r->seg + k];
		size_t hit = 0;
		for (size_t q = 0; q < nb; q++)
			hit += sk->x0 < bd[q].x1 && bd[q].x0 < sk->x1;
		fit += hit == 1;
	}
	return 2 * fit >= r->nseg + 1;
}

/* "Nơi nhận" (any case) at the start of s[0..n). */
static int is_recipients(const char *s, size_t n)
{
	return (n >= strlen("Nơi nhận") && memcmp(s, "Nơi nhận", strlen("Nơi nhận")) == 0) ||
	       (n >= strlen("NƠI NHẬN") && memcmp(s, "NƠI NHẬN", strlen("NƠI NHẬN")) == 0);
}

/* The end (exclusive, in kept[]) of the data table whose first row of
 * pieces is kept[i]. On go rows of pieces in its columns; a lone line in
 * one column when it is the next line of a cell (under a line of that
 * column, at a cell's line pitch, in its size) or when rows of the table
 * follow it; a line or two over the columns (a section row) when rows of
 * the table follow. Anything else ends it: a body line over the width,
 * a short line alone in a column with no cell above it, the closing's two
 * columns, a gap wider than rows of a table stand apart. tb[0..ntb): the
 * columns of the table open from the page before, which this one may go
 * on with (its header repeated above a row's rest), or none. */
static size_t table_extent(const struct pdf_layout *l, const struct page *pg, const size_t *kept,
                           size_t nk, size_t i, const struct band *tb, size_t ntb)
{
	struct band bd[MAX_COLS];
	size_t nb = 0;
	int cont = ntb > 0;
	const struct row *r = &l->rows[pg->row + kept[i]];
	for (size_t q = 0; q < ntb && q < MAX_COLS; q++)
		bd[nb++] = tb[q];
	add_bands(bd, &nb, l->segs + r->seg, r->nseg);
	float lh = r->y1 - r->y0;
	size_t j = i + 1;
#define KROW(q) (&l->rows[pg->row + kept[q]])
	while (j < nk) {
		const struct row *rj = KROW(j), *rp = KROW(j - 1);
		if (rj->y0 - rp->y1 > 4.0f * lh)
			break;
		const struct seg *sj = &l->segs[rj->seg];
		if (rj->nseg >= 2) {
			/* a table's row puts each piece in one column: a row of
			 * pieces over none or several (the closing after a table)
			 * ends it */
			if (!row_fits(l, rj, bd, nb) || is_recipients(l->pool.p + sj->off, sj->len))
				break;
			add_bands(bd, &nb, l->segs + rj->seg, rj->nseg);
			j++;
			continue;
		}
		/* the table goes on below: a row of pieces in its columns, after
		 * a section title of one or two lines, or after lines each in one
		 * column (cells' lines) */
		size_t k = j + 1;
		if (k < nk && KROW(k)->nseg == 1 && bands_hit(bd, nb, &l->segs[KROW(k)->seg]) >= 2)
			k++;
		else
			while (k < nk && k < j + 64 && KROW(k)->nseg == 1 &&
			       fits_band(bd, nb, &l->segs[KROW(k)->seg]) &&
			       KROW(k)->y0 - KROW(k - 1)->y1 <= 1.0f * lh)
				k++;
		int goes_on = k < nk && KROW(k)->nseg >= 2 && KROW(k)->y0 - KROW(k - 1)->y1 <= 4.0f * lh &&
		              row_fits(l, KROW(k), bd, nb);
		size_t sect = j + 1;
		if (sect < nk && KROW(sect)->nseg == 1 && bands_hit(bd, nb, &l->segs[KROW(sect)->seg]) >= 2)
			sect++;
		if (fits_band(bd, nb, sj)) {
			int b = band_of(bd, nb, sj);
			int under = 0;
			for (size_t q = 0; q < rp->nseg && !under; q++) {
				const struct seg *sq = &l->segs[rp->seg + q];
				float step = sj->y1 - sq->y1;
				under = band_of(bd, nb, sq) == b && fabsf(sq->size - sj->size) < 0.6f && step > 0 &&
				        step <= (cont ? 3.0f : 2.0f) * fmaxf2(sj->size, 1);
			}
			/* under a table's header repeated on a new page, the rest of
			 * the row the page break cut */
			int rest = cont && sj->y1 - rp->y1 > 0 && sj->y1 - rp->y1 <= 3.0f * fmaxf2(sj->size, 1);
			if (under || goes_on || rest) {
				j++;
				continue;
			}
			break;
		}
		if (bands_hit(bd, nb, sj) >= 2 && goes_on && k == sect && sj->x0 < bd[nb - 1].x0) {
			j = k; /* the section row (one or two lines) */
			continue;
		}
		break;
	}
#undef KROW
	return j;
}

/* How the lines of a column of a layout block line up. */
struct colalign {
	int n;
	float x0, mid, size;  /* of its first line */
	int left, centre;     /* every line so far starts at x0 / is centred on mid */
	float last_y1;
	float step;           /* the widest step between its lines so far */
};

static void col_add(struct colalign *c, const struct seg *s)
{
	float mid = (s->x0 + s->x1) / 2;
	if (!c->n) {
		c->x0 = s->x0;
		c->mid = mid;
		c->size = s->size;
		c->left = c->centre = 1;
	} else {
		float sz = fmaxf2(c->size, s->size);
		if (fabsf(s->x0 - c->x0) > 0.5f * sz)
			c->left = 0;
		if (fabsf(mid - c->mid) > 1.0f * sz)
			c->centre = 0;
	}
	if (c->n && s->y1 - c->last_y1 > c->step)
		c->step = s->y1 - c->last_y1;
	c->n++;
	c->last_y1 = s->y1;
}

/* 1 when s lines up with the column: at its left edge (left) or on its
 * middle (centre), as its lines do. */
static int col_aligned(const struct colalign *c, const struct seg *s, int left, int centre)
{
	if (!c->n)
		return 0;
	float sz = fmaxf2(c->size, s->size);
	float mid = (s->x0 + s->x1) / 2;
	/* one line says little: centred lines also start apart */
	int is_left = c->left && (c->n >= 2 || !centre || fabsf(mid - c->mid) > 1.0f * sz);
	int is_centre = c->centre && (c->n >= 2 || !left || fabsf(s->x0 - c->x0) > 0.5f * sz);
	return (left && is_left && fabsf(s->x0 - c->x0) <= 0.5f * sz) ||
	       (centre && is_centre && fabsf(mid - c->mid) <= 1.0f * sz && s->x0 > c->x0 - 3 * sz);
}

/* The end (exclusive, in kept[]) of the layout block of two columns whose
 * first row is kept[i], and its two columns in lb. On go rows of two
 * pieces, one in each column; a line alone in a column goes on when it
 * lines up with that column's lines and comes at their pitch: in the right
 * column (the rest of the Quốc hiệu and the date; in the closing, the
 * signer's name after the room for the signature), in the left one when
 * its lines are centred in it (the issuer), or in the closing (the "Nơi
 * nhận" list), or in the header for its number ("Số: ...", "V/v ..."). A
 * line over both columns, a line at the page's left margin under a header
 * whose left column starts there (the title "KẾ HOẠCH"), three pieces (a
 * data table) or a wide gap end it. */
static size_t layout_extent(const struct pdf_layout *l, const struct page *pg, const size_t *kept,
                            size_t nk, size_t i, struct band *lb)
{
	const struct row *r = &l->rows[pg->row + kept[i]];
	const struct seg *s0 = &l->segs[r->seg], *s1 = s0 + 1;
	struct colalign col[2];
	memset(col, 0, sizeof col);
	lb[0].x0 = s0->x0;
	lb[0].x1 = s0->x1;
	lb[1].x0 = s1->x0;
	lb[1].x1 = s1->x1;
	col_add(&col[0], s0);
	col_add(&col[1], s1);
	int closing = is_recipients(l->pool.p + s0->off, s0->len) ||
	              (s1->len >= 4 && (memcmp(l->pool.p + s1->off, "TM.", 3) == 0 ||
	                                memcmp(l->pool.p + s1->off, "KT.", 3) == 0 ||
	                                memcmp(l->pool.p + s1->off, "T/M", 3) == 0));
	float lh = r->y1 - r->y0;
	size_t j = i + 1;
	while (j < nk) {
		const struct row *rj = &l->rows[pg->row + kept[j]], *rp = &l->rows[pg->row + kept[j - 1]];
		const struct seg *a = &l->segs[rj->seg];
		if (rj->nseg >= 3)
			break;
		if (rj->nseg == 2) {
			const struct seg *b = a + 1;
			if (rj->y0 - rp->y1 > 2.5f * lh || a->x0 >= lb[1].x0 || a->x1 > b->x0 ||
			    b->x1 <= lb[0].x1 || b->x0 < lb[0].x1 - 0.5f * b->size)
				break;
			lb[0].x0 = fminf2(lb[0].x0, a->x0);
			lb[0].x1 = fmaxf2(lb[0].x1, a->x1);
			lb[1].x0 = fminf2(lb[1].x0, b->x0);
			lb[1].x1 = fmaxf2(lb[1].x1, b->x1);
			col_add(&col[0], a);
			col_add(&col[1], b);
			j++;
			continue;
		}
		int c;
		if (a->x1 <= lb[1].x0 + 0.5f * a->size)
			c = 0;
		else if (a->x0 >= lb[0].x1 - 0.5f * a->size)
			c = 1;
		else
			break; /* over both columns */
		float step = a->y1 - col[c].last_y1;
		float most = fmaxf2(1.7f * a->size, 1.25f * col[c].step);
		int ok;
		if (c == 1) {
			ok = col_aligned(&col[1], a, 1, 1);
			if (closing)
				most = 8.0f * a->size; /* the room for the signature */
		} else {
			size_t len = a->len;
			const char *t = l->pool.p + a->off;
			int number = (len >= 4 && memcmp(t, "Số", strlen("Số")) == 0) ||
			             (len >= 3 && (memcmp(t, "V/v", 3) == 0 || memcmp(t, "v/v", 3) == 0));
			ok = col_aligned(&col[0], a, closing || number, 1);
		}
		/* centred lines of the two columns on baselines of their own
		 * (the sizes or the spacing differ) take turns: under the other
		 * column's line and close to it, a centred line may come two
		 * lines below its column's last (a line at a column's left edge
		 * after a skipped line is the text after the block) */
		if (rp->nseg == 1 && rj->y0 - rp->y1 <= 0.5f * a->size && col_aligned(&col[c], a, 0, 1) &&
		    (c == 0 ? l->segs[rp->seg].x0 >= lb[0].x1 - 0.5f * a->size
		            : l->segs[rp->seg].x1 <= lb[1].x0 + 0.5f * a->size))
			most = fmaxf2(most, 3.0f * a->size);
		if (!ok || step <= 0 || step > most)
			break;
		lb[c].x0 = fminf2(lb[c].x0, a->x0);
		lb[c].x1 = fmaxf2(lb[c].x1, a->x1);
		col_add(&col[c], a);
		j++;
	}
	return j;
}

/* The regions of page p and its flow, in order. */
static void render_page(struct fin *f, size_t p, struct geom *last_geom)
{
	struct pdf_layout *l = f->l;
	struct page *pg = &l->pages[p];
	size_t nr = pg->nrow;
	/* kept rows */
	size_t *kept = malloc((nr ? nr : 1) * sizeof *kept);
	size_t *flow = malloc((nr ? nr : 1) * sizeof *flow);
	struct fline *fl = calloc(nr ? nr : 1, sizeof *fl);
	unsigned char *region = calloc(nr ? nr : 1, 1);
	if (!kept || !flow || !fl || !region) {
		free(kept);
		free(flow);
		free(fl);
		free(region);
		fin_fail(f, 0);
		return;
	}
	size_t nk = 0;
	for (size_t i = 0; i < nr; i++)
		if (!l->rows[pg->row + i].drop)
			kept[nk++] = i;
	/* regions: a data table from a row of three or more pieces, a layout
	 * block (the header's or the closing's two columns) from a row of two;
	 * each goes on while rows belong to it (table_extent, layout_extent) */
	struct band bd[MAX_COLS];
	size_t nb;
	struct {
		size_t a, b;  /* kept[a..b) */
		int kind;     /* REG_TABLE, REG_LAYOUT */
		struct band lb[2];
	} reg[256];
	size_t nreg = 0;
	for (size_t i = 0; i < nk;) {
		struct row *r = &l->rows[pg->row + kept[i]];
		const struct seg *s = &l->segs[r->seg];
		int kind = r->nseg >= 3 ? REG_TABLE : r->nseg == 2 ? REG_LAYOUT : 0;
		if (kind == REG_LAYOUT) {
			/* two pieces over the rows of a data table (a row whose other
			 * cells are empty) */
			if (i + 1 < nk && l->rows[pg->row + kept[i + 1]].nseg >= 3)
				kind = REG_TABLE;
			/* a body line cut by a wide space is no region */
			const struct seg *s1 = s + 1;
			size_t nx = i + 1 < nk ? kept[i + 1] : (size_t)-1;
			int next_multi = nx != (size_t)-1 && l->rows[pg->row + nx].nseg >= 2;
			size_t pv = i ? kept[i - 1] : (size_t)-1;
			int prev_multi = pv != (size_t)-1 && l->rows[pg->row + pv].nseg >= 2;
			if (!next_multi && !prev_multi && s1->x0 - s->x1 < 1.5f * fmaxf2(s->size, s1->size))
				kind = 0;
		}
		/* a table open from the page before goes on with rows of pieces
		 * in its columns */
		struct band tb[MAX_COLS];
		size_t ntb = 0;
		if (f->t.open && f->t.page == (int)p && f->t.ncols >= 3 && nreg == 0) {
			for (size_t q = 0; q < f->t.ncols; q++) {
				tb[q].x0 = f->t.bx0[q];
				tb[q].x1 = f->t.bx1[q];
			}
			ntb = f->t.ncols;
			if (kind == REG_LAYOUT && row_fits(l, r, tb, ntb))
				kind = REG_TABLE;
		}
		if (!kind || nreg == sizeof reg / sizeof *reg) {
			i++;
			continue;
		}
		size_t from = i, end;
		if (kind == REG_TABLE) {
			/* a table open from the page before: the lines above the first
			 * row of pieces that fit its columns are the rest of its last row */
			if (ntb && i > 0) {
				size_t q = i;
				while (q > 0) {
					struct row *rq = &l->rows[pg->row + kept[q - 1]];
					if (rq->nseg != 1 || !fits_band(tb, f->t.ncols, &l->segs[rq->seg]))
						break;
					q--;
				}
				if (q == 0)
					from = 0;
			}
			end = table_extent(l, pg, kept, nk, i, tb, ntb);
		} else {
			end = layout_extent(l, pg, kept, nk, i, reg[nreg].lb);
		}
		reg[nreg].a = from;
		reg[nreg].b = end;
		reg[nreg].kind = kind;
		nreg++;
		for (size_t q = from; q < end; q++)
			region[q] = 1;
		i = end;
	}
	/* the flow's geometry: every row outside the regions */
	size_t nfl = 0;
	for (size_t i = 0; i < nk; i++)
		if (!region[i])
			fl[nfl++] = seg_line(l, &l->segs[l->rows[pg->row + kept[i]].seg], (int)p + 1);
	struct geom g;
	if (geometry(fl, nfl, &g)) {
		fin_fail(f, 0);
	} else {
		if (nfl < 5 && last_geom->R > last_geom->L && p > 0 &&
		    fabsf(l->pages[p - 1].w - pg->w) < 1)
			g = *last_geom;
		*last_geom = g;
	}
	/* in order: flow runs and regions */
	size_t ri = 0;
	for (size_t i = 0; i < nk && !f->failed;) {
		if (ri < nreg && reg[ri].a == i) {
			size_t a = kept[reg[ri].a], b = kept[reg[ri].b - 1] + 1;
			/* the bands, from the row of most pieces first */
			nb = 0;
			size_t most = reg[ri].a;
			for (size_t q = reg[ri].a; q < reg[ri].b; q++)
				if (l->rows[pg->row + kept[q]].nseg > l->rows[pg->row + kept[most]].nseg)
					most = q;
			struct row *rm = &l->rows[pg->row + kept[most]];
			add_bands(bd, &nb, l->segs + rm->seg, rm->nseg);
			for (size_t q = reg[ri].a; q < reg[ri].b; q++) {
				struct row *rq = &l->rows[pg->row + kept[q]];
				if (rq->nseg >= 2)
					add_bands(bd, &nb, l->segs + rq->seg, rq->nseg);
			}
			/* rows in [a, b) that were dropped (page numbers) are skipped by
			 * both renderers through their pieces' rows being kept only */
			if (reg[ri].kind == REG_TABLE && nb >= 3)
				render_table(f, p, a, b, bd, nb, &g);
			else if (reg[ri].kind == REG_TABLE)
				render_layout(f, p, a, b, bd, nb, &g);
			else
				render_layout(f, p, a, b, reg[ri].lb, 2, &g);
			i = reg[ri].b;
			ri++;
			continue;
		}
		size_t n = 0;
		while (i < nk && !(ri < nreg && reg[ri].a == i))
			flow[n++] = kept[i++];
		render_flow(f, p, flow, n, &g);
	}
	free(kept);
	free(flow);
	free(fl);
	free(region);
}

int pdf_layout_finish(struct pdf_layout *l, struct rendering *out, char *why, size_t whylen)
{
	if (!out)
		return PH_EINVAL;
	memset(out, 0, sizeof *out);
	if (!l)
		return PH_EINVAL;
	if (!l->nsegs) {
		render_say(why, whylen, "the PDF holds no text");
		return PH_EEMPTY;
	}
	struct fin f;
	memset(&f, 0, sizeof f);
	f.l = l;
	f.page_para = calloc(l->npages ? l->npages : 1, sizeof *f.page_para);
	if (!f.page_para || drop_running(l)) {
		free(f.page_para);
		render_say(why, whylen, "out of memory laying out the PDF's text");
		return PH_ENOMEM;
	}
	struct geom last = {0, 0, 14};
	for (size_t p = 0; p < l->npages && !f.failed; p++)
		render_page(&f, p, &last);
	para_close(&f);
	table_close(&f);
	free(f.page_para);
	free(f.para.p);
	if (!f.failed && !f.out.len)
		f.failed = 2;
	char *nfc = NULL;
	if (!f.failed) {
		nfc = text_nfc(f.out.p, f.out.len);
		if (!nfc)
			f.failed = 1;
	}
	if (f.failed) {
		free(f.out.p);
		free(f.places.p);
		free(nfc);
		if (f.failed == 2) {
			render_say(why, whylen, "the PDF holds no text outside its headers and footers");
			return PH_EEMPTY;
		}
		if (f.toobig) {
			render_say(why, whylen, "the text of the PDF is over %u bytes", RENDER_MAX_TEXT);
			return PH_ETOOBIG;
		}
		render_say(why, whylen, "out of memory laying out the PDF's text");
		return PH_ENOMEM;
	}
	free(f.out.p);
	out->text = nfc;
	out->len = strlen(nfc);
	out->places = f.places.p;
	out->places_len = f.places.len;
	if (l->legacy) {
		out->notes = calloc(1, sizeof *out->notes);
		char buf[256];
		snprintf(buf, sizeof buf,
		         "Văn bản gõ bằng bảng mã %s (phông %s), đã được chuyển sang Unicode: cần kiểm tra lại chữ",
		         legacy_name(l->legacy), l->legacy_font[0] ? l->legacy_font : "cũ");
		char *t = out->notes ? text_nfc(buf, strlen(buf)) : NULL;
		if (!t) {
			free(out->notes);
			free(out->text);
			free(out->places);
			memset(out, 0, sizeof *out);
			render_say(why, whylen, "out of memory laying out the PDF's text");
			return PH_ENOMEM;
		}
		out->notes[0].line = f.note_line;
		out->notes[0].text = t;
		out->notes_len = 1;
	}
	return 0;
}

/* reader_text.c: the plain-text and Markdown reader. Turns UTF-8 text into
 * the document model of docmodel.h. One pass over the lines; memory stays
 * linear in the input and nothing here aborts (out of memory is PH_ENOMEM).
 *
 * Both formats (block structure, no character of content is lost):
 *   - one paragraph per non-empty line; white space is layout, not
 *     content: runs of spaces, tabs, NBSP and other Unicode spaces become
 *     one space, zero-width characters and byte order marks are dropped,
 *     lines are trimmed;
 *   - blank lines, and rule lines of three or more '-', '*' or '_' alone
 *     (the ornament under a header's motto, "***"), separate blocks and
 *     hold no content;
 *   - a paragraph cut by a page break or a hard wrap (the next part starts
 *     in lower case and is not a list item such as "a)") is joined again
 *     with one space;
 *   - tab tables (a line with two or more tabs and two filled cells; inside
 *     a tab table, any line with a tab) and pipe tables (a line starting
 *     with '|' that holds another '|'): tabs and '|' separate cells, "\|"
 *     does not; a pipe-table delimiter row ("|---|:--:|") is skipped; rows
 *     may continue a table after blank lines when they have its width, and
 *     a header row repeated after a page break is dropped;
 *   - numbered and bulleted lists ("1.", "1.2.", "a)", "- ", "* ") are
 *     paragraphs as written; the extractors read their numbers.
 *
 * Plain text (DOC_TEXT) keeps every other character as written: "*", "_",
 * "#", "\", "<br>", so "3*20 cán bộ", "{{7*7}}" and "**không**" stay
 * what they are. A line that looks like Markdown (a "## " heading, a
 * "**...**" pair) is remembered in markup_line, so that the importer can
 * say the file may have been meant as Markdown instead of guessing.
 *
 * Markdown (DOC_MARKDOWN) also reads: ATX headings ("## ..."), emphasis,
 * backslash escapes, a final backslash and <br> as line breaks, "* " and
 * "+ " bullets written as the documents' own "- ", and a glued "**" run
 * between a word and a capital ("KẾ HOẠCH**Triển khai ...") as the start
 * of a new paragraph. Emphasis follows CommonMark's delimiter rules within
 * a paragraph (the lines up to a blank line, table or heading): a run of
 * '*' or '_' opens or closes by what flanks it, '_' never inside a word,
 * openers pair with the nearest closer (the rule of three included), and
 * a delimiter left without a partner stays as written. Two rules are
 * stricter than CommonMark: '*' or '_' between two digits ("3*20",
 * "2*2=4") is never emphasis, so figures are never changed, and neither is
 * the note mark "(*)" of a table ("Chỉ tiêu (*)"). */
#include "import/docmodel.h"
#include "base/err.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>

/* ---- formats --------------------------------------------------------- */

enum doc_format doc_format_from_name(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if ((n >= 3 && strcasecmp(name + n - 3, ".md") == 0) ||
	    (n >= 9 && strcasecmp(name + n - 9, ".markdown") == 0))
		return DOC_MARKDOWN;
	return DOC_TEXT;
}

int doc_format_parse(const char *s, enum doc_format *out)
{
	if (s && strcmp(s, "text") == 0) {
		*out = DOC_TEXT;
		return 0;
	}
	if (s && strcmp(s, "markdown") == 0) {
		*out = DOC_MARKDOWN;
		return 0;
	}
	return -1;
}

const char *doc_format_name(enum doc_format f)
{
	switch (f) {
	case DOC_MARKDOWN: return "markdown";
	case DOC_DOCX: return "docx";
	case DOC_DOC: return "doc";
	case DOC_PDF: return "pdf";
	default: return "text";
	}
}

/* ---- the reader's state ---------------------------------------------- */

/* A growable malloc'd byte string: the reader's scratch space. */
struct str {
	char *p;
	size_t len, cap;
};

/* One paragraph cut out of a source line (a line holds several when a
 * glued "**" run starts a new one). Offsets into the scratch string. */
struct seg {
	size_t start, end;
	int bold_all, italic_all; /* every letter seen so far was bold/italic */
	int visible;              /* at least one letter or digit */
};

enum { TABLE_NONE, TABLE_TAB, TABLE_PIPE };

struct rd {
	struct arena *a;
	enum doc_format fmt;
	const char *base;          /* the whole text: group offsets refer to it */
	int oom;                   /* memory ran out: stop, answer PH_ENOMEM */
	struct doc_block *blocks;  /* malloc'd; copied into the arena at the end */
	size_t blocks_len, blocks_cap;
	struct str scratch;        /* one line after inline processing */
	struct seg *segs;
	size_t segs_len, segs_cap;
	struct str pend;           /* the paragraph being built */
	int pend_active, pend_line, pend_heading, pend_bold, pend_italic;
	int table_kind;            /* kind of the last block when it is a table */
	int blank_since;           /* blank lines since the last block */
	int markup_line;           /* DOC_TEXT: first line that looks like Markdown */
	/* Markdown emphasis: the marks of the current paragraph group
	 * (base[gstart..gend)), of a heading or cell on its own, and how many
	 * bold and italic spans are open at the current character. */
	unsigned char *gmarks;
	size_t gmarks_cap, gstart, gend;
	int gvalid;
	unsigned char *lmarks;
	size_t lmarks_cap;
	struct delim *delims;
	size_t delims_cap;
	int bold, italic;
};

/* Grow a malloc'd array p of *cap elements of elem bytes to hold need;
 * returns the (possibly moved) array, or NULL with p untouched and r->oom
 * set when memory runs out. */
static void *grow(struct rd *r, void *p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap : 8;
	while (c < need)
		c *= 2;
	void *q = realloc(p, c * elem);
	if (!q) {
		r->oom = 1;
		return NULL;
	}
	*cap = c;
	return q;
}

static void str_add(struct rd *r, struct str *s, const char *p, size_t n)
{
	if (r->oom)
		return;
	char *q = grow(r, s->p, &s->cap, s->len + n + 1, 1);
	if (!q)
		return;
	s->p = q;
	memcpy(s->p + s->len, p, n);
	s->len += n;
	s->p[s->len] = 0;
}

/* ---- characters ---------------------------------------------------- */

/* Code point at s (valid UTF-8 of at most n bytes); *len gets its size.
 * -1 (and *len 0) when n is 0. */
static UChar32 cp_at(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n == 0) {
		*len = 0;
		return -1;
	}
	if (u[0] < 0x80) {
		*len = 1;
		return u[0];
	}
	size_t k = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 1;
	if (k > n)
		k = n;
	UChar32 c = k == 4 ? u[0] & 0x07 : k == 3 ? u[0] & 0x0F : k == 2 ? u[0] & 0x1F : u[0];
	for (size_t i = 1; i < k; i++)
		c = (c << 6) | (u[i] & 0x3F);
	*len = k;
	return c;
}

/* Code point that ends just before s[i] (i > 0). */
static UChar32 cp_before(const char *s, size_t i)
{
	size_t a = i - 1, k;
	while (a > 0 && i - a < 4 && ((unsigned char)s[a] & 0xC0) == 0x80)
		a--;
	return cp_at(s + a, i - a, &k);
}

static int is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
}

static int is_word_byte(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int is_ascii_punct(int c)
{
	return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
	       (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

/* Length of a Unicode space (NBSP, en/em spaces, narrow NBSP) at s, else 0. */
static size_t uspace_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
	    ((u[2] >= 0x80 && u[2] <= 0x8A) || u[2] == 0xAF))
		return 3;
	return 0;
}

/* Length of an invisible character to drop (zero-width space, BOM). */
static size_t invisible_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x8B || u[2] == 0x8C || u[2] == 0x8D))
		return 3;
	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return 3;
	return 0;
}

/* 1 when s[0..n) is only white space. */
static int blank(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t k;
		if (is_ws((unsigned char)s[i]))
			i++;
		else if ((k = uspace_len(s + i, n - i)) || (k = invisible_len(s + i, n - i)))
			i += k;
		else
			return 0;
	}
	return 1;
}

/* A rule line: three or more '-', '*' or '_' (spaces allowed). */
static int thematic_break(const char *s, size_t n)
{
	char m = 0;
	int count = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (is_ws((unsigned char)c))
			continue;
		if (c != '-' && c != '*' && c != '_')
			return 0;
		if (m && c != m)
			return 0;
		m = c;
		count++;
	}
	return count >= 3;
}

/* Level (1..6) of a Markdown ATX heading marker at s, else 0. */
static size_t atx_level(const char *s, size_t n)
{
	size_t h = 0;
	while (h < n && h < 7 && s[h] == '#')
		h++;
	return h >= 1 && h <= 6 && (h == n || s[h] == ' ' || s[h] == '\t') ? h : 0;
}

/* Plain text that looks like Markdown: a "## " heading, a line starting
 * with "**x" (a bold block), or "**x" followed later on the line by "y**".
 * One pass. */
static int looks_markdown(const char *s, size_t n)
{
	if (atx_level(s, n) && atx_level(s, n) < n)
		return 1;
	if (n > 2 && s[0] == '*' && s[1] == '*' && s[2] != '*' && !is_ws((unsigned char)s[2]))
		return 1;
	size_t i = 0;
	while (i + 2 < n && !(s[i] == '*' && s[i + 1] == '*' && s[i + 2] != ' ' && s[i + 2] != '*'))
		i++;
	for (size_t j = i + 3; j + 1 < n; j++)
		if (s[j] == '*' && s[j + 1] == '*' && s[j - 1] != ' ' && s[j - 1] != '*')
			return 1;
	return 0;
}

/* ---- Markdown emphasis: which '*' and '_' are markup ----------------- */

/* What a byte of Markdown text is: content (M_LIT), or part of a delimiter
 * run used as emphasis: the first byte of a used opener or closer carries
 * the event, the second byte of a "**" pair is M_SKIP. */
enum { M_LIT = 0, M_SKIP, M_OPEN_EM, M_CLOSE_EM, M_OPEN_STRONG, M_CLOSE_STRONG };

/* A run of delimiters still in play: s[start..start+len). 32-bit fields
 * (a document is at most a few MiB) keep a run at 24 bytes. */
struct delim {
	uint32_t start, len;
	uint32_t orig;        /* the run's length as written */
	char c;               /* '*' or '_' */
	unsigned char open, close, gone;
	int32_t prev, next;   /* neighbours still in the list, -1 for none */
};

/* CommonMark's classes of the character beside a delimiter run. */
enum { CC_SPACE, CC_PUNCT, CC_OTHER };

static int char_class(UChar32 c)
{
	if (c < 0)
		return CC_SPACE; /* the start or the end of the text */
	if (c < 0x80) {
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
			return CC_SPACE;
		return is_ascii_punct(c) ? CC_PUNCT : CC_OTHER;
	}
	if (u_isUWhiteSpace(c) || u_charType(c) == U_SPACE_SEPARATOR)
		return CC_SPACE;
	if (U_GET_GC_MASK(c) & (U_GC_P_MASK | U_GC_S_MASK))
		return CC_PUNCT;
	return CC_OTHER;
}

static int is_digit_cp(UChar32 c)
{
	return c >= '0' && c <= '9';
}

static void mark_use(unsigned char *marks, size_t at, size_t use, int event)
{
	marks[at] = (unsigned char)event;
	for (size_t k = 1; k < use; k++)
		marks[at + k] = M_SKIP;
}

static void drop_delim(struct delim *d, int32_t i)
{
	if (d[i].prev >= 0)
		d[d[i].prev].next = d[i].next;
	if (d[i].next >= 0)
		d[d[i].next].prev = d[i].prev;
	d[i].gone = 1;
}

/* Fill marks[0..n) for the Markdown text s[0..n): CommonMark's "process
 * emphasis" over the delimiter runs of s (with its lower bounds per kind of
 * closer, so the time is linear), except that a run between two digits is
 * no delimiter. Backslash-escaped characters are not delimiters. Returns 0,
 * or -1 when memory ran out (r->oom set). */
static int pair_emphasis(struct rd *r, const char *s, size_t n, unsigned char *marks)
{
	memset(marks, M_LIT, n);
	size_t nd = 0;
	for (size_t i = 0; i < n;) {
		char c = s[i];
		if (c == '\\' && i + 1 < n && is_ascii_punct((unsigned char)s[i + 1])) {
			i += 2;
			continue;
		}
		if (c != '*' && c != '_') {
			i++;
			continue;
		}
		size_t j = i, k;
		while (j < n && s[j] == c)
			j++;
		UChar32 prev = i ? cp_before(s, i) : -1;
		UChar32 next = j < n ? cp_at(s + j, n - j, &k) : -1;
		int pc = char_class(prev), nc = char_class(next);
		int left = nc != CC_SPACE && (nc != CC_PUNCT || pc != CC_OTHER);
		int right = pc != CC_SPACE && (pc != CC_PUNCT || nc != CC_OTHER);
		int open, close;
		if ((is_digit_cp(prev) && is_digit_cp(next)) || (c == '*' && prev == '(' && next == ')')) {
			/* "3*20", "2*2=4": figures, never emphasis; "(*)": a note mark */
			open = close = 0;
		} else if (c == '*') {
			open = left;
			close = right;
		} else {
			open = left && (!right || pc == CC_PUNCT);
			close = right && (!left || nc == CC_PUNCT);
		}
		if (open || close) {
			struct delim *d = grow(r, r->delims, &r->delims_cap, nd + 1, sizeof *d);
			if (!d)
				return -1;
			r->delims = d;
			d[nd] = (struct delim){(uint32_t)i, (uint32_t)(j - i), (uint32_t)(j - i), c,
			                       (unsigned char)open, (unsigned char)close, 0,
			                       (int32_t)nd - 1, -1};
			if (nd)
				d[nd - 1].next = (int32_t)nd;
			nd++;
		}
		i = j;
	}
	struct delim *d = r->delims;
	/* bottom[kind][closer length % 3][closer can open]: no opener for such
	 * a closer lies at or below this index (CommonMark's openers_bottom) */
	int32_t bottom[2][3][2];
	for (int a = 0; a < 2; a++)
		for (int b = 0; b < 3; b++)
			bottom[a][b][0] = bottom[a][b][1] = -1;
	for (size_t ci = 0; ci < nd; ci++) {
		struct delim *cl = &d[ci];
		if (cl->gone)
			continue;
		while (cl->close && cl->len) {
			int kind = cl->c == '_', m3 = (int)(cl->orig % 3), co = cl->open;
			int32_t found = -1;
			for (int32_t oi = cl->prev; oi >= 0 && oi > bottom[kind][m3][co]; oi = d[oi].prev) {
				const struct delim *op = &d[oi];
				if (op->c != cl->c || !op->open || !op->len)
					continue;
				if ((op->close || cl->open) && (op->orig + cl->orig) % 3 == 0 &&
				    !(op->orig % 3 == 0 && cl->orig % 3 == 0))
					continue; /* the rule of three */
				found = oi;
				break;
			}
			if (found < 0) {
				bottom[kind][m3][co] = cl->prev;
				break;
			}
			struct delim *op = &d[found];
			uint32_t use = op->len >= 2 && cl->len >= 2 ? 2 : 1;
			mark_use(marks, op->start + op->len - use, use, use == 2 ? M_OPEN_STRONG : M_OPEN_EM);
			op->len -= use;
			mark_use(marks, cl->start, use, use == 2 ? M_CLOSE_STRONG : M_CLOSE_EM);
			cl->start += use;
			cl->len -= use;
			/* the runs between them can no longer pair: they stay text */
			for (int32_t k = op->next; k >= 0 && k != (int32_t)ci; k = d[k].next)
				d[k].gone = 1;
			op->next = (int32_t)ci;
			cl->prev = found;
			if (!op->len)
				drop_delim(d, found);
		}
		if (!cl->len || !cl->open)
			drop_delim(d, (int32_t)ci);
	}
	return 0;
}

/* Marks of a heading's or a cell's own text s[0..n) (no emphasis crosses
 * its edges); NULL when memory ran out. */
static const unsigned char *local_marks(struct rd *r, const char *s, size_t n)
{
	unsigned char *m = grow(r, r->lmarks, &r->lmarks_cap, n + 1, 1);
	if (!m)
		return NULL;
	r->lmarks = m;
	return pair_emphasis(r, s, n, m) ? NULL : m;
}

/* 1 when the line s[0..n) continues a Markdown paragraph group: text that
 * is neither blank, a rule, a heading nor a table row (no tab: tab rows
 * and indented text are decided line by line). */
static int group_line(const char *s, size_t n)
{
	if (blank(s, n) || thematic_break(s, n) || memchr(s, '\t', n))
		return 0;
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	return s[i] != '|' && !atx_level(s + i, n - i);
}

/* End of the line starting at base[off] (the offset of its '\n' or '\r',
 * or of the end of the text). */
static size_t line_end(const char *base, size_t total, size_t off)
{
	while (off < total && base[off] != '\n' && base[off] != '\r')
		off++;
	return off;
}

/* Marks for the paragraph text t[0..n), a line inside r->base of total
 * bytes. A paragraph in CommonMark's sense runs over the following lines
 * up to a blank line, table or heading, so emphasis may span lines
 * ("**TM. BAN THƯỜNG VỤ\nCHỦ TỊCH**"): the marks of the whole group are
 * computed when its first line comes and reused for the others. NULL when
 * memory ran out. */
static const unsigned char *group_marks(struct rd *r, size_t total, const char *t, size_t n)
{
	size_t off = (size_t)(t - r->base);
	if (r->gvalid && off >= r->gstart && off + n <= r->gend)
		return r->gmarks + (off - r->gstart);
	size_t end = line_end(r->base, total, off);
	for (;;) {
		size_t next = end;
		if (next < total && r->base[next] == '\r')
			next++;
		if (next < total && r->base[next] == '\n')
			next++;
		if (next >= total || next == end)
			break;
		size_t e = line_end(r->base, total, next);
		if (!group_line(r->base + next, e - next))
			break;
		end = e;
	}
	unsigned char *m = grow(r, r->gmarks, &r->gmarks_cap, end - off + 1, 1);
	if (!m)
		return NULL;
	r->gmarks = m;
	if (pair_emphasis(r, r->base + off, end - off, m))
		return NULL;
	r->gstart = off;
	r->gend = end;
	r->gvalid = 1;
	r->bold = r->italic = 0;
	return m;
}

/* ---- inline text ------------------------------------------------------ */

static int seg_begin(struct rd *r)
{
	struct seg *s = grow(r, r->segs, &r->segs_cap, r->segs_len + 1, sizeof *s);
	if (!s)
		return 0;
	r->segs = s;
	struct seg *g = &r->segs[r->segs_len++];
	g->start = g->end = r->scratch.len;
	g->bold_all = g->italic_all = 1;
	g->visible = 0;
	return 1;
}

static void seg_end(struct rd *r)
{
	if (!r->segs_len)
		return;
	struct seg *g = &r->segs[r->segs_len - 1];
	while (r->scratch.len > g->start && r->scratch.p[r->scratch.len - 1] == ' ')
		r->scratch.len--;
	if (r->scratch.p)
		r->scratch.p[r->scratch.len] = 0;
	g->end = r->scratch.len;
	if (g->end == g->start)
		r->segs_len--; /* nothing in it */
}

static void emit_space(struct rd *r)
{
	if (!r->segs_len)
		return;
	struct seg *g = &r->segs[r->segs_len - 1];
	if (r->scratch.len > g->start && r->scratch.p[r->scratch.len - 1] != ' ')
		str_add(r, &r->scratch, " ", 1);
}

/* Copy one character (n bytes) and note whether it was emphasized. */
static void emit_char(struct rd *r, const char *s, size_t n)
{
	if (!r->segs_len)
		return;
	struct seg *g = &r->segs[r->segs_len - 1];
	size_t k;
	UChar32 c = cp_at(s, n, &k);
	if (c >= 0 && u_isalnum(c)) {
		g->visible = 1;
		g->bold_all &= r->bold > 0;
		g->italic_all &= r->italic > 0;
	}
	str_add(r, &r->scratch, s, n);
}

/* 1 when the '*' run around s[i] is glued between a word (or ".:;)") and
 * a capital or digit: "KẾ HOẠCH**Triển khai", "ĐỘNG**1. Tuyên truyền". */
static int glued(const char *s, size_t n, size_t i)
{
	size_t a = i, b = i, k;
	while (a > 0 && s[a - 1] == '*')
		a--;
	while (b < n && s[b] == '*')
		b++;
	if (a == 0 || b == n)
		return 0;
	int prev = (unsigned char)s[a - 1];
	if (!is_word_byte(prev) && !strchr(".:;)", prev))
		return 0;
	UChar32 c = cp_at(s + b, n - b, &k);
	return c >= 0 && (u_isupper(c) || u_istitle(c) || is_digit_cp(c));
}

/* An emphasis mark at s[i]: open or close a span; a used "**" glued
 * between a word and a capital starts a new paragraph when split_ok. */
static void emphasis_event(struct rd *r, const char *s, size_t n, size_t i, int mark,
                           int split_ok)
{
	if (split_ok && (mark == M_OPEN_STRONG || mark == M_CLOSE_STRONG) && s[i] == '*' &&
	    glued(s, n, i)) {
		seg_end(r);
		seg_begin(r);
	}
	switch (mark) {
	case M_OPEN_EM: r->italic++; break;
	case M_CLOSE_EM: r->italic -= r->italic > 0; break;
	case M_OPEN_STRONG: r->bold++; break;
	case M_CLOSE_STRONG: r->bold -= r->bold > 0; break;
	default: break;
	}
}

/* Length of a "<br>", "<br/>" or "<br />" at s, else 0. */
static size_t br_len(const char *s, size_t n)
{
	if (n < 4 || s[0] != '<' || (s[1] != 'b' && s[1] != 'B') || (s[2] != 'r' && s[2] != 'R'))
		return 0;
	size_t j = 3;
	while (j < n && (s[j] == ' ' || s[j] == '/'))
		j++;
	return j < n && s[j] == '>' ? j + 1 : 0;
}

/* The text of s[0..n) into the scratch string, as one or more segments
 * (several only when split_ok). marks: the emphasis marks of s (Markdown),
 * NULL for plain text, whose characters are all copied. */
static void process_inline(struct rd *r, const char *s, size_t n, const unsigned char *marks,
                           int split_ok)
{
	if (!seg_begin(r))
		return;
	size_t i = 0;
	/* A Markdown "* " or "+ " bullet is written as the documents' own "- ". */
	if (marks && n >= 2 && (s[0] == '*' || s[0] == '+') && s[1] == ' ') {
		str_add(r, &r->scratch, "- ", 2);
		i = 2;
	}
	while (i < n && !r->oom) {
		unsigned char c = (unsigned char)s[i];
		size_t k;
		if (marks && marks[i] != M_LIT) {
			emphasis_event(r, s, n, i, marks[i], split_ok);
			i++;
		} else if (marks && c == '\\' && i + 1 < n && is_ascii_punct((unsigned char)s[i + 1])) {
			emit_char(r, s + i + 1, 1);
			i += 2;
		} else if (marks && c == '\\' && i + 1 == n) {
			i++; /* Markdown hard line break */
		} else if (is_ws(c)) {
			emit_space(r);
			i++;
		} else if ((k = uspace_len(s + i, n - i))) {
			emit_space(r);
			i += k;
		} else if ((k = invisible_len(s + i, n - i))) {
			i += k;
		} else if (marks && (k = br_len(s + i, n - i))) {
			emit_space(r);
			i += k;
		} else {
			cp_at(s + i, n - i, &k);
			emit_char(r, s + i, k);
			i += k;
		}
	}
	seg_end(r);
}

/* ---- blocks -------------------------------------------------------- */

static struct doc_block *block_new(struct rd *r, enum block_kind kind, int line)
{
	struct doc_block *bl = grow(r, r->blocks, &r->blocks_cap, r->blocks_len + 1, sizeof *bl);
	if (!bl)
		return NULL;
	r->blocks = bl;
	struct doc_block *b = &r->blocks[r->blocks_len++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->line = line;
	return b;
}

static void flush_pending(struct rd *r)
{
	if (!r->pend_active)
		return;
	r->pend_active = 0;
	struct doc_block *b = block_new(r, BLOCK_PARA, r->pend_line);
	if (!b)
		return;
	b->text = arena_strndup(r->a, r->pend.p ? r->pend.p : "", r->pend.len);
	if (!b->text)
		r->oom = 1;
	b->heading = r->pend_heading;
	b->bold = r->pend_bold;
	b->italic = r->pend_italic;
	r->pend.len = 0;
}

/* 1 when text begins with a lower-case letter that is not a list marker
 * such as "a) ", "đ) ", "b. ", "ii) ": such a line continues the paragraph
 * before it (a page break or a hard wrap cut it). */
static int continues(const char *t, size_t n)
{
	size_t k;
	UChar32 c = cp_at(t, n, &k);
	if (c < 0 || !u_islower(c))
		return 0;
	size_t i = 0;
	int letters = 0;
	while (i < n) {
		c = cp_at(t + i, n - i, &k);
		if (!u_isalpha(c))
			break;
		letters++;
		i += k;
	}
	if (letters <= 4 && i < n && (t[i] == ')' || t[i] == '.') &&
	    (i + 1 == n || t[i + 1] == ' '))
		return 0;
	return 1;
}

/* A paragraph line (total: the length of r->base): Markdown headings and
 * emphasis, glued splits, joins. */
static void para_line(struct rd *r, size_t total, const char *s, size_t n, int line)
{
	int heading = 0;
	const unsigned char *marks = NULL;
	if (r->fmt == DOC_MARKDOWN) {
		size_t h = atx_level(s, n);
		if (h) {
			heading = (int)h;
			s += h;
			n -= h;
			while (n && is_ws((unsigned char)s[0])) {
				s++;
				n--;
			}
			/* an optional closing run of '#' after a space */
			size_t e = n;
			while (e > 0 && is_ws((unsigned char)s[e - 1]))
				e--;
			size_t q = e;
			while (q > 0 && s[q - 1] == '#')
				q--;
			if (q < e && (q == 0 || s[q - 1] == ' '))
				n = q;
			r->bold = r->italic = 0;
			marks = local_marks(r, s, n);
		} else {
			marks = group_marks(r, total, s, n);
		}
		if (!marks)
			return;
	} else if (!r->markup_line && looks_markdown(s, n)) {
		r->markup_line = line;
	}
	r->scratch.len = 0;
	r->segs_len = 0;
	process_inline(r, s, n, marks, marks != NULL);
	for (size_t i = 0; i < r->segs_len && !r->oom; i++) {
		struct seg *g = &r->segs[i];
		const char *t = r->scratch.p + g->start;
		size_t tn = g->end - g->start;
		int bold = g->visible && g->bold_all;
		int italic = g->visible && g->italic_all;
		if (i == 0 && !heading && r->pend_active && !r->pend_heading &&
		    continues(t, tn)) {
			str_add(r, &r->pend, " ", 1);
			str_add(r, &r->pend, t, tn);
			r->pend_bold &= bold;
			r->pend_italic &= italic;
			continue;
		}
		flush_pending(r);
		r->pend_active = 1;
		r->pend_line = line;
		r->pend_heading = i == 0 ? heading : 0;
		r->pend_bold = bold;
		r->pend_italic = italic;
		r->pend.len = 0;
		str_add(r, &r->pend, t, tn);
	}
	if (heading)
		r->bold = r->italic = 0;
	r->table_kind = TABLE_NONE;
}

/* 1 when s[i] is a cell separator: a tab, or a '|' not escaped as "\|". */
static int cell_cut(const char *s, size_t i, char sep)
{
	return s[i] == sep && !(sep == '|' && i > 0 && s[i - 1] == '\\');
}

/* Split a row into cells at sep, read each cell's text (and, in Markdown,
 * its own emphasis), and return the arena array; *len gets the count.
 * NULL (r->oom set) when memory ran out. */
static char **row_cells(struct rd *r, const char *s, size_t n, char sep, int line,
                        size_t *len)
{
	size_t count = 1;
	for (size_t i = 0; i < n; i++)
		count += (size_t)cell_cut(s, i, sep);
	char **cells = arena_alloc(r->a, count * sizeof *cells);
	if (!cells) {
		r->oom = 1;
		return NULL;
	}
	size_t c = 0, start = 0;
	for (size_t i = 0; i <= n && !r->oom; i++) {
		if (i < n && !cell_cut(s, i, sep))
			continue;
		const unsigned char *marks = NULL;
		if (r->fmt == DOC_MARKDOWN && !(marks = local_marks(r, s + start, i - start)))
			return NULL;
		if (r->fmt == DOC_TEXT && !r->markup_line && looks_markdown(s + start, i - start))
			r->markup_line = line;
		r->scratch.len = 0;
		r->segs_len = 0;
		int bold = r->bold, italic = r->italic;
		r->bold = r->italic = 0;
		process_inline(r, s + start, i - start, marks, 0);
		r->bold = bold;
		r->italic = italic;
		cells[c] = arena_strndup(r->a, r->scratch.p ? r->scratch.p : "",
		                         r->scratch.p ? r->scratch.len : 0);
		if (!cells[c++])
			r->oom = 1;
		start = i + 1;
	}
	*len = c;
	return r->oom ? NULL : cells;
}

/* 1 when every cell is a pipe-table delimiter ("---", ":--:"). */
static int separator_row(char **cells, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		const char *c = cells[i];
		int dashes = 0;
		for (; *c; c++) {
			if (*c == '-')
				dashes++;
			else if (*c != ':' && *c != ' ')
				return 0;
		}
		if (!dashes)
			return 0;
	}
	return 1;
}

static void table_row(struct rd *r, const char *s, size_t n, char sep, int kind, int line)
{
	size_t len;
	char **cells = row_cells(r, s, n, sep, line, &len);
	if (!cells)
		return;
	if (kind == TABLE_PIPE && separator_row(cells, len))
		return;
	flush_pending(r);
	struct doc_block *t = NULL;
	if (r->table_kind == kind && r->blocks_len) {
		t = &r->blocks[r->blocks_len - 1];
		if (r->blank_since && (!t->rows_len || t->rows[0].cells_len != len))
			t = NULL; /* after a gap only a row of the same width continues */
	}
	if (t && t->rows_len && t->rows[0].cells_len == len && len &&
	    !strpbrk(t->rows[0].cells[0], "0123456789")) {
		int same = 1; /* a header ("STT ...") repeated after a page break */
		for (size_t i = 0; same && i < len; i++)
			same = strcmp(t->rows[0].cells[i], cells[i]) == 0;
		if (same)
			return;
	}
	if (!t) {
		t = block_new(r, BLOCK_TABLE, line);
		if (!t)
			return;
		r->table_kind = kind;
	}
	struct doc_row *row = ARENA_PUSH(r->a, t->rows, t->rows_len, t->rows_cap);
	if (!row) {
		r->oom = 1;
		return;
	}
	row->cells = cells;
	row->cells_len = len;
	row->line = line;
}

static size_t count_char(const char *s, size_t n, char c)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == c;
	return k;
}

/* Number of cells of a tab row that hold text. */
static size_t filled_cells(const char *s, size_t n)
{
	size_t filled = 0, i = 0;
	while (i <= n) {
		size_t j = i;
		while (j < n && s[j] != '\t')
			j++;
		if (!blank(s + i, j - i))
			filled++;
		i = j + 1;
	}
	return filled;
}

static void one_line(struct rd *r, size_t total, const char *s, size_t n, int line)
{
	if (blank(s, n) || thematic_break(s, n)) {
		r->blank_since = 1;
		r->bold = r->italic = 0;
		return;
	}
	/* leading spaces never matter; leading tabs may be an empty first cell */
	while (n && s[0] == ' ') {
		s++;
		n--;
	}
	size_t lead = 0;
	while (lead < n && is_ws((unsigned char)s[lead]))
		lead++;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	const char *t = s + lead;
	size_t tn = n - lead;
	if (tn && t[0] == '|' && count_char(t, tn, '|') >= 2) {
		size_t b = 1, e = tn;
		while (e > b && is_ws((unsigned char)t[e - 1]))
			e--;
		if (e > b && t[e - 1] == '|' && t[e - 2] != '\\')
			e--;
		table_row(r, t + b, e - b, '|', TABLE_PIPE, line);
		r->blank_since = 0;
		return;
	}
	/* Inside a tab table, a line with a tab is a row unless it is only an
	 * indented text ("\t\t(Đã ký)"): one filled cell after leading tabs. */
	int in_tab = r->table_kind == TABLE_TAB;
	if ((in_tab && count_char(s, n, '\t') >= 1 && (filled_cells(s, n) >= 2 || lead == 0)) ||
	    (count_char(t, tn, '\t') >= 2 && filled_cells(t, tn) >= 2)) {
		if (in_tab)
			table_row(r, s, n, '\t', TABLE_TAB, line);
		else
			table_row(r, t, tn, '\t', TABLE_TAB, line);
		r->blank_since = 0;
		return;
	}
	para_line(r, total, t, tn, line);
	r->blank_since = 0;
}

/* Read text[0..n) (valid UTF-8, NFC) as format into *out; blocks, texts and
 * rows are allocated from a and live as long as it. The scratch space is
 * freed here. Returns 0, PH_EFORMAT when the input holds no text at all,
 * PH_ENOMEM when memory ran out (out is then empty; what the arena holds
 * is freed with it). */
int reader_text(struct arena *a, const char *text, size_t n, enum doc_format format,
                struct docmodel *out)
{
	memset(out, 0, sizeof *out);
	struct rd r;
	memset(&r, 0, sizeof r);
	r.a = a;
	r.fmt = format;
	r.base = text;
	size_t pos = 0;
	if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	int line = 0;
	while (pos < n && !r.oom) {
		size_t e = line_end(text, n, pos);
		line++;
		one_line(&r, n, text + pos, e - pos, line);
		if (e < n && text[e] == '\r' && e + 1 < n && text[e + 1] == '\n')
			e++;
		pos = e + 1;
	}
	flush_pending(&r);
	int rc = 0;
	if (!r.oom && r.blocks_len) {
		out->blocks = arena_alloc(a, r.blocks_len * sizeof *out->blocks);
		if (out->blocks) {
			memcpy(out->blocks, r.blocks, r.blocks_len * sizeof *out->blocks);
			out->blocks_len = out->blocks_cap = r.blocks_len;
		} else {
			r.oom = 1;
		}
	}
	if (r.oom) {
		memset(out, 0, sizeof *out);
		rc = PH_ENOMEM;
	} else {
		out->lines = line;
		out->format = format;
		out->markup_line = r.markup_line;
		rc = out->blocks_len ? 0 : PH_EFORMAT;
	}
	free(r.blocks);
	free(r.scratch.p);
	free(r.segs);
	free(r.pend.p);
	free(r.gmarks);
	free(r.lmarks);
	free(r.delims);
	return rc;
}

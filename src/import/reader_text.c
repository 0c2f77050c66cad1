/* reader_text.c: the plain-text and Markdown reader. Turns UTF-8 text into
 * the document model of docmodel.h: one paragraph per non-empty line with
 * the Markdown markup removed (#, **, *, _, escapes), heading levels and
 * whole-paragraph bold/italic flags, paragraphs broken by a page break
 * joined again, glued headings ("KẾ HOẠCH**Triển khai...") split, and tables
 * (tab-separated rows and pipe rows) whose rows may continue after blank
 * lines. One pass over the input; memory stays linear in its size. */
#include "import/docmodel.h"
#include "base/err.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* A growable malloc'd byte string: the reader's scratch space. */
struct str {
	char *p;
	size_t len, cap;
};

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fputs("phoihop: out of memory\n", stderr);
		abort();
	}
	return q;
}

static void str_reserve(struct str *s, size_t extra)
{
	size_t need = s->len + extra + 1;
	if (need <= s->cap)
		return;
	size_t cap = s->cap ? s->cap : 256;
	while (cap < need)
		cap += cap / 2;
	s->p = xrealloc(s->p, cap);
	s->cap = cap;
}

static void str_add(struct str *s, const char *p, size_t n)
{
	str_reserve(s, n);
	memcpy(s->p + s->len, p, n);
	s->len += n;
	s->p[s->len] = 0;
}

/* One paragraph cut out of a source line (a line holds several when a
 * glued "**" run starts a new one). Offsets into the scratch string. */
struct seg {
	size_t start, end;
	int bold_all, italic_all; /* every letter seen so far was bold/italic */
	int visible;              /* at least one letter or digit */
};

/* Emphasis state; carried from one line to the next so that a bold block
 * spanning two lines ("**TM. BAN THƯỜNG VỤ\nCHỦ TỊCH**") reads right. */
struct emph {
	int bold, italic;
};

enum { TABLE_NONE, TABLE_TAB, TABLE_PIPE };

struct rd {
	struct arena *a;
	struct doc_block *blocks;  /* malloc'd; copied into the arena at the end */
	size_t blocks_len, blocks_cap;
	struct str scratch;        /* one line after inline processing */
	struct seg *segs;
	size_t segs_len, segs_cap;
	struct str pend;           /* the paragraph being built */
	int pend_active, pend_line, pend_heading, pend_bold, pend_italic;
	int table_kind;            /* kind of the last block when it is a table */
	int blank_since;           /* blank lines since the last block */
	struct emph em;
};

/* ---- characters ---------------------------------------------------- */

/* Code point at s (valid UTF-8 of at most n bytes); *len gets its size. */
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

/* A Markdown thematic break: three or more '-', '*' or '_' (spaces allowed). */
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

/* ---- inline markup ------------------------------------------------- */

static struct seg *seg_begin(struct rd *r)
{
	if (r->segs_len == r->segs_cap) {
		r->segs_cap = r->segs_cap ? r->segs_cap * 2 : 8;
		r->segs = xrealloc(r->segs, r->segs_cap * sizeof *r->segs);
	}
	struct seg *g = &r->segs[r->segs_len++];
	g->start = g->end = r->scratch.len;
	g->bold_all = g->italic_all = 1;
	g->visible = 0;
	return g;
}

static void seg_end(struct rd *r)
{
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
	struct seg *g = &r->segs[r->segs_len - 1];
	if (r->scratch.len > g->start && r->scratch.p[r->scratch.len - 1] != ' ')
		str_add(&r->scratch, " ", 1);
}

/* Copy one character (n bytes) and note whether it was emphasized. */
static void emit_char(struct rd *r, const char *s, size_t n)
{
	struct seg *g = &r->segs[r->segs_len - 1];
	size_t k;
	UChar32 c = cp_at(s, n, &k);
	if (c >= 0 && u_isalnum(c)) {
		g->visible = 1;
		g->bold_all &= r->em.bold;
		g->italic_all &= r->em.italic;
	}
	str_add(&r->scratch, s, n);
}

/* Handle a run of '*' or '_' at s[i]; returns the bytes consumed. A "**"
 * glued between two words, the second starting in upper case or a digit,
 * starts a new paragraph when split_ok. */
static size_t emphasis(struct rd *r, const char *s, size_t n, size_t i, int split_ok)
{
	char m = s[i];
	size_t run = 1;
	while (i + run < n && s[i + run] == m)
		run++;
	int prev = i > 0 ? (unsigned char)s[i - 1] : -1;
	int next = i + run < n ? (unsigned char)s[i + run] : -1;
	int can_open = next != -1 && !is_ws(next);
	int can_close = prev != -1 && !is_ws(prev);
	if (m == '_') {
		can_open = can_open && (prev == -1 || !is_word_byte(prev));
		can_close = can_close && (next == -1 || !is_word_byte(next));
	}
	int literal = (!can_open && !can_close) ||
	              (run == 1 && prev == '(' && next == ')');
	if (literal) {
		for (size_t k = 0; k < run; k++)
			emit_char(r, s + i + k, 1);
		return run;
	}
	if (run >= 4)
		return run; /* "****": an empty bold pair; nothing to record */
	int bold = run >= 2, italic = run != 2;
	int on = bold ? r->em.bold : r->em.italic;
	if ((on && !can_close) || (!on && !can_open)) {
		for (size_t k = 0; k < run; k++)
			emit_char(r, s + i + k, 1);
		return run;
	}
	if (bold)
		r->em.bold = !r->em.bold;
	if (italic)
		r->em.italic = !r->em.italic;
	if (split_ok && bold && m == '*' && can_open && can_close &&
	    (is_word_byte(prev) || (prev > 0 && strchr(".:;)", prev)))) {
		size_t k;
		UChar32 c = cp_at(s + i + run, n - i - run, &k);
		if (c >= 0 && (u_isupper(c) || u_istitle(c) || (c >= '0' && c <= '9'))) {
			seg_end(r);
			seg_begin(r);
		}
	}
	return run;
}

/* Process the inline markup of s[0..n) into the scratch string, as one or
 * more segments (several only when split_ok). */
static void process_inline(struct rd *r, const char *s, size_t n, int split_ok)
{
	seg_begin(r);
	size_t i = 0;
	/* A "* " or "+ " bullet is written as the documents' own "- ". */
	if (n >= 2 && (s[0] == '*' || s[0] == '+') && s[1] == ' ') {
		str_add(&r->scratch, "- ", 2);
		i = 2;
	}
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t k;
		if (c == '\\' && i + 1 < n && is_ascii_punct((unsigned char)s[i + 1])) {
			emit_char(r, s + i + 1, 1);
			i += 2;
		} else if (c == '\\' && i + 1 == n) {
			i++; /* Markdown hard line break */
		} else if (c == '*' || c == '_') {
			i += emphasis(r, s, n, i, split_ok);
		} else if (is_ws(c)) {
			emit_space(r);
			i++;
		} else if ((k = uspace_len(s + i, n - i))) {
			emit_space(r);
			i += k;
		} else if ((k = invisible_len(s + i, n - i))) {
			i += k;
		} else if (c == '<' && (n - i >= 4) && (s[i + 1] == 'b' || s[i + 1] == 'B') &&
		           (s[i + 2] == 'r' || s[i + 2] == 'R')) {
			size_t j = i + 3;
			while (j < n && (s[j] == ' ' || s[j] == '/'))
				j++;
			if (j < n && s[j] == '>') {
				emit_space(r);
				i = j + 1;
			} else {
				emit_char(r, s + i, 1);
				i++;
			}
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
	if (r->blocks_len == r->blocks_cap) {
		r->blocks_cap = r->blocks_cap ? r->blocks_cap + r->blocks_cap / 2 : 64;
		r->blocks = xrealloc(r->blocks, r->blocks_cap * sizeof *r->blocks);
	}
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
	struct doc_block *b = block_new(r, BLOCK_PARA, r->pend_line);
	b->text = arena_strndup(r->a, r->pend.p, r->pend.len);
	b->heading = r->pend_heading;
	b->bold = r->pend_bold;
	b->italic = r->pend_italic;
	r->pend_active = 0;
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

/* A paragraph line: headings, inline markup, glued splits, joins. */
static void para_line(struct rd *r, const char *s, size_t n, int line)
{
	int heading = 0;
	size_t h = 0;
	while (h < n && h < 7 && s[h] == '#')
		h++;
	if (h >= 1 && h <= 6 && (h == n || s[h] == ' ' || s[h] == '\t')) {
		heading = (int)h;
		s += h;
		n -= h;
		/* an optional closing run of '#' after a space */
		size_t e = n;
		while (e > 0 && is_ws((unsigned char)s[e - 1]))
			e--;
		size_t q = e;
		while (q > 0 && s[q - 1] == '#')
			q--;
		if (q < e && (q == 0 || s[q - 1] == ' '))
			n = q;
		r->em.bold = r->em.italic = 0;
	}
	r->scratch.len = 0;
	r->segs_len = 0;
	process_inline(r, s, n, 1);
	for (size_t i = 0; i < r->segs_len; i++) {
		struct seg *g = &r->segs[i];
		const char *t = r->scratch.p + g->start;
		size_t tn = g->end - g->start;
		int bold = g->visible && g->bold_all;
		int italic = g->visible && g->italic_all;
		if (i == 0 && !heading && r->pend_active && !r->pend_heading &&
		    continues(t, tn)) {
			str_add(&r->pend, " ", 1);
			str_add(&r->pend, t, tn);
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
		str_add(&r->pend, t, tn);
	}
	if (heading)
		r->em.bold = r->em.italic = 0;
	r->table_kind = TABLE_NONE;
}

/* Split a row into cells at sep (unescaped for '|'), process each cell's
 * markup, and return the arena array; *len gets the count. */
static char **row_cells(struct rd *r, const char *s, size_t n, char sep, size_t *len)
{
	size_t count = 1;
	for (size_t i = 0; i < n; i++)
		if (s[i] == sep && !(sep == '|' && i > 0 && s[i - 1] == '\\'))
			count++;
	char **cells = arena_alloc(r->a, count * sizeof *cells);
	size_t c = 0, start = 0;
	for (size_t i = 0; i <= n; i++) {
		int cut = i == n || (s[i] == sep && !(sep == '|' && i > 0 && s[i - 1] == '\\'));
		if (!cut)
			continue;
		r->scratch.len = 0;
		r->segs_len = 0;
		struct emph saved = r->em;
		r->em.bold = r->em.italic = 0;
		process_inline(r, s + start, i - start, 0);
		r->em = saved;
		cells[c++] = arena_strndup(r->a, r->scratch.p ? r->scratch.p : "",
		                           r->scratch.p ? r->scratch.len : 0);
		start = i + 1;
	}
	*len = c;
	return cells;
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
	char **cells = row_cells(r, s, n, sep, &len);
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
		r->table_kind = kind;
	}
	struct doc_row *row = ARENA_PUSH(r->a, t->rows, t->rows_len, t->rows_cap);
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

static void one_line(struct rd *r, const char *s, size_t n, int line)
{
	if (blank(s, n) || thematic_break(s, n)) {
		r->blank_since = 1;
		r->em.bold = r->em.italic = 0;
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
		r->em.bold = r->em.italic = 0;
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
		r->em.bold = r->em.italic = 0;
		r->blank_since = 0;
		return;
	}
	para_line(r, t, tn, line);
	r->blank_since = 0;
}

/* Read text[0..n) (valid UTF-8, NFC) into *out; blocks, texts and rows are
 * allocated from a and live as long as it. The scratch space is freed here.
 * Returns 0, or PH_EFORMAT when the input holds no text at all. Aborts on
 * out-of-memory like the arena does. */
int reader_text(struct arena *a, const char *text, size_t n,
                struct docmodel *out)
{
	memset(out, 0, sizeof *out);
	struct rd r;
	memset(&r, 0, sizeof r);
	r.a = a;
	size_t pos = 0;
	if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	int line = 0;
	while (pos < n) {
		size_t e = pos;
		while (e < n && text[e] != '\n' && text[e] != '\r')
			e++;
		line++;
		one_line(&r, text + pos, e - pos, line);
		if (e < n && text[e] == '\r' && e + 1 < n && text[e + 1] == '\n')
			e++;
		pos = e + 1;
	}
	flush_pending(&r);
	out->lines = line;
	if (r.blocks_len) {
		out->blocks = arena_alloc(a, r.blocks_len * sizeof *out->blocks);
		memcpy(out->blocks, r.blocks, r.blocks_len * sizeof *out->blocks);
		out->blocks_len = out->blocks_cap = r.blocks_len;
	}
	free(r.blocks);
	free(r.scratch.p);
	free(r.segs);
	free(r.pend.p);
	return out->blocks_len ? 0 : PH_EFORMAT;
}

/* extract_sections.c: the section tree of a document. Level 1: roman
 * numeral headings ("I. MỤC ĐÍCH, YÊU CẦU"), appendices ("PHỤ LỤC 01",
 * "PHỤ LỤC SỐ 02") and chapters ("Chương I"); level 2: "1. ..." and
 * "Điều 1."; level 3: "1.1. ...". Lettered items ("a) ...") and "(1) ..."
 * are list items, not sections. Numbering that skips or repeats is put on
 * the review list. */
#include "import/extract.h"
#include "base/vnnum.h"
#include <stdlib.h>
#include <string.h>

/* Longest part before ": " kept as a title ("1.2. Trách nhiệm của ...: Chỉ
 * đạo ..." has the title "Trách nhiệm của ..."). */
enum { TITLE_HEAD_MAX = 160, APPENDIX_TITLE_MAX = 400 };

static size_t digits(const char *s)
{
	size_t i = 0;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

static size_t roman_len(const char *s)
{
	size_t i = 0;
	while (s[i] == 'I' || s[i] == 'V' || s[i] == 'X')
		i++;
	return i;
}

static const char *skip_spaces(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

/* The title part of a heading: cut at ": " when more text follows, without
 * the closing punctuation. Arena copy, NULL when nothing is left. */
static char *clean_title(struct extraction *ex, const char *s)
{
	s = skip_spaces(s);
	size_t n = strlen(s);
	const char *colon = strstr(s, ": ");
	if (colon && (size_t)(colon - s) <= TITLE_HEAD_MAX && colon > s)
		n = (size_t)(colon - s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '.' || s[n - 1] == ':' ||
	             s[n - 1] == ';' || s[n - 1] == ','))
		n--;
	return n ? arena_strndup(&ex->arena, s, n) : NULL;
}

/* Add a section, up to EXTRACT_MAX_SECTIONS (the rest are counted). */
static void add(struct extraction *ex, char *no, char *title, int level, int line)
{
	if (!extraction_room(ex, EX_SECTIONS, ex->sections_len, line))
		return;
	struct ex_section *s = ARENA_PUSH(&ex->arena, ex->sections, ex->sections_len, ex->sections_cap);
	if (!s)
		return;
	s->no = no;
	s->title = title;
	s->level = level;
	s->line = line;
}

/* Length of the "PHỤ LỤC" / "Phụ lục" word pair at s, 0 when absent. */
static size_t appendix_word(const char *s, int caps_only)
{
	if (strncmp(s, "PHỤ LỤC", strlen("PHỤ LỤC")) == 0)
		return strlen("PHỤ LỤC");
	if (!caps_only && strncmp(s, "Phụ lục", strlen("Phụ lục")) == 0)
		return strlen("Phụ lục");
	return 0;
}

/* "PHỤ LỤC 01", "PHỤ LỤC SỐ 02: ...", "Phụ lục I". Sets *no (arena,
 * "PHỤ LỤC 02"; NULL when the arena refused) and *rest (text after the
 * number). */
static int appendix(struct extraction *ex, const struct doc_block *b, char **no,
                    const char **rest)
{
	const char *s = b->text;
	size_t w = appendix_word(s, !(b->heading || b->bold) || strlen(s) > 80);
	if (!w)
		return 0;
	const char *p = skip_spaces(s + w);
	if (strncmp(p, "SỐ ", strlen("SỐ ")) == 0 || strncmp(p, "số ", strlen("số ")) == 0 ||
	    strncmp(p, "Số ", strlen("Số ")) == 0)
		p = skip_spaces(p + strlen("SỐ "));
	size_t n = digits(p);
	if (!n) {
		n = roman_len(p);
		if (n && !vn_roman(p, n))
			n = 0;
	}
	if (!n || (p[n] && p[n] != ' ' && p[n] != '.' && p[n] != ':' && p[n] != ')'))
		return 0;
	*no = arena_printf(&ex->arena, "PHỤ LỤC %.*s", (int)n, p);
	p += n;
	while (*p == ' ' || *p == '.' || *p == ':' || *p == '-')
		p++;
	if (strncmp(p, "–", strlen("–")) == 0)
		p = skip_spaces(p + strlen("–"));
	*rest = p;
	return 1;
}

/* The last level-1 and level-2 numbers seen, for the sequence check. */
struct seq {
	int l1, l2;
	const char *l1_no, *l2_no;
};

static void check_seq(struct extraction *ex, int *prev, const char **prev_no,
                      int n, const char *no, int line)
{
	if (*prev && n != *prev + 1 && n != 1)
		extraction_review(ex, line, "Đánh số mục không liên tục: mục \"%s\" đứng sau mục \"%s\".",
		                  no, *prev_no);
	*prev = n;
	*prev_no = no;
}

/* Fill ex->sections from the paragraphs of doc, in document order. Stops
 * when the arena refuses a section's number (it stays failed, and
 * extract_document answers PH_ENOMEM). */
void extract_sections(const struct docmodel *doc, struct extraction *ex)
{
	struct seq q = {0, 0, NULL, NULL};
	for (size_t i = 0; i < doc->blocks_len; i++) {
		const struct doc_block *b = &doc->blocks[i];
		if (b->kind != BLOCK_PARA)
			continue;
		const char *s = b->text;
		char *no;
		const char *rest;
		size_t n;

		if (appendix(ex, b, &no, &rest)) {
			if (!no)
				return;
			char *title = *rest ? clean_title(ex, rest) : NULL;
			if (!title && i + 1 < doc->blocks_len) {
				const struct doc_block *nb = &doc->blocks[i + 1];
				const char *t = nb->kind == BLOCK_PARA ? nb->text : NULL;
				if (t && t[0] != '(' && strlen(t) <= APPENDIX_TITLE_MAX &&
				    !digits(t) && !appendix_word(t, 0)) {
					title = clean_title(ex, t);
					i++; /* the title line is part of the heading */
				}
			}
			add(ex, no, title, 1, b->line);
			q.l1 = q.l2 = 0; /* an appendix numbers its own parts */
			continue;
		}
		/* "I. MỤC ĐÍCH, YÊU CẦU" */
		if ((n = roman_len(s)) && (s[n] == '.' || s[n] == ')') && s[n + 1] == ' ' &&
		    vn_roman(s, n)) {
			char *title = clean_title(ex, s + n + 1);
			if (title) {
				if (!(no = arena_strndup(&ex->arena, s, n)))
					return;
				add(ex, no, title, 1, b->line);
				check_seq(ex, &q.l1, &q.l1_no, vn_roman(s, n), no, b->line);
				q.l2 = 0;
			}
			continue;
		}
		/* "Chương I" and "Điều 1." of decisions and regulations */
		const char *chuong = strncmp(s, "Chương ", strlen("Chương ")) == 0 ? s + strlen("Chương ") :
		                     strncmp(s, "CHƯƠNG ", strlen("CHƯƠNG ")) == 0 ? s + strlen("CHƯƠNG ") : NULL;
		if (chuong && (n = roman_len(chuong)) && vn_roman(chuong, n) &&
		    (!chuong[n] || chuong[n] == ' ' || chuong[n] == '.' || chuong[n] == ':')) {
			const char *r = chuong + n;
			while (*r == ' ' || *r == '.' || *r == ':')
				r++;
			add(ex, arena_printf(&ex->arena, "Chương %.*s", (int)n, chuong),
			    *r ? clean_title(ex, r) : NULL, 1, b->line);
			q.l1 = q.l2 = 0;
			continue;
		}
		if (strncmp(s, "Điều ", strlen("Điều ")) == 0 &&
		    (n = digits(s + strlen("Điều "))) && n <= 3) {
			const char *d = s + strlen("Điều ");
			if (d[n] == '.' || d[n] == ':' || d[n] == ' ' || !d[n]) {
				const char *r = d + n;
				while (*r == ' ' || *r == '.' || *r == ':')
					r++;
				add(ex, arena_printf(&ex->arena, "Điều %.*s", (int)n, d),
				    *r ? clean_title(ex, r) : NULL, 2, b->line);
			}
			continue;
		}
		/* "1.1. ..." (level 3) and "1. ..." (level 2) */
		n = digits(s);
		if (!n || n > 2 || s[n] != '.')
			continue;
		size_t m = digits(s + n + 1);
		if (m) {
			if (m > 2)
				continue;
			const char *r = s + n + 1 + m;
			if (*r == '.')
				r++;
			if (*r != ' ')
				continue; /* "1.1.1." and deeper are not kept */
			char *title = clean_title(ex, r);
			if (title)
				add(ex, arena_strndup(&ex->arena, s, n + 1 + m), title, 3, b->line);
			continue;
		}
		if (s[n + 1] != ' ')
			continue;
		char *title = clean_title(ex, s + n + 1);
		if (!title)
			continue;
		if (!(no = arena_strndup(&ex->arena, s, n)))
			return;
		add(ex, no, title, 2, b->line);
		check_seq(ex, &q.l2, &q.l2_no, atoi(no), no, b->line);
	}
}

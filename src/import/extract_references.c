/* extract_references.c: the legal documents a document cites ("Quyết định
 * số 1432/QĐ-UBND ngày 04/5/2021 của Ủy ban nhân dân tỉnh Lào Cai", "Nghị
 * quyết số 29-NQ/TU, ngày 22/7/2022", "văn bản số 1541/CTPH-UBDT-HLHPN").
 * A reference is a document kind, an optional "số", a number holding a
 * "/", an optional date and an optional "của <issuer>". Each number is
 * listed once, at its first citation; the document's own number (its
 * appendices say "Kèm theo Kế hoạch số ...") is not a reference. */
#include "import/extract.h"
#include "base/vnnum.h"
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

enum { NUMBER_MAX = 48, ISSUER_WORDS = 12, NAMED_LAW_WORDS = 8 };

/* Kinds as they are cited, capitalized and in lower case (mid-sentence).
 * Longer phrases first. named: a law's name may stand between the kind and
 * "số" ("Luật Bình đẳng giới số 73/2006/QH11"). */
static const struct kind {
	const char *canon, *lower;
	int named;
} kinds[] = {
	{"Thông tư liên tịch", "thông tư liên tịch", 0},
	{"Nghị quyết liên tịch", "nghị quyết liên tịch", 0},
	{"Chương trình phối hợp", "chương trình phối hợp", 0},
	{"Chương trình hành động", "chương trình hành động", 0},
	{"Kế hoạch liên tịch", "kế hoạch liên tịch", 0},
	{"Quyết định", "quyết định", 0},
	{"Nghị quyết", "nghị quyết", 0},
	{"Nghị định", "nghị định", 0},
	{"Kế hoạch", "kế hoạch", 0},
	{"Chỉ thị", "chỉ thị", 0},
	{"Thông tư", "thông tư", 0},
	{"Quy định", "quy định", 0},
	{"Quy chế", "quy chế", 0},
	{"Kết luận", "kết luận", 0},
	{"Chương trình", "chương trình", 0},
	{"Công văn", "công văn", 0},
	{"Văn bản", "văn bản", 0},
	{"Thông báo", "thông báo", 0},
	{"Hướng dẫn", "hướng dẫn", 0},
	{"Báo cáo", "báo cáo", 0},
	{"Tờ trình", "tờ trình", 0},
	{"Đề án", "đề án", 0},
	{"Bộ luật", "bộ luật", 1},
	{"Pháp lệnh", "pháp lệnh", 1},
	{"Luật", "luật", 1},
};

/* Stops for the issuer after "của". */
static const char *const issuer_stops[] = {
	" về ", " về", " thay thế", " quy định", " Quy định", " ban hành", " hướng dẫn",
	" đã ", " trong ", " với ", " nhằm ", " tại ", " khóa ", " khoá ", " Khóa ",
	" nhiệm kỳ", " năm ", " giai đoạn", " để ", " theo ", " gắn với",
	",", ";", "(", "“", "\"", ":",
};

static int word_start(const char *s, const char *p)
{
	if (p == s)
		return 1;
	unsigned char c = (unsigned char)p[-1];
	if (c == ' ' || c == '(' || c == '"' || c == ',' || c == ';' || c == '/' || c == '[')
		return 1;
	return p - s >= 3 && memcmp(p - 3, "“", 3) == 0;
}

static int upper_start(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	UChar32 c;
	if (u[0] < 0x80)
		c = u[0];
	else if (u[0] >= 0xE0 && u[1] && u[2])
		c = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
	else if (u[0] >= 0xC0 && u[1])
		c = ((u[0] & 0x1F) << 6) | (u[1] & 0x3F);
	else
		return 0;
	return u_isupper(c) || u_istitle(c);
}

/* Length of "số", "số:", "Số" and the spaces after it at p, or 0. */
static size_t so_word(const char *p)
{
	size_t n = strlen("số");
	if (strncmp(p, "số", n) != 0 && strncmp(p, "Số", n) != 0)
		return 0;
	if (p[n] == ':')
		n++;
	if (p[n] != ' ')
		return 0;
	while (p[n] == ' ')
		n++;
	return n;
}

/* Length of a document number at p ("1432/QĐ-UBND", "56/2012/NĐ-CP",
 * "29-NQ/TU"): starts with a digit, holds a "/", no spaces. 0 if none. */
static size_t number_len(const char *p)
{
	if (p[0] < '0' || p[0] > '9')
		return 0;
	size_t n = 0;
	int slash = 0;
	while (p[n] && p[n] != ' ' && p[n] != ',' && p[n] != ';' && p[n] != '(' &&
	       p[n] != ')' && p[n] != '"' && strncmp(p + n, "”", strlen("”")) != 0) {
		slash |= p[n] == '/';
		n++;
	}
	while (n && (p[n - 1] == '.' || p[n - 1] == ':'))
		n--;
	if (!slash || n > NUMBER_MAX || p[n - 1] == '/' || p[n - 1] == '-')
		return 0;
	return n;
}

/* The issuer after "của" at p, as an arena string, or NULL when it does not
 * look like a name. */
static char *issuer_at(struct extraction *ex, const char *p)
{
	while (*p == ' ')
		p++;
	if (strncmp(p, "của ", strlen("của ")) != 0)
		return NULL;
	p += strlen("của ");
	while (*p == ' ')
		p++;
	if (!upper_start(p))
		return NULL;
	size_t n = strlen(p);
	for (size_t i = 0; i < sizeof issuer_stops / sizeof issuer_stops[0]; i++) {
		const char *q = strstr(p, issuer_stops[i]);
		/* " về" only counts at the end of the text */
		if (q && strcmp(issuer_stops[i], " về") == 0 && q[strlen(" về")] != 0)
			q = NULL;
		if (q && (size_t)(q - p) < n)
			n = (size_t)(q - p);
	}
	while (n && (p[n - 1] == ' ' || p[n - 1] == '.'))
		n--;
	int words = n ? 1 : 0;
	for (size_t i = 0; i < n; i++)
		words += p[i] == ' ';
	if (!n || words > ISSUER_WORDS)
		return NULL;
	return arena_strndup(&ex->arena, p, n);
}

/* A citation at p of the kind k (p at the kind's first byte). Returns the
 * bytes it spans (0 when it is no citation) and fills *r. */
static size_t citation(struct extraction *ex, const char *p, const struct kind *k,
                       struct ex_reference *r)
{
	size_t kl = strlen(k->canon);
	const char *q = p + kl;
	if (*q != ' ')
		return 0;
	while (*q == ' ')
		q++;
	size_t so = so_word(q);
	if (!so && !number_len(q) && k->named) {
		/* "Luật Bình đẳng giới số ..." */
		const char *w = q;
		for (int i = 0; i < NAMED_LAW_WORDS && *w && !so; i++) {
			while (*w && *w != ' ')
				w++;
			while (*w == ' ')
				w++;
			so = so_word(w);
			if (so)
				q = w;
			if (*w == ',' || *w == ';')
				break;
		}
		if (!so)
			return 0;
	}
	q += so;
	size_t nl = number_len(q);
	if (!nl)
		return 0;
	const char *end = q + nl;
	memset(r, 0, sizeof *r);
	r->kind = arena_strdup(&ex->arena, k->canon);
	r->number = arena_strndup(&ex->arena, q, nl);
	/* ", ngày 22/7/2022" / " ngày 21 tháng 3 năm 2024" */
	const char *d = end;
	while (*d == ' ' || *d == ',')
		d++;
	if (strncmp(d, "ngày ", strlen("ngày ")) == 0) {
		struct ph_date date;
		size_t st, len;
		if (vn_find_date(d, 0, &date, &st, &len) == 0 && st <= strlen("ngày ")) {
			r->date = date;
			end = d + st + len;
		}
	}
	r->text = arena_strndup(&ex->arena, p, (size_t)(end - p));
	r->issuer = issuer_at(ex, end);
	return (size_t)(end - p);
}

static int same_day(struct ph_date a, struct ph_date b)
{
	return a.y == b.y && a.m == b.m && a.d == b.d;
}

static void record(struct extraction *ex, struct ex_reference *r, int line)
{
	if (!r->number || !r->text || !r->kind)
		return; /* the arena refused: extract_document says so */
	if (ex->number && strcmp(ex->number, r->number) == 0)
		return; /* the document itself */
	for (size_t i = 0; i < ex->references_len; i++) {
		struct ex_reference *o = &ex->references[i];
		if (strcmp(o->number, r->number) != 0)
			continue;
		if (o->date.y && r->date.y && !same_day(o->date, r->date))
			continue; /* the same number in another year */
		if (!o->date.y)
			o->date = r->date;
		if (!o->issuer)
			o->issuer = r->issuer;
		return;
	}
	if (!extraction_room(ex, EX_REFERENCES, ex->references_len, line))
		return;
	struct ex_reference *n = ARENA_PUSH(&ex->arena, ex->references, ex->references_len,
	                                    ex->references_cap);
	if (!n)
		return;
	*n = *r;
	n->line = line;
}

static void scan(struct extraction *ex, const char *s, int line)
{
	for (const char *p = s; *p;) {
		if (!word_start(s, p)) {
			p++;
			continue;
		}
		size_t used = 0;
		for (size_t i = 0; i < sizeof kinds / sizeof kinds[0] && !used; i++) {
			const struct kind *k = &kinds[i];
			size_t kl = strlen(k->canon);
			if (strncmp(p, k->canon, kl) != 0 && strncmp(p, k->lower, kl) != 0)
				continue;
			struct ex_reference r;
			used = citation(ex, p, k, &r);
			if (used)
				record(ex, &r, line);
		}
		p += used ? used : 1;
	}
}

/* Fill ex->references from every paragraph and table cell of doc, in
 * document order. Run after extract_header (it skips ex->number). */
void extract_references(const struct docmodel *doc, struct extraction *ex)
{
	for (size_t i = 0; i < doc->blocks_len; i++) {
		const struct doc_block *b = &doc->blocks[i];
		if (b->kind == BLOCK_PARA) {
			scan(ex, b->text, b->line);
			continue;
		}
		for (size_t r = 0; r < b->rows_len; r++)
			for (size_t c = 0; c < b->rows[r].cells_len; c++)
				scan(ex, b->rows[r].cells[c], b->rows[r].line);
	}
}

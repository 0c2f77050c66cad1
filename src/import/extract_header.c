/* extract_header.c: the header of an administrative document (Decree
 * 30/2020/NĐ-CP layout): issuing bodies above "Số:", the number and symbol,
 * place and date, the type line ("KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG", ...)
 * and the title under it; from the title, the period the plan covers (for
 * tasks done "thường xuyên"). What is missing is put on the review list. */
#include "import/extract.h"
#include "base/text.h"
#include "base/vnnum.h"
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* How far into the document the header may reach, in blocks, and in rows
 * of a table laid out there (a header table has a few; a long table is
 * the body, whose rows must not make the header's work grow). */
enum { HEADER_BLOCKS = 40, HEADER_ROWS = 12, TITLE_PARTS = 4, TITLE_MAX = 600 };

/* One line of the header area: a paragraph, or one cell of a small table
 * (header blocks are often laid out as a two-column table). */
struct item {
	const char *text;
	int line;
	size_t block;
	size_t col;      /* column for table cells, 0 for paragraphs */
	int cell;        /* 1 for a table cell */
};

struct items {
	struct item *v;
	size_t len, cap;
};

static void items_add(struct extraction *ex, struct items *it, const char *text,
                      int line, size_t block, size_t col, int cell)
{
	struct item *p = ARENA_PUSH(&ex->arena, it->v, it->len, it->cap);
	if (!p)
		return; /* the arena refused: extract_document says so */
	p->text = text;
	p->line = line;
	p->block = block;
	p->col = col;
	p->cell = cell;
}



static int has_lower(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t k;
		UChar32 c = text_cp_at(s + i, &k);
		if (!k)
			break;
		if (u_islower(c))
			return 1;
		i += k;
	}
	return 0;
}

/* 1 when the folded s starts with the folded word(s) fprefix, at a word end. */
static int fold_starts(const char *s, const char *fprefix)
{
	char *f = text_fold(s);
	size_t n = strlen(fprefix);
	int ok = f && strncmp(f, fprefix, n) == 0 &&
	         (f[n] == 0 || f[n] == ' ' || f[n] == ':' || f[n] == ',' || f[n] == '.');
	free(f);
	return ok;
}

/* "I. ", "IV. " ...: a roman-numeral section heading. */
static int roman_heading(const char *s)
{
	size_t i = 0;
	while (s[i] == 'I' || s[i] == 'V' || s[i] == 'X')
		i++;
	return i > 0 && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ' &&
	       vn_roman(s, i) > 0;
}

/* "1. " ... "99. ": an arabic-numbered heading or item. */
static int number_heading(const char *s)
{
	size_t i = 0;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	return i > 0 && i <= 2 && s[i] == '.' && (s[i + 1] == ' ' || (s[i + 1] >= '0' && s[i + 1] <= '9'));
}

/* The paragraphs that begin the body: the header ends before them. */
static int body_start(const char *s)
{
	return roman_heading(s) || fold_starts(s, "can cu") ||
	       fold_starts(s, "kinh gui") || fold_starts(s, "chuong i") ||
	       fold_starts(s, "dieu 1");
}

/* ---- "Số: 468 /KH- HLHPNVN-UBDT" ------------------------------------ */

/* Length of "Số:" / "SỐ" / "Số" at the start of s (with the colon and the
 * spaces after it), or 0 when s does not start with it. */
static size_t number_prefix(const char *s)
{
	size_t i;
	if (strncmp(s, "Số", strlen("Số")) == 0)
		i = strlen("Số");
	else if (strncmp(s, "SỐ", strlen("SỐ")) == 0)
		i = strlen("SỐ");
	else
		return 0;
	size_t j = i;
	while (s[j] == ' ')
		j++;
	if (s[j] == ':') {
		j++;
	} else if (!(j > i && ((s[j] >= '0' && s[j] <= '9') || s[j] == '/'))) {
		return 0; /* "Số lượng ..." is no number line */
	}
	while (s[j] == ' ')
		j++;
	return j;
}

/* One token of a document number: digits, symbols and upper-case letters. */
static int number_token(const char *t, size_t n, int glued)
{
	if (glued)
		return 1;
	for (size_t i = 0; i < n; i++)
		if ((t[i] >= '0' && t[i] <= '9') || t[i] == '/' || t[i] == '-')
			return 1;
	return !has_lower(t, n) && n > 0 && t[0] != '(';
}

/* Read the number after "Số:" in s. Sets ex->number / ex->symbol and
 * returns the position where the number ends (a place and date may follow
 * on the same line). */
static const char *read_number(struct extraction *ex, const char *s, int line)
{
	char buf[160];
	size_t len = 0;
	const char *p = s;
	int glued = 0;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *q = p;
		while (*q && *q != ' ')
			q++;
		size_t n = (size_t)(q - p);
		if (!n || !number_token(p, n, glued))
			break;
		if (len + n < sizeof buf) {
			memcpy(buf + len, p, n);
			len += n;
		}
		glued = p[n - 1] == '/' || p[n - 1] == '-';
		p = q;
	}
	buf[len] = 0;
	/* placeholders of a draft ("..../KH-UBND") and a trailing comma */
	size_t b = 0;
	while (buf[b] == '.' || buf[b] == '_')
		b++;
	while (len > b && (buf[len - 1] == ',' || buf[len - 1] == ';' || buf[len - 1] == '.'))
		buf[--len] = 0;
	const char *num = buf + b;
	size_t d = 0;
	while (num[d] >= '0' && num[d] <= '9')
		d++;
	if (!*num) {
		extraction_review(ex, line, "Dòng \"Số:\" không có số hay ký hiệu văn bản.");
	} else if (d > 0 && (num[d] == '/' || num[d] == '-') && num[d + 1]) {
		ex->number = arena_strdup(&ex->arena, num);
		ex->symbol = arena_strdup(&ex->arena, num + d + 1);
	} else if (d == 0 && num[0] == '/' && num[1]) {
		ex->symbol = arena_strdup(&ex->arena, num + 1); /* a draft: no number yet */
	} else {
		ex->symbol = arena_strdup(&ex->arena, num);
		extraction_review(ex, line, "Không đọc được số văn bản \"%s\".", num);
	}
	while (*p == ' ' || *p == ',')
		p++;
	return p;
}

/* ---- "Hà Nội, ngày 21 tháng 3 năm 2024" ----------------------------- */

/* Parse a place-and-date line. Returns 1 and sets *place (arena, may be
 * NULL) and *date when s is one. */
static int place_date(struct extraction *ex, const char *s, char **place,
                      struct ph_date *date)
{
	if (strlen(s) > 120)
		return 0;
	const char *ngay = NULL;
	for (const char *p = s; (p = strstr(p, "ngày")) != NULL; p++) {
		if (p == s || p[-1] == ' ' || p[-1] == ',') {
			ngay = p;
			break;
		}
	}
	if (!ngay)
		return 0;
	size_t n = (size_t)(ngay - s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == ','))
		n--;
	int words = n ? 1 : 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ')
			words++;
		if (s[i] >= '0' && s[i] <= '9')
			return 0;
	}
	if (words > 6)
		return 0;
	if (n) {
		size_t k;
		UChar32 c = text_cp_at(s, &k);
		if (!u_isupper(c))
			return 0;
	}
	char tail[128];
	size_t tn = strlen(ngay);
	if (tn >= sizeof tail)
		return 0;
	memcpy(tail, ngay, tn + 1);
	while (tn && (tail[tn - 1] == '.' || tail[tn - 1] == ' '))
		tail[--tn] = 0;
	struct ph_date d;
	if (vn_parse_date(tail, 0, &d) != 0 || d.y == 0)
		return 0;
	*place = n ? arena_strndup(&ex->arena, s, n) : NULL;
	*date = d;
	return 1;
}

/* ---- "KẾ HOẠCH" ----------------------------------------------------- */

static const struct {
	const char *text;
	enum doc_type type;
} types[] = {
	/* longer phrases first */
	{"CHƯƠNG TRÌNH HÀNH ĐỘNG", DOC_PROGRAM},
	{"CHƯƠNG TRÌNH PHỐI HỢP", DOC_PROGRAM},
	{"CHƯƠNG TRÌNH", DOC_PROGRAM},
	{"KẾ HOẠCH LIÊN TỊCH", DOC_PLAN},
	{"KẾ HOẠCH", DOC_PLAN},
	{"BÁO CÁO", DOC_REPORT},
	{"QUYẾT ĐỊNH", DOC_DECISION},
	{"QUY CHẾ", DOC_REGULATION},
	{"NGHỊ QUYẾT", DOC_OTHER},
	{"HƯỚNG DẪN", DOC_OTHER},
	{"THÔNG BÁO", DOC_OTHER},
	{"CHỈ THỊ", DOC_OTHER},
	{"TỜ TRÌNH", DOC_OTHER},
	{"ĐỀ ÁN", DOC_OTHER},
	{"CÔNG VĂN", DOC_OTHER},
};

/* Index into types[] of the type word s starts with, or -1. *rest gets the
 * text after it. */
static int type_line(const char *s, const char **rest)
{
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		size_t n = strlen(types[i].text);
		if (strncmp(s, types[i].text, n) != 0)
			continue;
		if (s[n] != 0 && s[n] != ' ' && s[n] != ':')
			continue;
		const char *r = s + n;
		while (*r == ' ' || *r == ':')
			r++;
		*rest = r;
		return (int)i;
	}
	return -1;
}

/* ---- the period --------------------------------------------------- */

static int year_at(const char *s)
{
	if (s[0] < '1' || s[0] > '2')
		return 0;
	for (int i = 1; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	if (s[4] >= '0' && s[4] <= '9')
		return 0;
	int y = atoi(s);
	return y >= 1945 && y <= 2200 ? y : 0;
}

/* Find the period the title names: "giai đoạn 2021-2025" / "2021 - 2025",
 * "đến năm 2030", "năm 2024". A plan's own year ("Kế hoạch ... năm 2024")
 * comes first; a program's term or horizon comes first. Returns 1 and sets
 * *from, *to. */
static int title_period(const char *title, enum doc_type type, int doc_year,
                        int *from, int *to)
{
	char *f = text_fold(title);
	if (!f)
		return 0;
	int r1 = 0, r2 = 0, until = 0, single = 0;
	for (const char *p = f; *p; p++) {
		int y1 = (p == f || p[-1] < '0' || p[-1] > '9') ? year_at(p) : 0;
		if (!y1)
			continue;
		const char *q = p + 4;
		while (*q == ' ')
			q++;
		if (*q == '-') {
			q++;
			while (*q == ' ')
				q++;
			int y2 = year_at(q);
			if (y2 > y1 && !r1) {
				r1 = y1;
				r2 = y2;
			}
		}
		if (p - f >= 8 && strncmp(p - 8, "den nam ", 8) == 0) {
			if (!until)
				until = y1;
		} else if (p - f >= 4 && strncmp(p - 4, "nam ", 4) == 0 &&
		           (p - f == 4 || p[-5] == ' ') && !single) {
			single = y1;
		}
	}
	free(f);
	if (single && (type == DOC_PLAN || (!r1 && !until))) {
		*from = *to = single;
	} else if (r1) {
		*from = r1;
		*to = r2;
	} else if (until) {
		*to = until; /* "(từ năm 2021) đến năm 2030" */
		*from = single && single < until ? single :
		        doc_year && doc_year <= until ? doc_year : until;
	} else {
		return 0;
	}
	return 1;
}

/* ---- issuers -------------------------------------------------------- */

/* The national and Party mottos stand beside the issuer (a two-column
 * header read as text puts them on the same lines). */
static const char *const mottos[] = {
	"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
	"Độc lập - Tự do - Hạnh phúc", "ĐẢNG CỘNG SẢN VIỆT NAM",
};

/* s without the mottos, trimmed (arena copy; "" when nothing is left,
 * NULL when the arena refused the copy). */
static char *strip_motto(struct extraction *ex, const char *s)
{
	char *t = arena_strdup(&ex->arena, s);
	if (!t)
		return NULL; /* the arena refused: extract_document says so */
	for (size_t i = 0; i < sizeof mottos / sizeof mottos[0]; i++) {
		char *p;
		size_t n = strlen(mottos[i]);
		while ((p = strstr(t, mottos[i])) != NULL)
			memmove(p, p + n, strlen(p + n) + 1);
	}
	/* collapse the spaces left behind */
	char *w = t;
	for (char *r = t; *r; r++)
		if (*r != ' ' || (w > t && w[-1] != ' '))
			*w++ = *r;
	*w = 0;
	return text_trim(t);
}

/* Join the upper-case lines of items[0..end) into "A B; C" (lines that
 * follow each other form one name). NULL when there is none, or when the
 * arena refused (it stays failed). */
static char *issuers(struct extraction *ex, const struct items *it, size_t end)
{
	char *out = NULL;
	const struct item *prev = NULL;
	for (size_t i = 0; i < end; i++) {
		const struct item *x = &it->v[i];
		char *t = strip_motto(ex, x->text);
		if (!t)
			return NULL;
		if (!*t)
			continue;
		if (!text_all_caps(t) || number_prefix(t) || strlen(t) > 200) {
			prev = NULL;
			continue;
		}
		int same = prev && prev->cell == x->cell && prev->line + 1 == x->line &&
		           (!x->cell || (prev->block == x->block && prev->col == x->col));
		if (!out)
			out = t;
		else if (!(out = arena_printf(&ex->arena, "%s%s%s", out, same ? " " : "; ", t)))
			return NULL;
		prev = x;
	}
	return out;
}

/* ---- the extractor -------------------------------------------------- */

/* Fill the header fields of ex from doc: type, number, symbol, place, date,
 * year, title, issuers (when a header block names them) and period. Adds
 * review items for a missing number line, date line, type line or title. */
void extract_header(const struct docmodel *doc, struct extraction *ex)
{
	struct items it = {0};
	size_t limit = doc->blocks_len < HEADER_BLOCKS ? doc->blocks_len : HEADER_BLOCKS;
	size_t region = limit; /* first block of the body */
	for (size_t i = 0; i < limit; i++) {
		const struct doc_block *b = &doc->blocks[i];
		if (b->kind == BLOCK_PARA) {
			if (body_start(b->text)) {
				region = i;
				break;
			}
			items_add(ex, &it, b->text, b->line, i, 0, 0);
		} else {
			size_t cols = b->rows_len ? b->rows[0].cells_len : 0;
			if (cols > 3) {
				region = i;
				break;
			}
			size_t rows = b->rows_len < HEADER_ROWS ? b->rows_len : HEADER_ROWS;
			for (size_t c = 0; c < cols; c++)
				for (size_t r = 0; r < rows; r++)
					if (c < b->rows[r].cells_len && b->rows[r].cells[c][0])
						items_add(ex, &it, b->rows[r].cells[c], b->rows[r].line, i, c, 1);
		}
	}
	int first_line = doc->blocks_len ? doc->blocks[0].line : 1;

	/* number and date */
	long num_i = -1, date_i = -1;
	for (size_t i = 0; i < it.len; i++) {
		const char *t = it.v[i].text;
		size_t k;
		if (num_i < 0 && (k = number_prefix(t)) != 0) {
			num_i = (long)i;
			t = read_number(ex, t + k, it.v[i].line);
		}
		char *place;
		struct ph_date d;
		if (date_i < 0 && *t && place_date(ex, t, &place, &d)) {
			date_i = (long)i;
			ex->place = place;
			ex->date = d;
			ex->year = d.y;
		}
	}
	if (num_i < 0)
		extraction_review(ex, first_line, "Không tìm thấy số, ký hiệu văn bản (dòng \"Số:\").");
	if (date_i < 0)
		extraction_review(ex, first_line, "Không tìm thấy địa danh, ngày tháng năm ban hành.");

	/* type line: after the number and date when they were found */
	long type_i = -1;
	const char *rest = "";
	size_t from = (size_t)((num_i > date_i ? num_i : date_i) + 1);
	for (int pass = 0; pass < 2 && type_i < 0; pass++) {
		for (size_t i = pass ? 0 : from; i < it.len; i++) {
			int k = type_line(it.v[i].text, &rest);
			if (k >= 0) {
				type_i = (long)i;
				ex->type = types[k].type;
				ex->type_text = arena_strdup(&ex->arena, types[k].text);
				break;
			}
		}
	}
	if (type_i < 0)
		extraction_review(ex, first_line, "Không tìm thấy tên loại văn bản (KẾ HOẠCH, CHƯƠNG TRÌNH, BÁO CÁO...).");

	/* title: the lines under the type line */
	if (type_i >= 0) {
		char *title = *rest ? arena_strdup(&ex->arena, rest) : NULL;
		int parts = title ? 1 : 0;
		size_t tb = it.v[type_i].block;
		for (size_t i = tb + 1; i < region && parts < TITLE_PARTS; i++) {
			const struct doc_block *b = &doc->blocks[i];
			if (b->kind != BLOCK_PARA)
				break;
			const char *s = b->text;
			size_t n = strlen(s);
			int thuc_hien = fold_starts(s, "thuc hien");
			if (n == 0 || n > TITLE_MAX || s[0] == '(' || number_heading(s) ||
			    number_prefix(s) || strncmp(s, "Để ", strlen("Để ")) == 0 || fold_starts(s, "tren co so") ||
			    s[n - 1] == ':')
				break;
			if (thuc_hien && (parts > 0 || s[n - 1] == '.'))
				break;
			title = title ? arena_printf(&ex->arena, "%s %s", title, s)
			              : arena_strdup(&ex->arena, s);
			if (!title)
				break; /* the arena refused: extract_document says so */
			parts++;
			if (thuc_hien)
				break; /* "Thực hiện Nghị quyết ..." is the whole title */
		}
		ex->title = title;
		/* without memory the title (and the type's name) may be missing
		 * for that reason only: no review item then */
		if (!title && !arena_failed(&ex->arena))
			extraction_review(ex, it.v[type_i].line, "Không tìm thấy trích yếu (tên) của văn bản dưới dòng \"%s\".",
			                  ex->type_text);
	}

	/* issuers: the upper-case header block above "Số:" */
	size_t top = num_i >= 0 ? (size_t)num_i : date_i >= 0 ? (size_t)date_i :
	             type_i >= 0 ? (size_t)type_i : 0;
	ex->issuers = issuers(ex, &it, top);

	/* the period ongoing tasks run through */
	int y1 = 0, y2 = 0;
	if (!(ex->title && title_period(ex->title, ex->type, ex->year, &y1, &y2)))
		y1 = y2 = ex->year;
	ex->period.year = ex->year;
	if (y1 && y1 == y2)
		ex->period.year = y1; /* a plan "năm 2025" dates its "Quý I" in 2025 */
	if (y1) {
		ex->period.period_start = (struct ph_date){y1, 1, 1};
		ex->period.period_end = (struct ph_date){y2, 12, 31};
	}
}

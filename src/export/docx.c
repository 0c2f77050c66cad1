/* docx.c: the one Word writer (docx.h). The body is written as
 * WordprocessingML into a capped buffer while the caller describes the
 * document; docx_finish adds the fixed parts (styles, settings, the
 * page-number header, properties) and zips them in memory with libzip.
 *
 * All text goes through one escaper (put_text): invalid UTF-8 and the
 * characters XML 1.0 forbids are dropped, the rest is NFC, "&<>\"" are
 * escaped, and a w:t whose spaces Word would drop gets
 * xml:space="preserve". The element order inside pPr, rPr, tblPr, tcPr,
 * trPr and sectPr follows ISO/IEC 29500-4 (wml.xsd); every table cell ends
 * with a paragraph, and the body never ends with a table. */
#include "export/docx.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/text.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <zip.h>

/* Page geometry in twips (1 mm = 56.69 twips): A4 portrait, margins
 * top and bottom 20 mm, left 30 mm, right 15 mm (Phụ lục I, I.2), the
 * page-number header 10 mm from the top edge. */
#define PAGE_W 11906
#define PAGE_H 16838
#define MARGIN_TOP 1134
#define MARGIN_BOTTOM 1134
#define MARGIN_LEFT 1701
#define MARGIN_RIGHT 850
#define MARGIN_HEADER 567
#define TEXT_W (PAGE_W - MARGIN_LEFT - MARGIN_RIGHT)   /* 9355 */

/* The letterhead's columns: the issuer's narrow, the Quốc hiệu's wide
 * enough for "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" at 12 pt bold on one line. */
#define HEAD_LEFT 3118  /* 5.5 cm */
#define HEAD_RIGHT (TEXT_W - HEAD_LEFT)
/* The closing's columns: "Nơi nhận" | the signature. */
#define SIGN_LEFT 4820
#define SIGN_RIGHT (TEXT_W - SIGN_LEFT)
/* Cell margins of the borderless tables (1 mm). */
#define PLAIN_CELL_MAR 57

#define MAX_COLS 16

/* Font sizes in half-points. */
#define SZ_11 22
#define SZ_12 24
#define SZ_13 26
#define SZ_14 28

/* The document.xml body may grow to this many bytes. */
#define DEFAULT_MAX ((size_t)64 << 20)

enum state { ST_NEW, ST_BODY, ST_CLOSED };

struct docx {
	struct buf body;       /* the children of w:body written so far */
	int err;               /* the first failure, sticky */
	int state;             /* enum state */
	int appendix;          /* 1 after docx_appendix */
	int in_table;          /* 1 between docx_table_begin and _end */
	int last_table;        /* 1 when the last block written is a table */
	size_t ncols;          /* columns of the open table */
	int widths[MAX_COLS];  /* their widths in twips */
	int center[MAX_COLS];  /* 1: the column's cells centred */
	char *title;           /* "type title" for core.xml (NFC, unescaped) */
	char *creator;         /* the issuer for core.xml */
};

/* Run and paragraph formats. */
enum {
	R_BOLD = 1, R_ITALIC = 2, R_UPPER = 4,
};

struct pfmt {
	int keep_next;         /* keep with the next paragraph */
	int page_break;        /* start on a new page */
	int rule;              /* 1: a bottom border (the decree's rules) */
	int before, after;     /* spacing in twentieths of a point */
	int line;              /* line spacing in 240ths; 0: single */
	int exact;             /* 1: line is an exact height in twentieths */
	int left, right, first;/* indents in twips */
	const char *jc;        /* "both", "center", "left" or NULL */
	int sz;                /* font size of the paragraph mark, half-points */
};

static void fail(struct docx *d, int code)
{
	if (!d->err)
		d->err = code;
}

/* ---- text --------------------------------------------------------------- */

/* 1 for the code points XML 1.0 does not allow (or that Word refuses):
 * C0 controls other than tab, LF and CR, and U+FFFE, U+FFFF. */
static int forbidden(uint32_t c)
{
	return (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) || c == 0xFFFE || c == 0xFFFF;
}

/* The length of the well-formed UTF-8 sequence at s[0..n), 0 if none. */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t k;
	uint32_t v, min;
	if (c < 0x80)
		return *cp = c, 1;
	if (c >= 0xC2 && c <= 0xDF)
		k = 2, v = c & 0x1F, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		k = 3, v = c & 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		k = 4, v = c & 0x07, min = 0x10000;
	else
		return 0;
	if (k > n)
		return 0;
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	return *cp = v, k;
}

/* A malloc'd copy of s with invalid UTF-8 and forbidden characters
 * dropped, CR LF and CR made LF, then NFC. NULL s is "". NULL only when
 * memory runs out. */
static char *clean(const char *s)
{
	if (!s)
		s = "";
	size_t n = strlen(s), o = 0;
	char *t = malloc(n + 1);
	if (!t)
		return NULL;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_seq(u + i, n - i, &cp);
		if (!k) {
			i++;
			continue;
		}
		if (cp == '\r') {
			t[o++] = '\n';
			i += (i + 1 < n && u[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		if (!forbidden(cp))
			memcpy(t + o, s + i, k), o += k;
		i += k;
	}
	t[o] = 0;
	if (!o)
		return t;
	char *nfc = text_nfc(t, o);
	free(t);
	return nfc;
}

/* A malloc'd upper-case copy of valid UTF-8 s (Vietnamese rules), NULL
 * when memory runs out. */
static char *upper(const char *s)
{
	UErrorCode e = U_ZERO_ERROR;
	int32_t n16 = 0;
	u_strFromUTF8(NULL, 0, &n16, s, -1, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		return NULL;
	e = U_ZERO_ERROR;
	UChar *a = malloc(((size_t)n16 + 1) * sizeof *a);
	UChar *b = malloc(((size_t)n16 * 3 + 1) * sizeof *b);
	char *out = NULL;
	if (!a || !b)
		goto done;
	u_strFromUTF8(a, n16 + 1, NULL, s, -1, &e);
	int32_t nb = u_strToUpper(b, n16 * 3 + 1, a, n16, "vi", &e);
	if (U_FAILURE(e))
		goto done;
	int32_t n8 = 0;
	u_strToUTF8(NULL, 0, &n8, b, nb, &e);
	e = U_ZERO_ERROR;
	out = malloc((size_t)n8 + 1);
	if (out) {
		u_strToUTF8(out, n8 + 1, NULL, b, nb, &e);
		if (U_FAILURE(e))
			free(out), out = NULL;
	}
done:
	free(a);
	free(b);
	return out;
}

/* Escape s[0..n) (clean UTF-8) for XML text or a quoted attribute. */
static void put_esc(struct buf *b, const char *s, size_t n)
{
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		const char *r = NULL;
		switch (s[i]) {
		case '&': r = "&amp;"; break;
		case '<': r = "&lt;"; break;
		case '>': r = "&gt;"; break;
		case '"': r = "&quot;"; break;
		default: continue;
		}
		buf_append(b, s + from, i - from);
		buf_puts(b, r);
		from = i + 1;
	}
	buf_append(b, s + from, n - from);
}

/* One w:t of s[0..n) (no tab, no LF). */
static void put_t(struct buf *b, const char *s, size_t n)
{
	if (!n)
		return;
	int keep = s[0] == ' ' || s[n - 1] == ' ';
	for (size_t i = 0; !keep && i + 1 < n; i++)
		keep = s[i] == ' ' && s[i + 1] == ' ';
	buf_puts(b, keep ? "<w:t xml:space=\"preserve\">" : "<w:t>");
	put_esc(b, s, n);
	buf_puts(b, "</w:t>");
}

/* The run properties, in the schema's order (b, bCs, i, iCs, sz, szCs). */
static void put_rpr(struct buf *b, int flags, int sz)
{
	buf_puts(b, "<w:rPr>");
	if (flags & R_BOLD)
		buf_puts(b, "<w:b/><w:bCs/>");
	if (flags & R_ITALIC)
		buf_puts(b, "<w:i/><w:iCs/>");
	buf_printf(b, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", sz, sz);
	buf_puts(b, "</w:rPr>");
}

/* A run of cleaned text t: "\n" a line break, "\t" a tab. */
static void put_run(struct buf *b, const char *t, int flags, int sz)
{
	buf_puts(b, "<w:r>");
	put_rpr(b, flags, sz);
	size_t from = 0, n = strlen(t);
	for (size_t i = 0; i <= n; i++) {
		if (i < n && t[i] != '\n' && t[i] != '\t')
			continue;
		put_t(b, t + from, i - from);
		if (i < n)
			buf_puts(b, t[i] == '\n' ? "<w:br/>" : "<w:tab/>");
		from = i + 1;
	}
	buf_puts(b, "</w:r>");
}

/* ---- paragraphs ----------------------------------------------------------- */

/* The paragraph properties, in the schema's order: keepNext,
 * pageBreakBefore, pBdr, spacing, ind, jc, rPr. */
static void put_ppr(struct buf *b, const struct pfmt *f)
{
	buf_puts(b, "<w:pPr>");
	if (f->keep_next)
		buf_puts(b, "<w:keepNext/>");
	if (f->page_break)
		buf_puts(b, "<w:pageBreakBefore/>");
	if (f->rule)
		buf_puts(b, "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>");
	buf_printf(b, "<w:spacing w:before=\"%d\" w:after=\"%d\" w:line=\"%d\" w:lineRule=\"%s\"/>",
	           f->before, f->after, f->line ? f->line : 240, f->exact ? "exact" : "auto");
	if (f->left || f->right || f->first)
		buf_printf(b, "<w:ind w:left=\"%d\" w:right=\"%d\" w:firstLine=\"%d\"/>",
		           f->left, f->right, f->first);
	if (f->jc)
		buf_printf(b, "<w:jc w:val=\"%s\"/>", f->jc);
	buf_printf(b, "<w:rPr><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr>", f->sz, f->sz);
	buf_puts(b, "</w:pPr>");
}

/* A paragraph of one run; text NULL or "" gives an empty paragraph. */
static void para(struct docx *d, const struct pfmt *f, const char *text, int flags)
{
	struct buf *b = &d->body;
	char *t = clean(text);
	if (t && (flags & R_UPPER) && *t) {
		char *u = upper(t);
		free(t);
		t = u;
	}
	if (!t) {
		fail(d, PH_ENOMEM);
		return;
	}
	buf_puts(b, "<w:p>");
	put_ppr(b, f);
	if (*t)
		put_run(b, t, flags, f->sz);
	buf_puts(b, "</w:p>");
	free(t);
	if (buf_error(b))
		fail(d, buf_error(b));
	d->last_table = 0;
}

/* The rough width in twips of text t at sz half-points, from average
 * Times New Roman advances (in thousandths of an em); good enough to
 * size a rule under a line. */
static int text_width(const char *t, int sz, int bold)
{
	long em = 0;
	for (size_t i = 0; t[i];) {
		size_t k;
		int cp = text_cp_at(t + i, &k);
		if (cp < 0 || !k)
			break;
		i += k;
		if (cp == ' ')
			em += 250;
		else if (cp == '-' || cp == '.' || cp == ',' || cp == ':' || cp == '/')
			em += 320;
		else if (cp >= '0' && cp <= '9')
			em += 500;
		else if (u_isupper(cp))
			em += bold ? 740 : 690;
		else if (u_isalpha(cp))
			em += bold ? 520 : 470;
		else if (u_getCombiningClass(cp) == 0)
			em += 500;
	}
	/* em/1000 ems of sz/2 points of 20 twips */
	return (int)(em * sz * 10 / 1000);
}

/* A rule of width w twips centred in a column of width col: an empty
 * paragraph of tiny height with a bottom border. */
static void rule(struct docx *d, int col, int w)
{
	if (w > col)
		w = col;
	struct pfmt f = {.rule = 1, .line = 60, .exact = 1, .after = 120, .jc = "center", .sz = 4};
	f.left = f.right = (col - w) / 2;
	para(d, &f, NULL, 0);
}

/* ---- tables ------------------------------------------------------------- */

/* A table's opening: tblPr in the schema's order (tblW, jc, tblInd,
 * tblBorders, tblLayout, tblCellMar, tblLook) and tblGrid. */
static void table_open(struct buf *b, const int *widths, size_t n, int borders, int cellmar)
{
	int total = 0;
	for (size_t i = 0; i < n; i++)
		total += widths[i];
	buf_puts(b, "<w:tbl><w:tblPr>");
	buf_printf(b, "<w:tblW w:w=\"%d\" w:type=\"dxa\"/>", total);
	buf_puts(b, "<w:jc w:val=\"center\"/>");
	buf_puts(b, "<w:tblInd w:w=\"0\" w:type=\"dxa\"/>");
	const char *v = borders ? "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\""
	                        : "w:val=\"nil\"";
	buf_printf(b, "<w:tblBorders><w:top %s/><w:left %s/><w:bottom %s/><w:right %s/>"
	           "<w:insideH %s/><w:insideV %s/></w:tblBorders>", v, v, v, v, v, v);
	buf_puts(b, "<w:tblLayout w:type=\"fixed\"/>");
	buf_printf(b, "<w:tblCellMar><w:left w:w=\"%d\" w:type=\"dxa\"/><w:right w:w=\"%d\" w:type=\"dxa\"/>"
	           "</w:tblCellMar>", cellmar, cellmar);
	buf_puts(b, "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\""
	         " w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>");
	buf_puts(b, "</w:tblPr><w:tblGrid>");
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "<w:gridCol w:w=\"%d\"/>", widths[i]);
	buf_puts(b, "</w:tblGrid>");
}

/* A row's opening: trPr (cantSplit, tblHeader) in the schema's order. */
static void row_open(struct buf *b, int header)
{
	buf_puts(b, "<w:tr><w:trPr><w:cantSplit/>");
	if (header)
		buf_puts(b, "<w:tblHeader/>");
	buf_puts(b, "</w:trPr>");
}

/* A cell's opening: tcPr in the schema's order (tcW, gridSpan, vAlign).
 * The caller writes at least one paragraph, last, then cell_close. */
static void cell_open(struct buf *b, int w, int span, const char *valign)
{
	buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", w);
	if (span > 1)
		buf_printf(b, "<w:gridSpan w:val=\"%d\"/>", span);
	if (valign)
		buf_printf(b, "<w:vAlign w:val=\"%s\"/>", valign);
	buf_puts(b, "</w:tcPr>");
}

static void cell_close(struct buf *b)
{
	buf_puts(b, "</w:tc>");
}

/* A table cell's text: one paragraph per "\n"-separated line (at least
 * one, so that the cell ends with a paragraph). */
static void cell_text(struct docx *d, const char *text, int flags, const char *jc)
{
	struct pfmt f = {.before = 40, .after = 40, .jc = jc, .sz = SZ_12};
	char *t = clean(text);
	if (!t) {
		fail(d, PH_ENOMEM);
		return;
	}
	char *p = t;
	for (;;) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = 0;
		para(d, &f, p, flags);
		if (!nl)
			break;
		p = nl + 1;
	}
	free(t);
}

/* ---- the API ------------------------------------------------------------ */

int docx_new(struct docx **out)
{
	*out = calloc(1, sizeof **out);
	if (!*out)
		return PH_ENOMEM;
	buf_init(&(*out)->body, DEFAULT_MAX);
	return 0;
}

void docx_set_max(struct docx *d, size_t max)
{
	if (d && !d->err)
		d->body.max = max;
}

void docx_free(struct docx *d)
{
	if (!d)
		return;
	buf_cleanup(&d->body);
	free(d->title);
	free(d->creator);
	free(d);
}

/* 1 when a body block may be written now; else records PH_EINVAL. */
static int body_ok(struct docx *d)
{
	if (!d || d->err)
		return 0;
	if (d->state == ST_NEW || d->in_table || (d->state == ST_CLOSED && !d->appendix)) {
		fail(d, PH_EINVAL);
		return 0;
	}
	return 1;
}

/* "05" for 5, "12" for 12. */
static void two(char out[static 4], int v)
{
	snprintf(out, 4, "%02d", v < 0 ? 0 : v % 100);
}

/* The "Số:" line: "Số: 05/KH-UBND", or blanks for the clerk. */
static void number_line(char *out, size_t n, const char *number, const char *symbol)
{
	const char *num = number ? number : "";
	const char *sym = symbol ? symbol : "";
	char pad[4] = "";
	if (num[0] >= '1' && num[0] <= '9' && !num[1])
		pad[0] = '0';
	if (!*num)
		snprintf(out, n, "Số:        /%s", sym);
	else
		snprintf(out, n, "Số: %s%s%s%s", pad, num, *sym ? "/" : "", sym);
}

/* "Lào Cai, ngày 05 tháng 3 năm 2026"; blanks for what is unknown. */
static void date_line(char *out, size_t n, const char *place, struct ph_date dt)
{
	char pre[300] = "";
	if (place && *place)
		snprintf(pre, sizeof pre, "%s, ", place);
	if (date_is_full(dt)) {
		char dd[4], mm[16];
		two(dd, dt.d);
		if (dt.m <= 2)
			two(mm, dt.m);
		else
			snprintf(mm, sizeof mm, "%d", dt.m % 100);
		snprintf(out, n, "%sngày %s tháng %s năm %d", pre, dd, mm, dt.y);
	} else if (dt.y > 0) {
		snprintf(out, n, "%sngày     tháng     năm %d", pre, dt.y);
	} else {
		snprintf(out, n, "%sngày     tháng     năm 20    ", pre);
	}
}

void docx_letterhead(struct docx *d, const struct docx_letterhead *h)
{
	if (!d || d->err)
		return;
	if (d->state != ST_NEW || !h || !h->issuer || !*h->issuer || !h->type || !*h->type) {
		fail(d, PH_EINVAL);
		return;
	}
	struct buf *b = &d->body;
	int widths[2] = {HEAD_LEFT, HEAD_RIGHT};
	char *issuer = clean(h->issuer), *iss_up = issuer ? upper(issuer) : NULL;
	if (!iss_up) {
		free(issuer);
		fail(d, PH_ENOMEM);
		return;
	}
	free(issuer);
	table_open(b, widths, 2, 0, PLAIN_CELL_MAR);
	buf_puts(b, "<w:tr>");
	/* the issuing body */
	cell_open(b, HEAD_LEFT, 1, NULL);
	struct pfmt c13 = {.jc = "center", .sz = SZ_13};
	if (h->parent_body && *h->parent_body)
		para(d, &c13, h->parent_body, R_UPPER);
	para(d, &c13, iss_up, R_BOLD);
	int iw = text_width(iss_up, SZ_13, 1);
	int col = HEAD_LEFT - 2 * PLAIN_CELL_MAR;
	if (iw > col)
		iw = col;
	rule(d, col, iw * 2 / 5 > 567 ? iw * 2 / 5 : 567);
	char line[512];
	number_line(line, sizeof line, h->number, h->symbol);
	para(d, &c13, line, 0);
	cell_close(b);
	/* Quốc hiệu, Tiêu ngữ and the place and date */
	cell_open(b, HEAD_RIGHT, 1, NULL);
	static const char qh[] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
	static const char tn[] = "Độc lập - Tự do - Hạnh phúc";
	/* 12 pt, the decree's own sample size: at 13 pt the line wraps in
	 * LibreOffice's metric-compatible substitute for Times New Roman. */
	struct pfmt c12 = {.jc = "center", .sz = SZ_12};
	para(d, &c12, qh, R_BOLD);
	struct pfmt c14 = {.jc = "center", .sz = SZ_14};
	para(d, &c14, tn, R_BOLD);
	rule(d, HEAD_RIGHT - 2 * PLAIN_CELL_MAR, text_width(tn, SZ_14, 1) + 60);
	char *place = clean(h->place);
	if (!place) {
		fail(d, PH_ENOMEM);
		free(iss_up);
		return;
	}
	date_line(line, sizeof line, place, h->date);
	free(place);
	para(d, &c14, line, R_ITALIC);
	cell_close(b);
	buf_puts(b, "</w:tr></w:tbl>");
	/* the type and the title */
	struct pfmt ty = {.before = 360, .jc = "center", .sz = SZ_14, .keep_next = 1};
	para(d, &ty, h->type, R_BOLD | R_UPPER);
	struct pfmt ti = {.jc = "center", .sz = SZ_14, .keep_next = 1};
	char *title = clean(h->title);
	if (!title) {
		fail(d, PH_ENOMEM);
		free(iss_up);
		return;
	}
	if (*title) {
		para(d, &ti, title, R_BOLD);
		/* the widest line of the title sizes its rule */
		int tw = 0;
		for (char *p = title;;) {
			char *nl = strchr(p, '\n');
			if (nl)
				*nl = 0;
			int w = text_width(p, SZ_14, 1);
			tw = w > tw ? w : tw;
			if (!nl)
				break;
			*nl = '\n';
			p = nl + 1;
		}
		if (tw > TEXT_W)
			tw = TEXT_W;
		rule(d, TEXT_W, tw * 2 / 5 > 1134 ? tw * 2 / 5 : 1134);
	} else {
		rule(d, TEXT_W, 1134);
	}
	char *ty_up = NULL, *ty_clean = clean(h->type);
	if (ty_clean)
		ty_up = upper(ty_clean);
	free(ty_clean);
	size_t tl = (ty_up ? strlen(ty_up) : 0) + strlen(title) + 2;
	free(d->title);
	d->title = malloc(tl);
	if (d->title && ty_up)
		snprintf(d->title, tl, "%s%s%s", ty_up, *title ? " " : "", title);
	for (char *p = d->title; p && *p; p++)
		if (*p == '\n')
			*p = ' ';
	free(ty_up);
	free(title);
	free(d->creator);
	d->creator = iss_up;
	if (!d->title)
		fail(d, PH_ENOMEM);
	if (buf_error(b))
		fail(d, buf_error(b));
	d->state = ST_BODY;
	d->last_table = 0;
}

void docx_basis(struct docx *d, const char *text)
{
	if (!body_ok(d))
		return;
	if (!text) {
		fail(d, PH_EINVAL);
		return;
	}
	struct pfmt f = {.after = 120, .line = 288, .first = 567, .jc = "both", .sz = SZ_14};
	para(d, &f, text, R_ITALIC);
}

void docx_heading(struct docx *d, int level, const char *text)
{
	if (!body_ok(d))
		return;
	if (!text || level < 1 || level > 3) {
		fail(d, PH_EINVAL);
		return;
	}
	struct pfmt f = {.keep_next = 1, .before = level == 1 ? 120 : 60, .after = 120, .line = 288,
	                 .first = 567, .jc = "both", .sz = SZ_14};
	para(d, &f, text, level == 3 ? R_ITALIC : R_BOLD);
}

void docx_para(struct docx *d, const char *text)
{
	if (!body_ok(d))
		return;
	if (!text) {
		fail(d, PH_EINVAL);
		return;
	}
	struct pfmt f = {.after = 120, .line = 288, .first = 567, .jc = "both", .sz = SZ_14};
	para(d, &f, text, 0);
}

void docx_table_begin(struct docx *d, const struct docx_column *cols, size_t n)
{
	if (!body_ok(d))
		return;
	if (!cols || n == 0 || n > MAX_COLS) {
		fail(d, PH_EINVAL);
		return;
	}
	long total = 0;
	for (size_t i = 0; i < n; i++)
		total += cols[i].width > 0 ? cols[i].width : 1;
	int used = 0;
	for (size_t i = 0; i < n; i++) {
		long w = cols[i].width > 0 ? cols[i].width : 1;
		d->widths[i] = i + 1 < n ? (int)(w * TEXT_W / total) : TEXT_W - used;
		used += d->widths[i];
		d->center[i] = cols[i].center != 0;
	}
	d->ncols = n;
	struct buf *b = &d->body;
	table_open(b, d->widths, n, 1, 85);
	row_open(b, 1);
	for (size_t i = 0; i < n; i++) {
		cell_open(b, d->widths[i], 1, "center");
		cell_text(d, cols[i].title, R_BOLD, "center");
		cell_close(b);
	}
	buf_puts(b, "</w:tr>");
	d->in_table = 1;
	if (buf_error(b))
		fail(d, buf_error(b));
}

void docx_table_section(struct docx *d, const char *text)
{
	if (!d || d->err)
		return;
	if (!d->in_table || !text) {
		fail(d, PH_EINVAL);
		return;
	}
	struct buf *b = &d->body;
	row_open(b, 0);
	cell_open(b, TEXT_W, (int)d->ncols, NULL);
	cell_text(d, text, R_BOLD, "left");
	cell_close(b);
	buf_puts(b, "</w:tr>");
}

void docx_table_row(struct docx *d, const char *const *cells, size_t n)
{
	if (!d || d->err)
		return;
	if (!d->in_table || n != d->ncols || (!cells && n)) {
		fail(d, PH_EINVAL);
		return;
	}
	struct buf *b = &d->body;
	row_open(b, 0);
	for (size_t i = 0; i < n; i++) {
		cell_open(b, d->widths[i], 1, NULL);
		cell_text(d, cells[i], 0, d->center[i] ? "center" : "left");
		cell_close(b);
	}
	buf_puts(b, "</w:tr>");
}

void docx_table_end(struct docx *d)
{
	if (!d || d->err)
		return;
	if (!d->in_table) {
		fail(d, PH_EINVAL);
		return;
	}
	buf_puts(&d->body, "</w:tbl>");
	d->in_table = 0;
	d->last_table = 1;
	if (buf_error(&d->body))
		fail(d, buf_error(&d->body));
}

void docx_closing(struct docx *d, const struct docx_closing *c)
{
	if (!body_ok(d))
		return;
	if (!c || d->state == ST_CLOSED || (c->nrecipients && !c->recipients)) {
		fail(d, PH_EINVAL);
		return;
	}
	struct buf *b = &d->body;
	int widths[2] = {SIGN_LEFT, SIGN_RIGHT};
	/* a little air between the body and the signature */
	struct pfmt gap = {.sz = SZ_14};
	para(d, &gap, NULL, 0);
	table_open(b, widths, 2, 0, PLAIN_CELL_MAR);
	buf_puts(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
	cell_open(b, SIGN_LEFT, 1, NULL);
	if (c->nrecipients) {
		struct pfmt nn = {.sz = SZ_12};
		para(d, &nn, "Nơi nhận:", R_BOLD | R_ITALIC);
		struct pfmt li = {.sz = SZ_11, .left = 0};
		for (size_t i = 0; i < c->nrecipients; i++) {
			char *r = clean(c->recipients[i]);
			if (!r) {
				fail(d, PH_ENOMEM);
				break;
			}
			/* the caller's "- " and trailing ";"/"." are not doubled */
			char *p = r;
			while (*p == ' ' || *p == '-')
				p++;
			size_t k = strlen(p);
			while (k && (p[k - 1] == ';' || p[k - 1] == '.' || p[k - 1] == ' '))
				p[--k] = 0;
			size_t ln = k + 8;
			char *line = malloc(ln);
			if (!line) {
				free(r);
				fail(d, PH_ENOMEM);
				break;
			}
			snprintf(line, ln, "- %s%s", p, i + 1 < c->nrecipients ? ";" : ".");
			para(d, &li, line, 0);
			free(line);
			free(r);
		}
	} else {
		struct pfmt e = {.sz = SZ_12};
		para(d, &e, NULL, 0);
	}
	cell_close(b);
	cell_open(b, SIGN_RIGHT, 1, NULL);
	struct pfmt s = {.jc = "center", .sz = SZ_14};
	if (c->authority && *c->authority)
		para(d, &s, c->authority, R_BOLD | R_UPPER);
	para(d, &s, c->position, R_BOLD | R_UPPER);
	/* room for the signature and the seal */
	for (int i = 0; i < 4; i++)
		para(d, &s, NULL, 0);
	para(d, &s, c->signer, R_BOLD);
	cell_close(b);
	buf_puts(b, "</w:tr></w:tbl>");
	d->last_table = 1;
	d->state = ST_CLOSED;
	if (buf_error(b))
		fail(d, buf_error(b));
}

void docx_appendix(struct docx *d, const char *label, const char *title, const char *attached)
{
	if (!d || d->err)
		return;
	if (d->state == ST_NEW || d->in_table) {
		fail(d, PH_EINVAL);
		return;
	}
	struct pfmt l = {.page_break = 1, .keep_next = 1, .jc = "center", .sz = SZ_14};
	para(d, &l, label && *label ? label : "PHỤ LỤC", R_BOLD);
	struct pfmt t = {.keep_next = 1, .jc = "center", .sz = SZ_14};
	if (title && *title)
		para(d, &t, title, R_BOLD | R_UPPER);
	if (attached && *attached)
		para(d, &t, attached, R_ITALIC);
	rule(d, TEXT_W, 1701);
	d->appendix = 1;
	d->state = ST_CLOSED;
}

/* ---- the package -------------------------------------------------------- */

static const char xml_decl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PR "http://schemas.openxmlformats.org/package/2006/relationships"
#define CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."

static const char content_types[] =
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"" CT_WML "document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"" CT_WML "styles+xml\"/>"
	"<Override PartName=\"/word/settings.xml\" ContentType=\"" CT_WML "settings+xml\"/>"
	"<Override PartName=\"/word/header1.xml\" ContentType=\"" CT_WML "header+xml\"/>"
	"<Override PartName=\"/word/header2.xml\" ContentType=\"" CT_WML "header+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
	"<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
	"</Types>";

static const char root_rels[] =
	"<Relationships xmlns=\"" NS_PR "\">"
	"<Relationship Id=\"rId1\" Type=\"" NS_R "/officeDocument\" Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" NS_R "/extended-properties\" Target=\"docProps/app.xml\"/>"
	"</Relationships>";

static const char doc_rels[] =
	"<Relationships xmlns=\"" NS_PR "\">"
	"<Relationship Id=\"rId1\" Type=\"" NS_R "/styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" NS_R "/settings\" Target=\"settings.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" NS_R "/header\" Target=\"header1.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"" NS_R "/header\" Target=\"header2.xml\"/>"
	"</Relationships>";

/* Times New Roman 14 pt, Vietnamese, single spacing by default; the
 * Normal paragraph, the default run font and the borderless Normal Table. */
static const char styles[] =
	"<w:styles xmlns:w=\"" NS_W "\">"
	"<w:docDefaults><w:rPrDefault><w:rPr>"
	"<w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
	"<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>"
	"<w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" w:bidi=\"ar-SA\"/>"
	"</w:rPr></w:rPrDefault>"
	"<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
	"</w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
	"<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
	"<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"
	"<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
	"<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/>"
	"<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
	"<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
	"</w:tblCellMar></w:tblPr></w:style>"
	"<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/>"
	"<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"
	"</w:styles>";

static const char settings[] =
	"<w:settings xmlns:w=\"" NS_W "\">"
	"<w:zoom w:percent=\"100\"/>"
	"<w:defaultTabStop w:val=\"720\"/>"
	"<w:characterSpacingControl w:val=\"doNotCompress\"/>"
	"<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
	"</w:settings>";

/* The page number, 14 pt, centred in the top margin (a PAGE field). */
static const char header_page[] =
	"<w:hdr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\">"
	"<w:p><w:pPr><w:jc w:val=\"center\"/><w:rPr><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:pPr>"
	"<w:r><w:rPr><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r>"
	"<w:r><w:rPr><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
	"<w:r><w:rPr><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"separate\"/></w:r>"
	"<w:r><w:rPr><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:t>2</w:t></w:r>"
	"<w:r><w:rPr><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"end\"/></w:r>"
	"</w:p></w:hdr>";

/* Page 1's header: empty (no number on the first page). */
static const char header_first[] =
	"<w:hdr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:p/></w:hdr>";

/* The section: header references, pgSz, pgMar, cols, titlePg, docGrid. */
static void put_sectpr(struct buf *b)
{
	buf_puts(b, "<w:sectPr>"
	         "<w:headerReference w:type=\"default\" r:id=\"rId3\"/>"
	         "<w:headerReference w:type=\"first\" r:id=\"rId4\"/>");
	buf_printf(b, "<w:pgSz w:w=\"%d\" w:h=\"%d\" w:code=\"9\"/>", PAGE_W, PAGE_H);
	buf_printf(b, "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\""
	           " w:header=\"%d\" w:footer=\"%d\" w:gutter=\"0\"/>",
	           MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_HEADER, MARGIN_HEADER);
	buf_puts(b, "<w:cols w:space=\"720\"/><w:titlePg/><w:docGrid w:linePitch=\"381\"/></w:sectPr>");
}

/* One part added to the archive from memory that outlives zip_close. */
static int add_part(zip_t *z, const char *name, const char *data, size_t n)
{
	zip_source_t *s = zip_source_buffer(z, data, n, 0);
	if (!s)
		return PH_ENOMEM;
	zip_int64_t i = zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
	if (i < 0) {
		zip_source_free(s);
		return PH_ENOMEM;
	}
	if (zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_DEFLATE, 0) < 0)
		return PH_EINTERNAL;
	return 0;
}

/* The ISO 8601 UTC time now, for core.xml. */
static void now_iso(char out[static 32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int docx_finish(struct docx *d, struct buf *out)
{
	if (!d)
		return PH_EINVAL;
	if (!d->err && (d->state == ST_NEW || d->in_table))
		fail(d, PH_EINVAL);
	int rc = d->err;
	struct buf doc, core, app;
	size_t max = d->body.max + ((size_t)1 << 20);
	buf_init(&doc, max);
	buf_init(&core, 1 << 20);
	buf_init(&app, 1 << 16);
	zip_source_t *src = NULL;
	zip_t *z = NULL;
	if (rc)
		goto done;
	/* word/document.xml */
	buf_puts(&doc, xml_decl);
	buf_puts(&doc, "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:body>");
	buf_append(&doc, d->body.data ? d->body.data : "", d->body.len);
	if (d->last_table)
		buf_puts(&doc, "<w:p><w:pPr><w:spacing w:after=\"0\"/><w:rPr><w:sz w:val=\"4\"/>"
		         "<w:szCs w:val=\"4\"/></w:rPr></w:pPr></w:p>");
	put_sectpr(&doc);
	buf_puts(&doc, "</w:body></w:document>");
	/* docProps */
	char when[32];
	now_iso(when);
	buf_puts(&core, xml_decl);
	buf_puts(&core, "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
	         " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
	         " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
	put_esc(&core, d->title ? d->title : "", d->title ? strlen(d->title) : 0);
	buf_puts(&core, "</dc:title><dc:creator>");
	put_esc(&core, d->creator ? d->creator : "", d->creator ? strlen(d->creator) : 0);
	buf_puts(&core, "</dc:creator><dc:language>vi-VN</dc:language>");
	buf_printf(&core, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created>"
	           "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified>", when, when);
	buf_puts(&core, "</cp:coreProperties>");
	buf_puts(&app, xml_decl);
	buf_puts(&app, "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
	         "<Application>phoihop</Application><DocSecurity>0</DocSecurity></Properties>");
	if ((rc = buf_error(&doc)) || (rc = buf_error(&core)) || (rc = buf_error(&app)))
		goto done;

	/* the fixed parts, each with its declaration */
	static const struct { const char *name, *xml; } fixed[] = {
		{"[Content_Types].xml", content_types},
		{"_rels/.rels", root_rels},
		{"word/_rels/document.xml.rels", doc_rels},
		{"word/styles.xml", styles},
		{"word/settings.xml", settings},
		{"word/header1.xml", header_page},
		{"word/header2.xml", header_first},
	};
	size_t nfixed = sizeof fixed / sizeof fixed[0];
	struct buf fx[sizeof fixed / sizeof fixed[0]];
	for (size_t i = 0; i < nfixed; i++) {
		buf_init(&fx[i], 1 << 16);
		buf_puts(&fx[i], xml_decl);
		buf_puts(&fx[i], fixed[i].xml);
	}
	zip_error_t ze;
	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (src)
		z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	zip_error_fini(&ze);
	if (!z) {
		rc = PH_ENOMEM;
		goto fixed_done;
	}
	zip_source_keep(src);
	for (size_t i = 0; i < nfixed && !rc; i++)
		rc = buf_error(&fx[i]) ? buf_error(&fx[i])
		                       : add_part(z, fixed[i].name, fx[i].data, fx[i].len);
	if (!rc)
		rc = add_part(z, "word/document.xml", doc.data, doc.len);
	if (!rc)
		rc = add_part(z, "docProps/core.xml", core.data, core.len);
	if (!rc)
		rc = add_part(z, "docProps/app.xml", app.data, app.len);
	if (rc) {
		zip_discard(z);
		z = NULL;
		goto fixed_done;
	}
	if (zip_close(z) < 0) {
		zip_discard(z);
		z = NULL;
		rc = PH_ENOMEM;
		goto fixed_done;
	}
	z = NULL;
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) || zip_source_open(src) < 0) {
		rc = PH_EINTERNAL;
		goto fixed_done;
	}
	{
		char chunk[16384];
		zip_uint64_t left = st.size;
		while (left && !rc) {
			zip_int64_t got = zip_source_read(src, chunk, left < sizeof chunk ? left : sizeof chunk);
			if (got <= 0) {
				rc = PH_EINTERNAL;
				break;
			}
			rc = buf_append(out, chunk, (size_t)got);
			left -= (zip_uint64_t)got;
		}
		zip_source_close(src);
	}
fixed_done:
	for (size_t i = 0; i < nfixed; i++)
		buf_cleanup(&fx[i]);
done:
	if (z)
		zip_discard(z);
	if (src)
		zip_source_free(src);
	buf_cleanup(&doc);
	buf_cleanup(&core);
	buf_cleanup(&app);
	docx_free(d);
	return rc;
}

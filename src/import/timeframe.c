/* timeframe.c: Vietnamese timeframe phrases ("Thời gian thực hiện" cells)
 * into date ranges. See timeframe.h for the contract.
 *
 * Three steps, each small:
 *   1. fold the phrase (text_fold: lowercase, no diacritics, đ -> d) and cut
 *      it into tokens: numbers, roman numerals, punctuation and keywords
 *      ("quy", "thang", "nam", "tu", "den", "truoc", "du kien", ...);
 *   2. parse the tokens with a small recursive-descent grammar into a list
 *      of calendar "points" (a day, a month, a quarter, a half year, a year)
 *      plus flags (expected, ongoing, "trước", "đến", "từ");
 *   3. give every point its year (the phrase's own years, else the
 *      document's) and turn the points into one timeframe.
 *
 * Grammar (tokens in capitals; [] optional, * repeated):
 *   phrase  := prefix* body [ "(" prefix* [span] ")" ] STOP* END
 *   prefix  := NOISE | ":" | TRONG | DU_KIEN | TRUOC | DEN [HET]
 *   body    := ONGOING ((","|VA) ONGOING)* [ongoing-tail]
 *            | CA NAM [year]              -- "cả năm": ongoing
 *            | HANG NAM                   -- "hằng năm": the document's year
 *            | KE_HOACH span              -- "theo kế hoạch năm [2024]"
 *            | [TU] span
 *   span    := point (conn point)*        conn := "," [VA] | "-" | DEN [HET] | VA
 *   point   := QUY qnum [ysuf] | THANG mnum [ysuf] | NAM year | NGAY date
 *            | year | mnum "/" year | date | "6" THANG (DAU|CUOI) NAM [year]
 *            | a bare number or roman numeral after a connector, read in the
 *              unit of the point before it ("Quý II, III", "Tháng 3 - 5")
 *   ysuf    := "/" year | NAM year
 *   date    := num "/" num ["/" year] | num THANG num [(NAM|"/") year]
 *
 * Decisions (documented here so the next engineer can change them knowingly):
 *   - a list of periods ("Quý I, III/2024", "Quý II/2024 và tháng 3/2025")
 *     spans from the start of the first to the end of the last; the periods
 *     must come in calendar order, or the phrase is refused;
 *   - one full date on its own ("ngày 15/6/2024", "15/6/2024") is a deadline,
 *     as are "trước ngày ..." / "chậm nhất ngày ..." (a day only) and
 *     "đến [hết] <period>" (the end of the period);
 *   - "từ X" without an end is refused (we have no open-ended kind);
 *   - a point without a year takes the nearest year written after it in the
 *     phrase, else the nearest one before it, else ctx->year;
 *   - a parenthesis narrows the period ("Quý IV (dự kiến tháng 10/2024)")
 *     only when its period lies inside the main one; otherwise refused;
 *   - years outside 1990..2100 are refused.
 */
#include "import/timeframe.h"
#include "base/err.h"
#include "base/text.h"
#include "base/vnnum.h"
#include <stdlib.h>
#include <string.h>

enum { YEAR_MIN = 1990, YEAR_MAX = 2100 };
enum { MAX_TOKENS = 64, MAX_POINTS = 16 };

/* ---- tokens ------------------------------------------------------------ */

enum tk {
	T_END = 0,
	T_NUM,       /* digits; val, ndig */
	T_ROMAN,     /* i, ii, iv...; val */
	T_SLASH, T_DASH, T_COMMA, T_LPAREN, T_RPAREN, T_COLON,
	T_STOP,      /* "." or ";", accepted only at the end */
	T_QUARTER,   /* quý */
	T_MONTH,     /* tháng */
	T_YEAR,      /* năm */
	T_DAY,       /* ngày */
	T_FROM,      /* từ */
	T_TO,        /* đến, tới */
	T_AND,       /* và */
	T_BEFORE,    /* trước, chậm nhất */
	T_EXPECTED,  /* dự kiến */
	T_ONGOING,   /* thường xuyên, liên tục */
	T_WHOLE,     /* cả (năm) */
	T_EVERY,     /* hằng / hàng (năm) */
	T_PLAN,      /* kế hoạch */
	T_WITHIN,    /* trong */
	T_END_OF,    /* hết ("đến hết năm") */
	T_FIRST,     /* đầu ("6 tháng đầu năm") */
	T_LAST,      /* cuối */
	T_NOISE,     /* words that carry no date: thực hiện, theo, vào... */
	T_UNKNOWN    /* anything else: the phrase is refused */
};

struct tok {
	enum tk kind;
	int val;   /* T_NUM, T_ROMAN */
	int ndig;  /* T_NUM: number of digits as written */
};

/* Folded spellings. Two-word entries first, so that they win. */
static const struct {
	const char *word;
	enum tk kind;
} keywords[] = {
	{"cham nhat", T_BEFORE},     {"du kien", T_EXPECTED},
	{"thuong xuyen", T_ONGOING}, {"lien tuc", T_ONGOING},
	{"ke hoach", T_PLAN},        {"thuc hien", T_NOISE},
	{"hoan thanh", T_NOISE},     {"giai doan", T_NOISE},
	{"thoi gian", T_NOISE},
	{"quy", T_QUARTER}, {"thang", T_MONTH}, {"nam", T_YEAR},
	{"ngay", T_DAY},    {"tu", T_FROM},     {"den", T_TO},
	{"toi", T_TO},      {"va", T_AND},      {"truoc", T_BEFORE},
	{"ca", T_WHOLE},    {"hang", T_EVERY},  {"trong", T_WITHIN},
	{"het", T_END_OF},  {"dau", T_FIRST},   {"cuoi", T_LAST},
	{"theo", T_NOISE},  {"vao", T_NOISE},   {"cac", T_NOISE},
};

static int is_letter(char c) { return c >= 'a' && c <= 'z'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Byte length of a dash at s (-, ‐, ‑, ‒, –, —, −), else 0. */
static size_t dash_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] == '-')
		return 1;
	if (u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x94)
		return 3;
	if (u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92)
		return 3;
	return 0;
}

/* Cut folded text s into toks (at most MAX_TOKENS - 1, then T_END).
 * Returns the count without T_END, or -1 when the phrase is too long. */
static int tokenize(const char *s, struct tok *toks)
{
	int n = 0;
	while (*s) {
		struct tok t = {T_UNKNOWN, 0, 0};
		size_t len = 1, dl;
		if (*s == ' ' || *s == '\t') {
			s++;
			continue;
		}
		if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
			s += 2; /* no-break space */
			continue;
		}
		if (n >= MAX_TOKENS - 1)
			return -1;
		if (is_digit(*s)) {
			t.kind = T_NUM;
			for (len = 0; is_digit(s[len]); len++)
				if (len < 6)
					t.val = t.val * 10 + (s[len] - '0');
			t.ndig = (int)len;
			if (len > 6)
				t.kind = T_UNKNOWN;
		} else if (is_letter(*s)) {
			size_t i;
			for (len = 0; is_letter(s[len]); len++)
				;
			for (i = 0; i < sizeof keywords / sizeof *keywords; i++) {
				size_t kl = strlen(keywords[i].word);
				if (strncmp(s, keywords[i].word, kl) == 0 &&
				    !is_letter(s[kl]) && !is_digit(s[kl])) {
					t.kind = keywords[i].kind;
					len = kl;
					break;
				}
			}
			if (t.kind == T_UNKNOWN && strspn(s, "ivx") >= len &&
			    (t.val = vn_roman(s, len)) > 0)
				t.kind = T_ROMAN;
		} else if ((dl = dash_len(s)) > 0) {
			t.kind = T_DASH;
			len = dl;
		} else {
			switch (*s) {
			case '/': t.kind = T_SLASH; break;
			case ',': t.kind = T_COMMA; break;
			case '(': t.kind = T_LPAREN; break;
			case ')': t.kind = T_RPAREN; break;
			case ':': t.kind = T_COLON; break;
			case '.': case ';': t.kind = T_STOP; break;
			default: break; /* T_UNKNOWN, one byte */
			}
		}
		toks[n++] = t;
		s += len;
	}
	toks[n].kind = T_END;
	return n;
}

/* ---- points and the parser -------------------------------------------- */

enum unit { U_NONE = 0, U_DAY, U_MONTH, U_QUARTER, U_HALF, U_YEAR };

/* One calendar period named in the phrase. */
struct point {
	enum unit unit;
	int y;   /* 0 until resolved, when the phrase gives none here */
	int n;   /* month 1..12, quarter 1..4 or half 1..2 */
	int d;   /* day, for U_DAY (n is then the month) */
};

/* What one clause (the main phrase, or its parenthesis) said. */
struct clause {
	int first, count; /* its points: p->pts[first .. first + count) */
	int expected;     /* "dự kiến" */
	int before;       /* "trước", "chậm nhất" */
	int by;           /* "đến [hết]" before the period */
	int from;         /* "từ" before the period */
	int ongoing;      /* "thường xuyên", "cả năm" */
	int within;       /* "trong": a bare "năm" is then the document's year */
};

struct parser {
	const struct tok *t;
	int i;
	struct point pts[MAX_POINTS];
	int npts;
};

static const struct tok *peek(const struct parser *p, int k)
{
	const struct tok *t = p->t + p->i;
	for (int j = 0; j < k && t->kind != T_END; j++)
		t++;
	return t;
}

static int accept(struct parser *p, enum tk kind)
{
	if (p->t[p->i].kind != kind)
		return 0;
	p->i++;
	return 1;
}

static int is_year_tok(const struct tok *t)
{
	return t->kind == T_NUM && t->ndig == 4 && t->val >= YEAR_MIN &&
	       t->val <= YEAR_MAX;
}

/* A year number at the cursor: its value, consumed; else 0. */
static int take_year(struct parser *p)
{
	if (!is_year_tok(peek(p, 0)))
		return 0;
	return p->t[p->i++].val;
}

/* "/2024" or "năm 2024" after a quarter or month; 0 when absent. */
static int year_suffix(struct parser *p)
{
	if ((peek(p, 0)->kind == T_SLASH || peek(p, 0)->kind == T_YEAR) &&
	    is_year_tok(peek(p, 1))) {
		p->i++;
		return take_year(p);
	}
	return 0;
}

/* Quarter number: roman or arabic 1..4; 0 when not one. */
static int quarter_num(struct parser *p)
{
	const struct tok *t = peek(p, 0);
	if ((t->kind == T_ROMAN || (t->kind == T_NUM && t->ndig <= 2)) &&
	    t->val >= 1 && t->val <= 4) {
		p->i++;
		return t->val;
	}
	return 0;
}

/* Month number 1..12; 0 when not one. */
static int month_num(struct parser *p)
{
	const struct tok *t = peek(p, 0);
	if (t->kind == T_NUM && t->ndig <= 2 && t->val >= 1 && t->val <= 12) {
		p->i++;
		return t->val;
	}
	return 0;
}

/* A day: "15/6", "15/6/2024", "15 tháng 6 [năm 2024]". Whether the day
 * exists (31/2, 29/2/2023) is checked once its year is known. */
static int parse_date(struct parser *p, struct point *pt)
{
	const struct tok *t = peek(p, 0);
	if (t->kind != T_NUM || t->ndig > 2)
		return 0;
	pt->d = t->val;
	p->i++;
	if (!accept(p, T_SLASH) && !accept(p, T_MONTH))
		return 0;
	if (!(pt->n = month_num(p)))
		return 0;
	pt->unit = U_DAY;
	pt->y = year_suffix(p);
	return 1;
}

/* A point in the given unit, its keyword already consumed. */
static int parse_in_unit(struct parser *p, enum unit u, int allow_bare,
                         struct point *pt)
{
	pt->unit = u;
	switch (u) {
	case U_QUARTER:
		if (!(pt->n = quarter_num(p)))
			return 0;
		pt->y = year_suffix(p);
		return 1;
	case U_MONTH:
		if (!(pt->n = month_num(p)))
			return 0;
		pt->y = year_suffix(p);
		return 1;
	case U_YEAR:
		pt->y = take_year(p);
		/* "năm" with no number is "the year" only where the grammar
		 * allows it ("kế hoạch năm", "hằng năm"). */
		return pt->y != 0 || (allow_bare && peek(p, 0)->kind != T_NUM);
	case U_DAY:
		return parse_date(p, pt);
	default:
		return 0;
	}
}

/* "6 tháng đầu/cuối năm [2024]": the cursor is on the 6. */
static int parse_half(struct parser *p, struct point *pt)
{
	if (peek(p, 0)->val != 6 || peek(p, 1)->kind != T_MONTH)
		return 0;
	enum tk which = peek(p, 2)->kind;
	if ((which != T_FIRST && which != T_LAST) || peek(p, 3)->kind != T_YEAR)
		return 0;
	p->i += 4;
	pt->unit = U_HALF;
	pt->n = which == T_FIRST ? 1 : 2;
	pt->y = take_year(p);
	return 1; /* a stray number after it fails the phrase later */
}

/* One point. prev is the unit of the point before it in the span (U_NONE
 * for the first), used for bare continuations such as "III" in "Quý II,
 * III". Returns 1 and appends the point, or 0. */
static int parse_point(struct parser *p, enum unit prev, int allow_bare)
{
	struct point pt = {U_NONE, 0, 0, 0};
	const struct tok *t = peek(p, 0);
	int ok = 0;

	if (p->npts >= MAX_POINTS)
		return 0;
	switch (t->kind) {
	case T_QUARTER: p->i++; ok = parse_in_unit(p, U_QUARTER, 0, &pt); break;
	case T_MONTH:   p->i++; ok = parse_in_unit(p, U_MONTH, 0, &pt); break;
	case T_YEAR:    p->i++; ok = parse_in_unit(p, U_YEAR, allow_bare, &pt); break;
	case T_DAY:     p->i++; ok = parse_in_unit(p, U_DAY, 0, &pt); break;
	case T_ROMAN:
		ok = prev == U_QUARTER && parse_in_unit(p, U_QUARTER, 0, &pt);
		break;
	case T_NUM:
		if (prev != U_NONE && prev != U_HALF) {
			ok = parse_in_unit(p, prev, 0, &pt);
		} else if (is_year_tok(t)) {
			ok = parse_in_unit(p, U_YEAR, 0, &pt);
		} else if (peek(p, 1)->kind == T_SLASH && is_year_tok(peek(p, 2))) {
			ok = parse_in_unit(p, U_MONTH, 0, &pt); /* "10/2024" */
		} else if (peek(p, 1)->kind == T_MONTH && parse_half(p, &pt)) {
			ok = 1;
		} else {
			ok = parse_date(p, &pt);
		}
		break;
	default:
		break;
	}
	if (!ok)
		return 0;
	p->pts[p->npts++] = pt;
	return 1;
}

/* Consume a connector between two points; 1 when one was there. */
static int connector(struct parser *p)
{
	if (accept(p, T_COMMA)) {
		accept(p, T_AND);
		return 1;
	}
	if (accept(p, T_TO)) {
		accept(p, T_END_OF);
		return 1;
	}
	return accept(p, T_DASH) || accept(p, T_AND);
}

/* point (conn point)*: appends to p->pts. 0 when no well-formed span. */
static int parse_span(struct parser *p, int allow_bare)
{
	if (!parse_point(p, U_NONE, allow_bare))
		return 0;
	while (connector(p))
		if (!parse_point(p, p->pts[p->npts - 1].unit, 0))
			return 0;
	return 1;
}

static void parse_prefix(struct parser *p, struct clause *c)
{
	for (;;) {
		switch (peek(p, 0)->kind) {
		case T_NOISE: case T_COLON:
			p->i++;
			break;
		case T_WITHIN:
			c->within = 1;
			p->i++;
			break;
		case T_EXPECTED:
			c->expected = 1;
			p->i++;
			break;
		case T_BEFORE:
			c->before = 1;
			p->i++;
			break;
		case T_TO:
			c->by = 1;
			p->i++;
			accept(p, T_END_OF);
			break;
		default:
			return;
		}
	}
}

/* What may follow "thường xuyên": nothing, "trong năm", "hằng năm", or a
 * span that bounds it ("thường xuyên trong năm 2024"). */
static int parse_ongoing_tail(struct parser *p)
{
	enum tk k = peek(p, 0)->kind;
	if (k == T_END || k == T_STOP || k == T_LPAREN)
		return 1;
	accept(p, T_COMMA);
	if ((accept(p, T_WITHIN) || accept(p, T_EVERY)) &&
	    peek(p, 0)->kind == T_YEAR && peek(p, 1)->kind != T_NUM) {
		p->i++; /* "trong năm", "hằng năm": the plan's period */
		return 1;
	}
	return parse_span(p, 0);
}

static int parse_body(struct parser *p, struct clause *c)
{
	switch (peek(p, 0)->kind) {
	case T_ONGOING:
		c->ongoing = 1;
		p->i++;
		while ((peek(p, 0)->kind == T_COMMA || peek(p, 0)->kind == T_AND) &&
		       peek(p, 1)->kind == T_ONGOING)
			p->i += 2;
		return parse_ongoing_tail(p);
	case T_WHOLE: /* "cả năm [2024]" */
		c->ongoing = 1;
		p->i++;
		if (peek(p, 0)->kind != T_YEAR)
			return 0;
		if (is_year_tok(peek(p, 1)))
			return parse_point(p, U_NONE, 0);
		p->i++;
		return peek(p, 0)->kind != T_NUM;
	case T_EVERY: /* "hằng năm": the document's year */
		p->i++;
		return peek(p, 0)->kind == T_YEAR && peek(p, 1)->kind != T_NUM &&
		       parse_point(p, U_NONE, 1);
	case T_PLAN: /* "kế hoạch năm [2024]", "kế hoạch quý II/2024" */
		p->i++;
		return parse_span(p, 1);
	case T_FROM:
		c->from = 1;
		p->i++;
		return parse_span(p, 0);
	default:
		return parse_span(p, c->within); /* "trong năm" */
	}
}

/* ---- from points to dates --------------------------------------------- */

static void point_range(const struct point *pt, struct ph_date *s,
                        struct ph_date *e)
{
	int m0 = 1, m1 = 12;
	switch (pt->unit) {
	case U_DAY:
		*s = *e = (struct ph_date){pt->y, pt->n, pt->d};
		return;
	case U_MONTH:   m0 = m1 = pt->n; break;
	case U_QUARTER: m0 = 3 * pt->n - 2; m1 = 3 * pt->n; break;
	case U_HALF:    m0 = 6 * pt->n - 5; m1 = 6 * pt->n; break;
	default: break;
	}
	*s = (struct ph_date){pt->y, m0, 1};
	*e = (struct ph_date){pt->y, m1, date_days_in_month(pt->y, m1)};
}

/* Give each point without a year the nearest year after it, else before
 * it, else the document's year. 0 when some point stays without one. */
static int resolve_years(struct point *pts, int n, int ctx_year)
{
	int after = 0;
	for (int i = n - 1; i >= 0; i--) {
		if (pts[i].y)
			after = pts[i].y;
		else
			pts[i].y = after;
	}
	int before = 0;
	for (int i = 0; i < n; i++) {
		if (pts[i].y)
			before = pts[i].y;
		else
			pts[i].y = before;
	}
	for (int i = 0; i < n; i++) {
		if (!pts[i].y)
			pts[i].y = ctx_year;
		if (pts[i].y < YEAR_MIN || pts[i].y > YEAR_MAX)
			return 0;
		if (pts[i].unit == U_DAY &&
		    !date_is_full((struct ph_date){pts[i].y, pts[i].n, pts[i].d}))
			return 0; /* 31/4, 29/2 of a common year */
	}
	return 1;
}

/* Start of the first point to end of the last; 0 when the points are not
 * in calendar order or overlap. */
static int span_range(const struct point *pts, int n, struct ph_date *s,
                      struct ph_date *e)
{
	struct ph_date ps, pe, prev_end = {0, 0, 0};
	for (int i = 0; i < n; i++) {
		point_range(&pts[i], &ps, &pe);
		if (i > 0 && date_cmp(ps, prev_end) <= 0)
			return 0;
		if (i == 0)
			*s = ps;
		prev_end = pe;
	}
	*e = prev_end;
	return n > 0;
}

/* The whole plan period for "thường xuyên": ctx's period when it is set,
 * else the document's year. */
static int ctx_period(const struct tf_context *ctx, struct timeframe *tf)
{
	if (date_is_full(ctx->period_start) && date_is_full(ctx->period_end) &&
	    date_cmp(ctx->period_start, ctx->period_end) <= 0) {
		tf->start = ctx->period_start;
		tf->end = ctx->period_end;
		return 1;
	}
	if (ctx->year < YEAR_MIN || ctx->year > YEAR_MAX)
		return 0;
	tf->start = (struct ph_date){ctx->year, 1, 1};
	tf->end = (struct ph_date){ctx->year, 12, 31};
	return 1;
}

/* The main clause into tf. 0 when the clause's parts do not fit. */
static int main_timeframe(const struct parser *p, const struct clause *c,
                          const struct tf_context *ctx, struct timeframe *tf)
{
	const struct point *pts = p->pts + c->first;

	if (c->ongoing) {
		if (c->before || c->by || c->from)
			return 0;
		tf->kind = TF_ONGOING;
		return c->count == 0 ? ctx_period(ctx, tf)
		                     : span_range(pts, c->count, &tf->start, &tf->end);
	}
	if (c->count == 0 || (c->before + c->by + c->from) > 1)
		return 0;
	if (c->before || c->by || (c->count == 1 && pts[0].unit == U_DAY)) {
		struct ph_date s;
		if (c->count != 1 || (c->before && pts[0].unit != U_DAY))
			return 0;
		tf->kind = TF_DEADLINE;
		point_range(&pts[0], &s, &tf->end);
		return 1;
	}
	if (c->from && c->count < 2)
		return 0; /* "từ quý II/2024" with no end */
	tf->kind = TF_RANGE;
	return span_range(pts, c->count, &tf->start, &tf->end);
}

/* Apply the parenthesis: a narrower period inside the main range replaces
 * it; a bare "(dự kiến)" only marks the timeframe expected. */
static int apply_paren(const struct parser *p, const struct clause *c,
                       struct timeframe *tf)
{
	struct ph_date s, e;
	if (c->before || c->by || c->ongoing)
		return 0;
	tf->expected |= c->expected;
	if (c->count == 0)
		return c->expected; /* "()" or "(thực hiện)" says nothing */
	if (tf->kind != TF_RANGE || (c->from && c->count < 2) ||
	    !span_range(p->pts + c->first, c->count, &s, &e))
		return 0;
	if (date_cmp(s, tf->start) < 0 || date_cmp(e, tf->end) > 0)
		return 0;
	tf->start = s;
	tf->end = e;
	return 1;
}

static int parse_tokens(const struct tok *toks, const struct tf_context *ctx,
                        struct timeframe *tf)
{
	struct parser p = {toks, 0, {{U_NONE, 0, 0, 0}}, 0};
	struct clause main = {0}, paren = {0};
	int has_paren = 0;

	parse_prefix(&p, &main);
	if (!parse_body(&p, &main))
		return 0;
	main.count = p.npts;
	if (accept(&p, T_LPAREN)) {
		has_paren = 1;
		paren.first = p.npts;
		parse_prefix(&p, &paren);
		if (peek(&p, 0)->kind != T_RPAREN && !parse_span(&p, 0))
			return 0;
		paren.count = p.npts - paren.first;
		if (!accept(&p, T_RPAREN))
			return 0;
	}
	while (accept(&p, T_STOP))
		;
	if (peek(&p, 0)->kind != T_END)
		return 0;

	if (!resolve_years(p.pts, p.npts, ctx->year))
		return 0;
	if (!main_timeframe(&p, &main, ctx, tf))
		return 0;
	tf->expected = main.expected;
	return !has_paren || apply_paren(&p, &paren, tf);
}

/* ---- public ------------------------------------------------------------ */

/* Parse one timeframe phrase; see timeframe.h. ctx may be NULL (no year,
 * no period). Returns 0, PH_EFORMAT (not understood, or no year to be had:
 * *out is then all zero with kind TF_NONE) or PH_ENOMEM. Nothing to free. */
int timeframe_parse(const char *text, const struct tf_context *ctx,
                    struct timeframe *out)
{
	static const struct tf_context none = {0, {0, 0, 0}, {0, 0, 0}};
	struct tok toks[MAX_TOKENS];
	struct timeframe tf = {{0, 0, 0}, {0, 0, 0}, TF_NONE, 0};
	char *folded;
	int ok;

	*out = tf;
	if (!text)
		return PH_EFORMAT;
	if (!ctx)
		ctx = &none;
	if (!(folded = text_fold(text)))
		return PH_ENOMEM;
	ok = tokenize(folded, toks) > 0 && parse_tokens(toks, ctx, &tf);
	free(folded);
	if (!ok)
		return PH_EFORMAT;
	*out = tf;
	return 0;
}

/* Stable English name of a kind, as stored and shown in JSON; NULL for
 * TF_NONE or an unknown value. */
const char *timeframe_kind_name(enum tf_kind k)
{
	switch (k) {
	case TF_RANGE:    return "range";
	case TF_ONGOING:  return "ongoing";
	case TF_DEADLINE: return "deadline";
	default:          return NULL;
	}
}

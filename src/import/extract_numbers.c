/* extract_numbers.c: the numbers a plan commits to, read from its
 * paragraphs: reporting deadlines ("báo cáo sơ kết 06 tháng trước ngày
 * 15/6") and numeric targets ("Tỷ lệ tập hợp hội viên ... đạt 85% trở lên").
 * Tables are not read here: a date inside an appendix table is a task's
 * timeframe (extract_tasks).
 *
 * Matching runs on a lower-cased copy of each paragraph that keeps the byte
 * offsets of the original, so that what is kept (the clause, the date, the
 * agency) is cut from the text as written. Words match on word boundaries
 * and with their diacritics ("quý" is not "quy").
 *
 * Rules decided here (see also the comments at each step):
 * - A deadline is "trước ngày <date>" / "chậm nhất (là|vào) ngày <date>" /
 *   "trước <d/m>" in a clause that speaks of a report ("báo cáo", "sơ kết",
 *   "tổng kết"). A date without a year takes the document's year; with none
 *   known the date stays zero and a review item says so. "trước ngày 20 của
 *   tháng cuối quý" is kept with a zero date and a review item. A sentence
 *   about periodic reports ("định kỳ 6 tháng, một năm") with no date gives
 *   a review item only: no date is invented.
 * - A target is a number in a "Mục tiêu" / "Chỉ tiêu" section, or, anywhere
 *   else, a number in a sentence with an explicit target phrase ("phấn
 *   đấu", "chỉ tiêu", "ít nhất", "tối thiểu", "trở lên", ...); in a result
 *   report (DOC_REPORT) only "phấn đấu" counts, its other figures being
 *   results. Years, dates,
 *   document numbers ("Nghị quyết số 29-NQ/TU", "Đề án 938"), numbers in
 *   quotes or parentheses and durations ("6 tháng") are never targets.
 * - A bare number is a floor: op ">=" (a target is a minimum to reach).
 *   "trên"/"hơn" give ">", "dưới"/"ít hơn" give "<", "không quá"/"tối đa"
 *   give "<=", "ít nhất"/"tối thiểu"/"không dưới"/"trở lên" give ">=".
 * - A range "từ 20 - 25%" gives two targets on the same text: ">=" 20 and
 *   "<=" 25.
 * - A change rather than a level ("giảm 2% trở lên", "tăng 10%") has the
 *   unit "% giảm" / "% tăng", so that it is never read as a rate to reach.
 * - Number words ("ít nhất một nội dung") count only right after a
 *   comparison phrase ("ít nhất", "tối thiểu", ...); "một số" is not one.
 * - A count's unit is the noun phrase after it: at most UNIT_MAX_WORDS
 *   syllables, ended by punctuation or a small word ("cho", "và", "được",
 *   "để", ...). A percentage's unit is "%".
 * - The period: the clause's own "đến năm 2025" / "từ 2026 đến năm 2030" /
 *   "năm 2024" and "hằng năm" ("1,5%/năm" too); a clause with no time
 *   words of its own takes them from earlier in its sentence ("Hằng năm,
 *   ...; trong đó ít nhất 02 ..."), one with other time words ("mỗi nhiệm
 *   kỳ") does not.
 * - A deadline's kind: "9 tháng" -> "9-month"; "6 tháng", "sơ kết" ->
 *   "6-month"; "quý" -> "quarterly"; "tổng kết", "năm" -> "annual"; else
 *   "other". The words of the date itself do not count. */
#include "import/extract.h"
#include "base/vnnum.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#define NPOS ((size_t)-1)
#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Longest unit noun phrase after a counted number, in syllables, and
 * longest receiving agency name. */
enum { UNIT_MAX_WORDS = 6, AGENCY_MAX_WORDS = 12, PERIOD_PHRASE_MAX = 80 };
/* Longest sentence searched for deadlines and targets, in bytes. The
 * longest sentences of real plans run to a thousand or two; the scratch
 * arrays of a search grow with the sentence, so a longer one (a document
 * without full stops, a pasted list) is reported instead of searched. */
enum { SENTENCE_MAX = 20000 };

/* One paragraph as the matchers see it. */
struct para {
	const char *s;   /* the text as written (NFC UTF-8) */
	const char *low; /* lower-cased copy, same length and offsets */
	size_t n;        /* byte length of both */
};

struct span {
	size_t a, b;     /* byte range [a, b) */
};

/* ---- UTF-8 and characters ------------------------------------------- */

/* The code point at s[i] (text is valid UTF-8); *len gets its byte length. */
static uint32_t dec(const char *s, size_t n, size_t i, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t left = n - i;
	if (u[0] < 0x80) {
		*len = 1;
		return u[0];
	}
	if ((u[0] & 0xE0) == 0xC0 && left >= 2) {
		*len = 2;
		return (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
	}
	if ((u[0] & 0xF0) == 0xE0 && left >= 3) {
		*len = 3;
		return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
	}
	if ((u[0] & 0xF8) == 0xF0 && left >= 4) {
		*len = 4;
		return (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3F) << 12 |
		       (uint32_t)(u[2] & 0x3F) << 6 | (u[3] & 0x3F);
	}
	*len = 1;
	return 0xFFFD;
}

static size_t enc(uint32_t c, char out[4])
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | c >> 18);
	out[1] = (char)(0x80 | (c >> 12 & 0x3F));
	out[2] = (char)(0x80 | (c >> 6 & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Start of the code point that ends at byte i (i > 0). */
static size_t prev_cp(const char *s, size_t i)
{
	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
	return i;
}

static int is_wordc(uint32_t c)
{
	return u_isalnum((UChar32)c) || u_charType((UChar32)c) == U_NON_SPACING_MARK;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Lower-cased copy of s that keeps every byte offset: a code point whose
 * lower case has another UTF-8 length is copied unchanged. */
static char *lower_copy(struct arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1);
	if (!out)
		return NULL;
	for (size_t i = 0; i < n;) {
		size_t len;
		uint32_t c = dec(s, n, i, &len);
		uint32_t l = (uint32_t)u_tolower((UChar32)c);
		char buf[4];
		if (l != c && enc(l, buf) == len)
			memcpy(out + i, buf, len);
		else
			memcpy(out + i, s + i, len);
		i += len;
	}
	return out;
}

/* 1 when the code point ending at i is a letter or digit. */
static int wordc_before(const struct para *p, size_t i)
{
	if (i == 0)
		return 0;
	size_t len, j = prev_cp(p->s, i);
	return is_wordc(dec(p->s, p->n, j, &len));
}

/* 1 when the code point starting at i is a letter or digit. */
static int wordc_at(const struct para *p, size_t i)
{
	size_t len;
	return i < p->n && is_wordc(dec(p->s, p->n, i, &len));
}

/* 1 when the code point starting at i is an upper-case letter. */
static int upper_at(const struct para *p, size_t i)
{
	size_t len;
	return i < p->n && u_isupper((UChar32)dec(p->s, p->n, i, &len));
}

/* ---- word matching ---------------------------------------------------- */

/* 1 when the lower-cased text at i is the word (or words) w, standing on
 * word boundaries at both ends. */
static int word_at(const struct para *p, size_t i, const char *w)
{
	size_t wl = strlen(w);
	if (i + wl > p->n || memcmp(p->low + i, w, wl) != 0)
		return 0;
	return !wordc_before(p, i) && !wordc_at(p, i + wl);
}

/* First position in [a, b) where word w stands wholly inside, or NPOS. */
static size_t find_word(const struct para *p, size_t a, size_t b, const char *w)
{
	size_t wl = strlen(w);
	for (size_t i = a; i + wl <= b; i++)
		if (p->low[i] == w[0] && word_at(p, i, w))
			return i;
	return NPOS;
}

/* 1 when any word of the NULL-terminated list occurs in [a, b). */
static int has_any(const struct para *p, size_t a, size_t b, const char *const *ws)
{
	for (; *ws; ws++)
		if (find_word(p, a, b, *ws) != NPOS)
			return 1;
	return 0;
}

/* Byte length of the first word of the NULL-terminated list found at i,
 * 0 when none is. */
static size_t match_at(const struct para *p, size_t i, const char *const *ws)
{
	for (; *ws; ws++)
		if (word_at(p, i, *ws))
			return strlen(*ws);
	return 0;
}

static const char *const UPTO[] = {"đến", "tới", NULL};

static size_t skip_sp(const struct para *p, size_t i, size_t b)
{
	while (i < b && p->s[i] == ' ')
		i++;
	return i;
}

static size_t back_sp(const struct para *p, size_t a, size_t i)
{
	while (i > a && p->s[i - 1] == ' ')
		i--;
	return i;
}

/* When the text before i (spaces skipped, not before a) ends with word w,
 * the position where w starts; else NPOS. */
static size_t ends_with(const struct para *p, size_t a, size_t i, const char *w)
{
	size_t e = back_sp(p, a, i), wl = strlen(w);
	if (e < a + wl)
		return NPOS;
	size_t st = e - wl;
	if (memcmp(p->low + st, w, wl) != 0 || wordc_before(p, st))
		return NPOS;
	return st;
}

/* The word before i, separated from it by spaces only: [*wa, *wb). 0 when
 * punctuation or the start of the range comes first. */
static int prev_word(const struct para *p, size_t a, size_t i, size_t *wa, size_t *wb)
{
	size_t e = back_sp(p, a, i);
	if (e == i && i > a && wordc_before(p, i))
		return 0; /* attached, not a separate word */
	size_t st = e;
	while (st > a && wordc_before(p, st))
		st = prev_cp(p->s, st);
	if (st == e)
		return 0;
	*wa = st;
	*wb = e;
	return 1;
}

/* 1 when [wa, wb) of the lower-cased text is one of the listed words. */
static int word_in(const struct para *p, size_t wa, size_t wb, const char *const *ws)
{
	for (; *ws; ws++)
		if (strlen(*ws) == wb - wa && memcmp(p->low + wa, *ws, wb - wa) == 0)
			return 1;
	return 0;
}

/* ---- sentences, clauses, quotes --------------------------------------- */

static const char OPEN_Q[] = "“", CLOSE_Q[] = "”";

/* Parenthesis depth at position at, counted from from, and whether at is
 * inside quotes. */
static int nesting(const struct para *p, size_t from, size_t at, int *in_quote)
{
	int depth = 0, q = 0, straight = 0;
	for (size_t i = from; i < at; i++) {
		char c = p->s[i];
		if (c == '(')
			depth++;
		else if (c == ')' && depth > 0)
			depth--;
		else if (c == '"')
			straight = !straight;
		else if (strncmp(p->s + i, OPEN_Q, strlen(OPEN_Q)) == 0)
			q++;
		else if (strncmp(p->s + i, CLOSE_Q, strlen(CLOSE_Q)) == 0 && q > 0)
			q--;
	}
	if (in_quote)
		*in_quote = q > 0 || straight;
	return depth;
}

/* Abbreviations whose "." is not the end of a sentence ("TP. Lào Cai"). */
static const char *const ABBREV[] = {"tp", "tx", "ths", "ts", "pgs", "gs", "bs", "th", NULL};

/* Split [a, b) into sentences: a ".", "!" or "?" ends one when the text
 * ends there or a space and an upper-case letter, "(" or a quote follow.
 * Returns the count; out has room for b - a + 1 spans. */
/* How many spans sentences() can find in [a, b): one more than the
 * sentence ends there may be. */
static size_t sentences_max(const struct para *p, size_t a, size_t b)
{
	size_t n = 1;
	for (size_t i = a; i < b; i++)
		n += p->s[i] == '.' || p->s[i] == '!' || p->s[i] == '?';
	return n;
}

/* 1 when sentence s is short enough to search; else a review item (at
 * most one per paragraph: *told) says it was not searched. */
static int searchable(struct extraction *ex, struct span s, int line, int *told)
{
	if (s.b - s.a <= SENTENCE_MAX)
		return 1;
	if (!*told)
		extraction_review(ex, line, "Câu dài %zu ký tự (quá %d): không tìm hạn báo cáo và "
		                  "chỉ tiêu trong câu này; hãy kiểm tra văn bản gốc.", s.b - s.a,
		                  SENTENCE_MAX);
	*told = 1;
	return 0;
}

static size_t sentences(const struct para *p, size_t a, size_t b, struct span *out)
{
	size_t cnt = 0, start = a;
	for (size_t i = a; i < b; i++) {
		char c = p->s[i];
		if (c != '.' && c != '!' && c != '?')
			continue;
		size_t j = i + 1;
		int end = j >= b;
		if (!end && p->s[j] == ' ') {
			j = skip_sp(p, j, b);
			end = j >= b || upper_at(p, j) || p->s[j] == '(' || p->s[j] == '"' ||
			      strncmp(p->s + j, OPEN_Q, strlen(OPEN_Q)) == 0;
		}
		if (end && c == '.') {
			size_t wa = i;
			while (wa > a && wordc_before(p, wa))
				wa = prev_cp(p->s, wa);
			if (wa < i && word_in(p, wa, i, ABBREV))
				end = 0;
		}
		if (!end)
			continue;
		out[cnt++] = (struct span){start, i + 1};
		start = skip_sp(p, i + 1, b);
		i = start - 1;
	}
	if (start < b)
		out[cnt++] = (struct span){start, b};
	return cnt;
}

/* The ";"-separated clauses of a sentence, at parenthesis depth 0. */
static size_t clauses(const struct para *p, struct span sent, struct span *out)
{
	size_t cnt = 0, start = sent.a;
	int depth = 0;
	for (size_t i = sent.a; i < sent.b; i++) {
		char c = p->s[i];
		if (c == '(')
			depth++;
		else if (c == ')' && depth > 0)
			depth--;
		else if (c == ';' && depth == 0) {
			out[cnt++] = (struct span){start, i};
			start = skip_sp(p, i + 1, sent.b);
		}
	}
	if (start < sent.b)
		out[cnt++] = (struct span){start, sent.b};
	return cnt;
}

/* Length of a list marker at the start of a paragraph: "(1) ", "1) ",
 * "1. ", "1.2. ", "a) ", "- ", "+ ", "– ", "• ". 0 when none. */
static size_t list_marker(const struct para *p)
{
	const char *s = p->s;
	size_t i = 0;
	if (s[0] == '-' || s[0] == '+' || s[0] == '*')
		i = 1;
	else if (strncmp(s, "–", strlen("–")) == 0 || strncmp(s, "•", strlen("•")) == 0)
		i = 3;
	else if (s[0] == '(' && is_digit(s[1])) {
		i = 1;
		while (is_digit(s[i]))
			i++;
		if (s[i] != ')')
			return 0;
		i++;
	} else if (is_digit(s[0])) {
		while (is_digit(s[i]) || (s[i] == '.' && is_digit(s[i + 1])))
			i++;
		if (s[i] != '.' && s[i] != ')')
			return 0;
		i++;
	} else if (s[0] >= 'a' && s[0] <= 'z' && s[1] == ')') {
		i = 2;
	} else if (strncmp(s, "đ)", strlen("đ)")) == 0) {
		i = strlen("đ)");
	}
	if (!i || s[i] != ' ')
		return 0;
	return skip_sp(p, i, p->n);
}

/* Arena copy of [a, b) without surrounding spaces and closing ".;,:". */
static char *cut(struct extraction *ex, const struct para *p, size_t a, size_t b)
{
	a = skip_sp(p, a, b);
	while (b > a && (p->s[b - 1] == ' ' || p->s[b - 1] == '.' || p->s[b - 1] == ';' ||
	                 p->s[b - 1] == ',' || p->s[b - 1] == ':'))
		b--;
	return arena_strndup(&ex->arena, p->s + a, b - a);
}

/* ---- deadlines -------------------------------------------------------- */

/* Words that make a clause about a report. "báo cáo viên" (a speaker) is
 * not one. */
static int report_word_in(const struct para *p, size_t a, size_t b)
{
	static const char *const other[] = {"sơ kết", "tổng kết", NULL};
	for (size_t i = a; (i = find_word(p, i, b, "báo cáo")) != NPOS; i++) {
		size_t j = i + strlen("báo cáo");
		if (!word_at(p, skip_sp(p, j, p->n), "viên"))
			return 1;
	}
	return has_any(p, a, b, other);
}

/* The next deadline marker in [a, b): its position, and in *date_at where
 * the date should start. "trước 15/6" (no "ngày") is a marker only when a
 * date really follows; *need_date says so. */
static size_t find_marker(const struct para *p, size_t a, size_t b, size_t *date_at, int *need_date)
{
	static const char *const with_day[] = {"trước ngày", "chậm nhất là ngày",
	                                       "chậm nhất vào ngày", "chậm nhất ngày", NULL};
	for (size_t i = a; i < b; i++) {
		for (const char *const *w = with_day; *w; w++) {
			if (p->low[i] == (*w)[0] && word_at(p, i, *w)) {
				*date_at = i + strlen(*w) - strlen("ngày");
				*need_date = 0;
				return i;
			}
		}
		if (word_at(p, i, "trước")) {
			size_t j = i + strlen("trước");
			if (j < b && p->s[j] == ' ' && is_digit(p->s[j + 1])) {
				*date_at = j + 1;
				*need_date = 1;
				return i;
			}
		}
	}
	return NPOS;
}

/* The clause around a marker at m: inside parentheses, the parenthesised
 * text; else the sentence with parenthesised parts kept whole; in both,
 * cut at ";". */
static struct span marker_segment(const struct para *p, struct span sent, size_t m)
{
	size_t opens[16];
	int depth = 0;
	for (size_t i = sent.a; i < m; i++) {
		if (p->s[i] == '(') {
			if (depth < (int)LEN(opens))
				opens[depth] = i;
			depth++;
		} else if (p->s[i] == ')' && depth > 0) {
			depth--;
		}
	}
	struct span g = {sent.a, sent.b};
	if (depth > 0 && depth <= (int)LEN(opens))
		g.a = opens[depth - 1] + 1;
	/* the start: the last ";" before m at the marker's depth */
	int d = 0;
	for (size_t i = g.a; i < m; i++) {
		if (p->s[i] == '(')
			d++;
		else if (p->s[i] == ')' && d > 0)
			d--;
		else if (p->s[i] == ';' && d == 0)
			g.a = i + 1;
	}
	d = 0;
	for (size_t i = m; i < sent.b; i++) {
		if (p->s[i] == '(')
			d++;
		else if (p->s[i] == ')' && d == 0) {
			g.b = i;
			break;
		} else if (p->s[i] == ')')
			d--;
		else if (p->s[i] == ';' && d == 0) {
			g.b = i;
			break;
		}
	}
	return g;
}

/* The kind of a report from the words around its deadline (r1 before the
 * date, r2 after it). Explicit month counts first, so that "6 tháng đầu
 * năm" is "6-month", then "quý", "sơ kết", then "tổng kết"/"năm". */
static const char *deadline_kind(const struct para *p, struct span r1, struct span r2)
{
	static const char *const m9[] = {"9 tháng", "09 tháng", "chín tháng", NULL};
	static const char *const m6[] = {"6 tháng", "06 tháng", "sáu tháng", "nửa năm",
	                                 "giữa năm", NULL};
	static const char *const q[] = {"quý", NULL};
	static const char *const half[] = {"sơ kết", NULL};
	static const char *const year[] = {"tổng kết", "năm", NULL};
	static const struct {
		const char *const *words;
		const char *kind;
	} order[] = {{m9, "9-month"}, {m6, "6-month"}, {q, "quarterly"},
	             {half, "6-month"}, {year, "annual"}};
	for (size_t k = 0; k < LEN(order); k++)
		if (has_any(p, r1.a, r1.b, order[k].words) || has_any(p, r2.a, r2.b, order[k].words))
			return order[k].kind;
	return "other";
}

/* Words that start a document's name, not an agency's ("về Kế hoạch ..."). */
static const char *const DOC_WORDS[] = {"kế hoạch", "nghị quyết", "quyết định", "chương trình",
	"chỉ thị", "luật", "đề án", "dự án", "thông tư", "nghị định", "công văn", "văn bản",
	"hướng dẫn", "quy chế", "quy định", "báo cáo", "kết luận", NULL};

/* Words after which an agency name has ended ("về Sở Nội vụ tổng hợp"). */
static const char *const AGENCY_STOP[] = {"tổng hợp", "trước", "để", "theo", "qua", "chậm",
	"trong", "định kỳ", "hằng", "hàng", "và", "hoặc", "khi", "vào", "báo cáo", "kết quả",
	"trực tiếp", "bằng", "đúng", "cùng", "đồng thời", "xem xét", "chỉ đạo", "tham mưu",
	"theo dõi", "chậm nhất", "trước ngày", "ngay", "sau", NULL};

/* The receiving agency in [a, b): the first "về" / "cho" / "đến" / "tới" /
 * "lên" / "gửi" / "nộp" followed by a capitalised name that is not a document's name. The
 * name runs to punctuation, a stop word or AGENCY_MAX_WORDS syllables.
 * Arena copy or NULL. */
static char *find_agency(struct extraction *ex, const struct para *p, size_t a, size_t b)
{
	static const char *const preps[] = {"về", "cho", "đến", "tới", "lên", "gửi", "nộp", NULL};
	for (size_t i = a; i < b; i++) {
		const char *const *w;
		for (w = preps; *w; w++)
			if (p->low[i] == (*w)[0] && word_at(p, i, *w))
				break;
		if (!*w)
			continue;
		size_t st = skip_sp(p, i + strlen(*w), b);
		if (!upper_at(p, st))
			continue;
		int doc = 0;
		for (const char *const *d = DOC_WORDS; *d && !doc; d++)
			doc = word_at(p, st, *d);
		if (doc)
			continue;
		size_t end = st, j = st;
		for (int words = 0; words < AGENCY_MAX_WORDS && j < b;) {
			j = skip_sp(p, j, b);
			if (!wordc_at(p, j))
				break;
			int stop = 0;
			for (const char *const *s = AGENCY_STOP; *s && !stop; s++)
				stop = word_at(p, j, *s);
			if (stop)
				break;
			while (j < b && wordc_at(p, j)) {
				size_t len;
				dec(p->s, p->n, j, &len);
				j += len;
			}
			/* "LĐ-TB&XH", "TT&TT": abbreviations glue with - and & */
			while (j + 1 < b && (p->s[j] == '-' || p->s[j] == '&') && wordc_at(p, j + 1)) {
				j++;
				while (j < b && wordc_at(p, j)) {
					size_t len;
					dec(p->s, p->n, j, &len);
					j += len;
				}
			}
			end = j;
			words++;
		}
		if (end > st)
			return arena_strndup(&ex->arena, p->s + st, end - st);
	}
	return NULL;
}

/* Words that may directly precede "báo cáo" in a deadline's text. */
static const char *const REPORT_LEAD[] = {"gửi", "nộp", "định kỳ", NULL};

/* Where a deadline's text starts in [a, m): at the first report word
 * ("báo cáo", "sơ kết", "tổng kết"), with a "gửi" / "nộp" / "định kỳ" right
 * before it; else at a. */
static size_t deadline_text_start(const struct para *p, size_t a, size_t m)
{
	static const char *const words[] = {"báo cáo", "sơ kết", "tổng kết", NULL};
	size_t best = NPOS;
	for (const char *const *w = words; *w; w++) {
		size_t i = find_word(p, a, m, *w);
		if (i != NPOS && (best == NPOS || i < best))
			best = i;
	}
	if (best == NPOS)
		return a;
	for (const char *const *w = REPORT_LEAD; *w; w++) {
		size_t st = ends_with(p, a, best, *w);
		if (st != NPOS)
			return st;
	}
	return best;
}

/* A sentence about periodic reports without a date: a review item naming
 * the period ("định kỳ 6 tháng, một năm"). */
static void periodic_review(struct extraction *ex, const struct para *p, struct span sent, int line)
{
	static const char *const period_words[] = {"quý", "tháng", "năm", "hằng", "hàng", "mỗi",
	                                           "một", "hai", "sáu", "chín", "cả", NULL};
	static const char *const stop[] = {"về", "cho", "gửi", "lên", "hoặc", "trước", "để",
	                                   "theo", "tới", "đến", "vào", NULL};
	if (!report_word_in(p, sent.a, sent.b) || find_word(p, sent.a, sent.b, "định kỳ") == NPOS)
		return;
	for (size_t i = sent.a; (i = find_word(p, i, sent.b, "định kỳ")) != NPOS; i++) {
		size_t st = skip_sp(p, i + strlen("định kỳ"), sent.b);
		int ok = st < sent.b && is_digit(p->s[st]);
		for (const char *const *w = period_words; *w && !ok; w++)
			ok = word_at(p, st, *w);
		if (!ok)
			continue;
		size_t e = st;
		while (e < sent.b && e - st < PERIOD_PHRASE_MAX) {
			char c = p->s[e];
			if (c == '(' || c == ')' || c == ';' || c == '.' || c == ':')
				break;
			int s = 0;
			if (c == ' ')
				for (const char *const *w = stop; *w && !s; w++)
					s = word_at(p, e + 1, *w);
			if (s)
				break;
			e++;
		}
		while (e > st && e < sent.b && ((unsigned char)p->s[e] & 0xC0) == 0x80)
			e--; /* never cut a code point */
		while (e > st && (p->s[e - 1] == ' ' || p->s[e - 1] == ','))
			e--;
		extraction_review(ex, line, "Chế độ báo cáo định kỳ %.*s chưa có hạn cụ thể",
		                  (int)(e - st), p->s + st);
		return;
	}
	extraction_review(ex, line, "Chế độ báo cáo định kỳ chưa có hạn cụ thể");
}

/* The deadlines of one sentence. Returns how many were added. */
static int sentence_deadlines(struct extraction *ex, const struct para *p, struct span sent, int line)
{
	int added = 0;
	size_t prev_end = sent.a, i = sent.a;
	for (;;) {
		size_t date_at;
		int need_date;
		size_t m = find_marker(p, i, sent.b, &date_at, &need_date);
		if (m == NPOS)
			break;
		i = m + 1;

		struct ph_date d = {0, 0, 0};
		size_t st = 0, len = 0, date_end = NPOS;
		if (vn_find_date(p->s + date_at, ex->year, &d, &st, &len) == 0 &&
		    st <= strlen("ngày ") && date_at + st + len <= sent.b && d.m && d.d)
			date_end = date_at + st + len;
		else
			d = (struct ph_date){0, 0, 0};
		if (date_end == NPOS && need_date)
			continue;

		struct span g = marker_segment(p, sent, m);
		if (!report_word_in(p, g.a, g.b))
			continue;
		size_t sub = g.a > prev_end ? g.a : prev_end;
		for (;;) {
			sub = skip_sp(p, sub, m);
			if (sub < m && (p->s[sub] == ',' || p->s[sub] == ';'))
				sub++;
			else if (word_at(p, sub, "và"))
				sub += strlen("và");
			else
				break;
		}
		size_t text_a = deadline_text_start(p, sub, m);

		/* Words after the deadline count for its kind ("trước ngày 25/11,
		 * hằng quý") up to where the next deadline's text starts. */
		size_t nd;
		int nneed;
		size_t next = find_marker(p, m + 1, g.b, &nd, &nneed);
		size_t date_b = date_end != NPOS ? date_end : m;
		struct span before = {text_a, m};
		struct span after = {date_b, next != NPOS ? deadline_text_start(p, date_b, next) : g.b};

		/* The text ends after the date ("hằng năm" included), or, for a
		 * relative deadline, at the next punctuation. A deadline that
		 * opens its clause ("Trước ngày 15/6, các đơn vị gửi báo cáo ...")
		 * takes the rest of the clause. */
		static const char *const yearly_words[] = {"hằng năm", "hàng năm", NULL};
		size_t text_b;
		int yearly = 0;
		if (date_end != NPOS) {
			text_b = date_end;
			size_t k = skip_sp(p, text_b, g.b), yl = match_at(p, k, yearly_words);
			if (yl) {
				text_b = k + yl;
				yearly = 1;
			}
		} else {
			text_b = m;
			while (text_b < g.b && p->s[text_b] != ',' && p->s[text_b] != ';' &&
			       p->s[text_b] != '(' && p->s[text_b] != ')')
				text_b++;
		}
		if (!report_word_in(p, sub, m) && after.b > text_b)
			text_b = after.b;

		struct ex_deadline *dl = NULL;
		if (extraction_room(ex, EX_DEADLINES, ex->deadlines_len, line))
			dl = ARENA_PUSH(&ex->arena, ex->deadlines, ex->deadlines_len, ex->deadlines_cap);
		if (!dl) { /* past the cap (counted), or the arena refused */
			added++; /* a deadline still: no review item for a missing one */
			prev_end = text_b;
			i = text_b > i ? text_b : i;
			continue;
		}
		dl->text = cut(ex, p, text_a, text_b);
		dl->kind = arena_strdup(&ex->arena, deadline_kind(p, before, after));
		dl->line = line;
		if (!dl->text || !dl->kind)
			return added + 1; /* the arena refused: extract_document says so */
		dl->to = find_agency(ex, p, text_a, text_b);
		if (!dl->to)
			dl->to = find_agency(ex, p, g.a, g.b);
		if (!dl->to)
			dl->to = find_agency(ex, p, sent.a, sent.b);
		if (date_end == NPOS) {
			extraction_review(ex, line, "Hạn báo cáo \"%s\" không phải một ngày cố định; "
			                  "cần đặt ngày cụ thể.", dl->text);
		} else if (d.y == 0) {
			extraction_review(ex, line, "Hạn báo cáo \"%s\" không ghi năm và chưa biết năm "
			                  "của văn bản; cần nhập năm.", dl->text);
			d = (struct ph_date){0, 0, 0};
		} else if (yearly) {
			extraction_review(ex, line, "Hạn báo cáo \"%s\" lặp lại hằng năm; đã lấy năm %d "
			                  "của văn bản.", dl->text, d.y);
		}
		dl->date = d;
		added++;
		prev_end = text_b;
		i = text_b > i ? text_b : i;
	}
	return added;
}

/* Fill ex->deadlines from the paragraphs of doc (tables are skipped), with
 * review items for relative dates, missing years and periodic reports that
 * name no date. Strings live in ex->arena. */
void extract_deadlines(const struct docmodel *doc, struct extraction *ex)
{
	for (size_t bi = 0; bi < doc->blocks_len; bi++) {
		const struct doc_block *b = &doc->blocks[bi];
		if (b->kind != BLOCK_PARA || !b->text || !b->text[0])
			continue;
		struct arena tmp;
		arena_init_capped(&tmp, extraction_scratch_cap(ex));
		struct para p = {b->text, NULL, strlen(b->text)};
		p.low = lower_copy(&tmp, p.s, p.n);
		struct span *sents = arena_alloc(&tmp, sentences_max(&p, 0, p.n) * sizeof *sents);
		size_t ns = p.low && sents ? sentences(&p, 0, p.n, sents) : 0;
		int told = 0;
		for (size_t k = 0; k < ns; k++)
			if (searchable(ex, sents[k], b->line, &told) &&
			    !sentence_deadlines(ex, &p, sents[k], b->line))
				periodic_review(ex, &p, sents[k], b->line);
		if (arena_failed(&tmp))
			ex->failed = 1; /* extract_document answers PH_ENOMEM */
		arena_cleanup(&tmp);
	}
}

/* ---- targets ------------------------------------------------------------ */

/* Phrases that make a sentence outside a "Mục tiêu" section a target. */
static const char *const TARGET_PHRASES[] = {"phấn đấu", "chỉ tiêu", "ít nhất", "tối thiểu",
	"trở lên", "trở xuống", "không dưới", "không quá", "tối đa", "không ít hơn",
	"không vượt quá", NULL};

/* In a result report ("đạt 102% chỉ tiêu", "có trên 85% hội viên ...")
 * figures are results; only what it promises ("phấn đấu") is a target. */
static const char *const REPORT_TARGET_PHRASES[] = {"phấn đấu", NULL};

/* Comparison words before a number, longest first where one ends another. */
static const struct {
	const char *w, *op;
} BEFORE_OPS[] = {
	{"không ít hơn", ">="}, {"không dưới", ">="}, {"ít nhất", ">="}, {"tối thiểu", ">="},
	{"không vượt quá", "<="}, {"không vượt", "<="}, {"không quá", "<="}, {"tối đa", "<="},
	{"ít hơn", "<"}, {"thấp hơn", "<"}, {"dưới", "<"},
	{"nhiều hơn", ">"}, {"cao hơn", ">"}, {"hơn", ">"}, {"trên", ">"}, {"vượt", ">"},
};

/* The comparisons that also let a number word ("ít nhất một") count. */
static const char *const WORD_NUMBER_OPS[] = {"không ít hơn", "không dưới", "ít nhất",
	"tối thiểu", "không quá", "tối đa", NULL};

static const struct {
	const char *w;
	int v;
} NUMBER_WORDS[] = {
	{"một", 1}, {"hai", 2}, {"ba", 3}, {"bốn", 4}, {"sáu", 6}, {"bảy", 7}, {"tám", 8},
	{"chín", 9}, {"mười", 10},
};

/* A word right before a number that makes it a name or a reference, not a
 * quantity: "Nghị quyết số 29", "Đề án 938", "khóa XI", "nhiệm kỳ", "ngày 15". */
static const char *const REF_WORDS[] = {"số", "án", "định", "quyết", "thị", "tư", "điều",
	"khoản", "khóa", "khoá", "thứ", "kỳ", "đoạn", "ngày", "tháng", "năm", "quý", "mục",
	"lục", "luật", "trình", "hoạch", "điểm", "chương", "đợt", "covid", "bước", "tổ", "khu",
	"thôn", "bản", "xóm", "ấp", "phường", "quận", "lớp", "hiệu", "phần", "trang", NULL};

/* Units that make a count a duration or an age, not a target. */
static const char *const TIME_UNITS[] = {"tháng", "năm", "ngày", "quý", "tuần", "giờ", "phút",
	"tuổi", NULL};

/* Words that end a unit noun phrase ("01 hội viên ưu tú cho cấp ủy"). */
static const char *const UNIT_STOP[] = {"cho", "và", "được", "để", "trở", "trong", "tại",
	"của", "với", "ở", "theo", "hoặc", "nhằm", "trên", "dưới", "thuộc", "từ", "đến", "trước",
	"sau", "khi", "mà", "là", "hay", "nhưng", "vào", "mỗi", NULL};

/* A number in a clause. */
struct num {
	size_t a, b;   /* the number as written, "%" included */
	double v;
	int pct;
	int word;      /* written as a word ("một") */
};

/* Read the digits-and-separators number at i (not past end); 0 when it does
 * not parse as one. */
static int read_number(const struct para *p, size_t i, size_t end, struct num *out)
{
	size_t j = i;
	while (j < end && is_digit(p->s[j]))
		j++;
	while (j + 1 < end && (p->s[j] == '.' || p->s[j] == ',') && is_digit(p->s[j + 1])) {
		j++;
		while (j < end && is_digit(p->s[j]))
			j++;
	}
	char buf[48];
	if (j - i >= sizeof buf - 2)
		return 0;
	memcpy(buf, p->s + i, j - i);
	buf[j - i] = 0;
	size_t k = j < end && p->s[j] == ' ' ? j + 1 : j;
	out->a = i;
	out->pct = k < end && p->s[k] == '%';
	out->b = out->pct ? k + 1 : j;
	out->word = 0;
	int pct;
	return vn_parse_number(buf, &out->v, &pct) == 0;
}

/* A plain year: four digits 1900..2100, no "%" and no separators. */
static int is_year(const struct num *x)
{
	return !x->pct && !x->word && x->b - x->a == 4 && x->v >= 1900 && x->v <= 2100;
}

/* After the number x: a range "- 25%", "– 25", "đến 25%". Fills *hi. */
static int range_after(const struct para *p, const struct num *x, size_t end, struct num *hi)
{
	size_t j = skip_sp(p, x->b, end);
	if (j < end && p->s[j] == '-')
		j++;
	else if (strncmp(p->s + j, "–", strlen("–")) == 0 || strncmp(p->s + j, "—", strlen("—")) == 0)
		j += strlen("–");
	else if (match_at(p, j, UPTO))
		j += match_at(p, j, UPTO);
	else
		return 0;
	j = skip_sp(p, j, end);
	if (j >= end || !is_digit(p->s[j]) || !read_number(p, j, end, hi))
		return 0;
	return !(hi->b < end && (p->s[hi->b] == '/' || (p->s[hi->b] == '-' && wordc_at(p, hi->b + 1))));
}

/* A time expression in a sentence: "hằng năm", "đến năm 2025", "từ 2026
 * đến năm 2030", "năm 2024", "nhiệm kỳ". */
enum { T_EACH, T_YEARS, T_TERM };
struct texpr {
	size_t at;
	int kind;
	int from, to;
};

/* Collect the time expressions of [a, b) (not inside quotes) into out
 * (room for b - a entries); returns the count. */
static size_t time_exprs(const struct para *p, size_t from, size_t a, size_t b, struct texpr *out)
{
	static const char *const each[] = {"hằng năm", "hàng năm", "mỗi năm", NULL};
	size_t cnt = 0;
	for (size_t i = a; i < b; i++) {
		if (wordc_before(p, i) || !wordc_at(p, i))
			continue;
		int inq;
		for (const char *const *w = each; *w; w++)
			if (p->low[i] == (*w)[0] && word_at(p, i, *w)) {
				nesting(p, from, i, &inq);
				if (!inq)
					out[cnt++] = (struct texpr){i, T_EACH, 0, 0};
			}
		if (word_at(p, i, "nhiệm kỳ")) {
			size_t j = skip_sp(p, i + strlen("nhiệm kỳ"), b);
			if (!(j < b && is_digit(p->s[j])))
				out[cnt++] = (struct texpr){i, T_TERM, 0, 0};
			continue;
		}
		if (!is_digit(p->s[i]))
			continue;
		struct num y, y2;
		if (!read_number(p, i, b, &y) || !is_year(&y) ||
		    (i > a && (p->s[i - 1] == '/' || p->s[i - 1] == '-'))) {
			while (i + 1 < b && is_digit(p->s[i + 1]))
				i++;
			continue;
		}
		nesting(p, from, i, &inq);
		if (inq) {
			i = y.b - 1;
			continue;
		}
		size_t wa = i;
		size_t st = ends_with(p, a, wa, "năm");
		int has_nam = st != NPOS;
		if (has_nam)
			wa = st;
		/* "đến năm", "đến hết năm", "hết năm", "cuối năm", "trước năm" */
		static const char *const until[] = {"đến", "tới", "hết", "cuối", "trước", NULL};
		int is_to = 0;
		for (const char *const *w = until; *w && !is_to; w++)
			is_to = ends_with(p, a, wa, *w) != NPOS;
		int is_from = ends_with(p, a, wa, "từ") != NPOS;
		struct texpr t = {i, T_YEARS, 0, 0};
		/* "2026 đến năm 2030", "2021 – 2026" */
		size_t j = skip_sp(p, y.b, b);
		size_t k = NPOS;
		if (j < b && p->s[j] == '-')
			k = j + 1;
		else if (strncmp(p->s + j, "–", strlen("–")) == 0)
			k = j + strlen("–");
		else if (match_at(p, j, UPTO))
			k = j + match_at(p, j, UPTO);
		if (k != NPOS) {
			k = skip_sp(p, k, b);
			if (word_at(p, k, "năm"))
				k = skip_sp(p, k + strlen("năm"), b);
		}
		if (k != NPOS && k < b && is_digit(p->s[k]) && read_number(p, k, b, &y2) && is_year(&y2)) {
			t.from = (int)y.v;
			t.to = (int)y2.v;
			out[cnt++] = t;
			i = y2.b - 1;
			continue;
		}
		if (is_to)
			t.to = (int)y.v;
		else if (is_from)
			t.from = (int)y.v;
		else if (has_nam)
			t.from = t.to = (int)y.v;
		else {
			i = y.b - 1;
			continue; /* a bare year: nothing said about the target's period */
		}
		out[cnt++] = t;
		i = y.b - 1;
	}
	return cnt;
}

/* The unit noun phrase after a count at i: up to UNIT_MAX_WORDS syllables,
 * ended by punctuation, a digit or a UNIT_STOP word. Empty when the first
 * word is a stop word. */
static struct span unit_after(const struct para *p, size_t i, size_t b)
{
	struct span u = {skip_sp(p, i, b), 0};
	u.b = u.a;
	size_t j = u.a;
	for (int words = 0; words < UNIT_MAX_WORDS; words++) {
		j = skip_sp(p, j, b);
		if (j >= b || !wordc_at(p, j) || is_digit(p->s[j]))
			break;
		int stop = 0;
		for (const char *const *w = UNIT_STOP; *w && !stop; w++)
			stop = word_at(p, j, *w);
		if (stop)
			break;
		while (j < b && wordc_at(p, j)) {
			size_t len;
			dec(p->s, p->n, j, &len);
			j += len;
		}
		u.b = j;
	}
	return u;
}

/* Where the targets of a sentence get their period from. */
struct tctx {
	const struct texpr *t;
	size_t nt;
};

/* The year range for a number at x in clause c of a sentence: the nearest
 * expression before it in the clause, else the first after it; a clause
 * with no time expression of its own takes the last one before it in the
 * sentence. each_year likewise: the clause's own "hằng năm", else none when
 * the clause names another period ("mỗi nhiệm kỳ"), else the sentence's. */
static void period_of(const struct tctx *tc, struct span c, size_t x, int *from, int *to, int *each)
{
	const struct texpr *before = NULL, *after = NULL, *inherit = NULL;
	int own = 0, own_each = 0, sent_each = 0;
	for (size_t k = 0; k < tc->nt; k++) {
		const struct texpr *t = &tc->t[k];
		int in = t->at >= c.a && t->at < c.b;
		if (in) {
			own = 1;
			if (t->kind == T_EACH)
				own_each = 1;
		} else if (t->at < c.a && t->kind == T_EACH) {
			sent_each = 1;
		}
		if (t->kind != T_YEARS)
			continue;
		if (in && t->at < x)
			before = t;
		else if (in && !after && t->at > x)
			after = t;
		else if (t->at < c.a)
			inherit = t;
	}
	const struct texpr *use = before ? before : after ? after : own ? NULL : inherit;
	*from = use ? use->from : 0;
	*to = use ? use->to : 0;
	*each = own ? own_each : sent_each;
}

/* The comparison of a number from the words around it: a word before it,
 * else "trở lên" / "trở xuống" after it (after_at: past the "%" or the
 * unit), else ">=". *op_start gets where the comparison word starts (x->a
 * when none). */
static const char *op_of(const struct para *p, struct span c, const struct num *x, size_t after_at,
                         size_t *op_start)
{
	*op_start = x->a;
	for (size_t k = 0; k < LEN(BEFORE_OPS); k++) {
		size_t st = ends_with(p, c.a, x->a, BEFORE_OPS[k].w);
		if (st != NPOS) {
			*op_start = st;
			return BEFORE_OPS[k].op;
		}
	}
	size_t j = skip_sp(p, after_at, c.b);
	if (word_at(p, j, "trở lên"))
		return ">=";
	if (word_at(p, j, "trở xuống"))
		return "<=";
	return ">=";
}

/* "% giảm" / "% tăng" when the percentage is a change ("giảm 2%", "tăng
 * thêm 5%"), else "%". */
static const char *pct_unit(const struct para *p, struct span c, size_t op_start)
{
	static const char *const fill[] = {"thêm", "được", "bình quân", NULL};
	size_t at = op_start;
	for (const char *const *w = fill; *w; w++) {
		size_t st = ends_with(p, c.a, at, *w);
		if (st != NPOS) {
			at = st;
			break;
		}
	}
	if (ends_with(p, c.a, at, "giảm") != NPOS)
		return "% giảm";
	if (ends_with(p, c.a, at, "tăng") != NPOS)
		return "% tăng";
	return "%";
}

/* Add a target, up to EXTRACT_MAX_TARGETS (the rest are counted). */
static void push_target(struct extraction *ex, const char *text, const char *op, double v,
                        const char *unit, int from, int to, int each, int line)
{
	if (!extraction_room(ex, EX_TARGETS, ex->targets_len, line))
		return;
	struct ex_target *t = ARENA_PUSH(&ex->arena, ex->targets, ex->targets_len, ex->targets_cap);
	if (!t)
		return;
	t->text = (char *)text;
	t->op = arena_strdup(&ex->arena, op);
	t->value = v;
	t->unit = arena_strdup(&ex->arena, unit);
	t->year_from = from;
	t->year_to = to;
	t->each_year = each;
	t->line = line;
}

/* The next number of clause c at or after *i: digits, or a number word
 * right after a comparison ("ít nhất một"). 0 when none is left. */
static int next_number(const struct para *p, struct span c, size_t *i, struct num *x)
{
	for (; *i < c.b; (*i)++) {
		size_t at = *i;
		if (wordc_before(p, at) || !wordc_at(p, at))
			continue;
		if (is_digit(p->s[at])) {
			if (at > c.a && (p->s[at - 1] == '/' || p->s[at - 1] == '-' || p->s[at - 1] == '.' ||
			                 p->s[at - 1] == ',')) {
				while (*i + 1 < c.b && is_digit(p->s[*i + 1]))
					(*i)++;
				continue; /* "29-NQ/TU", "Covid-19": part of a code */
			}
			if (read_number(p, at, c.b, x))
				return 1;
			while (*i + 1 < c.b && is_digit(p->s[*i + 1]))
				(*i)++;
			continue;
		}
		int after_op = 0;
		for (const char *const *w = WORD_NUMBER_OPS; *w && !after_op; w++)
			after_op = ends_with(p, c.a, at, *w) != NPOS;
		if (!after_op)
			continue;
		for (size_t k = 0; k < LEN(NUMBER_WORDS); k++) {
			if (!word_at(p, at, NUMBER_WORDS[k].w))
				continue;
			size_t e = at + strlen(NUMBER_WORDS[k].w);
			size_t nx = skip_sp(p, e, c.b);
			if (word_at(p, nx, "số") || word_at(p, nx, "vài"))
				break; /* "một số": some */
			*x = (struct num){at, e, NUMBER_WORDS[k].v, 0, 1};
			return 1;
		}
	}
	return 0;
}

/* The targets of clause c. in_section: the paragraph is under a "Mục
 * tiêu" heading. */
static void clause_targets(struct extraction *ex, const struct para *p, size_t body, struct span c,
                           const struct tctx *tc, int line)
{
	const char *text = NULL;
	struct num x;
	for (size_t i = c.a; next_number(p, c, &i, &x); i = x.b > i ? x.b : i + 1) {
		struct num hi;
		int range = !x.word && range_after(p, &x, c.b, &hi);
		if (range && hi.pct)
			x.pct = 1;
		if (range && !x.pct && (is_year(&x) || is_year(&hi))) {
			x.b = hi.b; /* "2021 – 2026": a period, not a target */
			continue;
		}
		/* attached to a code or date: "15/6", "29-NQ"; but "1,5%/năm" is a
		 * yearly rate */
		int per_year = x.pct && x.b < c.b && p->s[x.b] == '/' && word_at(p, x.b + 1, "năm");
		if (!x.word && !range && !per_year && x.b < c.b &&
		    (p->s[x.b] == '/' || (p->s[x.b] == '-' && wordc_at(p, x.b + 1)) ||
		     (!x.pct && wordc_at(p, x.b))))
			continue;
		if (is_year(&x))
			continue;
		int inq;
		if (nesting(p, body, x.a, &inq) > 0 || inq)
			continue;
		size_t wa, wb;
		if (prev_word(p, c.a, x.a, &wa, &wb) && word_in(p, wa, wb, REF_WORDS))
			continue;
		size_t last = range ? hi.b : x.b;
		struct span u = {last, last};
		if (!x.pct) {
			u = unit_after(p, last, c.b);
			if (u.b == u.a)
				continue;
			size_t ue = u.a;
			while (ue < u.b && wordc_at(p, ue)) {
				size_t len;
				dec(p->s, p->n, ue, &len);
				ue += len;
			}
			if (word_in(p, u.a, ue, TIME_UNITS))
				continue;
		}
		size_t op_start;
		const char *op = op_of(p, c, &x, x.pct ? last : u.b, &op_start);
		char *unit = x.pct ? (char *)pct_unit(p, c, op_start)
		                   : arena_strndup(&ex->arena, p->s + u.a, u.b - u.a);
		int from, to, each;
		period_of(tc, c, x.a, &from, &to, &each);
		each |= per_year;
		if (!text)
			text = cut(ex, p, c.a, c.b);
		if (range) {
			push_target(ex, text, ">=", x.v, unit, from, to, each, line);
			push_target(ex, text, "<=", hi.v, unit, from, to, each, line);
			x.b = hi.b;
		} else {
			push_target(ex, text, op, x.v, unit, from, to, each, line);
		}
	}
}

/* The targets of one paragraph. */
static void para_targets(struct extraction *ex, const struct para *p, int in_section, int line,
                         struct arena *tmp)
{
	const char *const *phrases = ex->type == DOC_REPORT ? REPORT_TARGET_PHRASES : TARGET_PHRASES;
	size_t body = list_marker(p);
	struct span *sents = arena_alloc(tmp, sentences_max(p, body, p->n) * sizeof *sents);
	size_t ns = sents ? sentences(p, body, p->n, sents) : 0;
	int told = 0;
	for (size_t k = 0; k < ns; k++) {
		struct span s = sents[k];
		if (!in_section && !has_any(p, s.a, s.b, phrases))
			continue;
		if (!searchable(ex, s, line, &told))
			continue;
		struct tctx tc;
		struct texpr *t = arena_alloc(tmp, (s.b - s.a + 1) * sizeof *t);
		struct span *cl = arena_alloc(tmp, (s.b - s.a + 1) * sizeof *cl);
		if (!t || !cl)
			return; /* the arena refused: extract_targets says so */
		tc.t = t;
		tc.nt = time_exprs(p, body, s.a, s.b, t);
		size_t nc = clauses(p, s, cl);
		for (size_t j = 0; j < nc; j++)
			clause_targets(ex, p, body, cl[j], &tc, line);
	}
}

/* Heading level of a paragraph that looks like a section heading: 1 for
 * "II. ..." and "PHỤ LỤC", 2 for "1. ...", 3 for "1.1. ...", 4 for "a)
 * ..." and for an unnumbered "Mục tiêu cụ thể:" line; an unnumbered
 * Markdown heading is 1. 0 when the paragraph is not a heading: too long,
 * a full sentence, or holding a percentage or a target phrase (a numbered
 * target item, not a heading). *title gets where the title starts. */
static int heading_level(const struct doc_block *b, const struct para *p, size_t *title)
{
	const char *s = p->s;
	size_t i = 0;
	int level = 0;
	while (s[i] == 'I' || s[i] == 'V' || s[i] == 'X')
		i++;
	if (i && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ' && vn_roman(s, i)) {
		level = 1;
		i += 2;
	} else if (strncmp(s, "PHỤ LỤC", strlen("PHỤ LỤC")) == 0) {
		level = 1;
		i = 0;
	} else if (is_digit(s[0])) {
		i = 0;
		while (is_digit(s[i]))
			i++;
		level = 2;
		if (s[i] == '.' && is_digit(s[i + 1])) {
			i++;
			while (is_digit(s[i]))
				i++;
			level = 3;
		}
		if (s[i] == '.')
			i++;
		if (s[i] == ' ' && i <= 8)
			i++;
		else
			level = 0, i = 0;
	} else if (((s[0] >= 'a' && s[0] <= 'z') && s[1] == ')' && s[2] == ' ')) {
		level = 4;
		i = 3;
	} else if (strncmp(s, "đ) ", strlen("đ) ")) == 0) {
		level = 4;
		i = strlen("đ) ");
	} else {
		i = 0;
	}
	if (!level && b->heading)
		level = 1;
	if (i > p->n)
		i = p->n;
	*title = skip_sp(p, i, p->n);
	if (!level) {
		/* an unnumbered "Mục tiêu cụ thể:" line */
		if (p->n <= 60 && (word_at(p, *title, "mục tiêu") || word_at(p, *title, "chỉ tiêu")))
			return 4;
		return 0;
	}
	/* "chỉ tiêu" is left out: "II. MỤC TIÊU, CHỈ TIÊU" is a heading */
	static const char *const item_words[] = {"phấn đấu", "ít nhất", "tối thiểu", "trở lên",
	                                         "trở xuống", "không dưới", "không quá", "tối đa", NULL};
	if (p->n - *title > 200 || strchr(s, '%') || has_any(p, 0, p->n, item_words))
		return 0;
	char last = p->n ? s[p->n - 1] : 0;
	if ((last == '.' || last == ';') && !b->heading && !b->bold)
		return 0;
	return level;
}

/* 1 when a heading's title names the targets: "MỤC TIÊU", "Mục tiêu cụ
 * thể", "Chỉ tiêu", "Các chỉ tiêu chủ yếu". */
static int target_title(const struct para *p, size_t title)
{
	static const char *const words[] = {"mục tiêu", "chỉ tiêu", "các mục tiêu", "các chỉ tiêu", NULL};
	for (const char *const *w = words; *w; w++)
		if (word_at(p, title, *w))
			return 1;
	return 0;
}

/* Fill ex->targets from the paragraphs of doc (tables are skipped): every
 * number in a "Mục tiêu" / "Chỉ tiêu" section, and numbers in sentences
 * with an explicit target phrase elsewhere, with the rules at the top of
 * this file. Strings live in ex->arena. */
void extract_targets(const struct docmodel *doc, struct extraction *ex)
{
	int section = 0; /* level of the "Mục tiêu" heading we are under; 0 outside */
	for (size_t bi = 0; bi < doc->blocks_len; bi++) {
		const struct doc_block *b = &doc->blocks[bi];
		if (b->kind != BLOCK_PARA || !b->text || !b->text[0])
			continue;
		struct arena tmp;
		arena_init_capped(&tmp, extraction_scratch_cap(ex));
		struct para p = {b->text, NULL, strlen(b->text)};
		p.low = lower_copy(&tmp, p.s, p.n);
		if (!p.low) {
			ex->failed = 1; /* extract_document answers PH_ENOMEM */
			arena_cleanup(&tmp);
			break;
		}
		size_t title;
		int level = heading_level(b, &p, &title);
		if (level && target_title(&p, title)) {
			if (!section || level < section)
				section = level;
		} else {
			if (level && section && level <= section)
				section = 0;
			/* a heading-like line inside the section may still be a target
			 * item written without its full stop */
			para_targets(ex, &p, section != 0, b->line, &tmp);
		}
		if (arena_failed(&tmp))
			ex->failed = 1;
		arena_cleanup(&tmp);
	}
}

/* extract_tasks.c: the tasks of a plan, from the two shapes plans use.
 *
 * Task tables (usually in appendices): a header row names the columns (STT,
 * Nội dung, Cơ quan chủ trì, Cơ quan phối hợp, Thời gian thực hiện, Ghi
 * chú, or their usual synonyms, in any order); each data row is one task.
 * Rows split by a page break (a row with an empty content cell) are joined
 * to the task above, header rows repeated after a page break are skipped,
 * a table without a header continues the task table before it, and rows
 * whose cell count differs from the header are reported, not imported.
 * A row holding only a heading ("I. CÔNG TÁC TUYÊN TRUYỀN" merged over all
 * columns, or "II | NHIỆM VỤ CHUNG | | |") is a section of the table: the
 * tasks below it carry it in their section, after the table's own heading.
 *
 * Numbered activities ("3. Tổ chức Hội thảo ..."): a numbered paragraph
 * whose body carries a "Thời gian thực hiện:" line is one task; its lead
 * and coordinating agencies come from "Cơ quan chủ trì: X" / "Cơ quan phối
 * hợp: X, Y" lines or from "- X: Chủ trì ..." / "- Y: Phối hợp ..." lines.
 * Numbered paragraphs without a time line are sections, not tasks.
 *
 * Everything that looks like a task but cannot be read whole goes to the
 * review list with its source line. Nothing here knows a particular
 * document: only the shapes and words of the kind. */
#include "import/extract.h"
#include "import/agency.h"
#include "base/text.h"
#include "base/vnnum.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest quotation of document text inside a review sentence, in bytes. */
enum { QUOTE_MAX = 160 };
/* A "label:" longer than this is a sentence, not a label. */
enum { LABEL_MAX = 120 };
/* A role word ("chủ trì", "phối hợp") counts only among the first words of
 * the text after "X:" ("Mời phối hợp", "Là cơ quan chủ trì"). */
enum { ROLE_WORD_MAX = 4 };

/* What a table column, or the label of an activity line, holds. */
enum col {
	COL_NONE = 0, /* not recognized */
	COL_NO,       /* STT */
	COL_CONTENT,  /* Nội dung */
	COL_LEAD,     /* Cơ quan chủ trì */
	COL_COORD,    /* Cơ quan phối hợp */
	COL_BOTH,     /* "Cơ quan chủ trì, phối hợp": first agency leads */
	COL_TIME,     /* Thời gian thực hiện */
	COL_START,    /* "Bắt đầu" under "Thời gian thực hiện", "Từ ngày" */
	COL_END,      /* "Kết thúc", "Hoàn thành", "Đến ngày" */
	COL_NOTES,    /* Ghi chú */
	COL_COUNT
};

/* ---- small text helpers ------------------------------------------------ */

/* Folded copy in a (see text_fold). When memory runs out the arena is
 * marked failed (extract_document then answers PH_ENOMEM) and "" stands in,
 * so that the caller goes on without a NULL. */
static char *fold(struct arena *a, const char *s)
{
	char *f = text_fold(s);
	char *r = f ? arena_strdup(a, f) : NULL;
	free(f);
	if (!r) {
		a->failed = 1;
		return (char *)"";
	}
	return r;
}

static int is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* 1 when folded f starts with the words p (a word boundary after them). */
static int starts_word(const char *f, const char *p)
{
	size_t n = strlen(p);
	return strncmp(f, p, n) == 0 && !is_alnum(f[n]);
}

static int starts_any(const char *f, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (starts_word(f, list[i]))
			return 1;
	return 0;
}

static int in_list(const char *f, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(f, list[i]) == 0)
			return 1;
	return 0;
}

/* First whole-word occurrence of p in folded f, or NULL. */
static const char *find_word(const char *f, const char *p)
{
	size_t n = strlen(p);
	for (const char *q = strstr(f, p); q; q = strstr(q + 1, p))
		if ((q == f || !is_alnum(q[-1])) && !is_alnum(q[n]))
			return q;
	return NULL;
}

/* Number of space-separated words of f before position q. */
static size_t words_before(const char *f, const char *q)
{
	size_t n = 0;
	for (const char *p = f; p < q; p++)
		if (*p == ' ')
			n++;
	return n;
}

static size_t count_words(const char *f)
{
	return *f ? words_before(f, f + strlen(f)) + 1 : 0;
}

/* Trim white space, then the given characters, at the end of s (in place).
 * NULL (an arena that refused) gives "", so that callers read on; the
 * arena stays failed and extract_document answers PH_ENOMEM. An empty s
 * is left untouched: it may be the literal "" that fold() and this
 * function stand in with, which must not be written to. */
static char *trim_end(char *s, const char *chars)
{
	if (!s)
		return (char *)"";
	if (!*s)
		return s;
	text_trim(s);
	size_t n = strlen(s);
	while (n && (strchr(chars, s[n - 1]) || s[n - 1] == ' '))
		s[--n] = 0;
	return s;
}

/* Trimmed arena copy of s[0..n). */
static char *copy_trim(struct arena *a, const char *s, size_t n)
{
	return text_trim(arena_strndup(a, s, n));
}

/* s shortened for a review sentence: at most QUOTE_MAX bytes, cut at a
 * character boundary, "…" when cut. Arena copy. NULL (a copy an arena
 * refused) and a refused copy give "": the sentence is then written
 * without it, and the extraction fails anyway (the arena stays failed). */
static const char *quote(struct arena *a, const char *s)
{
	if (!s)
		return "";
	size_t n = strlen(s);
	if (n <= QUOTE_MAX)
		return s;
	n = QUOTE_MAX;
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	const char *q = arena_printf(a, "%.*s…", (int)n, s);
	return q ? q : "";
}

/* Past a list bullet ("- ", "+ ", "• ", "– ", "* "). */
static const char *skip_bullet(const char *s)
{
	static const char *const bullets[] = {"- ", "+ ", "* ", "• ", "– ", "— ", "· ", NULL};
	for (size_t i = 0; bullets[i]; i++) {
		size_t n = strlen(bullets[i]);
		if (strncmp(s, bullets[i], n) == 0) {
			s += n;
			while (*s == ' ')
				s++;
			return s;
		}
	}
	return s;
}

/* ---- headings ----------------------------------------------------------- */

/* "I. MỤC ĐÍCH, YÊU CẦU", "II) ...": a level-1 section heading. */
static int roman_heading(const char *s)
{
	size_t n = 0;
	while (s[n] == 'I' || s[n] == 'V' || s[n] == 'X')
		n++;
	return n && (s[n] == '.' || s[n] == ')') && s[n + 1] == ' ' && s[n + 2] &&
	       vn_roman(s, n);
}

/* "1. Title", "2) Title", "1.2. Title", "1.2 Title": a numbered item.
 * Returns the length of the number ("1", "1.2") and sets *rest to the
 * title; 0 when s is not one. */
static size_t numbered(const char *s, const char **rest)
{
	size_t n = 0;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	if (!n || n > 2)
		return 0;
	size_t no = n;
	if (s[n] == ')') {
		n++;
	} else if (s[n] == '.') {
		n++;
		size_t m = 0;
		while (s[n + m] >= '0' && s[n + m] <= '9')
			m++;
		if (m) {
			if (m > 2)
				return 0;
			no = n + m;
			n += m;
			if (s[n] == '.')
				n++;
		}
	} else {
		return 0;
	}
	if (s[n] != ' ')
		return 0;
	while (s[n] == ' ')
		n++;
	if (!s[n])
		return 0;
	*rest = s + n;
	return no;
}

/* An appendix heading: "PHỤ LỤC 01", "PHỤ LỤC SỐ 1: ...", "Phụ lục II",
 * or "PHỤ LỤC" in capitals without a number. Returns the heading as written
 * up to its number (the whole line when it has none; arena copy), or NULL. Mentions in running text ("(Có Phụ lục số 01 kèm
 * theo)") do not start with the words and are not headings. */
static char *appendix_heading(struct arena *out, struct arena *tmp,
                              const struct doc_block *b)
{
	const char *s = b->text;
	char *f = fold(tmp, s);
	if (!starts_word(f, "phu luc"))
		return NULL;
	int caps = strncmp(s, "PHỤ LỤC", strlen("PHỤ LỤC")) == 0;
	const char *p = f + strlen("phu luc");
	size_t words = 2;
	while (*p == ' ')
		p++;
	if (!*p)
		return caps ? copy_trim(out, s, strlen(s)) : NULL;
	if (starts_word(p, "so")) {
		p += 2;
		words++;
		while (*p == ' ')
			p++;
	}
	size_t n = 0;
	while (p[n] && p[n] != ' ' && p[n] != ':' && p[n] != '.' && p[n] != ')' &&
	       p[n] != '-' && p[n] != ',')
		n++;
	int digits = n > 0;
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			digits = 0;
	int roman = n > 0 && vn_roman(p, n);
	if (!n || !(digits || roman) || n > 4) {
		/* "PHỤ LỤC KÈM THEO KẾ HOẠCH": a heading without a number */
		if (caps && strlen(s) <= 100)
			return copy_trim(out, s, strlen(s));
		return NULL;
	}
	if (!caps && !b->heading && !b->bold && strlen(s) > 80)
		return NULL;
	/* the original text up to the end of the number word */
	const char *q = s;
	for (size_t w = 0; w < words; w++) {
		while (*q && *q != ' ')
			q++;
		while (*q == ' ')
			q++;
	}
	const char *e = q;
	while (*e && *e != ' ' && *e != ':' && *e != ',' && *e != ')')
		e++;
	return trim_end(arena_strndup(out, s, (size_t)(e - s)), ".:-");
}

/* ---- column and label names -------------------------------------------- */

/* "Cơ quan chủ trì", "Đơn vị phối hợp", "Chủ trì, phối hợp", "Đơn vị thực
 * hiện": with the words for a body (cơ quan, đơn vị, ...) taken away, what
 * is left must be the role word itself. COL_NONE otherwise. */
static enum col role_label(struct arena *tmp, const char *f)
{
	static const char *const filler[] = {"co", "quan", "don", "vi", "cac", "to",
		"chuc", "bo", "phan", "chinh", "va", "thuc", "hien", NULL};
	char *w = arena_strdup(tmp, f);
	if (!w)
		return COL_NONE; /* the arena refused: extract_tasks says so */
	for (char *p = w; *p; p++)
		if (strchr(",/;()&-", *p))
			*p = ' ';
	char rest[64] = "";
	int exec = 0;
	char *save = NULL;
	for (char *t = strtok_r(w, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		if (strcmp(t, "thuc") == 0 || strcmp(t, "hien") == 0)
			exec = 1;
		if (in_list(t, filler))
			continue;
		if (strlen(rest) + strlen(t) + 2 > sizeof rest)
			return COL_NONE;
		if (rest[0])
			strcat(rest, " ");
		strcat(rest, t);
	}
	if (strcmp(rest, "chu tri") == 0)
		return COL_LEAD;
	if (strcmp(rest, "phoi hop") == 0)
		return COL_COORD;
	if (strcmp(rest, "chu tri phoi hop") == 0)
		return COL_BOTH;
	if (!rest[0] && exec)
		return COL_LEAD; /* "Đơn vị thực hiện" */
	return COL_NONE;
}

/* Words that open the name of a time column ("Thời gian thực hiện"). */
static const char *const time_words[] = {"thoi gian", "thoi han", "tien do",
	"moc thoi gian", NULL};

/* The side of a time range a column names, folded f: COL_START for "Bắt
 * đầu", "Thời gian bắt đầu", "Thời gian thực hiện Bắt đầu" (a two-row
 * header as rendered), "Ngày bắt đầu", "Từ ngày", "Từ"; COL_END for "Kết
 * thúc", "Hoàn thành", "Thời hạn hoàn thành", "Ngày hoàn thành", "Đến
 * ngày", "Đến"; COL_NONE otherwise. At most two words may follow the side
 * word ("Ngày hoàn thành (dự kiến)"); "từ" and "đến" stand alone or with
 * "ngày", "tháng". */
static enum col time_side(const char *f)
{
	static const char *const lead[] = {"thoi gian thuc hien", "thoi gian", "thoi han",
		"tien do", "moc thoi gian", "thoi diem", "ngay", "thang", NULL};
	static const char *const start[] = {"bat dau", "khoi dau", NULL};
	static const char *const end[] = {"ket thuc", "hoan thanh", NULL};
	static const char *const from[] = {"tu", "tu ngay", "tu thang", NULL};
	static const char *const to[] = {"den", "den ngay", "den thang", NULL};
	const char *p = f;
	for (size_t i = 0; lead[i]; i++)
		if (starts_word(p, lead[i])) {
			p += strlen(lead[i]);
			break;
		}
	while (*p && !is_alnum(*p))
		p++;
	if (in_list(p, from))
		return COL_START;
	if (in_list(p, to))
		return COL_END;
	for (int side = 0; side < 2; side++) {
		const char *const *list = side ? end : start;
		for (size_t i = 0; list[i]; i++)
			if (starts_word(p, list[i]) && count_words(p) <= count_words(list[i]) + 2)
				return side ? COL_END : COL_START;
	}
	return COL_NONE;
}

/* What a start or end column (or label) standing alone names: the time
 * when its name begins with a time word ("Thời hạn hoàn thành"), else
 * nothing ("Hoàn thành" alone may be a status). */
static enum col side_alone(struct arena *tmp, const char *text)
{
	const char *f = fold(tmp, text);
	while (*f == '*' || *f == '_')
		f++; /* markup a reader left */
	return starts_any(f, time_words) ? COL_TIME : COL_NONE;
}

/* What a header cell names. A start or end column is COL_START or COL_END
 * (header_map decides whether it stands alone; see side_alone). */
static enum col classify(struct arena *tmp, const char *text)
{
	static const char *const no[] = {"stt", "tt", "so tt", "so thu tu", "thu tu", NULL};
	static const char *const content[] = {"noi dung", "nhiem vu", "ten nhiem vu",
		"cong viec", "ten cong viec", "hoat dong", "ten hoat dong", "danh muc", NULL};
	char *f = trim_end(fold(tmp, text), ".:*_");
	while (*f == '*' || *f == '_')
		f++; /* markup a reader left */
	if (!*f)
		return COL_NONE;
	if (in_list(f, no))
		return COL_NO;
	if (count_words(f) > 8)
		return COL_NONE;
	if (starts_word(f, "ghi chu"))
		return COL_NOTES;
	enum col side = time_side(f);
	if (side != COL_NONE)
		return side;
	if (starts_any(f, time_words))
		return COL_TIME;
	if (starts_any(f, content))
		return COL_CONTENT;
	return role_label(tmp, f);
}

/* What the label of an activity line names ("Thời gian thực hiện:",
 * "Cơ quan chủ trì:"): as a header cell, a start or end label being the
 * time itself ("Thời gian hoàn thành:"). */
static enum col classify_label(struct arena *tmp, const char *text)
{
	enum col k = classify(tmp, text);
	return k == COL_START || k == COL_END ? side_alone(tmp, text) : k;
}

/* ---- agencies and times into a task ----------------------------------- */

struct ctx {
	struct extraction *ex;
	const struct resolver *r;
	struct arena tmp;       /* scratch: folded text, pending cells */
	struct arena row;       /* scratch of one table row, emptied per row */
	struct tf_context tf;   /* year and period for timeframes */
	/* the folded names of the coordinating agencies of task coord_task,
	 * so that a name is folded once however long the list (tmp arena) */
	const struct ex_task *coord_task;
	char **coord_folded;
	size_t coord_len, coord_cap;
};

/* Empty the row arena (its memory goes back; a long table stays small). */
static void row_reset(struct ctx *c)
{
	if (arena_failed(&c->row))
		c->ex->failed = 1;
	arena_cleanup(&c->row);
	arena_init_capped(&c->row, extraction_scratch_cap(c->ex));
}

/* Add name as a coordinating agency of t unless it is there already
 * (folded), up to EXTRACT_MAX_COORDINATING per task. */
static void add_coord(struct ctx *c, struct ex_task *t, const char *name, int line)
{
	if (c->coord_task != t || c->coord_len != t->coordinating_len) {
		/* another task: fold its names once */
		c->coord_task = t;
		c->coord_len = 0;
		for (size_t i = 0; i < t->coordinating_len; i++) {
			char **slot = ARENA_PUSH(&c->tmp, c->coord_folded, c->coord_len, c->coord_cap);
			if (!slot)
				return;
			*slot = fold(&c->tmp, t->coordinating[i].text);
		}
	}
	char *f = fold(&c->tmp, name);
	for (size_t i = 0; i < c->coord_len; i++)
		if (strcmp(c->coord_folded[i], f) == 0)
			return;
	if (!extraction_room(c->ex, EX_COORDINATING, t->coordinating_len, line))
		return;
	char **slot = ARENA_PUSH(&c->tmp, c->coord_folded, c->coord_len, c->coord_cap);
	struct ex_unitref *u = slot ? ARENA_PUSH(&c->ex->arena, t->coordinating,
	                                         t->coordinating_len, t->coordinating_cap) : NULL;
	if (!u) {
		c->coord_len -= slot != NULL;
		return;
	}
	*slot = f;
	extraction_unitref(c->ex, c->r, name, line, u);
}

/* The agencies of text as coordinating. */
static void add_coords(struct ctx *c, struct ex_task *t, const char *text, int line)
{
	char **names = NULL;
	size_t n = agency_split(&c->tmp, text, &names);
	for (size_t i = 0; i < n; i++)
		add_coord(c, t, names[i], line);
}

/* Each name of names[from..n) quoted and joined for a review sentence;
 * "" when the arena refused (it stays failed). */
static const char *quoted_list(struct ctx *c, char **names, size_t from, size_t n)
{
	const char *s = "";
	for (size_t i = from; s && i < n; i++) {
		if (strlen(s) > 3 * QUOTE_MAX) {
			s = arena_printf(&c->tmp, "%s, …", s);
			break;
		}
		s = arena_printf(&c->tmp, "%s%s«%s»", s, i > from ? ", " : "",
		                 quote(&c->tmp, names[i]));
	}
	return s ? s : "";
}

/* The first agency of text leads; when the task already has a lead or text
 * names more than one, the others are put on the review list (rest_coord:
 * they coordinate instead, as in a "chủ trì, phối hợp" column). */
static void set_lead(struct ctx *c, struct ex_task *t, const char *text, int line,
                     int rest_coord)
{
	char **names = NULL;
	size_t n = agency_split(&c->tmp, text, &names);
	if (!n)
		return;
	size_t from = 0;
	if (!t->lead.text) {
		extraction_unitref(c->ex, c->r, names[0], line, &t->lead);
		from = 1;
	}
	if (rest_coord) {
		for (size_t i = from; i < n; i++)
			add_coord(c, t, names[i], line);
		return;
	}
	if (from == n)
		return;
	if (from)
		extraction_review(c->ex, line, "Nhiều cơ quan chủ trì: lấy «%s» làm cơ quan "
		                  "chủ trì; chưa ghi nhận %s", quote(&c->tmp, t->lead.text),
		                  quoted_list(c, names, from, n));
	else
		extraction_review(c->ex, line, "Nhiệm vụ đã có cơ quan chủ trì «%s»; chưa ghi "
		                  "nhận %s là chủ trì", quote(&c->tmp, t->lead.text),
		                  quoted_list(c, names, from, n));
}

/* The timeframe phrase text (as written, without closing punctuation). A
 * phrase that does not parse is kept as text with kind TF_NONE and put on
 * the review list. */
static void set_time(struct ctx *c, struct ex_task *t, const char *text, int line)
{
	char *s = trim_end(arena_strdup(&c->tmp, text), ".;,");
	if (!*s)
		return;
	t->timeframe_text = arena_strdup(&c->ex->arena, s);
	if (timeframe_parse(s, &c->tf, &t->timeframe) != 0) {
		memset(&t->timeframe, 0, sizeof t->timeframe);
		t->timeframe.kind = TF_NONE;
		extraction_review(c->ex, line, "Không đọc được thời gian thực hiện: «%s»",
		                  quote(&c->tmp, s));
	}
}

/* The timeframe of a start cell and an end cell ("Tháng 3/2025" and
 * "Quý III/2025" in "Bắt đầu" / "Kết thúc" columns): from the beginning
 * of the start phrase to the end of the end phrase, kind TF_RANGE, text
 * "START – END" as written. One side empty: the other side alone is the
 * phrase (set_time). A side the timeframe parser does not read, a start
 * that names no beginning (a deadline phrase; a lone date is its day), an
 * end that names no end ("thường xuyên"), or an end before the start: the
 * text is kept with kind TF_NONE and the row put on the review list. */
static void set_time_pair(struct ctx *c, struct ex_task *t, const char *from,
                          const char *to, int line)
{
	char *s = trim_end(arena_strdup(&c->tmp, from), ".;,");
	char *e = trim_end(arena_strdup(&c->tmp, to), ".;,");
	if (!*s || !*e) {
		set_time(c, t, *s ? s : e, line);
		return;
	}
	t->timeframe_text = arena_printf(&c->ex->arena, "%s – %s", s, e);
	memset(&t->timeframe, 0, sizeof t->timeframe);
	t->timeframe.kind = TF_NONE;
	struct timeframe a, b;
	int bad_start = timeframe_parse(s, &c->tf, &a) != 0;
	int bad_end = timeframe_parse(e, &c->tf, &b) != 0;
	if (bad_start)
		extraction_review(c->ex, line, "Không đọc được thời gian bắt đầu: «%s»",
		                  quote(&c->tmp, s));
	if (bad_end)
		extraction_review(c->ex, line, "Không đọc được thời gian kết thúc: «%s»",
		                  quote(&c->tmp, e));
	if (bad_start || bad_end)
		return;
	struct ph_date start = a.start, day;
	if (a.kind == TF_DEADLINE && vn_parse_date(s, c->tf.year, &day) == 0 &&
	    date_is_full(day))
		start = day; /* "15/3/2025": that day, not "before it" */
	else if (a.kind != TF_RANGE) {
		extraction_review(c->ex, line, "Thời gian bắt đầu «%s» không cho biết ngày bắt "
		                  "đầu", quote(&c->tmp, s));
		return;
	}
	if (b.kind != TF_RANGE && b.kind != TF_DEADLINE) {
		extraction_review(c->ex, line, "Thời gian kết thúc «%s» không cho biết ngày kết "
		                  "thúc", quote(&c->tmp, e));
		return;
	}
	if (date_cmp(b.end, start) < 0) {
		extraction_review(c->ex, line, "Thời gian kết thúc «%s» trước thời gian bắt đầu "
		                  "«%s»", quote(&c->tmp, e), quote(&c->tmp, s));
		return;
	}
	t->timeframe.start = start;
	t->timeframe.end = b.end;
	t->timeframe.kind = TF_RANGE;
	t->timeframe.expected = a.expected || b.expected;
}

/* Add the task (room was checked by the caller); nothing when the arena
 * refuses (extract_document then answers PH_ENOMEM). */
static void push_task(struct extraction *ex, const struct ex_task *t)
{
	struct ex_task *slot = ARENA_PUSH(&ex->arena, ex->tasks, ex->tasks_len, ex->tasks_cap);
	if (slot)
		*slot = *t;
}

/* 1 when the document's tasks reached EXTRACT_MAX_TASKS. */
static int tasks_full(const struct extraction *ex)
{
	return ex->tasks_len >= EXTRACT_MAX_TASKS;
}

/* ---- task tables ------------------------------------------------------- */

struct table {
	int active;          /* a task table's header is known */
	size_t ncols;
	enum col *cols;      /* role of each column (tmp arena) */
	enum col *head;      /* the header row's own roles, to know it repeated */
	const struct doc_row *head_row; /* the header row (the document's) */
	int after_header;    /* the last row read was the header, or its repetition */
	int idx[COL_COUNT];  /* first column of each role, -1 when absent */
	char *outer;         /* the heading the table stands under (ex arena) */
	char *section;       /* outer, or outer and the last section row (ex arena) */
	int pending;         /* a row read but not yet made a task */
	char **cells;        /* its cells, joined with continuation rows (tmp) */
	int line;            /* its source line */
};

/* Map a row as a header. Returns 1 and fills cols (row->cells_len entries)
 * when it names a content column and at least one of lead, coordinating,
 * time, with more recognized than unrecognized cells. A role named twice
 * counts the second time as unrecognized. A start column and an end column
 * ("Bắt đầu" / "Kết thúc") are kept as such only as a pair and without a
 * time column; one alone is the time column when its name says time
 * ("Thời hạn hoàn thành"), else unrecognized, and with a time column both
 * are unrecognized. */
static int header_map(struct arena *scratch, const struct doc_row *row, enum col *cols)
{
	int seen[COL_COUNT] = {0};
	for (size_t i = 0; i < row->cells_len; i++) {
		enum col k = classify(scratch, row->cells[i]);
		if (k != COL_NONE && seen[k])
			k = COL_NONE;
		cols[i] = k;
		seen[k] = 1;
	}
	if (seen[COL_TIME] || !seen[COL_START] || !seen[COL_END])
		for (size_t i = 0; i < row->cells_len; i++) {
			if (cols[i] != COL_START && cols[i] != COL_END)
				continue;
			enum col k = seen[COL_TIME] ? COL_NONE : side_alone(scratch, row->cells[i]);
			cols[i] = k;
			seen[k] = 1;
		}
	size_t known = 0, unknown = 0;
	memset(seen, 0, sizeof seen);
	for (size_t i = 0; i < row->cells_len; i++) {
		seen[cols[i]] = 1;
		if (cols[i] != COL_NONE)
			known++;
		else if (row->cells[i][0])
			unknown++;
	}
	return seen[COL_CONTENT] && (seen[COL_LEAD] || seen[COL_COORD] || seen[COL_BOTH] ||
	                             seen[COL_TIME] || seen[COL_START]) && known > unknown;
}

/* "(1) (2) (3) ..." or "1 2 3 ...": the column-number row under a header. */
static int column_numbers(const struct doc_row *row)
{
	if (row->cells_len < 3)
		return 0;
	for (size_t i = 0; i < row->cells_len; i++) {
		char want[24], want2[24];
		snprintf(want, sizeof want, "%zu", i + 1);
		snprintf(want2, sizeof want2, "(%zu)", i + 1);
		if (strcmp(row->cells[i], want) && strcmp(row->cells[i], want2))
			return 0;
	}
	return 1;
}

static int row_empty(const struct doc_row *row)
{
	for (size_t i = 0; i < row->cells_len; i++)
		if (row->cells[i][0])
			return 0;
	return 1;
}

static const char *cell(const struct table *tb, enum col k)
{
	return tb->idx[k] >= 0 ? tb->cells[tb->idx[k]] : "";
}

/* The pending row becomes a task (or, past the cap, is counted). */
static void flush_row(struct ctx *c, struct table *tb)
{
	if (!tb->pending)
		return;
	tb->pending = 0;
	struct extraction *ex = c->ex;
	if (!extraction_room(ex, EX_TASKS, ex->tasks_len, tb->line))
		return;
	struct ex_task t;
	memset(&t, 0, sizeof t);
	t.source = "table";
	t.line = tb->line;
	t.section = tb->section;
	const char *no = cell(tb, COL_NO);
	if (*no)
		t.no = trim_end(arena_strdup(&ex->arena, no), ".");
	t.content = arena_strdup(&ex->arena, cell(tb, COL_CONTENT));
	set_lead(c, &t, cell(tb, COL_LEAD), t.line, 0);
	set_lead(c, &t, cell(tb, COL_BOTH), t.line, 1);
	add_coords(c, &t, cell(tb, COL_COORD), t.line);
	if (tb->idx[COL_START] >= 0)
		set_time_pair(c, &t, cell(tb, COL_START), cell(tb, COL_END), t.line);
	else
		set_time(c, &t, cell(tb, COL_TIME), t.line);
	const char *notes = cell(tb, COL_NOTES);
	if (*notes)
		t.notes = arena_strdup(&ex->arena, notes);
	if (!t.lead.text && (tb->idx[COL_LEAD] >= 0 || tb->idx[COL_BOTH] >= 0))
		extraction_review(ex, t.line, "Nhiệm vụ%s%s không ghi cơ quan chủ trì",
		                  t.no ? " số " : "", t.no ? t.no : "");
	push_task(ex, &t);
}

static void table_end(struct ctx *c, struct table *tb)
{
	flush_row(c, tb);
	tb->active = 0;
}

/* Take row as the header of a new task table (cols from header_map). */
static void table_start(struct ctx *c, struct table *tb, const struct doc_row *row,
                        enum col *cols, char *section)
{
	table_end(c, tb);
	tb->active = 1;
	tb->ncols = row->cells_len;
	tb->cols = tb->head = cols;
	tb->head_row = row;
	tb->after_header = 1;
	tb->outer = tb->section = section;
	for (int k = 0; k < COL_COUNT; k++)
		tb->idx[k] = -1;
	for (size_t i = 0; i < row->cells_len; i++) {
		if (cols[i] != COL_NONE && tb->idx[cols[i]] < 0)
			tb->idx[cols[i]] = (int)i;
		else if (cols[i] == COL_NONE && row->cells[i][0])
			extraction_review(c->ex, row->line, "Cột «%s» của bảng nhiệm vụ không được "
			                  "nhập", quote(&c->tmp, row->cells[i]));
	}
	if (tb->idx[COL_BOTH] >= 0 && tb->idx[COL_LEAD] < 0)
		extraction_review(c->ex, row->line, "Cột «%s» gộp chủ trì và phối hợp: cơ quan "
		                  "ghi đầu tiên được lấy làm cơ quan chủ trì",
		                  quote(&c->tmp, row->cells[tb->idx[COL_BOTH]]));
}

/* Roman numeral or a single capital letter: the number of a group row. */
static int group_number(const char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '.' || s[n - 1] == ')'))
		n--;
	if (!n)
		return 0;
	if (n == 1 && s[0] >= 'A' && s[0] <= 'Z')
		return 1;
	return vn_roman(s, n) > 0;
}

/* The heading of a section of a task table, written in one cell: "I. CÔNG
 * TÁC TUYÊN TRUYỀN", "II) ...", "IV - ...", "A. ...", "PHẦN I ...", "Phần
 * thứ hai: ...". A roman numeral or a capital letter needs a title after
 * it (a bare "II" is a number); "PHẦN" needs a roman, arabic or "thứ"
 * number after it ("Phần mềm ..." is not a heading). */
static int table_heading(struct arena *tmp, const char *s)
{
	size_t n = 0;
	while (s[n] == 'I' || s[n] == 'V' || s[n] == 'X')
		n++;
	if (!n || !vn_roman(s, n)) {
		n = 0;
		if (s[0] >= 'A' && s[0] <= 'Z')
			n = 1;
		else if (strncmp(s, "Đ", strlen("Đ")) == 0)
			n = strlen("Đ");
	}
	if (n) {
		const char *p = s + n;
		static const char *const marks[] = {". ", ") ", " - ", " – ", ": ", NULL};
		for (size_t i = 0; marks[i]; i++) {
			size_t m = strlen(marks[i]);
			if (strncmp(p, marks[i], m) == 0) {
				p += m;
				while (*p == ' ')
					p++;
				return *p != 0;
			}
		}
	}
	const char *f = fold(tmp, s);
	if (strncmp(s, "PHẦN", strlen("PHẦN")) && strncmp(s, "Phần", strlen("Phần")))
		return 0;
	f += strlen("phan");
	if (*f != ' ')
		return 0;
	while (*f == ' ')
		f++;
	if (starts_word(f, "thu"))
		return 1;
	size_t d = 0, r = 0;
	while (f[d] >= '0' && f[d] <= '9')
		d++;
	while (f[r] == 'i' || f[r] == 'v' || f[r] == 'x')
		r++;
	return (d && d <= 2 && !is_alnum(f[d])) || (r && !is_alnum(f[r]) && vn_roman(f, r));
}

/* A section row of the task table: its title (row arena), or NULL when
 * row is not one. Either one cell alone is filled (the first, the second
 * after an empty first, or the number or content cell) and holds a
 * heading (table_heading): a row merged over all columns, as Word plans
 * write it; or only the number and content cells are, the number a roman
 * numeral or a capital letter ("II | NHIỆM VỤ CHUNG | | |"): then the
 * title is "II. NHIỆM VỤ CHUNG". Trailing ":" is dropped. */
static char *section_row(struct ctx *c, const struct table *tb, const struct doc_row *row)
{
	size_t filled = 0, at = 0;
	for (size_t i = 0; i < row->cells_len; i++)
		if (row->cells[i][0]) {
			filled++;
			at = i;
		}
	int whole = row->cells_len == tb->ncols;
	if (filled == 1) {
		int place = at <= 1 || (whole && ((int)at == tb->idx[COL_CONTENT] ||
		                                  (int)at == tb->idx[COL_NO]));
		if (place && table_heading(&c->row, row->cells[at]))
			return trim_end(arena_strdup(&c->row, row->cells[at]), ":");
		return NULL;
	}
	if (filled != 2 || !whole || tb->idx[COL_NO] < 0 || tb->idx[COL_CONTENT] < 0)
		return NULL;
	const char *no = row->cells[tb->idx[COL_NO]];
	const char *content = row->cells[tb->idx[COL_CONTENT]];
	if (!*no || !*content || !group_number(no))
		return NULL;
	size_t n = strlen(no);
	while (n && (no[n - 1] == '.' || no[n - 1] == ')'))
		n--;
	return trim_end(arena_printf(&c->row, "%.*s. %s", (int)n, no, content), ":");
}

/* The tasks below a section row belong to it: the table's section is the
 * heading the table stands under and the row's title, joined by " – "
 * ("PHỤ LỤC 01 – I. CÔNG TÁC TUYÊN TRUYỀN"), or the title alone. */
static void enter_section(struct ctx *c, struct table *tb, const char *title)
{
	char *s = tb->outer ? arena_printf(&c->ex->arena, "%s – %s", tb->outer, title)
	                    : arena_strdup(&c->ex->arena, title);
	if (s)
		tb->section = s;
}

/* The second row of a two-row header typed as text: "Bắt đầu" and "Kết
 * thúc" under a "Thời gian thực hiện" cell, nothing in the other cells.
 * Each of its cells is read joined to the header cell above it (as the
 * Word reader renders a two-row header: "Thời gian thực hiện Bắt đầu"),
 * and the table takes that mapping when it is a header (header_map). The
 * same row repeated after a page break is skipped. Returns 1 when row was
 * such a row. */
static int sub_header(struct ctx *c, struct table *tb, const struct doc_row *row)
{
	if (row->cells_len != tb->ncols || !tb->head_row ||
	    tb->head_row->cells_len != tb->ncols)
		return 0;
	size_t sides = 0;
	for (size_t i = 0; i < row->cells_len; i++) {
		if (!row->cells[i][0])
			continue;
		enum col k = classify(&c->row, row->cells[i]);
		if (k != COL_START && k != COL_END)
			return 0;
		sides++;
	}
	if (!sides)
		return 0;
	struct doc_row joined = {NULL, row->cells_len, row->line};
	joined.cells = arena_alloc(&c->row, row->cells_len * sizeof *joined.cells);
	enum col *cols = arena_alloc(&c->tmp, (row->cells_len + 1) * sizeof *cols);
	if (!joined.cells || !cols)
		return 1; /* the arena refused: extract_tasks says so */
	for (size_t i = 0; i < row->cells_len; i++) {
		const char *up = tb->head_row->cells[i], *down = row->cells[i];
		joined.cells[i] = *up && *down ? arena_printf(&c->row, "%s %s", up, down)
		                               : (char *)(*up ? up : down);
		if (!joined.cells[i])
			return 1;
	}
	if (!header_map(&c->row, &joined, cols))
		return 0;
	tb->after_header = 1;
	if (memcmp(cols, tb->cols, tb->ncols * sizeof *cols) == 0)
		return 1; /* repeated after a page break, or nothing new */
	for (size_t i = 0; i < row->cells_len; i++)
		if (row->cells[i][0] && cols[i] == COL_NONE)
			extraction_review(c->ex, row->line, "Cột «%s» của bảng nhiệm vụ không được "
			                  "nhập", quote(&c->tmp, joined.cells[i]));
	tb->cols = cols;
	for (int k = 0; k < COL_COUNT; k++)
		tb->idx[k] = -1;
	for (size_t i = 0; i < row->cells_len; i++)
		if (cols[i] != COL_NONE && tb->idx[cols[i]] < 0)
			tb->idx[cols[i]] = (int)i;
	return 1;
}

/* Past the cap of tasks, a row of the current table is only counted: one
 * with content in a table of its width would have been a task (repeated
 * headers were dropped by the reader; a continuation row is not one). */
static void count_row(struct ctx *c, struct table *tb, const struct doc_row *row)
{
	flush_row(c, tb);
	if (row->cells_len != tb->ncols || tb->idx[COL_CONTENT] < 0 ||
	    !row->cells[tb->idx[COL_CONTENT]][0])
		return;
	const char *no = tb->idx[COL_NO] >= 0 ? row->cells[tb->idx[COL_NO]] : "";
	if (tb->idx[COL_NO] >= 0 && !*no)
		return;
	extraction_room(c->ex, EX_TASKS, c->ex->tasks_len, row->line);
}

/* One data row of the current task table. Its scratch memory is the row
 * arena, emptied here first. */
static void table_row(struct ctx *c, struct table *tb, const struct doc_row *row)
{
	struct extraction *ex = c->ex;
	row_reset(c);
	if (row_empty(row) || column_numbers(row))
		return;
	char *title = section_row(c, tb, row);
	if (title) {
		/* "I. CÔNG TÁC TUYÊN TRUYỀN" over all columns: not a task, nor
		 * the continuation of one */
		flush_row(c, tb);
		enter_section(c, tb, title);
		return;
	}
	if (tasks_full(ex) && !tb->pending) {
		count_row(c, tb, row);
		return;
	}
	enum col *cols = arena_alloc(&c->row, (row->cells_len + 1) * sizeof *cols);
	if (!cols)
		return;
	int after_header = tb->after_header;
	tb->after_header = 0;
	if (after_header && sub_header(c, tb, row))
		return;
	if (header_map(&c->row, row, cols)) {
		int same = row->cells_len == tb->ncols &&
		           memcmp(cols, tb->head, tb->ncols * sizeof *cols) == 0;
		tb->after_header = 1;
		if (!same) { /* a new header inside the table: a new table */
			enum col *keep = arena_alloc(&c->tmp, (row->cells_len + 1) * sizeof *keep);
			if (!keep)
				return;
			memcpy(keep, cols, (row->cells_len + 1) * sizeof *keep);
			table_start(c, tb, row, keep, tb->outer);
		}
		return;    /* a header repeated after a page break */
	}
	if (row->cells_len != tb->ncols) {
		flush_row(c, tb);
		extraction_review(ex, row->line, "Dòng bảng có %zu ô, tiêu đề có %zu cột: "
		                  "dòng này không được nhập thành nhiệm vụ",
		                  row->cells_len, tb->ncols);
		return;
	}
	const char *content = tb->idx[COL_CONTENT] >= 0 ? row->cells[tb->idx[COL_CONTENT]] : "";
	const char *no = tb->idx[COL_NO] >= 0 ? row->cells[tb->idx[COL_NO]] : "";
	/* A row with no number and no lead under a task that has a number is
	 * that task's row cut by a page break, content or not. */
	const char *lead = tb->idx[COL_LEAD] >= 0 ? row->cells[tb->idx[COL_LEAD]] : "";
	int cut = tb->pending && !*no && !*lead && tb->idx[COL_NO] >= 0 && *cell(tb, COL_NO);
	if (!*content || cut) {
		if (tb->pending && !*no) {
			for (size_t i = 0; i < row->cells_len; i++) {
				if (!row->cells[i][0])
					continue;
				const char *prev = tb->cells[i];
				size_t pl = strlen(prev);
				/* agency lists continue as list items, text as text */
				int list = tb->cols[i] == COL_COORD && pl && prev[pl - 1] != ';' &&
				           prev[pl - 1] != ',';
				char *joined = pl ? arena_printf(&c->tmp, "%s%s %s", prev, list ? ";" : "",
				                                 row->cells[i])
				                  : arena_strdup(&c->tmp, row->cells[i]);
				if (!joined) {
					tb->pending = 0; /* the arena refused: extract_tasks says so */
					return;
				}
				tb->cells[i] = joined;
			}
			const char *pno = cell(tb, COL_NO);
			if (!tasks_full(ex))
				extraction_review(ex, row->line, "Dòng bảng không có nội dung (có thể do "
				                  "ngắt trang): đã nối vào nhiệm vụ%s%s ở dòng %d",
				                  *pno ? " số " : "", pno, tb->line);
		} else {
			flush_row(c, tb);
			extraction_review(ex, row->line, "Dòng bảng%s%s không có nội dung: không "
			                  "được nhập thành nhiệm vụ", *no ? " số " : "", no);
		}
		return;
	}
	flush_row(c, tb);
	if (tasks_full(ex)) {
		extraction_room(ex, EX_TASKS, ex->tasks_len, row->line);
		return;
	}
	tb->pending = 1;
	tb->line = row->line;
	tb->cells = arena_alloc(&c->tmp, row->cells_len * sizeof *tb->cells);
	if (!tb->cells)
		tb->pending = 0; /* the arena refused: extract_tasks says so */
	for (size_t i = 0; tb->pending && i < row->cells_len; i++)
		if (!(tb->cells[i] = arena_strdup(&c->tmp, row->cells[i])))
			tb->pending = 0; /* a later copy may fit where this one did not */
}

/* Some row of b has the current table's column count. */
static int fits(const struct table *tb, const struct doc_block *b)
{
	for (size_t i = 0; i < b->rows_len; i++)
		if (b->rows[i].cells_len == tb->ncols)
			return 1;
	return 0;
}

/* A table block: a new task table when its first row is a header, the
 * continuation of the task table before it when not, else reported. */
static void table_block(struct ctx *c, struct table *tb, const struct doc_block *b,
                        char *section)
{
	if (!b->rows_len)
		return;
	const struct doc_row *first = &b->rows[0];
	enum col *cols = arena_alloc(&c->tmp, (first->cells_len + 1) * sizeof *cols);
	size_t from = 0;
	if (cols && header_map(&c->tmp, first, cols)) {
		table_start(c, tb, first, cols, section);
		from = 1;
	} else if (!(tb->active && fits(tb, b))) {
		table_end(c, tb);
		if (first->cells_len >= 3)
			extraction_review(c->ex, b->line, "Bảng không có dòng tiêu đề nhận ra được "
			                  "(STT, Nội dung, Cơ quan chủ trì, Cơ quan phối hợp, Thời "
			                  "gian thực hiện): không nhập nhiệm vụ từ bảng này");
		return;
	}
	for (size_t i = from; i < b->rows_len; i++)
		table_row(c, tb, &b->rows[i]);
}

/* ---- numbered activities ----------------------------------------------- */

/* First words of agency names, folded ("Sở", "Ủy ban", "Trung ương ..."). */
static const char *const agency_words[] = {
	"so", "ban", "bo", "uy ban", "ubnd", "ubdt", "ubmttq", "ub", "hoi", "trung uong",
	"tw", "van phong", "cong an", "ngan hang", "tinh doan", "tinh uy", "thanh doan",
	"thanh uy", "huyen doan", "huyen uy", "dang uy", "doan", "mat tran", "mttq",
	"lien doan", "lien minh", "cuc", "tong cuc", "vu", "vien", "truong", "bao", "dai",
	"bch", "bo chi huy", "chi cuc", "trung tam", "phong", "co quan", "cac", "hdnd",
	"hoi dong", "thanh tra", "kho bac", "toa an", "tap doan", "tong cong ty",
	"chinh phu", "thu tuong", "quoc hoi", "kiem toan", "hiep hoi", "quy", NULL};

/* 1 when label (text before ":") names one or more agencies. */
static int agency_label(struct ctx *c, const char *label)
{
	if (agency_is_group(label))
		return 1;
	if (c->r) {
		const char *canonical = NULL;
		struct ph_date any = {0, 0, 0};
		if (resolver_lookup(c->r, label, any, c->ex->place, &canonical) > 0)
			return 1;
	}
	return starts_any(fold(&c->tmp, label), agency_words);
}

/* What one activity says, gathered before it is known to be a task. */
struct activity {
	struct ex_task t;
	int has_time;         /* a time line was read */
	int explicit_roles;   /* "Cơ quan chủ trì:" style lines seen */
	int want_time;        /* "Thời gian thực hiện:" with the value below */
};

/* The role of the text after "X:": COL_LEAD when its first role word is
 * "chủ trì", COL_COORD when "phối hợp", COL_NONE when neither comes among
 * its first words. */
static enum col role_of(struct ctx *c, const char *value)
{
	char *f = fold(&c->tmp, value);
	const char *lead = find_word(f, "chu tri"), *coord = find_word(f, "phoi hop");
	if (lead && words_before(f, lead) >= ROLE_WORD_MAX)
		lead = NULL;
	if (coord && words_before(f, coord) >= ROLE_WORD_MAX)
		coord = NULL;
	if (lead && (!coord || lead < coord))
		return COL_LEAD;
	return coord ? COL_COORD : COL_NONE;
}

/* Position of a later "label:" segment on the same line ("Chủ trì: X;
 * Phối hợp: Y"): just after a ";", "." or "," when the text following is
 * a time or role label. NULL when there is none. */
static const char *next_segment(struct ctx *c, const char *s)
{
	for (const char *p = s; *p; p++) {
		if (!(*p == ';' || *p == '.' || *p == ',') || p[1] != ' ')
			continue;
		const char *q = p + 2, *colon = strchr(q, ':');
		if (!colon || colon - q > 40 || colon == q)
			continue;
		enum col k = classify_label(&c->tmp, arena_strndup(&c->tmp, q, (size_t)(colon - q)));
		if (k == COL_TIME || k == COL_LEAD || k == COL_COORD || k == COL_BOTH)
			return p;
	}
	return NULL;
}

/* Apply one "label: value" of kind k to the activity. */
static void labeled(struct ctx *c, struct activity *a, enum col k, const char *value,
                    int line)
{
	char *v = trim_end(arena_strdup(&c->tmp, value), ".;,");
	switch (k) {
	case COL_TIME:
		if (!*v) {
			a->want_time = !a->has_time;
		} else if (!a->has_time) {
			a->has_time = 1;
			set_time(c, &a->t, v, line);
		} else {
			extraction_review(c->ex, line, "Mục có hơn một dòng thời gian thực hiện; "
			                  "chưa ghi nhận «%s»", quote(&c->tmp, v));
		}
		break;
	case COL_LEAD:
		a->explicit_roles = 1;
		set_lead(c, &a->t, v, line, 0);
		break;
	case COL_BOTH:
		a->explicit_roles = 1;
		set_lead(c, &a->t, v, line, 1);
		break;
	case COL_COORD:
		a->explicit_roles = 1;
		add_coords(c, &a->t, v, line);
		break;
	default:
		break;
	}
}

/* One paragraph of an activity's body. */
static void body_line(struct ctx *c, struct activity *a, const struct doc_block *b)
{
	const char *s = skip_bullet(b->text);
	const char *colon = strchr(s, ':');
	char *label = colon && colon > s && colon - s <= LABEL_MAX ?
	              copy_trim(&c->tmp, s, (size_t)(colon - s)) : NULL;
	enum col k = label ? classify_label(&c->tmp, label) : COL_NONE;
	if (a->want_time) {
		/* "Thời gian thực hiện:" and the phrase on the next line */
		a->want_time = 0;
		if (k == COL_NONE) {
			labeled(c, a, COL_TIME, s, b->line);
			return;
		}
	}
	if (!label)
		return;
	if (k == COL_TIME || k == COL_LEAD || k == COL_COORD || k == COL_BOTH) {
		/* "Chủ trì: X; Phối hợp: Y; Thời gian: Z" */
		const char *v = colon + 1;
		for (;;) {
			const char *end = next_segment(c, v);
			if (!end) {
				labeled(c, a, k, v, b->line);
				break;
			}
			labeled(c, a, k, arena_strndup(&c->tmp, v, (size_t)(end - v)), b->line);
			const char *q = end + 2, *cl = strchr(q, ':');
			k = classify_label(&c->tmp, arena_strndup(&c->tmp, q, (size_t)(cl - q)));
			v = cl + 1;
		}
		return;
	}
	if (k != COL_NONE || !agency_label(c, label))
		return;
	/* "- Trung ương Hội LHPN Việt Nam: Chủ trì xây dựng kế hoạch, ..." */
	switch (role_of(c, colon + 1)) {
	case COL_LEAD:
		set_lead(c, &a->t, label, b->line, 0);
		break;
	case COL_COORD:
		add_coords(c, &a->t, label, b->line);
		break;
	default:
		extraction_review(c->ex, b->line, "Không rõ «%s» chủ trì hay phối hợp: «%s»",
		                  quote(&c->tmp, label), quote(&c->tmp, text_trim(
		                  arena_strdup(&c->tmp, colon + 1))));
		break;
	}
}

/* The activity titled by block `title` with body blocks (title, end). */
static void activity(struct ctx *c, const struct docmodel *doc, size_t title,
                     size_t end, const char *no, size_t no_len, const char *rest,
                     char *section)
{
	struct extraction *ex = c->ex;
	struct activity a;
	memset(&a, 0, sizeof a);
	/* role and time lines are read into a scratch extraction first: they
	 * count (and are reviewed) only when the item turns out to be a task */
	struct extraction *real = ex;
	struct extraction scratch;
	extraction_init_capped(&scratch, extraction_scratch_cap(ex));
	scratch.year = ex->year;
	scratch.date = ex->date;
	scratch.place = ex->place;
	c->ex = &scratch;
	for (size_t k = title + 1; k < end; k++)
		if (doc->blocks[k].kind == BLOCK_PARA)
			body_line(c, &a, &doc->blocks[k]);
	c->ex = real;
	if (arena_failed(&scratch.arena) || scratch.failed) {
		ex->failed = 1; /* extract_document answers PH_ENOMEM */
		extraction_cleanup(&scratch);
		return;
	}
	if (!a.has_time) {
		if (a.explicit_roles)
			extraction_review(ex, doc->blocks[title].line, "Mục %.*s ghi cơ quan chủ "
			                  "trì/phối hợp nhưng không ghi thời gian thực hiện: chưa "
			                  "nhập thành nhiệm vụ", (int)no_len, no);
		extraction_cleanup(&scratch);
		return;
	}
	if (!extraction_room(ex, EX_TASKS, ex->tasks_len, doc->blocks[title].line)) {
		extraction_cleanup(&scratch);
		return; /* a task past the cap: counted, not read again */
	}
	/* redo the reading against the real extraction, now that it counts */
	memset(&a, 0, sizeof a);
	for (size_t k = title + 1; k < end; k++)
		if (doc->blocks[k].kind == BLOCK_PARA)
			body_line(c, &a, &doc->blocks[k]);
	extraction_cleanup(&scratch);
	a.t.source = "activity";
	a.t.line = doc->blocks[title].line;
	a.t.section = section;
	a.t.no = arena_strndup(&ex->arena, no, no_len);
	a.t.content = trim_end(arena_strdup(&ex->arena, rest), ":");
	push_task(ex, &a.t);
}

/* ---- the extractor ------------------------------------------------------ */

/* Add the tasks of doc to ex->tasks, in document order: the rows of task
 * tables and the numbered activities that carry a time line. Agencies are
 * resolved through r (may be NULL: nothing resolves, names are proposed).
 * Timeframes are read with ex->period (or ex->year), so extract_header
 * runs first. What cannot be read whole is added to ex->review. All
 * results live in ex->arena; nothing to free. */
void extract_tasks(const struct docmodel *doc, const struct resolver *r,
                   struct extraction *ex)
{
	struct ctx c;
	memset(&c, 0, sizeof c);
	c.ex = ex;
	c.r = r;
	arena_init_capped(&c.tmp, extraction_scratch_cap(ex));
	arena_init_capped(&c.row, extraction_scratch_cap(ex));
	c.tf = ex->period;
	if (!c.tf.year)
		c.tf.year = ex->year;
	struct table tb;
	memset(&tb, 0, sizeof tb);
	char *appendix = NULL; /* the last "PHỤ LỤC ..." heading */
	char *level1 = NULL;   /* the last level-1 heading ("II. NỘI DUNG ...") */

	for (size_t i = 0; i < doc->blocks_len; i++) {
		const struct doc_block *b = &doc->blocks[i];
		if (b->kind == BLOCK_TABLE) {
			table_block(&c, &tb, b, appendix ? appendix : level1);
			continue;
		}
		if (!b->text || !*b->text)
			continue;
		char *ap = appendix_heading(&ex->arena, &c.tmp, b);
		if (ap) {
			table_end(&c, &tb);
			appendix = level1 = ap;
			continue;
		}
		if (roman_heading(b->text)) {
			table_end(&c, &tb);
			level1 = copy_trim(&ex->arena, b->text, strlen(b->text));
			continue;
		}
		const char *rest;
		size_t no_len = numbered(b->text, &rest);
		if (!no_len)
			continue;
		table_end(&c, &tb);
		/* the body runs to the next numbered item, heading or table */
		size_t end = i + 1;
		for (; end < doc->blocks_len; end++) {
			const struct doc_block *e = &doc->blocks[end];
			const char *dummy;
			if (e->kind == BLOCK_TABLE || !e->text)
				break;
			if (roman_heading(e->text) || numbered(e->text, &dummy) ||
			    appendix_heading(&c.tmp, &c.tmp, e))
				break;
		}
		activity(&c, doc, i, end, b->text, no_len, rest, level1);
		i = end - 1;
	}
	table_end(&c, &tb);
	if (arena_failed(&c.tmp) || arena_failed(&c.row))
		ex->failed = 1; /* extract_document answers PH_ENOMEM */
	arena_cleanup(&c.tmp);
	arena_cleanup(&c.row);
}

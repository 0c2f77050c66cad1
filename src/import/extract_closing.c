/* extract_closing.c: the closing part of a document: the recipients listed
 * under "Nơi nhận:" and the signature blocks. A signature block is a run of
 * upper-case lines (organization, "TM."/"KT." authority lines, position)
 * right above a person's name; blocks may stand before or after "Nơi nhận"
 * and before the appendices. Small tables (Word lays the closing out as a
 * two-column table) are read column by column. */
#include "import/extract.h"
#include "base/text.h"
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* CLOSING_ROWS: the most rows of a table read as a closing layout (Word's
 * two columns of "Nơi nhận" and the signature); a longer table is the body,
 * and reading its cells here would only make the work grow. */
enum { BLOCK_LINES = 6, NAME_WORDS_MIN = 2, NAME_WORDS_MAX = 6, CAPS_MAX = 120,
       CLOSING_ROWS = 60 };

struct item {
	const char *text;
	int line;
};

struct items {
	struct item *v;
	size_t len, cap;
};


/* Paragraphs, and the cells of tables of at most three columns and
 * CLOSING_ROWS rows read column by column, in document order. */
static void collect(const struct docmodel *doc, struct extraction *ex, struct items *it)
{
	for (size_t i = 0; i < doc->blocks_len; i++) {
		const struct doc_block *b = &doc->blocks[i];
		if (b->kind == BLOCK_PARA) {
			struct item *x = ARENA_PUSH(&ex->arena, it->v, it->len, it->cap);
			if (!x)
				return; /* the arena refused: extract_document says so */
			x->text = b->text;
			x->line = b->line;
			continue;
		}
		size_t cols = b->rows_len ? b->rows[0].cells_len : 0;
		if (cols > 3 || b->rows_len > CLOSING_ROWS)
			continue;
		for (size_t c = 0; c < cols; c++)
			for (size_t r = 0; r < b->rows_len; r++) {
				if (c >= b->rows[r].cells_len || !b->rows[r].cells[c][0])
					continue;
				struct item *x = ARENA_PUSH(&ex->arena, it->v, it->len, it->cap);
				if (!x)
					return;
				x->text = b->rows[r].cells[c];
				x->line = b->rows[r].line;
			}
	}
}

/* ---- recipients ----------------------------------------------------- */

/* Length of "Nơi nhận:" at the start of s (colon and spaces included). */
static size_t noi_nhan(const char *s)
{
	size_t n;
	if (strncmp(s, "Nơi nhận", strlen("Nơi nhận")) == 0)
		n = strlen("Nơi nhận");
	else if (strncmp(s, "NƠI NHẬN", strlen("NƠI NHẬN")) == 0)
		n = strlen("NƠI NHẬN");
	else
		return 0;
	while (s[n] == ' ')
		n++;
	if (s[n] == ':')
		n++;
	while (s[n] == ' ')
		n++;
	return n;
}

/* Length of a list marker ("- ", "+ ", "– ", "• ") at s, or 0. */
static size_t marker(const char *s)
{
	size_t n = 0;
	if (s[0] == '-' || s[0] == '+')
		n = 1;
	else if (strncmp(s, "–", strlen("–")) == 0)
		n = strlen("–");
	else if (strncmp(s, "•", strlen("•")) == 0)
		n = strlen("•");
	if (!n || (s[n] != ' ' && s[n] != 0))
		return 0;
	while (s[n] == ' ')
		n++;
	return n;
}

/* Add a recipient, up to EXTRACT_MAX_RECIPIENTS (the rest are counted). */
static void add_recipient(struct extraction *ex, const char *s, int line)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ';' || s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ' '))
		n--;
	if (!n || !extraction_room(ex, EX_RECIPIENTS, ex->recipients_len, line))
		return;
	char *copy = arena_strndup(&ex->arena, s, n);
	char **r = copy ? ARENA_PUSH(&ex->arena, ex->recipients, ex->recipients_len,
	                             ex->recipients_cap) : NULL;
	if (r)
		*r = copy;
}

static void recipients(struct extraction *ex, const struct items *it)
{
	for (size_t i = 0; i < it->len; i++) {
		size_t k = noi_nhan(it->v[i].text);
		if (!k)
			continue;
		size_t before = ex->recipients_len;
		const char *rest = it->v[i].text + k;
		size_t m = marker(rest);
		size_t left = ex->left_out[EX_RECIPIENTS];
		if (m)
			add_recipient(ex, rest + m, it->v[i].line);
		else if (*rest)
			add_recipient(ex, rest, it->v[i].line); /* "Nơi nhận: Như trên." */
		size_t j = i + 1;
		for (; j < it->len && (m = marker(it->v[j].text)) != 0; j++)
			add_recipient(ex, it->v[j].text + m, it->v[j].line);
		if (ex->recipients_len == before && ex->left_out[EX_RECIPIENTS] == left)
			extraction_review(ex, it->v[i].line, "Mục \"Nơi nhận\" không liệt kê nơi nhận nào.");
		i = j - 1;
	}
}

/* ---- signers -------------------------------------------------------- */


/* "Nguyễn Thị Thu Hiền", "Y Vinh Tor": 2-6 words, each a capital letter
 * followed by lower-case letters. */
static int person_name(const char *s)
{
	int words = 0;
	while (*s) {
		size_t k;
		UChar32 c = text_cp_at(s, &k);
		if (!k || !(u_isupper(c) || u_istitle(c)))
			return 0;
		s += k;
		while (*s && *s != ' ') {
			c = text_cp_at(s, &k);
			if (!k || !u_islower(c))
				return 0;
			s += k;
		}
		words++;
		if (*s == ' ')
			s++;
	}
	return words >= NAME_WORDS_MIN && words <= NAME_WORDS_MAX;
}

/* Length of an authority prefix ("TM.", "KT.", "TL.", "TUQ.", "T/M"). */
static size_t authority(const char *s)
{
	static const char *const pre[] = {"TM.", "T.M.", "T/M", "KT.", "K.T.", "K/T",
	                                  "TL.", "T.L.", "T/L", "TUQ."};
	for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++) {
		size_t n = strlen(pre[i]);
		if (strncmp(s, pre[i], n) == 0 && (s[n] == ' ' || (s[n] & 0x80) ||
		                                   (s[n] >= 'A' && s[n] <= 'Z')))
			return n;
	}
	return 0;
}

/* Upper-case lines that are headings of the document, not of a signature. */
static int heading_caps(const char *s)
{
	static const char *const words[] = {"KẾ HOẠCH", "CHƯƠNG TRÌNH", "BÁO CÁO", "QUYẾT ĐỊNH",
	                                    "QUY CHẾ", "PHỤ LỤC", "CỘNG HÒA", "CỘNG HOÀ", "NƠI NHẬN",
	                                    "SỐ:", "ĐẢNG CỘNG SẢN"};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strncmp(s, words[i], strlen(words[i])) == 0)
			return 1;
	size_t n = 0;
	while (s[n] == 'I' || s[n] == 'V' || s[n] == 'X' || (s[n] >= '0' && s[n] <= '9'))
		n++;
	return n > 0 && (s[n] == '.' || s[n] == ')');
}

static int sig_caps(const char *s)
{
	size_t n = strlen(s);
	return n && n <= CAPS_MAX && text_all_caps(s) && !marker(s) && s[n - 1] != ':' &&
	       !heading_caps(s);
}

/* "(Đã ký)", "(Ký tên, đóng dấu)", "[daky]": notes between position and name. */
static int sign_note(const char *s)
{
	return s[0] == '(' || s[0] == '[' || strncmp(s, "Đã ký", strlen("Đã ký")) == 0 ||
	       strncmp(s, "ĐÃ KÝ", strlen("ĐÃ KÝ")) == 0;
}

static char *join(struct extraction *ex, char *acc, const char *sep, const char *s)
{
	return acc ? arena_printf(&ex->arena, "%s%s%s", acc, sep, s) : arena_strdup(&ex->arena, s);
}

static void signer(struct extraction *ex, const struct items *it, size_t name_i)
{
	size_t lines[BLOCK_LINES];
	size_t n = 0;
	for (size_t j = name_i; j-- > 0 && n < BLOCK_LINES;) {
		const char *t = it->v[j].text;
		if (sign_note(t))
			continue;
		if (!sig_caps(t))
			break;
		lines[n++] = j;
	}
	if (!n || !extraction_room(ex, EX_SIGNERS, ex->signers_len, it->v[name_i].line))
		return;
	struct ex_signer *sg = ARENA_PUSH(&ex->arena, ex->signers, ex->signers_len, ex->signers_cap);
	if (!sg)
		return;
	sg->name = arena_strdup(&ex->arena, it->v[name_i].text);
	sg->line = it->v[name_i].line;
	/* lines[] runs upwards; read it top-down */
	long pos = -1;
	for (size_t k = 0; k < n; k++) {
		const char *t = it->v[lines[k]].text;
		if (!authority(t)) {
			pos = (long)k; /* the lowest non-authority line */
			break;
		}
	}
	if (pos >= 0)
		sg->position = arena_strdup(&ex->arena, it->v[lines[pos]].text);
	for (size_t k = n; k-- > 0;) {
		const char *t = it->v[lines[k]].text;
		if (authority(t))
			sg->authority = join(ex, sg->authority, " / ", t);
		else if ((long)k != pos)
			sg->organization = join(ex, sg->organization, " ", t);
	}
	if (!sg->name)
		return; /* the arena refused: extract_document says so */
	if (!sg->position)
		extraction_review(ex, sg->line, "Không xác định được chức vụ của người ký \"%s\".", sg->name);
}

/* Fill ex->recipients and ex->signers from doc; when the header named no
 * issuer, the signers' organizations become ex->issuers. Review items: a
 * "Nơi nhận" without entries, a signer without position, no signer. */
void extract_closing(const struct docmodel *doc, struct extraction *ex)
{
	struct items it = {0};
	collect(doc, ex, &it);
	recipients(ex, &it);
	for (size_t i = 1; i < it.len; i++)
		if (person_name(it.v[i].text))
			signer(ex, &it, i);
	if (!ex->signers_len) {
		int line = doc->blocks_len ? doc->blocks[doc->blocks_len - 1].line : 1;
		extraction_review(ex, line, "Không tìm thấy khối chữ ký (chức vụ và họ tên người ký).");
	}
	if (!ex->issuers) {
		char *iss = NULL;
		for (size_t i = 0; i < ex->signers_len; i++) {
			const char *o = ex->signers[i].organization;
			if (o && !(iss && strstr(iss, o)))
				iss = join(ex, iss, "; ", o);
		}
		ex->issuers = iss;
	}
}

/* test_import_dedup.c: how the importer knows a document it has seen:
 * document_hash is of the normalized text (the exact normalized form is
 * checked against an independent SHA-256), documents stored with the hash
 * of the first form are still recognised (read-only at preview, rewritten
 * by the next import, a copy of an earlier one marked), and document_prior
 * names the documents of the same number, symbol and date. */
#include "test.h"
#include "fixture.h"
#include "model/access.h"
#include "model/document.h"
#include "model/model.h"
#include "import/extract.h"
#include "base/err.h"
#include "base/text.h"

/* SHA-256 of s in hex, independently of document_hash. */
static void sha_hex(const char *s, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	for (size_t i = 0; i < sizeof h; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

static void hash_of(const char *s, char out[65])
{
	CHECK_INT(document_hash(s, strlen(s), out), 0, s);
}

static const struct {
	const char *in, *normalized;
} forms[] = {
	{"KẾ HOẠCH\nnăm 2024\n", "KẾ HOẠCH\nnăm 2024"},
	{"KẾ HOẠCH\nnăm 2024", "KẾ HOẠCH\nnăm 2024"},
	{"\n\n \t\nKẾ HOẠCH  \r\nnăm 2024\t\xC2\xA0\r\n\r\n\r\n", "KẾ HOẠCH\nnăm 2024"},
	{"\xEF\xBB\xBFKẾ HOẠCH\rnăm\xE2\x80\x83\xE3\x80\x80\n", "KẾ HOẠCH\nnăm"},
	{"a\n\n\n\nb\n \n\nc\n", "a\n\nb\n\nc"},
	{"  thụt đầu dòng\n\tô đầu trống\tx\t\n", "  thụt đầu dòng\n\tô đầu trống\tx"},
	{"Ho\xCC\x82\xCC\xA3i\n", "Hội"},  /* "Hội" decomposed */
	{"", ""},
	{" \n\t\n", ""},
};

static void test_normalized_form(void)
{
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		char got[65], want[65];
		hash_of(forms[i].in, got);
		sha_hex(forms[i].normalized, want);
		CHECK_STR(got, want, forms[i].normalized);
	}
	/* Differences that are content stay differences. */
	static const char *const differ[][2] = {
		{"a\n\nb", "a\nb"},               /* a gap and no gap */
		{"a\nb", "a\n b"},                /* indentation */
		{"a\tb", "a b"},                  /* a cell and a space */
		{"3*20 cán bộ", "320 cán bộ"},
		{"KẾ HOẠCH", "Kế hoạch"},
	};
	for (size_t i = 0; i < sizeof differ / sizeof differ[0]; i++) {
		char a[65], b[65];
		hash_of(differ[i][0], a);
		hash_of(differ[i][1], b);
		CHECK(strcmp(a, b) != 0, "\"%s\" and \"%s\" hash alike", differ[i][0], differ[i][1]);
	}
}

static const char plan[] =
	"ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n\nSố: 40/KH-UBND\n\nLào Cai, ngày 15 tháng 4 năm 2024\n\n"
	"KẾ HOẠCH\nThử nhận lại văn bản năm 2024\n\nI. NỘI DUNG\n\n"
	"STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n"
	"1\tRà soát\tSở Nội vụ\tSở Tư pháp\tQuý IV/2024\n\n"
	"TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn Thử\n";

/* Import text from the command line (actor NULL); *doc gets the id. */
static int import(struct db *db, const char *text, long long *doc)
{
	struct extraction ex;
	extraction_init(&ex);
	long long plan_id = 0;
	int rc = document_extract(text, strlen(text), DOC_TEXT, NULL, &ex);
	if (!rc)
		rc = document_save(db, access_system(), &ex, "t.txt", text, strlen(text), doc, &plan_id);
	extraction_cleanup(&ex);
	return rc;
}

/* What document_prior says of text. */
static struct document_prior prior_of(struct db *db, struct arena *a, const char *text)
{
	struct extraction ex;
	struct document_prior p;
	extraction_init(&ex);
	CHECK_INT(document_extract(text, strlen(text), DOC_TEXT, NULL, &ex), 0, "extract");
	CHECK_INT(document_prior(db, a, &ex, text, strlen(text), &p), 0, "prior");
	extraction_cleanup(&ex);
	return p;
}

/* Set a document's stored text and hash with plain SQL (as an older
 * version of the program left them). */
static void set_row(struct db *db, long long id, const char *text, const char *hash)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, "UPDATE documents SET original_text = ?, content_hash = ? WHERE id = ?", &st);
	if (!rc)
		rc = db_bind_text(st, 1, text) || db_bind_text(st, 2, hash) || db_bind_int(st, 3, id);
	CHECK(!rc && db_step(st) == DB_DONE, "update document %lld", id);
	db_finalize(st);
}

static void test_old_hashes(void)
{
	struct db *db = fixture_open();
	struct arena a;
	arena_init(&a);
	char buf[1024], old[65];
	long long d1 = 0, d2 = 0, again = 0;
	CHECK_INT(import(db, plan, &d1), 0, "first import");
	CHECK_STR(fixture_text(db, "SELECT original_text FROM documents WHERE id = 1", NULL, buf,
	                       sizeof buf), plan, "the text is kept as written");
	/* A second document, then both made as an older version stored them:
	 * the hash of the text as written, the second a copy of the first
	 * with a blank line more (the duplicate finding 14 describes). */
	char copy[sizeof plan + 1];
	snprintf(copy, sizeof copy, "%s\n", plan);
	char other[sizeof plan + 16];
	snprintf(other, sizeof other, "%sPhụ lục.\n", plan);
	CHECK_INT(import(db, other, &d2), 0, "second import");
	sha_hex(plan, old);
	set_row(db, d1, plan, old);
	sha_hex(copy, old);
	set_row(db, d2, copy, old);

	struct document_prior p = prior_of(db, &a, plan);
	CHECK(p.checked && p.same_text && p.same_text->id == d1, "old form found at preview");
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM documents WHERE content_hash LIKE 'norm-sha256:%'",
	                      NULL), 0, "the preview rewrote nothing");
	char variant[sizeof plan + 8];
	snprintf(variant, sizeof variant, "%s  \n\n", plan);
	CHECK_INT(import(db, variant, &again), PH_EDUPLICATE, "a variant of an old-form document");
	CHECK_INT(again, d1, "the first document is the one found");
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM documents", NULL), 2, "nothing stored");
	char h1[65], want[100];
	hash_of(plan, h1);
	snprintf(want, sizeof want, "norm-sha256:%s", h1);
	CHECK_STR(fixture_text(db, "SELECT content_hash FROM documents WHERE id = 1", NULL, buf,
	                       sizeof buf), want, "first rewritten in the new form");
	snprintf(want, sizeof want, "norm-sha256:%s#%lld", h1, d2);
	CHECK_STR(fixture_text(db, "SELECT content_hash FROM documents WHERE id = 2", NULL, buf,
	                       sizeof buf), want, "the copy marked with its id");
	/* The ids survive a second run: nothing of the old form is left. */
	CHECK_INT(import(db, plan, &again), PH_EDUPLICATE, "again");
	CHECK_INT(again, d1, "again the first");
	p = prior_of(db, &a, copy);
	CHECK(p.same_text && p.same_text->id == d1, "the copy's text names the first document");
	CHECK_INT(p.same_number_len, 1, "the copy is a document of the same number");
	CHECK(p.same_number_len && p.same_number[0].id == d2, "and it is the copy");
	arena_cleanup(&a);
	fixture_close(db);
}

static void test_same_number(void)
{
	struct db *db = fixture_open();
	struct arena a;
	arena_init(&a);
	long long d1 = 0;
	CHECK_INT(import(db, plan, &d1), 0, "import");
	char changed[sizeof plan + 32];
	snprintf(changed, sizeof changed, "%s\nGhi chú: bản sửa.\n", plan);
	struct document_prior p = prior_of(db, &a, changed);
	CHECK(!p.same_text, "a changed text is not the same text");
	CHECK_INT(p.same_number_len, 1, "same number, symbol and date");
	if (p.same_number_len) {
		CHECK_INT(p.same_number[0].id, d1, "names the document");
		CHECK(p.same_number[0].plan_id > 0, "and its plan");
		CHECK_STR(p.same_number[0].number, "40/KH-UBND", "number");
		CHECK_STR(p.same_number[0].date, "2024-04-15", "date");
		CHECK_STR(p.same_number[0].place, "Lào Cai", "place");
	}
	/* Another place with the same number and date is another body's. */
	char *elsewhere = strdup(changed);
	char *at = strstr(elsewhere, "Lào Cai, ngày");
	memcpy(at, "Lào Kai", strlen("Lào Kai"));
	p = prior_of(db, &a, elsewhere);
	CHECK_INT(p.same_number_len, 0, "another place");
	free(elsewhere);
	/* The same text is named as such, not as a document of the same number. */
	p = prior_of(db, &a, plan);
	CHECK(p.same_text && p.same_text->id == d1, "same text");
	CHECK_INT(p.same_number_len, 0, "not listed twice");
	/* Nothing to check without a database. */
	struct extraction ex;
	extraction_init(&ex);
	document_extract(plan, strlen(plan), DOC_TEXT, NULL, &ex);
	CHECK_INT(document_prior(NULL, &a, &ex, plan, strlen(plan), &p), 0, "no database");
	CHECK(!p.checked && !p.same_text && !p.same_number_len, "nothing checked");
	extraction_cleanup(&ex);
	arena_cleanup(&a);
	fixture_close(db);
}

int main(void)
{
	test_normalized_form();
	test_old_hashes();
	test_same_number();
	text_cleanup();
	TEST_END("test_import_dedup");
}

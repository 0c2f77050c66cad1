/* test_text.c: the Vietnamese text layer (text.h). Tables of inputs and
 * expected outputs for UTF-8 validation, binary detection, NFC, folding,
 * collation and trimming, plus a check that collation works from several
 * threads at once. */
#include "test.h"
#include "base/text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- UTF-8 validation --------------------------------------------------- */

static const struct utf8_row {
	const char *what;
	const char *bytes;
	size_t n;          /* 0: strlen(bytes) */
	int valid;
	size_t bad;        /* offset of the first bad sequence when !valid */
} utf8_rows[] = {
	{"empty", "", 0, 1, 0},
	{"ascii", "Ke hoach 468", 0, 1, 0},
	{"vietnamese", "Hội Liên hiệp Phụ nữ", 0, 1, 0},
	{"NUL is valid UTF-8", "a\0b", 3, 1, 0},
	{"U+D7FF", "\xED\x9F\xBF", 0, 1, 0},
	{"U+10FFFF", "\xF4\x8F\xBF\xBF", 0, 1, 0},
	{"emoji", "ok \xF0\x9F\x98\x80", 0, 1, 0},
	{"overlong C0 80", "\xC0\x80", 0, 0, 0},
	{"overlong C1 BF after text", "ab\xC1\xBF", 0, 0, 2},
	{"overlong E0 80 AF", "\xE0\x80\xAF", 0, 0, 0},
	{"overlong F0 80 80 AF", "\xF0\x80\x80\xAF", 0, 0, 0},
	{"lone continuation", "\x80", 0, 0, 0},
	{"continuation inside text", "Hà\xBFNội", 0, 0, 3},
	{"surrogate ED A0 80", "\xED\xA0\x80", 0, 0, 0},
	{"surrogate ED BF BF after text", "x\xED\xBF\xBF", 0, 0, 1},
	{"F5 lead", "\xF5\x80\x80\x80", 0, 0, 0},
	{"above U+10FFFF", "\xF4\x90\x80\x80", 0, 0, 0},
	{"FF byte", "abc\xFF", 0, 0, 3},
	{"truncated E1 80", "\xE1\x80", 0, 0, 0},
	{"truncated E1 80 then ASCII", "x\xE1\x80y", 0, 0, 1},
	{"truncated at the end after Đồng", "Đồng\xC3", 0, 0, 7},
	{"bad second byte of 2", "\xC3(", 0, 0, 0},
};

static void test_utf8(void)
{
	for (size_t i = 0; i < sizeof utf8_rows / sizeof utf8_rows[0]; i++) {
		const struct utf8_row *r = &utf8_rows[i];
		size_t n = r->n ? r->n : strlen(r->bytes);
		size_t bad = 12345;
		int v = text_utf8_valid(r->bytes, n, &bad);
		CHECK_INT(v, r->valid, r->what);
		if (!r->valid)
			CHECK_INT(bad, r->bad, r->what);
		else
			CHECK_INT(bad, 12345, r->what); /* untouched when valid */
		CHECK_INT(text_utf8_valid(r->bytes, n, NULL), r->valid, r->what);
	}
}

/* ---- binary detection ---------------------------------------------------- */

static void test_binary(void)
{
	static const struct {
		const char *what;
		const char *bytes;
		size_t n;
		int binary;
	} rows[] = {
		{"empty", "", 0, 0},
		{"plain text", "Kế hoạch\n", 0, 0},
		{"tabs CR LF FF", "a\tb\r\nc\fd\n", 0, 0},
		{"NUL byte", "abc\0def", 7, 1},
		{"escape sequence", "\x1B[0mhi", 0, 1},
		{"PK zip header", "PK\x03\x04\x14\x00\x06\x00", 8, 1},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		size_t n = rows[i].n ? rows[i].n : strlen(rows[i].bytes);
		CHECK_INT(text_looks_binary(rows[i].bytes, n), rows[i].binary, rows[i].what);
	}
	/* The 1% threshold: one control byte in 100 is text, two are not. */
	char b[100];
	memset(b, 'a', sizeof b);
	b[10] = 0x07;
	CHECK_INT(text_looks_binary(b, sizeof b), 0, "1 control byte in 100");
	b[20] = 0x7F;
	CHECK_INT(text_looks_binary(b, sizeof b), 1, "2 control bytes in 100");
	b[10] = b[20] = '\f';
	CHECK_INT(text_looks_binary(b, sizeof b), 0, "form feeds are text");
}

/* ---- NFC ----------------------------------------------------------------- */

static void test_nfc(void)
{
	static const struct {
		const char *what;
		const char *in;
		const char *want; /* NULL: refused */
	} rows[] = {
		{"Hòa with combining grave", "Ho\xCC\x80" "a", "H\xC3\xB2" "a"},
		{"already NFC", "Hòa Bình", "Hòa Bình"},
		{"ascii", "UBND tinh", "UBND tinh"},
		{"u + horn + tilde", "Phu\xCC\x9B\xCC\x83", "Phữ"},
		{"e + circumflex + acute", "Ph\xC3\xA1t tri" "e\xCC\x82\xCC\x81" "n", "Phát triến"},
		{"marks in non-canonical order", "o\xCC\xA3\xCC\x82", "ộ"},
		{"D stays D (no decomposition of Đ)", "\xC4\x90" "o\xCC\x82\xCC\x80" "ng", "Đồng"},
		{"invalid input", "ab\xC0\x80", NULL},
		{"empty", "", ""},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char *got = text_nfc(rows[i].in, strlen(rows[i].in));
		CHECK_STR(got, rows[i].want, rows[i].what);
		free(got);
	}
	char *got = text_nfc("Hòa Bình", 4); /* "Hòa" is 4 bytes */
	CHECK_STR(got, "Hòa", "only n bytes are read");
	free(got);
	CHECK(text_nfc(NULL, 0) == NULL, "NULL in gives NULL");
}

/* ---- folding ------------------------------------------------------------- */

static void test_fold(void)
{
	static const struct {
		const char *in;
		const char *want;
	} rows[] = {
		{"Phụ Nữ  Đồng", "phu nu dong"},
		/* the same, decomposed: u + dot below, u + horn + tilde, o + circumflex + grave */
		{"Phu\xCC\xA3 Nu\xCC\x9B\xCC\x83  \xC4\x90o\xCC\x82\xCC\x80ng", "phu nu dong"},
		{"Sở LĐ-TB&XH", "so ld-tb&xh"},
		{"Sở Lao động - Thương binh và Xã hội", "so lao dong - thuong binh va xa hoi"},
		{"  Hội\xC2\xA0Liên\thiệp \n Phụ nữ  ", "hoi lien hiep phu nu"},
		{"ĐOÀN THANH NIÊN", "doan thanh nien"},
		{"Ủy ban nhân dân tỉnh Lào Cai", "uy ban nhan dan tinh lao cai"},
		{"Quyết định số 1432/QĐ-UBND", "quyet dinh so 1432/qd-ubnd"},
		{"Thừa Thiên Huế", "thua thien hue"},
		{"Ăn Ân Ơn Ưu đ Đ", "an an on uu d d"},
		{"aàáảãạăằắẳẵặâầấẩẫậ", "aaaaaaaaaaaaaaaaaa"},
		{"AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", "aaaaaaaaaaaaaaaaaa"},
		{"eèéẻẽẹêềếểễệ EÈÉẺẼẸÊỀẾỂỄỆ", "eeeeeeeeeeee eeeeeeeeeeee"},
		{"iìíỉĩị IÌÍỈĨỊ yỳýỷỹỵ YỲÝỶỸỴ", "iiiiii iiiiii yyyyyy yyyyyy"},
		{"oòóỏõọôồốổỗộơờớởỡợ", "oooooooooooooooooo"},
		{"OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", "oooooooooooooooooo"},
		{"uùúủũụưừứửữự UÙÚỦŨỤƯỪỨỬỮỰ", "uuuuuuuuuuuu uuuuuuuuuuuu"},
		{"", ""},
		{" \t\n\xC2\xA0 ", ""},
		{"a\xE3\x80\x80" "b", "a b"},           /* ideographic space */
		{"soft\xC2\xAD" "hyphen", "softhyphen"}, /* soft hyphen dropped */
		{"zero\xE2\x80\x8Bwidth", "zerowidth"},  /* ZWSP dropped */
		{"\xEF\xBB\xBFKế hoạch", "ke hoach"},     /* BOM dropped */
		{"ΑΒΓ", "αβγ"},                          /* other scripts: lowercase only */
		{"(Hội LHPN) 85% trở lên;", "(hoi lhpn) 85% tro len;"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char *got = text_fold(rows[i].in);
		CHECK_STR(got, rows[i].want, rows[i].in);
		free(got);
	}
	CHECK(text_fold(NULL) == NULL, "NULL in gives NULL");

	/* Composed and decomposed input fold the same, letter by letter. */
	static const char *const pairs[][2] = {
		{"Hòa", "Ho\xCC\x80" "a"},
		{"Nguyễn", "Nguye\xCC\x82\xCC\x83n"},
		{"Thưởng", "Thu\xCC\x9B\xC6\xA1\xCC\x89" "ng" /* mixed: ư decomposed, ở half */},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		char *a = text_fold(pairs[i][0]), *b = text_fold(pairs[i][1]);
		CHECK_STR(b, a, pairs[i][0]);
		free(a);
		free(b);
	}

	/* A long string: the output buffer and the space logic hold up. */
	size_t n = 20000;
	char *big = malloc(n * 3 + 1);
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		memcpy(big + w, i % 2 ? " " : "Đ", i % 2 ? 1 : 2);
		w += i % 2 ? 1 : 2;
	}
	big[w] = 0;
	char *f = text_fold(big);
	CHECK(f && strlen(f) == n - 1 && f[0] == 'd' && f[1] == ' ', "long fold");
	free(f);
	free(big);
}

/* ---- collation ----------------------------------------------------------- */

static int cmp(const void *a, const void *b)
{
	return text_collate(*(const char *const *)a, *(const char *const *)b);
}

static void check_sorted(const char *what, const char **in, const char *const *want, size_t n)
{
	qsort(in, n, sizeof *in, cmp);
	for (size_t i = 0; i < n; i++)
		CHECK_STR(in[i], want[i], what);
}

static void test_collate(void)
{
	const char *provinces[] = {"Đà Nẵng", "Dak Lak", "An Giang", "Ăn", "Bắc Ninh", "Ân"};
	static const char *const provinces_want[] = {"An Giang", "Ăn", "Ân", "Bắc Ninh", "Dak Lak", "Đà Nẵng"};
	check_sorted("provinces", provinces, provinces_want, 6);

	const char *letters[] = {"y", "ư", "u", "ơ", "ô", "o", "ê", "e", "đ", "d", "â", "ă", "a"};
	static const char *const letters_want[] = {"a", "ă", "â", "d", "đ", "e", "ê", "o", "ô", "ơ", "u", "ư", "y"};
	check_sorted("letters", letters, letters_want, 13);

	/* Tones: Vietnamese dictionary order, a secondary difference. */
	const char *tones[] = {"bạ", "bá", "bã", "bả", "bà", "ba"};
	static const char *const tones_want[] = {"ba", "bà", "bả", "bã", "bá", "bạ"};
	check_sorted("tones", tones, tones_want, 6);

	static const struct {
		const char *a, *b;
		int want; /* sign */
	} rows[] = {
		{"bá", "bb", -1},              /* tone is weaker than the letter */
		{"Bà Rịa", "Bắc Giang", -1},   /* a < ă */
		{"Đắk Lắk", "Điện Biên", -1},  /* both Đ: ă < i */
		{"Phường 2", "Phường 10", -1}, /* numbers compare as numbers */
		{"hà nội", "Hà Nội", -1},      /* case last */
		{"Hà Nội", "Hà Nội", 0},
		{"", "a", -1},
		{NULL, "", 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		int r = text_collate(rows[i].a, rows[i].b);
		int back = text_collate(rows[i].b, rows[i].a);
		char ctx[96];
		snprintf(ctx, sizeof ctx, "collate(%s, %s)", rows[i].a ? rows[i].a : "NULL", rows[i].b);
		CHECK_INT((r > 0) - (r < 0), rows[i].want, ctx);
		CHECK_INT((back > 0) - (back < 0), -rows[i].want, ctx);
	}

	/* Strings equal to the collator still get a fixed order. */
	CHECK(text_collate("Ho\xCC\x80" "a", "H\xC3\xB2" "a") != 0, "NFD vs NFC tie broken by bytes");

	/* The collator can be released and opened again. */
	text_cleanup();
	CHECK(text_collate("a", "ă") < 0, "after text_cleanup");
}

struct sort_job {
	const char *v[6];
	int ok;
};

static void *sort_thread(void *arg)
{
	struct sort_job *j = arg;
	static const char *const want[] = {"An Giang", "Ăn", "Ân", "Bắc Ninh", "Dak Lak", "Đà Nẵng"};
	j->ok = 1;
	for (int round = 0; round < 200; round++) {
		const char *v[6] = {"Đà Nẵng", "Dak Lak", "An Giang", "Ăn", "Bắc Ninh", "Ân"};
		qsort(v, 6, sizeof v[0], cmp);
		for (int i = 0; i < 6; i++)
			if (strcmp(v[i], want[i]) != 0)
				j->ok = 0;
	}
	return NULL;
}

static void test_collate_threads(void)
{
	pthread_t t[4];
	struct sort_job jobs[4];
	for (int i = 0; i < 4; i++)
		CHECK(pthread_create(&t[i], NULL, sort_thread, &jobs[i]) == 0, "pthread_create");
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		CHECK(jobs[i].ok, "thread %d sorted in Vietnamese order", i);
	}
}

/* ---- trimming ------------------------------------------------------------ */

static void test_trim(void)
{
	static const struct {
		const char *in, *want;
	} rows[] = {
		{"  abc  ", "abc"},
		{"\xC2\xA0 Hà Nội \xC2\xA0", "Hà Nội"},
		{"\t\nKế hoạch\r\n", "Kế hoạch"},
		{"Bà", "Bà"},   /* à ends in A0 but is not NBSP */
		{"à ", "à"},
		{"a  b", "a  b"},
		{"   ", ""},
		{"", ""},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char buf[64];
		snprintf(buf, sizeof buf, "%s", rows[i].in);
		char *r = text_trim(buf);
		CHECK(r == buf, "text_trim returns its argument");
		CHECK_STR(buf, rows[i].want, rows[i].in);
	}
	CHECK(text_trim(NULL) == NULL, "NULL");
}

int main(void)
{
	test_utf8();
	test_binary();
	test_nfc();
	test_fold();
	test_collate();
	test_collate_threads();
	test_trim();
	text_cleanup();
	/* code points and capitals, shared by the header and closing extractors */
	{
		size_t k = 0;
		CHECK_INT(text_cp_at("Đ", &k), 0x110, "text_cp_at: Đ");
		CHECK_INT(k, 2, "text_cp_at: Đ is two bytes");
		CHECK_INT(text_cp_at("ế", &k), 0x1EBF, "text_cp_at: ế");
		CHECK_INT(k, 3, "text_cp_at: ế is three bytes");
		text_cp_at("", &k);
		CHECK_INT(k, 0, "text_cp_at: end of string");
		CHECK_INT(text_all_caps("KẾ HOẠCH"), 1, "all caps: KẾ HOẠCH");
		CHECK_INT(text_all_caps("TM. ỦY BAN NHÂN DÂN"), 1, "all caps with a dot");
		CHECK_INT(text_all_caps("Kế hoạch"), 0, "all caps: Kế hoạch");
		CHECK_INT(text_all_caps("PHÓ CHỦ TỊCh"), 0, "all caps: one small letter");
		CHECK_INT(text_all_caps("2024 - 25"), 0, "all caps: no letters");
	}
	{
		static const char *const up[][2] = {
			{"đảm bảo", "Đảm bảo"}, {"ấp văn hóa", "Ấp văn hóa"}, {"sơ kết", "Sơ kết"},
			{"Kế hoạch", "Kế hoạch"}, {"2024 năm", "2024 năm"}, {"", ""}, {"ư", "Ư"},
		};
		for (size_t i = 0; i < sizeof up / sizeof *up; i++) {
			char *got = text_upper_first(up[i][0]);
			CHECK_STR(got, up[i][1], "text_upper_first");
			free(got);
		}
	}
	TEST_END("test_text");
}

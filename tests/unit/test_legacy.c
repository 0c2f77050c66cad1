/* test_legacy.c: Vietnamese typed in TCVN3 and VNI (src/import/legacy.h).
 *
 * The legacy inputs are made here from real Vietnamese: TCVN3 by encoding
 * with glibc iconv ("TCVN5712-1") and reading the bytes as CP1252/Latin-1
 * shows them, VNI by an encoder written from the marks (the NFD of each
 * letter: base, circumflex/breve/horn, tone), not from the converter's
 * table. Checked: round trips of sentences and of every vowel with every
 * tone in both cases; every byte 0x00..0xFF against iconv; the 0xAD ("ư",
 * soft hyphen) trap; the capitals fonts; pass-through of what is no part
 * of the code; invalid UTF-8 refused; NUL kept; detection of legacy text
 * and refusal of Unicode Vietnamese (the samples in ../shared/samples),
 * English, French, German, Spanish and short text; font names; two
 * threads converting at once. */
#include "test.h"
#include "base/err.h"
#include "base/text.h"
#include "import/legacy.h"
#include "samples.h"

#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

/* ---- small helpers -------------------------------------------------------- */

struct sbuf {
	char *p;
	size_t n, cap;
};

static void sb_put(struct sbuf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = (b->n + n + 1) * 2;
		char *p = realloc(b->p, cap);
		if (!p) {
			fprintf(stderr, "out of memory\n");
			exit(2);
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}

static void sb_cp(struct sbuf *b, uint32_t c)
{
	char u[4];
	int32_t k = 0;
	UBool err = 0;
	U8_APPEND((uint8_t *)u, k, 4, (UChar32)c, err);
	if (!err)
		sb_put(b, u, (size_t)k);
}

/* The code point CP1252 gives byte b (Latin-1 where CP1252 has none). */
static uint32_t cp1252(unsigned char b)
{
	static const uint16_t high[32] = {
		0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
		0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
		0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
		0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
	};
	return b >= 0x80 && b < 0xA0 ? high[b - 0x80] : b;
}

static uint32_t cp_at(const char *s, size_t n, size_t *i)
{
	UChar32 c;
	int32_t k = (int32_t)*i;
	U8_NEXT((const uint8_t *)s, k, (int32_t)n, c);
	*i = (size_t)k;
	return (uint32_t)c;
}

static char *nfc(const char *s)
{
	char *r = text_nfc(s, strlen(s));
	if (!r)
		exit(2);
	return r;
}

static char *upper_vi(const char *s)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar u[4096], v[4096];
	int32_t ul = 0;
	u_strFromUTF8(u, 4096, &ul, s, -1, &err);
	int32_t vl = u_strToUpper(v, 4096, u, ul, "vi", &err);
	char *out = malloc(16384);
	if (!out)
		exit(2);
	u_strToUTF8(out, 16384, NULL, v, vl, &err);
	if (U_FAILURE(err))
		exit(2);
	char *r = nfc(out);
	free(out);
	return r;
}

static char *convert(enum legacy_enc enc, const char *s, size_t n, int *rc)
{
	char *out = (char *)"unset";
	size_t len = 99;
	*rc = legacy_to_unicode(enc, s, n, &out, &len);
	if (*rc == 0 && !memchr(s, 0, n))
		CHECK(out && strlen(out) == len, "length %zu of %s", len, s);
	return *rc == 0 ? out : NULL;
}

/* ---- test-side encoders ----------------------------------------------------- */

static int vn3_assigned(int b)
{
	return (b >= 0xA0 && b <= 0xAE) || (b >= 0xB5 && b <= 0xB9) ||
	       (b >= 0xBB && b <= 0xBE) || (b >= 0xC6 && b <= 0xCC) ||
	       (b >= 0xCE && b <= 0xD8) || (b >= 0xDC && b <= 0xDF) ||
	       (b >= 0xE1 && b <= 0xEF) || (b >= 0xF1 && b <= 0xFE);
}

/* Encode code point c to TCVN3 with iconv; the byte, or -1. */
static int tcvn_byte(iconv_t cd, uint32_t c)
{
	char in[4], out[8];
	int32_t k = 0;
	UBool err = 0;
	U8_APPEND((uint8_t *)in, k, 4, (UChar32)c, err);
	if (err)
		return -1;
	char *ip = in, *op = out;
	size_t il = (size_t)k, ol = sizeof out;
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il)
		return -1;
	iconv(cd, NULL, NULL, &op, &ol);
	return op - out == 1 ? (unsigned char)out[0] : -1;
}

/* s (NFC UTF-8) typed in TCVN3 and read as CP1252: what Word hands over.
 * Characters TCVN3 cannot encode stay as they are. A capital with a tone
 * mark (not in VN3) is written as its lower-case code, as a capitals font
 * would draw it; *capitals counts them. */
static char *to_tcvn3(const char *s, int *capitals)
{
	iconv_t cd = iconv_open("TCVN5712-1", "UTF-8");
	if (cd == (iconv_t)-1) {
		fprintf(stderr, "iconv TCVN5712-1 missing\n");
		exit(2);
	}
	struct sbuf b = {0};
	sb_put(&b, "", 0);
	size_t n = strlen(s), i = 0;
	if (capitals)
		*capitals = 0;
	while (i < n) {
		size_t at = i;
		uint32_t c = cp_at(s, n, &i);
		if (c < 0x80) {
			sb_cp(&b, c);
			continue;
		}
		int byte = tcvn_byte(cd, c);
		if (byte >= 0 && !vn3_assigned(byte)) {
			byte = tcvn_byte(cd, (uint32_t)u_tolower((UChar32)c));
			if (capitals)
				(*capitals)++;
		}
		if (byte >= 0 && vn3_assigned(byte))
			sb_cp(&b, cp1252((unsigned char)byte));
		else
			sb_put(&b, s + at, i - at);
	}
	iconv_close(cd);
	return b.p;
}

/* s (NFC UTF-8) typed in VNI-Windows and read as CP1252, from the marks of
 * each letter: í ì æ ó ò for i, î for ỵ, ô/ö for ơ/ư, ñ for đ, and one
 * byte after the base for the other marks. Capitals: bytes minus 0x20. */
static char *to_vni(const char *s)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
	struct sbuf b = {0};
	sb_put(&b, "", 0);
	size_t n = strlen(s), i = 0;
	while (i < n) {
		size_t at = i;
		uint32_t c = cp_at(s, n, &i);
		int up = u_isupper((UChar32)c);
		uint32_t l = (uint32_t)u_tolower((UChar32)c);
		int shift = up ? 0x20 : 0;
		if (l == 0x111) {   /* đ */
			sb_cp(&b, 0xF1 - shift);
			continue;
		}
		UChar d[8];
		err = U_ZERO_ERROR;
		int32_t dn = unorm2_getDecomposition(nfd, (UChar32)l, d, 8, &err);
		if (dn <= 0 || U_FAILURE(err) || !strchr("aeiouy", d[0]) || d[0] > 0x7F) {
			sb_put(&b, s + at, i - at);
			continue;
		}
		int base = d[0], shape = 0, tone = 0;  /* shape: ^ ( + */
		for (int32_t k = 1; k < dn; k++) {
			switch (d[k]) {
			case 0x0302: shape = '^'; break;
			case 0x0306: shape = '('; break;
			case 0x031B: shape = '+'; break;
			case 0x0301: tone = 1; break;
			case 0x0300: tone = 2; break;
			case 0x0309: tone = 3; break;
			case 0x0303: tone = 4; break;
			case 0x0323: tone = 5; break;
			}
		}
		static const unsigned char tones[6] = {0, 0xF9, 0xF8, 0xFB, 0xF5, 0xEF};
		static const unsigned char circ[6] = {0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4};
		static const unsigned char breve[6] = {0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB};
		static const unsigned char itone[6] = {'i', 0xED, 0xEC, 0xE6, 0xF3, 0xF2};
		if (base == 'i') {
			sb_cp(&b, itone[tone] - (tone ? shift : 0x20 * up));
			continue;
		}
		if (base == 'y' && tone == 5) {
			sb_cp(&b, 0xEE - shift);
			continue;
		}
		if (shape == '+')   /* ơ ư are single bytes */
			sb_cp(&b, (base == 'o' ? 0xF4u : 0xF6u) - (unsigned)shift);
		else
			sb_cp(&b, up ? (uint32_t)(base - 0x20) : (uint32_t)base);
		unsigned char mark = shape == '^' ? circ[tone] : shape == '(' ? breve[tone] : tones[tone];
		if (mark)
			sb_cp(&b, mark - (unsigned)shift);
	}
	return b.p;
}

/* ---- the texts ------------------------------------------------------------ */

/* Real sentences: every vowel with every tone, đ, ư, ơ, capitals. */
static const char *const sentences[] = {
	"Cộng hòa xã hội chủ nghĩa Việt Nam",
	"Độc lập - Tự do - Hạnh phúc",
	"Ủy ban nhân dân tỉnh Lào Cai",
	"Hội Liên hiệp Phụ nữ Việt Nam",
	"Kế hoạch phối hợp thực hiện chương trình mục tiêu quốc gia giai đoạn 2021-2025",
	"Người đứng đầu cơ quan, đơn vị chịu trách nhiệm trước Chủ tịch về kết quả",
	"Những ước mơ nhỏ bé của chúng tôi được thỏa mãn; sự thật ở đời vẫn vậy",
	"Tuyên truyền, vận động hội viên, phụ nữ tham gia bảo vệ môi trường",
	"Nâng cao chất lượng, hiệu quả hoạt động; kiểm tra, giám sát thường xuyên",
	"Thủ tướng Chính phủ quyết định phê duyệt đề án; Bộ trưởng hướng dẫn",
	"Mỹ Tho, Quảng Ngãi, Đắk Lắk, Thừa Thiên Huế, Bà Rịa - Vũng Tàu",
	"Ông ấy ở Ưu Đàm, ăn ổi, uống nước ướp đá, ưa ẩm ướt, ẵm em, ẹo ẽo",
	"Lửa thử vàng, gian nan thử sức; ỷ lại, ỹ, ỵ, ỳ, ý kiến",
};

/* Every vowel with every tone. */
static const char vowels[] =
	"a á à ả ã ạ ă ắ ằ ẳ ẵ ặ â ấ ầ ẩ ẫ ậ e é è ẻ ẽ ẹ ê ế ề ể ễ ệ "
	"i í ì ỉ ĩ ị o ó ò ỏ õ ọ ô ố ồ ổ ỗ ộ ơ ớ ờ ở ỡ ợ "
	"u ú ù ủ ũ ụ ư ứ ừ ử ữ ự y ý ỳ ỷ ỹ ỵ đ";

/* European text that must be left alone. */
static const char *const european[] = {
	"Où est le café ? Le naïf aéroport de Noël, où l’on goûte « la crème brûlée » "
	"et le maïs. Il était une fois, à Besançon, un garçon très créatif qui aimait "
	"les châteaux et l’été ; où qu’il aille, il goûtait le pâté et le thé. Raphaël "
	"et Zoé préfèrent la forêt, où l’air est pur, à l’hôtel près de la gare.",
	"Die Größe der Straße überraschte uns. Müller und Schäfer gingen über die Brücke "
	"nach Köln; dort aßen sie Würstchen und tranken Bier. Schöne Grüße aus Düsseldorf, "
	"wo die Bäume blühen und die Vögel singen. Das Gebäude gehört der Universität.",
	"El niño comió una manzana en España. Aún no sé si mañana iré al baúl de Raúl; "
	"el año pasado, la señora Muñoz visitó Perú y habló con el pequeño Íñigo.",
	"The quick brown fox jumps over the lazy dog. This plan describes the tasks of "
	"each agency, the deadlines and the reports that are due every quarter.",
	"Brand® and Product™ © 2024; see § 5 and ¶ 3, 10 µm × 3, ½ cup, ¿qué? ¡sí!",
};

/* ---- tests ---------------------------------------------------------------- */

static void test_round_trips(void)
{
	for (size_t k = 0; k < sizeof sentences / sizeof sentences[0]; k++) {
		char *want = nfc(sentences[k]);
		int caps = 0, rc;
		char *tc = to_tcvn3(want, &caps);
		char *got = convert(LEGACY_TCVN3, tc, strlen(tc), &rc);
		if (caps == 0) {
			CHECK_INT(rc, 0, sentences[k]);
			CHECK_STR(got, want, sentences[k]);
		}
		free(got);
		free(tc);

		/* VNI has every capital: the sentence as it is. */
		char *vn = to_vni(want);
		got = convert(LEGACY_VNI, vn, strlen(vn), &rc);
		CHECK_INT(rc, 0, vn);
		CHECK_STR(got, want, vn);
		free(got);

		/* All capitals: VNI capitals; TCVN3 in a capitals font. */
		char *up = upper_vi(want);
		char *vu = to_vni(up);
		got = convert(LEGACY_VNI, vu, strlen(vu), &rc);
		CHECK_STR(got, up, vu);
		free(got);
		char *tu = to_tcvn3(up, NULL);
		got = convert(LEGACY_TCVN3_CAPS, tu, strlen(tu), &rc);
		CHECK_STR(got, up, tu);
		free(got);
		free(tu);
		free(vu);
		free(up);
		free(vn);
		free(want);
	}

	/* The sentences whose capitals have no tone marks (VN3 has them). */
	int plain = 0;
	for (size_t k = 0; k < sizeof sentences / sizeof sentences[0]; k++) {
		int caps = 0;
		char *w = nfc(sentences[k]);
		free(to_tcvn3(w, &caps));
		free(w);
		plain += caps == 0;
	}
	CHECK(plain >= 10, "%d sentences round-trip through plain TCVN3", plain);

	/* Every vowel with every tone, lower case and capitals. */
	char *v = nfc(vowels);
	int caps = 0, rc;
	char *tc = to_tcvn3(v, &caps);
	CHECK_INT(caps, 0, "lower-case vowels are all VN3 codes");
	char *got = convert(LEGACY_TCVN3, tc, strlen(tc), &rc);
	CHECK_STR(got, v, "TCVN3 vowels");
	free(got);
	got = convert(LEGACY_TCVN3_CAPS, tc, strlen(tc), &rc);
	char *up = upper_vi(v);
	CHECK_STR(got, up, "TCVN3 capitals font vowels");
	free(got);
	char *vn = to_vni(v);
	got = convert(LEGACY_VNI, vn, strlen(vn), &rc);
	CHECK_STR(got, v, "VNI vowels");
	free(got);
	free(vn);
	vn = to_vni(up);
	got = convert(LEGACY_VNI, vn, strlen(vn), &rc);
	CHECK_STR(got, up, "VNI capital vowels");
	free(got);
	free(vn);
	free(up);
	free(tc);
	free(v);
}

static void test_known_forms(void)
{
	static const struct {
		enum legacy_enc enc;
		const char *in, *want;
	} rows[] = {
		{LEGACY_TCVN3, "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"},
		{LEGACY_TCVN3, "§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"},
		{LEGACY_TCVN3, "Uû ban nh©n d©n", "Uỷ ban nhân dân"},
		/* The trap: 0xAD is "ư", CP1252 shows a soft hyphen. */
		{LEGACY_TCVN3, "ng\u00ADêi d\u00ADíi s\u00ADëng", "người dưới sưởng"},
		{LEGACY_TCVN3_CAPS, "uû ban nh©n d©n", "UỶ BAN NHÂN DÂN"},
		{LEGACY_TCVN3_CAPS, "kÕ ho¹ch", "KẾ HOẠCH"},
		{LEGACY_VNI, "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"},
		{LEGACY_VNI, "Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"},
		{LEGACY_VNI, "UÛy ban nhaân daân", "Ủy ban nhân dân"},
		{LEGACY_VNI, "ÑAÛNG COÄNG SAÛN VIEÄT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"},
		{LEGACY_VNI, "ngöôøi ñöùng ñaàu", "người đứng đầu"},
		/* The case of the base letter wins over the mark's. */
		{LEGACY_VNI, "Uûy", "Ủy"},
		{LEGACY_VNI, "oÄ", "ộ"},
	};
	for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
		int rc;
		char *got = convert(rows[k].enc, rows[k].in, strlen(rows[k].in), &rc);
		CHECK_INT(rc, 0, rows[k].in);
		CHECK_STR(got, rows[k].want, rows[k].in);
		CHECK(!got || !strstr(got, "\u00AD"), "no soft hyphen left in %s", rows[k].in);
		free(got);
	}
}

/* Every byte 0x00..0xFF, as CP1252 and as Latin-1 show it, against iconv:
 * the VN3 codes decode as iconv says (one letter; lower case except the 7
 * capitals), every other byte passes through unchanged. */
static void test_every_byte(void)
{
	iconv_t cd = iconv_open("UTF-8", "TCVN5712-1");
	CHECK(cd != (iconv_t)-1, "iconv has TCVN5712-1");
	if (cd == (iconv_t)-1)
		return;
	int vn3 = 0;
	for (int b = 0; b < 256; b++) {
		char in[1] = {(char)b}, exp[16];
		char *ip = in, *op = exp;
		size_t il = 1, ol = sizeof exp;
		iconv(cd, NULL, NULL, NULL, NULL);
		size_t r = iconv(cd, &ip, &il, &op, &ol);
		iconv(cd, NULL, NULL, &op, &ol);
		CHECK(r != (size_t)-1 && il == 0, "iconv decodes byte %02X", b);
		*op = 0;

		for (int view = 0; view < 2; view++) {
			uint32_t c = view ? (uint32_t)b : cp1252((unsigned char)b);
			if (view && c == cp1252((unsigned char)b))
				continue;
			struct sbuf s = {0};
			sb_put(&s, "", 0);
			sb_cp(&s, c);
			int rc;
			char *got = convert(LEGACY_TCVN3, s.p, s.n, &rc);
			char ctx[64];
			snprintf(ctx, sizeof ctx, "byte %02X as U+%04X", b, (unsigned)c);
			CHECK_INT(rc, 0, ctx);
			if (vn3_assigned(b)) {
				CHECK_STR(got, exp, ctx);
				size_t gi = 0;
				uint32_t g = got ? cp_at(got, strlen(got), &gi) : 0;
				int want_upper = b >= 0xA1 && b <= 0xA7;
				if (b != 0xA0)
					CHECK(want_upper ? u_isupper((UChar32)g) : u_islower((UChar32)g),
					      "%s: a %s letter", ctx, want_upper ? "capital" : "lower-case");
				vn3 += view == 0;
			} else {
				CHECK_STR(got, s.p, ctx);   /* passes through */
			}
			free(got);
			free(s.p);
		}
	}
	CHECK_INT(vn3, 75, "VN3 codes in 0xA0..0xFF");
	iconv_close(cd);
}

static void test_pass_through(void)
{
	/* Letters of Unicode, CP1252 punctuation, other scripts, emoji,
	 * controls: none is a TCVN3 or VNI code. */
	const char *s = "Kế hoạch “số 1” – ‘a’ … € ™ • 中文 😀\t\r\n";
	for (int e = LEGACY_TCVN3; e <= LEGACY_VNI; e++) {
		int rc;
		char *got = convert((enum legacy_enc)e, s, strlen(s), &rc);
		CHECK_INT(rc, 0, legacy_name((enum legacy_enc)e));
		char *want = e == LEGACY_TCVN3_CAPS ? upper_vi(s) : nfc(s);
		CHECK_STR(got, want, legacy_name((enum legacy_enc)e));
		free(want);
		free(got);
	}
	/* VNI: a mark byte with no base, Latin-1 letters that are no VNI code,
	 * and a base followed by a mark it does not take stay. */
	int rc;
	const char *v = "ù ß ç iù uâ";
	char *got = convert(LEGACY_VNI, v, strlen(v), &rc);
	CHECK_STR(got, v, "VNI pass-through");
	free(got);

	/* Decomposed input comes out NFC. */
	const char *d = "Vie\u0302\u0323t";
	got = convert(LEGACY_VNI, d, strlen(d), &rc);
	CHECK_STR(got, "Việt", "NFC output");
	free(got);

	/* A NUL inside the text is kept, and counted. */
	char *out = NULL;
	size_t len = 0;
	CHECK_INT(legacy_to_unicode(LEGACY_TCVN3, "a\0\xC2\xB5", 4, &out, &len), 0, "NUL");
	CHECK(len == 4 && out && !memcmp(out, "a\0\xC3\xA0", 5), "NUL kept, len %zu", len);
	free(out);

	/* Empty input. */
	out = NULL;
	CHECK_INT(legacy_to_unicode(LEGACY_VNI, "", 0, &out, &len), 0, "empty");
	CHECK(out && !*out && len == 0, "empty output");
	free(out);
}

static void test_refusals(void)
{
	static const struct {
		const char *bytes;
		size_t n;
	} bad[] = {
		{"\xFF", 1}, {"ab\xC3", 3}, {"\xC0\x80", 2}, {"nh\xA9n", 4}, {"\xED\xA0\x80", 3},
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		for (int e = LEGACY_TCVN3; e <= LEGACY_VNI; e++) {
			char *out = (char *)"x";
			size_t len = 7;
			CHECK_INT(legacy_to_unicode((enum legacy_enc)e, bad[k].bytes, bad[k].n, &out, &len),
			          PH_EINVAL, "invalid UTF-8");
			CHECK(out == NULL && len == 0, "nothing returned on refusal");
		}
		CHECK_INT(legacy_detect_text(bad[k].bytes, bad[k].n), LEGACY_NONE, "detect invalid");
		char *out = (char *)"x";
		size_t len = 7;
		enum legacy_enc found = LEGACY_VNI;
		CHECK_INT(legacy_fix_text(bad[k].bytes, bad[k].n, &out, &len, &found), PH_EINVAL,
		          "fix invalid");
		CHECK(out == NULL && found == LEGACY_NONE, "fix: nothing on refusal");
	}
	char *out = NULL;
	size_t len = 0;
	CHECK_INT(legacy_to_unicode(LEGACY_NONE, "abc", 3, &out, &len), PH_EINVAL, "LEGACY_NONE");
	CHECK_INT(legacy_to_unicode((enum legacy_enc)42, "abc", 3, &out, &len), PH_EINVAL, "bad enc");
	CHECK_INT(legacy_to_unicode(LEGACY_VNI, "abc", 3, NULL, &len), PH_EINVAL, "NULL out");
}

static void test_fonts(void)
{
	static const struct {
		const char *name;
		enum legacy_enc want;
	} rows[] = {
		{".VnTime", LEGACY_TCVN3},
		{".VnTimeH", LEGACY_TCVN3_CAPS},
		{".VnArial", LEGACY_TCVN3},
		{".VnArialH", LEGACY_TCVN3_CAPS},
		{".VnArial Narrow", LEGACY_TCVN3},
		{".VnArial NarrowH", LEGACY_TCVN3_CAPS},
		{".VnCentury Schoolbook", LEGACY_TCVN3},
		{".VnArabia", LEGACY_TCVN3},
		{".VnShelley", LEGACY_TCVN3},
		{".VnBlackH", LEGACY_TCVN3_CAPS},
		{".vntime", LEGACY_TCVN3},
		{".vntimeh", LEGACY_TCVN3_CAPS},
		{".VNTIMEH", LEGACY_TCVN3_CAPS},
		{"ABCDEF+.VnTime", LEGACY_TCVN3},
		{"ABCDEF+.VnTimeH", LEGACY_TCVN3_CAPS},
		{"QWERTY+.VnTimeH,Bold", LEGACY_TCVN3_CAPS},
		{".VnTime,BoldItalic", LEGACY_TCVN3},
		{".VnTimeH-Bold", LEGACY_TCVN3_CAPS},
		{"VnTimeH", LEGACY_TCVN3_CAPS},
		{"VnArial", LEGACY_TCVN3},
		{"VNI-Times", LEGACY_VNI},
		{"VNI-Helve", LEGACY_VNI},
		{"VNI Times", LEGACY_VNI},
		{"Vni-Times", LEGACY_VNI},
		{"vni-helve-condense", LEGACY_VNI},
		{"ABCDEF+VNI-Times,Bold", LEGACY_VNI},
		{"VNI#20Times", LEGACY_VNI},
		{"Times New Roman", LEGACY_NONE},
		{"Arial", LEGACY_NONE},
		{"ABCDEF+TimesNewRomanPSMT", LEGACY_NONE},
		{"VnExpress Sans", LEGACY_NONE},
		{"VNI", LEGACY_NONE},
		{"VNIx", LEGACY_NONE},
		{".Vn", LEGACY_NONE},
		{"ABCDE+.VnTime", LEGACY_NONE},
		{"Helvetica", LEGACY_NONE},
		{"", LEGACY_NONE},
		{NULL, LEGACY_NONE},
	};
	for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++)
		CHECK_INT(legacy_font_encoding(rows[k].name), rows[k].want,
		          rows[k].name ? rows[k].name : "(null)");
	CHECK_STR(legacy_name(LEGACY_TCVN3), "TCVN3", "name");
	CHECK_STR(legacy_name(LEGACY_TCVN3_CAPS), "TCVN3", "name caps");
	CHECK_STR(legacy_name(LEGACY_VNI), "VNI", "name VNI");
	CHECK_STR(legacy_name(LEGACY_NONE), "", "name none");
}

/* A paragraph made of all sentences. */
static char *paragraph(void)
{
	struct sbuf b = {0};
	sb_put(&b, "", 0);
	for (size_t k = 0; k < sizeof sentences / sizeof sentences[0]; k++) {
		sb_put(&b, sentences[k], strlen(sentences[k]));
		sb_put(&b, ".\n", 2);
	}
	char *r = nfc(b.p);
	free(b.p);
	return r;
}

static void test_detect(void)
{
	char *para = paragraph();
	CHECK_INT(legacy_detect_text(para, strlen(para)), LEGACY_NONE, "Unicode Vietnamese");

	char *tc = to_tcvn3(para, NULL);
	CHECK_INT(legacy_detect_text(tc, strlen(tc)), LEGACY_TCVN3, "TCVN3 paragraph");
	char *vn = to_vni(para);
	CHECK_INT(legacy_detect_text(vn, strlen(vn)), LEGACY_VNI, "VNI paragraph");

	/* legacy_fix_text converts it whole. */
	char *out = NULL;
	size_t len = 0;
	enum legacy_enc found = LEGACY_NONE;
	CHECK_INT(legacy_fix_text(vn, strlen(vn), &out, &len, &found), 0, "fix VNI");
	CHECK_INT(found, LEGACY_VNI, "fix VNI found");
	CHECK_STR(out, para, "fix VNI text");
	free(out);
	CHECK_INT(legacy_fix_text(para, strlen(para), &out, &len, &found), 0, "fix Unicode");
	CHECK(found == LEGACY_NONE && out == NULL && len == 0, "Unicode left alone");

	/* Short legacy text is not enough to be sure. */
	const char *shorts[] = {"Uû ban nh©n d©n tØnh", "Coäng hoøa xaõ hoäi", "nh©n", "aù"};
	for (size_t k = 0; k < sizeof shorts / sizeof shorts[0]; k++)
		CHECK_INT(legacy_detect_text(shorts[k], strlen(shorts[k])), LEGACY_NONE, shorts[k]);

	/* European text, alone and twice over. */
	for (size_t k = 0; k < sizeof european / sizeof european[0]; k++) {
		CHECK_INT(legacy_detect_text(european[k], strlen(european[k])), LEGACY_NONE, european[k]);
		struct sbuf b = {0};
		for (int r = 0; r < 4; r++)
			sb_put(&b, european[k], strlen(european[k]));
		CHECK_INT(legacy_detect_text(b.p, b.n), LEGACY_NONE, "repeated European text");
		free(b.p);
	}
	CHECK_INT(legacy_detect_text("", 0), LEGACY_NONE, "empty");
	CHECK_INT(legacy_detect_text(NULL, 0), LEGACY_NONE, "NULL");

	/* Unicode Vietnamese with a legacy quotation stays Unicode. */
	struct sbuf mix = {0};
	sb_put(&mix, para, strlen(para));
	sb_put(&mix, "Uû ban nh©n d©n", strlen("Uû ban nh©n d©n"));
	CHECK_INT(legacy_detect_text(mix.p, mix.n), LEGACY_NONE, "mostly Unicode");
	free(mix.p);

	/* Deterministic: the same answer again. */
	CHECK_INT(legacy_detect_text(tc, strlen(tc)), LEGACY_TCVN3, "again");
	free(vn);
	free(tc);
	free(para);
}

static void test_samples(void)
{
	static const char *const paths[] = {
		"../shared/samples/laocai-2022-hlhpn-action-program.txt",
		"../shared/samples/laocai-2024-ubnd-hlhpn-coordination-plan.txt",
		"../shared/samples/ubdt-hlhpnvn-2024-coordination-plan.txt",
	};
	for (size_t k = 0; k < sizeof paths / sizeof paths[0]; k++) {
		size_t n = 0;
		char *text = sample_load(paths[k], &n);
		if (!text) {
			printf("SKIP: ../shared/samples not found (%s)\n", paths[k]);
			continue;
		}
		CHECK_INT(legacy_detect_text(text, n), LEGACY_NONE, paths[k]);
		char *out = (char *)"x";
		size_t len = 0;
		enum legacy_enc found = LEGACY_VNI;
		CHECK_INT(legacy_fix_text(text, n, &out, &len, &found), 0, paths[k]);
		CHECK(found == LEGACY_NONE && out == NULL, "%s left alone", paths[k]);

		/* The same plan typed in TCVN3 (capitals with tone marks in a
		 * capitals font) and in VNI is found, and converts back. */
		int caps = 0, rc;
		char *tc = to_tcvn3(text, &caps);
		CHECK_INT(legacy_detect_text(tc, strlen(tc)), LEGACY_TCVN3, paths[k]);
		char *vn = to_vni(text);
		CHECK_INT(legacy_detect_text(vn, strlen(vn)), LEGACY_VNI, paths[k]);
		char *back = convert(LEGACY_VNI, vn, strlen(vn), &rc);
		CHECK_STR(back, text, paths[k]);
		free(back);
		CHECK_INT(legacy_fix_text(tc, strlen(tc), &out, &len, &found), 0, paths[k]);
		CHECK_INT(found, LEGACY_TCVN3, paths[k]);
		/* Back to the plan, but for the capitals typed as lower-case codes. */
		CHECK(out && len > n / 2 && text_utf8_valid(out, len, NULL), "converted %s", paths[k]);
		CHECK(out && strstr(out, "thực hiện") && strstr(out, "phụ nữ") && !strstr(out, "\u00AD"),
		      "%s reads as Vietnamese again", paths[k]);
		free(out);
		free(vn);
		free(tc);
		free(text);
	}
}

/* ---- threads ------------------------------------------------------------- */

struct job {
	const char *in;
	enum legacy_enc enc;
	const char *want;
	int bad;
};

static void *run_job(void *p)
{
	struct job *j = p;
	for (int r = 0; r < 200; r++) {
		char *out = NULL;
		size_t len = 0;
		if (legacy_to_unicode(j->enc, j->in, strlen(j->in), &out, &len) != 0 ||
		    strcmp(out, j->want) != 0)
			j->bad++;
		free(out);
		if (legacy_detect_text(j->in, strlen(j->in)) != LEGACY_NONE)
			j->bad++;
	}
	return NULL;
}

static void test_threads(void)
{
	/* Run in a fresh process state as far as this file goes: the TCVN3
	 * table is first built by one of these threads if no test before. */
	struct job a = {"Céng hoµ x· héi chñ nghÜa ViÖt Nam", LEGACY_TCVN3,
	                "Cộng hoà xã hội chủ nghĩa Việt Nam", 0};
	struct job b = {"uû ban nh©n d©n", LEGACY_TCVN3_CAPS, "UỶ BAN NHÂN DÂN", 0};
	struct job c = {"Coäng hoøa xaõ hoäi", LEGACY_VNI, "Cộng hòa xã hội", 0};
	pthread_t t[3];
	int ok = pthread_create(&t[0], NULL, run_job, &a) == 0 &&
	         pthread_create(&t[1], NULL, run_job, &b) == 0 &&
	         pthread_create(&t[2], NULL, run_job, &c) == 0;
	CHECK(ok, "threads started");
	if (!ok)
		return;
	for (int k = 0; k < 3; k++)
		pthread_join(t[k], NULL);
	CHECK(a.bad == 0 && b.bad == 0 && c.bad == 0, "threads: %d %d %d wrong", a.bad, b.bad, c.bad);
}

int main(void)
{
	test_threads();   /* first, so that the threads race to build the table */
	test_round_trips();
	test_known_forms();
	test_every_byte();
	test_pass_through();
	test_refusals();
	test_fonts();
	test_detect();
	test_samples();
	TEST_END("test_legacy");
}

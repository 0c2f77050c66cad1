/* legacy.c: Vietnamese text typed in TCVN3 (ABC) or VNI-Windows, read as if
 * it were Unicode, back into NFC Unicode; which font names say so; and a
 * conservative guess from the characters of plain text.
 *
 * How the text arrives. Word and the PDF readers hand over the code points
 * that CP1252 (or Latin-1) gives each byte of the 8-bit font: TCVN3
 * "Uû ban nh©n d©n" is the bytes 55 FB 20 62 61 6E 20 6E 68 A9 6E ...;
 * VNI "Coäng hoøa" is a base letter followed by a byte that draws the marks.
 *
 * TCVN3. TCVN 5712:1993 defines three codes; the ABC fonts (.VnTime ...)
 * use VN3, the smallest: ASCII, the C0 and C1 controls untouched, and in
 * 0xA0..0xFF only NBSP, the 7 capitals Ă Â Ê Ô Ơ Ư Đ and the 67 lower-case
 * Vietnamese letters (capitals with tone marks need the capitals fonts,
 * .VnTimeH ...). glibc's iconv "TCVN5712-1" decodes VN1, a superset that
 * also puts capitals in the C0 controls, in 0x80..0x9F and in the gaps of
 * 0xA0..0xFF. Decoding those would turn the CP1252 punctuation a .VnTime
 * run really holds (“ ” – … are 0x93 0x94 0x96 0x85) and the control
 * characters into capitals, so only the 75 VN3 positions are decoded; the
 * table of their letters is made once from iconv. Checked here on every
 * byte 0x00..0xFF: iconv refuses none of them (it buffers a letter until
 * the next byte, since VN1 0xB0..0xB4 are combining tone marks, so each
 * byte is decoded alone and flushed). Bytes outside VN3, and every code
 * point that is no byte of CP1252/Latin-1, pass through unchanged. The
 * trap: VN3 0xAD is "ư", which CP1252 shows as SOFT HYPHEN U+00AD; it is
 * converted like any other code.
 *
 * VNI-Windows has no iconv codec. A vowel is its ASCII base letter (or ô
 * 0xF4 for ơ, ö 0xF6 for ư) followed by at most one byte for its marks;
 * ơ ư đ, the i's and ỵ are single bytes. The table below was written from
 * the published VNI-Windows code table (the comparison tables of the
 * Vietnamese codes at dothanhlong.org/unicode-va-ma-hoa-ky-tu-cu-cua-viet-nam/
 * and scribd.com/document/23311958/Bang-Ma-Unicode); capitals are the same
 * bytes minus 0x20, as in Latin-1. A pair is tried before a single code
 * (longest match first); the case of the base letter gives the case of the
 * result, whichever case the mark byte has. */
#include "import/legacy.h"

#include "base/err.h"
#include "base/text.h"

#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

/* Larger inputs are refused before ICU's 32-bit lengths could overflow. */
#define LEGACY_MAX_INPUT ((size_t)256 * 1024 * 1024)

/* ---- CP1252 / Latin-1: the byte a code point stands for ---------------- */

/* The CP1252 characters of 0x80..0x9F (0 where CP1252 has none). */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* The byte (0..255) that code point c shows in CP1252 or Latin-1, or -1. */
static int legacy_byte(uint32_t c)
{
	if (c < 0x100)
		return (int)c;
	for (int i = 0; i < 32; i++)
		if (cp1252_high[i] == c)
			return 0x80 + i;
	return -1;
}

/* ---- TCVN3 -------------------------------------------------------------- */

/* The VN3 positions of 0xA0..0xFF (TCVN 5712:1993, VN3): NBSP, Ă Â Ê Ô Ơ Ư
 * Đ, ă â ê ô ơ ư đ, and the 60 lower-case letters with tone marks. */
static int vn3_assigned(int b)
{
	return (b >= 0xA0 && b <= 0xAE) || (b >= 0xB5 && b <= 0xB9) ||
	       (b >= 0xBB && b <= 0xBE) || (b >= 0xC6 && b <= 0xCC) ||
	       (b >= 0xCE && b <= 0xD8) || (b >= 0xDC && b <= 0xDF) ||
	       (b >= 0xE1 && b <= 0xEF) || (b >= 0xF1 && b <= 0xFE);
}

static uint32_t vn3_table[256];   /* 0: not a VN3 letter (pass through) */
static int vn3_ready;             /* 1 when iconv filled vn3_table */
static pthread_once_t vn3_once = PTHREAD_ONCE_INIT;

/* Decode byte b alone with cd; its one code point, or 0. */
static uint32_t vn3_decode_byte(iconv_t cd, unsigned char b)
{
	char in[1] = {(char)b};
	unsigned char out[16];
	char *ip = in, *op = (char *)out;
	size_t il = 1, ol = sizeof out;
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il != 0)
		return 0;
	if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1)
		return 0;
	if (op - (char *)out != 4)  /* exactly one code point */
		return 0;
	return (uint32_t)out[0] | (uint32_t)out[1] << 8 | (uint32_t)out[2] << 16 |
	       (uint32_t)out[3] << 24;
}

static void vn3_init(void)
{
	iconv_t cd = iconv_open("UCS-4LE", "TCVN5712-1");
	if (cd == (iconv_t)-1)
		return;
	int ok = 1;
	for (int b = 0xA0; b <= 0xFF; b++) {
		if (!vn3_assigned(b))
			continue;
		uint32_t c = vn3_decode_byte(cd, (unsigned char)b);
		if (c == 0 || c > 0x10FFFF)
			ok = 0;
		vn3_table[b] = c;
	}
	iconv_close(cd);
	vn3_ready = ok;
}

/* ---- VNI-Windows -------------------------------------------------------- */

/* The mark bytes, lower case, in the order of the columns of vni_pairs:
 * the five tones (acute, grave, hook, tilde, dot), the circumflex with no
 * tone and with each tone, the breve with no tone and with each tone. */
static const uint8_t vni_marks[17] = {
	0xF9, 0xF8, 0xFB, 0xF5, 0xEF,              /* ù ø û õ ï */
	0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4,        /* â á à å ã ä */
	0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB,        /* ê é è ú ü ë */
};

/* The lower-case bases, in the order of the rows of vni_pairs. */
static const uint8_t vni_bases[7] = {'a', 'e', 'o', 0xF4, 'u', 0xF6, 'y'};

/* vni_pairs[base][mark]: the letter, 0 where the pair is not VNI. */
static const uint16_t vni_pairs[7][17] = {
	/* a */ {0x00E1, 0x00E0, 0x1EA3, 0x00E3, 0x1EA1,
	         0x00E2, 0x1EA5, 0x1EA7, 0x1EA9, 0x1EAB, 0x1EAD,
	         0x0103, 0x1EAF, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EB7},
	/* e */ {0x00E9, 0x00E8, 0x1EBB, 0x1EBD, 0x1EB9,
	         0x00EA, 0x1EBF, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EC7},
	/* o */ {0x00F3, 0x00F2, 0x1ECF, 0x00F5, 0x1ECD,
	         0x00F4, 0x1ED1, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED9},
	/* ô = ơ */ {0x1EDB, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EE3},
	/* u */ {0x00FA, 0x00F9, 0x1EE7, 0x0169, 0x1EE5},
	/* ö = ư */ {0x1EE9, 0x1EEB, 0x1EED, 0x1EEF, 0x1EF1},
	/* y */ {0x00FD, 0x1EF3, 0x1EF7, 0x1EF9},
};

/* The single-byte letters that differ from what Latin-1 shows, lower case
 * (the capitals are the byte minus 0x20). í and ì are themselves. */
static const struct {
	uint8_t byte;
	uint16_t letter;
} vni_singles[] = {
	{0xF4, 0x01A1}, /* ô -> ơ */
	{0xF6, 0x01B0}, /* ö -> ư */
	{0xF1, 0x0111}, /* ñ -> đ */
	{0xE6, 0x1EC9}, /* æ -> ỉ */
	{0xF3, 0x0129}, /* ó -> ĩ */
	{0xF2, 0x1ECB}, /* ò -> ị */
	{0xEE, 0x1EF5}, /* î -> ỵ */
};

/* Latin-1 letters: the lower-case form of c, and whether c is a capital. */
static uint32_t latin_lower(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 0x20;
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 0x20;
	return c;
}

static int latin_upper(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
}

static int vni_base_index(uint32_t c)
{
	uint32_t l = latin_lower(c);
	for (int i = 0; i < 7; i++)
		if (vni_bases[i] == l)
			return i;
	return -1;
}

static int vni_mark_index(uint32_t c)
{
	uint32_t l = latin_lower(c);
	for (int i = 0; i < 17; i++)
		if (vni_marks[i] == l)
			return i;
	return -1;
}

/* The letter base + mark make in VNI, or 0. */
static uint32_t vni_pair(uint32_t base, uint32_t mark)
{
	int b = vni_base_index(base), m = vni_mark_index(mark);
	if (b < 0 || m < 0 || !vni_pairs[b][m])
		return 0;
	uint32_t r = vni_pairs[b][m];
	return latin_upper(base) ? (uint32_t)u_toupper((UChar32)r) : r;
}

/* The letter the single code c stands for in VNI (c itself when none). */
static uint32_t vni_single(uint32_t c)
{
	uint32_t l = latin_lower(c);
	for (size_t i = 0; i < sizeof vni_singles / sizeof vni_singles[0]; i++)
		if (vni_singles[i].byte == l)
			return latin_upper(c) ? (uint32_t)u_toupper(vni_singles[i].letter)
			                      : vni_singles[i].letter;
	return c;
}

/* ---- conversion ---------------------------------------------------------- */

/* Code points of valid UTF-8 s[0..n) one by one: *i advances. */
static uint32_t next_cp(const char *s, size_t n, size_t *i)
{
	UChar32 c;
	int32_t k = (int32_t)*i;
	U8_NEXT((const uint8_t *)s, k, (int32_t)n, c);
	*i = (size_t)k;
	return c < 0 ? 0xFFFD : (uint32_t)c;
}

static void put16(UChar *u, int32_t *k, uint32_t c)
{
	if (c <= 0xFFFF) {
		u[(*k)++] = (UChar)c;
	} else {
		u[(*k)++] = U16_LEAD(c);
		u[(*k)++] = U16_TRAIL(c);
	}
}

/* UTF-16 u[0..len) to a malloc'd NUL-terminated UTF-8 string. */
static int to_utf8(const UChar *u, int32_t len, char **out, size_t *out_len)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t blen = 0;
	u_strToUTF8(NULL, 0, &blen, u, len, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
		return PH_EINTERNAL;
	char *s = malloc((size_t)blen + 1);
	if (!s)
		return PH_ENOMEM;
	err = U_ZERO_ERROR;
	u_strToUTF8(s, blen + 1, NULL, u, len, &err);
	if (U_FAILURE(err)) {
		free(s);
		return PH_EINTERNAL;
	}
	s[blen] = 0;
	*out = s;
	*out_len = (size_t)blen;
	return 0;
}

/* Upper-case (Vietnamese rules) u[0..*len) into a new buffer: *u replaced. */
static int to_upper(UChar **u, int32_t *len)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t need = u_strToUpper(NULL, 0, *u, *len, "vi", &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
		return PH_EINTERNAL;
	UChar *v = malloc(((size_t)need + 1) * sizeof *v);
	if (!v)
		return PH_ENOMEM;
	err = U_ZERO_ERROR;
	u_strToUpper(v, need + 1, *u, *len, "vi", &err);
	if (U_FAILURE(err)) {
		free(v);
		return PH_EINTERNAL;
	}
	free(*u);
	*u = v;
	*len = need;
	return 0;
}

/* NFC of u[0..*len): *u replaced when it was not NFC already. */
static int to_nfc(UChar **u, int32_t *len)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
	if (U_FAILURE(err))
		return PH_EINTERNAL;
	int32_t ok = unorm2_spanQuickCheckYes(nfc, *u, *len, &err);
	if (U_SUCCESS(err) && ok == *len)
		return 0;
	err = U_ZERO_ERROR;
	int32_t need = unorm2_normalize(nfc, *u, *len, NULL, 0, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
		return PH_EINTERNAL;
	UChar *v = malloc(((size_t)need + 1) * sizeof *v);
	if (!v)
		return PH_ENOMEM;
	err = U_ZERO_ERROR;
	unorm2_normalize(nfc, *u, *len, v, need + 1, &err);
	if (U_FAILURE(err)) {
		free(v);
		return PH_EINTERNAL;
	}
	free(*u);
	*u = v;
	*len = need;
	return 0;
}

int legacy_to_unicode(enum legacy_enc enc, const char *s, size_t n, char **out,
                      size_t *out_len)
{
	if (out)
		*out = NULL;
	if (out_len)
		*out_len = 0;
	if (!out || !out_len || (!s && n))
		return PH_EINVAL;
	if (enc != LEGACY_TCVN3 && enc != LEGACY_TCVN3_CAPS && enc != LEGACY_VNI)
		return PH_EINVAL;
	if (!text_utf8_valid(s ? s : "", n, NULL))
		return PH_EINVAL;
	if (n > LEGACY_MAX_INPUT)
		return PH_ETOOBIG;
	if (enc != LEGACY_VNI) {
		pthread_once(&vn3_once, vn3_init);
		if (!vn3_ready)
			return PH_EINTERNAL;
	}

	/* Every code point gives at most one, in at most as many UTF-16
	 * units as it had UTF-8 bytes (a VNI pair gives one for two). */
	UChar *u = malloc((n + 1) * sizeof *u);
	if (!u)
		return PH_ENOMEM;
	int32_t k = 0;
	size_t i = 0;
	while (i < n) {
		uint32_t c = next_cp(s, n, &i);
		if (enc == LEGACY_VNI) {
			if (i < n) {
				size_t j = i;
				uint32_t d = next_cp(s, n, &j);
				uint32_t p = vni_pair(c, d);
				if (p) {
					put16(u, &k, p);
					i = j;
					continue;
				}
			}
			put16(u, &k, vni_single(c));
		} else {
			int b = legacy_byte(c);
			put16(u, &k, b >= 0 && vn3_table[b] ? vn3_table[b] : c);
		}
	}

	int rc = 0;
	if (enc == LEGACY_TCVN3_CAPS)
		rc = to_upper(&u, &k);
	if (!rc)
		rc = to_nfc(&u, &k);
	if (!rc)
		rc = to_utf8(u, k, out, out_len);
	free(u);
	return rc;
}

/* ---- font names ---------------------------------------------------------- */

static int lower_ascii(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 0x20 : c;
}

/* 1 when s starts with prefix, ASCII case ignored. */
static int starts_with_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (lower_ascii((unsigned char)*s) != lower_ascii((unsigned char)*prefix))
			return 0;
	return 1;
}

/* The family part of a font name in name[0..*len): a style suffix a PDF
 * or Word adds (",Bold", "-BoldItalic", ",Italic") and blanks cut off. */
static void cut_style(const char *name, size_t *len)
{
	size_t n = *len;
	for (size_t i = 0; i < n; i++)
		if (name[i] == ',') {
			n = i;
			break;
		}
	static const char *const styles[] = {
		"-BoldItalic", "-BoldOblique", "-Bold", "-Italic", "-Oblique",
		"-Regular", "-Roman", "-Normal",
	};
	for (size_t k = 0; k < sizeof styles / sizeof styles[0]; k++) {
		size_t sl = strlen(styles[k]);
		if (n >= sl && starts_with_ci(name + n - sl, styles[k])) {
			n -= sl;
			break;
		}
	}
	while (n && (name[n - 1] == ' ' || name[n - 1] == '\t'))
		n--;
	*len = n;
}

enum legacy_enc legacy_font_encoding(const char *font_name)
{
	if (!font_name)
		return LEGACY_NONE;
	const char *s = font_name;
	while (*s == ' ' || *s == '\t')
		s++;
	/* A PDF subset prefix: six capitals and '+'. */
	int caps = 0;
	while (caps < 6 && s[caps] >= 'A' && s[caps] <= 'Z')
		caps++;
	if (caps == 6 && s[6] == '+')
		s += 7;
	size_t len = strlen(s);
	cut_style(s, &len);

	/* TCVN3: the ABC fonts are all ".Vn" something. Some PDF producers drop
	 * the leading dot from the PostScript name; without it only the common
	 * families are taken, so that other "Vn..." fonts are not. */
	static const char *const dotless[] = {"VnTime", "VnArial", "VnCentury",
	                                      "VnCourier", "VnAvant", "VnHelvetica"};
	int tcvn = len > 3 && starts_with_ci(s, ".Vn");
	for (size_t k = 0; !tcvn && k < sizeof dotless / sizeof dotless[0]; k++)
		tcvn = len >= strlen(dotless[k]) && starts_with_ci(s, dotless[k]);
	if (tcvn) {
		/* The capitals fonts end in a capital H: ".VnTimeH", ".VnArial
		 * NarrowH". A regular family never ends in one; an 'h' counts
		 * only in a name written all in lower case (".vntimeh"). */
		int any_upper = 0;
		for (size_t k = 0; k < len; k++)
			if (s[k] >= 'A' && s[k] <= 'Z')
				any_upper = 1;
		char last = s[len - 1];
		if (last == 'H' || (last == 'h' && !any_upper))
			return LEGACY_TCVN3_CAPS;
		return LEGACY_TCVN3;
	}

	/* VNI: "VNI-Times", "VNI Helve", "Vni_Times", "VNI#20Times" (a PDF
	 * name with its blank escaped). */
	if (len > 4 && starts_with_ci(s, "VNI") &&
	    (s[3] == '-' || s[3] == ' ' || s[3] == '_' || starts_with_ci(s + 3, "#20")))
		return LEGACY_VNI;
	return LEGACY_NONE;
}

const char *legacy_name(enum legacy_enc enc)
{
	switch (enc) {
	case LEGACY_TCVN3:
	case LEGACY_TCVN3_CAPS:
		return "TCVN3";
	case LEGACY_VNI:
		return "VNI";
	case LEGACY_NONE:
		break;
	}
	return "";
}

/* ---- detection ------------------------------------------------------------ */

/* A word counts for a legacy code when it shows one of the code's
 * tell-tale characters and, read in that code, is a Vietnamese syllable
 * (onset, one to three vowels, coda): "nh©n" is "nhân", "c¸c" "các",
 * "hoäi" "hội", but "Brand®", "naïf", "aéroport" read as no syllable.
 * A code is taken only when at least LEGACY_MIN_WORDS such words, and
 * LEGACY_MIN_SHARE percent of the words with ASCII letters, count for it,
 * when it has more than twice as many as the other code, and when at most
 * one word in 50 has a Vietnamese letter of Unicode. Vietnamese typed in
 * either code has them in more than half of its words (the tests measure
 * it on the samples); French, Spanish or German text in a few ("où",
 * "aún"). */
#define LEGACY_MIN_WORDS 8
#define LEGACY_MIN_SHARE 15
#define LEGACY_WORD_MAX 12   /* letters of the longest syllable kept */

/* Vietnamese letters of Unicode that no Western text has: ă đ ĩ ũ ơ ư, the
 * Latin Extended Additional block, and the tone marks as combining marks. */
static int vietnamese_unicode(uint32_t c)
{
	switch (c) {
	case 0x0102: case 0x0103: case 0x0110: case 0x0111:
	case 0x0128: case 0x0129: case 0x0168: case 0x0169:
	case 0x01A0: case 0x01A1: case 0x01AF: case 0x01B0:
	case 0x0300: case 0x0301: case 0x0303: case 0x0309: case 0x0323:
		return 1;
	}
	return c >= 0x1EA0 && c <= 0x1EF9;
}

/* What separates words: ASCII other than letters, blanks and the General
 * Punctuation block. Everything else (the TCVN3 symbols © ¸ µ too) is part
 * of a word. */
static int separator(uint32_t c)
{
	if (c < 0x80)
		return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
	return c == 0xA0 || (c >= 0x2000 && c <= 0x206F) || c == 0x3000 ||
	       c == 0xFEFF;
}

static int lower_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7);
}

/* A symbol of Latin-1 that is a VN3 letter ("nh©n", "c¸c", "vµ"). U+00AD
 * (ư) is left out: a soft hyphen sits inside words of any language. */
static int tcvn_symbol(uint32_t c)
{
	return (c >= 0xA1 && c <= 0xAC) || c == 0xAE || (c >= 0xB5 && c <= 0xB9) ||
	       (c >= 0xBB && c <= 0xBE) || c == 0xD7 || c == 0xDE || c == 0xF7 ||
	       c == 0xFE;
}

/* A Latin-1 capital that is a VN3 lower-case letter ("ViÖt", "tØnh"). */
static int tcvn_capital(uint32_t c)
{
	return (c >= 0xC6 && c <= 0xCC) || (c >= 0xCE && c <= 0xD6) || c == 0xD8 ||
	       c == 0xDC || c == 0xDD;
}

/* The ASCII letter a Vietnamese letter is written on, lower case ("ộ" ->
 * 'o', "đ" -> 'd'), or 0 for anything else. */
static char base_letter(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c + 0x20);
	if (c >= 'a' && c <= 'z')
		return (char)c;
	if (c == 0x110 || c == 0x111)
		return 'd';
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
	UChar d[8];
	int32_t dn = U_SUCCESS(err) ? unorm2_getDecomposition(nfd, (UChar32)c, d, 8, &err) : -1;
	if (dn <= 0 || U_FAILURE(err))
		return 0;
	UChar b = d[0] >= 'A' && d[0] <= 'Z' ? (UChar)(d[0] + 0x20) : d[0];
	return b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u' || b == 'y' ? (char)b : 0;
}

static int vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* 1 when w (lower-case ASCII, the base letters of a word) is shaped like a
 * Vietnamese syllable: onset, one to three vowels, coda. */
static int syllable(const char *w)
{
	static const char *const onsets[] = {
		"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
		"b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s",
		"t", "v", "x", "",
	};
	static const char *const codas[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};
	for (size_t o = 0; o < sizeof onsets / sizeof onsets[0]; o++) {
		size_t ol = strlen(onsets[o]);
		if (strncmp(w, onsets[o], ol) != 0)
			continue;
		const char *v = w + ol;
		size_t vl = 0;
		while (vowel(v[vl]))
			vl++;
		if (vl == 0 || vl > 3)
			continue;
		for (size_t c = 0; c < sizeof codas / sizeof codas[0]; c++)
			if (!strcmp(v + vl, codas[c]))
				return 1;
	}
	return 0;
}

/* One word as read so far: its letters as each code reads them. */
struct word {
	int len, ascii, uni, tcvn_tell, vni_tell;
	int tlen, vlen;               /* -1: no syllable in that code */
	char t[LEGACY_WORD_MAX + 1];  /* base letters read as TCVN3 */
	char v[LEGACY_WORD_MAX + 1];  /* ... as VNI */
};

static void word_add(char *buf, int *len, char c)
{
	if (*len < 0)
		return;
	if (!c || *len >= LEGACY_WORD_MAX) {
		*len = -1;
		return;
	}
	buf[(*len)++] = c;
	buf[*len] = 0;
}

struct word_stats {
	long words;     /* words with an ASCII letter */
	long tcvn;      /* ... that count for TCVN3 */
	long vni;       /* ... that count for VNI */
	long unicode;   /* words with a Vietnamese letter of Unicode */
};

static void word_end(struct word *w, struct word_stats *st)
{
	if (w->len) {
		st->words += w->ascii;
		st->tcvn += w->ascii && w->tcvn_tell && w->tlen > 0 && syllable(w->t);
		st->vni += w->ascii && w->vni_tell && w->vlen > 0 && syllable(w->v);
		st->unicode += w->uni;
	}
	memset(w, 0, sizeof *w);
}

enum legacy_enc legacy_detect_text(const char *s, size_t n)
{
	if (!s || !n || !text_utf8_valid(s, n, NULL))
		return LEGACY_NONE;
	pthread_once(&vn3_once, vn3_init);
	struct word_stats st = {0, 0, 0, 0};
	struct word w;
	memset(&w, 0, sizeof w);
	uint32_t prev = 0;
	size_t i = 0;
	while (i < n) {
		uint32_t c = next_cp(s, n, &i);
		if (separator(c)) {
			word_end(&w, &st);
			prev = 0;
			continue;
		}
		if (c < 0x80)
			w.ascii = 1;
		if (vietnamese_unicode(c))
			w.uni = 1;

		int b = legacy_byte(c);
		uint32_t t = b >= 0 && vn3_ready && vn3_table[b] ? vn3_table[b] : c;
		word_add(w.t, &w.tlen, base_letter(t));
		if (tcvn_symbol(c) || (tcvn_capital(c) && lower_letter(prev)))
			w.tcvn_tell = 1;

		if (w.len && vni_pair(prev, c)) {
			w.vni_tell = 1;  /* the mark adds no letter */
		} else {
			word_add(w.v, &w.vlen, base_letter(vni_single(c)));
			if (!w.len && (c == 0xF1 || c == 0xD1))
				w.vni_tell = 1;  /* "ñeán", "Ñoäc": đ starts a syllable */
		}
		prev = c;
		w.len++;
	}
	word_end(&w, &st);

	if (st.words == 0 || st.unicode * 50 > st.words)
		return LEGACY_NONE;
	long need = st.words * LEGACY_MIN_SHARE;
	if (st.tcvn >= LEGACY_MIN_WORDS && st.tcvn * 100 >= need && st.tcvn > 2 * st.vni)
		return LEGACY_TCVN3;
	if (st.vni >= LEGACY_MIN_WORDS && st.vni * 100 >= need && st.vni > 2 * st.tcvn)
		return LEGACY_VNI;
	return LEGACY_NONE;
}

int legacy_fix_text(const char *s, size_t n, char **out, size_t *out_len,
                    enum legacy_enc *found)
{
	if (found)
		*found = LEGACY_NONE;
	if (out)
		*out = NULL;
	if (out_len)
		*out_len = 0;
	if (!out || !out_len || !found || (!s && n))
		return PH_EINVAL;
	if (!text_utf8_valid(s ? s : "", n, NULL))
		return PH_EINVAL;
	enum legacy_enc enc = legacy_detect_text(s, n);
	if (enc == LEGACY_NONE)
		return 0;
	int rc = legacy_to_unicode(enc, s, n, out, out_len);
	if (rc == 0)
		*found = enc;
	return rc;
}

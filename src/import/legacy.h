/* legacy.h: Vietnamese text typed in the encodings before Unicode, TCVN3
 * (ABC: fonts .VnTime, .VnArial, ...; capitals fonts .VnTimeH, ...) and
 * VNI (VNI-Windows: fonts VNI-Times, VNI-Helve, ...). Such text, read as
 * if it were Unicode, looks like "Uû ban nh©n d©n" (TCVN3) or "UÛy ban
 * nhaân daân" (VNI). The readers know it by the font of a run (Word, PDF);
 * plain text only by its characters. */
#ifndef PH_LEGACY_H
#define PH_LEGACY_H
#include <stddef.h>

enum legacy_enc {
	LEGACY_NONE = 0,
	LEGACY_TCVN3,       /* TCVN 5712:1993 VN3, the ABC fonts */
	LEGACY_TCVN3_CAPS,  /* the same codes drawn as capitals (.VnTimeH ...) */
	LEGACY_VNI,         /* VNI-Windows */
};

/* The encoding a font name says its text is in: ".VnTime", ".VnArial
 * Narrow", any ".Vn..." font (".VnArabia", ".VnShelley"; ASCII case
 * ignored) give LEGACY_TCVN3, their capitals fonts, named with a final
 * capital "H" (".VnTimeH", ".VnArial NarrowH"; or a final "h" in a name
 * all in lower case) LEGACY_TCVN3_CAPS; "VNI-Times", "VNI Helve",
 * "Vni_Times" LEGACY_VNI. A PDF's subset prefix ("ABCDEF+") and a style
 * suffix (",Bold", "-BoldItalic") are skipped; without the leading dot
 * only "VnTime", "VnArial", "VnCentury", "VnCourier", "VnAvant" and
 * "VnHelvetica" are taken. Anything else (NULL too): LEGACY_NONE. */
enum legacy_enc legacy_font_encoding(const char *font_name);

/* The encoding plain text s[0..n) (valid UTF-8) reads as typed in, by its
 * characters: LEGACY_NONE for text with Vietnamese letters of Unicode, or
 * too few of the legacy codes' tell-tale characters to be sure (short
 * text, English, French or German text with é, ü, ß, « »). Plain text
 * cannot tell the capitals fonts: the answer is LEGACY_TCVN3, LEGACY_VNI
 * or LEGACY_NONE. Invalid UTF-8 gives LEGACY_NONE. Deterministic. */
enum legacy_enc legacy_detect_text(const char *s, size_t n);

/* Convert UTF-8 text s[0..n) typed in enc and read as code points (each
 * byte of the legacy code as the character CP1252 or Latin-1 gives it,
 * as Word and PDF readers hand it over) into NFC Unicode: *out (malloc'd,
 * NUL-terminated; a NUL of the input is kept, so *out_len counts) and
 * *out_len. LEGACY_TCVN3_CAPS also upper-cases (ICU, locale "vi").
 * Characters that are not part of the code pass through unchanged: for
 * TCVN3 everything but the 75 codes VN3 gives 0xA0..0xFF (so the CP1252
 * punctuation “ ” – … and the controls stay), for VNI everything but its
 * letter + mark pairs and its single-byte letters. U+00AD is TCVN3 "ư":
 * never strip soft hyphens before converting. Thread-safe.
 * Returns 0, PH_EINVAL (enc is LEGACY_NONE or unknown, s is not valid
 * UTF-8, or out/out_len NULL), PH_ETOOBIG (n over 256 MiB), PH_ENOMEM,
 * PH_EINTERNAL (iconv has no TCVN5712-1: glibc's gconv modules missing). */
int legacy_to_unicode(enum legacy_enc enc, const char *s, size_t n, char **out,
                      size_t *out_len);

/* "TCVN3", "TCVN3" (capitals) or "VNI"; "" for LEGACY_NONE. */
const char *legacy_name(enum legacy_enc enc);

/* Plain text s[0..n) (valid UTF-8), converted whole when
 * legacy_detect_text finds it typed in a legacy code: then *out (malloc'd,
 * NUL-terminated), *out_len and *found (the code) are set. Otherwise *found
 * is LEGACY_NONE, *out NULL and *out_len 0, and the text is to be used as
 * it is. Returns 0, PH_EINVAL (s not valid UTF-8, or an out pointer NULL),
 * or what legacy_to_unicode returns. */
int legacy_fix_text(const char *s, size_t n, char **out, size_t *out_len,
                    enum legacy_enc *found);

#endif

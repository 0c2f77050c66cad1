/* text.h: the Vietnamese text layer. UTF-8 validation, NFC normalization,
 * folding for matching (case, diacritics, đ/Đ -> d, runs of spaces), and
 * Vietnamese collation for sorting (ICU, locale "vi").
 *
 * Strings in and out are UTF-8. Results that are allocated are said so. */
#ifndef PH_TEXT_H
#define PH_TEXT_H
#include <stddef.h>
#include <stdint.h>

/* 1 when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates, nothing
 * above U+10FFFF); 0 otherwise. If bad_offset is not NULL it receives the
 * byte offset of the first bad sequence. */
int text_utf8_valid(const char *s, size_t n, size_t *bad_offset);
/* Code point c (at most U+10FFFF) as UTF-8 into out; returns its bytes (1-4). */
size_t text_utf8_encode(uint32_t c, char out[static 4]);

/* 1 when the bytes look like a binary file rather than text: a NUL byte, or
 * a share of control characters (other than tab, CR, LF, FF) above 1%. */
int text_looks_binary(const char *s, size_t n);

/* NFC-normalized copy of valid UTF-8 s (length n). Caller frees.
 * Returns NULL on out-of-memory or invalid input. */
char *text_nfc(const char *s, size_t n);

/* Folded copy for matching: NFC input -> lowercase, no diacritics, đ -> d,
 * any run of white space -> one space, trimmed at both ends. "Phụ Nữ  Đồng"
 * -> "phu nu dong". Caller frees. NULL on out-of-memory. */
char *text_fold(const char *s);

/* Compare two UTF-8 strings in Vietnamese alphabetical order (a ă â b c d đ
 * e ê ... with tones as secondary differences). Thread-safe. */
int text_collate(const char *a, const char *b);

/* Trim ASCII white space and NBSP at both ends, in place; returns s. */
char *text_trim(char *s);

/* The code point starting at s; *len receives its byte length (0 at the
 * end of the string). A sequence cut by the NUL gives -1. s is valid UTF-8. */
int text_cp_at(const char *s, size_t *len);

/* A malloc'd copy of s (valid UTF-8, NFC) with its first letter in upper
 * case ("đảm bảo" -> "Đảm bảo"); NULL when out of memory. */
char *text_upper_first(const char *s);

/* 1 when s has letters and none of them is lower case ("KẾ HOẠCH"). */
int text_all_caps(const char *s);

/* Release the cached ICU collator (at exit, so leak checkers stay quiet). */
void text_cleanup(void);

#endif

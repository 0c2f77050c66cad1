/* vnnum.h: Vietnamese numbers and dates: as written in administrative
 * documents, as a person types them into a form, a CSV cell or a JSON
 * string, and as the pages show them.
 *
 * Numbers: "." groups thousands and "," is the decimal mark: "1.002" = 1002,
 * "17.163.842.140" = 17163842140, "28,787" = 28.787, "3,35%" = 3.35 with the
 * percent flag, "01" = 1, "20 - 25%" is not one number (the target
 * extractor reads such ranges). Documents and typed input share one
 * scanner and one rule of what is Vietnamese; typed input also takes a
 * sign, and what it refuses comes with a stable English code and a
 * Vietnamese sentence that says how to write the number ("2.5" could be
 * 2,5 or 25: it is refused, never guessed). Dates: "ngày 21 tháng 3 năm
 * 2024", "04/5/2021", "19/2/2014", "15/6" (no year: y=0 unless a default
 * year is given), and a blank "ngày   tháng   năm 2024" (y=2024, m=0,
 * d=0). */
#ifndef PH_VNNUM_H
#define PH_VNNUM_H
#include <stddef.h>
#include "base/date.h"

/* Parse one whole number token of a document (the rule of vn_read_number
 * without a sign: "-" starts list items and ranges; leading/trailing
 * spaces allowed, an optional trailing "%"). Returns 0 with *value set and
 * *percent 1 when a "%" was present; PH_EINVAL when s is not exactly one
 * number. */
int vn_parse_number(const char *s, double *value, int *percent);

/* Why vn_read_number refused a text: code is one of the VN_NUM_* codes
 * (static), message a Vietnamese sentence (NFC, valid UTF-8) that quotes
 * what was typed when it is short and printable, and says how to write
 * the number: both readings of an ambiguous form, the Vietnamese spelling
 * of a foreign one. */
#define VN_MESSAGE_MAX 512
struct vn_refusal {
	const char *code;
	char message[VN_MESSAGE_MAX];
};

/* The refusal codes (stable, English: the API and CSV row errors). */
#define VN_NUM_AMBIGUOUS "ambiguous_number" /* "2.5", "1.23", "1.2345", "2.500,5.5" */
#define VN_NUM_FOREIGN   "foreign_number"   /* "1,234,567", "1,234.5", "1 234", "0.5" */
#define VN_NUM_NOT       "not_a_number"     /* "abc", "", "12a", ",5", "1,2,3" */
#define VN_NUM_TOO_LONG  "number_too_long"  /* more than 18 digits */

/* Read one number a person typed, the Vietnamese way: "." groups
 * thousands (after each "." exactly three digits, the first group 1-3
 * digits not starting with 0), "," is the decimal mark; "2500",
 * "2.500", "1.234.567", "12,5", "1.234,5", "0,75", ",5" refused. White
 * space around it (also NBSP) is trimmed; one leading "+", "-" or "−"
 * (U+2212) is allowed, the caller refuses negatives where they make no
 * sense. At most 18 digits. Returns 0 with *value set (value may be
 * NULL), or PH_EINVAL with *why filled (why may be NULL) and *value
 * unchanged. Allocates nothing. */
int vn_read_number(const char *s, double *value, struct vn_refusal *why);

/* Write v as Vietnamese text into out (cap bytes, VN_NUMBER_MAX always
 * suffices): "." between groups of thousands, "," before at most
 * `decimals` places (clamped to 0..6), rounded, trailing zeros of the
 * fraction dropped, "-0" written "0": 1234567.5 -> "1.234.567,5", 2500
 * -> "2.500", -0.25 -> "-0,25". vn_read_number reads the text back to the
 * same number (to the places written). A NaN or infinity is written "—".
 * Returns the length (truncated to cap - 1 when out is too small). */
#define VN_NUMBER_MAX 512
size_t vn_format_number(char *out, size_t cap, double v, int decimals);

/* Find the first date expression in s. On success returns 0, fills *out,
 * and, when the pointers are not NULL, *start / *len with the byte span of
 * the match in s. A date without a year takes default_year (may be 0).
 * A full date must be a real calendar day (31/2 is refused). Returns
 * PH_ENOTFOUND when s holds no date. */
int vn_find_date(const char *s, int default_year, struct ph_date *out,
                 size_t *start, size_t *len);

/* Parse s as exactly one date expression (nothing else but spaces and an
 * optional leading "ngày"). 0, PH_EINVAL. */
int vn_parse_date(const char *s, int default_year, struct ph_date *out);

/* Roman numeral I..XX (upper or lower case) to int; 0 if not one. */
int vn_roman(const char *s, size_t n);

#endif

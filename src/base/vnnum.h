/* vnnum.h: Vietnamese numbers and dates as written in administrative
 * documents.
 *
 * Numbers: "." groups thousands and "," is the decimal mark: "1.002" = 1002,
 * "17.163.842.140" = 17163842140, "28,787" = 28.787, "3,35%" = 3.35 with the
 * percent flag, "01" = 1, "20 - 25%" is not one number (the target
 * extractor reads such ranges). Dates: "ngày 21 tháng 3 năm 2024", "04/5/2021",
 * "19/2/2014", "15/6" (no year: y=0 unless a default year is given), and
 * a blank "ngày   tháng   năm 2024" (y=2024, m=0, d=0). */
#ifndef PH_VNNUM_H
#define PH_VNNUM_H
#include <stddef.h>
#include "base/date.h"

/* Parse one whole number token (leading/trailing spaces allowed, an optional
 * trailing "%"). Returns 0 with *value set and *percent 1 when a "%" was
 * present; PH_EINVAL when s is not exactly one number. */
int vn_parse_number(const char *s, double *value, int *percent);

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

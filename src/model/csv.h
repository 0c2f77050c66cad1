/* csv.h: a small RFC 4180 CSV reader (quoted fields, doubled quotes,
 * line breaks inside quotes, CRLF or LF, a UTF-8 byte order mark at the
 * start) and the reading of an indicator values file.
 *
 * Numbers are written the Vietnamese way and read by vn_read_number (in
 * the model, like every typed figure): "." groups thousands, "," is the
 * decimal mark ("2.500" = 2500, "1.234,5" = 1234.5, "12,5" = 12.5); a
 * form that could mean two numbers ("2.5") or is spelled the English way
 * ("1,234.5") is a row error with its code, never a guess. A cell with a
 * comma must be quoted ("12,5") as RFC 4180 says. A leading "+" or "-" is
 * allowed (negative values are then refused by the model).
 *
 * A values file has a header row naming its columns, in any order, case
 * insensitive: unit (a unit key or name, resolved through unit_find),
 * period, value, and optionally denominator (rates). Vietnamese headers
 * "Đơn vị", "Kỳ", "Giá trị", "Mẫu số" are accepted too (compared folded:
 * case and diacritics ignored). */
#ifndef PH_CSV_H
#define PH_CSV_H
#include <stddef.h>
#include "base/arena.h"
#include "model/indicator.h"

struct db;
struct user;

/* A values file has at most this many columns and records: a file over
 * either is refused as soon as the parser meets the first one too many,
 * before reading the rest (a values file uses 3 or 4 columns; a country
 * has about 100,000 branches). CSV_LIMITS_VI says so to a person. */
#define CSV_MAX_COLUMNS 16
#define CSV_MAX_ROWS 200000
#define CSV_LIMITS_VI "16 cột và 200.000 dòng"

struct csv_row {
	char **fields;       /* NUL-terminated, arena */
	size_t n;
	int line;            /* line of the file the record starts on (1-based) */
};

/* Split data (len bytes) into records (arena a), in time and memory
 * linear in len. Empty lines are skipped. 0, PH_EINVAL with *bad_line set
 * (a quote left open, text after a closing quote, a NUL byte), PH_EUTF8
 * (not UTF-8), PH_ETOOBIG with *bad_line the record that has one column
 * or is one record too many, PH_ENOMEM (the arena refused). */
int csv_parse(struct arena *a, const char *data, size_t len, struct csv_row **rows,
              size_t *n, int *bad_line);

/* Read a values file and write it through indicator_write_values (source
 * "csv"), all or nothing. The errors (arena a) carry the file's line
 * numbers (the header is line 1). 0 with *written; PH_EINVAL with errors
 * (a structural problem: missing columns, a wrong number of fields, an
 * unreadable file; or any row refused by the model), PH_EFORBIDDEN,
 * PH_ENOTFOUND (no indicator), PH_EDB, PH_ENOMEM. */
int csv_indicator_import(struct db *db, struct arena *a, const struct user *actor,
                         long long indicator, const char *data, size_t len,
                         size_t *written, struct indicator_row_error **errs, size_t *nerrs);

#endif

/* test_csv.c: the CSV reader (quotes, doubled quotes, a line break inside
 * quotes, CRLF, a BOM, empty lines, broken quoting) and the indicator
 * values file: per-row errors with the file's line numbers, nothing
 * written when any row is bad, and cells read the Vietnamese way ("2.500"
 * is 2500, "1.234,5" is 1234.5, "2.5" refused as ambiguous). */
#include "test.h"
#include "base/buf.h"
#include "fixture.h"
#include "model/csv.h"
#include "model/indicator.h"
#include "model/rollup.h"
#include "base/err.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Cells of a values file of a sum indicator, each on its own month:
 * read the Vietnamese way (quoted when they hold a comma), or refused
 * with the reader's code. */
static const struct {
	const char *cell;
	const char *code;    /* NULL: accepted */
	double want;
} cells[] = {
	{"2.500", NULL, 2500},
	{"\"1.234,5\"", NULL, 1234.5},
	{"\"12,5\"", NULL, 12.5},
	{"1.234.567", NULL, 1234567},
	{" 7 ", NULL, 7},
	{"\"2.500\"", NULL, 2500},
	{"0", NULL, 0},
	{"2.5", "ambiguous_number", 0},
	{"\"1,234,567\"", "foreign_number", 0},
	{"\"1,234.5\"", "foreign_number", 0},
	{"abc", "not_a_number", 0},
	{"1e5", "not_a_number", 0},
	{"12%", "not_a_number", 0},
	{"", "not_a_number", 0},
};

static long long count(struct db *db, const char *sql)
{
	return fixture_int(db, sql, NULL);
}

/* The reader's cost follows the file (finding 3 of the security review:
 * each field reserved the rest of the file, so 80 KB took 1.5 GB), and a
 * file with more columns or rows than a values file can have is refused
 * at the first one too many. */
static void bounded(void)
{
	struct buf b;
	buf_init(&b, 64u << 20);
	/* 400 KB in 200,000 fields, 4 to a row: a few MB at most. */
	for (int r = 0; r < 50000; r++)
		buf_puts(&b, "1,\"2\",3,4\n");
	struct arena a;
	arena_init(&a);
	struct csv_row *rows;
	size_t n;
	int bad;
	CHECK_INT(csv_parse(&a, b.data, b.len, &rows, &n, &bad), 0, "a long file");
	CHECK_INT(n, 50000, "every row");
	CHECK(a.total < 16u << 20, "memory linear in the file: %zu bytes for %zu", a.total, b.len);
	arena_cleanup(&a);
	buf_reset(&b);
	/* One row of 40,000 fields (80 KB): refused at the 17th column. */
	for (int i = 0; i < 40000; i++)
		buf_puts(&b, "1,");
	buf_puts(&b, "1\n");
	arena_init(&a);
	CHECK_INT(csv_parse(&a, b.data, b.len, &rows, &n, &bad), PH_ETOOBIG, "too many columns");
	CHECK_INT(bad, 1, "the line of the wide record");
	CHECK(a.total < 1u << 20, "refused before reading on: %zu bytes", a.total);
	arena_cleanup(&a);
	buf_reset(&b);
	for (int r = 0; r <= CSV_MAX_ROWS; r++)
		buf_puts(&b, "x\n");
	arena_init(&a);
	CHECK_INT(csv_parse(&a, b.data, b.len, &rows, &n, &bad), PH_ETOOBIG, "too many rows");
	CHECK_INT(bad, CSV_MAX_ROWS + 1, "the first record too many");
	arena_cleanup(&a);
	/* A capped arena: refused, never aborted. */
	buf_reset(&b);
	for (int r = 0; r < 100000; r++)
		buf_puts(&b, "don vi,2024,123\n");
	arena_init_capped(&a, 1u << 20);
	CHECK_INT(csv_parse(&a, b.data, b.len, &rows, &n, &bad), PH_ENOMEM, "over the arena's cap");
	CHECK(arena_failed(&a), "the arena says so");
	arena_cleanup(&a);
	buf_cleanup(&b);
}

int main(void)
{
	struct arena a;
	struct csv_row *rows = NULL;
	size_t n = 0;
	int bad = 0;
	arena_init(&a);

	const char *f1 = "\xEF\xBB\xBFunit,period,value\r\n"
	                 "\"Xã \"\"Mới\"\", huyện A\",2024-H1,\"12,5\"\r\n"
	                 "\r\n"
	                 "\"hai\r\ndòng\",2024,3\r\n"
	                 "x,,\n";
	CHECK_INT(csv_parse(&a, f1, strlen(f1), &rows, &n, &bad), 0, "parse f1");
	CHECK_INT(n, 4, "records (empty line skipped)");
	if (n == 4) {
		CHECK_STR(rows[0].fields[0], "unit", "BOM removed");
		CHECK_INT(rows[0].n, 3, "header fields");
		CHECK_STR(rows[1].fields[0], "Xã \"Mới\", huyện A", "quotes, doubled quotes, comma");
		CHECK_STR(rows[1].fields[2], "12,5", "quoted decimal comma");
		CHECK_INT(rows[1].line, 2, "line of row 1");
		CHECK_STR(rows[2].fields[0], "hai\r\ndòng", "line break inside quotes");
		CHECK_INT(rows[2].line, 4, "line after an empty line");
		CHECK_INT(rows[3].line, 6, "line after a two-line record");
		CHECK_INT(rows[3].n, 3, "empty trailing fields");
		CHECK_STR(rows[3].fields[2], "", "empty field");
	}
	const char *f2 = "unit,period\n\"open,2024\n";
	CHECK_INT(csv_parse(&a, f2, strlen(f2), &rows, &n, &bad), PH_EINVAL, "open quote");
	CHECK_INT(bad, 2, "open quote line");
	const char *f3 = "a,b\n\"x\"y,2\n";
	CHECK_INT(csv_parse(&a, f3, strlen(f3), &rows, &n, &bad), PH_EINVAL, "text after quote");
	const char *f4 = "a,b\nx\"y,2\n";
	CHECK_INT(csv_parse(&a, f4, strlen(f4), &rows, &n, &bad), PH_EINVAL, "quote inside field");
	CHECK_INT(csv_parse(&a, "a\xff", 2, &rows, &n, &bad), PH_EUTF8, "not UTF-8");

	/* The values file. */
	struct db *db = fixture_open();
	long long P = 0, D = 0, C1 = 0, C2 = 0;
	CHECK_INT(unit_add(db, access_system(), 0, "committee", "province", "Tỉnh CSV", NULL, NULL, NULL, &P), 0, "P");
	CHECK_INT(unit_add(db, access_system(), P, "committee", "district", "Huyện CSV", NULL, NULL, NULL, &D), 0, "D");
	CHECK_INT(unit_add(db, access_system(), D, "committee", "commune", "Xã Một CSV", NULL, NULL, NULL, &C1), 0, "C1");
	CHECK_INT(unit_add(db, access_system(), D, "committee", "commune", "Xã Hai CSV", NULL, NULL, NULL, &C2), 0, "C2");
	struct indicator in = {.code = "TLH", .name = "Tỷ lệ hộ", .type = "rate",
	                       .levels = "commune", .year_from = 2023, .year_to = 2025};
	long long TL = 0;
	CHECK_INT(indicator_add(db, access_system(), &in, &TL, NULL), 0, "indicator");
	struct indicator_row_error *e = NULL;
	size_t ne = 0, written = 0;
	long long audits = count(db, "SELECT COUNT(*) FROM audit_log");

	/* Each bad row reported with its line; the good ones not written. */
	const char *bad_file =
	    "unit,period,value,denominator\n"
	    "Xã Một CSV,2024-H1,\"4,5\",10\n"      /* 2: fine */
	    "Xã Không Có,2024-H1,1,10\n"          /* 3: unknown unit */
	    "Xã Hai CSV,2024-H1,11,10\n"          /* 4: over 100 % */
	    "Xã Hai CSV,2024-H7,1,10\n"           /* 5: bad period */
	    "Xã Hai CSV,2030,1,10\n"              /* 6: outside the years */
	    "Xã Hai CSV,2024,1,0\n"               /* 7: denominator 0 */
	    "Xã Hai CSV,2024-Q1,abc,10\n"         /* 8: not a number */
	    "Huyện CSV,2024-Q2,1,10\n"            /* 9: not a reporting level */
	    "Xã Hai CSV,2024-Q3,-1,10\n"          /* 10: negative */
	    "Xã Hai CSV,2024-Q4,1,\n"             /* 11: no denominator */
	    "Xã Hai CSV,2024-01,1,1.5\n"          /* 12: ambiguous denominator */
	    "Xã Hai CSV,2024-02,\"1,5\",-2\n";    /* 13: negative denominator */
	int rc = csv_indicator_import(db, &a, access_system(), TL, bad_file, strlen(bad_file), &written, &e, &ne);
	CHECK_INT(rc, PH_EINVAL, "bad file refused");
	static const struct { int row; const char *code; } want[] = {
		{3, "unknown_unit"}, {4, "rate_over_100"}, {5, "bad_period"},
		{6, "period_out_of_range"}, {7, "zero_denominator"}, {8, "not_a_number"},
		{9, "unit_not_reporting"}, {10, "negative"}, {11, "missing_denominator"},
		{12, "ambiguous_number"}, {13, "negative"},
	};
	CHECK_INT(ne, sizeof want / sizeof *want, "errors");
	for (size_t i = 0; i < ne && i < sizeof want / sizeof *want; i++) {
		CHECK_INT(e[i].row, want[i].row, want[i].code);
		CHECK_STR(e[i].code, want[i].code, "code");
		CHECK(e[i].message && strlen(e[i].message) > 5, "message of row %d", e[i].row);
	}
	CHECK_INT(written, 0, "nothing written");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM indicator_values"), 0, "no values stored");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM audit_log"), audits, "no audit entry");

	const char *missing = "unit,value\nXã Một CSV,1\n";
	CHECK_INT(csv_indicator_import(db, &a, access_system(), TL, missing, strlen(missing), &written, &e, &ne),
	          PH_EINVAL, "missing column");
	CHECK(ne == 1 && !strcmp(e[0].code, "missing_column") && !strcmp(e[0].column, "period"),
	      "missing period column");
	const char *ragged = "unit,period,value,denominator\nXã Một CSV,2024,1\n";
	CHECK_INT(csv_indicator_import(db, &a, access_system(), TL, ragged, strlen(ragged), &written, &e, &ne),
	          PH_EINVAL, "ragged");
	CHECK(ne == 1 && e[0].row == 2 && !strcmp(e[0].code, "field_count"), "field count");
	const char *dup = "unit,period,value,denominator\nXã Một CSV,2024,1,2\nXã Một CSV,2024,1,2\n";
	CHECK_INT(csv_indicator_import(db, &a, access_system(), TL, dup, strlen(dup), &written, &e, &ne),
	          PH_EINVAL, "duplicate");
	CHECK(ne == 1 && e[0].row == 3 && !strcmp(e[0].code, "duplicate_row"), "duplicate row");

	/* A good file (BOM, CRLF, Vietnamese headers, decimal comma) is
	 * written whole and rolled up: (4,5 + 3) / (10 + 20) = 25 %. */
	const char *good = "\xEF\xBB\xBF" "Đơn vị,Kỳ,Giá trị,Mẫu số\r\n"
	                   "Xã Một CSV,2024-H1,\"4,5\",10\r\n"
	                   "Xã Hai CSV,2024-H1,3,20\r\n";
	rc = csv_indicator_import(db, &a, access_system(), TL, good, strlen(good), &written, &e, &ne);
	CHECK_INT(rc, 0, "good file");
	CHECK_INT(written, 2, "written");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM indicator_values WHERE source = 'csv'"), 2, "stored");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM audit_log"), audits + 2, "one audit entry per value");
	struct rollup_result x;
	CHECK_INT(rollup_get(db, TL, "2024-H1", D, &x), 0, "rollup");
	CHECK(fabs(x.value - 25) < 1e-9, "D rate %g", x.value);

	/* Figures the Vietnamese way: each good cell alone is written as the
	 * number it says; each bad one is refused with its code and the
	 * line, and nothing of its file is written. */
	struct indicator sum = {.code = "TONG", .name = "Tổng", .type = "sum",
	                        .levels = "commune", .year_from = 2024, .year_to = 2024};
	long long TG = 0;
	CHECK_INT(indicator_add(db, access_system(), &sum, &TG, NULL), 0, "sum indicator");
	for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
		char file[200], period[8], got[64], q[160];
		snprintf(period, sizeof period, "2024-%02zu", i % 12 + 1);
		snprintf(file, sizeof file, "unit,period,value\nXã Một CSV,2024,1\nXã Hai CSV,%s,%s\n",
		         period, cells[i].cell);
		long long before = count(db, "SELECT COUNT(*) FROM indicator_values");
		rc = csv_indicator_import(db, &a, access_system(), TG, file, strlen(file), &written, &e, &ne);
		if (!cells[i].code) {
			CHECK_INT(rc, 0, cells[i].cell);
			snprintf(q, sizeof q, "SELECT numerator FROM indicator_values WHERE indicator_id ="
			         " %lld AND unit_id = %lld AND period = ?", TG, C2);
			fixture_text(db, q, period, got, sizeof got);
			CHECK(strtod(got, NULL) == cells[i].want, "%s: stored %s, want %g",
			      cells[i].cell, got, cells[i].want);
			continue;
		}
		CHECK_INT(rc, PH_EINVAL, cells[i].cell);
		CHECK(ne == 1 && e[0].row == 3 && !strcmp(e[0].column, "value") &&
		      !strcmp(e[0].code, cells[i].code), "%s: errors %zu, row %d, %s", cells[i].cell,
		      ne, ne ? e[0].row : 0, ne ? e[0].code : "");
		CHECK(ne && strlen(e[0].message) > 10, "%s: no message", cells[i].cell);
		CHECK_INT(count(db, "SELECT COUNT(*) FROM indicator_values"), before, cells[i].cell);
	}
	/* The message of "2.5" names both readings. */
	const char *amb = "unit,period,value\nXã Một CSV,2024-Q1,2.5\n";
	CHECK_INT(csv_indicator_import(db, &a, access_system(), TG, amb, strlen(amb), &written, &e, &ne),
	          PH_EINVAL, "2.5 refused");
	CHECK(ne == 1 && strstr(e[0].message, "2,5") && strstr(e[0].message, " 25."),
	      "2.5 message: %s", ne ? e[0].message : "");

	/* Permission: a viewer may not enter values. */
	struct user viewer = fixture_person(1, "xem", C1, ROLE_VIEWER);
	const char *one = "unit,period,value,denominator\nXã Một CSV,2024-H2,1,2\n";
	CHECK_INT(csv_indicator_import(db, &a, &viewer, TL, one, strlen(one), &written, &e, &ne),
	          PH_EFORBIDDEN, "viewer refused");
	CHECK(ne == 1 && !strcmp(e[0].code, "forbidden"), "forbidden row");

	rollup_reset();
	arena_cleanup(&a);
	fixture_close(db);
	bounded();
	TEST_END("test_csv");
}

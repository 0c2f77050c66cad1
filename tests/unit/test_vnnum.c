/* test_vnnum.c: Vietnamese numbers, dates and roman numerals (vnnum.h).
 * Most rows of the document side come from the sample documents
 * (citations of decisions and resolutions, reporting deadlines, targets
 * and figures); the typed side (vn_read_number) has the forms people type
 * into forms and CSV cells, accepted with their values or refused with
 * their codes and the readings the message must name; vn_format_number
 * writes what the pages show and the reader reads it back. */
#include "test.h"
#include "base/vnnum.h"
#include "base/err.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- numbers ------------------------------------------------------------- */

static const struct num_row {
	const char *s;
	int ok;
	double value;
	int percent;
} num_rows[] = {
	{"1.002", 1, 1002, 0},
	{"17.163.842.140", 1, 17163842140.0, 0},
	{"28,787", 1, 28.787, 0},
	{"3,35%", 1, 3.35, 1},
	{"85%", 1, 85, 1},
	{"01", 1, 1, 0},
	{"0,5", 1, 0.5, 0},
	{"1.000.000,5", 1, 1000000.5, 0},
	{" 90 % ", 1, 90, 1},
	{"100%", 1, 100, 1},
	{"0", 1, 0, 0},
	{"938", 1, 938, 0},
	{"2024", 1, 2024, 0},
	{"12.500", 1, 12500, 0},
	{"\xC2\xA0" "75%", 1, 75, 1},
	{"1.00", 0, 0, 0},        /* a dot group is exactly 3 digits */
	{"1.5", 0, 0, 0},         /* ambiguous: refused */
	{"1.0000", 0, 0, 0},
	{"2.1", 0, 0, 0},         /* a section number */
	{"", 0, 0, 0},
	{"   ", 0, 0, 0},
	{"abc", 0, 0, 0},
	{"%", 0, 0, 0},
	{"20 - 25%", 0, 0, 0},    /* a range */
	{"1,2,3", 0, 0, 0},
	{"1.", 0, 0, 0},
	{",5", 0, 0, 0},
	{"1,", 0, 0, 0},
	{"01.002", 0, 0, 0},      /* a grouped number does not start with 0 */
	{"1234.567", 0, 0, 0},    /* the first group has at most 3 digits */
	{"-5", 0, 0, 0},
	{"1 000", 0, 0, 0},
	{"12a", 0, 0, 0},
	{"3,35%%", 0, 0, 0},
	{"1.000,5.5", 0, 0, 0},
	{"1234567890123456789", 0, 0, 0}, /* more than 18 digits */
};

static void test_numbers(void)
{
	for (size_t i = 0; i < sizeof num_rows / sizeof num_rows[0]; i++) {
		const struct num_row *r = &num_rows[i];
		double v = -1;
		int pct = -1;
		int rc = vn_parse_number(r->s, &v, &pct);
		CHECK_INT(rc, r->ok ? 0 : PH_EINVAL, r->s);
		if (r->ok) {
			CHECK(v == r->value, "%s: value %.17g, want %.17g", r->s, v, r->value);
			CHECK_INT(pct, r->percent, r->s);
		} else {
			CHECK(v == -1 && pct == -1, "%s: outputs untouched on error", r->s);
		}
	}
	CHECK_INT(vn_parse_number(NULL, NULL, NULL), PH_EINVAL, "NULL");
	CHECK_INT(vn_parse_number("5", NULL, NULL), 0, "NULL outputs allowed");
}

/* ---- vn_read_number: typed input ---------------------------------------- */

static const struct typed_ok {
	const char *s;
	double value;
} typed_ok[] = {
	{"2500", 2500},
	{"2.500", 2500},
	{"45.600", 45600},
	{"1.350", 1350},
	{"1.234.567", 1234567},
	{"12,5", 12.5},
	{"1.234,5", 1234.5},
	{"0,75", 0.75},
	{"1,234", 1.234},          /* one comma is the decimal mark */
	{"1.000.000,25", 1000000.25},
	{"0", 0},
	{"007", 7},
	{"-3", -3},
	{"+7", 7},
	{"-2.500", -2500},
	{"\xE2\x88\x92" "3,5", -3.5}, /* U+2212 MINUS SIGN */
	{"-0", 0},
	{"  2.500  ", 2500},
	{"\t12,5\n", 12.5},
	{"\xC2\xA0" "2.500" "\xC2\xA0", 2500}, /* NBSP around */
	{"9.007.199.254.740.992", 9007199254740992.0}, /* 2^53: exact */
	{"1.500.000.000.000.000", 1.5e15},            /* 16 digits, exact */
	{"100.000.000.000.000.000", 1e17},            /* 18 digits, exact */
	{"17.163.842.140", 17163842140.0},
	{"0,000001", 0.000001},
};

static const struct typed_bad {
	const char *s;
	const char *code;
	const char *names[2]; /* what the message must contain (NULL: nothing more) */
} typed_bad[] = {
	{"2.5", VN_NUM_AMBIGUOUS, {"2,5", "25"}},
	{"1.23", VN_NUM_AMBIGUOUS, {"1,23", "123"}},
	{"1.2345", VN_NUM_AMBIGUOUS, {"1,2345", "12.345"}},
	{"1234.567", VN_NUM_AMBIGUOUS, {"1.234,567", "1.234.567"}},
	{"1.234.56", VN_NUM_AMBIGUOUS, {"1.234,56", "123.456"}},
	{"-2.5", VN_NUM_AMBIGUOUS, {"-2,5", "-25"}},
	{"01.500", VN_NUM_AMBIGUOUS, {"1,500", "1.500"}},
	{"2.500,5.5", VN_NUM_AMBIGUOUS, {"2.500,5.5", NULL}},
	{"1.23,5", VN_NUM_AMBIGUOUS, {NULL, NULL}},
	{"1,5.5", VN_NUM_AMBIGUOUS, {NULL, NULL}},
	{"1,234,567", VN_NUM_FOREIGN, {"1.234.567", NULL}},
	{"1,234.5", VN_NUM_FOREIGN, {"1.234,5", NULL}},
	{"12,345,678.25", VN_NUM_FOREIGN, {"12.345.678,25", NULL}},
	{"1 234", VN_NUM_FOREIGN, {"1.234", NULL}},
	{"1\xC2\xA0" "234\xC2\xA0" "567,5", VN_NUM_FOREIGN, {"1.234.567,5", NULL}},
	{"1 234.5", VN_NUM_FOREIGN, {"1.234,5", NULL}},
	{"0.5", VN_NUM_FOREIGN, {"0,5", NULL}},
	{"0.500", VN_NUM_FOREIGN, {"0,500", NULL}},
	{"abc", VN_NUM_NOT, {"abc", NULL}},
	{"", VN_NUM_NOT, {NULL, NULL}},
	{"   ", VN_NUM_NOT, {NULL, NULL}},
	{"12a", VN_NUM_NOT, {NULL, NULL}},
	{"1e5", VN_NUM_NOT, {NULL, NULL}},
	{"12%", VN_NUM_NOT, {NULL, NULL}},
	{",5", VN_NUM_NOT, {NULL, NULL}},
	{"5,", VN_NUM_NOT, {NULL, NULL}},
	{"1.", VN_NUM_NOT, {NULL, NULL}},
	{"1..000", VN_NUM_NOT, {NULL, NULL}},
	{"1,2,3", VN_NUM_NOT, {NULL, NULL}},
	{"1,234,5678", VN_NUM_NOT, {NULL, NULL}},
	{"12 5", VN_NUM_NOT, {NULL, NULL}},
	{"1  234", VN_NUM_NOT, {NULL, NULL}},
	{"--5", VN_NUM_NOT, {NULL, NULL}},
	{"- 5", VN_NUM_NOT, {NULL, NULL}},
	{"5-", VN_NUM_NOT, {NULL, NULL}},
	{"+", VN_NUM_NOT, {NULL, NULL}},
	{"0x10", VN_NUM_NOT, {NULL, NULL}},
	{"inf", VN_NUM_NOT, {NULL, NULL}},
	{"1234567890123456789", VN_NUM_TOO_LONG, {NULL, NULL}},   /* 19 digits */
	{"1.234.567.890.123.456.789", VN_NUM_TOO_LONG, {NULL, NULL}},
	{"0,1234567890123456789", VN_NUM_TOO_LONG, {NULL, NULL}},
	/* A double cannot hold these digits: stored, they would change. */
	{"999.999.999.999.999.999", VN_NUM_TOO_LONG, {NULL, NULL}},
	{"123456789012345678", VN_NUM_TOO_LONG, {NULL, NULL}},
	{"9.007.199.254.740.993", VN_NUM_TOO_LONG, {NULL, NULL}},   /* 2^53 + 1 */
	{"0,12345678901234567", VN_NUM_TOO_LONG, {NULL, NULL}},
};

/* 1 when msg holds num as a whole number (not inside a longer one: "25"
 * is not named by "2,5" nor by "125"). */
static int names(const char *msg, const char *num)
{
	size_t n = strlen(num);
	for (const char *m = strstr(msg, num); m; m = strstr(m + 1, num)) {
		char before = m == msg ? ' ' : m[-1], after = m[n];
		int digit_before = (before >= '0' && before <= '9') || before == '.' ||
		                   before == ',' || before == '-';
		int digit_after = (after >= '0' && after <= '9') ||
		                  ((after == '.' || after == ',') && m[n + 1] >= '0' &&
		                   m[n + 1] <= '9');
		if (!digit_before && !digit_after)
			return 1;
	}
	return 0;
}

static void test_typed(void)
{
	for (size_t i = 0; i < sizeof typed_ok / sizeof *typed_ok; i++) {
		const struct typed_ok *t = &typed_ok[i];
		double v = -1;
		struct vn_refusal why = {0};
		int rc = vn_read_number(t->s, &v, &why);
		CHECK(rc == 0, "%s: refused (%s: %s)", t->s, why.code ? why.code : "", why.message);
		CHECK(v == t->value, "%s: value %.17g, want %.17g", t->s, v, t->value);
		CHECK(!signbit(v) || t->value < 0, "%s: a negative zero", t->s);
	}
	for (size_t i = 0; i < sizeof typed_bad / sizeof *typed_bad; i++) {
		const struct typed_bad *t = &typed_bad[i];
		double v = -1;
		struct vn_refusal why = {0};
		CHECK_INT(vn_read_number(t->s, &v, &why), PH_EINVAL, t->s);
		CHECK(v == -1, "%s: value changed on a refusal", t->s);
		CHECK_STR(why.code, t->code, t->s);
		CHECK(why.message[0], "%s: no message", t->s);
		for (int k = 0; k < 2; k++)
			CHECK(!t->names[k] || names(why.message, t->names[k]), "%s: message lacks %s: %s",
			      t->s, t->names[k], why.message);
	}
	/* The message of "2.5" names both readings and quotes what was typed. */
	struct vn_refusal why = {0};
	vn_read_number("2.5", NULL, &why);
	CHECK(strstr(why.message, "“2.5”") != NULL, "2.5 not quoted: %s", why.message);
	CHECK(strstr(why.message, "hãy viết 2,5;") != NULL, "2.5: decimal reading: %s",
	      why.message);
	CHECK(strstr(why.message, "hãy viết 25.") != NULL, "2.5: integer reading: %s",
	      why.message);
	/* Long or unprintable input is named, not quoted. */
	char longer[200];
	memset(longer, 'x', sizeof longer - 1);
	longer[sizeof longer - 1] = 0;
	vn_read_number(longer, NULL, &why);
	CHECK(strstr(why.message, "xxxxx") == NULL && strstr(why.message, "Giá trị") != NULL,
	      "a long input quoted: %s", why.message);
	vn_read_number("1\x01" "2", NULL, &why);
	CHECK(strchr(why.message, '\x01') == NULL, "a control character quoted");
	vn_read_number("\xFF" "12", NULL, &why);
	CHECK(strchr(why.message, '\xFF') == NULL, "invalid UTF-8 quoted");
	CHECK_STR(why.code, VN_NUM_NOT, "invalid UTF-8");
	CHECK_INT(vn_read_number(NULL, NULL, &why), PH_EINVAL, "NULL");
	CHECK_STR(why.code, VN_NUM_NOT, "NULL code");
	CHECK_INT(vn_read_number("5", NULL, NULL), 0, "NULL outputs allowed");
	CHECK_INT(vn_read_number("x", NULL, NULL), PH_EINVAL, "NULL why allowed");
	/* The document side keeps refusing signs: "-" starts list items. */
	CHECK_INT(vn_parse_number("-5", NULL, NULL), PH_EINVAL, "document: no sign");
}

/* ---- vn_format_number --------------------------------------------------- */

static const struct fmt_row {
	double v;
	int decimals;
	const char *want;
} fmt_rows[] = {
	{0, 2, "0"},
	{-0.0, 2, "0"},
	{-0.001, 2, "0"},          /* rounds to -0 */
	{999, 0, "999"},
	{1000, 0, "1.000"},
	{2500, 2, "2.500"},
	{-2500, 2, "-2.500"},
	{1234567, 0, "1.234.567"},
	{1234567.5, 2, "1.234.567,5"},
	{1234567.5, 0, "1.234.568"}, /* a tie rounds to even */
	{-1234.5, 1, "-1.234,5"},
	{12.5, 2, "12,5"},
	{0.75, 2, "0,75"},
	{999.996, 2, "1.000"},     /* rounding carries into a new group */
	{999999.5, 0, "1.000.000"},
	{0.125, 2, "0,12"},        /* 0.125 is exact: the tie rounds to even */
	{1.0 / 3, 6, "0,333333"},
	{1.0 / 3, 9, "0,333333"},  /* at most 6 places */
	{7.25, -1, "7"},           /* no negative places */
	{100000, 2, "100.000"},
	{1e15, 0, "1.000.000.000.000.000"},
};

static void test_format(void)
{
	char out[VN_NUMBER_MAX];
	for (size_t i = 0; i < sizeof fmt_rows / sizeof *fmt_rows; i++) {
		const struct fmt_row *f = &fmt_rows[i];
		size_t n = vn_format_number(out, sizeof out, f->v, f->decimals);
		CHECK_STR(out, f->want, f->want);
		CHECK_INT(n, strlen(f->want), f->want);
		/* what is shown reads back as the number shown: the text in C
		 * notation (dots dropped, the comma a point) */
		char c[64];
		size_t k = 0;
		for (const char *p = f->want; *p && k < sizeof c - 1; p++)
			if (*p != '.')
				c[k++] = *p == ',' ? '.' : *p;
		c[k] = 0;
		double back = -1;
		CHECK_INT(vn_read_number(out, &back, NULL), 0, out);
		CHECK(back == strtod(c, NULL), "%s read back as %.17g", out, back);
	}
	static const double round_trip[] = {2500, 45600, 1350, 1234567, 12.5, 1234.5, 0.75,
	                                    -2500, 0.000001, 987654321.125, 5e14};
	for (size_t i = 0; i < sizeof round_trip / sizeof *round_trip; i++) {
		double back = -1;
		vn_format_number(out, sizeof out, round_trip[i], 6);
		CHECK_INT(vn_read_number(out, &back, NULL), 0, out);
		CHECK(back == round_trip[i], "%s read back as %.17g, want %.17g", out, back,
		      round_trip[i]);
	}
	CHECK(vn_format_number(out, sizeof out, NAN, 2) > 0 && !strcmp(out, "—"), "NaN: %s", out);
	CHECK(!strcmp((vn_format_number(out, sizeof out, INFINITY, 2), out), "—"), "infinity");
	/* the largest double still fits */
	size_t n = vn_format_number(out, sizeof out, -1.7976931348623157e308, 6);
	CHECK(n > 400 && n < VN_NUMBER_MAX && out[0] == '-' && out[4] == '.', "huge: %zu %s", n,
	      out);
	/* a small buffer truncates */
	char small[5];
	CHECK_INT(vn_format_number(small, sizeof small, 1234567, 0), 4, "truncated length");
	CHECK_STR(small, "1.23", "truncated text");
}

/* ---- vn_find_date -------------------------------------------------------- */

static const struct find_row {
	const char *s;
	int default_year;
	int found;
	int y, m, d;
	const char *match; /* the text the span must cover */
} find_rows[] = {
	{"ngày 21 tháng 3 năm 2024", 0, 1, 2024, 3, 21, "ngày 21 tháng 3 năm 2024"},
	{"Hà Nội, ngày 21 tháng 3 năm 2024", 0, 1, 2024, 3, 21, "ngày 21 tháng 3 năm 2024"},
	{"Lào Cai, ngày 15 tháng 9 năm 2022", 0, 1, 2022, 9, 15, "ngày 15 tháng 9 năm 2022"},
	{"NGÀY 21 THÁNG 3 NĂM 2024", 0, 1, 2024, 3, 21, "NGÀY 21 THÁNG 3 NĂM 2024"},
	{"ngày 04/5/2021", 0, 1, 2021, 5, 4, "ngày 04/5/2021"},
	{"04/5/2021", 0, 1, 2021, 5, 4, "04/5/2021"},
	{"19/2/2014", 0, 1, 2014, 2, 19, "19/2/2014"},
	{"15/6", 2024, 1, 2024, 6, 15, "15/6"},
	{"15/6", 0, 1, 0, 6, 15, "15/6"},
	{"Quyết định số 1432/QĐ-UBND ngày 04/5/2021 của UBND tỉnh", 0, 1, 2021, 5, 4, "ngày 04/5/2021"},
	{"Nghị quyết số 29-NQ/TU, ngày 22/7/2022 của Ban Thường vụ", 0, 1, 2022, 7, 22, "ngày 22/7/2022"},
	{"Nghị quyết số 06/NQ-BCH ngày 19/2/2014 của BCH TW Hội", 0, 1, 2014, 2, 19, "ngày 19/2/2014"},
	{"Nghị quyết số 06/NQ-BCH, ngày 19/02/2014", 0, 1, 2014, 2, 19, "ngày 19/02/2014"},
	{"Nghị định số 56/2012/NĐ-CP ngày 16/7/2012 của Chính phủ", 0, 1, 2012, 7, 16, "ngày 16/7/2012"},
	{"Nghị quyết số 06/2021/NQ-HĐND ngày\n 09/4/2021 của Hội đồng", 0, 1, 2021, 4, 9, "ngày\n 09/4/2021"},
	{"Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng", 0, 1, 2021, 10, 14, "ngày 14/10/2021"},
	{"báo cáo sơ kết 06 tháng trước ngày 15/6; báo cáo tổng kết trước ngày 20/12/2024)",
	 2024, 1, 2024, 6, 15, "ngày 15/6"},
	{"trước 15/6 hằng năm", 2025, 1, 2025, 6, 15, "15/6"},
	{"Lào Cai, ngày   tháng   năm 2024", 0, 1, 2024, 0, 0, "ngày   tháng   năm 2024"},
	{"Kèm theo Kế hoạch số /KH-UBND ngày tháng năm 2024 của UBND tỉnh", 0, 1, 2024, 0, 0,
	 "ngày tháng năm 2024"},
	{"ngày   tháng 3 năm 2024", 0, 1, 2024, 3, 0, "ngày   tháng 3 năm 2024"},
	{"ngày 15 tháng 6", 2024, 1, 2024, 6, 15, "ngày 15 tháng 6"},
	{"ngày 15 tháng 6 năm nay", 2023, 1, 2023, 6, 15, "ngày 15 tháng 6"},
	{"ngày\xC2\xA0" "01 tháng 6 năm 2017", 0, 1, 2017, 6, 1, "ngày\xC2\xA0" "01 tháng 6 năm 2017"},
	{"(ngày 04-5-2021)", 0, 1, 2021, 5, 4, "ngày 04-5-2021"},
	{"04.5.2021", 0, 1, 2021, 5, 4, "04.5.2021"},
	{"29/2/2024", 0, 1, 2024, 2, 29, "29/2/2024"},
	{"29/2", 0, 1, 0, 2, 29, "29/2"},
	{"ngày càng vững chắc; ngày 12/12/2022", 0, 1, 2022, 12, 12, "ngày 12/12/2022"},
	/* not dates */
	{"Quý IV (dự kiến tháng 10/2024).", 0, 0, 0, 0, 0, NULL},
	{"tháng 5/2024", 2024, 0, 0, 0, 0, NULL},
	{"31/2/2024", 0, 0, 0, 0, 0, NULL},
	{"29/2/2023", 0, 0, 0, 0, 0, NULL},
	{"32/1", 2024, 0, 0, 0, 0, NULL},
	{"15/13/2024", 0, 0, 0, 0, 0, NULL},
	{"Quyết định số 1432/QĐ-UBND", 0, 0, 0, 0, 0, NULL},
	{"Nghị quyết số 29-NQ/TU", 0, 0, 0, 0, 0, NULL},
	{"giai đoạn 2021-2025", 0, 0, 0, 0, 0, NULL},
	{"Nghị quyết số 06/NQ-BCH", 0, 0, 0, 0, 0, NULL},
	{"Chỉ thị số 05/CT-TTg", 0, 0, 0, 0, 0, NULL},
	{"Kế hoạch số 468/KH-HLHPNVN-UBDT", 0, 0, 0, 0, 0, NULL},
	{"Nghị định số 56/2012/NĐ-CP", 0, 0, 0, 0, 0, NULL},
	{"mục 1.1 và 2.1", 0, 0, 0, 0, 0, NULL},
	{"từ 20-25%", 0, 0, 0, 0, 0, NULL},
	{"15/6/21", 0, 0, 0, 0, 0, NULL},
	{"ngày 32 tháng 1 năm 2024", 0, 0, 0, 0, 0, NULL},
	{"ngày 5 tháng năm 2024", 0, 0, 0, 0, 0, NULL},
	{"ngày tháng năm", 0, 0, 0, 0, 0, NULL},
	{"hằng ngày", 0, 0, 0, 0, 0, NULL},
	{"", 0, 0, 0, 0, 0, NULL},
};

static void test_find(void)
{
	for (size_t i = 0; i < sizeof find_rows / sizeof find_rows[0]; i++) {
		const struct find_row *r = &find_rows[i];
		struct ph_date d = {-1, -1, -1};
		size_t st = 999, len = 999;
		int rc = vn_find_date(r->s, r->default_year, &d, &st, &len);
		CHECK_INT(rc, r->found ? 0 : PH_ENOTFOUND, r->s);
		if (!r->found || rc != 0)
			continue;
		CHECK_INT(d.y, r->y, r->s);
		CHECK_INT(d.m, r->m, r->s);
		CHECK_INT(d.d, r->d, r->s);
		const char *at = strstr(r->s, r->match);
		CHECK(at && st == (size_t)(at - r->s) && len == strlen(r->match),
		      "%s: span %zu+%zu, want \"%s\"", r->s, st, len, r->match);
	}
	struct ph_date d;
	CHECK_INT(vn_find_date("ngày 04/5/2021", 0, &d, NULL, NULL), 0, "NULL span pointers");
	CHECK_INT(vn_find_date(NULL, 0, &d, NULL, NULL), PH_ENOTFOUND, "NULL text");
}

/* ---- vn_parse_date ------------------------------------------------------- */

static const struct parse_row {
	const char *s;
	int default_year;
	int ok;
	int y, m, d;
} parse_rows[] = {
	{"ngày 21 tháng 3 năm 2024", 0, 1, 2024, 3, 21},
	{"ngày 04/5/2021", 0, 1, 2021, 5, 4},
	{"04/5/2021", 0, 1, 2021, 5, 4},
	{"  19/2/2014  ", 0, 1, 2014, 2, 19},
	{"15/6", 2024, 1, 2024, 6, 15},
	{"15/6", 0, 1, 0, 6, 15},
	{"ngày   tháng   năm 2024", 0, 1, 2024, 0, 0},
	{"Ngày 20/12/2024", 0, 1, 2024, 12, 20},
	{"tháng 10/2024", 0, 0, 0, 0, 0},
	{"31/2/2024", 0, 0, 0, 0, 0},
	{"32/1", 2024, 0, 0, 0, 0},
	{"04/5/2021 của UBND", 0, 0, 0, 0, 0},
	{"Hà Nội, ngày 21 tháng 3 năm 2024", 0, 0, 0, 0, 0},
	{"06/NQ-BCH", 0, 0, 0, 0, 0},
	{"1432/QĐ-UBND", 0, 0, 0, 0, 0},
	{"", 0, 0, 0, 0, 0},
	{"ngày", 0, 0, 0, 0, 0},
};

static void test_parse(void)
{
	for (size_t i = 0; i < sizeof parse_rows / sizeof parse_rows[0]; i++) {
		const struct parse_row *r = &parse_rows[i];
		struct ph_date d = {-1, -1, -1};
		int rc = vn_parse_date(r->s, r->default_year, &d);
		CHECK_INT(rc, r->ok ? 0 : PH_EINVAL, r->s);
		if (r->ok && rc == 0) {
			CHECK_INT(d.y, r->y, r->s);
			CHECK_INT(d.m, r->m, r->s);
			CHECK_INT(d.d, r->d, r->s);
		}
		if (!r->ok)
			CHECK(d.y == -1, "%s: output untouched on error", r->s);
	}
}

/* ---- roman numerals ------------------------------------------------------ */

static void test_roman(void)
{
	static const struct {
		const char *s;
		int want;
	} rows[] = {
		{"I", 1}, {"II", 2}, {"III", 3}, {"IV", 4}, {"iv", 4}, {"V", 5},
		{"VIII", 8}, {"IX", 9}, {"X", 10}, {"XIV", 14}, {"XIX", 19},
		{"xx", 20}, {"Xv", 15},
		{"IIII", 0}, {"", 0}, {"XXI", 0}, {"IC", 0}, {"VV", 0},
		{"IIX", 0}, {"A", 0}, {"1", 0}, {"L", 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		CHECK_INT(vn_roman(rows[i].s, strlen(rows[i].s)), rows[i].want, rows[i].s);
	CHECK_INT(vn_roman("IV. Tổ chức thực hiện", 2), 4, "prefix of a heading");
	CHECK_INT(vn_roman("IV", 1), 1, "only n bytes are read");
	CHECK_INT(vn_roman("I\0", 2), 0, "embedded NUL");
	CHECK_INT(vn_roman(NULL, 3), 0, "NULL");
}

int main(void)
{
	test_numbers();
	test_typed();
	test_format();
	test_find();
	test_parse();
	test_roman();
	TEST_END("test_vnnum");
}

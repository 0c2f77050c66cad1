/* test_vnnum.c: Vietnamese numbers, dates and roman numerals (vnnum.h).
 * Most rows come from the sample documents (citations of decisions and
 * resolutions, reporting deadlines, targets and figures). */
#include "test.h"
#include "base/vnnum.h"
#include "base/err.h"

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
	test_find();
	test_parse();
	test_roman();
	TEST_END("test_vnnum");
}

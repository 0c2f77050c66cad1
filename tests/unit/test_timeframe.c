/* test_timeframe.c: Vietnamese timeframe phrases -> date ranges. One table
 * row per phrase: the document's year, whether the plan's period is known,
 * and the kind, start, end and "expected" flag the parser must give (kind
 * TF_NONE: the phrase must be refused with PH_EFORMAT). */
#include "test.h"
#include "import/timeframe.h"
#include "base/err.h"
#include "base/text.h"

#define R TF_RANGE
#define O TF_ONGOING
#define D TF_DEADLINE
#define N TF_NONE

/* The plan period used by rows with period = 1 (a 2021-2025 regulation). */
static const struct ph_date period_start = {2021, 1, 1};
static const struct ph_date period_end = {2025, 12, 31};

static const struct row {
	const char *text;
	int year;           /* ctx->year */
	int period;         /* 1: ctx carries period_start..period_end */
	enum tf_kind kind;
	const char *start;  /* ISO, "" for none */
	const char *end;
	int expected;
} rows[] = {
	/* Quarters. */
	{"Quý IV/2024", 0, 0, R, "2024-10-01", "2024-12-31", 0},
	{"Quý II, III/2024", 0, 0, R, "2024-04-01", "2024-09-30", 0},
	{"Quý I, II/2024", 0, 0, R, "2024-01-01", "2024-06-30", 0},
	{"Từ quý II đến quý IV/2024", 0, 0, R, "2024-04-01", "2024-12-31", 0},
	{"Từ quý II đến quý IV/2024.", 0, 0, R, "2024-04-01", "2024-12-31", 0},
	{"Quý I- IV/2024", 0, 0, R, "2024-01-01", "2024-12-31", 0},
	{"Từ quý I- IV/2024", 0, 0, R, "2024-01-01", "2024-12-31", 0},
	{"Từ quý II - IV/2024", 0, 0, R, "2024-04-01", "2024-12-31", 0},
	{"quý II-III/2024", 0, 0, R, "2024-04-01", "2024-09-30", 0},
	{"Quý 2/2024", 0, 0, R, "2024-04-01", "2024-06-30", 0},
	{"Quý 1 - 2/2025", 0, 0, R, "2025-01-01", "2025-06-30", 0},
	{"quý II năm 2024", 0, 0, R, "2024-04-01", "2024-06-30", 0},
	{"Quý III", 2023, 0, R, "2023-07-01", "2023-09-30", 0},
	{"Quý I, III/2024", 0, 0, R, "2024-01-01", "2024-09-30", 0},
	{"QUÝ  IV  /  2024", 0, 0, R, "2024-10-01", "2024-12-31", 0},
	{"quý iv/2024", 0, 0, R, "2024-10-01", "2024-12-31", 0},
	{"Quý II – IV/2024", 0, 0, R, "2024-04-01", "2024-12-31", 0},
	{"Quý II—IV/2024", 0, 0, R, "2024-04-01", "2024-12-31", 0},
	{"Quý II,III/2024", 0, 0, R, "2024-04-01", "2024-09-30", 0},
	{"Quý I, II và III/2024", 0, 0, R, "2024-01-01", "2024-09-30", 0},
	{"Quý I và quý II/2024", 0, 0, R, "2024-01-01", "2024-06-30", 0},
	{"Từ quý IV/2024 đến quý II/2025", 0, 0, R, "2024-10-01", "2025-06-30", 0},
	{"Quý IV/2024, quý I/2025", 0, 0, R, "2024-10-01", "2025-03-31", 0},
	{"Quý IV/2024;", 0, 0, R, "2024-10-01", "2024-12-31", 0},
	{"Thời gian thực hiện: Quý IV/2024", 0, 0, R, "2024-10-01", "2024-12-31", 0},
	{"Quý\xc2\xa0IV/2024", 0, 0, R, "2024-10-01", "2024-12-31", 0},
	{"Trong quý II/2024", 0, 0, R, "2024-04-01", "2024-06-30", 0},

	/* Months. */
	{"tháng 10/2024", 0, 0, R, "2024-10-01", "2024-10-31", 0},
	{"Tháng 3 - 5/2024", 0, 0, R, "2024-03-01", "2024-05-31", 0},
	{"Tháng 3 – 5/2024", 0, 0, R, "2024-03-01", "2024-05-31", 0},
	{"từ tháng 3 đến tháng 5 năm 2024", 0, 0, R, "2024-03-01", "2024-05-31", 0},
	{"tháng 6 năm 2024", 0, 0, R, "2024-06-01", "2024-06-30", 0},
	{"Tháng 12", 2024, 0, R, "2024-12-01", "2024-12-31", 0},
	{"Tháng 2/2024", 0, 0, R, "2024-02-01", "2024-02-29", 0},
	{"Tháng 2/2023", 0, 0, R, "2023-02-01", "2023-02-28", 0},
	{"Tháng 01/2024", 0, 0, R, "2024-01-01", "2024-01-31", 0},
	{"Từ 10/2024 đến 12/2024", 0, 0, R, "2024-10-01", "2024-12-31", 0},
	{"Trong tháng 6/2024", 0, 0, R, "2024-06-01", "2024-06-30", 0},
	{"Từ tháng 9/2024 đến tháng 3/2025", 0, 0, R, "2024-09-01", "2025-03-31", 0},

	/* Years and half years. */
	{"Năm 2024", 0, 0, R, "2024-01-01", "2024-12-31", 0},
	{"năm 2024;", 0, 0, R, "2024-01-01", "2024-12-31", 0},
	{"Thực hiện theo kế hoạch năm 2024", 2023, 0, R, "2024-01-01", "2024-12-31", 0},
	{"Thực hiện theo kế hoạch năm", 2024, 0, R, "2024-01-01", "2024-12-31", 0},
	{"theo kế hoạch năm", 2025, 1, R, "2025-01-01", "2025-12-31", 0},
	{"Hằng năm", 2024, 0, R, "2024-01-01", "2024-12-31", 0},
	{"hàng năm", 2024, 0, R, "2024-01-01", "2024-12-31", 0},
	{"Trong năm", 2024, 0, R, "2024-01-01", "2024-12-31", 0},
	{"Năm 2024 - 2025", 0, 0, R, "2024-01-01", "2025-12-31", 0},
	{"2024-2025", 0, 0, R, "2024-01-01", "2025-12-31", 0},
	{"giai đoạn 2021-2025", 0, 0, R, "2021-01-01", "2025-12-31", 0},
	{"Giai đoạn 2021 – 2025", 0, 0, R, "2021-01-01", "2025-12-31", 0},
	{"Từ năm 2021 đến năm 2025", 0, 0, R, "2021-01-01", "2025-12-31", 0},
	{"6 tháng đầu năm 2024", 0, 0, R, "2024-01-01", "2024-06-30", 0},
	{"6 tháng cuối năm", 2024, 0, R, "2024-07-01", "2024-12-31", 0},

	/* Ongoing. */
	{"Thực hiện thường xuyên", 2024, 0, O, "2024-01-01", "2024-12-31", 0},
	{"Thực hiện thường xuyên", 2024, 1, O, "2021-01-01", "2025-12-31", 0},
	{"Thường xuyên", 2024, 0, O, "2024-01-01", "2024-12-31", 0},
	{"THƯỜNG XUYÊN.", 2024, 0, O, "2024-01-01", "2024-12-31", 0},
	{"thường xuyên trong năm", 2024, 1, O, "2021-01-01", "2025-12-31", 0},
	{"thường xuyên trong năm", 2024, 0, O, "2024-01-01", "2024-12-31", 0},
	{"Thường xuyên trong năm 2024", 2024, 1, O, "2024-01-01", "2024-12-31", 0},
	{"Thường xuyên, liên tục", 2024, 0, O, "2024-01-01", "2024-12-31", 0},
	{"Cả năm", 2024, 0, O, "2024-01-01", "2024-12-31", 0},
	{"Cả năm 2025", 2024, 0, O, "2025-01-01", "2025-12-31", 0},
	{"Thực hiện thường xuyên", 0, 1, O, "2021-01-01", "2025-12-31", 0},
	{"Thực hiện thường xuyên", 0, 0, N, "", "", 0},

	/* Expected. */
	{"Dự kiến quý II-III/2024", 0, 0, R, "2024-04-01", "2024-09-30", 1},
	{"Quý IV (dự kiến tháng 10/2024)", 0, 0, R, "2024-10-01", "2024-10-31", 1},
	{"Quý IV (dự kiến tháng 10/2024).", 0, 0, R, "2024-10-01", "2024-10-31", 1},
	{"Quý IV (dự kiến tháng 12/2024).", 0, 0, R, "2024-12-01", "2024-12-31", 1},
	{"Quý IV (Dự kiến tháng 10)", 2023, 0, R, "2023-10-01", "2023-10-31", 1},
	{"Quý IV/2024 (dự kiến)", 0, 0, R, "2024-10-01", "2024-12-31", 1},
	{"Quý IV/2024 (tháng 11/2024)", 0, 0, R, "2024-11-01", "2024-11-30", 0},
	{"Quý IV (dự kiến tháng 3/2024)", 0, 0, N, "", "", 0},
	{"Quý IV/2024 (dự kiến tháng 10/2025)", 0, 0, N, "", "", 0},

	/* Deadlines: "trước", "chậm nhất", "đến hết", and a lone full date. */
	{"trước ngày 15/6", 2024, 0, D, "", "2024-06-15", 0},
	{"trước ngày 20/12/2024", 2023, 0, D, "", "2024-12-20", 0},
	{"Trước 30/6/2024", 0, 0, D, "", "2024-06-30", 0},
	{"chậm nhất ngày 15/6/2024", 0, 0, D, "", "2024-06-15", 0},
	{"Chậm nhất ngày 15/6/2024.", 0, 0, D, "", "2024-06-15", 0},
	{"hoàn thành trước ngày 31/12/2024", 0, 0, D, "", "2024-12-31", 0},
	{"ngày 15/6/2024", 0, 0, D, "", "2024-06-15", 0},
	{"15/6/2024", 0, 0, D, "", "2024-06-15", 0},
	{"trước ngày 15 tháng 6 năm 2024", 0, 0, D, "", "2024-06-15", 0},
	{"Đến hết năm 2025", 0, 0, D, "", "2025-12-31", 0},
	{"đến tháng 6/2024", 0, 0, D, "", "2024-06-30", 0},
	{"trước ngày 29/2/2024", 0, 0, D, "", "2024-02-29", 0},
	{"Từ ngày 01/3/2024 đến ngày 30/6/2024", 0, 0, R, "2024-03-01", "2024-06-30", 0},
	{"trước ngày 15/6", 0, 0, N, "", "", 0},
	{"trước ngày 29/2/2023", 0, 0, N, "", "", 0},
	{"trước ngày 31/2/2024", 0, 0, N, "", "", 0},
	{"trước ngày 31/4/2024", 0, 0, N, "", "", 0},
	{"ngày 0/6/2024", 0, 0, N, "", "", 0},
	{"Trước tháng 6/2024", 0, 0, N, "", "", 0},
	{"trước ngày 15/6/24", 0, 0, N, "", "", 0},

	/* Mixtures of units: from the start of the first to the end of the last. */
	{"Quý II/2024 và tháng 3/2025", 0, 0, R, "2024-04-01", "2025-03-31", 0},
	{"tháng 3 và quý III/2024", 0, 0, R, "2024-03-01", "2024-09-30", 0},

	/* Not understood: refused, never guessed. */
	{"Khi có yêu cầu", 2024, 0, N, "", "", 0},
	{"", 2024, 0, N, "", "", 0},
	{"   ", 2024, 0, N, "", "", 0},
	{"Quý V/2024", 2024, 0, N, "", "", 0},
	{"Quý 0/2024", 2024, 0, N, "", "", 0},
	{"Quý", 2024, 0, N, "", "", 0},
	{"theo tiến độ", 2024, 0, N, "", "", 0},
	{"Theo kế hoạch", 2024, 0, N, "", "", 0},
	{"tháng 13/2024", 2024, 0, N, "", "", 0},
	{"Quý IV, I/2024", 2024, 0, N, "", "", 0},
	{"Tháng 3 - 3/2024", 2024, 0, N, "", "", 0},
	{"Quý III/2024 - quý II", 2024, 0, N, "", "", 0},
	{"Năm 1800", 2024, 0, N, "", "", 0},
	{"Năm 2150", 2024, 0, N, "", "", 0},
	{"Năm", 2024, 0, N, "", "", 0},
	{"Quý II", 0, 0, N, "", "", 0},
	{"Hằng năm", 0, 0, N, "", "", 0},
	{"Quý II/24", 2024, 0, N, "", "", 0},
	{"Quý II - 2024", 2024, 0, N, "", "", 0},
	{"Quý II.2024", 2024, 0, N, "", "", 0},
	{"Quý II/2024 ngày", 2024, 0, N, "", "", 0},
	{"Từ quý II/2024", 2024, 0, N, "", "", 0},
	{"Quý II/2024 (theo kế hoạch)", 2024, 0, N, "", "", 0},
	{"Quý II/2024 (dự kiến", 2024, 0, N, "", "", 0},
	{"Quý II/2024 ()", 2024, 0, N, "", "", 0},
	{"Quý II/2024 (thực hiện)", 2024, 0, N, "", "", 0},
	{"ngày 45/6/2024", 2024, 0, N, "", "", 0},
	{"Thường xuyên (dự kiến quý II/2024)", 2024, 0, N, "", "", 0},
	{"Dự kiến", 2024, 0, N, "", "", 0},
	{"Năm 2024 và các năm tiếp theo", 2024, 0, N, "", "", 0},
	{"Q2/2024", 2024, 0, N, "", "", 0},
	{"*Quý II/2024*", 2024, 0, N, "", "", 0},
};

int main(void)
{
	char ctxname[160], s[11], e[11];

	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		const struct row *r = &rows[i];
		struct tf_context ctx = {r->year, {0, 0, 0}, {0, 0, 0}};
		/* Garbage in *out must not survive a refusal. */
		struct timeframe tf = {{1, 1, 1}, {1, 1, 1}, TF_RANGE, 1};
		if (r->period) {
			ctx.period_start = period_start;
			ctx.period_end = period_end;
		}
		snprintf(ctxname, sizeof ctxname, "\"%s\" (year %d%s)", r->text, r->year,
		         r->period ? ", period" : "");
		int rc = timeframe_parse(r->text, &ctx, &tf);
		CHECK_INT(rc, r->kind == TF_NONE ? PH_EFORMAT : 0, ctxname);
		CHECK_INT(tf.kind, r->kind, ctxname);
		date_iso(tf.start, s);
		date_iso(tf.end, e);
		CHECK_STR(s, r->start, ctxname);
		CHECK_STR(e, r->end, ctxname);
		CHECK_INT(tf.expected, r->expected, ctxname);
		if (r->kind == TF_NONE || r->kind == TF_DEADLINE)
			CHECK(tf.start.y == 0 && tf.start.m == 0 && tf.start.d == 0,
			      "%s: start is zero", ctxname);
		if (r->kind == TF_NONE)
			CHECK(tf.end.y == 0 && tf.end.m == 0 && tf.end.d == 0,
			      "%s: end is zero", ctxname);
	}
	CHECK(sizeof rows / sizeof *rows >= 50, "at least 50 phrases");

	/* No context at all: phrases with their own year still parse. */
	struct timeframe tf;
	CHECK_INT(timeframe_parse("Quý II, III/2024", NULL, &tf), 0, "NULL ctx");
	CHECK_INT(tf.kind, TF_RANGE, "NULL ctx kind");
	CHECK_INT(timeframe_parse("Thường xuyên", NULL, &tf), PH_EFORMAT,
	          "NULL ctx, ongoing needs a year");
	CHECK_INT(tf.kind, TF_NONE, "NULL ctx, ongoing refused");
	CHECK_INT(timeframe_parse(NULL, NULL, &tf), PH_EFORMAT, "NULL text");
	CHECK_INT(tf.kind, TF_NONE, "NULL text kind");

	/* A context year out of bounds is no year. */
	struct tf_context bad = {3000, {0, 0, 0}, {0, 0, 0}};
	CHECK_INT(timeframe_parse("Quý II", &bad, &tf), PH_EFORMAT, "ctx year 3000");

	/* A reversed period falls back to the year. */
	struct tf_context rev = {2024, {2025, 1, 1}, {2021, 1, 1}};
	CHECK_INT(timeframe_parse("Thường xuyên", &rev, &tf), 0, "reversed period");
	date_iso(tf.start, s);
	CHECK_STR(s, "2024-01-01", "reversed period start");

	CHECK_STR(timeframe_kind_name(TF_RANGE), "range", "kind name range");
	CHECK_STR(timeframe_kind_name(TF_ONGOING), "ongoing", "kind name ongoing");
	CHECK_STR(timeframe_kind_name(TF_DEADLINE), "deadline", "kind name deadline");
	CHECK_STR(timeframe_kind_name(TF_NONE), NULL, "kind name none");
	CHECK_STR(timeframe_kind_name((enum tf_kind)42), NULL, "kind name unknown");

	text_cleanup();
	TEST_END("test_timeframe");
}

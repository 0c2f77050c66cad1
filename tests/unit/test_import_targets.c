/* test_import_targets.c: the pure mapping of an extracted target to the
 * years of its indicator targets and to a default indicator type
 * (model/import_targets.h). */
#include "test.h"
#include "model/import_targets.h"
#include "import/extract.h"

static const struct year_row {
	const char *what;
	const char *unit;
	int year_from, year_to, each_year, doc_year;
	size_t n;          /* years expected */
	int first, last;   /* when n > 0 */
	const char *type;
} rows[] = {
	{"each year 2026-2030", "%", 2026, 2030, 1, 2022, 5, 2026, 2030, "rate"},
	{"by 2025 only", "%", 0, 2025, 0, 2022, 1, 2025, 2025, "rate"},
	{"a range, not each year: the last year", "mô hình", 2024, 2026, 0, 0, 1, 2026, 2026, "count"},
	{"each year, no years named: the document's year", "việc làm mới", 0, 0, 1, 2022, 1, 2022, 2022, "count"},
	{"only year_from", NULL, 2027, 0, 1, 2022, 1, 2027, 2027, "count"},
	{"no year at all", "%", 0, 0, 0, 0, 0, 0, 0, "rate"},
	{"backwards range", "%", 2030, 2026, 1, 0, 0, 0, 0, "rate"},
	{"each year with only year_to", "hộ", 0, 2025, 1, 2022, 1, 2025, 2025, "count"},
	{"a range too long", "%", 1950, 2030, 1, 0, 0, 0, 0, "rate"},
};

int main(void)
{
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		const struct year_row *w = &rows[i];
		struct ex_target t = {
			.text = "x", .op = ">=", .value = 1, .unit = (char *)w->unit,
			.year_from = w->year_from, .year_to = w->year_to, .each_year = w->each_year,
		};
		int years[IMPORT_TARGETS_MAX_YEARS] = {0};
		size_t n = import_targets_years(&t, w->doc_year, years);
		CHECK_INT(n, w->n, w->what);
		if (n && n == w->n) {
			CHECK_INT(years[0], w->first, w->what);
			CHECK_INT(years[n - 1], w->last, w->what);
			for (size_t k = 1; k < n; k++)
				CHECK_INT(years[k], years[k - 1] + 1, w->what);
		}
		CHECK_STR(import_targets_default_type(&t), w->type, w->what);
	}
	CHECK_STR(import_targets_default_type(NULL), "count", "no target");
	TEST_END("import_targets");
}

/* fuzz_period.c: indicator periods on any text: indicator_period_parse
 * and indicator_period_label (src/model/indicator.h).
 *
 * Invariants:
 *   - a period parses to its year (the first four characters) and to the
 *     last day of a month of that year that ends a year, half, quarter or
 *     month, as a real ISO date;
 *   - its label is new Vietnamese text (valid UTF-8, NFC) naming the year;
 *     the label of anything else is the text itself. */
#include "fuzz.h"
#include "base/arena.h"
#include "base/date.h"
#include "base/text.h"
#include "model/indicator.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	if (!s)
		return 0;
	struct arena a;
	arena_init(&a);
	int year = 0;
	char end[11] = "unchanged";
	int rc = indicator_period_parse(s, &year, end);
	const char *label = indicator_period_label(&a, s);
	if (rc) {
		FUZZ_ASSERT(label == s);
		goto out;
	}
	fuzz_reached();
	struct ph_date d;
	FUZZ_ASSERT(date_parse_iso(end, &d) == 0);
	FUZZ_ASSERT(year == atoi(s) && d.y == year);
	FUZZ_ASSERT(d.d == date_days_in_month(d.y, d.m));
	const char *kind = s + 4;
	if (!*kind || !strcmp(kind, "-H2"))
		FUZZ_ASSERT(d.m == 12);
	else if (!strcmp(kind, "-H1"))
		FUZZ_ASSERT(d.m == 6);
	else if (kind[1] == 'Q')
		FUZZ_ASSERT(d.m % 3 == 0 && d.m / 3 == kind[2] - '0');
	else
		FUZZ_ASSERT(d.m == atoi(kind + 1));

	FUZZ_ASSERT(label && label != s);
	char y[8];
	snprintf(y, sizeof y, "%d", year);
	FUZZ_ASSERT(strstr(label, y) != NULL);
	FUZZ_ASSERT(text_utf8_valid(label, strlen(label), NULL) && fuzz_is_nfc(label));
out:
	arena_cleanup(&a);
	free(s);
	return 0;
}

const struct fuzz_target fuzz_target = {"period", 2000, 2, NULL};

/* date.c: calendar helpers behind date.h. */
#include "base/date.h"
#include "base/err.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int date_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int date_is_full(struct ph_date d)
{
	return d.y >= 1900 && d.y <= 2200 && d.m >= 1 && d.m <= 12 &&
	       d.d >= 1 && d.d <= date_days_in_month(d.y, d.m);
}

int date_iso(struct ph_date d, char out[static 11])
{
	if (!date_is_full(d)) {
		out[0] = 0;
		return 0;
	}
	/* Written digit by digit: the ranges are checked above, and gcc cannot
	 * see that through snprintf at every optimization level. */
	int v[3] = {d.y, d.m, d.d}, width[3] = {4, 2, 2}, at = 0;
	for (int k = 0; k < 3; k++) {
		if (k)
			out[at++] = '-';
		for (int w = width[k] - 1, x = v[k]; w >= 0; w--, x /= 10)
			out[at + w] = (char)('0' + x % 10);
		at += width[k];
	}
	out[at] = 0;
	return 1;
}

int date_cmp(struct ph_date a, struct ph_date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

int date_parse_iso(const char *s, struct ph_date *out)
{
	int y, m, d, n = 0;
	if (!s || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || s[n] != 0)
		return PH_EINVAL;
	struct ph_date r = {y, m, d};
	if (!date_is_full(r))
		return PH_EINVAL;
	*out = r;
	return 0;
}

struct ph_date date_today(void)
{
	struct ph_date r = {0, 0, 0};
	const char *env = getenv("PHOIHOP_TODAY");
	if (env && *env && date_parse_iso(env, &r) == 0)
		return r;
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	r.y = tm.tm_year + 1900;
	r.m = tm.tm_mon + 1;
	r.d = tm.tm_mday;
	return r;
}

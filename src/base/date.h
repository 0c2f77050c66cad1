/* date.h: calendar dates without time zones. A field of 0 means "not
 * known" (a blank "ngày   tháng   năm 2024" gives y=2024, m=0, d=0). */
#ifndef PH_DATE_H
#define PH_DATE_H
#include <stddef.h>

struct ph_date {
	int y; /* year, e.g. 2024; 0 unknown */
	int m; /* month 1..12; 0 unknown */
	int d; /* day 1..31; 0 unknown */
};

/* 1 when y, m and d are all set and form a real calendar day. */
int date_is_full(struct ph_date d);
int date_days_in_month(int y, int m);
/* "2024-06-15" into out (at least 11 bytes); a date that is not full gives
 * "" and returns 0, else returns 1. */
int date_iso(struct ph_date d, char out[static 11]);
/* <0, 0, >0 like strcmp; unknown fields sort first. */
int date_cmp(struct ph_date a, struct ph_date b);
/* Today, in local time, unless PHOIHOP_TODAY=YYYY-MM-DD overrides it so that
 * date logic tests the same on any day. */
struct ph_date date_today(void);
/* Parse "YYYY-MM-DD". Returns 0 or PH_EINVAL. */
int date_parse_iso(const char *s, struct ph_date *out);

#endif

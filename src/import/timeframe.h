/* timeframe.h: Vietnamese timeframe phrases -> date ranges.
 *
 * "Quý II, III/2024" -> 2024-04-01..2024-09-30 (range); "Thực hiện thường
 * xuyên" -> the plan's period (ongoing); "trước ngày 15/6" -> deadline
 * 15/6 of the document's year; "Quý IV (dự kiến tháng 10/2024)" -> October
 * 2024, expected. A phrase that is not understood is never guessed: the
 * parser returns PH_EFORMAT and leaves kind = TF_NONE. */
#ifndef PH_TIMEFRAME_H
#define PH_TIMEFRAME_H
#include "base/date.h"

enum tf_kind {
	TF_NONE = 0,   /* not understood */
	TF_RANGE,      /* a start and an end */
	TF_ONGOING,    /* through the plan's whole period */
	TF_DEADLINE    /* an end only ("trước ngày ...") */
};

/* What the document tells us: its year and, when known, its period. */
struct tf_context {
	int year;                 /* the document's year; 0 unknown */
	struct ph_date period_start; /* plan period, or zeroes: then Jan 1 .. */
	struct ph_date period_end;   /* .. Dec 31 of year is used */
};

struct timeframe {
	struct ph_date start;  /* zeroes for TF_DEADLINE and TF_NONE */
	struct ph_date end;    /* zeroes for TF_NONE */
	enum tf_kind kind;
	int expected;          /* 1 for "dự kiến ..." */
};

/* Parse text (UTF-8, NFC). Returns 0 and fills *out, or PH_EFORMAT (out has
 * kind TF_NONE) when the phrase is not understood, or when it needs a year
 * that neither the phrase nor ctx gives. */
int timeframe_parse(const char *text, const struct tf_context *ctx,
                    struct timeframe *out);

/* "range", "ongoing", "deadline", or NULL for TF_NONE. */
const char *timeframe_kind_name(enum tf_kind k);

#endif

/* fuzz_timeframe.c: timeframe_parse (src/import/timeframe.h) on any
 * valid UTF-8 text in NFC (what the importer hands it), with no context
 * (NULL), with a document year, and with a document year and a plan period.
 *
 * Invariants:
 *   - a phrase not understood gives PH_EFORMAT and an all-zero TF_NONE;
 *   - a range has two real days in order; a deadline a real end day and
 *     no start; an ongoing timeframe two real days in order;
 *   - a phrase understood without a document year (it names its own)
 *     means the same with any context, unless it is ongoing (the plan's
 *     period is what "thường xuyên" means);
 *   - with no context and with a zero context the answer is the same. */
#include "fuzz.h"
#include "base/date.h"
#include "base/err.h"
#include "base/text.h"
#include "import/timeframe.h"
#include <stdlib.h>
#include <string.h>

static int same_tf(const struct timeframe *a, const struct timeframe *b)
{
	return a->kind == b->kind && a->expected == b->expected && !date_cmp(a->start, b->start) &&
	       !date_cmp(a->end, b->end);
}

static int parse(const char *s, const struct tf_context *ctx, struct timeframe *tf)
{
	static const struct ph_date zero = {0, 0, 0};
	int rc = timeframe_parse(s, ctx, tf);
	FUZZ_ASSERT(rc == 0 || rc == PH_EFORMAT);
	if (rc) {
		FUZZ_ASSERT(tf->kind == TF_NONE && !tf->expected);
		FUZZ_ASSERT(!date_cmp(tf->start, zero) && !date_cmp(tf->end, zero));
		return rc;
	}
	FUZZ_ASSERT(tf->expected == 0 || tf->expected == 1);
	FUZZ_ASSERT(timeframe_kind_name(tf->kind) != NULL);
	switch (tf->kind) {
	case TF_RANGE:
	case TF_ONGOING:
		FUZZ_ASSERT(date_is_full(tf->start) && date_is_full(tf->end));
		FUZZ_ASSERT(date_cmp(tf->start, tf->end) <= 0);
		break;
	case TF_DEADLINE:
		FUZZ_ASSERT(date_is_full(tf->end) && !date_cmp(tf->start, zero));
		break;
	default:
		FUZZ_ASSERT(!"timeframe_parse succeeded with kind TF_NONE");
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct tf_context none = {0, {0, 0, 0}, {0, 0, 0}};
	static const struct tf_context year = {2024, {0, 0, 0}, {0, 0, 0}};
	static const struct tf_context period = {2024, {2024, 3, 1}, {2025, 12, 31}};
	const char *in = (const char *)data;
	if (memchr(in, 0, size) || !text_utf8_valid(in, size, NULL))
		return 0;
	char *s = text_nfc(in, size);
	FUZZ_ASSERT(s != NULL);
	struct timeframe t0, tn, ty, tp;
	int r0 = parse(s, NULL, &t0);
	int rn = parse(s, &none, &tn);
	FUZZ_ASSERT(r0 == rn && same_tf(&t0, &tn));
	int ry = parse(s, &year, &ty);
	int rp = parse(s, &period, &tp);
	if (!r0 || !ry || !rp)
		fuzz_reached();
	if (!r0 && t0.kind != TF_ONGOING) {
		FUZZ_ASSERT(!ry && same_tf(&t0, &ty));
		FUZZ_ASSERT(!rp && same_tf(&t0, &tp));
	}
	if (!ry && ty.kind != TF_ONGOING)
		FUZZ_ASSERT(!rp && same_tf(&ty, &tp));
	free(s);
	return 0;
}

const struct fuzz_target fuzz_target = {"timeframe", 2000, 1, NULL};

/* fuzz_input.c: the check of typed text, input_text and input_optional
 * (src/model/input.h), on any bytes, as one line and as several, with a
 * small and a large length limit.
 *
 * Invariants, for text the check accepts:
 *   - it is valid UTF-8, NFC, within the limit, not empty, trimmed (no
 *     blank, tab, line end or NBSP at either end), with no control
 *     character (tabs and LF only when several lines are allowed; never
 *     CR, which becomes LF);
 *   - checking it again gives the same text (the check is idempotent);
 *   - input_optional agrees: the same text for text input_text accepts,
 *     nothing for blank text, and a refusal for the rest. */
#include "fuzz.h"
#include "base/err.h"
#include "base/text.h"
#include "model/input.h"
#include <stdlib.h>
#include <string.h>

static int is_blank(const char *s)
{
	for (; *s; s++)
		if (!strchr(" \t\r\n", *s))
			return 0;
	return 1;
}

static void check_accepted(const char *out, size_t max, int flags)
{
	size_t n = strlen(out);
	FUZZ_ASSERT(n >= 1 && n <= max);
	FUZZ_ASSERT(text_utf8_valid(out, n, NULL) && fuzz_is_nfc(out));
	const unsigned char *u = (const unsigned char *)out;
	FUZZ_ASSERT(!strchr(" \t\n\r", out[0]) && !strchr(" \t\n\r", out[n - 1]));
	FUZZ_ASSERT(!(n >= 2 && u[0] == 0xC2 && u[1] == 0xA0));
	FUZZ_ASSERT(!(n >= 2 && u[n - 2] == 0xC2 && u[n - 1] == 0xA0));
	for (const char *p = out; *p;) {
		size_t len = 0;
		int c = text_cp_at(p, &len);
		FUZZ_ASSERT(c >= 0 && len >= 1);
		if (c == '\n' || c == '\t')
			FUZZ_ASSERT(flags & INPUT_MULTILINE);
		else
			FUZZ_ASSERT(c >= 0x20 && !(c >= 0x7F && c <= 0x9F));
		p += len;
	}
	char *again = NULL;
	FUZZ_ASSERT(input_text(out, max, flags, &again) == 0 && !strcmp(again, out));
	free(again);
}

static void check_one(const char *s, size_t max, int flags)
{
	char *out = NULL, *opt = NULL;
	int rc = input_text(s, max, flags, &out);
	FUZZ_ASSERT(rc == 0 || rc == PH_EINVAL || rc == PH_ENOMEM);
	FUZZ_ASSERT(rc ? out == NULL : out != NULL);
	int orc = input_optional(s, max, flags, &opt);
	if (!rc) {
		fuzz_reached();
		check_accepted(out, max, flags);
		FUZZ_ASSERT(orc == 0 && opt && !strcmp(opt, out));
	} else if (rc == PH_EINVAL) {
		FUZZ_ASSERT(orc == 0 ? opt == NULL && is_blank(s) : orc == PH_EINVAL && !opt);
	}
	free(out);
	free(opt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	if (!s)
		return 0;
	for (int flags = INPUT_LINE; flags <= INPUT_MULTILINE; flags++) {
		check_one(s, 16, flags);
		check_one(s, 4000, flags);
	}
	FUZZ_ASSERT(input_text(NULL, 10, INPUT_LINE, &(char *){NULL}) == PH_EINVAL);
	free(s);
	return 0;
}

const struct fuzz_target fuzz_target = {"input", 2000, 25, NULL};

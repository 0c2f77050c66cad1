/* fuzz_legacy.c: the converter of Vietnamese typed in TCVN3 and VNI
 * (src/import/legacy.h) on any bytes: legacy_to_unicode in the three
 * codes, legacy_detect_text, legacy_fix_text, and legacy_font_encoding
 * on the input as a font name.
 *
 * Invariants:
 *   - valid UTF-8 converts in every code, failing only for want of
 *     memory; the result is valid UTF-8, in NFC (when it holds no NUL),
 *     its length as said; ASCII input comes out unchanged in TCVN3 and
 *     VNI (no ASCII byte is a code of either);
 *   - invalid UTF-8 is refused (PH_EINVAL) with nothing returned, and
 *     detection says LEGACY_NONE for it;
 *   - detection is deterministic and never names the capitals fonts;
 *     legacy_fix_text agrees with it and gives what legacy_to_unicode
 *     gives for the code found;
 *   - a font name gives one of the four answers, the same twice. */
#include "fuzz.h"
#include "base/err.h"
#include "base/text.h"
#include "import/legacy.h"
#include <stdlib.h>
#include <string.h>

static void check_convert(enum legacy_enc enc, const char *s, size_t n, int ascii)
{
	char *out = (char *)"unset";
	size_t len = 12345;
	int rc = legacy_to_unicode(enc, s, n, &out, &len);
	FUZZ_ASSERT(rc == 0 || rc == PH_ENOMEM);
	if (rc) {
		FUZZ_ASSERT(out == NULL && len == 0);
		return;
	}
	FUZZ_ASSERT(out != NULL && out[len] == 0);
	FUZZ_ASSERT(text_utf8_valid(out, len, NULL));
	if (strlen(out) == len)
		FUZZ_ASSERT(fuzz_is_nfc(out));
	if (ascii && enc != LEGACY_TCVN3_CAPS)
		FUZZ_ASSERT(len == n && !memcmp(out, s, n));
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	int valid = text_utf8_valid(s, size, NULL);
	enum legacy_enc found = legacy_detect_text(s, size);
	FUZZ_ASSERT(found == legacy_detect_text(s, size));
	FUZZ_ASSERT(found == LEGACY_NONE || found == LEGACY_TCVN3 || found == LEGACY_VNI);

	if (valid) {
		fuzz_reached();
		int ascii = 1;
		for (size_t i = 0; i < size; i++)
			if (data[i] >= 0x80)
				ascii = 0;
		check_convert(LEGACY_TCVN3, s, size, ascii);
		check_convert(LEGACY_TCVN3_CAPS, s, size, ascii);
		check_convert(LEGACY_VNI, s, size, ascii);
	} else {
		FUZZ_ASSERT(found == LEGACY_NONE);
		char *out = (char *)"unset";
		size_t len = 1;
		FUZZ_ASSERT(legacy_to_unicode(LEGACY_VNI, s, size, &out, &len) == PH_EINVAL);
		FUZZ_ASSERT(out == NULL && len == 0);
	}

	char *fixed = (char *)"unset";
	size_t flen = 1;
	enum legacy_enc fenc = LEGACY_VNI;
	int rc = legacy_fix_text(s, size, &fixed, &flen, &fenc);
	if (!valid) {
		FUZZ_ASSERT(rc == PH_EINVAL && fixed == NULL && fenc == LEGACY_NONE);
	} else if (rc == 0) {
		FUZZ_ASSERT(fenc == found);
		if (found == LEGACY_NONE) {
			FUZZ_ASSERT(fixed == NULL && flen == 0);
		} else {
			char *direct = NULL;
			size_t dlen = 0;
			if (legacy_to_unicode(found, s, size, &direct, &dlen) == 0)
				FUZZ_ASSERT(dlen == flen && !memcmp(direct, fixed, flen));
			free(direct);
		}
	} else {
		FUZZ_ASSERT(rc == PH_ENOMEM && fixed == NULL);
	}
	free(fixed);

	char *name = fuzz_cstr(data, size);
	if (name) {
		enum legacy_enc f = legacy_font_encoding(name);
		FUZZ_ASSERT(f >= LEGACY_NONE && f <= LEGACY_VNI);
		FUZZ_ASSERT(f == legacy_font_encoding(name));
		free(name);
	}
	return 0;
}

const struct fuzz_target fuzz_target = {"legacy", 3000, 20, NULL};

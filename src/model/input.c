/* input.c: checking typed text before it is stored (see input.h). */
#include "model/input.h"
#include "base/err.h"
#include "base/text.h"
#include <stdlib.h>
#include <string.h>

int input_bidi_control(int c)
{
	return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069);
}

int input_text(const char *s, size_t max, int flags, char **out)
{
	*out = NULL;
	if (!s)
		return PH_EINVAL;
	size_t n = strlen(s);
	if (!text_utf8_valid(s, n, NULL))
		return PH_EINVAL;
	for (const char *p = s; *p;) {
		size_t len = 0;
		int c = text_cp_at(p, &len);
		if (c < 0 || len == 0)
			return PH_EINVAL;
		int allowed = (flags & INPUT_MULTILINE) && (c == '\n' || c == '\r' || c == '\t');
		if (!allowed && (c < 0x20 || (c >= 0x7F && c <= 0x9F)))
			return PH_EINVAL;
		if (input_bidi_control(c))
			return PH_EINVAL;
		p += len;
	}
	char *nfc = text_nfc(s, n);
	if (!nfc)
		return PH_ENOMEM;
	/* CRLF and CR become LF. */
	size_t w = 0;
	for (size_t r = 0; nfc[r]; r++) {
		if (nfc[r] == '\r') {
			nfc[w++] = '\n';
			if (nfc[r + 1] == '\n')
				r++;
		} else {
			nfc[w++] = nfc[r];
		}
	}
	nfc[w] = 0;
	text_trim(nfc);
	if (!nfc[0] || strlen(nfc) > max) {
		free(nfc);
		return PH_EINVAL;
	}
	*out = nfc;
	return 0;
}

int input_optional(const char *s, size_t max, int flags, char **out)
{
	*out = NULL;
	if (!s)
		return 0;
	size_t i = 0;
	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')
		i++;
	if (!s[i])
		return 0;
	return input_text(s, max, flags, out);
}

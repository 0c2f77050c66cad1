/* test_input.c: what typed text the model accepts (src/model/input.c):
 * valid UTF-8, no control characters, no bidirectional controls (a file
 * named "\u202Etxt.exe" would read "exe.txt"), NFC, trimmed, not too long. */
#include "test.h"
#include "model/input.h"
#include "base/err.h"
#include <stdlib.h>

static void refused(const char *s, int flags, const char *ctx)
{
	char *out = NULL;
	CHECK_INT(input_text(s, 200, flags, &out), PH_EINVAL, ctx);
	CHECK(out == NULL, "%s: nothing given back", ctx);
}

int main(void)
{
	char *out = NULL;
	CHECK_INT(input_text("  Ba\xCC\x81o ca\xCC\x81o.pdf \n", 200, INPUT_LINE, &out), PH_EINVAL,
	          "a line break in a one-line field");
	CHECK_INT(input_text("  Ba\xCC\x81o ca\xCC\x81o.pdf  ", 200, INPUT_LINE, &out), 0, "decomposed");
	CHECK_STR(out, "Báo cáo.pdf", "NFC and trimmed");
	free(out);
	CHECK_INT(input_text("dòng 1\r\ndòng 2\r", 200, INPUT_MULTILINE, &out), 0, "multiline");
	CHECK_STR(out, "dòng 1\ndòng 2", "CRLF and CR become LF");
	free(out);
	refused("\xE2\x80\xAEtxt.exe", INPUT_LINE, "U+202E right-to-left override");
	refused("a\xE2\x80\x8F" "b", INPUT_LINE, "U+200F right-to-left mark");
	refused("a\xE2\x80\x8E" "b", INPUT_LINE, "U+200E left-to-right mark");
	refused("a\xE2\x81\xA6" "b", INPUT_MULTILINE, "U+2066 isolate, in a note too");
	refused("a\xE2\x81\xA9" "b", INPUT_LINE, "U+2069 pop isolate");
	refused("a\xD8\x9C" "b", INPUT_LINE, "U+061C Arabic letter mark");
	refused("a\xE2\x80\xAA" "b", INPUT_LINE, "U+202A embedding");
	refused("a\x01" "b", INPUT_LINE, "C0 control");
	refused("a\xC2\x85" "b", INPUT_LINE, "C1 control");
	refused("a\xFF" "b", INPUT_LINE, "not UTF-8");
	refused("   ", INPUT_LINE, "blank");
	CHECK_INT(input_text("a\xE2\x80\x8D" "b", 200, INPUT_LINE, &out), 0,
	          "a zero-width joiner is text, not a direction control");
	free(out);
	CHECK_INT(input_bidi_control(0x202D), 1, "U+202D");
	CHECK_INT(input_bidi_control(0x2065), 0, "U+2065 is not one");
	TEST_END("test_input");
}

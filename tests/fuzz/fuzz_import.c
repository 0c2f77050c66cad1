/* fuzz_import.c: the importer fed with damaged documents. One entry point,
 * fuzz_one(), checks and extracts any bytes the way an upload is handled
 * (document_check, document_extract with the embedded registry, read both
 * as plain text and as Markdown, extraction_json) and must neither crash
 * nor trip the sanitizers; what it accepts must hold together
 * (check_text, check_extraction).
 *
 * Two ways to run it (tests/fuzz/README.md):
 *   - as a test (linked with driver.c): `fuzz_import [-n N] SEED...` runs
 *     each seed document and N deterministic mutations of it (the same
 *     inputs every run); tools/run-tests.sh gives it the seeds of
 *     tests/fuzz/seeds.sh, also under ASan+UBSan. At least half of the
 *     inputs must get past document_check to the extractors.
 *   - under libFuzzer (`make fuzz`): LLVMFuzzerTestOneInput calls fuzz_one().
 * An input that once crashed goes into tests/fuzz/corpus/import/ and stays. */
#include "base/buf.h"
#include "base/err.h"
#include "base/text.h"
#include "import/agency.h"
#include "import/extract.h"
#include "import/extract_json.h"
#include "model/document.h"
#include "model/unit.h"
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/date.h"
#include "fuzz.h"

static struct resolver *resolver;

/* What document_check hands on: NFC text of len bytes without NUL bytes. */
static void check_text(const char *text, size_t len)
{
	FUZZ_ASSERT(strlen(text) == len);
	FUZZ_ASSERT(text_utf8_valid(text, len, NULL));
	FUZZ_ASSERT(fuzz_is_nfc(text));
}

/* A timeframe is either not understood (no dates) or well ordered. */
static void check_timeframe(const struct timeframe *tf)
{
	struct ph_date zero = {0, 0, 0};
	if (tf->kind == TF_NONE) {
		FUZZ_ASSERT(!date_cmp(tf->start, zero) && !date_cmp(tf->end, zero));
	} else if (tf->kind == TF_RANGE) {
		FUZZ_ASSERT(date_is_full(tf->start) && date_is_full(tf->end));
		FUZZ_ASSERT(date_cmp(tf->start, tf->end) <= 0);
	} else if (tf->kind == TF_DEADLINE) {
		FUZZ_ASSERT(date_is_full(tf->end));
	}
}

/* Every source line the extraction names is a line of the text. */
static void check_extraction(const struct extraction *ex, const char *text)
{
	int lines = 1;
	for (const char *p = text; *p; p++)
		lines += *p == '\n';
#define LINE_OK(l) FUZZ_ASSERT((l) >= 0 && (l) <= lines)
	for (size_t i = 0; i < ex->tasks_len; i++) {
		LINE_OK(ex->tasks[i].line);
		check_timeframe(&ex->tasks[i].timeframe);
	}
	for (size_t i = 0; i < ex->sections_len; i++)
		LINE_OK(ex->sections[i].line);
	for (size_t i = 0; i < ex->deadlines_len; i++)
		LINE_OK(ex->deadlines[i].line);
	for (size_t i = 0; i < ex->targets_len; i++)
		LINE_OK(ex->targets[i].line);
	for (size_t i = 0; i < ex->references_len; i++)
		LINE_OK(ex->references[i].line);
	for (size_t i = 0; i < ex->review_len; i++)
		LINE_OK(ex->review[i].line);
#undef LINE_OK
}

/* Check and extract one input. Returns the document_check code (0 when the
 * text was accepted and extracted). */
static int fuzz_one(const uint8_t *data, size_t size)
{
	char *text = NULL, why[256];
	size_t len = 0;
	int bad_line = 0;
	int rc = document_check((const char *)data, size, &text, &len, &bad_line, why, sizeof why);
	if (rc)
		return rc;
	static const enum doc_format formats[] = {DOC_TEXT, DOC_MARKDOWN};
	for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
		struct extraction ex;
		extraction_init(&ex);
		if (document_extract(text, len, formats[f], resolver, &ex) == 0) {
			json_t *j = extraction_json(&ex);
			char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
			int dumped = s != NULL;
			free(s);
			json_decref(j);
			FUZZ_ASSERT(dumped);
			check_extraction(&ex, text);
		}
		extraction_cleanup(&ex);
	}
	check_text(text, len);
	free(text);
	return 0;
}

static int setup(void)
{
	int rc = 0;
	resolver = unit_resolver_embedded(&rc);
	return resolver ? 0 : (rc ? rc : PH_ENOMEM);
}

static void cleanup(void)
{
	resolver_free(resolver);
	resolver = NULL;
	text_cleanup();
}

const struct fuzz_target fuzz_target = {"import", 400, 50, cleanup};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!resolver && setup()) {
		fputs("fuzz_import: cannot build the resolver\n", stderr);
		abort();
	}
	if (fuzz_one(data, size) == 0)
		fuzz_reached();
	return 0;
}

/* fuzz_import.c: the importer fed with damaged documents. One entry point,
 * fuzz_one(), checks and extracts any bytes the way an upload is handled
 * (document_check, document_extract with the embedded registry, read both
 * as plain text and as Markdown, extraction_json) and must neither crash
 * nor trip the sanitizers.
 *
 * Two ways to run it:
 *   - as a test (the default build): `fuzz_import [-n N] FILE...` reads the
 *     seed documents, then runs N deterministic mutations of each (fixed
 *     seed: the same inputs every run, so a failure reproduces); prints
 *     "fuzz_import: N passed, 0 failed". tools/run-tests.sh runs it with
 *     the demo documents and the import test cases, also under ASan+UBSan.
 *   - under libFuzzer: compile with -DFUZZ_LIBFUZZER and clang's
 *     -fsanitize=fuzzer; LLVMFuzzerTestOneInput calls fuzz_one().
 * An input that once crashed goes into tests/fuzz/corpus/ and stays. */
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

static struct resolver *resolver;

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
			free(s);
			json_decref(j);
		}
		extraction_cleanup(&ex);
	}
	free(text);
	return 0;
}

static int setup(void)
{
	int rc = 0;
	resolver = unit_resolver_embedded(&rc);
	return resolver ? 0 : (rc ? rc : PH_ENOMEM);
}

#ifdef FUZZ_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!resolver && setup())
		abort();
	fuzz_one(data, size);
	return 0;
}
#else

/* xorshift64*: a small PRNG with a fixed seed, so runs repeat exactly. */
static uint64_t state = 0x9E3779B97F4A7C15ull;
static uint64_t next(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545F4914F6CDD1Dull;
}
static size_t pick(size_t n) { return n ? (size_t)(next() % n) : 0; }

/* Pieces that matter to the readers: table and list syntax, Vietnamese
 * letters (multi-byte), dates, section numbers, invalid UTF-8. */
static const char *const pieces[] = {
	"\t", "|", "| --- |", "\n", "\n\n", "- ", "1. ", "II. ", "PHỤ LỤC 01\n",
	"Quý II/2024", "Tháng 13/2024", "31/02/2025", "Từ quý IV đến quý I/2026",
	"Cơ quan chủ trì: ", "Sở LĐ-TB&XH", "UBND các huyện: ", "đ", "Ủy", "ữ",
	"\r\n", "%", "≥ 100%", "trước ngày 15/6",
	"STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n",
};

static void mutate(struct buf *out, const char *seed, size_t n)
{
	buf_append(out, seed, n);
	int edits = 1 + (int)pick(8);
	for (int e = 0; e < edits && out->len; e++) {
		size_t at = pick(out->len);
		/* Edit at character boundaries, so that most inputs stay valid
		 * UTF-8 and reach the extractors; case 0 breaks that on purpose. */
		while (at > 0 && ((unsigned char)out->data[at] & 0xC0) == 0x80)
			at--;
		switch (pick(8)) {
		case 0: /* flip a bit (often invalid UTF-8: refused, as it must be) */
			out->data[at] ^= (char)(1u << pick(8));
			break;
		case 1: /* cut a run */
			{
				size_t k = 1 + pick(64);
				if (at + k > out->len)
					k = out->len - at;
				while (at + k < out->len && ((unsigned char)out->data[at + k] & 0xC0) == 0x80)
					k++;
				memmove(out->data + at, out->data + at + k, out->len - at - k);
				out->len -= k;
				out->data[out->len] = '\0';
			}
			break;
		default: /* insert a piece */
			{
				const char *p = pieces[pick(sizeof pieces / sizeof *pieces)];
				size_t pl = strlen(p);
				if (buf_append(out, p, pl))
					break;
				memmove(out->data + at + pl, out->data + at, out->len - pl - at);
				memcpy(out->data + at, p, pl);
			}
			break;
		}
	}
}

int main(int argc, char **argv)
{
	long rounds = 200;
	int first = 1;
	if (argc > 2 && !strcmp(argv[1], "-n")) {
		rounds = strtol(argv[2], NULL, 10);
		first = 3;
	}
	if (setup()) {
		fprintf(stderr, "fuzz_import: cannot build the resolver\n");
		return 2;
	}
	long runs = 0, seeds = 0, extracted = 0;
	for (int i = first; i < argc; i++) {
		struct buf seed, m;
		buf_init(&seed, DOCUMENT_MAX_BYTES);
		if (buf_read_file(&seed, argv[i])) {
			fprintf(stderr, "fuzz_import: cannot read %s\n", argv[i]);
			buf_cleanup(&seed);
			continue;
		}
		seeds++;
		extracted += fuzz_one((const uint8_t *)buf_str(&seed), seed.len) == 0;
		runs++;
		for (long r = 0; r < rounds; r++) {
			buf_init(&m, DOCUMENT_MAX_BYTES + 4096);
			mutate(&m, buf_str(&seed), seed.len);
			extracted += fuzz_one((const uint8_t *)(m.data ? m.data : ""), m.len) == 0;
			buf_cleanup(&m);
			runs++;
		}
		buf_cleanup(&seed);
	}
	resolver_free(resolver);
	text_cleanup();
	if (!seeds) {
		fprintf(stderr, "fuzz_import: no seed documents\n");
		printf("fuzz_import: 0 passed, 1 failed\n");
		return 1;
	}
	/* Reaching here without a crash or sanitizer report is the test; most
	 * inputs must get past the checks, or the extractors were not reached. */
	fprintf(stderr, "fuzz_import: %ld inputs, %ld extracted\n", runs, extracted);
	if (extracted * 2 < runs) {
		printf("fuzz_import: FAIL: only %ld of %ld inputs reached the extractors\n",
		       extracted, runs);
		printf("fuzz_import: %ld passed, 1 failed\n", runs);
		return 1;
	}
	printf("fuzz_import: %ld passed, 0 failed\n", runs);
	return 0;
}
#endif

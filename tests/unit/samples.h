/* samples.h: the real documents in ../shared/samples/ for the unit tests,
 * read through the importer's own checks (UTF-8, NFC, line ends), so the
 * tests see exactly what an import sees. */
#ifndef PH_TEST_SAMPLES_H
#define PH_TEST_SAMPLES_H
#include "model/document.h"
#include <stddef.h>

/* The checked NFC text of path (caller frees) and its length in *n (n may
 * be NULL); NULL when the file cannot be read — the caller then prints
 * "SKIP: ../shared/samples not found". */
static inline char *sample_load(const char *path, size_t *n)
{
	char *text = NULL, why[256];
	size_t len = 0;
	int bad_line = 0;
	if (document_load(path, &text, &len, &bad_line, why, sizeof why) != 0)
		return NULL;
	if (n)
		*n = len;
	return text;
}

#endif

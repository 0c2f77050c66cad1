/* test.h: a tiny harness for table-driven C tests. Each test program counts
 * its checks and ends with TEST_END(), which prints "<name>: N passed, N
 * failed" and returns non-zero on any failure. tools/run-tests.sh adds the
 * counts of all programs into the suite's closing line. */
#ifndef PH_TEST_H
#define PH_TEST_H
#include <stdio.h>
#include <string.h>

static int test_passed, test_failed;

#define CHECK(cond, ...) do { \
	if (cond) { test_passed++; } else { \
		test_failed++; \
		fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__); \
		fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); \
	} } while (0)

/* Two strings equal; NULL equals only NULL. */
#define CHECK_STR(got, want, ctx) do { \
	const char *g_ = (got), *w_ = (want); \
	int ok_ = (g_ == NULL || w_ == NULL) ? g_ == w_ : strcmp(g_, w_) == 0; \
	CHECK(ok_, "%s: got \"%s\", want \"%s\"", (ctx), g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
	} while (0)

#define CHECK_INT(got, want, ctx) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	CHECK(g_ == w_, "%s: got %lld, want %lld", (ctx), g_, w_); \
	} while (0)

#define TEST_END(name) do { \
	printf("%s: %d passed, %d failed\n", (name), test_passed, test_failed); \
	return test_failed != 0; \
	} while (0)

#endif

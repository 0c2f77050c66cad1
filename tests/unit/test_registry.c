/* test_registry.c: the registry data files and their strict parser. The
 * shipped data/units.tsv and data/abbreviations.tsv must parse and carry
 * the 2025 reorganization; every kind of mistake in a units or
 * abbreviations file must be refused with PH_EINVAL and the right line
 * number. Runs from the repository root (tools/run-tests.sh does). */
#include "test.h"
#include "model/registry.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/text.h"
#include <stdio.h>
#include <string.h>

/* Good lines used as context in the bad files. */
#define GOOD1 "p\t-\tother\tprovince\tTỉnh Mẫu\t-\t-\t-\t-\t-\n"
#define GOOD2 "p.ubnd\tp\tcommittee\tprovince\tỦy ban nhân dân tỉnh Mẫu\tUBND tỉnh\tUBND tỉnh Mẫu|Ủy ban nhân dân tỉnh\t-\t-\t-\n"

static const struct bad {
	const char *what;
	const char *text;
	int line;        /* expected in "line N:" */
	const char *msg; /* a piece of the message */
} bad_units[] = {
	{"too few columns", GOOD1 "q\t-\tother\tprovince\tX\t-\t-\t-\t-\n", 2, "10 tab-separated"},
	{"too many columns", GOOD1 GOOD2 "q\t-\tother\tprovince\tX\t-\t-\t-\t-\t-\t-\n", 3, "found 11"},
	{"spaces instead of tabs", "# c\n" GOOD1 "q - other province X - - - - -\n", 3, "found 1"},
	{"bad key: capitals", GOOD1 "Lao.Cai\t-\tother\tprovince\tX\t-\t-\t-\t-\t-\n", 2, "bad key"},
	{"bad key: space", GOOD1 GOOD2 "\n# x\nlao cai\t-\tother\tprovince\tX\t-\t-\t-\t-\t-\n", 5, "bad key"},
	{"bad key: dash alone", "-\t-\tother\tprovince\tX\t-\t-\t-\t-\t-\n", 1, "bad key"},
	{"unknown kind", GOOD1 "q\tp\tministry\tprovince\tX\t-\t-\t-\t-\t-\n", 2, "unknown kind"},
	{"unknown level", GOOD1 "q\tp\tother\tregion\tX\t-\t-\t-\t-\t-\n", 2, "unknown level"},
	{"bad date: short month", GOOD1 "q\tp\tother\tprovince\tX\t-\t-\t-\t2025-2-28\t-\n", 2, "bad valid_to"},
	{"bad date: no such day", GOOD1 "q\tp\tother\tprovince\tX\t-\t-\t2025-02-30\t-\t-\n", 2, "bad valid_from"},
	{"bad date: words", GOOD1 GOOD2 "q\tp\tother\tprovince\tX\t-\t-\tnăm 2025\t-\t-\n", 3, "bad valid_from"},
	{"dates reversed", GOOD1 "q\tp\tother\tprovince\tX\t-\t-\t2025-03-01\t2025-02-28\t-\n", 2, "after valid_to"},
	{"duplicate key", GOOD1 GOOD2 "p\t-\tother\tprovince\tY\t-\t-\t-\t-\t-\n", 3, "duplicate key \"p\" (first on line 1)"},
	{"parent defined later", "q\tp\tother\tprovince\tX\t-\t-\t-\t-\t-\n" GOOD1, 1, "not defined on an earlier line"},
	{"parent never defined", GOOD1 GOOD2 "q\tnowhere\tother\tprovince\tX\t-\t-\t-\t-\t-\n", 3, "parent \"nowhere\""},
	{"successor missing", GOOD1 "q\tp\tother\tprovince\tX\t-\t-\t-\t2025-02-28\tgone\n" GOOD2, 2, "successor \"gone\""},
	{"own successor", GOOD1 "q\tp\tother\tprovince\tX\t-\t-\t-\t-\tq\n", 2, "own successor"},
	{"empty column", GOOD1 "q\tp\tother\tprovince\tX\t\t-\t-\t-\t-\n", 2, "column short_name is empty"},
	{"name is a dash", GOOD1 "q\tp\tother\tprovince\t-\t-\t-\t-\t-\t-\n", 2, "name is required"},
	{"padded name", GOOD1 "q\tp\tother\tprovince\t Sở Y tế\t-\t-\t-\t-\t-\n", 2, "leading or trailing"},
	{"empty alias", GOOD1 "q\tp\tother\tprovince\tX\t-\ta||b\t-\t-\t-\n", 2, "empty alias"},
	{"dash inside aliases", GOOD1 "q\tp\tother\tprovince\tX\t-\ta|-\t-\t-\t-\n", 2, "\"-\" inside"},
	{"NFD name", GOOD1 "q\tp\tother\tprovince\tSo\xCC\x9B\xCC\x89 Y te\xCC\x82\xCC\x81\t-\t-\t-\t-\t-\n", 2, "NFC"},
	{"invalid UTF-8", GOOD1 GOOD2 "q\tp\tother\tprovince\tS\xC6 Y t\xE1\t-\t-\t-\t-\t-\n", 3, "invalid UTF-8"},
};

static const struct bad bad_abbrevs[] = {
	{"one column", "# c\nUBND\tỦy ban nhân dân\nHĐND\n", 3, "found 1"},
	{"three columns", "UBND\tỦy ban nhân dân\tx\n", 1, "found 3"},
	{"empty expansion", "UBND\tỦy ban nhân dân\nTU\t\n", 2, "empty expansion"},
	{"duplicate", "UBND\tỦy ban nhân dân\n\nTU\tTỉnh ủy\nUBND\tỦy ban\n", 4, "first on line 1"},
	{"padded", "UBND \tỦy ban nhân dân\n", 1, "leading or trailing"},
};

static void check_bad(const struct bad *b, int units)
{
	struct arena a;
	arena_init(&a);
	char err[300] = "";
	size_t n = 99;
	int rc;
	if (units) {
		struct registry_entry *e = (void *)1;
		rc = registry_parse(&a, b->text, &e, &n, err, sizeof err);
		CHECK(e == NULL, "%s: entries not cleared", b->what);
	} else {
		struct registry_abbrev *ab = (void *)1;
		rc = registry_parse_abbrevs(&a, b->text, &ab, &n, err, sizeof err);
		CHECK(ab == NULL, "%s: entries not cleared", b->what);
	}
	CHECK_INT(rc, PH_EINVAL, b->what);
	CHECK_INT(n, 0, b->what);
	char want[32];
	snprintf(want, sizeof want, "line %d: ", b->line);
	CHECK(strncmp(err, want, strlen(want)) == 0, "%s: err \"%s\" does not start with \"%s\"",
	      b->what, err, want);
	CHECK(strstr(err, b->msg) != NULL, "%s: err \"%s\" lacks \"%s\"", b->what, err, b->msg);
	arena_cleanup(&a);
}

static const struct registry_entry *find(const struct registry_entry *e, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(e[i].key, key) == 0)
			return &e[i];
	return NULL;
}

static void check_good_small(void)
{
	struct arena a;
	arena_init(&a);
	const char *text = "# comment\r\n" GOOD1 "\r\n" GOOD2
		"q\tp.ubnd\tdepartment\tprovince\tSở Mẫu\t-\t-\t2020-01-01\t2025-02-28\tr\r\n"
		"r\tp.ubnd\tdepartment\tprovince\tSở Mới\tSở M\t-\t2025-03-01\t-\t-"; /* no final newline */
	struct registry_entry *e = NULL;
	size_t n = 0;
	char err[200] = "";
	int rc = registry_parse(&a, text, &e, &n, err, sizeof err);
	CHECK_INT(rc, 0, "small file parses");
	CHECK_STR(err, "", "no error text");
	CHECK_INT(n, 4, "small file: 4 units");
	if (n == 4) {
		CHECK_STR(e[0].key, "p", "first key");
		CHECK(e[0].parent == NULL && e[0].short_name == NULL && e[0].successor == NULL &&
		      e[0].aliases_len == 0, "dashes give NULL and no aliases");
		CHECK_INT(e[1].line, 4, "line numbers count comments and blank lines");
		CHECK_STR(e[1].parent, "p", "parent");
		CHECK_INT(e[1].aliases_len, 2, "two aliases");
		CHECK_STR(e[1].aliases[1], "Ủy ban nhân dân tỉnh", "second alias");
		CHECK_STR(e[2].successor, "r", "forward successor accepted");
		CHECK(e[2].valid_to.y == 2025 && e[2].valid_to.m == 2 && e[2].valid_to.d == 28, "valid_to");
		CHECK(e[2].valid_from.y == 2020, "valid_from");
		CHECK(e[3].valid_to.y == 0 && e[3].valid_from.m == 3, "open end is a zero date");
		CHECK_STR(e[3].name, "Sở Mới", "last line without newline");
	}
	arena_cleanup(&a);
}

static void check_shipped(void)
{
	struct buf ub, ab;
	buf_init(&ub, 16 << 20);
	buf_init(&ab, 1 << 20);
	int rc = buf_read_file(&ub, "data/units.tsv");
	CHECK_INT(rc, 0, "read data/units.tsv (run from the repository root)");
	rc = buf_read_file(&ab, "data/abbreviations.tsv");
	CHECK_INT(rc, 0, "read data/abbreviations.tsv");
	struct arena a;
	arena_init(&a);
	struct registry_entry *e = NULL;
	struct registry_abbrev *x = NULL;
	size_t n = 0, nx = 0;
	char err[300] = "";
	rc = registry_parse(&a, buf_str(&ub), &e, &n, err, sizeof err);
	CHECK(rc == 0, "data/units.tsv parses: %s", err);
	rc = registry_parse_abbrevs(&a, buf_str(&ab), &x, &nx, err, sizeof err);
	CHECK(rc == 0, "data/abbreviations.tsv parses: %s", err);
	CHECK(n >= 60, "units: %zu", n);
	CHECK(nx >= 40, "abbreviations: %zu", nx);

	const struct registry_entry *u = find(e, n, "laocai.so-ldtbxh");
	CHECK(u && u->valid_to.y == 2025 && u->valid_to.m == 2 && u->valid_to.d == 28,
	      "Sở LĐ-TB&XH ends 2025-02-28");
	CHECK_STR(u ? u->successor : NULL, "laocai.so-noivu-2025", "Sở LĐ-TB&XH -> Sở Nội vụ");
	u = find(e, n, "laocai.so-khdt");
	CHECK_STR(u ? u->successor : NULL, "laocai.so-taichinh-2025", "Sở KH&ĐT -> Sở Tài chính");
	u = find(e, n, "laocai.bandantoc");
	CHECK_STR(u ? u->successor : NULL, "laocai.so-dttg", "Ban Dân tộc -> Sở Dân tộc và Tôn giáo");
	u = find(e, n, "laocai.so-dttg");
	CHECK(u && u->valid_from.y == 2025 && u->valid_from.m == 3 && u->valid_from.d == 1,
	      "Sở Dân tộc và Tôn giáo from 2025-03-01");
	u = find(e, n, "tw.ubdt");
	CHECK_STR(u ? u->successor : NULL, "tw.bdttg", "Ủy ban Dân tộc -> Bộ Dân tộc và Tôn giáo");
	u = find(e, n, "laocai.bacha.hlhpn");
	CHECK(u && u->valid_to.y == 2025 && u->valid_to.m == 6 && u->valid_to.d == 30,
	      "district Women's Union ends 2025-06-30");
	CHECK_STR(u ? u->parent : NULL, "laocai.hlhpn", "district Women's Union under the province's");
	CHECK_STR(u ? u->level : NULL, "district", "district level");
	u = find(e, n, "tw.hlhpn");
	CHECK(u && u->aliases_len >= 3, "central Women's Union has aliases");
	u = find(e, n, "laocai.ubnd");
	CHECK_STR(u ? u->kind : NULL, "committee", "provincial committee kind");
	/* Every successor ends before its successor starts or is open. */
	for (size_t i = 0; i < n; i++) {
		if (!e[i].successor)
			continue;
		const struct registry_entry *s = find(e, n, e[i].successor);
		CHECK(s != NULL, "%s: successor exists", e[i].key);
		CHECK(e[i].valid_to.y != 0, "%s: a unit with a successor has an end date", e[i].key);
	}
	arena_cleanup(&a);
	buf_cleanup(&ub);
	buf_cleanup(&ab);
}

int main(void)
{
	for (size_t i = 0; i < sizeof bad_units / sizeof bad_units[0]; i++)
		check_bad(&bad_units[i], 1);
	for (size_t i = 0; i < sizeof bad_abbrevs / sizeof bad_abbrevs[0]; i++)
		check_bad(&bad_abbrevs[i], 0);
	check_good_small();
	check_shipped();
	text_cleanup();
	TEST_END("test_registry");
}

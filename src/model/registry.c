/* registry.c: strict parsers for the registry data files, data/units.tsv
 * and data/abbreviations.tsv (formats in registry.h). Parsing and checking
 * only: nothing here touches the database. Every problem is reported as
 * PH_EINVAL with "line N: why" so that whoever edits the files can find it. */
#include "model/registry.h"
#include "base/err.h"
#include "base/text.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNIT_COLUMNS 10

static const char *const column_names[UNIT_COLUMNS] = {
	"key", "parent_key", "kind", "level", "name", "short_name", "aliases",
	"valid_from", "valid_to", "successor_key",
};

static const char *const kinds[] = {
	"committee", "department", "mass_org", "party", "front", "other", NULL,
};

static const char *const levels[] = {
	"central", "province", "district", "commune", "branch", NULL,
};

static int fail(char *err, size_t errlen, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Writes "line N: why" into err and returns PH_EINVAL. */
static int fail(char *err, size_t errlen, int line, const char *fmt, ...)
{
	if (err && errlen) {
		char why[512];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(why, sizeof why, fmt, ap);
		va_end(ap);
		snprintf(err, errlen, "line %d: %s", line, why);
	}
	return PH_EINVAL;
}

/* ---- a set of keys (open addressing over malloc'ed slots) ---- */

struct keyset {
	const char **keys; /* borrowed strings; NULL = empty slot */
	int *vals;         /* the value stored with each key */
	size_t cap;        /* power of two */
	size_t len;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static int keyset_init(struct keyset *k, size_t expect)
{
	k->cap = 16;
	while (k->cap < expect * 2)
		k->cap *= 2;
	k->len = 0;
	k->keys = calloc(k->cap, sizeof *k->keys);
	k->vals = calloc(k->cap, sizeof *k->vals);
	if (!k->keys || !k->vals) {
		free(k->keys);
		free(k->vals);
		k->keys = NULL;
		k->vals = NULL;
		return PH_ENOMEM;
	}
	return 0;
}

static void keyset_cleanup(struct keyset *k)
{
	free(k->keys);
	free(k->vals);
	memset(k, 0, sizeof *k);
}

/* Slot of key: where it is, or the empty slot where it would go. */
static size_t keyset_slot(const struct keyset *k, const char *key)
{
	size_t i = (size_t)hash_str(key) & (k->cap - 1);
	while (k->keys[i] && strcmp(k->keys[i], key) != 0)
		i = (i + 1) & (k->cap - 1);
	return i;
}

/* The value of key, or -1 when absent. */
static int keyset_get(const struct keyset *k, const char *key)
{
	size_t i = keyset_slot(k, key);
	return k->keys[i] ? k->vals[i] : -1;
}

/* Adds key (borrowed) with val; growing as needed. 0 or PH_ENOMEM. The
 * caller checks for duplicates first. */
static int keyset_put(struct keyset *k, const char *key, int val)
{
	if ((k->len + 1) * 2 > k->cap) {
		struct keyset bigger;
		if (keyset_init(&bigger, k->cap))
			return PH_ENOMEM;
		for (size_t i = 0; i < k->cap; i++)
			if (k->keys[i]) {
				size_t j = keyset_slot(&bigger, k->keys[i]);
				bigger.keys[j] = k->keys[i];
				bigger.vals[j] = k->vals[i];
				bigger.len++;
			}
		keyset_cleanup(k);
		*k = bigger;
	}
	size_t i = keyset_slot(k, key);
	k->keys[i] = key;
	k->vals[i] = val;
	k->len++;
	return 0;
}

/* ---- field checks ---- */

static int key_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '.' || *s == '-'))
			return 0;
	return 1;
}

static int in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* 1 when s starts or ends with white space (ASCII or NBSP). */
static int padded(const char *s)
{
	size_t n = strlen(s);
	if (!n)
		return 0;
	if (is_space(s[0]) || is_space(s[n - 1]))
		return 1;
	if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 1;
	return n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0;
}

/* 1 when s is already in NFC (plain ASCII always is). -1 on out-of-memory. */
static int is_nfc(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p && *p < 0x80)
		p++;
	if (!*p)
		return 1;
	char *n = text_nfc(s, strlen(s));
	if (!n)
		return -1;
	int same = strcmp(n, s) == 0;
	free(n);
	return same;
}

/* Strict "YYYY-MM-DD" (or "-" for an open date, which gives a zero date). */
static int parse_date(const char *s, struct ph_date *out)
{
	memset(out, 0, sizeof *out);
	if (strcmp(s, "-") == 0)
		return 0;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return PH_EINVAL;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return PH_EINVAL;
	return date_parse_iso(s, out);
}

/* Checks one piece of human text (a name, short name or alias). */
static int check_text(const char *s, const char *what, int line, char *err, size_t errlen)
{
	if (!*s)
		return fail(err, errlen, line, "an empty %s", what);
	if (padded(s))
		return fail(err, errlen, line, "%s \"%s\" has leading or trailing spaces", what, s);
	int nfc = is_nfc(s);
	if (nfc < 0)
		return PH_ENOMEM;
	if (!nfc)
		return fail(err, errlen, line, "%s \"%s\" is not in Unicode NFC", what, s);
	return 0;
}

/* ---- lines ---- */

/* Cuts text into lines in place (text is an arena copy). Calls back with
 * each line that is not blank and not a comment. */
struct line_iter {
	char *p;    /* next unread byte */
	int line;   /* number of the line last returned */
};

static char *next_line(struct line_iter *it)
{
	while (it->p && *it->p) {
		char *start = it->p;
		char *nl = strchr(start, '\n');
		if (nl) {
			*nl = 0;
			it->p = nl + 1;
		} else {
			it->p = start + strlen(start);
		}
		it->line++;
		size_t n = strlen(start);
		if (n && start[n - 1] == '\r')
			start[--n] = 0;
		if (n == 0 || start[0] == '#')
			continue;
		return start;
	}
	return NULL;
}

/* Splits line on TAB into at most max fields; returns the count found
 * (which may exceed max: the extra fields are counted, not stored). */
static int split_tabs(char *line, char **fields, int max)
{
	int n = 0;
	char *p = line;
	for (;;) {
		char *tab = strchr(p, '\t');
		if (n < max)
			fields[n] = p;
		n++;
		if (!tab)
			break;
		*tab = 0;
		p = tab + 1;
	}
	return n;
}

static size_t count_lines(const char *s)
{
	size_t n = 1;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* Parses the aliases column ("-" or "a|b|c") into e. */
static int parse_aliases(struct arena *a, char *col, struct registry_entry *e,
                         char *err, size_t errlen)
{
	e->aliases = NULL;
	e->aliases_len = 0;
	if (strcmp(col, "-") == 0)
		return 0;
	size_t n = 1;
	for (const char *p = col; *p; p++)
		n += *p == '|';
	e->aliases = arena_alloc(a, n * sizeof *e->aliases);
	if (!e->aliases)
		return PH_ENOMEM;
	char *p = col;
	for (;;) {
		char *bar = strchr(p, '|');
		if (bar)
			*bar = 0;
		int rc = check_text(p, "alias", e->line, err, errlen);
		if (rc)
			return rc;
		if (strcmp(p, "-") == 0)
			return fail(err, errlen, e->line, "\"-\" inside a list of aliases");
		if (!(e->aliases[e->aliases_len++] = arena_strdup(a, p)))
			return PH_ENOMEM;
		if (!bar)
			break;
		p = bar + 1;
	}
	return 0;
}

/* Parses one units.tsv line (already split) into e. */
static int parse_unit(struct arena *a, char **f, int line, const struct keyset *seen,
                      struct registry_entry *e, char *err, size_t errlen)
{
	memset(e, 0, sizeof *e);
	e->line = line;
	for (int i = 0; i < UNIT_COLUMNS; i++) {
		if (!*f[i])
			return fail(err, errlen, line, "column %s is empty (write \"-\" for none)",
			            column_names[i]);
		if (padded(f[i]))
			return fail(err, errlen, line, "column %s has leading or trailing spaces",
			            column_names[i]);
	}
	if (!key_ok(f[0]) || strcmp(f[0], "-") == 0)
		return fail(err, errlen, line, "bad key \"%s\" (use a-z, 0-9, '.', '-')", f[0]);
	int first = keyset_get(seen, f[0]);
	if (first >= 0)
		return fail(err, errlen, line, "duplicate key \"%s\" (first on line %d)", f[0], first);
	if (strcmp(f[1], "-") != 0) {
		if (!key_ok(f[1]))
			return fail(err, errlen, line, "bad parent key \"%s\"", f[1]);
		if (keyset_get(seen, f[1]) < 0)
			return fail(err, errlen, line, "parent \"%s\" is not defined on an earlier line", f[1]);
	}
	if (!in_list(f[2], kinds))
		return fail(err, errlen, line, "unknown kind \"%s\" (committee, department, "
		            "mass_org, party, front or other)", f[2]);
	if (!in_list(f[3], levels))
		return fail(err, errlen, line, "unknown level \"%s\" (central, province, "
		            "district, commune or branch)", f[3]);
	if (strcmp(f[4], "-") == 0)
		return fail(err, errlen, line, "the name is required");
	int rc = check_text(f[4], "name", line, err, errlen);
	if (!rc && strcmp(f[5], "-") != 0)
		rc = check_text(f[5], "short name", line, err, errlen);
	if (!rc)
		rc = parse_aliases(a, f[6], e, err, errlen);
	if (rc)
		return rc;
	if (parse_date(f[7], &e->valid_from))
		return fail(err, errlen, line, "bad valid_from date \"%s\" (YYYY-MM-DD or -)", f[7]);
	if (parse_date(f[8], &e->valid_to))
		return fail(err, errlen, line, "bad valid_to date \"%s\" (YYYY-MM-DD or -)", f[8]);
	if (e->valid_from.y && e->valid_to.y && date_cmp(e->valid_from, e->valid_to) > 0)
		return fail(err, errlen, line, "valid_from %s is after valid_to %s", f[7], f[8]);
	if (strcmp(f[9], "-") != 0) {
		if (!key_ok(f[9]))
			return fail(err, errlen, line, "bad successor key \"%s\"", f[9]);
		if (strcmp(f[9], f[0]) == 0)
			return fail(err, errlen, line, "a unit cannot be its own successor");
	}
	e->key = arena_strdup(a, f[0]);
	e->parent = strcmp(f[1], "-") ? arena_strdup(a, f[1]) : NULL;
	e->kind = arena_strdup(a, f[2]);
	e->level = arena_strdup(a, f[3]);
	e->name = arena_strdup(a, f[4]);
	e->short_name = strcmp(f[5], "-") ? arena_strdup(a, f[5]) : NULL;
	e->successor = strcmp(f[9], "-") ? arena_strdup(a, f[9]) : NULL;
	/* One check for the copies above (the failure is sticky): the key
	 * goes into the set of keys seen, which reads it. */
	return arena_failed(a) ? PH_ENOMEM : 0;
}

/* Checks encoding of the whole text before anything else. */
static int check_utf8(const char *text, char *err, size_t errlen)
{
	size_t bad = 0;
	if (text_utf8_valid(text, strlen(text), &bad))
		return 0;
	int line = 1;
	for (size_t i = 0; i < bad; i++)
		line += text[i] == '\n';
	return fail(err, errlen, line, "invalid UTF-8");
}

/* What both parsers do first: clear the error, refuse a NULL or invalid
 * UTF-8 text, and size the set of keys seen. 0, PH_EINVAL or PH_ENOMEM. */
static int parse_begin(const char *text, struct keyset *seen, char *err, size_t errlen)
{
	if (err && errlen)
		err[0] = 0;
	if (!text)
		return fail(err, errlen, 0, "no text");
	int rc = check_utf8(text, err, errlen);
	if (rc)
		return rc;
	return keyset_init(seen, count_lines(text)) ? PH_ENOMEM : 0;
}

int registry_parse(struct arena *a, const char *text,
                   struct registry_entry **out, size_t *n,
                   char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	struct keyset seen;
	int rc = parse_begin(text, &seen, err, errlen);
	if (rc)
		return rc;
	struct registry_entry *e = NULL;
	size_t len = 0, cap = 0;
	struct line_iter it = {arena_strdup(a, text), 0};
	char *line;
	if (!it.p)
		rc = PH_ENOMEM; /* not an empty registry */
	while (!rc && (line = next_line(&it))) {
		char *f[UNIT_COLUMNS];
		int cols = split_tabs(line, f, UNIT_COLUMNS);
		if (cols != UNIT_COLUMNS) {
			rc = fail(err, errlen, it.line, "expected %d tab-separated columns, found %d",
			          UNIT_COLUMNS, cols);
			break;
		}
		struct registry_entry *ent = ARENA_PUSH(a, e, len, cap);
		rc = ent ? parse_unit(a, f, it.line, &seen, ent, err, errlen) : PH_ENOMEM;
		if (!rc)
			rc = keyset_put(&seen, ent->key, it.line);
	}
	/* Successors may point forward: checked once every key is known. */
	for (size_t i = 0; !rc && i < len; i++)
		if (e[i].successor && keyset_get(&seen, e[i].successor) < 0)
			rc = fail(err, errlen, e[i].line, "successor \"%s\" is not defined in the file",
			          e[i].successor);
	keyset_cleanup(&seen);
	if (rc)
		return rc;
	*out = e;
	*n = len;
	return 0;
}

int registry_parse_abbrevs(struct arena *a, const char *text,
                           struct registry_abbrev **out, size_t *n,
                           char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	struct keyset seen;
	int rc = parse_begin(text, &seen, err, errlen);
	if (rc)
		return rc;
	struct registry_abbrev *ab = NULL;
	size_t len = 0, cap = 0;
	struct line_iter it = {arena_strdup(a, text), 0};
	char *line;
	if (!it.p)
		rc = PH_ENOMEM; /* not an empty list */
	while (!rc && (line = next_line(&it))) {
		char *f[2];
		int cols = split_tabs(line, f, 2);
		if (cols != 2) {
			rc = fail(err, errlen, it.line, "expected 2 tab-separated columns "
			          "(abbreviation, expansion), found %d", cols);
			break;
		}
		rc = check_text(f[0], "abbreviation", it.line, err, errlen);
		if (!rc)
			rc = check_text(f[1], "expansion", it.line, err, errlen);
		if (rc)
			break;
		int first = keyset_get(&seen, f[0]);
		if (first >= 0) {
			rc = fail(err, errlen, it.line, "duplicate abbreviation \"%s\" (first on line %d)",
			          f[0], first);
			break;
		}
		struct registry_abbrev *x = ARENA_PUSH(a, ab, len, cap);
		if (!x) {
			rc = PH_ENOMEM;
			break;
		}
		x->abbrev = arena_strdup(a, f[0]);
		x->expansion = arena_strdup(a, f[1]);
		rc = x->abbrev && x->expansion ? keyset_put(&seen, x->abbrev, it.line) : PH_ENOMEM;
	}
	keyset_cleanup(&seen);
	if (rc)
		return rc;
	*out = ab;
	*n = len;
	return 0;
}

/* registry.h: the units registry data file (data/units.tsv, embedded in the
 * binary) parsed into entries, and the abbreviations file
 * (data/abbreviations.tsv). Parsing only: model/unit.c writes the entries
 * to the database.
 *
 * units.tsv: UTF-8, '#' starts a comment line, one unit per line, columns
 * separated by one TAB:
 *   key  parent_key  kind  level  name  short_name  aliases  valid_from  valid_to  successor_key
 * key: ASCII [a-z0-9.-]+, unique; parent_key: a key defined on an earlier
 * line or "-"; kind: committee|department|mass_org|party|front|other;
 * level: central|province|district|commune|branch; aliases: "|"-separated,
 * may be "-"; dates YYYY-MM-DD or "-"; successor_key: any key or "-".
 *
 * abbreviations.tsv: "abbreviation<TAB>expansion" per line, '#' comments. */
#ifndef PH_REGISTRY_H
#define PH_REGISTRY_H
#include <stddef.h>
#include "base/arena.h"
#include "base/date.h"

struct registry_entry {
	char *key;
	char *parent;          /* NULL when "-" */
	char *kind;
	char *level;
	char *name;            /* full official name */
	char *short_name;      /* NULL when "-" */
	char **aliases;        /* other spellings, may be empty */
	size_t aliases_len;
	struct ph_date valid_from, valid_to; /* zero dates when open */
	char *successor;       /* NULL when "-" */
	int line;
};

struct registry_abbrev {
	char *abbrev;
	char *expansion;
};

/* Parse units.tsv text. On error returns PH_EINVAL and writes "line N: why"
 * into err (errlen bytes); PH_ENOMEM (err left empty) when a or malloc
 * refuses memory. Entries live in a. */
int registry_parse(struct arena *a, const char *text,
                   struct registry_entry **out, size_t *n,
                   char *err, size_t errlen);

/* Parse abbreviations.tsv text; same conventions. */
int registry_parse_abbrevs(struct arena *a, const char *text,
                           struct registry_abbrev **out, size_t *n,
                           char *err, size_t errlen);

#endif

/* assets.h: files compiled into the binary (the data files under data/ and
 * the migrations). The array is generated at build time by tools/embed.c. */
#ifndef PH_ASSETS_H
#define PH_ASSETS_H
#include <stddef.h>

struct asset {
	const char *name;  /* path in the source tree, e.g. "data/units.tsv" */
	const char *data;  /* contents, NUL-terminated */
	size_t len;        /* bytes, not counting the NUL */
};

extern const struct asset assets[];
extern const unsigned long assets_len;

/* The asset of that name, or NULL. */
const struct asset *asset_find(const char *name);

#endif

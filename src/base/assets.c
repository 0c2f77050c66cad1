/* assets.c: lookup over the generated asset table. */
#include "base/assets.h"
#include <string.h>

const struct asset *asset_find(const char *name)
{
	for (unsigned long i = 0; i < assets_len; i++)
		if (strcmp(assets[i].name, name) == 0)
			return &assets[i];
	return NULL;
}

/* render.c: what the document readers (render.h) share. */
#include "import/render.h"
#include <stdlib.h>
#include <string.h>

void rendering_free(struct rendering *r)
{
	if (!r)
		return;
	free(r->text);
	free(r->places);
	for (size_t i = 0; i < r->notes_len; i++)
		free(r->notes[i].text);
	free(r->notes);
	memset(r, 0, sizeof *r);
}

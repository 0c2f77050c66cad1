/* render.c: what the document readers (render.h) share. */
#include "import/render.h"
#include <stdarg.h>
#include <stdio.h>
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

void render_say(char *why, size_t whylen, const char *fmt, ...)
{
	if (!why || !whylen)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
}

/* export.c: the export formats' names and MIME types. */
#include "export/export.h"
#include "base/err.h"
#include <string.h>

static const char *const formats[][2] = {
	[EXPORT_CSV] = {"csv", "text/csv; charset=utf-8"},
	[EXPORT_XLSX] = {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	[EXPORT_DOCX] = {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
};

int export_format_parse(const char *name, int *format)
{
	for (int f = EXPORT_CSV; f <= EXPORT_DOCX; f++)
		if (name && !strcmp(name, formats[f][0]))
			return *format = f, 0;
	return PH_EINVAL;
}

const char *export_format_name(int format)
{
	return format >= EXPORT_CSV && format <= EXPORT_DOCX ? formats[format][0] : NULL;
}

const char *export_format_mime(int format)
{
	return format >= EXPORT_CSV && format <= EXPORT_DOCX ? formats[format][1] : NULL;
}

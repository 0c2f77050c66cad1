/* export.h: what every file phoihop writes for its users shares: the
 * formats (.csv, .xlsx, .docx), their names, MIME types and file
 * extensions, and the entry points of the exports the pages, the API and
 * the command line offer (one function each, so that the three ways out
 * give the same file under the same rules). */
#ifndef PH_EXPORT_H
#define PH_EXPORT_H
#include <stddef.h>

struct db;
struct arena;
struct buf;

enum export_format { EXPORT_CSV = 1, EXPORT_XLSX, EXPORT_DOCX };

/* "csv", "xlsx", "docx" into *format; PH_EINVAL for anything else. */
int export_format_parse(const char *name, int *format);
/* "csv", "xlsx", "docx"; NULL outside the enum. */
const char *export_format_name(int format);
/* "text/csv; charset=utf-8", the OOXML spreadsheet and document types. */
const char *export_format_mime(int format);

/* A plan's tasks as a table (STT, section, content, lead, coordinating,
 * timeframe, dates, status, notes): format EXPORT_CSV (sep ',' or ';') or
 * EXPORT_XLSX, appended to out. Plans are read by every signed-in user,
 * so there is no actor. PH_ENOTFOUND (no such plan), PH_EINVAL (another
 * format), PH_ETOOBIG, PH_ENOMEM, PH_EDB, PH_EIO. (export/tables.c) */
int export_plan_tasks(struct db *db, struct arena *a, long long plan_id, int format,
                      char sep, struct buf *out);

/* A plan as a Word file in the Decree 30 layout with its appendix task
 * table, appended to out. PH_ENOTFOUND, PH_ETOOBIG, PH_ENOMEM, PH_EDB.
 * (export/plan_docx.c) */
int export_plan_docx(struct db *db, struct arena *a, long long plan_id, struct buf *out);

#endif

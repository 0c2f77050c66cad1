/* pending.c: TEMPORARY while issue 11 is being built in parallel: the
 * exports not written yet answer PH_EINTERNAL. Each one moves out of this
 * file when its real implementation lands; the file goes with the last. */
#include "export/export.h"
#include "base/err.h"

int export_plan_docx(struct db *db, struct arena *a, long long plan_id, struct buf *out)
{
	(void)db, (void)a, (void)plan_id, (void)out;
	return PH_EINTERNAL;
}

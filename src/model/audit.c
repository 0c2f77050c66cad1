/* audit.c: the audit log: appending an entry inside the caller's
 * transaction, and reading the log page by page (coordinators and
 * administrators only). */
#include "model/audit.h"
#include "model/access.h"
#include "model/user.h"
#include "db/store.h"
#include "base/err.h"
#include <jansson.h>
#include <stdlib.h>

void audit_timestamp(time_t t, char out[static 21])
{
	struct tm tm;
	if (!gmtime_r(&t, &tm) || strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) != 20)
		out[0] = 0;
}

int audit_record(struct db *db, const struct user *actor, const char *action,
                 const char *entity, long long entity_id, const char *before,
                 const char *after)
{
	char at[21];
	audit_timestamp(time(NULL), at);
	return store_audit_insert(db, at, actor ? actor->id : 0, actor ? actor->login : NULL,
	                          action, entity, entity_id, before, after);
}

/* Compact JSON text of v (caller frees), NULL for a NULL v. *rc is set
 * to PH_ENOMEM when v cannot be dumped. */
static char *dump(json_t *v, int *rc)
{
	if (!v)
		return NULL;
	char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (!s)
		*rc = PH_ENOMEM;
	return s;
}

int audit_record_json(struct db *db, const struct user *actor, const char *action,
                      const char *entity, long long entity_id,
                      struct json_t *before, struct json_t *after)
{
	int rc = 0;
	char *b = dump(before, &rc), *a = dump(after, &rc);
	if (!rc)
		rc = audit_record(db, actor, action, entity, entity_id, b, a);
	free(b);
	free(a);
	json_decref(before);
	json_decref(after);
	return rc;
}

int audit_list(struct db *db, const struct user *actor, struct arena *a,
               const struct audit_filter *f, struct audit_entry **out,
               size_t *n, long long *total)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	int rc = access_check(db, actor, ACT_AUDIT_READ, 0);
	if (rc)
		return rc;
	int limit = f->limit <= 0 ? 50 : f->limit > 500 ? 500 : f->limit;
	int offset = f->offset < 0 ? 0 : f->offset;
	const char *entity = f->entity && *f->entity ? f->entity : NULL;
	return store_audit_list(db, a, entity, f->entity_id, limit, offset, out, n, total);
}

int audit_history(struct db *db, struct arena *a, const char *entity,
                  long long entity_id, struct audit_entry **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!entity)
		return PH_EINVAL;
	/* A task gathers a few entries a week; the cap only bounds a page. */
	return store_audit_history(db, a, entity, entity_id, 1000, out, n);
}

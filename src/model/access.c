/* access.c: the one permission check (rules in access.h). A decision
 * depends on the user's role, the action, and where the unit concerned
 * sits in the unit tree relative to the user's unit. Nothing is cached:
 * each call reads the few rows it needs (a walk up from the unit). */
#include "model/access.h"
#include "model/user.h"
#include "db/store.h"
#include "base/err.h"

/* Least role an action needs. */
static int least_role(enum access_action act)
{
	switch (act) {
	case ACT_READ:          return ROLE_VIEWER;
	case ACT_TASK_STATUS:   return ROLE_EDITOR;
	case ACT_TASK_NOTE:     return ROLE_EDITOR;
	case ACT_REPORT_SUBMIT: return ROLE_APPROVER;
	case ACT_IMPORT:        return ROLE_COORDINATOR;
	case ACT_UNIT_EDIT:     return ROLE_COORDINATOR;
	case ACT_AUDIT_READ:    return ROLE_COORDINATOR;
	case ACT_USER_ADMIN:    return ROLE_ADMIN;
	case ACT_SCHEDULE_EDIT: return ROLE_COORDINATOR;
	case ACT_FEED:          return ROLE_VIEWER;
	case ACT_REPORT_DRAFT:  return ROLE_EDITOR;
	case ACT_REPORT_REVIEW: return ROLE_COORDINATOR;
	case ACT_INDICATOR_EDIT:return ROLE_COORDINATOR;
	case ACT_VALUE_ENTER:   return ROLE_EDITOR;
	}
	return ROLE_ADMIN;
}

/* 1 when the action concerns one unit and the unit must be in scope. */
static int unit_bound(enum access_action act)
{
	return act == ACT_TASK_STATUS || act == ACT_TASK_NOTE ||
	       act == ACT_REPORT_SUBMIT || act == ACT_UNIT_EDIT ||
	       act == ACT_SCHEDULE_EDIT || act == ACT_FEED || act == ACT_REPORT_DRAFT ||
	       act == ACT_REPORT_REVIEW || act == ACT_VALUE_ENTER;
}

/* *inside = 1 when unit_id is within the user's reach: the user's own
 * unit; for a coordinator also any unit below it; for an administrator
 * any unit. No unit (0) is within an administrator's reach only. */
static int scope(struct db *db, const struct user *user, long long unit_id, int *inside)
{
	*inside = 0;
	if (user->role == ROLE_ADMIN) {
		*inside = 1;
		return 0;
	}
	if (unit_id <= 0)
		return 0;
	if (unit_id == user->unit_id) {
		*inside = 1;
		return 0;
	}
	if (user->role != ROLE_COORDINATOR)
		return 0;
	return store_unit_within(db, unit_id, user->unit_id, inside) ? PH_EDB : 0;
}

int access_in_scope(struct db *db, const struct user *user, long long unit_id)
{
	int inside = 0;
	if (!user)
		return 1;
	return scope(db, user, unit_id, &inside) == 0 && inside;
}

int access_check(struct db *db, const struct user *user, enum access_action act,
                 long long unit_id)
{
	if (!user)
		return 0;
	if (user->disabled)
		return PH_EUNAUTH;
	if (user->role < least_role(act) || user->role >= ROLE_COUNT)
		return PH_EFORBIDDEN;
	if (!unit_bound(act) && unit_id <= 0)
		return 0;
	if (!unit_bound(act) && act != ACT_IMPORT)
		return 0;
	/* An import names a unit only when it is for one (then it must be
	 * in reach); the unit-bound actions always need theirs in reach. */
	int inside = 0;
	if (scope(db, user, unit_id, &inside))
		return PH_EDB;
	return inside ? 0 : PH_EFORBIDDEN;
}

int access_task(struct db *db, const struct user *user, enum access_action act,
                const struct task *t)
{
	int rc = access_check(db, user, act, t->lead_unit_id);
	if (rc != PH_EFORBIDDEN || act != ACT_TASK_NOTE)
		return rc;
	/* Notes and files: any coordinating unit in reach will do. */
	for (size_t i = 0; i < t->coords_len; i++) {
		if (t->coords[i].unit_id <= 0)
			continue;
		rc = access_check(db, user, act, t->coords[i].unit_id);
		if (rc != PH_EFORBIDDEN)
			return rc;
	}
	return PH_EFORBIDDEN;
}

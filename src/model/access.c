/* access.c: the one permission check (rules in access.h and
 * docs/ACCESS.md). A decision depends on the user's role, the action, and
 * where the unit concerned sits in the unit tree relative to the user's
 * unit (and, for private reads, whom the unit reports to). Nothing is
 * cached: each call reads the few rows it needs (a walk up from the unit). */
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
	case ACT_PRIVATE_READ:  return ROLE_VIEWER;
	case ACT_SESSION:       return ROLE_VIEWER;
	case ACT_SIGN_IN:       return ROLE_VIEWER;
	case ACT_PUBLIC:        return ROLE_VIEWER;
	case ACT_FEED_READ:     return ROLE_VIEWER;
	case ACT_COUNT:         break;
	}
	return ROLE_ADMIN;
}

int access_public(enum access_action act)
{
	return act == ACT_SIGN_IN || act == ACT_PUBLIC || act == ACT_FEED_READ;
}

const char *access_name(enum access_action act)
{
	static const char *const names[ACT_COUNT] = {
		[ACT_READ] = "read", [ACT_TASK_STATUS] = "task_status",
		[ACT_TASK_NOTE] = "task_note", [ACT_REPORT_SUBMIT] = "report_submit",
		[ACT_IMPORT] = "import", [ACT_UNIT_EDIT] = "unit_edit",
		[ACT_AUDIT_READ] = "audit_read", [ACT_USER_ADMIN] = "user_admin",
		[ACT_SCHEDULE_EDIT] = "schedule_edit", [ACT_FEED] = "feed",
		[ACT_REPORT_DRAFT] = "report_draft", [ACT_REPORT_REVIEW] = "report_review",
		[ACT_INDICATOR_EDIT] = "indicator_edit", [ACT_VALUE_ENTER] = "value_enter",
		[ACT_PRIVATE_READ] = "private_read", [ACT_SESSION] = "session",
		[ACT_SIGN_IN] = "sign_in", [ACT_PUBLIC] = "public", [ACT_FEED_READ] = "feed_read",
	};
	return (unsigned)act < ACT_COUNT && names[act] ? names[act] : "?";
}

const char *access_refusal_vi(enum access_action act)
{
	static const char *const why[ACT_COUNT] = {
		[ACT_READ] = "Bạn không có quyền xem nội dung này.",
		[ACT_TASK_STATUS] = "Bạn không có quyền cập nhật tình trạng nhiệm vụ này.",
		[ACT_TASK_NOTE] = "Bạn không có quyền ghi tiến độ hoặc đính kèm tệp cho nhiệm vụ này.",
		[ACT_REPORT_SUBMIT] = "Chỉ người phê duyệt của đơn vị được gửi báo cáo của đơn vị.",
		[ACT_IMPORT] = "Bạn không có quyền nhập văn bản.",
		[ACT_UNIT_EDIT] = "Bạn không có quyền quản lý đơn vị này.",
		[ACT_AUDIT_READ] = "Bạn không có quyền xem nhật ký thay đổi.",
		[ACT_USER_ADMIN] = "Chỉ quản trị viên được quản lý tài khoản.",
		[ACT_SCHEDULE_EDIT] = "Bạn không có quyền lập lịch báo cáo cho đơn vị này.",
		[ACT_FEED] = "Bạn không có quyền tạo lịch công tác cho đơn vị này.",
		[ACT_REPORT_DRAFT] = "Bạn không có quyền soạn báo cáo của đơn vị này.",
		[ACT_REPORT_REVIEW] = "Bạn không có quyền tiếp nhận hoặc trả lại báo cáo này.",
		[ACT_INDICATOR_EDIT] = "Bạn không có quyền định nghĩa chỉ tiêu hoặc đặt mục tiêu.",
		[ACT_VALUE_ENTER] = "Bạn không có quyền nhập số liệu cho đơn vị này.",
		[ACT_PRIVATE_READ] = "Bản nháp, ghi chú và tệp của đơn vị chỉ đơn vị đó, cấp trên và nơi nhận báo cáo được xem.",
		[ACT_SESSION] = "Cần đăng nhập.",
		[ACT_SIGN_IN] = "Cần đăng nhập.",
		[ACT_PUBLIC] = "Cần đăng nhập.",
		[ACT_FEED_READ] = "Cần đăng nhập.",
	};
	return (unsigned)act < ACT_COUNT && why[act] ? why[act] : why[ACT_READ];
}

int access_route(const struct user *user, enum access_action act)
{
	if ((unsigned)act >= ACT_COUNT)
		return PH_EFORBIDDEN;
	if (access_public(act))
		return 0;
	if (!user || user->disabled)
		return PH_EUNAUTH;
	if (user->role < least_role(act) || user->role >= ROLE_COUNT)
		return PH_EFORBIDDEN;
	return 0;
}

/* 1 when the action concerns one unit and the unit must be in scope. */
static int unit_bound(enum access_action act)
{
	return act == ACT_TASK_STATUS || act == ACT_TASK_NOTE ||
	       act == ACT_REPORT_SUBMIT || act == ACT_UNIT_EDIT ||
	       act == ACT_SCHEDULE_EDIT || act == ACT_FEED || act == ACT_REPORT_DRAFT ||
	       act == ACT_REPORT_REVIEW || act == ACT_VALUE_ENTER || act == ACT_PRIVATE_READ ||
	       act == ACT_INDICATOR_EDIT;
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
	if (!user || user->disabled)
		return 0;
	return scope(db, user, unit_id, &inside) == 0 && inside;
}

const struct user *access_system(void)
{
	/* An administrator without an account: id 0 makes the audit log,
	 * notes and files record "the command line" as before, and unit 0
	 * puts what it creates (proposed units) at the top level. */
	static const struct user system_actor = {
		.id = 0, .login = NULL, .name = "(dòng lệnh)", .unit_id = 0,
		.role = ROLE_ADMIN, .system = 1,
	};
	return &system_actor;
}

/* ACT_PRIVATE_READ of unit_id (a role is not enough: where the user
 * sits is): 0 for administrators, users of the unit or of a unit above
 * it, and users of a unit the unit submits a report to; PH_EFORBIDDEN
 * otherwise (no unit: administrators only), PH_EDB. */
static int private_read(struct db *db, const struct user *user, long long unit_id)
{
	int yes = 0;
	if (user->role == ROLE_ADMIN)
		return 0;
	if (unit_id <= 0 || user->unit_id <= 0)
		return PH_EFORBIDDEN;
	if (unit_id == user->unit_id)
		return 0;
	if (store_unit_within(db, unit_id, user->unit_id, &yes))
		return PH_EDB;
	if (!yes && store_unit_reports_to(db, unit_id, user->unit_id, &yes))
		return PH_EDB;
	return yes ? 0 : PH_EFORBIDDEN;
}

int access_check(struct db *db, const struct user *user, enum access_action act,
                 long long unit_id)
{
	/* Fail closed: no actor is nobody, not the command line. */
	if (!user)
		return PH_EUNAUTH;
	if (user->disabled)
		return PH_EUNAUTH;
	if (user->role < least_role(act) || user->role >= ROLE_COUNT)
		return PH_EFORBIDDEN;
	if (act == ACT_PRIVATE_READ)
		return private_read(db, user, unit_id);
	if (!unit_bound(act) && unit_id <= 0)
		return 0;
	if (!unit_bound(act) && act != ACT_IMPORT && act != ACT_AUDIT_READ)
		return 0;
	/* An import (a lead) or the audit log (the entries about a unit)
	 * names a unit only when it is about one: then it must be in reach.
	 * The unit-bound actions always need theirs in reach. */
	int inside = 0;
	if (scope(db, user, unit_id, &inside))
		return PH_EDB;
	return inside ? 0 : PH_EFORBIDDEN;
}

int access_import_lead(struct db *db, const struct user *user, long long unit_id,
                       const long long *parties, size_t nparties)
{
	/* The role first: parties widen a coordinator's reach, they give
	 * nobody the right to import. */
	int rc = access_check(db, user, ACT_IMPORT, 0);
	if (rc)
		return rc;
	rc = access_check(db, user, ACT_IMPORT, unit_id);
	if (rc != PH_EFORBIDDEN || unit_id <= 0)
		return rc;
	for (size_t i = 0; i < nparties; i++) {
		int yes = 0;
		if (parties[i] <= 0)
			continue;
		if (store_unit_within(db, unit_id, parties[i], &yes))
			return PH_EDB;
		if (yes)
			return 0;
	}
	return PH_EFORBIDDEN;
}

int access_task(struct db *db, const struct user *user, enum access_action act,
                const struct task *t)
{
	int rc = access_check(db, user, act, t->lead_unit_id);
	if (rc != PH_EFORBIDDEN || (act != ACT_TASK_NOTE && act != ACT_PRIVATE_READ))
		return rc;
	/* Notes and files belong to the lead and every coordinating unit:
	 * any of them will do, to write or to read them. */
	for (size_t i = 0; i < t->coords_len; i++) {
		if (t->coords[i].unit_id <= 0)
			continue;
		rc = access_check(db, user, act, t->coords[i].unit_id);
		if (rc != PH_EFORBIDDEN)
			return rc;
	}
	return PH_EFORBIDDEN;
}

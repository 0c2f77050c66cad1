/* audit.c: the audit log: appending an entry (with the unit it is about)
 * inside the caller's transaction, and reading the log page by page
 * (administrators all of it, coordinators the entries about their reach). */
#include "model/audit.h"
#include "model/access.h"
#include "model/user.h"
#include "db/store.h"
#include "base/err.h"
#include "base/date.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

void audit_timestamp(time_t t, char out[static 21])
{
	struct tm tm;
	if (!gmtime_r(&t, &tm) || strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) != 20)
		out[0] = 0;
}

/* The unit an entry is about (see audit_record). */
static int unit_of(struct db *db, const struct user *actor, const char *entity,
                   long long entity_id, long long *unit)
{
	*unit = 0;
	if (entity && !strcmp(entity, "plan")) {
		/* A plan has many units; it belongs to whoever imported it. */
		*unit = actor ? actor->unit_id : 0;
		return 0;
	}
	return store_audit_unit(db, entity, entity_id, unit) ? PH_EDB : 0;
}

/* Write one entry about unit. */
static int record(struct db *db, const struct user *actor, long long unit, const char *action,
                  const char *entity, long long entity_id, const char *before,
                  const char *after)
{
	char at[21];
	audit_timestamp(time(NULL), at);
	return store_audit_insert(db, at, actor ? actor->id : 0, actor ? actor->login : NULL,
	                          unit, action, entity, entity_id, before, after);
}

int audit_record(struct db *db, const struct user *actor, const char *action,
                 const char *entity, long long entity_id, const char *before,
                 const char *after)
{
	long long unit = 0;
	int rc = unit_of(db, actor, entity, entity_id, &unit);
	return rc ? rc : record(db, actor, unit, action, entity, entity_id, before, after);
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

/* The JSON entry about unit (given, or taken from the entity when
 * derive is set); releases before and after. */
static int record_json(struct db *db, const struct user *actor, int derive, long long unit,
                       const char *action, const char *entity, long long entity_id,
                       json_t *before, json_t *after)
{
	int rc = 0;
	char *b = dump(before, &rc), *a = dump(after, &rc);
	if (!rc && derive)
		rc = unit_of(db, actor, entity, entity_id, &unit);
	if (!rc)
		rc = record(db, actor, unit, action, entity, entity_id, b, a);
	free(b);
	free(a);
	json_decref(before);
	json_decref(after);
	return rc;
}

int audit_record_json(struct db *db, const struct user *actor, const char *action,
                      const char *entity, long long entity_id,
                      struct json_t *before, struct json_t *after)
{
	return record_json(db, actor, 1, 0, action, entity, entity_id, before, after);
}

int audit_record_json_unit(struct db *db, const struct user *actor, long long unit_id,
                           const char *action, const char *entity, long long entity_id,
                           struct json_t *before, struct json_t *after)
{
	return record_json(db, actor, 0, unit_id, action, entity, entity_id, before, after);
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
	/* Administrators read it all; anyone else who may read the log
	 * reads the entries about its reach: its unit and those below. */
	long long root = 0;
	if (actor->role != ROLE_ADMIN) {
		if (actor->unit_id <= 0)
			return PH_EFORBIDDEN;
		root = actor->unit_id;
	}
	return store_audit_list(db, a, entity, f->entity_id, root, limit, offset, out, n, total);
}

int audit_each(struct db *db, const struct user *actor, struct ph_date from, struct ph_date to,
               long long max, int (*fn)(void *ctx, const struct audit_entry *e), void *ctx)
{
	int rc = access_check(db, actor, ACT_AUDIT_READ, 0);
	if (rc)
		return rc;
	long long root = 0;
	if (actor->role != ROLE_ADMIN) {
		if (actor->unit_id <= 0)
			return PH_EFORBIDDEN;
		root = actor->unit_id;
	}
	char f[11], t[11];
	int hf = date_iso(from, f), ht = date_iso(to, t);
	return store_audit_each(db, root, hf ? f : NULL, ht ? t : NULL, max, fn, ctx);
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

const char *audit_action_label(const char *action)
{
	static const char *const labels[][2] = {
		{"task.status", "Đổi trạng thái nhiệm vụ"},
		{"task.note", "Thêm ghi chú tiến độ"},
		{"task.attach", "Đính kèm tệp"},
		{"unit.add", "Thêm đơn vị"},
		{"unit.rename", "Đổi tên đơn vị"},
		{"unit.merge", "Sáp nhập đơn vị"},
		{"unit.validity", "Đổi thời gian hiệu lực đơn vị"},
		{"unit.alias", "Thêm tên gọi khác của đơn vị"},
		{"unit.accept", "Chấp nhận đơn vị đề xuất"},
		{"user.add", "Thêm người dùng"},
		{"user.passwd", "Đổi mật khẩu"},
		{"user.disable", "Khóa tài khoản"},
		{"user.enable", "Mở khóa tài khoản"},
		{"user.update", "Cập nhật người dùng"},
		{"document.import", "Nhập văn bản"},
		{"document.withdraw", "Thu hồi văn bản"},
		{"feed.renew", "Cấp lại đường dẫn lịch"},
		{"indicator.add", "Thêm chỉ tiêu"},
		{"indicator.import", "Nhập chỉ tiêu từ văn bản"},
		{"indicator.target", "Đặt chỉ tiêu kế hoạch"},
		{"indicator.value", "Ghi số liệu chỉ tiêu"},
		{"report.draft", "Lưu bản nháp báo cáo"},
		{"report.submit", "Gửi báo cáo"},
		{"report.accept", "Chấp nhận báo cáo"},
		{"report.return", "Trả lại báo cáo"},
		{"schedule.create", "Tạo lịch báo cáo"},
	};
	for (size_t i = 0; action && i < sizeof labels / sizeof labels[0]; i++)
		if (!strcmp(action, labels[i][0]))
			return labels[i][1];
	return NULL;
}

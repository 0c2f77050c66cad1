/* test_units.c: managing the units registry on a real database: adding
 * (keys from the folded name, -2 on collision, same-name siblings only
 * one after the other), renaming (old names stay as aliases and still
 * resolve), validity, aliases in Vietnamese order, and merging (open
 * tasks and coordinations move, done ones stay, names become aliases,
 * audit lists what moved), the combined rename-and-validity update (one
 * transaction: any failing part leaves nothing), with their refusals and
 * a failed merge that leaves nothing. */
#include "test.h"
#include "fixture.h"
#include "model/audit.h"
#include "import/agency.h"
#include "base/err.h"

static long long count(struct db *db, const char *sql, long long id)
{
	char p[32];
	snprintf(p, sizeof p, "%lld", id);
	return fixture_int(db, sql, p);
}

static int has_alias(char **al, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(al[i], s) == 0)
			return 1;
	return 0;
}

int main(void)
{
	struct db *db = fixture_open();
	struct arena a;
	arena_init(&a);
	char buf[1024];
	long long ubnd = fixture_unit(db, "laocai.ubnd");
	long long yenbai = fixture_unit(db, "yenbai.ubnd");
	long long yte = fixture_unit(db, "laocai.so-yte");
	struct user coord = fixture_person(0, "c", ubnd, ROLE_COORDINATOR);
	struct user far = fixture_person(0, "f", yenbai, ROLE_COORDINATOR);
	struct user editor = fixture_person(0, "e", ubnd, ROLE_EDITOR);
	long long uid = 0;
	user_add(db, access_system(), "c", "Điều phối", ubnd, ROLE_COORDINATOR, "12345678", &uid);
	coord.id = uid;

	/* Adding. */
	long long u1 = 0, u2 = 0, u3 = 0, id = 0;
	struct unit u;
	CHECK_INT(unit_add(db, access_system(), ubnd, "department", "province", "Sở Văn hóa Thể thao Thử nghiệm",
	                   "Sở VHTT TN", NULL, NULL, &u1), 0, "add a department");
	CHECK_INT(unit_get(db, &a, u1, &u), 0, "get it");
	CHECK_STR(u.key, "laocai.ubnd.so-van-hoa-the-thao-thu-nghiem", "key from the folded name");
	CHECK_INT(u.parent_id, ubnd, "parent");
	CHECK_STR(u.short_name, "Sở VHTT TN", "short name");
	CHECK_INT(u.proposed, 0, "not proposed");
	CHECK_INT(unit_add(db, access_system(), ubnd, "department", "province", "sở văn hóa thể thao thử NGHIỆM",
	                   NULL, NULL, NULL, &id), PH_EDUPLICATE, "same folded name beside it");
	CHECK_INT(id, 0, "no id");
	CHECK_INT(unit_add(db, &coord, ubnd, "department", "province", "Sở Văn hóa, Thể thao Thử nghiệm",
	                   NULL, NULL, NULL, &u2), 0, "a coordinator adds below its unit");
	CHECK_INT(unit_get(db, &a, u2, &u), 0, "get second");
	CHECK_STR(u.key, "laocai.ubnd.so-van-hoa-the-thao-thu-nghiem-2", "-2 when the key is taken");
	CHECK_INT(unit_add(db, access_system(), 0, "other", "province", "Tỉnh Thử", NULL, NULL, NULL, &id), 0,
	          "a root unit");
	CHECK_INT(unit_get(db, &a, id, &u), 0, "get root");
	CHECK_STR(u.key, "tinh-thu", "a root's key is the name alone");
	CHECK_INT(u.parent_id, 0, "no parent");
	CHECK_INT(unit_add(db, access_system(), 0, "other", NULL, "***", NULL, NULL, NULL, &id), 0,
	          "a name without letters");
	CHECK_INT(unit_get(db, &a, id, &u), 0, "get it");
	CHECK_STR(u.key, "unit", "falls back to \"unit\"");

	static const struct {
		long long parent;
		const char *kind, *level, *name, *from, *to;
		int who; /* 0 command line, 1 coordinator, 2 far coordinator, 3 editor */
		int want;
		const char *why;
	} refused[] = {
		{0, "agency", "province", "X", NULL, NULL, 0, PH_EINVAL, "unknown kind"},
		{0, "other", "village", "X", NULL, NULL, 0, PH_EINVAL, "unknown level"},
		{0, "other", NULL, "  ", NULL, NULL, 0, PH_EINVAL, "blank name"},
		{0, "other", NULL, "A\tB", NULL, NULL, 0, PH_EINVAL, "tab in the name"},
		{0, "other", NULL, "X", "2025-01-01", "2024-12-31", 0, PH_EINVAL, "reversed dates"},
		{0, "other", NULL, "X", "2025-02-30", NULL, 0, PH_EINVAL, "no such day"},
		{999999, "other", NULL, "X", NULL, NULL, 0, PH_ENOTFOUND, "no such parent"},
		{-1, "department", NULL, "X", NULL, NULL, 3, PH_EFORBIDDEN, "an editor"},
		{-2, "department", NULL, "X", NULL, NULL, 1, PH_EFORBIDDEN, "outside the coordinator's tree"},
		{0, "other", NULL, "X", NULL, NULL, 1, PH_EFORBIDDEN, "a root needs an administrator"},
		{-1, "department", NULL, "X", NULL, NULL, 2, PH_EFORBIDDEN, "another province's coordinator"},
	};
	const struct user *who[] = {access_system(), &coord, &far, &editor};
	long long units = fixture_int(db, "SELECT COUNT(*) FROM units", NULL);
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		long long parent = refused[i].parent == -1 ? ubnd : refused[i].parent == -2 ? yenbai
		                                                                            : refused[i].parent;
		CHECK_INT(unit_add(db, who[refused[i].who], parent, refused[i].kind, refused[i].level,
		                   refused[i].name, NULL, refused[i].from, refused[i].to, &id),
		          refused[i].want, refused[i].why);
	}
	CHECK_INT(fixture_int(db, "SELECT COUNT(*) FROM units", NULL), units, "refusals added nothing");

	/* A unit of the same name may follow one that has ended. */
	CHECK_INT(unit_set_validity(db, access_system(), u1, NULL, "2024-12-31"), 0, "end the first");
	CHECK_INT(unit_add(db, access_system(), ubnd, "department", "province", "Sở Văn hóa Thể thao Thử nghiệm",
	                   NULL, "2024-06-01", NULL, &id), PH_EDUPLICATE, "overlapping successor");
	CHECK_INT(unit_add(db, access_system(), ubnd, "department", "province", "Sở Văn hóa Thể thao Thử nghiệm",
	                   NULL, "2025-01-01", NULL, &u3), 0, "successor from the next day");
	CHECK_INT(unit_get(db, &a, u3, &u), 0, "get successor");
	CHECK_STR(u.key, "laocai.ubnd.so-van-hoa-the-thao-thu-nghiem-3", "-3");
	CHECK_STR(u.valid_from, "2025-01-01", "valid from");
	CHECK_INT(unit_set_validity(db, access_system(), u1, NULL, NULL), PH_EDUPLICATE,
	          "reopening the first would overlap its successor");
	CHECK_INT(unit_set_validity(db, access_system(), u1, "2025-01-01", "2024-01-01"), PH_EINVAL, "reversed");
	CHECK_INT(unit_set_validity(db, access_system(), u1, "tomorrow", NULL), PH_EINVAL, "not a date");
	CHECK_INT(unit_set_validity(db, access_system(), 999999, NULL, NULL), PH_ENOTFOUND, "no such unit");
	CHECK_INT(unit_set_validity(db, &far, u1, NULL, "2024-12-30"), PH_EFORBIDDEN, "far coordinator");
	CHECK_INT(unit_get(db, &a, u1, &u), 0, "get first");
	CHECK_STR(u.valid_to, "2024-12-31", "refusals kept the end date");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'unit.validity'"
	                " AND entity_id = ?", u1), 1, "one validity change audited");

	/* Renaming keeps the old names as aliases, so documents still resolve. */
	CHECK_INT(unit_rename(db, &coord, u2, "Sở Văn hóa và Thể thao Thử nghiệm", NULL), 0, "rename");
	CHECK_INT(unit_get(db, &a, u2, &u), 0, "get renamed");
	CHECK_STR(u.name, "Sở Văn hóa và Thể thao Thử nghiệm", "new name");
	char **al = NULL;
	size_t n = 0;
	CHECK_INT(unit_aliases(db, &a, u2, &al, &n), 0, "aliases");
	CHECK(has_alias(al, n, "Sở Văn hóa, Thể thao Thử nghiệm"), "old name is an alias");
	long long bq = 0;
	CHECK_INT(unit_add(db, access_system(), ubnd, "other", "province", "Ban Quản lý Dự án Thử", NULL, NULL,
	                   NULL, &bq), 0, "a unit with a name of its own");
	CHECK_INT(unit_rename(db, access_system(), bq, "Ban Quản lý Dự án Đổi tên", NULL), 0, "rename it");
	int rc = 0;
	struct resolver *r = unit_resolver_db(db, &rc);
	CHECK(r != NULL, "resolver");
	if (r) {
		long long found = 0;
		CHECK_INT(unit_find(db, r, "Ban Quản lý Dự án Thử", &found), 0, "old name found");
		CHECK_INT(found, bq, "old name resolves to the renamed unit");
		CHECK_INT(unit_find(db, r, "Ban Quản lý Dự án Đổi tên", &found), 0, "new name found");
		CHECK_INT(found, bq, "new name resolves too");
		resolver_free(r);
	}
	CHECK_INT(unit_rename(db, access_system(), u2, "Sở Văn hóa Thể thao Thử nghiệm", NULL), PH_EDUPLICATE,
	          "the name of a current sibling");
	CHECK_INT(unit_rename(db, access_system(), u1, "Sở Tên Mới", "Sở TM"), 0, "rename with a short name");
	CHECK_INT(unit_rename(db, access_system(), u1, "Sở Tên Mới", ""), 0, "remove the short name");
	CHECK_INT(unit_get(db, &a, u1, &u), 0, "get");
	CHECK(u.short_name == NULL, "short name removed");
	CHECK_INT(unit_aliases(db, &a, u1, &al, &n), 0, "aliases of u1");
	CHECK(has_alias(al, n, "Sở VHTT TN") && has_alias(al, n, "Sở TM") &&
	      has_alias(al, n, "Sở Văn hóa Thể thao Thử nghiệm"), "old names and short names kept");
	long long renames = count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'unit.rename'"
	                          " AND entity_id = ?", u1);
	CHECK_INT(unit_rename(db, access_system(), u1, "Sở Tên Mới", NULL), 0, "same name again");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'unit.rename'"
	                " AND entity_id = ?", u1), renames, "a no-op rename is not audited");
	fixture_text(db, "SELECT before_json || ' ' || after_json FROM audit_log"
	             " WHERE action = 'unit.rename' ORDER BY id DESC", NULL, buf, sizeof buf);
	CHECK_STR(buf, "{\"name\":\"Sở Tên Mới\",\"short_name\":\"Sở TM\"}"
	          " {\"name\":\"Sở Tên Mới\",\"short_name\":null}", "rename audited");
	CHECK_INT(unit_rename(db, &editor, u1, "X", NULL), PH_EFORBIDDEN, "an editor cannot rename");
	CHECK_INT(unit_rename(db, access_system(), u1, "", NULL), PH_EINVAL, "empty name");

	/* A combined update (the API's PATCH) is one transaction: when any
	 * part fails, nothing changes and nothing is audited. */
	static const char *unit_audits = "SELECT COUNT(*) FROM audit_log WHERE entity_id = ?"
	                                 " AND action IN ('unit.rename', 'unit.validity')";
	long long ended = 0, upd = 0;
	CHECK_INT(unit_add(db, access_system(), yte, "department", "province", "Phòng Cập nhật Cũ", NULL, NULL,
	                   "2024-12-31", &ended), 0, "a unit that has ended");
	CHECK_INT(unit_add(db, access_system(), yte, "department", "province", "Phòng Cập nhật", "PCN", "2025-01-01",
	                   NULL, &upd), 0, "the unit to update, after it");
	long long aliases = count(db, "SELECT COUNT(*) FROM unit_aliases WHERE unit_id = ?", upd);
	static const struct {
		const char *name, *from, *to;
		int want;
		const char *why;
	} bad_update[] = {
		{"Phòng Cập nhật Mới", "2025-01-01", "2024-01-01", PH_EINVAL, "good name, reversed dates"},
		{"Phòng Cập nhật Mới", "2025-02-30", NULL, PH_EINVAL, "good name, no such day"},
		{"Phòng Cập nhật Cũ", "2024-06-01", NULL, PH_EDUPLICATE,
		 "a name free for the current dates clashes with the new ones"},
		{"", "2025-03-01", NULL, PH_EINVAL, "empty name, good dates"},
	};
	for (size_t i = 0; i < sizeof bad_update / sizeof *bad_update; i++)
		CHECK_INT(unit_update(db, access_system(), upd, bad_update[i].name, NULL, 1, bad_update[i].from,
		                      bad_update[i].to, 1), bad_update[i].want, bad_update[i].why);
	/* The rename is written before the validity: make the validity's
	 * audit entry fail so that a written rename must be rolled back. */
	db_exec(db, "CREATE TRIGGER no_validity_audit BEFORE INSERT ON audit_log"
	            " WHEN NEW.action = 'unit.validity'"
	            " BEGIN SELECT RAISE(ABORT, 'audit refused by the test'); END");
	CHECK_INT(unit_update(db, access_system(), upd, "Phòng Cập nhật Mới", NULL, 1, "2025-03-01", NULL, 1), PH_EDB,
	          "update fails at the second audit entry");
	db_exec(db, "DROP TRIGGER no_validity_audit");
	CHECK_INT(unit_update(db, &editor, upd, "Phòng Cập nhật Mới", NULL, 1, "2025-03-01", NULL, 1),
	          PH_EFORBIDDEN, "an editor cannot update");
	CHECK_INT(unit_update(db, access_system(), 999999, "Phòng Cập nhật Mới", NULL, 1, NULL, NULL, 1), PH_ENOTFOUND,
	          "no such unit");
	CHECK_INT(unit_get(db, &a, upd, &u), 0, "get after refused updates");
	CHECK_STR(u.name, "Phòng Cập nhật", "refused updates kept the name");
	CHECK_STR(u.short_name, "PCN", "refused updates kept the short name");
	CHECK_STR(u.valid_from, "2025-01-01", "refused updates kept the start");
	CHECK(u.valid_to == NULL, "refused updates kept the open end");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM unit_aliases WHERE unit_id = ?", upd), aliases,
	          "refused updates added no alias");
	CHECK_INT(count(db, unit_audits, upd), 0, "refused updates audited nothing");
	/* Once the dates overlap the ended unit, a rename alone clashes ... */
	CHECK_INT(unit_set_validity(db, access_system(), upd, "2024-06-01", NULL), 0, "start earlier");
	CHECK_INT(unit_rename(db, access_system(), upd, "Phòng Cập nhật Cũ", NULL), PH_EDUPLICATE,
	          "a rename alone is checked against the current dates");
	/* ... but together with new dates the name is checked against those. */
	CHECK_INT(unit_update(db, &coord, upd, "Phòng Cập nhật Cũ", "", 1, "2025-01-01", NULL, 1), 0,
	          "rename and new dates together");
	CHECK_INT(unit_get(db, &a, upd, &u), 0, "get updated");
	CHECK_STR(u.name, "Phòng Cập nhật Cũ", "updated name");
	CHECK(u.short_name == NULL, "short name removed");
	CHECK_STR(u.valid_from, "2025-01-01", "updated start");
	CHECK_INT(unit_aliases(db, &a, upd, &al, &n), 0, "aliases after the update");
	CHECK(has_alias(al, n, "Phòng Cập nhật") && has_alias(al, n, "PCN"), "old names kept as aliases");
	CHECK_INT(count(db, unit_audits, upd), 3, "both parts of the update audited");
	char p[32];
	snprintf(p, sizeof p, "%lld", upd);
	fixture_text(db, "SELECT group_concat(action, ' ') FROM (SELECT action FROM audit_log"
	             " WHERE entity_id = ? AND action LIKE 'unit.%' ORDER BY id)", p, buf, sizeof buf);
	CHECK_STR(buf, "unit.add unit.validity unit.rename unit.validity", "audit entries in order");
	/* Only the names, or only the dates; name NULL keeps the name. */
	CHECK_INT(unit_update(db, access_system(), upd, NULL, "PCN Mới", 1, NULL, NULL, 0), 0, "short name only");
	CHECK_INT(unit_update(db, access_system(), upd, NULL, NULL, 0, "2025-01-01", "2030-12-31", 1), 0,
	          "dates only");
	CHECK_INT(unit_get(db, &a, upd, &u), 0, "get");
	CHECK_STR(u.name, "Phòng Cập nhật Cũ", "name NULL kept the name");
	CHECK_STR(u.short_name, "PCN Mới", "new short name");
	CHECK_STR(u.valid_from, "2025-01-01", "dates only kept the start given");
	CHECK_STR(u.valid_to, "2030-12-31", "new end");
	CHECK_INT(count(db, unit_audits, upd), 5, "one entry for each single-part update");

	/* Aliases, in Vietnamese order. */
	CHECK_INT(unit_add_alias(db, access_system(), u3, "Đài"), 0, "alias Đài");
	CHECK_INT(unit_add_alias(db, access_system(), u3, "Dân"), 0, "alias Dân");
	CHECK_INT(unit_add_alias(db, access_system(), u3, "Ân"), 0, "alias Ân");
	CHECK_INT(unit_add_alias(db, access_system(), u3, "Dân"), PH_EDUPLICATE, "the same alias twice");
	CHECK_INT(unit_add_alias(db, access_system(), u3, "Sở Văn hóa Thể thao Thử nghiệm"), PH_EDUPLICATE,
	          "the unit's own name");
	CHECK_INT(unit_add_alias(db, access_system(), u3, "\x01"), PH_EINVAL, "control character");
	CHECK_INT(unit_add_alias(db, &far, u3, "Khác"), PH_EFORBIDDEN, "far coordinator");
	CHECK_INT(unit_aliases(db, &a, u3, &al, &n), 0, "aliases of u3");
	CHECK(n == 3 && !strcmp(al[0], "Ân") && !strcmp(al[1], "Dân") && !strcmp(al[2], "Đài"),
	      "collated: Ân, Dân, Đài (n=%zu)", n);

	/* Merging. */
	long long from = 0, into = 0, child = 0, g = 0, gchild = 0;
	unit_add(db, access_system(), ubnd, "department", "province", "Sở Thử Nguồn", "Sở TN", NULL, NULL, &from);
	unit_add(db, access_system(), ubnd, "department", "province", "Sở Thử Đích", NULL, NULL, NULL, &into);
	unit_add(db, access_system(), from, "department", "province", "Phòng thuộc Sở Thử Nguồn", NULL, NULL,
	         NULL, &child);
	unit_add(db, access_system(), ubnd, "department", "province", "Sở Thử Khác", NULL, NULL, NULL, &g);
	unit_add(db, access_system(), g, "department", "province", "Phòng thuộc Sở Thử Khác", NULL, NULL, NULL,
	         &gchild);
	CHECK(from && into && child && g && gchild, "merge fixture units");
	unit_add_alias(db, access_system(), from, "STN");
	long long staff = 0;
	CHECK_INT(user_add(db, access_system(), "nguon", "Cán bộ Sở Thử Nguồn", from, ROLE_EDITOR,
	                   "mat-khau-1", &staff), 0, "a user of the merged unit");
	long long plan = fixture_plan(db, "hash-merge");
	long long k1 = fixture_task(db, plan, 1, "Mở", from, "Sở TN", NULL, NULL);
	long long k2 = fixture_task(db, plan, 2, "Đang làm", from, "Sở TN", NULL, "in_progress");
	long long k3 = fixture_task(db, plan, 3, "Xong", from, "Sở TN", NULL, "done");
	long long k4 = fixture_task(db, plan, 4, "Phối hợp mở", yte, "Sở Y tế", NULL, NULL);
	long long k5 = fixture_task(db, plan, 5, "Phối hợp xong", yte, "Sở Y tế", NULL, "done");
	long long k6 = fixture_task(db, plan, 6, "Cả hai phối hợp", yte, "Sở Y tế", NULL, NULL);
	long long k7 = fixture_task(db, plan, 7, "Của Sở Thử Khác", g, NULL, NULL, NULL);
	store_coordinator_insert(db, k4, 1, 0, "các sở, ngành", 1);
	store_coordinator_insert(db, k4, 2, from, "Sở TN", 0);
	store_coordinator_insert(db, k5, 1, from, "Sở TN", 0);
	store_coordinator_insert(db, k6, 1, from, "Sở TN", 0);
	store_coordinator_insert(db, k6, 2, into, "Sở Thử Đích", 0);

	static const struct {
		int from, into; /* 0 from, 1 into, 2 g, 3 gchild, 4 missing, 5 so-noivu (ended) */
		const char *date;
		int who;
		int want;
		const char *why;
	} bad_merges[] = {
		{2, 2, "2025-02-28", 0, PH_EINVAL, "into itself"},
		{2, 3, "2025-02-28", 0, PH_EINVAL, "into its own child"},
		{2, 1, "28/02/2025", 0, PH_EINVAL, "date not ISO"},
		{2, 1, NULL, 0, PH_EINVAL, "no date"},
		{2, 4, "2025-02-28", 0, PH_ENOTFOUND, "into a unit that does not exist"},
		{2, 5, "2025-03-31", 0, PH_EINVAL, "into a unit gone by then"},
		{2, 1, "2025-02-28", 3, PH_EFORBIDDEN, "an editor"},
		{2, 1, "2025-02-28", 2, PH_EFORBIDDEN, "another province's coordinator"},
	};
	long long ids[] = {from, into, g, gchild, 999999, fixture_unit(db, "laocai.so-noivu")};
	for (size_t i = 0; i < sizeof bad_merges / sizeof *bad_merges; i++)
		CHECK_INT(unit_merge(db, who[bad_merges[i].who], ids[bad_merges[i].from],
		                     ids[bad_merges[i].into], bad_merges[i].date),
		          bad_merges[i].want, bad_merges[i].why);
	CHECK_INT(count(db, "SELECT COUNT(*) FROM tasks WHERE lead_unit_id = ?", g), 1,
	          "refused merges moved nothing");
	CHECK_INT(unit_get(db, &a, g, &u), 0, "get g");
	CHECK(u.valid_to == NULL && u.successor_id == 0, "g untouched");

	/* A merge that fails at its last step leaves nothing. */
	db_exec(db, "CREATE TRIGGER no_audit BEFORE INSERT ON audit_log"
	            " BEGIN SELECT RAISE(ABORT, 'audit refused by the test'); END");
	fprintf(stderr, "(the database error below is expected)\n");
	CHECK_INT(unit_merge(db, access_system(), g, into, "2025-02-28"), PH_EDB, "merge fails at the audit");
	db_exec(db, "DROP TRIGGER no_audit");
	CHECK_INT(count(db, "SELECT lead_unit_id FROM tasks WHERE id = ?", k7), g, "task not moved");
	CHECK_INT(unit_get(db, &a, g, &u), 0, "get g again");
	CHECK(u.valid_to == NULL && u.successor_id == 0, "g not closed");
	CHECK_INT(unit_aliases(db, &a, into, &al, &n), 0, "into's aliases");
	CHECK(!has_alias(al, n, "Sở Thử Khác"), "no alias added");

	/* The merge itself, by a coordinator above both. */
	CHECK_INT(unit_merge(db, &coord, from, into, "2025-02-28"), 0, "merge");
	CHECK_INT(count(db, "SELECT lead_unit_id FROM tasks WHERE id = ?", k1), into, "open task moved");
	CHECK_INT(count(db, "SELECT lead_unit_id FROM tasks WHERE id = ?", k2), into,
	          "task in progress moved");
	CHECK_INT(count(db, "SELECT lead_unit_id FROM tasks WHERE id = ?", k3), from,
	          "done task stays with the old unit");
	CHECK_INT(count(db, "SELECT unit_id FROM task_coordinators WHERE task_id = ? AND position = 2",
	                k4), into, "open coordination moved");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM task_coordinators WHERE task_id = ? AND is_group = 1",
	                k4), 1, "group phrase untouched");
	CHECK_INT(count(db, "SELECT unit_id FROM task_coordinators WHERE task_id = ?", k5), from,
	          "done task's coordination stays");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM task_coordinators WHERE task_id = ?", k6), 1,
	          "a task both coordinated keeps one mention");
	CHECK_INT(count(db, "SELECT unit_id FROM task_coordinators WHERE task_id = ?", k6), into,
	          "and it is the new unit's");
	CHECK_INT(count(db, "SELECT parent_id FROM units WHERE id = ?", child), into,
	          "the merged unit's open child unit now hangs under into");
	CHECK_INT(count(db, "SELECT unit_id FROM users WHERE id = ?", staff), into,
	          "the merged unit's people now work for into");
	CHECK_INT(count(db, "SELECT parent_id FROM units WHERE id = ?", gchild), g,
	          "other units' children stay");
	CHECK_INT(unit_get(db, &a, from, &u), 0, "get merged unit");
	CHECK_STR(u.valid_to, "2025-02-28", "ends on the date");
	CHECK_INT(u.successor_id, into, "successor set");
	CHECK_INT(unit_aliases(db, &a, into, &al, &n), 0, "into's aliases");
	CHECK(has_alias(al, n, "Sở Thử Nguồn") && has_alias(al, n, "Sở TN") && has_alias(al, n, "STN"),
	      "name, short name and aliases of the merged unit now name into");
	fixture_text(db, "SELECT user_login || ' ' || before_json || ' ' || after_json FROM audit_log"
	             " WHERE action = 'unit.merge'", NULL, buf, sizeof buf);
	char want[256];
	snprintf(want, sizeof want, "c {\"valid_to\":null,\"successor_id\":null}"
	         " {\"valid_to\":\"2025-02-28\",\"successor_id\":%lld,\"lead_tasks\":[%lld,%lld],"
	         "\"coordinated_tasks\":[%lld,%lld]}", into, k1, k2, k4, k6);
	CHECK_STR(buf, want, "merge audited with what moved");
	CHECK_INT(unit_merge(db, access_system(), from, into, "2025-02-28"), PH_ECONFLICT, "merged already");
	CHECK_INT(unit_get(db, &a, 999999, &u), PH_ENOTFOUND, "no such unit");

	arena_cleanup(&a);
	fixture_close(db);
	TEST_END("test_units");
}

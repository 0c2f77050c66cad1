/* test_indicator_owner.c: an indicator belongs to the unit of whoever
 * defined it (finding 19). Only coordinators whose reach holds that unit,
 * or administrators, set its targets, and (but for administrators) only
 * for the owner's level and the levels below: a district union sets no
 * province target, the provincial Women's Union no central one. Refusals
 * write nothing. */
#include "test.h"
#include "fixture.h"
#include "model/indicator.h"
#include "base/err.h"

static long long count(struct db *db, const char *sql)
{
	return fixture_int(db, sql, NULL);
}

static long long add(struct db *db, const struct user *who, const char *code, long long owner,
                     int want, const char *ctx)
{
	struct indicator in = {.code = (char *)code, .name = (char *)code, .type = "count",
	                       .levels = "province,district,commune", .owner_unit_id = owner};
	long long id = 0;
	const char *why = NULL;
	CHECK_INT(indicator_add(db, who, &in, &id, &why), want, ctx);
	return id;
}

static void target(struct db *db, const struct user *who, long long id, const char *level,
                   int want, const char *ctx)
{
	const char *why = NULL;
	long long before = count(db, "SELECT COUNT(*) FROM indicator_targets");
	int rc = indicator_set_target(db, who, id, 2025, level, ">=", 10, &why);
	CHECK_INT(rc, want, ctx);
	if (rc == PH_EFORBIDDEN && unit_level_rank(level) == 0)
		CHECK(why && strstr(why, "level"), "%s: why names the level", ctx);
	if (rc)
		CHECK_INT(count(db, "SELECT COUNT(*) FROM indicator_targets"), before,
		          "a refusal wrote no target");
}

int main(void)
{
	struct db *db = fixture_open();
	long long hlhpn = fixture_unit(db, "laocai.hlhpn");
	long long bacha = fixture_unit(db, "laocai.bacha.hlhpn");
	long long ubnd = fixture_unit(db, "laocai.ubnd");
	long long tinhdoan = fixture_unit(db, "laocai.tinhdoan");
	struct user dp = fixture_person(0, "dp", hlhpn, ROLE_COORDINATOR);
	struct user dbh = fixture_person(0, "dbh", bacha, ROLE_COORDINATOR);
	struct user up = fixture_person(0, "up", ubnd, ROLE_COORDINATOR);
	struct user admin = fixture_person(0, "admin", ubnd, ROLE_ADMIN);
	struct user editor = fixture_person(0, "ed", hlhpn, ROLE_EDITOR);
	char sql[160];

	/* Defined by the provincial union's coordinator: its own. */
	long long p = add(db, &dp, "HPN-T1", 0, 0, "coordinator defines");
	snprintf(sql, sizeof sql, "SELECT owner_unit_id FROM indicators WHERE id = %lld", p);
	CHECK_INT(count(db, sql), hlhpn, "owned by the definer's unit");
	snprintf(sql, sizeof sql, "SELECT unit_id FROM audit_log WHERE action = 'indicator.add'"
	         " AND entity_id = %lld", p);
	CHECK_INT(count(db, sql), hlhpn, "its audit entry is about the owner");
	struct arena a;
	arena_init(&a);
	struct indicator got;
	CHECK_INT(indicator_get(db, &a, p, &got), 0, "read back");
	CHECK(got.owner_unit_id == hlhpn && got.owner_name &&
	      !strcmp(got.owner_name, "Hội Liên hiệp Phụ nữ tỉnh Lào Cai") && got.owner_level &&
	      !strcmp(got.owner_level, "province"), "owner read with its name and level");
	arena_cleanup(&a);

	target(db, &dp, p, "province", 0, "own level");
	target(db, &dp, p, "district", 0, "a level below");
	target(db, &dp, p, "central", PH_EFORBIDDEN, "a level above");
	target(db, &up, p, "province", PH_EFORBIDDEN, "a coordinator elsewhere");
	target(db, &dbh, p, "district", PH_EFORBIDDEN, "a coordinator below the owner");
	target(db, &editor, p, "province", PH_EFORBIDDEN, "an editor of the owner");
	target(db, NULL, p, "province", PH_EUNAUTH, "no actor");
	target(db, &admin, p, "central", 0, "administrators set any level");

	/* A district union's indicator. */
	long long d = add(db, &dbh, "HPN-T2", 0, 0, "district coordinator defines");
	target(db, &dbh, d, "province", PH_EFORBIDDEN, "district sets no province target");
	target(db, &dbh, d, "district", 0, "district sets its own level");
	target(db, &dbh, d, "commune", 0, "and below");
	target(db, &dp, d, "district", 0, "the union above follows it");
	target(db, &dp, d, "province", PH_EFORBIDDEN, "but not above the owner's level");

	/* Naming an owner: within the reach only. */
	long long before = count(db, "SELECT COUNT(*) FROM indicators");
	add(db, &dp, "HPN-T3", tinhdoan, PH_EFORBIDDEN, "an owner outside the reach");
	add(db, &dp, "HPN-T4", 99999999, PH_EINVAL, "an unknown owner");
	add(db, &up, "HPN-T5", 0, 0, "UBND tỉnh's coordinator defines its own");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM indicators"), before + 1, "refusals wrote nothing");
	long long b = add(db, &dp, "HPN-T6", bacha, 0, "an owner below");
	snprintf(sql, sizeof sql, "SELECT owner_unit_id FROM indicators WHERE id = %lld", b);
	CHECK_INT(count(db, sql), bacha, "owned by the unit named");
	target(db, &dbh, b, "district", 0, "the owner's coordinator");

	/* The command line's indicators: administrators only. */
	long long s = add(db, access_system(), "HPN-T7", 0, 0, "command line defines");
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM indicators WHERE id = %lld"
	         " AND owner_unit_id IS NULL", s);
	CHECK_INT(count(db, sql), 1, "no owner");
	target(db, &dp, s, "province", PH_EFORBIDDEN, "coordinators do not change it");
	target(db, &admin, s, "province", 0, "administrators do");
	target(db, access_system(), s, "central", 0, "the command line does");

	fixture_close(db);
	TEST_END("test_indicator_owner");
}

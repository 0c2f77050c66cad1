/* test_access.c: the permission rules of access.h as one table: role x
 * (own unit, a unit below it, a unit elsewhere, no unit) x action, on the
 * real unit tree of the shipped registry; then tasks (lead versus
 * coordinating units, no lead), disabled accounts and the command line. */
#include "test.h"
#include "fixture.h"
#include "model/access.h"
#include "model/model.h"
#include "model/schedule.h"
#include "base/err.h"

#define OK 0
#define NO PH_EFORBIDDEN

static const char *act_names[] = {"read", "task_status", "task_note", "report_submit",
                                  "import", "unit_edit", "audit_read", "user_admin",
                                  "schedule_edit", "feed", "report_draft",
                                  "report_review", "indicator_edit", "value_enter",
                                  "private_read"};

/* Expected answer for a unit that is the user's own, one below it, one
 * elsewhere, and none (0). */
static const struct {
	int role;
	enum access_action act;
	int want[4];
} rules[] = {
	{ROLE_VIEWER, ACT_READ, {OK, OK, OK, OK}},
	{ROLE_VIEWER, ACT_TASK_STATUS, {NO, NO, NO, NO}},
	{ROLE_VIEWER, ACT_TASK_NOTE, {NO, NO, NO, NO}},
	{ROLE_VIEWER, ACT_REPORT_SUBMIT, {NO, NO, NO, NO}},
	{ROLE_VIEWER, ACT_IMPORT, {NO, NO, NO, NO}},
	{ROLE_VIEWER, ACT_UNIT_EDIT, {NO, NO, NO, NO}},
	{ROLE_VIEWER, ACT_AUDIT_READ, {NO, NO, NO, NO}},
	{ROLE_VIEWER, ACT_USER_ADMIN, {NO, NO, NO, NO}},
	{ROLE_VIEWER, ACT_SCHEDULE_EDIT, {NO, NO, NO, NO}},
	{ROLE_VIEWER, ACT_FEED, {OK, NO, NO, NO}},
	{ROLE_VIEWER, ACT_REPORT_DRAFT, {NO, NO, NO, NO}},
	{ROLE_VIEWER, ACT_REPORT_REVIEW, {NO, NO, NO, NO}},
	{ROLE_VIEWER, ACT_INDICATOR_EDIT, {NO, NO, NO, NO}},
	{ROLE_VIEWER, ACT_VALUE_ENTER, {NO, NO, NO, NO}},
	{ROLE_VIEWER, ACT_PRIVATE_READ, {OK, OK, NO, NO}},

	{ROLE_EDITOR, ACT_READ, {OK, OK, OK, OK}},
	{ROLE_EDITOR, ACT_TASK_STATUS, {OK, NO, NO, NO}},
	{ROLE_EDITOR, ACT_TASK_NOTE, {OK, NO, NO, NO}},
	{ROLE_EDITOR, ACT_REPORT_SUBMIT, {NO, NO, NO, NO}},
	{ROLE_EDITOR, ACT_IMPORT, {NO, NO, NO, NO}},
	{ROLE_EDITOR, ACT_UNIT_EDIT, {NO, NO, NO, NO}},
	{ROLE_EDITOR, ACT_AUDIT_READ, {NO, NO, NO, NO}},
	{ROLE_EDITOR, ACT_USER_ADMIN, {NO, NO, NO, NO}},
	{ROLE_EDITOR, ACT_SCHEDULE_EDIT, {NO, NO, NO, NO}},
	{ROLE_EDITOR, ACT_FEED, {OK, NO, NO, NO}},
	{ROLE_EDITOR, ACT_REPORT_DRAFT, {OK, NO, NO, NO}},
	{ROLE_EDITOR, ACT_REPORT_REVIEW, {NO, NO, NO, NO}},
	{ROLE_EDITOR, ACT_INDICATOR_EDIT, {NO, NO, NO, NO}},
	{ROLE_EDITOR, ACT_VALUE_ENTER, {OK, NO, NO, NO}},
	{ROLE_EDITOR, ACT_PRIVATE_READ, {OK, OK, NO, NO}},

	{ROLE_APPROVER, ACT_READ, {OK, OK, OK, OK}},
	{ROLE_APPROVER, ACT_TASK_STATUS, {OK, NO, NO, NO}},
	{ROLE_APPROVER, ACT_TASK_NOTE, {OK, NO, NO, NO}},
	{ROLE_APPROVER, ACT_REPORT_SUBMIT, {OK, NO, NO, NO}},
	{ROLE_APPROVER, ACT_IMPORT, {NO, NO, NO, NO}},
	{ROLE_APPROVER, ACT_UNIT_EDIT, {NO, NO, NO, NO}},
	{ROLE_APPROVER, ACT_AUDIT_READ, {NO, NO, NO, NO}},
	{ROLE_APPROVER, ACT_USER_ADMIN, {NO, NO, NO, NO}},
	{ROLE_APPROVER, ACT_SCHEDULE_EDIT, {NO, NO, NO, NO}},
	{ROLE_APPROVER, ACT_FEED, {OK, NO, NO, NO}},
	{ROLE_APPROVER, ACT_REPORT_DRAFT, {OK, NO, NO, NO}},
	{ROLE_APPROVER, ACT_REPORT_REVIEW, {NO, NO, NO, NO}},
	{ROLE_APPROVER, ACT_INDICATOR_EDIT, {NO, NO, NO, NO}},
	{ROLE_APPROVER, ACT_VALUE_ENTER, {OK, NO, NO, NO}},
	{ROLE_APPROVER, ACT_PRIVATE_READ, {OK, OK, NO, NO}},

	{ROLE_COORDINATOR, ACT_READ, {OK, OK, OK, OK}},
	{ROLE_COORDINATOR, ACT_TASK_STATUS, {OK, OK, NO, NO}},
	{ROLE_COORDINATOR, ACT_TASK_NOTE, {OK, OK, NO, NO}},
	{ROLE_COORDINATOR, ACT_REPORT_SUBMIT, {OK, OK, NO, NO}},
	{ROLE_COORDINATOR, ACT_IMPORT, {OK, OK, NO, OK}},
	{ROLE_COORDINATOR, ACT_UNIT_EDIT, {OK, OK, NO, NO}},
	{ROLE_COORDINATOR, ACT_AUDIT_READ, {OK, OK, NO, OK}},
	{ROLE_COORDINATOR, ACT_USER_ADMIN, {NO, NO, NO, NO}},
	{ROLE_COORDINATOR, ACT_SCHEDULE_EDIT, {OK, OK, NO, NO}},
	{ROLE_COORDINATOR, ACT_FEED, {OK, OK, NO, NO}},
	{ROLE_COORDINATOR, ACT_REPORT_DRAFT, {OK, OK, NO, NO}},
	{ROLE_COORDINATOR, ACT_REPORT_REVIEW, {OK, OK, NO, NO}},
	{ROLE_COORDINATOR, ACT_INDICATOR_EDIT, {OK, OK, NO, NO}},
	{ROLE_COORDINATOR, ACT_VALUE_ENTER, {OK, OK, NO, NO}},
	{ROLE_COORDINATOR, ACT_PRIVATE_READ, {OK, OK, NO, NO}},

	{ROLE_ADMIN, ACT_READ, {OK, OK, OK, OK}},
	{ROLE_ADMIN, ACT_TASK_STATUS, {OK, OK, OK, OK}},
	{ROLE_ADMIN, ACT_TASK_NOTE, {OK, OK, OK, OK}},
	{ROLE_ADMIN, ACT_REPORT_SUBMIT, {OK, OK, OK, OK}},
	{ROLE_ADMIN, ACT_IMPORT, {OK, OK, OK, OK}},
	{ROLE_ADMIN, ACT_UNIT_EDIT, {OK, OK, OK, OK}},
	{ROLE_ADMIN, ACT_AUDIT_READ, {OK, OK, OK, OK}},
	{ROLE_ADMIN, ACT_USER_ADMIN, {OK, OK, OK, OK}},
	{ROLE_ADMIN, ACT_SCHEDULE_EDIT, {OK, OK, OK, OK}},
	{ROLE_ADMIN, ACT_FEED, {OK, OK, OK, OK}},
	{ROLE_ADMIN, ACT_REPORT_DRAFT, {OK, OK, OK, OK}},
	{ROLE_ADMIN, ACT_REPORT_REVIEW, {OK, OK, OK, OK}},
	{ROLE_ADMIN, ACT_INDICATOR_EDIT, {OK, OK, OK, OK}},
	{ROLE_ADMIN, ACT_VALUE_ENTER, {OK, OK, OK, OK}},
	{ROLE_ADMIN, ACT_PRIVATE_READ, {OK, OK, OK, OK}},
};

enum { k_own = 0 };

static const char *where[] = {"own unit", "unit below", "other unit", "no unit"};

int main(void)
{
	struct db *db = fixture_open();
	/* laocai.ubnd is the user's unit; laocai.so-tuphap sits right below
	 * it; yenbai.ubnd is in another province. */
	long long own = fixture_unit(db, "laocai.ubnd");
	long long below = fixture_unit(db, "laocai.so-tuphap");
	long long other = fixture_unit(db, "yenbai.ubnd");
	long long units[4] = {own, below, other, 0};

	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
		struct user u = fixture_person(10, "u", own, rules[i].role);
		for (int k = 0; k < 4; k++) {
			char ctx[160];
			snprintf(ctx, sizeof ctx, "%s, %s, %s", role_name(rules[i].role),
			         act_names[rules[i].act], where[k]);
			CHECK_INT(access_check(db, &u, rules[i].act, units[k]), rules[i].want[k], ctx);
		}
		/* A disabled account may do nothing, whatever its role. */
		u.disabled = 1;
		CHECK_INT(access_check(db, &u, rules[i].act, own), PH_EUNAUTH, "disabled account");
		/* The command line may do everything; no actor may do nothing. */
		CHECK_INT(access_check(db, access_system(), rules[i].act, units[i % 4]), 0,
		          "command line");
		CHECK_INT(access_check(db, NULL, rules[i].act, units[k_own]), PH_EUNAUTH,
		          "no actor fails closed");
	}

	/* Scope reaches every level below a coordinator, not only children. */
	long long province = fixture_unit(db, "laocai");
	struct user coord = fixture_person(11, "c", province, ROLE_COORDINATOR);
	struct user editor = fixture_person(12, "e", own, ROLE_EDITOR);
	struct user admin = fixture_person(13, "a", other, ROLE_ADMIN);
	CHECK_INT(access_in_scope(db, &coord, below), 1, "coordinator reaches two levels down");
	CHECK_INT(access_in_scope(db, &coord, other), 0, "coordinator does not reach another province");
	CHECK_INT(access_in_scope(db, &coord, 0), 0, "no unit is out of a coordinator's reach");
	CHECK_INT(access_in_scope(db, &editor, own), 1, "editor's own unit");
	CHECK_INT(access_in_scope(db, &editor, below), 0, "an editor's scope stops at its unit");
	CHECK_INT(access_in_scope(db, &admin, below), 1, "administrators reach everything");
	CHECK_INT(access_in_scope(db, access_system(), other), 1,
	          "the command line reaches everything");
	CHECK_INT(access_in_scope(db, NULL, below), 0, "no actor reaches nothing");
	CHECK(access_system()->id == 0 && access_system()->unit_id == 0 && access_system()->system,
	      "the command line has no account and no unit");
	struct user up = fixture_person(14, "x", below, ROLE_COORDINATOR);
	CHECK_INT(access_in_scope(db, &up, own), 0, "a coordinator does not reach its parent");

	/* Tasks: status follows the lead, notes any coordinating unit. */
	struct task t;
	memset(&t, 0, sizeof t);
	struct task_coord coords[2] = {{0, "các sở, ngành", NULL, 1}, {own, "UBND tỉnh", NULL, 0}};
	t.lead_unit_id = other;
	t.coords = coords;
	t.coords_len = 2;
	CHECK_INT(access_task(db, &editor, ACT_TASK_STATUS, &t), PH_EFORBIDDEN,
	          "coordinating is not leading: no status change");
	CHECK_INT(access_task(db, &editor, ACT_TASK_NOTE, &t), 0, "a coordinating unit adds notes");
	t.coords_len = 1;
	CHECK_INT(access_task(db, &editor, ACT_TASK_NOTE, &t), PH_EFORBIDDEN,
	          "a group phrase gives nobody rights");
	t.lead_unit_id = own;
	CHECK_INT(access_task(db, &editor, ACT_TASK_STATUS, &t), 0, "the lead's editor changes status");
	struct user viewer = fixture_person(15, "v", own, ROLE_VIEWER);
	CHECK_INT(access_task(db, &viewer, ACT_TASK_NOTE, &t), PH_EFORBIDDEN, "viewers only read");
	CHECK_INT(access_task(db, &viewer, ACT_READ, &t), 0, "viewers read");
	t.lead_unit_id = 0;
	CHECK_INT(access_task(db, &coord, ACT_TASK_STATUS, &t), PH_EFORBIDDEN,
	          "no lead: coordinators cannot change status");
	CHECK_INT(access_task(db, &admin, ACT_TASK_STATUS, &t), 0, "no lead: administrators can");
	editor.disabled = 1;
	t.lead_unit_id = own;
	CHECK_INT(access_task(db, &editor, ACT_TASK_NOTE, &t), PH_EUNAUTH, "disabled editor");

	/* Private reads: a unit's drafts, notes and files are read by its
	 * users, those above it (any role), and those of a unit it reports
	 * to: an explicit submitter, or one a rule picks. */
	long long hlhpn = fixture_unit(db, "laocai.hlhpn");
	long long bacha = fixture_unit(db, "laocai.bacha.hlhpn");
	long long sapa = fixture_unit(db, "laocai.sapa.hlhpn");
	long long tinhdoan = fixture_unit(db, "laocai.tinhdoan");
	long long ldld = fixture_unit(db, "laocai.ldld");
	struct user hv = fixture_person(20, "hv", hlhpn, ROLE_VIEWER);
	struct user td = fixture_person(21, "td", tinhdoan, ROLE_VIEWER);
	struct user ld = fixture_person(22, "ld", ldld, ROLE_COORDINATOR);
	struct user bv = fixture_person(23, "bv", bacha, ROLE_VIEWER);
	CHECK_INT(access_check(db, &hv, ACT_PRIVATE_READ, bacha), 0, "a viewer above reads");
	CHECK_INT(access_check(db, &bv, ACT_PRIVATE_READ, hlhpn), NO, "a unit below does not");
	CHECK_INT(access_check(db, &bv, ACT_PRIVATE_READ, sapa), NO, "nor a sibling");
	CHECK_INT(access_check(db, &td, ACT_PRIVATE_READ, bacha), NO, "not a receiver yet");
	const long long one[] = {bacha};
	struct schedule_input in = {.kind = "annual", .year = 2024, .due = "2024-12-20",
	                            .receiving_unit_id = tinhdoan, .unit_ids = one,
	                            .unit_ids_len = 1};
	CHECK_INT(schedule_create(db, access_system(), &in, NULL, NULL, NULL), 0,
	          "Bắc Hà reports to Tỉnh đoàn");
	CHECK_INT(access_check(db, &td, ACT_PRIVATE_READ, bacha), 0, "the receiver reads");
	CHECK_INT(access_check(db, &td, ACT_PRIVATE_READ, sapa), NO, "not the others");
	struct schedule_input rule = {.kind = "annual", .year = 2024, .due = "2024-12-20",
	                              .receiving_unit_id = ldld, .rule_kind = "mass_org",
	                              .rule_parent_id = hlhpn};
	CHECK_INT(access_check(db, &ld, ACT_PRIVATE_READ, sapa), NO, "before the rule");
	CHECK_INT(schedule_create(db, access_system(), &rule, NULL, NULL, NULL), 0,
	          "the district unions report to the Labour Federation");
	CHECK_INT(access_check(db, &ld, ACT_PRIVATE_READ, sapa), 0, "a unit the rule picks");
	CHECK_INT(access_check(db, &ld, ACT_PRIVATE_READ, hlhpn), NO,
	          "the rule's parent itself does not report");
	struct user gone = td;
	gone.disabled = 1;
	CHECK_INT(access_check(db, &gone, ACT_PRIVATE_READ, bacha), PH_EUNAUTH, "disabled");
	CHECK_INT(access_check(db, NULL, ACT_PRIVATE_READ, bacha), PH_EUNAUTH, "no actor");
	/* A task's private parts: any of its units qualifies. */
	struct task pt;
	memset(&pt, 0, sizeof pt);
	struct task_coord pc[1] = {{sapa, "Hội LHPN thị xã Sa Pa", NULL, 0}};
	pt.lead_unit_id = tinhdoan;
	pt.coords = pc;
	pt.coords_len = 1;
	CHECK_INT(access_task(db, &bv, ACT_PRIVATE_READ, &pt), NO, "Bắc Hà: not the task's");
	CHECK_INT(access_task(db, &hv, ACT_PRIVATE_READ, &pt), 0, "above a coordinating unit");
	CHECK_INT(access_task(db, &ld, ACT_PRIVATE_READ, &pt), 0, "a coordinating unit reports to it");

	/* Import leads: in reach, or a party or below one; parties give no
	 * right to import by themselves. */
	long long congan = fixture_unit(db, "laocai.congan");
	long long so_yte = fixture_unit(db, "laocai.so-yte");
	const long long parties[] = {own};   /* UBND tỉnh */
	struct user dp = fixture_person(24, "dp", hlhpn, ROLE_COORDINATOR);
	struct user ed = fixture_person(25, "ed", hlhpn, ROLE_EDITOR);
	CHECK_INT(access_import_lead(db, &dp, bacha, NULL, 0), 0, "a lead in reach");
	CHECK_INT(access_import_lead(db, &dp, so_yte, NULL, 0), NO, "outside, no parties");
	CHECK_INT(access_import_lead(db, &dp, so_yte, parties, 1), 0, "below a party");
	CHECK_INT(access_import_lead(db, &dp, own, parties, 1), 0, "a party itself");
	CHECK_INT(access_import_lead(db, &dp, congan, parties, 1), NO, "beside the party");
	CHECK_INT(access_import_lead(db, &ed, so_yte, parties, 1), NO, "an editor, even below a party");
	CHECK_INT(access_import_lead(db, &ed, hlhpn, NULL, 0), NO, "an editor, its own unit");
	CHECK_INT(access_import_lead(db, NULL, so_yte, parties, 1), PH_EUNAUTH, "no actor");
	CHECK_INT(access_import_lead(db, access_system(), congan, NULL, 0), 0, "the command line");

	fixture_close(db);
	TEST_END("test_access");
}

/* cmd_plans.c: `phoihop plans`, `phoihop show PLAN` and `phoihop tasks`:
 * reading plans and their tasks, as text or JSON. */
#include "cli/cli.h"
#include "model/unit.h"
#include "db/db.h"
#include "db/store.h"
#include "import/agency.h"
#include "base/err.h"
#include "base/text.h"
#include "model/access.h"
#include "model/withdraw.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *s_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *plan_json(const struct plan *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(o, "document_id", json_integer(p->document_id));
	json_object_set_new(o, "type", s_or_null(p->type));
	json_object_set_new(o, "number", s_or_null(p->number));
	json_object_set_new(o, "symbol", s_or_null(p->symbol));
	json_object_set_new(o, "place", s_or_null(p->place));
	json_object_set_new(o, "date", s_or_null(p->date));
	json_object_set_new(o, "year", p->year ? json_integer(p->year) : json_null());
	json_object_set_new(o, "title", s_or_null(p->title));
	json_object_set_new(o, "period_start", s_or_null(p->period_start));
	json_object_set_new(o, "period_end", s_or_null(p->period_end));
	json_object_set_new(o, "tasks", json_integer(p->tasks));
	return o;
}

static json_t *task_json(const struct task *t)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(t->id));
	json_object_set_new(o, "plan_id", json_integer(t->plan_id));
	json_object_set_new(o, "no", s_or_null(t->no));
	json_object_set_new(o, "section", s_or_null(t->section));
	json_object_set_new(o, "content", s_or_null(t->content));
	json_t *lead = json_object();
	json_object_set_new(lead, "text", s_or_null(t->lead_text));
	json_object_set_new(lead, "unit", s_or_null(t->lead_name));
	json_object_set_new(lead, "unit_id", t->lead_unit_id ? json_integer(t->lead_unit_id) : json_null());
	json_object_set_new(o, "lead", lead);
	json_t *co = json_array();
	for (size_t i = 0; i < t->coords_len; i++) {
		const struct task_coord *c = &t->coords[i];
		json_t *x = json_object();
		json_object_set_new(x, "text", s_or_null(c->text));
		json_object_set_new(x, "unit", s_or_null(c->unit_name));
		json_object_set_new(x, "unit_id", c->unit_id ? json_integer(c->unit_id) : json_null());
		if (c->group)
			json_object_set_new(x, "group", json_true());
		json_array_append_new(co, x);
	}
	json_object_set_new(o, "coordinating", co);
	json_t *tf = json_object();
	json_object_set_new(tf, "text", s_or_null(t->timeframe_text));
	json_object_set_new(tf, "start", s_or_null(t->start));
	json_object_set_new(tf, "end", s_or_null(t->end));
	json_object_set_new(tf, "kind", s_or_null(t->timeframe_kind));
	json_object_set_new(tf, "expected", json_boolean(t->expected));
	json_object_set_new(o, "timeframe", tf);
	json_object_set_new(o, "notes", s_or_null(t->notes));
	json_object_set_new(o, "status", s_or_null(t->status));
	json_object_set_new(o, "overdue", json_boolean(t->overdue));
	return o;
}

static const char *status_vi(const char *s)
{
	if (!s) return "";
	if (!strcmp(s, "not_started")) return "chưa bắt đầu";
	if (!strcmp(s, "in_progress")) return "đang thực hiện";
	if (!strcmp(s, "done")) return "hoàn thành";
	if (!strcmp(s, "cancelled")) return "đã hủy";
	return s;
}

static void task_text(const struct task *t)
{
	printf("#%lld  [%s%s] %s. %s\n", t->id, status_vi(t->status),
	       t->overdue ? ", QUÁ HẠN" : "", t->no ? t->no : "-", t->content);
	printf("      chủ trì: %s\n", t->lead_name ? t->lead_name : t->lead_text ? t->lead_text : "-");
	for (size_t i = 0; i < t->coords_len; i++)
		printf("      phối hợp: %s\n", t->coords[i].unit_name ? t->coords[i].unit_name : t->coords[i].text);
	printf("      thời gian: %s (%s → %s)\n", t->timeframe_text ? t->timeframe_text : "-",
	       t->start ? t->start : "?", t->end ? t->end : "?");
}

static int help(const char *text)
{
	fputs(text, stdout);
	return 0;
}

/* Scan options shared by plans/show/tasks; returns 1 when argv[*i] was one. */
#define COMMON_OR_HELP(usage) \
	if (cli_common(argc, argv, &i, c, &bad)) continue; \
	if (cli_flag(argv, &i, "--help") || cli_flag(argv, &i, "-h")) return help(usage);

static const char plans_usage[] =
"usage: phoihop [--db FILE] plans [--json]\n"
"       phoihop [--db FILE] plans withdraw PLAN [--json]\n"
"\n"
"List the imported plans and programs, newest first, with their task counts.\n"
"\n"
"withdraw PLAN removes a plan imported by mistake: the plan, its tasks, its\n"
"document and what the import stored with it, and the report schedules made\n"
"from it, in one transaction (audited as document.withdraw). Refused with\n"
"conflict (exit 1), writing nothing, once anything was recorded against it:\n"
"a status changed, a note, a file, a report, a value of its indicators.\n";

/* `phoihop plans withdraw PLAN`: argv[0] is "withdraw". */
static int plans_withdraw(int argc, char **argv, struct cli *c)
{
	int bad = 0;
	const char *id_arg = NULL;
	for (int i = 1; i < argc && !bad; i++) {
		COMMON_OR_HELP(plans_usage)
		if (!id_arg && argv[i][0] != '-') {
			id_arg = argv[i];
			continue;
		}
		bad = 1;
		cli_fail("plans withdraw", PH_EUSAGE, "unknown argument %s", argv[i]);
	}
	char *end = NULL;
	long long id = id_arg ? strtoll(id_arg, &end, 10) : 0;
	if (!bad && (!id_arg || *end || id <= 0))
		return cli_fail("plans withdraw", PH_EUSAGE, "PLAN must be a plan id (phoihop plans)");
	if (bad)
		return 1;
	struct db *db = NULL;
	int status = cli_open_db(c, &db);
	if (status)
		return status;
	struct arena a;
	arena_init(&a);
	struct withdraw_info w;
	int rc = withdraw_plan(db, access_system(), &a, id, &w);
	if (rc == PH_ECONFLICT) {
		const char *why = withdraw_reason_vi(&a, &w);
		rc = cli_fail("plans withdraw", rc, "recorded against plan %lld: %s", id,
		              withdraw_conflicts(&a, &w));
		if (why)
			fprintf(stderr, "%s\n", why);
	} else if (rc == PH_ENOTFOUND) {
		rc = cli_fail("plans withdraw", rc, "no plan %lld", id);
	} else if (rc) {
		rc = cli_fail("plans withdraw", rc, "%s", cli_db_why(db, rc, err_message(rc)));
	} else if (c->json) {
		json_t *o = withdraw_json(&w);
		rc = o ? cli_print_json(json_pack("{s:o}", "withdrawn", o))
		       : cli_fail("plans withdraw", PH_ENOMEM, "not enough memory");
	} else {
		printf("Đã rút lại việc nhập kế hoạch %lld “%s”: %lld nhiệm vụ, %lld lịch báo cáo, "
		       "%zu chỉ tiêu theo dõi, %zu đơn vị đề xuất đã được xóa.\n", id,
		       w.title ? w.title : "", w.n.tasks, w.n.schedules, w.indicators_len,
		       w.units_len);
	}
	arena_cleanup(&a);
	db_close(db);
	return rc;
}

int cmd_plans(int argc, char **argv, struct cli *c)
{
	int bad = 0;
	if (argc > 1 && !strcmp(argv[1], "withdraw"))
		return plans_withdraw(argc - 1, argv + 1, c);
	for (int i = 1; i < argc && !bad; i++) {
		COMMON_OR_HELP(plans_usage)
		bad = 1;
		cli_fail("plans", PH_EUSAGE, "unknown argument %s", argv[i]);
	}
	if (bad)
		return 1;
	struct db *db = NULL;
	int status = cli_open_db_readonly(c, &db);
	if (status)
		return status;
	struct arena a;
	arena_init(&a);
	struct plan *p = NULL;
	size_t n = 0;
	int rc = store_plans_list(db, &a, &p, &n);
	if (!rc && arena_failed(&a))
		rc = PH_ENOMEM; /* never a list with holes */
	if (rc) {
		rc = cli_fail("plans", rc, "%s", rc == PH_ENOMEM ? "not enough memory" : db_errmsg(db));
	} else if (c->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, plan_json(&p[i]));
		cli_print_json(arr);
	} else {
		if (n == 0)
			printf("Chưa có kế hoạch nào. Nhập văn bản: phoihop import FILE\n");
		for (size_t i = 0; i < n; i++)
			printf("%3lld  %-24s %-10s %3d nhiệm vụ  %s\n", p[i].id,
			       p[i].number ? p[i].number : p[i].symbol ? p[i].symbol : "-",
			       p[i].date ? p[i].date : "", p[i].tasks, p[i].title);
	}
	arena_cleanup(&a);
	db_close(db);
	return rc;
}

static const char show_usage[] =
"usage: phoihop [--db FILE] show PLAN [--json]\n"
"\n"
"Show one plan (PLAN is its number from `phoihop plans`): its header, tasks,\n"
"reporting deadlines, targets, legal references, recipients, signers and the\n"
"items left for review at import.\n";

static json_t *rows_json(struct store_row *r, size_t n, const char **names)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		for (int k = 0; names[k]; k++)
			json_object_set_new(o, names[k], s_or_null(r[i].c[k]));
		json_array_append_new(arr, o);
	}
	return arr;
}

int cmd_show(int argc, char **argv, struct cli *c)
{
	int bad = 0;
	const char *which = NULL;
	for (int i = 1; i < argc && !bad; i++) {
		COMMON_OR_HELP(show_usage)
		if (argv[i][0] != '-' && !which)
			which = argv[i];
		else
			bad = 1, cli_fail("show", PH_EUSAGE, "unexpected argument %s", argv[i]);
	}
	if (!bad && !which)
		bad = 1, cli_fail("show", PH_EUSAGE, "which plan? (see phoihop plans)");
	char *end = NULL;
	long long id = which ? strtoll(which, &end, 10) : 0;
	if (!bad && (id <= 0 || *end))
		bad = 1, cli_fail("show", PH_EUSAGE, "PLAN must be a plan number, got %s", which);
	if (bad)
		return 1;
	struct db *db = NULL;
	int status = cli_open_db_readonly(c, &db);
	if (status)
		return status;
	struct arena a;
	arena_init(&a);
	struct plan p;
	memset(&p, 0, sizeof p);
	struct task *t = NULL;
	size_t nt = 0;
	int rc = store_plan_get(db, &a, id, &p);
	if (rc == PH_ENOTFOUND) {
		rc = cli_fail("show", rc, "no plan %lld", id);
		goto out;
	}
	struct task_filter f = {.plan_id = id, .today = date_today()};
	if (!rc)
		rc = store_tasks_list(db, &a, &f, &t, &nt);
	static const char *kinds[] = {"deadlines", "targets", "references", "recipients", "signers", "review"};
	static const char *cols[][8] = {
		{"text", "kind", "date", "to", NULL},
		{"text", "op", "value", "unit", "year_from", "year_to", "each_year", NULL},
		{"text", "number", "date", NULL},
		{"text", NULL},
		{"name", "position", "authority", "organization", NULL},
		{"line", "what", NULL},
	};
	struct store_row *rows[6] = {0};
	size_t nrows[6] = {0};
	int more = 0;
	for (int k = 0; !rc && k < 6; k++)
		rc = store_plan_rows(db, &a, id, kinds[k], 0, &rows[k], &nrows[k], &more);
	if (!rc && arena_failed(&a))
		rc = PH_ENOMEM; /* never a plan with holes */
	if (rc) {
		rc = cli_fail("show", rc, "%s", rc == PH_ENOMEM ? "not enough memory" : db_errmsg(db));
		goto out;
	}
	if (c->json) {
		json_t *o = plan_json(&p);
		json_t *ta = json_array();
		for (size_t i = 0; i < nt; i++)
			json_array_append_new(ta, task_json(&t[i]));
		json_object_set_new(o, "task_list", ta);
		for (int k = 0; k < 6; k++)
			json_object_set_new(o, kinds[k], rows_json(rows[k], nrows[k], cols[k]));
		cli_print_json(o);
		goto out;
	}
	printf("Kế hoạch %lld: %s\n", p.id, p.title);
	printf("Số: %s   Nơi, ngày: %s %s   Năm: %d\n", p.number ? p.number : p.symbol ? p.symbol : "-",
	       p.place ? p.place : "", p.date ? p.date : "(chưa ghi ngày)", p.year);
	printf("\nNhiệm vụ (%zu):\n", nt);
	for (size_t i = 0; i < nt; i++)
		task_text(&t[i]);
	static const char *heads[] = {"Hạn báo cáo", "Chỉ tiêu", "Văn bản dẫn chiếu",
	                              "Nơi nhận", "Người ký", "Cần kiểm tra"};
	for (int k = 0; k < 6; k++) {
		if (!nrows[k])
			continue;
		printf("\n%s (%zu):\n", heads[k], nrows[k]);
		for (size_t i = 0; i < nrows[k]; i++) {
			char **r = rows[k][i].c;
			if (k == 1) { /* targets read as a sentence, not raw columns */
				printf("  - %s\n    [%s %g%s%s", r[0], r[1], strtod(r[2], NULL),
				       r[3] && strcmp(r[3], "%") ? " " : "", r[3] ? r[3] : "");
				if (r[6] && strcmp(r[6], "1") == 0)
					printf(", hằng năm");
				if (r[4] && r[5])
					printf(", %s–%s", r[4], r[5]);
				else if (r[5])
					printf(", đến năm %s", r[5]);
				else if (r[4])
					printf(", từ năm %s", r[4]);
				printf("]\n");
				continue;
			}
			printf("  -");
			for (int col = 0; cols[k][col]; col++)
				if (rows[k][i].c[col])
					printf(" %s", rows[k][i].c[col]);
			putchar('\n');
		}
	}
out:
	arena_cleanup(&a);
	db_close(db);
	return rc;
}

static const char tasks_usage[] =
"usage: phoihop [--db FILE] tasks [--plan N] [--unit NAME] [--role lead|coordinating]\n"
"                             [--quarter 2024Q2] [--status S] [--overdue] [--json]\n"
"\n"
"List tasks. --unit takes a unit's name, abbreviation or key (\"Sở LĐ-TB&XH\",\n"
"\"Hội LHPN tỉnh\"); with --role only tasks it leads or coordinates. --quarter\n"
"keeps tasks whose timeframe overlaps the quarter. S is not_started,\n"
"in_progress, done or cancelled. --overdue keeps tasks whose end date has\n"
"passed and that are not done or cancelled (today can be set for tests with\n"
"PHOIHOP_TODAY=YYYY-MM-DD).\n";

static int parse_quarter(const char *s, struct ph_date *from, struct ph_date *to)
{
	int y = 0, q = 0, n = 0;
	if (sscanf(s, "%4dQ%1d%n", &y, &q, &n) != 2 || s[n] || q < 1 || q > 4 || y < 1900)
		if (sscanf(s, "%4dq%1d%n", &y, &q, &n) != 2 || s[n] || q < 1 || q > 4 || y < 1900)
			return PH_EINVAL;
	*from = (struct ph_date){y, 3 * q - 2, 1};
	*to = (struct ph_date){y, 3 * q, date_days_in_month(y, 3 * q)};
	return 0;
}

int cmd_tasks(int argc, char **argv, struct cli *c)
{
	int bad = 0;
	const char *unit = NULL, *plan = NULL, *quarter = NULL;
	struct task_filter f = {.today = date_today()};
	for (int i = 1; i < argc && !bad; i++) {
		COMMON_OR_HELP(tasks_usage)
		if (cli_opt(argc, argv, &i, "--unit", &unit, &bad) ||
		    cli_opt(argc, argv, &i, "--plan", &plan, &bad) ||
		    cli_opt(argc, argv, &i, "--role", &f.role, &bad) ||
		    cli_opt(argc, argv, &i, "--quarter", &quarter, &bad) ||
		    cli_opt(argc, argv, &i, "--status", &f.status, &bad))
			continue;
		if (cli_flag(argv, &i, "--overdue"))
			f.overdue = 1;
		else
			bad = 1, cli_fail("tasks", PH_EUSAGE, "unknown argument %s", argv[i]);
	}
	if (bad)
		return 1;
	if (f.role && strcmp(f.role, "lead") && strcmp(f.role, "coordinating"))
		return cli_fail("tasks", PH_EUSAGE, "--role must be lead or coordinating, got %s", f.role);
	if (f.role && !unit)
		return cli_fail("tasks", PH_EUSAGE, "--role needs --unit");
	if (f.status && strcmp(f.status, "not_started") && strcmp(f.status, "in_progress") &&
	    strcmp(f.status, "done") && strcmp(f.status, "cancelled"))
		return cli_fail("tasks", PH_EUSAGE,
		                "--status must be not_started, in_progress, done or cancelled, got %s", f.status);
	if (quarter && parse_quarter(quarter, &f.from, &f.to))
		return cli_fail("tasks", PH_EUSAGE, "--quarter must look like 2024Q2, got %s", quarter);
	char *end = NULL;
	if (plan && ((f.plan_id = strtoll(plan, &end, 10)) <= 0 || *end))
		return cli_fail("tasks", PH_EUSAGE, "--plan must be a plan number, got %s", plan);
	struct db *db = NULL;
	int status = cli_open_db_readonly(c, &db);
	if (status)
		return status;
	struct arena a;
	arena_init(&a);
	int rc = 0;
	if (unit) {
		struct resolver *r = unit_resolver_db(db, &rc);
		long long id = 0;
		if (!rc && unit_find(db, r, unit, &id) == 0)
			f.unit_id = id;
		else if (!rc)
			rc = PH_ENOTFOUND;
		resolver_free(r);
		if (rc) {
			rc = cli_fail("tasks", rc, "no unit named \"%s\" (see phoihop units)", unit);
			goto out;
		}
	}
	struct task *t = NULL;
	size_t n = 0;
	rc = store_tasks_list(db, &a, &f, &t, &n);
	if (!rc && arena_failed(&a))
		rc = PH_ENOMEM; /* never a list with holes */
	if (rc) {
		rc = cli_fail("tasks", rc, "%s", rc == PH_ENOMEM ? "not enough memory" : db_errmsg(db));
	} else if (c->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, task_json(&t[i]));
		cli_print_json(arr);
	} else {
		for (size_t i = 0; i < n; i++)
			task_text(&t[i]);
		printf("%zu nhiệm vụ\n", n);
	}
out:
	arena_cleanup(&a);
	db_close(db);
	return rc;
}

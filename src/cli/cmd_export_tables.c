/* cmd_export_tables.c: the table exports of `phoihop export`: tasks
 * (with the filters of `phoihop tasks`), compliance SCHEDULE, indicator
 * ID --period P [--unit U] and audit [--from DATE] [--to DATE], each as
 * .xlsx or .csv (--semicolon: ';' between cells, for a PC set to
 * Vietnamese), to -o FILE or stdout (docs/CLI.md). The files are the ones
 * the pages and the API give (export/tables.h); the command line reads as
 * access_system(), whoever holds the database file. */
#include "cli/cli.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/err.h"
#include "db/db.h"
#include "export/export.h"
#include "export/tables.h"
#include "import/agency.h"
#include "model/access.h"
#include "model/indicator.h"
#include "model/task.h"
#include "model/unit.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TABLE_FORMATS ((1 << EXPORT_CSV) | (1 << EXPORT_XLSX))

/* What every table export takes. */
struct out_opts {
	const char *format;  /* --format */
	const char *path;    /* -o FILE */
	int semicolon;       /* --semicolon */
};

/* --format, -o, --semicolon and the global options: 1 when argv[*i] was
 * one of them. */
static int out_opt(int argc, char **argv, int *i, struct cli *c, struct out_opts *o, int *bad)
{
	if (cli_common(argc, argv, i, c, bad) ||
	    cli_opt(argc, argv, i, "--format", &o->format, bad) ||
	    cli_opt(argc, argv, i, "-o", &o->path, bad) ||
	    cli_opt(argc, argv, i, "--output", &o->path, bad))
		return 1;
	if (cli_flag(argv, i, "--semicolon")) {
		o->semicolon = 1;
		return 1;
	}
	return 0;
}

static int help(const char *usage)
{
	fputs(usage, stdout);
	return 0;
}

/* A positive id, or -1. */
static long long parse_id(const char *s)
{
	char *end = NULL;
	if (!s || *s < '0' || *s > '9')
		return -1;
	long long v = strtoll(s, &end, 10);
	return *end || v <= 0 ? -1 : v;
}

/* Run one export into a buffer and write it where o says. */
typedef int (*export_fn)(struct db *db, struct arena *a, void *ctx, int format, char sep,
                         struct buf *out);

static int run(struct cli *c, const char *what, const struct out_opts *o, int format,
               export_fn fn, void *ctx, const char *(*why)(void *ctx, int rc))
{
	struct db *db = NULL;
	int status = cli_open_db_readonly(c, &db);
	if (status)
		return status;
	struct arena a;
	arena_init(&a);
	struct buf out;
	buf_init(&out, EXPORT_MAX);
	int rc = fn(db, &a, ctx, format, o->semicolon ? ';' : ',', &out);
	if (!rc && arena_failed(&a))
		rc = PH_ENOMEM;
	if (rc) {
		const char *detail = why ? why(ctx, rc) : NULL;
		status = cli_fail(what, rc, "%s", detail ? detail
		                  : rc == PH_ENOMEM ? "not enough memory"
		                  : rc == PH_ETOOBIG ? "the file would be too large"
		                  : cli_db_why(db, rc, err_message(rc)));
	} else {
		status = cli_write_output(&out, o->path);
	}
	buf_cleanup(&out);
	arena_cleanup(&a);
	db_close(db);
	return status;
}

/* ---- export tasks ---- */

static const char tasks_usage[] =
"usage: phoihop [--db FILE] export tasks [--plan N] [--unit NAME] [--role lead|coordinating]\n"
"                 [--quarter 2024Q2] [--status S] [--overdue] [--q TEXT]\n"
"                 --format xlsx|csv [--semicolon] [-o FILE]\n"
"\n"
"The tasks `phoihop tasks` lists with the same filters (and --q, the free text\n"
"of the task page), as a spreadsheet: every matching task, in plan order.\n";

struct tasks_ctx {
	struct task_query q;
	const char *unit;
};

static int tasks_export(struct db *db, struct arena *a, void *ctx, int format, char sep,
                        struct buf *out)
{
	struct tasks_ctx *x = ctx;
	(void)a;
	int rc = 0;
	if (x->unit) {
		struct resolver *r = unit_resolver_db(db, &rc);
		long long id = 0;
		if (!rc && unit_find(db, r, x->unit, &id) == 0)
			x->q.f.unit_id = id;
		else if (!rc)
			rc = PH_ENOTFOUND;
		resolver_free(r);
		if (rc)
			return rc;
	}
	return export_tasks(db, &x->q, format, sep, out);
}

static const char *tasks_why(void *ctx, int rc)
{
	struct tasks_ctx *x = ctx;
	static char s[300];
	if (rc == PH_ENOTFOUND && x->unit) {
		snprintf(s, sizeof s, "no unit named \"%s\" (see phoihop units)", x->unit);
		return s;
	}
	return NULL;
}

static int parse_quarter(const char *s, struct ph_date *from, struct ph_date *to)
{
	int y = 0, q = 0, n = 0;
	if ((sscanf(s, "%4d%*[Qq]%1d%n", &y, &q, &n) != 2 &&
	     sscanf(s, "%4d-%*[Qq]%1d%n", &y, &q, &n) != 2) ||
	    s[n] || q < 1 || q > 4 || y < 1900 || y > 2200)
		return PH_EINVAL;
	*from = (struct ph_date){y, 3 * q - 2, 1};
	*to = (struct ph_date){y, 3 * q, date_days_in_month(y, 3 * q)};
	return 0;
}

int cmd_export_tasks(int argc, char **argv, struct cli *c)
{
	int bad = 0, format = 0;
	struct out_opts o = {0};
	struct tasks_ctx x;
	memset(&x, 0, sizeof x);
	const char *plan = NULL, *quarter = NULL;
	x.q.f.today = date_today();
	for (int i = 1; i < argc && !bad; i++) {
		if (out_opt(argc, argv, &i, c, &o, &bad) ||
		    cli_opt(argc, argv, &i, "--unit", &x.unit, &bad) ||
		    cli_opt(argc, argv, &i, "--plan", &plan, &bad) ||
		    cli_opt(argc, argv, &i, "--role", &x.q.f.role, &bad) ||
		    cli_opt(argc, argv, &i, "--quarter", &quarter, &bad) ||
		    cli_opt(argc, argv, &i, "--status", &x.q.f.status, &bad) ||
		    cli_opt(argc, argv, &i, "--q", &x.q.text, &bad))
			continue;
		if (cli_flag(argv, &i, "--help") || cli_flag(argv, &i, "-h"))
			return help(tasks_usage);
		if (cli_flag(argv, &i, "--overdue"))
			x.q.f.overdue = 1;
		else
			bad = 1, cli_fail("export", PH_EUSAGE, "unknown argument %s", argv[i]);
	}
	if (bad)
		return 1;
	if (cli_export_format(o.format, TABLE_FORMATS, &format))
		return 1;
	const struct task_filter *f = &x.q.f;
	if (f->role && strcmp(f->role, "lead") && strcmp(f->role, "coordinating"))
		return cli_fail("export", PH_EUSAGE, "--role must be lead or coordinating, got %s",
		                f->role);
	if (f->role && !x.unit)
		return cli_fail("export", PH_EUSAGE, "--role needs --unit");
	if (f->status && !task_status_valid(f->status))
		return cli_fail("export", PH_EUSAGE,
		                "--status must be not_started, in_progress, done or cancelled, got %s",
		                f->status);
	if (quarter && parse_quarter(quarter, &x.q.f.from, &x.q.f.to))
		return cli_fail("export", PH_EUSAGE, "--quarter must look like 2024Q2, got %s", quarter);
	if (plan && (x.q.f.plan_id = parse_id(plan)) < 0)
		return cli_fail("export", PH_EUSAGE, "--plan must be a plan number, got %s", plan);
	if (x.q.text && !*x.q.text)
		x.q.text = NULL;
	return run(c, "export tasks", &o, format, tasks_export, &x, tasks_why);
}

/* ---- export compliance ---- */

static const char compliance_usage[] =
"usage: phoihop [--db FILE] export compliance SCHEDULE --format xlsx|csv [--semicolon] [-o FILE]\n"
"\n"
"The completeness of report schedule SCHEDULE (its number: see `phoihop\n"
"schedules`) as of today: each submitting unit on time, late by N days or\n"
"missing, with its first submission and latest version.\n";

static int compliance_export(struct db *db, struct arena *a, void *ctx, int format, char sep,
                             struct buf *out)
{
	return export_compliance(db, a, *(long long *)ctx, date_today(), format, sep, out);
}

static const char *compliance_why(void *ctx, int rc)
{
	static char s[100];
	if (rc != PH_ENOTFOUND)
		return NULL;
	snprintf(s, sizeof s, "no report schedule %lld", *(long long *)ctx);
	return s;
}

int cmd_export_compliance(int argc, char **argv, struct cli *c)
{
	int bad = 0, format = 0;
	struct out_opts o = {0};
	const char *sched = NULL;
	for (int i = 1; i < argc && !bad; i++) {
		if (out_opt(argc, argv, &i, c, &o, &bad))
			continue;
		if (cli_flag(argv, &i, "--help") || cli_flag(argv, &i, "-h"))
			return help(compliance_usage);
		if (argv[i][0] != '-' && !sched)
			sched = argv[i];
		else
			bad = 1, cli_fail("export", PH_EUSAGE, "unknown argument %s", argv[i]);
	}
	if (bad)
		return 1;
	if (!sched)
		return cli_fail("export", PH_EUSAGE, "export compliance needs SCHEDULE (see phoihop schedules)");
	long long id = parse_id(sched);
	if (id < 0)
		return cli_fail("export", PH_EUSAGE, "SCHEDULE must be a schedule number, got %s", sched);
	if (cli_export_format(o.format, TABLE_FORMATS, &format))
		return 1;
	return run(c, "export compliance", &o, format, compliance_export, &id, compliance_why);
}

/* ---- export indicator ---- */

static const char indicator_usage[] =
"usage: phoihop [--db FILE] export indicator ID --period P [--unit U]\n"
"                 --format xlsx|csv [--semicolon] [-o FILE]\n"
"\n"
"The roll-ups of indicator ID (its number or code) for unit U (a number, key or\n"
"name; default: the indicator's owner, else the top unit) and each unit\n"
"directly under it, over the periods of the indicator's years split like P\n"
"(2024, 2024-H1, 2024-Q3 or 2024-09).\n";

struct indicator_ctx {
	const char *ind, *unit, *period;
	long long ind_id, unit_id;
	int not_found;       /* 1 indicator, 2 unit */
};

/* A unit by number, or by key, name or abbreviation. */
static int find_unit(struct db *db, const char *s, long long *id)
{
	long long v = parse_id(s);
	if (v > 0) {
		*id = v;
		return 0;
	}
	int rc = 0;
	struct resolver *r = unit_resolver_db(db, &rc);
	if (!rc && unit_find(db, r, s, id))
		rc = PH_ENOTFOUND;
	resolver_free(r);
	return rc;
}

static int indicator_export(struct db *db, struct arena *a, void *ctx, int format, char sep,
                            struct buf *out)
{
	struct indicator_ctx *x = ctx;
	struct indicator ind;
	int rc = 0;
	x->ind_id = parse_id(x->ind);
	if (x->ind_id < 0) { /* by code */
		struct indicator *v = NULL;
		size_t n = 0;
		if ((rc = indicator_list(db, a, &v, &n)))
			return rc;
		for (size_t i = 0; i < n && x->ind_id < 0; i++)
			if (v[i].code && !strcmp(v[i].code, x->ind))
				x->ind_id = v[i].id;
	}
	if (x->ind_id < 0 || (rc = indicator_get(db, a, x->ind_id, &ind)) == PH_ENOTFOUND) {
		x->not_found = 1;
		return PH_ENOTFOUND;
	}
	if (rc)
		return rc;
	if (x->unit) {
		if ((rc = find_unit(db, x->unit, &x->unit_id))) {
			x->not_found = rc == PH_ENOTFOUND ? 2 : 0;
			return rc;
		}
	} else if (ind.owner_unit_id) {
		x->unit_id = ind.owner_unit_id;
	} else { /* the first top-level unit of the registry */
		struct unit *u = NULL;
		size_t n = 0;
		if ((rc = unit_list(db, a, &u, &n)))
			return rc;
		for (size_t i = 0; i < n && !x->unit_id; i++)
			if (!u[i].parent_id && !u[i].proposed)
				x->unit_id = u[i].id;
	}
	rc = export_indicator(db, a, x->ind_id, x->period, x->unit_id, format, sep, out);
	if (rc == PH_ENOTFOUND)
		x->not_found = 2;
	return rc;
}

static const char *indicator_why(void *ctx, int rc)
{
	struct indicator_ctx *x = ctx;
	static char s[300];
	if (rc == PH_ENOTFOUND && x->not_found == 1)
		snprintf(s, sizeof s, "no indicator %s", x->ind);
	else if (rc == PH_ENOTFOUND && x->not_found == 2)
		snprintf(s, sizeof s, "no unit \"%s\" (see phoihop units)", x->unit ? x->unit : "");
	else if (rc == PH_EINVAL)
		snprintf(s, sizeof s, "--period %s: write 2024, 2024-H1, 2024-Q3 or 2024-09", x->period);
	else
		return NULL;
	return s;
}

int cmd_export_indicator(int argc, char **argv, struct cli *c)
{
	int bad = 0, format = 0;
	struct out_opts o = {0};
	struct indicator_ctx x;
	memset(&x, 0, sizeof x);
	for (int i = 1; i < argc && !bad; i++) {
		if (out_opt(argc, argv, &i, c, &o, &bad) ||
		    cli_opt(argc, argv, &i, "--period", &x.period, &bad) ||
		    cli_opt(argc, argv, &i, "--unit", &x.unit, &bad))
			continue;
		if (cli_flag(argv, &i, "--help") || cli_flag(argv, &i, "-h"))
			return help(indicator_usage);
		if (argv[i][0] != '-' && !x.ind)
			x.ind = argv[i];
		else
			bad = 1, cli_fail("export", PH_EUSAGE, "unknown argument %s", argv[i]);
	}
	if (bad)
		return 1;
	if (!x.ind)
		return cli_fail("export", PH_EUSAGE, "export indicator needs ID");
	if (!x.period)
		return cli_fail("export", PH_EUSAGE, "export indicator needs --period P");
	int year;
	char end[11];
	if (indicator_period_parse(x.period, &year, end))
		return cli_fail("export", PH_EUSAGE,
		                "--period must be 2024, 2024-H1, 2024-Q3 or 2024-09, got %s", x.period);
	if (cli_export_format(o.format, TABLE_FORMATS, &format))
		return 1;
	return run(c, "export indicator", &o, format, indicator_export, &x, indicator_why);
}

/* ---- export audit ---- */

static const char audit_usage[] =
"usage: phoihop [--db FILE] export audit [--from DATE] [--to DATE]\n"
"                 --format xlsx|csv [--semicolon] [-o FILE]\n"
"\n"
"The audit log, newest first: the entries made on the days from DATE to DATE\n"
"(YYYY-MM-DD, UTC, both included; either may be left out).\n";

struct audit_ctx {
	struct ph_date from, to;
};

static int audit_export(struct db *db, struct arena *a, void *ctx, int format, char sep,
                        struct buf *out)
{
	struct audit_ctx *x = ctx;
	(void)a;
	return export_audit(db, access_system(), x->from, x->to, format, sep, out);
}

int cmd_export_audit(int argc, char **argv, struct cli *c)
{
	int bad = 0, format = 0;
	struct out_opts o = {0};
	const char *from = NULL, *to = NULL;
	struct audit_ctx x;
	memset(&x, 0, sizeof x);
	for (int i = 1; i < argc && !bad; i++) {
		if (out_opt(argc, argv, &i, c, &o, &bad) ||
		    cli_opt(argc, argv, &i, "--from", &from, &bad) ||
		    cli_opt(argc, argv, &i, "--to", &to, &bad))
			continue;
		if (cli_flag(argv, &i, "--help") || cli_flag(argv, &i, "-h"))
			return help(audit_usage);
		bad = 1, cli_fail("export", PH_EUSAGE, "unknown argument %s", argv[i]);
	}
	if (bad)
		return 1;
	if (from && date_parse_iso(from, &x.from))
		return cli_fail("export", PH_EUSAGE, "--from must be a date YYYY-MM-DD, got %s", from);
	if (to && date_parse_iso(to, &x.to))
		return cli_fail("export", PH_EUSAGE, "--to must be a date YYYY-MM-DD, got %s", to);
	if (from && to && date_cmp(x.from, x.to) > 0)
		return cli_fail("export", PH_EUSAGE, "--from %s is after --to %s", from, to);
	if (cli_export_format(o.format, TABLE_FORMATS, &format))
		return 1;
	return run(c, "export audit", &o, format, audit_export, &x, NULL);
}

/* ---- export plan ---- */

static const char plan_usage[] =
"usage: phoihop [--db FILE] export plan PLAN --format docx|xlsx|csv [--semicolon] [-o FILE]\n"
"\n"
"Plan PLAN (see phoihop plans) as a Word file in the layout of Decree\n"
"30/2020/ND-CP with its appendix task table, or its tasks as a spreadsheet.\n";

static int plan_export(struct db *db, struct arena *a, void *ctx, int format, char sep,
                       struct buf *out)
{
	long long id = *(long long *)ctx;
	return format == EXPORT_DOCX ? export_plan_docx(db, a, id, out)
	                             : export_plan_tasks(db, a, id, format, sep, out);
}

static const char *plan_why(void *ctx, int rc)
{
	static char msg[48];
	if (rc != PH_ENOTFOUND)
		return NULL;
	snprintf(msg, sizeof msg, "no plan %lld", *(long long *)ctx);
	return msg;
}

int cmd_export_plan(int argc, char **argv, struct cli *c)
{
	int bad = 0, format = 0;
	struct out_opts o = {0};
	const char *which = NULL;
	for (int i = 1; i < argc && !bad; i++) {
		if (out_opt(argc, argv, &i, c, &o, &bad))
			continue;
		if (cli_flag(argv, &i, "--help") || cli_flag(argv, &i, "-h"))
			return help(plan_usage);
		if (argv[i][0] != '-' && !which)
			which = argv[i];
		else
			bad = 1, cli_fail("export", PH_EUSAGE, "unknown argument %s", argv[i]);
	}
	if (bad)
		return 1;
	if (!which)
		return cli_fail("export", PH_EUSAGE, "export plan needs PLAN (see phoihop plans)");
	long long id = parse_id(which);
	if (id < 0)
		return cli_fail("export", PH_EUSAGE, "PLAN must be a plan number, got %s", which);
	if (cli_export_format(o.format, TABLE_FORMATS | (1 << EXPORT_DOCX), &format))
		return 1;
	return run(c, "export plan", &o, format, plan_export, &id, plan_why);
}

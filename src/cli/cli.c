/* cli.c: helpers shared by the subcommands. */
#include "cli/cli.h"
#include "db/db.h"
#include "model/task.h"
#include "model/unit.h"
#include "base/err.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int cli_fail(const char *context, int code, const char *fmt, ...)
{
	fprintf(stderr, "phoihop: %s: %s", context, err_name(code));
	if (fmt && *fmt) {
		va_list ap;
		va_start(ap, fmt);
		fputs(": ", stderr);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
	}
	fputc('\n', stderr);
	return err_exit_status(code);
}

int cli_open_db(const struct cli *c, struct db **db)
{
	char err[512] = "";
	int rc = db_open(c->db_path, db, err, sizeof err);
	if (rc)
		return cli_fail("database", rc, "%s", err);
	long long added = 0;
	rc = unit_seed(*db, &added, err, sizeof err);
	if (rc) {
		db_close(*db);
		*db = NULL;
		return cli_fail("registry", rc, "%s", err);
	}
	rc = task_index_backfill(*db, NULL);
	if (rc) {
		int status = cli_fail("database", rc, "cannot index the tasks for search: %s",
		                      db_errmsg(*db));
		db_close(*db);
		*db = NULL;
		return status;
	}
	return 0;
}

int cli_open_db_readonly(const struct cli *c, struct db **db)
{
	char err[512] = "";
	int rc = db_open_readonly(c->db_path, db, err, sizeof err);
	return rc ? cli_fail("database", rc, "%s", err) : 0;
}

const char *cli_db_why(struct db *db, int code, const char *otherwise)
{
	if (db && (code == PH_EDB || code == PH_EBUSY || code == PH_EREADONLY || code == PH_EIO))
		return db_errmsg(db);
	return otherwise;
}

int cli_print_json(json_t *v)
{
	json_dumpf(v, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(v);
	return 0;
}

int cli_flag(char **argv, int *i, const char *opt)
{
	return strcmp(argv[*i], opt) == 0;
}

int cli_opt(int argc, char **argv, int *i, const char *opt, const char **val, int *bad)
{
	size_t n = strlen(opt);
	if (strncmp(argv[*i], opt, n) == 0 && argv[*i][n] == '=') {
		*val = argv[*i] + n + 1;
		return 1;
	}
	if (strcmp(argv[*i], opt) != 0)
		return 0;
	if (*i + 1 >= argc) {
		cli_fail(opt, PH_EUSAGE, "%s needs a value", opt);
		*bad = 1;
		return 1;
	}
	*val = argv[++*i];
	return 1;
}

int cli_common(int argc, char **argv, int *i, struct cli *c, int *bad)
{
	if (cli_opt(argc, argv, i, "--db", &c->db_path, bad))
		return 1;
	if (cli_flag(argv, i, "--json")) {
		c->json = 1;
		return 1;
	}
	return 0;
}

/* cli.h: what the command-line subcommands share: the global options,
 * opening the database, reporting errors, printing JSON, and a small
 * option scanner. Entry points are cmd_*; src/main.c holds their table. */
#ifndef PH_CLI_H
#define PH_CLI_H
#include <jansson.h>

struct db;

struct cli {
	const char *db_path;  /* --db FILE, else $PHOIHOP_DB, else "phoihop.db" */
	int json;             /* --json */
};

/* For commands that write: open (creating and migrating) the database,
 * seed the registry when empty and fill the search text of tasks written
 * before it existed. On failure prints the reason and returns the exit
 * status (1 for a database that is busy, read-only here, not a database
 * or a directory; 2 for an internal error). *db is the caller's:
 * db_close(). */
int cli_open_db(const struct cli *c, struct db **db);
/* For commands that only read: open an existing database read-only
 * (db_open_readonly: nothing created, migrated or locked). A missing
 * file, a database that needs migrating and the like are refused with a
 * message and exit status 1, returned. */
int cli_open_db_readonly(const struct cli *c, struct db **db);

/* The detail to print after a failure with code: the database's own
 * message for database codes (busy, read-only, ...), read before
 * anything else runs on db; otherwise. */
const char *cli_db_why(struct db *db, int code, const char *otherwise);

/* Print "phoihop: <context>: <code name>: <detail>" to stderr and return
 * the exit status for code (1 user error, 2 internal). */
int cli_fail(const char *context, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Print a JSON value (pretty, keys in insertion order) to stdout and
 * release it. Returns 0. */
int cli_print_json(json_t *v);

/* Option scanning: returns 1 and advances *i when argv[*i] is opt; for
 * options with a value, *val receives the next argument (an error is
 * printed and *bad set when it is missing). */
int cli_flag(char **argv, int *i, const char *opt);
int cli_opt(int argc, char **argv, int *i, const char *opt, const char **val, int *bad);

struct buf;
/* Parse --format's value into *format (enum export_format), which must be
 * one of allowed (a mask of 1 << EXPORT_*): 0, or an error printed and
 * the exit status returned. */
int cli_export_format(const char *name, int allowed, int *format);
/* Write b to path (written beside it and renamed over it), or to stdout
 * for NULL or "-". 0, or an error printed and the exit status returned. */
int cli_write_output(const struct buf *b, const char *path);

/* Handle the options every subcommand takes (--db FILE, --json). */
int cli_common(int argc, char **argv, int *i, struct cli *c, int *bad);

int cmd_demo(int argc, char **argv, struct cli *c);
int cmd_export(int argc, char **argv, struct cli *c);
/* The words of `phoihop export` (cmd_export.c dispatches); argv[0] is
 * the word. */
int cmd_export_audit(int argc, char **argv, struct cli *c);
int cmd_export_compliance(int argc, char **argv, struct cli *c);
int cmd_export_indicator(int argc, char **argv, struct cli *c);
int cmd_export_plan(int argc, char **argv, struct cli *c);
int cmd_export_tasks(int argc, char **argv, struct cli *c);
int cmd_import(int argc, char **argv, struct cli *c);
int cmd_init(int argc, char **argv, struct cli *c);
int cmd_plans(int argc, char **argv, struct cli *c);
int cmd_remind(int argc, char **argv, struct cli *c);
int cmd_serve(int argc, char **argv, struct cli *c);
int cmd_show(int argc, char **argv, struct cli *c);
int cmd_tasks(int argc, char **argv, struct cli *c);
/* Hidden, for the tests (cmd_test.c). */
int cmd_test_hold_write_lock(int argc, char **argv, struct cli *c);
int cmd_test_render(int argc, char **argv, struct cli *c);
int cmd_units(int argc, char **argv, struct cli *c);
int cmd_user(int argc, char **argv, struct cli *c);

#endif

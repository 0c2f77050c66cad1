/* main.c: the phoihop command line. A sorted table of subcommands (those
 * without a summary are hidden test-* commands); global options (--db
 * FILE) before the subcommand; each subcommand parses the rest. Exit
 * status: 0 ok, 1 user error (message on stderr), 2 internal. */
#include "cli/cli.h"
#include "base/err.h"
#include "base/text.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv, struct cli *c);
	const char *summary;
} commands[] = {
	{"demo",   cmd_demo,   "generate a demonstration data set (--scale national|small)"},
	{"export", cmd_export, "write tasks, plans, reports, compliance, indicators, audit as files"},
	{"import", cmd_import, "import plan documents (.txt, .md)"},
	{"init",   cmd_init,   "create the database and load the units registry"},
	{"plans",  cmd_plans,  "list plans"},
	{"remind", cmd_remind, "remind units of report deadlines; send the mail outbox"},
	{"serve",  cmd_serve,  "serve the web interface and the JSON API"},
	{"show",   cmd_show,   "show one plan with its tasks"},
	{"tasks",  cmd_tasks,  "list tasks by unit, role, quarter, status, overdue"},
	/* Hidden (no summary): internals for the tests, src/cli/cmd_test.c. */
	{"test-hold-write-lock", cmd_test_hold_write_lock, NULL},
	{"test-render", cmd_test_render, NULL},
	{"units",  cmd_units,  "list the units registry"},
	{"user",   cmd_user,   "manage user accounts (add, passwd, list, disable, enable)"},
};

static void usage(FILE *f)
{
	fputs("usage: phoihop [--db FILE] COMMAND [ARGS] [--json]\n\ncommands:\n", f);
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (commands[i].summary)
			fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fputs("\nThe database is FILE, else $PHOIHOP_DB, else ./phoihop.db.\n"
	      "`phoihop COMMAND --help` describes each command.\n", f);
}

static int by_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct command *)elem)->name);
}

int main(int argc, char **argv)
{
	struct cli c = {0};
	c.db_path = getenv("PHOIHOP_DB");
	if (!c.db_path || !*c.db_path)
		c.db_path = "phoihop.db";
	if (sodium_init() < 0)
		return cli_fail("startup", PH_ENOMEM, "libsodium failed to start");
	int i = 1, bad = 0;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (cli_common(argc, argv, &i, &c, &bad))
			continue;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		}
		return cli_fail("phoihop", PH_EUSAGE, "unknown option %s", argv[i]);
	}
	if (bad)
		return 1;
	if (i >= argc) {
		usage(stderr);
		return 1;
	}
	const struct command *cmd = bsearch(argv[i], commands, sizeof commands / sizeof *commands,
	                                    sizeof *commands, by_name);
	if (!cmd)
		return cli_fail("phoihop", PH_EUSAGE, "unknown command %s (see phoihop --help)", argv[i]);
	int status = cmd->run(argc - i, argv + i, &c);
	text_cleanup();
	fflush(stdout);
	if (ferror(stdout))
		return cli_fail("output", PH_EIO, "cannot write to standard output");
	return status;
}

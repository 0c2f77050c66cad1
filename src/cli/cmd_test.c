/* cmd_test.c: hidden commands for the shell and HTTP tests, which reach
 * internals no user needs (they are not listed by `phoihop --help`):
 *   test-hold-write-lock SECONDS   take the database's write lock as a
 *                                  writer does and keep it that long. */
#include "cli/cli.h"
#include "db/db.h"
#include "base/err.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int cmd_test_hold_write_lock(int argc, char **argv, struct cli *c)
{
	const char *secs_s = NULL;
	int bad = 0;
	for (int i = 1; i < argc && !bad; i++) {
		if (cli_common(argc, argv, &i, c, &bad))
			continue;
		if (secs_s || argv[i][0] == '-')
			return cli_fail("test-hold-write-lock", PH_EUSAGE, "unexpected argument %s",
			                argv[i]);
		secs_s = argv[i];
	}
	if (bad)
		return 1;
	char *end = NULL;
	double secs = secs_s ? strtod(secs_s, &end) : -1;
	if (!secs_s || *end || secs < 0 || secs > 600)
		return cli_fail("test-hold-write-lock", PH_EUSAGE, "usage: phoihop [--db FILE]"
		                " test-hold-write-lock SECONDS (0 to 600)");
	struct db *db = NULL;
	int status = cli_open_db(c, &db);
	if (status)
		return status;
	/* db_begin takes the process's gate and the lock file, then SQLite's
	 * own write lock (BEGIN IMMEDIATE): every other writer waits. */
	int rc = db_begin(db);
	if (rc) {
		status = cli_fail("test-hold-write-lock", rc, "%s", db_errmsg(db));
		db_close(db);
		return status;
	}
	printf("phoihop: holding the write lock of %s for %g s\n", c->db_path, secs);
	fflush(stdout);
	struct timespec t = {(time_t)secs, (long)((secs - (double)(time_t)secs) * 1e9)};
	while (nanosleep(&t, &t) != 0)
		;
	db_rollback(db);
	db_close(db);
	printf("phoihop: released the write lock\n");
	return 0;
}

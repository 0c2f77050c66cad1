/* cmd_export_pending.c: TEMPORARY while issue 11 is built in parallel:
 * the exports whose command is not written yet say so. Each moves to its
 * family's file when it lands; this file goes with the last. */
#include "cli/cli.h"
#include "base/err.h"

static int pending(const char *what)
{
	return cli_fail("export", PH_EINTERNAL, "%s is not built yet", what);
}

int cmd_export_plan(int argc, char **argv, struct cli *c) { (void)argc, (void)argv, (void)c; return pending("plan"); }
int cmd_export_report(int argc, char **argv, struct cli *c) { (void)argc, (void)argv, (void)c; return pending("report"); }

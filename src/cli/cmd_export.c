/* cmd_export.c: `phoihop export WHAT ...`: the files phoihop writes for
 * its users (docs/CLI.md). This file dispatches on WHAT and holds what
 * every export shares: --format, -o FILE and writing the file whole.
 * Each WHAT lives with its family: plan, tasks, compliance, indicator
 * and audit in cmd_export_tables.c. (The consolidated report, `export
 * report`, is not built yet.) */
#include "cli/cli.h"
#include "base/buf.h"
#include "base/err.h"
#include "export/export.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
	const char *what;
	int (*run)(int argc, char **argv, struct cli *c);
} exports[] = {
	{"audit", cmd_export_audit},
	{"compliance", cmd_export_compliance},
	{"indicator", cmd_export_indicator},
	{"plan", cmd_export_plan},
	{"tasks", cmd_export_tasks},
};

static void usage(FILE *f)
{
	fputs("usage:\n"
	      "  phoihop export tasks [the filters of `tasks`] --format xlsx|csv [-o FILE]\n"
	      "  phoihop export plan PLAN --format docx|xlsx|csv [-o FILE]\n"
		      "  phoihop export compliance SCHEDULE --format xlsx|csv [-o FILE]\n"
	      "  phoihop export indicator ID --period P [--unit U] --format xlsx|csv [-o FILE]\n"
	      "  phoihop export audit [--from DATE] [--to DATE] --format xlsx|csv [-o FILE]\n"
	      "CSV files are UTF-8 with a BOM, comma-separated; --semicolon separates with ';'.\n"
	      "Without -o the file goes to stdout.\n", f);
}

int cmd_export(int argc, char **argv, struct cli *c)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 1 : 0;
	}
	for (size_t i = 0; i < sizeof exports / sizeof *exports; i++)
		if (!strcmp(argv[1], exports[i].what))
			return exports[i].run(argc - 1, argv + 1, c);
	fprintf(stderr, "phoihop: export: unknown export \"%s\"\n", argv[1]);
	usage(stderr);
	return 1;
}

int cli_export_format(const char *name, int allowed, int *format)
{
	int f = 0;
	if (!name)
		return cli_fail("export", PH_EUSAGE, "--format is required");
	if (export_format_parse(name, &f) || !(allowed & (1 << f)))
		return cli_fail("export", PH_EUSAGE, "--format %s is not offered here", name);
	*format = f;
	return 0;
}

int cli_write_output(const struct buf *b, const char *path)
{
	if (!path || !strcmp(path, "-")) {
		if (fwrite(buf_str(b), 1, b->len, stdout) != b->len || fflush(stdout))
			return cli_fail("export", PH_EIO, "stdout: %s", strerror(errno));
		return 0;
	}
	/* Written beside the target and renamed, so that a reader never sees
	 * half a file and a failure leaves the old one. */
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	if (!tmp)
		return cli_fail("export", PH_ENOMEM, NULL);
	snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "wb");
	int ok = f && fwrite(buf_str(b), 1, b->len, f) == b->len;
	ok = f && !fclose(f) && ok;
	ok = ok && !rename(tmp, path);
	int e = errno;
	if (!ok)
		remove(tmp);
	free(tmp);
	return ok ? 0 : cli_fail("export", PH_EIO, "%s: %s", path, strerror(e));
}

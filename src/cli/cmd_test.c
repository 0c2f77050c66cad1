/* cmd_test.c: hidden commands for the shell and HTTP tests, which reach
 * internals no user needs (they are not listed by `phoihop --help`):
 *   test-hold-write-lock SECONDS   take the database's write lock as a
 *                                  writer does and keep it that long;
 *   test-render FILE               print the text a Word or PDF file is
 *                                  rendered into, each line after its place
 *                                  (page, paragraph, table, row, column) and
 *                                  a tab, then the readers' notes. */
#include "cli/cli.h"
#include "db/db.h"
#include "base/err.h"
#include "base/buf.h"
#include "model/document.h"
#include "import/render.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int cmd_test_render(int argc, char **argv, struct cli *c)
{
	const char *path = NULL;
	int bad = 0;
	for (int i = 1; i < argc && !bad; i++) {
		if (cli_common(argc, argv, &i, c, &bad))
			continue;
		if (path || argv[i][0] == '-')
			return cli_fail("test-render", PH_EUSAGE, "usage: phoihop test-render FILE");
		path = argv[i];
	}
	if (bad || !path)
		return bad ? 1 : cli_fail("test-render", PH_EUSAGE, "usage: phoihop test-render FILE");
	struct buf b;
	buf_init(&b, DOCUMENT_MAX_BYTES);
	int rc = buf_read_file(&b, path);
	if (rc) {
		buf_cleanup(&b);
		return cli_fail(path, rc, "cannot read the file");
	}
	struct document_input in;
	char why[256] = "";
	rc = document_read(buf_str(&b), b.len, DOC_TEXT, &in, why, sizeof why);
	buf_cleanup(&b);
	if (rc)
		return cli_fail(path, rc, "%s", why);
	const char *p = in.text;
	for (int line = 1; *p; line++) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		const struct doc_place *pl = NULL;
		for (size_t k = 0; k < in.places_len && !pl; k++)
			if (in.places[k].line == line)
				pl = &in.places[k];
		if (pl)
			printf("p%d.%d t%d.%d.%d\t", pl->page, pl->paragraph, pl->table, pl->row, pl->column);
		else
			printf("-\t");
		printf("%.*s\n", (int)n, p);
		p += n + (e != NULL);
	}
	for (size_t k = 0; k < in.notes_len; k++)
		printf("note (line %d): %s\n", in.notes[k].line, in.notes[k].text);
	printf("format: %s\n", doc_format_name(in.format));
	document_input_free(&in);
	return 0;
}

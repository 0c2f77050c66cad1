/* export_bench.c: issue 11, point 9: a 100,000-row task list exported as
 * XLSX (and CSV) in one process, with its time and the resident memory
 * it adds (built by `make bench`; not part of `make check`).
 *
 * It makes a fresh database in a temporary folder (the registry seeded,
 * one plan of N tasks with a lead unit and two coordinating units each,
 * written by one INSERT ... SELECT), closes it, opens it again as a
 * server worker would, and runs export_tasks over every task (the
 * /tasks/export answer without filters) into a buffer. Time is
 * CLOCK_MONOTONIC; memory is the peak resident set (VmHWM) during the
 * export less the resident set (VmRSS) before it, with the peak reset
 * first through /proc/self/clear_refs ("5").
 *
 * usage: export_bench [--rows N] [--repeat K] [--keep DIR] */
#include "export/export.h"
#include "export/tables.h"
#include "base/buf.h"
#include "base/err.h"
#include "db/db.h"
#include "model/task.h"
#include "model/unit.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec * 1e-6;
}

/* A field of /proc/self/status in kB ("VmRSS", "VmHWM"); -1 unknown. */
static long status_kb(const char *field)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long v = -1;
	size_t n = strlen(field);
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, field, n) && line[n] == ':')
			v = strtol(line + n + 1, NULL, 10);
	if (f)
		fclose(f);
	return v;
}

static int reset_peak(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");
	int ok = f && fputs("5", f) >= 0;
	if (f)
		ok = !fclose(f) && ok;
	return ok;
}

static int fill(const char *path, long rows)
{
	struct db *db = NULL;
	char err[256] = "";
	int rc = db_open(path, &db, err, sizeof err);
	if (rc) {
		fprintf(stderr, "export_bench: %s: %s\n", path, err);
		return rc;
	}
	long long added = 0;
	if (!rc)
		rc = unit_seed(db, &added, err, sizeof err);
	if (!rc)
		rc = db_begin(db);
	if (!rc)
		rc = db_exec(db,
			"INSERT INTO documents (type, title, source_name, content_hash, original_text,"
			" imported_at) VALUES ('plan', 'Kế hoạch đo hiệu năng', 'bench.txt', 'bench',"
			" 'bench', '2026-01-01T00:00:00Z')");
	if (!rc)
		rc = db_exec(db, "INSERT INTO plans (document_id, title) SELECT MAX(id),"
		                 " 'Kế hoạch phối hợp đo hiệu năng năm 2026' FROM documents");
	/* Units by rank, so each task gets a real lead and two partners. */
	if (!rc)
		rc = db_exec(db, "CREATE TEMP TABLE u AS SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1"
		                 " AS k FROM units WHERE proposed = 0");
	char sql[2048];
	snprintf(sql, sizeof sql,
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %ld),"
		" c(m) AS (SELECT COUNT(*) FROM u)"
		" INSERT INTO tasks (plan_id, position, no, section, content, lead_unit_id, lead_text,"
		" timeframe_text, start_date, end_date, timeframe_kind, notes, status)"
		" SELECT (SELECT MAX(id) FROM plans), i, i, 'II. NHIỆM VỤ CỤ THỂ',"
		" 'Tổ chức tuyên truyền, phổ biến chính sách, pháp luật về bình đẳng giới cho hội viên,"
		" phụ nữ tại cơ sở, đợt ' || i,"
		" (SELECT id FROM u WHERE k = i %% (SELECT m FROM c)), 'Hội LHPN tỉnh',"
		" 'Quý ' || (1 + i %% 4) || '/2026', '2026-0' || (1 + 3 * (i %% 4)) || '-01',"
		" '2026-12-31', 'range', CASE WHEN i %% 7 = 0 THEN 'Phối hợp với các sở, ngành' END,"
		" CASE i %% 4 WHEN 0 THEN 'not_started' WHEN 1 THEN 'in_progress' WHEN 2 THEN 'done'"
		" ELSE 'cancelled' END FROM n", rows);
	if (!rc)
		rc = db_exec(db, sql);
	for (int p = 1; !rc && p <= 2; p++) {
		snprintf(sql, sizeof sql,
			"INSERT INTO task_coordinators (task_id, position, unit_id, text)"
			" SELECT t.id, %d, u.id, 'Sở, ngành' FROM tasks t JOIN u"
			" ON u.k = (t.position * %d + 7) %% (SELECT COUNT(*) FROM u)", p, 3 + p);
		rc = db_exec(db, sql);
	}
	if (!rc)
		rc = db_commit(db);
	else
		db_rollback(db);
	if (rc)
		fprintf(stderr, "export_bench: filling: %s (%s)\n", err_name(rc), db_errmsg(db));
	db_close(db);
	return rc;
}

int main(int argc, char **argv)
{
	long rows = 100000;
	int repeat = 3;
	const char *keep = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--rows") && i + 1 < argc)
			rows = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
			repeat = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--keep") && i + 1 < argc)
			keep = argv[++i];
		else {
			fprintf(stderr, "usage: export_bench [--rows N] [--repeat K] [--keep DIR]\n");
			return 2;
		}
	}
	char dir[] = "/tmp/phoihop-export-bench-XXXXXX";
	if (!mkdtemp(dir))
		return 2;
	char path[256];
	snprintf(path, sizeof path, "%s/bench.db", keep ? keep : dir);
	double t0 = now_ms();
	if (fill(path, rows))
		return 1;
	printf("database: %ld tasks, 2 coordinating units each, written in %.0f ms\n", rows,
	       now_ms() - t0);

	struct db *db = NULL;
	char err[256] = "";
	if (db_open(path, &db, err, sizeof err)) {
		fprintf(stderr, "export_bench: %s\n", err);
		return 1;
	}
	int status = 0;
	for (int format = EXPORT_CSV; format <= EXPORT_XLSX; format++)
		for (int k = 0; k < repeat; k++) {
			struct task_query q;
			memset(&q, 0, sizeof q);
			q.f.today = (struct ph_date){2026, 6, 15};
			struct buf out;
			buf_init(&out, EXPORT_MAX);
			int peak_ok = reset_peak();
			long before = status_kb("VmRSS");
			double s = now_ms();
			int rc = export_tasks(db, &q, format, ',', &out);
			double ms = now_ms() - s;
			long hwm = status_kb("VmHWM");
			if (rc) {
				fprintf(stderr, "export_bench: export: %s\n", err_name(rc));
				status = 1;
			}
			printf("%s run %d: %ld rows, %zu bytes, %.0f ms, added peak resident %.1f MB%s\n",
			       export_format_name(format), k + 1, rows, out.len, ms,
			       (double)(hwm - before) / 1024.0,
			       peak_ok ? "" : " (peak not reset: an upper bound)");
			if (k == 0 && keep && format == EXPORT_XLSX) {
				char x[300];
				snprintf(x, sizeof x, "%s/tasks.xlsx", keep);
				FILE *f = fopen(x, "wb");
				if (f) {
					fwrite(out.data, 1, out.len, f);
					fclose(f);
				}
			}
			buf_cleanup(&out);
		}
	db_close(db);
	if (!keep) {
		unlink(path);
		char side[300];
		snprintf(side, sizeof side, "%s-lock", path);
		unlink(side);
		snprintf(side, sizeof side, "%s-wal", path);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", path);
		unlink(side);
	}
	rmdir(dir);
	return status;
}

/* test_db_lock.c: the one-writer rule of db.h on real database files: two
 * threads writing at once are serialized and both succeed; the lock file
 * is held exactly while a write is under way; another process holding it
 * makes a writer fail with PH_EBUSY within DB_WRITE_WAIT_MS (readers are
 * not held up); the write-ahead log stops
 * growing past DB_CHECKPOINT_PAGES; threads and a second process writing
 * at once leave an intact database; db_interrupt ends a long statement
 * and a wait for the lock as failures; the error message outlives the
 * rollback; read-only opens create nothing and refuse what they cannot
 * read. */
#include "test.h"
#include "db/db.h"
#include "db/migrate.h"
#include "db/store_sql.h"
#include "base/err.h"
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char dir[] = "/tmp/phoihop-test-lock-XXXXXX";

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void nap_us(long us)
{
	struct timespec t = {us / 1000000, (us % 1000000) * 1000};
	nanosleep(&t, NULL);
}

static struct db *open_at(const char *path)
{
	char err[512] = "";
	struct db *db = NULL;
	int rc = db_open(path, &db, err, sizeof err);
	CHECK(rc == 0, "open %s: %s (%d)", path, err, rc);
	return db;
}

static long long count(struct db *db, const char *sql)
{
	struct db_stmt *st = NULL;
	long long n = -1;
	if (db_prepare(db, sql, &st) == 0 && db_step(st) == DB_ROW)
		n = db_col_int(st, 0);
	db_finalize(st);
	return n;
}

static long long file_size(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

/* ---- two threads at once ---- */

static atomic_int inside, most_inside;

struct writer {
	struct db *db;
	int n, tag;
	int ok, failed;
};

static const char insert_row[] = "INSERT INTO w (tag, n, pad) VALUES (?, ?, zeroblob(?))";

/* n transactions of two inserts each, with a pause inside so that the
 * other thread has every chance to write at the same time; between them
 * an insert outside any transaction (a write statement in autocommit). */
static void *write_loop(void *arg)
{
	struct writer *w = arg;
	for (int i = 0; i < w->n; i++) {
		int rc = db_begin(w->db);
		if (!rc) {
			int in = atomic_fetch_add(&inside, 1) + 1;
			int seen = atomic_load(&most_inside);
			while (in > seen && !atomic_compare_exchange_weak(&most_inside, &seen, in))
				;
			for (int k = 0; !rc && k < 2; k++)
				rc = store_write(w->db, NULL, insert_row, "nnn", w->tag, i, 200);
			if (i % 8 == 0)
				nap_us(200);
			atomic_fetch_sub(&inside, 1);
			rc = rc ? rc : db_commit(w->db);
			if (rc)
				db_rollback(w->db);
		}
		if (!rc)
			rc = store_write(w->db, NULL, insert_row, "nnn", w->tag, -i - 1, 200);
		if (rc)
			w->failed++;
		else
			w->ok++;
	}
	return NULL;
}

static void two_threads(const char *path)
{
	struct db *a = open_at(path), *b = open_at(path);
	if (!a || !b)
		return;
	CHECK_INT(db_exec(a, "CREATE TABLE w (tag INTEGER, n INTEGER, pad BLOB)"), 0, "table");
	struct writer wa = {a, 150, 1, 0, 0}, wb = {b, 150, 2, 0, 0};
	pthread_t ta, tb;
	pthread_create(&ta, NULL, write_loop, &wa);
	pthread_create(&tb, NULL, write_loop, &wb);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	CHECK(wa.failed == 0 && wb.failed == 0, "both threads' writes succeed (%d, %d failed)",
	      wa.failed, wb.failed);
	CHECK_INT(atomic_load(&most_inside), 1, "never two transactions at once");
	CHECK_INT(count(a, "SELECT COUNT(*) FROM w"), 2 * 150 * 3, "every row written");
	db_close(a);
	db_close(b);
}

/* ---- another process holds the lock ---- */

struct attempt {
	struct db *db;
	int in_txn;           /* 1: db_begin; 0: a write statement outside one */
	int rc;
	double took;
};

static void *try_write(void *arg)
{
	struct attempt *t = arg;
	double t0 = now_s();
	if (t->in_txn) {
		t->rc = db_begin(t->db);
		if (!t->rc)
			db_rollback(t->db);
	} else {
		t->rc = store_write(t->db, NULL, insert_row, "nnn", 9, 9, 1);
	}
	t->took = now_s() - t0;
	return NULL;
}

/* A child process that takes the lock file PATH-lock the way another
 * phoihop process does (flock, nothing else: SQLite's own locks stay
 * free, so only the lock file can make the parent wait), says so on
 * ready, and keeps it until release is closed (at most 60 s). */
static pid_t hold_in_child(const char *path, int *ready_fd, int *release_fd)
{
	int ready[2], release[2];
	if (pipe(ready) || pipe(release))
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		close(ready[0]);
		close(release[1]);
		alarm(60);
		char lp[300];
		snprintf(lp, sizeof lp, "%s-lock", path);
		int fd = open(lp, O_RDONLY);
		if (fd < 0 || flock(fd, LOCK_EX) != 0)
			_exit(3);
		if (write(ready[1], "x", 1) != 1)
			_exit(4);
		char c;
		while (read(release[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(ready[1]);
	close(release[0]);
	*ready_fd = ready[0];
	*release_fd = release[1];
	return pid;
}

/* 1 when PATH-lock is locked by someone (a probe from a descriptor of
 * its own, which conflicts even with this process's). */
static int lock_file_taken(const char *path)
{
	char lp[300];
	snprintf(lp, sizeof lp, "%s-lock", path);
	int fd = open(lp, O_RDONLY);
	if (fd < 0)
		return -1;
	int taken = flock(fd, LOCK_EX | LOCK_NB) != 0;
	if (!taken)
		flock(fd, LOCK_UN);
	close(fd);
	return taken;
}

/* The lock is held exactly while a write is under way: from db_begin to
 * the commit or rollback, and while a write statement outside a
 * transaction runs (here one with RETURNING, stepped to its row). */
static void lock_lifetime(const char *path)
{
	struct db *db = open_at(path);
	if (!db)
		return;
	CHECK_INT(lock_file_taken(path), 0, "free at rest");
	CHECK_INT(db_begin(db), 0, "begin");
	CHECK_INT(lock_file_taken(path), 1, "held in a transaction");
	CHECK_INT(db_commit(db), 0, "commit");
	CHECK_INT(lock_file_taken(path), 0, "released by the commit");
	CHECK_INT(db_begin(db), 0, "begin again");
	CHECK_INT(db_rollback(db), 0, "rollback");
	CHECK_INT(lock_file_taken(path), 0, "released by the rollback");
	struct db_stmt *st = NULL;
	CHECK_INT(db_prepare(db, "INSERT INTO w (tag, n) VALUES (7, 7) RETURNING rowid", &st), 0,
	          "prepare a write");
	CHECK_INT(db_step(st), DB_ROW, "the write's row");
	CHECK_INT(lock_file_taken(path), 1, "held while a write outside a transaction runs");
	db_finalize(st);
	CHECK_INT(lock_file_taken(path), 0, "released when it ends");
	CHECK(count(db, "SELECT COUNT(*) FROM w WHERE tag = 7") == 1, "and it committed");
	CHECK_INT(lock_file_taken(path), 0, "a read takes no lock");
	db_close(db);
}

static void other_process(const char *path)
{
	int ready = -1, release = -1;
	pid_t pid = hold_in_child(path, &ready, &release);
	CHECK(pid > 0, "fork the holder");
	if (pid <= 0)
		return;
	char c = 0;
	CHECK(read(ready, &c, 1) == 1 && c == 'x', "the other process holds the lock file");
	struct db *a = open_at(path), *b = open_at(path);
	/* A read is not held up by the writer. */
	double t0 = now_s();
	CHECK(count(a, "SELECT COUNT(*) FROM w") > 0, "a read while another process writes");
	CHECK(now_s() - t0 < 1.0, "the read did not wait (%.2f s)", now_s() - t0);
	/* A transaction and a write outside one, at once from two threads:
	 * both wait at most the bound and say busy. */
	struct attempt ta = {a, 1, -1, 0}, tb = {b, 0, -1, 0};
	pthread_t ha, hb;
	pthread_create(&ha, NULL, try_write, &ta);
	pthread_create(&hb, NULL, try_write, &tb);
	pthread_join(ha, NULL);
	pthread_join(hb, NULL);
	double bound = DB_WRITE_WAIT_MS / 1000.0;
	CHECK_INT(ta.rc, PH_EBUSY, "db_begin while another process writes");
	CHECK(ta.took >= bound - 0.2 && ta.took < bound + 2.0,
	      "db_begin waited the bound (%.2f s for %.1f s)", ta.took, bound);
	CHECK_INT(tb.rc, PH_EBUSY, "a write outside a transaction while another process writes");
	CHECK(tb.took >= bound - 0.2 && tb.took < bound + 2.0,
	      "the write waited the bound (%.2f s for %.1f s)", tb.took, bound);
	CHECK(strstr(db_errmsg(a), "busy with another writer") != NULL,
	      "the message says busy: %s", db_errmsg(a));
	/* Released: the next writer goes through at once. */
	CHECK_INT(lock_file_taken(path), 1, "still held before the release");
	close(release);
	int status = -1;
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the holder ended cleanly (%d)", status);
	t0 = now_s();
	CHECK_INT(db_begin(a), 0, "db_begin once the other process let go");
	CHECK_INT(db_commit(a), 0, "commit");
	CHECK(now_s() - t0 < 1.0, "no wait once free (%.2f s)", now_s() - t0);
	close(ready);
	db_close(a);
	db_close(b);
}

/* ---- checkpoints ---- */

static void checkpoints(const char *path)
{
	char wal[300];
	snprintf(wal, sizeof wal, "%s-wal", path);
	struct db *db = open_at(path);
	if (!db)
		return;
	CHECK_INT(db_exec(db, "CREATE TABLE c (n INTEGER, pad BLOB)"), 0, "table");
	long long most = 0;
	int failures = 0;
	/* 3000 commits of about two pages each: some 6000 pages of log with
	 * no checkpoint, as SQLite's own automatic ones are off. */
	for (int i = 0; i < 3000; i++) {
		if (store_write(db, NULL, "INSERT INTO c (n, pad) VALUES (?, zeroblob(3000))", "n", i))
			failures++;
		long long w = file_size(wal);
		if (w > most)
			most = w;
	}
	CHECK_INT(failures, 0, "every insert committed");
	long long page = count(db, "PRAGMA page_size");
	long long limit = 32 + (DB_CHECKPOINT_PAGES + 50) * (page + 24);
	CHECK(most > (DB_CHECKPOINT_PAGES / 2) * page, "the log did grow (%lld bytes)", most);
	CHECK(most <= limit, "the log stopped near the threshold: %lld bytes, at most %lld",
	      most, limit);
	CHECK(file_size(path) > 3000LL * 3000, "checkpoints copied the rows into the database"
	      " (%lld bytes)", file_size(path));
	db_close(db);
	CHECK(file_size(wal) == 0, "the last close checkpointed and removed the log");
}

/* ---- threads and a second process at once ---- */

struct stress {
	const char *path;
	int tag;
	double until;
	int ok, busy, other;
};

static void stress_loop(struct stress *s)
{
	char err[256];
	struct db *db = NULL;
	if (db_open(s->path, &db, err, sizeof err)) {
		s->other++;
		return;
	}
	for (int i = 0; now_s() < s->until && i < 400; i++) {
		int rc = db_begin(db);
		for (int k = 0; !rc && k < 2; k++)
			rc = store_write(db, NULL, "INSERT INTO s (tag, n, pad) VALUES (?, ?, zeroblob(2500))",
			                 "nn", s->tag, i);
		rc = rc ? rc : db_commit(db);
		if (rc)
			db_rollback(db);
		if (!rc)
			s->ok++;
		else if (rc == PH_EBUSY)
			s->busy++;
		else
			s->other++;
	}
	db_close(db);
}

static void *stress_thread(void *arg)
{
	stress_loop(arg);
	return NULL;
}

static void stress(const char *path)
{
	struct db *db = open_at(path);
	if (!db)
		return;
	CHECK_INT(db_exec(db, "CREATE TABLE s (tag INTEGER, n INTEGER, pad BLOB)"), 0, "table");
	db_close(db);
	double until = now_s() + 8;
	int pipefd[2];
	CHECK(pipe(pipefd) == 0, "pipe");
	fflush(NULL);
	/* The second process starts before this one has threads. */
	pid_t pid = fork();
	if (pid == 0) {
		close(pipefd[0]);
		alarm(60);
		struct stress c = {path, 9, until, 0, 0, 0};
		stress_loop(&c);
		if (write(pipefd[1], &c, sizeof c) != (ssize_t)sizeof c)
			_exit(4);
		_exit(0);
	}
	close(pipefd[1]);
	struct stress t[3];
	pthread_t h[3];
	for (int i = 0; i < 3; i++) {
		t[i] = (struct stress){path, i + 1, until, 0, 0, 0};
		pthread_create(&h[i], NULL, stress_thread, &t[i]);
	}
	for (int i = 0; i < 3; i++)
		pthread_join(h[i], NULL);
	struct stress c = {0};
	CHECK(read(pipefd[0], &c, sizeof c) == (ssize_t)sizeof c, "the second process reports");
	close(pipefd[0]);
	int status = -1;
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the second process ended (%d)", status);
	int ok = c.ok, busy = c.busy, other = c.other;
	for (int i = 0; i < 3; i++)
		ok += t[i].ok, busy += t[i].busy, other += t[i].other;
	CHECK_INT(other, 0, "no failure other than busy under the stress");
	CHECK(c.ok > 0 && t[0].ok > 0, "both processes wrote (%d, %d)", c.ok, t[0].ok);
	if (busy)
		fprintf(stderr, "stress: %d busy transaction(s) on a loaded machine\n", busy);
	db = open_at(path);
	if (!db)
		return;
	char buf[64] = "";
	struct db_stmt *st = NULL;
	if (db_prepare(db, "PRAGMA integrity_check", &st) == 0 && db_step(st) == DB_ROW)
		snprintf(buf, sizeof buf, "%s", db_col_text(st, 0));
	db_finalize(st);
	CHECK_STR(buf, "ok", "integrity after the stress");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM s"), 2LL * ok, "exactly the committed rows");
	db_close(db);
}

/* ---- db_interrupt ---- */

struct longrun {
	struct db *db;
	int s;
	double took;
};

static void *long_query(void *arg)
{
	struct longrun *l = arg;
	struct db_stmt *st = NULL;
	double t0 = now_s();
	l->s = 99;
	if (db_prepare(l->db, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
	                      " WHERE x < 2000000000) SELECT COUNT(*) FROM c", &st) == 0)
		l->s = db_step(st);
	db_finalize(st);
	l->took = now_s() - t0;
	return NULL;
}

static void *wait_lock(void *arg)
{
	struct longrun *l = arg;
	double t0 = now_s();
	l->s = db_begin(l->db);
	l->took = now_s() - t0;
	return NULL;
}

static void interrupts(const char *path)
{
	struct db *db = open_at(path);
	if (!db)
		return;
	struct longrun l = {db, 0, 0};
	pthread_t h;
	pthread_create(&h, NULL, long_query, &l);
	nap_us(300000);
	db_interrupt(db);
	pthread_join(h, NULL);
	CHECK(l.s < 0, "an interrupted statement fails (got %d, not a row or done)", l.s);
	CHECK(l.took < 3.0, "it ended soon after the interrupt (%.2f s)", l.took);
	long long v = 0;
	int rc = store_read_int(db, &v, "SELECT 1", "");
	CHECK(rc != 0 && rc != PH_ENOTFOUND, "later statements fail too, not as no rows (%d)", rc);
	CHECK_INT(db_begin(db), PH_EDB, "no transaction after the interrupt");
	db_close(db);

	/* A wait for the lock ends at the interrupt, not at the bound. */
	struct db *holder = open_at(path), *waiter = open_at(path);
	if (!holder || !waiter)
		return;
	CHECK_INT(db_begin(holder), 0, "hold the lock");
	struct longrun w = {waiter, 0, 0};
	pthread_create(&h, NULL, wait_lock, &w);
	nap_us(300000);
	db_interrupt(waiter);
	pthread_join(h, NULL);
	CHECK_INT(w.s, PH_EDB, "the wait for the lock ends as a failure");
	CHECK(w.took < 1.5, "at the interrupt (%.2f s)", w.took);
	CHECK_INT(db_rollback(holder), 0, "release");
	db_close(waiter);
	db_close(holder);
}

/* ---- messages and read-only opens ---- */

static void messages(const char *path)
{
	struct db *db = open_at(path);
	if (!db)
		return;
	CHECK_INT(db_exec(db, "CREATE TABLE m (n INTEGER CHECK (n > 0))"), 0, "table");
	CHECK_INT(db_begin(db), 0, "begin");
	CHECK(store_write(db, NULL, "INSERT INTO m (n) VALUES (?)", "n", -1) != 0, "refused");
	CHECK_INT(db_rollback(db), 0, "rollback");
	CHECK(strstr(db_errmsg(db), "CHECK constraint failed") != NULL,
	      "the message outlives the rollback: %s", db_errmsg(db));
	db_close(db);
}

static void readonly(const char *path)
{
	char err[512], p[300];
	struct db *db = NULL;
	snprintf(p, sizeof p, "%s/missing.db", dir);
	CHECK_INT(db_open_readonly(p, &db, err, sizeof err), PH_ENOTFOUND, "a missing file");
	CHECK(strstr(err, "no database at") != NULL, "says so: %s", err);
	CHECK(access(p, F_OK) != 0, "and creates nothing");
	CHECK_INT(db_open_readonly(dir, &db, err, sizeof err), PH_EIO, "a directory");
	snprintf(p, sizeof p, "%s/text.db", dir);
	FILE *f = fopen(p, "w");
	if (f) {
		fputs("KẾ HOẠCH: this is a text file, not a database\n", f);
		fclose(f);
	}
	CHECK_INT(db_open_readonly(p, &db, err, sizeof err), PH_EIO, "a text file, read-only");
	CHECK_INT(db_open(p, &db, err, sizeof err), PH_EIO, "a text file, for writing");
	CHECK(strstr(err, "not a phoihop database") != NULL, "says so: %s", err);
	snprintf(p, sizeof p, "%s/text.db-lock", dir);
	CHECK(access(p, F_OK) != 0, "no lock file beside what is not a database");

	/* A real database: read, not written, nothing created beside it. */
	snprintf(p, sizeof p, "%s/lock-file.db-lock", dir);
	unlink(p);
	CHECK_INT(db_open_readonly(path, &db, err, sizeof err), 0, "read-only open");
	CHECK(access(p, F_OK) != 0, "a read-only open creates no lock file");
	CHECK(count(db, "SELECT COUNT(*) FROM schema_migrations") > 0, "it reads");
	CHECK_INT(db_begin(db), PH_EREADONLY, "no transaction on it");
	CHECK_INT(store_write(db, NULL, "INSERT INTO m (n) VALUES (?)", "n", 5), PH_EREADONLY,
	          "no write outside a transaction either");
	db_close(db);
	db = open_at(path);
	CHECK_INT(count(db, "SELECT COUNT(*) FROM m"), 0, "nothing was written");

	/* Migrations are for writers: a database behind this binary (here an
	 * empty file, a database of version 0) is refused read-only, and
	 * brought up to date by db_open. */
	CHECK_INT(db_exec(db, "INSERT INTO schema_migrations VALUES (9999, 'future')"), 0, "newer");
	db_close(db);
	CHECK_INT(db_open_readonly(path, &db, err, sizeof err), PH_ESCHEMA, "a newer schema");
	snprintf(p, sizeof p, "%s/old.db", dir);
	f = fopen(p, "w");
	if (f)
		fclose(f);
	CHECK_INT(db_open_readonly(p, &db, err, sizeof err), PH_ESCHEMAOLD, "needs migrating");
	CHECK(strstr(err, "init") != NULL, "names the command that upgrades: %s", err);
	db = open_at(p);
	CHECK_INT(count(db, "SELECT MAX(version) FROM schema_migrations"), migrate_latest(),
	          "a writer's open migrates");
	db_close(db);
	CHECK_INT(db_open_readonly(p, &db, err, sizeof err), 0, "then it opens read-only");
	db_close(db);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	char path[256];
	snprintf(path, sizeof path, "%s/threads.db", dir);
	two_threads(path);
	lock_lifetime(path);
	other_process(path);
	snprintf(path, sizeof path, "%s/checkpoint.db", dir);
	checkpoints(path);
	snprintf(path, sizeof path, "%s/stress.db", dir);
	stress(path);
	snprintf(path, sizeof path, "%s/interrupt.db", dir);
	interrupts(path);
	snprintf(path, sizeof path, "%s/lock-file.db", dir);
	messages(path);
	readonly(path);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	TEST_END("test_db_lock");
}

/* sqlite.c: the SQLite backend of db.h. Everything SQLite-specific (pragmas,
 * busy timeout, checkpoints, the sqlite3 API) stays in this file, and so
 * does the write lock that keeps this program to one writer at a time
 * (db.h says why): a gate shared by the threads of the process, then an
 * advisory lock (flock) on the file PATH-lock for other processes. The
 * lock file is a file of its own because closing any descriptor of the
 * database file itself would drop SQLite's POSIX locks on it. */
#include "db/db.h"
#include "db/migrate.h"
#include "base/err.h"
#include <sqlite3.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Prepared statements are kept per connection and reused when the same
 * SQL literal is prepared again: a server request prepares a dozen
 * statements, and parsing them was the largest cost of a page once the
 * data was read. db_finalize() of a cached statement resets it instead. */
#define STMT_CACHE 64
/* How long db_close waits for the write lock; without it the connection
 * closes without its checkpoint (a later close does it). */
#define CLOSE_WAIT_MS 200
/* What the write-ahead log is cut back to when it starts over, after a
 * large import grew it. */
#define WAL_KEEP_BYTES "16777216"
/* Virtual machine steps between two looks at db_interrupt's flag. */
#define PROGRESS_STEPS 1000

static const char busy_msg[] = "the database is busy with another writer; try again";
static const char stop_msg[] = "interrupted: the program is stopping";

struct db_stmt {
	struct db *db;
	sqlite3_stmt *h;
	const char *sql;      /* the literal, for error messages and cache lookup */
	int cached;           /* 1: owned by the connection's cache */
	int in_use;           /* cached and handed out by db_prepare */
	unsigned long used_at;/* cache clock when last handed out */
	int writes;           /* 1: not read-only (its end may commit a write) */
};

struct db {
	sqlite3 *h;
	char *path;           /* as given to db_open, for messages and the lock file */
	int readonly;         /* opened by db_open_readonly */
	int lock_fd;          /* PATH-lock, for flock; -1 on a read-only connection */
	int locked;           /* this connection holds the write lock */
	int wal_pages;        /* frames in the WAL after this connection's last commit */
	int ending;           /* a rollback or close runs: db_interrupt lets it finish */
	atomic_int stopping;  /* db_interrupt was called */
	int open_stmts;       /* prepared, not finalized */
	struct db_stmt *cache[STMT_CACHE];
	int cache_len;
	unsigned long clock;
	sqlite3_stmt *dv;     /* PRAGMA data_version, for db_generation_check */
	long long data_version;/* its value at the last check (or the open) */
	char errmsg[512];     /* why the last operation failed (db_errmsg) */
};

/* The data generation (db.h). Starts at 1 so that 0 never matches. */
static atomic_ulong generation = 1;

unsigned long db_generation(void) { return atomic_load(&generation); }
void db_generation_bump(void) { atomic_fetch_add(&generation, 1); }

/* ---- failures ---- */

/* Keep why an operation of db failed (db_errmsg) and return code. */
static int failed(struct db *db, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int failed(struct db *db, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(db->errmsg, sizeof db->errmsg, fmt, ap);
	va_end(ap);
	return code;
}

/* The project's code for an SQLite result code. */
static int code_of(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return PH_EBUSY;
	case SQLITE_READONLY:
		return PH_EREADONLY;
	case SQLITE_NOMEM:
		return PH_ENOMEM;
	case SQLITE_NOTADB:
	case SQLITE_CANTOPEN:
		return PH_EIO;
	default:
		return PH_EDB;
	}
}

/* SQLite refused sql with rc: keep why (read now, before a rollback
 * clears it), say it on stderr, return the project's code. */
static int refused(struct db *db, int rc, const char *sql)
{
	int code = code_of(rc);
	if ((rc & 0xff) == SQLITE_INTERRUPT)
		failed(db, code, "%s", stop_msg);
	else if (code == PH_EBUSY)
		failed(db, code, "%s", busy_msg);
	else if (code == PH_EREADONLY)
		failed(db, code, "the database %s cannot be written here (%s)", db->path,
		       sqlite3_errmsg(db->h));
	else
		failed(db, code, "%s", sqlite3_errmsg(db->h));
	fprintf(stderr, "phoihop: database: %s in: %.200s\n", db->errmsg, sql);
	return code;
}

/* ---- the write lock ---- */

/* The gate: taken by at most one connection of the process at a time.
 * A flag under a mutex rather than the mutex itself, so that waiting is
 * bounded and can be cut short (db_interrupt), and release may happen on
 * any thread. */
static pthread_mutex_t gate_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cv;
static int gate_taken;

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void nap_ms(long long ms)
{
	struct timespec t = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
	nanosleep(&t, NULL);
}

static void gate_open(void)
{
	pthread_mutex_lock(&gate_mu);
	gate_taken = 0;
	pthread_cond_broadcast(&gate_cv);
	pthread_mutex_unlock(&gate_mu);
}

/* Take the write lock for db, waiting at most wait_ms: the gate, then the
 * lock file (polled, as flock cannot wait with a bound). interruptible:
 * db_interrupt ends the wait. 0, PH_EBUSY, PH_EDB (interrupted),
 * PH_EREADONLY (a read-only connection), PH_EIO (flock failed). */
static int lock_for(struct db *db, long long wait_ms, int interruptible)
{
	if (db->locked)
		return 0;
	if (db->lock_fd < 0)
		return failed(db, PH_EREADONLY, "the database %s is open for reading only", db->path);
	long long deadline = now_ms() + wait_ms;
	pthread_mutex_lock(&gate_mu);
	for (;;) {
		if (interruptible && atomic_load(&db->stopping))
			break;
		if (!gate_taken)
			break;
		long long left = deadline - now_ms();
		if (left <= 0)
			break;
		/* In slices, so that db_interrupt is noticed soon. */
		long long until = now_ms() + (left < 100 ? left : 100);
		struct timespec ts = {(time_t)(until / 1000), (long)(until % 1000) * 1000000L};
		pthread_cond_timedwait(&gate_cv, &gate_mu, &ts);
	}
	int got = !gate_taken && !(interruptible && atomic_load(&db->stopping));
	if (got)
		gate_taken = 1;
	pthread_mutex_unlock(&gate_mu);
	if (!got)
		return atomic_load(&db->stopping) ? failed(db, PH_EDB, "%s", stop_msg)
		                                  : failed(db, PH_EBUSY, "%s", busy_msg);
	long long pause = 1;
	while (flock(db->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;
		if (e == EINTR)
			continue;
		long long left = deadline - now_ms();
		if (e != EWOULDBLOCK || left <= 0 || (interruptible && atomic_load(&db->stopping))) {
			gate_open();
			if (e != EWOULDBLOCK)
				return failed(db, PH_EIO, "cannot lock %s-lock: %s", db->path, strerror(e));
			return atomic_load(&db->stopping) ? failed(db, PH_EDB, "%s", stop_msg)
			                                  : failed(db, PH_EBUSY, "%s", busy_msg);
		}
		nap_ms(pause < left ? pause : left);
		if (pause < 16)
			pause *= 2;
	}
	db->locked = 1;
	return 0;
}

static void unlock(struct db *db)
{
	if (!db->locked)
		return;
	flock(db->lock_fd, LOCK_UN);
	db->locked = 0;
	gate_open();
}

/* The WAL hook: SQLite tells the log's size after each commit. Setting
 * it also turns SQLite's own automatic checkpoints off, which any
 * connection would run, lock or not. */
static int on_wal(void *arg, sqlite3 *h, const char *name, int pages)
{
	(void)h;
	(void)name;
	((struct db *)arg)->wal_pages = pages;
	return SQLITE_OK;
}

/* With the lock held and no transaction open: copy the log back into the
 * database once it passed DB_CHECKPOINT_PAGES. PASSIVE never waits for
 * readers; once everything is copied, the next writer starts the log over
 * from its beginning (and cuts the file to WAL_KEEP_BYTES), also under
 * the lock. */
static void checkpoint(struct db *db)
{
	if (db->wal_pages < DB_CHECKPOINT_PAGES)
		return;
	int log = 0, done = 0;
	db->ending = 1;
	sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
	db->ending = 0;
	db->wal_pages = 0;
}

/* Release the write lock once nothing needs it: no transaction open and
 * no write statement of this connection still running (one outside a
 * transaction commits when it ends). The committing connection
 * checkpoints first, while it still holds the lock. */
static void settle(struct db *db)
{
	if (!db->locked || !sqlite3_get_autocommit(db->h))
		return;
	for (sqlite3_stmt *p = sqlite3_next_stmt(db->h, NULL); p; p = sqlite3_next_stmt(db->h, p))
		if (sqlite3_stmt_busy(p) && !sqlite3_stmt_readonly(p))
			return;
	checkpoint(db);
	unlock(db);
}

/* After a statement of st's connection ended: outside an explicit
 * transaction, a write statement has just committed. */
static void ended(struct db_stmt *st)
{
	if (st->writes && sqlite3_get_autocommit(st->db->h))
		db_generation_bump();
}

/* Every few thousand steps of a running statement: stop it after
 * db_interrupt (sqlite3_interrupt alone misses a statement that starts
 * just after it). A rollback or close is let through. */
static int on_progress(void *arg)
{
	struct db *db = arg;
	return atomic_load(&db->stopping) && !db->ending;
}

void db_interrupt(struct db *db)
{
	if (!db)
		return;
	atomic_store(&db->stopping, 1);
	sqlite3_interrupt(db->h);
	/* Wake a wait for the gate so that it sees the flag. */
	pthread_mutex_lock(&gate_mu);
	pthread_cond_broadcast(&gate_cv);
	pthread_mutex_unlock(&gate_mu);
}

/* ---- the data generation ---- */

/* The connection's PRAGMA data_version, or -1 on an error. */
static long long data_version(struct db *db)
{
	long long v = -1;
	if (db->dv || sqlite3_prepare_v2(db->h, "PRAGMA data_version", -1, &db->dv, NULL) == SQLITE_OK) {
		if (sqlite3_step(db->dv) == SQLITE_ROW)
			v = sqlite3_column_int64(db->dv, 0);
		sqlite3_reset(db->dv);
	}
	return v;
}

unsigned long db_generation_check(struct db *db)
{
	long long v = data_version(db);
	if (v < 0 || v != db->data_version)
		db_generation_bump();
	db->data_version = v;
	return db_generation();
}

static void stmt_free(struct db_stmt *st)
{
	sqlite3_finalize(st->h);
	free(st);
}

const char *db_errmsg(struct db *db)
{
	return db->errmsg[0] ? db->errmsg : sqlite3_errmsg(db->h);
}

int db_exec(struct db *db, const char *sql)
{
	int rc = 0, wrote = 0, in_txn = !sqlite3_get_autocommit(db->h);
	const char *next = sql;
	while (!rc && next && *next) {
		const char *at = next;
		sqlite3_stmt *st = NULL;
		if (atomic_load(&db->stopping) && !db->ending) {
			rc = failed(db, PH_EDB, "%s", stop_msg);
			break;
		}
		int s = sqlite3_prepare_v2(db->h, at, -1, &st, &next);
		if (s != SQLITE_OK) {
			rc = refused(db, s, at);
			break;
		}
		if (!st)
			continue; /* only white space or a comment was left */
		int writes = !sqlite3_stmt_readonly(st);
		if (writes)
			rc = lock_for(db, DB_WRITE_WAIT_MS, !db->ending);
		if (rc) {
			fprintf(stderr, "phoihop: database: %s in: %.200s\n", db->errmsg, sqlite3_sql(st));
		} else {
			while ((s = sqlite3_step(st)) == SQLITE_ROW)
				;
			if (s != SQLITE_DONE)
				rc = refused(db, s, sqlite3_sql(st));
			wrote |= writes;
		}
		sqlite3_finalize(st);
		settle(db);
	}
	/* COMMIT, or a write outside a transaction: the data may have changed
	 * (BEGIN leaves autocommit off and does not count). */
	if (sqlite3_get_autocommit(db->h) && (wrote || in_txn))
		db_generation_bump();
	return rc;
}

/* Process-wide settings, before SQLite initializes: each connection is
 * used by one thread at a time (the server gives every worker its own), so
 * the per-connection mutexes are not needed; and memory statistics, which
 * take one global mutex on every allocation, are off. Under load with four
 * worker threads that global mutex took about half the server's time.
 * The gate's condition variable waits on the monotonic clock. */
static pthread_once_t config_once = PTHREAD_ONCE_INIT;

static void configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_initialize();
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&gate_cv, &ca);
	pthread_condattr_destroy(&ca);
}

/* Finalize the cached statements (sqlite3_close refuses to close a
 * connection that still has some), close (which rolls back a transaction
 * left open), release the lock, free. */
static void release(struct db *db)
{
	for (int i = 0; i < db->cache_len; i++)
		stmt_free(db->cache[i]);
	sqlite3_finalize(db->dv);
	db->ending = 1;
	sqlite3_close(db->h);
	unlock(db);
	if (db->lock_fd >= 0)
		close(db->lock_fd);
	free(db->path);
	free(db);
}

static struct db *conn_new(const char *path, int readonly)
{
	struct db *db = calloc(1, sizeof *db);
	if (!db)
		return NULL;
	db->path = strdup(path);
	if (!db->path) {
		free(db);
		return NULL;
	}
	db->readonly = readonly;
	db->lock_fd = -1;
	atomic_init(&db->stopping, 0);
	return db;
}

/* Settings every connection gets once open. */
static void setup(struct db *db)
{
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, DB_WRITE_WAIT_MS);
	sqlite3_progress_handler(db->h, PROGRESS_STEPS, on_progress, db);
}

/* The first read of the file: its journal mode into mode. 0 or the code
 * and, in err, why in words a person can act on. */
static int probe(struct db *db, char *mode, size_t modelen, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	mode[0] = 0;
	int s = sqlite3_prepare_v2(db->h, "PRAGMA journal_mode", -1, &st, NULL);
	if (s == SQLITE_OK) {
		s = sqlite3_step(st);
		if (s == SQLITE_ROW) {
			snprintf(mode, modelen, "%s", (const char *)sqlite3_column_text(st, 0));
			s = SQLITE_OK;
		}
	}
	int code = s == SQLITE_OK ? 0 : code_of(s);
	if ((s & 0xff) == SQLITE_NOTADB)
		snprintf(err, errlen, "%s is not a phoihop database (%s)", db->path, sqlite3_errmsg(db->h));
	else if (code == PH_EREADONLY)
		snprintf(err, errlen, "cannot write in the folder of %s (%s)", db->path,
		         sqlite3_errmsg(db->h));
	else if (code)
		snprintf(err, errlen, "cannot read %s: %s", db->path, sqlite3_errmsg(db->h));
	sqlite3_finalize(st);
	return code;
}

/* Open (creating) PATH-lock beside the database, the file other processes
 * lock. With the database file's permissions, so that whoever may write
 * the database may take the lock; read-only when only that is allowed
 * (flock does not need more). */
static int open_lock_file(struct db *db, char *err, size_t errlen)
{
	size_t n = strlen(db->path) + sizeof "-lock";
	char *lp = malloc(n);
	if (!lp)
		return PH_ENOMEM;
	snprintf(lp, n, "%s-lock", db->path);
	struct stat sb;
	mode_t mode = stat(db->path, &sb) == 0 ? (sb.st_mode & 0666) : 0644;
	int fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC, mode);
	if (fd < 0 && errno == EACCES)
		fd = open(lp, O_RDONLY | O_CLOEXEC);
	int rc = 0;
	if (fd < 0) {
		int e = errno;
		rc = e == EACCES || e == EROFS || e == EPERM ? PH_EREADONLY : PH_EIO;
		snprintf(err, errlen, "cannot create the lock file %s: %s", lp, strerror(e));
	}
	db->lock_fd = fd;
	free(lp);
	return rc;
}

/* A connection's last failure as the open's error, when none was said. */
static void say(struct db *db, char *err, size_t errlen)
{
	if (!err[0])
		snprintf(err, errlen, "%s", db->errmsg[0] ? db->errmsg : sqlite3_errmsg(db->h));
}

int db_open(const char *path, struct db **out, char *err, size_t errlen)
{
	*out = NULL;
	err[0] = 0;
	pthread_once(&config_once, configure);
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		snprintf(err, errlen, "%s is a directory, not a database file", path);
		return PH_EIO;
	}
	struct db *db = conn_new(path, 0);
	if (!db)
		return PH_ENOMEM;
	char mode[16];
	int rc = sqlite3_open_v2(path, &db->h,
	                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path,
		         db->h ? sqlite3_errmsg(db->h) : "out of memory");
		rc = code_of(rc);
		goto fail;
	}
	setup(db);
	/* SQLite opens a file it may not write read-only without a word. */
	if (sqlite3_db_readonly(db->h, "main") == 1) {
		snprintf(err, errlen, "the database %s is read-only here (no permission to write"
		         " the file); commands that only read still work", path);
		rc = PH_EREADONLY;
		goto fail;
	}
	/* Read before creating the lock file: a path that is not a database
	 * gets no file beside it. */
	if ((rc = probe(db, mode, sizeof mode, err, errlen)) || (rc = open_lock_file(db, err, errlen)))
		goto fail;
	/* No automatic checkpoints (the hook replaces them); foreign keys on. */
	if ((rc = db_exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"
	                      " PRAGMA wal_autocheckpoint = 0;"
	                      " PRAGMA journal_size_limit = " WAL_KEEP_BYTES)))
		goto fail;
	sqlite3_wal_hook(db->h, on_wal, db);
	/* Switching to WAL writes the file header: under the lock, and only
	 * when needed. A filesystem without WAL support answers another mode;
	 * the database still works. */
	if (strcmp(mode, "wal") != 0 && (rc = db_exec(db, "PRAGMA journal_mode = WAL")))
		goto fail;
	rc = migrate_apply(db, err, errlen);
	if (rc)
		goto fail;
	/* Commits by others from now on move the generation (db_generation_check). */
	db->data_version = data_version(db);
	*out = db;
	return 0;
fail:
	if (db->h)
		say(db, err, errlen);
	release(db);
	return rc;
}

/* path as an SQLite URI ("file:" and the path with everything but
 * unreserved characters and '/' percent-encoded) with query appended.
 * Caller frees; NULL when out of memory. */
static char *uri_of(const char *path, const char *query)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path);
	char *u = malloc(3 * n + strlen(query) + 16), *w = u;
	if (!u)
		return NULL;
	/* "file:///abs" (an empty authority) for an absolute path, so that a
	 * path starting with "//" is not read as a host. */
	w += sprintf(w, path[0] == '/' ? "file://" : "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/-._~", *p)) {
			*w++ = (char)*p;
		} else {
			*w++ = '%';
			*w++ = hex[*p >> 4];
			*w++ = hex[*p & 15];
		}
	}
	strcpy(w, query);
	return u;
}

/* 1 when PATH-wal holds frames (exists and is not empty). */
static int wal_has_frames(const char *path)
{
	size_t n = strlen(path) + sizeof "-wal";
	char *wp = malloc(n);
	struct stat sb;
	int yes = 1;
	if (wp) {
		snprintf(wp, n, "%s-wal", path);
		yes = stat(wp, &sb) == 0 && sb.st_size > 0;
		free(wp);
	}
	return yes;
}

int db_open_readonly(const char *path, struct db **out, char *err, size_t errlen)
{
	*out = NULL;
	err[0] = 0;
	pthread_once(&config_once, configure);
	struct stat sb;
	if (stat(path, &sb) != 0) {
		int e = errno;
		if (e == ENOENT) {
			snprintf(err, errlen, "no database at %s (create one with phoihop init)", path);
			return PH_ENOTFOUND;
		}
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(e));
		return PH_EIO;
	}
	if (S_ISDIR(sb.st_mode)) {
		snprintf(err, errlen, "%s is a directory, not a database file", path);
		return PH_EIO;
	}
	struct db *db = conn_new(path, 1);
	if (!db)
		return PH_ENOMEM;
	char mode[16];
	int rc = sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK) {
		setup(db);
		rc = probe(db, mode, sizeof mode, err, errlen);
		/* A WAL database needs its -shm file, which a folder we may not
		 * write cannot take. With no log to read, the file holds all the
		 * data: read it in place, as a file nobody writes (immutable). */
		if ((rc == PH_EREADONLY || rc == PH_EIO) && !wal_has_frames(path)) {
			char *uri = uri_of(path, "?immutable=1");
			sqlite3_close(db->h);
			db->h = NULL;
			err[0] = 0;
			if (!uri) {
				rc = PH_ENOMEM;
				goto fail;
			}
			rc = sqlite3_open_v2(uri, &db->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
			                     SQLITE_OPEN_NOMUTEX, NULL);
			free(uri);
			if (rc == SQLITE_OK) {
				setup(db);
				rc = probe(db, mode, sizeof mode, err, errlen);
			} else {
				rc = code_of(rc);
			}
		} else if (rc == PH_EREADONLY) {
			snprintf(err, errlen, "cannot read %s here: its folder cannot be written and its"
			         " write-ahead log %s-wal must be read by a program that may write there"
			         " first", path, path);
			rc = PH_EIO;
		}
	} else {
		rc = code_of(rc);
	}
	if (rc) {
		if (!err[0])
			snprintf(err, errlen, "cannot open %s: %s", path,
			         db->h ? sqlite3_errmsg(db->h) : "out of memory");
		goto fail;
	}
	/* A read-only connection never checkpoints, not even as the last one
	 * to close (and never commits, so automatic ones would not come; off
	 * all the same, as on every connection). */
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	rc = db_exec(db, "PRAGMA wal_autocheckpoint = 0");
	if (!rc)
		rc = migrate_check(db, path, err, errlen);
	if (rc)
		goto fail;
	db->data_version = data_version(db);
	*out = db;
	return 0;
fail:
	if (db->h)
		say(db, err, errlen);
	release(db);
	return rc;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	if (db->open_stmts)
		fprintf(stderr, "phoihop: internal: %d statement(s) not finalized\n", db->open_stmts);
	/* The last connection to close copies the log into the database and
	 * removes it, a write: under the lock, or without that checkpoint. */
	db->ending = 1;
	if (!db->readonly && !db->locked && lock_for(db, CLOSE_WAIT_MS, 0) != 0)
		sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	release(db);
}

int db_begin(struct db *db)
{
	db->errmsg[0] = 0;
	if (db->readonly)
		return failed(db, PH_EREADONLY, "the database %s is open for reading only", db->path);
	int rc = lock_for(db, DB_WRITE_WAIT_MS, 1);
	if (rc) {
		fprintf(stderr, "phoihop: database: %s in: BEGIN IMMEDIATE\n", db->errmsg);
		return rc;
	}
	return db_exec(db, "BEGIN IMMEDIATE");
}

int db_try_begin(struct db *db)
{
	db->errmsg[0] = 0;
	if (db->readonly)
		return failed(db, PH_EREADONLY, "the database %s is open for reading only", db->path);
	int rc = lock_for(db, 0, 1);
	if (rc)
		return rc;
	/* Holding the lock, only a program that is not phoihop can hold
	 * SQLite's: no busy wait for it either. */
	sqlite3_busy_timeout(db->h, 0);
	rc = db_exec(db, "BEGIN IMMEDIATE");
	sqlite3_busy_timeout(db->h, DB_WRITE_WAIT_MS);
	return rc;
}

int db_commit(struct db *db) { return db_exec(db, "COMMIT"); }

int db_rollback(struct db *db)
{
	int rc = 0;
	/* Nothing open when SQLite rolled back already (after some errors, an
	 * interrupt); the lock is released all the same. */
	if (!sqlite3_get_autocommit(db->h)) {
		db->ending = 1;
		rc = db_exec(db, "ROLLBACK");
		db->ending = 0;
	}
	settle(db);
	return rc;
}

/* Put a new statement into the cache: a free slot, else the least
 * recently used idle one. Leaves it uncached when every slot is busy. */
static void cache_add(struct db *db, struct db_stmt *st)
{
	int slot = -1;
	if (db->cache_len < STMT_CACHE) {
		slot = db->cache_len++;
	} else {
		for (int i = 0; i < STMT_CACHE; i++)
			if (!db->cache[i]->in_use &&
			    (slot < 0 || db->cache[i]->used_at < db->cache[slot]->used_at))
				slot = i;
		if (slot < 0)
			return;
		stmt_free(db->cache[slot]);
	}
	st->cached = 1;
	st->in_use = 1;
	st->used_at = ++db->clock;
	db->cache[slot] = st;
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	*out = NULL;
	if (atomic_load(&db->stopping))
		return failed(db, PH_EDB, "%s", stop_msg);
	for (int i = 0; i < db->cache_len; i++) {
		struct db_stmt *c = db->cache[i];
		/* Same literal: same address, and (in case a buffer was reused
		 * for other text) the same text. */
		if (!c->in_use && c->sql == sql && !strcmp(sqlite3_sql(c->h), sql)) {
			c->in_use = 1;
			c->used_at = ++db->clock;
			db->open_stmts++;
			*out = c;
			return 0;
		}
	}
	struct db_stmt *st = calloc(1, sizeof *st);
	if (!st)
		return PH_ENOMEM;
	int rc = sqlite3_prepare_v2(db->h, sql, -1, &st->h, NULL);
	if (rc != SQLITE_OK) {
		free(st);
		return refused(db, rc, sql);
	}
	st->db = db;
	st->sql = sql;
	st->writes = !sqlite3_stmt_readonly(st->h);
	cache_add(db, st);
	db->open_stmts++;
	*out = st;
	return 0;
}

static int bound(struct db_stmt *st, int rc)
{
	if (rc == SQLITE_OK)
		return 0;
	fprintf(stderr, "phoihop: database: bind: %s in: %s\n", sqlite3_errmsg(st->db->h), st->sql);
	return failed(st->db, code_of(rc), "bind: %s", sqlite3_errmsg(st->db->h));
}

int db_bind_text(struct db_stmt *st, int i, const char *s)
{
	if (!s)
		return bound(st, sqlite3_bind_null(st->h, i));
	return bound(st, sqlite3_bind_text(st->h, i, s, -1, SQLITE_TRANSIENT));
}
int db_bind_int(struct db_stmt *st, int i, long long v) { return bound(st, sqlite3_bind_int64(st->h, i, v)); }
int db_bind_double(struct db_stmt *st, int i, double v) { return bound(st, sqlite3_bind_double(st->h, i, v)); }
int db_bind_null(struct db_stmt *st, int i) { return bound(st, sqlite3_bind_null(st->h, i)); }
int db_bind_blob(struct db_stmt *st, int i, const void *p, size_t n)
{
	/* A NULL pointer would bind SQL NULL; an empty BLOB is zeroblob(0). */
	if (n == 0)
		return bound(st, sqlite3_bind_zeroblob(st->h, i, 0));
	return bound(st, sqlite3_bind_blob64(st->h, i, p, (sqlite3_uint64)n, SQLITE_TRANSIENT));
}

int db_step(struct db_stmt *st)
{
	struct db *db = st->db;
	int rc;
	if (atomic_load(&db->stopping)) {
		rc = failed(db, PH_EDB, "%s", stop_msg);
		goto stop;
	}
	/* A write that is not part of a transaction holding the lock takes
	 * it for itself; it is released when the statement ends (settle). */
	if (st->writes && !db->locked && (rc = lock_for(db, DB_WRITE_WAIT_MS, 1))) {
		fprintf(stderr, "phoihop: database: %s in: %s\n", db->errmsg, st->sql);
		return -rc;
	}
	rc = sqlite3_step(st->h);
	if (rc == SQLITE_ROW) {
		if (!atomic_load(&db->stopping))
			return DB_ROW;
		rc = failed(db, PH_EDB, "%s", stop_msg);
		goto stop;
	}
	if (rc == SQLITE_DONE) {
		ended(st);
		settle(db);
		return DB_DONE;
	}
	rc = refused(db, rc, st->sql);
stop:
	/* Reset now, so that the lock of a failed write is released. */
	sqlite3_reset(st->h);
	settle(db);
	return -rc;
}

int db_reset(struct db_stmt *st)
{
	int busy = sqlite3_stmt_busy(st->h);
	sqlite3_reset(st->h);
	if (busy)
		ended(st);
	settle(st->db);
	sqlite3_clear_bindings(st->h);
	return 0;
}

const char *db_col_text(struct db_stmt *st, int i) { return (const char *)sqlite3_column_text(st->h, i); }
long long db_col_int(struct db_stmt *st, int i) { return sqlite3_column_int64(st->h, i); }
double db_col_double(struct db_stmt *st, int i) { return sqlite3_column_double(st->h, i); }
int db_col_is_null(struct db_stmt *st, int i) { return sqlite3_column_type(st->h, i) == SQLITE_NULL; }
const void *db_col_blob(struct db_stmt *st, int i) { return sqlite3_column_blob(st->h, i); }
size_t db_col_bytes(struct db_stmt *st, int i) { return (size_t)sqlite3_column_bytes(st->h, i); }

void db_finalize(struct db_stmt *st)
{
	if (!st)
		return;
	struct db *db = st->db;
	db->open_stmts--;
	int busy = sqlite3_stmt_busy(st->h);
	if (st->cached) {
		sqlite3_reset(st->h);
		if (busy)
			ended(st);
		sqlite3_clear_bindings(st->h);
		st->in_use = 0;
		settle(db);
		return;
	}
	int writes = busy && st->writes;
	stmt_free(st);
	if (writes && sqlite3_get_autocommit(db->h))
		db_generation_bump();
	settle(db);
}

int db_open_statements(const struct db *db) { return db->open_stmts; }

int db_has_table(struct db *db, const char *name, int *yes)
{
	struct db_stmt *st = NULL;
	*yes = 0;
	int rc = db_prepare(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", &st);
	if (!rc)
		rc = db_bind_text(st, 1, name);
	if (!rc) {
		int s = db_step(st);
		if (s == DB_ROW)
			*yes = 1;
		else if (s < 0)
			rc = -s;
	}
	db_finalize(st);
	return rc;
}

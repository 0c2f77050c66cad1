/* convert_doc.c: a legacy Word file (.doc, Word 97-2003 and Word 6/95 in
 * an OLE2 compound file) converted to .docx by LibreOffice, so that the one
 * .docx reader (render_docx) reads both. LibreOffice is a large program
 * that parses hostile input, so it never runs inside the server: each
 * conversion is a separate process group, in a fresh private directory
 * with its own profile, with a memory, CPU, file-size and wall-clock limit.
 *
 * One conversion:
 *   1. the input is checked first, without LibreOffice: the OLE2 signature
 *      (else PH_EFORMAT), and a small read of the compound file's
 *      directory: a file whose root holds no "WordDocument" stream is not a
 *      Word file (PH_EFORMAT), one whose Word header (FIB) says it is
 *      encrypted or obfuscated needs a password nobody can give a headless
 *      LibreOffice (PH_EENCRYPTED); a directory this reader cannot follow
 *      is left for LibreOffice to judge;
 *   2. the program: $PHOIHOP_SOFFICE when set (a path, or a name looked up
 *      in PATH), else "soffice" in PATH, else
 *      /usr/lib/libreoffice/program/soffice; none: PH_ENOCONVERTER;
 *   3. mkdtemp("$TMPDIR/phoihop-doc-XXXXXX") (mode 0700; /tmp when TMPDIR
 *      is unset or not absolute) holding in.doc (the bytes; never the
 *      user's file name), out/, home/ (HOME), tmp/ (TMPDIR) and profile/
 *      (LibreOffice's -env:UserInstallation), so that conversions at the
 *      same time share nothing;
 *   4. fork and execve (argv and environment prepared before the fork; in
 *      the child only async-signal-safe calls): its own process group,
 *      signal dispositions and mask reset, stdin /dev/null, stdout and
 *      stderr into a pipe of which the first CAPTURE_MAX bytes are kept
 *      (for the detail of an error), every other descriptor closed, an
 *      environment of HOME, TMPDIR, PATH and LANG only, RLIMIT_AS
 *      CONVERT_MEMORY, RLIMIT_CPU twice the wall limit, RLIMIT_FSIZE just
 *      over RENDER_MAX_UNZIPPED, no core files; the input filter named
 *      ("MS Word 97") unless the header is Word 6/95's, since LibreOffice
 *      opens a file it does not recognise as plain text and would
 *      "convert" garbage into a page of characters;
 *   5. at most CONVERT_PARALLEL conversions run at once in the process
 *      (each takes ~210 MB and a core); others wait for a turn, the wait
 *      counted in their time limit;
 *   6. the wall-clock limit ($PHOIHOP_CONVERT_SECONDS, 1..3600, default
 *      CONVERT_SECONDS): polled every 50 ms with waitid(WNOWAIT) on this
 *      child only (no SIGCHLD handler, nothing else reaped); when it
 *      passes, the whole process group is killed with SIGKILL:
 *      PH_ETIMEOUT. Whatever the end, the group is killed before the
 *      child is reaped (so its number cannot have been reused), which also
 *      ends anything it left behind;
 *   7. out/in.docx must exist, be a regular file, not be empty and start
 *      with a zip header (LibreOffice exits 0 having made nothing when it
 *      cannot read a file): else PH_EFORMAT; over RENDER_MAX_UNZIPPED:
 *      PH_ETOOBIG;
 *   8. the directory is removed, profile included, on every path.
 *
 * Thread-safe: no state outside the call but the count of running
 * conversions (under a mutex); getenv only reads. */
#define _GNU_SOURCE
#include "import/render.h"
#include "base/err.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CONVERT_SECONDS 60                        /* default wall-clock limit */
#define CONVERT_SECONDS_MAX 3600
#define CONVERT_MEMORY (2048ull * 1024 * 1024)   /* RLIMIT_AS: LibreOffice 7.4 needs
                                                  * ~210 MB resident and fails
                                                  * under ~500 MB of address space */
#define CAPTURE_MAX 4096                          /* bytes of its output kept */
#define CONVERT_PARALLEL 2                        /* conversions at once in one process */
#define PATH_CAP 4096                             /* the program, PATH */
#define DIR_CAP 1100                              /* TMPDIR (at most 1024) and our name */
#define SUB_CAP (DIR_CAP + 16)                    /* a path in that directory */
#define RMTREE_DEPTH 64

static const unsigned char ole2_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

/* errno's text, thread-safe (GNU strerror_r). */
#define ERRTEXT(e) strerror_r((e), (char[128]){0}, 128)

/* ---- A look into the compound file (MS-CFB) and the Word header (MS-DOC
 * FibBase), bounded by the input: every offset is checked against n. ---- */

enum probe { PROBE_WORD, PROBE_ENCRYPTED, PROBE_NOT_WORD, PROBE_UNKNOWN };

#define CFB_FREE 0xFFFFFFFFu
#define CFB_END 0xFFFFFFFEu
#define CFB_NOSTREAM 0xFFFFFFFFu

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t rd16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

struct cfb {
	const unsigned char *d;
	size_t n;
	size_t ssz;          /* sector size */
	uint32_t *fat_secs;  /* the sectors holding the FAT, in order */
	size_t nfat;
};

/* The sector s, whole, or NULL when it lies outside the file. */
static const unsigned char *cfb_sector(const struct cfb *c, uint32_t s)
{
	if (s >= CFB_END - 4)   /* the special values */
		return NULL;
	size_t off = ((size_t)s + 1) * c->ssz;
	if (off / c->ssz != (size_t)s + 1 || off > c->n || c->n - off < c->ssz)
		return NULL;
	return c->d + off;
}

/* The sector after s in its chain; CFB_END at the end or on any error. */
static uint32_t cfb_next(const struct cfb *c, uint32_t s)
{
	size_t per = c->ssz / 4;
	size_t i = s / per;
	if (i >= c->nfat)
		return CFB_END;
	const unsigned char *fs = cfb_sector(c, c->fat_secs[i]);
	if (!fs)
		return CFB_END;
	return rd32(fs + (s % per) * 4);
}

/* The whole chain from start into a malloc'd buffer, of at most
 * CFB_DIR_MAX bytes (a Word file's directory holds a few dozen entries);
 * NULL on a broken or longer chain. */
#define CFB_DIR_MAX (4u << 20)
static unsigned char *cfb_chain(const struct cfb *c, uint32_t start, size_t *len)
{
	size_t cnt = 0, cap = 0;
	unsigned char *buf = NULL;
	for (uint32_t s = start; s != CFB_END; s = cfb_next(c, s)) {
		const unsigned char *p = cfb_sector(c, s);
		if (!p || (cnt + 1) * c->ssz > CFB_DIR_MAX) {
			free(buf);
			return NULL;
		}
		if (cnt == cap) {
			cap = cap ? cap * 2 : 8;
			unsigned char *nb = realloc(buf, cap * c->ssz);
			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
		}
		memcpy(buf + cnt * c->ssz, p, c->ssz);
		cnt++;
	}
	*len = cnt * c->ssz;
	return buf;
}

static int is_name(const unsigned char *e, const char *ascii)
{
	size_t k = strlen(ascii);
	uint16_t bytes = rd16(e + 0x40);
	if (bytes != (k + 1) * 2)
		return 0;
	for (size_t i = 0; i < k; i++) {
		uint16_t ch = rd16(e + 2 * i);
		unsigned char a = (unsigned char)ascii[i];
		if (ch >= 'a' && ch <= 'z')
			ch = (uint16_t)(ch - 'a' + 'A');
		if (a >= 'a' && a <= 'z')
			a = (unsigned char)(a - 'a' + 'A');
		if (ch != a)
			return 0;
	}
	return 1;
}

/* What the compound file says of itself. Anything unexpected gives
 * PROBE_UNKNOWN: LibreOffice, which reads more kinds of damage, decides. */
static enum probe probe_doc(const unsigned char *d, size_t n, unsigned *ident_out)
{
	*ident_out = 0;
	if (n < 512 || rd16(d + 0x1C) != 0xFFFE)
		return PROBE_UNKNOWN;
	uint16_t shift = rd16(d + 0x1E);
	if (shift != 9 && shift != 12)
		return PROBE_UNKNOWN;
	struct cfb c = {.d = d, .n = n, .ssz = (size_t)1 << shift};
	if (n < c.ssz * 2)
		return PROBE_UNKNOWN;
	uint32_t nfat = rd32(d + 0x2C);
	uint32_t dir_start = rd32(d + 0x30);
	uint32_t cutoff = rd32(d + 0x38);
	uint32_t difat = rd32(d + 0x44);
	size_t nsect = n / c.ssz;
	if (nfat == 0 || nfat > nsect)
		return PROBE_UNKNOWN;
	c.fat_secs = malloc((size_t)nfat * sizeof *c.fat_secs);
	if (!c.fat_secs)
		return PROBE_UNKNOWN;
	/* The FAT's sectors: 109 in the header, the rest in the DIFAT chain
	 * (each DIFAT sector ends with the number of the next). */
	for (size_t i = 0; i < 109 && c.nfat < nfat; i++)
		c.fat_secs[c.nfat++] = rd32(d + 0x4C + 4 * i);
	size_t per = c.ssz / 4 - 1, steps = 0;
	while (c.nfat < nfat) {
		const unsigned char *p = cfb_sector(&c, difat);
		if (!p || ++steps > nsect) {
			free(c.fat_secs);
			return PROBE_UNKNOWN;
		}
		for (size_t i = 0; i < per && c.nfat < nfat; i++)
			c.fat_secs[c.nfat++] = rd32(p + 4 * i);
		difat = rd32(p + 4 * per);
	}
	size_t dlen = 0;
	unsigned char *dir = cfb_chain(&c, dir_start, &dlen);
	enum probe res = PROBE_UNKNOWN;
	size_t nent = dlen / 128;
	uint32_t *stack = NULL;
	unsigned char *seen = NULL;
	if (!dir || nent == 0 || dir[0x42] != 5)   /* entry 0: the root storage */
		goto done;
	size_t cap = nent + 2;
	stack = malloc(cap * sizeof *stack);
	seen = calloc(nent, 1);
	if (!stack || !seen)
		goto done;
	/* The root's children: a red-black tree through the left and right
	 * sibling links, from the root's child link. A stream of the same name
	 * deeper down (an embedded object) is not the document. */
	size_t top = 0;
	uint32_t first = rd32(dir + 0x4C);
	if (first != CFB_NOSTREAM)
		stack[top++] = first;
	const unsigned char *word = NULL;
	while (top > 0) {
		uint32_t id = stack[--top];
		if (id >= nent || seen[id])
			goto done;   /* a link out of range or a loop: damaged */
		seen[id] = 1;
		const unsigned char *e = dir + (size_t)id * 128;
		if (e[0x42] == 2 && is_name(e, "WordDocument"))
			word = e;
		uint32_t l = rd32(e + 0x44), r = rd32(e + 0x48);
		if (top + 2 > cap)
			goto done;
		if (l != CFB_NOSTREAM)
			stack[top++] = l;
		if (r != CFB_NOSTREAM)
			stack[top++] = r;
	}
	if (!word) {
		res = PROBE_NOT_WORD;
		goto done;
	}
	/* The stream is always over the mini-stream cutoff (4096 bytes) in a
	 * real file; a smaller one is left to LibreOffice. */
	uint32_t wsize = rd32(word + 0x78);
	const unsigned char *fib = cfb_sector(&c, rd32(word + 0x74));
	if (wsize < cutoff || wsize < 0x20 || !fib)
		goto done;
	uint16_t ident = rd16(fib);
	if (ident != 0xA5EC && ident != 0xA5DC)   /* Word 97-2003; Word 6/95 */
		goto done;
	*ident_out = ident;
	/* FibBase at 0x0A: bit 8 fEncrypted (encrypted or, with bit 15
	 * fObfuscated, XOR-obfuscated: a password either way). */
	res = (rd16(fib + 0x0A) & 0x0100) ? PROBE_ENCRYPTED : PROBE_WORD;
done:
	free(stack);
	free(seen);
	free(dir);
	free(c.fat_secs);
	return res;
}

/* ---- The program. ---- */

static int executable(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* name looked up as execvp would (a name with '/' as it is), into out. */
static int find_program(const char *name, char *out, size_t outlen)
{
	if (strchr(name, '/')) {
		if (strlen(name) >= outlen || !executable(name))
			return -1;
		strcpy(out, name);
		return 0;
	}
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		const char *colon = strchr(path, ':');
		size_t len = colon ? (size_t)(colon - path) : strlen(path);
		int w = len == 0 ? snprintf(out, outlen, "./%s", name)
		                 : snprintf(out, outlen, "%.*s/%s", (int)len, path, name);
		if (w > 0 && (size_t)w < outlen && out[0] == '/' && executable(out))
			return 0;
		path += len;
		if (*path == ':')
			path++;
	}
	return -1;
}

static int find_soffice(char *out, size_t outlen)
{
	const char *e = getenv("PHOIHOP_SOFFICE");
	if (e && *e)
		return find_program(e, out, outlen);
	if (find_program("soffice", out, outlen) == 0)
		return 0;
	return find_program("/usr/lib/libreoffice/program/soffice", out, outlen);
}

static int limit_seconds(void)
{
	const char *e = getenv("PHOIHOP_CONVERT_SECONDS");
	if (!e || !*e)
		return CONVERT_SECONDS;
	char *end;
	errno = 0;
	long v = strtol(e, &end, 10);
	if (errno || *end || v < 1 || v > CONVERT_SECONDS_MAX)
		return CONVERT_SECONDS;
	return (int)v;
}

/* ---- The private directory. ---- */

/* Remove name (under the directory at) and, if it is a directory, all it holds,
 * never following a symbolic link. */
static int rm_tree_at(int at, const char *name, int depth)
{
	if (unlinkat(at, name, 0) == 0 || errno == ENOENT)
		return 0;
	if (errno != EISDIR && errno != EPERM)
		return -1;
	if (depth >= RMTREE_DEPTH)
		return -1;
	int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	(void)fchmod(fd, 0700);   /* a read-only directory left by the converter */
	DIR *dp = fdopendir(fd);
	if (!dp) {
		close(fd);
		return -1;
	}
	int rc = 0;
	struct dirent *de;
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (rm_tree_at(dirfd(dp), de->d_name, depth + 1) != 0)
			rc = -1;
	}
	closedir(dp);
	if (unlinkat(at, name, AT_REMOVEDIR) != 0 && errno != ENOENT)
		rc = -1;
	return rc;
}

static void rm_tree(const char *path)
{
	/* The converter's processes are killed before this; a few tries in
	 * case one was still ending when the directory was read. */
	for (int i = 0; i < 5; i++) {
		if (rm_tree_at(AT_FDCWD, path, 0) == 0)
			return;
		struct timespec ts = {0, 20 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
}

static int write_all(const char *path, const void *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	const char *p = data;
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return close(fd);
}

/* The path as a file URL: bytes other than unreserved ones and '/' as %XX. */
static int file_url(const char *path, char *out, size_t outlen)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;
	const char *pre = "file://";
	for (const char *q = pre; *q; q++) {
		if (o + 1 >= outlen)
			return -1;
		out[o++] = *q;
	}
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		int plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		            (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' ||
		            *p == '~' || *p == '/';
		if (o + (plain ? 1 : 3) >= outlen)
			return -1;
		if (plain) {
			out[o++] = (char)*p;
		} else {
			out[o++] = '%';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
		}
	}
	out[o] = '\0';
	return 0;
}

/* ---- At most CONVERT_PARALLEL LibreOffice processes at once (each takes
 * ~210 MB and a core for seconds); the others wait their turn, the wait
 * counted in their time limit. ---- */

static pthread_mutex_t slot_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t slot_cv;
static pthread_once_t slot_once = PTHREAD_ONCE_INIT;
static int slots_used;

static void slot_init(void)
{
	pthread_condattr_t a;
	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_cond_init(&slot_cv, &a);
	pthread_condattr_destroy(&a);
}

/* 0 with a slot taken, -1 when none came free before deadline (a
 * CLOCK_MONOTONIC time). */
static int slot_take(const struct timespec *deadline)
{
	pthread_once(&slot_once, slot_init);
	int rc = 0;
	pthread_mutex_lock(&slot_mu);
	while (slots_used >= CONVERT_PARALLEL && rc == 0)
		if (pthread_cond_timedwait(&slot_cv, &slot_mu, deadline) == ETIMEDOUT)
			rc = slots_used >= CONVERT_PARALLEL ? -1 : 0;
	if (rc == 0)
		slots_used++;
	pthread_mutex_unlock(&slot_mu);
	return rc;
}

static void slot_give(void)
{
	pthread_mutex_lock(&slot_mu);
	slots_used--;
	pthread_cond_signal(&slot_cv);
	pthread_mutex_unlock(&slot_mu);
}

/* ---- The run. ---- */

struct run {
	char prog[PATH_CAP];
	char dir[DIR_CAP];
	char in[SUB_CAP], outdir[SUB_CAP], outfile[SUB_CAP];
	char profile_arg[SUB_CAP * 3 + 64];
	char env_home[SUB_CAP + 8], env_tmp[SUB_CAP + 8], env_path[PATH_CAP + 8];
	const char *infilter;   /* "--infilter=...", or NULL: LibreOffice detects */
	char capture[CAPTURE_MAX + 1];
	size_t captured;
	int seconds;
	double deadline;     /* CLOCK_MONOTONIC seconds */
	int status;          /* the child's wait status, when reaped */
	int reaped;
	int timed_out;
};

static void drain(struct run *r, int *fd)
{
	char scratch[4096];
	for (;;) {
		ssize_t k = read(*fd, scratch, sizeof scratch);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return;   /* EAGAIN: nothing more now */
		if (k == 0) {
			close(*fd);
			*fd = -1;
			return;
		}
		size_t room = CAPTURE_MAX - r->captured;
		size_t take = (size_t)k < room ? (size_t)k : room;
		memcpy(r->capture + r->captured, scratch, take);
		r->captured += take;
		r->capture[r->captured] = '\0';
	}
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Fork, exec and wait for LibreOffice. 0 when it ran to its end (whatever
 * its status) or was stopped at the time limit; PH_EIO when it could not be
 * started. */
static int run_soffice(struct run *r)
{
	char *argv[16];
	int ac = 0;
	argv[ac++] = r->prog;
	argv[ac++] = "--headless";
	argv[ac++] = "--norestore";
	argv[ac++] = "--nologo";
	argv[ac++] = "--nodefault";
	argv[ac++] = "--nolockcheck";
	argv[ac++] = r->profile_arg;
	if (r->infilter)
		argv[ac++] = (char *)r->infilter;
	argv[ac++] = "--convert-to";
	argv[ac++] = "docx:MS Word 2007 XML";
	argv[ac++] = "--outdir";
	argv[ac++] = r->outdir;
	argv[ac++] = r->in;
	argv[ac] = NULL;
	char *envp[] = {r->env_home, r->env_tmp, r->env_path, "LANG=C.UTF-8", NULL};

	/* Everything the child needs, before the fork. */
	struct rlimit as = {CONVERT_MEMORY, CONVERT_MEMORY};
	rlim_t cpu_s = (rlim_t)r->seconds * 2;
	struct rlimit cpu = {cpu_s, cpu_s + 5};
	struct rlimit fsz = {(rlim_t)RENDER_MAX_UNZIPPED + 4096, (rlim_t)RENDER_MAX_UNZIPPED + 4096};
	struct rlimit core = {0, 0};
	struct rlimit nofile;
	int maxfd = 1024;
	if (getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur != RLIM_INFINITY)
		maxfd = nofile.rlim_cur > (1u << 20) ? (1 << 20) : (int)nofile.rlim_cur;
	struct sigaction dfl;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigset_t all, old, none;
	sigfillset(&all);
	sigemptyset(&none);

	int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (devnull < 0)
		return PH_EIO;
	int pfd[2];
	if (pipe2(pfd, O_CLOEXEC) != 0) {
		close(devnull);
		return PH_EIO;
	}
	/* No signal handler of the server may run in the child before exec. */
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pid_t pid = fork();
	if (pid == 0) {
		for (int s = 1; s < NSIG; s++)
			sigaction(s, &dfl, NULL);
		sigprocmask(SIG_SETMASK, &none, NULL);
		setpgid(0, 0);
		if (dup2(devnull, 0) < 0 || dup2(pfd[1], 1) < 0 || dup2(pfd[1], 2) < 0)
			_exit(127);
		if (close_range(3, ~0u, 0) != 0)
			for (int fd = 3; fd < maxfd; fd++)
				close(fd);
		if (chdir(r->dir) != 0)
			_exit(127);
		if (setrlimit(RLIMIT_AS, &as) != 0 || setrlimit(RLIMIT_CPU, &cpu) != 0 ||
		    setrlimit(RLIMIT_FSIZE, &fsz) != 0 || setrlimit(RLIMIT_CORE, &core) != 0)
			_exit(127);
		execve(r->prog, argv, envp);
		_exit(127);
	}
	int fork_errno = errno;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	close(devnull);
	close(pfd[1]);
	if (pid < 0) {
		close(pfd[0]);
		errno = fork_errno;
		return PH_EIO;
	}
	(void)setpgid(pid, pid);   /* also here, so the group exists before any kill */
	int rfd = pfd[0];
	int fl = fcntl(rfd, F_GETFL);
	if (fl >= 0)
		(void)fcntl(rfd, F_SETFL, fl | O_NONBLOCK);

	double deadline = r->deadline;
	int gone = 0;   /* reaped by someone else (SIGCHLD ignored) */
	for (;;) {
		siginfo_t si;
		memset(&si, 0, sizeof si);
		int w = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT);
		if (w == 0 && si.si_pid == pid)
			break;
		if (w != 0 && errno == ECHILD) {
			gone = 1;
			break;
		}
		double left = deadline - now_s();
		if (left <= 0) {
			r->timed_out = 1;
			break;
		}
		int ms = left < 0.05 ? (int)(left * 1000) + 1 : 50;
		if (rfd >= 0) {
			struct pollfd p = {.fd = rfd, .events = POLLIN};
			if (poll(&p, 1, ms) > 0)
				drain(r, &rfd);
		} else {
			struct timespec ts = {0, (long)ms * 1000 * 1000};
			nanosleep(&ts, NULL);
		}
	}
	/* The group, before the leader is reaped: at the time limit everything,
	 * otherwise whatever it left running. */
	kill(-pid, SIGKILL);
	if (r->timed_out)
		kill(pid, SIGKILL);
	if (!gone) {
		int st = 0;
		pid_t w;
		while ((w = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
			;
		if (w == pid) {
			r->status = st;
			r->reaped = 1;
		}
	}
	if (rfd >= 0) {
		drain(r, &rfd);
		if (rfd >= 0)
			close(rfd);
	}
	return 0;
}

/* The last "Error: ..." line LibreOffice printed, made one printable line. */
static void error_line(const struct run *r, char *out, size_t outlen)
{
	out[0] = '\0';
	const char *p = r->capture, *last = NULL;
	while ((p = strstr(p, "Error:")) != NULL)
		last = p++;
	if (!last)
		return;
	size_t o = 0;
	for (const char *q = last; *q && *q != '\n' && o + 1 < outlen && o < 200; q++)
		out[o++] = (*q >= 0x20 && *q < 0x7F) ? *q : '?';
	out[o] = '\0';
}

static void status_text(const struct run *r, char *out, size_t outlen)
{
	if (!r->reaped)
		snprintf(out, outlen, "status unknown");
	else if (WIFEXITED(r->status))
		snprintf(out, outlen, "exit status %d", WEXITSTATUS(r->status));
	else if (WIFSIGNALED(r->status))
		snprintf(out, outlen, "killed by signal %d", WTERMSIG(r->status));
	else
		snprintf(out, outlen, "status %d", r->status);
}

/* The .docx LibreOffice wrote, checked and read. */
static int read_output(struct run *r, char **docx, size_t *docx_len, char *why, size_t whylen)
{
	char err[256], st[64];
	error_line(r, err, sizeof err);
	status_text(r, st, sizeof st);
	int fd = open(r->outfile, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		render_say(why, whylen, "LibreOffice could not convert the .doc file (%s, no output)%s%s", st,
		    err[0] ? ": " : "", err);
		return PH_EFORMAT;
	}
	struct stat sb;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size <= 0) {
		close(fd);
		render_say(why, whylen, "LibreOffice could not convert the .doc file (%s, empty output)%s%s", st,
		    err[0] ? ": " : "", err);
		return PH_EFORMAT;
	}
	if ((uintmax_t)sb.st_size > RENDER_MAX_UNZIPPED) {
		close(fd);
		render_say(why, whylen, "the .docx converted from the .doc file is over %u MB",
		    (unsigned)(RENDER_MAX_UNZIPPED >> 20));
		return PH_ETOOBIG;
	}
	size_t len = (size_t)sb.st_size, got = 0;
	char *buf = malloc(len);
	if (!buf) {
		close(fd);
		render_say(why, whylen, "out of memory reading the converted .docx");
		return PH_ENOMEM;
	}
	while (got < len) {
		ssize_t k = read(fd, buf + got, len - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	if (got != len) {
		free(buf);
		render_say(why, whylen, "could not read the converted .docx");
		return PH_EIO;
	}
	if (len < 4 || memcmp(buf, "PK\3\4", 4) != 0) {
		free(buf);
		render_say(why, whylen, "LibreOffice wrote something that is not a .docx (%s)", st);
		return PH_EFORMAT;
	}
	*docx = buf;
	*docx_len = len;
	return 0;
}

int convert_doc_to_docx(const void *data, size_t n, char **docx, size_t *docx_len,
                        char *why, size_t whylen)
{
	render_say(why, whylen, "%s", "");
	if (!docx || !docx_len) {
		render_say(why, whylen, "no place for the result");
		return PH_EINVAL;
	}
	*docx = NULL;
	*docx_len = 0;
	if (!data || n < sizeof ole2_magic || memcmp(data, ole2_magic, sizeof ole2_magic) != 0) {
		render_say(why, whylen, "not a Word 97-2003 .doc file (no OLE2 signature)");
		return PH_EFORMAT;
	}
	if (n > RENDER_MAX_UNZIPPED) {
		render_say(why, whylen, "the .doc file is over %u MB", (unsigned)(RENDER_MAX_UNZIPPED >> 20));
		return PH_ETOOBIG;
	}
	unsigned ident;
	switch (probe_doc(data, n, &ident)) {
	case PROBE_ENCRYPTED:
		render_say(why, whylen, "the .doc file is password-protected (encrypted)");
		return PH_EENCRYPTED;
	case PROBE_NOT_WORD:
		render_say(why, whylen, "an OLE2 file without a WordDocument stream: not a Word document");
		return PH_EFORMAT;
	default:
		break;
	}

	struct run *r = calloc(1, sizeof *r);
	if (!r) {
		render_say(why, whylen, "out of memory");
		return PH_ENOMEM;
	}
	if (find_soffice(r->prog, sizeof r->prog) != 0) {
		const char *e = getenv("PHOIHOP_SOFFICE");
		if (e && *e)
			render_say(why, whylen, "LibreOffice not found at PHOIHOP_SOFFICE=%.200s (install the package libreoffice-writer-nogui)", e);
		else
			render_say(why, whylen, "LibreOffice (soffice) not found: install the package libreoffice-writer-nogui");
		free(r);
		return PH_ENOCONVERTER;
	}
	r->seconds = limit_seconds();
	/* The Word 97 reader, named: a file LibreOffice does not recognise would
	 * otherwise be opened as plain text and "converted" to a page of its
	 * bytes. A Word 6/95 header (checked above) is left to its detection,
	 * which tells those two apart. */
	r->infilter = ident == 0xA5DC ? NULL : "--infilter=MS Word 97";

	const char *tmp = getenv("TMPDIR");
	if (!tmp || tmp[0] != '/' || strlen(tmp) > 1024)
		tmp = "/tmp";
	snprintf(r->dir, sizeof r->dir, "%s%sphoihop-doc-XXXXXX", tmp,
	         tmp[strlen(tmp) - 1] == '/' ? "" : "/");
	if (!mkdtemp(r->dir)) {
		render_say(why, whylen, "cannot make a temporary directory under %.200s: %s", tmp, ERRTEXT(errno));
		free(r);
		return PH_EIO;
	}
	int rc = 0;
	char url[SUB_CAP * 3 + 16];
	char home[SUB_CAP], tmpd[SUB_CAP];
	snprintf(r->in, sizeof r->in, "%s/in.doc", r->dir);
	snprintf(r->outdir, sizeof r->outdir, "%s/out", r->dir);
	snprintf(r->outfile, sizeof r->outfile, "%s/out/in.docx", r->dir);
	snprintf(home, sizeof home, "%s/home", r->dir);
	snprintf(tmpd, sizeof tmpd, "%s/tmp", r->dir);
	snprintf(r->env_home, sizeof r->env_home, "HOME=%s", home);
	snprintf(r->env_tmp, sizeof r->env_tmp, "TMPDIR=%s", tmpd);
	const char *path = getenv("PATH");
	if (!path || !*path || strlen(path) >= PATH_CAP)
		path = "/usr/local/bin:/usr/bin:/bin";
	snprintf(r->env_path, sizeof r->env_path, "PATH=%s", path);
	char prof[SUB_CAP];
	snprintf(prof, sizeof prof, "%s/profile", r->dir);
	if (file_url(prof, url, sizeof url) != 0) {
		render_say(why, whylen, "temporary directory path too long");
		rc = PH_EIO;
		goto out;
	}
	snprintf(r->profile_arg, sizeof r->profile_arg, "-env:UserInstallation=%s", url);
	if (mkdir(r->outdir, 0700) != 0 || mkdir(home, 0700) != 0 || mkdir(tmpd, 0700) != 0 ||
	    write_all(r->in, data, n) != 0) {
		render_say(why, whylen, "cannot write the .doc file to %.200s: %s", r->dir, ERRTEXT(errno));
		rc = PH_EIO;
		goto out;
	}
	r->deadline = now_s() + r->seconds;
	struct timespec until = {(time_t)r->deadline,
	                         (long)((r->deadline - (double)(time_t)r->deadline) * 1e9)};
	if (slot_take(&until) != 0) {
		render_say(why, whylen, "waited longer than %d s for a free converter (%d at once)", r->seconds,
		    CONVERT_PARALLEL);
		rc = PH_ETIMEOUT;
		goto out;
	}
	int started = run_soffice(r);
	int run_errno = errno;
	slot_give();
	if (started != 0) {
		render_say(why, whylen, "cannot start LibreOffice (%.200s): %s", r->prog, ERRTEXT(run_errno));
		rc = PH_EIO;
		goto out;
	}
	if (r->timed_out) {
		render_say(why, whylen, "LibreOffice took longer than %d s to convert the .doc file; stopped", r->seconds);
		rc = PH_ETIMEOUT;
		goto out;
	}
	rc = read_output(r, docx, docx_len, why, whylen);
out:
	rm_tree(r->dir);
	free(r);
	return rc;
}

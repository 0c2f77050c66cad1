/* driver.c: the deterministic driver that makes every fuzz target a plain
 * test (the `make check` build, with gcc; the libFuzzer build links
 * libFuzzer's main instead). It reads seed files, runs each one as it is,
 * then ROUNDS mutations of it, always the same ones (a small PRNG seeded
 * from the seed's bytes), through the target's LLVMFuzzerTestOneInput.
 *
 *   fuzz_NAME [-n ROUNDS] [-dict FILE] [-crash DIR] SEED...
 *
 * A SEED is a file, or a folder whose files (sorted by name, hidden ones
 * left out) are seeds. -dict reads a libFuzzer dictionary: its pieces are
 * what the mutations insert (the same file libFuzzer gets). -crash DIR:
 * when an input aborts (a broken invariant, a sanitizer report, a signal)
 * it is written to DIR/NAME-SEED-ROUND first, ready to join the corpus.
 *
 * Prints "fuzz_NAME: N passed, N failed (...)" on stdout: one pass per
 * seed run with its mutations without a crash (a crash ends the program:
 * the test runner counts it as a failure), and one failure when fewer than
 * the target's min_reach percent of the inputs reached the code under test
 * (fuzz_reached), which means the mutations stopped exercising it. Exit
 * status 0, 1 on a failure, 2 on a usage error. */
#include "fuzz.h"
#include "base/buf.h"
#include "base/err.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_ASAN 1
#endif
#endif
#ifdef FUZZ_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

/* Largest seed file read (the importer itself refuses above 16 MiB). */
#define SEED_MAX (32u * 1024 * 1024)

/* A byte string that mutations edit in place. */
struct bytes {
	uint8_t *p;
	size_t len, cap;
};

struct seed {
	char *path;
	struct bytes b;
};

static struct seed *seeds;
static size_t seeds_len, seeds_cap;
static struct bytes *pieces;         /* dictionary entries */
static size_t pieces_len, pieces_cap;

/* ---- growing arrays and byte strings (malloc; the driver exits on OOM) -- */

static void *grow(void *arr, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return arr;
	size_t n = *cap ? *cap : 16;
	while (n < need)
		n *= 2;
	void *p = realloc(arr, n * elem);
	if (!p) {
		fputs("fuzz: out of memory\n", stderr);
		exit(2);
	}
	*cap = n;
	return p;
}

static void bytes_reserve(struct bytes *b, size_t n)
{
	b->p = grow(b->p, &b->cap, n + 1, 1);
}

static void bytes_set(struct bytes *b, const void *p, size_t n)
{
	bytes_reserve(b, n);
	if (n)
		memcpy(b->p, p, n);
	b->len = n;
}

/* Insert n bytes of p at offset at (p must not point into b). */
static void bytes_insert(struct bytes *b, size_t at, const uint8_t *p, size_t n)
{
	bytes_reserve(b, b->len + n);
	memmove(b->p + at + n, b->p + at, b->len - at);
	memcpy(b->p + at, p, n);
	b->len += n;
}

static void bytes_cut(struct bytes *b, size_t at, size_t n)
{
	memmove(b->p + at, b->p + at + n, b->len - at - n);
	b->len -= n;
}

/* ---- the crash file --------------------------------------------------- */

static const char *crash_dir;
static char crash_prefix[4096];      /* DIR/NAME-SEED- of the current seed */
static const struct bytes *current;  /* the input being run */
static long current_round;           /* -1: the seed itself */
static volatile sig_atomic_t saved;

static void put_err(const char *s)
{
	ssize_t rc = write(2, s, strlen(s));
	(void)rc;
}

/* Write the current input out. Runs in a signal handler or a sanitizer's
 * death callback, so only async-signal-safe calls. */
static void save_current(void)
{
	if (saved || !current)
		return;
	saved = 1;
	char path[sizeof crash_prefix + 32], digits[24];
	size_t n = strlen(crash_prefix), k = 0;
	memcpy(path, crash_prefix, n);
	if (current_round < 0) {
		memcpy(path + n, "seed", 4);
		n += 4;
	} else {
		unsigned long r = (unsigned long)current_round;
		do
			digits[k++] = (char)('0' + r % 10);
		while ((r /= 10) != 0);
		while (k)
			path[n++] = digits[--k];
	}
	path[n] = 0;
	/* "FAIL:" so that tools/run-tests.sh shows the line. */
	put_err("\nFAIL: fuzz_");
	put_err(fuzz_target.name);
	put_err(": the failing input is ");
	if (!crash_dir) {
		put_err("not saved (no -crash DIR)\n");
		return;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		put_err("not saved (cannot create the file)\n");
		return;
	}
	size_t off = 0;
	while (off < current->len) {
		ssize_t w = write(fd, current->p + off, current->len - off);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	close(fd);
	put_err(path);
	put_err("\n");
}

/* UndefinedBehaviorSanitizer's defaults (its runtime calls this; options
 * in UBSAN_OPTIONS still win): end a report with abort(), not exit(), so
 * that on_fatal saves the input (gcc's UBSan runtime has its own death
 * callbacks, which the one set below does not reach). Unused without
 * -fsanitize=undefined. */
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void)
{
	return "abort_on_error=1";
}

static void on_fatal(int sig)
{
	save_current();
	raise(sig); /* SA_RESETHAND: the default action, once this returns */
}

static void catch_fatal(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGABRT, &sa, NULL);
#ifdef FUZZ_ASAN
	/* AddressSanitizer handles the other signals itself and reports them;
	 * it calls this before it ends the program. */
	__sanitizer_set_death_callback(save_current);
#else
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
#endif
}

/* ---- seeds and the dictionary ------------------------------------------ */

static int add_seed_file(const char *path)
{
	struct buf b;
	buf_init(&b, SEED_MAX);
	int rc = buf_read_file(&b, path);
	if (rc) {
		fprintf(stderr, "fuzz_%s: cannot read %s: %s\n", fuzz_target.name, path, err_name(rc));
		buf_cleanup(&b);
		return rc;
	}
	seeds = grow(seeds, &seeds_cap, seeds_len + 1, sizeof *seeds);
	struct seed *s = &seeds[seeds_len++];
	memset(s, 0, sizeof *s);
	s->path = strdup(path);
	if (!s->path) {
		fputs("fuzz: out of memory\n", stderr);
		exit(2);
	}
	bytes_set(&s->b, b.data ? b.data : "", b.len);
	buf_cleanup(&b);
	return 0;
}

static int visible(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

/* A file, or every regular file of a folder in name order. */
static int add_seeds(const char *path)
{
	struct stat st;
	if (stat(path, &st)) {
		fprintf(stderr, "fuzz_%s: no seed %s: %s\n", fuzz_target.name, path, strerror(errno));
		return PH_EIO;
	}
	if (!S_ISDIR(st.st_mode))
		return add_seed_file(path);
	struct dirent **names = NULL;
	int n = scandir(path, &names, visible, alphasort), rc = 0;
	if (n < 0) {
		fprintf(stderr, "fuzz_%s: cannot list %s\n", fuzz_target.name, path);
		return PH_EIO;
	}
	for (int i = 0; i < n; i++) {
		char full[4096];
		snprintf(full, sizeof full, "%s/%s", path, names[i]->d_name);
		if (!rc && !stat(full, &st) && S_ISREG(st.st_mode))
			rc = add_seed_file(full);
		free(names[i]);
	}
	free(names);
	return rc;
}

static int hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A libFuzzer dictionary: one entry per line, [name=]"text" with \\, \"
 * and \xHH escapes; blank lines and lines starting with # are skipped. */
static int load_dict(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "fuzz_%s: cannot read the dictionary %s\n", fuzz_target.name, path);
		return PH_EIO;
	}
	char line[4096];
	int no = 0, rc = 0;
	while (!rc && fgets(line, sizeof line, f)) {
		no++;
		char *q = line;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q == '#' || *q == '\n' || !*q)
			continue;
		q = strchr(q, '"');
		struct bytes piece = {0};
		bytes_reserve(&piece, strlen(line));
		for (q = q ? q + 1 : NULL; q && *q && *q != '"'; q++) {
			int c = (unsigned char)*q;
			if (c == '\\' && (q[1] == '\\' || q[1] == '"')) {
				c = (unsigned char)*++q;
			} else if (c == '\\' && q[1] == 'x' && hex(q[2]) >= 0 && hex(q[3]) >= 0) {
				c = hex(q[2]) * 16 + hex(q[3]);
				q += 3;
			}
			piece.p[piece.len++] = (uint8_t)c;
		}
		if (!q || *q != '"' || !piece.len) {
			fprintf(stderr, "fuzz_%s: %s:%d: not a dictionary entry\n", fuzz_target.name,
			        path, no);
			free(piece.p);
			rc = PH_EINVAL;
			break;
		}
		pieces = grow(pieces, &pieces_cap, pieces_len + 1, sizeof *pieces);
		pieces[pieces_len++] = piece;
	}
	fclose(f);
	return rc;
}

/* ---- mutations --------------------------------------------------------- */

/* xorshift64*: small and fixed, so that runs repeat exactly. */
static uint64_t state;
static uint64_t next(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545F4914F6CDD1Dull;
}
static size_t pick(size_t n)
{
	return n ? (size_t)(next() % n) : 0;
}

/* FNV-1a of the seed's bytes: each seed has its own mutations, whatever
 * other seeds are given. */
static void seed_prng(const struct bytes *b)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < b->len; i++)
		h = (h ^ b->p[i]) * 0x100000001b3ull;
	state = h ^ 0x9E3779B97F4A7C15ull;
	if (!state)
		state = 1;
}

static int continuation(const struct bytes *b, size_t i)
{
	return i < b->len && (b->p[i] & 0xC0) == 0x80;
}

/* A place at a character boundary, so that most inputs stay valid UTF-8
 * and get past the first checks; the bit flips break that on purpose. */
static size_t place(const struct bytes *b)
{
	size_t at = pick(b->len + 1);
	while (at > 0 && continuation(b, at))
		at--;
	return at;
}

/* A run of 1..64 bytes from at, ending at a character boundary (at most
 * three continuation bytes further, so at most 67 bytes in all). */
static size_t run_len(const struct bytes *b, size_t at)
{
	size_t k = 1 + pick(64);
	if (at + k > b->len)
		k = b->len - at;
	for (int c = 0; c < 3 && continuation(b, at + k); c++)
		k++;
	return k;
}

/* Bytes that change the meaning of numbers, dates, tables and JSON. */
static const char ascii_bytes[] = "0123456789/.,-+:%|\t\n\r \"'{}[]\\eE";

static void mutate(struct bytes *m, size_t self)
{
	/* One edit half the time, two a quarter, ... at most eight: small
	 * inputs (a date, a JSON body) mostly keep their shape. */
	int edits = 1;
	while (edits < 8 && pick(2))
		edits++;
	for (int e = 0; e < edits; e++) {
		size_t at = place(m);
		switch (pick(8)) {
		case 0: /* flip a bit (often invalid UTF-8: refused, as it must be) */
			if (m->len)
				m->p[at < m->len ? at : at - 1] ^= (uint8_t)(1u << pick(8));
			break;
		case 1: /* cut a run */
			bytes_cut(m, at, run_len(m, at));
			break;
		case 2: /* repeat a run where it stands */
			{
				uint8_t tmp[128]; /* run_len: at most 64 bytes and a character */
				size_t k = run_len(m, at);
				memcpy(tmp, m->p + at, k);
				bytes_insert(m, at, tmp, k);
			}
			break;
		case 3: /* one ASCII byte instead of a character */
			{
				uint8_t c = (uint8_t)ascii_bytes[pick(sizeof ascii_bytes - 1)];
				if (at < m->len) {
					size_t k = 1;
					while (continuation(m, at + k))
						k++;
					bytes_cut(m, at, k);
				}
				bytes_insert(m, at, &c, 1);
			}
			break;
		case 4: /* a run of another seed */
			{
				const struct bytes *o = &seeds[pick(seeds_len)].b;
				if (seeds_len > 1 && o == &seeds[self].b)
					o = &seeds[(self + 1) % seeds_len].b;
				size_t from = place(o), k = run_len(o, from);
				bytes_insert(m, at, o->p + from, k);
			}
			break;
		default: /* a dictionary piece, or an ASCII byte without one */
			if (pieces_len) {
				const struct bytes *p = &pieces[pick(pieces_len)];
				bytes_insert(m, at, p->p, p->len);
			} else {
				uint8_t c = (uint8_t)ascii_bytes[pick(sizeof ascii_bytes - 1)];
				bytes_insert(m, at, &c, 1);
			}
			break;
		}
	}
}

/* ---- the run ------------------------------------------------------------ */

static void run(const struct bytes *b, long round)
{
	static const uint8_t empty[1];
	current = b;
	current_round = round;
	fuzz_next_input();
	LLVMFuzzerTestOneInput(b->len ? b->p : empty, b->len);
	current = NULL;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

int main(int argc, char **argv)
{
	const char *name = fuzz_target.name;
	long rounds = fuzz_target.rounds, inputs = 0;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-n") && i + 1 < argc) {
			char *end = NULL;
			rounds = strtol(argv[++i], &end, 10);
			if (*end || rounds < 0)
				goto usage;
		} else if (!strcmp(argv[i], "-dict") && i + 1 < argc) {
			if (load_dict(argv[++i]))
				return 2;
		} else if (!strcmp(argv[i], "-crash") && i + 1 < argc) {
			crash_dir = argv[++i];
			if (mkdir(crash_dir, 0755) && errno != EEXIST) {
				fprintf(stderr, "fuzz_%s: cannot create %s\n", name, crash_dir);
				return 2;
			}
		} else {
			goto usage;
		}
	}
	for (; i < argc; i++)
		if (add_seeds(argv[i]))
			return 2;
	if (!seeds_len) {
		fprintf(stderr, "fuzz_%s: no seeds\n", name);
		printf("fuzz_%s: 0 passed, 1 failed (no seed inputs)\n", name);
		return 1;
	}
	catch_fatal();
	struct bytes m = {0};
	for (size_t s = 0; s < seeds_len; s++) {
		snprintf(crash_prefix, sizeof crash_prefix, "%s/%s-%s-", crash_dir ? crash_dir : ".",
		         name, base_name(seeds[s].path));
		run(&seeds[s].b, -1);
		inputs++;
		seed_prng(&seeds[s].b);
		for (long r = 0; r < rounds; r++) {
			bytes_set(&m, seeds[s].b.p, seeds[s].b.len);
			mutate(&m, s);
			run(&m, r);
			inputs++;
		}
	}
	free(m.p);
	if (fuzz_target.cleanup)
		fuzz_target.cleanup();
	for (size_t s = 0; s < seeds_len; s++) {
		free(seeds[s].path);
		free(seeds[s].b.p);
	}
	free(seeds);
	for (size_t p = 0; p < pieces_len; p++)
		free(pieces[p].p);
	free(pieces);

	long reached = fuzz_reached_count();
	int share = (int)(reached * 100 / inputs);
	if (share < fuzz_target.min_reach) {
		printf("FAIL: fuzz_%s: only %ld of %ld inputs (%d%%, want %d%%) reached the code under "
		       "test: the mutations no longer get past its first checks\n",
		       name, reached, inputs, share, fuzz_target.min_reach);
		printf("fuzz_%s: %zu passed, 1 failed (%ld inputs)\n", name, seeds_len, inputs);
		return 1;
	}
	printf("fuzz_%s: %zu passed, 0 failed (%zu seeds, %ld inputs, %ld reached the code "
	       "under test)\n",
	       name, seeds_len, seeds_len, inputs, reached);
	return 0;

usage:
	fprintf(stderr, "usage: fuzz_%s [-n ROUNDS] [-dict FILE] [-crash DIR] SEED...\n", name);
	return 2;
}

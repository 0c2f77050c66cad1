/* golden.c: the import golden-test runner.
 *
 *   golden PHOIHOP_BINARY CASES_DIR
 *
 * Every subdirectory of CASES_DIR that holds an expected.json is a case. Its
 * input is named by case.conf ("input=PATH", PATH relative to the directory
 * the runner is started in, normally the repository root; optional
 * "args=..." adds whitespace-separated arguments) or is the case's own
 * input.txt / input.md / input.markdown. The runner executes
 *
 *   PHOIHOP_BINARY --db TMPDIR/t.db import --dry-run --json --format F [ARGS] INPUT
 *
 * where F is the format the input's extension names (markdown for .md and
 * .markdown, text for anything else); a --format in ARGS comes later and
 * wins (a real sample written in Markdown but saved as .txt says so there).
 *
 * with a fresh temporary directory, parses its standard output and compares
 * it with expected.json:
 *   - objects: every key of expected must be in actual and match (extra keys
 *     in actual are fine);
 *   - arrays: same length, element by element;
 *   - the top-level "review" array is compared only when expected has it,
 *     and then only the "line" of each entry, as sorted lists of lines (the
 *     order in which extractors report is not part of the contract);
 *   - numbers equal within 1e-9; strings equal after trimming white space;
 *     null, true and false by kind.
 * Each difference is printed with its JSON path, then one "ok NAME" or
 * "FAIL NAME" line per case, then "golden: N passed, N failed, N skipped".
 * A case whose input lies under ../shared/ and is absent is skipped (the
 * real sample documents live beside the project, not in it).
 *
 * Word cases: the input may instead be a .docx that the test writes itself
 * (no binary fixture is kept in the repository). case.conf says
 *   docx=NAME       run "python3 GENERATOR TMPDIR NAME" and import
 *                   TMPDIR/NAME.docx (a fixture of make_docx.py);
 *   docx_from=PATH  run "python3 GENERATOR TMPDIR --plan-text PATH
 *                   TMPDIR/plan.docx" (a plan text made into Word) and
 *                   import that; skipped like input= when PATH lies under
 *                   ../shared/ and is absent;
 * where GENERATOR is tests/import/docx/make_docx.py (relative to the
 * directory the runner is started in). No --format is passed for them (the
 * importer knows a Word file by its content). Without python3 on PATH such
 * a case is skipped with a message saying so.
 * Two more keys let a case be compared with another case's expectation:
 *   expect=PATH     the expected.json to compare with, relative to the
 *                   case's directory (e.g. ../laocai-2024-plan/expected.json:
 *                   the same document as Word must give the same JSON);
 *   ignore=KEY,...  object keys not compared at any depth (e.g. "line":
 *                   a Word rendering numbers its lines differently).
 * And one for a bug already reported, whose right expectation is kept:
 *   known=PATH WHY  differences at JSON path PATH (or below it: "review",
 *                   "tasks[0].timeframe.end") are printed as a known bug,
 *                   WHY, and not counted; the case fails when there is none
 *                   any more (the bug was fixed: remove the line). Several
 *                   known= lines may be given.
 *
 * The binary may exit 0 or 1 (1 = the extraction has items to review);
 * any other status, a signal, or output that is not JSON fails the case.
 * Exit status: 0 all cases passed, 1 a case failed, 2 usage or setup error.
 *
 * Plain jansson + POSIX: nothing from libphoihop is used, so the runner
 * keeps working while the library changes under it. */
#include <jansson.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_ARGS     32          /* extra args from case.conf */
#define MAX_IGNORE   8           /* ignore= keys */
#define MAX_KNOWN    8           /* known= lines */
#define MAX_OUTPUT   (64u << 20) /* bytes of child stdout we accept */
#define MAX_DIFFS    80          /* differences printed per case */
#ifndef TIMEOUT_SEC
#define TIMEOUT_SEC  120         /* per case; generous for sanitizer builds */
#endif

static const char shared_prefix[] = "../shared/";
static const char generator[] = "tests/import/docx/make_docx.py";

/* ---- small helpers ---------------------------------------------------- */

/* A growable byte buffer; data is always NUL-terminated once non-empty. */
struct sbuf {
	char *data;
	size_t len, cap;
};

static int sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->data, cap);
		if (!p)
			return -1;
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = 0;
	return 0;
}

static void sbuf_free(struct sbuf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (!p) {
		fputs("golden: out of memory\n", stderr);
		exit(2);
	}
	return memcpy(p, s, n);
}

/* "a" + "/" + "b" in fresh memory. */
static char *join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = malloc(la + lb + 2);
	if (!p) {
		fputs("golden: out of memory\n", stderr);
		exit(2);
	}
	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + 1, b, lb + 1);
	return p;
}

static int is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Whole file into memory (caller frees), NULL on error. */
static char *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	struct sbuf b = {0};
	char chunk[8192];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		if (sbuf_add(&b, chunk, (size_t)n)) {
			n = -1;
			break;
		}
	close(fd);
	if (n < 0) {
		sbuf_free(&b);
		return NULL;
	}
	if (!b.data && sbuf_add(&b, "", 0)) /* empty file: still a string */
		return NULL;
	if (len)
		*len = b.len;
	return b.data;
}

/* Trim ASCII white space in place; returns the start inside s. */
static char *trim(char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = 0;
	return s;
}

/* Compare two strings ignoring surrounding white space. */
static int str_eq_trimmed(const char *a, const char *b)
{
	while (*a && isspace((unsigned char)*a))
		a++;
	while (*b && isspace((unsigned char)*b))
		b++;
	size_t la = strlen(a), lb = strlen(b);
	while (la && isspace((unsigned char)a[la - 1]))
		la--;
	while (lb && isspace((unsigned char)b[lb - 1]))
		lb--;
	return la == lb && memcmp(a, b, la) == 0;
}

/* ---- the case description --------------------------------------------- */

struct gcase {
	char *name;
	char *dir;
	char *input;              /* path handed to the binary */
	char *args[MAX_ARGS];     /* extra arguments */
	int nargs;
	int from_conf;            /* input came from case.conf */
	char *docx;               /* docx=NAME: a make_docx.py fixture */
	char *docx_from;          /* docx_from=PATH: a plan text made into .docx */
	char *expect;             /* expect=PATH, relative to the case directory */
	char *ignore[MAX_IGNORE]; /* ignore=KEY,...: keys never compared */
	int nignore;
	char *known[MAX_KNOWN];   /* known=PATH WHY: the JSON paths */
	char *known_why[MAX_KNOWN];
	int nknown;
};

static void gcase_free(struct gcase *c)
{
	free(c->name);
	free(c->dir);
	free(c->input);
	for (int i = 0; i < c->nargs; i++)
		free(c->args[i]);
	free(c->docx);
	free(c->docx_from);
	free(c->expect);
	for (int i = 0; i < c->nignore; i++)
		free(c->ignore[i]);
	for (int i = 0; i < c->nknown; i++) {
		free(c->known[i]);
		free(c->known_why[i]);
	}
	memset(c, 0, sizeof *c);
}

/* Read case.conf (if any) or find input.txt / input.md / input.markdown.
 * Returns 0, or -1 with a message in why. */
static int gcase_load(struct gcase *c, char *why, size_t whylen)
{
	char *conf = join(c->dir, "case.conf");
	char *text = slurp(conf, NULL);
	free(conf);
	if (text) {
		char *save = NULL;
		int lineno = 0;
		for (char *line = strtok_r(text, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			lineno++;
			char *l = trim(line);
			if (!*l || *l == '#')
				continue;
			char *eq = strchr(l, '=');
			if (!eq) {
				snprintf(why, whylen, "case.conf line %d: expected key=value", lineno);
				free(text);
				return -1;
			}
			*eq = 0;
			char *key = trim(l), *val = trim(eq + 1);
			if (strcmp(key, "input") == 0) {
				free(c->input);
				c->input = xstrdup(val);
				c->from_conf = 1;
			} else if (strcmp(key, "docx") == 0 || strcmp(key, "docx_from") == 0) {
				char **dst = key[4] ? &c->docx_from : &c->docx;
				if (!*val || (!key[4] && strspn(val, "abcdefghijklmnopqrstuvwxyz"
				                                "0123456789_") != strlen(val))) {
					snprintf(why, whylen, "case.conf line %d: bad %s value", lineno, key);
					free(text);
					return -1;
				}
				free(*dst);
				*dst = xstrdup(val);
			} else if (strcmp(key, "expect") == 0) {
				free(c->expect);
				c->expect = xstrdup(val);
			} else if (strcmp(key, "known") == 0) {
				size_t plen = strcspn(val, " \t");
				if (!plen || !val[plen] || c->nknown == MAX_KNOWN) {
					snprintf(why, whylen, "case.conf line %d: known=PATH WHY (at most %d)",
					         lineno, MAX_KNOWN);
					free(text);
					return -1;
				}
				val[plen] = 0;
				c->known[c->nknown] = xstrdup(val);
				c->known_why[c->nknown++] = xstrdup(trim(val + plen + 1));
			} else if (strcmp(key, "ignore") == 0) {
				char *s2 = NULL;
				for (char *a = strtok_r(val, ", \t", &s2); a; a = strtok_r(NULL, ", \t", &s2)) {
					if (c->nignore == MAX_IGNORE) {
						snprintf(why, whylen, "case.conf: more than %d ignore keys",
						         MAX_IGNORE);
						free(text);
						return -1;
					}
					c->ignore[c->nignore++] = xstrdup(a);
				}
			} else if (strcmp(key, "args") == 0) {
				char *s2 = NULL;
				for (char *a = strtok_r(val, " \t", &s2); a; a = strtok_r(NULL, " \t", &s2)) {
					if (c->nargs == MAX_ARGS) {
						snprintf(why, whylen, "case.conf: more than %d args", MAX_ARGS);
						free(text);
						return -1;
					}
					c->args[c->nargs++] = xstrdup(a);
				}
			} else {
				snprintf(why, whylen, "case.conf line %d: unknown key \"%.100s\"", lineno, key);
				free(text);
				return -1;
			}
		}
		free(text);
	}
	if ((c->docx || c->docx_from) && c->input) {
		snprintf(why, whylen, "case.conf: input= and docx=/docx_from= together");
		return -1;
	}
	if (c->docx && c->docx_from) {
		snprintf(why, whylen, "case.conf: docx= and docx_from= together");
		return -1;
	}
	if (c->docx || c->docx_from)
		return 0; /* the input is written at run time */
	if (!c->input) {
		static const char *const names[] = {"input.txt", "input.md", "input.markdown"};
		for (size_t i = 0; i < sizeof names / sizeof names[0] && !c->input; i++) {
			char *p = join(c->dir, names[i]);
			if (is_file(p))
				c->input = p;
			else
				free(p);
		}
	}
	if (!c->input) {
		snprintf(why, whylen, "no input: neither case.conf input= nor input.txt/input.md"
		         "/input.markdown");
		return -1;
	}
	return 0;
}

/* ---- running the binary ----------------------------------------------- */

/* The format a file name's extension names, as the command line reads it:
 * "markdown" for .md and .markdown (any case), "text" otherwise. */
static const char *format_of(const char *path)
{
	size_t n = strlen(path);
	if ((n >= 3 && strcasecmp(path + n - 3, ".md") == 0) ||
	    (n >= 9 && strcasecmp(path + n - 9, ".markdown") == 0))
		return "markdown";
	return "text";
}

/* Remove everything inside dir (one level: the database and its journals),
 * then dir itself. */
static void remove_tmpdir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *p = join(dir, e->d_name);
			unlink(p);
			free(p);
		}
		closedir(d);
	}
	rmdir(dir);
}

/* Run argv[0] (a path; with search set, looked up on PATH) with argv; its
 * stdout goes to *out, its stderr to *err. Returns the wait status, or -1
 * with why set when it could not run or timed out. */
static int run_child(char *const argv[], int search, struct sbuf *out, struct sbuf *err,
                     char *why, size_t whylen)
{
	int po[2] = {-1, -1}, pe[2] = {-1, -1}, status = -1;
	if (pipe(po) || pipe(pe)) {
		snprintf(why, whylen, "pipe: %.200s", strerror(errno));
		goto done;
	}
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(why, whylen, "fork: %.200s", strerror(errno));
		goto done;
	}
	if (pid == 0) {
		setpgid(0, 0); /* its own group, so a timeout ends its children too */
		dup2(po[1], STDOUT_FILENO);
		dup2(pe[1], STDERR_FILENO);
		close(po[0]);
		close(po[1]);
		close(pe[0]);
		close(pe[1]);
		int null = open("/dev/null", O_RDONLY);
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			close(null);
		}
		if (search)
			execvp(argv[0], argv);
		else
			execv(argv[0], argv);
		fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	po[1] = pe[1] = -1;

	/* Read both pipes until both close, with an overall deadline. */
	time_t deadline = time(NULL) + TIMEOUT_SEC;
	int open_o = 1, open_e = 1, timed_out = 0, too_big = 0;
	while (open_o || open_e) {
		struct pollfd fds[2];
		int nf = 0, io = -1, ie = -1;
		if (open_o) {
			fds[nf].fd = po[0];
			fds[nf].events = POLLIN;
			io = nf++;
		}
		if (open_e) {
			fds[nf].fd = pe[0];
			fds[nf].events = POLLIN;
			ie = nf++;
		}
		long left = (long)(deadline - time(NULL));
		if (left <= 0) {
			timed_out = 1;
			break;
		}
		int r = poll(fds, (nfds_t)nf, (int)(left * 1000));
		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (r == 0) {
			timed_out = 1;
			break;
		}
		char chunk[16384];
		for (int k = 0; k < nf; k++) {
			if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			ssize_t got = read(fds[k].fd, chunk, sizeof chunk);
			struct sbuf *dst = k == io ? out : err;
			if (got > 0) {
				if (dst->len + (size_t)got > MAX_OUTPUT)
					too_big = 1;
				else if (sbuf_add(dst, chunk, (size_t)got))
					too_big = 1;
			} else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
				if (k == io)
					open_o = 0;
				else if (k == ie)
					open_e = 0;
			}
		}
		if (too_big)
			break;
	}
	if (timed_out || too_big) {
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (timed_out) {
		snprintf(why, whylen, "timed out after %d s", TIMEOUT_SEC);
		status = -1;
	} else if (too_big) {
		snprintf(why, whylen, "output larger than %u bytes", MAX_OUTPUT);
		status = -1;
	}
done:
	for (int i = 0; i < 2; i++) {
		if (po[i] >= 0)
			close(po[i]);
		if (pe[i] >= 0)
			close(pe[i]);
	}
	return status;
}

/* Is there an executable named name on PATH? */
static int on_path(const char *name)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/bin:/bin";
	char *copy = xstrdup(path), *save = NULL;
	int found = 0;
	for (char *d = strtok_r(copy, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
		char *p = join(*d ? d : ".", name);
		found = access(p, X_OK) == 0 && is_file(p);
		free(p);
	}
	free(copy);
	return found;
}

/* Write the case's .docx into dir with make_docx.py; its path (caller
 * frees) or NULL with why set (and the generator's stderr in *err). */
static char *generate_docx(const struct gcase *c, const char *dir, struct sbuf *err,
                           char *why, size_t whylen)
{
	char *out_path = join(dir, c->docx ? c->docx : "plan");
	char *docx = malloc(strlen(out_path) + 6);
	if (!docx) {
		fputs("golden: out of memory\n", stderr);
		exit(2);
	}
	sprintf(docx, "%s.docx", out_path);
	free(out_path);
	char *argv[8];
	int n = 0;
	argv[n++] = "python3";
	argv[n++] = (char *)generator;
	argv[n++] = (char *)dir;
	if (c->docx) {
		argv[n++] = c->docx;
	} else {
		argv[n++] = "--plan-text";
		argv[n++] = c->docx_from;
		argv[n++] = docx;
	}
	argv[n] = NULL;
	struct sbuf out = {0};
	int status = run_child(argv, 1, &out, err, why, whylen);
	sbuf_free(&out);
	if (status == -1) {
		free(docx);
		return NULL;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(why, whylen, "%s failed (status %d)", generator,
		         WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		free(docx);
		return NULL;
	}
	if (!is_file(docx)) {
		snprintf(why, whylen, "%s wrote no %.200s", generator, docx);
		free(docx);
		return NULL;
	}
	return docx;
}

/* Run the binary on the case (writing its .docx first for a Word case);
 * its stdout goes to *out, its stderr to *err. Returns the wait status, or
 * -1 with why set when it could not run or timed out. */
static int run_case(const char *binary, const struct gcase *c,
                    struct sbuf *out, struct sbuf *err, char *why, size_t whylen)
{
	const char *tmp = getenv("TMPDIR");
	char tmpl[4096];
	snprintf(tmpl, sizeof tmpl, "%s/phoihop-golden-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(tmpl)) {
		snprintf(why, whylen, "mkdtemp %.300s: %.150s", tmpl, strerror(errno));
		return -1;
	}
	char *input = NULL;
	if (c->docx || c->docx_from) {
		input = generate_docx(c, tmpl, err, why, whylen);
		if (!input) {
			remove_tmpdir(tmpl);
			return -1;
		}
	}
	char *db = join(tmpl, "t.db");
	char *argv[MAX_ARGS + 10];
	int n = 0;
	argv[n++] = (char *)binary;
	argv[n++] = "--db";
	argv[n++] = db;
	argv[n++] = "import";
	argv[n++] = "--dry-run";
	argv[n++] = "--json";
	if (!input) {
		argv[n++] = "--format";
		argv[n++] = (char *)format_of(c->input);
	}
	for (int i = 0; i < c->nargs; i++)
		argv[n++] = c->args[i];
	argv[n++] = input ? input : c->input;
	argv[n] = NULL;
	int status = run_child(argv, 0, out, err, why, whylen);
	remove_tmpdir(tmpl);
	free(db);
	free(input);
	return status;
}

/* ---- comparison ------------------------------------------------------- */

struct diffs {
	int count;  /* differences found */
	int quiet;  /* 1: count only, print nothing */
	char *const *ignore; /* object keys not compared (case.conf ignore=) */
	int nignore;
	char *const *known;  /* paths of known bugs (case.conf known=) */
	int nknown;
	int known_seen[MAX_KNOWN]; /* differences found under each */
};

/* The known= entry path lies under, or -1. */
static int known_at(const struct diffs *d, const char *path)
{
	for (int i = 0; i < d->nknown; i++) {
		size_t n = strlen(d->known[i]);
		if (strncmp(path, d->known[i], n) == 0 &&
		    (path[n] == 0 || path[n] == '.' || path[n] == '['))
			return i;
	}
	return -1;
}

static int ignored(const struct diffs *d, const char *key)
{
	for (int i = 0; i < d->nignore; i++)
		if (strcmp(d->ignore[i], key) == 0)
			return 1;
	return 0;
}

/* A short rendering of a JSON value for a difference line (caller frees). */
static char *render(const json_t *v)
{
	if (!v)
		return xstrdup("(missing)");
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
	if (!s)
		return xstrdup("(unprintable)");
	size_t n = strlen(s);
	if (n > 300) {
		/* cut on a UTF-8 boundary */
		size_t cut = 280;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
		memcpy(s + cut, "…", sizeof "…");
	}
	return s;
}

static void diff(struct diffs *d, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void diff(struct diffs *d, const char *path, const char *fmt, ...)
{
	int k = known_at(d, path);
	if (k >= 0)
		d->known_seen[k]++;
	else
		d->count++;
	if (d->quiet || d->count > MAX_DIFFS)
		return;
	printf("    %s%s: ", k >= 0 ? "known bug: " : "", *path ? path : "(top)");
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void diff_values(struct diffs *d, const char *path, const json_t *got, const json_t *want)
{
	char *g = render(got), *w = render(want);
	diff(d, path, "got %s, want %s", g, w);
	free(g);
	free(w);
}

static const char *kind_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "object";
	case JSON_ARRAY: return "array";
	case JSON_STRING: return "string";
	case JSON_INTEGER:
	case JSON_REAL: return "number";
	case JSON_TRUE:
	case JSON_FALSE: return "boolean";
	case JSON_NULL: return "null";
	}
	return "?";
}

static void compare(struct diffs *d, const char *path, const json_t *got, const json_t *want);

static char *path_key(const char *path, const char *key)
{
	size_t n = strlen(path) + strlen(key) + 2;
	char *p = malloc(n);
	if (!p) {
		fputs("golden: out of memory\n", stderr);
		exit(2);
	}
	snprintf(p, n, "%s%s%s", path, *path ? "." : "", key);
	return p;
}

static char *path_index(const char *path, size_t i)
{
	size_t n = strlen(path) + 24;
	char *p = malloc(n);
	if (!p) {
		fputs("golden: out of memory\n", stderr);
		exit(2);
	}
	snprintf(p, n, "%s[%zu]", path, i);
	return p;
}

static int cmp_int(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* The lines of a "review" array, sorted; entries without an integer line
 * count as line -1. Returns a malloc'd array (caller frees). */
static long long *review_lines(const json_t *arr, size_t *n)
{
	*n = json_array_size(arr);
	long long *v = calloc(*n ? *n : 1, sizeof *v);
	if (!v) {
		fputs("golden: out of memory\n", stderr);
		exit(2);
	}
	for (size_t i = 0; i < *n; i++) {
		const json_t *line = json_object_get(json_array_get(arr, i), "line");
		v[i] = json_is_integer(line) ? (long long)json_integer_value(line) : -1;
	}
	qsort(v, *n, sizeof *v, cmp_int);
	return v;
}

/* The top-level "review" array: only the lines matter. */
static void compare_review(struct diffs *d, const json_t *got, const json_t *want)
{
	if (!json_is_array(want)) {
		compare(d, "review", got, want);
		return;
	}
	if (!json_is_array(got)) {
		diff(d, "review", "got %s, want array", got ? kind_name(got) : "(missing)");
		return;
	}
	size_t ng, nw;
	long long *g = review_lines(got, &ng), *w = review_lines(want, &nw);
	int same = ng == nw;
	for (size_t i = 0; same && i < ng; i++)
		same = g[i] == w[i];
	if (!same) {
		struct sbuf gs = {0}, ws = {0};
		char num[32];
		sbuf_add(&gs, "[", 1);
		sbuf_add(&ws, "[", 1);
		for (size_t i = 0; i < ng; i++) {
			int k = snprintf(num, sizeof num, "%s%lld", i ? "," : "", g[i]);
			sbuf_add(&gs, num, (size_t)k);
		}
		for (size_t i = 0; i < nw; i++) {
			int k = snprintf(num, sizeof num, "%s%lld", i ? "," : "", w[i]);
			sbuf_add(&ws, num, (size_t)k);
		}
		sbuf_add(&gs, "]", 1);
		sbuf_add(&ws, "]", 1);
		diff(d, "review", "lines %s, want %s", gs.data ? gs.data : "?", ws.data ? ws.data : "?");
		if (ng != nw) {
			/* show what the unexpected items say, to help the reader */
			for (size_t i = 0; i < json_array_size(got); i++) {
				const json_t *item = json_array_get(got, i);
				const json_t *what = json_object_get(item, "what");
				const json_t *line = json_object_get(item, "line");
				long long ln = json_is_integer(line) ? (long long)json_integer_value(line) : -1;
				int wanted = 0;
				for (size_t k = 0; k < nw && !wanted; k++)
					wanted = w[k] == ln;
				if (!wanted)
					diff(d, "review", "unexpected item at line %lld: %s", ln,
					     json_is_string(what) ? json_string_value(what) : "?");
			}
		}
		sbuf_free(&gs);
		sbuf_free(&ws);
	}
	free(g);
	free(w);
}

/* Recursive comparison of got against want; differences go to d. */
static void compare(struct diffs *d, const char *path, const json_t *got, const json_t *want)
{
	if (!got) {
		char *w = render(want);
		diff(d, path, "missing, want %s", w);
		free(w);
		return;
	}
	if (json_is_number(want)) {
		if (!json_is_number(got)) {
			diff_values(d, path, got, want);
			return;
		}
		double g = json_number_value(got), w = json_number_value(want);
		if (!(fabs(g - w) <= 1e-9))
			diff_values(d, path, got, want);
		return;
	}
	if (json_typeof(got) != json_typeof(want)) {
		diff_values(d, path, got, want);
		return;
	}
	switch (json_typeof(want)) {
	case JSON_OBJECT: {
		const char *key;
		const json_t *wv;
		/* jansson keeps insertion order; walk expected in its own order */
		void *it = json_object_iter((json_t *)want);
		for (; it; it = json_object_iter_next((json_t *)want, it)) {
			key = json_object_iter_key(it);
			wv = json_object_iter_value(it);
			if (ignored(d, key))
				continue;
			char *p = path_key(path, key);
			if (!*path && strcmp(key, "review") == 0)
				compare_review(d, json_object_get(got, key), wv);
			else
				compare(d, p, json_object_get(got, key), wv);
			free(p);
		}
		break;
	}
	case JSON_ARRAY: {
		size_t ng = json_array_size(got), nw = json_array_size(want);
		if (ng != nw)
			diff(d, path, "got %zu elements, want %zu", ng, nw);
		size_t n = ng < nw ? ng : nw;
		for (size_t i = 0; i < n; i++) {
			char *p = path_index(path, i);
			compare(d, p, json_array_get(got, i), json_array_get(want, i));
			free(p);
		}
		for (size_t i = n; i < nw; i++) {
			char *p = path_index(path, i);
			char *w = render(json_array_get(want, i));
			diff(d, p, "missing, want %s", w);
			free(w);
			free(p);
		}
		for (size_t i = n; i < ng; i++) {
			char *p = path_index(path, i);
			char *g = render(json_array_get(got, i));
			diff(d, p, "unexpected %s", g);
			free(g);
			free(p);
		}
		break;
	}
	case JSON_STRING:
		if (!str_eq_trimmed(json_string_value(got), json_string_value(want)))
			diff_values(d, path, got, want);
		break;
	default: /* true, false, null: the kinds already matched */
		break;
	}
}

/* ---- one case --------------------------------------------------------- */

enum outcome { OK, FAILED, SKIPPED };

/* Last lines of a child's stderr, indented, for a failing case. */
static void show_stderr(const struct sbuf *err)
{
	if (!err->len)
		return;
	const char *s = err->data;
	size_t n = err->len;
	size_t start = n > 2000 ? n - 2000 : 0;
	while (start > 0 && start < n && ((unsigned char)s[start] & 0xC0) == 0x80)
		start++;
	printf("    stderr%s:\n", start ? " (end)" : "");
	const char *p = s + start;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		printf("      %.*s\n", (int)len, p);
		p += len + (nl ? 1 : 0);
	}
}

static enum outcome run_one(const char *binary, const char *cases_dir, const char *name)
{
	struct gcase c = {0};
	c.name = xstrdup(name);
	c.dir = join(cases_dir, name);
	char why[512] = "";
	struct sbuf out = {0}, err = {0};
	json_t *want = NULL, *got = NULL;
	enum outcome res = FAILED;
	struct diffs d = {0};

	if (gcase_load(&c, why, sizeof why)) {
		printf("FAIL %s\n    %s\n", name, why);
		goto out;
	}
	char *exp_path = join(c.dir, c.expect ? c.expect : "expected.json");
	json_error_t jerr;
	want = json_load_file(exp_path, JSON_REJECT_DUPLICATES, &jerr);
	if (!want) {
		printf("FAIL %s\n    %s: line %d: %s\n", name, exp_path, jerr.line, jerr.text);
		free(exp_path);
		goto out;
	}
	free(exp_path);
	const char *shared_input = c.docx_from ? c.docx_from : c.from_conf ? c.input : NULL;
	if (shared_input && strncmp(shared_input, shared_prefix, sizeof shared_prefix - 1) == 0 &&
	    access(shared_input, F_OK) != 0) {
		printf("golden: %s: SKIP (../shared/samples not found: golden tests of the real"
		       " samples need ../shared beside the project)\n", name);
		res = SKIPPED;
		goto out;
	}
	if ((c.docx || c.docx_from) && !on_path("python3")) {
		printf("golden: %s: SKIP (python3 not found on PATH: the .docx of this case is"
		       " written by %s at test time)\n", name, generator);
		res = SKIPPED;
		goto out;
	}
	if (c.docx_from && access(c.docx_from, R_OK) != 0) {
		printf("FAIL %s\n    docx_from %s: %s\n", name, c.docx_from, strerror(errno));
		goto out;
	}
	if (!c.docx && !c.docx_from && access(c.input, R_OK) != 0) {
		printf("FAIL %s\n    input %s: %s\n", name, c.input, strerror(errno));
		goto out;
	}
	int status = run_case(binary, &c, &out, &err, why, sizeof why);
	if (status == -1) {
		printf("FAIL %s\n    %s\n", name, why);
		show_stderr(&err);
		goto out;
	}
	if (WIFSIGNALED(status) || !WIFEXITED(status) || WEXITSTATUS(status) > 1) {
		printf("FAIL %s\n", name);
		if (WIFSIGNALED(status))
			printf("    killed by signal %d\n", WTERMSIG(status));
		else
			printf("    exit status %d\n", WEXITSTATUS(status));
		show_stderr(&err);
		goto out;
	}
	got = json_loadb(out.data ? out.data : "", out.len, 0, &jerr);
	if (!got) {
		printf("FAIL %s\n    output is not JSON: line %d: %s\n", name, jerr.line, jerr.text);
		show_stderr(&err);
		goto out;
	}
	/* one file gives one object; accept a one-element array as well */
	if (json_is_array(got) && json_array_size(got) == 1) {
		json_t *only = json_incref(json_array_get(got, 0));
		json_decref(got);
		got = only;
	}
	if (!json_is_object(want)) {
		printf("FAIL %s\n    expected.json: the top level must be an object\n", name);
		goto out;
	}
	/* Count first, so the verdict line comes before the differences. */
	struct diffs probe = {0, 1, c.ignore, c.nignore, c.known, c.nknown, {0}};
	compare(&probe, "", got, want);
	int fixed = -1;
	for (int i = 0; i < c.nknown && fixed < 0; i++)
		if (!probe.known_seen[i])
			fixed = i;
	if (probe.count == 0 && fixed < 0) {
		printf("ok %s\n", name);
		for (int i = 0; i < c.nknown; i++)
			printf("    known bug at %s (%d differences, not counted): %s\n", c.known[i],
			       probe.known_seen[i], c.known_why[i]);
		res = OK;
		goto out;
	}
	printf("FAIL %s\n", name);
	if (fixed >= 0)
		printf("    known bug at %s no longer seen (fixed? remove its known= line): %s\n",
		       c.known[fixed], c.known_why[fixed]);
	d.ignore = c.ignore;
	d.nignore = c.nignore;
	d.known = c.known;
	d.nknown = c.nknown;
	compare(&d, "", got, want);
	if (d.count > MAX_DIFFS)
		printf("    ... %d more differences\n", d.count - MAX_DIFFS);
out:
	json_decref(want);
	json_decref(got);
	sbuf_free(&out);
	sbuf_free(&err);
	gcase_free(&c);
	return res;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: golden PHOIHOP_BINARY CASES_DIR\n");
		return 2;
	}
	const char *binary = argv[1], *cases_dir = argv[2];
	if (access(binary, X_OK) != 0) {
		fprintf(stderr, "golden: %s: not an executable: %s\n", binary, strerror(errno));
		return 2;
	}
	DIR *dir = opendir(cases_dir);
	if (!dir) {
		fprintf(stderr, "golden: %s: %s\n", cases_dir, strerror(errno));
		return 2;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *sub = join(cases_dir, e->d_name);
		char *exp = join(sub, "expected.json");
		char *conf = join(sub, "case.conf");
		int is_case = is_dir(sub) && (is_file(exp) || is_file(conf));
		free(sub);
		free(exp);
		free(conf);
		if (!is_case)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			char **p = realloc(names, cap * sizeof *names);
			if (!p) {
				fputs("golden: out of memory\n", stderr);
				return 2;
			}
			names = p;
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(dir);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);

	int passed = 0, failed = 0, skipped = 0;
	for (size_t i = 0; i < n; i++) {
		switch (run_one(binary, cases_dir, names[i])) {
		case OK: passed++; break;
		case FAILED: failed++; break;
		case SKIPPED: skipped++; break;
		}
		fflush(stdout);
		free(names[i]);
	}
	free(names);
	printf("golden: %d passed, %d failed, %d skipped\n", passed, failed, skipped);
	if (n == 0) {
		fprintf(stderr, "golden: %s: no cases found\n", cases_dir);
		return 2;
	}
	return failed ? 1 : 0;
}

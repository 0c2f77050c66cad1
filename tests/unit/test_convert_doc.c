/* test_convert_doc.c: convert_doc_to_docx, the .doc to .docx conversion by
 * LibreOffice in a separate, limited process.
 *
 * Without LibreOffice (always run): input that is not OLE2 refused at once;
 * hand-built compound files whose Word header says "encrypted" or whose
 * root holds no WordDocument stream refused without starting anything;
 * PHOIHOP_SOFFICE naming nothing gives PH_ENOCONVERTER; and, through
 * stand-in "soffice" scripts the test writes, the sandbox (arguments,
 * environment, stdin, inherited descriptors, limits, the private
 * directory), the checks of the output (none, empty, not a zip, too big),
 * the time limit (PHOIHOP_CONVERT_SECONDS) with the killing of the whole
 * process group, and a run with SIGCHLD ignored.
 *
 * With LibreOffice (skipped with a message when soffice is absent): the
 * test has LibreOffice write a small plan (a Decree 30 header as a
 * borderless two-column table, "KẾ HOẠCH", a task table) from HTML as a
 * Word 97 .doc, and a password-protected one through a Basic macro; the
 * plain one converts to a .docx whose word/document.xml holds the
 * Vietnamese text and both tables, two conversions at once both succeed,
 * an OLE2 signature followed by garbage is PH_EFORMAT, the encrypted one
 * PH_EENCRYPTED.
 *
 * Every conversion runs with TMPDIR set to a private directory whose name
 * holds a space (so the profile's file URL must be escaped); it must be
 * empty after each one. */
#include "test.h"
#include "base/err.h"
#include "base/text.h"
#include "import/render.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

static char fixdir[64];        /* the test's own files */
static char convtmp[128];      /* TMPDIR of the conversions */
static int skipped;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap + 1);
	size_t k;
	while (buf && (k = fread(buf + len, 1, cap - len, f)) > 0) {
		len += k;
		if (len == cap) {
			char *nb = realloc(buf, cap * 2 + 1);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf)
		buf[len] = '\0';
	if (n)
		*n = len;
	return buf;
}

static int spit(const char *path, const char *text, int mode)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(text, f);
	if (fclose(f) != 0)
		return -1;
	return chmod(path, (mode_t)mode);
}

/* Entries in the conversions' TMPDIR: each conversion must leave none. */
static int tmp_entries(void)
{
	DIR *d = opendir(convtmp);
	if (!d)
		return -1;
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* A stand-in soffice: a shell script at fixdir/NAME that records what it
 * was given (rec-NAME-*) and then runs body. $out is its --outdir. */
static void fake_soffice(const char *name, const char *body)
{
	char path[256], script[4096];
	snprintf(path, sizeof path, "%s/%s", fixdir, name);
	snprintf(script, sizeof script,
	         "#!/bin/sh\n"
	         "rec=%s/rec-%s\n"
	         "for a in \"$@\"; do printf '%%s\\n' \"$a\"; done > \"$rec-args\"\n"
	         "env > \"$rec-env\"\n"
	         "ls -l /proc/$$/fd > \"$rec-fds\" 2>&1\n"
	         "readlink /proc/$$/fd/0 > \"$rec-stdin\"\n"
	         "ulimit -v > \"$rec-ulimit\"\n"
	         "pwd > \"$rec-cwd\"\n"
	         "out=\nlast=\n"
	         "while [ $# -gt 0 ]; do case \"$1\" in --outdir) out=$2; shift;; esac; last=$1; shift; done\n"
	         "cp \"$last\" \"$rec-in\"\n"
	         "%s\n",
	         fixdir, name, body);
	if (spit(path, script, 0755) != 0) {
		perror("fake soffice");
		exit(2);
	}
	setenv("PHOIHOP_SOFFICE", path, 1);
}

static char *rec(const char *name, const char *what)
{
	char path[256];
	snprintf(path, sizeof path, "%s/rec-%s-%s", fixdir, name, what);
	return slurp(path, NULL);
}

/* ---- A compound file built by hand (MS-CFB, 512-byte sectors): header,
 * FAT in sector 0, directory in sector 1, a 4096-byte stream in sectors
 * 2-9 holding a Word FibBase. ---- */

static void put16(unsigned char *p, unsigned v) { p[0] = (unsigned char)v; p[1] = (unsigned char)(v >> 8); }
static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void dir_entry(unsigned char *e, const char *name, int type, uint32_t left, uint32_t right,
                      uint32_t child, uint32_t start, uint32_t size)
{
	size_t k = strlen(name);
	for (size_t i = 0; i < k; i++)
		put16(e + 2 * i, (unsigned char)name[i]);
	put16(e + 0x40, (unsigned)((k + 1) * 2));
	e[0x42] = (unsigned char)type;
	put32(e + 0x44, left);
	put32(e + 0x48, right);
	put32(e + 0x4C, child);
	put32(e + 0x74, start);
	put32(e + 0x78, size);
}

enum cfb_kind { CFB_ENCRYPTED, CFB_PLAIN, CFB_WORD6, CFB_WORKBOOK, CFB_NESTED, CFB_LOOP, CFB_DIRLOOP };

static unsigned char *make_cfb(enum cfb_kind kind, size_t *n)
{
	const uint32_t NONE = 0xFFFFFFFFu, END = 0xFFFFFFFEu;
	size_t len = 512 * 11;
	unsigned char *d = calloc(1, len);
	if (!d)
		exit(2);
	static const unsigned char magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	memcpy(d, magic, 8);
	put16(d + 0x18, 0x3E);
	put16(d + 0x1A, 3);
	put16(d + 0x1C, 0xFFFE);
	put16(d + 0x1E, 9);
	put16(d + 0x20, 6);
	put32(d + 0x2C, 1);       /* FAT sectors */
	put32(d + 0x30, 1);       /* first directory sector */
	put32(d + 0x38, 4096);    /* mini stream cutoff */
	put32(d + 0x3C, END);
	put32(d + 0x44, END);
	put32(d + 0x4C, 0);       /* DIFAT[0]: the FAT is sector 0 */
	for (int i = 1; i < 109; i++)
		put32(d + 0x4C + 4 * i, NONE);
	unsigned char *fat = d + 512;
	for (int i = 0; i < 128; i++)
		put32(fat + 4 * i, NONE);
	put32(fat + 0, 0xFFFFFFFDu);
	put32(fat + 4, END);
	for (int s = 2; s < 9; s++)
		put32(fat + 4 * s, (uint32_t)s + 1);
	put32(fat + 4 * 9, END);
	unsigned char *dir = d + 1024;
	for (int i = 0; i < 4; i++)
		put16(dir + 128 * i + 0x42, 0);
	dir_entry(dir, "Root Entry", 5, NONE, NONE, 1, END, 0);
	switch (kind) {
	case CFB_ENCRYPTED:
	case CFB_PLAIN:
	case CFB_WORD6:
		dir_entry(dir + 128, "WordDocument", 2, NONE, 2, NONE, 2, 4096);
		dir_entry(dir + 256, "1Table", 2, NONE, NONE, NONE, END, 0);
		break;
	case CFB_WORKBOOK:
		dir_entry(dir + 128, "Workbook", 2, NONE, NONE, NONE, 2, 4096);
		break;
	case CFB_NESTED:   /* a Word stream only inside an embedded object */
		dir_entry(dir + 128, "ObjectPool", 1, NONE, NONE, 2, END, 0);
		dir_entry(dir + 256, "WordDocument", 2, NONE, NONE, NONE, 2, 4096);
		break;
	case CFB_LOOP:     /* a sibling link back to itself: damaged */
		dir_entry(dir + 128, "Workbook", 2, 1, NONE, NONE, 2, 4096);
		break;
	case CFB_DIRLOOP:  /* the directory's sector chain back to itself */
		dir_entry(dir + 128, "Workbook", 2, NONE, NONE, NONE, 2, 4096);
		put32(fat + 4, 1);
		break;
	}
	unsigned char *fib = d + 512 * 3;   /* sector 2 */
	put16(fib, kind == CFB_WORD6 ? 0xA5DC : 0xA5EC);
	put16(fib + 2, kind == CFB_WORD6 ? 0x68 : 0xC1);
	put16(fib + 0x0A, kind == CFB_ENCRYPTED ? 0x0100 | 0x0200 : 0x0200);
	*n = len;
	return d;
}

/* ---- Without LibreOffice. ---- */

static void t_not_ole2(void)
{
	/* Random bytes, a zip, an RTF and an HTML page saved as ".doc", a
	 * signature cut short, nothing. */
	static unsigned char rnd[20000];
	uint32_t x = 12345;
	for (size_t i = 0; i < sizeof rnd; i++) {
		x = x * 1103515245u + 12345u;
		rnd[i] = (unsigned char)(x >> 16);
	}
	rnd[0] = 0x13;
	struct { const void *d; size_t n; const char *what; } cases[] = {
		{rnd, sizeof rnd, "random bytes"},
		{"PK\3\4\24\0\0\0", 8, "a zip"},
		{"{\\rtf1\\ansi KE HOACH}", 22, "RTF"},
		{"<html><body>KẾ HOẠCH</body></html>", 37, "HTML"},
		{"\xD0\xCF\x11\xE0\xA1\xB1\x1A", 7, "a cut signature"},
		{"", 0, "nothing"},
	};
	setenv("PHOIHOP_SOFFICE", "/nonexistent/soffice", 1);   /* must not matter */
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *docx = (char *)1, why[256] = "";
		size_t len = 99;
		double t0 = now_s();
		int rc = convert_doc_to_docx(cases[i].d, cases[i].n, &docx, &len, why, sizeof why);
		CHECK_INT(rc, PH_EFORMAT, cases[i].what);
		CHECK(now_s() - t0 < 0.5, "%s: refused at once", cases[i].what);
		CHECK(docx == NULL && len == 0, "%s: no output", cases[i].what);
		CHECK(strstr(why, "OLE2") != NULL, "%s: why says it: %s", cases[i].what, why);
	}
	CHECK_INT(tmp_entries(), 0, "nothing left in TMPDIR");
}

static void t_probe(void)
{
	/* The compound file read before anything is started: these give their
	 * answer even though no converter exists. */
	setenv("PHOIHOP_SOFFICE", "/nonexistent/soffice", 1);
	struct { enum cfb_kind kind; int want; const char *needle; const char *what; } cases[] = {
		{CFB_ENCRYPTED, PH_EENCRYPTED, "password", "FIB fEncrypted set"},
		{CFB_WORKBOOK, PH_EFORMAT, "WordDocument", "an OLE2 file without WordDocument (a workbook)"},
		{CFB_NESTED, PH_EFORMAT, "WordDocument", "WordDocument only in an embedded storage"},
		/* Word, or damaged: for LibreOffice to judge, which is not there. */
		{CFB_PLAIN, PH_ENOCONVERTER, "libreoffice-writer-nogui", "a plain Word file"},
		{CFB_LOOP, PH_ENOCONVERTER, "libreoffice-writer-nogui", "a directory with a loop"},
		{CFB_DIRLOOP, PH_ENOCONVERTER, "libreoffice-writer-nogui", "a sector chain with a loop"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n;
		unsigned char *d = make_cfb(cases[i].kind, &n);
		char *docx = NULL, why[256] = "";
		size_t len = 0;
		double t0 = now_s();
		int rc = convert_doc_to_docx(d, n, &docx, &len, why, sizeof why);
		CHECK_INT(rc, cases[i].want, cases[i].what);
		CHECK(now_s() - t0 < 0.5, "%s: at once", cases[i].what);
		CHECK(strstr(why, cases[i].needle) != NULL, "%s: why: %s", cases[i].what, why);
		CHECK(docx == NULL, "%s: no output", cases[i].what);
		/* Every truncation of the file: an answer, never a crash. */
		for (size_t cut = 0; cut < n; cut += 61) {
			rc = convert_doc_to_docx(d, cut, &docx, &len, why, sizeof why);
			CHECK(rc == PH_EFORMAT || rc == PH_EENCRYPTED || rc == PH_ENOCONVERTER,
			      "%s cut at %zu: %d", cases[i].what, cut, rc);
		}
		free(d);
	}
	int rc_big;
	/* No converter: named in the detail, with the package to install. */
	setenv("PHOIHOP_SOFFICE", "soffice-not-on-this-path", 1);
	size_t n;
	unsigned char *d = make_cfb(CFB_PLAIN, &n);
	char *docx = NULL, why[256] = "";
	size_t len = 0;
	CHECK_INT(convert_doc_to_docx(d, n, &docx, &len, why, sizeof why), PH_ENOCONVERTER,
	          "PHOIHOP_SOFFICE a name not in PATH");
	CHECK(strstr(why, "libreoffice-writer-nogui") != NULL, "names the package: %s", why);
	char dirpath[256];
	snprintf(dirpath, sizeof dirpath, "%s", fixdir);   /* a directory is not a program */
	setenv("PHOIHOP_SOFFICE", dirpath, 1);
	CHECK_INT(convert_doc_to_docx(d, n, &docx, &len, why, sizeof why), PH_ENOCONVERTER,
	          "PHOIHOP_SOFFICE a directory");
	free(d);

	/* Over the size limit: refused before anything is written. */
	size_t big = (size_t)RENDER_MAX_UNZIPPED + 1;
	unsigned char *b = calloc(1, big);
	if (b) {
		size_t small;
		unsigned char *head = make_cfb(CFB_PLAIN, &small);
		memcpy(b, head, small);
		free(head);
		rc_big = convert_doc_to_docx(b, big, &docx, &len, why, sizeof why);
		CHECK_INT(rc_big, PH_ETOOBIG, "a .doc over RENDER_MAX_UNZIPPED");
		free(b);
	}
	CHECK_INT(tmp_entries(), 0, "nothing left in TMPDIR");
}

static int lines_has(const char *text, const char *line)
{
	size_t k = strlen(line);
	for (const char *p = text; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len == k && memcmp(p, line, k) == 0)
			return 1;
		p = nl ? nl + 1 : NULL;
	}
	return 0;
}

static void t_sandbox(void)
{
	/* What the child gets, recorded by a stand-in that then writes a
	 * tiny "zip". */
	fake_soffice("good", "printf 'PK\\003\\004 stand-in' > \"$out/in.docx\"");
	setenv("PHOIHOP_TEST_SECRET", "must-not-leak", 1);
	char marker[256];
	snprintf(marker, sizeof marker, "%s/inherited-marker", fixdir);
	int mfd = open(marker, O_WRONLY | O_CREAT, 0600);   /* no O_CLOEXEC on purpose */
	CHECK(mfd >= 0, "marker opened");
	size_t n;
	unsigned char *d = make_cfb(CFB_PLAIN, &n);
	char *docx = NULL, why[256] = "";
	size_t len = 0;
	int rc = convert_doc_to_docx(d, n, &docx, &len, why, sizeof why);
	CHECK_INT(rc, 0, why);
	CHECK(len == 13 && docx && memcmp(docx, "PK\3\4 stand-in", 13) == 0, "the output is returned whole");
	free(docx);
	close(mfd);
	unsetenv("PHOIHOP_TEST_SECRET");

	char *args = rec("good", "args"), *env = rec("good", "env"), *fds = rec("good", "fds");
	char *in = NULL, *stdin_ = rec("good", "stdin"), *ul = rec("good", "ulimit"), *cwd = rec("good", "cwd");
	char path[256];
	size_t in_len = 0;
	snprintf(path, sizeof path, "%s/rec-good-in", fixdir);
	in = slurp(path, &in_len);
	CHECK(args && env && fds && in && stdin_ && ul && cwd, "the stand-in ran and recorded");
	if (args && env && fds && in && stdin_ && ul && cwd) {
		char want[512];
		CHECK(lines_has(args, "--headless") && lines_has(args, "--norestore") &&
		      lines_has(args, "--nologo") && lines_has(args, "--nodefault") &&
		      lines_has(args, "--nolockcheck") && lines_has(args, "--convert-to"),
		      "the headless flags: %s", args);
		/* The profile in the private directory, as a URL: the space of
		 * "conv tmp" escaped. */
		snprintf(want, sizeof want, "-env:UserInstallation=file://%s/conv%%20tmp/phoihop-doc-", fixdir);
		CHECK(strstr(args, want) != NULL, "profile URL %s in: %s", want, args);
		CHECK(strstr(args, "/profile\n") != NULL, "profile directory: %s", args);
		snprintf(want, sizeof want, "%s/phoihop-doc-", convtmp);
		CHECK(strstr(args, want) != NULL && strstr(args, "/in.doc\n") != NULL,
		      "input under a fixed name in the private directory: %s", args);
		CHECK(in_len == n && memcmp(in, d, n) == 0, "the input file holds the bytes");
		snprintf(want, sizeof want, "HOME=%s/phoihop-doc-", convtmp);
		CHECK(strstr(env, want) != NULL, "HOME in the private directory: %s", env);
		snprintf(want, sizeof want, "TMPDIR=%s/phoihop-doc-", convtmp);
		CHECK(strstr(env, want) != NULL, "TMPDIR in the private directory: %s", env);
		CHECK(strstr(env, "must-not-leak") == NULL && strstr(env, "PHOIHOP_SOFFICE") == NULL,
		      "nothing else of the environment: %s", env);
		CHECK(lines_has(args, "--infilter=MS Word 97"), "the Word 97 filter named: %s", args);
		CHECK(strstr(fds, "inherited-marker") == NULL, "no inherited descriptor: %s", fds);
		CHECK(strcmp(stdin_, "/dev/null\n") == 0, "stdin is /dev/null: %s", stdin_);
		CHECK(strcmp(ul, "2097152\n") == 0, "address space 2 GiB: %s", ul);
		snprintf(want, sizeof want, "%s/phoihop-doc-", convtmp);
		CHECK(strncmp(cwd, want, strlen(want)) == 0, "runs in its directory: %s", cwd);
	}
	free(args), free(env), free(fds), free(in), free(stdin_), free(ul), free(cwd);

	/* A Word 6/95 header: LibreOffice's detection picks between the two. */
	free(d);
	d = make_cfb(CFB_WORD6, &n);
	rc = convert_doc_to_docx(d, n, &docx, &len, why, sizeof why);
	CHECK_INT(rc, 0, "Word 6/95");
	free(docx);
	args = rec("good", "args");
	CHECK(args && strstr(args, "--infilter") == NULL, "no filter named for Word 6/95: %s", args ? args : "");
	free(args);

	/* SIGCHLD ignored by a host program: children reaped by the kernel,
	 * the conversion still waits for the end and reads the output. */
	struct sigaction ign = {0}, old;
	ign.sa_handler = SIG_IGN;
	sigaction(SIGCHLD, &ign, &old);
	rc = convert_doc_to_docx(d, n, &docx, &len, why, sizeof why);
	sigaction(SIGCHLD, &old, NULL);
	CHECK_INT(rc, 0, "SIGCHLD ignored");
	free(docx);
	free(d);
	CHECK_INT(tmp_entries(), 0, "nothing left in TMPDIR");
}

static void t_bad_output(void)
{
	size_t n;
	unsigned char *d = make_cfb(CFB_PLAIN, &n);
	struct { const char *name, *body; int want; const char *needle; } cases[] = {
		{"none", "echo 'Error: source file could not be loaded' >&2", PH_EFORMAT,
		 "Error: source file could not be loaded"},
		{"empty", ": > \"$out/in.docx\"", PH_EFORMAT, "empty"},
		{"notzip", "echo 'not a zip' > \"$out/in.docx\"", PH_EFORMAT, "not a .docx"},
		{"crash", "kill -SEGV $$", PH_EFORMAT, "signal 11"},
		{"big", "printf 'PK\\003\\004' > \"$out/in.docx\"; head -c 67108864 /dev/zero >> \"$out/in.docx\"",
		 PH_ETOOBIG, "64 MB"},
		/* Over the file-size limit: cut off by the kernel, still too big. */
		{"huge", "printf 'PK\\003\\004' > \"$out/in.docx\"; head -c 80000000 /dev/zero >> \"$out/in.docx\"",
		 PH_ETOOBIG, "64 MB"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fake_soffice(cases[i].name, cases[i].body);
		char *docx = NULL, why[512] = "";
		size_t len = 0;
		int rc = convert_doc_to_docx(d, n, &docx, &len, why, sizeof why);
		CHECK_INT(rc, cases[i].want, cases[i].name);
		CHECK(docx == NULL && len == 0, "%s: no output", cases[i].name);
		CHECK(strstr(why, cases[i].needle) != NULL, "%s: why: %s", cases[i].name, why);
		CHECK_INT(tmp_entries(), 0, "nothing left in TMPDIR");
	}
	free(d);
}

static int alive(pid_t pid)
{
	/* A zombie (its parent gone, not yet reaped by init) counts as gone. */
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return kill(pid, 0) == 0;
	char buf[512] = "";
	size_t k = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[k] = '\0';
	const char *p = strrchr(buf, ')');
	return !(p && p[1] == ' ' && (p[2] == 'Z' || p[2] == 'X'));
}

static void t_timeout(void)
{
	/* A converter that hangs, with a child of its own, and one that ignores
	 * SIGTERM: stopped at the limit, all of them. */
	char body[512];
	snprintf(body, sizeof body,
	         "trap '' TERM HUP INT\n"
	         "echo $$ > %s/hang-pid\n"
	         "sleep 600 &\n"
	         "echo $! > %s/hang-child\n"
	         "wait", fixdir, fixdir);
	fake_soffice("hang", body);
	setenv("PHOIHOP_CONVERT_SECONDS", "2", 1);
	size_t n;
	unsigned char *d = make_cfb(CFB_PLAIN, &n);
	char *docx = NULL, why[256] = "";
	size_t len = 0;
	double t0 = now_s();
	int rc = convert_doc_to_docx(d, n, &docx, &len, why, sizeof why);
	double took = now_s() - t0;
	unsetenv("PHOIHOP_CONVERT_SECONDS");
	CHECK_INT(rc, PH_ETIMEOUT, "a hang");
	CHECK(took >= 1.9 && took < 3.5, "returned at the limit: %.2f s", took);
	CHECK(strstr(why, "2 s") != NULL, "why names the limit: %s", why);
	CHECK(docx == NULL, "no output");
	char path[256];
	snprintf(path, sizeof path, "%s/hang-pid", fixdir);
	char *s1 = slurp(path, NULL);
	snprintf(path, sizeof path, "%s/hang-child", fixdir);
	char *s2 = slurp(path, NULL);
	CHECK(s1 && s2, "the hanging script ran");
	if (s1 && s2) {
		pid_t p1 = (pid_t)atoi(s1), p2 = (pid_t)atoi(s2);
		CHECK(p1 > 0 && p2 > 0, "pids recorded");
		/* SIGKILL is sent before the call returns; give the kernel a
		 * moment to finish the grandchild. */
		struct timespec ts = {0, 10 * 1000 * 1000};
		for (int i = 0; i < 50 && (alive(p1) || alive(p2)); i++)
			nanosleep(&ts, NULL);
		CHECK(!alive(p1), "the converter %d is gone", (int)p1);
		CHECK(!alive(p2), "its child %d is gone", (int)p2);
	}
	free(s1);
	free(s2);
	free(d);
	CHECK_INT(tmp_entries(), 0, "nothing left in TMPDIR");
}

struct slow_job {
	const unsigned char *d;
	size_t n;
	int rc;
};

static void *slow_job(void *arg)
{
	struct slow_job *j = arg;
	char *docx = NULL, why[256];
	size_t len = 0;
	j->rc = convert_doc_to_docx(j->d, j->n, &docx, &len, why, sizeof why);
	free(docx);
	return NULL;
}

static void t_parallel_cap(void)
{
	/* Three at once: two run, the third waits its turn and still ends
	 * well within its limit. Each stand-in counts how many run. */
	char body[1024];
	snprintf(body, sizeof body,
	         "mkdir -p %s/running\n"
	         "touch %s/running/$$\n"
	         "ls %s/running | wc -l >> %s/concurrency\n"
	         "sleep 1\n"
	         "rm %s/running/$$\n"
	         "printf 'PK\003\004 slow' > \"$out/in.docx\"",
	         fixdir, fixdir, fixdir, fixdir, fixdir);
	fake_soffice("slow", body);
	size_t n;
	unsigned char *d = make_cfb(CFB_PLAIN, &n);
	struct slow_job jobs[3];
	pthread_t t[3];
	double t0 = now_s();
	for (int i = 0; i < 3; i++) {
		jobs[i] = (struct slow_job){d, n, -1};
		CHECK_INT(pthread_create(&t[i], NULL, slow_job, &jobs[i]), 0, "thread starts");
	}
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	double took = now_s() - t0;
	for (int i = 0; i < 3; i++)
		CHECK_INT(jobs[i].rc, 0, "each of three conversions");
	char path[256];
	snprintf(path, sizeof path, "%s/concurrency", fixdir);
	char *c = slurp(path, NULL);
	int most = 0, runs = 0;
	for (char *p = c; p && *p;) {
		int k = atoi(p);
		most = k > most ? k : most;
		runs++;
		char *nl = strchr(p, '\n');
		p = nl ? nl + 1 : NULL;
	}
	CHECK_INT(runs, 3, "three runs");
	CHECK(most >= 1 && most <= 2, "at most two at once: %d", most);
	CHECK(took >= 1.9, "the third waited for a turn: %.2f s", took);
	free(c);
	free(d);
	CHECK_INT(tmp_entries(), 0, "nothing left in TMPDIR");
}

/* ---- With LibreOffice. ---- */

static const char plan_html[] =
	"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>KH</title></head><body>\n"
	"<table border=\"0\" style=\"border:none\"><tr>\n"
	"<td><p>ỦY BAN NHÂN DÂN</p><p>TỈNH LÀO CAI</p><p>Số: 15/KH-UBND</p></td>\n"
	"<td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p>Độc lập - Tự do - Hạnh phúc</p>"
	"<p>Lào Cai, ngày 10 tháng 3 năm 2025</p></td>\n"
	"</tr></table>\n"
	"<p align=\"center\"><b>KẾ HOẠCH</b></p>\n"
	"<p align=\"center\"><b>Triển khai chuyển đổi số năm 2025</b></p>\n"
	"<p>I. MỤC ĐÍCH, YÊU CẦU</p>\n"
	"<p>Nâng cao chất lượng phục vụ người dân và doanh nghiệp.</p>\n"
	"<table border=\"1\">\n"
	"<tr><th>STT</th><th>Nội dung</th><th>Cơ quan chủ trì</th><th>Cơ quan phối hợp</th>"
	"<th>Thời gian thực hiện</th></tr>\n"
	"<tr><td>1</td><td>Xây dựng cơ sở dữ liệu đất đai</td><td>Sở Tài nguyên và Môi trường</td>"
	"<td>Sở Tư pháp; UBND các huyện</td><td>Quý II/2025</td></tr>\n"
	"<tr><td>2</td><td>Số hóa hồ sơ thủ tục hành chính</td><td>Văn phòng UBND tỉnh</td>"
	"<td>Các sở, ban, ngành</td><td>Năm 2025</td></tr>\n"
	"</table>\n"
	"<p>Nơi nhận:</p><p>- Như trên;</p>\n"
	"</body></html>\n";

/* The password-protected copy: LibreOffice's --convert-to cannot set a
 * password, so a Basic macro in the fixture profile stores it. */
static const char macro_xba[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<!DOCTYPE script:module PUBLIC \"-//OpenOffice.org//DTD OfficeDocument 1.0//EN\" \"module.dtd\">\n"
	"<script:module xmlns:script=\"http://openoffice.org/2000/script\" script:name=\"Module1\" "
	"script:language=\"StarBasic\">\n"
	"Sub Enc(src As String, dst As String)\n"
	"  Dim a(0) As New com.sun.star.beans.PropertyValue\n"
	"  a(0).Name = &quot;Hidden&quot;\n  a(0).Value = True\n"
	"  d = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, a())\n"
	"  Dim b(1) As New com.sun.star.beans.PropertyValue\n"
	"  b(0).Name = &quot;FilterName&quot;\n  b(0).Value = &quot;MS Word 97&quot;\n"
	"  b(1).Name = &quot;Password&quot;\n  b(1).Value = &quot;matkhau&quot;\n"
	"  d.storeToURL(ConvertToURL(dst), b())\n"
	"  d.close(True)\n"
	"End Sub\n"
	"</script:module>\n";

static char *plan_doc, *enc_doc;
static size_t plan_len, enc_len;

static int soffice_present(void)
{
	return system("command -v soffice >/dev/null 2>&1") == 0 ||
	       access("/usr/lib/libreoffice/program/soffice", X_OK) == 0;
}

static const char *soffice_cmd(void)
{
	return system("command -v soffice >/dev/null 2>&1") == 0 ? "soffice"
	                                                           : "/usr/lib/libreoffice/program/soffice";
}

static void make_fixtures(void)
{
	char path[256], cmd[2048];
	snprintf(path, sizeof path, "%s/plan.html", fixdir);
	if (spit(path, plan_html, 0644) != 0)
		return;
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && HOME='%s' timeout 120 %s --headless --norestore --nologo --nodefault "
	         "--nolockcheck -env:UserInstallation=file://%s/fixprofile "
	         "--convert-to 'doc:MS Word 97' --outdir '%s' plan.html >fix.log 2>&1",
	         fixdir, fixdir, soffice_cmd(), fixdir, fixdir);
	if (system(cmd) == 0) {
		snprintf(path, sizeof path, "%s/plan.doc", fixdir);
		plan_doc = slurp(path, &plan_len);
	}
	/* The macro goes into the profile the first run made. */
	snprintf(path, sizeof path, "%s/fixprofile/user/basic/Standard/Module1.xba", fixdir);
	if (!plan_doc || spit(path, macro_xba, 0644) != 0)
		return;
	snprintf(cmd, sizeof cmd,
	         "cd '%s' && HOME='%s' timeout 120 %s --headless --norestore --nologo --nodefault "
	         "--nolockcheck -env:UserInstallation=file://%s/fixprofile "
	         "'macro:///Standard.Module1.Enc(\"%s/plan.html\",\"%s/enc.doc\")' >>fix.log 2>&1",
	         fixdir, fixdir, soffice_cmd(), fixdir, fixdir, fixdir);
	if (system(cmd) == 0) {
		snprintf(path, sizeof path, "%s/enc.doc", fixdir);
		enc_doc = slurp(path, &enc_len);
	}
}

/* The text of word/document.xml: its tags dropped, NFC. */
static char *docx_text(const char *docx, size_t len, int *tables)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(docx, len, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	char *out = NULL;
	if (!z) {
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		return NULL;
	}
	zip_stat_t st;
	zip_file_t *f;
	if (zip_stat(z, "word/document.xml", 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
	    st.size < (64u << 20) && (f = zip_fopen(z, "word/document.xml", 0)) != NULL) {
		char *xml = malloc(st.size + 1);
		zip_int64_t k = xml ? zip_fread(f, xml, st.size) : -1;
		zip_fclose(f);
		if (k == (zip_int64_t)st.size) {
			xml[k] = '\0';
			*tables = 0;
			for (const char *p = xml; (p = strstr(p, "<w:tbl>")) != NULL; p++)
				(*tables)++;
			char *plain = malloc(st.size + 1);
			size_t o = 0;
			int in_tag = 0;
			for (const char *p = xml; plain && *p; p++) {
				if (*p == '<')
					in_tag = 1;
				else if (*p == '>')
					in_tag = 0;
				else if (!in_tag)
					plain[o++] = *p;
			}
			if (plain) {
				plain[o] = '\0';
				out = text_nfc(plain, o);
				free(plain);
			}
		}
		free(xml);
	}
	zip_close(z);
	zip_error_fini(&ze);
	return out;
}

static int has_nfc(const char *text, const char *needle)
{
	char *n = text_nfc(needle, strlen(needle));
	int r = text && n && strstr(text, n) != NULL;
	free(n);
	return r;
}

static void check_plan_docx(const char *docx, size_t len, const char *ctx)
{
	int tables = 0;
	char *text = docx_text(docx, len, &tables);
	CHECK(text != NULL, "%s: a zip with word/document.xml", ctx);
	static const char *const want[] = {
		"KẾ HOẠCH", "ỦY BAN NHÂN DÂN", "Số: 15/KH-UBND", "Độc lập - Tự do - Hạnh phúc",
		"Lào Cai, ngày 10 tháng 3 năm 2025", "Cơ quan phối hợp", "Thời gian thực hiện",
		"Xây dựng cơ sở dữ liệu đất đai", "Sở Tài nguyên và Môi trường",
		"Số hóa hồ sơ thủ tục hành chính", "Quý II/2025",
	};
	for (size_t i = 0; text && i < sizeof want / sizeof want[0]; i++)
		CHECK(has_nfc(text, want[i]), "%s: \"%s\" in the .docx", ctx, want[i]);
	CHECK(tables >= 2, "%s: the header and the task table are tables (%d)", ctx, tables);
	free(text);
}

static void t_real(void)
{
	unsetenv("PHOIHOP_SOFFICE");
	char *docx = NULL, why[512] = "";
	size_t len = 0;
	double t0 = now_s();
	int rc = convert_doc_to_docx(plan_doc, plan_len, &docx, &len, why, sizeof why);
	CHECK_INT(rc, 0, why);
	printf("  converted a %zu-byte .doc in %.1f s\n", plan_len, now_s() - t0);
	if (rc == 0)
		check_plan_docx(docx, len, "plan.doc");
	free(docx);
	CHECK_INT(tmp_entries(), 0, "nothing left in TMPDIR (profile included)");

	/* The OLE2 signature, then garbage: LibreOffice runs and makes nothing. */
	size_t gn = 16384;
	char *g = malloc(gn);
	uint32_t x = 777;
	for (size_t i = 0; g && i < gn; i++) {
		x = x * 1103515245u + 12345u;
		g[i] = (char)(x >> 16);
	}
	if (g) {
		memcpy(g, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
		docx = NULL;
		rc = convert_doc_to_docx(g, gn, &docx, &len, why, sizeof why);
		CHECK_INT(rc, PH_EFORMAT, "OLE2 signature and garbage");
		CHECK(strstr(why, "LibreOffice") != NULL, "LibreOffice said so: %s", why);
		CHECK(docx == NULL, "no output");
		free(g);
	}
	CHECK_INT(tmp_entries(), 0, "nothing left in TMPDIR");

	if (enc_doc) {
		t0 = now_s();
		rc = convert_doc_to_docx(enc_doc, enc_len, &docx, &len, why, sizeof why);
		CHECK_INT(rc, PH_EENCRYPTED, "a password-protected .doc written by LibreOffice");
		CHECK(now_s() - t0 < 0.5, "known without running LibreOffice");
	} else {
		printf("SKIP: LibreOffice did not write the password-protected .doc (see %s/fix.log)\n", fixdir);
		skipped++;
	}
}

struct job {
	char *docx;
	size_t len;
	int rc;
	char why[256];
};

static void *convert_job(void *arg)
{
	struct job *j = arg;
	j->rc = convert_doc_to_docx(plan_doc, plan_len, &j->docx, &j->len, j->why, sizeof j->why);
	return NULL;
}

static void t_parallel(void)
{
	struct job jobs[2];
	memset(jobs, 0, sizeof jobs);
	pthread_t t[2];
	double t0 = now_s();
	for (int i = 0; i < 2; i++)
		CHECK_INT(pthread_create(&t[i], NULL, convert_job, &jobs[i]), 0, "thread starts");
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	printf("  two conversions at once in %.1f s\n", now_s() - t0);
	for (int i = 0; i < 2; i++) {
		CHECK_INT(jobs[i].rc, 0, jobs[i].why);
		if (jobs[i].rc == 0)
			check_plan_docx(jobs[i].docx, jobs[i].len, i ? "parallel 2" : "parallel 1");
		free(jobs[i].docx);
	}
	CHECK_INT(tmp_entries(), 0, "nothing left in TMPDIR");
}

int main(void)
{
	snprintf(fixdir, sizeof fixdir, "/tmp/phoihop-doctest-XXXXXX");
	if (!mkdtemp(fixdir)) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(convtmp, sizeof convtmp, "%s/conv tmp", fixdir);
	if (mkdir(convtmp, 0700) != 0) {
		perror("mkdir");
		return 2;
	}
	setenv("TMPDIR", convtmp, 1);
	unsetenv("PHOIHOP_CONVERT_SECONDS");

	t_not_ole2();
	t_probe();
	t_sandbox();
	t_bad_output();
	t_timeout();
	t_parallel_cap();

	if (!soffice_present()) {
		printf("SKIP: LibreOffice (soffice) is not installed: the real conversions are not tested "
		       "(tools/setup.sh installs libreoffice-writer-nogui)\n");
		skipped++;
	} else {
		make_fixtures();
		if (!plan_doc) {
			CHECK(0, "LibreOffice wrote the fixture .doc from HTML (see %s/fix.log)", fixdir);
		} else {
			t_real();
			t_parallel();
		}
	}
	free(plan_doc);
	free(enc_doc);
	text_cleanup();
	if (test_failed == 0) {
		char cmd[128];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", fixdir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", fixdir);
	}
	printf("test_convert_doc: %d passed, %d failed, %d skipped\n", test_passed, test_failed, skipped);
	return test_failed != 0;
}

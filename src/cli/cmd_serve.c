/* cmd_serve.c: `phoihop serve`: open (create, migrate, seed) the
 * database, then run the web server until SIGTERM or SIGINT. */
#include "cli/cli.h"
#include "base/err.h"
#include "db/db.h"
#include "web/server.h"
#include "model/task.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: phoihop [--db FILE] serve [--listen HOST:PORT] [--threads N]\n"
	"                [--max-upload BYTES] [--access-log FILE|-] [--secure-cookies]\n"
	"                [--head-timeout SECONDS] [--per-address N]\n"
	"                [--max-request-memory BYTES]\n"
	"Serve the web interface and the JSON API (default 127.0.0.1:8080).\n"
	"Port 0 picks a free port; the address is printed on standard output.\n"
	"--head-timeout: seconds a request head may take (default 15);\n"
	"--per-address: connections one client address may hold (default 128);\n"
	"--max-request-memory: memory one request may use (default 64 MiB, or\n"
	"  --max-upload plus 8 MiB when that is more; at least 65536 bytes; below\n"
	"  --max-upload plus 1 MiB the largest files cannot be downloaded); a\n"
	"  request that needs more is answered 413.\n";

static int parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (end == s || *end || v == 0 || v > (1ull << 31))
		return PH_EINVAL;
	*out = (size_t)v;
	return 0;
}

int cmd_serve(int argc, char **argv, struct cli *c)
{
	struct serve_opts o = {
		.listen = "127.0.0.1:8080",
		.threads = 4,
		.timeout = 30,
		.head_timeout = 15,
		.per_address = 128,
		.max_request_memory = 64u * 1024 * 1024,
		.cfg = {.max_upload = TASK_ATTACHMENT_MAX},
		.access_log = stderr,
		.announce = stdout,
	};
	const char *threads = NULL, *max_upload = NULL, *log = NULL, *head = NULL, *per = NULL,
		   *mem = NULL;
	int bad = 0;
	for (int i = 1; i < argc; i++) {
		if (cli_common(argc, argv, &i, c, &bad) ||
		    cli_opt(argc, argv, &i, "--listen", &o.listen, &bad) ||
		    cli_opt(argc, argv, &i, "--threads", &threads, &bad) ||
		    cli_opt(argc, argv, &i, "--max-upload", &max_upload, &bad) ||
		    cli_opt(argc, argv, &i, "--access-log", &log, &bad) ||
		    cli_opt(argc, argv, &i, "--head-timeout", &head, &bad) ||
		    cli_opt(argc, argv, &i, "--per-address", &per, &bad) ||
		    cli_opt(argc, argv, &i, "--max-request-memory", &mem, &bad))
			continue;
		if (cli_flag(argv, &i, "--secure-cookies")) {
			o.cfg.secure_cookies = 1;
			continue;
		}
		if (!strcmp(argv[i], "--help")) {
			fputs(usage, stdout);
			return 0;
		}
		return cli_fail("serve", PH_EUSAGE, "unknown argument %s", argv[i]);
	}
	if (bad)
		return 1;
	if (threads) {
		char *end;
		long n = strtol(threads, &end, 10);
		if (*end || n < 1 || n > 64)
			return cli_fail("serve", PH_EUSAGE, "--threads wants 1 to 64");
		o.threads = (int)n;
	}
	if (max_upload && parse_size(max_upload, &o.cfg.max_upload))
		return cli_fail("serve", PH_EUSAGE, "--max-upload wants a number of bytes");
	size_t v = 0;
	if (head) {
		if (parse_size(head, &v) || v > 3600)
			return cli_fail("serve", PH_EUSAGE, "--head-timeout wants 1 to 3600 seconds");
		o.head_timeout = (unsigned)v;
	}
	if (per) {
		if (parse_size(per, &v) || v > 1000)
			return cli_fail("serve", PH_EUSAGE, "--per-address wants 1 to 1000 connections");
		o.per_address = (unsigned)v;
	}
	/* As low as 64 KiB, a few of the arena's chunks: small enough that the
	 * tests can run every page out of memory, so that each place that
	 * allocates has its failure path taken. */
	if (mem) {
		if (parse_size(mem, &v) || v < 64 * 1024)
			return cli_fail("serve", PH_EUSAGE, "--max-request-memory wants at least 65536 bytes");
		o.max_request_memory = v;
	}
	/* A download holds the whole file in the request's memory: the cap
	 * must leave room for the largest file that can be uploaded, and
	 * follows --max-upload when it is not given. */
	size_t need = o.cfg.max_upload + 1024 * 1024;
	if (!mem && o.max_request_memory < need + 7 * 1024 * 1024)
		o.max_request_memory = need + 7 * 1024 * 1024;
	/* A cap set lower is the operator's choice (the tests run every page
	 * under 64 KiB): said once, and a larger download is answered 413. */
	if (mem && o.max_request_memory < need)
		fprintf(stderr, "phoihop: serve: warning: --max-request-memory is below --max-upload"
		        " plus 1 MiB (%zu bytes): a download holds the whole file, so files over"
		        " about %zu bytes will be refused with 413\n", need,
		        o.max_request_memory > 1024 * 1024 ? o.max_request_memory - 1024 * 1024 : 0);
	/* A body holds at most one document (16 MiB) or one attachment, plus
	 * the form around it. */
	o.cfg.max_body = (o.cfg.max_upload > 16u * 1024 * 1024 ? o.cfg.max_upload
	                                                       : 16u * 1024 * 1024) + 256 * 1024;
	FILE *logf = NULL;
	if (log && strcmp(log, "-")) {
		logf = fopen(log, "a");
		if (!logf)
			return cli_fail("serve", PH_EIO, "cannot open access log %s", log);
		o.access_log = logf;
	}
	/* Opened for writing as the workers will be: a database that cannot
	 * be written here is refused now, not at the first sign-in. */
	struct db *db = NULL;
	int status = cli_open_db(c, &db);
	if (status) {
		if (logf)
			fclose(logf);
		return status;
	}
	db_close(db);
	o.db_path = c->db_path;
	char err[256] = "";
	int rc = serve_run(&o, err, sizeof err);
	if (logf)
		fclose(logf);
	if (rc)
		return cli_fail("serve", rc, "%s", err);
	return 0;
}

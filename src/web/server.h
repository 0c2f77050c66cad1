/* server.h: the HTTP server: libmicrohttpd with an internal thread pool in
 * poll mode (chosen because the epoll pool stalled under bursts of new
 * connections on Debian's 0.9.75, and the single-thread modes stall at 128
 * connections or more), keep-alive, request size, memory, time and
 * connection limits (docs/SECURITY.md), an access log, and a graceful
 * shutdown on SIGTERM or SIGINT: the listening socket closes, requests in
 * flight finish, each worker's database connection closes; queries still
 * running after 7 s are interrupted, and the process ends within 10 s
 * whatever is running. */
#ifndef PH_SERVER_H
#define PH_SERVER_H
#include <stdio.h>
#include "web/req.h"

struct serve_opts {
	const char *listen;      /* "127.0.0.1:8080"; port 0 picks a free port */
	const char *db_path;     /* the database file (already migrated) */
	int threads;             /* worker threads, default 4 */
	unsigned timeout;        /* seconds a connection may stay idle, default 30 */
	unsigned head_timeout;   /* seconds a request head may take to arrive
	                            (from the connection's start or the last
	                            answer), default 15 */
	unsigned per_address;    /* most connections from one client address */
	size_t max_request_memory; /* cap of one request's arena, in bytes */
	struct web_config cfg;
	FILE *access_log;        /* NULL: no log */
	FILE *announce;          /* where "serving http://..." goes (stdout) */
};

/* Run until SIGTERM or SIGINT. Returns 0 after a clean shutdown, PH_EIO
 * when the address cannot be bound, PH_EINVAL for a bad --listen value;
 * err says why. */
int serve_run(const struct serve_opts *o, char *err, size_t errlen);

/* The ETag the server gives a 200 answer to a GET whose body is data (len
 * bytes): a quoted hash, written into out. A handler that keeps answers
 * (web/cache.h) may compute it once per body and set it with
 * req_add_header(r, "ETag", tag); the server then uses it, for the header
 * and the If-None-Match check, instead of hashing the body. */
void server_etag(const char *data, size_t len, char out[static 40]);

#endif

/* server.c: the libmicrohttpd glue. Everything that knows about MHD lives
 * here: daemon start and stop, reading the request (the raw target, the
 * headers, cookies, the body into the project's form reader or a capped
 * buffer), the per-thread database connection, sending the answer with the
 * security headers and ETag every answer gets, and the access log.
 *
 * Limits, so that no client can take the server's memory or its
 * connections: a request's head is checked as soon as it has arrived —
 * route, session, access action, body type and size (route_begin) — and a
 * refused body is never read; each request's arena has a byte cap; a body
 * is capped by its route; a connection must deliver each request head
 * within a deadline (MHD's own timeout only counts idleness, so a client
 * that trickles a header line every few seconds would hold a slot for
 * ever), and a small body within another; one address holds a bounded
 * number of connections. A stop ends within STOP_SECONDS. */
#include "web/server.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/route.h"
#include "base/err.h"
#include "base/text.h"
#include "db/db.h"
#include "model/user.h"
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Every answer carries these. The policy allows our own stylesheet and
 * script only, no inline code, and no framing. */
static const char csp[] =
	"default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/* A body must arrive at least this fast (bytes per millisecond: 16 KiB/s)
 * after a grace of BODY_GRACE_MS, or the connection is cut. */
#define BODY_BYTES_PER_MS 16
#define BODY_GRACE_MS 30000
/* The whole stop, from the signal to the exit. */
#define STOP_SECONDS 10

/* One client connection, from accept to close. */
struct conn {
	struct conn *prev, *next;
	int fd;
	atomic_llong deadline;    /* monotonic ms by which the stage it is in
	                             (a request head, a body) must end; 0: none */
	int cut;                  /* 1: shut down by the sweeper */
};

struct server {
	const struct serve_opts *o;
	pthread_mutex_t mu;
	struct db **dbs;          /* every worker's connection, closed at the end */
	size_t dbs_len, dbs_cap;
	atomic_int inflight;      /* requests being read or answered */
	pthread_mutex_t conns_mu; /* guards conns and each conn's cut */
	struct conn *conns;       /* open connections */
	atomic_int stopping;      /* 1: the sweeper ends */
};

/* What one request carries between MHD's calls. */
struct ctx {
	struct arena arena;
	struct req r;
	const char *raw;          /* the request target as sent */
	struct conn *conn;        /* its connection's record, or NULL */
	int began;                /* the head was looked at (begin) */
	int ready;                /* an answer is in r, to be sent */
	int sent;                 /* the answer is queued */
	struct form form;         /* a form body being read */
	int form_on;              /* 1: form is in use */
	struct buf body;          /* raw body when not a form */
	size_t received;          /* body bytes seen */
	int too_big;              /* body over r.body_max */
	struct timespec t0;
};

static _Thread_local struct db *tls_db;

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* This worker thread's connection, opened on first use. NULL with *code
 * (db_open's: busy, read-only, ...) when it cannot be opened. */
static struct db *worker_db(struct server *s, int *code)
{
	*code = 0;
	if (tls_db)
		return tls_db;
	char err[256];
	struct db *db = NULL;
	if ((*code = db_open(s->o->db_path, &db, err, sizeof err))) {
		fprintf(stderr, "phoihop: serve: %s: %s\n", err_name(*code), err);
		return NULL;
	}
	pthread_mutex_lock(&s->mu);
	if (s->dbs_len == s->dbs_cap) {
		size_t cap = s->dbs_cap ? s->dbs_cap * 2 : 8;
		struct db **n = realloc(s->dbs, cap * sizeof *n);
		if (!n) {
			pthread_mutex_unlock(&s->mu);
			db_close(db);
			*code = PH_ENOMEM;
			return NULL;
		}
		s->dbs = n;
		s->dbs_cap = cap;
	}
	s->dbs[s->dbs_len++] = db;
	pthread_mutex_unlock(&s->mu);
	tls_db = db;
	return db;
}

/* ---- request accessors (req.h) ---- */

const char *req_header(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

/* A NULL name (one built in a failed arena) finds nothing. */
static const struct req_param *find(const struct req_param *p, size_t n, const char *name)
{
	for (size_t i = 0; name && i < n; i++)
		if (!strcmp(p[i].name, name))
			return &p[i];
	return NULL;
}

const char *req_query(struct req *r, const char *name)
{
	const struct req_param *p = find(r->query, r->query_len, name);
	return p ? p->value : NULL;
}

const char *req_form(struct req *r, const char *name)
{
	const struct req_param *p = find(r->form, r->form_len, name);
	return p ? p->value : NULL;
}

const struct req_param *req_form_param(struct req *r, const char *name)
{
	return find(r->form, r->form_len, name);
}

long long req_query_int(struct req *r, const char *name, long long def)
{
	const char *v = req_query(r, name);
	if (!v || !*v)
		return def;
	char *end;
	errno = 0;
	long long n = strtoll(v, &end, 10);
	return *end || errno ? def : n;
}

void req_add_header(struct req *r, const char *name, const char *value)
{
	if (r->headers_len >= (int)(sizeof r->headers / sizeof *r->headers))
		return;
	const char *n = arena_strdup(r->a, name), *v = arena_strdup(r->a, value);
	if (!n || !v)
		return; /* the arena is failed: the answer will be an error */
	r->headers[r->headers_len].name = n;
	r->headers[r->headers_len].value = v;
	r->headers_len++;
}

/* ---- connections and their deadlines ---- */

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
	struct server *s = cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		struct conn *k = calloc(1, sizeof *k);
		if (!k || !ci) {
			free(k);
			return; /* no deadline for this one; MHD's idle timeout still holds */
		}
		k->fd = ci->connect_fd;
		atomic_init(&k->deadline, now_ms() + 1000LL * s->o->head_timeout);
		pthread_mutex_lock(&s->conns_mu);
		k->next = s->conns;
		if (s->conns)
			s->conns->prev = k;
		s->conns = k;
		pthread_mutex_unlock(&s->conns_mu);
		*socket_context = k;
		return;
	}
	/* Closed: MHD closes the socket only after this returns, so the
	 * sweeper, which shuts sockets down under the same lock, never
	 * touches a descriptor that has been reused. */
	struct conn *k = *socket_context;
	if (!k)
		return;
	pthread_mutex_lock(&s->conns_mu);
	if (k->prev)
		k->prev->next = k->next;
	else
		s->conns = k->next;
	if (k->next)
		k->next->prev = k->prev;
	pthread_mutex_unlock(&s->conns_mu);
	free(k);
	*socket_context = NULL;
}

static struct conn *conn_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

static void set_deadline(struct conn *k, long long at)
{
	if (k)
		atomic_store(&k->deadline, at);
}

/* Cuts connections past their deadline, a few times a second. */
static void *sweeper(void *cls)
{
	struct server *s = cls;
	while (!atomic_load(&s->stopping)) {
		struct timespec ts = {0, 200 * 1000 * 1000};
		nanosleep(&ts, NULL);
		long long now = now_ms();
		pthread_mutex_lock(&s->conns_mu);
		for (struct conn *k = s->conns; k; k = k->next) {
			long long d = atomic_load(&k->deadline);
			if (d && now > d && !k->cut) {
				shutdown(k->fd, SHUT_RDWR);
				k->cut = 1;
			}
		}
		pthread_mutex_unlock(&s->conns_mu);
	}
	return NULL;
}

/* ---- reading the request ---- */

static struct ctx *ctx_new(struct server *s)
{
	struct ctx *x = calloc(1, sizeof *x);
	if (!x)
		return NULL;
	atomic_fetch_add(&s->inflight, 1);
	clock_gettime(CLOCK_MONOTONIC, &x->t0);
	arena_init_capped(&x->arena, s->o->max_request_memory);
	x->r.a = &x->arena;
	x->r.cfg = &s->o->cfg;
	buf_init(&x->r.out, 64u * 1024 * 1024);
	buf_init(&x->body, 0);
	return x;
}

/* MHD's first look at a request: the target as the client sent it, before
 * any decoding. The context made here is the request's from now on. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)c;
	struct ctx *x = ctx_new(cls);
	if (x)
		x->raw = arena_strdup(&x->arena, uri);
	return x;
}

/* The client address as text. */
static const char *remote_of(struct req *r, struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char ip[INET6_ADDRSTRLEN] = "-";
	if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr,
		          ip, sizeof ip);
	else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr,
		          ip, sizeof ip);
	return arena_strdup(r->a, ip);
}

/* The head has arrived: read it and decide. Sets x->ready when an answer
 * (a refusal) is already in r. */
static void begin(struct server *s, struct ctx *x, struct MHD_Connection *c,
                  const char *method, const char *version)
{
	struct req *r = &x->r;
	x->began = 1;
	x->conn = conn_of(c);
	r->conn = c;
	r->method = arena_strdup(r->a, method);
	r->remote = remote_of(r, c);
	r->content_type = req_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	const char *cl = req_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
	const char *te = req_header(r, MHD_HTTP_HEADER_TRANSFER_ENCODING);
	if (cl) {
		char *end;
		errno = 0;
		unsigned long long n = strtoull(cl, &end, 10);
		r->body_declared = errno || *end || n > SIZE_MAX / 2 ? SIZE_MAX / 2 : (size_t)n;
	}
	r->has_body = r->body_declared > 0 || te != NULL;
	const char *why = NULL;
	char *path = NULL;
	/* A copy the arena refused: the answer is the memory error (413). */
	int rc = r->method && r->remote && x->raw
	                 ? form_target(r->a, x->raw, &path, &r->query, &r->query_len, &why)
	                 : PH_ENOMEM;
	r->path = path ? path : "/";
	r->api = !strncmp(r->path, "/api/", 5) || !strcmp(r->path, "/api");
	x->ready = 1;
	if (rc) {
		route_error(r, rc, why);
		return;
	}
	/* RFC 9112: a server must answer 400 to an HTTP/1.1 request without
	 * Host. */
	if (version && !strcmp(version, "HTTP/1.1") && !req_header(r, MHD_HTTP_HEADER_HOST)) {
		route_error(r, PH_EBADREQ, "an HTTP/1.1 request must carry Host");
		return;
	}
	int code = 0;
	r->db = worker_db(s, &code);
	if (!r->db) {
		route_error(r, code ? code : PH_EDB, "cannot open the database");
		return;
	}
	if (route_begin(r))
		return;
	x->ready = 0;
	if (!r->has_body) {
		set_deadline(x->conn, 0);
		return;
	}
	size_t expect = r->body_declared ? r->body_declared : r->body_max;
	set_deadline(x->conn, now_ms() + BODY_GRACE_MS + (long long)(expect / BODY_BYTES_PER_MS));
	if (r->body_form) {
		x->form_on = 1;
		rc = form_begin(&x->form, r->a, r->content_type, r->body_max);
		if (rc) {
			route_error(r, rc, x->form.why);
			x->ready = 1;
		}
	} else {
		buf_init(&x->body, r->body_max);
	}
}

/* One piece of the body. */
static void body_piece(struct ctx *x, const char *data, size_t n)
{
	x->received += n;
	if (x->too_big || x->received > x->r.body_max) {
		x->too_big = 1;
		return; /* read to its end and dropped: memory stays bounded */
	}
	if (x->form_on)
		form_feed(&x->form, data, n);
	else if (buf_append(&x->body, data, n))
		x->too_big = 1;
}

/* ---- answering ---- */

void server_etag(const char *data, size_t len, char out[static 40])
{
	unsigned char h[16];
	crypto_generichash(h, sizeof h, (const unsigned char *)data, len, NULL, 0);
	out[0] = '"';
	sodium_bin2hex(out + 1, 33, h, sizeof h);
	out[33] = '"';
	out[34] = '\0';
}

/* 1 when the If-None-Match list names etag (weak or strong, or "*"). */
static int etag_matches(const char *inm, const char *etag)
{
	if (!inm)
		return 0;
	if (!strcmp(inm, "*"))
		return 1;
	return strstr(inm, etag) != NULL;
}

/* A request whose memory ran over its cap, or whose answer could not be
 * written whole, answers with an error whatever the handler returned:
 * never a page with holes in it. */
static void finish_answer(struct req *r)
{
	if (arena_failed(r->a)) {
		/* The error answer is written into r->out, not the arena; what the
		 * handler set (cookies, a download) is dropped with its answer. */
		r->headers_len = 0;
		r->err_reason_vi = NULL;
		route_error(r, PH_ETOOBIG, "the request needs more memory than one request may use");
	} else if (buf_error(&r->out) && !r->download) {
		route_error(r, PH_EINTERNAL, "the answer could not be written whole");
	}
}

static void security_headers(struct server *s, struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	/* Behind an HTTPS proxy, browsers are told to keep to HTTPS. */
	if (s->o->cfg.secure_cookies)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
}

static enum MHD_Result send_answer(struct server *s, struct ctx *x)
{
	struct req *r = &x->r;
	finish_answer(r);
	auth_refresh_cookie(r);
	const char *data;
	size_t len;
	int free_it = 0;
	if (r->download) {
		data = r->download;
		len = r->download_len;
	} else {
		len = r->out.len;
		data = buf_detach(&r->out);
		if (!data)
			data = "";
		else
			free_it = 1;
	}
	char etag[40] = "";
	int status = r->status ? r->status : 200;
	int is_get = r->method && (!strcmp(r->method, "GET") || !strcmp(r->method, "HEAD"));
	/* An ETag the handler set (server_etag of this body, kept with a
	 * cached answer) spares hashing the body again: for a large cached
	 * answer the hash was most of the cost. */
	const char *given = NULL;
	for (int i = 0; i < r->headers_len; i++)
		if (!strcasecmp(r->headers[i].name, "ETag"))
			given = r->headers[i].value;
	if (is_get && status == 200) {
		if (given && strlen(given) < sizeof etag)
			memcpy(etag, given, strlen(given) + 1);
		else
			server_etag(data, len, etag);
		if (etag_matches(req_header(r, "If-None-Match"), etag)) {
			status = 304;
			if (free_it)
				free((void *)data);
			free_it = 0;
			data = "";
			len = 0;
		}
	}
	struct MHD_Response *resp = MHD_create_response_from_buffer(
		len, (void *)data, free_it ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (!resp) {
		if (free_it)
			free((void *)data);
		return MHD_NO;
	}
	if (status != 304)
		MHD_add_response_header(resp, "Content-Type",
		                        r->ctype_out ? r->ctype_out : "text/html; charset=utf-8");
	security_headers(s, resp);
	int has_cache = 0;
	for (int i = 0; i < r->headers_len; i++) {
		if (!strcasecmp(r->headers[i].name, "ETag"))
			continue; /* the one below, or none but on a 200 to a GET */
		MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
		if (!strcasecmp(r->headers[i].name, "Cache-Control"))
			has_cache = 1;
	}
	if (!has_cache)
		MHD_add_response_header(resp, "Cache-Control", "private, no-cache");
	if (etag[0])
		MHD_add_response_header(resp, "ETag", etag);
	r->status = status;
	r->download_len = len;
	x->sent = 1;
	set_deadline(x->conn, 0);
	enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
	(void)url; /* decoded by MHD; the raw target is read instead (form_target) */
	struct server *s = cls;
	struct ctx *x = *con_cls;
	if (!x) {
		if (!(x = ctx_new(s)))
			return MHD_NO;
		*con_cls = x;
	}
	if (x->sent) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (!x->began) {
		/* Headers only. A refusal of a request that announced a body is
		 * sent now, so the body is never read (the connection closes after
		 * it); any other answer waits for the next call, which keeps the
		 * connection alive. */
		begin(s, x, c, method, version);
		if (x->ready && x->r.has_body)
			return send_answer(s, x);
		return MHD_YES;
	}
	if (*upload_size) {
		/* MHD 0.9.75 cannot answer in the middle of an upload: a body
		 * over the limit is read to its end and dropped. */
		if (!x->ready)
			body_piece(x, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	struct req *r = &x->r;
	if (x->ready)
		return send_answer(s, x);
	if (x->too_big) {
		route_error(r, PH_ETOOBIG, arena_printf(r->a, "the body is over this address's limit"
		                                        " of %zu bytes", r->body_max));
		return send_answer(s, x);
	}
	if (x->form_on) {
		int rc = form_end(&x->form, &r->form, &r->form_len);
		if (rc) {
			route_error(r, rc, x->form.why);
			return send_answer(s, x);
		}
	} else {
		r->body = buf_str(&x->body);
		r->body_len = x->body.len;
	}
	route_run(r);
	return send_answer(s, x);
}

/* Write s to f with every byte that could forge or break a log line (a
 * control character, a space, a quote, a backslash, anything not ASCII)
 * as \xHH. */
static void log_field(FILE *f, const char *s)
{
	if (!s || !*s) {
		fputc('-', f);
		return;
	}
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p <= ' ' || *p >= 0x7F || *p == '"' || *p == '\\')
			fprintf(f, "\\x%02X", *p);
		else
			fputc(*p, f);
	}
}

static void log_line(struct server *s, struct ctx *x)
{
	FILE *f = s->o->access_log;
	if (!f)
		return;
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - x->t0.tv_sec) * 1e3 +
	            (double)(t1.tv_nsec - x->t0.tv_nsec) / 1e6;
	time_t now = time(NULL);
	struct tm tm;
	char at[32];
	gmtime_r(&now, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	const struct req *r = &x->r;
	/* The target as sent (still percent-encoded), so that a decoded line
	 * break cannot start a forged line. */
	fprintf(f, "%s ", at);
	log_field(f, r->remote);
	fputc(' ', f);
	log_field(f, r->method);
	fputc(' ', f);
	log_field(f, x->raw);
	fprintf(f, " %d %zu %.2fms ", r->status ? r->status : 0, r->download_len, ms);
	log_field(f, r->user ? r->user->login : NULL);
	fputc('\n', f);
	fflush(f);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode why)
{
	(void)c;
	(void)why;
	struct server *s = cls;
	struct ctx *x = *con_cls;
	if (!x)
		return;
	if (x->began)
		log_line(s, x);
	/* The next request on this connection has its head deadline from now. */
	if (x->conn)
		set_deadline(x->conn, now_ms() + 1000LL * s->o->head_timeout);
	if (x->form_on)
		form_cleanup(&x->form);
	buf_cleanup(&x->body);
	buf_cleanup(&x->r.out);
	arena_cleanup(&x->arena);
	free(x);
	*con_cls = NULL;
	atomic_fetch_sub(&s->inflight, 1);
}

/* "host:port" or ":port" into an IPv4 address. */
static int parse_listen(const char *spec, struct sockaddr_in *sa)
{
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	const char *colon = strrchr(spec, ':');
	if (!colon)
		return PH_EINVAL;
	char host[64];
	size_t hl = (size_t)(colon - spec);
	if (hl >= sizeof host)
		return PH_EINVAL;
	memcpy(host, spec, hl);
	host[hl] = '\0';
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || colon[1] == '\0' || port < 0 || port > 65535)
		return PH_EINVAL;
	sa->sin_port = htons((uint16_t)port);
	if (!hl || !strcmp(host, "*"))
		sa->sin_addr.s_addr = htonl(INADDR_ANY);
	else if (!strcmp(host, "localhost"))
		sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	else if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return PH_EINVAL;
	return 0;
}

/* Ends the process when the stop has not finished by its deadline: a
 * handler stuck outside the database cannot hold the stop back. Committed
 * data is safe: SQLite's journal survives the process. */
struct watchdog {
	atomic_int done;
	long long until;           /* monotonic ms */
	FILE *announce;
};

static void *watch(void *cls)
{
	struct watchdog *w = cls;
	while (!atomic_load(&w->done)) {
		if (now_ms() >= w->until) {
			fputs("phoihop: serve: requests still running at the stop deadline; exiting\n",
			      stderr);
			if (w->announce) {
				fputs("phoihop: stopped (forced after 10 s)\n", w->announce);
				fflush(w->announce);
			}
			_exit(0);
		}
		struct timespec ts = {0, 20 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	return NULL;
}

/* Wait until no request is in flight or the monotonic time until (ms). */
static void drain(struct server *s, long long until)
{
	while (atomic_load(&s->inflight) > 0 && now_ms() < until) {
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
}

int serve_run(const struct serve_opts *o, char *err, size_t errlen)
{
	struct sockaddr_in sa;
	if (parse_listen(o->listen, &sa)) {
		snprintf(err, errlen, "bad --listen value %s (want HOST:PORT)", o->listen);
		return PH_EINVAL;
	}
	struct server s = {.o = o};
	pthread_mutex_init(&s.mu, NULL);
	pthread_mutex_init(&s.conns_mu, NULL);
	atomic_init(&s.inflight, 0);
	atomic_init(&s.stopping, 0);

	/* Block the stop signals in every thread; this one waits for them. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	unsigned flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, &s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(o->threads > 0 ? o->threads : 4),
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(o->timeout ? o->timeout : 30),
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)o->per_address,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
		MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, &s,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, &s,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s,
		MHD_OPTION_END);
	if (!d) {
		snprintf(err, errlen, "cannot listen on %s: %s", o->listen, strerror(errno));
		pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
		pthread_mutex_destroy(&s.mu);
		pthread_mutex_destroy(&s.conns_mu);
		return PH_EIO;
	}
	pthread_t sweep;
	int sweeping = pthread_create(&sweep, NULL, sweeper, &s) == 0;
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char host[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host);
	if (o->announce) {
		fprintf(o->announce, "phoihop: serving http://%s:%u/ (stop with Ctrl+C)\n",
		        host, di ? di->port : ntohs(sa.sin_port));
		fflush(o->announce);
	}

	int sig = 0;
	sigwait(&stop, &sig);

	/* Stop accepting and let requests in flight finish; past most of the
	 * stop's time, interrupt the queries still running; and whatever
	 * happens, end by the deadline. */
	long long t0 = now_ms();
	struct watchdog w = {.until = t0 + STOP_SECONDS * 1000 - 300, .announce = o->announce};
	atomic_init(&w.done, 0);
	pthread_t wt;
	int watching = pthread_create(&wt, NULL, watch, &w) == 0;
	MHD_quiesce_daemon(d);
	drain(&s, t0 + (STOP_SECONDS - 3) * 1000);
	if (atomic_load(&s.inflight) > 0) {
		pthread_mutex_lock(&s.mu);
		for (size_t i = 0; i < s.dbs_len; i++)
			db_interrupt(s.dbs[i]);
		pthread_mutex_unlock(&s.mu);
		drain(&s, t0 + (STOP_SECONDS - 1) * 1000);
	}
	MHD_stop_daemon(d);
	atomic_store(&w.done, 1);
	if (watching)
		pthread_join(wt, NULL);
	atomic_store(&s.stopping, 1);
	if (sweeping)
		pthread_join(sweep, NULL);
	for (size_t i = 0; i < s.dbs_len; i++)
		db_close(s.dbs[i]);
	free(s.dbs);
	pthread_mutex_destroy(&s.mu);
	pthread_mutex_destroy(&s.conns_mu);
	/* A second Ctrl+C during the stop is already pending: consume it, or
	 * unblocking would kill the process after a clean stop. */
	struct timespec zero = {0, 0};
	while (sigtimedwait(&stop, NULL, &zero) > 0)
		;
	pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
	if (o->announce) {
		fprintf(o->announce, "phoihop: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
		fflush(o->announce);
	}
	return 0;
}

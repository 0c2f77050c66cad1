/* server.c: the libmicrohttpd glue. Everything that knows about MHD lives
 * here: daemon start and stop, reading the request (query, headers,
 * cookies, form fields through MHD's post processor, raw bodies), the
 * per-thread database connection, sending the answer with the security
 * headers and ETag every answer gets, and the access log. */
#include "web/server.h"
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
#include <time.h>
#include <unistd.h>

/* Every answer carries these. The policy allows our own stylesheet and
 * script only, no inline code, and no framing. */
static const char csp[] =
	"default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

struct server {
	const struct serve_opts *o;
	pthread_mutex_t mu;
	struct db **dbs;          /* every worker's connection, closed at the end */
	size_t dbs_len, dbs_cap;
	atomic_int inflight;      /* requests being read or answered */
};

/* What one request carries between MHD's calls. */
struct ctx {
	struct arena arena;
	struct req r;
	struct MHD_PostProcessor *pp;
	struct buf body;          /* raw body when not a form */
	size_t received;          /* body bytes seen */
	int too_big;              /* body over cfg.max_body */
	int bad_form;             /* the post processor refused the body */
	int answered;             /* an early answer (413) is queued */
	struct timespec t0;
};

static _Thread_local struct db *tls_db;

static struct db *worker_db(struct server *s)
{
	if (tls_db)
		return tls_db;
	char err[256];
	struct db *db = NULL;
	if (db_open(s->o->db_path, &db, err, sizeof err)) {
		fprintf(stderr, "phoihop: serve: database_error: %s\n", err);
		return NULL;
	}
	pthread_mutex_lock(&s->mu);
	if (s->dbs_len == s->dbs_cap) {
		size_t cap = s->dbs_cap ? s->dbs_cap * 2 : 8;
		struct db **n = realloc(s->dbs, cap * sizeof *n);
		if (!n) {
			pthread_mutex_unlock(&s->mu);
			db_close(db);
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

static const struct req_param *find(const struct req_param *p, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
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
	r->headers[r->headers_len].name = arena_strdup(r->a, name);
	r->headers[r->headers_len].value = arena_strdup(r->a, value);
	r->headers_len++;
}

/* ---- reading the request ---- */

static enum MHD_Result add_query(void *cls, enum MHD_ValueKind kind,
                                 const char *key, const char *value)
{
	(void)kind;
	struct ctx *x = cls;
	if (x->r.query_len >= 200)
		return MHD_NO;
	struct req_param *p = ARENA_PUSH(x->r.a, x->r.query, x->r.query_len, x->r.query_cap);
	p->name = arena_strdup(x->r.a, key);
	p->value = arena_strdup(x->r.a, value ? value : "");
	p->len = strlen(p->value);
	return MHD_YES;
}

/* MHD's post processor hands each field in pieces; pieces of one field
 * arrive in order with growing offsets. */
static enum MHD_Result form_piece(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *filename, const char *content_type,
                                  const char *transfer_encoding, const char *data,
                                  uint64_t off, size_t size)
{
	(void)kind;
	(void)transfer_encoding;
	struct ctx *x = cls;
	struct req *r = &x->r;
	struct req_param *p = r->form_len ? &r->form[r->form_len - 1] : NULL;
	if (!p || off == 0 || strcmp(p->name, key)) {
		if (r->form_len >= 500)
			return MHD_NO;
		p = ARENA_PUSH(r->a, r->form, r->form_len, r->form_cap);
		p->name = arena_strdup(r->a, key);
		p->value = arena_strdup(r->a, "");
		p->filename = filename ? arena_strdup(r->a, filename) : NULL;
		p->ctype = content_type ? arena_strdup(r->a, content_type) : NULL;
	}
	if (size) {
		char *v = arena_grow(r->a, p->value, p->len + 1, p->len + size + 1);
		memcpy(v + p->len, data, size);
		p->len += size;
		v[p->len] = '\0';
		p->value = v;
	}
	return MHD_YES;
}

static int is_form_type(const char *ct)
{
	return ct && (!strncasecmp(ct, "application/x-www-form-urlencoded", 33) ||
	              !strncasecmp(ct, "multipart/form-data", 19));
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
	size_t el = strlen(etag);
	for (const char *p = inm; (p = strstr(p, etag)); p += el)
		return 1;
	return 0;
}

static enum MHD_Result send_answer(struct server *s, struct ctx *x)
{
	struct req *r = &x->r;
	(void)s;
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
	int is_get = !strcmp(r->method, "GET") || !strcmp(r->method, "HEAD");
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
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
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
	enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return ok;
}

/* A request whose memory ran over its cap, or whose answer could not be
 * written whole, answers with an error whatever the handler returned:
 * never a page with holes in it. */
static void finish_answer(struct req *r)
{
	if (arena_failed(r->a))
		route_error(r, PH_ETOOBIG, "the request needs more memory than one request may use");
	else if (buf_error(&r->out) && !r->download)
		route_error(r, PH_EINTERNAL, "the answer could not be written whole");
}

/* An answer before the body was read (413): the connection closes after. */
static enum MHD_Result answer_early(struct server *s, struct ctx *x, int code)
{
	x->r.status = err_http(code);
	x->answered = 1;
	route_error(&x->r, code, "request body over the limit");
	return send_answer(s, x);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
	(void)version;
	struct server *s = cls;
	struct ctx *x = *con_cls;
	if (!x) {
		/* First call: headers only. Answering here would turn keep-alive
		 * off, so only set up and come back for the body. */
		x = calloc(1, sizeof *x);
		if (!x)
			return MHD_NO;
		atomic_fetch_add(&s->inflight, 1);
		clock_gettime(CLOCK_MONOTONIC, &x->t0);
		arena_init(&x->arena);
		struct req *r = &x->r;
		r->a = &x->arena;
		r->cfg = &s->o->cfg;
		r->conn = c;
		r->method = arena_strdup(r->a, method);
		r->path = arena_strdup(r->a, url);
		r->api = !strncmp(url, "/api/", 5) || !strcmp(url, "/api");
		buf_init(&r->out, 64u * 1024 * 1024);
		buf_init(&x->body, s->o->cfg.max_body);
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		char ip[INET6_ADDRSTRLEN] = "-";
		if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr,
			          ip, sizeof ip);
		r->remote = arena_strdup(r->a, ip);
		MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_query, x);
		r->content_type = req_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
		const char *cl = req_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > s->o->cfg.max_body)
			x->too_big = 1;
		*con_cls = x;
		/* A declared length over the limit is refused before the body is
		 * read (the connection closes after the answer). */
		if (x->too_big)
			return answer_early(s, x, PH_ETOOBIG);
		if (is_form_type(r->content_type))
			x->pp = MHD_create_post_processor(c, 64 * 1024, form_piece, x);
		return MHD_YES;
	}
	if (x->answered) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (*upload_size) {
		/* A body without a declared length that grows over the limit is
		 * read to its end and dropped (MHD 0.9.75 cannot answer in the
		 * middle of an upload); memory stays bounded. */
		x->received += *upload_size;
		if (x->received > s->o->cfg.max_body)
			x->too_big = 1;
		if (x->too_big) {
			*upload_size = 0;
			return MHD_YES;
		}
		if (x->pp) {
			if (!x->bad_form && MHD_post_process(x->pp, upload, *upload_size) != MHD_YES)
				x->bad_form = 1;
		} else if (buf_append(&x->body, upload, *upload_size)) {
			x->too_big = 1;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	struct req *r = &x->r;
	if (x->too_big)
		return answer_early(s, x, PH_ETOOBIG);
	r->body = buf_str(&x->body);
	r->body_len = x->body.len;
	r->db = worker_db(s);
	if (!r->db)
		route_error(r, PH_EDB, "cannot open the database");
	else if (x->bad_form)
		route_error(r, PH_EBADREQ, "malformed form body");
	else
		route_dispatch(r);
	finish_answer(r);
	return send_answer(s, x);
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
	fprintf(f, "%s %s %s %s %d %zu %.2fms %s\n", at, r->remote ? r->remote : "-",
	        r->method ? r->method : "-", r->path ? r->path : "-",
	        r->status ? r->status : 0, r->download_len,
	        ms, r->user && r->user->login ? r->user->login : "-");
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
	log_line(s, x);
	if (x->pp)
		MHD_destroy_post_processor(x->pp);
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

int serve_run(const struct serve_opts *o, char *err, size_t errlen)
{
	struct sockaddr_in sa;
	if (parse_listen(o->listen, &sa)) {
		snprintf(err, errlen, "bad --listen value %s (want HOST:PORT)", o->listen);
		return PH_EINVAL;
	}
	struct server s = {.o = o};
	pthread_mutex_init(&s.mu, NULL);
	atomic_init(&s.inflight, 0);

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
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
		MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s,
		MHD_OPTION_END);
	if (!d) {
		snprintf(err, errlen, "cannot listen on %s: %s", o->listen, strerror(errno));
		pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
		pthread_mutex_destroy(&s.mu);
		return PH_EIO;
	}
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

	/* Stop accepting, let requests in flight finish (up to 10 s), stop. */
	MHD_quiesce_daemon(d);
	for (int i = 0; i < 1000 && atomic_load(&s.inflight) > 0; i++) {
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(d);
	for (size_t i = 0; i < s.dbs_len; i++)
		db_close(s.dbs[i]);
	free(s.dbs);
	pthread_mutex_destroy(&s.mu);
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

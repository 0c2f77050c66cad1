/* reply.c: JSON answers, redirects and downloads (see reply.h). */
#include "web/reply.h"
#include "base/err.h"
#include <stdlib.h>
#include <string.h>

int reply_json(struct req *r, int status, json_t *v)
{
	if (!v)
		return PH_ENOMEM;
	char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(v);
	if (!s)
		return PH_ENOMEM;
	buf_reset(&r->out);
	int rc = buf_puts(&r->out, s);
	if (!rc)
		rc = buf_putc(&r->out, '\n');
	free(s);
	if (rc)
		return rc;
	r->status = status;
	r->ctype_out = "application/json; charset=utf-8";
	return 0;
}

int reply_redirect(struct req *r, const char *url)
{
	/* A target built in the arena that refused it: not "/", an error. */
	if (!url && arena_failed(r->a))
		return PH_ENOMEM;
	r->status = 303;
	/* Only local paths: "//host" or a scheme would leave the site, and
	 * browsers drop tabs and line breaks and read "\\" as "/", so that
	 * "/\t/host" would too. */
	if (!url || url[0] != '/' || url[1] == '/' || url[1] == '\\')
		url = "/";
	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		if (*p <= ' ' || *p == 0x7F || *p == '\\')
			url = "/";
	req_add_header(r, "Location", url);
	return arena_failed(r->a) ? PH_ENOMEM : 0;
}

int reply_file(struct req *r, const char *data, size_t len, const char *mime,
               const char *name, int inline_)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf ascii, enc;
	buf_init(&ascii, 1024);
	buf_init(&enc, 4096);
	for (const unsigned char *p = (const unsigned char *)(name ? name : "tep"); *p; p++) {
		unsigned char c = *p;
		int plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		            (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
		/* One '_' per character, not per byte, in the ASCII fallback. */
		if (plain)
			buf_putc(&ascii, (char)c);
		else if ((c & 0xC0) != 0x80)
			buf_putc(&ascii, '_');
		if (plain) {
			buf_putc(&enc, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			buf_append(&enc, e, 3);
		}
	}
	char *cd = arena_printf(r->a, "%s; filename=\"%s\"; filename*=UTF-8''%s",
	                        inline_ ? "inline" : "attachment", buf_str(&ascii), buf_str(&enc));
	buf_cleanup(&ascii);
	buf_cleanup(&enc);
	if (!cd)
		return PH_ENOMEM;
	req_add_header(r, "Content-Disposition", cd);
	r->ctype_out = mime ? mime : "application/octet-stream";
	r->download = data;
	r->download_len = len;
	r->status = 200;
	return 0;
}

int reply_body_object(struct req *r, json_t **out)
{
	*out = NULL;
	if (!r->body || !r->body_len) {
		r->err_detail = "the request body must be a JSON object";
		return PH_EBADREQ;
	}
	json_error_t e;
	json_t *v = json_loadb(r->body, r->body_len, 0, &e);
	if (!v || !json_is_object(v)) {
		json_decref(v);
		r->err_detail = v ? "the request body must be a JSON object"
		                  : arena_printf(r->a, "bad JSON at line %d: %s", e.line, e.text);
		return PH_EBADREQ;
	}
	*out = v;
	return 0;
}

const char *json_str(json_t *o, const char *key, int *rc)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		*rc = PH_EBADREQ;
		return NULL;
	}
	return json_string_value(v);
}

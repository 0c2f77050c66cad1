/* download.c: the table downloads' parameters and answer (download.h). */
#include "web/download.h"
#include "base/buf.h"
#include "base/err.h"
#include "export/export.h"
#include "export/tables.h"
#include "web/html.h"
#include "web/reply.h"
#include <string.h>

int download_params(struct req *r, int *format, char *sep)
{
	const char *f = req_query(r, "format");
	const char *s = req_query(r, "sep");
	*format = 0;
	*sep = ',';
	if (!f || (export_format_parse(f, format) || (*format != EXPORT_CSV &&
	                                              *format != EXPORT_XLSX))) {
		r->err_detail = "format must be xlsx or csv";
		r->err_reason_vi = "Định dạng tệp phải là Excel (xlsx) hoặc CSV.";
		return PH_EBADREQ;
	}
	if (s && *s && strcmp(s, "comma")) {
		if (strcmp(s, "semicolon")) {
			r->err_detail = "sep must be comma or semicolon";
			r->err_reason_vi = "Dấu phân cách của tệp CSV phải là dấu phẩy hoặc dấu chấm phẩy.";
			return PH_EBADREQ;
		}
		*sep = ';';
	}
	return 0;
}

struct buf *download_body(struct req *r)
{
	buf_reset(&r->out);
	return &r->out;
}

int download_send(struct req *r, int format, const char *stem)
{
	const char *ext = export_format_name(format);
	const char *name = ext && stem ? arena_printf(r->a, "%s.%s", stem, ext) : NULL;
	if (!name)
		return PH_ENOMEM;
	/* The bytes stay in r->out, sent in its place (reply_file borrows
	 * them until the request ends). */
	return reply_file(r, r->out.data ? r->out.data : "", r->out.len,
	                  export_format_mime(format), name, 0);
}

static void url_part(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '.' || *p == '_' || *p == '~') {
			buf_putc(b, (char)*p);
		} else {
			char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			buf_append(b, e, 3);
		}
	}
}

const char *download_link(struct req *r, const char *path, const char *format)
{
	struct buf b;
	buf_init(&b, 16384);
	buf_puts(&b, path);
	buf_putc(&b, '?');
	for (size_t i = 0; i < r->query_len; i++) {
		const struct req_param *q = &r->query[i];
		if (!q->name || !q->value || !*q->value || !strcmp(q->name, "page") ||
		    !strcmp(q->name, "format") || !strcmp(q->name, "ok"))
			continue;
		url_part(&b, q->name);
		buf_putc(&b, '=');
		url_part(&b, q->value);
		buf_putc(&b, '&');
	}
	buf_puts(&b, "format=");
	buf_puts(&b, format);
	const char *s = buf_error(&b) ? NULL : arena_strdup(r->a, buf_str(&b));
	buf_cleanup(&b);
	return s;
}

void download_buttons(struct req *r, const char *path)
{
	H(r, "<p class=\"downloads no-print\"><a class=\"button\" download href=\"");
	html_attr(r, download_link(r, path, "xlsx"));
	H(r, "\">Tải Excel</a> <a class=\"button\" download href=\"");
	html_attr(r, download_link(r, path, "csv"));
	H(r, "\">Tải CSV</a></p>");
}

int download_plan(struct req *r)
{
	int format = 0;
	char sep = ',';
	const char *f = req_query(r, "format");
	int rc = 0;
	if (f && !strcmp(f, "docx"))
		format = EXPORT_DOCX;
	else
		rc = download_params(r, &format, &sep);
	if (rc) {
		r->err_detail = "format must be docx, xlsx or csv";
		r->err_reason_vi = "Định dạng tệp phải là Word (docx), Excel (xlsx) hoặc CSV.";
		return rc;
	}
	rc = format == EXPORT_DOCX ? export_plan_docx(r->db, r->a, r->id, download_body(r))
	                           : export_plan_tasks(r->db, r->a, r->id, format, sep, download_body(r));
	if (rc)
		return rc;
	return download_send(r, format, arena_printf(r->a, "ke-hoach-%lld", r->id));
}

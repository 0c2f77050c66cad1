/* tasks.c: /api/v1/tasks: the filtered, sorted, paged list; one task;
 * PATCH (status); progress notes; attached files (upload, list, and
 * /api/v1/files/{id} to download); a task's history from the audit log.
 * Access to a particular task is checked by the model (task.c). */
#include "api/api.h"
#include "api/apiutil.h"
#include "api/json_out.h"
#include "base/err.h"
#include "model/audit.h"
#include "model/task.h"
#include "web/download.h"
#include "web/reply.h"
#include "export/tables.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* "2024-Q3" into the quarter's first and last day. PH_EBADREQ when the
 * text is not YYYY-Qn, PH_EINVAL when it is but the year or quarter is
 * out of range. */
static int parse_quarter(struct req *r, const char *s, struct ph_date *from,
                         struct ph_date *to)
{
	int y = 0, q = 0, n = 0;
	if (strlen(s) != 7 || sscanf(s, "%4d-Q%1d%n", &y, &q, &n) != 2 || n != 7) {
		r->err_detail = "quarter must look like 2024-Q3";
		return PH_EBADREQ;
	}
	if (y < 1900 || y > 2200 || q < 1 || q > 4) {
		r->err_detail = "quarter must be Q1 to Q4 of a year from 1900 to 2200";
		return PH_EINVAL;
	}
	*from = (struct ph_date){y, 3 * q - 2, 1};
	*to = (struct ph_date){y, 3 * q, date_days_in_month(y, 3 * q)};
	return 0;
}

static int sort_valid(const char *s)
{
	static const char *const keys[] = {"plan", "end", "status", "lead", "no"};
	if (*s == '-')
		s++;
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (!strcmp(s, keys[i]))
			return 1;
	return 0;
}

/* Read the list filters of GET /api/v1/tasks into q. */
static int read_query(struct req *r, struct task_query *q)
{
	memset(q, 0, sizeof *q);
	q->f.today = date_today();
	int rc = apiutil_query_id(r, "plan", &q->f.plan_id);
	if (!rc)
		rc = apiutil_query_id(r, "unit", &q->f.unit_id);
	if (rc)
		return rc;
	const char *s = req_query(r, "role");
	if (s && *s) {
		if (strcmp(s, "lead") && strcmp(s, "coordinating")) {
			r->err_detail = "role must be lead or coordinating";
			return PH_EINVAL;
		}
		q->f.role = s;
	}
	s = req_query(r, "quarter");
	if (s && *s && (rc = parse_quarter(r, s, &q->f.from, &q->f.to)))
		return rc;
	s = req_query(r, "status");
	if (s && *s) {
		if (!task_status_valid(s)) {
			r->err_detail = "status must be not_started, in_progress, done or cancelled";
			return PH_EINVAL;
		}
		q->f.status = s;
	}
	s = req_query(r, "overdue");
	if (s && *s) {
		if (!strcmp(s, "1") || !strcasecmp(s, "true"))
			q->f.overdue = 1;
		else if (strcmp(s, "0") && strcasecmp(s, "false")) {
			r->err_detail = "overdue must be 1 or 0";
			return PH_EBADREQ;
		}
	}
	s = req_query(r, "q");
	if (s && *s)
		q->text = s;
	s = req_query(r, "sort");
	if (s && *s) {
		if (!sort_valid(s)) {
			r->err_detail = "sort must be plan, end, status, lead or no, optionally with a leading -";
			return PH_EINVAL;
		}
		q->sort = s;
	}
	return apiutil_page(r, &q->limit, &q->offset);
}

int api_tasks(struct req *r)
{
	struct task_query q;
	int rc = read_query(r, &q);
	if (rc)
		return rc;
	struct task *t = NULL;
	size_t n = 0;
	long long total = 0;
	rc = task_search(r->db, r->a, &q, &t, &n, &total);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_task(&t[i]));
	return reply_json(r, 200, apiutil_list(items, total, q.limit, q.offset));
}

/* GET /api/v1/tasks/export?format=xlsx|csv&<the list's filters>: every
 * task the list holds with those filters (all pages) as a spreadsheet. */
int api_tasks_export(struct req *r)
{
	struct task_query q;
	int format = 0;
	char sep = ',';
	int rc = download_params(r, &format, &sep);
	if (!rc)
		rc = read_query(r, &q);
	if (!rc)
		rc = export_tasks(r->db, &q, format, sep, download_body(r));
	if (rc)
		return rc;
	return download_send(r, format, "danh-sach-nhiem-vu");
}

int api_task(struct req *r)
{
	struct task t;
	int rc = task_get(r->db, r->a, r->id, &t);
	if (rc)
		return rc;
	return reply_json(r, 200, json_task(&t));
}

int api_task_update(struct req *r)
{
	json_t *in = NULL;
	int rc = reply_body_object(r, &in);
	if (rc)
		return rc;
	const char *status = apiutil_json_str(r, in, "status", &rc);
	if (!rc && !status) {
		r->err_detail = "status is required (the only field that can be changed)";
		rc = PH_EBADREQ;
	}
	if (!rc)
		rc = task_set_status(r->db, r->user, r->id, status);
	if (rc == PH_EINVAL && !r->err_detail)
		r->err_detail = "status must be not_started, in_progress, done or cancelled";
	json_decref(in);
	if (rc)
		return rc;
	struct task t;
	rc = task_get(r->db, r->a, r->id, &t);
	if (rc)
		return rc;
	return reply_json(r, 200, json_task(&t));
}

int api_task_notes(struct req *r)
{
	int limit, offset;
	int rc = apiutil_page(r, &limit, &offset);
	struct task t;
	if (!rc)
		rc = task_get(r->db, r->a, r->id, &t);
	struct task_note *notes = NULL;
	size_t n = 0;
	if (!rc)
		rc = task_notes(r->db, r->user, r->a, r->id, &notes, &n);
	if (rc)
		return rc;
	json_t *all = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(all, json_note(&notes[i]));
	return reply_json(r, 200, apiutil_slice(all, limit, offset));
}

int api_task_note_add(struct req *r)
{
	json_t *in = NULL;
	int rc = reply_body_object(r, &in);
	if (rc)
		return rc;
	const char *date = apiutil_json_str(r, in, "date", &rc);
	const char *text = apiutil_json_str(r, in, "text", &rc);
	if (!rc && !text) {
		r->err_detail = "text is required";
		rc = PH_EBADREQ;
	}
	long long id = 0;
	if (!rc)
		rc = task_add_note(r->db, r->user, r->id, date, text, &id);
	if (rc == PH_EINVAL && !r->err_detail)
		r->err_detail = "text must not be empty and date must be YYYY-MM-DD";
	json_decref(in);
	if (rc)
		return rc;
	/* The note alone: little memory after the commit. */
	struct task_note note;
	rc = task_note_get(r->db, r->user, r->a, id, &note);
	return rc ? rc : reply_json(r, 201, json_note(&note));
}

int api_task_files(struct req *r)
{
	int limit, offset;
	int rc = apiutil_page(r, &limit, &offset);
	struct task t;
	if (!rc)
		rc = task_get(r->db, r->a, r->id, &t);
	struct attachment *at = NULL;
	size_t n = 0;
	if (!rc)
		rc = task_attachments(r->db, r->user, r->a, r->id, &at, &n);
	if (rc)
		return rc;
	json_t *all = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(all, json_attachment(&at[i]));
	return reply_json(r, 200, apiutil_slice(all, limit, offset));
}

/* Upload: a multipart/form-data field "file", or the raw body named by
 * ?name=. */
int api_task_file_add(struct req *r)
{
	const char *name = NULL;
	const void *data = NULL;
	size_t len = 0;
	const char *ct = r->content_type;
	if (ct && !strncasecmp(ct, "multipart/form-data", 19)) {
		const struct req_param *p = req_form_param(r, "file");
		if (!p || !p->filename) {
			r->err_detail = "the multipart body needs a file field named \"file\"";
			return PH_EBADREQ;
		}
		name = p->filename;
		data = p->value;
		len = p->len;
	} else {
		name = req_query(r, "name");
		if (!name || !*name) {
			r->err_detail = "send multipart/form-data with a \"file\" field, or the raw"
			                " bytes with ?name=FILE";
			return PH_EBADREQ;
		}
		data = r->body ? r->body : "";
		len = r->body_len;
	}
	long long id = 0;
	struct task_refusal why = {0};
	int rc = task_attach_why(r->db, r->user, r->id, name, data, len, r->cfg->max_upload, &id,
	                         &why);
	if (rc && why.detail)
		r->err_detail = why.detail; /* the hour's volume or the unit's quota */
	else if (rc == PH_ETOOBIG)
		r->err_detail = arena_printf(r->a, "the file is larger than %zu bytes",
		                             r->cfg->max_upload);
	if (rc)
		return rc;
	/* The record alone: little memory after the commit. */
	struct attachment at;
	rc = task_attachment_get(r->db, r->user, r->a, id, &at);
	if (rc)
		return rc;
	req_add_header(r, "Location", arena_printf(r->a, "/api/v1/files/%lld", id));
	return reply_json(r, 201, json_attachment(&at));
}

int api_task_history(struct req *r)
{
	int limit, offset;
	int rc = apiutil_page(r, &limit, &offset);
	struct task t;
	if (!rc)
		rc = task_get(r->db, r->a, r->id, &t);
	struct audit_entry *e = NULL;
	size_t n = 0;
	if (!rc)
		rc = task_history(r->db, r->user, r->a, r->id, &e, &n);
	if (rc)
		return rc;
	json_t *all = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(all, json_audit_entry(&e[i]));
	return reply_json(r, 200, apiutil_slice(all, limit, offset));
}

/* Types a browser may show in place; anything else (HTML, SVG, scripts)
 * is always a download. */
static int showable(const char *mime)
{
	return !strcmp(mime, "image/png") || !strcmp(mime, "image/jpeg") ||
	       !strcmp(mime, "image/gif") || !strcmp(mime, "application/pdf");
}

int api_file(struct req *r)
{
	struct attachment at;
	const void *data = NULL;
	int rc = attachment_get(r->db, r->user, r->a, r->id, &at, &data);
	if (rc)
		return rc;
	const char *mime = at.mime ? at.mime : "application/octet-stream";
	return reply_file(r, data, (size_t)at.size, mime, at.name, showable(mime));
}

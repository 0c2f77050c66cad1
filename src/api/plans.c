/* plans.c: /api/v1/plans: the list, one plan with everything the import
 * stored (sections, tasks with coordinators, report deadlines, targets,
 * legal references, recipients, signers, review items), and the data of
 * the timeline chart. The tasks of a plan come a page at a time, by key
 * (?after= / ?before= a task id, ?limit=), with the next and previous
 * keys in "tasks_page"; the other lists stop at PLAN_LIST_MAX items. */
#include "api/api.h"
#include "api/apiutil.h"
#include "api/json_out.h"
#include "base/err.h"
#include "db/store.h"
#include "model/plan.h"
#include "model/task.h"
#include "web/req.h"
#include "web/reply.h"
#include "model/document.h"
#include <stdlib.h>
#include <string.h>

int api_plans(struct req *r)
{
	int limit, offset;
	int rc = apiutil_page(r, &limit, &offset);
	struct plan *p = NULL;
	size_t n = 0;
	if (!rc)
		rc = plan_list(r->db, r->a, &p, &n);
	if (rc)
		return rc;
	json_t *all = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(all, json_plan(&p[i]));
	return reply_json(r, 200, apiutil_slice(all, limit, offset));
}

/* Rows of store_plan_rows as objects: names[k] is column k's field;
 * kinds[k] 'i' integer, 'n' number, 'b' boolean, else string. */
static json_t *rows_json(const struct store_row *rows, size_t n, const char *const *names,
                         const char *kinds)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		for (int k = 0; names[k]; k++) {
			const char *v = rows[i].c[k];
			json_t *x;
			if (!v)
				x = json_null();
			else if (kinds[k] == 'i')
				x = json_integer(strtoll(v, NULL, 10));
			else if (kinds[k] == 'n')
				x = json_real(strtod(v, NULL));
			else if (kinds[k] == 'b')
				x = json_boolean(strcmp(v, "0") != 0);
			else
				x = json_string(v);
			json_object_set_new(o, names[k], x);
		}
		json_array_append_new(arr, o);
	}
	return arr;
}

/* ?after=, ?before= (task ids) and ?limit= (1..TASK_PAGE_MAX, default
 * TASK_PAGE_SIZE) of a plan's task page. 0 or PH_EBADREQ. */
static int page_params(struct req *r, long long *after, long long *before, int *limit)
{
	int offset = 0;
	*limit = 0;
	int rc = apiutil_query_id(r, "after", after);
	if (!rc)
		rc = apiutil_query_id(r, "before", before);
	if (!rc && *after && *before) {
		r->err_detail = "give after or before, not both";
		rc = PH_EBADREQ;
	}
	if (!rc && req_query(r, "limit")) {
		rc = apiutil_page(r, limit, &offset);
		if (!rc && *limit > TASK_PAGE_MAX) {
			r->err_detail = arena_printf(r->a, "limit must be a number from 1 to %d",
			                             TASK_PAGE_MAX);
			rc = PH_EBADREQ;
		}
	}
	return rc;
}

/* The page of a plan's tasks the request asks for; a key that is not one
 * of the plan's tasks is a bad request (400). */
static int read_page(struct req *r, struct task_page *pg)
{
	long long after = 0, before = 0;
	int limit = 0;
	int rc = page_params(r, &after, &before, &limit);
	if (!rc)
		rc = task_plan_page(r->db, r->a, r->id, after, before, limit, pg);
	if (rc == PH_EINVAL) {
		r->err_detail = "after/before must be the id of a task of this plan";
		rc = PH_EBADREQ;
	}
	return rc;
}

/* "tasks_page": where the page sits and the keys of its neighbours. */
static json_t *page_json(const struct task_page *pg, long long total)
{
	return json_pack("{s:I, s:i, s:I, s:I, s:o, s:o}", "total", (json_int_t)total,
	                 "limit", pg->limit, "first", (json_int_t)pg->first,
	                 "count", (json_int_t)pg->n,
	                 "next", pg->next ? json_integer(pg->next) : json_null(),
	                 "prev", pg->prev ? json_integer(pg->prev) : json_null());
}

int api_plan(struct req *r)
{
	struct plan p;
	struct task_page pg;
	memset(&pg, 0, sizeof pg);
	int rc = plan_get(r->db, r->a, r->id, &p);
	struct plan_section *sec = NULL;
	size_t nsec = 0;
	int cut[7] = {0};
	if (!rc)
		rc = store_plan_sections_max(r->db, r->a, r->id, PLAN_LIST_MAX, &sec, &nsec, &cut[6]);
	if (!rc)
		rc = read_page(r, &pg);
	static const char *const what[] = {"deadlines", "targets", "references",
	                                   "recipients", "signers", "review"};
	static const char *const field[] = {"deadlines", "targets", "references",
	                                    "recipients", "signers", "review_items", "sections"};
	static const char *const cols[][8] = {
		{"text", "kind", "due", "to", NULL},
		{"text", "op", "value", "unit", "year_from", "year_to", "each_year", NULL},
		{"text", "number", "date", NULL},
		{"text", NULL},
		{"name", "position", "authority", "organization", NULL},
		{"line", "what", "place", NULL},
	};
	static const char *const kinds[] = {"ssss", "ssnsiib", "sss", "s", "ssss", "iss"};
	struct store_row *rows[6] = {0};
	size_t nrows[6] = {0};
	for (int k = 0; !rc && k < 6; k++)
		rc = store_plan_rows(r->db, r->a, r->id, what[k], PLAN_LIST_MAX, &rows[k],
		                     &nrows[k], &cut[k]);
	if (rc)
		return rc;
	json_t *o = json_plan(&p);
	json_t *sa = json_array();
	for (size_t i = 0; i < nsec; i++)
		json_array_append_new(sa, json_section(&sec[i]));
	json_object_set_new(o, "sections", sa);
	json_t *ta = json_array();
	for (size_t i = 0; i < pg.n; i++)
		json_array_append_new(ta, json_task(&pg.t[i]));
	json_object_set_new(o, "tasks", ta);
	json_object_set_new(o, "tasks_page", page_json(&pg, p.tasks));
	json_t *truncated = json_array();
	for (int k = 0; k < 7; k++) {
		if (k < 6)
			json_object_set_new(o, field[k], rows_json(rows[k], nrows[k], cols[k], kinds[k]));
		if (cut[k])
			json_array_append_new(truncated, json_string(field[k]));
	}
	json_object_set_new(o, "truncated", truncated);
	return reply_json(r, 200, o);
}

/* The year the chart covers: the plan's, else its period's, else today's. */
static int chart_year(const struct plan *p, struct ph_date today)
{
	struct ph_date d;
	if (p->year > 0)
		return p->year;
	if (p->period_start && !date_parse_iso(p->period_start, &d))
		return d.y;
	return today.y;
}

int api_plan_timeline(struct req *r)
{
	struct plan p;
	struct task_page pg;
	memset(&pg, 0, sizeof pg);
	int rc = plan_get(r->db, r->a, r->id, &p);
	if (!rc)
		rc = read_page(r, &pg);
	if (rc)
		return rc;
	struct ph_date today = date_today();
	char iso[11];
	int year = chart_year(&p, today);
	json_t *quarters = json_array();
	for (int q = 1; q <= 4; q++) {
		char from[11], to[11];
		const char *name = arena_printf(r->a, "%d-Q%d", year, q);
		if (!name) {
			json_decref(quarters);
			return PH_ENOMEM;
		}
		date_iso((struct ph_date){year, 3 * q - 2, 1}, from);
		date_iso((struct ph_date){year, 3 * q, date_days_in_month(year, 3 * q)}, to);
		json_array_append_new(quarters, json_pack("{s:s, s:s, s:s}", "name", name,
		                      "start", from, "end", to));
	}
	const struct task *t = pg.t;
	json_t *tasks = json_array();
	for (size_t i = 0; i < pg.n; i++)
		json_array_append_new(tasks, json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:b}",
		                      "id", (json_int_t)t[i].id, "no", json_str_or_null(t[i].no),
		                      "content", json_str_or_null(t[i].content),
		                      "lead", json_str_or_null(t[i].lead_name ? t[i].lead_name
		                                                              : t[i].lead_text),
		                      "start", json_str_or_null(t[i].start),
		                      "end", json_str_or_null(t[i].end),
		                      "status", json_str_or_null(t[i].status),
		                      "overdue", t[i].overdue != 0));
	date_iso(today, iso);
	return reply_json(r, 200, json_pack("{s:I, s:o, s:i, s:s, s:o, s:o, s:o}",
	                  "plan_id", (json_int_t)p.id, "title", json_str_or_null(p.title),
	                  "year", year, "today", iso, "quarters", quarters, "tasks", tasks,
	                  "tasks_page", page_json(&pg, p.tasks)));
}

/* GET /api/v1/documents/{id}/file: the Word or PDF file a document was
 * imported from; 404 for a document that came as text. */
int api_document_file(struct req *r)
{
	char *name = NULL, *format = NULL;
	const void *data = NULL;
	size_t len = 0;
	int rc = document_file_get(r->db, r->a, r->id, &name, &format, &data, &len);
	if (rc == PH_ENOTFOUND)
		r->err_detail = "no such document, or it was imported as text";
	if (rc)
		return rc;
	return reply_file(r, data, len, document_file_mime(format), name, 0);
}

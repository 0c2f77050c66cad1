/* imports.c: /api/v1/imports: preview a document (check, read, extract,
 * resolve agency names, find the leads outside the caller's reach; nothing
 * is written) and import it (apply the caller's unit corrections, refuse
 * leads outside the reach (403) unless an administrator imports, require
 * the review list to be confirmed, save in one transaction). The text
 * travels in the request both times, so the server keeps no state between
 * preview and import.
 *
 * A raw body of any type but JSON is a file, known by its content: a Word
 * file (.docx, .doc) or a PDF is rendered into text (import/render.h) and
 * kept with the document; anything else is text. The format a text is
 * read in (docs/API.md): the JSON field "format" or the query parameter
 * ?format= ("text" or "markdown"); else Markdown for a raw body sent as
 * text/markdown or a source name ending in .md or .markdown; else plain
 * text. */
#include "api/api.h"
#include "api/apiutil.h"
#include "api/json_out.h"
#include "base/err.h"
#include "import/agency.h"
#include "import/extract.h"
#include "import/extract_json.h"
#include "model/document.h"
#include "model/import_targets.h"
#include "model/unit.h"
#include "web/reply.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The Vietnamese reason of a refused import with leads outside the reach. */
#define IMPORT_REACH_VI "Văn bản giao chủ trì nhiệm vụ cho đơn vị nằm ngoài phạm vi của bạn" \
	" (không thuộc đơn vị của bạn, các đơn vị cấp dưới, hay các bên ban hành, phối hợp văn" \
	" bản): cần quản trị viên xác nhận nhập."

/* The format named by s (the "format" field or parameter) into *f; when
 * s is NULL, *f is markdown when markdown is set, else from the source
 * name. PH_EBADREQ for another string. */
static int pick_format(struct req *r, const char *s, int markdown, const char *source,
                       enum doc_format *f)
{
	if (!s) {
		*f = markdown ? DOC_MARKDOWN : doc_format_from_name(source);
		return 0;
	}
	if (doc_format_parse(s, f) == 0)
		return 0;
	r->err_detail = "format must be \"text\" or \"markdown\"";
	return PH_EBADREQ;
}

/* The name of a file sent without one, by what it holds. */
static const char *upload_name(const char *data, size_t len, int markdown)
{
	switch (document_sniff(data, len)) {
	case DOC_DOCX: return "upload.docx";
	case DOC_DOC: return "upload.doc";
	case DOC_PDF: return "upload.pdf";
	default: return markdown ? "upload.md" : "upload.txt";
	}
}

/* The document sent: a JSON body {"text", "source_name", "format", ...}
 * (*in gets the object, caller releases) or a raw body (a file of any
 * type: text/plain, text/markdown, a Word file, a PDF) named by ?name=
 * (and ?format=). *data and *len borrow from the request or *in; *format
 * gets the format to read a text in (see the top of the file). */
static int read_document(struct req *r, json_t **in, const char **data, size_t *len,
                         const char **source, enum doc_format *format)
{
	*in = NULL;
	const char *ct = r->content_type ? r->content_type : "";
	int md = !strncasecmp(ct, "text/markdown", 13);
	size_t ctn = strcspn(ct, "; ");
	int json = (ctn == 16 && !strncasecmp(ct, "application/json", 16)) ||
	           (ctn > 17 && !strncasecmp(ct + ctn - 5, "+json", 5));
	if (!json) {
		*data = r->body ? r->body : "";
		*len = r->body_len;
		*source = req_query(r, "name");
		if (!*source || !**source)
			*source = upload_name(*data, *len, md);
		return pick_format(r, req_query(r, "format"), md, *source, format);
	}
	int rc = reply_body_object(r, in);
	if (rc) {
		r->err_detail = "send JSON {\"text\": ..., \"source_name\": ...} or the file"
		                " as the raw body (text, Word or PDF)";
		return rc;
	}
	json_t *t = json_object_get(*in, "text"), *f = json_object_get(*in, "file_base64");
	*source = apiutil_json_str(r, *in, "source_name", &rc);
	const char *fmt = rc ? NULL : apiutil_json_str(r, *in, "format", &rc);
	if (!rc && !json_is_string(t) == !json_is_string(f)) {
		r->err_detail = "give text (a string) or file_base64 (a Word or PDF file in base64),"
		                " one of them";
		rc = PH_EBADREQ;
	}
	if (rc)
		return rc;
	if (f) {
		/* A Word or PDF file in the JSON, so that unit corrections can go
		 * with it; the body limit bounds it. */
		size_t blen = json_string_length(f), cap = blen / 4 * 3 + 3, got = 0;
		unsigned char *bin = arena_alloc(r->a, cap + 1);
		if (!bin)
			return PH_ENOMEM;
		if (sodium_base642bin(bin, cap, json_string_value(f), blen, " \r\n", &got, NULL,
		                      sodium_base64_VARIANT_ORIGINAL) != 0) {
			r->err_detail = "file_base64 is not base64";
			return PH_EBADREQ;
		}
		bin[got] = 0;
		*data = (const char *)bin;
		*len = got;
	} else {
		*data = json_string_value(t);
		*len = json_string_length(t);
	}
	if (!*source || !**source)
		*source = upload_name(*data, *len, 0);
	return pick_format(r, fmt, 0, *source, format);
}

/* Read and extract the document: *doc (document_input_free) holds its
 * text (the rendering of a Word or PDF file), *res the resolver it was read
 * with (caller frees, resolver_free); ex must be initialized and gets the
 * file's bytes as its original when it is a Word or PDF file. The codes
 * are document_read's (422, 413). */
static int check_extract(struct req *r, const char *data, size_t len, enum doc_format format,
                         struct document_input *doc, char hash[static 65],
                         struct extraction *ex, struct resolver **res_out)
{
	char why[256] = "";
	int rc = document_read(data, len, format, doc, why, sizeof why);
	if (rc) {
		r->err_detail = why[0] ? arena_strdup(r->a, why) : NULL;
		return rc;
	}
	if (doc->format == DOC_DOCX || doc->format == DOC_DOC || doc->format == DOC_PDF) {
		ex->original = data;
		ex->original_len = len;
	}
	struct resolver *res = unit_resolver_db(r->db, &rc);
	if (!res)
		return rc ? rc : PH_ENOMEM;
	*res_out = res;
	rc = document_extract_input(doc, res, ex);
	if (rc == PH_EFORMAT)
		r->err_detail = "no document text could be read";
	if (rc == PH_ETOOBIG)
		r->err_detail = arena_printf(r->a, "reading the document needs more than %zu MiB",
		                             DOCUMENT_EXTRACTION_MAX_MEMORY / (1024 * 1024));
	if (!rc)
		rc = document_hash(doc->text, doc->len, hash);
	return rc;
}

/* The tasks whose lead is outside the caller's reach and the document's
 * parties: [{"task", "no", "line", "lead_text", "lead_unit_id",
 * "lead_unit_name"}]. */
static json_t *outside_json(const struct extraction *ex, const struct document_reach *rc)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < rc->noutside; i++) {
		const struct ex_task *t = &ex->tasks[rc->outside[i].task];
		json_array_append_new(arr, json_pack("{s:I, s:o, s:i, s:o, s:I, s:o}",
		    "task", (json_int_t)rc->outside[i].task, "no", json_str_or_null(t->no),
		    "line", t->line, "lead_text", json_str_or_null(t->lead.text),
		    "lead_unit_id", (json_int_t)rc->outside[i].unit_id,
		    "lead_unit_name", json_str_or_null(t->lead.unit)));
	}
	return arr;
}

/* The preview's "reach": the parties found and the tasks an
 * administrator must confirm. */
static int reach_json(struct req *r, const struct extraction *ex,
                      const struct document_reach *rc, json_t **out)
{
	json_t *parties = json_array();
	for (size_t i = 0; parties && i < rc->nparties; i++) {
		struct unit u;
		int e = unit_get(r->db, r->a, rc->parties[i], &u);
		if (e) {
			json_decref(parties);
			return e;
		}
		json_array_append_new(parties, json_unit(&u));
	}
	*out = json_pack("{s:o, s:o, s:b}", "parties", parties, "outside_reach",
	                 outside_json(ex, rc), "administrator_needed", rc->noutside > 0);
	return *out ? 0 : PH_ENOMEM;
}

int api_import_preview(struct req *r)
{
	json_t *in = NULL, *reach = NULL;
	const char *data = NULL, *source = NULL;
	size_t len = 0;
	char hash[65] = "";
	struct document_input doc_in;
	memset(&doc_in, 0, sizeof doc_in);
	struct extraction ex;
	struct resolver *res = NULL;
	struct document_reach dr;
	extraction_init_capped(&ex, DOCUMENT_EXTRACTION_MAX_MEMORY);
	enum doc_format format = DOC_TEXT;
	int rc = read_document(r, &in, &data, &len, &source, &format);
	if (!rc)
		rc = check_extract(r, data, len, format, &doc_in, hash, &ex, &res);
	/* Leads outside the reach show as review items before any confirm. */
	if (!rc)
		rc = document_reach(r->db, r->user, res, &ex, doc_in.text, doc_in.len, 1, r->a, &dr);
	if (!rc)
		rc = reach_json(r, &ex, &dr, &reach);
	struct document_prior prior;
	if (!rc)
		rc = document_prior(r->db, r->a, &ex, doc_in.text, doc_in.len, &prior);
	if (!rc) {
		json_t *o = extraction_json(&ex);
		rc = o ? document_prior_json(o, &prior) : PH_ENOMEM;
		if (!rc) {
			json_object_set_new(o, "hash", json_string(hash));
			json_object_set_new(o, "source_name", json_string(source));
			json_object_set_new(o, "reach", reach);
			reach = NULL;
			rc = reply_json(r, 200, o);
		} else {
			json_decref(o);
		}
	}
	json_decref(reach);
	document_input_free(&doc_in);
	resolver_free(res);
	extraction_cleanup(&ex);
	json_decref(in);
	return rc;
}

/* Apply {"<text as written>": unit_id, ...} to the extraction. */
static int apply_units(struct req *r, json_t *units, struct extraction *ex)
{
	if (!units || json_is_null(units))
		return 0;
	if (!json_is_object(units)) {
		r->err_detail = "units must be an object {\"name as written\": unit_id}";
		return PH_EBADREQ;
	}
	const char *key;
	json_t *v;
	json_object_foreach(units, key, v) {
		if (!json_is_integer(v) || json_integer_value(v) <= 0) {
			r->err_detail = arena_printf(r->a, "units[\"%s\"] must be a unit id", key);
			return PH_EBADREQ;
		}
		int rc = document_set_unit(r->db, ex, key, (long long)json_integer_value(v));
		if (rc == PH_ENOTFOUND) /* the unit named in the body, not the URL */
			rc = PH_EINVAL;
		if (rc) {
			r->err_detail = arena_printf(r->a, "cannot use unit %lld for \"%s\"",
			                             (long long)json_integer_value(v), key);
			return rc;
		}
	}
	return 0;
}

/* "indicators": [{"target": index into the preview's targets, "name",
 * "code", "type", "level"}, ...] into *out (arena). type and level may be
 * left out (defaults: rate for a "%" target, else count; the level of
 * the caller's unit). */
static int read_choices(struct req *r, json_t *arr, struct import_target_choice **out,
                        size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!arr || json_is_null(arr))
		return 0;
	if (!json_is_array(arr)) {
		r->err_detail = "indicators must be an array of {\"target\", \"name\", \"code\","
		                " \"type\", \"level\"}";
		return PH_EBADREQ;
	}
	size_t len = json_array_size(arr);
	if (!len)
		return 0;
	*out = arena_alloc(r->a, len * sizeof **out);
	if (!*out)
		return PH_ENOMEM;
	for (size_t i = 0; i < len; i++) {
		json_t *o = json_array_get(arr, i), *t = json_object_get(o, "target");
		int rc = 0;
		struct import_target_choice *c = &(*out)[i];
		memset(c, 0, sizeof *c);
		if (!json_is_object(o) || !json_is_integer(t) || json_integer_value(t) < 0) {
			r->err_detail = arena_printf(r->a, "indicators[%zu]: an object with \"target\","
			                             " a 0-based index into the preview's targets", i);
			return PH_EBADREQ;
		}
		c->target = (size_t)json_integer_value(t);
		c->name = apiutil_json_str(r, o, "name", &rc);
		if (!rc)
			c->code = apiutil_json_str(r, o, "code", &rc);
		if (!rc)
			c->type = apiutil_json_str(r, o, "type", &rc);
		if (!rc)
			c->level = apiutil_json_str(r, o, "level", &rc);
		if (rc)
			return rc;
	}
	*n = len;
	return 0;
}

int api_import(struct req *r)
{
	json_t *in = NULL;
	const char *data = NULL, *source = NULL;
	size_t len = 0;
	char hash[65] = "";
	struct document_input doc_in;
	memset(&doc_in, 0, sizeof doc_in);
	struct extraction ex;
	struct resolver *res = NULL;
	struct document_reach dr;
	extraction_init_capped(&ex, DOCUMENT_EXTRACTION_MAX_MEMORY);
	enum doc_format format = DOC_TEXT;
	int rc = read_document(r, &in, &data, &len, &source, &format);
	int confirmed = 0;
	if (!rc && in) {
		json_t *c = json_object_get(in, "confirm_review");
		if (c && !json_is_boolean(c) && !json_is_null(c)) {
			r->err_detail = "confirm_review must be true or false";
			rc = PH_EBADREQ;
		}
		confirmed = json_is_true(c);
	} else if (!rc) {
		const char *c = req_query(r, "confirm_review");
		confirmed = c && (!strcmp(c, "1") || !strcasecmp(c, "true"));
	}
	if (!rc)
		rc = check_extract(r, data, len, format, &doc_in, hash, &ex, &res);
	if (!rc && in)
		rc = apply_units(r, json_object_get(in, "units"), &ex);
	/* The leads after the corrections: outside the reach and the
	 * document's parties, only an administrator's import writes them. */
	if (!rc)
		rc = document_reach(r->db, r->user, res, &ex, doc_in.text, doc_in.len, 1, r->a, &dr);
	if (!rc && dr.noutside) {
		rc = apiutil_error(r, PH_EFORBIDDEN, "lead units outside your reach: an administrator"
		                   " must confirm this import",
		                   json_pack("{s:s, s:o}", "reason", IMPORT_REACH_VI,
		                             "outside_reach", outside_json(&ex, &dr)));
		goto out;
	}
	if (!rc && ex.review_len && !confirmed) {
		rc = PH_EREVIEW;
		r->err_detail = arena_printf(r->a, "%zu item(s) need review; check them with"
		                             " /imports/preview and send \"confirm_review\": true",
		                             ex.review_len);
	}
	long long doc = 0, plan = 0, *ids = NULL;
	struct import_target_choice *choices = NULL;
	size_t nchoices = 0;
	const char *why = NULL;
	if (!rc && in)
		rc = read_choices(r, json_object_get(in, "indicators"), &choices, &nchoices);
	if (!rc && nchoices && !(ids = arena_alloc(r->a, nchoices * sizeof *ids)))
		rc = PH_ENOMEM;
	/* Whatever was read in a failed arena may have holes: nothing is saved. */
	if (!rc && arena_failed(r->a))
		rc = PH_ENOMEM;
	if (!rc)
		rc = document_save_with(r->db, r->user, &ex, source, doc_in.text, doc_in.len, choices, nchoices,
		                        ids, &doc, &plan, &why);
	if (rc && why)
		r->err_detail = arena_printf(r->a, "indicators: %s", why);
	if (rc == PH_EDUPLICATE && !doc) {
		/* an indicator code already taken: nothing was written */
	} else if (rc == PH_EDUPLICATE) {
		rc = apiutil_error(r, PH_EDUPLICATE,
		                   arena_printf(r->a, "already imported as document %lld", doc),
		                   json_pack("{s:I}", "document_id", (json_int_t)doc));
	} else if (!rc) {
		req_add_header(r, "Location", arena_printf(r->a, "/api/v1/plans/%lld", plan));
		json_t *made = json_array();
		for (size_t i = 0; i < nchoices; i++)
			json_array_append_new(made, json_integer((json_int_t)ids[i]));
		rc = reply_json(r, 201, json_pack("{s:I, s:I, s:s, s:I, s:I, s:o}",
		                "document_id", (json_int_t)doc, "plan_id", (json_int_t)plan,
		                "hash", hash, "tasks", (json_int_t)ex.tasks_len,
		                "review_items", (json_int_t)ex.review_len, "indicators", made));
	}
out:
	document_input_free(&doc_in);
	resolver_free(res);
	extraction_cleanup(&ex);
	json_decref(in);
	return rc;
}

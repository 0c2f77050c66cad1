/* openapi.c: the OpenAPI 3.0.3 description of /api/v1, built with
 * jansson from a table of operations and a set of schema builders, and
 * served at GET /api/v1/openapi.json. tests/unit/test_openapi.c checks it
 * against the route table in both directions: add a row to ops[] with
 * every new R_API route. The schemas describe json_out.c's shapes. */
#include "api/api.h"
#include "base/err.h"
#include "web/reply.h"
#include <stdarg.h>
#include <string.h>

/* ---- schema builders (each returns a new reference) ---- */

static json_t *ty(const char *type) { return json_pack("{s:s}", "type", type); }
static json_t *nty(const char *type) { return json_pack("{s:s, s:b}", "type", type, "nullable", 1); }
static json_t *fmt(const char *type, const char *format, int nullable)
{
	json_t *o = json_pack("{s:s, s:s}", "type", type, "format", format);
	if (nullable)
		json_object_set_new(o, "nullable", json_true());
	return o;
}
static json_t *ref(const char *name)
{
	char buf[128];
	snprintf(buf, sizeof buf, "#/components/schemas/%s", name);
	return json_pack("{s:s}", "$ref", buf);
}
static json_t *arr(json_t *items) { return json_pack("{s:s, s:o}", "type", "array", "items", items); }
static json_t *enm(const char *type, const char *values)
{
	json_t *e = json_array();
	char v[64];
	for (const char *p = values; *p;) {
		size_t n = strcspn(p, " ");
		snprintf(v, sizeof v, "%.*s", (int)n, p);
		json_array_append_new(e, json_string(v));
		p += n;
		p += *p == ' ';
	}
	return json_pack("{s:s, s:o}", "type", type, "enum", e);
}
static json_t *desc(json_t *schema, const char *text)
{
	json_object_set_new(schema, "description", json_string(text));
	return schema;
}

/* A figure in a request: a JSON number as it is, or a string read the
 * Vietnamese way (base/vnnum.h); nullable when it may be null. */
static json_t *figure(int nullable, const char *text)
{
	json_t *num = nullable ? nty("number") : ty("number");
	return desc(json_pack("{s:[o, o]}", "oneOf", num, ty("string")), text);
}

/* An object schema: required is a space-separated list of names (may be
 * ""); then (name, schema) pairs, NULL-terminated. */
static json_t *obj(const char *required, ...)
{
	json_t *props = json_object();
	va_list ap;
	va_start(ap, required);
	const char *name;
	while ((name = va_arg(ap, const char *)))
		json_object_set_new(props, name, va_arg(ap, json_t *));
	va_end(ap);
	json_t *o = json_pack("{s:s, s:o}", "type", "object", "properties", props);
	if (*required) {
		json_t *req = json_array();
		char v[64];
		for (const char *p = required; *p;) {
			size_t n = strcspn(p, " ");
			snprintf(v, sizeof v, "%.*s", (int)n, p);
			json_array_append_new(req, json_string(v));
			p += n;
			p += *p == ' ';
		}
		json_object_set_new(o, "required", req);
	}
	return o;
}

/* A list envelope of items of schema name. */
static json_t *list_of(const char *name)
{
	return obj("items total limit offset", "items", arr(ref(name)),
	           "total", desc(ty("integer"), "matching items in all pages"),
	           "limit", ty("integer"), "offset", ty("integer"), NULL);
}

/* The first page of a unit's or dashboard's tasks, with the total. */
static json_t *task_page(void)
{
	return obj("items total", "items", arr(ref("Task")), "total", ty("integer"),
	           "more", desc(ty("string"), "the list URL with every page"), NULL);
}

static json_t *schemas(void)
{
	json_t *s = json_object();
	json_object_set_new(s, "Error", obj("error", "error", obj("code message",
		"code", desc(ty("string"), "stable English identifier, e.g. not_found, invalid_value"),
		"message", desc(ty("string"), "Vietnamese sentence for people"),
		"detail", desc(ty("string"), "English detail (which field, which limit)"),
		"document_id", desc(ty("integer"), "409 on import: the document already imported"),
		"rows", desc(arr(ref("RowError")), "422 on indicator values, targets and report"
		             " figures: every refused row or figure"),
		"outside_reach", desc(arr(json_pack("{s:[o, o]}", "oneOf", ref("Unit"),
		                                   ref("OutsideLead"))),
		"403 on a schedule: the submitting units outside the caller's reach (Unit); on an"
		" import: the tasks whose lead is outside it (OutsideLead)"),
		"reason", desc(ty("string"), "403 on an import: why, in Vietnamese"),
		NULL), NULL));
	json_object_set_new(s, "RowError", obj("row column code message",
		"row", desc(ty("integer"), "CSV: the line of the file (the header is 1); JSON: the"
		            " 1-based position in the array (1 for a target)"),
		"column", desc(ty("string"), "unit, period, value, denominator or file"),
		"code", desc(ty("string"), "stable English reason, e.g. unknown_unit, not_integer,"
		             " ambiguous_number (\"2.5\": 2,5 or 25?), foreign_number (\"1,234.5\"),"
		             " not_a_number, number_too_long"),
		"message", desc(ty("string"), "Vietnamese sentence; for a figure that does not read,"
		                " how to write it (both readings of an ambiguous one)"), NULL));
	json_object_set_new(s, "User", obj("id login role unit_id",
		"id", ty("integer"), "login", ty("string"), "name", nty("string"),
		"unit_id", ty("integer"), "unit_name", nty("string"),
		"role", enm("string", "viewer editor approver coordinator admin"), NULL));
	json_object_set_new(s, "SessionCreate", obj("login password",
		"login", ty("string"), "password", fmt("string", "password", 0), NULL));
	json_object_set_new(s, "Session", obj("token csrf_token user",
		"token", desc(ty("string"), "bearer token: Authorization: Bearer TOKEN"),
		"csrf_token", desc(ty("string"), "X-CSRF-Token for requests signed in by cookie"),
		"user", ref("User"), NULL));
	json_object_set_new(s, "SignedOut", obj("signed_out", "signed_out", ty("boolean"), NULL));
	json_object_set_new(s, "Me", obj("user csrf_token", "user", ref("User"),
		"csrf_token", ty("string"), NULL));
	json_object_set_new(s, "Unit", obj("id name proposed",
		"id", ty("integer"), "key", nty("string"), "parent_id", nty("integer"),
		"kind", nty("string"), "level", nty("string"), "name", ty("string"),
		"short_name", nty("string"), "valid_from", fmt("string", "date", 1),
		"valid_to", fmt("string", "date", 1), "successor_id", nty("integer"),
		"proposed", desc(ty("boolean"), "named by an import, not yet in the registry"),
		NULL));
	json_object_set_new(s, "UnitWithAliases", json_pack("{s:[o, o]}", "allOf", ref("Unit"),
		obj("aliases", "aliases", arr(ty("string")), NULL)));
	json_object_set_new(s, "UnitDetail", json_pack("{s:[o, o]}", "allOf", ref("Unit"),
		obj("aliases tasks_lead tasks_coordinating", "aliases", arr(ty("string")),
		    "tasks_lead", task_page(), "tasks_coordinating", task_page(), NULL)));
	json_object_set_new(s, "UnitCreate", obj("name kind",
		"parent_id", nty("integer"), "kind", ty("string"), "level", nty("string"),
		"name", ty("string"), "short_name", nty("string"),
		"valid_from", fmt("string", "date", 1), "valid_to", fmt("string", "date", 1), NULL));
	json_object_set_new(s, "UnitPatch", desc(obj("",
		"name", ty("string"), "short_name", nty("string"),
		"valid_from", fmt("string", "date", 1), "valid_to", fmt("string", "date", 1), NULL),
		"name/short_name rename (the old name stays an alias); valid_from/valid_to set"
		" the validity (null clears). At least one field."));
	json_object_set_new(s, "AliasCreate", obj("alias", "alias", ty("string"), NULL));
	json_object_set_new(s, "UnitAccept", desc(obj("",
		"kind", desc(ty("string"), "committee, department, mass_org, party, front or other;"
		" default: its kind"),
		"level", desc(ty("string"), "central, province, district, commune or branch;"
		" default: its parent's level"), NULL),
		"the body is optional"));
	json_object_set_new(s, "UnitMerge", obj("into date",
		"into", desc(ty("integer"), "the unit that takes over"),
		"date", desc(fmt("string", "date", 0), "last day of the merged unit"), NULL));
	json_object_set_new(s, "MergeResult", obj("merged into", "merged", ref("Unit"),
		"into", ref("Unit"), NULL));
	json_object_set_new(s, "Plan", obj("id title task_count",
		"id", ty("integer"), "document_id", nty("integer"), "title", nty("string"),
		"type", nty("string"), "type_text", nty("string"), "issuers", nty("string"),
		"number", nty("string"), "symbol", nty("string"),
		"place", nty("string"), "date", fmt("string", "date", 1), "year", nty("integer"),
		"period_start", fmt("string", "date", 1), "period_end", fmt("string", "date", 1),
		"task_count", ty("integer"),
		"format", desc(enm("string", "text markdown docx doc pdf"), "what the document came as"),
		"source_name", nty("string"),
		"file", desc(nty("string"), "where its Word or PDF file is, null for a text"), NULL));
	json_object_set_new(s, "Section", obj("id no title level",
		"id", ty("integer"), "parent_id", nty("integer"), "no", nty("string"),
		"title", nty("string"), "level", ty("integer"), "line", ty("integer"), NULL));
	json_object_set_new(s, "Deadline", obj("text due",
		"plan_id", ty("integer"), "plan_title", nty("string"), "text", nty("string"),
		"kind", nty("string"), "due", fmt("string", "date", 1), "to", nty("string"), NULL));
	json_object_set_new(s, "TaskPage", obj("total limit first count next prev",
		"total", desc(ty("integer"), "tasks of the plan"),
		"limit", desc(ty("integer"), "page size asked for (default 200)"),
		"first", desc(ty("integer"), "1-based number in the plan of the page's first task"
		                             " (0 for an empty page)"),
		"count", desc(ty("integer"), "tasks on this page"),
		"next", desc(nty("integer"), "the next page's key, the id of this page's last task:"
		                             " ask again with ?after=next; null on the last page"),
		"prev", desc(nty("integer"), "the previous page's key, the id of this page's first"
		                             " task: ask again with ?before=prev; null on the first"),
		NULL));
	json_object_set_new(s, "PlanDetail", json_pack("{s:[o, o]}", "allOf", ref("Plan"),
		obj("sections tasks tasks_page deadlines targets references recipients signers"
		    " review_items truncated",
		    "sections", arr(ref("Section")),
		    "tasks", desc(arr(ref("Task")), "one page of the tasks, in document order"),
		    "tasks_page", ref("TaskPage"),
		    "truncated", desc(arr(enm("string", "sections deadlines targets references"
		                                        " recipients signers review_items")),
		                      "the lists cut at their first 1000 items"),
		    "deadlines", arr(obj("text", "text", nty("string"), "kind", nty("string"),
		                         "due", fmt("string", "date", 1), "to", nty("string"), NULL)),
		    "targets", arr(obj("text", "text", nty("string"), "op", nty("string"),
		                       "value", nty("number"), "unit", nty("string"),
		                       "year_from", nty("integer"), "year_to", nty("integer"),
		                       "each_year", nty("boolean"), NULL)),
		    "references", arr(obj("text", "text", nty("string"), "number", nty("string"),
		                          "date", fmt("string", "date", 1), NULL)),
		    "recipients", arr(obj("text", "text", nty("string"), NULL)),
		    "signers", arr(obj("", "name", nty("string"), "position", nty("string"),
		                       "authority", nty("string"), "organization", nty("string"), NULL)),
		    "review_items", arr(obj("what", "line", nty("integer"), "what", nty("string"), NULL)),
		    NULL)));
	json_object_set_new(s, "UnitRef", obj("unit_id text name",
		"unit_id", desc(nty("integer"), "null when unresolved or a group phrase"),
		"text", desc(nty("string"), "as written in the document"),
		"name", desc(nty("string"), "registry name"),
		"group", ty("boolean"), NULL));
	json_object_set_new(s, "Task", obj("id plan_id content status overdue lead coordinating timeframe",
		"id", ty("integer"), "plan_id", ty("integer"), "plan_title", nty("string"),
		"no", nty("string"), "section", nty("string"), "content", nty("string"),
		"lead", ref("UnitRef"), "coordinating", arr(ref("UnitRef")),
		"timeframe", obj("", "text", nty("string"), "start", fmt("string", "date", 1),
		                 "end", fmt("string", "date", 1), "kind", nty("string"),
		                 "expected", ty("boolean"), NULL),
		"notes", nty("string"),
		"status", enm("string", "not_started in_progress done cancelled"),
		"status_label", desc(ty("string"), "Vietnamese label of the status"),
		"overdue", desc(ty("boolean"), "end before today and not done or cancelled"),
		"line", ty("integer"), NULL));
	json_object_set_new(s, "TaskPatch", obj("status",
		"status", enm("string", "not_started in_progress done cancelled"), NULL));
	json_object_set_new(s, "Note", obj("id task_id date text",
		"id", ty("integer"), "task_id", ty("integer"), "user_id", nty("integer"),
		"user_name", nty("string"), "date", fmt("string", "date", 0), "text", ty("string"),
		"created_at", fmt("string", "date-time", 1), NULL));
	json_object_set_new(s, "NoteCreate", obj("text",
		"date", desc(fmt("string", "date", 1), "the day the progress refers to; default today"),
		"text", ty("string"), NULL));
	json_object_set_new(s, "Attachment", obj("id task_id name mime size url",
		"id", ty("integer"), "task_id", ty("integer"), "user_id", nty("integer"),
		"name", ty("string"), "mime", ty("string"), "size", ty("integer"),
		"sha256", nty("string"), "created_at", fmt("string", "date-time", 1),
		"url", desc(ty("string"), "download path"), NULL));
	json_object_set_new(s, "FileUpload", obj("file", "file", fmt("string", "binary", 0), NULL));
	json_object_set_new(s, "AuditEntry", obj("id at action entity",
		"id", ty("integer"), "at", fmt("string", "date-time", 0), "user_id", nty("integer"),
		"user_login", desc(nty("string"), "null for the command line"),
		"action", ty("string"), "entity", ty("string"), "entity_id", nty("integer"),
		"unit_id", desc(nty("integer"), "the unit the entry is about (a task's lead, a"
		" user's unit, ...); null: none known, read by administrators only"),
		"before", desc(json_pack("{s:b}", "nullable", 1), "the record before (JSON)"),
		"after", desc(json_pack("{s:b}", "nullable", 1), "the record after (JSON)"), NULL));
	json_object_set_new(s, "Dashboard", obj("today unit quarter counts this_quarter overdue deadlines",
		"today", fmt("string", "date", 0), "unit", ref("Unit"),
		"quarter", obj("name start end", "name", ty("string"), "start", fmt("string", "date", 0),
		               "end", fmt("string", "date", 0), NULL),
		"counts", obj("not_started in_progress done cancelled total",
		              "not_started", ty("integer"), "in_progress", ty("integer"),
		              "done", ty("integer"), "cancelled", ty("integer"),
		              "total", ty("integer"), NULL),
		"this_quarter", task_page(), "overdue", task_page(),
		"deadlines", obj("from to items", "from", fmt("string", "date", 0),
		                 "to", fmt("string", "date", 0), "items", arr(ref("Deadline")), NULL),
		NULL));
	json_object_set_new(s, "Timeline", obj("plan_id year today quarters tasks tasks_page",
		"plan_id", ty("integer"), "title", nty("string"), "year", ty("integer"),
		"today", fmt("string", "date", 0),
		"quarters", arr(obj("name start end", "name", ty("string"),
		                    "start", fmt("string", "date", 0), "end", fmt("string", "date", 0),
		                    NULL)),
		"tasks", desc(arr(obj("id start end overdue", "id", ty("integer"), "no", nty("string"),
		                 "content", nty("string"), "lead", nty("string"),
		                 "start", fmt("string", "date", 1), "end", fmt("string", "date", 1),
		                 "status", ty("string"), "overdue", ty("boolean"), NULL)),
		              "one page of the tasks, in document order"),
		"tasks_page", ref("TaskPage"),
		NULL));
	json_object_set_new(s, "ImportPreview", obj("text",
		"text", desc(ty("string"), "the document, UTF-8 plain text or Markdown (a Word or PDF"
		             " file is sent as the raw body instead)"),
		"source_name", ty("string"),
		"format", desc(enm("string", "text markdown"), "how to read the text; default"
		               " markdown for a source_name ending in .md or .markdown, else text"
		               " (every character kept as written)"), NULL));
	json_object_set_new(s, "ImportCreate", obj("text",
		"text", ty("string"), "source_name", ty("string"),
		"format", desc(enm("string", "text markdown"), "as in ImportPreview"),
		"units", desc(json_pack("{s:s, s:o}", "type", "object", "additionalProperties",
		                        ty("integer")),
		              "corrections: agency name as written -> unit id"),
		"confirm_review", desc(ty("boolean"), "required true when the review list is not empty"),
		"indicators", desc(arr(obj("target name code",
			"target", desc(ty("integer"), "0-based index into the preview's targets"),
			"name", ty("string"),
			"code", desc(ty("string"), "ASCII letters, digits, . _ -; unique"),
			"type", desc(ty("string"), "count, sum, rate or bool; default rate for a"
			             " \"%\" target, else count"),
			"level", desc(ty("string"), "unit level of the targets; default the caller's"
			              " unit's level"), NULL)),
		     "targets to track as indicators, written in the same transaction as the plan:"
		     " one target per year (year_to, or every year from year_from when each_year);"
		     " a bad one (422) or a code taken (409) saves nothing"),
		NULL));
	json_object_set_new(s, "Extraction", desc(obj(
		"document format sections tasks deadlines targets references recipients signers"
		" proposed_units review hash already_imported same_number_date",
		"document", ty("object"), "sections", arr(ty("object")), "tasks", arr(ty("object")),
		"deadlines", arr(ty("object")), "targets", arr(ty("object")),
		"references", arr(ty("object")), "recipients", arr(ty("string")),
		"signers", arr(ty("object")),
		"proposed_units", arr(obj("name line", "name", ty("string"), "line", ty("integer"), NULL)),
		"review", arr(obj("line what", "line", ty("integer"), "what", ty("string"), NULL)),
		"hash", desc(ty("string"), "SHA-256 of the normalized text (NFC, LF line ends, no"
		             " white space at line ends, no blank lines at the start or end, a run of"
		             " blank lines as one): the document's identity"),
		"source_name", ty("string"),
		"format", desc(enm("string", "text markdown"), "how the text was read"),
		"already_imported", desc(json_pack("{s:[o], s:b}", "allOf", ref("PriorDocument"),
		                                   "nullable", 1),
		                         "the document imported before with the same normalized"
		                         " text (importing again answers 409), or null"),
		"same_number_date", desc(arr(ref("PriorDocument")),
		                         "other documents with the same number, symbol and date"
		                         " (and place) but another text: check before importing"),
		"reach", desc(obj("parties outside_reach administrator_needed",
			"parties", desc(arr(ref("Unit")), "the document's issuers and the bodies a joint"
			" plan names: their units and those below may lead tasks"),
			"outside_reach", arr(ref("OutsideLead")),
			"administrator_needed", ty("boolean"), NULL),
			"the leads outside the caller's reach and the document's parties (preview only);"
			" an import with any answers 403 unless an administrator makes it"),
		NULL),
		"what the importer understood; the fields are those of docs/import-json.md"));
	json_object_set_new(s, "PriorDocument", obj("document_id plan_id number symbol date"
		" title source_name imported_at",
		"document_id", ty("integer"), "plan_id", nty("integer"),
		"number", nty("string"), "symbol", nty("string"), "date", fmt("string", "date", 1),
		"title", nty("string"), "source_name", nty("string"),
		"imported_at", desc(ty("string"), "YYYY-MM-DD HH:MM:SS, UTC"), NULL));
	json_object_set_new(s, "OutsideLead", obj("task no line lead_unit_id",
		"task", desc(ty("integer"), "0-based index into tasks"), "no", nty("string"),
		"line", ty("integer"), "lead_text", nty("string"), "lead_unit_id", ty("integer"),
		"lead_unit_name", nty("string"), NULL));
	json_object_set_new(s, "ImportResult", obj("document_id plan_id",
		"document_id", ty("integer"), "plan_id", ty("integer"), "hash", ty("string"),
		"tasks", ty("integer"), "review_items", ty("integer"),
		"indicators", desc(arr(ty("integer")), "ids of the indicators created, in request order"),
		NULL));
	json_object_set_new(s, "Feed", obj("url token",
		"url", desc(ty("string"), "the calendar's address (iCalendar, RFC 5545); no sign-in"),
		"token", desc(ty("string"), "the secret token in the address (64 hex characters)"),
		NULL));
	json_object_set_new(s, "Schedule", obj("id kind title due receiving_unit_id unit_ids"
		" submitter_count",
		"id", ty("integer"), "plan_id", nty("integer"),
		"deadline_id", desc(nty("integer"), "the imported report deadline it came from"),
		"kind", enm("string", "monthly quarterly 6-month 9-month annual ad_hoc"),
		"kind_label", ty("string"), "title", ty("string"), "year", nty("integer"),
		"period_index", desc(nty("integer"), "month 1-12 (monthly) or quarter 1-4 (quarterly)"),
		"period_start", fmt("string", "date", 1), "period_end", fmt("string", "date", 1),
		"cutoff_start", fmt("string", "date", 1), "cutoff_end", fmt("string", "date", 1),
		"due", fmt("string", "date", 0), "receiving_unit_id", ty("integer"),
		"receiving_unit_name", nty("string"),
		"rule_kind", desc(nty("string"), "with rule_parent_id: every unit of this kind below it"),
		"rule_parent_id", nty("integer"), "rule_parent_name", nty("string"),
		"unit_ids", desc(arr(ty("integer")), "the explicit list of submitting units"),
		"submitter_count", desc(ty("integer"), "units that submit: the rule resolved on the"
		" due date, plus the list"),
		"created_at", ty("string"), NULL));
	json_object_set_new(s, "ScheduleDetail", json_pack("{s:[o, o]}", "allOf", ref("Schedule"),
		obj("submitters", "submitters", arr(ref("Unit")), NULL)));
	json_object_set_new(s, "ScheduleCreate", desc(obj("kind due receiving_unit_id",
		"kind", enm("string", "monthly quarterly 6-month 9-month annual ad_hoc"),
		"title", desc(ty("string"), "default: from the kind and period (ad hoc: required)"),
		"year", desc(ty("integer"), "required but for ad hoc"),
		"period_index", desc(ty("integer"), "month (monthly) or quarter (quarterly)"),
		"period_start", fmt("string", "date", 1), "period_end", fmt("string", "date", 1),
		"cutoff_start", desc(fmt("string", "date", 1), "default: Decree 09/2019, Article 12"),
		"cutoff_end", fmt("string", "date", 1), "due", fmt("string", "date", 0),
		"receiving_unit_id", ty("integer"), "unit_ids", arr(ty("integer")),
		"rule_kind", nty("string"), "rule_parent_id", nty("integer"), NULL),
		"submitters: unit_ids, or rule_kind with rule_parent_id, or both"));
	json_object_set_new(s, "PlanSchedulesCreate", obj("",
		"receiving_unit_id", desc(ty("integer"),
		"receiving unit of deadlines whose addressee the import did not resolve"), NULL));
	json_object_set_new(s, "PlanSchedulesResult", obj("created skipped",
		"created", ty("integer"),
		"skipped", desc(ty("integer"), "deadlines already scheduled or without a date"),
		"list", ty("string"),
		"left_out", desc(arr(ref("Unit")), "lead units of the plan outside the caller's"
		" reach, not made submitters (empty when nothing was created)"), NULL));
	json_object_set_new(s, "PlanWithdrawn", obj("withdrawn",
		"withdrawn", desc(obj("plan_id document_id tasks indicators proposed_units",
			"plan_id", ty("integer"), "document_id", ty("integer"),
			"title", nty("string"), "number", nty("string"), "source", nty("string"),
			"tasks", ty("integer"), "sections", ty("integer"),
			"coordinators", ty("integer"), "deadlines", ty("integer"),
			"targets", ty("integer"), "references", ty("integer"),
			"recipients", ty("integer"), "signers", ty("integer"),
			"review_items", ty("integer"),
			"schedules", desc(ty("integer"), "report schedules made from the plan"),
			"schedule_units", ty("integer"), "notices", ty("integer"),
			"indicators", desc(arr(ty("integer")), "indicators the import made from targets"),
			"proposed_units", desc(arr(ty("integer")),
			"proposed units the import created that nothing else used"), NULL),
		"what was removed, in one transaction (audited as document.withdraw)"), NULL));
	json_object_set_new(s, "ScheduleList", list_of("Schedule"));
	json_object_set_new(s, "Indicator", obj("id code name type aggregation levels",
		"id", ty("integer"), "code", ty("string"), "name", ty("string"),
		"measure", desc(nty("string"), "unit of measure"),
		"type", enm("string", "count sum rate bool"), "type_label", ty("string"),
		"aggregation", desc(enm("string", "sum ratio count_true"),
		"count/sum: sum; rate: summed numerator / summed denominator; bool: share of yes"),
		"levels", desc(ty("string"), "reporting unit levels, comma-separated"),
		"kinds", desc(nty("string"), "reporting unit kinds, comma-separated; null: any"),
		"year_from", nty("integer"), "year_to", nty("integer"),
		"created_at", ty("string"),
		"owner_unit_id", desc(nty("integer"), "the unit it belongs to: its coordinators"
		" set its targets (their level and below); null: administrators only"),
		"owner_unit_name", nty("string"), NULL));
	json_object_set_new(s, "IndicatorTarget", obj("year level op value",
		"year", ty("integer"),
		"level", enm("string", "central province district commune branch"),
		"op", enm("string", ">= > = <="),
		"value", figure(0, "a percentage for rate and bool; in a request a number, or a"
		                " string read the Vietnamese way (\"2.500\" = 2500, \"12,5\" = 12.5);"
		                " answers carry a number"), NULL));
	json_object_set_new(s, "IndicatorDetail", json_pack("{s:[o, o]}", "allOf", ref("Indicator"),
		obj("targets", "targets", arr(ref("IndicatorTarget")), NULL)));
	json_object_set_new(s, "IndicatorCreate", obj("code name type levels",
		"code", desc(ty("string"), "ASCII letters, digits, . _ -; unique"),
		"name", ty("string"), "measure", ty("string"),
		"type", enm("string", "count sum rate bool"),
		"levels", ty("string"), "kinds", ty("string"),
		"year_from", ty("integer"), "year_to", ty("integer"),
		"owner_unit_id", desc(ty("integer"), "the unit it belongs to (in the caller's"
		" reach); default: the caller's unit"), NULL));
	json_object_set_new(s, "IndicatorList", list_of("Indicator"));
	json_object_set_new(s, "IndicatorValues", desc(obj("values",
		"values", arr(obj("unit period value",
			"unit", desc(ty("string"), "unit id (integer), key or name"),
			"period", desc(ty("string"), "2024, 2024-H1, 2024-Q3 or 2024-09"),
			"value", figure(0, "the value; 0 or 1 for bool; the numerator of a rate. A"
			                " number, or a string read the Vietnamese way: \"2.500\" = 2500,"
			                " \"1.234,5\" = 1234.5; \"2.5\" is refused (ambiguous_number)"),
			"denominator", figure(1, "rates only; a number or a Vietnamese string"),
			NULL)), NULL),
		"all or nothing: any refused row answers 422 with error.rows"
		" [{row, column, code, message}] and nothing is written. A text/csv body has"
		" the columns unit, period, value[, denominator] under a header row, figures"
		" written the Vietnamese way (a cell with a comma quoted: \"1.234,5\")"));
	json_object_set_new(s, "IndicatorValuesResult", obj("written",
		"written", ty("integer"), NULL));
	json_object_set_new(s, "RollupNode", obj("unit_id value attainment",
		"unit_id", ty("integer"),
		"value", desc(nty("number"), "sum, or a percentage (rate, bool); null: no data"),
		"numerator", ty("number"), "denominator", ty("number"),
		"reporting_units", desc(ty("integer"), "units of the subtree with a value"),
		"own_value", nty("number"), "target", json_pack("{s:s, s:b, s:o}", "type", "object",
		"nullable", 1, "properties", json_pack("{s:o, s:o}", "op", ty("string"), "value",
		ty("number"))),
		"attainment", enm("string", "met not_met no_data no_target"),
		"attainment_label", ty("string"), NULL));
	json_object_set_new(s, "Rollup", json_pack("{s:[o, o]}", "allOf", ref("RollupNode"),
		obj("indicator_id period children", "indicator_id", ty("integer"),
		    "period", ty("string"), "children", arr(ref("RollupNode")), NULL)));
	json_object_set_new(s, "DashboardCell", obj("value attain target op",
		"value", desc(nty("number"), "sum, or a percentage (rate, bool); null: no data"),
		"attain", enm("string", "met not_met no_data no_target"),
		"target", desc(nty("number"), "the target of the unit's level and year"),
		"op", desc(nty("string"), ">=, >, = or <=; null without a target"), NULL));
	json_object_set_new(s, "Dashboard", obj("period unit units indicators cells schedules",
		"period", ty("string"),
		"unit", obj("id name", "id", ty("integer"), "name", ty("string"), NULL),
		"units", desc(arr(obj("id name", "id", ty("integer"), "name", ty("string"), NULL)),
		              "the units directly under unit in the period's tree (unit itself"
		              " when it has none): the rows of cells"),
		"indicators", desc(arr(obj("id code name type", "id", ty("integer"), "code",
		              ty("string"), "name", ty("string"), "type", ty("string"), NULL)),
		              "every indicator: the columns of cells"),
		"cells", desc(arr(arr(ref("DashboardCell"))), "cells[unit][indicator]"),
		"schedules", desc(arr(obj("id title due on_time late missing", "id",
		              ty("integer"), "title", ty("string"), "due", fmt("string", "date", 0),
		              "on_time", ty("integer"), "late", ty("integer"), "missing",
		              ty("integer"), NULL)),
		              "completeness per report schedule as of today (received in the"
		              " user's reach when there are more than ten; at most 30)"), NULL));
	json_object_set_new(s, "ReportVersion", obj("version status sections tasks",
		"id", desc(nty("integer"), "null: the content a first draft would start with"),
		"version", desc(ty("integer"), "1, 2, ...; 0 for a proposal never saved"),
		"status", desc(json_pack("{s:s, s:[s,s,s,s], s:b}", "type", "string", "enum",
		               "draft", "submitted", "accepted", "returned", "nullable", 1),
		               "null for a proposal"),
		"created_by", nty("string"), "created_at", fmt("string", "date-time", 1),
		"updated_at", fmt("string", "date-time", 1),
		"submitted_by", nty("string"), "submitted_at", fmt("string", "date-time", 1),
		"reviewed_by", nty("string"), "reviewed_at", fmt("string", "date-time", 1),
		"review_comment", nty("string"),
		"sections", arr(obj("text", "section_id", desc(nty("integer"),
		                    "a level-1 section of the plan; null: the general part"),
		                    "title", nty("string"), "text", ty("string"), NULL)),
		"tasks", arr(obj("task_id status", "task_id", ty("integer"), "no", nty("string"),
		                 "content", nty("string"),
		                 "status", desc(enm("string", "not_started in_progress done cancelled"),
		                                "as of the schedule's cut-off end"),
		                 "note", nty("string"), NULL)),
		"values", desc(arr(obj("indicator_id value", "indicator_id", ty("integer"),
		                       "code", ty("string"), "name", ty("string"),
		                       "measure", nty("string"),
		                       "type", enm("string", "count sum rate bool"),
		                       "value", desc(nty("number"), "the numerator for a rate; null:"
		                                     " no figure"),
		                       "denominator", desc(nty("number"), "rates only"), NULL)),
		               "the indicator figures this version holds (the basis: every indicator"
		               " in scope)"), NULL));
	json_object_set_new(s, "Report", obj("schedule unit versions basis",
		"schedule", obj("id title due receiving_unit_id", "id", ty("integer"),
		                "title", ty("string"), "kind", ty("string"),
		                "due", fmt("string", "date", 0),
		                "cutoff_start", fmt("string", "date", 1),
		                "cutoff_end", fmt("string", "date", 1), "plan_id", nty("integer"),
		                "receiving_unit_id", ty("integer"),
		                "receiving_unit_name", nty("string"), NULL),
		"unit", ref("Unit"),
		"status", desc(nty("string"), "the latest version's status; null: nothing written"),
		"latest", desc(json_pack("{s:[o], s:b}", "allOf", ref("ReportVersion"), "nullable", 1),
		               "the latest version, or null"),
		"versions", desc(arr(ref("ReportVersion")), "newest first; submitted ones never change"),
		"basis", desc(ref("ReportVersion"), "what a draft saved now starts from; its values"
		              " list every indicator in scope (value null: no figure)"),
		"period", desc(nty("string"), "the period of the report's indicator values"
		               " (2024-H1, 2024, 2024-Q3, 2024-09); null for 9-month and ad hoc reports"),
		"drafts_hidden", desc(ty("integer"), "drafts left out of versions and basis: a draft"
		                      " is read only by the unit, the units above it and those it"
		                      " reports to (docs/ACCESS.md)"),
		NULL));
	json_object_set_new(s, "ReportSave", desc(obj("",
		"sections", desc(arr(obj("text", "section_id", nty("integer"), "title", nty("string"),
		                         "text", ty("string"), NULL)),
		                 "replaces the narrative; absent or empty keeps it"),
		"tasks", desc(arr(obj("task_id", "task_id", ty("integer"),
		                      "status", enm("string", "not_started in_progress done cancelled"),
		                      "note", nty("string"), NULL)),
		              "status and note of the unit's tasks in the report, by task_id"),
		"values", desc(arr(obj("indicator_id", "indicator_id", ty("integer"),
		                       "value", figure(1, "null clears the figure; a number or a"
		                                       " string read the Vietnamese way (\"1.350\")"),
		                       "denominator", figure(1, "rates only"), NULL)),
		               "figures of the indicators in scope, by indicator_id, checked like value"
		               " rows (422 with detail values[i].column: code and the refusal in"
		               " error.rows); written to the indicator's values when the version is"
		               " submitted"), NULL),
		"a draft is updated in place; after a submitted or returned version a new version is"
		" made; after acceptance 409"));
	json_object_set_new(s, "ReportReview", obj("accept", "accept", ty("boolean"),
		"comment", desc(nty("string"), "required to return (accept false)"), NULL));
	json_object_set_new(s, "Compliance", obj("schedule today counts units",
		"schedule", ty("object"), "today", fmt("string", "date", 0),
		"counts", obj("total on_time late missing overdue not_due", "total", ty("integer"),
		              "on_time", ty("integer"), "late", ty("integer"), "missing", ty("integer"),
		              "overdue", desc(ty("integer"), "missing and past the due date"),
		              "not_due", desc(ty("integer"), "missing, due today or later"), NULL),
		"units", arr(obj("unit_id state", "unit_id", ty("integer"), "unit_name", ty("string"),
		                 "state", desc(enm("string", "on_time late missing"),
		                               "by the first submitted version's day against due"),
		                 "days_late", ty("integer"),
		                 "days_overdue", desc(ty("integer"), "missing: days past due (0: not yet due)"),
		                 "submitted_at", fmt("string", "date-time", 1),
		                 "latest_version", desc(ty("integer"), "0: nothing written"),
		                 "latest_status", nty("string"), "report", ty("string"), NULL)), NULL));
	json_object_set_new(s, "TaskList", list_of("Task"));
	json_object_set_new(s, "PlanList", list_of("Plan"));
	json_object_set_new(s, "UnitList", list_of("Unit"));
	json_object_set_new(s, "NoteList", list_of("Note"));
	json_object_set_new(s, "AttachmentList", list_of("Attachment"));
	json_object_set_new(s, "Notice", obj("id schedule_id unit_id kind days_before text"
		" created_at read",
		"id", ty("integer"), "schedule_id", ty("integer"), "schedule_title", nty("string"),
		"due", fmt("string", "date", 1), "unit_id", desc(ty("integer"),
		"the unit that has not submitted"), "unit_name", nty("string"),
		"kind", enm("string", "due_soon due_today"),
		"days_before", desc(ty("integer"), "days before the deadline; 0 on the day"),
		"text", desc(ty("string"), "the reminder in Vietnamese"),
		"created_at", ty("string"), "read_at", nty("string"), "read", ty("boolean"), NULL));
	json_object_set_new(s, "NoticeList", list_of("Notice"));
	json_object_set_new(s, "AuditList", list_of("AuditEntry"));
	return s;
}

/* ---- parameters ---- */

static json_t *qparam(const char *name, json_t *schema, const char *text)
{
	return json_pack("{s:s, s:s, s:b, s:o, s:s}", "name", name, "in", "query",
	                 "required", 0, "schema", schema, "description", text);
}

static json_t *parameters(void)
{
	json_t *p = json_object();
	json_object_set_new(p, "id", json_pack("{s:s, s:s, s:b, s:o}", "name", "id", "in", "path",
	                    "required", 1, "schema", ty("integer")));
	json_object_set_new(p, "id2", json_pack("{s:s, s:s, s:b, s:o, s:s}", "name", "id2", "in",
	                    "path", "required", 1, "schema", ty("integer"), "description",
	                    "the second id of the path (a unit of a schedule)"));
	json_object_set_new(p, "limit", qparam("limit", json_pack("{s:s, s:i, s:i, s:i}",
		"type", "integer", "minimum", 1, "maximum", 500, "default", 50),
		"page size; 400 outside 1..500"));
	json_object_set_new(p, "offset", qparam("offset", json_pack("{s:s, s:i, s:i}",
		"type", "integer", "minimum", 0, "default", 0), "items to skip; 400 when negative"));
	json_object_set_new(p, "after", qparam("after", ty("integer"),
		"page key: the tasks after this task (tasks_page.next); not a task of the plan 400"));
	json_object_set_new(p, "before", qparam("before", ty("integer"),
		"page key: the tasks before this task (tasks_page.prev); not with after"));
	json_object_set_new(p, "task_limit", qparam("limit", json_pack("{s:s, s:i, s:i, s:i}",
		"type", "integer", "minimum", 1, "maximum", 500, "default", 200),
		"tasks per page; 400 outside 1..500"));
	json_object_set_new(p, "plan", qparam("plan", ty("integer"), "only tasks of this plan"));
	json_object_set_new(p, "unit", qparam("unit", ty("integer"),
		"only tasks this unit leads or coordinates (see role)"));
	json_object_set_new(p, "role", qparam("role", enm("string", "lead coordinating"),
		"with unit: only as lead or only as coordinator; other values 422"));
	json_object_set_new(p, "quarter", qparam("quarter", json_pack("{s:s, s:s}", "type",
		"string", "pattern", "^[0-9]{4}-Q[0-9]$"),
		"tasks whose time frame overlaps the quarter, e.g. 2024-Q3; malformed 400, Q0/Q5 422"));
	json_object_set_new(p, "status", qparam("status",
		enm("string", "not_started in_progress done cancelled"), "unknown status 422"));
	json_object_set_new(p, "overdue", qparam("overdue", enm("string", "1 0 true false"),
		"1: only overdue tasks"));
	json_object_set_new(p, "q", qparam("q", ty("string"),
		"free text; case and diacritics ignored (phu nu finds phụ nữ)"));
	json_object_set_new(p, "sort", qparam("sort",
		enm("string", "plan -plan end -end status -status lead -lead no -no"),
		"sort key, '-' for descending; unknown key 422"));
	json_object_set_new(p, "dashboard_unit", qparam("unit", ty("integer"),
		"the unit shown; default the signed-in user's"));
	json_object_set_new(p, "entity", qparam("entity",
		enm("string", "task unit user plan document"), "only entries about this kind of thing"));
	json_object_set_new(p, "entity_id", qparam("entity_id", ty("integer"),
		"only entries about this id"));
	json_object_set_new(p, "name", qparam("name", ty("string"),
		"file name of a raw (non-multipart, non-JSON) body"));
	json_object_set_new(p, "format", qparam("format", enm("string", "text markdown"),
		"with a raw body: how to read it; default markdown for a text/markdown body or a"
		" name ending in .md or .markdown, else text"));
	json_object_set_new(p, "confirm_review", qparam("confirm_review",
		enm("string", "1 0 true false"), "with a raw text body: confirm the review list"));
	json_object_set_new(p, "period", qparam("period", ty("string"),
		"2024, 2024-H1, 2024-Q3 or 2024-09; required"));
	json_object_set_new(p, "rollup_unit", qparam("unit", ty("integer"),
		"the unit at the top of the roll-up; default the user's unit"));
	json_object_set_new(p, "dashboard_period", qparam("period", ty("string"),
		"2024, 2024-H1, 2024-Q3 or 2024-09; default the current year; malformed 400"));
	json_object_set_new(p, "export_format", qparam("format", enm("string", "xlsx csv"),
		"the file: an Excel workbook or CSV (UTF-8 with a BOM); required, other values 400"));
	json_object_set_new(p, "plan_format", qparam("format", enm("string", "docx xlsx csv"),
		"docx: the plan as a Word file in the Decree 30/2020 layout with its appendix"
		" task table; xlsx or csv: its tasks; required, other values 400"));
	json_object_set_new(p, "sep", qparam("sep", enm("string", "comma semicolon"),
		"CSV only: the separator; semicolon (for a PC set to Vietnamese) also writes"
		" decimals with a comma; default comma"));
	json_object_set_new(p, "from", qparam("from", fmt("string", "date", 0),
		"the first day (UTC) of the entries; default open"));
	json_object_set_new(p, "to", qparam("to", fmt("string", "date", 0),
		"the last day (UTC) of the entries; default open"));
	json_object_set_new(p, "unread", qparam("unread", enm("string", "0 1"),
		"1: only unread notices; other values 400"));
	json_object_set_new(p, "if_none_match", json_pack("{s:s, s:s, s:b, s:o, s:s}",
		"name", "If-None-Match", "in", "header", "required", 0, "schema", ty("string"),
		"description", "an ETag from an earlier answer; 304 when unchanged"));
	return p;
}

/* ---- error responses ---- */

static const struct {
	const char *status, *name, *text;
} errors[] = {
	{"400", "BadRequest", "malformed request: bad JSON, a missing or mistyped field, a bad"
	                      " limit/offset or id (bad_request)"},
	{"401", "Unauthorized", "not signed in, or wrong login or password (unauthorized)"},
	{"403", "Forbidden", "the role or unit does not allow it (forbidden), or a cookie"
	                     " request without the CSRF token (csrf_token_invalid)"},
	{"404", "NotFound", "no such thing (not_found)"},
	{"409", "Conflict", "already exists (duplicate) or conflicts with the current state"},
	{"413", "TooLarge", "body or file over the size limit, a unit's file quota, or a request"
	                    " that needs more memory than one may use (input_too_large)"},
	{"422", "Unprocessable", "a well-formed value that is not allowed (invalid_value), an"
	                         " unreadable document, or a review list not confirmed"
	                         " (review_required)"},
	{"429", "TooManyAttempts", "too many failed sign-ins, or more uploads in the last hour"
	                           " than one user may make; wait (too_many_attempts)"},
	{"503", "Unavailable", "another writer holds the database: nothing was written, try again"
	                       " after Retry-After seconds (busy); or the database cannot be"
	                       " written on this server (read_only)"},
};

static json_t *error_responses(void)
{
	json_t *o = json_object();
	for (size_t i = 0; i < sizeof errors / sizeof *errors; i++)
		json_object_set_new(o, errors[i].name, json_pack("{s:s, s:{s:{s:o}}}",
			"description", errors[i].text, "content", "application/json",
			"schema", ref("Error")));
	return o;
}

/* ---- operations ---- */

/* Request body kinds. */
enum body { B_NONE, B_JSON, B_UPLOAD, B_DOCUMENT, B_JSON_CSV };

static const struct op {
	const char *method, *path;    /* as in routes.c, path without /api/v1 */
	const char *tag, *id, *summary;
	const char *params;           /* component parameter names, space-separated */
	enum body body;
	const char *body_schema;      /* JSON request schema */
	const char *ok;               /* success status */
	const char *schema;           /* success schema; NULL = a file */
	const char *errs;             /* error statuses, space-separated */
	int public_;                  /* no sign-in */
} ops[] = {
	{"GET", "/openapi.json", "meta", "getOpenApi", "This document", "", B_NONE, NULL, "200",
	 "", "", 1},
	{"POST", "/session", "session", "signIn", "Sign in: a bearer token and the session cookie",
	 "", B_JSON, "SessionCreate", "201", "Session", "400 401 429", 1},
	{"DELETE", "/session", "session", "signOut", "Sign out (ends the session)", "", B_NONE,
	 NULL, "200", "SignedOut", "401 403", 0},
	{"GET", "/me", "session", "getMe", "The signed-in user and the session's CSRF token", "",
	 B_NONE, NULL, "200", "Me", "401", 0},
	{"GET", "/dashboard", "dashboard", "getDashboard",
	 "A unit's counts by status, tasks of this quarter, overdue tasks, deadlines of the next"
	 " 90 days", "dashboard_unit", B_NONE, NULL, "200", "Dashboard", "400 401 403 404", 0},
	{"GET", "/plans", "plans", "listPlans", "Plans, newest first", "limit offset", B_NONE,
	 NULL, "200", "PlanList", "400 401 403", 0},
	{"GET", "/plans/{id}", "plans", "getPlan",
	 "A plan with sections, one page of its tasks (by key: after, before), deadlines,"
	 " targets, references, recipients, signers and review items", "after before task_limit",
	 B_NONE, NULL, "200", "PlanDetail", "400 401 403 404", 0},
	{"GET", "/plans/{id}/timeline", "plans", "getPlanTimeline",
	 "Data of the timeline chart: each task's start, end and overdue flag (one page of tasks,"
	 " by key), the year's quarters, today", "after before task_limit", B_NONE, NULL, "200",
	 "Timeline", "400 401 403 404", 0},
	{"GET", "/tasks", "tasks", "listTasks", "Tasks, filtered, sorted and paged",
	 "plan unit role quarter status overdue q sort limit offset", B_NONE, NULL, "200",
	 "TaskList", "400 401 403 422", 0},
	{"GET", "/tasks/export", "tasks", "exportTasks",
	 "Every task the list holds with these filters (all pages), as .xlsx or .csv",
	 "export_format sep plan unit role quarter status overdue q sort", B_NONE, NULL, "200",
	 NULL, "400 401 403 413 422", 0},
	{"GET", "/tasks/{id}", "tasks", "getTask", "One task", "", B_NONE, NULL, "200", "Task",
	 "401 403 404", 0},
	{"PATCH", "/tasks/{id}", "tasks", "updateTask", "Change a task's status", "", B_JSON,
	 "TaskPatch", "200", "Task", "400 401 403 404 422", 0},
	{"GET", "/tasks/{id}/notes", "tasks", "listTaskNotes", "A task's progress notes",
	 "limit offset", B_NONE, NULL, "200", "NoteList", "400 401 403 404", 0},
	{"POST", "/tasks/{id}/notes", "tasks", "addTaskNote", "Add a dated progress note", "",
	 B_JSON, "NoteCreate", "201", "Note", "400 401 403 404 422", 0},
	{"GET", "/tasks/{id}/files", "tasks", "listTaskFiles", "A task's attached files",
	 "limit offset", B_NONE, NULL, "200", "AttachmentList", "400 401 403 404", 0},
	{"POST", "/tasks/{id}/files", "tasks", "attachTaskFile",
	 "Attach a file: multipart field \"file\", or the raw bytes with ?name=", "name",
	 B_UPLOAD, NULL, "201", "Attachment", "400 401 403 404 413 422 429", 0},
	{"GET", "/tasks/{id}/history", "tasks", "getTaskHistory",
	 "A task's changes from the audit log, oldest first", "limit offset", B_NONE, NULL,
	 "200", "AuditList", "400 401 403 404", 0},
	{"GET", "/files/{id}", "tasks", "getFile", "Download an attached file", "", B_NONE,
	 NULL, "200", NULL, "401 403 404", 0},
	{"GET", "/documents/{id}/file", "plans", "getDocumentFile",
	 "Download the Word or PDF file a document was imported from (404 for a text)", "",
	 B_NONE, NULL, "200", NULL, "401 403 404", 0},
	{"GET", "/units", "units", "listUnits",
	 "Units as a flat list in Vietnamese name order; parent_id gives the tree",
	 "limit offset", B_NONE, NULL, "200", "UnitList", "400 401 403", 0},
	{"POST", "/units", "units", "addUnit", "Add a unit", "", B_JSON, "UnitCreate", "201",
	 "UnitWithAliases", "400 401 403 404 409 422", 0},
	{"GET", "/units/{id}", "units", "getUnit",
	 "A unit with its aliases and the tasks it leads or coordinates", "", B_NONE, NULL,
	 "200", "UnitDetail", "401 403 404", 0},
	{"PATCH", "/units/{id}", "units", "updateUnit", "Rename a unit and/or set its validity",
	 "", B_JSON, "UnitPatch", "200", "UnitWithAliases", "400 401 403 404 409 422", 0},
	{"POST", "/units/{id}/aliases", "units", "addUnitAlias",
	 "Add a name documents may use for the unit", "", B_JSON, "AliasCreate", "201",
	 "UnitWithAliases", "400 401 403 404 409 422", 0},
	{"POST", "/units/{id}/merge", "units", "mergeUnit",
	 "Merge the unit into another on a date; its open tasks and names move there", "",
	 B_JSON, "UnitMerge", "200", "MergeResult", "400 401 403 404 409 422", 0},
	{"POST", "/units/{id}/accept", "units", "acceptUnit",
	 "Accept a proposed unit (made by an import) into the registry", "", B_JSON,
	 "UnitAccept", "200", "UnitWithAliases", "400 401 403 404 409 422", 0},
	{"POST", "/units/{id}/feed", "units", "renewUnitFeed",
	 "Make a new secret address for the unit's calendar feed; the old one stops working",
	 "", B_NONE, NULL, "201", "Feed", "401 403 404", 0},
	{"POST", "/imports/preview", "imports", "previewImport",
	 "Check and extract a document (text, Word or PDF); nothing is written", "name format",
	 B_DOCUMENT, "ImportPreview", "200", "Extraction", "400 401 403 413 422", 0},
	{"POST", "/imports", "imports", "createImport",
	 "Import a document as a plan, with unit corrections", "name format confirm_review",
	 B_DOCUMENT, "ImportCreate", "201", "ImportResult", "400 401 403 409 413 422", 0},
	{"GET", "/schedules", "schedules", "listSchedules",
	 "Report schedules, soonest deadline first", "limit offset", B_NONE, NULL, "200",
	 "ScheduleList", "400 401 403", 0},
	{"POST", "/schedules", "schedules", "createSchedule",
	 "Set up a report schedule (cut-off defaults from Decree 09/2019, Article 12)", "",
	 B_JSON, "ScheduleCreate", "201", "ScheduleDetail", "400 401 403 422", 0},
	{"GET", "/schedules/{id}", "schedules", "getSchedule",
	 "A report schedule with its submitting units", "", B_NONE, NULL, "200",
	 "ScheduleDetail", "401 403 404", 0},
	{"POST", "/plans/{id}/schedules", "schedules", "createPlanSchedules",
	 "One schedule per report deadline of the plan not yet scheduled", "", B_JSON,
	 "PlanSchedulesCreate", "200", "PlanSchedulesResult", "400 401 403 404 422", 0},
	{"POST", "/plans/{id}/withdraw", "plans", "withdrawPlan",
	 "Withdraw an import made by mistake: the plan, its tasks, its document and the"
	 " schedules made from it; 409 conflict (error.recorded) once anything was recorded"
	 " against it", "", B_NONE, NULL, "200", "PlanWithdrawn", "401 403 404 409", 0},
	{"GET", "/plans/{id}/export", "plans", "exportPlan",
	 "A plan as .docx (the document to sign) or its tasks as .xlsx or .csv",
	 "plan_format sep", B_NONE, NULL, "200", NULL, "400 401 403 404", 0},
	{"GET", "/schedules/{id}/compliance", "reports", "getCompliance",
	 "Who submitted a schedule's report on time, late (by days) or not at all", "", B_NONE,
	 NULL, "200", "Compliance", "401 403 404", 0},
	{"GET", "/schedules/{id}/compliance/export", "reports", "exportCompliance",
	 "The completeness of a schedule as .xlsx or .csv", "export_format sep", B_NONE, NULL,
	 "200", NULL, "400 401 403 404", 0},
	{"GET", "/schedules/{id}/units/{id2}/report", "reports", "getReport",
	 "A unit's report for a schedule: every version, newest first", "id2", B_NONE, NULL,
	 "200", "Report", "401 403 404", 0},
	{"PUT", "/schedules/{id}/units/{id2}/report", "reports", "saveReportDraft",
	 "Write the draft (editor of the unit); a correction after a submitted or returned"
	 " version", "id2", B_JSON, "ReportSave", "200", "Report", "400 401 403 404 409 422", 0},
	{"POST", "/schedules/{id}/units/{id2}/report/submit", "reports", "submitReport",
	 "Submit the draft (approver of the unit); it never changes afterwards", "id2", B_NONE,
	 NULL, "200", "Report", "401 403 404 409", 0},
	{"POST", "/schedules/{id}/units/{id2}/report/review", "reports", "reviewReport",
	 "Accept or return a submitted report (coordinator of the receiving unit)", "id2",
	 B_JSON, "ReportReview", "200", "Report", "400 401 403 404 409 422", 0},
	{"GET", "/indicators", "indicators", "listIndicators", "Indicators by code",
	 "limit offset", B_NONE, NULL, "200", "IndicatorList", "400 401 403", 0},
	{"POST", "/indicators", "indicators", "createIndicator",
	 "Define an indicator (coordinator)", "", B_JSON, "IndicatorCreate", "201", "Indicator",
	 "400 401 403 409 422", 0},
	{"GET", "/indicators/{id}", "indicators", "getIndicator", "An indicator with its targets",
	 "", B_NONE, NULL, "200", "IndicatorDetail", "401 403 404", 0},
	{"POST", "/indicators/{id}/targets", "indicators", "setIndicatorTarget",
	 "Set the target of a year and unit level (coordinator)", "", B_JSON, "IndicatorTarget",
	 "200", "IndicatorDetail", "400 401 403 404 422", 0},
	{"POST", "/indicators/{id}/values", "indicators", "writeIndicatorValues",
	 "Write values (JSON or a CSV body), all or nothing, validated row by row", "",
	 B_JSON_CSV, "IndicatorValues", "200", "IndicatorValuesResult",
	 "400 401 403 404 413 422", 0},
	{"GET", "/indicators/{id}/rollup", "indicators", "getIndicatorRollup",
	 "The roll-up of a period at a unit and its direct children, with attainment",
	 "period rollup_unit", B_NONE, NULL, "200", "Rollup", "400 401 403 404", 0},
	{"GET", "/indicators/{id}/export", "indicators", "exportIndicator",
	 "The roll-ups of a unit and the units under it over the periods of the indicator's"
	 " years split like period, as .xlsx or .csv", "export_format sep period rollup_unit",
	 B_NONE, NULL, "200", NULL, "400 401 403 404", 0},
	{"GET", "/dashboards/export", "indicators", "exportDashboards",
	 "The dashboard's table of units x indicators as .xlsx or .csv",
	 "export_format sep dashboard_period dashboard_unit", B_NONE, NULL, "200", NULL,
	 "400 401 403 404", 0},
	{"GET", "/dashboards", "indicators", "getDashboards",
	 "Units x indicators with values and attainment, and report completeness per schedule",
	 "dashboard_period dashboard_unit", B_NONE, NULL, "200", "Dashboard", "400 401 403 404", 0},
	{"GET", "/notices", "notices", "listNotices",
	 "The signed-in user's reminders of report deadlines, newest first",
	 "unread limit offset", B_NONE, NULL, "200", "NoticeList", "400 401 403", 0},
	{"GET", "/audit", "audit", "listAudit", "The audit log, newest first",
	 "entity entity_id limit offset", B_NONE, NULL, "200", "AuditList",
	 "400 401 403 422", 0},
	{"GET", "/audit/export", "audit", "exportAudit",
	 "The audit log entries the reader may read, of the days from..to, as .xlsx or .csv",
	 "export_format sep from to", B_NONE, NULL, "200", NULL, "400 401 403 413 422", 0},
};

static json_t *param_ref(const char *name)
{
	char buf[128];
	snprintf(buf, sizeof buf, "#/components/parameters/%s", name);
	return json_pack("{s:s}", "$ref", buf);
}

static json_t *request_body(const struct op *o)
{
	json_t *content = json_object();
	if (o->body == B_JSON || o->body == B_DOCUMENT || o->body == B_JSON_CSV)
		json_object_set_new(content, "application/json",
		                    json_pack("{s:o}", "schema", ref(o->body_schema)));
	if (o->body == B_DOCUMENT) {
		json_object_set_new(content, "text/plain", json_pack("{s:o}", "schema", ty("string")));
		json_object_set_new(content, "text/markdown", json_pack("{s:o}", "schema", ty("string")));
		/* A Word or PDF file, known by its content whatever the type. */
		static const char *const files[] = {
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
			"application/msword", "application/pdf", "application/octet-stream",
		};
		for (size_t i = 0; i < sizeof files / sizeof *files; i++)
			json_object_set_new(content, files[i],
			                    json_pack("{s:o}", "schema", fmt("string", "binary", 0)));
	}
	if (o->body == B_JSON_CSV)
		json_object_set_new(content, "text/csv", json_pack("{s:o}", "schema", ty("string")));
	if (o->body == B_UPLOAD) {
		json_object_set_new(content, "multipart/form-data",
		                    json_pack("{s:o}", "schema", ref("FileUpload")));
		json_object_set_new(content, "application/octet-stream",
		                    json_pack("{s:o}", "schema", fmt("string", "binary", 0)));
	}
	return json_pack("{s:b, s:o}", "required", 1, "content", content);
}

static json_t *operation(const struct op *o)
{
	json_t *op = json_pack("{s:[s], s:s, s:s}", "tags", o->tag, "operationId", o->id,
	                       "summary", o->summary);
	json_t *params = json_array();
	if (strstr(o->path, "{id}"))
		json_array_append_new(params, param_ref("id"));
	char name[64];
	for (const char *p = o->params; *p;) {
		size_t n = strcspn(p, " ");
		snprintf(name, sizeof name, "%.*s", (int)n, p);
		json_array_append_new(params, param_ref(name));
		p += n;
		p += *p == ' ';
	}
	int get = !strcmp(o->method, "GET");
	if (get)
		json_array_append_new(params, param_ref("if_none_match"));
	json_object_set_new(op, "parameters", params);
	if (o->body != B_NONE)
		json_object_set_new(op, "requestBody", request_body(o));

	json_t *resp = json_object();
	json_t *ok;
	if (!o->schema)
		ok = json_pack("{s:s, s:{s:{s:o}}}", "description",
		               "the file, with its type and a download name", "content",
		               "application/octet-stream", "schema", fmt("string", "binary", 0));
	else if (!*o->schema)
		ok = json_pack("{s:s, s:{s:{s:o}}}", "description", "the OpenAPI document",
		               "content", "application/json", "schema", ty("object"));
	else
		ok = json_pack("{s:s, s:{s:{s:o}}}", "description", "success", "content",
		               "application/json", "schema", ref(o->schema));
	if (get)
		json_object_set_new(ok, "headers", json_pack("{s:{s:s, s:o}}", "ETag",
		                    "description", "validator for If-None-Match", "schema",
		                    ty("string")));
	json_object_set_new(resp, o->ok, ok);
	if (get)
		json_object_set_new(resp, "304", json_pack("{s:s}", "description",
		                    "not modified: If-None-Match matched the ETag"));
	for (size_t i = 0; i < sizeof errors / sizeof *errors; i++) {
		/* Every request that writes may find the database busy. */
		int busy = !get && !strcmp(errors[i].status, "503");
		if (!strstr(o->errs, errors[i].status) && !busy)
			continue;
		char buf[128];
		snprintf(buf, sizeof buf, "#/components/responses/%s", errors[i].name);
		json_object_set_new(resp, errors[i].status, json_pack("{s:s}", "$ref", buf));
	}
	json_object_set_new(op, "responses", resp);
	if (o->public_)
		json_object_set_new(op, "security", json_array());
	return op;
}

json_t *openapi_document(void)
{
	json_t *paths = json_object();
	for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
		json_t *item = json_object_get(paths, ops[i].path);
		if (!item) {
			item = json_object();
			json_object_set_new(paths, ops[i].path, item);
		}
		char m[8];
		size_t k = 0;
		for (; ops[i].method[k] && k < sizeof m - 1; k++)
			m[k] = (char)(ops[i].method[k] | 0x20);
		m[k] = '\0';
		json_object_set_new(item, m, operation(&ops[i]));
	}
	json_t *security = json_pack("{s:{s:s, s:s, s:s}, s:{s:s, s:s, s:s, s:s}}",
		"bearer", "type", "http", "scheme", "bearer", "description",
		"the token from POST /session: Authorization: Bearer TOKEN",
		"cookie", "type", "apiKey", "in", "cookie", "name", "phoihop_session",
		"description", "the session cookie; state-changing requests also need the"
		" X-CSRF-Token header (csrf_token from POST /session or GET /me)");
	return json_pack("{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:[{s:[]}, {s:[]}], s:o,"
	                 " s:{s:o, s:o, s:o, s:o}}",
		"openapi", "3.0.3",
		"info", "title", "phoihop API", "version", "1",
		"description", "JSON API of phoihop: plans, tasks, units, imports, audit."
		" Lists answer {items, total, limit, offset}; errors answer"
		" {error: {code, message, detail}} with the HTTP status. See docs/API.md.",
		"servers", "url", "/api/v1",
		"security", "bearer", "cookie",
		"paths", paths,
		"components", "schemas", schemas(), "parameters", parameters(),
		"responses", error_responses(), "securitySchemes", security);
}

int api_openapi(struct req *r)
{
	json_t *doc = openapi_document();
	return doc ? reply_json(r, 200, doc) : PH_ENOMEM;
}

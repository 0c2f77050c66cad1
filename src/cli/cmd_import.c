/* cmd_import.c: `phoihop import FILE... [--dry-run] [--json] [--confirm]
 * [--format text|markdown]`. Each file is checked, read in its format (from
 * its name, .md and .markdown being Markdown, unless --format says),
 * extracted and (unless --dry-run) saved in its own transaction. An
 * extraction with items to review is saved only with --confirm: a person
 * must have seen what the importer did not understand. */
#include "cli/cli.h"
#include "model/access.h"
#include "model/document.h"
#include "model/model.h"
#include "model/unit.h"
#include "import/extract.h"
#include "import/extract_json.h"
#include "import/agency.h"
#include "import/timeframe.h"
#include "db/db.h"
#include "base/err.h"
#include "base/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
"usage: phoihop [--db FILE] import FILE... [--dry-run] [--json] [--confirm]\n"
"                                [--format text|markdown]\n"
"\n"
"Import plans, programs and reports from Word (.docx, .doc), PDF, plain text\n"
"or Markdown files, each known by its content. Each file is checked (at most\n"
"16 MiB; a text must be UTF-8), read, and its header,\n"
"references, sections, tasks, reporting deadlines, targets, recipients and\n"
"signers are extracted. Agency names resolve against the units registry;\n"
"names that resolve to nothing are listed as proposed units.\n"
"\n"
"  --dry-run   show the extraction, write nothing\n"
"  --json      print the extraction as JSON (see docs/import-json.md)\n"
"  --confirm   save even when the review list is not empty (the items are\n"
"              kept with the document); without it such a file is not saved\n"
"  --format F  read every text file as F: text (every character as written)\n"
"              or markdown (emphasis, headings); default: markdown for names\n"
"              ending in .md or .markdown, text for the others. Word and\n"
"              PDF files are read as what they are\n"
"\n"
"The same text imported twice is recognised by its content hash and not\n"
"saved again. Exit status: 0 all files done, 1 a file was refused or needs\n"
"review, 2 internal error.\n";

/* Bytes of s to print so that at most max characters show and no UTF-8
 * sequence is cut. */
static int clip(const char *s, int max)
{
	int n = 0, chars = 0;
	while (s[n] && chars < max) {
		n++;
		while ((s[n] & 0xC0) == 0x80)
			n++;
		chars++;
	}
	return n;
}

/* One document named by a preview: "văn bản 3 (kế hoạch 2: title), nhập
 * 2026-12-02 06:00:00 từ tệp x.txt". */
static void brief_line(const struct document_brief *b)
{
	printf("văn bản %lld", b->id);
	if (b->number)
		printf(" số %s", b->number);
	if (b->date)
		printf(" ngày %s", b->date);
	if (b->plan_id)
		printf(" (kế hoạch %lld: %s)", b->plan_id, b->title ? b->title : "");
	if (b->imported_at)
		printf(", nhập %s", b->imported_at);
	if (b->source_name)
		printf(" từ tệp %s", b->source_name);
	printf("\n");
}

/* A short human summary of an extraction on stdout, with what the
 * database already holds of it (prior may be NULL). */
static void summary(const char *path, const struct extraction *ex,
                    const struct document_prior *prior)
{
	char d[11];
	printf("%s\n", path);
	printf("  %s %s%s%s, %s%s%s\n", extraction_type_name(ex->type),
	       ex->number ? "số " : "", ex->number ? ex->number : "",
	       ex->number ? "" : (ex->symbol ? ex->symbol : "(không số)"),
	       ex->place ? ex->place : "", ex->place ? " " : "",
	       date_iso(ex->date, d) ? d : (ex->year ? "(chưa ghi ngày)" : ""));
	if (ex->title)
		printf("  %s\n", ex->title);
	printf("  định dạng: %s\n", ex->format == DOC_MARKDOWN ? "Markdown"
	                                                        : "văn bản thuần (giữ nguyên mọi ký tự)");
	printf("  %zu nhiệm vụ, %zu hạn báo cáo, %zu chỉ tiêu, %zu văn bản dẫn chiếu,"
	       " %zu nơi nhận, %zu người ký\n", ex->tasks_len, ex->deadlines_len,
	       ex->targets_len, ex->references_len, ex->recipients_len, ex->signers_len);
	for (size_t i = 0; i < ex->tasks_len; i++) {
		const struct ex_task *t = &ex->tasks[i];
		char s[11], e[11];
		date_iso(t->timeframe.start, s);
		date_iso(t->timeframe.end, e);
		const char *content = t->content ? t->content : "";
		printf("  %-4s %.*s\n", t->no ? t->no : "-", clip(content, 70), content);
		printf("       chủ trì: %s%s%s\n", t->lead.text ? t->lead.text : "-",
		       t->lead.unit ? " → " : "", t->lead.unit ? t->lead.unit : "");
		for (size_t k = 0; k < t->coordinating_len; k++)
			printf("       phối hợp: %s%s%s\n", t->coordinating[k].text,
			       t->coordinating[k].unit ? " → " : "",
			       t->coordinating[k].unit ? t->coordinating[k].unit : "");
		printf("       thời gian: %s [%s .. %s]\n",
		       t->timeframe_text ? t->timeframe_text : "-", s[0] ? s : "?", e[0] ? e : "?");
	}
	for (size_t i = 0; i < ex->proposed_len; i++)
		printf("  đơn vị mới đề xuất (dòng %d): %s\n", ex->proposed[i].line, ex->proposed[i].name);
	for (size_t i = 0; i < ex->review_len; i++)
		if (ex->review[i].place)
			printf("  cần kiểm tra (%s): %s\n", ex->review[i].place, ex->review[i].what);
		else
			printf("  cần kiểm tra (dòng %d): %s\n", ex->review[i].line, ex->review[i].what);
	if (prior && prior->same_text) {
		printf("  ĐÃ NHẬP TRƯỚC ĐÂY (cùng nội dung, sẽ không ghi thêm): ");
		brief_line(prior->same_text);
	}
	for (size_t i = 0; prior && i < prior->same_number_len; i++) {
		printf("  Đã có văn bản cùng số, ký hiệu và ngày — kiểm tra trước khi nhập: ");
		brief_line(&prior->same_number[i]);
	}
}

/* Import one file. Returns an enum ph_err code (already reported). */
static int import_one(struct db *db, const struct resolver *r, const char *path,
                      const enum doc_format *format, int dry_run, int confirm,
                      const struct cli *c, json_t *out)
{
	char why[256] = "";
	struct extraction ex;
	struct document_prior prior;
	struct document_input in;
	struct buf file;
	extraction_init(&ex);
	memset(&prior, 0, sizeof prior);
	memset(&in, 0, sizeof in);
	buf_init(&file, DOCUMENT_MAX_BYTES);
	int rc = buf_read_file(&file, path);
	if (rc == PH_ETOOBIG)
		snprintf(why, sizeof why, "larger than the limit of %u bytes", DOCUMENT_MAX_BYTES);
	else if (rc)
		snprintf(why, sizeof why, "cannot read the file");
	else
		rc = document_read(buf_str(&file), file.len, format ? *format : doc_format_from_name(path),
		                   &in, why, sizeof why);
	if (rc) {
		cli_fail(path, rc, "%s", why);
		goto out;
	}
	const char *text = in.text;
	size_t len = in.len;
	if (in.format == DOC_DOCX || in.format == DOC_DOC || in.format == DOC_PDF) {
		ex.original = file.data;
		ex.original_len = file.len;
	}
	rc = document_extract_input(&in, r, &ex);
	if (rc) {
		cli_fail(path, rc, rc == PH_EFORMAT ? "no document text could be read" : NULL);
		goto out;
	}
	/* What the database already holds of it (none without a database:
	 * a dry run before `init`). */
	rc = document_prior(db, &ex.arena, &ex, text, len, &prior);
	/* The extraction's arena refused something on the way: what it holds
	 * may have holes, so it is neither shown nor saved. */
	if (!rc && arena_failed(&ex.arena))
		rc = PH_ENOMEM;
	if (rc == PH_EDB)
		cli_fail(path, rc, "%s", db_errmsg(db));
	else if (rc)
		cli_fail(path, rc, NULL);
	if (rc)
		goto out;
	if (dry_run) {
		if (c->json) {
			json_t *o = extraction_json(&ex);
			rc = o ? document_prior_json(o, &prior) : PH_ENOMEM;
			if (!rc)
				json_array_append_new(out, o);
			else {
				json_decref(o);
				cli_fail(path, rc, NULL);
			}
		} else {
			summary(path, &ex, &prior);
		}
		goto out;
	}
	for (size_t i = 0; !prior.same_text && i < prior.same_number_len; i++)
		fprintf(stderr, "phoihop: %s: warning: document %lld has the same number, symbol"
		        " and date (%s, %s); check before importing\n", path,
		        prior.same_number[i].id, prior.same_number[i].number,
		        prior.same_number[i].date);
	if (ex.review_len && !confirm) {
		if (!c->json)
			summary(path, &ex, &prior);
		rc = PH_EREVIEW;
		cli_fail(path, rc, "%zu item(s) need review; nothing saved. Check them with"
		         " --dry-run, then import again with --confirm", ex.review_len);
		goto out;
	}
	long long doc = 0, plan = 0;
	const char *base = strrchr(path, '/');
	rc = document_save(db, access_system(), &ex, base ? base + 1 : path, text, len, &doc, &plan);
	if (rc == PH_EDUPLICATE) {
		fprintf(stderr, "phoihop: %s: already imported as document %lld (same content);"
		        " nothing written\n", path, doc);
		rc = 0;
		if (c->json) {
			json_t *o = json_pack("{s:s, s:I, s:b}", "file", path, "document_id",
			                      (json_int_t)doc, "duplicate", 1);
			json_array_append_new(out, o);
		}
		goto out;
	}
	if (rc) {
		cli_fail(path, rc, "%s", db_errmsg(db));
		goto out;
	}
	if (c->json) {
		json_t *o = json_pack("{s:s, s:I, s:I, s:I, s:I, s:b}", "file", path,
		                      "document_id", (json_int_t)doc, "plan_id", (json_int_t)plan,
		                      "tasks", (json_int_t)ex.tasks_len,
		                      "review", (json_int_t)ex.review_len, "duplicate", 0);
		json_array_append_new(out, o);
	} else {
		printf("%s: đã nhập văn bản %lld, kế hoạch %lld: %zu nhiệm vụ, %zu mục cần kiểm tra\n",
		       path, doc, plan, ex.tasks_len, ex.review_len);
	}
out:
	document_input_free(&in);
	buf_cleanup(&file);
	extraction_cleanup(&ex);
	return rc;
}

int cmd_import(int argc, char **argv, struct cli *c)
{
	int dry_run = 0, confirm = 0, bad = 0, files = 0;
	const char *format_name = NULL;
	enum doc_format format = DOC_TEXT;
	char **paths = calloc((size_t)argc + 1, sizeof *paths);
	if (!paths)
		return cli_fail("import", PH_ENOMEM, NULL);
	for (int i = 1; i < argc && !bad; i++) {
		if (cli_common(argc, argv, &i, c, &bad))
			continue;
		if (cli_flag(argv, &i, "--dry-run"))
			dry_run = 1;
		else if (cli_flag(argv, &i, "--confirm"))
			confirm = 1;
		else if (cli_opt(argc, argv, &i, "--format", &format_name, &bad)) {
			if (!bad && doc_format_parse(format_name, &format))
				bad = cli_fail("import", PH_EUSAGE, "--format must be text or markdown,"
				               " not %s", format_name) || 1;
		}
		else if (cli_flag(argv, &i, "--help") || cli_flag(argv, &i, "-h")) {
			fputs(usage, stdout);
			free(paths);
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1])
			bad = cli_fail("import", PH_EUSAGE, "unknown option %s", argv[i]) || 1;
		else
			paths[files++] = argv[i];
	}
	if (!bad && files == 0)
		bad = cli_fail("import", PH_EUSAGE, "no file given (see phoihop import --help)") || 1;
	if (bad) {
		free(paths);
		return 1;
	}
	struct db *db = NULL;
	struct resolver *r = NULL;
	int rc = 0, status = 0;
	/* A dry run against a database that does not exist yet must not create
	 * it: it resolves against the embedded registry instead. */
	if (dry_run && access(c->db_path, F_OK) != 0)
		r = unit_resolver_embedded(&rc);
	else if ((status = dry_run ? cli_open_db_readonly(c, &db) : cli_open_db(c, &db)) == 0)
		r = unit_resolver_db(db, &rc);
	if (!status && rc)
		status = cli_fail("registry", rc, "cannot build the name resolver");
	json_t *out = json_array();
	for (int i = 0; !status && i < files; i++) {
		int frc = import_one(db, r, paths[i], format_name ? &format : NULL, dry_run,
		                     confirm, c, out);
		if (frc && err_exit_status(frc) > status)
			status = err_exit_status(frc);
	}
	if (c->json && json_array_size(out) > 0)
		cli_print_json(files == 1 ? json_incref(json_array_get(out, 0)) : json_incref(out));
	json_decref(out);
	resolver_free(r);
	db_close(db);
	free(paths);
	return status;
}

/* extract.c: the extraction structure's life cycle, the shared helpers the
 * extractors use (review items, agency references) and extract_document(),
 * which runs every extractor in order. */
#include "import/extract.h"
#include "import/agency.h"
#include "base/err.h"
#include "base/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void extraction_init(struct extraction *ex)
{
	memset(ex, 0, sizeof *ex);
	arena_init(&ex->arena);
}

void extraction_cleanup(struct extraction *ex)
{
	arena_cleanup(&ex->arena);
	memset(ex, 0, sizeof *ex);
}

void extraction_review(struct extraction *ex, int line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	struct ex_review *r = ARENA_PUSH(&ex->arena, ex->review, ex->review_len, ex->review_cap);
	r->line = line;
	r->what = arena_strdup(&ex->arena, msg);
}

/* The place name a document's "tỉnh" refers to: the text after "tỉnh" in
 * the issuer or title ("UBND tỉnh Lào Cai" -> "Lào Cai"), else NULL. */
static const char *doc_place(const struct extraction *ex)
{
	return ex->place;
}

void extraction_unitref(struct extraction *ex, const struct resolver *r,
                        const char *text, int line, struct ex_unitref *ref)
{
	memset(ref, 0, sizeof *ref);
	ref->text = arena_strdup(&ex->arena, text);
	ref->group = agency_is_group(text);
	if (ref->group)
		return;
	const char *canonical = NULL;
	struct ph_date on = ex->date;
	if (!date_is_full(on))
		on = (struct ph_date){ex->year, ex->year ? 7 : 0, ex->year ? 1 : 0};
	int id = r ? resolver_lookup(r, text, on, doc_place(ex), &canonical) : 0;
	if (id > 0) {
		ref->unit_id = id;
		ref->unit = arena_strdup(&ex->arena, canonical);
		return;
	}
	/* Unknown: proposed once per folded name, never dropped. */
	char *folded = text_fold(text);
	for (size_t i = 0; folded && i < ex->proposed_len; i++) {
		char *f = text_fold(ex->proposed[i].name);
		int same = f && strcmp(f, folded) == 0;
		free(f);
		if (same) {
			free(folded);
			return;
		}
	}
	free(folded);
	struct ex_proposed *p = ARENA_PUSH(&ex->arena, ex->proposed, ex->proposed_len, ex->proposed_cap);
	p->name = arena_strdup(&ex->arena, text);
	p->line = line;
}

const char *extraction_type_name(enum doc_type t)
{
	switch (t) {
	case DOC_PLAN: return "plan";
	case DOC_PROGRAM: return "program";
	case DOC_REPORT: return "report";
	case DOC_DECISION: return "decision";
	case DOC_REGULATION: return "regulation";
	default: return "other";
	}
}

int extract_document(const struct docmodel *doc, const struct resolver *r,
                     struct extraction *ex)
{
	if (!doc->blocks_len)
		return PH_EFORMAT;
	ex->format = doc->format;
	extract_header(doc, ex);
	extract_sections(doc, ex);
	extract_references(doc, ex);
	extract_tasks(doc, r, ex);
	extract_deadlines(doc, ex);
	extract_targets(doc, ex);
	extract_closing(doc, ex);
	if (doc->markup_line)
		extraction_review(ex, doc->markup_line, "Văn bản được đọc như văn bản thuần nhưng "
		                  "có ký hiệu định dạng Markdown (như “**” hay “##”): các ký hiệu "
		                  "được giữ nguyên như đã viết. Nếu đây là tệp Markdown, hãy nhập "
		                  "lại với định dạng Markdown.");
	return arena_failed(&ex->arena) ? PH_ENOMEM : 0;
}

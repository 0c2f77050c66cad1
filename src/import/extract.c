/* extract.c: the extraction structure's life cycle, the shared helpers the
 * extractors use (review items, the caps of each kind, agency references)
 * and extract_document(), which runs every extractor in order. */
#include "import/extract.h"
#include "import/agency.h"
#include "base/err.h"
#include "base/text.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A set of strings (folded agency names) in the extraction's arena: open
 * addressing, grown by doubling, so that a name is found in constant time
 * however many were proposed. */
struct name_set {
	char **slots;
	size_t cap, len;
};

void extraction_init(struct extraction *ex)
{
	extraction_init_capped(ex, 0);
}

void extraction_init_capped(struct extraction *ex, size_t max)
{
	memset(ex, 0, sizeof *ex);
	arena_init_capped(&ex->arena, max);
}

size_t extraction_scratch_cap(const struct extraction *ex)
{
	const struct arena *a = &ex->arena;
	if (!a->max)
		return 0;
	/* 1 byte: no chunk fits, every allocation is refused */
	return a->total < a->max ? a->max - a->total : 1;
}

void extraction_cleanup(struct extraction *ex)
{
	arena_cleanup(&ex->arena);
	memset(ex, 0, sizeof *ex);
}

/* Append a review item, without the cap. */
static void review_add(struct extraction *ex, int line, const char *msg)
{
	char *what = arena_strdup(&ex->arena, msg);
	struct ex_review *r = what ? ARENA_PUSH(&ex->arena, ex->review, ex->review_len,
	                                        ex->review_cap) : NULL;
	if (r) {
		r->line = line;
		r->what = what;
	}
}

void extraction_review(struct extraction *ex, int line, const char *fmt, ...)
{
	if (!extraction_room(ex, EX_REVIEW, ex->review_len, line))
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	review_add(ex, line, msg);
}

/* Each kind's cap, and how the review item that reports it names the
 * items in Vietnamese. */
static const struct {
	size_t cap;
	const char *noun;   /* "nhiệm vụ" */
	const char *whole;  /* what the cap is counted in */
} kinds[EX_KINDS] = {
	[EX_TASKS] = {EXTRACT_MAX_TASKS, "nhiệm vụ", "một văn bản"},
	[EX_COORDINATING] = {EXTRACT_MAX_COORDINATING, "cơ quan phối hợp", "một nhiệm vụ"},
	[EX_SECTIONS] = {EXTRACT_MAX_SECTIONS, "mục", "một văn bản"},
	[EX_REFERENCES] = {EXTRACT_MAX_REFERENCES, "văn bản dẫn chiếu", "một văn bản"},
	[EX_TARGETS] = {EXTRACT_MAX_TARGETS, "chỉ tiêu", "một văn bản"},
	[EX_DEADLINES] = {EXTRACT_MAX_DEADLINES, "hạn báo cáo", "một văn bản"},
	[EX_RECIPIENTS] = {EXTRACT_MAX_RECIPIENTS, "nơi nhận", "một văn bản"},
	[EX_SIGNERS] = {EXTRACT_MAX_SIGNERS, "người ký", "một văn bản"},
	[EX_PROPOSED] = {EXTRACT_MAX_PROPOSED, "tên đơn vị mới", "một văn bản"},
	[EX_REVIEW] = {EXTRACT_MAX_REVIEW, "điểm cần kiểm tra", "một văn bản"},
};

size_t extraction_cap(enum ex_kind kind)
{
	return kinds[kind].cap;
}

int extraction_room(struct extraction *ex, enum ex_kind kind, size_t have, int line)
{
	if (have < kinds[kind].cap)
		return 1;
	if (!ex->left_out[kind]++)
		ex->left_out_line[kind] = line;
	return 0;
}

/* n with a dot between thousands, as Vietnamese writes it ("1.000.000"). */
static const char *vn_count(char buf[static 32], size_t n)
{
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%zu", n), w = 0;
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf[w++] = '.';
		buf[w++] = digits[i];
	}
	buf[w] = 0;
	return buf;
}

/* One review item per cap reached: how many items were left out, from
 * which line, and what that means (they are not imported). */
static void report_left_out(struct extraction *ex)
{
	for (int k = 0; k < EX_KINDS; k++) {
		if (!ex->left_out[k])
			continue;
		char cap[32], n[32], msg[1024];
		vn_count(cap, kinds[k].cap);
		vn_count(n, ex->left_out[k]);
		if (k == EX_PROPOSED)
			snprintf(msg, sizeof msg, "Văn bản nêu quá %s %s (giới hạn của %s): %s tên "
			         "sau, từ dòng %d, không khớp danh mục và được giữ như đã viết nhưng "
			         "không được đề xuất thành đơn vị mới.", cap, kinds[k].noun,
			         kinds[k].whole, n, ex->left_out_line[k]);
		else if (k == EX_REVIEW)
			snprintf(msg, sizeof msg, "Còn %s %s khác, từ dòng %d, không được liệt kê: "
			         "chỉ %s điểm đầu được liệt kê.", n, kinds[k].noun,
			         ex->left_out_line[k], cap);
		else
			snprintf(msg, sizeof msg, "Vượt giới hạn %s %s của %s: %s %s sau, từ dòng "
			         "%d, không được đọc và sẽ không được nhập. Hãy kiểm tra văn bản gốc "
			         "hoặc chia văn bản thành nhiều văn bản nhỏ hơn.", cap, kinds[k].noun,
			         kinds[k].whole, n, kinds[k].noun, ex->left_out_line[k]);
		review_add(ex, ex->left_out_line[k], msg);
	}
}

static uint64_t name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* 1 when key is in the set (which may be NULL). */
static int set_has(const struct name_set *set, const char *key)
{
	if (!set || !set->cap)
		return 0;
	for (size_t j = name_hash(key) & (set->cap - 1); set->slots[j]; j = (j + 1) & (set->cap - 1))
		if (strcmp(set->slots[j], key) == 0)
			return 1;
	return 0;
}

/* Add key to the set: 1 when added, 0 when it was there, -1 when memory
 * ran out. */
static int set_add(struct arena *a, struct name_set **setp, const char *key)
{
	struct name_set *set = *setp;
	if (!set && !(set = *setp = arena_alloc(a, sizeof *set)))
		return -1;
	if ((set->len + 1) * 2 > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 64;
		char **slots = arena_alloc(a, cap * sizeof *slots);
		if (!slots)
			return -1;
		for (size_t i = 0; i < set->cap; i++) {
			if (!set->slots[i])
				continue;
			size_t j = name_hash(set->slots[i]) & (cap - 1);
			while (slots[j])
				j = (j + 1) & (cap - 1);
			slots[j] = set->slots[i];
		}
		set->slots = slots;
		set->cap = cap;
	}
	size_t j = name_hash(key) & (set->cap - 1);
	for (; set->slots[j]; j = (j + 1) & (set->cap - 1))
		if (strcmp(set->slots[j], key) == 0)
			return 0;
	if (!(set->slots[j] = arena_strdup(a, key)))
		return -1;
	set->len++;
	return 1;
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
	/* Unknown: proposed once per folded name, never dropped; past the cap
	 * kept as written only, and each such name counted once. */
	char *folded = text_fold(text);
	if (!folded) {
		ex->failed = 1;
		return;
	}
	if (!set_has(ex->proposed_set, folded)) {
		if (ex->proposed_len < EXTRACT_MAX_PROPOSED) {
			char *name = arena_strdup(&ex->arena, text);
			struct ex_proposed *p = name && set_add(&ex->arena, &ex->proposed_set, folded) >= 0 ?
			        ARENA_PUSH(&ex->arena, ex->proposed, ex->proposed_len, ex->proposed_cap) : NULL;
			if (p) {
				p->name = name;
				p->line = line;
			}
		} else {
			ref->unlisted = 1;
			if (set_add(&ex->arena, &ex->unlisted_set, folded) == 1)
				extraction_room(ex, EX_PROPOSED, EXTRACT_MAX_PROPOSED, line);
		}
	}
	free(folded);
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
		review_add(ex, doc->markup_line, "Văn bản được đọc như văn bản thuần nhưng có ký "
		           "hiệu định dạng Markdown (như “**” hay “##”): các ký hiệu được giữ "
		           "nguyên như đã viết. Nếu đây là tệp Markdown, hãy nhập lại với định "
		           "dạng Markdown.");
	report_left_out(ex);
	return arena_failed(&ex->arena) || ex->failed ? PH_ENOMEM : 0;
}

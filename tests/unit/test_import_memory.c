/* test_import_memory.c: the importer when memory runs out (issue 9, point
 * 2(c)). Any allocation of an import may be refused (an arena over its
 * cap, or malloc failing); the code must then stop safely: no NULL
 * dereferenced (this runs under ASan and UBSan in make check-san), no
 * endless loop, an error instead of success, and never a result with
 * holes that looks whole.
 *
 * How each allocation in turn is made the refused one. An arena takes
 * memory from malloc in chunks and its cap counts those chunks, so a cap
 * alone only ever refuses an allocation that opens a new chunk. A run
 * therefore first fills the arena's newest chunk so that exactly R bytes
 * are left in it, then caps the arena at what it holds plus E chunks more:
 * the first allocation that does not fit is refused, and later smaller
 * ones may still fit, as they would in a real arena. R moves across a
 * whole chunk (in steps of the alignment on the generated document read
 * as plain text; in at most SWEEP_RUNS steps elsewhere, to keep the time)
 * and E from 0 to the chunks the stage needs (and its scratch arenas:
 * until a whole cycle of R succeeds), so that the refusal moves across
 * every allocation of the stage. With E = 0 the extractors' scratch arenas get
 * no room at all (extraction_scratch_cap), so every one of their
 * allocations is refused too.
 *
 * What is swept, on every document of the repository (demo/, the
 * tests/import/ cases, a generated document that has every shape, and the
 * real samples of ../shared/samples when present), read as plain text and
 * as Markdown, with the embedded registry resolving names:
 *   - the reader and each extractor on its own (the stages before it run
 *     with memory to spare): nothing refused means a result equal to the
 *     one of a run without a cap; anything refused leaves the arena failed
 *     or ex->failed set; extraction_json reads any result without harm;
 *   - agency_split (the lists of agencies) on its own arena: an
 *     extractor's scratch arena starts empty and is refused only where it
 *     opens a chunk, so the sweep above reaches its sites less finely;
 *   - document_check and document_extract on an extraction capped with
 *     extraction_init_capped, from 256 bytes to enough: 0 with the whole
 *     result, or PH_ETOOBIG exactly when memory was refused;
 *   - with a database: document_reach adding its review items and
 *     document_set_unit copying a unit's name into a capped extraction:
 *     PH_ENOMEM exactly when the arena refused, the whole change otherwise;
 *   - the largest document the web takes, extracted under the web's cap
 *     (DOCUMENT_EXTRACTION_MAX_MEMORY), is not refused. */
#include "test.h"
#include "fixture.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/text.h"
#include "import/agency.h"
#include "import/docmodel.h"
#include "import/extract.h"
#include "import/extract_json.h"
#include "model/document.h"
#include "model/unit.h"
#include <glob.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Most runs one sweep of one stage makes on a document of the repository:
 * R grows in coarser steps when the stage allocates more than this many
 * alignment steps' worth. The generated document, which has every shape
 * the extractors read, is swept in steps of the alignment. */
enum { SWEEP_RUNS = 200, ALIGN = 16 };
/* Most chunks added past a stage's own growth for its scratch arenas. */
enum { EXTRA_MAX = 64 };

/* The arena's geometry, measured (arena.c keeps it private): the room of
 * a chunk and the bytes malloc gives for a chunk beyond its room. */
static size_t chunk_room, chunk_head;

static void measure_arena(void)
{
	struct arena a;
	arena_init(&a);
	arena_alloc(&a, 1);
	size_t one = a.total;
	arena_alloc(&a, (size_t)1 << 20); /* a block of its own: head + 1 MiB */
	chunk_head = a.total - one - ((size_t)1 << 20);
	chunk_room = one - chunk_head;
	arena_cleanup(&a);
}

/* Leave exactly room bytes (a multiple of ALIGN below chunk_room) in the
 * newest chunk of a, whatever it holds now: a full chunk first, then one
 * that keeps room free. */
static void leave_room(struct arena *a, size_t room)
{
	arena_alloc(a, chunk_room);
	if (room)
		arena_alloc(a, chunk_room - room);
}

/* From now on a may take extra more chunks from malloc. */
static void cap_after(struct arena *a, size_t extra)
{
	a->max = a->total + extra * (chunk_head + chunk_room);
}

/* ---- documents ---------------------------------------------------------- */

struct doc {
	char name[256];
	char *text;   /* checked NFC text (document_check), malloc'd */
	size_t len;
	int every;    /* 1: read as plain text, swept in steps of the alignment */
};

static struct doc docs[64];
static size_t ndocs;

static int every_next; /* the documents added now are swept in full */

static void add_doc(const char *name, const char *data, size_t n)
{
	if (ndocs == sizeof docs / sizeof *docs)
		return;
	struct doc *d = &docs[ndocs];
	int bad = 0;
	char why[256];
	snprintf(d->name, sizeof d->name, "%s", name);
	d->every = every_next;
	int rc = document_check(data, n, &d->text, &d->len, &bad, why, sizeof why);
	CHECK_INT(rc, 0, d->name);
	if (!rc)
		ndocs++;
}

static void add_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	CHECK(f != NULL, "cannot open %s", path);
	if (!f)
		return;
	char *data = malloc(DOCUMENT_MAX_BYTES);
	size_t n = data ? fread(data, 1, DOCUMENT_MAX_BYTES, f) : 0;
	fclose(f);
	if (data)
		add_doc(path, data, n);
	free(data);
}

static size_t add_glob(const char *pattern)
{
	glob_t g;
	size_t n = 0;
	if (glob(pattern, 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++)
			if (!strstr(g.gl_pathv[i], "README")) {
				add_file(g.gl_pathv[i]);
				n++;
			}
		globfree(&g);
	}
	return n;
}

/* A growable string for the generated document. */
struct gen {
	char *p;
	size_t len, cap;
};

static void gen_add(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void gen_add(struct gen *g, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		va_start(ap, fmt);
		int n = vsnprintf(g->p ? g->p + g->len : NULL, g->p ? g->cap - g->len : 0, fmt, ap);
		va_end(ap);
		if (g->p && (size_t)n < g->cap - g->len) {
			g->len += (size_t)n;
			return;
		}
		g->cap = g->cap * 2 + (size_t)n + 256;
		g->p = realloc(g->p, g->cap);
		if (!g->p)
			exit(2);
	}
}

/* Every shape the extractors read in one document: a header with mottos,
 * a task table cut by a page break, agency enumerations, a repeated and a
 * combined lead, numbered activities, targets, deadlines, references,
 * recipients and a signature. */
static void add_generated(void)
{
	struct gen g = {0};
	gen_add(&g, "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÀO CAI\t"
	            "Độc lập - Tự do - Hạnh phúc\n\nSố: 99/KH-UBND\n\n"
	            "Lào Cai, ngày 02 tháng 01 năm 2024\n\nKẾ HOẠCH\nThử bộ nhớ của một văn bản\n"
	            "giai đoạn 2024 - 2025\n\nCăn cứ Quyết định số 12/QĐ-UBND ngày 01/02/2023 của "
	            "Ủy ban nhân dân tỉnh Lào Cai;\n\nI. NỘI DUNG\n\nPHỤ LỤC 01: Nhiệm vụ\n"
	            "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tGhi chú\n");
	for (int i = 1; i <= 12; i++)
		gen_add(&g, "%d\tViệc **số** %d (*)\t%s\tSở Tư pháp; UBND các huyện: Bảo Yên, Bắc Hà\t"
		        "Quý %s/2024\t%s\n", i, i, i % 3 ? "Sở Nội vụ" : "Sở Nội vụ, Sở Y tế",
		        i % 2 ? "II" : "III", i % 4 ? "" : "ghi chú");
	gen_add(&g, "\tnối tiếp do ngắt trang\t\tTỉnh đoàn\t\t\n"
	            "13\tThiếu ô\tSở Nội vụ\n\n"
	            "STT\tNội dung\tCơ quan chủ trì, phối hợp\tThời gian\n"
	            "1\tViệc gộp\tSở Y tế, Công an tỉnh\tTháng 5/2024\n\n"
	            "II. MỤC TIÊU\n- Phấn đấu đạt ít nhất 90%% hội viên được tập huấn năm 2025.\n"
	            "- Tạo việc làm mới cho 2.500 lao động mỗi năm.\n"
	            "Các đơn vị gửi báo cáo sơ kết trước ngày 15/6/2024 về Sở Nội vụ.\n"
	            "Báo cáo định kỳ 6 tháng, một năm gửi Sở Nội vụ.\n\n"
	            "III. TỔ CHỨC THỰC HIỆN\n"
	            "1. Tổ chức hội nghị\n- Cơ quan chủ trì: Ban Mới\n- Cơ quan phối hợp: Sở Tư pháp, "
	            "Tỉnh đoàn\n- Thời gian thực hiện: Quý IV/2024\n\n"
	            "2. Tập huấn cán bộ\n- Sở Nội vụ: Chủ trì xây dựng tài liệu\n- Tỉnh đoàn: Phối hợp "
	            "tổ chức\n- Thời gian thực hiện:\nTháng 9/2024\n\n"
	            "3. Kiểm tra\n- Chủ trì: Sở Y tế; Phối hợp: Công an tỉnh; Thời gian: năm 2025\n\n"
	            "Nơi nhận:\n- Như trên;\n- Sở Nội vụ;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\n"
	            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn Thử\n");
	add_doc("generated", g.p, g.len);
	free(g.p);
}

/* ---- one stage at a time ------------------------------------------------- */

enum stage { ST_READER, ST_HEADER, ST_SECTIONS, ST_REFERENCES, ST_TASKS, ST_DEADLINES,
             ST_TARGETS, ST_CLOSING, ST_COUNT };
static const char *const stage_names[ST_COUNT] = {"reader", "header", "sections", "references",
	"tasks", "deadlines", "targets", "closing"};

static struct resolver *res;

static void run_stage(int s, const struct docmodel *doc, struct extraction *ex)
{
	switch (s) {
	case ST_HEADER: extract_header(doc, ex); break;
	case ST_SECTIONS: extract_sections(doc, ex); break;
	case ST_REFERENCES: extract_references(doc, ex); break;
	case ST_TASKS: extract_tasks(doc, res, ex); break;
	case ST_DEADLINES: extract_deadlines(doc, ex); break;
	case ST_TARGETS: extract_targets(doc, ex); break;
	case ST_CLOSING: extract_closing(doc, ex); break;
	default: break;
	}
}

/* The extraction as JSON text (malloc'd), NULL when it cannot be made. */
static char *dump(const struct extraction *ex)
{
	json_t *j = extraction_json(ex);
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	return s;
}

/* 1 when two document models hold the same blocks. */
static int same_doc(const struct docmodel *a, const struct docmodel *b)
{
	if (a->blocks_len != b->blocks_len || a->lines != b->lines || a->markup_line != b->markup_line)
		return 0;
	for (size_t i = 0; i < a->blocks_len; i++) {
		const struct doc_block *x = &a->blocks[i], *y = &b->blocks[i];
		if (x->kind != y->kind || x->line != y->line || x->heading != y->heading ||
		    x->bold != y->bold || x->italic != y->italic || x->rows_len != y->rows_len ||
		    (!x->text) != (!y->text) || (x->text && strcmp(x->text, y->text)))
			return 0;
		for (size_t r = 0; r < x->rows_len; r++) {
			const struct doc_row *p = &x->rows[r], *q = &y->rows[r];
			if (p->line != q->line || p->cells_len != q->cells_len)
				return 0;
			for (size_t c = 0; c < p->cells_len; c++)
				if (strcmp(p->cells[c], q->cells[c]))
					return 0;
		}
	}
	return 1;
}

/* The step of R for a stage that allocates used bytes, so that the sweep
 * of its extra chunks (returned in *extra) stays within SWEEP_RUNS runs,
 * unless every (the document is swept in full). */
static size_t room_step(int every, size_t used, size_t *extra)
{
	*extra = used / chunk_room + 1;
	if (every)
		return ALIGN;
	size_t steps = chunk_room / ALIGN * (*extra + 1);
	size_t k = (steps + SWEEP_RUNS - 1) / SWEEP_RUNS;
	return (k ? k : 1) * ALIGN;
}

/* The reader under every cap of the sweep: 0 with the same model as
 * without a cap, or PH_ENOMEM with the arena failed and an empty model. */
static void sweep_reader(const struct doc *d, enum doc_format f, const struct docmodel *ref,
                         size_t used, int every)
{
	size_t extra, step = room_step(every, used, &extra);
	int refused = 0, whole = 0;
	for (size_t e = 0; e <= extra; e++)
		for (size_t room = 0; room < chunk_room; room += step) {
			struct arena a;
			struct docmodel doc;
			arena_init(&a);
			leave_room(&a, room);
			cap_after(&a, e);
			int rc = reader_text(&a, d->text, d->len, f, &doc);
			if (rc == 0) {
				CHECK(!arena_failed(&a), "%s: reader: success from a failed arena", d->name);
				CHECK(same_doc(&doc, ref), "%s: reader, room %zu + %zu chunks: a model "
				      "unlike the one without a cap", d->name, room, e);
				whole++;
			} else {
				CHECK_INT(rc, PH_ENOMEM, d->name);
				CHECK(arena_failed(&a) && doc.blocks_len == 0 && !doc.blocks,
				      "%s: reader: PH_ENOMEM leaves a model, or an arena not failed", d->name);
				refused++;
			}
			arena_cleanup(&a);
		}
	CHECK(refused > 0 && whole > 0, "%s: reader sweep: %d refused, %d whole", d->name,
	      refused, whole);
}

/* Stage s of the extraction under every cap of the sweep. The stages
 * before it run once, with memory to spare, into base; each run starts
 * from a copy of base with an arena of its own. A stage only appends to
 * the lists it finds (past their length, which base never reads, or into
 * a new array in the run's arena) and sets fields of the copy, so base
 * holds the same after every run. */
static void sweep_stage(const struct doc *d, const struct docmodel *doc, int s, int every)
{
	struct extraction base, ex;
	extraction_init(&base);
	base.format = doc->format;
	for (int k = ST_HEADER; k < s; k++)
		run_stage(k, doc, &base);
	ex = base;
	arena_init(&ex.arena);
	run_stage(s, doc, &ex);
	size_t used = ex.arena.total;
	char *ref = dump(&ex);
	CHECK(ref != NULL && !arena_failed(&ex.arena) && !ex.failed && !arena_failed(&base.arena),
	      "%s: %s without a cap", d->name, stage_names[s]);
	arena_cleanup(&ex.arena);
	if (!ref) {
		extraction_cleanup(&base);
		return;
	}
	size_t extra, step = room_step(every, used, &extra);
	int refused = 0, whole = 0, cycle_whole = 1;
	/* The scratch arenas may need more than the stage's growth of
	 * ex->arena: past extra, chunks are added until a whole cycle of R
	 * succeeds (bounded: a stage that never succeeds fails the test). */
	for (size_t e = 0; e <= extra || (!cycle_whole && e <= extra + EXTRA_MAX); e++) {
		cycle_whole = 1;
		for (size_t room = 0; room < chunk_room; room += step) {
			ex = base;
			arena_init(&ex.arena);
			leave_room(&ex.arena, room);
			cap_after(&ex.arena, e);
			run_stage(s, doc, &ex);
			if (arena_failed(&ex.arena) || ex.failed) {
				refused++;
				cycle_whole = 0;
				json_t *j = extraction_json(&ex); /* reads whatever the stage left */
				CHECK(j != NULL, "%s: %s: no JSON", d->name, stage_names[s]);
				json_decref(j);
			} else {
				whole++;
				char *got = dump(&ex);
				CHECK(got && !strcmp(got, ref), "%s: %s, room %zu + %zu chunks: nothing "
				      "was refused but the result differs", d->name, stage_names[s], room, e);
				free(got);
			}
			arena_cleanup(&ex.arena);
		}
	}
	extraction_cleanup(&base);
	/* a stage that allocates nothing on this document cannot be refused */
	CHECK((refused > 0 || used == 0) && whole > 0, "%s: %s sweep: %d refused, %d whole",
	      d->name, stage_names[s], refused, whole);
	free(ref);
}

static void test_stages(void)
{
	for (size_t i = 0; i < ndocs; i++)
		for (int f = 0; f < 2; f++) {
			const struct doc *d = &docs[i];
			enum doc_format fmt = f ? DOC_MARKDOWN : DOC_TEXT;
			struct arena a;
			struct docmodel doc;
			arena_init(&a);
			int rc = reader_text(&a, d->text, d->len, fmt, &doc);
			CHECK_INT(rc, 0, d->name);
			/* in full once: the generated document read as plain text */
			int every = d->every && fmt == DOC_TEXT;
			if (!rc) {
				sweep_reader(d, fmt, &doc, a.total, every);
				for (int s = ST_HEADER; s < ST_COUNT; s++)
					sweep_stage(d, &doc, s, every);
			}
			arena_cleanup(&a);
		}
}

/* ---- the agency lists, whose arena is a scratch arena --------------------- */

/* agency_split runs in extract_tasks' scratch arena, which starts empty
 * and so is refused only where it opens a chunk; here its own arena is
 * swept, each allocation in turn refused, over every shape of a list. */
static void test_agency_split(void)
{
	static const char *const lists[] = {
		"Sở Tư pháp; UBND các huyện: Bảo Yên, Bắc Hà",
		"UBND các huyện, thị xã: Bảo Yên, Sa Pa",
		"Sở Văn hóa, Thể thao và Du lịch, Sở Y tế và các sở, ban, ngành liên quan",
		"Hội LHPN huyện, thị xã, thành phố; Tỉnh đoàn\nCông an tỉnh",
		"- Sở Nội vụ;\n+ Sở Tài chính (chủ trì), Sở Kế hoạch và Đầu tư.",
		"các huyện: Bảo Yên, Sở Y tế, Tỉnh đoàn",
	};
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
		char **want = NULL, **got = NULL;
		struct arena ref;
		arena_init(&ref);
		size_t n = agency_split(&ref, lists[i], &want);
		CHECK(n > 0 && !arena_failed(&ref), "list %zu without a cap", i);
		int refused = 0, whole = 0;
		for (size_t e = 0; e <= 1; e++)
			for (size_t room = 0; room < chunk_room; room += ALIGN) {
				struct arena a;
				arena_init(&a);
				leave_room(&a, room);
				cap_after(&a, e);
				size_t m = agency_split(&a, lists[i], &got);
				for (size_t k = 0; k < m; k++)
					CHECK(got[k] != NULL, "list %zu, room %zu: a NULL piece", i, room);
				if (arena_failed(&a)) {
					refused++;
				} else {
					int same = m == n;
					for (size_t k = 0; same && k < n; k++)
						same = !strcmp(got[k], want[k]);
					CHECK(same, "list %zu, room %zu + %zu chunks: nothing refused, other "
					      "pieces", i, room, e);
					whole++;
				}
				arena_cleanup(&a);
			}
		CHECK(refused > 0 && whole > 0, "list %zu: %d refused, %d whole", i, refused, whole);
		arena_cleanup(&ref);
	}
}

/* ---- the whole import under extraction_init_capped ----------------------- */

static void test_capped_extraction(void)
{
	for (size_t i = 0; i < ndocs; i++)
		for (int f = 0; f < 2; f++) {
			const struct doc *d = &docs[i];
			enum doc_format fmt = f ? DOC_MARKDOWN : DOC_TEXT;
			struct extraction ex;
			extraction_init(&ex);
			int rc = document_extract(d->text, d->len, fmt, res, &ex);
			CHECK_INT(rc, 0, d->name);
			char *ref = dump(&ex);
			size_t chunks = ex.arena.total / (chunk_head + chunk_room) + 2;
			extraction_cleanup(&ex);
			if (rc || !ref) {
				free(ref);
				continue;
			}
			int refused = 0, whole = 0;
			/* Caps below one chunk: the first allocation is refused. */
			for (size_t cap = 256; cap < chunk_head + chunk_room; cap *= 4) {
				extraction_init_capped(&ex, cap);
				CHECK_INT(document_extract(d->text, d->len, fmt, res, &ex), PH_ETOOBIG, d->name);
				char *got = dump(&ex);
				CHECK(got != NULL, "%s: no JSON after a refusal", d->name);
				free(got);
				extraction_cleanup(&ex);
			}
			/* Then each chunk in turn is the one refused, its boundary at
			 * four places in the allocations; past the arena's own chunks
			 * the extractors' scratch arenas may need more (bounded). */
			int cycle_whole = 0;
			for (size_t c = 0; c <= chunks || (!cycle_whole && c <= chunks + EXTRA_MAX); c++) {
				cycle_whole = 1;
				for (size_t q = 0; q < 4; q++) {
					size_t room = chunk_room / 4 * q / ALIGN * ALIGN;
					extraction_init_capped(&ex, (c + 1) * (chunk_head + chunk_room));
					arena_alloc(&ex.arena, chunk_room - room); /* one chunk, room left */
					rc = document_extract(d->text, d->len, fmt, res, &ex);
					int failed = arena_failed(&ex.arena) || ex.failed;
					CHECK(rc == 0 || rc == PH_ETOOBIG, "%s: %zu chunks: rc %d", d->name, c, rc);
					CHECK((rc == PH_ETOOBIG) == failed, "%s: %zu chunks: rc %d but memory %s",
					      d->name, c, rc, failed ? "was refused" : "was not refused");
					char *got = dump(&ex);
					CHECK(got != NULL, "%s: no JSON", d->name);
					if (rc == 0) {
						whole++;
						CHECK(got && !strcmp(got, ref), "%s: %zu chunks: success with a "
						      "result unlike the one without a cap", d->name, c);
					} else {
						refused++;
						cycle_whole = 0;
					}
					free(got);
					extraction_cleanup(&ex);
				}
			}
			CHECK(refused > 0 && whole > 0, "%s: capped extraction: %d refused, %d whole",
			      d->name, refused, whole);
			free(ref);
		}
}

/* The largest document the web takes is extracted under the web's cap:
 * a 16 MiB task table. */
static void test_web_cap_fits(void)
{
	static const char head[] =
		"ỦY BAN NHÂN DÂN TỈNH LÀO CAI\n\nSố: 98/KH-UBND\n\nLào Cai, ngày 02 tháng 01 năm 2024\n\n"
		"KẾ HOẠCH\nVăn bản lớn nhất được nhận\n\nI. NỘI DUNG\n\n"
		"STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n";
	struct gen g = {0};
	gen_add(&g, "%s", head);
	for (int i = 1; g.len < DOCUMENT_MAX_BYTES - 200; i++)
		gen_add(&g, "%d\tViệc số %d của văn bản lớn\tSở Nội vụ\tSở Tư pháp; Tỉnh đoàn\t"
		        "Quý II/2024\n", i, i);
	struct extraction ex;
	extraction_init_capped(&ex, DOCUMENT_EXTRACTION_MAX_MEMORY);
	CHECK_INT(document_extract(g.p, g.len, DOC_TEXT, res, &ex), 0,
	          "a 16 MiB document under the web's cap");
	CHECK_INT(ex.tasks_len, EXTRACT_MAX_TASKS, "its tasks, to the cap");
	extraction_cleanup(&ex);
	free(g.p);
}

/* ---- with a database ----------------------------------------------------- */

/* Leads outside a coordinator's reach (the police, the Youth Union) and
 * a name the registry does not know. */
static const char police[] =
	"ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nSố: 999/KH-UBND\nLào Cai, ngày 10 tháng 01 năm 2026\n\n"
	"KẾ HOẠCH\nKiểm tra phân quyền\n\nPHỤ LỤC\n"
	"STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n"
	"1\tTuần tra biên giới\tCông an tỉnh\tBộ Chỉ huy Quân sự tỉnh\tQuý I/2026\n"
	"2\tHội trại\tTỉnh đoàn\tSở Nội vụ\tTháng 3/2026\n"
	"3\tViệc mới\tBan Mới Thử\tSở Nội vụ\tTháng 4/2026\n";

static void test_reach_and_corrections(void)
{
	struct db *db = fixture_open();
	int rc = 0;
	struct resolver *r = unit_resolver_db(db, &rc);
	CHECK(r != NULL, "resolver from the database");
	if (!r) {
		fixture_close(db);
		return;
	}
	long long congan = fixture_unit(db, "laocai.congan");
	struct user dp = fixture_person(0, "dp", fixture_unit(db, "laocai.hlhpn"), ROLE_COORDINATOR);
	size_t len = strlen(police);
	int refused = 0, whole = 0;
	for (size_t room = 0; room < 2048; room += ALIGN) {
		struct extraction ex;
		struct document_reach reach;
		struct arena a;
		arena_init(&a);
		extraction_init(&ex);
		CHECK_INT(document_extract(police, len, DOC_TEXT, r, &ex), 0, "extract");
		size_t review = ex.review_len;
		leave_room(&ex.arena, room);
		cap_after(&ex.arena, 0);
		rc = document_reach(db, &dp, r, &ex, police, len, 1, &a, &reach);
		CHECK(rc == 0 || rc == PH_ENOMEM, "reach, room %zu: rc %d", room, rc);
		CHECK((rc == PH_ENOMEM) == arena_failed(&ex.arena), "reach, room %zu: rc %d", room, rc);
		if (rc == 0) {
			whole++;
			CHECK(reach.noutside == 2 && ex.review_len == review + 2,
			      "reach, room %zu: %zu outside, %zu review items added", room, reach.noutside,
			      ex.review_len - review);
		} else {
			refused++;
		}
		arena_cleanup(&a);
		extraction_cleanup(&ex);
	}
	CHECK(refused > 0 && whole > 0, "reach sweep: %d refused, %d whole", refused, whole);

	/* The arena of the list of leads outside (the request's). */
	struct extraction ex;
	struct document_reach reach;
	struct arena a;
	extraction_init(&ex);
	CHECK_INT(document_extract(police, len, DOC_TEXT, r, &ex), 0, "extract");
	arena_init_capped(&a, 256);
	CHECK_INT(document_reach(db, &dp, r, &ex, police, len, 1, &a, &reach), PH_ENOMEM,
	          "reach into an arena that refuses");
	arena_cleanup(&a);
	extraction_cleanup(&ex);

	/* A correction copies the unit's name into the extraction. */
	refused = whole = 0;
	for (size_t room = 0; room < 1024; room += ALIGN) {
		extraction_init(&ex);
		CHECK_INT(document_extract(police, len, DOC_TEXT, r, &ex), 0, "extract");
		leave_room(&ex.arena, room);
		cap_after(&ex.arena, 0);
		rc = document_set_unit(db, &ex, "Ban Mới Thử", congan);
		CHECK(rc == 0 || rc == PH_ENOMEM, "correction, room %zu: rc %d", room, rc);
		CHECK((rc == PH_ENOMEM) == arena_failed(&ex.arena), "correction, room %zu: rc %d",
		      room, rc);
		if (rc == 0) {
			whole++;
			const struct ex_unitref *lead = ex.tasks_len == 3 ? &ex.tasks[2].lead : NULL;
			CHECK(lead && lead->unit_id == congan && lead->unit && *lead->unit,
			      "correction, room %zu: the lead has the unit and its name", room);
			int proposed = 0;
			for (size_t i = 0; i < ex.proposed_len; i++)
				proposed |= !strcmp(ex.proposed[i].name, "Ban Mới Thử");
			CHECK(!proposed, "correction, room %zu: the name is still proposed", room);
		} else {
			refused++;
		}
		extraction_cleanup(&ex);
	}
	CHECK(refused > 0 && whole > 0, "correction sweep: %d refused, %d whole", refused, whole);
	resolver_free(r);
	fixture_close(db);
}

int main(void)
{
	measure_arena();
	CHECK(chunk_room >= 1024 && chunk_room % ALIGN == 0 && chunk_head > 0,
	      "arena chunks of %zu bytes, %zu more each", chunk_room, chunk_head);
	int e = 0;
	res = unit_resolver_embedded(&e);
	CHECK(res != NULL, "embedded resolver");
	if (!res)
		TEST_END("test_import_memory");
	every_next = 1;
	add_generated();
	every_next = 0;
	add_glob("tests/import/*/input.*");
	add_glob("demo/*.txt");
	add_glob("demo/*.md");
	if (!add_glob("../shared/samples/*.txt"))
		printf("SKIP: ../shared/samples not found: the real samples are not swept\n");
	CHECK(ndocs >= 10, "documents to sweep: %zu", ndocs);
	test_stages();
	test_agency_split();
	test_capped_extraction();
	test_web_cap_fits();
	test_reach_and_corrections();
	for (size_t i = 0; i < ndocs; i++)
		free(docs[i].text);
	resolver_free(res);
	text_cleanup();
	TEST_END("test_import_memory");
}

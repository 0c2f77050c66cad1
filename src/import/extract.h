/* extract.h: what the importer understood of one document: the extraction.
 * A plain structure a person can review before it is written (and the JSON
 * of `import --dry-run --json`). All strings and arrays live in ex->arena.
 *
 * extract_document() runs every extractor over a docmodel; each extractor
 * lives in its own file (extract_header.c, extract_tasks.c, ...). Anything
 * not understood is added to ex->review with its source line. */
#ifndef PH_EXTRACT_H
#define PH_EXTRACT_H
#include <stddef.h>
#include "base/arena.h"
#include "base/date.h"
#include "import/docmodel.h"
#include "import/timeframe.h"

struct resolver;

enum doc_type { DOC_OTHER = 0, DOC_PLAN, DOC_PROGRAM, DOC_REPORT,
                DOC_DECISION, DOC_REGULATION };

/* A mention of an agency and what it resolved to. */
struct ex_unitref {
	char *text;        /* as written, e.g. "Sở LĐ-TB&XH" */
	char *unit;        /* canonical registry name, or NULL */
	int unit_id;       /* registry id, 0 when unresolved */
	int group;         /* 1 for group phrases ("các sở, ban, ngành liên quan") */
	int unlisted;      /* 1: resolved to nothing and not proposed either (the
	                    * document named more new names than EXTRACT_MAX_PROPOSED);
	                    * saved with its text only */
};

/* The most one document may yield of each kind. Finding 11: a document of
 * 1,000,000 task rows was imported whole (and a 15 MB dry run took 900 MB),
 * after which the server stalled on the plan. A real plan has tens of
 * tasks, a national programme a few hundred; the caps are generous above
 * that. What lies beyond a cap is not extracted: one review item says how
 * many were left out from which line, so that the import needs a person's
 * confirmation and says so. The counts live in extraction.left_out. */
enum ex_kind {
	EX_TASKS,        /* tasks of the document */
	EX_COORDINATING, /* coordinating agencies of one task */
	EX_SECTIONS,
	EX_REFERENCES,   /* documents cited */
	EX_TARGETS,
	EX_DEADLINES,
	EX_RECIPIENTS,
	EX_SIGNERS,
	EX_PROPOSED,     /* distinct new agency names proposed as units */
	EX_REVIEW,       /* review items (those saying what was left out aside) */
	EX_KINDS
};
enum {
	EXTRACT_MAX_TASKS = 5000,
	EXTRACT_MAX_COORDINATING = 50,  /* per task */
	EXTRACT_MAX_SECTIONS = 2000,
	EXTRACT_MAX_REFERENCES = 500,
	EXTRACT_MAX_TARGETS = 1000,
	EXTRACT_MAX_DEADLINES = 200,
	EXTRACT_MAX_RECIPIENTS = 300,
	EXTRACT_MAX_SIGNERS = 20,
	EXTRACT_MAX_PROPOSED = 1000,
	EXTRACT_MAX_REVIEW = 1000,
};

struct ex_task {
	char *no;          /* "1", "2.3" as written */
	char *section;     /* "PHỤ LỤC 02" or the activity's section title */
	char *content;
	struct ex_unitref lead;     /* text NULL when the document names none */
	struct ex_unitref *coordinating;
	size_t coordinating_len, coordinating_cap;
	char *timeframe_text;       /* as written; NULL when none */
	struct timeframe timeframe;
	char *notes;       /* "Ghi chú" column, NULL when empty */
	int line;          /* source line of the task's first row */
	const char *source;/* "table" or "activity" */
};

struct ex_deadline {
	char *text;        /* the phrase, e.g. "báo cáo sơ kết 06 tháng trước ngày 15/6" */
	char *kind;        /* "6-month", "9-month", "annual", "quarterly", "other" */
	struct ph_date date;
	char *to;          /* receiving agency as written, NULL when none */
	int line;
};

struct ex_target {
	char *text;        /* the sentence or clause it came from */
	char *op;          /* ">=", ">", "<=", "<" ("=" is never guessed from a bare figure) */
	double value;
	char *unit;        /* "%" or a counted noun ("việc làm mới"), NULL */
	int year_from;     /* 0 = none */
	int year_to;       /* 0 = none */
	int each_year;     /* 1 for "hằng năm" */
	int line;
};

struct ex_reference {
	char *text;        /* "Quyết định số 1432/QĐ-UBND ngày 04/5/2021" */
	char *kind;        /* "Quyết định", "Nghị quyết", ... */
	char *number;      /* "1432/QĐ-UBND" */
	struct ph_date date;
	char *issuer;      /* "Ủy ban nhân dân tỉnh Lào Cai" when stated, else NULL */
	int line;
};

struct ex_section {
	char *no;          /* "I", "1", "1.1", "a", "PHỤ LỤC 01" */
	char *title;
	int level;         /* 1 = roman numeral / appendix, 2 = arabic, 3 = x.y, 4 = letter */
	int line;
};

struct ex_signer {
	char *name;
	char *position;     /* "PHÓ CHỦ TỊCH" */
	char *authority;    /* "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" lines joined by " / " */
	char *organization; /* "ỦY BAN DÂN TỘC" when the block names it */
	int line;
};

struct ex_review {
	int line;
	char *what;         /* English or Vietnamese sentence saying what was not understood */
	char *place;        /* where it is in a Word or PDF file ("bảng 2, hàng 5"),
	                     * NULL for a text (the line says it) */
};

struct ex_proposed {
	char *name;         /* a name that resolved to nothing */
	int line;           /* first line it appeared on */
};

struct extraction {
	struct arena arena;
	enum doc_format format; /* how the text was read (extract_document), or
	                         * the Word or PDF file it was rendered from */
	const void *original;   /* that file's bytes (not owned; NULL for a
	                         * text), kept with the document when saved */
	size_t original_len;
	/* header */
	enum doc_type type;
	char *type_text;     /* "KẾ HOẠCH" as written */
	char *number;        /* "468/KH-HLHPNVN-UBDT", NULL when blank */
	char *symbol;        /* "KH-HLHPNVN-UBDT" */
	char *place;         /* "Hà Nội" */
	struct ph_date date; /* may have only a year */
	int year;            /* document year, 0 unknown */
	char *title;
	char *issuers;       /* issuing bodies as written, "; "-joined */
	struct tf_context period; /* the plan's period, for "thường xuyên" */

	struct ex_section *sections;    size_t sections_len, sections_cap;
	struct ex_task *tasks;          size_t tasks_len, tasks_cap;
	struct ex_deadline *deadlines;  size_t deadlines_len, deadlines_cap;
	struct ex_target *targets;      size_t targets_len, targets_cap;
	struct ex_reference *references;size_t references_len, references_cap;
	char **recipients;              size_t recipients_len, recipients_cap;
	struct ex_signer *signers;      size_t signers_len, signers_cap;
	struct ex_review *review;       size_t review_len, review_cap;
	struct ex_proposed *proposed;   size_t proposed_len, proposed_cap;

	size_t left_out[EX_KINDS];      /* items beyond the cap, not extracted */
	int left_out_line[EX_KINDS];    /* source line of the first of them */
	struct name_set *proposed_set;  /* folded names of proposed (extract.c) */
	struct name_set *unlisted_set;  /* folded names past EXTRACT_MAX_PROPOSED */
	int failed;                     /* memory outside the arena (malloc, or
	                                 * an extractor's scratch arena) ran out */
};

/* An empty extraction whose arena has no cap (the command line). */
void extraction_init(struct extraction *ex);
/* An empty extraction whose arena takes at most max bytes from malloc
 * (arena_init_capped; 0: no cap), and whose extractors' scratch arenas
 * take at most what it leaves (extraction_scratch_cap): a document that
 * needs more makes the extraction fail (PH_ENOMEM) instead of taking the
 * machine's memory. */
void extraction_init_capped(struct extraction *ex, size_t max);
/* Frees everything the extraction holds; ex is zeroed (init again to reuse). */
void extraction_cleanup(struct extraction *ex);

/* The cap for a scratch arena an extractor starts now: what ex->arena's
 * cap leaves (at least 1, so that an exhausted cap refuses everything),
 * or 0 (no cap) when ex->arena has none. */
size_t extraction_scratch_cap(const struct extraction *ex);

/* Add a review item (printf-style). Past EXTRACT_MAX_REVIEW items it is
 * only counted (left_out[EX_REVIEW]); extract_document then adds one item
 * saying how many more there were. */
void extraction_review(struct extraction *ex, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The cap of kind (EXTRACT_MAX_...). */
size_t extraction_cap(enum ex_kind kind);

/* 1 when one more item of kind may be added, have being how many there
 * are (of the document, or of the task for EX_COORDINATING); else counts
 * the item as left out at line and returns 0. */
int extraction_room(struct extraction *ex, enum ex_kind kind, size_t have, int line);

/* Resolve text as an agency reference into *ref (text copied into the
 * arena); unresolved, non-group names are added to ex->proposed once (in
 * constant time per name), up to EXTRACT_MAX_PROPOSED of them: past that
 * a new name is marked unlisted and counted in left_out[EX_PROPOSED]. */
void extraction_unitref(struct extraction *ex, const struct resolver *r,
                        const char *text, int line, struct ex_unitref *ref);

/* Run all extractors. r may be NULL (nothing resolves; all names are
 * proposed). A plain-text document that looks like Markdown gets a review
 * item saying its markup was kept as written, and every cap that was
 * reached one saying how many items were left out. Time and memory are
 * linear in the document. Returns 0, PH_EFORMAT when the document has no
 * text, PH_ENOMEM when memory ran out (ex->arena, a scratch arena or
 * malloc refused): ex is then incomplete (fields may be NULL, lists
 * short) and only good for extraction_cleanup and extraction_json. */
int extract_document(const struct docmodel *doc, const struct resolver *r,
                     struct extraction *ex);

/* The individual extractors, in the order extract_document runs them.
 * When memory runs out they stop early or leave a field NULL, never
 * dereferencing what was refused; the arena stays failed (or ex->failed
 * is set) and extract_document answers PH_ENOMEM. */
void extract_header(const struct docmodel *doc, struct extraction *ex);
void extract_sections(const struct docmodel *doc, struct extraction *ex);
void extract_references(const struct docmodel *doc, struct extraction *ex);
void extract_tasks(const struct docmodel *doc, const struct resolver *r,
                   struct extraction *ex);
void extract_deadlines(const struct docmodel *doc, struct extraction *ex);
void extract_targets(const struct docmodel *doc, struct extraction *ex);
void extract_closing(const struct docmodel *doc, struct extraction *ex); /* recipients, signers */

/* "plan", "program", "report", "decision", "regulation", "other". */
const char *extraction_type_name(enum doc_type t);

#endif

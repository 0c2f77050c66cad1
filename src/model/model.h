/* model.h: the domain records as the rest of the program sees them: units,
 * plans, tasks, and the filter a task list takes. Records read from the
 * database live in an arena the caller passes in. */
#ifndef PH_MODEL_H
#define PH_MODEL_H
#include <stddef.h>
#include "base/arena.h"
#include "base/date.h"

struct unit {
	long long id;
	char *key;
	long long parent_id;     /* 0 for a root */
	char *kind, *level;      /* level NULL for a proposed unit */
	char *name, *short_name;
	char *valid_from, *valid_to; /* ISO or NULL */
	long long successor_id;  /* 0 when none */
	int proposed;
};

struct plan {
	long long id, document_id;
	char *title;
	char *type, *number, *symbol, *place, *date; /* from the document */
	char *type_text;         /* the type as written, "KẾ HOẠCH" */
	char *issuers;           /* issuing bodies as written, "; "-joined */
	int year;
	char *period_start, *period_end;
	int tasks;               /* number of tasks */
	char *format;            /* what the document came as: text, markdown, docx, doc, pdf */
	char *source_name;       /* the file it was imported from */
	int has_file;            /* the Word or PDF file is kept (document_files) */
};

struct task_coord {
	long long unit_id;       /* 0 when unresolved or a group */
	char *text;              /* as written */
	char *unit_name;         /* registry name, NULL when unresolved */
	int group;
};

struct task {
	long long id, plan_id;
	char *plan_title;
	char *no, *section, *content;
	long long lead_unit_id;
	char *lead_text, *lead_name;
	char *timeframe_text, *start, *end, *timeframe_kind;
	int expected;
	char *notes, *status;
	int overdue;             /* derived: end before today, not done/cancelled */
	int line;
	struct task_coord *coords;
	size_t coords_len, coords_cap;
};

/* A document imported before, as an import preview names it. */
struct document_brief {
	long long id;
	long long plan_id;       /* its plan, 0 when none */
	char *number, *symbol;   /* from its header, NULL when not read */
	char *date, *place;      /* ISO date, NULL when not read */
	char *title, *source_name;
	char *imported_at;       /* "YYYY-MM-DD HH:MM:SS" (UTC) */
};

/* What `tasks` lists. Zero/NULL fields do not filter. */
struct task_filter {
	long long plan_id;
	long long unit_id;       /* with role: lead, coordinating, or either */
	const char *role;        /* "lead", "coordinating" or NULL */
	struct ph_date from, to; /* overlap with [from, to] (a quarter) */
	const char *status;      /* not_started|in_progress|done|cancelled */
	int overdue;             /* only overdue tasks */
	struct ph_date today;    /* for overdue */
};

#endif

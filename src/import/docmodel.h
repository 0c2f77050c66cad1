/* docmodel.h: the one document model every reader produces and every
 * extractor reads: a list of blocks (paragraphs and tables), each with the
 * source line it came from. Text is NFC UTF-8 with Markdown markup (#, **,
 * *, _) removed and white space collapsed. All memory belongs to the arena
 * passed to the reader. */
#ifndef PH_DOCMODEL_H
#define PH_DOCMODEL_H
#include <stddef.h>
#include "base/arena.h"

enum block_kind { BLOCK_PARA, BLOCK_TABLE };

struct doc_row {
	char **cells;       /* cell texts, trimmed, markup removed */
	size_t cells_len;
	int line;           /* 1-based source line of the row */
};

struct doc_block {
	enum block_kind kind;
	int line;            /* 1-based source line where the block starts */
	char *text;          /* BLOCK_PARA: the paragraph text */
	int heading;         /* Markdown heading level 1..6, 0 when none */
	int bold;            /* the whole paragraph was bold or italic-bold */
	int italic;          /* the whole paragraph was italic */
	struct doc_row *rows;/* BLOCK_TABLE: rows, header row first */
	size_t rows_len, rows_cap;
};

struct docmodel {
	struct doc_block *blocks;
	size_t blocks_len, blocks_cap;
	int lines;           /* number of source lines */
};

/* Read plain text or Markdown (already checked as UTF-8 and NFC-normalized,
 * length n) into *out, allocating from a. Paragraph per line; a paragraph
 * broken by a page break (blank lines, next part starting in lower case)
 * is joined again; "KẾ HOẠCH**Triển khai..." style glued headings are split;
 * tables: tab-separated, pipe and Markdown tables, whose rows may continue
 * after blank lines or a page break. Returns 0 or PH_EFORMAT when no text. */
int reader_text(struct arena *a, const char *text, size_t n,
                struct docmodel *out);

#endif

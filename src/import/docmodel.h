/* docmodel.h: the one document model every reader produces and every
 * extractor reads: a list of blocks (paragraphs and tables), each with the
 * source line it came from. Text is NFC UTF-8 with white space collapsed;
 * Markdown markup (#, **, *, _, escapes) is removed only from documents
 * read as Markdown, plain text keeps every character as written. All
 * memory belongs to the arena passed to the reader. Also the document
 * formats and how a file name names one. */
#ifndef PH_DOCMODEL_H
#define PH_DOCMODEL_H
#include <stddef.h>
#include "base/arena.h"

/* How a document's characters are to be read. DOC_TEXT: every character
 * is content (a "*" is a star, "3*20" stays "3*20"); DOC_MARKDOWN: the
 * Markdown inline rules apply (emphasis, escapes, headings). DOC_DOCX,
 * DOC_DOC and DOC_PDF name the file a document came from: those are
 * rendered into text (import/render.h) and that text is read as
 * DOC_TEXT. */
enum doc_format { DOC_TEXT = 0, DOC_MARKDOWN, DOC_DOCX, DOC_DOC, DOC_PDF };

/* The format a file name names: DOC_MARKDOWN for a name ending in ".md"
 * or ".markdown" (any case), DOC_TEXT for anything else (NULL too). */
enum doc_format doc_format_from_name(const char *name);
/* "text" or "markdown" into *out: 0, or -1 (out untouched) for any other
 * string (NULL too). */
int doc_format_parse(const char *s, enum doc_format *out);
/* "text", "markdown", "docx", "doc" or "pdf". */
const char *doc_format_name(enum doc_format f);

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
	enum doc_format format; /* how it was read */
	int markup_line;     /* DOC_TEXT only: first line that looks like
	                      * Markdown ("## ...", "**...**"), kept as written;
	                      * 0 when none */
};

/* Read plain text or Markdown (already checked as UTF-8 and NFC-normalized,
 * length n) into *out, allocating from a. Paragraph per line; a paragraph
 * broken by a page break (blank lines, next part starting in lower case)
 * is joined again; tables: tab-separated and pipe tables, whose rows may
 * continue after blank lines or a page break. Markdown only: headings,
 * emphasis, escapes, "KẾ HOẠCH**Triển khai..." style glued headings split.
 * Returns 0, PH_EFORMAT when no text, PH_ENOMEM when memory ran out (the
 * arena failed or malloc refused; *out is then empty). */
int reader_text(struct arena *a, const char *text, size_t n, enum doc_format format,
                struct docmodel *out);

#endif

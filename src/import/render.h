/* render.h: the readers of binary documents (Word .docx, PDF; .doc through
 * a conversion to .docx). Each renders a document into the text that the
 * text reader reads (reader_text with DOC_TEXT, docmodel.h), so that every
 * extractor, the review and the JSON of an import work unchanged, and
 * records where in the original each line of that text came from, so that
 * a review item can name its place the way a person finds it in Word.
 *
 * The rendering, which both readers keep:
 *   - UTF-8, NFC, no NUL, no control character but '\n' and '\t', no
 *     byte order mark; lines end in '\n';
 *   - one paragraph per line, with a blank line between paragraphs (as a
 *     web copy of a plan reads); inside a paragraph, runs of white space
 *     (spaces, tabs, NBSP and the other Unicode spaces) are one space;
 *     soft hyphens and zero-width characters are dropped; a non-breaking
 *     hyphen (U+2011) is "-";
 *   - a table of data (a task table, an appendix) as one line per row,
 *     cells separated by one '\t', a blank line before and after; in a
 *     cell, its paragraphs are joined by "; " when they are list items
 *     ("- Sở Nội vụ" / "- Sở Tư pháp": the bullet dropped) or lines of
 *     an agency list, by " " otherwise; no '\t' or '\n' inside a cell;
 *     header rows once (a header row repeated on a later page dropped), a
 *     header of two rows as one ("Thời gian thực hiện" over "Bắt đầu",
 *     "Kết thúc" gives "Thời gian thực hiện Bắt đầu", "Thời gian thực hiện
 *     Kết thúc"), a row of column numbers ("(1)", "(2)", ...) dropped; a
 *     cell merged across several columns is written once, in its first
 *     column, the others left empty; a cell merged down repeats its value
 *     in every row it spans; a row with one cell over the whole width (a
 *     section row, "I. CÔNG TÁC TUYÊN TRUYỀN") is that text alone in its
 *     first cell;
 *   - a table used for layout (the header's two columns: issuing body and
 *     number | Quốc hiệu, Tiêu ngữ, place and date; the closing's "Nơi
 *     nhận:" list | the signature block) as the paragraphs of its cells,
 *     column by column, left first, as a typed document puts them one
 *     after the other;
 *   - what is not body text is left out: page headers and footers, page
 *     numbers, text boxes and shapes (a "DỰ THẢO" box), footnote and
 *     endnote texts and their marks in the body ("80%¹" gives "80%").
 *
 * Memory and time are bounded by the limits below whatever the input; a
 * document over one is refused with PH_ETOOBIG, never cut silently. */
#ifndef PH_RENDER_H
#define PH_RENDER_H
#include <stddef.h>

/* Where one line of a rendering came from. 1-based numbers; 0 when the
 * number does not apply. A Word paragraph is counted in the body, tables'
 * paragraphs included, in reading order; tables are counted in the body,
 * nested ones too. */
struct doc_place {
	int line;       /* the line of the rendering (1-based) */
	int page;       /* PDF: the page; Word: 0 (Word has no fixed pages) */
	int paragraph;  /* the paragraph (Word), or the paragraph on its page (PDF) */
	int table;      /* the table, 0 when the line is not a table row */
	int row;        /* the row of that table (as in the original, merged
	                 * header rows counted) */
	int column;     /* for a place inside a row; 0: the whole row */
};

/* A note from a reader for the review list: something it did that a
 * person should check ("written in TCVN3 (.VnTime), converted to
 * Unicode"), in Vietnamese, with the line it concerns (0: the document). */
struct render_note {
	int line;
	char *text;     /* NFC Vietnamese, malloc'd */
};

/* A rendering. All malloc'd; rendering_free releases it. */
struct rendering {
	char *text;                 /* NUL-terminated */
	size_t len;
	struct doc_place *places;   /* one per line of text, in order */
	size_t places_len;
	struct render_note *notes;
	size_t notes_len;
};

/* Limits of one rendering, whatever the document. */
#define RENDER_MAX_TEXT (16u * 1024 * 1024)      /* rendered bytes */
#define RENDER_MAX_ZIP_ENTRIES 2000              /* entries of a .docx */
#define RENDER_MAX_UNZIPPED (64u * 1024 * 1024)  /* one part, uncompressed */
#define RENDER_MAX_UNZIPPED_ALL (128u * 1024 * 1024) /* all parts read */
#define RENDER_MAX_RATIO 200                     /* uncompressed / compressed, per part */
#define RENDER_MAX_XML_DEPTH 256                 /* nesting of XML elements */
#define RENDER_MAX_TABLES 10000                  /* tables, nested ones too */
#define RENDER_MAX_PAGES 1000                    /* pages of a PDF */
#define RENDER_MAX_SECONDS 20                    /* wall time of one rendering */

/* Render a .docx held in data[0..n). 0 with *out filled; on failure *out
 * is empty and why (whylen bytes) holds a one-line English detail:
 * PH_EFORMAT (not a Word file: a zip without word/document.xml, a corrupt
 * zip, XML that does not parse), PH_EENCRYPTED (a password-protected file),
 * PH_ETOOBIG (a limit above), PH_EEMPTY (no text), PH_ENOMEM. */
int render_docx(const void *data, size_t n, struct rendering *out, char *why, size_t whylen);

/* Render a PDF held in data[0..n). Same codes, and PH_ESCANNED for a PDF
 * whose pages hold no text layer (a scan). */
int render_pdf(const void *data, size_t n, struct rendering *out, char *why, size_t whylen);

/* Convert a legacy Word file (.doc, OLE2) held in data[0..n) to .docx with
 * LibreOffice (a separate process with its own profile, a time limit and
 * a memory limit). 0 with *docx (malloc'd) and *docx_len; PH_ENOCONVERTER
 * when LibreOffice is not installed, PH_EFORMAT when it could not convert
 * the file (or made nothing), PH_ETIMEOUT when it took too long,
 * PH_ETOOBIG, PH_ENOMEM, PH_EIO. */
int convert_doc_to_docx(const void *data, size_t n, char **docx, size_t *docx_len,
                        char *why, size_t whylen);

void rendering_free(struct rendering *r);

/* The readers' one-line English detail: printf into why (whylen bytes),
 * nothing when why is NULL or whylen 0. */
void render_say(char *why, size_t whylen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif

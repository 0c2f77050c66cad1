/* pdf_layout.h: the reading order of a PDF's text, rebuilt from where its
 * characters are drawn (no PDF library here: reader_pdf.c hands over the
 * characters of each page with their boxes and fonts). Pages are added one
 * at a time and each is reduced at once to its lines, so memory follows
 * the text, not the number of characters handed over; the rendering
 * (render.h) is made by pdf_layout_finish.
 *
 * What it rebuilds:
 *   - words from the gaps between characters, lines from their baselines,
 *     pieces of a line from the gaps between words (a column gap);
 *   - regions of rows of pieces side by side, bounded above and below;
 *     the rest of a page is body text (a line over the text width, or
 *     alone in one column with no cell above it, is a paragraph, not a
 *     row):
 *     . two columns are a layout table (the Decree 30 header, the
 *       closing: "Nơi nhận:" | signature), going on with a line alone in
 *       a column only when it lines up with that column's lines (centred
 *       in it, or at its left edge in the closing; the room for the
 *       signature before the signer's name); rendered column by column,
 *       left first, a column's lines one under the other (a line wrapped
 *       in it joined), a blank line only between the columns, as the
 *       Word reader writes a layout table;
 *     . three or more are a data table, going on with rows of pieces in
 *       its columns, a cell's next line (under a line of its column, at
 *       a cell's pitch), lines between its rows, a section row followed
 *       by rows; one tab-separated row per table row: a row starts at an
 *       entry of the first column, unless that entry is no farther below
 *       the line above than a cell's line pitch and is no row number (a
 *       header "ST" / "T" wrapped in its cell), the boundary at the
 *       widest gap since the last start; a cell's lines joined with " "
 *       (a word cut between letters joined again), list items with "; "
 *       (a "- " line that wraps an item at a spaced dash, "- Sở Lao
 *       động" / "- Thương binh và Xã hội", stays in it: a new item only
 *       after ";" "," "." ":", or when its first word would have fitted
 *       on the line before); a section row over the width as its text in
 *       the first cell, a table continued on the next page joined to it
 *       (its repeated header row dropped, a row cut by the page break
 *       joined again), a row of column numbers "(1)", "(2)" dropped;
 *   - paragraphs: the lines of the body joined into one, a new one at a
 *     first-line indent, a gap wider than the line spacing, a list label
 *     ("1.", "a)", "-", "I.", "Điều 1"), a centred or bold title, a change
 *     of font size, or after a line that ends well before the margin; a
 *     paragraph continued on the next page joined again; a hyphen glued to
 *     a word at a line end joins it to the next line ("LĐ-" "TB&XH" gives
 *     "LĐ-TB&XH"; "inter-" "national" gives "international" when the next
 *     line starts in lower case); a spaced dash ("kinh tế -") stays;
 *   - left out: lines in the top and bottom margins that repeat on other
 *     pages (their digits aside) or are page numbers ("2", "- 2 -",
 *     "Trang 2", "2/10"), rules drawn as "_____", footnote marks (a raised
 *     smaller number glued to a word);
 *   - text in a legacy Vietnamese font (legacy.h: ".VnTime", "VNI-Times",
 *     subset prefixes skipped) converted to Unicode, with one note.
 *
 * Bounds: at most PDF_LAYOUT_MAX_PAGE_CHARS characters a page and
 * RENDER_MAX_TEXT bytes of text in all; beyond them PH_ETOOBIG. Nothing
 * here aborts; every allocation is checked. */
#ifndef PH_PDF_LAYOUT_H
#define PH_PDF_LAYOUT_H
#include <stddef.h>
#include <stdint.h>
#include "import/render.h"

/* Most characters one page may hand over (a dense A4 page holds 5,000). */
#define PDF_LAYOUT_MAX_PAGE_CHARS 200000

/* One character as drawn: its code point and its box in points, x to the
 * right and y downwards from the page's top left corner (y1 is the
 * bottom, about the baseline). font indexes the page's font names (-1:
 * unknown); size is the font size in points (0: unknown). White space
 * characters end a word; control characters and boxes that are not
 * finite are skipped. */
struct pdf_char {
	uint32_t cp;
	float x0, y0, x1, y1;
	float size;
	int font;
};

struct pdf_layout;

/* A new, empty layout; NULL when memory ran out. */
struct pdf_layout *pdf_layout_new(void);

/* Add the next page: width and height in points, its characters in the
 * order the PDF draws them (or any order: only positions count, but
 * characters of one word should come in reading order), fonts[0..nfonts)
 * the names chars[].font refers to (NULL entries allowed). Returns 0,
 * PH_ETOOBIG (over a bound above; why says which), PH_ENOMEM. */
int pdf_layout_add_page(struct pdf_layout *l, double width, double height,
                        const struct pdf_char *chars, size_t n,
                        const char *const *fonts, size_t nfonts,
                        char *why, size_t whylen);

/* Number of characters kept so far (white space aside): 0 for a document
 * with no text layer. */
size_t pdf_layout_chars(const struct pdf_layout *l);

/* The rendering of the pages added (render.h), into *out (emptied first).
 * Returns 0, PH_EEMPTY (no text on any page), PH_ETOOBIG, PH_ENOMEM; on
 * failure *out is empty and why holds a one-line English detail. */
int pdf_layout_finish(struct pdf_layout *l, struct rendering *out, char *why, size_t whylen);

void pdf_layout_free(struct pdf_layout *l);

#endif

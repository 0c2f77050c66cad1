/* fuzz_pdflayout.c: the PDF text assembly (src/import/pdf_layout.h) on
 * any characters at any places: what poppler hands over from a hostile
 * PDF. The input is a list of 8-byte records, one character each:
 *   bytes 0-1  the code point (big-endian, BMP); FF FF starts a new page
 *   bytes 2-3  x, in 1/64 pt (0 .. 1024 pt)
 *   bytes 4-5  y of the baseline, in 1/64 pt
 *   byte  6    the width, in 1/8 pt
 *   byte  7    the font size (6 + low 5 bits) and the font (high 3 bits,
 *              into a table with legacy fonts, a bold one and none)
 * tests/fuzz/corpus/pdflayout/ holds pages laid out as plans are (the
 * header's two columns, paragraphs, a table over two pages).
 *
 * Invariants, on success: the rendering is valid UTF-8 in NFC, without NUL
 * or control characters but '\n' and '\t', ends in '\n', has no blank
 * first line nor two blank lines in a row, no line starting or ending in a
 * space; one place a line, numbered in order, each on a page that exists,
 * a table row's table and row set; notes name lines of the rendering.
 * Otherwise only PH_EEMPTY or PH_ETOOBIG, with nothing rendered. */
#include "fuzz.h"
#include "import/pdf_layout.h"
#include "base/err.h"
#include "base/text.h"
#include <stdlib.h>
#include <string.h>

static const char *const FONTS[] = {"TimesNewRomanPSMT", "TimesNewRomanPS-BoldMT", ".VnTime", "VNI-Times",
                                    "ABCDEF+.VnTimeH", NULL, "ArialMT"};

static void rfree(struct rendering *r)
{
	free(r->text);
	free(r->places);
	for (size_t i = 0; i < r->notes_len; i++)
		free(r->notes[i].text);
	free(r->notes);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t max = size / 8 + 1;
	struct pdf_char *c = malloc(max * sizeof *c);
	struct pdf_layout *l = pdf_layout_new();
	if (!c || !l) {
		free(c);
		pdf_layout_free(l);
		return 0;
	}
	char why[256];
	size_t n = 0, pages = 0;
	int rc = 0;
	for (size_t i = 0; i + 8 <= size && !rc; i += 8) {
		const uint8_t *b = data + i;
		if (b[0] == 0xFF && b[1] == 0xFF) {
			rc = pdf_layout_add_page(l, 595, 842, c, n, FONTS, 7, why, sizeof why);
			pages++;
			n = 0;
			continue;
		}
		struct pdf_char *p = &c[n++];
		p->cp = (uint32_t)b[0] << 8 | b[1];
		p->x0 = (float)((b[2] << 8) | b[3]) / 64.0f;
		p->size = (float)(6 + (b[7] & 31));
		p->y1 = (float)((b[4] << 8) | b[5]) / 64.0f;
		p->y0 = p->y1 - p->size;
		p->x1 = p->x0 + (float)b[6] / 8.0f;
		int f = b[7] >> 5;
		p->font = f == 7 ? -1 : f;
	}
	if (!rc) {
		rc = pdf_layout_add_page(l, 595, 842, c, n, FONTS, 7, why, sizeof why);
		pages++;
	}
	free(c);
	struct rendering r;
	memset(&r, 0, sizeof r);
	if (!rc)
		rc = pdf_layout_finish(l, &r, why, sizeof why);
	pdf_layout_free(l);
	if (rc) {
		FUZZ_ASSERT(rc == PH_EEMPTY || rc == PH_ETOOBIG);
		return 0;
	}
	fuzz_reached();
	FUZZ_ASSERT(r.text && r.len == strlen(r.text));
	FUZZ_ASSERT(text_utf8_valid(r.text, r.len, NULL));
	FUZZ_ASSERT(fuzz_is_nfc(r.text));
	FUZZ_ASSERT(r.len && r.text[r.len - 1] == '\n' && r.text[0] != '\n');
	FUZZ_ASSERT(!strstr(r.text, "\n\n\n"));
	size_t lines = 0;
	for (size_t i = 0; i < r.len; i++) {
		unsigned char ch = (unsigned char)r.text[i];
		FUZZ_ASSERT(ch >= 0x20 || ch == '\n' || ch == '\t');
		FUZZ_ASSERT(ch != 0x7F);
		if (ch == '\n')
			lines++;
		if (ch == ' ') {
			FUZZ_ASSERT(i > 0 && r.text[i - 1] != '\n' && r.text[i - 1] != ' ');
			FUZZ_ASSERT(r.text[i + 1] != '\n');
		}
	}
	FUZZ_ASSERT(r.places_len == lines);
	for (size_t i = 0; i < r.places_len; i++) {
		const struct doc_place *p = &r.places[i];
		FUZZ_ASSERT(p->line == (int)i + 1);
		FUZZ_ASSERT(p->page >= 1 && (size_t)p->page <= pages);
		FUZZ_ASSERT(p->paragraph >= 0 && p->row >= 0 && p->column == 0);
		FUZZ_ASSERT(!p->table == !p->row);
	}
	for (size_t i = 0; i < r.notes_len; i++) {
		FUZZ_ASSERT(r.notes[i].line >= 0 && (size_t)r.notes[i].line <= lines);
		FUZZ_ASSERT(r.notes[i].text && text_utf8_valid(r.notes[i].text, strlen(r.notes[i].text), NULL));
	}
	rfree(&r);
	return 0;
}

static void cleanup(void)
{
	text_cleanup();
}

const struct fuzz_target fuzz_target = {"pdflayout", 400, 30, cleanup};

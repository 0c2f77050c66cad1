/* fuzz_docx.c: the Word reader (render_docx, import/render.h) on any bytes.
 * An input is either a whole package (a .docx, or anything), or, when its
 * first byte is 'X', the rest is word/document.xml: the target packs it
 * into a stored zip with a styles and a numbering part of its own, so that
 * mutations reach the XML handling instead of breaking the zip's CRCs.
 *
 * Invariants checked on every input:
 *   - a refusal leaves the rendering empty;
 *   - a rendering is NUL-terminated at len, valid UTF-8, NFC, without
 *     control characters but '\t' and '\n', ends in '\n', and has one place
 *     per line, numbered in order, with no negative number;
 *   - the text reader reads it (0, or PH_EFORMAT for no text).
 * An input counts as reaching the reader when it is rendered, or when it is
 * XML the target packed (the parser always sees it). */
#include "fuzz.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/text.h"
#include "import/docmodel.h"
#include "import/render.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char styles[] =
	"<?xml version=\"1.0\"?><w:styles xmlns:w=\"http://schemas.openxmlformats.org/"
	"wordprocessingml/2006/main\"><w:style w:type=\"paragraph\" w:styleId=\"H1\">"
	"<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
	"<w:style w:type=\"table\" w:styleId=\"TG\"><w:tblPr><w:tblBorders><w:top "
	"w:val=\"single\"/></w:tblBorders></w:tblPr></w:style></w:styles>";
static const char numbering[] =
	"<?xml version=\"1.0\"?><w:numbering xmlns:w=\"http://schemas.openxmlformats.org/"
	"wordprocessingml/2006/main\"><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\">"
	"<w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
	"<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/>"
	"<w:lvlText w:val=\"%1.%2)\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\">"
	"<w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId "
	"w:val=\"0\"/><w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"3\"/>"
	"</w:lvlOverride></w:num></w:numbering>";

static unsigned long crc32_of(const unsigned char *p, size_t n)
{
	unsigned long c = 0xFFFFFFFFul;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320ul & (0ul - (c & 1)));
	}
	return c ^ 0xFFFFFFFFul;
}

static void le(unsigned char **w, unsigned long v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		*(*w)++ = (unsigned char)(v >> (8 * i));
}

/* A stored zip of the parts; malloc'd, *n its size. */
static unsigned char *zip_stored(const char *const *names, const unsigned char *const *data,
                                 const size_t *lens, int parts, size_t *n)
{
	size_t total = 22;
	for (int i = 0; i < parts; i++)
		total += 30 + 46 + 2 * strlen(names[i]) + lens[i];
	unsigned char *z = malloc(total), *w = z;
	if (!z)
		return NULL;
	unsigned long offs[8], crcs[8];
	for (int i = 0; i < parts; i++) {
		offs[i] = (unsigned long)(w - z);
		crcs[i] = crc32_of(data[i], lens[i]);
		size_t nl = strlen(names[i]);
		le(&w, 0x04034b50ul, 4); le(&w, 20, 2); le(&w, 0, 2); le(&w, 0, 2);
		le(&w, 0, 2); le(&w, 0, 2); le(&w, crcs[i], 4); le(&w, lens[i], 4);
		le(&w, lens[i], 4); le(&w, nl, 2); le(&w, 0, 2);
		memcpy(w, names[i], nl);
		w += nl;
		memcpy(w, data[i], lens[i]);
		w += lens[i];
	}
	unsigned long cd = (unsigned long)(w - z);
	for (int i = 0; i < parts; i++) {
		size_t nl = strlen(names[i]);
		le(&w, 0x02014b50ul, 4); le(&w, 20, 2); le(&w, 20, 2); le(&w, 0, 2);
		le(&w, 0, 2); le(&w, 0, 2); le(&w, 0, 2); le(&w, crcs[i], 4);
		le(&w, lens[i], 4); le(&w, lens[i], 4); le(&w, nl, 2); le(&w, 0, 2);
		le(&w, 0, 2); le(&w, 0, 2); le(&w, 0, 2); le(&w, 0, 4); le(&w, offs[i], 4);
		memcpy(w, names[i], nl);
		w += nl;
	}
	unsigned long cdlen = (unsigned long)(w - z) - cd;
	le(&w, 0x06054b50ul, 4); le(&w, 0, 2); le(&w, 0, 2); le(&w, (unsigned long)parts, 2);
	le(&w, (unsigned long)parts, 2); le(&w, cdlen, 4); le(&w, cd, 4); le(&w, 0, 2);
	*n = (size_t)(w - z);
	return z;
}

static void check(const struct rendering *r)
{
	FUZZ_ASSERT(r->text && strlen(r->text) == r->len && r->len > 0);
	FUZZ_ASSERT(r->text[r->len - 1] == '\n');
	FUZZ_ASSERT(text_utf8_valid(r->text, r->len, NULL));
	FUZZ_ASSERT(fuzz_is_nfc(r->text));
	size_t lines = 0;
	for (size_t i = 0; i < r->len; i++) {
		unsigned char c = (unsigned char)r->text[i];
		FUZZ_ASSERT(c >= 0x20 || c == '\t' || c == '\n');
		FUZZ_ASSERT(c != 0x7F);
		lines += c == '\n';
	}
	FUZZ_ASSERT(r->places_len == lines);
	for (size_t i = 0; i < r->places_len; i++) {
		const struct doc_place *p = &r->places[i];
		FUZZ_ASSERT(p->line == (int)i + 1);
		FUZZ_ASSERT(p->page == 0 && p->paragraph >= 0 && p->table >= 0 && p->row >= 0 &&
		            p->column >= 0);
	}
	struct arena a;
	arena_init(&a);
	struct docmodel m;
	int rc = reader_text(&a, r->text, r->len, DOC_TEXT, &m);
	FUZZ_ASSERT(rc == 0 || rc == PH_EFORMAT);
	arena_cleanup(&a);
}

static void cleanup(void)
{
	text_cleanup();
}

const struct fuzz_target fuzz_target = {"docx", 400, 30, cleanup};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *pkg = NULL;
	const void *in = data;
	size_t n = size;
	if (size && data[0] == 'X') {
		static const char *const names[] = {"word/document.xml", "word/styles.xml",
			"word/numbering.xml"};
		const unsigned char *parts[] = {data + 1, (const unsigned char *)styles,
			(const unsigned char *)numbering};
		size_t lens[] = {size - 1, sizeof styles - 1, sizeof numbering - 1};
		pkg = zip_stored(names, parts, lens, 3, &n);
		if (!pkg)
			return 0;
		in = pkg;
	}
	struct rendering r;
	char why[256];
	int rc = render_docx(in, n, &r, why, sizeof why);
	/* reached: a rendering, or XML the target packed itself (the parser
	 * saw it, whatever it made of it) */
	if (rc == 0 || pkg)
		fuzz_reached();
	if (rc == 0) {
		check(&r);
	} else {
		FUZZ_ASSERT(!r.text && !r.places && !r.notes && !r.len && !r.places_len);
		FUZZ_ASSERT(why[0]);
	}
	rendering_free(&r);
	free(pkg);
	return 0;
}

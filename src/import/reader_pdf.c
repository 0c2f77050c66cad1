/* reader_pdf.c: render_pdf (render.h) with poppler-glib. Only the calls to
 * poppler live here: open the PDF from memory, refuse an encrypted one,
 * count its pages (over RENDER_MAX_PAGES refused before any is read), and
 * hand each page's characters, their boxes and their fonts to the layout
 * (pdf_layout.h), which rebuilds the reading order. A PDF with pages but no
 * character on any of them is a scan (PH_ESCANNED). Time is checked after
 * every page against RENDER_MAX_SECONDS. */
#include "import/render.h"
#include "import/pdf_layout.h"
#include "base/err.h"
#include <poppler.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The page's fonts, each name once; returns the index of name (added when
 * new), -1 when memory ran out. */
static int font_index(char ***names, size_t *n, size_t *cap, const char *name)
{
	if (!name)
		name = "";
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*names)[i], name) == 0)
			return (int)i;
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 8;
		char **q = realloc(*names, c * sizeof *q);
		if (!q)
			return -1;
		*names = q;
		*cap = c;
	}
	char *d = strdup(name);
	if (!d)
		return -1;
	(*names)[*n] = d;
	return (int)(*n)++;
}

/* Read one page into the layout. */
static int read_page(PopplerPage *page, struct pdf_layout *l, char *why, size_t whylen)
{
	double w = 0, h = 0;
	poppler_page_get_size(page, &w, &h);
	char *text = poppler_page_get_text(page);
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	int rc = 0;
	if (!text || !poppler_page_get_text_layout(page, &rects, &nrects)) {
		/* no text on this page */
		g_free(text);
		g_free(rects);
		return pdf_layout_add_page(l, w, h, NULL, 0, NULL, 0, why, whylen);
	}
	glong nchars = g_utf8_strlen(text, -1);
	size_t n = nchars < 0 ? 0 : (size_t)nchars;
	if (n > nrects)
		n = nrects;
	if (n > PDF_LAYOUT_MAX_PAGE_CHARS) {
		g_free(text);
		g_free(rects);
		render_say(why, whylen, "a page of the PDF has %zu characters, more than %d", n,
		    PDF_LAYOUT_MAX_PAGE_CHARS);
		return PH_ETOOBIG;
	}
	GList *attrs = poppler_page_get_text_attributes(page);
	struct pdf_char *chars = malloc((n ? n : 1) * sizeof *chars);
	char **fonts = NULL;
	size_t nfonts = 0, capfonts = 0;
	if (!chars) {
		rc = PH_ENOMEM;
		goto out;
	}
	/* the attributes run in order over character ranges */
	GList *at = attrs;
	int cur_font = -1;
	double cur_size = 0;
	int cur_end = -1;
	const char *p = text;
	for (size_t i = 0; i < n; i++) {
		while (at && ((PopplerTextAttributes *)at->data)->end_index < (gint)i)
			at = at->next, cur_end = -1;
		if (at && cur_end < 0) {
			PopplerTextAttributes *a = at->data;
			if (a->start_index <= (gint)i) {
				cur_font = font_index(&fonts, &nfonts, &capfonts, a->font_name);
				if (cur_font < 0) {
					rc = PH_ENOMEM;
					goto out;
				}
				cur_size = a->font_size;
				cur_end = a->end_index;
			}
		}
		gunichar c = g_utf8_get_char(p);
		p = g_utf8_next_char(p);
		chars[i].cp = c;
		chars[i].x0 = (float)rects[i].x1;
		chars[i].y0 = (float)rects[i].y1;
		chars[i].x1 = (float)rects[i].x2;
		chars[i].y1 = (float)rects[i].y2;
		chars[i].font = cur_end >= (gint)i ? cur_font : -1;
		chars[i].size = cur_end >= (gint)i ? (float)cur_size : 0;
	}
	rc = pdf_layout_add_page(l, w, h, chars, n, (const char *const *)fonts, nfonts, why, whylen);
out:
	if (rc == PH_ENOMEM)
		render_say(why, whylen, "out of memory reading the PDF's text");
	for (size_t i = 0; i < nfonts; i++)
		free(fonts[i]);
	free(fonts);
	free(chars);
	poppler_page_free_text_attributes(attrs);
	g_free(rects);
	g_free(text);
	return rc;
}

/* 1 when any of the first pages draws an image. */
static int has_images(PopplerDocument *doc, int npages)
{
	for (int i = 0; i < npages && i < 5; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		if (!page)
			continue;
		GList *m = poppler_page_get_image_mapping(page);
		int yes = m != NULL;
		poppler_page_free_image_mapping(m);
		g_object_unref(page);
		if (yes)
			return 1;
	}
	return 0;
}

int render_pdf(const void *data, size_t n, struct rendering *out, char *why, size_t whylen)
{
	if (!out)
		return PH_EINVAL;
	memset(out, 0, sizeof *out);
	if (why && whylen)
		why[0] = 0;
	/* "%PDF-" within the first 1024 bytes, as readers accept it */
	const char *d = data;
	size_t lim = n < 1024 ? n : 1024;
	int magic = 0;
	for (size_t i = 0; d && i + 5 <= lim && !magic; i++)
		magic = memcmp(d + i, "%PDF-", 5) == 0;
	if (!magic) {
		render_say(why, whylen, "not a PDF (no %%PDF- header)");
		return PH_EFORMAT;
	}
	if (n > (size_t)G_MAXSSIZE) {
		render_say(why, whylen, "the PDF is too large");
		return PH_ETOOBIG;
	}
	double t0 = now();
	GBytes *bytes = g_bytes_new_static(data, n);
	GError *err = NULL;
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	if (!doc) {
		int rc = PH_EFORMAT;
		if (err && g_error_matches(err, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED)) {
			rc = PH_EENCRYPTED;
			render_say(why, whylen, "the PDF is protected by a password");
		} else {
			render_say(why, whylen, "the PDF could not be read: %s",
			    err && err->message ? err->message : "damaged file");
		}
		if (err)
			g_error_free(err);
		g_bytes_unref(bytes);
		return rc;
	}
	int rc = 0;
	struct pdf_layout *l = NULL;
	int npages = poppler_document_get_n_pages(doc);
	if (npages <= 0) {
		render_say(why, whylen, "the PDF has no pages");
		rc = PH_EFORMAT;
		goto out;
	}
	if (npages > RENDER_MAX_PAGES) {
		render_say(why, whylen, "the PDF has %d pages, more than %d", npages, RENDER_MAX_PAGES);
		rc = PH_ETOOBIG;
		goto out;
	}
	l = pdf_layout_new();
	if (!l) {
		render_say(why, whylen, "out of memory reading the PDF");
		rc = PH_ENOMEM;
		goto out;
	}
	for (int i = 0; i < npages; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		if (!page) {
			rc = pdf_layout_add_page(l, 595, 842, NULL, 0, NULL, 0, why, whylen);
		} else {
			rc = read_page(page, l, why, whylen);
			g_object_unref(page);
		}
		if (rc)
			goto out;
		if (now() - t0 > RENDER_MAX_SECONDS) {
			render_say(why, whylen, "reading the PDF took over %d seconds (page %d of %d)",
			    RENDER_MAX_SECONDS, i + 1, npages);
			rc = PH_ETOOBIG;
			goto out;
		}
	}
	if (pdf_layout_chars(l) == 0) {
		if (has_images(doc, npages)) {
			render_say(why, whylen, "the PDF's pages are images with no text layer (a scan); "
			    "it needs text recognition first");
			rc = PH_ESCANNED;
		} else {
			render_say(why, whylen, "the PDF holds no text");
			rc = PH_EEMPTY;
		}
		goto out;
	}
	rc = pdf_layout_finish(l, out, why, whylen);
out:
	pdf_layout_free(l);
	g_object_unref(doc);
	g_bytes_unref(bytes);
	return rc;
}

/* docx_package.c: the zip and XML layer of the .docx reader (docx.h). */
#include "import/docx.h"
#include "import/render.h"
#include "base/err.h"
#include <libxml/xmlreader.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

/* A part may inflate past the ratio only while it is smaller than this. */
#define RATIO_FLOOR (1u << 20)
/* The deadline is checked every this many nodes. */
#define CLOCK_EVERY 2048

static const char ns_w[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char ns_w_strict[] = "http://purl.oclc.org/ooxml/wordprocessingml/main";
static const char ns_mc[] = "http://schemas.openxmlformats.org/markup-compatibility/2006";
static const char ns_rel[] = "http://schemas.openxmlformats.org/package/2006/relationships";

struct docx_pkg {
	zip_t *zip;
	size_t total;          /* bytes inflated from every part so far */
	struct timespec deadline;
};

struct docx_xml {
	struct docx_pkg *pkg;
	zip_file_t *zf;
	xmlTextReaderPtr rd;
	uint64_t comp;         /* the part's compressed size (as declared) */
	size_t got;            /* bytes inflated from this part */
	int started;           /* the first bytes were checked */
	unsigned char tail[16];/* the last bytes of the previous chunk */
	size_t tail_len;
	long nodes;
	int code;              /* the first error, 0: none */
	char why[200];
};

/* ---- the package ------------------------------------------------------- */

static const unsigned char ole2_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

/* 1 when s[0..n) holds p[0..k) (memmem is not POSIX). */
static int has_bytes(const unsigned char *s, size_t n, const void *pv, size_t k)
{
	const unsigned char *p = pv;
	if (!k || k > n)
		return k == 0;
	for (size_t i = 0; i + k <= n; i++) {
		const unsigned char *q = memchr(s + i, p[0], n - k + 1 - i);
		if (!q)
			return 0;
		i = (size_t)(q - s);
		if (memcmp(q, p, k) == 0)
			return 1;
	}
	return 0;
}

/* 1 when data holds the UTF-16LE spelling of the ASCII name. */
static int has_utf16(const unsigned char *data, size_t n, const char *name)
{
	unsigned char pat[64];
	size_t k = strlen(name);
	for (size_t i = 0; i < k; i++) {
		pat[2 * i] = (unsigned char)name[i];
		pat[2 * i + 1] = 0;
	}
	return has_bytes(data, n, pat, 2 * k);
}

int docx_pkg_open(const void *data, size_t n, struct docx_pkg **out, char *why, size_t whylen)
{
	*out = NULL;
	const unsigned char *b = data;
	if (n >= 8 && memcmp(b, ole2_magic, 8) == 0) {
		if (has_utf16(b, n, "EncryptedPackage") || has_utf16(b, n, "EncryptionInfo")) {
			render_say(why, whylen, "the Word file is protected by a password (encrypted package)");
			return PH_EENCRYPTED;
		}
		render_say(why, whylen, "an OLE2 file (Word 97-2003 .doc), not a .docx");
		return PH_EFORMAT;
	}
	if (n < 22 || b[0] != 'P' || b[1] != 'K') {
		render_say(why, whylen, "not a zip package, so not a .docx");
		return PH_EFORMAT;
	}
	struct docx_pkg *p = calloc(1, sizeof *p);
	if (!p)
		return PH_ENOMEM;
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, n, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		free(p);
		return PH_ENOMEM;
	}
	p->zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!p->zip) {
		int mem = zip_error_code_zip(&ze) == ZIP_ER_MEMORY;
		render_say(why, whylen, "a corrupt zip: %s", zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		free(p);
		return mem ? PH_ENOMEM : PH_EFORMAT;
	}
	zip_error_fini(&ze);
	zip_int64_t entries = zip_get_num_entries(p->zip, 0);
	if (entries < 0 || entries > RENDER_MAX_ZIP_ENTRIES) {
		render_say(why, whylen, "the zip has %lld entries, more than %d", (long long)entries,
		    RENDER_MAX_ZIP_ENTRIES);
		docx_pkg_close(p);
		return PH_ETOOBIG;
	}
	for (zip_int64_t i = 0; i < entries; i++) {
		zip_stat_t st;
		zip_stat_init(&st);
		if (zip_stat_index(p->zip, (zip_uint64_t)i, 0, &st) == 0 &&
		    (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
			render_say(why, whylen, "an entry of the zip is encrypted");
			docx_pkg_close(p);
			return PH_EENCRYPTED;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &p->deadline);
	p->deadline.tv_sec += RENDER_MAX_SECONDS;
	*out = p;
	return 0;
}

void docx_pkg_close(struct docx_pkg *p)
{
	if (!p)
		return;
	if (p->zip)
		zip_discard(p->zip); /* read-only: frees the source too */
	free(p);
}

int docx_pkg_has(struct docx_pkg *p, const char *name)
{
	return zip_name_locate(p->zip, name, ZIP_FL_NOCASE) >= 0;
}

int docx_pkg_late(struct docx_pkg *p)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > p->deadline.tv_sec ||
	       (now.tv_sec == p->deadline.tv_sec && now.tv_nsec > p->deadline.tv_nsec);
}

/* ---- streaming a part --------------------------------------------------- */

static void fail(struct docx_xml *x, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void fail(struct docx_xml *x, int code, const char *fmt, ...)
{
	if (x->code)
		return;
	x->code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(x->why, sizeof x->why, fmt, ap);
	va_end(ap);
	size_t n = strlen(x->why);
	while (n && (x->why[n - 1] == '\n' || x->why[n - 1] == ' '))
		x->why[--n] = 0; /* libxml2's messages end in a line break */
}

/* 1 when s[0..n) holds a DTD's markup. */
static int has_dtd(const unsigned char *s, size_t n)
{
	return has_bytes(s, n, "<!DOCTYPE", 9) || has_bytes(s, n, "<!ENTITY", 8);
}

/* libxml2's input callback: inflate the next bytes, counting them against
 * the limits and looking for a DTD before the parser gets them. */
static int part_read(void *ctx, char *buf, int len)
{
	struct docx_xml *x = ctx;
	if (x->code || len <= 0)
		return x->code ? -1 : 0;
	zip_int64_t k = zip_fread(x->zf, buf, (zip_uint64_t)len);
	if (k < 0) {
		zip_error_t *ze = zip_file_get_error(x->zf);
		int code = zip_error_code_zip(ze);
		if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD)
			fail(x, PH_EENCRYPTED, "an encrypted part");
		else if (code == ZIP_ER_MEMORY)
			fail(x, PH_ENOMEM, "out of memory inflating a part");
		else
			fail(x, PH_EFORMAT, "a corrupt zip entry: %s", zip_error_strerror(ze));
		return -1;
	}
	size_t got = (size_t)k;
	if (got > RENDER_MAX_UNZIPPED - x->got) {
		fail(x, PH_ETOOBIG, "a part inflates to more than %u MiB", RENDER_MAX_UNZIPPED >> 20);
		return -1;
	}
	if (got > RENDER_MAX_UNZIPPED_ALL - x->pkg->total) {
		fail(x, PH_ETOOBIG, "the parts inflate to more than %u MiB",
		     RENDER_MAX_UNZIPPED_ALL >> 20);
		return -1;
	}
	x->got += got;
	x->pkg->total += got;
	if (x->got > RATIO_FLOOR && x->got / RENDER_MAX_RATIO > x->comp) {
		fail(x, PH_ETOOBIG, "a part inflates more than %d times its compressed size",
		     RENDER_MAX_RATIO);
		return -1;
	}
	const unsigned char *u = (const unsigned char *)buf;
	if (!x->started && got) {
		/* UTF-8 only (a BOM allowed): anything else could spell a DTD in
		 * bytes the scan below does not know. */
		size_t i = 0;
		if (got >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
			i = 3;
		while (i < got && (u[i] == ' ' || u[i] == '\t' || u[i] == '\r' || u[i] == '\n'))
			i++;
		if (i < got && u[i] != '<') {
			fail(x, PH_EFORMAT, "an XML part that is not UTF-8");
			return -1;
		}
		if (i < got)
			x->started = 1;
	}
	/* the last bytes of the chunk before, then this one */
	unsigned char seam[32];
	size_t head = got < 16 ? got : 16;
	memcpy(seam, x->tail, x->tail_len);
	memcpy(seam + x->tail_len, u, head);
	if (has_dtd(seam, x->tail_len + head) || has_dtd(u, got)) {
		fail(x, PH_EFORMAT, "an XML part with a DOCTYPE or an entity declaration");
		return -1;
	}
	if (got >= 15) {
		memcpy(x->tail, u + got - 15, 15);
		x->tail_len = 15;
	} else {
		size_t keep = x->tail_len + got > 15 ? 15 - got : x->tail_len;
		memmove(x->tail, x->tail + x->tail_len - keep, keep);
		memcpy(x->tail + keep, u, got);
		x->tail_len = keep + got;
	}
	return (int)got;
}

static int part_close(void *ctx)
{
	(void)ctx;
	return 0;
}

/* libxml2's errors come here, not to stderr. */
static void on_error(void *ctx, xmlErrorPtr e)
{
	struct docx_xml *x = ctx;
	if (!e || e->level < XML_ERR_ERROR)
		return;
	if (e->code == XML_ERR_INTERNAL_ERROR && e->message && strstr(e->message, "depth"))
		fail(x, PH_ETOOBIG, "XML elements nested more than %d deep", RENDER_MAX_XML_DEPTH);
	else if (e->code == XML_ERR_NO_MEMORY)
		fail(x, PH_ENOMEM, "out of memory parsing XML");
	else
		fail(x, PH_EFORMAT, "XML that does not parse (line %d): %.80s", e->line,
		     e->message ? e->message : "");
}

int docx_xml_open(struct docx_pkg *p, const char *name, struct docx_xml **out, char *why,
                  size_t whylen)
{
	*out = NULL;
	zip_int64_t idx = zip_name_locate(p->zip, name, ZIP_FL_NOCASE);
	if (idx < 0) {
		render_say(why, whylen, "no part %s", name);
		return PH_ENOTFOUND;
	}
	struct docx_xml *x = calloc(1, sizeof *x);
	if (!x)
		return PH_ENOMEM;
	x->pkg = p;
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(p->zip, (zip_uint64_t)idx, 0, &st) == 0 &&
	    (st.valid & ZIP_STAT_COMP_SIZE))
		x->comp = st.comp_size;
	x->zf = zip_fopen_index(p->zip, (zip_uint64_t)idx, 0);
	if (!x->zf) {
		int code = zip_error_code_zip(zip_get_error(p->zip));
		render_say(why, whylen, "cannot open part %s: %s", name, zip_strerror(p->zip));
		free(x);
		if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD)
			return PH_EENCRYPTED;
		return code == ZIP_ER_MEMORY ? PH_ENOMEM : PH_EFORMAT;
	}
	/* No XML_PARSE_NOENT, DTDLOAD, DTDATTR, DTDVALID or HUGE: entities are
	 * never substituted nor DTDs loaded, libxml2's own limits stay on. */
	int opts = XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA;
	x->rd = xmlReaderForIO(part_read, part_close, x, name, "UTF-8", opts);
	if (!x->rd) {
		zip_fclose(x->zf);
		free(x);
		return PH_ENOMEM;
	}
	xmlTextReaderSetStructuredErrorHandler(x->rd, on_error, x);
	*out = x;
	return 0;
}

void docx_xml_close(struct docx_xml *x)
{
	if (!x)
		return;
	if (x->rd)
		xmlFreeTextReader(x->rd);
	if (x->zf)
		zip_fclose(x->zf);
	free(x);
}

const char *docx_xml_why(const struct docx_xml *x)
{
	return x->why;
}

int docx_xml_next(struct docx_xml *x, int skip)
{
	if (x->code)
		return -x->code;
	int rc = skip ? xmlTextReaderNext(x->rd) : xmlTextReaderRead(x->rd);
	if (x->code)
		return -x->code;
	if (rc < 0) {
		fail(x, PH_EFORMAT, "XML that does not parse");
		return -x->code;
	}
	if (rc == 0)
		return 0;
	int type = xmlTextReaderNodeType(x->rd);
	if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE ||
	    type == XML_READER_TYPE_ENTITY) {
		fail(x, PH_EFORMAT, "an XML part with a DOCTYPE or an entity");
		return -x->code;
	}
	if (xmlTextReaderDepth(x->rd) >= RENDER_MAX_XML_DEPTH) {
		fail(x, PH_ETOOBIG, "XML elements nested more than %d deep", RENDER_MAX_XML_DEPTH);
		return -x->code;
	}
	if (++x->nodes % CLOCK_EVERY == 0 && docx_pkg_late(x->pkg)) {
		fail(x, PH_ETIMEOUT, "reading the document took more than %d s", RENDER_MAX_SECONDS);
		return -x->code;
	}
	return 1;
}

enum docx_node docx_xml_type(struct docx_xml *x)
{
	switch (xmlTextReaderNodeType(x->rd)) {
	case XML_READER_TYPE_ELEMENT:
		return DOCX_START;
	case XML_READER_TYPE_END_ELEMENT:
		return DOCX_END;
	case XML_READER_TYPE_TEXT:
	case XML_READER_TYPE_CDATA:
	case XML_READER_TYPE_WHITESPACE:
	case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
		return DOCX_TEXT;
	default:
		return DOCX_OTHER;
	}
}

static enum docx_ns ns_of(const char *uri)
{
	if (!uri)
		return DOCX_NS_OTHER;
	if (strcmp(uri, ns_w) == 0 || strcmp(uri, ns_w_strict) == 0)
		return DOCX_NS_W;
	if (strcmp(uri, ns_mc) == 0)
		return DOCX_NS_MC;
	if (strcmp(uri, ns_rel) == 0)
		return DOCX_NS_PKGREL;
	return DOCX_NS_OTHER;
}

enum docx_ns docx_xml_ns(struct docx_xml *x)
{
	return ns_of((const char *)xmlTextReaderConstNamespaceUri(x->rd));
}

const char *docx_xml_local(struct docx_xml *x)
{
	const xmlChar *s = xmlTextReaderConstLocalName(x->rd);
	return s ? (const char *)s : "";
}

int docx_xml_empty(struct docx_xml *x)
{
	return xmlTextReaderIsEmptyElement(x->rd) == 1;
}

const char *docx_xml_text(struct docx_xml *x)
{
	const xmlChar *s = xmlTextReaderConstValue(x->rd);
	return s ? (const char *)s : "";
}

static int copy_attr(xmlChar *v, char *buf, size_t bufsz)
{
	if (!v) {
		if (bufsz)
			buf[0] = 0;
		return 0;
	}
	if (bufsz) {
		size_t k = strlen((const char *)v);
		if (k >= bufsz)
			k = bufsz - 1;
		memcpy(buf, v, k);
		buf[k] = 0;
	}
	xmlFree(v);
	return 1;
}

int docx_xml_attr(struct docx_xml *x, enum docx_ns ns, const char *name, char *buf, size_t bufsz)
{
	const xmlChar *n = (const xmlChar *)name;
	xmlChar *v = NULL;
	if (ns == DOCX_NS_W) {
		v = xmlTextReaderGetAttributeNs(x->rd, n, (const xmlChar *)ns_w);
		if (!v)
			v = xmlTextReaderGetAttributeNs(x->rd, n, (const xmlChar *)ns_w_strict);
	} else if (ns == DOCX_NS_MC) {
		v = xmlTextReaderGetAttributeNs(x->rd, n, (const xmlChar *)ns_mc);
	} else {
		v = xmlTextReaderGetAttribute(x->rd, n); /* unqualified */
	}
	return copy_attr(v, buf, bufsz);
}

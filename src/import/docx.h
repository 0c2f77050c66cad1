/* docx.h: the package and XML layer of the .docx reader (reader_docx.c).
 *
 * A package is a zip held in memory (libzip), opened once: an OLE2 file
 * (a Word 97-2003 .doc, or a password-protected .docx, which Office writes
 * as OLE2 with EncryptionInfo and EncryptedPackage streams) is told apart
 * before the zip is tried; an encrypted zip entry, more than
 * RENDER_MAX_ZIP_ENTRIES entries, or a corrupt central directory refuse
 * it. A part is read as a stream of XML nodes (libxml2's xmlTextReader),
 * never as a whole tree, and never trusting the sizes the zip declares:
 * the bytes inflated are counted while they come, against
 * RENDER_MAX_UNZIPPED for the part, RENDER_MAX_UNZIPPED_ALL for the
 * package and RENDER_MAX_RATIO for the part's compression ratio (checked
 * once a part has given 1 MiB, so small parts never trip it).
 *
 * XML is read as UTF-8 whatever it declares, without network access, DTD
 * loading or entity substitution; a part holding "<!DOCTYPE" or
 * "<!ENTITY" anywhere is refused before the parser sees those bytes, so
 * no entity is ever declared, let alone fetched. Elements nested deeper
 * than RENDER_MAX_XML_DEPTH refuse the part (PH_ETOOBIG), and so does
 * reading past the package's deadline (PH_ETIMEOUT, RENDER_MAX_SECONDS
 * from docx_pkg_open). */
#ifndef PH_DOCX_H
#define PH_DOCX_H
#include <stddef.h>

struct docx_pkg;
struct docx_xml;

/* Namespaces the reader tells apart. */
enum docx_ns {
	DOCX_NS_OTHER = 0,
	DOCX_NS_W,     /* WordprocessingML main, transitional or strict */
	DOCX_NS_MC,    /* markup compatibility (mc:AlternateContent) */
	DOCX_NS_PKGREL /* package relationships (.rels parts) */
};

/* Node types docx_xml_type gives (a subset of libxml2's reader types). */
enum docx_node {
	DOCX_OTHER = 0,
	DOCX_START,    /* an element's start tag (docx_xml_empty: also its end) */
	DOCX_END,      /* an element's end tag */
	DOCX_TEXT      /* character data: text, CDATA or white space */
};

/* Open the package data[0..n) (borrowed: it must outlive the package).
 * 0 with *out; PH_EENCRYPTED (an OLE2 file with an encrypted package, or
 * an encrypted entry), PH_EFORMAT (another OLE2 file, not a zip, a corrupt
 * zip), PH_ETOOBIG (too many entries), PH_ENOMEM; why gets one English
 * line. */
int docx_pkg_open(const void *data, size_t n, struct docx_pkg **out, char *why, size_t whylen);
void docx_pkg_close(struct docx_pkg *p);

/* 1 when the package has an entry named name (ASCII case ignored, as OPC
 * part names are), else 0. */
int docx_pkg_has(struct docx_pkg *p, const char *name);

/* 1 when the package's deadline has passed. */
int docx_pkg_late(struct docx_pkg *p);

/* Stream the part name as XML. 0 with *out; PH_ENOTFOUND (no such part),
 * PH_EENCRYPTED, PH_EFORMAT, PH_ENOMEM. */
int docx_xml_open(struct docx_pkg *p, const char *name, struct docx_xml **out, char *why,
                  size_t whylen);
void docx_xml_close(struct docx_xml *x);

/* Move to the next node; with skip set, past the whole subtree of the
 * current element first. 1: on a node; 0: the end of the part; a negative
 * -code (PH_EFORMAT for XML that does not parse or holds a DOCTYPE,
 * PH_ETOOBIG, PH_ETIMEOUT, PH_ENOMEM) with docx_xml_why saying what. */
int docx_xml_next(struct docx_xml *x, int skip);
const char *docx_xml_why(const struct docx_xml *x);

/* The current node. */
enum docx_node docx_xml_type(struct docx_xml *x);
enum docx_ns docx_xml_ns(struct docx_xml *x);
const char *docx_xml_local(struct docx_xml *x);   /* element's local name, "" otherwise */
int docx_xml_empty(struct docx_xml *x);           /* 1: <a/> (no DOCX_END follows) */
const char *docx_xml_text(struct docx_xml *x);    /* DOCX_TEXT: its UTF-8, else "" */

/* The attribute name of the current element in namespace ns (DOCX_NS_W:
 * either spelling; DOCX_NS_OTHER: no namespace; DOCX_NS_PKGREL: none
 * either, as .rels attributes are unqualified) copied into buf (bufsz
 * bytes, cut to fit). 1 when present, 0 when absent (buf ""). */
int docx_xml_attr(struct docx_xml *x, enum docx_ns ns, const char *name, char *buf, size_t bufsz);

#endif

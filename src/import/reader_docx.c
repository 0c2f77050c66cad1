/* reader_docx.c: render_docx (render.h), the reader of Word .docx files.
 *
 * The package and XML layer is docx_package.c (docx.h): the zip, its
 * limits, and a stream of XML nodes with DTDs refused. Here: styles.xml
 * (paragraph styles' numbering and fonts, table styles' borders, with
 * basedOn), numbering.xml (the labels Word shows), and one pass over
 * word/document.xml that renders body paragraphs as they end and each
 * top-level table when it ends, so memory follows the largest table, not
 * the document.
 *
 * What is read (ECMA-376 Part 1, WordprocessingML), as Word shows it with
 * tracked changes accepted:
 *   - a paragraph's text is the text of its runs (w:t) joined as they come,
 *     so a word split over several runs is whole again; w:tab and w:ptab
 *     are a space, w:noBreakHyphen "-", w:softHyphen nothing, w:sym its
 *     character when it is one (a symbol font's private-use code is not);
 *     w:br and w:cr end a line: in the body the next line is a paragraph
 *     of its own ("Số: 15/KH-UBND" w:br "Lào Cai, ngày ..."), in a table
 *     cell a line of the cell;
 *   - w:ins and w:moveTo are kept, w:del, w:moveFrom and deleted table
 *     rows dropped; hidden runs (w:vanish) dropped; a content control
 *     showing its placeholder (w:showingPlcHdr) is empty;
 *   - a field gives its shown result only: the runs between
 *     fldChar separate and end (nested fields too), never w:instrText;
 *     w:fldSimple its runs;
 *   - w:sdt, w:smartTag, w:customXml, w:hyperlink, bookmarks, proofing
 *     marks and every other wrapper are read through;
 *   - not body text, left out whole: w:drawing, w:pict, w:object,
 *     mc:AlternateContent (text boxes and shapes: a "DỰ THẢO" stamp),
 *     w:txbxContent, footnote, endnote and comment marks (a custom mark
 *     too), section properties; headers, footers, footnotes, endnotes and
 *     comments are other parts, never opened;
 *   - numbering: w:numPr of the paragraph or of its style (basedOn
 *     followed; numId 0 switches it off) through w:num (lvlOverride,
 *     startOverride) to w:abstractNum (numStyleLink followed once); the
 *     counters belong to the abstract numbering, a level restarts after a
 *     higher one (w:lvlRestart), w:isLgl gives decimal; the label is
 *     w:lvlText with each "%N" formatted (decimal, decimalZero, roman,
 *     letters as Word writes them: a..z, aa, bb; anything else decimal),
 *     a bullet level is "-", none is no label; label, one space, text;
 *   - tables, decided by content: a layout table (a box of one column; a
 *     table of at most 3 cells a row and 6 rows holding the Decree 30
 *     header's or closing's lines: Quốc hiệu, Tiêu ngữ, "Số:", a "ngày ...
 *     tháng ... năm" date, "Nơi nhận", TM./KT./TL./TUQ./Q., CHỦ TỊCH,
 *     GIÁM ĐỐC ...; a table without borders, by tblBorders, its style's or
 *     its cells', whose first rows do not name task-table columns) gives
 *     its cells' paragraphs column by column, left first, a cell's
 *     paragraphs on consecutive lines (as a typed header has them: the
 *     extractors join consecutive issuer lines into one name) and a blank
 *     line between cells. A data table gives one line per row, cells by
 *     '\t' on the grid (w:gridSpan written once, w:gridBefore/After empty,
 *     w:vMerge continuing cells repeating the restart cell's text), a
 *     header of two rows joined per column, a column-number row and a
 *     repeated header dropped, blank and deleted rows dropped. A cell's
 *     lines are joined by "; " when they are list items ("- ", "+ ", "•",
 *     a bullet numbering; the bullet dropped) or agency names, else by " ".
 *     A table nested in a data cell gives every non-empty cell's text, row
 *     by row, as items of that cell (so "; "-joined); nested in a layout
 *     cell it is rendered as a table of its own.
 *
 * Text: NFC; runs of spaces (NBSP and the other Unicode spaces, tabs, line
 * ends inside w:t) one space; zero-width characters, soft hyphens and
 * control characters dropped; U+2011 "-". White space inside w:t is kept
 * whether or not xml:space="preserve" says so: generators that omit it
 * still mean the space between two words. */
#include "import/render.h"
#include "import/docx.h"
#include "import/legacy.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/text.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Limits of this reader besides render.h's: the columns of one table
 * (real tables have fewer than 20), the cells of the tables held at once
 * (a table is held until it ends), the memory of those tables, styles and
 * numbering definitions kept (more are ignored). */
#define MAX_COLUMNS 128
#define MAX_CELLS 400000
#define MAX_TABLE_MEMORY ((size_t)192 << 20)
#define MAX_STYLES 20000
#define MAX_ABSTRACT 4096
#define MAX_NUMS 16384
#define MAX_FIELDS 64
#define NAME_MAX_LEN 64

/* A line break inside a paragraph, until the paragraph is cut into lines. */
#define BREAK_MARK '\x01'

/* ---- element names ----------------------------------------------------- */

enum tag {
	T_OTHER = 0, T_SKIP,
	T_ABSTRACTNUM, T_ABSTRACTNUMID, T_BASEDON, T_BODY, T_BR, T_CR, T_DEL,
	T_DELINSTRTEXT, T_DELTEXT, T_DOCDEFAULTS, T_DOCUMENT, T_DRAWING,
	T_ENDNOTEREF, T_FLDCHAR, T_FLDDATA, T_FOOTNOTEREF, T_GRIDAFTER, T_GRIDBEFORE,
	T_GRIDCOL, T_GRIDSPAN, T_HMERGE, T_ILVL, T_INSTRTEXT, T_ISLGL, T_LVL,
	T_LVLOVERRIDE, T_LVLRESTART, T_LVLTEXT, T_MOVEFROM, T_NOBREAKHYPHEN, T_NUM,
	T_NUMFMT, T_NUMID, T_NUMPR, T_NUMSTYLELINK, T_OBJECT, T_P, T_PPR, T_PSTYLE,
	T_PICT, T_PTAB, T_R, T_RFONTS, T_RPR, T_RPRDEFAULT, T_RSTYLE, T_RT, T_SDT,
	T_SDTCONTENT, T_SECTPR, T_SHOWINGPLCHDR, T_SOFTHYPHEN, T_SPECVANISH, T_START,
	T_STARTOVERRIDE, T_STYLE, T_SYM, T_T, T_TAB, T_TBL, T_TBLBORDERS, T_TBLGRID,
	T_TBLHEADER, T_TBLPR, T_TBLPREX, T_TBLSTYLE, T_TBLSTYLEPR, T_TC, T_TCBORDERS,
	T_TCPR, T_TR, T_TRPR, T_TXBXCONTENT, T_VMERGE, T_VANISH,
};

/* Sorted by strcmp for bsearch. */
static const struct tagname {
	const char *name;
	enum tag tag;
} tagnames[] = {
	{"abstractNum", T_ABSTRACTNUM}, {"abstractNumId", T_ABSTRACTNUMID},
	{"basedOn", T_BASEDON}, {"body", T_BODY}, {"br", T_BR},
	{"commentReference", T_SKIP}, {"cr", T_CR}, {"del", T_DEL},
	{"delInstrText", T_DELINSTRTEXT}, {"delText", T_DELTEXT},
	{"docDefaults", T_DOCDEFAULTS}, {"document", T_DOCUMENT}, {"drawing", T_DRAWING},
	{"endnotePr", T_SKIP}, {"endnoteReference", T_ENDNOTEREF}, {"fldChar", T_FLDCHAR},
	{"fldData", T_FLDDATA}, {"footnotePr", T_SKIP}, {"footnoteReference", T_FOOTNOTEREF},
	{"gridAfter", T_GRIDAFTER}, {"gridBefore", T_GRIDBEFORE}, {"gridCol", T_GRIDCOL},
	{"gridSpan", T_GRIDSPAN}, {"hMerge", T_HMERGE}, {"ilvl", T_ILVL},
	{"instrText", T_INSTRTEXT}, {"isLgl", T_ISLGL}, {"lvl", T_LVL},
	{"lvlOverride", T_LVLOVERRIDE}, {"lvlRestart", T_LVLRESTART}, {"lvlText", T_LVLTEXT},
	{"moveFrom", T_MOVEFROM}, {"noBreakHyphen", T_NOBREAKHYPHEN}, {"num", T_NUM},
	{"numFmt", T_NUMFMT}, {"numId", T_NUMID}, {"numPr", T_NUMPR},
	{"numStyleLink", T_NUMSTYLELINK}, {"object", T_OBJECT}, {"p", T_P}, {"pPr", T_PPR},
	{"pStyle", T_PSTYLE}, {"pict", T_PICT}, {"ptab", T_PTAB}, {"r", T_R},
	{"rFonts", T_RFONTS}, {"rPr", T_RPR}, {"rPrDefault", T_RPRDEFAULT},
	{"rStyle", T_RSTYLE}, {"rt", T_RT}, {"sdt", T_SDT}, {"sdtContent", T_SDTCONTENT},
	{"sdtEndPr", T_SKIP}, {"sectPr", T_SECTPR}, {"showingPlcHdr", T_SHOWINGPLCHDR},
	{"smartTagPr", T_SKIP}, {"softHyphen", T_SOFTHYPHEN}, {"specVanish", T_SPECVANISH},
	{"start", T_START}, {"startOverride", T_STARTOVERRIDE}, {"style", T_STYLE},
	{"sym", T_SYM}, {"t", T_T}, {"tab", T_TAB}, {"tbl", T_TBL},
	{"tblBorders", T_TBLBORDERS}, {"tblGrid", T_TBLGRID}, {"tblHeader", T_TBLHEADER},
	{"tblPr", T_TBLPR}, {"tblPrEx", T_TBLPREX}, {"tblStyle", T_TBLSTYLE},
	{"tblStylePr", T_TBLSTYLEPR}, {"tc", T_TC}, {"tcBorders", T_TCBORDERS},
	{"tcPr", T_TCPR}, {"tr", T_TR}, {"trPr", T_TRPR}, {"txbxContent", T_TXBXCONTENT},
	{"vMerge", T_VMERGE}, {"vanish", T_VANISH},
};

static int tag_cmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct tagname *)e)->name);
}

/* The tag of the current element: W names by the table ("...Change"
 * elements, the previous formatting of a tracked change, are skipped),
 * mc:AlternateContent skipped, anything else T_OTHER. */
static enum tag tag_of(struct docx_xml *x)
{
	enum docx_ns ns = docx_xml_ns(x);
	const char *local = docx_xml_local(x);
	if (ns == DOCX_NS_MC)
		return strcmp(local, "AlternateContent") == 0 ? T_SKIP : T_OTHER;
	if (ns != DOCX_NS_W)
		return T_OTHER;
	const struct tagname *t = bsearch(local, tagnames, sizeof tagnames / sizeof *tagnames,
	                                  sizeof *tagnames, tag_cmp);
	if (t)
		return t->tag;
	size_t n = strlen(local);
	if (n > 6 && strcmp(local + n - 6, "Change") == 0)
		return T_SKIP;
	return T_OTHER;
}

/* Subtrees never read in the document. */
static int skipped(enum tag t)
{
	switch (t) {
	case T_SKIP: case T_DEL: case T_MOVEFROM: case T_DELTEXT: case T_DELINSTRTEXT:
	case T_INSTRTEXT: case T_DRAWING: case T_PICT: case T_OBJECT: case T_TXBXCONTENT:
	case T_SECTPR: case T_RT: case T_FLDDATA: case T_TBLPREX: case T_TBLSTYLEPR:
		return 1;
	default:
		return 0;
	}
}

/* An on/off property (w:vanish, w:tblHeader, w:isLgl): on unless its
 * w:val says off. */
static int on_off(struct docx_xml *x)
{
	char v[16];
	if (!docx_xml_attr(x, DOCX_NS_W, "val", v, sizeof v))
		return 1;
	return !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

static int int_attr(struct docx_xml *x, const char *name, int dflt)
{
	char v[24];
	if (!docx_xml_attr(x, DOCX_NS_W, name, v, sizeof v) || !v[0])
		return dflt;
	char *end;
	long k = strtol(v, &end, 10);
	if (end == v)
		return dflt;
	if (k > 1000000)
		k = 1000000;
	if (k < -1000000)
		k = -1000000;
	return (int)k;
}

/* A border element's w:val draws a line. */
static int border_visible(struct docx_xml *x)
{
	char v[32];
	if (!docx_xml_attr(x, DOCX_NS_W, "val", v, sizeof v))
		return 0;
	return v[0] && strcmp(v, "none") != 0 && strcmp(v, "nil") != 0;
}

/* ---- errors ------------------------------------------------------------- */

/* ---- styles -------------------------------------------------------------- */

enum { ST_PARA = 1, ST_CHAR, ST_TABLE, ST_NUMBERING };

struct style {
	char id[NAME_MAX_LEN];
	char based[NAME_MAX_LEN];
	char font[NAME_MAX_LEN];   /* rFonts hAnsi, else ascii; "" none */
	int type;
	int is_default;
	int num_id;                /* -1: no numPr numId */
	int ilvl;                  /* -1: none */
	int borders;               /* -1: no tblBorders; 0 none visible; 1 visible */
};

struct styles {
	struct style *v;
	size_t len, cap;
	char default_font[NAME_MAX_LEN];
	const struct style *default_para, *default_table;
};

static int style_cmp(const void *a, const void *b)
{
	return strcmp(((const struct style *)a)->id, ((const struct style *)b)->id);
}

static const struct style *style_find(const struct styles *s, const char *id)
{
	if (!id || !id[0] || !s->len)
		return NULL;
	struct style key;
	snprintf(key.id, sizeof key.id, "%s", id);
	return bsearch(&key, s->v, s->len, sizeof *s->v, style_cmp);
}

/* The style id names and those it is based on, up to 32 steps, into
 * chain; returns how many. */
static size_t style_chain(const struct styles *s, const char *id, const struct style **chain)
{
	size_t n = 0;
	const struct style *st = style_find(s, id);
	while (st && n < 32) {
		for (size_t i = 0; i < n; i++)
			if (chain[i] == st)
				return n; /* a cycle */
		chain[n++] = st;
		st = style_find(s, st->based);
	}
	return n;
}

/* ---- numbering ------------------------------------------------------------ */

enum numfmt { NF_DECIMAL, NF_DECIMAL_ZERO, NF_UPPER_ROMAN, NF_LOWER_ROMAN, NF_UPPER_LETTER,
	NF_LOWER_LETTER, NF_BULLET, NF_NONE };

struct lvl {
	int start;
	int restart;       /* -1: default (after any higher level) */
	int fmt;
	int is_lgl;
	char text[NAME_MAX_LEN];
	char pstyle[NAME_MAX_LEN];
};

struct abstract {
	int id;
	char style_link[NAME_MAX_LEN]; /* numStyleLink */
	struct lvl lvl[9];
	int cur[9];
	unsigned char used[9];
};

struct num {
	int id;
	int abstract_id;
	int applied;              /* its first paragraph was numbered */
	unsigned char has_start[9], has_lvl[9];
	int start[9];
	struct lvl lvl[9];
};

struct numbering {
	struct abstract *abs;
	size_t abs_len, abs_cap;
	struct num *nums;
	size_t nums_len, nums_cap;
};

static void lvl_init(struct lvl *l)
{
	memset(l, 0, sizeof *l);
	l->restart = -1;
	l->fmt = NF_DECIMAL;
}

static enum numfmt fmt_parse(const char *v)
{
	static const struct { const char *n; enum numfmt f; } fmts[] = {
		{"decimal", NF_DECIMAL}, {"decimalZero", NF_DECIMAL_ZERO},
		{"upperRoman", NF_UPPER_ROMAN}, {"lowerRoman", NF_LOWER_ROMAN},
		{"upperLetter", NF_UPPER_LETTER}, {"lowerLetter", NF_LOWER_LETTER},
		{"bullet", NF_BULLET}, {"none", NF_NONE},
	};
	for (size_t i = 0; i < sizeof fmts / sizeof *fmts; i++)
		if (strcmp(v, fmts[i].n) == 0)
			return fmts[i].f;
	return NF_DECIMAL;
}

static struct abstract *abstract_find(struct numbering *nb, int id)
{
	for (size_t i = 0; i < nb->abs_len; i++)
		if (nb->abs[i].id == id)
			return &nb->abs[i];
	return NULL;
}

static struct num *num_find(struct numbering *nb, int id)
{
	/* nums are kept sorted by id */
	size_t lo = 0, hi = nb->nums_len;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (nb->nums[mid].id < id)
			lo = mid + 1;
		else if (nb->nums[mid].id > id)
			hi = mid;
		else
			return &nb->nums[mid];
	}
	return NULL;
}

static int num_cmp(const void *a, const void *b)
{
	int x = ((const struct num *)a)->id, y = ((const struct num *)b)->id;
	return (x > y) - (x < y);
}

/* ---- the package's parts --------------------------------------------------- */

/* Grow a malloc'd array to hold need elements; NULL when refused. */
static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return p;
	size_t n = *cap ? *cap * 2 : 16;
	while (n < need)
		n *= 2;
	void *q = realloc(p, n * elem);
	if (q)
		*cap = n;
	return q;
}

/* dir + "/" + target with "." and ".." resolved (target "/x": from the
 * root), into out; 0, or -1 when it does not fit. */
static int part_path(const char *dir, const char *target, char *out, size_t outsz)
{
	char tmp[512];
	if (target[0] == '/')
		snprintf(tmp, sizeof tmp, "%s", target + 1);
	else if (dir[0])
		snprintf(tmp, sizeof tmp, "%s/%s", dir, target);
	else
		snprintf(tmp, sizeof tmp, "%s", target);
	size_t o = 0;
	out[0] = 0;
	char *save = NULL;
	for (char *seg = strtok_r(tmp, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			char *slash = strrchr(out, '/');
			o = slash ? (size_t)(slash - out) : 0;
			out[o] = 0;
			continue;
		}
		size_t k = strlen(seg);
		if (o + k + 2 > outsz)
			return -1;
		if (o)
			out[o++] = '/';
		memcpy(out + o, seg, k + 1);
		o += k;
	}
	return out[0] ? 0 : -1;
}

/* In the relationships part rels, the target of the first internal
 * relationship whose type ends in "/" + type, resolved against dir, into
 * out. 1 found, 0 not (or no such part), negative -code on an error. */
static int rel_target(struct docx_pkg *pkg, const char *rels, const char *dir,
                      const char *type, char *out, size_t outsz, char *why, size_t whylen)
{
	if (!docx_pkg_has(pkg, rels))
		return 0;
	struct docx_xml *x;
	int rc = docx_xml_open(pkg, rels, &x, why, whylen);
	if (rc)
		return rc == PH_ENOTFOUND ? 0 : -rc;
	int found = 0;
	size_t tl = strlen(type);
	while ((rc = docx_xml_next(x, 0)) == 1) {
		if (docx_xml_type(x) != DOCX_START || found ||
		    strcmp(docx_xml_local(x), "Relationship") != 0)
			continue;
		char t[256], target[256], mode[32];
		docx_xml_attr(x, DOCX_NS_OTHER, "Type", t, sizeof t);
		docx_xml_attr(x, DOCX_NS_OTHER, "TargetMode", mode, sizeof mode);
		size_t n = strlen(t);
		if (n > tl && t[n - tl - 1] == '/' && strcmp(t + n - tl, type) == 0 &&
		    strcmp(mode, "External") != 0 &&
		    docx_xml_attr(x, DOCX_NS_OTHER, "Target", target, sizeof target) && target[0] &&
		    part_path(dir, target, out, outsz) == 0)
			found = 1;
	}
	if (rc < 0)
		render_say(why, whylen, "%s", docx_xml_why(x));
	docx_xml_close(x);
	return rc < 0 ? rc : found;
}

/* A walk over one part's elements: the stack of tags of the open ones.
 * walk_next gives the next element start or end (text too, with *tag the
 * element it is in); an element's own start sees its parent on top of
 * the stack, it is pushed when the walk moves on (unless skipped). */
struct walk {
	struct docx_xml *x;
	enum tag stack[RENDER_MAX_XML_DEPTH + 2];
	int depth;
	int pending;          /* the last start is open and not yet pushed */
	enum tag pending_tag;
};

static enum tag parent(const struct walk *k, int up)
{
	return k->depth > up ? k->stack[k->depth - 1 - up] : T_OTHER;
}

/* 1 with *type (DOCX_START, DOCX_END or DOCX_TEXT), *tag and *empty; 0 at
 * the end; negative -code on an error. skip: pass over the subtree of the
 * element whose start was given last. */
static int walk_next(struct walk *k, int skip, enum docx_node *type, enum tag *tag, int *empty)
{
	int do_skip = 0;
	if (k->pending) {
		k->pending = 0;
		if (skip)
			do_skip = 1;
		else if (k->depth < RENDER_MAX_XML_DEPTH + 1)
			k->stack[k->depth++] = k->pending_tag;
	}
	for (;;) {
		int rc = docx_xml_next(k->x, do_skip);
		do_skip = 0;
		if (rc != 1)
			return rc;
		enum docx_node t = docx_xml_type(k->x);
		if (t == DOCX_START) {
			*tag = tag_of(k->x);
			*empty = docx_xml_empty(k->x);
			k->pending = !*empty;
			k->pending_tag = *tag;
		} else if (t == DOCX_END) {
			*tag = k->depth > 0 ? k->stack[--k->depth] : T_OTHER;
			*empty = 0;
		} else if (t == DOCX_TEXT) {
			*tag = parent(k, 0);
			*empty = 0;
		} else {
			continue;
		}
		*type = t;
		return 1;
	}
}

static int load_styles(struct docx_pkg *pkg, const char *name, struct styles *s, char *why,
                       size_t whylen)
{
	struct walk k = {0};
	int rc = docx_xml_open(pkg, name, &k.x, why, whylen);
	if (rc)
		return rc == PH_ENOTFOUND ? 0 : rc;
	struct style *cur = NULL;
	int in_default = 0, err = 0, skip = 0;
	enum docx_node type;
	enum tag t;
	int empty;
	while ((rc = walk_next(&k, skip, &type, &t, &empty)) == 1) {
		skip = 0;
		if (type == DOCX_END) {
			if (t == T_STYLE)
				cur = NULL;
			if (t == T_DOCDEFAULTS)
				in_default = 0;
			continue;
		}
		if (type != DOCX_START)
			continue;
		char v[NAME_MAX_LEN];
		switch (t) {
		case T_STYLE:
			if (s->len >= MAX_STYLES) {
				skip = 1;
				break;
			}
			s->v = grow(s->v, &s->cap, s->len + 1, sizeof *s->v);
			if (!s->v) {
				err = PH_ENOMEM;
				break;
			}
			cur = &s->v[s->len++];
			memset(cur, 0, sizeof *cur);
			cur->num_id = cur->ilvl = cur->borders = -1;
			docx_xml_attr(k.x, DOCX_NS_W, "styleId", cur->id, sizeof cur->id);
			docx_xml_attr(k.x, DOCX_NS_W, "type", v, sizeof v);
			cur->type = strcmp(v, "paragraph") == 0 ? ST_PARA
			          : strcmp(v, "character") == 0 ? ST_CHAR
			          : strcmp(v, "table") == 0 ? ST_TABLE
			          : strcmp(v, "numbering") == 0 ? ST_NUMBERING : 0;
			docx_xml_attr(k.x, DOCX_NS_W, "default", v, sizeof v);
			cur->is_default = strcmp(v, "1") == 0 || strcmp(v, "true") == 0 ||
			                  strcmp(v, "on") == 0;
			if (empty)
				cur = NULL;
			break;
		case T_DOCDEFAULTS:
			in_default = !empty;
			break;
		case T_BASEDON:
			if (cur && parent(&k, 0) == T_STYLE)
				docx_xml_attr(k.x, DOCX_NS_W, "val", cur->based, sizeof cur->based);
			break;
		case T_NUMID:
			if (cur && parent(&k, 0) == T_NUMPR)
				cur->num_id = int_attr(k.x, "val", -1);
			break;
		case T_ILVL:
			if (cur && parent(&k, 0) == T_NUMPR)
				cur->ilvl = int_attr(k.x, "val", -1);
			break;
		case T_RFONTS:
			if (parent(&k, 0) == T_RPR && (cur || in_default)) {
				char *dst = cur ? cur->font : s->default_font;
				size_t dn = cur ? sizeof cur->font : sizeof s->default_font;
				if (!docx_xml_attr(k.x, DOCX_NS_W, "hAnsi", dst, dn) || !dst[0])
					docx_xml_attr(k.x, DOCX_NS_W, "ascii", dst, dn);
			}
			break;
		case T_TBLBORDERS:
			if (cur && parent(&k, 0) == T_TBLPR && cur->borders < 0)
				cur->borders = 0;
			break;
		case T_TBLSTYLEPR:
		case T_SKIP:
			skip = 1; /* conditional or previous formatting: not the style's own */
			break;
		default:
			if (cur && parent(&k, 0) == T_TBLBORDERS && parent(&k, 1) == T_TBLPR &&
			    border_visible(k.x))
				cur->borders = 1;
			break;
		}
		if (err)
			break;
	}
	if (rc < 0) {
		err = -rc;
		render_say(why, whylen, "styles: %s", docx_xml_why(k.x));
	} else if (err == PH_ENOMEM) {
		render_say(why, whylen, "out of memory reading the styles");
	}
	docx_xml_close(k.x);
	if (err)
		return err;
	if (s->len)
		qsort(s->v, s->len, sizeof *s->v, style_cmp);
	for (size_t i = 0; i < s->len; i++) {
		if (s->v[i].is_default && s->v[i].type == ST_PARA && !s->default_para)
			s->default_para = &s->v[i];
		if (s->v[i].is_default && s->v[i].type == ST_TABLE && !s->default_table)
			s->default_table = &s->v[i];
	}
	return 0;
}

static int load_numbering(struct docx_pkg *pkg, const char *name, struct numbering *nb,
                          char *why, size_t whylen)
{
	struct walk k = {0};
	int rc = docx_xml_open(pkg, name, &k.x, why, whylen);
	if (rc)
		return rc == PH_ENOTFOUND ? 0 : rc;
	struct abstract *ab = NULL;
	struct num *nm = NULL;
	struct lvl *lv = NULL;
	int ovr = -1, err = 0, skip = 0, il;
	enum docx_node type;
	enum tag t;
	int empty;
	while ((rc = walk_next(&k, skip, &type, &t, &empty)) == 1) {
		skip = 0;
		if (type == DOCX_END) {
			if (t == T_ABSTRACTNUM)
				ab = NULL;
			else if (t == T_NUM)
				nm = NULL;
			else if (t == T_LVL)
				lv = NULL;
			else if (t == T_LVLOVERRIDE)
				ovr = -1;
			continue;
		}
		if (type != DOCX_START)
			continue;
		switch (t) {
		case T_ABSTRACTNUM:
			if (nb->abs_len >= MAX_ABSTRACT || empty) {
				skip = 1;
				break;
			}
			nb->abs = grow(nb->abs, &nb->abs_cap, nb->abs_len + 1, sizeof *nb->abs);
			if (!nb->abs) {
				err = PH_ENOMEM;
				break;
			}
			ab = &nb->abs[nb->abs_len++];
			memset(ab, 0, sizeof *ab);
			ab->id = int_attr(k.x, "abstractNumId", -1);
			for (int i = 0; i < 9; i++)
				lvl_init(&ab->lvl[i]);
			break;
		case T_NUM:
			if (nb->nums_len >= MAX_NUMS || empty) {
				skip = 1;
				break;
			}
			nb->nums = grow(nb->nums, &nb->nums_cap, nb->nums_len + 1, sizeof *nb->nums);
			if (!nb->nums) {
				err = PH_ENOMEM;
				break;
			}
			nm = &nb->nums[nb->nums_len++];
			memset(nm, 0, sizeof *nm);
			nm->id = int_attr(k.x, "numId", -1);
			nm->abstract_id = -1;
			break;
		case T_ABSTRACTNUMID:
			if (nm)
				nm->abstract_id = int_attr(k.x, "val", -1);
			break;
		case T_NUMSTYLELINK:
			if (ab)
				docx_xml_attr(k.x, DOCX_NS_W, "val", ab->style_link, sizeof ab->style_link);
			break;
		case T_LVLOVERRIDE:
			il = int_attr(k.x, "ilvl", -1);
			ovr = nm && il >= 0 && il < 9 && !empty ? il : -1;
			break;
		case T_STARTOVERRIDE:
			if (nm && ovr >= 0) {
				nm->has_start[ovr] = 1;
				nm->start[ovr] = int_attr(k.x, "val", 0);
			}
			break;
		case T_LVL:
			il = int_attr(k.x, "ilvl", -1);
			lv = NULL;
			if (il >= 0 && il < 9 && !empty) {
				if (ab && !nm) {
					lv = &ab->lvl[il];
				} else if (nm && ovr >= 0) {
					lv = &nm->lvl[ovr];
					nm->has_lvl[ovr] = 1;
				}
			}
			if (lv)
				lvl_init(lv);
			break;
		case T_START:
			if (lv)
				lv->start = int_attr(k.x, "val", 0);
			break;
		case T_NUMFMT:
			if (lv) {
				char v[32];
				docx_xml_attr(k.x, DOCX_NS_W, "val", v, sizeof v);
				lv->fmt = fmt_parse(v);
			}
			break;
		case T_LVLTEXT:
			if (lv)
				docx_xml_attr(k.x, DOCX_NS_W, "val", lv->text, sizeof lv->text);
			break;
		case T_LVLRESTART:
			if (lv)
				lv->restart = int_attr(k.x, "val", -1);
			break;
		case T_ISLGL:
			if (lv)
				lv->is_lgl = on_off(k.x);
			break;
		case T_PSTYLE:
			if (lv)
				docx_xml_attr(k.x, DOCX_NS_W, "val", lv->pstyle, sizeof lv->pstyle);
			break;
		case T_SKIP:
			skip = 1; /* previous numbering of a tracked change */
			break;
		default:
			break;
		}
		if (err)
			break;
	}
	if (rc < 0) {
		err = -rc;
		render_say(why, whylen, "numbering: %s", docx_xml_why(k.x));
	} else if (err == PH_ENOMEM) {
		render_say(why, whylen, "out of memory reading the numbering");
	}
	docx_xml_close(k.x);
	if (err)
		return err;
	if (nb->nums_len)
		qsort(nb->nums, nb->nums_len, sizeof *nb->nums, num_cmp);
	return 0;
}

/* ---- the document's pieces ------------------------------------------------ */

/* A paragraph, as kept inside a table until the table ends. */
struct dpara {
	int number;          /* in the body, tables' paragraphs included */
	char *label;         /* numbering label ("I.", "a)"), "" none */
	int bullet;          /* the numbering is a bullet */
	char **lines;        /* normalized lines (w:br cuts), empty ones dropped */
	size_t lines_len;
};

struct dtable;

struct item {
	struct dpara *para;  /* one of the two */
	struct dtable *table;
	struct item *next;
};

struct dcell {
	int span;            /* grid columns, >= 1 */
	int vmerge;          /* 0 none, 1 restart, 2 continue */
	int hcont;           /* legacy hMerge continue: part of the cell before */
	int border_sides;    /* visible tcBorders sides */
	struct item *first, *last;
	struct dcell *next;
};

struct drow {
	int before, after;
	int header;          /* w:tblHeader */
	int deleted;         /* a tracked deletion */
	int para;            /* the first paragraph in the row, 0 none */
	struct dcell *first, *last;
	size_t ncells;
	struct drow *next;
};

struct dtable {
	int number;
	int grid;            /* w:gridCol count */
	int borders;         /* -1 no tblBorders; 0 none visible; 1 visible */
	char style[NAME_MAX_LEN];
	struct drow *first, *last;
	size_t nrows;
};

/* ---- text ------------------------------------------------------------------ */

/* Code point at s[0..n); *len its bytes (valid UTF-8 assumed; a bad byte
 * counts as one). */
static int32_t cp_at(const unsigned char *s, size_t n, size_t *len)
{
	unsigned char c = s[0];
	int32_t cp;
	size_t k;
	if (c < 0x80) {
		*len = 1;
		return c;
	} else if ((c & 0xE0) == 0xC0) {
		k = 2;
		cp = c & 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		k = 3;
		cp = c & 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		k = 4;
		cp = c & 0x07;
	} else {
		*len = 1;
		return -1;
	}
	if (k > n) {
		*len = 1;
		return -1;
	}
	for (size_t i = 1; i < k; i++)
		cp = (cp << 6) | (s[i] & 0x3F);
	*len = k;
	return cp;
}

static int is_space_cp(int32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
	       c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

static int is_dropped_cp(int32_t c)
{
	return c < 0 || c == 0xAD || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 ||
	       c == 0xFEFF || c == 0x180E || (c < 0x20 && c != BREAK_MARK) || c == 0x7F ||
	       (c >= 0x80 && c < 0xA0) || (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE ||
	       c == 0xFFFF;
}

/* s[0..n) as one line of the rendering: white space collapsed, invisible
 * and control characters dropped, U+2011 as '-', trimmed, NFC. malloc'd;
 * NULL when out of memory. */
static char *norm_line(const char *s, size_t n)
{
	char *tmp = malloc(n + 1);
	if (!tmp)
		return NULL;
	size_t o = 0;
	int space = 0;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		size_t k;
		int32_t c = cp_at(u + i, n - i, &k);
		if (is_space_cp(c)) {
			space = o > 0;
		} else if (!is_dropped_cp(c) && c != BREAK_MARK) {
			if (space)
				tmp[o++] = ' ';
			space = 0;
			if (c == 0x2011) {
				tmp[o++] = '-';
			} else {
				memcpy(tmp + o, s + i, k);
				o += k;
			}
		}
		i += k;
	}
	tmp[o] = 0;
	char *r = text_nfc(tmp, o);
	free(tmp);
	return r;
}

/* Folded copy (text_fold) for matching words; NULL when out of memory. */
static char *fold(const char *s)
{
	return text_fold(s);
}

static int starts(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* ---- numbering labels ---------------------------------------------------------- */

static void roman(int n, int upper, char *out, size_t outsz)
{
	static const struct { int v; const char *s; } r[] = {
		{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
		{50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"},
	};
	size_t o = 0;
	out[0] = 0;
	for (size_t i = 0; i < sizeof r / sizeof *r; i++)
		while (n >= r[i].v && o + 3 < outsz) {
			for (const char *p = r[i].s; *p; p++)
				out[o++] = upper ? (char)toupper((unsigned char)*p) : *p;
			n -= r[i].v;
		}
	out[o] = 0;
}

static void format_number(int n, int fmt, char *out, size_t outsz)
{
	switch (fmt) {
	case NF_DECIMAL_ZERO:
		snprintf(out, outsz, n >= 0 && n < 10 ? "0%d" : "%d", n);
		return;
	case NF_UPPER_ROMAN:
	case NF_LOWER_ROMAN:
		if (n > 0 && n < 4000) {
			roman(n, fmt == NF_UPPER_ROMAN, out, outsz);
			return;
		}
		break;
	case NF_UPPER_LETTER:
	case NF_LOWER_LETTER:
		if (n > 0 && n <= 26 * 20) {
			/* Word's letters: a..z, then aa, bb, ..., zz, aaa ... */
			char c = (char)((fmt == NF_UPPER_LETTER ? 'A' : 'a') + (n - 1) % 26);
			int reps = (n - 1) / 26 + 1;
			size_t o = 0;
			while (reps-- > 0 && o + 1 < outsz)
				out[o++] = c;
			out[o] = 0;
			return;
		}
		break;
	case NF_BULLET:
	case NF_NONE:
		out[0] = 0;
		return;
	default:
		break;
	}
	snprintf(out, outsz, "%d", n);
}

struct numctx {
	struct numbering *nb;
	const struct styles *st;
};

/* The abstract numbering of num (its numStyleLink followed once). */
static struct abstract *num_abstract(struct numctx *c, struct num *nm)
{
	struct abstract *ab = abstract_find(c->nb, nm->abstract_id);
	if (ab && ab->style_link[0]) {
		const struct style *chain[32];
		size_t n = style_chain(c->st, ab->style_link, chain);
		for (size_t i = 0; i < n; i++)
			if (chain[i]->num_id > 0) {
				struct num *linked = num_find(c->nb, chain[i]->num_id);
				struct abstract *la = linked ? abstract_find(c->nb, linked->abstract_id) : NULL;
				if (la && la != ab)
					ab = la;
				break;
			}
	}
	return ab;
}

static const struct lvl *level_def(struct num *nm, struct abstract *ab, int l)
{
	return nm->has_lvl[l] ? &nm->lvl[l] : &ab->lvl[l];
}

static int level_start(struct num *nm, struct abstract *ab, int l)
{
	return nm->has_start[l] ? nm->start[l] : level_def(nm, ab, l)->start;
}

/* Count one paragraph numbered num_id at level ilvl and write the label
 * Word shows into out ("" for none); *bullet set for a bullet level. */
static void number_para(struct numctx *c, int num_id, int ilvl, char *out, size_t outsz,
                        int *bullet)
{
	out[0] = 0;
	*bullet = 0;
	struct num *nm = num_find(c->nb, num_id);
	struct abstract *ab = nm ? num_abstract(c, nm) : NULL;
	if (!ab)
		return;
	if (ilvl < 0 || ilvl > 8)
		ilvl = 0;
	if (!nm->applied) {
		nm->applied = 1;
		for (int l = 0; l < 9; l++)
			if (nm->has_start[l] || nm->has_lvl[l])
				ab->used[l] = 0;
	}
	if (!ab->used[ilvl]) {
		ab->cur[ilvl] = level_start(nm, ab, ilvl);
		ab->used[ilvl] = 1;
	} else if (ab->cur[ilvl] < 1000000) {
		ab->cur[ilvl]++;
	}
	for (int m = ilvl + 1; m < 9; m++) {
		int r = level_def(nm, ab, m)->restart;
		if (r < 0 || (r > 0 && ilvl <= r - 1))
			ab->used[m] = 0;
	}
	const struct lvl *d = level_def(nm, ab, ilvl);
	if (d->fmt == NF_BULLET) {
		*bullet = 1;
		snprintf(out, outsz, "-");
		return;
	}
	size_t o = 0;
	for (const char *p = d->text; *p && o + 1 < outsz; p++) {
		if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
			int l = p[1] - '1';
			int v = ab->used[l] ? ab->cur[l] : level_start(nm, ab, l);
			int fmt = level_def(nm, ab, l)->fmt;
			if (d->is_lgl)
				fmt = NF_DECIMAL; /* legal numbering: every level in figures */
			char num[40];
			format_number(v, fmt, num, sizeof num);
			size_t k = strlen(num);
			if (o + k + 1 >= outsz)
				break;
			memcpy(out + o, num, k);
			o += k;
			p++;
			continue;
		}
		out[o++] = *p;
	}
	out[o] = 0;
	/* the label's own white space does not count */
	char *t = norm_line(out, o);
	if (t) {
		snprintf(out, outsz, "%s", t);
		free(t);
	} else {
		out[0] = 0;
	}
}

/* ---- the rendering being written -------------------------------------------------- */

struct out {
	struct buf text;
	struct doc_place *pl;
	size_t pl_len, pl_cap;
	int line;         /* lines written */
	int err;
};

static void out_line(struct out *o, const char *s, size_t n, struct doc_place place)
{
	if (o->err)
		return;
	int rc = buf_append(&o->text, s, n);
	if (!rc)
		rc = buf_putc(&o->text, '\n');
	if (rc) {
		o->err = rc;
		return;
	}
	struct doc_place *pl = grow(o->pl, &o->pl_cap, o->pl_len + 1, sizeof *o->pl);
	if (!pl) {
		o->err = PH_ENOMEM;
		return;
	}
	o->pl = pl;
	place.line = ++o->line;
	o->pl[o->pl_len++] = place;
}

/* A blank line before a block that is not the first. */
static void out_block(struct out *o)
{
	if (o->line > 0) {
		struct doc_place none = {0};
		out_line(o, "", 0, none);
	}
}

/* ---- tables ------------------------------------------------------------------------ */

struct render {
	struct out *o;
	struct arena *a;      /* the tables being rendered */
	const struct styles *st;
	int glue;             /* the next line follows the last one without a blank
	                       * line (the paragraphs of one layout cell) */
	int err;
};

static void r_fail(struct render *r, int code)
{
	if (!r->err)
		r->err = code;
}

/* "- ", "+ ", "• ", "– " ... at the start of s: the text after it, else NULL.
 * A "-" glued to a capital ("-Sở Tư pháp") is a bullet too. */
static const char *after_bullet(const char *s)
{
	static const char *const marks[] = {"- ", "+ ", "* ", "\u2022 ", "\u2013 ", "\u2014 ",
		"\u00b7 ", "\u25aa ", "\u25cf ", "\u2212 ", NULL};
	for (size_t i = 0; marks[i]; i++)
		if (starts(s, marks[i]))
			return s + strlen(marks[i]);
	if (s[0] == '-' && s[1] && s[1] != '-' && s[1] != ' ') {
		size_t k;
		int32_t c = cp_at((const unsigned char *)s + 1, strlen(s + 1), &k);
		if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x1EF9 && c != 0xD7 && c != 0xF7)) {
			char *up = text_upper_first(s + 1);
			int cap = up && strncmp(up, s + 1, k) == 0;
			free(up);
			if (cap)
				return s + 1;
		}
	}
	return NULL;
}

/* A line that names an agency ("Sở Tư pháp", "UBND các huyện", "Công an
 * tỉnh"): short, starting with a word for a body, not a label. */
static int agency_line(const char *s)
{
	static const char *const words[] = {"so ", "ubnd", "uy ban", "ban ", "hoi ", "cong an",
		"bo ", "phong ", "van phong", "trung tam", "bao ", "dai ", "cuc ", "chi cuc",
		"tinh doan", "thanh doan", "huyen doan", "doan ", "lien doan", "ngan hang", "vien ",
		"truong ", "cac so", "cac co quan", "cac don vi", "cac ban", "cac huyen", "cac xa",
		"mat tran", "mttq", "bch", "bo chi huy", "kho bac", "bao hiem", "thanh tra",
		"hdnd", "hoi dong", "tinh uy", "huyen uy", "thanh uy", "thi uy", "dang uy",
		"cong ty", "lien minh", "quy ", "benh vien", "ttyt", "trung uong", "tong cuc",
		"vu ", "hoi lhpn", "hlhpn", "ubmttq", "chi nhanh", "toa an", "vien kiem sat",
		"hoc vien", "dai hoc", "cao dang", NULL};
	char *f = fold(s);
	if (!f)
		return 0;
	int yes = 0;
	for (size_t i = 0; words[i] && !yes; i++)
		yes = starts(f, words[i]);
	size_t len = strlen(f), spaces = 0;
	for (size_t i = 0; i < len; i++)
		spaces += f[i] == ' ';
	if (spaces > 11 || (len && f[len - 1] == ':'))
		yes = 0;
	free(f);
	return yes;
}

struct cline {
	const char *text;
	int item;     /* a list item (its bullet dropped) */
	int agency;
};

struct clines {
	struct cline *v;
	size_t len, cap;
};

static void cl_add(struct render *r, struct clines *cl, const char *text, int item)
{
	if (r->err || !text[0])
		return;
	const char *rest = after_bullet(text);
	if (rest) {
		item = 1;
		text = rest;
		while (*text == ' ')
			text++;
		if (!text[0])
			return;
	}
	struct cline *c = ARENA_PUSH(r->a, cl->v, cl->len, cl->cap);
	if (!c) {
		r_fail(r, PH_ENOMEM);
		return;
	}
	c->text = text;
	c->item = item;
	c->agency = agency_line(text);
}

static const char *cell_text(struct render *r, const struct dcell *cell, int depth);

/* Every cell of a table nested in a cell, as lines of that cell. */
static void nested_lines(struct render *r, struct clines *cl, const struct dtable *t, int depth)
{
	for (const struct drow *row = t->first; row && !r->err; row = row->next) {
		if (row->deleted)
			continue;
		for (const struct dcell *c = row->first; c && !r->err; c = c->next) {
			if (c->vmerge == 2 || c->hcont)
				continue;
			const char *s = cell_text(r, c, depth + 1);
			if (s && s[0])
				cl_add(r, cl, s, 1);
		}
	}
}

static void para_lines(struct render *r, struct clines *cl, const struct dpara *p)
{
	if (!p->lines_len) {
		if (p->label[0] && !p->bullet)
			cl_add(r, cl, p->label, 0); /* an automatic "1." in an STT cell */
		return;
	}
	for (size_t i = 0; i < p->lines_len && !r->err; i++) {
		const char *s = p->lines[i];
		if (i == 0 && p->label[0] && !p->bullet) {
			s = arena_printf(r->a, "%s %s", p->label, s);
			if (!s) {
				r_fail(r, PH_ENOMEM);
				return;
			}
		}
		cl_add(r, cl, s, i == 0 && p->bullet);
	}
}

/* The text of a cell: its paragraphs' lines (and a nested table's cells)
 * joined by "; " where they are list items or a list of agencies, by " "
 * otherwise; "" when empty, NULL on an error. */
static const char *cell_text(struct render *r, const struct dcell *cell, int depth)
{
	if (depth > 64)
		return "";
	struct clines cl = {0};
	for (const struct item *it = cell->first; it && !r->err; it = it->next) {
		if (it->para)
			para_lines(r, &cl, it->para);
		else if (it->table)
			nested_lines(r, &cl, it->table, depth);
	}
	if (r->err)
		return NULL;
	if (!cl.len)
		return "";
	size_t total = 0;
	for (size_t i = 0; i < cl.len; i++)
		total += strlen(cl.v[i].text) + 2;
	char *s = arena_alloc(r->a, total + 1);
	if (!s) {
		r_fail(r, PH_ENOMEM);
		return NULL;
	}
	size_t o = 0;
	for (size_t i = 0; i < cl.len; i++) {
		const struct cline *c = &cl.v[i];
		if (o) {
			const struct cline *p = &cl.v[i - 1];
			int list = (c->item || (c->agency && (p->item || p->agency))) &&
			           s[o - 1] != ':' && s[o - 1] != ';';
			if (list && (s[o - 1] == '.' || s[o - 1] == ',') && !(o >= 2 && s[o - 2] == '.'))
				o--; /* "Sở A." "Sở B" is "Sở A; Sở B" */
			if (list)
				s[o++] = ';';
			s[o++] = ' ';
		}
		size_t k = strlen(c->text);
		memcpy(s + o, c->text, k);
		o += k;
	}
	s[o] = 0;
	return s;
}

/* One grid position of a table being rendered. */
enum { G_EMPTY, G_CELL, G_SPAN, G_VCONT };
struct gpos {
	const struct dcell *cell; /* G_CELL, G_VCONT: the cell there */
	int kind;
	int owner;                /* G_SPAN: the column of its cell */
	const char *text;         /* G_CELL, G_VCONT: the text shown */
};

struct grid {
	const struct drow **rows;
	size_t nrows;
	int ncols;
	struct gpos *g;           /* nrows * ncols */
};

#define GP(gr, r, c) ((gr)->g[(size_t)(r) * (size_t)(gr)->ncols + (size_t)(c)])

static int build_grid(struct render *r, const struct dtable *t, struct grid *gr)
{
	memset(gr, 0, sizeof *gr);
	size_t n = 0;
	int ncols = t->grid > 0 ? t->grid : 0;
	for (const struct drow *row = t->first; row; row = row->next) {
		if (row->deleted)
			continue;
		n++;
		long w = row->before + row->after;
		for (const struct dcell *c = row->first; c; c = c->next)
			w += c->span;
		if (w > ncols)
			ncols = w > MAX_COLUMNS + 1 ? MAX_COLUMNS + 1 : (int)w;
	}
	if (ncols > MAX_COLUMNS) {
		r_fail(r, PH_ETOOBIG);
		return -1;
	}
	if (!n || !ncols)
		return 0;
	gr->rows = arena_alloc(r->a, n * sizeof *gr->rows);
	gr->g = arena_alloc(r->a, n * (size_t)ncols * sizeof *gr->g);
	const char **vtext = arena_alloc(r->a, (size_t)ncols * sizeof *vtext);
	if (!gr->rows || !gr->g || !vtext) {
		r_fail(r, PH_ENOMEM);
		return -1;
	}
	gr->ncols = ncols;
	for (const struct drow *row = t->first; row; row = row->next)
		if (!row->deleted)
			gr->rows[gr->nrows++] = row;
	for (size_t i = 0; i < gr->nrows && !r->err; i++) {
		const struct drow *row = gr->rows[i];
		int col = row->before;
		unsigned char seen[MAX_COLUMNS] = {0};
		for (const struct dcell *c = row->first; c && col < ncols; c = c->next) {
			struct gpos *p = &GP(gr, i, col);
			seen[col] = 1;
			p->cell = c;
			if (c->vmerge == 2) {
				p->kind = G_VCONT;
				p->text = vtext[col] ? vtext[col] : "";
			} else {
				p->kind = G_CELL;
				p->text = !c->hcont ? cell_text(r, c, 0) : "";
				if (!p->text)
					return -1;
				vtext[col] = p->text;
			}
			for (int k = 1; k < c->span && col + k < ncols; k++) {
				GP(gr, i, col + k).kind = G_SPAN;
				GP(gr, i, col + k).owner = col;
				seen[col + k] = 1;
				vtext[col + k] = NULL;
			}
			col += c->span;
		}
		for (int c = 0; c < ncols; c++)
			if (!seen[c])
				vtext[c] = NULL; /* no cell here: nothing to merge down into */
	}
	return r->err ? -1 : 0;
}

/* What the folded text of a header cell names, for telling a task table
 * from a layout one. */
static int header_word(const char *s)
{
	static const char *const words[] = {"stt", "tt", "so tt", "noi dung", "nhiem vu",
		"ten nhiem vu", "cong viec", "hoat dong", "co quan chu tri", "don vi chu tri",
		"chu tri", "co quan phoi hop", "don vi phoi hop", "phoi hop", "thoi gian", "thoi han",
		"tien do", "ghi chu", "san pham", "ket qua", "kinh phi", "chi tieu",
		"don vi thuc hien", "co quan thuc hien", "danh muc", "du kien", NULL};
	char *f = fold(s);
	if (!f)
		return 0;
	int yes = 0;
	for (size_t i = 0; words[i] && !yes; i++) {
		size_t k = strlen(words[i]);
		yes = strncmp(f, words[i], k) == 0 && (!f[k] || !isalnum((unsigned char)f[k]));
	}
	free(f);
	return yes;
}

/* A line of the Decree 30 header or closing blocks. */
static int layout_marker(const char *s)
{
	char *f = fold(s);
	if (!f)
		return 0;
	static const char *const anywhere[] = {"cong hoa xa hoi chu nghia viet nam",
		"doc lap - tu do - hanh phuc", "doc lap-tu do-hanh phuc", "(da ky)", NULL};
	static const char *const lead[] = {"so:", "so :", "noi nhan", "tm.", "tm ", "kt.",
		"kt ", "tl.", "tuq.", "q.", "chu tich", "pho chu tich", "giam doc", "pho giam doc",
		"truong ban", "pho truong ban", "bi thu", "pho bi thu", "bo truong", "thu truong",
		"chanh van phong", "tong giam doc", "vien truong", "cuc truong", "hieu truong",
		"(ky ", "- luu", "luu:", "luu vt", NULL};
	int yes = 0;
	for (size_t i = 0; anywhere[i] && !yes; i++)
		yes = strstr(f, anywhere[i]) != NULL;
	for (size_t i = 0; lead[i] && !yes; i++)
		yes = starts(f, lead[i]);
	if (!yes) {
		/* "Lào Cai, ngày 10 tháng 3 năm 2025" */
		const char *d = strstr(f, "ngay ");
		const char *m = d ? strstr(d, " thang ") : NULL;
		yes = m && strstr(m, " nam ") && strlen(f) < 80;
	}
	free(f);
	return yes;
}

/* 1 when table t lays out the page rather than holding data: a box of one
 * column; a small table (at most 3 cells a row, 6 rows) with the header's
 * or the closing's lines; a table without borders whose first row does
 * not name task-table columns. */
static int is_layout(const struct dtable *t, const struct grid *gr, const struct styles *st)
{
	size_t maxcells = 0;
	for (size_t i = 0; i < gr->nrows; i++) {
		size_t k = 0;
		for (const struct dcell *c = gr->rows[i]->first; c; c = c->next)
			k += !c->hcont;
		if (k > maxcells)
			maxcells = k;
	}
	if (maxcells <= 1)
		return 1;
	/* task-table words in the first row (or the first two) */
	int words = 0;
	for (size_t i = 0; i < gr->nrows && i < 2; i++)
		for (int c = 0; c < gr->ncols; c++) {
			const struct gpos *p = &GP(gr, i, c);
			words += p->kind == G_CELL && p->text && p->text[0] && header_word(p->text);
		}
	int task_header = words >= 2;
	if (!task_header && maxcells <= 3 && gr->nrows <= 6) {
		for (size_t i = 0; i < gr->nrows; i++)
			for (const struct dcell *c = gr->rows[i]->first; c; c = c->next)
				for (const struct item *it = c->first; it; it = it->next)
					for (size_t l = 0; it->para && l < it->para->lines_len; l++)
						if (layout_marker(it->para->lines[l]))
							return 1;
	}
	if (task_header)
		return 0;
	int borders = t->borders;
	if (borders < 0) {
		const struct style *chain[32];
		size_t n = style_chain(st, t->style[0] ? t->style
		                           : st->default_table ? st->default_table->id : "", chain);
		for (size_t i = 0; i < n && borders < 0; i++)
			borders = chain[i]->borders;
	}
	if (borders <= 0) {
		size_t cells = 0, bordered = 0;
		for (size_t i = 0; i < gr->nrows; i++)
			for (const struct dcell *c = gr->rows[i]->first; c; c = c->next) {
				cells++;
				bordered += c->border_sides >= 2;
			}
		borders = cells && bordered * 2 >= cells;
	}
	return !borders;
}

static void render_table(struct render *r, const struct dtable *t, int depth);

/* A paragraph of the body (or of a layout table's cell): its label, one
 * space, its first line; each other line a paragraph of its own. */
static void render_para(struct render *r, const struct dpara *p, struct doc_place base)
{
	base.paragraph = p->number;
	for (size_t i = 0; i < p->lines_len && !r->err; i++) {
		/* glue 0: the body, a blank line before every line; -1: a layout
		 * cell's first line, a blank line before it; 1: the cell's next
		 * lines, none */
		if (r->glue <= 0)
			out_block(r->o);
		if (r->glue)
			r->glue = 1;
		if (i == 0 && p->label[0]) {
			char *s = arena_printf(r->a, "%s %s", p->label, p->lines[0]);
			if (!s) {
				r_fail(r, PH_ENOMEM);
				return;
			}
			out_line(r->o, s, strlen(s), base);
		} else {
			out_line(r->o, p->lines[i], strlen(p->lines[i]), base);
		}
	}
	if (r->o->err)
		r_fail(r, r->o->err);
}

static void render_items(struct render *r, const struct item *it, struct doc_place base,
                         int depth)
{
	for (; it && !r->err; it = it->next) {
		if (it->para) {
			render_para(r, it->para, base);
		} else if (it->table) {
			int glue = r->glue;
			r->glue = 0;
			render_table(r, it->table, depth + 1);
			r->glue = glue ? -1 : 0; /* a blank line after the table */
		}
	}
}

/* A layout table: its cells' paragraphs, column by column, left first. */
static void render_layout(struct render *r, const struct dtable *t, const struct grid *gr,
                          int depth)
{
	for (int c = 0; c < gr->ncols && !r->err; c++)
		for (size_t i = 0; i < gr->nrows && !r->err; i++) {
			const struct gpos *p = &GP(gr, i, c);
			if (p->kind != G_CELL || p->cell->hcont)
				continue;
			struct doc_place base = {0};
			base.table = t->number;
			base.row = (int)i + 1;
			base.column = c + 1;
			r->glue = -1; /* a blank line before the cell, none inside it */
			render_items(r, p->cell->first, base, depth);
			r->glue = 0;
		}
}

/* The text of grid position (i, c) as a data cell. */
static const char *gtext(const struct grid *gr, size_t i, int c)
{
	const struct gpos *p = &GP(gr, i, c);
	return (p->kind == G_CELL || p->kind == G_VCONT) && p->text ? p->text : "";
}

static int rows_equal(const struct grid *gr, size_t a, size_t b)
{
	for (int c = 0; c < gr->ncols; c++)
		if (strcmp(gtext(gr, a, c), gtext(gr, b, c)) != 0)
			return 0;
	return 1;
}

static int row_blank(const struct grid *gr, size_t i)
{
	for (int c = 0; c < gr->ncols; c++)
		if (gtext(gr, i, c)[0])
			return 0;
	return 1;
}

/* "(1)" "(2)" ... or "1" "2" ...: a row numbering the columns. Formulas
 * such as "(5)=(3)+(4)" count as their first number. */
static int numbers_row(const struct grid *gr, size_t i)
{
	int want = 1, filled = 0;
	for (int c = 0; c < gr->ncols; c++) {
		const char *s = gtext(gr, i, c);
		if (!s[0])
			continue;
		const char *p = s;
		int paren = *p == '(';
		p += paren;
		if (!isdigit((unsigned char)*p))
			return 0;
		char *end;
		long v = strtol(p, &end, 10);
		p = end;
		if (paren && *p++ != ')')
			return 0;
		if (*p && *p != '=' && *p != ' ')
			return 0;
		if (v != want)
			return 0;
		want++;
		filled++;
	}
	return filled >= 2 && filled * 2 >= gr->ncols;
}

/* A header of two rows: row 0 has a cell over several (not all) columns,
 * and row 1 holds text only under such cells (elsewhere it continues row
 * 0's cells down, or is empty). */
static int two_row_header(const struct grid *gr)
{
	if (gr->nrows < 3)
		return 0;
	int under_text = 0, spans = 0;
	for (int c = 0; c < gr->ncols; c++) {
		const struct gpos *top = &GP(gr, 0, c);
		int under = top->kind == G_SPAN || (top->kind == G_CELL && top->cell->span > 1);
		if (top->kind == G_CELL && top->cell->span > 1) {
			if (top->cell->span >= gr->ncols)
				return 0; /* a title row over the whole table */
			spans++;
		}
		const struct gpos *b = &GP(gr, 1, c);
		if (under)
			under_text |= b->kind == G_CELL && b->text && b->text[0];
		else if (b->kind == G_CELL && b->text && b->text[0])
			return 0;
	}
	return spans && under_text;
}

static void emit_row(struct render *r, const struct dtable *t, const struct grid *gr,
                     const char **cells, size_t i)
{
	size_t total = 0;
	for (int c = 0; c < gr->ncols; c++)
		total += strlen(cells[c]) + 1;
	char *s = arena_alloc(r->a, total + 1);
	if (!s) {
		r_fail(r, PH_ENOMEM);
		return;
	}
	size_t o = 0;
	for (int c = 0; c < gr->ncols; c++) {
		if (c)
			s[o++] = '\t';
		size_t k = strlen(cells[c]);
		memcpy(s + o, cells[c], k);
		o += k;
	}
	s[o] = 0;
	struct doc_place pl = {0};
	pl.paragraph = gr->rows[i]->para;
	pl.table = t->number;
	pl.row = (int)i + 1;
	out_line(r->o, s, o, pl);
	if (r->o->err)
		r_fail(r, r->o->err);
}

/* A data table: one line per row, cells by '\t'. */
static void render_data(struct render *r, const struct dtable *t, const struct grid *gr)
{
	const char **cells = arena_alloc(r->a, (size_t)gr->ncols * sizeof *cells);
	if (!cells) {
		r_fail(r, PH_ENOMEM);
		return;
	}
	out_block(r->o);
	size_t hdr = 0, i = 0;
	if (two_row_header(gr)) {
		for (int c = 0; c < gr->ncols; c++) {
			const struct gpos *top = &GP(gr, 0, c);
			const char *a = top->kind == G_SPAN ? gtext(gr, 0, top->owner) : gtext(gr, 0, c);
			const char *b = GP(gr, 1, c).kind == G_CELL ? gtext(gr, 1, c) : "";
			if (a[0] && b[0]) {
				cells[c] = arena_printf(r->a, "%s %s", a, b);
				if (!cells[c]) {
					r_fail(r, PH_ENOMEM);
					return;
				}
			} else {
				cells[c] = a[0] ? a : b;
			}
		}
		emit_row(r, t, gr, cells, 0);
		hdr = 2;
	} else if (gr->nrows > 1) {
		/* a first row without a digit in its first cell heads the table
		 * (it is the one a page break repeats) */
		const char *first = gtext(gr, 0, 0);
		hdr = gr->rows[0]->header || !strpbrk(first, "0123456789");
	}
	i = hdr == 2 ? 2 : 0;
	int numbers_seen = 0;
	for (; i < gr->nrows && !r->err; i++) {
		if (row_blank(gr, i))
			continue;
		if (hdr && i >= hdr && rows_equal(gr, i, 0) &&
		    (hdr == 1 || (i + 1 < gr->nrows && rows_equal(gr, i + 1, 1)))) {
			i += hdr - 1; /* the header again, after a page break */
			continue;
		}
		if (hdr && numbers_row(gr, i) && (i == hdr || numbers_seen)) {
			numbers_seen = 1;
			continue;
		}
		for (int c = 0; c < gr->ncols; c++)
			cells[c] = gtext(gr, i, c);
		emit_row(r, t, gr, cells, i);
	}
}

static void render_table(struct render *r, const struct dtable *t, int depth)
{
	if (r->err || depth > 64)
		return;
	struct grid gr;
	if (build_grid(r, t, &gr) || !gr.nrows)
		return;
	if (is_layout(t, &gr, r->st))
		render_layout(r, t, &gr, depth);
	else
		render_data(r, t, &gr);
}

/* ---- the document ---------------------------------------------------------------- */

struct doc {
	struct walk k;
	struct styles *st;
	struct numctx nc;
	struct out *o;
	struct render r;           /* r.a is ta */
	struct arena ta;           /* the top-level table being read */
	struct arena pa;           /* one body paragraph */
	int err;
	char why[200];
	int paras, tables;
	size_t cells, held;        /* cells and text bytes in the open tables */
	/* the paragraph */
	int in_p, p_number, p_num_id, p_ilvl;
	char pstyle[NAME_MAX_LEN];
	struct buf pbuf;
	/* the run */
	int in_r, r_vanish, r_drop_t, t_drop;
	char r_font[NAME_MAX_LEN], r_style[NAME_MAX_LEN];
	struct buf rbuf;
	/* fields: 1 while in a field's instructions, 0 in its result */
	unsigned char fld[MAX_FIELDS];
	int fld_n, fld_over, fld_hidden;
	int placeholder;           /* the w:sdt being read shows its placeholder */
	/* tables */
	struct dtable *ts[64];
	int ts_n;
	/* legacy encodings met */
	int legacy_enc;
	char legacy_font[NAME_MAX_LEN];
};

static void d_fail(struct doc *d, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void d_fail(struct doc *d, int code, const char *fmt, ...)
{
	if (d->err)
		return;
	d->err = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(d->why, sizeof d->why, fmt, ap);
	va_end(ap);
}

static void d_code(struct doc *d, int code)
{
	if (code == PH_ETOOBIG)
		d_fail(d, code, "the document's text is larger than %u MiB",
		       RENDER_MAX_TEXT >> 20);
	else if (code)
		d_fail(d, code, "out of memory rendering the document");
}

static int visible(const struct doc *d)
{
	return d->in_r && !d->r_vanish && !d->fld_hidden;
}

/* The font of the run being read: its own, its character style's, its
 * paragraph style's, the document's default. */
static const char *run_font(struct doc *d)
{
	if (d->r_font[0])
		return d->r_font;
	const struct style *chain[32];
	size_t n = style_chain(d->st, d->r_style, chain);
	for (size_t i = 0; i < n; i++)
		if (chain[i]->font[0])
			return chain[i]->font;
	const char *ps = d->pstyle[0] ? d->pstyle : d->st->default_para ? d->st->default_para->id : "";
	n = style_chain(d->st, ps, chain);
	for (size_t i = 0; i < n; i++)
		if (chain[i]->font[0])
			return chain[i]->font;
	return d->st->default_font;
}

/* The run's text so far into the paragraph (converted from a legacy
 * encoding when its font says so). */
static void run_flush(struct doc *d)
{
	if (!d->rbuf.len || d->err)
		return;
	int rc = 0;
	const char *font = run_font(d);
	enum legacy_enc enc = legacy_font_encoding(font);
	char *u = NULL;
	size_t ul = 0;
	if (enc != LEGACY_NONE) {
		/* before any cleanup: TCVN3's "ư" is U+00AD, a soft hyphen */
		rc = legacy_to_unicode(enc, d->rbuf.data, d->rbuf.len, &u, &ul);
		if (rc == 0 && !d->legacy_enc) {
			d->legacy_enc = enc;
			snprintf(d->legacy_font, sizeof d->legacy_font, "%s", font);
		}
		if (rc == PH_EINVAL || rc == PH_EINTERNAL)
			rc = 0; /* no converter here: the text as it is */
	}
	if (!rc)
		rc = u ? buf_append(&d->pbuf, u, ul) : buf_append(&d->pbuf, d->rbuf.data, d->rbuf.len);
	free(u);
	buf_reset(&d->rbuf);
	if (rc)
		d_code(d, rc);
}

static void run_add(struct doc *d, const char *s, size_t n)
{
	int rc = buf_append(&d->rbuf, s, n);
	if (rc)
		d_code(d, rc);
}

static void para_begin(struct doc *d)
{
	d->in_p = 1;
	d->p_number = ++d->paras;
	d->p_num_id = d->p_ilvl = -1;
	d->pstyle[0] = 0;
	buf_reset(&d->pbuf);
	buf_reset(&d->rbuf);
}

/* The numbering of the paragraph that ends: its own w:numPr, else its
 * style's; the label into out. */
static void para_number(struct doc *d, char *out, size_t outsz, int *bullet)
{
	out[0] = 0;
	*bullet = 0;
	int num_id = d->p_num_id, ilvl = d->p_ilvl;
	const char *from = NULL;
	if (num_id < 0 || ilvl < 0) {
		const struct style *chain[32];
		const char *ps = d->pstyle[0] ? d->pstyle
		               : d->st->default_para ? d->st->default_para->id : "";
		size_t n = style_chain(d->st, ps, chain);
		for (size_t i = 0; i < n; i++) {
			if (num_id < 0 && chain[i]->num_id >= 0) {
				num_id = chain[i]->num_id;
				from = chain[i]->id;
			}
			if (ilvl < 0 && chain[i]->ilvl >= 0)
				ilvl = chain[i]->ilvl;
		}
	}
	if (num_id <= 0)
		return;
	if (ilvl < 0 && from) {
		/* the level whose w:pStyle is the style that numbers */
		struct num *nm = num_find(d->nc.nb, num_id);
		struct abstract *ab = nm ? num_abstract(&d->nc, nm) : NULL;
		for (int l = 0; ab && l < 9 && ilvl < 0; l++)
			if (strcmp(level_def(nm, ab, l)->pstyle, from) == 0)
				ilvl = l;
	}
	number_para(&d->nc, num_id, ilvl < 0 ? 0 : ilvl, out, outsz, bullet);
}

static void para_end(struct doc *d)
{
	run_flush(d);
	d->in_p = 0;
	if (d->err)
		return;
	char label[NAME_MAX_LEN * 4];
	int bullet;
	para_number(d, label, sizeof label, &bullet);
	int in_table = d->ts_n > 0;
	struct arena *a = in_table ? &d->ta : &d->pa;
	struct dpara *p = arena_alloc(a, sizeof *p);
	size_t nlines = 1;
	for (size_t i = 0; i < d->pbuf.len; i++)
		nlines += d->pbuf.data[i] == BREAK_MARK;
	if (p)
		p->lines = arena_alloc(a, nlines * sizeof *p->lines);
	if (p)
		p->label = arena_strdup(a, label);
	if (!p || !p->lines || !p->label) {
		d_code(d, PH_ENOMEM);
		return;
	}
	p->number = d->p_number;
	p->bullet = bullet;
	const char *s = buf_str(&d->pbuf);
	size_t start = 0, n = d->pbuf.len;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != BREAK_MARK)
			continue;
		char *line = norm_line(s + start, i - start);
		if (!line) {
			d_code(d, PH_ENOMEM);
			return;
		}
		if (line[0]) {
			p->lines[p->lines_len] = arena_strdup(a, line);
			if (!p->lines[p->lines_len]) {
				free(line);
				d_code(d, PH_ENOMEM);
				return;
			}
			p->lines_len++;
			if (in_table)
				d->held += strlen(line);
		}
		free(line);
		start = i + 1;
	}
	buf_reset(&d->pbuf);
	if (!in_table) {
		struct doc_place base = {0};
		d->r.a = &d->pa;
		render_para(&d->r, p, base);
		d->r.a = &d->ta;
		arena_cleanup(&d->pa);
		arena_init(&d->pa);
		if (d->r.err)
			d_code(d, d->r.err);
		return;
	}
	if (d->held > RENDER_MAX_TEXT) {
		d_code(d, PH_ETOOBIG);
		return;
	}
	struct dtable *t = d->ts[d->ts_n - 1];
	struct drow *row = t->last;
	struct dcell *cell = row ? row->last : NULL;
	if (!cell)
		return; /* a paragraph outside any cell: not in a table Word shows */
	struct item *it = arena_alloc(&d->ta, sizeof *it);
	if (!it) {
		d_code(d, PH_ENOMEM);
		return;
	}
	it->para = p;
	if (cell->last)
		cell->last->next = it;
	else
		cell->first = it;
	cell->last = it;
	if (!row->para)
		row->para = p->number;
}

static void table_begin(struct doc *d)
{
	if (++d->tables > RENDER_MAX_TABLES) {
		d_fail(d, PH_ETOOBIG, "the document has more than %d tables", RENDER_MAX_TABLES);
		return;
	}
	if (d->ts_n >= (int)(sizeof d->ts / sizeof *d->ts)) {
		d_fail(d, PH_ETOOBIG, "tables nested more than %d deep",
		       (int)(sizeof d->ts / sizeof *d->ts));
		return;
	}
	struct dtable *t = arena_alloc(&d->ta, sizeof *t);
	if (!t) {
		d_code(d, PH_ENOMEM);
		return;
	}
	t->number = d->tables;
	t->borders = -1;
	if (d->ts_n > 0) {
		struct dtable *up = d->ts[d->ts_n - 1];
		struct dcell *cell = up->last ? up->last->last : NULL;
		if (cell) {
			struct item *it = arena_alloc(&d->ta, sizeof *it);
			if (!it) {
				d_code(d, PH_ENOMEM);
				return;
			}
			it->table = t;
			if (cell->last)
				cell->last->next = it;
			else
				cell->first = it;
			cell->last = it;
		}
	}
	d->ts[d->ts_n++] = t;
}

static void table_end(struct doc *d)
{
	if (d->ts_n <= 0)
		return;
	d->ts_n--;
	if (d->ts_n > 0 || d->err)
		return;
	d->r.a = &d->ta;
	render_table(&d->r, d->ts[0], 0);
	if (d->r.err) {
		if (d->r.err == PH_ETOOBIG && !d->o->err)
			d_fail(d, PH_ETOOBIG, "a table has more than %d columns", MAX_COLUMNS);
		else
			d_code(d, d->r.err);
	}
	arena_cleanup(&d->ta);
	arena_init_capped(&d->ta, MAX_TABLE_MEMORY);
	d->cells = d->held = 0;
}

static struct dtable *cur_table(struct doc *d)
{
	return d->ts_n > 0 ? d->ts[d->ts_n - 1] : NULL;
}

static void row_begin(struct doc *d)
{
	struct dtable *t = cur_table(d);
	if (!t)
		return;
	struct drow *row = arena_alloc(&d->ta, sizeof *row);
	if (!row) {
		d_code(d, PH_ENOMEM);
		return;
	}
	if (t->last)
		t->last->next = row;
	else
		t->first = row;
	t->last = row;
	t->nrows++;
}

static void cell_begin(struct doc *d)
{
	struct dtable *t = cur_table(d);
	if (!t)
		return;
	if (!t->last)
		row_begin(d);
	if (d->err)
		return;
	if (++d->cells > MAX_CELLS) {
		d_fail(d, PH_ETOOBIG, "a table has more than %d cells", MAX_CELLS);
		return;
	}
	struct dcell *c = arena_alloc(&d->ta, sizeof *c);
	if (!c) {
		d_code(d, PH_ENOMEM);
		return;
	}
	c->span = 1;
	struct drow *row = t->last;
	if (row->last)
		row->last->next = c;
	else
		row->first = c;
	row->last = c;
	row->ncells++;
}

static struct dcell *cur_cell(struct doc *d)
{
	struct dtable *t = cur_table(d);
	return t && t->last ? t->last->last : NULL;
}

static void sym(struct doc *d)
{
	char v[16];
	if (!docx_xml_attr(d->k.x, DOCX_NS_W, "char", v, sizeof v))
		return;
	char *end;
	long c = strtol(v, &end, 16);
	if (*end || c < 0x20 || (c >= 0x7F && c < 0xA0) || (c >= 0xD800 && c <= 0xDFFF) ||
	    (c >= 0xE000 && c <= 0xF8FF) || c > 0x10FFFF || c == 0xFFFE || c == 0xFFFF)
		return; /* a symbol font's private code: no character */
	char u[4];
	size_t n = text_utf8_encode((uint32_t)c, u);
	run_add(d, u, n);
}

static void fld_char(struct doc *d)
{
	char v[16];
	docx_xml_attr(d->k.x, DOCX_NS_W, "fldCharType", v, sizeof v);
	if (strcmp(v, "begin") == 0) {
		if (d->fld_n < MAX_FIELDS)
			d->fld[d->fld_n++] = 1;
		else
			d->fld_over++;
		d->fld_hidden++;
	} else if (strcmp(v, "separate") == 0) {
		if (!d->fld_over && d->fld_n > 0 && d->fld[d->fld_n - 1]) {
			d->fld[d->fld_n - 1] = 0;
			d->fld_hidden--;
		}
	} else if (strcmp(v, "end") == 0) {
		if (d->fld_over) {
			d->fld_over--;
			d->fld_hidden--;
		} else if (d->fld_n > 0) {
			if (d->fld[--d->fld_n])
				d->fld_hidden--;
		}
	}
}

/* An element starts (its parent on top of the walk's stack). Returns 1
 * to pass over its subtree. */
static int on_start(struct doc *d, enum tag t, int empty)
{
	struct walk *k = &d->k;
	struct docx_xml *x = k->x;
	enum tag up = parent(k, 0), up2 = parent(k, 1);
	char v[NAME_MAX_LEN];
	if (k->depth == 0) {
		if (t != T_DOCUMENT)
			d_fail(d, PH_EFORMAT, "the main part is not a WordprocessingML document");
		return 0;
	}
	if (k->depth == 1 && t != T_BODY)
		return 1; /* the background, ...: not the body */
	if (t == T_DEL && up == T_TRPR) {
		struct dtable *tb = cur_table(d);
		if (tb && tb->last)
			tb->last->deleted = 1;
	}
	if (skipped(t))
		return 1;
	switch (t) {
	case T_P:
		para_begin(d);
		if (empty)
			para_end(d);
		break;
	case T_PSTYLE:
		if (up == T_PPR && d->in_p)
			docx_xml_attr(x, DOCX_NS_W, "val", d->pstyle, sizeof d->pstyle);
		break;
	case T_NUMID:
		if (up == T_NUMPR && up2 == T_PPR && d->in_p)
			d->p_num_id = int_attr(x, "val", -1);
		break;
	case T_ILVL:
		if (up == T_NUMPR && up2 == T_PPR && d->in_p)
			d->p_ilvl = int_attr(x, "val", -1);
		break;
	case T_R:
		run_flush(d);
		d->in_r = !empty;
		d->r_vanish = d->r_drop_t = 0;
		d->r_font[0] = d->r_style[0] = 0;
		break;
	case T_RFONTS:
		if (up == T_RPR && up2 == T_R &&
		    (!docx_xml_attr(x, DOCX_NS_W, "hAnsi", d->r_font, sizeof d->r_font) ||
		     !d->r_font[0]))
			docx_xml_attr(x, DOCX_NS_W, "ascii", d->r_font, sizeof d->r_font);
		break;
	case T_RSTYLE:
		if (up == T_RPR && up2 == T_R)
			docx_xml_attr(x, DOCX_NS_W, "val", d->r_style, sizeof d->r_style);
		break;
	case T_VANISH:
	case T_SPECVANISH:
		if (up == T_RPR && up2 == T_R && on_off(x))
			d->r_vanish = 1;
		break;
	case T_T:
		d->t_drop = d->r_drop_t;
		d->r_drop_t = 0;
		break;
	case T_TAB:
	case T_PTAB:
		if (up == T_R && visible(d))
			run_add(d, " ", 1);
		break;
	case T_BR:
	case T_CR:
		if (up == T_R && visible(d)) {
			char mark = BREAK_MARK;
			run_add(d, &mark, 1);
		}
		break;
	case T_NOBREAKHYPHEN:
		if (up == T_R && visible(d))
			run_add(d, "-", 1);
		break;
	case T_SYM:
		if (up == T_R && visible(d))
			sym(d);
		break;
	case T_FLDCHAR:
		fld_char(d);
		break;
	case T_FOOTNOTEREF:
	case T_ENDNOTEREF:
		v[0] = 0;
		if (docx_xml_attr(x, DOCX_NS_W, "customMarkFollows", v, sizeof v) &&
		    (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "on") == 0))
			d->r_drop_t = 1; /* the mark is the next w:t */
		break;
	case T_SDT:
		d->placeholder = 0;
		break;
	case T_SHOWINGPLCHDR:
		d->placeholder = on_off(x);
		break;
	case T_SDTCONTENT:
		if (d->placeholder) {
			d->placeholder = 0;
			return 1;
		}
		break;
	case T_TBL:
		table_begin(d);
		if (empty)
			table_end(d);
		break;
	case T_TBLSTYLE:
		if (up == T_TBLPR && cur_table(d))
			docx_xml_attr(x, DOCX_NS_W, "val", cur_table(d)->style,
			              sizeof cur_table(d)->style);
		break;
	case T_TBLBORDERS:
		if (up == T_TBLPR && cur_table(d) && cur_table(d)->borders < 0)
			cur_table(d)->borders = 0;
		break;
	case T_GRIDCOL:
		if (up == T_TBLGRID && cur_table(d) && cur_table(d)->grid <= MAX_COLUMNS)
			cur_table(d)->grid++;
		break;
	case T_TR:
		row_begin(d);
		break;
	case T_GRIDBEFORE:
	case T_GRIDAFTER:
		if (up == T_TRPR && cur_table(d) && cur_table(d)->last) {
			int n = int_attr(x, "val", 0);
			n = n < 0 ? 0 : n > MAX_COLUMNS + 1 ? MAX_COLUMNS + 1 : n;
			if (t == T_GRIDBEFORE)
				cur_table(d)->last->before = n;
			else
				cur_table(d)->last->after = n;
		}
		break;
	case T_TBLHEADER:
		if (up == T_TRPR && cur_table(d) && cur_table(d)->last)
			cur_table(d)->last->header = on_off(x);
		break;
	case T_TC:
		cell_begin(d);
		break;
	case T_GRIDSPAN:
		if (up == T_TCPR && cur_cell(d)) {
			int n = int_attr(x, "val", 1);
			cur_cell(d)->span = n < 1 ? 1 : n > MAX_COLUMNS + 1 ? MAX_COLUMNS + 1 : n;
		}
		break;
	case T_VMERGE:
		if (up == T_TCPR && cur_cell(d)) {
			docx_xml_attr(x, DOCX_NS_W, "val", v, sizeof v);
			cur_cell(d)->vmerge = strcmp(v, "restart") == 0 ? 1 : 2;
		}
		break;
	case T_HMERGE:
		if (up == T_TCPR && cur_cell(d)) {
			docx_xml_attr(x, DOCX_NS_W, "val", v, sizeof v);
			cur_cell(d)->hcont = strcmp(v, "restart") != 0;
		}
		break;
	default:
		if (up == T_TBLBORDERS && up2 == T_TBLPR && cur_table(d) && border_visible(x))
			cur_table(d)->borders = 1;
		else if (up == T_TCBORDERS && cur_cell(d) && border_visible(x))
			cur_cell(d)->border_sides++;
		break;
	}
	return 0;
}

static void on_end(struct doc *d, enum tag t)
{
	switch (t) {
	case T_P:
		if (d->in_p)
			para_end(d);
		break;
	case T_R:
		run_flush(d);
		d->in_r = 0;
		break;
	case T_T:
		d->t_drop = 0;
		break;
	case T_TBL:
		table_end(d);
		break;
	default:
		break;
	}
}

static int read_document(struct doc *d, struct docx_pkg *pkg, const char *name)
{
	int rc = docx_xml_open(pkg, name, &d->k.x, d->why, sizeof d->why);
	if (rc) {
		d->err = rc == PH_ENOTFOUND ? PH_EFORMAT : rc;
		return d->err;
	}
	int skip = 0, empty;
	enum docx_node type;
	enum tag t;
	int roots = 0;
	while (!d->err && (rc = walk_next(&d->k, skip, &type, &t, &empty)) == 1) {
		skip = 0;
		if (type == DOCX_START) {
			roots += d->k.depth == 0;
			skip = on_start(d, t, empty);
		} else if (type == DOCX_END) {
			on_end(d, t);
		} else if (type == DOCX_TEXT && t == T_T && visible(d) && !d->t_drop) {
			const char *s = docx_xml_text(d->k.x);
			run_add(d, s, strlen(s));
		}
	}
	if (rc < 0)
		d_fail(d, -rc, "%s", docx_xml_why(d->k.x));
	else if (!d->err && !roots)
		d_fail(d, PH_EFORMAT, "the main part holds no XML element");
	docx_xml_close(d->k.x);
	d->k.x = NULL;
	return d->err;
}

/* dirname and basename of a part name. */
static void split_name(const char *name, char *dir, size_t dn, char *base, size_t bn)
{
	const char *slash = strrchr(name, '/');
	if (slash) {
		snprintf(dir, dn, "%.*s", (int)(slash - name), name);
		snprintf(base, bn, "%s", slash + 1);
	} else {
		dir[0] = 0;
		snprintf(base, bn, "%s", name);
	}
}

int render_docx(const void *data, size_t n, struct rendering *out, char *why, size_t whylen)
{
	memset(out, 0, sizeof *out);
	if (why && whylen)
		why[0] = 0;
	if (!data && n)
		return PH_EINVAL;
	struct docx_pkg *pkg = NULL;
	int rc = docx_pkg_open(data, n, &pkg, why, whylen);
	if (rc)
		return rc;
	char main[300] = "", dir[300], base[300], rels[700], part[300];
	struct styles st = {0};
	struct numbering nb = {0};
	struct out o = {0};
	struct doc *d = NULL;
	buf_init(&o.text, RENDER_MAX_TEXT);
	rc = rel_target(pkg, "_rels/.rels", "", "officeDocument", main, sizeof main, why, whylen);
	if (rc < 0) {
		rc = -rc;
		goto done;
	}
	if (rc == 0 || !docx_pkg_has(pkg, main))
		snprintf(main, sizeof main, "word/document.xml");
	if (!docx_pkg_has(pkg, main)) {
		render_say(why, whylen, "a zip without word/document.xml: not a Word document");
		rc = PH_EFORMAT;
		goto done;
	}
	split_name(main, dir, sizeof dir, base, sizeof base);
	snprintf(rels, sizeof rels, "%.290s%s_rels/%.290s.rels", dir, dir[0] ? "/" : "", base);
	static const char *const kinds[] = {"styles", "numbering"};
	for (int i = 0; i < 2; i++) {
		rc = rel_target(pkg, rels, dir, kinds[i], part, sizeof part, why, whylen);
		if (rc < 0) {
			rc = -rc;
			goto done;
		}
		if (rc == 0)
			snprintf(part, sizeof part, "%.250s%s%s.xml", dir, dir[0] ? "/" : "", kinds[i]);
		rc = i == 0 ? load_styles(pkg, part, &st, why, whylen)
		            : load_numbering(pkg, part, &nb, why, whylen);
		if (rc)
			goto done;
	}
	d = calloc(1, sizeof *d);
	if (!d) {
		rc = PH_ENOMEM;
		goto done;
	}
	d->st = &st;
	d->nc.nb = &nb;
	d->nc.st = &st;
	d->o = &o;
	d->r.o = &o;
	d->r.st = &st;
	arena_init_capped(&d->ta, MAX_TABLE_MEMORY);
	arena_init(&d->pa);
	d->r.a = &d->ta;
	buf_init(&d->pbuf, RENDER_MAX_TEXT);
	buf_init(&d->rbuf, RENDER_MAX_TEXT);
	rc = read_document(d, pkg, main);
	if (!rc && o.err) {
		d_code(d, o.err);
		rc = d->err;
	}
	if (rc) {
		render_say(why, whylen, "%s", d->why);
		goto done;
	}
	if (!o.line) {
		render_say(why, whylen, "the document holds no text");
		rc = PH_EEMPTY;
		goto done;
	}
	if (d->legacy_enc) {
		out->notes = calloc(1, sizeof *out->notes);
		size_t k = strlen(d->legacy_font) + 200;
		char *note = malloc(k);
		if (note)
			snprintf(note, k, "Văn bản dùng phông chữ %s (%s): đã chuyển sang Unicode, "
			         "cần kiểm tra lại chữ.", legacy_name(d->legacy_enc), d->legacy_font);
		if (!out->notes || !note) {
			free(out->notes);
			free(note);
			out->notes = NULL;
			rc = PH_ENOMEM;
			goto done;
		}
		out->notes[0].line = 0;
		out->notes[0].text = note;
		out->notes_len = 1;
	}
	out->len = o.text.len;
	out->text = buf_detach(&o.text);
	if (!out->text) {
		rendering_free(out);
		rc = PH_ENOMEM;
		goto done;
	}
	out->places = o.pl;
	out->places_len = o.pl_len;
	o.pl = NULL;
done:
	if (rc == PH_ENOMEM && why && whylen && !why[0])
		render_say(why, whylen, "out of memory reading the document");
	if (d) {
		arena_cleanup(&d->ta);
		arena_cleanup(&d->pa);
		buf_cleanup(&d->pbuf);
		buf_cleanup(&d->rbuf);
		free(d);
	}
	buf_cleanup(&o.text);
	free(o.pl);
	free(st.v);
	free(nb.abs);
	free(nb.nums);
	docx_pkg_close(pkg);
	return rc;
}

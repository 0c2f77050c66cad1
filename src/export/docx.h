/* docx.h: writing Word (.docx) documents in the layout of Decree
 * 30/2020/NĐ-CP, Phụ lục I (the administrative document: A4, Times New
 * Roman, the header and signature blocks as borderless two-column
 * tables, page numbers centred at the top from page 2). The plan export
 * and the consolidated report both describe their document through this
 * one writer; it owns the XML (one escaper, schema order, every table
 * cell ending with a paragraph, control characters dropped) and the
 * package (libzip, in memory).
 *
 * Use: docx_new, then docx_letterhead once, then body blocks (headings,
 * paragraphs, tables) in order, docx_closing once, optionally an
 * appendix (docx_appendix, then more blocks), and docx_finish. Errors are
 * sticky, like struct buf: a call after a failure does nothing, and
 * docx_finish returns the first failure (PH_EINVAL for a call out of
 * order or bad text, PH_ETOOBIG past the size cap, PH_ENOMEM). Text is
 * UTF-8 and written NFC; a "\n" inside a paragraph's text is a line break
 * within that paragraph. */
#ifndef PH_EXPORT_DOCX_H
#define PH_EXPORT_DOCX_H
#include <stddef.h>
#include "base/date.h"

struct buf;
struct docx;

/* The top of page 1 (Phụ lục III, Mẫu 1.4). Strings may be NULL or "". */
struct docx_letterhead {
	const char *parent_body; /* cơ quan chủ quản, upright capitals ("UBND TỈNH LÀO CAI"); none: "" */
	const char *issuer;      /* cơ quan ban hành, bold capitals, a short rule under it (required) */
	const char *number;      /* the number; "" leaves "Số:     /" blank for the clerk */
	const char *symbol;      /* ký hiệu after the slash: "BC-SNV", "KH-UBND" */
	const char *place;       /* "Lào Cai" */
	struct ph_date date;     /* not full: "ngày     tháng     năm YYYY" with blanks
	                            (the year kept when known) */
	const char *type;        /* tên loại: "BÁO CÁO", "KẾ HOẠCH" (required) */
	const char *title;       /* trích yếu, bold, centred, under the type; may hold "\n" */
};

/* The bottom of the body: "Nơi nhận:" and its list at the left, the
 * signature block at the right (Phụ lục I, 7 and 9b). */
struct docx_closing {
	const char *const *recipients; /* each without "- " and ";"; written as
	                                  "- X;" lines, the last "- X." */
	size_t nrecipients;
	const char *authority;   /* "TM. BAN THƯỜNG VỤ", "KT. GIÁM ĐỐC"; may be "" */
	const char *position;    /* "CHỦ TỊCH", "PHÓ GIÁM ĐỐC" */
	const char *signer;      /* the signer's full name; "" leaves room to write it */
};

/* A column of a table. */
struct docx_column {
	const char *title;       /* header cell text */
	int width;               /* relative width (the writer scales to the text width) */
	int center;              /* 1: cells centred (STT, dates) */
};

/* A new document; *out is freed by docx_finish or docx_free. PH_ENOMEM. */
int docx_new(struct docx **out);
/* Cap the body's XML at max bytes (default 64 MiB): past it every call
 * fails and docx_finish returns PH_ETOOBIG. For tests and callers that
 * want a smaller bound; call before writing. */
void docx_set_max(struct docx *d, size_t max);
/* Drop a document without writing it (after a failure). NULL is fine. */
void docx_free(struct docx *d);

/* The header table, then the type and title centred. Once, first. */
void docx_letterhead(struct docx *d, const struct docx_letterhead *h);

/* "Căn cứ ..." and the like: a justified italic paragraph. */
void docx_basis(struct docx *d, const char *text);
/* A heading of the body: level 1 for "I. KẾT QUẢ ĐẠT ĐƯỢC" (bold), level
 * 2 for "1. Công tác ..." (bold), level 3 for "a) ..." (italic). The
 * caller writes the label; the text as given. */
void docx_heading(struct docx *d, int level, const char *text);
/* A body paragraph: 14 pt, justified, first-line indent 1 cm, 6 pt after. */
void docx_para(struct docx *d, const char *text);

/* A table the width of the text with a bold header row repeated on each
 * page; rows are never split across pages. n columns, at most 16. */
void docx_table_begin(struct docx *d, const struct docx_column *cols, size_t n);
/* A row spanning every column, bold: a plan section ("I. NHIỆM VỤ ..."). */
void docx_table_section(struct docx *d, const char *text);
/* A row of n cells (n = the number of columns; NULL cells are empty); a
 * "\n" in a cell starts a new paragraph in it. */
void docx_table_row(struct docx *d, const char *const *cells, size_t n);
void docx_table_end(struct docx *d);

/* "Nơi nhận" and the signature, once, after the body; the body's last
 * paragraph should end with "./." (the caller's text). */
void docx_closing(struct docx *d, const struct docx_closing *c);

/* A new page holding an appendix: "PHỤ LỤC" (or "PHỤ LỤC I" when label
 * says so) bold centred, the title in bold capitals, an italic
 * "(Kèm theo ...)" line when attached is not empty; then body blocks. */
void docx_appendix(struct docx *d, const char *label, const char *title,
                   const char *attached);

/* Write the package (document, styles, settings, page-number header,
 * core and app properties) into out, append only, and free d. The first
 * failure of any call, or of writing: 0, PH_EINVAL, PH_ETOOBIG,
 * PH_ENOMEM. */
int docx_finish(struct docx *d, struct buf *out);

/* The MIME type of a .docx file. */
#define DOCX_MIME "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#endif

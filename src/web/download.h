/* download.h: what every table download (the "Tải Excel" and "Tải CSV"
 * links of the pages, the export routes of the API) shares: reading
 * ?format=xlsx|csv and ?sep=semicolon, and sending the file the export
 * wrote into the answer as an attachment. */
#ifndef PH_DOWNLOAD_H
#define PH_DOWNLOAD_H
#include "web/req.h"

/* ?format= (xlsx or csv, required) into *format and ?sep= (absent or
 * "comma": ',', "semicolon": ';') into *sep. 0, or PH_EBADREQ with
 * r->err_detail and r->err_reason_vi saying what is wrong. */
int download_params(struct req *r, int *format, char *sep);

/* Empty the answer's body, for an export to append its file to it. */
struct buf *download_body(struct req *r);

/* Send the answer's body (the file an export wrote through
 * download_body) as an attachment named stem.xlsx or stem.csv (ASCII
 * stem) with its MIME type. 0 or PH_ENOMEM. */
int download_send(struct req *r, int format, const char *stem);

/* The href of a page's download links: path?QUERY&format=F, with the
 * request's own query parameters kept but page and format (for "keep the
 * current filters"); in r->a, NULL when it refuses. */
const char *download_link(struct req *r, const char *path, const char *format);

/* The "Tải Excel" and "Tải CSV" buttons of a page, to path with the
 * page's own filters (download_link). */
void download_buttons(struct req *r, const char *path);

/* The answer of GET /plans/{id}/export and its API twin: plan r->id as
 * ?format=docx (export_plan_docx), xlsx or csv (export_plan_tasks), sent
 * as ke-hoach-ID.EXT. PH_EBADREQ for another format, PH_ENOTFOUND. */
int download_plan(struct req *r);

#endif

/* reply.h: answers other than HTML pages: JSON (jansson), redirects,
 * file downloads, and reading a JSON request body. */
#ifndef PH_REPLY_H
#define PH_REPLY_H
#include <jansson.h>
#include "web/req.h"

/* Answer status with the JSON value v (released here). 0, PH_ENOMEM, or
 * PH_ETOOBIG when the text is over the answer's cap. */
int reply_json(struct req *r, int status, json_t *v);
/* 303 See Other to url (a local path; anything else goes to "/").
 * Returns 0, or PH_ENOMEM when the arena is failed (url NULL because it
 * could not be built, or no room for the Location header). */
int reply_redirect(struct req *r, const char *url);
/* Send data (borrowed until the request ends) as a download named name
 * (UTF-8; sent as an ASCII fallback plus RFC 5987 filename*) of type mime.
 * inline_ 1 lets the browser show it (images, PDF). Returns 0, or
 * PH_ENOMEM when the arena refuses the Content-Disposition header. */
int reply_file(struct req *r, const char *data, size_t len, const char *mime,
               const char *name, int inline_);
/* Parse the request body as a JSON object. 0 with *out (caller releases),
 * PH_EBADREQ when the body is not JSON or not an object (r->err_detail
 * says why). */
int reply_body_object(struct req *r, json_t **out);

/* Strings from a JSON object: the value when it is a string, NULL when
 * absent or null; PH_EBADREQ via *rc when present with another type. */
const char *json_str(json_t *o, const char *key, int *rc);

#endif

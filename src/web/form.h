/* form.h: what a request carries besides its headers, read by the
 * project's own code: the request target (path and query string) and
 * form bodies (application/x-www-form-urlencoded and multipart/form-data),
 * the latter read piece by piece as the body arrives.
 *
 * Everything here is linear in the input and bounded: a field's value
 * grows by doubling in one buffer, no piece is copied twice, and the
 * number of fields, the length of a name and the size of a part's headers
 * are capped. The server caps the body as a whole. Nothing is dropped
 * silently: a target or body this code cannot read whole is refused
 * (PH_EBADREQ), one over a limit is refused (PH_ETOOBIG). */
#ifndef PH_FORM_H
#define PH_FORM_H
#include <stddef.h>
#include "base/arena.h"
#include "base/buf.h"
#include "web/req.h"

/* Most fields of one form or parameters of one query string. */
#define FORM_MAX_FIELDS 500
/* Longest field or parameter name, in bytes. */
#define FORM_MAX_NAME 256
/* Largest header block of one multipart part, in bytes. */
#define FORM_MAX_PART_HEAD (16 * 1024)

/* Split a raw request target ("/tasks?q=ph%E1%BB%A5&page=2") into its
 * decoded path and its decoded query parameters (arena a). The path may
 * not hold a decoded NUL or control character, and neither may a
 * parameter; '+' in the query is a space; a '%' not followed by two hex
 * digits stays as it is. An absolute-form target ("http://host/path")
 * keeps its path. 0 with *path and the parameters set; PH_EBADREQ (*why:
 * an English literal) for a target that is not a path or holds what it may
 * not; PH_ETOOBIG for more than FORM_MAX_FIELDS parameters or a longer
 * name; PH_ENOMEM. */
int form_target(struct arena *a, const char *raw, char **path, struct req_param **params,
                size_t *nparams, const char **why);

enum form_kind { FORM_URLENCODED = 1, FORM_MULTIPART };

/* One field of a form body. */
struct form_field {
	char *name;
	char *filename;       /* a file part's name as sent ("" allowed), else NULL */
	char *ctype;          /* a part's Content-Type, or NULL */
	struct buf value;     /* the bytes, capped at the body's limit */
};

/* A form body being read. Zero it, then form_begin. */
struct form {
	struct arena *a;            /* names and the field records */
	int kind;                   /* enum form_kind */
	int err;                    /* first failure (sticky), 0: none */
	const char *why;            /* English literal for err */
	size_t max;                 /* body bytes allowed (the buffers' cap) */
	struct form_field *fields;  /* in arrival order */
	size_t fields_len, fields_cap;
	int open;                   /* 1: the last field is being filled */
	/* urlencoded */
	int in_value;               /* 1: after '=' of the current field */
	int pct;                    /* 0, or 1/2 hex digits seen after '%' */
	int hex;                    /* their value */
	struct buf name;            /* the current field's name */
	/* multipart */
	char *delim;                /* "\r\n--" boundary */
	size_t delim_len;
	int state;                  /* parser state (form.c) */
	struct buf win;             /* bytes not yet parsed */
	size_t head_bytes;          /* header bytes of the current part */
	char *p_name, *p_filename, *p_ctype; /* the headers of the part being read */
};

/* 1 when content_type names a form body this reader takes. */
int form_is_form_type(const char *content_type);

/* Start reading a body of content_type whose bytes will not exceed max.
 * 0; PH_EMEDIA for a type that is not a form; PH_EBADREQ for a multipart
 * type without a usable boundary. */
int form_begin(struct form *f, struct arena *a, const char *content_type, size_t max);
/* Read the next n bytes of the body. Returns the sticky code: 0, or the
 * first failure (PH_EBADREQ, PH_ETOOBIG, PH_ENOMEM); after a failure the
 * rest is ignored. */
int form_feed(struct form *f, const char *data, size_t n);
/* The body ended: finish the last field and hand the fields over as
 * request parameters (in arrival order; values NUL-terminated, borrowed
 * from f until form_cleanup; a file field's value may hold NUL bytes and
 * has filename set). 0, or the sticky code (a multipart body must end with
 * its closing delimiter). */
int form_end(struct form *f, struct req_param **params, size_t *nparams);
/* Free the buffers of f (the parameters form_end gave point into them). */
void form_cleanup(struct form *f);

#endif

/* buf.h: a growable byte buffer with a hard cap, always NUL-terminated.
 * Used for reading files and for building output. An append past the cap
 * fails with PH_ETOOBIG (PH_ENOMEM when memory runs out) and leaves the
 * contents as they were. The failure is sticky, as in SQLite's string
 * builder: every later append fails with the same code, and buf_error()
 * tells, so a writer that failed once can never yield an answer with a
 * hole in it. */
#ifndef PH_BUF_H
#define PH_BUF_H
#include <stddef.h>
#include <stdarg.h>

struct buf {
	char *data;   /* NUL-terminated contents, or NULL while empty */
	size_t len;   /* bytes used, not counting the NUL */
	size_t cap;   /* bytes allocated */
	size_t max;   /* most bytes the buffer may ever hold */
	int err;      /* first failed append's code (sticky), 0: none */
};

/* An empty buffer that may grow to max bytes. */
void buf_init(struct buf *b, size_t max);
/* Frees the contents; the buffer can be reused after buf_init. */
void buf_cleanup(struct buf *b);
/* 0, or the code of the first append that failed since buf_init. */
int buf_error(const struct buf *b);
/* Empty the contents (keeping the memory) and forget a failure: for an
 * answer thrown away and written again (an error page). */
void buf_reset(struct buf *b);
/* Append n bytes. Returns 0, PH_ETOOBIG or PH_ENOMEM. */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Contents as a C string, never NULL ("" while empty); borrowed. */
const char *buf_str(const struct buf *b);
/* Hand the contents to the caller (caller frees) and reset the buffer
 * (failure included). NULL only when memory runs out. */
char *buf_detach(struct buf *b);
/* Read a whole file (path "-" is stdin). Returns 0, PH_EIO or PH_ETOOBIG. */
int buf_read_file(struct buf *b, const char *path);

#endif

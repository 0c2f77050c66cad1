/* buf.h: a growable byte buffer with a hard cap, always NUL-terminated.
 * Used for reading files and for building output. Appends past the cap fail
 * with PH_ETOOBIG and leave the buffer as it was. */
#ifndef PH_BUF_H
#define PH_BUF_H
#include <stddef.h>
#include <stdarg.h>

struct buf {
	char *data;   /* NUL-terminated contents, or NULL while empty */
	size_t len;   /* bytes used, not counting the NUL */
	size_t cap;   /* bytes allocated */
	size_t max;   /* most bytes the buffer may ever hold */
};

/* An empty buffer that may grow to max bytes. */
void buf_init(struct buf *b, size_t max);
/* Frees the contents; the buffer can be reused after buf_init. */
void buf_cleanup(struct buf *b);
/* Append n bytes. Returns 0, PH_ETOOBIG or PH_ENOMEM. */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Contents as a C string, never NULL ("" while empty); borrowed. */
const char *buf_str(const struct buf *b);
/* Hand the contents to the caller (caller frees) and reset the buffer. */
char *buf_detach(struct buf *b);
/* Read a whole file (path "-" is stdin). Returns 0, PH_EIO or PH_ETOOBIG. */
int buf_read_file(struct buf *b, const char *path);

#endif

/* input.h: checking the text people type (names, notes, aliases) before
 * the model stores it: valid UTF-8, no control characters, NFC, trimmed,
 * not empty, not too long. One place, so every use case refuses the same
 * things with the same code. */
#ifndef PH_INPUT_H
#define PH_INPUT_H
#include <stddef.h>

enum input_flags {
	INPUT_LINE = 0,      /* one line: no line breaks or tabs */
	INPUT_MULTILINE = 1, /* line breaks (CRLF, CR -> LF) and tabs allowed */
};

/* The checked NFC copy of s in *out (caller frees), trimmed of white
 * space at both ends. PH_EINVAL when s is NULL, empty after trimming, not
 * valid UTF-8, holds a control character (C0 other than those flags allow,
 * DEL, C1) or a bidirectional control (input_bidi_control: "\u202Etxt.exe"
 * would show as "exe.txt"), or is longer than max bytes after
 * normalization; PH_ENOMEM. */
int input_text(const char *s, size_t max, int flags, char **out);

/* 1 when code point c changes the direction text is shown in (U+061C,
 * U+200E, U+200F, U+202A-U+202E, U+2066-U+2069): Vietnamese never needs
 * them, and they can make a name read as something it is not. */
int input_bidi_control(int c);

/* The same for an optional field: NULL or blank gives 0 with *out NULL. */
int input_optional(const char *s, size_t max, int flags, char **out);

#endif

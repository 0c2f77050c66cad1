/* token.h: the secret tokens phoihop hands out (sessions, CSRF, calendar
 * feeds, device cookies): 32 random bytes as 64 lowercase hex characters.
 * The database keeps only a token's SHA-256, so a copy of it cannot act as
 * anyone. One place, so that every token is made, checked and hashed the
 * same way. */
#ifndef PH_TOKEN_H
#define PH_TOKEN_H
#include <stddef.h>

/* A fresh token from the system's random source into out. */
void token_random(char out[static 65]);
/* 1 when s is 64 lowercase hex characters (the only tokens issued). */
int token_valid(const char *s);
/* The SHA-256 of s, as 64 lowercase hex characters, into out. */
void token_hash(const char *s, char out[static 65]);
/* The SHA-256 of the n bytes at p (a file's identity), likewise. */
void token_sha256(const void *p, size_t n, char out[static 65]);
/* n bytes as 2n lowercase hex characters and a NUL into out. */
void token_hex(const unsigned char *b, size_t n, char *out);

#endif

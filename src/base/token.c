/* token.c: secret tokens (see token.h), with libsodium's random source
 * and SHA-256. */
#include "base/token.h"
#include <sodium.h>
#include <string.h>

void token_hex(const unsigned char *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = 0;
}

void token_random(char out[static 65])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	token_hex(raw, sizeof raw, out);
	sodium_memzero(raw, sizeof raw);
}

int token_valid(const char *s)
{
	if (!s || strlen(s) != 64)
		return 0;
	for (size_t i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

void token_sha256(const void *p, size_t n, char out[static 65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)p, n);
	token_hex(h, sizeof h, out);
}

void token_hash(const char *s, char out[static 65])
{
	token_sha256(s, strlen(s), out);
}

/* test_memory.c: the limits of the two allocators every request uses. An
 * arena with a cap refuses what would cross it and stays failed; a buffer
 * that refused an append refuses every later one (no answer with a hole
 * in it); growing a value piece by piece costs its final size, not the
 * sum of its sizes. */
#include "test.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include <stdint.h>

static void arena_cap(void)
{
	struct arena a;
	arena_init_capped(&a, 256 * 1024);
	void *p = arena_alloc(&a, 1000);
	CHECK(p != NULL, "a small block under the cap");
	CHECK_INT(arena_failed(&a), 0, "not failed yet");
	CHECK(arena_alloc(&a, 300 * 1024) == NULL, "a block over the cap is refused");
	CHECK_INT(arena_failed(&a), 1, "refusal is remembered");
	CHECK(arena_alloc(&a, 10) != NULL, "room left under the cap is still given");
	CHECK_INT(arena_failed(&a), 1, "the mark stays after a later success");
	CHECK(a.total <= 256 * 1024, "never more than the cap taken: %zu", a.total);
	/* Many small blocks: the cap holds. */
	size_t got = 0;
	while (arena_alloc(&a, 1000) && got < 10000)
		got++;
	CHECK(got < 300, "small blocks stop at the cap (%zu)", got);
	CHECK(a.total <= 256 * 1024, "total within the cap: %zu", a.total);
	CHECK(arena_alloc(&a, SIZE_MAX) == NULL, "an impossible size is refused");
	CHECK(arena_strndup(&a, "x", SIZE_MAX) == NULL, "an impossible copy is refused");
	arena_cleanup(&a);
	CHECK_INT(arena_failed(&a), 0, "cleanup forgets the failure");

	struct arena u;
	arena_init(&u);
	CHECK(arena_alloc(&u, SIZE_MAX - 8) == NULL, "no cap: overflowing size refused, no abort");
	CHECK(arena_alloc(&u, 4u << 20) != NULL, "no cap: a large block is given");
	arena_cleanup(&u);
}

static void arena_push(void)
{
	struct arena a;
	arena_init_capped(&a, 64 * 1024);
	long long *arr = NULL;
	size_t len = 0, cap = 0, pushed = 0;
	long long *e;
	while ((e = ARENA_PUSH(&a, arr, len, cap)) != NULL) {
		*e = (long long)len;
		pushed++;
	}
	CHECK_INT(len, pushed, "a refused push appends nothing");
	CHECK(pushed > 1000, "pushes up to the cap (%zu)", pushed);
	int ok = 1;
	for (size_t i = 0; i < len; i++)
		ok &= arr[i] == (long long)i + 1;
	CHECK(ok, "the elements survive the growth");
	arena_cleanup(&a);
}

/* A value grown by 100-byte pieces to 1 MB: in place, so the arena takes
 * about its size rather than the 5 GB the sum of copies would be. */
static void arena_grow_linear(void)
{
	struct arena a;
	arena_init_capped(&a, 8u << 20);
	char *v = arena_alloc(&a, 1);
	size_t n = 0;
	char piece[100];
	memset(piece, 'x', sizeof piece);
	int ok = 1;
	/* Doubling capacity, as a growing field does. */
	size_t cap = 1;
	while (n < (1u << 20) && ok) {
		if (n + sizeof piece + 1 > cap) {
			size_t ncap = cap * 2;
			while (ncap < n + sizeof piece + 1)
				ncap *= 2;
			char *g = arena_grow(&a, v, cap, ncap);
			if (!g) {
				ok = 0;
				break;
			}
			v = g;
			cap = ncap;
		}
		memcpy(v + n, piece, sizeof piece);
		n += sizeof piece;
		v[n] = 0;
	}
	CHECK(ok, "a 1 MB value grows within an 8 MB cap");
	CHECK(a.total < (4u << 20), "growth costs less than 4x the value (%zu bytes)", a.total);
	CHECK(v[0] == 'x' && v[n - 1] == 'x' && v[n] == 0, "contents kept");
	/* Growth in place zeroes the new room. */
	char *z = arena_alloc(&a, 16);
	memset(z, 'y', 16);
	z = arena_grow(&a, z, 16, 64);
	CHECK(z && z[15] == 'y' && z[16] == 0 && z[63] == 0, "new room is zeroed");
	arena_cleanup(&a);
}

static void buf_sticky(void)
{
	struct buf b;
	buf_init(&b, 16);
	CHECK_INT(buf_puts(&b, "0123456789"), 0, "fits");
	CHECK_INT(buf_puts(&b, "0123456789"), PH_ETOOBIG, "over the cap");
	CHECK_INT(buf_error(&b), PH_ETOOBIG, "failure remembered");
	CHECK_INT(buf_puts(&b, "x"), PH_ETOOBIG, "a later small append fails too");
	CHECK_INT(buf_printf(&b, "%d", 1), PH_ETOOBIG, "printf too");
	CHECK_STR(buf_str(&b), "0123456789", "contents kept as they were");
	buf_reset(&b);
	CHECK_INT(buf_error(&b), 0, "reset forgets");
	CHECK_INT(buf_puts(&b, "ok"), 0, "usable after reset");
	CHECK_STR(buf_str(&b), "ok", "reset empties");
	buf_cleanup(&b);
}

int main(void)
{
	arena_cap();
	arena_push();
	arena_grow_linear();
	buf_sticky();
	TEST_END("test_memory");
}

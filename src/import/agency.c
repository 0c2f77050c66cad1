/* agency.c: agency names as documents write them -> registry units.
 *
 * Three parts:
 *  - normalization: a name is cut into words, "&" and dashes; registered
 *    abbreviations are expanded ("LĐ-TB&XH" -> "Lao động - Thương binh và
 *    Xã hội"); then the text is folded (text_fold) and "&" reads "và",
 *    dashes and other punctuation vanish. Registry names and names from
 *    documents go through the same function, so every spelling of a name
 *    lands on one key;
 *  - the resolver: hash tables from normalized names to units, plus a second
 *    table keyed by names with their province cut off ("hoi lien hiep phu
 *    nu tinh" for "Hội Liên hiệp Phụ nữ tỉnh Lào Cai"), and the rules that
 *    pick one unit when several share a name (valid on the date, in the
 *    document's province) or give up when still ambiguous;
 *  - splitting a table cell into agency names and telling group phrases
 *    ("các sở, ban, ngành liên quan") from single agencies. */
#include "import/agency.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/text.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* ---- a pool of packed strings ---- */

/* The resolver keeps a few hundred thousand short strings; an arena would
 * round each to 16 bytes, the pool packs them. */
struct pool_chunk {
	struct pool_chunk *next;
	size_t used, size;
	char data[];
};

struct pool {
	struct pool_chunk *head;
};

enum { POOL_CHUNK = 64 * 1024 };

static void pool_cleanup(struct pool *p)
{
	while (p->head) {
		struct pool_chunk *next = p->head->next;
		free(p->head);
		p->head = next;
	}
}

/* A copy of s in the pool; NULL on out-of-memory. */
static const char *pool_strdup(struct pool *p, const char *s)
{
	size_t n = strlen(s) + 1;
	struct pool_chunk *c = p->head;
	if (!c || c->size - c->used < n) {
		size_t size = n > POOL_CHUNK ? n : POOL_CHUNK;
		c = malloc(sizeof *c + size);
		if (!c)
			return NULL;
		c->size = size;
		c->used = 0;
		if (p->head && size > POOL_CHUNK) { /* a big one-off behind the head */
			c->next = p->head->next;
			p->head->next = c;
		} else {
			c->next = p->head;
			p->head = c;
		}
	}
	char *out = c->data + c->used;
	memcpy(out, s, n);
	c->used += n;
	return out;
}

/* ---- a string -> list of values table ---- */

struct tkey {
	const char *s;  /* key, in the resolver's pool */
	uint32_t hash;
	uint32_t head;  /* first node + 1; 0 = none */
};

struct tnode {
	uint32_t val;
	uint32_t next;  /* next node + 1; 0 = end */
};

struct strtab {
	uint32_t *slots;     /* key index + 1; 0 = empty. nslots is a power of two */
	size_t nslots;
	struct tkey *keys;
	size_t keys_len, keys_cap;
	struct tnode *nodes;
	size_t nodes_len, nodes_cap;
};

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

static void strtab_cleanup(struct strtab *t)
{
	free(t->slots);
	free(t->keys);
	free(t->nodes);
	memset(t, 0, sizeof *t);
}

/* Grows a malloc'ed array to hold one more element. 0 or PH_ENOMEM. */
static int grow(void **arr, size_t len, size_t *cap, size_t elem)
{
	if (len < *cap)
		return 0;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *p = realloc(*arr, ncap * elem);
	if (!p)
		return PH_ENOMEM;
	*arr = p;
	*cap = ncap;
	return 0;
}

static size_t strtab_slot(const struct strtab *t, const char *key, uint32_t h)
{
	size_t i = (size_t)h & (t->nslots - 1);
	while (t->slots[i]) {
		const struct tkey *k = &t->keys[t->slots[i] - 1];
		if (k->hash == h && strcmp(k->s, key) == 0)
			break;
		i = (i + 1) & (t->nslots - 1);
	}
	return i;
}

static int strtab_rehash(struct strtab *t)
{
	size_t n = t->nslots ? t->nslots * 2 : 64;
	uint32_t *slots = calloc(n, sizeof *slots);
	if (!slots)
		return PH_ENOMEM;
	free(t->slots);
	t->slots = slots;
	t->nslots = n;
	for (size_t k = 0; k < t->keys_len; k++) {
		size_t i = (size_t)t->keys[k].hash & (n - 1);
		while (slots[i])
			i = (i + 1) & (n - 1);
		slots[i] = (uint32_t)k + 1;
	}
	return 0;
}

/* First node (+1) of key's list, 0 when the key is absent. */
static uint32_t strtab_find(const struct strtab *t, const char *key)
{
	if (!t->nslots)
		return 0;
	uint32_t h = hash_str(key);
	size_t i = strtab_slot(t, key, h);
	return t->slots[i] ? t->keys[t->slots[i] - 1].head : 0;
}

/* Adds val to key's list unless it is there already. The key is copied
 * into the pool when new. 0 or PH_ENOMEM. */
static int strtab_add(struct strtab *t, struct pool *pl, const char *key, uint32_t val)
{
	if ((t->keys_len + 1) * 2 > t->nslots && strtab_rehash(t))
		return PH_ENOMEM;
	uint32_t h = hash_str(key);
	size_t i = strtab_slot(t, key, h);
	if (!t->slots[i]) {
		const char *copy = pool_strdup(pl, key);
		if (!copy || grow((void **)&t->keys, t->keys_len, &t->keys_cap, sizeof *t->keys))
			return PH_ENOMEM;
		t->keys[t->keys_len] = (struct tkey){copy, h, 0};
		t->slots[i] = (uint32_t)++t->keys_len;
	}
	struct tkey *k = &t->keys[t->slots[i] - 1];
	for (uint32_t n = k->head; n; n = t->nodes[n - 1].next)
		if (t->nodes[n - 1].val == val)
			return 0;
	if (grow((void **)&t->nodes, t->nodes_len, &t->nodes_cap, sizeof *t->nodes))
		return PH_ENOMEM;
	t->nodes[t->nodes_len] = (struct tnode){val, k->head};
	k->head = (uint32_t)++t->nodes_len;
	return 0;
}

/* ---- the resolver ---- */

struct rec {                /* one unit */
	int id;
	const char *canonical;  /* its official name, as given */
	struct ph_date from, to;
};

struct name {               /* one registered spelling, kept for rebuilds */
	const char *raw;
	uint32_t rec;
};

struct abbr {
	char **up;              /* atoms, upper-cased; "&" as "VÀ", dashes as "-" */
	size_t n;
	const char *expansion;  /* cleaned: words only, "&" as "và" */
};

struct resolver {
	struct arena a;         /* abbreviations' atom arrays */
	struct pool pool;       /* every string */
	struct rec *recs;
	size_t recs_len, recs_cap;
	uint32_t *ids;          /* open addressing: id -> rec index + 1 */
	size_t ids_cap;
	struct name *names;
	size_t names_len, names_cap;
	struct strtab exact;    /* normalized name -> recs */
	struct strtab generic;  /* name without its province ("... tinh") -> recs */
	struct abbr *abbrs;
	size_t abbrs_len, abbrs_cap;
	struct strtab abbr_first; /* first atom, upper-cased -> abbrs */
};

struct resolver *resolver_new(void)
{
	struct resolver *r = calloc(1, sizeof *r);
	if (r)
		arena_init(&r->a);
	return r;
}

void resolver_free(struct resolver *r)
{
	if (!r)
		return;
	free(r->recs);
	free(r->ids);
	free(r->names);
	free(r->abbrs);
	strtab_cleanup(&r->exact);
	strtab_cleanup(&r->generic);
	strtab_cleanup(&r->abbr_first);
	arena_cleanup(&r->a);
	pool_cleanup(&r->pool);
	free(r);
}

/* ---- atoms: words, "&" and dashes of the original text ---- */

enum atom_type { A_WORD, A_AMP, A_DASH };

struct atom {
	const char *p;          /* into the text */
	size_t n;
	enum atom_type type;
};

#define VA_UPPER "V\xC3\x80" /* "VÀ" */

static int is_word_cp(UChar32 c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	int8_t t = u_charType(c);
	return u_isalnum(c) || t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
	       t == U_ENCLOSING_MARK;
}

static int is_dash_cp(UChar32 c)
{
	return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE63 ||
	       c == 0xFF0D;
}

/* Cuts s into atoms; *out is malloc'ed (caller frees). Returns the count,
 * or -1 on out-of-memory. Other punctuation and spaces only separate. */
static long atomize(const char *s, struct atom **out)
{
	*out = NULL;
	size_t len = strlen(s), n = 0, cap = 0;
	struct atom *v = NULL;
	if (len > INT32_MAX)
		return -1;
	int32_t i = 0, end = (int32_t)len;
	int32_t word = -1; /* start of the word being read */
	while (i <= end) {
		int32_t at = i;
		UChar32 c = 0;
		if (i < end)
			U8_NEXT((const uint8_t *)s, i, end, c);
		else
			i++;
		int w = at < end && c >= 0 && is_word_cp(c);
		if (w && word < 0)
			word = at;
		if (!w && word >= 0) {
			if (grow((void **)&v, n, &cap, sizeof *v))
				goto oom;
			v[n++] = (struct atom){s + word, (size_t)(at - word), A_WORD};
			word = -1;
		}
		if (at < end && (c == '&' || is_dash_cp(c))) {
			if (grow((void **)&v, n, &cap, sizeof *v))
				goto oom;
			v[n++] = (struct atom){s + at, (size_t)(i - at), c == '&' ? A_AMP : A_DASH};
		}
	}
	*out = v;
	return (long)n;
oom:
	free(v);
	return -1;
}

/* Upper-cased copy of one word into out (cap bytes). "" when too long. */
static void upper_word(const char *p, size_t n, char *out, size_t cap)
{
	int32_t i = 0, o = 0, len = (int32_t)n;
	out[0] = 0;
	if (n * 2 + 8 > cap)
		return;
	while (i < len) {
		UChar32 c;
		U8_NEXT((const uint8_t *)p, i, len, c);
		if (c < 0)
			c = 0xFFFD;
		c = u_toupper(c);
		U8_APPEND_UNSAFE((uint8_t *)out, o, c);
	}
	out[o] = 0;
}

/* The comparison form of an atom. */
static void atom_upper(const struct atom *t, char *out, size_t cap)
{
	if (t->type == A_AMP)
		strcpy(out, VA_UPPER);
	else if (t->type == A_DASH)
		strcpy(out, "-");
	else
		upper_word(t->p, t->n, out, cap);
}

/* 1 when a word is written like an abbreviation, so that it may expand:
 * all capitals ("UBND", "TU"), two or more capitals ("TTg"), or at least
 * four letters in lower case ("ubnd": no registered abbreviation that long
 * is also a Vietnamese word). "Tư" or "tu" never expand to "Tỉnh ủy". */
static int abbrev_like(const struct atom *t)
{
	if (t->type != A_WORD)
		return 0;
	int32_t i = 0, len = (int32_t)t->n;
	int upper = 0, lower = 0, cps = 0;
	while (i < len) {
		UChar32 c;
		U8_NEXT((const uint8_t *)t->p, i, len, c);
		cps++;
		if (c < 0)
			continue;
		upper += u_isupper(c) != 0;
		lower += u_islower(c) != 0;
	}
	return (upper > 0 && lower == 0) || upper >= 2 || (upper == 0 && cps >= 4);
}

/* Words of s joined by single spaces, "&" as "và", dashes dropped. NULL
 * on out-of-memory. Caller frees. */
static char *clean_words(const char *s)
{
	struct atom *v;
	long n = atomize(s, &v);
	if (n < 0)
		return NULL;
	struct buf b;
	buf_init(&b, 1 << 20);
	int rc = 0;
	for (long i = 0; !rc && i < n; i++) {
		if (v[i].type == A_DASH)
			continue;
		if (b.len)
			rc = buf_putc(&b, ' ');
		if (!rc)
			rc = v[i].type == A_AMP ? buf_puts(&b, "và") : buf_append(&b, v[i].p, v[i].n);
	}
	free(v);
	if (rc) {
		buf_cleanup(&b);
		return NULL;
	}
	char *out = buf_detach(&b);
	return out ? out : strdup("");
}

/* Longest registered abbreviation that starts at atom i; its atom count,
 * 0 when none. ups[] are the atoms' comparison forms. */
static size_t match_abbrev(const struct resolver *r, const struct atom *v, char **ups,
                           size_t n, size_t i, const struct abbr **found)
{
	size_t best = 0;
	for (uint32_t nd = strtab_find(&r->abbr_first, ups[i]); nd; nd = r->abbr_first.nodes[nd - 1].next) {
		const struct abbr *ab = &r->abbrs[r->abbr_first.nodes[nd - 1].val];
		if (ab->n <= best || i + ab->n > n)
			continue;
		int same = 1, like = 0;
		for (size_t j = 0; same && j < ab->n; j++) {
			same = strcmp(ups[i + j], ab->up[j]) == 0;
			like |= abbrev_like(&v[i + j]);
		}
		if (same && like) {
			best = ab->n;
			*found = ab;
		}
	}
	return best;
}

/* The matching key of a name: abbreviations expanded, folded, words only,
 * single spaces. NULL on out-of-memory. Caller frees. */
static char *normalize(const struct resolver *r, const char *s)
{
	char *nfc = NULL;
	if (strchr(s, '\xCC') || strchr(s, '\xCD')) /* combining marks: NFD input */
		nfc = text_nfc(s, strlen(s));
	if (nfc)
		s = nfc;
	struct atom *v = NULL;
	char **ups = NULL, *upbuf = NULL, *out = NULL;
	long n = atomize(s, &v);
	struct buf b;
	buf_init(&b, 1 << 20);
	int rc = n < 0 ? PH_ENOMEM : 0;
	size_t total = 0;
	for (long i = 0; i < n; i++)
		total += v[i].n * 2 + 8;
	if (!rc && n > 0) {
		ups = malloc((size_t)n * sizeof *ups);
		upbuf = malloc(total);
		if (!ups || !upbuf)
			rc = PH_ENOMEM;
	}
	for (long i = 0, off = 0; !rc && i < n; i++) {
		ups[i] = upbuf + off;
		atom_upper(&v[i], ups[i], v[i].n * 2 + 8);
		off += (long)(v[i].n * 2 + 8);
	}
	for (size_t i = 0; !rc && i < (size_t)(n > 0 ? n : 0);) {
		const struct abbr *ab = NULL;
		size_t m = v[i].type == A_WORD && r->abbrs_len
		           ? match_abbrev(r, v, ups, (size_t)n, i, &ab) : 0;
		if (v[i].type == A_DASH && !m) {
			i++;
			continue;
		}
		if (b.len)
			rc = buf_putc(&b, ' ');
		if (rc)
			break;
		if (m) {
			rc = buf_puts(&b, ab->expansion);
			i += m;
		} else {
			rc = v[i].type == A_AMP ? buf_puts(&b, "và") : buf_append(&b, v[i].p, v[i].n);
			i++;
		}
	}
	if (!rc)
		out = text_fold(buf_str(&b));
	buf_cleanup(&b);
	free(ups);
	free(upbuf);
	free(v);
	free(nfc);
	return out;
}

/* ---- province handling on normalized names ---- */

/* Words that follow "tinh" in a body's own name rather than a place:
 * "tinh uy", "tinh doan", "tinh hoi", "tinh doi". */
static const char *const not_place[] = {"uy", "doan", "hoi", "doi", NULL};

static int in_words(const char *w, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && memcmp(*list, w, n) == 0)
			return 1;
	return 0;
}

/* Length of the "… tinh" part of a normalized name that ends with a
 * province ("hoi lien hiep phu nu tinh lao cai" -> length of "hoi lien hiep
 * phu nu tinh"); 0 when the name has no such ending. The place is taken to
 * be one to four words; something must come before "tinh". */
static size_t province_cut(const char *norm)
{
	size_t best = 0;
	const char *p = norm;
	while ((p = strstr(p, "tinh")) != NULL) {
		size_t at = (size_t)(p - norm);
		int starts = at > 0 && norm[at - 1] == ' ';
		int ends = p[4] == ' ';
		p += 4;
		if (!starts || !ends)
			continue;
		const char *tail = p + 1;
		size_t words = 1;
		for (const char *q = tail; *q; q++)
			words += *q == ' ';
		size_t first = strcspn(tail, " ");
		if (words <= 4 && !in_words(tail, first, not_place))
			best = at + 4;
	}
	return best;
}

/* 1 when the normalized text contains the normalized place as whole words. */
static int has_place(const char *norm, const char *place)
{
	size_t n = strlen(place);
	if (!n)
		return 0;
	for (const char *p = norm; (p = strstr(p, place)) != NULL; p++)
		if ((p == norm || p[-1] == ' ') && (p[n] == 0 || p[n] == ' '))
			return 1;
	return 0;
}

/* ---- registering ---- */

static uint32_t rec_of(const struct resolver *r, int id, size_t *slot)
{
	size_t i = ((size_t)(unsigned)id * 2654435761u) & (r->ids_cap - 1);
	while (r->ids[i] && r->recs[r->ids[i] - 1].id != id)
		i = (i + 1) & (r->ids_cap - 1);
	*slot = i;
	return r->ids[i];
}

/* The record of unit id, created when new. 0 or PH_ENOMEM. */
static int get_rec(struct resolver *r, int id, const char *canonical,
                   struct ph_date from, struct ph_date to, uint32_t *out)
{
	if ((r->recs_len + 1) * 2 > r->ids_cap) {
		size_t ncap = r->ids_cap ? r->ids_cap * 2 : 64;
		uint32_t *ids = calloc(ncap, sizeof *ids);
		if (!ids)
			return PH_ENOMEM;
		free(r->ids);
		r->ids = ids;
		r->ids_cap = ncap;
		for (size_t k = 0; k < r->recs_len; k++) {
			size_t slot;
			rec_of(r, r->recs[k].id, &slot);
			r->ids[slot] = (uint32_t)k + 1;
		}
	}
	size_t slot;
	uint32_t have = rec_of(r, id, &slot);
	if (have) {
		*out = have - 1;
		return 0;
	}
	const char *copy = pool_strdup(&r->pool, canonical);
	if (!copy || grow((void **)&r->recs, r->recs_len, &r->recs_cap, sizeof *r->recs))
		return PH_ENOMEM;
	r->recs[r->recs_len] = (struct rec){id, copy, from, to};
	r->ids[slot] = (uint32_t)r->recs_len + 1;
	*out = (uint32_t)r->recs_len++;
	return 0;
}

/* Puts one spelling of rec into the tables. */
static int index_name(struct resolver *r, const char *raw, uint32_t rec)
{
	char *key = normalize(r, raw);
	if (!key)
		return PH_ENOMEM;
	int rc = 0;
	if (*key) {
		rc = strtab_add(&r->exact, &r->pool, key, rec);
		size_t cut = province_cut(key);
		if (!rc && cut) {
			key[cut] = 0;
			rc = strtab_add(&r->generic, &r->pool, key, rec);
		}
	}
	free(key);
	return rc;
}

int resolver_add(struct resolver *r, int id, const char *canonical,
                 const char *name, struct ph_date valid_from,
                 struct ph_date valid_to)
{
	if (!r || id <= 0 || !canonical || !name)
		return PH_EINVAL;
	uint32_t rec;
	int rc = get_rec(r, id, canonical, valid_from, valid_to, &rec);
	if (!rc)
		rc = grow((void **)&r->names, r->names_len, &r->names_cap, sizeof *r->names);
	if (rc)
		return rc;
	const char *raw = r->recs[rec].canonical;
	if (strcmp(raw, name) != 0 && !(raw = pool_strdup(&r->pool, name)))
		return PH_ENOMEM;
	r->names[r->names_len++] = (struct name){raw, rec};
	return index_name(r, name, rec);
}

/* Abbreviations registered after names change how names normalize: the
 * name tables are built again from the kept spellings. */
static int rebuild(struct resolver *r)
{
	strtab_cleanup(&r->exact);
	strtab_cleanup(&r->generic);
	int rc = 0;
	for (size_t i = 0; !rc && i < r->names_len; i++)
		rc = index_name(r, r->names[i].raw, r->names[i].rec);
	return rc;
}

int resolver_add_abbrev(struct resolver *r, const char *abbrev,
                        const char *expansion)
{
	if (!r || !abbrev || !expansion)
		return PH_EINVAL;
	struct atom *v;
	long n = atomize(abbrev, &v);
	if (n < 0)
		return PH_ENOMEM;
	if (n == 0 || v[0].type != A_WORD) {
		free(v); /* nothing that could ever match */
		return 0;
	}
	char *exp = clean_words(expansion);
	int rc = exp ? grow((void **)&r->abbrs, r->abbrs_len, &r->abbrs_cap, sizeof *r->abbrs)
	             : PH_ENOMEM;
	if (!rc) {
		struct abbr *ab = &r->abbrs[r->abbrs_len];
		ab->n = (size_t)n;
		ab->up = arena_alloc(&r->a, (size_t)n * sizeof *ab->up);
		if (!ab->up)
			rc = PH_ENOMEM;
		for (long i = 0; !rc && i < n; i++) {
			char tmp[256];
			atom_upper(&v[i], tmp, sizeof tmp);
			ab->up[i] = (char *)pool_strdup(&r->pool, tmp);
			rc = ab->up[i] ? 0 : PH_ENOMEM;
		}
		ab->expansion = rc ? NULL : pool_strdup(&r->pool, exp);
		if (!rc && !ab->expansion)
			rc = PH_ENOMEM;
		if (!rc)
			rc = strtab_add(&r->abbr_first, &r->pool, ab->up[0], (uint32_t)r->abbrs_len);
		if (!rc)
			r->abbrs_len++;
	}
	free(exp);
	free(v);
	if (!rc && r->names_len)
		rc = rebuild(r);
	return rc;
}

/* ---- looking up ---- */

/* The day range a possibly partial date stands for. */
static void date_span(struct ph_date on, struct ph_date *lo, struct ph_date *hi)
{
	*lo = (struct ph_date){on.y, on.m ? on.m : 1, on.d ? on.d : 1};
	int m = on.m ? on.m : 12;
	*hi = (struct ph_date){on.y, m, on.d ? on.d : date_days_in_month(on.y, m)};
}

/* 1 when unit u's official name is in the (normalized) place. */
static int in_place(const struct resolver *r, const struct rec *u, const char *place)
{
	char *norm = normalize(r, u->canonical);
	int yes = norm && has_place(norm, place);
	free(norm);
	return yes;
}

static int valid_on(const struct rec *u, struct ph_date lo, struct ph_date hi)
{
	if (u->from.y && date_cmp(u->from, hi) > 0)
		return 0;
	if (u->to.y && date_cmp(u->to, lo) < 0)
		return 0;
	return 1;
}

/* Picks one unit from a name's list: the only one; else those valid on
 * `on` (when any are); else those in the place (when any are). Returns
 * the rec index + 1; 0 when the list is empty; -1 when still ambiguous. */
static long choose(const struct resolver *r, const struct strtab *t, uint32_t head,
                   struct ph_date on, const char *place)
{
	const struct tnode *nodes = t->nodes;
	size_t total = 0, nvalid = 0, nplace = 0, nfinal = 0;
	uint32_t last = 0;
	struct ph_date lo, hi;
	date_span(on, &lo, &hi);
	for (uint32_t n = head; n; n = nodes[n - 1].next) {
		total++;
		last = nodes[n - 1].val;
		nvalid += on.y && valid_on(&r->recs[last], lo, hi);
	}
	if (total <= 1)
		return total ? (long)last + 1 : 0;
	int use_valid = nvalid > 0;
	for (uint32_t n = head; place && n; n = nodes[n - 1].next) {
		const struct rec *u = &r->recs[nodes[n - 1].val];
		if ((!use_valid || valid_on(u, lo, hi)) && in_place(r, u, place))
			nplace++;
	}
	int use_place = nplace > 0;
	for (uint32_t n = head; n; n = nodes[n - 1].next) {
		const struct rec *u = &r->recs[nodes[n - 1].val];
		if (use_valid && !valid_on(u, lo, hi))
			continue;
		if (use_place && !in_place(r, u, place))
			continue;
		nfinal++;
		last = nodes[n - 1].val;
	}
	return nfinal == 1 ? (long)last + 1 : -1;
}

/* The normalized place, without a leading "tinh" or "thanh pho". */
static char *place_key(const struct resolver *r, const char *place)
{
	if (!place || !*place)
		return NULL;
	char *p = normalize(r, place);
	if (!p)
		return NULL;
	const char *skip = NULL;
	if (strncmp(p, "tinh ", 5) == 0)
		skip = p + 5;
	else if (strncmp(p, "thanh pho ", 10) == 0)
		skip = p + 10;
	if (skip)
		memmove(p, skip, strlen(skip) + 1);
	if (!*p) {
		free(p);
		return NULL;
	}
	return p;
}

static int ends_with_word(const char *s, const char *w)
{
	size_t n = strlen(s), k = strlen(w);
	return n >= k && strcmp(s + n - k, w) == 0 && (n == k || s[n - k - 1] == ' ');
}

static int has_word(const char *s, const char *w)
{
	return has_place(s, w);
}

/* 1 when pick (a rec index + 1 from choose()) is a unit of another
 * province than the document's: a Yên Bái plan's "Sở Tư pháp" must not
 * become Lào Cai's just because that is the one the registry knows. */
static int foreign(const struct resolver *r, long pick, const char *place)
{
	if (pick <= 0 || !place)
		return 0;
	const struct rec *u = &r->recs[pick - 1];
	char *norm = normalize(r, u->canonical);
	int other = norm && province_cut(norm) > 0 && !has_place(norm, place);
	free(norm);
	return other;
}

int resolver_lookup(const struct resolver *r, const char *name,
                    struct ph_date on, const char *place,
                    const char **canonical)
{
	if (canonical)
		*canonical = NULL;
	if (!r || !name)
		return 0;
	char *key = normalize(r, name);
	char *pl = key ? place_key(r, place) : NULL;
	char *key2 = NULL;
	long got = 0;
	if (!key || !*key)
		goto out;
	/* 1. The name as written. */
	got = choose(r, &r->exact, strtab_find(&r->exact, key), on, pl);
	if (foreign(r, got, pl))
		got = 0;
	if (got)
		goto out;
	/* 2. The name in the document's province: "Sở Tư pháp" in a Lào Cai
	 *    document is "Sở Tư pháp tỉnh Lào Cai"; "Hội LHPN tỉnh" is "Hội
	 *    LHPN tỉnh Lào Cai". */
	if (pl && (ends_with_word(key, "tinh") || !has_word(key, "tinh"))) {
		size_t n = strlen(key) + strlen(pl) + 8;
		key2 = malloc(n);
		if (!key2)
			goto out;
		snprintf(key2, n, "%s%s %s", key, ends_with_word(key, "tinh") ? "" : " tinh", pl);
		got = choose(r, &r->exact, strtab_find(&r->exact, key2), on, pl);
		if (got)
			goto out;
	}
	/* 3. "… tỉnh" naming no province: the unit of that name in the only
	 *    province that has one (or in the document's province). */
	if (ends_with_word(key, "tinh"))
		got = choose(r, &r->generic, strtab_find(&r->generic, key), on, pl);
	if (foreign(r, got, pl))
		got = 0;
out:
	free(key);
	free(key2);
	free(pl);
	if (got <= 0)
		return 0;
	const struct rec *u = &r->recs[got - 1];
	if (canonical)
		*canonical = u->canonical;
	return u->id;
}

/* ---- group phrases and splitting ---- */

/* Folded words of s, punctuation turned into spaces, single spaces. NULL
 * on out-of-memory. Caller frees. */
static char *fold_words(const char *s)
{
	char *f = text_fold(s);
	if (!f)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; f[i];) {
		unsigned char c = (unsigned char)f[i];
		int space;
		size_t len = 1;
		if (c < 0x80) {
			space = !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
		} else if (c == 0xE2 && (unsigned char)f[i + 1] == 0x80 && f[i + 2]) {
			space = 1; /* U+2000..U+203F: dashes, quotes, ellipsis */
			len = 3;
		} else if (c == 0xC2 && (unsigned char)f[i + 1] == 0xA0) {
			space = 1;
			len = 2;
		} else {
			space = 0;
		}
		if (space) {
			if (o && f[o - 1] != ' ')
				f[o++] = ' ';
			i += len;
		} else {
			f[o++] = f[i++];
		}
	}
	while (o && f[o - 1] == ' ')
		o--;
	f[o] = 0;
	return f;
}

/* Nouns that make "các X" a group of agencies ("các sở", "các huyện",
 * "các đơn vị"); "các chương trình" inside a name is not one. */
static const char *const group_nouns[] = {
	"so", "ban", "nganh", "huyen", "xa", "thi", "thanh", "tinh", "don", "co",
	"cap", "to", "dia", "doan", "phuong", "bo", "hoi", "chi", "truong",
	"phong", "tp", "tx", "uy", "ubnd", "hdnd", "trung", "vu", "cuc", NULL,
};

/* Words a comma-separated continuation of a group phrase is made of
 * ("ban", "ngành liên quan", "thị xã", "thành phố trực thuộc TW"). */
static const char *const group_words[] = {
	"so", "ban", "nganh", "huyen", "thi", "xa", "thanh", "pho", "phuong",
	"tran", "don", "vi", "co", "quan", "doan", "the", "hoi", "to", "chuc",
	"dia", "lien", "tinh", "cua", "tren", "cap", "tp", "tx", "truc", "thuoc",
	"tw", "trung", "uong", "cac", "va", "khac", NULL,
};

/* Administrative level words, to spot "huyện, thị xã, thành phố". */
static size_t level_at(const char *const *w, size_t n, size_t i)
{
	static const char *const two[][2] = {
		{"thi", "xa"}, {"thi", "tran"}, {"thanh", "pho"},
	};
	static const char *const one[] = {"huyen", "xa", "phuong", "tinh", "tp", "tx", NULL};
	for (size_t k = 0; k < sizeof two / sizeof two[0]; k++)
		if (i + 1 < n && strcmp(w[i], two[k][0]) == 0 && strcmp(w[i + 1], two[k][1]) == 0)
			return 2;
	return in_words(w[i], strlen(w[i]), one) ? 1 : 0;
}

/* Splits folded words in place; returns the count (at most max). */
static size_t split_words(char *s, const char **w, size_t max)
{
	size_t n = 0;
	char *p = s;
	while (*p && n < max) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		w[n++] = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = 0;
	}
	return n;
}

static int word_in(const char *w, const char *const *list)
{
	return in_words(w, strlen(w), list);
}

/* The group test on folded words. */
static int group_words_test(const char **w, size_t n)
{
	if (!n)
		return 0;
	if (strcmp(w[0], "cac") == 0)
		return 1;
	for (size_t i = 0; i + 1 < n; i++) {
		if (strcmp(w[i], "cac") == 0 && word_in(w[i + 1], group_nouns))
			return 1;
		if (strcmp(w[i], "cap") == 0 &&
		    (strcmp(w[i + 1], "huyen") == 0 || strcmp(w[i + 1], "xa") == 0 ||
		     strcmp(w[i + 1], "co") == 0))
			return 1;
		if (strcmp(w[i], "ban") == 0 && strcmp(w[i + 1], "nganh") == 0)
			return 1;
		/* "63 tỉnh/thành" */
		if (w[i][0] >= '0' && w[i][0] <= '9' && strcmp(w[i + 1], "tinh") == 0)
			return 1;
	}
	if (n >= 2 && strcmp(w[n - 2], "lien") == 0 && strcmp(w[n - 1], "quan") == 0)
		return 1;
	/* Two level words in a row: "huyện, thị xã, thành phố". */
	for (size_t i = 0; i < n;) {
		size_t a = level_at(w, n, i);
		if (a && i + a < n && level_at(w, n, i + a))
			return 1;
		i += a ? a : 1;
	}
	return 0;
}

int agency_is_group(const char *text)
{
	if (!text)
		return 0;
	char *f = fold_words(text);
	if (!f)
		return 0;
	const char *w[128];
	size_t n = split_words(f, w, 128);
	int g = group_words_test(w, n);
	free(f);
	return g;
}

/* 1 when every folded word of part belongs to a group phrase and it does
 * not start with a body's name ("Tỉnh đoàn", "Tỉnh ủy"). */
static int is_continuation(const char *part)
{
	char *f = fold_words(part);
	if (!f)
		return 0;
	const char *w[64];
	size_t n = split_words(f, w, 64);
	int ok = n > 0 && strcmp(w[0], "tinh") != 0;
	for (size_t i = 0; ok && i < n; i++)
		ok = word_in(w[i], group_words);
	free(f);
	return ok;
}

/* Level words at the end of s ("Hội LHPN huyện") and s made of level
 * words only ("thị xã", "thành phố"): bits 1 and 2 of the result. */
static int level_shape(const char *s)
{
	char *f = fold_words(s);
	if (!f)
		return 0;
	const char *w[64];
	size_t n = split_words(f, w, 64), i = 0, last = 0;
	int only = n > 0;
	while (i < n) {
		size_t k = level_at(w, n, i);
		if (!k) {
			only = 0;
			i++;
			continue;
		}
		if (i + k == n)
			last = 1;
		i += k;
	}
	free(f);
	return (int)last | (only ? 2 : 0);
}

/* First words that begin an agency's name (compared upper-cased, with
 * diacritics: "BAN" is not "BẢN", "VĂN PHÒNG" is not "VĂN BÀN"). */
static const char *const heads_one[] = {
	"UBND", "HĐND", "ỦY", "UỶ", "SỞ", "HỘI", "BAN", "PHÒNG", "BỘ", "TỈNH",
	"HUYỆN", "XÃ", "PHƯỜNG", "ĐOÀN", "TRƯỜNG", "VIỆN", "CỤC", "ĐẢNG", "QUỸ",
	"CÁC", "BÁO", "ĐÀI", "BƯU", "TÒA", "TOÀ", "KHO", "BỆNH", "TRẠM", "HTX",
	"THƯỜNG", NULL,
};
static const char *const heads_two[] = {
	"VĂN PHÒNG", "TRUNG TÂM", "TRUNG ƯƠNG", "CHI NHÁNH", "CHI CỤC", "CHI HỘI",
	"CHI BỘ", "CÔNG AN", "CÔNG TY", "LIÊN ĐOÀN", "LIÊN MINH", "NGÂN HÀNG",
	"THỊ XÃ", "THỊ TRẤN", "THỊ ỦY", "THỊ UỶ", "THÀNH PHỐ", "THÀNH ỦY",
	"THÀNH UỶ", "THÀNH ĐOÀN", "THANH TRA", "MẶT TRẬN", "TỔNG CỤC",
	"TỔNG CÔNG", "HỢP TÁC", "VIỄN THÔNG", NULL,
};

/* 1 when text starts like an agency's name rather than a place name: a
 * head word, or a first word in capitals ("UBND", "BCH", "NHCSXH"). */
static int starts_agency(const char *text)
{
	struct atom *v;
	long n = atomize(text, &v);
	if (n <= 0) {
		free(v);
		return 0;
	}
	int yes = 0;
	char a[128], b[128], both[260];
	if (v[0].type == A_WORD) {
		atom_upper(&v[0], a, sizeof a);
		yes = word_in(a, heads_one);
		if (!yes && n > 1 && v[1].type == A_WORD) {
			atom_upper(&v[1], b, sizeof b);
			snprintf(both, sizeof both, "%s %s", a, b);
			yes = word_in(both, heads_two);
		}
		if (!yes) {
			int32_t i = 0, len = (int32_t)v[0].n, cps = 0, lower = 0;
			while (i < len) {
				UChar32 c;
				U8_NEXT((const uint8_t *)v[0].p, i, len, c);
				cps++;
				lower += c >= 0 && u_islower(c);
			}
			yes = cps >= 2 && !lower;
		}
	}
	free(v);
	return yes;
}

struct pieces {
	struct arena *a;
	char **v;
	size_t len, cap;
};

/* Trims white space, leading bullets and trailing dots and commas. */
static void trim_piece(char *s, char **start)
{
	char *p = s;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) {
			p += 2;
			continue;
		}
		if ((*p == '-' || *p == '+' || *p == '*') && (p[1] == ' ' || p[1] == '\t')) {
			p++;
			continue;
		}
		break;
	}
	size_t n = strlen(p);
	while (n) {
		char c = p[n - 1];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '.' || c == ',' ||
		    c == ';') {
			n--;
		} else if (n >= 2 && (unsigned char)p[n - 2] == 0xC2 && (unsigned char)p[n - 1] == 0xA0) {
			n -= 2;
		} else {
			break;
		}
	}
	p[n] = 0;
	*start = p;
}

static void emit(struct pieces *ps, const char *s, size_t n)
{
	char *copy = arena_strndup(ps->a, s, n), *t;
	if (!copy)
		return; /* the arena refused: it stays failed, the import says so */
	trim_piece(copy, &t);
	char **slot = *t ? ARENA_PUSH(ps->a, ps->v, ps->len, ps->cap) : NULL;
	if (slot)
		*slot = t;
}

/* Cuts s[0..n) at every sep outside parentheses; calls back per part. */
struct part {
	const char *p;
	size_t n;
};

static size_t cut(const char *s, size_t n, const char *seps, struct part *out, size_t max)
{
	size_t k = 0, start = 0;
	int depth = 0;
	for (size_t i = 0; i <= n; i++) {
		char c = i < n ? s[i] : 0;
		if (c == '(' || c == '[')
			depth++;
		else if ((c == ')' || c == ']') && depth > 0)
			depth--;
		if (i == n || (depth == 0 && strchr(seps, c) && c)) {
			if (k < max)
				out[k++] = (struct part){s + start, i - start};
			else /* too many: the rest stays in the last part */
				out[k - 1].n = i - (size_t)(out[k - 1].p - s);
			start = i + 1;
		}
	}
	return k;
}

/* A part as a temporary C string. Caller frees. */
static char *part_str(struct part p)
{
	char *s = malloc(p.n + 1);
	if (s) {
		memcpy(s, p.p, p.n);
		s[p.n] = 0;
	}
	return s;
}

/* Comma-separated agencies: groups keep their commas ("các sở, ban,
 * ngành"), a part that does not start like an agency stays with the one
 * before it ("Sở Văn hóa, Thể thao và Du lịch"). */
static void split_commas(struct pieces *ps, const struct part *parts, size_t n)
{
	struct buf acc;
	buf_init(&acc, 1 << 16);
	for (size_t i = 0; i < n; i++) {
		char *cur = part_str(parts[i]);
		if (!cur)
			break;
		int glue = 0;
		if (acc.len) {
			if (agency_is_group(buf_str(&acc)) && is_continuation(cur))
				glue = 1;
			else if ((level_shape(buf_str(&acc)) & 1) && (level_shape(cur) & 2))
				glue = 1; /* "Hội LHPN huyện, thị xã, thành phố" */
			else if (!starts_agency(cur) && !agency_is_group(cur))
				glue = 1;
		}
		if (glue) {
			buf_puts(&acc, ",");
		} else if (acc.len) {
			emit(ps, buf_str(&acc), acc.len);
			buf_cleanup(&acc);
			buf_init(&acc, 1 << 16);
		}
		buf_puts(&acc, cur);
		free(cur);
	}
	if (acc.len)
		emit(ps, buf_str(&acc), acc.len);
	buf_cleanup(&acc);
}

/* "UBND các huyện: Bảo Yên, Bắc Hà" -> "UBND huyện Bảo Yên", "UBND huyện
 * Bắc Hà". Returns 1 when s was such an enumeration (and emitted). */
static int split_enumeration(struct pieces *ps, const char *s, size_t n)
{
	struct part parts[256];
	const char *colon = memchr(s, ':', n);
	if (!colon)
		return 0;
	size_t pre = (size_t)(colon - s);
	char *prefix = part_str((struct part){s, pre});
	char *f = prefix ? fold_words(prefix) : NULL;
	int group = 0, ok = 0;
	size_t cac = 0;
	if (f) {
		const char *w[64];
		size_t k = split_words(f, w, 64);
		for (size_t i = 0; i + 1 < k && !group; i++)
			if (strcmp(w[i], "cac") == 0 && word_in(w[i + 1], group_nouns)) {
				group = 1;
				cac = i;
			}
		/* "các" and one noun end the prefix: "UBND các huyện", "các thị xã" */
		ok = group && !memchr(s, ',', pre) &&
		     (cac + 2 == k || (cac + 3 == k && level_at(w, k, cac + 1) == 2));
	}
	free(f);
	if (!ok) {
		free(prefix);
		if (!group)
			return 0;
		/* "UBND các huyện, thị xã: Bảo Yên, Sa Pa": which place is which
		 * kind cannot be told, so the text stays whole for review. */
		emit(ps, s, n);
		return 1;
	}
	/* The head: the prefix without its "các" word. */
	struct atom *v;
	long na = atomize(prefix, &v);
	struct buf head;
	buf_init(&head, 1 << 16);
	long words = 0;
	for (long i = 0; i < na; i++) {
		if (v[i].type != A_WORD)
			continue;
		if ((size_t)words++ == cac)
			continue;
		size_t from = (size_t)(v[i].p - prefix);
		if (head.len)
			buf_putc(&head, ' ');
		/* keep the original spelling up to the end of this word */
		buf_append(&head, prefix + from, v[i].n);
	}
	free(v);
	size_t np = cut(colon + 1, n - pre - 1, ",", parts, 256);
	size_t i = 0;
	for (; i < np; i++) {
		char *item = part_str(parts[i]);
		if (!item)
			break;
		char *t;
		trim_piece(item, &t);
		int full = starts_agency(t) || agency_is_group(t);
		if (!full && *t) {
			char *joined = arena_printf(ps->a, "%s %s", buf_str(&head), t);
			if (joined)
				emit(ps, joined, strlen(joined)); /* else the arena stays failed */
		}
		free(item);
		if (full)
			break;
	}
	if (i < np)
		split_commas(ps, parts + i, np - i);
	buf_cleanup(&head);
	free(prefix);
	return 1;
}

/* One piece between semicolons: " và các <group>" cut off, then the
 * enumeration or comma rules. */
static void split_piece(struct pieces *ps, const char *s, size_t n)
{
	static const char *const va[] = {" và các ", " Và các ", " VÀ CÁC ", " và Các ", NULL};
	for (size_t i = 0; i < n; i++) {
		for (const char *const *k = va; *k; k++) {
			size_t kl = strlen(*k);
			if (i + kl > n || memcmp(s + i, *k, kl) != 0)
				continue;
			char *rest = part_str((struct part){s + i + 5, n - i - 5});
			char *f = rest ? fold_words(rest) : NULL;
			int group = 0;
			if (f) {
				const char *w[4];
				size_t nw = split_words(f, w, 4);
				group = nw >= 2 && strcmp(w[0], "cac") == 0 && word_in(w[1], group_nouns);
			}
			free(f);
			free(rest);
			if (group) {
				split_piece(ps, s, i);
				split_piece(ps, s + i + 5, n - i - 5);
				return;
			}
		}
	}
	if (split_enumeration(ps, s, n))
		return;
	struct part parts[256];
	size_t np = cut(s, n, ",", parts, 256);
	split_commas(ps, parts, np);
}

size_t agency_split(struct arena *a, const char *text, char ***out)
{
	struct pieces ps = {a, NULL, 0, 0};
	*out = NULL;
	if (!text)
		return 0;
	struct part parts[256];
	size_t np = cut(text, strlen(text), ";\n", parts, 256);
	for (size_t i = 0; i < np; i++)
		split_piece(&ps, parts[i].p, parts[i].n);
	*out = ps.v;
	return ps.len;
}

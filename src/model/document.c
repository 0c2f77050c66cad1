/* document.c: importing a document: checks, extraction, and the one
 * transaction that saves it. */
#include "model/document.h"
#include "model/access.h"
#include "model/unit.h"
#include "model/user.h"
#include "model/audit.h"
#include "model/import_targets.h"
#include "model/rollup.h"
#include "model/task.h"
#include "import/docmodel.h"
#include "import/agency.h"
#include "import/extract.h"
#include "import/timeframe.h"
#include "import/render.h"
#include "import/legacy.h"
#include "db/db.h"
#include "db/store.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/text.h"
#include "base/token.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int line_of(const char *s, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

int document_check(const char *data, size_t n, char **text, size_t *len,
                   int *bad_line, char *why, size_t whylen)
{
	*text = NULL;
	*len = 0;
	*bad_line = 0;
	if (n > DOCUMENT_MAX_BYTES) {
		snprintf(why, whylen, "%zu bytes, more than the limit of %u bytes", n, DOCUMENT_MAX_BYTES);
		return PH_ETOOBIG;
	}
	/* A UTF-8 byte order mark is allowed and dropped. */
	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		n -= 3;
	}
	if (text_looks_binary(data, n)) {
		snprintf(why, whylen, "the file holds binary data, not text");
		return PH_EBINARY;
	}
	size_t bad = 0;
	if (!text_utf8_valid(data, n, &bad)) {
		*bad_line = line_of(data, bad);
		snprintf(why, whylen, "invalid UTF-8 at byte %zu (line %d)", bad, *bad_line);
		return PH_EUTF8;
	}
	size_t i = 0;
	while (i < n && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n' || data[i] == '\f'))
		i++;
	if (i == n) {
		snprintf(why, whylen, "the file has no text");
		return PH_EEMPTY;
	}
	char *nfc = text_nfc(data, n);
	if (!nfc)
		return PH_ENOMEM;
	/* CRLF and CR line ends become LF so line numbers mean one thing. */
	size_t w = 0;
	for (size_t r = 0; nfc[r]; r++) {
		if (nfc[r] == '\r') {
			nfc[w++] = '\n';
			if (nfc[r + 1] == '\n')
				r++;
		} else {
			nfc[w++] = nfc[r];
		}
	}
	nfc[w] = 0;
	*text = nfc;
	*len = w;
	return 0;
}

int document_load(const char *path, char **text, size_t *len, int *bad_line,
                  char *why, size_t whylen)
{
	struct buf b;
	buf_init(&b, DOCUMENT_MAX_BYTES);
	int rc = buf_read_file(&b, path);
	if (rc == PH_ETOOBIG)
		snprintf(why, whylen, "larger than the limit of %u bytes", DOCUMENT_MAX_BYTES);
	else if (rc)
		snprintf(why, whylen, "cannot read the file");
	else
		rc = document_check(buf_str(&b), b.len, text, len, bad_line, why, whylen);
	buf_cleanup(&b);
	return rc;
}

/* ---- files: text, Word, PDF ---- */

enum doc_format document_sniff(const char *data, size_t n)
{
	if (n >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		return DOC_DOCX;
	if (n >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return DOC_DOC;
	/* PDF readers accept the signature after some leading bytes. */
	size_t head = n < 1024 ? n : 1024;
	for (size_t i = 0; i + 5 <= head; i++)
		if (memcmp(data + i, "%PDF-", 5) == 0)
			return DOC_PDF;
	return DOC_TEXT;
}

/* An OLE2 file holding an "EncryptedPackage" stream is a Word file with
 * a password (ECMA-376 Part 2 / MS-OFFCRYPTO), not a Word 97 file. The
 * stream names are UTF-16LE in the directory sectors. */
static int ole2_encrypted(const char *data, size_t n)
{
	static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
	size_t m = sizeof name - 1;
	for (size_t i = 0; i + m <= n; i++)
		if (data[i] == 'E' && memcmp(data + i, name, m) == 0)
			return 1;
	return 0;
}

void document_input_free(struct document_input *in)
{
	struct rendering r = {.text = in->text, .len = in->len, .places = in->places,
	                      .places_len = in->places_len, .notes = in->notes,
	                      .notes_len = in->notes_len};
	rendering_free(&r);
	memset(in, 0, sizeof *in);
}

/* A checked text typed in TCVN3 or VNI (legacy_detect_text) is converted
 * whole, and a note says so for the review. */
static int legacy_text(struct document_input *in, char *why, size_t whylen)
{
	char *out = NULL;
	size_t out_len = 0;
	enum legacy_enc enc = LEGACY_NONE;
	int rc = legacy_fix_text(in->text, in->len, &out, &out_len, &enc);
	if (rc || enc == LEGACY_NONE) {
		if (rc)
			snprintf(why, whylen, "cannot convert the text from its legacy encoding");
		if (rc)
			document_input_free(in);
		return rc;
	}
	struct render_note *note = malloc(sizeof *note);
	char buf[256];
	snprintf(buf, sizeof buf, "Văn bản được gõ bằng bảng mã %s (không phải Unicode): hệ thống "
	         "đã chuyển sang Unicode; hãy đối chiếu chữ với văn bản gốc.", legacy_name(enc));
	char *msg = strdup(buf);
	if (!note || !msg) {
		free(note);
		free(out);
		document_input_free(in);
		return PH_ENOMEM;
	}
	free(in->text);
	in->text = out;
	in->len = out_len;
	note->line = 0;
	note->text = msg;
	in->notes = note;
	in->notes_len = 1;
	return 0;
}

int document_read(const char *data, size_t n, enum doc_format text_format,
                  struct document_input *in, char *why, size_t whylen)
{
	memset(in, 0, sizeof *in);
	if (why && whylen)
		why[0] = 0;
	if (n > DOCUMENT_MAX_BYTES) {
		snprintf(why, whylen, "%zu bytes, more than the limit of %u bytes", n, DOCUMENT_MAX_BYTES);
		return PH_ETOOBIG;
	}
	enum doc_format f = document_sniff(data, n);
	if (f == DOC_TEXT) {
		in->format = text_format == DOC_MARKDOWN ? DOC_MARKDOWN : DOC_TEXT;
		int rc = document_check(data, n, &in->text, &in->len, &in->bad_line, why, whylen);
		return rc ? rc : legacy_text(in, why, whylen);
	}
	struct rendering r;
	memset(&r, 0, sizeof r);
	int rc;
	if (f == DOC_DOC) {
		if (ole2_encrypted(data, n)) {
			snprintf(why, whylen, "the Word file is protected by a password");
			return PH_EENCRYPTED;
		}
		char *docx = NULL;
		size_t docx_len = 0;
		rc = convert_doc_to_docx(data, n, &docx, &docx_len, why, whylen);
		if (!rc) {
			rc = render_docx(docx, docx_len, &r, why, whylen);
			free(docx);
		}
	} else if (f == DOC_DOCX) {
		rc = render_docx(data, n, &r, why, whylen);
	} else {
		rc = render_pdf(data, n, &r, why, whylen);
	}
	if (rc) {
		rendering_free(&r);
		return rc;
	}
	in->format = f;
	in->text = r.text;
	in->len = r.len;
	in->places = r.places;
	in->places_len = r.places_len;
	in->notes = r.notes;
	in->notes_len = r.notes_len;
	return 0;
}

/* Where a line of a rendering is, in Vietnamese, in the arena; NULL when
 * the reader said nothing of it. */
static char *place_text(struct arena *a, const struct doc_place *p)
{
	char buf[128];
	size_t k = 0;
	buf[0] = 0;
#define PUT(...) \
	do { \
		int w_ = snprintf(buf + k, sizeof buf - k, __VA_ARGS__); \
		if (w_ > 0 && (size_t)w_ < sizeof buf - k) \
			k += (size_t)w_; \
	} while (0)
	if (p->page)
		PUT("trang %d", p->page);
	if (p->table) {
		PUT("%sbảng %d", k ? ", " : "", p->table);
		if (p->row)
			PUT(", hàng %d", p->row);
		if (p->column)
			PUT(", cột %d", p->column);
	} else if (p->paragraph) {
		PUT("%sđoạn %d", k ? ", " : "", p->paragraph);
	}
#undef PUT
	return k ? arena_strdup(a, buf) : NULL;
}

/* The place of line (1-based) in the rendering's places (in line order). */
static const struct doc_place *place_of(const struct document_input *in, int line)
{
	size_t lo = 0, hi = in->places_len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (in->places[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* The line itself, or the place of the nearest line before it (a
	 * blank line between blocks has the place of the block above). */
	if (lo < in->places_len && in->places[lo].line == line)
		return &in->places[lo];
	return lo ? &in->places[lo - 1] : NULL;
}

int document_upload_keep(struct db *db, const struct user *actor, const char *name,
                         const void *data, size_t len, long long *id)
{
	if (!actor || !actor->id)
		return PH_EUNAUTH;
	char sha[65], now[21], stale[21];
	token_sha256(data, len, sha);
	time_t t = time(NULL);
	audit_timestamp(t, now);
	audit_timestamp(t - 24 * 3600, stale);
	int rc = db_begin(db);
	if (rc)
		return rc;
	rc = store_import_upload_insert(db, actor->id, name, sha, data, len, now, stale, id);
	if (!rc)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

int document_upload_get(struct db *db, struct arena *a, const struct user *actor, long long id,
                        char **name, const void **data, size_t *len)
{
	if (!actor || !actor->id)
		return PH_EUNAUTH;
	return store_import_upload_get(db, a, id, actor->id, name, data, len);
}

int document_upload_drop(struct db *db, const struct user *actor, long long id)
{
	if (!actor || !actor->id)
		return PH_EUNAUTH;
	int rc = db_begin(db);
	if (rc)
		return rc;
	rc = store_import_upload_delete(db, id, actor->id);
	if (!rc)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

int document_file_get(struct db *db, struct arena *a, long long doc, char **name,
                      char **format, const void **data, size_t *len)
{
	return store_document_file_get(db, a, doc, name, format, data, len);
}

const char *document_file_mime(const char *format)
{
	if (format && !strcmp(format, "docx"))
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
	if (format && !strcmp(format, "doc"))
		return "application/msword";
	if (format && !strcmp(format, "pdf"))
		return "application/pdf";
	return "application/octet-stream";
}

int document_extract_input(const struct document_input *in, const struct resolver *r,
                           struct extraction *ex)
{
	int binary = in->format == DOC_DOCX || in->format == DOC_DOC || in->format == DOC_PDF;
	int rc = document_extract(in->text, in->len, binary ? DOC_TEXT : in->format, r, ex);
	if (rc)
		return rc;
	for (size_t i = 0; i < in->notes_len; i++)
		extraction_review(ex, in->notes[i].line, "%s", in->notes[i].text);
	if (!binary)
		return arena_failed(&ex->arena) || ex->failed ? (ex->arena.max ? PH_ETOOBIG : PH_ENOMEM) : 0;
	ex->format = in->format;
	for (size_t i = 0; i < ex->review_len; i++) {
		const struct doc_place *p = ex->review[i].line ? place_of(in, ex->review[i].line) : NULL;
		if (p && !(ex->review[i].place = place_text(&ex->arena, p)) && arena_failed(&ex->arena))
			return ex->arena.max ? PH_ETOOBIG : PH_ENOMEM;
	}
	if (arena_failed(&ex->arena) || ex->failed)
		return ex->arena.max ? PH_ETOOBIG : PH_ENOMEM;
	return 0;
}

int document_extract(const char *text, size_t len, enum doc_format format,
                     const struct resolver *r, struct extraction *ex)
{
	struct docmodel doc;
	memset(&doc, 0, sizeof doc);
	int rc = reader_text(&ex->arena, text, len, format, &doc);
	if (!rc)
		rc = extract_document(&doc, r, ex);
	/* Under a cap the document needed more than one import may use. */
	if (rc == PH_ENOMEM && ex->arena.max)
		rc = PH_ETOOBIG;
	return rc;
}

/* ---- the identity of a document ---- */

/* What documents.content_hash holds: this prefix and the 64 hex digits of
 * document_hash. A hash without it is of the first form (SHA-256 of the
 * NFC text with LF line ends, not normalized further): such documents
 * were imported before the hash was normalized; rehash_legacy rewrites
 * them. A second document whose text normalizes like an earlier one's
 * (a copy made before the normalization) keeps "#<its id>" after the
 * hash, so that it stays unique and the earlier one is the one found. */
#define KEY_PREFIX "norm-sha256:"
enum { KEY_LEN = sizeof KEY_PREFIX - 1 + 64 + 1, KEY_DUP_LEN = KEY_LEN + 24 };

static void key_of(const char hash[static 65], char key[static KEY_LEN])
{
	snprintf(key, KEY_LEN, "%s%s", KEY_PREFIX, hash);
}

/* Length of the white-space character that ends just before s[t] (t > a,
 * a the start of the line): ASCII space, tab, FF, VT, NBSP, U+2000..U+200B,
 * U+202F, U+205F, U+3000, U+FEFF; 0 when the character there is none. */
static size_t space_before(const char *s, size_t a, size_t t)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[t - 1] == ' ' || u[t - 1] == '\t' || u[t - 1] == '\f' || u[t - 1] == '\v')
		return 1;
	if (t - a >= 2 && u[t - 2] == 0xC2 && u[t - 1] == 0xA0)
		return 2;
	if (t - a < 3)
		return 0;
	unsigned char b0 = u[t - 3], b1 = u[t - 2], b2 = u[t - 1];
	if ((b0 == 0xE2 && b1 == 0x80 && ((b2 >= 0x80 && b2 <= 0x8B) || b2 == 0xAF)) ||
	    (b0 == 0xE2 && b1 == 0x81 && b2 == 0x9F) || (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) ||
	    (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF))
		return 3;
	return 0;
}

/* The normalized form of text (see document_hash) in *out (caller frees),
 * *n its length. Compacted in place in the NFC copy: every line written
 * is no longer than the line read, and each line end written stands for at
 * least one read. PH_ENOMEM. */
static int normalize(const char *text, size_t len, char **out, size_t *n)
{
	char *s = text_nfc(text, len);
	*out = s;
	*n = 0;
	if (!s)
		return PH_ENOMEM;
	size_t total = strlen(s), i = 0, w = 0;
	int any = 0, gap = 0;
	if (total >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < total) {
		size_t e = i, k;
		while (e < total && s[e] != '\n' && s[e] != '\r')
			e++;
		size_t t = e;
		while (t > i && (k = space_before(s, i, t)) != 0)
			t -= k;
		if (t == i) {
			gap = any;
		} else {
			if (any) {
				s[w++] = '\n';
				if (gap)
					s[w++] = '\n';
			}
			memmove(s + w, s + i, t - i);
			w += t - i;
			any = 1;
			gap = 0;
		}
		i = e; /* past the line end: LF, CR or CRLF */
		if (i < total && s[i] == '\r')
			i++;
		if (i < total && s[i] == '\n')
			i++;
	}
	s[w] = 0;
	*n = w;
	return 0;
}

int document_hash(const char *text, size_t len, char out[static 65])
{
	char *norm = NULL;
	size_t n = 0;
	out[0] = 0;
	int rc = normalize(text, len, &norm, &n);
	if (!rc)
		token_sha256(norm, n, out);
	free(norm);
	return rc;
}

/* Go through the documents whose hash is of the first form, computing
 * their key from their stored text. *found gets the first one whose key
 * is key (0: none; key may be "" to find nothing). With fix, every one's
 * hash is rewritten in the current form (in the caller's transaction);
 * without, the scan stops at the first found and writes nothing. One
 * document's text is in memory at a time. 0, PH_ENOMEM, PH_EDB. */
static int legacy_scan(struct db *db, const char *key, int fix, long long *found)
{
	struct arena a;
	arena_init(&a);
	long long *ids = NULL;
	size_t n = 0;
	*found = 0;
	int rc = store_document_ids_hash_not_like(db, &a, KEY_PREFIX "%", &ids, &n);
	for (size_t i = 0; !rc && i < n && (fix || !*found); i++) {
		struct arena t;
		arena_init(&t);
		char *text = NULL, hash[65], k[KEY_DUP_LEN];
		rc = store_document_text(db, &t, ids[i], &text);
		if (!rc)
			rc = document_hash(text, strlen(text), hash);
		if (!rc) {
			key_of(hash, k);
			if (!*found && strcmp(k, key) == 0)
				*found = ids[i];
		}
		if (!rc && fix) {
			long long other = 0;
			int taken = store_document_by_hash(db, k, &other);
			if (taken == 0)
				snprintf(k + strlen(k), sizeof k - strlen(k), "#%lld", ids[i]);
			else if (taken != PH_ENOTFOUND)
				rc = taken;
			if (!rc)
				rc = store_document_set_hash(db, ids[i], k);
		}
		arena_cleanup(&t);
	}
	arena_cleanup(&a);
	return rc;
}

/* Rewrite the hashes of the first form, in a transaction of their own, so
 * that an import finds those documents by key. Nothing to do (and no
 * transaction) once none is left. 0, PH_ENOMEM, PH_EDB. */
static int rehash_legacy(struct db *db)
{
	struct arena a;
	arena_init(&a);
	long long *ids = NULL, found = 0;
	size_t n = 0;
	int rc = store_document_ids_hash_not_like(db, &a, KEY_PREFIX "%", &ids, &n);
	arena_cleanup(&a);
	if (rc || !n)
		return rc;
	rc = db_begin(db);
	if (!rc)
		rc = legacy_scan(db, "", 1, &found);
	if (!rc)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}

/* The id of the document stored with the key of hash, or of the first
 * form with the same normalized text: 0 with *id, PH_ENOTFOUND, PH_ENOMEM,
 * PH_EDB. Reads only. */
static int find_same(struct db *db, const char hash[static 65], long long *id)
{
	char key[KEY_LEN];
	key_of(hash, key);
	int rc = store_document_by_hash(db, key, id);
	if (rc != PH_ENOTFOUND)
		return rc;
	rc = legacy_scan(db, key, 0, id);
	return rc ? rc : *id ? 0 : PH_ENOTFOUND;
}

/* 1 when two place names are the same place (case and diacritics aside). */
static int same_place(const char *a, const char *b)
{
	char *fa = text_fold(a), *fb = text_fold(b);
	int same = !fa || !fb || strcmp(fa, fb) == 0;
	free(fa);
	free(fb);
	return same;
}

int document_prior(struct db *db, struct arena *a, const struct extraction *ex,
                   const char *text, size_t len, struct document_prior *out)
{
	char hash[65], iso[11];
	long long id = 0;
	struct document_brief *list = NULL;
	size_t n = 0;
	memset(out, 0, sizeof *out);
	if (!db)
		return 0;
	out->checked = 1;
	int rc = document_hash(text, len, hash);
	if (!rc)
		rc = find_same(db, hash, &id);
	if (!rc) {
		out->same_text = arena_alloc(a, sizeof *out->same_text);
		rc = out->same_text ? store_document_brief(db, a, id, out->same_text) : PH_ENOMEM;
		if (rc)
			out->same_text = NULL;
	}
	if (rc == PH_ENOTFOUND)
		rc = 0;
	if (rc || !ex->number || !date_iso(ex->date, iso))
		return rc;
	rc = store_documents_same_number(db, a, ex->number, ex->symbol, iso, id,
	                                 DOCUMENT_PRIOR_MAX, &list, &n);
	/* Two provinces' committees may both issue a "12/KH-UBND" on one day:
	 * a place both documents name tells them apart. */
	for (size_t i = 0; !rc && i < n; i++)
		if (!ex->place || !list[i].place || same_place(ex->place, list[i].place))
			list[out->same_number_len++] = list[i];
	out->same_number = out->same_number_len ? list : NULL;
	return rc;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *brief_json(const struct document_brief *b)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	int bad = json_object_set_new(o, "document_id", json_integer((json_int_t)b->id)) ||
	          json_object_set_new(o, "plan_id", b->plan_id ? json_integer((json_int_t)b->plan_id)
	                                                       : json_null()) ||
	          json_object_set_new(o, "number", str_or_null(b->number)) ||
	          json_object_set_new(o, "symbol", str_or_null(b->symbol)) ||
	          json_object_set_new(o, "date", str_or_null(b->date)) ||
	          json_object_set_new(o, "title", str_or_null(b->title)) ||
	          json_object_set_new(o, "source_name", str_or_null(b->source_name)) ||
	          json_object_set_new(o, "imported_at", str_or_null(b->imported_at));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int document_prior_json(struct json_t *o, const struct document_prior *p)
{
	json_t *same = p->same_text ? brief_json(p->same_text) : json_null();
	json_t *arr = json_array();
	int bad = !same || !arr;
	for (size_t i = 0; !bad && i < p->same_number_len; i++)
		bad = json_array_append_new(arr, brief_json(&p->same_number[i])) != 0;
	if (bad) {
		json_decref(same);
		json_decref(arr);
		return PH_ENOMEM;
	}
	/* json_object_set_new takes its value, also when it fails */
	int bad1 = json_object_set_new(o, "already_imported", same);
	int bad2 = json_object_set_new(o, "same_number_date", arr);
	return bad1 || bad2 ? PH_ENOMEM : 0;
}

/* ---- the document's parties ---- */

/* Longest name tried, in words; words read from one title or line. */
#define PARTY_WORDS 24
#define LINE_WORDS 256
/* How much of the text before the first section is read for the opening. */
#define OPENING_LINES 80
#define OPENING_BYTES (32u * 1024)

/* The words of one line: markup (*, #, _, quotes) dropped, punctuation
 * , ; : ( ) and a word-final . as words of their own. */
struct words {
	char *buf;              /* malloc'd; words NUL-separated */
	char *w[LINE_WORDS];
	size_t n;
};

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* 0 or PH_ENOMEM; free t->buf after. */
static int words_of(const char *s, size_t len, struct words *t)
{
	memset(t, 0, sizeof *t);
	if (len > 4096) {
		len = 4096;
		while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	t->buf = malloc(2 * len + 2);
	if (!t->buf)
		return PH_ENOMEM;
	size_t o = 0;
	int in_word = 0;
	for (size_t i = 0; i < len && t->n < LINE_WORDS; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '*' || c == '#' || c == '_' || c == '"')
			continue;
		/* “ and ” are quotes: spaces here */
		if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x9D)) {
			i += 2;
			c = ' ';
		}
		int punct = c == ',' || c == ';' || c == ':' || c == '(' || c == ')' ||
		            (c == '.' && (i + 1 == len || is_space((unsigned char)s[i + 1])));
		if (is_space(c) || punct) {
			if (in_word)
				t->buf[o++] = 0;
			in_word = 0;
			if (punct) {
				t->w[t->n++] = t->buf + o;
				t->buf[o++] = (char)c;
				t->buf[o++] = 0;
			}
			continue;
		}
		if (!in_word) {
			t->w[t->n++] = t->buf + o;
			in_word = 1;
		}
		t->buf[o++] = (char)c;
	}
	if (in_word)
		t->buf[o++] = 0;
	return 0;
}

/* 1 when word, folded, is one of the NULL-terminated list. */
static int word_is(const char *word, const char *const *list)
{
	char *f = text_fold(word);
	int yes = 0;
	for (size_t i = 0; f && list[i] && !yes; i++)
		yes = !strcmp(f, list[i]);
	free(f);
	return yes;
}

static const char *const joiners[] = {",", ";", "voi", "va", "cung", NULL};

/* The unit named by the longest run of words of t from i (at most
 * PARTY_WORDS, not ending on punctuation); 0 when none. *used gets the
 * run's length. */
static long long longest_name(const struct resolver *r, const struct words *t, size_t i,
                              struct ph_date on, const char *place, size_t *used)
{
	char name[2048];
	size_t max = t->n - i < PARTY_WORDS ? t->n - i : PARTY_WORDS;
	for (size_t k = max; k >= 1; k--) {
		const char *last = t->w[i + k - 1];
		if (strchr(",;:(.", last[0]) && !last[1])
			continue;
		size_t o = 0;
		int fits = 1;
		for (size_t j = 0; j < k && fits; j++) {
			const char *w = t->w[i + j];
			int tight = j == 0 || (strchr(",;:).", w[0]) && !w[1]) ||
			            !strcmp(t->w[i + j - 1], "(");
			size_t wl = strlen(w);
			fits = o + wl + 2 < sizeof name;
			if (fits && !tight)
				name[o++] = ' ';
			if (fits) {
				memcpy(name + o, w, wl);
				o += wl;
			}
		}
		if (!fits)
			continue;
		name[o] = 0;
		const char *canonical = NULL;
		int id = resolver_lookup(r, name, on, place, &canonical);
		if (id > 0) {
			*used = k;
			return id;
		}
	}
	return 0;
}

static void add_party(long long *ids, size_t *n, long long id)
{
	for (size_t i = 0; i < *n; i++)
		if (ids[i] == id)
			return;
	if (*n < DOCUMENT_PARTIES_MAX)
		ids[(*n)++] = id;
}

/* The bodies listed after each "giữa" of t: names joined by "với", "và",
 * "cùng" and commas, up to the first words that name no unit. */
static void joint_parties(const struct resolver *r, const struct words *t, struct ph_date on,
                          const char *place, long long *ids, size_t *n)
{
	static const char *const between[] = {"giua", NULL};
	for (size_t g = 0; g < t->n; g++) {
		if (!word_is(t->w[g], between))
			continue;
		size_t i = g + 1;
		while (i < t->n && *n < DOCUMENT_PARTIES_MAX) {
			while (i < t->n && word_is(t->w[i], joiners))
				i++;
			size_t used = 0;
			long long id = i < t->n ? longest_name(r, t, i, on, place, &used) : 0;
			if (id <= 0)
				break;
			add_party(ids, n, id);
			i += used;
		}
	}
}

/* One issuing body as the header writes it ("ỦY BAN NHÂN DÂN TỈNH LÀO
 * CAI", "BCH HỘI NÔNG DÂN TỈNH LÀO CAI"): the unit its words name from
 * the start, or after a collegial body's title (the executive committee
 * or standing board issues in the organization's name). */
static void issuer_party(const struct resolver *r, const char *issuer, size_t len,
                         struct ph_date on, const char *place, long long *ids, size_t *n)
{
	static const char *const titles[] = {"bch", "btv", "ban", "chap", "hanh", "thuong", "vu",
	                                     "truc", NULL};
	struct words t;
	if (words_of(issuer, len, &t))
		return;
	for (size_t skip = 0; skip <= 3 && skip < t.n; skip++) {
		if (skip && !word_is(t.w[skip - 1], titles))
			break;
		size_t used = 0;
		long long id = longest_name(r, &t, skip, on, place, &used);
		if (id > 0) {
			add_party(ids, n, id);
			break;
		}
	}
	free(t.buf);
}

size_t document_parties(const struct resolver *r, const struct extraction *ex,
                        const char *text, size_t len, long long *ids)
{
	size_t n = 0;
	if (!r)
		return 0;
	/* The day and place the importer resolves the document's names on. */
	struct ph_date on = ex->date;
	if (!date_is_full(on))
		on = (struct ph_date){ex->year, ex->year ? 7 : 0, ex->year ? 1 : 0};
	const char *place = ex->place;
	for (const char *p = ex->issuers; p && *p;) {
		const char *semi = strchr(p, ';');
		size_t l = semi ? (size_t)(semi - p) : strlen(p);
		issuer_party(r, p, l, on, place, ids, &n);
		p = semi ? semi + 1 : p + l;
	}
	struct words t;
	if (ex->title && !words_of(ex->title, strlen(ex->title), &t)) {
		joint_parties(r, &t, on, place, ids, &n);
		free(t.buf);
	}
	/* The opening: the lines before the first section ("I. ..."), but
	 * not the legal bases, which cite other documents. */
	static const char *const basis[] = {"can", NULL};
	static const char *const basis2[] = {"cu", NULL};
	size_t lines = 0, at = 0, cap = len < OPENING_BYTES ? len : OPENING_BYTES;
	while (at < cap && lines < OPENING_LINES) {
		const char *nl = memchr(text + at, '\n', cap - at);
		size_t l = nl ? (size_t)(nl - (text + at)) : cap - at;
		if (!words_of(text + at, l, &t)) {
			int section = t.n >= 2 && !strcmp(t.w[0], "I") && !strcmp(t.w[1], ".");
			int legal = t.n >= 2 && word_is(t.w[0], basis) && word_is(t.w[1], basis2);
			if (!section && !legal)
				joint_parties(r, &t, on, place, ids, &n);
			free(t.buf);
			if (section)
				break;
		}
		at += l + 1;
		lines++;
	}
	return n;
}

/* A lead unit and whether the importer may give it a task. */
struct verdict {
	long long unit;
	int ok;
};

/* document_reach without touching ex. */
static int check_reach(struct db *db, const struct user *actor, const struct resolver *r,
                       const struct extraction *ex, const char *text, size_t len,
                       struct arena *a, struct document_reach *out)
{
	memset(out, 0, sizeof *out);
	int rc = access_check(db, actor, ACT_IMPORT, 0);
	if (rc)
		return rc;
	if (actor->role == ROLE_ADMIN)
		return 0; /* administrators (and the command line) reach every unit */
	struct verdict *v = NULL;
	size_t nv = 0, cv = 0, pending = 0;
	for (size_t i = 0; !rc && i < ex->tasks_len; i++) {
		const struct ex_unitref *l = &ex->tasks[i].lead;
		/* no lead, a group phrase, a name that becomes a proposed
		 * unit under the importer's unit: nothing to check */
		if (!l->text || l->group || l->unit_id <= 0)
			continue;
		size_t k = 0;
		while (k < nv && v[k].unit != l->unit_id)
			k++;
		if (k < nv)
			continue;
		struct verdict *x = ARENA_PUSH(a, v, nv, cv);
		if (!x)
			return PH_ENOMEM;
		x->unit = l->unit_id;
		rc = access_check(db, actor, ACT_IMPORT, x->unit);
		x->ok = !rc;
		pending += rc == PH_EFORBIDDEN;
		if (rc == PH_EFORBIDDEN)
			rc = 0;
	}
	if (rc || !pending)
		return rc;
	/* Some lead is outside the reach: the document's parties may allow
	 * it. */
	struct resolver *own = NULL;
	if (!r) {
		own = unit_resolver_db(db, &rc);
		if (!own)
			return rc ? rc : PH_ENOMEM;
		r = own;
	}
	out->nparties = document_parties(r, ex, text, len, out->parties);
	resolver_free(own);
	for (size_t k = 0; !rc && k < nv; k++) {
		if (v[k].ok)
			continue;
		rc = access_import_lead(db, actor, v[k].unit, out->parties, out->nparties);
		v[k].ok = !rc;
		if (rc == PH_EFORBIDDEN)
			rc = 0;
	}
	for (size_t i = 0; !rc && i < ex->tasks_len; i++) {
		const struct ex_unitref *l = &ex->tasks[i].lead;
		if (!l->text || l->group || l->unit_id <= 0)
			continue;
		for (size_t k = 0; k < nv; k++) {
			if (v[k].unit != l->unit_id || v[k].ok)
				continue;
			struct document_outside *o = ARENA_PUSH(a, out->outside, out->noutside, out->cap);
			if (!o)
				return PH_ENOMEM;
			o->task = i;
			o->unit_id = l->unit_id;
		}
	}
	return rc;
}

int document_reach(struct db *db, const struct user *actor, const struct resolver *r,
                   struct extraction *ex, const char *text, size_t len, int add_review,
                   struct arena *a, struct document_reach *out)
{
	int rc = check_reach(db, actor, r, ex, text, len, a, out);
	for (size_t i = 0; !rc && add_review && i < out->noutside; i++) {
		const struct ex_task *t = &ex->tasks[out->outside[i].task];
		extraction_review(ex, t->line, "Đơn vị chủ trì “%s” của nhiệm vụ %s nằm ngoài phạm vi"
		                  " của bạn: cần quản trị viên xác nhận.",
		                  t->lead.unit ? t->lead.unit : t->lead.text, t->no ? t->no : "");
	}
	/* a review item the arena refused would be a warning never shown */
	if (!rc && add_review && arena_failed(&ex->arena))
		rc = PH_ENOMEM;
	return rc;
}

/* ---- saving ---- */

/* Names that resolved to nothing become proposed units, one per folded
 * name; ids are remembered so each mention links to its unit. */
struct proposed_ids {
	char **folded;
	long long *ids;
	size_t n;
};

static int proposed_id(struct db *db, struct arena *a, struct proposed_ids *p,
                       const char *hash, const char *text, long long parent, long long *id)
{
	char *f = text_fold(text);
	if (!f)
		return PH_ENOMEM;
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->folded[i], f) == 0) {
			*id = p->ids[i];
			free(f);
			return 0;
		}
	char *key = arena_printf(a, "proposed.%.12s.%zu", hash, p->n + 1);
	/* Under the importer's unit (in its reach, where it can accept or
	 * merge it), marked proposed until someone accepts it. */
	int rc = key ? store_unit_insert(db, key, parent, "other", NULL, text, NULL, NULL, NULL, 1,
	                                 id)
	             : PH_ENOMEM;
	if (!rc) {
		char **nf = arena_grow(a, p->folded, p->n * sizeof *nf, (p->n + 1) * sizeof *nf);
		long long *ni = nf ? arena_grow(a, p->ids, p->n * sizeof *ni, (p->n + 1) * sizeof *ni)
		                   : NULL;
		char *copy = ni ? arena_strdup(a, f) : NULL;
		if (!copy) {
			rc = PH_ENOMEM;
		} else {
			nf[p->n] = copy;
			ni[p->n] = *id;
			p->folded = nf;
			p->ids = ni;
			p->n++;
		}
	}
	free(f);
	return rc;
}

/* The unit id a reference is saved with: its registry id, a proposed
 * unit's id, or 0 for a group phrase, no text, or a name past the cap of
 * proposals (kept as text only). */
static int ref_unit(struct db *db, struct arena *a, struct proposed_ids *p,
                    const char *hash, const struct ex_unitref *u, long long parent,
                    long long *id)
{
	*id = 0;
	if (!u->text || u->group || u->unlisted)
		return 0;
	if (u->unit_id > 0) {
		*id = u->unit_id;
		return 0;
	}
	return proposed_id(db, a, p, hash, u->text, parent, id);
}

static const char *iso(struct arena *a, struct ph_date d)
{
	char buf[11];
	return date_iso(d, buf) ? arena_strdup(a, buf) : NULL;
}

/* The plan of ex; proposed units go under unit parent (0: top level). */
static int save_plan(struct db *db, struct arena *a, const struct extraction *ex,
                     const char *hash, long long doc, long long parent, long long *plan)
{
	struct proposed_ids prop = {0};
	const char *title = ex->title ? ex->title : "(không có tiêu đề)";
	int rc = store_plan_insert(db, doc, title, iso(a, ex->period.period_start),
	                           iso(a, ex->period.period_end), plan);
	/* Sections: parent is the nearest earlier section of a lower level. */
	long long stack[8] = {0};
	for (size_t i = 0; !rc && i < ex->sections_len; i++) {
		const struct ex_section *s = &ex->sections[i];
		int level = s->level < 1 ? 1 : s->level > 7 ? 7 : s->level;
		long long parent = 0, id = 0;
		for (int l = level - 1; l >= 1 && !parent; l--)
			parent = stack[l];
		rc = store_section_insert(db, *plan, parent, (int)i + 1, s->no, s->title,
		                          s->level, s->line, &id);
		stack[level] = id;
		for (int l = level + 1; l < 8; l++)
			stack[l] = 0;
	}
	for (size_t i = 0; !rc && i < ex->tasks_len; i++) {
		const struct ex_task *t = &ex->tasks[i];
		long long lead = 0, task = 0;
		rc = ref_unit(db, a, &prop, hash, &t->lead, parent, &lead);
		if (!rc)
			rc = store_task_insert(db, *plan, (int)i + 1, t->no, t->section,
			                       t->content ? t->content : "", lead, t->lead.text,
			                       t->timeframe_text, iso(a, t->timeframe.start),
			                       iso(a, t->timeframe.end),
			                       timeframe_kind_name(t->timeframe.kind),
			                       t->timeframe.expected, t->notes, t->source,
			                       t->line, &task);
		if (!rc) {
			char *search = task_search_text(t->no, t->section, t->content, t->lead.text,
			                                t->notes);
			rc = search ? store_task_set_search(db, task, search) : PH_ENOMEM;
			free(search);
		}
		for (size_t k = 0; !rc && k < t->coordinating_len; k++) {
			const struct ex_unitref *c = &t->coordinating[k];
			long long unit = 0;
			rc = ref_unit(db, a, &prop, hash, c, parent, &unit);
			if (!rc)
				rc = store_coordinator_insert(db, task, (int)k + 1, unit, c->text, c->group);
		}
	}
	for (size_t i = 0; !rc && i < ex->deadlines_len; i++) {
		const struct ex_deadline *d = &ex->deadlines[i];
		rc = store_deadline_insert(db, *plan, (int)i + 1, d->text,
		                           d->kind ? d->kind : "other", iso(a, d->date),
		                           d->to, 0, d->line);
	}
	for (size_t i = 0; !rc && i < ex->targets_len; i++) {
		const struct ex_target *t = &ex->targets[i];
		rc = store_target_insert(db, *plan, (int)i + 1, t->text, t->op, t->value,
		                         t->unit, t->year_from, t->year_to, t->each_year, t->line);
	}
	return rc;
}

int document_save(struct db *db, const struct user *actor, const struct extraction *ex,
                  const char *source_name, const char *text, size_t len,
                  long long *doc_id, long long *plan_id)
{
	return document_save_with(db, actor, ex, source_name, text, len, NULL, 0, NULL,
	                          doc_id, plan_id, NULL);
}

int document_save_with(struct db *db, const struct user *actor, const struct extraction *ex,
                       const char *source_name, const char *text, size_t len,
                       const struct import_target_choice *choices, size_t nchoices,
                       long long *indicator_ids, long long *doc_id, long long *plan_id,
                       const char **why)
{
	char hash[65], key[KEY_LEN];
	int dup_doc = 0;
	struct arena a;
	arena_init(&a);
	*doc_id = *plan_id = 0;
	int rc = document_hash(text, len, hash);
	/* The role, then every lead: outside the importer's reach and the
	 * document's parties, an administrator must import it. */
	struct document_reach reach;
	if (!rc)
		rc = check_reach(db, actor, NULL, ex, text, len, &a, &reach);
	if (!rc && reach.noutside)
		rc = PH_EFORBIDDEN;
	if (!rc)
		rc = rehash_legacy(db);
	if (rc) {
		arena_cleanup(&a);
		return rc;
	}
	key_of(hash, key);
	rc = db_begin(db);
	if (rc)
		goto out;
	if (store_document_by_hash(db, key, doc_id) == 0) {
		dup_doc = 1;
		rc = PH_EDUPLICATE;
		goto out;
	}
	rc = store_document_insert(db, extraction_type_name(ex->type), ex->type_text,
	                           ex->number, ex->symbol, ex->place, iso(&a, ex->date),
	                           ex->year, ex->title, ex->issuers, source_name, key,
	                           text, doc_format_name(ex->format), doc_id);
	if (!rc && ex->original) {
		char sha[65];
		token_sha256(ex->original, ex->original_len, sha);
		rc = store_document_file_insert(db, *doc_id, source_name,
			                                doc_format_name(ex->format), ex->original,
			                                ex->original_len, sha);
	}
	for (size_t i = 0; !rc && i < ex->references_len; i++) {
		const struct ex_reference *r = &ex->references[i];
		rc = store_reference_insert(db, *doc_id, (int)i + 1, r->text, r->kind,
		                            r->number, iso(&a, r->date), r->issuer, r->line);
	}
	for (size_t i = 0; !rc && i < ex->recipients_len; i++)
		rc = store_recipient_insert(db, *doc_id, (int)i + 1, ex->recipients[i]);
	for (size_t i = 0; !rc && i < ex->signers_len; i++) {
		const struct ex_signer *s = &ex->signers[i];
		rc = store_signer_insert(db, *doc_id, (int)i + 1, s->name, s->position,
		                         s->authority, s->organization);
	}
	for (size_t i = 0; !rc && i < ex->review_len; i++)
		rc = store_review_insert(db, *doc_id, (int)i + 1, ex->review[i].line,
		                         ex->review[i].what, ex->review[i].place);
	if (!rc)
		rc = save_plan(db, &a, ex, hash, *doc_id, actor->unit_id, plan_id);
	/* A date iso() could not copy went in as NULL: undo it all. */
	if (!rc && arena_failed(&a))
		rc = PH_ENOMEM;
	if (!rc)
		rc = audit_record_json(db, actor, "document.import", "plan", *plan_id, NULL,
		                       json_pack("{s:I, s:s?, s:s?, s:I}",
		                                 "document_id", (json_int_t)*doc_id,
		                                 "title", ex->title, "source", source_name,
		                                 "tasks", (json_int_t)ex->tasks_len));
	if (!rc && nchoices)
		rc = import_targets_save(db, actor, ex, choices, nchoices, *plan_id,
		                         indicator_ids, why);
	if (!rc)
		rc = db_commit(db);
	for (size_t i = 0; !rc && indicator_ids && i < nchoices; i++)
		rollup_indicator_changed(indicator_ids[i]);
out:
	if (rc) {
		db_rollback(db);
		if (!dup_doc)
			*doc_id = 0;
		*plan_id = 0;
	}
	arena_cleanup(&a);
	return rc;
}

/* ---- review corrections ---- */

/* 1 when ref is written as text; gives it the unit. */
static int set_ref(struct extraction *ex, struct ex_unitref *ref, const char *text,
                   long long unit_id, const char *name)
{
	if (!ref->text || strcmp(ref->text, text) != 0)
		return 0;
	ref->unit_id = (int)unit_id;
	ref->unit = arena_strdup(&ex->arena, name);
	ref->group = 0;
	ref->unlisted = 0;
	return 1;
}

/* 1 when some reference still unresolved folds to folded; -1 when memory
 * ran out (the proposal is then kept). */
static int still_unresolved(const struct extraction *ex, const char *folded)
{
	for (size_t i = 0; i < ex->tasks_len; i++) {
		const struct ex_task *t = &ex->tasks[i];
		/* k == coordinating_len stands for the lead. */
		for (size_t k = 0; k <= t->coordinating_len; k++) {
			const struct ex_unitref *r = k < t->coordinating_len ? &t->coordinating[k] : &t->lead;
			if (!r->text || r->group || r->unit_id > 0)
				continue;
			char *f = text_fold(r->text);
			int same = !f ? -1 : strcmp(f, folded) == 0;
			free(f);
			if (same)
				return same;
		}
	}
	return 0;
}

int document_set_unit(struct db *db, struct extraction *ex, const char *text,
                      long long unit_id)
{
	struct arena a;
	arena_init(&a);
	struct unit u;
	char *folded = NULL;
	int rc = text ? store_unit_get(db, &a, unit_id, &u) : PH_EINVAL;
	if (rc)
		goto out;
	size_t changed = 0;
	for (size_t i = 0; i < ex->tasks_len; i++) {
		struct ex_task *t = &ex->tasks[i];
		changed += (size_t)set_ref(ex, &t->lead, text, unit_id, u.name);
		for (size_t k = 0; k < t->coordinating_len; k++)
			changed += (size_t)set_ref(ex, &t->coordinating[k], text, unit_id, u.name);
	}
	if (arena_failed(&ex->arena)) {
		rc = PH_ENOMEM; /* a unit's name could not be copied into ex */
		goto out;
	}
	if (!changed) {
		rc = PH_EINVAL;
		goto out;
	}
	/* Proposals are one per folded name: only the one of this name can
	 * have lost its last mention, so only for it are the mentions left
	 * searched (once, not once per proposal). */
	folded = text_fold(text);
	if (!folded) {
		rc = PH_ENOMEM;
		goto out;
	}
	size_t w = 0;
	for (size_t i = 0; i < ex->proposed_len; i++) {
		char *f = text_fold(ex->proposed[i].name);
		int keep = !f || strcmp(f, folded) != 0 || still_unresolved(ex, f) != 0;
		free(f);
		if (keep)
			ex->proposed[w++] = ex->proposed[i];
	}
	ex->proposed_len = w;
out:
	free(folded);
	arena_cleanup(&a);
	return rc;
}

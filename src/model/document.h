/* document.h: the document import use case. A file is read and checked
 * (size, binary, UTF-8, empty), normalized to NFC, read into the document
 * model, extracted, and, when confirmed, saved in one transaction. */
#ifndef PH_DOCUMENT_H
#define PH_DOCUMENT_H
#include <stddef.h>
#include "import/docmodel.h"
#include "base/arena.h"

struct db;
struct arena;
struct resolver;
struct extraction;
struct user;

/* Largest document accepted, in bytes. Real plans are well under 1 MB. */
#define DOCUMENT_MAX_BYTES (16u * 1024 * 1024)

/* Most memory the extraction of one document imported through the web may
 * take (extraction_init_capped), in its arena and again in the scratch
 * arenas of its extractors. The document model costs about 9 bytes per
 * byte of text, so the largest document (DOCUMENT_MAX_BYTES) fits; a text
 * shaped to need more is refused (413) instead of taking the machine. */
#define DOCUMENT_EXTRACTION_MAX_MEMORY ((size_t)256 * 1024 * 1024)

/* Read and check the file at path. On success *text is the NFC text
 * (caller frees) and *len its length. On failure returns PH_EIO, PH_EEMPTY,
 * PH_EBINARY, PH_EUTF8 (*bad_line = 1-based line of the first bad byte) or
 * PH_ETOOBIG, and writes a one-line English detail into why. */
int document_load(const char *path, char **text, size_t *len, int *bad_line,
                  char *why, size_t whylen);

/* Same checks on bytes already in memory (an upload). */
int document_check(const char *data, size_t n, char **text, size_t *len,
                   int *bad_line, char *why, size_t whylen);

/* What a file holds, by its first bytes, never by its name: DOC_DOCX for
 * a zip archive (a Word file, or a zip that is not one: the Word reader
 * says so), DOC_DOC for an OLE2 compound file (Word 97-2003; also a
 * password-protected .docx, which is stored so), DOC_PDF for "%PDF-" in
 * the first 1024 bytes, else DOC_TEXT (checked as text by document_check). */
enum doc_format document_sniff(const char *data, size_t n);

/* A file read for import: its text (NFC, LF line ends) and, for a Word or
 * PDF file, where each line of that text came from (import/render.h). */
struct doc_place;
struct render_note;
struct document_input {
	enum doc_format format;       /* text or markdown (as asked), docx, doc, pdf */
	char *text;                   /* malloc'd, NUL-terminated */
	size_t len;
	struct doc_place *places;     /* one per line; NULL for a text */
	size_t places_len;
	struct render_note *notes;    /* the reader's notes for the review */
	size_t notes_len;
	int bad_line;                 /* PH_EUTF8: the line of the first bad byte */
};

/* Read the bytes of a file to import: a Word file (.docx), a legacy Word
 * file (.doc, converted to .docx by LibreOffice), a PDF, each known by its
 * content (document_sniff), or else a text, checked by document_check and
 * read as text_format (DOC_TEXT or DOC_MARKDOWN). 0 with *in filled
 * (document_input_free releases it); on failure *in is empty and why
 * holds a one-line English detail: document_check's codes, and
 * PH_EFORMAT, PH_EENCRYPTED, PH_ESCANNED, PH_ENOCONVERTER, PH_ETIMEOUT,
 * PH_ETOOBIG, PH_EEMPTY from the readers (import/render.h). */
int document_read(const char *data, size_t n, enum doc_format text_format,
                  struct document_input *in, char *why, size_t whylen);
void document_input_free(struct document_input *in);

/* A Word or PDF file uploaded on the import page waits in the database
 * for its confirmation, so that the browser never has to send it back:
 * document_upload_keep stores it for actor (removing uploads older than a
 * day) and gives its id; document_upload_get reads it back, for the same
 * user only (PH_ENOTFOUND otherwise), into a; document_upload_drop removes
 * it once imported. Codes: PH_EUNAUTH without a user, PH_EBUSY, PH_EDB,
 * PH_ENOMEM. */
int document_upload_keep(struct db *db, const struct user *actor, const char *name,
                         const void *data, size_t len, long long *id);
int document_upload_get(struct db *db, struct arena *a, const struct user *actor, long long id,
                        char **name, const void **data, size_t *len);
int document_upload_drop(struct db *db, const struct user *actor, long long id);

/* The Word or PDF file document doc was imported from, into a: its name,
 * format ("docx", "doc", "pdf") and bytes. PH_ENOTFOUND when it came as
 * text. The caller checks that actor may read the document's plan. */
int document_file_get(struct db *db, struct arena *a, long long doc, char **name,
                      char **format, const void **data, size_t *len);
/* The media type of such a file by its format name. */
const char *document_file_mime(const char *format);

/* document_extract on what document_read gave: a rendering is read as
 * plain text while ex->format says the file's format; the readers' notes
 * join the review list, and every review item of a Word or PDF file gets
 * its place (ex_review.place). Same codes as document_extract. */
int document_extract_input(const struct document_input *in, const struct resolver *r,
                           struct extraction *ex);

/* Read the NFC text as format (plain text or Markdown, see
 * import/docmodel.h) into the document model and run every extractor.
 * ex must be initialized (extraction_init, or extraction_init_capped); r
 * may be NULL. Returns 0, PH_EFORMAT (no text), PH_ENOMEM when memory ran
 * out, or PH_ETOOBIG instead when ex has a cap: the document needs more
 * than it allows (memory the machine refused below the cap is reported
 * the same way; either way nothing was extracted whole). After an error
 * ex is incomplete: only extraction_cleanup (and extraction_json). */
int document_extract(const char *text, size_t len, enum doc_format format,
                     const struct resolver *r, struct extraction *ex);

/* SHA-256, as 64 lowercase hex digits, of the normalized form of text:
 * NFC, CRLF and CR line ends as LF, a byte order mark dropped, the white
 * space at the end of every line dropped (spaces, tabs, NBSP and the other
 * Unicode spaces), no blank line before the first line of text or after
 * the last, and a run of blank lines inside as one blank line (the reader
 * gives a run no meaning beyond "a gap", so two texts that differ only
 * there are the same document, while a gap and no gap still differ).
 * Leading white space is kept (a leading tab is an empty table cell).
 * This is the identity of a document: the same text imported through the
 * page, the API or the command line, with a trailing space or blank line
 * more or less, is one document. Returns 0, or PH_ENOMEM (also for text
 * that is not valid UTF-8; out is then ""). */
int document_hash(const char *text, size_t len, char out[static 65]);

/* What importing a text would run into, for the preview. */
struct document_brief;
struct document_prior {
	int checked;                       /* 0: no database was checked */
	struct document_brief *same_text;  /* the same (normalized) text imported
	                                    * before, NULL when none */
	struct document_brief *same_number;/* other documents with the same
	                                    * number, symbol and date (and place,
	                                    * when both name one) */
	size_t same_number_len;
};

/* At most this many documents of the same number are named. */
#define DOCUMENT_PRIOR_MAX 10

/* Fill *out for the checked text and its extraction ex: the document
 * imported before with the same normalized text (also one stored before
 * document_hash normalized, whose hash is then of the older form), and the
 * other documents with ex's number, symbol and full date (none when ex has
 * no number or no full date). db may be NULL (nothing checked). Writes
 * nothing. Strings live in a. Returns 0, PH_ENOMEM, PH_EDB. */
int document_prior(struct db *db, struct arena *a, const struct extraction *ex,
                   const char *text, size_t len, struct document_prior *out);

/* Add "already_imported" ({"document_id", "plan_id", "number", "symbol",
 * "date", "title", "source_name", "imported_at"} or null) and
 * "same_number_date" (an array of such objects) to the JSON object o.
 * Returns 0, or PH_ENOMEM when a JSON value could not be made. */
struct json_t;
int document_prior_json(struct json_t *o, const struct document_prior *p);

/* Most parties document_parties finds. */
#define DOCUMENT_PARTIES_MAX 16

/* The document's parties: the units of its resolved issuers (the header's
 * issuing bodies) and of the bodies a joint plan names in its title or
 * opening ("phối hợp giữa A với B", "giữa A và B", "liên tịch giữa A, B
 * và C"; legal bases, "Căn cứ ...", name other documents' parties and are
 * not read). Names resolve with r as the importer resolves agencies (the
 * document's date and place), each as the longest run of words that names
 * a unit. ids (room for DOCUMENT_PARTIES_MAX) receives each unit once, in
 * the order found; returns how many. */
size_t document_parties(const struct resolver *r, const struct extraction *ex,
                        const char *text, size_t len, long long *ids);

/* A task whose lead is outside the importer's reach and the document's
 * parties (access_import_lead). */
struct document_outside {
	size_t task;          /* index into ex->tasks */
	long long unit_id;    /* the lead's unit */
};

/* What document_reach found. Arrays in the arena given. */
struct document_reach {
	long long parties[DOCUMENT_PARTIES_MAX];
	size_t nparties;      /* 0 also when not needed (every lead in reach) */
	struct document_outside *outside;
	size_t noutside, cap;
};

/* Check the leads of ex (after the review's corrections) for actor: a
 * lead in its reach, or a party of the document or a unit below one, is
 * allowed; coordinating units may be any; a name that resolved to nothing
 * becomes a proposed unit under the importer's unit, so it is allowed.
 * Every other lead is listed in out->outside (arena a) and, when
 * add_review is set, added to ex's review list: "Đơn vị chủ trì … nằm
 * ngoài phạm vi của bạn: cần quản trị viên xác nhận". Administrators and
 * the command line reach every unit: nothing is listed. r may be NULL (a
 * resolver is then built from db when parties are needed). 0, PH_EUNAUTH,
 * PH_EFORBIDDEN (no right to import), PH_ENOMEM (memory refused, also
 * when ex's arena could not hold a review item: the warning is never
 * silently lost), PH_EDB. */
int document_reach(struct db *db, const struct user *actor, const struct resolver *r,
                   struct extraction *ex, const char *text, size_t len, int add_review,
                   struct arena *a, struct document_reach *out);

/* Write the extraction in one transaction: proposed units for names that
 * resolved to nothing (under the importer's unit, marked proposed; at the
 * top level for the command line), the document with its references,
 * recipients, signers and review items, a plan with its sections, tasks
 * (with their search text), coordinators, reporting deadlines and
 * targets, and an audit entry "document.import". actor needs ACT_IMPORT,
 * and every lead must pass document_reach: a lead outside the importer's
 * reach and the document's parties needs an administrator. text is kept
 * as written; the document is known by document_hash of it. Documents
 * stored before the hash was normalized get their hash rewritten first
 * (in a transaction of its own), so that they are recognised too. Returns
 * 0 with *doc_id and *plan_id set; PH_EDUPLICATE with *doc_id of the
 * existing document when the same normalized text was imported before
 * (nothing written); PH_EFORBIDDEN (also for such a lead), PH_EUNAUTH;
 * PH_EDB; PH_ENOMEM. */
int document_save(struct db *db, const struct user *actor, const struct extraction *ex,
                  const char *source_name, const char *text, size_t len,
                  long long *doc_id, long long *plan_id);

/* document_save, and in the same transaction one indicator per choice
 * with its yearly targets (model/import_targets.h): when any of them
 * cannot be written, nothing is (no document, no plan). indicator_ids
 * (room for nchoices, or NULL) gets the new indicators' ids. Returns
 * document_save's codes and import_target_save's (PH_EINVAL with *why,
 * an English string literal, PH_EDUPLICATE for a code taken, which
 * leaves *doc_id 0, PH_EFORBIDDEN); why may be NULL. */
struct import_target_choice;
int document_save_with(struct db *db, const struct user *actor, const struct extraction *ex,
                       const char *source_name, const char *text, size_t len,
                       const struct import_target_choice *choices, size_t nchoices,
                       long long *indicator_ids, long long *doc_id, long long *plan_id,
                       const char **why);

/* A correction from the import review: every agency reference of ex (lead
 * or coordinating) written exactly as text now means unit unit_id of the
 * registry, and names nobody uses any more leave ex->proposed. The leads
 * a correction produces obey the same rule as the extracted ones: the
 * caller runs document_reach after its corrections, and document_save_with
 * checks them again. 0, PH_ENOTFOUND (no such unit), PH_EINVAL (no
 * reference is written as text), PH_EDB, PH_ENOMEM (ex's arena refused
 * a copy: ex is then half corrected, only good for extraction_cleanup). */
int document_set_unit(struct db *db, struct extraction *ex, const char *text,
                      long long unit_id);

#endif

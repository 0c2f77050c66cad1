/* document.h: the document import use case. A file is read and checked
 * (size, binary, UTF-8, empty), normalized to NFC, read into the document
 * model, extracted, and, when confirmed, saved in one transaction. */
#ifndef PH_DOCUMENT_H
#define PH_DOCUMENT_H
#include <stddef.h>

struct db;
struct arena;
struct resolver;
struct extraction;
struct user;

/* Largest document accepted, in bytes. Real plans are well under 1 MB. */
#define DOCUMENT_MAX_BYTES (16u * 1024 * 1024)

/* Read and check the file at path. On success *text is the NFC text
 * (caller frees) and *len its length. On failure returns PH_EIO, PH_EEMPTY,
 * PH_EBINARY, PH_EUTF8 (*bad_line = 1-based line of the first bad byte) or
 * PH_ETOOBIG, and writes a one-line English detail into why. */
int document_load(const char *path, char **text, size_t *len, int *bad_line,
                  char *why, size_t whylen);

/* Same checks on bytes already in memory (an upload). */
int document_check(const char *data, size_t n, char **text, size_t *len,
                   int *bad_line, char *why, size_t whylen);

/* Read the NFC text into the document model and run every extractor.
 * ex must be initialized (extraction_init); r may be NULL. */
int document_extract(const char *text, size_t len, const struct resolver *r,
                     struct extraction *ex);

/* SHA-256 of text as 64 lowercase hex digits. */
void document_hash(const char *text, size_t len, char out[static 65]);

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
 * PH_EFORBIDDEN (no right to import), PH_ENOMEM, PH_EDB. */
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
 * reach and the document's parties needs an administrator. Returns 0 with
 * *doc_id and *plan_id set; PH_EDUPLICATE with *doc_id of the existing
 * document when the same text was imported before (nothing written);
 * PH_EFORBIDDEN (also for such a lead), PH_EUNAUTH; PH_EDB. */
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
 * reference is written as text), PH_EDB. */
int document_set_unit(struct db *db, struct extraction *ex, const char *text,
                      long long unit_id);

#endif

/* document.h: the document import use case. A file is read and checked
 * (size, binary, UTF-8, empty), normalized to NFC, read into the document
 * model, extracted, and, when confirmed, saved in one transaction. */
#ifndef PH_DOCUMENT_H
#define PH_DOCUMENT_H
#include <stddef.h>
#include "import/docmodel.h"

struct db;
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

/* Read the NFC text as format (plain text or Markdown, see
 * import/docmodel.h) into the document model and run every extractor.
 * ex must be initialized (extraction_init); r may be NULL. Returns 0,
 * PH_EFORMAT (no text), PH_ENOMEM. */
int document_extract(const char *text, size_t len, enum doc_format format,
                     const struct resolver *r, struct extraction *ex);

/* SHA-256 of text as 64 lowercase hex digits. */
void document_hash(const char *text, size_t len, char out[static 65]);

/* Write the extraction in one transaction: proposed units for names that
 * resolved to nothing, the document with its references, recipients,
 * signers and review items, a plan with its sections, tasks (with their
 * search text), coordinators, reporting deadlines and targets, and an
 * audit entry "document.import". actor needs ACT_IMPORT (NULL: the
 * command line). Returns 0 with *doc_id and *plan_id set; PH_EDUPLICATE
 * with *doc_id of the existing document when the same text was imported
 * before (nothing written); PH_EFORBIDDEN, PH_EUNAUTH; PH_EDB. */
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
 * registry, and names nobody uses any more leave ex->proposed. 0,
 * PH_ENOTFOUND (no such unit), PH_EINVAL (no reference is written as
 * text), PH_EDB. */
int document_set_unit(struct db *db, struct extraction *ex, const char *text,
                      long long unit_id);

#endif

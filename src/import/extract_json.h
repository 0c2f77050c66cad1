/* extract_json.h: the JSON form of an extraction. */
#ifndef PH_EXTRACT_JSON_H
#define PH_EXTRACT_JSON_H
#include <jansson.h>

struct extraction;

/* A new JSON object (caller json_decref()s it). Reads only ex, whose
 * fields may be NULL (written as null) also after an extraction that ran
 * out of memory. NULL when jansson cannot make the root object; jansson
 * never aborts, so under memory pressure a member may be missing. */
json_t *extraction_json(const struct extraction *ex);

#endif

/* extract_json.h: the JSON form of an extraction. */
#ifndef PH_EXTRACT_JSON_H
#define PH_EXTRACT_JSON_H
#include <jansson.h>

struct extraction;

/* A new JSON object (caller json_decref()s it); aborts only on OOM. */
json_t *extraction_json(const struct extraction *ex);

#endif

/* agency.h: agency names in documents -> registry units.
 *
 * agency_split() cuts a cell such as "Sở LĐ-TB&XH; Sở Văn hóa và Thể thao,
 * UBND các huyện: Bảo Yên, Bắc Hà" into single names ("UBND huyện Bảo Yên",
 * "UBND huyện Bắc Hà"), keeping group phrases ("các sở, ban, ngành liên
 * quan") whole. The resolver maps a name to a unit through folded aliases
 * and expanded abbreviations ("Sở LĐ-TB&XH" = "Sở Lao động-TB&XH" = "Sở Lao
 * động - Thương binh và Xã hội"), preferring units valid on a given date. */
#ifndef PH_AGENCY_H
#define PH_AGENCY_H
#include <stddef.h>
#include "base/arena.h"
#include "base/date.h"

struct resolver;

/* Empty resolver. NULL on out-of-memory. Free with resolver_free. */
struct resolver *resolver_new(void);
void resolver_free(struct resolver *r);

/* Register one name (canonical or alias) of unit `id`. valid_from/valid_to
 * may be zero dates (open). Returns 0 or PH_ENOMEM. */
int resolver_add(struct resolver *r, int id, const char *canonical,
                 const char *name, struct ph_date valid_from,
                 struct ph_date valid_to);

/* Register an abbreviation expansion used when matching, e.g. "LĐ-TB&XH" ->
 * "Lao động - Thương binh và Xã hội". Returns 0 or PH_ENOMEM. */
int resolver_add_abbrev(struct resolver *r, const char *abbrev,
                        const char *expansion);

/* Resolve a name. Returns the unit id (>0) and sets *canonical (borrowed
 * from r) when found; 0 when not. `on` (zero date = any) prefers units
 * valid on that day when several share a name. `place` (e.g. "Lào Cai",
 * may be NULL) lets "Hội LHPN tỉnh" match "Hội LHPN tỉnh Lào Cai". */
int resolver_lookup(const struct resolver *r, const char *name,
                    struct ph_date on, const char *place,
                    const char **canonical);

/* 1 when text is a group phrase ("các sở, ban, ngành liên quan", "các
 * đơn vị liên quan", "UBND các huyện, thị xã, thành phố") rather than one
 * agency. */
int agency_is_group(const char *text);

/* Split a list of agencies. *out receives an arena array of arena strings,
 * trimmed, empty pieces dropped. Returns the count. */
size_t agency_split(struct arena *a, const char *text, char ***out);

#endif

/* layout.h: the page chrome every HTML page shares: the head (our
 * stylesheet and script only), the top bar with the navigation, the
 * signed-in person and the sign-out form, and the footer. */
#ifndef PH_LAYOUT_H
#define PH_LAYOUT_H
#include "web/req.h"

/* Start a page titled title (escaped; NULL: none). active names the current menu
 * entry: "dashboard", "plans", "tasks", "units", "import", "audit", or NULL. */
void layout_begin(struct req *r, const char *title, const char *active);
void layout_end(struct req *r);
/* A one-line notice above the content: kind "ok" or "error"; text
 * escaped (NULL: an empty notice, as from a failed arena). */
void layout_notice(struct req *r, const char *kind, const char *text);

#endif

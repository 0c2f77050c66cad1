/* test_routes.c: the route table as a contract. Every row names an access
 * action (none is left to the handler alone), a row is public exactly when
 * its action needs no sign-in, every pattern is unique per method, and
 * only a few actions are public at all. */
#include "test.h"
#include "web/route.h"
#include "model/access.h"
#include "model/user.h"
#include "base/err.h"

int main(void)
{
	size_t public_rows = 0, dups = 0;
	for (size_t i = 0; i < routes_len; i++) {
		const struct route *rt = &routes[i];
		CHECK(rt->act >= 0 && rt->act < ACT_COUNT, "%s %s names an action", rt->method,
		      rt->pattern);
		CHECK(strcmp(access_name((enum access_action)rt->act), "?") != 0,
		      "%s %s: the action has a name", rt->method, rt->pattern);
		int pub = access_public((enum access_action)rt->act);
		CHECK(pub == !!(rt->flags & R_PUBLIC), "%s %s: R_PUBLIC matches its action %s",
		      rt->method, rt->pattern, access_name((enum access_action)rt->act));
		public_rows += (size_t)pub;
		for (size_t k = i + 1; k < routes_len; k++)
			if (!strcmp(rt->method, routes[k].method) && !strcmp(rt->pattern, routes[k].pattern))
				dups++;
	}
	CHECK_INT(dups, 0, "every method and pattern appears once");
	CHECK(public_rows <= 6, "few public routes (%zu)", public_rows);

	/* The route-level check: public actions need nobody; others need a
	 * user whose role is at least the action's. */
	struct user viewer = {.id = 1, .role = ROLE_VIEWER, .unit_id = 5};
	struct user editor = {.id = 2, .role = ROLE_EDITOR, .unit_id = 5};
	struct user off = {.id = 3, .role = ROLE_ADMIN, .unit_id = 5, .disabled = 1};
	CHECK_INT(access_route(NULL, ACT_SIGN_IN), 0, "sign-in is public");
	CHECK_INT(access_route(NULL, ACT_READ), PH_EUNAUTH, "reading needs a user");
	CHECK_INT(access_route(&viewer, ACT_READ), 0, "a viewer reads");
	CHECK_INT(access_route(&viewer, ACT_TASK_STATUS), PH_EFORBIDDEN, "a viewer changes no status");
	CHECK_INT(access_route(&editor, ACT_TASK_STATUS), 0, "an editor may reach the handler");
	CHECK_INT(access_route(&editor, ACT_IMPORT), PH_EFORBIDDEN, "an editor imports nothing");
	CHECK_INT(access_route(&off, ACT_READ), PH_EUNAUTH, "a disabled account is refused");
	CHECK_INT(access_route(&viewer, ACT_COUNT), PH_EFORBIDDEN, "not an action");
	TEST_END("test_routes");
}

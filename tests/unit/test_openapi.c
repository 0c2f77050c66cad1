/* test_openapi.c: the OpenAPI document served at /api/v1/openapi.json
 * against the route table, in both directions: every R_API route is
 * documented with its method and path parameters, every documented
 * operation is a route; every $ref resolves; every error answer uses the
 * one Error schema; required fields exist; the document survives a
 * round trip through JSON text. */
#include "test.h"
#include "api/api.h"
#include "web/route.h"
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREFIX "/api/v1"

static json_t *doc;

/* The target of a local "#/a/b/c" reference, or NULL. */
static json_t *resolve(const char *ref)
{
	if (strncmp(ref, "#/", 2))
		return NULL;
	char part[128];
	json_t *at = doc;
	for (const char *p = ref + 2; *p && at;) {
		size_t n = strcspn(p, "/");
		snprintf(part, sizeof part, "%.*s", (int)n, p);
		at = json_object_get(at, part);
		p += n;
		p += *p == '/';
	}
	return at;
}

/* v itself, or what its $ref points to. */
static json_t *deref(json_t *v)
{
	json_t *r = json_object_get(v, "$ref");
	return r ? resolve(json_string_value(r)) : v;
}

/* The operation documented for method (upper case) and a route path. */
static json_t *operation(const char *method, const char *route_path)
{
	if (strncmp(route_path, PREFIX, strlen(PREFIX)))
		return NULL;
	json_t *item = json_object_get(json_object_get(doc, "paths"), route_path + strlen(PREFIX));
	char m[8];
	size_t k = 0;
	for (; method[k] && k < sizeof m - 1; k++)
		m[k] = (char)tolower((unsigned char)method[k]);
	m[k] = '\0';
	return json_object_get(item, m);
}

/* 1 when op declares the path parameter name (required, in: path). */
static int has_path_param(json_t *op, const char *name)
{
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(op, "parameters"), i, p) {
		json_t *d = deref(p);
		const char *n = json_string_value(json_object_get(d, "name"));
		const char *in = json_string_value(json_object_get(d, "in"));
		if (n && in && !strcmp(n, name) && !strcmp(in, "path") &&
		    json_is_true(json_object_get(d, "required")))
			return 1;
	}
	return 0;
}

/* Count of $refs under v that do not resolve; *total counts them all. */
static int bad_refs(json_t *v, int *total)
{
	int bad = 0;
	if (json_is_object(v)) {
		const char *k;
		json_t *x;
		json_object_foreach(v, k, x) {
			if (!strcmp(k, "$ref") && json_is_string(x)) {
				(*total)++;
				if (!resolve(json_string_value(x))) {
					fprintf(stderr, "unresolved $ref %s\n", json_string_value(x));
					bad++;
				}
			} else {
				bad += bad_refs(x, total);
			}
		}
	} else if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x)
			bad += bad_refs(x, total);
	}
	return bad;
}

/* Count of object schemas under v whose "required" names a missing property. */
static int bad_required(json_t *v)
{
	int bad = 0;
	if (json_is_object(v)) {
		json_t *req = json_object_get(v, "required");
		json_t *props = json_object_get(v, "properties");
		if (json_is_array(req) && json_is_object(props)) {
			size_t i;
			json_t *x;
			json_array_foreach(req, i, x)
				if (!json_object_get(props, json_string_value(x))) {
					fprintf(stderr, "required %s not in properties\n", json_string_value(x));
					bad++;
				}
		}
		const char *k;
		json_t *x;
		json_object_foreach(v, k, x)
			bad += bad_required(x);
	} else if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x)
			bad += bad_required(x);
	}
	return bad;
}

static void check_routes_documented(void)
{
	int api_routes = 0;
	for (size_t i = 0; i < routes_len; i++) {
		const struct route *rt = &routes[i];
		int under_api = !strncmp(rt->pattern, "/api/", 5);
		CHECK(under_api == !!(rt->flags & R_API), "%s %s: R_API iff under /api/",
		      rt->method, rt->pattern);
		if (!(rt->flags & R_API))
			continue;
		api_routes++;
		json_t *op = operation(rt->method, rt->pattern);
		CHECK(op != NULL, "route %s %s is not in openapi.json", rt->method, rt->pattern);
		if (!op)
			continue;
		/* Every {param} of the pattern is a declared path parameter. */
		for (const char *p = strchr(rt->pattern, '{'); p; p = strchr(p + 1, '{')) {
			char name[32];
			size_t n = strcspn(p + 1, "}");
			snprintf(name, sizeof name, "%.*s", (int)n, p + 1);
			CHECK(has_path_param(op, name), "%s %s: path parameter %s not declared",
			      rt->method, rt->pattern, name);
		}
		/* Public routes need no security; signed-in ones inherit it and
		 * document 401. */
		json_t *sec = json_object_get(op, "security");
		json_t *responses = json_object_get(op, "responses");
		if (rt->flags & R_PUBLIC) {
			CHECK(json_is_array(sec) && json_array_size(sec) == 0,
			      "%s %s: public but not security: []", rt->method, rt->pattern);
		} else {
			CHECK(sec == NULL, "%s %s: needs sign-in but overrides security",
			      rt->method, rt->pattern);
			CHECK(json_object_get(responses, "401") != NULL, "%s %s: 401 not documented",
			      rt->method, rt->pattern);
		}
		/* A state-changing route has a request body or no input at all;
		 * a GET never has one. */
		if (!strcmp(rt->method, "GET"))
			CHECK(json_object_get(op, "requestBody") == NULL, "GET %s with a body",
			      rt->pattern);
	}
	CHECK(api_routes >= 26, "only %d API routes found", api_routes);
}

static void check_documented_routed(void)
{
	static const char *const methods[] = {"get", "put", "post", "delete", "patch",
	                                      "head", "options", "trace"};
	json_t *paths = json_object_get(doc, "paths");
	CHECK(json_object_size(paths) > 0, "no paths");
	const char *path;
	json_t *item;
	int ops = 0, api_routes = 0;
	json_t *ids = json_object();
	json_object_foreach(paths, path, item) {
		for (size_t m = 0; m < sizeof methods / sizeof *methods; m++) {
			json_t *op = json_object_get(item, methods[m]);
			if (!op)
				continue;
			ops++;
			char up[8], full[256];
			size_t k = 0;
			for (; methods[m][k]; k++)
				up[k] = (char)toupper((unsigned char)methods[m][k]);
			up[k] = '\0';
			snprintf(full, sizeof full, PREFIX "%s", path);
			int routed = 0;
			for (size_t i = 0; i < routes_len; i++)
				if ((routes[i].flags & R_API) && !strcmp(routes[i].method, up) &&
				    !strcmp(routes[i].pattern, full))
					routed = 1;
			CHECK(routed, "documented %s %s has no route", up, full);
			const char *id = json_string_value(json_object_get(op, "operationId"));
			CHECK(id && !json_object_get(ids, id), "%s %s: operationId missing or repeated",
			      up, full);
			if (id)
				json_object_set_new(ids, id, json_true());
			/* Responses: one success, errors through the Error schema. */
			json_t *responses = json_object_get(op, "responses");
			const char *code;
			json_t *resp;
			int ok = 0;
			json_object_foreach(responses, code, resp) {
				if (code[0] == '2')
					ok++;
				if (code[0] != '4' && code[0] != '5')
					continue;
				json_t *d = deref(resp);
				json_t *schema = json_object_get(json_object_get(json_object_get(
					json_object_get(d, "content"), "application/json"), "schema"), "$ref");
				CHECK(schema && !strcmp(json_string_value(schema), "#/components/schemas/Error"),
				      "%s %s: %s does not use the Error schema", up, full, code);
			}
			CHECK(ok == 1, "%s %s: %d success responses", up, full, ok);
		}
	}
	json_decref(ids);
	for (size_t i = 0; i < routes_len; i++)
		api_routes += !!(routes[i].flags & R_API);
	CHECK_INT(ops, api_routes, "documented operations = API routes");
}

static void check_shape(void)
{
	CHECK_STR(json_string_value(json_object_get(doc, "openapi")), "3.0.3", "openapi version");
	CHECK_STR(json_string_value(json_object_get(json_object_get(doc, "info"), "title")),
	          "phoihop API", "info.title");
	CHECK_STR(json_string_value(json_object_get(json_array_get(
	          json_object_get(doc, "servers"), 0), "url")), PREFIX, "servers[0].url");
	json_t *schemes = json_object_get(json_object_get(doc, "components"), "securitySchemes");
	CHECK_STR(json_string_value(json_object_get(json_object_get(schemes, "bearer"), "scheme")),
	          "bearer", "bearer scheme");
	CHECK_STR(json_string_value(json_object_get(json_object_get(schemes, "cookie"), "in")),
	          "cookie", "cookie scheme");
	/* The Error schema is the dispatcher's {"error": {"code", "message"}}. */
	json_t *err = resolve("#/components/schemas/Error");
	json_t *inner = json_object_get(json_object_get(err, "properties"), "error");
	CHECK(json_object_get(json_object_get(inner, "properties"), "code") &&
	      json_object_get(json_object_get(inner, "properties"), "message"),
	      "Error has error.code and error.message");
	/* Lists are {items, total, limit, offset}. */
	json_t *list = json_object_get(resolve("#/components/schemas/TaskList"), "properties");
	CHECK(json_object_get(list, "items") && json_object_get(list, "total") &&
	      json_object_get(list, "limit") && json_object_get(list, "offset"),
	      "TaskList is a list envelope");
	int total = 0;
	CHECK_INT(bad_refs(doc, &total), 0, "unresolved $refs");
	CHECK(total > 50, "only %d $refs", total);
	CHECK_INT(bad_required(doc), 0, "required names without a property");
}

/* The helpers above must see a difference where there is one. */
static void check_checker(void)
{
	CHECK(operation("GET", PREFIX "/tasks") != NULL, "GET /tasks found");
	CHECK(operation("DELETE", PREFIX "/tasks") == NULL, "DELETE /tasks not documented");
	CHECK(operation("GET", PREFIX "/nowhere") == NULL, "unknown path not documented");
	CHECK(operation("GET", "/tasks") == NULL, "page routes are not API operations");
	json_t *op = operation("PATCH", PREFIX "/tasks/{id}");
	CHECK(has_path_param(op, "id"), "PATCH /tasks/{id} declares id");
	CHECK(!has_path_param(op, "name"), "PATCH /tasks/{id} declares no name");
	CHECK(resolve("#/components/schemas/NoSuchSchema") == NULL, "unknown $ref unresolved");
}

int main(void)
{
	doc = openapi_document();
	CHECK(doc != NULL, "openapi_document() returned NULL");
	if (!doc)
		TEST_END("test_openapi");
	/* What is served is the JSON text: it must parse back to the same. */
	char *text = json_dumps(doc, JSON_COMPACT);
	CHECK(text != NULL, "the document serializes");
	json_t *back = text ? json_loads(text, 0, NULL) : NULL;
	CHECK(back && json_equal(back, doc), "the document survives a round trip");
	json_decref(back);
	free(text);
	check_shape();
	check_routes_documented();
	check_documented_routed();
	check_checker();
	json_decref(doc);
	TEST_END("test_openapi");
}

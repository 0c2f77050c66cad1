/* cmd_units.c: `phoihop init` and `phoihop units [--tree]`. */
#include "cli/cli.h"
#include "model/unit.h"
#include "db/db.h"
#include "db/store.h"
#include "base/err.h"
#include <stdio.h>
#include <string.h>

static const char init_usage[] =
"usage: phoihop [--db FILE] init\n"
"\n"
"Create the database (default: $PHOIHOP_DB, else ./phoihop.db), apply the\n"
"schema migrations and load the units registry shipped with phoihop. Safe to\n"
"run again: an existing database is only brought up to date.\n";

int cmd_init(int argc, char **argv, struct cli *c)
{
	int bad = 0;
	for (int i = 1; i < argc && !bad; i++) {
		if (cli_common(argc, argv, &i, c, &bad))
			continue;
		if (cli_flag(argv, &i, "--help") || cli_flag(argv, &i, "-h")) {
			fputs(init_usage, stdout);
			return 0;
		}
		bad = 1;
		cli_fail("init", PH_EUSAGE, "unknown argument %s", argv[i]);
	}
	if (bad)
		return 1;
	struct db *db = NULL;
	int status = cli_open_db(c, &db);
	if (status)
		return status;
	long long n = 0;
	int rc = store_units_count(db, &n);
	if (rc) {
		rc = cli_fail("init", rc, "%s", db_errmsg(db));
	} else if (c->json) {
		cli_print_json(json_pack("{s:s, s:I}", "database", c->db_path, "units", (json_int_t)n));
	} else {
		printf("Cơ sở dữ liệu %s sẵn sàng: %lld đơn vị trong danh mục.\n", c->db_path, n);
	}
	db_close(db);
	return rc;
}

static const char units_usage[] =
"usage: phoihop [--db FILE] units [--tree] [--json]\n"
"\n"
"List the units registry in Vietnamese alphabetical order; --tree shows the\n"
"hierarchy. Units created by an import and not yet reviewed are marked\n"
"\"đề xuất\"; units no longer valid show their end date.\n";

static void print_unit(const struct unit *u, int depth)
{
	printf("%*s%s", depth * 2, "", u->name);
	if (u->short_name)
		printf(" (%s)", u->short_name);
	printf("  [%s", u->kind);
	if (u->level)
		printf(", %s", u->level);
	printf("]");
	if (u->valid_to)
		printf(" đến %s", u->valid_to);
	if (u->proposed)
		printf(" (đề xuất)");
	printf("  %s\n", u->key);
}

static void print_tree(const struct unit *u, size_t n, long long parent, int depth)
{
	/* The list is sorted by name, so children come out in order. */
	for (size_t i = 0; i < n; i++)
		if (u[i].parent_id == parent) {
			print_unit(&u[i], depth);
			print_tree(u, n, u[i].id, depth + 1);
		}
}

int cmd_units(int argc, char **argv, struct cli *c)
{
	int bad = 0, tree = 0;
	for (int i = 1; i < argc && !bad; i++) {
		if (cli_common(argc, argv, &i, c, &bad))
			continue;
		if (cli_flag(argv, &i, "--help") || cli_flag(argv, &i, "-h")) {
			fputs(units_usage, stdout);
			return 0;
		}
		if (cli_flag(argv, &i, "--tree"))
			tree = 1;
		else
			bad = 1, cli_fail("units", PH_EUSAGE, "unknown argument %s", argv[i]);
	}
	if (bad)
		return 1;
	struct db *db = NULL;
	int status = cli_open_db_readonly(c, &db);
	if (status)
		return status;
	struct arena a;
	arena_init(&a);
	struct unit *u = NULL;
	size_t n = 0;
	int rc = unit_list(db, &a, &u, &n);
	if (!rc && arena_failed(&a))
		rc = PH_ENOMEM; /* never a list with holes */
	if (rc) {
		rc = cli_fail("units", rc, "%s", rc == PH_ENOMEM ? "not enough memory" : db_errmsg(db));
	} else if (c->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++) {
			json_t *o = json_object();
			json_object_set_new(o, "id", json_integer(u[i].id));
			json_object_set_new(o, "key", json_string(u[i].key));
			json_object_set_new(o, "parent_id", u[i].parent_id ? json_integer(u[i].parent_id) : json_null());
			json_object_set_new(o, "kind", json_string(u[i].kind));
			json_object_set_new(o, "level", u[i].level ? json_string(u[i].level) : json_null());
			json_object_set_new(o, "name", json_string(u[i].name));
			json_object_set_new(o, "short_name", u[i].short_name ? json_string(u[i].short_name) : json_null());
			json_object_set_new(o, "valid_from", u[i].valid_from ? json_string(u[i].valid_from) : json_null());
			json_object_set_new(o, "valid_to", u[i].valid_to ? json_string(u[i].valid_to) : json_null());
			json_object_set_new(o, "successor_id", u[i].successor_id ? json_integer(u[i].successor_id) : json_null());
			json_object_set_new(o, "proposed", json_boolean(u[i].proposed));
			json_array_append_new(arr, o);
		}
		cli_print_json(arr);
	} else if (tree) {
		print_tree(u, n, 0, 0);
	} else {
		for (size_t i = 0; i < n; i++)
			print_unit(&u[i], 0);
	}
	arena_cleanup(&a);
	db_close(db);
	return rc;
}

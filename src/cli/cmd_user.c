/* cmd_user.c: `phoihop user add|update|passwd|list|disable|enable|unlock`: user accounts
 * from the command line, which acts with full rights (whoever can open the
 * database file). Passwords come from standard input, never from argv. */
#include "cli/cli.h"
#include "model/access.h"
#include "model/unit.h"
#include "model/signin.h"
#include "model/user.h"
#include "import/agency.h"
#include "db/db.h"
#include "base/err.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static const char usage[] =
"usage: phoihop [--db FILE] user add LOGIN --name NAME --unit UNIT --role ROLE\n"
"                                [--email ADDRESS]\n"
"       phoihop [--db FILE] user update LOGIN [--name NAME] [--unit UNIT]\n"
"                                [--role ROLE]\n"
"       phoihop [--db FILE] user passwd LOGIN\n"
"       phoihop [--db FILE] user list [--json]\n"
"       phoihop [--db FILE] user disable LOGIN\n"
"       phoihop [--db FILE] user enable LOGIN\n"
"       phoihop [--db FILE] user unlock LOGIN\n"
"\n"
"Manage the accounts that sign in to the web interface. LOGIN is 2 to 64\n"
"of a-z, 0-9, '.', '_', '-'. UNIT is a unit key or any of its names. ROLE\n"
"is viewer, editor, approver, coordinator or admin. --email gives the\n"
"address reminders of report deadlines are mailed to (phoihop remind).\n"
"update changes what it is given of a user's name, unit and role and keeps\n"
"the rest; the change holds from the user's next request.\n"
"\n"
"add and passwd read the password from the first line of standard input;\n"
"on a terminal they ask for it (\"Mật khẩu: \") without echoing it, twice.\n"
"It must have at least 8 characters. passwd and disable end the user's\n"
"sessions; enable lets a disabled user sign in again. unlock forgets the\n"
"wrong passwords counted against LOGIN, so that its owner can sign in at once\n"
"from a browser it has not used before (see docs/SECURITY.md).\n";

/* Characters (code points) in UTF-8 s. */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* One line from stdin, without its line end; on a terminal, prompted on
 * stderr with echo off. Caller frees (after sodium_memzero). NULL at end
 * of input. */
static char *read_line(const char *prompt)
{
	int tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	int restore = 0;
	if (tty) {
		fputs(prompt, stderr);
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			restore = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
		}
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (restore)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	if (tty)
		fputc('\n', stderr);
	if (n < 0) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = 0;
	return line;
}

static void forget(char *s)
{
	if (s) {
		sodium_memzero(s, strlen(s));
		free(s);
	}
}

/* The new password: read, checked, confirmed on a terminal. NULL after
 * reporting the problem. */
static char *read_password(void)
{
	char *pw = read_line("Mật khẩu: ");
	if (!pw || !*pw) {
		cli_fail("user", PH_EINVAL, "empty password (give it on the first line of standard input)");
		forget(pw);
		return NULL;
	}
	if (chars(pw) < USER_PASSWORD_MIN) {
		cli_fail("user", PH_EINVAL, "password shorter than %d characters", USER_PASSWORD_MIN);
		forget(pw);
		return NULL;
	}
	if (isatty(STDIN_FILENO)) {
		char *again = read_line("Nhập lại mật khẩu: ");
		int same = again && strcmp(again, pw) == 0;
		forget(again);
		if (!same) {
			cli_fail("user", PH_EINVAL, "the two passwords differ");
			forget(pw);
			return NULL;
		}
	}
	return pw;
}

/* Resolve a unit key or name to its id; reported on failure. */
static int find_unit(struct db *db, const char *unit, long long *unit_id)
{
	int rc = 0;
	struct resolver *r = unit_resolver_db(db, &rc);
	if (!r)
		return cli_fail("registry", rc, "cannot build the name resolver");
	rc = unit_find(db, r, unit, unit_id);
	resolver_free(r);
	if (rc)
		return cli_fail("user", rc, "no unit \"%s\" (see phoihop units)", unit);
	return 0;
}

static int add(struct db *db, const char *login, const char *name, const char *unit,
               const char *role_s, const char *email)
{
	int role = 0;
	long long unit_id = 0;
	if (!user_login_valid(login))
		return cli_fail("user", PH_EINVAL, "bad login \"%s\" (2-64 of a-z 0-9 . _ -)", login);
	if (role_parse(role_s, &role))
		return cli_fail("user", PH_EINVAL, "unknown role \"%s\" (viewer, editor, approver,"
		                " coordinator, admin)", role_s);
	if (email && !user_email_valid(email))
		return cli_fail("user", PH_EINVAL, "bad e-mail address \"%s\"", email);
	if (find_unit(db, unit, &unit_id))
		return 1;
	char *pw = read_password();
	if (!pw)
		return 1;
	long long id = 0;
	int rc = user_add_email(db, access_system(), login, name, unit_id, role, email, pw, &id);
	forget(pw);
	if (rc == PH_EDUPLICATE)
		return cli_fail("user", rc, "login \"%s\" is taken", login);
	if (rc == PH_EINVAL)
		return cli_fail("user", rc, "the name must be one line of valid text");
	if (rc)
		return cli_fail("user", rc, "%s", db_errmsg(db));
	struct arena a;
	arena_init(&a);
	struct user u;
	if (user_get(db, &a, id, &u) == 0)
		printf("Đã tạo tài khoản %s: %s, %s, %s.\n", u.login, u.name, role_label(u.role),
		       u.unit_name);
	arena_cleanup(&a);
	return 0;
}

static int update(struct db *db, const char *login, const char *name, const char *unit,
                  const char *role_s)
{
	struct arena a;
	arena_init(&a);
	struct user u;
	int rc = user_by_login(db, &a, login, &u);
	int status = 0;
	if (rc == PH_ENOTFOUND) {
		status = cli_fail("user", rc, "no user \"%s\"", login);
		goto out;
	}
	if (rc) {
		status = cli_fail("user", rc, "%s", db_errmsg(db));
		goto out;
	}
	int role = u.role;
	long long unit_id = u.unit_id;
	if (role_s && role_parse(role_s, &role)) {
		status = cli_fail("user", PH_EINVAL, "unknown role \"%s\" (viewer, editor, approver,"
		                  " coordinator, admin)", role_s);
		goto out;
	}
	if (unit && (status = find_unit(db, unit, &unit_id)))
		goto out;
	rc = user_update(db, access_system(), login, name ? name : u.name, unit_id, role);
	if (rc == PH_EINVAL) {
		status = cli_fail("user", rc, "the name must be one line of valid text");
		goto out;
	}
	if (rc) {
		status = cli_fail("user", rc, "%s", cli_db_why(db, rc, "update refused"));
		goto out;
	}
	if (user_get(db, &a, u.id, &u) == 0)
		printf("Đã cập nhật tài khoản %s: %s, %s, %s.\n", u.login, u.name, role_label(u.role),
		       u.unit_name);
out:
	arena_cleanup(&a);
	return status;
}

static int passwd(struct db *db, const char *login)
{
	struct arena a;
	arena_init(&a);
	struct user u;
	int rc = user_by_login(db, &a, login, &u);
	arena_cleanup(&a);
	if (rc == PH_ENOTFOUND)
		return cli_fail("user", rc, "no user \"%s\"", login);
	if (rc)
		return cli_fail("user", rc, "%s", db_errmsg(db));
	char *pw = read_password();
	if (!pw)
		return 1;
	rc = user_passwd(db, access_system(), login, pw);
	forget(pw);
	if (rc)
		return cli_fail("user", rc, "%s", cli_db_why(db, rc, "password refused"));
	printf("Đã đổi mật khẩu của %s; các phiên đăng nhập của tài khoản này đã kết thúc.\n", login);
	return 0;
}

static int set_disabled(struct db *db, const char *login, int disabled)
{
	const struct user *cli = access_system();
	int rc = disabled ? user_disable(db, cli, login) : user_enable(db, cli, login);
	if (rc == PH_ENOTFOUND)
		return cli_fail("user", rc, "no user \"%s\"", login);
	if (rc)
		return cli_fail("user", rc, "%s", db_errmsg(db));
	if (disabled)
		printf("Đã khóa tài khoản %s; các phiên đăng nhập của tài khoản này đã kết thúc.\n", login);
	else
		printf("Đã mở khóa tài khoản %s.\n", login);
	return 0;
}

static int unlock(struct db *db, const char *login)
{
	int rc = signin_unlock(db, login);
	if (rc)
		return cli_fail("user", rc, "%s", db_errmsg(db));
	printf("Đã xóa các lần đăng nhập sai của %s; tài khoản đăng nhập lại được ngay.\n", login);
	return 0;
}

static int list(struct db *db, const struct cli *c)
{
	struct arena a;
	arena_init(&a);
	struct user *u = NULL;
	size_t n = 0;
	int rc = user_list(db, &a, &u, &n);
	if (!rc && arena_failed(&a))
		rc = PH_ENOMEM; /* never a list with holes */
	if (rc) {
		rc = cli_fail("user", rc, "%s", rc == PH_ENOMEM ? "not enough memory" : db_errmsg(db));
	} else if (c->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_pack(
			    "{s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:b, s:s}",
			    "id", (json_int_t)u[i].id, "login", u[i].login, "name", u[i].name,
			    "unit_id", (json_int_t)u[i].unit_id, "unit", u[i].unit_name,
			    "role", role_name(u[i].role), "role_label", role_label(u[i].role),
			    "disabled", u[i].disabled, "created_at", u[i].created_at));
		cli_print_json(arr);
	} else if (n == 0) {
		printf("Chưa có tài khoản nào. Tạo bằng: phoihop user add LOGIN --name ... --unit ... --role ...\n");
	} else {
		for (size_t i = 0; i < n; i++)
			printf("%-20s %s — %s, %s%s\n", u[i].login, u[i].name, role_label(u[i].role),
			       u[i].unit_name, u[i].disabled ? " (đã khóa)" : "");
	}
	arena_cleanup(&a);
	return rc;
}

int cmd_user(int argc, char **argv, struct cli *c)
{
	const char *words[3] = {NULL, NULL, NULL};
	const char *name = NULL, *unit = NULL, *role = NULL, *email = NULL;
	int nwords = 0, bad = 0;
	for (int i = 1; i < argc && !bad; i++) {
		if (cli_common(argc, argv, &i, c, &bad))
			continue;
		if (cli_flag(argv, &i, "--help") || cli_flag(argv, &i, "-h")) {
			fputs(usage, stdout);
			return 0;
		}
		if (cli_opt(argc, argv, &i, "--name", &name, &bad) ||
		    cli_opt(argc, argv, &i, "--unit", &unit, &bad) ||
		    cli_opt(argc, argv, &i, "--role", &role, &bad) ||
		    cli_opt(argc, argv, &i, "--email", &email, &bad))
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			bad = cli_fail("user", PH_EUSAGE, "unknown option %s", argv[i]) || 1;
		else if (nwords < 3)
			words[nwords++] = argv[i];
		else
			bad = cli_fail("user", PH_EUSAGE, "unexpected argument %s", argv[i]) || 1;
	}
	if (bad)
		return 1;
	const char *verb = words[0];
	int needs_login = verb && strcmp(verb, "list") != 0;
	if (!verb)
		return cli_fail("user", PH_EUSAGE, "no subcommand (add, update, passwd, list, disable,"
		                " enable, unlock)");
	int is_add = strcmp(verb, "add") == 0, is_update = strcmp(verb, "update") == 0;
	if (!is_add && !is_update && strcmp(verb, "passwd") && strcmp(verb, "list") &&
	    strcmp(verb, "disable") && strcmp(verb, "enable") && strcmp(verb, "unlock"))
		return cli_fail("user", PH_EUSAGE, "unknown subcommand %s (see phoihop user --help)", verb);
	if (nwords != (needs_login ? 2 : 1))
		return cli_fail("user", PH_EUSAGE, needs_login ? "user %s takes one LOGIN"
		                                               : "user %s takes no argument", verb);
	if (is_add && (!name || !unit || !role))
		return cli_fail("user", PH_EUSAGE, "user add needs --name, --unit and --role");
	if (is_update && !name && !unit && !role)
		return cli_fail("user", PH_EUSAGE, "user update needs --name, --unit or --role");
	if (is_update && email)
		return cli_fail("user", PH_EUSAGE, "--email goes with user add");
	if (!is_add && !is_update && (name || unit || role || email))
		return cli_fail("user", PH_EUSAGE, "--name, --unit, --role and --email go with user add"
		                " (and all but --email with user update)");
	/* list only reads; the others write. */
	struct db *db = NULL;
	int status = strcmp(verb, "list") == 0 ? cli_open_db_readonly(c, &db) : cli_open_db(c, &db);
	if (status)
		return status;
	if (is_add)
		status = add(db, words[1], name, unit, role, email);
	else if (is_update)
		status = update(db, words[1], name, unit, role);
	else if (strcmp(verb, "passwd") == 0)
		status = passwd(db, words[1]);
	else if (strcmp(verb, "list") == 0)
		status = list(db, c);
	else if (strcmp(verb, "unlock") == 0)
		status = unlock(db, words[1]);
	else
		status = set_disabled(db, words[1], strcmp(verb, "disable") == 0);
	db_close(db);
	return status;
}

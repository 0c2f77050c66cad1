/* user.h: people and sign-in. Users belong to a unit and have one role.
 * Passwords are hashed with Argon2id (libsodium crypto_pwhash_str); the
 * plain password never reaches the database. Sessions are random tokens
 * whose SHA-256 is stored, so a copy of the database cannot sign anyone in.
 *
 * Every write takes the acting user, checks access through access.c,
 * writes one transaction and records it in the audit log. The command
 * line acts as access_system() (model/access.h), which runs with the
 * rights of whoever can open the database file; a NULL actor is refused. */
#ifndef PH_USER_H
#define PH_USER_H
#include <stddef.h>
#include "base/arena.h"

struct db;

enum role { ROLE_VIEWER = 0, ROLE_EDITOR, ROLE_APPROVER, ROLE_COORDINATOR,
            ROLE_ADMIN, ROLE_COUNT };

struct user {
	long long id;
	char *login;          /* unique, lowercase ASCII letters, digits, . _ - */
	char *name;           /* display name, Vietnamese */
	long long unit_id;    /* the unit the person works for */
	char *unit_name;      /* that unit's name (read joins) */
	int role;             /* enum role */
	int disabled;         /* 1: cannot sign in, sessions ended */
	char *created_at;     /* ISO date-time, UTC */
	int system;           /* 1 only for access_system(): the command line,
	                         no account (id 0, no unit) */
};

/* Shortest password accepted. */
#define USER_PASSWORD_MIN 8

/* "viewer", "editor", "approver", "coordinator", "admin". */
const char *role_name(int role);
/* Vietnamese label: "Xem", "Biên tập", "Phê duyệt", "Điều phối", "Quản trị". */
const char *role_label(int role);
/* Parse a role name; 0 or PH_EINVAL. */
int role_parse(const char *s, int *role);

/* 1 when login follows the rule: 2 to 64 of a-z, 0-9, '.', '_', '-'. */
int user_login_valid(const char *login);

/* Create a user. PH_EINVAL (bad login, short password, unknown unit or
 * role), PH_EDUPLICATE (login taken), PH_EFORBIDDEN, PH_EDB. */
int user_add(struct db *db, const struct user *actor, const char *login,
             const char *name, long long unit_id, int role,
             const char *password, long long *id);
/* 1 when s has the shape of an e-mail address: 1-64 of a-z A-Z 0-9 and
 * !#$%&'*+/=?^_`{|}~.- before one '@', then two or more dot-separated
 * labels of letters, digits and '-'; at most 254 bytes. */
int user_email_valid(const char *s);
/* user_add with an e-mail address for reminders (email NULL or "": none);
 * PH_EINVAL also for an address user_email_valid refuses. */
int user_add_email(struct db *db, const struct user *actor, const char *login,
                   const char *name, long long unit_id, int role, const char *email,
                   const char *password, long long *id);
/* Set a new password (ends the user's sessions). Administrators set
 * anyone's; a user may set its own (the caller checks the old password
 * first, with user_authenticate). PH_ENOTFOUND, PH_EINVAL, PH_EFORBIDDEN,
 * PH_EDB. */
int user_passwd(struct db *db, const struct user *actor, const char *login,
                const char *password);
/* Disable a user (ends the user's sessions). Same errors. */
int user_disable(struct db *db, const struct user *actor, const char *login);
/* Enable a disabled user again. Same errors; already enabled is a no-op. */
int user_enable(struct db *db, const struct user *actor, const char *login);
/* Change a user's name, unit and role (administrators). PH_ENOTFOUND,
 * PH_EINVAL (empty name, unknown unit or role), PH_EFORBIDDEN, PH_EDB. */
int user_update(struct db *db, const struct user *actor, const char *login,
                const char *name, long long unit_id, int role);
/* All users by login, with unit names, in a. */
int user_list(struct db *db, struct arena *a, struct user **out, size_t *n);
/* One user by id or login; PH_ENOTFOUND. */
int user_get(struct db *db, struct arena *a, long long id, struct user *out);
int user_by_login(struct db *db, struct arena *a, const char *login,
                  struct user *out);

/* Check a login and password. 0 with *out filled, PH_EUNAUTH for an
 * unknown login, a wrong password or a disabled user (the same answer for
 * all three, and the same time spent). */
int user_authenticate(struct db *db, struct arena *a, const char *login,
                      const char *password, struct user *out);

/* Sessions. A token is 64 hex characters from randombytes; the CSRF token
 * of the session likewise. Sessions last SESSION_SECONDS of inactivity. */
#define SESSION_SECONDS (8 * 3600)
int session_create(struct db *db, long long user_id, char token[static 65],
                   char csrf[static 65]);
/* The signed-in user of a token, and the session's CSRF token. Refreshes
 * the expiry (at most once a minute), never waiting for the write lock:
 * while another writer holds it the session keeps its current end.
 * PH_EUNAUTH for an unknown, expired or disabled session; PH_EDB,
 * PH_ENOMEM (a refused memory). */
int session_lookup(struct db *db, struct arena *a, const char *token,
                   struct user *out, char csrf[static 65]);
int session_delete(struct db *db, const char *token);

#endif

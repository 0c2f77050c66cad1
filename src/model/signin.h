/* signin.h: signing in, throttled so that guessing passwords gets an
 * attacker a few tries per login per hour from any number of addresses,
 * while the account's owner keeps signing in (OWASP's "device cookies").
 *
 * Every failed try is a row in the database (a restart forgets nothing;
 * several servers share the counts). A browser that signed in as a user
 * gets a device cookie; a try that carries the cookie of that user is
 * trusted: it is not throttled per login or per address, only per device
 * (a stolen cookie still gets only a few guesses). Untrusted tries are
 * throttled per login and, with a much higher bound, per address, so that
 * an office behind one address is not shut out by a few typos. A refused
 * try checks no password and records nothing. */
#ifndef PH_SIGNIN_H
#define PH_SIGNIN_H
#include "base/arena.h"

struct db;
struct user;

/* Untrusted failures of one login within the window before its untrusted
 * tries are refused. */
#define SIGNIN_LOGIN_FAILS 5
/* Untrusted failures from one address within the window (any logins). */
#define SIGNIN_ADDRESS_FAILS 100
/* Failures through one device cookie within the window, after which the
 * cookie no longer vouches for anyone. */
#define SIGNIN_DEVICE_FAILS 10
/* The window, in seconds. */
#define SIGNIN_WINDOW 3600
/* How long a device cookie lives, in seconds. */
#define SIGNIN_DEVICE_SECONDS (365L * 24 * 3600)

/* One try. */
struct signin {
	const char *login;
	const char *password;
	const char *address;   /* the client address, as text */
	const char *device;    /* the device cookie sent, or NULL */
	long long now;         /* Unix seconds */
};

/* Check a try. 0 with *out the user, and new_device a fresh device token
 * to set as the cookie ("" when the one sent still vouches for this user);
 * PH_ERATE when the try is refused unchecked; PH_EUNAUTH for a wrong
 * login or password (recorded); PH_EDB, PH_EBUSY. */
int signin_check(struct db *db, struct arena *a, const struct signin *in, struct user *out,
                 char new_device[static 65]);

/* Forget the recorded failures of login, so its owner may sign in from a
 * new browser at once (`phoihop user unlock`). 0, PH_EDB, PH_EBUSY. */
int signin_unlock(struct db *db, const char *login);

#endif

/* err.h: the project's one status enum and its table.
 *
 * Every function that can fail returns an int status: 0 (PH_OK) on success,
 * otherwise one of enum ph_err. err_name() gives the stable English code used
 * on stderr and in the API, err_message() the Vietnamese sentence shown to a
 * person, err_http() the HTTP status an API answer carries. */
#ifndef PH_ERR_H
#define PH_ERR_H

enum ph_err {
	PH_OK = 0,
	PH_ENOMEM,        /* out of memory */
	PH_EUSAGE,        /* bad command-line usage */
	PH_EINVAL,        /* a value that does not parse or is out of range */
	PH_EIO,           /* a file could not be read or written */
	PH_EEMPTY,        /* an input file with no text in it */
	PH_EUTF8,         /* input that is not valid UTF-8 */
	PH_EBINARY,       /* input that looks like a binary file */
	PH_ETOOBIG,       /* input over the size limit */
	PH_EFORMAT,       /* a document we cannot read as a plan/report */
	PH_EDB,           /* the database refused an operation */
	PH_ENOTFOUND,     /* the named thing does not exist */
	PH_EDUPLICATE,    /* the thing already exists (e.g. same document hash) */
	PH_ESCHEMA,       /* database schema newer than this binary */
	PH_EAMBIGUOUS,    /* a name that matches more than one thing */
	PH_EREVIEW,       /* an import whose review list must be confirmed first */
	PH_EUNAUTH,       /* not signed in, or wrong login or password */
	PH_EFORBIDDEN,    /* signed in, but the role or unit does not allow it */
	PH_ECSRF,         /* a state-changing form without a valid CSRF token */
	PH_ERATE,         /* too many sign-in attempts; wait and retry */
	PH_EMETHOD,       /* HTTP method not allowed on this path */
	PH_EBADREQ,       /* a malformed request (bad JSON, missing field) */
	PH_ECONFLICT,     /* the change conflicts with the current state */
	PH_EBUSY,         /* another writer holds the database; retry shortly */
	PH_EMEDIA,        /* a request body of a type this route does not take */
	PH_EINTERNAL,     /* a broken invariant or an answer that could not be written whole */
	PH_EREADONLY,     /* the database (or its folder) cannot be written here */
	PH_ESCHEMAOLD,    /* database schema older than this binary; a write command upgrades it */
	PH_EENCRYPTED,    /* a password-protected document */
	PH_ESCANNED,      /* a PDF of scanned pages: no text layer to read */
	PH_ENOCONVERTER,  /* a .doc, and LibreOffice is not installed to convert it */
	PH_ETIMEOUT,      /* reading or converting a document took longer than allowed */
	PH_ECOUNT         /* number of codes; not a code */
};

/* Stable English identifier, e.g. "invalid_utf8". Never NULL. */
const char *err_name(int code);
/* Vietnamese message for people, NFC. Never NULL. */
const char *err_message(int code);
/* HTTP status for API answers (400, 404, 409, 413, 422, 500...). */
int err_http(int code);
/* Process exit status for the command line: 0 ok, 1 user error, 2 internal. */
int err_exit_status(int code);

#endif

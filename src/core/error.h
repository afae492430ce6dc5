/* core/error.h - the single hard-failure record of the engine.
 *
 * A struct iam_error is caller-owned (usually on the stack) and never freed.
 * Engine functions return 0 / a pointer on success and -1 / NULL on failure,
 * after filling the error with iam_error_set().  The first error wins: later
 * calls on an already-set error are ignored, so the innermost, most precise
 * cause survives.  Engine code never prints and never exits.
 */
#ifndef IAM_ERROR_H
#define IAM_ERROR_H

#include <stddef.h>

enum iam_err_code {
	IAM_OK = 0,
	IAM_ERR_NOMEM,   /* out of memory */
	IAM_ERR_IO,      /* a file could not be read */
	IAM_ERR_JSON,    /* not JSON, or JSON with duplicate keys */
	IAM_ERR_SCHEMA,  /* valid JSON that is not a valid policy / request */
	IAM_ERR_USAGE,   /* a bad argument from the caller */
	IAM_ERR_LIMIT,   /* input over a size limit */
	IAM_ERR_YAML,    /* not YAML, or YAML that is not one template
			  * (core/yaml.h) */
	IAM_ERR_NET,     /* AWS could not be reached: DNS, connect, TLS,
			  * timeout (live/) */
	IAM_ERR_AWS,     /* AWS answered with an error (live/: its code in
			  * the text) */
	IAM_ERR_LAST     /* never used; codes are append-only */
};

struct iam_error {
	enum iam_err_code code;
	int line, column;  /* 1-based; 0 when unknown */
	char source[256];  /* file name or "<stdin>" */
	char path[256];    /* JSON Pointer of the offending element, or "" */
	char text[512];    /* lowercase, no final period, no newline */
};

#define IAM_ERROR_INIT { IAM_OK, 0, 0, "", "", "" }

/* Record an error unless one is recorded already.  err may be NULL.
 * path may be NULL.  Always returns -1 so callers can `return iam_error_set(...)`. */
int iam_error_set(struct iam_error *err, enum iam_err_code code,
		  const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Set the source name and position of an error whose source is still empty. */
void iam_error_locate(struct iam_error *err, const char *source, int line,
		      int column);

/* Reset to IAM_ERROR_INIT. */
void iam_error_clear(struct iam_error *err);

/* A static English description of a code. */
const char *iam_strerror(enum iam_err_code code);

/* Copy at most dstsize-1 bytes of src into dst and NUL-terminate; when src
 * is too long, keep its tail (file names are most useful by their end). */
void iam_strlcpy_tail(char *dst, const char *src, size_t dstsize);

#endif /* IAM_ERROR_H */

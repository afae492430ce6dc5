/* core/diag.h - findings: every problem in a document, each with a place.
 *
 * The parser, lint and amplify passes append to a struct iam_diags; they
 * never stop at the first problem.  Strings in a diag are owned by the list.
 *
 * A finding has one place (its path, line and column) and may have further
 * ones (locs): what else it involves, as Access Analyzer lists them (every
 * entry of a REDUNDANT_ACTION group, the Resource of a PASS_ROLE_...
 * finding).  They belong to the diag: a diag moved from one array to
 * another (sorting, iam_diags_drop, iam_diags_take) takes them along, and
 * they are freed with it.
 */
#ifndef IAM_DIAG_H
#define IAM_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

enum iam_severity {
	IAM_SEV_ERROR,
	IAM_SEV_SECURITY_WARNING,
	IAM_SEV_WARNING,
	IAM_SEV_SUGGESTION,
};

/* A further place of a finding. */
struct iam_diag_loc {
	char *path;         /* JSON Pointer, never NULL */
	int line, column;   /* 1-based; 0 when unknown */
};

struct iam_diag {
	enum iam_severity sev;
	const char *code;   /* static: an Access Analyzer issue code */
	char *source;       /* file name */
	char *path;         /* JSON Pointer */
	int line, column;   /* 1-based; 0 when unknown */
	char *sid;          /* the statement's Sid, or NULL */
	long stmt;          /* statement index, or -1 */
	char *message;      /* lowercase, no final period, no newline */
	json_t *props;      /* owned, or NULL: what a pass adds (amplify: the
			     * action and category), for SARIF's properties */
	struct iam_diag_loc *locs;  /* owned: the further places, in the
				     * order added (NULL when none) */
	size_t nlocs;
};

struct iam_diags {
	struct iam_diag *v;
	size_t n, cap;
	size_t nerrors;     /* how many have IAM_SEV_ERROR */
	bool nomem;         /* an append failed for lack of memory */
};

#define IAM_DIAGS_INIT { NULL, 0, 0, 0, false }

/* Append a finding; copies every string.  On allocation failure sets
 * d->nomem and returns -1.  d may be NULL (the finding is dropped). */
int iam_diags_add(struct iam_diags *d, enum iam_severity sev, const char *code,
		  const char *source, const char *path, int line, int column,
		  const char *sid, long stmt, const char *fmt, ...)
	__attribute__((format(printf, 10, 11)));

/* Give the last finding of d its properties (an object; the reference is
 * taken, also on failure).  -1 when props is NULL or d is empty. */
int iam_diags_set_props(struct iam_diags *d, json_t *props);

/* Give the last finding of d a further place (path copied).  A path that
 * is the finding's own or one it has already is not added again (0).
 * Returns -1 when d is empty or path NULL, and when out of memory (d->nomem
 * set). */
int iam_diags_add_location(struct iam_diags *d, const char *path, int line,
			   int column);

/* Move every finding of from to the end of to, in order (strings, props
 * and further places move with them); from is empty afterwards.  Returns
 * 0, or -1 when out of memory (to->nomem set, from unchanged). */
int iam_diags_take(struct iam_diags *to, struct iam_diags *from);

/* Drop (and free) the last finding, if any. */
void iam_diags_pop(struct iam_diags *d);

/* Drop (and free) every finding for which drop(ctx, finding) is true,
 * keeping the order of the rest.  Returns how many were dropped. */
size_t iam_diags_drop(struct iam_diags *d,
		      bool (*drop)(void *ctx, const struct iam_diag *g), void *ctx);

/* Free every finding; the list is empty afterwards and can be reused. */
void iam_diags_release(struct iam_diags *d);

const char *iam_severity_name(enum iam_severity sev);  /* "error", ... */
const char *iam_severity_code(enum iam_severity sev);  /* "ERROR", ... */

#endif /* IAM_DIAG_H */

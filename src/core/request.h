/* core/request.h - requests from JSON: the --batch request file.
 *
 * One JSON object a line (product.md, "The request file").  Policies may be
 * inline documents, {"name", "policy"} objects, or paths relative to the
 * request file; a policy file named by several lines is read and compiled
 * once (struct iam_batch caches it).  "rule", "note", "decidedBy" and
 * "matched" are annotations (the last two say why a test case expects its
 * decision; tests/run-batch.sh checks them); any other unknown field is an
 * error, so that a typo in a policy test file ("expected") cannot pass
 * silently.
 */
#ifndef IAM_REQUEST_H
#define IAM_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/authz.h"
#include "core/context.h"

struct iam_arena;
struct iam_error;
struct iam_batch;

/* One parsed line. */
struct iam_batch_item {
	json_t *id;                  /* owned reference, or NULL */
	long lineno;                 /* in the request file */
	struct iam_principal prin;   /* the principal, taken apart once */
	char *principal, *action, *resource, *resource_account;
	struct iam_context ctx;
	struct iam_policy_set set;
	bool has_expect;
	enum iam_decision expect;
	/* storage: policies parsed from this line (owned); the strings and
	 * arrays above are in arena */
	struct iam_policy **owned;
	size_t nowned;
	struct iam_arena *arena;
};

/* A new batch whose relative paths resolve against the directory of
 * `request_file` (NULL or "-": the working directory).  NULL when out of
 * memory. */
struct iam_batch *iam_batch_new(const char *request_file);
void iam_batch_free(struct iam_batch *b);

/* Parse one line (len bytes, lineno 1-based, for messages).  flags are
 * iam_policy_parse flags.  On success fills item (release it with
 * iam_batch_item_release) and returns 0; on failure returns -1 with err
 * describing the first problem (err->path is a JSON Pointer into the line
 * or, for a policy file, into that file) and item->id set when the line had
 * a readable id.
 *
 * Lines of one batch may be parsed on several threads at once: the policy
 * files they name are read once, under a lock, and a compiled policy is
 * immutable. */
int iam_batch_parse_line(struct iam_batch *b, const char *line, size_t len,
			 long lineno, unsigned flags,
			 struct iam_batch_item *item, struct iam_error *err);

void iam_batch_item_release(struct iam_batch_item *item);

/* Build the request of an item (pointers into it). */
void iam_batch_item_request(const struct iam_batch_item *item,
			    struct iam_request *req);

#endif /* IAM_REQUEST_H */

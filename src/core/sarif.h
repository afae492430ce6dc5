/* core/sarif.h - findings as a SARIF 2.1.0 log, for code-scanning UIs.
 *
 * The one SARIF writer, for any static pass (lint, amplify check): one run
 * of the tool "iamgate" whose driver lists every rule of the pass's table
 * (id, short and full description, help, default level, and for security
 * warnings the "security" tag and a security-severity that GitHub code
 * scanning reads); one result per finding with its rule, level, message,
 * file and region (line and column, counted in Unicode code points) and,
 * as a logical location, the JSON Pointer of the offending element; its
 * properties are the statement's Sid and what the pass attached to the
 * finding (struct iam_diag's props).
 *
 * Levels: ERROR is "error", SECURITY_WARNING and WARNING are "warning",
 * SUGGESTION is "note".
 *
 * Ownership: returns a new json_t (json_decref it); nothing here prints.
 */
#ifndef IAM_SARIF_H
#define IAM_SARIF_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

struct iam_diag;
struct iam_rules;

/* The SARIF log for n findings of the pass whose rules are t; version is
 * the tool's version.  NULL when out of memory. */
json_t *iam_sarif_log(const struct iam_rules *t, const struct iam_diag *v,
		      size_t n, const char *version);

/* Give the log's run one invocation: whether it ran to the end, and the
 * pass's own properties (the reference is taken).  0, or -1 (memory). */
int iam_sarif_set_invocation(json_t *log, bool ok, json_t *props);

/* A file name as a relative URI reference ("dir/my%20file.json"). */
char *iam_sarif_uri(const char *file);

#endif /* IAM_SARIF_H */

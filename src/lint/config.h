/* lint/config.h - .iamgate.json: which findings lint suppresses.
 *
 * The file is found in the working directory or the nearest directory
 * above it.  Format:
 *
 *   {"suppress": [
 *      {"code": "REDUNDANT_ACTION"},
 *      {"file": "legacy-*.json"},
 *      {"file": "roles/ci.json", "code": ["PASS_ROLE_WITH_STAR_IN_RESOURCE"],
 *       "sid": "PassAnyRole", "reason": "the CI role passes its own roles"},
 *      {"file": "roles/ci.json", "statement": 2}
 *   ]}
 *
 * An entry suppresses a finding when every criterion it gives holds:
 * "code" (a code or a list of codes), "file" (a glob over the path
 * relative to the directory of .iamgate.json, where '*' also matches '/';
 * a pattern without '/' may also match the file's base name), "sid" (the
 * statement's Sid), "statement" (its 0-based index, as in the JSON
 * Pointer).  "reason" is free text.  An entry with no criterion, an
 * unknown member or a code lint does not have is an error.
 *
 * Ownership: a config owns its strings; nothing here prints.
 */
#ifndef IAM_LINT_CONFIG_H
#define IAM_LINT_CONFIG_H

#include <stdbool.h>

struct iam_diag;
struct iam_error;
struct iam_lint_config;

#define IAM_LINT_CONFIG_NAME ".iamgate.json"

/* The path of the nearest .iamgate.json in dir or above it (a new string),
 * or NULL when there is none. */
char *iam_lint_config_find(const char *dir);

/* Load a config file.  Returns a new config, or NULL with err set
 * (IAM_ERR_IO, IAM_ERR_JSON, IAM_ERR_SCHEMA with the JSON Pointer of the
 * bad entry, IAM_ERR_NOMEM). */
struct iam_lint_config *iam_lint_config_load(const char *file,
					     struct iam_error *err);

/* Is the finding suppressed?  d->source is the file as it was named on the
 * command line (relative to the working directory, or absolute). */
bool iam_lint_config_suppresses(const struct iam_lint_config *c,
				const struct iam_diag *d);

/* NULL is a no-op. */
void iam_lint_config_free(struct iam_lint_config *c);

#endif /* IAM_LINT_CONFIG_H */

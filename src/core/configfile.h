/* core/configfile.h - .iamgate.json: the project's settings for iamgate.
 *
 * One loader for the file, whoever reads it: lint finds it in the working
 * directory or the nearest directory above it; amplify check reads the
 * one --config names.  It has three sections: "amplify" (what amplify
 * check would otherwise take from its options: amplify/check.h reads it),
 * "skip" (what lint's directory walk skips: lint/skip.h reads it) and
 * "suppress", the findings of lint and of amplify check that are not
 * reported:
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
 * unknown member or a code that none of the passes has is an error; so
 * is a section the file cannot have.
 *
 * Ownership: a config owns its document and strings; sections are
 * borrowed from it.  Nothing here prints.
 */
#ifndef IAM_CONFIGFILE_H
#define IAM_CONFIGFILE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

struct iam_diag;
struct iam_error;
struct iam_rules;
struct iam_config;

#define IAM_CONFIG_NAME ".iamgate.json"

/* The path of the nearest .iamgate.json in dir or above it (a new string),
 * or NULL when there is none. */
char *iam_config_find(const char *dir);

/* Load a config file; a suppression's codes must be codes of one of the
 * ntables rule tables.  Returns a new config, or NULL with err set
 * (IAM_ERR_IO, IAM_ERR_JSON, IAM_ERR_SCHEMA with the file, line and
 * column of the bad entry, IAM_ERR_NOMEM). */
struct iam_config *iam_config_load(const char *file,
				   const struct iam_rules *const *tables,
				   size_t ntables, struct iam_error *err);

/* The file's section name (borrowed), or NULL when it has none. */
json_t *iam_config_section(const struct iam_config *c, const char *name);

/* The file as it was named to iam_config_load(). */
const char *iam_config_file(const struct iam_config *c);

/* Is the finding suppressed?  d->source is the file as it was named on the
 * command line (relative to the working directory, or absolute).  c may be
 * NULL (nothing is). */
bool iam_config_suppresses(const struct iam_config *c,
			   const struct iam_diag *d);

/* The same as a predicate for iam_diags_drop() (config: the config). */
bool iam_config_suppressed(void *config, const struct iam_diag *d);

/* NULL is a no-op. */
void iam_config_free(struct iam_config *c);

#endif /* IAM_CONFIGFILE_H */

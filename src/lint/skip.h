/* lint/skip.h - the files lint passes over, and why.
 *
 * A directory walk (and --only-policies) lints the policies and templates
 * it finds; every other file it reads or passes over is counted under one
 * reason, and lint ends by saying how many it checked and skipped for each
 * (nothing is skipped silently).  Some reasons are settable: they are the
 * skip set, by default all of them, that .iamgate.json's "skip" section
 * replaces (iam_lint_skip_read()) and --amplify-copies narrows:
 *
 *   {"skip": ["amplify-data"]}      lints the copies too
 *   {"skip": []}                    lints every file a walk finds
 *
 * Amplify Gen 1 projects hold much JSON that is neither a policy nor a
 * template (tags.json, an array of Key/Value pairs; cli-inputs.json;
 * parameters.json; team-provider-info.json; amplify-meta.json; ...), and
 * copies of their templates: amplify/#current-cloud-backend/ is the last
 * deployed state of amplify/backend/, and
 * amplify/backend/awscloudformation/build/ holds the templates as last
 * pushed, most of which are also in their resource's own folder.  Linted,
 * each template would be reported two or three times.
 *
 * Ownership: nothing here allocates what it returns; nothing prints.
 */
#ifndef IAM_LINT_SKIP_H
#define IAM_LINT_SKIP_H

#include <stdbool.h>

struct iam_config;
struct iam_error;

enum iam_lint_skip {
	IAM_LINT_SKIP_NONE = 0,
	/* settable (the skip set's bits are 1u << reason) */
	IAM_LINT_SKIP_AMPLIFY_DATA,        /* a known Amplify data file under
					    * amplify/, not a policy */
	IAM_LINT_SKIP_CURRENT_CLOUD,       /* under #current-cloud-backend/ */
	IAM_LINT_SKIP_BUILD_COPY,          /* backend/awscloudformation/build/X
					    * when backend/X is there too */
	/* always */
	IAM_LINT_SKIP_PLACEHOLDER,         /* custom-policies.json as the
					    * Amplify CLI writes it: no policy */
	IAM_LINT_SKIP_NOT_POLICY,          /* JSON, neither policy nor template */
	IAM_LINT_SKIP_NOT_JSON,            /* does not parse, and does not
					    * look like a policy */
	IAM_LINT_SKIP_YAML,                /* .yaml or .yml that is not JSON:
					    * lint reads JSON only */
	IAM_LINT_SKIP_N
};

/* The settable reasons, all skipped by default. */
#define IAM_LINT_SKIP_SETTABLE ((1u << IAM_LINT_SKIP_AMPLIFY_DATA) | \
				(1u << IAM_LINT_SKIP_CURRENT_CLOUD) | \
				(1u << IAM_LINT_SKIP_BUILD_COPY))
#define IAM_LINT_SKIP_COPIES ((1u << IAM_LINT_SKIP_CURRENT_CLOUD) | \
			      (1u << IAM_LINT_SKIP_BUILD_COPY))

/* The reason's name, as "skip" in .iamgate.json and lint's summaries
 * spell it ("amplify-data"); "" for NONE. */
const char *iam_lint_skip_name(enum iam_lint_skip r);

/* The settable reason of that name, or IAM_LINT_SKIP_NONE. */
enum iam_lint_skip iam_lint_skip_parse(const char *name);

/* The skip set of config c's "skip" section, a list of the settable
 * reasons' names, into *skip; *skip is left as it is when c (may be
 * NULL) has none.  0, or -1 with err set (IAM_ERR_SCHEMA, located at the
 * bad entry of the file; IAM_ERR_NOMEM). */
int iam_lint_skip_read(const struct iam_config *c, unsigned *skip,
		       struct iam_error *err);

/* Is path (as named, relative or absolute) a copy that skip (a skip set)
 * passes over: in a #current-cloud-backend directory, or
 * .../backend/awscloudformation/build/X where .../backend/X is a regular
 * file?  Only the part of path from offset from on is looked at for the
 * directories (the part a walk found, not the part that was named). */
enum iam_lint_skip iam_lint_skip_copy(const char *path, unsigned from,
				      unsigned skip);

/* Is path's base name one of the Amplify CLI's data files, and is path
 * inside an amplify/ directory?  (The caller still lints it when it holds
 * a policy or a template.) */
bool iam_lint_amplify_data(const char *path);

/* Does path end in .yaml or .yml? */
bool iam_lint_yaml_name(const char *path);

/* Is path's base name custom-policies.json (a list of statements that the
 * Amplify CLI adds to a function's execution role)? */
bool iam_lint_amplify_custom_policies(const char *path);

#endif /* IAM_LINT_SKIP_H */

/* amplify/check.h - `iamgate amplify check` as one call: read the project,
 * pick the list and the categories, build the plan, decide it against the
 * deployer's policies and check the project's roles against the project
 * boundary, into a struct iam_amplify_report that cli/cmd_amplify.c prints.
 *
 * The policy files are loaded by the caller (it reports their problems);
 * the check borrows them.  Nothing here prints.
 *
 * Ownership: a report owns its project, list and plan; release it with
 * iam_amplify_report_release().  Settings read from a .iamgate.json own
 * their strings (iam_amplify_settings_release).
 */
#ifndef IAM_AMPLIFY_CHECK_H
#define IAM_AMPLIFY_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "amplify/amplify.h"
#include "core/diag.h"
#include "core/rules.h"

struct iam_catalog;
struct iam_config;
struct iam_context;
struct iam_error;
struct iam_policy;

/* Something the check could not read or derive (amplify/coverage.c). */
struct iam_amplify_gap {
	char *resource;                 /* "auth/pool", a category, or "" */
	char *file;                     /* what it is about, or NULL */
	int line;                       /* 0: unknown */
	char *reason;                   /* why, and what would close it */
};

/* What to check. */
struct iam_amplify_options {
	const char *project;            /* PROJECT_DIR, or NULL */
	const char *env;                /* the environment, or NULL */
	const char *region, *account;   /* NULL: the project's */
	const char *list;               /* NULL: the default of the project's
					 * generation */
	unsigned cats;                  /* 0: the project's categories (Gen 1),
					 * else every category of the list */
	const struct iam_catalog *catalog;      /* must not be NULL */
	/* the deployer: no identity policy, no deployer check */
	struct iam_policy *const *identity;
	size_t nidentity;
	struct iam_policy *boundary;            /* or NULL */
	struct iam_policy *const *scps;         /* each an organization level */
	size_t nscps;
	/* the deployer's account's organization levels, root first (from
	 * --account/--live's organization), before the --scp level */
	const struct iam_org_level *scp_levels;
	size_t nscp_levels;
	const char *principal;                  /* or NULL */
	const struct iam_context *context;      /* or NULL */
	/* the policy behind the project's PermissionsBoundaryPolicyArn */
	const struct iam_policy *project_boundary;      /* or NULL */
	/* what the caller found no policy for (an ARN that no --account
	 * snapshot holds): each a gap of the coverage (borrowed) */
	const struct iam_amplify_gap *unresolved;
	size_t nunresolved;
	/* findings not to report (a .iamgate.json's suppressions:
	 * iam_config_suppressed), or NULL */
	bool (*suppressed)(void *ctx, const struct iam_diag *d);
	void *suppressed_ctx;
};

/* What the check found. */
struct iam_amplify_report {
	bool gen2;                      /* a Gen 2 project: no project read */
	struct iam_amplify_project *proj;       /* a Gen 1 project, or NULL */
	struct iam_amplify_list *list;
	struct iam_amplify_plan plan;
	bool checked;                   /* the deployer check ran */
	bool roles_checked;             /* the project boundary was given */
	bool roles_unchecked_warning;   /* a project boundary but no Gen 1
					 * project: no role was checked */
	long missing;                   /* requirements not allowed */
	long losing;                    /* roles that lose actions */
	long suppressed;                /* findings left out by o->suppressed
					 * (not counted in missing, losing) */
	/* what the verdict does not cover: each is also an
	 * AMPLIFY_INCOMPLETE finding (unless suppressed) */
	struct iam_amplify_gap *gaps;
	size_t ngaps;
	long incomplete;                /* gaps not suppressed */
	bool gaps_nomem;
	/* every finding, with a code of iam_amplify_rules(): each missing
	 * requirement, each role that loses actions, each wildcard entry
	 * that matches nothing, each gap of the coverage; none that is
	 * suppressed */
	struct iam_diags diags;
};

#define IAM_AMPLIFY_REPORT_INIT { .plan = IAM_AMPLIFY_PLAN_INIT, .diags = IAM_DIAGS_INIT }

/* Every code the check reports (amplify/rules.c).  Static. */
const struct iam_rules *iam_amplify_rules(void);

/* "FILE:LINE (Sid X)" or "FILE (statement 2)" for a statement, into buf. */
const char *iam_amplify_stmt_label(const struct iam_stmt_ref *r, char *buf, size_t n);

/* Step one: read the project of o (a Gen 2 project is only recognised).
 * Returns 0, or -1 with err set (IAM_ERR_USAGE: a project that is not
 * one, an unknown environment, ...; others: the file that failed). */
int iam_amplify_open(const struct iam_amplify_options *o,
		     struct iam_amplify_report *r, struct iam_error *err);

/* Step two, after iam_amplify_open: load the list (IAM_ERR_USAGE for an
 * unknown list name), build the plan, decide it, check the roles.
 * Returns 0, or -1 with err set. */
int iam_amplify_run(const struct iam_amplify_options *o,
		    struct iam_amplify_report *r, struct iam_error *err);

/* The report as the JSON of `amplify check --format json` (a new value;
 * NULL when out of memory): o is what was checked (amplify/report.c). */
json_t *iam_amplify_report_json(const struct iam_amplify_report *r,
				const struct iam_amplify_options *o);

/* The names of the category bits cats, first (an index, or -1) first. */
json_t *iam_amplify_category_names(unsigned cats, int first);

/* Fill r->gaps: what the check of o could not read or derive.  0, or -1
 * with err set (memory).  Called by iam_amplify_run(). */
int iam_amplify_coverage(const struct iam_amplify_options *o,
			 struct iam_amplify_report *r, struct iam_error *err);

/* Free r->gaps. */
void iam_amplify_gaps_release(struct iam_amplify_report *r);

/* Free what the report holds; it is IAM_AMPLIFY_REPORT_INIT afterwards. */
void iam_amplify_report_release(struct iam_amplify_report *r);

/* "auth,api" (or "all") as a set of category bits.  0, or -1 with err set
 * (IAM_ERR_USAGE: an unknown category, none, too long). */
int iam_amplify_categories_parse(const char *arg, unsigned *out,
				 struct iam_error *err);

/* What the "amplify" section of a .iamgate.json can set:
 *   {"amplify": {"project": "DIR", "policies": [FILE...], "boundary": FILE,
 *    "scps": [FILE...], "projectBoundary": FILE, "env": NAME, "list": NAME,
 *    "categories": "auth,api", "account": ID, "region": NAME}}
 * File names are relative to the directory of the file. */
struct iam_amplify_settings {
	const char *project;
	const char **policies;          /* the array is the settings' */
	size_t npolicies;
	const char *boundary;
	const char **scps;              /* the array is the settings' */
	size_t nscps;
	const char *project_boundary;
	const char *env, *list, *account, *region;
	unsigned cats;                  /* 0: not given */
	json_t *doc;                    /* the section: owns the strings */
	json_t *paths;                  /* ... and the paths made from them */
};

/* Read the "amplify" section of the .iamgate.json c into s, setting only
 * what `given` (what the command line set: its non-NULL, non-zero fields)
 * leaves out; a member given on the command line is still checked for its
 * type.  Returns 0, or -1 with err set: IAM_ERR_USAGE for bad categories,
 * IAM_ERR_NOMEM, else IAM_ERR_SCHEMA (the message names the file and the
 * member). */
int iam_amplify_settings_read(const struct iam_config *c,
			      const struct iam_amplify_settings *given,
			      struct iam_amplify_settings *s,
			      struct iam_error *err);

/* Free what s holds; s is zeroed. */
void iam_amplify_settings_release(struct iam_amplify_settings *s);

#endif /* IAM_AMPLIFY_CHECK_H */

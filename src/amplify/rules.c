/* amplify/rules.c - every code amplify check reports (doc/rules/CODE.md).
 * Sorted by code. */
#include "config.h"

#include "amplify/check.h"

static const struct iam_rule rules[] = {
	{ "AMPLIFY_ACTION_DENIED", IAM_SEV_ERROR,
	  "an action the Amplify deploy needs is not allowed", false,
	  "AmplifyActionDenied",
	  "The deployer's identity policies, permissions boundary and SCPs must allow every action the Amplify CLI calls for the project's categories, or the push stops half-way with AccessDenied." },
	{ "AMPLIFY_BOUNDARY_MISSING", IAM_SEV_ERROR,
	  "an environment of the project sets no permissions boundary while another does", false,
	  "AmplifyBoundaryMissing",
	  "Each environment of team-provider-info.json has its own PermissionsBoundaryPolicyArn; one that has none (amplify env add --yes across accounts leaves it out) creates its roles without the boundary the others carry." },
	{ "AMPLIFY_ENTRY_MATCHES_NOTHING", IAM_SEV_WARNING,
	  "a wildcard entry of the required-action list matches no action of the catalog", false,
	  NULL, NULL },
	{ "AMPLIFY_INCOMPLETE", IAM_SEV_ERROR,
	  "a resource, role or policy of the project was not read or derived, so the verdict does not cover it", false,
	  "AmplifyIncomplete",
	  "amplify check is right only about what it read: a resource with no template (only cli-inputs.json until amplify build), a template it could not read, a policy whose actions are unknown before deploy, or a category the list files nothing under leaves the verdict incomplete." },
	{ "AMPLIFY_ROLE_OUTSIDE_BOUNDARY", IAM_SEV_ERROR,
	  "a role the project creates is granted actions its permissions boundary does not allow", false,
	  "AmplifyRoleOutsideBoundary",
	  "Amplify applies the environment's permissions boundary to every role it creates; a role can do only what both its policies and the boundary allow, so these grants silently fail at run time." },
};

static const struct iam_rules table = {
	"amplify", rules, sizeof(rules) / sizeof(rules[0]),
};

const struct iam_rules *iam_amplify_rules(void)
{
	return &table;
}

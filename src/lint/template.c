/* lint/template.c - lint: where the policies of a CloudFormation template
 * stand.
 *
 * The template reader (core/cfn.h) finds the policy documents a
 * template's resources carry, the same reader `amplify check` loads
 * stacks with; lint/lint.c lints each where it stands, every intrinsic
 * function an unknown value.  What the resource is decides the checks
 * that depend on the site: a resource policy and a role's trust policy
 * are attached to their resource (its service, its size quota), an
 * identity policy to nothing in particular.
 */
#include "config.h"

#include "lint/lint.h"
#include "lint/lint_impl.h"

void lint_template_site(const struct iam_cfn_policy *p,
			struct iam_lint_site *site)
{
	site->attached_to = p->type == IAM_POLICY_IDENTITY ? NULL
							   : p->resource_type;
	site->cfn = true;
}

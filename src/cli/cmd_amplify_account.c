/* cli/cmd_amplify_account.c - amplify check with --account FILE: the
 * deployer's policies and boundary from the snapshots, the policy behind
 * each environment's PermissionsBoundaryPolicyArn, and what none of the
 * snapshots holds as gaps of the coverage (cli/amplify.h).
 *
 * Ownership: the identity list is the caller's to free (its policies are
 * L's); a struct cmd_amplify_unresolved owns its gaps' strings.
 */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/amplify.h"
#include "cli/cmds.h"
#include "cli/live_question.h"
#include "amplify/amplify.h"
#include "amplify/check.h"
#include "core/account.h"
#include "core/authz.h"
#include "core/policy.h"

/* The deployer's policies and boundary from --account: after -p's
 * (which stay first in L->v), its own boundary unless -b gave one.  What
 * the snapshot names and no snapshot holds goes to gaps. */
int cmd_amplify_account_policies(const struct cmd_policy_opts *pol, struct cmd_policies *L,
				 struct iam_amplify_options *ao, struct iam_policy ***identity,
				 struct iam_policy_set *org, struct iam_gaps *gaps)
{
	struct iam_policy_set set = { 0 };
	struct cmd_policies extra = { 0 };
	size_t n = pol->npolicies;
	int rc = -1;

	if (cmd_accounts_resolve(pol, L, NULL, NULL, true, &set, gaps) < 0)
		goto out;
	/* the identity list: -p's, then the account's, borrowed */
	for (size_t i = 0; i < set.nidentity; i++)
		if (cmd_push((const char ***)&extra.v, &extra.n, (const char *)set.identity[i]) < 0)
			goto nomem;
	if (!(*identity = malloc((n + extra.n + 1) * sizeof(**identity))))
		goto nomem;
	if (n)
		memcpy(*identity, L->v, n * sizeof(*L->v));
	if (extra.n)
		memcpy(*identity + n, extra.v, extra.n * sizeof(*extra.v));
	ao->identity = *identity;
	ao->nidentity = n + extra.n;
	if (!ao->boundary && set.nboundary)
		ao->boundary = set.boundary[0];
	/* the organization's levels stay with the caller (org) */
	org->scp = set.scp;
	org->nscp = set.nscp;
	org->built = true;
	set.scp = NULL;
	set.nscp = 0;
	ao->scp_levels = org->scp;
	ao->nscp_levels = org->nscp;
	rc = 0;
	goto out;
nomem:
	L->nomem = true;
out:
	free(extra.v);
	iam_policy_set_release(&set);
	return rc;
}

static void unresolved_add(struct cmd_amplify_unresolved *u, const char *file, int line,
			   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void unresolved_add(struct cmd_amplify_unresolved *u, const char *file, int line,
			   const char *fmt, ...)
{
	struct iam_amplify_gap *v = realloc(u->v, (u->n + 1) * sizeof(*v));
	char text[1400];
	va_list ap;

	if (!v) {
		u->nomem = true;
		return;
	}
	u->v = v;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	v[u->n] = (struct iam_amplify_gap){ strdup(""), file ? strdup(file) : NULL, line,
					    strdup(text) };
	if (!v[u->n].resource || !v[u->n].reason || (file && !v[u->n].file)) {
		free(v[u->n].resource);
		free(v[u->n].file);
		free(v[u->n].reason);
		u->nomem = true;
		return;
	}
	u->n++;
}

void cmd_amplify_unresolved_release(struct cmd_amplify_unresolved *u)
{
	for (size_t i = 0; i < u->n; i++) {
		free(u->v[i].resource);
		free(u->v[i].file);
		free(u->v[i].reason);
	}
	free(u->v);
}

/* The deployer's policies that its snapshot names and none holds. */
void cmd_amplify_deployer_gaps(struct cmd_amplify_unresolved *u, const struct iam_gaps *g)
{
	for (size_t i = 0; i < g->n; i++) {
		char text[1024];

		unresolved_add(u, g->v[i]->pos.source, g->v[i]->pos.line,
			       "%s: the deployer's policies are not all known (give the snapshot that holds it with --account)",
			       strchr(iam_gap_text(g->v[i], text, sizeof(text)), ' ') + 1);
	}
}

void cmd_amplify_live_gaps(struct cmd_amplify_unresolved *u, const struct cmd_policies *L)
{
	const char *acct, *why = cmd_live_org_gap(L, &acct);

	if (why)
		unresolved_add(u, NULL, 0,
			       "the SCPs and RCPs of account %s were not read (%s): the deployer's "
			       "organization limits are not checked (give them with --org FILE)",
			       acct, why);
}

/* The policy behind the environment's PermissionsBoundaryPolicyArn, from
 * --account (or embedded), unless --project-boundary gave it; one that
 * none holds is a gap: the roles are not checked. */
void cmd_amplify_boundary_arn(struct cmd_policies *L, struct iam_amplify_options *ao,
			      const struct iam_amplify_project *p,
			      struct cmd_amplify_view *R, struct cmd_amplify_unresolved *u)
{
	char why[1024], file[4200];
	size_t n;

	if (L->failed || !L->accounts || ao->project_boundary || !p || !p->boundary_arn)
		return;
	ao->project_boundary = cmd_policies_find_arn(L, p->boundary_arn, IAM_POLICY_BOUNDARY,
						     why, sizeof(why));
	if (ao->project_boundary) {
		R->project_boundary = p->boundary_arn;
		return;
	}
	if (L->failed)
		return;
	/* beside backend/: amplify/team-provider-info.json */
	n = strlen(p->backend) > 8 ? strlen(p->backend) - 8 : 0;
	snprintf(file, sizeof(file), "%.*s/team-provider-info.json", (int)n, p->backend);
	unresolved_add(u, file, 0,
		       "environment %s: its PermissionsBoundaryPolicyArn %s: the project's roles are not checked against it (give the snapshot that holds it with --account, or the policy with --project-boundary %s%sFILE)",
		       p->env ? p->env : "(the only one)", why, p->env ? p->env : "",
		       p->env ? "=" : "");
}


/* cli/live_question.h - --live on the deciding commands (evaluate,
 * assume, amplify check): the question's principal, role and policies
 * fetched from the account into L->accounts (cli/live_question.c). */
#ifndef IAM_CLI_LIVE_QUESTION_H
#define IAM_CLI_LIVE_QUESTION_H

struct cmd_policies;
struct cmd_policy_opts;
struct iam_chain;
struct iam_error;
struct iam_live_chain;
struct iam_managed_policy;

/* With po->live: open the profile's session, find who it is, fetch the
 * principal (po->principal, else the caller, which then becomes
 * po->principal) and, for an sts:AssumeRole* request on a role, that
 * role; with the organization's levels when readable (else a warning)
 * and any --account files, into L->accounts, finished.  0 (also without
 * --live), or -1 after saying why, with *rc the exit status. */
int cmd_live_principal(const char *cmd, struct cmd_policy_opts *po, struct cmd_policies *L,
		       const char *action, const char *resource, int *rc);

/* Why the organization's levels of the principal's account (in
 * *account, when not NULL) were not read, or NULL when they were. */
const char *cmd_live_org_gap(const struct cmd_policies *L, const char **account);
/* That, as a warning: the decision leaves those levels out. */
void cmd_live_warn_org_gap(const struct cmd_policies *L);
/* The ARN STS says the session is, or NULL. */
const char *cmd_live_caller(const struct cmd_policies *L);

/* A managed policy fetched now (the snapshot did not hold it): NULL when
 * there is no live session, it does not exist, or err is set. */
struct iam_managed_policy *cmd_live_late_policy(struct cmd_policies *L, const char *arn,
						struct iam_error *err);

/* The chain as it was made: the profile, its hops, who STS says the
 * session is (borrowed from L). */
struct cmd_live_chain_view {
	const char *profile;
	const struct iam_live_chain *lc;
	const char *caller;
};
void cmd_live_chain(const struct cmd_policies *L, struct cmd_live_chain_view *v);

/* assume --live, when STS refused a role hop after granting the ones
 * before: who the last hop granted acts as (GetCallerIdentity), that
 * principal and the role refused fetched with its credentials, with the
 * organization's levels and any --account files, into L->accounts, so
 * that the refusal can be decided offline (core/assume.h's made).  0
 * with *out set (borrowed from L); 1 when the chain did not fail so; -1
 * after a message (what could not be read).  The exit status stays the
 * refusal's. */
struct cmd_live_refusal {
	const struct iam_chain *chain;
	const char *const *made;      /* who hops 1..nmade act as */
	size_t nmade;
};
int cmd_live_refusal(struct cmd_policy_opts *po, struct cmd_policies *L,
		     struct cmd_live_refusal *out);

void cmd_live_release(struct cmd_policies *L);

#endif /* IAM_CLI_LIVE_QUESTION_H */

/* cli/live_question.c - --live: fetch just what the question needs, then
 * decide it as with a snapshot.
 *
 * --live opens the profile's session (cli/live.h), asks STS who the chain
 * ends in, and fetches with those credentials, into one snapshot
 * (live/fetch.h): the principal (--principal, else the caller) with its
 * policies, boundary and groups; the role an sts:AssumeRole* request
 * names (its trust policy); and, when the decision needs one later, a
 * managed policy by ARN (amplify check's PermissionsBoundaryPolicyArn:
 * cmd_live_late_policy).  Then the Organizations levels of the
 * principal's account, when the caller may read them; when it may not,
 * that is said, never taken for "no SCPs".  IAM answers for the caller's
 * own account only: a principal or role of another is not fetched (an
 * --account file may hold it; else the decision says it is not known).
 * The snapshot is loaded as a snapshot file is (core/account.h), so the
 * decision is the offline one.
 *
 * Owned by the cli; the session and what was fetched live in
 * L->live until cmd_policies_release.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "cli/live.h"
#include "cli/live_question.h"
#include "cli/msg.h"
#include "core/account.h"
#include "core/error.h"
#include "core/principal.h"
#include "core/profile.h"
#include "live/creds.h"
#include "live/endpoint.h"
#include "live/fetch.h"
#include "live/sts.h"

struct cmd_live_question {
	struct cmd_live lv;
	const struct iam_creds *creds;
	const char *region;
	struct iam_caller_identity id;
	struct iam_accounts **late;   /* one per policy fetched after the load */
	size_t nlate;
	char org_why[512];            /* the levels were not read: why */
	char account[16];
	const char **made;            /* cmd_live_refusal: who each hop made acts as */
};

static int fail(const struct iam_error *err, int *rc)
{
	iam_msg_failure(err);
	*rc = iam_exit_for(err);
	return -1;
}

static bool assume_action(const char *a)
{
	return a && strncasecmp(a, "sts:AssumeRole", 14) == 0;
}

static bool role_arn(const char *r)
{
	return r && strncmp(r, "arn:", 4) == 0 && strstr(r, ":role/");
}

/* Whose account the question is about: the principal's. */
static void account_of(const char *arn, char *acct, size_t n)
{
	struct iam_principal p;

	acct[0] = 0;
	if (iam_principal_parse(arn, &p) == 0)
		snprintf(acct, n, "%s", iam_principal_account(&p));
}

/* IAM answers for the credentials' own account only: a principal of
 * another is looked up by its name there, which would be some other
 * principal.  Such a one is not fetched; an --account file of its
 * account can hold it, else the decision says it is not known. */
static bool elsewhere(const struct cmd_live_question *Q, const char *arn)
{
	char mine[16], its[16];

	account_of(Q->id.arn, mine, sizeof mine);
	account_of(arn, its, sizeof its);
	return *mine && *its && strcmp(mine, its) != 0;
}

static int fetch_one(struct cmd_live_question *Q, struct iam_fetched *F, const char *arn,
		     const char *what, int *rc)
{
	struct iam_error err = IAM_ERROR_INIT;
	int r = elsewhere(Q, arn) ? 0 : iam_fetch_principal(Q->lv.L, Q->creds, F, arn, &err);

	if (r < 0)
		return fail(&err, rc);
	if (r == 1) {
		iam_msg_error("--live: %s %s does not exist (iam: NoSuchEntity)", what, arn);
		*rc = IAM_EXIT_DENIED;
		return -1;
	}
	return 0;
}

/* The organization levels of the account, loaded into A; when they
 * cannot be read, Q->org_why says why. */
static int fetch_org(struct cmd_live_question *Q, struct iam_accounts *A, int *rc)
{
	struct iam_error err = IAM_ERROR_INIT;
	json_t *org = NULL;
	char *text;
	int r;

	r = iam_fetch_org(Q->lv.L, Q->creds, Q->region, Q->account, &org, Q->org_why,
			  sizeof Q->org_why, &err);
	if (r < 0)
		return fail(&err, rc);
	if (r == 1)
		return 0;   /* the caller says it (cmd_live_org_gap) */
	text = json_dumps(org, JSON_COMPACT);
	json_decref(org);
	if (!text || iam_accounts_load_org_buffer(A, "fetched organization", text,
						  strlen(text), &err) < 0) {
		free(text);
		if (!text)
			iam_error_set(&err, IAM_ERR_NOMEM, NULL, "out of memory");
		return fail(&err, rc);
	}
	free(text);
	return 0;
}

static int load_fetched(struct cmd_live_question *Q, const struct cmd_policy_opts *po,
			struct cmd_policies *L, struct iam_fetched *F, int *rc)
{
	struct iam_error err = IAM_ERROR_INIT;
	char *text = json_dumps(iam_fetched_json(F), JSON_COMPACT), source[64];

	if (!text || !(L->accounts = iam_accounts_new())) {
		free(text);
		iam_error_set(&err, IAM_ERR_NOMEM, NULL, "out of memory");
		return fail(&err, rc);
	}
	snprintf(source, sizeof source, "fetched account %s", Q->account);
	for (size_t i = 0; i < po->naccounts; i++)
		if (iam_accounts_load_file(L->accounts, po->accounts[i], &err) < 0)
			goto bad;
	if (iam_accounts_load_buffer(L->accounts, source, text, strlen(text), &err) < 0)
		goto bad;
	if (po->org ? iam_accounts_load_org(L->accounts, po->org, &err) < 0
		    : fetch_org(Q, L->accounts, rc) < 0)
		goto bad_rc;
	if (iam_accounts_finish(L->accounts, &err) < 0)
		goto bad;
	free(text);
	return 0;
bad:
	fail(&err, rc);
bad_rc:
	free(text);
	return -1;
}

static int who(struct cmd_live_question *Q, int *rc)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_endpoint ep;

	if (iam_endpoint_resolve(Q->lv.L, IAM_SVC_STS, Q->lv.chain->profile, Q->region, &ep,
				 &err) < 0 ||
	    iam_sts_get_caller_identity(Q->lv.L, &ep, Q->creds, &Q->id, &err) < 0)
		return fail(&err, rc);
	return 0;
}

/* The principal of the question: --principal, else the caller.  A role
 * session asks about its role. */
static int fetch_question(struct cmd_live_question *Q, struct cmd_policy_opts *po,
			  struct cmd_policies *L, const char *action, const char *resource,
			  int *rc)
{
	const char *principal = po->principal ? po->principal : Q->id.arn;
	struct iam_fetched *F = iam_fetched_new(Q->region);
	int r = -1;

	if (!F) {
		iam_msg_error("out of memory");
		*rc = IAM_EXIT_INTERNAL;
		return -1;
	}
	account_of(principal, Q->account, sizeof Q->account);
	if (fetch_one(Q, F, principal, "the principal", rc) < 0)
		goto out;
	if (assume_action(action) && role_arn(resource) && strcmp(resource, principal) != 0 &&
	    fetch_one(Q, F, resource, "the role", rc) < 0)
		goto out;
	if (load_fetched(Q, po, L, F, rc) < 0)
		goto out;
	if (!po->principal) {
		if (!(L->profile_principal = strdup(Q->id.arn))) {
			iam_msg_error("out of memory");
			*rc = IAM_EXIT_INTERNAL;
			goto out;
		}
		po->principal = L->profile_principal;
	}
	r = 0;
out:
	iam_fetched_free(F);
	return r;
}

int cmd_live_principal(const char *cmd, struct cmd_policy_opts *po, struct cmd_policies *L,
		       const char *action, const char *resource, int *rc)
{
	struct cmd_live_question *Q;

	*rc = IAM_EXIT_OK;
	if (!po->live)
		return 0;
	Q = calloc(1, sizeof *Q);
	if (!Q) {
		iam_msg_error("out of memory");
		*rc = IAM_EXIT_INTERNAL;
		return -1;
	}
	L->live = Q;
	*rc = cmd_live_open(cmd, po->profile, &po->live_opts, &Q->lv);
	if (*rc != IAM_EXIT_OK)
		goto failed;
	Q->creds = &Q->lv.lc->creds;
	Q->region = Q->lv.lc->region;
	if (who(Q, rc) < 0 || fetch_question(Q, po, L, action, resource, rc) < 0)
		goto failed;
	return 0;
failed:
	L->failed = true;
	return -1;
}

const char *cmd_live_org_gap(const struct cmd_policies *L, const char **account)
{
	const struct cmd_live_question *Q = L->live;

	if (account)
		*account = Q ? Q->account : NULL;
	return Q && Q->org_why[0] ? Q->org_why : NULL;
}

void cmd_live_warn_org_gap(const struct cmd_policies *L)
{
	const char *acct, *why = cmd_live_org_gap(L, &acct);

	if (why)
		iam_msg_warn("--live: the SCPs and RCPs of account %s were not read (%s): the "
			     "decision leaves them out", acct, why);
}

const char *cmd_live_caller(const struct cmd_policies *L)
{
	const struct cmd_live_question *Q = L->live;

	return Q && Q->id.arn[0] ? Q->id.arn : NULL;
}

struct iam_managed_policy *cmd_live_late_policy(struct cmd_policies *L, const char *arn,
						struct iam_error *err)
{
	struct cmd_live_question *Q = L->live;
	struct iam_fetched *F;
	struct iam_accounts *A, **v;
	char *text = NULL;
	int r;

	if (!Q || !Q->creds || !(F = iam_fetched_new(Q->region)))
		return NULL;
	r = iam_fetch_policy(Q->lv.L, Q->creds, F, arn, err);
	if (r == 0)
		text = json_dumps(iam_fetched_json(F), JSON_COMPACT);
	iam_fetched_free(F);
	if (r != 0 || !text)
		return NULL;
	A = iam_accounts_new();
	v = realloc(Q->late, (Q->nlate + 1) * sizeof *v);
	if (!A || !v || iam_accounts_load_buffer(A, "fetched policy", text, strlen(text), err) < 0 ||
	    iam_accounts_finish(A, err) < 0) {
		if (v)
			Q->late = v;
		iam_accounts_free(A);
		free(text);
		return NULL;
	}
	free(text);
	Q->late = v;
	Q->late[Q->nlate++] = A;
	return iam_accounts_policy(A, arn, err);
}

/* STS refused a role hop of the chain (AccessDenied), after at least
 * one hop granted: the hop's index, else -1. */
static long refused_hop(const struct cmd_live_question *Q)
{
	const struct iam_live_chain *lc = Q->lv.lc;
	const struct iam_chain *ch = Q->lv.chain;
	const struct iam_aws_error *e = Q->lv.L ? iam_live_last_error(Q->lv.L) : NULL;

	if (!lc || !ch || !lc->nsteps || lc->nsteps >= ch->nhops || !e ||
	    ch->hops[lc->nsteps].kind != IAM_HOP_ASSUME_ROLE || !ch->hops[lc->nsteps].role_arn.value ||
	    strcmp(e->call, "sts:AssumeRole") != 0 || strcmp(e->code, "AccessDenied") != 0)
		return -1;
	return (long)lc->nsteps;
}

/* Fetch arn for the refusal; one that does not exist is left out (the
 * decision says what its absence means). */
static int fetch_for_refusal(struct cmd_live_question *Q, struct iam_fetched *F, const char *arn,
			     long hop)
{
	struct iam_error err = IAM_ERROR_INIT;

	if (elsewhere(Q, arn) || iam_fetch_principal(Q->lv.L, Q->creds, F, arn, &err) >= 0)
		return 0;
	iam_msg_warn("why hop %ld was refused cannot be read with hop %ld's credentials: %s",
		     hop + 1, hop, err.text);
	return -1;
}

int cmd_live_refusal(struct cmd_policy_opts *po, struct cmd_policies *L,
		     struct cmd_live_refusal *out)
{
	struct cmd_live_question *Q = L->live;
	struct iam_fetched *F = NULL;
	long hop = Q ? refused_hop(Q) : -1;
	int rc, r = -1;

	if (hop < 0)
		return 1;
	Q->creds = &Q->lv.lc->creds;
	Q->region = Q->lv.lc->region;
	if (!(Q->made = calloc((size_t)hop, sizeof *Q->made)) || !(F = iam_fetched_new(Q->region))) {
		iam_msg_error("out of memory");
		goto out;
	}
	if (who(Q, &rc) < 0)
		goto out;
	for (long i = 0; i < hop; i++)
		Q->made[i] = Q->lv.lc->steps[i].arn;
	Q->made[hop - 1] = Q->id.arn;
	account_of(Q->id.arn, Q->account, sizeof Q->account);
	if (fetch_for_refusal(Q, F, Q->id.arn, hop) < 0 ||
	    fetch_for_refusal(Q, F, Q->lv.chain->hops[hop].role_arn.value, hop) < 0 ||
	    load_fetched(Q, po, L, F, &rc) < 0)
		goto out;
	*out = (struct cmd_live_refusal){ Q->lv.chain, Q->made, (size_t)hop };
	r = 0;
out:
	iam_fetched_free(F);
	return r;
}

void cmd_live_chain(const struct cmd_policies *L, struct cmd_live_chain_view *v)
{
	const struct cmd_live_question *Q = L->live;

	v->profile = Q->lv.chain->profile;
	v->lc = Q->lv.lc;
	v->caller = Q->id.arn;
}

void cmd_live_release(struct cmd_policies *L)
{
	struct cmd_live_question *Q = L->live;

	if (!Q)
		return;
	for (size_t i = 0; i < Q->nlate; i++)
		iam_accounts_free(Q->late[i]);
	free(Q->late);
	free(Q->made);
	cmd_live_close(&Q->lv);
	free(Q);
	L->live = NULL;
}

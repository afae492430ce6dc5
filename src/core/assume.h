/* core/assume.h - can this profile get there?  Every hop of a profile's
 * role chain decided as STS would decide it, offline.
 *
 * Part of the engine (the profile work).  A chain (core/profile.h) says
 * what the AWS CLI will send; the loaded accounts (core/account.h) say who
 * the credentials belong to and what the roles' trust policies and the
 * callers' policies are.  For every sts:AssumeRole of the chain this
 * decides, with the authorizer (core/authz.h), the request STS meets:
 *
 *   principal  the caller: the identity behind the first hop's
 *              credentials, then each hop's role session;
 *   action     sts:AssumeRole (sts:AssumeRoleWithWebIdentity for a web
 *              identity hop: no caller policy, the provider is the
 *              principal);
 *   resource   the role; its trust policy is the resource-based policy,
 *              the caller's identity policies, boundary and SCP levels
 *              the rest, as for any cross- or same-account request;
 *   context    what the profile makes the AWS CLI send:
 *              aws:MultiFactorAuthPresent "true" and aws:MultiFactorAuthAge
 *              "0" when the hop sends mfa_serial (or the caller's session
 *              was itself obtained with MFA), absent otherwise (long-term
 *              keys carry no MFA key); sts:ExternalId; sts:RoleSessionName;
 *              aws:SecureTransport "true" (the AWS CLI speaks HTTPS); the
 *              keys derived from the caller (aws:PrincipalArn ...); the
 *              web identity token's provider keys (PROVIDER:aud, :sub,
 *              :amr); and the caller's extra keys (-c).
 *
 * The identity behind the first hop's keys: --source-principal when
 * given; else the user whose AccessKeyMetadata lists the key ID (an
 * account snapshot may carry it); else the one user of the loaded
 * accounts named like the profile, stated as an assumption; else unknown,
 * a gap.  An SSO hop acts as its permission set's role
 * (AWSReservedSSO_<set>_<suffix>) when a snapshot of its account holds
 * one.  A role or caller in no loaded account is a gap too: nothing is
 * guessed.
 *
 *   struct iam_assume *as;
 *   if (iam_assume_chain(ch, accounts, &opts, &as, &err) < 0) ...;
 *   for (size_t i = 0; i < as->nsteps; i++) as->steps[i].state ...
 *   as->failed: the first step that is not IAM_STEP_START or _ALLOWED
 *   iam_assume_free(as);        (before the chain and the accounts)
 */
#ifndef IAM_ASSUME_H
#define IAM_ASSUME_H

#include <stdbool.h>
#include <stddef.h>

#include "core/authz.h"
#include "core/context.h"

struct iam_accounts;
struct iam_chain;
struct iam_entity;
struct iam_error;
struct iam_hop;

enum iam_step_state {
	IAM_STEP_START,      /* hop 1: the credentials' own identity */
	IAM_STEP_ALLOWED,    /* STS would grant the session */
	IAM_STEP_DENIED,     /* STS would refuse: res and fix say why */
	IAM_STEP_UNKNOWN,    /* cannot be decided offline: why says what is missing */
	IAM_STEP_INVALID,    /* the profile has an error: the call is never made */
	IAM_STEP_UNREACHED,  /* an earlier hop fails */
};

struct iam_step {
	const struct iam_hop *hop;
	enum iam_step_state state;
	const char *caller;          /* the principal the call is signed as (NULL:
				      * unknown; hop 1: the identity found) */
	const char *caller_from;     /* how caller is known: "--source-principal",
				      * "access key ID", "the user named like the
				      * profile", "the previous hop", ... */
	bool assumption;             /* caller_from is a guess the output states */
	const struct iam_entity *caller_entity;
	const char *action;          /* sts:AssumeRole..., NULL for hop 1 */
	const char *role;            /* the role ARN asked for */
	const struct iam_entity *role_entity;
	const char *acts_as;         /* the session this hop yields, when known */
	bool mfa;                    /* that session was obtained with MFA */
	struct iam_context ctx;      /* the call's request context */
	struct iam_policy_set set;
	struct iam_result res;       /* IAM_STEP_ALLOWED and _DENIED */
	bool decided;                /* res holds a result */
	const char *why;             /* UNKNOWN, INVALID, and a START that is
				      * unknown: one line */
	const char *fix;             /* DENIED: what would make it pass, one line */
	bool made;                   /* made for real: STS granted it (opts.made) */
};

struct iam_assume_opts {
	const char *source_principal;       /* --source-principal, or NULL */
	const struct iam_context *extra;    /* -c: added to every call (may be NULL) */
	long epoch;                         /* the time of the calls: botocore's
					     * default session name, and with
					     * have_time aws:CurrentTime too */
	bool have_time;
	/* The hops already made for real (assume --live): the first nmade
	 * hops were granted by STS, made[i] the identity hop i acts as (NULL:
	 * not known; the last must be known).  They are not decided; the next
	 * hop is, as a call from made[nmade - 1].  With refused, STS refused
	 * that next hop: when the snapshots would allow it, it is still
	 * denied, and why says what they cannot show. */
	const char *const *made;
	size_t nmade;
	bool refused;
};

struct iam_assume {
	struct iam_step *steps;      /* one per hop of the chain, in its order */
	size_t nsteps;
	size_t failed;               /* the first step that does not pass, or nsteps */
	const char *principal;       /* the final session, when every step passes */
	const struct iam_entity *final_entity;
	struct iam_arena *arena;
};

/* Decide every hop of ch against the accounts A (not NULL; it may hold
 * none).  0 with *out set, or -1 (err set: memory). */
int iam_assume_chain(const struct iam_chain *ch, const struct iam_accounts *A,
		     const struct iam_assume_opts *o, struct iam_assume **out,
		     struct iam_error *err);
void iam_assume_free(struct iam_assume *as);

const char *iam_step_state_name(enum iam_step_state s);  /* "allowed", ... */

#endif /* IAM_ASSUME_H */

/* core/assume.c - every hop of a profile's role chain decided as STS
 * would decide it (core/assume.h says what is decided, and how).
 *
 * One step per hop.  The first step finds who the credentials are; each
 * assume-role step builds the request STS meets (caller, sts:AssumeRole,
 * the role, the context the profile produces), gathers its policies from
 * the accounts (the caller's identity policies, boundary and SCP levels;
 * the role's trust policy) and lets the authorizer decide.  A refusal is
 * explained by the layer that decided and, for a trust policy, by trying
 * what the profile could change (MFA, the external ID).
 *
 * Ownership: struct iam_assume owns its steps and their texts (one
 * arena); it borrows the chain's hops and the accounts' entities.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "core/account.h"
#include "core/arena.h"
#include "core/assume.h"
#include "core/error.h"
#include "core/policy.h"
#include "core/principal.h"
#include "core/profile.h"

/* The largest web identity token read (STS takes at most 20,000 bytes). */
#define TOKEN_MAX 65536

struct run {
	const struct iam_chain *ch;
	const struct iam_accounts *A;
	const struct iam_assume_opts *o;
	struct iam_assume *as;
	struct iam_error *err;
};

const char *iam_step_state_name(enum iam_step_state s)
{
	switch (s) {
	case IAM_STEP_START: return "start";
	case IAM_STEP_ALLOWED: return "allowed";
	case IAM_STEP_DENIED: return "denied";
	case IAM_STEP_UNKNOWN: return "unknown";
	case IAM_STEP_INVALID: return "invalid";
	case IAM_STEP_UNREACHED: return "not reached";
	}
	return "?";
}

static const char *fmt(struct run *R, const char *f, ...) __attribute__((format(printf, 2, 3)));

/* printf into the arena; NULL (and err set) when out of memory. */
static const char *fmt(struct run *R, const char *f, ...)
{
	char buf[2048];
	va_list ap;
	const char *s;

	va_start(ap, f);
	vsnprintf(buf, sizeof(buf), f, ap);
	va_end(ap);
	if (!(s = iam_arena_strdup(R->as->arena, buf)))
		iam_error_set(R->err, IAM_ERR_NOMEM, NULL, "out of memory");
	return s;
}

/* "file:line" of a profile value, or the variable it came from. */
static const char *where(struct run *R, const struct iam_awsval *v)
{
	if (v->env)
		return fmt(R, "%s", v->env);
	if (v->file && v->line)
		return fmt(R, "%s:%d", v->file, v->line);
	return fmt(R, "%s", v->file ? v->file : "?");
}

/* "snap.json:12 (Sid 'X')" for a statement of a loaded policy. */
static const char *stmt_where(struct run *R, const struct iam_stmt_ref *r)
{
	char label[128];

	if (!r->stmt)
		return fmt(R, "%s", r->policy ? r->policy->name : "?");
	iam_statement_label(r->stmt, label, sizeof(label));
	return fmt(R, "%s:%d (statement %s)", r->policy->source, r->stmt->line, label);
}

/* ---- who the first hop's credentials are ---- */

/* The one user of the loaded accounts named name, or NULL (none, or
 * several: *several says so). */
static const struct iam_entity *user_named(const struct iam_accounts *A, const char *name,
					   bool *several)
{
	const struct iam_entity *const *v, *found = NULL;
	size_t n;

	*several = false;
	v = iam_accounts_entities(A, &n);
	for (size_t i = 0; i < n; i++) {
		if (v[i]->kind != IAM_ENTITY_USER || strcmp(v[i]->name, name))
			continue;
		if (found)
			*several = true;
		found = v[i];
	}
	return *several ? NULL : found;
}

/* The permission set's role of an SSO hop: AWSReservedSSO_<set>_<suffix>
 * in account acct, under /aws-reserved/sso.amazonaws.com/. */
static const struct iam_entity *sso_role(const struct iam_accounts *A, const char *acct,
					 const char *set)
{
	const struct iam_entity *const *v;
	size_t n, ns = strlen(set);

	v = iam_accounts_entities(A, &n);
	for (size_t i = 0; i < n; i++) {
		const char *nm = v[i]->name;

		if (v[i]->kind == IAM_ENTITY_ROLE && strcmp(v[i]->account, acct) == 0 &&
		    strncmp(nm, "AWSReservedSSO_", 15) == 0 && strncmp(nm + 15, set, ns) == 0 &&
		    nm[15 + ns] == '_' && v[i]->path &&
		    strncmp(v[i]->path, "/aws-reserved/sso.amazonaws.com/", 32) == 0)
			return v[i];
	}
	return NULL;
}

static bool account_loaded(const struct iam_accounts *A, const char *acct)
{
	for (size_t i = 0; i < iam_accounts_count(A); i++)
		if (strcmp(iam_accounts_id(A, i), acct) == 0)
			return true;
	return false;
}

/* The identity behind long-term keys (static or from the environment). */
static int keys_identity(struct run *R, struct iam_step *s, const char *key_id)
{
	const struct iam_access_key *k = NULL;
	const struct iam_entity *e = NULL;
	const char *name = s->hop->profile ? s->hop->profile : "default";
	bool several = false;

	if (key_id && (e = iam_accounts_find_key(R->A, key_id, &k))) {
		s->caller_from = fmt(R, "its access key ID, listed at %s:%d", k->pos.source,
				     k->pos.line);
		if (!k->active) {
			s->caller = e->arn;
			s->caller_entity = e;
			s->state = IAM_STEP_DENIED;
			s->fix = fmt(R, "the access key of %s is Inactive (%s:%d): STS answers "
				     "InvalidClientTokenId; activate it or configure an active one",
				     e->arn, k->pos.source, k->pos.line);
			return s->caller_from && s->fix ? 0 : -1;
		}
	} else if ((e = user_named(R->A, name, &several))) {
		s->caller_from = "the user named like the profile";
		s->assumption = true;
	}
	if (!e) {
		s->state = IAM_STEP_UNKNOWN;
		s->why = several ?
			fmt(R, "more than one loaded account has a user named '%s': give "
			    "--source-principal", name) :
			fmt(R, "no loaded snapshot lists its access key ID or a user named '%s': "
			    "give --source-principal ARN", name);
		return s->why ? 0 : -1;
	}
	s->caller = e->arn;
	s->caller_entity = e;
	return s->caller_from ? 0 : -1;
}

static int sso_identity(struct run *R, struct iam_step *s)
{
	const struct iam_hop *h = s->hop;
	const struct iam_entity *e;
	const char *acct = h->sso_account_id.value, *set = h->sso_role_name.value;

	if (!acct || !set || !(e = sso_role(R->A, acct, set))) {
		s->state = IAM_STEP_UNKNOWN;
		s->why = acct && !account_loaded(R->A, acct) ?
			fmt(R, "no snapshot of account %s is loaded: the role of permission set "
			    "'%s' is not known", acct, set ? set : "?") :
			fmt(R, "the snapshot of account %s holds no role AWSReservedSSO_%s_* "
			    "under /aws-reserved/sso.amazonaws.com/", acct ? acct : "?",
			    set ? set : "?");
		return s->why ? 0 : -1;
	}
	s->caller_entity = e;
	s->caller_from = "the permission set's role; sso-user stands for the Identity Center "
			 "user's session name";
	s->caller = fmt(R, "arn:aws:sts::%s:assumed-role/%s/sso-user", acct, e->name);
	return s->caller ? 0 : -1;
}

/* Hop 1: who signs the first call. */
static int start(struct run *R, struct iam_step *s, const char *env_key_id)
{
	const struct iam_hop *h = s->hop;

	s->state = IAM_STEP_START;
	if (R->o->source_principal) {
		s->caller = R->o->source_principal;
		s->caller_from = "--source-principal";
		s->caller_entity = iam_accounts_find(R->A, s->caller);
		return 0;
	}
	switch (h->kind) {
	case IAM_HOP_STATIC:
		return keys_identity(R, s, h->access_key_id.value);
	case IAM_HOP_ENV:
		return keys_identity(R, s, env_key_id);
	case IAM_HOP_SOURCE:
		if (h->credential_source.value &&
		    strcmp(h->credential_source.value, "Environment") == 0)
			return keys_identity(R, s, env_key_id);
		s->state = IAM_STEP_UNKNOWN;
		s->why = fmt(R, "the credentials are the %s role's, known only at run time: give "
			     "--source-principal ARN", h->credential_source.value ?
			     h->credential_source.value : "credential_source");
		return s->why ? 0 : -1;
	case IAM_HOP_SSO:
		return sso_identity(R, s);
	default:
		s->state = IAM_STEP_UNKNOWN;
		s->why = fmt(R, "the credentials come from %s at run time: give --source-principal ARN",
			     iam_hop_kind_name(h->kind));
		return s->why ? 0 : -1;
	}
}

/* ---- the web identity token ---- */

static int b64url(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '-' || c == '+' ? 62 : c == '_' || c == '/' ? 63 : -1;
}

/* The claims (the JWT's payload) of the token in file, or NULL. */
static json_t *token_claims(const char *file)
{
	char *tok = NULL, *dot, *out = NULL;
	size_t n = 0, o = 0;
	unsigned acc = 0;
	int bits = 0;
	json_t *j = NULL;
	FILE *f = fopen(file, "rb");

	if (!f || !(tok = malloc(TOKEN_MAX + 1)))
		goto out;
	n = fread(tok, 1, TOKEN_MAX, f);
	if (ferror(f) || !feof(f))
		goto out;
	tok[n] = '\0';
	if (!(dot = strchr(tok, '.')) || !(out = malloc(n)))
		goto out;
	for (const char *p = dot + 1; *p && *p != '.'; p++) {
		int v = b64url((unsigned char)*p);

		if (v < 0) {
			if (*p == '=')
				continue;
			goto out;
		}
		acc = (acc << 6) | (unsigned)v;
		if ((bits += 6) >= 8) {
			bits -= 8;
			out[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	j = json_loadb(out, o, JSON_REJECT_DUPLICATES, NULL);
	if (j && !json_is_object(j)) {
		json_decref(j);
		j = NULL;
	}
out:
	if (f)
		fclose(f);
	if (tok)
		memset(tok, 0, n);   /* a credential: not left in freed memory */
	free(tok);
	free(out);
	return j;
}

/* A claim into the context as PROVIDER:NAME (a list stays a list). */
static int claim(struct iam_context *ctx, const char *provider, json_t *claims,
		 const char *name)
{
	json_t *v = json_object_get(claims, name);
	char key[512];
	const char *why;

	if (!v)
		return 0;
	snprintf(key, sizeof(key), "%s:%s", provider, name);
	return iam_context_add_json(ctx, key, v, &why);
}

/* The caller of AssumeRoleWithWebIdentity: the token's issuer, as the
 * trust policy's Federated principal names it (a built-in provider, else
 * the role account's OIDC provider). */
static int web_identity_caller(struct run *R, struct iam_step *s, const char *role_acct)
{
	const char *file = s->hop->web_identity_token_file.value, *iss, *prov;
	json_t *claims = file ? token_claims(file) : NULL;
	struct iam_principal p;
	int rc = 0;

	iss = json_string_value(json_object_get(claims, "iss"));
	if (!iss) {
		s->state = IAM_STEP_UNKNOWN;
		s->why = fmt(R, "the web identity token %s could not be read as a JWT with an "
			     "issuer: its provider is not known", file ? file : "(none)");
		json_decref(claims);
		return s->why ? 0 : -1;
	}
	prov = strncmp(iss, "https://", 8) == 0 ? iss + 8 : iss;
	if (iam_principal_parse(prov, &p) == 0 && p.type == IAM_PT_FEDERATED)
		s->caller = fmt(R, "%s", prov);
	else
		s->caller = fmt(R, "arn:aws:iam::%s:oidc-provider/%s", role_acct, prov);
	s->caller_from = "the web identity token's issuer";
	if (!s->caller || claim(&s->ctx, prov, claims, "aud") < 0 ||
	    claim(&s->ctx, prov, claims, "sub") < 0 || claim(&s->ctx, prov, claims, "amr") < 0)
		rc = -1;
	json_decref(claims);
	return rc;
}

/* ---- one AssumeRole ---- */

static int ctx_add(struct run *R, struct iam_context *c, const char *k, const char *v)
{
	if (iam_context_add(c, k, v) < 0)
		return iam_error_set(R->err, IAM_ERR_NOMEM, NULL, "out of memory");
	return 0;
}

/* The request context of step s's call, made by the profile. */
static int build_context(struct run *R, struct iam_step *s, bool mfa, const char *session)
{
	const struct iam_hop *h = s->hop;
	struct iam_context *c = &s->ctx;

	if (iam_context_merge(c, R->o->extra) < 0)
		return iam_error_set(R->err, IAM_ERR_NOMEM, NULL, "out of memory");
	if (mfa && (ctx_add(R, c, "aws:MultiFactorAuthPresent", "true") < 0 ||
		    ctx_add(R, c, "aws:MultiFactorAuthAge", "0") < 0))
		return -1;
	if (h->external_id.value && ctx_add(R, c, "sts:ExternalId", h->external_id.value) < 0)
		return -1;
	if (ctx_add(R, c, "sts:RoleSessionName", session) < 0 ||
	    ctx_add(R, c, "aws:SecureTransport", "true") < 0)
		return -1;
	if (R->o->have_time && iam_context_set_time(c, (double)R->o->epoch) < 0)
		return iam_error_set(R->err, IAM_ERR_NOMEM, NULL, "out of memory");
	if (iam_context_derive(c, s->caller) < 0)
		return iam_error_set(R->err, IAM_ERR_NOMEM, NULL, "out of memory");
	return 0;
}

/* "FILE:LINE" of a missing key's condition. */
static const char *cond_where(struct run *R, const struct iam_missing_key *m)
{
	return fmt(R, "%s:%d", m->policy->source,
		   m->cond->line > 0 ? m->cond->line : m->stmt->line);
}

/* The first missing key of the trust policy that is one of keys[]. */
static const struct iam_missing_key *trust_missing(const struct iam_step *s,
						   const char *const *keys)
{
	for (size_t i = 0; i < s->res.nmissing; i++) {
		const struct iam_missing_key *m = &s->res.missing[i];

		if (m->policy != s->set.resource)
			continue;
		for (size_t k = 0; keys[k]; k++)
			if (strcasecmp(m->key, keys[k]) == 0)
				return m;
	}
	return NULL;
}

/* The first condition of policy p on key, or NULL. */
static const struct iam_condition *tests_key(const struct iam_policy *p, const char *key,
					     const struct iam_statement **st)
{
	for (size_t i = 0; p && i < p->nstmts; i++)
		for (size_t c = 0; c < p->stmts[i].nconds; c++)
			if (strcasecmp(p->stmts[i].conds[c].key, key) == 0) {
				*st = &p->stmts[i];
				return &p->stmts[i].conds[c];
			}
	return NULL;
}

/* The first condition of policy p on a key the call sends (other than the
 * keys derived from the caller) that does not hold, with the value sent. */
static const struct iam_condition *tested_and_sent(const struct iam_policy *p,
						   const struct iam_context *ctx,
						   const struct iam_statement **st,
						   const char **sent)
{
	for (size_t i = 0; p && i < p->nstmts; i++)
		for (size_t c = 0; c < p->stmts[i].nconds; c++) {
			const char *k = p->stmts[i].conds[c].key;
			const struct iam_ctx_entry *e = iam_context_find(ctx, k);

			if (!e || !e->n || strncasecmp(k, "aws:Principal", 13) == 0 ||
			    iam_condition_eval(&p->stmts[i].conds[c], ctx))
				continue;
			*st = &p->stmts[i];
			*sent = e->values[0];
			return &p->stmts[i].conds[c];
		}
	return NULL;
}

/* Why the role's trust policy refuses the caller, and the fix: what its
 * conditions test that the profile does not send (MFA, an external ID),
 * an external ID that is not the one expected, or a caller it does not
 * name. */
static int trust_fix(struct run *R, struct iam_step *s)
{
	static const char *const mfa_keys[] = { "aws:MultiFactorAuthPresent",
						"aws:MultiFactorAuthAge", NULL };
	static const char *const ext_keys[] = { "sts:ExternalId", NULL };
	const struct iam_hop *h = s->hop;
	const struct iam_policy *trust = s->set.resource;
	const struct iam_missing_key *mfa = trust_missing(s, mfa_keys);
	const struct iam_missing_key *ext = trust_missing(s, ext_keys);
	const char *prof = h->profile ? h->profile : "default", *at = where(R, &h->role_arn);
	const struct iam_statement *st = NULL;
	const struct iam_condition *c;
	const char *sent = NULL;

	if (mfa && ext)
		s->fix = fmt(R, "the trust policy of %s requires MFA at %s and an external ID at "
			     "%s; add mfa_serial and external_id to [profile %s] (%s)", s->role,
			     cond_where(R, mfa), cond_where(R, ext), prof, at);
	else if (mfa)
		s->fix = fmt(R, "the trust policy of %s requires MFA at %s; add mfa_serial to "
			     "[profile %s] (%s)", s->role, cond_where(R, mfa), prof, at);
	else if (ext)
		s->fix = fmt(R, "the trust policy of %s requires an external ID at %s; add "
			     "external_id to [profile %s] (%s)", s->role, cond_where(R, ext), prof, at);
	else if (h->external_id.value && (c = tests_key(trust, "sts:ExternalId", &st)))
		s->fix = fmt(R, "external_id of [profile %s] (%s) is not the one the trust policy "
			     "of %s expects at %s:%d", prof, where(R, &h->external_id), s->role,
			     trust->source, c->line > 0 ? c->line : st->line);
	else if ((c = tested_and_sent(trust, &s->ctx, &st, &sent)))
		s->fix = fmt(R, "the trust policy of %s allows no %s by %s with this call's context: "
			     "%s at %s:%d does not accept the '%s' it sends", s->role, s->action,
			     s->caller, c->key, trust->source, c->line > 0 ? c->line : st->line, sent);
	else if (s->caller_entity && s->caller_entity->arn &&
		 strcmp(s->caller_entity->arn, s->caller) != 0)   /* a session: its role */
		s->fix = fmt(R, "the trust policy of %s (%s:%d) allows no %s by %s: name its role "
			     "%s (or its account, for its own policies to decide) in a statement's "
			     "Principal", s->role, trust ? trust->source : "?",
			     s->role_entity ? s->role_entity->pos.line : 0, s->action, s->caller,
			     s->caller_entity->arn);
	else
		s->fix = fmt(R, "the trust policy of %s (%s:%d) allows no %s by %s: name it (or "
			     "its account, for its own policies to decide) in a statement's Principal",
			     s->role, trust ? trust->source : "?",
			     s->role_entity ? s->role_entity->pos.line : 0, s->action, s->caller);
	return s->fix ? 0 : -1;
}

/* What refused the call, and what would make it pass. */
static int explain_refusal(struct run *R, struct iam_step *s)
{
	const struct iam_layer_result *l = &s->res.layers[s->res.decided_by];

	if (s->res.decision == IAM_DECISION_EXPLICIT_DENY) {
		s->fix = fmt(R, "an explicit Deny in the %s layer refuses it at %s",
			     iam_layer_name(s->res.decided_by), stmt_where(R, &l->first_deny));
		return s->fix ? 0 : -1;
	}
	switch (s->res.decided_by) {
	case IAM_LAYER_RESOURCE:
		return trust_fix(R, s);
	case IAM_LAYER_IDENTITY:
		s->fix = fmt(R, "no identity policy of %s allows %s on %s: attach one that does",
			     s->caller, s->action, s->role);
		break;
	case IAM_LAYER_BOUNDARY:
	{
		const struct iam_policy *b = s->set.nboundary ? s->set.boundary[0] : NULL;

		s->fix = fmt(R, "the permissions boundary %s of %s does not allow %s on %s",
			     b && b->arn ? b->arn : b ? b->name : "?", s->caller, s->action,
			     s->role);
	}
		break;
	case IAM_LAYER_SCP:
		s->fix = fmt(R, "the SCPs of %s's account allow no %s on %s (level %ld)",
			     s->caller, s->action, s->role, l->failed_level + 1);
		break;
	default:
		s->fix = fmt(R, "%s", s->res.reason);
		break;
	}
	return s->fix ? 0 : -1;
}

/* Policies of the request; a gap (a policy no snapshot holds) makes the
 * step unknown. */
static int gather(struct run *R, struct iam_step *s)
{
	struct iam_gaps gaps = { 0 };
	char text[1024];
	int found;

	found = iam_accounts_resolve(R->A, s->caller, s->action, s->role, true, true,
				     &s->set, &gaps, R->err);
	if (found < 0) {
		iam_gaps_release(&gaps);
		return -1;
	}
	if (gaps.n) {
		s->state = IAM_STEP_UNKNOWN;
		s->why = fmt(R, "%s", iam_gap_text(gaps.v[0], text, sizeof(text)));
	}
	iam_gaps_release(&gaps);
	return s->why || !gaps.n ? 0 : -1;
}

/* Is the role, and the caller, where a snapshot can answer for them? */
static int locate(struct run *R, struct iam_step *s, const char *role_acct,
		  const char *caller_acct)
{
	if (!account_loaded(R->A, role_acct)) {
		s->state = IAM_STEP_UNKNOWN;
		s->why = fmt(R, "no snapshot of account %s is loaded: the trust policy of %s is "
			     "not known (give its --account)", role_acct, s->role);
	} else if (!(s->role_entity = iam_accounts_find(R->A, s->role))) {
		s->state = IAM_STEP_DENIED;
		s->fix = fmt(R, "the snapshot of account %s holds no role %s: STS answers "
			     "AccessDenied", role_acct, s->role);
		return s->fix ? 0 : -1;
	} else if (caller_acct && *caller_acct && !account_loaded(R->A, caller_acct) &&
		   strcmp(s->action, "sts:AssumeRole") == 0) {
		s->state = IAM_STEP_UNKNOWN;
		s->why = fmt(R, "no snapshot of account %s is loaded: the policies of %s are "
			     "not known (give its --account)", caller_acct, s->caller);
	} else {
		return 0;
	}
	return s->why ? 0 : -1;
}

/* The STS call hop h makes. */
static const char *hop_action(const struct iam_hop *h)
{
	return h->kind == IAM_HOP_WEB_IDENTITY ? "sts:AssumeRoleWithWebIdentity" : "sts:AssumeRole";
}

/* Step s is called by the identity step prev yields. */
static int called_by(struct run *R, struct iam_step *s, const struct iam_step *prev)
{
	s->caller = prev->acts_as;
	s->caller_from = fmt(R, "hop %zu's %s", (size_t)(s - R->as->steps),
			     prev->state == IAM_STEP_START ? "credentials" : "session");
	return s->caller_from ? 0 : -1;
}

static int assume_step(struct run *R, struct iam_step *s, const struct iam_step *prev)
{
	const struct iam_hop *h = s->hop;
	char part[32], acct[16], name[130];
	struct iam_principal pc;
	struct iam_request req;
	const char *session;

	s->role = h->role_arn.value;
	if (!s->role || !iam_role_arn_parts(s->role, part, sizeof(part), acct, name, sizeof(name))) {
		s->state = IAM_STEP_INVALID;
		s->why = "role_arn is not a role ARN";
		return 0;
	}
	s->action = hop_action(h);
	if (h->kind == IAM_HOP_WEB_IDENTITY && !prev) {
		if (web_identity_caller(R, s, acct) < 0)
			return -1;
		if (s->state == IAM_STEP_UNKNOWN)
			return 0;
	} else {
		if (called_by(R, s, prev) < 0)
			return -1;
		s->caller_entity = prev->caller_entity && prev->state == IAM_STEP_START ?
					   prev->caller_entity : prev->role_entity;
	}
	if (locate(R, s, acct, iam_principal_parse(s->caller, &pc) == 0 ?
				       iam_principal_account(&pc) : NULL) < 0)
		return -1;
	if (s->state != IAM_STEP_START)
		return 0;
	s->mfa = h->mfa_serial.value || (prev && prev->mfa);
	/* botocore's default name: botocore-session-<the epoch of the call> */
	session = h->session_default ? fmt(R, "botocore-session-%ld", R->o->epoch) :
				       h->session_name;
	if (!session || build_context(R, s, s->mfa, session) < 0 || gather(R, s) < 0)
		return -1;
	if (s->state == IAM_STEP_UNKNOWN)
		return 0;
	req = (struct iam_request){ s->caller, s->action, s->role, NULL, &s->ctx, NULL };
	if (iam_authorize(&s->set, &req, IAM_AUTHZ_EXPLAIN | IAM_AUTHZ_MISSING, &s->res,
			  R->err) < 0)
		return -1;
	s->decided = true;
	if (s->res.decision != IAM_DECISION_ALLOWED) {
		s->state = IAM_STEP_DENIED;
		return explain_refusal(R, s);
	}
	s->state = IAM_STEP_ALLOWED;
	s->acts_as = fmt(R, "arn:%s:sts::%s:assumed-role/%s/%s", part, acct, name, session);
	return s->acts_as ? 0 : -1;
}

/* The first error of the chain about hop h's profile, or NULL. */
static const struct iam_pdiag *hop_error(const struct iam_chain *ch, const struct iam_hop *h)
{
	for (size_t i = 0; i < ch->ndiags; i++) {
		const struct iam_pdiag *d = &ch->diags[i];

		if (d->sev == IAM_PDIAG_ERROR && d->profile && h->profile &&
		    strcmp(d->profile, h->profile) == 0)
			return d;
	}
	return NULL;
}

/* Hop i, made for real: granted by STS, acting as who. */
static int made(struct run *R, struct iam_step *s, const struct iam_step *prev, const char *who)
{
	const struct iam_hop *h = s->hop;

	s->made = true;
	s->acts_as = who;
	s->mfa = h->mfa_serial.value || (prev && prev->mfa);
	if (!prev) {
		s->state = IAM_STEP_START;
		s->caller = who;
		s->caller_from = who ? "sts:GetCallerIdentity" : NULL;
		s->caller_entity = who ? iam_accounts_find(R->A, who) : NULL;
		return 0;
	}
	s->state = IAM_STEP_ALLOWED;
	s->role = h->role_arn.value;
	s->action = s->role ? hop_action(h) : NULL;
	s->role_entity = s->role ? iam_accounts_find(R->A, s->role) : NULL;
	return called_by(R, s, prev);
}

/* The hop STS refused, which the snapshots would allow. */
static int refused_anyway(struct run *R, struct iam_step *s)
{
	s->state = IAM_STEP_DENIED;
	s->fix = fmt(R, "STS refused it, though the trust policy and the caller's policies as read "
		     "allow it: the cause is what they do not show (a wrong MFA code, an SCP or "
		     "RCP not read, a change made since)");
	return s->fix ? 0 : -1;
}

static int decide(struct run *R, size_t i, const char *env_key_id)
{
	struct iam_step *s = &R->as->steps[i], *prev = i ? &R->as->steps[i - 1] : NULL;
	const struct iam_pdiag *d = hop_error(R->ch, s->hop);
	int rc;

	if (i < R->o->nmade)
		return made(R, s, prev, R->o->made[i]);

	if (d) {
		s->state = IAM_STEP_INVALID;
		s->why = d->file ? fmt(R, "%s:%d: %s", d->file, d->line, d->text) :
				   fmt(R, "%s", d->text);
		return s->why ? 0 : -1;
	}
	if (prev && prev->state != IAM_STEP_START && prev->state != IAM_STEP_ALLOWED) {
		s->state = IAM_STEP_UNREACHED;
		return 0;
	}
	if (s->hop->kind == IAM_HOP_ASSUME_ROLE && !prev) {
		s->state = IAM_STEP_INVALID;
		s->why = "an assume-role hop with no credentials before it";
		return 0;
	}
	if (s->hop->kind == IAM_HOP_ASSUME_ROLE || s->hop->kind == IAM_HOP_WEB_IDENTITY) {
		s->state = IAM_STEP_START;   /* until decided */
		rc = assume_step(R, s, prev);
		if (rc == 0 && R->o->refused && i == R->o->nmade && s->state == IAM_STEP_ALLOWED)
			return refused_anyway(R, s);
		return rc;
	}
	if (prev) {   /* a later hop that is no AssumeRole: the chain says how */
		s->state = IAM_STEP_UNKNOWN;
		s->why = fmt(R, "a %s hop after another is not decided", iam_hop_kind_name(s->hop->kind));
		return s->why ? 0 : -1;
	}
	if (start(R, s, env_key_id) < 0)
		return -1;
	s->acts_as = s->caller;
	return 0;
}

int iam_assume_chain(const struct iam_chain *ch, const struct iam_accounts *A,
		     const struct iam_assume_opts *o, struct iam_assume **out,
		     struct iam_error *err)
{
	struct iam_assume *as = calloc(1, sizeof(*as));
	struct run R = { ch, A, o, as, err };
	const char *env_key_id = getenv("AWS_ACCESS_KEY_ID");

	*out = NULL;
	if (!as || !(as->arena = iam_arena_new()) ||
	    !(as->steps = calloc(ch->nhops ? ch->nhops : 1, sizeof(*as->steps)))) {
		iam_assume_free(as);
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	}
	as->nsteps = ch->nhops;
	as->failed = as->nsteps;
	for (size_t i = 0; i < ch->nhops; i++) {
		as->steps[i].hop = &ch->hops[i];
		if (decide(&R, i, env_key_id) < 0) {
			iam_assume_free(as);
			return -1;
		}
		if (as->failed == as->nsteps && as->steps[i].state != IAM_STEP_START &&
		    as->steps[i].state != IAM_STEP_ALLOWED)
			as->failed = i;
	}
	if (as->failed == as->nsteps && as->nsteps) {
		const struct iam_step *last = &as->steps[as->nsteps - 1];

		as->principal = last->acts_as;
		as->final_entity = last->state == IAM_STEP_START ? last->caller_entity :
								   last->role_entity;
	}
	*out = as;
	return 0;
}

void iam_assume_free(struct iam_assume *as)
{
	if (!as)
		return;
	for (size_t i = 0; as->steps && i < as->nsteps; i++) {
		struct iam_step *s = &as->steps[i];

		if (s->decided)
			iam_result_release(&s->res);
		iam_policy_set_release(&s->set);
		iam_context_release(&s->ctx);
	}
	free(as->steps);
	iam_arena_free(as->arena);
	free(as);
}

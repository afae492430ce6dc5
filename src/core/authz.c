/* core/authz.c - statements that apply, and the decision they add up to.
 *
 * Three steps: applies() is a pure predicate ("does this statement apply
 * to this request?"); gather() runs it over every layer, in the order of
 * iam-semantics.md section 3, into per-layer answers and the facts of the
 * request; iam_decide() maps the facts to the decision, row by row of the
 * table in doc/semantics.md.  Nothing here allocates on the common path;
 * policy variables in Resource are expanded and compiled per request.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/authz.h"
#include "core/context.h"
#include "core/error.h"
#include "core/glob.h"
#include "core/vars.h"

/* ---- principals named by a resource-based policy ---- */

static bool is_aws_caller(enum iam_principal_type t)
{
	return t == IAM_PT_ROOT || t == IAM_PT_USER || t == IAM_PT_ROLE ||
	       t == IAM_PT_ASSUMED_ROLE || t == IAM_PT_FEDERATED_USER;
}

/* Is v "arn:P:iam::A:root" for p's partition P and account A? */
static bool root_arn_of(const char *v, const struct iam_principal *p)
{
	size_t plen = p->partition.len, alen = p->account.len;

	return strncmp(v, "arn:", 4) == 0 &&
	       strncmp(v + 4, iam_principal_partition(p), plen) == 0 &&
	       strncmp(v + 4 + plen, ":iam::", 6) == 0 &&
	       strncmp(v + 10 + plen, iam_principal_account(p), alen) == 0 &&
	       strcmp(v + 10 + plen + alen, ":root") == 0;
}

/* Does role ARN v (any path) name the role behind principal p? */
static bool names_role(const char *v, const struct iam_principal *p)
{
	const char *slash;
	size_t plen = p->partition.len, alen = p->account.len;

	if (strncmp(v, "arn:", 4) != 0 ||
	    strncmp(v + 4, iam_principal_partition(p), plen) != 0 ||
	    strncmp(v + 4 + plen, ":iam::", 6) != 0 ||
	    strncmp(v + 10 + plen, iam_principal_account(p), alen) != 0 ||
	    strncmp(v + 10 + plen + alen, ":role/", 6) != 0)
		return false;
	slash = strrchr(v, '/');
	return strcmp(slash + 1, iam_principal_name(p)) == 0;
}

static enum iam_named principal_entry_match(const struct iam_principal_entry *e,
					    const struct iam_principal *p)
{
	const char *v = e->value;

	switch (e->kind) {
	case IAM_PRINCIPAL_AWS:
		if (strcmp(v, "*") == 0)
			return IAM_NAMED_EXACT;
		if (!is_aws_caller(p->type))
			return IAM_NAMED_NONE;
		if (strcmp(v, iam_principal_account(p)) == 0 || root_arn_of(v, p))
			return p->type == IAM_PT_ROOT ? IAM_NAMED_EXACT : IAM_NAMED_ACCOUNT;
		if (strcmp(v, p->arn) == 0)
			return p->type == IAM_PT_ROLE ? IAM_NAMED_ROLE : IAM_NAMED_EXACT;
		if ((p->type == IAM_PT_ASSUMED_ROLE || p->type == IAM_PT_ROLE) &&
		    names_role(v, p))
			return IAM_NAMED_ROLE;
		return IAM_NAMED_NONE;
	case IAM_PRINCIPAL_SERVICE:
		return p->type == IAM_PT_SERVICE && strcmp(v, p->arn) == 0
			       ? IAM_NAMED_EXACT : IAM_NAMED_NONE;
	case IAM_PRINCIPAL_FEDERATED:
		return p->type == IAM_PT_FEDERATED && strcmp(v, p->arn) == 0
			       ? IAM_NAMED_EXACT : IAM_NAMED_NONE;
	case IAM_PRINCIPAL_CANONICAL_USER:
		return strcmp(v, p->arn) == 0 ? IAM_NAMED_EXACT : IAM_NAMED_NONE;
	}
	return IAM_NAMED_NONE;
}

static enum iam_named principal_match(const struct iam_statement *s,
				      const struct iam_principal *p)
{
	enum iam_named best = IAM_NAMED_NONE;

	for (size_t i = 0; i < s->nprincipals && best != IAM_NAMED_EXACT; i++) {
		enum iam_named m = principal_entry_match(&s->principals[i], p);

		if (m > best)
			best = m;
	}
	return best;
}

/* NotPrincipal names are matched exactly: a caller is left out only when
 * its own ARN (the session ARN for an assumed role) and its account are
 * both listed (reference_policies_elements_notprincipal). */
static bool notprincipal_excludes(const struct iam_statement *s,
				  const struct iam_principal *p)
{
	bool self = false, account = false;

	for (size_t i = 0; i < s->nprincipals; i++) {
		const struct iam_principal_entry *e = &s->principals[i];

		if (strcmp(e->value, "*") == 0 && e->kind == IAM_PRINCIPAL_AWS)
			return true;
		if (e->kind != IAM_PRINCIPAL_AWS) {
			if (principal_entry_match(e, p) != IAM_NAMED_NONE)
				return true;  /* a service or identity provider */
			continue;
		}
		if (!is_aws_caller(p->type))
			continue;
		if (strcmp(e->value, iam_principal_account(p)) == 0 ||
		    root_arn_of(e->value, p))
			account = true;
		else if (strcmp(e->value, p->arn) == 0)
			self = true;
	}
	return account && (self || p->type == IAM_PT_ROOT);
}

/* ---- the request, prepared once ---- */

struct prep {
	const char *action;
	size_t action_len;
	const char *service;      /* action prefix */
	size_t service_len;
	const char *resource;
	size_t resource_len;
	bool resource_any;        /* "*": an action that takes no ARN */
	bool assume_role;         /* sts:AssumeRole* */
	bool kms_key;             /* a KMS action on a key */
	bool no_permission;       /* sts:GetCallerIdentity */
	const struct iam_context *ctx;
	struct iam_result *miss;  /* IAM_AUTHZ_MISSING: collect into it */
	const struct iam_policy *cur;   /* the policy being evaluated */
	const struct iam_principal *p;  /* req->parsed, or &prin */
	struct iam_principal prin;
	bool has_boundary;
	bool nomem;
};

static bool is_assume_role(const struct prep *r)
{
	static const char *const acts[] = { "sts:AssumeRole",
					    "sts:AssumeRoleWithSAML",
					    "sts:AssumeRoleWithWebIdentity", NULL };

	if (r->service_len != 3 || strncasecmp(r->service, "sts", 3) != 0)
		return false;
	for (size_t i = 0; acts[i]; i++)
		if (strcasecmp(r->action, acts[i]) == 0)
			return true;
	return false;
}

/* sts:GetCallerIdentity: "No permissions are required to perform this
 * operation.  If an administrator attaches a policy to your identity that
 * explicitly denies access to the sts:GetCallerIdentity action, you can
 * still perform this operation" (STS API reference, GetCallerIdentity). */
static bool needs_no_permission(const struct prep *r)
{
	return r->service_len == 3 && strncasecmp(r->service, "sts", 3) == 0 &&
	       strcasecmp(r->action, "sts:GetCallerIdentity") == 0;
}

/* A KMS key (not an alias, not "*"): its key policy must allow. */
static bool is_kms_key(const struct prep *r)
{
	const char *p = r->resource;
	int colons = 0;

	if (r->service_len != 3 || strncasecmp(r->service, "kms", 3) != 0 ||
	    strncmp(p, "arn:", 4) != 0)
		return false;
	for (; *p && colons < 5; p++)
		if (*p == ':')
			colons++;
	return colons == 5 && strncmp(p, "key/", 4) == 0;
}

static void prep_init(struct prep *r, const struct iam_request *req)
{
	const char *colon;

	r->action = req->action ? req->action : "";
	r->action_len = strlen(r->action);
	colon = memchr(r->action, ':', r->action_len);
	r->service = r->action;
	r->service_len = colon ? (size_t)(colon - r->action) : 0;
	r->resource = req->resource ? req->resource : "*";
	r->resource_len = strlen(r->resource);
	r->resource_any = strcmp(r->resource, "*") == 0;
	r->ctx = req->context;
	r->nomem = false;
	r->miss = NULL;
	r->cur = NULL;
	r->assume_role = is_assume_role(r);
	r->kms_key = is_kms_key(r);
	r->no_permission = needs_no_permission(r);
	if (req->parsed) {
		r->p = req->parsed;
		return;
	}
	r->p = &r->prin;
	if (iam_principal_parse(req->principal, &r->prin) < 0) {
		/* a caller no form describes: named only by its own text */
		r->prin.type = IAM_PT_OTHER;
		r->prin.service_linked = false;
		r->prin.arn = req->principal;
		r->prin.partition = r->prin.account = r->prin.name =
			r->prin.session = (struct iam_principal_field){ 0, 0 };
		r->prin.buf[0] = '\0';
	}
}

static bool resource_glob_matches(const struct iam_glob *g, const struct prep *r)
{
	if (r->resource_any)
		return iam_glob_covers_service(g, r->service, r->service_len);
	return iam_glob_match(g, r->resource, r->resource_len);
}

static bool resource_matches(const struct iam_pattern *pt, struct prep *r)
{
	char *text = NULL;
	struct iam_glob *g;
	bool m;

	if (pt->glob)
		return resource_glob_matches(pt->glob, r);
	if (!pt->tmpl)
		return false;
	switch (iam_tmpl_expand(pt->tmpl, r->ctx, true, &text)) {
	case IAM_SUBST_OK:
		break;
	case IAM_SUBST_ABSENT:
		return false;  /* an absent variable: matches nothing */
	case IAM_SUBST_NOMEM:
		r->nomem = true;
		return false;
	}
	g = iam_glob_new(text, strlen(text), IAM_GLOB_RESOURCE | IAM_GLOB_ESCAPED);
	free(text);
	if (!g) {
		r->nomem = true;
		return false;
	}
	m = resource_glob_matches(g, r);
	iam_glob_free(g);
	return m;
}

/* Note the keys s's conditions test that the context lacks. */
static void note_missing(const struct iam_statement *s, struct prep *r)
{
	struct iam_result *res = r->miss;

	for (size_t i = 0; i < s->nconds; i++) {
		const struct iam_condition *c = &s->conds[i];
		bool seen = false;

		if (iam_context_get(r->ctx, c->key_lc))
			continue;
		for (size_t k = 0; k < res->nmissing && !seen; k++)
			seen = strcasecmp(res->missing[k].key, c->key) == 0;
		if (seen)
			continue;
		if (res->nmissing == IAM_MISSING_MAX) {
			res->nmissing_more++;
			continue;
		}
		if (!res->missing &&
		    !(res->missing = malloc(IAM_MISSING_MAX * sizeof(*res->missing)))) {
			r->nomem = true;
			return;
		}
		res->missing[res->nmissing++] = (struct iam_missing_key){
			c->key, r->cur, s, c };
	}
}

static bool applies(const struct iam_statement *s, struct prep *r)
{
	bool any = false;

	for (size_t i = 0; i < s->nactions && !any; i++)
		any = s->actions[i].glob &&
		      iam_glob_match(s->actions[i].glob, r->action, r->action_len);
	if (any == s->not_action)
		return false;
	if (s->has_resource) {
		any = false;
		for (size_t i = 0; i < s->nresources && !any; i++)
			any = resource_matches(&s->resources[i], r);
		if (any == s->not_resource)
			return false;
	}
	if (r->miss && s->nconds)
		note_missing(s, r);
	for (size_t i = 0; i < s->nconds; i++)
		if (!iam_condition_eval(&s->conds[i], r->ctx))
			return false;
	return true;
}

bool iam_statement_applies(const struct iam_statement *s,
			   const struct iam_request *req)
{
	struct prep r;

	prep_init(&r, req);
	return applies(s, &r);
}

/* ---- layers ---- */

static int record(struct iam_layer_result *lr, const struct iam_policy *p,
		  const struct iam_statement *s, unsigned flags)
{
	struct iam_stmt_ref ref = { p, s };

	if (s->effect == IAM_EFFECT_DENY) {
		if (!lr->denied)
			lr->first_deny = ref;
		lr->denied = true;
	} else {
		if (!lr->allowed)
			lr->first_allow = ref;
		lr->allowed = true;
	}
	if (!(flags & IAM_AUTHZ_EXPLAIN))
		return 0;
	if (lr->nmatched == lr->cap) {
		size_t cap = lr->cap ? lr->cap * 2 : 4;
		struct iam_stmt_ref *v = realloc(lr->matched, cap * sizeof(*v));

		if (!v)
			return -1;
		lr->matched = v;
		lr->cap = cap;
	}
	lr->matched[lr->nmatched++] = ref;
	return 0;
}

/* Evaluate identity-side policies (no Principal element).  Returns -1 when
 * out of memory. */
static int eval_policies(struct iam_layer_result *lr,
			 struct iam_policy *const *pols, size_t n,
			 struct prep *r, unsigned flags)
{
	for (size_t k = 0; k < n; k++) {
		const struct iam_policy *p = pols[k];

		r->cur = p;
		for (size_t i = 0; i < p->nstmts; i++) {
			const struct iam_statement *s = &p->stmts[i];

			if (!(flags & (IAM_AUTHZ_EXPLAIN | IAM_AUTHZ_MISSING)) &&
			    (s->effect == IAM_EFFECT_ALLOW ? lr->allowed
							    : lr->denied))
				continue;  /* the answer cannot change */
			if (applies(s, r) && record(lr, p, s, flags) < 0)
				return -1;
		}
	}
	return r->nomem ? -1 : 0;
}

/* The resource-based policy: also returns the best way an applying Allow
 * named the caller. */
static int eval_resource(struct iam_layer_result *lr,
			 const struct iam_policy *p, struct prep *r,
			 unsigned flags, enum iam_named *best)
{
	*best = IAM_NAMED_NONE;
	r->cur = p;
	for (size_t i = 0; i < p->nstmts; i++) {
		const struct iam_statement *s = &p->stmts[i];
		enum iam_named m;

		if (!s->has_principal) {
			m = IAM_NAMED_NONE;
		} else if (s->not_principal) {
			/* NotPrincipal + Deny denies every principal that has
			 * a permissions boundary, whatever it lists */
			if (s->effect == IAM_EFFECT_DENY && r->has_boundary)
				m = IAM_NAMED_EXACT;
			else
				m = notprincipal_excludes(s, r->p) ? IAM_NAMED_NONE
								   : IAM_NAMED_EXACT;
		} else {
			m = principal_match(s, r->p);
		}
		if (m == IAM_NAMED_NONE || !applies(s, r))
			continue;
		if (record(lr, p, s, flags) < 0)
			return -1;
		if (s->effect == IAM_EFFECT_ALLOW && m > *best)
			*best = m;
	}
	return r->nomem ? -1 : 0;
}

static int eval_org(struct iam_layer_result *lr,
		    const struct iam_org_level *levels, size_t n,
		    struct prep *r, unsigned flags)
{
	lr->failed_level = -1;
	for (size_t k = 0; k < n; k++) {
		struct iam_layer_result one = { 0 };

		one.matched = lr->matched;
		one.nmatched = lr->nmatched;
		one.cap = lr->cap;
		if (eval_policies(&one, levels[k].policies, levels[k].n, r,
				  flags) < 0) {
			lr->matched = one.matched;
			lr->cap = one.cap;
			return -1;
		}
		lr->matched = one.matched;
		lr->nmatched = one.nmatched;
		lr->cap = one.cap;
		if (one.denied && !lr->denied) {
			lr->denied = true;
			lr->first_deny = one.first_deny;
		}
		if (one.allowed && !lr->first_allow.stmt)
			lr->first_allow = one.first_allow;
		if (!one.allowed && lr->failed_level < 0)
			lr->failed_level = (long)k;
	}
	lr->allowed = lr->failed_level < 0;
	return 0;
}

/* A piece of a string. */
struct slice {
	const char *s;
	size_t n;
};

static bool slice_is(struct slice a, const char *b)
{
	return strncmp(a.s, b, a.n) == 0 && b[a.n] == '\0';
}

/* The account and partition of the resource: the request's account, else
 * the resource ARN's; empty when unknown or wildcarded (then taken as the
 * caller's). */
static void resource_owner(const struct iam_request *req, const struct prep *r,
			   struct slice *acct, struct slice *part)
{
	const char *p = r->resource, *end = p + r->resource_len, *f[6] = { p };
	int k = 0;

	*acct = *part = (struct slice){ "", 0 };
	if (r->resource_len > 4 && memcmp(p, "arn:", 4) == 0) {
		while (k < 5 && (p = memchr(p, ':', (size_t)(end - p))))
			f[++k] = ++p;
		if (k == 5) {
			*part = (struct slice){ f[1], (size_t)(f[2] - f[1] - 1) };
			*acct = (struct slice){ f[4], (size_t)(f[5] - f[4] - 1) };
		}
	}
	if (req->resource_account && *req->resource_account)
		*acct = (struct slice){ req->resource_account,
					strlen(req->resource_account) };
	if (memchr(acct->s, '*', acct->n) || memchr(acct->s, '?', acct->n))
		*acct = (struct slice){ "", 0 };
}

/* ---- gather: every layer's answer, and the facts about the request ---- */

/* Evaluate the layers of set that bind the caller into L, in the order of
 * iam-semantics.md section 3.  Returns 0, or -1 when out of memory. */
static int eval_layers(struct iam_layer_result *L,
		       const struct iam_policy_set *set, struct prep *r,
		       bool aws_caller, bool scp_applies, unsigned flags,
		       enum iam_named *named)
{
	/* RCPFullAWSAccess is attached at every level and cannot be
	 * detached: RCP levels always allow, so RCPs can only deny */
	L[IAM_LAYER_RCP].present = set->nrcp > 0;
	if (set->nrcp && eval_org(&L[IAM_LAYER_RCP], set->rcp, set->nrcp, r, flags) < 0)
		return -1;
	L[IAM_LAYER_RCP].allowed = true;
	L[IAM_LAYER_RCP].failed_level = -1;
	L[IAM_LAYER_SCP].present = set->nscp > 0;
	L[IAM_LAYER_SCP].skipped = set->nscp > 0 && !scp_applies;
	if (L[IAM_LAYER_SCP].present && scp_applies &&
	    eval_org(&L[IAM_LAYER_SCP], set->scp, set->nscp, r, flags) < 0)
		return -1;
	L[IAM_LAYER_RESOURCE].present = set->resource != NULL;
	if (set->resource &&
	    eval_resource(&L[IAM_LAYER_RESOURCE], set->resource, r, flags, named) < 0)
		return -1;
	/* services, federated and anonymous callers have no IAM identity */
	L[IAM_LAYER_IDENTITY].present = set->nidentity > 0;
	L[IAM_LAYER_IDENTITY].skipped = !aws_caller && set->nidentity > 0;
	L[IAM_LAYER_BOUNDARY].skipped = !aws_caller && set->nboundary > 0;
	L[IAM_LAYER_SESSION].skipped = !aws_caller && set->session;
	if (aws_caller && eval_policies(&L[IAM_LAYER_IDENTITY], set->identity,
					set->nidentity, r, flags) < 0)
		return -1;
	L[IAM_LAYER_BOUNDARY].present = set->nboundary > 0;
	if (aws_caller && eval_policies(&L[IAM_LAYER_BOUNDARY], set->boundary,
					set->nboundary, r, flags) < 0)
		return -1;
	L[IAM_LAYER_SESSION].present = set->session != NULL;
	if (aws_caller && set->session &&
	    eval_policies(&L[IAM_LAYER_SESSION], &set->session, 1, r, flags) < 0)
		return -1;
	return 0;
}

/* The gather step: res->layers and res->cross_account, and the facts f
 * that iam_decide() reads (f->layers is res->layers).  Returns 0, or -1
 * when out of memory.  gather() and decide() are inlined into
 * iam_authorize(): as one function the facts stay in registers, and the
 * decision path costs what it did before the two steps were split
 * (bench/bench_eval). */
static inline __attribute__((always_inline)) int
gather(const struct iam_policy_set *set, const struct iam_request *req,
       unsigned flags, struct iam_result *res, struct iam_facts *f)
{
	struct iam_layer_result *L = res->layers;
	const struct iam_principal *p;
	struct prep r;
	struct slice racct, rpart;

	/* field by field: a memset of the whole result costs more */
	res->decision = IAM_DECISION_IMPLICIT_DENY;
	res->decided_by = IAM_LAYER_IDENTITY;
	res->reason = NULL;
	for (int l = 0; l < IAM_LAYER__COUNT; l++)
		L[l] = (struct iam_layer_result){ .failed_level = -1 };
	res->missing = NULL;
	res->nmissing = res->nmissing_more = 0;
	prep_init(&r, req);
	r.miss = flags & IAM_AUTHZ_MISSING ? res : NULL;
	r.has_boundary = set->nboundary > 0;
	p = r.p;
	resource_owner(req, &r, &racct, &rpart);
	res->cross_account = racct.n && p->account.len &&
			     !slice_is(racct, iam_principal_account(p));

	f->layers = L;
	f->named = IAM_NAMED_NONE;
	f->aws_caller = is_aws_caller(p->type) || p->type == IAM_PT_NONE;
	f->root = p->type == IAM_PT_ROOT;
	f->federated_user = p->type == IAM_PT_FEDERATED_USER;
	f->cross_account = res->cross_account;
	f->cross_partition = rpart.n && p->partition.len &&
			     !slice_is(rpart, iam_principal_partition(p));
	f->assume_role = r.assume_role;
	f->kms_key = r.kms_key;
	f->no_permission = r.no_permission;
	f->trust_policy = set->resource && set->resource->type == IAM_POLICY_TRUST;
	/* SCPs bind the organization's principals, except service-linked
	 * roles */
	return eval_layers(L, set, &r, f->aws_caller,
			   f->aws_caller && !p->service_linked, flags, &f->named);
}

/* ---- decide: the table "The decision" in doc/semantics.md ---- */

static struct iam_verdict verdict(enum iam_decision d, enum iam_layer by,
				  const char *reason)
{
	return (struct iam_verdict){ d, by, reason };
}

/* iam_decide(), inlined into iam_authorize() (see gather()) */
static inline __attribute__((always_inline)) struct iam_verdict
decide(const struct iam_facts *f)
{
	const struct iam_layer_result *L = f->layers;
	const struct iam_layer_result *scp = &L[IAM_LAYER_SCP];
	bool resource = L[IAM_LAYER_RESOURCE].present;
	/* the reasons name a trust policy for a role trust policy, and for
	 * the resource-based policy of an sts:AssumeRole* request */
	bool trust = resource && (f->trust_policy || f->assume_role);
	bool identity_ok, boundary_ok, session_ok;

	/* row 0: sts:GetCallerIdentity needs no permission; not even an
	 * explicit Deny refuses it */
	if (f->no_permission)
		return verdict(IAM_DECISION_ALLOWED, IAM_LAYER_NONE,
			       "sts:GetCallerIdentity needs no permission: no policy can deny it");
	/* row 1: an explicit Deny anywhere wins */
	for (int l = 0; l < IAM_LAYER__COUNT; l++)
		if (L[l].denied)
			return verdict(IAM_DECISION_EXPLICIT_DENY, (enum iam_layer)l,
				       "an applicable Deny statement");
	/* row 2: every SCP level must allow (unless SCPs do not bind the
	 * caller) */
	if (scp->present && !scp->skipped && !scp->allowed)
		return verdict(IAM_DECISION_IMPLICIT_DENY, IAM_LAYER_SCP,
			       "a service control policy level allows nothing that matches");
	/* row 3: never across partitions */
	if (f->cross_partition)
		return verdict(IAM_DECISION_IMPLICIT_DENY, IAM_LAYER_RESOURCE,
			       "the caller and the resource are in different partitions");
	/* row 4: a trust policy must allow by itself, and none is given */
	if (!resource && f->assume_role)
		return verdict(IAM_DECISION_IMPLICIT_DENY, IAM_LAYER_RESOURCE,
			       "no trust policy: a role can be assumed only when its trust policy allows the caller");
	/* row 5: so must a KMS key policy */
	if (!resource && f->kms_key)
		return verdict(IAM_DECISION_IMPLICIT_DENY, IAM_LAYER_RESOURCE,
			       "no key policy: a KMS key is usable only when its key policy allows the caller or its account");
	/* row 6: services, federated and anonymous callers: only a
	 * resource-based policy can grant */
	if (!f->aws_caller && f->named != IAM_NAMED_NONE)
		return verdict(IAM_DECISION_ALLOWED, IAM_LAYER_RESOURCE,
			       trust ? "the trust policy allows the caller"
				     : "the resource-based policy allows the caller");
	/* row 7: ... and none does */
	if (!f->aws_caller)
		return verdict(IAM_DECISION_IMPLICIT_DENY, IAM_LAYER_RESOURCE,
			       trust ? "the trust policy does not allow the caller"
				     : "no resource-based policy allows the caller");

	/* the caller's side: the root user needs no identity policy; a
	 * boundary or a session policy, where present, must allow; a
	 * GetFederationToken session without a session policy has nothing */
	identity_ok = f->root || L[IAM_LAYER_IDENTITY].allowed;
	boundary_ok = !L[IAM_LAYER_BOUNDARY].present || L[IAM_LAYER_BOUNDARY].allowed;
	session_ok = L[IAM_LAYER_SESSION].present ? L[IAM_LAYER_SESSION].allowed
						  : !f->federated_user;

	/* rows 8-13: cross-account (X): the caller's side, then the
	 * resource's side */
	if (f->cross_account) {
		/* row 8 */
		if (!identity_ok)
			return verdict(IAM_DECISION_IMPLICIT_DENY, IAM_LAYER_IDENTITY,
				       "cross-account: no identity-based policy allows the action");
		/* row 9 */
		if (!boundary_ok)
			return verdict(IAM_DECISION_IMPLICIT_DENY, IAM_LAYER_BOUNDARY,
				       "cross-account: the permissions boundary does not allow the action");
		/* row 10 */
		if (!session_ok)
			return verdict(IAM_DECISION_IMPLICIT_DENY, IAM_LAYER_SESSION,
				       "cross-account: the session policy does not allow the action");
		/* row 11 */
		if (f->named == IAM_NAMED_NONE)
			return verdict(IAM_DECISION_IMPLICIT_DENY, IAM_LAYER_RESOURCE,
				       trust ? "cross-account: the role's trust policy does not allow the caller"
					     : "cross-account: no resource-based policy in the resource's account allows the caller");
		/* row 12 */
		if (f->root)
			return verdict(IAM_DECISION_ALLOWED, IAM_LAYER_RESOURCE,
				       trust ? "cross-account: the trust policy allows the caller's account, whose root user needs no identity policy"
					     : "cross-account: the resource-based policy allows the caller's account, whose root user needs no identity policy");
		/* row 13 */
		return verdict(IAM_DECISION_ALLOWED, IAM_LAYER_RESOURCE,
			       trust ? "cross-account: allowed by both the caller's policies and the role's trust policy"
				     : "cross-account: allowed by both the caller's policies and the resource-based policy");
	}

	/* row 14: same account, iam-semantics.md's row 1: named exactly */
	if (f->named == IAM_NAMED_EXACT)
		return verdict(IAM_DECISION_ALLOWED, IAM_LAYER_RESOURCE,
			       trust ? "the trust policy allows this principal by name"
				     : "the resource-based policy allows this principal by name");
	/* row 15: iam-semantics.md's row 2, the role behind the session is
	 * named: a boundary and a session policy must still allow */
	if (f->named == IAM_NAMED_ROLE && !boundary_ok)
		return verdict(IAM_DECISION_IMPLICIT_DENY, IAM_LAYER_BOUNDARY,
			       "the resource-based policy names the role, and the permissions boundary does not allow the action");
	/* row 16 */
	if (f->named == IAM_NAMED_ROLE && !session_ok)
		return verdict(IAM_DECISION_IMPLICIT_DENY, IAM_LAYER_SESSION,
			       "the resource-based policy names the role, and the session policy does not allow the action");
	/* row 17 */
	if (f->named == IAM_NAMED_ROLE)
		return verdict(IAM_DECISION_ALLOWED, IAM_LAYER_RESOURCE,
			       "the resource-based policy allows the role");
	/* row 18: a trust or key policy that names neither the caller nor
	 * its account */
	if ((trust || (resource && f->kms_key)) && f->named == IAM_NAMED_NONE)
		return verdict(IAM_DECISION_IMPLICIT_DENY, IAM_LAYER_RESOURCE,
			       trust ? "the trust policy does not allow the caller"
				     : "the key policy does not allow the caller or its account");
	/* row 19: iam-semantics.md's rows 3-5 (the account named, or
	 * nothing): the identity side decides */
	if (!identity_ok)
		return verdict(IAM_DECISION_IMPLICIT_DENY, IAM_LAYER_IDENTITY,
			       "no identity-based policy allows the action");
	/* row 20 */
	if (!boundary_ok)
		return verdict(IAM_DECISION_IMPLICIT_DENY, IAM_LAYER_BOUNDARY,
			       "the permissions boundary does not allow the action");
	/* row 21 */
	if (!session_ok && L[IAM_LAYER_SESSION].present)
		return verdict(IAM_DECISION_IMPLICIT_DENY, IAM_LAYER_SESSION,
			       "the session policy does not allow the action");
	/* row 22 */
	if (!session_ok)
		return verdict(IAM_DECISION_IMPLICIT_DENY, IAM_LAYER_SESSION,
			       "a federated-user session without a session policy has no permissions");
	/* row 23 */
	if (f->root)
		return verdict(IAM_DECISION_ALLOWED, IAM_LAYER_IDENTITY,
			       "the root user is allowed unless denied");
	/* row 24 */
	return verdict(IAM_DECISION_ALLOWED, IAM_LAYER_IDENTITY,
		       "allowed by the identity-based policies");
}

struct iam_verdict iam_decide(const struct iam_facts *f)
{
	return decide(f);
}

int iam_authorize(const struct iam_policy_set *set,
		  const struct iam_request *req, unsigned flags,
		  struct iam_result *res, struct iam_error *err)
{
	static const struct iam_policy_set empty_set = { 0 };
	struct iam_facts f;
	struct iam_verdict v;

	if (gather(set ? set : &empty_set, req, flags, res, &f) < 0) {
		iam_result_release(res);
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	}
	v = decide(&f);
	res->decision = v.decision;
	res->decided_by = v.decided_by;
	res->reason = v.reason;
	return 0;
}

static int grow(void **v, size_t n, size_t size, struct iam_error *err)
{
	void *nv = realloc(*v, (n + 1) * size);

	if (!nv) {
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		return -1;
	}
	*v = nv;
	return 0;
}

int iam_policy_set_level(struct iam_policy_set *set, enum iam_layer layer,
			 const char *name, struct iam_error *err)
{
	struct iam_org_level **v = layer == IAM_LAYER_SCP ? &set->scp : &set->rcp;
	size_t *n = layer == IAM_LAYER_SCP ? &set->nscp : &set->nrcp;
	char *copy = NULL;

	if (layer != IAM_LAYER_SCP && layer != IAM_LAYER_RCP) {
		iam_error_set(err, IAM_ERR_USAGE, NULL,
			      "only SCPs and RCPs have organization levels");
		return -1;
	}
	if (name && !(copy = strdup(name))) {
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		return -1;
	}
	if (grow((void **)v, *n, sizeof(**v), err) < 0) {
		free(copy);
		return -1;
	}
	(*v)[(*n)++] = (struct iam_org_level){ copy, NULL, 0 };
	set->built = true;
	return 0;
}

int iam_policy_set_add(struct iam_policy_set *set, enum iam_layer layer,
		       struct iam_policy *p, struct iam_error *err)
{
	struct iam_policy ***v;
	size_t *n;

	switch (layer) {
	case IAM_LAYER_IDENTITY:
		v = &set->identity, n = &set->nidentity;
		break;
	case IAM_LAYER_BOUNDARY:
		v = &set->boundary, n = &set->nboundary;
		break;
	case IAM_LAYER_SESSION:
	case IAM_LAYER_RESOURCE: {
		struct iam_policy **one = layer == IAM_LAYER_SESSION ? &set->session
								     : &set->resource;
		if (*one) {
			iam_error_set(err, IAM_ERR_USAGE, NULL,
				      "a request has one %s policy",
				      layer == IAM_LAYER_SESSION ? "session" : "resource-based");
			return -1;
		}
		*one = p;
		return 0;
	}
	case IAM_LAYER_SCP:
	case IAM_LAYER_RCP: {
		struct iam_org_level *lv;
		size_t nl = layer == IAM_LAYER_SCP ? set->nscp : set->nrcp;

		if (!nl && iam_policy_set_level(set, layer, NULL, err) < 0)
			return -1;
		lv = layer == IAM_LAYER_SCP ? &set->scp[set->nscp - 1]
					    : &set->rcp[set->nrcp - 1];
		v = &lv->policies, n = &lv->n;
		break;
	}
	default:
		iam_error_set(err, IAM_ERR_USAGE, NULL, "no such layer");
		return -1;
	}
	if (grow((void **)v, *n, sizeof(**v), err) < 0)
		return -1;
	(*v)[(*n)++] = p;
	set->built = true;
	return 0;
}

static void release_levels(struct iam_org_level *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].policies);
	}
	free(v);
}

void iam_policy_set_release(struct iam_policy_set *set)
{
	if (!set || !set->built)
		return;
	free(set->identity);
	free(set->boundary);
	release_levels(set->scp, set->nscp);
	release_levels(set->rcp, set->nrcp);
	*set = (struct iam_policy_set){ 0 };
}

void iam_result_release(struct iam_result *res)
{
	if (!res)
		return;
	free(res->missing);
	res->missing = NULL;
	res->nmissing = res->nmissing_more = 0;
	for (int l = 0; l < IAM_LAYER__COUNT; l++) {
		free(res->layers[l].matched);
		res->layers[l].matched = NULL;
		res->layers[l].nmatched = res->layers[l].cap = 0;
	}
}

const char *iam_decision_name(enum iam_decision d)
{
	switch (d) {
	case IAM_DECISION_ALLOWED:
		return "Allowed";
	case IAM_DECISION_IMPLICIT_DENY:
		return "ImplicitlyDenied";
	case IAM_DECISION_EXPLICIT_DENY:
		return "ExplicitlyDenied";
	}
	return "ImplicitlyDenied";
}

int iam_decision_parse(const char *s, enum iam_decision *d)
{
	for (int i = IAM_DECISION_ALLOWED; i <= IAM_DECISION_EXPLICIT_DENY; i++) {
		if (strcmp(s, iam_decision_name((enum iam_decision)i)) == 0) {
			*d = (enum iam_decision)i;
			return 0;
		}
	}
	return -1;
}

const char *iam_layer_name(enum iam_layer l)
{
	switch (l) {
	case IAM_LAYER_RCP:
		return "rcp";
	case IAM_LAYER_SCP:
		return "scp";
	case IAM_LAYER_RESOURCE:
		return "resource";
	case IAM_LAYER_IDENTITY:
		return "identity";
	case IAM_LAYER_BOUNDARY:
		return "boundary";
	case IAM_LAYER_SESSION:
		return "session";
	case IAM_LAYER_NONE:
		return "none";
	}
	return "unknown";
}

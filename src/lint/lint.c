/* lint/lint.c - lint: documents, policies, the parser's findings, sizes.
 *
 * iam_lint_policy() is the pass over one policy:
 *  1. in a template, every intrinsic function is an unknown value
 *     (iam_cfn_unresolved()) in a copy, and its pointer is remembered;
 *  2. iam_policy_parse() with IAM_PARSE_PARTIAL reports the grammar
 *     problems and compiles what it can, unknown values flagged
 *     (IAM_PARSE_TEMPLATE);
 *  3. the parser's findings are passed on, a few re-coded to the code
 *     Access Analyzer gives the same problem (a value that does not read
 *     for its operator is TYPE_MISMATCH_*, a variable's syntax problem has
 *     its own code, ...), its size findings replaced by Access Analyzer's
 *     quotas;
 *  4. the checks of lint/stmt.c and lint/cond.c run over each
 *     statement of the compiled tree;
 *  5. nothing is reported at or under an unknown value.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/cond.h"
#include "core/error.h"
#include "core/json.h"
#include "core/unwrap.h"
#include "lint/lint.h"
#include "lint/arn.h"
#include "lint/lint_impl.h"

struct iam_lint *iam_lint_new(const struct iam_catalog *cat, unsigned flags)
{
	struct iam_lint *L = calloc(1, sizeof(*L));

	if (!L)
		return NULL;
	L->cat = cat ? cat : iam_catalog_default();
	L->flags = flags;
	return L;
}

void iam_lint_free(struct iam_lint *L)
{
	if (!L)
		return;
	iam_arn_index_free(L->arn);
	lint_action_cache_free(L);
	free(L);
}

/* The last token of a pointer (unescaped) and, when wanted, the one
 * before it. */
static void last_tokens(const char *path, char *last, size_t lastlen,
			char *prev, size_t prevlen)
{
	const char *e = path + strlen(path), *s = e, *ps;

	while (s > path && s[-1] != '/')
		s--;
	ps = s > path ? s - 1 : s;
	while (ps > path && ps[-1] != '/')
		ps--;
	if (last) {
		size_t n = 0;

		for (const char *q = s; q < e && n + 1 < lastlen; q++) {
			if (*q == '~' && (q[1] == '0' || q[1] == '1'))
				last[n++] = *++q == '0' ? '~' : '/';
			else
				last[n++] = *q;
		}
		last[n] = '\0';
	}
	if (prev) {
		size_t n = 0;

		for (const char *q = ps; q < s - 1 && n + 1 < prevlen; q++) {
			if (*q == '~' && (q[1] == '0' || q[1] == '1'))
				prev[n++] = *++q == '0' ? '~' : '/';
			else
				prev[n++] = *q;
		}
		prev[n] = '\0';
	}
}

/* ---- templates: intrinsic functions are unknown values ---- */

static int remember_unknown(void *ctx, const char *pointer)
{
	return lint_unknown_add(ctx, pointer);
}

/* ---- the parser's findings, as lint reports them ---- */

static const char *variable_code(const char *msg)
{
	if (strstr(msg, "empty variable"))
		return "EMPTY_VARIABLE";
	if (strstr(msg, "has a space in its name"))
		return "UNSUPPORTED_SPACE_IN_VARIABLE";
	if (strstr(msg, "single quotes") || strstr(msg, "after the default"))
		return "MISSING_QUOTE_IN_VARIABLE";
	if (strstr(msg, "no closing") || strstr(msg, "is not closed"))
		return "MISSING_BRACE_IN_VARIABLE";
	return NULL;
}

/* The code of a value that does not read for its operator's family. */
static const char *type_mismatch_code(enum iam_cond_op op)
{
	static const char *const code[] = {
		[IAM_COND_STRING] = NULL,
		[IAM_COND_NUMERIC] = "TYPE_MISMATCH_NUMBER",
		[IAM_COND_DATE] = "TYPE_MISMATCH_DATE",
		[IAM_COND_BOOL] = "TYPE_MISMATCH_BOOLEAN",
		[IAM_COND_BINARY] = "TYPE_MISMATCH_STRING",
		[IAM_COND_IP] = "TYPE_MISMATCH_IP_RANGE",
		[IAM_COND_ARN] = NULL,
		[IAM_COND_NULL] = "TYPE_MISMATCH_BOOLEAN",
	};
	const struct iam_cond_opinfo *o = iam_cond_op_info(op);

	return o ? code[o->family] : NULL;
}

static bool unique_id_prefix(const char *s, const char *prefix)
{
	size_t n = strlen(s);

	if (strncmp(s, prefix, 4) != 0 || n < 16 || n > 32)
		return false;
	for (size_t i = 4; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

static bool path_ends_with(const char *path, const char *tok)
{
	size_t n = strlen(path), m = strlen(tok);

	return n > m && path[n - m - 1] == '/' && strcmp(path + n - m, tok) == 0;
}

/* The value of the principal entry at the finding's pointer, or NULL. */
static const char *principal_at(const struct iam_policy *pol,
				const struct iam_diag *d)
{
	const struct iam_statement *st;

	if (!pol || d->stmt < 0 || (size_t)d->stmt >= pol->nstmts)
		return NULL;
	st = &pol->stmts[d->stmt];
	for (size_t i = 0; i < st->nprincipals; i++)
		if (strcmp(st->principals[i].path, d->path) == 0)
			return st->principals[i].value;
	return NULL;
}

/* Pass one parser finding on: dropped, re-coded, or as it is. */
static void pass_on(struct lint_ctx *lc, const struct iam_policy *pol,
		    const struct iam_diag *d)
{
	const char *code = d->code, *alt, *s;
	const struct iam_rule *r;
	char last[256], prev[256];

	if (lint_under_unknown(lc, d->path))
		return;
	if (strncmp(code, "POLICY_SIZE_", 12) == 0)
		return;  /* replaced by size_checks() */
	if (strcmp(code, "INVALID_CONDITION_DATA_TYPE") == 0) {
		struct iam_cond_opname op;
		char opname[128];
		const char *colon = strstr(d->message, ": ");
		size_t n = colon ? (size_t)(colon - d->message) : 0;

		if ((alt = variable_code(d->message))) {
			code = alt;
		} else if (n && n < sizeof(opname)) {
			memcpy(opname, d->message, n);
			opname[n] = '\0';
			if (iam_cond_parse_opname(opname, &op, NULL) == 0 &&
			    (alt = type_mismatch_code(op.op)))
				code = alt;
		}
	} else if (strcmp(code, "MISSING_BRACE_IN_VARIABLE") == 0) {
		if ((alt = variable_code(d->message)))
			code = alt;
	} else if (strcmp(code, "EMPTY_ARRAY_CONDITION") == 0) {
		last_tokens(d->path, last, sizeof(last), prev, sizeof(prev));
		if (strncmp(prev, "ForAllValues:", 13) == 0)
			code = "EMPTY_ARRAY_CONDITION_FORALLVALUES";
		else if (strncmp(prev, "ForAnyValue:", 12) == 0)
			code = "EMPTY_ARRAY_CONDITION_FORANYVALUE";
		else if (strlen(prev) > 8 &&
			 strcmp(prev + strlen(prev) - 8, "IfExists") == 0)
			code = "EMPTY_ARRAY_CONDITION_IFEXISTS";
	} else if (strcmp(code, "INVALID_POLICY_ELEMENT") == 0 &&
		   (path_ends_with(d->path, "Principal") ||
		    path_ends_with(d->path, "NotPrincipal"))) {
		lint_add(lc, "UNSUPPORTED_PRINCIPAL", d->path,
			 "the %s policy type does not support the Principal element: remove it",
			 iam_policy_type_name(lc->type));
		return;
	} else if (strcmp(code, "INVALID_PRINCIPAL_FORMAT") == 0 &&
		   (s = principal_at(pol, d))) {
		if (unique_id_prefix(s, "AROA")) {
			lint_add(lc, "INVALID_ROLE_REFERENCE", d->path,
				 "the principal '%s' is a role's unique ID: name the role by its ARN",
				 s);
			return;
		}
		if (unique_id_prefix(s, "AIDA")) {
			lint_add(lc, "INVALID_USER_REFERENCE", d->path,
				 "the principal '%s' is a user's unique ID: name the user by its ARN",
				 s);
			return;
		}
	}
	r = iam_lint_rule_find(code);
	if (iam_diags_add(lc->out, r ? r->sev : d->sev, r ? r->code : d->code,
			  d->source, d->path, d->line, d->column, d->sid,
			  d->stmt, "%s", d->message) < 0)
		lc->nomem = true;
}

/* ---- size quotas (Access Analyzer's) ---- */

static size_t resource_quota(const char *attached_to)
{
	static const struct {
		const char *type;
		size_t quota;
	} q[] = {
		{ "AWS::S3::BucketPolicy", 20480 },
		{ "AWS::S3::AccessPoint", 20480 },
		{ "AWS::SQS::QueuePolicy", 8192 },
		{ "AWS::SNS::TopicPolicy", 30720 },
		{ "AWS::KMS::Key", 32768 },
		{ "AWS::SecretsManager::ResourcePolicy", 20480 },
		{ "AWS::ECR::Repository", 10240 },
	};

	for (size_t i = 0; attached_to && i < sizeof(q) / sizeof(q[0]); i++)
		if (strcmp(q[i].type, attached_to) == 0)
			return q[i].quota;
	return 20480;
}

/* The parser counted the characters (pol->size_chars: without white
 * space for IAM policies, with it for SCPs and RCPs); resource policies,
 * which it does not count, are counted here, white space included. */
static void size_checks(struct lint_ctx *lc, const struct iam_policy *pol)
{
	struct iam_json_doc *doc = lc->doc;
	size_t chars = pol->size_chars, start, len, all = 0, quota;

	switch (lc->type) {
	case IAM_POLICY_IDENTITY:
	case IAM_POLICY_BOUNDARY:
	case IAM_POLICY_AUTO:
		if (chars > 10240)
			lint_add(lc, "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA",
				 lc->base,
				 "the policy has %zu characters without white space, over the 10,240 that an identity policy (inline or managed) may have: split it into several policies",
				 chars);
		return;
	case IAM_POLICY_SESSION:
		if (chars > 2048)
			lint_add(lc, "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA",
				 lc->base,
				 "the session policy has %zu characters without white space, over the 2,048 that AWS STS accepts",
				 chars);
		return;
	case IAM_POLICY_TRUST:
		if (chars > 2048)
			lint_add(lc, "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA",
				 lc->base,
				 "the trust policy has %zu characters without white space, over the default quota of 2,048 (it can be raised to 8,192)",
				 chars);
		return;
	case IAM_POLICY_SCP:
	case IAM_POLICY_RCP:
		if (chars > 5120)
			lint_add(lc, "POLICY_SIZE_EXCEEDS_SCP_QUOTA", lc->base,
				 "the %s has %zu characters, white space included, over the 5,120 that AWS Organizations accepts",
				 lc->type == IAM_POLICY_SCP ? "service control policy"
							    : "resource control policy",
				 chars);
		return;
	case IAM_POLICY_RESOURCE:
		break;
	}
	quota = resource_quota(lc->site ? lc->site->attached_to : NULL);
	if (!doc)
		return;
	if (!*lc->base) {
		start = 0;
		len = doc->len;
	} else if (iam_json_span(doc, lc->base, &start, &len) < 0) {
		return;
	}
	if (len <= quota)
		return;  /* bytes bound characters */
	for (size_t i = start; i < start + len; i++)
		all += ((unsigned char)doc->text[i] & 0xC0) != 0x80;
	if (all > quota)
		lint_add(lc, "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", lc->base,
			 "the resource policy has %zu characters, over the %zu that %s accepts",
			 all, quota,
			 lc->site && lc->site->attached_to ? lc->site->attached_to
							   : "a resource policy (Amazon S3's quota)");
}

/* ---- statements ---- */

static size_t text_hash(const char *s)
{
	size_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* Statements that are the same but for the value of their Sid (their
 * canonical texts, IAM_PARSE_CANONICAL, are equal): each is reported
 * once, against the first it repeats, found in a hash of the first
 * statement with each text (linear in the statements).  A statement with
 * a Sid and one without are not compared. */
static void redundant_statements(struct lint_ctx *lc,
				 const struct iam_policy *pol)
{
	size_t n = pol->nstmts, cap = 16, mask, *slot;

	if (n < 2)
		return;
	while (cap < 2 * n)
		cap *= 2;
	mask = cap - 1;
	slot = calloc(cap, sizeof(*slot));  /* a statement index plus one */
	if (!slot) {
		lc->nomem = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct iam_statement *st = &pol->stmts[i];
		size_t h;

		if (!st->canonical)
			continue;
		for (h = text_hash(st->canonical) & mask; slot[h]; h = (h + 1) & mask)
			if (strcmp(pol->stmts[slot[h] - 1].canonical, st->canonical) == 0)
				break;
		if (!slot[h]) {
			slot[h] = i + 1;  /* the first with this text */
			continue;
		}
		lc->stmt = (long)i;
		lc->sid = st->sid;
		lint_add(lc, "REDUNDANT_STATEMENT", st->path,
			 "statement %zu grants exactly what statement %zu grants: remove one",
			 i + 1, slot[h]);
	}
	lc->stmt = -1;
	lc->sid = NULL;
	free(slot);
}

int iam_lint_policy(struct iam_lint *L, struct iam_json_doc *doc, json_t *node,
		    const char *base, enum iam_policy_type type,
		    const struct iam_lint_site *site, struct iam_diags *out,
		    struct iam_error *err)
{
	struct lint_ctx lc = { 0 };
	struct iam_diags pd = IAM_DIAGS_INIT;
	struct iam_error perr = IAM_ERROR_INIT;
	struct iam_policy *pol = NULL;
	unsigned flags = IAM_PARSE_PARTIAL | IAM_PARSE_NO_LOCATIONS |
			 IAM_PARSE_NO_GLOBS | IAM_PARSE_CANONICAL;
	json_t *root = NULL;
	int rc = 0;

	if (!node)
		node = doc->root;
	if (!base)
		base = "";
	lc.L = L;
	lc.cat = L->cat;
	lc.doc = doc;
	lc.base = base;
	lc.source = doc && doc->source ? doc->source : "<policy>";
	lc.site = site;
	lc.out = out;
	lc.stmt = -1;
	if (site && site->cfn) {
		root = iam_cfn_unresolved(node, NULL, base, remember_unknown, &lc);
		if (!root) {
			lc.nomem = true;
			goto out;
		}
		if (lint_under_unknown(&lc, base))
			goto out;  /* the whole document is unknown */
		flags |= IAM_PARSE_TEMPLATE;
	} else {
		root = json_incref(node);
	}
	pol = iam_policy_parse(doc, root, base, type, flags, &pd, &perr);
	if (pd.nomem || perr.code == IAM_ERR_NOMEM)
		lc.nomem = true;
	lc.type = pol ? pol->type : type;  /* AUTO: the parser's guess */
	for (size_t i = 0; i < pd.n; i++)
		pass_on(&lc, pol, &pd.v[i]);
	if (!pol)
		goto out;
	lc.version = pol->version;
	size_checks(&lc, pol);
	for (size_t i = 0; i < pol->nstmts; i++) {
		const struct iam_statement *st = &pol->stmts[i];

		if (!st->object)
			continue;
		lc.sid = st->sid;
		lc.stmt = (long)i;
		lint_statement(&lc, pol, st);
		lint_conditions(&lc, st);
	}
	lc.sid = NULL;
	lc.stmt = -1;
	redundant_statements(&lc, pol);
out:
	if (lc.nomem) {
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		rc = -1;
	}
	iam_policy_free(pol);
	iam_diags_release(&pd);
	json_decref(root);
	lint_unknown_release(&lc);
	return rc;
}

/* ---- templates ---- */

struct tmpl_ctx {
	struct iam_lint *L;
	struct iam_json_doc *doc;
	struct iam_diags *out;
	struct iam_error *err;
};

static int lint_template_policy(void *ctx, const struct iam_cfn_policy *p)
{
	struct tmpl_ctx *t = ctx;
	struct iam_lint_site site;

	lint_template_site(p, &site);
	return iam_lint_policy(t->L, t->doc, p->document, p->pointer, p->type,
			       &site, t->out, t->err) < 0 ? -1 : 0;
}

int iam_lint_template(struct iam_lint *L, struct iam_json_doc *doc,
		      struct iam_diags *out, struct iam_error *err)
{
	struct tmpl_ctx t = { L, doc, out, err };
	struct iam_error e = IAM_ERROR_INIT;
	struct iam_cfn_stack *s = iam_cfn_from_doc(doc, NULL, &e);
	int rc;

	if (!s) {
		if (e.code != IAM_ERR_NOMEM)
			return 0;  /* no Resources: no policies */
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		return -1;
	}
	rc = iam_cfn_each_policy(s, lint_template_policy, &t);
	iam_cfn_free(s);
	return rc < 0 ? -1 : 0;
}

/* ---- documents ---- */

enum iam_lint_kind iam_lint_classify(json_t *root)
{
	if (!json_is_object(root))
		return IAM_LINT_KIND_POLICY;
	if (json_object_get(root, "Statement"))
		return IAM_LINT_KIND_POLICY;
	if (json_is_object(json_object_get(root, "Resources")) ||
	    json_object_get(root, "AWSTemplateFormatVersion"))
		return IAM_LINT_KIND_TEMPLATE;
	if (iam_unwrap_kind(root))
		return IAM_LINT_KIND_WRAPPED;
	return IAM_LINT_KIND_OTHER;
}

/* A finding about the document as a whole, of rule `code`. */
static int doc_finding(struct iam_diags *out, const char *code,
		       const char *source, const char *path, int line, int col,
		       const char *msg)
{
	const struct iam_rule *r = iam_lint_rule_find(code);

	return iam_diags_add(out, r ? r->sev : IAM_SEV_ERROR, code, source, path,
			     line, col, NULL, -1, "%s", msg);
}

int iam_lint_doc(struct iam_lint *L, struct iam_json_doc *doc,
		 enum iam_policy_type type, struct iam_diags *out,
		 struct iam_error *err)
{
	struct iam_error e = IAM_ERROR_INIT;
	struct iam_unwrapped u;
	const char *source = doc->source ? doc->source : "<policy>";
	int rc = 0;

	if (doc->bom &&
	    doc_finding(out, "WITH_BYTE_ORDER_MARK", source, "", 1, 1,
			"the file starts with a UTF-8 byte-order mark: iamgate skips it, but IAM and other tools may not; save the file as UTF-8 without one") < 0)
		goto nomem;
	if (iam_lint_classify(doc->root) == IAM_LINT_KIND_TEMPLATE)
		return iam_lint_template(L, doc, out, err);
	if (iam_unwrap(doc, NULL, "", &u, &e) < 0) {
		iam_unwrapped_release(&u);
		if (e.code == IAM_ERR_NOMEM ||
		    doc_finding(out, "WRAPPED_POLICY_INVALID", source, e.path,
				e.line, e.column, e.text) < 0)
			goto nomem;
		return 0;
	}
	if (u.wrapper[0]) {
		char msg[512];
		int line = 0, col = 0;

		iam_json_locate(doc, u.pointer, &line, &col);
		snprintf(msg, sizeof(msg), "the policy was unwrapped from %s: %s %s",
			 u.wrapper, u.in_string ? "the text of the string" : "the object",
			 u.pointer[0] ? u.pointer : "that is the document");
		if (doc_finding(out, "WRAPPED_POLICY", source, u.pointer, line, col,
				msg) < 0) {
			iam_unwrapped_release(&u);
			goto nomem;
		}
	}
	rc = iam_lint_policy(L, u.doc, u.node, u.base,
			     type == IAM_POLICY_AUTO ? u.type : type, NULL, out, err);
	iam_unwrapped_release(&u);
	return rc;
nomem:
	iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	return -1;
}

static int diag_order(const void *a, const void *b)
{
	const struct iam_diag *x = a, *y = b;
	int c = strcmp(x->source ? x->source : "", y->source ? y->source : "");

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	c = strcmp(x->path ? x->path : "", y->path ? y->path : "");
	if (c)
		return c;
	c = strcmp(x->code, y->code);
	if (c)
		return c;
	/* one place, several findings of a code (a tag key per condition):
	 * by their further places, then their messages */
	for (size_t i = 0; i < x->nlocs && i < y->nlocs; i++) {
		c = strcmp(x->locs[i].path, y->locs[i].path);
		if (c)
			return c;
	}
	if (x->nlocs != y->nlocs)
		return x->nlocs < y->nlocs ? -1 : 1;
	return strcmp(x->message ? x->message : "", y->message ? y->message : "");
}

void iam_lint_sort(struct iam_diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), diag_order);
}

/* ---- Amplify custom-policies.json ---- */

static bool empty_list(json_t *v)
{
	return (json_is_array(v) && json_array_size(v) == 0) ||
	       (json_is_string(v) && json_string_length(v) == 0);
}

/* The statement as the Amplify CLI deploys it: Effect Allow when not
 * given; a Resource string with "${env}" in it a Fn::Sub of the
 * environment's name.  A new reference, or NULL (memory). */
static json_t *amplify_statement(json_t *st)
{
	json_t *c, *res, *v;
	size_t i;

	if (!json_is_object(st))
		return json_incref(st);
	c = json_deep_copy(st);
	if (!c || (!json_object_get(c, "Effect") &&
		   json_object_set_new(c, "Effect", json_string("Allow")) < 0))
		goto fail;
	res = json_object_get(c, "Resource");
	json_array_foreach(res, i, v) {
		json_t *sub;

		if (!json_is_string(v) || !strstr(json_string_value(v), "${env}"))
			continue;
		sub = json_pack("{s:[O,{s:{s:s}}]}", "Fn::Sub", v, "env", "Ref", "env");
		if (!sub || json_array_set_new(res, i, sub) < 0)
			goto fail;
	}
	return c;
fail:
	json_decref(c);
	return NULL;
}

/* The policy the CLI makes of the list, as text. */
static char *amplify_policy_text(json_t *list)
{
	json_t *stmts = json_array(), *pol, *v;
	char *text = NULL;
	size_t i;

	json_array_foreach(list, i, v)
		if (!stmts || json_array_append_new(stmts, amplify_statement(v)) < 0)
			goto out;
	pol = json_pack("{s:s, s:O}", "Version", "2012-10-17", "Statement", stmts);
	if (pol)
		text = json_dumps(pol, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(pol);
out:
	json_decref(stmts);
	return text;
}

/* A place on the policy made of the list, moved to the file: the pointer
 * without "/Statement", the position of what it names there (an Effect
 * the CLI adds: its statement).  path: LINT_PATH_MAX bytes. */
static void amplify_place(struct iam_json_doc *doc, const char *from,
			  char *path, int *line, int *col)
{
	*line = *col = 1;
	if (strncmp(from, "/Statement", 10) == 0 &&
	    (from[10] == '/' || from[10] == '\0'))
		iam_strlcpy_tail(path, from + 10, LINT_PATH_MAX);
	else
		path[0] = '\0';
	if (iam_json_locate(doc, path, line, col) < 0 && path[0]) {
		char *slash = strchr(path + 1, '/');

		if (slash)
			*slash = '\0';
		iam_json_locate(doc, path, line, col);
	}
}

/* A finding on the policy made of the list, moved to the file with its
 * further places. */
static int amplify_move(struct iam_json_doc *doc, const struct iam_diag *d,
			struct iam_diags *out)
{
	char path[LINT_PATH_MAX];
	int line, col;

	amplify_place(doc, d->path, path, &line, &col);
	if (iam_diags_add(out, d->sev, d->code, d->source, path, line, col,
			  d->sid, d->stmt, "%s", d->message) < 0)
		return -1;
	for (size_t i = 0; i < d->nlocs; i++) {
		amplify_place(doc, d->locs[i].path, path, &line, &col);
		if (iam_diags_add_location(out, path, line, col) < 0 && out->nomem)
			return -1;
	}
	return 0;
}

int iam_lint_statement_list(struct iam_lint *L, struct iam_json_doc *doc,
			    struct iam_diags *out, struct iam_error *err)
{
	struct iam_json_doc syn = IAM_JSON_DOC_INIT;
	struct iam_diags d = IAM_DIAGS_INIT;
	struct iam_lint_site site = { .attached_to = NULL, .cfn = true };
	json_t *first = json_array_get(doc->root, 0);
	char *text;
	int rc = -1;

	/* the CLI's test: no first statement, or one with an empty Action
	 * and Resource, and it deploys no policy at all */
	if (!first || (json_is_object(first) &&
		       empty_list(json_object_get(first, "Action")) &&
		       empty_list(json_object_get(first, "Resource"))))
		return 1;
	text = amplify_policy_text(doc->root);
	if (!text || iam_json_load_buffer(&syn, doc->source, text, strlen(text), err) < 0)
		goto out;
	if (iam_lint_policy(L, &syn, NULL, "", IAM_POLICY_IDENTITY, &site, &d, err) < 0)
		goto out;
	rc = 0;
	for (size_t i = 0; rc == 0 && i < d.n; i++)
		if (amplify_move(doc, &d.v[i], out) < 0)
			rc = -1;
out:
	if (rc < 0)
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	free(text);
	iam_diags_release(&d);
	iam_json_doc_release(&syn);
	return rc;
}

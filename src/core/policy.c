/* core/policy.c - policy documents: check the grammar, compile the tree.
 *
 * One pass over the jansson tree.  Every problem becomes a finding (with
 * the JSON Pointer of the offending element and its line and column found
 * from the source text); error-level findings make the document invalid,
 * but checking goes on so that all of them are reported at once.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cfn.h"
#include "core/context.h"
#include "core/diag.h"
#include "core/error.h"
#include "core/glob.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/policy.h"
#include "core/unwrap.h"
#include "core/vars.h"

#define PATH_MAX_LEN 512

struct pctx {
	struct iam_json_doc *doc;
	struct iam_arena *arena; /* the policy's: everything compiled goes here */
	const char *source;
	enum iam_policy_type type;
	unsigned flags;
	bool vars;               /* Version 2012-10-17: variables are live */
	struct iam_diags *diags;
	struct iam_error *err;
	size_t nerrors;
	bool nomem;
	const char *sid;         /* current statement, for findings */
	long stmt;
	size_t nstmts;           /* statements in the policy */
};

static bool is_iam_type(enum iam_policy_type t)
{
	return t == IAM_POLICY_IDENTITY || t == IAM_POLICY_BOUNDARY ||
	       t == IAM_POLICY_SESSION;
}

static void problem(struct pctx *pc, enum iam_severity sev, const char *code,
		    const char *path, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void problem(struct pctx *pc, enum iam_severity sev, const char *code,
		    const char *path, const char *fmt, ...)
{
	char msg[768];
	int line = 0, col = 0;
	va_list ap;

	if (sev != IAM_SEV_ERROR && (pc->flags & IAM_PARSE_ERRORS_ONLY))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (pc->doc)
		iam_json_locate(pc->doc, path, &line, &col);
	if (iam_diags_add(pc->diags, sev, code, pc->source, path, line, col,
			  pc->sid, pc->stmt, "%s", msg) < 0)
		pc->nomem = true;
	if (sev == IAM_SEV_ERROR) {
		if (!pc->nerrors++) {
			iam_error_set(pc->err, IAM_ERR_SCHEMA, path, "%s: %s",
				      code, msg);
			iam_error_locate(pc->err, pc->source, line, col);
		}
	}
}

static void path_join(char *out, const char *base, const char *tok)
{
	iam_strlcpy_tail(out, base, PATH_MAX_LEN);
	if (iam_jptr_push(out, PATH_MAX_LEN, tok) < 0)
		iam_strlcpy_tail(out, base, PATH_MAX_LEN);
}

static void path_index(char *out, const char *base, size_t i)
{
	iam_strlcpy_tail(out, base, PATH_MAX_LEN);
	if (iam_jptr_push_index(out, PATH_MAX_LEN, i) < 0)
		iam_strlcpy_tail(out, base, PATH_MAX_LEN);
}

/* Control characters other than TAB, LF and CR are not allowed in a
 * policy (iam-semantics.md section 1). */
static bool has_control_char(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' &&
		    *s != '\r')
			return true;
	return false;
}

static char *xstrdup(struct pctx *pc, const char *s)
{
	char *r = iam_arena_strdup(pc->arena, s);

	if (!r)
		pc->nomem = true;
	return r;
}

/* Where an element stands: its pointer (a copy in the arena) and, unless
 * IAM_PARSE_NO_LOCATIONS, its line and column. */
static char *place(struct pctx *pc, const char *path, int *line, int *column)
{
	if (!(pc->flags & IAM_PARSE_NO_LOCATIONS) && pc->doc)
		iam_json_locate(pc->doc, path, line, column);
	return xstrdup(pc, path);
}

/* Is s a template's unknown value (or does it hold one)? */
static bool unknown_value(const struct pctx *pc, const char *s)
{
	return (pc->flags & IAM_PARSE_TEMPLATE) && iam_cfn_has_unknown(s);
}

/* Read a string-or-array-of-strings element into a new array of borrowed
 * json strings.  Returns the count, or -1 after reporting a problem. */
static long string_list(struct pctx *pc, json_t *v, const char *path,
			const char *elem, const char *empty_code,
			const char ***out)
{
	const char **list;
	size_t n, i;

	*out = NULL;
	if (json_is_string(v)) {
		list = malloc(sizeof(*list));
		if (!list) {
			pc->nomem = true;
			return -1;
		}
		list[0] = json_string_value(v);
		*out = list;
		return 1;
	}
	if (!json_is_array(v)) {
		problem(pc, IAM_SEV_ERROR, "DATA_TYPE_MISMATCH", path,
			"%s must be a string or an array of strings, not %s",
			elem, iam_json_type_name(v));
		return -1;
	}
	n = json_array_size(v);
	if (n == 0 && empty_code)
		problem(pc, IAM_SEV_SUGGESTION, empty_code, path,
			"%s is an empty array: the statement matches nothing",
			elem);
	list = malloc((n ? n : 1) * sizeof(*list));
	if (!list) {
		pc->nomem = true;
		return -1;
	}
	for (i = 0; i < n; i++) {
		json_t *e = json_array_get(v, i);

		if (!json_is_string(e)) {
			char p[PATH_MAX_LEN];

			path_index(p, path, i);
			problem(pc, IAM_SEV_ERROR, "DATA_TYPE_MISMATCH", p,
				"%s entries must be strings, not %s", elem,
				iam_json_type_name(e));
			free(list);
			return -1;
		}
		list[i] = json_string_value(e);
	}
	*out = list;
	return (long)n;
}

static void check_chars(struct pctx *pc, const char *s, const char *path)
{
	if (has_control_char(s))
		problem(pc, IAM_SEV_ERROR, "INVALID_CHARACTER", path,
			"control character in '%.60s'", s);
}

/* ---- Action ---- */

static int compile_actions(struct pctx *pc, struct iam_statement *st,
			   json_t *v, const char *path, const char *elem)
{
	const char **list;
	long n = string_list(pc, v, path, elem, "EMPTY_ARRAY_ACTION", &list);

	if (n < 0)
		return -1;
	st->actions = iam_arena_calloc(pc->arena, (size_t)n, sizeof(*st->actions));
	if (!st->actions) {
		free(list);
		pc->nomem = true;
		return -1;
	}
	st->nactions = (size_t)n;
	for (long i = 0; i < n; i++) {
		const char *a = list[i], *colon = strchr(a, ':');
		char p[PATH_MAX_LEN];

		if (json_is_array(v))
			path_index(p, path, (size_t)i);
		else
			iam_strlcpy_tail(p, path, sizeof(p));
		check_chars(pc, a, p);
		if (strcmp(a, "*") != 0 && (!colon || colon == a || !colon[1]))
			problem(pc, IAM_SEV_ERROR, "INVALID_ACTION", p,
				"'%s' is not an action: use 'service:Action' or '*'",
				a);
		else if (pc->vars && strstr(a, "${"))
			problem(pc, IAM_SEV_ERROR, "VARIABLE_UNSUPPORTED_IN_ELEMENT",
				p, "policy variables are not allowed in %s", elem);
		st->actions[i].text = xstrdup(pc, a);
		st->actions[i].path = place(pc, p, &st->actions[i].line,
					    &st->actions[i].column);
		st->actions[i].unknown = unknown_value(pc, a);
		if (pc->flags & IAM_PARSE_NO_GLOBS)
			continue;
		st->actions[i].glob = iam_glob_new_in(pc->arena, a, strlen(a),
						      IAM_GLOB_ICASE);
		if (!st->actions[i].glob)
			pc->nomem = true;
	}
	free(list);
	return 0;
}

/* ---- Resource ---- */

/* Offset of the 5th ':' in an ARN, or -1. */
static long fifth_colon(const char *s)
{
	int k = 0;

	for (const char *p = s; *p; p++)
		if (*p == ':' && ++k == 5)
			return p - s;
	return -1;
}

static int compile_resources(struct pctx *pc, struct iam_statement *st,
			     json_t *v, const char *path, const char *elem)
{
	const char **list;
	long n = string_list(pc, v, path, elem, "EMPTY_ARRAY_RESOURCE", &list);

	if (n < 0)
		return -1;
	st->resources = iam_arena_calloc(pc->arena, (size_t)n,
					 sizeof(*st->resources));
	if (!st->resources) {
		free(list);
		pc->nomem = true;
		return -1;
	}
	st->nresources = (size_t)n;
	for (long i = 0; i < n; i++) {
		const char *r = list[i], *var;
		struct iam_pattern *pt = &st->resources[i];
		char p[PATH_MAX_LEN], why[200];

		if (json_is_array(v))
			path_index(p, path, (size_t)i);
		else
			iam_strlcpy_tail(p, path, sizeof(p));
		check_chars(pc, r, p);
		pt->text = xstrdup(pc, r);
		pt->path = place(pc, p, &pt->line, &pt->column);
		pt->unknown = unknown_value(pc, r);
		var = pc->vars ? strstr(r, "${") : NULL;
		if (var) {
			long fc = fifth_colon(r);

			if (fc < 0 || var - r < fc) {
				problem(pc, IAM_SEV_ERROR,
					"VARIABLE_UNSUPPORTED_IN_ELEMENT", p,
					"policy variables in %s are allowed only in the resource part of an ARN (after the fifth ':')",
					elem);
			} else if (iam_tmpl_parse_in(pc->arena, r, &pt->tmpl, why,
						     sizeof(why)) < 0) {
				problem(pc, IAM_SEV_ERROR,
					"MISSING_BRACE_IN_VARIABLE", p, "%s", why);
			}
			if (pt->tmpl)
				continue;
		}
		if (pc->flags & IAM_PARSE_NO_GLOBS)
			continue;
		pt->glob = iam_glob_new_in(pc->arena, r, strlen(r),
					   IAM_GLOB_RESOURCE);
		if (!pt->glob)
			pc->nomem = true;
	}
	free(list);
	return 0;
}

/* ---- Principal ---- */

static bool is_account_id(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (s[n] < '0' || s[n] > '9')
			return false;
	return n == 12;
}

static int principal_kind(const char *key, enum iam_principal_kind *k)
{
	if (strcmp(key, "AWS") == 0)
		*k = IAM_PRINCIPAL_AWS;
	else if (strcmp(key, "Service") == 0)
		*k = IAM_PRINCIPAL_SERVICE;
	else if (strcmp(key, "Federated") == 0)
		*k = IAM_PRINCIPAL_FEDERATED;
	else if (strcmp(key, "CanonicalUser") == 0)
		*k = IAM_PRINCIPAL_CANONICAL_USER;
	else
		return -1;
	return 0;
}

static void check_aws_principal(struct pctx *pc, const char *s,
				const char *path)
{
	if (strcmp(s, "*") == 0 || is_account_id(s))
		return;
	if (strncmp(s, "arn:", 4) != 0) {
		problem(pc, IAM_SEV_ERROR, "INVALID_PRINCIPAL_FORMAT", path,
			"'%s' is not an account ID, an ARN or '*'", s);
		return;
	}
	if (strchr(s, '*') || strchr(s, '?'))
		problem(pc, IAM_SEV_ERROR,
			pc->type == IAM_POLICY_TRUST
				? "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL"
				: "UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
			path,
			"wildcards are not allowed in principal ARN '%s': use '*' with an aws:PrincipalArn condition",
			s);
}

/* Append one principal entry (st->principals has room). */
static void add_principal(struct pctx *pc, struct iam_statement *st,
			  enum iam_principal_kind kind, bool bad_key,
			  const char *value, const char *path)
{
	struct iam_principal_entry *e = &st->principals[st->nprincipals++];

	e->kind = kind;
	e->bad_key = bad_key;
	e->value = xstrdup(pc, value);
	e->path = place(pc, path, &e->line, &e->column);
	e->unknown = unknown_value(pc, value);
}

/* The entries of a Principal element as written (struct
 * iam_principal_entry): a string is one AWS entry; an object gives an
 * entry for each string under each key, a string value or the strings of
 * an array.  Nothing is checked here. */
static int collect_principals(struct pctx *pc, struct iam_statement *st,
			      json_t *v, const char *path)
{
	const char *key;
	json_t *val;
	size_t total = 0;

	if (json_is_string(v)) {
		st->principals = iam_arena_alloc(pc->arena, sizeof(*st->principals));
		if (!st->principals) {
			pc->nomem = true;
			return -1;
		}
		memset(st->principals, 0, sizeof(*st->principals));
		st->principal_listed = true;
		add_principal(pc, st, IAM_PRINCIPAL_AWS, false,
			      json_string_value(v), path);
		return 0;
	}
	if (!json_is_object(v))
		return 0;
	json_object_foreach(v, key, val) {
		total += json_is_array(val) ? json_array_size(val) : 1;
	}
	st->principals = iam_arena_calloc(pc->arena, total,
					  sizeof(*st->principals));
	if (!st->principals) {
		pc->nomem = true;
		return -1;
	}
	st->principal_listed = true;
	json_object_foreach(v, key, val) {
		enum iam_principal_kind kind = IAM_PRINCIPAL_AWS;
		bool bad = principal_kind(key, &kind) < 0;
		size_t n = json_is_array(val) ? json_array_size(val) : 1;
		char kp[PATH_MAX_LEN];

		path_join(kp, path, key);
		for (size_t i = 0; i < n; i++) {
			json_t *e = json_is_array(val) ? json_array_get(val, i) : val;
			char ep[PATH_MAX_LEN];

			if (!json_is_string(e))
				continue;
			if (json_is_array(val))
				path_index(ep, kp, i);
			else
				iam_strlcpy_tail(ep, kp, sizeof(ep));
			add_principal(pc, st, kind, bad, json_string_value(e), ep);
		}
	}
	return 0;
}

/* Check a Principal or NotPrincipal element (its entries were
 * collected). */
static int check_principal(struct pctx *pc, json_t *v, const char *path,
			   const char *elem)
{
	const char *key;
	json_t *val;

	if (json_is_string(v)) {
		if (strcmp(json_string_value(v), "*") != 0) {
			problem(pc, IAM_SEV_ERROR, "INVALID_PRINCIPAL_FORMAT", path,
				"%s must be '*' or an object such as {\"AWS\": ...}",
				elem);
			return -1;
		}
		return 0;
	}
	if (!json_is_object(v)) {
		problem(pc, IAM_SEV_ERROR, "DATA_TYPE_MISMATCH", path,
			"%s must be '*' or an object, not %s", elem,
			iam_json_type_name(v));
		return -1;
	}
	if (json_object_size(v) == 0)
		problem(pc, IAM_SEV_SUGGESTION, "EMPTY_OBJECT_PRINCIPAL", path,
			"%s is an empty object: the statement matches nobody",
			elem);
	json_object_foreach(v, key, val) {
		enum iam_principal_kind kind;
		char kp[PATH_MAX_LEN];
		const char **list;
		long n;

		path_join(kp, path, key);
		if (principal_kind(key, &kind) < 0) {
			problem(pc, IAM_SEV_ERROR, "INVALID_PRINCIPAL_KEY", kp,
				"'%s' is not a principal type: use AWS, Service, Federated or CanonicalUser",
				key);
			continue;
		}
		n = string_list(pc, val, kp, elem, "EMPTY_ARRAY_PRINCIPAL", &list);
		if (n < 0)
			continue;
		for (long i = 0; i < n; i++) {
			char ep[PATH_MAX_LEN];

			if (json_is_array(val))
				path_index(ep, kp, (size_t)i);
			else
				iam_strlcpy_tail(ep, kp, sizeof(ep));
			check_chars(pc, list[i], ep);
			if (pc->vars && strstr(list[i], "${"))
				problem(pc, IAM_SEV_ERROR,
					"VARIABLE_UNSUPPORTED_IN_ELEMENT", ep,
					"policy variables are not allowed in %s", elem);
			else if (kind == IAM_PRINCIPAL_AWS)
				check_aws_principal(pc, list[i], ep);
		}
		free(list);
	}
	return 0;
}

/* ---- Condition ---- */

/* The shortest decimal text that reads back as d, without an exponent
 * (jansson keeps only the double of an unquoted number). */
static void number_text(double d, char *buf, size_t len)
{
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, len, "%.*f", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	/* drop trailing zeros, keep one digit after the point */
	if (strchr(buf, '.')) {
		char *e = buf + strlen(buf) - 1;

		while (*e == '0' && e[-1] != '.')
			*e-- = '\0';
	}
}

static int condition_value_text(struct pctx *pc, json_t *v, const char *path,
				char **out)
{
	char buf[64];

	*out = NULL;
	switch (json_typeof(v)) {
	case JSON_STRING:
		check_chars(pc, json_string_value(v), path);
		*out = xstrdup(pc, json_string_value(v));
		return *out ? 0 : -1;
	case JSON_INTEGER:
		snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
			 json_integer_value(v));
		break;
	case JSON_REAL:
		number_text(json_real_value(v), buf, sizeof(buf));
		break;
	case JSON_TRUE:
		snprintf(buf, sizeof(buf), "true");
		break;
	case JSON_FALSE:
		snprintf(buf, sizeof(buf), "false");
		break;
	default:
		problem(pc, IAM_SEV_ERROR, "DATA_TYPE_MISMATCH", path,
			"condition values must be strings, numbers or booleans, not %s",
			iam_json_type_name(v));
		return -1;
	}
	*out = xstrdup(pc, buf);
	return *out ? 0 : -1;
}

/* The keys one condition operator has accepted so far, by their
 * lower-cased hash: finding a key written again in another case stays
 * linear in the keys (a linear scan made 40,000 keys take half a minute).
 * Slots hold an index into st->conds plus one; 0 is empty. */
struct keyset {
	size_t *slot;
	size_t mask;
};

static size_t key_hash(const char *s)
{
	size_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)tolower((unsigned char)*s)) * 1099511628211u;
	return h;
}

/* An accepted key of st->conds[first..] that is key in another case, or
 * -1.  Without a set (few keys, or no memory for one), by a scan. */
static long key_seen(const struct keyset *ks, const struct iam_statement *st,
		     size_t first, const char *key)
{
	if (!ks->slot) {
		for (size_t k = first; k < st->nconds; k++)
			if (strcasecmp(st->conds[k].key, key) == 0)
				return (long)k;
		return -1;
	}
	for (size_t i = key_hash(key) & ks->mask; ks->slot[i]; i = (i + 1) & ks->mask)
		if (strcasecmp(st->conds[ks->slot[i] - 1].key, key) == 0)
			return (long)(ks->slot[i] - 1);
	return -1;
}

static void key_add(struct keyset *ks, const struct iam_statement *st, size_t k)
{
	size_t i;

	if (!ks->slot)
		return;
	for (i = key_hash(st->conds[k].key) & ks->mask; ks->slot[i]; i = (i + 1) & ks->mask)
		;
	ks->slot[i] = k + 1;
}

/* The Sids of a policy's statements, for the first statement with each:
 * slots hold a statement index plus one. */
static void first_sid_init(struct keyset *ks, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap *= 2;
	ks->slot = n > 8 ? calloc(cap, sizeof(*ks->slot)) : NULL;  /* NULL: scan */
	ks->mask = cap - 1;
}

static size_t sid_hash(const char *s)
{
	size_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The first statement before i with statement i's Sid, or -1 (then i is
 * that first statement, and remembered). */
static long first_sid(struct keyset *ks, const struct iam_policy *pol, size_t i)
{
	const char *sid = pol->stmts[i].sid;
	size_t h;

	if (!ks->slot) {
		for (size_t k = 0; k < i; k++)
			if (pol->stmts[k].sid && strcmp(pol->stmts[k].sid, sid) == 0)
				return (long)k;
		return -1;
	}
	for (h = sid_hash(sid) & ks->mask; ks->slot[h]; h = (h + 1) & ks->mask)
		if (strcmp(pol->stmts[ks->slot[h] - 1].sid, sid) == 0)
			return (long)(ks->slot[h] - 1);
	ks->slot[h] = i + 1;
	return -1;
}

static int compile_condition(struct pctx *pc, struct iam_statement *st,
			     const char *opname, json_t *keys, const char *oppath)
{
	struct iam_cond_opname op;
	const char *why = NULL, *key;
	json_t *val;
	struct keyset ks = { NULL, 0 };
	size_t first;

	if (iam_cond_parse_opname(opname, &op, &why) < 0) {
		bool ifexists_null = strcmp(opname, "NullIfExists") == 0 ||
				     strstr(opname, ":NullIfExists");

		if (why)
			problem(pc, IAM_SEV_ERROR,
				ifexists_null ? "NULL_WITH_IF_EXISTS"
					      : "INVALID_CONDITION_OPERATOR",
				oppath, "'%s': %s", opname, why);
		else
			problem(pc, IAM_SEV_ERROR, "INVALID_CONDITION_OPERATOR",
				oppath, "'%s' is not a condition operator",
				opname);
		return -1;
	}
	if (!json_is_object(keys)) {
		problem(pc, IAM_SEV_ERROR, "DATA_TYPE_MISMATCH", oppath,
			"condition operator '%s' must map to an object of condition keys, not %s",
			opname, iam_json_type_name(keys));
		return -1;
	}
	if (json_object_size(keys) == 0)
		problem(pc, IAM_SEV_SUGGESTION, "EMPTY_OBJECT_CONDITION", oppath,
			"condition operator '%s' has no keys", opname);
	first = st->nconds;
	if (json_object_size(keys) > 8) {
		size_t cap = 16;

		while (cap < 2 * json_object_size(keys))
			cap *= 2;
		ks.slot = calloc(cap, sizeof(*ks.slot));  /* NULL: scan instead */
		ks.mask = cap - 1;
	}
	json_object_foreach(keys, key, val) {
		struct iam_condition *c = &st->conds[st->nconds];
		char kp[PATH_MAX_LEN], whybuf[200];
		size_t n, bad = 0;
		bool ok = true;

		path_join(kp, oppath, key);
		if (!*key) {
			problem(pc, IAM_SEV_ERROR, "INVALID_CONDITION_KEY_FORMAT",
				kp, "empty condition key");
			continue;
		}
		if (strstr(key, "${")) {
			problem(pc, IAM_SEV_ERROR,
				"VARIABLE_UNSUPPORTED_IN_ELEMENT", kp,
				"policy variables are not allowed in condition key names");
			continue;
		}
		/* keys are case-insensitive: two spellings of one key clash.
		 * Only this operator's keys can (JSON keys are unique, and
		 * another operator object has another name). */
		if (key_seen(&ks, st, first, key) >= 0) {
			problem(pc, IAM_SEV_ERROR,
				"DUPLICATE_KEYS_WITH_DIFFERENT_CASE", kp,
				"condition key '%s' appears twice under '%s' (keys are case-insensitive)",
				key, opname);
			continue;
		}
		memset(c, 0, sizeof(*c));
		c->arena = pc->arena;
		c->op = op;
		c->opname = xstrdup(pc, opname);
		c->key = xstrdup(pc, key);
		c->key_lc = iam_strdup_lower(pc->arena, key);
		c->path = place(pc, kp, &c->line, &c->column);
		c->list = json_is_array(val);
		if (!c->key_lc)
			pc->nomem = true;
		n = json_is_array(val) ? json_array_size(val) : 1;
		if (json_is_array(val) && n == 0)
			problem(pc, IAM_SEV_SUGGESTION, "EMPTY_ARRAY_CONDITION", kp,
				"condition key '%s' has no values", key);
		c->values = iam_arena_calloc(pc->arena, n, sizeof(*c->values));
		if (!c->values) {
			pc->nomem = true;
			iam_condition_release(c);
			continue;
		}
		c->nvalues = n;
		for (size_t i = 0; i < n; i++) {
			char vp[PATH_MAX_LEN];
			json_t *e = json_is_array(val) ? json_array_get(val, i) : val;

			if (json_is_array(val))
				path_index(vp, kp, i);
			else
				iam_strlcpy_tail(vp, kp, sizeof(vp));
			if (condition_value_text(pc, e, vp, &c->values[i].text) < 0) {
				ok = false;
				continue;
			}
			c->values[i].quoted = json_is_string(e);
			c->values[i].unknown = unknown_value(pc, c->values[i].text);
		}
		for (size_t i = 0; ok && pc->vars && i < n; i++) {
			char vp[PATH_MAX_LEN];

			if (!strstr(c->values[i].text, "${") ||
			    iam_cond_op_info(op.op)->variables)
				continue;
			if (json_is_array(val))
				path_index(vp, kp, i);
			else
				iam_strlcpy_tail(vp, kp, sizeof(vp));
			problem(pc, IAM_SEV_ERROR, "INVALID_VARIABLE_FOR_OPERATOR",
				vp, "%s does not take policy variables",
				iam_cond_op_name(op.op));
			ok = false;
		}
		if (!ok) {
			iam_condition_release(c);
			continue;
		}
		whybuf[0] = '\0';
		if (iam_condition_compile(c, pc->vars, &bad, whybuf,
					  sizeof(whybuf)) < 0) {
			char vp[PATH_MAX_LEN];

			if (bad == (size_t)-1) {
				pc->nomem = true;
			} else {
				if (json_is_array(val))
					path_index(vp, kp, bad);
				else
					iam_strlcpy_tail(vp, kp, sizeof(vp));
				problem(pc, IAM_SEV_ERROR,
					"INVALID_CONDITION_DATA_TYPE", vp,
					"%s: %s", opname,
					whybuf[0] ? whybuf : "invalid value");
			}
			iam_condition_release(c);
			continue;
		}
		key_add(&ks, st, st->nconds++);
	}
	free(ks.slot);
	return 0;
}

static int compile_conditions(struct pctx *pc, struct iam_statement *st,
			      json_t *v, const char *path)
{
	const char *opname;
	json_t *keys;
	size_t total = 0;

	if (!json_is_object(v)) {
		problem(pc, IAM_SEV_ERROR, "DATA_TYPE_MISMATCH", path,
			"Condition must be an object, not %s",
			iam_json_type_name(v));
		return -1;
	}
	if (json_object_size(v) == 0)
		problem(pc, IAM_SEV_SUGGESTION, "EMPTY_OBJECT_CONDITION", path,
			"Condition is an empty object");
	json_object_foreach(v, opname, keys) {
		if (json_is_object(keys))
			total += json_object_size(keys);
	}
	st->conds = iam_arena_calloc(pc->arena, total, sizeof(*st->conds));
	if (!st->conds) {
		pc->nomem = true;
		return -1;
	}
	json_object_foreach(v, opname, keys) {
		char op[PATH_MAX_LEN];

		path_join(op, path, opname);
		compile_condition(pc, st, opname, keys, op);
	}
	return 0;
}

/* ---- canonical text of a statement ---- */

struct member {
	const char *key;
	json_t *value;
};

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct member *)a)->key,
		      ((const struct member *)b)->key);
}

/* A tag and a length: "s12:" (no printf: this runs for every string of a
 * linted policy). */
static void add_len(struct iam_buf *b, char tag, size_t n)
{
	char d[24];
	size_t i = sizeof(d);

	d[--i] = ':';
	do {
		d[--i] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	d[--i] = tag;
	iam_buf_add(b, d + i, sizeof(d) - i);
}

/* Append v to b so that two values have equal texts exactly when
 * json_equal() says they are equal: keys sorted, strings with their
 * length, integers and reals apart (1 is not 1.0), -0.0 as 0.0.  skip is
 * a key of the top object whose value is left out, its presence kept
 * (NULL: none).  False when out of memory. */
static bool canon(struct iam_buf *b, json_t *v, const char *skip)
{
	char num[48];

	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		size_t n = json_object_size(v), k = 0;
		struct member *m = malloc((n ? n : 1) * sizeof(*m));
		const char *key;
		json_t *e;
		bool ok = m != NULL, skipped = false;

		json_object_foreach(v, key, e) {
			if (skip && strcmp(key, skip) == 0) {
				skipped = true;
			} else if (m) {
				m[k].key = key;
				m[k++].value = e;
			}
		}
		if (m && k > 1)
			qsort(m, k, sizeof(*m), by_key);
		iam_buf_adds(b, skipped ? "~{" : "{");
		for (size_t i = 0; ok && i < k; i++) {
			add_len(b, 'k', strlen(m[i].key));
			iam_buf_adds(b, m[i].key);
			ok = canon(b, m[i].value, NULL);
		}
		iam_buf_addc(b, '}');
		free(m);
		return ok;
	}
	case JSON_ARRAY:
		iam_buf_addc(b, '[');
		for (size_t i = 0; i < json_array_size(v); i++)
			if (!canon(b, json_array_get(v, i), NULL))
				return false;
		iam_buf_addc(b, ']');
		return true;
	case JSON_STRING:
		add_len(b, 's', json_string_length(v));
		iam_buf_add(b, json_string_value(v), json_string_length(v));
		return true;
	case JSON_INTEGER:
		snprintf(num, sizeof(num), "i%" JSON_INTEGER_FORMAT ";",
			 json_integer_value(v));
		break;
	case JSON_REAL:
		snprintf(num, sizeof(num), "r%.17g;",
			 json_real_value(v) == 0 ? 0.0 : json_real_value(v));
		break;
	case JSON_TRUE:
		num[0] = 't';
		num[1] = '\0';
		break;
	case JSON_FALSE:
		num[0] = 'f';
		num[1] = '\0';
		break;
	case JSON_NULL:
	default:
		num[0] = 'n';
		num[1] = '\0';
		break;
	}
	iam_buf_adds(b, num);
	return true;
}

static char *canonical_statement(struct pctx *pc, json_t *obj)
{
	struct iam_buf b = IAM_BUF_INIT;
	char *text, *r;

	iam_buf_adds(&b, "");
	if (!canon(&b, obj, "Sid"))
		b.fail = true;
	text = iam_buf_take(&b);
	if (!text) {
		pc->nomem = true;
		return NULL;
	}
	r = xstrdup(pc, text);
	free(text);
	return r;
}

/* ---- Statement ---- */

static const char *const stmt_elements[] = {
	"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction",
	"Resource", "NotResource", "Condition", NULL
};

static const char *known_element(const char *key, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strcasecmp(list[i], key) == 0)
			return list[i];
	return NULL;
}

/* A known element within two edits of key, for "did you mean". */
static const char *near_element(const char *key, const char *const *list)
{
	for (size_t i = 0; list[i]; i++) {
		size_t n = strlen(key), m = strlen(list[i]);
		size_t prev[32], cur[32];

		if (n >= 31 || m >= 31 || (n > m ? n - m : m - n) > 2)
			continue;
		for (size_t j = 0; j <= m; j++)
			prev[j] = j;
		for (size_t a = 1; a <= n; a++) {
			cur[0] = a;
			for (size_t j = 1; j <= m; j++) {
				size_t sub = prev[j - 1] +
					     ((key[a - 1] | 32) != (list[i][j - 1] | 32));
				size_t del = prev[j] + 1, ins = cur[j - 1] + 1;

				cur[j] = sub < del ? (sub < ins ? sub : ins)
						   : (del < ins ? del : ins);
			}
			memcpy(prev, cur, (m + 1) * sizeof(*prev));
		}
		if (prev[m] <= 2)
			return list[i];
	}
	return NULL;
}

static void unknown_element(struct pctx *pc, const char *key, const char *path,
			    const char *const *list, const char *what)
{
	const char *known = known_element(key, list), *near;

	if (known)
		problem(pc, IAM_SEV_ERROR, "INVALID_POLICY_ELEMENT", path,
			"'%s' is not a %s element: element names are case-sensitive, write '%s'",
			key, what, known);
	else if ((near = near_element(key, list)))
		problem(pc, IAM_SEV_ERROR, "INVALID_POLICY_ELEMENT", path,
			"'%s' is not a %s element: did you mean '%s'?", key,
			what, near);
	else
		problem(pc, IAM_SEV_ERROR, "INVALID_POLICY_ELEMENT", path,
			"'%s' is not a %s element", key, what);
}

static bool sid_chars_ok(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9')))
			return false;
	return true;
}

static void compile_statement(struct pctx *pc, struct iam_policy *pol,
			      struct iam_statement *st, json_t *obj,
			      const char *path)
{
	const char *key;
	json_t *val, *action, *notaction, *res, *notres, *prin, *notprin;
	char p[PATH_MAX_LEN];
	bool trust = pc->type == IAM_POLICY_TRUST;

	st->path = place(pc, path, &st->line, &st->column);
	if (!json_is_object(obj)) {
		problem(pc, IAM_SEV_ERROR, "DATA_TYPE_MISMATCH", path,
			"a statement must be an object, not %s",
			iam_json_type_name(obj));
		return;
	}
	st->object = true;
	if ((pc->flags & IAM_PARSE_CANONICAL) && pc->nstmts > 1)
		st->canonical = canonical_statement(pc, obj);
	val = json_object_get(obj, "Sid");
	if (val) {
		path_join(p, path, "Sid");
		if (!json_is_string(val)) {
			problem(pc, IAM_SEV_ERROR, "DATA_TYPE_MISMATCH", p,
				"Sid must be a string, not %s",
				iam_json_type_name(val));
		} else {
			const char *sid = json_string_value(val);

			st->sid = xstrdup(pc, sid);
			pc->sid = st->sid;
			if (!*sid)
				problem(pc, IAM_SEV_SUGGESTION, "EMPTY_SID_VALUE", p,
					"Sid is empty");
			else if ((is_iam_type(pc->type) || trust ||
				  pc->type == IAM_POLICY_SCP ||
				  pc->type == IAM_POLICY_RCP) &&
				 !sid_chars_ok(sid))
				problem(pc, IAM_SEV_ERROR, "UNSUPPORTED_SID", p,
					"Sid '%s' may hold only letters and digits",
					sid);
		}
	}
	json_object_foreach(obj, key, val) {
		const char *known = known_element(key, stmt_elements);

		if (known && strcmp(known, key) == 0)
			continue;
		path_join(p, path, key);
		unknown_element(pc, key, p, stmt_elements, "statement");
	}

	/* Effect */
	val = json_object_get(obj, "Effect");
	path_join(p, path, "Effect");
	if (!val) {
		problem(pc, IAM_SEV_ERROR, "MISSING_EFFECT", path,
			"statement has no Effect");
	} else if (!json_is_string(val)) {
		problem(pc, IAM_SEV_ERROR, "DATA_TYPE_MISMATCH", p,
			"Effect must be a string, not %s",
			iam_json_type_name(val));
	} else if (strcmp(json_string_value(val), "Allow") == 0) {
		st->effect = IAM_EFFECT_ALLOW;
		st->effect_valid = true;
	} else if (strcmp(json_string_value(val), "Deny") == 0) {
		st->effect = IAM_EFFECT_DENY;
		st->effect_valid = true;
	} else {
		const char *e = json_string_value(val);

		problem(pc, IAM_SEV_ERROR, "INVALID_EFFECT", p,
			strcasecmp(e, "allow") == 0 || strcasecmp(e, "deny") == 0
				? "Effect '%s' must be written 'Allow' or 'Deny' (case-sensitive)"
				: "Effect '%s' must be 'Allow' or 'Deny'",
			e);
	}

	/* Principal / NotPrincipal */
	prin = json_object_get(obj, "Principal");
	notprin = json_object_get(obj, "NotPrincipal");
	if (prin && notprin) {
		problem(pc, IAM_SEV_ERROR, "UNSUPPORTED_ELEMENT_COMBINATION", path,
			"a statement may have Principal or NotPrincipal, not both");
		path_join(p, path, "Principal");
		collect_principals(pc, st, prin, p);  /* for inspection */
	} else if (prin || notprin) {
		const char *elem = prin ? "Principal" : "NotPrincipal";

		path_join(p, path, elem);
		st->has_principal = true;
		st->not_principal = !prin;
		if (is_iam_type(pc->type))
			problem(pc, IAM_SEV_ERROR, "INVALID_POLICY_ELEMENT", p,
				"%s is not allowed in %s policy", elem,
				pc->type == IAM_POLICY_IDENTITY ? "an identity"
				: pc->type == IAM_POLICY_BOUNDARY ? "a permissions-boundary"
								  : "a session");
		else if (pc->type == IAM_POLICY_SCP)
			problem(pc, IAM_SEV_ERROR, "SCP_SYNTAX_ERROR_PRINCIPAL", p,
				"%s is not supported in a service control policy",
				elem);
		else if (trust && notprin)
			problem(pc, IAM_SEV_ERROR,
				"ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", p,
				"NotPrincipal is not allowed in a role trust policy");
		else if (pc->type == IAM_POLICY_RCP &&
			 !(prin && json_is_string(prin) &&
			   strcmp(json_string_value(prin), "*") == 0))
			problem(pc, IAM_SEV_ERROR, "INVALID_PRINCIPAL_FORMAT", p,
				"a resource control policy's Principal must be '*'");
		collect_principals(pc, st, prin ? prin : notprin, p);
		check_principal(pc, prin ? prin : notprin, p, elem);
	} else if (pc->type == IAM_POLICY_RESOURCE || trust ||
		   pc->type == IAM_POLICY_RCP) {
		problem(pc, IAM_SEV_ERROR, "MISSING_PRINCIPAL", path,
			"statement has no Principal: %s policies need one",
			iam_policy_type_name(pc->type));
	}

	/* Action / NotAction */
	action = json_object_get(obj, "Action");
	notaction = json_object_get(obj, "NotAction");
	if (action && notaction) {
		problem(pc, IAM_SEV_ERROR, "UNSUPPORTED_ELEMENT_COMBINATION", path,
			"a statement may have Action or NotAction, not both");
	} else if (!action && !notaction) {
		problem(pc, IAM_SEV_ERROR, "MISSING_ACTION", path,
			"statement has no Action or NotAction");
	} else {
		const char *elem = action ? "Action" : "NotAction";

		path_join(p, path, elem);
		st->not_action = !action;
		compile_actions(pc, st, action ? action : notaction, p, elem);
	}

	/* Resource / NotResource */
	res = json_object_get(obj, "Resource");
	notres = json_object_get(obj, "NotResource");
	if (res && notres) {
		problem(pc, IAM_SEV_ERROR, "UNSUPPORTED_ELEMENT_COMBINATION", path,
			"a statement may have Resource or NotResource, not both");
	} else if (res || notres) {
		const char *elem = res ? "Resource" : "NotResource";

		path_join(p, path, elem);
		if (trust)
			problem(pc, IAM_SEV_ERROR,
				"ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", p,
				"%s is not allowed in a role trust policy", elem);
		st->has_resource = true;
		st->not_resource = !res;
		compile_resources(pc, st, res ? res : notres, p, elem);
	} else if (!trust && pc->type != IAM_POLICY_SCP) {
		problem(pc, IAM_SEV_ERROR, "MISSING_RESOURCE", path,
			"statement has no Resource or NotResource");
	}

	/* Condition */
	val = json_object_get(obj, "Condition");
	if (val) {
		st->has_condition = true;
		path_join(p, path, "Condition");
		compile_conditions(pc, st, val, p);
	}
	(void)pol;
}

/* Trust policy when every statement names a principal, none names a
 * resource, and every action is an STS one. */
static enum iam_policy_type guess_type(json_t *stmts)
{
	bool principal = false, resource = false, sts_only = true;
	size_t n = json_is_array(stmts) ? json_array_size(stmts) : 1;

	for (size_t i = 0; i < n; i++) {
		json_t *s = json_is_array(stmts) ? json_array_get(stmts, i) : stmts;
		json_t *a;

		if (!json_is_object(s))
			continue;
		if (json_object_get(s, "Principal") || json_object_get(s, "NotPrincipal"))
			principal = true;
		if (json_object_get(s, "Resource") || json_object_get(s, "NotResource"))
			resource = true;
		a = json_object_get(s, "Action");
		if (json_is_string(a)) {
			if (strncasecmp(json_string_value(a), "sts:", 4) != 0)
				sts_only = false;
		} else if (json_is_array(a)) {
			for (size_t k = 0; k < json_array_size(a); k++) {
				json_t *e = json_array_get(a, k);

				if (!json_is_string(e) ||
				    strncasecmp(json_string_value(e), "sts:", 4) != 0)
					sts_only = false;
			}
		} else {
			sts_only = false;
		}
	}
	if (!principal)
		return IAM_POLICY_IDENTITY;
	return !resource && sts_only ? IAM_POLICY_TRUST : IAM_POLICY_RESOURCE;
}

enum iam_policy_type iam_policy_guess_type(json_t *root)
{
	return guess_type(json_is_object(root) ? json_object_get(root, "Statement")
					       : NULL);
}

int iam_policy_set_name(struct iam_policy *p, const char *name)
{
	char *n = iam_arena_strdup(p->arena, name);

	if (!n)
		return -1;
	p->name = n;
	return 0;
}

int iam_policy_set_origin(struct iam_policy *p, const char *label,
			  const char *arn)
{
	char *l = label ? iam_arena_strdup(p->arena, label) : NULL;
	char *a = arn ? iam_arena_strdup(p->arena, arn) : NULL;

	if ((label && !l) || (arn && !a))
		return -1;
	p->label = l;
	p->arn = a;
	return 0;
}

/* Size quotas (iam-semantics.md section 1).  IAM does not count white
 * space, Organizations counts every character.  A policy that no
 * attachment of its type can hold is an error (AWS would refuse it); one
 * that only some attachments can hold is a warning.  AWS managed policies
 * are exempt from the customer quotas (ReadOnlyAccess is far larger), so
 * identity and boundary policies are never refused for their size:
 *  - identity: 6,144 (customer managed), 10,240 (a role's inline total);
 *  - boundary: 6,144 (customer managed);
 *  - session: 2,048;
 *  - trust: 2,048 by default, adjustable up to 8,192 at most;
 *  - SCP/RCP: 5,120, white space included. */
static void check_size(struct pctx *pc, struct iam_policy *pol,
		       struct iam_json_doc *doc, const char *base,
		       bool node_is_root)
{
	size_t start, len, chars = 0, warn = 0, limit = 0;
	bool in_str = false;
	bool org = pc->type == IAM_POLICY_SCP || pc->type == IAM_POLICY_RCP;
	const char *code = "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA";

	switch (pc->type) {
	case IAM_POLICY_IDENTITY:
	case IAM_POLICY_BOUNDARY:
		warn = 6144;
		limit = SIZE_MAX;
		break;
	case IAM_POLICY_SESSION:
		limit = 2048;
		break;
	case IAM_POLICY_TRUST:
		warn = 2048;
		limit = 8192;
		code = "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA";
		break;
	case IAM_POLICY_SCP:
	case IAM_POLICY_RCP:
		limit = 5120;
		code = "POLICY_SIZE_EXCEEDS_SCP_QUOTA";
		break;
	default:
		return;  /* resource policies: per service */
	}
	/* for evaluation, the whole text bounds the policy's size: most are
	 * far below the quota, and measuring a sub-document needs the
	 * position index (lint wants size_chars, so it always measures) */
	if (!doc || ((pc->flags & IAM_PARSE_ERRORS_ONLY) && doc->len <= limit))
		return;
	if (!*base && node_is_root) {
		/* the whole text but the white space around it: no need to
		 * index the document for this */
		start = strspn(doc->text, " \t\r\n");
		len = doc->len - start;
		while (len && strchr(" \t\r\n", doc->text[start + len - 1]))
			len--;
	} else if (iam_json_span(doc, base, &start, &len) < 0) {
		return;
	}
	for (size_t i = start; i < start + len; i++) {
		unsigned char c = (unsigned char)doc->text[i];

		if ((c & 0xC0) == 0x80)
			continue;  /* count characters, not bytes */
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = false;
		} else if (c == '"') {
			in_str = true;
		} else if ((c == ' ' || c == '\t' || c == '\n' || c == '\r') && !org) {
			continue;
		}
		chars++;
	}
	pol->size_chars = chars;
	if (chars > limit)
		problem(pc, IAM_SEV_ERROR, code, base,
			"the %s policy has %zu characters%s; AWS accepts at most %zu",
			iam_policy_type_name(pc->type), chars,
			org ? "" : " without white space", limit);
	else if (warn && chars > warn && pc->diags)
		problem(pc, IAM_SEV_WARNING, code, base,
			"the %s policy has %zu characters without white space; over %zu it fits only %s",
			iam_policy_type_name(pc->type), chars, warn,
			pc->type == IAM_POLICY_TRUST ? "an account whose trust-policy quota was raised"
			: chars > 10240 ? "an AWS managed policy (customer policies: 6,144 managed, 10,240 inline per role)"
					: "a role's inline policies (10,240) or an AWS managed policy, not a customer managed policy (6,144)");
}

static const char *const top_elements[] = { "Version", "Id", "Statement", NULL };

struct iam_policy *iam_policy_parse(struct iam_json_doc *doc, json_t *node,
				    const char *base,
				    enum iam_policy_type type, unsigned flags,
				    struct iam_diags *diags,
				    struct iam_error *err)
{
	struct pctx pc = { 0 };
	struct iam_policy *pol = NULL;
	json_t *v, *stmts;
	const char *key;
	char p[PATH_MAX_LEN];
	struct keyset sids = { NULL, 0 };

	if (!node)
		node = doc->root;
	if (!base)
		base = "";
	pc.doc = doc;
	pc.source = doc && doc->source ? doc->source : "<policy>";
	pc.flags = flags;
	pc.diags = diags;
	pc.err = err;
	pc.stmt = -1;
	pc.arena = iam_arena_new();
	pol = pc.arena ? iam_arena_alloc(pc.arena, sizeof(*pol)) : NULL;
	if (!pol) {
		iam_arena_free(pc.arena);
		goto nomem;
	}
	pol->arena = pc.arena;
	/* the statements next to the policy, the names (which no decision
	 * reads) at the end */
	if (!json_is_object(node)) {
		problem(&pc, IAM_SEV_ERROR, "DATA_TYPE_MISMATCH", base,
			"a policy must be a JSON object, not %s",
			iam_json_type_name(node));
		goto invalid;
	}
	stmts = json_object_get(node, "Statement");
	pc.type = type == IAM_POLICY_AUTO ? guess_type(stmts) : type;
	if (type == IAM_POLICY_AUTO && (flags & IAM_PARSE_RESOURCE_SIDE) &&
	    pc.type == IAM_POLICY_IDENTITY)
		pc.type = IAM_POLICY_RESOURCE;
	pol->type = pc.type;

	json_object_foreach(node, key, v) {
		const char *known = known_element(key, top_elements);

		if (known && strcmp(known, key) == 0)
			continue;
		path_join(p, base, key);
		unknown_element(&pc, key, p, top_elements, "policy");
	}

	/* Version */
	v = json_object_get(node, "Version");
	path_join(p, base, "Version");
	if (!v) {
		pol->version = IAM_VERSION_NONE;
		problem(&pc, IAM_SEV_WARNING, "MISSING_VERSION", base,
			"no Version: 2008-10-17 applies and policy variables are plain text; add \"Version\": \"2012-10-17\"");
	} else if (!json_is_string(v)) {
		problem(&pc, IAM_SEV_ERROR, "DATA_TYPE_MISMATCH", p,
			"Version must be a string, not %s", iam_json_type_name(v));
	} else if (strcmp(json_string_value(v), "2012-10-17") == 0) {
		pol->version = IAM_VERSION_2012;
	} else if (strcmp(json_string_value(v), "2008-10-17") == 0) {
		pol->version = IAM_VERSION_2008;
	} else {
		problem(&pc, IAM_SEV_ERROR, "INVALID_VERSION", p,
			"Version '%s' is not valid: use '2012-10-17'",
			json_string_value(v));
	}
	if (pc.type == IAM_POLICY_RCP && pol->version != IAM_VERSION_2012 &&
	    (!v || json_is_string(v)))
		problem(&pc, IAM_SEV_ERROR, "INVALID_VERSION", v ? p : base,
			"a resource control policy must have Version '2012-10-17'");
	pc.vars = pol->version == IAM_VERSION_2012;

	/* Id */
	v = json_object_get(node, "Id");
	if (v) {
		path_join(p, base, "Id");
		if (!json_is_string(v))
			problem(&pc, IAM_SEV_ERROR, "DATA_TYPE_MISMATCH", p,
				"Id must be a string, not %s",
				iam_json_type_name(v));
		else if (is_iam_type(pc.type))
			problem(&pc, IAM_SEV_ERROR, "INVALID_POLICY_ELEMENT", p,
				"Id is not allowed in %s policy",
				pc.type == IAM_POLICY_IDENTITY ? "an identity"
				: pc.type == IAM_POLICY_BOUNDARY ? "a permissions-boundary"
								 : "a session");
		else
			pol->id = xstrdup(&pc, json_string_value(v));
	}

	check_size(&pc, pol, doc, base, doc && node == doc->root);

	/* Statement */
	path_join(p, base, "Statement");
	if (!stmts) {
		problem(&pc, IAM_SEV_ERROR, "MISSING_STATEMENT", base,
			"policy has no Statement");
	} else if (json_is_object(stmts) || json_is_array(stmts)) {
		size_t n = json_is_array(stmts) ? json_array_size(stmts) : 1;

		if (json_is_array(stmts) && n == 0)
			problem(&pc, IAM_SEV_ERROR, "MISSING_STATEMENT", p,
				"Statement is an empty array");
		pol->stmts = iam_arena_calloc(pc.arena, n, sizeof(*pol->stmts));
		if (!pol->stmts)
			goto nomem;
		pc.nstmts = n;
		for (size_t i = 0; i < n; i++) {
			char sp[PATH_MAX_LEN];
			json_t *s = json_is_array(stmts) ? json_array_get(stmts, i)
							 : stmts;
			struct iam_statement *st = &pol->stmts[i];

			if (json_is_array(stmts))
				path_index(sp, p, i);
			else
				iam_strlcpy_tail(sp, p, sizeof(sp));
			st->index = i;
			pc.stmt = (long)i;
			pc.sid = NULL;
			pol->nstmts = i + 1;
			compile_statement(&pc, pol, st, s, sp);
		}
		pc.stmt = -1;
		pc.sid = NULL;
		/* Sids must be unique within IAM policies: each Sid against the
		 * first statement with it, found by a hash of the Sids seen */
		first_sid_init(&sids, pol->nstmts);
		for (size_t i = 0; i < pol->nstmts; i++) {
			long found;
			size_t k;

			if (!pol->stmts[i].sid || !*pol->stmts[i].sid)
				continue;
			if ((found = first_sid(&sids, pol, i)) < 0)
				continue;
			k = (size_t)found;
			{
				iam_strlcpy_tail(p, base, sizeof(p));
				iam_jptr_push(p, sizeof(p), "Statement");
				if (json_is_array(stmts))
					iam_jptr_push_index(p, sizeof(p), i);
				iam_jptr_push(p, sizeof(p), "Sid");
				pc.sid = pol->stmts[i].sid;
				pc.stmt = (long)i;
				if (pc.type == IAM_POLICY_RESOURCE)
					problem(&pc, IAM_SEV_WARNING,
						"UNIQUE_SIDS_RECOMMENDED", p,
						"Sid '%s' is used by statements %zu and %zu",
						pol->stmts[i].sid, k + 1, i + 1);
				else
					problem(&pc, IAM_SEV_ERROR,
						"UNIQUE_SIDS_REQUIRED", p,
						"Sid '%s' is used by statements %zu and %zu",
						pol->stmts[i].sid, k + 1, i + 1);
			}
		}
		free(sids.slot);
	} else {
		problem(&pc, IAM_SEV_ERROR, "DATA_TYPE_MISMATCH", p,
			"Statement must be an object or an array of objects, not %s",
			iam_json_type_name(stmts));
	}
	pol->source = xstrdup(&pc, pc.source);
	pol->name = xstrdup(&pc, pc.source);
	pol->base = xstrdup(&pc, base);
	if (pc.nomem)
		goto nomem;
	if (pc.nerrors && !(flags & IAM_PARSE_PARTIAL))
		goto invalid;
	return pol;
nomem:
	iam_error_clear(err);
	iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	iam_policy_free(pol);
	return NULL;
invalid:
	iam_policy_free(pol);
	return NULL;
}

struct iam_policy *iam_policy_load(const char *file, enum iam_policy_type type,
				   unsigned flags, struct iam_diags *diags,
				   struct iam_error *err)
{
	struct iam_json_doc doc;
	struct iam_unwrapped u;
	struct iam_policy *pol = NULL;

	if (iam_json_load_file(&doc, file, err) < 0) {
		iam_json_doc_release(&doc);
		return NULL;
	}
	if (iam_unwrap(&doc, NULL, "", &u, err) < 0) {
		if (err && err->code == IAM_ERR_SCHEMA &&
		    iam_diags_add(diags, IAM_SEV_ERROR, "WRAPPED_POLICY_INVALID",
				  err->source, err->path, err->line,
				  err->column, NULL, -1, "%s", err->text) < 0) {
			iam_error_clear(err);
			iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		}
	} else {
		if (type == IAM_POLICY_AUTO)
			type = u.type;
		pol = iam_policy_parse(u.doc, u.node, u.base, type, flags, diags,
				       err);
		if (pol && u.wrapper[0] &&
		    !(pol->wrapper = iam_arena_strdup(pol->arena, u.wrapper))) {
			iam_policy_free(pol);
			pol = NULL;
			iam_error_clear(err);
			iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		}
	}
	iam_unwrapped_release(&u);
	iam_json_doc_release(&doc);
	return pol;
}

void iam_policy_free(struct iam_policy *p)
{
	if (p)
		iam_arena_free(p->arena);  /* p is in it */
}

static const char *const type_names[] = {
	[IAM_POLICY_AUTO] = "auto",
	[IAM_POLICY_IDENTITY] = "identity",
	[IAM_POLICY_BOUNDARY] = "boundary",
	[IAM_POLICY_SESSION] = "session",
	[IAM_POLICY_RESOURCE] = "resource",
	[IAM_POLICY_TRUST] = "trust",
	[IAM_POLICY_SCP] = "scp",
	[IAM_POLICY_RCP] = "rcp",
};

const char *iam_policy_type_name(enum iam_policy_type t)
{
	return (size_t)t < sizeof(type_names) / sizeof(type_names[0])
		       ? type_names[t]
		       : "unknown";
}

int iam_policy_type_parse(const char *name, enum iam_policy_type *t)
{
	for (size_t i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++) {
		if (strcmp(name, type_names[i]) == 0) {
			*t = (enum iam_policy_type)i;
			return 0;
		}
	}
	return -1;
}

const char *iam_statement_label(const struct iam_statement *s, char *buf,
				size_t buflen)
{
	if (s->sid && *s->sid)
		snprintf(buf, buflen, "%s", s->sid);
	else
		snprintf(buf, buflen, "#%zu", s->index + 1);
	return buf;
}

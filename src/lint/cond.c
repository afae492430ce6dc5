/* lint/cond.c - lint: condition keys, operators and values.
 *
 * Each condition key is looked up in the catalog (global keys, the keys
 * of its service, key templates such as aws:ResourceTag/${TagKey}); keys
 * of identity providers (accounts.google.com:aud, saml:aud, ...) are
 * taken as they are.  A key's type decides which operators fit it and
 * whether it needs ForAllValues/ForAnyValue; the values are checked for
 * what Access Analyzer checks: wildcards where the operator takes none,
 * private addresses in aws:SourceIp, VPC and Region formats, service
 * principal names, redundant numbers.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/cond.h"
#include "core/error.h"
#include "core/json.h"
#include "lint/lint.h"
#include "lint/lint_impl.h"

/* Case-insensitive match of a condition key against a catalog key
 * template ("aws:RequestTag/${TagKey}": each placeholder is one or more
 * characters). */
static bool key_tmpl_match(const char *t, const char *s)
{
	/* placeholders are "${...}" or "<...>", each one or more characters */
	if (!*t)
		return !*s;
	if ((t[0] == '$' && t[1] == '{') || t[0] == '<') {
		const char *e = strchr(t, t[0] == '<' ? '>' : '}');

		if (e) {
			for (const char *q = s + 1; q <= s + strlen(s); q++)
				if (*s && key_tmpl_match(e + 1, q))
					return true;
			return false;
		}
	}
	if (!*s || ((*t | 32) != (*s | 32) && *t != *s))
		return false;
	return key_tmpl_match(t + 1, s + 1);
}

static const char *type_word(enum iam_key_type t)
{
	switch (t) {
	case IAM_KEY_STRING:
		return "String";
	case IAM_KEY_ARN:
		return "ARN";
	case IAM_KEY_BOOL:
		return "Boolean";
	case IAM_KEY_NUMERIC:
		return "Numeric";
	case IAM_KEY_DATE:
		return "Date";
	case IAM_KEY_IPADDRESS:
		return "IPAddress";
	case IAM_KEY_BINARY:
		return "Binary";
	}
	return "String";
}

struct keyinfo {
	bool known;
	enum iam_key_type type;
	bool multi;
	const char *name;        /* as the catalog spells it */
};

/* Look a condition key up; report what is wrong with the key itself.
 * Returns false when the key is not usable for type checks. */
static bool lookup_key(struct lint_ctx *lc, const struct iam_condition *c,
		       struct keyinfo *ki)
{
	const char *k = c->key, *colon = strchr(k, ':');
	struct iam_cat_service s;
	struct iam_cat_key ck;
	char svc[128];
	size_t n;

	memset(ki, 0, sizeof(*ki));
	if (!colon || colon == k || !colon[1]) {
		lint_add(lc, "INVALID_CONDITION_KEY_FORMAT", c->path,
			 "'%s' is not a condition key: use the format service:keyname",
			 k);
		return false;
	}
	n = (size_t)(colon - k);
	if (n >= sizeof(svc))
		return false;
	memcpy(svc, k, n);
	svc[n] = '\0';
	if (strcasecmp(svc, "aws") == 0) {
		if (iam_catalog_find_key(lc->cat, k, &ck)) {
			ki->known = true;
			ki->type = ck.type;
			ki->multi = ck.multivalued;
			ki->name = ck.name;
			return true;
		}
		if (strcasecmp(k, "aws:ARN") == 0)
			lint_add(lc, "UNSUPPORTED_GLOBAL_CONDITION_KEY", c->path,
				 "aws:ARN is not a condition key: use aws:PrincipalArn or aws:SourceArn");
		else if (strcasecmp(k, "aws:ResourceTag") == 0 ||
			 strcasecmp(k, "aws:RequestTag") == 0 ||
			 strcasecmp(k, "aws:PrincipalTag") == 0 ||
			 strcasecmp(k, "aws:ResourceTag/") == 0 ||
			 strcasecmp(k, "aws:RequestTag/") == 0 ||
			 strcasecmp(k, "aws:PrincipalTag/") == 0)
			lint_add(lc, "MISSING_TAG_KEY_IN_CONDITION", c->path,
				 "'%s' needs a tag key: write %s%stag-key", k, k,
				 k[strlen(k) - 1] == '/' ? "" : "/");
		else
			lint_add(lc, "INVALID_GLOBAL_CONDITION_KEY", c->path,
				 "'%s' is not a global condition key", k);
		return false;
	}
	/* keys of identity providers: accounts.google.com:aud, saml:sub */
	if (strchr(svc, '.') || strcasecmp(svc, "saml") == 0)
		return false;
	if (!iam_catalog_find_service(lc->cat, svc, &s)) {
		/* keys whose prefix is not their service's (the AWS
		 * Marketplace Catalog's catalog:ChangeType) */
		if (iam_catalog_find_key(lc->cat, k, &ck)) {
			ki->known = true;
			ki->type = ck.type;
			ki->multi = ck.multivalued;
			ki->name = ck.name;
			return true;
		}
		lint_add(lc, "INVALID_SERVICE", c->path,
			 "the service '%s' of condition key '%s' does not exist",
			 svc, k);
		return false;
	}
	for (size_t i = 0; i < s.nkeys; i++) {
		if (!iam_catalog_service_key(&s, i, &ck))
			continue;
		if (strcasecmp(ck.name, k) == 0 ||
		    (ck.is_template && key_tmpl_match(ck.name, k))) {
			ki->known = true;
			ki->type = ck.type;
			ki->multi = ck.multivalued;
			ki->name = ck.name;
			return true;
		}
	}
	if (iam_catalog_find_key(lc->cat, k, &ck) && ck.global) {
		ki->known = true;
		ki->type = ck.type;
		ki->multi = ck.multivalued;
		ki->name = ck.name;
		return true;
	}
	n = strlen(k);
	if ((n > 12 && strcasecmp(k + n - 12, ":ResourceTag") == 0) ||
	    (n > 11 && strcasecmp(k + n - 11, ":RequestTag") == 0) ||
	    (n > 1 && k[n - 1] == '/' && strstr(k, "Tag/")))
		lint_add(lc, "MISSING_TAG_KEY_IN_CONDITION", c->path,
			 "'%s' needs a tag key: write %s/tag-key", k, k);
	else
		lint_add(lc, "INVALID_SERVICE_CONDITION_KEY", c->path,
			 "the condition key '%s' does not exist in service '%s'",
			 k, s.prefix);
	return false;
}

static bool fits(enum iam_cond_family f, const struct keyinfo *ki,
		 const char *key)
{
	switch (f) {
	case IAM_COND_STRING:
		return ki->type == IAM_KEY_STRING || ki->type == IAM_KEY_ARN;
	case IAM_COND_NUMERIC:
		return ki->type == IAM_KEY_NUMERIC ||
		       (ki->type == IAM_KEY_DATE && strcasecmp(key, "aws:EpochTime") == 0);
	case IAM_COND_DATE:
		return ki->type == IAM_KEY_DATE;
	case IAM_COND_BOOL:
		return ki->type == IAM_KEY_BOOL;
	case IAM_COND_BINARY:
		return ki->type == IAM_KEY_BINARY;
	case IAM_COND_IP:
		return ki->type == IAM_KEY_IPADDRESS;
	case IAM_COND_ARN:
		return ki->type == IAM_KEY_ARN || ki->type == IAM_KEY_STRING;
	case IAM_COND_NULL:
		return true;
	}
	return true;
}

/* '*' or '?' outside policy variables. */
static bool wild_outside_vars(const char *s)
{
	for (const char *q = s; *q; q++) {
		if (q[0] == '$' && q[1] == '{') {
			const char *e = strchr(q, '}');

			if (e) {
				q = e;
				continue;
			}
		}
		if (*q == '*' || *q == '?')
			return true;
	}
	return false;
}

static bool plain(const char *s)
{
	return !strpbrk(s, "*?") && !strstr(s, "${");
}

static bool id_format(const char *s, const char *prefix)
{
	size_t p = strlen(prefix), n = strlen(s);

	if (strncmp(s, prefix, p) != 0 || (n - p != 8 && n - p != 17))
		return false;
	for (size_t i = p; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

static bool service_principal_format(const char *s)
{
	static const char *const suffix[] = { ".amazonaws.com", ".amazon.com",
					      ".amazonaws.com.cn", NULL };
	size_t n = strlen(s);

	for (size_t i = 0; suffix[i]; i++) {
		size_t m = strlen(suffix[i]);

		if (n <= m || strcmp(s + n - m, suffix[i]) != 0)
			continue;
		for (size_t k = 0; k < n - m; k++)
			if (!((s[k] >= 'a' && s[k] <= 'z') ||
			      (s[k] >= '0' && s[k] <= '9') || s[k] == '-'))
				return false;
		return true;
	}
	return false;
}

/* Is the CIDR inside a private range (RFC 1918, RFC 4193)? */
static bool private_cidr(const struct iam_cond_value *v)
{
	const uint8_t *a = v->u.cidr.addr;
	uint8_t pf = v->u.cidr.prefix;

	if (v->u.cidr.family == 4)
		return (a[0] == 10 && pf >= 8) ||
		       (a[0] == 172 && (a[1] & 0xF0) == 16 && pf >= 12) ||
		       (a[0] == 192 && a[1] == 168 && pf >= 16);
	return (a[0] & 0xFE) == 0xFC && pf >= 7;
}

static bool host_bits(const struct iam_cond_value *v, char *fixed, size_t len)
{
	uint8_t a[16];
	int bytes = v->u.cidr.family == 4 ? 4 : 16;
	bool set = false;

	memcpy(a, v->u.cidr.addr, sizeof(a));
	for (int i = 0; i < bytes; i++) {
		int keep = (int)v->u.cidr.prefix - 8 * i;
		uint8_t mask = keep >= 8 ? 0xFF : keep <= 0 ? 0 : (uint8_t)(0xFF << (8 - keep));

		if (a[i] & (uint8_t)~mask) {
			set = true;
			a[i] &= mask;
		}
	}
	if (!set)
		return false;
	if (bytes == 4) {
		snprintf(fixed, len, "%u.%u.%u.%u/%u", a[0], a[1], a[2], a[3],
			 v->u.cidr.prefix);
	} else {
		size_t o = 0;

		for (int i = 0; i < 16 && o < len; i += 2)
			o += (size_t)snprintf(fixed + o, len - o, "%s%x",
					      i ? ":" : "", (a[i] << 8) | a[i + 1]);
		if (o < len)
			snprintf(fixed + o, len - o, "/%u", v->u.cidr.prefix);
	}
	return true;
}

/* The pointer of value i of condition c. */
static void value_path(char *out, const struct iam_condition *c, size_t i)
{
	iam_strlcpy_tail(out, c->path, LINT_PATH_MAX);
	if (c->list)
		iam_jptr_push_index(out, LINT_PATH_MAX, i);
}

static void check_one(struct lint_ctx *lc, const struct iam_statement *st,
		      const struct iam_condition *c)
{
	enum iam_cond_op op = c->op.op;
	const struct iam_cond_opinfo *o = iam_cond_op_info(op);
	enum iam_cond_family f = o->family;
	struct keyinfo ki;
	char vp[LINT_PATH_MAX];
	bool known = lookup_key(lc, c, &ki);

	(void)st;
	if (op == IAM_OP_NULL && c->op.set != IAM_SET_NONE)
		lint_add(lc, "NULL_WITH_QUALIFIER", c->path,
			 "'%s' is always %s with Null: use Null without a qualifier",
			 c->opname, c->op.set == IAM_SET_FOR_ALL_VALUES ? "true" : "false");
	if (known) {
		if (f == IAM_COND_STRING && ki.type == IAM_KEY_ARN &&
		    o->cmp == IAM_CMP_LIKE)
			lint_add(lc, "STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS",
				 c->path,
				 "'%s' is an ARN key: use ArnLike or ArnNotLike, which match each field of the ARN, not %s",
				 c->key, c->opname);
		else if (!fits(f, &ki, c->key))
			lint_add(lc, "TYPE_MISMATCH", c->path,
				 "'%s' has type %s: use a%s %s operator, not %s",
				 c->key, type_word(ki.type),
				 ki.type == IAM_KEY_ARN || ki.type == IAM_KEY_IPADDRESS ? "n" : "",
				 type_word(ki.type), iam_cond_op_name(op));
		/* global keys only: the catalog's types of service keys are
		 * not reliable enough to call one single-valued */
		if (c->op.set == IAM_SET_FOR_ALL_VALUES && !ki.multi &&
		    op != IAM_OP_NULL && strncasecmp(c->key, "aws:", 4) == 0)
			lint_add(lc, "FORALLVALUES_WITH_SINGLE_VALUED_KEY", c->path,
				 "'%s' is single-valued: ForAllValues is true when it is absent; remove ForAllValues:",
				 c->key);
		if (c->op.set == IAM_SET_NONE && ki.multi && op != IAM_OP_NULL)
			lint_add(lc, "MISSING_QUALIFIER", c->path,
				 "the key '%s' has several values in a request: use ForAllValues:%s or ForAnyValue:%s",
				 c->key, c->opname, c->opname);
	}
	/* values */
	if (c->list && c->nvalues > 1) {
		bool str = false, other = false;

		for (size_t i = 0; i < c->nvalues; i++) {
			if (c->values[i].quoted)
				str = true;
			else
				other = true;
		}
		if (str && other)
			lint_add(lc, "INVALID_CONDITION_DATA_TYPE", c->path,
				 "the values of '%s' mix strings with numbers or booleans: give them all as strings",
				 c->key);
	}
	if (op == IAM_OP_BOOL) {
		bool t = false, fl = false;

		for (size_t i = 0; i < c->nvalues; i++) {
			if (c->values[i].u.boolean)
				t = true;
			else
				fl = true;
		}
		if (t && fl)
			lint_add(lc, "INVALID_CONDITION_MULTIPLE_BOOLEAN", c->path,
				 "'%s' is given both true and false: give one value",
				 c->key);
	}
	if (f == IAM_COND_NUMERIC && o->cmp != IAM_CMP_EQ && c->nvalues > 1) {
		bool less = o->cmp == IAM_CMP_LT || o->cmp == IAM_CMP_LE;
		size_t best = 0;

		for (size_t i = 1; i < c->nvalues; i++)
			if (less ? c->values[i].u.num > c->values[best].u.num
				 : c->values[i].u.num < c->values[best].u.num)
				best = i;
		lint_add(lc, "REDUNDANT_CONDITION_VALUE_NUM", c->path,
			 "several values of %s for '%s' are redundant: the %s one, %s, decides",
			 c->opname, c->key, less ? "greatest" : "least",
			 c->values[best].text);
	}
	if (op == IAM_OP_STRING_LIKE && c->op.set == IAM_SET_NONE &&
	    !c->op.if_exists && c->nvalues) {
		bool all_star = true;

		for (size_t i = 0; i < c->nvalues; i++)
			if (!c->values[i].text || strcmp(c->values[i].text, "*") != 0)
				all_star = false;
		value_path(vp, c, 0);
		if (all_star)
			lint_add(lc, "EQUIVALENT_TO_NULL_FALSE", vp,
				 "StringLike \"*\" on '%s' only says the key is present: write {\"Null\": {\"%s\": \"false\"}}",
				 c->key, c->key);
	}
	if (f == IAM_COND_IP && strcasecmp(c->key, "aws:SourceIp") == 0 && c->nvalues) {
		size_t priv = 0;

		for (size_t i = 0; i < c->nvalues; i++)
			if (!c->values[i].tmpl && private_cidr(&c->values[i]))
				priv++;
		if (priv == c->nvalues)
			lint_add(lc, !o->negated ? "PRIVATE_IP_ADDRESS"
						 : "PRIVATE_NOT_IP_ADDRESS",
				 c->path,
				 !o->negated
					 ? "aws:SourceIp is only ever a public address: with only private ranges this condition never holds; use aws:VpcSourceIp"
					 : "aws:SourceIp is only ever a public address: with only private ranges NotIpAddress always holds; use aws:VpcSourceIp");
		else if (priv)
			lint_add(lc, !o->negated ? "PRIVATE_IP_ADDRESS_SUBSET"
						 : "PRIVATE_NOT_IP_ADDRESS_SUBSET",
				 c->path,
				 "%zu of the ranges of aws:SourceIp are private and never match it: use aws:VpcSourceIp for them",
				 priv);
	}
	for (size_t i = 0; i < c->nvalues; i++) {
		const char *v = c->values[i].text;
		char fixed[64];

		if (!v || c->values[i].unknown)
			continue;
		value_path(vp, c, i);
		if (lc->version != IAM_VERSION_2012 && strstr(v, "${") &&
		    o->variables)
			lint_add(lc, "VARIABLE_UNSUPPORTED_IN_VERSION", vp,
				 "'%s' holds a policy variable but the policy's Version is not 2012-10-17: it is plain text",
				 v);
		if (f == IAM_COND_STRING && o->cmp != IAM_CMP_LIKE &&
		    wild_outside_vars(v))
			lint_add(lc, "WILDCARD_WITHOUT_LIKE_OPERATOR", vp,
				 "'%s' holds '*' or '?', which %s compares literally: if you meant a wildcard, use %s",
				 v, c->opname,
				 o->negated ? "StringNotLike" : "StringLike");
		if (f == IAM_COND_DATE && !c->values[i].tmpl) {
			const char *q = v;

			while (*q >= '0' && *q <= '9')
				q++;
			if (!*q && q > v)
				lint_add(lc, "INVALID_DATE_VALUE", vp,
					 "the date '%s' is epoch seconds, which may not resolve as expected: write it as YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ",
					 v);
		}
		if (f == IAM_COND_IP && !c->values[i].tmpl && host_bits(&c->values[i], fixed, sizeof(fixed)))
			lint_add(lc, "IMPROVE_IP_RANGE", vp,
				 "'%s' has bits set after its prefix, which are ignored: write %s",
				 v, fixed);
		if (f != IAM_COND_STRING || !plain(v))
			continue;
		if (strcasecmp(c->key, "aws:SourceVpc") == 0 && !id_format(v, "vpc-"))
			lint_add(lc, "INVALID_VPC_FORMAT", vp,
				 "'%s' is not a VPC ID: vpc- and 8 or 17 letters and digits",
				 v);
		else if (strcasecmp(c->key, "aws:SourceVpce") == 0 &&
			 !id_format(v, "vpce-"))
			lint_add(lc, "INVALID_VPCE_FORMAT", vp,
				 "'%s' is not a VPC endpoint ID: vpce- and 8 or 17 letters and digits",
				 v);
		else if (strcasecmp(c->key, "aws:RequestedRegion") == 0 &&
			 !lint_region_like(v, strlen(v)))
			lint_add(lc, "INVALID_REGION", vp, "'%s' is not a Region",
				 v);
		else if ((strcasecmp(c->key, "aws:CalledVia") == 0 ||
			  strcasecmp(c->key, "aws:CalledViaFirst") == 0 ||
			  strcasecmp(c->key, "aws:CalledViaLast") == 0 ||
			  strcasecmp(c->key, "aws:PrincipalServiceName") == 0 ||
			  strcasecmp(c->key, "aws:PrincipalServiceNamesList") == 0) &&
			 !service_principal_format(v))
			lint_add(lc, "INVALID_SERVICE_PRINCIPAL_FORMAT", vp,
				 "'%s' is not a service principal: use service.amazonaws.com (or .amazon.com, .amazonaws.com.cn) in lowercase",
				 v);
	}
}

void lint_conditions(struct lint_ctx *lc, const struct iam_statement *st)
{
	const struct iam_condition *vpcip = NULL;
	bool vpc = false;

	for (size_t i = 0; i < st->nconds; i++) {
		const struct iam_condition *c = &st->conds[i];

		check_one(lc, st, c);
		if (strcasecmp(c->key, "aws:VpcSourceIp") == 0 && !vpcip)
			vpcip = c;
		if (strcasecmp(c->key, "aws:SourceVpc") == 0 ||
		    strcasecmp(c->key, "aws:SourceVpce") == 0 ||
		    strcasecmp(c->key, "aws:SourceVpcArn") == 0)
			vpc = true;
	}
	if (vpcip && !vpc && vpcip->op.op != IAM_OP_NULL)
		lint_add(lc, "MISSING_PAIRED_CONDITION_KEYS", vpcip->path,
			 "aws:VpcSourceIp matches addresses of any VPC: pair it with aws:SourceVpc or aws:SourceVpce in the same statement");
}

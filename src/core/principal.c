/* core/principal.c - principal strings taken apart, and the context keys
 * AWS derives from them. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/context.h"
#include "core/principal.h"

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* dst = the concatenation of parts (truncated to size); no printf on the
 * per-decision path. */
static void join(char *dst, size_t size, const char *const *parts, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		for (const char *p = parts[i]; *p && k + 1 < size; p++)
			dst[k++] = *p;
	dst[k] = '\0';
}

static void copy_n(char *dst, size_t size, const char *s, size_t n)
{
	if (n >= size)
		n = size - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

bool iam_is_account_id(const char *s)
{
	return strlen(s) == 12 && all_digits(s, 12);
}

/* Web identity providers that stand as Federated principals. */
static bool is_web_idp(const char *s)
{
	static const char *const idps[] = { "cognito-identity.amazonaws.com",
					    "accounts.google.com",
					    "graph.facebook.com",
					    "www.amazon.com", NULL };

	for (size_t i = 0; idps[i]; i++)
		if (strcmp(s, idps[i]) == 0)
			return true;
	return false;
}

/* The field for the NUL-terminated text at s, which is in p->buf. */
static struct iam_principal_field field_at(const struct iam_principal *p,
					   const char *s)
{
	return (struct iam_principal_field){ (uint16_t)(s - p->buf),
					     (uint16_t)strlen(s) };
}

/* arn:partition:service:region:account:resource, copied to buf + 1 (n
 * bytes) and split there. */
static int parse_arn(const char *s, size_t n, struct iam_principal *out)
{
	char *f[6], *res, *slash;

	memcpy(out->buf + 1, s, n + 1);
	f[0] = out->buf + 1;
	for (int i = 1; i < 6; i++) {
		f[i] = strchr(f[i - 1], ':');
		if (!f[i])
			return -1;
		*f[i]++ = '\0';
	}
	/* arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, the first two and
	 * the last never empty (arn::::: names nothing) */
	if (!*f[1] || !*f[2] || !*f[5])
		return -1;
	out->partition = field_at(out, f[1]);
	out->account = field_at(out, f[4]);
	res = f[5];
	out->type = IAM_PT_OTHER;
	if (strcmp(f[2], "iam") == 0) {
		if (strcmp(res, "root") == 0) {
			out->type = IAM_PT_ROOT;
		} else if (strncmp(res, "user/", 5) == 0) {
			out->type = IAM_PT_USER;
			slash = strrchr(res, '/');
			out->name = field_at(out, slash + 1);
		} else if (strncmp(res, "role/", 5) == 0) {
			out->type = IAM_PT_ROLE;
			slash = strrchr(res, '/');
			out->name = field_at(out, slash + 1);
			out->service_linked = strncmp(res, "role/aws-service-role/", 22) == 0;
			copy_n(out->role_arn, sizeof(out->role_arn), s, n);
		} else if (strncmp(res, "saml-provider/", 14) == 0 ||
			   strncmp(res, "oidc-provider/", 14) == 0) {
			out->type = IAM_PT_FEDERATED;
		}
	} else if (strcmp(f[2], "sts") == 0) {
		if (strncmp(res, "assumed-role/", 13) == 0) {
			char *name = res + 13, *sess = strchr(name, '/');
			const char *parts[6];

			if (!sess)
				return -1;
			*sess++ = '\0';
			out->type = IAM_PT_ASSUMED_ROLE;
			out->name = field_at(out, name);
			out->session = field_at(out, sess);
			out->service_linked = strncmp(name, "AWSServiceRoleFor", 17) == 0;
			parts[0] = "arn:";
			parts[1] = f[1];
			parts[2] = ":iam::";
			parts[3] = f[4];
			parts[4] = ":role/";
			parts[5] = name;
			join(out->role_arn, sizeof(out->role_arn), parts, 6);
		} else if (strncmp(res, "federated-user/", 15) == 0) {
			out->type = IAM_PT_FEDERATED_USER;
			out->name = field_at(out, res + 15);
		}
	}
	if (out->type != IAM_PT_OTHER && out->type != IAM_PT_FEDERATED &&
	    !iam_is_account_id(iam_principal_account(out)))
		return -1;
	/* a user, role, session or federated user has a name (and a session
	 * its session name): assumed-role// and user/ name nobody */
	if ((out->type == IAM_PT_USER || out->type == IAM_PT_ROLE ||
	     out->type == IAM_PT_ASSUMED_ROLE || out->type == IAM_PT_FEDERATED_USER) &&
	    !out->name.len)
		return -1;
	if (out->type == IAM_PT_ASSUMED_ROLE && !out->session.len)
		return -1;
	return 0;
}

int iam_principal_parse(const char *s, struct iam_principal *out)
{
	static const struct iam_principal_field empty = { 0, 0 };
	size_t n;

	/* not memset: the buffers are large and this runs per request */
	out->type = IAM_PT_NONE;
	out->service_linked = false;
	out->role_arn[0] = out->buf[0] = '\0';
	out->partition = out->account = out->name = out->session = empty;
	out->arn = s ? s : "";
	if (!s || !*s)
		return 0;
	if (strcmp(s, "*") == 0 || strcmp(s, "anonymous") == 0) {
		out->type = IAM_PT_ANONYMOUS;
		return 0;
	}
	n = strlen(s);
	if (n > IAM_PRINCIPAL_MAX)
		return -1;
	if (all_digits(s, n) && n == 12) {
		/* buf: "", the account, "aws" */
		memcpy(out->buf + 1, s, n + 1);
		memcpy(out->buf + 1 + n + 1, "aws", 4);
		out->account = (struct iam_principal_field){ 1, (uint16_t)n };
		out->partition = (struct iam_principal_field){ (uint16_t)(n + 2), 3 };
		out->type = IAM_PT_ROOT;
		return 0;
	}
	if (strncmp(s, "arn:", 4) != 0) {
		if (is_web_idp(s)) {
			out->type = IAM_PT_FEDERATED;
			return 0;
		}
		if (ends_with(s, ".amazonaws.com") || ends_with(s, ".amazonaws.com.cn")) {
			out->type = IAM_PT_SERVICE;
			return 0;
		}
		return -1;
	}
	return parse_arn(s, n, out);
}

int iam_context_derive(struct iam_context *ctx, const char *principal)
{
	struct iam_principal p;
	char arn[600];
	const char *type = NULL, *parn = NULL;

	if (iam_principal_parse(principal, &p) < 0)
		return 0;
	/* present in every signed request: true only for service principals */
	if (p.type != IAM_PT_ANONYMOUS && p.type != IAM_PT_NONE &&
	    iam_context_default(ctx, "aws:PrincipalIsAWSService",
				p.type == IAM_PT_SERVICE ? "true" : "false") < 0)
		return -1;
	switch (p.type) {
	case IAM_PT_SERVICE:
		return iam_context_default(ctx, "aws:PrincipalServiceName", p.arn);
	case IAM_PT_ROOT:
		type = "Account";
		snprintf(arn, sizeof(arn), "arn:%s:iam::%s:root",
			 iam_principal_partition(&p), iam_principal_account(&p));
		parn = arn;
		break;
	case IAM_PT_USER:
		type = "User";
		parn = p.arn;
		if (iam_context_default(ctx, "aws:username", iam_principal_name(&p)) < 0)
			return -1;
		break;
	case IAM_PT_ROLE:
	case IAM_PT_ASSUMED_ROLE:
		type = "AssumedRole";
		parn = p.role_arn;
		break;
	case IAM_PT_FEDERATED_USER:
		type = "FederatedUser";
		parn = p.arn;
		break;
	case IAM_PT_ANONYMOUS:
		type = "Anonymous";
		break;
	default:
		return 0;
	}
	if (parn && iam_context_default(ctx, "aws:PrincipalArn", parn) < 0)
		return -1;
	if (p.account.len &&
	    iam_context_default(ctx, "aws:PrincipalAccount", iam_principal_account(&p)) < 0)
		return -1;
	if (iam_context_default(ctx, "aws:PrincipalType", type) < 0)
		return -1;
	return 0;
}

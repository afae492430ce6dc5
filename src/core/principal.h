/* core/principal.h - the caller: a principal string taken apart.
 *
 * struct iam_principal is a plain value.  Its text is in its own buffers
 * and its fields are offsets into them, so a struct copy (assignment,
 * memcpy, an array of items moved by realloc) is a valid principal; read
 * the fields through the accessors below.  Only `arn` is borrowed: it is
 * the string given to iam_principal_parse(), which must outlive every copy.
 *
 * The condition keys AWS derives from a principal (aws:PrincipalArn, ...)
 * are added by iam_context_derive(), declared with the other context
 * functions in core/context.h and defined in principal.c.
 */
#ifndef IAM_PRINCIPAL_H
#define IAM_PRINCIPAL_H

#include <stdbool.h>
#include <stdint.h>

/* What kind of caller a principal string names. */
enum iam_principal_type {
	IAM_PT_NONE,          /* not given */
	IAM_PT_ROOT,          /* arn:...:iam::A:root or a bare account ID */
	IAM_PT_USER,          /* arn:...:iam::A:user/path/name */
	IAM_PT_ROLE,          /* arn:...:iam::A:role/path/name (taken as a session of it) */
	IAM_PT_ASSUMED_ROLE,  /* arn:...:sts::A:assumed-role/name/session */
	IAM_PT_FEDERATED_USER,/* arn:...:sts::A:federated-user/name */
	IAM_PT_SERVICE,       /* "s3.amazonaws.com" */
	IAM_PT_FEDERATED,     /* an OIDC/SAML provider: "cognito-identity.amazonaws.com", "arn:...:saml-provider/x" */
	IAM_PT_ANONYMOUS,     /* "*" / "anonymous" */
	IAM_PT_OTHER,         /* some other ARN */
};

/* A piece of the principal's text: len bytes at buf + off, followed by a
 * NUL.  Offset 0 is the empty string. */
struct iam_principal_field {
	uint16_t off, len;
};

/* The longest principal string iam_principal_parse() takes apart. */
#define IAM_PRINCIPAL_MAX 1023

struct iam_principal {
	enum iam_principal_type type;
	bool service_linked;                  /* a role under /aws-service-role/ */
	const char *arn;                      /* borrowed: the string as given */
	struct iam_principal_field partition; /* "aws", ... or "" */
	struct iam_principal_field account;   /* 12 digits or "" */
	struct iam_principal_field name;      /* user / role / federated-user name (no path) */
	struct iam_principal_field session;   /* assumed-role session name */
	char buf[1 + IAM_PRINCIPAL_MAX + 1];  /* "" then the fields' text */
	char role_arn[512];                   /* for ASSUMED_ROLE and ROLE:
					       * arn:P:iam::A:role/NAME (truncated
					       * to 511 characters) */
};

/* Take a principal string apart into *out; -1 when it is none of the forms
 * above (an account must be 12 digits; at most IAM_PRINCIPAL_MAX
 * characters).  s may be NULL or "": IAM_PT_NONE. */
int iam_principal_parse(const char *s, struct iam_principal *out);

/* The principal's fields as strings, owned by p. */
static inline const char *iam_principal_partition(const struct iam_principal *p)
{
	return p->buf + p->partition.off;
}

static inline const char *iam_principal_account(const struct iam_principal *p)
{
	return p->buf + p->account.off;
}

static inline const char *iam_principal_name(const struct iam_principal *p)
{
	return p->buf + p->name.off;
}

static inline const char *iam_principal_session(const struct iam_principal *p)
{
	return p->buf + p->session.off;
}

/* Twelve decimal digits. */
bool iam_is_account_id(const char *s);

#endif /* IAM_PRINCIPAL_H */

/* core/profile.h - a profile's credential chain, hop by hop, as the AWS
 * CLI v2 would resolve it, and every error it would raise on the way.
 *
 * Part of the engine (owned by the profile work); `iamgate profile` shows
 * it, and the commands that act as a profile (assume, evaluate --profile)
 * take their principals from it.  Nothing is fetched: the chain is what
 * the files and the environment say, each value with its file:line.
 *
 *   struct iam_awsconfig *cfg = ...;           (core/awsconfig.h)
 *   struct iam_profile_env env;
 *   struct iam_chain *ch;
 *
 *   iam_profile_env_from_environ(&env);        (or fill it yourself)
 *   ch = iam_profile_resolve(cfg, "bizcorprole", &env, &err);
 *   for (size_t i = 0; i < ch->nhops; i++)     (innermost first)
 *           ch->hops[i].principal ...
 *   for (size_t i = 0; i < ch->ndiags; i++)    (errors and warnings)
 *           ...
 *   iam_chain_free(ch);
 *
 * hops[0] is where the credentials come from (static keys, the
 * environment, SSO, a process, credential_source...); each later hop is an
 * AssumeRole signed by the one before; the last hop is the profile asked
 * for and acts as ch->principal.  A chain that stops at an error keeps the
 * hops read up to it.  No text holds a secret's value.
 */
#ifndef IAM_PROFILE_H
#define IAM_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/awsconfig.h"
#include "core/error.h"

/* The longest role chain the AWS CLI 2.9 follows: it recurses once a hop,
 * and a 135th role ends in Python's RecursionError (measured with
 * `aws sts get-caller-identity` and `aws s3 ls`). */
#define IAM_PROFILE_MAX_ROLES 134

/* What the environment says (the values that matter; no secrets kept,
 * only whether they are set). */
struct iam_profile_env {
	const char *profile;          /* --profile, else NULL */
	const char *aws_profile;      /* AWS_PROFILE */
	const char *aws_default_profile;  /* AWS_DEFAULT_PROFILE */
	const char *config_file;      /* AWS_CONFIG_FILE, else NULL (~/.aws/config) */
	const char *credentials_file; /* AWS_SHARED_CREDENTIALS_FILE */
	const char *region;           /* AWS_REGION */
	const char *default_region;   /* AWS_DEFAULT_REGION */
	bool access_key, secret_key, session_token;  /* AWS_ACCESS_KEY_ID... set */
	const char *role_arn;         /* AWS_ROLE_ARN */
	const char *web_identity_token_file; /* AWS_WEB_IDENTITY_TOKEN_FILE */
	const char *role_session_name;       /* AWS_ROLE_SESSION_NAME */
	bool container;               /* AWS_CONTAINER_CREDENTIALS_*_URI set */
	bool imds_disabled;           /* AWS_EC2_METADATA_DISABLED=true */
};

/* Fill env from getenv(); env->profile stays NULL (the caller's --profile). */
void iam_profile_env_from_environ(struct iam_profile_env *env);

/* The files the AWS CLI reads for env: AWS_CONFIG_FILE or ~/.aws/config,
 * AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials (not expanded). */
const char *iam_profile_config_path(const struct iam_profile_env *env);
const char *iam_profile_credentials_path(const struct iam_profile_env *env);

/* Load both files for env (core/awsconfig.h).  NULL with err set when out
 * of memory or a file is over the size limit. */
struct iam_awsconfig *iam_profile_load(const struct iam_profile_env *env,
				       struct iam_error *err);

/* The profile the AWS CLI v2 uses: --profile, AWS_PROFILE,
 * AWS_DEFAULT_PROFILE (v2's order; botocore v1 reads AWS_DEFAULT_PROFILE
 * first), else "default"; *from says which ("--profile", "AWS_PROFILE",
 * "AWS_DEFAULT_PROFILE" or "default"). */
const char *iam_profile_selected(const struct iam_profile_env *env, const char **from);

enum iam_hop_kind {
	IAM_HOP_ENV,          /* AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY */
	IAM_HOP_STATIC,       /* aws_access_key_id in a file */
	IAM_HOP_ASSUME_ROLE,  /* role_arn: sts:AssumeRole */
	IAM_HOP_WEB_IDENTITY, /* sts:AssumeRoleWithWebIdentity */
	IAM_HOP_SSO,          /* IAM Identity Center: sso:GetRoleCredentials */
	IAM_HOP_PROCESS,      /* credential_process */
	IAM_HOP_SOURCE,       /* credential_source = Environment, Ec2InstanceMetadata,
			       * EcsContainer */
	IAM_HOP_CONTAINER,    /* nothing in the files: the ECS container role */
	IAM_HOP_IMDS,         /* nothing in the files: the EC2 instance role */
};

/* "static keys", "assume-role", ... */
const char *iam_hop_kind_name(enum iam_hop_kind k);

struct iam_hop {
	enum iam_hop_kind kind;
	const char *profile;          /* the profile this hop reads; NULL for
				       * the environment and credential_source */
	struct iam_awsval role_arn, role_session_name, external_id, mfa_serial,
		duration_seconds, region, source_profile, credential_source,
		web_identity_token_file, sso_session, sso_account_id,
		sso_role_name, sso_start_url, sso_region, credential_process,
		access_key_id;        /* where the keys are (value never shown) */
	const char *session_name;     /* the RoleSessionName sent */
	bool session_default;         /* botocore's botocore-session-<epoch> */
	long duration;                /* DurationSeconds sent, when duration_set */
	bool duration_set;
	const char *principal;        /* the ARN this hop acts as, or NULL when
				       * only the credentials know (static keys) */
	bool principal_pattern;       /* '*' stands for what is known only at run
				       * time (SSO's role suffix, the epoch) */
};

enum iam_pdiag_sev { IAM_PDIAG_ERROR, IAM_PDIAG_WARNING };

struct iam_pdiag {
	enum iam_pdiag_sev sev;
	const char *code;             /* "source-profile-missing", ... */
	const char *file;             /* NULL: the environment or no place */
	int line;
	const char *profile;          /* the profile it is about, or NULL */
	const char *text;             /* the AWS CLI's own words where it has them */
};

struct iam_chain {
	const char *profile;          /* the profile resolved */
	bool found;                   /* it exists (or is "default") */
	struct iam_hop *hops;         /* innermost first */
	size_t nhops;
	struct iam_pdiag *diags;      /* in the order the AWS CLI meets them */
	size_t ndiags, nerrors;
	const char *principal;        /* the last hop's, or NULL */
	bool principal_pattern;
	struct iam_awsval region;     /* AWS_REGION > AWS_DEFAULT_REGION > region */
	const char *region_from;      /* "AWS_REGION", "AWS_DEFAULT_REGION", "profile" or NULL */
	const char *sts_endpoint;     /* where every AssumeRole of the chain goes */
	struct iam_arena *arena;
	size_t hcap, dcap;
};

/* Resolve profile `name` (NULL: the selected one, iam_profile_selected).
 * NULL only when out of memory (err set); every problem of the profile is
 * a diag of the chain. */
struct iam_chain *iam_profile_resolve(const struct iam_awsconfig *cfg, const char *name,
				      const struct iam_profile_env *env,
				      struct iam_error *err);
void iam_chain_free(struct iam_chain *ch);   /* before cfg: it borrows cfg's strings */

/* Problems of the files themselves, not of one profile: parse errors,
 * sections that are no profile, names the Amplify CLI reads otherwise.
 * Returned as a chain with no hops (profile NULL). */
struct iam_chain *iam_profile_check_files(const struct iam_awsconfig *cfg,
					  const struct iam_profile_env *env,
					  struct iam_error *err);

/* The STS limits on AssumeRole's parameters.  NULL when v is acceptable,
 * else why not (static text, or written into buf). */
const char *iam_sts_check_session_name(const char *v, char *buf, size_t n);
const char *iam_sts_check_external_id(const char *v, char *buf, size_t n);
const char *iam_sts_check_serial(const char *v, char *buf, size_t n);
const char *iam_sts_check_role_arn(const char *v, char *buf, size_t n);

/* arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME, NAME as IAM allows it:
 * its partition, account (13 bytes) and name; false when v is not one. */
bool iam_role_arn_parts(const char *arn, char *part, size_t np, char *acct,
			char *name, size_t nn);

#endif /* IAM_PROFILE_H */

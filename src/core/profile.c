/* core/profile.c - a profile's credential chain as the AWS CLI v2 resolves
 * it (core/profile.h).
 *
 * Part of the engine, owned by the profile work.  The order is the CLI's
 * credential chain: environment keys (not with --profile), assume-role
 * (role_arn without web_identity_token_file), web identity, SSO, the
 * credentials file's keys, credential_process, the config file's keys,
 * then the container and instance metadata.  A role's source profile is
 * followed the way botocore's AssumeRoleProvider follows it, iteratively
 * (a 10,000-hop chain is no recursion), with its errors in its words.
 * Written from the behaviour of the AWS CLI 2.9 and its botocore; no code
 * is taken from either.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/profile.h"
#include "core/profile_impl.h"

/* ---- the environment ---- */

static const char *env_get(const char *name)
{
	return getenv(name);
}

static bool env_set(const char *name)
{
	const char *v = getenv(name);

	return v && *v;
}

void iam_profile_env_from_environ(struct iam_profile_env *env)
{
	const char *md = env_get("AWS_EC2_METADATA_DISABLED");

	memset(env, 0, sizeof(*env));
	env->aws_profile = env_get("AWS_PROFILE");
	env->aws_default_profile = env_get("AWS_DEFAULT_PROFILE");
	env->config_file = env_get("AWS_CONFIG_FILE");
	env->credentials_file = env_get("AWS_SHARED_CREDENTIALS_FILE");
	env->region = env_get("AWS_REGION");
	env->default_region = env_get("AWS_DEFAULT_REGION");
	env->access_key = env_set("AWS_ACCESS_KEY_ID");
	env->secret_key = env_set("AWS_SECRET_ACCESS_KEY");
	env->session_token = env_set("AWS_SESSION_TOKEN") || env_set("AWS_SECURITY_TOKEN");
	env->role_arn = env_get("AWS_ROLE_ARN");
	env->web_identity_token_file = env_get("AWS_WEB_IDENTITY_TOKEN_FILE");
	env->role_session_name = env_get("AWS_ROLE_SESSION_NAME");
	env->container = env_set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") ||
			 env_set("AWS_CONTAINER_CREDENTIALS_FULL_URI");
	env->imds_disabled = md && strcasecmp(md, "true") == 0;
}

const char *iam_profile_config_path(const struct iam_profile_env *env)
{
	return env->config_file ? env->config_file : "~/.aws/config";
}

const char *iam_profile_credentials_path(const struct iam_profile_env *env)
{
	return env->credentials_file ? env->credentials_file : "~/.aws/credentials";
}

struct iam_awsconfig *iam_profile_load(const struct iam_profile_env *env,
				       struct iam_error *err)
{
	struct iam_ini *cfg = iam_ini_load(iam_profile_config_path(env), err), *cred;

	if (!cfg)
		return NULL;
	cred = iam_ini_load(iam_profile_credentials_path(env), err);
	if (!cred) {
		iam_ini_free(cfg);
		return NULL;
	}
	return iam_awsconfig_new(cfg, cred, err);
}

const char *iam_profile_selected(const struct iam_profile_env *env, const char **from)
{
	const char *f = "default", *p = "default";

	if (env->profile)
		f = "--profile", p = env->profile;
	else if (env->aws_profile)
		f = "AWS_PROFILE", p = env->aws_profile;
	else if (env->aws_default_profile)
		f = "AWS_DEFAULT_PROFILE", p = env->aws_default_profile;
	if (!*p)                        /* botocore: `profile or 'default'` */
		p = "default";
	if (from)
		*from = f;
	return p;
}

const char *iam_hop_kind_name(enum iam_hop_kind k)
{
	switch (k) {
	case IAM_HOP_ENV: return "environment keys";
	case IAM_HOP_STATIC: return "static keys";
	case IAM_HOP_ASSUME_ROLE: return "assume-role";
	case IAM_HOP_WEB_IDENTITY: return "web identity";
	case IAM_HOP_SSO: return "sso";
	case IAM_HOP_PROCESS: return "credential_process";
	case IAM_HOP_SOURCE: return "credential_source";
	case IAM_HOP_CONTAINER: return "container";
	case IAM_HOP_IMDS: return "instance metadata";
	}
	return "?";
}

/* ---- the chain ---- */

struct iam_chain *pr_chain_new(struct iam_error *err)
{
	struct iam_chain *ch = calloc(1, sizeof(*ch));

	if (!ch || !(ch->arena = iam_arena_new())) {
		free(ch);
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	return ch;
}

void iam_chain_free(struct iam_chain *ch)
{
	if (!ch)
		return;
	free(ch->hops);
	free(ch->diags);
	iam_arena_free(ch->arena);
	free(ch);
}

char *pr_strdup(struct presolve *R, const char *s)
{
	char *d = s ? iam_arena_strdup(R->ch->arena, s) : NULL;

	if (s && !d)
		R->nomem = true;
	return d;
}

struct iam_pdiag *pr_diag(struct presolve *R, enum iam_pdiag_sev sev, const char *code,
			  const char *file, int line, const char *profile,
			  const char *fmt, ...)
{
	struct iam_chain *ch = R->ch;
	struct iam_buf b = IAM_BUF_INIT;
	struct iam_pdiag *d;
	va_list ap;
	char *text;

	if (ch->ndiags == ch->dcap) {
		size_t cap = ch->dcap ? ch->dcap * 2 : 8;
		void *v = realloc(ch->diags, cap * sizeof(*ch->diags));

		if (!v) {
			R->nomem = true;
			return NULL;
		}
		ch->diags = v;
		ch->dcap = cap;
	}
	va_start(ap, fmt);
	{
		char tmp[1024];

		vsnprintf(tmp, sizeof(tmp), fmt, ap);
		iam_buf_adds(&b, tmp);
	}
	va_end(ap);
	text = iam_buf_take(&b);
	d = &ch->diags[ch->ndiags];
	d->sev = sev;
	d->code = code;
	d->file = file;
	d->line = line;
	d->profile = pr_strdup(R, profile);
	d->text = pr_strdup(R, text);
	free(text);
	if (!d->text)
		return NULL;
	ch->ndiags++;
	if (sev == IAM_PDIAG_ERROR)
		ch->nerrors++;
	return d;
}

static struct iam_hop *add_hop(struct presolve *R, enum iam_hop_kind kind,
			       const char *profile)
{
	struct iam_chain *ch = R->ch;
	struct iam_hop *h;

	if (ch->nhops == ch->hcap) {
		size_t cap = ch->hcap ? ch->hcap * 2 : 4;
		void *v = realloc(ch->hops, cap * sizeof(*ch->hops));

		if (!v) {
			R->nomem = true;
			return NULL;
		}
		ch->hops = v;
		ch->hcap = cap;
	}
	h = &ch->hops[ch->nhops++];
	memset(h, 0, sizeof(*h));
	h->kind = kind;
	h->profile = profile;
	h->duration = -1;
	return h;
}

static void get(struct presolve *R, const struct iam_awsprofile *p, const char *key,
		struct iam_awsval *v)
{
	iam_awsprofile_get(R->cfg, p, key, v);
}

static bool has(struct presolve *R, const struct iam_awsprofile *p, const char *key)
{
	struct iam_awsval v;

	get(R, p, key, &v);
	return v.value != NULL;
}

/* botocore's _has_static_credentials: either key, in either file */
static bool has_static(struct presolve *R, const struct iam_awsprofile *p)
{
	return has(R, p, "aws_access_key_id") || has(R, p, "aws_secret_access_key");
}

/* _has_assume_role_config_vars */
static bool has_role(struct presolve *R, const struct iam_awsprofile *p)
{
	return has(R, p, "role_arn") && !has(R, p, "web_identity_token_file");
}

/* Python's repr() of a str, as in "Visited profiles: ['a', 'b']". */
static void py_repr(struct iam_buf *b, const char *s)
{
	char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';

	iam_buf_addc(b, q);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\\' || c == (unsigned char)q)
			iam_buf_addc(b, '\\'), iam_buf_addc(b, (char)c);
		else if (c == '\n')
			iam_buf_adds(b, "\\n");
		else if (c == '\t')
			iam_buf_adds(b, "\\t");
		else if (c == '\r')
			iam_buf_adds(b, "\\r");
		else if (c < 0x20 || c == 0x7f)
			iam_buf_addf(b, "\\x%02x", c);
		else
			iam_buf_addc(b, (char)c);
	}
	iam_buf_addc(b, q);
}

/* ---- principals ---- */

#define ROLE_NAME_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+=,.@-"


/* arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME: its parts, or false. */
bool iam_role_arn_parts(const char *arn, char *part, size_t np, char *acct,
			   char *name, size_t nn)
{
	const char *p = arn, *c, *slash;

	if (!arn || strncmp(p, "arn:", 4) != 0)
		return false;
	p += 4;
	c = strchr(p, ':');
	if (!c || c == p || (size_t)(c - p) >= np || strncmp(c, ":iam::", 6) != 0)
		return false;
	snprintf(part, np, "%.*s", (int)(c - p), p);
	p = c + 6;
	for (int i = 0; i < 12; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	if (strncmp(p + 12, ":role/", 6) != 0)
		return false;
	snprintf(acct, 13, "%.12s", p);
	p += 18;
	slash = strrchr(p, '/');
	for (const char *q = p; slash && q < slash; q++)
		if (*q < 0x21 || *q > 0x7e)
			return false;           /* a path: printable ASCII */
	if (slash)
		p = slash + 1;
	if (!*p || strlen(p) >= nn || strlen(p) > 64 || strspn(p, ROLE_NAME_CHARS) != strlen(p))
		return false;
	snprintf(name, nn, "%s", p);
	return true;
}

static void role_principal(struct presolve *R, struct iam_hop *h, const char *arn)
{
	char part[32], acct[13], name[128], buf[512];

	if (!iam_role_arn_parts(arn, part, sizeof(part), acct, name, sizeof(name)))
		return;
	snprintf(buf, sizeof(buf), "arn:%s:sts::%s:assumed-role/%s/%s", part, acct, name,
		 h->session_default ? "botocore-session-*" : h->session_name);
	h->principal = pr_strdup(R, buf);
	h->principal_pattern = h->session_default;
}

static void set_session(struct presolve *R, struct iam_hop *h)
{
	char buf[64];

	if (h->role_session_name.value) {
		h->session_name = h->role_session_name.value;
		return;
	}
	snprintf(buf, sizeof(buf), "botocore-session-%lld", (long long)time(NULL));
	h->session_name = pr_strdup(R, buf);
	h->session_default = true;
}

static void env_val(struct iam_awsval *v, const char *value, const char *name)
{
	memset(v, 0, sizeof(*v));
	v->value = value;
	v->env = name;
}

/* ---- the providers of a profile without a role ---- */

static int web_identity(struct presolve *R, const struct iam_awsprofile *p, bool env_ok,
			struct iam_hop **out)
{
	const struct iam_profile_env *env = R->env;
	struct iam_awsval tok, arn, sess;
	struct iam_hop *h;

	get(R, p, "web_identity_token_file", &tok);
	get(R, p, "role_arn", &arn);
	get(R, p, "role_session_name", &sess);
	if (env_ok && env->web_identity_token_file)
		env_val(&tok, env->web_identity_token_file, "AWS_WEB_IDENTITY_TOKEN_FILE");
	if (env_ok && env->role_arn)
		env_val(&arn, env->role_arn, "AWS_ROLE_ARN");
	if (env_ok && env->role_session_name)
		env_val(&sess, env->role_session_name, "AWS_ROLE_SESSION_NAME");
	if (!tok.value || !*tok.value)
		return 0;
	if (!arn.value || !*arn.value) {
		pr_error(R, "web-identity-no-role", &tok, p->name,
			 "The provided profile or the current environment is configured to "
			 "assume role with web identity but has no role ARN configured. Ensure "
			 "that the profile has the role_arnconfiguration set or the AWS_ROLE_ARN "
			 "env var is set.");
		return -1;
	}
	if (!(h = add_hop(R, IAM_HOP_WEB_IDENTITY, p->name)))
		return -1;
	h->web_identity_token_file = tok;
	h->role_arn = arn;
	h->role_session_name = sess;
	get(R, p, "region", &h->region);
	set_session(R, h);
	role_principal(R, h, arn.value);
	if (access(tok.value, F_OK) != 0)
		pr_error(R, "web-identity-token-missing", &tok, p->name,
			 "[Errno 2] No such file or directory: '%s'", tok.value);
	*out = h;
	return 1;
}

static void sso_principal(struct presolve *R, struct iam_hop *h)
{
	const char *region = h->sso_region.value ? h->sso_region.value : "";
	const char *part = strncmp(region, "cn-", 3) == 0 ? "aws-cn" :
			   strncmp(region, "us-gov-", 7) == 0 ? "aws-us-gov" : "aws";
	char buf[512];

	snprintf(buf, sizeof(buf), "arn:%s:sts::%s:assumed-role/AWSReservedSSO_%s_*/*", part,
		 h->sso_account_id.value, h->sso_role_name.value);
	h->principal = pr_strdup(R, buf);
	h->principal_pattern = true;
}

/* The sso-session's keys, checked against the profile's. */
static int sso_session_keys(struct presolve *R, const struct iam_awsprofile *p,
			    struct iam_hop *h, const struct iam_awssso **out)
{
	const struct iam_awssso *s = iam_awsconfig_sso(R->cfg, h->sso_session.value);
	const struct iam_ini *ini = R->cfg->config;
	const struct iam_ini_section *parts[2];

	if (!s) {
		pr_error(R, "sso-session-missing", &h->sso_session, p->name,
			 "The specified sso-session does not exist: \"%s\"", h->sso_session.value);
		return -1;
	}
	parts[0] = s->sec;
	parts[1] = ini->defaults;
	for (int j = 0; j < 2; j++) {
		for (size_t i = 0; parts[j] && i < parts[j]->nkeys; i++) {
			const struct iam_ini_key *k = &parts[j]->keys[i];
			struct iam_awsval pv;

			if (iam_ini_get(ini, s->sec, k->name) != k)
				continue;       /* a [DEFAULT] key the session overrides */
			get(R, p, k->name, &pv);
			if (pv.value && strcmp(pv.value, k->value) != 0) {
				pr_error(R, "sso-inconsistent", &pv, p->name,
					 "The value for %s is inconsistent between profile (%s) "
					 "and sso-session (%s).", k->name,
					 iam_awskey_is_secret(k->name) ? "<secret>" : pv.value,
					 iam_awskey_is_secret(k->name) ? "<secret>" : k->value);
				return -1;
			}
		}
	}
	*out = s;
	return 0;
}

static void sso_val(struct presolve *R, const struct iam_awsprofile *p,
		    const struct iam_awssso *s, const char *key, struct iam_awsval *v)
{
	const struct iam_ini_key *k = s ? iam_ini_get(R->cfg->config, s->sec, key) : NULL;

	if (!k) {
		get(R, p, key, v);
		return;
	}
	memset(v, 0, sizeof(*v));
	v->value = k->value;
	v->file = R->cfg->config->path;
	v->line = k->line;
	v->key = k;
}

static int sso(struct presolve *R, const struct iam_awsprofile *p, struct iam_hop **out)
{
	static const char *const req[] = { "sso_role_name", "sso_account_id", "sso_start_url",
					   "sso_region", "sso_session" };
	struct iam_hop h0 = { .kind = IAM_HOP_SSO, .duration = -1 }, *h;
	struct iam_awsval *vals[] = { &h0.sso_role_name, &h0.sso_account_id,
				      &h0.sso_start_url, &h0.sso_region, &h0.sso_session };
	const struct iam_awssso *s = NULL;
	struct iam_buf miss = IAM_BUF_INIT;
	struct iam_awsval at;
	char *m;

	if (!has(R, p, "sso_account_id") && !has(R, p, "sso_role_name"))
		return 0;
	get(R, p, "sso_session", &h0.sso_session);
	if (h0.sso_session.value && sso_session_keys(R, p, &h0, &s) < 0)
		return -1;
	for (size_t i = 0; i < 5; i++) {
		if (i == 4 && !h0.sso_session.value)
			break;
		sso_val(R, p, s, req[i], vals[i]);
		if (!vals[i]->value)
			iam_buf_addf(&miss, "%s%s", miss.n ? ", " : "", req[i]);
	}
	m = iam_buf_take(&miss);
	get(R, p, h0.sso_account_id.value ? "sso_account_id" : "sso_role_name", &at);
	if (m && *m) {
		pr_error(R, "sso-incomplete", &at, p->name, "The profile \"%s\" is configured to "
			 "use SSO but is missing required configuration: %s", p->name, m);
		free(m);
		return -1;
	}
	free(m);
	if (!(h = add_hop(R, IAM_HOP_SSO, p->name)))
		return -1;
	h0.profile = p->name;
	*h = h0;
	get(R, p, "region", &h->region);
	sso_principal(R, h);
	*out = h;
	return 1;
}

/* Static keys in one file: SharedCredentialProvider (cred) or ConfigProvider. */
static int static_keys(struct presolve *R, const struct iam_awsprofile *p, bool cred,
		       struct iam_hop **out)
{
	struct iam_awsval id, secret;
	struct iam_hop *h;

	iam_awsprofile_get_in(R->cfg, p, cred, "aws_access_key_id", &id);
	if (!id.value)
		return 0;
	iam_awsprofile_get_in(R->cfg, p, cred, "aws_secret_access_key", &secret);
	if (!secret.value) {
		pr_error(R, "partial-keys", &id, p->name,
			 "Partial credentials found in %s, missing: aws_secret_access_key",
			 cred ? "shared-credentials-file" : "config-file");
		return -1;
	}
	if (!(h = add_hop(R, IAM_HOP_STATIC, p->name)))
		return -1;
	h->access_key_id = id;
	get(R, p, "region", &h->region);
	*out = h;
	return 1;
}

/* botocore's ProfileProviderBuilder.providers: NULL when none gives
 * credentials (*failed after an error). */
static struct iam_hop *profile_providers(struct presolve *R, const struct iam_awsprofile *p,
					 bool env_ok, bool *failed)
{
	struct iam_hop *h = NULL;
	int rc;

	*failed = false;
	if ((rc = web_identity(R, p, env_ok, &h)) == 0 && (rc = sso(R, p, &h)) == 0 &&
	    (rc = static_keys(R, p, true, &h)) == 0) {
		struct iam_awsval proc;

		get(R, p, "credential_process", &proc);
		if (proc.value) {
			if (!(h = add_hop(R, IAM_HOP_PROCESS, p->name)))
				rc = -1;
			else {
				h->credential_process = proc;
				get(R, p, "region", &h->region);
				rc = 1;
			}
		} else {
			rc = static_keys(R, p, false, &h);
		}
	}
	*failed = rc < 0;
	return rc > 0 ? h : NULL;
}

/* ---- assume-role ---- */

static struct iam_hop *role_hop(struct presolve *R, const struct iam_awsprofile *p)
{
	struct iam_hop *h = add_hop(R, IAM_HOP_ASSUME_ROLE, p->name);
	long d;

	if (!h)
		return NULL;
	get(R, p, "role_arn", &h->role_arn);
	get(R, p, "role_session_name", &h->role_session_name);
	get(R, p, "external_id", &h->external_id);
	get(R, p, "mfa_serial", &h->mfa_serial);
	get(R, p, "duration_seconds", &h->duration_seconds);
	get(R, p, "region", &h->region);
	get(R, p, "source_profile", &h->source_profile);
	get(R, p, "credential_source", &h->credential_source);
	set_session(R, h);
	if (h->duration_seconds.value) {
		if (pr_python_int(h->duration_seconds.value, &d) == 0)
			h->duration = d, h->duration_set = true;
		else
			pr_warn(R, "duration-dropped", &h->duration_seconds, p->name,
				"duration_seconds = %s is not an integer: the AWS CLI drops it "
				"silently (int() fails) and STS gives its default, 3600 seconds",
				h->duration_seconds.value);
	}
	role_principal(R, h, h->role_arn.value);
	return h;
}

static const char *const credential_sources[] = {
	"Environment", "Ec2InstanceMetadata", "EcsContainer", NULL
};

/* credential_source: the CanonicalNameCredentialSourcer's providers. */
static void source_hop(struct presolve *R, const struct iam_awsprofile *p,
		       const struct iam_awsval *cs)
{
	const struct iam_profile_env *env = R->env;
	bool ok = true;
	struct iam_awsval src;
	struct iam_hop *h;
	size_t i;

	for (i = 0; credential_sources[i]; i++)
		if (strcmp(cs->value, credential_sources[i]) == 0)
			break;
	if (!credential_sources[i]) {
		pr_error(R, "credential-source-invalid", cs, p->name,
			 "The credential source \"%s\" referenced in profile \"%s\" is not valid.",
			 cs->value, p->name);
		return;
	}
	/* cs may point into the hops that add_hop grows: copy it first */
	src = *cs;
	cs = &src;
	if (!(h = add_hop(R, IAM_HOP_SOURCE, NULL)))
		return;
	h->credential_source = src;
	if (i == 0 && env->access_key && !env->secret_key) {
		pr_error(R, "partial-keys", cs, p->name,
			 "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY");
		return;
	}
	if (i == 0)
		ok = env->access_key;
	else if (i == 1)
		ok = !env->imds_disabled;
	else
		ok = env->container;
	if (!ok)
		pr_error(R, "credential-source-empty", cs, p->name,
			 "Error when retrieving credentials from %s: No credentials found in "
			 "credential_source referenced in profile %s", cs->value, p->name);
	if (i == 1)
		h->principal = "arn:aws:sts::*:assumed-role/*/i-*";
	else if (i == 2)
		h->principal = "arn:aws:sts::*:assumed-role/*/*";
	h->principal_pattern = h->principal != NULL;
}

/* The visited list of InfiniteLoopConfigError, Python's repr of a list. */
static char *visited_text(const struct iam_awsconfig *cfg, const size_t *order, size_t n)
{
	struct iam_buf b = IAM_BUF_INIT;

	iam_buf_addc(&b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			iam_buf_adds(&b, ", ");
		if (n > 40 && i == 20) {
			iam_buf_addf(&b, "... %zu more ...", n - 40);
			i = n - 20;
		}
		py_repr(&b, cfg->profiles[order[i]].name);
	}
	iam_buf_addc(&b, ']');
	return iam_buf_take(&b);
}

/* The source of the role of cur: 1 go on with *next, 0 done, -1 error. */
static int role_source(struct presolve *R, const struct iam_awsprofile *cur,
		       const struct iam_hop *h, size_t *order, size_t *n,
		       const struct iam_awsprofile **next)
{
	const struct iam_awsconfig *cfg = R->cfg;
	const struct iam_awsval *sp = &h->source_profile;
	const struct iam_awsprofile *s = iam_awsconfig_profile(cfg, sp->value);
	size_t si;
	bool failed, seen = false;

	if (!s) {
		pr_error(R, "source-profile-missing", sp, cur->name,
			 "The source_profile \"%s\" referenced in the profile \"%s\" does not exist.",
			 sp->value, cur->name);
		return -1;
	}
	si = (size_t)(s - cfg->profiles);
	for (size_t i = 0; i < *n && !seen; i++)
		seen = order[i] == si;
	if (seen && (s != cur || !has_static(R, s))) {
		char *v = visited_text(cfg, order, *n);

		pr_error(R, "source-profile-loop", sp, cur->name,
			 "Infinite loop in credential configuration detected. Attempting to load "
			 "from profile %s which has already been visited. Visited profiles: %s",
			 s->name, v ? v : "[...]");
		free(v);
		return -1;
	}
	order[(*n)++] = si;
	if (!has_static(R, s) && has_role(R, s)) {
		*next = s;
		return 1;
	}
	if (!profile_providers(R, s, false, &failed) && !failed) {
		pr_error(R, "source-profile-no-credentials", sp, cur->name,
			 "The source profile \"%s\" must have credentials.", s->name);
		return -1;
	}
	return failed ? -1 : 0;
}

static void reverse_hops(struct iam_chain *ch, size_t from)
{
	for (size_t i = from, j = ch->nhops; i + 1 < j; i++, j--) {
		struct iam_hop t = ch->hops[i];

		ch->hops[i] = ch->hops[j - 1];
		ch->hops[j - 1] = t;
	}
}

static bool is_session(enum iam_hop_kind k)
{
	return k == IAM_HOP_ASSUME_ROLE || k == IAM_HOP_WEB_IDENTITY || k == IAM_HOP_SSO ||
	       k == IAM_HOP_SOURCE || k == IAM_HOP_CONTAINER || k == IAM_HOP_IMDS;
}

static void assume_chain(struct presolve *R, const struct iam_awsprofile *top)
{
	const struct iam_awsconfig *cfg = R->cfg;
	size_t order[IAM_PROFILE_MAX_ROLES + 2], n = 0, from = R->ch->nhops;
	const struct iam_awsprofile *cur = top;
	int rc = 1;

	order[n++] = (size_t)(top - cfg->profiles);
	while (rc > 0 && !R->nomem) {
		struct iam_hop *h;
		const struct iam_awsval *sp, *cs;

		if (n > IAM_PROFILE_MAX_ROLES) {
			struct iam_awsval at;

			get(R, top, "role_arn", &at);
			pr_error(R, "source-chain-too-deep", &at, top->name, "maximum recursion depth "
				 "exceeded (a chain of more than %d roles: the AWS CLI 2.9 recurses "
				 "once a hop and stops there)", IAM_PROFILE_MAX_ROLES);
			break;
		}
		if (!(h = role_hop(R, cur)))
			break;
		sp = &h->source_profile;
		cs = &h->credential_source;
		if (sp->value && cs->value) {
			pr_error(R, "source-both", cs, cur->name, "The profile \"%s\" contains both "
				 "source_profile and credential_source.", cur->name);
			break;
		}
		if (!sp->value && !cs->value) {
			pr_error(R, "source-none", &h->role_arn, cur->name,
				 "Partial credentials found in assume-role, missing: "
				 "source_profile or credential_source");
			break;
		}
		if (cs->value) {
			source_hop(R, cur, cs);
			break;
		}
		rc = role_source(R, cur, h, order, &n, &cur);
	}
	reverse_hops(R->ch, from);
	for (size_t i = from; i < R->ch->nhops; i++) {
		const struct iam_hop *h = &R->ch->hops[i];

		if (h->kind == IAM_HOP_ASSUME_ROLE)
			pr_check_role_params(R, h, i > from && is_session(R->ch->hops[i - 1].kind));
		else if (h->kind == IAM_HOP_WEB_IDENTITY)
			pr_check_web_identity_params(R, h);
	}
}

/* ---- the top ---- */

static void chain_region(struct presolve *R, const struct iam_awsprofile *p)
{
	struct iam_chain *ch = R->ch;
	const char *r;
	char buf[128];

	if (R->env->region && *R->env->region) {
		env_val(&ch->region, R->env->region, "AWS_REGION");
		ch->region_from = "AWS_REGION";
	} else if (R->env->default_region && *R->env->default_region) {
		env_val(&ch->region, R->env->default_region, "AWS_DEFAULT_REGION");
		ch->region_from = "AWS_DEFAULT_REGION";
	} else if (p) {
		get(R, p, "region", &ch->region);
		if (ch->region.value)
			ch->region_from = "profile";
	}
	r = ch->region.value;
	if (!r || !*r)
		ch->sts_endpoint = "sts.amazonaws.com (no region: signed for us-east-1)";
	else {
		snprintf(buf, sizeof(buf), "sts.%.64s.amazonaws.com%s", r,
			 strncmp(r, "cn-", 3) == 0 ? ".cn" : "");
		ch->sts_endpoint = pr_strdup(R, buf);
	}
}

static void file_errors(struct presolve *R)
{
	const struct iam_ini *f[2] = { R->cfg->config, R->cfg->credentials };

	for (int i = 0; i < 2; i++)
		if (f[i]->state == IAM_INI_BAD && f[i]->nproblems)
			pr_diag(R, IAM_PDIAG_ERROR, "config-parse-error", f[i]->path,
				f[i]->problems[0].line, NULL, "Unable to parse config file: %s",
				f[i]->path);
}

/* Nothing in the files: what the chain tries last. */
static void fallback(struct presolve *R, const struct iam_awsprofile *p)
{
	struct iam_awsval none = { 0 };
	struct iam_hop *h;

	if (R->env->container) {
		add_hop(R, IAM_HOP_CONTAINER, NULL);
		return;
	}
	if (R->env->imds_disabled) {
		pr_error(R, "no-credentials", &none, p->name,
			 "Unable to locate credentials. You can configure credentials by running "
			 "\"aws configure\".");
		return;
	}
	h = add_hop(R, IAM_HOP_IMDS, NULL);
	if (h) {
		h->principal = "arn:aws:sts::*:assumed-role/*/i-*";
		h->principal_pattern = true;
	}
	pr_warn(R, "no-credentials", &none, p->name,
		"profile \"%s\" has no credentials: the AWS CLI goes on to the instance "
		"metadata service (IMDS), and without it fails: Unable to locate credentials",
		p->name);
}

static void resolve_top(struct presolve *R, const struct iam_awsprofile *p, bool explicit)
{
	const struct iam_profile_env *env = R->env;
	struct iam_awsval none = { 0 };
	bool failed;

	pr_lint_profile_keys(R, p);
	if (!explicit && env->access_key) {
		if (!env->secret_key) {
			pr_error(R, "partial-keys", &none, p->name,
				 "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY");
			return;
		}
		add_hop(R, IAM_HOP_ENV, NULL);
		pr_warn(R, "env-keys-win", &none, p->name,
			"AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set: the AWS CLI uses "
			"them, not profile \"%s\" (only --profile turns them off)", p->name);
		return;
	}
	if (has_role(R, p))
		assume_chain(R, p);
	else if (!profile_providers(R, p, !explicit, &failed) && !failed)
		fallback(R, p);
	else if (R->ch->nhops && R->ch->hops[0].kind == IAM_HOP_WEB_IDENTITY)
		pr_check_web_identity_params(R, &R->ch->hops[0]);
}

struct iam_chain *iam_profile_resolve(const struct iam_awsconfig *cfg, const char *name,
				      const struct iam_profile_env *env,
				      struct iam_error *err)
{
	struct presolve R = { cfg, env, pr_chain_new(err), false };
	const struct iam_awsprofile *p;
	struct iam_awsprofile dflt = { "default", NULL, NULL };
	bool explicit = name != NULL || env->profile != NULL;

	if (!R.ch)
		return NULL;
	if (!name)
		name = iam_profile_selected(env, NULL);
	R.ch->profile = pr_strdup(&R, name);
	file_errors(&R);
	p = iam_awsconfig_profile(cfg, name);
	R.ch->found = p != NULL || strcmp(name, "default") == 0;
	if (!p && !R.ch->found) {
		struct iam_awsval none = { 0 };

		pr_error(&R, "profile-not-found", &none, name,
			 "The config profile (%s) could not be found", name);
	} else {
		chain_region(&R, p ? p : &dflt);
		resolve_top(&R, p ? p : &dflt, explicit);
		if (p)
			pr_lint_amplify_chain(&R, p);
	}
	if (R.ch->nhops) {
		R.ch->principal = R.ch->hops[R.ch->nhops - 1].principal;
		R.ch->principal_pattern = R.ch->hops[R.ch->nhops - 1].principal_pattern;
	}
	if (R.nomem) {
		iam_chain_free(R.ch);
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	return R.ch;
}

/* core/profile_lint.c - what STS and the AWS CLI refuse in a profile, and
 * what they read otherwise than meant (core/profile.h).
 *
 * Part of the engine, owned by the profile work.  The limits are STS's
 * (the AssumeRole model: botocore checks the minimum lengths and values
 * itself, STS the maxima and the patterns, its \w being [A-Za-z0-9_]);
 * the warnings name where the AWS CLI drops or keeps something silently,
 * and where the Amplify CLI (npm `ini`) reads the same files differently.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/profile.h"
#include "core/profile_impl.h"

int pr_python_int(const char *s, long *out)
{
	long v = 0;
	bool neg = false, digit = false;

	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	for (; *s; s++) {
		if (*s == '_' && digit && s[1] >= '0' && s[1] <= '9')
			continue;
		if (*s < '0' || *s > '9')
			return -1;
		digit = true;
		v = v > 100000000000L ? v : v * 10 + (*s - '0');
	}
	if (!digit)
		return -1;
	*out = neg ? -v : v;
	return 0;
}

/* [\w<extra>]*: the first character outside it, or NULL. */
static const char *outside(const char *v, const char *extra)
{
	for (; *v; v++) {
		char c = *v;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || strchr(extra, c)))
			return v;
	}
	return NULL;
}

/* One string parameter against its model: botocore's minimum, STS's
 * maximum and pattern. */
static const char *check_string(const char *v, const char *param, const char *member,
				size_t min, size_t max, const char *extra,
				const char *pattern, char *buf, size_t n)
{
	size_t len = strlen(v);

	if (len < min)
		snprintf(buf, n, "Parameter validation failed: Invalid length for parameter %s, "
			 "value: %zu, valid min length: %zu", param, len, min);
	else if (len > max)
		snprintf(buf, n, "1 validation error detected: Value '%.80s%s' at '%s' failed to "
			 "satisfy constraint: Member must have length less than or equal to %zu",
			 v, len > 80 ? "..." : "", member, max);
	else if (extra && outside(v, extra))
		snprintf(buf, n, "1 validation error detected: Value '%.80s%s' at '%s' failed to "
			 "satisfy constraint: Member must satisfy regular expression pattern: %s",
			 v, len > 80 ? "..." : "", member, pattern);
	else
		return NULL;
	return buf;
}

const char *iam_sts_check_session_name(const char *v, char *buf, size_t n)
{
	return check_string(v, "RoleSessionName", "roleSessionName", 2, 64, "+=,.@-",
			    "[\\w+=,.@-]*", buf, n);
}

const char *iam_sts_check_external_id(const char *v, char *buf, size_t n)
{
	return check_string(v, "ExternalId", "externalId", 2, 1224, "+=,.@:/-",
			    "[\\w+=,.@:\\/-]*", buf, n);
}

const char *iam_sts_check_serial(const char *v, char *buf, size_t n)
{
	const char *r = check_string(v, "SerialNumber", "serialNumber", 9, 256, "+=/:,.@-",
				     "[\\w+=/:,.@-]*", buf, n);
	const char *p = v;

	if (r || strncmp(v, "arn:", 4) != 0)
		return r;
	p = strchr(v + 4, ':');
	if (p && strncmp(p, ":iam::", 6) == 0 && strspn(p + 6, "0123456789") == 12 &&
	    strncmp(p + 18, ":mfa/", 5) == 0 && p[23])
		return NULL;
	snprintf(buf, n, "mfa_serial '%.200s' is not an MFA device ARN "
		 "(arn:aws:iam::123456789012:mfa/NAME) nor a hardware serial: "
		 "STS cannot authenticate it", v);
	return buf;
}

const char *iam_sts_check_role_arn(const char *v, char *buf, size_t n)
{
	const char *r = check_string(v, "RoleArn", "roleArn", 20, 2048, NULL, NULL, buf, n);

	if (r)
		return r;
	{
		char part[64], acct[13], name[128];

		if (iam_role_arn_parts(v, part, sizeof(part), acct, name, sizeof(name)))
			return NULL;
	}
	snprintf(buf, n, "role_arn '%.200s' is not an IAM role ARN "
		 "(arn:aws:iam::123456789012:role/NAME): the AWS CLI sends it as written "
		 "and STS refuses it", v);
	return buf;
}

/* ---- one hop's parameters ---- */

static void check_val(struct presolve *R, const struct iam_hop *h, const struct iam_awsval *v,
		      const char *code,
		      const char *(*fn)(const char *, char *, size_t))
{
	char buf[512];
	const char *why;

	if (!v->value || !(why = fn(v->value, buf, sizeof(buf))))
		return;
	pr_error(R, code, v, h->profile, "%s", why);
}

void pr_check_role_params(struct presolve *R, const struct iam_hop *h, bool chained)
{
	const struct iam_awsval *d = &h->duration_seconds;

	check_val(R, h, &h->role_arn, "role-arn-invalid", iam_sts_check_role_arn);
	check_val(R, h, &h->role_session_name, "session-name-invalid",
		  iam_sts_check_session_name);
	check_val(R, h, &h->external_id, "external-id-invalid", iam_sts_check_external_id);
	check_val(R, h, &h->mfa_serial, "mfa-serial-invalid", iam_sts_check_serial);
	if (!h->duration_set)
		return;
	if (h->duration < 900)
		pr_error(R, "duration-invalid", d, h->profile, "Parameter validation failed: "
			 "Invalid value for parameter DurationSeconds, value: %ld, valid min "
			 "value: 900", h->duration);
	else if (h->duration > 43200)
		pr_error(R, "duration-invalid", d, h->profile, "1 validation error detected: "
			 "Value '%ld' at 'durationSeconds' failed to satisfy constraint: Member "
			 "must have value less than or equal to 43200", h->duration);
	else if (chained && h->duration > 3600)
		pr_error(R, "duration-chained", d, h->profile, "The requested DurationSeconds "
			 "exceeds the 1 hour session limit for roles assumed by role chaining.");
}

void pr_check_web_identity_params(struct presolve *R, const struct iam_hop *h)
{
	check_val(R, h, &h->role_arn, "role-arn-invalid", iam_sts_check_role_arn);
	check_val(R, h, &h->role_session_name, "session-name-invalid",
		  iam_sts_check_session_name);
}

/* ---- one profile's keys ---- */

static void lint_key(struct presolve *R, const struct iam_ini *ini,
		     const struct iam_awsprofile *p, const struct iam_ini_key *k)
{
	struct iam_awsval v = { k->value, ini->path, k->line, k, NULL };
	const char *c = k->nested ? NULL : strpbrk(k->value, "#;");
	size_t len = strlen(k->value);

	if (c)
		pr_warn(R, "value-comment", &v, p->name, "'%c' inside the value of %s: the AWS "
			"CLI keeps it as part of the value (there are no inline comments); the "
			"Amplify CLI cuts the value there", *c, k->name);
	if (len >= 2 && (k->value[0] == '"' || k->value[0] == '\'') &&
	    k->value[len - 1] == k->value[0])
		pr_warn(R, "value-quoted", &v, p->name, "the value of %s is in quotes: the AWS "
			"CLI keeps the quotes as part of the value; the Amplify CLI removes them",
			k->name);
	if (k->colon)
		pr_warn(R, "amplify-colon", &v, p->name, "%s is written with ':': the AWS CLI "
			"reads ':' as '=', the Amplify CLI does not (it sees no %s)", k->name,
			k->name);
	if (k->folded)
		pr_warn(R, "amplify-key-case", &v, p->name, "%s is written with capitals: the "
			"AWS CLI lowercases key names, the Amplify CLI does not", k->name);
}

void pr_lint_profile_keys(struct presolve *R, const struct iam_awsprofile *p)
{
	const struct iam_ini *ini[2] = { R->cfg->config, R->cfg->credentials };
	const struct iam_ini_section *sec[2] = { p->cfg, p->cred };

	for (int j = 0; j < 2; j++)
		for (size_t i = 0; sec[j] && i < sec[j]->nkeys; i++)
			lint_key(R, ini[j], p, &sec[j]->keys[i]);
}

/* Where the Amplify CLI cannot follow the chain the AWS CLI follows. */
void pr_lint_amplify_chain(struct presolve *R, const struct iam_awsprofile *p)
{
	const struct iam_chain *ch = R->ch;
	struct iam_awsval at = { 0 };
	size_t roles = 0;

	if (p->cfg)
		at.file = R->cfg->config->path, at.line = p->cfg->line;
	else if (p->cred)
		at.file = R->cfg->credentials->path, at.line = p->cred->line;
	if (!p->cfg && p->cred)
		pr_warn(R, "amplify-not-in-config", &at, p->name, "profile \"%s\" is only in "
			"the credentials file: the Amplify CLI offers only the config file's "
			"profiles", p->name);
	for (size_t i = 0; i < ch->nhops; i++) {
		const struct iam_hop *h = &ch->hops[i];

		roles += h->kind == IAM_HOP_ASSUME_ROLE;
		if (h->kind == IAM_HOP_SOURCE || h->kind == IAM_HOP_WEB_IDENTITY ||
		    h->kind == IAM_HOP_SSO)
			pr_warn(R, "amplify-unsupported", &at, p->name, "the chain uses %s: the "
				"Amplify CLI does not (no credential_source, web identity or SSO)",
				iam_hop_kind_name(h->kind));
		if (h->kind == IAM_HOP_STATIC && h->access_key_id.file == R->cfg->config->path &&
		    i + 1 < ch->nhops)
			pr_warn(R, "amplify-keys-in-config", &h->access_key_id, p->name,
				"the keys of source profile \"%s\" are in the config file: the Amplify "
				"CLI reads a role's source keys only from the credentials file",
				h->profile);
	}
	if (roles > 1)
		pr_warn(R, "amplify-chain", &at, p->name, "a chain of %zu roles: the Amplify CLI "
			"does not follow a source_profile that is itself a role", roles);
	if (roles)
		pr_warn(R, "amplify-role", &at, p->name, "the Amplify CLI 8.11 and later do not "
			"assume roles at all; earlier ones cache their credentials in "
			"~/.amplify/awscloudformation/cache.json, not ~/.aws/cli/cache");
}

/* ---- the files ---- */

/* The name npm `ini` gives a section: up to its first unescaped '.', "\."
 * read as '.'. */
static char *ini_js_section(const char *name)
{
	struct iam_buf b = IAM_BUF_INIT;

	for (; *name && *name != '.'; name++) {
		if (name[0] == '\\' && name[1] == '.')
			name++;
		iam_buf_addc(&b, *name);
	}
	return iam_buf_take(&b);
}

/* The Amplify CLI's name for a config file section: "profile" taken out
 * once, then trimmed. */
static char *amplify_name(const char *section, bool config)
{
	char *s = ini_js_section(section), *p, *e;

	if (!s || !config)
		return s;
	p = strstr(s, "profile");
	if (p)
		memmove(p, p + 7, strlen(p + 7) + 1);
	for (p = s; *p == ' ' || *p == '\t'; p++)
		;
	memmove(s, p, strlen(p) + 1);
	for (e = s + strlen(s); e > s && (e[-1] == ' ' || e[-1] == '\t'); e--)
		e[-1] = '\0';
	return s;
}

static void amplify_name_diff(struct presolve *R, const struct iam_ini *ini,
			      const struct iam_ini_section *sec, const char *aws, bool config)
{
	struct iam_awsval at = { NULL, ini->path, sec->line, NULL, NULL };
	char *amp = amplify_name(sec->name, config);

	if (!amp) {
		R->nomem = true;
		return;
	}
	if (aws && strcmp(aws, amp) != 0)
		pr_warn(R, "amplify-name", &at, aws, "[%s] is profile '%s' for the AWS CLI, "
			"'%s' for the Amplify CLI%s", sec->name, aws, amp,
			strchr(sec->name, '.') && !strstr(sec->name, "\\.") ?
			" (it splits names at dots: write the dot as \\.)" :
			strpbrk(sec->name, "\"'") ? " (it keeps quotes in names)" : "");
	free(amp);
}

static void check_section(struct presolve *R, const struct iam_awssec *s)
{
	const struct iam_ini *ini = R->cfg->config;
	struct iam_awsval at = { NULL, ini->path, s->sec->line, NULL, NULL };

	switch (s->kind) {
	case IAM_AWSSEC_PROFILE:
		amplify_name_diff(R, ini, s->sec, s->name, true);
		break;
	case IAM_AWSSEC_OTHER:
		pr_warn(R, "not-a-profile", &at, NULL, "[%s] in the config file is not a "
			"profile: the AWS CLI ignores it (a profile is [profile %s]); the Amplify "
			"CLI reads it as a profile", s->sec->name, s->sec->name);
		break;
	case IAM_AWSSEC_DROPPED:
		pr_warn(R, "profile-dropped", &at, NULL, "[%s] is no profile: the AWS CLI "
			"splits the name shell-style and needs exactly one word after 'profile' "
			"(quote a name with spaces)", s->sec->name);
		break;
	case IAM_AWSSEC_REPLACED:
		pr_warn(R, "section-replaced", &at, s->name, "[%s] is replaced whole by [%s] "
			"at line %d (the same %s; the later section wins, nothing is merged)",
			s->sec->name, s->winner->name, s->winner->line,
			strncmp(s->sec->name, "sso-session", 11) == 0 ? "sso-session" : "profile");
		break;
	default:
		break;
	}
}

static void check_file(struct presolve *R, const struct iam_ini *f, const char *var,
		       bool named)
{
	struct iam_awsval at = { NULL, f->path, 0, NULL, NULL };

	if (f->state == IAM_INI_ABSENT && named)
		pr_warn(R, "file-absent", &at, NULL, "the %s file %s is not a file: the AWS "
			"CLI reads nothing from it", var, f->path);
	if (f->state == IAM_INI_UNREADABLE)
		pr_warn(R, "file-unreadable", &at, NULL, "cannot open %s (%s): the AWS CLI skips "
			"it silently", f->path, strerror(f->sys_errno));
	for (size_t i = 0; i < f->nproblems; i++)
		pr_diag(R, IAM_PDIAG_ERROR, "config-parse-error", f->path, f->problems[i].line,
			NULL, "Unable to parse config file: %s: %s", f->path, f->problems[i].text);
	if (f->defaults) {
		at.line = f->defaults->line;
		pr_warn(R, "default-section", &at, NULL, "[DEFAULT] is not the default profile: "
			"Python's configparser lays its keys under every section of the file "
			"(the default profile is [default])");
	}
}

/* [DEFAULT] is laid under [plugins] as well: each of its keys becomes a
 * plugin the AWS CLI imports (output = json: module json), and fails. */
static void check_plugins(struct presolve *R, const struct iam_ini *f)
{
	bool plugins = false;

	for (size_t i = 0; i < f->nsections && !plugins; i++)
		plugins = strcmp(f->sections[i]->name, "plugins") == 0;
	if (!plugins || !f->defaults)
		return;
	for (size_t i = 0; i < f->defaults->nkeys; i++) {
		const struct iam_ini_key *k = &f->defaults->keys[i];
		struct iam_awsval at = { NULL, f->path, k->line, k, NULL };

		if (strcmp(k->name, "cli_legacy_plugin_path") == 0)
			continue;
		pr_error(R, "plugins-default", &at, NULL, "[DEFAULT]'s %s is laid under "
			 "[plugins] too: the AWS CLI loads it as a plugin (module '%s') and every "
			 "command fails", k->name, iam_awskey_is_secret(k->name) ? "<secret>" :
			 k->value);
	}
}

struct iam_chain *iam_profile_check_files(const struct iam_awsconfig *cfg,
					  const struct iam_profile_env *env,
					  struct iam_error *err)
{
	struct presolve R = { cfg, env, pr_chain_new(err), false };
	const struct iam_ini *cred = cfg->credentials;

	if (!R.ch)
		return NULL;
	check_file(&R, cfg->config, "config", env->config_file != NULL);
	check_file(&R, cred, "credentials", env->credentials_file != NULL);
	check_plugins(&R, cfg->config);
	for (size_t i = 0; i < cfg->nsecs; i++)
		check_section(&R, &cfg->secs[i]);
	for (size_t i = 0; i < cred->nsections; i++) {
		const struct iam_ini_section *s = cred->sections[i];
		struct iam_awsval at = { NULL, cred->path, s->line, NULL, NULL };

		if (strncmp(s->name, "profile ", 8) == 0)
			pr_warn(&R, "credentials-profile-prefix", &at, s->name, "[%s] in the "
				"credentials file is a profile named '%s': names there are literal "
				"(write [%s])", s->name, s->name, s->name + 8);
		amplify_name_diff(&R, cred, s, s->name, false);
	}
	if (R.nomem) {
		iam_chain_free(R.ch);
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	return R.ch;
}

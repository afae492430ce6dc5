/* cli/cmd_profile.c - iamgate profile: an AWS CLI profile's credential
 * chain, hop by hop, and a lint of the config and credentials files.
 *
 * Owned by the profile work.  The engine resolves (core/profile.h); this
 * file only shows it.  No secret value is ever printed: the engine's
 * texts hold none, and the access keys are shown by place only.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cmds.h"
#include "cli/msg.h"
#include "core/error.h"
#include "core/profile.h"

struct profile_opts {
	const char *format, *config_file, *credentials_file;
	bool all, no_amplify, quiet;
};

#define O(f) offsetof(struct profile_opts, f)

static const struct cmd_option profile_options[] = {
	CMD_FLAG(0, "all", O(all), "check every profile of the files (a lint)"),
	CMD_AWS_FILE_OPTIONS(O(config_file), O(credentials_file)),
	CMD_FLAG(0, "no-amplify", O(no_amplify),
		 "leave out the warnings about how the Amplify\n"
		 "CLI reads the files otherwise"),
	CMD_CHOICE(0, "format", "text|json", O(format), cmd_formats_text_json,
		   "output format (default: text)"),
	CMD_FLAG('q', "quiet", O(quiet), "print nothing; the exit status tells"),
	CMD_HELP_OPTION,
	CMD_END,
};

static const struct cmd_command profile_command = {
	.name = "profile",
	.usage = "iamgate profile [NAME] [options]\n"
		 "iamgate profile --all [options]",
	.about =
		"Resolve an AWS CLI profile's credential chain hop by hop, as the AWS CLI v2\n"
		"would: each hop's profile and kind (static keys, assume-role, web identity,\n"
		"SSO, credential_process, credential_source), role ARN, session name,\n"
		"external ID, MFA serial, duration and region, each with its file:line, and\n"
		"the principal each hop acts as.  Every error the AWS CLI or STS would raise\n"
		"is reported before the profile is used; what the AWS CLI drops or reads\n"
		"otherwise than meant, and how the Amplify CLI reads the files, are warnings.\n"
		"NAME is the profile the AWS CLI is given; without it, AWS_PROFILE's, else\n"
		"AWS_DEFAULT_PROFILE's, else default.  Nothing is fetched; no secret is shown.\n",
	.options = profile_options,
	.footer =
		"exit status: 0 no errors (warnings only), 1 an error in the profile or\n"
		"the files, 2 usage error, 3 a file too large to read, 4 internal error.\n",
};

void cmd_profile_usage(FILE *f)
{
	cmd_help(&profile_command, f);
}

struct view {
	const struct profile_opts *o;
	const struct iam_awsconfig *cfg;
	size_t errors, warnings;
};

/* Is diag d shown (and counted)? */
static bool shown(const struct view *V, const struct iam_pdiag *d, bool in_profile)
{
	if (V->o->no_amplify && strncmp(d->code, "amplify-", 8) == 0)
		return false;
	/* the file check lists each parse problem itself */
	return !(in_profile && strcmp(d->code, "config-parse-error") == 0);
}

/* A value on one line: control characters written as \n, \t, \xNN. */
static void put_escaped(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < 0x20 || c == 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
}

static void text_diag(const struct iam_pdiag *d, const char *indent)
{
	const char *sev = d->sev == IAM_PDIAG_ERROR ? "error" : "warning";

	if (d->file && d->line)
		printf("%s%s:%d: %s: %s: ", indent, d->file, d->line, sev, d->code);
	else if (d->file)
		printf("%s%s: %s: %s: ", indent, d->file, sev, d->code);
	else
		printf("%s%s: %s: ", indent, sev, d->code);
	put_escaped(d->text);
	putchar('\n');
}

static void count(struct view *V, const struct iam_chain *ch, bool in_profile,
		  const char *only)
{
	for (size_t i = 0; i < ch->ndiags; i++) {
		const struct iam_pdiag *d = &ch->diags[i];

		if (!shown(V, d, in_profile))
			continue;
		if (only && d->sev != IAM_PDIAG_ERROR && (!d->profile || strcmp(d->profile, only)))
			continue;
		if (d->sev == IAM_PDIAG_ERROR)
			V->errors++;
		else
			V->warnings++;
	}
}

/* ---- text ---- */

static void text_val(const char *label, const struct iam_awsval *v, const char *note)
{
	if (!v->value && !note)
		return;
	printf("      %-18s ", label);
	if (v->value) {
		put_escaped(v->value);
		if (v->file)
			printf(" (%s:%d)", v->file, v->line);
		else if (v->env)
			printf(" (%s)", v->env);
	}
	if (note)
		printf("%s%s", v->value ? " " : "", note);
	putchar('\n');
}

static void text_role(const struct iam_hop *h)
{
	struct iam_awsval s = h->role_session_name;

	text_val("role_arn", &h->role_arn, NULL);
	if (h->session_default) {
		s.value = "botocore-session-<epoch>";
		s.file = NULL, s.env = NULL;
		text_val("role_session_name", &s, "(not set: botocore's default)");
	} else {
		text_val("role_session_name", &s, NULL);
	}
	if (h->kind == IAM_HOP_WEB_IDENTITY) {
		text_val("token file", &h->web_identity_token_file, NULL);
		return;
	}
	text_val("external_id", &h->external_id, NULL);
	text_val("mfa_serial", &h->mfa_serial,
		 h->mfa_serial.value ? "(the AWS CLI prompts for a code)" : NULL);
	if (h->duration_seconds.value)
		text_val("duration_seconds", &h->duration_seconds,
			 h->duration_set ? NULL : "(dropped: not an integer)");
	else
		text_val("duration_seconds", &h->duration_seconds, "not set (STS: 3600)");
	text_val("source_profile", &h->source_profile, NULL);
	text_val("credential_source", &h->credential_source, NULL);
}

static void text_hop(const struct iam_hop *h, size_t i)
{
	struct iam_awsval none = { 0 };

	printf("  hop %zu: ", i + 1);
	if (h->profile) {
		put_escaped(h->profile);
		fputs(": ", stdout);
	}
	fputs(iam_hop_kind_name(h->kind), stdout);
	if (h->kind == IAM_HOP_SOURCE)
		putchar(' '), put_escaped(h->credential_source.value);
	if (i && (h->kind == IAM_HOP_ASSUME_ROLE))
		printf(", signed with hop %zu's credentials", i);
	putchar('\n');
	switch (h->kind) {
	case IAM_HOP_STATIC: {
		struct iam_awsval k = h->access_key_id;
		char masked[32];
		size_t n = strlen(k.value);

		/* as `aws configure list` shows it: the last four characters */
		snprintf(masked, sizeof(masked), "****************%s", n > 4 ? k.value + n - 4 : "");
		k.value = masked;
		text_val("aws_access_key_id", &k, NULL);
		break;
	}
	case IAM_HOP_ASSUME_ROLE:
	case IAM_HOP_WEB_IDENTITY:
		text_role(h);
		break;
	case IAM_HOP_SSO:
		text_val("sso_session", &h->sso_session, NULL);
		text_val("sso_account_id", &h->sso_account_id, NULL);
		text_val("sso_role_name", &h->sso_role_name, NULL);
		text_val("sso_start_url", &h->sso_start_url, NULL);
		text_val("sso_region", &h->sso_region, NULL);
		break;
	case IAM_HOP_PROCESS:
		text_val("credential_process", &h->credential_process, NULL);
		break;
	default:
		break;
	}
	if (h->profile && h->kind != IAM_HOP_SOURCE)
		text_val("region", &h->region, h->region.value ? NULL : "not set");
	text_val("acts as", &none, h->principal ? h->principal :
		 h->role_arn.value ? "unknown: role_arn is not a role ARN" :
		 "known only to AWS (the owner of the credentials)");
}

static void text_chain(struct view *V, const struct iam_chain *ch, const char *from)
{
	fputs("profile ", stdout);
	put_escaped(ch->profile);
	if (from)
		printf(" (selected by %s)", from);
	putchar('\n');
	for (size_t i = 0; i < ch->nhops; i++)
		text_hop(&ch->hops[i], i);
	if (ch->found) {
		fputs("  acts as: ", stdout);
		put_escaped(ch->principal ? ch->principal : "unknown offline");
		puts(ch->principal_pattern ? " (a pattern)" : "");
		if (ch->region.value) {
			fputs("  region: ", stdout);
			put_escaped(ch->region.value);
			if (ch->region.file)
				printf(" (%s:%d)\n", ch->region.file, ch->region.line);
			else
				printf(" (%s)\n", ch->region.env);
		} else {
			printf("  region: not set\n");
		}
		if (ch->nhops && (ch->hops[ch->nhops - 1].kind == IAM_HOP_ASSUME_ROLE ||
				  ch->hops[0].kind == IAM_HOP_WEB_IDENTITY))
			fputs("  sts endpoint: ", stdout), put_escaped(ch->sts_endpoint),
				putchar('\n');
	}
	for (size_t i = 0; i < ch->ndiags; i++)
		if (shown(V, &ch->diags[i], true))
			text_diag(&ch->diags[i], "  ");
}

/* ---- JSON ---- */

static int jset(json_t *o, const char *k, json_t *v)
{
	return json_object_set_new(o, k, v ? v : json_null());
}

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static void json_val(json_t *o, const char *k, const struct iam_awsval *v)
{
	json_t *j;

	if (!v->value && !v->file)
		return;
	j = json_object();
	if (!iam_awskey_is_secret(k) && strcmp(k, "accessKeyId") != 0)
		jset(j, "value", jstr(v->value));
	if (v->file) {
		jset(j, "file", json_string(v->file));
		jset(j, "line", json_integer(v->line));
	}
	if (v->env)
		jset(j, "env", json_string(v->env));
	jset(o, k, j);
}

static json_t *json_hop(const struct iam_hop *h)
{
	json_t *o = json_object();

	jset(o, "kind", json_string(iam_hop_kind_name(h->kind)));
	jset(o, "profile", jstr(h->profile));
	json_val(o, "roleArn", &h->role_arn);
	if (h->kind == IAM_HOP_ASSUME_ROLE || h->kind == IAM_HOP_WEB_IDENTITY) {
		jset(o, "roleSessionName", json_string(h->session_default ?
			"botocore-session-<epoch>" : h->session_name));
		jset(o, "roleSessionNameDefault", json_boolean(h->session_default));
	}
	json_val(o, "roleSessionNameSetting", &h->role_session_name);
	json_val(o, "externalId", &h->external_id);
	json_val(o, "mfaSerial", &h->mfa_serial);
	json_val(o, "durationSecondsSetting", &h->duration_seconds);
	if (h->duration_set)
		jset(o, "durationSeconds", json_integer(h->duration));
	json_val(o, "sourceProfile", &h->source_profile);
	json_val(o, "credentialSource", &h->credential_source);
	json_val(o, "webIdentityTokenFile", &h->web_identity_token_file);
	json_val(o, "ssoSession", &h->sso_session);
	json_val(o, "ssoAccountId", &h->sso_account_id);
	json_val(o, "ssoRoleName", &h->sso_role_name);
	json_val(o, "ssoStartUrl", &h->sso_start_url);
	json_val(o, "ssoRegion", &h->sso_region);
	json_val(o, "credentialProcess", &h->credential_process);
	json_val(o, "accessKeyId", &h->access_key_id);
	json_val(o, "region", &h->region);
	jset(o, "principal", jstr(h->principal));
	jset(o, "principalPattern", json_boolean(h->principal_pattern));
	return o;
}

static json_t *json_diags(const struct view *V, const struct iam_chain *ch, bool in_profile,
			  const char *only)
{
	json_t *a = json_array();

	for (size_t i = 0; i < ch->ndiags; i++) {
		const struct iam_pdiag *d = &ch->diags[i];
		json_t *o;

		if (!shown(V, d, in_profile))
			continue;
		if (only && d->sev != IAM_PDIAG_ERROR && (!d->profile || strcmp(d->profile, only)))
			continue;
		o = json_object();
		jset(o, "severity", json_string(d->sev == IAM_PDIAG_ERROR ? "error" : "warning"));
		jset(o, "code", json_string(d->code));
		jset(o, "file", jstr(d->file));
		jset(o, "line", d->line ? json_integer(d->line) : json_null());
		jset(o, "profile", jstr(d->profile));
		jset(o, "message", json_string(d->text));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *json_chain(const struct view *V, const struct iam_chain *ch, const char *from)
{
	json_t *o = json_object(), *hops = json_array();

	jset(o, "profile", json_string(ch->profile));
	if (from)
		jset(o, "selectedBy", json_string(from));
	jset(o, "found", json_boolean(ch->found));
	for (size_t i = 0; i < ch->nhops; i++)
		json_array_append_new(hops, json_hop(&ch->hops[i]));
	jset(o, "hops", hops);
	jset(o, "principal", jstr(ch->principal));
	jset(o, "principalPattern", json_boolean(ch->principal_pattern));
	json_val(o, "region", &ch->region);
	jset(o, "stsEndpoint", jstr(ch->sts_endpoint));
	jset(o, "diagnostics", json_diags(V, ch, true, NULL));
	return o;
}

/* ---- the command ---- */

static void text_summary_line(const struct iam_chain *ch)
{
	put_escaped(ch->profile);
	putchar(':');
	for (size_t i = 0; i < ch->nhops; i++) {
		const struct iam_hop *h = &ch->hops[i];

		printf("%s %s", i ? " ->" : "", iam_hop_kind_name(h->kind));
		if (h->profile && i + 1 < ch->nhops) {
			fputs(" (", stdout);
			put_escaped(h->profile);
			putchar(')');
		}
	}
	if (!ch->nhops)
		printf(" no credentials");
	if (ch->principal) {
		fputs(": acts as ", stdout);
		put_escaped(ch->principal);
	}
	putchar('\n');
}

static int run_all(struct view *V, const struct iam_profile_env *env,
		   const struct iam_chain *files)
{
	const struct iam_awsconfig *cfg = V->cfg;
	bool text = strcmp(V->o->format, "text") == 0 && !V->o->quiet;
	json_t *out = json_object(), *profs = json_array();
	struct iam_error err = IAM_ERROR_INIT;

	count(V, files, false, NULL);
	if (text)
		for (size_t i = 0; i < files->ndiags; i++)
			if (shown(V, &files->diags[i], false))
				text_diag(&files->diags[i], "");
	for (size_t i = 0; i < cfg->nprofiles; i++) {
		struct iam_chain *ch = iam_profile_resolve(cfg, cfg->profiles[i].name, env, &err);

		if (!ch) {
			json_decref(out);
			json_decref(profs);
			iam_msg_failure(&err);
			return IAM_EXIT_INTERNAL;
		}
		count(V, ch, true, NULL);
		if (text) {
			text_summary_line(ch);
			for (size_t j = 0; j < ch->ndiags; j++)
				if (shown(V, &ch->diags[j], true))
					text_diag(&ch->diags[j], "  ");
		}
		if (!text && !V->o->quiet)
			json_array_append_new(profs, json_chain(V, ch, NULL));
		iam_chain_free(ch);
	}
	if (text)
		printf("%zu profile%s: %zu error%s, %zu warning%s\n", cfg->nprofiles,
		       cfg->nprofiles == 1 ? "" : "s", V->errors, V->errors == 1 ? "" : "s",
		       V->warnings, V->warnings == 1 ? "" : "s");
	jset(out, "configFile", json_string(cfg->config->path));
	jset(out, "credentialsFile", json_string(cfg->credentials->path));
	jset(out, "files", json_diags(V, files, false, NULL));
	jset(out, "profiles", profs);
	jset(out, "errors", json_integer((json_int_t)V->errors));
	jset(out, "warnings", json_integer((json_int_t)V->warnings));
	if (!V->o->quiet && strcmp(V->o->format, "json") == 0) {
		json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	}
	json_decref(out);
	return V->errors ? IAM_EXIT_DENIED : IAM_EXIT_OK;
}

static int run_one(struct view *V, const struct iam_profile_env *env,
		   const struct iam_chain *files, const char *name)
{
	const char *from = "the command line";
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_chain *ch;
	json_t *out;

	if (!name)
		iam_profile_selected(env, &from);
	ch = iam_profile_resolve(V->cfg, name, env, &err);
	if (!ch) {
		iam_msg_failure(&err);
		return IAM_EXIT_INTERNAL;
	}
	count(V, files, false, ch->profile);
	count(V, ch, true, NULL);
	if (V->o->quiet) {
	} else if (strcmp(V->o->format, "text") == 0) {
		for (size_t i = 0; i < files->ndiags; i++) {
			const struct iam_pdiag *d = &files->diags[i];

			if (shown(V, d, false) && (d->sev == IAM_PDIAG_ERROR ||
			    (d->profile && strcmp(d->profile, ch->profile) == 0)))
				text_diag(d, "");
		}
		text_chain(V, ch, from);
	} else {
		out = json_chain(V, ch, from);
		jset(out, "configFile", json_string(V->cfg->config->path));
		jset(out, "credentialsFile", json_string(V->cfg->credentials->path));
		jset(out, "files", json_diags(V, files, false, ch->profile));
		jset(out, "errors", json_integer((json_int_t)V->errors));
		jset(out, "warnings", json_integer((json_int_t)V->warnings));
		json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(out);
	}
	iam_chain_free(ch);
	return V->errors ? IAM_EXIT_DENIED : IAM_EXIT_OK;
}

int cmd_profile(int argc, char **argv)
{
	struct profile_opts o = { .format = "text" };
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_profile_env env;
	struct iam_awsconfig *cfg;
	struct iam_chain *files;
	struct view V = { &o, NULL, 0, 0 };
	int nargs, rc = cmd_parse(&profile_command, argc, argv, &o, &nargs);

	if (rc != CMD_CONTINUE)
		return rc;
	if (o.all && nargs) {
		iam_msg_usage("profile", "--all checks every profile: give no NAME");
		return IAM_EXIT_USAGE;
	}
	if (nargs > 1) {
		iam_msg_usage("profile", "give one profile NAME");
		return IAM_EXIT_USAGE;
	}
	iam_profile_env_from_environ(&env);
	if (o.config_file)
		env.config_file = o.config_file;
	if (o.credentials_file)
		env.credentials_file = o.credentials_file;
	cfg = iam_profile_load(&env, &err);
	if (!cfg) {
		iam_msg_failure(&err);
		return iam_exit_for(&err);
	}
	V.cfg = cfg;
	files = iam_profile_check_files(cfg, &env, &err);
	if (!files) {
		iam_awsconfig_free(cfg);
		iam_msg_failure(&err);
		return IAM_EXIT_INTERNAL;
	}
	rc = o.all ? run_all(&V, &env, files) : run_one(&V, &env, files, nargs ? argv[0] : NULL);
	iam_chain_free(files);
	iam_awsconfig_free(cfg);
	return rc;
}

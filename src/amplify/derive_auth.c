/* amplify/derive_auth.c - the roles and policies of a Cognito auth
 * resource's stack, from its cli-inputs.json (amplify/derive.h).
 *
 * What `amplify build` generates for auth (amplify-category-auth's Cognito
 * stack builder and its auth-trigger template, Amplify CLI 12.2.4 and
 * later), reading cli-inputs.json's cognitoConfig and the project's
 * feature flags (amplify/cli.json, features.auth; a flag not set there is
 * false, the CLI's value for an existing project):
 *  - SNSRole (sns:Publish on *, assumed by cognito-idp), unless the pool is
 *    an identity pool only, when SMS is configured (phone_number verified,
 *    required or a username; SMS MFA with MFA not OFF) or useenabledmfas is
 *    false;
 *  - UserPoolClientRole (no policy of its own) with a user pool, and on it
 *    HostedUICustomResource{,Log}Policy when hostedUIDomainName is given
 *    and HostedUIProvidersCustomResource{,Log}Policy when
 *    hostedUIProviderMeta is;
 *  - MFALambdaRole with MFALambdaPolicy and MFALogPolicy when useenabledmfas
 *    is false and mfaConfiguration is not OFF;
 *  - OpenIdLambdaRole with OpenIdLambdaIAMPolicy and OpenIdLogPolicy when
 *    an identity pool has audiences;
 *  - for triggers, with breakcirculardependency set (the auth-trigger
 *    template): the custom resource's role authTriggerFnServiceRole and its
 *    DefaultPolicy (cognito-idp:DescribeUserPool, UpdateUserPool on the
 *    pool; iam:PassRole on SNSRole when it is made), and the trigger
 *    module's policy on the trigger function's role: of the modules the CLI
 *    ships only PostConfirmation's add-to-group has one (AddToGroupCognito).
 *    Without the flag that policy is in the Cognito stack itself, on the
 *    role named <resourceName><trigger>-<env>.
 * The Lambda functions those log policies name stand as functions without
 * code.  The auth and unauth roles are the root stack's (AuthRole,
 * UnauthRole; the identity pool's role attachment only names them), and
 * so is UpdateRolesWithIDPFunctionRole: they are not derived here.  CLIs
 * before 12.2.4 also wrote UserPoolClientLambda{,Policy} and
 * UserPoolClientLogPolicy (cognito-idp:DescribeUserPoolClient and logs on
 * UserPoolClientRole) and the OAuthCustomResource policies; the current
 * generator does not, nor does this.  The auth-trigger template's logical
 * IDs are CDK's (amplify/cdk_id.c).
 *
 * Ownership: every function returns new objects (the caller releases).
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "amplify/amplify.h"
#include "amplify/derive.h"

#define COND "ShouldNotCreateEnvResources"

struct cognito {
	struct deriving *d;
	json_t *cc;                     /* cognitoConfig */
	const char *res;                /* the resource's name in backend-config.json */
	const char *name, *trunc, *shared;  /* resourceName, resourceNameTruncated, sharedId */
	bool user_pool, identity_pool;
	bool break_circular, enabled_mfas;  /* the feature flags */
	bool sns;                       /* SNSRole is made */
};

static const char *str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static bool includes(json_t *list, const char *s)
{
	size_t i;
	json_t *v;

	json_array_foreach(list, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
			return true;
	return false;
}

static json_t *ref(const char *name)
{
	return json_pack("{ss}", "Ref", name);
}

static json_t *arn_of(const char *lid)
{
	return json_pack("{s[ss]}", "Fn::GetAtt", lid, "Arn");
}

/* {"Fn::If": [COND, plain, {"Fn::Join": ["", [head, <the root stack's
 * random part>, "-", env]]}]}, or with no_random: [plain, "-", env]. */
static json_t *env_name(const char *plain, const char *head, bool no_random)
{
	if (no_random)
		return json_pack("{s[ss{s[s[ss{ss}]]}]}", "Fn::If", COND, plain, "Fn::Join", "",
				 head, "-", "Ref", "env");
	return json_pack("{s[ss{s[s[s{s[i{s[s{ss}]}]}s{ss}]]}]}", "Fn::If", COND, plain,
			 "Fn::Join", "", head, "Fn::Select", 3, "Fn::Split", "-", "Ref", "rootStackName",
			 "-", "Ref", "env");
}

static json_t *allow(json_t *actions, json_t *resource)
{
	return json_pack("{sssoso}", "Effect", "Allow", "Action", actions, "Resource", resource);
}

static void put(struct cognito *c, const char *lid, json_t *r, const char *key)
{
	char place[300];

	snprintf(place, sizeof(place), "/cognitoConfig/%s", key);
	set(c->d, c->d->res, lid, r);
	set(c->d, c->d->place, lid, json_string(place));
}

static void policy(struct cognito *c, const char *lid, json_t *name, json_t *role,
		   json_t *statements, const char *key)
{
	put(c, lid, json_pack("{ss s{so s[o] s{ss so}}}", "Type", "AWS::IAM::Policy",
			      "Properties", "PolicyName", name, "Roles", role,
			      "PolicyDocument", "Version", "2012-10-17", "Statement", statements),
	    key);
}

/* A role that Lambda assumes, with inline policies (or NULL). */
static void lambda_role(struct cognito *c, const char *lid, json_t *name, json_t *inline_,
			const char *key)
{
	json_t *props = json_pack("{so s{ss s[{ss s{ss} ss}]}}", "RoleName", name,
				  "AssumeRolePolicyDocument", "Version", "2012-10-17", "Statement",
				  "Effect", "Allow", "Principal", "Service", "lambda.amazonaws.com",
				  "Action", "sts:AssumeRole");

	if (inline_)
		set(c->d, props, "Policies", inline_);
	put(c, lid, json_pack("{ssso}", "Type", "AWS::IAM::Role", "Properties", props), key);
}

static json_t *inline_policy(const char *name, json_t *statement)
{
	return json_pack("{ss s{ss s[o]}}", "PolicyName", name, "PolicyDocument",
			 "Version", "2012-10-17", "Statement", statement);
}

/* A custom resource's function (its code left out), run as role. */
static void function(struct cognito *c, const char *lid, const char *role, const char *key)
{
	put(c, lid, json_pack("{ss s{ss so ss si}}", "Type", "AWS::Lambda::Function", "Properties",
			      "Handler", "index.handler", "Role", arn_of(role),
			      "Runtime", "nodejs22.x", "Timeout", 300), key);
}

/* logs:CreateLogGroup, CreateLogStream, PutLogEvents on fn's log streams. */
static json_t *log_statements(const char *fn)
{
	return json_pack("[{ss s[sss] s{s[s{s{ss}s{ss}s{ss}}]}}]", "Effect", "Allow", "Action",
			 "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
			 "Resource", "Fn::Sub",
			 "arn:aws:logs:${region}:${account}:log-group:/aws/lambda/${lambda}:log-stream:*",
			 "region", "Ref", "AWS::Region", "account", "Ref", "AWS::AccountId",
			 "lambda", "Ref", fn);
}

/* {"Fn::Join": ["-", [{"Ref": "UserPool"}, tail]]} */
static json_t *pool_name(json_t *tail)
{
	return json_pack("{s[s[{ss}o]]}", "Fn::Join", "-", "Ref", "UserPool", tail);
}

/* ---- the user pool's roles ---- */

/* Why the CLI configures SMS: the key of cognitoConfig, or NULL. */
static const char *sms_reason(json_t *cc)
{
	const char *mfa = str(cc, "mfaConfiguration");

	if (includes(json_object_get(cc, "autoVerifiedAttributes"), "phone_number"))
		return "autoVerifiedAttributes";
	if ((!mfa || strcmp(mfa, "OFF") != 0) && includes(json_object_get(cc, "mfaTypes"), "SMS Text Message"))
		return "mfaConfiguration";
	if (includes(json_object_get(cc, "requiredAttributes"), "phone_number"))
		return "requiredAttributes";
	if (includes(json_object_get(cc, "usernameAttributes"), "phone_number"))
		return "usernameAttributes";
	return NULL;
}

static void sns_role(struct cognito *c)
{
	const char *why = sms_reason(c->cc);
	char plain[300], head[300], ext[300], pname[300];
	json_t *props;

	c->sns = c->user_pool && (why || !c->enabled_mfas);
	if (!c->sns)
		return;
	snprintf(plain, sizeof(plain), "%s_sns-role", c->trunc);
	snprintf(head, sizeof(head), "sns%s", c->shared);
	snprintf(ext, sizeof(ext), "%s_role_external_id", c->trunc);
	snprintf(pname, sizeof(pname), "%s-sns-policy", c->trunc);
	props = json_pack("{so s{ss s[{ss ss s{ss} s[s] s{s{ss}}}]} s[o]}",
			  "RoleName", env_name(plain, head, false),
			  "AssumeRolePolicyDocument", "Version", "2012-10-17", "Statement",
			  "Sid", "", "Effect", "Allow", "Principal", "Service", "cognito-idp.amazonaws.com",
			  "Action", "sts:AssumeRole", "Condition", "StringEquals", "sts:ExternalId", ext,
			  "Policies", inline_policy(pname, allow(json_pack("[s]", "sns:Publish"),
								 json_string("*"))));
	put(c, "SNSRole", json_pack("{ssso}", "Type", "AWS::IAM::Role", "Properties", props),
	    why ? why : "mfaConfiguration");
}

static void client_role(struct cognito *c)
{
	char head[300];
	json_t *lr = json_object_get(c->cc, "userpoolClientLambdaRole");

	snprintf(head, sizeof(head), "upClientLambdaRole%s", c->shared);
	declare(c->d, "userpoolClientLambdaRole", json_is_string(lr) ? json_incref(lr) : NULL);
	lambda_role(c, "UserPoolClientRole",
		    json_pack("{s[s{ss}{s[s[s{s[i{s[s{ss}]}]}s{ss}]]}]}", "Fn::If", COND,
			      "Ref", "userpoolClientLambdaRole", "Fn::Join", "", head,
			      "Fn::Select", 3, "Fn::Split", "-", "Ref", "rootStackName", "-", "Ref", "env"),
		    NULL, json_object_get(c->cc, "userpoolClientLambdaRole") ? "userpoolClientLambdaRole"
									       : "authSelections");
}

static void hosted_ui(struct cognito *c)
{
	const char *k = "hostedUIDomainName";
	json_t *h = json_object_get(c->cc, "hostedUI");

	if (!json_is_string(json_object_get(c->cc, k)) || !*str(c->cc, k))
		return;
	declare(c->d, "hostedUI", json_string(json_is_true(h) ? "true" : "false"));
	function(c, "HostedUICustomResource", "UserPoolClientRole", k);
	policy(c, "HostedUICustomResourcePolicy", pool_name(ref("hostedUI")), ref("UserPoolClientRole"),
	       json_pack("[oo]", allow(json_pack("[sss]", "cognito-idp:CreateUserPoolDomain",
						 "cognito-idp:DescribeUserPool",
						 "cognito-idp:DeleteUserPoolDomain"), arn_of("UserPool")),
			 allow(json_pack("[s]", "cognito-idp:DescribeUserPoolDomain"), json_string("*"))),
	       k);
	policy(c, "HostedUICustomResourceLogPolicy", pool_name(json_string("hostedUILogPolicy")),
	       ref("UserPoolClientRole"), log_statements("HostedUICustomResource"), k);
}

static void hosted_ui_providers(struct cognito *c)
{
	const char *k = "hostedUIProviderMeta";

	if (!json_is_string(json_object_get(c->cc, k)) || !*str(c->cc, k))
		return;
	function(c, "HostedUIProvidersCustomResource", "UserPoolClientRole", k);
	policy(c, "HostedUIProvidersCustomResourcePolicy", pool_name(json_string("hostedUIProvider")),
	       ref("UserPoolClientRole"),
	       json_pack("[oo]", allow(json_pack("[ssss]", "cognito-idp:CreateIdentityProvider",
						 "cognito-idp:UpdateIdentityProvider",
						 "cognito-idp:ListIdentityProviders",
						 "cognito-idp:DeleteIdentityProvider"), arn_of("UserPool")),
			 allow(json_pack("[s]", "cognito-idp:DescribeUserPoolDomain"), json_string("*"))),
	       k);
	policy(c, "HostedUIProvidersCustomResourceLogPolicy",
	       pool_name(json_string("hostedUIProviderLogPolicy")), ref("UserPoolClientRole"),
	       log_statements("HostedUIProvidersCustomResource"), k);
}

/* The MFA custom resource's role.  Its policies name the role by the
 * name it is given; here by Ref, which is that name. */
static void mfa(struct cognito *c)
{
	const char *m = str(c->cc, "mfaConfiguration"), *k = "mfaConfiguration";
	char role[300], arn[400], arn_env[400], pname[300], sname[300];

	if (c->enabled_mfas || (m && strcmp(m, "OFF") == 0))
		return;
	snprintf(role, sizeof(role), "%s_totp_lambda_role", c->trunc);
	snprintf(arn, sizeof(arn), "arn:aws:iam:::role/%s_totp_lambda_role", c->trunc);
	snprintf(arn_env, sizeof(arn_env), "arn:aws:iam:::role/%s__totp_lambda_role", c->trunc);
	snprintf(pname, sizeof(pname), "%s_totp_pass_role_policy", c->trunc);
	snprintf(sname, sizeof(sname), "%s_sns_pass_role_policy", c->trunc);
	lambda_role(c, "MFALambdaRole", env_name(role, role, true),
		    json_pack("[oo]", inline_policy(pname, allow(json_pack("[s]", "iam:PassRole"),
								 env_name(arn, arn_env, true))),
			      inline_policy(sname, allow(json_pack("[s]", "iam:PassRole"), arn_of("SNSRole")))),
		    k);
	function(c, "MFALambda", "MFALambdaRole", k);
	snprintf(pname, sizeof(pname), "%s_totp_lambda_iam_policy", c->trunc);
	policy(c, "MFALambdaPolicy", json_string(pname), ref("MFALambdaRole"),
	       json_pack("[o]", allow(json_pack("[s]", "cognito-idp:SetUserPoolMfaConfig"),
				      arn_of("UserPool"))), k);
	snprintf(pname, sizeof(pname), "%s_totp_lambda_log_policy", c->trunc);
	policy(c, "MFALogPolicy", json_string(pname), ref("MFALambdaRole"), log_statements("MFALambda"), k);
}

/* The identity pool's OpenID provider custom resource (Google audiences). */
static void open_id(struct cognito *c)
{
	const char *k = "audiences";
	char role[300], arn[400], pname[300];

	if (!c->identity_pool || !json_array_size(json_object_get(c->cc, k)))
		return;
	snprintf(role, sizeof(role), "%s_openid_lambda_role", c->trunc);
	snprintf(pname, sizeof(pname), "%s_openid_pass_role_policy", c->trunc);
	snprintf(arn, sizeof(arn), "arn:aws:iam:::role/%s_openid_pass_role_policy", c->trunc);
	lambda_role(c, "OpenIdLambdaRole", env_name(role, role, true),
		    json_pack("[o]", inline_policy(pname, allow(json_pack("[s]", "iam:PassRole"),
								env_name(arn, arn, true)))), k);
	function(c, "OpenIdLambda", "OpenIdLambdaRole", k);
	snprintf(pname, sizeof(pname), "%s_openid_lambda_iam_policy", c->trunc);
	policy(c, "OpenIdLambdaIAMPolicy", json_string(pname), ref("OpenIdLambdaRole"),
	       json_pack("[oo]",
			 allow(json_pack("[sss]", "iam:CreateOpenIDConnectProvider",
					 "iam:GetOpenIDConnectProvider",
					 "iam:AddClientIDToOpenIDConnectProvider"),
			       json_pack("{s[s{s{ss}}]}", "Fn::Sub",
					 "arn:aws:iam::${account}:oidc-provider/accounts.google.com",
					 "account", "Ref", "AWS::AccountId")),
			 allow(json_pack("[s]", "iam:ListOpenIDConnectProviders"),
			       json_pack("{s[s{s{ss}ss}]}", "Fn::Sub",
					 "arn:aws:iam::${account}:oidc-provider/${selector}",
					 "account", "Ref", "AWS::AccountId", "selector", "*"))), k);
	snprintf(pname, sizeof(pname), "%s_openid_lambda_log_policy", c->trunc);
	policy(c, "OpenIdLogPolicy", json_string(pname), ref("OpenIdLambdaRole"),
	       log_statements("OpenIdLambda"), k);
}

/* ---- triggers ---- */

/* The auth-trigger template's custom resource: its role and the role's
 * DefaultPolicy, named as CDK names authTriggerFn/ServiceRole/Resource and
 * authTriggerFn/ServiceRole/DefaultPolicy/Resource. */
static void trigger_function(struct cognito *c)
{
	char role[300], lid[300], fn[300];
	json_t *st = json_pack("[o]", allow(json_pack("[ss]", "cognito-idp:DescribeUserPool",
						      "cognito-idp:UpdateUserPool"), ref("userpoolArn")));

	iam_amplify_cdk_logical_id((const char *const[]){ "authTriggerFn", "ServiceRole", "Resource" },
				   3, role, sizeof(role));
	iam_amplify_cdk_logical_id((const char *const[]){ "authTriggerFn", "ServiceRole",
							  "DefaultPolicy", "Resource" },
				   4, lid, sizeof(lid));
	iam_amplify_cdk_logical_id((const char *const[]){ "authTriggerFn", "Resource" }, 2, fn,
				   sizeof(fn));
	if (st && c->sns && json_array_append_new(st, allow(json_pack("[s]", "iam:PassRole"),
							    arn_of("SNSRole"))) < 0)
		c->d->nomem = true;
	put(c, role, json_pack("{ss s{s{s[{ss ss s{ss}}] ss} s[{s[s[s{ss}s]]}]}}",
			       "Type", "AWS::IAM::Role", "Properties",
			       "AssumeRolePolicyDocument", "Statement", "Action", "sts:AssumeRole",
			       "Effect", "Allow", "Principal", "Service", "lambda.amazonaws.com",
			       "Version", "2012-10-17", "ManagedPolicyArns", "Fn::Join", "",
			       "arn:", "Ref", "AWS::Partition",
			       ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
	    "triggers");
	policy(c, lid, json_string(lid), ref(role), st, "triggers");
	function(c, fn, role, "triggers");
}

/* PostConfirmation's add-to-group module: AddToGroupCognito on the
 * trigger function's role (fn: the function resource's name). */
static void add_to_group(struct cognito *c, const char *trigger, const char *fn)
{
	char lid[1000], param[1000], key[300], id[1000];
	json_t *role, *st = json_pack("[o]", allow(json_pack("[sss]", "cognito-idp:AdminAddUserToGroup",
							     "cognito-idp:GetGroup", "cognito-idp:CreateGroup"),
						   c->break_circular ? ref("userpoolArn") : arn_of("UserPool")));

	snprintf(key, sizeof(key), "triggers/%s", trigger);
	if (c->break_circular) {
		snprintf(param, sizeof(param), "function%sLambdaExecutionRole", fn);
		snprintf(lid, sizeof(lid), "function%s", fn);
		declare(c->d, param, json_pack("{s[ss]}", "Fn::GetAtt", lid,
					       "Outputs.LambdaExecutionRoleArn"));
		/* the policy's construct: ID "<the Name parameter's path,
		 * Amplify/function<fn>Name, with '/' as "--"><trigger>
		 * <policy>", below the stack */
		snprintf(id, sizeof(id), "Amplify--function%sName%sAddToGroupCognito", fn, trigger);
		iam_amplify_cdk_logical_id((const char *const[]){ id, "Resource" }, 2, lid, sizeof(lid));
		role = json_pack("{s[i{s[s{s[i{s[s{ss}]}]}]}]}", "Fn::Select", 1, "Fn::Split", "/",
				 "Fn::Select", 5, "Fn::Split", ":", "Ref", param);
		policy(c, lid, json_string("AddToGroupCognito"), role, st, key);
		return;
	}
	snprintf(lid, sizeof(lid), "%s%sAddToGroupCognito", c->name, trigger);
	snprintf(param, sizeof(param), "%s%s", c->name, trigger);
	policy(c, lid, json_string(lid), json_pack("{s[s[s s{ss}]]}", "Fn::Join", "", param, "-", "Ref", "env"),
	       st, key);
}

static void triggers(struct cognito *c)
{
	json_t *t = json_object_get(c->cc, "triggers"), *parsed = NULL, *mods;
	const char *key;
	char pool[400];

	if (json_is_string(t))
		t = parsed = json_loads(json_string_value(t), 0, NULL);
	if (!t || (json_is_object(t) && !json_object_size(t))) {
		json_decref(parsed);
		return;
	}
	if (!json_is_object(t) || !c->user_pool) {
		c->d->why = !json_is_object(t) ? "cognitoConfig.triggers is not an object of triggers"
					       : "cognitoConfig.triggers is given for an identity pool only";
		json_decref(parsed);
		return;
	}
	if (c->break_circular) {
		/* the trigger template's pool, as the root stack passes it */
		snprintf(pool, sizeof(pool), "auth%s", c->res);
		declare(c->d, "userpoolArn", json_pack("{s[ss]}", "Fn::GetAtt", pool, "Outputs.UserPoolArn"));
		trigger_function(c);
	}
	json_object_foreach(t, key, mods) {
		char fn[400];

		if (!json_is_array(mods)) {
			snprintf(c->d->whybuf, sizeof(c->d->whybuf),
				 "cognitoConfig.triggers.%s is not a list of trigger modules", key);
			c->d->why = c->d->whybuf;
			break;
		}
		snprintf(fn, sizeof(fn), "%s%s", c->name, key);
		if (strcmp(key, "PostConfirmation") == 0 && includes(mods, "add-to-group"))
			add_to_group(c, key, fn);
	}
	json_decref(parsed);
}

/* ---- the stack ---- */

/* A boolean of amplify/cli.json's features.auth; false when not set. */
static bool feature(const struct iam_amplify_project *p, const char *name)
{
	char file[4200];
	json_t *cli;
	bool yes;

	snprintf(file, sizeof(file), "%s/../cli.json", p->backend);
	cli = json_load_file(file, 0, NULL);
	yes = json_is_true(json_object_get(json_object_get(json_object_get(cli, "features"), "auth"),
					   name));
	json_decref(cli);
	return yes;
}

static void user_pool(struct cognito *c)
{
	json_t *name = json_object_get(c->cc, "userPoolName");

	put(c, "UserPool", json_pack("{ss s{so}}", "Type", "AWS::Cognito::UserPool", "Properties",
				     "UserPoolName", json_is_string(name)
				     ? json_pack("{s[s[O s{ss}]]}", "Fn::Join", "", name, "-", "Ref", "env")
				     : json_string("")),
	    "userPoolName");
}

/* Are the inputs the generator needs there?  Sets d->why when not. */
static bool inputs_ok(struct cognito *c)
{
	const char *sel = str(c->cc, "authSelections");

	if (!json_is_object(c->cc))
		c->d->why = "cognitoConfig is not an object";
	else if (!c->name)
		c->d->why = "cognitoConfig.resourceName is not a string";
	else if (!sel || (strcmp(sel, "userPoolOnly") != 0 && strcmp(sel, "identityPoolOnly") != 0 &&
			  strcmp(sel, "identityPoolAndUserPool") != 0))
		c->d->why = "cognitoConfig.authSelections is not one of userPoolOnly, identityPoolAndUserPool, identityPoolOnly";
	else if (strcmp(sel, "identityPoolOnly") != 0 && (!c->trunc || !c->shared))
		c->d->why = !c->trunc ? "cognitoConfig.resourceNameTruncated is not a string"
				      : "cognitoConfig.sharedId is not a string";
	else
		return true;
	return false;
}

void iam_amplify_derive_cognito(struct deriving *d, const struct iam_amplify_project *p,
				const char *res, json_t *in)
{
	struct cognito c = { .d = d, .cc = json_object_get(in, "cognitoConfig"), .res = res };
	const char *sel;

	c.name = str(c.cc, "resourceName");
	c.trunc = str(c.cc, "resourceNameTruncated");
	c.shared = str(c.cc, "sharedId");
	if (!inputs_ok(&c))
		return;
	sel = str(c.cc, "authSelections");
	c.user_pool = strcmp(sel, "identityPoolOnly") != 0;
	c.identity_pool = strcmp(sel, "userPoolOnly") != 0;
	c.break_circular = feature(p, "breakcirculardependency");
	c.enabled_mfas = feature(p, "useenabledmfas");
	declare(d, "env", NULL);
	declare(d, "rootStackName", json_pack("{ss}", "Ref", "AWS::StackName"));
	set(d, d->tpl, "Conditions",
	    json_pack("{s{s[{ss}s]}}", COND, "Fn::Equals", "Ref", "env", "NONE"));
	sns_role(&c);
	if (c.user_pool) {
		user_pool(&c);
		client_role(&c);
		hosted_ui(&c);
		hosted_ui_providers(&c);
		mfa(&c);
	}
	open_id(&c);
	triggers(&c);
}

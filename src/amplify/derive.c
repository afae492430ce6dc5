/* amplify/derive.c - the template `amplify build` would generate for a
 * resource that holds only its cli-inputs.json (a CLI v8 project whose
 * build/ folders are not committed, as Amplify's .gitignore has it).
 *
 * The Amplify CLI turns a resource's cli-inputs.json into a CloudFormation
 * template and a parameters.json at build time.  For the categories done
 * here the same is made: a template with the resources, parameters and
 * policies the CLI's generator writes, and the parameters the build would
 * pass, so that the project reader resolves and attaches them exactly as
 * it does a built one.  Each resource of the derived template stands at
 * the line of the input it comes from, and the stack's file is the
 * cli-inputs.json, so findings point there.
 *
 * Done: storage (S3), auth (Cognito: amplify/derive_auth.c), and
 * auth/userPoolGroups from its
 * user-pool-group-precedence.json (a role per group, which the storage
 * group policies attach to).  Storage's generator (amplify-category-storage's S3 stack
 * builder) writes, for authAccess/guestAccess/groupAccess made of the
 * permission names CREATE_AND_UPDATE, READ and DELETE:
 *  - S3Auth{Public,Protected,Private,Upload}Policy on the auth role and
 *    S3Guest{Public,Upload}Policy on the unauth role, each granting the
 *    object actions of the permissions on public/..., protected/<id>/...,
 *    private/<id>/... or uploads/... (uploads: s3:PutObject only);
 *  - S3AuthReadPolicy / S3GuestReadPolicy when READ is given:
 *    s3:GetObject on protected/... and s3:ListBucket on the bucket for the
 *    user's prefixes;
 *  - <Group>GroupPolicy on each user-pool group's role: the actions of its
 *    permissions (READ with s3:ListBucket) on the bucket's objects, and
 *    s3:ListBucket on the bucket when READ is given;
 *  - S3TriggerBucketPolicy on the trigger function's execution role.
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
#include "amplify/amplify_impl.h"
#include "amplify/derive.h"
#include "core/cfn.h"
#include "core/error.h"
#include "core/json.h"

#define S3_ARN "arn:aws:s3:::"
#define COGNITO_SUB "${cognito-identity.amazonaws.com:sub}"

/* ---- permissions ---- */

static const struct {
	const char *name;
	const char *actions[2];
} s3_permissions[] = {
	{ "CREATE_AND_UPDATE", { "s3:PutObject", NULL } },
	{ "READ", { "s3:GetObject", "s3:ListBucket" } },
	{ "DELETE", { "s3:DeleteObject", NULL } },
};

json_t *iam_amplify_s3_actions(json_t *perms, bool with_list, size_t *bad)
{
	json_t *out = json_array(), *v;
	size_t i;

	*bad = (size_t)-1;
	if (!out)
		return NULL;
	json_array_foreach(perms, i, v) {
		const char *name = json_string_value(v);
		size_t k, n = sizeof(s3_permissions) / sizeof(s3_permissions[0]);

		for (k = 0; name && k < n; k++)
			if (strcmp(s3_permissions[k].name, name) == 0)
				break;
		if (!name || k == n) {
			*bad = i;
			json_decref(out);
			return NULL;
		}
		for (int a = 0; a < 2 && s3_permissions[k].actions[a]; a++) {
			if (!with_list && strcmp(s3_permissions[k].actions[a], "s3:ListBucket") == 0)
				continue;
			if (json_array_append_new(out, json_string(s3_permissions[k].actions[a])) < 0) {
				json_decref(out);
				return NULL;
			}
		}
	}
	return out;
}

static bool has_perm(json_t *perms, const char *name)
{
	size_t i;
	json_t *v;

	json_array_foreach(perms, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), name) == 0)
			return true;
	return false;
}

/* ---- the template ---- */

void iam_amplify_derive_set(struct deriving *d, json_t *o, const char *k, json_t *v)
{
	if (!v || json_object_set_new(o, k, v) < 0)
		d->nomem = true;
}

void iam_amplify_derive_declare(struct deriving *d, const char *name, json_t *value)
{
	json_t *ps = json_object_get(d->tpl, "Parameters");

	iam_amplify_derive_set(d, ps, name, json_pack("{ss}", "Type", "String"));
	if (value)
		iam_amplify_derive_set(d, d->params, name, value);
}

/* {"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "S3Bucket"}, path]]} */
static json_t *bucket_arn(const char *path)
{
	return json_pack("{s[s[s{ss}s]]}", "Fn::Join", "", S3_ARN, "Ref", "S3Bucket", path);
}

static json_t *statement(json_t *actions, json_t *resource)
{
	return json_pack("{sssoso}", "Effect", "Allow", "Action", actions, "Resource", resource);
}

static void policy(struct deriving *d, const char *lid, json_t *name, json_t *role,
		   json_t *statements, const char *place)
{
	json_t *r = json_pack("{ss s{so s[o] s{ss so}}}", "Type", "AWS::IAM::Policy",
			      "Properties", "PolicyName", name, "Roles", role,
			      "PolicyDocument", "Version", "2012-10-17", "Statement", statements);

	set(d, d->res, lid, r);
	set(d, d->place, lid, json_string(place));
}

/* One statement of the object actions of perms on a path of the bucket. */
static void object_policy(struct deriving *d, const char *lid, const char *pname,
			  const char *role_param, json_t *actions, const char *path,
			  const char *place)
{
	if (!json_array_size(actions)) {
		json_decref(actions);
		return;   /* the CLI's Condition: DISALLOW */
	}
	policy(d, lid, json_pack("{ss}", "Ref", pname), json_pack("{ss}", "Ref", role_param),
	       json_pack("[o]", statement(actions, bucket_arn(path))), place);
}

static void read_policy(struct deriving *d, const char *lid, const char *role_param,
			bool auth, const char *place)
{
	json_t *prefixes = json_pack("[ssss]", "public/", "public/*", "protected/", "protected/*");
	json_t *list;

	if (auth && prefixes &&
	    (json_array_append_new(prefixes, json_string("private/" COGNITO_SUB "/")) < 0 ||
	     json_array_append_new(prefixes, json_string("private/" COGNITO_SUB "/*")) < 0))
		d->nomem = true;
	list = json_pack("{sss[s]sos{s{so}}}", "Effect", "Allow", "Action", "s3:ListBucket",
			 "Resource", bucket_arn(""), "Condition", "StringLike", "s3:prefix", prefixes);
	policy(d, lid, json_pack("{ss}", "Ref", "s3ReadPolicy"), json_pack("{ss}", "Ref", role_param),
	       json_pack("[oo]", statement(json_pack("[s]", "s3:GetObject"), bucket_arn("/protected/*")),
			 list), place);
}

/* The actions of a permission list, or NULL (d->why set) for one the CLI
 * does not know. */
static json_t *actions_of(struct deriving *d, json_t *perms, bool with_list, const char *key)
{
	size_t bad;
	json_t *a;

	if (perms && !json_is_array(perms)) {
		snprintf(d->whybuf, sizeof(d->whybuf), "%s is not a list of permissions", key);
		d->why = d->whybuf;
		return NULL;
	}
	a = iam_amplify_s3_actions(perms, with_list, &bad);
	if (!a && bad != (size_t)-1) {
		snprintf(d->whybuf, sizeof(d->whybuf),
			 "%s[%zu] is not one of CREATE_AND_UPDATE, READ, DELETE", key, bad);
		d->why = d->whybuf;
	} else if (!a) {
		d->nomem = true;
	}
	return a;
}

/* The auth (authenticated) or guest policies. */
static void access_policies(struct deriving *d, json_t *in, bool auth)
{
	const char *key = auth ? "authAccess" : "guestAccess";
	const char *role = auth ? "authRoleName" : "unauthRoleName";
	const char *who = auth ? "S3Auth" : "S3Guest";
	char lid[64], place[64];
	json_t *perms = json_object_get(in, key);
	json_t *objects = actions_of(d, perms, false, key);

	if (!objects)
		return;
	snprintf(place, sizeof(place), "/%s", key);
	if (!json_object_get(in, key))
		snprintf(place, sizeof(place), "/resourceName");
	snprintf(lid, sizeof(lid), "%sPublicPolicy", who);
	object_policy(d, lid, "s3PublicPolicy", role, json_deep_copy(objects), "/public/*", place);
	if (auth) {
		object_policy(d, "S3AuthProtectedPolicy", "s3ProtectedPolicy", role,
			      json_deep_copy(objects), "/protected/" COGNITO_SUB "/*", place);
		object_policy(d, "S3AuthPrivatePolicy", "s3PrivatePolicy", role,
			      json_deep_copy(objects), "/private/" COGNITO_SUB "/*", place);
	}
	json_decref(objects);
	snprintf(lid, sizeof(lid), "%sUploadPolicy", who);
	object_policy(d, lid, "s3UploadsPolicy", role,
		      has_perm(perms, "CREATE_AND_UPDATE") ? json_pack("[s]", "s3:PutObject") : json_array(),
		      "/uploads/*", place);
	if (has_perm(perms, "READ")) {
		snprintf(lid, sizeof(lid), "%sReadPolicy", who);
		read_policy(d, lid, role, auth, place);
	}
}

/* The first Cognito resource of backend-config.json: the user pool whose
 * groups' roles the group policies attach to. */
static const char *auth_resource(json_t *conf)
{
	const char *name;
	json_t *v;

	json_object_foreach(json_object_get(conf, "auth"), name, v) {
		const char *svc = json_string_value(json_object_get(v, "service"));

		if (svc && strcmp(svc, "Cognito") == 0)
			return name;
	}
	return NULL;
}

static void group_policies(struct deriving *d, json_t *conf, json_t *in)
{
	json_t *groups = json_object_get(in, "groupAccess"), *perms;
	const char *auth = auth_resource(conf), *g;
	char param[400], lid[400], pname[400], role[400], place[400];

	if (!json_object_size(groups))
		return;
	if (!auth) {
		d->why = "groupAccess is given, and backend-config.json has no Cognito auth resource for its groups";
		return;
	}
	snprintf(param, sizeof(param), "auth%sUserPoolId", auth);
	snprintf(lid, sizeof(lid), "auth%s", auth);
	declare(d, param, json_pack("{s[ss]}", "Fn::GetAtt", lid, "Outputs.UserPoolId"));
	json_object_foreach(groups, g, perms) {
		json_t *a, *st;

		snprintf(place, sizeof(place), "groupAccess.%s", g);
		a = actions_of(d, perms, true, place);
		if (!a)
			return;
		snprintf(lid, sizeof(lid), "%sGroupPolicy", g);
		snprintf(pname, sizeof(pname), "%s-group-s3-policy", g);
		snprintf(role, sizeof(role), "-%sGroupRole", g);
		snprintf(place, sizeof(place), "/groupAccess/%s", g);
		st = json_pack("[o]", statement(a, bucket_arn("/*")));
		if (st && has_perm(perms, "READ") &&
		    json_array_append_new(st, statement(json_pack("[s]", "s3:ListBucket"), bucket_arn(""))) < 0)
			d->nomem = true;
		policy(d, lid, json_string(pname),
		       json_pack("{s[s[{ss}s]]}", "Fn::Join", "", "Ref", param, role), st, place);
	}
}

static void trigger_policy(struct deriving *d, json_t *in)
{
	const char *fn = json_string_value(json_object_get(in, "triggerFunction"));
	char param[400], lid[400];

	if (!fn || strcmp(fn, "NONE") == 0)
		return;
	snprintf(param, sizeof(param), "function%sLambdaExecutionRole", fn);
	snprintf(lid, sizeof(lid), "function%s", fn);
	declare(d, param, json_pack("{s[ss]}", "Fn::GetAtt", lid, "Outputs.LambdaExecutionRole"));
	policy(d, "S3TriggerBucketPolicy", json_string("amplify-lambda-execution-policy-storage"),
	       json_pack("{ss}", "Ref", param),
	       json_pack("[oo]", statement(json_pack("[s]", "s3:ListBucket"), bucket_arn("")),
			 statement(json_pack("[ssss]", "s3:PutObject", "s3:GetObject", "s3:ListBucket",
					     "s3:DeleteObject"), bucket_arn("/*"))),
	       "/triggerFunction");
}

/* The bucket: bucketName, the stack name's 4th dash-separated part (the
 * project's random suffix; left out for a stack name not made by the
 * current CLI, which does not start with "amplify-"), "-", env. */
static void bucket(struct deriving *d, const struct iam_amplify_project *p)
{
	json_t *name;

	if (p->stack_name && strncmp(p->stack_name, "amplify-", 8) != 0)
		name = json_pack("{s[s[{ss}s{ss}]]}", "Fn::Join", "", "Ref", "bucketName", "-", "Ref", "env");
	else
		name = json_pack("{s[s[{ss}{s[i{s[s{ss}]}]}s{ss}]]}", "Fn::Join", "",
				 "Ref", "bucketName",
				 "Fn::Select", 3, "Fn::Split", "-", "Ref", "rootStackName",
				 "-", "Ref", "env");
	/* the CLI's template splits its own stack name, <root>-<nested
	 * logical ID>-<random>: its 4th part is the root's ("amplify-<app>-
	 * <env>-<random>"), which is what the derived stack knows */
	declare(d, "rootStackName", json_pack("{ss}", "Ref", "AWS::StackName"));
	set(d, d->res, "S3Bucket",
	    json_pack("{sss{so}}", "Type", "AWS::S3::Bucket", "Properties", "BucketName", name));
	set(d, d->place, "S3Bucket", json_string("/bucketName"));
}

static void derive_s3(struct deriving *d, const struct iam_amplify_project *p, json_t *conf,
		      json_t *in)
{
	json_t *bn = json_object_get(in, "bucketName"), *uuid = json_object_get(in, "policyUUID");
	const char *u = json_string_value(uuid);
	char name[200];

	if (!json_is_string(bn) || !u) {
		d->why = !json_is_string(bn) ? "bucketName is not a string" : "policyUUID is not a string";
		return;
	}
	declare(d, "env", NULL);
	declare(d, "bucketName", json_incref(bn));
	declare(d, "authRoleName", json_pack("{ss}", "Ref", "AuthRoleName"));
	declare(d, "unauthRoleName", json_pack("{ss}", "Ref", "UnauthRoleName"));
	snprintf(name, sizeof(name), "Public_policy_%s", u);
	declare(d, "s3PublicPolicy", json_string(name));
	snprintf(name, sizeof(name), "Protected_policy_%s", u);
	declare(d, "s3ProtectedPolicy", json_string(name));
	snprintf(name, sizeof(name), "Private_policy_%s", u);
	declare(d, "s3PrivatePolicy", json_string(name));
	snprintf(name, sizeof(name), "Uploads_policy_%s", u);
	declare(d, "s3UploadsPolicy", json_string(name));
	snprintf(name, sizeof(name), "read_policy_%s", u);
	declare(d, "s3ReadPolicy", json_string(name));
	bucket(d, p);
	access_policies(d, in, true);
	if (!d->why)
		access_policies(d, in, false);
	if (!d->why)
		group_policies(d, conf, in);
	if (!d->why)
		trigger_policy(d, in);
}

/* ---- user-pool groups ---- */

/* Does the auth resource have an identity pool?  The CLI makes group roles
 * only then.  Its cli-inputs.json says; without one (a built template
 * only), taken as yes. */
static bool has_identity_pool(const struct iam_amplify_project *p, const char *auth)
{
	char file[4200];
	json_t *in, *cc;
	bool yes = true;

	snprintf(file, sizeof(file), "%s/auth/%s/cli-inputs.json", p->backend, auth);
	in = json_load_file(file, 0, NULL);
	cc = json_object_get(in, "cognitoConfig");
	if (json_is_object(cc))
		yes = json_is_string(json_object_get(cc, "identityPoolName"));
	json_decref(in);
	return yes;
}

/* auth/userPoolGroups from user-pool-group-precedence.json: a role per
 * group, <user pool ID>-<group>GroupRole, that the identity pool's
 * authenticated users assume, with the group's customPolicies. */
static void derive_groups(struct deriving *d, const struct iam_amplify_project *p, json_t *conf,
			  json_t *in)
{
	const char *auth = auth_resource(conf);
	char pool[400], ipool[400], out[400], lid[400], place[64], suffix[400];
	json_t *g;
	size_t i;

	if (!json_is_array(in)) {
		d->why = "user-pool-group-precedence.json is not a list of groups";
		return;
	}
	if (!auth) {
		d->why = "backend-config.json has no Cognito auth resource for the groups";
		return;
	}
	snprintf(pool, sizeof(pool), "auth%sUserPoolId", auth);
	snprintf(ipool, sizeof(ipool), "auth%sIdentityPoolId", auth);
	snprintf(out, sizeof(out), "auth%s", auth);
	declare(d, "env", NULL);
	declare(d, pool, json_pack("{s[ss]}", "Fn::GetAtt", out, "Outputs.UserPoolId"));
	declare(d, ipool, json_pack("{s[ss]}", "Fn::GetAtt", out, "Outputs.IdentityPoolId"));
	if (!has_identity_pool(p, auth))
		return;
	json_array_foreach(in, i, g) {
		const char *name = json_string_value(json_object_get(g, "groupName"));
		json_t *cp = json_object_get(g, "customPolicies"), *props;

		if (!name) {
			snprintf(d->whybuf, sizeof(d->whybuf), "[%zu].groupName is not a string", i);
			d->why = d->whybuf;
			return;
		}
		snprintf(lid, sizeof(lid), "%sGroupRole", name);
		snprintf(suffix, sizeof(suffix), "-%sGroupRole", name);
		snprintf(place, sizeof(place), "/%zu/groupName", i);
		props = json_pack("{s{s[s[{ss}s]]} s{ss s[{ss ss s{ss} ss s{s{s{ss}} s{ss}}}]}}",
				  "RoleName", "Fn::Join", "", "Ref", pool, suffix,
				  "AssumeRolePolicyDocument", "Version", "2012-10-17", "Statement",
				  "Sid", "", "Effect", "Allow", "Principal", "Federated",
				  "cognito-identity.amazonaws.com", "Action", "sts:AssumeRoleWithWebIdentity",
				  "Condition", "StringEquals", "cognito-identity.amazonaws.com:aud", "Ref", ipool,
				  "ForAnyValue:StringLike", "cognito-identity.amazonaws.com:amr", "authenticated");
		if (props && json_array_size(cp))
			set(d, props, "Policies", json_deep_copy(cp));
		set(d, d->res, lid, json_pack("{sss o}", "Type", "AWS::IAM::Role", "Properties", props));
		set(d, d->place, lid, json_string(place));
	}
}

/* ---- the stack ---- */

const char *iam_amplify_derive_inputs(const char *cat, const char *res, const char *service)
{
	if (!service)
		return NULL;
	if (strcmp(cat, "storage") == 0 && strcmp(service, "S3") == 0)
		return "cli-inputs.json";
	if (strcmp(cat, "auth") == 0 && strcmp(res, "userPoolGroups") == 0 &&
	    strcmp(service, "Cognito-UserPool-Groups") == 0)
		return "user-pool-group-precedence.json";
	if (strcmp(cat, "auth") == 0 && strcmp(service, "Cognito") == 0)
		return "cli-inputs.json";
	return NULL;
}

/* The stack of the derived template, each resource placed at its input. */
static struct iam_cfn_stack *stack_of(struct deriving *d, struct iam_json_doc *in,
				      const char *display, const char *key,
				      struct iam_error *err)
{
	struct iam_cfn_stack *s;
	const char *lid;
	json_t *ptr;
	char *text = json_dumps(d->tpl, JSON_INDENT(1));

	if (!text)
		return NULL;
	s = iam_cfn_load_buffer(text, strlen(text), display, key, err);
	free(text);
	if (!s)
		return NULL;
	json_object_foreach(d->place, lid, ptr) {
		int line = 1, column = 1;

		iam_json_locate(in, json_string_value(ptr), &line, &column);
		if (json_object_set_new(s->positions, lid, json_pack("[ii]", line, column)) < 0) {
			iam_cfn_free(s);
			return NULL;
		}
	}
	return s;
}

struct iam_cfn_stack *iam_amplify_derive(const struct iam_amplify_project *p,
					 json_t *backend_config, const char *file, const char *display,
					 const char *cat, const char *res, json_t **params,
					 char *why, size_t whylen, struct iam_error *err)
{
	struct iam_json_doc in = IAM_JSON_DOC_INIT;
	struct deriving d = { 0 };
	struct iam_cfn_stack *s = NULL;
	char key[600];

	*params = NULL;
	*why = '\0';
	if (iam_json_load_file(&in, file, err) < 0) {
		iam_json_doc_release(&in);
		if (err->code != IAM_ERR_NOMEM) {
			snprintf(why, whylen, "cannot be read: %s", err->text);
			iam_error_clear(err);
		}
		return NULL;
	}
	d.tpl = json_pack("{ss s{} s{}}", "AWSTemplateFormatVersion", "2010-09-09",
			  "Parameters", "Resources");
	d.res = json_object_get(d.tpl, "Resources");
	d.params = json_object();
	d.place = json_object();
	if (!d.tpl || !d.params || !d.place)
		d.nomem = true;
	else if (strcmp(cat, "auth") == 0 && strcmp(res, "userPoolGroups") == 0)
		derive_groups(&d, p, backend_config, in.root);
	else if (!json_is_object(in.root))
		d.why = "cli-inputs.json is not an object";
	else if (strcmp(cat, "auth") == 0)
		iam_amplify_derive_cognito(&d, p, res, in.root);
	else
		derive_s3(&d, p, backend_config, in.root);
	snprintf(key, sizeof(key), "%s/%s/%s", cat, res,
		 strrchr(display, '/') ? strrchr(display, '/') + 1 : display);
	if (d.why)
		snprintf(why, whylen, "%s: not what the Amplify CLI reads, nothing derived", d.why);
	else if (!d.nomem)
		s = stack_of(&d, &in, display, key, err);
	if (s)
		*params = json_incref(d.params);
	else if (!d.why)
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	json_decref(d.tpl);
	json_decref(d.params);
	json_decref(d.place);
	iam_json_doc_release(&in);
	return s;
}

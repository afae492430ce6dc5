/* Unit tests: amplify/derive.c, the template `amplify build` would make of
 * a resource's cli-inputs.json (the S3 permission mapping, the policies of
 * a storage resource, where they stand, inputs the CLI would not read),
 * user-pool group roles, a Cognito auth resource's roles under the
 * generator's conditions and CDK's logical IDs (amplify/derive_auth.c,
 * amplify/cdk_id.c), and a project whose storage holds only
 * cli-inputs.json. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <jansson.h>

#include "amplify/amplify.h"
#include "amplify/amplify_impl.h"
#include "amplify/derive.h"
#include "core/cfn.h"
#include "core/error.h"
#include "core/policy.h"

static char *srcpath(const char *rel)
{
	const char *top = getenv("top_srcdir");
	size_t n;
	char *p;

	if (!top || !*top)
		top = ".";
	n = strlen(top) + strlen(rel) + 2;
	p = malloc(n);
	assert_non_null(p);
	snprintf(p, n, "%s/%s", top, rel);
	return p;
}

/* The actions of perms (a JSON array text), joined by ','; "" when the
 * mapping refuses, with *bad. */
static void actions(const char *perms, bool with_list, char *out, size_t n, size_t *bad)
{
	json_t *p = json_loads(perms, 0, NULL), *a, *v;
	size_t i;

	assert_non_null(p);
	a = iam_amplify_s3_actions(p, with_list, bad);
	*out = '\0';
	json_array_foreach(a, i, v) {
		strncat(out, i ? "," : "", n - strlen(out) - 1);
		strncat(out, json_string_value(v), n - strlen(out) - 1);
	}
	json_decref(a);
	json_decref(p);
}

static void test_s3_permission_mapping(void **state)
{
	char out[256];
	size_t bad;

	(void)state;
	actions("[\"CREATE_AND_UPDATE\", \"READ\", \"DELETE\"]", true, out, sizeof(out), &bad);
	assert_string_equal(out, "s3:PutObject,s3:GetObject,s3:ListBucket,s3:DeleteObject");
	/* the auth/guest object policies leave s3:ListBucket out */
	actions("[\"CREATE_AND_UPDATE\", \"READ\", \"DELETE\"]", false, out, sizeof(out), &bad);
	assert_string_equal(out, "s3:PutObject,s3:GetObject,s3:DeleteObject");
	/* in the order given */
	actions("[\"DELETE\", \"READ\"]", true, out, sizeof(out), &bad);
	assert_string_equal(out, "s3:DeleteObject,s3:GetObject,s3:ListBucket");
	actions("[]", true, out, sizeof(out), &bad);
	assert_string_equal(out, "");
	assert_int_equal(bad, (size_t)-1);
	/* what the CLI does not know is refused, by index */
	actions("[\"READ\", \"UPDATE\"]", true, out, sizeof(out), &bad);
	assert_int_equal(bad, 1);
	actions("[\"READ\", 3]", true, out, sizeof(out), &bad);
	assert_int_equal(bad, 1);
	actions("[\"read\"]", true, out, sizeof(out), &bad);
	assert_int_equal(bad, 0);
}

/* A cli-inputs.json written to a temporary file. */
static char *inputs_file(const char *text)
{
	char *f = strdup("/tmp/iamgate-derive-XXXXXX");
	int fd;

	assert_non_null(f);
	fd = mkstemp(f);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return f;
}

static struct iam_cfn_stack *derive(const char *text, json_t **params, char *why, size_t n)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_amplify_project p = { 0 };
	json_t *conf = json_loads("{\"auth\": {\"pool1\": {\"service\": \"Cognito\"}}}", 0, NULL);
	char *f = inputs_file(text);
	struct iam_cfn_stack *s;

	p.stack_name = (char *)"amplify-app-dev-12345";
	s = iam_amplify_derive(&p, conf, f, "cli-inputs.json", "storage", "s3x", params, why, n, &err);
	assert_int_equal(err.code, IAM_OK);
	unlink(f);
	free(f);
	json_decref(conf);
	return s;
}

static const char s3_inputs[] =
	"{\n"
	"  \"resourceName\": \"s3x\",\n"
	"  \"policyUUID\": \"abcd\",\n"
	"  \"bucketName\": \"mybucket\",\n"
	"  \"storageAccess\": \"authAndGuest\",\n"
	"  \"guestAccess\": [\"READ\"],\n"
	"  \"authAccess\": [\"CREATE_AND_UPDATE\", \"READ\"],\n"
	"  \"triggerFunction\": \"NONE\",\n"
	"  \"groupAccess\": {\"Admin\": [\"DELETE\"]}\n"
	"}\n";

static void test_s3_policies(void **state)
{
	json_t *params = NULL, *r, *st;
	char why[300];
	struct iam_cfn_stack *s = derive(s3_inputs, &params, why, sizeof(why));
	int line = 0, col = 0;

	(void)state;
	assert_non_null(s);
	assert_string_equal(s->file, "cli-inputs.json");
	assert_string_equal(s->key, "storage/s3x/cli-inputs.json");
	/* auth: public, protected, private, uploads, read; guest: public, read */
	assert_non_null(iam_cfn_resource(s, "S3AuthPublicPolicy", NULL));
	assert_non_null(iam_cfn_resource(s, "S3AuthProtectedPolicy", NULL));
	assert_non_null(iam_cfn_resource(s, "S3AuthPrivatePolicy", NULL));
	assert_non_null(iam_cfn_resource(s, "S3AuthUploadPolicy", NULL));
	assert_non_null(iam_cfn_resource(s, "S3AuthReadPolicy", NULL));
	assert_non_null(iam_cfn_resource(s, "S3GuestPublicPolicy", NULL));
	assert_non_null(iam_cfn_resource(s, "S3GuestReadPolicy", NULL));
	/* no CREATE_AND_UPDATE for guests: no uploads; no trigger */
	assert_null(iam_cfn_resource(s, "S3GuestUploadPolicy", NULL));
	assert_null(iam_cfn_resource(s, "S3TriggerBucketPolicy", NULL));
	/* the group policy: DELETE only, no ListBucket statement */
	r = iam_cfn_resource(s, "AdminGroupPolicy", NULL);
	assert_non_null(r);
	st = json_object_get(json_object_get(json_object_get(r, "Properties"), "PolicyDocument"),
			     "Statement");
	assert_int_equal(json_array_size(st), 1);
	assert_string_equal(json_string_value(json_array_get(json_object_get(json_array_get(st, 0),
									     "Action"), 0)),
			    "s3:DeleteObject");
	/* each stands at its input */
	assert_true(iam_cfn_position(s, "S3AuthPublicPolicy", &line, &col));
	assert_int_equal(line, 7);
	assert_true(iam_cfn_position(s, "S3GuestReadPolicy", &line, &col));
	assert_int_equal(line, 6);
	assert_true(iam_cfn_position(s, "AdminGroupPolicy", &line, &col));
	assert_int_equal(line, 9);
	/* the parameters the build passes */
	assert_string_equal(json_string_value(json_object_get(params, "s3PublicPolicy")),
			    "Public_policy_abcd");
	assert_string_equal(json_string_value(json_object_get(json_object_get(params, "authRoleName"),
							      "Ref")),
			    "AuthRoleName");
	assert_non_null(json_object_get(params, "authpool1UserPoolId"));
	json_decref(params);
	iam_cfn_free(s);
}

static void test_s3_guest_read_prefixes(void **state)
{
	json_t *params = NULL, *r;
	char why[300], *text;
	struct iam_cfn_stack *s = derive(s3_inputs, &params, why, sizeof(why));

	(void)state;
	assert_non_null(s);
	r = iam_cfn_resource(s, "S3GuestReadPolicy", NULL);
	text = json_dumps(r, 0);
	assert_non_null(text);
	assert_null(strstr(text, "private/"));
	assert_non_null(strstr(text, "protected/*"));
	free(text);
	r = iam_cfn_resource(s, "S3AuthReadPolicy", NULL);
	text = json_dumps(r, 0);
	assert_non_null(strstr(text, "private/${cognito-identity.amazonaws.com:sub}/*"));
	free(text);
	json_decref(params);
	iam_cfn_free(s);
}

static void test_s3_trigger(void **state)
{
	json_t *params = NULL, *r;
	char why[300];
	struct iam_cfn_stack *s = derive("{\"policyUUID\": \"u\", \"bucketName\": \"b\", "
					 "\"authAccess\": [\"READ\"], \"triggerFunction\": \"S3Trig\"}",
					 &params, why, sizeof(why));

	(void)state;
	assert_non_null(s);
	r = iam_cfn_resource(s, "S3TriggerBucketPolicy", NULL);
	assert_non_null(r);
	assert_string_equal(json_string_value(json_object_get(json_object_get(r, "Properties"),
							      "PolicyName")),
			    "amplify-lambda-execution-policy-storage");
	assert_non_null(json_object_get(params, "functionS3TrigLambdaExecutionRole"));
	/* READ without CREATE_AND_UPDATE: no uploads policy */
	assert_null(iam_cfn_resource(s, "S3AuthUploadPolicy", NULL));
	json_decref(params);
	iam_cfn_free(s);
}

/* Inputs the CLI would not read: nothing derived, and why. */
static void test_s3_bad_inputs(void **state)
{
	json_t *params = NULL;
	char why[300];

	(void)state;
	assert_null(derive("{\"policyUUID\": \"u\", \"bucketName\": \"b\", \"authAccess\": [\"WRITE\"]}",
			   &params, why, sizeof(why)));
	assert_non_null(strstr(why, "authAccess[0]"));
	assert_null(params);
	assert_null(derive("{\"policyUUID\": \"u\", \"bucketName\": 3}", &params, why, sizeof(why)));
	assert_non_null(strstr(why, "bucketName"));
	assert_null(derive("[1]", &params, why, sizeof(why)));
	assert_non_null(strstr(why, "not an object"));
	assert_null(derive("{\"policyUUID\": ", &params, why, sizeof(why)));
	assert_non_null(strstr(why, "cannot be read"));
	assert_null(derive("{\"policyUUID\": \"u\", \"bucketName\": \"b\", \"guestAccess\": \"READ\"}",
			   &params, why, sizeof(why)));
	assert_non_null(strstr(why, "guestAccess"));
}

/* auth/userPoolGroups from user-pool-group-precedence.json: a role per
 * group, named by the user pool, with the group's customPolicies. */
static void test_group_roles(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_amplify_project p = { 0 };
	json_t *conf = json_loads("{\"auth\": {\"pool1\": {\"service\": \"Cognito\"}}}", 0, NULL);
	json_t *params = NULL, *r, *v;
	char *f = inputs_file("[\n  {\"groupName\": \"Admin\", \"precedence\": 1,\n"
			      "   \"customPolicies\": [{\"PolicyName\": \"x\", \"PolicyDocument\": {}}]},\n"
			      "  {\"groupName\": \"Viewer\"}\n]\n");
	char why[300];
	struct iam_cfn_stack *s;
	int line = 0, col = 0;

	(void)state;
	p.backend = (char *)"/nonexistent";
	s = iam_amplify_derive(&p, conf, f, "groups.json", "auth", "userPoolGroups", &params,
			       why, sizeof(why), &err);
	assert_non_null(s);
	r = iam_cfn_resource(s, "AdminGroupRole", NULL);
	assert_non_null(r);
	v = json_object_get(json_object_get(r, "Properties"), "RoleName");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_array_get(
				    json_object_get(v, "Fn::Join"), 1), 0), "Ref")),
			    "authpool1UserPoolId");
	assert_int_equal(json_array_size(json_object_get(json_object_get(r, "Properties"), "Policies")), 1);
	r = iam_cfn_resource(s, "ViewerGroupRole", NULL);
	assert_non_null(r);
	assert_null(json_object_get(json_object_get(r, "Properties"), "Policies"));
	assert_true(iam_cfn_position(s, "ViewerGroupRole", &line, &col));
	assert_int_equal(line, 4);
	assert_non_null(json_object_get(params, "authpool1IdentityPoolId"));
	json_decref(params);
	iam_cfn_free(s);
	/* a group without a name: nothing derived */
	unlink(f);
	free(f);
	f = inputs_file("[{\"precedence\": 1}]");
	params = NULL;
	assert_null(iam_amplify_derive(&p, conf, f, "groups.json", "auth", "userPoolGroups", &params,
				       why, sizeof(why), &err));
	assert_non_null(strstr(why, "[0].groupName"));
	unlink(f);
	free(f);
	json_decref(conf);
}

/* A project whose storage and auth hold only cli-inputs.json: the storage
 * policies are on the auth role, derived, at the line of authAccess; the
 * auth stack's one role, UserPoolClientRole, is derived at the line of
 * userpoolClientLambdaRole. */
static void test_project_derived(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	char *dir = srcpath("tests/golden/amplify-data/projects/leads-management-system");
	struct iam_amplify_project *p = iam_amplify_project_load(dir, NULL, NULL, NULL, &err);
	size_t derived = 0, nauth = 0;

	(void)state;
	assert_non_null(p);
	for (size_t i = 0; i < p->nstacks; i++)
		derived += p->stacks[i].derived;
	assert_int_equal(derived, 2);
	for (size_t i = 0; i < p->nroles; i++) {
		const struct iam_amplify_role *r = &p->roles[i];

		if (strcmp(r->logical_id, "UserPoolClientRole") == 0) {
			assert_true(r->derived);
			assert_non_null(strstr(r->template, "auth/leadsmanagementsyste1397cb211397cb21/cli-inputs.json"));
			assert_int_equal(r->line, 34);
			assert_int_equal(r->npolicies, 0);
			continue;
		}
		assert_false(r->derived);
		if (strcmp(r->logical_id, "AuthRole") != 0) {
			assert_int_equal(r->npolicies, 0);
			continue;
		}
		nauth++;
		assert_int_equal(r->npolicies, 5);
		for (size_t k = 0; k < r->npolicies; k++) {
			assert_true(r->policies[k].derived);
			assert_non_null(strstr(r->policies[k].template, "storage/s349b9a620/cli-inputs.json"));
			assert_int_equal(r->policies[k].line, 7);
		}
	}
	assert_int_equal(nauth, 1);
	iam_amplify_project_free(p);
	free(dir);
}

/* CDK's IDs, as the built auth-trigger template of LostAndFoundPaws has
 * them. */
static void test_cdk_logical_id(void **state)
{
	char id[300];

	(void)state;
	iam_amplify_cdk_logical_id((const char *const[]){ "authTriggerFn", "ServiceRole", "Resource" },
				   3, id, sizeof(id));
	assert_string_equal(id, "authTriggerFnServiceRole08093B67");
	iam_amplify_cdk_logical_id((const char *const[]){ "authTriggerFn", "ServiceRole",
							  "DefaultPolicy", "Resource" }, 4, id, sizeof(id));
	assert_string_equal(id, "authTriggerFnServiceRoleDefaultPolicyEC9285A8");
	iam_amplify_cdk_logical_id((const char *const[]){
		"Amplify--functionlostandfoundpetsfd158904PostConfirmationNamePostConfirmationAddToGroupCognito",
		"Resource" }, 2, id, sizeof(id));
	assert_string_equal(id, "Amplifyfunctionlostandfoundpetsfd158904PostConfirmationNamePostConfirmationAddToGroupCognitoB9143543");
	/* a short buffer holds what fits, terminated */
	iam_amplify_cdk_logical_id((const char *const[]){ "authTriggerFn", "Resource" }, 2, id, 12);
	assert_true(strlen(id) < 12);
}

/* The auth stack of cognitoConfig text, in a project whose amplify/cli.json
 * is flags (NULL: none). */
static struct iam_cfn_stack *derive_auth(const char *cc, const char *flags, char *why, size_t n)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_amplify_project p = { 0 };
	char dir[] = "/tmp/iamgate-auth-XXXXXX", path[200], text[4000];
	json_t *conf = json_loads("{\"auth\": {\"pool1\": {\"service\": \"Cognito\"}}}", 0, NULL);
	struct iam_cfn_stack *s;
	json_t *params = NULL;
	char *f;
	FILE *fp;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/backend", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	p.backend = path;
	p.stack_name = (char *)"amplify-app-dev-12345";
	snprintf(text, sizeof(text), "%s/cli.json", dir);
	if (flags) {
		fp = fopen(text, "w");
		assert_non_null(fp);
		fputs(flags, fp);
		fclose(fp);
	}
	snprintf(text, sizeof(text), "{\"version\": \"1\", \"cognitoConfig\": {\"resourceName\": \"pool1\", "
		 "\"resourceNameTruncated\": \"pool1abc\", \"sharedId\": \"abc\", %s}}", cc);
	f = inputs_file(text);
	s = iam_amplify_derive(&p, conf, f, "cli-inputs.json", "auth", "pool1", &params, why, n, &err);
	assert_int_equal(err.code, IAM_OK);
	unlink(f);
	free(f);
	snprintf(text, sizeof(text), "%s/cli.json", dir);
	unlink(text);
	rmdir(path);
	rmdir(dir);
	json_decref(params);
	json_decref(conf);
	return s;
}

#define FLAGS_ON "{\"features\": {\"auth\": {\"breakcirculardependency\": true, \"useenabledmfas\": true}}}"

static void test_cognito_conditions(void **state)
{
	char why[300];
	struct iam_cfn_stack *s;
	int line = 0, col = 0;

	(void)state;
	/* no SMS, MFA off, the flags on: the client role only */
	s = derive_auth("\"authSelections\": \"identityPoolAndUserPool\", \"mfaConfiguration\": \"OFF\", "
			"\"mfaTypes\": [\"SMS Text Message\"]", FLAGS_ON, why, sizeof(why));
	assert_non_null(s);
	assert_non_null(iam_cfn_resource(s, "UserPoolClientRole", NULL));
	assert_null(iam_cfn_resource(s, "SNSRole", NULL));
	assert_null(iam_cfn_resource(s, "MFALambdaRole", NULL));
	assert_null(iam_cfn_resource(s, "authTriggerFnServiceRole08093B67", NULL));
	iam_cfn_free(s);
	/* a phone number required: SNSRole, at requiredAttributes */
	s = derive_auth("\"authSelections\": \"userPoolOnly\", \"mfaConfiguration\": \"OFF\",\n"
			"\"requiredAttributes\": [\"phone_number\"]", FLAGS_ON, why, sizeof(why));
	assert_non_null(s);
	assert_non_null(iam_cfn_resource(s, "SNSRole", NULL));
	assert_true(iam_cfn_position(s, "SNSRole", &line, &col));
	assert_int_equal(line, 2);
	iam_cfn_free(s);
	/* no cli.json: useenabledmfas is false, so SNSRole, and MFA's role
	 * when MFA is on; the trigger policy is in this stack, on the role by
	 * name, and no auth-trigger function */
	s = derive_auth("\"authSelections\": \"userPoolOnly\", \"mfaConfiguration\": \"ON\", "
			"\"triggers\": {\"PostConfirmation\": [\"add-to-group\"]}", NULL, why, sizeof(why));
	assert_non_null(s);
	assert_non_null(iam_cfn_resource(s, "SNSRole", NULL));
	assert_non_null(iam_cfn_resource(s, "MFALambdaRole", NULL));
	assert_non_null(iam_cfn_resource(s, "MFALambdaPolicy", NULL));
	assert_non_null(iam_cfn_resource(s, "pool1PostConfirmationAddToGroupCognito", NULL));
	assert_null(iam_cfn_resource(s, "authTriggerFnServiceRole08093B67", NULL));
	iam_cfn_free(s);
	/* an identity pool only: no user pool roles; audiences: OpenID's */
	s = derive_auth("\"authSelections\": \"identityPoolOnly\", \"autoVerifiedAttributes\": [\"phone_number\"], "
			"\"audiences\": [\"x.apps.googleusercontent.com\"]", FLAGS_ON, why, sizeof(why));
	assert_non_null(s);
	assert_null(iam_cfn_resource(s, "SNSRole", NULL));
	assert_null(iam_cfn_resource(s, "UserPoolClientRole", NULL));
	assert_non_null(iam_cfn_resource(s, "OpenIdLambdaRole", NULL));
	iam_cfn_free(s);
	/* triggers with an identity pool only: not what the CLI reads */
	s = derive_auth("\"authSelections\": \"identityPoolOnly\", \"triggers\": {\"PreSignup\": []}",
			FLAGS_ON, why, sizeof(why));
	assert_null(s);
	assert_non_null(strstr(why, "identity pool only"));
	s = derive_auth("\"authSelections\": 5", FLAGS_ON, why, sizeof(why));
	assert_null(s);
	assert_non_null(strstr(why, "authSelections"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_s3_permission_mapping),
		cmocka_unit_test(test_s3_policies),
		cmocka_unit_test(test_s3_guest_read_prefixes),
		cmocka_unit_test(test_s3_trigger),
		cmocka_unit_test(test_s3_bad_inputs),
		cmocka_unit_test(test_group_roles),
		cmocka_unit_test(test_project_derived),
		cmocka_unit_test(test_cdk_logical_id),
		cmocka_unit_test(test_cognito_conditions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

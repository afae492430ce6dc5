/* Unit tests: iam_cfn (intrinsics, template reading), iam_amplify (lists,
 * plans, the deployer check) and iam_amplify_project (projects, roles). */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "amplify/amplify.h"
#include "amplify/check.h"
#include "core/authz.h"
#include "core/buf.h"
#include "core/catalog.h"
#include "core/cfn.h"
#include "core/context.h"
#include "core/error.h"
#include "core/json.h"
#include "core/policy.h"
#include "core/rules.h"

/* ---- helpers ---- */

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

static struct iam_cfn_stack *stack_of(const char *text)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_cfn_stack *s = iam_cfn_load_buffer(text, strlen(text), "t.json",
						      "t", &err);

	if (!s)
		fail_msg("%d:%d: %s", err.line, err.column, err.text);
	assert_int_equal(iam_cfn_set_pseudo(s, "eu-west-1", "111122223333", "aws",
					    "amplify-app-dev-1"), 0);
	return s;
}

/* Evaluate the JSON text v in s and render it: strings rendered for
 * display, anything else dumped compactly. */
static char *eval_text(struct iam_cfn_stack *s, const char *v)
{
	json_error_t je;
	json_t *in = json_loads(v, JSON_DECODE_ANY, &je), *out;
	char *r;

	if (!in)
		fail_msg("bad test JSON %s: %s", v, je.text);
	out = iam_cfn_eval(s, in);
	json_decref(in);
	if (!out)
		return strdup("<novalue>");
	if (json_is_string(out))
		r = iam_cfn_render(json_string_value(out), IAM_CFN_RENDER_DISPLAY);
	else
		r = json_dumps(out, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(out);
	return r;
}

#define assert_eval(s, expr, want)                      \
	do {                                             \
		char *got_ = eval_text((s), (expr));     \
		assert_string_equal(got_, (want));       \
		free(got_);                              \
	} while (0)

static void write_file(const char *dir, const char *rel, const char *text)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	for (char *p = path + strlen(dir) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			fail_msg("mkdir %s: %s", path, strerror(errno));
		*p = '/';
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void remove_tree(const char *dir)
{
	char cmd[1200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static char *temp_dir(void)
{
	char *d = strdup("/tmp/iamgate-amplify-XXXXXX");

	assert_non_null(mkdtemp(d));
	return d;
}

static struct iam_policy *policy_of(const char *text, enum iam_policy_type type)
{
	struct iam_json_doc doc;
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_policy *p;

	assert_int_equal(iam_json_load_buffer(&doc, "test.json", text, strlen(text), &err), 0);
	p = iam_policy_parse(&doc, NULL, "", type, 0, NULL, &err);
	iam_json_doc_release(&doc);
	if (!p)
		fail_msg("%s: %s", err.path, err.text);
	return p;
}

static const struct iam_amplify_req *find_req(const struct iam_amplify_plan *plan,
					      const char *action, int category)
{
	for (size_t i = 0; i < plan->n; i++)
		if (strcmp(plan->v[i].action, action) == 0 &&
		    (category < 0 || plan->v[i].category == category))
			return &plan->v[i];
	return NULL;
}

/* ---- iam_cfn: intrinsics ---- */

static const char params_tmpl[] =
	"{\"Parameters\": {"
	" \"env\": {\"Type\": \"String\"},"
	" \"bucketName\": {\"Type\": \"String\", \"Default\": \"images\"},"
	" \"authUserPoolId\": {\"Type\": \"String\", \"Default\": \"authUserPoolId\"},"
	" \"perms\": {\"Type\": \"CommaDelimitedList\", \"Default\": \"s3:GetObject, s3:PutObject\"}},"
	" \"Mappings\": {\"M\": {\"eu-west-1\": {\"Name\": \"ireland\"}}},"
	" \"Conditions\": {"
	"  \"IsDev\": {\"Fn::Equals\": [{\"Ref\": \"env\"}, \"dev\"]},"
	"  \"NotDev\": {\"Fn::Not\": [{\"Condition\": \"IsDev\"}]},"
	"  \"Both\": {\"Fn::And\": [{\"Condition\": \"IsDev\"}, {\"Fn::Equals\": [\"a\", \"a\"]}]},"
	"  \"Either\": {\"Fn::Or\": [{\"Condition\": \"NotDev\"}, {\"Fn::Equals\": [\"a\", \"b\"]}]},"
	"  \"Loop\": {\"Condition\": \"Loop\"}},"
	" \"Resources\": {"
	"  \"Role\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"RoleName\": {\"Fn::Join\": [\"-\", [\"fn\", {\"Ref\": \"env\"}]]}}},"
	"  \"Anon\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {}},"
	"  \"Mp\": {\"Type\": \"AWS::IAM::ManagedPolicy\", \"Properties\": {\"ManagedPolicyName\": \"mp\"}},"
	"  \"Gated\": {\"Type\": \"AWS::IAM::Policy\", \"Condition\": \"IsDev\", \"Properties\": {}},"
	"  \"Resolver\": {\"Type\": \"AWS::AppSync::Resolver\", \"Properties\": {\"FieldName\": \"x\"}}}}";

static void test_cfn_ref_params_and_pseudo(void **state)
{
	struct iam_cfn_stack *s = stack_of(params_tmpl);
	json_t *dev = json_string("dev");

	(void)state;
	/* env has no value yet: unknown, shown by name */
	assert_eval(s, "{\"Ref\": \"env\"}", "${env}");
	assert_int_equal(iam_cfn_set_param(s, "env", dev), 0);
	json_decref(dev);
	assert_eval(s, "{\"Ref\": \"env\"}", "dev");
	assert_eval(s, "{\"Ref\": \"bucketName\"}", "images");
	/* a Default equal to the name is Amplify's placeholder */
	assert_eval(s, "{\"Ref\": \"authUserPoolId\"}", "${authUserPoolId}");
	/* list parameters split at commas, blanks trimmed */
	assert_eval(s, "{\"Ref\": \"perms\"}", "[\"s3:GetObject\",\"s3:PutObject\"]");
	assert_eval(s, "{\"Ref\": \"AWS::Region\"}", "eu-west-1");
	assert_eval(s, "{\"Ref\": \"AWS::AccountId\"}", "111122223333");
	assert_eval(s, "{\"Ref\": \"AWS::URLSuffix\"}", "amazonaws.com");
	assert_eval(s, "{\"Ref\": \"AWS::StackName\"}", "amplify-app-dev-1");
	assert_eval(s, "{\"Ref\": \"AWS::StackId\"}", "${AWS::StackId}");
	assert_eval(s, "{\"Fn::FindInMap\": [\"M\", {\"Ref\": \"AWS::Region\"}, \"Name\"]}", "ireland");
	assert_eval(s, "{\"Fn::FindInMap\": [\"M\", \"us-east-1\", \"Name\"]}", "${Fn::FindInMap}");
	iam_cfn_free(s);
}

static void test_cfn_resource_refs(void **state)
{
	struct iam_cfn_stack *s = stack_of(params_tmpl);
	json_t *dev = json_string("dev");

	(void)state;
	assert_int_equal(iam_cfn_set_param(s, "env", dev), 0);
	json_decref(dev);
	/* the name a template gives; a Ref to a role with none is unknown */
	assert_eval(s, "{\"Ref\": \"Role\"}", "fn-dev");
	assert_eval(s, "{\"Ref\": \"Anon\"}", "${Anon}");
	assert_eval(s, "{\"Ref\": \"Mp\"}", "arn:aws:iam::111122223333:policy/mp");
	/* a resource the reader skipped (an AppSync resolver) and one that
	 * does not exist: unknown */
	assert_null(iam_cfn_resource(s, "Resolver", NULL));
	assert_eval(s, "{\"Ref\": \"Resolver\"}", "${Resolver}");
	assert_eval(s, "{\"Ref\": \"Nope\"}", "${Nope}");
	/* an ARN the template's resource has: what is known of it */
	assert_eval(s, "{\"Fn::GetAtt\": [\"Role\", \"Arn\"]}", "arn:aws:iam::111122223333:role/fn-dev");
	assert_eval(s, "{\"Fn::GetAtt\": \"Role.Arn\"}", "arn:aws:iam::111122223333:role/fn-dev");
	assert_eval(s, "{\"Fn::GetAtt\": [\"Anon\", \"Arn\"]}", "arn:aws:iam::111122223333:role/${Anon.Name}");
	assert_eval(s, "{\"Fn::GetAtt\": [\"Role\", \"RoleId\"]}", "${Role.RoleId}");
	assert_eval(s, "{\"Fn::GetAtt\": [\"Nope\", \"Arn\"]}", "${Nope.Arn}");
	assert_eval(s, "{\"Fn::ImportValue\": {\"Fn::Sub\": \"${AWS::Region}:Table\"}}",
		    "${Fn::ImportValue eu-west-1:Table}");
	iam_cfn_free(s);
}

/* A resource whose name names itself, or names one that names it, is a
 * cycle AWS refuses: the Ref is unknown, and a note says where. */
static const char cycle_tmpl[] =
	"{\"Resources\": {\n"
	" \"Self\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"RoleName\": "
	"{\"Fn::Sub\": \"${Self}-${Self}\"}}},\n"
	" \"A\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketName\": "
	"{\"Fn::Join\": [\"-\", [\"a\", {\"Ref\": \"B\"}]]}}},\n"
	" \"B\": {\"Type\": \"AWS::DynamoDB::Table\", \"Properties\": {\"TableName\": "
	"{\"Fn::Sub\": \"b-${A}\"}}}\n"
	"}}";

static bool has_note(const struct iam_cfn_stack *s, const char *want)
{
	size_t i;
	json_t *v;

	json_array_foreach(s->notes, i, v)
		if (strstr(json_string_value(v), want))
			return true;
	return false;
}

static void test_cfn_ref_cycles(void **state)
{
	struct iam_cfn_stack *s = stack_of(cycle_tmpl);

	(void)state;
	assert_eval(s, "{\"Ref\": \"Self\"}", "${Self}-${Self}");
	assert_true(has_note(s, "line 2: Self refers to itself (Self -> Self)"));
	assert_eval(s, "{\"Ref\": \"A\"}", "a-b-${A}");
	assert_true(has_note(s, "line 3: A refers to itself (A -> B -> A)"));
	assert_eval(s, "{\"Ref\": \"B\"}", "b-a-${B}");
	assert_true(has_note(s, "line 4: B refers to itself (B -> A -> B)"));
	assert_false(s->over_budget);
	iam_cfn_free(s);
	/* a condition that names itself through another: unknown, noted */
	s = stack_of("{\"Conditions\": {\n"
		     " \"A\": {\"Fn::Not\": [{\"Condition\": \"B\"}]},\n"
		     " \"B\": {\"Fn::And\": [{\"Condition\": \"A\"}, {\"Fn::Equals\": [\"x\", \"x\"]}]}},\n"
		     " \"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Condition\": \"A\"}}}");
	assert_int_equal(iam_cfn_condition(s, "A"), IAM_CFN_UNKNOWN);
	assert_true(has_note(s, "line 2: condition 'A' refers to itself"));
	assert_eval(s, "{\"Fn::If\": [\"B\", \"yes\", \"no\"]}", "yes");
	iam_cfn_free(s);
}

/* No cycle, but each name names the next twice: 2^20 evaluations asked
 * for, the budget gives out, the rest is unknown, and a note says so. */
static void test_cfn_budget(void **state)
{
	struct iam_buf b = { 0 };
	struct iam_cfn_stack *s;
	char *text, *out;
	int i;

	(void)state;
	iam_buf_adds(&b, "{\"Resources\": {");
	for (i = 0; i < 20; i++)
		iam_buf_addf(&b, "\"R%d\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": "
			       "{\"BucketName\": {\"Fn::Sub\": \"${R%d}${R%d}\"}}},",
			     i, i + 1, i + 1);
	iam_buf_adds(&b, "\"R20\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": "
		     "{\"BucketName\": \"x\"}}}}");
	text = iam_buf_take(&b);
	assert_non_null(text);
	s = stack_of(text);
	out = eval_text(s, "{\"Ref\": \"R0\"}");
	assert_true(s->over_budget);
	assert_true(has_note(s, "grow past"));
	assert_non_null(strstr(out, "${R"));
	assert_true(strlen(out) < 1000000);
	free(out);
	iam_cfn_free(s);
	free(text);
}

/* Fn::GetAtt X.Arn (and a topic's Ref) for the types Amplify generates:
 * the ARN with the region, account and name that are known; an unknown
 * name is one unknown piece, which a policy reads as '*'. */
static const char arns_tmpl[] =
	"{\"Parameters\": {\"env\": {\"Type\": \"String\", \"Default\": \"dev\"}},"
	" \"Resources\": {"
	"  \"Table\": {\"Type\": \"AWS::DynamoDB::Table\", \"Properties\": {\"TableName\": {\"Fn::Sub\": \"Todo-${env}\"}}},"
	"  \"AnonTable\": {\"Type\": \"AWS::DynamoDB::Table\", \"Properties\": {}},"
	"  \"Fn\": {\"Type\": \"AWS::Lambda::Function\", \"Properties\": {\"FunctionName\": \"worker\"}},"
	"  \"Topic\": {\"Type\": \"AWS::SNS::Topic\", \"Properties\": {\"TopicName\": \"alerts\"}},"
	"  \"Queue\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": {}},"
	"  \"Logs\": {\"Type\": \"AWS::Logs::LogGroup\", \"Properties\": {\"LogGroupName\": \"/aws/lambda/worker\"}},"
	"  \"Pool\": {\"Type\": \"AWS::Cognito::UserPool\", \"Properties\": {\"UserPoolName\": \"p\"}},"
	"  \"Api\": {\"Type\": \"AWS::AppSync::GraphQLApi\", \"Properties\": {\"Name\": \"api\"}},"
	"  \"Bucket\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketName\": \"pics\"}},"
	"  \"PathRole\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"RoleName\": \"r\", \"Path\": \"/service/\"}}"
	"}}";

static void test_cfn_arns(void **state)
{
	struct iam_cfn_stack *s = stack_of(arns_tmpl);
	char *star;

	(void)state;
	assert_eval(s, "{\"Fn::GetAtt\": [\"Table\", \"Arn\"]}",
		    "arn:aws:dynamodb:eu-west-1:111122223333:table/Todo-dev");
	assert_eval(s, "{\"Fn::GetAtt\": [\"AnonTable\", \"Arn\"]}",
		    "arn:aws:dynamodb:eu-west-1:111122223333:table/${AnonTable.Name}");
	assert_eval(s, "{\"Fn::GetAtt\": [\"Table\", \"StreamArn\"]}",
		    "arn:aws:dynamodb:eu-west-1:111122223333:table/Todo-dev/stream/${Table.Id}");
	assert_eval(s, "{\"Fn::GetAtt\": [\"Fn\", \"Arn\"]}",
		    "arn:aws:lambda:eu-west-1:111122223333:function:worker");
	assert_eval(s, "{\"Ref\": \"Topic\"}", "arn:aws:sns:eu-west-1:111122223333:alerts");
	assert_eval(s, "{\"Fn::GetAtt\": [\"Queue\", \"Arn\"]}",
		    "arn:aws:sqs:eu-west-1:111122223333:${Queue.Name}");
	assert_eval(s, "{\"Fn::GetAtt\": [\"Logs\", \"Arn\"]}",
		    "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/worker:*");
	assert_eval(s, "{\"Fn::GetAtt\": [\"Pool\", \"Arn\"]}",
		    "arn:aws:cognito-idp:eu-west-1:111122223333:userpool/${Pool.Id}");
	assert_eval(s, "{\"Fn::Sub\": \"${Api.Arn}/types/*\"}",
		    "arn:aws:appsync:eu-west-1:111122223333:apis/${Api.Id}/types/*");
	assert_eval(s, "{\"Fn::GetAtt\": [\"Bucket\", \"Arn\"]}", "arn:aws:s3:::pics");
	assert_eval(s, "{\"Fn::GetAtt\": [\"PathRole\", \"Arn\"]}",
		    "arn:aws:iam::111122223333:role/service/r");
	/* in a policy an unknown piece is '*' */
	{
		json_t *in = json_pack("{s:[s,s]}", "Fn::GetAtt", "AnonTable", "Arn");
		json_t *out = iam_cfn_eval(s, in);

		star = iam_cfn_render(json_string_value(out), IAM_CFN_RENDER_STAR);
		assert_string_equal(star, "arn:aws:dynamodb:eu-west-1:111122223333:table/*");
		free(star);
		json_decref(out);
		json_decref(in);
	}
	iam_cfn_free(s);
}

static void test_cfn_join_sub_split_select(void **state)
{
	struct iam_cfn_stack *s = stack_of(params_tmpl);
	json_t *dev = json_string("dev");

	(void)state;
	assert_int_equal(iam_cfn_set_param(s, "env", dev), 0);
	json_decref(dev);
	assert_eval(s, "{\"Fn::Join\": [\"\", [\"arn:aws:s3:::\", {\"Ref\": \"bucketName\"}, \"/*\"]]}",
		    "arn:aws:s3:::images/*");
	/* an unknown piece keeps the rest known */
	assert_eval(s, "{\"Fn::Join\": [\"\", [{\"Ref\": \"authUserPoolId\"}, \"-AdminGroupRole\"]]}",
		    "${authUserPoolId}-AdminGroupRole");
	assert_eval(s, "{\"Fn::Sub\": \"arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/${Role}-${env}\"}",
		    "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/fn-dev-dev");
	assert_eval(s, "{\"Fn::Sub\": [\"${a}/${Role.Arn}/${!Literal}\", {\"a\": {\"Ref\": \"bucketName\"}}]}",
		    "images/arn:aws:iam::111122223333:role/fn-dev/${Literal}");
	assert_eval(s, "{\"Fn::Split\": [\",\", \"s3:GetObject,s3:PutObject\"]}",
		    "[\"s3:GetObject\",\"s3:PutObject\"]");
	assert_eval(s, "{\"Fn::Select\": [1, {\"Fn::Split\": [\"-\", {\"Ref\": \"AWS::StackName\"}]}]}",
		    "app");
	assert_eval(s, "{\"Fn::Select\": [\"2\", [\"a\", \"b\", \"c\"]]}", "c");
	assert_eval(s, "{\"Fn::Select\": [9, [\"a\"]]}", "${Fn::Select 9}");
	/* splitting never cuts inside an unknown piece */
	{
		char *r = eval_text(s, "{\"Fn::Split\": [\"-\", {\"Fn::Join\": [\"\", [\"x-\", {\"Fn::GetAtt\": [\"A-B\", \"C-D\"]}, \"-y\"]]}]}");

		assert_string_equal(r, "[\"x\",\"\\u0001t\\u0003A-B.C-D\\u0002\",\"y\"]");
		free(r);
	}
	/* selecting from an unknown list keeps where it came from */
	assert_eval(s, "{\"Fn::Select\": [1, {\"Fn::Split\": [\"/\", {\"Fn::GetAtt\": [\"Fn\", \"Outputs.RoleArn\"]}]}]}",
		    "${Fn.Outputs.RoleArn|Fn::Select 1}");
	iam_cfn_free(s);
}

static void test_cfn_conditions_and_if(void **state)
{
	struct iam_cfn_stack *s = stack_of(params_tmpl);
	json_t *v;

	(void)state;
	/* env unknown: every condition that reads it is unknown */
	assert_int_equal(iam_cfn_condition(s, "IsDev"), IAM_CFN_UNKNOWN);
	assert_int_equal(iam_cfn_condition(s, "Both"), IAM_CFN_UNKNOWN);
	assert_int_equal(iam_cfn_resource_exists(s, "Gated"), IAM_CFN_UNKNOWN);
	/* Fn::If on an unknown condition: the branch that is not NoValue */
	assert_eval(s, "{\"Fn::If\": [\"IsDev\", {\"Ref\": \"AWS::NoValue\"}, \"b\"]}", "b");
	assert_eval(s, "{\"Fn::If\": [\"IsDev\", \"a\", \"b\"]}", "a");
	assert_true(json_array_size(s->notes) >= 2);
	v = json_string("dev");
	assert_int_equal(iam_cfn_set_param(s, "env", v), 0);
	json_decref(v);
	assert_int_equal(iam_cfn_condition(s, "IsDev"), IAM_CFN_TRUE);
	assert_int_equal(iam_cfn_condition(s, "NotDev"), IAM_CFN_FALSE);
	assert_int_equal(iam_cfn_condition(s, "Both"), IAM_CFN_TRUE);
	assert_int_equal(iam_cfn_condition(s, "Either"), IAM_CFN_FALSE);
	assert_int_equal(iam_cfn_condition(s, "Loop"), IAM_CFN_UNKNOWN);
	assert_int_equal(iam_cfn_condition(s, "Missing"), IAM_CFN_UNKNOWN);
	assert_int_equal(iam_cfn_resource_exists(s, "Gated"), IAM_CFN_TRUE);
	assert_int_equal(iam_cfn_resource_exists(s, "Role"), IAM_CFN_TRUE);
	assert_int_equal(iam_cfn_resource_exists(s, "Nope"), IAM_CFN_FALSE);
	assert_eval(s, "{\"Fn::If\": [\"NotDev\", \"a\", \"b\"]}", "b");
	/* AWS::NoValue leaves arrays and objects */
	assert_eval(s, "[\"a\", {\"Fn::If\": [\"NotDev\", \"x\", {\"Ref\": \"AWS::NoValue\"}]}, \"c\"]",
		    "[\"a\",\"c\"]");
	assert_eval(s, "{\"k\": {\"Ref\": \"AWS::NoValue\"}, \"j\": 1}", "{\"j\":1}");
	/* equal unknowns are equal; different ones are unknown */
	assert_eval(s, "{\"Fn::Equals\": [{\"Fn::GetAtt\": [\"A\", \"B\"]}, {\"Fn::GetAtt\": [\"A\", \"B\"]}]}", "true");
	assert_eval(s, "{\"Fn::Equals\": [{\"Fn::GetAtt\": [\"A\", \"B\"]}, \"x\"]}", "${Fn::Equals}");
	iam_cfn_free(s);
}

static void test_cfn_render_tokens(void **state)
{
	json_t *u = iam_cfn_unknown_new("root", "X.Outputs.Y");
	char buf[200], *star, *disp;
	const char *key, *text;
	size_t kl, tl;

	(void)state;
	assert_non_null(u);
	snprintf(buf, sizeof(buf), "arn:aws:s3:::%s*", json_string_value(u));
	assert_true(iam_cfn_has_unknown(buf));
	assert_false(iam_cfn_has_unknown("arn:aws:s3:::b"));
	star = iam_cfn_render(buf, IAM_CFN_RENDER_STAR);
	disp = iam_cfn_render(buf, IAM_CFN_RENDER_DISPLAY);
	assert_string_equal(star, "arn:aws:s3:::*");  /* no "**" */
	assert_string_equal(disp, "arn:aws:s3:::${X.Outputs.Y}*");
	assert_true(iam_cfn_first_token(buf, &key, &kl, &text, &tl));
	assert_int_equal(kl, 4);
	assert_memory_equal(key, "root", 4);
	assert_int_equal(tl, 11);
	assert_false(iam_cfn_first_token("plain", &key, &kl, &text, &tl));
	free(star);
	free(disp);
	json_decref(u);
}

/* ---- iam_cfn: reading templates ---- */

static void test_cfn_reader_keeps_what_matters(void **state)
{
	static const char text[] =
		"{\n"
		"  \"Description\": \"t \\u00e9\\ud83d\\ude00 \\\"q\\\"\",\n"
		"  \"Resources\": {\n"
		"    \"Resolver\": {\"Type\": \"AWS::AppSync::Resolver\",\n"
		"      \"Properties\": {\"RequestMappingTemplate\": \"{ \\\"}\\\" ]\"}},\n"
		"    \"Table\": {\"Type\": \"AWS::DynamoDB::Table\", \"Condition\": \"C\",\n"
		"      \"Properties\": {\"KeySchema\": [{\"A\": 1}], \"TableName\": \"t-dev\"}},\n"
		"    \"Role\": {\n"
		"      \"Type\": \"AWS::IAM::Role\",\n"
		"      \"Properties\": {\"RoleName\": \"r\", \"N\": [1, -2.5e3, true, null]}}\n"
		"  }\n"
		"}\n";
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_cfn_stack *s = iam_cfn_load_buffer(text, strlen(text), "t.json", "t", &err);
	json_t *t, *r;
	int line = 0, col = 0;

	(void)state;
	assert_non_null(s);
	assert_null(iam_cfn_resource(s, "Resolver", NULL));
	/* a table keeps its Type, Condition and name only */
	t = iam_cfn_resource(s, "Table", NULL);
	assert_non_null(t);
	assert_string_equal(json_string_value(json_object_get(t, "Condition")), "C");
	assert_int_equal(json_object_size(json_object_get(t, "Properties")), 1);
	assert_string_equal(json_string_value(json_object_get(json_object_get(t, "Properties"),
							       "TableName")), "t-dev");
	/* a role whole, numbers and literals as jansson reads them */
	r = json_object_get(iam_cfn_resource(s, "Role", NULL), "Properties");
	assert_int_equal(json_integer_value(json_array_get(json_object_get(r, "N"), 0)), 1);
	assert_true(json_real_value(json_array_get(json_object_get(r, "N"), 1)) == -2500.0);
	assert_true(json_is_true(json_array_get(json_object_get(r, "N"), 2)));
	assert_true(json_is_null(json_array_get(json_object_get(r, "N"), 3)));
	assert_string_equal(json_string_value(json_object_get(s->root, "Description")),
			    "t \xc3\xa9\xf0\x9f\x98\x80 \"q\"");
	/* where each kept resource's key stands */
	assert_true(iam_cfn_position(s, "Role", &line, &col));
	assert_int_equal(line, 8);
	assert_int_equal(col, 5);
	assert_false(iam_cfn_position(s, "Resolver", &line, &col));
	iam_cfn_free(s);
}

static void test_cfn_reader_errors(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	static const char broken[] = "{\n  \"Resources\": {\n    \"A\": {\"Type\": \"AWS::IAM::Role\",}\n  }\n}\n";
	static const char dup[] = "{\"Resources\": {\"A\": {\"Type\": \"AWS::IAM::Role\", \"Type\": \"x\"}}}";
	static const char notmpl[] = "{\"Version\": \"2012-10-17\"}";

	(void)state;
	assert_null(iam_cfn_load_buffer(broken, strlen(broken), "b.json", "b", &err));
	assert_int_equal(err.code, IAM_ERR_JSON);
	assert_int_equal(err.line, 3);
	assert_string_equal(err.source, "b.json");
	iam_error_clear(&err);
	assert_null(iam_cfn_load_buffer(dup, strlen(dup), "d.json", "d", &err));
	assert_int_equal(err.code, IAM_ERR_JSON);
	assert_non_null(strstr(err.text, "duplicate"));
	iam_error_clear(&err);
	assert_null(iam_cfn_load_buffer(notmpl, strlen(notmpl), "p.json", "p", &err));
	assert_int_equal(err.code, IAM_ERR_SCHEMA);
	iam_error_clear(&err);
	assert_null(iam_cfn_load("/nonexistent/t.json", "t.json", "t", &err));
	assert_int_equal(err.code, IAM_ERR_IO);
}

/* The reader agrees with jansson on everything it keeps: every fixture
 * template of the example project, whole. */
static void test_cfn_reader_matches_jansson(void **state)
{
	static const char *const files[] = {
		"policies/examples/amplify-project/amplify/backend/awscloudformation/build/root-cloudformation-stack.json",
		"policies/examples/amplify-project/amplify/backend/function/orderProcessor/orderProcessor-cloudformation-template.json",
		"policies/examples/amplify-project/amplify/backend/storage/shopimages/build/cloudformation-template.json",
		NULL,
	};

	(void)state;
	for (size_t i = 0; files[i]; i++) {
		char *path = srcpath(files[i]);
		struct iam_error err = IAM_ERROR_INIT;
		struct iam_cfn_stack *s = iam_cfn_load(path, files[i], "k", &err);
		json_error_t je;
		json_t *full = json_load_file(path, 0, &je), *res;
		const char *k;
		json_t *v;

		assert_non_null(s);
		assert_non_null(full);
		res = json_object_get(full, "Resources");
		json_object_foreach(res, k, v) {
			const char *type = json_string_value(json_object_get(v, "Type"));
			json_t *mine = iam_cfn_resource(s, k, NULL);

			if (strncmp(type, "AWS::IAM::", 10) == 0 ||
			    strcmp(type, "AWS::CloudFormation::Stack") == 0)
				assert_true(json_equal(mine, v));
		}
		assert_true(json_equal(json_object_get(s->root, "Parameters"),
				       json_object_get(full, "Parameters")));
		assert_true(json_equal(json_object_get(s->root, "Conditions"),
				       json_object_get(full, "Conditions")));
		json_decref(full);
		iam_cfn_free(s);
		free(path);
	}
}

/* ---- lists ---- */

static void test_lists_embedded(void **state)
{
	static const char *const want[] = { "admin-amplify", "cli-2020", "cli-2021",
					    "cli-2022-11", "cli-2022", "gen2", NULL };
	struct iam_error err = IAM_ERROR_INIT;
	const char *name, *title;
	size_t n = 0;

	(void)state;
	while (iam_amplify_list_at(n, &name, &title)) {
		struct iam_amplify_list *l = iam_amplify_list_load(name, &err);

		assert_non_null(want[n]);
		assert_string_equal(name, want[n]);
		assert_non_null(l);
		assert_string_equal(l->name, name);
		assert_true(l->nentries > 0);
		for (size_t i = 0; i < l->nentries; i++) {
			assert_non_null(strchr(l->entries[i].action, ':'));
			assert_true(l->entries[i].cats != 0);
			assert_true(*l->entries[i].source);
		}
		iam_amplify_list_free(l);
		n++;
	}
	assert_int_equal(n, 6);
	assert_string_equal(iam_amplify_default_list(1), "admin-amplify");
	assert_string_equal(iam_amplify_default_list(2), "gen2");
}

static void test_list_seed_content(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_amplify_list *l = iam_amplify_list_load("cli-2020", &err);
	int core = iam_amplify_category_index("core");
	int storage = iam_amplify_category_index("storage");
	int hosting = iam_amplify_category_index("hosting");
	bool s3 = false, appsync = false;

	(void)state;
	assert_non_null(l);
	/* seed 001: 69 action patterns in one statement */
	assert_int_equal(l->nentries, 69);
	assert_int_equal(l->generation, 1);
	for (size_t i = 0; i < l->nentries; i++) {
		const struct iam_amplify_entry *e = &l->entries[i];

		assert_string_equal(e->source, "Statement VisualEditor0");
		if (strcmp(e->action, "s3:*") == 0) {
			s3 = true;
			assert_int_equal(e->cats, (1u << core) | (1u << storage) | (1u << hosting));
			assert_int_equal(e->first_cat, core);
		}
		if (strcmp(e->action, "appsync:*") == 0) {
			appsync = true;
			assert_int_equal(e->cats, 1u << iam_amplify_category_index("api"));
		}
	}
	assert_true(s3 && appsync);
	iam_amplify_list_free(l);
}

static void test_list_errors(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	char *dir = temp_dir(), path[600];

	(void)state;
	assert_null(iam_amplify_list_load("cli-1999", &err));
	assert_int_equal(err.code, IAM_ERR_USAGE);
	iam_error_clear(&err);
	write_file(dir, "bad.json",
		   "{\"name\": \"x\",\n \"entries\": [\n  {\"action\": \"s3:GetObject\", \"categories\": [\"storage\", \"cdn\"]}]}\n");
	snprintf(path, sizeof(path), "%s/bad.json", dir);
	assert_null(iam_amplify_list_load(path, &err));
	assert_int_equal(err.code, IAM_ERR_SCHEMA);
	assert_string_equal(err.path, "/entries/0/categories/1");
	assert_int_equal(err.line, 3);
	iam_error_clear(&err);
	write_file(dir, "typo.json",
		   "{\"name\": \"x\", \"entries\": [{\"action\": \"s3:GetObject\", \"categories\": [\"core\"], \"vai\": 1}]}");
	snprintf(path, sizeof(path), "%s/typo.json", dir);
	assert_null(iam_amplify_list_load(path, &err));
	assert_int_equal(err.code, IAM_ERR_SCHEMA);
	assert_string_equal(err.path, "/entries/0/vai");
	iam_error_clear(&err);
	snprintf(path, sizeof(path), "%s/none.json", dir);
	assert_null(iam_amplify_list_load(path, &err));
	assert_int_equal(err.code, IAM_ERR_IO);
	remove_tree(dir);
	free(dir);
}

/* ---- plans ---- */

static int count_cb(void *ctx, const struct iam_cat_action *a)
{
	(void)a;
	(*(size_t *)ctx)++;
	return 0;
}

static size_t catalog_count(const char *pattern)
{
	struct iam_error err = IAM_ERROR_INIT;
	size_t n = 0;

	assert_true(iam_catalog_expand(iam_catalog_default(), pattern, count_cb, &n, &err) >= 0);
	return n;
}

static void test_plan_seed_all_categories(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_amplify_list *l = iam_amplify_list_load("cli-2020", &err);
	struct iam_amplify_plan plan;
	const struct iam_amplify_req *r;
	int core = iam_amplify_category_index("core");
	int storage = iam_amplify_category_index("storage");
	int hosting = iam_amplify_category_index("hosting");
	size_t in_api = 0, s3_core = 0;

	(void)state;
	assert_int_equal(iam_amplify_plan_build(l, iam_catalog_default(),
						IAM_AMPLIFY_ALL_CATEGORIES, NULL, &plan, &err), 0);
	/* appsync:* counts every action of the catalog */
	for (size_t i = 0; i < plan.n; i++) {
		if (strncmp(plan.v[i].action, "appsync:", 8) == 0)
			in_api++;
		if (strncmp(plan.v[i].action, "s3:", 3) == 0 && plan.v[i].category == core)
			s3_core++;
	}
	assert_int_equal(in_api, catalog_count("appsync:*"));
	assert_int_equal(s3_core, catalog_count("s3:*"));
	/* core checks s3 on the deployment bucket */
	r = find_req(&plan, "s3:PutObject", core);
	assert_non_null(r);
	assert_int_equal(r->nresources, 1);
	assert_string_equal(r->resources[0], "arn:aws:s3:::amplify-*-deployment/*");
	/* storage and hosting buckets are unknown without a project: the
	 * same requirement, filed under storage, asked by both */
	r = find_req(&plan, "s3:PutObject", storage);
	assert_non_null(r);
	assert_string_equal(r->resources[0], "arn:aws:s3:::*/*");
	assert_int_equal(r->cats, (1u << storage) | (1u << hosting));
	assert_null(find_req(&plan, "s3:PutObject", hosting));
	/* an action that takes no resource is checked on "*" */
	r = find_req(&plan, "cognito-idp:CreateUserPool", -1);
	assert_non_null(r);
	assert_string_equal(r->resources[0], "*");
	/* stacks: amplify-* anywhere */
	r = find_req(&plan, "cloudformation:UpdateStack", -1);
	assert_string_equal(r->resources[0], "arn:aws:cloudformation:*:*:stack/amplify-*/*");
	/* iam:CreateRole takes iam:PermissionsBoundary */
	r = find_req(&plan, "iam:CreateRole", -1);
	assert_true(r->takes_boundary);
	assert_false(find_req(&plan, "cloudformation:CreateStack", -1)->takes_boundary);
	iam_amplify_plan_release(&plan);
	iam_amplify_list_free(l);
}

static void test_plan_vars_and_categories(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_amplify_list *l = iam_amplify_list_load("cli-2020", &err);
	struct iam_amplify_plan plan;
	struct iam_amplify_vars vars = { 0 };
	int auth = iam_amplify_category_index("auth");
	int hosting = iam_amplify_category_index("hosting");
	const struct iam_amplify_req *r;

	(void)state;
	vars.region = "ca-central-1";
	vars.account = "949631297289";
	vars.stack_prefix = "amplify-pets-dev-4415e";
	vars.deployment_bucket = "amplify-pets-dev-4415e-deployment";
	vars.hosting_bucket = "pets-hosting-dev";
	assert_int_equal(iam_amplify_plan_build(l, iam_catalog_default(),
						(1u << 0) | (1u << auth) | (1u << hosting),
						&vars, &plan, &err), 0);
	assert_null(find_req(&plan, "appsync:GraphQL", -1));
	r = find_req(&plan, "cloudformation:CreateStack", -1);
	assert_string_equal(r->resources[0],
			    "arn:aws:cloudformation:ca-central-1:949631297289:stack/amplify-pets-dev-4415e*/*");
	r = find_req(&plan, "s3:PutObject", 0);
	assert_string_equal(r->resources[0], "arn:aws:s3:::amplify-pets-dev-4415e-deployment/*");
	r = find_req(&plan, "s3:PutObject", hosting);
	assert_non_null(r);
	assert_string_equal(r->resources[0], "arn:aws:s3:::pets-hosting-dev/*");
	/* lambda is filed under function first; with function not checked,
	 * auth asks for it */
	r = find_req(&plan, "lambda:CreateFunction", -1);
	assert_int_equal(r->category, auth);
	assert_string_equal(r->resources[0],
			    "arn:aws:lambda:ca-central-1:949631297289:function:*");
	iam_amplify_plan_release(&plan);
	iam_amplify_list_free(l);
}

static void test_plan_unknown_actions(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	char *dir = temp_dir(), path[600];
	struct iam_amplify_list *l;
	struct iam_amplify_plan plan;
	const struct iam_amplify_req *r;

	(void)state;
	write_file(dir, "l.json",
		   "{\"name\": \"t\", \"entries\": ["
		   "{\"action\": \"newsvc:DoThing\", \"categories\": [\"core\"], \"source\": \"s\"},"
		   "{\"action\": \"newsvc:*\", \"categories\": [\"core\"], \"source\": \"s\"},"
		   "{\"action\": \"ssm:GetParameter\", \"categories\": [\"core\"], \"source\": \"s\","
		   " \"resources\": [\"arn:${Partition}:ssm:${Region}:${Account}:parameter/amplify/*\","
		   " \"arn:${Partition}:ec2:${Region}:${Account}:subnet/*\"]}]}");
	snprintf(path, sizeof(path), "%s/l.json", dir);
	l = iam_amplify_list_load(path, &err);
	assert_non_null(l);
	assert_int_equal(iam_amplify_plan_build(l, iam_catalog_default(), 1u, NULL, &plan, &err), 0);
	/* a literal the catalog lacks is decided as written, on "*" */
	r = find_req(&plan, "newsvc:DoThing", -1);
	assert_non_null(r);
	assert_false(r->in_catalog);
	assert_string_equal(r->resources[0], "*");
	/* a wildcard that matches nothing is reported */
	assert_int_equal(plan.nunmatched, 1);
	assert_string_equal(plan.unmatched[0], "newsvc:*");
	/* an entry's resources: those of the action's own service */
	r = find_req(&plan, "ssm:GetParameter", -1);
	assert_int_equal(r->nresources, 1);
	assert_string_equal(r->resources[0], "arn:aws:ssm:*:*:parameter/amplify/*");
	iam_amplify_plan_release(&plan);
	iam_amplify_list_free(l);
	remove_tree(dir);
	free(dir);
}

/* ---- the deployer check ---- */

struct checked {
	struct iam_amplify_list *list;
	struct iam_amplify_plan plan;
	struct iam_policy *id, *b, *s;   /* the verdicts point into them */
};

static long run_check(struct checked *c, unsigned cats, const char *identity,
		      const char *boundary, const char *scp,
		      const struct iam_amplify_caller *caller)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_policy *id = policy_of(identity, IAM_POLICY_IDENTITY);
	struct iam_policy *b = boundary ? policy_of(boundary, IAM_POLICY_BOUNDARY) : NULL;
	struct iam_policy *s = scp ? policy_of(scp, IAM_POLICY_SCP) : NULL;
	struct iam_org_level level = { NULL, &s, 1 };
	struct iam_policy_set set = { 0 };
	struct iam_amplify_caller none = { 0 };
	long n;

	c->list = iam_amplify_list_load("cli-2020", &err);
	assert_non_null(c->list);
	assert_int_equal(iam_amplify_plan_build(c->list, iam_catalog_default(), cats,
						NULL, &c->plan, &err), 0);
	set.identity = &id;
	set.nidentity = 1;
	if (b) {
		set.boundary = &b;
		set.nboundary = 1;
	}
	if (s) {
		set.scp = &level;
		set.nscp = 1;
	}
	n = iam_amplify_check(&c->plan, &set, caller ? caller : &none, &err);
	c->id = id;
	c->b = b;
	c->s = s;
	return n;
}

static void checked_release(struct checked *c)
{
	iam_amplify_plan_release(&c->plan);
	iam_amplify_list_free(c->list);
	iam_policy_free(c->id);
	iam_policy_free(c->b);
	iam_policy_free(c->s);
}

static const char allow_all[] =
	"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}";

static void test_check_layers(void **state)
{
	struct checked c;
	const struct iam_amplify_req *r;
	int auth = iam_amplify_category_index("auth");
	unsigned cats = 1u << auth;
	long n;

	(void)state;
	/* identity: only cognito-idp */
	n = run_check(&c, cats,
		      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"cognito-idp:*\", \"lambda:*\"], \"Resource\": \"*\"}]}",
		      NULL, NULL, NULL);
	assert_int_equal(n, 6);  /* the cognito-identity actions */
	r = find_req(&c.plan, "cognito-identity:CreateIdentityPool", -1);
	assert_int_equal(r->blocked_by, IAM_AMPLIFY_BY_IDENTITY);
	assert_int_equal(r->decision, IAM_DECISION_IMPLICIT_DENY);
	assert_int_equal(find_req(&c.plan, "cognito-idp:CreateUserPool", -1)->blocked_by,
			 IAM_AMPLIFY_ALLOWED);
	checked_release(&c);

	/* boundary */
	n = run_check(&c, cats, allow_all,
		      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"cognito-idp:*\", \"cognito-identity:*\"], \"Resource\": \"*\"}]}",
		      NULL, NULL);
	assert_int_equal(n, 10);  /* lambda */
	r = find_req(&c.plan, "lambda:CreateFunction", -1);
	assert_int_equal(r->blocked_by, IAM_AMPLIFY_BY_BOUNDARY);
	assert_ptr_equal(r->where, c.b);
	checked_release(&c);

	/* an SCP level that allows only Cognito */
	n = run_check(&c, cats, allow_all, NULL,
		      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"cognito-idp:*\", \"Resource\": \"*\"}]}",
		      NULL);
	assert_int_equal(n, 16);
	r = find_req(&c.plan, "lambda:AddPermission", -1);
	assert_int_equal(r->blocked_by, IAM_AMPLIFY_BY_SCP);
	assert_ptr_equal(r->where, c.s);
	checked_release(&c);

	/* an explicit Deny names its statement */
	n = run_check(&c, cats,
		      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
		      " {\"Sid\": \"NoPools\", \"Effect\": \"Deny\", \"Action\": \"cognito-idp:DeleteUserPool\", \"Resource\": \"*\"}]}",
		      NULL, NULL, NULL);
	assert_int_equal(n, 1);
	r = find_req(&c.plan, "cognito-idp:DeleteUserPool", -1);
	assert_int_equal(r->blocked_by, IAM_AMPLIFY_BY_DENY);
	assert_int_equal(r->decision, IAM_DECISION_EXPLICIT_DENY);
	assert_non_null(r->deny.stmt);
	assert_ptr_equal(r->deny.policy, c.id);
	assert_string_equal(r->deny.stmt->sid, "NoPools");
	checked_release(&c);
}

static void test_check_resources_and_context(void **state)
{
	struct checked c;
	struct iam_amplify_caller caller = { 0 };
	const struct iam_amplify_req *r;
	int core = iam_amplify_category_index("core");
	long n;

	(void)state;
	/* s3 only on Amplify's buckets: the deployment bucket is covered,
	 * an action on an access point is not */
	n = run_check(&c, 1u << core,
		      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"NotAction\": \"s3:*\", \"Resource\": \"*\"},"
		      " {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": [\"arn:aws:s3:::amplify-*\", \"arn:aws:s3:::amplify-*/*\"]}]}",
		      NULL, NULL, NULL);
	assert_true(n > 0);
	assert_int_equal(find_req(&c.plan, "s3:PutObject", core)->blocked_by, IAM_AMPLIFY_ALLOWED);
	r = find_req(&c.plan, "s3:ListAllMyBuckets", core);
	assert_int_equal(r->blocked_by, IAM_AMPLIFY_BY_IDENTITY);
	assert_string_equal(r->resources[r->failed], "*");
	checked_release(&c);

	/* calls CloudFormation makes carry aws:CalledVia */
	n = run_check(&c, 1u << core,
		      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\","
		      " \"Condition\": {\"ForAnyValue:StringEquals\": {\"aws:CalledVia\": \"cloudformation.amazonaws.com\"}}}]}",
		      NULL, NULL, NULL);
	r = find_req(&c.plan, "iam:UpdateRole", -1);
	assert_true(r->via_cfn);
	assert_int_equal(r->blocked_by, IAM_AMPLIFY_ALLOWED);
	r = find_req(&c.plan, "iam:CreateRole", -1);
	assert_false(r->via_cfn);
	assert_int_equal(r->blocked_by, IAM_AMPLIFY_BY_IDENTITY);
	checked_release(&c);

	/* iam:PermissionsBoundary: the environment's boundary ARN */
	caller.permissions_boundary = "arn:aws:iam::111122223333:policy/b";
	n = run_check(&c, 1u << core,
		      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
		      " {\"Effect\": \"Deny\", \"Action\": \"iam:CreateRole\", \"Resource\": \"*\","
		      " \"Condition\": {\"StringNotEquals\": {\"iam:PermissionsBoundary\": \"arn:aws:iam::111122223333:policy/b\"}}}]}",
		      NULL, NULL, &caller);
	assert_int_equal(n, 0);
	checked_release(&c);
	caller.permissions_boundary = NULL;
	n = run_check(&c, 1u << core,
		      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
		      " {\"Effect\": \"Deny\", \"Action\": \"iam:CreateRole\", \"Resource\": \"*\","
		      " \"Condition\": {\"StringNotEquals\": {\"iam:PermissionsBoundary\": \"arn:aws:iam::111122223333:policy/b\"}}}]}",
		      NULL, NULL, &caller);
	assert_int_equal(n, 1);
	assert_int_equal(find_req(&c.plan, "iam:CreateRole", -1)->blocked_by, IAM_AMPLIFY_BY_DENY);
	checked_release(&c);

	/* region: a region lock denies when the region is another */
	caller.region = "eu-west-1";
	n = run_check(&c, 1u << core, allow_all, NULL,
		      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
		      " {\"Effect\": \"Deny\", \"Action\": \"cloudformation:*\", \"Resource\": \"*\","
		      " \"Condition\": {\"StringNotEquals\": {\"aws:RequestedRegion\": \"us-east-1\"}}}]}",
		      &caller);
	assert_int_equal(find_req(&c.plan, "cloudformation:CreateStack", -1)->blocked_by,
			 IAM_AMPLIFY_BY_DENY);
	checked_release(&c);
	caller.region = "us-east-1";
	n = run_check(&c, 1u << core, allow_all, NULL,
		      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
		      " {\"Effect\": \"Deny\", \"Action\": \"cloudformation:*\", \"Resource\": \"*\","
		      " \"Condition\": {\"StringNotEquals\": {\"aws:RequestedRegion\": \"us-east-1\"}}}]}",
		      &caller);
	assert_int_equal(n, 0);
	checked_release(&c);
}

/* An action checked on several resources and allowed on some. */
static void test_check_allowed_on_some(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_amplify_list *l = iam_amplify_list_load("gen2", &err);
	struct iam_amplify_plan plan;
	struct iam_policy *id = policy_of(
		"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"cloudformation:*\","
		" \"Resource\": \"arn:aws:cloudformation:*:*:stack/amplify-*\"}]}", IAM_POLICY_IDENTITY);
	struct iam_policy_set set = { .identity = &id, .nidentity = 1 };
	struct iam_amplify_caller caller = { 0 };
	const struct iam_amplify_req *r;

	(void)state;
	assert_int_equal(iam_amplify_plan_build(l, iam_catalog_default(), 1u, NULL, &plan, &err), 0);
	assert_true(iam_amplify_check(&plan, &set, &caller, &err) > 0);
	r = find_req(&plan, "cloudformation:DeleteStack", -1);
	assert_non_null(r);
	assert_int_equal(r->nresources, 2);
	assert_string_equal(r->resources[1], "arn:aws:cloudformation:*:*:stack/CDKToolkit/*");
	assert_int_equal(r->allowed_on, 1u);
	assert_int_equal(r->failed, 1);
	assert_int_equal(r->blocked_by, IAM_AMPLIFY_BY_IDENTITY);
	iam_amplify_plan_release(&plan);
	iam_amplify_list_free(l);
	iam_policy_free(id);
}

/* ---- projects ---- */

static struct iam_amplify_role *role_named(struct iam_amplify_project *p,
					   const char *logical_id, const char *category)
{
	for (size_t i = 0; i < p->nroles; i++)
		if (strcmp(p->roles[i].logical_id, logical_id) == 0 &&
		    strcmp(p->roles[i].category, category) == 0)
			return &p->roles[i];
	return NULL;
}

static void test_project_example(void **state)
{
	char *dir = srcpath("policies/examples/amplify-project");
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_amplify_project *p = iam_amplify_project_load(dir, NULL, NULL, NULL, &err);
	struct iam_amplify_role *r;
	struct iam_amplify_vars vars;

	(void)state;
	if (!p)
		fail_msg("%s: %s", err.source, err.text);
	assert_string_equal(p->env, "dev");
	assert_string_equal(p->region, "us-east-1");
	assert_string_equal(p->account, "111122223333");
	assert_string_equal(p->stack_name, "amplify-shop-dev-84621");
	assert_string_equal(p->boundary_arn, "arn:aws:iam::111122223333:policy/amplify-boundary");
	/* core and the five categories of backend-config.json */
	assert_int_equal(p->cats, 0x3f);
	assert_int_equal(p->nstacks, 7);
	/* names the templates make: nested stack names feed Fn::Split */
	assert_string_equal(p->storage_bucket, "shopimages84621-dev");
	assert_string_equal(p->hosting_bucket, "shop-hosting-84621-dev");
	assert_int_equal(p->nroles, 4);
	r = role_named(p, "AuthRole", "");
	assert_non_null(r);
	assert_string_equal(r->name, "amplify-shop-dev-84621-authRole");
	assert_true(r->has_boundary);
	/* storage's policies attach to it through authRoleName, a Ref to
	 * the root stack's parameter */
	assert_int_equal(r->npolicies, 2);
	assert_string_equal(r->policies[0].name, "Public_policy_84621");
	assert_string_equal(r->policies[1].name, "Private_policy_84621");
	assert_int_equal(r->line, 47);
	r = role_named(p, "LambdaExecutionRole", "function");
	assert_non_null(r);
	assert_string_equal(r->name, "shopLambdaRole3c7d1e09-dev");
	assert_int_equal(r->npolicies, 2);
	/* the api model role: its name holds the API ID, unknown before deploy */
	r = role_named(p, "ProductIAMRole2B83FE4C", "api");
	assert_non_null(r);
	assert_string_equal(r->name, "ProductIAMRole8f2c1a-${GraphQLAPI.ApiId}-dev");
	assert_true(r->has_boundary);
	iam_amplify_project_vars(p, &vars);
	assert_string_equal(vars.deployment_bucket, "amplify-shop-dev-84621-deployment");
	assert_string_equal(vars.app_id, "d2x7k1shop9abc");
	iam_amplify_project_free(p);
	free(dir);
}

static void test_project_roles_boundary(void **state)
{
	char *dir = srcpath("policies/examples/amplify-project");
	char *bfile = srcpath("policies/examples/amplify-project/roles-boundary.json");
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_amplify_project *p = iam_amplify_project_load(dir, NULL, NULL, NULL, &err);
	struct iam_policy *b = iam_policy_load(bfile, IAM_POLICY_BOUNDARY, 0, NULL, &err);
	struct iam_amplify_role *r;

	(void)state;
	assert_non_null(p);
	assert_non_null(b);
	/* without a boundary: the grants only */
	assert_int_equal(iam_amplify_roles_check(p, iam_catalog_default(), NULL, &err), 0);
	r = role_named(p, "LambdaExecutionRole", "function");
	assert_int_equal(r->nactions, 8);
	assert_int_equal(r->nlost, 0);
	/* the boundary strips SES from the function */
	assert_int_equal(iam_amplify_roles_check(p, iam_catalog_default(), b, &err), 1);
	r = role_named(p, "LambdaExecutionRole", "function");
	assert_int_equal(r->nlost, 2);
	assert_int_equal(r->nlost_actions, 2);
	assert_string_equal(r->lost[0].action, "ses:SendEmail");
	assert_string_equal(r->lost[0].resource, "arn:aws:ses:us-east-1:111122223333:identity/shop.example.com");
	assert_int_equal(r->lost[0].by, IAM_AMPLIFY_BY_BOUNDARY);
	assert_string_equal(r->lost[0].granted_by->name, "amplify-lambda-execution-policy");
	assert_int_equal(role_named(p, "AuthRole", "")->nlost, 0);
	iam_amplify_project_free(p);
	iam_policy_free(b);
	free(dir);
	free(bfile);
}

/* ---- iam_amplify_run: the findings, and what a suppression takes ---- */

static bool suppress_role_findings(void *ctx, const struct iam_diag *d)
{
	(void)ctx;
	return strcmp(d->code, "AMPLIFY_ROLE_OUTSIDE_BOUNDARY") == 0;
}

static size_t count_code(const struct iam_diags *d, const char *code)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n; i++)
		n += strcmp(d->v[i].code, code) == 0;
	return n;
}

static void run_example(struct iam_amplify_options *o, struct iam_amplify_report *r)
{
	struct iam_error err = IAM_ERROR_INIT;

	assert_int_equal(iam_amplify_open(o, r, &err), 0);
	if (iam_amplify_run(o, r, &err) < 0)
		fail_msg("%s", err.text);
}

static void test_run_findings(void **state)
{
	char *dir = srcpath("policies/examples/amplify-project");
	char *bfile = srcpath("policies/examples/amplify-project/roles-boundary.json");
	char *dfile = srcpath("tests/golden/amplify-data/deployer-partial.json");
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_policy *b = iam_policy_load(bfile, IAM_POLICY_BOUNDARY, 0, NULL, &err);
	struct iam_policy *d = iam_policy_load(dfile, IAM_POLICY_IDENTITY, 0, NULL, &err);
	struct iam_amplify_options o = {
		.project = dir, .catalog = iam_catalog_default(),
		.identity = &d, .nidentity = 1, .project_boundary = b,
	};
	struct iam_amplify_report r = IAM_AMPLIFY_REPORT_INIT;
	const struct iam_diag *g = NULL;
	long missing;

	(void)state;
	assert_non_null(b);
	assert_non_null(d);
	run_example(&o, &r);
	/* one finding per requirement not allowed, per role that loses */
	assert_true(r.missing > 0);
	assert_int_equal(count_code(&r.diags, "AMPLIFY_ACTION_DENIED"), (size_t)r.missing);
	assert_int_equal(r.losing, 1);
	assert_int_equal(count_code(&r.diags, "AMPLIFY_ROLE_OUTSIDE_BOUNDARY"), 1);
	assert_int_equal(r.suppressed, 0);
	for (size_t i = 0; i < r.diags.n; i++) {
		const struct iam_rule *rule = iam_rules_find(iam_amplify_rules(), r.diags.v[i].code);

		assert_non_null(rule);
		assert_int_equal(rule->sev, r.diags.v[i].sev);
		if (strcmp(r.diags.v[i].code, "AMPLIFY_ROLE_OUTSIDE_BOUNDARY") == 0)
			g = &r.diags.v[i];
		else if (strcmp(r.diags.v[i].code, "AMPLIFY_ACTION_DENIED") == 0)
			assert_non_null(json_object_get(r.diags.v[i].props, "blockedBy"));
	}
	/* the role's finding: at the role, with the actions it loses */
	assert_non_null(g);
	assert_non_null(strstr(g->source, "function/"));
	assert_true(g->line > 0);
	assert_string_equal(json_string_value(json_object_get(g->props, "logicalId")),
			    "LambdaExecutionRole");
	assert_int_equal(json_array_size(json_object_get(g->props, "actions")), 2);
	missing = r.missing;
	iam_amplify_report_release(&r);
	/* suppressed: gone from the findings and the count, kept on the role */
	o.suppressed = suppress_role_findings;
	run_example(&o, &r);
	assert_int_equal(r.missing, missing);
	assert_int_equal(r.losing, 0);
	assert_int_equal(r.suppressed, 1);
	assert_int_equal(count_code(&r.diags, "AMPLIFY_ROLE_OUTSIDE_BOUNDARY"), 0);
	for (size_t i = 0; i < r.proj->nroles; i++)
		assert_int_equal(r.proj->roles[i].suppressed, r.proj->roles[i].nlost > 0);
	iam_amplify_report_release(&r);
	iam_policy_free(b);
	iam_policy_free(d);
	free(dir);
	free(bfile);
	free(dfile);
}

static const char tpi_one[] =
	"{\"dev\": {\"awscloudformation\": {\"AuthRoleName\": \"app-dev-authRole\","
	" \"UnauthRoleName\": \"app-dev-unauthRole\", \"Region\": \"us-west-2\","
	" \"StackName\": \"amplify-app-dev-1\", \"DeploymentBucketName\": \"amplify-app-dev-1-deployment\","
	" \"StackId\": \"arn:aws:cloudformation:us-west-2:403014890115:stack/amplify-app-dev-1/x\"}}}";

static const char storage_tmpl[] =
	"{\"Parameters\": {\"env\": {\"Type\": \"String\"}, \"authRoleName\": {\"Type\": \"String\"},"
	"  \"authPoolId\": {\"Type\": \"String\", \"Default\": \"authPoolId\"},"
	"  \"perms\": {\"Type\": \"String\", \"Default\": \"DISALLOW\"}},"
	" \"Conditions\": {\"Create\": {\"Fn::Not\": [{\"Fn::Equals\": [{\"Ref\": \"perms\"}, \"DISALLOW\"]}]}},"
	" \"Resources\": {"
	"  \"Bucket\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketName\": {\"Fn::Join\": [\"-\", [\"pics\", {\"Ref\": \"env\"}]]}}},"
	"  \"AuthPolicy\": {\"Type\": \"AWS::IAM::Policy\", \"Condition\": \"Create\", \"Properties\": {"
	"   \"PolicyName\": \"auth-pics\", \"Roles\": [{\"Ref\": \"authRoleName\"}],"
	"   \"PolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
	"    \"Action\": {\"Fn::Split\": [\",\", {\"Ref\": \"perms\"}]},"
	"    \"Resource\": {\"Fn::Join\": [\"\", [\"arn:aws:s3:::\", {\"Ref\": \"Bucket\"}, \"/*\"]]}}]}}},"
	"  \"GroupPolicy\": {\"Type\": \"AWS::IAM::Policy\", \"Properties\": {"
	"   \"PolicyName\": \"admins\", \"Roles\": [{\"Fn::Join\": [\"\", [{\"Ref\": \"authPoolId\"}, \"-adminGroupRole\"]]}],"
	"   \"PolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
	"    \"Action\": \"s3:*\", \"Resource\": {\"Fn::Sub\": \"arn:aws:s3:::${Bucket}/${Missing.Arn}\"}}]}}}}}";

static const char groups_tmpl[] =
	"{\"Parameters\": {\"authPoolId\": {\"Type\": \"String\", \"Default\": \"authPoolId\"}},"
	" \"Resources\": {\"adminGroupRole\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {"
	"  \"RoleName\": {\"Fn::Join\": [\"\", [{\"Ref\": \"authPoolId\"}, \"-adminGroupRole\"]]}}}}}";

/* A pre-v7 project: no root stack (the CLI holds it), templates at the
 * resource's root, a YAML template, and the same template twice. */
static void test_project_pre_v7(void **state)
{
	char *dir = temp_dir();
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_amplify_project *p;
	struct iam_amplify_role *r;

	(void)state;
	write_file(dir, "amplify/team-provider-info.json", tpi_one);
	write_file(dir, "amplify/backend/backend-config.json",
		   "{\"auth\": {\"userPoolGroups\": {}, \"app1\": {}}, \"storage\": {\"pics\": {}}, \"xr\": {\"scene\": {}}}");
	write_file(dir, "amplify/backend/storage/pics/s3-cloudformation-template.json", storage_tmpl);
	write_file(dir, "amplify/backend/storage/pics/parameters.json",
		   "{\"authRoleName\": {\"Ref\": \"AuthRoleName\"}, \"perms\": \"s3:GetObject,s3:PutObject\"}");
	/* the same template again as a pushed copy: counted once */
	write_file(dir, "amplify/backend/awscloudformation/build/storage/pics/s3-cloudformation-template.json",
		   storage_tmpl);
	write_file(dir, "amplify/backend/auth/userPoolGroups/template.json", groups_tmpl);
	write_file(dir, "amplify/backend/auth/app1/app1-cloudformation-template.yml", "Resources: {}\n");
	p = iam_amplify_project_load(dir, NULL, NULL, NULL, &err);
	if (!p)
		fail_msg("%s", err.text);
	assert_int_equal(p->nstacks, 2);
	assert_string_equal(p->account, "403014890115");
	assert_int_equal(json_array_size(p->skipped), 1);
	assert_non_null(strstr(json_string_value(json_object_get(json_array_get(p->skipped, 0), "reason")),
			       "YAML"));
	/* xr is no list's category: noted */
	assert_true(json_array_size(p->notes) >= 1);
	/* the auth role comes from the CLI's root stack: no template */
	r = role_named(p, "AuthRole", "");
	assert_non_null(r);
	assert_null(r->template);
	assert_string_equal(r->name, "app-dev-authRole");
	assert_int_equal(r->npolicies, 1);
	assert_string_equal(r->policies[0].name, "auth-pics");
	/* both sides name the group role through the same unknown pool ID */
	r = role_named(p, "adminGroupRole", "auth");
	assert_non_null(r);
	assert_string_equal(r->name, "${authPoolId}-adminGroupRole");
	assert_int_equal(r->npolicies, 1);
	/* Fn::GetAtt stays unknown: its Resource is "*" there, and said */
	assert_true(r->policies[0].unknown_resource);
	assert_int_equal(iam_amplify_roles_check(p, iam_catalog_default(), NULL, &err), 0);
	assert_int_equal(role_named(p, "AuthRole", "")->nactions, 2);
	assert_string_equal(role_named(p, "AuthRole", "")->actions[0], "s3:GetObject");
	iam_amplify_project_free(p);
	remove_tree(dir);
	free(dir);
}

static void test_project_errors(void **state)
{
	char *dir = temp_dir();
	struct iam_error err = IAM_ERROR_INIT;

	(void)state;
	assert_null(iam_amplify_project_load(dir, NULL, NULL, NULL, &err));
	assert_int_equal(err.code, IAM_ERR_IO);
	iam_error_clear(&err);
	write_file(dir, "amplify/backend/backend-config.json", "{}");
	write_file(dir, "amplify/team-provider-info.json",
		   "{\"dev\": {\"awscloudformation\": {}}, \"prod\": {\"awscloudformation\": {}}}");
	/* two environments, none chosen */
	assert_null(iam_amplify_project_load(dir, NULL, NULL, NULL, &err));
	assert_int_equal(err.code, IAM_ERR_USAGE);
	assert_non_null(strstr(err.text, "dev, prod"));
	iam_error_clear(&err);
	assert_null(iam_amplify_project_load(dir, "test", NULL, NULL, &err));
	assert_int_equal(err.code, IAM_ERR_USAGE);
	iam_error_clear(&err);
	{
		struct iam_amplify_project *p = iam_amplify_project_load(dir, "prod", "eu-north-1",
									 "123456789012", &err);

		assert_non_null(p);
		assert_string_equal(p->env, "prod");
		assert_string_equal(p->region, "eu-north-1");
		assert_int_equal(p->cats, 1u);
		iam_amplify_project_free(p);
	}
	/* a template that is not JSON stops the check, with its place */
	write_file(dir, "amplify/backend/backend-config.json", "{\"function\": {\"f\": {}}}");
	write_file(dir, "amplify/backend/function/f/f-cloudformation-template.json",
		   "{\"Resources\": {\n  \"A\": [1 2]}}");
	assert_null(iam_amplify_project_load(dir, "dev", NULL, NULL, &err));
	assert_int_equal(err.code, IAM_ERR_JSON);
	assert_int_equal(err.line, 2);
	iam_error_clear(&err);
	/* also in a resource the reader skips */
	write_file(dir, "amplify/backend/function/f/f-cloudformation-template.json",
		   "{\"Resources\": {\n  \"R\": {\"Type\": \"AWS::AppSync::Resolver\", \"P\": {\"x\" 1}}}}");
	assert_null(iam_amplify_project_load(dir, "dev", NULL, NULL, &err));
	assert_int_equal(err.code, IAM_ERR_JSON);
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.source, "f-cloudformation-template.json"));
	remove_tree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cfn_ref_params_and_pseudo),
		cmocka_unit_test(test_cfn_resource_refs),
		cmocka_unit_test(test_cfn_ref_cycles),
		cmocka_unit_test(test_cfn_arns),
		cmocka_unit_test(test_cfn_budget),
		cmocka_unit_test(test_cfn_join_sub_split_select),
		cmocka_unit_test(test_cfn_conditions_and_if),
		cmocka_unit_test(test_cfn_render_tokens),
		cmocka_unit_test(test_cfn_reader_keeps_what_matters),
		cmocka_unit_test(test_cfn_reader_errors),
		cmocka_unit_test(test_cfn_reader_matches_jansson),
		cmocka_unit_test(test_lists_embedded),
		cmocka_unit_test(test_list_seed_content),
		cmocka_unit_test(test_list_errors),
		cmocka_unit_test(test_plan_seed_all_categories),
		cmocka_unit_test(test_plan_vars_and_categories),
		cmocka_unit_test(test_plan_unknown_actions),
		cmocka_unit_test(test_check_layers),
		cmocka_unit_test(test_check_resources_and_context),
		cmocka_unit_test(test_check_allowed_on_some),
		cmocka_unit_test(test_project_example),
		cmocka_unit_test(test_project_roles_boundary),
		cmocka_unit_test(test_run_findings),
		cmocka_unit_test(test_project_pre_v7),
		cmocka_unit_test(test_project_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

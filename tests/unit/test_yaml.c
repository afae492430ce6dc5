/* Unit tests: YAML templates (core/yaml.c) and the template reader on
 * them (core/cfn.c): short-form tags, scalar types, positions, aliases
 * and their bound, what is refused and where, and YAML read as its JSON
 * equivalent is. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/cfn.h"
#include "core/error.h"
#include "core/json.h"
#include "core/yaml.h"

/* Parse text as YAML; the doc is the caller's to release. */
static int parse(struct iam_json_doc *doc, const char *text,
		 struct iam_error *err)
{
	return iam_yaml_load_buffer(doc, "t.yaml", text, strlen(text), err);
}

/* The YAML value of "v: <text>" equals the JSON json. */
static void assert_value(const char *yaml, const char *json)
{
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_error err = IAM_ERROR_INIT;
	json_error_t je;
	json_t *want = json_loads(json, JSON_DECODE_ANY, &je);
	char *got;

	if (!want)
		fail_msg("bad expected JSON %s: %s", json, je.text);
	if (parse(&doc, yaml, &err) < 0)
		fail_msg("%s: %d:%d: %s", yaml, err.line, err.column, err.text);
	got = json_dumps(json_object_get(doc.root, "v"), JSON_ENCODE_ANY);
	if (!json_equal(json_object_get(doc.root, "v"), want))
		fail_msg("%s: got %s, want %s", yaml, got, json);
	free(got);
	json_decref(want);
	iam_json_doc_release(&doc);
}

static void test_short_tags(void **state)
{
	(void)state;
	assert_value("v: !Ref Env", "{\"Ref\": \"Env\"}");
	assert_value("v: !Condition IsProd", "{\"Condition\": \"IsProd\"}");
	assert_value("v: !GetAtt Role.Arn", "{\"Fn::GetAtt\": [\"Role\", \"Arn\"]}");
	assert_value("v: !GetAtt Db.Endpoint.Address",
		     "{\"Fn::GetAtt\": [\"Db\", \"Endpoint.Address\"]}");
	assert_value("v: !GetAtt [Role, Arn]", "{\"Fn::GetAtt\": [\"Role\", \"Arn\"]}");
	assert_value("v: !GetAtt\n  - Role\n  - Arn\n", "{\"Fn::GetAtt\": [\"Role\", \"Arn\"]}");
	assert_value("v: !Sub 'arn:${AWS::Partition}:s3:::b'",
		     "{\"Fn::Sub\": \"arn:${AWS::Partition}:s3:::b\"}");
	assert_value("v: !Sub\n  - '${a}-x'\n  - {a: !Ref B}\n",
		     "{\"Fn::Sub\": [\"${a}-x\", {\"a\": {\"Ref\": \"B\"}}]}");
	assert_value("v: !If [C, a, !Ref AWS::NoValue]",
		     "{\"Fn::If\": [\"C\", \"a\", {\"Ref\": \"AWS::NoValue\"}]}");
	assert_value("v: !Join ['', [a, !Ref B]]",
		     "{\"Fn::Join\": [\"\", [\"a\", {\"Ref\": \"B\"}]]}");
	assert_value("v: !Select [0, !GetAZs '']",
		     "{\"Fn::Select\": [0, {\"Fn::GetAZs\": \"\"}]}");
	assert_value("v: !Split [',', !ImportValue Out]",
		     "{\"Fn::Split\": [\",\", {\"Fn::ImportValue\": \"Out\"}]}");
	assert_value("v: !FindInMap [M, !Ref AWS::Region, k]",
		     "{\"Fn::FindInMap\": [\"M\", {\"Ref\": \"AWS::Region\"}, \"k\"]}");
	assert_value("v: !Equals [!Ref E, prod]",
		     "{\"Fn::Equals\": [{\"Ref\": \"E\"}, \"prod\"]}");
	assert_value("v: !Not [!Condition C]",
		     "{\"Fn::Not\": [{\"Condition\": \"C\"}]}");
	assert_value("v: !And [!Condition A, !Or [!Condition B, !Condition C]]",
		     "{\"Fn::And\": [{\"Condition\": \"A\"}, {\"Fn::Or\": [{\"Condition\": \"B\"}, {\"Condition\": \"C\"}]}]}");
	assert_value("v: !Base64 hello", "{\"Fn::Base64\": \"hello\"}");
	assert_value("v: !Cidr [10.0.0.0/16, 4, 8]",
		     "{\"Fn::Cidr\": [\"10.0.0.0/16\", 4, 8]}");
	assert_value("v: !GetAZs us-east-1", "{\"Fn::GetAZs\": \"us-east-1\"}");
	/* a tagged scalar is a string, whatever it looks like */
	assert_value("v: !Ref 123", "{\"Ref\": \"123\"}");
	/* the long forms read as themselves */
	assert_value("v: {Fn::GetAtt: [A, B]}", "{\"Fn::GetAtt\": [\"A\", \"B\"]}");
}

static void test_scalar_types(void **state)
{
	(void)state;
	assert_value("v: 2012-10-17", "\"2012-10-17\"");
	assert_value("v: \"2012-10-17\"", "\"2012-10-17\"");
	assert_value("v: true", "true");
	assert_value("v: 'true'", "\"true\"");
	assert_value("v: False", "false");
	assert_value("v: yes", "true");
	assert_value("v: off", "false");
	assert_value("v: 80", "80");
	assert_value("v: -3", "-3");
	assert_value("v: '80'", "\"80\"");
	assert_value("v: 1.5", "1.5");
	assert_value("v: 012345678912", "\"012345678912\"");
	assert_value("v: 123456789012", "123456789012");
	assert_value("v: 0x1F", "\"0x1F\"");
	assert_value("v: 99999999999999999999", "\"99999999999999999999\"");
	assert_value("v: 1.2.3", "\"1.2.3\"");
	assert_value("v: ~", "null");
	assert_value("v:", "null");
	assert_value("v: null", "null");
	assert_value("v: !!str 80", "\"80\"");
	assert_value("v: !!int '80'", "80");
	assert_value("v: s3:GetObject", "\"s3:GetObject\"");
	assert_value("v: |\n  line1\n  line2\n", "\"line1\\nline2\\n\"");
	assert_value("v: \"a\\tb\"", "\"a\\tb\"");
	assert_value("v: '*'", "\"*\"");
}

/* The position of the element at a pointer. */
static void assert_at(struct iam_json_doc *doc, const char *ptr, int line, int col)
{
	int l = 0, c = 0;

	if (iam_json_locate(doc, ptr, &l, &c) < 0)
		fail_msg("%s: not found (nearest %d:%d)", ptr, l, c);
	if (l != line || c != col)
		fail_msg("%s: at %d:%d, want %d:%d", ptr, l, c, line, col);
}

static const char located[] =
	"# a role\n"                                           /* 1 */
	"Resources:\n"                                         /* 2 */
	"  Role:\n"                                            /* 3 */
	"    Type: AWS::IAM::Role\n"                           /* 4 */
	"    Properties:\n"                                    /* 5 */
	"      RoleName: !Sub 'app-${Env}'\n"                  /* 6 */
	"      Policies:\n"                                    /* 7 */
	"        - PolicyName: p\n"                            /* 8 */
	"          PolicyDocument:\n"                          /* 9 */
	"            Statement:\n"                             /* 10 */
	"              - Effect: Allow\n"                      /* 11 */
	"                Action: [s3:GetObject, \"s3:Put*\"]\n" /* 12 */
	"                Resource: !GetAtt Bucket.Arn\n"       /* 13 */
	"      Tags: [{Key: k, Value: !If [C, é, b]}]\n"       /* 14 */
	"      Path: &p  !GetAtt   é.Arn\n"                    /* 15 */
	"      X: !GetAtt 'A.B'\n";                           /* 16 */

static void test_positions(void **state)
{
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_error err = IAM_ERROR_INIT;
	const char *base = "/Resources/Role/Properties";
	char p[256];
	int l, c;

	(void)state;
	assert_int_equal(parse(&doc, located, &err), 0);
	assert_at(&doc, "", 2, 1);
	assert_at(&doc, "/Resources", 2, 1);
	assert_at(&doc, "/Resources/Role", 3, 3);
	assert_at(&doc, "/Resources/Role/Type", 4, 5);
	snprintf(p, sizeof(p), "%s/RoleName", base);
	assert_at(&doc, p, 6, 7);
	snprintf(p, sizeof(p), "%s/RoleName/Fn::Sub", base);
	assert_at(&doc, p, 6, 17);
	snprintf(p, sizeof(p), "%s/Policies/0", base);
	assert_at(&doc, p, 8, 11);
	snprintf(p, sizeof(p), "%s/Policies/0/PolicyDocument/Statement/0/Action/1", base);
	assert_at(&doc, p, 12, 40);
	snprintf(p, sizeof(p), "%s/Policies/0/PolicyDocument/Statement/0/Resource/Fn::GetAtt", base);
	assert_at(&doc, p, 13, 27);
	/* the resource where its name starts, the attribute after the dot */
	snprintf(p, sizeof(p), "%s/Policies/0/PolicyDocument/Statement/0/Resource/Fn::GetAtt/0", base);
	assert_at(&doc, p, 13, 35);
	/* the attribute of the string form: after the dot */
	snprintf(p, sizeof(p), "%s/Policies/0/PolicyDocument/Statement/0/Resource/Fn::GetAtt/1", base);
	assert_at(&doc, p, 13, 42);
	/* columns count characters: é is two bytes */
	snprintf(p, sizeof(p), "%s/Tags/0/Value/Fn::If/2", base);
	assert_at(&doc, p, 14, 41);
	/* an anchor and blanks before the name; a quoted name: at the tag */
	snprintf(p, sizeof(p), "%s/Path/Fn::GetAtt/0", base);
	assert_at(&doc, p, 15, 27);
	snprintf(p, sizeof(p), "%s/Path/Fn::GetAtt/1", base);
	assert_at(&doc, p, 15, 29);
	snprintf(p, sizeof(p), "%s/X/Fn::GetAtt/1", base);
	assert_at(&doc, p, 16, 10);
	/* a pointer that names nothing: the nearest element */
	snprintf(p, sizeof(p), "%s/Policies/0/Nope", base);
	assert_int_equal(iam_json_locate(&doc, p, &l, &c), -1);
	assert_int_equal(l, 8);
	/* no JSON text to measure */
	{
		size_t start, len;

		assert_int_equal(iam_json_span(&doc, "/Resources", &start, &len), -1);
	}
	iam_json_doc_release(&doc);
}

static void test_stack_positions(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_cfn_stack *s = iam_cfn_load_buffer(located, strlen(located), "t.yml", "k", &err);
	int line = 0, col = 0;

	(void)state;
	if (!s)
		fail_msg("%s", err.text);
	assert_true(iam_cfn_position(s, "Role", &line, &col));
	assert_int_equal(line, 3);
	assert_int_equal(col, 3);
	assert_true(iam_cfn_locate(s, "/Resources/Role/Properties/Policies/0/PolicyDocument",
				   &line, &col));
	assert_int_equal(line, 9);
	assert_int_equal(col, 11);
	assert_false(iam_cfn_position(s, "Bucket", &line, &col));
	iam_cfn_free(s);
}

static void test_aliases(void **state)
{
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_error err = IAM_ERROR_INIT;
	static const char text[] =
		"a: &stmt\n"
		"  Effect: Allow\n"
		"  Action: [s3:GetObject]\n"
		"b:\n"
		"  - *stmt\n"
		"  - &r !Ref X\n"
		"c: *r\n";
	json_error_t je;
	json_t *want = json_loads("{\"a\": {\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\"]},"
				  " \"b\": [{\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\"]},"
				  " {\"Ref\": \"X\"}], \"c\": {\"Ref\": \"X\"}}", 0, &je);

	(void)state;
	assert_int_equal(parse(&doc, text, &err), 0);
	assert_true(json_equal(doc.root, want));
	/* the alias is located where it stands, what it names inside where
	 * the anchor's elements are */
	assert_at(&doc, "/b/0", 5, 5);
	assert_at(&doc, "/b/0/Action/0", 3, 12);
	assert_at(&doc, "/c", 7, 1);
	assert_at(&doc, "/c/Ref", 6, 5);
	json_decref(want);
	iam_json_doc_release(&doc);
}

/* An empty key is a key, the first one too (an anchor on an empty key
 * once made the index take it for an array element). */
static void test_empty_keys(void **state)
{
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_error err = IAM_ERROR_INIT;

	(void)state;
	assert_int_equal(parse(&doc, "&a:\n  R:\n    Type: x\n", &err), 0);
	assert_non_null(json_object_get(json_object_get(doc.root, ""), "R"));
	assert_at(&doc, "/", 1, 1);
	assert_at(&doc, "//R", 2, 3);
	assert_at(&doc, "//R/Type", 3, 5);
	iam_json_doc_release(&doc);
	assert_int_equal(parse(&doc, "\"\": 1\nb: ['': 2]\n", &err), 0);
	assert_at(&doc, "/", 1, 1);
	assert_at(&doc, "/b/0/", 2, 5);
	iam_json_doc_release(&doc);
}

/* An empty value at the end of the text is on its last line (libyaml
 * places it on the line after). */
static void test_empty_value_at_end(void **state)
{
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_error err = IAM_ERROR_INIT;

	(void)state;
	assert_int_equal(parse(&doc, "---\n#! ", &err), 0);
	assert_true(json_is_null(doc.root));
	assert_at(&doc, "", 2, 1);
	iam_json_doc_release(&doc);
	assert_int_equal(parse(&doc, "a:\n  - x\n  -", &err), 0);
	assert_at(&doc, "/a/1", 3, 4);  /* after its dash: a line that is there */
	iam_json_doc_release(&doc);
}

/* Refused: code IAM_ERR_YAML at line:col, the text holding words. */
static void assert_refused(const char *text, int line, int col, const char *words)
{
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_error err = IAM_ERROR_INIT;

	if (parse(&doc, text, &err) == 0)
		fail_msg("accepted: %s", text);
	if (err.code != IAM_ERR_YAML || err.line != line || err.column != col ||
	    !strstr(err.text, words) || strcmp(err.source, "t.yaml") != 0)
		fail_msg("%s: got %d %s:%d:%d: %s; want %d:%d: ...%s...", text, err.code,
			 err.source, err.line, err.column, err.text, line, col, words);
	assert_null(doc.root);
	iam_json_doc_release(&doc);
}

static void test_billion_laughs_refused(void **state)
{
	char *text = malloc(4096);
	size_t n = 0;

	(void)state;
	n += (size_t)sprintf(text + n, "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (int i = 1; i < 10; i++)
		n += (size_t)sprintf(text + n,
				     "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n",
				     i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	/* 10^5 values by the eighth alias of the fifth line: refused there,
	 * not after 10^10 */
	assert_refused(text, 5, 45, "billion-laughs");
	free(text);
	/* a few aliases are fine */
	assert_value("a: &x [1, 2]\nv: [*x, *x]\n", "[[1, 2], [1, 2]]");
}

static void test_refusals(void **state)
{
	(void)state;
	assert_refused("Resources: {}\n---\nResources: {}\n", 2, 1, "second YAML document");
	assert_refused("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a'");
	assert_refused("a:\n  x: 1\n  y: [1, {x: 2, x: 3}]\n", 3, 17, "duplicate key 'x'");
	assert_refused("a: &k x\nb:\n  x: 1\n  *k : 2\n", 4, 3, "duplicate key 'x'");
	assert_refused("a:\n\tb: 1\n", 2, 1, "tab");
	assert_refused("a: [1, 2\nb: 3\n", 2, 2, "");
	assert_refused("a: 'open\n", 2, 1, "quoted scalar");
	/* at the end of a last line without a break: there, not on a line
	 * after it */
	assert_refused("a: [1, 2", 1, 9, "flow sequence");
	assert_refused("a: [é", 1, 6, "flow sequence");
	assert_refused("v: !Reff X\n", 1, 4, "the tag !Reff");
	assert_refused("v: !!binary aGk=\n", 1, 4, "tag:yaml.org,2002:binary");
	assert_refused("v: *nope\n", 1, 4, "*nope names no anchor");
	assert_refused("? [a]\n: 1\n", 1, 3, "key must be a scalar");
	assert_refused("!Ref x: 1\n", 1, 1, "a key cannot be !Ref");
	assert_refused("v: \"a\\0b\"\n", 1, 4, "NUL");
	assert_refused("", 1, 1, "no YAML document");
	{
		char deep[2048];
		size_t n = 0;

		n += (size_t)sprintf(deep, "v: ");
		for (int i = 0; i < 600; i++)
			deep[n++] = '[';
		deep[n] = '\0';
		assert_refused(deep, 1, 515, "nested deeper than 512");  /* the map is one */
	}
}

static void test_load_errors(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	static const char bad[] = "Resources:\n  R:\n    Type: x\n   bad: [\n";

	(void)state;
	assert_null(iam_cfn_load_buffer(bad, strlen(bad), "dir/a.yaml", "k", &err));
	assert_int_equal(err.code, IAM_ERR_YAML);
	assert_string_equal(err.source, "dir/a.yaml");
	assert_int_equal(err.line, 4);
	iam_error_clear(&err);
	assert_null(iam_cfn_load_buffer("a: 1\n", 5, "a.yml", "k", &err));
	assert_int_equal(err.code, IAM_ERR_SCHEMA);
	iam_error_clear(&err);
	/* a file named .json is JSON, whatever it holds */
	assert_null(iam_cfn_load_buffer("Resources: {}\n", 14, "a.json", "k", &err));
	assert_int_equal(err.code, IAM_ERR_JSON);
}

static void test_sniff_and_bom(void **state)
{
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_error err = IAM_ERROR_INIT;

	(void)state;
	assert_true(iam_yaml_name("a.yaml"));
	assert_true(iam_yaml_name("A.YML"));
	assert_false(iam_yaml_name("a.json"));
	assert_false(iam_yaml_name("yml"));
	assert_true(iam_yaml_sniff("# c\nResources: {}\n", 18));
	assert_false(iam_yaml_sniff("  \n{\"Resources\": {}}", 20));
	assert_false(iam_yaml_sniff("\xEF\xBB\xBF[1]", 6));
	assert_int_equal(parse(&doc, "\xEF\xBB\xBFv: 1\n", &err), 0);
	assert_true(doc.bom);
	assert_at(&doc, "/v", 1, 1);
	iam_json_doc_release(&doc);
}

/* The same template in YAML and JSON. */
static const char same_yaml[] =
	"AWSTemplateFormatVersion: '2010-09-09'\n"
	"Parameters:\n"
	"  env: {Type: String, Default: prod}\n"
	"  ids: {Type: CommaDelimitedList, Default: 'a,b'}\n"
	"Mappings:\n"
	"  M: {prod: {bucket: pb}}\n"
	"Conditions:\n"
	"  IsProd: !Equals [!Ref env, prod]\n"
	"  NotProd: !Not [!Condition IsProd]\n"
	"  Both: !And [!Condition IsProd, !Or [!Condition NotProd, !Equals [1, 1]]]\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      BucketName: !FindInMap [M, !Ref env, bucket]\n"
	"      Tags: [{Key: k, Value: v}]\n"
	"  Resolver:\n"
	"    Type: AWS::AppSync::Resolver\n"
	"    Properties: {Field: f}\n"
	"  Role:\n"
	"    Type: AWS::IAM::Role\n"
	"    Condition: Both\n"
	"    Properties:\n"
	"      RoleName: !Join ['-', [!Select [1, !Ref ids], !Sub '${env}-${AWS::Region}', !Base64 x]]\n"
	"      Policies:\n"
	"        - PolicyName: p\n"
	"          PolicyDocument:\n"
	"            Version: 2012-10-17\n"
	"            Statement:\n"
	"              - Effect: Allow\n"
	"                Action: !If [IsProd, [s3:GetObject], [s3:*]]\n"
	"                Resource: !Sub\n"
	"                  - 'arn:aws:s3:::${b}/*'\n"
	"                  - {b: !Ref Bucket}\n"
	"              - Effect: Allow\n"
	"                Action: sqs:SendMessage\n"
	"                Resource: !GetAtt Queue.Arn\n"
	"                Condition: {NumericLessThan: {aws:MultiFactorAuthAge: 3600}, Bool: {aws:SecureTransport: true}}\n";

static const char same_json[] =
	"{\"AWSTemplateFormatVersion\": \"2010-09-09\",\n"
	" \"Parameters\": {\"env\": {\"Type\": \"String\", \"Default\": \"prod\"},\n"
	"   \"ids\": {\"Type\": \"CommaDelimitedList\", \"Default\": \"a,b\"}},\n"
	" \"Mappings\": {\"M\": {\"prod\": {\"bucket\": \"pb\"}}},\n"
	" \"Conditions\": {\"IsProd\": {\"Fn::Equals\": [{\"Ref\": \"env\"}, \"prod\"]},\n"
	"   \"NotProd\": {\"Fn::Not\": [{\"Condition\": \"IsProd\"}]},\n"
	"   \"Both\": {\"Fn::And\": [{\"Condition\": \"IsProd\"}, {\"Fn::Or\": [{\"Condition\": \"NotProd\"}, {\"Fn::Equals\": [1, 1]}]}]}},\n"
	" \"Resources\": {\n"
	"  \"Bucket\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketName\": {\"Fn::FindInMap\": [\"M\", {\"Ref\": \"env\"}, \"bucket\"]}, \"Tags\": [{\"Key\": \"k\", \"Value\": \"v\"}]}},\n"
	"  \"Resolver\": {\"Type\": \"AWS::AppSync::Resolver\", \"Properties\": {\"Field\": \"f\"}},\n"
	"  \"Role\": {\"Type\": \"AWS::IAM::Role\", \"Condition\": \"Both\", \"Properties\": {\n"
	"   \"RoleName\": {\"Fn::Join\": [\"-\", [{\"Fn::Select\": [1, {\"Ref\": \"ids\"}]}, {\"Fn::Sub\": \"${env}-${AWS::Region}\"}, {\"Fn::Base64\": \"x\"}]]},\n"
	"   \"Policies\": [{\"PolicyName\": \"p\", \"PolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": [\n"
	"    {\"Effect\": \"Allow\", \"Action\": {\"Fn::If\": [\"IsProd\", [\"s3:GetObject\"], [\"s3:*\"]]},\n"
	"     \"Resource\": {\"Fn::Sub\": [\"arn:aws:s3:::${b}/*\", {\"b\": {\"Ref\": \"Bucket\"}}]}},\n"
	"    {\"Effect\": \"Allow\", \"Action\": \"sqs:SendMessage\", \"Resource\": {\"Fn::GetAtt\": [\"Queue\", \"Arn\"]},\n"
	"     \"Condition\": {\"NumericLessThan\": {\"aws:MultiFactorAuthAge\": 3600}, \"Bool\": {\"aws:SecureTransport\": true}}}]}}]}}}}\n";

struct collected {
	json_t *docs;
};

static int collect(void *ctx, const struct iam_cfn_policy *p)
{
	struct collected *c = ctx;

	json_array_append_new(c->docs, json_pack("{s:s,s:s,s:O}", "id", p->logical_id,
						 "pointer", p->pointer, "doc", p->document));
	return 0;
}

/* Everything the reader gives of a stack, evaluated. */
static json_t *evaluated(struct iam_cfn_stack *s)
{
	struct collected c = { json_array() };
	json_t *out = json_object(), *v;
	json_t *ref_bucket = json_pack("{s:s}", "Ref", "Bucket");
	json_t *ref_resolver = json_pack("{s:s}", "Ref", "Resolver");
	const char *id;

	iam_cfn_set_pseudo(s, "eu-west-1", "111122223333", "aws", "st");
	json_object_set(out, "root", s->root);
	json_object_set_new(out, "role", iam_cfn_eval(s, json_object_get(json_object_get(
		iam_cfn_resource(s, "Role", NULL), "Properties"), "RoleName")));
	json_object_set_new(out, "policies", iam_cfn_eval(s, json_object_get(json_object_get(
		iam_cfn_resource(s, "Role", NULL), "Properties"), "Policies")));
	json_object_set_new(out, "bucket", iam_cfn_eval(s, ref_bucket));
	json_object_set_new(out, "resolver", iam_cfn_eval(s, ref_resolver));
	json_decref(ref_bucket);
	json_decref(ref_resolver);
	json_object_set_new(out, "both", json_integer(iam_cfn_condition(s, "Both")));
	json_object_set_new(out, "exists", json_integer(iam_cfn_resource_exists(s, "Role")));
	iam_cfn_each_policy(s, collect, &c);
	json_object_set_new(out, "each", c.docs);
	json_object_set(out, "notes", s->notes);
	json_object_foreach(out, id, v)
		if (!v)
			fail_msg("%s: no value", id);
	return out;
}

static void test_yaml_and_json_read_the_same(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_cfn_stack *y = iam_cfn_load_buffer(same_yaml, strlen(same_yaml), "t.yaml", "k", &err);
	struct iam_cfn_stack *j = iam_cfn_load_buffer(same_json, strlen(same_json), "t.json", "k", &err);
	json_t *ey, *ej;
	char *sy, *sj;

	(void)state;
	if (!y || !j)
		fail_msg("%s:%d:%d: %s", err.source, err.line, err.column, err.text);
	ey = evaluated(y);
	ej = evaluated(j);
	sy = json_dumps(ey, JSON_SORT_KEYS);
	sj = json_dumps(ej, JSON_SORT_KEYS);
	assert_string_equal(sy, sj);
	/* and what they say is right: the pruning left the resolver out */
	assert_null(iam_cfn_resource(y, "Resolver", NULL));
	assert_non_null(strstr(sy, "\"role\": \"b-prod-eu-west-1-"));
	assert_non_null(strstr(sy, "arn:aws:s3:::pb/*"));
	assert_int_equal(json_integer_value(json_object_get(ey, "both")), IAM_CFN_TRUE);
	free(sy);
	free(sj);
	json_decref(ey);
	json_decref(ej);
	iam_cfn_free(y);
	iam_cfn_free(j);
}

/* lint's way: a whole document, no pruning. */
static void test_from_doc(void **state)
{
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_cfn_stack *s;
	struct collected c = { json_array() };
	int line, col;

	(void)state;
	assert_int_equal(parse(&doc, same_yaml, &err), 0);
	s = iam_cfn_from_doc(&doc, NULL, &err);
	assert_non_null(s);
	assert_non_null(iam_cfn_resource(s, "Resolver", NULL));
	iam_cfn_each_policy(s, collect, &c);
	assert_int_equal(json_array_size(c.docs), 1);
	assert_true(iam_cfn_locate(s, json_string_value(json_object_get(json_array_get(c.docs, 0), "pointer")),
				   &line, &col));
	assert_int_equal(line, 27);
	assert_int_equal(col, 11);
	json_decref(c.docs);
	iam_cfn_free(s);
	iam_json_doc_release(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_tags),
		cmocka_unit_test(test_scalar_types),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_stack_positions),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_empty_keys),
		cmocka_unit_test(test_empty_value_at_end),
		cmocka_unit_test(test_billion_laughs_refused),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_sniff_and_bom),
		cmocka_unit_test(test_yaml_and_json_read_the_same),
		cmocka_unit_test(test_from_doc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

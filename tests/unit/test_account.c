/* tests/unit/test_account.c - the account snapshot loader (core/account.h)
 * and the embedded AWS managed policies (core/managed.h). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/account.h"
#include "core/authz.h"
#include "core/error.h"
#include "core/managed.h"
#include "core/policy.h"

#define DOC(stmt) "{\"Version\":\"2012-10-17\",\"Statement\":[" stmt "]}"
#define ALLOW(a) "{\"Effect\":\"Allow\",\"Action\":\"" a "\",\"Resource\":\"*\"}"
#define TRUST(p) DOC("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" p "\"},\"Action\":\"sts:AssumeRole\"}")

static const char snap[] =
	"{\"UserDetailList\":[{\"UserName\":\"alice\",\"Path\":\"/\","
	"\"Arn\":\"arn:aws:iam::111122223333:user/alice\",\"GroupList\":[\"devs\"],"
	"\"UserPolicyList\":[{\"PolicyName\":\"own\",\"PolicyDocument\":" DOC(ALLOW("s3:GetObject")) "}],"
	"\"AttachedManagedPolicies\":[],"
	"\"PermissionsBoundary\":{\"PermissionsBoundaryType\":\"Policy\","
	"\"PermissionsBoundaryArn\":\"arn:aws:iam::111122223333:policy/Shared\"}}],\n"
	"\"GroupDetailList\":[{\"GroupName\":\"devs\",\"Path\":\"/\","
	"\"Arn\":\"arn:aws:iam::111122223333:group/devs\",\"GroupPolicyList\":[],"
	"\"AttachedManagedPolicies\":[{\"PolicyName\":\"Shared\",\"PolicyArn\":\"arn:aws:iam::111122223333:policy/Shared\"}]}],\n"
	"\"RoleDetailList\":["
	"{\"RoleName\":\"r1\",\"Path\":\"/app/\",\"Arn\":\"arn:aws:iam::111122223333:role/app/r1\","
	"\"AssumeRolePolicyDocument\":" TRUST("arn:aws:iam::111122223333:root") ","
	"\"RolePolicyList\":[],\"AttachedManagedPolicies\":[{\"PolicyName\":\"Shared\",\"PolicyArn\":\"arn:aws:iam::111122223333:policy/Shared\"},"
	"{\"PolicyName\":\"ReadOnlyAccess\",\"PolicyArn\":\"arn:aws:iam::aws:policy/ReadOnlyAccess\"}]},"
	"{\"RoleName\":\"r2\",\"Path\":\"/aws-service-role/x.amazonaws.com/\","
	"\"Arn\":\"arn:aws:iam::111122223333:role/aws-service-role/x.amazonaws.com/r2\","
	"\"AssumeRolePolicyDocument\":\"%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22x.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D\","
	"\"RolePolicyList\":[],\"AttachedManagedPolicies\":[{\"PolicyName\":\"Shared\",\"PolicyArn\":\"arn:aws:iam::111122223333:policy/Shared\"}]}],\n"
	"\"Policies\":[{\"PolicyName\":\"Shared\",\"Arn\":\"arn:aws:iam::111122223333:policy/Shared\","
	"\"DefaultVersionId\":\"v2\",\"PolicyVersionList\":["
	"{\"Document\":" DOC(ALLOW("s3:*")) ",\"VersionId\":\"v1\",\"IsDefaultVersion\":false},"
	"{\"Document\":" DOC(ALLOW("ec2:*")) ",\"VersionId\":\"v2\",\"IsDefaultVersion\":true}]}]}\n";

static struct iam_accounts *load(const char *text, struct iam_error *err)
{
	struct iam_accounts *A = iam_accounts_new();

	assert_non_null(A);
	if (iam_accounts_load_buffer(A, "snap.json", text, strlen(text), err) < 0 ||
	    iam_accounts_finish(A, err) < 0) {
		iam_accounts_free(A);
		return NULL;
	}
	return A;
}

static void test_model(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_accounts *A = load(snap, &err);
	const struct iam_entity *alice, *r1, *r2;

	(void)state;
	assert_non_null(A);
	assert_int_equal(iam_accounts_count(A), 1);
	assert_string_equal(iam_accounts_id(A, 0), "111122223333");
	assert_int_equal(iam_accounts_entity_count(A, IAM_ENTITY_USER), 1);
	assert_int_equal(iam_accounts_entity_count(A, IAM_ENTITY_GROUP), 1);
	assert_int_equal(iam_accounts_entity_count(A, IAM_ENTITY_ROLE), 2);
	alice = iam_accounts_find(A, "arn:aws:iam::111122223333:user/alice");
	assert_non_null(alice);
	assert_int_equal(alice->ngroups, 1);
	assert_string_equal(alice->groups[0]->name, "devs");
	assert_non_null(alice->boundary);
	assert_string_equal(alice->boundary->default_version, "v2");
	assert_int_equal(alice->boundary->nversions, 2);
	assert_int_equal(alice->pos.line, 1);
	/* a role by its ARN with or without the path, and by a session */
	r1 = iam_accounts_find(A, "arn:aws:iam::111122223333:role/app/r1");
	assert_non_null(r1);
	assert_ptr_equal(iam_accounts_find(A, "arn:aws:iam::111122223333:role/r1"), r1);
	assert_ptr_equal(iam_accounts_find(A, "arn:aws:sts::111122223333:assumed-role/r1/s"), r1);
	assert_null(iam_accounts_find(A, "arn:aws:iam::111122223333:role/r3"));
	assert_null(iam_accounts_find(A, "arn:aws:iam::444455556666:role/r1"));
	assert_false(r1->service_linked);
	r2 = iam_accounts_find(A, "arn:aws:iam::111122223333:role/r2");
	assert_non_null(r2);
	assert_true(r2->service_linked);
	/* the URL-encoded trust policy compiled */
	assert_non_null(r2->trust);
	assert_int_equal(r2->trust->nstmts, 1);
	/* one compiled policy, shared */
	assert_ptr_equal(r1->attached[0], r2->attached[0]);
	assert_ptr_equal(r1->attached[0], alice->groups[0]->attached[0]);
	assert_ptr_equal(r1->attached[0], alice->boundary);
	/* the default version is v2: ec2 */
	assert_string_equal(r1->attached[0]->policy->stmts[0].actions[0].text, "ec2:*");
	/* the AWS managed policy the snapshot lacks is the embedded one */
	assert_int_equal(r1->nattached, 2);
	assert_true(r1->attached[1]->embedded);
	assert_string_equal(r1->attached[1]->name, "ReadOnlyAccess");
	assert_int_equal(r1->ngaps, 0);
	iam_accounts_free(A);
}

static void test_resolve(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_accounts *A = load(snap, &err);
	struct iam_policy_set set = { 0 };
	struct iam_gaps gaps = { 0 };
	const struct iam_entity *r1;

	(void)state;
	assert_non_null(A);
	r1 = iam_accounts_find(A, "arn:aws:iam::111122223333:role/app/r1");
	/* alice: her inline policy and her group's Shared; Shared as boundary */
	assert_int_equal(iam_accounts_resolve(A, "arn:aws:iam::111122223333:user/alice",
					      "s3:GetObject", "*", true, true, &set, &gaps,
					      &err), 1);
	assert_int_equal(set.nidentity, 2);
	assert_string_equal(set.identity[0]->label, "own");
	assert_string_equal(set.identity[0]->arn, "inline in arn:aws:iam::111122223333:user/alice");
	assert_string_equal(set.identity[1]->label, "Shared");
	assert_int_equal(set.nboundary, 1);
	assert_null(set.resource);
	assert_int_equal(gaps.n, 0);
	iam_policy_set_release(&set);
	/* sts:AssumeRole on r1: its trust policy is the resource-based policy;
	 * a caller outside the loaded accounts adds nothing else */
	assert_int_equal(iam_accounts_resolve(A, "arn:aws:iam::444455556666:user/bob",
					      "sts:AssumeRole",
					      "arn:aws:iam::111122223333:role/app/r1", true, true,
					      &set, &gaps, &err), 0);
	assert_ptr_equal(set.resource, r1->trust);
	assert_int_equal(set.nidentity, 0);
	iam_policy_set_release(&set);
	/* without identity: the boundary only */
	assert_int_equal(iam_accounts_resolve(A, "arn:aws:iam::111122223333:user/alice",
					      "s3:GetObject", "*", false, true, &set, &gaps,
					      &err), 1);
	assert_int_equal(set.nidentity, 0);
	assert_int_equal(set.nboundary, 1);
	iam_policy_set_release(&set);
	iam_gaps_release(&gaps);
	iam_accounts_free(A);
}

/* Pages: a policy defined on a later page than the role that attaches
 * it; as two buffers, and as one array of pages. */
static void test_pages(void **state)
{
	static const char p1[] =
		"{\"RoleDetailList\":[{\"RoleName\":\"r\",\"Arn\":\"arn:aws:iam::111122223333:role/r\","
		"\"AssumeRolePolicyDocument\":" TRUST("arn:aws:iam::111122223333:root") ","
		"\"AttachedManagedPolicies\":[{\"PolicyName\":\"P\",\"PolicyArn\":\"arn:aws:iam::111122223333:policy/P\"}]}],"
		"\"IsTruncated\":true,\"Marker\":\"m1\"}";
	static const char p2[] =
		"{\"Policies\":[{\"PolicyName\":\"P\",\"Arn\":\"arn:aws:iam::111122223333:policy/P\","
		"\"PolicyVersionList\":[{\"Document\":" DOC(ALLOW("s3:*")) ",\"VersionId\":\"v1\","
		"\"IsDefaultVersion\":true}]}],\"IsTruncated\":false}";
	char both[4096];
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_accounts *A = iam_accounts_new();
	const struct iam_entity *r;

	(void)state;
	assert_int_equal(iam_accounts_load_buffer(A, "p1", p1, strlen(p1), &err), 0);
	assert_int_equal(iam_accounts_load_buffer(A, "p2", p2, strlen(p2), &err), 0);
	assert_int_equal(iam_accounts_finish(A, &err), 0);
	r = iam_accounts_find(A, "arn:aws:iam::111122223333:role/r");
	assert_non_null(r);
	assert_int_equal(r->nattached, 1);
	assert_int_equal(r->ngaps, 0);
	iam_accounts_free(A);

	snprintf(both, sizeof(both), "[%s,\n%s]", p1, p2);
	A = load(both, &err);
	assert_non_null(A);
	r = iam_accounts_find(A, "arn:aws:iam::111122223333:role/r");
	assert_int_equal(r->nattached, 1);
	iam_accounts_free(A);

	/* the same page twice: the role is held twice */
	A = iam_accounts_new();
	assert_int_equal(iam_accounts_load_buffer(A, "p1", p1, strlen(p1), &err), 0);
	assert_int_equal(iam_accounts_load_buffer(A, "again", p1, strlen(p1), &err), -1);
	assert_int_equal(err.code, IAM_ERR_SCHEMA);
	assert_string_equal(err.source, "again");
	assert_string_equal(err.path, "/RoleDetailList/0/Arn");
	assert_non_null(strstr(err.text, "is also at p1:1:"));
	iam_accounts_free(A);
}

static void test_gaps(void **state)
{
	static const char text[] =
		"{\"UserDetailList\":[{\"UserName\":\"u\",\"Arn\":\"arn:aws:iam::111122223333:user/u\",\n"
		"\"GroupList\":[\"nogroup\"],\n"
		"\"AttachedManagedPolicies\":[{\"PolicyName\":\"Gone\",\"PolicyArn\":\"arn:aws:iam::111122223333:policy/Gone\"},\n"
		"{\"PolicyName\":\"X\",\"PolicyArn\":\"arn:aws:iam::aws:policy/NoSuchAwsPolicyAtAll\"}]}]}";
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_accounts *A = load(text, &err);
	struct iam_policy_set set = { 0 };
	struct iam_gaps gaps = { 0 };
	char buf[512];

	(void)state;
	assert_non_null(A);
	assert_int_equal(iam_accounts_resolve(A, "arn:aws:iam::111122223333:user/u", "s3:GetObject",
					      "*", true, true, &set, &gaps, &err), 1);
	assert_int_equal(set.nidentity, 0);
	assert_int_equal(gaps.n, 3);
	assert_string_equal(gaps.v[0]->what, "policy");
	assert_string_equal(gaps.v[0]->name, "arn:aws:iam::111122223333:policy/Gone");
	assert_int_equal(gaps.v[0]->pos.line, 3);
	assert_string_equal(gaps.v[1]->name, "arn:aws:iam::aws:policy/NoSuchAwsPolicyAtAll");
	assert_string_equal(gaps.v[2]->what, "group");
	assert_string_equal(iam_gap_text(gaps.v[0], buf, sizeof(buf)),
			    "snap.json:3:49: policy arn:aws:iam::111122223333:policy/Gone of "
			    "arn:aws:iam::111122223333:user/u is in no loaded snapshot");
	iam_policy_set_release(&set);
	iam_gaps_release(&gaps);
	iam_accounts_free(A);
}

/* Bad snapshots: each error names the JSON Pointer and a position. */
static void expect_error(const char *text, enum iam_err_code code, const char *path,
			 const char *words)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_accounts *A = iam_accounts_new();

	assert_int_equal(iam_accounts_load_buffer(A, "bad.json", text, strlen(text), &err), -1);
	assert_int_equal(err.code, code);
	if (path)
		assert_string_equal(err.path, path);
	if (!strstr(err.text, words))
		fail_msg("'%s' says '%s', not '%s'", text, err.text, words);
	assert_string_equal(err.source, "bad.json");
	assert_true(err.line > 0);
	iam_accounts_free(A);
}

static void test_bad(void **state)
{
	static const char junk[] = "\x7f" "ELF\x02\x01\x01\xff\xfe{\"";

	(void)state;
	expect_error("{\"RoleDetailList\":{}}", IAM_ERR_SCHEMA, "/RoleDetailList",
		     "must be an array, not object");
	expect_error("{\"RoleDetailList\":[{\"RoleName\":\"r\",\"Arn\":\"arn:aws:iam::111122223333:role/r\"}]}",
		     IAM_ERR_SCHEMA, "/RoleDetailList/0", "AssumeRolePolicyDocument is missing");
	expect_error("{\"UserDetailList\":[{\"UserName\":\"u\",\"Arn\":\"arn:aws:iam::111122223333:role/u\"}]}",
		     IAM_ERR_SCHEMA, "/UserDetailList/0/Arn", "is not an IAM ARN");
	expect_error("{\"UserDetailList\":[{\"UserName\":7,\"Arn\":\"arn:aws:iam::111122223333:user/u\"}]}",
		     IAM_ERR_SCHEMA, "/UserDetailList/0/UserName", "UserName must be a string, not number");
	expect_error("{\"UserDetailList\":[{\"UserName\":\"u\",\"Arn\":\"arn:aws:iam::111122223333:user/u\","
		     "\"UserPolicyList\":[{\"PolicyName\":\"p\",\"PolicyDocument\":\"%7Bnot json\"}]}]}",
		     IAM_ERR_SCHEMA, NULL, "is not JSON");
	expect_error("{\"Version\":\"2012-10-17\",\"Statement\":[]}", IAM_ERR_SCHEMA, "/Version",
		     "is no member of the output");
	expect_error("{}", IAM_ERR_SCHEMA, "", "not an account snapshot");
	expect_error("[]", IAM_ERR_SCHEMA, "", "empty array");
	expect_error("[{\"Policies\":[]}, 3]", IAM_ERR_SCHEMA, "/1", "is an object, not number");
	expect_error("{\"Policies\":[{\"PolicyName\":\"P\",\"Arn\":\"arn:aws:iam::111122223333:policy/P\","
		     "\"PolicyVersionList\":[{\"Document\":" DOC(ALLOW("s3:*")) ",\"VersionId\":\"v1\"}]}]}",
		     IAM_ERR_SCHEMA, "/Policies/0/PolicyVersionList", "no default version");
	/* a failure part-way through an entity (its inline policy compiled,
	 * its arrays grown) leaks nothing */
	expect_error("{\"UserDetailList\":[{\"UserName\":\"u\",\"Arn\":\"arn:aws:iam::111122223333:user/u\","
		     "\"UserPolicyList\":[{\"PolicyName\":\"p\",\"PolicyDocument\":" DOC(ALLOW("s3:*")) "}],"
		     "\"AttachedManagedPolicies\":[{\"PolicyArn\":\"arn:aws:iam::aws:policy/ReadOnlyAccess\"},7]}]}",
		     IAM_ERR_SCHEMA, "/UserDetailList/0/AttachedManagedPolicies/1",
		     "an attached policy must be an object, not number");
	expect_error(junk, IAM_ERR_JSON, NULL, "");
	{
		/* over the size limit: refused before a byte is read */
		struct iam_error err = IAM_ERROR_INIT;
		struct iam_accounts *A = iam_accounts_new();

		assert_int_equal(iam_accounts_load_buffer(A, "huge", "{", IAM_ACCOUNT_MAX_BYTES + 1,
							  &err), -1);
		assert_int_equal(err.code, IAM_ERR_LIMIT);
		iam_accounts_free(A);
	}
	expect_error("{\"Policies\":[", IAM_ERR_JSON, NULL, "");
}

static void test_org(void **state)
{
#define FULL "{\"Policy\":{\"PolicySummary\":{\"Name\":\"Full\"," \
	"\"Arn\":\"arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess\"}," \
	"\"Content\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"*\\\",\\\"Resource\\\":\\\"*\\\"}]}\"}}"
	static const char org[] =
		"{\"targets\":{\"r-1\":{\"scps\":[" FULL "]},"
		"\"ou-1\":{\"scps\":[" DOC(ALLOW("s3:*")) "]},\"a-1\":{\"scps\":[" FULL "]},"
		"\"a-2\":{\"rcps\":[]}},"
		"\"accounts\":{\"111122223333\":[\"r-1\",\"ou-1\",\"a-1\"],"
		"\"444455556666\":[\"r-1\",\"a-2\"]}}";
	char path[] = "/tmp/test_account_org_XXXXXX";
	int fd = mkstemp(path);
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_accounts *A = load(snap, &err);
	struct iam_policy_set set = { 0 };
	FILE *f;

	(void)state;
	assert_true(fd >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	fputs(org, f);
	fclose(f);
	assert_int_equal(iam_accounts_load_org(A, path, &err), 0);
	assert_int_equal(iam_accounts_resolve(A, "arn:aws:iam::111122223333:user/alice",
					      "s3:GetObject", "*", true, true, &set, NULL,
					      &err), 1);
	assert_int_equal(set.nscp, 3);
	assert_string_equal(set.scp[0].name, "r-1");
	assert_string_equal(set.scp[0].policies[0]->label, "Full");
	assert_int_equal(set.scp[1].n, 1);
	/* one policy by ARN, compiled once for every level it is attached to */
	assert_ptr_equal(set.scp[2].policies[0], set.scp[0].policies[0]);
	/* no target of its has rcps: no RCP level binds */
	assert_int_equal(set.nrcp, 0);
	iam_policy_set_release(&set);
	/* an account that only the organization knows: its levels still;
	 * a-2 without scps is no SCP level (SCPs not enabled there), but
	 * with "rcps": [] an RCP level */
	assert_int_equal(iam_accounts_resolve(A, "arn:aws:iam::444455556666:role/x",
					      "s3:GetObject", "*", true, true, &set, NULL,
					      &err), 0);
	assert_int_equal(set.nscp, 1);
	assert_string_equal(set.scp[0].name, "r-1");
	assert_int_equal(set.nrcp, 1);
	assert_string_equal(set.rcp[0].name, "a-2");
	iam_policy_set_release(&set);
	/* a level no target defines */
	f = fopen(path, "w");
	fputs("{\"targets\":{},\"accounts\":{\"111122223333\":[\"r-9\"]}}", f);
	fclose(f);
	iam_error_clear(&err);
	assert_int_equal(iam_accounts_load_org(A, path, &err), -1);
	assert_string_equal(err.path, "/accounts/111122223333/0");
	assert_non_null(strstr(err.text, "'r-9' is not one of /targets"));
	unlink(path);
	iam_accounts_free(A);
}

static void test_managed(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_policy *p;
	char v[16];

	(void)state;
	assert_int_equal(iam_managed_count(), 1452);
	for (size_t i = 1; i < iam_managed_count(); i++)
		assert_true(strcmp(iam_managed_arn(i - 1), iam_managed_arn(i)) < 0);
	assert_null(iam_managed_arn(iam_managed_count()));
	assert_true(iam_managed_has("arn:aws:iam::aws:policy/AdministratorAccess-Amplify"));
	assert_true(iam_managed_has("arn:aws-cn:iam::aws:policy/AdministratorAccess"));
	assert_true(iam_managed_has("arn:aws:iam::aws:policy/service-role/AmplifyBackendDeployFullAccess"));
	assert_false(iam_managed_has("arn:aws:iam::aws:policy/AmplifyBackendDeployFullAccess"));
	assert_false(iam_managed_has("arn:aws:iam::111122223333:policy/AdministratorAccess"));
	assert_true(iam_managed_is_aws_arn("arn:aws:iam::aws:policy/Nope"));
	assert_false(iam_managed_is_aws_arn("arn:aws:iam::111122223333:policy/Nope"));
	assert_non_null(iam_managed_version("arn:aws:iam::aws:policy/AdministratorAccess", v, sizeof(v)));
	assert_int_equal(v[0], 'v');
	p = iam_managed_compile("arn:aws:iam::aws:policy/AdministratorAccess", IAM_POLICY_IDENTITY, &err);
	assert_non_null(p);
	assert_string_equal(p->label, "AdministratorAccess");
	assert_string_equal(p->arn, "arn:aws:iam::aws:policy/AdministratorAccess");
	assert_string_equal(p->name, IAM_MANAGED_SOURCE);
	assert_int_equal(p->nstmts, 1);
	assert_string_equal(p->stmts[0].actions[0].text, "*");
	iam_policy_free(p);
	assert_null(iam_managed_compile("arn:aws:iam::aws:policy/Nope", IAM_POLICY_IDENTITY, &err));
	assert_int_equal(err.code, IAM_ERR_USAGE);
	/* every embedded policy compiles */
	for (size_t i = 0; i < iam_managed_count(); i++) {
		struct iam_error e = IAM_ERROR_INIT;

		p = iam_managed_compile(iam_managed_arn(i), IAM_POLICY_IDENTITY, &e);
		if (!p)
			fail_msg("%s: %s %s", iam_managed_arn(i), e.path, e.text);
		iam_policy_free(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_gaps),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_org),
		cmocka_unit_test(test_managed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

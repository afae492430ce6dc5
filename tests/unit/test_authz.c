/* Unit tests: iam_authz (layers, explain, policy sets); the decision
 * table itself: test_decide.c; principals: test_principal.c. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/authz.h"
#include "core/context.h"
#include "core/error.h"
#include "core/json.h"
#include "core/policy.h"

static struct iam_policy *pol(const char *text, enum iam_policy_type t)
{
	struct iam_json_doc doc;
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_policy *p;

	assert_int_equal(iam_json_load_buffer(&doc, "t", text, strlen(text), &err), 0);
	p = iam_policy_parse(&doc, NULL, "", t, 0, NULL, &err);
	iam_json_doc_release(&doc);
	assert_non_null(p);
	return p;
}

#define ALLOW_S3 "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"S3\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"
#define ALLOW_ALL "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"
#define DENY_PUT "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoPut\",\"Effect\":\"Deny\",\"Action\":\"s3:Put*\",\"Resource\":\"*\"}]}"

static enum iam_decision decide(struct iam_policy_set *set, const char *principal,
				const char *action, const char *resource,
				struct iam_result *res)
{
	struct iam_request req = { principal, action, resource, NULL, NULL, NULL };
	struct iam_error err = IAM_ERROR_INIT;

	assert_int_equal(iam_authorize(set, &req, IAM_AUTHZ_EXPLAIN, res, &err), 0);
	return res->decision;
}

static void test_identity_allow_and_implicit_deny(void **state)
{
	struct iam_policy *p = pol(ALLOW_S3, IAM_POLICY_IDENTITY);
	struct iam_policy_set set = { .identity = &p, .nidentity = 1 };
	struct iam_result res;
	(void)state;
	assert_int_equal(decide(&set, NULL, "s3:GetObject", "arn:aws:s3:::b/k", &res), IAM_DECISION_ALLOWED);
	assert_int_equal(res.decided_by, IAM_LAYER_IDENTITY);
	assert_int_equal(res.layers[IAM_LAYER_IDENTITY].nmatched, 1);
	assert_string_equal(res.layers[IAM_LAYER_IDENTITY].matched[0].stmt->sid, "S3");
	iam_result_release(&res);
	assert_int_equal(decide(&set, NULL, "ec2:RunInstances", "*", &res), IAM_DECISION_IMPLICIT_DENY);
	iam_result_release(&res);
	iam_policy_free(p);
}

static void test_boundary_cuts_off(void **state)
{
	struct iam_policy *id = pol(ALLOW_ALL, IAM_POLICY_IDENTITY);
	struct iam_policy *b = pol(ALLOW_S3, IAM_POLICY_BOUNDARY);
	struct iam_policy_set set = { .identity = &id, .nidentity = 1, .boundary = &b, .nboundary = 1 };
	struct iam_result res;
	(void)state;
	assert_int_equal(decide(&set, "arn:aws:iam::111122223333:role/R", "amplify:CreateApp", "*", &res),
			 IAM_DECISION_IMPLICIT_DENY);
	assert_int_equal(res.decided_by, IAM_LAYER_BOUNDARY);
	iam_result_release(&res);
	assert_int_equal(decide(&set, "arn:aws:iam::111122223333:role/R", "s3:GetObject", "*", &res),
			 IAM_DECISION_ALLOWED);
	iam_result_release(&res);
	iam_policy_free(id);
	iam_policy_free(b);
}

static void test_explicit_deny_wins_everywhere(void **state)
{
	struct iam_policy *id = pol(ALLOW_ALL, IAM_POLICY_IDENTITY);
	struct iam_policy *d = pol(DENY_PUT, IAM_POLICY_SCP);
	struct iam_policy *full = pol(ALLOW_ALL, IAM_POLICY_SCP);
	struct iam_policy *lv0[] = { full, d };
	struct iam_org_level levels[] = { { NULL, lv0, 2 } };
	struct iam_policy_set set = { .identity = &id, .nidentity = 1, .scp = levels, .nscp = 1 };
	struct iam_result res;
	(void)state;
	assert_int_equal(decide(&set, "arn:aws:iam::111122223333:user/u", "s3:PutObject", "arn:aws:s3:::b/k", &res),
			 IAM_DECISION_EXPLICIT_DENY);
	assert_int_equal(res.decided_by, IAM_LAYER_SCP);
	assert_string_equal(res.layers[IAM_LAYER_SCP].first_deny.stmt->sid, "NoPut");
	iam_result_release(&res);
	assert_int_equal(decide(&set, "arn:aws:iam::111122223333:user/u", "s3:GetObject", "arn:aws:s3:::b/k", &res),
			 IAM_DECISION_ALLOWED);
	iam_result_release(&res);
	iam_policy_free(id);
	iam_policy_free(d);
	iam_policy_free(full);
}

static void test_every_org_level_must_allow(void **state)
{
	struct iam_policy *id = pol(ALLOW_ALL, IAM_POLICY_IDENTITY);
	struct iam_policy *full = pol(ALLOW_ALL, IAM_POLICY_SCP);
	struct iam_policy *s3 = pol(ALLOW_S3, IAM_POLICY_SCP);
	struct iam_policy *l0[] = { full }, *l1[] = { s3 };
	struct iam_org_level levels[] = { { NULL, l0, 1 }, { NULL, l1, 1 } };
	struct iam_policy_set set = { .identity = &id, .nidentity = 1, .scp = levels, .nscp = 2 };
	struct iam_result res;
	(void)state;
	assert_int_equal(decide(&set, "arn:aws:iam::111122223333:user/u", "ec2:RunInstances", "*", &res),
			 IAM_DECISION_IMPLICIT_DENY);
	assert_int_equal(res.decided_by, IAM_LAYER_SCP);
	assert_int_equal(res.layers[IAM_LAYER_SCP].failed_level, 1);
	iam_result_release(&res);
	/* service-linked roles are not bound by SCPs */
	assert_int_equal(decide(&set, "arn:aws:iam::111122223333:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX",
				"ec2:RunInstances", "*", &res), IAM_DECISION_ALLOWED);
	iam_result_release(&res);
	iam_policy_free(id);
	iam_policy_free(full);
	iam_policy_free(s3);
}

/* The set built with iam_policy_set_add decides as the same set filled by
 * hand: one level per iam_policy_set_level, several policies in a level. */
static void test_policy_set_builder(void **state)
{
	struct iam_policy *id = pol(ALLOW_ALL, IAM_POLICY_IDENTITY);
	struct iam_policy *bd = pol(ALLOW_S3, IAM_POLICY_BOUNDARY);
	struct iam_policy *full = pol(ALLOW_ALL, IAM_POLICY_SCP);
	struct iam_policy *s3 = pol(ALLOW_S3, IAM_POLICY_SCP);
	struct iam_policy *sess = pol(ALLOW_ALL, IAM_POLICY_SESSION);
	struct iam_policy_set set = { 0 };
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_result res;
	(void)state;

	assert_int_equal(iam_policy_set_add(&set, IAM_LAYER_IDENTITY, id, &err), 0);
	assert_int_equal(iam_policy_set_add(&set, IAM_LAYER_BOUNDARY, bd, &err), 0);
	assert_int_equal(decide(&set, "arn:aws:iam::111122223333:user/u", "ec2:RunInstances", "*", &res),
			 IAM_DECISION_IMPLICIT_DENY);
	assert_int_equal(res.decided_by, IAM_LAYER_BOUNDARY);
	iam_result_release(&res);

	/* two SCPs in one level: the level allows what either allows */
	assert_int_equal(iam_policy_set_add(&set, IAM_LAYER_SCP, s3, &err), 0);
	assert_int_equal(iam_policy_set_add(&set, IAM_LAYER_SCP, full, &err), 0);
	assert_int_equal(set.nscp, 1);
	assert_int_equal(set.scp[0].n, 2);
	assert_int_equal(decide(&set, "arn:aws:iam::111122223333:user/u", "s3:GetObject", "*", &res),
			 IAM_DECISION_ALLOWED);
	iam_result_release(&res);

	/* a second level that allows only S3: EC2 fails at level 2 */
	iam_policy_set_release(&set);
	assert_null(set.identity);
	assert_int_equal(iam_policy_set_add(&set, IAM_LAYER_IDENTITY, id, &err), 0);
	assert_int_equal(iam_policy_set_level(&set, IAM_LAYER_SCP, "r-root", &err), 0);
	assert_int_equal(iam_policy_set_add(&set, IAM_LAYER_SCP, full, &err), 0);
	assert_int_equal(iam_policy_set_level(&set, IAM_LAYER_SCP, NULL, &err), 0);
	assert_int_equal(iam_policy_set_add(&set, IAM_LAYER_SCP, s3, &err), 0);
	assert_string_equal(set.scp[0].name, "r-root");
	assert_int_equal(decide(&set, "arn:aws:iam::111122223333:user/u", "ec2:RunInstances", "*", &res),
			 IAM_DECISION_IMPLICIT_DENY);
	assert_int_equal(res.layers[IAM_LAYER_SCP].failed_level, 1);
	iam_result_release(&res);

	/* one session policy at most; levels only for SCPs and RCPs */
	assert_int_equal(iam_policy_set_add(&set, IAM_LAYER_SESSION, sess, &err), 0);
	assert_int_equal(iam_policy_set_add(&set, IAM_LAYER_SESSION, sess, &err), -1);
	assert_int_equal(err.code, IAM_ERR_USAGE);
	iam_error_clear(&err);
	assert_int_equal(iam_policy_set_level(&set, IAM_LAYER_IDENTITY, NULL, &err), -1);
	iam_policy_set_release(&set);
	iam_policy_free(id);
	iam_policy_free(bd);
	iam_policy_free(full);
	iam_policy_free(s3);
	iam_policy_free(sess);
}

static void test_resource_policy_rows(void **state)
{
	struct iam_policy *rp = pol("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
				    "\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:user/u\",\"arn:aws:iam::111122223333:role/R\"]},"
				    "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}", IAM_POLICY_RESOURCE);
	struct iam_policy *b = pol(DENY_PUT "", IAM_POLICY_BOUNDARY);
	struct iam_policy_set set = { .resource = rp };
	struct iam_result res;
	(void)state;
	/* row 1: the user by name, no identity policy needed */
	assert_int_equal(decide(&set, "arn:aws:iam::111122223333:user/u", "s3:GetObject", "arn:aws:s3:::b/k", &res),
			 IAM_DECISION_ALLOWED);
	assert_int_equal(res.decided_by, IAM_LAYER_RESOURCE);
	iam_result_release(&res);
	/* row 2: the role, limited by a boundary that allows nothing */
	set.boundary = &b;
	set.nboundary = 1;
	assert_int_equal(decide(&set, "arn:aws:sts::111122223333:assumed-role/R/s", "s3:GetObject", "arn:aws:s3:::b/k", &res),
			 IAM_DECISION_IMPLICIT_DENY);
	assert_int_equal(res.decided_by, IAM_LAYER_BOUNDARY);
	iam_result_release(&res);
	/* cross-account: the resource side alone is not enough */
	set.boundary = NULL;
	set.nboundary = 0;
	assert_int_equal(decide(&set, "arn:aws:iam::444455556666:user/u", "s3:GetObject", "arn:aws:s3:::b/k", &res),
			 IAM_DECISION_IMPLICIT_DENY);
	iam_result_release(&res);
	iam_policy_free(rp);
	iam_policy_free(b);
}

static void test_assume_role_needs_trust_policy(void **state)
{
	struct iam_policy *id = pol(ALLOW_ALL, IAM_POLICY_IDENTITY);
	struct iam_policy_set set = { .identity = &id, .nidentity = 1 };
	struct iam_result res;
	(void)state;
	assert_int_equal(decide(&set, "arn:aws:iam::111122223333:user/u", "sts:AssumeRole",
				"arn:aws:iam::111122223333:role/Target", &res), IAM_DECISION_IMPLICIT_DENY);
	assert_int_equal(res.decided_by, IAM_LAYER_RESOURCE);
	iam_result_release(&res);
	iam_policy_free(id);
}

static void test_statement_applies_predicate(void **state)
{
	struct iam_policy *p = pol(ALLOW_S3, IAM_POLICY_IDENTITY);
	struct iam_request req = { NULL, "S3:getobject", "arn:aws:s3:::b/k", NULL, NULL, NULL };
	(void)state;
	assert_true(iam_statement_applies(&p->stmts[0], &req));
	req.action = "s3x:GetObject";
	assert_false(iam_statement_applies(&p->stmts[0], &req));
	iam_policy_free(p);
}

static void test_names(void **state)
{
	enum iam_decision d;
	(void)state;
	assert_string_equal(iam_decision_name(IAM_DECISION_EXPLICIT_DENY), "ExplicitlyDenied");
	assert_int_equal(iam_decision_parse("ImplicitlyDenied", &d), 0);
	assert_int_equal(d, IAM_DECISION_IMPLICIT_DENY);
	assert_int_equal(iam_decision_parse("Denied", &d), -1);
	assert_string_equal(iam_layer_name(IAM_LAYER_BOUNDARY), "boundary");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identity_allow_and_implicit_deny),
		cmocka_unit_test(test_boundary_cuts_off),
		cmocka_unit_test(test_explicit_deny_wins_everywhere),
		cmocka_unit_test(test_every_org_level_must_allow),
		cmocka_unit_test(test_policy_set_builder),
		cmocka_unit_test(test_resource_policy_rows),
		cmocka_unit_test(test_assume_role_needs_trust_policy),
		cmocka_unit_test(test_statement_applies_predicate),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

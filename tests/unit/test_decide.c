/* Unit tests: iam_decide(), row by row of the table "The decision" in
 * doc/semantics.md.  Each case builds the facts directly (no policy is
 * evaluated) and asserts the decision, the deciding layer and the reason;
 * where a row has a trust-policy reason and another, both are walked; some
 * cases hold for two rows and show that the earlier row wins. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/authz.h"

#define NROWS 24

/* layers, by what they said */
#define ALLOWS(l) [l] = { .present = true, .allowed = true }
#define SILENT(l) [l] = { .present = true }          /* no applicable Allow */
#define DENIES(l) [l] = { .present = true, .denied = true }
#define SKIPPED(l) [l] = { .present = true, .skipped = true }
#define RCP IAM_LAYER_RCP
#define SCP IAM_LAYER_SCP
#define RES IAM_LAYER_RESOURCE
#define IDN IAM_LAYER_IDENTITY
#define BND IAM_LAYER_BOUNDARY
#define SES IAM_LAYER_SESSION

#define ALLOWED IAM_DECISION_ALLOWED
#define IMPLICIT IAM_DECISION_IMPLICIT_DENY
#define EXPLICIT IAM_DECISION_EXPLICIT_DENY

/* an IAM identity of the resource's account */
#define USER .aws_caller = true

struct row_case {
	int row;                                  /* in doc/semantics.md */
	const char *what;
	struct iam_facts f;                       /* .layers: L, set below */
	struct iam_layer_result L[IAM_LAYER__COUNT];
	enum iam_decision decision;
	enum iam_layer by;
	const char *reason;
};

static const struct row_case cases[] = {
	{ 0, "sts:GetCallerIdentity: a Deny in every layer and no Allow anywhere",
	  { USER, .no_permission = true },
	  { DENIES(RCP), DENIES(SCP), DENIES(RES), DENIES(IDN), DENIES(BND), DENIES(SES) },
	  ALLOWED, IAM_LAYER_NONE, "sts:GetCallerIdentity needs no permission: no policy can deny it" },
	{ 0, "sts:GetCallerIdentity with no policy at all",
	  { USER, .no_permission = true }, { [RCP] = { .present = false } },
	  ALLOWED, IAM_LAYER_NONE, "sts:GetCallerIdentity needs no permission: no policy can deny it" },
	{ 1, "a Deny in the first layer decides, though a later one denies too",
	  { USER }, { DENIES(RCP), ALLOWS(RES), [IDN] = { .present = true, .allowed = true, .denied = true } },
	  EXPLICIT, RCP, "an applicable Deny statement" },
	{ 1, "a session policy Deny wins over a failing SCP level (row 2)",
	  { USER }, { SILENT(SCP), ALLOWS(IDN), DENIES(SES) },
	  EXPLICIT, SES, "an applicable Deny statement" },
	{ 1, "a resource-based Deny wins over a cross-account grant",
	  { USER, .cross_account = true, .named = IAM_NAMED_EXACT },
	  { [RES] = { .present = true, .allowed = true, .denied = true }, ALLOWS(IDN) },
	  EXPLICIT, RES, "an applicable Deny statement" },
	{ 1, "a Deny binds callers with no IAM identity too",
	  { .named = IAM_NAMED_EXACT }, { DENIES(SCP), ALLOWS(RES) },
	  EXPLICIT, SCP, "an applicable Deny statement" },

	{ 2, "an SCP level without an Allow",
	  { USER }, { SILENT(SCP), ALLOWS(IDN) },
	  IMPLICIT, SCP, "a service control policy level allows nothing that matches" },
	{ 2, "before the partition check (row 3) and the resource-based policy",
	  { USER, .cross_partition = true, .named = IAM_NAMED_EXACT }, { SILENT(SCP), ALLOWS(RES) },
	  IMPLICIT, SCP, "a service control policy level allows nothing that matches" },

	{ 3, "another partition, whatever the policies allow",
	  { USER, .cross_partition = true, .named = IAM_NAMED_EXACT }, { ALLOWS(SCP), ALLOWS(RES), ALLOWS(IDN) },
	  IMPLICIT, RES, "the caller and the resource are in different partitions" },
	{ 3, "before the missing trust policy (row 4)",
	  { USER, .cross_partition = true, .assume_role = true }, { ALLOWS(IDN) },
	  IMPLICIT, RES, "the caller and the resource are in different partitions" },

	{ 4, "sts:AssumeRole without a trust policy",
	  { USER, .assume_role = true }, { ALLOWS(IDN) },
	  IMPLICIT, RES, "no trust policy: a role can be assumed only when its trust policy allows the caller" },
	{ 4, "for the root user too",
	  { USER, .root = true, .assume_role = true }, { { 0 } },
	  IMPLICIT, RES, "no trust policy: a role can be assumed only when its trust policy allows the caller" },

	{ 5, "a KMS key without a key policy",
	  { USER, .kms_key = true }, { ALLOWS(IDN) },
	  IMPLICIT, RES, "no key policy: a KMS key is usable only when its key policy allows the caller or its account" },
	{ 5, "before the service-caller rows (6-7)",
	  { .kms_key = true }, { { 0 } },
	  IMPLICIT, RES, "no key policy: a KMS key is usable only when its key policy allows the caller or its account" },

	{ 6, "a service named by a resource-based policy",
	  { .named = IAM_NAMED_EXACT }, { ALLOWS(RES), SKIPPED(IDN) },
	  ALLOWED, RES, "the resource-based policy allows the caller" },
	{ 6, "a web-identity caller named by a trust policy",
	  { .named = IAM_NAMED_EXACT, .trust_policy = true }, { ALLOWS(RES) },
	  ALLOWED, RES, "the trust policy allows the caller" },
	{ 6, "sts:AssumeRole* makes the resource-based policy a trust policy",
	  { .named = IAM_NAMED_EXACT, .assume_role = true }, { ALLOWS(RES) },
	  ALLOWED, RES, "the trust policy allows the caller" },

	{ 7, "a service with only an identity-side layer",
	  { 0 }, { SKIPPED(IDN) },
	  IMPLICIT, RES, "no resource-based policy allows the caller" },
	{ 7, "anonymous, not named by the resource-based policy",
	  { 0 }, { SILENT(RES) },
	  IMPLICIT, RES, "no resource-based policy allows the caller" },
	{ 7, "a SAML caller a trust policy does not name",
	  { .trust_policy = true }, { SILENT(RES) },
	  IMPLICIT, RES, "the trust policy does not allow the caller" },

	{ 8, "cross-account: named exactly, but no identity Allow",
	  { USER, .cross_account = true, .named = IAM_NAMED_EXACT }, { ALLOWS(RES), SILENT(IDN) },
	  IMPLICIT, IDN, "cross-account: no identity-based policy allows the action" },
	{ 8, "cross-account: no identity policy at all",
	  { USER, .cross_account = true, .named = IAM_NAMED_ACCOUNT }, { ALLOWS(RES) },
	  IMPLICIT, IDN, "cross-account: no identity-based policy allows the action" },

	{ 9, "cross-account: the boundary cuts off",
	  { USER, .cross_account = true, .named = IAM_NAMED_EXACT }, { ALLOWS(RES), ALLOWS(IDN), SILENT(BND) },
	  IMPLICIT, BND, "cross-account: the permissions boundary does not allow the action" },
	{ 9, "cross-account: the role named, the boundary cuts off",
	  { USER, .cross_account = true, .named = IAM_NAMED_ROLE }, { ALLOWS(RES), ALLOWS(IDN), SILENT(BND) },
	  IMPLICIT, BND, "cross-account: the permissions boundary does not allow the action" },

	{ 10, "cross-account: the session policy allows nothing that matches",
	  { USER, .cross_account = true, .named = IAM_NAMED_ROLE }, { ALLOWS(RES), ALLOWS(IDN), ALLOWS(BND), SILENT(SES) },
	  IMPLICIT, SES, "cross-account: the session policy does not allow the action" },
	{ 10, "cross-account: a federated-user session without a session policy",
	  { USER, .federated_user = true, .cross_account = true, .named = IAM_NAMED_EXACT }, { ALLOWS(RES), ALLOWS(IDN) },
	  IMPLICIT, SES, "cross-account: the session policy does not allow the action" },

	{ 11, "cross-account: the identity side allows, the resource's account does not",
	  { USER, .cross_account = true }, { SILENT(RES), ALLOWS(IDN) },
	  IMPLICIT, RES, "cross-account: no resource-based policy in the resource's account allows the caller" },
	{ 11, "cross-account: no resource-based policy at all",
	  { USER, .cross_account = true }, { ALLOWS(IDN) },
	  IMPLICIT, RES, "cross-account: no resource-based policy in the resource's account allows the caller" },
	{ 11, "cross-account: the role's trust policy does not name the caller",
	  { USER, .cross_account = true, .trust_policy = true }, { SILENT(RES), ALLOWS(IDN) },
	  IMPLICIT, RES, "cross-account: the role's trust policy does not allow the caller" },

	{ 12, "cross-account: the root user of an account the policy names",
	  { USER, .root = true, .cross_account = true, .named = IAM_NAMED_EXACT }, { ALLOWS(RES) },
	  ALLOWED, RES, "cross-account: the resource-based policy allows the caller's account, whose root user needs no identity policy" },
	{ 12, "cross-account: the root user of an account a trust policy names",
	  { USER, .root = true, .cross_account = true, .named = IAM_NAMED_EXACT, .assume_role = true }, { ALLOWS(RES) },
	  ALLOWED, RES, "cross-account: the trust policy allows the caller's account, whose root user needs no identity policy" },

	{ 13, "cross-account: both sides allow (the account is named)",
	  { USER, .cross_account = true, .named = IAM_NAMED_ACCOUNT }, { ALLOWS(RES), ALLOWS(IDN), ALLOWS(BND), ALLOWS(SES) },
	  ALLOWED, RES, "cross-account: allowed by both the caller's policies and the resource-based policy" },
	{ 13, "cross-account: both sides allow (a trust policy names the role)",
	  { USER, .cross_account = true, .named = IAM_NAMED_ROLE, .trust_policy = true }, { ALLOWS(RES), ALLOWS(IDN) },
	  ALLOWED, RES, "cross-account: allowed by both the caller's policies and the role's trust policy" },

	{ 14, "the user by name: no identity policy, and the boundary does not matter",
	  { USER, .named = IAM_NAMED_EXACT }, { ALLOWS(RES), SILENT(BND), SILENT(SES) },
	  ALLOWED, RES, "the resource-based policy allows this principal by name" },
	{ 14, "a trust policy naming the user",
	  { USER, .named = IAM_NAMED_EXACT, .trust_policy = true, .assume_role = true }, { ALLOWS(RES) },
	  ALLOWED, RES, "the trust policy allows this principal by name" },

	{ 15, "the role named, the boundary cuts off",
	  { USER, .named = IAM_NAMED_ROLE }, { ALLOWS(RES), SILENT(BND) },
	  IMPLICIT, BND, "the resource-based policy names the role, and the permissions boundary does not allow the action" },

	{ 16, "the role named, the session policy allows nothing that matches",
	  { USER, .named = IAM_NAMED_ROLE }, { ALLOWS(RES), ALLOWS(BND), SILENT(SES) },
	  IMPLICIT, SES, "the resource-based policy names the role, and the session policy does not allow the action" },
	{ 16, "the role named, a federated-user session without a session policy",
	  { USER, .named = IAM_NAMED_ROLE, .federated_user = true }, { ALLOWS(RES) },
	  IMPLICIT, SES, "the resource-based policy names the role, and the session policy does not allow the action" },

	{ 17, "the role named: no identity policy needed",
	  { USER, .named = IAM_NAMED_ROLE }, { ALLOWS(RES), SILENT(IDN) },
	  ALLOWED, RES, "the resource-based policy allows the role" },

	{ 18, "a trust policy that does not name the caller: the identity Allow is not enough",
	  { USER, .trust_policy = true }, { SILENT(RES), ALLOWS(IDN) },
	  IMPLICIT, RES, "the trust policy does not allow the caller" },
	{ 18, "sts:AssumeRole with a resource-based policy that does not name the caller",
	  { USER, .assume_role = true }, { SILENT(RES), ALLOWS(IDN) },
	  IMPLICIT, RES, "the trust policy does not allow the caller" },
	{ 18, "a key policy that names neither the caller nor its account",
	  { USER, .kms_key = true }, { SILENT(RES), ALLOWS(IDN) },
	  IMPLICIT, RES, "the key policy does not allow the caller or its account" },

	{ 19, "no identity policy",
	  { USER }, { { 0 } },
	  IMPLICIT, IDN, "no identity-based policy allows the action" },
	{ 19, "the account named (iam-semantics.md row 3): the identity side must allow too",
	  { USER, .named = IAM_NAMED_ACCOUNT }, { ALLOWS(RES), SILENT(IDN) },
	  IMPLICIT, IDN, "no identity-based policy allows the action" },
	{ 19, "a key policy naming the account delegates to the identity side",
	  { USER, .kms_key = true, .named = IAM_NAMED_ACCOUNT }, { ALLOWS(RES), SILENT(IDN) },
	  IMPLICIT, IDN, "no identity-based policy allows the action" },

	{ 20, "the boundary cuts off",
	  { USER }, { ALLOWS(IDN), SILENT(BND) },
	  IMPLICIT, BND, "the permissions boundary does not allow the action" },

	{ 21, "the session policy allows nothing that matches",
	  { USER }, { ALLOWS(IDN), ALLOWS(BND), SILENT(SES) },
	  IMPLICIT, SES, "the session policy does not allow the action" },

	{ 22, "a GetFederationToken session without a session policy",
	  { USER, .federated_user = true }, { ALLOWS(IDN) },
	  IMPLICIT, SES, "a federated-user session without a session policy has no permissions" },

	{ 23, "the root user without identity policies",
	  { USER, .root = true }, { SILENT(IDN) },
	  ALLOWED, IDN, "the root user is allowed unless denied" },

	{ 24, "identity, boundary and session policy allow",
	  { USER }, { ALLOWS(IDN), ALLOWS(BND), ALLOWS(SES) },
	  ALLOWED, IDN, "allowed by the identity-based policies" },
	{ 24, "SCPs do not bind a service-linked role",
	  { USER }, { SKIPPED(SCP), ALLOWS(IDN) },
	  ALLOWED, IDN, "allowed by the identity-based policies" },
	{ 24, "a federated-user session with a session policy that allows",
	  { USER, .federated_user = true }, { ALLOWS(IDN), ALLOWS(SES) },
	  ALLOWED, IDN, "allowed by the identity-based policies" },
	{ 24, "a key policy naming the account, and an identity Allow",
	  { USER, .kms_key = true, .named = IAM_NAMED_ACCOUNT }, { ALLOWS(RES), ALLOWS(IDN) },
	  ALLOWED, IDN, "allowed by the identity-based policies" },
};

static void test_every_row(void **state)
{
	bool seen[NROWS + 1] = { false };
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct row_case *c = &cases[i];
		struct iam_facts f = c->f;
		struct iam_verdict v;

		f.layers = c->L;
		v = iam_decide(&f);
		if (v.decision != c->decision || v.decided_by != c->by ||
		    strcmp(v.reason, c->reason) != 0)
			fail_msg("row %d (%s): %s by %s, \"%s\"; expected %s by %s, \"%s\"",
				 c->row, c->what, iam_decision_name(v.decision),
				 iam_layer_name(v.decided_by), v.reason,
				 iam_decision_name(c->decision), iam_layer_name(c->by),
				 c->reason);
		assert_true(c->row >= 0 && c->row <= NROWS);
		seen[c->row] = true;
	}
	for (int row = 0; row <= NROWS; row++)
		if (!seen[row])
			fail_msg("row %d of the table has no case", row);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_row),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests: core/assume (a profile's hops decided as STS would), with
 * the hops already made for real that assume --live hands it. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/account.h"
#include "core/assume.h"
#include "core/awsconfig.h"
#include "core/profile.h"

#define ACCT "arn:aws:iam::111111111111"
#define TRUST(who, cond) "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\"," \
	"\"Principal\":{\"AWS\":\"" who "\"},\"Action\":\"sts:AssumeRole\"" cond "}]}"
#define ROLE(name, trust) "{\"RoleName\":\"" name "\",\"Path\":\"/\",\"Arn\":\"" ACCT ":role/" name \
	"\",\"AssumeRolePolicyDocument\":" trust ",\"RolePolicyList\":[]," \
	"\"AttachedManagedPolicies\":[]}"

/* alice -> hop1 -> hop2 -> hop3, each trusting the one before; mfa-role
 * trusting alice with MFA */
static const char snap[] =
	"{\"UserDetailList\":[{\"UserName\":\"alice\",\"Path\":\"/\",\"Arn\":\"" ACCT ":user/alice\","
	"\"GroupList\":[],\"UserPolicyList\":[],\"AttachedManagedPolicies\":[]}],"
	"\"GroupDetailList\":[],\"Policies\":[],\"RoleDetailList\":["
	ROLE("hop1", TRUST(ACCT ":user/alice", "")) ","
	ROLE("hop2", TRUST(ACCT ":role/hop1", "")) ","
	ROLE("hop3", TRUST(ACCT ":role/hop2", "")) ","
	ROLE("mfa-role", TRUST(ACCT ":user/alice",
			       ",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}"))
	"]}";

static const char config[] =
	"[profile alice]\nregion=eu-west-1\n"
	"[profile hop1]\nrole_arn=" ACCT ":role/hop1\nsource_profile=alice\n"
	"[profile skip]\nrole_arn=" ACCT ":role/hop3\nsource_profile=hop1\n"
	"[profile mfa]\nrole_arn=" ACCT ":role/mfa-role\nsource_profile=alice\n"
	"mfa_serial=" ACCT ":mfa/alice\n";
static const char cred[] =
	"[alice]\naws_access_key_id=AKIAALICE00000000001\naws_secret_access_key=TESTSECRET\n";

struct fixture {
	struct iam_awsconfig *cfg;
	struct iam_accounts *A;
	struct iam_chain *ch;
	struct iam_assume *as;
};

static int setup(void **state)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct fixture *f = calloc(1, sizeof *f);

	assert_non_null(f);
	f->cfg = iam_awsconfig_new(iam_ini_parse("config", config, strlen(config), &err),
				   iam_ini_parse("credentials", cred, strlen(cred), &err), &err);
	assert_non_null(f->cfg);
	f->A = iam_accounts_new();
	assert_non_null(f->A);
	assert_int_equal(iam_accounts_load_buffer(f->A, "snap.json", snap, strlen(snap), &err), 0);
	assert_int_equal(iam_accounts_finish(f->A, &err), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	iam_assume_free(f->as);
	iam_chain_free(f->ch);
	iam_accounts_free(f->A);
	iam_awsconfig_free(f->cfg);
	free(f);
	return 0;
}

static const struct iam_assume *decide(struct fixture *f, const char *profile,
				       const struct iam_assume_opts *o)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_profile_env env = { 0 };

	iam_assume_free(f->as);
	iam_chain_free(f->ch);
	f->as = NULL;
	f->ch = iam_profile_resolve(f->cfg, profile, &env, &err);
	assert_non_null(f->ch);
	assert_int_equal(iam_assume_chain(f->ch, f->A, o, &f->as, &err), 0);
	return f->as;
}

/* Hops 1 and 2 made for real; hop 3 decided as a call from hop 2's
 * session, which hop3's trust policy does not name. */
static void test_made_then_decided(void **state)
{
	static const char *const made[] = { NULL, "arn:aws:sts::111111111111:assumed-role/hop1/s" };
	struct iam_assume_opts o = { .epoch = 1700000000, .made = made, .nmade = 2,
				     .refused = true };
	const struct iam_assume *as = decide(*state, "skip", &o);

	assert_int_equal(as->nsteps, 3);
	assert_int_equal(as->failed, 2);
	assert_true(as->steps[0].made);
	assert_int_equal(as->steps[0].state, IAM_STEP_START);
	assert_null(as->steps[0].caller);          /* not asked of STS */
	assert_true(as->steps[1].made);
	assert_int_equal(as->steps[1].state, IAM_STEP_ALLOWED);
	assert_false(as->steps[1].decided);
	assert_string_equal(as->steps[1].acts_as, made[1]);
	assert_string_equal(as->steps[1].role, ACCT ":role/hop1");
	assert_false(as->steps[2].made);
	assert_int_equal(as->steps[2].state, IAM_STEP_DENIED);
	assert_string_equal(as->steps[2].caller, made[1]);
	assert_true(as->steps[2].decided);
	assert_int_equal(as->steps[2].res.decision, IAM_DECISION_IMPLICIT_DENY);
	/* a session is named in a trust policy by its role */
	assert_non_null(strstr(as->steps[2].fix, "name its role " ACCT ":role/hop1 "));
	assert_null(as->principal);
}

/* A hop STS refused that the documents allow: still refused, and the fix
 * says the cause is what they do not show; without refused, allowed. */
static void test_refused_though_allowed(void **state)
{
	static const char *const made[] = { ACCT ":user/alice" };
	struct iam_assume_opts o = { .epoch = 1700000000, .made = made, .nmade = 1,
				     .refused = true };
	const struct iam_assume *as = decide(*state, "mfa", &o);

	assert_int_equal(as->failed, 1);
	assert_string_equal(as->steps[0].caller, ACCT ":user/alice");
	assert_string_equal(as->steps[0].caller_from, "sts:GetCallerIdentity");
	assert_int_equal(as->steps[1].state, IAM_STEP_DENIED);
	assert_int_equal(as->steps[1].res.decision, IAM_DECISION_ALLOWED);
	assert_non_null(strstr(as->steps[1].fix, "STS refused it, though"));
	o.refused = false;
	as = decide(*state, "mfa", &o);
	assert_int_equal(as->failed, as->nsteps);
	assert_int_equal(as->steps[1].state, IAM_STEP_ALLOWED);
	assert_non_null(strstr(as->principal, "assumed-role/mfa-role/"));
}

/* Nothing made: hop 1 is found offline, by the user named like the
 * profile (an assumption), as before. */
static void test_nothing_made(void **state)
{
	struct iam_assume_opts o = { .epoch = 1700000000 };
	const struct iam_assume *as = decide(*state, "hop1", &o);

	assert_false(as->steps[0].made);
	assert_true(as->steps[0].assumption);
	assert_int_equal(as->failed, as->nsteps);
	assert_int_equal(as->steps[1].state, IAM_STEP_ALLOWED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_made_then_decided, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_though_allowed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_made, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

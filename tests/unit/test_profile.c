/* Unit tests: core/profile (a profile's credential chain, as the AWS CLI
 * v2 resolves it, with its errors). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/awsconfig.h"
#include "core/profile.h"

static struct iam_awsconfig *cfg;
static struct iam_profile_env env;

static void load(const char *config, const char *cred)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_ini *a = iam_ini_parse("config", config, strlen(config), &err);
	struct iam_ini *b = iam_ini_parse("credentials", cred, strlen(cred), &err);

	iam_awsconfig_free(cfg);
	cfg = iam_awsconfig_new(a, b, &err);
	assert_non_null(cfg);
	memset(&env, 0, sizeof(env));
}

static struct iam_chain *resolve(const char *name)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_chain *ch = iam_profile_resolve(cfg, name, &env, &err);

	assert_non_null(ch);
	return ch;
}

/* The first error's code, or NULL. */
static const char *first_error(const struct iam_chain *ch)
{
	for (size_t i = 0; i < ch->ndiags; i++)
		if (ch->diags[i].sev == IAM_PDIAG_ERROR)
			return ch->diags[i].code;
	return NULL;
}

static const char *error_text(const struct iam_chain *ch)
{
	for (size_t i = 0; i < ch->ndiags; i++)
		if (ch->diags[i].sev == IAM_PDIAG_ERROR)
			return ch->diags[i].text;
	return "";
}

static bool has_warning(const struct iam_chain *ch, const char *code)
{
	for (size_t i = 0; i < ch->ndiags; i++)
		if (ch->diags[i].sev == IAM_PDIAG_WARNING && strcmp(ch->diags[i].code, code) == 0)
			return true;
	return false;
}

static const char SEED000[] =
	"[profile bizcorprole]\nrole_arn=arn:aws:iam::111122223333:role/biz\n"
	"source_profile=devcorpuser\nmfa_serial=arn:aws:iam::444455556666:mfa/dev\n"
	"external_id=ext-id-1\nregion=us-east-1\n\n[profile devcorpuser]\nregion=us-east-1\n";
static const char SEED000_CRED[] =
	"[devcorpuser]\naws_access_key_id=AKIADEVCORP000000001\n"
	"aws_secret_access_key=TESTSECRETdevcorp\n";

static void test_biz_corp_dev_corp(void **state)
{
	struct iam_chain *ch;
	const struct iam_hop *h;

	(void)state;
	load(SEED000, SEED000_CRED);
	ch = resolve("bizcorprole");
	assert_null(first_error(ch));
	assert_int_equal(ch->nhops, 2);
	assert_int_equal(ch->hops[0].kind, IAM_HOP_STATIC);
	assert_string_equal(ch->hops[0].profile, "devcorpuser");
	assert_string_equal(ch->hops[0].access_key_id.file, "credentials");
	assert_null(ch->hops[0].principal);
	h = &ch->hops[1];
	assert_int_equal(h->kind, IAM_HOP_ASSUME_ROLE);
	assert_string_equal(h->role_arn.value, "arn:aws:iam::111122223333:role/biz");
	assert_int_equal(h->role_arn.line, 2);
	assert_string_equal(h->external_id.value, "ext-id-1");
	assert_string_equal(h->mfa_serial.value, "arn:aws:iam::444455556666:mfa/dev");
	assert_true(h->session_default);
	assert_true(strncmp(h->session_name, "botocore-session-", 17) == 0);
	assert_false(h->duration_set);
	assert_string_equal(ch->principal,
			    "arn:aws:sts::111122223333:assumed-role/biz/botocore-session-*");
	assert_true(ch->principal_pattern);
	assert_string_equal(ch->sts_endpoint, "sts.us-east-1.amazonaws.com");
	iam_chain_free(ch);
}

static void test_named_session(void **state)
{
	struct iam_chain *ch;

	(void)state;
	load("[profile namedsessionrole]\nrole_arn = arn:aws:iam::234567890123:role/SomeRole\n"
	     "source_profile = default\nrole_session_name = Session_Maria_Garcia\n",
	     "[default]\naws_access_key_id = AKIA1\naws_secret_access_key = TESTSECRETx\n");
	ch = resolve("namedsessionrole");
	assert_null(first_error(ch));
	assert_false(ch->hops[1].session_default);
	assert_string_equal(ch->principal, "arn:aws:sts::234567890123:assumed-role/SomeRole/"
			    "Session_Maria_Garcia");
	assert_false(ch->principal_pattern);
	assert_string_equal(ch->sts_endpoint, "sts.amazonaws.com (no region: signed for us-east-1)");
	iam_chain_free(ch);
}

static void test_credential_source(void **state)
{
	struct iam_chain *ch;

	(void)state;
	load("[profile m]\nrole_arn = arn:aws:iam::123456789012:role/marketingadminrole\n"
	     "credential_source = Ec2InstanceMetadata\n[profile e]\nrole_arn = "
	     "arn:aws:iam::123456789012:role/r\ncredential_source = Environment\n"
	     "[profile bad]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
	     "credential_source = environment\n", "");
	ch = resolve("m");
	assert_null(first_error(ch));
	assert_int_equal(ch->hops[0].kind, IAM_HOP_SOURCE);
	assert_string_equal(ch->hops[0].credential_source.value, "Ec2InstanceMetadata");
	assert_true(has_warning(ch, "amplify-unsupported"));
	iam_chain_free(ch);
	env.imds_disabled = true;
	ch = resolve("m");
	assert_string_equal(first_error(ch), "credential-source-empty");
	iam_chain_free(ch);
	ch = resolve("e");
	assert_string_equal(first_error(ch), "credential-source-empty");
	iam_chain_free(ch);
	env.access_key = env.secret_key = true;
	ch = resolve("e");
	assert_null(first_error(ch));
	iam_chain_free(ch);
	ch = resolve("bad");                    /* the names are case-sensitive */
	assert_string_equal(first_error(ch), "credential-source-invalid");
	assert_string_equal(error_text(ch), "The credential source \"environment\" referenced "
			    "in profile \"bad\" is not valid.");
	iam_chain_free(ch);
}

static void test_chain_errors(void **state)
{
	static const struct { const char *profile, *code; } cases[] = {
		{ "missing", "source-profile-missing" },
		{ "a", "source-profile-loop" },
		{ "both", "source-both" },
		{ "neither", "source-none" },
		{ "partial", "partial-keys" },
		{ "nokeys", "source-profile-no-credentials" },
		{ "short", "duration-invalid" },
		{ "long", "duration-invalid" },
		{ "name", "session-name-invalid" },
		{ "ext", "external-id-invalid" },
		{ "arn", "role-arn-invalid" },
		{ "mfa", "mfa-serial-invalid" },
		{ "chain", "duration-chained" },
		{ "sso1", "sso-session-missing" },
		{ "sso2", "sso-incomplete" },
		{ "sso3", "sso-inconsistent" },
		{ "nosuch", "profile-not-found" },
	};

	(void)state;
	load("[profile missing]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = x\n"
	     "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = b\n"
	     "[profile b]\nrole_arn = arn:aws:iam::123456789012:role/b\nsource_profile = a\n"
	     "[profile both]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = k\n"
	     "credential_source = Environment\n"
	     "[profile neither]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
	     "[profile partial]\naws_access_key_id = AKIA\n"
	     "[profile nokeys]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = e\n"
	     "[profile e]\nregion = r\n"
	     "[profile short]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = k\n"
	     "duration_seconds = 899\n"
	     "[profile long]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = k\n"
	     "duration_seconds = 43201\n"
	     "[profile name]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = k\n"
	     "role_session_name = a b\n"
	     "[profile ext]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = k\n"
	     "external_id = <external_id_as_mentioned_in_part#1--optional>\n"
	     "[profile arn]\nrole_arn = arn:aws:iam:123456789012:role/RoleNameToAssume\n"
	     "source_profile = k\n"
	     "[profile mfa]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = k\n"
	     "mfa_serial = <mfa_serial_from_part_2.3---optional>\n"
	     "[profile chain]\nrole_arn = arn:aws:iam::123456789012:role/c\nsource_profile = neither2\n"
	     "duration_seconds = 3601\n"
	     "[profile neither2]\nrole_arn = arn:aws:iam::123456789012:role/n\nsource_profile = k\n"
	     "[profile sso1]\nsso_session = nope\nsso_account_id = 1\n"
	     "[profile sso2]\nsso_role_name = R\n"
	     "[profile sso3]\nsso_session = s\nsso_account_id = 111122223333\nsso_role_name = R\n"
	     "sso_region = us-east-1\n"
	     "[sso-session s]\nsso_start_url = https://x.awsapps.com/start\nsso_region = eu-west-1\n",
	     "[k]\naws_access_key_id = AKIAK\naws_secret_access_key = TESTSECRETk\n");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct iam_chain *ch = resolve(cases[i].profile);
		const char *got = first_error(ch);

		if (!got || strcmp(got, cases[i].code) != 0)
			fail_msg("%s: %s, expected %s", cases[i].profile, got ? got : "no error",
				 cases[i].code);
		iam_chain_free(ch);
	}
}

static void test_loop_text_is_botocore_s(void **state)
{
	struct iam_chain *ch;

	(void)state;
	load("[profile a]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = b\n"
	     "[profile b]\nrole_arn = arn:aws:iam::123456789012:role/b\nsource_profile = c'q\n"
	     "[profile \"c'q\"]\nrole_arn = arn:aws:iam::123456789012:role/c\nsource_profile = a\n", "");
	ch = resolve("a");
	assert_string_equal(error_text(ch), "Infinite loop in credential configuration detected. "
			    "Attempting to load from profile a which has already been visited. "
			    "Visited profiles: ['a', 'b', \"c'q\"]");
	assert_int_equal(ch->diags[0].line, 9);
	iam_chain_free(ch);
}

static void test_self_reference_with_keys(void **state)
{
	struct iam_chain *ch;

	(void)state;
	load("[profile s]\nrole_arn = arn:aws:iam::123456789012:role/s\nsource_profile = s\n"
	     "aws_access_key_id = AKIAS\naws_secret_access_key = TESTSECRETs\n"
	     "[profile t]\nrole_arn = arn:aws:iam::123456789012:role/t\nsource_profile = t\n", "");
	ch = resolve("s");
	assert_null(first_error(ch));
	assert_int_equal(ch->nhops, 2);
	assert_int_equal(ch->hops[0].kind, IAM_HOP_STATIC);
	iam_chain_free(ch);
	ch = resolve("t");
	assert_string_equal(first_error(ch), "source-profile-loop");
	iam_chain_free(ch);
}

static void test_duration(void **state)
{
	struct iam_chain *ch;

	(void)state;
	load("[profile h]\nrole_arn = arn:aws:iam::123456789012:role/h\nsource_profile = k\n"
	     "duration_seconds = 1h\n"
	     "[profile u]\nrole_arn = arn:aws:iam::123456789012:role/u\nsource_profile = k\n"
	     "duration_seconds = 3_600\n",
	     "[k]\naws_access_key_id = AKIAK\naws_secret_access_key = TESTSECRETk\n");
	ch = resolve("h");
	assert_null(first_error(ch));
	assert_false(ch->hops[1].duration_set);
	assert_true(has_warning(ch, "duration-dropped"));
	iam_chain_free(ch);
	ch = resolve("u");                      /* Python's int() takes it */
	assert_true(ch->hops[1].duration_set);
	assert_int_equal(ch->hops[1].duration, 3600);
	iam_chain_free(ch);
}

static void test_environment(void **state)
{
	struct iam_chain *ch;
	const char *from;

	(void)state;
	load("[profile r]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = k\n"
	     "region = eu-west-1\n",
	     "[k]\naws_access_key_id = AKIAK\naws_secret_access_key = TESTSECRETk\n");
	env.aws_profile = "r";
	env.aws_default_profile = "k";
	assert_string_equal(iam_profile_selected(&env, &from), "r");
	assert_string_equal(from, "AWS_PROFILE");
	env.aws_profile = NULL;
	assert_string_equal(iam_profile_selected(&env, &from), "k");
	env.aws_profile = "r";
	env.access_key = env.secret_key = true;
	ch = resolve(NULL);                     /* env keys beat AWS_PROFILE */
	assert_int_equal(ch->nhops, 1);
	assert_int_equal(ch->hops[0].kind, IAM_HOP_ENV);
	iam_chain_free(ch);
	ch = resolve("r");                      /* --profile turns them off */
	assert_int_equal(ch->nhops, 2);
	iam_chain_free(ch);
	env.region = "ca-central-1";
	env.default_region = "eu-west-3";
	ch = resolve("r");
	assert_string_equal(ch->region.value, "ca-central-1");
	assert_string_equal(ch->sts_endpoint, "sts.ca-central-1.amazonaws.com");
	iam_chain_free(ch);
	env.region = NULL;
	ch = resolve("r");
	assert_string_equal(ch->region_from, "AWS_DEFAULT_REGION");
	iam_chain_free(ch);
}

static void test_sso(void **state)
{
	struct iam_chain *ch;

	(void)state;
	load("[profile default]\nsso_session = amplify-admin\nsso_account_id = 111122223333\n"
	     "sso_role_name = AdministratorAccess\nregion = us-east-1\n"
	     "[sso-session amplify-admin]\nsso_start_url = https://xxxxxx.awsapps.com/start#\n"
	     "sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n", "");
	ch = resolve("default");
	assert_null(first_error(ch));
	assert_int_equal(ch->hops[0].kind, IAM_HOP_SSO);
	assert_string_equal(ch->hops[0].sso_start_url.value, "https://xxxxxx.awsapps.com/start#");
	assert_int_equal(ch->hops[0].sso_start_url.line, 7);
	assert_string_equal(ch->principal, "arn:aws:sts::111122223333:assumed-role/"
			    "AWSReservedSSO_AdministratorAccess_*/*");
	iam_chain_free(ch);
}

static void test_deep_chain(void **state)
{
	size_t n = 10000, len = 0, cap = n * 100;
	char *text = malloc(cap);
	struct iam_chain *ch;

	(void)state;
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len, "[profile c%zu]\nrole_arn = "
					"arn:aws:iam::111111111111:role/c%zu\nsource_profile = c%zu\n",
					i, i, i + 1);
	snprintf(text + len, cap - len, "[profile c%zu]\naws_access_key_id = A\n"
		 "aws_secret_access_key = TESTSECRETd\n", n);
	load(text, "");
	free(text);
	ch = resolve("c0");
	assert_string_equal(first_error(ch), "source-chain-too-deep");
	iam_chain_free(ch);
	ch = resolve("c9866");                  /* 134 roles: the AWS CLI follows it */
	assert_null(first_error(ch));
	assert_int_equal(ch->nhops, IAM_PROFILE_MAX_ROLES + 1);
	iam_chain_free(ch);
}

static void test_sts_checks(void **state)
{
	char buf[512];

	(void)state;
	assert_null(iam_sts_check_session_name("bob@example.com", buf, sizeof(buf)));
	assert_non_null(iam_sts_check_session_name("x", buf, sizeof(buf)));
	assert_string_equal(buf, "Parameter validation failed: Invalid length for parameter "
			    "RoleSessionName, value: 1, valid min length: 2");
	assert_non_null(iam_sts_check_session_name(
		"0123456789012345678901234567890123456789012345678901234567890123456", buf,
		sizeof(buf)));
	assert_null(iam_sts_check_external_id("a:b/c", buf, sizeof(buf)));
	assert_non_null(iam_sts_check_external_id("a b", buf, sizeof(buf)));
	assert_null(iam_sts_check_serial("GAHT12345678", buf, sizeof(buf)));
	assert_null(iam_sts_check_serial("arn:aws:iam::123456789012:mfa/cli-user", buf, sizeof(buf)));
	assert_non_null(iam_sts_check_serial("arn:aws:iam::123456789012:user/x", buf, sizeof(buf)));
	assert_null(iam_sts_check_role_arn("arn:aws:iam::123456789012:role/path/to/R", buf,
					   sizeof(buf)));
	assert_null(iam_sts_check_role_arn("arn:aws-cn:iam::123456789012:role/R", buf, sizeof(buf)));
	assert_non_null(iam_sts_check_role_arn("<role_arn_from_part#1>", buf, sizeof(buf)));
	assert_non_null(iam_sts_check_role_arn("arn:aws:iam::123456789012:role/", buf, sizeof(buf)));
	assert_non_null(iam_sts_check_role_arn("arn:aws:iam::123456789012:user/x", buf, sizeof(buf)));
}

static int teardown(void **state)
{
	(void)state;
	iam_awsconfig_free(cfg);
	cfg = NULL;
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_biz_corp_dev_corp),
		cmocka_unit_test(test_named_session),
		cmocka_unit_test(test_credential_source),
		cmocka_unit_test(test_chain_errors),
		cmocka_unit_test(test_loop_text_is_botocore_s),
		cmocka_unit_test(test_self_reference_with_keys),
		cmocka_unit_test(test_duration),
		cmocka_unit_test(test_environment),
		cmocka_unit_test(test_sso),
		cmocka_unit_test(test_deep_chain),
		cmocka_unit_test(test_sts_checks),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}

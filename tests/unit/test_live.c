/* Unit tests: the live layer's pure parts: ISO 8601 times, form bodies,
 * endpoints as the AWS CLI picks them, AWS error documents, and STS
 * answers and cache files read into credentials. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "live/endpoint.h"
#include "live/http.h"
#include "live/live.h"
#include "live/sts.h"
#include "live/xml.h"

static void test_iso8601(void **state)
{
	(void)state;
	assert_int_equal(iam_iso8601_parse("1970-01-01T00:00:00Z"), 0);
	assert_int_equal(iam_iso8601_parse("2026-12-03T13:00:00Z"), 1796302800);
	assert_int_equal(iam_iso8601_parse("2026-12-03T13:00:00+00:00"), 1796302800);
	assert_int_equal(iam_iso8601_parse("2026-12-03T14:00:00+01:00"), 1796302800);
	assert_int_equal(iam_iso8601_parse("2026-12-03T13:00:00.123Z"), 1796302800);
	assert_int_equal(iam_iso8601_parse("2026-12-03T13:00:00UTC"), 1796302800);
	assert_int_equal(iam_iso8601_parse("2024-02-29T00:00:00Z"), 1709164800);
	assert_int_equal(iam_iso8601_parse("2026-12-03"), -1);
	assert_int_equal(iam_iso8601_parse("2026-13-03T13:00:00Z"), -1);
	assert_int_equal(iam_iso8601_parse("2026-12-03T13:00:00Zjunk"), -1);
	assert_int_equal(iam_iso8601_parse(NULL), -1);
}

static void test_form(void **state)
{
	const char *pairs[] = { "Action", "AssumeRole", "RoleArn",
				"arn:aws:iam::1:role/a b", "ExternalId", NULL,
				"RoleSessionName", "s&=/", NULL };
	char *f = iam_http_form(pairs);

	(void)state;
	assert_string_equal(f, "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa%20b"
			       "&RoleSessionName=s%26%3D%2F");
	iam_http_wipe_free(f);
}

static struct iam_live *session(void)
{
	struct iam_live_opts o = { 0 };
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_live *L = iam_live_new(&o, &err);

	assert_non_null(L);
	return L;
}

static void test_endpoints(void **state)
{
	struct iam_live *L = session();
	struct iam_endpoint ep;
	struct iam_error err = IAM_ERROR_INIT;

	(void)state;
	unsetenv("AWS_ENDPOINT_URL");
	unsetenv("AWS_ENDPOINT_URL_STS");
	unsetenv("AWS_STS_REGIONAL_ENDPOINTS");
	assert_int_equal(iam_endpoint_resolve(L, IAM_SVC_STS, NULL, "eu-west-1", &ep, &err), 0);
	assert_string_equal(ep.url, "https://sts.eu-west-1.amazonaws.com");
	assert_string_equal(ep.region, "eu-west-1");
	assert_string_equal(ep.signing_name, "sts");
	assert_int_equal(iam_endpoint_resolve(L, IAM_SVC_STS, NULL, NULL, &ep, &err), 0);
	assert_string_equal(ep.url, "https://sts.amazonaws.com");
	assert_string_equal(ep.region, "us-east-1");
	setenv("AWS_STS_REGIONAL_ENDPOINTS", "legacy", 1);
	assert_int_equal(iam_endpoint_resolve(L, IAM_SVC_STS, NULL, "eu-west-1", &ep, &err), 0);
	assert_string_equal(ep.url, "https://sts.amazonaws.com");
	assert_int_equal(iam_endpoint_resolve(L, IAM_SVC_STS, NULL, "af-south-1", &ep, &err), 0);
	assert_string_equal(ep.url, "https://sts.af-south-1.amazonaws.com");
	unsetenv("AWS_STS_REGIONAL_ENDPOINTS");
	assert_int_equal(iam_endpoint_resolve(L, IAM_SVC_STS, NULL, "cn-north-1", &ep, &err), 0);
	assert_string_equal(ep.url, "https://sts.cn-north-1.amazonaws.com.cn");
	assert_int_equal(iam_endpoint_resolve(L, IAM_SVC_IAM, NULL, "eu-west-1", &ep, &err), 0);
	assert_string_equal(ep.url, "https://iam.amazonaws.com");
	assert_string_equal(ep.region, "us-east-1");
	assert_int_equal(iam_endpoint_resolve(L, IAM_SVC_IAM, NULL, "us-gov-east-1", &ep, &err), 0);
	assert_string_equal(ep.url, "https://iam.us-gov.amazonaws.com");
	assert_string_equal(ep.region, "us-gov-west-1");
	assert_int_equal(iam_endpoint_resolve(L, IAM_SVC_ORGANIZATIONS, NULL, "cn-north-1", &ep,
					      &err), 0);
	assert_string_equal(ep.url, "https://organizations.cn-northwest-1.amazonaws.com.cn");
	assert_int_equal(iam_endpoint_resolve(L, IAM_SVC_SSO, NULL, "eu-central-1", &ep, &err), 0);
	assert_string_equal(ep.url, "https://portal.sso.eu-central-1.amazonaws.com");
	assert_null(ep.signing_name);
	/* the user's URL wins, service first; the signing region stays */
	setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9/", 1);
	setenv("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:8", 1);
	assert_int_equal(iam_endpoint_resolve(L, IAM_SVC_STS, NULL, "eu-west-1", &ep, &err), 0);
	assert_string_equal(ep.url, "http://127.0.0.1:8");
	assert_string_equal(ep.from, "AWS_ENDPOINT_URL_STS");
	assert_string_equal(ep.region, "eu-west-1");
	assert_int_equal(iam_endpoint_resolve(L, IAM_SVC_IAM, NULL, "eu-west-1", &ep, &err), 0);
	assert_string_equal(ep.url, "http://127.0.0.1:9");
	assert_string_equal(ep.region, "us-east-1");
	setenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", 1);
	assert_int_equal(iam_endpoint_resolve(L, IAM_SVC_IAM, NULL, NULL, &ep, &err), 0);
	assert_string_equal(ep.url, "https://iam.amazonaws.com");
	unsetenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
	setenv("AWS_ENDPOINT_URL_STS", "ftp://x", 1);
	assert_int_equal(iam_endpoint_resolve(L, IAM_SVC_STS, NULL, NULL, &ep, &err), -1);
	assert_int_equal(err.code, IAM_ERR_USAGE);
	iam_error_clear(&err);
	assert_int_equal(iam_endpoint_resolve(L, IAM_SVC_STS, NULL, "EU WEST", &ep, &err), -1);
	unsetenv("AWS_ENDPOINT_URL");
	unsetenv("AWS_ENDPOINT_URL_STS");
	iam_live_free(L);
}

static void test_xml_error(void **state)
{
	static const char doc[] =
		"<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
		"<Error><Type>Sender</Type><Code>AccessDenied</Code>"
		"<Message>User: arn:aws:iam::1:user/a is not authorized</Message></Error>"
		"<RequestId>r-1</RequestId></ErrorResponse>";
	struct iam_error err = IAM_ERROR_INIT;
	xmlDoc *d = iam_xml_parse("t", doc, sizeof doc - 1, &err);
	char code[64], msg[128], rid[32];

	(void)state;
	assert_non_null(d);
	assert_int_equal(iam_xml_error(d, code, sizeof code, msg, sizeof msg, rid, sizeof rid), 0);
	assert_string_equal(code, "AccessDenied");
	assert_string_equal(msg, "User: arn:aws:iam::1:user/a is not authorized");
	assert_string_equal(rid, "r-1");
	xmlFreeDoc(d);
	/* not XML, and an entity that would reach out: neither is read */
	assert_null(iam_xml_parse("t", "<a>", 3, &err));
	assert_int_equal(err.code, IAM_ERR_SCHEMA);
	assert_string_equal(err.source, "t");
	iam_error_clear(&err);
	{
		static const char xxe[] = "<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
					  "<a><b>&e;</b></a>";
		char *t;

		d = iam_xml_parse("t", xxe, sizeof xxe - 1, &err);
		if (d) {
			t = iam_xml_text(xmlDocGetRootElement(d), "b");
			assert_true(!t || !strstr(t, "root:"));
			free(t);
			xmlFreeDoc(d);
		}
	}
}

static void test_answer_json(void **state)
{
	json_t *cache = json_pack("{s:{s:s,s:s,s:s,s:s}}", "Credentials", "AccessKeyId", "ASIA1",
				  "SecretAccessKey", "sec", "SessionToken", "tok",
				  "Expiration", "2026-12-03T13:00:00+00:00");
	struct iam_creds c;
	struct iam_error err = IAM_ERROR_INIT;

	(void)state;
	assert_int_equal(iam_creds_from_answer(cache, "cache.json", &c, &err), 0);
	assert_string_equal(c.access_key_id, "ASIA1");
	assert_int_equal(c.expiration, 1796302800);
	iam_creds_clear(&c);
	assert_null(c.secret_access_key);
	json_object_del(json_object_get(cache, "Credentials"), "SessionToken");
	assert_int_equal(iam_creds_from_answer(cache, "cache.json", &c, &err), -1);
	assert_int_equal(err.code, IAM_ERR_SCHEMA);
	assert_string_equal(err.source, "cache.json");
	json_decref(cache);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iso8601),
		cmocka_unit_test(test_form),
		cmocka_unit_test(test_endpoints),
		cmocka_unit_test(test_xml_error),
		cmocka_unit_test(test_answer_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* live/endpoint.c - where each service's calls go, and how they are
 * signed (live/endpoint.h says the order).
 *
 * Part of the live layer.
 */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/error.h"
#include "live/endpoint.h"
#include "live/live_impl.h"

static const struct service_info {
	const char *name, *env, *signing;
} services[] = {
	[IAM_SVC_STS] = { "sts", "AWS_ENDPOINT_URL_STS", "sts" },
	[IAM_SVC_IAM] = { "iam", "AWS_ENDPOINT_URL_IAM", "iam" },
	[IAM_SVC_ORGANIZATIONS] = { "organizations", "AWS_ENDPOINT_URL_ORGANIZATIONS",
				    "organizations" },
	[IAM_SVC_SSO] = { "sso", "AWS_ENDPOINT_URL_SSO", NULL },
};

/* The regions botocore's legacy STS mode sends to the global endpoint. */
static const char *const sts_legacy_global[] = {
	"ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
	"aws-global", "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1",
	"eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2",
	"us-west-1", "us-west-2", NULL,
};

const char *iam_service_name(enum iam_service s)
{
	return services[s].name;
}

const char *iam_region_partition(const char *region)
{
	if (region && strncmp(region, "cn-", 3) == 0)
		return "aws-cn";
	if (region && strncmp(region, "us-gov-", 7) == 0)
		return "aws-us-gov";
	return "aws";
}

static bool region_ok(const char *r)
{
	size_t n = strlen(r);

	if (n == 0 || n > 40)
		return false;
	for (const char *p = r; *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '-')
			return false;
	return true;
}

static bool truthy(const char *v)
{
	return v && strcasecmp(v, "true") == 0;
}

static int set_url(struct iam_endpoint *out, const char *url, const char *from,
		   struct iam_error *err)
{
	size_t n = strlen(url);

	if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
		return iam_error_set(err, IAM_ERR_USAGE, NULL,
				     "%s: '%s' is not an http:// or https:// URL", from, url);
	while (n > 0 && url[n - 1] == '/')
		n--;
	if (n >= sizeof out->url)
		return iam_error_set(err, IAM_ERR_USAGE, NULL, "%s: the URL is too long", from);
	memcpy(out->url, url, n);
	out->url[n] = 0;
	snprintf(out->from, sizeof out->from, "%s", from);
	return 0;
}

/* The user's endpoint URL, if any: 1 when set, 0 when not, -1 on error. */
static int configured(const struct iam_live *L, enum iam_service s, const char *profile,
		      struct iam_endpoint *out, struct iam_error *err)
{
	const char *v;
	char from[160];

	if (truthy(getenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) ||
	    truthy(iam_live_profile_value(L, profile, "ignore_configured_endpoint_urls")))
		return 0;
	v = getenv(services[s].env);
	if (v && *v)
		return set_url(out, v, services[s].env, err) < 0 ? -1 : 1;
	v = getenv("AWS_ENDPOINT_URL");
	if (v && *v)
		return set_url(out, v, "AWS_ENDPOINT_URL", err) < 0 ? -1 : 1;
	v = iam_live_profile_value(L, profile, "endpoint_url");
	if (v) {
		snprintf(from, sizeof from, "endpoint_url of profile %s", profile);
		return set_url(out, v, from, err) < 0 ? -1 : 1;
	}
	return 0;
}

static const char *dns_suffix(const char *partition)
{
	return strcmp(partition, "aws-cn") == 0 ? "amazonaws.com.cn" : "amazonaws.com";
}

static bool sts_global(const struct iam_live *L, const char *profile, const char *region)
{
	const char *mode = getenv("AWS_STS_REGIONAL_ENDPOINTS");

	if (!mode || !*mode)
		mode = iam_live_profile_value(L, profile, "sts_regional_endpoints");
	if (!region)
		return true;
	if (!mode || strcmp(mode, "legacy") != 0)
		return false;
	for (size_t i = 0; sts_legacy_global[i]; i++)
		if (strcmp(region, sts_legacy_global[i]) == 0)
			return true;
	return false;
}

/* The service's own endpoint and signing region. */
static void builtin(const struct iam_live *L, enum iam_service s, const char *profile,
		    const char *region, struct iam_endpoint *out)
{
	const char *part = iam_region_partition(region);
	bool cn = strcmp(part, "aws-cn") == 0, gov = strcmp(part, "aws-us-gov") == 0;
	const char *r = region ? region : "us-east-1";

	switch (s) {
	case IAM_SVC_STS:
		if (sts_global(L, profile, region)) {
			r = "us-east-1";
			snprintf(out->url, sizeof out->url, "https://sts.amazonaws.com");
		} else {
			snprintf(out->url, sizeof out->url, "https://sts.%s.%s", r,
				 dns_suffix(part));
		}
		break;
	case IAM_SVC_IAM:
		r = cn ? "cn-north-1" : gov ? "us-gov-west-1" : "us-east-1";
		snprintf(out->url, sizeof out->url, "%s",
			 cn ? "https://iam.cn-north-1.amazonaws.com.cn" :
			 gov ? "https://iam.us-gov.amazonaws.com" : "https://iam.amazonaws.com");
		break;
	case IAM_SVC_ORGANIZATIONS:
		r = cn ? "cn-northwest-1" : gov ? "us-gov-west-1" : "us-east-1";
		snprintf(out->url, sizeof out->url, "https://organizations.%s.%s", r,
			 dns_suffix(part));
		break;
	case IAM_SVC_SSO:
		snprintf(out->url, sizeof out->url, "https://portal.sso.%s.%s", r,
			 dns_suffix(part));
		break;
	}
	snprintf(out->region, sizeof out->region, "%s", r);
	snprintf(out->from, sizeof out->from, "default");
}

int iam_endpoint_resolve(const struct iam_live *L, enum iam_service s,
			 const char *profile, const char *region,
			 struct iam_endpoint *out, struct iam_error *err)
{
	int rc;

	memset(out, 0, sizeof *out);
	out->service = s;
	out->signing_name = services[s].signing;
	if (region && !*region)
		region = NULL;
	if (region && !region_ok(region))
		return iam_error_set(err, IAM_ERR_USAGE, NULL, "'%s' is not a region", region);
	builtin(L, s, profile, region, out);
	rc = configured(L, s, profile, out, err);
	return rc < 0 ? -1 : 0;
}

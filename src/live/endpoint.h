/* live/endpoint.h - where a call to an AWS service goes, and how it is
 * signed, as the AWS CLI v2 decides it.
 *
 * In order: AWS_ENDPOINT_URL_<SERVICE> (STS, IAM, ORGANIZATIONS, SSO),
 * AWS_ENDPOINT_URL, then the profile's endpoint_url (all three unless
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true or the profile's
 * ignore_configured_endpoint_urls), else the service's own endpoint:
 *
 *   sts            https://sts.REGION.amazonaws.com (regional, the AWS CLI
 *                  v2's default; sts.amazonaws.com and us-east-1 without a
 *                  region, or with sts_regional_endpoints = legacy)
 *   iam            the partition's global endpoint: iam.amazonaws.com
 *                  (us-east-1), iam.cn-north-1.amazonaws.com.cn,
 *                  iam.us-gov.amazonaws.com (us-gov-west-1)
 *   organizations  organizations.us-east-1.amazonaws.com, and the China
 *                  and GovCloud ones
 *   sso            portal.sso.REGION.amazonaws.com (the SSO region)
 *
 * The partition is that of the region (cn-*: aws-cn, us-gov-*: aws-us-gov,
 * else aws).  An endpoint URL set by the user keeps the service's signing
 * region.
 */
#ifndef IAM_LIVE_ENDPOINT_H
#define IAM_LIVE_ENDPOINT_H

struct iam_awsconfig;
struct iam_awsprofile;
struct iam_error;
struct iam_live;

enum iam_service {
	IAM_SVC_STS,
	IAM_SVC_IAM,
	IAM_SVC_ORGANIZATIONS,
	IAM_SVC_SSO,
};

struct iam_endpoint {
	enum iam_service service;
	char url[512];            /* "https://sts.eu-west-1.amazonaws.com", no final / */
	char region[64];          /* the signing region */
	const char *signing_name; /* "sts", "iam", "organizations", NULL (sso:
				   * the portal takes a bearer token) */
	char from[160];           /* "AWS_ENDPOINT_URL_STS", "endpoint_url
				   * (config:12)", or "default" */
};

/* The endpoint of service s for a call made in region (NULL: none set)
 * by profile (NULL: no profile).  0, or -1 with err set (IAM_ERR_USAGE:
 * a URL that is not http(s)://..., or a region that is not one). */
int iam_endpoint_resolve(const struct iam_live *L, enum iam_service s,
			 const char *profile, const char *region,
			 struct iam_endpoint *out, struct iam_error *err);

/* "aws", "aws-cn" or "aws-us-gov" for a region (NULL: "aws"). */
const char *iam_region_partition(const char *region);

const char *iam_service_name(enum iam_service s);   /* "sts", ... */

#endif /* IAM_LIVE_ENDPOINT_H */

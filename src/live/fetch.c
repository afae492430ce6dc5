/* live/fetch.c - the account read from IAM into the snapshot document
 * the offline commands read: the whole account (GetAccountAuthorization-
 * Details, every page, and each user's ListAccessKeys), or one principal
 * and the managed policies it names (live/fetch.h).
 *
 * Part of the live layer.  The snapshot is what `aws iam
 * get-account-authorization-details` prints, its documents decoded; the
 * access keys are IDs and status only, never a secret.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "live/fetch.h"
#include "live/fetch_impl.h"

#define GAAD "GetAccountAuthorizationDetails"

static const char *const detail_lists[] = {
	"UserDetailList", "GroupDetailList", "RoleDetailList", "Policies", NULL,
};

/* ---- the whole account ---- */

struct account_run {
	struct iam_fetch_progress p;
	json_t *acc;
	iam_fetch_progress_fn progress;
	void *arg;
};

static void on_page(void *arg, const json_t *page)
{
	struct account_run *r = arg;

	(void)page;
	r->p.pages++;
	r->p.users = json_array_size(json_object_get(r->acc, "UserDetailList"));
	r->p.groups = json_array_size(json_object_get(r->acc, "GroupDetailList"));
	r->p.roles = json_array_size(json_object_get(r->acc, "RoleDetailList"));
	r->p.policies = json_array_size(json_object_get(r->acc, "Policies"));
	if (r->progress)
		r->progress(&r->p, r->arg);
}

/* A user's AccessKeyMetadata: what ListAccessKeys lists, every page. */
static int user_keys(struct iam_svc *x, json_t *user, struct iam_error *err)
{
	static const char *const keys[] = { "AccessKeyMetadata", NULL };
	const char *name = json_string_value(json_object_get(user, "UserName"));
	const char *pairs[] = { "UserName", name, NULL };
	json_t *acc = json_object();
	int rc;

	if (!acc)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	if (!name) {
		json_decref(acc);
		return iam_error_set(err, IAM_ERR_SCHEMA, NULL,
				     "iam:" GAAD ": a user without a UserName");
	}
	rc = iam_iam_paged(x, "ListAccessKeys", pairs, "1000", keys, acc, NULL, NULL, err);
	if (rc == 0 && json_object_set(user, "AccessKeyMetadata",
				       json_object_get(acc, "AccessKeyMetadata")) < 0)
		rc = iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	json_decref(acc);
	return rc;
}

static int all_keys(struct iam_svc *x, struct account_run *r, struct iam_error *err)
{
	json_t *users = json_object_get(r->acc, "UserDetailList"), *u;
	size_t i;

	json_array_foreach(users, i, u) {
		if (user_keys(x, u, err) < 0)
			return -1;
		r->p.keys_done++;
		if (r->progress)
			r->progress(&r->p, r->arg);
	}
	return 0;
}

int iam_fetch_account(struct iam_live *L, const struct iam_creds *c, const char *region,
		      unsigned max_items, iam_fetch_progress_fn progress, void *arg,
		      json_t **snapshot, struct iam_error *err)
{
	struct account_run r = { .progress = progress, .arg = arg };
	struct iam_svc x;
	char max[16];

	*snapshot = NULL;
	if (max_items > 1000)
		return iam_error_set(err, IAM_ERR_USAGE, NULL,
				     "a page holds 1 to 1000 items, not %u", max_items);
	snprintf(max, sizeof max, "%u", max_items ? max_items : 1000);
	if (iam_svc_open(&x, L, c, IAM_SVC_IAM, region, err) < 0)
		return -1;
	if (!(r.acc = json_object()))
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	if (iam_iam_paged(&x, GAAD, NULL, max, detail_lists, r.acc, on_page, &r, err) < 0 ||
	    iam_docs_decode(r.acc, "iam:" GAAD, "the account", err) < 0 ||
	    all_keys(&x, &r, err) < 0) {
		json_decref(r.acc);
		return -1;
	}
	*snapshot = r.acc;
	return 0;
}

/* lint/template.c - lint: the policies inside a CloudFormation template.
 *
 * A minimal walker of the template's Resources (JSON templates only).
 * src/core/cfn.h evaluates intrinsics for `amplify check`, but its loader
 * keeps only the IAM resources and those that name a bucket, table or
 * function (resource policies such as AWS::S3::BucketPolicy are dropped
 * unparsed) and records positions for logical IDs only; lint needs every
 * resource that carries a policy and the position of every element, so it
 * walks the document that iam_json loaded (positions for any JSON
 * Pointer).  Every intrinsic function inside a policy is an unknown value
 * (lint/lint.c), never an error.
 */
#include "config.h"

#include <string.h>

#include "core/error.h"
#include "core/json.h"
#include "lint/lint.h"
#include "lint/lint_impl.h"

struct spot {
	const char *type;        /* the resource type */
	const char *prop;        /* the property holding the document */
	enum iam_policy_type ptype;
	bool list;               /* Policies: [{PolicyDocument: ...}] */
};

static const struct spot spots[] = {
	{ "AWS::IAM::Policy", "PolicyDocument", IAM_POLICY_IDENTITY, false },
	{ "AWS::IAM::ManagedPolicy", "PolicyDocument", IAM_POLICY_IDENTITY, false },
	{ "AWS::IAM::RolePolicy", "PolicyDocument", IAM_POLICY_IDENTITY, false },
	{ "AWS::IAM::UserPolicy", "PolicyDocument", IAM_POLICY_IDENTITY, false },
	{ "AWS::IAM::GroupPolicy", "PolicyDocument", IAM_POLICY_IDENTITY, false },
	{ "AWS::IAM::Role", "AssumeRolePolicyDocument", IAM_POLICY_TRUST, false },
	{ "AWS::IAM::Role", "Policies", IAM_POLICY_IDENTITY, true },
	{ "AWS::IAM::User", "Policies", IAM_POLICY_IDENTITY, true },
	{ "AWS::IAM::Group", "Policies", IAM_POLICY_IDENTITY, true },
	{ "AWS::SSO::PermissionSet", "InlinePolicy", IAM_POLICY_IDENTITY, false },
	{ "AWS::S3::BucketPolicy", "PolicyDocument", IAM_POLICY_RESOURCE, false },
	{ "AWS::S3::AccessPoint", "Policy", IAM_POLICY_RESOURCE, false },
	{ "AWS::SQS::QueuePolicy", "PolicyDocument", IAM_POLICY_RESOURCE, false },
	{ "AWS::SNS::TopicPolicy", "PolicyDocument", IAM_POLICY_RESOURCE, false },
	{ "AWS::KMS::Key", "KeyPolicy", IAM_POLICY_RESOURCE, false },
	{ "AWS::SecretsManager::ResourcePolicy", "ResourcePolicy", IAM_POLICY_RESOURCE, false },
	{ "AWS::ECR::Repository", "RepositoryPolicyText", IAM_POLICY_RESOURCE, false },
	{ "AWS::EFS::FileSystem", "FileSystemPolicy", IAM_POLICY_RESOURCE, false },
	{ "AWS::Backup::BackupVault", "AccessPolicy", IAM_POLICY_RESOURCE, false },
	{ "AWS::OpenSearchService::Domain", "AccessPolicies", IAM_POLICY_RESOURCE, false },
	{ "AWS::Elasticsearch::Domain", "AccessPolicies", IAM_POLICY_RESOURCE, false },
};

static int lint_at(struct iam_lint *L, struct iam_json_doc *doc, json_t *v,
		   const char *path, const struct spot *sp,
		   struct iam_diags *out, struct iam_error *err)
{
	struct iam_lint_site site = { sp->type, true };

	if (!json_is_object(v))
		return 0;  /* a string (JSON inside a string): not read */
	if (sp->ptype != IAM_POLICY_RESOURCE)
		site.attached_to = sp->ptype == IAM_POLICY_TRUST ? sp->type : NULL;
	return iam_lint_policy(L, doc, v, path, sp->ptype, &site, out, err);
}

int iam_lint_template(struct iam_lint *L, struct iam_json_doc *doc,
		      struct iam_diags *out, struct iam_error *err)
{
	json_t *res = json_object_get(doc->root, "Resources");
	const char *id;
	json_t *r;

	if (!json_is_object(res))
		return 0;
	json_object_foreach(res, id, r) {
		const char *type = json_string_value(json_object_get(r, "Type"));
		json_t *props = json_object_get(r, "Properties");

		if (!type || !json_is_object(props))
			continue;
		for (size_t i = 0; i < sizeof(spots) / sizeof(spots[0]); i++) {
			const struct spot *sp = &spots[i];
			char path[LINT_PATH_MAX];
			json_t *v;

			if (strcmp(sp->type, type) != 0 ||
			    !(v = json_object_get(props, sp->prop)))
				continue;
			path[0] = '\0';
			if (iam_jptr_push(path, sizeof(path), "Resources") < 0 ||
			    iam_jptr_push(path, sizeof(path), id) < 0 ||
			    iam_jptr_push(path, sizeof(path), "Properties") < 0 ||
			    iam_jptr_push(path, sizeof(path), sp->prop) < 0)
				continue;
			if (!sp->list) {
				if (lint_at(L, doc, v, path, sp, out, err) < 0)
					return -1;
				continue;
			}
			for (size_t k = 0; json_is_array(v) && k < json_array_size(v); k++) {
				char pp[LINT_PATH_MAX];
				json_t *e = json_array_get(v, k);

				iam_strlcpy_tail(pp, path, sizeof(pp));
				if (!json_is_object(e) ||
				    iam_jptr_push_index(pp, sizeof(pp), k) < 0 ||
				    iam_jptr_push(pp, sizeof(pp), "PolicyDocument") < 0)
					continue;
				if (lint_at(L, doc, json_object_get(e, "PolicyDocument"),
					    pp, sp, out, err) < 0)
					return -1;
			}
		}
	}
	return 0;
}

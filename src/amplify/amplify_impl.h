/* amplify/amplify_impl.h - what amplify/amplify.c, amplify/project.c and the
 * generated embedded_amplify.c share; not for other modules. */
#ifndef IAM_AMPLIFY_IMPL_H
#define IAM_AMPLIFY_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* A data file of policies/amplify, embedded (src/embedded_amplify.c, written
 * by policies/amplify/embed.sh). */
struct iam_amplify_blob {
	const char *path;        /* "lists/cli-2020.json", "resources.json" */
	const char *text;
	size_t len;
};

/* Terminated by { NULL, NULL, 0 }. */
extern const struct iam_amplify_blob iam_amplify_blobs[];

/* A blob by path, or NULL. */
const struct iam_amplify_blob *iam_amplify_blob(const char *path);

/* ---- amplify/derive.c: what `amplify build` makes of cli-inputs.json ---- */

struct iam_amplify_project;
struct iam_cfn_stack;
struct iam_error;

/* The file a resource of this category and service (backend-config.json's
 * "service") has its template derived from: "cli-inputs.json" (storage,
 * S3), "user-pool-group-precedence.json" (auth/userPoolGroups); NULL for
 * the others. */
const char *iam_amplify_derive_inputs(const char *cat, const char *res, const char *service);

/* The S3 actions of the Amplify storage permissions perms (an array of
 * "CREATE_AND_UPDATE", "READ", "DELETE"), in order: s3:PutObject;
 * s3:GetObject and, when with_list, s3:ListBucket; s3:DeleteObject.  A new
 * array, or NULL: *bad is the index of the first name that is not one of
 * them, or (size_t)-1 when memory ran out. */
json_t *iam_amplify_s3_actions(json_t *perms, bool with_list, size_t *bad);

/* The template `amplify build` would generate for resource cat/res of p
 * from its inputs file (iam_amplify_derive_inputs())
 * (backend_config: its backend-config.json, for the auth resource)
 * from its cli-inputs.json (file; display: its name in messages, which the
 * stack is named by): a new stack whose resources stand at the lines of the
 * inputs they come from, and in *params the parameters.json the build
 * writes (a new object; values are evaluated in the root stack).  NULL and
 * why set (whylen bytes) when the file is not JSON or not what the CLI
 * reads; NULL with err set (IAM_ERR_NOMEM) when memory ran out. */
struct iam_cfn_stack *iam_amplify_derive(const struct iam_amplify_project *p,
					 json_t *backend_config, const char *file, const char *display,
					 const char *cat, const char *res, json_t **params,
					 char *why, size_t whylen, struct iam_error *err);

#endif /* IAM_AMPLIFY_IMPL_H */

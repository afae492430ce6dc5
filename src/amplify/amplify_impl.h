/* amplify/amplify_impl.h - what amplify/amplify.c, amplify/project.c and the
 * generated embedded_amplify.c share; not for other modules. */
#ifndef IAM_AMPLIFY_IMPL_H
#define IAM_AMPLIFY_IMPL_H

#include <stddef.h>

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

#endif /* IAM_AMPLIFY_IMPL_H */

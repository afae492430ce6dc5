/* core/managed_impl.h - the embedded AWS managed policies, as
 * policies/embed-managed.sh writes them (src/embedded_managed.c).  Only
 * core/managed.c reads this. */
#ifndef IAM_MANAGED_IMPL_H
#define IAM_MANAGED_IMPL_H

#include <stddef.h>

/* One line of policies/aws-managed.jsonl; the array is in ARN order and
 * ends with an entry whose arn is NULL. */
struct iam_managed_blob {
	const char *arn;
	const char *line;    /* {"arn":...,"version":...,"document":{...}} */
	size_t len;
};

extern const struct iam_managed_blob iam_managed_blobs[];

#endif /* IAM_MANAGED_IMPL_H */

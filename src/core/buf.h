/* core/buf.h - a growing, always NUL-terminated string.
 *
 * Appends never fail visibly: running out of memory sets b->fail, later
 * appends do nothing, and iam_buf_take() reports it by returning NULL, so
 * a builder checks once at the end.  (curl's dynbuf, in small.)
 */
#ifndef IAM_BUF_H
#define IAM_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct iam_buf {
	char *p;      /* NULL until the first append; then NUL-terminated */
	size_t n, cap;
	bool fail;    /* an append ran out of memory */
};

#define IAM_BUF_INIT { NULL, 0, 0, false }

void iam_buf_add(struct iam_buf *b, const char *s, size_t n);
void iam_buf_adds(struct iam_buf *b, const char *s);
void iam_buf_addc(struct iam_buf *b, char c);
void iam_buf_addf(struct iam_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The string (new: free it; "" when nothing was added), or NULL when an
 * append failed.  The buffer is empty afterwards either way. */
char *iam_buf_take(struct iam_buf *b);

/* Free the contents; the buffer is IAM_BUF_INIT afterwards. */
void iam_buf_release(struct iam_buf *b);

#endif /* IAM_BUF_H */

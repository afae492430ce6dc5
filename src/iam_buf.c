#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "iam_buf.h"

void iam_buf_add(struct iam_buf *b, const char *s, size_t n)
{
	if (b->fail)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		char *p;

		while (cap < b->n + n + 1)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p) {
			b->fail = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void iam_buf_adds(struct iam_buf *b, const char *s)
{
	iam_buf_add(b, s, strlen(s));
}

void iam_buf_addc(struct iam_buf *b, char c)
{
	iam_buf_add(b, &c, 1);
}

char *iam_buf_take(struct iam_buf *b)
{
	char *p = b->p;

	if (b->fail) {
		free(p);
		p = NULL;
	} else if (!p) {
		p = strdup("");
	}
	b->p = NULL;
	b->n = b->cap = 0;
	b->fail = false;
	return p;
}

void iam_buf_release(struct iam_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
	b->fail = false;
}

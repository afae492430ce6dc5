#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

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

void iam_buf_addf(struct iam_buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->fail = true;
	} else if ((size_t)n < sizeof(small)) {
		iam_buf_add(b, small, (size_t)n);
	} else {
		char *big = malloc((size_t)n + 1);

		if (!big) {
			b->fail = true;
			return;
		}
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		iam_buf_add(b, big, (size_t)n);
		free(big);
	}
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

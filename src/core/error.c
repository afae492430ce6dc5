#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"

int iam_error_set(struct iam_error *err, enum iam_err_code code,
		  const char *path, const char *fmt, ...)
{
	va_list ap;

	if (!err || err->code != IAM_OK)
		return -1;
	err->code = code;
	iam_strlcpy_tail(err->path, path ? path : "", sizeof(err->path));
	va_start(ap, fmt);
	vsnprintf(err->text, sizeof(err->text), fmt, ap);
	va_end(ap);
	for (char *p = err->text; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return -1;
}

void iam_error_locate(struct iam_error *err, const char *source, int line,
		      int column)
{
	if (!err)
		return;
	if (!err->source[0] && source)
		iam_strlcpy_tail(err->source, source, sizeof(err->source));
	if (!err->line && line > 0) {
		err->line = line;
		err->column = column;
	}
}

void iam_error_clear(struct iam_error *err)
{
	static const struct iam_error blank = IAM_ERROR_INIT;

	if (err)
		*err = blank;
}

const char *iam_strerror(enum iam_err_code code)
{
	switch (code) {
	case IAM_OK:
		return "no error";
	case IAM_ERR_NOMEM:
		return "out of memory";
	case IAM_ERR_IO:
		return "input/output error";
	case IAM_ERR_JSON:
		return "invalid JSON";
	case IAM_ERR_YAML:
		return "invalid YAML";
	case IAM_ERR_SCHEMA:
		return "invalid policy or request";
	case IAM_ERR_USAGE:
		return "invalid argument";
	case IAM_ERR_LIMIT:
		return "input too large";
	case IAM_ERR_NET:
		return "AWS could not be reached";
	case IAM_ERR_AWS:
		return "AWS refused the call";
	case IAM_ERR_LAST:
		break;
	}
	return "unknown error";
}

void iam_strlcpy_tail(char *dst, const char *src, size_t dstsize)
{
	size_t n;

	if (!dstsize)
		return;
	n = strlen(src);
	if (n >= dstsize) {
		src += n - (dstsize - 1);
		n = dstsize - 1;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

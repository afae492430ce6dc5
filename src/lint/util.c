/* lint/util.c - what every lint check uses: findings, unknown values,
 * pointers, the ARN index.  Calls nothing else of lint but the rule table
 * and the ARN index (lint/lint_impl.h). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/json.h"
#include "lint/arn.h"
#include "lint/lint.h"
#include "lint/lint_impl.h"

bool lint_add(struct lint_ctx *lc, const char *code, const char *path,
	      const char *fmt, ...)
{
	const struct iam_rule *r = iam_lint_rule_find(code);
	char msg[1024];
	int line = 0, col = 0;
	va_list ap;

	if (!path)
		path = lc->base;
	if (lint_under_unknown(lc, path))
		return false;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (lc->doc)
		iam_json_locate(lc->doc, path, &line, &col);
	if (iam_diags_add(lc->out, r ? r->sev : IAM_SEV_ERROR,
			  r ? r->code : code, lc->source, path, line, col,
			  lc->sid, lc->stmt, "%s", msg) < 0) {
		lc->nomem = true;
		return false;
	}
	return true;
}

void lint_also(struct lint_ctx *lc, const char *path)
{
	int line = 0, col = 0;

	if (lc->doc)
		iam_json_locate(lc->doc, path, &line, &col);
	if (iam_diags_add_location(lc->out, path, line, col) < 0 && lc->out)
		lc->nomem = true;
}

bool lint_under_unknown(const struct lint_ctx *lc, const char *path)
{
	for (size_t i = 0; i < lc->nunknown; i++) {
		size_t n = strlen(lc->unknown[i]);

		if (strncmp(path, lc->unknown[i], n) == 0 &&
		    (path[n] == '\0' || path[n] == '/'))
			return true;
	}
	return false;
}

int lint_unknown_add(struct lint_ctx *lc, const char *path)
{
	char *p;

	if (lc->nunknown == lc->capunknown) {
		size_t cap = lc->capunknown ? lc->capunknown * 2 : 8;
		char **v = realloc(lc->unknown, cap * sizeof(*v));

		if (!v)
			return -1;
		lc->unknown = v;
		lc->capunknown = cap;
	}
	p = strdup(path);
	if (!p)
		return -1;
	lc->unknown[lc->nunknown++] = p;
	return 0;
}

void lint_unknown_release(struct lint_ctx *lc)
{
	for (size_t i = 0; i < lc->nunknown; i++)
		free(lc->unknown[i]);
	free(lc->unknown);
	lc->unknown = NULL;
	lc->nunknown = lc->capunknown = 0;
}

void lint_elem_path(char *out, const char *spath, const char *elem)
{
	iam_strlcpy_tail(out, spath, LINT_PATH_MAX);
	iam_jptr_push(out, LINT_PATH_MAX, elem);
}

struct iam_arn_index *lint_arn(struct lint_ctx *lc)
{
	struct iam_lint *L = lc->L;

	if (!L->arn && !L->arn_failed) {
		L->arn = iam_arn_index_new(L->cat);
		if (!L->arn) {
			L->arn_failed = true;
			lc->nomem = true;
		}
	}
	return L->arn;
}

bool lint_region_like(const char *s, size_t n)
{
	/* us-east-1, ap-southeast-2, us-gov-west-1, cn-north-1, us-isob-east-1 */
	size_t i = 0, parts = 0;

	if (n < 6)
		return false;
	while (i < n) {
		size_t st = i;

		while (i < n && s[i] >= 'a' && s[i] <= 'z')
			i++;
		if (i == st) {
			while (i < n && s[i] >= '0' && s[i] <= '9')
				i++;
			return i == n && i > st && parts >= 2;
		}
		parts++;
		if (i == n || s[i] != '-')
			return false;
		i++;
	}
	return false;
}

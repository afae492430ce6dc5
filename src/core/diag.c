/* core/diag.c - the findings list (core/diag.h): appending, further
 * places, moving and dropping findings.  Every string, props and place a
 * diag holds is owned by the list that holds the diag. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"

static char *dup_or_null(const char *s, bool *fail)
{
	char *r;

	if (!s)
		return NULL;
	r = strdup(s);
	if (!r)
		*fail = true;
	return r;
}

static void diag_free(struct iam_diag *g)
{
	free(g->source);
	free(g->path);
	free(g->sid);
	free(g->message);
	json_decref(g->props);
	for (size_t i = 0; i < g->nlocs; i++)
		free(g->locs[i].path);
	free(g->locs);
}

/* Room for `more` further findings. */
static int reserve(struct iam_diags *d, size_t more)
{
	size_t cap = d->cap ? d->cap : 8;
	struct iam_diag *v;

	if (d->n + more <= d->cap)
		return 0;
	while (cap < d->n + more)
		cap *= 2;
	v = realloc(d->v, cap * sizeof(*v));
	if (!v) {
		d->nomem = true;
		return -1;
	}
	d->v = v;
	d->cap = cap;
	return 0;
}

int iam_diags_add(struct iam_diags *d, enum iam_severity sev, const char *code,
		  const char *source, const char *path, int line, int column,
		  const char *sid, long stmt, const char *fmt, ...)
{
	struct iam_diag g = { 0 };
	bool fail = false;
	char msg[1024];
	va_list ap;

	if (!d)
		return 0;
	if (reserve(d, 1) < 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	for (char *p = msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	g.sev = sev;
	g.code = code;
	g.line = line;
	g.column = column;
	g.stmt = stmt;
	g.source = dup_or_null(source, &fail);
	g.path = dup_or_null(path ? path : "", &fail);
	g.sid = dup_or_null(sid, &fail);
	g.message = dup_or_null(msg, &fail);
	if (fail) {
		diag_free(&g);
		d->nomem = true;
		return -1;
	}
	d->v[d->n++] = g;
	if (sev == IAM_SEV_ERROR)
		d->nerrors++;
	return 0;
}

void iam_diags_release(struct iam_diags *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++)
		diag_free(&d->v[i]);
	free(d->v);
	d->v = NULL;
	d->n = d->cap = d->nerrors = 0;
	d->nomem = false;
}

const char *iam_severity_name(enum iam_severity sev)
{
	switch (sev) {
	case IAM_SEV_ERROR:
		return "error";
	case IAM_SEV_SECURITY_WARNING:
		return "security-warning";
	case IAM_SEV_WARNING:
		return "warning";
	case IAM_SEV_SUGGESTION:
		return "suggestion";
	}
	return "error";
}

const char *iam_severity_code(enum iam_severity sev)
{
	switch (sev) {
	case IAM_SEV_ERROR:
		return "ERROR";
	case IAM_SEV_SECURITY_WARNING:
		return "SECURITY_WARNING";
	case IAM_SEV_WARNING:
		return "WARNING";
	case IAM_SEV_SUGGESTION:
		return "SUGGESTION";
	}
	return "ERROR";
}

int iam_diags_set_props(struct iam_diags *d, json_t *props)
{
	if (!props || !d || !d->n) {
		json_decref(props);
		if (d)
			d->nomem = d->nomem || !props;
		return -1;
	}
	json_decref(d->v[d->n - 1].props);
	d->v[d->n - 1].props = props;
	return 0;
}

void iam_diags_pop(struct iam_diags *d)
{
	if (!d->n)
		return;
	d->n--;
	if (d->v[d->n].sev == IAM_SEV_ERROR)
		d->nerrors--;
	diag_free(&d->v[d->n]);
}

size_t iam_diags_drop(struct iam_diags *d,
		      bool (*drop)(void *ctx, const struct iam_diag *g), void *ctx)
{
	size_t kept = 0, n = d->n;

	for (size_t i = 0; i < n; i++) {
		if (drop(ctx, &d->v[i])) {
			if (d->v[i].sev == IAM_SEV_ERROR)
				d->nerrors--;
			diag_free(&d->v[i]);
			continue;
		}
		d->v[kept++] = d->v[i];
	}
	d->n = kept;
	return n - kept;
}

int iam_diags_add_location(struct iam_diags *d, const char *path, int line,
			   int column)
{
	struct iam_diag *g;
	struct iam_diag_loc *v;
	char *p;

	if (!d || !d->n || !path)
		return -1;
	g = &d->v[d->n - 1];
	if (g->path && strcmp(g->path, path) == 0)
		return 0;
	for (size_t i = 0; i < g->nlocs; i++)
		if (strcmp(g->locs[i].path, path) == 0)
			return 0;
	p = strdup(path);
	v = p ? realloc(g->locs, (g->nlocs + 1) * sizeof(*v)) : NULL;
	if (!v) {
		free(p);
		d->nomem = true;
		return -1;
	}
	g->locs = v;
	g->locs[g->nlocs++] = (struct iam_diag_loc){ p, line, column };
	return 0;
}

int iam_diags_take(struct iam_diags *to, struct iam_diags *from)
{
	if (!from->n) {
		iam_diags_release(from);
		return 0;
	}
	if (reserve(to, from->n) < 0)
		return -1;
	memcpy(to->v + to->n, from->v, from->n * sizeof(*from->v));
	to->n += from->n;
	to->nerrors += from->nerrors;
	to->nomem = to->nomem || from->nomem;
	free(from->v);
	from->v = NULL;
	from->n = from->cap = from->nerrors = 0;
	from->nomem = false;
	return 0;
}

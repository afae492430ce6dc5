/* cli/policies.c - loading the policy files a command is given.
 *
 * Every file is loaded and all of its problems reported before a command
 * stops, in source order as a compiler prints them; with --format json the
 * problems become findings objects instead of lines on stderr.
 */
#include "config.h"

#include <stdlib.h>

#include <jansson.h>

#include "cli/cmds.h"
#include "core/diag.h"
#include "core/error.h"
#include "cli/msg.h"
#include "core/policy.h"

/* Findings in source order (stable: equal positions keep the order they
 * were found in). */
static int diag_order(const void *a, const void *b)
{
	const struct iam_diag *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return (x > y) - (x < y);
}

json_t *cmd_diag_json(const struct iam_diag *d)
{
	json_t *o = json_object();

	json_object_set_new(o, "file", json_string(d->source ? d->source : "<stdin>"));
	json_object_set_new(o, "line", json_integer(d->line));
	json_object_set_new(o, "column", json_integer(d->column));
	json_object_set_new(o, "path", json_string(d->path ? d->path : ""));
	json_object_set_new(o, "sid", d->sid ? json_string(d->sid) : json_null());
	json_object_set_new(o, "code", json_string(d->code));
	json_object_set_new(o, "severity", json_string(iam_severity_code(d->sev)));
	json_object_set_new(o, "message", json_string(d->message));
	return o;
}

struct iam_policy *cmd_policies_load(struct cmd_policies *L, const char *file,
				     enum iam_policy_type type, unsigned flags,
				     bool warnings, bool color)
{
	struct iam_diags diags = IAM_DIAGS_INIT;
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_policy *p = iam_policy_load(file, type, flags, &diags, &err);
	struct iam_policy **v;

	if (diags.n)
		qsort(diags.v, diags.n, sizeof(*diags.v), diag_order);
	for (size_t i = 0; i < diags.n; i++) {
		const struct iam_diag *d = &diags.v[i];

		if (d->sev != IAM_SEV_ERROR && (!warnings || d->sev != IAM_SEV_WARNING))
			continue;
		if (L->findings) {
			json_array_append_new(L->findings, cmd_diag_json(d));
		} else {
			fputs("iamgate: ", stderr);
			iam_msg_diag(stderr, d, color);
		}
	}
	if (!p && !diags.nerrors) {
		/* not a grammar problem: I/O, JSON syntax, size */
		if (L->findings && err.code != IAM_ERR_NOMEM) {
			struct iam_diag d = { IAM_SEV_ERROR,
					      err.code == IAM_ERR_JSON ? "JSON_SYNTAX_ERROR"
					      : err.code == IAM_ERR_LIMIT ? "POLICY_TOO_LARGE"
									  : "UNREADABLE_FILE",
					      err.source, err.path, err.line, err.column,
					      NULL, -1, err.text };

			json_array_append_new(L->findings, cmd_diag_json(&d));
		} else {
			iam_msg_failure(&err);
		}
	}
	if (!p && err.code == IAM_ERR_NOMEM)
		L->nomem = true;
	iam_diags_release(&diags);
	if (!p) {
		L->failed = true;
		return NULL;
	}
	v = realloc(L->v, (L->n + 1) * sizeof(*v));
	if (!v) {
		iam_policy_free(p);
		L->nomem = true;
		return NULL;
	}
	L->v = v;
	L->v[L->n++] = p;
	return p;
}

void cmd_policies_release(struct cmd_policies *L)
{
	for (size_t i = 0; i < L->n; i++)
		iam_policy_free(L->v[i]);
	free(L->v);
	json_decref(L->findings);
	L->v = NULL;
	L->n = 0;
	L->findings = NULL;
}

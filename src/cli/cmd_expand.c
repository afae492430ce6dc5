/* cli/cmd_expand.c - iamgate expand: the concrete actions of action patterns. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cmds.h"
#include "core/catalog.h"
#include "core/error.h"
#include "core/json.h"
#include "cli/msg.h"

struct expand_opts {
	const char *catalog, *format;
	bool quiet;
};

#define O(f) offsetof(struct expand_opts, f)

static const struct cmd_option expand_options[] = {
	CMD_STRING(0, "catalog", "FILE", O(catalog),
		   "use this action catalog, not the built-in one"),
	CMD_CHOICE(0, "format", "text|json", O(format), cmd_formats_text_json,
		   "output format (default: text)"),
	CMD_FLAG('q', "quiet", O(quiet), "print nothing; the exit status tells"),
	CMD_HELP_OPTION,
	CMD_END,
};

static const struct cmd_command expand_command = {
	.name = "expand",
	.usage = "iamgate expand PATTERN... [options]",
	.about =
		"List the actions that IAM action patterns cover ('*' and '?',\n"
		"case-insensitive: s3:Get*, iam:*Role*), one a line in their documented\n"
		"case, sorted by service and name, each once.\n",
	.options = expand_options,
	.flags = CMD_OPERANDS_TEXT,
	.footer =
		"exit status: 0 every pattern matched an action, 1 a pattern matched\n"
		"none, 2 usage error, 3 invalid catalog file, 4 internal error.\n",
};

void cmd_expand_usage(FILE *f)
{
	cmd_help(&expand_command, f);
}

struct hits {
	unsigned char *bits;  /* one bit per catalog action id */
};

static int mark(void *ctx, const struct iam_cat_action *a)
{
	struct hits *h = ctx;

	h->bits[a->id / 8] |= (unsigned char)(1u << (a->id % 8));
	return 0;
}

/* Why a pattern matched nothing, in one line. */
static void say_unmatched(const struct iam_catalog *cat, const char *pattern)
{
	const char *colon = strchr(pattern, ':');
	struct iam_cat_service s;
	char prefix[128];
	size_t len;

	if (!colon || strchr(colon + 1, ':')) {
		iam_msg_error("'%s' matches no action: an action is SERVICE:NAME",
			      pattern);
		return;
	}
	len = (size_t)(colon - pattern);
	if (len < sizeof(prefix) && strcspn(pattern, "*?") > len) {
		/* a literal service: say whether it exists */
		memcpy(prefix, pattern, len);
		prefix[len] = '\0';
		if (!iam_catalog_find_service(cat, prefix, &s)) {
			iam_msg_error("'%s' matches no action: no service has the prefix '%s'",
				      pattern, prefix);
			return;
		}
		iam_msg_error("'%s' matches no action of service '%s'", pattern,
			      s.prefix);
		return;
	}
	iam_msg_error("'%s' matches no action", pattern);
}

static int print_json(const struct iam_catalog *cat, const struct hits *h,
		      char **unmatched, size_t nunmatched)
{
	json_t *o = json_object(), *acts = json_array(), *un = json_array();
	struct iam_cat_action a;
	char buf[600];
	int rc = -1;

	if (!o || !acts || !un)
		goto out;
	for (size_t id = 0; id < iam_catalog_nactions(cat); id++) {
		if (!(h->bits[id / 8] & (1u << (id % 8))) ||
		    !iam_catalog_action_at(cat, id, &a))
			continue;
		snprintf(buf, sizeof(buf), "%s:%s", a.service, a.name);
		if (json_array_append_new(acts, iam_json_text(buf)) < 0)
			goto out;
	}
	for (size_t i = 0; i < nunmatched; i++)
		if (json_array_append_new(un, iam_json_text(unmatched[i])) < 0)
			goto out;
	if (json_object_set(o, "actions", acts) < 0 ||
	    json_object_set(o, "unmatched", un) < 0)
		goto out;
	if (json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) < 0)
		goto out;
	putchar('\n');
	rc = 0;
out:
	json_decref(acts);
	json_decref(un);
	json_decref(o);
	return rc;
}

int cmd_expand(int argc, char **argv)
{
	struct expand_opts o = { .format = "text" };
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_catalog *loaded = NULL;
	const struct iam_catalog *cat;
	struct hits h = { NULL };
	char **unmatched = NULL;
	size_t nunmatched = 0;
	int nargs, rc;

	rc = cmd_parse(&expand_command, argc, argv, &o, &nargs);
	if (rc != CMD_CONTINUE)
		goto out;
	rc = IAM_EXIT_USAGE;
	if (nargs == 0) {
		iam_msg_usage("expand", "give at least one PATTERN (s3:Get*, iam:PassRole, *)");
		goto out;
	}
	if (o.catalog) {
		loaded = iam_catalog_load(o.catalog, &err);
		if (!loaded) {
			iam_msg_failure(&err);
			rc = iam_exit_for(&err);
			goto out;
		}
		cat = loaded;
	} else {
		cat = iam_catalog_default();
	}

	rc = IAM_EXIT_INTERNAL;
	h.bits = calloc(iam_catalog_nactions(cat) / 8 + 1, 1);
	unmatched = calloc((size_t)nargs, sizeof(*unmatched));
	if (!h.bits || !unmatched)
		goto nomem;
	for (int i = 0; i < nargs; i++) {
		int n = iam_catalog_expand(cat, argv[i], mark, &h, &err);

		if (n < 0)
			goto nomem;
		if (n == 0) {
			unmatched[nunmatched++] = argv[i];
			if (!o.quiet)
				say_unmatched(cat, argv[i]);
		}
	}
	if (!o.quiet) {
		if (strcmp(o.format, "json") == 0) {
			if (print_json(cat, &h, unmatched, nunmatched) < 0)
				goto nomem;
		} else {
			struct iam_cat_action a;

			for (size_t id = 0; id < iam_catalog_nactions(cat); id++)
				if ((h.bits[id / 8] & (1u << (id % 8))) &&
				    iam_catalog_action_at(cat, id, &a))
					iam_out(stdout, "%s:%s\n", a.service, a.name);
		}
		if (fflush(stdout) != 0 || ferror(stdout)) {
			iam_msg_error("cannot write the output");
			goto out;
		}
	}
	rc = nunmatched ? IAM_EXIT_DENIED : IAM_EXIT_OK;
	goto out;
nomem:
	iam_msg_error("out of memory");
out:
	free(unmatched);
	free(h.bits);
	iam_catalog_free(loaded);
	return rc;
}

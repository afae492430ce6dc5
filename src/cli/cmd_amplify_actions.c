/* cli/cmd_amplify_actions.c - iamgate amplify actions: print a
 * required-action list by category; and the options both amplify
 * subcommands take (catalog, categories, account, region). */
#include "config.h"

#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "amplify/amplify.h"
#include "amplify/check.h"
#include "cli/amplify.h"
#include "cli/cmds.h"
#include "cli/msg.h"
#include "core/catalog.h"
#include "core/error.h"
#include "core/json.h"

void cmd_amplify_print_json(json_t *o)
{
	json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
}

int cmd_amplify_categories_option(const char *cmd, char *arg, void *field)
{
	struct iam_error err = IAM_ERROR_INIT;

	if (iam_amplify_categories_parse(arg, field, &err) < 0) {
		iam_msg_usage(cmd, "%s", err.text);
		return -1;
	}
	return 0;
}

/* --account ID into the const char * field. */
int cmd_amplify_account_option(const char *cmd, char *arg, void *field)
{
	if (!iam_is_account_id(arg)) {
		iam_msg_usage(cmd, "--account '%s' is not an account ID (12 digits)", arg);
		return -1;
	}
	*(const char **)field = arg;
	return 0;
}

/* --region NAME into the const char * field. */
int cmd_amplify_region_option(const char *cmd, char *arg, void *field)
{
	if (!*arg || strspn(arg, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(arg)) {
		iam_msg_usage(cmd, "--region '%s' is not a region name (us-east-1)", arg);
		return -1;
	}
	*(const char **)field = arg;
	return 0;
}

const struct iam_catalog *cmd_amplify_catalog(const char *file,
					       struct iam_catalog **loaded,
					       int *rc)
{
	struct iam_error err = IAM_ERROR_INIT;

	*loaded = NULL;
	if (!file)
		return iam_catalog_default();
	*loaded = iam_catalog_load(file, &err);
	if (!*loaded) {
		iam_msg_failure(&err);
		*rc = iam_exit_for(&err);
		return NULL;
	}
	return *loaded;
}

static struct iam_amplify_list *open_list(const char *name, int *rc)
{
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_amplify_list *l = iam_amplify_list_load(name, &err);

	if (!l) {
		if (err.code == IAM_ERR_USAGE) {
			iam_msg_usage("amplify", "%s", err.text);
			*rc = IAM_EXIT_USAGE;
		} else {
			iam_msg_failure(&err);
			*rc = iam_exit_for(&err);
		}
	}
	return l;
}


struct expand_ctx {
	json_t *names;
};

static int collect_name(void *ctx, const struct iam_cat_action *a)
{
	struct expand_ctx *x = ctx;
	char buf[300];

	snprintf(buf, sizeof(buf), "%s:%s", a->service, a->name);
	return json_array_append_new(x->names, iam_json_text(buf)) < 0;
}

struct actions_opts {
	unsigned cats;          /* 0: all */
	const char *list;
	bool expand;
	const char *catalog;
	const char *format;
};

#define A(f) offsetof(struct actions_opts, f)
static const struct cmd_option actions_options[] = {
	CMD_CALLBACK(0, "categories", "LIST", A(cats), cmd_amplify_categories_option, NULL),
	CMD_STRING(0, "list", "NAME|FILE", A(list), NULL),
	CMD_FLAG(0, "expand", A(expand), NULL),
	CMD_STRING(0, "catalog", "FILE", A(catalog), NULL),
	CMD_CHOICE(0, "format", "text|json", A(format), cmd_formats_text_json, NULL),
	CMD_HELP_OPTION,
	CMD_END,
};
#undef A

static const struct cmd_command actions_command = {
	.name = "amplify", .options = actions_options, .print_help = cmd_amplify_usage,
};

int cmd_amplify_actions(int argc, char **argv)
{
	struct actions_opts o = { .format = "text" };
	const char *list_name, *format, *catalog_file;
	struct iam_catalog *loaded = NULL;
	const struct iam_catalog *cat = NULL;
	struct iam_amplify_list *l = NULL;
	struct iam_error err = IAM_ERROR_INIT;
	unsigned cats;
	bool expand;
	json_t *out = NULL, *jcats = NULL;
	size_t npatterns = 0, nactions = 0;
	int nargs, rc = cmd_parse(&actions_command, argc, argv, &o, &nargs);

	if (rc != CMD_CONTINUE)
		return rc;
	rc = IAM_EXIT_USAGE;
	if (nargs) {
		iam_msg_usage("amplify", "amplify actions takes no arguments ('%s')", argv[0]);
		goto out;
	}
	list_name = o.list;
	format = o.format;
	catalog_file = o.catalog;
	cats = o.cats ? o.cats : IAM_AMPLIFY_ALL_CATEGORIES;
	expand = o.expand;
	cat = cmd_amplify_catalog(catalog_file, &loaded, &rc);
	if (!cat)
		goto out;
	l = open_list(list_name ? list_name : iam_amplify_default_list(1), &rc);
	if (!l)
		goto out;
	rc = IAM_EXIT_INTERNAL;
	out = json_object();
	jcats = json_array();
	if (strcmp(format, "text") == 0)
		iam_out(stdout, "# %s: %s\n# %s\n", l->name, l->title, l->source);
	for (int ci = 0; iam_amplify_categories[ci]; ci++) {
		json_t *jc, *entries;
		bool header = false;

		if (!(cats & (1u << ci)))
			continue;
		jc = json_object();
		entries = json_array();
		json_object_set_new(jc, "name", iam_json_text(iam_amplify_categories[ci]));
		for (size_t i = 0; i < l->nentries; i++) {
			const struct iam_amplify_entry *e = &l->entries[i];
			json_t *je;
			struct expand_ctx x;

			if (!(e->cats & (1u << ci)))
				continue;
			x.names = json_array();
			if (iam_catalog_expand(cat, e->action, collect_name, &x, &err) < 0) {
				json_decref(x.names);
				json_decref(jc);
				json_decref(entries);
				goto nomem;
			}
			npatterns++;
			nactions += json_array_size(x.names);
			je = json_object();
			json_object_set_new(je, "action", iam_json_text(e->action));
			json_object_set_new(je, "categories", iam_amplify_category_names(e->cats, e->first_cat));
			json_object_set_new(je, "source", iam_json_text(e->source));
			if (e->via_cfn)
				json_object_set_new(je, "via", iam_json_text("cloudformation"));
			if (e->nresources) {
				json_t *r = json_array();

				for (size_t k = 0; k < e->nresources; k++)
					json_array_append_new(r, iam_json_text(e->resources[k]));
				json_object_set_new(je, "resources", r);
			}
			if (e->note)
				json_object_set_new(je, "note", iam_json_text(e->note));
			json_object_set_new(je, "count", json_integer((json_int_t)json_array_size(x.names)));
			if (expand)
				json_object_set(je, "actions", x.names);
			if (strcmp(format, "text") == 0) {
				size_t k;
				json_t *v;

				if (!header) {
					iam_out(stdout, "%s\n", iam_amplify_categories[ci]);
					header = true;
				}
				if (expand) {
					json_array_foreach(x.names, k, v)
						iam_out(stdout, "  %s\n", json_string_value(v));
					if (!json_array_size(x.names))
						iam_out(stdout, "  %s  (no action of the catalog)\n", e->action);
				} else {
					char count[64] = "";

					if (strcspn(e->action, "*?") != strlen(e->action))
						snprintf(count, sizeof(count), " (%zu actions)",
							 json_array_size(x.names));
					else if (!json_array_size(x.names))
						snprintf(count, sizeof(count), " (not in the catalog)");
					iam_out(stdout, "  %-44s %s%s%s\n", e->action, e->source,
					       e->via_cfn ? ", via CloudFormation" : "", count);
				}
			}
			json_decref(x.names);
			json_array_append_new(entries, je);
		}
		json_object_set_new(jc, "entries", entries);
		json_array_append_new(jcats, jc);
	}
	if (strcmp(format, "json") == 0) {
		json_object_set_new(out, "list", iam_json_text(l->name));
		json_object_set_new(out, "title", iam_json_text(l->title));
		json_object_set_new(out, "source", iam_json_text(l->source));
		json_object_set_new(out, "generation", json_integer(l->generation));
		json_object_set_new(out, "patterns", json_integer((json_int_t)npatterns));
		json_object_set_new(out, "actions", json_integer((json_int_t)nactions));
		json_object_set(out, "categories", jcats);
		cmd_amplify_print_json(out);
	} else {
		iam_out(stdout, "# %zu entries, %zu concrete actions (an entry of two categories is counted in each)\n",
		       npatterns, nactions);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		iam_msg_error("cannot write the output");
		goto out;
	}
	rc = IAM_EXIT_OK;
	goto out;
nomem:
	iam_msg_error("out of memory");
out:
	json_decref(jcats);
	json_decref(out);
	iam_amplify_list_free(l);
	iam_catalog_free(loaded);
	return rc;
}

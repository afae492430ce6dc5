/* lint/skip.c - the files lint passes over, and why (lint/skip.h). */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "core/configfile.h"
#include "core/error.h"
#include "core/json.h"
#include "lint/skip.h"

static const char *const reasons[IAM_LINT_SKIP_N] = {
	[IAM_LINT_SKIP_NONE] = "",
	[IAM_LINT_SKIP_AMPLIFY_DATA] = "amplify-data",
	[IAM_LINT_SKIP_CURRENT_CLOUD] = "amplify-current-cloud-backend",
	[IAM_LINT_SKIP_BUILD_COPY] = "amplify-build-copies",
	[IAM_LINT_SKIP_PLACEHOLDER] = "amplify-custom-policies-placeholder",
	[IAM_LINT_SKIP_NOT_POLICY] = "not-a-policy",
	[IAM_LINT_SKIP_NOT_JSON] = "not-json",
	[IAM_LINT_SKIP_YAML] = "yaml",
};

/* The base names of what the Amplify CLI (Gen 1) writes that is data:
 * project settings, resource inputs and parameters, tags, state, and the
 * npm and TypeScript files of overrides and functions. */
static const char *const amplify_data[] = {
	"amplify-meta.json", "backend-config.json", "cli-inputs.json", "cli.json",
	"custom-roles.json", "event.json", "function-parameters.json",
	"local-aws-info.json", "local-env-info.json", "package-lock.json",
	"package.json", "parameters.json", "project-config.json",
	"storage-params.json", "tags.json", "team-provider-info.json",
	"transform.conf.json", "tsconfig.json", "user-pool-group-precedence.json",
	NULL
};

const char *iam_lint_skip_name(enum iam_lint_skip r)
{
	return r > IAM_LINT_SKIP_NONE && r < IAM_LINT_SKIP_N ? reasons[r] : "";
}

enum iam_lint_skip iam_lint_skip_parse(const char *name)
{
	for (int r = IAM_LINT_SKIP_NONE + 1; r < IAM_LINT_SKIP_N; r++)
		if ((IAM_LINT_SKIP_SETTABLE & (1u << r)) && strcmp(reasons[r], name) == 0)
			return (enum iam_lint_skip)r;
	return IAM_LINT_SKIP_NONE;
}

/* The error at pointer of config file, located in it (read again: errors
 * only).  -1. */
static int skip_error(const struct iam_config *c, const char *pointer,
		      struct iam_error *err, const char *names)
{
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_error e = IAM_ERROR_INIT;
	int line = 0, col = 0;

	if (strcmp(pointer, "/skip") == 0)
		iam_error_set(err, IAM_ERR_SCHEMA, pointer,
			      "\"skip\" must be an array of names: %s", names);
	else
		iam_error_set(err, IAM_ERR_SCHEMA, pointer,
			      "not a kind of file lint skips: use %s", names);
	if (iam_json_load_file(&doc, iam_config_file(c), &e) == 0)
		iam_json_locate(&doc, pointer, &line, &col);
	iam_json_doc_release(&doc);
	iam_error_locate(err, iam_config_file(c), line, col);
	return -1;
}

int iam_lint_skip_read(const struct iam_config *c, unsigned *skip,
		       struct iam_error *err)
{
	json_t *v = c ? iam_config_section(c, "skip") : NULL, *e;
	const char *sep = "";
	char names[256] = "";
	unsigned set = 0;
	size_t i;

	if (!v)
		return 0;
	for (int r = IAM_LINT_SKIP_NONE + 1; r < IAM_LINT_SKIP_N; r++) {
		if (IAM_LINT_SKIP_SETTABLE & (1u << r)) {
			size_t n = strlen(names);

			snprintf(names + n, sizeof(names) - n, "%s%s", sep, reasons[r]);
			sep = ", ";
		}
	}
	if (!json_is_array(v))
		return skip_error(c, "/skip", err, names);
	json_array_foreach(v, i, e) {
		enum iam_lint_skip r = json_is_string(e) ? iam_lint_skip_parse(json_string_value(e))
							 : IAM_LINT_SKIP_NONE;
		char p[64];

		snprintf(p, sizeof(p), "/skip/%zu", i);
		if (r == IAM_LINT_SKIP_NONE)
			return skip_error(c, p, err, names);
		set |= 1u << r;
	}
	*skip = set;
	return 0;
}

/* The component "name/" of path at or after from, at a component start:
 * its offset, or -1. */
static long find_dir(const char *path, size_t from, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = path + from; (p = strstr(p, name)); p++)
		if ((p == path || p[-1] == '/') && p[n] == '/')
			return (long)(p - path);
	return -1;
}

enum iam_lint_skip iam_lint_skip_copy(const char *path, unsigned from,
				      unsigned skip)
{
	const char *b = "awscloudformation/build/";
	size_t blen = strlen(b), len = strlen(path);
	long at;

	if (from > len)
		return IAM_LINT_SKIP_NONE;
	if ((skip & (1u << IAM_LINT_SKIP_CURRENT_CLOUD)) &&
	    find_dir(path, from, "#current-cloud-backend") >= 0)
		return IAM_LINT_SKIP_CURRENT_CLOUD;
	if (!(skip & (1u << IAM_LINT_SKIP_BUILD_COPY)))
		return IAM_LINT_SKIP_NONE;
	/* .../backend/awscloudformation/build/REST: is .../backend/REST there? */
	for (at = find_dir(path, from, "awscloudformation"); at >= 0;
	     at = find_dir(path, (size_t)at + 1, "awscloudformation")) {
		char orig[PATH_MAX];
		struct stat sb;

		if (strncmp(path + at, b, blen) != 0 || at < 8 ||
		    strncmp(path + at - 8, "backend/", 8) != 0 ||
		    (at > 8 && path[at - 9] != '/'))
			continue;
		if ((size_t)snprintf(orig, sizeof(orig), "%.*s%s", (int)at, path,
				     path + at + blen) >= sizeof(orig))
			continue;
		if (stat(orig, &sb) == 0 && S_ISREG(sb.st_mode))
			return IAM_LINT_SKIP_BUILD_COPY;
	}
	return IAM_LINT_SKIP_NONE;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

bool iam_lint_amplify_data(const char *path)
{
	const char *base = base_name(path);
	bool known = false, in = false;
	char *real;

	for (size_t i = 0; amplify_data[i] && !known; i++)
		known = strcmp(base, amplify_data[i]) == 0;
	if (!known)
		return false;
	if (find_dir(path, 0, "amplify") >= 0)
		return true;
	real = realpath(path, NULL);  /* named from inside the project */
	in = real && find_dir(real, 0, "amplify") >= 0;
	free(real);
	return in;
}

bool iam_lint_amplify_custom_policies(const char *path)
{
	return strcmp(base_name(path), "custom-policies.json") == 0;
}

bool iam_lint_yaml_name(const char *path)
{
	size_t n = strlen(path);

	return (n > 5 && strcmp(path + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(path + n - 4, ".yml") == 0);
}

/* amplify/gen2.c - a Gen 2 project's roles: the templates CDK synthesized.
 *
 * `npx ampx sandbox` and `npx ampx pipeline-deploy` synthesize the backend
 * into .amplify/artifacts/cdk.out; `cdk synth` writes cdk.out. Each stack
 * (the nested ones of data, auth, functions too) is a *.template.json
 * there. They are read as a Gen 1 project's templates are (project.c),
 * category "gen2", so their roles are checked against --project-boundary
 * the same way. Part of the amplify layer (amplify/amplify.h). */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "amplify/amplify.h"
#include "core/error.h"

/* where the assembly is, first found first */
static const char *const assembly_dirs[] = { ".amplify/artifacts/cdk.out", "cdk.out", NULL };
static const char suffix[] = ".template.json";

static int cmp_template(const void *a, const void *b)
{
	const struct iam_amplify_template *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static void free_templates(struct iam_amplify_template *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].file);
		free(t[i].display);
		free(t[i].name);
	}
	free(t);
}

static char *join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *s = malloc(n);

	if (s)
		snprintf(s, n, "%s/%s", a, b);
	return s;
}

/* Add the template of dir named de (a *.template.json) to *t. */
static int add_template(struct iam_amplify_template **t, size_t *n,
			const char *dir, const char *de)
{
	struct iam_amplify_template *v = realloc(*t, (*n + 1) * sizeof(*v));
	size_t len = strlen(de) - (sizeof(suffix) - 1);

	if (!v)
		return -1;
	*t = v;
	v[*n].file = join(dir, de);
	v[*n].display = v[*n].file ? strdup(v[*n].file) : NULL;
	v[*n].name = strndup(de, len);
	(*n)++;
	return v[*n - 1].file && v[*n - 1].display && v[*n - 1].name ? 0 : -1;
}

/* Every *.template.json of dir, sorted; -1 out of memory. */
static int templates_in(const char *dir, struct iam_amplify_template **t, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int rc = 0;

	if (!d)
		return 0;
	while (rc == 0 && (de = readdir(d))) {
		size_t len = strlen(de->d_name);
		struct stat sb;
		char *f;

		if (de->d_name[0] == '.' || len <= sizeof(suffix) - 1 ||
		    strcmp(de->d_name + len - (sizeof(suffix) - 1), suffix) != 0)
			continue;
		f = join(dir, de->d_name);
		if (!f) {
			rc = -1;
			break;
		}
		if (stat(f, &sb) == 0 && S_ISREG(sb.st_mode))
			rc = add_template(t, n, dir, de->d_name);
		free(f);
	}
	closedir(d);
	if (rc == 0 && *n > 1)
		qsort(*t, *n, sizeof(**t), cmp_template);
	return rc;
}

struct iam_amplify_project *iam_amplify_gen2_load(const char *dir,
						  const char *region,
						  const char *account,
						  struct iam_error *err)
{
	struct iam_amplify_template *t = NULL;
	struct iam_amplify_project *p = NULL;
	size_t n = 0;

	for (int i = 0; assembly_dirs[i] && n == 0; i++) {
		char *a = join(dir, assembly_dirs[i]);

		if (!a || templates_in(a, &t, &n) < 0) {
			free(a);
			free_templates(t, n);
			iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
			return NULL;
		}
		free(a);
	}
	if (n)
		p = iam_amplify_project_from_templates(dir, t, n, region, account, err);
	free_templates(t, n);
	return p;
}

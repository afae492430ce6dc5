/* lint_conformance.c - iamgate lint against IAM Access Analyzer itself.
 *
 * usage: lint-conformance CORPUS_DIR [--verbose]
 *
 * CORPUS_DIR is ../shared/corpus.  For every policy in
 * aws-managed-findings/ (NAME.input.json, the exact text MAMIP sent to
 * ValidatePolicy with policyType IDENTITY_POLICY), lint it as an identity
 * policy and compare with Access Analyzer's findings beside it (NAME.json):
 *  - found: the (policy, code) pairs of Access Analyzer that lint reports
 *    too;
 *  - same path: the pairs for which every Access Analyzer finding of that
 *    code has a lint finding of that code at its first location's path;
 *  - locations: every location of every Access Analyzer finding (a
 *    REDUNDANT_ACTION names each entry of the group, a PASS_ROLE_... the
 *    Action and the Resource entry), matched when a lint finding of that
 *    code lists its path among its own places (the primary or a further
 *    one).
 * Then lint every policy of aws-managed/ that Access Analyzer reported
 * nothing for and count those that get an ERROR or a SECURITY_WARNING.
 *
 * Prints the figures and exits 1 when found < 95%, same path < 90%,
 * locations < LOCATIONS_FLOOR or clean-with-errors > 1%.
 */
#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/diag.h"
#include "core/error.h"
#include "core/json.h"
#include "lint/lint.h"

/* Matched Access Analyzer locations required (of the 343 in the corpus;
 * lint's primary places alone match 234, with the further ones 337). */
#define LOCATIONS_FLOOR 335

struct pair {
	char *policy, *code;
	char **paths;            /* first-location paths of AA's findings */
	size_t npaths;
	bool found, same_path;
};

static struct pair *pairs;
static size_t npairs, cappairs;
static bool verbose;

static struct pair *pair_get(const char *policy, const char *code)
{
	for (size_t i = 0; i < npairs; i++)
		if (strcmp(pairs[i].policy, policy) == 0 &&
		    strcmp(pairs[i].code, code) == 0)
			return &pairs[i];
	if (npairs == cappairs) {
		cappairs = cappairs ? cappairs * 2 : 64;
		pairs = realloc(pairs, cappairs * sizeof(*pairs));
		if (!pairs)
			abort();
	}
	memset(&pairs[npairs], 0, sizeof(pairs[npairs]));
	pairs[npairs].policy = strdup(policy);
	pairs[npairs].code = strdup(code);
	return &pairs[npairs++];
}

/* AA's location path ([{"value": "Statement"}, {"index": 1}, ...]) as a
 * JSON Pointer. */
static void aa_pointer(json_t *path, char *out, size_t len)
{
	size_t i;
	json_t *el;

	out[0] = '\0';
	json_array_foreach(path, i, el) {
		json_t *v = json_object_get(el, "value");
		json_t *k = json_object_get(el, "key");
		json_t *x = json_object_get(el, "index");

		if (json_is_string(v))
			iam_jptr_push(out, len, json_string_value(v));
		else if (json_is_string(k))
			iam_jptr_push(out, len, json_string_value(k));
		else if (json_is_integer(x))
			iam_jptr_push_index(out, len, (size_t)json_integer_value(x));
	}
}

static int lint_file(struct iam_lint *L, const char *file, struct iam_diags *d)
{
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_error err = IAM_ERROR_INIT;
	int rc = -1;

	if (iam_json_load_file(&doc, file, &err) == 0)
		rc = iam_lint_policy(L, &doc, NULL, "", IAM_POLICY_IDENTITY, NULL,
				     d, &err);
	if (rc < 0)
		fprintf(stderr, "lint-conformance: %s: %s\n", file, err.text);
	iam_json_doc_release(&doc);
	return rc;
}

/* Does a finding of code list path among its places? */
static bool has_location(const struct iam_diags *d, const char *code,
			 const char *path)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct iam_diag *g = &d->v[i];

		if (strcmp(g->code, code) != 0)
			continue;
		if (strcmp(g->path, path) == 0)
			return true;
		for (size_t k = 0; k < g->nlocs; k++)
			if (strcmp(g->locs[k].path, path) == 0)
				return true;
	}
	return false;
}

/* Count the locations of one Access Analyzer finding that lint has. */
static void count_locations(const struct iam_diags *d, const char *name,
			    const char *code, json_t *locs, size_t *total,
			    size_t *matched)
{
	size_t i;
	json_t *loc;

	json_array_foreach(locs, i, loc) {
		char ptr[1024];

		aa_pointer(json_object_get(loc, "path"), ptr, sizeof(ptr));
		++*total;
		if (has_location(d, code, ptr))
			++*matched;
		else if (verbose)
			printf("location missed: %s %s %s\n", name, code, ptr);
	}
}

static bool has(const struct iam_diags *d, const char *code, const char *path)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].code, code) == 0 &&
		    (!path || strcmp(d->v[i].path, path) == 0))
			return true;
	return false;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **list_dir(const char *dir, const char *suffix, size_t *n)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (!dp)
		return NULL;
	while ((de = readdir(dp))) {
		size_t l = strlen(de->d_name), s = strlen(suffix);

		if (l <= s || strcmp(de->d_name + l - s, suffix) != 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			v = realloc(v, cap * sizeof(*v));
			if (!v)
				abort();
		}
		v[(*n)++] = strndup(de->d_name, l - s);
	}
	closedir(dp);
	qsort(v, *n, sizeof(*v), name_cmp);
	return v;
}

int main(int argc, char **argv)
{
	char dir[4096], file[4096 + 512];
	struct iam_lint *L;
	char **names, **all;
	size_t nnames, nall, found = 0, same = 0, clean = 0, dirty = 0;
	size_t nlocs = 0, locs_matched = 0;
	double pf, pp, pc;
	int rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: lint-conformance CORPUS_DIR [--verbose]\n");
		return 2;
	}
	verbose = argc > 2 && strcmp(argv[2], "--verbose") == 0;
	L = iam_lint_new(NULL, 0);
	if (!L)
		return 4;
	snprintf(dir, sizeof(dir), "%s/aws-managed-findings", argv[1]);
	names = list_dir(dir, ".input.json", &nnames);
	if (!names || !nnames) {
		fprintf(stderr, "lint-conformance: no findings in %s\n", dir);
		return 2;
	}
	for (size_t i = 0; i < nnames; i++) {
		struct iam_diags d = IAM_DIAGS_INIT;
		json_error_t je;
		json_t *aa, *f;
		size_t k;

		snprintf(file, sizeof(file), "%s/%s.json", dir, names[i]);
		aa = json_load_file(file, 0, &je);
		if (!json_is_array(aa)) {
			fprintf(stderr, "lint-conformance: %s: %s\n", file, je.text);
			return 2;
		}
		snprintf(file, sizeof(file), "%s/%s.input.json", dir, names[i]);
		if (lint_file(L, file, &d) < 0)
			return 4;
		json_array_foreach(aa, k, f) {
			const char *code = json_string_value(json_object_get(f, "issueCode"));
			json_t *loc = json_array_get(json_object_get(f, "locations"), 0);
			struct pair *p;
			char ptr[1024];

			if (!code)
				continue;
			count_locations(&d, names[i], code, json_object_get(f, "locations"),
					&nlocs, &locs_matched);
			aa_pointer(json_object_get(loc, "path"), ptr, sizeof(ptr));
			p = pair_get(names[i], code);
			p->paths = realloc(p->paths, (p->npaths + 1) * sizeof(*p->paths));
			if (!p->paths)
				abort();
			p->paths[p->npaths++] = strdup(ptr);
		}
		for (size_t j = 0; j < npairs; j++) {
			struct pair *p = &pairs[j];

			if (strcmp(p->policy, names[i]) != 0)
				continue;
			p->found = has(&d, p->code, NULL);
			p->same_path = p->found;
			for (size_t m = 0; m < p->npaths; m++)
				if (!has(&d, p->code, p->paths[m]))
					p->same_path = false;
		}
		if (verbose) {
			for (size_t m = 0; m < d.n; m++) {
				bool known = false;

				for (size_t j = 0; j < npairs; j++)
					if (strcmp(pairs[j].policy, names[i]) == 0 &&
					    strcmp(pairs[j].code, d.v[m].code) == 0)
						known = true;
				if (!known)
					printf("extra: %s %s %s %s\n", names[i], d.v[m].code,
					       d.v[m].path, d.v[m].message);
			}
		}
		iam_diags_release(&d);
		json_decref(aa);
	}
	for (size_t j = 0; j < npairs; j++) {
		found += pairs[j].found;
		same += pairs[j].same_path;
		if (verbose && !pairs[j].same_path)
			printf("%s: %s %s (first at %s)\n",
			       pairs[j].found ? "other path" : "missed",
			       pairs[j].policy, pairs[j].code, pairs[j].paths[0]);
	}

	snprintf(dir, sizeof(dir), "%s/aws-managed", argv[1]);
	all = list_dir(dir, ".json", &nall);
	for (size_t i = 0; i < nall; i++) {
		struct iam_diags d = IAM_DIAGS_INIT;
		bool bad = false;

		if (bsearch(&all[i], names, nnames, sizeof(*names), name_cmp))
			continue;
		snprintf(file, sizeof(file), "%s/%s.json", dir, all[i]);
		if (lint_file(L, file, &d) < 0)
			return 4;
		clean++;
		for (size_t m = 0; m < d.n; m++) {
			if (d.v[m].sev != IAM_SEV_ERROR &&
			    d.v[m].sev != IAM_SEV_SECURITY_WARNING)
				continue;
			if (verbose)
				printf("clean policy: %s %s %s %s\n", all[i],
				       d.v[m].code, d.v[m].path, d.v[m].message);
			bad = true;
		}
		dirty += bad;
		iam_diags_release(&d);
	}

	pf = npairs ? 100.0 * (double)found / (double)npairs : 0;
	pp = npairs ? 100.0 * (double)same / (double)npairs : 0;
	pc = clean ? 100.0 * (double)dirty / (double)clean : 0;
	printf("Access Analyzer findings on %zu AWS managed policies: %zu (policy, code) pairs\n",
	       nnames, npairs);
	printf("  found by lint:          %zu/%zu = %.1f%% (required: at least 95%%)\n",
	       found, npairs, pf);
	printf("  at the same JSON path:  %zu/%zu = %.1f%% (required: at least 90%%)\n",
	       same, npairs, pp);
	printf("  locations: %zu/%zu (every place of every finding; required: at least %d)\n",
	       locs_matched, nlocs, LOCATIONS_FLOOR);
	printf("Policies Access Analyzer reported nothing for: %zu\n", clean);
	printf("  with an ERROR or SECURITY_WARNING from lint: %zu/%zu = %.2f%% (required: at most 1%%)\n",
	       dirty, clean, pc);
	if (pf < 95.0 || pp < 90.0 || pc > 1.0 || locs_matched < LOCATIONS_FLOOR)
		rc = 1;
	printf("%d passed, %d failed\n", rc == 0, rc != 0);
	for (size_t j = 0; j < npairs; j++) {
		for (size_t m = 0; m < pairs[j].npaths; m++)
			free(pairs[j].paths[m]);
		free(pairs[j].paths);
		free(pairs[j].policy);
		free(pairs[j].code);
	}
	free(pairs);
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	for (size_t i = 0; i < nall; i++)
		free(all[i]);
	free(all);
	iam_lint_free(L);
	return rc;
}

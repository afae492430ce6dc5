/* cli/cmd_lint.c - iamgate lint: validate policies, directories and templates. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/jobs.h"
#include "cli/cmds.h"
#include "core/catalog.h"
#include "core/configfile.h"
#include "core/diag.h"
#include "core/error.h"
#include "core/json.h"
#include "lint/lint.h"
#include "cli/msg.h"
#include "core/policy.h"
#include "core/sarif.h"
#include "lint/skip.h"

struct lint_opts {
	const char *type, *format, *fail_on, *color, *config, *catalog, *files0;
	bool no_config, legacy_scp, only_policies, list_rules, quiet, follow_links;
	bool amplify_copies;
	unsigned jobs;           /* 0: not given */
};

#define O(f) offsetof(struct lint_opts, f)

/* in --type's message order */
static const char *const lint_types[] = { "identity", "resource", "trust",
					  "boundary", "session", "scp", "rcp",
					  "auto", NULL };

static const struct cmd_option lint_options[] = {
	CMD_CHOICE(0, "type", "TYPE", O(type), lint_types,
		   "identity, resource, trust, boundary, session,\n"
		   "scp, rcp or auto (default: auto, guessed per\n"
		   "policy); policies in templates take the type\n"
		   "of where they stand"),
	CMD_CHOICE(0, "format", "FORMAT", O(format), cmd_formats_sarif,
		   "text, json or sarif (default: text)"),
	CMD_CHOICE(0, "fail-on", "SEVERITY", O(fail_on), cmd_severities,
		   "exit 1 on findings of this severity or worse:\n"
		   "error, security-warning, warning, suggestion\n"
		   "or none (default: error)"),
	CMD_CHOICE(0, "color", "WHEN", O(color), cmd_colors,
		   "auto, always or never (default: auto; honours\n"
		   "NO_COLOR)"),
	CMD_STRING(0, "config", "FILE", O(config),
		   "suppressions from FILE (default: the nearest\n"
		   ".iamgate.json in the working directory or above)"),
	CMD_FLAG(0, "no-config", O(no_config), "read no .iamgate.json"),
	CMD_STRING(0, "catalog", "FILE", O(catalog),
		   "use this action catalog, not the built-in one"),
	CMD_FLAG(0, "legacy-scp", O(legacy_scp),
		 "check SCPs against the grammar before September\n"
		 "2025 (no Condition, NotAction or ARNs in Allow)"),
	CMD_FLAG(0, "only-policies", O(only_policies),
		 "skip named files that are neither a policy nor\n"
		 "a template, as a directory walk does"),
	CMD_FLAG(0, "amplify-copies", O(amplify_copies),
		 "also lint the copies of an Amplify project's\n"
		 "templates in #current-cloud-backend/ and in\n"
		 "backend/awscloudformation/build/ (default: each\n"
		 "template once, in its resource's folder)"),
	CMD_FLAG(0, "follow-symlinks", O(follow_links),
		 "in a directory, follow symbolic links that lead\n"
		 "out of it too (default: only those inside it;\n"
		 "each directory is read once either way)"),
	CMD_STRING(0, "files0-from", "FILE", O(files0),
		   "also lint the files named in FILE (- for standard\n"
		   "input), NUL-separated as git's -z writes them;\n"
		   "names that are gone, or not .json, .template,\n"
		   ".yaml or .yml, are passed over"),
	{ .kind = CMD_OPT_FLAG, .long_name = "list-rules", .off = O(list_rules),
	  .flags = CMD_OPT_STOP, .help = "list every code lint reports, and exit" },
	CMD_NUMBER('j', "jobs", "N", O(jobs), 1, CMD_JOBS_MAX,
		   "lint N files at a time (default: one per\n"
		   "processor, at most 8)"),
	CMD_FLAG('q', "quiet", O(quiet),
		 "print no findings and no summary; the exit\n"
		 "status tells"),
	CMD_HELP_OPTION,
	CMD_END,
};

static const struct cmd_command lint_command = {
	.name = "lint",
	.usage = "iamgate lint [PATH...|-] [options]",
	.about =
		"Check IAM policies with IAM Access Analyzer's checks, offline: files,\n"
		"directories (recursively: .json and .template files that hold a policy\n"
		"or a CloudFormation template), or standard input (-).  Without PATH:\n"
		"the current directory.  Findings are printed like a compiler's:\n"
		"FILE:LINE:COL: SEVERITY: CODE: MESSAGE.  In an Amplify project the\n"
		"CLI's data files and the copies of templates are skipped, and each\n"
		"custom-policies.json is linted as a list of statements.  A walk ends\n"
		"with a count of the files checked and skipped, by reason.\n",
	.options = lint_options,
	.footer =
		"exit status: 0 no finding at or above --fail-on, 1 some, 2 usage error,\n"
		"3 a path or the config cannot be read, 4 internal error.\n",
};

void cmd_lint_usage(FILE *f)
{
	cmd_help(&lint_command, f);
}

/* One file to lint, found by the walk; its result. */
struct item {
	char *path;
	bool discovered;         /* found in a directory, not named */
	unsigned from;           /* where the part the walk found begins */
	bool unreadable;         /* err says why */
	enum iam_lint_skip skipped;  /* not linted, and why */
	struct iam_error err;
};

struct run {
	enum iam_policy_type type;
	bool only_policies;
	unsigned skip;           /* the skip set (lint/skip.h) */
	bool walked;             /* a directory or --files0-from was read */
	size_t hidden;           /* entries passed over by their name */
	const struct iam_catalog *cat;
	unsigned flags;
	struct item *items;
	size_t nitems, capitems;
	atomic_size_t next;      /* the next item a worker takes */
	bool unreadable;
	bool nomem;
	/* the directory walk: each directory once, by device and inode; a
	 * symbolic link followed only into the tree being walked (root),
	 * unless follow_links; what is passed over, counted */
	bool follow_links;
	const char *root;        /* realpath of the walk's top directory */
	struct { dev_t dev; ino_t ino; } *seen;
	size_t nseen, capseen;
	size_t special, outside;
};

/* A worker lints items with its own linter (its caches are not shared)
 * into its own findings list. */
struct worker {
	struct run *R;
	struct iam_lint *L;
	struct iam_diags diags;
	bool nomem;
};

static bool has_ext(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcasecmp(name + n - 5, ".json") == 0) ||
	       (n > 9 && strcasecmp(name + n - 9, ".template") == 0);
}

/* Might a file that does not parse have been meant as a policy? */
static bool looks_like_policy(const char *text)
{
	return text && (strstr(text, "\"Statement\"") || strstr(text, "\"Resources\""));
}

/* Why a file a walk found (or --only-policies) is not linted, now that it
 * is read: an Amplify data file that holds no policy, or no policy nor
 * template at all; or NONE. */
static enum iam_lint_skip skip_parsed(const struct run *R, const char *file,
				      json_t *root)
{
	enum iam_lint_kind kind = iam_lint_classify(root);

	bool data = (R->skip & (1u << IAM_LINT_SKIP_AMPLIFY_DATA)) &&
		    (kind == IAM_LINT_KIND_OTHER || !json_is_object(root)) &&
		    iam_lint_amplify_data(file);  /* tags.json is an array */

	if (data)
		return IAM_LINT_SKIP_AMPLIFY_DATA;
	return kind == IAM_LINT_KIND_OTHER ? IAM_LINT_SKIP_NOT_POLICY : IAM_LINT_SKIP_NONE;
}

static void lint_item(struct worker *W, struct item *it)
{
	struct run *R = W->R;
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_error err = IAM_ERROR_INIT;
	const char *file = it->path;
	const char *display = strcmp(file, "-") == 0 ? "<stdin>" : file;

	if (it->skipped)
		return;  /* by its name, in the walk */
	if ((it->discovered || R->only_policies) && strcmp(file, "-") != 0 &&
	    (it->skipped = iam_lint_skip_copy(file, it->from, R->skip)))
		return;
	if (iam_json_load_file(&doc, file, &err) < 0) {
		if (err.code == IAM_ERR_JSON) {
			FILE *f;
			char head[65536];
			size_t n = 0;

			if (it->discovered && (f = fopen(file, "rb"))) {
				n = fread(head, 1, sizeof(head) - 1, f);
				if (ferror(f))	/* say it, as if a policy */
					n = (size_t)snprintf(head, sizeof(head), "\"Statement\"");
				fclose(f);
			}
			head[n] = '\0';
			if ((it->discovered || R->only_policies) && iam_lint_yaml_name(file))
				it->skipped = IAM_LINT_SKIP_YAML;
			else if (it->discovered && !looks_like_policy(head))
				it->skipped = IAM_LINT_SKIP_NOT_JSON;
			else if (iam_diags_add(&W->diags, IAM_SEV_ERROR,
					  "JSON_SYNTAX_ERROR", display, "",
					  err.line, err.column, NULL, -1,
					  "%s", err.text) < 0)
				W->nomem = true;
		} else if (err.code == IAM_ERR_NOMEM) {
			W->nomem = true;
		} else {
			it->unreadable = true;
			it->err = err;
		}
		goto out;
	}
	if (iam_lint_amplify_custom_policies(file) && json_is_array(doc.root)) {
		int r = iam_lint_statement_list(W->L, &doc, &W->diags, &err);

		if (r < 0)
			W->nomem = true;
		else if (r == 1)
			it->skipped = IAM_LINT_SKIP_PLACEHOLDER;
		goto out;
	}
	if (it->discovered || R->only_policies) {
		it->skipped = skip_parsed(R, file, doc.root);
		if (it->skipped)
			goto out;
	}
	if (iam_lint_doc(W->L, &doc, R->type, &W->diags, &err) < 0)
		W->nomem = true;
out:
	iam_json_doc_release(&doc);
}

static void *work(void *arg)
{
	struct worker *W = arg;
	struct run *R = W->R;

	for (;;) {
		size_t i = atomic_fetch_add(&R->next, 1);

		if (i >= R->nitems)
			break;
		lint_item(W, &R->items[i]);
	}
	return NULL;
}

static void add_item(struct run *R, const char *path, bool discovered,
		     size_t from)
{
	if (R->nitems == R->capitems) {
		size_t cap = R->capitems ? R->capitems * 2 : 64;
		struct item *v = realloc(R->items, cap * sizeof(*v));

		if (!v) {
			R->nomem = true;
			return;
		}
		R->items = v;
		R->capitems = cap;
	}
	memset(&R->items[R->nitems], 0, sizeof(R->items[R->nitems]));
	R->items[R->nitems].path = strdup(path);
	R->items[R->nitems].discovered = discovered;
	R->items[R->nitems].from = (unsigned)from;
	if (!R->items[R->nitems].path)
		R->nomem = true;
	else
		R->nitems++;
}

/* A file of lint's kinds that the walk does not read: counted. */
static void add_skipped(struct run *R, const char *path, enum iam_lint_skip why)
{
	size_t n = R->nitems;

	add_item(R, path, true, 0);
	if (R->nitems > n)
		R->items[n].skipped = why;
}

static int name_order(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Has the walk been in the directory sb is?  If not, it is now. */
static bool seen_dir(struct run *R, const struct stat *sb)
{
	for (size_t i = 0; i < R->nseen; i++)  /* directories, not files: few */
		if (R->seen[i].dev == sb->st_dev && R->seen[i].ino == sb->st_ino)
			return true;
	if (R->nseen == R->capseen) {
		size_t cap = R->capseen ? 2 * R->capseen : 64;
		void *v = realloc(R->seen, cap * sizeof(*R->seen));

		if (!v) {
			R->nomem = true;
			return true;
		}
		R->seen = v;
		R->capseen = cap;
	}
	R->seen[R->nseen].dev = sb->st_dev;
	R->seen[R->nseen++].ino = sb->st_ino;
	return false;
}

/* Does the symbolic link path lead into the tree being walked? */
static bool link_inside(const struct run *R, const char *path)
{
	char *real = realpath(path, NULL);
	size_t n = strlen(R->root);
	bool in = real && strncmp(real, R->root, n) == 0 &&
		  (real[n] == '/' || real[n] == '\0' || (n == 1 && R->root[0] == '/'));

	free(real);
	return in;
}

/* Is the entry passed over by its name: hidden ('.' or '#', but an
 * Amplify project's #current-cloud-backend, which is counted file by
 * file), or node_modules? */
static bool passed_over(const char *name)
{
	if (strcmp(name, "#current-cloud-backend") == 0)
		return false;
	return name[0] == '.' || name[0] == '#' || strcmp(name, "node_modules") == 0;
}

/* from: where the part below the walk's top directory begins. */
static void walk_dir(struct run *R, const char *dir, int depth, size_t from)
{
	struct dirent **names;
	int n;

	if (depth > 64)
		return;
	n = scandir(dir, &names, NULL, name_order);
	if (n < 0) {
		iam_msg_error("cannot read directory '%s': %s", dir, strerror(errno));
		R->unreadable = true;
		return;
	}
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		size_t len = strlen(dir) + strlen(name) + 2;
		char *path = malloc(len);
		struct stat sb, lsb;

		if (!path) {
			R->nomem = true;
		} else if (passed_over(name)) {
			if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0)
				R->hidden++;
		} else {
			snprintf(path, len, "%s%s%s", dir,
				 dir[strlen(dir) - 1] == '/' ? "" : "/", name);
			if (lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode) &&
			    !R->follow_links && !link_inside(R, path)) {
				R->outside++;
			} else if (stat(path, &sb) == 0) {
				if (S_ISDIR(sb.st_mode)) {
					if (!seen_dir(R, &sb))
						walk_dir(R, path, depth + 1, from);
				} else if (S_ISREG(sb.st_mode)) {
					if (has_ext(name))
						add_item(R, path, true, from);
					else if (iam_lint_yaml_name(name))
						add_skipped(R, path, IAM_LINT_SKIP_YAML);
				} else {
					R->special++;  /* a FIFO, socket or device: never opened */
				}
			}
		}
		free(path);
		free(names[i]);
	}
	free(names);
}

static void walk_path(struct run *R, const char *path)
{
	struct stat sb;

	if (strcmp(path, "-") == 0) {
		add_item(R, path, false, 0);
		return;
	}
	if (stat(path, &sb) < 0) {
		iam_msg_error("cannot read '%s': %s", path, strerror(errno));
		R->unreadable = true;
		return;
	}
	if (S_ISDIR(sb.st_mode)) {
		char *root = realpath(path, NULL);

		if (!root) {
			iam_msg_error("cannot read '%s': %s", path, strerror(errno));
			R->unreadable = true;
			return;
		}
		R->root = root;
		R->walked = true;
		if (!seen_dir(R, &sb))
			walk_dir(R, path, 0, strlen(path));
		R->root = NULL;
		free(root);
	} else if (S_ISREG(sb.st_mode)) {
		add_item(R, path, false, 0);
	} else {
		/* named, so said: a FIFO would block the run */
		iam_msg_error("'%s' is not a regular file or a directory", path);
		R->unreadable = true;
	}
}

/* Lint every item with njobs workers; their findings into out. */
static int lint_items(struct run *R, unsigned njobs, struct iam_diags *out)
{
	struct worker *w;
	int rc = 0;

	if (njobs > R->nitems)
		njobs = R->nitems ? (unsigned)R->nitems : 1;
	w = calloc(njobs, sizeof(*w));
	if (!w)
		return -1;
	atomic_init(&R->next, 0);
	for (unsigned i = 0; i < njobs; i++) {
		w[i].R = R;
		w[i].L = iam_lint_new(R->cat, R->flags);
		if (!w[i].L)
			rc = -1;
	}
	if (rc == 0)
		cmd_jobs_run(njobs, work, w, sizeof(*w));
	for (unsigned i = 0; i < njobs; i++) {
		struct iam_diags *d = &w[i].diags;

		if (w[i].nomem || d->nomem)
			rc = -1;
		if (rc == 0 && iam_diags_take(out, d) < 0)
			rc = -1;
		iam_diags_release(d);
		iam_lint_free(w[i].L);
	}
	free(w);
	return rc;
}

static void print_text(const struct iam_diag *d, bool color)
{
	const char *on = "", *off = "";

	if (color) {
		off = iam_sgr_reset;
		on = d->sev == IAM_SEV_ERROR ? iam_sgr_red
		     : d->sev == IAM_SEV_SUGGESTION ? iam_sgr_cyan
						     : iam_sgr_magenta;
	}
	iam_out(stdout, "%s", d->source ? d->source : "<stdin>");
	if (d->line > 0)
		iam_out(stdout, ":%d:%d", d->line, d->column);
	iam_out(stdout, ": %s%s%s: %s: %s", on, iam_severity_name(d->sev), off,
	       d->code, d->message);
	/* the further places, on the same line: line:column, or the JSON
	 * Pointer of one without a position */
	for (size_t i = 0; i < d->nlocs; i++) {
		const struct iam_diag_loc *l = &d->locs[i];

		fputs(i ? ", " : " (also ", stdout);
		if (l->line > 0)
			iam_out(stdout, "%d:%d", l->line, l->column);
		else
			iam_out(stdout, "%s", l->path);
	}
	fputs(d->nlocs ? ")\n" : "\n", stdout);
}


/* What the run checked and skipped. */
struct tally {
	size_t checked, skipped;
	size_t by[IAM_LINT_SKIP_N];
};

static void tally(const struct run *R, struct tally *t)
{
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < R->nitems; i++) {
		const struct item *it = &R->items[i];

		if (it->skipped) {
			t->skipped++;
			t->by[it->skipped]++;
		} else if (!it->unreadable) {
			t->checked++;
		}
	}
}

/* The tally as JSON: {"checked": N, "skipped": N, "skippedFor":
 * {"amplify-data": N, ...}, "passedOver": N}; for SARIF's property bag,
 * "filesChecked" and "filesSkipped" for the first two. */
static json_t *tally_json(const struct run *R, const struct tally *t, bool sarif)
{
	json_t *by = json_object();

	for (int r = IAM_LINT_SKIP_NONE + 1; by && r < IAM_LINT_SKIP_N; r++)
		if (t->by[r] && json_object_set_new(by, iam_lint_skip_name((enum iam_lint_skip)r),
						    json_integer((json_int_t)t->by[r])) < 0) {
			json_decref(by);
			return NULL;
		}
	return json_pack("{s:I, s:I, s:o, s:I}",
			 sarif ? "filesChecked" : "checked", (json_int_t)t->checked,
			 sarif ? "filesSkipped" : "skipped", (json_int_t)t->skipped,
			 "skippedFor", by, "passedOver", (json_int_t)R->hidden);
}

/* The text summary, the last line on standard error: "checked 3 files,
 * skipped 4 (amplify-data 3, not-a-policy 1); passed over 1 hidden or
 * node_modules entry". */
static void print_tally(const struct run *R, const struct tally *t)
{
	char buf[1024];
	size_t n = 0;
	const char *sep = " (";

	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "checked %zu file%s, skipped %zu",
			      t->checked, t->checked == 1 ? "" : "s", t->skipped);
	for (int r = IAM_LINT_SKIP_NONE + 1; r < IAM_LINT_SKIP_N && n < sizeof(buf); r++) {
		if (!t->by[r])
			continue;
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s %zu", sep,
				      iam_lint_skip_name((enum iam_lint_skip)r), t->by[r]);
		sep = ", ";
	}
	if (*sep == ',' && n < sizeof(buf))
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, ")");
	if ((t->by[IAM_LINT_SKIP_CURRENT_CLOUD] || t->by[IAM_LINT_SKIP_BUILD_COPY]) &&
	    n < sizeof(buf))
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "; --amplify-copies lints the copies");
	if (R->hidden && n < sizeof(buf))
		snprintf(buf + n, sizeof(buf) - n, "; passed over %zu hidden or node_modules entr%s",
			 R->hidden, R->hidden == 1 ? "y" : "ies");
	fflush(stdout);  /* after the findings, where both streams are one */
	fprintf(stderr, "iamgate: %s\n", buf);
}

static int print_json(const struct iam_diag *v, size_t n, json_t *summary)
{
	json_t *arr = json_array(), *o;
	int rc;

	for (size_t i = 0; arr && i < n; i++)
		if (json_array_append_new(arr, cmd_diag_json(&v[i])) < 0) {
			json_decref(arr);
			json_decref(summary);
			return -1;
		}
	o = json_pack("{s:o, s:o}", "findings", arr, "summary", summary);
	if (!o)
		return -1;
	rc = json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(o);
	return rc;
}

/* The tally goes into the run's invocation, as its properties. */
static int print_sarif(const struct iam_diag *v, size_t n, json_t *summary,
		       bool ok)
{
	json_t *log = iam_sarif_log(iam_lint_rule_table(), v, n, PACKAGE_VERSION);
	int rc;

	if (!log || iam_sarif_set_invocation(log, ok, summary) < 0) {
		if (!log)
			json_decref(summary);
		json_decref(log);
		return -1;
	}
	rc = json_dumpf(log, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(log);
	return rc;
}

/* The findings and the summary in the chosen format.  0, or -1 when the
 * output cannot be written. */
static int print_all(const struct lint_opts *o, const struct run *R,
		     const struct iam_diags *d)
{
	struct tally t;
	int w = 0;

	tally(R, &t);
	if (strcmp(o->format, "json") == 0) {
		w = print_json(d->v, d->n, tally_json(R, &t, false));
	} else if (strcmp(o->format, "sarif") == 0) {
		w = print_sarif(d->v, d->n, tally_json(R, &t, true), !R->unreadable);
	} else {
		bool color = iam_use_color(o->color, stdout);

		for (size_t i = 0; i < d->n; i++)
			print_text(&d->v[i], color);
		if (R->walked || t.skipped || R->hidden)
			print_tally(R, &t);
	}
	return w < 0 || fflush(stdout) != 0 || ferror(stdout) ? -1 : 0;
}

static void list_rules(void)
{
	size_t n;
	const struct iam_rule *r = iam_lint_rules(&n);

	for (size_t i = 0; i < n; i++)
		iam_out(stdout, "%-62s %-16s %s%s\n", r[i].code, iam_severity_code(r[i].sev),
		       r[i].summary, r[i].aa ? "" : " [iamgate]");
}

/* Does name end in one of lint's file kinds? */
static bool lintable_name(const char *name)
{
	static const char *const ends[] = { ".json", ".template", ".yaml", ".yml", NULL };
	size_t n = strlen(name);

	for (size_t i = 0; ends[i]; i++) {
		size_t e = strlen(ends[i]);

		if (n > e && strcmp(name + n - e, ends[i]) == 0)
			return true;
	}
	return false;
}

/* --files0-from FILE: every NUL-separated name of a lintable kind that is
 * a regular file now, in order.  0, or -1 after a message. */
static int files0_walk(struct run *R, const char *file)
{
	FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
	char *name = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;

	if (!f) {
		iam_msg_error("%s: cannot open: %s", file, strerror(errno));
		return -1;
	}
	R->walked = true;
	while ((len = getdelim(&name, &cap, '\0', f)) > 0) {
		struct stat sb;

		if (name[len - 1] == '\0')
			len--;
		name[len] = '\0';
		if (!len || !lintable_name(name) || stat(name, &sb) < 0 || !S_ISREG(sb.st_mode))
			continue;
		walk_path(R, name);
	}
	if (ferror(f)) {
		iam_msg_error("%s: cannot read: %s", f == stdin ? "<stdin>" : file,
			      strerror(errno));
		rc = -1;
	}
	free(name);
	if (f != stdin)
		fclose(f);
	return rc;
}

int cmd_lint(int argc, char **argv)
{
	struct lint_opts o = { .format = "text", .fail_on = "error", .color = "auto" };
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_catalog *loaded = NULL;
	struct iam_config *config = NULL;
	struct run R = { 0 };
	struct iam_diags diags = IAM_DIAGS_INIT;
	int fail_on = 0, nargs, rc;
	bool failing = false;

	R.type = IAM_POLICY_AUTO;
	rc = cmd_parse(&lint_command, argc, argv, &o, &nargs);
	if (rc != CMD_CONTINUE)
		goto out;
	if (o.list_rules) {
		list_rules();
		rc = IAM_EXIT_OK;
		goto out;
	}
	rc = IAM_EXIT_USAGE;
	if (o.type)
		iam_policy_type_parse(o.type, &R.type);
	fail_on = cmd_severity_index(o.fail_on);
	R.only_policies = o.only_policies;
	R.follow_links = o.follow_links;
	if (o.config && o.no_config) {
		iam_msg_usage("lint", "--config and --no-config exclude each other");
		goto out;
	}
	if (o.catalog) {
		loaded = iam_catalog_load(o.catalog, &err);
		if (!loaded) {
			iam_msg_failure(&err);
			rc = iam_exit_for(&err);
			goto out;
		}
	}
	if (!o.no_config) {
		char *found = o.config ? NULL : iam_config_find(".");

		if (o.config || found) {
			config = cmd_config_load(o.config ? o.config : found, &err);
			free(found);
			if (!config) {
				iam_msg_failure(&err);
				rc = iam_exit_for(&err);
				goto out;
			}
		}
	}
	R.skip = IAM_LINT_SKIP_SETTABLE;
	if (iam_lint_skip_read(config, &R.skip, &err) < 0) {
		iam_msg_failure(&err);
		rc = iam_exit_for(&err);
		goto out;
	}
	rc = IAM_EXIT_INTERNAL;
	if (o.amplify_copies)
		R.skip &= ~IAM_LINT_SKIP_COPIES;
	R.cat = loaded;
	R.flags = o.legacy_scp ? IAM_LINT_LEGACY_SCP : 0;
	if (o.files0 && files0_walk(&R, o.files0) < 0) {
		rc = IAM_EXIT_INVALID;
		goto out;
	}
	if (nargs == 0 && !o.files0)
		walk_path(&R, ".");
	for (int i = 0; i < nargs; i++)
		walk_path(&R, argv[i]);
	free(R.seen);
	R.seen = NULL;
	if (R.special)
		iam_msg_warn("passed over %zu file%s that %s FIFOs, sockets or devices", R.special,
			     R.special == 1 ? "" : "s", R.special == 1 ? "is one of" : "are");
	if (R.outside)
		iam_msg_warn("passed over %zu symbolic link%s that lead%s out of the directory (--follow-symlinks follows them)",
			     R.outside, R.outside == 1 ? "" : "s", R.outside == 1 ? "s" : "");
	if (!o.jobs)
		o.jobs = cmd_jobs_default();
	if (R.nomem || lint_items(&R, o.jobs, &diags) < 0)
		goto nomem;
	for (size_t i = 0; i < R.nitems; i++) {
		if (R.items[i].unreadable) {
			iam_msg_failure(&R.items[i].err);
			R.unreadable = true;
		}
	}
	iam_lint_sort(&diags);
	if (config)
		iam_diags_drop(&diags, iam_config_suppressed, config);
	for (size_t i = 0; i < diags.n; i++)
		if ((int)diags.v[i].sev <= fail_on && fail_on < 4)
			failing = true;
	if (!o.quiet && print_all(&o, &R, &diags) < 0) {
		iam_msg_error("cannot write the output");
		goto out;
	}
	rc = R.unreadable ? IAM_EXIT_INVALID : failing ? IAM_EXIT_DENIED : IAM_EXIT_OK;
	goto out;
nomem:
	iam_msg_error("out of memory");
	rc = IAM_EXIT_INTERNAL;
out:
	iam_diags_release(&diags);
	for (size_t i = 0; i < R.nitems; i++)
		free(R.items[i].path);
	free(R.items);
	iam_config_free(config);
	iam_catalog_free(loaded);
	return rc;
}

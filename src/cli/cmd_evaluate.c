/* cli/cmd_evaluate.c - iamgate evaluate: decide one request, or a batch. */
#include "config.h"

#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "cli/jobs.h"
#include "cli/cmds.h"
#include "cli/live_question.h"
#include "core/buf.h"
#include "core/catalog.h"
#include "core/authz.h"
#include "core/cond.h"
#include "core/context.h"
#include "core/diag.h"
#include "core/error.h"
#include "core/json.h"
#include "cli/decision.h"
#include "cli/msg.h"
#include "core/policy.h"
#include "core/request.h"

struct eval_opts {
	struct cmd_policy_opts pol;
	const char *batch;
	const char *format;
	const char *color;
	bool explain, quiet;
	unsigned jobs;           /* --batch: worker threads (0: not given) */
};

#define O(f) offsetof(struct eval_opts, f)

static const struct cmd_option evaluate_options[] = {
	CMD_INCLUDE(cmd_policy_options, O(pol)),
	CMD_HEADING("output:"),
	CMD_FLAG(0, "explain", O(explain), "every layer and the statements that applied"),
	CMD_STRING(0, "batch", "FILE|-", O(batch),
		   "decide the JSON Lines request file FILE (paths\n"
		   "in it are relative to FILE's directory; for\n"
		   "'-', to the working directory)"),
	CMD_NUMBER('j', "jobs", "N", O(jobs), 1, CMD_JOBS_MAX,
		   "--batch: decide on N threads (default: one\n"
		   "per CPU, at most 8); the output keeps the\n"
		   "order of the file"),
	CMD_CHOICE(0, "format", "text|json", O(format), cmd_formats_text_json,
		   "output format (default: text)"),
	CMD_CHOICE(0, "color", "auto|always|never", O(color), cmd_colors,
		   "color the decision (honours NO_COLOR)"),
	CMD_FLAG('q', "quiet", O(quiet), "print nothing; the exit status tells"),
	CMD_HELP_OPTION,
	CMD_END,
};

static const struct cmd_command evaluate_command = {
	.name = "evaluate",
	.usage =
		"iamgate evaluate ACTION RESOURCE [options]\n"
		"iamgate evaluate --batch FILE|- [-j N] [--explain] [--at TIME] [-q]",
	.about =
		"Decide a request as AWS does: Allowed, ImplicitlyDenied or ExplicitlyDenied.\n"
		"RESOURCE is an ARN, or '*' for an action that takes none.\n",
	.options = evaluate_options,
	.flags = CMD_OPERANDS_TEXT,
	.footer =
		"exit status: 0 allowed (batch: every expect met), 1 denied (batch: an\n"
		"expect not met), 2 usage error, 3 invalid input, 4 internal error.\n",
};

void cmd_evaluate_usage(FILE *f)
{
	cmd_help(&evaluate_command, f);
}

/* ---- output ---- */


/* ---- what a request may have wrong ----
 *
 * A request names one action and one resource.  AWS decides a wildcard
 * action, an action no service has, or a resource that is no ARN as the
 * policies say (usually: nothing matches), so these are warnings, never a
 * change of the decision. */

/* Edit distance of a and b (case-insensitive), or max + 1 when over max. */
static size_t distance(const char *a, const char *b, size_t max)
{
	size_t la = strlen(a), lb = strlen(b), row[128];

	if (lb >= sizeof(row) / sizeof(row[0]) || (la > lb ? la - lb : lb - la) > max)
		return max + 1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0], best;

		row[0] = i;
		best = row[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], cost = tolower((unsigned char)a[i - 1]) !=
						  tolower((unsigned char)b[j - 1]);
			size_t v = diag + cost;

			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			diag = up;
			row[j] = v;
			if (v < best)
				best = v;
		}
		if (best > max)
			return max + 1;
	}
	return row[lb];
}

/* The warnings for action and resource, each handed to say(arg, text). */
static void request_doubts(const char *action, const char *resource,
			   void (*say)(void *arg, const char *text), void *arg)
{
	const struct iam_catalog *cat = iam_catalog_default();
	const char *colon = strchr(action, ':');
	struct iam_cat_service svc;
	struct iam_cat_action act;
	struct iam_buf b = IAM_BUF_INIT;

	if (strpbrk(action, "*?")) {
		iam_buf_addf(&b, "the action '%s' has a wildcard: a request names one action, "
			     "and its '*' or '?' is matched as a plain character", action);
	} else if (colon && !iam_catalog_find_action(cat, action, &act)) {
		char prefix[64];
		size_t n = (size_t)(colon - action);

		snprintf(prefix, sizeof(prefix), "%.*s", (int)(n < 63 ? n : 63), action);
		if (!iam_catalog_find_service(cat, prefix, &svc)) {
			iam_buf_addf(&b, "unknown action '%s': no service has the prefix '%s' "
				     "in the action catalog", action, prefix);
		} else {
			const char *best = NULL;
			size_t bestd = 3;

			for (size_t i = 0; i < svc.nactions; i++)
				if (iam_catalog_service_action(&svc, i, &act)) {
					size_t d = distance(colon + 1, act.name, 2);

					if (d < bestd)
						bestd = d, best = act.name;
				}
			iam_buf_addf(&b, "unknown action '%s': %s has no such action", action,
				     svc.prefix);
			if (best)
				iam_buf_addf(&b, " (did you mean %s:%s?)", svc.prefix, best);
		}
	}
	if (b.n && !b.fail)
		say(arg, b.p);
	iam_buf_release(&b);
	if (strcmp(resource, "*") != 0 &&
	    (strncmp(resource, "arn:", 4) != 0 || !strchr(resource + 4, ':'))) {
		iam_buf_addf(&b, "the resource '%s' is not an ARN (nor '*'): "
			     "policies' Resource patterns are matched against it as text", resource);
		if (!b.fail)
			say(arg, b.p);
		iam_buf_release(&b);
	}
}

static void warn_stderr(void *arg, const char *text)
{
	(void)arg;
	iam_msg_warn("%s", text);
}

/* ---- single request ---- */

static int evaluate_one(struct eval_opts *o, const char *action,
			const char *resource)
{
	struct cmd_policies L = { 0 };
	struct iam_policy_set set = { 0 };
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_result res;
	struct iam_request req = { o->pol.principal, action, resource,
				   o->pol.resource_account, &o->pol.ctx, NULL };
	bool color = iam_use_color(o->color, stdout);
	bool ecolor = iam_use_color(o->color, stderr);
	json_t *warnings = NULL;
	int rc = IAM_EXIT_INTERNAL;

	if (strcmp(o->format, "json") == 0)
		L.findings = json_array();
	if (o->pol.live ? cmd_live_principal("evaluate", &o->pol, &L, action, resource, &rc) < 0
			: cmd_profile_principal(&o->pol, &L, &rc) < 0)
		goto out;
	cmd_live_warn_org_gap(&L);
	if ((o->pol.profile || o->pol.live) &&
	    iam_context_derive(&o->pol.ctx, o->pol.principal) < 0)
		goto out;
	req.principal = o->pol.principal;
	rc = IAM_EXIT_INTERNAL;
	if (cmd_policy_set_load(&o->pol, &L, &set, !o->quiet, ecolor) == 0)
		cmd_accounts_resolve(&o->pol, &L, action, resource, true, &set, NULL);
	if (L.nomem)
		goto out;
	if (L.findings && json_array_size(L.findings) && (L.failed || !o->quiet)) {
		json_t *j = json_object();

		if (L.failed)
			json_object_set_new(j, "error", iam_json_text("invalid input: see findings"));
		json_object_set(j, "findings", L.findings);
		if (L.failed) {
			json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			fputc('\n', stdout);
		} else {
			warnings = j;  /* printed with the decision */
			j = NULL;
		}
		json_decref(j);
	}
	if (L.failed) {
		rc = IAM_EXIT_INVALID;
		goto out;
	}

	if (iam_authorize(&set, &req, IAM_AUTHZ_MISSING |
					  (o->explain ? IAM_AUTHZ_EXPLAIN : 0), &res,
			  &err) < 0) {
		iam_msg_failure(&err);
		goto out;
	}
	if (!o->quiet) {
		if (strcmp(o->format, "json") == 0) {
			json_t *j = json_object(), *r = cmd_result_json(&set, &res, o->explain);

			json_object_set_new(j, "action", iam_json_text(action));
			json_object_set_new(j, "resource", iam_json_text(resource));
			if (o->pol.principal)
				json_object_set_new(j, "principal", iam_json_text(o->pol.principal));
			json_object_update(j, r);
			json_decref(r);
			if (warnings)
				json_object_set(j, "findings", json_object_get(warnings, "findings"));
			json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			fputc('\n', stdout);
			json_decref(j);
		} else {
			cmd_result_text(&set, &req, &res, o->explain, color);
			if (!o->explain)
				cmd_note_missing(&res);
		}
	}
	rc = res.decision == IAM_DECISION_ALLOWED ? IAM_EXIT_OK : IAM_EXIT_DENIED;
	iam_result_release(&res);
out:
	if (rc == IAM_EXIT_INTERNAL && err.code == IAM_OK)
		iam_msg_error("out of memory");
	json_decref(warnings);
	iam_policy_set_release(&set);
	cmd_policies_release(&L);
	return rc;
}

/* ---- batch ----
 *
 * Lines are read in chunks; the workers (-j) take lines from a chunk
 * through one counter, and write what a line prints into the line's own
 * buffers; then this thread prints the chunk in file order.  Memory is
 * bounded by the chunk, whatever the length of the file: at most
 * CHUNK_LINES lines, and no more lines once CHUNK_BYTES are read (so a
 * file of 50 MB lines holds one at a time). */

#define CHUNK_LINES 512
#define CHUNK_BYTES (4u << 20)

struct bline {
	char *text;              /* the line, without its line break */
	size_t len;
	long lineno;
	bool blank;
	bool too_long;           /* over IAM_JSON_MAX_BYTES: text is NULL */
	struct iam_buf out;      /* for stdout */
	struct iam_buf err;      /* for stderr */
	bool counted, mismatch, invalid, nomem;
};

struct bchunk {
	const struct eval_opts *o;
	struct iam_batch *b;
	struct bline *v;
	size_t n;
	atomic_size_t next;
	int read_errno;          /* errno of a failed read, or 0 */
};

static void emit(struct iam_buf *to, json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);

	if (s) {
		iam_buf_adds(to, s);
		iam_buf_addc(to, '\n');
		free(s);
	} else {
		to->fail = true;
	}
	json_decref(o);
}

/* {"id":ID,"decision":"D"[,"match":B[,"expected":"E"]]} without building
 * a JSON tree; the id is printed as the JSON value it was. */
static void emit_decision(struct iam_buf *to, json_t *id, long lineno,
			  const struct iam_batch_item *it,
			  const struct iam_result *res)
{
	char *ids = id ? json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;

	iam_buf_adds(to, "{\"id\":");
	iam_buf_adds(to, ids ? ids : "null");
	if (!id)
		iam_buf_addf(to, ",\"line\":%ld", lineno);
	iam_buf_addf(to, ",\"decision\":\"%s\"", iam_decision_name(res->decision));
	if (it->has_expect) {
		if (it->expect == res->decision)
			iam_buf_adds(to, ",\"match\":true");
		else
			iam_buf_addf(to, ",\"match\":false,\"expected\":\"%s\"",
				     iam_decision_name(it->expect));
	}
	iam_buf_adds(to, "}\n");
	free(ids);
}

/* The message for a line that could not be read. */
static void line_error(char *msg, size_t size, const struct iam_error *err)
{
	const char *sep = err->path[0] ? ": " : "";

	if (err->source[0] && strncmp(err->source, "line ", 5) != 0 &&
	    err->line > 0)
		snprintf(msg, size, "%s:%d:%d: %s%s%s", err->source, err->line,
			 err->column, err->path, sep, err->text);
	else if (err->source[0] && strncmp(err->source, "line ", 5) != 0)
		snprintf(msg, size, "%s: %s%s%s", err->source, err->path, sep,
			 err->text);
	else if (err->column > 0)
		snprintf(msg, size, "column %d: %s%s%s", err->column, err->path,
			 sep, err->text);
	else
		snprintf(msg, size, "%s%s%s", err->path, sep, err->text);
}

/* Parse, decide and render one line into its buffers. */
/* A batch line's warnings go with its own stderr text, in file order. */
struct batch_doubt {
	struct bline *bl;
	const char *file;
};

static void warn_batch(void *arg, const char *text)
{
	struct batch_doubt *d = arg;

	iam_buf_addf(&d->bl->err, "iamgate: %s:%ld: warning: %s\n", d->file,
		     d->bl->lineno, text);
}

static void decide_line(const struct eval_opts *o, struct iam_batch *b,
			struct bline *bl)
{
	unsigned pflags = o->explain ? 0 : IAM_PARSE_NO_LOCATIONS;
	struct iam_batch_item it;
	struct iam_error err = IAM_ERROR_INIT;
	struct iam_request req;
	struct iam_result res;
	json_t *out;

	bl->counted = true;
	if (bl->too_long) {
		bl->invalid = true;
		iam_buf_addf(&bl->err, "iamgate: %s:%ld: the line is over the %u MiB a request may have\n",
			     strcmp(o->batch, "-") == 0 ? "<stdin>" : o->batch, bl->lineno,
			     (unsigned)(IAM_JSON_MAX_BYTES >> 20));
		if (!o->quiet)
			iam_buf_addf(&bl->out, "{\"id\":null,\"line\":%ld,\"error\":\"the line is over the %u MiB a request may have\"}\n",
				     bl->lineno, (unsigned)(IAM_JSON_MAX_BYTES >> 20));
		return;
	}
	if (iam_batch_parse_line(b, bl->text, bl->len, bl->lineno, pflags, &it,
				 &err) < 0) {
		char msg[2048];

		bl->nomem = err.code == IAM_ERR_NOMEM;
		bl->invalid = true;
		line_error(msg, sizeof(msg), &err);
		if (!o->quiet) {
			out = json_object();
			json_object_set(out, "id", it.id ? it.id : json_null());
			if (!it.id)
				json_object_set_new(out, "line", json_integer(bl->lineno));
			json_object_set_new(out, "error", iam_json_text(msg));
			emit(&bl->out, out);
		}
		/* errors go to stderr even with -q */
		iam_buf_addf(&bl->err, "iamgate: %s:%ld: %s\n",
			     strcmp(o->batch, "-") == 0 ? "<stdin>" : o->batch,
			     bl->lineno, msg);
		iam_batch_item_release(&it);
		return;
	}
	iam_batch_item_request(&it, &req);
	if (!o->quiet) {
		struct batch_doubt d = { bl, strcmp(o->batch, "-") == 0 ? "<stdin>" : o->batch };

		request_doubts(req.action, req.resource, warn_batch, &d);
	}
	if ((o->pol.at && cmd_set_time(&it.ctx, o->pol.at) < 0) ||
	    iam_authorize(&it.set, &req,
			  o->explain ? IAM_AUTHZ_EXPLAIN | IAM_AUTHZ_MISSING : 0,
			  &res, &err) < 0) {
		bl->nomem = true;
		iam_batch_item_release(&it);
		return;
	}
	bl->mismatch = it.has_expect && it.expect != res.decision;
	if (o->quiet) {
		/* nothing to print */
	} else if (!o->explain) {
		/* the common line, written directly: no JSON tree */
		emit_decision(&bl->out, it.id, bl->lineno, &it, &res);
	} else {
		json_t *x = cmd_result_json(&it.set, &res, true);

		out = json_object();
		json_object_set(out, "id", it.id ? it.id : json_null());
		if (!it.id)
			json_object_set_new(out, "line", json_integer(bl->lineno));
		json_object_set_new(out, "decision",
				    iam_json_text(iam_decision_name(res.decision)));
		if (it.has_expect) {
			json_object_set_new(out, "match", json_boolean(!bl->mismatch));
			if (bl->mismatch)
				json_object_set_new(out, "expected",
						    iam_json_text(iam_decision_name(it.expect)));
		}
		json_object_del(x, "decision");
		json_object_update(out, x);
		json_decref(x);
		emit(&bl->out, out);
	}
	iam_result_release(&res);
	iam_batch_item_release(&it);
}

static void *batch_worker(void *arg)
{
	struct bchunk *c = *(struct bchunk **)arg;

	for (;;) {
		size_t i = atomic_fetch_add(&c->next, 1);

		if (i >= c->n)
			break;
		if (!c->v[i].blank)
			decide_line(c->o, c->b, &c->v[i]);
	}
	return NULL;
}

/* Is the first line of a request file UTF-16 (by its byte-order mark, or
 * a NUL as its first or second byte)?  Its byte order, or NULL. */
static const char *utf16_order(const char *line, size_t len)
{
	unsigned char a = len > 0 ? (unsigned char)line[0] : 1;
	unsigned char b = len > 1 ? (unsigned char)line[1] : 1;

	/* without a mark: ASCII text in UTF-16 has a NUL in every other
	 * byte; one NUL alone starts an invalid line instead */
	if ((a == 0xFF && b == 0xFE) ||
	    (len > 3 && a != 0 && b == 0 && line[2] != 0 && line[3] == 0))
		return "little-endian";
	if ((a == 0xFE && b == 0xFF) ||
	    (len > 3 && a == 0 && b != 0 && line[2] == 0 && line[3] != 0))
		return "big-endian";
	return NULL;
}

/* A line over the request limit is skipped to its newline, but a line
 * that has not ended this far past the limit is taken to be endless
 * (/dev/zero): the run stops there. */
#define ENDLESS_BYTES (256u << 20)

enum line_read { LINE_OK, LINE_EOF, LINE_TOO_LONG, LINE_ENDLESS, LINE_NOMEM };

/* The request file, read in blocks: lines are found with memchr, and a
 * NUL byte is a byte like any other. */
struct line_reader {
	FILE *f;
	size_t pos, end;
	char block[64 * 1024];
};

/* Read one line into *buf (its line break dropped; *len bytes, NUL
 * added), never holding more than IAM_JSON_MAX_BYTES of it: a longer line
 * is read past, not kept (LINE_TOO_LONG).  LINE_EOF at the end of the
 * input or on a read error (ferror tells). */
static enum line_read read_line(struct line_reader *lr, char **buf, size_t *cap,
				size_t *len)
{
	size_t n = 0, skipped = 0;
	bool any = false, over = false;

	for (;;) {
		const char *p, *nl;
		size_t seg;

		if (lr->pos == lr->end) {
			lr->pos = 0;
			lr->end = fread(lr->block, 1, sizeof(lr->block), lr->f);
			if (!lr->end)
				break;
		}
		p = lr->block + lr->pos;
		nl = memchr(p, '\n', lr->end - lr->pos);
		seg = nl ? (size_t)(nl - p) : lr->end - lr->pos;
		lr->pos += seg + (nl != NULL);
		any = true;
		if (!over && n + seg > IAM_JSON_MAX_BYTES)
			over = true;
		if (over) {
			skipped += seg;
			if (skipped > ENDLESS_BYTES)
				return LINE_ENDLESS;
		} else {
			if (n + seg + 1 > *cap) {
				size_t ncap = *cap ? *cap : 4096;
				char *nb;

				while (ncap < n + seg + 1)
					ncap *= 2;
				if (!(nb = realloc(*buf, ncap)))
					return LINE_NOMEM;
				*buf = nb;
				*cap = ncap;
			}
			memcpy(*buf + n, p, seg);
			n += seg;
		}
		if (nl)
			break;
	}
	if (!any)
		return LINE_EOF;
	if (over)
		return LINE_TOO_LONG;
	while (n && (*buf)[n - 1] == '\r')
		n--;
	if (!*buf && !(*buf = malloc(*cap = 1)))
		return LINE_NOMEM;
	(*buf)[n] = '\0';
	*len = n;
	return LINE_OK;
}

/* Read up to CHUNK_LINES lines into c.  Returns how many; *nomem,
 * *endless or *utf16 (the byte order) is set when the input cannot go
 * on. */
static size_t read_chunk(struct line_reader *f, struct bchunk *c, long *lineno, bool *nomem,
			 bool *endless, const char **utf16)
{
	char *line = NULL;
	size_t cap = 0, bytes = 0, len = 0;
	enum line_read r;

	c->n = 0;
	while (c->n < CHUNK_LINES && bytes < CHUNK_BYTES) {
		if ((r = read_line(f, &line, &cap, &len)) == LINE_EOF) {
			if (ferror(f->f))
				c->read_errno = errno ? errno : EIO;
			break;
		}
		{
		struct bline *bl = &c->v[c->n];
		size_t i = 0;

		if (r == LINE_NOMEM) {
			*nomem = true;
			break;
		}
		memset(bl, 0, sizeof(*bl));
		bl->lineno = ++*lineno;
		if (r == LINE_ENDLESS) {
			*endless = true;
			break;
		}
		if (bl->lineno == 1 && r == LINE_OK && (*utf16 = utf16_order(line, len)))
			break;
		if (r == LINE_TOO_LONG) {
			bl->too_long = true;
			c->n++;
			continue;
		}
		/* a UTF-8 byte-order mark before the first line is skipped */
		if (bl->lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
			i = 3;
		/* blank: nothing but spaces and tabs (a NUL is not blank: it
		 * starts an invalid line) */
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		bl->blank = i == len;
		bl->len = len - (bl->lineno == 1 && len >= 3 &&
				 memcmp(line, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0);
		bl->text = malloc(bl->len + 1);
		if (!bl->text) {
			*nomem = true;
			break;
		}
		memcpy(bl->text, line + (len - bl->len), bl->len + 1);
		bytes += bl->len;
		c->n++;
		}
	}
	free(line);
	return c->n;
}

static int evaluate_batch(struct eval_opts *o)
{
	FILE *f = strcmp(o->batch, "-") == 0 ? stdin : fopen(o->batch, "r");
	struct bchunk c = { 0 };
	struct line_reader *lr = NULL;
	struct bchunk *workers[CMD_JOBS_MAX];
	long lineno = 0;
	size_t nerrors = 0, nmismatch = 0, n = 0;
	bool nomem = false, endless = false, read_failed;
	const char *utf16 = NULL;
	const char *name = strcmp(o->batch, "-") == 0 ? "<stdin>" : o->batch;

	if (!f) {
		iam_msg_error("%s: cannot open: %s", o->batch, strerror(errno));
		return IAM_EXIT_INVALID;
	}
	c.o = o;
	lr = malloc(sizeof(*lr));
	if (lr)
		lr->f = f, lr->pos = lr->end = 0;
	c.b = iam_batch_new(o->batch);
	c.v = calloc(CHUNK_LINES, sizeof(*c.v));
	if (!c.b || !c.v || !lr) {
		free(lr);
		iam_msg_error("out of memory");
		if (f != stdin)
			fclose(f);
		iam_batch_free(c.b);
		free(c.v);
		return IAM_EXIT_INTERNAL;
	}
	for (unsigned i = 0; i < o->jobs; i++)
		workers[i] = &c;
	while (!nomem && !endless && !utf16 &&
	       read_chunk(lr, &c, &lineno, &nomem, &endless, &utf16) > 0) {
		atomic_init(&c.next, 0);
		if (o->jobs > 1 && c.n > 1)
			cmd_jobs_run(o->jobs < c.n ? o->jobs : (unsigned)c.n,
				     batch_worker, workers, sizeof(workers[0]));
		else
			batch_worker(&workers[0]);
		for (size_t i = 0; i < c.n; i++) {
			struct bline *bl = &c.v[i];

			nomem = nomem || bl->nomem || bl->out.fail || bl->err.fail;
			if (!nomem) {
				if (bl->out.n)
					fputs(bl->out.p, stdout);
				if (bl->err.n)
					fputs(bl->err.p, stderr);
				n += bl->counted;
				nerrors += bl->invalid;
				nmismatch += bl->mismatch;
			}
			iam_buf_release(&bl->out);
			iam_buf_release(&bl->err);
			free(bl->text);
		}
	}
	free(c.v);
	free(lr);
	read_failed = ferror(f);
	if (read_failed)
		iam_msg_error("%s: cannot read: %s", name,
			      strerror(c.read_errno ? c.read_errno : EIO));
	if (f != stdin)
		fclose(f);
	iam_batch_free(c.b);
	fflush(stdout);
	if (nomem) {
		iam_msg_error("out of memory");
		return IAM_EXIT_INTERNAL;
	}
	if (utf16) {
		iam_msg_error("%s: the file is UTF-16 (%s): save it as UTF-8", name, utf16);
		return IAM_EXIT_INVALID;
	}
	if (endless) {
		iam_msg_error("%s:%ld: the line does not end within %u MiB: stopping", name,
			      lineno, (unsigned)((IAM_JSON_MAX_BYTES + ENDLESS_BYTES) >> 20));
		return IAM_EXIT_INVALID;
	}
	if (read_failed)
		return IAM_EXIT_INVALID;
	if (nerrors || (!o->quiet && nmismatch))
		iam_out(stderr, "iamgate: %s: %zu requests, %zu not as expected, %zu invalid\n",
			o->batch, n, nmismatch, nerrors);
	if (nerrors)
		return IAM_EXIT_INVALID;
	return nmismatch ? IAM_EXIT_DENIED : IAM_EXIT_OK;
}

int cmd_evaluate(int argc, char **argv)
{
	struct eval_opts o = { .color = "auto" };  /* no --format: text */
	bool format_given;
	int nargs, rc;

	rc = cmd_parse(&evaluate_command, argc, argv, &o, &nargs);
	if (rc != CMD_CONTINUE)
		goto out;
	format_given = o.format != NULL;
	if (!format_given)
		o.format = "text";
	rc = IAM_EXIT_USAGE;
	if (cmd_policy_opts_check("evaluate", &o.pol) < 0)
		goto out;
	if (o.batch && o.pol.live) {
		iam_msg_usage("evaluate", "--live decides one request: for --batch, write the account with 'iamgate account fetch -o FILE' and name it in the lines' \"account\"");
		goto out;
	}
	if (o.batch) {
		if (strcmp(o.format, "text") == 0 && format_given) {
			iam_msg_usage("evaluate", "--batch writes JSON Lines: --format text does not apply");
			goto out;
		}
		if (nargs || cmd_policy_opts_any(&o.pol)) {
			iam_msg_usage("evaluate", "--batch takes its requests and policies from the file: give no ACTION, RESOURCE or policy options with it");
			goto out;
		}
		if (!o.jobs)
			o.jobs = cmd_jobs_default();
		rc = evaluate_batch(&o);
		goto out;
	}
	if (o.jobs) {
		iam_msg_usage("evaluate", "--jobs applies to --batch only");
		goto out;
	}
	if (nargs != 2) {
		iam_msg_usage("evaluate", nargs < 2 ? "ACTION and RESOURCE are required"
						    : "too many arguments: give one ACTION and one RESOURCE");
		goto out;
	}
	if (!strchr(argv[0], ':') && strcmp(argv[0], "*") != 0) {
		iam_msg_usage("evaluate", "ACTION '%s' is not of the form service:Action", argv[0]);
		goto out;
	}
	if ((o.pol.at && cmd_set_time(&o.pol.ctx, o.pol.at) < 0) ||
	    (o.pol.principal && iam_context_derive(&o.pol.ctx, o.pol.principal) < 0)) {
		iam_msg_error("out of memory");
		rc = IAM_EXIT_INTERNAL;
		goto out;
	}
	if (!o.quiet)
		request_doubts(argv[0], argv[1], warn_stderr, NULL);
	rc = evaluate_one(&o, argv[0], argv[1]);
out:
	cmd_policy_opts_release(&o.pol);
	return rc;
}

/* core/configfile.c - .iamgate.json: its sections, and the suppressions (core/configfile.h). */
#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "core/diag.h"
#include "core/error.h"
#include "core/json.h"
#include "core/rules.h"
#include "core/configfile.h"

struct entry {
	char **codes;
	size_t ncodes;
	char *file;
	char *sid;
	long stmt;               /* -1: any */
};

struct iam_config {
	char *file;              /* as it was named */
	char *dir;               /* absolute directory of the file */
	char *cwd;               /* the working directory when loaded */
	json_t *root;            /* the document */
	struct entry *v;         /* the suppressions */
	size_t n;
};

/* The sections a .iamgate.json may have. */
static const char *const sections[] = { "suppress", "amplify", "skip", NULL };

char *iam_config_find(const char *dir)
{
	char buf[PATH_MAX], probe[PATH_MAX + 32];

	if (!realpath(dir, buf))
		return NULL;
	for (;;) {
		char *slash;

		snprintf(probe, sizeof(probe), "%s/%s",
			 strcmp(buf, "/") == 0 ? "" : buf, IAM_CONFIG_NAME);
		if (access(probe, F_OK) == 0)
			return strdup(probe);
		slash = strrchr(buf, '/');
		if (!slash || slash == buf) {
			if (strcmp(buf, "/") == 0)
				return NULL;
			buf[1] = '\0';
			continue;
		}
		*slash = '\0';
	}
}

void iam_config_free(struct iam_config *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		for (size_t k = 0; k < c->v[i].ncodes; k++)
			free(c->v[i].codes[k]);
		free(c->v[i].codes);
		free(c->v[i].file);
		free(c->v[i].sid);
	}
	free(c->v);
	free(c->file);
	free(c->dir);
	free(c->cwd);
	json_decref(c->root);
	free(c);
}

/* The rule tables whose codes a suppression may name. */
struct tables {
	const struct iam_rules *const *v;
	size_t n;
};

static bool known_code(const struct tables *t, const char *code)
{
	for (size_t i = 0; i < t->n; i++)
		if (iam_rules_find(t->v[i], code))
			return true;
	return false;
}

static int add_code(struct entry *e, json_t *v, const char *path,
		    const struct tables *t, struct iam_error *err)
{
	const char *s = json_string_value(v);
	char **codes;

	if (!s)
		return iam_error_set(err, IAM_ERR_SCHEMA, path,
				     "\"code\" must be a string or an array of strings");
	if (!known_code(t, s))
		return iam_error_set(err, IAM_ERR_SCHEMA, path,
				     "'%s' is not a code of iamgate %s (see iamgate lint --list-rules and doc/rules/)",
				     s, t->n == 1 ? t->v[0]->pass : "lint or amplify check");
	codes = realloc(e->codes, (e->ncodes + 1) * sizeof(*codes));
	if (!codes)
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	e->codes = codes;
	e->codes[e->ncodes] = strdup(s);
	if (!e->codes[e->ncodes])
		return iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
	e->ncodes++;
	return 0;
}

static int load_entry(struct entry *e, json_t *o, const char *path,
		      const struct tables *t, struct iam_error *err)
{
	const char *key;
	json_t *v;
	char p[256];

	e->stmt = -1;
	if (!json_is_object(o) || !json_object_size(o))
		return iam_error_set(err, IAM_ERR_SCHEMA, path,
				     "a suppression must be an object with \"code\", \"file\", \"sid\" or \"statement\"");
	json_object_foreach(o, key, v) {
		iam_strlcpy_tail(p, path, sizeof(p));
		iam_jptr_push(p, sizeof(p), key);
		if (strcmp(key, "code") == 0) {
			if (json_is_array(v)) {
				for (size_t i = 0; i < json_array_size(v); i++) {
					char q[256];

					iam_strlcpy_tail(q, p, sizeof(q));
					iam_jptr_push_index(q, sizeof(q), i);
					if (add_code(e, json_array_get(v, i), q, t, err) < 0)
						return -1;
				}
			} else if (add_code(e, v, p, t, err) < 0) {
				return -1;
			}
		} else if (strcmp(key, "file") == 0 || strcmp(key, "sid") == 0) {
			char **dst = key[0] == 'f' ? &e->file : &e->sid;

			if (!json_is_string(v))
				return iam_error_set(err, IAM_ERR_SCHEMA, p,
						     "\"%s\" must be a string", key);
			*dst = strdup(json_string_value(v));
			if (!*dst)
				return iam_error_set(err, IAM_ERR_NOMEM, NULL,
						     "out of memory");
		} else if (strcmp(key, "statement") == 0) {
			if (!json_is_integer(v) || json_integer_value(v) < 0)
				return iam_error_set(err, IAM_ERR_SCHEMA, p,
						     "\"statement\" must be a statement's index (0, 1, ...)");
			e->stmt = (long)json_integer_value(v);
		} else if (strcmp(key, "reason") == 0) {
			if (!json_is_string(v))
				return iam_error_set(err, IAM_ERR_SCHEMA, p,
						     "\"reason\" must be a string");
		} else {
			return iam_error_set(err, IAM_ERR_SCHEMA, p,
					     "'%s' is not a member of a suppression: use code, file, sid, statement or reason",
					     key);
		}
	}
	if (!e->ncodes && !e->file && !e->sid && e->stmt < 0)
		return iam_error_set(err, IAM_ERR_SCHEMA, path,
				     "a suppression needs \"code\", \"file\", \"sid\" or \"statement\"");
	return 0;
}

static bool known_section(const char *key)
{
	for (size_t i = 0; sections[i]; i++)
		if (strcmp(key, sections[i]) == 0)
			return true;
	return false;
}

struct iam_config *iam_config_load(const char *file,
				   const struct iam_rules *const *tables,
				   size_t ntables, struct iam_error *err)
{
	const struct tables t = { tables, ntables };
	struct iam_json_doc doc = IAM_JSON_DOC_INIT;
	struct iam_config *c = NULL;
	char buf[PATH_MAX], *slash;
	const char *key;
	json_t *sup, *v;

	if (iam_json_load_file(&doc, file, err) < 0)
		goto fail;
	c = calloc(1, sizeof(*c));
	if (!c) {
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		goto fail;
	}
	if (!realpath(file, buf)) {
		iam_error_set(err, IAM_ERR_IO, NULL, "%s: %s", file, strerror(errno));
		goto fail;
	}
	slash = strrchr(buf, '/');
	if (slash)
		*(slash == buf ? slash + 1 : slash) = '\0';
	c->dir = strdup(buf);
	c->cwd = getcwd(buf, sizeof(buf)) ? strdup(buf) : strdup("/");
	c->file = strdup(file);
	if (!c->dir || !c->cwd || !c->file) {
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		goto fail;
	}
	if (!json_is_object(doc.root)) {
		iam_error_set(err, IAM_ERR_SCHEMA, "", "%s must hold a JSON object",
			      IAM_CONFIG_NAME);
		goto located;
	}
	json_object_foreach(doc.root, key, v) {
		if (!known_section(key)) {
			char p[256] = "";

			iam_jptr_push(p, sizeof(p), key);
			iam_error_set(err, IAM_ERR_SCHEMA, p,
				      "'%s' is not a member of %s: it has \"suppress\", \"skip\" and \"amplify\"",
				      key, IAM_CONFIG_NAME);
			goto located;
		}
	}
	sup = json_object_get(doc.root, "suppress");
	if (sup && !json_is_array(sup)) {
		iam_error_set(err, IAM_ERR_SCHEMA, "/suppress",
			      "\"suppress\" must be an array of suppressions");
		goto located;
	}
	c->v = calloc(json_array_size(sup) + 1, sizeof(*c->v));
	if (!c->v) {
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < json_array_size(sup); i++) {
		char p[64];

		snprintf(p, sizeof(p), "/suppress/%zu", i);
		c->n = i + 1;
		if (load_entry(&c->v[i], json_array_get(sup, i), p, &t, err) < 0)
			goto located;
	}
	c->root = json_incref(doc.root);
	iam_json_doc_release(&doc);
	return c;
located:
	if (err && err->code != IAM_ERR_NOMEM) {
		int line = 0, col = 0;

		iam_json_locate(&doc, err->path, &line, &col);
		iam_error_locate(err, file, line, col);
	}
fail:
	iam_json_doc_release(&doc);
	iam_config_free(c);
	return NULL;
}

/* The absolute, lexically normalized form of a path named from cwd. */
static void absolute(const char *cwd, const char *path, char *out, size_t len)
{
	char tmp[PATH_MAX * 2];
	size_t o = 0;
	const char *p;

	if (path[0] == '/')
		snprintf(tmp, sizeof(tmp), "%s", path);
	else
		snprintf(tmp, sizeof(tmp), "%s/%s", cwd, path);
	out[0] = '\0';
	p = tmp;
	while (*p) {
		const char *s;
		size_t n;

		while (*p == '/')
			p++;
		s = p;
		while (*p && *p != '/')
			p++;
		n = (size_t)(p - s);
		if (n == 0 || (n == 1 && s[0] == '.'))
			continue;
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
			out[o] = '\0';
			continue;
		}
		if (o + n + 2 >= len)
			break;
		out[o++] = '/';
		memcpy(out + o, s, n);
		o += n;
		out[o] = '\0';
	}
	if (!o)
		snprintf(out, len, "/");
}

static bool file_matches(const struct iam_config *c, const char *pattern,
			 const char *source)
{
	char abs[PATH_MAX * 2];
	size_t dl = strlen(c->dir);
	const char *rel, *base;

	if (!source || source[0] == '<')
		return false;
	absolute(c->cwd, source, abs, sizeof(abs));
	if (strcmp(c->dir, "/") == 0)
		rel = abs + 1;
	else if (strncmp(abs, c->dir, dl) == 0 && abs[dl] == '/')
		rel = abs + dl + 1;
	else
		return false;
	if (fnmatch(pattern, rel, 0) == 0)
		return true;
	base = strrchr(rel, '/');
	return !strchr(pattern, '/') && base && fnmatch(pattern, base + 1, 0) == 0;
}

bool iam_config_suppresses(const struct iam_config *c,
				const struct iam_diag *d)
{
	for (size_t i = 0; c && i < c->n; i++) {
		const struct entry *e = &c->v[i];
		bool ok = true;

		if (e->ncodes) {
			ok = false;
			for (size_t k = 0; k < e->ncodes && !ok; k++)
				ok = strcmp(e->codes[k], d->code) == 0;
		}
		if (ok && e->sid)
			ok = d->sid && strcmp(d->sid, e->sid) == 0;
		if (ok && e->stmt >= 0)
			ok = d->stmt == e->stmt;
		if (ok && e->file)
			ok = file_matches(c, e->file, d->source);
		if (ok)
			return true;
	}
	return false;
}

json_t *iam_config_section(const struct iam_config *c, const char *name)
{
	return json_object_get(c->root, name);
}

const char *iam_config_file(const struct iam_config *c)
{
	return c->file;
}

bool iam_config_suppressed(void *config, const struct iam_diag *d)
{
	return iam_config_suppresses(config, d);
}

/* core/sarif.c - findings as SARIF 2.1.0 (core/sarif.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/json.h"
#include "core/rules.h"
#include "core/sarif.h"

static const char *level(enum iam_severity sev)
{
	switch (sev) {
	case IAM_SEV_ERROR:
		return "error";
	case IAM_SEV_SECURITY_WARNING:
	case IAM_SEV_WARNING:
		return "warning";
	case IAM_SEV_SUGGESTION:
		return "note";
	}
	return "error";
}

char *iam_sarif_uri(const char *file)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(file);
	char *r = malloc(3 * n + 1), *o = r;

	if (!r)
		return NULL;
	if (strcmp(file, "<stdin>") == 0) {
		memcpy(r, "stdin", 6);
		return r;
	}
	while (file[0] == '.' && file[1] == '/')
		file += 2;
	for (const unsigned char *p = (const unsigned char *)file; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/!$&'()*+,;=:@", *p)) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return r;
}

/* "PASS_ROLE_WITH_STAR_IN_RESOURCE" -> "PassRoleWithStarInResource" */
static void camel(const char *code, char *out, size_t len)
{
	size_t o = 0;
	bool up = true;

	for (const char *p = code; *p && o + 1 < len; p++) {
		if (*p == '_') {
			up = true;
			continue;
		}
		out[o++] = up ? *p : (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		up = false;
	}
	out[o] = '\0';
}

static json_t *text(const char *s)
{
	return json_pack("{s:o}", "text", iam_json_text(s));
}

static json_t *rule_json(const struct iam_rule *r)
{
	char name[128], full[1024], help[640];
	json_t *o, *props;

	if (r->name)
		snprintf(name, sizeof(name), "%s", r->name);
	else
		camel(r->code, name, sizeof(name));
	if (r->full)
		snprintf(full, sizeof(full), "%s", r->full);
	else
		snprintf(full, sizeof(full), "%s: %s (%s%s)", r->code, r->summary,
			 iam_severity_code(r->sev),
			 r->aa ? ", an IAM Access Analyzer check" : ", an iamgate check");
	snprintf(help, sizeof(help),
		 "%s. The page doc/rules/%s.md of iamgate explains the rule, with an example and the fix.",
		 r->summary, r->code);
	props = json_pack("{s:s}", "precision", "high");
	if (!props)
		return NULL;
	if (r->sev == IAM_SEV_SECURITY_WARNING) {
		json_object_set_new(props, "tags", json_pack("[s,s]", "security", "iam"));
		json_object_set_new(props, "security-severity", iam_json_text("7.5"));
	} else {
		json_object_set_new(props, "tags", json_pack("[s]", "iam"));
	}
	o = json_pack("{s:s, s:s, s:o, s:o, s:o, s:{s:s}, s:o}",
		      "id", r->code, "name", name,
		      "shortDescription", text(r->summary),
		      "fullDescription", text(full),
		      "help", text(help),
		      "defaultConfiguration", "level", level(r->sev),
		      "properties", props);
	return o;
}

/* The result's properties: the Sid, and what the pass attached.  NULL
 * when there are none. */
static json_t *result_props(const struct iam_diag *d)
{
	json_t *p = d->props ? json_deep_copy(d->props) : NULL;

	if (!d->sid)
		return p;
	if (!p)
		p = json_object();
	json_object_set_new(p, "sid", iam_json_text(d->sid));
	return p;
}

/* A SARIF location: the file and the region of the place, its JSON
 * Pointer as the logical location; id >= 0 gives it an id (related
 * locations). */
static json_t *location(const char *uri, const char *path, int line,
			int column, json_int_t id)
{
	json_t *phys = json_pack("{s:{s:s}}", "artifactLocation", "uri", uri), *loc;

	if (!phys)
		return NULL;
	if (line > 0)
		json_object_set_new(phys, "region",
				    json_pack("{s:i, s:i}", "startLine", line,
					      "startColumn", column > 0 ? column : 1));
	loc = json_object();
	if (!loc) {
		json_decref(phys);
		return NULL;
	}
	if (id >= 0)
		json_object_set_new(loc, "id", json_integer(id));
	if (json_object_set_new(loc, "physicalLocation", phys) < 0) {
		json_decref(loc);
		return NULL;
	}
	if (path && *path)
		json_object_set_new(loc, "logicalLocations",
				    json_pack("[{s:o, s:s}]",
					      "fullyQualifiedName", iam_json_text(path),
					      "kind", "member"));
	return loc;
}

/* The finding's further places, as relatedLocations (NULL: none). */
static json_t *related(const struct iam_diag *d, const char *uri)
{
	json_t *a;

	if (!d->nlocs)
		return NULL;
	a = json_array();
	for (size_t i = 0; a && i < d->nlocs; i++) {
		const struct iam_diag_loc *l = &d->locs[i];

		if (json_array_append_new(a, location(uri, l->path, l->line, l->column,
						      (json_int_t)i + 1)) < 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static json_t *result_json(const struct iam_rules *t, const struct iam_diag *d)
{
	const struct iam_rule *r = iam_rules_find(t, d->code);
	char *uri = iam_sarif_uri(d->source ? d->source : "<stdin>");
	json_t *res, *props, *rel;

	if (!uri)
		return NULL;
	res = json_pack("{s:s, s:s, s:o, s:[o]}",
			"ruleId", d->code,
			"level", level(d->sev),
			"message", text(d->message),
			"locations", location(uri, d->path, d->line, d->column, -1));
	rel = res && d->nlocs ? related(d, uri) : NULL;
	free(uri);
	if (!res || (d->nlocs && !rel)) {
		json_decref(res);
		return NULL;
	}
	if (rel)
		json_object_set_new(res, "relatedLocations", rel);
	if (r)
		json_object_set_new(res, "ruleIndex",
				    json_integer((json_int_t)(r - t->v)));
	props = result_props(d);
	if (props)
		json_object_set_new(res, "properties", props);
	return res;
}

json_t *iam_sarif_log(const struct iam_rules *t, const struct iam_diag *v,
		      size_t n, const char *version)
{
	json_t *log = NULL, *jrules = json_array(), *results = json_array();

	if (!jrules || !results)
		goto fail;
	for (size_t i = 0; i < t->n; i++)
		if (json_array_append_new(jrules, rule_json(&t->v[i])) < 0)
			goto fail;
	for (size_t i = 0; i < n; i++)
		if (json_array_append_new(results, result_json(t, &v[i])) < 0)
			goto fail;
	log = json_pack("{s:s, s:s, s:[{s:{s:{s:s, s:s, s:s, s:o}}, s:s, s:o}]}",
			"$schema", "https://json.schemastore.org/sarif-2.1.0.json",
			"version", "2.1.0",
			"runs",
			"tool", "driver", "name", "iamgate",
			"version", version,
			"semanticVersion", version,
			"rules", jrules,
			"columnKind", "unicodeCodePoints",
			"results", results);
	return log;
fail:
	json_decref(jrules);
	json_decref(results);
	return NULL;
}

int iam_sarif_set_invocation(json_t *log, bool ok, json_t *props)
{
	json_t *run = json_array_get(json_object_get(log, "runs"), 0);

	if (!run || !props) {
		json_decref(props);
		return -1;
	}
	return json_object_set_new(run, "invocations",
				   json_pack("[{s:b, s:o}]", "executionSuccessful", ok,
					     "properties", props));
}

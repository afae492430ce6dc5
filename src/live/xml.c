/* live/xml.c - the query protocol's XML answers, read with libxml2.
 *
 * Part of the live layer.  The parser never loads a DTD, never
 * substitutes entities and never reaches the network; a document is
 * bounded by IAM_XML_MAX_BYTES.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "core/error.h"
#include "live/xml.h"

xmlDoc *iam_xml_parse(const char *source, const char *buf, size_t len,
		      struct iam_error *err)
{
	xmlParserCtxtPtr ctx;
	xmlDoc *doc;
	const xmlError *e;

	if (len > IAM_XML_MAX_BYTES || len > (size_t)0x7fffffff) {
		iam_error_set(err, IAM_ERR_LIMIT, NULL, "an answer of %zu bytes is too large", len);
		iam_error_locate(err, source, 0, 0);
		return NULL;
	}
	ctx = xmlNewParserCtxt();
	if (!ctx) {
		iam_error_set(err, IAM_ERR_NOMEM, NULL, "out of memory");
		return NULL;
	}
	doc = xmlCtxtReadMemory(ctx, buf, (int)len, NULL, NULL,
				XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
				XML_PARSE_NOCDATA);
	if (!doc || !xmlDocGetRootElement(doc)) {
		e = xmlCtxtGetLastError(ctx);
		iam_error_set(err, IAM_ERR_SCHEMA, NULL, "the answer is not XML: %s",
			      e && e->message ? e->message : "no root element");
		/* libxml2's messages end in a newline */
		if (err && *err->text && err->text[strlen(err->text) - 1] == '\n')
			err->text[strlen(err->text) - 1] = 0;
		iam_error_locate(err, source, e ? e->line : 0, e ? e->int2 : 0);
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctx);
	return doc;
}

static bool named(const xmlNode *n, const char *name, size_t len)
{
	return n->type == XML_ELEMENT_NODE &&
	       strlen((const char *)n->name) == len &&
	       memcmp(n->name, name, len) == 0;
}

static xmlNode *child_n(const xmlNode *n, const char *name, size_t len)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (named(c, name, len))
			return c;
	return NULL;
}

xmlNode *iam_xml_child(const xmlNode *n, const char *name)
{
	return child_n(n, name, strlen(name));
}

xmlNode *iam_xml_next(const xmlNode *n)
{
	size_t len = strlen((const char *)n->name);

	for (xmlNode *c = n->next; c; c = c->next)
		if (named(c, (const char *)n->name, len))
			return c;
	return NULL;
}

xmlNode *iam_xml_path(const xmlNode *n, const char *path)
{
	const char *p = path, *slash;
	xmlNode *cur = (xmlNode *)n;

	while (cur && *p) {
		slash = strchr(p, '/');
		cur = child_n(cur, p, slash ? (size_t)(slash - p) : strlen(p));
		p = slash ? slash + 1 : "";
	}
	return cur;
}

char *iam_xml_text(const xmlNode *n, const char *path)
{
	xmlNode *e = *path ? iam_xml_path(n, path) : (xmlNode *)n;
	xmlChar *t;
	char *s;

	if (!e)
		return NULL;
	t = xmlNodeGetContent(e);
	s = strdup(t ? (const char *)t : "");
	xmlFree(t);
	return s;
}

static void copy_text(const xmlNode *n, const char *path, char *dst, size_t cap)
{
	char *t = iam_xml_text(n, path);

	if (cap)
		snprintf(dst, cap, "%s", t ? t : "");
	free(t);
}

int iam_xml_error(const xmlDoc *doc, char *code, size_t ncode, char *message,
		  size_t nmessage, char *request_id, size_t nrequest_id)
{
	xmlNode *root = xmlDocGetRootElement((xmlDoc *)doc), *e;

	if (!root)
		return -1;
	e = iam_xml_child(root, "Error");
	if (!e)   /* <Response><Errors><Error>: the EC2-style form */
		e = iam_xml_path(root, "Errors/Error");
	if (!e && named(root, "Error", 5))
		e = root;
	if (!e || !iam_xml_child(e, "Code"))
		return -1;
	copy_text(e, "Code", code, ncode);
	copy_text(e, "Message", message, nmessage);
	copy_text(root, "RequestId", request_id, nrequest_id);
	if (!*request_id)
		copy_text(root, "RequestID", request_id, nrequest_id);
	return 0;
}

/* live/xml.h - the query protocol's XML answers (STS, IAM), read with
 * libxml2.
 *
 * AWS's query protocol answers <ActionResponse><ActionResult>...; lists
 * are <member> elements; errors are <ErrorResponse><Error><Code>.  The
 * parser loads no DTD, expands no entity and never reaches the network
 * (XML_PARSE_NONET), and refuses a document over IAM_XML_MAX_BYTES.
 * Element names are matched by local name, whatever their namespace.
 */
#ifndef IAM_LIVE_XML_H
#define IAM_LIVE_XML_H

#include <stddef.h>

#include <libxml/tree.h>

struct iam_error;

#define IAM_XML_MAX_BYTES ((size_t)64 << 20)

/* Parse an answer.  NULL with err set (IAM_ERR_SCHEMA naming `source`,
 * with the line libxml2 reports; IAM_ERR_LIMIT when too large). */
xmlDoc *iam_xml_parse(const char *source, const char *buf, size_t len,
		      struct iam_error *err);

/* The first child element of n named name (NULL: none). */
xmlNode *iam_xml_child(const xmlNode *n, const char *name);
/* The next sibling element after n named like n (a list's next member). */
xmlNode *iam_xml_next(const xmlNode *n);
/* Follow a path of child names ("AssumeRoleResult/Credentials") from n. */
xmlNode *iam_xml_path(const xmlNode *n, const char *path);
/* The text of the element at path under n, malloc'd ("" for an empty
 * element); NULL when absent (or out of memory). */
char *iam_xml_text(const xmlNode *n, const char *path);

/* An <ErrorResponse> (or <Response><Errors><Error>): its Code and Message
 * copied into the buffers; 0, or -1 when the document is no error. */
int iam_xml_error(const xmlDoc *doc, char *code, size_t ncode, char *message,
		  size_t nmessage, char *request_id, size_t nrequest_id);

#endif /* IAM_LIVE_XML_H */

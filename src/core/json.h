/* core/json.h - JSON documents with their source text, for positions.
 *
 * jansson gives positions only for syntax errors.  A struct iam_json_doc
 * keeps the source text beside the parsed tree, and iam_json_locate() finds
 * the line and column of any element by its JSON Pointer: the first call
 * builds an index of every value in one pass over the text; later calls
 * walk it.  Duplicate object keys are rejected at load time.
 *
 * Lines and columns are 1-based; columns count characters (UTF-8
 * sequences), not bytes.  A UTF-8 byte-order mark at the start is removed
 * at load time (doc->bom says there was one): the first character after
 * it is line 1, column 1, as editors show it.  UTF-16 text is refused.
 */
#ifndef IAM_JSON_H
#define IAM_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

struct iam_error;
struct iam_jindex;

struct iam_json_doc {
	char *source;            /* display name (owned) */
	char *text;              /* the bytes (owned), NUL-terminated */
	size_t len;
	json_t *root;            /* owned reference; NULL once released */
	struct iam_jindex *index;
	bool bom;                /* the bytes began with a UTF-8 byte-order
				  * mark (removed from text) */
	int at_line, at_column;  /* nonzero: every element is located here
				  * (a document parsed from a string of
				  * another file: core/unwrap.h) */
};

#define IAM_JSON_DOC_INIT { NULL, NULL, 0, NULL, NULL, false, 0, 0 }

/* The largest document iamgate reads, in bytes.  IAM's largest policies
 * are tens of kilobytes; this leaves room for CloudFormation templates. */
#define IAM_JSON_MAX_BYTES (16u * 1024 * 1024)

/* Read a file ("-": standard input) and parse it.  On failure returns -1
 * with err set: IAM_ERR_IO (with errno text), IAM_ERR_LIMIT, or IAM_ERR_JSON
 * with the line and column of the syntax error.  The doc is usable for
 * positions only after success. */
int iam_json_load_file(struct iam_json_doc *doc, const char *file,
		       struct iam_error *err);

/* Same for a buffer (copied). */
int iam_json_load_buffer(struct iam_json_doc *doc, const char *source,
			 const char *buf, size_t len, struct iam_error *err);

/* The same with a size limit of max bytes instead of IAM_JSON_MAX_BYTES
 * (account snapshots are larger than any policy). */
int iam_json_load_file_max(struct iam_json_doc *doc, const char *file,
			   size_t max, struct iam_error *err);
int iam_json_load_buffer_max(struct iam_json_doc *doc, const char *source,
			     const char *buf, size_t len, size_t max,
			     struct iam_error *err);

/* Find the position of the element at a JSON Pointer ("" = root).  For an
 * object member the position of its key is given (where an editor should
 * point).  Returns 0 and sets *line and *column (1-based), or -1 when the
 * pointer names nothing (line/column then point at the nearest ancestor).
 * In a document with at_line set, every position is at_line:at_column. */
int iam_json_locate(struct iam_json_doc *doc, const char *pointer, int *line,
		    int *column);

/* The byte range of the value at a JSON Pointer in doc->text.  Returns 0,
 * or -1 when the pointer names nothing. */
int iam_json_span(struct iam_json_doc *doc, const char *pointer, size_t *start,
		  size_t *len);

/* Drop the json_t (keep text and index for positions). */
void iam_json_doc_drop_tree(struct iam_json_doc *doc);

/* Free everything; the doc is IAM_JSON_DOC_INIT afterwards. */
void iam_json_doc_release(struct iam_json_doc *doc);

/* Append a reference token to a JSON Pointer held in buf (escaping '~' and
 * '/').  Returns 0, or -1 when it does not fit. */
int iam_jptr_push(char *buf, size_t size, const char *token);
int iam_jptr_push_index(char *buf, size_t size, size_t index);

/* A JSON type name for messages: "string", "array", ... */
const char *iam_json_type_name(const json_t *v);


/* ---- strings from outside (file names, command-line values) ----
 * Values read from JSON are valid UTF-8 (jansson refuses anything else),
 * but a file name or an argument may hold any bytes.  */

/* The length of the valid UTF-8 sequence at s (at most n bytes) and its
 * code point in *cp, or 0 when the bytes there are not one (an invalid,
 * overlong, surrogate or truncated sequence).  n > 0. */
size_t iam_utf8_next(const unsigned char *s, size_t n, unsigned long *cp);

/* Is the string valid UTF-8? */
bool iam_utf8_valid(const char *s);

/* A JSON string for s that never fails on bytes: valid UTF-8 as it is,
 * each byte that is not part of a valid sequence written as the four
 * characters \xNN (lowercase hex), so that the field is kept and the
 * output stays UTF-8.  NULL for s NULL, or when out of memory. */
json_t *iam_json_text(const char *s);

#endif /* IAM_JSON_H */

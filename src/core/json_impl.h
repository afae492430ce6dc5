/* core/json_impl.h - the position index of a document, for its readers.
 *
 * core/json.c builds it from JSON text on the first iam_json_locate();
 * core/yaml.c builds it while it reads a YAML document, since its text is
 * not JSON.  A node is one value of the tree, in pre-order; an object
 * member is its value's node, with its key.  In an index of JSON text a
 * key is the raw bytes between the quotes (key_off into doc->text); in one
 * that has keys (YAML) it is the key itself, unescaped, at key_off in
 * keys.  Either way a member's key_off is above 0: array elements have
 * key_off and key_len 0.  Ownership: the document owns its index.
 */
#ifndef IAM_JSON_IMPL_H
#define IAM_JSON_IMPL_H

#include <stddef.h>
#include <stdint.h>

struct jnode {
	uint32_t off;              /* byte offset of the value (JSON text) */
	uint32_t line, col;        /* of the value, or of the key for members */
	uint32_t key_off, key_len; /* the key (members) */
	int32_t first_child;       /* -1: none */
	int32_t next;              /* next sibling, -1: none */
};

struct iam_jindex {
	struct jnode *v;
	size_t n, cap;
	char *keys;              /* NULL: keys are in the JSON text */
	size_t keys_len, keys_cap;
	/* cache for sequential array access: child `index` of `parent`, for
	 * the arrays used last (several: /Statement/0/Action/1, then
	 * /Statement/0/Action/2, walk two arrays in turn; an account
	 * snapshot's /RoleDetailList/N/.../Statement/M/Action/K, nested
	 * arrays walked together) */
	struct {
		int32_t parent, node;
		size_t index;
		uint32_t used;   /* when last used (0: empty): the least recent goes */
	} cache[8];
	uint32_t clock;
};

/* An empty index (NULL when out of memory); freed with iam_jindex_free(),
 * or by iam_json_doc_release() once it is the document's. */
struct iam_jindex *iam_jindex_new(void);
void iam_jindex_free(struct iam_jindex *ix);

/* Read a file ("-": standard input) into doc (source, text and len; no
 * tree), as iam_json_load_file() does before it parses.  0, or -1 with
 * err set (IAM_ERR_IO, IAM_ERR_LIMIT, IAM_ERR_NOMEM). */
struct iam_json_doc;
struct iam_error;
int iam_json_read_file(struct iam_json_doc *doc, const char *file,
		       struct iam_error *err);

/* Copy len bytes of buf into doc as its text (source: its name), refused
 * over max bytes; no tree.  0, or -1 with err set (IAM_ERR_LIMIT,
 * IAM_ERR_NOMEM). */
int iam_json_take_text(struct iam_json_doc *doc, const char *source,
		       const char *buf, size_t len, size_t max,
		       struct iam_error *err);

/* Parse what iam_json_read_file() read, as iam_json_load_file() does. */
int iam_json_parse_text(struct iam_json_doc *doc, struct iam_error *err);

#endif /* IAM_JSON_IMPL_H */

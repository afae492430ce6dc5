/* core/yaml.h - YAML CloudFormation templates, read into JSON documents.
 *
 * A YAML template becomes the json_t tree its JSON form would be, in a
 * struct iam_json_doc whose index gives the line and column of every
 * element by JSON Pointer (iam_json_locate()), so that everything that
 * reads a JSON template reads a YAML one the same way.  The short forms
 * of the intrinsic functions are their long forms: !Ref X is
 * {"Ref": "X"}, !GetAtt A.B is {"Fn::GetAtt": ["A", "B"]}, !Condition C
 * is {"Condition": "C"}, and !Sub, !If, !Join, !Select, !Split,
 * !FindInMap, !ImportValue, !Equals, !Not, !And, !Or, !Base64, !Cidr,
 * !GetAZs, !Transform, !Length and !ToJsonString are {"Fn::...": value};
 * the element of the long form is located at the tag.
 *
 * Plain scalars are typed as YAML 1.1 does, but for what CloudFormation
 * leaves out: null (~, null, empty), booleans (true, false, yes, no, on,
 * off, in their three cases), decimal integers and decimals with a point
 * are values; everything else is a string - timestamps too, so that
 * "Version: 2012-10-17" is the string IAM wants, and so are octal and
 * hexadecimal forms and numbers with a leading zero (account IDs).  A
 * quoted or block scalar is always a string.
 *
 * Refused, with the file, line and column (IAM_ERR_YAML): syntax errors
 * (libyaml's word and place; tabs where indentation is), a stream of more
 * than one document, duplicate keys, keys that are not scalars, tags
 * other than the above and YAML's own (!!str, !!int, ...), an alias to an
 * anchor not defined before it, nesting deeper than IAM_YAML_MAX_DEPTH,
 * and aliases that stand for more than IAM_YAML_MAX_ALIASED values in
 * all (an alias is shared, never copied, but every reader after this one
 * walks what it stands for: a "billion laughs" would never end).
 * Merge keys (<<) are plain keys: CloudFormation merges nothing.
 *
 * Ownership: the doc owns what it is given; nothing here prints.
 */
#ifndef IAM_YAML_H
#define IAM_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "core/json.h"

struct iam_error;

#define IAM_YAML_MAX_DEPTH 512
#define IAM_YAML_MAX_ALIASED 100000u

/* Is the file named as YAML (.yaml or .yml, any case)? */
bool iam_yaml_name(const char *name);

/* Does text look like YAML rather than JSON: is its first character,
 * after white space, comments and a byte-order mark, other than '{'
 * and '['?  For names that say neither (.template). */
bool iam_yaml_sniff(const char *text, size_t len);

/* Parse doc->text (doc->len bytes, NUL-terminated; a UTF-8 byte-order
 * mark is removed and doc->bom set) into doc->root and doc->index.
 * source names the file in errors.  0, or -1 with err set
 * (IAM_ERR_YAML, IAM_ERR_NOMEM). */
int iam_yaml_parse(struct iam_json_doc *doc, const char *source,
		   struct iam_error *err);

/* Read a file ("-": standard input) and parse it, as
 * iam_json_load_file() does JSON. */
int iam_yaml_load_file(struct iam_json_doc *doc, const char *file,
		       struct iam_error *err);

/* Read a file as YAML when its name says so (iam_yaml_name()), or when
 * it is a .template that iam_yaml_sniff() finds is YAML; as JSON
 * otherwise (standard input too).  *yaml tells which (may be NULL). */
int iam_yaml_or_json_load_file(struct iam_json_doc *doc, const char *file,
			       bool *yaml, struct iam_error *err);

/* Same for a buffer (copied). */
int iam_yaml_load_buffer(struct iam_json_doc *doc, const char *source,
			 const char *buf, size_t len, struct iam_error *err);

#endif /* IAM_YAML_H */

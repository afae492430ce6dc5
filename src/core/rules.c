/* core/rules.c - finding a rule in a table (core/rules.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/rules.h"

static int rule_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct iam_rule *)elem)->code);
}

const struct iam_rule *iam_rules_find(const struct iam_rules *t, const char *code)
{
	return bsearch(code, t->v, t->n, sizeof(t->v[0]), rule_cmp);
}

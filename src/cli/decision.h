/* cli/decision.h - a decision (core/authz.h) as evaluate shows it. */
#ifndef IAM_CLI_DECISION_H
#define IAM_CLI_DECISION_H

#include <stdbool.h>

#include <jansson.h>

#include "core/authz.h"

/* {"decision": ..., "missingContextValues": [...]}, and with explain
 * "decidedBy", "reason", "crossAccount" and every layer's statements. */
json_t *cmd_result_json(const struct iam_policy_set *set,
			const struct iam_result *res, bool explain);

/* The decision on a line; with explain its reason, the request, every
 * layer and its statements, and the missing context keys. */
void cmd_result_text(const struct iam_policy_set *set, const struct iam_request *req,
		     const struct iam_result *res, bool explain, bool color);

/* One note on stderr per missing context key (without --explain). */
void cmd_note_missing(const struct iam_result *res);

/* "'Name' (ARN) file:LINE Allow Sid 'S'" of one statement, and a newline. */
void cmd_stmt_text(const struct iam_stmt_ref *r);

#endif /* IAM_CLI_DECISION_H */

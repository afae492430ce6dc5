/* cli/settings.c - the .iamgate.json as the commands read it: one file for
 * lint and amplify check, whose suppressions may name either's codes. */
#include "config.h"

#include "amplify/check.h"
#include "cli/cmds.h"
#include "core/configfile.h"
#include "lint/lint.h"

struct iam_config *cmd_config_load(const char *file, struct iam_error *err)
{
	const struct iam_rules *tables[2];

	tables[0] = iam_lint_rule_table();
	tables[1] = iam_amplify_rules();
	return iam_config_load(file, tables, 2, err);
}

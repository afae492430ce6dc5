#!/bin/sh
# embed-managed.sh FILE - print src/embedded_managed.c from
# policies/aws-managed.jsonl (tools/gen-aws-managed.sh writes it): each line,
# one AWS managed policy, as a C string beside its ARN, in ARN order (the
# engine finds a policy by binary search and parses it only when used:
# core/managed.h).  Refuses a file whose lines are not sorted by ARN.
set -e
echo '/* Generated from policies/aws-managed.jsonl by policies/embed-managed.sh: do not edit. */'
echo '#include "config.h"'
echo
echo '#include <stddef.h>'
echo
echo '#include "core/managed_impl.h"'
echo
echo 'const struct iam_managed_blob iam_managed_blobs[] = {'
LC_ALL=C awk '
{
	if (!match($0, /^\{"arn":"[^"\\]*"/)) {
		printf "embed-managed.sh: line %d has no leading \"arn\"\n", NR > "/dev/stderr"
		exit 1
	}
	arn = substr($0, 9, RLENGTH - 9)
	if (NR > 1 && arn <= prev) {
		printf "embed-managed.sh: line %d: %s is not after %s\n", NR, arn, prev > "/dev/stderr"
		exit 1
	}
	prev = arn
	s = $0
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	gsub(/\?/, "\\?", s)
	printf "\t{ \"%s\", \"%s\", %d },\n", arn, s, length($0)
}' "$1"
echo '	{ NULL, NULL, 0 },'
echo '};'

#!/bin/sh
# iamgate lint against IAM Access Analyzer on the AWS managed policies of
# ../shared/corpus (see tests/unit/test_lint_conformance.c): prints the
# share of Access Analyzer's (policy, code) pairs lint finds, at the same
# JSON path, how many of Access Analyzer's locations (every place of every
# finding) lint's findings list, and the share of the policies Access
# Analyzer reported nothing for that lint gives an ERROR or a
# SECURITY_WARNING.  Fails below 95% / 90% / the locations floor or above
# 1%.  Skips when ../shared is absent.
set -u
corpus="${SHARED:-}/corpus"
[ -d "$corpus/aws-managed-findings" ] || { echo "skip: $corpus is absent"; exit 77; }
prog="${LINT_CONFORMANCE:-tests/unit/test_lint_conformance}"
[ -x "$prog" ] || { echo "FAIL: $prog is not built"; exit 1; }
exec "$prog" "$corpus" ${VERBOSE:+--verbose}

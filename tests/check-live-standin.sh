#!/bin/sh
# The self-test of the loopback AWS stand-in the live tests run against
# (tests/live/standin.py): botocore's own clients must parse every answer
# and the stand-in must enforce what AWS enforces (signatures, trust, MFA,
# external ids, expiry, faults retried).  Skips (77) without python3 or
# botocore, or without the openssl command for the test's throwaway CA.
set -u
src=${top_srcdir:-.}/tests
py=${PYTHON3:-python3}
if ! command -v "$py" >/dev/null 2>&1; then
	echo "skip: no $py"
	exit 77
fi
if ! "$py" -c 'import botocore.session' >/dev/null 2>&1; then
	echo "skip: $py has no botocore: install Debian's python3-botocore"
	exit 77
fi
if ! command -v openssl >/dev/null 2>&1; then
	echo "skip: no openssl command"
	exit 77
fi
timeout 120 "$py" "$src/live/selftest.py"

#!/bin/sh
# The differential test of `iamgate profile` against the real AWS CLI v2
# (Debian's awscli; tools/install-deps.sh --ci installs it): the profile
# list, the resolved values, the error for each broken profile and the
# exact AssumeRole parameters the AWS CLI sends to a loopback STS stand-in
# (tests/awscli/differential.py, sts_standin.py).  Skips (77) only when
# `aws` cannot be run.  Nothing leaves 127.0.0.1: the stand-in is the
# HTTPS proxy of every AWS CLI run, and answers every CONNECT itself.
set -u
: "${IAMGATE:?}"
src=${top_srcdir:-.}/tests
aws=${AWS_CLI:-/usr/bin/aws}
if [ ! -x "$aws" ] || ! "$aws" --version >/dev/null 2>&1; then
	echo "skip: the AWS CLI ($aws) cannot be run: install Debian's awscli"
	exit 77
fi
# the Python the AWS CLI runs on: the test imports its vendored botocore
py=$(sed -n '1s/^#! *//p' "$aws")
case $py in
*python*) ;;
*) py=/usr/bin/python3 ;;
esac
for t in openssl setsid; do
	command -v $t >/dev/null 2>&1 || { echo "FAIL: $t is needed"; exit 1; }
done
work=$(mktemp -d) || exit 99
trap 'rm -rf "$work"' EXIT
timeout 600 $py "$src/awscli/differential.py" "$IAMGATE" "$aws" "$src" "$work"

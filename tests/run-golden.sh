#!/bin/sh
# run-golden.sh CASE.cmd - one golden CLI test (curl's testNNN, in small).
#
# CASE.cmd holds the arguments to iamgate on one line (sh syntax; run from
# the directory of the case, so relative paths name files beside it).
# Beside it: CASE.out (expected stdout), CASE.err (expected stderr),
# CASE.rc (expected exit status; 0 when absent), CASE.stdin (standard
# input).  A missing .out or .err means "don't care" for that stream, but
# at least one of .out and .err must exist.  Exit 77 (skip) when the case
# needs ../shared and it is absent (the .cmd mentions $SHARED).
set -u
case_file=$1
dir=$(cd "$(dirname "$case_file")" && pwd)
name=$(basename "$case_file" .cmd)
: "${IAMGATE:?IAMGATE must name the iamgate binary}"

if grep -q 'SHARED' "$case_file" && [ ! -d "${SHARED:-/nonexistent}" ]; then
	echo "skip: ../shared is absent"
	exit 77
fi
if [ ! -f "$dir/$name.out" ] && [ ! -f "$dir/$name.err" ]; then
	echo "FAIL: $name has neither .out nor .err"
	exit 1
fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
args=$(cat "$case_file")
stdin=/dev/null
[ -f "$dir/$name.stdin" ] && stdin="$dir/$name.stdin"
(cd "$dir" && NO_COLOR= eval "\"\$IAMGATE\" $args" <"$stdin" >"$tmp/out" 2>"$tmp/err")
rc=$?
want_rc=0
[ -f "$dir/$name.rc" ] && want_rc=$(cat "$dir/$name.rc")
fail=0
if [ "$rc" != "$want_rc" ]; then
	echo "FAIL: $name: exit status $rc, expected $want_rc"
	fail=1
fi
for s in out err; do
	if [ -f "$dir/$name.$s" ] && ! diff -u "$dir/$name.$s" "$tmp/$s"; then
		echo "FAIL: $name: std$s differs (above)"
		fail=1
	fi
done
[ $fail = 0 ] && echo "ok: $name"
exit $fail

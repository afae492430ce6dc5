#!/bin/sh
# Every command whose standard output cannot be written (/dev/full) exits
# 4 with a message on standard error, never 0 in silence.
set -u
: "${IAMGATE:?IAMGATE must name the iamgate binary}"
top=${top_srcdir:-.}
[ -w /dev/full ] || { echo "skip: no /dev/full"; exit 77; }
ex=$top/policies/examples
pass=0 fail=0
run() { # run WANT ARGS...
	want=$1
	shift
	"$IAMGATE" "$@" >/dev/full 2>"$tmp/err"
	rc=$?
	if [ "$rc" != "$want" ] || ! [ -s "$tmp/err" ]; then
		fail=$((fail + 1))
		echo "FAIL: iamgate $* >/dev/full: exit $rc (expected $want), stderr: $(head -c 200 "$tmp/err")"
	else
		pass=$((pass + 1))
	fi
}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
run 4 --version
run 4 --help
run 4 evaluate --help
run 4 evaluate s3:GetObject '*' -p "$ex/deployer-role.json"
run 4 evaluate s3:GetObject '*' -p "$ex/deployer-role.json" --explain --format json
run 4 evaluate --batch "$top/tests/eval/matching.jsonl"
run 4 expand 's3:Get*'
run 4 lint "$ex"
run 4 lint --format sarif "$ex"
run 4 amplify actions
run 4 amplify check "$ex/amplify-project" -p "$ex/amplify-project/deployer.json"
run 4 hook print
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

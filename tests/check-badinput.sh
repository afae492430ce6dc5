#!/bin/sh
# Bad input never crashes and never passes silently: each case must exit
# with status 3 and name the file (and, where there is one, the place).
# Large but valid input must be answered.  Also runs tests/parse/*/, where
# `input` is a policy and `error` the exact stderr expected.
set -u
: "${IAMGATE:?}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

expect3() { # name file pattern-in-stderr
	"$IAMGATE" evaluate s3:GetObject arn:aws:s3:::b/k -p "$2" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" = 3 ] && grep -q -- "$3" "$tmp/err" && grep -q "$(basename "$2")" "$tmp/err"; then
		pass=$((pass + 1))
	else
		echo "FAIL: $1: exit $rc, stderr:"
		head -c 600 "$tmp/err"
		fail=$((fail + 1))
	fi
}

ok='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'
printf '%s' "$ok" | head -c 60 >"$tmp/truncated.json"
expect3 truncated "$tmp/truncated.json" 'truncated.json:1:'
printf '%s' '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":42,"Resource":"*"}]}' >"$tmp/types.json"
expect3 wrong-type "$tmp/types.json" '/Statement/0/Action'
printf '%s' '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Resorce":"x"}]}' >"$tmp/unknown.json"
expect3 unknown-element "$tmp/unknown.json" 'INVALID_POLICY_ELEMENT'
printf '%s' '{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:*","Resource":"*"}]}' >"$tmp/lower.json"
expect3 lowercase-effect "$tmp/lower.json" 'lower.json:1:.*INVALID_EFFECT'
printf '%s' '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Effect":"Deny","Action":"s3:*","Resource":"*"}]}' >"$tmp/dup.json"
expect3 duplicate-key "$tmp/dup.json" 'duplicate'
printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:\377\376","Resource":"*"}]}' >"$tmp/utf8.json"
expect3 invalid-utf8 "$tmp/utf8.json" 'utf8.json:1:'
printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get\001","Resource":"*"}]}' >"$tmp/ctl.json"
expect3 raw-control-char "$tmp/ctl.json" 'ctl.json:1:'
printf '%s' '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get\u0001","Resource":"*"}]}' >"$tmp/ctlesc.json"
expect3 escaped-control-char "$tmp/ctlesc.json" 'INVALID_CHARACTER'
printf '[null\000]' >"$tmp/nul.json"
expect3 nul-byte "$tmp/nul.json" 'nul.json:1:6: error: JSON_SYNTAX_ERROR: NUL byte'
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]" }' >"$tmp/deep.json"
expect3 deep-nesting "$tmp/deep.json" 'deep.json:1:'
awk 'BEGIN { printf "{\"Version\":\"2012-10-17\",\"Statement\":["; for (i = 0; i < 700000; i++) printf "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b%d/*\"},", i; printf "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}" }' >"$tmp/big.json"
expect3 50MB "$tmp/big.json" 'over the limit'
: >"$tmp/empty.json"
expect3 empty-file "$tmp/empty.json" 'empty.json'
expect3 missing-file "$tmp/does-not-exist.json" 'cannot open'
printf '%s' '[]' >"$tmp/array.json"
expect3 not-an-object "$tmp/array.json" 'must be a JSON object'

# large but valid: 8 MB of statements is decided
awk 'BEGIN { printf "{\"Version\":\"2012-10-17\",\"Statement\":["; for (i = 0; i < 100000; i++) printf "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b%d/*\"},", i; printf "{\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b99999/k\"}]}" }' >"$tmp/large.json"
"$IAMGATE" evaluate s3:GetObject arn:aws:s3:::b99999/k -p "$tmp/large.json" >"$tmp/out" 2>"$tmp/err"
if [ $? = 1 ] && grep -q ExplicitlyDenied "$tmp/out"; then
	pass=$((pass + 1))
else
	echo "FAIL: large valid policy not decided"; head -c 400 "$tmp/err"; fail=$((fail + 1))
fi

# batch: bad lines give error lines, good lines still answered
{
	echo '{"id":1,"action":"s3:GetObject","resource":"*","identityPolicies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}]}'
	echo '{"id":2,"action":"s3:GetObject","resource":"*","identityPolicies":[{"Statement":{"Effect":"Alow"'
	echo 'not json at all'
	echo '{"id":4,"action":"s3:GetObject"}'
	echo '{"id":5,"action":"s3:GetObject","resource":"*","expected":"Allowed"}'
	echo '{"id":6,"action":"s3:GetObject","resource":"*","identityPolicies":["missing-file.json"]}'
	echo '{"id":7,"action":"s3:GetObject","resource":"*","identityPolicies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}],"expect":"Allowed"}'
} >"$tmp/batch.jsonl"
"$IAMGATE" evaluate --batch "$tmp/batch.jsonl" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 3 ] && [ "$(grep -c '"error"' "$tmp/out")" = 5 ] &&
   [ "$(grep -c '"decision":"Allowed"' "$tmp/out")" = 2 ] &&
   grep -q '"line":3' "$tmp/out" && grep -q "unknown field 'expected'" "$tmp/out"; then
	pass=$((pass + 1))
else
	echo "FAIL: batch with bad lines: exit $rc"; cat "$tmp/out"; fail=$((fail + 1))
fi

# tests/parse/CASE/{input,error}: exact messages and positions
for d in "${top_srcdir:-.}"/tests/parse/*/; do
	[ -f "$d/input" ] || continue
	(cd "$d" && "$IAMGATE" evaluate s3:GetObject '*' -p input --color never >/dev/null 2>"$tmp/err")
	rc=$?
	if [ $rc = 3 ] && diff -u "$d/error" "$tmp/err" >/dev/null; then
		pass=$((pass + 1))
	else
		echo "FAIL: $(basename "$d"): exit $rc"
		diff -u "$d/error" "$tmp/err"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]

#!/bin/sh
# Every one of the AWS managed policies in ../shared/corpus parses as an
# identity policy and can be evaluated (a batch of one request per policy,
# with no error line).  Skips when ../shared is absent.
set -u
: "${IAMGATE:?}"
corpus="${SHARED:-}/corpus/aws-managed"
[ -d "$corpus" ] || { echo "skip: $corpus is absent"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
for f in "$corpus"/*.json; do
	printf '{"id":"%s","principal":"arn:aws:iam::111122223333:role/r","action":"s3:GetObject","resource":"arn:aws:s3:::b/k","identityPolicies":["%s"]}\n' \
		"$(basename "$f")" "$f"
	n=$((n + 1))
done >"$tmp/req.jsonl"
"$IAMGATE" evaluate --batch "$tmp/req.jsonl" >"$tmp/out" 2>"$tmp/err"
rc=$?
errors=$(grep -c '"error"' "$tmp/out")
lines=$(grep -c . "$tmp/out")
if [ "$rc" != 0 ] || [ "$errors" != 0 ] || [ "$lines" != "$n" ]; then
	grep '"error"' "$tmp/out" | head -20
	echo "FAIL: $errors of $n managed policies rejected, $lines answers, exit $rc"
	exit 1
fi
echo "$n passed, 0 failed"

#!/bin/sh
# The request-file runner (tests/run-batch.sh) fails when a case's
# "decidedBy" or "matched" is not what --explain says, or an invalid line's
# error text is not the one its .errors file holds, and passes when they
# are.  Without this, a runner that read no annotations would pass every
# file.  KEEP=1 keeps the files it writes.
set -u
: "${IAMGATE:?}"
runner="${top_srcdir:-.}/tests/run-batch.sh"
tmp=$(mktemp -d) || exit 99
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
fail=0

# expect PASS|FAIL NAME FILE: run the runner on FILE
expect() {
	if IAMGATE=$IAMGATE sh "$runner" "$3" >"$tmp/out" 2>&1; then got=PASS; else got=FAIL; fi
	if [ "$got" != "$1" ]; then
		echo "FAIL: $2: the runner said $got, expected $1:"
		cat "$tmp/out"
		fail=1
	fi
}

# a bucket policy naming the role by two statements, one with a Sid; a
# boundary that allows nothing
pol='"resourcePolicy": {"Version": "2012-10-17", "Statement": [{"Sid": "Role", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}, "Action": "s3:*", "Resource": "*"}]}'
bnd='"permissionBoundaries": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]}]'
req='"principal": "arn:aws:sts::111122223333:assumed-role/app/s", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "resourceAccount": "111122223333"'
mkcase() { # mkcase NAME WHY-A WHY-B: NAME.jsonl, an allowed and a boundary-denied line
	{
		echo "{\"id\": \"a\", $req, $pol, \"expect\": \"Allowed\"$2}"
		echo
		echo "{\"id\": \"b\", $req, $pol, $bnd, \"expect\": \"ImplicitlyDenied\"$3}"
	} >"$tmp/$1.jsonl"
}

mkcase right ', "decidedBy": "resource", "matched": [ "Role" , 1 ]' ', "decidedBy": "boundary", "matched": []'
expect PASS "decidedBy and matched as explained" "$tmp/right.jsonl"
mkcase only-by ', "decidedBy": "resource"' ''
expect PASS "decidedBy alone" "$tmp/only-by.jsonl"
mkcase wrong-by ', "decidedBy": "identity"' ''
expect FAIL "a wrong decidedBy" "$tmp/wrong-by.jsonl"
mkcase wrong-matched '' ', "decidedBy": "boundary", "matched": [0]'
expect FAIL "a statement that did not apply in matched" "$tmp/wrong-matched.jsonl"
mkcase index-for-sid ', "matched": [0, 1]' ''
expect FAIL "an index where the statement has a Sid" "$tmp/index-for-sid.jsonl"
mkcase order ', "matched": [1, "Role"]' ''
expect FAIL "matched out of order" "$tmp/order.jsonl"

# invalid*.jsonl: every line rejected with the error text of the .errors file
echo '{"id": "x", "action": "s3:GetObject", "resource": "*", "expected": "Allowed"}' >"$tmp/invalid-a.jsonl"
echo '{"id":"x","error":"/expected: unknown field '"'"'expected'"'"'"}' >"$tmp/invalid-a.errors"
expect PASS "the error text as expected" "$tmp/invalid-a.jsonl"
echo '{"id":"x","error":"/expected: unknown field"}' >"$tmp/invalid-a.errors"
expect FAIL "another error text" "$tmp/invalid-a.jsonl"
rm "$tmp/invalid-a.errors"
expect FAIL "no .errors file" "$tmp/invalid-a.jsonl"

[ $fail = 0 ] && echo "9 passed, 0 failed"
exit $fail

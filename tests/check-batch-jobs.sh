#!/bin/sh
# evaluate --batch -j N: the same output, in file order, as -j 1, across
# chunk boundaries (512 lines), with bad and blank lines among good ones.
set -u
: "${IAMGATE:?IAMGATE must name the iamgate binary}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# 1,300 lines: every 7th asks for what the policy allows, every 97th is
# not JSON, every 211th is blank, lines 511-513 straddle the first chunk
# boundary with one bad line on it.  Every third line names the policy
# by file (read once per batch, whichever thread asks first), the others
# carry it inline.
pol='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}'
printf '%s\n' "$pol" >"$tmp/pol.json"
awk -v inline="$pol" 'BEGIN {
	for (i = 1; i <= 1300; i++) {
		pol = (i % 3 == 0) ? "\"pol.json\"" : inline
		if (i % 211 == 0) { print ""; continue }
		if (i % 97 == 0 || i == 512) { print "{\"id\": " i ", not json"; continue }
		act = (i % 7 == 0) ? "s3:GetObject" : "s3:PutObject"
		printf "{\"id\":%d,\"action\":\"%s\",\"resource\":\"arn:aws:s3:::b/k%d\",\"identityPolicies\":[%s],\"expect\":\"%s\"}\n",
			i, act, i, pol, (i % 7 == 0 || i % 5 == 0) ? "Allowed" : "ImplicitlyDenied"
	}
}' >"$tmp/reqs.jsonl"

for j in 1 2 4; do
	"$IAMGATE" evaluate --batch "$tmp/reqs.jsonl" -j $j >"$tmp/out.$j" 2>"$tmp/err.$j"
	echo $? >"$tmp/rc.$j"
done
fail=0
for j in 2 4; do
	for s in out err rc; do
		if ! cmp -s "$tmp/$s.1" "$tmp/$s.$j"; then
			echo "FAIL: -j $j: $s differs from -j 1"
			diff "$tmp/$s.1" "$tmp/$s.$j" | head -5
			fail=1
		fi
	done
done
# and -j 1 is right: one output line per non-blank line, in order, the
# bad ones as errors, the expectations of multiples of 5 (not of 7) failed
nlines=$(grep -c . "$tmp/reqs.jsonl")
[ "$(wc -l <"$tmp/out.1")" -eq "$nlines" ] || { echo "FAIL: $(wc -l <"$tmp/out.1") output lines for $nlines requests"; fail=1; }
ids=$(sed -n -e 's/^{"id":\([0-9]*\),.*/\1/p' -e 's/^{"id":null,"line":\([0-9]*\),.*/\1/p' \
	"$tmp/out.1" | tr '\n' ' ')
want=$(awk 'BEGIN { for (i = 1; i <= 1300; i++) if (i % 211) printf "%d ", i }')
[ "$ids" = "$want" ] || { echo "FAIL: the output is not in file order"; fail=1; }
[ "$(grep -c '"error"' "$tmp/out.1")" -eq 14 ] || { echo "FAIL: expected 14 error lines"; fail=1; }
grep -q 'reqs.jsonl:512: ' "$tmp/err.1" || { echo "FAIL: no message for line 512"; fail=1; }
[ "$(cat "$tmp/rc.1")" = 3 ] || { echo "FAIL: exit status $(cat "$tmp/rc.1"), expected 3"; fail=1; }
# mismatches: multiples of 5 that are not multiples of 7, on valid lines
nmis=$(awk 'BEGIN { for (i = 1; i <= 1300; i++) if (i % 211 && i % 97 && i != 512 && i % 5 == 0 && i % 7) n++; print n }')
tail -n 1 "$tmp/err.1" | grep -q ": $nlines requests, $nmis not as expected, 14 invalid\$" ||
	{ echo "FAIL: summary: $(tail -n 1 "$tmp/err.1")"; fail=1; }
[ $fail = 0 ] && echo "1 passed, 0 failed"
exit $fail

#!/bin/sh
# Every entry of every embedded required-action list is an action of the
# embedded catalog (a wildcard matches at least one), so that a check can
# be satisfied at all; every entry a list keeps under "dropped" is no
# action (else it should not have been dropped), and says why.
set -u
: "${IAMGATE:?}"
top="${top_srcdir:-.}"
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 is absent"; exit 77; }
fail=0 n=0
lists=$("$IAMGATE" amplify --help | sed -n 's/^lists: //p')
[ -n "$lists" ] || { echo "FAIL: amplify --help names no list"; exit 1; }
for l in $lists; do
	n=$((n + 1))
	bad=$("$IAMGATE" amplify actions --list "$l" --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
for c in d["categories"]:
    for e in c["entries"]:
        if e.get("count", 0) < 1:
            print("%s (%s) matches no action of the catalog" % (e["action"], c["name"]))
') || { echo "FAIL: amplify actions --list $l"; fail=1; continue; }
	[ -z "$bad" ] || { echo "FAIL: list $l: $bad"; fail=1; }
	f="$top/policies/amplify/lists/$l.json"
	[ -f "$f" ] || { echo "FAIL: $f is absent"; fail=1; continue; }
	for a in $(python3 -c '
import json, sys
for e in json.load(open(sys.argv[1])).get("dropped", []):
    assert e.get("note"), e
    print(e["action"])' "$f"); do
		if "$IAMGATE" expand "$a" >/dev/null 2>&1; then
			echo "FAIL: list $l drops $a, which is an action"
			fail=1
		fi
	done
done
[ $fail = 0 ] && echo "$n passed, 0 failed"
exit $fail

#!/bin/sh
# run-batch.sh FILE.jsonl - replay a request file through `iamgate evaluate
# --batch` and require every case to meet its "expect".  Files named
# invalid*.jsonl hold requests that must each be rejected with an error
# line (and exit status 3).  Prints one line per failing case.
set -u
file=$1
: "${IAMGATE:?IAMGATE must name the iamgate binary}"
tmp=$(mktemp) || exit 99
trap 'rm -f "$tmp"' EXIT
"$IAMGATE" evaluate --batch "$file" >"$tmp" 2>/dev/null
rc=$?
total=$(grep -c . "$file")
case $(basename "$file") in
invalid*)
	errors=$(grep -c '"error":' "$tmp")
	if [ "$rc" != 3 ] || [ "$errors" != "$total" ]; then
		echo "FAIL: $file: $errors of $total requests rejected, exit $rc (expected all, exit 3)"
		grep -v '"error":' "$tmp" | head -20
		exit 1
	fi
	echo "$total passed, 0 failed"
	exit 0
	;;
esac
bad=$(grep -c -e '"match":false' -e '"error":' "$tmp")
if [ "$rc" != 0 ] || [ "$bad" != 0 ]; then
	grep -e '"match":false' -e '"error":' "$tmp" | head -50
	echo "FAIL: $file: $bad of $total cases not as expected (exit $rc)"
	exit 1
fi
echo "$total passed, 0 failed"
exit 0

#!/bin/sh
# run-batch.sh FILE.jsonl - replay a request file through `iamgate evaluate
# --batch` and require every case to meet its "expect".
#
# Files named invalid*.jsonl hold requests that must each be rejected
# (exit status 3) with exactly the error line that FILE's side file
# invalid*.errors holds, in order: the lines iamgate prints, with the
# request file's directory left out of any path.
#
# Prints one line per failing case.
set -u
file=$1
: "${IAMGATE:?IAMGATE must name the iamgate binary}"
tmp=$(mktemp) || exit 99
trap 'rm -f "$tmp" "$tmp.x"' EXIT
"$IAMGATE" evaluate --batch "$file" >"$tmp" 2>/dev/null
rc=$?
total=$(grep -c . "$file")
case $(basename "$file") in
invalid*)
	expected=${file%.jsonl}.errors
	errors=$(grep -c '"error":' "$tmp")
	if [ "$rc" != 3 ] || [ "$errors" != "$total" ]; then
		echo "FAIL: $file: $errors of $total requests rejected, exit $rc (expected all, exit 3)"
		grep -v '"error":' "$tmp" | head -20
		exit 1
	fi
	if [ ! -f "$expected" ]; then
		echo "FAIL: $file: no $expected with the expected error lines"
		exit 1
	fi
	dir=$(dirname "$file")/
	awk -v dir="$dir" '{ while ((i = index($0, dir))) $0 = substr($0, 1, i - 1) substr($0, i + length(dir)); print }' \
		"$tmp" >"$tmp.x"
	if ! diff -u "$expected" "$tmp.x"; then
		echo "FAIL: $file: the error lines differ from $expected (- expected, + printed)"
		exit 1
	fi
	echo "$total passed, 0 failed (each error text as expected)"
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

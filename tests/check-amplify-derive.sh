#!/bin/sh
# A storage resource with only its cli-inputs.json is derived as
# `amplify build` would make its template: on the projects that hold both
# (LostAndFoundPaws: auth, guest and group access; MoveMeet: auth only),
# and LostAndFoundPaws' user-pool group roles from user-pool-group-precedence.json,
# the derived roles and S3 policies must grant the same actions on the
# same resources to the same roles as the built templates'.  Each project is
# checked twice against a boundary that allows nothing of S3, so every S3
# action a role is granted is listed with its resources: once as
# committed, once with the storage's build/ folders removed.
set -u
: "${IAMGATE:?}"
top=$(cd "${top_srcdir:-.}" && pwd)
data="$top/tests/golden/amplify-data"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
printf '%s\n' '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}]}' >"$tmp/no-s3.json"

# roles DIR: each role line and its losses, with the project's folder and
# the places of the lines left out (a derived policy stands elsewhere)
roles() {
	"$IAMGATE" amplify check "$1" --project-boundary "$tmp/no-s3.json" |
		sed -n '/^roles:/,/^$/p' | sed "s|$1/||g; s| ([^ ]*:[0-9]*)||; s| \[[^]]*\]||g; s| ([0-9]* derived from cli-inputs.json)||" |
		awk '/^  [^ ]/ { if (r != "") print r; r = $0; next } /^    / { r = r " |" $0; next } { if (r != "") print r; r = ""; print }
		     END { if (r != "") print r }' | sort
}

# compare PROJECT STORAGE [groups]: built against derived (the storage
# resource's templates removed, and with "groups" auth/userPoolGroups' too)
compare() {
	rm -rf "$tmp/built" "$tmp/derived"
	cp -R "$data/projects/$1" "$tmp/built" && cp -R "$data/projects/$1" "$tmp/derived" || exit 99
	rm -rf "$tmp/derived/amplify/backend/storage/$2/build" \
		"$tmp/derived/amplify/backend/awscloudformation/build/storage"
	if [ "${3:-}" = groups ]; then
		rm -rf "$tmp/derived/amplify/backend/auth/userPoolGroups/build" \
			"$tmp/derived/amplify/backend/awscloudformation/build/auth/userPoolGroups"
		if ! "$IAMGATE" amplify check "$tmp/derived" | grep -q "AdminGroupRole.*user-pool-group-precedence.json:3) \[derived\]"; then
			fail=$((fail + 1))
			echo "FAIL: $1: the group roles were not derived"
		fi
	fi
	roles "$tmp/built" >"$tmp/built.txt"
	roles "$tmp/derived" >"$tmp/derived.txt"
	n=$(grep -o 'not allowed by the boundary: s3:' "$tmp/built.txt" | wc -l)
	if [ "$n" -lt 2 ]; then
		fail=$((fail + 1))
		echo "FAIL: $1: the built project grants no S3 action"
	elif ! "$IAMGATE" amplify check "$tmp/derived" --format json | grep -q '"derived": true'; then
		fail=$((fail + 1))
		echo "FAIL: $1: nothing was derived"
	elif ! diff -u "$tmp/built.txt" "$tmp/derived.txt"; then
		fail=$((fail + 1))
		echo "FAIL: $1: derived and built storage policies differ"
	else
		pass=$((pass + 1))
	fi
}

compare LostAndFoundPaws s34719207c
compare LostAndFoundPaws s34719207c groups
compare MoveMeet ProxyChatStorage

# without the cli-inputs.json, nothing is derived and the storage is a gap
rm -f "$tmp/derived/amplify/backend/storage/ProxyChatStorage/cli-inputs.json"
if "$IAMGATE" amplify check "$tmp/derived" --format json | grep -q '"derived": true'; then
	fail=$((fail + 1))
	echo "FAIL: derived without cli-inputs.json"
else
	pass=$((pass + 1))
fi

echo "amplify derive: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

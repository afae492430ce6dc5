#!/bin/sh
# A storage resource with only its cli-inputs.json is derived as
# `amplify build` would make its template: on the projects that hold both
# (LostAndFoundPaws: auth, guest and group access; MoveMeet: auth only),
# and LostAndFoundPaws' user-pool group roles from user-pool-group-precedence.json,
# the derived roles and S3 policies must grant the same actions on the
# same resources to the same roles as the built templates'.  Each project is
# checked twice against a boundary that allows nothing of S3, so every S3
# action a role is granted is listed with its resources: once as
# committed, once with the storage's build/ folders removed.  Then each
# Cognito auth resource of LostAndFoundPaws, MoveMeet and GSP is derived
# with its build/ removed and its roles compared with the built ones'
# (below).
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
	"$IAMGATE" amplify check "$1" --project-boundary "${IAMGATE_BOUNDARY:-$tmp/no-s3.json}" |
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

# Auth: a Cognito resource's stack derived from its cli-inputs.json
# against the built one (and its auth-trigger template), role by role,
# under a boundary that allows nothing of what the auth stack grants.
# The projects' feature flags are on (cli.json), as the CLI sets them for
# a new project.  MoveMeet's and GSP's templates were built by a CLI
# before 12.2.4, whose UserPoolClientLambda gave UserPoolClientRole
# cognito-idp:DescribeUserPoolClient and logs; the current generator (the
# one derived) makes that role with no policy: that role is compared on
# its own, every other must agree.
printf '%s\n' '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": ["cognito-idp:*", "sns:*", "logs:*", "iam:*"], "Resource": "*"}]}' >"$tmp/no-auth.json"
# (the order of a role's losses follows the order its policies were read
# in, which differs between one stack and two: sorted within each role)
auth_roles() {
	IAMGATE_BOUNDARY="$tmp/no-auth.json" roles "$1" | grep -v '^roles:' |
		awk '{ n = split($0, a, " [|]"); for (i = 3; i <= n; i++) for (j = i; j > 2 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
		       s = a[1]; for (i = 2; i <= n; i++) s = s " |" a[i]; print s }'
}
compare_auth() {
	rm -rf "$tmp/built" "$tmp/derived"
	cp -R "$data/projects/$1" "$tmp/built" && cp -R "$data/projects/$1" "$tmp/derived" || exit 99
	rm -rf "$tmp/derived/amplify/backend/auth/$2/build" \
		"$tmp/derived/amplify/backend/awscloudformation/build/auth/$2"
	auth_roles "$tmp/built" >"$tmp/built.txt"
	auth_roles "$tmp/derived" >"$tmp/derived.txt"
	if ! grep -q "^  auth/$2 .*\[derived\]" "$tmp/derived.txt" &&
	   ! "$IAMGATE" amplify check "$tmp/derived" | grep -q "^  auth/$2 .*\[derived\]"; then
		fail=$((fail + 1))
		echo "FAIL: $1: auth/$2 was not derived"
		return
	fi
	if [ "${3:-}" = old-client ]; then
		b=$(grep "^  auth/$2 UserPoolClientRole " "$tmp/built.txt")
		d=$(grep "^  auth/$2 UserPoolClientRole " "$tmp/derived.txt")
		case $b in *cognito-idp:DescribeUserPoolClient*) ;; *)
			fail=$((fail + 1)); echo "FAIL: $1: the built UserPoolClientRole lacks its old Lambda's grant"; return ;;
		esac
		case $d in *": 0 actions from 0 policies") ;; *)
			fail=$((fail + 1)); echo "FAIL: $1: the derived UserPoolClientRole is not policy-less: $d"; return ;;
		esac
		sed -i "/^  auth\/$2 UserPoolClientRole /d" "$tmp/built.txt" "$tmp/derived.txt"
	fi
	if ! grep -q "^  auth/$2 " "$tmp/built.txt" && [ "${3:-}" != old-client ]; then
		fail=$((fail + 1))
		echo "FAIL: $1: the built auth stack has no role"
	elif ! diff -u "$tmp/built.txt" "$tmp/derived.txt"; then
		fail=$((fail + 1))
		echo "FAIL: $1: derived and built auth roles differ"
	else
		pass=$((pass + 1))
	fi
}

compare_auth LostAndFoundPaws lostandfoundpetsfd158904
compare_auth MoveMeet proxychat33e582f8 old-client
compare_auth GSP mmAuth old-client

echo "amplify derive: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/bin/sh
# amplify check finds its project as git finds .git: with no PROJECT_DIR,
# the nearest directory at or above the working directory that holds
# amplify/backend/backend-config.json (Gen 1) or amplify/backend.ts
# (Gen 2); the project root and its amplify/ folder are both accepted, for
# Gen 1 and Gen 2; --config without "project" searches the same way.
set -u
: "${IAMGATE:?}"
top=$(cd "${top_srcdir:-.}" && pwd)
data="$top/tests/golden/amplify-data"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
# expect DIR WANT ARGS...: run amplify check ARGS in DIR, the report names WANT
expect() {
	dir=$1 want=$2
	shift 2
	got=$(cd "$dir" && "$IAMGATE" amplify check "$@" 2>&1)
	if printf '%s\n' "$got" | grep -qF -- "$want"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: in $dir, amplify check $*: no '$want' in:"
		printf '%s\n' "$got" | head -5
	fi
}
g1="$data/projects/MoveMeet"
g2="$data/gen2-app"
deployer="$data/deployer-seed.json"
gen2deployer="$data/AmplifyBackendDeployFullAccess.json"
# Gen 1: from a folder deep inside, from amplify/, the folder named
expect "$g1/amplify/backend/api" "project ../../.., env dev" --categories core
expect "$g1/amplify" "project .., env dev" --categories core
expect "$g1" "project ., env dev" amplify --categories core
expect "$g1" "project ., env dev" . --categories core
expect "$data/projects" "project MoveMeet, env dev" MoveMeet/amplify/ --categories core
# Gen 2: the same, with the deployer check against the gen2 list
expect "$g2" ". is an Amplify Gen 2 project" -p "$gen2deployer"
expect "$g2/src" ".. is an Amplify Gen 2 project" -p "$gen2deployer"
expect "$g2" ". is an Amplify Gen 2 project" amplify -p "$gen2deployer"
expect "$g2/amplify/data" "list gen2" -p "$gen2deployer"
expect "$g2" "roles of the Gen 2 project are not checked" -p "$gen2deployer"
# --config with no "project": the search from the working directory
mkdir -p "$tmp/repo" && cp -R "$g1/amplify" "$tmp/repo/" &&
	printf '{"amplify": {"policies": ["%s"], "categories": "core"}}\n' "$deployer" >"$tmp/repo/.iamgate.json"
expect "$tmp/repo" "project ., env dev" --config .iamgate.json
# nowhere near a project: the deployer alone
mkdir -p "$tmp/none"
expect "$tmp/none" "no project given" -p "$deployer" --list cli-2020 --categories core
echo "$pass passed, $fail failed"
[ $fail = 0 ]

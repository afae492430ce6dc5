#!/bin/sh
# iamgate lint --format sarif and amplify check --format sarif are valid
# against the SARIF 2.1.0 schema (one writer serves both).
# The schema and the validator (ajv) come from npm: `npm ci --prefix
# tests/sarif` (tests/sarif/package.json pins them).  Skips when they or
# node are absent.
set -u
: "${IAMGATE:?}"
top="${top_srcdir:-.}"
sarif="$top/tests/sarif"
command -v node >/dev/null 2>&1 || { echo "skip: node is absent"; exit 77; }
[ -d "$sarif/node_modules/ajv" ] && [ -d "$sarif/node_modules/@microsoft/jest-sarif" ] ||
	{ echo "skip: run 'npm ci --prefix tests/sarif' for the SARIF schema"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
data="$top/tests/golden/lint-data"
n=0
# findings of every kind and severity, a template, stdin, and no finding
"$IAMGATE" lint --no-config --format sarif "$data/role.json" "$data/broken.json" >"$tmp/1.sarif"
"$IAMGATE" lint --no-config --format sarif "$data/template.json" "$data/wrapped.json" >"$tmp/2.sarif"
"$IAMGATE" lint --no-config --format sarif --type resource - <"$data/bucket-policy.json" >"$tmp/3.sarif"
"$IAMGATE" lint --no-config --format sarif "$data/clean.json" >"$tmp/4.sarif"
# findings with further places (relatedLocations), in a policy and a template
"$IAMGATE" lint --no-config --format sarif "$data/locations.json" "$data/locations-template.json" >"$tmp/7.sarif"
grep -q '"relatedLocations"' "$tmp/7.sarif" || { echo "FAIL: no relatedLocations in 7.sarif"; exit 1; }
# amplify check: denied actions, roles that lose actions, a file left out
g="$top/tests/golden"
(cd "$g" && "$IAMGATE" amplify check amplify-data/projects/rekognition-id-verification \
	-p amplify-data/deployer-partial.json --project-boundary amplify-data/roles-boundary.json \
	--format sarif) >"$tmp/6.sarif"
[ $? = 1 ] || { echo "FAIL: amplify check --format sarif did not fail"; exit 1; }
if [ -d "${SHARED:-/nonexistent}/corpus/aws-managed" ]; then
	"$IAMGATE" lint --no-config --type identity --format sarif "$SHARED/corpus/aws-managed" >"$tmp/5.sarif"
fi
for f in "$tmp"/*.sarif; do
	n=$((n + 1))
done
if node "$sarif/validate.js" "$tmp"/*.sarif; then
	echo "$n passed, 0 failed"
	exit 0
fi
echo "FAIL: a SARIF log does not validate"
exit 1

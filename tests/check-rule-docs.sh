#!/bin/sh
# Every code `iamgate lint --list-rules` reports has a page doc/rules/CODE.md
# with its meaning, an example and the fix, every page is a code, and
# doc/lint-codes.md lists each code.  Each page's example (the first
# ```json block after "## Example") is linted, with the --type the page's
# "Type:" line gives, and must produce the page's code.  The codes of
# amplify check (src/amplify/rules.c) have pages of the same form, with
# the sections and the heading checked (their examples need a project).
set -u
: "${IAMGATE:?}"
top="${top_srcdir:-.}"
rules="$top/doc/rules"
table="$top/doc/lint-codes.md"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
"$IAMGATE" lint --list-rules | awk '{print $1}' >"$tmp/codes"
[ -s "$tmp/codes" ] || { echo "FAIL: iamgate lint --list-rules printed nothing"; exit 1; }
sed -n 's/^	{ "\(AMPLIFY_[A-Z_]*\)".*/\1/p' "$top/src/amplify/rules.c" >"$tmp/amplify"
[ -s "$tmp/amplify" ] || { echo "FAIL: no code in src/amplify/rules.c"; exit 1; }
while read -r code; do
	n=$((n + 1))
	page="$rules/$code.md"
	[ -f "$page" ] || { echo "FAIL: $code has no page doc/rules/$code.md"; fail=1; continue; }
	for section in '## Meaning' '## Example' '## Fix'; do
		grep -q "^$section" "$page" || { echo "FAIL: doc/rules/$code.md has no '$section' section"; fail=1; }
	done
	head -1 "$page" | grep -q "^# $code\$" || { echo "FAIL: doc/rules/$code.md does not start with '# $code'"; fail=1; }
done <"$tmp/amplify"
while read -r code; do
	n=$((n + 1))
	page="$rules/$code.md"
	if [ ! -f "$page" ]; then
		echo "FAIL: $code has no page doc/rules/$code.md"
		fail=1
		continue
	fi
	for section in '## Meaning' '## Example' '## Fix'; do
		grep -q "^$section" "$page" || { echo "FAIL: doc/rules/$code.md has no '$section' section"; fail=1; }
	done
	head -1 "$page" | grep -q "^# $code\$" || { echo "FAIL: doc/rules/$code.md does not start with '# $code'"; fail=1; }
	grep -q "^| \`$code\` |" "$table" || { echo "FAIL: doc/lint-codes.md does not list $code"; fail=1; }
	if grep -q '^Example-checked: no' "$page"; then
		# only the size quotas, whose examples do not fit on a page
		# (tests/unit/test_lint.c checks them)
		case $code in
		POLICY_SIZE_*) continue ;;
		*) echo "FAIL: doc/rules/$code.md must have an example that is checked"; fail=1; continue ;;
		esac
	fi
	type=$(sed -n 's/^Type: *\([a-z]*\).*/\1/p' "$page" | head -1)
	ext=json lang=json
	grep -q '^Example-file: *template' "$page" && ext=template.json
	grep -q '^Example-file: *template-yaml' "$page" && ext=template.yaml lang=yaml
	awk -v lang="$lang" '/^## Example/ {ex = 1} ex && index($0, "```" lang) == 1 {on = 1; next} on && /^```/ {exit} on {print}' \
		"$page" >"$tmp/example.$ext"
	if [ ! -s "$tmp/example.$ext" ]; then
		echo "FAIL: doc/rules/$code.md has no \`\`\`$lang example"
		fail=1
		continue
	fi
	opts=$(sed -n 's/^Options: *//p' "$page" | head -1)
	# shellcheck disable=SC2086 # the options are words
	(cd "$tmp" && "$IAMGATE" lint --no-config ${type:+--type "$type"} $opts \
		--format json --fail-on none "example.$ext") >"$tmp/out" 2>&1
	grep -q "\"code\": \"$code\"" "$tmp/out" ||
		{ echo "FAIL: the example of doc/rules/$code.md does not give $code:"; cat "$tmp/out"; fail=1; }
done <"$tmp/codes"
for page in "$rules"/*.md; do
	code=$(basename "$page" .md)
	grep -qx "$code" "$tmp/codes" "$tmp/amplify" ||
		{ echo "FAIL: doc/rules/$code.md is not a code of iamgate lint or amplify"; fail=1; }
done
[ $fail = 0 ] && echo "$n passed, 0 failed"
exit $fail

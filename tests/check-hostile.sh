#!/bin/sh
# check-hostile.sh - nothing from a file or the command line reaches the
# terminal as it is, and JSON output stays UTF-8.
#
# Text output of every command (evaluate, lint, amplify check, expand,
# hook) shows control bytes (C0, DEL, ESC sequences) and bytes that are not
# UTF-8 as \xNN, C1 controls as \uNNNN: a crafted file name, Sid or action
# cannot move the cursor or recolour the terminal.  JSON output is valid
# UTF-8 and keeps every field: a file name's bytes that are not UTF-8 are
# written \xNN inside the string.  A command-line value that is text (an
# action, an ARN, a --context or --region value) must be UTF-8: else a
# usage error (exit 2).  Each case has its exit status and a message.
set -u
: "${IAMGATE:?IAMGATE must name the iamgate binary}"
top=${top_srcdir:-.}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ESC=$(printf '\033')
C1=$(printf '\302\233')   # U+009B, CSI in one code point
FF=$(printf '\377')

bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# case NAME WANT_RC: the last command's status was saved in $rc
want_rc() {
	if [ "$rc" != "$2" ]; then
		bad "$1: exit $rc, expected $2; stderr: $(head -c 300 "$tmp/err")"
		return 1
	fi
	return 0
}
# no raw ESC, C1 or 0xff byte in stdout and stderr
clean() {
	if LC_ALL=C grep -q "[$ESC$FF]" "$tmp/out" "$tmp/err" ||
	    grep -qF "$C1" "$tmp/out" "$tmp/err"; then
		bad "$1: a raw control byte reached the output:"
		od -c "$tmp/out" "$tmp/err" | head -n 12
		return 1
	fi
	return 0
}
# has NAME FILE TEXT: FILE holds TEXT (fixed string)
has() {
	if ! grep -qF -- "$3" "$tmp/$2"; then
		bad "$1: $2 lacks '$3':"
		head -c 600 "$tmp/$2"
		echo
		return 1
	fi
	return 0
}
utf8() {
	if ! iconv -f UTF-8 -t UTF-8 "$tmp/out" >/dev/null 2>&1; then
		bad "$1: output is not valid UTF-8"
		return 1
	fi
	return 0
}
ok() { pass=$((pass + 1)); }
run() { "$IAMGATE" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null; rc=$?; }

policy='{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]}'
d=$tmp/files
mkdir -p "$d"

# 1. lint: a file name with an ESC sequence
f="$d/x${ESC}[31my.json"
printf '%s\n' "$policy" >"$f"
run lint "$f"
want_rc "lint, ESC in the file name" 1 && clean "lint, ESC in the file name" &&
	has "lint, ESC in the file name" out 'x\x1b[31my.json:1:' && ok
run lint --format json "$f"
want_rc "lint --format json, ESC in the file name" 1 &&
	has "lint --format json, ESC in the file name" out 'x\u001B[31my.json' && utf8 lint-json && ok
rm -f "$f"

# 2. lint: an action holding ESC and a C1 control (the JSON escapes them)
printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get\\u001b[2J\\u009bObject", "Resource": "*"}]}\n' >"$d/act.json"
run lint "$d/act.json"
want_rc "lint, control characters in an action" 1 && clean "lint, control characters in an action" &&
	has "lint, control characters in an action" out 's3:Get\x1b[2J\u009bObject' && ok

# 3. lint --format json and sarif: a file name that is not UTF-8
f="$d/bad${FF}name.json"
printf '%s\n' "$policy" >"$f"
run lint --format json "$f"
want_rc "lint --format json, 0xff in the file name" 1 && utf8 "lint --format json, 0xff" &&
	has "lint --format json, 0xff in the file name" out '"file": "'"$d"'/bad\\xffname.json"' && ok
run lint --format sarif "$f"
want_rc "lint --format sarif, 0xff in the file name" 1 && utf8 "lint --format sarif, 0xff" &&
	has "lint --format sarif, 0xff in the file name" out 'bad%FFname.json' && ok
run lint "$f"
want_rc "lint, 0xff in the file name" 1 && clean "lint, 0xff in the file name" &&
	has "lint, 0xff in the file name" out 'bad\xffname.json:1:' && ok
rm -f "$f"

# 4. evaluate: a Sid with an OSC sequence (invalid input, named escaped)
printf '{"Version": "2012-10-17", "Statement": [{"Sid": "A\\u001b]0;pwned\\u0007", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}\n' >"$d/sid.json"
run evaluate s3:GetObject '*' -p "$d/sid.json"
want_rc "evaluate, OSC in a Sid" 3 && clean "evaluate, OSC in a Sid" &&
	has "evaluate, OSC in a Sid" err "Sid 'A\\x1b]0;pwned\\x07' may hold only letters and digits" && ok

# 5. evaluate: a policy file name with ESC, text and JSON
f="$d/p${ESC}[2Kq.json"
printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}\n' >"$f"
run evaluate s3:GetObject '*' -p "$f" --explain
want_rc "evaluate --explain, ESC in the policy's name" 0 && clean "evaluate --explain, ESC in the policy's name" &&
	has "evaluate --explain, ESC in the policy's name" out 'p\x1b[2Kq.json' && ok
mv "$f" "$d/p${FF}q.json"
run evaluate s3:GetObject '*' -p "$d/p${FF}q.json" --explain --format json
want_rc "evaluate --format json, 0xff in the policy's name" 0 && utf8 "evaluate json" &&
	has "evaluate --format json, 0xff in the policy's name" out 'p\\xffq.json' && ok
rm -f "$d/p${FF}q.json"

# 6. an action with ESC on the command line: a warning, escaped
printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}\n' >"$d/ok.json"
run evaluate "s3:Get${ESC}[2J" '*' -p "$d/ok.json"
want_rc "evaluate, ESC in the action argument" 1 && clean "evaluate, ESC in the action argument" &&
	has "evaluate, ESC in the action argument" out 'ImplicitlyDenied' &&
	has "evaluate, ESC in the action argument" err 's3:Get\x1b[2J' && ok

# 7. command-line text that is not UTF-8: a usage error, exit 2
run expand "s3:${FF}*"
want_rc "expand, 0xff" 2 && clean "expand, 0xff" &&
	has "expand, 0xff" err "iamgate: 's3:\\xff*' is not valid UTF-8" &&
	has "expand, 0xff" err "try 'iamgate expand --help'" && ok
run evaluate "s3:Get${FF}" '*'
want_rc "evaluate ACTION, 0xff" 2 && has "evaluate ACTION, 0xff" err "'s3:Get\\xff' is not valid UTF-8" && ok
run evaluate s3:GetObject "arn:aws:s3:::b${FF}"
want_rc "evaluate RESOURCE, 0xff" 2 && has "evaluate RESOURCE, 0xff" err "'arn:aws:s3:::b\\xff' is not valid UTF-8" && ok
run evaluate s3:GetObject '*' -c "aws:x=${FF}"
want_rc "evaluate --context, 0xff" 2 && has "evaluate --context, 0xff" err "--context: 'aws:x=\\xff' is not valid UTF-8" && ok
run evaluate s3:GetObject '*' --region "us${FF}"
want_rc "evaluate --region, 0xff" 2 && has "evaluate --region, 0xff" err "--region: 'us\\xff' is not valid UTF-8" && ok
run lint --fail-on "e${FF}"
want_rc "lint --fail-on, 0xff" 2 && clean "lint --fail-on, 0xff" && has "lint --fail-on, 0xff" err "is not valid UTF-8" && ok
run amplify check --account "1${FF}"
want_rc "amplify check --account, 0xff" 2 && has "amplify check --account, 0xff" err "--account: '1\\xff' is not valid UTF-8" && ok
# a file name may hold any byte: it is opened, and named escaped
run lint "$d/none${FF}.json"
want_rc "lint, a missing file named with 0xff" 3 && clean "lint, a missing file named with 0xff" &&
	has "lint, a missing file named with 0xff" err 'none\xff.json' && ok

# 8. amplify check: a project directory with ESC and 0xff in its name
proj="$d/proj${ESC}[31m${FF}"
cp -R "$top/tests/golden/amplify-data/self-reference" "$proj"
cp "$top/tests/golden/amplify-data/broken-template/amplify/team-provider-info.json" "$proj/amplify/"
run amplify check "$proj" -p "$top/tests/golden/amplify-data/deployer-seed.json" --list cli-2020
want_rc "amplify check, ESC in the project's name" 0 && clean "amplify check, ESC in the project's name" &&
	has "amplify check, ESC in the project's name" out 'proj\x1b[31m\xff' && ok
run amplify check "$proj" -p "$top/tests/golden/amplify-data/deployer-seed.json" --list cli-2020 --format json
want_rc "amplify check --format json, ESC in the project's name" 0 && utf8 "amplify json" &&
	has "amplify check --format json, ESC in the project's name" out 'proj\u001B[31m\\xff' && ok
run amplify check "$proj" -p "$top/tests/golden/amplify-data/deployer-seed.json" --list cli-2020 --format sarif
want_rc "amplify check --format sarif" 0 && utf8 "amplify sarif" &&
	has "amplify check --format sarif" out '"version": "2.1.0"' && ok

# 9. hook install: a repository path with ESC
if command -v git >/dev/null 2>&1; then
	repo="$d/repo${ESC}]0;x${FF}"
	git init -q "$repo" 2>/dev/null
	(cd "$repo" && "$IAMGATE" hook install) >"$tmp/out" 2>"$tmp/err"
	rc=$?
	want_rc "hook install, ESC in the repository's path" 0 && clean "hook install, ESC in the path" &&
		has "hook install, ESC in the repository's path" out 'installed ' && ok
else
	echo "skip: no git (hook install)"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/bin/sh
# Hostile request files: no bad input passes silently, memory stays bounded.
#   - a line that starts with a NUL byte (after blanks) is an invalid line,
#     not a blank one;
#   - UTF-16 (either byte order, with or without a byte-order mark) is
#     refused whole with a message that says so;
#   - a line over the 16 MiB limit is an error line and the run goes on at
#     the next line; an endless line (/dev/zero) ends the run, exit 3,
#     within bounded memory;
#   - a directory, or standard input closed, is a read error (exit 3).
set -u
: "${IAMGATE:?IAMGATE must name the iamgate binary}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect NAME RC STDERR-PATTERN [STDOUT-PATTERN] -- command
expect() {
	name=$1 want=$2 epat=$3 opat=$4
	shift 5
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" != "$want" ]; then
		bad "$name: exit $rc, expected $want"; cat "$tmp/err"
	elif ! grep -q -- "$epat" "$tmp/err"; then
		bad "$name: stderr lacks '$epat'"; cat "$tmp/err"
	elif [ -n "$opat" ] && ! grep -q -- "$opat" "$tmp/out"; then
		bad "$name: stdout lacks '$opat'"; cat "$tmp/out"
	else
		ok
	fi
}

req='{"id":"r","principal":"arn:aws:iam::111122223333:user/a","action":"s3:GetObject","resource":"*"}'
printf '\000%s\n' "$req" >"$tmp/nul.jsonl"
printf '  \000\n%s\n' "$req" >"$tmp/nul-blank.jsonl"
expect nul-first 3 'nul.jsonl:1: column 1: NUL byte' '"line":1,"error"' -- \
	"$IAMGATE" evaluate --batch "$tmp/nul.jsonl"
expect nul-after-blanks 3 '1 invalid' '"id":"r","decision"' -- \
	"$IAMGATE" evaluate --batch "$tmp/nul-blank.jsonl"

# UTF-16 by iconv (glibc's, in libc-bin)
printf '%s\n%s\n' "$req" "$req" | iconv -f UTF-8 -t UTF-16LE >"$tmp/le.jsonl" || exit 99
printf '%s\n%s\n' "$req" "$req" | iconv -f UTF-8 -t UTF-16BE >"$tmp/be.jsonl" || exit 99
{ printf '\377\376'; cat "$tmp/le.jsonl"; } >"$tmp/le-bom.jsonl"
expect utf16-le 3 'UTF-16 (little-endian)' '' -- "$IAMGATE" evaluate --batch "$tmp/le.jsonl"
expect utf16-be 3 'UTF-16 (big-endian)' '' -- "$IAMGATE" evaluate --batch "$tmp/be.jsonl"
expect utf16-bom 3 'UTF-16 (little-endian)' '' -- "$IAMGATE" evaluate --batch "$tmp/le-bom.jsonl"

# a line of 17 MB, then a good one
{ head -c 17000000 /dev/zero | tr '\000' 'x'; echo; echo "$req"; } >"$tmp/long.jsonl"
expect long-line 3 'long.jsonl:1: the line is over the 16 MiB' '"id":"r","decision"' -- \
	"$IAMGATE" evaluate --batch "$tmp/long.jsonl"

# /dev/zero: an endless line; bounded in memory where the binary is not
# built with AddressSanitizer (whose shadow memory ulimit -v would refuse)
if nm "$IAMGATE" 2>/dev/null | grep -q __asan_init; then
	expect endless 3 'does not end within' '' -- "$IAMGATE" evaluate --batch /dev/zero
else
	expect endless-bounded 3 'does not end within' '' -- \
		sh -c 'ulimit -v 262144; exec "$0" evaluate --batch /dev/zero' "$IAMGATE"
fi

expect directory 3 'cannot read: Is a directory' '' -- "$IAMGATE" evaluate --batch "$tmp"
expect stdin-closed 3 'cannot read' '' -- sh -c 'exec "$0" evaluate --batch - <&-' "$IAMGATE"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

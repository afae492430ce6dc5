#!/bin/sh
# Every long option in `iamgate evaluate --help` is in the man page, and
# every option the man page documents for evaluate is in --help.
set -u
: "${IAMGATE:?}"
man="${top_srcdir:-.}/doc/iamgate.1"
help_opts=$("$IAMGATE" evaluate --help | grep -oE -- '--[a-z][a-z-]+' | sort -u)
man_opts=$(sed -n '/^\.SH EVALUATE OPTIONS/,/^\.SH REQUEST CONTEXT/p' "$man" |
	grep -E '^\.(TP|B|BI|BR)' -A1 | grep -oE -- '\\-\\-[a-z][a-z\\-]+' |
	sed 's/\\//g' | sort -u)
fail=0
for o in $help_opts; do
	echo "$man_opts" | grep -qx -- "$o" || { echo "FAIL: $o is in --help but not in iamgate.1"; fail=1; }
done
for o in $man_opts; do
	echo "$help_opts" | grep -qx -- "$o" || { echo "FAIL: $o is in iamgate.1 but not in --help"; fail=1; }
done
"$IAMGATE" --help | grep -q evaluate || { echo "FAIL: iamgate --help does not list evaluate"; fail=1; }
[ $fail = 0 ] && echo "1 passed, 0 failed"
exit $fail

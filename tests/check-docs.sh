#!/bin/sh
# Every long option in `iamgate CMD --help` is in the man page's section
# for CMD, and every option that section documents is in --help (evaluate:
# EVALUATE OPTIONS; expand: EXPAND OPTIONS; lint: LINT OPTIONS; hook:
# HOOK OPTIONS; profile: PROFILE OPTIONS; assume: ASSUME OPTIONS;
# account: ACCOUNT FETCH).  `iamgate --help` lists each.
set -u
: "${IAMGATE:?}"
man="${top_srcdir:-.}/doc/iamgate.1"
fail=0

# check CMD FIRST-SECTION NEXT-SECTION
check() {
	help_opts=$("$IAMGATE" "$1" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u)
	man_opts=$(sed -n "/^\\.SH $2\$/,/^\\.SH $3\$/p" "$man" |
		grep -E '^\.(TP|B|BI|BR)' -A1 | grep -oE -- '\\-\\-[a-z][a-z\\-]+' |
		sed 's/\\//g' | sort -u)
	if [ -z "$man_opts" ]; then
		echo "FAIL: iamgate.1 has no options under '$2'"
		fail=1
	fi
	for o in $help_opts; do
		echo "$man_opts" | grep -qx -- "$o" || { echo "FAIL: $1 $o is in --help but not in iamgate.1"; fail=1; }
	done
	for o in $man_opts; do
		echo "$help_opts" | grep -qx -- "$o" || { echo "FAIL: $1 $o is in iamgate.1 but not in --help"; fail=1; }
	done
	"$IAMGATE" --help | grep -q "^  $1 " || { echo "FAIL: iamgate --help does not list $1"; fail=1; }
}

check evaluate 'EVALUATE OPTIONS' 'REQUEST CONTEXT'
check expand 'EXPAND OPTIONS' 'ACTION CATALOG'
check lint 'LINT OPTIONS' 'LINT CONFIGURATION'
check hook 'HOOK OPTIONS' 'PROFILE OPTIONS'
check amplify 'AMPLIFY OPTIONS' 'AMPLIFY CHECK'
check profile 'PROFILE OPTIONS' 'ASSUME OPTIONS'
check assume 'ASSUME OPTIONS' 'ACCOUNT FETCH'
check account 'ACCOUNT FETCH' 'WHOAMI OPTIONS'
check whoami 'WHOAMI OPTIONS' 'SEMANTICS'
[ $fail = 0 ] && echo "1 passed, 0 failed"
exit $fail

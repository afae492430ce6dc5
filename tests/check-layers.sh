#!/bin/sh
# The layers call only downward: cli -> amplify -> lint -> core, and
# cli -> live -> core (live, AWS itself, sits beside lint and amplify).
#
# 1. No library's undefined symbol is defined by a layer above it (nm).
# 0. No header in a layer's folder is named config.h: every source file
#    includes "config.h" (autoconf's), which a quoted include would look
#    for beside the file first.
# 2. The proof that the link order enforces it: an object that calls lint
#    from core, put into a copy of libiamcore.a, is reported by check 1 and
#    fails to link when the libraries are given top down, as the Makefile
#    gives them.
set -u
build=${IAMGATE%/*}
src=$build/src
[ -f "$src/libiamcore.a" ] || { echo "no $src/libiamcore.a"; exit 99; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

defined() { nm -g --defined-only "$@" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u; }
undefined() { nm -g -u "$@" 2>/dev/null | awk 'NF >= 2 && $1 == "U" { print $2 }' | sort -u; }

# upward LIB ABOVE...: the symbols LIB takes from the layers above it
upward() {
	lib=$1
	shift
	undefined "$lib" >"$tmp/u"
	for above in "$@"; do defined "$above"; done | sort -u >"$tmp/d"
	comm -12 "$tmp/u" "$tmp/d"
}

cli=$(ls "$src"/cli/*.o 2>/dev/null)
[ -n "$cli" ] || { echo "no objects in $src/cli"; exit 99; }
check() {
	name=$1
	shift
	up=$(upward "$@")
	if [ -n "$up" ]; then
		bad "$name calls upward:" $up
	else
		ok
	fi
}
# shellcheck disable=SC2086
check core "$src/libiamcore.a" "$src/libiamlint.a" "$src/libiamamplify.a" \
	"$src/libiamlive.a" $cli
# shellcheck disable=SC2086
check live "$src/libiamlive.a" "$src/libiamlint.a" "$src/libiamamplify.a" $cli
# shellcheck disable=SC2086
check "lint and amplify (live is the cli's)" "$src/libiamlint.a" "$src/libiamlive.a"
# shellcheck disable=SC2086
check lint "$src/libiamlint.a" "$src/libiamamplify.a" $cli
# shellcheck disable=SC2086
check amplify "$src/libiamamplify.a" "$src/libiamlive.a" $cli

# The negative case: a core function that calls lint.
cc=${CC:-cc}
cat >"$tmp/probe.c" <<'C'
struct iam_lint;
void iam_lint_free(struct iam_lint *l);
void iam_layer_probe(void) { iam_lint_free((struct iam_lint *)0); }
C
cat >"$tmp/main.c" <<'C'
void iam_layer_probe(void);
int main(void) { iam_layer_probe(); return 0; }
C
if $cc -c -o "$tmp/probe.o" "$tmp/probe.c" && $cc -c -o "$tmp/main.o" "$tmp/main.c"; then
	cp "$src/libiamcore.a" "$tmp/libiamcore.a" && ar r "$tmp/libiamcore.a" "$tmp/probe.o" 2>/dev/null
	up=$(upward "$tmp/libiamcore.a" "$src/libiamlint.a")
	if [ "$up" = iam_lint_free ]; then ok; else bad "the check missed core -> lint: '$up'"; fi
	if $cc -o "$tmp/probe" "$tmp/main.o" "$src/libiamamplify.a" "$src/libiamlint.a" \
		"$tmp/libiamcore.a" >"$tmp/ld.log" 2>&1; then
		bad "a core -> lint call linked"
	elif grep -q "undefined reference to .iam_lint_free" "$tmp/ld.log"; then
		ok
	else
		bad "the link failed for another reason:"; cat "$tmp/ld.log"
	fi
else
	echo "no C compiler ($cc): the link proof is not run"
fi
shadow=$(find "${top_srcdir:-.}/src" -name config.h)
[ -z "$shadow" ] && ok || bad "a header shadows autoconf's config.h: $shadow"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

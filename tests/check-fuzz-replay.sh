#!/bin/sh
# check-fuzz-replay.sh - every committed fuzz input through its target.
#
# The ordinary build links each libFuzzer target with a plain main
# (fuzz/replay.c) as fuzz/replay_<name>.  This runs each over its minimised
# corpus fuzz/corpus/fuzz_<name>/ and its reproducers
# fuzz/crashes/fuzz_<name>-*, so that a regression on any of them fails
# `make check` without clang.  Each replay is bounded in time (timeout).
set -u
build=${IAMGATE%/*}
: "${top_srcdir:?}"
pass=0 fail=0
for t in policy request lint template template_yaml awsini account answer; do
	prog=$build/fuzz/replay_$t
	[ -x "$prog" ] || { echo "no $prog"; exit 99; }
	set -- "$top_srcdir/fuzz/corpus/fuzz_$t"
	for f in "$top_srcdir/fuzz/crashes/fuzz_$t-"*; do
		[ -f "$f" ] && set -- "$@" "$f"
	done
	[ -d "$1" ] || { echo "FAIL: no corpus $1"; fail=$((fail + 1)); continue; }
	want=$(($(find "$1" -type f ! -name '.*' | wc -l) + $# - 1))
	# the request lines name policy files relative to the source tree
	out=$(cd "$top_srcdir" && timeout 300 "$prog" "$@" </dev/null 2>&1)
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL: fuzz_$t replay exited $rc"
		echo "$out" | tail -n 30
		fail=$((fail + 1))
	elif [ "$out" != "replay: $want inputs" ]; then
		echo "FAIL: fuzz_$t replay: want 'replay: $want inputs', got:"
		echo "$out" | tail -n 30
		fail=$((fail + 1))
	elif [ "$want" -lt 10 ]; then
		echo "FAIL: fuzz_$t: only $want inputs"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]

#!/bin/sh
# Colour on a terminal, and none where the user says so: NO_COLOR, or
# TERM=dumb (a terminal that cannot do escapes).  The terminal is a
# pseudo-terminal from script(1).
set -u
: "${IAMGATE:?IAMGATE must name the iamgate binary}"
command -v script >/dev/null 2>&1 || { echo "skip: no script(1)"; exit 77; }
top=${top_srcdir:-.}
bad=$top/tests/golden/lint-data/broken.json
esc=$(printf '\033')
pass=0 fail=0
tty_run() { # tty_run ENV...: lint a broken file on a terminal, print its output
	script -qec "env $* '$IAMGATE' lint '$bad'" /dev/null </dev/null 2>/dev/null
}
check() { # check NAME WANT(yes|no) ENV...
	name=$1 want=$2
	shift 2
	if tty_run "$@" | grep -q "$esc\["; then got=yes; else got=no; fi
	if [ "$got" = "$want" ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL: $name: colour $got, expected $want"; fi
}
check terminal yes TERM=xterm NO_COLOR=
check no-color no TERM=xterm NO_COLOR=1
check term-dumb no TERM=dumb NO_COLOR=
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

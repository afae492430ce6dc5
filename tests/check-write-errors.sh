#!/bin/sh
# Every command whose standard output cannot be written (/dev/full) exits
# 4 with a message on standard error, never 0 in silence.  With standard
# input closed (<&-), a command that reads it fails with its message
# (exit 3) and one that does not runs as usual; with standard output
# closed too, or on /dev/full, each says so.
set -u
: "${IAMGATE:?IAMGATE must name the iamgate binary}"
top=${top_srcdir:-.}
[ -w /dev/full ] || { echo "skip: no /dev/full"; exit 77; }
ex=$top/policies/examples
pass=0 fail=0
run() { # run WANT ARGS...
	want=$1
	shift
	"$IAMGATE" "$@" >/dev/full 2>"$tmp/err"
	rc=$?
	if [ "$rc" != "$want" ] || ! [ -s "$tmp/err" ]; then
		fail=$((fail + 1))
		echo "FAIL: iamgate $* >/dev/full: exit $rc (expected $want), stderr: $(head -c 200 "$tmp/err")"
	else
		pass=$((pass + 1))
	fi
}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
run 4 --version
run 4 --help
run 4 evaluate --help
run 4 evaluate s3:GetObject '*' -p "$ex/deployer-role.json"
run 4 evaluate s3:GetObject '*' -p "$ex/deployer-role.json" --explain --format json
run 4 evaluate --batch "$top/tests/eval/matching.jsonl"
run 4 expand 's3:Get*'
run 4 lint "$ex"
run 4 lint --format sarif "$ex"
run 4 amplify actions
run 4 amplify check "$ex/amplify-project" -p "$ex/amplify-project/deployer.json"
run 4 hook print
# closed WANT_RC MESSAGE OUT ARGS...: standard input closed, standard output
# to OUT (a file, /dev/full, or "closed"); the exit status and a message on
# standard error (a fixed string; "" for none, and then stderr is empty)
closed() {
	want=$1 msg=$2 out=$3
	shift 3
	case $out in
	closed) "$IAMGATE" "$@" <&- >&- 2>"$tmp/err" ;;
	*) "$IAMGATE" "$@" <&- >"$out" 2>"$tmp/err" ;;
	esac
	rc=$?
	if [ "$rc" != "$want" ]; then
		fail=$((fail + 1))
		echo "FAIL: iamgate $* <&- >$out: exit $rc (expected $want), stderr: $(head -c 200 "$tmp/err")"
	elif [ -n "$msg" ] && ! grep -qF -- "$msg" "$tmp/err"; then
		fail=$((fail + 1))
		echo "FAIL: iamgate $* <&- >$out: stderr lacks '$msg': $(head -c 200 "$tmp/err")"
	elif [ -z "$msg" ] && [ -s "$tmp/err" ]; then
		fail=$((fail + 1))
		echo "FAIL: iamgate $* <&- >$out: unexpected stderr: $(head -c 200 "$tmp/err")"
	else
		pass=$((pass + 1))
	fi
}
nostdin='<stdin>: cannot read: Bad file descriptor'
nostdin_doc='<stdin>: read error: Bad file descriptor'
nowrite='cannot write standard output'
pol=$ex/deployer-role.json
proj=$ex/amplify-project
repo=$tmp/repo
git init -q "$repo" 2>/dev/null || mkdir -p "$repo/.git/hooks"

# standard input closed
closed 0 "" "$tmp/out" evaluate s3:GetObject '*' -p "$pol"
closed 3 "$nostdin_doc" "$tmp/out" evaluate s3:GetObject '*' -p -
closed 3 "$nostdin" "$tmp/out" evaluate --batch -
closed 3 "$nostdin_doc" "$tmp/out" lint -
closed 3 "$nostdin" "$tmp/out" lint --files0-from -
closed 0 "" "$tmp/out" lint "$pol"
closed 0 "" "$tmp/out" amplify check "$proj" -p "$proj/deployer.json"
closed 0 "" "$tmp/out" expand 's3:Get*'
(cd "$repo" && closed 0 "" "$tmp/out" hook install)
grep -q '^installed ' "$tmp/out" || { fail=$((fail + 1)); echo "FAIL: hook install <&-: no 'installed' line"; }
closed 0 "" "$tmp/out" hook print
# standard input closed, standard output on /dev/full
closed 4 "$nowrite" /dev/full evaluate s3:GetObject '*' -p "$pol"
closed 3 "$nostdin" /dev/full evaluate --batch -
closed 3 "$nostdin_doc" /dev/full lint -
closed 3 "$nostdin" /dev/full lint --files0-from -
closed 4 "$nowrite" /dev/full amplify check "$proj" -p "$proj/deployer.json"
closed 4 "$nowrite" /dev/full expand 's3:Get*'
(cd "$repo" && closed 4 "$nowrite" /dev/full hook install --force)
closed 4 "$nowrite" /dev/full hook print
# standard input and output closed: no file iamgate opens takes their
# descriptors (the hook is written whole, its line not in it)
closed 4 "$nowrite" closed evaluate s3:GetObject '*' -p "$pol"
closed 4 "$nowrite" closed expand 's3:Get*'
(cd "$repo" && closed 4 "$nowrite" closed hook install --force)
hook=$repo/.git/hooks/pre-push
if ! head -n 1 "$hook" | grep -qx '#!/bin/sh' || grep -q '^installed ' "$hook"; then
	fail=$((fail + 1))
	echo "FAIL: hook install <&- >&-: the hook is not as written:"
	head -n 3 "$hook"
else
	pass=$((pass + 1))
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

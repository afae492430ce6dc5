#!/bin/sh
# lint's directory walk stays in its tree and cannot be made to loop or
# block: each directory is read once (device and inode), so links back up
# (-> .., -> .) report each finding once and end; a link out of the tree
# is passed over, and said, unless --follow-symlinks; a FIFO found by the
# walk is passed over with a count, and one named is refused (exit 3)
# rather than blocking the run.
set -u
: "${IAMGATE:?IAMGATE must name the iamgate binary}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
cd "$tmp" || exit 99
mkdir -p t/sub out
printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObjekt","Resource":"*"}]}\n' >t/sub/p.json
cp t/sub/p.json out/x.json
ln -s .. t/sub/up
ln -s . t/self
ln -s ../out t/leave
mkfifo t/fifo.json named.json || { echo "skip: no mkfifo"; exit 77; }

timeout 60 "$IAMGATE" lint t >out.txt 2>err.txt
rc=$?
[ "$rc" = 1 ] && ok || bad "lint t: exit $rc, expected 1"
[ "$(grep -c INVALID_ACTION out.txt)" = 1 ] && ok || bad "lint t: $(grep -c INVALID_ACTION out.txt) findings, expected 1"
grep -q "passed over 1 symbolic link that leads out" err.txt && ok || bad "no word of the link out: $(cat err.txt)"
grep -q "passed over 1 file that is one of FIFOs" err.txt && ok || bad "no word of the FIFO: $(cat err.txt)"
grep -q "out/x.json\|leave/x.json" out.txt && bad "a link out of the tree was followed" || ok

timeout 60 "$IAMGATE" lint --follow-symlinks t >out.txt 2>err.txt
[ "$(grep -c INVALID_ACTION out.txt)" = 2 ] && ok || bad "--follow-symlinks: $(grep -c INVALID_ACTION out.txt) findings, expected 2"

timeout 20 "$IAMGATE" lint named.json >out.txt 2>err.txt
rc=$?
[ "$rc" = 3 ] && ok || bad "lint of a named FIFO: exit $rc, expected 3"
grep -q "not a regular file" err.txt && ok || bad "lint of a named FIFO: $(cat err.txt)"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

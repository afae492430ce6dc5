#!/bin/sh
# `iamgate hook install` writes a pre-push hook that lints the policy and
# template files a push changes: a push that adds a policy with an error is
# refused, one that fixes it goes through, files that are not policies are
# left alone, an Amplify project is gated with amplify check, and a
# pre-push hook iamgate did not write is kept, the hook names the binary
# that wrote it, and a pre-push that is a symbolic link is never written
# through.  Skips
# when git is absent.
set -u
: "${IAMGATE:?}"
command -v git >/dev/null 2>&1 || { echo "skip: git is absent"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
check() {  # check DESCRIPTION EXPECTED-STATUS ACTUAL-STATUS
	n=$((n + 1))
	if [ "$2" != "$3" ]; then
		echo "FAIL: $1: exit status $3, expected $2"
		fail=1
	fi
}
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t \
	GIT_COMMITTER_EMAIL=t@example.com GIT_CONFIG_NOSYSTEM=1 HOME="$tmp"
git init -q --bare "$tmp/remote.git"
git init -q "$tmp/work"
cd "$tmp/work" || exit 99
git remote add origin "$tmp/remote.git"
IAMGATE="$IAMGATE" "$IAMGATE" hook install >/dev/null
check "hook install" 0 $?
[ -x .git/hooks/pre-push ] || { echo "FAIL: no executable .git/hooks/pre-push"; fail=1; }

printf '{"name": "app"}\n' >package.json
printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}\n' >good.json
git add . && git commit -qm one
IAMGATE="$IAMGATE" git push -q origin HEAD:main >"$tmp/err" 2>&1
check "push of a clean policy and a package.json" 0 $?

printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]}\n' >bad.json
git add bad.json && git commit -qm two
IAMGATE="$IAMGATE" git push -q origin HEAD:main >"$tmp/err" 2>&1
check "push of a policy with an error" 1 $?
grep -q "bad.json:1:.*INVALID_ACTION" "$tmp/err" || { echo "FAIL: the hook did not name the finding:"; cat "$tmp/err"; fail=1; }

printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}\n' >bad.json
git commit -qam three
IAMGATE="$IAMGATE" git push -q origin HEAD:main >"$tmp/err" 2>&1
check "push of the fixed policy" 0 $?

# an Amplify project with an "amplify" section in .iamgate.json: the hook
# runs amplify check too; a role that loses actions to the project's
# boundary stops the push, a deploy that passes lets it through
ex="${top_srcdir:-.}/policies/examples/amplify-project"
if [ -d "$ex/amplify" ]; then
	cp -R "$ex/amplify" amplify && mkdir deploy &&
		cp "$ex/deployer.json" "$ex/deployer-boundary.json" "$ex/roles-boundary.json" deploy/
	printf '{"amplify": {"project": ".", "policies": ["deploy/deployer.json"], "boundary": "deploy/deployer-boundary.json",\n "projectBoundary": "deploy/roles-boundary.json", "categories": "core,auth,api,function"}}\n' >.iamgate.json
	git add . && git commit -qm amplify
	IAMGATE="$IAMGATE" git push -q origin HEAD:main >"$tmp/err" 2>&1
	check "push of an Amplify project whose role loses actions" 1 $?
	grep -q "amplify check" "$tmp/err" || { echo "FAIL: the hook did not say amplify check stopped it:"; cat "$tmp/err"; fail=1; }
	printf '{"amplify": {"project": ".", "policies": ["deploy/deployer.json"], "boundary": "deploy/deployer-boundary.json",\n "categories": "core,auth,api,function"}}\n' >.iamgate.json
	git commit -qam "no project boundary"
	IAMGATE="$IAMGATE" git push -q origin HEAD:main >"$tmp/err" 2>&1
	check "push of an Amplify project whose deploy passes" 0 $?
fi

printf '#!/bin/sh\nexit 0\n' >.git/hooks/pre-push
"$IAMGATE" hook install >/dev/null 2>&1
check "install over a foreign hook" 3 $?
grep -q iamgate .git/hooks/pre-push && { echo "FAIL: a foreign hook was replaced"; fail=1; }

# The hook runs the binary that wrote it, by its absolute path, even when
# iamgate is not on PATH and IAMGATE is not set.
rm -f .git/hooks/pre-push
"$IAMGATE" hook install >/dev/null
self=$(readlink -f "$IAMGATE")
grep -qF "written_by='$self'" .git/hooks/pre-push ||
	{ echo "FAIL: the hook does not name $self"; fail=1; }
n=$((n + 1))
printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt2", "Resource": "*"}]}\n' >bad2.json
git add bad2.json && git commit -qm three
env -u IAMGATE PATH=/usr/bin:/bin git push -q origin HEAD:main >"$tmp/err" 2>&1
check "push with iamgate off PATH: the hook runs the binary that wrote it" 1 $?

# A pre-push that is a symbolic link is never written through: a dangling
# link creates nothing, a link to a file leaves the file alone.
outside=$tmp/outside
mkdir -p "$outside"
rm -f .git/hooks/pre-push
ln -s "$outside/planted" .git/hooks/pre-push
"$IAMGATE" hook install >/dev/null 2>"$tmp/err"
check "install over a dangling link" 3 $?
[ -e "$outside/planted" ] && { echo "FAIL: the dangling link's target was created"; fail=1; }
printf 'precious\n' >"$outside/file"
rm -f .git/hooks/pre-push
ln -s "$outside/file" .git/hooks/pre-push
"$IAMGATE" hook install --force >"$tmp/out" 2>&1
check "install --force over a link to a file" 0 $?
[ "$(cat "$outside/file")" = precious ] || { echo "FAIL: the link's target was written"; fail=1; }
[ -L .git/hooks/pre-push ] && { echo "FAIL: the link is still there"; fail=1; }
grep -q "replaced the symbolic link" "$tmp/out" || { echo "FAIL: --force did not say it replaced the link"; fail=1; }
n=$((n + 3))

# Names git quotes (core.quotePath: non-ASCII, a tab, a quote) are linted
# like any other: the hook reads them NUL-separated.
rm -f .git/hooks/pre-push
"$IAMGATE" hook install >/dev/null
git reset -q --hard
mkdir -p "políticas"
printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]}\n' >"políticas/role.json"
git add . && git commit -qm quoted
IAMGATE="$IAMGATE" git push -q origin HEAD:main >"$tmp/err" 2>&1
check "push of políticas/role.json with an error" 1 $?
grep -q "role.json:1:.*INVALID_ACTION" "$tmp/err" || { echo "FAIL: the hook did not lint políticas/role.json:"; cat "$tmp/err"; fail=1; }
git rm -q -r "políticas" && git commit -qm unquoted
tab=$(printf 'a\tb.json')
printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]}\n' >"$tab"
git add . && git commit -qm tab
IAMGATE="$IAMGATE" git push -q origin HEAD:main >"$tmp/err" 2>&1
check "push of a file whose name has a tab, with an error" 1 $?
# the name is shown with its tab escaped (\x09), as every control byte is
grep -qF 'a\x09b.json:1:' "$tmp/err" || { echo "FAIL: the hook did not lint the file with a tab in its name:"; cat "$tmp/err"; fail=1; }
[ $fail = 0 ] && echo "$n passed, 0 failed"
exit $fail

#!/bin/sh
# The pre-push hook on real Amplify Gen 1 projects: each project of
# ../shared/fixtures/amplify-projects is copied into a fresh git clone
# with a bare remote, `iamgate hook install` is run, and the first push
# of the whole project goes through (none has a finding at the hook's
# --fail-on error: the Amplify data files, the copies of templates and
# the custom-policies.json placeholder are not false errors), with lint's
# summary on stderr.  Then a statement with an invalid action in a
# custom-policies.json stops the push, and the finding names that file.
# Skips when ../shared or git is absent.
set -u
: "${IAMGATE:?}"
projects="${SHARED:-/nonexistent}/fixtures/amplify-projects"
[ -d "$projects" ] || { echo "skip: ../shared is absent"; exit 77; }
command -v git >/dev/null 2>&1 || { echo "skip: git is absent"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t \
	GIT_COMMITTER_EMAIL=t@example.com GIT_CONFIG_NOSYSTEM=1 HOME="$tmp"
fail=0 n=0 bad=0
for p in "$projects"/*/; do
	[ -d "$p/amplify" ] || continue
	name=$(basename "$p")
	n=$((n + 1))
	work="$tmp/$name" remote="$tmp/$name.git"
	cp -R "$p" "$work" || exit 99
	git init -q --bare "$remote" && git -C "$work" init -q &&
		git -C "$work" add -A && git -C "$work" commit -qm import &&
		git -C "$work" remote add origin "$remote" || exit 99
	(cd "$work" && "$IAMGATE" hook install >/dev/null) ||
		{ echo "FAIL: $name: hook install"; fail=1; continue; }
	(cd "$work" && IAMGATE="$IAMGATE" git push -q origin HEAD:main) >"$tmp/err" 2>&1
	rc=$?
	if [ $rc != 0 ]; then
		echo "FAIL: $name: the push was refused (exit $rc):"
		cat "$tmp/err"
		fail=1
		continue
	fi
	if ! grep -q '^iamgate: checked [0-9]* files\{0,1\}, skipped [0-9]*' "$tmp/err"; then
		echo "FAIL: $name: no summary from lint:"
		cat "$tmp/err"
		fail=1
	fi
	grep '^iamgate: checked' "$tmp/err" | sed "s|^|$name: |"
	# a real finding stops the push, and is located in its file
	cp=$(cd "$work" && find amplify/backend -name custom-policies.json | head -n 1)
	[ -n "$cp" ] || continue
	bad=$((bad + 1))
	printf '[{"Action": ["s3:GetObjekt"], "Resource": ["arn:aws:s3:::b/*"]}]\n' >"$work/$cp"
	git -C "$work" commit -qam "a custom policy"
	(cd "$work" && IAMGATE="$IAMGATE" git push -q origin HEAD:main) >"$tmp/err" 2>&1
	rc=$?
	if [ $rc != 1 ]; then
		echo "FAIL: $name: push of an invalid custom policy: exit $rc, expected 1"
		cat "$tmp/err"
		fail=1
	elif ! grep -q "^$cp:1:.*INVALID_ACTION" "$tmp/err"; then
		echo "FAIL: $name: the finding does not name $cp:"
		cat "$tmp/err"
		fail=1
	fi
done
[ $n -gt 0 ] || { echo "FAIL: no project in $projects"; exit 1; }
[ $bad -gt 0 ] || { echo "FAIL: no project has a custom-policies.json to break"; exit 1; }
[ $fail = 0 ] && echo "$n projects pushed, $bad refused with a bad custom policy"
exit $fail

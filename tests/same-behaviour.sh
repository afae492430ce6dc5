#!/bin/sh
# same-behaviour.sh OLD NEW - run two iamgate binaries over everything the
# suite and the shared corpus hold and diff what they print: every golden
# case (stdout, stderr and exit status, whatever the case itself compares),
# every request file with --explain in text and JSON, lint over the
# managed-policy corpus and the AWS samples in every format, and amplify
# check over every project in every format.  For refactors that must not
# change behaviour; not part of make check (it takes a minute).
# Prints the differences and exits 1 when there are any.
set -u
[ $# = 2 ] || { echo "usage: $0 OLD-IAMGATE NEW-IAMGATE" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$top/../shared}
tmp=$(mktemp -d) || exit 99
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT; echo "outputs in $tmp" >&2

run() { # run BIN OUTDIR: every case into OUTDIR
	bin=$1 out=$2
	mkdir -p "$out"
	for c in "$top"/tests/golden/*.cmd; do
		n=$(basename "$c" .cmd)
		stdin=/dev/null
		[ -f "${c%.cmd}.stdin" ] && stdin=${c%.cmd}.stdin
		(cd "$top/tests/golden" && IAMGATE=$bin SHARED=$shared NO_COLOR= \
			eval "\"\$bin\" $(cat "$c")" <"$stdin" >"$out/g-$n.out" 2>"$out/g-$n.err"
		 echo $? >"$out/g-$n.rc")
	done
	for f in "$top"/tests/eval/*.jsonl "$top"/tests/diff/*.jsonl; do
		n=$(basename "$(dirname "$f")")-$(basename "$f" .jsonl)
		"$bin" evaluate --batch "$f" --explain -j 1 >"$out/b-$n.txt" 2>&1; echo $? >>"$out/b-$n.txt"
		"$bin" evaluate --batch "$f" --format json -j 1 >"$out/b-$n.json" 2>&1; echo $? >>"$out/b-$n.json"
	done
	if [ -d "$shared/corpus" ]; then
		for fmt in text json sarif; do
			"$bin" lint -j 1 --format $fmt "$shared/corpus/aws-managed" >"$out/l-managed.$fmt" 2>&1
			echo $? >>"$out/l-managed.$fmt"
			"$bin" lint -j 1 --format $fmt "$shared/corpus/aws-samples" >"$out/l-samples.$fmt" 2>&1
			echo $? >>"$out/l-samples.$fmt"
		done
	fi
	for p in "$shared"/fixtures/amplify-projects/*/ "$top"/tests/golden/amplify-data/*/ \
		"$top"/policies/examples/amplify-project/; do
		[ -d "$p" ] || continue
		n=$(basename "$p")
		for fmt in text json sarif; do
			"$bin" amplify check "$p" --format $fmt \
				-p "$top/policies/examples/amplify-project/deployer.json" \
				-b "$top/policies/examples/amplify-project/deployer-boundary.json" \
				--project-boundary "$top/policies/examples/amplify-project/roles-boundary.json" \
				>"$out/a-$n.$fmt" 2>&1
			echo $? >>"$out/a-$n.$fmt"
			"$bin" lint -j 1 --format $fmt "$p" >"$out/la-$n.$fmt" 2>&1; echo $? >>"$out/la-$n.$fmt"
		done
	done
}
run "$1" "$tmp/old"
run "$2" "$tmp/new"
# the binaries' own paths may appear in messages
sed -i "s#$1#IAMGATE#g" "$tmp"/old/* 2>/dev/null
sed -i "s#$2#IAMGATE#g" "$tmp"/new/* 2>/dev/null
n=$(ls "$tmp/old" | wc -l)
if diff -r "$tmp/old" "$tmp/new" >"$tmp/diff"; then
	echo "same behaviour: $n outputs identical"
	exit 0
fi
cat "$tmp/diff"
echo "$(grep -c '^diff' "$tmp/diff") of $n outputs differ"
exit 1

#!/bin/sh
# bench/lint.sh - `iamgate lint` on the 1,452 AWS managed policies of
# ../shared/corpus, side by side with `jq -c .` parsing and printing the
# same files (issue 3, item 10: lint must take no longer than jq).
#
# usage: IAMGATE=path/to/iamgate [SHARED=../shared] [RUNS=20] sh bench/lint.sh
#
# Measures with hyperfine (3 warm-up runs, RUNS runs each) and prints each
# mean and the ratio lint/jq; a ratio of 1 or less meets the target.  Lint
# runs with its default jobs (one per processor) and with -j1.  Exits 77
# (skip) when hyperfine, jq or the corpus is absent.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
IAMGATE=${IAMGATE:-$top/iamgate}
corpus=${SHARED:-$top/../shared}/corpus/aws-managed
runs=${RUNS:-20}
for tool in hyperfine jq; do
	command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool is absent"; exit 77; }
done
[ -d "$corpus" ] || { echo "skip: $corpus is absent"; exit 77; }
[ -x "$IAMGATE" ] || { echo "bench/lint.sh: $IAMGATE is not built" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=$(ls "$corpus"/*.json | wc -l)
echo "linting $n AWS managed policies ($(cat "$corpus"/*.json | wc -c) bytes) vs jq -c ."
hyperfine --warmup 3 --runs "$runs" --ignore-failure --export-json "$tmp/r.json" \
	-n "iamgate lint" "'$IAMGATE' lint --no-config --type identity --fail-on none -q '$corpus'" \
	-n "iamgate lint -j1" "'$IAMGATE' lint --no-config --type identity --fail-on none -q -j1 '$corpus'" \
	-n "jq -c ." "jq -c . '$corpus'/*.json" >"$tmp/out" 2>"$tmp/err" ||
	{ cat "$tmp/out" "$tmp/err" >&2; exit 1; }
jq -r '
	(.results | map({key: .command, value: .mean}) | from_entries) as $m
	| "lint:    \($m["iamgate lint"] * 1000 | floor) ms (default jobs)",
	  "lint -j1: \($m["iamgate lint -j1"] * 1000 | floor) ms (one thread)",
	  "jq -c .: \($m["jq -c ."] * 1000 | floor) ms",
	  "ratio lint/jq: \($m["iamgate lint"] / $m["jq -c ."] * 100 | floor / 100) (one thread: \($m["iamgate lint -j1"] / $m["jq -c ."] * 100 | floor / 100))"
' "$tmp/r.json"

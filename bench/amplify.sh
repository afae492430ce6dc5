#!/bin/sh
# bench/amplify.sh - whole-process time of `iamgate amplify check` on the
# largest fixture project (issue 4: "a few milliseconds"), beside
# `iamgate --version` (process start-up alone) measured in the same run.
# usage: IAMGATE=path/to/iamgate [RUNS=200] sh bench/amplify.sh
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
IAMGATE=${IAMGATE:-$top/iamgate}
runs=${RUNS:-200}
data=$top/tests/golden/amplify-data
project=$data/projects/LostAndFoundPaws
[ -x "$IAMGATE" ] || { echo "bench/amplify.sh: $IAMGATE is not built" >&2; exit 1; }
[ -d "$project" ] || { echo "bench/amplify.sh: $project is missing" >&2; exit 1; }
cmd="'$IAMGATE' amplify check '$project' -p '$data/deployer-seed.json' --project-boundary '$data/roles-boundary.json'"
echo "== amplify check on LostAndFoundPaws (the largest fixture project) =="
if command -v hyperfine >/dev/null 2>&1; then
	hyperfine -N -i --warmup 20 --runs "$runs" \
		-n "iamgate --version" "'$IAMGATE' --version" \
		-n "amplify check" "$cmd"
else
	t0=$(date +%s%N)
	i=0
	while [ $i -lt "$runs" ]; do
		eval "$cmd" >/dev/null 2>&1
		i=$((i + 1))
	done
	t1=$(date +%s%N)
	echo "amplify check: $(( (t1 - t0) / runs / 1000 )) us per run (mean of $runs)"
fi

#!/bin/sh
# bench/account.sh - a large account snapshot (bench/gen-account.mjs: 5,000
# roles, 2,000 users, 3,000 customer managed policies and the 1,452 AWS
# managed policies; generated, never committed): the time to load it and
# answer one `evaluate --account` beside `jq -c .` on the same file, in one
# hyperfine run; then a batch of 100,000 request lines over it, in
# decisions per second (one thread, and the default threads).
# usage: IAMGATE=path/to/iamgate [RUNS=10] [REQUESTS=100000] sh bench/account.sh
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
IAMGATE=${IAMGATE:-$top/iamgate}
runs=${RUNS:-10}
nreq=${REQUESTS:-100000}
[ -x "$IAMGATE" ] || { echo "bench/account.sh: $IAMGATE is not built" >&2; exit 1; }
command -v node >/dev/null 2>&1 || { echo "bench/account.sh: needs node to generate the snapshot" >&2; exit 1; }
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
node "$top/bench/gen-account.mjs" "$dir" "$nreq" || exit 1
snap=$dir/snapshot.json
echo "== account snapshot: $(wc -c <"$snap") bytes, 5,000 roles, 2,000 users, 4,452 managed policies =="
one="'$IAMGATE' evaluate s3:GetObject arn:aws:s3:::bucket-5/k --account '$snap' --principal arn:aws:iam::111122223333:user/people/user-5 --region eu-west-1 -q"
if command -v hyperfine >/dev/null 2>&1 && command -v jq >/dev/null 2>&1; then
	hyperfine -N -i --warmup 1 --runs "$runs" \
		-n "jq -c . (parse and print the file)" "jq -c . '$snap'" \
		-n "evaluate --account (load, compile, decide)" "$one"
else
	t0=$(date +%s%N)
	eval "$one"
	t1=$(date +%s%N)
	echo "evaluate --account: $(( (t1 - t0) / 1000000 )) ms"
fi
for j in 1 ""; do
	t0=$(date +%s%N)
	"$IAMGATE" evaluate --batch "$dir/requests.jsonl" ${j:+-j $j} >"$dir/out.jsonl" 2>/dev/null
	t1=$(date +%s%N)
	ms=$(( (t1 - t0) / 1000000 ))
	n=$(grep -c '"decision"' "$dir/out.jsonl")
	echo "batch of $nreq requests over the snapshot (-j ${j:-default}): $n decided in $ms ms," \
		"$(( n * 1000 / (ms > 0 ? ms : 1) )) decisions/s (the snapshot loaded once)"
done

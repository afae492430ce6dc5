#!/bin/sh
# bench/curves.sh - time per element as inputs grow (part of `make bench`).
#
# usage: IAMGATE=path/to/iamgate sh bench/curves.sh
#
# Generates its inputs on the fly (nothing is committed) and prints three
# tables of size, total time and time per element:
#   lint      `iamgate lint` on 20k, 40k, 80k, 160k and 320k statements
#   evaluate  `iamgate evaluate` of one request against the same policies
#             (the only statement that applies is the last one)
#   context   `iamgate evaluate --batch` of one request line whose context
#             has 10^4, 10^5 and 10^6 condition keys, against a policy that
#             tests one of them
# A document holds at most 160k statements (a document is at most 16 MiB),
# so 320k is two documents.  A flat column "per element" means linear work;
# one that grows with the size means quadratic work somewhere.  Each figure
# is the best of BENCH_RUNS runs (default 3), in CPU seconds (user + system)
# when /usr/bin/time is installed, else wall seconds; the header says
# which.  Exits 1 when a run fails.
set -eu
LC_ALL=C
export LC_ALL
IAMGATE=${IAMGATE:?IAMGATE must name the iamgate binary}
runs=${BENCH_RUNS:-3}
sizes=${BENCH_STMT_SIZES:-20000 40000 80000 160000 320000}
keys=${BENCH_KEY_SIZES:-10000 100000 1000000}
per_doc=160000
tmp=$(mktemp -d "${TMPDIR:-/tmp}/iamgate-curves.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# the CPU time (user + system) of "$@", from /usr/bin/time when it is
# there (the machine may be shared: wall time then measures the others too),
# else the wall time
timed() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%U %S' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err"
		rc=$?
		t=$(awk '{ printf "%.6f", $1 + $2 }' "$tmp/time")
	else
		t0=$(date +%s.%N)
		"$@" >/dev/null 2>"$tmp/err"
		rc=$?
		t=$(awk -v a="$t0" -v z="$(date +%s.%N)" 'BEGIN { printf "%.6f", z - a }')
	fi
}
# best SECONDS of $runs runs of "$@" (exit 0 or 1 is fine)
best() {
	b=
	i=0
	while [ $i -lt "$runs" ]; do
		timed "$@"
		if [ $rc -gt 1 ]; then
			echo "curves: '$*' exited $rc:" >&2
			head -c 400 "$tmp/err" >&2
			exit 1
		fi
		b=$(awk -v t="$t" -v b="$b" 'BEGIN { if (b == "" || t < b) b = t; printf "%.6f", b }')
		i=$((i + 1))
	done
	echo "$b"
}
# gen_doc FILE FIRST COUNT LAST: statements FIRST..FIRST+COUNT-1; the one
# numbered LAST allows s3:GetObject on bucket "target", every other one a
# different action or bucket
gen_doc() {
	awk -v first="$2" -v n="$3" -v last="$4" 'BEGIN {
		split("s3:PutObject s3:ListBucket ec2:DescribeInstances iam:GetRole sqs:SendMessage", acts, " ")
		printf "{\"Version\": \"2012-10-17\", \"Statement\": [\n"
		for (i = first; i < first + n; i++) {
			if (i == last)
				printf "{\"Sid\":\"S%d\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::target/*\"}", i
			else
				printf "{\"Sid\":\"S%d\",\"Effect\":\"Allow\",\"Action\":\"%s\",\"Resource\":\"arn:aws:s3:::b%d/*\"}", i, acts[i % 5 + 1], i
			printf "%s\n", i + 1 < first + n ? "," : ""
		}
		printf "]}\n"
	}' >"$1"
}
# gen_policies N: documents of at most $per_doc statements; sets $docs
gen_policies() {
	n=$1
	docs=
	first=0
	k=0
	while [ $first -lt "$n" ]; do
		c=$((n - first))
		[ $c -gt $per_doc ] && c=$per_doc
		gen_doc "$tmp/p$n-$k.json" "$first" "$c" $((n - 1))
		docs="$docs $tmp/p$n-$k.json"
		first=$((first + c))
		k=$((k + 1))
	done
}
row() { # row SIZE SECONDS UNIT (0 seconds: under the timer's 10 ms step)
	awk -v n="$1" -v t="$2" -v u="$3" 'BEGIN {
		if (t == 0)
			printf "  %9d     < 0.01 s     < %.3f us/%s (under the timer step)\n", n, 0.01 * 1e6 / n, u
		else
			printf "  %9d  %9.3f s  %9.3f us/%s\n", n, t, t * 1e6 / n, u }'
}

clock="CPU time (user + system)"
[ -x /usr/bin/time ] || clock="wall time"
echo "figures: the best of $runs runs, $clock"
echo
echo "lint: iamgate lint --no-config --fail-on none -q -j1 (statements)"
echo "       size      total       per element"
for n in $sizes; do
	gen_policies "$n"
	# shellcheck disable=SC2086
	t=$(best "$IAMGATE" lint --no-config --type identity --fail-on none -q -j1 $docs)
	row "$n" "$t" statement
done
echo
echo "evaluate: iamgate evaluate s3:GetObject arn:aws:s3:::target/k -p ... (statements)"
echo "       size      total       per element"
for n in $sizes; do
	gen_policies "$n"
	set --
	for d in $docs; do set -- "$@" -p "$d"; done
	t=$(best "$IAMGATE" evaluate s3:GetObject arn:aws:s3:::target/k "$@")
	row "$n" "$t" statement
	rm -f "$tmp"/p"$n"-*.json
done
echo
printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"t:k%d": "v"}}}]}\n' 7 >"$tmp/cond.json"
echo "context: iamgate evaluate --batch, one request with K context keys"
echo "       keys      total       per element"
for k in $keys; do
	awk -v k="$k" -v pol="$tmp/cond.json" 'BEGIN {
		printf "{\"action\": \"s3:GetObject\", \"resource\": \"arn:aws:s3:::b/k\", \"identityPolicies\": [\"%s\"], \"context\": {", pol
		for (i = 0; i < k; i++)
			printf "%s\"t:k%d\":\"v\"", i ? "," : "", i
		printf "}}\n"
	}' >"$tmp/req.jsonl"
	t=$(best "$IAMGATE" evaluate --batch "$tmp/req.jsonl" -q)
	row "$k" "$t" key
done

#!/bin/sh
# run.sh - the `make bench` driver.  Never part of `make check`.
#
#   a) bench_eval: in-process decisions per second on compiled policies
#      (target: at least 2,000,000 per core), warm (each right after its
#      line is compiled) and resident (all sets kept, cold in cache), and
#      the pathological glob
#      (ns per byte must stay flat from 1 KiB to 64 KiB);
#   b) whole process: `iamgate evaluate --batch` against iam-simulate in node
#      (bench/simulate.mjs) on the same 3,000 cases of tests/diff/cases.jsonl
#      (target: at least 100x faster); skipped when node or the oracle
#      package (cd oracle && npm install) is missing;
#   c) memory: the maximum resident set of `evaluate --batch` for 1,000,
#      10,000 and 100,000 request lines (it must stay flat);
#   d) a summary with the exact commands and the figures as ratios, for the
#      README.
#
# Environment (make bench sets them): IAMGATE, BENCH_EVAL, top_srcdir;
# optional: BENCH_BUILD (compiler and flags, for the summary), NODE,
# IAM_ORACLE_DIR, BENCH_CASES (default tests/diff/cases.jsonl),
# BENCH_RUNS (hyperfine runs, default 5), BENCH_NO_TOOLS=1 (time with
# date and /proc even when hyperfine and /usr/bin/time are installed).
# Exit status: 0 when every measurement ran (a missed target is reported,
# not fatal: the figures depend on the machine), 1 when one failed.
set -u
LC_ALL=C
export LC_ALL

: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${IAMGATE:=./iamgate}"
: "${BENCH_EVAL:=./bench/bench_eval}"
: "${NODE:=node}"
: "${BENCH_RUNS:=5}"
BENCH_BUILD=$(printf "%s" "${BENCH_BUILD:-}" | sed "s/[[:space:]]*$//")
cases=${BENCH_CASES:-$top_srcdir/tests/diff/cases.jsonl}
oracle=${IAM_ORACLE_DIR:-$top_srcdir/oracle}
simulate=$top_srcdir/bench/simulate.mjs
NCASES=3000

die() {
	echo "bench: $*" >&2
	exit 1
}
for f in "$IAMGATE" "$BENCH_EVAL"; do
	[ -x "$f" ] || die "$f: not built (run: make bench)"
done
[ -f "$cases" ] || die "$cases: no such file"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/iamgate-bench.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

# 1234567 -> 1,234,567
commas() {
	echo "$1" | sed -e ':a' -e 's/^\([0-9]*\)\([0-9]\{3\}\)/\1,\2/' -e 't a' | sed 's/^,//'
}
# awk arithmetic on decimal strings: calc EXPR
calc() {
	awk "BEGIN { printf \"%s\", $1 }"
}

cpu=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo 2>/dev/null | head -n 1)
ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
version=$("$IAMGATE" --version 2>/dev/null | head -n 1)
echo "bench: $version on ${cpu:-unknown CPU} ($ncpu CPUs, $(uname -sm))"
[ -n "${BENCH_BUILD:-}" ] && echo "bench: built with ${BENCH_BUILD}"
case ${BENCH_BUILD:-} in
*-fsanitize*) echo "bench: WARNING: built with sanitizers; the figures are not representative" ;;
esac

status=0

# ---------------------------------------------------------------- a) in-process
echo
echo "== a) in-process decisions (bench_eval) =="
case $cases in
"$top_srcdir"/*) cases_rel=${cases#"$top_srcdir"/} ;;
*) cases_rel=$cases ;;
esac
cmd_a="bench/bench_eval $cases_rel"
"$BENCH_EVAL" "$cases" | tee "$tmp/eval.out"
[ "$(wc -l <"$tmp/eval.out")" -gt 0 ] || status=1
# warm: each decision right after its line is compiled (as --batch);
# resident: all compiled sets kept, decided in passes (cold in cache)
figure() {
	sed -n "s/^eval: $1: \\([0-9]*\\) decisions\\/s per core, \\([0-9.]*\\) ns\\/decision\$/\\$2/p" "$tmp/eval.out"
}
dps=$(figure warm 1)
nsd=$(figure warm 2)
dps_r=$(figure resident 1)
nsd_r=$(figure resident 2)
nreq=$(sed -n 's/^eval: .*: \([0-9]*\) requests parsed.*/\1/p' "$tmp/eval.out")
glob_ratio=$(sed -n 's/^glob: ns\/byte at 64 KiB \/ at 1 KiB = \([0-9.]*\).*/\1/p' "$tmp/eval.out")
glob_1k=$(sed -n 's/^glob: *1 KiB text: \([0-9.]*\) ns\/byte.*/\1/p' "$tmp/eval.out")
glob_64k=$(sed -n 's/^glob: *64 KiB text: \([0-9.]*\) ns\/byte.*/\1/p' "$tmp/eval.out")
if [ -n "$dps" ] && [ -n "$dps_r" ]; then
	eval_vs_target=$(calc "$dps / 2000000")
	resident_vs_target=$(calc "$dps_r / 2000000")
	for v in "$dps:warm" "$dps_r:resident"; do
		if [ "${v%%:*}" -ge 2000000 ]; then verdict="met"; else verdict="NOT met"; fi
		echo "bench: ${v#*:}: $(commas "${v%%:*}") decisions/s per core = $(awk "BEGIN { printf \"%.2f\", ${v%%:*} / 2000000 }")x the 2,000,000 target ($verdict)"
	done
else
	echo "bench: bench_eval failed" >&2
	status=1
fi

# ---------------------------------------------------------------- b) whole process
echo
echo "== b) whole process: iamgate evaluate --batch vs iam-simulate (node) =="
head -n "$NCASES" "$cases" >"$tmp/cases-$NCASES.jsonl"
n_b=$(wc -l <"$tmp/cases-$NCASES.jsonl")
skip_b=
if ! command -v "$NODE" >/dev/null 2>&1; then
	skip_b="node is not installed"
elif ! [ -d "$oracle/node_modules/@cloud-copilot/iam-simulate" ]; then
	skip_b="the oracle is not installed (cd oracle && npm install)"
fi
cmd_ig="iamgate evaluate --batch cases-$NCASES.jsonl"
cmd_sim="node bench/simulate.mjs cases-$NCASES.jsonl"
if [ -n "$skip_b" ]; then
	echo "bench: skipped: $skip_b"
else
	# the same answers first, or the timing means nothing
	"$IAMGATE" evaluate --batch "$tmp/cases-$NCASES.jsonl" >"$tmp/ig.out" 2>"$tmp/ig.err"
	IAM_ORACLE_DIR=$oracle "$NODE" "$simulate" "$tmp/cases-$NCASES.jsonl" >"$tmp/sim.out" 2>"$tmp/sim.err"
	rc_sim=$?
	if [ "$rc_sim" -eq 3 ]; then
		skip_b=$(cat "$tmp/sim.err")
		echo "bench: skipped: $skip_b"
	else
		agree=$(paste -d '\n' "$tmp/ig.out" "$tmp/sim.out" |
			sed -n 's/.*"decision": *"\([A-Za-z]*\)".*/\1/p; t; s/.*/-/p' |
			awk 'NR % 2 { a = $0; next } $0 == a && a != "-" { n++ } END { print n + 0 }')
		echo "bench: $(commas "$n_b") requests; iamgate and iam-simulate agree on $(commas "$agree")"
		if [ -z "${BENCH_NO_TOOLS:-}" ] && command -v hyperfine >/dev/null 2>&1; then
			tool_b="hyperfine --warmup 1 --runs $BENCH_RUNS -N -i"
			(cd "$tmp" && hyperfine --warmup 1 --runs "$BENCH_RUNS" -N -i \
				--export-json "$tmp/hf.json" \
				-n iamgate "$IAMGATE evaluate --batch cases-$NCASES.jsonl" \
				-n "iamgate -j1" "$IAMGATE evaluate --batch cases-$NCASES.jsonl -j1" \
				-n iam-simulate "$NODE $simulate --oracle $oracle cases-$NCASES.jsonl") || status=1
			# mean seconds of each command, in order
			times=$(tr ',{}' '\n\n\n' <"$tmp/hf.json" | sed -n 's/^ *"mean": *\([0-9.e+-]*\).*/\1/p')
			t_ig=$(echo "$times" | sed -n 1p)
			t_ig1=$(echo "$times" | sed -n 2p)
			t_sim=$(echo "$times" | sed -n 3p)
		else
			tool_b="a shell loop timed with date +%s%N, 1 warm-up and $BENCH_RUNS runs each"
			timeit() {	# prints the mean seconds of "$@" over BENCH_RUNS runs
				"$@" >/dev/null 2>&1
				t0=$(date +%s%N)
				i=0
				while [ "$i" -lt "$BENCH_RUNS" ]; do
					"$@" >/dev/null 2>&1
					i=$((i + 1))
				done
				t1=$(date +%s%N)
				calc "($t1 - $t0) / 1e9 / $BENCH_RUNS"
			}
			t_ig=$(cd "$tmp" && timeit "$IAMGATE" evaluate --batch "cases-$NCASES.jsonl")
			t_ig1=$(cd "$tmp" && timeit "$IAMGATE" evaluate --batch "cases-$NCASES.jsonl" -j1)
			t_sim=$(cd "$tmp" && timeit "$NODE" "$simulate" --oracle "$oracle" "cases-$NCASES.jsonl")
		fi
		if [ -n "${t_ig:-}" ] && [ -n "${t_sim:-}" ]; then
			ratio_b=$(calc "$t_sim / $t_ig")
			ms_ig=$(calc "$t_ig * 1000")
			ms_sim=$(calc "$t_sim * 1000")
			if awk "BEGIN { exit !($ratio_b >= 100) }"; then verdict_b="met"; else verdict_b="NOT met"; fi
			ratio_b1=$(calc "$t_sim / $t_ig1")
			ms_ig1=$(calc "$t_ig1 * 1000")
			printf 'bench: iamgate %.1f ms (%s threads), iam-simulate %.1f ms: iamgate is %.1fx faster (target 100x: %s)\n' \
				"$ms_ig" "$ncpu" "$ms_sim" "$ratio_b" "$verdict_b"
			printf 'bench: iamgate -j1 %.1f ms: %.1fx faster on one thread\n' "$ms_ig1" "$ratio_b1"
		else
			echo "bench: the timing failed" >&2
			status=1
		fi
	fi
fi

# ---------------------------------------------------------------- c) memory
echo
echo "== c) memory: max RSS of evaluate --batch by batch length =="
# maxrss FILE: kilobytes
if [ -z "${BENCH_NO_TOOLS:-}" ] && [ -x /usr/bin/time ]; then
	cmd_c="/usr/bin/time -f %M iamgate evaluate --batch FILE"
	note_c=
	maxrss() {
		/usr/bin/time -f '%M' -o "$tmp/rss" "$IAMGATE" evaluate --batch "$1" >/dev/null 2>&1
		tail -n 1 "$tmp/rss"
	}
else
	cmd_c="iamgate evaluate --batch FILE"
	note_c=" (VmHWM of /proc/PID/status, polled)"
	maxrss() {
		"$IAMGATE" evaluate --batch "$1" >/dev/null 2>&1 &
		pid=$!
		hwm=0
		# VmHWM only grows; it is gone once the process has exited
		while v=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null) &&
		    [ -n "$v" ]; do
			hwm=$v
			sleep 0.005
		done
		wait "$pid"
		echo "$hwm"
	}
fi
rss_lines=
for n in 1000 10000 100000; do
	awk -v n="$n" 'NF { line[k++] = $0 } END { for (i = 0; i < n; i++) print line[i % k] }' \
		"$cases" >"$tmp/batch-$n.jsonl"
	rss=$(maxrss "$tmp/batch-$n.jsonl")
	rm -f "$tmp/batch-$n.jsonl"
	if [ -z "$rss" ] || [ "$rss" -eq 0 ]; then
		echo "bench: measuring $n lines failed" >&2
		status=1
		continue
	fi
	[ "$n" -eq 1000 ] && rss_1k=$rss
	[ "$n" -eq 100000 ] && rss_100k=$rss
	printf 'bench: %7s lines: max RSS %s KiB\n' "$(commas "$n")" "$(commas "$rss")"
	rss_lines="$rss_lines$(commas "$n") lines: $(commas "$rss") KiB; "
done
if [ -n "${rss_1k:-}" ] && [ -n "${rss_100k:-}" ]; then
	ratio_c=$(calc "$rss_100k / $rss_1k")
	printf 'bench: max RSS at 100,000 lines / at 1,000 lines = %.2f (1.00 = flat)\n' "$ratio_c"
fi

# ---------------------------------------------------------------- d) summary
echo
echo "== d) summary (for README) =="
echo
echo "Measured by \`make bench\` (bench/run.sh) on ${cpu:-unknown CPU}, $ncpu CPUs, $(uname -sm); $version${BENCH_BUILD:+, built with $BENCH_BUILD}."
echo
echo "| what | command | figure |"
echo "| --- | --- | --- |"
if [ -n "$dps" ]; then
	printf '| decisions per second, one core, each right after its policies are compiled, as `--batch` decides (%s requests) | `%s` | %s decisions/s, %s ns/decision = %.2fx the 2,000,000/s target |\n' \
		"$(commas "$nreq")" "$cmd_a" "$(commas "$dps")" "$nsd" "$eval_vs_target"
	printf '| decisions per second, one core, all %s compiled sets resident and cycled (cold in cache) | `%s` | %s decisions/s, %s ns/decision = %.2fx the 2,000,000/s target |\n' \
		"$(commas "$nreq")" "$cmd_a" "$(commas "$dps_r")" "$nsd_r" "$resident_vs_target"
fi
if [ -n "$glob_ratio" ]; then
	printf '| glob `*a*a*...*a*b` (20 `*a`) on 1 KiB to 64 KiB of `a` | `%s` | %s ns/byte at 1 KiB, %s ns/byte at 64 KiB: ratio %s (1.00 = linear) |\n' \
		"bench/bench_eval -g" "$glob_1k" "$glob_64k" "$glob_ratio"
fi
if [ -n "${ratio_b:-}" ]; then
	printf '| whole process, %s requests, vs iam-simulate %s in node | `%s` vs `%s` (%s) | %.1f ms vs %.1f ms: %.1fx faster (%s threads; `-j1`: %.1f ms, %.1fx) (same decision on %s of %s) |\n' \
		"$(commas "$n_b")" "$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$oracle/node_modules/@cloud-copilot/iam-simulate/package.json" | head -n 1)" \
		"$cmd_ig" "$cmd_sim" "$tool_b" "$ms_ig" "$ms_sim" "$ratio_b" "$ncpu" "$ms_ig1" "$ratio_b1" "$(commas "$agree")" "$(commas "$n_b")"
else
	echo "| whole process vs iam-simulate | \`$cmd_ig\` vs \`$cmd_sim\` | skipped: ${skip_b:-failed} |"
fi
if [ -n "${ratio_c:-}" ]; then
	printf '| max RSS by batch length (case lines repeated) | `%s`%s | %s100,000 / 1,000 lines = %.2fx |\n' \
		"$cmd_c" "$note_c" "$rss_lines" "$ratio_c"
fi
exit $status

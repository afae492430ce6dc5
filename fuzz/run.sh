#!/bin/sh
# run.sh - seed and run every fuzz target for a while; fail on a finding.
#
# Usage: fuzz/run.sh SECONDS
#
# Run it from a build directory configured for fuzzing:
#     CC=clang ./configure --enable-fuzzing --enable-sanitizers
#     fuzz/run.sh 60
# It (re)builds the fuzz targets with make, builds the seed corpora
# (fuzz/seed.sh; plus the committed minimised corpus fuzz/corpus/<target>/
# and the reproducers fuzz/crashes/<target>-*), then runs each target for
# SECONDS seconds
# with ASan, UBSan and leak detection.  New inputs are kept in
# fuzz/corpus-<target>/ of the build directory, so later runs start where
# this one stopped.  On a crash, leak, timeout or out-of-memory it prints
# the end of the log and where libFuzzer left the input
# (fuzz/artifacts/<target>-crash-<sha1> ...), and exits 1 once every target
# has run.  The summary gives, per target, the executions, the coverage
# (libFuzzer's cov: edges and ft: features) and the crashes found.
#
# Environment: FUZZ_TARGETS (default "fuzz_policy fuzz_request fuzz_lint
# fuzz_template fuzz_template_yaml fuzz_awsini fuzz_account fuzz_answer"),
# FUZZ_BUILDDIR (default: the working directory), FUZZ_ARGS (more libFuzzer
# options, e.g. "-jobs=2 -workers=2"; see -help=1).
set -u

if [ $# -ne 1 ] || ! [ "$1" -gt 0 ] 2>/dev/null; then
	echo "usage: $0 SECONDS" >&2
	exit 2
fi
secs=$1
srcdir=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${FUZZ_BUILDDIR:-.}" && pwd)
targets=${FUZZ_TARGETS:-fuzz_policy fuzz_request fuzz_lint fuzz_template fuzz_template_yaml fuzz_awsini fuzz_account fuzz_answer}
work=$build/fuzz

# configure comments the ENABLE_FUZZING lines of the Makefile out when off
if [ -f "$build/Makefile" ] && grep -q '^[^#]*= *-fsanitize=fuzzer-no-link' "$build/Makefile"; then
	progs=
	for t in $targets; do
		progs="$progs fuzz/$t"
	done
	# shellcheck disable=SC2086
	make -C "$build" $progs || { echo "run.sh: building the fuzz targets failed" >&2; exit 2; }
elif [ -f "$build/Makefile" ]; then
	echo "run.sh: $build is not configured for fuzzing:" >&2
	echo "  CC=clang ./configure --enable-fuzzing --enable-sanitizers" >&2
	exit 2
fi
for t in $targets; do
	if ! [ -x "$build/fuzz/$t" ]; then
		echo "run.sh: no $build/fuzz/$t; configure with:" >&2
		echo "  CC=clang ./configure --enable-fuzzing --enable-sanitizers && make fuzz/$t" >&2
		exit 2
	fi
done

mkdir -p "$work/artifacts"
top_srcdir=$srcdir sh "$srcdir/fuzz/seed.sh" "$work/corpus-seed" || exit 2

ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS

status=0
summary=
for t in $targets; do
	dict=$srcdir/fuzz/iam.dict
	case $t in
	fuzz_policy) seeds=$work/corpus-seed/policy ;;
	fuzz_request) seeds=$work/corpus-seed/request ;;
	fuzz_lint) seeds="$work/corpus-seed/policy $work/corpus-seed/template" ;;
	fuzz_template) seeds=$work/corpus-seed/template ;;
	fuzz_template_yaml) seeds=$work/corpus-seed/template_yaml dict=$srcdir/fuzz/yaml.dict ;;
	fuzz_awsini) seeds=$work/corpus-seed/awsini dict=$srcdir/fuzz/awsini.dict ;;
	fuzz_account) seeds=$work/corpus-seed/account ;;
	*) seeds= ;;
	esac
	[ -d "$srcdir/fuzz/corpus/$t" ] && seeds="$seeds $srcdir/fuzz/corpus/$t"
	corpus=$work/corpus-${t#fuzz_}
	log=$work/artifacts/$t.log
	mkdir -p "$corpus"
	rm -f "$work/artifacts/$t-"*
	echo "run.sh: $t for ${secs}s (corpus $corpus, log $log)"
	# From the source directory, so that the relative policy paths of the
	# request seeds resolve; standard input is never read.
	# shellcheck disable=SC2086
	(cd "$srcdir" && exec "$build/fuzz/$t" \
		-max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 \
		-timeout=30 -dict="$dict" \
		-artifact_prefix="$work/artifacts/$t-" -print_final_stats=1 \
		${FUZZ_ARGS:-} "$corpus" $seeds) </dev/null >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	crashes=0
	for a in "$work/artifacts/$t-"*; do
		case $a in *.log) continue ;; esac
		[ -f "$a" ] && crashes=$((crashes + 1))
	done
	if [ "$rc" -ne 0 ]; then
		status=1
		echo "run.sh: $t FAILED (exit $rc); end of $log:" >&2
		tail -n 60 "$log" >&2
		for a in "$work/artifacts/$t-"*; do
			case $a in *.log) continue ;; esac
			[ -f "$a" ] && echo "run.sh: reproducer: $a" >&2
		done
		summary="$summary
  $t: FAILED (exit $rc), ${execs:-?} runs, cov ${cov:-?}, ft ${ft:-?}, crashes $crashes, see $log"
	else
		summary="$summary
  $t: ok, ${execs:-?} runs in ${secs}s, cov ${cov:-?}, ft ${ft:-?}, crashes $crashes, corpus $(find "$corpus" -type f | wc -l) inputs"
	fi
done
echo "run.sh: summary:$summary"
exit $status

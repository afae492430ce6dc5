#!/bin/sh
# seed.sh - build the seed corpora of the fuzz targets.
#
# Usage: fuzz/seed.sh OUTDIR
#
# OUTDIR/policy   policy documents for fuzz_policy: the AWS managed policies
#                 of ../shared/corpus/aws-managed/ (when present), the
#                 example policies, the invalid-input suite, the
#                 hand-written seeds of fuzz/seeds/policy/ and the
#                 reproducers fuzz/crashes/fuzz_policy-*
# OUTDIR/request  request lines for fuzz_request, one line a file: every
#                 line of tests/eval/*.jsonl, tests/diff/invalid.jsonl,
#                 fuzz/seeds/request/, and lines of tests/diff/cases.jsonl
#                 spread evenly over the file, at most FUZZ_MAX_REQUEST_SEEDS
#                 (default 3000) in all; plus the reproducers
#                 fuzz/crashes/fuzz_request-*, whole
#
# OUTDIR/template CloudFormation templates for fuzz_template (and
#                 fuzz_lint): every JSON file under tests/ that has a
#                 "Resources" member, at most 64 KiB each, and the
#                 reproducers fuzz/crashes/fuzz_template-* and fuzz_lint-*
# OUTDIR/template_yaml
#                 YAML templates for fuzz_template_yaml: every .yaml and
#                 .yml file under tests/, at most 64 KiB each, and the
#                 reproducers fuzz/crashes/fuzz_template_yaml-*
# OUTDIR/awsini  AWS config and credentials files for fuzz_awsini: fuzz/seeds/awsini/
#                 (config, then after two NUL bytes credentials), the profile
#                 fixtures of tests/golden/profile/ and tests/awscli/
#
# OUTDIR/account  account snapshots for fuzz_account: tests/account/ (the
#                 organization's snapshots and the bad ones) and the
#                 reproducers fuzz/crashes/fuzz_account-*
#
# OUTDIR is emptied first.  top_srcdir may be set; by default it is the
# directory above this script.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 OUTDIR" >&2
	exit 2
fi
out=$1
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
shared=$top_srcdir/../shared
max=${FUZZ_MAX_REQUEST_SEEDS:-3000}

rm -rf "$out/policy" "$out/request" "$out/template" "$out/template_yaml" "$out/account"
mkdir -p "$out/policy" "$out/request" "$out/template" "$out/template_yaml" "$out/account"

# ---- account snapshots for fuzz_account
for f in "$top_srcdir"/tests/account/*.json "$top_srcdir"/tests/account/bad/* \
    "$top_srcdir"/fuzz/crashes/fuzz_account-*; do
	[ -f "$f" ] || continue
	cat "$f" >"$out/account/$(basename "$f")"
done

# ---- policies
npol=0
copy_policy() {	# SRC NAME
	cat "$1" >"$out/policy/$2"
	npol=$((npol + 1))
}
if [ -d "$shared/corpus/aws-managed" ]; then
	for f in "$shared"/corpus/aws-managed/*.json; do
		[ -f "$f" ] || continue
		copy_policy "$f" "aws-$(basename "$f")"
	done
else
	echo "seed.sh: $shared/corpus/aws-managed not found: no managed policies" >&2
fi
for f in "$top_srcdir"/fuzz/seeds/policy/* "$top_srcdir"/policies/examples/*.json \
    "$top_srcdir"/fuzz/crashes/fuzz_policy-*; do
	[ -f "$f" ] || continue
	copy_policy "$f" "seed-$(basename "$f")"
done
for d in "$top_srcdir"/tests/parse/*/; do
	[ -f "$d/input" ] || continue
	copy_policy "$d/input" "parse-$(basename "$d")"
done

# ---- requests: one line a file
: >"$out/request/.list"
for f in "$top_srcdir"/tests/eval/*.jsonl "$top_srcdir"/tests/diff/invalid.jsonl \
    "$top_srcdir"/fuzz/seeds/request/*.jsonl; do
	[ -f "$f" ] || continue
	awk -v tag="$(basename "$f" .jsonl)" 'NF { print tag "\t" $0 }' "$f" >>"$out/request/.list"
done
nfixed=$(wc -l <"$out/request/.list")
cases=$top_srcdir/tests/diff/cases.jsonl
if [ -f "$cases" ] && [ "$nfixed" -lt "$max" ]; then
	ncases=$(awk 'NF { n++ } END { print n + 0 }' "$cases")
	want=$((max - nfixed))
	awk -v n="$ncases" -v want="$want" '
		NF {
			i++
			# keep line i when it crosses the next of `want` even steps
			if (want >= n || int(i * want / n) != int((i - 1) * want / n))
				print "cases\t" $0
		}' "$cases" >>"$out/request/.list"
fi
# write each line to its own file (awk closes each, so no descriptor limit)
awk -F '\t' -v dir="$out/request" -v max="$max" '
	NR > max { exit }
	{
		line = substr($0, length($1) + 2)
		f = sprintf("%s/%s-%05d", dir, $1, NR)
		printf "%s", line > f
		close(f)
	}' "$out/request/.list"
rm -f "$out/request/.list"
# reproducers are exact inputs, newlines and all
for f in "$top_srcdir"/fuzz/crashes/fuzz_request-*; do
	[ -f "$f" ] || continue
	cat "$f" >"$out/request/repro-$(basename "$f")"
done
nreq=$(find "$out/request" -type f | wc -l)

# ---- templates
i=0
find "$top_srcdir/tests" -name '*.json' -size -65k -type f 2>/dev/null | sort |
while read -r f; do
	grep -q '"Resources"' "$f" || continue
	i=$((i + 1))
	cat "$f" >"$out/template/t-$i-$(basename "$f")"
done
for f in "$top_srcdir"/fuzz/crashes/fuzz_template-* "$top_srcdir"/fuzz/crashes/fuzz_lint-*; do
	[ -f "$f" ] || continue
	cat "$f" >"$out/template/repro-$(basename "$f")"
done
ntpl=$(find "$out/template" -type f | wc -l)

# ---- YAML templates
i=0
find "$top_srcdir/tests" \( -name '*.yaml' -o -name '*.yml' \) -size -65k -type f 2>/dev/null |
sort | while read -r f; do
	i=$((i + 1))
	cat "$f" >"$out/template_yaml/y-$i-$(basename "$f")"
done
for f in "$top_srcdir"/fuzz/crashes/fuzz_template_yaml-*; do
	[ -f "$f" ] || continue
	cat "$f" >"$out/template_yaml/repro-$(basename "$f")"
done
nyaml=$(find "$out/template_yaml" -type f | wc -l)


# ---- AWS config files: the committed seeds, every profile fixture
rm -rf "$out/awsini"
mkdir -p "$out/awsini"
for f in "$top_srcdir"/fuzz/seeds/awsini/* "$top_srcdir"/tests/golden/profile/*.config \
    "$top_srcdir"/tests/golden/profile/*.credentials "$top_srcdir"/tests/awscli/diff.config \
    "$top_srcdir"/fuzz/crashes/fuzz_awsini-*; do
	[ -f "$f" ] || continue
	cat "$f" >"$out/awsini/$(basename "$(dirname "$f")")-$(basename "$f")"
done
nini=$(find "$out/awsini" -type f | wc -l)

echo "seed.sh: $npol policies in $out/policy, $nreq request lines in $out/request, $ntpl templates in $out/template, $nyaml YAML templates in $out/template_yaml, $nini files in $out/awsini, $(find "$out/account" -type f | wc -l) snapshots in $out/account"

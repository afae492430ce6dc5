#!/bin/sh
# gen-aws-managed.sh CORPUS_DIR [OUT] - write policies/aws-managed.jsonl, the
# AWS managed policies that iamgate embeds (core/managed.h), from a copy of
# the MAMIP archive (github.com/zoph-io/MAMIP, "AWS Managed Policy Changes
# Archive", GPL-3.0; it fetches every policy with `aws iam list-policies
# --scope AWS` and `get-policy-version` of the default version).
#
# CORPUS_DIR holds that copy as laid out by the project's shared corpus:
# aws-managed/<PolicyName>.json (each the default version's document) and
# aws-managed-index.json (per policy: Arn, DefaultVersionId, UpdateDate,
# and "dir": the current policies are those with dir "aws-managed").
#
# Output: one line per policy, sorted by ARN, compact JSON (no white space
# outside strings: the size of the binary is what matters):
#   {"arn":"arn:aws:iam::aws:policy/...","version":"vN","document":{...}}
# Needs jq.  Never part of the build: the output is committed.
set -eu
dir=${1:?usage: gen-aws-managed.sh CORPUS_DIR [OUT]}
out=${2:-$(dirname "$0")/../policies/aws-managed.jsonl}
index=$dir/aws-managed-index.json
tmp=$out.tmp
: >"$tmp"
jq -r 'to_entries[] | select(.value.dir == "aws-managed")
	| [.value.Arn, .key, .value.DefaultVersionId] | @tsv' "$index" | LC_ALL=C sort |
while IFS='	' read -r arn name version; do
	jq -c --arg arn "$arn" --arg v "$version" \
		'{arn: $arn, version: $v, document: .}' "$dir/aws-managed/$name.json" >>"$tmp"
done
mv -f "$tmp" "$out"
echo "$(wc -l <"$out") policies, $(wc -c <"$out") bytes: $out" >&2

#!/bin/sh
# run-batch.sh FILE.jsonl - replay a request file through `iamgate evaluate
# --batch` and require every case to meet its "expect".  A case may also
# say why: "decidedBy" (the layer that decides, as --explain names it) and
# "matched" (the applying statements of that layer, in order: each its Sid,
# or its index when it has none), compared with the --explain output.
#
# Files named invalid*.jsonl hold requests that must each be rejected
# (exit status 3) with exactly the error line that FILE's side file
# invalid*.errors holds, in order: the lines iamgate prints, with the
# request file's directory left out of any path.
#
# Prints one line per failing case.
set -u
file=$1
: "${IAMGATE:?IAMGATE must name the iamgate binary}"
tmp=$(mktemp) || exit 99
trap 'rm -f "$tmp" "$tmp.x"' EXIT
"$IAMGATE" evaluate --batch "$file" >"$tmp" 2>/dev/null
rc=$?
total=$(grep -c . "$file")
case $(basename "$file") in
invalid*)
	expected=${file%.jsonl}.errors
	errors=$(grep -c '"error":' "$tmp")
	if [ "$rc" != 3 ] || [ "$errors" != "$total" ]; then
		echo "FAIL: $file: $errors of $total requests rejected, exit $rc (expected all, exit 3)"
		grep -v '"error":' "$tmp" | head -20
		exit 1
	fi
	if [ ! -f "$expected" ]; then
		echo "FAIL: $file: no $expected with the expected error lines"
		exit 1
	fi
	dir=$(dirname "$file")/
	awk -v dir="$dir" '{ while ((i = index($0, dir))) $0 = substr($0, 1, i - 1) substr($0, i + length(dir)); print }' \
		"$tmp" >"$tmp.x"
	if ! diff -u "$expected" "$tmp.x"; then
		echo "FAIL: $file: the error lines differ from $expected (- expected, + printed)"
		exit 1
	fi
	echo "$total passed, 0 failed (each error text as expected)"
	exit 0
	;;
esac
bad=$(grep -c -e '"match":false' -e '"error":' "$tmp")
if [ "$rc" != 0 ] || [ "$bad" != 0 ]; then
	grep -e '"match":false' -e '"error":' "$tmp" | head -50
	echo "FAIL: $file: $bad of $total cases not as expected (exit $rc)"
	exit 1
fi
if ! grep -q -e '"decidedBy"' -e '"matched"' "$file"; then
	echo "$total passed, 0 failed"
	exit 0
fi

# Why: the cases' "decidedBy" and "matched" against --explain, line by line
# (a blank line prints nothing).  The request lines are hand-written JSON,
# the output is iamgate's compact JSON; both are read with patterns, which
# suffice for these members (a layer name; Sids and indexes).
"$IAMGATE" evaluate --batch "$file" --explain >"$tmp.x" 2>/dev/null
annotated=$(grep -c -e '"decidedBy"' -e '"matched"' "$file")
awk -v file="$file" -v annotated="$annotated" '
# the string value of member k of JSON text s, or "" when absent
function member(s, k,   v) {
	if (!match(s, "\"" k "\"[ \t]*:[ \t]*\"[^\"]*\""))
		return ""
	v = substr(s, RSTART, RLENGTH)
	sub(/^"[^"]*"[ \t]*:[ \t]*"/, "", v)
	sub(/"$/, "", v)
	return v
}
# the array member k of s, without its brackets and the blanks between
# its elements; "-" when absent
function list(s, k,   v) {
	if (!match(s, "\"" k "\"[ \t]*:[ \t]*\\[[^]]*\\]"))
		return "-"
	v = substr(s, RSTART, RLENGTH)
	sub(/^[^[]*\[[ \t]*/, "", v)
	sub(/[ \t]*\]$/, "", v)
	gsub(/[ \t]*,[ \t]*/, ",", v)
	return v
}
# the statements --explain lists for layer l: each its Sid (quoted) or its
# index, comma-separated; none for "none" (sts:GetCallerIdentity)
function statements(o, l,   i, seg, tok, out) {
	if (l == "none")	# decided by no layer: nothing matched
		return ""
	if (!(i = index(o, "{\"layer\":\"" l "\"")))
		return "(no layer " l ")"
	seg = substr(o, i)
	seg = substr(seg, 1, index(seg, "]}"))
	out = ""
	while (match(seg, /"sid":(null|"([^"\\]|\\.)*"),"index":[0-9]+/)) {
		tok = substr(seg, RSTART, RLENGTH)
		seg = substr(seg, RSTART + RLENGTH)
		if (tok ~ /^"sid":null/)
			sub(/^.*"index":/, "", tok)
		else {
			sub(/^"sid":/, "", tok)
			sub(/,"index":[0-9]+$/, "", tok)
		}
		out = out (out == "" ? "" : ",") tok
	}
	return out
}
FNR == NR { if ($0 ~ /[^ \t]/) req[++n] = $0; next }
{ out[++m] = $0 }
END {
	for (i = 1; i <= n; i++) {
		want_by = member(req[i], "decidedBy")
		want_st = list(req[i], "matched")
		if (want_by == "" && want_st == "-")
			continue
		id = member(req[i], "id")
		if (id != member(out[i], "id")) {
			printf "%s: request %d (%s): the output is out of step: %s\n", file, i, id, out[i]
			skew++
			continue
		}
		checked++
		by = member(out[i], "decidedBy")
		wrong = 0
		if (want_by != "" && by != want_by) {
			printf "%s: %s: decided by %s, expected decidedBy %s (%s)\n",
				file, id, by, want_by, member(out[i], "reason")
			wrong = 1
		}
		if (want_st != "-" && (got = statements(out[i], by)) != want_st) {
			printf "%s: %s: %s matched [%s], expected [%s]\n",
				file, id, by, got, want_st
			wrong = 1
		}
		bad += wrong
	}
	if (checked + skew != annotated) {
		printf "FAIL: %s: %d lines say why, %d were read\n", file, annotated, checked
		exit 1
	}
	if (bad || skew) {
		printf "FAIL: %s: %d of the %d cases that say why not as expected\n", file, bad + skew, annotated
		exit 1
	}
	printf "%d passed, 0 failed (%d with the deciding layer or statements)\n", n, checked
}' "$file" "$tmp.x"

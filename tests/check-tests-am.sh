#!/bin/sh
# tests/tests.am must list every golden and batch case (run ./autogen.sh).
cd "${top_srcdir:-.}" || exit 99
for f in tests/golden/*.cmd tests/eval/*.jsonl tests/diff/*.jsonl; do
	[ -f "$f" ] || continue
	grep -q "	$f\( \\\\\)\{0,1\}\$" tests/tests.am || { echo "FAIL: $f is not in tests/tests.am: run ./autogen.sh"; exit 1; }
done
echo "1 passed, 0 failed"

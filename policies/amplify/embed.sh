#!/bin/sh
# embed.sh FILE... - print src/embedded_amplify.c: each data file of
# policies/amplify as a C string, named by its path under policies/amplify/
# (the build runs this; nothing is parsed at startup until a list is used).
set -e
echo '/* Generated from policies/amplify by policies/amplify/embed.sh: do not edit. */'
echo '#include "config.h"'
echo
echo '#include <stddef.h>'
echo
echo '#include "amplify/amplify_impl.h"'
i=0
for f in "$@"; do
	echo
	echo "static const char data_$i[] ="
	# '?' is escaped against trigraphs
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' -e 's/^/	"/' -e 's/$/\\n"/' "$f"
	echo ';'
	i=$((i + 1))
done
echo
echo 'const struct iam_amplify_blob iam_amplify_blobs[] = {'
i=0
for f in "$@"; do
	path=${f##*policies/amplify/}
	echo "	{ \"$path\", data_$i, sizeof(data_$i) - 1 },"
	i=$((i + 1))
done
echo '	{ NULL, NULL, 0 },'
echo '};'

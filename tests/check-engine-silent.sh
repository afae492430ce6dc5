#!/bin/sh
# The layers below the command line never print and never exit (style.md):
# only src/cli/ may write to stdout/stderr or end the process.
cd "${top_srcdir:-.}/src" || exit 99
bad=$(grep -nE '\b(printf|fprintf|puts|fputs|putchar|perror|exit|abort)\s*\(|\b(stdout|stderr)\b' \
	core/*.c lint/*.c amplify/*.c live/*.c | grep -vE ':[0-9]+:\s*(/\*|\*)')
if [ -n "$bad" ]; then
	echo "engine code that prints or exits:"
	echo "$bad"
	exit 1
fi
banned=$(grep -nE '\b(strcpy|strcat|strncpy|sprintf|vsprintf|strtok|gmtime|localtime)\s*\(' */*.c)
if [ -n "$banned" ]; then
	echo "banned functions (see style.md):"
	echo "$banned"
	exit 1
fi
echo "1 passed, 0 failed"

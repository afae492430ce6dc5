#!/bin/sh
# Regenerate the build system: ./autogen.sh && ./configure && make
set -e
cd "$(dirname "$0")"
sh tests/gen-tests-am.sh
autoreconf --install --force

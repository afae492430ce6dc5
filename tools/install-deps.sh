#!/bin/sh
# install-deps.sh [--ci] - install what building and testing iamgate needs,
# from Debian's packages (Debian 12).  As root it runs apt-get itself;
# otherwise through sudo, and says so when there is no sudo.  --ci adds
# clang, for CI's fuzz and ThreadSanitizer builds, and the AWS CLI v2
# (awscli, python3-botocore) and openssl for the differential test of
# `iamgate profile` (tests/check-profile-awscli.sh) and for the loopback
# AWS stand-in of the live tests (tests/live/standin.py).  Packages already
# installed are left alone, and nothing is asked.
set -eu
need="build-essential autoconf automake pkg-config libjansson-dev libyaml-dev
      libpcre2-dev libcurl4-openssl-dev libxml2-dev libssl-dev libcmocka-dev"
[ "${1:-}" = --ci ] && need="$need clang awscli python3-botocore openssl"
missing=""
for p in $need; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -n "$missing" ] || exit 0
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO=sudo
else
	echo "install-deps.sh: not root and no sudo: install as root:$missing" >&2
	exit 1
fi
echo "install-deps.sh: installing$missing" >&2
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null

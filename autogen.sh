#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Generates ./configure. With --deps, first installs tracetop's build and
# test dependencies from the distribution (Debian/Ubuntu, apt-get, root).
set -e
cd "$(dirname "$0")"

DEPS="autoconf automake make gcc pkg-config clang llvm bpftool
libbpf-dev libelf-dev zlib1g-dev libncurses-dev libpcre2-dev libcmocka-dev
libmicrohttpd-dev libzstd-dev libdw-dev prometheus curl
tmux ncurses-term jq python3-jsonschema util-linux procps libbpf-tools
qemu-system-x86 busybox-static cpio e2fsprogs
valgrind libclang-rt-dev"

if [ "$1" = "--deps" ]; then
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "autogen.sh: --deps needs apt-get (Debian/Ubuntu); install these by hand:" >&2
		echo "  $DEPS" >&2
		exit 1
	fi
	SUDO=
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	echo "autogen.sh: installing with apt-get:" $DEPS
	$SUDO apt-get update
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $DEPS
	shift
fi

autoreconf --install --force
echo "autogen.sh: now run ./configure && make"

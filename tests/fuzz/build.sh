#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds tracetop's libFuzzer targets (fuzz-options, fuzz-theme,
# fuzz-event, fuzz-sanitize, fuzz-metrics, fuzz-recording) in BUILDDIR: libcore.a and libui.a are
# configured and built there with clang, coverage instrumentation, ASan
# and UBSan, then each tests/fuzz/fuzz_NAME.c is linked with libFuzzer.
#
#   tests/fuzz/build.sh BUILDDIR
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -eq 1 ] || { echo "usage: $0 BUILDDIR" >&2; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd)
cd "$out"

CLANG=${CLANG:-clang}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
# FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION: the recording reader skips
# its checksums, so that mutated chunks reach the decoders behind them.
if [ ! -f Makefile ]; then
	[ -x "$src/configure" ] || (cd "$src" && autoreconf --install --force >/dev/null 2>&1)
	CC=$CLANG CFLAGS="-g -O1 -fsanitize=fuzzer-no-link $SAN -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION" \
		"$src/configure" -q --with-cmocka=no
fi
make -s libcore.a libcli.a libout.a libui.a librec.a
# what the libraries link against (the event filter uses pcre2,
# recordings zstd and zlib)
LIBS=$(pkg-config --libs libpcre2-8 ncursesw libzstd zlib)

for t in options theme event sanitize metrics recording; do
	$CLANG -g -O1 -fsanitize=fuzzer $SAN \
		-I"$src/src/core" -I"$src/src/cli" -I"$src/src/out" -I"$src/src/rec" -I"$src/src/app" -I"$src/ui" -I"$out/bpf" -I"$src/bpf" -I"$src/tests/fuzz" \
		-include "$out/config.h" \
		-o "fuzz-$t" "$src/tests/fuzz/fuzz_$t.c" "$src/tests/fuzz/check.c" \
		libui.a libout.a librec.a libcli.a libcore.a $LIBS -lm
done
echo "fuzz targets built in $out: fuzz-options fuzz-theme fuzz-event fuzz-sanitize fuzz-metrics fuzz-recording"

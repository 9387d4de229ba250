#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Fuzzes each of tracetop's libFuzzer targets (built by build.sh in
# BUILDDIR) for SECONDS, as many at once as there are CPUs, starting from
# the checked-in seeds, and prints the executions of each. New inputs go
# to BUILDDIR/fuzz-work/NAME, never into the source tree; a crash, leak or
# timeout leaves its input in BUILDDIR/fuzz-work/ and fails the run
# (replay it with BUILDDIR/fuzz-NAME FILE).
#
#   tests/fuzz/run.sh BUILDDIR SECONDS [NAME...]   (default: every target)
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -ge 2 ] || { echo "usage: $0 BUILDDIR SECONDS [NAME...]" >&2; exit 2; }
out=$(cd "$1" && pwd)
secs=$2
shift 2
targets=${*:-options theme event sanitize metrics recording}
jobs=${FUZZ_JOBS:-$(nproc)}
work=$out/fuzz-work
mkdir -p "$work"
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
export UBSAN_OPTIONS

fuzz_one() {
	t=$1
	mkdir -p "$work/$t"
	"$out/fuzz-$t" -max_total_time="$secs" -print_final_stats=1 -timeout=10 \
		-rss_limit_mb=2048 -artifact_prefix="$work/$t-" \
		"$work/$t" "$src/tests/fuzz/corpus/$t" >"$work/$t.log" 2>&1
	echo $? >"$work/$t.rc"
}

running=0
for t in $targets; do
	[ -x "$out/fuzz-$t" ] || { echo "fuzz: $out/fuzz-$t is not built (tests/fuzz/build.sh)" >&2; exit 1; }
	fuzz_one "$t" &
	running=$((running + 1))
	if [ $running -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait

status=0
for t in $targets; do
	rc=$(cat "$work/$t.rc")
	stat() { sed -n "s/^stat::$1: *//p" "$work/$t.log" | tail -n 1; }
	cov=$(grep -o 'cov: [0-9]*' "$work/$t.log" | tail -n 1)
	printf 'fuzz %-9s %s s: %10s executions, %7s exec/s, %s, corpus %s inputs: %s\n' \
		"$t" "$secs" "$(stat number_of_executed_units)" "$(stat average_exec_per_sec)" \
		"${cov:-cov: ?}" "$(ls "$work/$t" | wc -l)" \
		"$([ "$rc" = 0 ] && echo ok || echo "FAILED (exit $rc)")"
	if [ "$rc" != 0 ]; then
		grep -E 'ERROR|runtime error|fuzz:|SUMMARY|Test unit written' "$work/$t.log" | head -n 20
		grep -A 12 -E 'ERROR: |runtime error' "$work/$t.log" | grep '#[0-9]' | head -n 12
		status=1
	fi
done
exit $status

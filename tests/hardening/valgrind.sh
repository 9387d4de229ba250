#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# memcheck of a real tracetop batch run with every source, while a
# workload execs, opens and makes syscalls: 0 errors and 0 bytes
# definitely lost, in text and in JSON mode, and in JSON mode with the
# metrics endpoint (--listen, --metrics-by container) scraped in both
# formats all along.
#
#   tests/hardening/valgrind.sh [BUILDDIR]   (default: the current directory)
#
# valgrind's bpf(2) wrapper reports a few false positives (see
# valgrind.supp for each one and why) and does not know some commands
# tracetop uses (MAP_LOOKUP_BATCH, LINK_CREATE, ENABLE_STATS,
# PROG_BIND_MAP): it neither checks nor marks their buffers, so memcheck
# cannot vouch for those calls; ASan (make check with --enable-sanitizers)
# covers the same code from the other side.
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-.}" && pwd)
TRACETOP=$build/tracetop
FLOOD=$build/tests/workload/workload
[ "$(id -u)" = 0 ] || { echo "valgrind.sh: needs root" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "valgrind.sh: install valgrind" >&2; exit 1; }
[ -x "$TRACETOP" ] && [ -x "$FLOOD" ] || { echo "valgrind.sh: build tracetop and tests/workload/workload first (make check builds it)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/tracetop-valgrind.XXXXXX)
load=
scraper=
trap '[ -n "$load" ] && kill "$load" 2>/dev/null; [ -n "$scraper" ] && kill "$scraper" 2>/dev/null; rm -rf "$tmp"' EXIT

# Scrapes where tracetop says it serves (in $tmp/vg), both formats, until
# killed; counts the answers in $tmp/scrapes.
scrape() {
	: >"$tmp/scrapes"
	while :; do
		ep=$(sed -n 's|.*serving metrics at http://\([^/]*\)/metrics.*|\1|p' "$tmp/vg" | head -n 1)
		if [ -n "$ep" ]; then
			curl -sf --max-time 5 "http://$ep/metrics" >/dev/null && echo t >>"$tmp/scrapes"
			curl -sf --max-time 5 -H 'Accept: application/openmetrics-text; version=1.0.0' \
				"http://$ep/metrics" >/dev/null && echo o >>"$tmp/scrapes"
		fi
		sleep 0.2
	done
}

# A bounded workload: stops by itself after two minutes at most.
workload() {
	end=$(($(date +%s) + 120))
	while [ "$(date +%s)" -lt "$end" ]; do
		"$FLOOD" execve vg 5 >/dev/null
		"$FLOOD" openat "$tmp" vg 200 >/dev/null
		"$FLOOD" getppid 20000 >/dev/null
		sleep 0.05
	done
}

status=0
for mode in batch json metrics; do
	start=$(date +%s)
	workload &
	load=$!
	: >"$tmp/vg"
	args="--$mode"
	if [ $mode = metrics ]; then
		args="--json --listen 0 --metrics-by container"
		scrape &
		scraper=$!
	fi
	# shellcheck disable=SC2086
	valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
		--suppressions="$here/valgrind.supp" \
		"$TRACETOP" $args -d 0.5 -n 4 >"$tmp/out" 2>"$tmp/vg"
	rc=$?
	kill "$load" 2>/dev/null
	wait "$load" 2>/dev/null
	load=
	if [ -n "$scraper" ]; then
		kill "$scraper" 2>/dev/null
		wait "$scraper" 2>/dev/null
		scraper=
	fi
	errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$tmp/vg" | tail -n 1)
	supp=$(sed -n 's/.*(suppressed: \([0-9]*\) from.*/\1/p' "$tmp/vg" | tail -n 1)
	definite=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$tmp/vg" | tr -d ,)
	grep -q 'All heap blocks were freed' "$tmp/vg" && definite=0
	if [ $mode != batch ]; then
		snaps=$(grep -c '"type":"snapshot"' "$tmp/out")
		events=$(grep -oE '"seq":[0-9]+,"type":"(exec|open)"' "$tmp/out" | wc -l)
	else
		snaps=$(grep -c '^=== tracetop ' "$tmp/out")
		events=$(grep -cE '^[0-9:.]+ (exec|open) ' "$tmp/out")
	fi
	echo "valgrind $mode: exit $rc, ${errors:-?} errors (${supp:-?} suppressed false positives)," \
		"definitely lost ${definite:-?} bytes, $snaps snapshots, $events events," \
		"$(($(date +%s) - start)) s$([ $mode = metrics ] && echo ", $(grep -c t "$tmp/scrapes") + $(grep -c o "$tmp/scrapes") scrapes (text + OpenMetrics)")"
	if [ $mode = metrics ] && ! { grep -q t "$tmp/scrapes" && grep -q o "$tmp/scrapes"; }; then
		echo "valgrind metrics: no scrape answered in both formats"
		status=1
	fi
	if [ "$rc" != 0 ] || [ "${errors:-1}" != 0 ] || [ "${definite:-1}" != 0 ] || [ "$snaps" != 4 ]; then
		echo "--- valgrind log ($mode):"
		grep -v 'unhandled eBPF command' "$tmp/vg" | tail -n 80
		status=1
	fi
done
exit $status

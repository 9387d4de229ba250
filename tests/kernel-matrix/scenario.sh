#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# One kernel-matrix run of tracetop: start `tracetop --json` with all the
# requested sources, wait for its first snapshot (every source has been
# tried and attached by then), drive the integration
# workload with a unique marker, stop tracetop with SIGINT (it writes a
# final snapshot) and leave everything in OUTDIR for the host to check.
#
# The same script runs on the host and as PID 1's child inside the guest
# (busybox ash), so it sticks to POSIX sh and busybox applets.
#
#   scenario.sh OUTDIR VFS_HOOK
#
# Environment: TRACETOP, TT_WORKLOAD, KM_MARKER (unique), KM_SOURCES,
# KM_WORKDIR (an empty directory for failed opens and reads/writes),
# KM_DIRECTDIR (a directory on a real disk for O_DIRECT writes, or empty
# to skip them), the counts KM_K (execs), KM_M (failed opens), KM_N
# (getppid; KM_M also failing path calls), KM_R and KM_W (reads, writes), KM_D (direct writes), and
# KM_START_TIMEOUT (seconds to wait for the first snapshot).
#
# OUTDIR/out.json is tracetop's NDJSON, OUTDIR/err its stderr,
# OUTDIR/workload.log the workload's output, OUTDIR/status one line per
# step ("workload exec rc=0", "tracetop rc=0", ...).
set -u

out=$1
hook=$2
mkdir -p "$out" || exit 1
: >"$out/status"

status() {
	echo "$*" >>"$out/status"
}

"$TRACETOP" --json -d 1 --sources "$KM_SOURCES" --vfs-hook="$hook" --log "$out/tracetop.log" \
	>"$out/out.json" 2>"$out/err" &
pid=$!

i=0
limit=$((KM_START_TIMEOUT * 10))
while ! grep -q '"type":"snapshot"' "$out/out.json" 2>/dev/null; do
	if ! kill -0 "$pid" 2>/dev/null; then
		wait "$pid"
		status "tracetop exited with $? before its first snapshot"
		exit 1
	fi
	i=$((i + 1))
	if [ "$i" -ge "$limit" ]; then
		kill -KILL "$pid" 2>/dev/null
		status "tracetop wrote no snapshot within $KM_START_TIMEOUT s"
		exit 1
	fi
	sleep 0.1
done
status "first snapshot after $((i / 10)).$((i % 10)) s"

wl() {
	name=$1
	shift
	"$TT_WORKLOAD" "$@" >>"$out/workload.log" 2>&1
	status "workload $name rc=$?"
}

wl exec exec "$KM_MARKER" "$KM_K"
wl failopen failopen "$KM_WORKDIR" "$KM_MARKER" "$KM_M"
wl failpath failpath "$KM_WORKDIR" "$KM_MARKER-path" "$KM_M"
wl getppid getppid "$KM_N"
wl rw rw "$KM_WORKDIR/rw" "$KM_R" "$KM_W"
if [ -n "$KM_DIRECTDIR" ]; then
	wl direct direct "$KM_DIRECTDIR/tracetop-direct.$$" "$KM_D"
fi

# Let one interval pass with the workload done, then stop: the final
# snapshot carries whatever arrived since the last tick.
sleep 1
kill -INT "$pid"
i=0
while kill -0 "$pid" 2>/dev/null; do
	i=$((i + 1))
	if [ "$i" -ge 300 ]; then
		kill -KILL "$pid" 2>/dev/null
		status "tracetop did not exit within 30 s of SIGINT"
		break
	fi
	sleep 0.1
done
wait "$pid"
status "tracetop rc=$?"
exit 0

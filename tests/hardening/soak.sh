#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Soak: tracetop under mixed exec/open/syscall storms for DURATION
# seconds, in batch mode (small 64 KiB rings, so events are certainly
# lost) and, when tmux is there, in the full-screen view in a detached
# tmux session (default rings). Every few seconds each process's VmRSS is
# sampled. It passes when neither crashes, RSS after the warm-up (a fifth
# of the run, at least 15 s) grows by at most 5 MB, the batch run reports
# its losses consistently (lost > 0; per-interval losses add up to the
# total), and both end cleanly (SIGINT for batch, 'q' for the view).
#
#   tests/hardening/soak.sh DURATION [BUILDDIR]   (as root; default: .)
#   SOAK_EVENTS=N  event log size of both (default 20000, so the log is
#                  full, i.e. warm, well within the warm-up)
set -u
[ $# -ge 1 ] || { echo "usage: $0 DURATION [BUILDDIR]" >&2; exit 2; }
DURATION=$1
build=$(cd "${2:-.}" && pwd)
TRACETOP=$build/tracetop
FLOOD=$build/tests/workload/workload
EVENTS=${SOAK_EVENTS:-20000}
GROWTH_MAX_KB=5120
WARMUP=$((DURATION / 5))
[ $WARMUP -ge 15 ] || WARMUP=15
STEP=3
[ "$DURATION" -le 120 ] || STEP=5
[ "$(id -u)" = 0 ] || { echo "soak: needs root" >&2; exit 1; }
[ "$DURATION" -gt $((WARMUP + 2 * STEP)) ] || { echo "soak: DURATION must exceed $((WARMUP + 2 * STEP)) s" >&2; exit 2; }
[ -x "$TRACETOP" ] && [ -x "$FLOOD" ] || { echo "soak: build tracetop and tests/workload/workload first" >&2; exit 1; }

tmp=$(mktemp -d /tmp/tracetop-soak.XXXXXX)
sock=tt-soak-$$
BATCH=
UI=
STORMS=
cleanup() {
	for p in $STORMS $BATCH; do kill "$p" 2>/dev/null; done
	tmux -L "$sock" kill-server 2>/dev/null
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
	echo "soak: FAIL: $*" >&2
	[ -s "$tmp/batch.err" ] && { echo "--- batch stderr:" >&2; tail -n 20 "$tmp/batch.err" >&2; }
	exit 1
}

rss_kb() {
	awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null
}

cpu_s() {
	awk '{ printf "%.1f", ($14 + $15) / 100 }' "/proc/$1/stat" 2>/dev/null
}

# Storms: each loop logs one line per round; they stop by the deadline.
deadline=$(($(date +%s) + DURATION))
storm() {
	name=$1
	shift
	i=0
	while [ "$(date +%s)" -lt "$deadline" ]; do
		"$@" "$i" >/dev/null 2>&1 || echo "round $i failed" >>"$tmp/$name.fail"
		echo "$i" >>"$tmp/$name.rounds"
		i=$((i + 1))
	done
}
opens_round() { "$FLOOD" -j 2 openat "$tmp" "soak$1" 20000; }
execs_round() { "$FLOOD" execve "soak$1" 50; }
sys_round() { "$FLOOD" getppid 1000000; }

# Batch: the text snapshots go through a FIFO to a filter that keeps the
# snapshot headers and source lines, so a long soak fills no disk.
mkfifo "$tmp/fifo"
grep --line-buffered -E '^=== tracetop |^  (exec|open) ' <"$tmp/fifo" >"$tmp/batch.txt" &
"$TRACETOP" --batch -d 1 --ringbuf-size 64 --events "$EVENTS" >"$tmp/fifo" 2>"$tmp/batch.err" &
BATCH=$!

if command -v tmux >/dev/null 2>&1; then
	# a shell in the pane runs tracetop and keeps its exit status
	tmux -L "$sock" new-session -d -s soak -x 120 -y 40 \
		"'$TRACETOP' -d 1 --events $EVENTS 2>'$tmp/ui.err'; echo \$? >'$tmp/ui.status'"
	shell=$(tmux -L "$sock" list-panes -t soak -F '#{pane_pid}')
	i=0
	until UI=$(pgrep -P "$shell" | head -n 1) && [ -n "$UI" ]; do
		i=$((i + 1))
		[ $i -lt 50 ] || fail "the full-screen tracetop did not start in tmux"
		sleep 0.1
	done
else
	echo "soak: tmux is not installed: batch mode only"
fi
sleep 3
kill -0 "$BATCH" 2>/dev/null || fail "batch tracetop did not start"
[ -z "$UI" ] || [ "$(readlink "/proc/$UI/exe")" = "$(readlink -f "$TRACETOP")" ] ||
	fail "the tmux pane does not run tracetop"

storm opens opens_round &
STORMS="$STORMS $!"
storm execs execs_round &
STORMS="$STORMS $!"
storm syscalls sys_round &
STORMS="$STORMS $!"

start=$(date +%s)
echo "soak: ${DURATION}s, warm-up ${WARMUP}s, RSS sampled every ${STEP}s (kB)"
printf '%6s %10s %10s\n' t batch ui
while :; do
	sleep $STEP
	t=$(($(date +%s) - start))
	kill -0 "$BATCH" 2>/dev/null || fail "batch tracetop died at ${t}s"
	rb=$(rss_kb "$BATCH")
	ru=-
	if [ -n "$UI" ]; then
		[ ! -e "$tmp/ui.status" ] ||
			fail "the full-screen tracetop died at ${t}s (status $(cat "$tmp/ui.status"))"
		ru=$(rss_kb "$UI")
	fi
	printf '%6s %10s %10s\n' "$t" "$rb" "$ru"
	echo "$t $rb $ru" >>"$tmp/rss"
	[ "$t" -lt "$DURATION" ] || break
done
wait_storms() { for p in $STORMS; do wait "$p"; done; STORMS=; }
wait_storms

# Growth after the warm-up: highest sample minus the first one after it.
growth() {
	awk -v w="$WARMUP" -v c="$1" '$1 >= w && $c != "-" {
		if (base == "") base = $c
		if ($c > max) max = $c
	} END { print (base == "" ? "?" : base " " max " " max - base) }' "$tmp/rss"
}
set -- $(growth 2)
b_base=$1 b_max=$2 b_growth=$3
[ "$b_growth" -le $GROWTH_MAX_KB ] || fail "batch RSS grew by ${b_growth} kB after the warm-up"
if [ -n "$UI" ]; then
	set -- $(growth 3)
	u_base=$1 u_max=$2 u_growth=$3
	[ "$u_growth" -le $GROWTH_MAX_KB ] || fail "full-screen RSS grew by ${u_growth} kB after the warm-up"
	tmux -L "$sock" capture-pane -p -t soak >"$tmp/screen"
	ui_cpu=$(cpu_s "$UI")
	tmux -L "$sock" send-keys -t soak q
	i=0
	until [ -s "$tmp/ui.status" ]; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "the full-screen tracetop did not quit within 10 s of 'q'"
		sleep 0.1
	done
	st=$(cat "$tmp/ui.status")
	[ "$st" = 0 ] || fail "the full-screen tracetop exited with $st"
	grep -q 'lost' "$tmp/screen" || fail "the full-screen header shows no lost count"
fi

batch_cpu=$(cpu_s "$BATCH")
kill -INT "$BATCH"
i=0
while kill -0 "$BATCH" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 150 ] || fail "batch tracetop did not exit within 15 s of SIGINT"
	sleep 0.1
done
wait "$BATCH"
rc=$?
BATCH=
[ "$rc" = 0 ] || fail "batch tracetop exited with $rc"
wait
grep -q '^=== tracetop .* (final),' "$tmp/batch.txt" || fail "no final snapshot"

# "=== tracetop DATE TIME snapshot N, S.SSs, events E/interval, lost L (total T) ==="
set -- $(sed -n 's/^=== .* events \([0-9]*\)\/interval, lost \([0-9]*\) (total \([0-9]*\)).*/\1 \2 \3/p' \
	"$tmp/batch.txt" | awk '{ e += $1; l += $2; t = $3; n++ } END { print n, e, l, t }')
snaps=$1 events=$2 lost_sum=$3 lost_total=$4
[ "$lost_total" -gt 0 ] || fail "no loss reported with 64 KiB rings under the storms"
[ "$lost_sum" = "$lost_total" ] || fail "per-interval losses add up to $lost_sum, the total says $lost_total"
fails=$(cat "$tmp"/*.fail 2>/dev/null | wc -l)
[ "$fails" = 0 ] || fail "$fails storm rounds failed"

rounds() { wc -l <"$tmp/$1.rounds" 2>/dev/null || echo 0; }
echo "soak: storms: $(( $(rounds opens) * 20000 )) failed opens, $(( $(rounds execs) * 50 )) execs," \
	"$(( $(rounds syscalls) * 1000000 )) getppid calls"
echo "soak: batch: $snaps snapshots, $events events, $lost_total lost (reported per interval too)," \
	"CPU ${batch_cpu}s, RSS ${b_base} -> max ${b_max} kB after warm-up (+${b_growth} kB)"
[ -z "$UI" ] || echo "soak: full-screen: CPU ${ui_cpu}s, RSS ${u_base} -> max ${u_max} kB after warm-up (+${u_growth} kB), quit with 'q', exit 0"
echo "soak: passed"

# SPDX-License-Identifier: GPL-2.0-or-later
# Shared by the integration tests (sourced). They run the real tracetop
# binary with the real BPF programs as root, drive tests/integration/
# workload with unique markers, and check tracetop's own JSON output.
#
# Exit 77 means "skipped" to the test driver. In CI a skipped BPF test is
# a failure: TRACETOP_REQUIRE_BPF=1 turns every skip into a failure.

set -u

: "${TRACETOP:?TRACETOP must point at the tracetop binary}"
: "${TT_WORKLOAD:?TT_WORKLOAD must point at the workload binary}"

fail() {
	echo "FAIL: $*" >&2
	if [ -n "${TT_TMP:-}" ] && [ -s "$TT_TMP/err" ]; then
		echo "--- tracetop stderr:" >&2
		tail -n 20 "$TT_TMP/err" >&2
	fi
	exit 1
}

skip() {
	if [ "${TRACETOP_REQUIRE_BPF:-0}" = 1 ]; then
		echo "FAIL: would skip ($*), but TRACETOP_REQUIRE_BPF=1 requires this test" >&2
		exit 1
	fi
	echo "SKIP: $*" >&2
	exit 77
}

require_bpf() {
	[ "$(id -u)" = 0 ] || skip "needs root to load BPF programs"
	[ -r /sys/kernel/btf/vmlinux ] || skip "the kernel has no BTF (/sys/kernel/btf/vmlinux)"
	command -v jq >/dev/null 2>&1 || skip "jq is not installed (apt-get install jq)"
}

TT_TMP=$(mktemp -d "${TMPDIR:-/tmp}/tracetop-test.XXXXXX")
TT_PID=
SC_PID=
T=
cleanup() {
	if [ -n "$TT_PID" ] && kill -0 "$TT_PID" 2>/dev/null; then
		kill -KILL "$TT_PID" 2>/dev/null
	fi
	if [ -n "$SC_PID" ] && kill -0 "$SC_PID" 2>/dev/null; then
		kill -KILL "$SC_PID" 2>/dev/null
	fi
	[ -n "$T" ] && $T kill-server 2>/dev/null
	rm -rf "$TT_TMP"
}
trap cleanup EXIT

# A copy of the binary $1 that uid 65534 can run wherever the build tree
# lives (a clone under a private home directory is out of its reach).
public_bin() {
	mkdir -p "$TT_TMP/pub"
	chmod 711 "$TT_TMP"
	chmod 755 "$TT_TMP/pub"
	cp "$1" "$TT_TMP/pub/" || fail "cannot copy $1"
	chmod 755 "$TT_TMP/pub/$(basename "$1")"
	echo "$TT_TMP/pub/$(basename "$1")"
}

# A marker no other process on the machine will produce.
marker() {
	echo "tt$1-$$-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
}

# Starts tracetop --json in the background with extra options; returns
# once it has printed its start record (all probes attached).
start_tracetop() {
	start_bg "$TT_TMP/out.json" '"type":"start"' "$TRACETOP" --json -d 1 "$@"
}

# start_bg OUT READY CMD...: runs CMD in the background, stdout to OUT and
# stderr to $TT_TMP/err, and waits (30 s at most) until OUT holds READY.
# OUT is emptied here first: the child truncates it only after the fork,
# and a previous run's output must not pass for this run being ready.
start_bg() {
	_out=$1
	_ready=$2
	shift 2
	: >"$_out"
	"$@" >"$_out" 2>"$TT_TMP/err" &
	TT_PID=$!
	_i=0
	while ! grep -q "$_ready" "$_out" 2>/dev/null; do
		kill -0 "$TT_PID" 2>/dev/null || fail "$(basename "$1") exited before starting: $(head -c 300 "$TT_TMP/err")"
		_i=$((_i + 1))
		[ $_i -lt 300 ] || fail "$(basename "$1") did not start within 30 s"
		sleep 0.1
	done
}

# Ends tracetop with SIGINT (it prints a final snapshot with the events
# since its last tick) and checks it exits 0.
stop_tracetop() {
	sleep 0.3
	kill -INT "$TT_PID"
	i=0
	while kill -0 "$TT_PID" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "tracetop did not exit within 10 s of SIGINT"
		sleep 0.1
	done
	wait "$TT_PID"
	rc=$?
	TT_PID=
	[ "$rc" = 0 ] || fail "tracetop exited with $rc"
	tail -n 1 "$TT_TMP/out.json" | jq -e '.type == "snapshot" and .final == true' >/dev/null ||
		fail "the last record is not the final snapshot"
}

# jq over every record, slurped into one array.
q() {
	jq -s "$@" "$TT_TMP/out.json"
}

# All events of all snapshots, one array.
events() {
	jq -r -s "[.[] | select(.type == \"snapshot\") | .events[]] $1" "$TT_TMP/out.json"
}

expect_eq() {
	[ "$2" = "$3" ] || fail "$1: expected $3, got $2"
	echo "ok: $1 = $2"
}

expect_ge() {
	[ "$2" -ge "$3" ] 2>/dev/null || fail "$1: expected at least $3, got $2"
	echo "ok: $1 = $2 (>= $3)"
}

# The last row of process $1 in tracetop's per-process table, field $2
# (total, comm, exited...); empty when the process was never shown.
tt_proc() {
	q -r "[.[] | select(.type == \"snapshot\") | .procs[] | select(.pid == $1)] | last | .$2 // empty"
}

# syscount -P (libbpf-tools) beside tracetop: the reference for the
# per-process table. It counts at the same tracepoint (raw_syscalls
# sys_exit, skipping id -1), per tgid, in a plain hash it reads once, at
# the end: while it runs no count of it is lost or evicted. start_syscount
# returns once it is attached; stop_syscount ends it (SIGINT), which
# prints the table; syscount_total PID reads a process's count from it.
start_syscount() {
	SYSCOUNT=${SYSCOUNT:-$(command -v syscount || echo /usr/sbin/syscount)}
	[ -x "$SYSCOUNT" ] || skip "syscount is not installed (apt-get install libbpf-tools)"
	: >"$TT_TMP/syscount.out"
	# line-buffered: its first line says it is attached
	stdbuf -oL "$SYSCOUNT" -P -T 100000 >"$TT_TMP/syscount.out" 2>"$TT_TMP/syscount.err" &
	SC_PID=$!
	_i=0
	until grep -q '^Tracing syscalls' "$TT_TMP/syscount.out" 2>/dev/null; do
		kill -0 "$SC_PID" 2>/dev/null || fail "syscount exited: $(head -c 300 "$TT_TMP/syscount.err")"
		_i=$((_i + 1))
		[ $_i -lt 300 ] || fail "syscount did not start within 30 s"
		sleep 0.1
	done
}

stop_syscount() {
	kill -INT "$SC_PID"
	wait "$SC_PID"
	_rc=$?
	SC_PID=
	[ "$_rc" = 0 ] || fail "syscount exited with $_rc: $(head -c 300 "$TT_TMP/syscount.err")"
	grep -q '^PID ' "$TT_TMP/syscount.out" || fail "syscount printed no table"
}

syscount_total() {
	awk -v p="$1" '$1 == p { print $NF }' "$TT_TMP/syscount.out"
}

# The plain disk holding directory $1 (a partition's parent disk), in the
# kernel's name (vda, nvme0n1...); skips when it is not on one.
# Writes the block layer merged into a request of disk $1 since boot
# (the kernel's own count: /sys/block/DISK/stat, field 6). A write merged
# into another request, another process's maybe, is no request of its
# own: the tests allow for the merges that happened while they ran.
disk_write_merges() {
	awk '{ print $6 }' "/sys/block/$1/stat" 2>/dev/null || echo 0
}

disk_of() {
	_dev=$(stat -c '%d' "$1")
	_majmin="$((_dev >> 8 & 0xfff)):$(( (_dev & 0xff) | (_dev >> 12 & 0xfff00) ))"
	_sys=$(readlink -f "/sys/dev/block/$_majmin" 2>/dev/null) || skip "$1 is not on a block device"
	[ -e "$_sys/partition" ] && _sys=$(dirname "$_sys")
	_disk=$(basename "$_sys")
	[ -e "/sys/block/$_disk" ] || skip "$1 is not on a block device ($_majmin)"
	case $_disk in
	dm-*|md*|loop*|zram*) skip "$1 is on $_disk, not a plain disk";;
	esac
	echo "$_disk"
}

# run_traced_by_pid OPTIONS -- WORKLOAD-ARGS: runs the workload stopped
# (TT_WL_STOP=1), starts tracetop --json with OPTIONS and --pid on it,
# lets it run to its end and stops tracetop: the output holds that
# process's calls and nobody else's, so counts can be checked exactly.
run_traced_by_pid() {
	_opts=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		_opts="$_opts $1"
		shift
	done
	shift
	# TT_WL_PREFIX: a command that execs the workload in the same
	# process (e.g. setpriv to run it as another user)
	# shellcheck disable=SC2086
	TT_WL_STOP=1 ${TT_WL_PREFIX:-} "$TT_WORKLOAD" "$@" >"$TT_TMP/wl.out" 2>&1 &
	_wl=$!
	_i=0
	until [ "$(awk '{ print $3 }' "/proc/$_wl/stat" 2>/dev/null)" = T ]; do
		_i=$((_i + 1))
		[ $_i -lt 100 ] || fail "the workload did not stop itself"
		sleep 0.05
	done
	# shellcheck disable=SC2086
	start_tracetop $_opts -p "$_wl"
	kill -CONT "$_wl"
	wait "$_wl" || fail "workload $* failed: $(cat "$TT_TMP/wl.out")"
	stop_tracetop
}

# The interface tests run tracetop in a detached tmux session, on a tmux
# server of their own: T is its command (tmux -L NAME -f /dev/null) and
# TS the session (ui unless set).

# tmux_start NAME WIDTH HEIGHT CMD: such a session running CMD, without
# a status line, on the server tt-NAME-PID (cleanup ends it).
tmux_start() {
	command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
	T="tmux -L tt-$1-$$ -f /dev/null"
	$T new-session -d -s "${TS:-ui}" -x "$2" -y "$3" "$4" || fail "tmux new-session"
	$T set-option -t "${TS:-ui}" -g status off >/dev/null 2>&1
}

# The text on the tmux screen, as a person sees it.
screen() {
	$T capture-pane -p -t "${TS:-ui}"
}

# Each line of standard input from its column $1 on (1 for the first),
# counted in characters, not in bytes: graphs and shades are several
# bytes each (a character two columns wide would count one).
from_column() {
	LC_ALL=C.UTF-8 sed -E "s/^.{0,$(($1 - 1))}//"
}

# Waits up to $2 tenths of a second (default 100) for the screen to show
# the text $1 (wait_for) or match the extended regular expression $1
# (wait_for_re); fails showing the screen otherwise.
wait_for() {
	screen_wait -F "$1" "${2:-100}" showed
}

wait_for_re() {
	screen_wait -E "$1" "${2:-100}" matched
}

screen_wait() {
	_i=0
	while ! screen | grep -q "$1" -- "$2"; do
		_i=$((_i + 1))
		[ $_i -lt "$3" ] || { screen >&2; fail "screen never $4 '$2'"; }
		sleep 0.1
	done
}

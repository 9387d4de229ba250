#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# /init of the kernel-matrix guest (busybox, PID 1). Mounts the kernel
# file systems, loads the modules the host put in /km/modules (in order),
# mounts the virtio disk, runs tests/kernel-matrix/scenario.sh once per
# VFS hook listed in KM_RUNS, and sends every result file to the host over
# the results port (KM_OUT: ttyS1 on x86_64, hvc0 on arm64) between
# delimiter lines:
#
#   @@KM-BEGIN <run>/<file>@@
#   ...the file...
#   @@KM-END <run>/<file> <lines>@@
#   ...
#   @@KM-DONE@@
#
# The results port carries nothing else, so kernel messages on the
# console (ttyS0, ttyAMA0) cannot mix with the results. Then it powers
# the machine off; QEMU runs with -no-reboot and the kernel with
# panic=-1, so any failure here ends QEMU too.
PATH=/bin:/sbin:/usr/bin:/usr/sbin
export PATH
# the host made the links its own busybox knows of; this one's others
/bin/busybox --install -s 2>/dev/null

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t tracefs tracefs /sys/kernel/tracing
mount -t debugfs debugfs /sys/kernel/debug
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts

# shellcheck source=/dev/null
. /km/config

stamp() {
	echo "km: [$(cut -d ' ' -f 1 /proc/uptime) s] $*"
}
stamp "kernel $(uname -r), $(nproc) CPUs"

while read -r mod; do
	insmod "/km/modules/$mod.ko" || echo "km: insmod $mod failed"
done </km/modules.list

# The results port: the second serial port on x86_64, a virtio console
# on arm64 (QEMU's virt machine has one UART), named by the host in
# KM_OUT. A virtio console appears once its module has bound the device.
out=${KM_OUT:-/dev/ttyS1}
i=0
while [ ! -c "$out" ] && [ $i -lt 100 ]; do
	i=$((i + 1))
	sleep 0.1
done
[ -c "$out" ] || echo "km: no results port $out"
stty -F "$out" raw -echo 2>/dev/null || echo "km: stty on $out failed"

send() {
	printf '@@KM-BEGIN %s@@\n' "$1"
	if [ -f "$2" ]; then
		cat "$2"
		n=$(wc -l <"$2")
	else
		n=missing
	fi
	printf '\n@@KM-END %s %s@@\n' "$1" "$n"
}

finish() {
	printf '@@KM-DONE@@\n' >"$out"
	sync
	umount /mnt 2>/dev/null
	poweroff -f
	reboot -f
}

# The host's KVM probe only needs to see the guest reach this point.
case " $(cat /proc/cmdline) " in
*" km.probe "*) finish ;;
esac

i=0
while [ ! -b /dev/vda ]; do
	i=$((i + 1))
	if [ $i -ge 100 ]; then
		echo "no /dev/vda" >/tmp/setup.err
		send setup/err /tmp/setup.err >"$out"
		finish
	fi
	sleep 0.1
done
if ! mount -t ext4 /dev/vda /mnt 2>/tmp/setup.err; then
	send setup/err /tmp/setup.err >"$out"
	finish
fi

TRACETOP=/usr/bin/tracetop
TT_WORKLOAD=/usr/bin/workload
KM_DIRECTDIR=/mnt
export TRACETOP TT_WORKLOAD KM_DIRECTDIR KM_SOURCES KM_K KM_M KM_N KM_R KM_W KM_D \
	KM_START_TIMEOUT

for run in $KM_RUNS; do
	KM_MARKER=$KM_MARKER_BASE-$run
	KM_WORKDIR=/tmp/work-$run
	export KM_MARKER KM_WORKDIR
	mkdir -p "$KM_WORKDIR"
	stamp "run --vfs-hook=$run"
	sh /km/scenario.sh "/tmp/out-$run" "$run"
	for f in status out.json err workload.log tracetop.log; do
		send "$run/$f" "/tmp/out-$run/$f" >"$out"
	done
done
stamp "done"
finish

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes the BTF a Linux kernel image carries (its .BTF section, the
one /sys/kernel/btf/vmlinux shows when it runs) to a file, for
`bpftool btf dump file OUT format c`: how tracetop vendors the kernel
types of an architecture it cannot run here (bpf/vmlinux/<arch>/).

    tools/btf-from-image.py IMAGE OUT

IMAGE is an uncompressed kernel image (arm64's Image, as Debian's
linux-image-*-arm64 package ships it as /boot/vmlinuz-*) or a vmlinux.
The section is found by its header: magic 0xeB9F, version 1, a 24-byte
header; of the headers found, the one spanning the most bytes is taken
(the kernel's own BTF is by far the largest)."""
import struct
import sys

MAGIC = struct.pack("<HBBI", 0xEB9F, 1, 0, 24)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: btf-from-image.py IMAGE OUT")
    data = open(sys.argv[1], "rb").read()
    best = None
    at = data.find(MAGIC)
    while at != -1:
        type_off, type_len, str_off, str_len = struct.unpack_from("<IIII", data, at + 8)
        size = 24 + max(type_off + type_len, str_off + str_len)
        if at + size <= len(data) and (best is None or size > best[1]):
            best = (at, size)
        at = data.find(MAGIC, at + 1)
    if best is None:
        sys.exit("btf-from-image.py: no BTF in %s" % sys.argv[1])
    with open(sys.argv[2], "wb") as out:
        out.write(data[best[0]:best[0] + best[1]])
    print("%d bytes of BTF at offset %#x" % (best[1], best[0]))


main()

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Kernel type definitions for the BPF programs.
 *
 * tracetop vendors one BTF dump per architecture under bpf/vmlinux/<arch>/
 * so that a build never depends on the build host's kernel; CO-RE
 * relocations adapt the programs to the running kernel at load time.
 * `make update-vmlinux` regenerates the dump (maintainers only).
 */
#ifndef TRACETOP_VMLINUX_H
#define TRACETOP_VMLINUX_H

#if defined(__TARGET_ARCH_x86)
#include "vmlinux/x86_64/vmlinux-6.18.h"
#elif defined(__TARGET_ARCH_arm64)
#include "vmlinux/arm64/vmlinux-6.1.h"
#else
#error "tracetop: no vendored vmlinux.h for this architecture (see bpf/vmlinux/)"
#endif

#endif

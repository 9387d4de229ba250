/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CO-RE shims: the places where the kernel's types changed under tracetop's
 * programs. Each shim names the kernel change it covers, so it can be
 * dropped once no supported kernel predates that change. Runtime choices
 * are made by CO-RE relocations or rodata knobs, never by #if on a kernel
 * version. Include after common.bpf.h. */
#ifndef TRACETOP_COMPAT_BPF_H
#define TRACETOP_COMPAT_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_core_read.h>

/*
 * The operation of a request sits in the low REQ_OP_BITS bits of
 * rq->cmd_flags since Linux 4.10, commit ef295ecf090d ("block: better op
 * and flags encoding"). It is a macro, so BTF does not carry it.
 */
#define TT_REQ_OP_BITS 8
#define TT_REQ_OP_MASK ((1U << TT_REQ_OP_BITS) - 1)

/*
 * Linux 5.17, commit f3fa33acca9f ("block: remove the ->rq_disk field in
 * struct request"), dropped rq->rq_disk; the disk is reached through
 * rq->q->disk instead, a back pointer added in Linux 5.15 by commit
 * d152c682f03c ("block: add an explicit ->disk backpointer to the
 * request_queue"). The ___old flavour lets one object read either: libbpf
 * drops the flavour suffix when it matches against the kernel's BTF, and
 * bpf_core_field_exists() resolves at load time.
 */
struct request___old {
	struct gendisk *rq_disk;
} __attribute__((preserve_access_index));

static __always_inline struct gendisk *tt_rq_disk(struct request *rq)
{
	struct request___old *old = (void *)rq;

	if (bpf_core_field_exists(old->rq_disk))
		return BPF_CORE_READ(old, rq_disk);
	return BPF_CORE_READ(rq, q, disk);
}

/*
 * Linux 5.11, commit a54895fa057c ("block: remove the request_queue to
 * argument request based tracepoints"), also in 5.10.137, dropped the
 * leading struct request_queue * argument of block_rq_insert and
 * block_rq_issue. The kernel's BTF tells which shape it has (the
 * btf_trace_block_rq_issue prototype), so user space tells the program
 * through a rodata knob set between open and load, and the verifier
 * prunes the path not taken. block_rq_complete never had the queue
 * argument.
 */
static __always_inline struct request *tt_rq_arg(__u64 *ctx, bool queue_arg)
{
	if (queue_arg)
		return (struct request *)ctx[1];
	return (struct request *)ctx[0];
}

#endif

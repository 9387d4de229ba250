/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --probe-report: what the kernel offers tracetop and what each source
 * ended up using, printed once after every source was tried. The facts
 * are read under a root directory so tests can use fixtures.
 *
 * The interface shows the same report (key i). It is gathered before
 * tracetop drops its capabilities, so it says what tracetop had when it
 * attached, not what it has left. */
#ifndef TRACETOP_REPORT_H
#define TRACETOP_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "diag.h"
#include "snapshot.h"

struct report_facts {
	char kernel[65];	/* uname -r */
	char machine[65];	/* uname -m */
	long long btf_bytes;	/* size of /sys/kernel/btf/vmlinux, -1 when missing */
	char lockdown[64];	/* the bracketed mode, or "not available" */
	uint64_t cap_eff;
	bool cap_known;
	char tracefs[256];	/* mount point, or "" */
	char debugfs[256];
	bool bpf_stats;		/* run-time statistics could be enabled */
	bool bpf_stats_off;	/* they were not asked for (no --bpf-stats) */
	enum report_drop {
		REPORT_DROP_NONE = 0,	/* not tried (--probe-report keeps them) */
		REPORT_DROP_DONE,	/* every capability dropped after attach */
		REPORT_DROP_PTRACE,	/* ... but CAP_SYS_PTRACE, for the profile */
		REPORT_DROP_FAILED,
	} drop;
};

void report_gather(struct report_facts *f, const char *root);
void report_print(FILE *out, const struct report_facts *f,
		  const struct tt_source_status src[TT_SRC_MAX], const struct diag *diag);
/* The same report as a malloc'd string (the interface's key i shows
 * it), or NULL when out of memory. */
char *report_text(const struct report_facts *f, const struct tt_source_status src[TT_SRC_MAX],
		  const struct diag *diag);

#endif

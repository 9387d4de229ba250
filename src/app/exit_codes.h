/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tracetop's documented exit codes (doc/design.md, the man page). */
#ifndef TRACETOP_EXIT_CODES_H
#define TRACETOP_EXIT_CODES_H

enum tt_exit {
	TT_EXIT_OK = 0,
	TT_EXIT_ERROR = 1,		/* runtime failure */
	TT_EXIT_USAGE = 2,		/* bad option or value */
	TT_EXIT_PRIVILEGE = 3,		/* not root / missing CAP_BPF, CAP_PERFMON */
	TT_EXIT_KERNEL = 4,		/* no BTF, lockdown, no BPF */
	TT_EXIT_NO_SOURCE = 5,		/* no source could be started */
};

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Syscall number <-> name for the architecture built for, from the
 * generated table syscall_table_<arch>.h (see tools/gen-syscall-names.sh).
 * Built in so that tracetop never depends on ausyscall or headers at run
 * time. */
#include <stdio.h>
#include <string.h>
#include <linux/types.h>
#include "syscall_names.h"
#include "syscalls.h"
#if defined(__aarch64__)
#include "syscall_table_arm64.h"
#define syscall_table syscall_table_arm64
#else
#include "syscall_table_x86_64.h"
#define syscall_table syscall_table_x86_64
#endif

#define SYSCALL_TABLE_LEN (sizeof(syscall_table) / sizeof(syscall_table[0]))

const char *syscall_name(unsigned id)
{
	if (id >= SYSCALL_TABLE_LEN)
		return NULL;
	return syscall_table[id];
}

int syscall_id(const char *name)
{
	unsigned i;

	if (!name)
		return -1;
	/* a few hundred entries, looked up only when parsing user input */
	for (i = 0; i < SYSCALL_TABLE_LEN; i++)
		if (syscall_table[i] && !strcmp(syscall_table[i], name))
			return (int)i;
	return -1;
}

unsigned syscall_table_size(void)
{
	return SYSCALL_TABLE_LEN;
}

const char *syscall_label(unsigned id, char *buf, unsigned len)
{
	const char *name = id < SYSCALL_ID_MAX - 1 ? syscall_name(id) : NULL;

	if (name)
		return name;
	snprintf(buf, len, id >= SYSCALL_ID_MAX - 1 ? "syscall_%u+" : "syscall_%u",
		 id >= SYSCALL_ID_MAX - 1 ? SYSCALL_ID_MAX - 1 : id);
	return buf;
}

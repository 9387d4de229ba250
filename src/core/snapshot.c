/* Names of the sources, shared by every writer of a snapshot. */
#include "snapshot.h"

const char *tt_source_name(enum tt_source s)
{
	static const char *const names[TT_SRC_MAX] = {
		[TT_SRC_EXEC] = "exec",
		[TT_SRC_OPEN] = "open",
		[TT_SRC_VFS] = "vfs",
		[TT_SRC_BIO] = "bio",
		[TT_SRC_SYSCALL] = "syscalls",
	};

	if ((unsigned)s >= TT_SRC_MAX)
		return "?";
	return names[s];
}

/* Command-line options: argv -> struct options. Pure: prints nothing,
 * exits never; errors come back as a message. */
#ifndef TRACETOP_OPTIONS_H
#define TRACETOP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum vfs_hook {
	VFS_HOOK_AUTO = 0,
	VFS_HOOK_FENTRY,
	VFS_HOOK_KPROBE,
	VFS_HOOK_TRACEPOINT,
};

enum output_mode {
	OUTPUT_UI = 0,
	OUTPUT_BATCH,		/* text snapshots */
	OUTPUT_JSON,		/* NDJSON snapshots (implies batch) */
};

struct options {
	double delay_s;		/* -d: sampling interval, 0.1 .. 3600 */
	uint64_t iterations;	/* -n: snapshots before exiting, 0 = forever */
	enum output_mode output;
	uint32_t pid;		/* -p: TT_ANY for all */
	uint32_t uid;		/* -u: TT_ANY for all */
	bool failed_only;	/* -x */
	enum vfs_hook vfs_hook;	/* --vfs-hook */
	unsigned sources;	/* bit mask of 1u << enum tt_source; --sources */
	unsigned args_cap;	/* --args-cap: argv bytes per exec */
	size_t log_capacity;	/* --events: event log ring size */
	unsigned ringbuf_kb;	/* --ringbuf-size: per ring buffer, KiB (power of 2) */
	const char *log_file;	/* --log: libbpf and diagnostic messages */
	const char *theme;	/* --theme NAME|PATH (interactive) */
	bool no_mouse;		/* --no-mouse (interactive) */
	bool help;		/* -h */
	bool version;		/* -V */
	bool probe_report;	/* --probe-report */
};

#define OPTIONS_EXIT_USAGE 2

void options_defaults(struct options *o);
/* Parses argv into o (defaults first). Returns 0, or -EINVAL with a
 * one-line message in err. Never prints, never exits. */
int options_parse(struct options *o, int argc, char **argv, char *err, size_t errlen);
void options_usage(FILE *f);

#endif

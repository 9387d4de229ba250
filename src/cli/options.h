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

/* --bio-hook: the block_rq program family. */
enum bio_hook {
	BIO_HOOK_AUTO = 0,
	BIO_HOOK_TP_BTF,
	BIO_HOOK_RAW_TP,
};

/* --syscalls-hook: the sys_exit program family. */
enum syscalls_hook {
	SYSCALLS_HOOK_AUTO = 0,
	SYSCALLS_HOOK_TP_BTF,
	SYSCALLS_HOOK_RAW_TP,
	SYSCALLS_HOOK_TRACEPOINT,
};

enum output_mode {
	OUTPUT_UI = 0,
	OUTPUT_BATCH,		/* text snapshots */
	OUTPUT_JSON,		/* NDJSON snapshots (implies batch) */
};

/* Pane focused at start (--focus); FOCUS_DEFAULT lets the UI choose. */
enum opt_focus {
	FOCUS_DEFAULT = 0,
	FOCUS_VFS,
	FOCUS_SYSCALLS,
	FOCUS_BIO,
	FOCUS_LOG,
};

/* Sort column of the syscall and per-process tables (--sort). */
enum opt_sort {
	SORT_DEFAULT = 0,
	SORT_NAME,		/* syscall name; comm per process */
	SORT_RATE,
	SORT_TOTAL,
	SORT_ERRORS,		/* errors per second */
	SORT_ERR_PCT,		/* syscall table only; errors/s per process */
};

struct options {
	double delay_s;		/* -d: sampling interval, 0.1 .. 3600 */
	uint64_t iterations;	/* -n: snapshots before exiting, 0 = forever */
	enum output_mode output;
	uint32_t pid;		/* -p: TT_ANY for all */
	uint32_t uid;		/* -u: TT_ANY for all */
	bool failed_only;	/* -x */
	const char *filter;	/* --filter: event filter expression (filter.h), or NULL */
	enum vfs_hook vfs_hook;	/* --vfs-hook */
	enum bio_hook bio_hook;	/* --bio-hook */
	enum syscalls_hook syscalls_hook;	/* --syscalls-hook */
	unsigned sources;	/* bit mask of 1u << enum tt_source; --sources */
	unsigned args_cap;	/* --args-cap: argv bytes per exec */
	size_t log_capacity;	/* --events: event log ring size */
	unsigned ringbuf_kb;	/* --ringbuf-size: per ring buffer, KiB (power of 2) */
	const char *log_file;	/* --log: libbpf and diagnostic messages */
	const char *theme;	/* --theme NAME|PATH (interactive) */
	bool no_mouse;		/* --no-mouse (interactive) */
	enum opt_focus focus;	/* --focus (interactive) */
	enum opt_sort sort;	/* --sort (interactive) */
	bool save_config;	/* --save-config */
	bool help;		/* -h */
	bool version;		/* -V */
	bool probe_report;	/* --probe-report */
	bool bpf_stats;		/* --bpf-stats: kernel run-time statistics on */
};

#define OPTIONS_EXIT_USAGE 2

void options_defaults(struct options *o);
/* Parses argv into o (defaults first). Returns 0, or -EINVAL with a
 * one-line message in err. Never prints, never exits. */
int options_parse(struct options *o, int argc, char **argv, char *err, size_t errlen);
/* The same, over the values already in o (a configuration file's):
 * what argv names wins, the rest of o stays. */
int options_parse_over(struct options *o, int argc, char **argv, char *err, size_t errlen);
/* Sets the option with the long name `name` (exactly, no abbreviation)
 * to value, with the command line's rules and messages, the message
 * naming the option as `name` and without the "tracetop: " prefix. A
 * flag takes yes/no (see options_bool). String values are kept by
 * pointer. Returns 0, -ENOENT (no such option; err is left empty) or
 * -EINVAL (err says why; o is unchanged). */
int options_set(struct options *o, const char *name, const char *value, char *err, size_t errlen);
/* Formats the value of the option `name` as options_set() takes it.
 * Returns 0, -ENOENT (no such option) or -ENODATA (not set: no pid,
 * theme, filter...). */
int options_get(const struct options *o, const char *name, char *buf, size_t len);
/* yes/no, true/false, on/off, 1/0. 0 or -EINVAL. */
int options_bool(const char *s, bool *out);
void options_usage(FILE *f);

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The settings: struct options, and argv, names and values -> struct
 * options. Pure: prints nothing, exits never; errors come back as a
 * message.
 *
 * Every setting is one row of the option table (src/cli/option_table.c):
 * its names, type, field, default, limits, choices, help text and
 * configuration-file key. Parsing, options_set/options_get, the
 * defaults, --help and the configuration file are all derived from it.
 * The interface keeps the settings it changes (focus, sort, interval,
 * theme, filter, failed-only) in a struct options of its own. */
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

/* --path-calls: which path calls (stat, unlink, ...) the open source
 * reports. */
enum path_calls_mode {
	PATH_CALLS_FAILED = 0,	/* failures only, filtered in the kernel */
	PATH_CALLS_ALL,
	PATH_CALLS_OFF,
};

enum output_mode {
	OUTPUT_UI = 0,
	OUTPUT_BATCH,		/* text snapshots */
	OUTPUT_JSON,		/* NDJSON snapshots (implies batch) */
	OUTPUT_HEADLESS,	/* nothing printed: --listen serves the metrics */
};

/* --metrics-by: per-group series the metrics add. */
enum metrics_by {
	METRICS_BY_NONE = 0,
	METRICS_BY_CONTAINER,
};

/* The panes of the main screen. --focus names the one focused at start;
 * the interface keeps the focused pane in the same terms. */
enum ui_pane {
	PANE_VFS = 0,
	PANE_SYSCALLS,
	PANE_BIO,
	PANE_PROCS,
	PANE_LOG,
	PANE_MAX,
};

/* The columns of the syscall table, in the order it shows them. --sort
 * names the one the tables sort by; the per-process table sorts by its
 * own column of the same meaning (ui/ui.c). */
enum sc_col {
	SC_NAME = 0,		/* syscall name; comm per process */
	SC_RATE,
	SC_TOTAL,
	SC_ERR_RATE,		/* errors per second */
	SC_ERR_PCT,		/* syscall table only; errors/s per process */
	SC_P95,			/* latency p95; syscall table only */
	SC_BUSY,		/* time in the call per second; syscall table only */
	SC_NCOLS,
};

/* -p and -u: ids listed with commas, or given again; empty: any. */
#define TT_IDS_MAX 64
struct tt_ids {
	uint32_t n;
	uint32_t v[TT_IDS_MAX];
};

struct options {
	double delay_s;		/* -d: sampling interval, seconds */
	uint64_t iterations;	/* -n: snapshots before exiting, 0 = forever */
	enum output_mode output;
	struct tt_ids pids;	/* -p: none for all */
	struct tt_ids uids;	/* -u: none for all */
	const char *cgroup;	/* --cgroup: a cgroup v2 directory, or NULL */
	const char *comm;	/* --comm: a pattern process names must match, or NULL */
	/* --cgroup opened by the app at start (cgroup.h): the directory the
	 * kernel filters on, when cgroup_open */
	bool cgroup_open;
	int cgroup_fd;
	bool failed_only;	/* -x */
	const char *filter;	/* --filter: event filter expression (filter.h), or NULL */
	enum vfs_hook vfs_hook;	/* --vfs-hook */
	enum bio_hook bio_hook;	/* --bio-hook */
	enum syscalls_hook syscalls_hook;	/* --syscalls-hook */
	enum path_calls_mode path_calls;	/* --path-calls */
	unsigned sources;	/* bit mask of 1u << enum tt_source; --sources */
	unsigned args_cap;	/* --args-cap: argv bytes per exec */
	unsigned profile_hz;	/* --profile-hz: on-CPU samples a second a CPU; 0: none */
	const char *profile_folded;	/* --profile-folded FILE: folded stacks at exit */
	bool profile;		/* --profile: the profile counts from the start */
	bool profile_off;	/* the profile's counting stopped (not --profile; k) */
	size_t log_capacity;	/* --events: event log ring size */
	unsigned log_text_mib;	/* --events-text: its text budget, MiB; 0: derived */
	unsigned ringbuf_kb;	/* --ringbuf-size: per ring buffer, KiB (power of 2) */
	const char *log_file;	/* --log: libbpf and diagnostic messages */
	const char *record;	/* --record FILE: a recording of the run, or NULL */
	unsigned record_mib;	/* --record-size: keep the newest MiB of it; 0: all */
	unsigned record_files;	/* --record-files: a series of this many files; 0: one */
	const char *replay;	/* --replay FILE: show a recording instead, or NULL */
	const char *theme;	/* --theme NAME|PATH (interactive) */
	bool mouse;		/* --no-mouse clears it (interactive) */
	bool colour;		/* --no-color clears it (interactive), as NO_COLOR */
	bool latency;		/* --latency: time syscalls from the start (L toggles) */
	enum ui_pane focus;	/* --focus (interactive) */
	enum sc_col sort;	/* --sort (interactive) */
	bool save_config;	/* --save-config */
	bool help;		/* -h */
	bool version;		/* -V */
	bool probe_report;	/* --probe-report */
	bool bpf_stats;		/* --bpf-stats: kernel run-time statistics on */
	bool demo;		/* --demo: the built-in workload (demo.h) */
	bool stream;		/* --stream: --json events one per line as they come */
	const char *listen;	/* --listen [ADDR:]PORT: the metrics endpoint, or NULL */
	const char *listen_auth;	/* --listen-auth: USER:PASSWORD file, or NULL */
	enum metrics_by metrics_by;	/* --metrics-by */
	unsigned metrics_top;	/* --metrics-top: groups with series of their own */
	char listen_at[96];	/* filled by the app: where --listen bound, ADDR:PORT */
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
 * flag takes yes/no (see options_bool) and means the flag: no-mouse =
 * yes is --no-mouse; a mode (batch, json) can only be turned on.
 * String values are kept by pointer. Returns 0, -ENOENT (no such
 * option; err is left empty) or -EINVAL (err says why; o is unchanged). */
int options_set(struct options *o, const char *name, const char *value, char *err, size_t errlen);
/* Formats the value of the option `name` as options_set() takes it.
 * Returns 0, -ENOENT (no such option) or -ENODATA (not set: no pid,
 * theme, filter...). */
int options_get(const struct options *o, const char *name, char *buf, size_t len);
/* yes/no, true/false, on/off, 1/0. 0 or -EINVAL. */
int options_bool(const char *s, bool *out);
/* --help: every row of the table, grouped, wrapped to 80 columns. */
void options_usage(FILE *f);

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The option table: every setting tracetop has, one row each, in the
 * order --help lists them and a saved configuration file writes them.
 * What a row's fields mean is in option_table.h.
 *
 * To add a setting: a field in struct options, a row here, and a line
 * in tracetop(8) that tests/doc/options-in-man.test checks against the
 * row. Parsing, reading back, the default, --help and the file follow.
 *
 * Only settings a user keeps from run to run have a key: modes (--batch,
 * --json), one-shot actions (--help, --save-config...) and choices made
 * for one run (--pid, --iterations, --log) stay on the command line. */
#include <string.h>
#include <linux/types.h>
#include "option_table.h"
#include "snapshot.h"
#include "container_totals.h"
#include "exec.h"

#define FIELD(f) .offset = offsetof(struct options, f), .size = sizeof(((struct options *)0)->f)

#define PID_MAX 4194304		/* the kernel's PID_MAX_LIMIT on 64-bit */
#define TT_STR_(x) #x
#define TT_STR(x) TT_STR_(x)
#define ALL_SOURCES ((1u << TT_SRC_MAX) - 1)

static const char *const vfs_hooks[] = {
	[VFS_HOOK_AUTO] = "auto",
	[VFS_HOOK_FENTRY] = "fentry",
	[VFS_HOOK_KPROBE] = "kprobe",
	[VFS_HOOK_TRACEPOINT] = "tracepoint",
	[VFS_HOOK_TRACEPOINT + 1] = NULL,
};

static const char *const bio_hooks[] = {
	[BIO_HOOK_AUTO] = "auto",
	[BIO_HOOK_TP_BTF] = "tp_btf",
	[BIO_HOOK_RAW_TP] = "raw_tp",
	[BIO_HOOK_RAW_TP + 1] = NULL,
};

static const char *const syscalls_hooks[] = {
	[SYSCALLS_HOOK_AUTO] = "auto",
	[SYSCALLS_HOOK_TP_BTF] = "tp_btf",
	[SYSCALLS_HOOK_RAW_TP] = "raw_tp",
	[SYSCALLS_HOOK_TRACEPOINT] = "tracepoint",
	[SYSCALLS_HOOK_TRACEPOINT + 1] = NULL,
};

static const char *const path_calls_modes[] = {
	[PATH_CALLS_FAILED] = "failed",
	[PATH_CALLS_ALL] = "all",
	[PATH_CALLS_OFF] = "off",
	[PATH_CALLS_OFF + 1] = NULL,
};

static const char *const panes[] = {
	[PANE_VFS] = "vfs",
	[PANE_SYSCALLS] = "syscalls",
	[PANE_BIO] = "bio",
	[PANE_PROCS] = "procs",
	[PANE_LOG] = "log",
	[PANE_MAX] = NULL,
};

static const char *const metrics_groups[] = {
	[METRICS_BY_NONE] = "none",
	[METRICS_BY_CONTAINER] = "container",
	[METRICS_BY_CONTAINER + 1] = NULL,
};

static const char *const sort_cols[] = {
	[SC_NAME] = "name",
	[SC_RATE] = "rate",
	[SC_TOTAL] = "total",
	[SC_ERR_RATE] = "errors",
	[SC_ERR_PCT] = "err-pct",
	[SC_P95] = "p95",
	[SC_BUSY] = "time",
	[SC_NCOLS] = NULL,
};

const struct opt_row opt_rows[] = {
	{ .name = "delay", .short_name = 'd', .type = OPT_SECONDS, FIELD(delay_s),
	  .def = 1, .min = 0.1, .max = 3600, .what = "a number of seconds",
	  .metavar = "SECS", .group = "Sampling", .key = "delay",
	  .help = "seconds between snapshots, %L (default %D)" },
	{ .name = "iterations", .short_name = 'n', .type = OPT_UINT, FIELD(iterations),
	  .def = 0, .min = 1, .max = 1000000000, .flags = OPTF_UNSET,
	  .what = "a number of snapshots", .metavar = "N",
	  .help = "exit after N snapshots, %L\n(default: run until quit)" },

	{ .name = "batch", .short_name = 'b', .type = OPT_MODE, FIELD(output),
	  .def = OUTPUT_UI, .mode = OUTPUT_BATCH, .group = "Output",
	  .help = "print text snapshots instead of the full-screen view" },
	{ .name = "json", .type = OPT_MODE, FIELD(output), .def = OUTPUT_UI, .mode = OUTPUT_JSON,
	  .help = "print snapshots and events as NDJSON (implies -b)" },
	{ .name = "stream", .type = OPT_BOOL, FIELD(stream),
	  .help = "with --json: each event on a line of its own as it\narrives, not inside the snapshot" },
	{ .name = "log", .type = OPT_STRING, FIELD(log_file), .what = "the log file name",
	  .metavar = "FILE", .help = "append libbpf and diagnostic messages to FILE" },
	{ .name = "record", .type = OPT_STRING, FIELD(record), .what = "a recording's file name",
	  .metavar = "FILE",
	  .help = "also record every snapshot and event into FILE (a new\n"
		  "file: never one that exists), zstd-compressed, for --replay" },
	{ .name = "record-size", .type = OPT_UINT, FIELD(record_mib), .def = 0, .min = 1,
	  .max = 1048576, .flags = OPTF_UNSET, .what = "a size in MiB", .unit = "MiB",
	  .metavar = "MIB",
	  .help = "with --record: keep only the newest MIB MiB of it (a\n"
		  "flight recorder: older intervals are let go), %L" },
	{ .name = "record-files", .type = OPT_UINT, FIELD(record_files), .def = 0, .min = 2,
	  .max = 100000, .flags = OPTF_UNSET, .what = "a number of files", .metavar = "N",
	  .help = "with --record-size: rotate instead, FILE then FILE.1,\n"
		  "FILE.2, ... each of about MIB MiB, and keep the newest\n"
		  "N files (the oldest removed), %L" },
	{ .name = "replay", .type = OPT_STRING, FIELD(replay), .what = "a recording's file name",
	  .metavar = "FILE",
	  .help = "show the recording FILE instead of this machine: with\n"
		  "-b or --json, print it as the live run did (no root needed)" },
	{ .name = "demo", .type = OPT_BOOL, FIELD(demo),
	  .help = "run a built-in workload in phases (execs, failing\n"
		  "opens, VFS, direct I/O, failing syscalls), each named\n"
		  "by a caption, as nobody, for a minute; without root:\n"
		  "replay the recorded demo installed with tracetop" },
	{ .name = "bpf-stats", .type = OPT_BOOL, FIELD(bpf_stats),
	  .help = "measure the run time of tracetop's BPF programs\n"
		  "(costs the kernel ~50 ns per program run)" },

	{ .name = "listen", .type = OPT_STRING, FIELD(listen), .what = "an address and port",
	  .metavar = "[ADDR:]PORT", .group = "Metrics",
	  .help = "serve Prometheus metrics at http://ADDR:PORT/metrics\n"
		  "(ADDR 127.0.0.1 unless given; [ADDR] for IPv6; PORT 0: any free port)" },
	{ .name = "headless", .type = OPT_MODE, FIELD(output), .def = OUTPUT_UI,
	  .mode = OUTPUT_HEADLESS,
	  .help = "with --listen: no screen and no output, only the metrics\n(for a service)" },
	{ .name = "listen-auth", .type = OPT_STRING, FIELD(listen_auth),
	  .what = "a credentials file", .metavar = "FILE",
	  .help = "ask scrapers for HTTP basic authentication with the\n"
		  "USER:PASSWORD line of FILE (mode 600)" },
	{ .name = "metrics-by", .type = OPT_CHOICE, FIELD(metrics_by), .def = METRICS_BY_NONE,
	  .choices = metrics_groups, .metavar = "GROUP",
	  .help = "series per %C too (default %D)" },
	{ .name = "metrics-top", .type = OPT_UINT, FIELD(metrics_top),
	  .def = CONTAINER_TOP_DEFAULT, .min = 1, .max = CONTAINER_TOP_MAX,
	  .what = "a number of groups", .metavar = "N",
	  .help = "with --metrics-by: the N busiest groups get series\nof their own, "
		  "the rest are summed as \"other\", %L\n(default %D)" },

	{ .name = "pid", .short_name = 'p', .type = OPT_IDS, FIELD(pids),
	  .min = 1, .max = PID_MAX, .flags = OPTF_UNSET, .what = "a process id",
	  .metavar = "PID[,PID...]",
	  .group = "Filters",
	  .help = "trace only these processes (given again: more of them, at most " TT_STR(TT_IDS_MAX) ")" },
	{ .name = "uid", .short_name = 'u', .type = OPT_IDS, FIELD(uids),
	  .min = 0, .max = TT_ANY - 1, .flags = OPTF_UNSET | OPTF_USERS, .what = "a user id",
	  .metavar = "UID[,UID...]",
	  .help = "trace only these users (numbers or user names)" },
	{ .name = "comm", .type = OPT_COMM_RE, FIELD(comm), .what = "a pattern of process names",
	  .metavar = "REGEX",
	  .help = "every pane shows only the processes whose name matches REGEX (PCRE2, "
		  "smart case, as comm: in a filter)" },
	{ .name = "cgroup", .type = OPT_STRING, FIELD(cgroup), .what = "a cgroup directory",
	  .metavar = "PATH", .group = "Filters",
	  .help = "trace only processes in cgroup PATH and below (a directory of the cgroup v2 "
		  "hierarchy, absolute or relative to its mount)" },
	{ .name = "failed", .short_name = 'x', .type = OPT_BOOL, FIELD(failed_only),
	  .key = "failed", .help = "show only failed exec and open calls",
	  .comment = "yes: show only failed exec and open calls" },
	{ .name = "filter", .short_name = 'F', .type = OPT_FILTER, FIELD(filter), .metavar = "EXPR", .key = "filter",
	  .help = "show only events matching EXPR: PCRE2 terms,\n"
		  "all of which must match, such as\n"
		  "path:^/etc/ errno:ENOENT !comm:^systemd",
	  .comment = "events shown: PCRE2 terms such as path:^/etc/ errno:ENOENT" },

	{ .name = "sources", .type = OPT_SOURCES, FIELD(sources), .def = ALL_SOURCES,
	  .metavar = "LIST", .group = "Sources", .key = "sources",
	  .help = "any of %C,\nseparated by commas (default %D)",
	  .comment = "%C, separated by commas (default %D)" },
	{ .name = "path-calls", .type = OPT_CHOICE, FIELD(path_calls), .def = PATH_CALLS_FAILED,
	  .choices = path_calls_modes, .metavar = "WHICH", .key = "path-calls",
	  .help = "path calls (stat, access, unlink, mkdir, rename...)\n"
		  "the open source reports: %C (default %D)" },
	{ .name = "vfs-hook", .type = OPT_CHOICE, FIELD(vfs_hook), .def = VFS_HOOK_AUTO,
	  .choices = vfs_hooks, .metavar = "HOOK", .key = "vfs-hook",
	  .help = "%C (default %D)" },
	{ .name = "bio-hook", .type = OPT_CHOICE, FIELD(bio_hook), .def = BIO_HOOK_AUTO,
	  .choices = bio_hooks, .metavar = "HOOK", .key = "bio-hook",
	  .help = "%C (default %D)" },
	{ .name = "syscalls-hook", .type = OPT_CHOICE, FIELD(syscalls_hook),
	  .def = SYSCALLS_HOOK_AUTO, .choices = syscalls_hooks, .metavar = "HOOK",
	  .key = "syscalls-hook", .help = "%C (default %D)" },

	{ .name = "profile-hz", .type = OPT_UINT, FIELD(profile_hz), .def = 49, .min = 0,
	  .max = 1000, .what = "a number of samples a second", .unit = "Hz",
	  .metavar = "HZ", .key = "profile-hz",
	  .help = "on-CPU profile: samples a second on each CPU, %L;\n"
		  "0: no profile (default %D)" },
	{ .name = "profile", .type = OPT_BOOL, FIELD(profile), .key = "profile",
	  .help = "count the on-CPU profile from the start (else it counts\n"
		  "once the profile screen is opened, P, or k is pressed)" },
	{ .name = "profile-folded", .type = OPT_STRING, FIELD(profile_folded),
	  .what = "a file name", .metavar = "FILE",
	  .help = "at exit, write the profile's stacks to FILE as folded\n"
		  "stacks (\"a;b;c count\": flamegraph.pl, speedscope); a\n"
		  "new file: never one that exists (implies --profile)" },

	{ .name = "args-cap", .type = OPT_UINT, FIELD(args_cap), .def = EXEC_ARGS_DEFAULT,
	  .min = 64, .max = EXEC_ARGS_MAX, .what = "a number of bytes",
	  .metavar = "BYTES", .group = "Limits", .key = "args-cap",
	  .help = "argv bytes kept per exec, %L (default %D)" },
	{ .name = "events", .type = OPT_UINT, FIELD(log_capacity), .def = 100000,
	  .min = 16, .max = 10000000, .what = "a number of events", .metavar = "N",
	  .key = "events", .help = "exec/open events kept, %L\n(default %D)" },
	{ .name = "events-text", .type = OPT_UINT, FIELD(log_text_mib), .def = 0,
	  .min = 1, .max = 65536, .flags = OPTF_UNSET, .what = "a number of MiB",
	  .metavar = "MIB", .key = "events-text",
	  .help = "MiB of paths and argv the event log keeps,\n%L (default: 160 bytes an event)" },
	/* the kernel wants a power-of-two number of pages */
	{ .name = "ringbuf-size", .type = OPT_UINT, FIELD(ringbuf_kb), .def = 1024,
	  .min = 64, .max = 262144, .flags = OPTF_POW2, .what = "a power of two",
	  .unit = "KiB", .metavar = "KIB", .key = "ringbuf-size",
	  .help = "ring buffer size in KiB, a power of two\nfrom %L (default %D)" },

	{ .name = "theme", .type = OPT_STRING, FIELD(theme), .what = "the theme name",
	  .metavar = "NAME", .group = "Interface", .key = "theme",
	  .help = "colour theme: a name or a file path" },
	{ .name = "no-color", .short_name = 'C', .type = OPT_BOOL, FIELD(colour), .def = true,
	  .flags = OPTF_NEGATE, .key = "color",
	  .help = "no colours, as NO_COLOR=1 (the mono theme's\nbold, dim and reverse video)",
	  .comment = "no: no colours, whatever the terminal" },
	{ .name = "no-mouse", .short_name = 'M', .type = OPT_BOOL, FIELD(mouse), .def = true,
	  .flags = OPTF_NEGATE,
	  .key = "mouse", .help = "do not capture the mouse",
	  .comment = "no: leave the mouse to the terminal" },
	{ .name = "latency", .type = OPT_BOOL, FIELD(latency), .key = "latency", .group = "Sources",
	  .help = "time system calls from the start (key L turns it on and off): work at every "
		  "call's entry and exit, so off by default",
	  .comment = "yes: time system calls from the start" },
	{ .name = "focus", .type = OPT_CHOICE, FIELD(focus), .def = PANE_SYSCALLS,
	  .choices = panes, .metavar = "PANE", .key = "focus",
	  .help = "pane focused at start: %C (default %D)" },
	{ .name = "sort", .short_name = 's', .type = OPT_CHOICE, FIELD(sort), .def = SC_RATE, .choices = sort_cols,
	  .metavar = "COLUMN", .key = "sort",
	  .help = "sort the syscall tables by %C (default %D)" },

	{ .name = "save-config", .type = OPT_BOOL, FIELD(save_config), .group = "Configuration",
	  .help = "write the settings in effect to the configuration file and exit" },

	{ .name = "help", .short_name = 'h', .type = OPT_BOOL, FIELD(help),
	  .group = "Information", .help = "show this help and exit" },
	{ .name = "version", .short_name = 'V', .type = OPT_BOOL, FIELD(version),
	  .help = "show the version and exit" },
	{ .name = "probe-report", .type = OPT_BOOL, FIELD(probe_report),
	  .help = "start every source, report the kernel's facilities and the hook each "
		  "source uses, and exit" },
};

const size_t opt_n_rows = sizeof(opt_rows) / sizeof(opt_rows[0]);
_Static_assert(sizeof(opt_rows) / sizeof(opt_rows[0]) <= OPT_ROWS_MAX, "raise OPT_ROWS_MAX");

const struct opt_row *opt_row_by_name(const char *name)
{
	for (size_t i = 0; i < opt_n_rows; i++)
		if (!strcmp(name, opt_rows[i].name))
			return &opt_rows[i];
	return NULL;
}

const struct opt_row *opt_row_by_key(const char *key)
{
	for (size_t i = 0; i < opt_n_rows; i++)
		if (opt_rows[i].key && !strcmp(key, opt_rows[i].key))
			return &opt_rows[i];
	return NULL;
}

const struct opt_row *opt_row_by_prefix(const char *tok)
{
	const struct opt_row *found = NULL;
	size_t len = strcspn(tok, "=");

	for (size_t i = 0; len && i < opt_n_rows; i++) {
		if (strncmp(tok, opt_rows[i].name, len))
			continue;
		if (strlen(opt_rows[i].name) == len)
			return &opt_rows[i];
		if (found)
			return NULL;
		found = &opt_rows[i];
	}
	return found;
}

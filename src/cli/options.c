/* Command-line options: argv -> struct options, and the help text.
 *
 * One table describes every option (spelling, argument, help group and
 * text); getopt_long's tables and options_usage() are both derived from
 * it, so the help cannot drift from what is accepted. Parsing is pure
 * and repeatable (tests call it many times): it prints nothing, resets
 * getopt's state itself, and on error leaves *o as it was and explains in
 * one line which option was wrong and what it accepts.
 *
 * Numbers are parsed by hand, not with strtod/strtoul: those accept
 * signs, blanks, hex and "inf", and strtod follows the locale's decimal
 * point, which would make "-d 0.5" fail under some locales. */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <linux/types.h>
#include "filter.h"
#include "options.h"
#include "sanitize.h"
#include "snapshot.h"
#include "exec.h"

#define DELAY_MIN 0.1
#define DELAY_MAX 3600.0
#define ITER_MAX 1000000000ULL
#define PID_MAX 4194304ULL	/* the kernel's PID_MAX_LIMIT on 64-bit */
#define ARGS_CAP_MIN 64ULL
#define EVENTS_MIN 16ULL
#define EVENTS_MAX 10000000ULL
#define RINGBUF_MIN 64ULL
#define RINGBUF_MAX 262144ULL
#define RINGBUF_DEFAULT 1024
#define EVENTS_DEFAULT 100000
#define DELAY_DEFAULT 1.0

/* Codes of options without a short form: above any char. */
enum {
	OPT_JSON = 256,
	OPT_VFS_HOOK,
	OPT_BIO_HOOK,
	OPT_SYSCALLS_HOOK,
	OPT_SOURCES,
	OPT_ARGS_CAP,
	OPT_EVENTS,
	OPT_RINGBUF,
	OPT_LOG,
	OPT_THEME,
	OPT_NO_MOUSE,
	OPT_PROBE_REPORT,
	OPT_BPF_STATS,
	OPT_FILTER,
	OPT_FOCUS,
	OPT_SORT,
	OPT_SAVE_CONFIG,
};

struct opt_desc {
	const char *name;	/* long form */
	int val;		/* short form char, or OPT_* */
	bool arg;		/* takes a value */
	const char *metavar;
	const char *group;	/* help section; NULL continues the previous */
	const char *help;
};

static const struct opt_desc opt_table[] = {
	{ "delay", 'd', true, "SECS", "Sampling",
	  "seconds between snapshots, 0.1 to 3600 (default 1)" },
	{ "iterations", 'n', true, "N", NULL, "exit after N snapshots (default: run until quit)" },
	{ "batch", 'b', false, NULL, "Output",
	  "print text snapshots instead of the full-screen view" },
	{ "json", OPT_JSON, false, NULL, NULL, "print snapshots and events as NDJSON (implies -b)" },
	{ "log", OPT_LOG, true, "FILE", NULL, "append libbpf and diagnostic messages to FILE" },
	{ "bpf-stats", OPT_BPF_STATS, false, NULL, NULL,
	  "measure the run time of tracetop's BPF programs\n(costs the kernel ~50 ns per program run)" },
	{ "pid", 'p', true, "PID", "Filters", "trace only process PID" },
	{ "uid", 'u', true, "UID", NULL, "trace only user UID (a number or a user name)" },
	{ "failed", 'x', false, NULL, NULL, "show only failed exec and open calls" },
	{ "filter", OPT_FILTER, true, "EXPR", NULL,
	  "show only events matching EXPR: PCRE2 terms,\nall of which must match, such as\n"
	  "path:^/etc/ errno:ENOENT !comm:^systemd" },
	{ "sources", OPT_SOURCES, true, "LIST", "Sources",
	  "any of exec,open,vfs,bio,syscalls,all (default all)" },
	{ "vfs-hook", OPT_VFS_HOOK, true, "HOOK", NULL,
	  "auto, fentry, kprobe or tracepoint (default auto)" },
	{ "bio-hook", OPT_BIO_HOOK, true, "HOOK", NULL,
	  "auto, tp_btf or raw_tp (default auto)" },
	{ "syscalls-hook", OPT_SYSCALLS_HOOK, true, "HOOK", NULL,
	  "auto, tp_btf, raw_tp or tracepoint (default auto)" },
	{ "args-cap", OPT_ARGS_CAP, true, "BYTES", "Limits",
	  "argv bytes kept per exec, 64 to 16384 (default 4096)" },
	{ "events", OPT_EVENTS, true, "N", NULL,
	  "exec/open events kept, 16 to 10000000\n(default 100000)" },
	{ "ringbuf-size", OPT_RINGBUF, true, "KIB", NULL,
	  "ring buffer size in KiB, a power of two\nfrom 64 to 262144 (default 1024)" },
	{ "theme", OPT_THEME, true, "NAME", "Interface", "colour theme: a name or a file path" },
	{ "no-mouse", OPT_NO_MOUSE, false, NULL, NULL, "do not capture the mouse" },
	{ "focus", OPT_FOCUS, true, "PANE", NULL, "pane focused at start: vfs, syscalls, bio, log" },
	{ "sort", OPT_SORT, true, "COLUMN", NULL,
	  "sort the syscall tables by name, rate, total,\nerrors or err-pct (default rate)" },
	{ "save-config", OPT_SAVE_CONFIG, false, NULL, "Configuration",
	  "write the settings in effect to the configuration\nfile and exit" },
	{ "help", 'h', false, NULL, "Information", "show this help and exit" },
	{ "version", 'V', false, NULL, NULL, "show the version and exit" },
	{ "probe-report", OPT_PROBE_REPORT, false, NULL, NULL,
	  "start every source, report the kernel's facilities\nand the hook each source uses, and exit" },
};

#define N_OPTS (sizeof(opt_table) / sizeof(opt_table[0]))

/* Parsing state for one options_parse() call. */
struct opt_ctx {
	const char *prefix;	/* "tracetop: " on the command line */
	char *err;
	size_t errlen;
	const char *name;	/* the option as spelled, for messages */
	char namebuf[48];
};

__attribute__((format(printf, 2, 3)))
static int opt_fail(struct opt_ctx *c, const char *fmt, ...)
{
	char raw[1024];
	va_list ap;
	int n;

	if (!c->errlen)
		return -EINVAL;
	n = snprintf(c->err, c->errlen, "%s", c->prefix ? c->prefix : "");
	if (n < 0 || (size_t)n >= c->errlen)
		return -EINVAL;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	/* the message quotes what the user typed: escape it for the tty */
	sanitize(c->err + n, c->errlen - (size_t)n, raw, strlen(raw));
	return -EINVAL;
}

/* An unsigned decimal number: digits only, no sign, no blanks. */
static int parse_u64(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (*s < '0' || *s > '9')
			return -EINVAL;
		if (v > (UINT64_MAX - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/* An unsigned number within [min, max], or an error naming the option. */
static int opt_range(struct opt_ctx *c, const char *s, uint64_t min, uint64_t max,
		     const char *what, uint64_t *out)
{
	uint64_t v;

	if (parse_u64(s, &v) || v < min || v > max)
		return opt_fail(c, "%s: '%s' is not %s between %llu and %llu", c->name, s, what,
				(unsigned long long)min, (unsigned long long)max);
	*out = v;
	return 0;
}

/* "12", "0.5", "1." or ".25": a plain decimal, locale-independent. */
static int parse_decimal(const char *s, double *out)
{
	double v = 0, scale = 1;
	bool digits = false, dot = false;

	for (; *s; s++) {
		if (*s == '.' && !dot) {
			dot = true;
		} else if (*s >= '0' && *s <= '9') {
			digits = true;
			if (dot) {
				scale /= 10;
				v += (*s - '0') * scale;
			} else {
				v = v * 10 + (*s - '0');
			}
		} else {
			return -EINVAL;
		}
	}
	if (!digits)
		return -EINVAL;
	*out = v;
	return 0;
}

static int opt_delay(struct opt_ctx *c, const char *s, struct options *o)
{
	double v;

	/* compare with a little slack: 0.1 as typed is not exactly 0.1 */
	if (parse_decimal(s, &v) || v < DELAY_MIN - 1e-9 || v > DELAY_MAX)
		return opt_fail(c, "%s: '%s' is not a number of seconds between 0.1 and 3600",
				c->name, s);
	o->delay_s = v;
	return 0;
}

static int opt_uid(struct opt_ctx *c, const char *s, struct options *o)
{
	struct passwd *pw;
	uint64_t v;

	if (*s >= '0' && *s <= '9') {
		/* (uid_t)-1 means "no uid" to the kernel and TT_ANY to us */
		if (parse_u64(s, &v) || v >= TT_ANY)
			return opt_fail(c, "%s: '%s' is not a user id between 0 and %u",
					c->name, s, TT_ANY - 1);
		o->uid = (uint32_t)v;
		return 0;
	}
	pw = *s ? getpwnam(s) : NULL;
	if (!pw)
		return opt_fail(c, "%s: '%s' is neither a user id nor a known user name",
				c->name, s);
	o->uid = (uint32_t)pw->pw_uid;
	return 0;
}

static const char *const vfs_hooks[] = {
	[VFS_HOOK_AUTO] = "auto",
	[VFS_HOOK_FENTRY] = "fentry",
	[VFS_HOOK_KPROBE] = "kprobe",
	[VFS_HOOK_TRACEPOINT] = "tracepoint",
};

static const char *const bio_hooks[] = {
	[BIO_HOOK_AUTO] = "auto",
	[BIO_HOOK_TP_BTF] = "tp_btf",
	[BIO_HOOK_RAW_TP] = "raw_tp",
};

static const char *const syscalls_hooks[] = {
	[SYSCALLS_HOOK_AUTO] = "auto",
	[SYSCALLS_HOOK_TP_BTF] = "tp_btf",
	[SYSCALLS_HOOK_RAW_TP] = "raw_tp",
	[SYSCALLS_HOOK_TRACEPOINT] = "tracepoint",
};

static const char *const focus_names[] = {
	[PANE_VFS] = "vfs",
	[PANE_SYSCALLS] = "syscalls",
	[PANE_BIO] = "bio",
	[PANE_LOG] = "log",
};

static const char *const sort_names[] = {
	[SC_NAME] = "name",
	[SC_RATE] = "rate",
	[SC_TOTAL] = "total",
	[SC_ERR_RATE] = "errors",
	[SC_ERR_PCT] = "err-pct",
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The index of s in names[0..n), skipping NULL slots, or -1. */
static int name_index(const char *const *names, unsigned n, const char *s)
{
	for (unsigned i = 0; i < n; i++)
		if (names[i] && !strcmp(s, names[i]))
			return (int)i;
	return -1;
}

static int opt_focus(struct opt_ctx *c, const char *s, struct options *o)
{
	int i = name_index(focus_names, N_OF(focus_names), s);

	if (i < 0)
		return opt_fail(c, "%s: '%s' is not one of vfs, syscalls, bio, log", c->name, s);
	o->focus = (enum ui_pane)i;
	return 0;
}

static int opt_sort(struct opt_ctx *c, const char *s, struct options *o)
{
	int i = name_index(sort_names, N_OF(sort_names), s);

	if (i < 0)
		return opt_fail(c, "%s: '%s' is not one of name, rate, total, errors, err-pct",
				c->name, s);
	o->sort = (enum sc_col)i;
	return 0;
}

/* A --*-hook value: one of names[0..n), listed in the message if not. */
static int opt_hook(struct opt_ctx *c, const char *s, const char *const *names, unsigned n,
		    unsigned *out)
{
	char list[96];
	size_t used = 0;
	int i = name_index(names, n, s);

	if (i >= 0) {
		*out = (unsigned)i;
		return 0;
	}
	list[0] = '\0';
	for (unsigned k = 0; k < n; k++)
		used += (size_t)snprintf(list + used, used < sizeof(list) ? sizeof(list) - used : 0,
					 "%s%s", k ? ", " : "", names[k]);
	return opt_fail(c, "%s: '%s' is not one of %s", c->name, s, list);
}

/* "exec,bio" -> bit mask; "all" names every source. */
static int opt_sources(struct opt_ctx *c, const char *s, struct options *o)
{
	const char *p = s;
	unsigned mask = 0;

	for (;;) {
		size_t len = strcspn(p, ",");
		unsigned i, bit = 0;

		if (len == 3 && !strncmp(p, "all", 3))
			bit = (1u << TT_SRC_MAX) - 1;
		for (i = 0; i < TT_SRC_MAX && !bit; i++) {
			const char *name = tt_source_name((enum tt_source)i);

			if (strlen(name) == len && !strncmp(p, name, len))
				bit = 1u << i;
		}
		if (!bit)
			return opt_fail(c, "%s: '%.*s' in '%s' is not one of exec, open, vfs, bio, syscalls, all",
					c->name, (int)len, p, s);
		mask |= bit;
		if (!p[len])
			break;
		p += len + 1;
	}
	o->sources = mask;
	return 0;
}

static int opt_ringbuf(struct opt_ctx *c, const char *s, struct options *o)
{
	uint64_t v;

	/* the kernel wants a power-of-two number of pages */
	if (parse_u64(s, &v) || v < RINGBUF_MIN || v > RINGBUF_MAX || (v & (v - 1)))
		return opt_fail(c, "%s: '%s' is not a power of two between %llu and %llu (KiB)",
				c->name, s, RINGBUF_MIN, RINGBUF_MAX);
	o->ringbuf_kb = (unsigned)v;
	return 0;
}

/* The pattern is compiled here only to be checked, so that a mistake
 * is reported before anything starts. */
static int opt_filter(struct opt_ctx *c, const char *s, struct options *o)
{
	struct filter_error fe;

	if (filter_check(s, &fe))
		return opt_fail(c, "%s: %s at offset %zu in '%s'", c->name,
				fe.msg[0] ? fe.msg : "out of memory", fe.offset, s);
	o->filter = *s ? s : NULL;
	return 0;
}

static int opt_string(struct opt_ctx *c, const char *s, const char *what, const char **out)
{
	if (!*s)
		return opt_fail(c, "%s: %s must not be empty", c->name, what);
	*out = s;
	return 0;
}

/* Applies one recognised option with its value (NULL for flags). */
static int opt_apply(struct opt_ctx *c, int val, const char *arg, struct options *o)
{
	uint64_t v;
	unsigned u;
	int err;

	switch (val) {
	case 'd':
		return opt_delay(c, arg, o);
	case 'n':
		err = opt_range(c, arg, 1, ITER_MAX, "a number of snapshots", &v);
		o->iterations = err ? o->iterations : v;
		return err;
	case 'b':
		if (o->output == OUTPUT_UI)
			o->output = OUTPUT_BATCH;
		return 0;
	case OPT_JSON:
		o->output = OUTPUT_JSON;
		return 0;
	case 'p':
		err = opt_range(c, arg, 1, PID_MAX, "a process id", &v);
		o->pid = err ? o->pid : (uint32_t)v;
		return err;
	case 'u':
		return opt_uid(c, arg, o);
	case 'x':
		o->failed_only = true;
		return 0;
	case OPT_VFS_HOOK:
		err = opt_hook(c, arg, vfs_hooks, N_OF(vfs_hooks), &u);
		o->vfs_hook = err ? o->vfs_hook : (enum vfs_hook)u;
		return err;
	case OPT_BIO_HOOK:
		err = opt_hook(c, arg, bio_hooks, N_OF(bio_hooks), &u);
		o->bio_hook = err ? o->bio_hook : (enum bio_hook)u;
		return err;
	case OPT_SYSCALLS_HOOK:
		err = opt_hook(c, arg, syscalls_hooks, N_OF(syscalls_hooks), &u);
		o->syscalls_hook = err ? o->syscalls_hook : (enum syscalls_hook)u;
		return err;
	case OPT_SOURCES:
		return opt_sources(c, arg, o);
	case OPT_ARGS_CAP:
		err = opt_range(c, arg, ARGS_CAP_MIN, EXEC_ARGS_MAX, "a number of bytes", &v);
		o->args_cap = err ? o->args_cap : (unsigned)v;
		return err;
	case OPT_EVENTS:
		err = opt_range(c, arg, EVENTS_MIN, EVENTS_MAX, "a number of events", &v);
		o->log_capacity = err ? o->log_capacity : (size_t)v;
		return err;
	case OPT_RINGBUF:
		return opt_ringbuf(c, arg, o);
	case OPT_LOG:
		return opt_string(c, arg, "the log file name", &o->log_file);
	case OPT_THEME:
		return opt_string(c, arg, "the theme name", &o->theme);
	case OPT_FILTER:
		return opt_filter(c, arg, o);
	case OPT_NO_MOUSE:
		o->mouse = false;
		return 0;
	case 'h':
		o->help = true;
		return 0;
	case 'V':
		o->version = true;
		return 0;
	case OPT_PROBE_REPORT:
		o->probe_report = true;
		return 0;
	case OPT_BPF_STATS:
		o->bpf_stats = true;
		return 0;
	case OPT_FOCUS:
		return opt_focus(c, arg, o);
	case OPT_SORT:
		return opt_sort(c, arg, o);
	case OPT_SAVE_CONFIG:
		o->save_config = true;
		return 0;
	}
	return opt_fail(c, "internal error: option %d has no handler", val);
}

void options_defaults(struct options *o)
{
	memset(o, 0, sizeof(*o));
	o->delay_s = DELAY_DEFAULT;
	o->iterations = 0;
	o->output = OUTPUT_UI;
	o->pid = TT_ANY;
	o->uid = TT_ANY;
	o->vfs_hook = VFS_HOOK_AUTO;
	o->sources = (1u << TT_SRC_MAX) - 1;
	o->args_cap = EXEC_ARGS_DEFAULT;
	o->log_capacity = EVENTS_DEFAULT;
	o->ringbuf_kb = RINGBUF_DEFAULT;
	o->mouse = true;
	o->focus = PANE_SYSCALLS;
	o->sort = SC_RATE;
}

/* The option tok ("name" or "name=value") abbreviates, as getopt_long
 * would take it: an exact name, or the only one it is a prefix of. */
static const struct opt_desc *opt_find_long(const char *tok)
{
	const struct opt_desc *found = NULL;
	size_t len = strcspn(tok, "=");
	unsigned i;

	for (i = 0; i < N_OPTS; i++) {
		if (strncmp(tok, opt_table[i].name, len))
			continue;
		if (strlen(opt_table[i].name) == len)
			return &opt_table[i];
		if (found)
			return NULL;
		found = &opt_table[i];
	}
	return len ? found : NULL;
}

/* Explains why getopt_long() refused the option it just read. */
static int opt_refused(struct opt_ctx *c, int rc, char **argv)
{
	const char *tok = optind > 0 ? argv[optind - 1] : NULL;

	if (tok && !strncmp(tok, "--", 2)) {
		const struct opt_desc *d = opt_find_long(tok + 2);
		int len = (int)strcspn(tok, "=");

		if (rc == ':')
			return opt_fail(c, "%.*s: missing value", len, tok);
		if (d && !d->arg && strchr(tok, '='))
			return opt_fail(c, "--%s: takes no value", d->name);
		return opt_fail(c, "unknown option '%.*s' (see --help)", len, tok);
	}
	if (rc == ':')
		return opt_fail(c, "-%c: missing value", optopt);
	if (optopt > ' ' && optopt < 127)
		return opt_fail(c, "unknown option '-%c' (see --help)", optopt);
	return opt_fail(c, "unknown option (see --help)");
}

/* getopt_long's tables, derived from opt_table. */
static void opt_build(struct option *lo, char *shorts)
{
	unsigned i;
	char *s = shorts;

	/* '+': stop at the first non-option instead of reordering argv;
	 * ':': report a missing value as ':' */
	*s++ = '+';
	*s++ = ':';
	for (i = 0; i < N_OPTS; i++) {
		lo[i] = (struct option){ opt_table[i].name,
					 opt_table[i].arg ? required_argument : no_argument,
					 NULL, opt_table[i].val };
		if (opt_table[i].val < 256) {
			*s++ = (char)opt_table[i].val;
			if (opt_table[i].arg)
				*s++ = ':';
		}
	}
	lo[N_OPTS] = (struct option){ NULL, 0, NULL, 0 };
	*s = '\0';
}

int options_parse(struct options *o, int argc, char **argv, char *err, size_t errlen)
{
	struct options tmp;
	int rc;

	options_defaults(&tmp);
	rc = options_parse_over(&tmp, argc, argv, err, errlen);
	if (!rc)
		*o = tmp;
	return rc;
}

int options_parse_over(struct options *o, int argc, char **argv, char *err, size_t errlen)
{
	struct option lo[N_OPTS + 1];
	char shorts[2 * N_OPTS + 3];
	struct opt_ctx c = { .prefix = "tracetop: ", .err = err, .errlen = errlen };
	struct options tmp;
	int rc, li;

	if (errlen)
		err[0] = '\0';
	tmp = *o;
	opt_build(lo, shorts);
	/* optind 0 makes glibc reinitialise getopt completely */
	optind = 0;
	opterr = 0;
	for (;;) {
		li = -1;
		rc = getopt_long(argc, argv, shorts, lo, &li);
		if (rc == -1)
			break;
		if (rc == '?' || rc == ':')
			return opt_refused(&c, rc, argv);
		if (li >= 0)
			snprintf(c.namebuf, sizeof(c.namebuf), "--%s", lo[li].name);
		else
			snprintf(c.namebuf, sizeof(c.namebuf), "-%c", rc);
		c.name = c.namebuf;
		if (opt_apply(&c, rc, optarg, &tmp))
			return -EINVAL;
	}
	if (optind < argc)
		return opt_fail(&c, "unexpected argument '%s' (see --help)", argv[optind]);
	*o = tmp;
	return 0;
}

int options_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	if (name_index(yes, N_OF(yes), s) >= 0)
		*out = true;
	else if (name_index(no, N_OF(no), s) >= 0)
		*out = false;
	else
		return -EINVAL;
	return 0;
}

static const struct opt_desc *opt_by_name(const char *name)
{
	for (unsigned i = 0; i < N_OPTS; i++)
		if (!strcmp(name, opt_table[i].name))
			return &opt_table[i];
	return NULL;
}

int options_set(struct options *o, const char *name, const char *value, char *err, size_t errlen)
{
	const struct opt_desc *d = opt_by_name(name);
	struct opt_ctx c = { .prefix = "", .err = err, .errlen = errlen, .name = name };
	struct options tmp = *o;
	bool on;

	if (errlen)
		err[0] = '\0';
	if (!d)
		return -ENOENT;
	if (!value)
		value = "";
	if (d->arg) {
		if (opt_apply(&c, d->val, value, &tmp))
			return -EINVAL;
	} else if (options_bool(value, &on)) {
		return opt_fail(&c, "%s: '%s' is not yes or no", name, value);
	} else if (on) {
		if (opt_apply(&c, d->val, NULL, &tmp))
			return -EINVAL;
	} else if (d->val == 'x') {
		tmp.failed_only = false;
	} else if (d->val == OPT_NO_MOUSE) {
		tmp.mouse = true;
	} else {
		return opt_fail(&c, "%s: can only be turned on", name);
	}
	*o = tmp;
	return 0;
}

/* Seconds as options_set() reads them back: no exponent, no locale. */
static void fmt_seconds(double v, char *buf, size_t len)
{
	unsigned long long us = (unsigned long long)(v * 1e6 + 0.5);
	char *end;

	snprintf(buf, len, "%llu.%06llu", us / 1000000, us % 1000000);
	end = buf + strlen(buf);
	while (end > buf && end[-1] == '0')
		*--end = '\0';
	if (end > buf && end[-1] == '.')
		*--end = '\0';
}

int options_get(const struct options *o, const char *name, char *buf, size_t len)
{
	const struct opt_desc *d = opt_by_name(name);
	const char *s = NULL;
	unsigned long long n = 0;
	bool flag = false, number = false;

	if (!d)
		return -ENOENT;
	switch (d->val) {
	case 'd':
		fmt_seconds(o->delay_s, buf, len);
		return 0;
	case 'n':
		if (!o->iterations)
			return -ENODATA;
		n = o->iterations, number = true;
		break;
	case 'b':
		flag = o->output != OUTPUT_UI;
		break;
	case OPT_JSON:
		flag = o->output == OUTPUT_JSON;
		break;
	case 'p':
	case 'u':
		n = d->val == 'p' ? o->pid : o->uid, number = true;
		if (n == TT_ANY)
			return -ENODATA;
		break;
	case 'x':
		flag = o->failed_only;
		break;
	case OPT_FILTER:
		s = o->filter;
		break;
	case OPT_VFS_HOOK:
		s = (unsigned)o->vfs_hook < N_OF(vfs_hooks) ? vfs_hooks[o->vfs_hook] : NULL;
		break;
	case OPT_BIO_HOOK:
		s = (unsigned)o->bio_hook < N_OF(bio_hooks) ? bio_hooks[o->bio_hook] : NULL;
		break;
	case OPT_SYSCALLS_HOOK:
		s = (unsigned)o->syscalls_hook < N_OF(syscalls_hooks) ?
			syscalls_hooks[o->syscalls_hook] : NULL;
		break;
	case OPT_SOURCES: {
		size_t used = 0;

		if (len)
			buf[0] = '\0';
		if (o->sources == (1u << TT_SRC_MAX) - 1) {
			snprintf(buf, len, "all");
			return 0;
		}
		for (unsigned i = 0; i < TT_SRC_MAX; i++) {
			if (!(o->sources & (1u << i)))
				continue;
			used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s%s",
						 used ? "," : "", tt_source_name((enum tt_source)i));
		}
		return used ? 0 : -ENODATA;
	}
	case OPT_ARGS_CAP:
		n = o->args_cap, number = true;
		break;
	case OPT_EVENTS:
		n = o->log_capacity, number = true;
		break;
	case OPT_RINGBUF:
		n = o->ringbuf_kb, number = true;
		break;
	case OPT_LOG:
		s = o->log_file;
		break;
	case OPT_THEME:
		s = o->theme;
		break;
	case OPT_NO_MOUSE:
		flag = !o->mouse;
		break;
	case OPT_FOCUS:
		s = (unsigned)o->focus < N_OF(focus_names) ? focus_names[o->focus] : NULL;
		break;
	case OPT_SORT:
		s = (unsigned)o->sort < N_OF(sort_names) ? sort_names[o->sort] : NULL;
		break;
	case 'h':
		flag = o->help;
		break;
	case 'V':
		flag = o->version;
		break;
	case OPT_PROBE_REPORT:
		flag = o->probe_report;
		break;
	case OPT_BPF_STATS:
		flag = o->bpf_stats;
		break;
	case OPT_SAVE_CONFIG:
		flag = o->save_config;
		break;
	}
	if (number)
		snprintf(buf, len, "%llu", n);
	else if (!d->arg)
		snprintf(buf, len, "%s", flag ? "yes" : "no");
	else if (s)
		snprintf(buf, len, "%s", s);
	else
		return -ENODATA;
	return 0;
}

void options_usage(FILE *f)
{
	unsigned i;

	fprintf(f, "Usage: tracetop [OPTION]...\n"
		   "Watch exec and open calls, VFS rates, block I/O latency and syscalls live.\n");
	for (i = 0; i < N_OPTS; i++) {
		const struct opt_desc *d = &opt_table[i];
		char left[40], shortname[8] = "    ";
		const char *h;

		if (d->group)
			fprintf(f, "\n%s:\n", d->group);
		if (d->val < 256)
			snprintf(shortname, sizeof(shortname), "-%c, ", d->val);
		snprintf(left, sizeof(left), "%s--%s%s%s", shortname, d->name,
			 d->arg ? " " : "", d->arg ? d->metavar : "");
		/* help texts keep lines under 80 columns with explicit breaks */
		fprintf(f, "  %-24s ", left);
		for (h = d->help; *h; h++) {
			if (*h == '\n')
				fprintf(f, "\n%27s", "");
			else
				fputc(*h, f);
		}
		fputc('\n', f);
	}
	fprintf(f, "\nExit status: 0 ok, 1 runtime error, 2 bad usage, 3 missing privileges,\n"
		   "4 kernel lacks BPF support, 5 no source could be started.\n");
}

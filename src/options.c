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
#include "options.h"
#include "snapshot.h"
#include "../bpf/exec.h"

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
	OPT_SOURCES,
	OPT_ARGS_CAP,
	OPT_EVENTS,
	OPT_RINGBUF,
	OPT_LOG,
	OPT_THEME,
	OPT_NO_MOUSE,
	OPT_PROBE_REPORT,
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
	{ "pid", 'p', true, "PID", "Filters", "trace only process PID" },
	{ "uid", 'u', true, "UID", NULL, "trace only user UID (a number or a user name)" },
	{ "failed", 'x', false, NULL, NULL, "show only failed exec and open calls" },
	{ "sources", OPT_SOURCES, true, "LIST", "Sources",
	  "any of exec,open,vfs,bio,syscalls,all (default all)" },
	{ "vfs-hook", OPT_VFS_HOOK, true, "HOOK", NULL,
	  "auto, fentry, kprobe or tracepoint (default auto)" },
	{ "args-cap", OPT_ARGS_CAP, true, "BYTES", "Limits",
	  "argv bytes kept per exec, 64 to 16384 (default 4096)" },
	{ "events", OPT_EVENTS, true, "N", NULL,
	  "exec/open events kept, 16 to 10000000\n(default 100000)" },
	{ "ringbuf-size", OPT_RINGBUF, true, "KIB", NULL,
	  "ring buffer size in KiB, a power of two\nfrom 64 to 262144 (default 1024)" },
	{ "theme", OPT_THEME, true, "NAME", "Interface", "colour theme: a name or a file path" },
	{ "no-mouse", OPT_NO_MOUSE, false, NULL, NULL, "do not capture the mouse" },
	{ "help", 'h', false, NULL, "Information", "show this help and exit" },
	{ "version", 'V', false, NULL, NULL, "show the version and exit" },
	{ "probe-report", OPT_PROBE_REPORT, false, NULL, NULL,
	  "start every source, report the kernel's facilities\nand the hook each source uses, and exit" },
};

#define N_OPTS (sizeof(opt_table) / sizeof(opt_table[0]))

/* Parsing state for one options_parse() call. */
struct opt_ctx {
	char *err;
	size_t errlen;
	const char *name;	/* the option as spelled, for messages */
	char namebuf[48];
};

__attribute__((format(printf, 2, 3)))
static int opt_fail(struct opt_ctx *c, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!c->errlen)
		return -EINVAL;
	n = snprintf(c->err, c->errlen, "tracetop: ");
	if (n < 0 || (size_t)n >= c->errlen)
		return -EINVAL;
	va_start(ap, fmt);
	vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
	va_end(ap);
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

static int opt_vfs_hook(struct opt_ctx *c, const char *s, struct options *o)
{
	static const char *const hooks[] = {
		[VFS_HOOK_AUTO] = "auto",
		[VFS_HOOK_FENTRY] = "fentry",
		[VFS_HOOK_KPROBE] = "kprobe",
		[VFS_HOOK_TRACEPOINT] = "tracepoint",
	};
	unsigned i;

	for (i = 0; i < sizeof(hooks) / sizeof(hooks[0]); i++) {
		if (!strcmp(s, hooks[i])) {
			o->vfs_hook = (enum vfs_hook)i;
			return 0;
		}
	}
	return opt_fail(c, "%s: '%s' is not one of auto, fentry, kprobe, tracepoint", c->name, s);
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
		return opt_vfs_hook(c, arg, o);
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
	case OPT_NO_MOUSE:
		o->no_mouse = true;
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
	struct option lo[N_OPTS + 1];
	char shorts[2 * N_OPTS + 3];
	struct opt_ctx c = { .err = err, .errlen = errlen };
	struct options tmp;
	int rc, li;

	if (errlen)
		err[0] = '\0';
	options_defaults(&tmp);
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

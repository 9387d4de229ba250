/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of command-line parsing (src/cli/options.c) and the option
 * table (src/cli/option_table.c): every option, its bounds, bad values
 * and the one-line messages that explain them; every row of the table
 * sound and read back as it was set. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <linux/types.h>
#include "option_table.h"
#include "options.h"
#include "snapshot.h"

#define ALL_SOURCES ((1u << TT_SRC_MAX) - 1)

static char errbuf[256];

/* Parses a NULL-terminated list of arguments (program name added). */
static int parse_v(struct options *o, const char *first, va_list ap)
{
	char *argv[32];
	int argc = 0;
	const char *a;

	argv[argc++] = (char *)"tracetop";
	for (a = first; a; a = va_arg(ap, const char *)) {
		assert_true(argc < 31);
		argv[argc++] = (char *)a;
	}
	argv[argc] = NULL;
	return options_parse(o, argc, argv, errbuf, sizeof(errbuf));
}

static int parse(struct options *o, const char *first, ...)
{
	va_list ap;
	int rc;

	va_start(ap, first);
	rc = parse_v(o, first, ap);
	va_end(ap);
	return rc;
}

/* Expects args to be refused with a message containing each of the
 * given fragments (NULL-terminated after args' own NULL). */
static void refuse(const char *const *args, const char *frag1, const char *frag2)
{
	char *argv[16];
	struct options o, before;
	int argc = 0;

	argv[argc++] = (char *)"tracetop";
	while (*args)
		argv[argc++] = (char *)*args++;
	argv[argc] = NULL;
	options_defaults(&o);
	o.delay_s = 7;	/* a parse that fails must leave o alone */
	before = o;
	assert_int_equal(options_parse(&o, argc, argv, errbuf, sizeof(errbuf)), -EINVAL);
	assert_memory_equal(&o, &before, sizeof(o));
	assert_non_null(strstr(errbuf, "tracetop: "));
	assert_null(strchr(errbuf, '\n'));
	if (frag1 && !strstr(errbuf, frag1))
		fail_msg("'%s' does not contain '%s'", errbuf, frag1);
	if (frag2 && !strstr(errbuf, frag2))
		fail_msg("'%s' does not contain '%s'", errbuf, frag2);
}

#define REFUSE(f1, f2, ...) refuse((const char *const[]){ __VA_ARGS__, NULL }, f1, f2)

static void test_defaults(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(parse(&o, NULL), 0);
	assert_float_equal(o.delay_s, 1.0, 1e-12);
	assert_int_equal(o.iterations, 0);
	assert_int_equal(o.output, OUTPUT_UI);
	assert_int_equal(o.pids.n, 0);
	assert_int_equal(o.uids.n, 0);
	assert_false(o.failed_only);
	assert_int_equal(o.vfs_hook, VFS_HOOK_AUTO);
	assert_int_equal(o.sources, ALL_SOURCES);
	assert_int_equal(o.args_cap, 4096);
	assert_int_equal(o.log_capacity, 100000);
	assert_int_equal(o.ringbuf_kb, 1024);
	assert_null(o.log_file);
	assert_null(o.theme);
	assert_true(o.mouse);
	assert_false(o.help || o.version);
	assert_int_equal(o.focus, PANE_SYSCALLS);
	assert_int_equal(o.sort, SC_RATE);
	assert_string_equal(errbuf, "");
}

static void test_delay(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(parse(&o, "-d", "2", NULL), 0);
	assert_float_equal(o.delay_s, 2.0, 1e-12);
	assert_int_equal(parse(&o, "-d0.5", NULL), 0);
	assert_float_equal(o.delay_s, 0.5, 1e-12);
	assert_int_equal(parse(&o, "--delay=0.1", NULL), 0);
	assert_float_equal(o.delay_s, 0.1, 1e-12);
	assert_int_equal(parse(&o, "--delay", "3600", NULL), 0);
	assert_float_equal(o.delay_s, 3600.0, 1e-12);
	assert_int_equal(parse(&o, "-d", ".25", NULL), 0);
	assert_float_equal(o.delay_s, 0.25, 1e-12);
	/* a unique prefix of a long option is the option */
	assert_int_equal(parse(&o, "--del", "3", NULL), 0);
	assert_float_equal(o.delay_s, 3.0, 1e-12);

	REFUSE("-d: '0' is not a number of seconds between 0.1 and 3600", NULL, "-d", "0");
	REFUSE("'0.09'", "between 0.1 and 3600", "-d", "0.09");
	REFUSE("'3600.5'", NULL, "-d", "3600.5");
	REFUSE("'1x'", NULL, "-d", "1x");
	REFUSE("'-1'", NULL, "-d", "-1");
	REFUSE("'1e1'", NULL, "-d", "1e1");
	REFUSE("'inf'", NULL, "-d", "inf");
	REFUSE("'nan'", NULL, "-d", "nan");
	REFUSE("' 1'", NULL, "-d", " 1");
	REFUSE("'1.2.3'", NULL, "-d", "1.2.3");
	REFUSE("'.'", NULL, "-d", ".");
	REFUSE("''", NULL, "-d", "");
	REFUSE("--delay: '0'", NULL, "--delay=0");
	REFUSE("-d: missing value", NULL, "-d");
	REFUSE("--delay: missing value", NULL, "--delay");
}

static void test_iterations(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(parse(&o, "-n", "5", NULL), 0);
	assert_int_equal(o.iterations, 5);
	assert_int_equal(parse(&o, "--iterations=1000000000", NULL), 0);
	assert_int_equal(o.iterations, 1000000000);
	REFUSE("-n: '0' is not a number of snapshots between 1 and 1000000000", NULL, "-n", "0");
	REFUSE("'-5'", NULL, "-n", "-5");
	REFUSE("'+5'", NULL, "-n", "+5");
	REFUSE("'5x'", NULL, "-n", "5x");
	REFUSE("'0x10'", NULL, "-n", "0x10");
	REFUSE("'18446744073709551616'", NULL, "-n", "18446744073709551616");
	REFUSE("'99999999999999999999999999'", NULL, "-n", "99999999999999999999999999");
}

static void test_output_modes(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(parse(&o, "-b", NULL), 0);
	assert_int_equal(o.output, OUTPUT_BATCH);
	assert_int_equal(parse(&o, "--batch", NULL), 0);
	assert_int_equal(o.output, OUTPUT_BATCH);
	assert_int_equal(parse(&o, "--json", NULL), 0);
	assert_int_equal(o.output, OUTPUT_JSON);
	/* --json wins over -b in either order */
	assert_int_equal(parse(&o, "--json", "-b", NULL), 0);
	assert_int_equal(o.output, OUTPUT_JSON);
	assert_int_equal(parse(&o, "-b", "--json", NULL), 0);
	assert_int_equal(o.output, OUTPUT_JSON);
	REFUSE("--batch: takes no value", NULL, "--batch=1");
	REFUSE("--json: takes no value", NULL, "--json=yes");
}

/* One id, or the option's form pid/uid alone, as a one-element list. */
static void expect_ids(const struct tt_ids *ids, unsigned n, const uint32_t *v)
{
	assert_int_equal(ids->n, n);
	for (unsigned i = 0; i < n; i++)
		assert_int_equal(ids->v[i], v[i]);
}

static void test_pid_uid(void **state)
{
	char many[TT_IDS_MAX * 8 + 16];
	size_t pos = 0;
	struct options o;

	(void)state;
	assert_int_equal(parse(&o, "-p", "1234", NULL), 0);
	expect_ids(&o.pids, 1, (uint32_t[]){ 1234 });
	assert_int_equal(parse(&o, "--pid=4194304", NULL), 0);
	expect_ids(&o.pids, 1, (uint32_t[]){ 4194304 });
	REFUSE("-p: '0' is not a process id between 1 and 4194304", NULL, "-p", "0");
	REFUSE("'4194305'", NULL, "-p", "4194305");
	REFUSE("'-1'", NULL, "-p", "-1");
	REFUSE("'12ab'", NULL, "--pid", "12ab");
	/* lists, and the option again: all of them, each once, in order */
	assert_int_equal(parse(&o, "-p", "7,8", "-p", "9", "--pid=8,10", NULL), 0);
	expect_ids(&o.pids, 4, (uint32_t[]){ 7, 8, 9, 10 });
	REFUSE("-p: '7,,8' is not a list of process ids separated by commas", NULL, "-p", "7,,8");
	REFUSE("'7,'", NULL, "-p", "7,");
	REFUSE("',7'", NULL, "-p", ",7");
	REFUSE("-p: '0' is not a process id", NULL, "-p", "7,0");
	for (unsigned i = 1; i <= TT_IDS_MAX + 1; i++)
		pos += (size_t)snprintf(many + pos, sizeof(many) - pos, "%s%u", i > 1 ? "," : "", i);
	REFUSE("-p: at most 64 process ids", NULL, "-p", many);
	many[strrchr(many, ',') - many] = '\0';
	assert_int_equal(parse(&o, "-p", many, NULL), 0);
	assert_int_equal(o.pids.n, TT_IDS_MAX);

	assert_int_equal(parse(&o, "-u", "0", NULL), 0);
	expect_ids(&o.uids, 1, (uint32_t[]){ 0 });
	assert_int_equal(parse(&o, "-u", "1000", NULL), 0);
	expect_ids(&o.uids, 1, (uint32_t[]){ 1000 });
	assert_int_equal(parse(&o, "--uid=4294967294", NULL), 0);
	expect_ids(&o.uids, 1, (uint32_t[]){ 4294967294u });
	/* root is user 0 on every system; names and numbers mix */
	assert_int_equal(parse(&o, "-u", "root", NULL), 0);
	expect_ids(&o.uids, 1, (uint32_t[]){ 0 });
	assert_int_equal(parse(&o, "-u", "1000,root", "-u", "65534", NULL), 0);
	expect_ids(&o.uids, 3, (uint32_t[]){ 1000, 0, 65534 });
	REFUSE("-u: '4294967295' is not a user id between 0 and 4294967294", NULL, "-u",
	       "4294967295");
	REFUSE("'99999999999999999999'", NULL, "-u", "99999999999999999999");
	REFUSE("'12x'", NULL, "-u", "12x");
	REFUSE("'no-such-user-tt'", "user name", "-u", "no-such-user-tt");
	REFUSE("'no-such-user-tt'", "user name", "-u", "0,no-such-user-tt");
	REFUSE("'-1'", NULL, "-u", "-1");
	REFUSE("''", NULL, "-u", "");
}

static void test_comm(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(parse(&o, "--comm", "^nginx", NULL), 0);
	assert_string_equal(o.comm, "^nginx");
	assert_int_equal(parse(&o, "--comm=php fpm", NULL), 0);
	assert_string_equal(o.comm, "php fpm");
	REFUSE("--comm: missing terminating ] for character class at offset", "'py['",
	       "--comm", "py[");
	REFUSE("longer than 63 bytes", NULL, "--comm",
	       "0123456789012345678901234567890123456789012345678901234567890123");
}

static void test_flags(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(parse(&o, "-x", "--no-mouse", "-h", "-V", NULL), 0);
	assert_true(o.failed_only);
	assert_false(o.mouse);
	assert_true(o.help);
	assert_true(o.version);
	/* short flags combine */
	assert_int_equal(parse(&o, "-bxd2", NULL), 0);
	assert_int_equal(o.output, OUTPUT_BATCH);
	assert_true(o.failed_only);
	assert_float_equal(o.delay_s, 2.0, 1e-12);
	assert_int_equal(parse(&o, "--failed", "--help", "--version", NULL), 0);
	assert_true(o.failed_only && o.help && o.version);
	/* htop's short forms: -C no colour, -M no mouse, -s sort, -F filter */
	assert_int_equal(parse(&o, NULL), 0);
	assert_true(o.colour && o.mouse);
	assert_int_equal(parse(&o, "-CM", "-s", "errors", "-F", "errno:ENOENT", NULL), 0);
	assert_false(o.colour);
	assert_false(o.mouse);
	assert_int_equal(o.sort, SC_ERR_RATE);
	assert_string_equal(o.filter, "errno:ENOENT");
	assert_int_equal(parse(&o, "--no-color", NULL), 0);
	assert_false(o.colour);
}

static void test_vfs_hook(void **state)
{
	static const struct {
		const char *arg;
		enum vfs_hook want;
	} ok[] = {
		{ "--vfs-hook=auto", VFS_HOOK_AUTO },
		{ "--vfs-hook=fentry", VFS_HOOK_FENTRY },
		{ "--vfs-hook=kprobe", VFS_HOOK_KPROBE },
		{ "--vfs-hook=tracepoint", VFS_HOOK_TRACEPOINT },
	};
	struct options o;
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(parse(&o, ok[i].arg, NULL), 0);
		assert_int_equal(o.vfs_hook, ok[i].want);
	}
	assert_int_equal(parse(&o, "--vfs-hook", "kprobe", NULL), 0);
	assert_int_equal(o.vfs_hook, VFS_HOOK_KPROBE);
	REFUSE("--vfs-hook: 'fexit' is not one of auto, fentry, kprobe, tracepoint", NULL,
	       "--vfs-hook=fexit");
	REFUSE("'Fentry'", NULL, "--vfs-hook=Fentry");
	REFUSE("''", NULL, "--vfs-hook=");
	REFUSE("--vfs-hook: missing value", NULL, "--vfs-hook");
}

/* --bio-hook and --syscalls-hook: each family by name, auto by default,
 * anything else refused with the list and the old value kept. */
static void test_bio_syscalls_hooks(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(parse(&o, NULL), 0);
	assert_int_equal(o.bio_hook, BIO_HOOK_AUTO);
	assert_int_equal(o.syscalls_hook, SYSCALLS_HOOK_AUTO);
	assert_int_equal(parse(&o, "--bio-hook=raw_tp", "--syscalls-hook", "tracepoint", NULL), 0);
	assert_int_equal(o.bio_hook, BIO_HOOK_RAW_TP);
	assert_int_equal(o.syscalls_hook, SYSCALLS_HOOK_TRACEPOINT);
	assert_int_equal(parse(&o, "--bio-hook=tp_btf", "--syscalls-hook=raw_tp", NULL), 0);
	assert_int_equal(o.bio_hook, BIO_HOOK_TP_BTF);
	assert_int_equal(o.syscalls_hook, SYSCALLS_HOOK_RAW_TP);
	assert_int_equal(parse(&o, "--syscalls-hook=tp_btf", NULL), 0);
	assert_int_equal(o.syscalls_hook, SYSCALLS_HOOK_TP_BTF);
	REFUSE("--bio-hook: 'kprobe' is not one of auto, tp_btf, raw_tp", NULL,
	       "--bio-hook=kprobe");
	REFUSE("--syscalls-hook: 'fentry' is not one of auto, tp_btf, raw_tp, tracepoint", NULL,
	       "--syscalls-hook=fentry");
	REFUSE("--syscalls-hook: missing value", NULL, "--syscalls-hook");
}

static void test_sources(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(parse(&o, "--sources", "exec", NULL), 0);
	assert_int_equal(o.sources, 1u << TT_SRC_EXEC);
	assert_int_equal(parse(&o, "--sources=bio,syscalls,open", NULL), 0);
	assert_int_equal(o.sources, 1u << TT_SRC_BIO | 1u << TT_SRC_SYSCALL | 1u << TT_SRC_OPEN);
	assert_int_equal(parse(&o, "--sources=vfs,vfs", NULL), 0);
	assert_int_equal(o.sources, 1u << TT_SRC_VFS);
	assert_int_equal(parse(&o, "--sources=all", NULL), 0);
	assert_int_equal(o.sources, ALL_SOURCES);
	REFUSE("--sources: 'disk' in 'exec,disk' is not one of", NULL, "--sources=exec,disk");
	REFUSE("'' in ''", NULL, "--sources=");
	REFUSE("'' in 'exec,'", NULL, "--sources=exec,");
	REFUSE("'' in ',exec'", NULL, "--sources=,exec");
	REFUSE("'execs'", NULL, "--sources=execs");
	REFUSE("'syscall'", NULL, "--sources=syscall");
}

static void test_limits(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(parse(&o, "--args-cap=64", NULL), 0);
	assert_int_equal(o.args_cap, 64);
	assert_int_equal(parse(&o, "--args-cap", "16384", NULL), 0);
	assert_int_equal(o.args_cap, 16384);
	REFUSE("--args-cap: '63' is not a number of bytes between 64 and 16384", NULL,
	       "--args-cap=63");
	REFUSE("'16385'", NULL, "--args-cap=16385");

	assert_int_equal(parse(&o, "--events=16", NULL), 0);
	assert_int_equal(o.log_capacity, 16);
	assert_int_equal(parse(&o, "--events=10000000", NULL), 0);
	assert_int_equal(o.log_capacity, 10000000);
	REFUSE("--events: '15' is not a number of events between 16 and 10000000", NULL,
	       "--events=15");
	REFUSE("'10000001'", NULL, "--events=10000001");

	assert_int_equal(parse(&o, "--ringbuf-size=64", NULL), 0);
	assert_int_equal(o.ringbuf_kb, 64);
	assert_int_equal(parse(&o, "--ringbuf-size", "262144", NULL), 0);
	assert_int_equal(o.ringbuf_kb, 262144);
	assert_int_equal(parse(&o, "--ringbuf-size=4096", NULL), 0);
	assert_int_equal(o.ringbuf_kb, 4096);
	REFUSE("--ringbuf-size: '1000' is not a power of two between 64 and 262144", NULL,
	       "--ringbuf-size=1000");
	REFUSE("'32'", NULL, "--ringbuf-size=32");
	REFUSE("'524288'", NULL, "--ringbuf-size=524288");
	REFUSE("'0'", NULL, "--ringbuf-size=0");
}

static void test_strings(void **state)
{
	struct options o;

	(void)state;
	assert_int_equal(parse(&o, "--log", "/tmp/tt.log", "--theme=light", NULL), 0);
	assert_string_equal(o.log_file, "/tmp/tt.log");
	assert_string_equal(o.theme, "light");
	REFUSE("--log: the log file name must not be empty", NULL, "--log=");
	REFUSE("--theme: the theme name must not be empty", NULL, "--theme=");
	REFUSE("--log: missing value", NULL, "--log");
}

/* A value full of escape sequences is quoted escaped, never raw. */
static void test_hostile_value_escaped(void **state)
{
	(void)state;
	REFUSE("\\x1b]0;x\\x07", NULL, "-d", "\033]0;x\007");
	REFUSE("\\x1b[2J", NULL, "--vfs-hook", "\033[2J");
	assert_null(strchr(errbuf, '\033'));
}

static void test_unknown_and_stray(void **state)
{
	(void)state;
	REFUSE("unknown option '-q'", NULL, "-q");
	/* one hint, which the caller adds: none in the message */
	assert_null(strstr(errbuf, "--help"));
	REFUSE("unknown option '--frobnicate'", NULL, "--frobnicate");
	/* GNU's words for a prefix of several; a prefix of one is that one */
	REFUSE("option '--so' is ambiguous; possibilities: ", "'--sources' '--sort'", "--so");
	REFUSE("option '--so' is ambiguous", NULL, "--so=name");
	{
		struct options o;

		assert_int_equal(parse(&o, "--sor", "name", "--no-c", NULL), 0);
		assert_int_equal(o.sort, SC_NAME);
		assert_false(o.colour);
	}
	REFUSE("unknown option '--frobnicate'", NULL, "--frobnicate=3");
	REFUSE("unknown option '-q'", NULL, "-bq");
	REFUSE("unexpected argument 'foo'", NULL, "foo");
	REFUSE("unexpected argument 'foo'", NULL, "-b", "foo", "-x");
	REFUSE("unexpected argument '-b'", NULL, "--", "-b");
	/* the first error wins and later options are not looked at */
	REFUSE("-d: '0'", NULL, "-d", "0", "-n", "0");
}

static void test_repeated_and_last_wins(void **state)
{
	struct options o;

	(void)state;
	/* getopt state is reset: a failed parse does not poison the next */
	REFUSE("-d", NULL, "-b", "-d");
	assert_int_equal(parse(&o, "-d", "3", "-d", "4", NULL), 0);
	assert_float_equal(o.delay_s, 4.0, 1e-12);
	/* a second parse starts from the defaults, not from the first */
	assert_int_equal(parse(&o, "-x", NULL), 0);
	assert_float_equal(o.delay_s, 1.0, 1e-12);
	assert_true(o.failed_only);
	assert_int_equal(parse(&o, NULL), 0);
	assert_false(o.failed_only);
}

static void test_small_error_buffer(void **state)
{
	char *argv[] = { (char *)"tracetop", (char *)"-d", (char *)"0", NULL };
	char small[12];
	struct options o;

	(void)state;
	memset(small, 'Z', sizeof(small));
	assert_int_equal(options_parse(&o, 3, argv, small, sizeof(small)), -EINVAL);
	assert_int_equal(strlen(small), sizeof(small) - 1);
	/* no buffer at all is allowed too */
	assert_int_equal(options_parse(&o, 3, argv, NULL, 0), -EINVAL);
}

static void test_usage(void **state)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	static const char *const want[] = {
		"-d, --delay SECS", "-n, --iterations N", "-b, --batch", "--json",
		"-p, --pid PID[,PID...]", "-u, --uid UID[,UID...]", "-x, --failed", "--vfs-hook HOOK",
		"--bio-hook HOOK", "--syscalls-hook HOOK",
		"--sources LIST", "--args-cap BYTES", "--events N", "--ringbuf-size KIB",
		"--log FILE", "--theme NAME", "--no-mouse", "-h, --help", "-V, --version",
		"Filters:", "Output:", "Limits:",
	};
	unsigned i;

	(void)state;
	assert_non_null(f);
	options_usage(f);
	fclose(f);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (!strstr(buf, want[i]))
			fail_msg("usage lacks '%s'", want[i]);
	free(buf);
}


/* The table itself: names, letters and keys unique, every row complete,
 * every default within the row's limits and read back as one of its
 * values. Issue 12. */
static void test_table_sound(void **state)
{
	struct options d;
	char buf[256];

	(void)state;
	options_defaults(&d);
	for (size_t i = 0; i < opt_n_rows; i++) {
		const struct opt_row *r = &opt_rows[i];
		bool unset = r->flags & OPTF_UNSET;

		assert_non_null(r->help);
		assert_true(r->help[0] != '\0');
		for (size_t k = 0; k < i; k++) {
			assert_string_not_equal(r->name, opt_rows[k].name);
			if (r->short_name)
				assert_int_not_equal(r->short_name, opt_rows[k].short_name);
			if (r->key && opt_rows[k].key)
				assert_string_not_equal(r->key, opt_rows[k].key);
		}
		if (r->type == OPT_CHOICE)
			assert_non_null(r->choices);
		if ((r->type == OPT_UINT || r->type == OPT_SECONDS) && !unset)
			assert_true(r->def >= r->min && r->def <= r->max);
		if ((r->type == OPT_UINT || r->type == OPT_IDS) && !(r->what && r->what[0]))
			fail_msg("%s: no words for its value in messages", r->name);
		/* a default that reads back is a value the row takes */
		if (!opt_value_get(r, &d, buf, sizeof(buf))) {
			struct options o = d;
			struct opt_ctx c = { "", r->name, errbuf, sizeof(errbuf) };

			if (r->type != OPT_MODE && opt_value_set(r, &c, buf, &o))
				fail_msg("%s: its default '%s' is refused: %s", r->name, buf,
					 errbuf);
		} else if (!unset && r->type != OPT_STRING && r->type != OPT_FILTER &&
			   r->type != OPT_COMM_RE) {
			fail_msg("%s: its default does not read back", r->name);
		}
	}
}

/* A value other than the default that each row takes, as text. */
static void sample(const struct opt_row *r, char *buf, size_t len)
{
	unsigned n = 0;

	switch (r->type) {
	case OPT_BOOL:
		snprintf(buf, len, "%s", r->def ? "no" : "yes");
		break;
	case OPT_MODE:
		snprintf(buf, len, "yes");
		break;
	case OPT_UINT:
		snprintf(buf, len, "%llu", (unsigned long long)r->max);
		break;
	case OPT_IDS:
		snprintf(buf, len, "%llu,%llu", (unsigned long long)r->min,
			 (unsigned long long)r->max);
		break;
	case OPT_SECONDS:
		snprintf(buf, len, "%.15g", r->max);
		break;
	case OPT_CHOICE:
		while (r->choices[n + 1])
			n++;
		snprintf(buf, len, "%s", r->choices[n] ? r->choices[n] : "");
		break;
	case OPT_STRING:
		snprintf(buf, len, "some-%s", r->name);
		break;
	case OPT_SOURCES:
		snprintf(buf, len, "exec,bio");
		break;
	case OPT_FILTER:
		snprintf(buf, len, "comm:^x !path:y");
		break;
	case OPT_COMM_RE:
		snprintf(buf, len, "^(nginx|php-fpm) .*");
		break;
	}
}

/* o and p hold the same settings: strings are compared as text, the
 * rest byte for byte. */
static void assert_same(const struct opt_row *r, const struct options *o, const struct options *p)
{
	char a[128] = "", b[128] = "";

	for (size_t i = 0; i < opt_n_rows; i++) {
		int ra = opt_value_get(&opt_rows[i], o, a, sizeof(a));
		int rb = opt_value_get(&opt_rows[i], p, b, sizeof(b));

		if (ra != rb || (!ra && strcmp(a, b)))
			fail_msg("after %s: %s differs: '%s' and '%s'", r->name,
				 opt_rows[i].name, a, b);
	}
	if (r->type != OPT_STRING && r->type != OPT_FILTER && r->type != OPT_COMM_RE)
		assert_memory_equal(o, p, sizeof(*o));
}

/* Every row: set from text, read back the same text, by its name and on
 * the command line. Issue 12. */
static void test_every_row_round_trips(void **state)
{
	(void)state;
	for (size_t i = 0; i < opt_n_rows; i++) {
		const struct opt_row *r = &opt_rows[i];
		char value[128], back[128], arg[160], err[256];
		struct opt_ctx c = { "", r->name, err, sizeof(err) };
		struct options o, p;
		bool flag = r->type == OPT_BOOL || r->type == OPT_MODE;

		sample(r, value, sizeof(value));
		options_defaults(&o);
		if (opt_value_set(r, &c, value, &o))
			fail_msg("%s: '%s' refused: %s", r->name, value, err);
		assert_int_equal(opt_value_get(r, &o, back, sizeof(back)), 0);
		if (strcmp(value, back))
			fail_msg("%s: set '%s', read back '%s'", r->name, value, back);
		/* by name: what options_get says, options_set takes */
		options_defaults(&p);
		assert_int_equal(options_get(&o, r->name, back, sizeof(back)), 0);
		assert_int_equal(options_set(&p, r->name, back, err, sizeof(err)), 0);
		assert_same(r, &o, &p);
		/* on the command line: the flag, or --name=value */
		if (flag && strcmp(back, "yes"))
			continue;	/* a flag can only say yes */
		if (flag)
			snprintf(arg, sizeof(arg), "--%s", r->name);
		else
			snprintf(arg, sizeof(arg), "--%s=%s", r->name, value);
		if (parse(&p, arg, NULL))
			fail_msg("%s: refused: %s", arg, errbuf);
		assert_same(r, &o, &p);
	}
}

/* Every name an OPT_CHOICE row takes is its own value. */
static void test_every_choice(void **state)
{
	(void)state;
	for (size_t i = 0; i < opt_n_rows; i++) {
		const struct opt_row *r = &opt_rows[i];
		char back[64], err[256];

		if (r->type != OPT_CHOICE)
			continue;
		for (unsigned k = 0; r->choices[k]; k++) {
			struct options o;

			options_defaults(&o);
			assert_int_equal(options_set(&o, r->name, r->choices[k], err, sizeof(err)),
					 0);
			assert_int_equal(options_get(&o, r->name, back, sizeof(back)), 0);
			assert_string_equal(back, r->choices[k]);
		}
	}
}

/* --help fits 80 columns, and the limits it states are the table's. */
static void test_usage_from_table(void **state)
{
	char *buf = NULL, *line;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	(void)state;
	assert_non_null(f);
	options_usage(f);
	fclose(f);
	for (line = buf; *line;) {
		size_t n = strcspn(line, "\n");

		if (n > 79)
			fail_msg("--help line longer than 79 columns: %.*s", (int)n, line);
		line += n + (line[n] == '\n');
	}
	assert_non_null(strstr(buf, "0.1 to 3600 (default 1)"));
	assert_non_null(strstr(buf, "auto, fentry, kprobe or tracepoint (default auto)"));
	assert_non_null(strstr(buf, "from 64 to 262144 (default 1024)"));
	assert_null(strstr(buf, "%"));
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_delay),
		cmocka_unit_test(test_iterations),
		cmocka_unit_test(test_output_modes),
		cmocka_unit_test(test_pid_uid),
		cmocka_unit_test(test_comm),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_vfs_hook),
		cmocka_unit_test(test_bio_syscalls_hooks),
		cmocka_unit_test(test_sources),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_unknown_and_stray),
		cmocka_unit_test(test_hostile_value_escaped),
		cmocka_unit_test(test_repeated_and_last_wins),
		cmocka_unit_test(test_small_error_buffer),
		cmocka_unit_test(test_usage),
		cmocka_unit_test(test_table_sound),
		cmocka_unit_test(test_every_row_round_trips),
		cmocka_unit_test(test_every_choice),
		cmocka_unit_test(test_usage_from_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

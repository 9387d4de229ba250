/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the configuration file (src/config_file.c): loading onto the
 * options with line-numbered messages, the command line winning over
 * the file, the file's path, and atomic saving. Fixtures live in
 * tests/unit/fixtures/config/; saving works in a fresh temporary
 * directory per test. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <linux/types.h>
#include "config_file.h"
#include "option_table.h"
#include "options.h"
#include "snapshot.h"

#ifndef TT_FIXTURES
#define TT_FIXTURES "tests/unit/fixtures"
#endif
#define FIX(name) TT_FIXTURES "/config/" name

static char tmpdir[256];

static int make_tmpdir(void **state)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/tt-config-XXXXXX", base && *base ? base : "/tmp");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

/* rm -r of tmpdir, two levels deep (all the tests create). */
static void remove_tree(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[512];

	if (!d)
		return;
	while ((e = readdir(d))) {
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		if (!lstat(p, &st) && S_ISDIR(st.st_mode) && depth > 0) {
			chmod(p, 0700);
			remove_tree(p, depth - 1);
		} else {
			unlink(p);
		}
	}
	closedir(d);
	rmdir(dir);
}

static int drop_tmpdir(void **state)
{
	remove_tree(tmpdir, 3);
	return 0;
}

/* Number of entries in dir other than . and .. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void assert_diag(const struct config_diag *d, unsigned i, const char *frag)
{
	assert_true(i < d->n && i < CONFIG_DIAG_MAX);
	if (!strstr(d->msg[i], frag))
		fail_msg("message %u is '%s', expected it to contain '%s'", i, d->msg[i], frag);
}

static void test_good_file(void **state)
{
	struct options o;
	struct config_diag d;

	options_defaults(&o);
	assert_int_equal(config_load(&o, FIX("good.conf"), &d), 0);
	assert_int_equal(d.n, 0);
	assert_true(o.delay_s > 2.49 && o.delay_s < 2.51);
	assert_int_equal(o.sources, (1u << TT_SRC_EXEC) | (1u << TT_SRC_OPEN) | (1u << TT_SRC_VFS));
	assert_int_equal(o.vfs_hook, VFS_HOOK_TRACEPOINT);
	assert_true(o.failed_only);
	assert_int_equal(o.log_capacity, 5000);
	assert_int_equal(o.args_cap, 1024);
	assert_int_equal(o.ringbuf_kb, 256);
	assert_string_equal(o.theme, "light");
	assert_false(o.mouse);
	assert_int_equal(o.focus, PANE_LOG);
	assert_int_equal(o.sort, SC_ERR_RATE);
	/* only a line that starts with '#' is a comment */
	assert_string_equal(o.filter, "path:^/etc/(passwd|shadow)$ !comm:^#");
	/* what the file cannot hold stays as it was */
	assert_int_equal(o.output, OUTPUT_UI);
	assert_int_equal(o.iterations, 0);
}

static void test_crlf(void **state)
{
	struct options o;
	struct config_diag d;

	options_defaults(&o);
	assert_int_equal(config_load(&o, FIX("crlf.conf"), &d), 0);
	assert_true(o.delay_s > 0.49 && o.delay_s < 0.51);
	assert_string_equal(o.theme, "mono");
}

static void test_malformed_lines(void **state)
{
	struct options o;
	struct config_diag d;
	const char *p = FIX("malformed.conf");
	char want[512];

	options_defaults(&o);
	assert_int_equal(config_load(&o, p, &d), 7);
	assert_int_equal(d.n, 7);
	/* a file's content is quoted only this far (regfile_excerpt) */
	snprintf(want, sizeof(want), "%s:3: expected 'key = value', got 'this line has no...'", p);
	assert_string_equal(d.msg[0], want);
	assert_diag(&d, 1, ":4: expected 'key = value'");
	/* the command line's own messages, named as the file spells them */
	snprintf(want, sizeof(want), "%s:5: events: '12' is not a number of events between 16 and 10000000", p);
	assert_string_equal(d.msg[2], want);
	assert_diag(&d, 3, ":6: sort: 'fastest' is not one of name, rate, total, errors, err-pct");
	assert_diag(&d, 4, ":7: theme: the theme name must not be empty");
	assert_diag(&d, 5, ":9: mouse: 'sometimes' is not yes or no");
	assert_diag(&d, 6, ":10: ringbuf-size: '100' is not a power of two");
	/* the good lines around them applied; the bad ones changed nothing */
	assert_true(o.delay_s > 2.99 && o.delay_s < 3.01);
	assert_int_equal(o.focus, PANE_BIO);
	assert_int_equal(o.args_cap, 128);
	assert_int_equal(o.log_capacity, 100000);
	assert_int_equal(o.sort, SC_RATE);
	assert_null(o.theme);
	assert_true(o.mouse);
	assert_int_equal(o.ringbuf_kb, 1024);
}

static void test_unknown_keys(void **state)
{
	struct options o;
	struct config_diag d;

	options_defaults(&o);
	assert_int_equal(config_load(&o, FIX("unknown.conf"), &d), 2);
	assert_diag(&d, 0, "unknown.conf:2: unknown key 'colour'");
	/* options that make no sense in a file are not keys */
	assert_diag(&d, 1, "unknown.conf:3: unknown key 'pid'");
	assert_true(o.delay_s > 3.99 && o.delay_s < 4.01);
	assert_string_equal(o.theme, "high-contrast");
	assert_int_equal(o.pids.n, 0);
}

static void test_missing_file(void **state)
{
	struct options o, before;
	struct config_diag d;

	options_defaults(&o);
	before = o;
	assert_int_equal(config_load(&o, FIX("no-such-file"), &d), 0);
	assert_int_equal(d.n, 0);
	assert_memory_equal(&o, &before, sizeof(o));
}

static void test_not_a_file(void **state)
{
	struct options o;
	struct config_diag d;

	options_defaults(&o);
	assert_int_equal(config_load(&o, TT_FIXTURES "/config", &d), -EISDIR);
	assert_int_equal(d.n, 1);
	assert_diag(&d, 0, "cannot read the configuration file");
	assert_int_equal(config_load(&o, "/dev/null", &d), -EINVAL);
	assert_diag(&d, 0, "not a regular file");
}

/* A file this user cannot read is an error; one behind a directory it
 * cannot search is no file at all (root reads both: checked as a user). */
static void test_unreadable(void **state)
{
	struct options o;
	struct config_diag d;
	char dir[300], path[300];

	if (geteuid() == 0)
		skip();
	snprintf(path, sizeof(path), "%s/config", tmpdir);
	write_file(path, "delay = 2\n");
	assert_int_equal(chmod(path, 0), 0);
	options_defaults(&o);
	assert_int_equal(config_load(&o, path, &d), -EACCES);
	assert_diag(&d, 0, "cannot read the configuration file: Permission denied");

	snprintf(dir, sizeof(dir), "%s/closed", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof(path), "%s/closed/config", tmpdir);
	write_file(path, "delay = 2\n");
	assert_int_equal(chmod(dir, 0), 0);
	assert_int_equal(config_load(&o, path, &d), 0);
	assert_int_equal(d.n, 0);
	assert_true(o.delay_s > 0.99 && o.delay_s < 1.01);
}

/* Terminal control bytes in a file never reach the messages raw. */
static void test_messages_escaped(void **state)
{
	struct options o;
	struct config_diag d;
	char path[300];

	snprintf(path, sizeof(path), "%s/config", tmpdir);
	write_file(path, "\x1b[2Jevil = 1\ndelay = \x1b]0;x\x07\n");
	options_defaults(&o);
	assert_int_equal(config_load(&o, path, &d), 2);
	assert_null(strchr(d.msg[0], '\x1b'));
	assert_null(strchr(d.msg[1], '\x1b'));
	assert_null(strchr(d.msg[1], '\x07'));
	assert_diag(&d, 0, "unknown key '\\x1b[2Jevil'");
}

/* More problems than messages: all are counted, the first ones kept. */
static void test_many_problems(void **state)
{
	struct options o;
	struct config_diag d;
	char path[300], text[1024] = "";

	for (int i = 0; i < 20; i++)
		strcat(text, "nonsense\n");
	strcat(text, "delay = 7\n");
	snprintf(path, sizeof(path), "%s/config", tmpdir);
	write_file(path, text);
	options_defaults(&o);
	assert_int_equal(config_load(&o, path, &d), 20);
	assert_int_equal(d.n, 20);
	assert_diag(&d, CONFIG_DIAG_MAX - 1, ":8: expected");
	assert_true(o.delay_s > 6.99 && o.delay_s < 7.01);
}

/* The file sets the base, argv overrides what it names. */
static void test_command_line_wins(void **state)
{
	struct options o;
	struct config_diag d;
	char err[256];
	char *argv[] = { "tracetop", "--delay", "0.2", "--theme", "mono", "-b", NULL };

	options_defaults(&o);
	assert_int_equal(config_load(&o, FIX("good.conf"), &d), 0);
	assert_int_equal(options_parse_over(&o, 6, argv, err, sizeof(err)), 0);
	assert_true(o.delay_s > 0.19 && o.delay_s < 0.21);
	assert_string_equal(o.theme, "mono");
	assert_int_equal(o.output, OUTPUT_BATCH);
	assert_int_equal(o.log_capacity, 5000);	/* from the file */
	assert_int_equal(o.focus, PANE_LOG);
}

static void test_default_path(void **state)
{
	char buf[512];

	setenv("XDG_CONFIG_HOME", "/srv/cfg", 1);
	assert_int_equal(config_default_path(buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/srv/cfg/tracetop/config");
	/* a relative XDG_CONFIG_HOME is ignored, as the XDG rules say */
	setenv("XDG_CONFIG_HOME", "relative", 1);
	setenv("HOME", "/home/someone", 1);
	assert_int_equal(config_default_path(buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/home/someone/.config/tracetop/config");
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(config_default_path(buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/home/someone/.config/tracetop/config");
	assert_int_equal(config_default_path(buf, 10), -ENAMETOOLONG);
}

static void test_round_trip(void **state)
{
	struct options o, back;
	struct config_diag d;
	char path[300], err[256];

	options_defaults(&o);
	o.delay_s = 0.3;
	o.sources = (1u << TT_SRC_BIO) | (1u << TT_SRC_SYSCALL);
	o.vfs_hook = VFS_HOOK_KPROBE;
	o.failed_only = true;
	o.log_capacity = 777;
	o.args_cap = 64;
	o.ringbuf_kb = 64;
	o.theme = "/usr/share/tracetop/themes/light.theme";
	o.mouse = false;
	o.focus = PANE_VFS;
	o.sort = SC_ERR_PCT;
	o.filter = "errno:ENOENT !comm:^(foo|bar)#x";
	/* the saved directory does not exist yet: save creates it */
	snprintf(path, sizeof(path), "%s/xdg/tracetop/config", tmpdir);
	assert_int_equal(config_save(&o, path, err, sizeof(err)), 0);
	assert_string_equal(err, "");

	options_defaults(&back);
	assert_int_equal(config_load(&back, path, &d), 0);
	assert_true(back.delay_s > 0.29 && back.delay_s < 0.31);
	assert_int_equal(back.sources, o.sources);
	assert_int_equal(back.vfs_hook, o.vfs_hook);
	assert_true(back.failed_only);
	assert_int_equal(back.log_capacity, 777);
	assert_int_equal(back.args_cap, 64);
	assert_int_equal(back.ringbuf_kb, 64);
	assert_string_equal(back.theme, o.theme);
	assert_false(back.mouse);
	assert_int_equal(back.focus, PANE_VFS);
	assert_int_equal(back.sort, SC_ERR_PCT);
	assert_string_equal(back.filter, o.filter);

	/* defaults round-trip too: unset values are commented out */
	options_defaults(&o);
	assert_int_equal(config_save(&o, path, err, sizeof(err)), 0);
	assert_int_equal(config_load(&back, path, &d), 0);
	assert_int_equal(back.sources, o.sources);
	assert_true(back.mouse);
	assert_false(back.failed_only);
	/* a loaded value stays when the file leaves it unset */
	assert_non_null(back.theme);
}

static void test_save_is_atomic(void **state)
{
	struct options o;
	struct stat st;
	char path[300], err[256];

	snprintf(path, sizeof(path), "%s/config", tmpdir);
	write_file(path, "delay = 9\n");
	assert_int_equal(chmod(path, 0640), 0);
	options_defaults(&o);
	assert_int_equal(config_save(&o, path, err, sizeof(err)), 0);
	/* only the file itself: no temporary left behind */
	assert_int_equal(count_entries(tmpdir), 1);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);	/* permissions kept */

	/* a new file is private */
	unlink(path);
	assert_int_equal(config_save(&o, path, err, sizeof(err)), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(count_entries(tmpdir), 1);
}

/* The file's text, whole (tests' files are small). */
static char *slurp(const char *path)
{
	static char buf[65536];
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Issue 16: saving never destroys what tracetop did not write. A file
 * it cannot read back as it is stays untouched and the reason names its
 * first problem; a file it can keeps every line, but the values that
 * changed, and gets the new settings at its end. */
static void test_save_keeps_the_file(void **state)
{
	static const char bad[] = "# my notes\ndelay = 2\nsort = bogus\n";
	static const char good[] = "# my notes: keep me\n\ntheme = light   \n# interval\ndelay = 2\n";
	struct options o;
	char path[300], err[512];

	(void)state;
	snprintf(path, sizeof(path), "%s/config", tmpdir);
	write_file(path, bad);
	options_defaults(&o);
	o.delay_s = 5;
	assert_int_equal(config_save(&o, path, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "not saved: "));
	assert_non_null(strstr(err, "config:3: "));
	assert_string_equal(slurp(path), bad);
	assert_int_equal(count_entries(tmpdir), 1);

	write_file(path, good);
	options_defaults(&o);
	assert_int_equal(config_load(&o, path, NULL), 0);
	o.delay_s = 3;
	o.log_capacity = 5000;
	assert_int_equal(config_save(&o, path, err, sizeof(err)), 0);
	assert_string_equal(slurp(path), "# my notes: keep me\n\ntheme = light   \n# interval\n"
					 "delay = 3\n"
					 "\n# exec/open events kept, 16 to 10000000 (default 100000)\n"
					 "events = 5000\n");
	/* and reads back as saved */
	options_defaults(&o);
	assert_int_equal(config_load(&o, path, NULL), 0);
	assert_true(o.delay_s == 3);
	assert_int_equal(o.log_capacity, 5000);

	/* a CRLF file stays CRLF; the "#key =" a first save writes for a
	 * setting without a value takes the value in place */
	write_file(path, "delay = 2\r\n#filter =\r\n");
	options_defaults(&o);
	assert_int_equal(config_load(&o, path, NULL), 0);
	o.delay_s = 4;
	o.filter = "errno:ENOENT";
	assert_int_equal(config_save(&o, path, err, sizeof(err)), 0);
	assert_string_equal(slurp(path), "delay = 4\r\nfilter = errno:ENOENT\r\n");
}

static void test_save_through_symlink(void **state)
{
	struct options o, back;
	struct config_diag d;
	struct stat st;
	char path[300], real[300], err[256];

	snprintf(real, sizeof(real), "%s/real", tmpdir);
	snprintf(path, sizeof(path), "%s/config", tmpdir);
	write_file(real, "");
	assert_int_equal(symlink(real, path), 0);
	options_defaults(&o);
	o.log_capacity = 4242;
	assert_int_equal(config_save(&o, path, err, sizeof(err)), 0);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	options_defaults(&back);
	assert_int_equal(config_load(&back, real, &d), 0);
	assert_int_equal(back.log_capacity, 4242);
	assert_int_equal(count_entries(tmpdir), 2);
}

static void test_save_errors(void **state)
{
	struct options o;
	char path[300], err[256];
	int rc;

	options_defaults(&o);
	/* a directory in the way is a file: even root cannot create in it */
	snprintf(path, sizeof(path), "%s/file", tmpdir);
	write_file(path, "x");
	snprintf(path, sizeof(path), "%s/file/tracetop/config", tmpdir);
	assert_int_equal(config_save(&o, path, err, sizeof(err)), -ENOTDIR);
	assert_non_null(strstr(err, "cannot create the directory"));

	/* an unwritable directory (root writes anyway: checked as a user) */
	snprintf(path, sizeof(path), "%s/ro", tmpdir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/ro/config", tmpdir);
	write_file(path, "delay = 9\n");
	snprintf(path, sizeof(path), "%s/ro", tmpdir);
	assert_int_equal(chmod(path, 0500), 0);
	snprintf(path, sizeof(path), "%s/ro/config", tmpdir);
	rc = config_save(&o, path, err, sizeof(err));
	if (geteuid() != 0) {
		char text[64] = "";
		FILE *f;

		assert_int_equal(rc, -EACCES);
		assert_non_null(strstr(err, "cannot write in"));
		assert_non_null(strstr(err, "Permission denied"));
		/* the old file is untouched, nothing else appeared */
		f = fopen(path, "r");
		assert_non_null(f);
		assert_non_null(fgets(text, sizeof(text), f));
		fclose(f);
		assert_string_equal(text, "delay = 9\n");
		snprintf(path, sizeof(path), "%s/ro", tmpdir);
		assert_int_equal(count_entries(path), 1);
	}

	/* what would not load back the same is refused before any write */
	o.filter = "two\nlines";
	snprintf(path, sizeof(path), "%s/new", tmpdir);
	assert_int_equal(config_save(&o, path, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "filter"));
	assert_int_equal(access(path, F_OK), -1);
}

/* Every setting with a key: set to each value it may take (its limits,
 * every choice, yes and no) and to its default, read back, saved and
 * loaded onto the defaults, it reads back the same. Issue 12. */
static void round_trip_key(const struct opt_row *r, const char *value)
{
	struct opt_ctx c;
	struct options o, back;
	struct config_diag d;
	char path[300], err[256], got[256], want[256];

	snprintf(path, sizeof(path), "%s/config", tmpdir);
	c = (struct opt_ctx){ "", r->key, err, sizeof(err) };
	options_defaults(&o);
	if (value && opt_value_set(r, &c, value, &o))
		fail_msg("%s = %s: refused: %s", r->key, value, err);
	assert_int_equal(config_save(&o, path, err, sizeof(err)), 0);
	options_defaults(&back);
	if (config_load(&back, path, &d))
		fail_msg("%s = %s: the saved file does not load: %s", r->key, value, d.msg[0]);
	for (size_t i = 0; i < opt_n_rows; i++) {
		const struct opt_row *k = &opt_rows[i];
		int rw = opt_value_get(k, &o, want, sizeof(want));
		int rg = opt_value_get(k, &back, got, sizeof(got));

		if (k->key && (rw != rg || (!rw && strcmp(want, got))))
			fail_msg("%s = %s: %s saved as '%s', loaded as '%s'", r->key,
				 value ? value : "(default)", k->key, rw ? "(unset)" : want,
				 rg ? "(unset)" : got);
	}
}

static void test_every_key_round_trips(void **state)
{
	char lo[32], hi[32];

	for (size_t i = 0; i < opt_n_rows; i++) {
		const struct opt_row *r = &opt_rows[i];

		if (!r->key)
			continue;
		round_trip_key(r, NULL);
		switch (r->type) {
		case OPT_BOOL:
			round_trip_key(r, "yes");
			round_trip_key(r, "no");
			break;
		case OPT_UINT:
		case OPT_SECONDS:
			snprintf(lo, sizeof(lo), "%.15g", r->min);
			snprintf(hi, sizeof(hi), "%.15g", r->max);
			round_trip_key(r, lo);
			round_trip_key(r, hi);
			break;
		case OPT_CHOICE:
			for (unsigned k = 0; r->choices[k]; k++)
				round_trip_key(r, r->choices[k]);
			break;
		case OPT_SOURCES:
			round_trip_key(r, "exec");
			round_trip_key(r, "open,syscalls");
			break;
		case OPT_STRING:
			round_trip_key(r, "/a path/with # and blanks");
			break;
		case OPT_FILTER:
			round_trip_key(r, "comm:^x #y !path:(a|b)");
			break;
		default:
			fail_msg("%s: a key of a type this test does not know", r->key);
		}
	}
}

/* options_set, the entry point the file uses, follows the command line. */
static void test_options_set(void **state)
{
	struct options o, before;
	char err[256], buf[64];

	options_defaults(&o);
	before = o;
	assert_int_equal(options_set(&o, "delay", "0.05", err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "delay: '0.05' is not a number of seconds between 0.1 and 3600");
	assert_memory_equal(&o, &before, sizeof(o));
	assert_int_equal(options_set(&o, "dela", "1", err, sizeof(err)), -ENOENT);
	assert_int_equal(options_set(&o, "failed", "on", err, sizeof(err)), 0);
	assert_true(o.failed_only);
	assert_int_equal(options_set(&o, "failed", "0", err, sizeof(err)), 0);
	assert_false(o.failed_only);
	assert_int_equal(options_set(&o, "failed", "maybe", err, sizeof(err)), -EINVAL);
	assert_int_equal(options_get(&o, "delay", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "1");
	o.delay_s = 0.1;
	assert_int_equal(options_get(&o, "delay", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "0.1");
	assert_int_equal(options_get(&o, "theme", buf, sizeof(buf)), -ENODATA);
	/* the filter is checked by the same code as --filter */
	assert_int_equal(options_set(&o, "filter", "path:(", err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "filter: "));
	assert_null(o.filter);
	assert_int_equal(options_get(&o, "sources", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "all");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_file),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_malformed_lines),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_not_a_file),
		cmocka_unit_test_setup_teardown(test_unreadable, make_tmpdir, drop_tmpdir),
		cmocka_unit_test_setup_teardown(test_messages_escaped, make_tmpdir, drop_tmpdir),
		cmocka_unit_test_setup_teardown(test_many_problems, make_tmpdir, drop_tmpdir),
		cmocka_unit_test(test_command_line_wins),
		cmocka_unit_test(test_default_path),
		cmocka_unit_test_setup_teardown(test_round_trip, make_tmpdir, drop_tmpdir),
		cmocka_unit_test_setup_teardown(test_save_is_atomic, make_tmpdir, drop_tmpdir),
		cmocka_unit_test_setup_teardown(test_save_through_symlink, make_tmpdir, drop_tmpdir),
		cmocka_unit_test_setup_teardown(test_save_errors, make_tmpdir, drop_tmpdir),
		cmocka_unit_test_setup_teardown(test_save_keeps_the_file, make_tmpdir, drop_tmpdir),
		cmocka_unit_test(test_options_set),
		cmocka_unit_test_setup_teardown(test_every_key_round_trips, make_tmpdir,
						drop_tmpdir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of saving a view (src/out/save.c, the key w): the events
 * the log shows and a table's rows in the order given, as text and
 * NDJSON; never a clobbered file, never a link followed, never a
 * partial file left or a failed write said to be a success. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include "save.h"

struct fix {
	char dir[64];
	struct event_log log;
	struct log_index idx;
	struct tt_snapshot snap;
	struct tt_syscall_row rows[25];
	char names[25][16];
};

static void push_open(struct event_log *log, uint32_t pid, const char *path, int ret)
{
	struct tt_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = TT_EVENT_OPEN;
	ev.pid = pid;
	ev.ret = ret;
	ev.dirfd = -100;
	ev.ts_ns = 1000000000ull + pid;
	snprintf(ev.comm, sizeof(ev.comm), "cat");
	ev.path = path;
	ev.path_len = strlen(path);
	assert_int_equal(event_log_push(log, &ev), 0);
}

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	struct tt_event ex;

	assert_non_null(f);
	snprintf(f->dir, sizeof(f->dir), "/tmp/tt-save.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	assert_int_equal(event_log_init(&f->log, 64), 0);
	memset(&ex, 0, sizeof(ex));
	ex.type = TT_EVENT_EXEC;
	ex.pid = 1;
	ex.path = "/bin/cat";
	ex.path_len = 8;
	snprintf(ex.comm, sizeof(ex.comm), "sh");
	assert_int_equal(event_log_push(&f->log, &ex), 0);		/* seq 0 */
	push_open(&f->log, 2, "/etc/missing-a", -ENOENT);		/* 1 */
	push_open(&f->log, 3, "/etc/\x1b[31mred", -EACCES);		/* 2: hostile */
	push_open(&f->log, 4, "/etc/missing-b", -ENOENT);		/* 3 */
	push_open(&f->log, 5, "/etc/passwd", 3);			/* 4 */
	log_index_init(&f->idx);
	f->snap.seq = 7;
	f->snap.wall_s = 1765000000;
	f->snap.wall_ms = 1765000000123;
	snprintf(f->snap.hostname, sizeof(f->snap.hostname), "box");
	f->snap.src[TT_SRC_SYSCALL].state = TT_STATE_RUNNING;
	/* rows in the order a sorted screen shows them: 25, beyond the
	 * batch's top 20, fewest calls first */
	for (int i = 0; i < 25; i++) {
		snprintf(f->names[i], sizeof(f->names[i]), "call%02d", i);
		f->rows[i].id = (unsigned)i;
		f->rows[i].name = f->names[i];
		f->rows[i].rate = i;
		f->rows[i].total = (uint64_t)i * 10;
	}
	f->snap.syscalls = f->rows;
	f->snap.n_syscalls = 25;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
	assert_int_equal(system(cmd), 0);
	log_index_fini(&f->idx);
	event_log_fini(&f->log);
	free(f);
	return 0;
}

static char *slurp(const char *path)
{
	static char buf[65536];
	FILE *fp = fopen(path, "r");
	size_t n;

	if (!fp)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static size_t entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/* The opens the log shows (types: opens only), up to the pause. */
static struct save_view events_view(struct fix *f, uint64_t end)
{
	log_index_reset(&f->idx, LOG_SHOW_OPEN, NULL, NULL, NULL);
	while (!log_index_update(&f->idx, &f->log, 100, 0))
		;
	return (struct save_view){ .what = SAVE_EVENTS, .snap = &f->snap, .log = &f->log,
				   .events = &f->idx, .events_end = end, .filter = "path:etc" };
}

static void test_json_name(void **state)
{
	(void)state;
	assert_true(save_is_json("a.json"));
	assert_true(save_is_json("/x/y.ndjson"));
	assert_true(save_is_json("b.jsonl"));
	assert_false(save_is_json("a.txt"));
	assert_false(save_is_json("json"));
	assert_false(save_is_json("dir.json/file"));
	assert_string_equal(save_what_name(SAVE_FAILS), "failing-calls");
}

static void test_events_text(void **state)
{
	struct fix *f = *state;
	struct save_view v = events_view(f, UINT64_MAX);
	struct output o = { .version = "9.9" };
	struct save_result r;
	char path[128];
	const char *s;
	struct stat sb;

	snprintf(path, sizeof(path), "%s/ev.txt", f->dir);
	assert_int_equal(save_view_file(path, false, &o, &v, &r), 0);
	assert_string_equal(r.path, path);
	assert_int_equal(r.rows, 4);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	s = slurp(path);
	assert_non_null(s);
	assert_int_equal(strncmp(s, "# tracetop 9.9 on box, interval 7 at ", 37), 0);
	assert_non_null(strstr(s, "the event log, filter: path:etc\n"));
	assert_int_equal(count(s, "\n00:00:01.000 open "), 4);
	assert_int_equal(count(s, "/etc/"), 4);
	assert_int_equal(count(s, "exec"), 0);
	assert_non_null(strstr(s, "/etc/missing-a"));
	assert_non_null(strstr(s, "ENOENT"));
	assert_non_null(strstr(s, "EACCES"));
	assert_null(strchr(s, '\x1b'));	/* the hostile path is sanitised */
	assert_non_null(strstr(s, "# 4 events\n"));
	/* paused at seq 3: the events from there on were not shown */
	v = events_view(f, 3);
	snprintf(path, sizeof(path), "%s/paused.txt", f->dir);
	assert_int_equal(save_view_file(path, false, &o, &v, &r), 0);
	assert_int_equal(r.rows, 2);
	s = slurp(path);
	assert_null(strstr(s, "missing-b"));
	assert_non_null(strstr(s, "# 2 events\n"));
}

static void test_events_json(void **state)
{
	struct fix *f = *state;
	struct save_view v = events_view(f, UINT64_MAX);
	struct output o = { .version = "9.9", .json = true };
	struct save_result r;
	char path[128];
	const char *s;

	snprintf(path, sizeof(path), "%s/ev.ndjson", f->dir);
	assert_int_equal(save_view_file(path, false, &o, &v, &r), 0);
	assert_int_equal(r.rows, 4);
	s = slurp(path);
	assert_int_equal(strncmp(s, "{\"type\":\"saved\",\"version\":\"9.9\",\"host\":\"box\","
			 "\"view\":\"events\",\"seq\":7,\"time\":1765000000.123,"
			 "\"filter\":\"path:etc\"}\n", 104), 0);
	assert_int_equal(count(s, "\n"), 5);	/* the header and one line per event */
	assert_int_equal(count(s, "{\"seq\":"), 4);
	assert_int_equal(count(s, "\"type\":\"open\""), 4);
	assert_non_null(strstr(s, "{\"seq\":1,"));
	assert_non_null(strstr(s, "\"errno\":\"ENOENT\""));
	assert_null(strchr(s, '\x1b'));
}

static void test_table_in_order(void **state)
{
	struct fix *f = *state;
	struct save_view v = { .what = SAVE_SYSCALLS, .snap = &f->snap };
	struct output o = { .version = "9.9" };
	struct save_result r;
	char path[128];
	const char *s, *a, *b;

	snprintf(path, sizeof(path), "%s/sc.txt", f->dir);
	assert_int_equal(save_view_file(path, false, &o, &v, &r), 0);
	assert_int_equal(r.rows, 25);
	s = slurp(path);
	assert_non_null(strstr(s, "the syscall table\n"));
	/* every row, in the order given (not the batch's top 20) */
	assert_int_equal(count(s, "\ncall"), 25);
	a = strstr(s, "call03");
	b = strstr(s, "call24");
	assert_non_null(a);
	assert_non_null(b);
	assert_true(a < b);
	o.json = true;
	snprintf(path, sizeof(path), "%s/sc.json", f->dir);
	assert_int_equal(save_view_file(path, false, &o, &v, &r), 0);
	s = slurp(path);
	assert_non_null(strstr(s, "\n{\"type\":\"view\",\"view\":\"syscalls\",\"seq\":7,\"syscalls\":[{\"id\":0,"));
	assert_int_equal(count(s, "\"name\":\"call"), 25);
}

static void put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static void test_never_clobber(void **state)
{
	struct fix *f = *state;
	struct save_view v = events_view(f, UINT64_MAX);
	struct output o = { .version = "9.9" };
	struct save_result r;
	char path[128], victim[128], link[128];
	struct stat sb;

	snprintf(path, sizeof(path), "%s/old.txt", f->dir);
	put(path, "keep me\n");
	assert_int_equal(save_view_file(path, false, &o, &v, &r), -EEXIST);
	assert_string_equal(slurp(path), "keep me\n");
	/* the user said y: replaced whole, its mode kept, and nothing else
	 * left beside it */
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(save_view_file(path, true, &o, &v, &r), 0);
	assert_non_null(strstr(slurp(path), "# 4 events\n"));
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0640);
	assert_int_equal(entries(f->dir), 1);
	/* a link is not followed, neither to create nor to replace */
	snprintf(victim, sizeof(victim), "%s/victim", f->dir);
	snprintf(link, sizeof(link), "%s/link.txt", f->dir);
	put(victim, "precious\n");
	assert_int_equal(symlink(victim, link), 0);
	assert_int_equal(save_view_file(link, false, &o, &v, &r), -EPERM);
	assert_string_equal(r.why, "a symbolic link is never written through");
	assert_int_equal(save_view_file(link, true, &o, &v, &r), -EPERM);
	assert_string_equal(slurp(victim), "precious\n");
	assert_int_equal(lstat(link, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	/* nor a device, even when asked to replace it */
	assert_int_equal(save_view_file("/dev/null", true, &o, &v, &r), -EPERM);
	assert_string_equal(r.why, "not a regular file");
	/* an empty name, a missing directory */
	assert_int_equal(save_view_file("", false, &o, &v, &r), -EINVAL);
	snprintf(path, sizeof(path), "%s/no/such.txt", f->dir);
	assert_int_equal(save_view_file(path, false, &o, &v, &r), -ENOENT);
	assert_string_equal(r.step, "create");
	assert_int_equal(entries(f->dir), 3);
}

/* A write the file system refuses (here the file size limit, as a full
 * disk would): said as a failure, and no partial file left; an old file
 * being replaced stays as it was. */
static void test_failed_write(void **state)
{
	struct fix *f = *state;
	struct save_view v = { .what = SAVE_SYSCALLS, .snap = &f->snap };
	struct output o = { .version = "9.9" };
	struct save_result r;
	struct rlimit old, lim;
	char path[128];
	int err;

	snprintf(path, sizeof(path), "%s/big.txt", f->dir);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 200;
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	err = save_view_file(path, false, &o, &v, &r);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	assert_int_equal(err, -EFBIG);
	assert_string_equal(r.step, "write");
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(entries(f->dir), 0);

	put(path, "old\n");
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	err = save_view_file(path, true, &o, &v, &r);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	assert_int_equal(err, -EFBIG);
	assert_string_equal(slurp(path), "old\n");
	assert_int_equal(entries(f->dir), 1);
}

int main(void)
{
	setenv("TZ", "UTC", 1);	/* the events' times below */
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_name),
		cmocka_unit_test_setup_teardown(test_events_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_table_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_never_clobber, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_write, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

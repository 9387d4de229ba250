/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of event_decode(): records are built here byte by byte the
 * way the BPF programs write them, then broken in every way the decoder
 * must refuse (short, wrong type, sizes and lengths that disagree,
 * missing terminators, argc that cannot be true). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>
#include "event.h"
#include "event_format.h"
#include "path_calls.h"

/* Big enough for any record the tests build, 8-byte aligned like a ring
 * sample, with an odd offset available to test unaligned input. */
union rec_buf {
	uint64_t align;
	unsigned char b[sizeof(struct exec_event) + EXEC_FILENAME_MAX + EXEC_ARGS_MAX + 8];
};

/* exec record with filename and args (args_len bytes, NULs inside). */
static size_t make_exec(unsigned char *buf, const char *filename, const char *args,
			size_t args_len, uint16_t argc, uint16_t flags)
{
	struct exec_event e;
	size_t flen = strlen(filename) + 1;

	memset(&e, 0, sizeof(e));
	e.hdr.type = TT_REC_EXEC;
	e.filename_len = (uint16_t)flen;
	e.args_len = (uint16_t)args_len;
	e.argc = argc;
	e.flags = flags;
	e.pid = 1234;
	e.tid = 1235;
	e.ppid = 1;
	e.uid = 1000;
	e.ret = -ENOENT;
	e.dirfd = -100;
	e.ts_ns = 111;
	e.duration_ns = 22;
	memcpy(e.comm, "bash", 5);
	e.hdr.size = (uint16_t)(sizeof(e) + flen + args_len);
	memcpy(buf, &e, sizeof(e));
	memcpy(buf + sizeof(e), filename, flen);
	memcpy(buf + sizeof(e) + flen, args, args_len);
	return e.hdr.size;
}

static size_t make_open(unsigned char *buf, const char *path, size_t path_len,
			uint8_t syscall)
{
	struct open_event e;

	memset(&e, 0, sizeof(e));
	e.hdr.type = TT_REC_OPEN;
	e.path_len = (uint16_t)path_len;
	e.syscall = syscall;
	e.rflags = 0;
	e.pid = 42;
	e.tid = 43;
	e.uid = 0;
	e.dirfd = 7;
	e.ret = -ENOENT;
	e.mode = 0644;
	e.flags = 0101;
	e.ts_ns = 5;
	e.duration_ns = 6;
	memcpy(e.comm, "0123456789abcdef", TT_COMM_LEN);	/* no NUL: full comm */
	e.hdr.size = (uint16_t)(sizeof(e) + path_len);
	memcpy(buf, &e, sizeof(e));
	memcpy(buf + sizeof(e), path, path_len);
	return e.hdr.size;
}

/* An open record of a relative path with the base directory's
 * components (innermost first, NUL-terminated) after it. */
static size_t make_open_based(unsigned char *buf, const char *path, const char *base,
			      size_t base_len, uint8_t kind)
{
	size_t len = make_open(buf, path, strlen(path) + 1, OPEN_SC_OPENAT);
	struct open_event e;

	memcpy(&e, buf, sizeof(e));
	e.base_len = (uint16_t)base_len;
	e.base_kind = kind;
	e.hdr.size = (uint16_t)(len + base_len);
	memcpy(buf, &e, sizeof(e));
	memcpy(buf + len, base, base_len);
	return e.hdr.size;
}

static void set_hdr_size(unsigned char *buf, uint16_t size)
{
	memcpy(buf + offsetof(struct tt_rec_hdr, size), &size, sizeof(size));
}

static void test_exec_valid(void **state)
{
	static const char args[] = "true\0marker-1\0x";	/* 3 strings, 16 bytes */
	union rec_buf rb;
	struct tt_event ev;
	size_t len = make_exec(rb.b, "/bin/true", args, sizeof(args), 3, EXEC_F_EXECVEAT);

	(void)state;
	assert_int_equal(event_decode(rb.b, len, &ev), 0);
	assert_int_equal(ev.type, TT_EVENT_EXEC);
	assert_int_equal(ev.pid, 1234);
	assert_int_equal(ev.tid, 1235);
	assert_int_equal(ev.ppid, 1);
	assert_int_equal(ev.uid, 1000);
	assert_int_equal(ev.ret, -ENOENT);
	assert_int_equal(ev.dirfd, -100);
	assert_int_equal(ev.argc, 3);
	assert_int_equal(ev.flags, EXEC_F_EXECVEAT);
	assert_int_equal(ev.ts_ns, 111);
	assert_int_equal(ev.duration_ns, 22);
	assert_string_equal(ev.comm, "bash");
	/* Lengths leave the trailing NUL out; the data stays in the record. */
	assert_int_equal(ev.path_len, strlen("/bin/true"));
	assert_memory_equal(ev.path, "/bin/true", ev.path_len);
	assert_ptr_equal(ev.path, rb.b + sizeof(struct exec_event));
	assert_int_equal(ev.args_len, sizeof(args) - 1);
	assert_memory_equal(ev.args, args, ev.args_len);
}

static void test_exec_empty_args(void **state)
{
	union rec_buf rb;
	struct tt_event ev;
	size_t len = make_exec(rb.b, "/nonexistent", "", 0, 0, 0);

	(void)state;
	assert_int_equal(event_decode(rb.b, len, &ev), 0);
	assert_int_equal(ev.args_len, 0);
	assert_int_equal(ev.argc, 0);
}

/* A record longer than its header says (ring padding) decodes; the
 * header's size is what counts. Unaligned input decodes too. */
static void test_exec_padding_and_alignment(void **state)
{
	static const char args[] = "a\0b";
	union rec_buf rb, odd;
	struct tt_event ev;
	size_t len = make_exec(rb.b, "/x", args, sizeof(args), 2, 0);

	(void)state;
	assert_int_equal(event_decode(rb.b, len + 8, &ev), 0);
	memcpy(odd.b + 1, rb.b, len);
	assert_int_equal(event_decode(odd.b + 1, len, &ev), 0);
	assert_int_equal(ev.argc, 2);
}

static void test_exec_truncated(void **state)
{
	static const char args[] = "true\0abc";
	union rec_buf rb;
	struct tt_event ev;
	size_t len = make_exec(rb.b, "/bin/true", args, sizeof(args), 2, 0);
	size_t cut;

	(void)state;
	/* Every length short of the whole record is refused. */
	for (cut = 0; cut < len; cut++)
		assert_int_equal(event_decode(rb.b, cut, &ev), -EINVAL);
	assert_int_equal(event_decode(NULL, len, &ev), -EINVAL);
}

static void test_exec_oversized_lengths(void **state)
{
	static const char args[] = "true\0abc";
	union rec_buf rb;
	struct tt_event ev;
	size_t len = make_exec(rb.b, "/bin/true", args, sizeof(args), 2, 0);
	uint16_t v;

	(void)state;
	/* filename_len past the record */
	v = 0xffff;
	memcpy(rb.b + offsetof(struct exec_event, filename_len), &v, sizeof(v));
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	/* args_len past the record, header size adjusted to match */
	len = make_exec(rb.b, "/bin/true", args, sizeof(args), 2, 0);
	memcpy(rb.b + offsetof(struct exec_event, args_len), &v, sizeof(v));
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	set_hdr_size(rb.b, 0xffff);
	assert_int_equal(event_decode(rb.b, sizeof(rb.b), &ev), -EINVAL);
	/* header size beyond the bytes received */
	len = make_exec(rb.b, "/bin/true", args, sizeof(args), 2, 0);
	set_hdr_size(rb.b, (uint16_t)(len + 1));
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	/* lengths shorter than the record: bytes nobody accounts for */
	len = make_exec(rb.b, "/bin/true", args, sizeof(args), 2, 0);
	v = 2;
	memcpy(rb.b + offsetof(struct exec_event, args_len), &v, sizeof(v));
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	/* header size smaller than the fixed part */
	set_hdr_size(rb.b, sizeof(struct tt_rec_hdr));
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
}

static void test_exec_missing_nul(void **state)
{
	union rec_buf rb;
	struct tt_event ev;
	size_t len;

	(void)state;
	/* argv whose last byte is not a NUL */
	len = make_exec(rb.b, "/bin/true", "true\0abc", 8, 2, EXEC_F_ARGS_TRUNC);
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	/* filename whose last byte is not a NUL */
	len = make_exec(rb.b, "/bin/true", "a", 2, 1, 0);
	rb.b[sizeof(struct exec_event) + strlen("/bin/true")] = 'X';
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
}

static void test_exec_argc(void **state)
{
	static const char args[] = "a\0b\0c";	/* 3 strings */
	union rec_buf rb;
	struct tt_event ev;
	size_t len;

	(void)state;
	/* more strings than argc: impossible */
	len = make_exec(rb.b, "/x", args, sizeof(args), 2, 0);
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	/* fewer strings than argc without a cut or fault: impossible */
	len = make_exec(rb.b, "/x", args, sizeof(args), 5, 0);
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	/* fewer strings than argc because argv was cut: fine */
	len = make_exec(rb.b, "/x", args, sizeof(args), 100, EXEC_F_ARGS_TRUNC | EXEC_F_ARGS_MM);
	assert_int_equal(event_decode(rb.b, len, &ev), 0);
	assert_int_equal(ev.argc, 100);
	assert_true(ev.flags & EXEC_F_ARGS_TRUNC);
	/* ... or because an entry could not be read */
	len = make_exec(rb.b, "/x", args, sizeof(args), 4, EXEC_F_ARGS_FAULT);
	assert_int_equal(event_decode(rb.b, len, &ev), 0);
}

/* argv entries as the walk gives them: empty ones, the last one too,
 * and those flagged as unreadable, which must be entries it kept and
 * come with the fault flag. */
static void test_exec_entries(void **state)
{
	static const char args[] = "echo\0\0x\0";	/* echo "" x "" */
	static const char *const want[] = { "echo", "", "x", "" };
	union rec_buf rb;
	struct tt_event ev;
	struct exec_event e;
	size_t len, off = 0, n;
	const char *a;
	unsigned i;

	(void)state;
	len = make_exec(rb.b, "/bin/echo", args, sizeof(args), 4, 0);
	assert_int_equal(event_decode(rb.b, len, &ev), 0);
	assert_int_equal(ev.args_n, 4);
	for (i = 0; (a = event_arg(&ev, i, &off, &n)); i++) {
		assert_true(i < 4);
		assert_int_equal(n, strlen(want[i]));
		assert_memory_equal(a, want[i], n);
		assert_false(event_arg_unread(&ev, i));
	}
	assert_int_equal(i, 4);

	/* argv[1] and argv[3] unreadable: fine with the fault flag */
	len = make_exec(rb.b, "/bin/echo", args, sizeof(args), 4, EXEC_F_ARGS_FAULT);
	memcpy(&e, rb.b, sizeof(e));
	e.args_unread = 0xa;
	memcpy(rb.b, &e, sizeof(e));
	assert_int_equal(event_decode(rb.b, len, &ev), 0);
	assert_false(event_arg_unread(&ev, 0));
	assert_true(event_arg_unread(&ev, 1));
	assert_false(event_arg_unread(&ev, 2));
	assert_true(event_arg_unread(&ev, 3));
	assert_false(event_arg_unread(&ev, 40));
	/* without it: refused */
	len = make_exec(rb.b, "/bin/echo", args, sizeof(args), 4, 0);
	e.flags = 0;
	memcpy(rb.b, &e, sizeof(e));
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	/* an entry it did not keep cannot be flagged */
	e.flags = EXEC_F_ARGS_FAULT;
	e.args_unread = 1u << 4;
	memcpy(rb.b, &e, sizeof(e));
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);

	/* no argv at all: no entry */
	len = make_exec(rb.b, "/bin/echo", "", 0, 0, 0);
	assert_int_equal(event_decode(rb.b, len, &ev), 0);
	off = 0;
	assert_null(event_arg(&ev, 0, &off, &n));
}

/* The four open flags whose values differ between the architectures
 * tracetop builds for (the kernel's asm/fcntl.h): written out here so a
 * table built from the wrong header fails. */
#if defined(__aarch64__)
#define K_DIRECTORY 040000
#define K_NOFOLLOW 0100000
#define K_DIRECT 0200000
#define K_LARGEFILE 0400000
#else
#define K_DIRECTORY 0200000
#define K_NOFOLLOW 0400000
#define K_DIRECT 040000
#define K_LARGEFILE 0100000
#endif

/* Flags and errno values in the words a person reads. */
static void test_format(void **state)
{
	static const struct {
		uint64_t flags;
		const char *want;
	} cases[] = {
		{ 0, "O_RDONLY" },
		{ 01, "O_WRONLY" },
		{ 02, "O_RDWR" },
		{ 03, "O_ACCMODE" },
		{ 0101 | 01000, "O_WRONLY|O_CREAT|O_TRUNC" },	/* creat */
		{ 02000000 | K_DIRECTORY | 04000, "O_RDONLY|O_NONBLOCK|O_DIRECTORY|O_CLOEXEC" },
		{ 04010000, "O_RDONLY|O_SYNC" },	/* not O_DSYNC|O_SYNC */
		{ 010000, "O_RDONLY|O_DSYNC" },
		{ 020000000 | K_DIRECTORY | 02, "O_RDWR|O_TMPFILE" },	/* not O_DIRECTORY too */
		{ K_LARGEFILE | 010000000, "O_RDONLY|O_LARGEFILE|O_PATH" },
		{ 01 | K_DIRECT | 04010000, "O_WRONLY|O_SYNC|O_DIRECT" },
		{ 02 | 0100 | 0200 | 02000 | K_NOFOLLOW | 01000000,
		  "O_RDWR|O_CREAT|O_EXCL|O_APPEND|O_NOFOLLOW|O_NOATIME" },
		{ 0x80000000ull | 0100, "O_RDONLY|O_CREAT|0x80000000" },	/* unknown bits */
	};
	char buf[256], small[8];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = open_flags_format(cases[i].flags, buf, sizeof(buf));

		assert_string_equal(buf, cases[i].want);
		assert_int_equal(n, strlen(cases[i].want));
	}
	/* cut short: NUL-terminated, and says how much it needed */
	assert_int_equal(open_flags_format(0101, small, sizeof(small)), strlen("O_RDONLY|O_CREAT"));
	assert_int_equal(strlen(small), sizeof(small) - 1);

	assert_string_equal(errno_name(-ENOENT, buf, sizeof(buf)), "ENOENT");
	assert_string_equal(errno_name(ENOENT, buf, sizeof(buf)), "ENOENT");	/* sign ignored */
	assert_string_equal(errno_name(-EACCES, buf, sizeof(buf)), "EACCES");
	assert_string_equal(errno_name(-EPERM, buf, sizeof(buf)), "EPERM");
	assert_string_equal(errno_name(-ENOEXEC, buf, sizeof(buf)), "ENOEXEC");
	assert_string_equal(errno_name(-E2BIG, buf, sizeof(buf)), "E2BIG");
	assert_string_equal(errno_name(-ELOOP, buf, sizeof(buf)), "ELOOP");
	assert_string_equal(errno_name(-4000, buf, sizeof(buf)), "E4000");	/* no name */
	assert_string_equal(open_syscall_name(OPEN_SC_OPENAT2), "openat2");
	assert_string_equal(open_syscall_name(9), "open?");
}

static void test_open_valid(void **state)
{
	static const char path[] = "/tmp/nonexistent-marker";
	union rec_buf rb;
	struct tt_event ev;
	size_t len = make_open(rb.b, path, sizeof(path), OPEN_SC_OPENAT2);

	(void)state;
	assert_int_equal(event_decode(rb.b, len, &ev), 0);
	assert_int_equal(ev.type, TT_EVENT_OPEN);
	assert_int_equal(ev.pid, 42);
	assert_int_equal(ev.tid, 43);
	assert_int_equal(ev.dirfd, 7);
	assert_int_equal(ev.ret, -ENOENT);
	assert_int_equal(ev.mode, 0644);
	assert_int_equal(ev.open_flags, 0101);
	assert_int_equal(ev.open_syscall, OPEN_SC_OPENAT2);
	assert_int_equal(ev.ts_ns, 5);
	assert_int_equal(ev.duration_ns, 6);
	/* A comm that fills all 16 bytes still comes out terminated. */
	assert_string_equal(ev.comm, "0123456789abcdef");
	assert_int_equal(ev.path_len, sizeof(path) - 1);
	assert_memory_equal(ev.path, path, ev.path_len);
	assert_null(ev.args);
	assert_int_equal(ev.args_len, 0);
}

/* A path the kernel could not read comes with no bytes at all. */
static void test_open_empty_path(void **state)
{
	union rec_buf rb;
	struct tt_event ev;
	size_t len = make_open(rb.b, "", 0, OPEN_SC_OPEN);

	(void)state;
	assert_int_equal(event_decode(rb.b, len, &ev), 0);
	assert_int_equal(ev.path_len, 0);
}

static void test_open_invalid(void **state)
{
	static const char path[] = "/etc/passwd";
	union rec_buf rb;
	struct tt_event ev;
	size_t len;
	uint16_t v;

	(void)state;
	len = make_open(rb.b, path, sizeof(path), OPEN_SC_CREAT + 1);
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	len = make_open(rb.b, path, sizeof(path) - 1, OPEN_SC_OPEN);	/* no NUL */
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	len = make_open(rb.b, path, sizeof(path), OPEN_SC_OPEN);
	assert_int_equal(event_decode(rb.b, len - 1, &ev), -EINVAL);
	assert_int_equal(event_decode(rb.b, sizeof(struct open_event) - 1, &ev), -EINVAL);
	v = OPEN_PATH_MAX;
	memcpy(rb.b + offsetof(struct open_event, path_len), &v, sizeof(v));
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	/* a header that claims an open record but only holds the header */
	set_hdr_size(rb.b, sizeof(struct tt_rec_hdr));
	assert_int_equal(event_decode(rb.b, sizeof(struct tt_rec_hdr), &ev), -EINVAL);
}

static void test_wrong_type(void **state)
{
	static const char path[] = "/x";
	union rec_buf rb;
	struct tt_event ev;
	size_t len = make_open(rb.b, path, sizeof(path), OPEN_SC_OPEN);
	uint16_t t;

	(void)state;
	for (t = 0; t < 8; t++) {
		if (t == TT_REC_OPEN || t == TT_REC_PATH)
			continue;
		memcpy(rb.b + offsetof(struct tt_rec_hdr, type), &t, sizeof(t));
		assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	}
	t = 0xffff;
	memcpy(rb.b + offsetof(struct tt_rec_hdr, type), &t, sizeof(t));
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	/* too short for even a header */
	assert_int_equal(event_decode(rb.b, 3, &ev), -EINVAL);
	assert_int_equal(event_decode(rb.b, 0, &ev), -EINVAL);
}

/* A path call's record: the open layout, its call named from the list;
 * an index past the list is malformed. Its relative path resolves like
 * an open's. */
static void test_path_call(void **state)
{
	static const char base[] = "etc\0";
	union rec_buf rb;
	struct tt_event ev;
	char abs[64];
	size_t len = make_open_based(rb.b, "hosts", base, sizeof(base) - 1, OPEN_BASE_DIRFD);
	uint16_t t = TT_REC_PATH;
	uint8_t sc;

	(void)state;
	memcpy(rb.b + offsetof(struct tt_rec_hdr, type), &t, sizeof(t));
	for (sc = 0; sc < path_calls_n; sc++) {
		memcpy(rb.b + offsetof(struct open_event, syscall), &sc, 1);
		assert_int_equal(event_decode(rb.b, len, &ev), 0);
		assert_int_equal(ev.type, TT_EVENT_PATH);
		assert_string_equal(event_type_name(&ev), "path");
		assert_string_equal(event_syscall_name(&ev), path_calls[sc].name);
	}
	sc = 2;
	memcpy(rb.b + offsetof(struct open_event, syscall), &sc, 1);
	assert_int_equal(event_decode(rb.b, len, &ev), 0);
	assert_string_equal(event_syscall_name(&ev), "newfstatat");
	assert_int_equal(event_resolve_path(&ev, abs, sizeof(abs)), 0);
	assert_string_equal(ev.path, "/etc/hosts");
	assert_string_equal(event_path_base_name(&ev), "dirfd");
	sc = (uint8_t)path_calls_n;
	memcpy(rb.b + offsetof(struct open_event, syscall), &sc, 1);
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	/* the same index in an open record names no open syscall */
	t = TT_REC_OPEN;
	sc = 4;
	memcpy(rb.b + offsetof(struct tt_rec_hdr, type), &t, sizeof(t));
	memcpy(rb.b + offsetof(struct open_event, syscall), &sc, 1);
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
}

/* Control and escape bytes in a path or argv are data: decoded as they
 * are, byte for byte; the writers sanitise them. */
static void test_control_bytes_raw(void **state)
{
	static const char path[] = "/tmp/\x1b[31mred\r\n\x07\x7f\xff";
	static const char args[] = "sh\0-c\0\x1b]0;title\x07";
	union rec_buf rb;
	struct tt_event ev;
	size_t len;

	(void)state;
	len = make_open(rb.b, path, sizeof(path), OPEN_SC_OPENAT);
	assert_int_equal(event_decode(rb.b, len, &ev), 0);
	assert_int_equal(ev.path_len, sizeof(path) - 1);
	assert_memory_equal(ev.path, path, sizeof(path) - 1);

	len = make_exec(rb.b, "/bin/\x1b[2Jsh", args, sizeof(args), 3, 0);
	assert_int_equal(event_decode(rb.b, len, &ev), 0);
	assert_int_equal(ev.path_len, strlen("/bin/\x1b[2Jsh"));
	assert_memory_equal(ev.path, "/bin/\x1b[2Jsh", ev.path_len);
	assert_int_equal(ev.args_len, sizeof(args) - 1);
	assert_memory_equal(ev.args, args, ev.args_len);
}

/* A refused record leaves the caller's event as it was. */
static void test_out_untouched_on_error(void **state)
{
	union rec_buf rb;
	struct tt_event ev, before;
	size_t len = make_exec(rb.b, "/x", "a", 2, 2, 0);	/* argc wrong */

	(void)state;
	memset(&ev, 0x5a, sizeof(ev));
	before = ev;
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	assert_memory_equal(&ev, &before, sizeof(ev));
}

/* The largest records the kernel can send decode. */
static void test_largest(void **state)
{
	static union rec_buf rb;
	static char name[EXEC_FILENAME_MAX], args[EXEC_ARGS_MAX];
	struct tt_event ev;
	size_t len;

	(void)state;
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	memset(args, 'a', sizeof(args));
	args[sizeof(args) - 1] = '\0';
	len = make_exec(rb.b, name, args, sizeof(args), 1000, EXEC_F_ARGS_TRUNC);
	assert_int_equal(event_decode(rb.b, len, &ev), 0);
	assert_int_equal(ev.path_len, EXEC_FILENAME_MAX - 1);
	assert_int_equal(ev.args_len, EXEC_ARGS_MAX - 1);
}

/* Relative paths come out absolute, joined to the base the kernel sent;
 * the argument is kept as passed. */
static void test_open_resolve(void **state)
{
	static const struct {
		const char *path;
		const char *base;
		size_t base_len;
		uint8_t kind;
		const char *want;
		const char *how;
	} cases[] = {
		{ "x", "b\0a\0", 4, OPEN_BASE_CWD, "/a/b/x", "cwd" },
		{ "./x", "b\0a\0", 4, OPEN_BASE_CWD, "/a/b/x", "cwd" },
		{ ".//./x/y", "b\0a\0", 4, OPEN_BASE_DIRFD, "/a/b/x/y", "dirfd" },
		{ "../x", "b\0a\0", 4, OPEN_BASE_DIRFD, "/a/b/../x", "dirfd" },
		{ ".", "etc\0", 4, OPEN_BASE_DIRFD, "/etc", "dirfd" },
		{ "x", "", 0, OPEN_BASE_CWD, "/x", "cwd" },
		{ "/abs/p", "b\0", 2, OPEN_BASE_NONE, "/abs/p", "absolute" },
		{ "rel", "", 0, OPEN_BASE_NONE, "rel", "raw" },
	};
	union rec_buf rb;
	char abs[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tt_event ev;
		size_t len = make_open_based(rb.b, cases[i].path, cases[i].base,
					     cases[i].base_len, cases[i].kind);

		assert_int_equal(event_decode(rb.b, len, &ev), 0);
		assert_int_equal(event_resolve_path(&ev, abs, sizeof(abs)), 0);
		assert_int_equal(ev.path_len, strlen(cases[i].want));
		assert_memory_equal(ev.path, cases[i].want, ev.path_len);
		assert_int_equal(ev.raw_path_len, strlen(cases[i].path));
		assert_memory_equal(ev.raw_path, cases[i].path, ev.raw_path_len);
		assert_string_equal(event_path_base_name(&ev), cases[i].how);
	}
}

/* A buffer too small leaves the argument as the path, marked raw. */
static void test_open_resolve_too_long(void **state)
{
	union rec_buf rb;
	size_t len = make_open_based(rb.b, "file", "deep\0dir\0", 9, OPEN_BASE_CWD);
	struct tt_event ev;
	char abs[8];

	(void)state;
	assert_int_equal(event_decode(rb.b, len, &ev), 0);
	assert_int_equal(event_resolve_path(&ev, abs, sizeof(abs)), -ENAMETOOLONG);
	assert_int_equal(ev.path_len, 4);
	assert_memory_equal(ev.path, "file", 4);
	assert_string_equal(event_path_base_name(&ev), "raw");
}

/* The base must end in a NUL and its kind must be known. */
static void test_open_base_invalid(void **state)
{
	union rec_buf rb;
	struct tt_event ev;
	size_t len;

	(void)state;
	len = make_open_based(rb.b, "x", "ab", 2, OPEN_BASE_CWD);
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	len = make_open_based(rb.b, "x", "a\0", 2, 7);
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	len = make_open_based(rb.b, "x", "a\0", 2, OPEN_BASE_CWD);
	assert_int_equal(event_decode(rb.b, len - 1, &ev), -EINVAL);
}

/* Findings of the event fuzzer: a return below -4095 is no errno and is
 * refused; errno_name survives INT_MIN; a base the kernel cut short or
 * could not read leaves the path as passed. */
static void test_fuzz_findings(void **state)
{
	union rec_buf rb;
	struct tt_event ev;
	struct open_event e;
	char buf[32], abs[256];
	size_t len;

	(void)state;
	len = make_open(rb.b, "/x", 3, OPEN_SC_OPEN);
	memcpy(&e, rb.b, sizeof(e));
	e.ret = INT32_MIN;
	memcpy(rb.b, &e, sizeof(e));
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	e.ret = -4096;
	memcpy(rb.b, &e, sizeof(e));
	assert_int_equal(event_decode(rb.b, len, &ev), -EINVAL);
	e.ret = -4095;
	memcpy(rb.b, &e, sizeof(e));
	assert_int_equal(event_decode(rb.b, len, &ev), 0);

	assert_string_equal(errno_name(INT32_MIN, buf, sizeof(buf)), "E2147483648");
	assert_string_equal(errno_name(-2, buf, sizeof(buf)), "ENOENT");

	len = make_open_based(rb.b, "x", "b\0a\0", 4, OPEN_BASE_CWD);
	memcpy(&e, rb.b, sizeof(e));
	e.rflags |= OPEN_F_BASE_TRUNC;
	memcpy(rb.b, &e, sizeof(e));
	assert_int_equal(event_decode(rb.b, len, &ev), 0);
	assert_int_equal(event_resolve_path(&ev, abs, sizeof(abs)), 0);
	assert_int_equal(ev.path_len, 1);
	assert_string_equal(event_path_base_name(&ev), "raw");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exec_valid),
		cmocka_unit_test(test_exec_entries),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_exec_empty_args),
		cmocka_unit_test(test_exec_padding_and_alignment),
		cmocka_unit_test(test_exec_truncated),
		cmocka_unit_test(test_exec_oversized_lengths),
		cmocka_unit_test(test_exec_missing_nul),
		cmocka_unit_test(test_exec_argc),
		cmocka_unit_test(test_open_valid),
		cmocka_unit_test(test_open_empty_path),
		cmocka_unit_test(test_open_invalid),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_path_call),
		cmocka_unit_test(test_control_bytes_raw),
		cmocka_unit_test(test_out_untouched_on_error),
		cmocka_unit_test(test_largest),
		cmocka_unit_test(test_open_resolve),
		cmocka_unit_test(test_open_resolve_too_long),
		cmocka_unit_test(test_open_base_invalid),
		cmocka_unit_test(test_fuzz_findings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

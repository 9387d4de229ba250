/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Writes the binary seeds of the event and sanitize fuzz targets, laid
 * out with the real record types of bpf/exec.h and bpf/open.h: valid
 * exec/open records with hostile strings (terminal escapes, C1 CSI,
 * broken UTF-8, quotes, newlines), a burst that overflows the event log,
 * and near-misses the decoder must refuse, and the inputs of past
 * findings (finding-*), kept so every build replays them. The output is
 * checked in; rerun after a record layout changes:
 *
 *   cc -I bpf -o /tmp/mkseeds tests/fuzz/mkseeds.c && /tmp/mkseeds tests/fuzz/corpus */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/types.h>
#include "events.h"
#include "exec.h"
#include "open.h"

static const char *dir;

/* Hostile strings a traced process can choose freely. */
static const char *const hostile[] = {
	"/tmp/\x1b[2J\x1b]0;owned\x07title",		/* CSI, OSC with BEL */
	"/tmp/\xc2\x9b" "31mred",			/* C1 CSI as UTF-8 */
	"/tmp/bad\xff\xfe\xc0\xaf\xed\xa0\x80utf8",	/* invalid, overlong, surrogate */
	"/tmp/new\nline\ttab\rcr\x7f" "del",
	"/tmp/\"quote\\back\\slash\"",
	"/tmp/caf\xc3\xa9-\xe2\x80\xa8-\xf0\x9f\x92\xa9",	/* é, U+2028, U+1F4A9 */
	"/tmp/cut\xe2\x82",				/* sequence cut short */
};
#define N_HOSTILE (sizeof(hostile) / sizeof(hostile[0]))

struct out {
	FILE *f;
};

static FILE *open_seed(const char *target, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/%s", dir, target, name);
	f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(1);
	}
	return f;
}

/* One frame: 16-bit little-endian length, then the record. */
static void frame(FILE *f, const void *rec, size_t len)
{
	unsigned char hdr[2] = { (unsigned char)(len & 0xff), (unsigned char)(len >> 8) };

	fwrite(hdr, 1, 2, f);
	fwrite(rec, 1, len, f);
}

/* An open record; base (blen bytes of NUL-terminated components,
 * innermost first) follows the path for a relative one. */
static size_t open_rec_base(unsigned char *buf, const char *path, const char *base, size_t blen,
			    __u8 kind, int ret, __u8 sc, const char *comm)
{
	struct open_event e;
	size_t plen = strlen(path) + 1;

	memset(&e, 0, sizeof(e));
	e.hdr.type = TT_REC_OPEN;
	e.hdr.size = (__u16)(sizeof(e) + plen + blen);
	e.path_len = (__u16)plen;
	e.base_len = (__u16)blen;
	e.base_kind = kind;
	e.syscall = sc;
	e.pid = 4242;
	e.tid = 4243;
	e.uid = 1000;
	e.dirfd = sc == OPEN_SC_OPENAT ? 3 : -100;
	e.ret = ret;
	e.flags = sc == OPEN_SC_CREAT ? 01101 : 02000000;
	e.mode = sc == OPEN_SC_CREAT ? 0600 : 0;
	e.ts_ns = 123456789000ULL;
	e.duration_ns = 1500;
	memcpy(e.comm, comm, strnlen(comm, TT_COMM_LEN));
	memcpy(buf, &e, sizeof(e));
	memcpy(buf + sizeof(e), path, plen);
	memcpy(buf + sizeof(e) + plen, base, blen);
	return sizeof(e) + plen + blen;
}

static size_t open_rec(unsigned char *buf, const char *path, int ret, __u8 sc, const char *comm)
{
	return open_rec_base(buf, path, "", 0, OPEN_BASE_NONE, ret, sc, comm);
}

/* args: argc strings, each NUL-terminated, packed in a; alen bytes. */
static size_t exec_rec(unsigned char *buf, const char *file, const char *a, size_t alen,
		       unsigned argc, unsigned flags, int ret)
{
	struct exec_event e;
	size_t flen = strlen(file) + 1;

	memset(&e, 0, sizeof(e));
	e.hdr.type = TT_REC_EXEC;
	e.hdr.size = (__u16)(sizeof(e) + flen + alen);
	e.filename_len = (__u16)flen;
	e.args_len = (__u16)alen;
	e.argc = (__u16)argc;
	e.flags = (__u16)flags;
	e.pid = 5000;
	e.tid = 5000;
	e.ppid = 1;
	e.uid = 0;
	e.ret = ret;
	e.dirfd = -100;
	e.ts_ns = 99999999999ULL;
	e.duration_ns = 250000;
	memcpy(e.comm, "sh\x1b[31m", 7);
	memcpy(buf, &e, sizeof(e));
	memcpy(buf + sizeof(e), file, flen);
	memcpy(buf + sizeof(e) + flen, a, alen);
	return sizeof(e) + flen + alen;
}

static void event_seeds(void)
{
	unsigned char buf[8192];
	char name[64];
	size_t n, i;
	FILE *f;

	for (i = 0; i < N_HOSTILE; i++) {
		snprintf(name, sizeof(name), "open-hostile-%zu", i);
		f = open_seed("event", name);
		n = open_rec(buf, hostile[i], -2, (__u8)(i % 4), "evil\x1b]2;x\x07");
		frame(f, buf, n);
		fclose(f);
	}

	/* relative paths with the base directory the kernel walked */
	f = open_seed("event", "open-relative-bases");
	{
		static const char cwd[] = "inner\x1b[2J\0mid\xc2\x9b\0top\0";
		char deep[OPEN_BASE_DEPTH * 3 + 8];

		n = open_rec_base(buf, "././/x\x07", cwd, sizeof(cwd) - 1, OPEN_BASE_CWD, -2,
				  OPEN_SC_OPENAT, "rel");
		frame(f, buf, n);
		n = open_rec_base(buf, "etc/passwd", "", 0, OPEN_BASE_DIRFD, 3, OPEN_SC_OPENAT2, "root");
		frame(f, buf, n);
		n = open_rec_base(buf, "../up", "d\0", 2, OPEN_BASE_DIRFD, -13, OPEN_SC_OPENAT, "dot");
		frame(f, buf, n);
		/* more levels than OPEN_BASE_DEPTH */
		for (i = 0; i < OPEN_BASE_DEPTH + 4; i++)
			memcpy(deep + 2 * i, "d\0", 2);
		n = open_rec_base(buf, "leaf", deep, 2 * (OPEN_BASE_DEPTH + 4), OPEN_BASE_CWD, -2,
				  OPEN_SC_OPEN, "deep");
		((struct open_event *)buf)->rflags = OPEN_F_BASE_TRUNC;
		frame(f, buf, n);
	}
	fclose(f);

	f = open_seed("event", "exec-hostile-argv");
	{
		static const char a[] = "sh\0-c\0printf '\x1b[2J'\0\xc2\x9b" "1;1H\0\xff\xfe";
		n = exec_rec(buf, hostile[0], a, sizeof(a), 5, 0, 0);
		frame(f, buf, n);
	}
	fclose(f);

	f = open_seed("event", "exec-failed-truncated");
	{
		static const char a[] = "/nope\0arg1\0";
		n = exec_rec(buf, "/nope\xe2\x80", a, sizeof(a) - 1, 9,
			     EXEC_F_ARGS_TRUNC | EXEC_F_EXECVEAT, -2);
		frame(f, buf, n);
	}
	fclose(f);

	f = open_seed("event", "exec-empty");
	n = exec_rec(buf, "", "", 0, 0, 0, -14);
	/* filename_len 0 and args_len 0: nothing after the fixed part */
	((struct exec_event *)buf)->filename_len = 0;
	((struct exec_event *)buf)->hdr.size = sizeof(struct exec_event);
	frame(f, buf, sizeof(struct exec_event));
	fclose(f);

	/* more records than the log holds: the oldest are overwritten */
	f = open_seed("event", "burst-mixed");
	for (i = 0; i < 24; i++) {
		if (i % 3 == 2) {
			static const char a[] = "true\0marker\0";
			n = exec_rec(buf, "/bin/true", a, sizeof(a) - 1, 2, EXEC_F_ARGS_MM, 0);
		} else {
			n = open_rec(buf, hostile[i % N_HOSTILE], (int)i - 5, (__u8)(i % 4),
				     "0123456789abcdef");	/* comm without NUL */
		}
		frame(f, buf, n);
	}
	fclose(f);

	/* near-misses: each must be refused, the good one after it kept */
	f = open_seed("event", "malformed");
	n = open_rec(buf, "/etc/passwd", 3, OPEN_SC_OPENAT, "cat");
	frame(f, buf, n - 1);				/* cut short */
	buf[n - 1] = 'x';
	frame(f, buf, n);				/* path not terminated */
	n = open_rec(buf, "/etc/passwd", 3, OPEN_SC_OPENAT, "cat");
	((struct open_event *)buf)->syscall = 9;	/* no such syscall */
	frame(f, buf, n);
	n = open_rec(buf, "/etc/passwd", 3, OPEN_SC_OPENAT, "cat");
	((struct open_event *)buf)->hdr.type = 7;	/* unknown type */
	frame(f, buf, n);
	n = open_rec(buf, "/etc/passwd", 3, OPEN_SC_OPENAT, "cat");
	((struct open_event *)buf)->hdr.size = (__u16)(n + 8);	/* claims more */
	frame(f, buf, n);
	n = open_rec(buf, "/etc/passwd", 3, OPEN_SC_OPENAT, "cat");
	frame(f, buf, n + 8);				/* ring padding: accepted */
	fclose(f);
}

/* Records with values no kernel sends but a corrupted record can carry:
 * each made the writers run into undefined behaviour. */
static void finding_seeds(void)
{
	unsigned char buf[512];
	size_t n;
	FILE *f;

	/* ts_ns near 2^63: output_event_time() added the wall-clock offset
	 * in int64_t and overflowed (fixed: unsigned arithmetic) */
	f = open_seed("event", "finding-ts-overflow");
	n = open_rec(buf, "/tmp/x", -2, OPEN_SC_OPENAT, "late");
	((struct open_event *)buf)->ts_ns = 0x7ff0000000000000ULL;
	frame(f, buf, n);
	fclose(f);

	/* ret = INT_MIN: fail_table_add() and errno_name() negated it
	 * (fixed: the decoder refuses returns below -4095) */
	f = open_seed("event", "finding-ret-intmin");
	n = open_rec(buf, "/tmp/x", -2147483647 - 1, OPEN_SC_OPENAT, "min");
	frame(f, buf, n);
	fclose(f);
}

static void sanitize_seeds(void)
{
	char name[64];
	size_t i;
	FILE *f;

	for (i = 0; i < N_HOSTILE; i++) {
		snprintf(name, sizeof(name), "hostile-%zu", i);
		f = open_seed("sanitize", name);
		fputc((int)(5 + i * 7), f);	/* destination size for the cut */
		fputs(hostile[i], f);
		fclose(f);
	}
	f = open_seed("sanitize", "every-byte");
	fputc(63, f);
	for (i = 0; i < 256; i++)
		fputc((int)i, f);
	fclose(f);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mkseeds CORPUS_DIR\n");
		return 2;
	}
	dir = argv[1];
	event_seeds();
	sanitize_seeds();
	finding_seeds();
	return 0;
}

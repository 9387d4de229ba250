/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz target: options_parse(), argv -> struct options. The input is
 * the arguments after "tracetop", separated by NUL bytes.
 *
 * Properties: it returns 0 or -EINVAL; on error *o is untouched and the
 * message starts with "tracetop: " and fits its buffer (also a tiny one);
 * on success every value is within the range the help text promises; the
 * same argv parses to the same result twice (getopt state is reset). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"
#include "options.h"
#include "snapshot.h"
#include "exec.h"

#define MAX_ARGS 64

static void check_ranges(const struct options *o, char **argv, int argc)
{
	unsigned all = (1u << TT_SRC_MAX) - 1;
	int i, in_argv;

	if (!(o->delay_s >= 0.1 - 1e-9 && o->delay_s <= 3600))
		fuzz_fail("options: delay out of range", o, sizeof(*o));
	if (o->iterations > 1000000000ULL)
		fuzz_fail("options: iterations out of range", o, sizeof(*o));
	if (o->output > OUTPUT_HEADLESS || o->vfs_hook > VFS_HOOK_TRACEPOINT ||
	    o->bio_hook > BIO_HOOK_RAW_TP || o->syscalls_hook > SYSCALLS_HOOK_TRACEPOINT ||
	    o->metrics_by > METRICS_BY_CONTAINER)
		fuzz_fail("options: enum out of range", o, sizeof(*o));
	if (o->metrics_top < 1 || o->metrics_top > 1000)
		fuzz_fail("options: metrics-top out of range", o, sizeof(*o));
	if (o->pids.n > TT_IDS_MAX || o->uids.n > TT_IDS_MAX)
		fuzz_fail("options: too many ids", o, sizeof(*o));
	for (uint32_t k = 0; k < o->pids.n && k < TT_IDS_MAX; k++)
		if (o->pids.v[k] < 1 || o->pids.v[k] > 4194304)
			fuzz_fail("options: pid out of range", o, sizeof(*o));
	if (!o->sources || (o->sources & ~all))
		fuzz_fail("options: sources mask invalid", o, sizeof(*o));
	if (o->args_cap < 64 || o->args_cap > EXEC_ARGS_MAX)
		fuzz_fail("options: args-cap out of range", o, sizeof(*o));
	if (o->log_capacity < 16 || o->log_capacity > 10000000)
		fuzz_fail("options: events out of range", o, sizeof(*o));
	if (o->ringbuf_kb < 64 || o->ringbuf_kb > 262144 || (o->ringbuf_kb & (o->ringbuf_kb - 1)))
		fuzz_fail("options: ringbuf-size not a power of two in range", o, sizeof(*o));
	/* string options borrow argv and are never empty */
	for (i = 0; i < 4; i++) {
		const char *s = i == 0 ? o->log_file : i == 1 ? o->theme :
				i == 2 ? o->listen : o->listen_auth;
		int k;

		if (!s)
			continue;
		in_argv = 0;
		for (k = 1; k < argc; k++)
			if (s >= argv[k] && s <= argv[k] + strlen(argv[k]))
				in_argv = 1;
		if (!in_argv || !*s)
			fuzz_fail("options: string option not a non-empty piece of argv", s, strlen(s));
	}
}

/* Parses argv with a fresh copy each time (getopt may permute it). */
static int parse(char **args, int argc, struct options *o, char *err, size_t errlen,
		 char ***keep)
{
	char **argv = calloc((size_t)argc + 1, sizeof(*argv));
	int i, rc;

	for (i = 0; i < argc; i++)
		argv[i] = args[i];
	rc = options_parse(o, argc, argv, err, errlen);
	*keep = argv;
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *args[MAX_ARGS + 1];
	struct options o, before, again;
	char err[256], *tiny, **argv1, **argv2;
	int argc = 1, rc, rc2;
	size_t i, start = 0;

	memcpy(buf, data, size);
	buf[size] = '\0';
	args[0] = "tracetop";
	for (i = 0; i <= size && argc < MAX_ARGS; i++) {
		if (i == size || buf[i] == '\0') {
			if (i > start || i < size)
				args[argc++] = buf + start;
			buf[i] = '\0';
			start = i + 1;
		}
	}
	args[argc] = NULL;

	memset(&o, 0x5a, sizeof(o));
	before = o;
	rc = parse(args, argc, &o, err, sizeof(err), &argv1);
	if (rc != 0 && rc != -EINVAL)
		fuzz_fail("options_parse: neither 0 nor -EINVAL", data, size);
	if (rc) {
		if (memcmp(&o, &before, sizeof(o)))
			fuzz_fail("options_parse: changed *o on error", data, size);
		if (strncmp(err, "tracetop: ", 10) || strlen(err) <= 10)
			fuzz_fail("options_parse: error message missing", err, strlen(err));
	} else {
		check_ranges(&o, argv1, argc);
	}

	/* the same again, with an error buffer ASan watches byte by byte */
	tiny = malloc(7);
	memset(&again, 0x5a, sizeof(again));
	rc2 = parse(args, argc, &again, tiny, 7, &argv2);
	if (rc2 != rc)
		fuzz_fail("options_parse: not repeatable", data, size);
	if (rc2 && strlen(tiny) >= 7)
		fuzz_fail("options_parse: message overflows its buffer", tiny, 7);
	if (!rc2 && (again.delay_s != o.delay_s || again.iterations != o.iterations ||
		     again.sources != o.sources || memcmp(&again.pids, &o.pids, sizeof(o.pids)) ||
		     memcmp(&again.uids, &o.uids, sizeof(o.uids)) ||
		     again.ringbuf_kb != o.ringbuf_kb || again.log_capacity != o.log_capacity ||
		     again.output != o.output || again.failed_only != o.failed_only))
		fuzz_fail("options_parse: same argv, different result", data, size);
	free(tiny);
	free(argv1);
	free(argv2);
	free(buf);
	return 0;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Recordings at the size of an hour, for the bench's record step.
 *
 *   ttb-rec hour SEED OUT [TICKS]
 *	writes OUT (a new file) with TICKS (3600) intervals taken in turn
 *	from the recording SEED's (its snapshots and events, re-encoded by
 *	the recorder), their tick numbers and times moved on, so that OUT
 *	reads as one run of TICKS seconds at -d 1; prints its size.
 *   ttb-rec jump FILE [JUMPS]
 *	opens FILE as --replay on the screen does (struct replay_src: the
 *	reader's index, an event log of --events' default) and jumps JUMPS
 *	(50) times to intervals spread over it in a fixed shuffled order,
 *	as the key j does; prints the open time, the median and largest
 *	jump time, and the process's peak RSS. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "clock.h"
#include "options.h"
#include "rec_reader.h"
#include "rec_writer.h"
#include "replay.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static long peak_rss_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "r");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmHWM:", 6))
			kb = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	return kb;
}

static int hour(const char *seed, const char *out, size_t ticks)
{
	char msg[1024];
	struct rec_reader *r = rec_reader_open(seed, msg, sizeof(msg));
	struct rec_snap rs = { 0 };
	struct event_log log;
	struct rec_writer *w;
	uint64_t unrec, mono0 = 0;
	int64_t wall0 = 0;
	size_t n;
	int err = 0;

	if (!r) {
		fprintf(stderr, "ttb-rec: %s\n", msg);
		return 1;
	}
	n = rec_reader_ticks(r);
	if (n < 2 || event_log_init(&log, 100000)) {
		fprintf(stderr, "ttb-rec: %s: too few intervals\n", seed);
		return 1;
	}
	w = rec_writer_open(out, rec_reader_meta(r), msg, sizeof(msg));
	if (!w) {
		fprintf(stderr, "ttb-rec: %s\n", msg);
		return 1;
	}
	for (size_t k = 0; k < ticks && !err; k++) {
		/* tick 0 is the start record; then 1..n-1 in turn */
		size_t i = k ? 1 + (k - 1) % (n - 1) : 0;
		struct tt_snapshot s;

		if (rec_reader_read(r, i, &rs, &log, &unrec, msg, sizeof(msg))) {
			fprintf(stderr, "ttb-rec: %s\n", msg);
			return 1;
		}
		s = rs.s;
		if (!k) {
			mono0 = s.mono_ns;
			wall0 = s.wall_ms;
		}
		s.seq = k;
		s.mono_ns = mono0 + (uint64_t)k * 1000000000ull;
		s.wall_ms = wall0 + (int64_t)k * 1000;
		s.wall_s = s.wall_ms / 1000;
		err = rec_writer_tick(w, &s, &log, false);
	}
	printf("%zu intervals, %llu bytes\n", ticks, (unsigned long long)rec_writer_bytes(w));
	err = rec_writer_close(w) || err;
	rec_snap_fini(&rs);
	event_log_fini(&log);
	rec_reader_close(r);
	if (err)
		fprintf(stderr, "ttb-rec: cannot write %s\n", out);
	return err ? 1 : 0;
}

static int jump(const char *file, int jumps)
{
	struct options o;
	char msg[1024];
	struct replay_src *r;
	double *t = calloc((size_t)(jumps > 0 ? jumps : 1), sizeof(*t)), open_ms;
	uint64_t t0 = clock_mono_ns(), unrec;
	size_t n;

	options_defaults(&o);
	o.replay = file;
	r = replay_src_open(&o, false, msg, sizeof(msg));	/* as on the screen */
	if (!r || !t) {
		fprintf(stderr, "ttb-rec: %s\n", r ? "out of memory" : msg);
		return 1;
	}
	open_ms = (double)(clock_mono_ns() - t0) / 1e6;
	n = replay_src_count(r);
	for (int j = 0; j < jumps; j++) {
		size_t i = ((size_t)j * 7919u + 13u) % n;

		t0 = clock_mono_ns();
		if (replay_src_go(r, i, &unrec, msg, sizeof(msg))) {
			fprintf(stderr, "ttb-rec: %s\n", msg);
			return 1;
		}
		t[j] = (double)(clock_mono_ns() - t0) / 1e6;
	}
	qsort(t, (size_t)jumps, sizeof(*t), cmp_double);
	printf("open %.1f ms (%zu intervals); %d jumps: median %.1f ms, max %.1f ms; peak RSS %.1f MB\n",
	       open_ms, n, jumps, t[jumps / 2], t[jumps - 1], (double)peak_rss_kb() / 1024);
	replay_src_free(r);
	free(t);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "hour"))
		return hour(argv[2], argv[3], argc > 4 ? (size_t)strtoul(argv[4], NULL, 10) : 3600);
	if (argc >= 3 && !strcmp(argv[1], "jump"))
		return jump(argv[2], argc > 3 ? atoi(argv[3]) : 50);
	fprintf(stderr, "usage: ttb-rec hour SEED OUT [TICKS] | ttb-rec jump FILE [JUMPS]\n");
	return 2;
}

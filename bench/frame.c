/* SPDX-License-Identifier: GPL-2.0-or-later */
/* UI frame time: renders the overview of the UI tests' busy-server
 * fixture into a 200x60 canvas again and again, diffing each frame
 * against the previous one as the flush does, and prints the mean and
 * worst time per frame. What is measured is tracetop's own work per
 * frame (layout, views, sanitising, sorting, diff); the terminal's
 * writing of the changed cells is the terminal's. The median and the
 * 99th percentile say more than the worst frame on a shared machine.
 *
 * With PROCS, the processes table holds that many rows, copies of the
 * fixture's with pids of their own and rates spread out, sorted afresh
 * each frame: the cost of a 20 000-process machine's table.
 *
 * With held, the order is held still as for a few seconds after a key
 * (rows matched by pid to the previous frame's order) instead.
 *
 *   ttb-frame [FRAMES] [WIDTH HEIGHT [PROCS [held]]]  (defaults 2000, 200 60) */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include "canvas.h"
#include "diff.h"
#include "state.h"
#include "view.h"
#include "../tests/ui/fixture.h"
#include "clock.h"

static double now_ms(void)
{
	return (double)clock_mono_ns() / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void count_run(void *ctx, int x, int y, int len)
{
	(void)x;
	(void)y;
	*(size_t *)ctx += (size_t)len;
}

int main(int argc, char **argv)
{
	int frames = argc > 1 ? atoi(argv[1]) : 2000;
	int w = argc > 3 ? atoi(argv[2]) : 200, h = argc > 3 ? atoi(argv[3]) : 60;
	struct canvas *cv[2] = { canvas_new(w, h), canvas_new(w, h) };
	double total = 0, worst = 0, *t = calloc((size_t)(frames > 0 ? frames : 1), sizeof(*t));
	size_t procs = argc > 4 ? (size_t)atol(argv[4]) : 0;
	bool held = argc > 5 && !strcmp(argv[5], "held");
	struct tt_proc_row *rows = NULL;
	struct ui_state st;
	struct fixture f;
	size_t changed = 0;

	if (frames <= 0 || !cv[0] || !cv[1] || !t) {
		fprintf(stderr, "usage: ttb-frame [FRAMES] [WIDTH HEIGHT]\n");
		return 2;
	}
	fixture_init(&f);
	if (procs) {
		rows = calloc(procs, sizeof(*rows));
		if (!rows)
			return 1;
		for (size_t i = 0; i < procs; i++) {
			rows[i] = f.snap.procs[i % f.snap.n_procs];
			rows[i].pid = (uint32_t)(100000 + i);
			rows[i].rate = (double)((i * 7919) % 5003);
			rows[i].ppid = (uint32_t)(100000 + i / 3);
		}
		f.snap.procs = rows;
		f.snap.n_procs = procs;
	}
	ui_state_init(&st, NULL);
	for (int i = 0; i < frames; i++) {
		struct canvas *cur = cv[i & 1], *prev = cv[(i & 1) ^ 1];
		double t0 = now_ms(), dt;

		/* a new tick each frame: the rows must be sorted afresh */
		st.now_ms += 1000;
		st.sc.resort = !held;
		st.pr.resort = !held;
		if (held)
			st.hold_until_ms = st.now_ms + 1000;
		ui_render(&st, cur, &f.snap, &f.log, NULL);
		canvas_diff(i ? prev : NULL, cur, count_run, &changed);
		dt = now_ms() - t0;
		t[i] = dt;
		total += dt;
		if (dt > worst)
			worst = dt;
	}
	qsort(t, (size_t)frames, sizeof(*t), cmp_double);
	if (procs)
		printf("procs %zu%s, ", procs, held ? " held" : "");
	printf("frame %dx%d: median %.3f ms, p99 %.3f ms, mean %.3f ms, worst %.3f ms over %d frames\n",
	       w, h, t[frames / 2], t[(size_t)frames * 99 / 100], total / frames, worst, frames);
	free(t);
	free(rows);
	ui_state_fini(&st);
	fixture_fini(&f);
	canvas_free(cv[0]);
	canvas_free(cv[1]);
	return 0;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The block I/O pane: a log2 latency histogram for the chosen disk
 * (d: all or one), operation (o: all, read, write), phase (Q: device or
 * queue time) and span (c: last interval or since start), with p50, p95
 * and p99 above it; under it, when the pane has the rows, the heatmap of
 * the same disk, operation and phase over the ticks shown so far. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "format.h"
#include "role.h"
#include "view.h"
#include "widget_graph.h"

#define HEAT_MIN_H 5	/* a heatmap of four rows and its axis */
#define HEAT_MIN_W 30	/* its labels and some twenty ticks */

static const char *op_label(int op)
{
	return op >= 0 && op < BIO_OP_MAX ? tt_bio_op_names[op] : "all ops";
}

/* Merges the histograms the selection covers into *out; returns how
 * many disks matched. */
static int select_hist(const struct tt_snapshot *s, const struct ui_state *st, struct hist *out)
{
	int matched = 0;

	hist_clear(out);
	for (size_t d = 0; d < s->n_disks; d++) {
		const struct tt_bio_disk *disk = &s->disks[d];

		if (st->bio_disk[0] && strcmp(st->bio_disk, disk->name))
			continue;
		matched++;
		for (int op = 0; op < BIO_OP_MAX; op++) {
			if (st->bio_op >= 0 && op != st->bio_op)
				continue;
			hist_merge(out, st->bio_cumulative ? &disk->total[op][st->bio_phase]
							   : &disk->interval[op][st->bio_phase]);
		}
	}
	return matched;
}

static void remember_disks(struct ui_state *st, const struct tt_snapshot *s)
{
	int n = 0;

	for (size_t d = 0; d < s->n_disks && n < (int)(sizeof(st->disks_seen) / sizeof(st->disks_seen[0])); d++)
		snprintf(st->disks_seen[n++], sizeof(st->disks_seen[0]), "%s", s->disks[d].name);
	st->n_disks_seen = n;
}

/* Rows of the pane body b the heatmap takes under a histogram of
 * hist_rows rows (and the percentiles' line): what the histogram does
 * not need, when that is HEAT_MIN_H or more; none when scoped (the
 * history is the whole system's) or narrow. */
static int heat_rows(const struct view_ctx *vc, struct rect b, int hist_rows)
{
	int keep = hist_rows < (b.h - 1) / 2 ? hist_rows : (b.h - 1) / 2;

	if (scope_on(&vc->st->scope) || !vc->st->ticks || b.w < HEAT_MIN_W)
		return 0;
	if (keep < 3)
		keep = hist_rows < 3 ? hist_rows : 3;
	return b.h - 1 - keep >= HEAT_MIN_H ? b.h - 1 - keep : 0;
}

/* The heatmap of the selection (d, o, Q) over the ticks up to the
 * snapshot's, one column each, in r; when a tick had more disks with I/O
 * than the history keeps, its last line says how many were left out. */
static void draw_heat(const struct view_ctx *vc, struct rect r)
{
	const struct tt_snapshot *s = vc->snap;
	const struct ui_state *st = vc->st;
	unsigned n = r.w > 0 && (unsigned)r.w < TICK_HISTORY_COLS ? (unsigned)r.w : TICK_HISTORY_COLS;
	struct hist *cols = calloc(n, sizeof(*cols));
	bool *known = calloc(n, sizeof(*known));
	int left_out = 0;

	if (cols && known) {
		for (unsigned i = 0; i < n; i++) {
			uint64_t back = n - 1 - i;
			int got = back < s->seq ? tick_history_bio(st->ticks, s->seq - back, st->bio_disk,
								   st->bio_op, st->bio_phase, &cols[i])
						: -1;

			known[i] = got >= 0;
			if (got > left_out)
				left_out = got;
		}
		heat_draw(vc->cv, r, cols, known, n, s->elapsed_s > 0 ? s->elapsed_s : st->set.delay_s);
		if (left_out) {
			char note[64];

			/* on the axis, left of "now" */
			snprintf(note, sizeof(note), " %d disks left out ", left_out);
			canvas_puts_right(vc->cv, r.x + r.w - 4, r.y + r.h - 1, r.x, ROLE_VALUE_WARN, note);
		}
	}
	free(cols);
	free(known);
}

void view_bio(const struct view_ctx *vc, struct rect r, bool focused)
{
	const struct tt_snapshot *s = vc->snap;
	struct ui_state *st = vc->st;
	struct canvas *cv = vc->cv;
	char info[192], p50[16], p95[16], p99[16], num[16], line[160];
	struct hist h;
	struct rect b;
	int matched, heat_h, hi, lo = 0;

	/* The selection (d, o, Q, c) in words, or briefly on a narrow pane. */
	if (r.w >= 70)
		snprintf(info, sizeof(info), "%s, %s, %s time, %s",
			 st->bio_disk[0] ? st->bio_disk : "all disks", op_label(st->bio_op),
			 st->bio_phase == BIO_PH_QUEUE ? "queue" : "device",
			 st->bio_cumulative ? "since start" : "last interval");
	else
		snprintf(info, sizeof(info), "%s/%s %s %s",
			 st->bio_disk[0] ? st->bio_disk : "all",
			 st->bio_op < 0 ? "all" : op_label(st->bio_op),
			 st->bio_phase == BIO_PH_QUEUE ? "queue" : "device",
			 st->bio_cumulative ? "total" : "interval");
	if (scope_on(&st->scope)) {
		char who[96];

		scope_label(st, who, sizeof(who));
		snprintf(info, sizeof(info), "%s: all disks and ops, device time, last interval", who);
	}
	b = pane_frame(vc, r, focused, r.w >= 70 ? "Block I/O latency" : "Block I/O", info);
	if (pane_no_data(vc, b) || pane_source_down(vc, b, TT_SRC_BIO))
		return;
	remember_disks(st, s);
	if (scope_bio_hist(&st->scope, s, &h)) {
		if (!h.count) {
			text_wrap(vc->cv, (struct rect){ b.x + 1, b.y, b.w - 2, b.h }, ROLE_VALUE_ZERO,
				  "no block I/O of the scope in this interval");
			return;
		}
		matched = 1;
	} else {
		matched = select_hist(s, st, &h);
	}
	if (!h.count) {
		if (st->bio_disk[0] && !matched)
			snprintf(line, sizeof(line), "no I/O seen on %s", st->bio_disk);
		else
			snprintf(line, sizeof(line), "no block I/O %s",
				 st->bio_cumulative ? "since start" : "in this interval");
		heat_h = heat_rows(vc, b, 0);
		text_wrap(cv, (struct rect){ b.x + 1, b.y, b.w - 2, b.h - heat_h }, ROLE_VALUE_ZERO, line);
		if (heat_h)
			draw_heat(vc, (struct rect){ b.x + 1, b.y + b.h - heat_h, b.w - 2, heat_h });
		return;
	}
	hist_format_us(hist_percentile(&h, 50), p50, sizeof(p50));
	hist_format_us(hist_percentile(&h, 95), p95, sizeof(p95));
	hist_format_us(hist_percentile(&h, 99), p99, sizeof(p99));
	fmt_count(h.count, num, sizeof(num));
	{
		int x = b.x + 1, maxx = b.x + b.w;

		x += canvas_puts(cv, x, b.y, maxx, ROLE_LABEL, "p50 ");
		x += canvas_puts(cv, x, b.y, maxx, ROLE_VALUE, p50);
		x += canvas_puts(cv, x, b.y, maxx, ROLE_LABEL, "  p95 ");
		x += canvas_puts(cv, x, b.y, maxx, ROLE_VALUE, p95);
		x += canvas_puts(cv, x, b.y, maxx, ROLE_LABEL, "  p99 ");
		x += canvas_puts(cv, x, b.y, maxx, ROLE_VALUE_WARN, p99);
		/* The count only when it fits whole: a cut number lies. */
		if (x + 4 + text_width(num) <= maxx) {
			x += canvas_puts(cv, x, b.y, maxx, ROLE_LABEL, "  n ");
			canvas_puts(cv, x, b.y, maxx, ROLE_VALUE, num);
		}
	}
	hi = hist_max_slot(&h);
	while (lo < hi && !h.slots[lo])
		lo++;
	heat_h = heat_rows(vc, b, hi - lo + 1);
	hist_draw(cv, (struct rect){ b.x + 1, b.y + 1, b.w - 2, b.h - 1 - heat_h }, &h);
	if (heat_h)
		draw_heat(vc, (struct rect){ b.x + 1, b.y + b.h - heat_h, b.w - 2, heat_h });
}

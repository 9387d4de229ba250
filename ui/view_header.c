/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The two header lines: where we are (host, kernel, uptime, interval,
 * clock, pause badge) and how each source is attached (hook, state),
 * with the event and loss rates. A source on an approximation carries a
 * '~'; a failed one says FAILED, and its pane says why. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "format.h"
#include "role.h"
#include "view.h"

/* A value cut short ends in an ellipsis; a label is cut as it is (an
 * ellipsis there would read as a value cut). */
static int put(struct canvas *cv, int *x, int y, int maxx, unsigned role, const char *s)
{
	int n = role == ROLE_HEADER_VALUE ? canvas_puts_fit(cv, *x, y, maxx, role, s) :
					    canvas_puts(cv, *x, y, maxx, role, s);

	*x += n;
	return n;
}

static const char *short_hook(const char *hook)
{
	return !strcmp(hook, "tracepoint") ? "tp" : hook;
}

/* How much of each source the line says: the hook's name, a short one
 * ("tp" for tracepoint), or only the source's name (its colour, a '~',
 * FAILED or off still tell the state). */
enum detail { HOOK_FULL = 0, HOOK_BRIEF, HOOK_NONE };

/* Writes the sources line from x; returns the width it took, or would
 * take when dry (nothing drawn). */
static int sources_line(const struct view_ctx *vc, int x, int y, int maxx, enum detail d, bool dry)
{
	const struct tt_snapshot *s = vc->snap;
	int x0 = x;

	for (int i = 0; i < TT_SRC_MAX; i++) {
		const struct tt_source_status *src = &s->src[i];
		char buf[64];
		unsigned role;

		if (i)
			x += dry ? 1 : canvas_puts(vc->cv, x, y, maxx, ROLE_HEADER, " ");
		if (src->state == TT_STATE_FAILED) {
			snprintf(buf, sizeof(buf), "%s:FAILED", tt_source_name(i));
			role = ROLE_STATE_FAILED;
		} else if (src->state == TT_STATE_OFF) {
			snprintf(buf, sizeof(buf), "%s:off", tt_source_name(i));
			role = ROLE_STATE_OFF;
		} else {
			bool approx = i == TT_SRC_VFS && s->vfs.approximate;

			if (d == HOOK_NONE)
				snprintf(buf, sizeof(buf), "%s%s", tt_source_name(i), approx ? "~" : "");
			else
				snprintf(buf, sizeof(buf), "%s:%s%s", tt_source_name(i),
					 d == HOOK_BRIEF ? short_hook(src->hook) : src->hook,
					 approx ? "~" : "");
			role = approx ? ROLE_STATE_APPROX : ROLE_STATE_OK;
		}
		x += dry ? text_width(buf) : canvas_puts(vc->cv, x, y, maxx, role, buf);
	}
	return x - x0;
}

/* A duration of whole seconds as "42s", "3m12s" or "1h02m". */
static void span(char *buf, size_t len, int64_t s)
{
	if (s < 0)
		s = 0;
	if (s > 99999LL * 3600)	/* eleven years: a damaged clock */
		s = 99999LL * 3600;
	if (s < 60)
		snprintf(buf, len, "%llds", (long long)s);
	else if (s < 3600)
		snprintf(buf, len, "%lldm%02llds", (long long)(s / 60), (long long)(s % 60));
	else
		snprintf(buf, len, "%lldh%02lldm", (long long)(s / 3600), (long long)(s / 60 % 60));
}

/* A replay's badge: " REPLAY > 3m12s/1h00m x10 " (played so far, of
 * all; the pace against the recorded interval), "||" while paused; with
 * room, a position bar too. */
static void replay_badge(const struct ui_state *st, char *buf, size_t len, bool bar)
{
	const struct fe_replay *p = &st->replay;
	char at[32], all[32], pace[16] = "", line[24] = "";
	double speed = st->set.delay_s > 0 ? p->recorded_s / st->set.delay_s : 1;

	span(at, sizeof(at), (p->wall_ms - p->first_ms) / 1000);
	span(all, sizeof(all), (p->last_ms - p->first_ms) / 1000);
	if (speed > 1.05 || speed < 0.95)
		snprintf(pace, sizeof(pace), " x%.3g", speed);
	if (bar && p->n > 1) {
		int w = 12, k = (int)((double)p->i * w / (double)(p->n - 1) + 0.5);

		line[0] = ' ';
		for (int i = 0; i < w; i++)
			line[1 + i] = i < k ? '=' : i == k ? '|' : '-';
		line[1 + w] = '\0';
	}
	snprintf(buf, len, " REPLAY %s %s/%s%s%s ", p->playing ? ">" : "||", at, all, pace, line);
}

/* Line 1: "tracetop  host H  kernel K  up U" on the left; the pause
 * badge, the interval and the clock on the right. Labels go first when
 * the line is short of room, then the values are cut. */
static void top_line(const struct view_ctx *vc, struct rect r)
{
	const struct tt_snapshot *s = vc->snap;
	const struct ui_state *st = vc->st;
	struct canvas *cv = vc->cv;
	int x = r.x, y = r.y, right = r.x + r.w;
	char buf[96], up[32];
	bool have = s && s->seq;

	if (have) {
		struct tm tm;
		time_t t = (time_t)s->wall_s;

		localtime_r(&t, &tm);
		strftime(buf, sizeof(buf), "%H:%M:%S", &tm);
		right -= canvas_puts_right(cv, right, y, r.x, ROLE_HEADER_VALUE, buf) + 2;
	}
	right -= canvas_puts_right(cv, right, y, r.x, ROLE_HEADER_VALUE,
				   fmt_interval(st->set.delay_s, buf, sizeof(buf)));
	right -= canvas_puts_right(cv, right, y, r.x, ROLE_HEADER, "every ") + 2;
	/* where --listen serves, when the line has room to spare */
	if (st->set.listen_at[0] && right - r.x >= 90 + text_width(st->set.listen_at)) {
		right -= canvas_puts_right(cv, right, y, r.x, ROLE_HEADER_VALUE, st->set.listen_at);
		right -= canvas_puts_right(cv, right, y, r.x, ROLE_HEADER, "metrics ") + 2;
	}
	if (st->replay.on && st->replay.live) {
		char ago[32];

		span(ago, sizeof(ago), (st->replay.live_ms - st->replay.wall_ms + 500) / 1000);
		snprintf(buf, sizeof(buf), " LOOKING BACK -%s  End: live ", ago);
		right -= canvas_puts_right(cv, right, y, r.x, ROLE_BADGE, buf) + 2;
	} else if (st->replay.on) {
		replay_badge(st, buf, sizeof(buf), right - r.x >= 60);
		right -= canvas_puts_right(cv, right, y, r.x, ROLE_BADGE, buf) + 2;
	} else if (st->paused) {
		snprintf(buf, sizeof(buf), " PAUSED +%llu new ", (unsigned long long)st->paused_new);
		right -= canvas_puts_right(cv, right, y, r.x, ROLE_BADGE, buf) + 2;
	}
	if (scope_on(&st->scope)) {
		char who[96], badge[112];

		scope_label(st, who, sizeof(who));
		snprintf(badge, sizeof(badge), " SCOPE %s ", who);
		right -= canvas_puts_right(cv, right, y, r.x, ROLE_BADGE, badge) + 2;
	}
	put(cv, &x, y, right, ROLE_HEADER_VALUE, "tracetop");
	if (!have)
		return;
	fmt_uptime(s->mono_ns / 1000000000ull, up, sizeof(up));
	{
		bool labels = 8 + 7 + text_width(s->hostname) + 9 + text_width(s->kernel) + 5 +
			      text_width(up) <= right - r.x;

		put(cv, &x, y, right, ROLE_HEADER, labels ? "  host " : "  ");
		put(cv, &x, y, right, ROLE_HEADER_VALUE, s->hostname);
		put(cv, &x, y, right, ROLE_HEADER, labels ? "  kernel " : "  ");
		put(cv, &x, y, right, ROLE_HEADER_VALUE, s->kernel);
		put(cv, &x, y, right, ROLE_HEADER, "  up ");
		put(cv, &x, y, right, ROLE_HEADER_VALUE, up);
	}
}

/* Line 2: each source's hook and state; event and loss rates on the
 * right. On a narrow screen both are shortened by turns (steps below);
 * a hook is never cut in the middle. */
static void sources(const struct view_ctx *vc, struct rect r)
{
	const struct tt_snapshot *s = vc->snap;
	struct canvas *cv = vc->cv;
	int y = r.y + 1, maxx = r.x + r.w, right;
	double el = s->elapsed_s > 0 ? s->elapsed_s : vc->st->set.delay_s;
	char rate[16], lost[16], total[48];
	enum detail d = HOOK_FULL;
	int variant = 0;
	/* From the most said to the least: the hooks' names give way to
	 * short ones, then the loss total goes, then the hooks, then the
	 * event rate. The loss figure always stays. */
	static const struct { enum detail d; int variant; } steps[] = {
		{ HOOK_FULL, 0 }, { HOOK_BRIEF, 0 }, { HOOK_BRIEF, 1 },
		{ HOOK_NONE, 0 }, { HOOK_NONE, 1 }, { HOOK_NONE, 2 },
	};

	fmt_rate((double)s->events_interval / el, rate, sizeof(rate));
	fmt_count(s->lost_interval, lost, sizeof(lost));
	snprintf(total, sizeof(total), " (total %llu)", (unsigned long long)s->lost_total);
	/* variant 0: "ev/s R  lost L (total T)", 1: without the total,
	 * 2: "lost L" alone. */
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		int v = steps[i].variant;
		int w = 7 + text_width(lost) + (v == 0 && s->lost_total ? text_width(total) : 0) +
			(v < 2 ? 7 + text_width(rate) : 0);

		d = steps[i].d;
		variant = v;
		if (sources_line(vc, r.x, y, maxx, d, true) + 2 + w <= r.w)
			break;
	}
	right = maxx;
	if (variant == 0 && s->lost_total)
		right -= canvas_puts_right(cv, right, y, r.x, ROLE_VALUE_BAD, total);
	right -= canvas_puts_right(cv, right, y, r.x, s->lost_total ? ROLE_VALUE_BAD : ROLE_HEADER_VALUE, lost);
	right -= canvas_puts_right(cv, right, y, r.x, ROLE_HEADER, "lost ");
	if (variant < 2) {
		right -= canvas_puts_right(cv, right, y, r.x, ROLE_HEADER, "  ");
		right -= canvas_puts_right(cv, right, y, r.x, ROLE_HEADER_VALUE, rate);
		right -= canvas_puts_right(cv, right, y, r.x, ROLE_HEADER, "ev/s ");
	}
	right -= 2;
	sources_line(vc, r.x, y, right, d, false);
}

void view_header(const struct view_ctx *vc, struct rect r)
{
	canvas_fill(vc->cv, r, ' ', ROLE_HEADER);
	top_line(vc, r);
	if (r.h < 2)
		return;
	if (!vc->snap || !vc->snap->seq) {
		canvas_puts(vc->cv, r.x, r.y + 1, r.x + r.w, ROLE_HEADER, "waiting for the first sample...");
		return;
	}
	sources(vc, r);
}

/* The event log pane: exec and open events, newest at the bottom, one
 * line each (time, type, pid, comm, result, path or argv). It follows
 * new events until the user scrolls up, and then stays on the events it
 * shows. Every string here came from a traced process: it is sanitised
 * before it reaches the canvas. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "event_format.h"
#include "role.h"
#include "sanitize.h"
#include "view.h"

#define TEXT_MAX (4 * OPEN_PATH_MAX + 1)	/* worst case: every byte as \xNN */

struct log_cols {
	int time, type, pid, comm, result, text;	/* x of each column */
	int maxx;
};

static void layout_cols(struct log_cols *c, struct rect b)
{
	int comm_w = b.w >= 70 ? 16 : 10;

	c->time = b.x;
	c->type = c->time + 9;
	c->pid = c->type + 5;
	c->comm = c->pid + 8;
	c->result = c->comm + comm_w + 1;
	c->text = c->result + 8;
	c->maxx = b.x + b.w;
}

/* Wall-clock time of an event: the snapshot pairs a monotonic and a
 * wall-clock reading, events carry only the monotonic one. */
static void event_time(const struct tt_snapshot *s, const struct tt_event *ev, char *buf, size_t len)
{
	struct tm tm;
	time_t t;

	if (!s || !s->seq) {
		snprintf(buf, len, "%8.1f", (double)ev->ts_ns / 1e9);
		return;
	}
	t = (time_t)(s->wall_s + ((int64_t)ev->ts_ns - (int64_t)s->mono_ns) / 1000000000LL);
	if ((int64_t)ev->ts_ns < (int64_t)s->mono_ns && ((int64_t)s->mono_ns - (int64_t)ev->ts_ns) % 1000000000LL)
		t--;	/* round towards the past, like a clock */
	localtime_r(&t, &tm);
	strftime(buf, len, "%H:%M:%S", &tm);
}

/* argv as one line: the NUL-separated strings, sanitised one by one and
 * joined with spaces. */
static void join_args(const struct tt_event *ev, char *out, size_t len)
{
	size_t used = 0, i = 0;

	out[0] = '\0';
	while (i < ev->args_len && used + 1 < len) {
		const char *a = ev->args + i;
		size_t n = strnlen(a, ev->args_len - i);

		if (used)
			out[used++] = ' ';
		out[used] = '\0';
		used += sanitize(out + used, len - used, a, n);
		if (used >= len)
			used = len - 1;
		i += n + 1;
	}
	if (ev->flags & EXEC_F_ARGS_TRUNC && used + 4 < len)
		snprintf(out + used, len - used, " \u2026");
}

static size_t str_len(const char *s, size_t len)
{
	while (len && s[len - 1] == '\0')
		len--;
	return len;
}

/* Puts text in [x, maxx); a path too long keeps its end (the file name
 * matters more than the top directories), argv keeps its start. */
static void put_text(struct canvas *cv, int x, int y, int maxx, unsigned role, const char *s, bool tail)
{
	int avail = maxx - x, w = text_width(s);

	if (w <= avail || avail < 2) {
		canvas_puts(cv, x, y, maxx, role, s);
		return;
	}
	if (!tail) {
		canvas_puts(cv, x, y, maxx - 1, role, s);
		canvas_puts(cv, maxx - 1, y, maxx, ROLE_VALUE_ZERO, "\u2026");
		return;
	}
	x += canvas_puts(cv, x, y, maxx, ROLE_VALUE_ZERO, "\u2026");
	while (*s && w > avail - 1) {
		uint32_t cp;
		int k = utf8_decode(s, strlen(s), &cp);

		w -= glyph_width(cp);
		s += k;
	}
	canvas_puts(cv, x, y, maxx, role, s);
}

static void draw_event(const struct view_ctx *vc, const struct log_cols *c, int y, const struct tt_event *ev)
{
	struct canvas *cv = vc->cv;
	bool exec = ev->type == TT_EVENT_EXEC;
	char buf[64], name[32];
	char text[TEXT_MAX];

	event_time(vc->snap, ev, buf, sizeof(buf));
	canvas_puts(cv, c->time, y, c->type - 1, ROLE_VALUE, buf);
	canvas_puts(cv, c->type, y, c->pid - 1, exec ? ROLE_EV_EXEC : ROLE_EV_OPEN, exec ? "EXEC" : "OPEN");
	snprintf(buf, sizeof(buf), "%u", ev->pid);
	canvas_puts_right(cv, c->comm - 1, y, c->pid, ROLE_VALUE, buf);
	sanitize(buf, sizeof(buf), ev->comm, strnlen(ev->comm, sizeof(ev->comm)));
	canvas_puts(cv, c->comm, y, c->result - 1, ROLE_LABEL, buf);
	if (ev->ret < 0)
		canvas_puts(cv, c->result, y, c->text - 1, ROLE_EV_FAIL, errno_name(-ev->ret, name, sizeof(name)));
	else if (exec)
		canvas_puts(cv, c->result, y, c->text - 1, ROLE_VALUE, "ok");
	else
		canvas_printf(cv, c->result, y, c->text - 1, ROLE_VALUE, "fd %d", ev->ret);
	if (exec && ev->args && ev->args_len) {
		join_args(ev, text, sizeof(text));
		put_text(cv, c->text, y, c->maxx, exec ? ROLE_DEFAULT : ROLE_DEFAULT, text, false);
	} else if (ev->path) {
		sanitize(text, sizeof(text), ev->path, str_len(ev->path, ev->path_len));
		put_text(cv, c->text, y, c->maxx, ROLE_DEFAULT, text, true);
	}
}

/* A line about a failed event source above the events, so one failed
 * source never hides the other's events. */
static int source_notes(const struct view_ctx *vc, struct rect b)
{
	int used = 0;

	for (int s = TT_SRC_EXEC; s <= TT_SRC_OPEN && used < b.h; s++) {
		const struct tt_source_status *src = &vc->snap->src[s];
		char buf[320];

		if (src->state != TT_STATE_FAILED)
			continue;
		snprintf(buf, sizeof(buf), "%s FAILED: %s", tt_source_name(s),
			 src->error[0] ? src->error : "no reason given");
		canvas_puts(vc->cv, b.x, b.y + used++, b.x + b.w, ROLE_STATE_FAILED, buf);
	}
	return used;
}

void view_log(const struct view_ctx *vc, struct rect r, bool focused)
{
	struct ui_state *st = vc->st;
	const struct tt_snapshot *s = vc->snap;
	uint64_t first = 0, end = 0, bottom, top;
	struct log_cols c;
	char info[96];
	struct rect b;
	int rows, notes = 0;

	if (vc->log) {
		first = event_log_first_seq(vc->log);
		end = event_log_end_seq(vc->log);
	}
	st->log_first_seen = first;
	st->log_end_seen = end;
	if (st->log_follow || end == first)
		bottom = end ? end - 1 : 0;
	else
		bottom = st->log_anchor < first ? first : st->log_anchor >= end ? end - 1 : st->log_anchor;
	if (st->log_follow || end == first)
		snprintf(info, sizeof(info), "following");
	else
		snprintf(info, sizeof(info), "%llu newer below, End follows",
			 (unsigned long long)(end - 1 - bottom));
	b = pane_frame(vc, r, focused, "Events (exec, open)", info);
	st->log_rows_shown = 0;
	if (s && s->seq && s->src[TT_SRC_EXEC].state != TT_STATE_RUNNING &&
	    s->src[TT_SRC_OPEN].state != TT_STATE_RUNNING && end == first) {
		if (!pane_source_down(vc, b, TT_SRC_EXEC))
			return;
		b.y++, b.h--;
		if (b.h > 0)
			pane_source_down(vc, b, TT_SRC_OPEN);
		return;
	}
	if (s && s->seq)
		notes = source_notes(vc, b);
	b.y += notes;
	b.h -= notes;
	if (b.h < 2)
		return;
	layout_cols(&c, b);
	canvas_fill(vc->cv, (struct rect){ b.x, b.y, b.w, 1 }, ' ', ROLE_COLUMN);
	canvas_puts(vc->cv, c.time, b.y, c.maxx, ROLE_COLUMN, "TIME");
	canvas_puts(vc->cv, c.type, b.y, c.maxx, ROLE_COLUMN, "TYPE");
	canvas_puts_right(vc->cv, c.comm - 1, b.y, c.pid, ROLE_COLUMN, "PID");
	canvas_puts(vc->cv, c.comm, b.y, c.maxx, ROLE_COLUMN, "COMM");
	canvas_puts(vc->cv, c.result, b.y, c.maxx, ROLE_COLUMN, "RESULT");
	canvas_puts(vc->cv, c.text, b.y, c.maxx, ROLE_COLUMN, "PATH / ARGV");
	rows = b.h - 1;
	st->log_rows_shown = rows;
	if (end == first) {
		canvas_puts(vc->cv, b.x + 1, b.y + 1, b.x + b.w, ROLE_VALUE_ZERO, "no exec or open events yet");
		return;
	}
	top = bottom - first + 1 > (uint64_t)rows ? bottom + 1 - (uint64_t)rows : first;
	for (uint64_t seq = top; seq <= bottom; seq++) {
		const struct tt_event *ev = event_log_get(vc->log, seq);

		if (ev)
			draw_event(vc, &c, b.y + 1 + (int)(seq - top), ev);
	}
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The event log pane: exec and open events, newest at the bottom, one
 * line each (time, type, pid, comm, result, path or argv). It follows
 * new events until the user scrolls up, and then stays on the events it
 * shows. It shows the events that pass the types, failed-only switch
 * and filter the user chose, highlights search matches, and holds the
 * filter/search prompt on its last row. The indexes, the row it stands
 * on and its geometry are the prepare step's (log_prepare.c): this file
 * only reads the state and draws. Every string here came from a traced
 * process (or was typed by the user): it is sanitised before it reaches
 * the canvas. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "event_format.h"
#include "log_prepare.h"
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

/* argv from entry first on as one line after out[0..used): the
 * NUL-separated strings, sanitised one by one and joined with spaces. */
static void join_args(const struct tt_event *ev, unsigned first, char *out, size_t used,
		      size_t len)
{
	size_t off = 0, n;
	const char *a;

	out[used] = '\0';
	for (unsigned i = 0; used + 1 < len && (a = event_arg(ev, i, &off, &n)); i++) {
		if (i < first)
			continue;
		if (used)
			out[used++] = ' ';
		out[used] = '\0';
		used += sanitize(out + used, len - used, a, n);
		if (used >= len)
			used = len - 1;
		if (event_arg_unread(ev, i))
			used += (size_t)snprintf(out + used, len - used, "%s", EVENT_ARG_UNREAD);
		if (used >= len)
			used = len - 1;
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

/* An exec as the file it ran, then its arguments: argv[0] only when it
 * does not name that file, and then visibly marked, since a caller may
 * set it to anything ("/tmp/x/evil (argv[0] /usr/sbin/sshd) -D"). */
static void exec_text(const struct tt_event *ev, char *out, size_t len)
{
	size_t used = 0, off = 0, n;
	const char *a0 = event_arg(ev, 0, &off, &n);

	if (!ev->path || !str_len(ev->path, ev->path_len)) {
		join_args(ev, 0, out, 0, len);	/* the file name was not read */
		return;
	}
	used = sanitize(out, len, ev->path, str_len(ev->path, ev->path_len));
	if (used >= len)
		return;
	if (a0 && !event_argv0_names_file(ev)) {
		used += (size_t)snprintf(out + used, len - used, " (argv[0] ");
		if (used < len)
			used += sanitize(out + used, len - used, a0, n);
		if (used < len)
			used += (size_t)snprintf(out + used, len - used, ")");
		if (used >= len)
			return;
	}
	join_args(ev, 1, out, used, len);
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
	int x = 0;

	pane_clock(vc->snap, ev->ts_ns, buf, sizeof(buf));
	canvas_puts(cv, c->time, y, c->type - 1, ROLE_VALUE, buf);
	canvas_puts(cv, c->type, y, c->pid - 1, exec ? ROLE_EV_EXEC : ROLE_EV_OPEN,
		    exec ? "EXEC" : ev->type == TT_EVENT_PATH ? "PATH" : "OPEN");
	snprintf(buf, sizeof(buf), "%u", ev->pid);
	canvas_puts_right(cv, c->comm - 1, y, c->pid, ROLE_VALUE, buf);
	sanitize(buf, sizeof(buf), ev->comm, strnlen(ev->comm, sizeof(ev->comm)));
	canvas_puts(cv, c->comm, y, c->result - 1, ROLE_LABEL, buf);
	if (ev->ret < 0)
		x = c->result + canvas_puts(cv, c->result, y, c->text - 1, ROLE_EV_FAIL,
					    errno_name(-ev->ret, name, sizeof(name)));
	else if (ev->type != TT_EVENT_OPEN)
		x = c->result + canvas_puts(cv, c->result, y, c->text - 1, ROLE_VALUE, "ok");
	else
		canvas_printf(cv, c->result, y, c->text - 1, ROLE_VALUE, "fd %d", ev->ret);
	/* a PATH walk folded into its last attempt */
	if (exec && ev->attempts > 1)
		canvas_printf(cv, x + 1, y, c->text - 1, ROLE_VALUE_WARN, "\u00d7%u", ev->attempts);
	if (exec && (ev->args_n || ev->path_len)) {
		x = c->text;

		/* who spawned it: "bash ▸ /usr/bin/cat /etc/hosts" */
		if (ev->pcomm[0]) {
			sanitize(buf, sizeof(buf), ev->pcomm, strnlen(ev->pcomm, sizeof(ev->pcomm)));
			x += canvas_puts(cv, x, y, c->maxx, ROLE_VALUE_ZERO, buf);
			x += canvas_puts(cv, x, y, c->maxx, ROLE_VALUE_ZERO, " \u25b8 ");
		}
		exec_text(ev, text, sizeof(text));
		put_text(cv, x, y, c->maxx, ROLE_DEFAULT, text, false);
	} else if (ev->path) {
		x = c->text;

		/* a path call says which: "newfstatat /srv/health/x" */
		if (ev->type == TT_EVENT_PATH)
			x += canvas_puts(cv, x, y, c->maxx, ROLE_LABEL, event_syscall_name(ev));
		if (x > c->text && x < c->maxx)
			x++;
		sanitize(text, sizeof(text), ev->path, str_len(ev->path, ev->path_len));
		put_text(cv, x, y, c->maxx, ROLE_DEFAULT, text, true);
	}
}

/* A line about each failed event source above the events (as many as
 * log_geometry() made room for), so one failed source never hides the
 * other's events. */
static void source_notes(const struct view_ctx *vc, struct rect b, int notes)
{
	int used = 0;

	for (int s = TT_SRC_EXEC; s <= TT_SRC_OPEN && used < notes; s++) {
		const struct tt_source_status *src = &vc->snap->src[s];
		char buf[320];

		if (src->state != TT_STATE_FAILED)
			continue;
		snprintf(buf, sizeof(buf), "%s FAILED: %s", tt_source_name(s),
			 src->error[0] ? src->error : "no reason given");
		canvas_puts(vc->cv, b.x, b.y + used++, b.x + b.w, ROLE_STATE_FAILED, buf);
	}
}

/* "Events (exec, open, failed only)", then, once the kernel has dropped
 * any exec or open record, "lost L (total T)": L in the last interval;
 * and once the text budget rather than --events bounds the scrollback,
 * how many events it holds. */
static void log_title(const struct ui_state *st, const struct tt_snapshot *s,
		      const struct event_log *log, char *buf, size_t len)
{
	unsigned m = ui_state_log_mask(st);
	const char *types = (m & LOG_SHOW_ALL) == LOG_SHOW_ALL ? "exec, open, path" :
			    m & LOG_SHOW_EXEC ? "exec" : m & LOG_SHOW_OPEN ? "open, path" : "none";
	uint64_t lost = 0, total = 0;
	int n;

	n = snprintf(buf, len, "Events (%s%s)", types, m & LOG_FAILED_ONLY ? ", failed only" : "");
	if (s) {
		lost = s->src[TT_SRC_EXEC].lost_interval + s->src[TT_SRC_OPEN].lost_interval;
		total = s->src[TT_SRC_EXEC].lost_total + s->src[TT_SRC_OPEN].lost_total;
	}
	if (total && n > 0 && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, "  lost %llu (total %llu)",
			      (unsigned long long)lost, (unsigned long long)total);
	if (log && log->dropped_for_bytes && n > 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, "  text full: %zu held",
			 event_log_count(log));
}

/* The filter and the search in force with their counts, then where the
 * view is. The expressions are the user's, sanitised all the same. */
static void log_info(const struct ui_state *st, uint64_t below, char *buf, size_t len)
{
	size_t used = 0;
	char expr[256];

#define ADD(...) \
	(used += (size_t)snprintf(buf + (used < len ? used : len), used < len ? len - used : 0, __VA_ARGS__))
	buf[0] = '\0';
	if (filter_active(&st->filter)) {
		sanitize(expr, sizeof(expr), filter_expr(&st->filter), strlen(filter_expr(&st->filter)));
		ADD("filter (%zu%s matching): %s  ", log_index_count(&st->view_idx),
		    log_index_complete(&st->view_idx) ? "" : "+ so far", expr);
	}
	if (filter_active(&st->search)) {
		size_t n = log_index_count(&st->search_idx);

		sanitize(expr, sizeof(expr), filter_expr(&st->search), strlen(filter_expr(&st->search)));
		if (st->log_has_sel && log_index_has(&st->search_idx, st->log_sel))
			ADD("search (%zu/%zu): %s  ", log_index_rank(&st->search_idx, st->log_sel) + 1, n, expr);
		else
			ADD("search (%zu found): %s  ", n, expr);
	}
	if (st->log_follow)
		ADD("following");
	else
		ADD("%llu newer below, End %s", (unsigned long long)below,
		    st->paused ? "goes to the newest" : "follows");
#undef ADD
}

/* Both sources down and no event to show: why, in place of the table. */
static void draw_down(const struct view_ctx *vc, struct rect b)
{
	if (!pane_source_down(vc, b, TT_SRC_EXEC))
		return;
	b.y++, b.h--;
	if (b.h > 0)
		pane_source_down(vc, b, TT_SRC_OPEN);
}

static void draw_header(const struct view_ctx *vc, const struct log_cols *c, struct rect t)
{
	canvas_fill(vc->cv, (struct rect){ t.x, t.y, t.w, 1 }, ' ', ROLE_COLUMN);
	canvas_puts(vc->cv, c->time, t.y, c->maxx, ROLE_COLUMN, "TIME");
	canvas_puts(vc->cv, c->type, t.y, c->maxx, ROLE_COLUMN, "TYPE");
	canvas_puts_right(vc->cv, c->comm - 1, t.y, c->pid, ROLE_COLUMN, "PID");
	canvas_puts(vc->cv, c->comm, t.y, c->maxx, ROLE_COLUMN, "COMM");
	canvas_puts(vc->cv, c->result, t.y, c->maxx, ROLE_COLUMN, "RESULT");
	canvas_puts(vc->cv, c->text, t.y, c->maxx, ROLE_COLUMN, "PATH / ARGV");
}

/* The events of ranks [top, bot + rows): the bottom row selected at the
 * bottom, or as low as the rows before it allow, with newer ones under
 * it; paused, nothing that arrived after the pause shows until the user
 * has gone there. */
static void draw_rows(const struct view_ctx *vc, const struct log_geom *g, size_t bot,
		      bool focused)
{
	const struct ui_state *st = vc->st;
	const struct log_index *x = &st->view_idx;
	size_t n = log_index_count(x), rows = (size_t)g->rows;
	size_t top = bot + 1 > rows ? bot + 1 - rows : 0;
	struct rect t = g->table;
	struct log_cols c;

	layout_cols(&c, t);
	for (size_t k = top; k < n && k < top + rows; k++) {
		uint64_t seq = log_index_at(x, k);
		const struct tt_event *ev = event_log_get(vc->log, seq);
		int y = t.y + 1 + (int)(k - top);

		if (st->paused && k > bot && seq >= st->log_horizon)
			break;
		if (!ev)
			continue;
		draw_event(vc, &c, y, ev);
		if (focused && !st->log_follow && k == bot)
			canvas_set_role(vc->cv, (struct rect){ t.x, y, t.w, 1 }, ROLE_CURSOR);
		else if (filter_active(&st->search) && log_index_has(&st->search_idx, seq))
			canvas_set_role(vc->cv, (struct rect){ t.x, y, t.w, 1 }, ROLE_MATCH);
	}
}

void view_log(const struct view_ctx *vc, struct rect r, bool focused)
{
	const struct ui_state *st = vc->st;
	const struct log_index *x = &st->view_idx;
	size_t n = vc->log ? log_index_count(x) : 0;
	size_t bot = st->log_has_sel && n ? log_index_rank(x, st->log_sel) : 0;
	char info[640], title[128];
	struct log_cols c;
	struct log_geom g;

	log_title(st, vc->snap, vc->log, title, sizeof(title));
	log_info(st, n ? n - 1 - bot : 0, info, sizeof(info));
	pane_frame(vc, r, focused, title, info);
	log_geometry(st, vc->snap, vc->log, r, &g);
	if (g.down) {
		draw_down(vc, g.body);
		return;
	}
	if (g.notes)
		source_notes(vc, g.body, g.notes);
	if (g.prompt)
		pane_prompt(vc, (struct rect){ g.body.x, g.body.y + g.notes, g.body.w,
					       g.body.h - g.notes });
	if (!g.rows)
		return;
	layout_cols(&c, g.table);
	draw_header(vc, &c, g.table);
	if (!n) {
		uint64_t first = vc->log ? event_log_first_seq(vc->log) : 0;
		uint64_t end = vc->log ? event_log_end_seq(vc->log) : 0;
		const char *why = end == first ? "no exec or open events yet" :
				  log_index_complete(x) ? "no event matches" : "searching...";

		canvas_puts(vc->cv, g.table.x + 1, g.table.y + 1, g.table.x + g.table.w,
			    ROLE_VALUE_ZERO, why);
		return;
	}
	draw_rows(vc, &g, bot, focused);
}

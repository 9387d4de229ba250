/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The detail view (Enter on an event): every field of one exec or open
 * event, one per line: times, ids, the result with its errno name and
 * text, the syscall, dirfd, decoded flags and mode, the whole path and
 * every argv entry, and what the kernel had to cut. Long values wrap.
 *
 * The prepare step copies the event out of the log when the view opens
 * (prepare.c), so it stays whole while the ring overwrites. Every string from the traced process
 * is sanitised. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "event.h"
#include "event_format.h"
#include "role.h"
#include "sanitize.h"
#include "view.h"

#define LABEL_W 12
#define VALUE_MAX (4 * 16384 + 64)	/* an argv entry, every byte escaped */

struct lines {
	const struct view_ctx *vc;
	struct rect b;
	int line;		/* lines emitted so far */
	int scroll;
};

/* Emits "label  value", the value wrapped at the pane's edge. */
static void emit(struct lines *l, const char *label, unsigned role, const char *value)
{
	int x0 = l->b.x + 1 + LABEL_W, maxx = l->b.x + l->b.w;
	const char *s = value;
	bool firstline = true;

	do {
		int y = l->b.y + l->line - l->scroll, x = x0;

		if (y >= l->b.y && y < l->b.y + l->b.h) {
			if (firstline)
				canvas_puts(l->vc->cv, l->b.x + 1, y, x0 - 1, ROLE_LABEL, label);
			while (*s) {
				uint32_t cp;
				int k = utf8_decode(s, strlen(s), &cp);
				int w = glyph_width(cp);

				if (x + w > maxx && x > x0)
					break;
				x += canvas_putc(l->vc->cv, x, y, maxx, cp, role);
				s += k;
			}
		} else {
			/* off screen: skip one line's worth of text */
			int w = 0;

			while (*s) {
				uint32_t cp;
				int k = utf8_decode(s, strlen(s), &cp);

				if (x0 + w + glyph_width(cp) > maxx && w)
					break;
				w += glyph_width(cp);
				s += k;
			}
		}
		l->line++;
		firstline = false;
	} while (*s && maxx > x0);
}

static void emitf(struct lines *l, const char *label, unsigned role, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void emitf(struct lines *l, const char *label, unsigned role, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	emit(l, label, role, buf);
}

/* Raw bytes, sanitised, as one value. */
static void emit_bytes(struct lines *l, const char *label, const char *s, size_t n)
{
	char *buf = malloc(4 * n + 8);

	while (n && s[n - 1] == '\0')
		n--;
	if (!buf) {
		emit(l, label, ROLE_VALUE_BAD, "(out of memory)");
		return;
	}
	sanitize(buf, 4 * n + 8, s, n);
	emit(l, label, ROLE_DEFAULT, buf);
	free(buf);
}

static void emit_time(struct lines *l, const struct tt_snapshot *s, const struct tt_event *ev)
{
	char clock[32] = "?";

	if (s && s->seq) {
		int64_t wall_ns = (int64_t)s->wall_s * 1000000000LL + ((int64_t)ev->ts_ns - (int64_t)s->mono_ns);
		time_t t = (time_t)(wall_ns / 1000000000LL);
		struct tm tm;

		if (localtime_r(&t, &tm))
			snprintf(clock, sizeof(clock), "%02d:%02d:%02d.%03d", tm.tm_hour, tm.tm_min,
				 tm.tm_sec, (int)((wall_ns / 1000000) % 1000));
	}
	emitf(l, "time", ROLE_VALUE, "%s  (monotonic %llu.%09llu s)", clock,
	      (unsigned long long)(ev->ts_ns / 1000000000ull),
	      (unsigned long long)(ev->ts_ns % 1000000000ull));
	if (ev->type == TT_EVENT_PATH)
		emit(l, "duration", ROLE_VALUE_ZERO, "not measured for path calls");
	else
		emitf(l, "duration", ROLE_VALUE, "%.3f us", (double)ev->duration_ns / 1000.0);
}

static void emit_result(struct lines *l, const struct tt_event *ev)
{
	char ebuf[16];

	if (ev->ret < 0)
		emitf(l, "result", ROLE_EV_FAIL, "%d  %s: %s", ev->ret,
		      errno_name(ev->ret, ebuf, sizeof(ebuf)), strerror(-ev->ret));
	else if (ev->type == TT_EVENT_OPEN)
		emitf(l, "result", ROLE_VALUE, "fd %d", ev->ret);
	else
		emitf(l, "result", ROLE_VALUE, "%d  ok", ev->ret);
}

static void emit_dirfd(struct lines *l, const struct tt_event *ev)
{
	if (ev->dirfd == -100)
		emit(l, "dirfd", ROLE_VALUE, "AT_FDCWD (-100)");
	else
		emitf(l, "dirfd", ROLE_VALUE, "%d", ev->dirfd);
}

static void emit_exec(struct lines *l, const struct tt_event *ev)
{
	size_t off = 0, n;
	const char *a;

	emit(l, "syscall", ROLE_VALUE, event_syscall_name(ev));
	if (ev->attempts > 1)
		emitf(l, "attempts", ROLE_VALUE_WARN, "%u  (the %u before failed: a PATH walk, folded)",
		      ev->attempts, ev->attempts - 1);
	emit_dirfd(l, ev);
	emit_bytes(l, "filename", ev->path, ev->path ? ev->path_len : 0);
	if (ev->flags & EXEC_F_NAME_TRUNC)
		emitf(l, "", ROLE_VALUE_WARN, "[cut by the kernel at %d bytes]", EXEC_FILENAME_MAX - 1);
	emitf(l, "argc", ROLE_VALUE, "%u%s", ev->argc,
	      ev->flags & EXEC_F_ARGS_MM ? "  (argv read from the new image)" : "");
	for (unsigned i = 0; (a = event_arg(ev, i, &off, &n)); i++) {
		char label[16];

		snprintf(label, sizeof(label), "argv[%u]", i);
		if (event_arg_unread(ev, i) && !n)
			emit(l, label, ROLE_VALUE_WARN, "(could not be read: not in memory when the exec failed)");
		else
			emit_bytes(l, label, a, n);
		if (event_arg_unread(ev, i) && n)
			emit(l, "", ROLE_VALUE_WARN, "[the rest could not be read]");
	}
	if (ev->flags & EXEC_F_ARGS_TRUNC)
		emit(l, "", ROLE_VALUE_WARN, "[argv cut at the byte cap: --args-cap]");
	if ((ev->flags & EXEC_F_ARGS_FAULT) && !ev->args_unread)
		emit(l, "", ROLE_VALUE_WARN, "[some argv entries could not be read]");
}

/* An open or a path call. */
static void emit_open(struct lines *l, const struct tt_event *ev)
{
	char flags[256];

	emit(l, "syscall", ROLE_VALUE, event_syscall_name(ev));
	emit_dirfd(l, ev);
	if (ev->type == TT_EVENT_OPEN) {
		open_flags_format(ev->open_flags, flags, sizeof(flags));
		emitf(l, "flags", ROLE_VALUE, "%s  (0%llo)", flags,
		      (unsigned long long)ev->open_flags);
		emitf(l, "mode", ROLE_VALUE, "0%o", ev->mode);
	}
	emit_bytes(l, "path", ev->path, ev->path ? ev->path_len : 0);
	if (ev->path_base != OPEN_BASE_NONE && ev->raw_path) {
		emitf(l, "resolved", ROLE_VALUE, "%s: from the %s", event_path_base_name(ev),
		      ev->path_base == OPEN_BASE_CWD ? "working directory" : "directory open on dirfd");
		emit_bytes(l, "as passed", ev->raw_path, ev->raw_path_len);
	} else if (ev->path && ev->path_len && ev->path[0] != '/') {
		emitf(l, "resolved", ROLE_VALUE_WARN, "raw: relative as passed; %s",
		      ev->flags & OPEN_F_BASE_FAULT ? "its base directory could not be read" :
		      ev->flags & OPEN_F_BASE_TRUNC ? "its base directory is deeper than tracetop follows" :
		      "the absolute path would be too long");
	}
	if (ev->flags & OPEN_F_PATH_TRUNC)
		emitf(l, "", ROLE_VALUE_WARN, "[cut by the kernel at %d bytes]", OPEN_PATH_MAX - 1);
	if (ev->flags & OPEN_F_PATH_FAULT)
		emit(l, "", ROLE_VALUE_WARN, "[the path could not be read]");
}

void view_detail(const struct view_ctx *vc, struct rect r)
{
	struct ui_state *st = vc->st;
	const struct tt_event *ev;
	struct lines l = { vc, { 0 }, 0, 0 };
	char title[64];
	int max_scroll;

	snprintf(title, sizeof(title), "Event %llu", (unsigned long long)st->detail_seq);
	l.b = pane_frame(vc, r, true, title, "Up/Down scroll, Esc or any other key returns");
	ev = st->detail_gone ? NULL : event_log_get(&st->detail, event_log_end_seq(&st->detail) - 1);
	if (!ev) {
		text_wrap(vc->cv, (struct rect){ l.b.x + 1, l.b.y, l.b.w - 2, l.b.h }, ROLE_VALUE_ZERO,
			  "this event was overwritten by newer ones before it could be shown");
		return;
	}
	/* two passes: count the lines to bound the scroll, then draw */
	for (int pass = 0; pass < 2; pass++) {
		struct rect real = l.b;

		l.line = 0;
		if (!pass)
			l.b.y = -100000;	/* nothing lands on the canvas */
		emit(&l, "type", ev->type == TT_EVENT_EXEC ? ROLE_EV_EXEC : ROLE_EV_OPEN,
		     event_type_name(ev));
		emit_time(&l, vc->snap, ev);
		emitf(&l, "pid", ROLE_VALUE, "%u  (thread %u)", ev->pid, ev->tid);
		if (ev->type == TT_EVENT_EXEC) {
			emitf(&l, "ppid", ROLE_VALUE, "%u", ev->ppid);
			emit_bytes(&l, "parent", ev->pcomm, strnlen(ev->pcomm, sizeof(ev->pcomm)));
		}
		emitf(&l, "uid", ROLE_VALUE, "%u", ev->uid);
		emit_bytes(&l, "comm", ev->comm, strnlen(ev->comm, sizeof(ev->comm)));
		emit_result(&l, ev);
		if (ev->type == TT_EVENT_EXEC)
			emit_exec(&l, ev);
		else
			emit_open(&l, ev);
		l.b = real;
		if (!pass) {
			max_scroll = l.line - l.b.h > 0 ? l.line - l.b.h : 0;
			if (st->detail_scroll > max_scroll)
				st->detail_scroll = max_scroll;
			l.scroll = st->detail_scroll;
		}
	}
}

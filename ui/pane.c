/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What every pane has in common: a title line that shows focus, the
 * sentences shown instead of data when a source failed or no sample has
 * arrived yet, and the prompt line. Kept in one place so every pane says
 * it the same way. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "format.h"
#include "role.h"
#include "sanitize.h"
#include "view.h"

struct rect pane_body(struct rect r)
{
	return (struct rect){ r.x, r.y + 1, r.w, r.h - 1 };
}

struct rect pane_frame(const struct view_ctx *vc, struct rect r, bool focused,
		       const char *title, const char *info)
{
	unsigned role = focused ? ROLE_TITLE_FOCUS : ROLE_TITLE;
	int x = r.x;

	canvas_fill(vc->cv, (struct rect){ r.x, r.y, r.w, 1 }, ' ', role);
	/* The marker says "focused" without colour (mono, screen dumps). */
	x += canvas_puts(vc->cv, x, r.y, r.x + r.w, role, focused ? "\u25b8 " : "  ");
	x += canvas_puts(vc->cv, x, r.y, r.x + r.w, role, title);
	if (info && *info) {
		x += canvas_puts(vc->cv, x, r.y, r.x + r.w, role, "  ");
		canvas_puts(vc->cv, x, r.y, r.x + r.w, role, info);
	}
	return pane_body(r);
}

int text_wrap(struct canvas *cv, struct rect r, unsigned role, const char *text)
{
	const char *p = text;
	int line = 0;

	while (*p && line < r.h) {
		const char *brk = NULL, *q = p;
		int w = 0;

		/* Find the last space that keeps the line within r.w. */
		while (*q && *q != '\n') {
			uint32_t cp;
			int k = utf8_decode(q, strlen(q), &cp);
			int gw = glyph_width(cp) ? glyph_width(cp) : 1;

			if (w + gw > r.w)
				break;
			w += gw;
			if (*q == ' ')
				brk = q;
			q += k;
		}
		if (*q && *q != '\n' && brk && brk > p)
			q = brk;
		{
			char buf[1024];
			size_t n = (size_t)(q - p) < sizeof(buf) - 1 ? (size_t)(q - p) : sizeof(buf) - 1;

			memcpy(buf, p, n);
			buf[n] = '\0';
			canvas_puts(cv, r.x, r.y + line, r.x + r.w, role, buf);
		}
		line++;
		p = q;
		while (*p == ' ' || *p == '\n')
			p++;
		if (q == p && *p && w == 0)
			p++;	/* a glyph wider than the pane: skip it */
	}
	return line;
}

bool pane_no_data(const struct view_ctx *vc, struct rect body)
{
	if (vc->snap && vc->snap->seq)
		return false;
	body.x++;
	body.w -= 2;
	text_wrap(vc->cv, body, ROLE_VALUE_ZERO, "waiting for the first sample...");
	return true;
}

bool pane_source_down(const struct view_ctx *vc, struct rect body, enum tt_source s)
{
	const struct tt_source_status *src;
	char buf[512];

	if (!vc->snap)
		return false;
	src = &vc->snap->src[s];
	if (src->state == TT_STATE_RUNNING)
		return false;
	if (src->state == TT_STATE_FAILED)
		snprintf(buf, sizeof(buf), "%s FAILED: %s", tt_source_name(s),
			 src->error[0] ? src->error : "no reason given");
	else
		snprintf(buf, sizeof(buf), "%s is off (not requested).", tt_source_name(s));
	body.x++;
	body.w -= 2;
	text_wrap(vc->cv, body, src->state == TT_STATE_FAILED ? ROLE_VALUE_BAD : ROLE_STATE_OFF, buf);
	return true;
}

#define PROMPT_TAIL 512		/* bytes of a prompt's text that can show */

/* The prompt on the last row: "Filter: text" with a cursor cell; a text
 * too long for the row shows its end. */
void pane_prompt(const struct view_ctx *vc, struct rect b)
{
	const struct prompt *p = vc->st->prompt;
	const char *label = p->kind == PROMPT_FILTER ? "Filter: " :
			    p->kind == PROMPT_FAILS ? "Table filter: " :
			    p->kind == PROMPT_JUMP ? "Go to (10:42:05, -5m, +30s, start, end): " :
			    p->kind == PROMPT_SAVE ? "Save to (.json: NDJSON): " :
			    p->kind == PROMPT_PROFILE ? "Find frames: " :
			    "Search: ";
	int y = b.y + b.h - 1, x = b.x, maxx = b.x + b.w;
	size_t from = p->len > PROMPT_TAIL ? p->len - PROMPT_TAIL : 0;
	char text[4 * PROMPT_TAIL + 1];
	const char *s = text;
	int avail;

	canvas_fill(vc->cv, (struct rect){ b.x, y, b.w, 1 }, ' ', ROLE_PROMPT);
	x += canvas_puts(vc->cv, x, y, maxx, ROLE_PROMPT, label);
	/* no row is wider than this: only the end of a long text shows */
	sanitize(text, sizeof(text), p->text + from, p->len - from);
	avail = maxx - x - 1;
	while (*s && text_width(s) > avail) {
		uint32_t cp;

		s += utf8_decode(s, strlen(s), &cp);
	}
	x += canvas_puts(vc->cv, x, y, maxx - 1, ROLE_PROMPT, s);
	canvas_putc(vc->cv, x, y, maxx, ' ', ROLE_CURSOR);
}

/* Wall-clock time of an event: the snapshot pairs a monotonic and a
 * wall-clock reading, events carry only the monotonic one. */
void pane_clock(const struct tt_snapshot *s, uint64_t ts_ns, char *buf, size_t len)
{
	struct tm tm;
	time_t t;

	/* the model pairs the clocks at start, before its first tick */
	if (!s || (!s->seq && !s->mono_ns)) {
		snprintf(buf, len, "%8.1f", (double)ts_ns / 1e9);
		return;
	}
	t = (time_t)(s->wall_s + ((int64_t)ts_ns - (int64_t)s->mono_ns) / 1000000000LL);
	if ((int64_t)ts_ns < (int64_t)s->mono_ns && ((int64_t)s->mono_ns - (int64_t)ts_ns) % 1000000000LL)
		t--;	/* round towards the past, like a clock */
	localtime_r(&t, &tm);
	strftime(buf, len, "%H:%M:%S", &tm);
}

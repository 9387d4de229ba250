/* What every pane has in common: a title line that shows focus, and the
 * sentences shown instead of data when a source failed or no sample has
 * arrived yet. Kept in one place so every pane says it the same way. */
#include <stdio.h>
#include <string.h>
#include "role.h"
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

/* The bottom line: the function-key bar (htop's habit), or a status
 * message while one is fresh; and the screen shown when the terminal is
 * too small for anything else. */
#include <stdio.h>
#include "layout.h"
#include "role.h"
#include "view.h"

static const struct {
	const char *key, *label;
} fkeys[] = {
	{ "F1", "Help" }, { "Tab", "Pane" }, { "z", "Zoom" }, { "F6", "Sort" },
	{ "Spc", "Pause" }, { "+-", "Delay" }, { "t", "Theme" }, { "F10", "Quit" },
};

void view_footer(const struct view_ctx *vc, struct rect r)
{
	const struct ui_state *st = vc->st;
	int x = r.x, maxx = r.x + r.w;

	canvas_fill(vc->cv, r, ' ', ROLE_DEFAULT);
	if (st->msg[0] && st->now_ms < st->msg_until_ms) {
		canvas_fill(vc->cv, r, ' ', (unsigned)st->msg_role);
		canvas_puts(vc->cv, x, r.y, maxx, (unsigned)st->msg_role, st->msg);
		return;
	}
	for (size_t i = 0; i < sizeof(fkeys) / sizeof(fkeys[0]) && x < maxx; i++) {
		const char *label = fkeys[i].label;
		char buf[16];

		if (i == 4 && st->paused)
			label = "Resume";
		snprintf(buf, sizeof(buf), "%-6s ", label);
		if (x + text_width(fkeys[i].key) + text_width(buf) - 1 > maxx)
			break;	/* whole items only */
		x += canvas_puts(vc->cv, x, r.y, maxx, ROLE_FKEY, fkeys[i].key);
		x += canvas_puts(vc->cv, x, r.y, maxx, ROLE_FKEY_LABEL, buf);
	}
}

void view_too_small(const struct view_ctx *vc)
{
	struct canvas *cv = vc->cv;
	char size[48];
	const char *lines[3] = { "terminal too small", size, "q quits" };
	int y = cv->h / 2 - 1;

	snprintf(size, sizeof(size), "%dx%d < %dx%d", cv->w, cv->h, LAYOUT_MIN_W, LAYOUT_MIN_H);
	if (y < 0)
		y = 0;
	for (int i = 0; i < 3; i++) {
		int x = (cv->w - text_width(lines[i])) / 2;

		canvas_puts(cv, x < 0 ? 0 : x, y + i, cv->w, i ? ROLE_DEFAULT : ROLE_MSG_WARN, lines[i]);
	}
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The bottom line: the function-key bar (htop's habit) for the screen
 * the user is on, or a status message while one is fresh; and the screen
 * shown when the terminal is too small for anything else. */
#include <stdio.h>
#include <string.h>
#include "layout.h"
#include "role.h"
#include "sanitize.h"
#include "view.h"

struct fkey {
	const char *key, *label;
};

/* In the order they give way on a narrow screen; the last item of each
 * bar (quit, or cancel in the prompt) always shows. */
static const struct fkey main_keys[] = {
	{ "F1", "Help" }, { "F3", "Search" }, { "F4", "Filter" }, { "f", "Fails" },
	{ "Spc", "Pause" }, { "Tab", "Pane" }, { "z", "Zoom" }, { "F6", "Sort" },
	{ "+-", "Delay" }, { "t", "Theme" }, { "i", "Probes" }, { "F10", "Quit" },
};
static const struct fkey fails_keys[] = {
	{ "F1", "Help" }, { "Enter", "Filter" }, { "/", "Narrow" }, { "!", "Exclude" }, { "D", "Dir" },
	{ "F6", "Sort" }, { "I", "Invert" }, { "Spc", "Pause" }, { "Esc", "Back" }, { "F10", "Quit" },
};
static const struct fkey profile_keys[] = {
	{ "F1", "Help" }, { "Arrows", "Move" }, { "Enter", "Zoom" }, { "Esc", "Out" }, { "/", "Find" },
	{ "m", "Count" }, { "v", "Flip" }, { "k", "Stop" }, { "P", "Back" }, { "F10", "Quit" },
};
static const struct fkey detail_keys[] = {
	{ "Up/Dn", "Scroll" }, { "Esc", "Back" }, { "F10", "Quit" },
};
static const struct fkey prompt_keys[] = {
	{ "Enter", "Keep" }, { "^U", "Clear" }, { "Esc", "Cancel" },
};

static int item_width(const struct fkey *k, char *buf, size_t len)
{
	snprintf(buf, len, "%-6s ", k->label);
	return text_width(k->key) + text_width(buf);
}

static int put_item(const struct view_ctx *vc, int x, int y, int maxx, const struct fkey *k,
		    const char *label)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%-6s ", label);
	x += canvas_puts(vc->cv, x, y, maxx, ROLE_FKEY, k->key);
	return x + canvas_puts(vc->cv, x, y, maxx, ROLE_FKEY_LABEL, buf);
}

void view_footer(const struct view_ctx *vc, struct rect r)
{
	const struct ui_state *st = vc->st;
	const struct fkey *keys = main_keys;
	size_t n = sizeof(main_keys) / sizeof(main_keys[0]);
	int x = r.x, maxx = r.x + r.w, last_w;
	char buf[16];

	canvas_fill(vc->cv, r, ' ', ROLE_DEFAULT);
	if (st->save.confirm) {	/* w's question comes first, until answered */
		static const char ask[] = " exists: y replaces it, any other key keeps it";
		char path[512];
		const char *p = path;
		int room = r.w - (int)strlen(ask) - 1;

		canvas_fill(vc->cv, r, ' ', ROLE_MSG_WARN);
		sanitize(path, sizeof(path), st->save.path, strlen(st->save.path));
		/* a long path gives way from its start: the name shows */
		if (room < 8)
			room = 8;
		if (text_width(p) > room) {
			x += canvas_puts(vc->cv, x, r.y, maxx, ROLE_MSG_WARN, "\u2026");
			while (*p && text_width(p) > room - 1) {
				uint32_t cp;

				p += utf8_decode(p, strlen(p), &cp);
			}
		}
		x += canvas_puts(vc->cv, x, r.y, maxx, ROLE_MSG_WARN, p);
		canvas_puts(vc->cv, x, r.y, maxx, ROLE_MSG_WARN, ask);
		return;
	}
	if (st->prompt && st->prompt->kind == PROMPT_SAVE) {
		pane_prompt(vc, r);	/* about whatever is shown: on this line */
		return;
	}
	if (st->msg[0] && st->now_ms < st->msg_until_ms) {
		canvas_fill(vc->cv, r, ' ', (unsigned)st->msg_role);
		canvas_puts(vc->cv, x, r.y, maxx, (unsigned)st->msg_role, st->msg);
		return;
	}
	/* --demo: what happens now, in place of the keys (F1 lists them) */
	if (vc->snap && vc->snap->caption[0] && !(st->prompt && st->prompt->kind != PROMPT_NONE)) {
		char cap[4 * TT_CAPTION_LEN];

		sanitize(cap, sizeof(cap), vc->snap->caption,
			 strnlen(vc->snap->caption, sizeof(vc->snap->caption)));
		canvas_fill(vc->cv, r, ' ', ROLE_MSG_INFO);
		canvas_puts(vc->cv, x, r.y, maxx, ROLE_MSG_INFO, cap);
		return;
	}
	if (st->prompt && st->prompt->kind != PROMPT_NONE) {
		keys = prompt_keys;
		n = sizeof(prompt_keys) / sizeof(prompt_keys[0]);
	} else if (st->help) {
		/* the help screen: the main bar, which help explains */
	} else if (st->screen == SCREEN_FAILS) {
		keys = fails_keys;
		n = sizeof(fails_keys) / sizeof(fails_keys[0]);
	} else if (st->screen == SCREEN_PROFILE) {
		keys = profile_keys;
		n = sizeof(profile_keys) / sizeof(profile_keys[0]);
	} else if (st->screen == SCREEN_DETAIL || st->screen == SCREEN_REPORT ||
		   st->screen == SCREEN_TREE) {
		keys = detail_keys;
		n = sizeof(detail_keys) / sizeof(detail_keys[0]);
	}
	last_w = item_width(&keys[n - 1], buf, sizeof(buf)) - 1;
	for (size_t i = 0; i + 1 < n && x < maxx; i++) {
		const char *label = keys[i].label;

		if (!strcmp(label, "Pause") &&
		    (st->replay.on && !st->replay.live ? !st->replay.playing : st->paused))
			label = st->replay.on && !st->replay.live ? "Play" : "Resume";
		/* whole items only, and room kept for the last one */
		if (x + item_width(&keys[i], buf, sizeof(buf)) + last_w > maxx)
			break;
		x = put_item(vc, x, r.y, maxx, &keys[i], label);
	}
	if (x + last_w <= maxx)
		put_item(vc, x, r.y, maxx, &keys[n - 1], keys[n - 1].label);
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

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The help screen, generated from the key map so it always lists every
 * key, plus what the mouse does and what the header's marks mean. */
#include <stdio.h>
#include <string.h>
#include "keymap.h"
#include "role.h"
#include "view.h"

static const char *const notes[] = {
	"",
	"Mouse: click a pane to focus it, a column header to sort by it (again to",
	"invert), a row to select it; the wheel scrolls. --no-mouse turns it off.",
	"",
	"Header: each source with the hook it runs on. A '~' marks an approximation",
	"(VFS counted at syscalls); FAILED sources say why in their pane.",
	"Pause keeps capturing: the badge counts events that arrived meanwhile.",
	"After a sort or scroll key the rows hold still for a moment.",
	"",
	"Filter (F4 or /) and search (F3): terms that must all match, each an",
	"optional ! (not), a field (comm: path: args: pid: uid: errno: type: syscall:",
	"parent:) and a PCRE2 pattern; a bare pattern matches the whole row. type:",
	"is exec, open or path (a failing stat, access, unlink, mkdir, rename...);",
	"syscall: is the call (execve, openat, newfstatat...); parent: the name of",
	"an exec's parent. Without an uppercase",
	"letter case is ignored. A blank inside a pattern is written \\ (or \\s).",
	"  path:^/etc/ errno:ENOENT !comm:^systemd     type:exec args:--force",
	"The filter applies as you type; a bad pattern says why and the last good",
	"one stays. Enter keeps it, Esc puts the old one back.",
	"",
	"Ctrl-L redraws the whole screen (after another program wrote on it).",
};

void view_help(const struct view_ctx *vc, struct rect r)
{
	struct ui_state *st = vc->st;
	struct canvas *cv = vc->cv;
	int lines = ACT_MAX + (int)(sizeof(notes) / sizeof(notes[0])) + 2, y, max_scroll;
	struct rect b = pane_frame(vc, r, true, "Help", "Esc or any other key returns, F10 quits");

	max_scroll = lines - b.h > 0 ? lines - b.h : 0;
	if (st->help_scroll > max_scroll)
		st->help_scroll = max_scroll;
	y = b.y - st->help_scroll;
	for (int a = 0; a < ACT_MAX; a++, y++) {
		char keys[64];

		if (y < b.y || y >= b.y + b.h)
			continue;
		keymap_keys_of((enum ui_action)a, keys, sizeof(keys));
		canvas_puts(cv, b.x + 1, y, b.x + 18, ROLE_HELP_KEY, keys);
		canvas_puts(cv, b.x + 19, y, b.x + b.w, ROLE_DEFAULT, ui_actions[a].help);
	}
	for (size_t i = 0; i < sizeof(notes) / sizeof(notes[0]); i++, y++)
		if (y >= b.y && y < b.y + b.h)
			canvas_puts(cv, b.x + 1, y, b.x + b.w, ROLE_DEFAULT, notes[i]);
	y++;
	if (y >= b.y && y < b.y + b.h)
		canvas_printf(cv, b.x + 1, y, b.x + b.w, ROLE_LABEL, "Theme: %s.  Interval: %gs.",
			      st->theme_name, st->set.delay_s);
	/* more above or below: said where the rows are cut */
	if (st->help_scroll > 0)
		canvas_puts_right(cv, b.x + b.w, b.y, b.x, ROLE_HELP_KEY, " ▲ more (PgUp) ");
	if (st->help_scroll < max_scroll)
		canvas_puts_right(cv, b.x + b.w, b.y + b.h - 1, b.x, ROLE_HELP_KEY, " ▼ more (PgDn) ");
}

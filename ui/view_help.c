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
	/* more above or below: said on the title line, over no text */
	if (st->help_scroll > 0 || st->help_scroll < max_scroll)
		canvas_puts_right(cv, r.x + r.w, r.y, r.x, ROLE_TITLE_FOCUS,
				  st->help_scroll == 0 ? " ▼ more (PgDn) " :
				  st->help_scroll == max_scroll ? " ▲ more (PgUp) " : " ▲▼ more ");
}

/* What each pane shows, from where, and how to read it: the source whose
 * hook the first line names, and the text. */
static const struct {
	const char *title;
	int src;		/* enum tt_source, or -1 */
	const char *text;
} explained[PANE_MAX] = {
	[PANE_VFS] = { "VFS ops/s", TT_SRC_VFS,
		       "Reads, writes, opens, creates and fsyncs per second on this machine, "
		       "counted at the VFS functions or, marked ~, at the system calls that "
		       "reach them. Each row's graph is its past on its own scale, never "
		       "under 10/s (max: the top of a tall graph)." },
	[PANE_SYSCALLS] = { "Syscalls", TT_SRC_SYSCALL,
			    "Every system call per second, its errors and share of all calls. "
			    "L times them (p95, TIME%); Enter opens a call: its latency "
			    "histogram, errnos and callers. >, < and I sort." },
	[PANE_BIO] = { "Block I/O", TT_SRC_BIO,
		       "How long disk requests took, as a log2 histogram (as biolatency "
		       "draws it), per disk and operation: d cycles disks, o operations, "
		       "c the interval or since start, Q device or queue time. Below it, "
		       "when there is room, a heatmap: time across, latency up, darker "
		       "for more requests." },
	[PANE_PROCS] = { "Processes", TT_SRC_SYSCALL,
			 "One row per process: its calls, errors, VFS operations, block I/O "
			 "and execs per second. Enter shows every pane for the selected "
			 "process only (Esc widens); g folds rows by name or container." },
	[PANE_LOG] = { "Events", TT_SRC_OPEN,
		       "Execs, opens and failing path calls as they happen, with their "
		       "result or errno (as execsnoop and opensnoop print them). / filters "
		       "(path: errno: comm: ...), F3 searches, x keeps failed calls, f lists "
		       "the failing calls." },
};

void view_explain(const struct view_ctx *vc, struct rect r)
{
	const struct ui_state *st = vc->st;
	int pane = st->set.focus < PANE_MAX ? (int)st->set.focus : PANE_SYSCALLS;
	const char *hook = "";
	char title[96];
	struct rect box, body;

	if (vc->snap && explained[pane].src >= 0 && vc->snap->src[explained[pane].src].hook[0])
		hook = vc->snap->src[explained[pane].src].hook;
	/* the bottom rows of the pane, a title line and up to four of text */
	box.h = r.h < 5 ? r.h : 5;
	box = (struct rect){ r.x, r.y + r.h - box.h, r.w, box.h };
	if (box.h < 2 || box.w < 20)
		return;
	snprintf(title, sizeof(title), "%s%s%s  (any key returns)", explained[pane].title,
		 *hook ? ", hook " : "", hook);
	body = pane_frame(vc, box, true, title, NULL);
	canvas_fill(vc->cv, body, ' ', ROLE_DEFAULT);
	text_wrap(vc->cv, (struct rect){ body.x + 1, body.y, body.w - 2, body.h }, ROLE_DEFAULT,
		  explained[pane].text);
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The UI as the event loop sees it (ui.h): owns the terminal, the canvas,
 * the flush state, the theme, the view state and, while paused, the
 * frozen snapshot. It turns terminal input into actions, actions into
 * reactions for the loop, and snapshots into one flush per frame. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "ui.h"
#include "ui_frontend.h"
#include "build_tree.h"
#include "clock.h"
#include "config_file.h"
#include "flush.h"
#include "freeze.h"
#include "keymap.h"
#include "prepare.h"
#include "role.h"
#include "state.h"
#include "term.h"
#include "term_bg.h"
#include "theme.h"
#include "view.h"

#ifndef TT_THEMEDIR
#define TT_THEMEDIR "themes"
#endif
#ifndef TT_PKGTHEMEDIR
#define TT_PKGTHEMEDIR "/usr/share/tracetop/themes"
#endif

#ifndef TT_BUILDDIR
#define TT_BUILDDIR ""
#endif

#define THEME_DIRS 4

/* Where theme names are looked up: the user's themes first
 * (~/.config/tracetop/themes), then the installed ones, the source
 * tree's themes/ only for a binary run from its own build directory
 * (build_tree.h says why). */
static const char *user_theme_dir(void)
{
	static char user[4096];

	if (!user[0] && config_path_of("themes", user, sizeof(user)))
		user[0] = '\0';
	return user[0] ? user : NULL;
}

static void theme_dirs_init(const char *dirs[THEME_DIRS])
{
	size_t n = 0;

	if (user_theme_dir())
		dirs[n++] = user_theme_dir();
	dirs[n++] = TT_PKGTHEMEDIR;
	if (build_tree_running(TT_BUILDDIR))
		dirs[n++] = TT_THEMEDIR;
	dirs[n] = NULL;
}

/* The user's themes in dir that are not built-in names, the first
 * UI_USER_THEMES_MAX by name, into st for `t` to cycle through. */

static void find_user_themes(struct ui_state *st, const char *dir)
{
	struct dirent *de;
	DIR *d;

	st->n_user_themes = 0;
	if (!dir || !(d = opendir(dir)))
		return;
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		char name[sizeof(st->user_themes[0])];
		bool builtin = false;
		unsigned at;

		if (n <= 6 || strcmp(de->d_name + n - 6, ".theme") || n - 6 >= sizeof(name))
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)(n - 6), de->d_name);
		if (!theme_plain_name(name))
			continue;	/* a name theme_load would not take */
		for (unsigned i = 0; theme_names[i]; i++)
			builtin = builtin || !strcmp(theme_names[i], name);
		if (builtin)
			continue;
		/* the first UI_USER_THEMES_MAX by name, kept in order */
		for (at = st->n_user_themes; at > 0 && strcmp(st->user_themes[at - 1], name) > 0; at--)
			;
		if (at >= UI_USER_THEMES_MAX)
			continue;
		if (st->n_user_themes == UI_USER_THEMES_MAX)
			st->n_user_themes--;
		memmove(st->user_themes[at + 1], st->user_themes[at],
			(st->n_user_themes - at) * sizeof(st->user_themes[0]));
		memcpy(st->user_themes[at], name, sizeof(name));
		st->n_user_themes++;
	}
	closedir(d);
}

int ui_theme_check(const char *spec, char *err, size_t errlen)
{
	const char *dirs[THEME_DIRS];
	struct theme th;
	char why[512];

	theme_dirs_init(dirs);
	if (theme_load(&th, spec, dirs, why, sizeof(why)) == 0)
		return 0;
	snprintf(err, errlen, "theme: %s", why);
	return -1;
}

int ui_light_background(const char *colorfgbg)
{
	const char *bg;
	char *end;
	long c;

	/* "fg;bg" or "fg;default;bg" (rxvt, konsole...): the last field */
	if (!colorfgbg || !(bg = strrchr(colorfgbg, ';')))
		return -1;
	c = strtol(bg + 1, &end, 10);
	if (end == bg + 1 || *end || c < 0 || c > 255)
		return -1;
	/* white and the bright colours but grey (8) are light backgrounds */
	return c == 7 || (c >= 9 && c <= 15);
}

#define INDEX_FRAME_MS 40	/* frames while a filter is being applied */
/* The longest wait for the terminal's answer about its background: only
 * a terminal that answers no DA1 request waits it all. */
#define BG_QUERY_MS 1000

struct ui {
	struct term *term;		/* owned */
	struct canvas *cv;		/* owned */
	struct flush *fl;		/* owned */
	struct ui_state st;
	struct theme theme;
	bool colour;			/* false: NO_COLOR or a monochrome tty */
	const struct diag *msgs;	/* borrowed */
	unsigned long msgs_seen;
	struct frozen frozen;
	bool freeze_pending;		/* pause asked; copy the next snapshot drawn */
};

static uint64_t now_ms(void)
{
	return clock_mono_ns() / 1000000u;
}

static void use_theme(struct ui *ui, const struct theme *th)
{
	ui->theme = *th;
	if (!ui->colour)
		theme_strip_colour(&ui->theme);
	term_apply_theme(ui->term, &ui->theme);
	flush_invalidate(ui->fl);
}

/* The theme in use is name: st's name and its place in `t`'s cycle. */
static void theme_in_use(struct ui_state *st, const char *name)
{
	unsigned n = theme_builtin_count();

	snprintf(st->theme_name, sizeof(st->theme_name), "%s", name);
	for (unsigned i = 0; i < n; i++)
		if (!strcmp(theme_names[i], name))
			st->theme_idx = i;
	for (unsigned k = 0; k < st->n_user_themes; k++)
		if (!strcmp(st->user_themes[k], name))
			st->theme_idx = n + k;
}

/* Loads spec; on error the old theme stays (its name too: `W` must not
 * save the one that failed) and, unless quiet, the status line says why
 * (then -1). */
static int load_theme(struct ui *ui, const char *spec, bool quiet)
{
	struct theme th = ui->theme;
	const char *theme_dirs[THEME_DIRS];
	char err[512];

	theme_dirs_init(theme_dirs);
	if (theme_load(&th, spec, theme_dirs, err, sizeof(err))) {
		if (!quiet)
			ui_state_message(&ui->st, ROLE_MSG_ERROR, "theme: %s (keeping '%s')", err,
					 ui->theme.name);
		theme_in_use(&ui->st, ui->theme.name);
		return -1;
	}
	use_theme(ui, &th);
	theme_in_use(&ui->st, th.name);
	return 0;
}

const struct options *ui_settings(struct ui *ui)
{
	return ui_state_settings(&ui->st);
}

void ui_notice(struct ui *ui, bool error, const char *text)
{
	ui_state_message(&ui->st, error ? ROLE_MSG_ERROR : ROLE_MSG_INFO, "%s", text);
}

static int screen_canvas(struct ui *ui)
{
	int w, h;

	term_size(ui->term, &w, &h);
	if (ui->cv && ui->cv->w == w && ui->cv->h == h)
		return 0;
	if (!ui->cv) {
		ui->cv = canvas_new(w, h);
		return ui->cv ? 0 : -ENOMEM;
	}
	return canvas_resize(ui->cv, w, h);
}

struct ui *ui_new(const struct options *set, const struct diag *diag, const char *report,
		  char *err, size_t errlen)
{
	const char *no_colour = getenv("NO_COLOR");
	struct ui *ui = calloc(1, sizeof(*ui));
	struct theme th;
	int bg = -1;

	if (!ui) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	ui->colour = (!no_colour || !*no_colour) && set->colour;
	ui->msgs = diag;
	ui->msgs_seen = diag ? diag->next : 0;
	if (ui_state_init(&ui->st, set)) {
		snprintf(err, errlen, "out of memory");
		free(ui);
		return NULL;
	}
	find_user_themes(&ui->st, user_theme_dir());
	ui->st.now_ms = now_ms();
	ui->st.report = report;
	/* a configuration file's pattern is first compiled here: a bad one
	 * is said on the status line and the log starts unfiltered */
	if (set->filter && *set->filter)
		log_set_filter(&ui->st, set->filter);
	/* --comm was checked with the options */
	if (set->comm && ui_scope_comm_re(&ui->st, set->comm, err, errlen))
		goto fail;
	ui->fl = flush_new();
	if (!ui->fl) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	/* Without a theme, COLORFGBG says what the background is; when it
	 * does not (unset, or no colour number last), the terminal is asked
	 * before curses takes it (term_bg.c). */
	if (ui->colour && !(set->theme && *set->theme)) {
		bg = ui_light_background(getenv("COLORFGBG"));
		if (bg < 0)
			bg = term_bg_query(STDIN_FILENO, STDOUT_FILENO, BG_QUERY_MS);
	}
	ui->term = term_new(set->mouse, ui->colour, err, errlen);
	if (!ui->term)
		goto fail;
	if (!term_colours(ui->term))
		ui->colour = false;
	if (screen_canvas(ui)) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	/* Without colours the default theme would lose its bars: mono is
	 * made for that case. Both are compiled in. */
	theme_builtin(&th, ui->colour ? "default" : "mono");
	use_theme(ui, &th);
	snprintf(ui->st.theme_name, sizeof(ui->st.theme_name), "%s", th.name);
	ui->st.theme_idx = ui->colour ? 0 : 2;
	if (set->theme && *set->theme)
		load_theme(ui, set->theme, false);
	else if (ui->colour && bg == 1 && !load_theme(ui, "light", true))
		ui->st.theme_auto = true;	/* the terminal says its background is light */
	return ui;
fail:
	ui_free(ui);
	return NULL;
}

void ui_restore_terminal(struct ui *ui)
{
	if (ui)
		term_restore(ui->term);
}

void ui_free(struct ui *ui)
{
	if (!ui)
		return;
	term_free(ui->term);
	frozen_release(&ui->frozen);
	flush_free(ui->fl);
	canvas_free(ui->cv);
	ui_state_fini(&ui->st);
	free(ui);
}

int ui_input_fd(const struct ui *ui)
{
	return STDIN_FILENO;
}

/* The pause key flipped st.paused. Pausing copies the next snapshot
 * drawn (the pointers the loop gave earlier may be gone by now). */
static void pause_changed(struct ui *ui)
{
	if (ui->st.paused) {
		ui->freeze_pending = true;
		return;
	}
	ui->freeze_pending = false;
	frozen_release(&ui->frozen);
}

unsigned ui_handle_input(struct ui *ui)
{
	struct term_event ev;
	unsigned out = 0, budget = 4096;

	ui->st.now_ms = now_ms();
	/* A bounded batch: a flood of input (a paste, a stuck key) cannot
	 * starve the loop; what is left is read on the next pass. */
	while (budget-- && term_read(ui->term, &ev)) {
		unsigned r = 0;

		switch (ev.kind) {
		case TEV_KEY:
			r = keymap_dispatch(&ui->st, ev.key);
			break;
		case TEV_MOUSE:
			r = mouse_dispatch(&ui->st, &ev.mouse);
			break;
		case TEV_REPAINT:
			term_repaint(ui->term);
			flush_invalidate(ui->fl);
			r = UI_REDRAW;
			break;
		}
		if ((r & REACT_THEME) && !load_theme(ui, ui->st.theme_name, false))
			ui_state_message(&ui->st, ROLE_MSG_INFO, "theme %s%s", ui->theme.name,
					 ui->colour ? "" : " (without colours)");
		if (r & REACT_PAUSE)
			pause_changed(ui);
		out |= r;
		if (out & UI_QUIT)
			break;
		/* a save is written at the next frame, of what is shown
		 * now: the keys after it wait for that frame */
		if (ui->st.save.pending)
			break;
	}
	return out & ~REACT_INTERNAL;
}

void ui_resize(struct ui *ui)
{
	term_update_size(ui->term);
	if (screen_canvas(ui))
		ui_state_message(&ui->st, ROLE_MSG_ERROR, "out of memory while resizing");
	flush_invalidate(ui->fl);
}

void ui_suspend(struct ui *ui)
{
	term_restore(ui->term);
}

void ui_resume(struct ui *ui)
{
	term_resume(ui->term);
	ui_resize(ui);
}

/* New warnings in the message log become the status line. */
static void pick_messages(struct ui *ui)
{
	const struct diag *l = ui->msgs;
	unsigned long fresh;

	if (!l || l->next == ui->msgs_seen)
		return;
	fresh = l->next - ui->msgs_seen;
	ui->msgs_seen = l->next;
	for (unsigned n = 0; n < fresh && n < DIAG_LINES; n++) {
		enum msg_level lvl;
		const char *line = diag_line(l, n, &lvl);

		if (line && lvl >= MSG_WARN) {
			ui_state_message(&ui->st, lvl >= MSG_ERROR ? ROLE_MSG_ERROR : ROLE_MSG_WARN, "%s", line);
			return;
		}
	}
}

void ui_draw(struct ui *ui, const struct tt_snapshot *snap, const struct event_log *log)
{
	struct ui_state *st = &ui->st;

	st->now_ms = now_ms();
	pick_messages(ui);
	if (ui->freeze_pending) {
		ui->freeze_pending = false;
		if (frozen_take(&ui->frozen, snap, log)) {
			st->paused = false;
			st->log_follow = st->follow_before_pause;
			ui_state_message(st, ROLE_MSG_ERROR, "cannot pause: out of memory");
		}
	}
	if (st->paused && ui->frozen.taken && !st->replay.on) {
		uint64_t end = log ? event_log_end_seq(log) : ui->frozen.live_end;

		st->paused_new = end - ui->frozen.live_end;
		snap = &ui->frozen.snap;	/* the log stays live */
	}
	ui_prepare(st, ui->cv->w, ui->cv->h, snap, log);
	ui_save_run(st, snap, log);	/* w named a file: the view as prepared */
	ui_paint(st, ui->cv, snap, log, ui->msgs);
	flush_frame(ui->fl, ui->term, ui->cv);
}

void ui_set_replay(struct ui *ui, const struct fe_replay *pos)
{
	struct ui_state *st = &ui->st;

	/* a jump refilled the log: show its newest, not where the anchor
	 * of another time would put the selection */
	if (pos->on && st->replay.on && pos->i != st->replay.i && pos->i != st->replay.i + 1)
		st->log_follow = true;
	st->replay = *pos;
}

const char *ui_jump_text(const struct ui *ui)
{
	return ui->st.jump_text;
}

void ui_travel(struct ui *ui, int *steps, unsigned *toggles)
{
	*steps = ui->st.travel_steps;
	*toggles = ui->st.travel_toggles;
	ui->st.travel_steps = 0;
	ui->st.travel_toggles = 0;
}

int ui_wake_ms(const struct ui *ui)
{
	const struct ui_state *st = &ui->st;
	uint64_t now = now_ms(), wake = 0;

	if (st->hold_until_ms > now)
		wake = st->hold_until_ms;
	if (st->msg[0] && st->msg_until_ms > now && (!wake || st->msg_until_ms < wake))
		wake = st->msg_until_ms;
	/* the prompt's text goes in force when typing pauses */
	if (prompt_settle_at(st) && (!wake || prompt_settle_at(st) < wake))
		wake = prompt_settle_at(st) > now ? prompt_settle_at(st) : now;
	/* a filter or search still being built goes on at the next frame */
	if ((!log_index_complete(&st->view_idx) ||
	     (filter_active(&st->search) && !log_index_complete(&st->search_idx))) &&
	    (!wake || now + INDEX_FRAME_MS < wake))
		wake = now + INDEX_FRAME_MS;
	if (!wake)
		return -1;
	return (int)(wake - now);
}

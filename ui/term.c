/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Curses mode in and out, colour pairs, size and input (see term.h).
 *
 * Signals are not handled here: the event loop reads them from a
 * signalfd, so curses' own SIGWINCH/SIGTSTP handlers never run, and the
 * size is taken from the tty when the loop says it changed. */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "term_priv.h"

/* COLORTERM=truecolor or 24bit: the terminal's own word that it shows
 * 24-bit colour (terminfo has no standard way to say it but the -direct
 * entries). */
static bool says_truecolor(void)
{
	const char *c = getenv("COLORTERM");

	return c && (!strcmp(c, "truecolor") || !strcmp(c, "24bit"));
}

struct term *term_new(bool mouse, bool colour, char *err, size_t errlen)
{
	struct term *t;
	const char *termname = getenv("TERM");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(err, errlen, "standard input and output must be a terminal (use --batch otherwise)");
		return NULL;
	}
	if (!termname || !*termname) {
		snprintf(err, errlen, "TERM is not set");
		return NULL;
	}
	t = calloc(1, sizeof(*t));
	if (!t) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	/* Wide-character curses needs the user's locale for its encoding. */
	if (!strcmp(setlocale(LC_CTYPE, NULL), "C"))
		setlocale(LC_CTYPE, "");
	t->utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	/* A terminal that says it shows 24-bit colour under TERM xterm or
	 * xterm-256color (whose entries have none): the xterm-direct entry
	 * (ncurses-term), when this machine has it, so that #rrggbb reaches
	 * it as it is (in the colon form, 38:2::r:g:b). Other TERMs keep
	 * their own entries. */
	if (colour && says_truecolor() && (!strcmp(termname, "xterm") || !strcmp(termname, "xterm-256color")))
		t->scr = newterm("xterm-direct", stdout, stdin);
	if (!t->scr)
		t->scr = newterm(NULL, stdout, stdin);
	if (!t->scr) {
		snprintf(err, errlen, "cannot use terminal type '%s'", termname);
		free(t);
		return NULL;
	}
	t->active = true;
	set_term(t->scr);
	cbreak();	/* keep ISIG: ^C and ^Z still reach the signalfd */
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	leaveok(stdscr, TRUE);
	if (colour && has_colors() && start_color() == OK) {
		t->colour = true;
		t->default_colours = use_default_colors() == OK;
		t->colours = COLORS;
	}
	if (mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
		t->mouse = true;
	}
	return t;
}

void term_restore(struct term *t)
{
	if (!t || !t->active)
		return;
	if (t->mouse)
		mousemask(0, NULL);	/* stop the tty from sending mouse reports */
	curs_set(1);
	endwin();
	fflush(stdout);
	t->active = false;
}

void term_free(struct term *t)
{
	if (!t)
		return;
	term_restore(t);
	delscreen(t->scr);
	free(t);
}

void term_resume(struct term *t)
{
	if (!t || t->active)
		return;
	t->active = true;
	reset_prog_mode();
	if (t->mouse)
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	curs_set(0);
	clearok(curscr, TRUE);
	refresh();
}

void term_repaint(struct term *t)
{
	if (t && t->active)
		clearok(curscr, TRUE);
}

void term_update_size(struct term *t)
{
	struct winsize ws;

	if (!t || !t->active)
		return;
	/* resizeterm() queues a KEY_RESIZE for us to read back: call it only
	 * for a real change, and term_read() ignores that key anyway. */
	if (!ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_row > 0 && ws.ws_col > 0 &&
	    (ws.ws_row != LINES || ws.ws_col != COLS))
		resizeterm(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
}

void term_size(const struct term *t, int *w, int *h)
{
	*w = COLS;
	*h = LINES;
}

int term_colours(const struct term *t)
{
	return t->colour ? t->colours : 0;
}

static int translate_key(int code)
{
	if (code >= KEY_F(1) && code <= KEY_F(12))
		return UK_F(code - KEY_F(0));
	switch (code) {
	case KEY_UP: return UK_UP;
	case KEY_DOWN: return UK_DOWN;
	case KEY_LEFT: return UK_LEFT;
	case KEY_RIGHT: return UK_RIGHT;
	case KEY_PPAGE: return UK_PGUP;
	case KEY_NPAGE: return UK_PGDN;
	case KEY_HOME: return UK_HOME;
	case KEY_END: return UK_END;
	case KEY_BTAB: return UK_BTAB;
	case KEY_ENTER: return UK_ENTER;
	case KEY_BACKSPACE: return UK_BACKSPACE;
	}
	return UK_NONE;
}

static int read_mouse(struct term_event *ev)
{
	MEVENT me;

	if (getmouse(&me) != OK)
		return 0;
	ev->kind = TEV_MOUSE;
	ev->mouse.x = me.x;
	ev->mouse.y = me.y;
	if (me.bstate & BUTTON4_PRESSED)
		ev->mouse.kind = MOUSE_WHEEL_UP;
	else if (me.bstate & BUTTON5_PRESSED)
		ev->mouse.kind = MOUSE_WHEEL_DOWN;
	else if (me.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		ev->mouse.kind = MOUSE_CLICK;
	else
		return 0;
	return 1;
}

#define ANSWER_PEEK 64	/* the longest answer dropped */

/* After an ESC: whether what follows is a terminal's answer to the
 * background query (term_bg.c) that came too late for it: OSC 11
 * ("] 11 ; ... BEL" or "... ESC \\") or DA1 ("[ ? digits ; c"). Such an
 * answer is read and dropped, lest it act as keys (] steps, / filters);
 * anything else is put back as it came. */
static bool late_answer(void)
{
	static const char osc[] = "]11;", csi[] = "[?";
	wint_t got[ANSWER_PEEK], key = 0;
	bool maybe_osc = true, maybe_csi = true;
	int n = 0;

	while (n < ANSWER_PEEK) {
		wint_t c;
		int r = wget_wch(stdscr, &c);

		if (r == ERR)
			break;
		if (r == KEY_CODE_YES) {
			key = c;
			break;
		}
		got[n++] = c;
		if (n <= 4 && maybe_osc && c == (wint_t)osc[n - 1])
			continue;
		maybe_osc = maybe_osc && n > 4;
		if (n <= 2 && maybe_csi && c == (wint_t)csi[n - 1])
			continue;
		maybe_csi = maybe_csi && n > 2;
		if (maybe_osc && (c == '\a' || (c == '\\' && got[n - 2] == 27)))
			return true;
		if (maybe_osc && c >= ' ' && c < 0x7f)
			continue;
		if (maybe_osc && c == 27)
			continue;
		if (maybe_csi && c == 'c')
			return true;
		if (maybe_csi && ((c >= '0' && c <= '9') || c == ';'))
			continue;
		break;
	}
	/* put back, the last first: ungetting stacks */
	if (key)
		ungetch((int)key);
	while (n > 0)
		unget_wch(got[--n]);
	return false;
}

int term_read(struct term *t, struct term_event *ev)
{
	if (!t->active)
		return 0;
	for (;;) {
		wint_t wch;
		int r = wget_wch(stdscr, &wch);

		memset(ev, 0, sizeof(*ev));
		if (r == ERR)
			return 0;
		if (r == KEY_CODE_YES) {
			/* The loop learns of size changes from SIGWINCH and
			 * calls ui_resize(); this is the echo of that. */
			if (wch == KEY_RESIZE)
				continue;
			if (wch == KEY_MOUSE) {
				if (read_mouse(ev))
					return 1;
				continue;
			}
			ev->key = translate_key((int)wch);
			if (ev->key == UK_NONE)
				continue;
			ev->kind = TEV_KEY;
			return 1;
		}
		ev->kind = TEV_KEY;
		switch (wch) {
		case '\r': case '\n': ev->key = UK_ENTER; break;
		case 27:
			if (late_answer())
				continue;
			ev->key = UK_ESC;
			break;
		case 8: case 127: ev->key = UK_BACKSPACE; break;
		case 12: ev->kind = TEV_REPAINT; break;	/* ^L */
		default: ev->key = (int)wch; break;
		}
		return 1;
	}
}

#define DIRECT_COLOURS 0x1000000	/* COLORS of a 24-bit (-direct) terminfo entry */

/* Colour c of a theme as this terminal's colour number: as written on a
 * 24-bit one, else fitted to its colours (on 8, a bright colour is bold
 * and grey dim); the terminal's own colours are white on black where it
 * has none. */
static int curses_colour(const struct term *t, int32_t c, bool fg, attr_t *extra)
{
	int bright = 0;

	if (t->colours >= DIRECT_COLOURS) {
		c = colour_direct(c);
	} else {
		c = colour_degrade(c, t->colours, &bright);
		if (bright > 0 && fg)
			*extra |= A_BOLD;	/* 8 colours: bright is bold */
		else if (bright < 0 && fg)
			*extra |= A_DIM;	/* ... and grey is dim */
		else if (bright < 0)
			return COLOR_BLACK;	/* a grey bar stays a bar */
	}
	if (c == COLOUR_DEFAULT && !t->default_colours)
		return fg ? COLOR_WHITE : COLOR_BLACK;
	return c;
}

void term_apply_theme(struct term *t, const struct theme *th)
{
	for (unsigned r = 0; r < ROLE_MAX; r++) {
		const struct style *st = &th->role[r];
		attr_t a = 0;

		if (st->attr & STYLE_BOLD)
			a |= A_BOLD;
		if (st->attr & STYLE_DIM)
			a |= A_DIM;
		if (st->attr & STYLE_REVERSE)
			a |= A_REVERSE;
		if (st->attr & STYLE_UNDERLINE)
			a |= A_UNDERLINE;
		if (st->attr & STYLE_ITALIC)
			a |= A_ITALIC;
		t->pair[r] = 0;
		if (t->colour && (int)r + 1 < COLOR_PAIRS) {
			int fg = curses_colour(t, st->fg, true, &a);
			int bg = curses_colour(t, st->bg, false, &a);

			/* extended: a 24-bit colour does not fit a short */
			if (init_extended_pair((int)r + 1, fg, bg) == OK)
				t->pair[r] = (short)(r + 1);
		}
		t->attr[r] = a;
	}
}

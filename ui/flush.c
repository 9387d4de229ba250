/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Canvas -> curses (see flush.h). The previous frame is kept as a canvas
 * of its own; diff.c says which runs differ, and only those are handed
 * to curses, which then emits the minimal escape sequences in the single
 * doupdate() of the frame. Glyphs a non-UTF-8 terminal cannot show are
 * swapped for ASCII here, so views can always draw in Unicode. */
#include <stdlib.h>
#include <string.h>
#include "diff.h"
#include "flush.h"
#include "term_priv.h"

struct flush {
	struct canvas *prev;	/* owned: the frame on screen; NULL after invalidate */
};

struct flush_run {
	struct term *t;
	const struct canvas *cv;
};

struct flush *flush_new(void)
{
	return calloc(1, sizeof(struct flush));
}

void flush_free(struct flush *f)
{
	if (!f)
		return;
	canvas_free(f->prev);
	free(f);
}

void flush_invalidate(struct flush *f)
{
	canvas_free(f->prev);
	f->prev = NULL;
}

static wchar_t ascii_glyph(uint32_t ch)
{
	static const char spark[] = "_.-:=+*#";

	if (ch < 0x7f)
		return (wchar_t)ch;
	if (ch >= 0x2581 && ch <= 0x2588)
		return (wchar_t)spark[ch - 0x2581];
	if (ch == 0x258f)	/* a flame graph frame's left edge */
		return '|';
	if (ch >= 0x2589 && ch <= 0x258e)
		return '#';
	if (ch >= 0x2591 && ch <= 0x2593)	/* the heatmap's light, medium, dark shades */
		return (wchar_t)".:*"[ch - 0x2591];
	if (ch == 0x25b8)
		return '>';
	if (ch == 0x2026)
		return '~';
	return '?';
}

static void write_run(void *ctx, int x, int y, int len)
{
	struct flush_run *fr = ctx;
	struct term *t = fr->t;
	cchar_t cells[len > 0 ? len : 1];
	int n = 0;

	for (int i = 0; i < len; i++) {
		const struct ui_cell *c = canvas_cell_const(fr->cv, x + i, y);
		wchar_t wch[2] = { 0, 0 };
		unsigned role = c->role < ROLE_MAX ? c->role : ROLE_DEFAULT;

		if (c->ch == UI_CELL_CONT)
			continue;	/* curses places the right half itself */
		wch[0] = t->utf8 ? (wchar_t)c->ch : ascii_glyph(c->ch);
		if (!t->utf8 && glyph_width(c->ch) == 2) {
			/* Two ASCII cells stand in for a wide glyph. */
			setcchar(&cells[n++], wch, t->attr[role], t->pair[role], NULL);
		}
		setcchar(&cells[n++], wch, t->attr[role], t->pair[role], NULL);
	}
	mvadd_wchnstr(y, x, cells, n);
}

size_t flush_frame(struct flush *f, struct term *t, const struct canvas *cv)
{
	struct flush_run fr = { t, cv };
	size_t n;

	if (!t->active)
		return 0;
	n = canvas_diff(f->prev, cv, write_run, &fr);
	wnoutrefresh(stdscr);
	doupdate();
	if (!f->prev || f->prev->w != cv->w || f->prev->h != cv->h) {
		canvas_free(f->prev);
		f->prev = canvas_new(cv->w, cv->h);
	}
	if (f->prev)
		memcpy(f->prev->cells, cv->cells, (size_t)cv->w * (size_t)cv->h * sizeof(*cv->cells));
	return n;
}

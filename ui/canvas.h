/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The screen as a grid of cells in memory.
 *
 * Views draw here and never into curses, so every screen can be built
 * and compared in a test without a terminal. A cell holds one glyph and
 * the semantic role it plays; a glyph two columns wide occupies its cell
 * and the next one, which holds UI_CELL_CONT. */
#ifndef TRACETOP_UI_CANVAS_H
#define TRACETOP_UI_CANVAS_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#define UI_CELL_CONT 0	/* right half of a wide glyph */

struct ui_cell {
	uint32_t ch;		/* Unicode code point */
	uint8_t role;		/* enum ui_role */
};

struct rect {
	int x, y, w, h;
};

struct canvas {
	int w, h;
	struct ui_cell *cells;	/* owned, w * h, row-major */
};

struct canvas *canvas_new(int w, int h);
void canvas_free(struct canvas *c);
/* Changes the size; the contents become blank. 0 or -ENOMEM. */
int canvas_resize(struct canvas *c, int w, int h);
void canvas_clear(struct canvas *c, unsigned role);
struct ui_cell *canvas_cell(struct canvas *c, int x, int y);
const struct ui_cell *canvas_cell_const(const struct canvas *c, int x, int y);

/* Fills r (clipped to the canvas) with ch. */
void canvas_fill(struct canvas *c, struct rect r, uint32_t ch, unsigned role);
/* Gives every cell of r a new role, keeping the glyphs. */
void canvas_set_role(struct canvas *c, struct rect r, unsigned role);
/* Writes one glyph; returns the columns it took (0 when clipped). */
int canvas_putc(struct canvas *c, int x, int y, int maxx, uint32_t ch, unsigned role);
/* Writes UTF-8 text from (x, y), never past column maxx (exclusive) nor
 * the canvas edge. Control characters become '?' (callers sanitise
 * kernel strings first; this is a last guard). Returns columns used. */
int canvas_puts(struct canvas *c, int x, int y, int maxx, unsigned role, const char *s);
/* Like canvas_puts, but a text cut short ends in an ellipsis (a value
 * cut without one reads as another value: 6.18.4 for 6.18.44). */
int canvas_puts_fit(struct canvas *c, int x, int y, int maxx, unsigned role, const char *s);
/* Like canvas_puts, right-aligned so the text ends just before maxx. */
int canvas_puts_right(struct canvas *c, int maxx, int y, int minx, unsigned role, const char *s);
/* Right-aligned when it fits between minx and maxx; else from minx, cut
 * short with an ellipsis (a cut number must not read as another one). */
int canvas_puts_right_fit(struct canvas *c, int maxx, int y, int minx, unsigned role, const char *s);
/* printf into the canvas. */
int canvas_printf(struct canvas *c, int x, int y, int maxx, unsigned role, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Columns text takes on screen. */
int text_width(const char *s);
/* Decodes one UTF-8 sequence at s (up to n bytes) into *cp; returns bytes
 * used (1 for an invalid byte, which yields U+FFFD). */
int utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Columns a code point takes: 0, 1 or 2. */
int glyph_width(uint32_t cp);

/* Row y as UTF-8 text (continuation cells skipped, trailing blanks
 * kept); buf gets at most len - 1 bytes. For golden tests and dumps. */
size_t canvas_row_text(const struct canvas *c, int y, char *buf, size_t len);

#endif

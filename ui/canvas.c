/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The in-memory cell grid that every view draws into (see canvas.h).
 *
 * Knows UTF-8 and column widths and nothing about colours or terminals;
 * clipping lives here so that no view can write outside its rectangle
 * or the screen, whatever size the terminal has. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "canvas.h"

struct canvas *canvas_new(int w, int h)
{
	struct canvas *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	if (canvas_resize(c, w, h)) {
		free(c);
		return NULL;
	}
	return c;
}

void canvas_free(struct canvas *c)
{
	if (!c)
		return;
	free(c->cells);
	free(c);
}

int canvas_resize(struct canvas *c, int w, int h)
{
	struct ui_cell *cells;

	if (w < 0)
		w = 0;
	if (h < 0)
		h = 0;
	cells = calloc((size_t)(w ? w : 1) * (size_t)(h ? h : 1), sizeof(*cells));
	if (!cells)
		return -ENOMEM;
	free(c->cells);
	c->cells = cells;
	c->w = w;
	c->h = h;
	canvas_clear(c, 0);
	return 0;
}

void canvas_clear(struct canvas *c, unsigned role)
{
	for (size_t i = 0; i < (size_t)c->w * (size_t)c->h; i++)
		c->cells[i] = (struct ui_cell){ ' ', (uint8_t)role };
}

struct ui_cell *canvas_cell(struct canvas *c, int x, int y)
{
	if (x < 0 || y < 0 || x >= c->w || y >= c->h)
		return NULL;
	return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

const struct ui_cell *canvas_cell_const(const struct canvas *c, int x, int y)
{
	if (x < 0 || y < 0 || x >= c->w || y >= c->h)
		return NULL;
	return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

/* Overwriting half of a wide glyph leaves the other half orphaned: turn
 * it into a blank so no cell ever refers to a glyph that is gone. */
static void unsplit(struct canvas *c, int x, int y)
{
	struct ui_cell *cell = canvas_cell(c, x, y), *n;

	if (!cell)
		return;
	if (cell->ch == UI_CELL_CONT) {
		n = canvas_cell(c, x - 1, y);
		if (n)
			n->ch = ' ';
		cell->ch = ' ';
	}
	n = canvas_cell(c, x + 1, y);
	if (n && n->ch == UI_CELL_CONT && glyph_width(cell->ch) == 2)
		n->ch = ' ';
}

void canvas_fill(struct canvas *c, struct rect r, uint32_t ch, unsigned role)
{
	for (int y = r.y; y < r.y + r.h; y++)
		for (int x = r.x; x < r.x + r.w; x++)
			canvas_putc(c, x, y, r.x + r.w, ch, role);
}

void canvas_set_role(struct canvas *c, struct rect r, unsigned role)
{
	for (int y = r.y; y < r.y + r.h; y++)
		for (int x = r.x; x < r.x + r.w; x++) {
			struct ui_cell *cell = canvas_cell(c, x, y);

			if (cell)
				cell->role = (uint8_t)role;
		}
}

int glyph_width(uint32_t cp)
{
	int w;

	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	if (cp < 0x7f)
		return 1;
	w = wcwidth((wchar_t)cp);
	/* Outside a UTF-8 locale wcwidth knows nothing; one column is the
	 * safe guess (flush.c replaces such glyphs anyway). */
	return w < 0 ? 1 : w;
}

int canvas_putc(struct canvas *c, int x, int y, int maxx, uint32_t ch, unsigned role)
{
	struct ui_cell *cell;
	int w = glyph_width(ch);

	if (maxx > c->w)
		maxx = c->w;
	if (w == 0 || x < 0 || y < 0 || y >= c->h || x + w > maxx)
		return 0;
	unsplit(c, x, y);
	if (w == 2)
		unsplit(c, x + 1, y);
	cell = canvas_cell(c, x, y);
	*cell = (struct ui_cell){ ch, (uint8_t)role };
	if (w == 2)
		cell[1] = (struct ui_cell){ UI_CELL_CONT, (uint8_t)role };
	return w;
}

int utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned need;
	uint32_t v, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		need = 1, v = s[0] & 0x1f, min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		need = 2, v = s[0] & 0x0f, min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		need = 3, v = s[0] & 0x07, min = 0x10000;
	} else {
		goto bad;
	}
	if (n < need + 1)
		goto bad;
	for (unsigned i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			goto bad;
		v = v << 6 | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		goto bad;
	*cp = v;
	return (int)need + 1;
bad:
	*cp = 0xfffd;
	return 1;
}

int text_width(const char *s)
{
	size_t n = strlen(s);
	int w = 0;

	while (n) {
		uint32_t cp;
		int k = utf8_decode(s, n, &cp);

		w += cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? 1 : glyph_width(cp);
		s += k;
		n -= (size_t)k;
	}
	return w;
}

int canvas_puts(struct canvas *c, int x, int y, int maxx, unsigned role, const char *s)
{
	size_t n = strlen(s);
	int x0 = x;

	if (maxx > c->w)
		maxx = c->w;
	while (n && x < maxx) {
		uint32_t cp;
		int k = utf8_decode(s, n, &cp), w;

		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			cp = '?';
		w = glyph_width(cp);
		if (w && x + w > maxx)
			break;
		if (w) {
			canvas_putc(c, x, y, maxx, cp, role);
			x += w;
		}
		s += k;
		n -= (size_t)k;
	}
	return x - x0;
}

int canvas_puts_fit(struct canvas *c, int x, int y, int maxx, unsigned role, const char *s)
{
	int n;

	if (maxx > c->w)
		maxx = c->w;
	if (x >= maxx || text_width(s) <= maxx - x)
		return canvas_puts(c, x, y, maxx, role, s);
	n = canvas_puts(c, x, y, maxx - 1, role, s);
	return n + canvas_puts(c, x + n, y, maxx, role, "\u2026");
}

int canvas_puts_right(struct canvas *c, int maxx, int y, int minx, unsigned role, const char *s)
{
	int w = text_width(s), x = maxx - w;

	if (x < minx)
		x = minx;
	return canvas_puts(c, x, y, maxx, role, s);
}

int canvas_puts_right_fit(struct canvas *c, int maxx, int y, int minx, unsigned role, const char *s)
{
	if (maxx > c->w)
		maxx = c->w;
	if (maxx - minx >= text_width(s))
		return canvas_puts_right(c, maxx, y, minx, role, s);
	return canvas_puts_fit(c, minx, y, maxx, role, s);
}

int canvas_printf(struct canvas *c, int x, int y, int maxx, unsigned role, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return canvas_puts(c, x, y, maxx, role, buf);
}

static size_t put_utf8(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

size_t canvas_row_text(const struct canvas *c, int y, char *buf, size_t len)
{
	size_t used = 0;
	char tmp[4];

	if (!len)
		return 0;
	for (int x = 0; x < c->w && y >= 0 && y < c->h; x++) {
		const struct ui_cell *cell = canvas_cell_const(c, x, y);
		size_t k;

		if (cell->ch == UI_CELL_CONT)
			continue;
		k = put_utf8(tmp, cell->ch);
		if (used + k >= len)
			break;
		memcpy(buf + used, tmp, k);
		used += k;
	}
	buf[used] = '\0';
	return used;
}

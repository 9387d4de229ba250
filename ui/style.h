/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Styles: what a role looks like, written as tmux-like strings such as
 * "fg=colour214,bg=default,bold". Pure parsing and colour arithmetic;
 * nothing here knows about curses. */
#ifndef TRACETOP_UI_STYLE_H
#define TRACETOP_UI_STYLE_H

#include <stddef.h>
#include <stdint.h>

/* Colours: COLOUR_DEFAULT (the terminal's own), 0..255 (the xterm
 * palette; 0..15 are the ANSI colours), or COLOUR_RGB | 0xrrggbb. */
#define COLOUR_DEFAULT (-1)
#define COLOUR_RGB 0x1000000

enum style_attr {
	STYLE_BOLD = 1 << 0,
	STYLE_DIM = 1 << 1,
	STYLE_REVERSE = 1 << 2,
	STYLE_UNDERLINE = 1 << 3,
	STYLE_ITALIC = 1 << 4,
};

struct style {
	int32_t fg, bg;
	unsigned attr;		/* enum style_attr bits */
};

#define STYLE_PLAIN ((struct style){ COLOUR_DEFAULT, COLOUR_DEFAULT, 0 })

/* Parses a comma-separated style of len bytes into *out (which is left
 * alone on error). Returns 0, or -EINVAL with a sentence in err naming
 * the offending word. */
int style_parse(const char *s, size_t len, struct style *out, char *err, size_t errlen);
/* Parses one colour word ("red", "brightred", "colour208", "#ff8800",
 * "default"). 0 or -EINVAL. */
int colour_parse(const char *s, size_t len, int32_t *out);
/* The closest colour a terminal with ncolours colours can show (8, 16,
 * 88 or 256 and more): RGB -> 256 -> 16 -> 8. COLOUR_DEFAULT stays. When
 * the 8-colour result lost brightness, *bright is 1 (callers may use
 * bold for it); a grey (bright black) on 8 colours is the default colour
 * with *bright -1 (callers may use dim): a quiet grey must never come out
 * as bold black, louder than the values around it. */
int32_t colour_degrade(int32_t c, int ncolours, int *bright);
/* c as a direct-colour terminal (24-bit, COLORS 0x1000000) numbers it:
 * COLOUR_DEFAULT stays, the eight ANSI colours are 0..7, anything else
 * is 0xrrggbb (#rrggbb as written, a palette colour as xterm shows it;
 * never below 8, which would read as an ANSI colour). */
int32_t colour_direct(int32_t c);
/* Writes the style back as a string (for messages and tests). */
int style_format(const struct style *st, char *buf, size_t len);

#endif

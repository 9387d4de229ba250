/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Parsing tmux-like style strings and fitting colours to the terminal.
 *
 * Kept apart from theme.c (files, roles) and term.c (curses) so that the
 * parsing can be tested and fuzzed alone, and so that the degrade rules
 * (RGB -> 256 -> 16 -> 8 colours) live in one place. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "style.h"

static const char *const ansi_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{ "bold", STYLE_BOLD },
	{ "bright", STYLE_BOLD },
	{ "dim", STYLE_DIM },
	{ "reverse", STYLE_REVERSE },
	{ "underline", STYLE_UNDERLINE },
	{ "underscore", STYLE_UNDERLINE },
	{ "italics", STYLE_ITALIC },
	{ "italic", STYLE_ITALIC },
};

static int word_is(const char *s, size_t len, const char *w)
{
	return strlen(w) == len && !strncasecmp(s, w, len);
}

static int parse_uint(const char *s, size_t len, unsigned base, unsigned long *out)
{
	char buf[16], *end;

	if (!len || len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, len);
	buf[len] = '\0';
	for (size_t i = 0; i < len; i++)
		if (base == 10 ? (buf[i] < '0' || buf[i] > '9') : !strchr("0123456789abcdefABCDEF", buf[i]))
			return -EINVAL;
	*out = strtoul(buf, &end, (int)base);
	return *end ? -EINVAL : 0;
}

int colour_parse(const char *s, size_t len, int32_t *out)
{
	unsigned long v;

	if (word_is(s, len, "default")) {
		*out = COLOUR_DEFAULT;
		return 0;
	}
	for (int i = 0; i < 8; i++) {
		if (word_is(s, len, ansi_names[i])) {
			*out = i;
			return 0;
		}
		if (len > 6 && !strncasecmp(s, "bright", 6) && word_is(s + 6, len - 6, ansi_names[i])) {
			*out = 8 + i;
			return 0;
		}
	}
	if (len > 6 && !strncasecmp(s, "colour", 6) && !parse_uint(s + 6, len - 6, 10, &v) && v < 256) {
		*out = (int32_t)v;
		return 0;
	}
	if (len > 5 && !strncasecmp(s, "color", 5) && !parse_uint(s + 5, len - 5, 10, &v) && v < 256) {
		*out = (int32_t)v;
		return 0;
	}
	if (len == 7 && s[0] == '#' && !parse_uint(s + 1, 6, 16, &v)) {
		*out = COLOUR_RGB | (int32_t)v;
		return 0;
	}
	return -EINVAL;
}

int style_parse(const char *s, size_t len, struct style *out, char *err, size_t errlen)
{
	struct style st = STYLE_PLAIN;
	size_t i = 0;

	while (i < len) {
		size_t b, e;

		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == ','))
			i++;
		b = i;
		while (i < len && s[i] != ',' && s[i] != ' ' && s[i] != '\t')
			i++;
		e = i;
		if (b == e)
			break;
		if (e - b > 3 && (!strncasecmp(s + b, "fg=", 3) || !strncasecmp(s + b, "bg=", 3))) {
			int32_t col;

			if (colour_parse(s + b + 3, e - b - 3, &col)) {
				snprintf(err, errlen, "unknown colour '%.*s'", (int)(e - b - 3), s + b + 3);
				return -EINVAL;
			}
			if (s[b] == 'f' || s[b] == 'F')
				st.fg = col;
			else
				st.bg = col;
			continue;
		}
		if (word_is(s + b, e - b, "none") || word_is(s + b, e - b, "default")) {
			st.attr = 0;
			continue;
		}
		size_t k;

		for (k = 0; k < sizeof(attr_names) / sizeof(attr_names[0]); k++)
			if (word_is(s + b, e - b, attr_names[k].name))
				break;
		if (k == sizeof(attr_names) / sizeof(attr_names[0])) {
			snprintf(err, errlen, "unknown style word '%.*s' (expected fg=, bg=, bold, dim, reverse, underline, italics or none)",
				 (int)(e - b), s + b);
			return -EINVAL;
		}
		st.attr |= attr_names[k].bit;
	}
	*out = st;
	return 0;
}

/* The 16 ANSI colours as xterm shows them, for nearest-colour search. */
static const uint8_t ansi_rgb[16][3] = {
	{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
	{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
	{ 127, 127, 127 }, { 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 },
	{ 92, 92, 255 }, { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
};

static const uint8_t cube_level[6] = { 0, 95, 135, 175, 215, 255 };

static void palette_rgb(int c, int rgb[3])
{
	if (c < 16) {
		for (int i = 0; i < 3; i++)
			rgb[i] = ansi_rgb[c][i];
	} else if (c < 232) {
		c -= 16;
		rgb[0] = cube_level[c / 36];
		rgb[1] = cube_level[c / 6 % 6];
		rgb[2] = cube_level[c % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (c - 232);
	}
}

static int nearest(const int rgb[3], int from, int to)
{
	long best = -1;
	int besti = from;

	for (int i = from; i < to; i++) {
		int p[3];
		long d = 0;

		palette_rgb(i, p);
		for (int k = 0; k < 3; k++)
			d += (long)(p[k] - rgb[k]) * (p[k] - rgb[k]);
		if (best < 0 || d < best) {
			best = d;
			besti = i;
		}
	}
	return besti;
}

int32_t colour_direct(int32_t c)
{
	int rgb[3];
	int32_t v;

	if (c == COLOUR_DEFAULT)
		return COLOUR_DEFAULT;
	if (c & COLOUR_RGB) {
		v = c & 0xffffff;
	} else if (c < 8) {
		return c;
	} else {
		palette_rgb(c, rgb);
		v = rgb[0] << 16 | rgb[1] << 8 | rgb[2];
	}
	return v < 8 ? 8 : v;	/* below 8 a number is an ANSI colour */
}

int32_t colour_degrade(int32_t c, int ncolours, int *bright)
{
	int rgb[3];

	if (bright)
		*bright = 0;
	if (c == COLOUR_DEFAULT || ncolours <= 0)
		return COLOUR_DEFAULT;
	if (c & COLOUR_RGB) {
		rgb[0] = c >> 16 & 0xff;
		rgb[1] = c >> 8 & 0xff;
		rgb[2] = c & 0xff;
		c = nearest(rgb, 16, 256);
	}
	if (c < ncolours)
		return c;
	if (c >= 16) {
		palette_rgb(c, rgb);
		c = nearest(rgb, 0, 16);
	}
	if (c == 8 && ncolours < 16) {
		if (bright)
			*bright = -1;
		return COLOUR_DEFAULT;
	}
	if (c >= 8 && ncolours < 16) {
		if (bright)
			*bright = 1;
		c -= 8;
	}
	return c;
}

static int colour_format(int32_t c, char *buf, size_t len)
{
	if (c == COLOUR_DEFAULT)
		return snprintf(buf, len, "default");
	if (c & COLOUR_RGB)
		return snprintf(buf, len, "#%06x", (unsigned)(c & 0xffffff));
	if (c < 8)
		return snprintf(buf, len, "%s", ansi_names[c]);
	if (c < 16)
		return snprintf(buf, len, "bright%s", ansi_names[c - 8]);
	return snprintf(buf, len, "colour%d", (int)c);
}

int style_format(const struct style *st, char *buf, size_t len)
{
	char fg[24], bg[24];
	static const char *const names[] = { "bold", "dim", "reverse", "underline", "italics" };
	int n;

	colour_format(st->fg, fg, sizeof(fg));
	colour_format(st->bg, bg, sizeof(bg));
	n = snprintf(buf, len, "fg=%s,bg=%s", fg, bg);
	for (unsigned i = 0; i < 5; i++)
		if (st->attr & 1u << i)
			n += snprintf(buf + (n < (int)len ? n : (int)len), n < (int)len ? len - (size_t)n : 0,
				      ",%s", names[i]);
	return n;
}

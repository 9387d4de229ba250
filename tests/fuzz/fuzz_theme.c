/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz target: the theme parser, theme_parse() (ui/theme.c) and the
 * style strings under it (ui/style.c). The input is a theme file.
 *
 * Properties: on error the theme is untouched and the message reads
 * "fuzz.theme:LINE: reason" with a line that exists; on success every
 * colour is default, a palette index or RGB, every attribute is known,
 * each style written back with style_format() parses to itself, colours
 * degrade into the palette of every terminal depth, and stripping the
 * colours leaves none. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"
#include "theme.h"

#define ATTR_ALL (STYLE_BOLD | STYLE_DIM | STYLE_REVERSE | STYLE_UNDERLINE | STYLE_ITALIC)

static int colour_ok(int32_t c)
{
	return c == COLOUR_DEFAULT || (c >= 0 && c <= 255) ||
	       (c >= COLOUR_RGB && c <= (COLOUR_RGB | 0xffffff));
}

static void check_degrade(int32_t c)
{
	static const int depths[] = { 8, 16, 88, 256 };
	unsigned i;

	for (i = 0; i < sizeof(depths) / sizeof(depths[0]); i++) {
		int bright = 0;
		int32_t d = colour_degrade(c, depths[i], &bright);

		if (d != COLOUR_DEFAULT && (d < 0 || d >= depths[i]))
			fuzz_fail("colour_degrade: result outside the terminal's palette", &c, sizeof(c));
	}
}

static void check_style(const struct style *st)
{
	char text[256], why[192];
	struct style back = { 7, 7, 0 };

	if (!colour_ok(st->fg) || !colour_ok(st->bg) || (st->attr & ~(unsigned)ATTR_ALL))
		fuzz_fail("theme_parse: style out of range", st, sizeof(*st));
	check_degrade(st->fg);
	check_degrade(st->bg);
	style_format(st, text, sizeof(text));
	if (style_parse(text, strlen(text), &back, why, sizeof(why)) ||
	    back.fg != st->fg || back.bg != st->bg || back.attr != st->attr)
		fuzz_fail("style_format output does not parse back to the same style",
			  text, strlen(text));
}

static unsigned count_lines(const uint8_t *data, size_t size)
{
	unsigned n = 1;
	size_t i;

	for (i = 0; i < size; i++)
		n += data[i] == '\n';
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct theme t, before;
	char err[256];
	unsigned r, line;
	int rc;

	if (size > THEME_FILE_MAX)
		return 0;
	memset(&t, 0x5a, sizeof(t));
	before = t;
	rc = theme_parse(&t, "fuzz", (const char *)data, size, "fuzz.theme", err, sizeof(err));
	if (rc != 0 && rc != -EINVAL)
		fuzz_fail("theme_parse: neither 0 nor -EINVAL", data, size);
	if (rc) {
		if (memcmp(&t, &before, sizeof(t)))
			fuzz_fail("theme_parse: changed the theme on error", data, size);
		if (sscanf(err, "fuzz.theme:%u: ", &line) != 1 || line < 1 ||
		    line > count_lines(data, size))
			fuzz_fail("theme_parse: error without a valid file:line", err, strlen(err));
		return 0;
	}
	if (strcmp(t.name, "fuzz"))
		fuzz_fail("theme_parse: wrong name", t.name, sizeof(t.name));
	for (r = 0; r < ROLE_MAX; r++)
		check_style(&t.role[r]);
	theme_strip_colour(&t);
	for (r = 0; r < ROLE_MAX; r++)
		if (t.role[r].fg != COLOUR_DEFAULT || t.role[r].bg != COLOUR_DEFAULT)
			fuzz_fail("theme_strip_colour left a colour", &t.role[r], sizeof(t.role[r]));
	return 0;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Theme parser tests (issue 3): a good file, an unknown role and a bad
 * colour reported with their line numbers, a bad file leaving the old
 * theme in place, every shipped theme parsing, the compiled-in themes
 * being the shipped files, and colours degrading to small palettes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "theme.h"
#include "term_bg.h"
#include "ui_frontend.h"

#ifndef TT_SRC_THEMES
#define TT_SRC_THEMES "themes"
#endif

static void test_good(void **state)
{
	static const char text[] =
		"# a comment\n"
		"\n"
		"title = fg=black,bg=cyan,bold   # trailing comment\n"
		"  value-bad=fg=colour196,underline\n"
		"cursor = reverse\n"
		"spark = fg=#ff8800\n";
	struct theme t;
	char err[256] = "";

	assert_int_equal(theme_parse(&t, "good", text, strlen(text), "good.theme", err, sizeof(err)), 0);
	assert_string_equal(t.name, "good");
	assert_int_equal(t.role[ROLE_TITLE].fg, 0);
	assert_int_equal(t.role[ROLE_TITLE].bg, 6);
	assert_int_equal(t.role[ROLE_TITLE].attr, STYLE_BOLD);
	assert_int_equal(t.role[ROLE_VALUE_BAD].fg, 196);
	assert_int_equal(t.role[ROLE_VALUE_BAD].attr, STYLE_UNDERLINE);
	assert_int_equal(t.role[ROLE_CURSOR].attr, STYLE_REVERSE);
	assert_int_equal(t.role[ROLE_SPARK].fg, COLOUR_RGB | 0xff8800);
	/* roles the file does not name are plain */
	assert_int_equal(t.role[ROLE_HIST_BAR].fg, COLOUR_DEFAULT);
	assert_int_equal(t.role[ROLE_HIST_BAR].attr, 0);
}

static void test_unknown_role(void **state)
{
	static const char text[] = "title = bold\n# ok so far\ntitel = bold\n";
	struct theme t;
	char err[256] = "";

	assert_int_equal(theme_parse(&t, "x", text, strlen(text), "x.theme", err, sizeof(err)), -22);
	assert_string_equal(err, "x.theme:3: unknown role 'titel'");
}

static void test_bad_colour(void **state)
{
	static const char text[] = "title = bold\nvalue = fg=purplish\n";
	static const char text2[] = "value = fg=colour256\n";
	static const char text3[] = "value = blink\n";
	static const char text4[] = "value bold\n";
	struct theme t;
	char err[256] = "";

	assert_int_equal(theme_parse(&t, "x", text, strlen(text), "x.theme", err, sizeof(err)), -22);
	assert_string_equal(err, "x.theme:2: unknown colour 'purplish'");
	assert_int_equal(theme_parse(&t, "x", text2, strlen(text2), "x.theme", err, sizeof(err)), -22);
	assert_string_equal(err, "x.theme:1: unknown colour 'colour256'");
	assert_int_equal(theme_parse(&t, "x", text3, strlen(text3), "x.theme", err, sizeof(err)), -22);
	assert_non_null(strstr(err, "x.theme:1: unknown style word 'blink'"));
	assert_int_equal(theme_parse(&t, "x", text4, strlen(text4), "x.theme", err, sizeof(err)), -22);
	assert_non_null(strstr(err, "x.theme:1: expected 'role = style'"));
}

static void test_fallback_keeps_old(void **state)
{
	static const char bad[] = "title = fg=red\nheader = fg=nope\n";
	const char *const dirs[] = { NULL };
	struct theme t, before;
	char err[512] = "", path[] = "/tmp/tt-theme-XXXXXX";
	int fd;

	assert_int_equal(theme_builtin(&t, "default"), 0);
	before = t;
	/* bad text: unchanged */
	assert_int_not_equal(theme_parse(&t, "bad", bad, strlen(bad), "bad.theme", err, sizeof(err)), 0);
	assert_memory_equal(&t, &before, sizeof(t));
	/* bad file on disk: unchanged, and the message names file and line */
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, bad, strlen(bad)), (int)strlen(bad));
	close(fd);
	assert_int_not_equal(theme_load(&t, path, dirs, err, sizeof(err)), 0);
	assert_memory_equal(&t, &before, sizeof(t));
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, ":2: unknown colour 'nope'"));
	unlink(path);
	/* missing file and unknown name: unchanged */
	assert_int_not_equal(theme_load(&t, "/nonexistent/x.theme", dirs, err, sizeof(err)), 0);
	assert_int_not_equal(theme_load(&t, "no-such-theme", dirs, err, sizeof(err)), 0);
	assert_int_not_equal(theme_load(&t, "../../etc/passwd!", dirs, err, sizeof(err)), 0);
	assert_memory_equal(&t, &before, sizeof(t));
}

static void test_shipped_themes(void **state)
{
	const char *const dirs[] = { TT_SRC_THEMES, NULL };

	for (unsigned i = 0; theme_names[i]; i++) {
		struct theme t;
		char err[512] = "";

		if (theme_load(&t, theme_names[i], dirs, err, sizeof(err)))
			fail_msg("%s: %s", theme_names[i], err);
		assert_string_equal(t.name, theme_names[i]);
	}
}

static void test_builtin_is_file(void **state)
{
	static const char *const names[] = { "default", "mono" };
	const char *const dirs[] = { TT_SRC_THEMES, NULL };

	for (unsigned i = 0; i < 2; i++) {
		struct theme a, b;
		char err[512] = "";

		assert_int_equal(theme_builtin(&a, names[i]), 0);
		assert_int_equal(theme_load(&b, names[i], dirs, err, sizeof(err)), 0);
		assert_memory_equal(&a, &b, sizeof(a));
	}
	/* with no theme directory at all, the built-ins still load */
	{
		struct theme t;
		char err[256];
		const char *const none[] = { "/nonexistent", NULL };

		assert_int_equal(theme_load(&t, "mono", none, err, sizeof(err)), 0);
	}
}

static void test_degrade(void **state)
{
	int bright;

	assert_int_equal(colour_degrade(COLOUR_DEFAULT, 8, &bright), COLOUR_DEFAULT);
	assert_int_equal(colour_degrade(3, 8, &bright), 3);
	assert_int_equal(bright, 0);
	/* bright red on 8 colours: red, flagged bright */
	assert_int_equal(colour_degrade(9, 8, &bright), 1);
	assert_int_equal(bright, 1);
	assert_int_equal(colour_degrade(9, 16, &bright), 9);
	/* colour196 is pure red: 16 colours -> bright red, 8 -> red */
	assert_int_equal(colour_degrade(196, 256, &bright), 196);
	assert_int_equal(colour_degrade(196, 16, &bright), 9);
	assert_int_equal(colour_degrade(196, 8, &bright), 1);
	/* RGB goes to the 256-colour cube first */
	assert_int_equal(colour_degrade(COLOUR_RGB | 0xff0000, 256, &bright), 196);
	assert_int_equal(colour_degrade(COLOUR_RGB | 0x000000, 256, &bright), 16);
	/* grey ramp */
	assert_int_equal(colour_degrade(COLOUR_RGB | 0x808080, 256, &bright), 244);
	/* a grey on 8 colours: the default colour, dimmed, never bold black */
	assert_int_equal(colour_degrade(8, 8, &bright), COLOUR_DEFAULT);
	assert_int_equal(bright, -1);
	assert_int_equal(colour_degrade(244, 8, &bright), COLOUR_DEFAULT);
	assert_int_equal(bright, -1);
	assert_int_equal(colour_degrade(8, 16, &bright), 8);
	assert_int_equal(bright, 0);
	assert_int_equal(colour_degrade(5, 0, &bright), COLOUR_DEFAULT);
}

/* COLORFGBG says a light background: white, the bright colours but grey */
static void test_light_background(void **state)
{
	(void)state;
	assert_int_equal(ui_light_background("0;15"), 1);
	assert_int_equal(ui_light_background("0;default;7"), 1);
	assert_int_equal(ui_light_background("12;11"), 1);
	assert_int_equal(ui_light_background("15;0"), 0);
	assert_int_equal(ui_light_background("7;8"), 0);
	/* says nothing: the terminal is asked */
	assert_int_equal(ui_light_background("default;default"), -1);
	assert_int_equal(ui_light_background("15"), -1);
	assert_int_equal(ui_light_background("0;15x"), -1);
	assert_int_equal(ui_light_background("0;-3"), -1);
	assert_int_equal(ui_light_background(""), -1);
	assert_int_equal(ui_light_background(NULL), -1);
}

static void test_strip_colour(void **state)
{
	struct theme t;

	assert_int_equal(theme_builtin(&t, "default"), 0);
	theme_strip_colour(&t);
	for (unsigned r = 0; r < ROLE_MAX; r++) {
		assert_int_equal(t.role[r].fg, COLOUR_DEFAULT);
		assert_int_equal(t.role[r].bg, COLOUR_DEFAULT);
	}
	/* bars that had a background stay visible as reverse video */
	assert_true(t.role[ROLE_TITLE].attr & STYLE_REVERSE);
	assert_true(t.role[ROLE_CURSOR].attr & STYLE_REVERSE);
}

static void test_style_roundtrip(void **state)
{
	struct style st;
	char buf[128], err[128];

	assert_int_equal(style_parse("fg=brightred,bg=colour17,bold,dim", 33, &st, err, sizeof(err)), 0);
	style_format(&st, buf, sizeof(buf));
	assert_string_equal(buf, "fg=brightred,bg=colour17,bold,dim");
	assert_int_equal(style_parse("", 0, &st, err, sizeof(err)), 0);
	assert_int_equal(st.fg, COLOUR_DEFAULT);
}

/* 24-bit terminals: colours as they are written, ANSI 0..7 as numbers. */
static void test_colour_direct(void **state)
{
	int32_t rgb;

	(void)state;
	assert_int_equal(colour_direct(COLOUR_DEFAULT), COLOUR_DEFAULT);
	assert_int_equal(colour_direct(4), 4);
	/* bright red and the grey colour245 as xterm shows them */
	assert_int_equal(colour_direct(9), 0xff0000);
	assert_int_equal(colour_direct(245), 0x8a8a8a);
	assert_int_equal(colour_parse("#ff8800", 7, &rgb), 0);
	assert_int_equal(colour_direct(rgb), 0xff8800);
	/* a near-black that would read as an ANSI colour */
	assert_int_equal(colour_parse("#000003", 7, &rgb), 0);
	assert_int_equal(colour_direct(rgb), 8);
}

/* Answers to OSC 11: light above half luma, whatever the digits per
 * component and the terminator; anything else is no answer. */
static void test_bg_answer(void **state)
{
	static const struct {
		const char *s;
		int want;
	} cases[] = {
		{ "\033]11;rgb:c0c0/c0c0/c0c0\033\\", 1 },
		{ "\033]11;rgb:0000/0000/0000\a", 0 },
		{ "\033]11;rgb:ff/ff/ff\033\\\033[?1;2c", 1 },
		{ "\033]11;rgb:1e1e/1e1e/2e2e\a\033[?62;22c", 0 },
		{ "\033]11;rgb:f/f/e\a", 1 },
		{ "\033[?1;2c", -1 },				/* DA1 only: no OSC 11 */
		{ "\033]11;rgb:zz/00/00\a", -1 },		/* not hex */
		{ "\033]11;rgb:ffff/ffff\a", -1 },		/* two components */
		{ "\033]11;rgb:fffff/ffff/ffff\a", -1 },	/* five digits */
		{ "\033]11;rgb:ffff/ffff/ff", -1 },		/* cut short */
		{ "\033]11;rgb:ffff/ffff/ffff/ffff\a", -1 },	/* four */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = term_bg_parse(cases[i].s, strlen(cases[i].s));

		if (got != cases[i].want)
			print_error("case %zu: got %d\n", i, got);
		assert_int_equal(got, cases[i].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_colour_direct),
		cmocka_unit_test(test_bg_answer),
		cmocka_unit_test(test_unknown_role),
		cmocka_unit_test(test_bad_colour),
		cmocka_unit_test(test_fallback_keeps_old),
		cmocka_unit_test(test_shipped_themes),
		cmocka_unit_test(test_builtin_is_file),
		cmocka_unit_test(test_degrade),
		cmocka_unit_test(test_strip_colour),
		cmocka_unit_test(test_light_background),
		cmocka_unit_test(test_style_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

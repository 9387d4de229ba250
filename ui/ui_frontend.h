/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The interactive front end as the loop sees it. */
#ifndef TRACETOP_UI_FRONTEND_H
#define TRACETOP_UI_FRONTEND_H

#include <stddef.h>
#include "frontend.h"
#include "diag.h"
#include "options.h"

struct ui;

struct ui_frontend {
	struct ui *ui;		/* owned */
	struct frontend fe;
};

/* Enters full-screen mode; report (borrowed, may be NULL) is the probe
 * report the key i shows. 0, or -1 with a sentence in err. */
int ui_frontend_open(struct ui_frontend *u, const struct options *opt, const struct diag *diag,
		const char *report, char *err, size_t errlen);
/* Whether spec names a theme the interface can load (a built-in or an
 * installed name, or a theme file that parses), checked with the other
 * options in every mode: 0, or -1 with a sentence in err. */
int ui_theme_check(const char *spec, char *err, size_t errlen);
/* Whether the terminal on standard output can take the full-screen view
 * (TERM set, known, able to move the cursor), asked before anything
 * starts: 0, or -1 with a sentence in err. */
int ui_terminal_check(char *err, size_t errlen);
/* What a COLORFGBG value ("15;0", "0;default;15") says of the terminal's
 * background: 1 light (then the light theme is the default), 0 dark, -1
 * nothing (unset, or no colour number last: the terminal is asked). */
int ui_light_background(const char *colorfgbg);
/* Restores the terminal; idempotent. */
void ui_frontend_close(struct ui_frontend *u);

#endif

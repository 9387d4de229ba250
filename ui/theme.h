/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Themes: one style per semantic role, read from themes/NAME.theme.
 *
 * A theme file has one "role = style" line per role and '#' comments;
 * roles it does not name are drawn plain. Parsing is transactional: a
 * file with any error changes nothing and yields "file:line: reason".
 * Two themes (default and mono) are compiled in, so tracetop always has
 * something to draw with, even without its data files and with NO_COLOR. */
#ifndef TRACETOP_UI_THEME_H
#define TRACETOP_UI_THEME_H

#include <stddef.h>
#include "role.h"
#include "style.h"

#define THEME_NAME_MAX 64
#define THEME_FILE_MAX (64 * 1024)

struct theme {
	char name[THEME_NAME_MAX];
	struct style role[ROLE_MAX];
};

/* The themes `t` cycles through, in order; NULL-terminated. */
extern const char *const theme_names[];

/* Parses text (len bytes) into *t; on error *t is unchanged and err holds
 * "where:line: reason" (where names the file). 0 or -EINVAL. */
int theme_parse(struct theme *t, const char *name, const char *text, size_t len,
		const char *where, char *err, size_t errlen);
/* The compiled-in theme called name ("default" or "mono"). 0 or -ENOENT. */
int theme_builtin(struct theme *t, const char *name);
/* The compiled-in text of a built-in theme (tests compare it with the
 * file under themes/), or NULL. */
const char *theme_builtin_text(const char *name);
/* Loads a theme by name (looked up as NAME.theme in dirs, then among the
 * built-ins) or by path (anything with a '/' or ending in ".theme").
 * dirs is NULL-terminated. On error *t is unchanged. 0 or -errno. */
int theme_load(struct theme *t, const char *name_or_path, const char *const *dirs,
	       char *err, size_t errlen);
/* Whether s is a theme name (letters, digits, '-' and '_'), not a path. */
int theme_plain_name(const char *s);
/* How many themes theme_names lists. */
unsigned theme_builtin_count(void);
/* Drops every colour, for NO_COLOR and monochrome terminals: a role that
 * stood out by its background becomes reverse video so bars stay bars. */
void theme_strip_colour(struct theme *t);

#endif

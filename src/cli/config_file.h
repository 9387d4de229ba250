/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The configuration file: $XDG_CONFIG_HOME/tracetop/config, or
 * ~/.config/tracetop/config.
 *
 * "key = value" lines and '#' comment lines. The keys are those of the
 * option table's rows (option_table.c), mostly the long option's name
 * (delay, theme, focus, sort, events, ...; "mouse = no" is --no-mouse),
 * and a value is checked with the command line's own rules and
 * messages. The file is applied after the defaults and before
 * argv, so the command line wins. tracetop reads the file at start and
 * writes it only when asked to (--save-config). */
#ifndef TRACETOP_CONFIG_FILE_H
#define TRACETOP_CONFIG_FILE_H

#include <stddef.h>
#include "options.h"

#define CONFIG_DIAG_MAX 8	/* messages kept; later ones are only counted */
#define CONFIG_DIAG_LEN 320

/* What was wrong with a file, one "file:line: message" per problem. */
struct config_diag {
	unsigned n;		/* problems found (may exceed CONFIG_DIAG_MAX) */
	char msg[CONFIG_DIAG_MAX][CONFIG_DIAG_LEN];
};

/* The file tracetop reads and --save-config writes:
 * $XDG_CONFIG_HOME/tracetop/config when XDG_CONFIG_HOME is an absolute
 * path, else $HOME/.config/tracetop/config (HOME from the password
 * database when unset). 0, or -ENAMETOOLONG / -ENOENT (no home). */
int config_default_path(char *buf, size_t len);
/* The same directory's entry name: "themes", the user's themes. */
int config_path_of(const char *name, char *buf, size_t len);

/* Applies the file at path onto o. A missing file is not an error and
 * changes nothing. A bad line (malformed, unknown key, value out of
 * range) adds a message to diag and is skipped; every other line still
 * applies. Returns the number of problems (0: all applied), or a
 * negative errno when the file exists but cannot be read (diag says
 * why). Values are copied: o may outlive the file's text. */
int config_load(struct options *o, const char *path, struct config_diag *diag);
/* Adds a problem of the file path (at line; 0: the file as a whole),
 * made safe to print. */
__attribute__((format(printf, 4, 5)))
void config_diag_add(struct config_diag *diag, const char *path, unsigned line,
		     const char *fmt, ...);

/* Writes o's settings to path: a new file gets every setting the file
 * can hold; an existing one keeps its lines but for the settings whose
 * value changed, and gets those it lacks at its end; one that does not
 * read back cleanly (config_load finds a problem) is refused with
 * -EINVAL, the first problem in err, and left as it is. Replaces the
 * file atomically: a temporary file in the same directory, fsync, rename,
 * then fsync of the directory. The directory is created (0700) when it
 * is missing, like ~/.config/tracetop. Returns 0, or a negative errno
 * with a one-line message in err; on failure the old file is untouched
 * and no temporary file is left behind. */
int config_save(const struct options *o, const char *path, char *err, size_t len);

#endif

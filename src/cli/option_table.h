/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The option table: one row per setting (option_table.c), and the
 * functions src/cli/ reads it with. Private to src/cli/ and its tests:
 * the program and the interface see struct options and options.h only.
 *
 * A row says everything about one setting: how the command line spells
 * it, the type of its value and where struct options keeps it, its
 * default, limits or choices, its help text, and the key that holds it
 * in the configuration file. Parsing argv and options_set/options_get
 * (options.c), the values (option_value.c), --help and the comments of
 * a saved file (option_text.c) and the file's keys (config_file.c) are
 * all derived from it, so none of them can state a limit or a name of
 * its own. */
#ifndef TRACETOP_OPTION_TABLE_H
#define TRACETOP_OPTION_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include "options.h"

enum opt_type {
	OPT_BOOL,	/* bool: a flag on the command line, yes/no by name or key */
	OPT_MODE,	/* a flag that raises an enum field to .mode (--json beats -b) */
	OPT_UINT,	/* an unsigned decimal in [min, max] */
	OPT_SECONDS,	/* a plain decimal of seconds in [min, max] (a double) */
	OPT_CHOICE,	/* one of .choices, kept as its index: an enum */
	OPT_STRING,	/* text, not empty, kept by pointer */
	OPT_SOURCES,	/* source names separated by commas: a bit mask */
	OPT_FILTER,	/* an event filter expression (filter.h), kept by pointer */
	OPT_COMM_RE,	/* a pattern of process names (scope.h), kept by pointer */
	OPT_IDS,	/* ids in [min, max] separated by commas, in a struct tt_ids;
			 * given again, more of them; with OPTF_USERS user names too */
};

#define OPTF_POW2 (1u << 0)	/* OPT_UINT: a power of two too */
#define OPTF_UNSET (1u << 1)	/* the default means "not set": nothing reads back */
#define OPTF_NEGATE (1u << 2)	/* OPT_BOOL: the flag clears the field (--no-mouse);
				 * its key holds the field itself (mouse = no) */
#define OPTF_USERS (1u << 3)	/* OPT_IDS: a user name stands for its uid */

/* Numbers (defaults, limits) are doubles: each one here is an integer
 * well below 2^53 or a number of seconds, which a double holds. */
struct opt_row {
	const char *name;	/* long option; the name options_set/get take */
	char short_name;	/* the one-letter form, or 0 */
	enum opt_type type;
	size_t offset, size;	/* of the field in struct options */
	double def;		/* default; string rows default to NULL */
	double min, max;	/* OPT_UINT, OPT_SECONDS, OPT_IDS */
	unsigned mode;		/* OPT_MODE: the value the flag sets */
	const char *const *choices;	/* OPT_CHOICE: names by value, NULL-ended */
	unsigned flags;		/* OPTF_* */
	const char *what;	/* the value in messages: "a number of events" */
	const char *unit;	/* said after the limits in messages, or NULL */
	const char *metavar;	/* the value in --help; NULL for a flag */
	const char *group;	/* starts a --help section; NULL continues one */
	const char *help;	/* --help text, with %L %D %C (option_text.c) */
	const char *key;	/* configuration file key; NULL: command line only */
	const char *comment;	/* above the key in a saved file; NULL: the help */
};

#define OPT_ROWS_MAX 48	/* room in getopt_long's tables (options.c) */

extern const struct opt_row opt_rows[];
extern const size_t opt_n_rows;

const struct opt_row *opt_row_by_name(const char *name);
const struct opt_row *opt_row_by_key(const char *key);
/* The row whose long option tok ("name" or "name=value") abbreviates,
 * as getopt_long takes it: an exact name, or the only one it begins. */
const struct opt_row *opt_row_by_prefix(const char *tok);

/* Where the message goes while one value is set. */
struct opt_ctx {
	const char *prefix;	/* "tracetop: " on the command line, else "" */
	const char *name;	/* the option as spelled: "-d", "--delay", "delay" */
	char *err;
	size_t errlen;
};

/* Writes prefix and the message, with what the user typed escaped for
 * the terminal. Returns -EINVAL. */
int opt_fail(struct opt_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* --- option_value.c: one row's value, in the field's own sense -------- */

void opt_value_default(const struct opt_row *r, struct options *o);
/* The command-line flag, given without a value (OPT_BOOL, OPT_MODE). */
void opt_value_flag(const struct opt_row *r, struct options *o);
/* Sets the field from text, with the checks and messages of the
 * command line. 0, or -EINVAL with o unchanged. */
int opt_value_set(const struct opt_row *r, struct opt_ctx *c, const char *text,
		  struct options *o);
/* The field as text that opt_value_set reads back the same. 0, or
 * -ENODATA when it is not set (no pid, no theme...). */
int opt_value_get(const struct opt_row *r, const struct options *o, char *buf, size_t len);
/* The i-th name the row takes (OPT_CHOICE, OPT_SOURCES), NULL past the
 * last. */
const char *opt_value_choice(const struct opt_row *r, unsigned i);
/* The limits as a reader says them: "0.1 to 3600"; "" without any. */
void opt_value_limits(const struct opt_row *r, char *buf, size_t len);

/* --- option_text.c: texts made from the rows ------------------------- */

/* Appends to buf at *used, never past len; *used counts on past len, so
 * *used >= len afterwards means the text did not fit. */
void opt_text_put(char *buf, size_t len, size_t *used, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A row's text with %L (limits), %D (default) and %C ("a, b or c")
 * filled in. */
void opt_text_expand(const struct opt_row *r, const char *tmpl, char *buf, size_t len);
/* Appends text to buf at *used, in lines of at most width bytes: lead
 * before the first, cont before the others, '\n' between them. A '\n'
 * in text breaks the line there; a word is never split. */
void opt_text_wrap(char *buf, size_t len, size_t *used, const char *text, size_t width,
		   const char *lead, const char *cont);

#endif

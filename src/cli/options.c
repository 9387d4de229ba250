/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Command-line options: argv -> struct options, and options_set/get by
 * name, all driven by the option table (option_table.c). getopt_long's
 * tables are derived from its rows; each value goes through the row's
 * type (option_value.c), so a limit or a message is never written here.
 *
 * Parsing is pure and repeatable (tests call it many times): it prints
 * nothing, resets getopt's state itself, and on error leaves *o as it
 * was and explains in one line which option was wrong and what it
 * accepts. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "option_table.h"

/* getopt_long's code of a row: its letter, or above any char. */
#define LONG_ONLY 256

void options_defaults(struct options *o)
{
	memset(o, 0, sizeof(*o));
	for (size_t i = 0; i < opt_n_rows; i++)
		opt_value_default(&opt_rows[i], o);
}

static bool takes_value(const struct opt_row *r)
{
	return r->type != OPT_BOOL && r->type != OPT_MODE;
}

/* getopt_long's tables, derived from the rows. */
static void opt_build(struct option *lo, char *shorts)
{
	char *s = shorts;

	/* '+': stop at the first non-option instead of reordering argv;
	 * ':': report a missing value as ':' */
	*s++ = '+';
	*s++ = ':';
	for (size_t i = 0; i < opt_n_rows; i++) {
		const struct opt_row *r = &opt_rows[i];

		lo[i] = (struct option){ r->name, takes_value(r) ? required_argument : no_argument,
					 NULL, r->short_name ? r->short_name : LONG_ONLY + (int)i };
		if (r->short_name) {
			*s++ = r->short_name;
			if (takes_value(r))
				*s++ = ':';
		}
	}
	lo[opt_n_rows] = (struct option){ NULL, 0, NULL, 0 };
	*s = '\0';
}

/* The row of getopt_long's code rc. */
static const struct opt_row *row_of(int rc)
{
	if (rc >= LONG_ONLY)
		return &opt_rows[rc - LONG_ONLY];
	for (size_t i = 0; i < opt_n_rows; i++)
		if (opt_rows[i].short_name == rc)
			return &opt_rows[i];
	return NULL;
}

/* The options whose names start with the len bytes of tok, as
 * "'--a' '--b'" in buf: how many there are. */
static size_t candidates(const char *tok, size_t len, char *buf, size_t size)
{
	size_t n = 0, at = 0;

	buf[0] = '\0';
	for (size_t i = 0; len && i < opt_n_rows; i++) {
		if (strncmp(tok, opt_rows[i].name, len))
			continue;
		if (at < size)
			at += (size_t)snprintf(buf + at, size - at, "%s'--%s'", n ? " " : "",
					       opt_rows[i].name);
		n++;
	}
	return n;
}

/* Explains why getopt_long() refused the option it just read, in one
 * line: the caller adds the one hint (Try 'tracetop --help'). */
static int opt_refused(struct opt_ctx *c, int rc, char **argv)
{
	const char *tok = optind > 0 ? argv[optind - 1] : NULL;

	if (tok && !strncmp(tok, "--", 2)) {
		const struct opt_row *r = opt_row_by_prefix(tok + 2);
		int len = (int)strcspn(tok, "=");
		char those[512];

		if (rc == ':')
			return opt_fail(c, "%.*s: missing value", len, tok);
		if (r && !takes_value(r) && strchr(tok, '='))
			return opt_fail(c, "--%s: takes no value", r->name);
		/* a prefix of several: GNU's words */
		if (candidates(tok + 2, (size_t)len - 2, those, sizeof(those)) > 1)
			return opt_fail(c, "option '%.*s' is ambiguous; possibilities: %s", len, tok,
					those);
		return opt_fail(c, "unknown option '%.*s'", len, tok);
	}
	if (rc == ':')
		return opt_fail(c, "-%c: missing value", optopt);
	if (optopt > ' ' && optopt < 127)
		return opt_fail(c, "unknown option '-%c'", optopt);
	return opt_fail(c, "unknown option");
}

int options_parse(struct options *o, int argc, char **argv, char *err, size_t errlen)
{
	struct options tmp;
	int rc;

	options_defaults(&tmp);
	rc = options_parse_over(&tmp, argc, argv, err, errlen);
	if (!rc)
		*o = tmp;
	return rc;
}

int options_parse_over(struct options *o, int argc, char **argv, char *err, size_t errlen)
{
	struct option lo[OPT_ROWS_MAX + 1];
	char shorts[2 * OPT_ROWS_MAX + 3], name[48];
	struct opt_ctx c = { .prefix = "tracetop: ", .name = name, .err = err, .errlen = errlen };
	struct options tmp;
	int rc, li;

	if (errlen)
		err[0] = '\0';
	tmp = *o;
	opt_build(lo, shorts);
	/* optind 0 makes glibc reinitialise getopt completely */
	optind = 0;
	opterr = 0;
	for (;;) {
		const struct opt_row *r;

		li = -1;
		rc = getopt_long(argc, argv, shorts, lo, &li);
		if (rc == -1)
			break;
		if (rc == '?' || rc == ':')
			return opt_refused(&c, rc, argv);
		r = row_of(rc);
		if (!r)
			return opt_fail(&c, "internal error: option %d has no row", rc);
		if (li >= 0)
			snprintf(name, sizeof(name), "--%s", r->name);
		else
			snprintf(name, sizeof(name), "-%c", rc);
		if (!takes_value(r))
			opt_value_flag(r, &tmp);
		else if (opt_value_set(r, &c, optarg, &tmp))
			return -EINVAL;
	}
	if (optind < argc)
		return opt_fail(&c, "unexpected argument '%s'", argv[optind]);
	*o = tmp;
	return 0;
}

/* options_set and options_get speak of a flag as the flag: no-mouse =
 * yes is --no-mouse. The row's value is the field's own (mouse = no). */
int options_set(struct options *o, const char *name, const char *value, char *err, size_t errlen)
{
	const struct opt_row *r = opt_row_by_name(name);
	struct opt_ctx c = { .prefix = "", .name = name, .err = err, .errlen = errlen };
	bool on;

	if (errlen)
		err[0] = '\0';
	if (!r)
		return -ENOENT;
	if (!value)
		value = "";
	if (r->flags & OPTF_NEGATE) {
		if (options_bool(value, &on))
			return opt_fail(&c, "%s: '%s' is not yes or no", name, value);
		value = on ? "no" : "yes";
	}
	return opt_value_set(r, &c, value, o);
}

int options_get(const struct options *o, const char *name, char *buf, size_t len)
{
	const struct opt_row *r = opt_row_by_name(name);
	int rc;

	if (!r)
		return -ENOENT;
	rc = opt_value_get(r, o, buf, len);
	if (!rc && (r->flags & OPTF_NEGATE))
		snprintf(buf, len, "%s", strcmp(buf, "yes") ? "yes" : "no");
	return rc;
}

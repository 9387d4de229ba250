/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Texts made from the option table: --help, and the words a saved
 * configuration file writes above each key (config_file.c).
 *
 * A row's help text names its own facts instead of repeating them, so a
 * limit, a default or a list of names is written once, in the row:
 *   %L  its limits: "0.1 to 3600"
 *   %D  its default, as options_get() reads it back: "1", "auto"
 *   %C  the names it takes: "auto, fentry, kprobe or tracepoint"
 * Lines are wrapped to fit 80 columns; a '\n' in a help text breaks the
 * line where the words alone would not (an example on a line of its own). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "option_table.h"

#define HELP_LEFT 27		/* columns before the help texts */
#define HELP_WIDTH (79 - HELP_LEFT)

void opt_text_put(char *buf, size_t len, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf + (*used < len ? *used : len), *used < len ? len - *used : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		*used += (size_t)n;
}

/* "a, b or c": the names the row takes. */
static void choices_text(const struct opt_row *r, char *buf, size_t len, size_t *used)
{
	const char *name;
	unsigned n = 0;

	while (opt_value_choice(r, n))
		n++;
	for (unsigned i = 0; (name = opt_value_choice(r, i)); i++)
		opt_text_put(buf, len, used, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
			     name);
}

void opt_text_expand(const struct opt_row *r, const char *tmpl, char *buf, size_t len)
{
	struct options def;
	char value[256];
	size_t used = 0;

	if (len)
		buf[0] = '\0';
	for (const char *p = tmpl; *p; p++) {
		if (*p != '%' || !p[1]) {
			opt_text_put(buf, len, &used, "%c", *p);
			continue;
		}
		switch (*++p) {
		case 'L':
			opt_value_limits(r, value, sizeof(value));
			opt_text_put(buf, len, &used, "%s", value);
			break;
		case 'D':
			options_defaults(&def);
			if (opt_value_get(r, &def, value, sizeof(value)))
				value[0] = '\0';
			opt_text_put(buf, len, &used, "%s", value);
			break;
		case 'C':
			choices_text(r, buf, len, &used);
			break;
		default:
			opt_text_put(buf, len, &used, "%c", *p);
		}
	}
}

void opt_text_wrap(char *buf, size_t len, size_t *used, const char *text, size_t width,
		   const char *lead, const char *cont)
{
	const char *p = text;

	for (;;) {
		size_t take = strcspn(p, "\n");

		if (take > width) {
			/* the last blank that keeps the line within width */
			size_t cut = width;

			while (cut > 0 && p[cut] != ' ')
				cut--;
			take = cut ? cut : strcspn(p, " \n");
		}
		opt_text_put(buf, len, used, "%s%.*s", p == text ? lead : cont, (int)take, p);
		p += take;
		while (*p == ' ')
			p++;
		if (*p == '\n')
			p++;
		if (!*p)
			break;
		opt_text_put(buf, len, used, "\n");
	}
}

/* One option's lines: "  -d, --delay SECS         seconds between...". */
static void usage_row(const struct opt_row *r, char *buf, size_t len, size_t *used)
{
	char left[64], shortname[8] = "    ", help[1024], indent[HELP_LEFT + 1];

	if (r->short_name)
		snprintf(shortname, sizeof(shortname), "-%c, ", r->short_name);
	snprintf(left, sizeof(left), "  %s--%s%s%s", shortname, r->name, r->metavar ? " " : "",
		 r->metavar ? r->metavar : "");
	opt_text_put(buf, len, used, "%-*s", HELP_LEFT, left);
	if (strlen(left) >= HELP_LEFT)
		opt_text_put(buf, len, used, "\n%*s", HELP_LEFT, "");
	memset(indent, ' ', HELP_LEFT);
	indent[HELP_LEFT] = '\0';
	opt_text_expand(r, r->help, help, sizeof(help));
	opt_text_wrap(buf, len, used, help, HELP_WIDTH, "", indent);
	opt_text_put(buf, len, used, "\n");
}

void options_usage(FILE *f)
{
	char buf[16384];
	size_t len = sizeof(buf), used = 0;

	opt_text_put(buf, len, &used, "%s",
		     "Usage: tracetop [OPTION]...\n"
		     "Watch exec and open calls, VFS rates, block I/O latency and syscalls live.\n");
	for (size_t i = 0; i < opt_n_rows; i++) {
		if (opt_rows[i].group)
			opt_text_put(buf, len, &used, "\n%s:\n", opt_rows[i].group);
		usage_row(&opt_rows[i], buf, len, &used);
	}
	opt_text_put(buf, len, &used, "%s",
		     "\nExit status: 0 ok, 1 runtime error, 2 bad usage, 3 missing privileges,\n"
		     "4 kernel lacks BPF support, 5 no source could be started.\n");
	fwrite(buf, 1, used < len ? used : len - 1, f);
}

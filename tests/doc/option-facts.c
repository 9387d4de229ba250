/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Prints the facts of the option table that the documentation must
 * repeat, one per line, for tests/doc/options-in-man.test:
 *
 *   NAME limits LO to HI     when the row's help states its limits (%L)
 *   NAME default VALUE       when it states its default (%D)
 *   NAME choice WORD         each name it takes, when it lists them (%C)
 *   NAME key KEY             the configuration file's key
 *
 * The rule is the one --help follows: what the table's help text says of
 * a row, the manual page says too, with the same numbers and names. */
#include <stdio.h>
#include <string.h>
#include "option_table.h"

static void facts(const struct opt_row *r)
{
	struct options def;
	char buf[256];
	const char *name;

	if (strstr(r->help, "%L")) {
		opt_value_limits(r, buf, sizeof(buf));
		printf("%s limits %s\n", r->name, buf);
	}
	options_defaults(&def);
	if (strstr(r->help, "%D") && !opt_value_get(r, &def, buf, sizeof(buf)))
		printf("%s default %s\n", r->name, buf);
	if (strstr(r->help, "%C"))
		for (unsigned i = 0; (name = opt_value_choice(r, i)); i++)
			printf("%s choice %s\n", r->name, name);
	if (r->key)
		printf("%s key %s\n", r->name, r->key);
}

int main(void)
{
	for (size_t i = 0; i < opt_n_rows; i++)
		facts(&opt_rows[i]);
	return ferror(stdout) ? 1 : 0;
}

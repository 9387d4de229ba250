/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Plain decimal numbers (plain_number.h). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "plain_number.h"

/* An unsigned decimal number: digits only, no sign, no blanks. */
int parse_u64(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (*s < '0' || *s > '9')
			return -EINVAL;
		if (v > (UINT64_MAX - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/* "12", "0.5", "1." or ".25": a plain decimal, locale-independent. */
int parse_decimal(const char *s, double *out)
{
	double v = 0, scale = 1;
	bool digits = false, dot = false;

	for (; *s; s++) {
		if (*s == '.' && !dot) {
			dot = true;
		} else if (*s >= '0' && *s <= '9') {
			digits = true;
			if (dot) {
				scale /= 10;
				v += (*s - '0') * scale;
			} else {
				v = v * 10 + (*s - '0');
			}
		} else {
			return -EINVAL;
		}
	}
	if (!digits)
		return -EINVAL;
	*out = v;
	return 0;
}

/* Seconds as parse_decimal() reads them back: no exponent, no locale,
 * no trailing zeros. */
void fmt_seconds(double v, char *buf, size_t len)
{
	unsigned long long us = (unsigned long long)(v * 1e6 + 0.5);
	char *end;

	snprintf(buf, len, "%llu.%06llu", us / 1000000, us % 1000000);
	end = buf + strlen(buf);
	while (end > buf && end[-1] == '0')
		*--end = '\0';
	if (end > buf && end[-1] == '.')
		*--end = '\0';
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Plain decimal numbers, read and written the same in every locale.
 *
 * Options take numbers parsed by hand, not with strtod/strtoul: those
 * accept signs, blanks, hex and "inf", and strtod follows the locale's
 * decimal point, which would make "-d 0.5" fail under some locales. */
#ifndef TRACETOP_PLAIN_NUMBER_H
#define TRACETOP_PLAIN_NUMBER_H

#include <stddef.h>
#include <stdint.h>

/* Digits only: no sign, no blanks. 0, -EINVAL or -ERANGE. */
int parse_u64(const char *s, uint64_t *out);
/* "12", "0.5", "1." or ".25". 0 or -EINVAL. */
int parse_decimal(const char *s, double *out);
/* v as parse_decimal() reads it back, to the microsecond, without
 * trailing zeros: "0.1", "2", "1.25". */
void fmt_seconds(double v, char *buf, size_t len);

#endif

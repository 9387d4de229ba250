/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Numbers in the few columns a terminal pane has: "12.3k", "1.20M". */
#ifndef TRACETOP_UI_FORMAT_H
#define TRACETOP_UI_FORMAT_H

#include <stddef.h>
#include <stdint.h>

/* A rate: "0", "0.5", "12.3", "950", "12.3k", "1.23M". At most 6 chars. */
char *fmt_rate(double v, char *buf, size_t len);
/* A count: exact up to 999999, then "1.23M", "45.6G". At most 7 chars. */
char *fmt_count(uint64_t v, char *buf, size_t len);
/* A percentage of part in whole: "0", "12.5", "100". */
char *fmt_percent(double part, double whole, char *buf, size_t len);
/* Time in a call per second as a percentage of a second, uncapped:
 * fifty threads waiting in futex are 5000 %. */
char *fmt_busy(double busy, char *buf, size_t len);
/* A duration in seconds: "45s", "12m03s", "3h07m", "4d02h". */
char *fmt_uptime(uint64_t s, char *buf, size_t len);
/* An interval: "1s", "0.5s", "2.5s". */
char *fmt_interval(double s, char *buf, size_t len);

#endif

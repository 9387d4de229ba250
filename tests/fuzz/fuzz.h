/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared by tracetop's fuzz targets: the libFuzzer entry point (also
 * called by replay.c, which runs the checked-in corpora under make check)
 * and the properties every writer's output must have. */
#ifndef TRACETOP_FUZZ_H
#define TRACETOP_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints what went wrong and the offending bytes, then aborts: libFuzzer
 * and replay.c both report the input that got there. */
__attribute__((noreturn))
void fuzz_fail(const char *what, const void *buf, size_t len);

/* Length (1..4) of the well-formed UTF-8 character at s, or 0 for a byte
 * that starts no well-formed character (RFC 3629, table 3-7 of Unicode:
 * no overlongs, no surrogates, nothing above U+10FFFF). */
size_t fuzz_utf8_char(const unsigned char *s, size_t len);

/* Aborts unless buf is safe to show on a terminal: well-formed UTF-8,
 * no byte below 0x20 (but '\n' when newlines is set), no 0x7f, and no C1
 * control (U+0080..U+009F). */
void fuzz_check_terminal_safe(const char *buf, size_t len, int newlines, const char *what);

/* Aborts unless buf[0..len) is exactly one JSON value (RFC 8259), with
 * nothing but blanks around it. */
void fuzz_check_json(const char *buf, size_t len, const char *what);

/* Aborts unless buf[0..len) is a well-formed exposition: terminal-safe
 * UTF-8 text, lines of HELP, TYPE (and with openmetrics UNIT) comments
 * and samples name{label="escaped value",...} value; each histogram's
 * buckets in order of rising le, cumulative, closed by +Inf, which equals
 * its _count; # EOF last in OpenMetrics and absent otherwise. Returns
 * the number of histograms. */
int fuzz_check_exposition(const char *buf, size_t len, int openmetrics, const char *what);

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Making kernel-supplied bytes (comm, paths, argv) safe to show.
 *
 * Traced processes control these bytes. Nothing they contain may reach a
 * terminal as a control sequence: bytes below 0x20, 0x7f and invalid
 * UTF-8 are written as visible escapes (\n, \t, \r, otherwise \xNN such
 * as \x1b), a backslash as \\. Valid UTF-8 passes through, but for the
 * C1 controls (\xc2\x9b...) and the invisible characters that change how
 * text reads (bidi overrides, zero-width characters, U+FEFF...), shown as
 * \uXXXX, or \u{XXXXX} above U+FFFF. */
#ifndef TRACETOP_SANITIZE_H
#define TRACETOP_SANITIZE_H

#include <stddef.h>
#include <stdio.h>

/* Writes the escaped form of src[0..len) into dst (always NUL-terminated
 * when dstlen > 0). Returns the length the full escaped string needs,
 * like snprintf; output is cut only at escape boundaries. */
size_t sanitize(char *dst, size_t dstlen, const char *src, size_t len);
void sanitize_fputs(FILE *f, const char *src, size_t len);
/* Writes src as a JSON string literal, quotes included: valid UTF-8
 * passes, control bytes and C1 become \u00XX, the invisible characters
 * above \uXXXX (a surrogate pair above U+FFFF), and each invalid byte b
 * the lone surrogate U+DC80 + (b - 0x80), "\udcXX". */
void json_fputs(FILE *f, const char *src, size_t len);

#endif

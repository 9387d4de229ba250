/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The texts of the compiled-in themes, generated from themes/default.theme
 * and themes/mono.theme by ui/theme-embed.sh at build time, so the
 * built-ins and the shipped files can never drift apart. */
#ifndef TRACETOP_UI_THEME_BUILTIN_H
#define TRACETOP_UI_THEME_BUILTIN_H

extern const char theme_builtin_default[];
extern const char theme_builtin_mono[];

#endif

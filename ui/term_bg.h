/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Asking the terminal for its background colour (xterm's OSC 11), so
 * that a light background gets the light theme where COLORFGBG says
 * nothing. No curses: it runs before curses takes the terminal. */
#ifndef TRACETOP_UI_TERM_BG_H
#define TRACETOP_UI_TERM_BG_H

#include <stddef.h>

/* Whether an answer to OSC 11 in buf[0..len) ("ESC ] 11 ; rgb:R/G/B"
 * ended by BEL or ESC \, each of R, G, B one to four hex digits) is a
 * light colour (its luma above one half): 1 light, 0 dark, -1 no answer
 * in buf. */
int term_bg_parse(const char *buf, size_t len);
/* Asks the terminal (writing to out, reading fd, both ttys) with OSC 11
 * and then DA1, which every terminal answers: one that does not know OSC
 * 11 costs a round trip, not a timeout. Waits at most ms for the DA1
 * answer (then drops what is still unread, lest a late answer come in
 * as keys; term.c drops one that comes later still); what came is
 * parsed with term_bg_parse, and keys typed meanwhile are lost. Signals
 * that would end tracetop wait (^C is a byte) until the tty's settings
 * are put back. 1 light, 0 dark, -1 not said. */
int term_bg_query(int fd, int out, int ms);

#endif

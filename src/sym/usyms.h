/* SPDX-License-Identifier: GPL-2.0-or-later */
/* User-space symbols of sampled processes, with elfutils' libdwfl: each
 * process's mappings are read from /proc/PID/maps the first time it is
 * sampled (so that one which exits before the tick is still named), its
 * modules' ELF symbol tables (and their separate debug files, where
 * installed) read when an address in them is first looked up, and each
 * (module, offset) named once for every process that maps the module.
 * Addresses in no module are looked up in the process's JIT perf map
 * (/tmp/perf-PID.map) where there is one. What has no symbol is named
 * module+0xoffset; what is in no mapping, [unknown]. */
#ifndef TRACETOP_USYMS_H
#define TRACETOP_USYMS_H

#include <stddef.h>
#include <stdint.h>
#include "profile.h"

struct usyms;

/* NULL when out of memory. */
struct usyms *usyms_new(void);
void usyms_free(struct usyms *u);
/* A sample of tgid came: reads its mappings now if not held yet. */
void usyms_note(struct usyms *u, uint32_t tgid);
/* Names ip in process tgid into buf; the frame's kind. */
enum prof_kind usyms_find(struct usyms *u, uint32_t tgid, uint64_t ip, char *buf, size_t len);
/* Once a tick: lets go of processes not sampled for a while. */
void usyms_tick(struct usyms *u);
/* Processes held, names cached (for the tests and the bench). */
size_t usyms_procs(const struct usyms *u);
size_t usyms_cached(const struct usyms *u);

#endif

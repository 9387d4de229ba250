/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Large, long-lived buffers (the event log's slots and text arena):
 * anonymous mappings that ask for transparent huge pages, faulted in at
 * once by bigmem_populate. A page touched for the first time costs more
 * than the event stored in it (zeroing, and on a virtual machine often
 * the host's own fault): paid at start, it is never paid on the event
 * path, and the memory tracetop will use is taken, and seen in its RSS,
 * from the start rather than in the middle of an incident. */
#ifndef TRACETOP_BIGMEM_H
#define TRACETOP_BIGMEM_H

#include <stddef.h>

/* size bytes, zero-filled, or NULL. */
void *bigmem_alloc(size_t size);
/* Faults in the pages of p from bigmem_alloc(size). The caller chooses
 * when: the app does it once loading the BPF programs has freed its
 * memory, so the two never add up to a peak. */
void bigmem_populate(void *p, size_t size);
/* p from bigmem_alloc(size), or NULL. */
void bigmem_free(void *p, size_t size);

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Kernel symbols from /proc/kallsyms: the text symbols, sorted, found
 * by address. The file is opened at start, while tracetop may still read
 * the addresses (the kernel checks the opener's credentials), and read
 * the first time an address is looked up. */
#ifndef TRACETOP_KSYMS_H
#define TRACETOP_KSYMS_H

#include <stddef.h>
#include <stdint.h>

struct ksyms;

/* Opens path (NULL: /proc/kallsyms); NULL with errno set. */
struct ksyms *ksyms_open(const char *path);
void ksyms_free(struct ksyms *k);
/* Parses a kallsyms text (tests). 0 or -1. */
int ksyms_parse(struct ksyms *k, const char *text, size_t len);
/* The symbol holding addr and the offset into it; NULL when addr is
 * below every symbol or the addresses are hidden (all zero). *module is
 * the module's name, or NULL for the kernel image. */
const char *ksyms_find(struct ksyms *k, uint64_t addr, uint64_t *off, const char **module);
/* Symbols held (after the first lookup). */
size_t ksyms_count(const struct ksyms *k);

#endif

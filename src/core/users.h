/* SPDX-License-Identifier: GPL-2.0-or-later */
/* User names by uid, for the processes table and the batch text: the
 * password database (NSS) may be slow, and a frame or a snapshot asks
 * for the same few uids again and again, so names are cached. */
#ifndef TRACETOP_USERS_H
#define TRACETOP_USERS_H

#include <stddef.h>
#include <stdint.h>

/* uid's name, sanitised (sanitize.h), or the number when it has none;
 * written into buf, which is returned. */
const char *user_name(uint32_t uid, char *buf, size_t len);

#endif

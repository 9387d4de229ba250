/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Files a user names (a theme, the configuration, the log): regular
 * files only. A FIFO would block tracetop before its screen came up, a
 * device would feed it endless bytes, a directory says nothing useful;
 * and what such a file holds is never quoted back beyond a short,
 * escaped excerpt (a theme pointed at /etc/shadow must not put a
 * password hash on the screen). */
#ifndef TRACETOP_REGFILE_H
#define TRACETOP_REGFILE_H

#include <stddef.h>
#include <sys/types.h>

/* open(2) of path with flags (O_CLOEXEC and O_NOCTTY added), without
 * blocking on a FIFO: a descriptor of a regular file, or -errno
 * (-EISDIR for a directory, -EINVAL for any other kind of file). */
int regfile_open(const char *path, int flags, mode_t mode);
/* The whole of path, a regular file of at most max bytes: a malloc'd
 * buffer of *len bytes (and a NUL after them), or NULL with errno set
 * (EINVAL, EISDIR as regfile_open; EFBIG: larger than max). */
char *regfile_read(const char *path, size_t max, size_t *len);
/* write(2) of all n bytes of buf, again after EINTR or a short write:
 * 0, or -errno (-EIO when a write made no progress). */
int regfile_write_all(int fd, const void *buf, size_t n);
/* The directory that holds path into dir: "." for a bare name, "/" for
 * a name at the root. 0, or -1 when it does not fit in len. */
int regfile_dirname(const char *path, char *dir, size_t len);
/* fsync(2) of the directory that holds path, so that a name made or
 * replaced there lasts a crash (a failure changes nothing to say: the
 * file itself is synced). */
void regfile_sync_dir(const char *path);
/* What regfile_open's err (positive) means, for a message. */
const char *regfile_strerror(int err);
/* A short excerpt of n bytes at s for a message: at most
 * REGFILE_EXCERPT bytes of it, escaped (see sanitize.h), with "..."
 * when cut. */
#define REGFILE_EXCERPT 16
/* Room for one: every byte escaped (4 each), "..." and the NUL. */
#define REGFILE_EXCERPT_SIZE (4 * REGFILE_EXCERPT + 8)
void regfile_excerpt(char *dst, size_t dstlen, const char *s, size_t n);

#endif

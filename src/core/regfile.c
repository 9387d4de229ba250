/* SPDX-License-Identifier: GPL-2.0-or-later */
/* regfile.h: regular files only, and short excerpts of them. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "regfile.h"
#include "sanitize.h"

int regfile_open(const char *path, int flags, mode_t mode)
{
	struct stat st;
	int fd, err;

	/* said before opening: a FIFO without a reader would otherwise
	 * answer a write-only open with ENXIO, which explains nothing */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
	/* and checked again on what was opened: the name may have changed */
	fd = open(path, flags | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, mode);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st)) {
		err = -errno;
		close(fd);
		return err;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
	}
	/* a regular file never blocks; O_NONBLOCK was for the open only */
	if (!(flags & O_NONBLOCK))
		(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

char *regfile_read(const char *path, size_t max, size_t *len)
{
	int fd = regfile_open(path, O_RDONLY, 0);
	size_t n = 0;
	char *buf;

	if (fd < 0) {
		errno = -fd;
		return NULL;
	}
	buf = malloc(max + 2);
	if (!buf) {
		close(fd);
		errno = ENOMEM;
		return NULL;
	}
	/* one byte more than max tells a file that is too large */
	while (n <= max) {
		ssize_t r = read(fd, buf + n, max + 1 - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			close(fd);
			free(buf);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (n > max) {
		free(buf);
		errno = EFBIG;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

const char *regfile_strerror(int err)
{
	if (err == EINVAL)
		return "not a regular file";
	if (err == EISDIR)
		return "is a directory";
	return strerror(err);
}

void regfile_excerpt(char *dst, size_t dstlen, const char *s, size_t n)
{
	size_t cut = n > REGFILE_EXCERPT ? REGFILE_EXCERPT : n;
	size_t len;

	if (!dstlen)
		return;
	/* a UTF-8 character cut in two comes out as escapes: harmless */
	sanitize(dst, dstlen, s, cut);
	len = strlen(dst);
	if (cut < n && len + 4 <= dstlen)
		memcpy(dst + len, "...", 4);
}

int regfile_write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? -errno : -EIO;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int regfile_dirname(const char *path, char *dir, size_t len)
{
	char *slash;

	if (!len || snprintf(dir, len, "%s", path) >= (int)len)
		return -1;
	slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, len, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	return 0;
}

void regfile_sync_dir(const char *path)
{
	char dir[4096];
	int fd;

	if (regfile_dirname(path, dir, sizeof(dir)))
		return;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

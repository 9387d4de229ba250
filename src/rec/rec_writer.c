/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The recording writer; see rec_writer.h. */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include "regfile.h"
#include "rec_format.h"
#include "rec_snap.h"
#include "rec_writer.h"

/* zstd's level -3 (zstd --fast=3): events arrive already dense (each
 * against the one before, rec_snap.c), where level 1 gains little more
 * (5.0 against 5.5 bytes an event on a storm of failing opens) at twice
 * the time, and the recorder runs at every interval of the screen too
 * (looking back). bench/RESULTS.md has the figures. */
#define REC_LEVEL (-3)

struct rec_writer {
	int fd;
	bool regular;		/* a regular file: can be cut back after a failure */
	char *path;
	ZSTD_CCtx *cctx;
	unsigned in_frame;	/* ticks in the zstd frame being written */
	struct rec_tick_enc enc;	/* the encoder's buffers, kept */
	uint64_t frame_raw;	/* bytes of raw ticks in the frame being written */
	void (*pump)(void *ctx);	/* rec_writer_set_pump */
	void *pump_ctx;
	struct rec_buf z;	/* ... compressed */
	uint64_t bytes, ticks, unrecorded;
	int err;
	/* A flight recorder (meta->keep): the offsets of the key chunks
	 * still held, oldest first, and how far the file has been let go. */
	uint64_t keep;		/* 0: everything */
	uint64_t *keys;
	size_t n_keys, cap_keys;
	uint64_t head_end;	/* the header's end: never let go */
	uint64_t punched;	/* holes up to here */
	uint64_t let_go;	/* bytes of chunks let go (their pages freed) */
	int punch_err;		/* why the file system would not punch, or 0 */
	bool seekable;		/* a regular file (or memory file): pwritev */
	struct rec_meta meta;	/* the header's: each file of a series has it */
	/* A series of files (rec_writer_rotate): the base name, the bytes a
	 * file takes before the next starts, how many are kept, and those
	 * written (oldest first) with their identity, so that only files
	 * this writer made are ever removed. */
	char *files_base;	/* the first file's name: the others add .N */
	uint64_t file_max;
	unsigned files_max;
	unsigned file_no;	/* of the current file: 0 is the base name */
	struct rec_file {
		char *name;
		dev_t dev;
		ino_t ino;
		off_t size;		/* as it was closed */
		struct timespec mtime;
	} *files;
	size_t n_files;
	uint64_t bytes_before;	/* bytes of the series' earlier files */
	int remove_err;		/* why an old file of the series stayed, or 0 */
};

/* The two buffers, one after the other, in one writev(2) (and more only
 * if the kernel takes less), at offset off when off >= 0 (pwritev: a
 * file whose descriptor others share, whose offset they may move; a
 * look-back reader seeks in the same memory file): 0 or an errno. */
static int write_two(int fd, int64_t off, const void *a, size_t an, const void *b, size_t bn)
{
	struct iovec iov[2] = { { (void *)a, an }, { (void *)b, bn } };
	int i = 0;

	while (i < 2) {
		ssize_t w = off >= 0 ? pwritev(fd, iov + i, 2 - i, (off_t)off) :
				       writev(fd, iov + i, 2 - i);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (w == 0)
			return EIO;
		if (off >= 0)
			off += w;
		while (i < 2 && (size_t)w >= iov[i].iov_len) {
			w -= (ssize_t)iov[i].iov_len;
			i++;
		}
		if (i < 2) {
			iov[i].iov_base = (char *)iov[i].iov_base + w;
			iov[i].iov_len -= (size_t)w;
		}
	}
	return 0;
}

int rec_writer_check_series(const char *path, char *msg, size_t len)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	size_t blen = strlen(base);
	char dir[4096];
	struct dirent *de;
	DIR *d;
	int rc = 0;

	if (regfile_dirname(path, dir, sizeof(dir)) || !(d = opendir(dir)))
		return 0;	/* said when the first file is created */
	while (!rc && (de = readdir(d))) {
		const char *n = de->d_name;

		if (strncmp(n, base, blen) || n[blen] != '.' || !n[blen + 1] ||
		    strspn(n + blen + 1, "0123456789") != strlen(n + blen + 1))
			continue;
		snprintf(msg, len, "the recording %s%s%s exists: --record-files would come to its "
			 "name (choose another name, or remove the files of that series first)",
			 slash ? dir : "", slash && strcmp(dir, "/") ? "/" : "", n);
		rc = -1;
	}
	closedir(d);
	return rc;
}

int rec_writer_check(const char *path, char *msg, size_t len)
{
	struct stat st;

	if (lstat(path, &st) == 0 && (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode) ||
				       S_ISDIR(st.st_mode))) {
		snprintf(msg, len, "the recording %s exists: tracetop never writes over a file "
			 "(choose another name, or remove it first)", path);
		return -1;
	}
	return 0;
}

/* Opens path for a new recording: created (mode 600: a recording holds
 * every path and argument seen), or, existing, only when it is a
 * character device (/dev/null): never a pipe someone else made (tracetop
 * runs as root; another user would read everything), a block device or
 * whatever replaced the name after it was looked at (checked on the
 * descriptor opened). */
/* A new file at path, never one that exists (mode 600: a recording holds
 * every path and argument seen): its descriptor, or -1 with errno. */
static int create_new(const char *path)
{
	return open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
}

static int open_target(const char *path, bool *regular, char *msg, size_t len)
{
	int fd = create_new(path);
	struct stat st;

	*regular = true;
	if (fd >= 0)
		return fd;
	if (errno != EEXIST) {
		snprintf(msg, len, "cannot create the recording %s: %s", path, strerror(errno));
		return -1;
	}
	if (rec_writer_check(path, msg, len))
		return -1;
	/* non-blocking: a pipe without a reader must not hang the start */
	fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		snprintf(msg, len, "cannot open the recording %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) || !S_ISCHR(st.st_mode)) {
		snprintf(msg, len, "the recording %s exists and is not a character device: tracetop "
			 "writes a recording into a new file (or a device such as /dev/null)", path);
		close(fd);
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	*regular = false;
	return fd;
}

static int zstd_push(struct rec_writer *w, const void *data, size_t n, ZSTD_EndDirective mode);

/* Faults in the memory a storm's interval needs, at start rather than
 * in the middle of the storm (bigmem.h says why): the compressor's
 * window and tables, by a window of bytes like a record's that is
 * thrown away, and a megabyte of the compressed interval's buffer (a
 * storm's interval: ~600 KB). 0, or -1 (no memory). */
#define REC_WARM (((size_t)1 << REC_WINDOW_LOG_WRITE) + ((size_t)1 << 17))
static int warm_up(struct rec_writer *w)
{
	uint8_t *junk = malloc(REC_WARM);
	int err;

	if (!junk)
		return -1;
	for (size_t i = 0; i < REC_WARM; i++)
		junk[i] = (uint8_t)((i * 2654435761u) >> 26);	/* some repeats, as records have */
	err = rec_buf_reserve(&w->z, 1u << 20) || zstd_push(w, junk, REC_WARM, ZSTD_e_continue) ||
	      zstd_push(w, NULL, 0, ZSTD_e_end);
	free(junk);
	if (err)
		return -1;
	memset(w->z.p, 0, w->z.cap);
	w->z.len = 0;
	ZSTD_CCtx_reset(w->cctx, ZSTD_reset_session_only);
	return 0;
}

/* Writes the file header of meta at the start of fd: 0 with *n its
 * length, or an errno. */
static int write_header(int fd, bool seekable, const struct rec_meta *meta, uint64_t *n)
{
	struct rec_buf head = { 0 }, text = { 0 };
	uint8_t word[4];
	int err;

	rec_meta_format(meta, &text);
	rec_buf_put(&head, REC_MAGIC, REC_MAGIC_LEN);
	rec_put_le(word, REC_VERSION, 4);
	rec_buf_put(&head, word, 4);
	rec_put_le(word, text.len, 4);
	rec_buf_put(&head, word, 4);
	rec_buf_put(&head, text.p, text.len);
	rec_put_le(word, crc32(0, text.p, (uInt)text.len), 4);
	rec_buf_put(&head, word, 4);
	err = head.oom || text.oom ? ENOMEM : write_two(fd, seekable ? 0 : -1, head.p, head.len,
							 NULL, 0);
	*n = head.len;
	rec_buf_free(&head);
	rec_buf_free(&text);
	return err;
}

/* A writer on fd (owned; regular: a file that can be cut back and
 * removed) named name, with its header written. NULL with msg (fd
 * closed, a regular file removed). */
static struct rec_writer *writer_new(int fd, bool regular, const char *name,
				     const struct rec_meta *meta, char *msg, size_t len)
{
	struct rec_writer *w = calloc(1, sizeof(*w));
	struct stat st;
	int err;

	if (!w || !(w->path = strdup(name)) || !(w->cctx = ZSTD_createCCtx())) {
		snprintf(msg, len, "out of memory");
		goto fail;
	}
	w->fd = fd;
	w->regular = regular;
	w->keep = meta->keep;
	w->meta = *meta;
	w->seekable = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	if (ZSTD_isError(ZSTD_CCtx_setParameter(w->cctx, ZSTD_c_compressionLevel, REC_LEVEL)) ||
	    ZSTD_isError(ZSTD_CCtx_setParameter(w->cctx, ZSTD_c_windowLog, REC_WINDOW_LOG_WRITE))) {
		snprintf(msg, len, "zstd refused the recording's settings");
		goto fail;
	}
	if (warm_up(w)) {
		snprintf(msg, len, "out of memory");
		goto fail;
	}
	if ((err = write_header(fd, w->seekable, meta, &w->bytes)) != 0) {
		snprintf(msg, len, "cannot write the recording %s: %s", name, strerror(err));
		goto fail;
	}
	w->head_end = w->punched = w->bytes;
	return w;

fail:
	close(fd);
	if (regular)
		unlink(name);
	if (w) {
		ZSTD_freeCCtx(w->cctx);
		rec_buf_free(&w->z);
		free(w->path);
		free(w);
	}
	return NULL;
}

struct rec_writer *rec_writer_open(const char *path, const struct rec_meta *meta, char *msg,
				   size_t len)
{
	bool regular;
	int fd = open_target(path, &regular, msg, len);

	return fd < 0 ? NULL : writer_new(fd, regular, path, meta, msg, len);
}

struct rec_writer *rec_writer_open_fd(int fd, const char *name, const struct rec_meta *meta,
				      char *msg, size_t len)
{
	return writer_new(fd, false, name, meta, msg, len);
}

uint64_t rec_writer_let_go(const struct rec_writer *w)
{
	return w->let_go;
}

int rec_writer_punch_error(const struct rec_writer *w)
{
	return w->punch_err;
}

/* A flight recorder past its size lets its oldest frames go: their
 * pages are punched out of the file (it stays as long, with a hole a
 * reader skips), never the header nor the frame being written. */
static void let_go(struct rec_writer *w)
{
	size_t drop = 0;
	uint64_t to;

	while (drop + 1 < w->n_keys && w->bytes - w->keys[drop] > w->keep)
		drop++;
	if (!drop)
		return;
	to = w->keys[drop] & ~(uint64_t)(REC_PAGE - 1);	/* whole pages before the first frame kept */
	if (w->punch_err)
		return;	/* this file system cannot: the file grows (said) */
	if (to > w->punched) {
		if (fallocate(w->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)w->punched,
			      (off_t)(to - w->punched))) {
			w->punch_err = errno;
			return;
		}
		w->punched = to;
	}
	w->let_go += w->keys[drop] - w->keys[0];
	memmove(w->keys, w->keys + drop, (w->n_keys - drop) * sizeof(*w->keys));
	w->n_keys -= drop;
}

/* Puts n bytes into the compressor (ZSTD_e_continue), or flushes what it
 * holds of the tick (ZSTD_e_flush) or ends the frame (ZSTD_e_end), its
 * output appended to w->z. 0, or an errno (ENOMEM, EIO for zstd's own
 * failure). */
static int zstd_push(struct rec_writer *w, const void *data, size_t n, ZSTD_EndDirective mode)
{
	ZSTD_inBuffer in = { data, n, 0 };
	size_t left;

	do {
		ZSTD_outBuffer out;

		if (rec_buf_reserve(&w->z, ZSTD_CStreamOutSize()))
			return ENOMEM;
		out = (ZSTD_outBuffer){ w->z.p + w->z.len, w->z.cap - w->z.len, 0 };
		left = ZSTD_compressStream2(w->cctx, &out, &in, mode);
		if (ZSTD_isError(left))
			return EIO;
		w->z.len += out.pos;
	} while (mode == ZSTD_e_continue ? in.pos < in.size : left != 0);
	return 0;
}

/* The sink of a tick's records: each goes into the compressor as it is
 * made (no buffer holds a whole interval). */
static int compress_put(void *ctx, const void *data, size_t n)
{
	return zstd_push(ctx, data, n, ZSTD_e_continue);
}

void rec_writer_set_pump(struct rec_writer *w, void (*pump)(void *ctx), void *ctx)
{
	if (!w)
		return;
	w->pump = pump;
	w->pump_ctx = ctx;
}

/* A failure stops the recording; a regular file is cut back to its last
 * whole chunk, so a reader finds no half chunk at its end. */
static int stop(struct rec_writer *w, int err)
{
	w->err = err;
	if (w->regular && ftruncate(w->fd, (off_t)w->bytes) != 0) {
		/* what is left ends in a partial chunk: readers stop there */
	}
	return err;
}

static int remember_file(struct rec_writer *w, const char *name, int fd)
{
	struct rec_file *f = realloc(w->files, (w->n_files + 1) * sizeof(*f));
	struct stat st;

	if (!f)
		return ENOMEM;
	w->files = f;
	if (fstat(fd, &st))
		return errno;
	f = &w->files[w->n_files];
	if (!(f->name = strdup(name)))
		return ENOMEM;
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	w->n_files++;
	return 0;
}

int rec_writer_rotate(struct rec_writer *w, uint64_t file_bytes, unsigned files)
{
	if (!w->regular || w->keep || files < 2 || !file_bytes || w->files_base)
		return EINVAL;
	if (!(w->files_base = strdup(w->path)))
		return ENOMEM;
	w->file_max = file_bytes;
	w->files_max = files;
	return remember_file(w, w->path, w->fd);
}

/* The oldest file of the series goes, when it is still the one this
 * writer made and closed (the same device, inode, size and modification
 * time: an inode number alone can be handed to a new file): a file
 * someone put there since is left alone, and said (remove_err); one
 * already removed is gone. */
static void drop_oldest(struct rec_writer *w)
{
	struct rec_file *f = &w->files[0];
	struct stat st;
	int err = 0;

	if (lstat(f->name, &st))
		err = errno == ENOENT ? 0 : errno;
	else if (st.st_dev != f->dev || st.st_ino != f->ino || st.st_size != f->size ||
		 st.st_mtim.tv_sec != f->mtime.tv_sec || st.st_mtim.tv_nsec != f->mtime.tv_nsec)
		err = ESTALE;
	else if (unlink(f->name))
		err = errno == ENOENT ? 0 : errno;
	if (err && !w->remove_err)
		w->remove_err = err;
	free(f->name);
	memmove(w->files, w->files + 1, (w->n_files - 1) * sizeof(*w->files));
	w->n_files--;
}

/* The next file of a series: FILE.1, FILE.2, ... (a new file each time,
 * never one that exists), with the same header but its number; its
 * first tick starts a frame. 0, or an errno (EEXIST: the name is taken;
 * the series stops there). */
static int next_file(struct rec_writer *w)
{
	char *name = NULL;
	uint64_t head;
	int fd, old, err;

	if (asprintf(&name, "%s.%u", w->files_base, w->file_no + 1) < 0)
		return ENOMEM;
	fd = create_new(name);
	if (fd < 0) {
		/* said under the name that was taken */
		err = errno;
		free(w->path);
		w->path = name;
		return err;
	}
	w->meta.file_no = w->file_no + 1;
	if ((err = write_header(fd, true, &w->meta, &head)) != 0) {
		close(fd);
		unlink(name);
		free(name);
		return err;
	}
	old = w->fd;
	/* the file before as it is closed: what drop_oldest will know it by */
	{
		struct stat st;

		if (!fstat(old, &st)) {
			w->files[w->n_files - 1].size = st.st_size;
			w->files[w->n_files - 1].mtime = st.st_mtim;
		}
	}
	free(w->path);
	w->path = name;
	w->fd = fd;
	w->file_no++;
	w->bytes_before += w->bytes;
	w->bytes = w->head_end = w->punched = head;
	w->in_frame = 0;
	w->frame_raw = 0;
	ZSTD_CCtx_reset(w->cctx, ZSTD_reset_session_only);
	/* the file before is complete once closed: a failure there (its
	 * last writes lost) stops the series as a failed write would */
	if (close(old) != 0)
		return errno;
	if ((err = remember_file(w, name, fd)) != 0)
		return err;
	while (w->n_files > w->files_max)
		drop_oldest(w);
	return 0;
}

int rec_writer_tick(struct rec_writer *w, const struct tt_snapshot *snap,
		    const struct event_log *log, bool final)
{
	struct rec_chunk_head h;
	uint8_t head[REC_CHUNK_HEAD];
	bool key = w->in_frame == 0, end;
	struct rec_sink sink = { .put = compress_put, .ctx = w };
	uint64_t lost = 0;
	int err;

	if (w->err)
		return w->err;
	/* a full file of a series: this tick starts the next (so that no
	 * file holds a header alone) */
	if (w->file_max && w->bytes >= w->file_max && w->bytes > w->head_end) {
		if ((err = next_file(w)) != 0)
			return stop(w, err);
		key = true;
	}
	w->z.len = 0;
	w->z.oom = false;
	/* the final interval is not pumped: a drain now would only push out
	 * events about to be written (as the batch writers hold too) */
	err = rec_tick_encode_to(&w->enc, &sink, snap, log, &lost, final ? NULL : w->pump,
				 w->pump_ctx);
	if (err)
		return stop(w, err);
	end = w->in_frame + 1 >= REC_KEY_EVERY || w->frame_raw + sink.len >= REC_FRAME_RAW_MAX;
	if ((err = zstd_push(w, NULL, 0, end ? ZSTD_e_end : ZSTD_e_flush)) != 0)
		return stop(w, err);
	if (w->z.len > REC_CHUNK_MAX)
		return stop(w, EFBIG);
	w->unrecorded += lost;
	h = (struct rec_chunk_head){
		.len = (uint32_t)w->z.len,
		.flags = (key ? REC_CHUNK_KEY : 0) | (final ? REC_CHUNK_FINAL : 0),
		.crc = (uint32_t)crc32(0, w->z.p, (uInt)w->z.len),
		.seq = snap->seq,
		.wall_ms = snap->wall_ms,
		.mono_ns = snap->mono_ns,
	};
	rec_chunk_head_put(head, &h);
	err = write_two(w->fd, w->seekable ? (int64_t)w->bytes : -1, head, sizeof(head), w->z.p,
			w->z.len);
	if (err)
		return stop(w, err);
	if (key && w->keep) {
		if (w->n_keys == w->cap_keys) {
			size_t cap = w->cap_keys ? 2 * w->cap_keys : 64;
			uint64_t *k = realloc(w->keys, cap * sizeof(*k));

			if (!k)
				return stop(w, ENOMEM);
			w->keys = k;
			w->cap_keys = cap;
		}
		w->keys[w->n_keys++] = w->bytes;
	}
	w->bytes += sizeof(head) + w->z.len;
	w->ticks++;
	w->in_frame = end ? 0 : w->in_frame + 1;
	w->frame_raw = end ? 0 : w->frame_raw + sink.len;
	if (w->keep)
		let_go(w);
	return 0;
}

int rec_writer_close(struct rec_writer *w)
{
	int err;

	if (!w)
		return 0;
	err = w->err;
	if (close(w->fd) != 0 && !err)
		err = errno;
	ZSTD_freeCCtx(w->cctx);
	rec_tick_enc_fini(&w->enc);
	for (size_t i = 0; i < w->n_files; i++)
		free(w->files[i].name);
	free(w->files);
	free(w->files_base);
	rec_buf_free(&w->z);
	free(w->keys);
	free(w->path);
	free(w);
	return err;
}

void rec_writer_discard(struct rec_writer *w)
{
	if (w && w->regular)
		unlink(w->path);
	rec_writer_close(w);
}

int rec_writer_error(const struct rec_writer *w)
{
	return w ? w->err : 0;
}

const char *rec_writer_path(const struct rec_writer *w)
{
	return w->path;
}

uint64_t rec_writer_bytes(const struct rec_writer *w)
{
	return w->bytes;
}

uint64_t rec_writer_ticks(const struct rec_writer *w)
{
	return w->ticks;
}

uint64_t rec_writer_unrecorded(const struct rec_writer *w)
{
	return w->unrecorded;
}

const char *rec_writer_oldest(const struct rec_writer *w)
{
	return w->n_files ? w->files[0].name : w->path;
}

size_t rec_writer_files(const struct rec_writer *w)
{
	return w->n_files ? w->n_files : 1;
}

int rec_writer_remove_error(const struct rec_writer *w)
{
	return w->remove_err;
}

uint64_t rec_writer_bytes_total(const struct rec_writer *w)
{
	return w->bytes_before + w->bytes;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The recording reader; see rec_reader.h. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include "rec_format.h"
#include "rec_reader.h"

struct rec_reader {
	int fd;
	char *path;
	struct rec_meta meta;
	struct rec_tick_info *ticks;
	size_t n, cap;
	char warning[256];
	ZSTD_DCtx *dctx;
	size_t next;		/* the tick a sequential read decodes without a jump */
	bool in_frame;		/* dctx is inside the frame of tick next - 1 */
	uint64_t head_end;	/* where the chunks begin */
	uint64_t let_go;	/* bytes a flight recorder let go at the front */
	struct rec_buf z;	/* a chunk's payload */
	struct rec_buf raw;	/* ... decompressed */
};

/* pread(2) of exactly n bytes at off: 0, 1 at the end of the file (a
 * short read), or -1 with errno. */
static int read_at(int fd, void *buf, size_t n, uint64_t off)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = pread(fd, (char *)buf + got, n - got, (off_t)(off + got));

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			return 1;
		got += (size_t)r;
	}
	return 0;
}

static int read_header(struct rec_reader *r, uint64_t *off, char *msg, size_t len)
{
	uint8_t head[REC_MAGIC_LEN + 8], word[4];
	uint32_t version, n;
	char *text, why[160];
	int rc;

	rc = read_at(r->fd, head, sizeof(head), 0);
	if (rc < 0) {
		snprintf(msg, len, "cannot read the recording %s: %s", r->path, strerror(errno));
		return -1;
	}
	if (rc > 0 || memcmp(head, REC_MAGIC, REC_MAGIC_LEN)) {
		snprintf(msg, len, "%s is not a tracetop recording (no recording header at offset 0)",
			 r->path);
		return -1;
	}
	version = (uint32_t)rec_get_le(head + REC_MAGIC_LEN, 4);
	n = (uint32_t)rec_get_le(head + REC_MAGIC_LEN + 4, 4);
	if (version < REC_VERSION_MIN || version > REC_VERSION) {
		snprintf(msg, len, "%s is a recording of format version %" PRIu32
			 ", this tracetop reads versions %d to %d", r->path, version,
			 REC_VERSION_MIN, REC_VERSION);
		return -1;
	}
	if (n > REC_HEADER_TEXT_MAX) {
		snprintf(msg, len, "%s: the recording header at offset %d is damaged (%" PRIu32
			 " bytes)", r->path, REC_MAGIC_LEN + 4, n);
		return -1;
	}
	text = malloc(n + 1u);
	if (!text) {
		snprintf(msg, len, "out of memory");
		return -1;
	}
	rc = read_at(r->fd, text, n, sizeof(head));
	if (rc == 0)
		rc = read_at(r->fd, word, 4, sizeof(head) + n);
	if (rc != 0) {
		snprintf(msg, len, "%s ends inside its header (offset %zu)", r->path, sizeof(head));
		free(text);
		return -1;
	}
	if (rec_get_le(word, 4) != (uint32_t)crc32(0, (const Bytef *)text, n)) {
		snprintf(msg, len, "%s: the recording header at offset %zu is damaged (checksum)",
			 r->path, sizeof(head));
		free(text);
		return -1;
	}
	if (rec_meta_parse(&r->meta, text, n, why, sizeof(why))) {
		snprintf(msg, len, "%s: %s (offset %zu)", r->path, why, sizeof(head));
		free(text);
		return -1;
	}
	free(text);
	*off = sizeof(head) + n + 4;
	return 0;
}

/* Whether a whole key chunk starts at off: its header valid and within
 * the file, its payload's checksum right. */
static bool key_chunk_at(struct rec_reader *r, uint64_t off, uint64_t size)
{
	uint8_t b[REC_CHUNK_HEAD];
	struct rec_chunk_head h;

	if (read_at(r->fd, b, sizeof(b), off) || rec_chunk_head_get(b, &h) ||
	    !(h.flags & REC_CHUNK_KEY) || h.len > REC_CHUNK_MAX || off + REC_CHUNK_HEAD + h.len > size)
		return false;
	r->z.len = 0;
	r->z.oom = false;
	if (rec_buf_reserve(&r->z, h.len) || read_at(r->fd, r->z.p, h.len, off + REC_CHUNK_HEAD))
		return false;
	return (uint32_t)crc32(0, r->z.p, h.len) == h.crc;
}

/* The front a flight recorder let go (its header says keep=) reads as
 * zeros: the rest of the header's page zeroed, whole
 * pages punched out up to the page that holds the first frame it kept.
 * So: zeros to the page boundary, then the data again (SEEK_DATA), and
 * the first whole key chunk within that page. 0 with *at, or -1: no
 * such front (damage, said as such). A bounded search, whatever the
 * file holds. */
static int skip_let_go(struct rec_reader *r, uint64_t off, uint64_t size, uint64_t *at)
{
	uint8_t buf[REC_PAGE + REC_CHUNK_HEAD];
	uint64_t page = (off + REC_PAGE - 1) & ~(uint64_t)(REC_PAGE - 1), pos;
	off_t data;
	ssize_t n;

	if (!r->meta.keep || off >= size)
		return -1;
	/* the header's page, after the header: zeros */
	n = page > off ? pread(r->fd, buf, (size_t)(page - off), (off_t)off) : 0;
	if (n != (ssize_t)(page - off))
		return -1;
	for (ssize_t i = 0; i < n; i++)
		if (buf[i])
			return -1;	/* not zeros: damage */
	data = lseek(r->fd, (off_t)page, SEEK_DATA);
	if (data < 0)
		return -1;
	pos = (uint64_t)data;
	n = pread(r->fd, buf, sizeof(buf), (off_t)pos);
	for (ssize_t i = 0; i + 4 <= n && i < REC_PAGE; i++)
		if (rec_get_le(buf + i, 4) == REC_CHUNK_MAGIC && key_chunk_at(r, pos + (uint64_t)i, size)) {
			*at = pos + (uint64_t)i;
			return 0;
		}
	return -1;
}

/* Hops from chunk header to chunk header; stops, with a warning, where
 * they stop making sense. */
static int build_index(struct rec_reader *r, uint64_t off, uint64_t size, char *msg, size_t len)
{
	uint64_t kept;

	r->let_go = 0;
	if (off < size && off == r->head_end && skip_let_go(r, off, size, &kept) == 0) {
		r->let_go = kept - off;
		off = kept;
	}
	while (off < size) {
		uint8_t b[REC_CHUNK_HEAD];
		struct rec_chunk_head h;
		int rc = read_at(r->fd, b, sizeof(b), off);

		if (rc < 0) {
			snprintf(msg, len, "cannot read the recording %s: %s", r->path, strerror(errno));
			return -1;
		}
		if (rc > 0 || off + REC_CHUNK_HEAD > size) {
			snprintf(r->warning, sizeof(r->warning), "%s ends inside a chunk header at offset %"
				 PRIu64 " (its writer stopped mid-write): read up to there", r->path, off);
			break;
		}
		if (rec_chunk_head_get(b, &h) || h.len > REC_CHUNK_MAX ||
		    (r->n == 0 && !(h.flags & REC_CHUNK_KEY))) {
			snprintf(r->warning, sizeof(r->warning), "%s: no valid chunk at offset %" PRIu64
				 ": read up to there", r->path, off);
			break;
		}
		/* a time no clock gives (before 1970, after 2^43 ms: the
		 * year 2248): damage, or a hostile file */
		if (h.wall_ms < 0 || h.wall_ms > (1LL << 43)) {
			snprintf(r->warning, sizeof(r->warning), "%s: the chunk at offset %" PRIu64
				 " has no valid time: read up to there", r->path, off);
			break;
		}
		if (off + REC_CHUNK_HEAD + h.len > size) {
			snprintf(r->warning, sizeof(r->warning), "%s ends inside the chunk at offset %"
				 PRIu64 " (its writer stopped mid-write): read up to there", r->path, off);
			break;
		}
		if (r->n == r->cap) {
			size_t cap = r->cap ? r->cap * 2 : 1024;
			struct rec_tick_info *t = realloc(r->ticks, cap * sizeof(*t));

			if (!t) {
				snprintf(msg, len, "out of memory");
				return -1;
			}
			r->ticks = t;
			r->cap = cap;
		}
		r->ticks[r->n++] = (struct rec_tick_info){
			.off = off, .seq = h.seq, .wall_ms = h.wall_ms, .mono_ns = h.mono_ns,
			.len = h.len, .flags = h.flags, .crc = h.crc,
		};
		off += REC_CHUNK_HEAD + h.len;
	}
	if (!r->n) {
		snprintf(msg, len, "%s holds no whole tick%s%s", r->path, r->warning[0] ? ": " : "",
			 r->warning);
		return -1;
	}
	return 0;
}

/* A reader on fd (owned), named path in messages. */
static struct rec_reader *reader_new(int fd, const char *path, char *msg, size_t len)
{
	struct rec_reader *r = calloc(1, sizeof(*r));
	struct stat st;
	uint64_t off;

	if (!r || !(r->path = strdup(path))) {
		free(r);
		if (fd >= 0)
			close(fd);
		snprintf(msg, len, "out of memory");
		return NULL;
	}
	r->fd = fd;
	if (r->fd < 0) {
		snprintf(msg, len, "cannot open the recording %s: %s", path, strerror(errno));
		goto fail;
	}
	if (fstat(r->fd, &st) || !S_ISREG(st.st_mode)) {
		snprintf(msg, len, "%s is not a regular file: a recording is read by offset", path);
		goto fail;
	}
	if (read_header(r, &off, msg, len))
		goto fail;
	r->head_end = off;
	if (build_index(r, off, (uint64_t)st.st_size, msg, len))
		goto fail;
	r->dctx = ZSTD_createDCtx();
	if (!r->dctx || ZSTD_isError(ZSTD_DCtx_setParameter(r->dctx, ZSTD_d_windowLogMax,
							    REC_WINDOW_LOG))) {
		snprintf(msg, len, "out of memory");
		goto fail;
	}
	return r;
fail:
	rec_reader_close(r);
	return NULL;
}

struct rec_reader *rec_reader_open(const char *path, char *msg, size_t len)
{
	/* non-blocking: a pipe with no writer must not hang here */
	return reader_new(open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK), path, msg, len);
}

struct rec_reader *rec_reader_open_fd(int fd, const char *name, char *msg, size_t len)
{
	return reader_new(fd, name, msg, len);
}

int rec_reader_refresh(struct rec_reader *r, char *msg, size_t len)
{
	struct stat st;

	if (fstat(r->fd, &st)) {
		snprintf(msg, len, "cannot read the recording %s: %s", r->path, strerror(errno));
		return -1;
	}
	r->n = 0;
	r->warning[0] = '\0';
	r->in_frame = false;
	return build_index(r, r->head_end, (uint64_t)st.st_size, msg, len);
}

uint64_t rec_reader_let_go(const struct rec_reader *r)
{
	return r->let_go;
}

void rec_reader_close(struct rec_reader *r)
{
	if (!r)
		return;
	if (r->fd >= 0)
		close(r->fd);
	ZSTD_freeDCtx(r->dctx);
	rec_buf_free(&r->z);
	rec_buf_free(&r->raw);
	free(r->ticks);
	free(r->path);
	free(r);
}

const struct rec_meta *rec_reader_meta(const struct rec_reader *r)
{
	return &r->meta;
}

size_t rec_reader_ticks(const struct rec_reader *r)
{
	return r->n;
}

const struct rec_tick_info *rec_reader_tick(const struct rec_reader *r, size_t i)
{
	return i < r->n ? &r->ticks[i] : NULL;
}

const char *rec_reader_warning(const struct rec_reader *r)
{
	return r->warning[0] ? r->warning : NULL;
}

size_t rec_reader_find_wall(const struct rec_reader *r, int64_t ms)
{
	size_t lo = 0, hi = r->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->ticks[mid].wall_ms < ms)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->n ? lo : r->n - 1;
}

/* Reads and decompresses chunk i into r->raw. 0, or -1 with msg. */
static int inflate_chunk(struct rec_reader *r, size_t i, char *msg, size_t len)
{
	const struct rec_tick_info *t = &r->ticks[i];
	ZSTD_inBuffer in;
	int rc;

	r->z.len = 0;
	r->z.oom = false;
	r->raw.len = 0;
	r->raw.oom = false;
	if (rec_buf_reserve(&r->z, t->len)) {
		snprintf(msg, len, "out of memory");
		return -1;
	}
	rc = read_at(r->fd, r->z.p, t->len, t->off + REC_CHUNK_HEAD);
	if (rc) {
		snprintf(msg, len, "cannot read the chunk at offset %" PRIu64 " of %s: %s", t->off,
			 r->path, rc < 0 ? strerror(errno) : "the file became shorter");
		return -1;
	}
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION	/* the fuzzer reaches past it */
	if ((uint32_t)crc32(0, r->z.p, t->len) != t->crc) {
		snprintf(msg, len, "%s: the chunk at offset %" PRIu64 " is damaged (checksum)",
			 r->path, t->off);
		return -1;
	}
#endif
	if (t->flags & REC_CHUNK_KEY)
		ZSTD_DCtx_reset(r->dctx, ZSTD_reset_session_only);
	in = (ZSTD_inBuffer){ r->z.p, t->len, 0 };
	for (;;) {
		ZSTD_outBuffer out;
		size_t ret;

		if (r->raw.len >= REC_TICK_MAX) {
			snprintf(msg, len, "%s: the tick at offset %" PRIu64 " is larger than a "
				 "recording's %u MiB", r->path, t->off, REC_TICK_MAX >> 20);
			return -1;
		}
		if (rec_buf_reserve(&r->raw, ZSTD_DStreamOutSize())) {
			snprintf(msg, len, "out of memory");
			return -1;
		}
		out = (ZSTD_outBuffer){ r->raw.p + r->raw.len, r->raw.cap - r->raw.len, 0 };
		ret = ZSTD_decompressStream(r->dctx, &out, &in);
		if (ZSTD_isError(ret)) {
			snprintf(msg, len, "%s: the chunk at offset %" PRIu64 " does not decompress (%s)",
				 r->path, t->off, ZSTD_getErrorName(ret));
			return -1;
		}
		r->raw.len += out.pos;
		if (ret == 0 && in.pos < in.size) {
			snprintf(msg, len, "%s: the chunk at offset %" PRIu64 " has bytes after its "
				 "frame's end", r->path, t->off);
			return -1;
		}
		/* all input taken, and the output had room: the tick is out */
		if (in.pos == in.size && out.pos < out.size)
			return 0;
	}
}

static int decode_one(struct rec_reader *r, size_t i, struct rec_snap *rs, struct event_log *log,
		      uint64_t *unrecorded, char *msg, size_t len)
{
	struct rec_io io;

	r->in_frame = false;
	if (inflate_chunk(r, i, msg, len))
		return -1;
	if (rec_tick_decode(rs, log, r->raw.p, r->raw.len, unrecorded, &io)) {
		snprintf(msg, len, "%s: the tick in the chunk at offset %" PRIu64 " is damaged: %s "
			 "(%zu bytes into it)", r->path, r->ticks[i].off, io.why, io.bad_at);
		return -1;
	}
	r->in_frame = true;
	r->next = i + 1;
	return 0;
}

bool rec_reader_sequential(const struct rec_reader *r, size_t i)
{
	return i < r->n && ((r->ticks[i].flags & REC_CHUNK_KEY) || (r->in_frame && i == r->next));
}

int rec_reader_read(struct rec_reader *r, size_t i, struct rec_snap *rs, struct event_log *log,
		    uint64_t *unrecorded, char *msg, size_t len)
{
	size_t k;

	if (i >= r->n) {
		snprintf(msg, len, "%s has no tick %zu", r->path, i);
		return -1;
	}
	*unrecorded = 0;
	if ((r->ticks[i].flags & REC_CHUNK_KEY) || (r->in_frame && i == r->next))
		return decode_one(r, i, rs, log, unrecorded, msg, len);
	/* a jump: from the key chunk before i */
	for (k = i; k > 0 && !(r->ticks[k].flags & REC_CHUNK_KEY); k--)
		;
	for (; k < i; k++)
		if (decode_one(r, k, rs, log, unrecorded, msg, len))
			return -1;
	*unrecorded = 0;
	return decode_one(r, i, rs, log, unrecorded, msg, len);
}

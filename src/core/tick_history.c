/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The screen's memory of past ticks (see tick_history.h). */
#include <stdlib.h>
#include <string.h>
#include "tick_history.h"

struct disk_col {
	char name[32];
	uint32_t slots[BIO_OP_MAX][BIO_PH_MAX][HIST_SLOTS];
};

struct col {
	uint64_t vfs_seq;	/* tick of vfs[], 0: none */
	uint64_t bio_seq;	/* tick of disks[], 0: none */
	double vfs[VFS_OP_MAX];
	struct disk_col *disks;	/* cap_disks allocated, n_disks used */
	unsigned n_disks, cap_disks;
};

struct tick_history {
	struct col cols[TICK_HISTORY_COLS];
	uint64_t disks_dropped;
};

static struct col *col_of(struct tick_history *h, uint64_t seq)
{
	return &h->cols[seq % TICK_HISTORY_COLS];
}

static const struct col *col_at(const struct tick_history *h, uint64_t seq)
{
	return &h->cols[seq % TICK_HISTORY_COLS];
}

struct tick_history *tick_history_new(void)
{
	return calloc(1, sizeof(struct tick_history));
}

void tick_history_free(struct tick_history *h)
{
	if (!h)
		return;
	for (unsigned i = 0; i < TICK_HISTORY_COLS; i++)
		free(h->cols[i].disks);
	free(h);
}

static void note_vfs(struct tick_history *h, uint64_t seq, const struct tt_snapshot *s, unsigned k)
{
	struct col *c = col_of(h, seq);

	c->vfs_seq = seq;
	for (int op = 0; op < VFS_OP_MAX; op++)
		c->vfs[op] = s->vfs.spark[op][k];
}

static uint32_t clamp32(uint64_t v)
{
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static bool note_bio(struct tick_history *h, const struct tt_snapshot *s)
{
	struct col *c = col_of(h, s->seq);
	unsigned n = s->n_disks < TICK_HISTORY_DISKS ? (unsigned)s->n_disks : TICK_HISTORY_DISKS;

	c->bio_seq = 0;
	if (n > c->cap_disks) {
		struct disk_col *d = realloc(c->disks, n * sizeof(*d));

		if (!d)
			return false;
		c->disks = d;
		c->cap_disks = n;
	}
	h->disks_dropped += s->n_disks - n;
	for (unsigned i = 0; i < n; i++) {
		const struct tt_bio_disk *src = &s->disks[i];
		struct disk_col *d = &c->disks[i];

		memcpy(d->name, src->name, sizeof(d->name));
		d->name[sizeof(d->name) - 1] = '\0';
		for (int op = 0; op < BIO_OP_MAX; op++)
			for (int ph = 0; ph < BIO_PH_MAX; ph++)
				for (int k = 0; k < HIST_SLOTS; k++)
					d->slots[op][ph][k] = clamp32(src->interval[op][ph].slots[k]);
	}
	c->n_disks = n;
	c->bio_seq = s->seq;
	return true;
}

bool tick_history_note(struct tick_history *h, const struct tt_snapshot *s)
{
	unsigned len;

	if (!h || !s || !s->seq)
		return true;
	/* The sparkline ends at this tick: its samples are the ticks before. */
	len = s->vfs.spark_len < TT_SPARK_LEN ? s->vfs.spark_len : TT_SPARK_LEN;
	for (unsigned i = 0; i < len && i < s->seq; i++)
		note_vfs(h, s->seq - i, s, len - 1 - i);
	if (!len) {
		struct col *c = col_of(h, s->seq);

		c->vfs_seq = s->seq;
		memcpy(c->vfs, s->vfs.rate, sizeof(c->vfs));
	}
	if (col_of(h, s->seq)->bio_seq == s->seq)
		return true;
	return note_bio(h, s);
}

bool tick_history_vfs(const struct tick_history *h, uint64_t seq, int op, double *rate)
{
	const struct col *c;

	if (!h || !seq || op < 0 || op >= VFS_OP_MAX)
		return false;
	c = col_at(h, seq);
	if (c->vfs_seq != seq)
		return false;
	*rate = c->vfs[op];
	return true;
}

bool tick_history_bio(const struct tick_history *h, uint64_t seq, const char *disk, int op,
		      int phase, struct hist *out)
{
	const struct col *c;
	uint64_t slots[HIST_SLOTS] = { 0 };

	hist_clear(out);
	if (!h || !seq || phase < 0 || phase >= BIO_PH_MAX)
		return false;
	c = col_at(h, seq);
	if (c->bio_seq != seq)
		return false;
	for (unsigned d = 0; d < c->n_disks; d++) {
		if (disk && disk[0] && strcmp(disk, c->disks[d].name))
			continue;
		for (int o = 0; o < BIO_OP_MAX; o++) {
			if (op >= 0 && o != op)
				continue;
			for (int k = 0; k < HIST_SLOTS; k++)
				slots[k] += c->disks[d].slots[o][phase][k];
		}
	}
	hist_set(out, slots, HIST_SLOTS, 0);
	return true;
}

uint64_t tick_history_disks_dropped(const struct tick_history *h)
{
	return h ? h->disks_dropped : 0;
}

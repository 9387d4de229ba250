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
	unsigned left_out;	/* disks with I/O beyond TICK_HISTORY_DISKS */
};

struct tick_history {
	struct col cols[TICK_HISTORY_COLS];
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

static void note_vfs(struct tick_history *h, uint64_t seq, const double rate[VFS_OP_MAX])
{
	struct col *c = col_of(h, seq);

	c->vfs_seq = seq;
	for (int op = 0; op < VFS_OP_MAX; op++)
		c->vfs[op] = rate[op];
}

static uint32_t clamp32(uint64_t v)
{
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/* Whether disk d had any I/O in the interval. */
static bool disk_busy(const struct tt_bio_disk *d)
{
	for (int op = 0; op < BIO_OP_MAX; op++)
		for (int ph = 0; ph < BIO_PH_MAX; ph++)
			if (d->interval[op][ph].count)
				return true;
	return false;
}

static bool note_bio(struct tick_history *h, const struct tt_snapshot *s)
{
	struct col *c = col_of(h, s->seq);
	unsigned busy = 0, n;

	c->bio_seq = 0;
	for (size_t i = 0; i < s->n_disks; i++)
		busy += disk_busy(&s->disks[i]);	/* counted first: the room to make */
	n = busy < TICK_HISTORY_DISKS ? busy : TICK_HISTORY_DISKS;
	if (n > c->cap_disks) {
		struct disk_col *d = realloc(c->disks, n * sizeof(*d));

		if (!d)
			return false;
		c->disks = d;
		c->cap_disks = n;
	}
	c->n_disks = 0;
	for (size_t i = 0; i < s->n_disks && c->n_disks < n; i++) {
		const struct tt_bio_disk *src = &s->disks[i];
		struct disk_col *d = &c->disks[c->n_disks];

		if (!disk_busy(src))
			continue;
		memcpy(d->name, src->name, sizeof(d->name));
		d->name[sizeof(d->name) - 1] = '\0';
		for (int op = 0; op < BIO_OP_MAX; op++)
			for (int ph = 0; ph < BIO_PH_MAX; ph++)
				for (int k = 0; k < HIST_SLOTS; k++)
					d->slots[op][ph][k] = clamp32(src->interval[op][ph].slots[k]);
		c->n_disks++;
	}
	c->left_out = busy - n;
	c->bio_seq = s->seq;
	return true;
}

bool tick_history_note(struct tick_history *h, const struct tt_snapshot *s)
{
	unsigned len;

	if (!h || !s || !s->seq)
		return true;
	note_vfs(h, s->seq, s->vfs.rate);
	/* The sparkline's samples before its last are the ticks before,
	 * where they are not known yet (a tick whose VFS counts were not
	 * read has no sample: the ones before it may sit a tick off). */
	len = s->vfs.spark_len < TT_SPARK_LEN ? s->vfs.spark_len : TT_SPARK_LEN;
	for (unsigned i = 1; i < len && i < s->seq; i++) {
		double rate[VFS_OP_MAX];

		if (col_of(h, s->seq - i)->vfs_seq == s->seq - i)
			continue;
		for (int op = 0; op < VFS_OP_MAX; op++)
			rate[op] = s->vfs.spark[op][len - 1 - i];
		note_vfs(h, s->seq - i, rate);
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

int tick_history_bio(const struct tick_history *h, uint64_t seq, const char *disk, int op,
		     int phase, struct hist *out)
{
	const struct col *c;
	uint64_t slots[HIST_SLOTS] = { 0 };

	hist_clear(out);
	if (!h || !seq || phase < 0 || phase >= BIO_PH_MAX)
		return -1;
	c = col_at(h, seq);
	if (c->bio_seq != seq)
		return -1;
	bool found = false;

	for (unsigned d = 0; d < c->n_disks; d++) {
		if (disk && disk[0] && strcmp(disk, c->disks[d].name))
			continue;
		found = true;
		for (int o = 0; o < BIO_OP_MAX; o++) {
			if (op >= 0 && o != op)
				continue;
			for (int k = 0; k < HIST_SLOTS; k++)
				slots[k] += c->disks[d].slots[o][phase][k];
		}
	}
	hist_set(out, slots, HIST_SLOTS, 0);
	/* a disk not kept is not known to have been idle */
	if (disk && disk[0] && !found && c->left_out)
		return -1;
	return (int)c->left_out;
}

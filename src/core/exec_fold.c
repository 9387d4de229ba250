/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Folding a PATH walk's failed execs into its final one; see exec_fold.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "exec_fold.h"

struct held {
	bool used;
	struct tt_event ev;	/* its path and args point into text */
	char *text;		/* owned */
	uint64_t order;		/* when it was held, to release the oldest */
};

struct exec_fold {
	struct held h[EXEC_FOLD_HELD];
	uint64_t next_order;
};

struct exec_fold *exec_fold_new(void)
{
	return calloc(1, sizeof(struct exec_fold));
}

static void drop(struct held *h)
{
	free(h->text);
	h->text = NULL;
	h->used = false;
}

void exec_fold_free(struct exec_fold *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < EXEC_FOLD_HELD; i++)
		drop(&f->h[i]);
	free(f);
}

/* The event held longest, or NULL. */
static struct held *oldest_held(struct exec_fold *f)
{
	struct held *oldest = NULL;

	for (size_t i = 0; i < EXEC_FOLD_HELD; i++)
		if (f->h[i].used && (!oldest || f->h[i].order < oldest->order))
			oldest = &f->h[i];
	return oldest;
}

static void release(struct held *h, exec_fold_push_fn push, void *ctx)
{
	push(ctx, &h->ev);
	drop(h);
}

/* The failures a PATH walk goes on after (execvp(3)). */
static bool walk_errno(int ret)
{
	return ret == -ENOENT || ret == -EACCES || ret == -ENOTDIR;
}

static bool same_argv(const struct tt_event *a, const struct tt_event *b)
{
	return a->args_len == b->args_len && a->args_n == b->args_n && a->argc == b->argc &&
	       (!a->args_len || !memcmp(a->args, b->args, a->args_len));
}

/* Keeps a copy of ev in h: 0, or -ENOMEM (nothing held). */
static int hold(struct exec_fold *f, struct held *h, const struct tt_event *ev)
{
	size_t plen = ev->path ? ev->path_len : 0, alen = ev->args ? ev->args_len : 0;
	char *t = malloc(plen + alen + 2);

	if (!t)
		return -ENOMEM;
	if (plen)
		memcpy(t, ev->path, plen);
	t[plen] = '\0';
	if (alen)
		memcpy(t + plen + 1, ev->args, alen);
	t[plen + 1 + alen] = '\0';
	h->ev = *ev;
	h->ev.path = ev->path ? t : NULL;
	h->ev.args = ev->args ? t + plen + 1 : NULL;
	h->text = t;
	h->used = true;
	h->order = f->next_order++;
	return 0;
}

int exec_fold_event(struct exec_fold *f, struct tt_event *ev, exec_fold_push_fn push, void *ctx)
{
	struct held *mine = NULL, *free_slot = NULL;

	if (ev->type != TT_EVENT_EXEC)
		return 0;
	if (!ev->attempts)
		ev->attempts = 1;
	for (size_t i = 0; i < EXEC_FOLD_HELD; i++) {
		struct held *h = &f->h[i];

		if (!h->used) {
			free_slot = free_slot ? free_slot : h;
			continue;
		}
		if (h->ev.tid == ev->tid)
			mine = h;
	}
	if (mine) {
		if (same_argv(&mine->ev, ev) && ev->ts_ns >= mine->ev.ts_ns &&
		    ev->ts_ns - mine->ev.ts_ns < EXEC_FOLD_WINDOW_NS) {
			/* the next attempt of the same spawn takes its place */
			ev->attempts = mine->ev.attempts < UINT16_MAX ? mine->ev.attempts + 1 : UINT16_MAX;
			drop(mine);
		} else {
			release(mine, push, ctx);	/* another spawn of that thread */
		}
		free_slot = mine;
	}
	if (ev->ret >= 0 || !walk_errno(ev->ret))
		return 0;
	if (!free_slot) {
		free_slot = oldest_held(f);
		release(free_slot, push, ctx);
	}
	return hold(f, free_slot, ev) ? 0 : 1;
}

void exec_fold_flush(struct exec_fold *f, exec_fold_push_fn push, void *ctx)
{
	struct held *h;

	while ((h = oldest_held(f)))
		release(h, push, ctx);
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A paused display: a deep copy of the snapshot at the moment of the
 * pause. The model's snapshot is only valid until the next tick while
 * capture goes on; the paused panes must not change under the user. The
 * event log is not copied: it keeps filling while paused, and the log
 * pane holds still on sequence numbers instead (F3 searches it all). */
#ifndef TRACETOP_UI_FREEZE_H
#define TRACETOP_UI_FREEZE_H

#include <stdbool.h>
#include <stdint.h>
#include "snapshot.h"
#include "event_log.h"

struct frozen {
	bool taken;
	struct tt_snapshot snap;	/* its arrays are owned */
	char *fail_paths;		/* owned: the failing-opens rows' paths */
	uint64_t live_end;		/* live end seq when frozen */
};

/* Copies s and notes the end of log (may be NULL). 0 or -ENOMEM (then
 * nothing is held). */
int frozen_take(struct frozen *f, const struct tt_snapshot *s, const struct event_log *log);
void frozen_release(struct frozen *f);

#endif

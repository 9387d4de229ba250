/* A paused display: a deep copy of the snapshot and of the newest events
 * at the moment of the pause. The model's snapshot is only valid until
 * the next tick and its event log keeps overwriting, while capture goes
 * on; the paused screen must not change under the user. */
#ifndef TRACETOP_UI_FREEZE_H
#define TRACETOP_UI_FREEZE_H

#include <stdbool.h>
#include <stdint.h>
#include "snapshot.h"
#include "event_log.h"

#define FREEZE_EVENTS 5000	/* newest events kept for scrolling while paused */

struct frozen {
	bool taken;
	struct tt_snapshot snap;	/* its arrays are owned */
	struct event_log log;		/* owned copy; its seq numbers start at 0 */
	uint64_t live_base;		/* live seq of the copy's seq 0 */
	uint64_t live_end;		/* live end seq when frozen */
};

/* Copies s and the newest events of log (may be NULL). 0 or -ENOMEM
 * (then nothing is held). */
int frozen_take(struct frozen *f, const struct tt_snapshot *s, const struct event_log *log);
void frozen_release(struct frozen *f);

#endif

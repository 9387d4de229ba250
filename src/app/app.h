/* SPDX-License-Identifier: GPL-2.0-or-later */
/* struct app: the sole owner of tracetop's runtime state — options, the
 * diagnostic messages, the model, the probes (with their ring consumer) and the
 * event loop — with one init order and the reverse teardown. */
#ifndef TRACETOP_APP_H
#define TRACETOP_APP_H

#include <stdbool.h>
#include <stdint.h>
#include "app_metrics.h"
#include "filter.h"
#include "scope.h"
#include "frontend.h"
#include "loop.h"
#include "model.h"
#include "diag.h"
#include "options.h"
#include "probes.h"
#include "rec_writer.h"
#include "replay.h"
#include "output.h"
#include "selfcost.h"
#include "sink.h"

struct demo;

struct app {
	struct options opt;
	struct diag diag;
	struct model *model;		/* owned */
	struct demo *demo;		/* owned: --demo's workload, or NULL */
	struct probes *probes;		/* owned: the sources and their rings */
	struct loop loop;
	bool loop_ready;
	struct output out;		/* out.f: owned, over out_sink (batch) */
	struct sink out_sink;		/* why a write to stdout failed */
	struct output_stream stream;	/* --stream: what was written of the log */
	char fatal[512];		/* why app_run ended in error; main says it
					 * once the terminal is restored */
	struct filter filter;		/* --filter for the batch writers (and --comm's term) */
	struct tt_scope scope;		/* --comm for the batch writers */
	const struct frontend *fe;	/* borrowed; NULL in batch mode */
	uint64_t ticks;
	bool quit;
	bool events_unseen;		/* events consumed since the last frame */
	bool dropped;			/* capabilities dropped after attach */
	char *report;			/* owned: the probe report as it was at
					 * attach (interface only), or NULL */
	struct selfcost_sample cost;	/* at the previous tick */
	uint64_t cost_ns;		/* CLOCK_MONOTONIC of that sample */
	struct app_metrics metrics;	/* --listen */
	struct rec_writer *rec;		/* --record, or NULL; owned */
#define LOOKBACK_BYTES (64u << 20)	/* about an hour of a busy machine at -d 1 */
	/* --replay in the interactive view: the source instead of the
	 * model and the probes (both NULL then); looking back while live:
	 * the look-back's source, shown while the model runs on; owned */
	struct replay_src *replay;
	bool playing;			/* the replay moves on at each tick */
	bool replay_moved;		/* its last tick showed another interval */
	bool replay_damaged;		/* a damaged interval was met: exit 1 */
	bool replay_unrec_said;		/* its lost events were said once */
	bool punch_said;		/* --record-size could not let go: said once */
	bool remove_said;		/* --record-files left an old file: said once */
	/* The interface, live: every interval also recorded into an
	 * anonymous memory file (a flight recorder of LOOKBACK_BYTES),
	 * which [ and j look back into while capture goes on (replay then
	 * reads it, the model still runs). */
	struct rec_writer *lookback;	/* owned, or NULL */
	int lookback_fd;		/* the memory file, to open readers on; -1 */
	int folded_fd;			/* --profile-folded, made at start; -1 */
	int64_t wall_offset_ns;		/* CLOCK_REALTIME - CLOCK_MONOTONIC at start */
};

/* The batch writers' event filter: --filter, and with --comm its comm:
 * term too (the counters are scoped by scope). --filter was checked with
 * the options; a configuration file's pattern is first compiled here.
 * 0, or -1 with msg filled. */
int app_batch_filter(struct filter *filter, struct tt_scope *scope, const struct options *opt,
		     char *msg, size_t len);

/* Checks privileges, starts the requested sources. Returns 0 or an exit
 * code (exit_codes.h) with a sentence in msg. */
int app_init(struct app *a, const struct options *opt, char *msg, size_t len);
/* --probe-report: prints what the kernel offers and how each source
 * started (call after app_init, whatever it returned). */
void app_probe_report(struct app *a, FILE *out);
/* Runs the event loop until quit, -n snapshots or a terminating signal.
 * fe is the interactive front end, NULL for batch output and --headless. Returns an exit
 * code; a write to stdout or to the --log file that failed ends it with
 * TT_EXIT_ERROR and the reason in a->fatal (the reader of stdout going
 * away, EPIPE, ends it quietly with TT_EXIT_OK). */
int app_run(struct app *a, const struct frontend *fe);
/* --record: closes the recording, says on stderr where it went and how
 * much it holds, and returns rc, or TT_EXIT_ERROR (with the reason in
 * a->fatal) when the recording stopped on a failed write. */
int app_close_recording(struct app *a, int rc);
/* --profile-folded: writes the profile's stacks into the file made at
 * start; rc, or an error code with the reason in a->fatal. */
int app_close_folded(struct app *a, int rc);
/* Stops every probe (detaching all BPF programs) and frees everything. */
void app_fini(struct app *a);

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Printing a recording; see replay.h. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "app.h"
#include "exit_codes.h"
#include "output.h"
#include "rec_format.h"
#include "rec_reader.h"
#include "rec_snap.h"
#include "replay.h"
#include "sink.h"

/* What a recording's header may ask of the replay's event log. */
#define REPLAY_EVENTS_MAX 1000000
#define REPLAY_TEXT_MAX (256ull << 20)

struct replay {
	struct rec_reader *r;
	struct rec_snap rs;
	struct event_log log;
	struct filter filter;
	struct tt_scope scope;
	struct output out;
	struct sink sink;
};

static void replay_fini(struct replay *p)
{
	if (p->out.f)
		fclose(p->out.f);
	rec_reader_close(p->r);
	rec_snap_fini(&p->rs);
	event_log_fini(&p->log);
	filter_fini(&p->filter);
	scope_fini(&p->scope);
}

/* The tick after i that starts a zstd frame: where reading resumes after
 * a damaged chunk. */
static size_t next_key(const struct rec_reader *r, size_t i)
{
	while (++i < rec_reader_ticks(r) && !(rec_reader_tick(r, i)->flags & REC_CHUNK_KEY))
		;
	return i;
}

int replay_batch(const struct options *opt)
{
	struct replay p;
	const struct rec_meta *meta;
	char msg[1024];
	uint64_t unrecorded = 0, printed = 0, cap, text;
	bool damaged = false, started = false;
	size_t n, i;
	int rc = TT_EXIT_OK;

	memset(&p, 0, sizeof(p));
	filter_init(&p.filter);
	scope_init(&p.scope);
	if (app_batch_filter(&p.filter, &p.scope, opt, msg, sizeof(msg))) {
		fprintf(stderr, "tracetop: %s\n", msg);
		replay_fini(&p);
		return TT_EXIT_USAGE;
	}
	p.r = rec_reader_open(opt->replay, msg, sizeof(msg));
	if (!p.r) {
		fprintf(stderr, "tracetop: %s\n", msg);
		replay_fini(&p);
		return TT_EXIT_USAGE;
	}
	if (rec_reader_warning(p.r))
		fprintf(stderr, "tracetop: warning: %s\n", rec_reader_warning(p.r));
	meta = rec_reader_meta(p.r);
	/* the recording run's event log, if larger (within reason: the
	 * header is not trusted), so that no interval loses events here */
	cap = meta->log_capacity < REPLAY_EVENTS_MAX ? meta->log_capacity : REPLAY_EVENTS_MAX;
	text = meta->log_text_bytes < REPLAY_TEXT_MAX ? meta->log_text_bytes : REPLAY_TEXT_MAX;
	if (cap < opt->log_capacity)
		cap = opt->log_capacity;
	if (text < (uint64_t)opt->log_text_mib << 20)
		text = (uint64_t)opt->log_text_mib << 20;
	if (event_log_init_bytes(&p.log, (size_t)cap, (size_t)text)) {
		fprintf(stderr, "tracetop: out of memory\n");
		replay_fini(&p);
		return TT_EXIT_ERROR;
	}
	p.out = (struct output){
		.json = opt->output == OUTPUT_JSON,
		.wall_offset_ns = meta->wall_offset_ns,
		.interval_s = meta->interval_s,
		.self_pid = meta->pid,
		.version = meta->version,
		.filter = &p.filter,
		.scope = scope_on(&p.scope) ? &p.scope : NULL,
		.filter_budget_ns = (uint64_t)(meta->interval_s * OUTPUT_FILTER_SHARE * 1e9),
	};
	p.out.f = sink_open(&p.sink, STDOUT_FILENO);
	if (!p.out.f) {
		fprintf(stderr, "tracetop: out of memory\n");
		replay_fini(&p);
		return TT_EXIT_ERROR;
	}

	n = rec_reader_ticks(p.r);
	for (i = 0; i < n && !p.sink.err; ) {
		const struct rec_tick_info *t = rec_reader_tick(p.r, i);
		uint64_t lost = 0;

		if (rec_reader_read(p.r, i, &p.rs, &p.log, &lost, msg, sizeof(msg))) {
			fflush(p.out.f);
			fprintf(stderr, "tracetop: %s\n", msg);
			damaged = true;
			i = next_key(p.r, i);
			continue;
		}
		unrecorded += lost;
		/* the start record: the recording's first chunk, at tick 0 */
		if (!started) {
			output_start(&p.out, &p.rs.s);
			started = true;
			if (t->seq == 0) {
				i++;
				continue;
			}
		}
		output_snapshot(&p.out, &p.rs.s, &p.log, t->flags & REC_CHUNK_FINAL);
		printed++;
		if (opt->iterations && printed >= opt->iterations)
			break;
		i++;
	}
	if (fflush(p.out.f) == EOF && !p.sink.err)
		p.sink.err = errno ? errno : EIO;
	if (p.sink.err && p.sink.err != EPIPE) {
		fprintf(stderr, "tracetop: cannot write the %s output: %s\n",
			p.out.json ? "JSON" : "batch", strerror(p.sink.err));
		rc = TT_EXIT_ERROR;
	} else if (damaged) {
		rc = TT_EXIT_ERROR;
	}
	if (unrecorded)
		fprintf(stderr, "tracetop: %" PRIu64 " events of the recorded run are not in %s "
			"(the recorder could not keep them)\n", unrecorded, opt->replay);
	replay_fini(&p);
	return rc;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A recording as the source of what is shown; see replay.h. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
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

struct replay_src {
	struct rec_reader *r;
	struct rec_snap rs;	/* the interval shown */
	struct rec_snap next;	/* decoded into, swapped in when whole */
	struct event_log log;
	size_t at;		/* the interval shown, when shown */
	bool shown;
};

/* Over the reader r (owned; NULL: msg says why). */
static struct replay_src *src_new(struct rec_reader *r, const struct options *opt,
				  bool as_recorded, char *msg, size_t len)
{
	struct replay_src *p;
	const struct rec_meta *meta;
	uint64_t cap, text;

	if (!r)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p) {
		rec_reader_close(r);
		snprintf(msg, len, "out of memory");
		return NULL;
	}
	p->r = r;
	meta = rec_reader_meta(p->r);
	/* printing (-b, --json): the recording run's event log, if larger
	 * (within the bounds rec_meta_parse holds a header to), so that no
	 * interval loses events here; on the screen the replay's own
	 * (--events), so that its memory is what a live run's is, whatever
	 * the recording: an interval of more events shows its newest */
	cap = opt->log_capacity;
	text = (uint64_t)opt->log_text_mib << 20;
	if (as_recorded && meta->log_capacity > cap)
		cap = meta->log_capacity;
	if (as_recorded && meta->log_text_bytes > text)
		text = meta->log_text_bytes;
	if (event_log_init_bytes(&p->log, (size_t)cap, (size_t)text)) {
		snprintf(msg, len, "out of memory");
		rec_reader_close(p->r);
		free(p);
		return NULL;
	}
	return p;
}

struct replay_src *replay_src_open(const struct options *opt, bool as_recorded, char *msg,
				   size_t len)
{
	return src_new(rec_reader_open(opt->replay, msg, len), opt, as_recorded, msg, len);
}

struct replay_src *replay_src_open_fd(int fd, const char *name, const struct options *opt,
				      char *msg, size_t len)
{
	return src_new(rec_reader_open_fd(fd, name, msg, len), opt, false, msg, len);
}

int replay_src_refresh(struct replay_src *p, char *msg, size_t len)
{
	uint64_t seq = p->shown ? rec_reader_tick(p->r, p->at)->seq : 0;
	size_t n;

	if (rec_reader_refresh(p->r, msg, len))
		return -1;
	/* the interval shown, where it is now (the front may have gone) */
	n = rec_reader_ticks(p->r);
	p->at = 0;
	while (p->shown && p->at + 1 < n && rec_reader_tick(p->r, p->at)->seq < seq)
		p->at++;
	if (p->shown && rec_reader_tick(p->r, p->at)->seq != seq)
		p->shown = false;	/* let go: the next go() is a jump */
	return 0;
}

void replay_src_free(struct replay_src *p)
{
	if (!p)
		return;
	rec_reader_close(p->r);
	rec_snap_fini(&p->rs);
	rec_snap_fini(&p->next);
	event_log_fini(&p->log);
	free(p);
}

const struct rec_meta *replay_src_meta(const struct replay_src *p)
{
	return rec_reader_meta(p->r);
}

const char *replay_src_warning(const struct replay_src *p)
{
	return rec_reader_warning(p->r);
}

size_t replay_src_count(const struct replay_src *p)
{
	return rec_reader_ticks(p->r);
}

size_t replay_src_at(const struct replay_src *p)
{
	return p->at;
}

bool replay_src_shown(const struct replay_src *p)
{
	return p->shown;
}

int replay_src_go(struct replay_src *p, size_t i, uint64_t *unrecorded, char *msg, size_t len)
{
	struct rec_snap t;

	/* a jump, or a read from the frame's key chunk (after damage): the
	 * log starts again, so that no event comes twice, or out of its
	 * time, or from after the interval shown */
	if (!p->shown || i != p->at + 1 || !rec_reader_sequential(p->r, i))
		event_log_clear(&p->log);
	/* decoded aside: a tick that fails half-way must not be shown (its
	 * events may be in the log: the next go starts it again) */
	if (rec_reader_read(p->r, i, &p->next, &p->log, unrecorded, msg, len)) {
		p->shown = false;
		return -1;
	}
	t = p->rs;
	p->rs = p->next;
	p->next = t;
	/* the two pointers into the struct itself */
	p->rs.s.open_errors_by_errno = p->rs.open_errs;
	p->next.s.open_errors_by_errno = p->next.open_errs;
	if (p->rs.s.profile)
		p->rs.s.profile = &p->rs.prof_view;
	if (p->next.s.profile)
		p->next.s.profile = &p->next.prof_view;
	p->at = i;
	p->shown = true;
	return 0;
}

const struct tt_snapshot *replay_src_snapshot(const struct replay_src *p)
{
	return &p->rs.s;
}

const struct event_log *replay_src_log(const struct replay_src *p)
{
	return &p->log;
}

bool replay_src_key(const struct replay_src *p, size_t i)
{
	return i < rec_reader_ticks(p->r) && (rec_reader_tick(p->r, i)->flags & REC_CHUNK_KEY);
}

size_t replay_src_find(const struct replay_src *p, int64_t ms)
{
	return rec_reader_find_wall(p->r, ms);
}

void replay_src_position(const struct replay_src *p, bool playing, struct fe_replay *out)
{
	size_t n = rec_reader_ticks(p->r);

	*out = (struct fe_replay){
		.on = true,
		.playing = playing,
		.i = p->at,
		.n = n,
		.wall_ms = rec_reader_tick(p->r, p->at)->wall_ms,
		/* tick 0 is the start, whose time is the first interval's
		 * beginning too */
		.first_ms = rec_reader_tick(p->r, 0)->wall_ms,
		.last_ms = rec_reader_tick(p->r, n - 1)->wall_ms,
		.recorded_s = rec_reader_meta(p->r)->interval_s,
	};
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
	struct replay_src *p;
	const struct rec_meta *meta;
	struct filter filter;
	struct tt_scope scope;
	struct output out;
	struct sink sink = { 0 };
	char msg[1024];
	uint64_t unrecorded = 0, printed = 0;
	bool damaged = false, started = false;
	size_t n, i;
	int rc = TT_EXIT_OK;

	filter_init(&filter);
	scope_init(&scope);
	if (app_batch_filter(&filter, &scope, opt, msg, sizeof(msg))) {
		fprintf(stderr, "tracetop: %s\n", msg);
		rc = TT_EXIT_USAGE;
		goto out_filter;
	}
	p = replay_src_open(opt, true, msg, sizeof(msg));
	if (!p) {
		fprintf(stderr, "tracetop: %s\n", msg);
		rc = TT_EXIT_USAGE;
		goto out_filter;
	}
	if (replay_src_warning(p))
		fprintf(stderr, "tracetop: warning: %s\n", replay_src_warning(p));
	meta = replay_src_meta(p);
	out = (struct output){
		.json = opt->output == OUTPUT_JSON,
		.wall_offset_ns = meta->wall_offset_ns,
		.interval_s = meta->interval_s,
		.self_pid = meta->pid,
		.version = meta->version,
		.filter = &filter,
		.scope = scope_on(&scope) ? &scope : NULL,
		/* no time limit: what a replay prints must not depend on
		 * how fast it runs */
		.filter_budget_ns = 0,
	};
	out.f = sink_open(&sink, STDOUT_FILENO);
	if (!out.f) {
		fprintf(stderr, "tracetop: out of memory\n");
		rc = TT_EXIT_ERROR;
		goto out_src;
	}

	n = replay_src_count(p);
	for (i = 0; i < n && !sink.err;) {
		uint64_t lost = 0;
		uint32_t flags = rec_reader_tick(p->r, i)->flags;

		if (replay_src_go(p, i, &lost, msg, sizeof(msg))) {
			fflush(out.f);
			fprintf(stderr, "tracetop: %s\n", msg);
			damaged = true;
			i = next_key(p->r, i);
			continue;
		}
		unrecorded += lost;
		/* the start record: the recording's first chunk, tick 0 */
		if (!started) {
			output_start(&out, replay_src_snapshot(p));
			started = true;
			if (replay_src_snapshot(p)->seq == 0) {
				i++;
				continue;
			}
		}
		/* in time order, as a live batch run prints them (a recording
		 * made by the interface holds them as they were drained) */
		event_log_order(&p->log, replay_src_snapshot(p)->ev_begin);
		output_snapshot(&out, replay_src_snapshot(p), replay_src_log(p),
				flags & REC_CHUNK_FINAL);
		printed++;
		if (opt->iterations && printed >= opt->iterations)
			break;
		i++;
	}
	if (fflush(out.f) == EOF && !sink.err)
		sink.err = errno ? errno : EIO;
	if (sink.err && sink.err != EPIPE) {
		fprintf(stderr, "tracetop: cannot write the %s output: %s\n",
			out.json ? "JSON" : "batch", strerror(sink.err));
		rc = TT_EXIT_ERROR;
	} else if (damaged) {
		rc = TT_EXIT_ERROR;
	}
	if (unrecorded)
		fprintf(stderr, "tracetop: %" PRIu64 " events of the recorded run are not in %s "
			"(the recorder could not keep them)\n", unrecorded, opt->replay);
	fclose(out.f);
out_src:
	replay_src_free(p);
out_filter:
	filter_fini(&filter);
	scope_fini(&scope);
	return rc;
}

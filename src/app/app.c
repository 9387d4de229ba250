/* SPDX-License-Identifier: GPL-2.0-or-later */
/* struct app: init in one order, run the loop, tear down in reverse. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include "app.h"
#include "cgroup.h"
#include "clock.h"
#include "demo.h"
#include "config_file.h"
#include "exit_codes.h"
#include "folded.h"
#include "privilege.h"
#include "probes.h"
#include "rec_when.h"
#include "regfile.h"
#include "report.h"

/* How often the rings are drained between ticks: events reach the UI
 * within this delay without a wake-up per event. */
#define APP_DRAIN_UI_S 0.2
#define APP_DRAIN_BATCH_S 0.5

/* Whether a batch writer prints each interval (--batch, --json). */
static bool opt_prints(const struct options *opt)
{
	return (opt->output == OUTPUT_BATCH || opt->output == OUTPUT_JSON) && !opt->probe_report;
}

/* The writers call this while they print a long interval. */
static void pump_rings(void *ctx)
{
	struct app *a = ctx;

	probes_drain(a->probes);
}

int app_batch_filter(struct filter *filter, struct tt_scope *scope, const struct options *opt,
		     char *msg, size_t len)
{
	static char expr[FILTER_EXPR_MAX + 1];
	struct filter_error fe;
	size_t at = 0;

	expr[0] = '\0';
	if (opt->filter)
		at = (size_t)snprintf(expr, sizeof(expr), "%s", opt->filter);
	if (opt->comm) {
		if (scope_set_comm_re(scope, opt->comm, &fe)) {
			scope_comm_re_error(msg, len, opt->comm, &fe);
			return -1;
		}
		if (at)
			at += (size_t)snprintf(expr + at, sizeof(expr) - at, " ");
		if (at >= sizeof(expr) ||
		    (size_t)scope_comm_re_expr(expr + at, sizeof(expr) - at, opt->comm) >=
			    sizeof(expr) - at) {
			snprintf(msg, len, "--filter and --comm together are longer than %d bytes",
				 FILTER_EXPR_MAX);
			return -1;
		}
	}
	if (filter_set(filter, expr, &fe)) {
		snprintf(msg, len, "filter: %s at offset %zu in '%s'",
			 fe.msg[0] ? fe.msg : "out of memory", fe.offset, expr);
		return -1;
	}
	return 0;
}

/* --record: the file, created once the sources run (and removed again
 * when the run never gets to its start record). 0, or an exit code with
 * msg. The wall-clock offset is the output's own, so that replayed and
 * live times are the same to the nanosecond. */
static int open_recording(struct app *a, char *msg, size_t len)
{
	struct rec_meta meta = {
		.interval_s = a->opt.delay_s,
		.pid = (uint32_t)getpid(),
		.wall_offset_ns = a->wall_offset_ns,
		.started_ms = (int64_t)(clock_real_ns() / 1000000),
		.log_capacity = a->opt.log_capacity,
		.log_text_bytes = (uint64_t)a->opt.log_text_mib << 20,
	};
	struct utsname u;

	if (!a->opt.record)
		return 0;
	snprintf(meta.version, sizeof(meta.version), "%s", PACKAGE_VERSION);
	if (uname(&u) == 0) {
		snprintf(meta.host, sizeof(meta.host), "%s", u.nodename);
		snprintf(meta.kernel, sizeof(meta.kernel), "%s", u.release);
		snprintf(meta.arch, sizeof(meta.arch), "%.15s", u.machine);
	}
	/* --record-size: a flight recorder, or the size of each file of a
	 * series (--record-files); 0: all in one file */
	if (!a->opt.record_files)
		meta.keep = (uint64_t)a->opt.record_mib << 20;
	a->rec = rec_writer_open(a->opt.record, &meta, msg, len);
	if (a->rec && a->opt.record_files) {
		int err = rec_writer_rotate(a->rec, (uint64_t)a->opt.record_mib << 20,
					    a->opt.record_files);

		if (err) {
			snprintf(msg, len, err == EINVAL ? "--record-files rotates files: %s is "
				 "not a file of its own (a device)" : "%s: %s", a->opt.record,
				 strerror(err));
			rec_writer_discard(a->rec);
			a->rec = NULL;
		}
	}
	/* a storm's interval takes a while to encode: the rings are drained
	 * meanwhile, as the writers do; but not when a batch writer prints
	 * the interval after it (a drain before the print could push out
	 * events it has yet to print: the writer drains as it goes) */
	if (opt_prints(&a->opt))
		rec_writer_set_pump(a->rec, NULL, NULL);
	else
		rec_writer_set_pump(a->rec, pump_rings, a);
	return a->rec ? 0 : TT_EXIT_USAGE;
}

/* The intervals a recording holds: its ticks but the start. */
static uint64_t intervals(const struct rec_writer *w)
{
	uint64_t t = rec_writer_ticks(w);

	return t ? t - 1 : 0;
}

/* One tick into the recording (and the look-back); the first failure is
 * said once, and the view goes on without it. */
static void record(struct app *a, const struct tt_snapshot *snap, bool final)
{
	int err;

	if (a->lookback && !rec_writer_error(a->lookback) &&
	    (err = rec_writer_tick(a->lookback, snap, model_log(a->model), final)))
		diag_printf(&a->diag, MSG_WARN, "looking back stops at %" PRIu64 " intervals: %s",
			    intervals(a->lookback), strerror(err));
	if (!a->rec || rec_writer_error(a->rec))
		return;
	err = rec_writer_tick(a->rec, snap, model_log(a->model), final);
	if (err)
		diag_printf(&a->diag, MSG_ERROR, "the recording %s stopped after %" PRIu64
			    " intervals: %s", rec_writer_path(a->rec), intervals(a->rec),
			    strerror(err));
	if (rec_writer_remove_error(a->rec) && !a->remove_said) {
		a->remove_said = true;
		diag_printf(&a->diag, MSG_WARN, "--record-files: an old file of the recording was "
			    "not removed (%s): it is no longer the file tracetop wrote, or cannot go",
			    strerror(rec_writer_remove_error(a->rec)));
	}
	if (rec_writer_punch_error(a->rec) && !a->punch_said) {
		a->punch_said = true;
		diag_printf(&a->diag, MSG_WARN, "--record-size: %s cannot let the oldest intervals "
			    "go (%s): the recording grows", rec_writer_path(a->rec),
			    strerror(rec_writer_punch_error(a->rec)));
	}
}

/* The interface's look-back: a flight recorder in memory. Without it
 * (no memfd, out of memory) the interface runs as before, [ says so. */
static void open_lookback(struct app *a)
{
	struct rec_meta meta = { .interval_s = a->opt.delay_s, .pid = (uint32_t)getpid(),
				 .wall_offset_ns = a->wall_offset_ns,
				 .log_capacity = a->opt.log_capacity,
				 .log_text_bytes = (uint64_t)a->opt.log_text_mib << 20,
				 .keep = LOOKBACK_BYTES };
	char msg[512];
	int fd = memfd_create("tracetop-lookback", MFD_CLOEXEC);

	a->lookback_fd = fd;
	if (fd < 0)
		return;
	snprintf(meta.version, sizeof(meta.version), "%s", PACKAGE_VERSION);
	a->lookback = rec_writer_open_fd(fcntl(fd, F_DUPFD_CLOEXEC, 0), "the look-back", &meta,
					 msg, sizeof(msg));
	if (!a->lookback)
		diag_printf(&a->diag, MSG_WARN, "no looking back: %s", msg);
	rec_writer_set_pump(a->lookback, pump_rings, a);
}

/* [ or j while live: the look-back's latest interval shown instead of
 * the live one (capture goes on). 0, or -1 (said). */
static int lookback_enter(struct app *a)
{
	char msg[1024];
	uint64_t unrec;

	if (!a->lookback || a->lookback_fd < 0) {
		a->fe->notice(a->fe->ctx, true, "looking back is not available here (no memory file)");
		return -1;
	}
	a->replay = replay_src_open_fd(fcntl(a->lookback_fd, F_DUPFD_CLOEXEC, 0), "the look-back",
				       &a->opt, msg, sizeof(msg));
	if (!a->replay || replay_src_go(a->replay, replay_src_count(a->replay) - 1, &unrec, msg,
					sizeof(msg))) {
		replay_src_free(a->replay);
		a->replay = NULL;
		a->fe->notice(a->fe->ctx, true, msg);
		return -1;
	}
	a->playing = false;
	return 0;
}

static void lookback_leave(struct app *a)
{
	replay_src_free(a->replay);
	a->replay = NULL;
	a->fe->notice(a->fe->ctx, false, "live");
}

int app_close_recording(struct app *a, int rc)
{
	uint64_t ticks, bytes, unrec;
	char path[4200];
	size_t files;
	int err;

	if (!a->rec)
		return rc;
	if (!rec_writer_ticks(a->rec)) {
		/* the run never started: no file left behind */
		rec_writer_discard(a->rec);
		a->rec = NULL;
		return rc;
	}
	ticks = intervals(a->rec);
	bytes = rec_writer_bytes_total(a->rec);
	unrec = rec_writer_unrecorded(a->rec);
	files = rec_writer_files(a->rec);
	if (files > 1)
		snprintf(path, sizeof(path), "%.2000s ... %.2000s (%zu files)",
			 rec_writer_oldest(a->rec), rec_writer_path(a->rec), files);
	else
		snprintf(path, sizeof(path), "%s", rec_writer_path(a->rec));
	err = rec_writer_close(a->rec);
	a->rec = NULL;
	if (err) {
		if (!a->fatal[0])
			snprintf(a->fatal, sizeof(a->fatal), "the recording %.300s is incomplete: %s "
				 "(%" PRIu64 " intervals kept)", path, strerror(err), ticks);
		return rc == TT_EXIT_OK ? TT_EXIT_ERROR : rc;
	}
	fprintf(stderr, "tracetop: recorded %" PRIu64 " intervals (%" PRIu64 " bytes) in %s",
		ticks, bytes, path);
	if (unrec)
		fprintf(stderr, "; %" PRIu64 " events could not be kept", unrec);
	fputc('\n', stderr);
	return rc;
}

/* --profile-folded: the file is made at start, so that a name taken or
 * a directory that cannot be written to stops tracetop before it runs. */
static int open_folded(struct app *a, char *msg, size_t len)
{
	const char *path = a->opt.profile_folded;
	int fd;

	if (!path)
		return 0;
	if (!a->opt.profile_hz) {
		snprintf(msg, len, "--profile-folded %s: --profile-hz 0 turns the profile off", path);
		return TT_EXIT_USAGE;
	}
	fd = regfile_open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0) {
		snprintf(msg, len, "--profile-folded %.2000s: %s", path, fd == -EEXIST ?
			 "exists already (tracetop never writes over a file)" :
			 regfile_strerror(-fd));
		return TT_EXIT_USAGE;
	}
	a->folded_fd = fd;
	return 0;
}

int app_close_folded(struct app *a, int rc)
{
	const struct tt_snapshot *s = a->model ? model_snapshot(a->model) : NULL;
	const struct tt_profile_view *v = s ? s->profile : NULL;
	const char *path = a->opt.profile_folded;
	uint64_t samples = 0;
	size_t stacks = 0;
	int err = 0;

	if (a->folded_fd < 0)
		return rc;
	if (rc != TT_EXIT_OK && !a->ticks) {	/* it never ran: the file made at start goes */
		close(a->folded_fd);
		a->folded_fd = -1;
		unlink(path);
		return rc;
	}
	if (v) {
		err = folded_write(a->folded_fd, v);
		for (size_t i = 0; i < v->n_stacks; i++)
			if (v->stacks[i].total) {
				stacks++;
				samples += v->stacks[i].total;
			}
	}
	if (!err && fsync(a->folded_fd))
		err = -errno;
	if (close(a->folded_fd) && !err)
		err = -errno;
	a->folded_fd = -1;
	if (err) {
		if (!a->fatal[0])
			snprintf(a->fatal, sizeof(a->fatal), "the profile %.300s is incomplete: %s",
				 path, strerror(-err));
		return rc == TT_EXIT_OK ? TT_EXIT_ERROR : rc;
	}
	if (!v)
		fprintf(stderr, "tracetop: no profile was sampled (--log says why): %s is empty\n",
			path);
	else
		fprintf(stderr, "tracetop: wrote %zu stacks (%" PRIu64 " samples) to %s\n", stacks,
			samples, path);
	return rc;
}

/* --replay in the interactive view: the recording is the source; the
 * interval is the recording's (+ and - change the pace); the probe
 * report (i) says what was recorded where. */
static int replay_init(struct app *a, char *msg, size_t len)
{
	const struct rec_meta *m;
	uint64_t unrec = 0;
	char text[1024];

	a->replay = replay_src_open(&a->opt, false, msg, len);
	if (!a->replay)
		return TT_EXIT_USAGE;
	m = replay_src_meta(a->replay);
	/* the recording's interval, within what -d takes: the header is
	 * not trusted to set the loop's timer */
	a->opt.delay_s = m->interval_s < 0.1 ? 0.1 : m->interval_s > 3600 ? 3600 : m->interval_s;
	if (replay_src_warning(a->replay))
		diag_printf(&a->diag, MSG_WARN, "%s", replay_src_warning(a->replay));
	if (replay_src_go(a->replay, 0, &unrec, msg, len))
		return TT_EXIT_USAGE;
	snprintf(text, sizeof(text),
		 "A recording, %s\n\n  made by tracetop %s on %s (kernel %s, %s)\n"
		 "  %zu intervals of %.3g s\n\nIt is replayed: nothing here was read from this "
		 "machine's kernel.\nSpace pauses and plays, [ and ] step, j goes to a time, "
		 "+ and - change the pace.\n",
		 a->opt.replay, m->version, m->host, m->kernel, m->arch,
		 replay_src_count(a->replay) - 1, m->interval_s);
	a->report = strdup(text);
	a->playing = true;
	return 0;
}

/* What the screen draws: the model's, or the replay's. */
static const struct tt_snapshot *shown_snapshot(const struct app *a)
{
	return a->replay ? replay_src_snapshot(a->replay) : model_snapshot(a->model);
}

static const struct event_log *shown_log(const struct app *a)
{
	return a->replay ? replay_src_log(a->replay) : model_log(a->model);
}

/* Shows interval i of the replay (a step or a jump). 0; or -1: the
 * failure is said on the status line (and counted: the exit status says
 * the recording is damaged) and the interval shown stays. */
static int replay_show(struct app *a, size_t i)
{
	char msg[1024];
	uint64_t unrec = 0;

	if (i >= replay_src_count(a->replay))
		return -1;
	if (replay_src_go(a->replay, i, &unrec, msg, sizeof(msg))) {
		a->fe->notice(a->fe->ctx, true, msg);
		a->replay_damaged = !a->model;	/* a --replay: exit 1 */
		return -1;
	}
	if (unrec && !a->replay_unrec_said) {
		/* once: a lossy recording would say it every interval */
		a->replay_unrec_said = true;
		diag_printf(&a->diag, MSG_WARN, "events of some intervals are not in the recording "
			    "(the recorder could not keep them): %" PRIu64 " here", unrec);
	}
	return 0;
}

/* A tick of the replay: the next interval while playing (after a damaged
 * one, the next frame's first); at the end it stops (and says so).
 * Whether the screen changed (it moved, or stopped). */
static bool replay_tick(struct app *a)
{
	size_t at = replay_src_at(a->replay), n = replay_src_count(a->replay), i = at + 1;

	if (!a->playing)
		return false;
	while (i < n && replay_show(a, i)) {
		/* damaged: on at the next key chunk */
		while (++i < n && !replay_src_key(a->replay, i))
			;
	}
	if (i >= n) {
		a->playing = false;
		a->fe->notice(a->fe->ctx, false, "end of the recording: [ steps back, j goes to a time");
	}
	return true;
}

/* The time typed at j: 0, or -1 (nothing typed, or said why not). */
static int replay_jump(struct app *a, const char *text)
{
	struct fe_replay pos;
	int64_t ms;
	char why[160];

	if (!text[strspn(text, " ")])
		return -1;
	replay_src_position(a->replay, a->playing, &pos);
	if (rec_parse_when(text, pos.wall_ms, pos.first_ms, pos.last_ms, &ms, why, sizeof(why))) {
		a->fe->notice(a->fe->ctx, true, why);
		return -1;
	}
	return replay_show(a, replay_src_find(a->replay, ms));
}

int app_init(struct app *a, const struct options *opt, char *msg, size_t len)
{
	struct model_config mc = {
		.log_capacity = opt->log_capacity,
		.log_text_bytes = (size_t)opt->log_text_mib << 20,
		.root = "",
	};

	struct report_facts facts;
	int rc;

	memset(a, 0, sizeof(*a));
	a->lookback_fd = -1;
	a->folded_fd = -1;
	a->opt = *opt;
	/* the profile counts from the start when asked to (a folded file
	 * asks), else once the interface shows it */
	if (opt->profile_folded)
		a->opt.profile = true;
	a->opt.profile_off = !a->opt.profile;
	/* batch, JSON and --headless have no key to start it: without
	 * --profile they open no perf event and keep no capability for it */
	if (opt->output != OUTPUT_UI && !a->opt.profile)
		a->opt.profile_hz = 0;
	filter_init(&a->filter);
	diag_init(&a->diag);
	/* --filter was checked with the options; a configuration file's
	 * pattern is first compiled here */
	scope_init(&a->scope);
	if (opt->output != OUTPUT_UI && app_batch_filter(&a->filter, &a->scope, opt, msg, len))
		return TT_EXIT_USAGE;
	if (opt->replay)	/* the interactive view (batch: replay_batch) */
		return replay_init(a, msg, len);
	if (opt->log_file && (rc = diag_open_file(&a->diag, opt->log_file))) {
		snprintf(msg, len, "cannot open the log file %s: %s", opt->log_file,
			 regfile_strerror(-rc));
		return TT_EXIT_USAGE;
	}
	if (opt->output != OUTPUT_UI)
		a->diag.echo = stderr;
	if (opt->cgroup) {
		char why[512];

		if (cgroup_open("", opt->cgroup, &a->opt.cgroup_fd, why, sizeof(why))) {
			snprintf(msg, len, "--cgroup %s: %s", opt->cgroup, why);
			return TT_EXIT_USAGE;
		}
		/* kept open: the kernel's maps take its fd at each load */
		a->opt.cgroup_open = true;
	}
	rc = privilege_check("", msg, len);
	if (rc)
		return rc;
	/* the port is bound now, while a port below 1024 can be: before
	 * the sources load, so that a port in use costs no wait */
	rc = app_metrics_open(&a->metrics, opt, NULL, msg, len);
	if (rc)
		return rc;
	probes_route_messages(&a->diag);
	a->model = model_new(&mc);
	if (!a->model) {
		snprintf(msg, len, "out of memory");
		return TT_EXIT_ERROR;
	}
	a->metrics.model = a->model;
	rc = probes_start(&a->probes, &a->opt, a->model, &a->diag, msg, len);
	if (rc < 0) {
		snprintf(msg, len, "out of memory");
		return TT_EXIT_ERROR;
	}
	if (rc == 0)
		return TT_EXIT_NO_SOURCE;
	a->wall_offset_ns = (int64_t)(clock_real_ns() - clock_mono_ns());
	rc = open_recording(a, msg, len);
	if (!rc)
		rc = open_folded(a, msg, len);
	if (rc)
		return rc;
	if (opt->output == OUTPUT_UI && !opt->probe_report)
		open_lookback(a);
	/* The kernel's run-time statistics read the clock around every run
	 * of every BPF program on the machine: some 50 ns a syscall here,
	 * more than tracetop's own programs. So they are on only on request,
	 * and must be asked for now, while the capability is still held. */
	if (opt->bpf_stats || opt->probe_report) {
		int err = probes_enable_stats(a->probes);

		if (err)
			diag_printf(&a->diag, MSG_WARN, "BPF run-time statistics unavailable: %s",
				    strerror(-err));
	}
	selfcost_read("", &a->cost);
	a->cost_ns = clock_mono_ns();
	/* The interface's probe report says what tracetop had when it
	 * attached: its facts are read now, before the drop. */
	report_gather(&facts, "");
	facts.bpf_stats = probes_stats_on(a->probes);
	facts.bpf_stats_off = !opt->bpf_stats && !opt->probe_report;
	/* --demo's workload starts once everything is attached, so that
	 * its first events are seen, and while the capabilities it gives up
	 * for good (to run as nobody) are still held */
	if (opt->demo && !(a->demo = demo_start(msg, len)))
		return TT_EXIT_ERROR;
	/* Everything is attached and every map is open: what remains
	 * (map reads, ring consumption, /proc reads) needs no capability. */
	if (!opt->probe_report) {
		/* the profile names the frames of processes of any user:
		 * their /proc/PID/maps need CAP_SYS_PTRACE */
		bool ptrace = probes_profiling(a->probes);
		int err = privilege_drop(ptrace ? 1ull << TT_CAP_SYS_PTRACE : 0);

		if (err)
			diag_printf(&a->diag, MSG_WARN, "could not drop capabilities: %s",
				      strerror(-err));
		a->dropped = err == 0;
		facts.drop = err ? REPORT_DROP_FAILED :
			     ptrace ? REPORT_DROP_PTRACE : REPORT_DROP_DONE;
	}
	/* served from here on, without capabilities */
	if (!opt->probe_report && (rc = app_metrics_start(&a->metrics, msg, len)))
		return rc;
	if (a->metrics.http) {
		snprintf(a->opt.listen_at, sizeof(a->opt.listen_at), "%s", a->metrics.where);
		diag_printf(&a->diag, MSG_INFO, "serving metrics at http://%s/metrics",
			    a->metrics.where);
		/* below the echo's level, but where a script finds the port */
		if (a->diag.echo)
			fprintf(a->diag.echo, "tracetop: serving metrics at http://%s/metrics\n",
				a->metrics.where);
	}
	if (opt->output == OUTPUT_UI && !opt->probe_report) {
		struct tt_source_status src[TT_SRC_MAX];

		for (int i = 0; i < TT_SRC_MAX; i++)
			src[i] = *model_source(a->model, i);
		a->report = report_text(&facts, src, &a->diag);
	}
	a->out = (struct output){
		.f = NULL,
		.json = opt->output == OUTPUT_JSON,
		.wall_offset_ns = a->wall_offset_ns,
		.interval_s = opt->delay_s,
		.self_pid = (uint32_t)getpid(),
		.version = PACKAGE_VERSION,
		.filter = &a->filter,
		.scope = scope_on(&a->scope) ? &a->scope : NULL,
		.pump = pump_rings,
		.pump_ctx = a,
		.filter_budget_ns = (uint64_t)(opt->delay_s * OUTPUT_FILTER_SHARE * 1e9),
		.stream = opt->stream ? &a->stream : NULL,
	};
	/* Loading parsed the kernel's BTF and the programs' ELF: megabytes
	 * freed since, which the allocator would otherwise keep mapped.
	 * Then the event log takes its memory, so that the two never add up
	 * to a peak. */
	if ((opt->output == OUTPUT_BATCH || opt->output == OUTPUT_JSON) && !opt->probe_report) {
		a->out.f = sink_open(&a->out_sink, STDOUT_FILENO);
		if (!a->out.f) {
			snprintf(msg, len, "out of memory");
			return TT_EXIT_ERROR;
		}
	}
	malloc_trim(0);
	if (!opt->probe_report)	/* it stores no event */
		model_populate(a->model);
	return 0;
}

/* One interval ends: read every source, build the snapshot, print it in
 * batch mode. */
static void tick(struct app *a, bool final)
{
	const struct tt_snapshot *snap;
	struct selfcost_sample cost;
	struct tt_selfcost self = { 0 };
	uint64_t now;

	if (a->replay && !a->model) {	/* --replay */
		a->replay_moved = replay_tick(a);
		return;
	}
	probes_sample(a->probes);
	now = clock_mono_ns();
	snap = model_tick(a->model, now);
	if (a->demo)	/* what the demo did in the interval: its middle's phase */
		model_set_caption(a->model, demo_caption(a->demo, now - (uint64_t)(snap->elapsed_s *
									       5e8)));
	/* The programs' run times change only with the statistics on;
	 * otherwise the fds need no new scan. */
	if (probes_stats_on(a->probes))
		selfcost_read("", &cost);
	else
		selfcost_read_process("", &cost, &a->cost);
	selfcost_update(&self, &a->cost, &cost, (double)(now - a->cost_ns) / 1e9);
	self.stats_enabled = probes_stats_on(a->probes);
	model_set_self(a->model, &self, a->dropped);
	a->cost = cost;
	a->cost_ns = now;
	a->ticks++;
	app_metrics_tick(&a->metrics, snap);
	/* events come ring by ring, each drain in time order; the interval
	 * as a whole is put in order before it is written (the interface
	 * never sees this: it shows drains as they come, and an index of
	 * the log by sequence number), and before it is recorded, so that a
	 * replay prints what was printed */
	if (!a->fe && a->out.f && !a->out.stream)
		model_events_order(a->model, snap->ev_begin);
	record(a, snap, final);
	if (a->fe || !a->out.f)	/* the screen draws it; --headless only serves it */
		return;
	if (a->out.stream)	/* what came since the last drain, before the snapshot */
		output_stream_events(&a->out, model_log(a->model), final);
	output_snapshot(&a->out, snap, model_log(a->model), final);
}

/* Whether every write so far went out: 0, or the exit code with the
 * reason in a->fatal. A reader of stdout that went away (EPIPE) is the
 * one quiet end: nobody is left to tell. */
static int writes_ok(struct app *a)
{
	int err = a->fe ? 0 : a->out_sink.err;

	if (err == EPIPE)
		return -1;
	if (err) {
		snprintf(a->fatal, sizeof(a->fatal), "cannot write the %s output: %s",
			 a->out.json ? "JSON" : "batch", strerror(err));
		return TT_EXIT_ERROR;
	}
	err = diag_file_error(&a->diag);
	if (err) {
		snprintf(a->fatal, sizeof(a->fatal), "cannot write the log file %s: %s",
			 a->opt.log_file ? a->opt.log_file : "", strerror(err));
		return TT_EXIT_ERROR;
	}
	return 0;
}

static void handle_signals(struct app *a, bool *dirty)
{
	int sig;

	while ((sig = loop_next_signal(&a->loop)) != 0) {
		switch (sig) {
		case SIGINT:
		case SIGTERM:
		case SIGHUP:
			a->quit = true;
			break;
		case SIGWINCH:
			if (a->fe) {
				a->fe->resize(a->fe->ctx);
				*dirty = true;
			}
			break;
		case SIGTSTP:
			/* Leave the terminal as the shell expects, stop, and
			 * take it back once continued. */
			if (a->fe)
				a->fe->suspend(a->fe->ctx);
			kill(getpid(), SIGSTOP);
			if (a->fe) {
				a->fe->resume(a->fe->ctx);
				*dirty = true;
			}
			break;
		case SIGCONT:
			if (a->fe) {
				a->fe->resume(a->fe->ctx);
				*dirty = true;
			}
			break;
		}
	}
}

/* x: pushed into the exec and open programs, so successes cost nothing
 * while only failures are wanted. */
static void set_failed_only(struct app *a, bool on)
{
	a->opt.failed_only = on;
	probes_set_failed_only(a->probes, on);
}

/* W: the settings in effect, with what the user changed on screen,
 * written atomically to the configuration file. */
static void save_settings(struct app *a)
{
	char path[4096], err[512], text[4200];

	if (a->replay && !a->model) {
		/* its interval is the recording's pace, not a setting */
		a->fe->notice(a->fe->ctx, true, "a replay's settings are not saved (W works live)");
		return;
	}

	if (config_default_path(path, sizeof(path))) {
		a->fe->notice(a->fe->ctx, true, "no home directory to save the settings in");
		return;
	}
	if (config_save(a->fe->settings(a->fe->ctx), path, err, sizeof(err))) {
		a->fe->notice(a->fe->ctx, true, err);
		return;
	}
	snprintf(text, sizeof(text), "settings saved to %s", path);
	a->fe->notice(a->fe->ctx, false, text);
}

/* Moves in time, as the keys of one input() asked (r its reactions):
 * Spaces, then the steps ([ -1, ] +1, as many as typed), then a jump.
 * Live, [ and j first look back (the latest interval recorded, where the
 * steps and the jump then apply); ] past the latest, End and Space come
 * back to live. */
static void travel(struct app *a, unsigned r)
{
	int steps = 0;
	unsigned toggles = 0;
	size_t at, n;

	a->fe->travel(a->fe->ctx, &steps, &toggles);
	if ((r & UI_JUMP) && !a->fe->jump_text(a->fe->ctx)[strspn(a->fe->jump_text(a->fe->ctx), " \t")])
		r &= ~(unsigned)UI_JUMP;	/* nothing typed: nothing to do */
	if (a->model && !a->replay) {
		if (!(steps < 0 || (r & UI_JUMP)) || lookback_enter(a))
			return;
	}
	if (a->replay && a->model) {
		char msg[512];

		/* looking back: the memory file grew since */
		if (replay_src_refresh(a->replay, msg, sizeof(msg))) {
			a->fe->notice(a->fe->ctx, true, msg);
			r |= UI_LIVE;
		}
		n = replay_src_count(a->replay);
		if (steps > 0 && replay_src_at(a->replay) + (size_t)steps >= n)
			r |= UI_LIVE;
		if (r & UI_LIVE) {
			lookback_leave(a);
			return;
		}
	}
	at = replay_src_at(a->replay);
	n = replay_src_count(a->replay);
	if (toggles % 2) {
		a->playing = !a->playing;
		/* play from the start again once at the end */
		if (a->playing && at + 1 >= n)
			replay_show(a, 0);
	}
	if (steps) {
		/* a step pauses: the interval stepped to stays */
		a->playing = false;
		if (steps < 0 && at == 0)
			a->fe->notice(a->fe->ctx, false, "the start of the recording");
		else if (steps > 0 && at + 1 >= n)
			a->fe->notice(a->fe->ctx, false, "the end of the recording");
		else
			replay_show(a, steps < 0 ? (at >= (size_t)-steps ? at - (size_t)-steps : 0)
					     : (at + (size_t)steps < n ? at + (size_t)steps : n - 1));
	}
	if ((r & UI_JUMP) && replay_jump(a, a->fe->jump_text(a->fe->ctx)) == 0)
		a->playing = false;
}

static void handle_input(struct app *a, bool *dirty)
{
	unsigned r = a->fe->input(a->fe->ctx);

	if (r & UI_QUIT)
		a->quit = true;
	if (r & UI_INTERVAL) {
		a->opt.delay_s = a->fe->settings(a->fe->ctx)->delay_s;
		loop_set_interval(&a->loop, a->opt.delay_s);
	}
	if (r & UI_FAILED_ONLY)
		set_failed_only(a, a->fe->settings(a->fe->ctx)->failed_only);
	if (r & UI_LATENCY) {
		a->opt.latency = a->fe->settings(a->fe->ctx)->latency;
		probes_set_latency(a->probes, a->opt.latency);
	}
	if (r & UI_PROFILE) {
		a->opt.profile_off = a->fe->settings(a->fe->ctx)->profile_off;
		probes_set_profiling(a->probes, !a->opt.profile_off);
	}
	if (r & UI_SAVE_CONFIG)
		save_settings(a);
	if (r & (UI_STEP_BACK | UI_STEP_FWD | UI_PLAY | UI_JUMP | UI_LIVE)) {
		travel(a, r);
		*dirty = true;
	}
	if (r & UI_REDRAW)
		*dirty = true;
}

/* The start record reports how each source started; the model copies
 * statuses into a snapshot only at a tick, so take them directly. The
 * recording starts with it too (tick 0). */
static void start_record(struct app *a)
{
	struct tt_snapshot head;
	int i;

	if (a->replay)
		return;
	head = *model_snapshot(a->model);
	for (i = 0; i < TT_SRC_MAX; i++)
		head.src[i] = *model_source(a->model, i);
	head.ev_begin = head.ev_end = event_log_end_seq(model_log(a->model));
	record(a, &head, false);
	if (!a->fe && a->out.f)
		output_start(&a->out, &head);
}

/* One frame: a replay says where it stands first. */
static void draw(struct app *a)
{
	const struct frontend *fe = a->fe;

	if (a->replay) {
		struct fe_replay pos;

		replay_src_position(a->replay, a->playing, &pos);
		if (a->model) {
			pos.live = true;
			pos.live_ms = model_snapshot(a->model)->wall_ms;
		}
		fe->replay(fe->ctx, &pos);
	} else if (a->model) {
		fe->replay(fe->ctx, &(struct fe_replay){ .on = false });
	}
	fe->draw(fe->ctx, shown_snapshot(a), shown_log(a));
}

int app_run(struct app *a, const struct frontend *fe)
{
	double drain = fe ? APP_DRAIN_UI_S : APP_DRAIN_BATCH_S;
	int err;

	a->fe = fe;
	err = loop_init(&a->loop, a->opt.delay_s, drain);
	a->loop_ready = true;
	if (!err && probes_ring_fd(a->probes) >= 0)
		err = loop_add(&a->loop, probes_ring_fd(a->probes), LOOP_RING);
	if (!err && fe)
		err = loop_add(&a->loop, fe->input_fd, LOOP_INPUT);
	if (!err && a->metrics.http)
		err = loop_add(&a->loop, http_fd(a->metrics.http), LOOP_HTTP);
	if (err) {
		diag_printf(&a->diag, MSG_ERROR, "event loop setup failed: %s", strerror(-err));
		return TT_EXIT_ERROR;
	}
	start_record(a);
	if (!fe && a->out.f) {
		if ((err = writes_ok(a)) != 0)
			return err < 0 ? TT_EXIT_OK : err;
	} else if (fe) {	/* the screen comes up at once, not at the first tick */
		draw(a);
	}

	while (!a->quit) {
		bool dirty = false;
		int wake = fe ? fe->wake_ms(fe->ctx) : -1;
		int http_wake = http_timeout_ms(a->metrics.http);
		int timeout = wake < 0 || (http_wake >= 0 && http_wake < wake) ? http_wake : wake;
		int ready = loop_wait(&a->loop, timeout);

		if (ready < 0) {
			diag_printf(&a->diag, MSG_ERROR, "event loop: %s", strerror(-ready));
			return TT_EXIT_ERROR;
		}
		/* the front end asked for a redraw by now (a timed one, or
		 * at once: then another ready fd must not put it off) */
		if (fe && ((ready == 0 && timeout == wake) || wake == 0))
			dirty = true;
		if (ready & (1 << LOOP_SIGNAL))
			handle_signals(a, &dirty);
		/* Events are consumed at every wake-up of the rings, but
		 * shown at the drain timer's pace: a busy machine wakes the
		 * loop many times a second, and a frame each time would cost
		 * more than the events. No new event, no frame. */
		if ((ready & ((1 << LOOP_RING) | (1 << LOOP_DRAIN))) &&
		    probes_drain(a->probes) > 0) {
			a->events_unseen = true;
			if (a->out.stream)
				output_stream_events(&a->out, model_log(a->model), false);
		}
		if (fe && (ready & (1 << LOOP_DRAIN)) && a->events_unseen)
			dirty = true;
		if (ready & (1 << LOOP_INPUT))
			handle_input(a, &dirty);
		/* scrapes read the snapshot of the last tick, before this
		 * pass's tick makes the next; run whenever the server has
		 * work or a timeout pending, whatever else woke the loop */
		if (a->metrics.http && ((ready & (1 << LOOP_HTTP)) || http_wake >= 0))
			http_run(a->metrics.http);
		if (ready & (1 << LOOP_TICK)) {
			/* a stop that came with the tick: this one is the last */
			a->replay_moved = true;
			tick(a, a->quit && !fe);
			/* a replay that did not move has nothing new to draw */
			dirty = dirty || a->replay_moved;
			if (a->opt.iterations && a->ticks >= a->opt.iterations)
				a->quit = true;
		}
		if (a->quit && !fe && !(ready & (1 << LOOP_TICK)))
			tick(a, true);	/* the events since the last tick */
		if ((err = writes_ok(a)) != 0)
			return err < 0 ? TT_EXIT_OK : err;
		if (dirty && fe && !a->quit) {
			draw(a);
			a->events_unseen = false;
		}
	}
	if (a->replay_damaged) {
		snprintf(a->fatal, sizeof(a->fatal), "%s is damaged: some intervals could not be read",
			 a->opt.replay ? a->opt.replay : "the recording");
		return TT_EXIT_ERROR;
	}
	return TT_EXIT_OK;
}

void app_probe_report(struct app *a, FILE *out)
{
	struct tt_source_status src[TT_SRC_MAX];
	struct report_facts facts;
	int i;

	report_gather(&facts, "");
	facts.bpf_stats = probes_stats_on(a->probes);
	memset(src, 0, sizeof(src));
	for (i = 0; a->model && i < TT_SRC_MAX; i++)
		src[i] = *model_source(a->model, i);
	report_print(out, &facts, src, &a->diag);
}

void app_fini(struct app *a)
{
	demo_stop(a->demo);
	a->demo = NULL;
	rec_writer_close(a->rec);	/* closed before, but on an early exit */
	a->rec = NULL;
	replay_src_free(a->replay);
	a->replay = NULL;
	rec_writer_close(a->lookback);
	a->lookback = NULL;
	if (a->lookback_fd >= 0)
		close(a->lookback_fd);
	a->lookback_fd = -1;
	if (a->folded_fd >= 0)
		close(a->folded_fd);
	a->folded_fd = -1;
	free(a->report);
	a->report = NULL;
	if (a->out.f)
		fclose(a->out.f);
	a->out.f = NULL;

	app_metrics_fini(&a->metrics);
	probes_stop(a->probes);
	a->probes = NULL;
	if (a->loop_ready)
		loop_fini(&a->loop);
	a->loop_ready = false;
	model_free(a->model);
	a->model = NULL;
	filter_fini(&a->filter);
	scope_fini(&a->scope);
	diag_fini(&a->diag);
}

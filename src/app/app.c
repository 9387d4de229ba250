/* struct app: init in one order, run the loop, tear down in reverse. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "app.h"
#include "bpf_support.h"
#include "config_file.h"
#include "exit_codes.h"
#include "privilege.h"
#include "probe.h"
#include "report.h"

/* How often the rings are drained between ticks: events reach the UI
 * within this delay without a wake-up per event. */
#define APP_DRAIN_UI_S 0.2
#define APP_DRAIN_BATCH_S 0.5

static const struct probe_ops *const probe_table[TT_SRC_MAX] = {
	[TT_SRC_EXEC] = &probe_exec_ops,
	[TT_SRC_OPEN] = &probe_open_ops,
	[TT_SRC_VFS] = &probe_vfs_ops,
	[TT_SRC_BIO] = &probe_bio_ops,
	[TT_SRC_SYSCALL] = &probe_syscall_ops,
};

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static int start_probes(struct app *a, char *msg, size_t len)
{
	struct probe_env env = {
		.opt = &a->opt,
		.model = a->model,
		.log = &a->log,
		.rb = &a->rb,
		.self_tgid = (uint32_t)getpid(),
	};
	int i, running = 0;
	size_t pos = 0;

	for (i = 0; i < TT_SRC_MAX; i++) {
		struct tt_source_status *st = model_source(a->model, i);

		if (!(a->opt.sources & (1u << i))) {
			st->state = TT_STATE_OFF;
			continue;
		}
		if (probe_table[i]->start(&a->probe_state[i], &env) == 0) {
			st->state = TT_STATE_RUNNING;
			running++;
			continue;
		}
		a->probe_state[i] = NULL;
		if (st->state != TT_STATE_FAILED)
			bpf_support_fail(st, &a->log, "%s: could not start", tt_source_name(i));
		if (pos < len)
			pos += (size_t)snprintf(msg + pos, len - pos, "%s%s: %s",
						pos ? "; " : "", tt_source_name(i), st->error);
	}
	if (!running) {
		if (!pos)
			snprintf(msg, len, "no source was requested");
		return TT_EXIT_NO_SOURCE;
	}
	return 0;
}

int app_init(struct app *a, const struct options *opt, char *msg, size_t len)
{
	struct model_config mc = { .log_capacity = opt->log_capacity, .root = "" };

	struct filter_error fe;
	struct report_facts facts;
	int rc;

	memset(a, 0, sizeof(*a));
	a->stats_fd = -1;
	a->opt = *opt;
	filter_init(&a->filter);
	msglog_init(&a->log);
	/* --filter was checked with the options; a configuration file's
	 * pattern is first compiled here */
	if (opt->output != OUTPUT_UI && filter_set(&a->filter, opt->filter, &fe)) {
		snprintf(msg, len, "filter: %s at offset %zu in '%s'",
			 fe.msg[0] ? fe.msg : "out of memory", fe.offset, opt->filter);
		return TT_EXIT_USAGE;
	}
	if (opt->log_file && msglog_open_file(&a->log, opt->log_file)) {
		snprintf(msg, len, "cannot open the log file %s: %s", opt->log_file, strerror(errno));
		return TT_EXIT_USAGE;
	}
	if (opt->output != OUTPUT_UI)
		a->log.echo = stderr;
	rc = privilege_check("", msg, len);
	if (rc)
		return rc;
	bpf_support_route_libbpf(&a->log);
	a->model = model_new(&mc);
	if (!a->model) {
		snprintf(msg, len, "out of memory");
		return TT_EXIT_ERROR;
	}
	rc = start_probes(a, msg, len);
	if (rc)
		return rc;
	/* The kernel's run-time statistics read the clock around every run
	 * of every BPF program on the machine: some 50 ns a syscall here,
	 * more than tracetop's own programs. So they are on only on request,
	 * and must be asked for now, while the capability is still held. */
	if (opt->bpf_stats || opt->probe_report) {
		a->stats_fd = bpf_support_enable_stats();
		if (a->stats_fd < 0)
			msglog_printf(&a->log, MSG_WARN, "BPF run-time statistics unavailable: %s",
				      strerror(-a->stats_fd));
	}
	selfcost_read("", &a->cost);
	a->cost_ns = clock_ns(CLOCK_MONOTONIC);
	/* The interface's probe report says what tracetop had when it
	 * attached: its facts are read now, before the drop. */
	report_gather(&facts, "");
	facts.bpf_stats = a->stats_fd >= 0;
	facts.bpf_stats_off = !opt->bpf_stats && !opt->probe_report;
	/* Everything is attached and every map is open: what remains
	 * (map reads, ring consumption, /proc reads) needs no capability. */
	if (!opt->probe_report) {
		int err = privilege_drop();

		if (err)
			msglog_printf(&a->log, MSG_WARN, "could not drop capabilities: %s",
				      strerror(-err));
		a->dropped = err == 0;
		facts.drop = err ? REPORT_DROP_FAILED : REPORT_DROP_DONE;
	}
	if (opt->output == OUTPUT_UI && !opt->probe_report) {
		struct tt_source_status src[TT_SRC_MAX];

		for (int i = 0; i < TT_SRC_MAX; i++)
			src[i] = *model_source(a->model, i);
		a->report = report_text(&facts, src, &a->log);
	}
	a->out = (struct output){
		.f = stdout,
		.json = opt->output == OUTPUT_JSON,
		.wall_offset_ns = (int64_t)(clock_ns(CLOCK_REALTIME) - clock_ns(CLOCK_MONOTONIC)),
		.interval_s = opt->delay_s,
		.self_pid = (uint32_t)getpid(),
		.version = PACKAGE_VERSION,
		.filter = &a->filter,
	};
	return 0;
}

/* Reads every ring buffer to the end; returns the records read, or
 * -errno. The consumer goes ring by ring, so a batch holds all new
 * execs, then all new opens: the model puts the batch in time order. */
static int drain_rings(struct app *a)
{
	uint64_t from = event_log_end_seq(model_log(a->model));
	int n = ring_buffer__consume(a->rb);

	if (model_events_order(a->model, from))
		msglog_printf(&a->log, MSG_DEBUG, "events of a drain left in ring order: "
			      "out of memory");
	return n;
}

static void sample_all(struct app *a)
{
	int i;

	if (a->rb)
		drain_rings(a);
	for (i = 0; i < TT_SRC_MAX; i++) {
		if (!a->probe_state[i])
			continue;
		if (probe_table[i]->sample(a->probe_state[i], a->model))
			msglog_printf(&a->log, MSG_DEBUG, "%s: sampling failed", tt_source_name(i));
	}
}

/* One interval ends: read every source, build the snapshot, print it in
 * batch mode. Returns true when the output is gone (e.g. a closed pipe). */
static bool tick(struct app *a, bool final)
{
	const struct tt_snapshot *snap;
	struct selfcost_sample cost;
	struct tt_selfcost self = { 0 };
	uint64_t now;

	sample_all(a);
	now = clock_ns(CLOCK_MONOTONIC);
	snap = model_tick(a->model, now);
	/* The programs' run times change only with the statistics on;
	 * otherwise the fds need no new scan. */
	if (a->stats_fd >= 0)
		selfcost_read("", &cost);
	else
		selfcost_read_process("", &cost, &a->cost);
	selfcost_update(&self, &a->cost, &cost, (double)(now - a->cost_ns) / 1e9);
	self.stats_enabled = a->stats_fd >= 0;
	model_set_self(a->model, &self, a->dropped);
	a->cost = cost;
	a->cost_ns = now;
	a->ticks++;
	if (a->fe)
		return false;
	output_snapshot(&a->out, snap, model_log(a->model), final);
	return ferror(a->out.f) != 0;
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
	int i;

	a->opt.failed_only = on;
	for (i = 0; i < TT_SRC_MAX; i++)
		if (a->probe_state[i] && probe_table[i]->set_failed_only)
			probe_table[i]->set_failed_only(a->probe_state[i], on);
}

/* W: the settings in effect, with what the user changed on screen,
 * written atomically to the configuration file. */
static void save_settings(struct app *a)
{
	struct options o = a->opt;
	char path[4096], err[512], text[4200];

	a->fe->settings(a->fe->ctx, &o);
	if (config_default_path(path, sizeof(path))) {
		a->fe->notice(a->fe->ctx, true, "no home directory to save the settings in");
		return;
	}
	if (config_save(&o, path, err, sizeof(err))) {
		a->fe->notice(a->fe->ctx, true, err);
		return;
	}
	snprintf(text, sizeof(text), "settings saved to %s", path);
	a->fe->notice(a->fe->ctx, false, text);
}

static void handle_input(struct app *a, bool *dirty)
{
	unsigned r = a->fe->input(a->fe->ctx);

	if (r & FE_QUIT)
		a->quit = true;
	if (r & FE_INTERVAL) {
		a->opt.delay_s = a->fe->delay(a->fe->ctx);
		loop_set_interval(&a->loop, a->opt.delay_s);
	}
	if (r & FE_FAILED_ONLY)
		set_failed_only(a, a->fe->failed_only(a->fe->ctx));
	if (r & FE_SAVE_CONFIG)
		save_settings(a);
	if (r & FE_REDRAW)
		*dirty = true;
}

/* The start record reports how each source started; the model copies
 * statuses into a snapshot only at a tick, so take them directly. */
static void start_record(struct app *a)
{
	struct tt_snapshot head = *model_snapshot(a->model);
	int i;

	for (i = 0; i < TT_SRC_MAX; i++)
		head.src[i] = *model_source(a->model, i);
	output_start(&a->out, &head);
}

int app_run(struct app *a, const struct frontend *fe)
{
	double drain = fe ? APP_DRAIN_UI_S : APP_DRAIN_BATCH_S;
	int err;

	a->fe = fe;
	err = loop_init(&a->loop, a->opt.delay_s, drain);
	a->loop_ready = true;
	if (!err && a->rb)
		err = loop_add(&a->loop, ring_buffer__epoll_fd(a->rb), LOOP_RING);
	if (!err && fe)
		err = loop_add(&a->loop, fe->input_fd, LOOP_INPUT);
	if (err) {
		msglog_printf(&a->log, MSG_ERROR, "event loop setup failed: %s", strerror(-err));
		return TT_EXIT_ERROR;
	}
	if (!fe)
		start_record(a);
	else	/* the screen comes up at once, not at the first tick */
		fe->draw(fe->ctx, model_snapshot(a->model), model_log(a->model));

	while (!a->quit) {
		bool dirty = false;
		int ready = loop_wait(&a->loop, fe ? fe->wake_ms(fe->ctx) : -1);

		if (ready < 0) {
			msglog_printf(&a->log, MSG_ERROR, "event loop: %s", strerror(-ready));
			return TT_EXIT_ERROR;
		}
		if (fe && ready == 0)
			dirty = true;	/* the front end asked for a timed redraw */
		if (ready & (1 << LOOP_SIGNAL))
			handle_signals(a, &dirty);
		/* Events are consumed at every wake-up of the rings, but
		 * shown at the drain timer's pace: a busy machine wakes the
		 * loop many times a second, and a frame each time would cost
		 * more than the events. No new event, no frame. */
		if ((ready & ((1 << LOOP_RING) | (1 << LOOP_DRAIN))) && a->rb &&
		    drain_rings(a) > 0)
			a->events_unseen = true;
		if (fe && (ready & (1 << LOOP_DRAIN)) && a->events_unseen)
			dirty = true;
		if (ready & (1 << LOOP_INPUT))
			handle_input(a, &dirty);
		if (ready & (1 << LOOP_TICK)) {
			if (tick(a, false))
				return TT_EXIT_OK;	/* reader went away */
			dirty = true;
			if (a->opt.iterations && a->ticks >= a->opt.iterations)
				a->quit = true;
		}
		if (a->quit && !fe && !(ready & (1 << LOOP_TICK)))
			tick(a, true);	/* the events since the last tick */
		if (dirty && fe && !a->quit) {
			fe->draw(fe->ctx, model_snapshot(a->model), model_log(a->model));
			a->events_unseen = false;
		}
	}
	return TT_EXIT_OK;
}

void app_probe_report(struct app *a, FILE *out)
{
	struct tt_source_status src[TT_SRC_MAX];
	struct report_facts facts;
	int i;

	report_gather(&facts, "");
	facts.bpf_stats = a->stats_fd >= 0;
	memset(src, 0, sizeof(src));
	for (i = 0; a->model && i < TT_SRC_MAX; i++)
		src[i] = *model_source(a->model, i);
	report_print(out, &facts, src, &a->log);
}

void app_fini(struct app *a)
{
	int i;

	if (a->stats_fd >= 0)
		close(a->stats_fd);
	a->stats_fd = -1;
	free(a->report);
	a->report = NULL;

	/* The consumer maps the rings: release it before the maps go. */
	ring_buffer__free(a->rb);
	a->rb = NULL;
	for (i = TT_SRC_MAX - 1; i >= 0; i--) {
		if (a->probe_state[i])
			probe_table[i]->stop(a->probe_state[i]);
		a->probe_state[i] = NULL;
	}
	if (a->loop_ready)
		loop_fini(&a->loop);
	a->loop_ready = false;
	model_free(a->model);
	a->model = NULL;
	filter_fini(&a->filter);
	msglog_fini(&a->log);
}

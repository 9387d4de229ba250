/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tracetop: parse the command line, build the app, run it, tear it down.
 * Nothing else lives here; only main() chooses the exit code. */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "app.h"
#include "demo.h"
#include "replay.h"
#include "ui_frontend.h"
#include "config_file.h"
#include "exit_codes.h"
#include "http.h"
#include "options.h"
#include "sink.h"

/* What went to stdout (help, version, the probe report, a message) must
 * have been written: a full disk is an error like any other; a reader
 * that went away is not worth a message. err is the first failed
 * write's errno (0: none). Returns rc, or TT_EXIT_ERROR. */
static int stdout_result(int err, int rc)
{
	if (!err || err == EPIPE)
		return rc;
	fprintf(stderr, "tracetop: cannot write to standard output: %s\n", strerror(err));
	return rc ? rc : TT_EXIT_ERROR;
}

/* stdout_result() for what went through stdio's stdout. */
static int stdout_written(int rc)
{
	int err = 0;

	errno = 0;
	if (fflush(stdout) != 0)
		err = errno ? errno : EIO;
	else if (ferror(stdout))
		err = EIO;	/* failed earlier; the reason is gone */
	return stdout_result(err, rc);
}

/* --help and --version: written through a sink, which keeps the reason
 * of the first failed write (the help is longer than stdio's buffer: a
 * write fails before the last flush, which then has nothing to say). */
static int print_info(bool help)
{
	struct sink out = { 0 };
	FILE *f = sink_open(&out, STDOUT_FILENO);
	int err;

	if (!f) {
		fprintf(stderr, "tracetop: cannot write to standard output: %s\n", strerror(errno));
		return TT_EXIT_ERROR;
	}
	if (help)
		options_usage(f);
	else
		fprintf(f, "tracetop %s\n"
			"Copyright (C) 2026 the tracetop developers.\n"
			"License GPL-2.0-or-later: GNU GPL version 2 or later "
			"<https://www.gnu.org/licenses/old-licenses/gpl-2.0.html>.\n"
			"This is free software: you are free to change and redistribute it.\n"
			"There is NO WARRANTY, to the extent permitted by law.\n",
			PACKAGE_VERSION);
	err = fclose(f) != 0 && !out.err ? (errno ? errno : EIO) : out.err;
	return stdout_result(err, TT_EXIT_OK);
}

/* Whether descriptor fd is open. */
static bool fd_open(int fd)
{
	return fcntl(fd, F_GETFD) != -1 || errno != EBADF;
}

int main(int argc, char **argv)
{
	struct options opt;
	struct app app;
	struct ui_frontend ui = { 0 };
	char msg[1024] = "", cfg[4096] = "";
	struct config_diag diag = { 0 };
	const char *cfg_theme;	/* the configuration file's theme, to tell it from --theme's */
	int rc;

	/* A closed standard output cannot take what tracetop prints, and the
	 * next file it opens would take its number: a snapshot would go
	 * into that file. Said at once; and 0, 1 and 2 are filled with
	 * /dev/null when closed, so no file tracetop opens gets one. */
	bool out_closed = !fd_open(STDOUT_FILENO);

	/* Blocks of 1 MiB and more get mappings of their own, given back
	 * when freed. Left to glibc, the threshold rises with the first big
	 * block freed (loading parses megabytes of BTF), and the large
	 * tables that follow land in the heap, where what is freed around
	 * them stays resident: 10 MB more at start, measured. */
	mallopt(M_MMAP_THRESHOLD, 1 << 20);

	for (int fd = 0; fd <= 2; fd++)
		if (!fd_open(fd) && open("/dev/null", fd ? O_WRONLY : O_RDONLY) != fd)
			return TT_EXIT_ERROR;
	if (out_closed) {
		fprintf(stderr, "tracetop: cannot write to standard output: %s\n", strerror(EBADF));
		return TT_EXIT_ERROR;
	}
	/* defaults, then the configuration file, then the command line */
	options_defaults(&opt);
	if (config_default_path(cfg, sizeof(cfg)) == 0) {
		config_load(&opt, cfg, &diag);
		for (unsigned i = 0; i < diag.n && i < CONFIG_DIAG_MAX; i++)
			fprintf(stderr, "tracetop: %s\n", diag.msg[i]);
		if (diag.n > CONFIG_DIAG_MAX)
			fprintf(stderr, "tracetop: %s: %u more problems\n", cfg,
				diag.n - CONFIG_DIAG_MAX);
	}
	cfg_theme = opt.theme;
	if (options_parse_over(&opt, argc, argv, msg, sizeof(msg))) {
		fprintf(stderr, "%s\nTry 'tracetop --help' for more information.\n", msg);
		return TT_EXIT_USAGE;
	}
	/* what is printed to a closed pipe is an EPIPE to see, not a signal */
	signal(SIGPIPE, SIG_IGN);
	if (opt.help || opt.version)
		return print_info(opt.help);
	/* a theme is checked in every mode, as any other option's value: on
	 * the command line refused; from the configuration file said and
	 * dropped, as a bad line there is */
	if (opt.theme && *opt.theme && ui_theme_check(opt.theme, msg, sizeof(msg))) {
		if (opt.theme != cfg_theme) {
			fprintf(stderr, "tracetop: %s\nTry 'tracetop --help' for more information.\n",
				msg);
			return TT_EXIT_USAGE;
		}
		/* said now, and on the status line with the file's others */
		config_diag_add(&diag, cfg, 0, "%s (ignored)", msg);
		if (diag.n <= CONFIG_DIAG_MAX)
			fprintf(stderr, "tracetop: %s\n", diag.msg[diag.n - 1]);
		opt.theme = NULL;
	}
	if (opt.save_config) {
		opt.save_config = false;
		if (!cfg[0]) {
			fprintf(stderr, "tracetop: no home directory to save the configuration in\n");
			return TT_EXIT_ERROR;
		}
		if (config_save(&opt, cfg, msg, sizeof(msg))) {
			fprintf(stderr, "tracetop: %s\n", msg);
			return TT_EXIT_ERROR;
		}
		printf("tracetop: settings saved to %s\n", cfg);
		return stdout_written(TT_EXIT_OK);
	}
	if (opt.demo) {
		const char *rec;

		if (opt.replay || opt.probe_report || opt.output == OUTPUT_HEADLESS) {
			fprintf(stderr, "tracetop: --demo runs a workload to watch: not with %s\n"
				"Try 'tracetop --help' for more information.\n",
				opt.replay ? "--replay" : opt.probe_report ? "--probe-report" :
				"--headless");
			return TT_EXIT_USAGE;
		}
		if (geteuid() != 0) {
			/* a laptop, a talk: what it shows, recorded */
			const char *live = opt.record ? "--record" : opt.listen ? "--listen" :
					   opt.pids.n ? "--pid" : opt.uids.n ? "--uid" :
					   opt.cgroup ? "--cgroup" : opt.stream ? "--stream" : NULL;

			if (live) {
				fprintf(stderr, "tracetop: --demo without root replays the recorded demo, "
					"and %s is about a live run (run it as root to trace this "
					"machine)\n", live);
				return TT_EXIT_USAGE;
			}
			rec = demo_recording();
			if (!rec) {
				fprintf(stderr, "tracetop: --demo traces this machine, which needs root, "
					"and the recorded demo is not installed\n");
				return TT_EXIT_PRIVILEGE;
			}
			fprintf(stderr, "tracetop: --demo traces this machine, which needs root: "
				"playing the recorded demo %s instead\n", rec);
			opt.demo = false;
			opt.replay = rec;
		}
	}
	if (opt.replay) {
		const char *live = opt.record ? "--record" : opt.listen ? "--listen" :
				   opt.output == OUTPUT_HEADLESS ? "--headless" :
				   opt.probe_report ? "--probe-report" : opt.pids.n ? "--pid" :
				   opt.uids.n ? "--uid" : opt.cgroup ? "--cgroup" : NULL;

		if (live) {
			fprintf(stderr, "tracetop: %s is about a live run, not --replay (a replay is "
				"narrowed with --filter or --comm)\n"
				"Try 'tracetop --help' for more information.\n", live);
			return TT_EXIT_USAGE;
		}
		if (opt.stream) {
			fprintf(stderr, "tracetop: --stream is about a live run, not --replay\n");
			return TT_EXIT_USAGE;
		}
		if (opt.output != OUTPUT_UI)
			return stdout_written(replay_batch(&opt));
		/* the interactive replay: app_init opens it */
	}
	if (opt.record_mib && !opt.record) {
		fprintf(stderr, "tracetop: --record-size is about --record: it needs --record FILE\n"
			"Try 'tracetop --help' for more information.\n");
		return TT_EXIT_USAGE;
	}
	if (opt.record_files && !opt.record_mib) {
		fprintf(stderr, "tracetop: --record-files rotates at --record-size: it needs "
			"--record FILE --record-size MIB\n"
			"Try 'tracetop --help' for more information.\n");
		return TT_EXIT_USAGE;
	}
	if (opt.record && opt.probe_report) {
		fprintf(stderr, "tracetop: --probe-report runs no interval to record: drop --record\n"
			"Try 'tracetop --help' for more information.\n");
		return TT_EXIT_USAGE;
	}
	if (opt.record_files && rec_writer_check_series(opt.record, msg, sizeof(msg))) {
		fprintf(stderr, "tracetop: %s\n", msg);
		return TT_EXIT_USAGE;
	}
	if (opt.record && rec_writer_check(opt.record, msg, sizeof(msg))) {
		fprintf(stderr, "tracetop: %s\n", msg);
		return TT_EXIT_USAGE;
	}
	if (opt.stream && opt.output != OUTPUT_JSON) {
		fprintf(stderr, "tracetop: --stream writes JSON lines: it needs --json\n"
			"Try 'tracetop --help' for more information.\n");
		return TT_EXIT_USAGE;
	}
	if (!opt.listen && (opt.output == OUTPUT_HEADLESS || opt.listen_auth ||
			    opt.metrics_by != METRICS_BY_NONE)) {
		fprintf(stderr, "tracetop: %s is about the metrics endpoint: it needs --listen\n"
			"Try 'tracetop --help' for more information.\n",
			opt.output == OUTPUT_HEADLESS ? "--headless" :
			opt.listen_auth ? "--listen-auth" : "--metrics-by");
		return TT_EXIT_USAGE;
	}
	if (opt.listen) {
		char host[256];
		uint16_t port;

		if (http_parse_listen(opt.listen, host, sizeof(host), &port, msg, sizeof(msg))) {
			fprintf(stderr, "tracetop: %s\nTry 'tracetop --help' for more information.\n",
				msg);
			return TT_EXIT_USAGE;
		}
	}
	if (opt.output == OUTPUT_UI && !opt.probe_report &&
	    (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		fprintf(stderr, "tracetop: the full-screen view needs a terminal; "
			"use --batch or --json for a pipe or a file.\n");
		return TT_EXIT_USAGE;
	}
	if (opt.output == OUTPUT_UI && !opt.probe_report && ui_terminal_check(msg, sizeof(msg))) {
		fprintf(stderr, "tracetop: %s\n", msg);
		return TT_EXIT_USAGE;
	}

	rc = app_init(&app, &opt, msg, sizeof(msg));
	if (opt.probe_report) {
		if (rc && rc != TT_EXIT_NO_SOURCE)
			fprintf(stderr, "tracetop: %s\n", msg);
		else
			app_probe_report(&app, stdout);
	} else if (rc != TT_EXIT_OK) {
		fprintf(stderr, "tracetop: %s\n", msg);
	} else if (opt.output != OUTPUT_UI) {
		rc = app_run(&app, NULL);
	} else if (ui_frontend_open(&ui, &app.opt, &app.diag, app.report, msg, sizeof(msg)) == 0) {
		/* stderr is gone under the full screen: repeat the
		 * configuration file's problems on the status line */
		for (unsigned i = 0; i < diag.n && i < CONFIG_DIAG_MAX; i++)
			diag_printf(&app.diag, MSG_WARN, "%s", diag.msg[i]);
		rc = app_run(&app, &ui.fe);
		ui_frontend_close(&ui);
	} else {
		fprintf(stderr, "tracetop: %s\n", msg);
		rc = TT_EXIT_ERROR;
	}
	rc = app_close_recording(&app, rc);
	rc = app_close_folded(&app, rc);
	if (app.fatal[0])
		fprintf(stderr, "tracetop: %s\n", app.fatal);
	app_fini(&app);
	return stdout_written(rc);
}

/* tracetop: parse the command line, build the app, run it, tear it down.
 * Nothing else lives here; only main() chooses the exit code. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "app.h"
#include "ui_frontend.h"
#include "config_file.h"
#include "exit_codes.h"
#include "options.h"

int main(int argc, char **argv)
{
	struct options opt;
	struct app app;
	struct ui_frontend ui = { 0 };
	char msg[1024] = "", cfg[4096] = "";
	struct config_diag diag = { 0 };
	int rc;

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
	if (options_parse_over(&opt, argc, argv, msg, sizeof(msg))) {
		fprintf(stderr, "%s\nTry 'tracetop --help' for more information.\n", msg);
		return TT_EXIT_USAGE;
	}
	if (opt.help) {
		options_usage(stdout);
		return TT_EXIT_OK;
	}
	if (opt.version) {
		printf("tracetop %s\n", PACKAGE_VERSION);
		return TT_EXIT_OK;
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
		return TT_EXIT_OK;
	}
	if (opt.output == OUTPUT_UI && !opt.probe_report &&
	    (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		fprintf(stderr, "tracetop: the full-screen view needs a terminal; "
			"use --batch or --json for a pipe or a file.\n");
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
	app_fini(&app);
	return rc;
}

/* tracetop: parse the command line, build the app, run it, tear it down.
 * Nothing else lives here; only main() chooses the exit code. */
#include <stdio.h>
#include <string.h>
#include "app.h"
#include "exit_codes.h"
#include "options.h"

int main(int argc, char **argv)
{
	struct options opt;
	struct app app;
	char msg[1024] = "";
	int rc;

	if (options_parse(&opt, argc, argv, msg, sizeof(msg))) {
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
	/* Until the interactive UI is built in, the default is batch text. */
	if (opt.output == OUTPUT_UI)
		opt.output = OUTPUT_BATCH;

	rc = app_init(&app, &opt, msg, sizeof(msg));
	if (opt.probe_report) {
		if (rc && rc != TT_EXIT_NO_SOURCE)
			fprintf(stderr, "tracetop: %s\n", msg);
		else
			app_probe_report(&app, stdout);
	} else if (rc == TT_EXIT_OK)
		rc = app_run(&app, NULL);
	else
		fprintf(stderr, "tracetop: %s\n", msg);
	app_fini(&app);
	return rc;
}

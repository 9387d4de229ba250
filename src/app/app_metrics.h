/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The app's side of --listen: the endpoint (http.h) bound before the
 * capabilities go and started after, the metrics rendered from the
 * model's last snapshot (at most once per tick and format), and the
 * per-container totals of --metrics-by kept at each tick. */
#ifndef TRACETOP_APP_METRICS_H
#define TRACETOP_APP_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "container_totals.h"
#include "http.h"
#include "metrics.h"
#include "model.h"
#include "options.h"

struct app_metrics {
	struct http *http;		/* owned; NULL without --listen */
	char where[96];			/* ADDR:PORT as bound */
	const struct model *model;	/* borrowed */
	struct metrics_config cfg;
	struct container_totals *containers;	/* owned: --metrics-by container */
	struct mbuf text;		/* the last rendering */
};

/* Binds the port and reads the credentials (while privileged). 0, or an
 * exit code (exit_codes.h) with why in msg. Nothing to do without
 * --listen. */
int app_metrics_open(struct app_metrics *m, const struct options *opt, const struct model *model,
		     char *msg, size_t len);
/* Starts serving. 0, or an exit code with why in msg. */
int app_metrics_start(struct app_metrics *m, char *msg, size_t len);
/* A tick ended with snapshot s. */
void app_metrics_tick(struct app_metrics *m, const struct tt_snapshot *s);
void app_metrics_fini(struct app_metrics *m);

#endif

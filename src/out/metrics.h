/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The snapshot as Prometheus metrics: the text exposition format 0.0.4
 * or OpenMetrics 1.0, chosen by the scraper's Accept header. Counters
 * are the totals since tracetop started, histograms cumulative `le`
 * buckets in seconds made of the log2 microsecond slots; integers are
 * printed as integers and durations as exact decimals, so nothing is
 * rounded. Pure: no socket, no clock, testable on a fixed snapshot. */
#ifndef TRACETOP_METRICS_H
#define TRACETOP_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "container_totals.h"
#include "snapshot.h"

enum metrics_format {
	METRICS_PROMETHEUS = 0,	/* text/plain; version=0.0.4 */
	METRICS_OPENMETRICS,	/* application/openmetrics-text; version=1.0.0 */
};

/* A growing text buffer, kept from scrape to scrape. */
struct mbuf {
	char *p;
	size_t len, cap;
	bool oom;		/* a growth failed: the text is incomplete */
};

void mbuf_fini(struct mbuf *b);

struct metrics_config {
	const char *version;	/* build_info */
	int64_t start_time_s;	/* process_start_time_seconds (wall clock) */
	/* --metrics-by container: its totals, or NULL */
	const struct container_totals *containers;
	uint64_t http_served, http_refused;	/* the endpoint's own requests */
	uint64_t http_cut;			/* its connections shut at their deadline */
};

/* The format a request's Accept header asks for (NULL: none). */
enum metrics_format metrics_negotiate(const char *accept);
const char *metrics_content_type(enum metrics_format f);
/* Replaces b's text with the metrics of snapshot s. 0, or -ENOMEM. */
int metrics_render(struct mbuf *b, const struct tt_snapshot *s, const struct metrics_config *c,
		   enum metrics_format f);

#endif

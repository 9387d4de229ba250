/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --listen for the app (app_metrics.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "app_metrics.h"
#include "exit_codes.h"

/* Called once per tick and format at most (the endpoint keeps what it
 * made until the next tick: http_set_version). */
static int render(void *ctx, enum metrics_format f, const char **text, size_t *len)
{
	struct app_metrics *m = ctx;
	struct http_stats hs = http_stats(m->http);

	m->cfg.http_served = hs.served;
	m->cfg.http_refused = hs.refused;
	m->cfg.http_cut = hs.cut;
	if (metrics_render(&m->text, model_snapshot(m->model), &m->cfg, f))
		return -ENOMEM;
	*text = m->text.p;
	*len = m->text.len;
	return 0;
}

int app_metrics_open(struct app_metrics *m, const struct options *opt, const struct model *model,
		     char *msg, size_t len)
{
	int err;

	memset(m, 0, sizeof(*m));
	if (!opt->listen)
		return 0;
	m->model = model;
	m->cfg.version = PACKAGE_VERSION;
	m->cfg.start_time_s = (int64_t)time(NULL);
	if (opt->metrics_by == METRICS_BY_CONTAINER) {
		m->containers = container_totals_new(opt->metrics_top);
		if (!m->containers) {
			snprintf(msg, len, "out of memory");
			return TT_EXIT_ERROR;
		}
		m->cfg.containers = m->containers;
	}
	err = http_listen(&m->http, opt->listen, m->where, sizeof(m->where), msg, len);
	if (err)
		return err == -EINVAL ? TT_EXIT_USAGE : TT_EXIT_ERROR;
	if (opt->listen_auth && http_set_auth(m->http, opt->listen_auth, msg, len))
		return TT_EXIT_USAGE;
	return 0;
}

int app_metrics_start(struct app_metrics *m, char *msg, size_t len)
{
	if (!m->http)
		return 0;
	return http_start(m->http, render, m, msg, len) ? TT_EXIT_ERROR : 0;
}

void app_metrics_tick(struct app_metrics *m, const struct tt_snapshot *s)
{
	if (m->containers)
		container_totals_tick(m->containers, s);
	http_set_version(m->http, s->seq);
}

void app_metrics_fini(struct app_metrics *m)
{
	http_free(m->http);
	container_totals_free(m->containers);
	mbuf_fini(&m->text);
	memset(m, 0, sizeof(*m));
}

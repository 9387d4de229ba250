/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --listen: the metrics endpoint, served by libmicrohttpd inside the
 * app's one event loop (no thread, so a scrape reads the last tick's
 * snapshot whole, and no lock). The socket is bound while tracetop still
 * holds its capabilities (a port below 1024 needs one); the server on it
 * starts after they are dropped. Only GET and HEAD of /metrics and /;
 * bounded connections, memory and time per connection, so that slow or
 * hostile clients cost the loop little and cannot hold it. */
#ifndef TRACETOP_HTTP_H
#define TRACETOP_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "metrics.h"

#define HTTP_CONNECTIONS_MAX 64		/* at once; more are closed at accept */
#define HTTP_CONNECTIONS_PER_IP 16
#define HTTP_TIMEOUT_S 5		/* idle connections closed after */
#define HTTP_DEADLINE_S 5		/* every connection closed after, idle or not */
#define HTTP_MEMORY_PER_CONNECTION (32 * 1024)	/* request line and headers */
#define HTTP_AUTH_MAX 256		/* bytes of a credentials file */

/* [ADDR:]PORT as --listen takes it: an IPv4 address, a host name or
 * [IPv6], 127.0.0.1 when left out; PORT 0 picks a free one. 0, or
 * -EINVAL with why in err. */
int http_parse_listen(const char *spec, char *host, size_t hostlen, uint16_t *port, char *err,
		      size_t errlen);

/* Renders the metrics into *text (borrowed until the next call); 0, or
 * -errno (then the client gets 500). Called once per version and
 * format: the scrapes between two versions share the result. */
typedef int (*http_render_fn)(void *ctx, enum metrics_format f, const char **text, size_t *len);

struct http;

/* Binds and listens on spec; *where gets "ADDR:PORT" as bound. 0, or
 * -errno with why in err. */
int http_listen(struct http **out, const char *spec, char *where, size_t wlen, char *err,
		size_t errlen);
/* Credentials for HTTP basic authentication: a file of one line,
 * USER:PASSWORD. 0, or -errno with why in err. */
int http_set_auth(struct http *h, const char *path, char *err, size_t errlen);
/* Starts serving (the loop then polls http_fd and calls http_run). */
int http_start(struct http *h, http_render_fn render, void *ctx, char *err, size_t errlen);
/* What render makes changed (a tick): the next scrape renders anew. */
void http_set_version(struct http *h, uint64_t version);
int http_fd(const struct http *h);
/* Handles what is ready; call when http_fd is readable or the timeout
 * passed. */
void http_run(struct http *h);
/* Milliseconds until http_run is due anyway (idle connections to
 * close), or -1. */
int http_timeout_ms(struct http *h);
/* Requests answered since start, by outcome. */
struct http_stats {
	uint64_t served, refused;	/* 200; 4xx and 5xx */
	uint64_t cut;		/* connections shut at their deadline */
};
struct http_stats http_stats(const struct http *h);
void http_free(struct http *h);

#endif

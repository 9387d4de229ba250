/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The metrics endpoint on libmicrohttpd (http.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include "clock.h"
#include "http.h"
#include "mhd.h"

struct http {
	int fd;			/* the listening socket, until the server has it */
	struct MHD_Daemon *d;
	http_render_fn render;
	void *ctx;
	uint64_t version;	/* of what render makes (http_set_version) */
	struct MHD_Response *cached[2];	/* by format, made for cached_version */
	uint64_t cached_version[2];
	struct {
		struct MHD_Connection *c;	/* NULL: a free slot */
		int fd;
		uint64_t opened_ns;
		bool cut;
	} conns[HTTP_CONNECTIONS_MAX];
	char user[HTTP_AUTH_MAX], pass[HTTP_AUTH_MAX];	/* "": no authentication */
	struct http_stats stats;
};

static const char index_page[] =
	"<!DOCTYPE html>\n<html><head><title>tracetop</title></head><body>\n"
	"<h1>tracetop</h1>\n<p><a href=\"/metrics\">Metrics</a></p>\n</body></html>\n";

int http_parse_listen(const char *spec, char *host, size_t hostlen, uint16_t *port, char *err,
		      size_t errlen)
{
	const char *p = spec, *colon;
	char *end;
	size_t n;
	unsigned long v;

	snprintf(host, hostlen, "127.0.0.1");
	if (*spec == '[') {
		const char *close = strchr(spec, ']');

		if (!close || close == spec + 1 || close[1] != ':') {
			snprintf(err, errlen, "--listen %s: an IPv6 address is written [ADDR]:PORT", spec);
			return -EINVAL;
		}
		n = (size_t)(close - spec - 1);
		p = close + 2;
		if (n >= hostlen)
			goto too_long;
		memcpy(host, spec + 1, n);
		host[n] = '\0';
	} else if ((colon = strrchr(spec, ':')) != NULL) {
		n = (size_t)(colon - spec);
		if (n == 0 || memchr(spec, ':', n)) {
			snprintf(err, errlen, "--listen %s: give an address before the colon "
				 "(0.0.0.0 for every IPv4 address), [ADDR]:PORT for IPv6, "
				 "or the port alone for 127.0.0.1", spec);
			return -EINVAL;
		}
		if (n >= hostlen)
			goto too_long;
		memcpy(host, spec, n);
		host[n] = '\0';
		p = colon + 1;
	}
	errno = 0;
	v = strtoul(p, &end, 10);
	if (!*p || *end || errno || v > 65535 || *p == '-' || *p == '+' || *p == ' ') {
		snprintf(err, errlen, "--listen %s: the port must be a number from 0 to 65535", spec);
		return -EINVAL;
	}
	*port = (uint16_t)v;
	return 0;
too_long:
	snprintf(err, errlen, "--listen: the address is longer than %zu bytes", hostlen - 1);
	return -EINVAL;
}

int http_listen(struct http **out, const char *spec, char *where, size_t wlen, char *err,
		size_t errlen)
{
	struct addrinfo hints = { .ai_flags = AI_PASSIVE | AI_NUMERICSERV,
				  .ai_socktype = SOCK_STREAM };
	struct addrinfo *res = NULL, *ai;
	char host[256], portstr[8], addr[INET6_ADDRSTRLEN];
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	struct http *h;
	uint16_t port;
	int rc, fd = -1, last = 0, one = 1;

	*out = NULL;
	if (http_parse_listen(spec, host, sizeof(host), &port, err, errlen))
		return -EINVAL;
	snprintf(portstr, sizeof(portstr), "%u", port);
	rc = getaddrinfo(host, portstr, &hints, &res);
	if (rc) {
		snprintf(err, errlen, "--listen %s: %s", spec, gai_strerror(rc));
		return -EINVAL;
	}
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
			    ai->ai_protocol);
		if (fd < 0) {
			last = errno;
			continue;
		}
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (ai->ai_family == AF_INET6)	/* [::] means IPv6 alone, as written */
			setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 128) == 0)
			break;
		last = errno;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		snprintf(err, errlen, "cannot listen on %s: %s", spec, strerror(last ? last : EINVAL));
		return -(last ? last : EINVAL);
	}
	h = calloc(1, sizeof(*h));
	if (!h) {
		close(fd);
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	h->fd = fd;
	*out = h;
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0) {
		if (ss.ss_family == AF_INET6) {
			struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

			inet_ntop(AF_INET6, &s6->sin6_addr, addr, sizeof(addr));
			snprintf(where, wlen, "[%s]:%u", addr, ntohs(s6->sin6_port));
		} else {
			struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

			inet_ntop(AF_INET, &s4->sin_addr, addr, sizeof(addr));
			snprintf(where, wlen, "%s:%u", addr, ntohs(s4->sin_port));
		}
	} else {
		snprintf(where, wlen, "%s", spec);
	}
	return 0;
}

int http_set_auth(struct http *h, const char *path, char *err, size_t errlen)
{
	char buf[HTTP_AUTH_MAX + 2], *colon, *nl;
	struct stat st;
	ssize_t n;
	size_t len;
	bool bad;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

	if (fd < 0) {
		snprintf(err, errlen, "--listen-auth %s: %s", path, strerror(errno));
		return -errno;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		snprintf(err, errlen, "--listen-auth %s: not a regular file", path);
		return -EINVAL;
	}
	if (st.st_uid != geteuid()) {
		close(fd);
		snprintf(err, errlen, "--listen-auth %s: owned by uid %u, not by the user tracetop "
			 "runs as (%u): whoever owns it sets the password", path, (unsigned)st.st_uid,
			 (unsigned)geteuid());
		return -EPERM;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		close(fd);
		snprintf(err, errlen, "--listen-auth %s: other users can read or write the "
			 "credentials (chmod 600 it)", path);
		return -EPERM;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0) {
		snprintf(err, errlen, "--listen-auth %s: %s", path, strerror(errno));
		return -EIO;
	}
	buf[n] = '\0';
	bad = (size_t)n > HTTP_AUTH_MAX || memchr(buf, '\0', (size_t)n);
	if ((nl = strchr(buf, '\n')) != NULL)
		*nl = '\0';
	len = strlen(buf);
	if (len && buf[len - 1] == '\r')
		buf[len - 1] = '\0';
	colon = strchr(buf, ':');
	if (bad || !colon || colon == buf || !colon[1]) {
		explicit_bzero(buf, sizeof(buf));
		snprintf(err, errlen, "--listen-auth %s: the file must hold one line USER:PASSWORD "
			 "(at most %d bytes)", path, HTTP_AUTH_MAX);
		return -EINVAL;
	}
	*colon = '\0';
	snprintf(h->user, sizeof(h->user), "%s", buf);
	snprintf(h->pass, sizeof(h->pass), "%s", colon + 1);
	explicit_bzero(buf, sizeof(buf));
	return 0;
}

/* Compares without leaving the length of the common prefix in the time. */
static bool same_secret(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char diff = la != lb;

	for (size_t i = 0; i < HTTP_AUTH_MAX; i++)
		diff |= (unsigned char)((i < la ? a[i] : 0) ^ (i < lb ? b[i] : 0));
	return diff == 0;
}

/* Queues a response made of body (copied), or with auth a request for
 * basic authentication. */
static enum MHD_Result reply(struct http *h, struct MHD_Connection *c, unsigned code,
			     const char *type, const char *body, size_t len, bool auth)
{
	struct MHD_Response *r = mhd.create_response_from_buffer(len, (void *)body,
								 MHD_RESPMEM_MUST_COPY);
	enum MHD_Result ok;

	if (!r)
		return MHD_NO;
	mhd.add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	mhd.add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	if (code == MHD_HTTP_METHOD_NOT_ALLOWED)
		mhd.add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
	ok = auth ? mhd.queue_basic_auth_fail_response(c, "tracetop", r) :
		    mhd.queue_response(c, code, r);
	mhd.destroy_response(r);
	if (ok == MHD_YES && code == MHD_HTTP_OK)
		h->stats.served++;
	else if (ok == MHD_YES)
		h->stats.refused++;
	return ok;
}

static bool authorised(struct http *h, struct MHD_Connection *c)
{
	char *pass = NULL, *user;
	bool ok;

	if (!h->user[0])
		return true;
	user = mhd.basic_auth_get_username_password(c, &pass);
	ok = user && pass && same_secret(user, h->user) & same_secret(pass, h->pass);
	if (user)
		mhd.free(user);
	if (pass) {
		explicit_bzero(pass, strlen(pass));
		mhd.free(pass);
	}
	return ok;
}

/* The metrics of the current version in format f: one response per
 * version and format, shared by every connection that asks (libmicro-
 * httpd counts its users, so one still being sent to a slow reader
 * outlives the next version). NULL when out of memory. */
static struct MHD_Response *metrics_response(struct http *h, enum metrics_format f)
{
	struct MHD_Response *r;
	const char *text;
	size_t len;

	if (h->cached[f] && h->cached_version[f] == h->version)
		return h->cached[f];
	if (h->render(h->ctx, f, &text, &len))
		return NULL;
	r = mhd.create_response_from_buffer(len, (void *)text, MHD_RESPMEM_MUST_COPY);
	if (!r)
		return NULL;
	mhd.add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, metrics_content_type(f));
	/* one request a connection: the deadline below is then one
	 * request's, and a scraper connects anew each time (cheap) */
	mhd.add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	if (h->cached[f])
		mhd.destroy_response(h->cached[f]);
	h->cached[f] = r;
	h->cached_version[f] = h->version;
	return r;
}

/* Every request is answered at its first call, once its headers are in:
 * a body is never waited for (libmicrohttpd discards it and closes). */
static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **req)
{
	struct http *h = cls;
	struct MHD_Response *r;
	enum metrics_format f;

	if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
		return reply(h, c, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain",
			     "only GET and HEAD\n", 18, false);
	if (strcmp(url, "/metrics") && strcmp(url, "/"))
		return reply(h, c, MHD_HTTP_NOT_FOUND, "text/plain", "not found: try /metrics\n",
			     24, false);
	if (!authorised(h, c))
		return reply(h, c, MHD_HTTP_UNAUTHORIZED, "text/plain", "authentication needed\n",
			     22, true);
	if (!strcmp(url, "/"))
		return reply(h, c, MHD_HTTP_OK, "text/html; charset=utf-8", index_page,
			     sizeof(index_page) - 1, false);
	f = metrics_negotiate(mhd.lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT));
	r = metrics_response(h, f);
	if (!r)
		return reply(h, c, MHD_HTTP_INTERNAL_SERVER_ERROR, "text/plain", "out of memory\n",
			     14, false);
	if (mhd.queue_response(c, MHD_HTTP_OK, r) != MHD_YES)
		return MHD_NO;
	h->stats.served++;
	return MHD_YES;
}

/* Connections as they open and close, with when they opened: the
 * deadline of each (idle or not) is enforced at every run. */
static void notify(void *cls, struct MHD_Connection *c, void **socket_ctx,
		   enum MHD_ConnectionNotificationCode code)
{
	struct http *h = cls;
	const union MHD_ConnectionInfo *info;
	size_t i;

	if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		for (i = 0; i < HTTP_CONNECTIONS_MAX; i++)
			if (h->conns[i].c == c)
				h->conns[i].c = NULL;
		return;
	}
	info = mhd.get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
	for (i = 0; i < HTTP_CONNECTIONS_MAX; i++)
		if (!h->conns[i].c) {
			h->conns[i].c = c;
			h->conns[i].fd = info ? info->connect_fd : -1;
			h->conns[i].opened_ns = clock_mono_ns();
			h->conns[i].cut = false;
			return;
		}
}

int http_start(struct http *h, http_render_fn render, void *ctx, char *err, size_t errlen)
{
	const union MHD_DaemonInfo *info;
	int fd;

	/* loaded now, without capabilities: its libraries' start-up code
	 * (GnuTLS, p11-kit) never runs with them */
	if (mhd_load(err, errlen))
		return -ENOENT;
	fd = dup(h->fd);	/* libmicrohttpd's: it may close it on failure */
	h->render = render;
	h->ctx = ctx;
	if (fd < 0) {
		snprintf(err, errlen, "the metrics server did not start: %s", strerror(errno));
		return -errno;
	}
	h->d = mhd.start_daemon(MHD_USE_EPOLL, 0, NULL, NULL, handle, h,
				MHD_OPTION_LISTEN_SOCKET, (MHD_socket)fd,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned)HTTP_CONNECTIONS_MAX,
				MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)HTTP_CONNECTIONS_PER_IP,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)HTTP_TIMEOUT_S,
				MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_MEMORY_PER_CONNECTION,
				MHD_OPTION_NOTIFY_CONNECTION, notify, h,
				MHD_OPTION_END);
	if (!h->d) {
		snprintf(err, errlen, "the metrics server did not start");
		return -EIO;
	}
	close(h->fd);
	h->fd = -1;
	info = mhd.get_daemon_info(h->d, MHD_DAEMON_INFO_EPOLL_FD);
	if (!info || info->epoll_fd < 0) {
		snprintf(err, errlen, "the metrics server has no epoll descriptor");
		return -EIO;
	}
	return 0;
}

void http_set_version(struct http *h, uint64_t version)
{
	if (h)
		h->version = version;
}

int http_fd(const struct http *h)
{
	const union MHD_DaemonInfo *info;

	if (!h || !h->d)
		return -1;
	info = mhd.get_daemon_info(h->d, MHD_DAEMON_INFO_EPOLL_FD);
	return info ? info->epoll_fd : -1;
}

void http_run(struct http *h)
{
	uint64_t now;

	if (!h || !h->d)
		return;
	/* a connection past its deadline is shut: whether it trickles its
	 * headers or reads its answer a byte at a time, it holds a slot no
	 * longer (libmicrohttpd sees the end at this run and closes it) */
	now = clock_mono_ns();
	for (size_t i = 0; i < HTTP_CONNECTIONS_MAX; i++)
		if (h->conns[i].c && !h->conns[i].cut && h->conns[i].fd >= 0 &&
		    now - h->conns[i].opened_ns > (uint64_t)HTTP_DEADLINE_S * 1000000000ull) {
			shutdown(h->conns[i].fd, SHUT_RDWR);
			h->conns[i].cut = true;
			h->stats.cut++;
		}
	mhd.run(h->d);
}

int http_timeout_ms(struct http *h)
{
	MHD_UNSIGNED_LONG_LONG ms;

	bool any = false;

	if (!h || !h->d)
		return -1;
	for (size_t i = 0; i < HTTP_CONNECTIONS_MAX; i++)
		any = any || (h->conns[i].c && !h->conns[i].cut);
	if (mhd.get_timeout(h->d, &ms) != MHD_YES)
		return any ? 1000 : -1;	/* the deadlines are checked each second */
	if (any && ms > 1000)
		ms = 1000;
	return ms > 60000 ? 60000 : (int)ms;
}

struct http_stats http_stats(const struct http *h)
{
	return h ? h->stats : (struct http_stats){ 0 };
}

void http_free(struct http *h)
{
	if (!h)
		return;
	for (int f = 0; f < 2; f++)
		if (h->cached[f])
			mhd.destroy_response(h->cached[f]);
	if (h->d)
		mhd.stop_daemon(h->d);	/* closes its copy of the socket */
	if (h->fd >= 0)
		close(h->fd);
	explicit_bzero(h->user, sizeof(h->user));
	explicit_bzero(h->pass, sizeof(h->pass));
	free(h);
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libmicrohttpd, loaded only when --listen asks for it: linked, it would
 * bring TLS libraries (GnuTLS, p11-kit and theirs: ten more) and their
 * constructors into every run of tracetop, which costs memory and start
 * time and runs code as root that only the endpoint could need. The
 * functions http.c uses, by the prototypes of <microhttpd.h>. */
#ifndef TRACETOP_MHD_H
#define TRACETOP_MHD_H

#include <stddef.h>
#include <microhttpd.h>

#define MHD_SONAME "libmicrohttpd.so.12"

struct mhd_api {
	__typeof__(MHD_start_daemon) *start_daemon;
	__typeof__(MHD_stop_daemon) *stop_daemon;
	__typeof__(MHD_get_daemon_info) *get_daemon_info;
	__typeof__(MHD_run) *run;
	__typeof__(MHD_get_timeout) *get_timeout;
	__typeof__(MHD_create_response_from_buffer) *create_response_from_buffer;
	__typeof__(MHD_add_response_header) *add_response_header;
	__typeof__(MHD_queue_response) *queue_response;
	__typeof__(MHD_destroy_response) *destroy_response;
	__typeof__(MHD_queue_basic_auth_fail_response) *queue_basic_auth_fail_response;
	__typeof__(MHD_basic_auth_get_username_password) *basic_auth_get_username_password;
	__typeof__(MHD_free) *free;
	__typeof__(MHD_lookup_connection_value) *lookup_connection_value;
	__typeof__(MHD_get_connection_info) *get_connection_info;
};

extern struct mhd_api mhd;

/* Loads the library once. 0, or -1 with why (and the package to install)
 * in err. */
int mhd_load(char *err, size_t len);

#endif

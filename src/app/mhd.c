/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libmicrohttpd at run time (mhd.h). */
#include <dlfcn.h>
#include <stdio.h>
#include "mhd.h"

struct mhd_api mhd;

int mhd_load(char *err, size_t len)
{
	static const struct {
		const char *name;
		size_t off;
	} syms[] = {
#define SYM(f) { "MHD_" #f, offsetof(struct mhd_api, f) }
		SYM(start_daemon), SYM(stop_daemon), SYM(get_daemon_info), SYM(run),
		SYM(get_timeout), SYM(create_response_from_buffer), SYM(add_response_header),
		SYM(queue_response), SYM(destroy_response), SYM(queue_basic_auth_fail_response),
		SYM(basic_auth_get_username_password), SYM(free), SYM(lookup_connection_value),
		SYM(get_connection_info),
#undef SYM
	};
	static void *so;

	if (so)
		return 0;
	so = dlopen(MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!so) {
		snprintf(err, len, "--listen needs libmicrohttpd (the Debian package libmicrohttpd12): %s",
			 dlerror());
		return -1;
	}
	for (size_t i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		void *p = dlsym(so, syms[i].name);

		if (!p) {
			snprintf(err, len, "%s has no %s: %s", MHD_SONAME, syms[i].name, dlerror());
			dlclose(so);
			so = NULL;
			return -1;
		}
		*(void **)((char *)&mhd + syms[i].off) = p;
	}
	return 0;
}

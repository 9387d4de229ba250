/* SPDX-License-Identifier: GPL-2.0-or-later */
/* User names by uid, cached (users.h). */
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "sanitize.h"
#include "users.h"

#define USERS_CACHE 64

const char *user_name(uint32_t uid, char *buf, size_t len)
{
	static struct { uint32_t uid; char name[32]; bool used; } cache[USERS_CACHE];
	unsigned slot = uid % USERS_CACHE;
	struct passwd pw, *res = NULL;
	char pwbuf[1024];

	if (!cache[slot].used || cache[slot].uid != uid) {
		cache[slot].used = true;
		cache[slot].uid = uid;
		if (getpwuid_r(uid, &pw, pwbuf, sizeof(pwbuf), &res) == 0 && res)
			sanitize(cache[slot].name, sizeof(cache[slot].name), res->pw_name,
				 strlen(res->pw_name));
		else
			snprintf(cache[slot].name, sizeof(cache[slot].name), "%u", uid);
	}
	snprintf(buf, len, "%s", cache[slot].name);
	return buf;
}

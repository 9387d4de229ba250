/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Names of the semantic roles as theme files spell them. Kept next to
 * nothing else so that a theme parser and a help screen can share it. */
#include <string.h>
#include "role.h"

static const char *const role_names[ROLE_MAX] = {
	[ROLE_DEFAULT] = "default",
	[ROLE_HEADER] = "header",
	[ROLE_HEADER_VALUE] = "header-value",
	[ROLE_TITLE] = "title",
	[ROLE_TITLE_FOCUS] = "title-focus",
	[ROLE_COLUMN] = "column",
	[ROLE_COLUMN_SORT] = "column-sort",
	[ROLE_LABEL] = "label",
	[ROLE_VALUE] = "value",
	[ROLE_VALUE_ZERO] = "value-zero",
	[ROLE_VALUE_WARN] = "value-warn",
	[ROLE_VALUE_BAD] = "value-bad",
	[ROLE_CURSOR] = "cursor",
	[ROLE_SPARK] = "spark",
	[ROLE_HIST_BAR] = "hist-bar",
	[ROLE_HIST_LABEL] = "hist-label",
	[ROLE_EV_EXEC] = "event-exec",
	[ROLE_EV_OPEN] = "event-open",
	[ROLE_EV_FAIL] = "event-fail",
	[ROLE_STATE_OK] = "state-ok",
	[ROLE_STATE_APPROX] = "state-approx",
	[ROLE_STATE_FAILED] = "state-failed",
	[ROLE_STATE_OFF] = "state-off",
	[ROLE_FKEY] = "fkey",
	[ROLE_FKEY_LABEL] = "fkey-label",
	[ROLE_BADGE] = "badge",
	[ROLE_MSG_INFO] = "message",
	[ROLE_MSG_WARN] = "message-warn",
	[ROLE_MSG_ERROR] = "message-error",
	[ROLE_HELP_KEY] = "help-key",
	[ROLE_MATCH] = "match",
	[ROLE_PROMPT] = "prompt",
	[ROLE_HEAT_1] = "heat-1",
	[ROLE_HEAT_2] = "heat-2",
	[ROLE_HEAT_3] = "heat-3",
	[ROLE_HEAT_4] = "heat-4",
	[ROLE_FLAME_PROC] = "flame-proc",
	[ROLE_FLAME_USER] = "flame-user",
	[ROLE_FLAME_LIB] = "flame-lib",
	[ROLE_FLAME_KERNEL] = "flame-kernel",
	[ROLE_FLAME_JIT] = "flame-jit",
	[ROLE_FLAME_MATCH] = "flame-match",
};

const char *role_name(unsigned role)
{
	return role < ROLE_MAX ? role_names[role] : NULL;
}

int role_lookup(const char *name, unsigned len)
{
	for (unsigned i = 0; i < ROLE_MAX; i++)
		if (strlen(role_names[i]) == len && !memcmp(role_names[i], name, len))
			return (int)i;
	return -1;
}

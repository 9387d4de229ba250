/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The scope's name, as the header and the scoped panes say it. The
 * scope itself, and the figures the panes draw under it, are the core's
 * (src/core/scope.c). */
#include <stdio.h>
#include <string.h>
#include "sanitize.h"
#include "view.h"

void scope_label(const struct ui_state *st, char *buf, size_t len)
{
	const struct tt_scope *sc = &st->scope;
	char name[200];

	/* a process's, a container's or a pattern's bytes: sanitise */
	sanitize(name, sizeof(name), sc->name, strnlen(sc->name, sizeof(sc->name)));
	switch (sc->kind) {
	case SCOPE_PID: snprintf(buf, len, "pid %u %s", sc->pid, name); break;
	case SCOPE_COMM: snprintf(buf, len, "every %s", name); break;
	case SCOPE_CONTAINER: snprintf(buf, len, "container %s", name); break;
	case SCOPE_COMM_RE: snprintf(buf, len, "names ~ %s", name); break;
	default: snprintf(buf, len, "-"); break;
	}
}

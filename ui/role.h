/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Semantic roles: the only vocabulary between the views and the themes.
 *
 * Views tag every canvas cell with a role ("this is a failed event",
 * "this is a histogram bar"), never with a colour. A theme maps each role
 * to a style; flush.c turns that style into terminal attributes. Adding a
 * role means adding it here and to role.c's name table. */
#ifndef TRACETOP_UI_ROLE_H
#define TRACETOP_UI_ROLE_H

enum ui_role {
	ROLE_DEFAULT = 0,
	ROLE_HEADER,		/* header lines: labels */
	ROLE_HEADER_VALUE,	/* header lines: values (host, kernel...) */
	ROLE_TITLE,		/* pane title line */
	ROLE_TITLE_FOCUS,	/* title line of the focused pane */
	ROLE_COLUMN,		/* table column headers */
	ROLE_COLUMN_SORT,	/* the column the table is sorted by */
	ROLE_LABEL,		/* names in front of values */
	ROLE_VALUE,		/* ordinary numbers */
	ROLE_VALUE_ZERO,	/* zero or idle values: quieter */
	ROLE_VALUE_WARN,	/* values worth a look (errors > 0) */
	ROLE_VALUE_BAD,		/* failures, lost events */
	ROLE_CURSOR,		/* the selected row */
	ROLE_SPARK,		/* sparklines */
	ROLE_HIST_BAR,		/* histogram bars */
	ROLE_HIST_LABEL,	/* histogram bucket labels */
	ROLE_EV_EXEC,		/* exec events */
	ROLE_EV_OPEN,		/* open events */
	ROLE_EV_FAIL,		/* the errno of a failed event */
	ROLE_STATE_OK,		/* source running on its preferred hook */
	ROLE_STATE_APPROX,	/* source running on an approximation */
	ROLE_STATE_FAILED,	/* source failed */
	ROLE_STATE_OFF,		/* source not requested */
	ROLE_FKEY,		/* function key bar: the key */
	ROLE_FKEY_LABEL,	/* function key bar: what it does */
	ROLE_BADGE,		/* PAUSED, +N new, held order */
	ROLE_MSG_INFO,		/* status messages */
	ROLE_MSG_WARN,
	ROLE_MSG_ERROR,
	ROLE_HELP_KEY,		/* key names on the help screen */
	ROLE_MATCH,		/* event log rows a search matches */
	ROLE_PROMPT,		/* the filter/search prompt line */
	ROLE_HEAT_1,		/* heatmap cells, fewest counts ... */
	ROLE_HEAT_2,
	ROLE_HEAT_3,
	ROLE_HEAT_4,		/* ... most */
	ROLE_FLAME_PROC,	/* flame graph frames: a process name */
	ROLE_FLAME_USER,	/* ... a program's own code */
	ROLE_FLAME_LIB,		/* ... a shared library */
	ROLE_FLAME_KERNEL,	/* ... the kernel */
	ROLE_FLAME_JIT,		/* ... JIT code (perf map) */
	ROLE_FLAME_MATCH,	/* ... a frame the search (/) matches */
	ROLE_MAX,
};

/* "hist-bar" for ROLE_HIST_BAR; NULL for an out-of-range role. */
const char *role_name(unsigned role);
/* The role called name, or -1. */
int role_lookup(const char *name, unsigned len);

#endif

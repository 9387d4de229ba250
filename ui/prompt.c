/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The filter and search prompt: a one-line editor whose text is put in
 * force when typing pauses (PROMPT_SETTLE_MS), so the log narrows as the
 * user types without a compile per key. A pattern that does not compile
 * leaves the last good one in force and says why on the status line; Esc
 * puts back what was in force when the prompt opened; Enter puts the
 * text in force, or, when it does not compile, what was in force when
 * the prompt opened (never a prefix that happened to compile). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "keymap.h"
#include "role.h"
#include "ui.h"

#define CTRL_U 0x15

/* The filter a prompt edits; NULL for a replay's jump, which edits a
 * time, and for a file name to save to (both taken at Enter only). */
static struct filter *target(struct ui_state *st, enum prompt_kind kind)
{
	return kind == PROMPT_FILTER ? &st->filter :
	       kind == PROMPT_FAILS ? &st->fl_filter :
	       kind == PROMPT_JUMP || kind == PROMPT_SAVE || kind == PROMPT_PROFILE ? NULL :
	       &st->search;
}

void prompt_open(struct ui_state *st, enum prompt_kind kind)
{
	struct prompt *p = st->prompt;
	const char *cur = kind == PROMPT_PROFILE ? st->prof.find :
			  target(st, kind) ? filter_expr(target(st, kind)) : "";

	p->kind = kind;
	snprintf(p->text, sizeof(p->text), "%s", cur);
	snprintf(p->saved, sizeof(p->saved), "%s", cur);
	p->len = strlen(p->text);
	p->saved_follow = st->log_follow;
	p->saved_anchor = st->log_anchor;
	p->error_shown = false;
	p->settle_ms = 0;
	st->help = false;
	if (kind == PROMPT_FAILS || kind == PROMPT_SAVE || kind == PROMPT_PROFILE)
		return;	/* on its own screen, or about what is shown: stay */

	st->screen = SCREEN_MAIN;
	st->set.focus = PANE_LOG;
}

static void clear_error(struct ui_state *st)
{
	if (st->prompt->error_shown) {
		st->msg[0] = '\0';
		st->prompt->error_shown = false;
	}
}

/* Puts the text in force: 0, or filter_set's error with err filled and
 * the expression in force unchanged. The log's index, or the search,
 * follows what is in force. */
static int put_in_force(struct ui_state *st, struct filter_error *err)
{
	struct prompt *p = st->prompt;
	int rc;

	p->text[p->len] = '\0';
	p->settle_ms = 0;
	if (p->kind == PROMPT_PROFILE) {	/* plain text: no error to have */
		snprintf(st->prof.find, sizeof(st->prof.find), "%.*s", PROF_FIND_MAX - 1, p->text);
		return 0;
	}
	if (!target(st, p->kind))
		return 0;	/* a time, a file name: at Enter */
	rc = filter_set(target(st, p->kind), p->text, err);
	if (!rc)
		clear_error(st);
	if (p->kind == PROMPT_FILTER) {
		st->idx_stale = true;
	} else if (p->kind == PROMPT_SEARCH) {
		st->search_stale = true;
		st->search_jump = filter_active(&st->search);
	}
	return rc;
}

static const char *what(const struct prompt *p)
{
	return p->kind == PROMPT_FILTER ? "filter" : p->kind == PROMPT_FAILS ? "table filter" :
	       p->kind == PROMPT_PROFILE ? "frames" :
	       p->kind == PROMPT_JUMP ? "time" : p->kind == PROMPT_SAVE ? "file name" : "search";
}

/* Typing paused: the text in force, or why it cannot be. */
static void apply(struct ui_state *st)
{
	struct prompt *p = st->prompt;
	struct filter_error err;
	int rc = put_in_force(st, &err);

	if (!rc)
		return;
	if (rc == -EINVAL)
		ui_state_message(st, ROLE_MSG_ERROR, "%s: %s at offset %zu (the previous %s stays)",
				 what(p), err.msg, err.offset, what(p));
	else
		ui_state_message(st, ROLE_MSG_ERROR, "%s: out of memory", what(p));
	p->error_shown = true;
}

/* The text changed: it goes in force once the keys pause. */
static void changed(struct ui_state *st)
{
	st->prompt->settle_ms = st->now_ms + PROMPT_SETTLE_MS;
	if (!st->prompt->settle_ms)
		st->prompt->settle_ms = 1;
}

void prompt_settle(struct ui_state *st)
{
	struct prompt *p = st->prompt;

	if (p->kind != PROMPT_NONE && p->settle_ms && st->now_ms >= p->settle_ms)
		apply(st);
}

uint64_t prompt_settle_at(const struct ui_state *st)
{
	return st->prompt->kind != PROMPT_NONE ? st->prompt->settle_ms : 0;
}

/* What was in force when the prompt opened comes back, and the log
 * stands where it stood (that expression compiled then, and does now). */
static void restore(struct ui_state *st)
{
	struct prompt *p = st->prompt;

	if (p->kind == PROMPT_PROFILE)
		snprintf(st->prof.find, sizeof(st->prof.find), "%.*s", PROF_FIND_MAX - 1, p->saved);
	if (!target(st, p->kind))
		return;	/* the profile's text, a time, a file name: nothing else */
	filter_set(target(st, p->kind), p->saved, NULL);
	if (p->kind == PROMPT_FAILS)
		return;
	if (p->kind == PROMPT_FILTER)
		st->idx_stale = true;
	else
		st->search_stale = true;
	st->search_jump = false;
	st->log_follow = p->saved_follow;
	st->log_anchor = p->saved_anchor;
}

/* Enter: the text in force; one that does not compile gives way to what
 * was in force at open, and the message says which that is. */
static unsigned commit(struct ui_state *st)
{
	struct prompt *p = st->prompt;
	struct filter_error err;
	int rc;

	if (p->kind == PROMPT_JUMP) {
		p->text[p->len] = '\0';
		/* a time is short: what does not fit is no time anyway */
		snprintf(st->jump_text, sizeof(st->jump_text), "%.63s", p->text);
		p->kind = PROMPT_NONE;
		return UI_REDRAW | UI_JUMP;
	}
	if (p->kind == PROMPT_SAVE) {
		p->text[p->len] = '\0';
		p->kind = PROMPT_NONE;
		if (!p->len)
			return UI_REDRAW;	/* no name: nothing to do */
		if (p->len >= sizeof(st->save.path)) {
			ui_state_message(st, ROLE_MSG_ERROR, "not saved: a file name is at most %zu bytes",
					 sizeof(st->save.path) - 1);
			return UI_REDRAW;
		}
		memcpy(st->save.path, p->text, p->len + 1);
		st->save.pending = true;
		st->save.overwrite = false;
		return UI_REDRAW;
	}
	rc = put_in_force(st, &err);

	if (rc) {
		restore(st);
		if (rc == -EINVAL)
			ui_state_message(st, ROLE_MSG_ERROR, "%s: %s at offset %zu; kept the previous %s: %s",
					 what(p), err.msg, err.offset, what(p),
					 p->saved[0] ? p->saved : "none");
		else
			ui_state_message(st, ROLE_MSG_ERROR, "%s: out of memory", what(p));
	}
	p->kind = PROMPT_NONE;
	return UI_REDRAW;
}

static void cancel(struct ui_state *st)
{
	restore(st);
	clear_error(st);
	st->prompt->kind = PROMPT_NONE;
}

static size_t utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

unsigned prompt_key(struct ui_state *st, int key)
{
	struct prompt *p = st->prompt;

	switch (key) {
	case UK_ESC:
		cancel(st);
		return UI_REDRAW;
	case UK_ENTER:
		return commit(st);
	case UK_BACKSPACE:
		if (!p->len)
			return 0;
		while (p->len > 1 && ((unsigned char)p->text[p->len - 1] & 0xc0) == 0x80)
			p->len--;
		p->len--;
		changed(st);
		return UI_REDRAW;
	case CTRL_U:
		p->len = 0;
		changed(st);
		return UI_REDRAW;
	}
	/* text: any printable character, never a control one */
	if (key >= 0x20 && key != 0x7f && !(key >= 0x80 && key < 0xa0) && key < UK_BASE &&
	    !(key >= 0xd800 && key < 0xe000)) {
		char enc[4];
		size_t n = utf8_encode((uint32_t)key, enc);

		if (p->len + n > FILTER_EXPR_MAX) {
			ui_state_message(st, ROLE_MSG_WARN, "the pattern is at its longest");
			return UI_REDRAW;
		}
		memcpy(p->text + p->len, enc, n);
		p->len += n;
		changed(st);
		return UI_REDRAW;
	}
	return 0;
}

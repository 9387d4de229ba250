/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The event filter: a small expression of PCRE2 patterns that selects
 * exec/open/path-call events, shared by --filter (batch, JSON, the UI) and the
 * UI's filter and search prompts.
 *
 * Syntax: terms separated by blanks, all of which must hold (AND). A
 * term is an optional '!' (negation), an optional field and a pattern:
 *
 *   comm:RE  path:RE  args:RE  pid:RE  uid:RE  errno:RE  type:RE  syscall:RE
 *   parent:RE  RE
 *
 * path is the path of an open or a path call (absolute when tracetop
 * could resolve a relative one) or the file an exec ran; args is
 * argv joined with single spaces; errno is the error's name (ENOENT),
 * empty for a call that succeeded; type is "exec", "open" or "path" (a
 * path call: stat, unlink, ...); syscall is the call's name ("execve",
 * "openat", "newfstatat"); parent is the comm of an exec's parent
 * (empty for other events). pid, uid
 * and errno given as plain digits compare as numbers (pid:42 is pid 42,
 * errno:2 is ENOENT). A bare RE matches the line
 *
 *   TYPE PID COMM RESULT PATH [ARGV...]
 *
 * as in "open 812 bash ENOENT /etc/foo" or "exec 9 sh ok /bin/ls ls -l"
 * (RESULT is the errno name, "ok" or "fd N"). A blank inside a pattern is
 * written "\ " (or \s, \x20). Patterns match the raw bytes the kernel
 * sent, bounded by their lengths, never the escaped text shown on a
 * terminal; case folding is ASCII only.
 *
 * Smart case: a pattern is matched without regard to case unless it
 * holds an uppercase letter (escapes such as \S or \x4A do not count).
 *
 * No pattern can stall tracetop: every match runs under PCRE2's match,
 * depth and heap limits (JIT-compiled where the platform allows). A
 * match that hits a limit counts as "the event does not match" and is
 * counted; filter_take_limit_report() says so once per filter.
 *
 * Setting a filter is transactional: a pattern that does not compile
 * leaves the previous filter in place and comes back with PCRE2's
 * message and the byte offset of the error in the whole expression. */
#ifndef TRACETOP_FILTER_H
#define TRACETOP_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "event.h"

/* Bytes of an expression, NUL excluded: room for an exact pattern of a
 * 4 KiB path of unprintable bytes (filter_quote) and more. */
#define FILTER_EXPR_MAX 20480

struct filter_term;		/* a compiled term (filter.c) */
struct filter_rt;		/* match context, match data, scratch (filter.c) */

struct filter {
	char *expr;			/* owned: the expression in force; NULL: none */
	struct filter_term *terms;	/* owned, n_terms of them */
	size_t n_terms;
	bool jit;			/* every pattern is JIT-compiled */
	struct filter_rt *rt;		/* owned */
	uint64_t limit_hits;		/* matches cut short by a limit */
	bool limit_reported;
};

struct filter_error {
	char msg[256];		/* PCRE2's message, or what is wrong with a term */
	size_t offset;		/* byte offset of the error in the expression */
};

void filter_init(struct filter *f);
void filter_fini(struct filter *f);

/* Compiles expr and puts it in force. A NULL, empty or blank expr
 * removes the filter (every event matches). Returns 0; or -EINVAL with
 * err filled, or -ENOMEM, and then f is exactly as it was. */
int filter_set(struct filter *f, const char *expr, struct filter_error *err);
/* Whether expr would compile; err says why not. 0 or -EINVAL/-ENOMEM. */
int filter_check(const char *expr, struct filter_error *err);

/* True when a filter is in force. */
bool filter_active(const struct filter *f);
/* The expression in force, "" for none. */
const char *filter_expr(const struct filter *f);

/* Whether ev passes the filter (always true without one). */
bool filter_match(struct filter *f, const struct tt_event *ev);

/* True once after a match first hit a limit since the filter was set:
 * the caller tells the user, once. */
bool filter_take_limit_report(struct filter *f);

/* Writes a pattern that matches exactly the n bytes of src (anchored,
 * every special byte escaped, blanks and bytes outside printable ASCII
 * as \xNN), NUL-terminated. Returns the length needed, like snprintf. */
size_t filter_quote(char *dst, size_t len, const char *src, size_t n);

#endif

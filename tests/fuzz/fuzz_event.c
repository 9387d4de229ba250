/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz target: what a ring-buffer record goes through in tracetop,
 * event_decode() -> event_resolve_path() (open, path call: the absolute
 * path from the base directory the kernel sent) -> model_event() (the
 * event log, the failing-calls table, the PATH-walk fold, the process
 * tree) -> model_tick() -> the text and JSON batch
 * writers. The input is a sequence of records,
 * each prefixed by its length as the ring reports it (16-bit little
 * endian); each is handed over in a buffer of exactly that size, freed
 * once stored, so ASan sees any read past a record or any pointer the
 * log keeps into it.
 *
 * Properties: a rejected record leaves the output event untouched; an
 * accepted one has a known type, strings that lie inside the record and
 * a NUL-terminated comm; resolving a path into a buffer too small fails
 * cleanly and leaves the path as passed, and into the probe's buffer
 * yields a path inside it (or the record) that starts with '/' when a
 * base was used; the text snapshot is terminal-safe and prints
 * one line per event held; the JSON snapshot is one line holding one
 * valid JSON object with one object per event held.
 *
 * FUZZ_EVENT_DUMP=1 in the environment copies both snapshots to stderr,
 * to see what an input turns into. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "fuzz.h"
#include "clock.h"
#include "model.h"
#include "output.h"

#define LOG_CAPACITY 16		/* the smallest --events: overwrites soon */
#define ABS_LEN (OPEN_BASE_MAX + OPEN_PATH_MAX + 2)	/* as probe_open.c */
#define SMALL_LEN 24
#define MAX_RECORDS 64
/* A realistic CLOCK_REALTIME - CLOCK_MONOTONIC (2024, booted a day ago). */
#define WALL_OFFSET_NS 1700000000000000000LL

static int inside(const char *p, size_t n, const char *rec, size_t len)
{
	return p >= rec && n <= len && p + n <= rec + len;
}

static void check_decoded(const struct tt_event *ev, const char *rec, size_t len)
{
	if (ev->type != TT_EVENT_EXEC && ev->type != TT_EVENT_OPEN && ev->type != TT_EVENT_PATH &&
	    ev->type != TT_EVENT_PROC)
		fuzz_fail("event_decode: accepted an unknown type", rec, len);
	if (memchr(ev->comm, '\0', sizeof(ev->comm)) == NULL ||
	    memchr(ev->pcomm, '\0', sizeof(ev->pcomm)) == NULL)
		fuzz_fail("event_decode: comm not terminated", rec, len);
	if (ev->type == TT_EVENT_PROC) {
		/* a fork or an exit: no strings but its comm */
		if (ev->path || ev->args || ev->base)
			fuzz_fail("event_decode: a process record with strings", rec, len);
		return;
	}
	if (!ev->path || !inside(ev->path, ev->path_len, rec, len))
		fuzz_fail("event_decode: path outside the record", rec, len);
	if (ev->args_len && (!ev->args || !inside(ev->args, ev->args_len, rec, len)))
		fuzz_fail("event_decode: args outside the record", rec, len);
	if (ev->base_len && (!ev->base || !inside(ev->base, ev->base_len, rec, len)))
		fuzz_fail("event_decode: base outside the record", rec, len);
}

/* Resolves as probe_open.c does, into heap buffers of exact sizes; the
 * returned buffer must live until the event is stored. */
static char *resolve(struct tt_event *ev, const char *rec, size_t len)
{
	struct tt_event small = *ev;
	char *tiny = malloc(SMALL_LEN), *abs = malloc(ABS_LEN);
	int rc;

	rc = event_resolve_path(&small, tiny, SMALL_LEN);
	if (rc && (rc != -ENAMETOOLONG || small.path != ev->path || small.path_len != ev->path_len))
		fuzz_fail("event_resolve_path: a failure must leave the path as passed", rec, len);
	free(tiny);
	rc = event_resolve_path(ev, abs, ABS_LEN);
	if (rc && rc != -ENAMETOOLONG)
		fuzz_fail("event_resolve_path: neither 0 nor -ENAMETOOLONG", rec, len);
	if (!inside(ev->path, ev->path_len, abs, ABS_LEN) && !inside(ev->path, ev->path_len, rec, len))
		fuzz_fail("event_resolve_path: path neither in the buffer nor in the record", rec, len);
	if (ev->path == abs && (ev->path_len == 0 || abs[0] != '/' || ev->path_len >= ABS_LEN))
		fuzz_fail("event_resolve_path: resolved path not absolute", rec, len);
	if ((ev->type == TT_EVENT_OPEN || ev->type == TT_EVENT_PATH) &&
	    (!ev->raw_path || !inside(ev->raw_path, ev->raw_path_len, rec, len)))
		fuzz_fail("event_resolve_path: raw path not the argument", rec, len);
	return abs;
}

static size_t count(const char *s, size_t len, const char *needle)
{
	size_t n = 0, k = strlen(needle);
	const char *p = s, *end = s + len;

	while ((p = memmem(p, (size_t)(end - p), needle, k)) != NULL) {
		n++;
		p += k;
	}
	return n;
}

static char *write_snapshot(const struct tt_snapshot *snap, const struct event_log *log,
			    int json, size_t *len)
{
	struct output out = {
		.json = json,
		.wall_offset_ns = WALL_OFFSET_NS,
		.interval_s = 1.0,
		.self_pid = 1,
		.version = "fuzz",
	};
	char *mem = NULL;

	out.f = open_memstream(&mem, len);
	output_snapshot(&out, snap, log, false);
	fclose(out.f);
	if (getenv("FUZZ_EVENT_DUMP"))
		fwrite(mem, 1, *len, stderr);
	return mem;
}

/* Lines after "EVENTS n" and the column header, up to the blank line
 * that ends the snapshot. */
static size_t text_event_lines(const char *text, size_t len)
{
	const char *p = memmem(text, len, "\nEVENTS ", 8), *end = text + len;
	size_t lines = 0;
	int skip = 2;

	if (!p)
		return 0;
	for (p++; p < end; p++) {
		if (*p != '\n')
			continue;
		if (skip) {
			skip--;
			continue;
		}
		lines++;
	}
	return lines ? lines - 1 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* small tables: a model per input must cost microseconds, not the
	 * megabytes of the default sizes */
	struct model_config cfg = { .log_capacity = LOG_CAPACITY, .root = "/nonexistent",
				    .procs_max = 64, .fails_max = 64 };
	struct model *m = model_new(&cfg);
	const struct tt_snapshot *snap;
	size_t pos = 0, held, len;
	char *text, *json;
	int n;

	if (!m)
		return 0;
	for (n = 0; n < MAX_RECORDS && pos + 2 <= size; n++) {
		size_t rlen = (size_t)data[pos] | (size_t)data[pos + 1] << 8;
		struct tt_event ev, before;
		char *rec;

		pos += 2;
		if (rlen > size - pos)
			rlen = size - pos;
		rec = malloc(rlen ? rlen : 1);
		memcpy(rec, data + pos, rlen);
		pos += rlen;
		memset(&ev, 0x5a, sizeof(ev));
		before = ev;
		if (event_decode(rec, rlen, &ev)) {
			if (memcmp(&ev, &before, sizeof(ev)))
				fuzz_fail("event_decode: changed the event on error", rec, rlen);
		} else {
			char *abs;

			check_decoded(&ev, rec, rlen);
			abs = resolve(&ev, rec, rlen);
			model_event(m, &ev);
			free(abs);
		}
		free(rec);
	}
	/* the tick also stores the failed execs held back for a fold */
	snap = model_tick(m, clock_mono_ns());
	held = event_log_count(model_log(m));
	if (held > LOG_CAPACITY)
		fuzz_fail("the event log holds more than its capacity", (const char *)data, size);

	text = write_snapshot(snap, model_log(m), 0, &len);
	fuzz_check_terminal_safe(text, len, 1, "text snapshot");
	if (text_event_lines(text, len) != held)
		fuzz_fail("text snapshot: not one line per event", text, len);
	free(text);

	json = write_snapshot(snap, model_log(m), 1, &len);
	if (!len || json[len - 1] != '\n' || memchr(json, '\n', len - 1))
		fuzz_fail("JSON snapshot: not exactly one line", json, len);
	fuzz_check_terminal_safe(json, len - 1, 0, "JSON snapshot");
	fuzz_check_json(json, len - 1, "JSON snapshot");
	if (count(json, len, "{\"seq\":") != held)
		fuzz_fail("JSON snapshot: not one object per event", json, len);
	free(json);
	model_free(m);
	return 0;
}

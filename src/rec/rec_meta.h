/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What a recording says about itself: the file header's "key=value"
 * lines (rec_format.h). Values are percent-encoded where a byte could
 * break a line (controls, '%'); unknown keys are kept out of the way, so
 * a later version can add some. */
#ifndef TRACETOP_REC_META_H
#define TRACETOP_REC_META_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "rec_codec.h"

struct rec_meta {
	char version[32];	/* of the tracetop that recorded */
	char host[65];
	char kernel[65];
	char arch[16];		/* uname -m */
	double interval_s;
	uint32_t pid;		/* of the recording tracetop */
	int64_t wall_offset_ns;	/* CLOCK_REALTIME - CLOCK_MONOTONIC then */
	int64_t started_ms;	/* wall clock at the start */
	uint64_t log_capacity;	/* the recording run's event log: events */
	uint64_t log_text_bytes;	/* ... and bytes of their strings (0: default) */
	uint64_t keep;		/* a flight recorder of this many bytes; 0: not one */
	uint32_t file_no;	/* in a series (--record-files): FILE.N; 0: the first */
};

/* The largest event log a header may ask a replay for (a larger value
 * is taken as this: the header is not trusted). */
#define REC_META_EVENTS_MAX 1000000
#define REC_META_TEXT_MAX (256ull << 20)

/* The header text of m, appended to out. */
void rec_meta_format(const struct rec_meta *m, struct rec_buf *out);
/* Parses n bytes of header text into m. 0, or -1 with why filled. */
int rec_meta_parse(struct rec_meta *m, const char *text, size_t n, char *why, size_t len);

#endif

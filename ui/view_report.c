/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The probe report screen (key i): what `tracetop --probe-report`
 * prints — kernel, BTF, lockdown, capabilities, tracefs and debugfs, the
 * hook each source runs on and why the others were skipped — as it was
 * when tracetop attached (src/report.c; the text is made before the
 * capabilities are dropped). Lines wrap at the screen's edge, their
 * continuations indented; the screen scrolls.
 *
 * The text holds messages from libbpf and the kernel: every line is
 * sanitised before it is drawn. */
#include <stdio.h>
#include <string.h>
#include "role.h"
#include "sanitize.h"
#include "view.h"

#define CONT_INDENT 4	/* continuation lines of a wrapped line */
#define LINE_MAX_BYTES 1024

struct report_lines {
	struct canvas *cv;
	struct rect b;
	int line;		/* display lines emitted so far */
	int scroll;
};

static bool shown(const struct report_lines *l, int *y)
{
	*y = l->b.y + l->line - l->scroll;
	return *y >= l->b.y && *y < l->b.y + l->b.h;
}

/* Emits one line of the report, wrapped at spaces to the pane's width. */
static void emit(struct report_lines *l, const char *text, unsigned role)
{
	const char *p = text;
	int indent = 0;

	do {
		int w = 0, width = l->b.w - 2 - indent, y;
		const char *q = p, *brk = NULL;

		if (width < 8)
			width = 8;
		while (*q) {
			uint32_t cp;
			int k = utf8_decode(q, strlen(q), &cp);
			int gw = glyph_width(cp) ? glyph_width(cp) : 1;

			if (w + gw > width)
				break;
			if (*q == ' ' && q > p)
				brk = q;
			w += gw;
			q += k;
		}
		if (*q && brk)
			q = brk;	/* break at the last space that fits */
		if (q == p && *q)	/* a glyph wider than the pane */
			q += utf8_decode(q, strlen(q), &(uint32_t){ 0 });
		if (shown(l, &y)) {
			char seg[LINE_MAX_BYTES];
			size_t n = (size_t)(q - p) < sizeof(seg) - 1 ? (size_t)(q - p) : sizeof(seg) - 1;

			memcpy(seg, p, n);
			seg[n] = '\0';
			canvas_puts(l->cv, l->b.x + 1 + indent, y, l->b.x + l->b.w, role, seg);
		}
		l->line++;
		p = q;
		while (*p == ' ')
			p++;
		indent = CONT_INDENT;
	} while (*p);
}

/* Headings ("sources") start at the margin, facts are indented; a source
 * that failed or a capability that could not be dropped stands out. */
static unsigned line_role(const char *line)
{
	if (line[0] != ' ')
		return ROLE_HELP_KEY;
	if (strstr(line, "FAILED") || strstr(line, "NOT"))
		return ROLE_VALUE_BAD;
	return ROLE_DEFAULT;
}

void view_report(const struct view_ctx *vc, struct rect r)
{
	struct ui_state *st = vc->st;
	struct report_lines l = { vc->cv, { 0 }, 0, 0 };
	const char *p = st->report;
	int max_scroll;

	l.b = pane_frame(vc, r, true, "Probe report",
			 "as at attach  Up/Down scroll, Esc or i returns");
	if (!p || !*p) {
		struct rect t = { l.b.x + 1, l.b.y, l.b.w - 2, l.b.h };

		text_wrap(vc->cv, t, ROLE_VALUE_ZERO, "no probe report: it could not be made "
			  "(out of memory). tracetop --probe-report prints it.");
		return;
	}
	/* Two passes: count the lines at this width to bound the scroll,
	 * then draw. The report is a few dozen lines. */
	for (int pass = 0; pass < 2; pass++) {
		l.line = 0;
		l.scroll = pass ? st->report_scroll : 1 << 30;
		for (p = st->report; *p;) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			char clean[4 * LINE_MAX_BYTES];

			sanitize(clean, sizeof(clean), p, n < LINE_MAX_BYTES ? n : LINE_MAX_BYTES);
			emit(&l, clean, line_role(clean));
			p += n + (nl ? 1 : 0);
		}
		if (!pass) {
			max_scroll = l.line - l.b.h > 0 ? l.line - l.b.h : 0;
			if (st->report_scroll > max_scroll)
				st->report_scroll = max_scroll;
		}
	}
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Text dumps of canvases and golden-file comparison for the UI tests. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "golden.h"

#ifndef TT_UI_GOLDEN
#define TT_UI_GOLDEN "tests/ui/golden"
#endif

char *canvas_dump(const struct canvas *cv)
{
	size_t cap = (size_t)(cv->w * 4 + 2) * (size_t)(cv->h + 1) + 1, used = 0;
	char *out = malloc(cap), row[4096];

	if (!out)
		return NULL;
	out[0] = '\0';
	for (int y = 0; y < cv->h; y++) {
		size_t n = canvas_row_text(cv, y, row, sizeof(row));

		while (n && row[n - 1] == ' ')
			n--;
		memcpy(out + used, row, n);
		used += n;
		out[used++] = '\n';
	}
	out[used] = '\0';
	return out;
}

/* a..z then A..Z then 0..9 by role number; ' ' for ROLE_DEFAULT */
static char role_letter(unsigned role)
{
	static const char letters[] = " abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

	return role < sizeof(letters) - 1 ? letters[role] : '?';
}

char *canvas_dump_roles(const struct canvas *cv, const struct theme *th)
{
	size_t cap = (size_t)(cv->w + 1) * (size_t)cv->h + ROLE_MAX * 96 + 1, used = 0;
	char *out = malloc(cap);
	bool seen[ROLE_MAX] = { false };

	if (!out)
		return NULL;
	for (int y = 0; y < cv->h; y++) {
		size_t start = used;
		unsigned last = ROLE_DEFAULT;

		for (int x = 0; x < cv->w; x++) {
			const struct ui_cell *c = canvas_cell_const(cv, x, y);
			unsigned role = c->ch == UI_CELL_CONT ? last : c->role;

			if (role >= ROLE_MAX)
				role = ROLE_DEFAULT;
			seen[role] = true;
			out[used++] = role_letter(role);
			last = role;
		}
		while (used > start && out[used - 1] == ' ')
			used--;
		out[used++] = '\n';
	}
	for (unsigned r = 1; r < ROLE_MAX; r++) {
		char style[64];

		if (!seen[r])
			continue;
		style_format(&th->role[r], style, sizeof(style));
		used += (size_t)snprintf(out + used, cap - used, "%c %s = %s\n", role_letter(r),
					 role_name(r), style);
	}
	out[used] = '\0';
	return out;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = '\0';
	fclose(f);
	return buf;
}

int golden_check(const char *name, const char *text)
{
	const char *update = getenv("TT_UPDATE_GOLDEN");
	char path[4096];
	char *want;
	int line = 1;

	snprintf(path, sizeof(path), "%s/%s.txt", TT_UI_GOLDEN, name);
	if (update && *update == '1') {
		FILE *f = fopen(path, "w");

		if (!f || fputs(text, f) == EOF || fclose(f)) {
			fprintf(stderr, "cannot write %s: %s\n", path, strerror(errno));
			return -1;
		}
		fprintf(stderr, "wrote %s\n", path);
		return 0;
	}
	want = read_all(path);
	if (!want) {
		fprintf(stderr, "%s: %s (TT_UPDATE_GOLDEN=1 creates it)\n", path, strerror(errno));
		return -1;
	}
	if (!strcmp(want, text)) {
		free(want);
		return 0;
	}
	for (const char *a = want, *b = text; *a || *b; line++) {
		const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
		size_t la = ea ? (size_t)(ea - a) : strlen(a), lb = eb ? (size_t)(eb - b) : strlen(b);

		if (la != lb || memcmp(a, b, la)) {
			fprintf(stderr, "%s: line %d differs\n  want: %.*s\n  got:  %.*s\n", path, line,
				(int)la, a, (int)lb, b);
			break;
		}
		a = ea ? ea + 1 : a + la;
		b = eb ? eb + 1 : b + lb;
	}
	fprintf(stderr, "--- whole screen got:\n%s", text);
	free(want);
	return -1;
}

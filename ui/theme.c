/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Theme files: finding them, reading them, and parsing "role = style"
 * lines into a struct theme without touching the old one on error.
 * Colours are fitted to the terminal later, in term.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "regfile.h"
#include "theme.h"
#include "theme_builtin.h"

const char *const theme_names[] = { "default", "light", "mono", "high-contrast", NULL };

unsigned theme_builtin_count(void)
{
	unsigned n = 0;

	while (theme_names[n])
		n++;
	return n;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

int theme_parse(struct theme *t, const char *name, const char *text, size_t len,
		const char *where, char *err, size_t errlen)
{
	struct theme nt;
	char why[192];
	unsigned line = 0;
	size_t i = 0;

	memset(&nt, 0, sizeof(nt));
	snprintf(nt.name, sizeof(nt.name), "%s", name ? name : "");
	for (unsigned r = 0; r < ROLE_MAX; r++)
		nt.role[r] = STYLE_PLAIN;

	while (i < len) {
		size_t b = i, e, kb, ke, vb, ve;
		const char *eq;
		int role;

		line++;
		while (i < len && text[i] != '\n')
			i++;
		e = i++;
		/* Strip the comment (a '#' that starts a word: "fg=#ff8800" is
		 * a colour), then blanks on both sides. */
		for (size_t k = b; k < e; k++)
			if (text[k] == '#' && (k == b || is_space(text[k - 1]))) {
				e = k;
				break;
			}
		while (b < e && is_space(text[b]))
			b++;
		while (e > b && is_space(text[e - 1]))
			e--;
		if (b == e)
			continue;
		for (size_t k = b; k < e; k++)
			if (text[k] == '\0') {
				snprintf(why, sizeof(why), "NUL byte in the file");
				goto fail;
			}
		eq = memchr(text + b, '=', e - b);
		if (!eq) {
			char ex[REGFILE_EXCERPT_SIZE];

			/* whatever the file is, only a few bytes of it are quoted */
			regfile_excerpt(ex, sizeof(ex), text + b, e - b);
			snprintf(why, sizeof(why), "expected 'role = style', got '%s'", ex);
			goto fail;
		}
		kb = b;
		ke = (size_t)(eq - text);
		while (ke > kb && is_space(text[ke - 1]))
			ke--;
		vb = ke;
		while (vb < e && text[vb] != '=')
			vb++;
		vb++;
		ve = e;
		role = role_lookup(text + kb, (unsigned)(ke - kb));
		if (role < 0) {
			char ex[REGFILE_EXCERPT_SIZE];

			regfile_excerpt(ex, sizeof(ex), text + kb, ke - kb);
			snprintf(why, sizeof(why), "unknown role '%s'", ex);
			goto fail;
		}
		if (style_parse(text + vb, ve - vb, &nt.role[role], why, sizeof(why)))
			goto fail;
	}
	*t = nt;
	return 0;
fail:
	snprintf(err, errlen, "%s:%u: %s", where, line, why);
	return -EINVAL;
}

int theme_builtin(struct theme *t, const char *name)
{
	const char *text = theme_builtin_text(name);
	char err[256];

	if (!text)
		return -ENOENT;
	/* The built-in texts are tested to parse; failing here is a bug. */
	return theme_parse(t, name, text, strlen(text), "(built-in)", err, sizeof(err));
}

const char *theme_builtin_text(const char *name)
{
	if (!strcmp(name, "default"))
		return theme_builtin_default;
	if (!strcmp(name, "mono"))
		return theme_builtin_mono;
	return NULL;
}

int theme_plain_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static int load_path(struct theme *t, const char *name, const char *path, char *err, size_t errlen)
{
	size_t len = 0;
	char *text = regfile_read(path, THEME_FILE_MAX, &len);
	int ret;

	if (!text) {
		int e = errno;

		snprintf(err, errlen, "%s: %s", path,
			 e == EFBIG ? "too large for a theme file" : regfile_strerror(e));
		return -e;
	}
	ret = theme_parse(t, name, text, len, path, err, errlen);
	free(text);
	return ret;
}

int theme_load(struct theme *t, const char *spec, const char *const *dirs, char *err, size_t errlen)
{
	size_t n = strlen(spec);
	char path[4096];

	if (strchr(spec, '/') || (n > 6 && !strcmp(spec + n - 6, ".theme"))) {
		const char *base = strrchr(spec, '/');
		char name[THEME_NAME_MAX];

		snprintf(name, sizeof(name), "%s", base ? base + 1 : spec);
		if (strlen(name) > 6 && !strcmp(name + strlen(name) - 6, ".theme"))
			name[strlen(name) - 6] = '\0';
		return load_path(t, name, spec, err, errlen);
	}
	if (!theme_plain_name(spec)) {
		snprintf(err, errlen, "'%s' is not a theme name (letters, digits, '-' and '_') nor a path", spec);
		return -EINVAL;
	}
	for (; dirs && *dirs; dirs++) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s.theme", *dirs, spec) >= sizeof(path))
			continue;
		if (!access(path, R_OK))
			return load_path(t, spec, path, err, errlen);
	}
	if (!theme_builtin(t, spec))
		return 0;
	snprintf(err, errlen, "no theme called '%s' (looked for %s.theme in the theme directories)",
		 spec, spec);
	return -ENOENT;
}

void theme_strip_colour(struct theme *t)
{
	for (unsigned r = 0; r < ROLE_MAX; r++) {
		struct style *st = &t->role[r];

		if (st->bg != COLOUR_DEFAULT)
			st->attr |= STYLE_REVERSE;
		st->fg = st->bg = COLOUR_DEFAULT;
	}
}

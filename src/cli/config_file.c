/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The configuration file (see config_file.h): reading it onto struct options
 * line by line, and writing it back atomically on request.
 *
 * This file knows how a line is spelled. Which settings have a key, what
 * a value may be, the message when it may not, and the comment above
 * each key are the option table's (option_table.c), so the file and the
 * command line cannot disagree. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "config_file.h"
#include "option_table.h"
#include "regfile.h"
#include "sanitize.h"

#define LINE_MAX_LEN 4096
#define COMMENT_WIDTH 78	/* a comment's line after its "# " */

/* Values applied from files, kept for the life of the process: options
 * holds string values by pointer. */
struct kept_value {
	struct kept_value *next;
	char text[];
};
static struct kept_value *kept_values;

static char *keep(const char *s)
{
	size_t len = strlen(s);
	struct kept_value *k = malloc(sizeof(*k) + len + 1);

	if (!k)
		return NULL;
	memcpy(k->text, s, len + 1);
	k->next = kept_values;
	kept_values = k;
	return k->text;
}

void config_diag_add(struct config_diag *diag, const char *path, unsigned line,
		     const char *fmt, ...)
{
	char raw[CONFIG_DIAG_LEN];
	va_list ap;
	int n;

	if (!diag)
		return;
	if (diag->n < CONFIG_DIAG_MAX) {
		n = line ? snprintf(raw, sizeof(raw), "%s:%u: ", path, line)
			 : snprintf(raw, sizeof(raw), "%s: ", path);
		if (n > 0 && (size_t)n < sizeof(raw)) {
			va_start(ap, fmt);
			vsnprintf(raw + n, sizeof(raw) - (size_t)n, fmt, ap);
			va_end(ap);
		}
		/* names and values come from the file: escape what a terminal
		 * would take as a control sequence */
		sanitize(diag->msg[diag->n], sizeof(diag->msg[0]), raw, strlen(raw));
	}
	diag->n++;
}

int config_path_of(const char *name, char *buf, size_t len)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	int n;

	/* the XDG base directory rules ignore a relative XDG_CONFIG_HOME */
	if (xdg && xdg[0] == '/') {
		n = snprintf(buf, len, "%s/tracetop/%s", xdg, name);
	} else {
		if (!home || home[0] != '/') {
			struct passwd *pw = getpwuid(getuid());

			home = pw && pw->pw_dir && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
		}
		if (!home)
			return -ENOENT;
		n = snprintf(buf, len, "%s/.config/tracetop/%s", home, name);
	}
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int config_default_path(char *buf, size_t len)
{
	return config_path_of("config", buf, len);
}

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
		*--end = '\0';
	return s;
}

/* Applies "key = value" (already split and trimmed). 0 or -EINVAL with
 * the reason in msg. */
static int apply(struct options *o, const char *key, const char *value, char *msg, size_t len)
{
	const struct opt_row *r = opt_row_by_key(key);
	struct opt_ctx c = { .prefix = "", .name = key, .err = msg, .errlen = len };
	char *copy;

	if (!r) {
		snprintf(msg, len, "unknown key '%s'", key);
		return -EINVAL;
	}
	copy = keep(value);
	if (!copy) {
		snprintf(msg, len, "%s: out of memory", key);
		return -ENOMEM;
	}
	return opt_value_set(r, &c, copy, o);
}

/* A configuration file is read whole by save (to keep its lines):
 * anything larger is not one. */
#define CONFIG_FILE_MAX (1 << 20)

static FILE *open_regular(const char *path, int *err)
{
	struct stat st;
	FILE *f;
	int fd = regfile_open(path, O_RDONLY, 0);

	if (fd < 0) {
		*err = -fd;
		return NULL;
	}
	if (fstat(fd, &st) == 0 && st.st_size > CONFIG_FILE_MAX) {
		*err = EFBIG;
		close(fd);
		return NULL;
	}
	f = fdopen(fd, "r");
	if (!f) {
		*err = errno;
		close(fd);
	}
	return f;
}

int config_load(struct options *o, const char *path, struct config_diag *diag)
{
	char *line = NULL, msg[CONFIG_DIAG_LEN];
	size_t cap = 0;
	unsigned lineno = 0, bad = 0;
	ssize_t n;
	int err = 0;
	FILE *f;

	if (diag)
		memset(diag, 0, sizeof(*diag));
	f = open_regular(path, &err);
	if (!f) {
		struct stat st;

		/* no file, or one this user cannot even see (a run as another
		 * user with HOME left pointing at root's home): nothing to apply */
		if (err == ENOENT || err == ENOTDIR || (err == EACCES && stat(path, &st)))
			return 0;
		if (err == EFBIG)
			config_diag_add(diag, path, 0, "larger than %d bytes: not a configuration file",
				 CONFIG_FILE_MAX);
		else
			config_diag_add(diag, path, 0, "cannot read the configuration file: %s",
				 regfile_strerror(err));
		return -err;
	}
	while ((n = getline(&line, &cap, f)) >= 0) {
		char *s, *eq, *key, *value;

		lineno++;
		if (memchr(line, '\0', (size_t)n)) {
			config_diag_add(diag, path, lineno, "the line holds a NUL byte");
			bad++;
			continue;
		}
		if (n > LINE_MAX_LEN) {
			config_diag_add(diag, path, lineno, "the line is longer than %d bytes", LINE_MAX_LEN);
			bad++;
			continue;
		}
		s = trim(line);
		if (!*s || *s == '#')
			continue;
		eq = strchr(s, '=');
		if (!eq || eq == s) {
			char ex[REGFILE_EXCERPT_SIZE];

			/* whatever the file is, only a few bytes of it are quoted */
			regfile_excerpt(ex, sizeof(ex), s, strlen(s));
			config_diag_add(diag, path, lineno, "expected 'key = value', got '%s'", ex);
			bad++;
			continue;
		}
		*eq = '\0';
		key = trim(s);
		value = trim(eq + 1);
		if (!*key) {
			char ex[REGFILE_EXCERPT_SIZE];

			regfile_excerpt(ex, sizeof(ex), value, strlen(value));
			config_diag_add(diag, path, lineno, "expected 'key = value', got '= %s'", ex);
			bad++;
			continue;
		}
		msg[0] = '\0';
		if (apply(o, key, value, msg, sizeof(msg))) {
			config_diag_add(diag, path, lineno, "%s", msg);
			bad++;
		}
	}
	if (ferror(f)) {
		config_diag_add(diag, path, lineno + 1, "read error: %s", strerror(errno));
		bad++;
	}
	free(line);
	fclose(f);
	return (int)bad;
}

/* --- saving ------------------------------------------------------------ */

/* The comment above a key: the row's words, wrapped, each line "# ". */
static void put_comment(char *buf, size_t len, size_t *used, const struct opt_row *r)
{
	char text[1024];

	opt_text_expand(r, r->comment ? r->comment : r->help, text, sizeof(text));
	for (char *p = text; *p; p++)
		if (*p == '\n')
			*p = ' ';
	opt_text_put(buf, len, used, "\n");
	opt_text_wrap(buf, len, used, text, COMMENT_WIDTH, "# ", "# ");
	opt_text_put(buf, len, used, "\n");
}

/* "key = value"; 0, or -EINVAL with the reason in err. */
static int put_setting(char *buf, size_t len, size_t *used, const struct opt_row *r,
		       const struct options *o, char *err, size_t errlen)
{
	char value[LINE_MAX_LEN];
	size_t vlen;

	if (opt_value_get(r, o, value, sizeof(value))) {
		opt_text_put(buf, len, used, "#%s =\n", r->key);
		return 0;
	}
	vlen = strlen(value);
	/* what load would not read back as it is, save refuses */
	if (strpbrk(value, "\n\r") || (vlen && (value[0] == ' ' || value[0] == '\t' ||
					      value[vlen - 1] == ' ' || value[vlen - 1] == '\t'))) {
		snprintf(err, errlen, "%s: a value with a line break or outer blanks cannot be saved",
			 r->key);
		return -EINVAL;
	}
	if (vlen + strlen(r->key) + 4 > LINE_MAX_LEN) {
		snprintf(err, errlen, "%s: the value is too long to save", r->key);
		return -EINVAL;
	}
	opt_text_put(buf, len, used, "%s = %s\n", r->key, value);
	return 0;
}

/* The file's text for o: every row with a key, in the table's order.
 * 0, or -EINVAL with the reason in err. */
static int render(const struct options *o, char *buf, size_t len, size_t *used, char *err,
		  size_t errlen)
{
	*used = 0;
	opt_text_put(buf, len, used,
	    "# tracetop configuration, written by tracetop --save-config.\n"
	    "# One 'key = value' per line; '#' starts a comment line. Command-line\n"
	    "# options override these. See tracetop(8), CONFIGURATION.\n");
	for (size_t i = 0; i < opt_n_rows; i++) {
		const struct opt_row *r = &opt_rows[i];

		if (!r->key)
			continue;
		put_comment(buf, len, used, r);
		if (put_setting(buf, len, used, r, o, err, errlen))
			return -EINVAL;
	}
	if (*used >= len) {
		snprintf(err, errlen, "the configuration is too long to save");
		return -EINVAL;
	}
	return 0;
}

/* mkdir -p of path's directory part, new directories 0700. */
static int make_parents(char *dir)
{
	struct stat st;
	char *slash;
	int rc;

	if (!stat(dir, &st))
		return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
	if (errno != ENOENT)
		return -errno;
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		rc = make_parents(dir);
		*slash = '/';
		if (rc)
			return rc;
	}
	if (mkdir(dir, 0700) && errno != EEXIST)
		return -errno;
	return 0;
}

/* Replaces path's content with text[0..used), atomically. */
static int replace_file(const char *path, const char *text, size_t used, char *err, size_t errlen)
{
	char target[PATH_MAX], dir[PATH_MAX], tmp[PATH_MAX + 16];
	const char *what = "";
	struct stat st;
	int fd = -1, rc;
	bool have_old = false;

	/* a symlinked config file (a dotfiles checkout) is saved through
	 * the link, not replaced by a file */
	if (!lstat(path, &st) && S_ISLNK(st.st_mode)) {
		if (!realpath(path, target)) {
			rc = -errno;
			snprintf(err, errlen, "%s: cannot follow the link: %s", path, strerror(-rc));
			return rc;
		}
	} else if (snprintf(target, sizeof(target), "%s", path) >= (int)sizeof(target)) {
		snprintf(err, errlen, "%s: path too long", path);
		return -ENAMETOOLONG;
	}
	if (!stat(target, &st)) {
		if (!S_ISREG(st.st_mode)) {
			snprintf(err, errlen, "%s: not a regular file", target);
			return -EINVAL;
		}
		have_old = true;
	}
	regfile_dirname(target, dir, sizeof(dir));	/* fits: target is shorter */
	rc = make_parents(dir);
	if (rc) {
		snprintf(err, errlen, "%s: cannot create the directory: %s", dir, strerror(-rc));
		return rc;
	}

	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", target);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		snprintf(err, errlen, "%s: cannot write in %s: %s", target, dir, strerror(-rc));
		return rc;
	}
	/* keep the old file's permissions; a new one is private (0600) */
	if (have_old && fchmod(fd, st.st_mode & 07777)) {
		what = "cannot set the permissions";
		rc = -errno;
		goto fail;
	}
	rc = regfile_write_all(fd, text, used);
	if (rc) {
		what = "cannot write";
		goto fail;
	}
	if (fsync(fd)) {
		what = "cannot sync";
		rc = -errno;
		goto fail;
	}
	rc = close(fd);
	fd = -1;
	if (rc) {
		what = "cannot write";
		rc = -errno;
		goto fail;
	}
	if (rename(tmp, target)) {
		what = "cannot replace the file";
		rc = -errno;
		goto fail;
	}
	/* the rename itself lasts once the directory is synced */
	regfile_sync_dir(target);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	snprintf(err, errlen, "%s: %s: %s", target, what, strerror(-rc));
	return rc;
}

/* Whether o and f hold the same value for r. */
static bool same_value(const struct opt_row *r, const struct options *o, const struct options *f)
{
	char a[LINE_MAX_LEN], b[LINE_MAX_LEN];
	int ra = opt_value_get(r, o, a, sizeof(a)), rb = opt_value_get(r, f, b, sizeof(b));

	return ra == rb && (ra || !strcmp(a, b));
}

/* The row a line of the file sets, or NULL (a comment, a blank line).
 * The "#key =" that render writes for a setting without a value names
 * its key too. */
static const struct opt_row *line_row(const char *line, size_t n)
{
	char key[128];
	size_t b = 0, e, v;
	const char *eq = memchr(line, '=', n);

	while (b < n && (line[b] == ' ' || line[b] == '\t'))
		b++;
	if (!eq || b >= n)
		return NULL;
	if (line[b] == '#') {
		/* a placeholder only: nothing after its '=' */
		for (v = (size_t)(eq - line) + 1; v < n; v++)
			if (line[v] != ' ' && line[v] != '\t' && line[v] != '\r')
				return NULL;
		b++;
	}
	e = (size_t)(eq - line);
	while (e > b && (line[e - 1] == ' ' || line[e - 1] == '\t'))
		e--;
	if (e == b || e - b >= sizeof(key))
		return NULL;
	memcpy(key, line + b, e - b);
	key[e - b] = '\0';
	return opt_row_by_key(key);
}

/* The file's text when it exists and reads back without a problem:
 * every line as it was, but a setting whose value changed, which gets
 * the new value; settings changed that the file did not name are added
 * at its end. What tracetop did not write (comments, the user's order
 * and spelling) stays. */
static int merge(const struct options *o, const struct options *file, const char *old,
		 size_t oldlen, char *buf, size_t len, size_t *used, char *err, size_t errlen)
{
	bool *named = calloc(opt_n_rows, sizeof(bool));
	size_t i = 0;
	int rc = 0;

	*used = 0;
	if (!named) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	while (i < oldlen) {
		const char *line = old + i;
		const char *nl = memchr(line, '\n', oldlen - i);
		size_t n = nl ? (size_t)(nl - line) : oldlen - i;
		const struct opt_row *r = line_row(line, n);

		i += n + (nl ? 1 : 0);
		if (r)
			named[r - opt_rows] = true;
		if (r && !same_value(r, o, file)) {
			size_t at = *used;

			rc = put_setting(buf, len, used, r, o, err, errlen);
			if (rc)
				goto out;
			/* a CRLF file stays CRLF */
			if (n && line[n - 1] == '\r' && *used > at && *used < len &&
			    buf[*used - 1] == '\n') {
				buf[*used - 1] = '\r';
				opt_text_put(buf, len, used, "\n");
			}
			continue;
		}
		opt_text_put(buf, len, used, "%.*s\n", (int)n, line);
	}
	for (size_t k = 0; k < opt_n_rows; k++) {
		const struct opt_row *r = &opt_rows[k];

		if (!r->key || named[k] || same_value(r, o, file))
			continue;
		put_comment(buf, len, used, r);
		rc = put_setting(buf, len, used, r, o, err, errlen);
		if (rc)
			goto out;
	}
	if (*used >= len) {
		snprintf(err, errlen, "the configuration is too long to save");
		rc = -EINVAL;
	}
out:
	free(named);
	return rc;
}

/* The existing file at path, whole: 0 with *text (malloc'd) or -ENOENT
 * when there is none, else a negative errno with err set. */
static int read_old(const char *path, char **text, size_t *len, char *err, size_t errlen)
{
	int e;

	*text = regfile_read(path, CONFIG_FILE_MAX, len);
	if (*text)
		return 0;
	e = errno;
	/* no file (or no directory yet): nothing to keep */
	if (e == ENOENT || e == ENOTDIR)
		return -ENOENT;
	if (e == EFBIG)
		snprintf(err, errlen, "%s: larger than %d bytes, not a configuration file: not saved",
			 path, CONFIG_FILE_MAX);
	else
		snprintf(err, errlen, "%s: %s: not saved", path, regfile_strerror(e));
	return -e;
}

int config_save(const struct options *o, const char *path, char *err, size_t errlen)
{
	size_t textlen = 64 * 1024 + CONFIG_FILE_MAX, used = 0, oldlen = 0;
	char *text, *old = NULL;
	struct options file;
	struct config_diag diag;
	int rc, bad;

	if (errlen)
		err[0] = '\0';
	rc = read_old(path, &old, &oldlen, err, errlen);
	if (rc && rc != -ENOENT)
		return rc;
	if (old) {
		/* a file tracetop cannot read back as it is would lose what it
		 * could not parse: saving is refused until it is fixed */
		options_defaults(&file);
		bad = config_load(&file, path, &diag);
		if (bad) {
			snprintf(err, errlen, "not saved: %s%s (fix or remove the file first)",
				 diag.n ? diag.msg[0] : path,
				 bad > 1 ? ", and more problems" : "");
			free(old);
			return -EINVAL;
		}
	}
	text = malloc(textlen);
	if (!text) {
		free(old);
		snprintf(err, errlen, "%s: out of memory", path);
		return -ENOMEM;
	}
	if (old)
		rc = merge(o, &file, old, oldlen, text, textlen, &used, err, errlen);
	else
		rc = render(o, text, textlen, &used, err, errlen);
	if (!rc)
		rc = replace_file(path, text, used, err, errlen);
	free(text);
	free(old);
	return rc;
}

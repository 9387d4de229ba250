/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The values of the option table's rows (option_table.h): a default,
 * the command-line flag, text to field with the checks and messages of
 * the command line, and field to text that reads back the same. One
 * pair of functions per type; a row only says which type, where, and
 * within what. */
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <linux/types.h>
#include "filter.h"
#include "option_table.h"
#include "plain_number.h"
#include "sanitize.h"
#include "scope.h"
#include "snapshot.h"

int opt_fail(struct opt_ctx *c, const char *fmt, ...)
{
	char raw[1024];
	va_list ap;
	int n;

	if (!c->errlen)
		return -EINVAL;
	n = snprintf(c->err, c->errlen, "%s", c->prefix ? c->prefix : "");
	if (n < 0 || (size_t)n >= c->errlen)
		return -EINVAL;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	/* the message quotes what the user typed: escape it for the tty */
	sanitize(c->err + n, c->errlen - (size_t)n, raw, strlen(raw));
	return -EINVAL;
}

/* --- the field --------------------------------------------------------- */

/* Integer fields come in the sizes of bool, of an enum or uint32_t, and
 * of uint64_t or size_t. */
static uint64_t load_uint(const struct opt_row *r, const struct options *o)
{
	const char *p = (const char *)o + r->offset;
	uint8_t v8;
	uint32_t v32;
	uint64_t v64;

	switch (r->size) {
	case 1:
		memcpy(&v8, p, 1);
		return v8;
	case 4:
		memcpy(&v32, p, 4);
		return v32;
	default:
		memcpy(&v64, p, 8);
		return v64;
	}
}

static void store_uint(const struct opt_row *r, struct options *o, uint64_t v)
{
	char *p = (char *)o + r->offset;
	uint8_t v8 = (uint8_t)v;
	uint32_t v32 = (uint32_t)v;

	if (r->size == 1)
		memcpy(p, &v8, 1);
	else if (r->size == 4)
		memcpy(p, &v32, 4);
	else
		memcpy(p, &v, 8);
}

static const char **string_field(const struct opt_row *r, struct options *o)
{
	return (const char **)(void *)((char *)o + r->offset);
}

static const char *load_string(const struct opt_row *r, const struct options *o)
{
	return *string_field(r, (struct options *)o);
}

static double *seconds_field(const struct opt_row *r, struct options *o)
{
	return (double *)(void *)((char *)o + r->offset);
}

/* --- text -------------------------------------------------------------- */

/* The index of s among the row's names, or -1. */
static int choice_index(const struct opt_row *r, const char *s, size_t len)
{
	const char *name;

	for (unsigned i = 0; (name = opt_value_choice(r, i)); i++)
		if (strlen(name) == len && !strncmp(s, name, len))
			return (int)i;
	return -1;
}

/* "a, b, c": every name the row takes, for a message. */
static void choice_list(const struct opt_row *r, char *buf, size_t len)
{
	size_t used = 0;
	const char *name;

	buf[0] = '\0';
	for (unsigned i = 0; (name = opt_value_choice(r, i)); i++)
		opt_text_put(buf, len, &used, "%s%s", i ? ", " : "", name);
}

int options_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcmp(s, yes[i]) || !strcmp(s, no[i])) {
			*out = !strcmp(s, yes[i]);
			return 0;
		}
	}
	return -EINVAL;
}

/* The row's limits as text, "0.1" and "3600". */
static void limit_texts(const struct opt_row *r, char *lo, char *hi, size_t len)
{
	if (r->type == OPT_SECONDS) {
		fmt_seconds(r->min, lo, len);
		fmt_seconds(r->max, hi, len);
	} else {
		snprintf(lo, len, "%llu", (unsigned long long)r->min);
		snprintf(hi, len, "%llu", (unsigned long long)r->max);
	}
}

void opt_value_limits(const struct opt_row *r, char *buf, size_t len)
{
	char lo[32], hi[32];

	if (r->type != OPT_SECONDS && r->type != OPT_UINT && r->type != OPT_IDS) {
		if (len)
			buf[0] = '\0';
		return;
	}
	limit_texts(r, lo, hi, sizeof(lo));
	snprintf(buf, len, "%s to %s", lo, hi);
}

/* "-d: 'x' is not a number of seconds between 0.1 and 3600". */
static int fail_range(const struct opt_row *r, struct opt_ctx *c, const char *s)
{
	char lo[32], hi[32];

	limit_texts(r, lo, hi, sizeof(lo));
	return opt_fail(c, "%s: '%s' is not %s between %s and %s%s%s%s", c->name, s, r->what,
			lo, hi, r->unit ? " (" : "", r->unit ? r->unit : "", r->unit ? ")" : "");
}

/* --- the types --------------------------------------------------------- */

static int yes_no(const struct opt_row *r, struct opt_ctx *c, const char *s, bool *on)
{
	(void)r;
	if (options_bool(s, on))
		return opt_fail(c, "%s: '%s' is not yes or no", c->name, s);
	return 0;
}

static int set_bool(const struct opt_row *r, struct opt_ctx *c, const char *s, struct options *o)
{
	bool on;

	if (yes_no(r, c, s, &on))
		return -EINVAL;
	store_uint(r, o, on);
	return 0;
}

static int get_bool(const struct opt_row *r, const struct options *o, char *buf, size_t len)
{
	snprintf(buf, len, "%s", load_uint(r, o) ? "yes" : "no");
	return 0;
}

/* A mode only goes up: --json after -b and -b after --json both mean
 * JSON. There is nothing to turn it off with. */
static int set_mode(const struct opt_row *r, struct opt_ctx *c, const char *s, struct options *o)
{
	bool on;

	if (yes_no(r, c, s, &on))
		return -EINVAL;
	if (!on)
		return opt_fail(c, "%s: can only be turned on", c->name);
	opt_value_flag(r, o);
	return 0;
}

static int get_mode(const struct opt_row *r, const struct options *o, char *buf, size_t len)
{
	snprintf(buf, len, "%s", load_uint(r, o) >= r->mode ? "yes" : "no");
	return 0;
}

static int set_uint(const struct opt_row *r, struct opt_ctx *c, const char *s, struct options *o)
{
	uint64_t v;

	if (parse_u64(s, &v) || v < r->min || v > r->max ||
	    ((r->flags & OPTF_POW2) && (v & (v - 1))))
		return fail_range(r, c, s);
	store_uint(r, o, v);
	return 0;
}

static int get_uint(const struct opt_row *r, const struct options *o, char *buf, size_t len)
{
	uint64_t v = load_uint(r, o);

	if ((r->flags & OPTF_UNSET) && v == (uint64_t)r->def)
		return -ENODATA;
	snprintf(buf, len, "%llu", (unsigned long long)v);
	return 0;
}

static int set_seconds(const struct opt_row *r, struct opt_ctx *c, const char *s,
		       struct options *o)
{
	double v;

	/* compare with a little slack: 0.1 as typed is not exactly 0.1 */
	if (parse_decimal(s, &v) || v < r->min - 1e-9 || v > r->max)
		return fail_range(r, c, s);
	*seconds_field(r, o) = v;
	return 0;
}

static int get_seconds(const struct opt_row *r, const struct options *o, char *buf, size_t len)
{
	fmt_seconds(*seconds_field(r, (struct options *)o), buf, len);
	return 0;
}

static int set_choice(const struct opt_row *r, struct opt_ctx *c, const char *s,
		      struct options *o)
{
	int i = choice_index(r, s, strlen(s));
	char list[160];

	if (i < 0) {
		choice_list(r, list, sizeof(list));
		return opt_fail(c, "%s: '%s' is not one of %s", c->name, s, list);
	}
	store_uint(r, o, (uint64_t)i);
	return 0;
}

static int get_choice(const struct opt_row *r, const struct options *o, char *buf, size_t len)
{
	uint64_t v = load_uint(r, o);

	for (unsigned i = 0; i < v; i++)
		if (!opt_value_choice(r, i))
			return -ENODATA;
	if (!opt_value_choice(r, (unsigned)v))
		return -ENODATA;
	snprintf(buf, len, "%s", opt_value_choice(r, (unsigned)v));
	return 0;
}

static int set_string(const struct opt_row *r, struct opt_ctx *c, const char *s,
		      struct options *o)
{
	if (!*s)
		return opt_fail(c, "%s: %s must not be empty", c->name, r->what);
	*string_field(r, o) = s;
	return 0;
}

static int get_string(const struct opt_row *r, const struct options *o, char *buf, size_t len)
{
	const char *s = load_string(r, o);

	if (!s)
		return -ENODATA;
	snprintf(buf, len, "%s", s);
	return 0;
}

/* A number, or a name looked up in the password database. The largest
 * id, (uid_t)-1, means "no uid" to the kernel and "any" here. */
static struct tt_ids *ids_field(const struct opt_row *r, struct options *o)
{
	return (struct tt_ids *)((char *)o + r->offset);
}

/* One id of a list: a number in range, or with OPTF_USERS a user name. */
static int parse_id(const struct opt_row *r, struct opt_ctx *c, const char *s, uint32_t *id)
{
	struct passwd *pw;
	uint64_t v;

	if (*s >= '0' && *s <= '9') {
		if (parse_u64(s, &v) || v < r->min || v > r->max)
			return fail_range(r, c, s);
		*id = (uint32_t)v;
		return 0;
	}
	pw = (r->flags & OPTF_USERS) && *s ? getpwnam(s) : NULL;
	if (!pw) {
		if (r->flags & OPTF_USERS)
			return opt_fail(c, "%s: '%s' is neither %s nor a known user name", c->name,
					s, r->what);
		return fail_range(r, c, s);
	}
	*id = pw->pw_uid;
	return 0;
}

/* "1,2,3": added to those already there (the option given again);
 * nothing is changed unless all of them are good. */
static int set_ids(const struct opt_row *r, struct opt_ctx *c, const char *s, struct options *o)
{
	struct tt_ids *ids = ids_field(r, o), next = *ids;
	const char *p = s;
	char one[64];

	for (;;) {
		size_t len = strcspn(p, ",");
		uint32_t id = 0, i;
		int err;

		if (!len || len >= sizeof(one))
			return opt_fail(c, "%s: '%s' is not a list of %ss separated by commas",
					c->name, s, r->what + (strncmp(r->what, "a ", 2) ? 0 : 2));
		memcpy(one, p, len);
		one[len] = '\0';
		err = parse_id(r, c, one, &id);
		if (err)
			return err;
		for (i = 0; i < next.n && next.v[i] != id; i++)
			;
		if (i == next.n) {
			if (next.n == TT_IDS_MAX)
				return opt_fail(c, "%s: at most %d %ss", c->name, TT_IDS_MAX,
						r->what + (strncmp(r->what, "a ", 2) ? 0 : 2));
			next.v[next.n++] = id;
		}
		if (!p[len])
			break;
		p += len + 1;
	}
	*ids = next;
	return 0;
}

static int get_ids(const struct opt_row *r, const struct options *o, char *buf, size_t len)
{
	const struct tt_ids *ids = ids_field(r, (struct options *)o);
	size_t pos = 0;

	if (!ids->n)
		return -ENODATA;
	if (len)
		buf[0] = '\0';
	for (uint32_t i = 0; i < ids->n && pos < len; i++)
		pos += (size_t)snprintf(buf + pos, len - pos, "%s%u", i ? "," : "", ids->v[i]);
	return 0;
}

/* "exec,bio" -> bit mask; "all" names every source. */
static int set_sources(const struct opt_row *r, struct opt_ctx *c, const char *s,
		       struct options *o)
{
	const char *p = s;
	uint64_t mask = 0;
	char list[160];

	for (;;) {
		size_t len = strcspn(p, ",");
		int i = choice_index(r, p, len);

		if (i < 0) {
			choice_list(r, list, sizeof(list));
			return opt_fail(c, "%s: '%.*s' in '%s' is not one of %s", c->name, (int)len,
					p, s, list);
		}
		mask |= i == TT_SRC_MAX ? (1u << TT_SRC_MAX) - 1 : 1u << i;
		if (!p[len])
			break;
		p += len + 1;
	}
	store_uint(r, o, mask);
	return 0;
}

static int get_sources(const struct opt_row *r, const struct options *o, char *buf, size_t len)
{
	uint64_t mask = load_uint(r, o);
	size_t used = 0;

	if (len)
		buf[0] = '\0';
	if (mask == (1u << TT_SRC_MAX) - 1) {
		snprintf(buf, len, "%s", opt_value_choice(r, TT_SRC_MAX));
		return 0;
	}
	for (unsigned i = 0; i < TT_SRC_MAX; i++)
		if (mask & (1u << i))
			opt_text_put(buf, len, &used, "%s%s", used ? "," : "",
				     opt_value_choice(r, i));
	return used ? 0 : -ENODATA;
}

/* The pattern is compiled here only to be checked, so that a mistake
 * is reported before anything starts. An empty one is no filter. */
static int set_filter(const struct opt_row *r, struct opt_ctx *c, const char *s,
		      struct options *o)
{
	struct filter_error fe;

	if (filter_check(s, &fe))
		return opt_fail(c, "%s: %s at offset %zu in '%s'", c->name,
				fe.msg[0] ? fe.msg : "out of memory", fe.offset, s);
	*string_field(r, o) = *s ? s : NULL;
	return 0;
}

/* Checked as the scope will take it: compiled once here, so that a
 * mistake is reported before anything starts. */
static int set_comm_re(const struct opt_row *r, struct opt_ctx *c, const char *s,
		       struct options *o)
{
	struct tt_scope sc;
	struct filter_error fe;
	int err;

	scope_init(&sc);
	err = *s ? scope_set_comm_re(&sc, s, &fe) : 0;
	scope_fini(&sc);
	if (err)
		return opt_fail(c, "%s: %s at offset %zu in '%s'", c->name,
				fe.msg[0] ? fe.msg : "out of memory", fe.offset, s);
	*string_field(r, o) = *s ? s : NULL;
	return 0;
}

struct opt_type_ops {
	int (*set)(const struct opt_row *r, struct opt_ctx *c, const char *s, struct options *o);
	int (*get)(const struct opt_row *r, const struct options *o, char *buf, size_t len);
};

static const struct opt_type_ops type_ops[] = {
	[OPT_BOOL] = { set_bool, get_bool },
	[OPT_MODE] = { set_mode, get_mode },
	[OPT_UINT] = { set_uint, get_uint },
	[OPT_SECONDS] = { set_seconds, get_seconds },
	[OPT_CHOICE] = { set_choice, get_choice },
	[OPT_STRING] = { set_string, get_string },
	[OPT_SOURCES] = { set_sources, get_sources },
	[OPT_FILTER] = { set_filter, get_string },
	[OPT_IDS] = { set_ids, get_ids },
	[OPT_COMM_RE] = { set_comm_re, get_string },
};

/* --- the row ----------------------------------------------------------- */

void opt_value_default(const struct opt_row *r, struct options *o)
{
	if (r->type == OPT_SECONDS)
		*seconds_field(r, o) = r->def;
	else if (r->type == OPT_IDS)
		ids_field(r, o)->n = 0;
	else if (r->type == OPT_STRING || r->type == OPT_FILTER || r->type == OPT_COMM_RE)
		*string_field(r, o) = NULL;
	else
		store_uint(r, o, (uint64_t)r->def);
}

void opt_value_flag(const struct opt_row *r, struct options *o)
{
	if (r->type == OPT_MODE) {
		if (load_uint(r, o) < r->mode)
			store_uint(r, o, r->mode);
	} else {
		store_uint(r, o, !(r->flags & OPTF_NEGATE));
	}
}

int opt_value_set(const struct opt_row *r, struct opt_ctx *c, const char *text,
		  struct options *o)
{
	struct options tmp = *o;

	if (type_ops[r->type].set(r, c, text ? text : "", &tmp))
		return -EINVAL;
	*o = tmp;
	return 0;
}

int opt_value_get(const struct opt_row *r, const struct options *o, char *buf, size_t len)
{
	return type_ops[r->type].get(r, o, buf, len);
}

const char *opt_value_choice(const struct opt_row *r, unsigned i)
{
	if (r->type == OPT_CHOICE)
		return r->choices[i];
	if (r->type != OPT_SOURCES || i > TT_SRC_MAX)
		return NULL;
	return i == TT_SRC_MAX ? "all" : tt_source_name((enum tt_source)i);
}

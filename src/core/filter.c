/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The event filter (see filter.h): parsing an expression into terms,
 * compiling each pattern with PCRE2, and matching events against them.
 *
 * Patterns run in PCRE2's 8-bit, non-UTF mode: a path is bytes, not
 * text, and a file name with a broken UTF-8 sequence must still be
 * found. Every match runs under a match context whose limits bound the
 * work any one event can cost, so a pattern with catastrophic
 * backtracking slows nothing down noticeably. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <errno.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "event_format.h"
#include "filter.h"

/* Work one match may do: enough for any sane pattern over a 4 KiB path
 * or 16 KiB of argv; half a millisecond at worst. */
#define FILTER_MATCH_LIMIT 100000
#define FILTER_DEPTH_LIMIT 2000
#define FILTER_HEAP_LIMIT_KIB 4096

enum filter_field {
	FF_LINE = 0,
	FF_COMM,
	FF_PATH,
	FF_ARGS,
	FF_PID,
	FF_UID,
	FF_ERRNO,
	FF_TYPE,
	FF_SYSCALL,
	FF_PARENT,
};

static const struct {
	const char *prefix;
	enum filter_field field;
} field_names[] = {
	{ "comm:", FF_COMM }, { "path:", FF_PATH }, { "args:", FF_ARGS },
	{ "pid:", FF_PID }, { "uid:", FF_UID }, { "errno:", FF_ERRNO },
	{ "type:", FF_TYPE }, { "syscall:", FF_SYSCALL }, { "parent:", FF_PARENT },
};

struct filter_term {
	enum filter_field field;
	bool negate;
	bool numeric;		/* pid/uid/errno given as digits */
	uint64_t num;
	pcre2_code *re;		/* owned; NULL when numeric */
};

struct filter_rt {
	pcre2_match_context *mctx;
	pcre2_match_data *md;
	char *scratch;		/* args joined, or the whole line */
	size_t scratch_cap;
};

void filter_init(struct filter *f)
{
	memset(f, 0, sizeof(*f));
}

static void terms_free(struct filter_term *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		pcre2_code_free(t[i].re);
	free(t);
}

void filter_fini(struct filter *f)
{
	terms_free(f->terms, f->n_terms);
	free(f->expr);
	if (f->rt) {
		pcre2_match_context_free(f->rt->mctx);
		pcre2_match_data_free(f->rt->md);
		free(f->rt->scratch);
		free(f->rt);
	}
	memset(f, 0, sizeof(*f));
}

static int fail(struct filter_error *err, size_t offset, const char *msg)
{
	if (err) {
		snprintf(err->msg, sizeof(err->msg), "%s", msg);
		err->offset = offset;
	}
	return -EINVAL;
}

/* Smart case: does the pattern hold an uppercase letter of its own?
 * Escape letters (\S, \W), hex digits (\x4A, \x{4A}), property and
 * group names (\p{Lu}, (?<Name>...)) and verbs ((*UCP)) do not count. */
static bool has_upper(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		char c = p[i];

		if (c == '\\' && i + 1 < n) {
			char e = p[i + 1];

			i += 2;
			if (i < n && (p[i] == '{' || (e == 'k' && p[i] == '<'))) {
				char close = p[i] == '{' ? '}' : '>';

				while (i < n && p[i] != close)
					i++;
				i++;
			} else if (e == 'x') {
				for (int k = 0; k < 2 && i < n && strchr("0123456789abcdefABCDEF", p[i]); k++)
					i++;
			}
			continue;
		}
		if (c == '(' && i + 1 < n && p[i + 1] == '*') {
			while (i < n && p[i] != ')')
				i++;
			continue;
		}
		if (c == '(' && i + 2 < n && p[i + 1] == '?' &&
		    (p[i + 2] == '<' || p[i + 2] == '\'' || p[i + 2] == 'P')) {
			char close = p[i + 2] == '\'' ? '\'' : '>';

			i += 3;
			if (i < n && p[i] == '<')
				i++;
			/* (?<= and (?<! are lookbehinds, not names */
			if (i < n && (p[i] == '=' || p[i] == '!'))
				continue;
			while (i < n && p[i] != close && p[i] != ')')
				i++;
			continue;
		}
		if (c >= 'A' && c <= 'Z')
			return true;
		i++;
	}
	return false;
}

/* The start-of-pattern options that would take a pattern out of the
 * limits' reach: the interpreter instead of JIT code (ten times the time
 * for the same match limit) or no start-up optimisation. PCRE2 reads
 * these only at the very start of a pattern, one "(*NAME)" after
 * another; (*UTF), (*UCP), newline conventions and (*LIMIT_...), which
 * can only lower a limit, stay allowed. Returns the first refused one
 * (its offset in *at), or NULL. */
static const char *defeating_option(const char *p, size_t n, size_t *at)
{
	static const char *const refused[] = {
		"NO_JIT", "NO_START_OPT", "NO_AUTO_POSSESS", "NO_DOTSTAR_ANCHOR",
	};
	size_t i = 0;

	while (i + 2 < n && p[i] == '(' && p[i + 1] == '*') {
		const char *close = memchr(p + i, ')', n - i);
		size_t len;

		if (!close)
			return NULL;	/* PCRE2 will say what is wrong */
		len = (size_t)(close - (p + i)) - 2;
		for (size_t k = 0; k < sizeof(refused) / sizeof(refused[0]); k++)
			if (len == strlen(refused[k]) && !memcmp(p + i + 2, refused[k], len)) {
				*at = i;
				return refused[k];
			}
		i = (size_t)(close - p) + 1;
	}
	return NULL;
}

/* Plain digits, as a number (at most 10 of them). */
static bool parse_digits(const char *p, size_t n, uint64_t *out)
{
	uint64_t v = 0;

	if (!n || n > 10)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(p[i] - '0');
	}
	*out = v;
	return true;
}

/* Compiles the term at expr[start, end) into t. */
static int term_compile(const char *expr, size_t start, size_t end, struct filter_term *t,
			bool *jit, struct filter_error *err)
{
	const char *p = expr + start;
	size_t n = end - start, pat_off;
	uint32_t opts = PCRE2_DOLLAR_ENDONLY;
	PCRE2_SIZE eoff;
	int ecode;

	memset(t, 0, sizeof(*t));
	if (*p == '!') {
		t->negate = true;
		p++;
		n--;
	}
	t->field = FF_LINE;
	for (size_t i = 0; i < sizeof(field_names) / sizeof(field_names[0]); i++) {
		size_t k = strlen(field_names[i].prefix);

		if (n >= k && !memcmp(p, field_names[i].prefix, k)) {
			t->field = field_names[i].field;
			p += k;
			n -= k;
			break;
		}
	}
	pat_off = (size_t)(p - expr);
	if (!n)
		return fail(err, pat_off, "a term has no pattern");
	if ((t->field == FF_PID || t->field == FF_UID || t->field == FF_ERRNO) &&
	    parse_digits(p, n, &t->num)) {
		t->numeric = true;
		return 0;
	}
	{
		size_t at = 0;
		const char *opt = defeating_option(p, n, &at);
		char msg[160];

		if (opt) {
			snprintf(msg, sizeof(msg),
				 "(*%s) is not accepted: it would take the pattern out of the "
				 "filter's time limits", opt);
			return fail(err, pat_off + at, msg);
		}
	}
	if (!has_upper(p, n))
		opts |= PCRE2_CASELESS;
	t->re = pcre2_compile((PCRE2_SPTR)p, n, opts, &ecode, &eoff, NULL);
	if (!t->re) {
		char msg[200];

		pcre2_get_error_message(ecode, (PCRE2_UCHAR *)msg, sizeof(msg));
		return fail(err, pat_off + eoff, msg);
	}
	if (pcre2_jit_compile(t->re, PCRE2_JIT_COMPLETE) != 0)
		*jit = false;	/* the interpreter runs it, under the same limits */
	return 0;
}

static int rt_ready(struct filter *f)
{
	struct filter_rt *rt = f->rt;

	if (rt)
		return 0;
	rt = calloc(1, sizeof(*rt));
	if (!rt)
		return -ENOMEM;
	rt->mctx = pcre2_match_context_create(NULL);
	rt->md = pcre2_match_data_create(1, NULL);
	if (!rt->mctx || !rt->md) {
		pcre2_match_context_free(rt->mctx);
		pcre2_match_data_free(rt->md);
		free(rt);
		return -ENOMEM;
	}
	pcre2_set_match_limit(rt->mctx, FILTER_MATCH_LIMIT);
	pcre2_set_depth_limit(rt->mctx, FILTER_DEPTH_LIMIT);
	pcre2_set_heap_limit(rt->mctx, FILTER_HEAP_LIMIT_KIB);
	f->rt = rt;
	return 0;
}

/* Splits expr at unescaped blanks and compiles every term; all or
 * nothing. */
static int compile_all(const char *expr, struct filter_term **out, size_t *n_out, bool *jit,
		       struct filter_error *err)
{
	struct filter_term *terms = NULL;
	size_t n = 0, cap = 0, i = 0, len = strlen(expr);
	int rc = 0;

	*jit = true;
	while (i < len) {
		size_t start;

		while (i < len && (expr[i] == ' ' || expr[i] == '\t'))
			i++;
		if (i >= len)
			break;
		start = i;
		while (i < len && expr[i] != ' ' && expr[i] != '\t')
			i += expr[i] == '\\' && i + 1 < len ? 2 : 1;
		if (n == cap) {
			struct filter_term *t = realloc(terms, (cap ? cap * 2 : 4) * sizeof(*t));

			if (!t) {
				rc = -ENOMEM;
				break;
			}
			terms = t;
			cap = cap ? cap * 2 : 4;
		}
		rc = term_compile(expr, start, i, &terms[n], jit, err);
		if (rc)
			break;
		n++;
	}
	if (rc) {
		terms_free(terms, n);
		return rc;
	}
	*out = terms;
	*n_out = n;
	return 0;
}

int filter_set(struct filter *f, const char *expr, struct filter_error *err)
{
	struct filter_term *terms = NULL;
	size_t n = 0;
	char *copy = NULL;
	bool jit;
	int rc;

	if (err) {
		err->msg[0] = '\0';
		err->offset = 0;
	}
	if (expr && strlen(expr) > FILTER_EXPR_MAX)
		return fail(err, FILTER_EXPR_MAX, "the expression is too long");
	rc = compile_all(expr ? expr : "", &terms, &n, &jit, err);
	if (rc)
		return rc;
	if (n && (rt_ready(f) || !(copy = strdup(expr)))) {
		terms_free(terms, n);
		return -ENOMEM;
	}
	terms_free(f->terms, f->n_terms);
	free(f->expr);
	f->terms = terms;
	f->n_terms = n;
	f->expr = copy;
	f->jit = n ? jit : false;
	f->limit_hits = 0;
	f->limit_reported = false;
	return 0;
}

int filter_check(const char *expr, struct filter_error *err)
{
	struct filter f;
	int rc;

	filter_init(&f);
	rc = filter_set(&f, expr, err);
	filter_fini(&f);
	return rc;
}

bool filter_active(const struct filter *f)
{
	return f && f->n_terms;
}

const char *filter_expr(const struct filter *f)
{
	return f && f->expr ? f->expr : "";
}

bool filter_take_limit_report(struct filter *f)
{
	if (!f->limit_hits || f->limit_reported)
		return false;
	f->limit_reported = true;
	return true;
}

static size_t bytes_len(const char *s, size_t len)
{
	/* the decoder's strings may carry their final NULs */
	while (len && s[len - 1] == '\0')
		len--;
	return len;
}

static char *scratch(struct filter_rt *rt, size_t need)
{
	if (need > rt->scratch_cap) {
		char *p = realloc(rt->scratch, need);

		if (!p)
			return NULL;
		rt->scratch = p;
		rt->scratch_cap = need;
	}
	return rt->scratch;
}

/* argv joined with single spaces into out (room for args_len + 1
 * bytes), empty entries too, the last one as well. */
static size_t join_args(const struct tt_event *ev, char *out)
{
	size_t off = 0, n, used = 0;
	const char *a;

	for (unsigned i = 0; (a = event_arg(ev, i, &off, &n)); i++) {
		if (i)
			out[used++] = ' ';
		memcpy(out + used, a, n);
		used += n;
	}
	return used;
}

static const char *result_text(const struct tt_event *ev, char *buf, size_t len)
{
	if (ev->ret < 0)
		return errno_name(ev->ret, buf, len);
	if (ev->type != TT_EVENT_OPEN)
		return "ok";
	snprintf(buf, len, "fd %d", ev->ret);
	return buf;
}

/* The line a bare term matches (see filter.h). */
static const char *format_line(struct filter_rt *rt, const struct tt_event *ev, size_t *len)
{
	size_t plen = ev->path ? bytes_len(ev->path, ev->path_len) : 0;
	size_t alen = ev->args ? ev->args_len : 0;
	char ebuf[24], head[96];
	char *out;
	int hn;

	hn = snprintf(head, sizeof(head), "%s %u ", event_type_name(ev), ev->pid);
	if (hn < 0)
		return NULL;
	out = scratch(rt, (size_t)hn + TT_COMM_LEN + sizeof(ebuf) + plen + alen + 4);
	if (!out)
		return NULL;
	memcpy(out, head, (size_t)hn);
	*len = (size_t)hn;
	{
		size_t cn = strnlen(ev->comm, sizeof(ev->comm));
		const char *res = result_text(ev, ebuf, sizeof(ebuf));

		memcpy(out + *len, ev->comm, cn);
		*len += cn;
		out[(*len)++] = ' ';
		memcpy(out + *len, res, strlen(res));
		*len += strlen(res);
	}
	out[(*len)++] = ' ';
	if (plen)
		memcpy(out + *len, ev->path, plen);
	*len += plen;
	if (ev->type == TT_EVENT_EXEC && ev->args_n) {
		out[(*len)++] = ' ';
		*len += join_args(ev, out + *len);
	}
	return out;
}

/* The bytes term t looks at, or NULL when they cannot be had (out of
 * memory: no match). */
static const char *subject(struct filter_rt *rt, const struct filter_term *t,
			   const struct tt_event *ev, char *buf, size_t buflen, size_t *len)
{
	const char *s;

	switch (t->field) {
	case FF_COMM:
		*len = strnlen(ev->comm, sizeof(ev->comm));
		return ev->comm;
	case FF_PATH:
		*len = ev->path ? bytes_len(ev->path, ev->path_len) : 0;
		return ev->path ? ev->path : "";
	case FF_ARGS: {
		char *out = scratch(rt, ev->args_len + 1);

		if (!out)
			return NULL;
		*len = join_args(ev, out);
		return out;
	}
	case FF_PID:
		*len = (size_t)snprintf(buf, buflen, "%u", ev->pid);
		return buf;
	case FF_UID:
		*len = (size_t)snprintf(buf, buflen, "%u", ev->uid);
		return buf;
	case FF_ERRNO:
		if (ev->ret >= 0) {
			*len = 0;
			return "";
		}
		s = errno_name(ev->ret, buf, buflen);	/* static or buf */
		*len = strlen(s);
		return s;
	case FF_TYPE:
		s = event_type_name(ev);
		*len = strlen(s);
		return s;
	case FF_SYSCALL:
		s = event_syscall_name(ev);
		*len = strlen(s);
		return s;
	case FF_PARENT:
		*len = strnlen(ev->pcomm, sizeof(ev->pcomm));
		return ev->pcomm;
	case FF_LINE:
		break;
	}
	return format_line(rt, ev, len);
}

enum term_result { TERM_NO = 0, TERM_YES, TERM_LIMIT };

static enum term_result term_match(struct filter_rt *rt, const struct filter_term *t,
				   const struct tt_event *ev)
{
	char buf[32];
	const char *s;
	size_t len = 0;
	int rc;

	if (t->numeric) {
		uint64_t v = t->field == FF_PID ? ev->pid : t->field == FF_UID ? ev->uid :
			     ev->ret < 0 ? (uint64_t)-(int64_t)ev->ret : 0;

		return v == t->num && (t->field != FF_ERRNO || ev->ret < 0) ? TERM_YES : TERM_NO;
	}
	s = subject(rt, t, ev, buf, sizeof(buf), &len);
	if (!s)
		return TERM_NO;
	rc = pcre2_match(t->re, (PCRE2_SPTR)s, len, 0, 0, rt->md, rt->mctx);
	if (rc >= 0)
		return TERM_YES;
	if (rc == PCRE2_ERROR_NOMATCH)
		return TERM_NO;
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT ||
	    rc == PCRE2_ERROR_NOMEMORY)
		return TERM_LIMIT;
	return TERM_NO;	/* e.g. (*UTF) on bytes that are not UTF-8 */
}

bool filter_match(struct filter *f, const struct tt_event *ev)
{
	if (!f || !f->n_terms)
		return true;
	for (size_t i = 0; i < f->n_terms; i++) {
		const struct filter_term *t = &f->terms[i];
		enum term_result r = term_match(f->rt, t, ev);

		if (r == TERM_LIMIT) {
			/* a negated term must not let it through either */
			f->limit_hits++;
			return false;
		}
		if ((r == TERM_YES) == t->negate)
			return false;
	}
	return true;
}

size_t filter_quote(char *dst, size_t len, const char *src, size_t n)
{
	static const char special[] = "\\^$.|?*+()[]{}#";
	size_t used = 0;

	/* (?-i): exact case, whatever smart case would make of it */
#define PUT(s)                                                                 \
	do {                                                                   \
		const char *s_ = (s);                                          \
		size_t k_ = strlen(s_);                                        \
		if (used < len)                                                \
			snprintf(dst + used, len - used, "%s", s_);            \
		used += k_;                                                    \
	} while (0)
	if (len)
		dst[0] = '\0';
	PUT("(?-i)^");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)src[i];
		char tmp[8];

		if (c > ' ' && c < 0x7f && !strchr(special, c))
			snprintf(tmp, sizeof(tmp), "%c", c);
		else if (c > ' ' && c < 0x7f)
			snprintf(tmp, sizeof(tmp), "\\%c", c);
		else
			snprintf(tmp, sizeof(tmp), "\\x%02x", c);
		PUT(tmp);
	}
	PUT("$");
#undef PUT
	return used;
}

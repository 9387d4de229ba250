/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the on-CPU profile's model (src/core/profile.c), its
 * folded text and file (src/out/folded.c) and the kernel symbol table
 * (src/sym/ksyms.c): stacks counted once per distinct sample and folded
 * root first, counts by interval, since start and decaying, the bounds
 * counted, names that cannot break a folded line, symbols found by
 * address. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "flame.h"
#include "folded.h"
#include "ksyms.h"
#include "model.h"
#include "profile.h"
#include "usyms.h"

/* Names an address by itself: kernel "k<hex>", user "u<hex>" (a library
 * from 0x7f0000000000); counts its calls. */
static unsigned named;

static enum prof_kind fake_name(void *ctx, uint32_t tgid, uint64_t ip, bool kernel, char *buf,
				size_t len)
{
	(void)ctx;
	(void)tgid;
	named++;
	snprintf(buf, len, "%c%llx", kernel ? 'k' : 'u', (unsigned long long)ip);
	if (kernel)
		return PROF_KIND_KERNEL;
	return ip >= 0x7f0000000000ull ? PROF_KIND_LIB : PROF_KIND_USER;
}

static const uint64_t kstack[] = { 0xa3, 0xa2, 0xa1 };		/* innermost first */
static const uint64_t ustack[] = { 0x7f0000000010ull, 0x402, 0x401 };

static struct prof_sample sample(uint32_t tgid, const char *comm, unsigned nk, unsigned nu)
{
	return (struct prof_sample){ .tgid = tgid, .pid = tgid, .comm = comm, .kips = kstack,
				     .uips = ustack, .nk = nk, .nu = nu };
}

static const struct tt_prof_stack *find(const struct tt_profile_view *v, uint32_t tgid,
					const char *folded)
{
	char buf[512];

	for (size_t i = 0; i < v->n_stacks; i++) {
		if (v->stacks[i].tgid != tgid)
			continue;
		profile_folded(v, &v->stacks[i], buf, sizeof(buf));
		if (!strcmp(buf, folded))
			return &v->stacks[i];
	}
	return NULL;
}

static void test_fold(void **state)
{
	struct profile *p = profile_new();
	struct tt_profile_view v = { 0 };
	const struct tt_prof_stack *s;
	struct prof_sample a = sample(7, "app", 3, 3), b = sample(7, "app", 0, 2);

	(void)state;
	assert_non_null(p);
	for (int i = 0; i < 5; i++)
		assert_int_equal(profile_add(p, &a), 0);
	assert_int_equal(profile_add(p, &b), 0);
	named = 0;
	profile_tick(p, 1.0, fake_name, NULL);
	assert_int_equal(named, 3 + 3 + 2);	/* each distinct stack named once */
	profile_view(p, &v);
	assert_int_equal(v.samples_interval, 6);
	assert_int_equal(v.samples_total, 6);
	assert_int_equal(v.n_stacks, 2);
	/* root first: the name, user frames outermost first, then the kernel's */
	s = find(&v, 7, "app;u401;u402;u7f0000000010;ka1_[k];ka2_[k];ka3_[k]");
	assert_non_null(s);
	assert_int_equal(s->interval, 5);
	assert_int_equal(s->total, 5);
	assert_int_equal(s->n, 7);
	assert_int_equal(v.frames[s->frames[0]].kind, PROF_KIND_PROC);
	assert_int_equal(v.frames[s->frames[1]].kind, PROF_KIND_USER);
	assert_int_equal(v.frames[s->frames[3]].kind, PROF_KIND_LIB);
	assert_int_equal(v.frames[s->frames[6]].kind, PROF_KIND_KERNEL);
	s = find(&v, 7, "app;u402;u7f0000000010");
	assert_non_null(s);
	assert_int_equal(s->interval, 1);
	assert_int_equal(v.shallow, 1);		/* two user frames */
	assert_string_equal(v.shallow_comm, "app");

	/* the next interval: counts of this one only, totals go on, the
	 * decaying count halves every PROF_HALF_LIFE_S */
	assert_int_equal(profile_add(p, &b), 0);
	profile_tick(p, PROF_HALF_LIFE_S, fake_name, NULL);
	profile_view(p, &v);
	assert_int_equal(v.samples_interval, 1);
	assert_int_equal(v.samples_total, 7);
	s = find(&v, 7, "app;u401;u402;u7f0000000010;ka1_[k];ka2_[k];ka3_[k]");
	assert_int_equal(s->interval, 0);
	assert_int_equal(s->total, 5);
	assert_true(s->decayed > 2.49 && s->decayed < 2.51);
	s = find(&v, 7, "app;u402;u7f0000000010");
	assert_int_equal(s->interval, 1);
	assert_int_equal(s->total, 2);
	assert_true(s->decayed > 1.49 && s->decayed < 1.51);
	profile_free(p);
}

/* The same addresses in two processes, or under two names, are two
 * stacks; a name and a frame of the same text are two frames. */
static void test_keys(void **state)
{
	struct profile *p = profile_new();
	struct tt_profile_view v = { 0 };
	struct prof_sample a = sample(1, "x", 1, 1), b = sample(2, "x", 1, 1), c = sample(1, "y", 1, 1);

	(void)state;
	profile_add(p, &a);
	profile_add(p, &b);
	profile_add(p, &c);
	profile_tick(p, 1.0, fake_name, NULL);
	profile_view(p, &v);
	assert_int_equal(v.n_stacks, 3);
	assert_non_null(find(&v, 1, "x;u7f0000000010;ka3_[k]"));
	assert_non_null(find(&v, 2, "x;u7f0000000010;ka3_[k]"));
	assert_non_null(find(&v, 1, "y;u7f0000000010;ka3_[k]"));
	assert_int_not_equal(profile_frame_id(p, "u401", PROF_KIND_PROC),
			     profile_frame_id(p, "u401", PROF_KIND_USER));
	assert_int_equal(profile_frame_id(p, "u401", PROF_KIND_USER),
			 profile_frame_id(p, "u401", PROF_KIND_USER));
	profile_free(p);
}

/* A stack table that is full counts the samples it cannot take while
 * its stacks are live; once they are stale (none in the interval, the
 * decaying count under one) they give way, their samples counted. */
static void test_bounds(void **state)
{
	struct profile *p = profile_new();
	struct tt_profile_view v = { 0 };
	uint32_t f[2];

	(void)state;
	f[0] = profile_frame_id(p, "p", PROF_KIND_PROC);
	for (uint32_t i = 0; i < PROF_STACKS_MAX; i++) {
		char name[16];

		snprintf(name, sizeof(name), "f%u", i);
		f[1] = profile_frame_id(p, name, PROF_KIND_USER);
		assert_int_equal(profile_put(p, 1, "p", 0, f, 2, 1, 1, 1), 0);
	}
	f[1] = profile_frame_id(p, "one more", PROF_KIND_USER);
	assert_int_equal(profile_put(p, 1, "p", 0, f, 2, 3, 3, 3), -1);
	profile_view(p, &v);
	assert_int_equal(v.n_stacks, PROF_STACKS_MAX);
	assert_int_equal(v.untracked, 3);
	assert_int_equal(v.evicted, 0);

	profile_tick(p, 10 * PROF_HALF_LIFE_S, fake_name, NULL);	/* all stale now */
	assert_int_equal(profile_put(p, 1, "p", 0, f, 2, 5, 5, 5), 0);
	profile_view(p, &v);
	assert_int_equal(v.n_stacks, 1);
	assert_int_equal(v.evicted, PROF_STACKS_MAX);
	assert_int_equal(v.stacks[0].total, 5);
	assert_string_equal(v.frames[v.stacks[0].frames[1]].name, "one more");
	profile_free(p);
}

/* A name from a binary or a JIT map cannot end a frame or a line. */
static void test_folded_text(void **state)
{
	struct profile *p = profile_new();
	struct tt_profile_view v = { 0 };
	uint32_t f[3];
	char buf[64];
	size_t n;

	(void)state;
	f[0] = profile_frame_id(p, "a\nb", PROF_KIND_PROC);
	f[1] = profile_frame_id(p, "x;y", PROF_KIND_USER);
	f[2] = profile_frame_id(p, "k\x1b", PROF_KIND_KERNEL);
	profile_put(p, 1, "a\nb", 0, f, 3, 1, 1, 1);
	profile_view(p, &v);
	n = profile_folded(&v, &v.stacks[0], buf, sizeof(buf));
	assert_string_equal(buf, "a?b;x:y;k?_[k]");
	assert_int_equal(n, strlen(buf));
	/* cut short like snprintf, and says what it needs */
	assert_int_equal(profile_folded(&v, &v.stacks[0], buf, 5), n);
	assert_string_equal(buf, "a?b;");
	profile_free(p);
}

/* --profile-folded's file: every stack since start, most samples first. */
static void test_folded_file(void **state)
{
	struct profile *p = profile_new();
	struct tt_profile_view v = { 0 };
	char path[] = "/tmp/tt-folded-XXXXXX", text[256];
	uint32_t f[2];
	ssize_t n;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	f[0] = profile_frame_id(p, "app", PROF_KIND_PROC);
	f[1] = profile_frame_id(p, "cold", PROF_KIND_USER);
	profile_put(p, 5, "app", 0, f, 2, 2, 0, 0);
	f[1] = profile_frame_id(p, "hot", PROF_KIND_USER);
	profile_put(p, 5, "app", 0, f, 2, 9, 1, 0);
	f[1] = profile_frame_id(p, "never", PROF_KIND_USER);
	profile_put(p, 5, "app", 0, f, 2, 0, 0, 0);
	profile_view(p, &v);
	assert_int_equal(folded_write(fd, &v), 0);
	n = pread(fd, text, sizeof(text) - 1, 0);
	assert_true(n > 0);
	text[n] = '\0';
	assert_string_equal(text, "app;hot 9\napp;cold 2\n");
	close(fd);
	unlink(path);
	profile_free(p);
}

static void test_ksyms(void **state)
{
	static const char text[] =
		"ffffffff81000000 T _stext\n"
		"ffffffff81000100 t helper\n"
		"ffffffff81000200 D some_data\n"
		"ffffffff81000300 W weak_one\n"
		"ffffffffc0001000 t mod_fn\t[mymod]\n"
		"ffffffffc0002000 T mod_two\t[mymod]\n"
		"garbage line\n"
		"ffffffff81000400 T after_data";
	struct ksyms *k = ksyms_open("/dev/null");
	const char *mod = "x", *name;
	uint64_t off = 0;

	(void)state;
	assert_non_null(k);
	assert_int_equal(ksyms_parse(k, text, sizeof(text) - 1), 0);
	assert_int_equal(ksyms_count(k), 6);	/* text symbols only */
	name = ksyms_find(k, 0xffffffff81000104ull, &off, &mod);
	assert_string_equal(name, "helper");
	assert_int_equal(off, 4);
	assert_null(mod);
	/* a data symbol is skipped: its address is the text symbol's before */
	name = ksyms_find(k, 0xffffffff81000210ull, &off, &mod);
	assert_string_equal(name, "helper");
	assert_int_equal(off, 0x110);
	assert_string_equal(ksyms_find(k, 0xffffffff81000300ull, &off, &mod), "weak_one");
	assert_int_equal(off, 0);
	name = ksyms_find(k, 0xffffffffc0001010ull, &off, &mod);
	assert_string_equal(name, "mod_fn");
	assert_string_equal(mod, "mymod");
	assert_string_equal(ksyms_find(k, 0xffffffffc0002000ull, &off, &mod), "mod_two");
	assert_string_equal(mod, "mymod");
	assert_null(ksyms_find(k, 0xffffffff80000000ull, &off, &mod));
	/* far past the last one: in no symbol (a module loaded since) */
	assert_null(ksyms_find(k, 0xffffffffc0002000ull + (2u << 20), &off, &mod));
	ksyms_free(k);

	/* hidden addresses (read without the right): nothing to find */
	k = ksyms_open("/dev/null");
	assert_int_equal(ksyms_parse(k, "0000000000000000 T _stext\n", 26), 0);
	assert_int_equal(ksyms_count(k), 0);
	assert_null(ksyms_find(k, 0xffffffff81000000ull, &off, &mod));
	ksyms_free(k);
}

/* Adds a stack "a;b;c" (names of user frames after the process name)
 * with total/interval counts. */
static void put(struct profile *p, uint32_t tgid, const char *comm, const char *path,
		uint64_t total, uint64_t interval)
{
	uint32_t f[16], n = 0;
	char buf[128], *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	f[n++] = profile_frame_id(p, comm, PROF_KIND_PROC);
	for (char *t = strtok_r(buf, ";", &save); t; t = strtok_r(NULL, ";", &save))
		f[n++] = profile_frame_id(p, t, PROF_KIND_USER);
	assert_int_equal(profile_put(p, tgid, comm, 0, f, n, total, interval, (double)total), 0);
}

static const char *name_of(const struct tt_profile_view *v, const struct flame *f, uint32_t n)
{
	return v->frames[f->node[n].frame].name;
}

static bool only_tgid_2(void *ctx, const struct tt_prof_stack *s)
{
	(void)ctx;
	return s->tgid == 2;
}

/* Stacks merge into one tree by path; children in name order; values
 * and self counts add up; the scope keeps its stacks only; each mode
 * counts its own figure; a recursive function counted once a path. */
static void test_flame(void **state)
{
	struct profile *p = profile_new();
	struct tt_profile_view v = { 0 };
	struct flame f = { 0 };
	struct flame_fn top[8];
	uint32_t app, main_, mid;
	size_t n;

	(void)state;
	put(p, 1, "app", "main;middle;leaf_hot", 6, 3);
	put(p, 1, "app", "main;middle;leaf_cold", 2, 0);
	put(p, 1, "app", "main;middle", 1, 1);
	put(p, 1, "app", "main;rec;rec;rec", 3, 0);
	put(p, 2, "app", "main;other", 4, 4);
	put(p, 3, "db", "main;query", 5, 0);
	profile_view(p, &v);

	assert_int_equal(flame_build(&f, &v, FLAME_TOTAL, NULL, NULL), 0);
	assert_true(f.node[0].value == 21);
	app = flame_child(&f, 0, profile_frame_id(p, "app", PROF_KIND_PROC));
	assert_int_not_equal(app, FLAME_NONE);
	assert_true(f.node[app].value == 16);	/* both processes named app */
	main_ = flame_child(&f, app, profile_frame_id(p, "main", PROF_KIND_USER));
	mid = flame_child(&f, main_, profile_frame_id(p, "middle", PROF_KIND_USER));
	assert_true(f.node[mid].value == 9);
	assert_true(f.node[mid].self == 1);
	assert_int_equal(f.node[mid].depth, 3);
	/* children by name: leaf_cold, leaf_hot */
	assert_string_equal(name_of(&v, &f, f.node[mid].child), "leaf_cold");
	assert_string_equal(name_of(&v, &f, f.node[f.node[mid].child].next), "leaf_hot");
	/* under main: middle, other, rec */
	assert_string_equal(name_of(&v, &f, f.node[main_].child), "middle");
	assert_int_equal(f.max_depth, 5);	/* app;main;rec;rec;rec */

	/* the top functions: self first; rec once a path (3, not 9) */
	n = flame_top(&f, top, 8);
	assert_int_equal(n, 9);	/* app db main middle leaf_hot leaf_cold rec other query */
	assert_string_equal(v.frames[top[0].frame].name, "leaf_hot");
	assert_true(top[0].self == 6 && top[0].total == 6);
	for (size_t i = 0; i < 8; i++) {
		if (!strcmp(v.frames[top[i].frame].name, "rec"))
			assert_true(top[i].self == 3 && top[i].total == 3);
		if (!strcmp(v.frames[top[i].frame].name, "main"))
			assert_true(top[i].self == 0 && top[i].total == 21);
	}

	/* the last interval only, in a scope of process 2 */
	assert_int_equal(flame_build(&f, &v, FLAME_INTERVAL, NULL, NULL), 0);
	assert_true(f.node[0].value == 8);
	assert_int_equal(flame_build(&f, &v, FLAME_INTERVAL, only_tgid_2, NULL), 0);
	assert_true(f.node[0].value == 4);
	assert_int_equal(f.count, 4);	/* root, app, main, other */
	flame_free(&f);
	profile_free(p);
}

/* A profile source that failed to start leaves no profile in the
 * snapshot (the JSON would say hz 0); one that runs, its view. */
static void test_model_profile(void **state)
{
	struct model *m = model_new(NULL);
	const struct tt_snapshot *s;

	(void)state;
	assert_non_null(m);
	assert_null(model_tick(m, 1)->profile);
	assert_non_null(model_profile(m));	/* the source made it, then failed */
	assert_null(model_tick(m, 2)->profile);
	model_profile_status(m, true, true, 49, 3);
	s = model_tick(m, 3);
	assert_non_null(s->profile);
	assert_int_equal(s->profile->hz, 49);
	assert_int_equal(s->profile->lost_total, 3);
	model_free(m);
}

/* A function of this program, named by its symbol table (with a body:
 * an address one past a function of one instruction is in none). */
static volatile unsigned marker_count;

__attribute__((noinline)) void tt_profile_test_marker(void);
__attribute__((noinline)) void tt_profile_test_marker(void)
{
	for (unsigned i = 0; i < 3; i++)
		marker_count += i;
}

/* User frames of this very process: a function of the program, one of
 * libc, an address in no mapping, then one a JIT perf map names. */
static void test_usyms(void **state)
{
	struct usyms *u = usyms_new();
	uint32_t self = (uint32_t)getpid();
	char buf[256], path[64];
	enum prof_kind k;
	FILE *f;

	(void)state;
	assert_non_null(u);
	usyms_note(u, self);
	k = usyms_find(u, self, (uint64_t)(uintptr_t)tt_profile_test_marker + 1, buf, sizeof(buf));
	assert_string_equal(buf, "tt_profile_test_marker");
	assert_int_equal(k, PROF_KIND_USER);
	k = usyms_find(u, self, (uint64_t)(uintptr_t)qsort + 1, buf, sizeof(buf));
	assert_non_null(strstr(buf, "qsort"));
	assert_int_equal(k, PROF_KIND_LIB);
	/* again: from the cache, the same */
	k = usyms_find(u, self, (uint64_t)(uintptr_t)qsort + 1, buf, sizeof(buf));
	assert_non_null(strstr(buf, "qsort"));
	assert_true(usyms_cached(u) >= 2);
	k = usyms_find(u, self, 0x100000000010ull, buf, sizeof(buf));
	assert_string_equal(buf, "[unknown]");
	usyms_free(u);

	/* a perf map, read when an address is in no module */
	snprintf(path, sizeof(path), "/tmp/perf-%u.map", self);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "100000000000 40 jit_hot\nbad line\n100000000100 10 jit_other\n");
	fclose(f);
	u = usyms_new();
	k = usyms_find(u, self, 0x100000000010ull, buf, sizeof(buf));
	assert_string_equal(buf, "jit_hot");
	assert_int_equal(k, PROF_KIND_JIT);
	k = usyms_find(u, self, 0x100000000105ull, buf, sizeof(buf));
	assert_string_equal(buf, "jit_other");
	k = usyms_find(u, self, 0x100000000050ull, buf, sizeof(buf));	/* between them */
	assert_string_equal(buf, "[unknown]");
	usyms_free(u);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_folded_text),
		cmocka_unit_test(test_folded_file),
		cmocka_unit_test(test_ksyms),
		cmocka_unit_test(test_flame),
		cmocka_unit_test(test_model_profile),
		cmocka_unit_test(test_usyms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Kernel symbols; see ksyms.h. Names sit in one arena, each symbol is
 * an address and an offset into it: about 30 bytes a symbol, some 4 MB
 * for a distribution kernel's 120 000 text symbols. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ksyms.h"

/* The largest offset into a symbol taken for one of its instructions
 * (the kernel's largest functions are some tens of KB). */
#define KSYM_SPAN_MAX (1u << 20)

struct ksym {
	uint64_t addr;
	uint32_t name;		/* offset in the arena */
	uint32_t module;	/* offset in the arena, or UINT32_MAX */
};

struct ksyms {
	int fd;			/* until read */
	bool loaded;
	struct ksym *sym;
	size_t n, cap;
	char *arena;
	size_t used, size;
};

struct ksyms *ksyms_open(const char *path)
{
	struct ksyms *k = calloc(1, sizeof(*k));

	if (!k)
		return NULL;
	k->fd = open(path ? path : "/proc/kallsyms", O_RDONLY | O_CLOEXEC);
	if (k->fd < 0) {
		int e = errno;

		free(k);
		errno = e;
		return NULL;
	}
	return k;
}

void ksyms_free(struct ksyms *k)
{
	if (!k)
		return;
	if (k->fd >= 0)
		close(k->fd);
	free(k->sym);
	free(k->arena);
	free(k);
}

size_t ksyms_count(const struct ksyms *k)
{
	return k ? k->n : 0;
}

/* Copies s[0..n) and a NUL into the arena; its offset or UINT32_MAX. */
static uint32_t arena_put(struct ksyms *k, const char *s, size_t n)
{
	if (k->used + n + 1 > k->size) {
		size_t size = k->size ? k->size * 2 : 1 << 16;
		char *a;

		while (size < k->used + n + 1)
			size *= 2;
		if (size > UINT32_MAX || !(a = realloc(k->arena, size)))
			return UINT32_MAX;
		k->arena = a;
		k->size = size;
	}
	memcpy(k->arena + k->used, s, n);
	k->arena[k->used + n] = '\0';
	k->used += n + 1;
	return (uint32_t)(k->used - n - 1);
}

/* One line: "ffffffff81000000 T name [module]". Text symbols only. */
static int parse_line(struct ksyms *k, const char *l, const char *end, uint32_t *last_mod,
		      const char **last_mod_s, size_t *last_mod_n)
{
	uint64_t addr = 0;
	const char *p = l, *name, *mod = NULL;
	size_t name_n, mod_n = 0;
	struct ksym *s;

	for (; p < end && *p != ' '; p++) {
		unsigned c = (unsigned char)*p;

		addr <<= 4;
		if (c >= '0' && c <= '9')
			addr |= c - '0';
		else if (c >= 'a' && c <= 'f')
			addr |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			addr |= c - 'A' + 10;
		else
			return 0;
	}
	if (end - p < 4 || p[2] != ' ')
		return 0;
	if (p[1] != 't' && p[1] != 'T' && p[1] != 'w' && p[1] != 'W')
		return 0;
	name = p + 3;
	for (p = name; p < end && *p != '\t' && *p != ' '; p++)
		;
	name_n = (size_t)(p - name);
	if (!name_n || addr == 0)
		return 0;
	while (p < end && (*p == '\t' || *p == ' '))
		p++;
	if (p < end && *p == '[') {
		mod = p + 1;
		for (p = mod; p < end && *p != ']'; p++)
			;
		mod_n = (size_t)(p - mod);
	}
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 4096;

		s = realloc(k->sym, cap * sizeof(*s));
		if (!s)
			return -1;
		k->sym = s;
		k->cap = cap;
	}
	s = &k->sym[k->n];
	s->addr = addr;
	s->name = arena_put(k, name, name_n);
	s->module = UINT32_MAX;
	if (mod) {
		/* a module's symbols come together: its name once */
		if (*last_mod == UINT32_MAX || *last_mod_n != mod_n ||
		    memcmp(*last_mod_s, mod, mod_n) != 0) {
			*last_mod = arena_put(k, mod, mod_n);
			*last_mod_s = mod;
			*last_mod_n = mod_n;
		}
		s->module = *last_mod;
	}
	if (s->name == UINT32_MAX)
		return -1;
	k->n++;
	return 0;
}

static int by_addr(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

int ksyms_parse(struct ksyms *k, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *mod_s = NULL;
	uint32_t mod = UINT32_MAX;
	size_t mod_n = 0;

	k->loaded = true;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		if (parse_line(k, p, le, &mod, &mod_s, &mod_n))
			return -1;
		p = nl ? nl + 1 : end;
	}
	if (k->n)	/* (none: no array to sort) */
		qsort(k->sym, k->n, sizeof(*k->sym), by_addr);
	return 0;
}

/* Reads the whole file once (its size is not known: it reads as 0). */
static void ksyms_load(struct ksyms *k)
{
	size_t size = 1 << 20, n = 0;
	char *buf = malloc(size);
	ssize_t r;

	k->loaded = true;
	if (!buf || k->fd < 0)
		goto out;
	for (;;) {
		if (n == size) {
			char *b = realloc(buf, size * 2);

			if (!b)
				goto out;
			buf = b;
			size *= 2;
		}
		r = read(k->fd, buf + n, size - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	ksyms_parse(k, buf, n);
out:
	free(buf);
	if (k->fd >= 0)
		close(k->fd);
	k->fd = -1;
}

const char *ksyms_find(struct ksyms *k, uint64_t addr, uint64_t *off, const char **module)
{
	size_t lo = 0, hi;

	if (!k->loaded)
		ksyms_load(k);
	hi = k->n;
	if (!hi || addr < k->sym[0].addr)
		return NULL;
	while (hi - lo > 1) {	/* the last symbol at or below addr */
		size_t mid = lo + (hi - lo) / 2;

		if (k->sym[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	/* past the end of every function: in no symbol (a module loaded
	 * since, a BPF program, a gap) */
	if (addr - k->sym[lo].addr > KSYM_SPAN_MAX)
		return NULL;
	*off = addr - k->sym[lo].addr;
	*module = k->sym[lo].module == UINT32_MAX ? NULL : k->arena + k->sym[lo].module;
	return k->arena + k->sym[lo].name;
}

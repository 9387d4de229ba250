/* SPDX-License-Identifier: GPL-2.0-or-later */
/* User-space symbols; see usyms.h.
 *
 * A process is a Dwfl session with its mappings reported. The ELF files
 * are opened by libdwfl only when an address in them is named, and the
 * name of (module path, offset from the module's start) is then kept in
 * a table shared by all processes: a library mapped by a thousand
 * processes is read once, not a thousand times.
 *
 * No descriptor outlives a lookup: each ELF file is mapped and its
 * descriptor closed at once (an idle tracetop holds the descriptors it
 * held before it sampled anything). Where a separate debug file of the
 * same build-id is installed (Debian's -dbgsym packages), its symbol
 * table is read instead of the stripped file's, mapped the same way
 * (libdwfl's own search for it would keep its descriptor open). Nothing
 * is ever fetched over the network (debuginfod): a lookup must not wait. */
#include <elfutils/libdwelf.h>
#include <elfutils/libdwfl.h>
#include <libelf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "usyms.h"

#define PROCS_MAX 256		/* processes held; the least recently sampled go first */
#define IDLE_TICKS 60		/* a process not sampled for this long is let go */
#define NAMES_MAX 65536		/* cached names; the table starts again when full */
#define PERF_MAP_MAX (64u << 20)	/* bytes of a perf map read, at most */
#define PERF_MAP_SYMS_MAX (1u << 18)	/* ... and symbols kept of it */

struct jit_sym {
	uint64_t start, size;
	char *name;
};

struct uproc {
	uint32_t tgid;
	Dwfl *dwfl;		/* NULL: its mappings could not be read */
	uint64_t last_tick;
	bool perf_map_tried;
	struct jit_sym *jit;
	size_t n_jit;
};

struct cached {
	uint64_t hash;
	uint64_t rel;
	char *module;		/* the module's path */
	char *name;		/* NULL: the slot is empty */
	uint8_t kind;
};

struct usyms {
	struct uproc proc[PROCS_MAX];
	size_t n_proc;
	uint64_t tick;
	struct cached *cache;
	size_t cache_mask, n_cached;
};

/* The file at path mapped, its descriptor closed; NULL when it cannot be. */
static Elf *elf_mapped(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	Elf *e;

	if (fd < 0)
		return NULL;
	e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (e)
		elf_cntl(e, ELF_C_FDDONE);
	close(fd);
	return e;
}

/* The installed debug file of elf's build-id
 * (/usr/lib/debug/.build-id/xx/yyyy.debug), mapped; NULL when none. */
static Elf *debug_file(Elf *elf)
{
	const unsigned char *id = NULL;
	ssize_t n = dwelf_elf_gnu_build_id(elf, (const void **)&id);
	char path[96 + 2 * 64];
	size_t at;
	struct stat st;

	if (n < 2 || n > 64)
		return NULL;
	at = (size_t)snprintf(path, sizeof(path), "/usr/lib/debug/.build-id/%02x/", id[0]);
	for (ssize_t i = 1; i < n; i++)
		at += (size_t)snprintf(path + at, sizeof(path) - at, "%02x", id[i]);
	snprintf(path + at, sizeof(path) - at, ".debug");
	if (stat(path, &st) || !S_ISREG(st.st_mode))
		return NULL;
	return elf_mapped(path);
}

/* libdwfl's own, but the file mapped and its descriptor closed (libdwfl
 * takes an ELF handle with no descriptor, as it does for the vDSO), or
 * its installed debug file instead. */
static int find_elf_mapped(Dwfl_Module *mod, void **userdata, const char *modname, Dwarf_Addr base,
			   char **file_name, Elf **elfp)
{
	int fd = dwfl_linux_proc_find_elf(mod, userdata, modname, base, file_name, elfp);
	Elf *dbg;

	if (fd < 0)
		return fd;
	if (!*elfp)
		*elfp = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (*elfp)
		elf_cntl(*elfp, ELF_C_FDDONE);
	close(fd);
	if (*elfp && (dbg = debug_file(*elfp))) {
		elf_end(*elfp);
		*elfp = dbg;
	}
	return -1;
}

/* No separate debug file but the one find_elf_mapped takes. */
static int no_debuginfo(Dwfl_Module *mod, void **userdata, const char *modname, Dwarf_Addr base,
			const char *file_name, const char *debuglink_file, GElf_Word debuglink_crc,
			char **debuginfo_file_name)
{
	(void)mod, (void)userdata, (void)modname, (void)base, (void)file_name;
	(void)debuglink_file, (void)debuglink_crc, (void)debuginfo_file_name;
	return -1;
}

static const Dwfl_Callbacks proc_callbacks = {
	.find_elf = find_elf_mapped,
	.find_debuginfo = no_debuginfo,
};

struct usyms *usyms_new(void)
{
	struct usyms *u = calloc(1, sizeof(*u));

	if (!u)
		return NULL;
	/* libdw asks debuginfod servers for missing debug files when this
	 * names some: a symbol is not worth a network wait */
	unsetenv("DEBUGINFOD_URLS");
	elf_version(EV_CURRENT);
	u->cache_mask = 4095;
	u->cache = calloc(u->cache_mask + 1, sizeof(*u->cache));
	if (!u->cache) {
		free(u);
		return NULL;
	}
	return u;
}

static void proc_free(struct uproc *p)
{
	if (p->dwfl)
		dwfl_end(p->dwfl);
	for (size_t i = 0; i < p->n_jit; i++)
		free(p->jit[i].name);
	free(p->jit);
	memset(p, 0, sizeof(*p));
}

static void cache_clear(struct usyms *u)
{
	for (size_t i = 0; i <= u->cache_mask; i++) {
		free(u->cache[i].module);
		free(u->cache[i].name);
	}
	memset(u->cache, 0, (u->cache_mask + 1) * sizeof(*u->cache));
	u->n_cached = 0;
}

void usyms_free(struct usyms *u)
{
	if (!u)
		return;
	for (size_t i = 0; i < u->n_proc; i++)
		proc_free(&u->proc[i]);
	cache_clear(u);
	free(u->cache);
	free(u);
}

size_t usyms_procs(const struct usyms *u)
{
	return u->n_proc;
}

size_t usyms_cached(const struct usyms *u)
{
	return u->n_cached;
}

static struct uproc *proc_find(struct usyms *u, uint32_t tgid)
{
	for (size_t i = 0; i < u->n_proc; i++)
		if (u->proc[i].tgid == tgid)
			return &u->proc[i];
	return NULL;
}

static Dwfl *proc_report(uint32_t tgid)
{
	Dwfl *d = dwfl_begin(&proc_callbacks);

	if (!d)
		return NULL;
	dwfl_report_begin(d);
	if (dwfl_linux_proc_report(d, (pid_t)tgid) != 0 || dwfl_report_end(d, NULL, NULL) != 0) {
		dwfl_end(d);
		return NULL;
	}
	return d;
}

void usyms_note(struct usyms *u, uint32_t tgid)
{
	struct uproc *p = proc_find(u, tgid);

	if (p) {
		p->last_tick = u->tick;
		return;
	}
	if (u->n_proc == PROCS_MAX) {	/* the least recently sampled goes */
		size_t old = 0;

		for (size_t i = 1; i < u->n_proc; i++)
			if (u->proc[i].last_tick < u->proc[old].last_tick)
				old = i;
		proc_free(&u->proc[old]);
		u->proc[old] = u->proc[--u->n_proc];
	}
	p = &u->proc[u->n_proc++];
	memset(p, 0, sizeof(*p));
	p->tgid = tgid;
	p->last_tick = u->tick;
	p->dwfl = proc_report(tgid);
}

void usyms_tick(struct usyms *u)
{
	u->tick++;
	for (size_t i = 0; i < u->n_proc;) {
		if (u->tick - u->proc[i].last_tick > IDLE_TICKS) {
			proc_free(&u->proc[i]);
			u->proc[i] = u->proc[--u->n_proc];
		} else {
			i++;
		}
	}
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s && s[1] ? s + 1 : path;
}

static enum prof_kind module_kind(const char *path)
{
	const char *b = base_name(path);

	if (b[0] == '[' || strstr(b, ".so"))	/* [vdso], lib*.so* */
		return PROF_KIND_LIB;
	return PROF_KIND_USER;
}

static uint64_t hash_mod(const char *m, uint64_t rel)
{
	uint64_t h = 1469598103934665603ull;

	for (; *m; m++)
		h = (h ^ (uint8_t)*m) * 1099511628211ull;
	h ^= rel + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	return h * 0xff51afd7ed558ccdull;
}

static struct cached *cache_slot(struct usyms *u, const char *module, uint64_t rel, uint64_t h)
{
	size_t j;

	for (j = h & u->cache_mask; u->cache[j].name; j = (j + 1) & u->cache_mask)
		if (u->cache[j].hash == h && u->cache[j].rel == rel &&
		    strcmp(u->cache[j].module, module) == 0)
			return &u->cache[j];
	return &u->cache[j];
}

static void cache_grow(struct usyms *u)
{
	size_t cap = (u->cache_mask + 1) * 2;
	struct cached *c;

	if (cap > NAMES_MAX * 2) {
		cache_clear(u);
		return;
	}
	c = calloc(cap, sizeof(*c));
	if (!c) {
		cache_clear(u);
		return;
	}
	for (size_t i = 0; i <= u->cache_mask; i++) {
		size_t j;

		if (!u->cache[i].name)
			continue;
		for (j = u->cache[i].hash & (cap - 1); c[j].name; j = (j + 1) & (cap - 1))
			;
		c[j] = u->cache[i];
	}
	free(u->cache);
	u->cache = c;
	u->cache_mask = cap - 1;
}

/* --- JIT perf maps ------------------------------------------------------ */

static int jit_cmp(const void *a, const void *b)
{
	const struct jit_sym *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* Reads /tmp/perf-PID.map ("START SIZE name" in hex, a line each) when
 * it is a regular file owned by the process's owner or root. */
static void jit_load(struct uproc *p)
{
	char path[64], line[1024];
	struct stat st, pst;
	FILE *f;
	int fd;

	p->perf_map_tried = true;
	snprintf(path, sizeof(path), "/proc/%" PRIu32, p->tgid);
	if (stat(path, &pst))
		return;
	snprintf(path, sizeof(path), "/tmp/perf-%" PRIu32 ".map", p->tgid);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > PERF_MAP_MAX ||
	    (st.st_uid != pst.st_uid && st.st_uid != 0) || !(f = fdopen(fd, "r"))) {
		close(fd);
		return;
	}
	/* no more than its size at open: its owner may go on writing it */
	for (off_t read = 0; read < st.st_size && p->n_jit < PERF_MAP_SYMS_MAX &&
			     fgets(line, sizeof(line), f);) {
		uint64_t start, size;
		int n = 0;
		struct jit_sym *j;
		char *name;
		size_t len;

		read += (off_t)strlen(line);
		if (sscanf(line, "%" SCNx64 " %" SCNx64 " %n", &start, &size, &n) != 2 || !n)
			continue;
		name = line + n;
		len = strcspn(name, "\n");
		name[len] = '\0';
		if (!len || !size)
			continue;
		if (p->n_jit % 256 == 0) {
			j = realloc(p->jit, (p->n_jit + 256) * sizeof(*j));
			if (!j)
				break;
			p->jit = j;
		}
		p->jit[p->n_jit].start = start;
		p->jit[p->n_jit].size = size;
		p->jit[p->n_jit].name = strdup(name);
		if (p->jit[p->n_jit].name)
			p->n_jit++;
	}
	fclose(f);
	if (p->n_jit)
		qsort(p->jit, p->n_jit, sizeof(*p->jit), jit_cmp);
}

static const char *jit_find(struct uproc *p, uint64_t ip)
{
	size_t lo = 0, hi;

	if (!p->perf_map_tried)
		jit_load(p);
	hi = p->n_jit;
	if (!hi || ip < p->jit[0].start)
		return NULL;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->jit[mid].start <= ip)
			lo = mid;
		else
			hi = mid;
	}
	return ip - p->jit[lo].start < p->jit[lo].size ? p->jit[lo].name : NULL;
}

/* --- lookup -------------------------------------------------------------- */

enum prof_kind usyms_find(struct usyms *u, uint32_t tgid, uint64_t ip, char *buf, size_t len)
{
	struct uproc *p = proc_find(u, tgid);
	Dwfl_Module *m;
	const char *path, *name, *jit;
	Dwarf_Addr start = 0, end = 0;
	GElf_Off off = 0;
	GElf_Sym sym;
	struct cached *c;
	enum prof_kind kind;
	uint64_t h, rel;

	if (!p) {
		usyms_note(u, tgid);
		p = proc_find(u, tgid);
	}
	m = p && p->dwfl ? dwfl_addrmodule(p->dwfl, ip) : NULL;
	if (!m) {
		jit = p ? jit_find(p, ip) : NULL;
		if (jit) {
			snprintf(buf, len, "%s", jit);
			return PROF_KIND_JIT;
		}
		snprintf(buf, len, "[unknown]");
		return PROF_KIND_USER;
	}
	path = dwfl_module_info(m, NULL, &start, &end, NULL, NULL, NULL, NULL);
	if (!path)
		path = "[?]";
	rel = ip - start;
	kind = module_kind(path);
	h = hash_mod(path, rel);
	c = cache_slot(u, path, rel, h);
	if (c->name) {
		snprintf(buf, len, "%s", c->name);
		return (enum prof_kind)c->kind;
	}
	name = dwfl_module_addrinfo(m, ip, &off, &sym, NULL, NULL, NULL);
	if (name && *name)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "%s+0x%" PRIx64, base_name(path), rel);
	if ((u->n_cached + 1) * 2 > u->cache_mask + 1) {
		cache_grow(u);
		c = cache_slot(u, path, rel, h);
	}
	c->module = strdup(path);
	c->name = c->module ? strdup(buf) : NULL;
	if (!c->name) {
		free(c->module);
		c->module = NULL;
		return kind;
	}
	c->hash = h;
	c->rel = rel;
	c->kind = (uint8_t)kind;
	u->n_cached++;
	return kind;
}

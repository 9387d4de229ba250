/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bigmem.h: huge-page friendly anonymous mappings. */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include "bigmem.h"

#define BIGMEM_HUGE (2u << 20)

/* Sizes below a huge page are whole small pages, the rest whole huge
 * pages. */
static size_t bigmem_round(size_t size)
{
	if (size < BIGMEM_HUGE)
		return (size + 4095) & ~(size_t)4095;
	return (size + BIGMEM_HUGE - 1) & ~(size_t)(BIGMEM_HUGE - 1);
}

/* After the huge page advice, so the pages come as huge pages where the
 * kernel has them. */
void bigmem_populate(void *p, size_t size)
{
	size_t len = bigmem_round(size);

	if (!p)
		return;
#ifdef MADV_POPULATE_WRITE
	/* only a kernel without it (EINVAL) gets the loop: any other error
	 * (ENOMEM under a memory limit) would be an OOM kill there */
	if (madvise(p, len, MADV_POPULATE_WRITE) == 0 || errno != EINVAL)
		return;
#endif
	/* kernels before 5.14: one write per page does the same */
	for (size_t off = 0; off < len; off += 4096)
		((volatile char *)p)[off] = 0;
}

void *bigmem_alloc(size_t size)
{
	size_t len, lead;
	char *p;

	if (!size || size > SIZE_MAX - 2 * BIGMEM_HUGE)
		return NULL;
	/* small (the detail view's one-event log): plain pages, or a first
	 * write would take a whole huge page */
	if (size < BIGMEM_HUGE) {
		p = mmap(NULL, bigmem_round(size), PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		return p == MAP_FAILED ? NULL : p;
	}
	len = bigmem_round(size);
	/* map one huge page more and trim, so the buffer starts on a huge
	 * page boundary */
	p = mmap(NULL, len + BIGMEM_HUGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	lead = (BIGMEM_HUGE - (uintptr_t)p % BIGMEM_HUGE) % BIGMEM_HUGE;
	if (lead)
		munmap(p, lead);
	munmap(p + lead + len, BIGMEM_HUGE - lead);
	p += lead;
	/* advice only: without transparent huge pages it is plain memory */
	(void)madvise(p, len, MADV_HUGEPAGE);
	return p;
}

void bigmem_free(void *p, size_t size)
{
	if (p)
		munmap(p, bigmem_round(size));
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ttb-floor: loads the named empty programs of bench/floor.bpf.o,
 * attaches them, says "ready" and holds them until SIGINT or SIGTERM.
 *
 *   ttb-floor OBJECT PROGRAM...    e.g. ttb-floor floor.bpf.o sys_exit
 *
 * With TTB_STATS=1 in the environment it also turns on the kernel's BPF
 * run-time statistics while it runs, to show what they cost.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

__attribute__((format(printf, 2, 0)))
static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return level == LIBBPF_WARN ? vfprintf(stderr, fmt, ap) : 0;
}

static int wanted(const char *name, int argc, char **argv)
{
	int i;

	for (i = 2; i < argc; i++)
		if (!strcmp(name, argv[i]))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	struct bpf_object *obj;
	struct bpf_program *prog;
	sigset_t set;
	int n = 0, sig;

	if (argc < 3) {
		fprintf(stderr, "usage: ttb-floor OBJECT PROGRAM...\n");
		return 2;
	}
	libbpf_set_print(quiet);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj) {
		perror("ttb-floor: open");
		return 1;
	}
	bpf_object__for_each_program(prog, obj) {
		int use = wanted(bpf_program__name(prog), argc, argv);

		bpf_program__set_autoload(prog, use);
		n += use;
	}
	if (n != argc - 2) {
		fprintf(stderr, "ttb-floor: unknown program name\n");
		return 2;
	}
	if (bpf_object__load(obj)) {
		perror("ttb-floor: load");
		return 1;
	}
	bpf_object__for_each_program(prog, obj) {
		if (bpf_program__autoload(prog) && !bpf_program__attach(prog)) {
			fprintf(stderr, "ttb-floor: attach %s failed\n",
				bpf_program__name(prog));
			return 1;
		}
	}
	if (getenv("TTB_STATS") && bpf_enable_stats(BPF_STATS_RUN_TIME) < 0) {
		perror("ttb-floor: enable stats");
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	sigwait(&set, &sig);
	bpf_object__close(obj);
	return 0;
}

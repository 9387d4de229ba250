/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Runs one fuzz target over files, without libFuzzer: make check uses it
 * to replay the checked-in corpus (tests/fuzz/corpus/NAME/) as regression
 * tests, in every build, sanitised or not.
 *
 *   replay-NAME [FILE|DIR]...   default: $TT_SRCDIR/tests/fuzz/corpus/NAME */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "fuzz.h"

#ifndef FUZZ_NAME
#error "FUZZ_NAME must name the target"
#endif

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long len;

	if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		perror(path);
		if (f)
			fclose(f);
		return -1;
	}
	/* exactly len bytes, as libFuzzer hands them over */
	buf = malloc(len ? (size_t)len : 1);
	if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
		perror(path);
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)len);
	free(buf);
	return 0;
}

static int run_path(const char *path, unsigned *n)
{
	struct dirent *de;
	struct stat st;
	char sub[4096];
	DIR *d;
	int err = 0;

	if (stat(path, &st)) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		(*n)++;
		return run_file(path);
	}
	d = opendir(path);
	if (!d) {
		perror(path);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		if (run_path(sub, n))
			err = -1;
	}
	closedir(d);
	return err;
}

int main(int argc, char **argv)
{
	const char *srcdir = getenv("TT_SRCDIR");
	char def[4096];
	unsigned n = 0;
	int i, err = 0;

	if (argc < 2) {
		snprintf(def, sizeof(def), "%s/tests/fuzz/corpus/%s", srcdir ? srcdir : ".", FUZZ_NAME);
		err = run_path(def, &n);
	}
	for (i = 1; i < argc; i++)
		if (run_path(argv[i], &n))
			err = -1;
	printf("replay %s: %u inputs, %s\n", FUZZ_NAME, n, err ? "some unreadable" : "all passed");
	if (!n)
		fprintf(stderr, "replay %s: no input found\n", FUZZ_NAME);
	return err || !n ? 1 : 0;
}

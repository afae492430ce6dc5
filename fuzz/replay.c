/* replay.c - a plain main for a fuzz target: run it over files.
 *
 * Linked with one fuzz_*.c in the ordinary build (no clang, no libFuzzer)
 * as fuzz/replay_<target>, so that `make check` runs every committed
 * corpus input and crash reproducer through the target
 * (tests/check-fuzz-replay.sh).  Each argument is a file, or a directory
 * whose regular files are read (not recursively).  Calls
 * LLVMFuzzerInitialize first when the target has one, as libFuzzer does.
 * Prints "replay: N inputs" and exits 0; a crash is the target's abort()
 * or a sanitizer's report.  Exits 2 on a file it cannot read.
 */
#include "config.h"

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (cap - len < 4096) {
			uint8_t *nb = realloc(buf, cap ? cap * 2 : 8192);

			if (!nb)
				abort();
			buf = nb;
			cap = cap ? cap * 2 : 8192;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		perror(path);
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	/* an exact-size copy, so that ASan sees a read past the end */
	{
		uint8_t *exact = malloc(len ? len : 1);

		if (!exact)
			abort();
		memcpy(exact, buf, len);
		free(buf);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	return 0;
}

static int run_dir(const char *dir, unsigned long *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];
	struct stat st;
	int rc = 0;

	if (!d) {
		perror(dir);
		return -1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		if (run_file(path) < 0)
			rc = -1;
		(*count)++;
	}
	closedir(d);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned long count = 0;
	struct stat st;
	int rc = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (run_dir(argv[i], &count) < 0)
				rc = 2;
		} else {
			if (run_file(argv[i]) < 0)
				rc = 2;
			count++;
		}
	}
	printf("replay: %lu inputs\n", count);
	return rc;
}

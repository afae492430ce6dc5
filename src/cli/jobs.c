/* cli/jobs.c - `-j N`: work shared by N threads. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/jobs.h"

unsigned cmd_jobs_default(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	return cpus < 1 ? 1 : cpus > 8 ? 8 : (unsigned)cpus;
}

void cmd_jobs_run(unsigned n, void *(*fn)(void *), void *args, size_t size)
{
	pthread_t threads[CMD_JOBS_MAX];
	unsigned started = 0;

	if (n > CMD_JOBS_MAX)
		n = CMD_JOBS_MAX;
	json_object_seed(0);
	for (unsigned i = 1; i < n; i++) {
		if (pthread_create(&threads[i], NULL, fn,
				   (char *)args + (size_t)i * size) != 0)
			break;  /* the others take its share */
		started = i;
	}
	fn(args);
	for (unsigned i = 1; i <= started; i++)
		pthread_join(threads[i], NULL);
}

/* cli/jobs.h - `-j N`: work shared by N threads.
 *
 * The commands that can use several cores (lint, evaluate --batch) share
 * the option's range (a CMD_OPT_NUMBER from 1 to CMD_JOBS_MAX) and the way
 * workers are run: the work is a list that workers take items from
 * through one atomic counter, so a thread that cannot be started costs
 * time, never results.
 */
#ifndef CMD_JOBS_H
#define CMD_JOBS_H

#include <stddef.h>

#define CMD_JOBS_MAX 64

/* Without -j: one per online CPU, at most 8. */
unsigned cmd_jobs_default(void);

/* Run fn on n workers: fn(args + i * size) for i in [0, n), worker 0 on
 * this thread, the others on new threads, all joined before it returns.
 * Makes jansson's hash seed first (it must not be made by two threads at
 * once). */
void cmd_jobs_run(unsigned n, void *(*fn)(void *), void *args, size_t size);

#endif /* CMD_JOBS_H */

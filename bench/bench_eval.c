/* bench_eval.c - in-process decision throughput, and glob linearity.
 *
 * Usage: bench_eval [-n PASSES] [-g | -e] [FILE]
 *
 * 1. Reads a request file (JSON Lines, `evaluate --batch` format; default
 *    tests/diff/cases.jsonl) and measures iam_authorize (flags 0) on one
 *    thread in two ways:
 *    a) warm, as `evaluate --batch` decides: each line is parsed and
 *       compiled, then its one decision is timed alone (the cost of
 *       reading the clock, calibrated first, is subtracted); three passes
 *       over the file;
 *    b) resident: every line is compiled once and kept in memory (all
 *       6,904 sets of the generated mix: about 40 MB, far beyond the
 *       caches), then PASSES passes decide all of them in file order, so
 *       that each decision finds its policies cold in cache.  Without -n
 *       the number of passes is chosen to take about two seconds.
 *    Prints decisions per second (per core) and nanoseconds per decision.
 * 2. The pathological glob `*a*a*...*a*b*` (20 `*a`) on the automaton, and
 *    the worst cases of the segment matcher (`*aaaaaa?b*` byte by byte, a
 *    32-byte `*aaa...ab*` by memmem), against texts of 1, 4, 16 and 64 KiB
 *    of 'a' (no match):
 *    nanoseconds per text byte, which must stay flat, since matching is
 *    linear in the text.  -g: only this;
 *    -e: only the decisions (for profiling them).
 *
 * Part of `make bench` (bench/run.sh); never run by `make check`.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/authz.h"
#include "core/error.h"
#include "core/glob.h"
#include "core/policy.h"
#include "core/request.h"

#define DEFAULT_FILE "tests/diff/cases.jsonl"
#define TARGET_SECONDS 2.0

struct bench {
	struct iam_batch *batch;      /* owns the policy files lines name */
	struct iam_batch_item *items;
	struct iam_request *reqs;
	size_t n, cap;
	size_t rejected;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void bench_release(struct bench *bn)
{
	for (size_t i = 0; i < bn->n; i++)
		iam_batch_item_release(&bn->items[i]);
	free(bn->items);
	free(bn->reqs);
	iam_batch_free(bn->batch);
}

/* Parse and compile every line of file.  Returns 0, or -1 after a
 * message. */
static int load(struct bench *bn, const char *file)
{
	FILE *f = fopen(file, "r");
	char *line = NULL;
	size_t cap = 0, nlines = 0;
	ssize_t len;
	long lineno = 0;
	int rc = -1;

	if (!f) {
		fprintf(stderr, "bench_eval: %s: %s\n", file, strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, f) >= 0)
		nlines++;
	rewind(f);
	bn->batch = iam_batch_new(file);
	bn->items = calloc(nlines ? nlines : 1, sizeof(*bn->items));
	if (!bn->batch || !bn->items)
		goto nomem;
	bn->cap = nlines;
	while (bn->n < bn->cap && (len = getline(&line, &cap, f)) >= 0) {
		struct iam_error err = IAM_ERROR_INIT;
		struct iam_batch_item *it = &bn->items[bn->n];

		lineno++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!len)
			continue;
		if (iam_batch_parse_line(bn->batch, line, (size_t)len, lineno,
					 IAM_PARSE_NO_LOCATIONS, it, &err) < 0) {
			iam_batch_item_release(it);
			if (err.code == IAM_ERR_NOMEM)
				goto nomem;
			bn->rejected++;
			continue;
		}
		bn->n++;
	}
	if (ferror(f)) {
		fprintf(stderr, "bench_eval: %s: read error\n", file);
		goto out;
	}
	bn->reqs = calloc(bn->n ? bn->n : 1, sizeof(*bn->reqs));
	if (!bn->reqs)
		goto nomem;
	for (size_t i = 0; i < bn->n; i++)
		iam_batch_item_request(&bn->items[i], &bn->reqs[i]);
	rc = 0;
	goto out;
nomem:
	fprintf(stderr, "bench_eval: out of memory\n");
out:
	free(line);
	fclose(f);
	return rc;
}

/* One pass over every request.  Returns 0, or -1 after a message;
 * counts[] gets the decisions, *met the expectations met. */
static int pass(const struct bench *bn, size_t counts[3], size_t *met)
{
	/* one error record for the pass: iam_authorize only writes it on
	 * failure, which ends the run (and it is 1 KiB to clear) */
	struct iam_error err = IAM_ERROR_INIT;

	for (size_t i = 0; i < bn->n; i++) {
		struct iam_result res;

		if (iam_authorize(&bn->items[i].set, &bn->reqs[i], 0, &res,
				  &err) < 0) {
			fprintf(stderr, "bench_eval: %s\n", err.text);
			return -1;
		}
		counts[res.decision]++;
		if (bn->items[i].has_expect && bn->items[i].expect == res.decision)
			(*met)++;
	}
	return 0;
}

/* The mean cost of one now() - now() pair, in seconds. */
static double timer_cost(void)
{
	double best = 1;

	for (int round = 0; round < 5; round++) {
		double t0 = now(), sum = 0;

		for (int i = 0; i < 20000; i++) {
			double a = now();

			sum += now() - a;
		}
		(void)t0;
		if (sum / 20000 < best)
			best = sum / 20000;
	}
	return best;
}

/* a) each decision timed alone right after its line is compiled. */
static int bench_warm(const char *file)
{
	enum { PASSES = 3 };
	double cost = timer_cost(), secs = 0;
	size_t n = 0;
	char *line = NULL;
	size_t cap = 0;
	int rc = 1;

	for (int p = 0; p < PASSES; p++) {
		FILE *f = fopen(file, "r");
		struct iam_batch *b = iam_batch_new(file);
		ssize_t len;
		long lineno = 0;

		if (!f || !b) {
			fprintf(stderr, "bench_eval: %s: %s\n", file,
				f ? "out of memory" : strerror(errno));
			if (f)
				fclose(f);
			iam_batch_free(b);
			goto out;
		}
		while ((len = getline(&line, &cap, f)) > 0) {
			struct iam_error err = IAM_ERROR_INIT;
			struct iam_batch_item it;
			struct iam_request req = { 0 };
			struct iam_result res;
			double t0, t1;
			int r;

			lineno++;
			if (iam_batch_parse_line(b, line, (size_t)len, lineno,
						 IAM_PARSE_NO_LOCATIONS, &it,
						 &err) < 0) {
				iam_batch_item_release(&it);
				continue;
			}
			iam_batch_item_request(&it, &req);
			t0 = now();
			r = iam_authorize(&it.set, &req, 0, &res, &err);
			t1 = now();
			iam_batch_item_release(&it);
			if (r < 0) {
				fprintf(stderr, "bench_eval: %s\n", err.text);
				fclose(f);
				iam_batch_free(b);
				goto out;
			}
			secs += t1 - t0 - cost;
			n++;
		}
		fclose(f);
		iam_batch_free(b);
	}
	if (!n || secs <= 0) {
		fprintf(stderr, "bench_eval: %s: nothing to time\n", file);
		goto out;
	}
	printf("eval: warm (each decision right after its line is compiled, as --batch): %zu decisions, clock cost %.1f ns subtracted\n",
	       n, cost * 1e9);
	printf("eval: warm: %.0f decisions/s per core, %.1f ns/decision\n",
	       (double)n / secs, secs * 1e9 / (double)n);
	rc = 0;
out:
	free(line);
	return rc;
}

/* b) all lines resident, decided in passes. */
static int bench_decisions(const char *file, long passes)
{
	struct bench bn = { 0 };
	size_t counts[3] = { 0 }, met = 0, nexpect = 0;
	double t0, t1, secs;
	int rc = 1;

	t0 = now();
	if (load(&bn, file) < 0)
		goto out;
	t1 = now();
	if (!bn.n) {
		fprintf(stderr, "bench_eval: %s: no request could be decided\n",
			file);
		goto out;
	}
	for (size_t i = 0; i < bn.n; i++)
		nexpect += bn.items[i].has_expect;
	printf("eval: %s: %zu requests parsed and compiled in %.1f ms (%zu lines rejected)\n",
	       file, bn.n, (t1 - t0) * 1e3, bn.rejected);

	/* warm-up pass, which also checks the answers and calibrates */
	t0 = now();
	if (pass(&bn, counts, &met) < 0)
		goto out;
	secs = now() - t0;
	printf("eval: decisions: %zu Allowed, %zu ImplicitlyDenied, %zu ExplicitlyDenied; expect met %zu/%zu\n",
	       counts[IAM_DECISION_ALLOWED], counts[IAM_DECISION_IMPLICIT_DENY],
	       counts[IAM_DECISION_EXPLICIT_DENY], met, nexpect);
	if (passes <= 0) {
		passes = secs > 0 ? (long)(TARGET_SECONDS / secs) : 1000;
		if (passes < 1)
			passes = 1;
	}

	memset(counts, 0, sizeof(counts));
	met = 0;
	t0 = now();
	for (long p = 0; p < passes; p++)
		if (pass(&bn, counts, &met) < 0)
			goto out;
	secs = now() - t0;
	{
		double n = (double)bn.n * (double)passes;

		printf("eval: resident: %ld passes, %.0f decisions in %.3f s on one thread\n",
		       passes, n, secs);
		printf("eval: resident: %.0f decisions/s per core, %.1f ns/decision\n",
		       n / secs, secs * 1e9 / n);
	}
	rc = 0;
out:
	bench_release(&bn);
	return rc;
}

/* ns per text byte of g against 1 to 64 KiB of 'a' (no match), printed
 * with prefix; -1 after a message. */
static int glob_sizes(const char *prefix, const char *pat, unsigned flags)
{
	static const size_t sizes[] = { 1024, 4096, 16384, 65536 };
	struct iam_glob *g = iam_glob_new(pat, strlen(pat), flags);
	char *text = malloc(sizes[3]);
	double first = 0, last = 0;
	int rc = -1;

	if (!g || !text) {
		fprintf(stderr, "bench_eval: out of memory\n");
		goto out;
	}
	memset(text, 'a', sizes[3]);
	printf("%s: pattern '%s' against runs of 'a' (no match)\n", prefix, pat);
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		size_t len = sizes[k], reps = 0, bytes;
		double t0 = now(), secs;

		/* at least 0.25 s of matching per size */
		do {
			for (int r = 0; r < 16; r++) {
				if (iam_glob_match(g, text, len)) {
					fprintf(stderr, "bench_eval: glob matched a text without 'b'\n");
					goto out;
				}
			}
			reps += 16;
			secs = now() - t0;
		} while (secs < 0.25);
		bytes = reps * len;
		last = secs * 1e9 / (double)bytes;
		if (k == 0)
			first = last;
		printf("%s: %3zu KiB text: %.2f ns/byte, %.1f us/match (%zu matches)\n",
		       prefix, len / 1024, last, secs * 1e6 / (double)reps, reps);
	}
	printf("%s: ns/byte at 64 KiB / at 1 KiB = %.2f (1.00 = linear)\n",
	       prefix, last / first);
	rc = 0;
out:
	iam_glob_free(g);
	free(text);
	return rc;
}

static int bench_glob(void)
{
	char pat[48];
	size_t m = 0;

	/* the automaton on `*a*a*...*a*b*` (20 `*a`): a trailing '*' leaves
	 * no literal suffix to reject the text early, so it runs over every
	 * byte */
	for (int i = 0; i < 20; i++) {
		pat[m++] = '*';
		pat[m++] = 'a';
	}
	memcpy(pat + m, "*b*", 4);
	if (glob_sizes("glob", pat, IAM_GLOB_NFA) < 0)
		return 1;
	/* the segment matcher at its worst: a segment with a '?' (searched
	 * byte by byte, at most 8 bytes) whose first 7 bytes match at every
	 * place, and a plain 32-byte one (memmem) of the same kind */
	if (glob_sizes("glob-segment", "*aaaaaa?b*", 0) < 0)
		return 1;
	return glob_sizes("glob-memmem", "*aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab*", 0) < 0;
}

int main(int argc, char **argv)
{
	const char *file = DEFAULT_FILE;
	long passes = 0;
	int only_glob = 0, only_eval = 0, c, rc = 0;

	while ((c = getopt(argc, argv, "n:geh")) != -1) {
		switch (c) {
		case 'n':
			passes = strtol(optarg, NULL, 10);
			if (passes <= 0) {
				fprintf(stderr, "bench_eval: -n needs a positive number\n");
				return 2;
			}
			break;
		case 'g':
			only_glob = 1;
			break;
		case 'e':
			only_eval = 1;
			break;
		case 'h':
			printf("usage: bench_eval [-n PASSES] [-g | -e] [FILE]\n");
			return 0;
		default:
			fprintf(stderr, "usage: bench_eval [-n PASSES] [-g | -e] [FILE]\n");
			return 2;
		}
	}
	if (optind < argc)
		file = argv[optind];
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!only_glob)
		rc = bench_warm(file);
	if (rc == 0 && !only_glob)
		rc = bench_decisions(file, passes);
	if (rc == 0 && !only_eval)
		rc = bench_glob();
	return rc;
}

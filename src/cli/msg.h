/* cli/msg.h - everything iamgate says to a person goes through here.
 *
 * Messages are "iamgate: <place>: <text>", lowercase, one line each.  Only
 * cli/msg.c and cmd_*.c write to stdout or stderr.
 */
#ifndef IAM_MSG_H
#define IAM_MSG_H

#include <stdbool.h>
#include <stdio.h>

struct iam_diag;
struct iam_error;

void iam_msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void iam_msg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error: the message, then "try 'iamgate CMD --help'". */
void iam_msg_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "iamgate: file:line:col: error: CODE: message" (compiler style). */
void iam_msg_diag(FILE *f, const struct iam_diag *d, bool color);

/* An iam_error with its place: "iamgate: file:line:col: path: text". */
void iam_msg_failure(const struct iam_error *err);

/* Map an engine error to an exit code (3 invalid input, 4 system). */
int iam_exit_for(const struct iam_error *err);

/* Should output to f be colored?  mode: "auto", "always", "never";
 * auto honours NO_COLOR and whether f is a terminal. */
bool iam_use_color(const char *mode, FILE *f);

enum iam_exit {
	IAM_EXIT_OK = 0,
	IAM_EXIT_DENIED = 1,    /* denied, findings, missing, expect not met */
	IAM_EXIT_USAGE = 2,
	IAM_EXIT_INVALID = 3,   /* input that stops the command */
	IAM_EXIT_INTERNAL = 4,  /* out of memory, I/O failure */
};

#endif /* IAM_MSG_H */

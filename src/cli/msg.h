/* cli/msg.h - everything iamgate says to a person goes through here.
 *
 * Messages are "iamgate: <place>: <text>", lowercase, one line each.  Only
 * cli/msg.c and cmd_*.c write to stdout or stderr.
 *
 * Nothing read from a file or the command line reaches a terminal as it
 * is: every text a person reads is written with iam_out() (or the
 * functions here, which use it), which escapes each %s argument with
 * iam_vis_write(): control bytes (C0, DEL), bytes that are not UTF-8 as
 * \xNN, C1 controls and the bidirectional and line-separator code points
 * as \uNNNN, so that a crafted file name or Sid cannot move the cursor,
 * recolour the terminal or forge a line.  The format's own text is not
 * escaped, and neither are the colour sequences below (recognised by
 * address, so a value that spells one is still escaped).
 */
#ifndef IAM_MSG_H
#define IAM_MSG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

struct iam_diag;
struct iam_error;

/* The colours iamgate writes itself (SGR sequences). */
extern const char iam_sgr_reset[], iam_sgr_red[], iam_sgr_green[], iam_sgr_bold_green[],
	iam_sgr_cyan[], iam_sgr_magenta[], iam_sgr_yellow[];

/* fprintf with every %s argument escaped (see above).  Returns what
 * fprintf returns: negative on an output error. */
int iam_out(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int iam_vout(FILE *f, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Write s, escaped; len bytes of it (SIZE_MAX: up to its NUL).  Returns
 * the bytes written, or -1 on an output error. */
long iam_vis_write(FILE *f, const char *s, size_t len);

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

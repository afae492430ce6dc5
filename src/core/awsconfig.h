/* core/awsconfig.h - the AWS shared config and credentials files, read as
 * the AWS CLI v2 reads them.
 *
 * Part of the engine (owned by the profile work).  Two layers:
 *
 *  1. iam_ini: one file, parsed as Python's configparser.RawConfigParser
 *     (strict) parses it for botocore's raw_config_parse: full-line '#'
 *     and ';' comments only (a '#' inside a value stays), '=' or ':' as
 *     the delimiter (the first one), keys lowercased, values stripped,
 *     indented lines continuing the value above, blank lines kept inside
 *     a value, [DEFAULT] laid under every section, a duplicate section or
 *     key an error of the whole file, and a value that starts on the next
 *     line ("s3 =" then indented "k = v" lines) read as one level of
 *     nested keys.  Every section, key and nested key keeps its line.
 *
 *  2. iam_awsconfig: both files as botocore's session sees them:
 *     [default], [profile NAME] (the name split shell-style: exactly two
 *     words), [sso-session NAME], [services NAME] and other sections of
 *     the config file; every section of the credentials file a profile
 *     of that literal name, its keys laid over the config file's.
 *
 * Values are kept as written, secrets included: a caller never puts the
 * value of a secret key (iam_awskey_is_secret) into anything it shows.
 * The engine never prints.
 */
#ifndef IAM_AWSCONFIG_H
#define IAM_AWSCONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

struct iam_arena;

/* A file over this size is refused (IAM_ERR_LIMIT): 64 MiB. */
#define IAM_INI_MAX_BYTES ((size_t)64 << 20)

/* One key of a nested block: "s3 =" followed by "  addressing_style = path". */
struct iam_ini_sub {
	const char *name;      /* as written (nested keys keep their case) */
	const char *value;
	int line;
};

struct iam_ini_key {
	const char *name;      /* lowercased, as configparser's optionxform */
	const char *value;     /* stripped; continuation lines joined by '\n' */
	int line;              /* the line of "name = value" */
	int nlines;            /* lines the value spans (1 when not continued) */
	bool nested;           /* the value started on the next line */
	bool folded;           /* the name was written with capitals */
	bool colon;            /* written "name: value" (':' as the delimiter) */
	struct iam_ini_sub *subs;
	size_t nsubs;
};

struct iam_ini_section {
	const char *name;      /* between the brackets, as written */
	int line;
	struct iam_ini_key *keys;
	size_t nkeys, cap;
};

enum iam_ini_state {
	IAM_INI_OK,
	IAM_INI_ABSENT,        /* not a regular file: botocore's ConfigNotFound */
	IAM_INI_UNREADABLE,    /* exists, cannot be opened: configparser skips it */
	IAM_INI_BAD,           /* a parse error: ConfigParseError */
};

/* Why a file does not parse (the whole file fails in the AWS CLI). */
struct iam_ini_problem {
	int line;
	const char *text;      /* never quotes the line: it may hold a secret */
};

struct iam_ini {
	const char *path;      /* after ~ and $VAR expansion */
	enum iam_ini_state state;
	int sys_errno;         /* IAM_INI_UNREADABLE: why */
	struct iam_ini_section **sections;   /* in file order, [DEFAULT] aside */
	size_t nsections, cap;
	struct iam_ini_section *defaults;    /* [DEFAULT], or NULL */
	struct iam_ini_problem *problems;    /* parse errors, in line order */
	size_t nproblems, pcap;
	int nlines;
	struct iam_arena *arena;
	void *index;           /* private: the duplicate finder */
};

/* Parse text (len bytes) as file `path`.  NULL only when out of memory
 * (err set); a file that does not parse is returned IAM_INI_BAD with its
 * problems.  Free with iam_ini_free. */
struct iam_ini *iam_ini_parse(const char *path, const char *text, size_t len,
			      struct iam_error *err);

/* Read and parse a file: path is expanded as botocore expands it (~ and
 * $VAR).  A missing file is IAM_INI_ABSENT, one that cannot be opened
 * IAM_INI_UNREADABLE (both with no sections).  NULL with err set when out
 * of memory or over IAM_INI_MAX_BYTES. */
struct iam_ini *iam_ini_load(const char *path, struct iam_error *err);

void iam_ini_free(struct iam_ini *ini);

/* A key of a section, or of [DEFAULT] when the section has none; NULL. */
const struct iam_ini_key *iam_ini_get(const struct iam_ini *ini,
				      const struct iam_ini_section *sec,
				      const char *name);

/* ---- the two files together ---- */

enum iam_awssec_kind {
	IAM_AWSSEC_PROFILE,        /* [default], [profile NAME] */
	IAM_AWSSEC_SSO_SESSION,    /* [sso-session NAME] */
	IAM_AWSSEC_SERVICES,       /* [services NAME] */
	IAM_AWSSEC_KNOWN,          /* [plugins], [preview]: not profiles, meant so */
	IAM_AWSSEC_OTHER,          /* [foo]: not a profile */
	IAM_AWSSEC_DROPPED,        /* [profile a b c], [profile "x]: ignored */
	IAM_AWSSEC_REPLACED,       /* a later section of the same name wins */
};

/* How the config file's section was read (one for each section). */
struct iam_awssec {
	const struct iam_ini_section *sec;
	enum iam_awssec_kind kind;
	const char *name;          /* the profile / session / services name */
	const struct iam_ini_section *winner;  /* IAM_AWSSEC_REPLACED: by what */
};

struct iam_awsprofile {
	const char *name;
	const struct iam_ini_section *cfg;     /* its config file section, or NULL */
	const struct iam_ini_section *cred;    /* its credentials file section, or NULL */
};

struct iam_awssso {
	const char *name;
	const struct iam_ini_section *sec;
};

struct iam_awsconfig {
	struct iam_ini *config, *credentials;
	struct iam_awssec *secs;               /* the config file's sections */
	size_t nsecs;
	struct iam_awsprofile *profiles;       /* the AWS CLI's list order */
	size_t nprofiles;
	struct iam_awssso *sso;
	size_t nsso;
	void *index;                           /* private: profiles by name */
};

/* A value and where it was read. */
struct iam_awsval {
	const char *value;         /* NULL: not set */
	const char *file;
	int line;
	const struct iam_ini_key *key;
	const char *env;           /* from this environment variable instead */
};

/* Build the view from two parsed files (either may be ABSENT); takes
 * ownership of both.  NULL when out of memory (err set; the files freed). */
struct iam_awsconfig *iam_awsconfig_new(struct iam_ini *config,
					struct iam_ini *credentials,
					struct iam_error *err);
void iam_awsconfig_free(struct iam_awsconfig *c);

const struct iam_awsprofile *iam_awsconfig_profile(const struct iam_awsconfig *c,
						   const char *name);
const struct iam_awssso *iam_awsconfig_sso(const struct iam_awsconfig *c,
					   const char *name);

/* A profile's key: the credentials file's over the config file's (each
 * section's own keys over its file's [DEFAULT]).  v->value NULL: unset. */
void iam_awsprofile_get(const struct iam_awsconfig *c, const struct iam_awsprofile *p,
			const char *key, struct iam_awsval *v);

/* The key in one file only (cred: the credentials file, else config). */
void iam_awsprofile_get_in(const struct iam_awsconfig *c, const struct iam_awsprofile *p,
			   bool cred, const char *key, struct iam_awsval *v);

/* Keys whose values are secrets: never shown. */
bool iam_awskey_is_secret(const char *key);

/* Split a section name as Python's shlex.split (POSIX, whitespace split,
 * no comments): at most max words, copied into arena a.  Returns the
 * number of words (those past max counted, not kept), -1 where shlex
 * raises ValueError (an open quote, a final backslash), -2 when out of
 * memory. */
int iam_shlex_split(struct iam_arena *a, const char *s, char **words, int max);

#endif /* IAM_AWSCONFIG_H */

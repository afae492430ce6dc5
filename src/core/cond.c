/* core/cond.c - condition operators (iam-semantics.md section 4).
 *
 * Policy values are parsed once by iam_condition_compile(); evaluation only
 * reads each request value for the operator (once per request value) and
 * compares it with the pre-parsed policy values.  Nothing is allocated
 * during evaluation unless a policy value holds a policy variable, which
 * has to be expanded against the request.
 *
 * Decisions where AWS's documentation is silent or contradicts itself (each
 * one pinned by a test in tests/unit/test_cond.c):
 *
 *  - Numbers (Numeric*): an optional sign ('+' or '-'), one or more
 *    decimal digits, optionally '.' and one or more digits.  No exponent,
 *    no hexadecimal, no "inf"/"nan", no ".5" or "5.", no blanks.  AWS
 *    documents "integer or decimal" only; an exponent is neither.  Values
 *    are compared exactly as the decimals written (decimal_cmp), never
 *    through a double.
 *  - Dates (Date*): the W3C profile of ISO 8601 exactly: YYYY, YYYY-MM,
 *    YYYY-MM-DD, YYYY-MM-DDThh:mmTZD, YYYY-MM-DDThh:mm:ssTZD and
 *    YYYY-MM-DDThh:mm:ss.sTZD (any number of fraction digits), TZD = 'Z' or
 *    +hh:mm / -hh:mm; upper-case 'T' and 'Z' only; a time needs a TZD (the
 *    profile says so; reading a zone-less time as UTC would be a guess);
 *    hh 00-23, mm and ss 00-59 (no leap second), day checked against its
 *    month and leap years.  Or epoch seconds: digits, optionally '.' and
 *    digits, no sign.  A string of exactly four digits is a year, never
 *    epoch seconds ("2020" is 2020-01-01T00:00:00Z).  Both forms are
 *    accepted in policies and in requests.
 *  - Bool and Null values: "true" or "false", ASCII case-insensitive (JSON
 *    true/false arrive as that text).  A request value that is neither
 *    matches no policy value.
 *  - Bool takes policy variables.  The operator reference lists variables as
 *    supported for Bool while the policy-variables page names only String
 *    and ARN operators; we follow the operator reference (the independent
 *    oracle agrees).  A variable that does not expand to true/false makes
 *    that value match nothing.
 *  - StringEqualsIgnoreCase folds ASCII letters and the Latin-1 Supplement
 *    letters U+00C0-U+00DE (UTF-8 C3 80-9E, except U+00D7) to lower case:
 *    IAM policies accept U+0020-U+00FF only, so this is every case pair a
 *    policy can spell.
 *  - BinaryEquals: RFC 4648 base64 (standard alphabet), '=' padding
 *    optional but correct when present, no blanks; the request value is
 *    base64 text too and the decoded bytes are compared.  A request value
 *    that is not base64 matches nothing.
 *  - IpAddress: a request value is a bare IPv4 or IPv6 address (a '/'
 *    makes it unreadable, so it matches nothing and NotIpAddress is true);
 *    families never match across (0.0.0.0/0 does not match ::1, nor an
 *    IPv4-mapped IPv6 address).  A policy CIDR may have host bits set; only
 *    the first prefix bits are compared.
 *  - Arn*: a request value that is not an ARN ("arn:" and at least five
 *    ':') cannot be read for the operator, so it matches no policy value,
 *    not even "*": ArnLike is false and ArnNotLike true for it.
 *  - Null: an empty multivalued key (present with no values) is present:
 *    Null true is false for it, Null false is true.  The context keeps
 *    "empty" and "absent" apart, and IfExists treats them apart too.  A
 *    ForAllValues:/ForAnyValue: qualifier on Null changes nothing: Null
 *    only tests presence.
 *  - A policy value with a variable whose expansion runs out of memory is
 *    treated like one whose key is absent (matches nothing): evaluation has
 *    no error channel.
 */
#include "config.h"

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <arpa/inet.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "core/arena.h"
#include "core/cond.h"
#include "core/context.h"
#include "core/glob.h"
#include "core/vars.h"

/* The operator table (core/cond.h): one row per operator. */
#define OP(id, name, family, cmp, negated, variables, if_exists)                \
	[IAM_OP_##id] = { name, IAM_COND_##family, IAM_CMP_##cmp, negated,     \
			  variables, if_exists }

static const struct iam_cond_opinfo ops[IAM_OP__COUNT] = {
	/*  enum                         name                        family   cmp      negated variables IfExists */
	OP(STRING_EQUALS,                "StringEquals",              STRING,  EQ,      false, true,  true),
	OP(STRING_NOT_EQUALS,            "StringNotEquals",           STRING,  EQ,      true,  true,  true),
	OP(STRING_EQUALS_IGNORE_CASE,    "StringEqualsIgnoreCase",    STRING,  EQ_FOLD, false, true,  true),
	OP(STRING_NOT_EQUALS_IGNORE_CASE, "StringNotEqualsIgnoreCase", STRING, EQ_FOLD, true,  true,  true),
	OP(STRING_LIKE,                  "StringLike",                STRING,  LIKE,    false, true,  true),
	OP(STRING_NOT_LIKE,              "StringNotLike",             STRING,  LIKE,    true,  true,  true),
	OP(NUMERIC_EQUALS,               "NumericEquals",             NUMERIC, EQ,      false, false, true),
	OP(NUMERIC_NOT_EQUALS,           "NumericNotEquals",          NUMERIC, EQ,      true,  false, true),
	OP(NUMERIC_LESS_THAN,            "NumericLessThan",           NUMERIC, LT,      false, false, true),
	OP(NUMERIC_LESS_THAN_EQUALS,     "NumericLessThanEquals",     NUMERIC, LE,      false, false, true),
	OP(NUMERIC_GREATER_THAN,         "NumericGreaterThan",        NUMERIC, GT,      false, false, true),
	OP(NUMERIC_GREATER_THAN_EQUALS,  "NumericGreaterThanEquals",  NUMERIC, GE,      false, false, true),
	OP(DATE_EQUALS,                  "DateEquals",                DATE,    EQ,      false, false, true),
	OP(DATE_NOT_EQUALS,              "DateNotEquals",             DATE,    EQ,      true,  false, true),
	OP(DATE_LESS_THAN,               "DateLessThan",              DATE,    LT,      false, false, true),
	OP(DATE_LESS_THAN_EQUALS,        "DateLessThanEquals",        DATE,    LE,      false, false, true),
	OP(DATE_GREATER_THAN,            "DateGreaterThan",           DATE,    GT,      false, false, true),
	OP(DATE_GREATER_THAN_EQUALS,     "DateGreaterThanEquals",     DATE,    GE,      false, false, true),
	OP(BOOL,                         "Bool",                      BOOL,    EQ,      false, true,  true),
	OP(BINARY_EQUALS,                "BinaryEquals",              BINARY,  EQ,      false, false, true),
	OP(IP_ADDRESS,                   "IpAddress",                 IP,      IN,      false, false, true),
	OP(NOT_IP_ADDRESS,               "NotIpAddress",              IP,      IN,      true,  false, true),
	OP(ARN_EQUALS,                   "ArnEquals",                 ARN,     LIKE,    false, true,  true),
	OP(ARN_LIKE,                     "ArnLike",                   ARN,     LIKE,    false, true,  true),
	OP(ARN_NOT_EQUALS,               "ArnNotEquals",              ARN,     LIKE,    true,  true,  true),
	OP(ARN_NOT_LIKE,                 "ArnNotLike",                ARN,     LIKE,    true,  true,  true),
	OP(NULL,                         "Null",                      NULL,    EQ,      false, false, false),
};

#undef OP

static const char for_all_prefix[] = "ForAllValues:";
static const char for_any_prefix[] = "ForAnyValue:";
static const char if_exists_suffix[] = "IfExists";

/* ------------------------------------------------------------------ */
/* Operator names */

static unsigned char ascii_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static bool bytes_eq(const char *a, const char *b, size_t n, bool icase)
{
	if (!icase)
		return memcmp(a, b, n) == 0;
	for (size_t i = 0; i < n; i++)
		if (ascii_lower((unsigned char)a[i]) !=
		    ascii_lower((unsigned char)b[i]))
			return false;
	return true;
}

static bool has_prefix(const char *s, size_t len, const char *prefix,
		       size_t plen, bool icase)
{
	return len >= plen && bytes_eq(s, prefix, plen, icase);
}

/* Split name into its parts, comparing case-sensitively or not.  Returns
 * 0, -1 (unknown operator) or -2 (a qualifier that is not one of ours). */
static int split_opname(const char *name, bool icase,
			struct iam_cond_opname *out)
{
	size_t len = strlen(name);
	const size_t all_len = sizeof(for_all_prefix) - 1;
	const size_t any_len = sizeof(for_any_prefix) - 1;
	const size_t ie_len = sizeof(if_exists_suffix) - 1;

	out->set = IAM_SET_NONE;
	out->if_exists = false;
	if (has_prefix(name, len, for_all_prefix, all_len, icase)) {
		out->set = IAM_SET_FOR_ALL_VALUES;
		name += all_len;
		len -= all_len;
	} else if (has_prefix(name, len, for_any_prefix, any_len, icase)) {
		out->set = IAM_SET_FOR_ANY_VALUE;
		name += any_len;
		len -= any_len;
	} else if (memchr(name, ':', len)) {
		return -2;
	}
	if (len > ie_len &&
	    bytes_eq(name + len - ie_len, if_exists_suffix, ie_len, icase)) {
		out->if_exists = true;
		len -= ie_len;
	}
	for (int op = 0; op < IAM_OP__COUNT; op++) {
		if (strlen(ops[op].name) == len &&
		    bytes_eq(name, ops[op].name, len, icase)) {
			out->op = (enum iam_cond_op)op;
			return 0;
		}
	}
	return -1;
}

int iam_cond_parse_opname(const char *name, struct iam_cond_opname *out,
			  const char **why)
{
	struct iam_cond_opname r;
	const char *msg;
	int rc;

	if (!name || !*name) {
		msg = "empty condition operator";
		goto fail;
	}
	rc = split_opname(name, false, &r);
	if (rc == 0) {
		if (r.if_exists && !ops[r.op].if_exists) {
			msg = "the Null operator takes no IfExists: it already tests whether the key exists";
			goto fail;
		}
		*out = r;
		return 0;
	}
	if (split_opname(name, true, &r) == 0)
		msg = "unknown condition operator (operator names are case-sensitive)";
	else if (rc == -2)
		msg = "unknown condition operator qualifier (use ForAllValues: or ForAnyValue:)";
	else
		msg = "unknown condition operator";
fail:
	if (why)
		*why = msg;
	return -1;
}

/* The wildcard flavour of a LIKE operator: Arn* match field by field. */
static unsigned glob_flags(const struct iam_cond_opinfo *o)
{
	return o->family == IAM_COND_ARN ? IAM_GLOB_ARNCOND : 0;
}

const struct iam_cond_opinfo *iam_cond_op_info(enum iam_cond_op op)
{
	return (unsigned)op < IAM_OP__COUNT ? &ops[op] : NULL;
}

const char *iam_cond_op_name(enum iam_cond_op op)
{
	return (unsigned)op < IAM_OP__COUNT ? ops[op].name : NULL;
}

/* ------------------------------------------------------------------ */
/* Numbers */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* m * 10^e, correctly rounded when m <= 2^53 and |e| <= 22. */
static double scale10(uint64_t m, int e)
{
	static const double p10[] = {
		1e0,  1e1,  1e2,  1e3,	1e4,  1e5,  1e6,  1e7,
		1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
		1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
	};
	double r = (double)m;

	if (m == 0)
		return 0.0;
	while (e > 22) {
		r *= 1e22;
		e -= 22;
	}
	while (e < -22) {
		r /= 1e22;
		e += 22;
	}
	return e >= 0 ? r * p10[e] : r / p10[-e];
}

/* Digits, optionally '.' and digits, filling s[0..len) exactly; no sign.
 * Returns 0 or -1. */
static int parse_unsigned_decimal(const char *s, size_t len, double *out)
{
	uint64_t m = 0;
	int e = 0, nsig = 0;
	size_t i = 0, start;

	start = i;
	while (i < len && is_digit(s[i])) {
		if (m == 0 && s[i] == '0') {
			/* leading zero: not significant */
		} else if (nsig < 19) {
			m = m * 10 + (uint64_t)(s[i] - '0');
			nsig++;
		} else if (e < 100000) {
			e++; /* a dropped integer digit */
		}
		i++;
	}
	if (i == start)
		return -1;
	if (i < len && s[i] == '.') {
		i++;
		start = i;
		while (i < len && is_digit(s[i])) {
			if (m == 0 && s[i] == '0') {
				if (e > -100000)
					e--;
			} else if (nsig < 19) {
				m = m * 10 + (uint64_t)(s[i] - '0');
				nsig++;
				e--;
			}
			i++;
		}
		if (i == start)
			return -1;
	}
	if (i != len)
		return -1;
	*out = scale10(m, e);
	return isinf(*out) ? -1 : 0;
}

int iam_parse_number(const char *s, double *out)
{
	size_t len;
	bool neg = false;
	double v;

	if (!s)
		return -1;
	len = strlen(s);
	if (len && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		s++;
		len--;
	}
	if (parse_unsigned_decimal(s, len, &v) < 0)
		return -1;
	*out = neg ? -v : v;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Dates */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static bool is_leap(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned days_in_month(unsigned y, unsigned m)
{
	static const unsigned char dim[12] = { 31, 28, 31, 30, 31, 30,
					       31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Exactly n digits at s; returns their value or -1. */
static int fixed_digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* "Z", "+hh:mm" or "-hh:mm" exactly; *off = seconds east of UTC. */
static int parse_tzd(const char *s, int *off)
{
	int hh, mm;

	if (s[0] == 'Z' && s[1] == '\0') {
		*off = 0;
		return 0;
	}
	if ((s[0] != '+' && s[0] != '-') || strlen(s) != 6 || s[3] != ':')
		return -1;
	hh = fixed_digits(s + 1, 2);
	mm = fixed_digits(s + 4, 2);
	if (hh < 0 || hh > 23 || mm < 0 || mm > 59)
		return -1;
	*off = (hh * 3600 + mm * 60) * (s[0] == '-' ? -1 : 1);
	return 0;
}

static bool all_epoch_chars(const char *s)
{
	for (; *s; s++)
		if (!is_digit(*s) && *s != '.')
			return false;
	return true;
}

int iam_parse_date(const char *s, double *epoch_seconds)
{
	int year, mon = 1, day = 1, hh = 0, mm = 0, ss = 0, off = 0;
	int64_t secs;
	double frac = 0.0;
	const char *p;
	size_t len;

	if (!s)
		return -1;
	len = strlen(s);
	if (len == 0)
		return -1;
	if (all_epoch_chars(s) && !(len == 4 && !strchr(s, '.')))
		return parse_unsigned_decimal(s, len, epoch_seconds);

	year = fixed_digits(s, 4);
	if (year < 0)
		return -1;
	p = s + 4;
	if (*p == '\0')
		goto done;
	if (*p != '-')
		return -1;
	mon = fixed_digits(p + 1, 2);
	if (mon < 1 || mon > 12)
		return -1;
	p += 3;
	if (*p == '\0')
		goto done;
	if (*p != '-')
		return -1;
	day = fixed_digits(p + 1, 2);
	if (day < 1 ||
	    (unsigned)day > days_in_month((unsigned)year, (unsigned)mon))
		return -1;
	p += 3;
	if (*p == '\0')
		goto done;
	if (*p != 'T')
		return -1;
	hh = fixed_digits(p + 1, 2);
	if (hh < 0 || hh > 23 || p[3] != ':')
		return -1;
	mm = fixed_digits(p + 4, 2);
	if (mm < 0 || mm > 59)
		return -1;
	p += 6;
	if (*p == ':') {
		ss = fixed_digits(p + 1, 2);
		if (ss < 0 || ss > 59)
			return -1;
		p += 3;
		if (*p == '.') {
			const char *f = ++p;
			uint64_t m = 0;
			int e = 0;

			/* digits past the 18th are below a double's reach */
			while (is_digit(*p)) {
				if (e > -18) {
					m = m * 10 + (uint64_t)(*p - '0');
					e--;
				}
				p++;
			}
			if (p == f)
				return -1;
			frac = scale10(m, e);
		}
	}
	if (parse_tzd(p, &off) < 0)
		return -1;
done:
	secs = days_from_civil(year, (unsigned)mon, (unsigned)day) * 86400 +
	       hh * 3600 + mm * 60 + ss - off;
	*epoch_seconds = (double)secs + frac;
	return 0;
}

/* ------------------------------------------------------------------ */
/* IP addresses */

/* A bare address, NUL-terminated: family 4 or 6. */
static int parse_addr(const char *s, uint8_t addr[16], uint8_t *family)
{
	memset(addr, 0, 16);
	if (inet_pton(AF_INET, s, addr) == 1) {
		*family = 4;
		return 0;
	}
	if (inet_pton(AF_INET6, s, addr) == 1) {
		*family = 6;
		return 0;
	}
	return -1;
}

int iam_parse_cidr(const char *s, uint8_t addr[16], uint8_t *family,
		   uint8_t *prefix)
{
	char buf[64];
	const char *slash;
	size_t alen;
	unsigned bits = 0, maxbits;

	if (!s)
		return -1;
	slash = strchr(s, '/');
	alen = slash ? (size_t)(slash - s) : strlen(s);
	if (alen == 0 || alen >= sizeof(buf))
		return -1;
	memcpy(buf, s, alen);
	buf[alen] = '\0';
	if (parse_addr(buf, addr, family) < 0)
		return -1;
	maxbits = *family == 4 ? 32 : 128;
	if (!slash) {
		*prefix = (uint8_t)maxbits;
		return 0;
	}
	slash++;
	if (!*slash || strlen(slash) > 3)
		return -1;
	for (const char *q = slash; *q; q++) {
		if (!is_digit(*q))
			return -1;
		bits = bits * 10 + (unsigned)(*q - '0');
	}
	if (bits > maxbits)
		return -1;
	*prefix = (uint8_t)bits;
	return 0;
}

/* Are the first `prefix` bits of a and b the same? */
static bool prefix_eq(const uint8_t *a, const uint8_t *b, unsigned prefix)
{
	unsigned whole = prefix / 8, rest = prefix % 8;

	if (memcmp(a, b, whole) != 0)
		return false;
	if (rest) {
		uint8_t mask = (uint8_t)(0xFFu << (8 - rest));

		if ((a[whole] & mask) != (b[whole] & mask))
			return false;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* Base64 */

static int b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Check s as base64: sets *ndata to the number of data characters
 * (padding excluded) and *declen to the decoded length.  0 or -1. */
static int b64_check(const char *s, size_t *ndata, size_t *declen)
{
	size_t len = strlen(s), n = len, pad = 0;

	while (n && s[n - 1] == '=' && pad < 2) {
		n--;
		pad++;
	}
	if (n % 4 == 1)
		return -1;
	if (pad && (len % 4 != 0))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (b64_value((unsigned char)s[i]) < 0)
			return -1;
	*ndata = n;
	*declen = n / 4 * 3 + (n % 4 ? n % 4 - 1 : 0);
	return 0;
}

/* Decode the n data characters of s (checked by b64_check).  With out,
 * store the bytes; with cmp, compare them instead and return 1 at the
 * first difference.  Returns 0. */
static int b64_walk(const char *s, size_t n, uint8_t *out, const uint8_t *cmp)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i += 4) {
		size_t k = n - i < 4 ? n - i : 4;
		uint32_t acc = 0;
		uint8_t b[3];

		for (size_t j = 0; j < 4; j++) {
			int d = j < k ? b64_value((unsigned char)s[i + j]) : 0;

			acc = acc << 6 | (uint32_t)d;
		}
		b[0] = (uint8_t)(acc >> 16);
		b[1] = (uint8_t)(acc >> 8);
		b[2] = (uint8_t)acc;
		for (size_t j = 0; j + 1 < k; j++, o++) {
			if (out)
				out[o] = b[j];
			else if (cmp[o] != b[j])
				return 1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Strings */

/* Lower-case byte i of s: ASCII letters, and the second byte of the UTF-8
 * form of U+00C0-U+00DE (but U+00D7), which is C3 80-9E. */
static unsigned char fold_at(const unsigned char *s, size_t i)
{
	unsigned char c = s[i];

	if (c >= 'A' && c <= 'Z')
		return (unsigned char)(c + 32);
	if (i > 0 && s[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
		return (unsigned char)(c + 0x20);
	return c;
}

static char *fold_dup(struct iam_arena *a, const char *s)
{
	char *r = iam_arena_strdup(a, s);

	if (!r)
		return NULL;
	for (size_t i = 0; r[i]; i++)
		r[i] = (char)fold_at((const unsigned char *)s, i);
	return r;
}

/* Equal once both are folded (a may be folded already). */
static bool fold_eq(const char *a, const char *b, size_t blen)
{
	const unsigned char *ua = (const unsigned char *)a;
	const unsigned char *ub = (const unsigned char *)b;
	size_t i;

	for (i = 0; i < blen; i++)
		if (!ua[i] || fold_at(ua, i) != fold_at(ub, i))
			return false;
	return ua[i] == '\0';
}

/* "true" / "false", ASCII case-insensitive. */
static int parse_bool(const char *s, bool *out)
{
	if (strlen(s) == 4 && bytes_eq(s, "true", 4, true)) {
		*out = true;
		return 0;
	}
	if (strlen(s) == 5 && bytes_eq(s, "false", 5, true)) {
		*out = false;
		return 0;
	}
	return -1;
}

/* "arn:" and at least five ':' in all. */
static bool looks_like_arn(const char *s)
{
	int colons = 0;

	if (strncmp(s, "arn:", 4) != 0)
		return false;
	for (; *s && colons < 5; s++)
		if (*s == ':')
			colons++;
	return colons >= 5;
}

/* ------------------------------------------------------------------ */
/* Compiling */

static void set_why(char *why, size_t whylen, const char *what,
		    const char *text)
{
	if (why && whylen)
		snprintf(why, whylen, "'%.200s' is not %s", text, what);
}

/* Returns 0, -1 (bad value, why filled) or -2 (out of memory). */
static int compile_value(const struct iam_condition *c,
			 struct iam_cond_value *v, bool vars, char *why,
			 size_t whylen)
{
	const struct iam_cond_opinfo *o = &ops[c->op.op];

	if (!v->text) {
		if (why && whylen)
			snprintf(why, whylen, "missing condition value");
		return -1;
	}
	if (vars && o->variables) {
		if (iam_tmpl_parse_in(c->arena, v->text, &v->tmpl, why,
				      whylen) < 0)
			return -1;
		if (v->tmpl)
			return 0; /* expanded and read per request */
	}
	switch (o->family) {
	case IAM_COND_STRING:
	case IAM_COND_ARN:
		if (o->cmp == IAM_CMP_EQ_FOLD) {
			v->u.folded = fold_dup(c->arena, v->text);
			return v->u.folded ? 0 : -2;
		}
		if (o->cmp != IAM_CMP_LIKE)
			return 0;
		v->u.glob = iam_glob_new_in(c->arena, v->text, strlen(v->text),
					    glob_flags(o));
		return v->u.glob ? 0 : -2;
	case IAM_COND_NUMERIC:
		if (iam_parse_number(v->text, &v->u.num) == 0)
			return 0;
		set_why(why, whylen, "a number (an integer or a decimal)",
			v->text);
		return -1;
	case IAM_COND_DATE:
		if (iam_parse_date(v->text, &v->u.time) == 0)
			return 0;
		set_why(why, whylen,
			"a date (ISO 8601 such as 2024-01-31T12:00:00Z, or epoch seconds)",
			v->text);
		return -1;
	case IAM_COND_BOOL:
		if (parse_bool(v->text, &v->u.boolean) == 0)
			return 0;
		set_why(why, whylen, "a boolean (true or false)", v->text);
		return -1;
	case IAM_COND_NULL:
		if (parse_bool(v->text, &v->u.boolean) == 0)
			return 0;
		set_why(why, whylen, "true or false", v->text);
		return -1;
	case IAM_COND_BINARY: {
		size_t ndata, declen;

		if (b64_check(v->text, &ndata, &declen) < 0) {
			set_why(why, whylen, "base64", v->text);
			return -1;
		}
		v->u.bin.bytes = iam_arena_alloc(c->arena, declen);
		if (!v->u.bin.bytes)
			return -2;
		v->u.bin.len = declen;
		b64_walk(v->text, ndata, v->u.bin.bytes, NULL);
		return 0;
	}
	case IAM_COND_IP:
		if (iam_parse_cidr(v->text, v->u.cidr.addr, &v->u.cidr.family,
				   &v->u.cidr.prefix) == 0)
			return 0;
		set_why(why, whylen,
			"an IP address or CIDR block (such as 203.0.113.0/24 or 2001:db8::/32)",
			v->text);
		return -1;
	}
	if (why && whylen)
		snprintf(why, whylen, "unknown condition operator");
	return -1;
}

int iam_condition_compile(struct iam_condition *c, bool vars, size_t *bad,
			  char *why, size_t whylen)
{
	size_t unused;

	if (!bad)
		bad = &unused;
	if (why && whylen)
		why[0] = '\0';
	if ((unsigned)c->op.op >= IAM_OP__COUNT) {
		*bad = 0;
		if (why && whylen)
			snprintf(why, whylen, "unknown condition operator");
		return -1;
	}
	if (!c->key_lc && c->key) {
		c->key_lc = iam_strdup_lower(c->arena, c->key);
		if (!c->key_lc)
			goto nomem;
	}
	for (size_t i = 0; i < c->nvalues; i++) {
		int rc = compile_value(c, &c->values[i], vars, why, whylen);

		if (rc == -2)
			goto nomem;
		if (rc < 0) {
			*bad = i;
			return -1;
		}
	}
	return 0;
nomem:
	*bad = (size_t)-1;
	if (why && whylen)
		snprintf(why, whylen, "out of memory");
	return -1;
}

void iam_condition_release(struct iam_condition *c)
{
	if (!c)
		return;
	for (size_t i = 0; !c->arena && c->values && i < c->nvalues; i++) {
		struct iam_cond_value *v = &c->values[i];

		free(v->text);
		iam_tmpl_free(v->tmpl);
		if ((unsigned)c->op.op < IAM_OP__COUNT) {
			const struct iam_cond_opinfo *o = &ops[c->op.op];

			if (o->cmp == IAM_CMP_LIKE)
				iam_glob_free(v->u.glob);
			else if (o->cmp == IAM_CMP_EQ_FOLD)
				free(v->u.folded);
			else if (o->family == IAM_COND_BINARY)
				free(v->u.bin.bytes);
		}
	}
	if (!c->arena) {
		free(c->values);
		free(c->opname);
		free(c->key);
		free(c->key_lc);
		free(c->path);
	}
	c->values = NULL;
	c->nvalues = 0;
	c->opname = c->key = c->key_lc = c->path = NULL;
}

/* ------------------------------------------------------------------ */
/* Evaluating */

/* A policy value with variables, expanded for this request. */
struct prepared {
	bool usable; /* false: matches nothing */
	char *text; /* String*: the expansion */
	struct iam_glob *glob; /* StringLike, Arn* */
	bool boolean; /* Bool */
};

/* A request value read for the operator. */
struct reqval {
	const char *s;
	size_t len;
	double num; /* Numeric*, Date* */
	bool boolean; /* Bool */
	uint8_t addr[16]; /* Ip* */
	uint8_t family;
	size_t ndata, declen; /* BinaryEquals: base64 data chars, bytes */
};

static void prepare(const struct iam_condition *c,
		    const struct iam_context *ctx, size_t i,
		    struct prepared *pr)
{
	const struct iam_cond_value *v = &c->values[i];
	const struct iam_cond_opinfo *o = &ops[c->op.op];
	bool glob = o->cmp == IAM_CMP_LIKE;
	char *s = NULL;

	memset(pr, 0, sizeof(*pr));
	if (!v->tmpl)
		return;
	if (iam_tmpl_expand(v->tmpl, ctx, glob, &s) != IAM_SUBST_OK)
		return; /* absent key (or no memory): matches nothing */
	if (glob) {
		unsigned flags = IAM_GLOB_ESCAPED | glob_flags(o);

		pr->glob = iam_glob_new(s, strlen(s), flags);
		free(s);
		pr->usable = pr->glob != NULL;
	} else if (o->family == IAM_COND_BOOL) {
		pr->usable = parse_bool(s, &pr->boolean) == 0;
		free(s);
	} else {
		pr->text = s;
		pr->usable = true;
	}
}

static void unprepare(struct prepared *pr)
{
	free(pr->text);
	iam_glob_free(pr->glob);
}

/* Read request value s for the operator; false when it cannot be read. */
static bool read_reqval(const struct iam_cond_opinfo *o, const char *s,
			struct reqval *rv)
{
	rv->s = s;
	rv->len = strlen(s);
	switch (o->family) {
	case IAM_COND_NUMERIC:
		return iam_parse_number(s, &rv->num) == 0;
	case IAM_COND_DATE:
		return iam_parse_date(s, &rv->num) == 0;
	case IAM_COND_BOOL:
		return parse_bool(s, &rv->boolean) == 0;
	case IAM_COND_BINARY:
		return b64_check(s, &rv->ndata, &rv->declen) == 0;
	case IAM_COND_IP:
		return parse_addr(s, rv->addr, &rv->family) == 0;
	case IAM_COND_ARN:
		return looks_like_arn(s);
	case IAM_COND_STRING:
	case IAM_COND_NULL:
		break;
	}
	return true;
}

/* A decimal as written: [+-]digits[.digits], already checked by
 * iam_parse_number.  Its sign and its significant digits. */
struct decimal {
	bool neg;
	const char *ip, *fp;     /* integer digits without leading zeros; fraction */
	size_t ni, nf;           /* ... without trailing zeros */
};

static void decimal_read(const char *s, struct decimal *d)
{
	const char *dot;

	d->neg = *s == '-';
	if (*s == '-' || *s == '+')
		s++;
	while (*s == '0')
		s++;
	d->ip = s;
	dot = strchr(s, '.');
	d->ni = dot ? (size_t)(dot - s) : strlen(s);
	d->fp = dot ? dot + 1 : s + d->ni;
	d->nf = strlen(d->fp);
	while (d->nf && d->fp[d->nf - 1] == '0')
		d->nf--;
	if (!d->ni && !d->nf)
		d->neg = false;  /* -0 is 0 */
}

/* a <=> b as exact decimals (-1, 0, 1): NumericEquals compares the
 * numbers written, not their nearest doubles (9007199254740993 is not
 * 9007199254740992). */
static int decimal_cmp(const char *as, const char *bs)
{
	struct decimal a, b;
	int r = 0;

	decimal_read(as, &a);
	decimal_read(bs, &b);
	if (a.neg != b.neg)
		return a.neg ? -1 : 1;
	if (a.ni != b.ni) {
		r = a.ni < b.ni ? -1 : 1;
	} else if ((r = memcmp(a.ip, b.ip, a.ni)) == 0) {
		size_t n = a.nf > b.nf ? a.nf : b.nf;

		for (size_t i = 0; i < n && !r; i++) {
			char x = i < a.nf ? a.fp[i] : '0', y = i < b.nf ? b.fp[i] : '0';

			r = (x > y) - (x < y);
		}
	}
	r = (r > 0) - (r < 0);
	return a.neg ? -r : r;
}

/* a <cmp> b, for numbers and dates. */
static bool ordered(double a, enum iam_cond_cmp cmp, double b)
{
	switch (cmp) {
	case IAM_CMP_LT:
		return a < b;
	case IAM_CMP_LE:
		return a <= b;
	case IAM_CMP_GT:
		return a > b;
	case IAM_CMP_GE:
		return a >= b;
	case IAM_CMP_EQ:
	case IAM_CMP_EQ_FOLD:
	case IAM_CMP_LIKE:
	case IAM_CMP_IN:
		break;
	}
	return a == b;
}

/* The positive relation op+(request value, policy value i). */
static bool value_matches(const struct iam_condition *c,
			  const struct iam_cond_opinfo *o, size_t i,
			  const struct prepared *prep, const struct reqval *rv)
{
	const struct iam_cond_value *v = &c->values[i];
	const struct prepared *pr = NULL;

	if (v->tmpl) {
		if (!prep || !prep[i].usable)
			return false;
		pr = &prep[i];
	}
	switch (o->family) {
	case IAM_COND_STRING:
	case IAM_COND_ARN:
		if (o->cmp == IAM_CMP_LIKE)
			return iam_glob_match(pr ? pr->glob : v->u.glob, rv->s,
					      rv->len);
		if (o->cmp == IAM_CMP_EQ_FOLD)
			return fold_eq(pr ? pr->text : v->u.folded, rv->s,
				       rv->len);
		return strcmp(pr ? pr->text : v->text, rv->s) == 0;
	case IAM_COND_NUMERIC: {
		const char *pv = pr ? pr->text : v->text;
		double x;

		/* a variable's value must be a number too */
		if (pr && iam_parse_number(pv, &x) < 0)
			return false;
		return ordered((double)decimal_cmp(rv->s, pv), o->cmp, 0.0);
	}
	case IAM_COND_DATE:
		return ordered(rv->num, o->cmp, v->u.time);
	case IAM_COND_BOOL:
		return rv->boolean == (pr ? pr->boolean : v->u.boolean);
	case IAM_COND_BINARY:
		return rv->declen == v->u.bin.len &&
		       b64_walk(rv->s, rv->ndata, NULL, v->u.bin.bytes) == 0;
	case IAM_COND_IP:
		return rv->family == v->u.cidr.family &&
		       prefix_eq(rv->addr, v->u.cidr.addr, v->u.cidr.prefix);
	case IAM_COND_NULL:
		break;
	}
	return false;
}

/* Does some policy value match request value s (positive relation)? */
static bool any_value_matches(const struct iam_condition *c,
			      const struct prepared *prep, const char *s)
{
	const struct iam_cond_opinfo *o = &ops[c->op.op];
	struct reqval rv;

	if (!read_reqval(o, s, &rv))
		return false;
	for (size_t i = 0; i < c->nvalues; i++)
		if (value_matches(c, o, i, prep, &rv))
			return true;
	return false;
}

static bool eval_present(const struct iam_condition *c,
			 const struct iam_ctx_entry *e,
			 const struct prepared *prep)
{
	bool negated = ops[c->op.op].negated;
	enum iam_cond_set set = c->op.set;

	/* No qualifier: a single value is a one-element set, for which both
	 * qualifiers agree; a multivalued key is taken as ForAnyValue for
	 * positive and ForAllValues for negated operators (core/cond.h). */
	if (set == IAM_SET_NONE)
		set = negated ? IAM_SET_FOR_ALL_VALUES : IAM_SET_FOR_ANY_VALUE;
	if (set == IAM_SET_FOR_ANY_VALUE) {
		/* some v matches (negated: some v matches no p) */
		for (size_t k = 0; k < e->n; k++)
			if (any_value_matches(c, prep, e->values[k]) != negated)
				return true;
		return false;
	}
	/* ForAllValues: every v matches (negated: no v matches) */
	for (size_t k = 0; k < e->n; k++)
		if (any_value_matches(c, prep, e->values[k]) == negated)
			return false;
	return true;
}

#define PREP_STACK 8

bool iam_condition_eval(const struct iam_condition *c,
			const struct iam_context *ctx)
{
	const struct iam_ctx_entry *e;
	struct prepared stackprep[PREP_STACK];
	struct prepared *prep = NULL;
	bool has_tmpl = false, r;

	if (c->key_lc)
		e = iam_context_get(ctx, c->key_lc);
	else
		e = c->key ? iam_context_find(ctx, c->key) : NULL;

	if ((unsigned)c->op.op >= IAM_OP__COUNT)
		return false;  /* never compiled */
	if (ops[c->op.op].family == IAM_COND_NULL) {
		/* true: the key is absent; false: it is present */
		for (size_t i = 0; i < c->nvalues; i++)
			if (c->values[i].u.boolean == !e)
				return true;
		return false;
	}
	if (!e) {
		if (c->op.if_exists)
			return true;
		switch (c->op.set) {
		case IAM_SET_FOR_ALL_VALUES:
			return true;
		case IAM_SET_FOR_ANY_VALUE:
			return false;
		case IAM_SET_NONE:
			break;
		}
		return ops[c->op.op].negated;
	}

	for (size_t i = 0; i < c->nvalues && !has_tmpl; i++)
		has_tmpl = c->values[i].tmpl != NULL;
	if (!has_tmpl)
		return eval_present(c, e, NULL);

	/* Expand each variable once per evaluation, not once per value. */
	if (c->nvalues <= PREP_STACK)
		prep = stackprep;
	else
		prep = malloc(c->nvalues * sizeof(*prep));
	if (prep) {
		for (size_t i = 0; i < c->nvalues; i++)
			prepare(c, ctx, i, &prep[i]);
	}
	r = eval_present(c, e, prep);
	if (prep) {
		for (size_t i = 0; i < c->nvalues; i++)
			unprepare(&prep[i]);
		if (prep != stackprep)
			free(prep);
	}
	return r;
}

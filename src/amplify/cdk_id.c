/* amplify/cdk_id.c - the logical ID the AWS CDK gives a resource of a
 * stack, for templates the Amplify CLI synthesizes with CDK
 * (amplify/derive.h).
 *
 * CDK names a resource by its construct path below the stack (of two parts
 * or more, none "Default"): the path's parts with every character that is
 * not a letter or digit removed, leaving out the parts named "Resource" (a
 * construct's default child) and those the part before ends with, then
 * the first 8 hexadecimal digits, upper case, of the MD5 of the parts
 * joined by '/'.  (authTriggerFn/ServiceRole/Resource gives
 * authTriggerFnServiceRole08093B67, as the auth-trigger template has it.)
 * MD5 is RFC 1321's, written here for this one use.
 *
 * Ownership: the caller's buffers only.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "amplify/derive.h"

struct md5 {
	uint32_t h[4];
	uint64_t len;           /* bytes taken */
	unsigned char buf[64];
	size_t n;               /* bytes in buf */
};

static const uint32_t md5_k[64] = {
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
	0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
	0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
	0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
	0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
	0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
	0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
	0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

static const unsigned char md5_r[64] = {
	7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
	5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
	4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
	6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
};

static void md5_block(struct md5 *m, const unsigned char *p)
{
	uint32_t w[16], a = m->h[0], b = m->h[1], c = m->h[2], d = m->h[3];

	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 |
		       (uint32_t)p[4 * i + 2] << 16 | (uint32_t)p[4 * i + 3] << 24;
	for (int i = 0; i < 64; i++) {
		uint32_t f, t;
		int g;

		if (i < 16) {
			f = (b & c) | (~b & d);
			g = i;
		} else if (i < 32) {
			f = (d & b) | (~d & c);
			g = (5 * i + 1) % 16;
		} else if (i < 48) {
			f = b ^ c ^ d;
			g = (3 * i + 5) % 16;
		} else {
			f = c ^ (b | ~d);
			g = (7 * i) % 16;
		}
		t = d;
		d = c;
		c = b;
		f += a + md5_k[i] + w[g];
		b += (f << md5_r[i]) | (f >> (32 - md5_r[i]));
		a = t;
	}
	m->h[0] += a;
	m->h[1] += b;
	m->h[2] += c;
	m->h[3] += d;
}

static void md5_add(struct md5 *m, const void *data, size_t len)
{
	const unsigned char *p = data;

	m->len += len;
	while (len) {
		size_t k = 64 - m->n < len ? 64 - m->n : len;

		memcpy(m->buf + m->n, p, k);
		m->n += k;
		p += k;
		len -= k;
		if (m->n == 64) {
			md5_block(m, m->buf);
			m->n = 0;
		}
	}
}

static void md5_end(struct md5 *m, unsigned char out[16])
{
	uint64_t bits = m->len * 8;
	unsigned char pad = 0x80, zero = 0, lenb[8];

	md5_add(m, &pad, 1);
	while (m->n != 56)
		md5_add(m, &zero, 1);
	for (int i = 0; i < 8; i++)
		lenb[i] = (unsigned char)(bits >> (8 * i));
	md5_add(m, lenb, 8);
	for (int i = 0; i < 16; i++)
		out[i] = (unsigned char)(m->h[i / 4] >> (8 * (i % 4)));
}

void iam_amplify_cdk_logical_id(const char *const *path, size_t n, char *out, size_t outlen)
{
	struct md5 m = { { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 }, 0, { 0 }, 0 };
	unsigned char sum[16];
	size_t o = 0;

	if (!outlen)
		return;
	for (size_t i = 0; i < n; i++) {
		if (i)
			md5_add(&m, "/", 1);
		md5_add(&m, path[i], strlen(path[i]));
	}
	md5_end(&m, sum);
	/* the human part: at most 240 characters, as CDK cuts it */
	for (size_t i = 0; i < n; i++) {
		size_t a = i ? strlen(path[i - 1]) : 0, b = strlen(path[i]);

		if (strcmp(path[i], "Resource") == 0 ||
		    (i && a >= b && strcmp(path[i - 1] + a - b, path[i]) == 0))
			continue;
		for (const char *s = path[i]; *s && o < 240 && o + 9 < outlen; s++)
			if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9'))
				out[o++] = *s;
	}
	for (int i = 0; i < 4 && o + 2 < outlen; i++, o += 2)
		snprintf(out + o, 3, "%02X", sum[i]);
	out[o] = '\0';
}

/*
 * check_buf.c: unit tests of the growable buffer and of its escapers, each
 * checked byte for byte (generator/buf.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* Escape in (n bytes) with put into a fresh buffer and compare with want. */
static void
expect_escape(void (*put)(struct pm_buf *, const char *, size_t),
    const char *in, size_t n, const char *want)
{
	struct pm_buf b = PM_BUF_INIT;

	put(&b, in, n);
	if (b.len != strlen(want) || memcmp(pm_buf_cstr(&b), want, b.len)) {
		print_error("escaping %zu bytes: got \"%s\", want \"%s\"\n",
		    n, pm_buf_cstr(&b), want);
		pm_buf_free(&b);
		fail();
	}
	assert_int_equal(pm_buf_cstr(&b)[b.len], '\0');
	pm_buf_free(&b);
}

#define ESC(fn, lit, want) expect_escape(fn, lit, sizeof(lit) - 1, want)

static void
test_init_empty(void **state)
{
	struct pm_buf b = PM_BUF_INIT, c;

	(void)state;
	assert_null(b.ptr);
	assert_int_equal(b.len, 0);
	assert_string_equal(pm_buf_cstr(&b), "");
	pm_buf_init(&c);
	assert_null(c.ptr);
	assert_int_equal(c.cap, 0);
	/* Empty writes allocate nothing. */
	pm_buf_put(&b, "x", 0);
	pm_buf_puts(&b, "");
	pm_buf_printf(&b, "%s", "");
	assert_null(b.ptr);
	assert_string_equal(pm_buf_cstr(&b), "");
	pm_buf_truncate(&b, 0);
	pm_buf_clear(&b);
	assert_string_equal(pm_buf_cstr(&b), "");
	pm_buf_free(&b);
	pm_buf_free(&b);	/* twice: free leaves an empty buffer */
}

/* Many writes: every byte lands where it should and stays terminated. */
static void
test_growth(void **state)
{
	struct pm_buf b = PM_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 100000; i++) {
		pm_buf_put(&b, "0123456789", 10);
		assert_int_equal(b.ptr[b.len], '\0');
	}
	for (i = 0; i < 50000; i++)
		pm_buf_putc(&b, 'a' + (int)(i % 26));
	assert_int_equal(b.len, 1050000);
	assert_true(b.cap > b.len);
	assert_int_equal(strlen(b.ptr), b.len);
	for (i = 0; i < 1000000; i++)
		assert_int_equal(b.ptr[i], '0' + (int)(i % 10));
	for (i = 0; i < 50000; i++)
		assert_int_equal(b.ptr[1000000 + i], 'a' + (int)(i % 26));
	pm_buf_free(&b);
	assert_null(b.ptr);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	/* Reusable after free. */
	pm_buf_puts(&b, "again");
	assert_string_equal(b.ptr, "again");
	pm_buf_free(&b);
}

static void
test_grow_reserves(void **state)
{
	struct pm_buf b = PM_BUF_INIT;
	char *p;

	(void)state;
	pm_buf_grow(&b, 1000);
	assert_int_equal(b.len, 0);
	assert_true(b.cap >= 1001);
	p = b.ptr;
	/* Writes within the reservation do not move the bytes. */
	for (int i = 0; i < 1000; i++)
		pm_buf_putc(&b, 'z');
	assert_ptr_equal(b.ptr, p);
	assert_int_equal(b.len, 1000);
	pm_buf_free(&b);
}

static void
test_put_embedded_nul(void **state)
{
	struct pm_buf b = PM_BUF_INIT;

	(void)state;
	pm_buf_put(&b, "a\0b", 3);
	pm_buf_putc(&b, '\0');
	pm_buf_puts(&b, "c");
	assert_int_equal(b.len, 5);
	assert_memory_equal(b.ptr, "a\0b\0c", 6);
	pm_buf_free(&b);
}

static void
test_clear_truncate(void **state)
{
	struct pm_buf b = PM_BUF_INIT;
	size_t cap;
	char *p;

	(void)state;
	pm_buf_puts(&b, "hello, world");
	pm_buf_truncate(&b, 5);
	assert_int_equal(b.len, 5);
	assert_string_equal(b.ptr, "hello");
	pm_buf_truncate(&b, 5);		/* same length: a no-op */
	assert_string_equal(b.ptr, "hello");
	pm_buf_truncate(&b, 0);
	assert_string_equal(pm_buf_cstr(&b), "");
	pm_buf_puts(&b, "again");
	cap = b.cap;
	p = b.ptr;
	pm_buf_clear(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(pm_buf_cstr(&b), "");
	assert_int_equal(b.cap, cap);	/* the memory is kept */
	assert_ptr_equal(b.ptr, p);
	pm_buf_free(&b);
}

static void
test_detach(void **state)
{
	struct pm_buf b = PM_BUF_INIT;
	size_t len = 99;
	char *s;

	(void)state;
	/* Empty, never written: still a real, freeable "". */
	s = pm_buf_detach(&b, &len);
	assert_non_null(s);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);
	/* Written then cleared: "". */
	pm_buf_puts(&b, "gone");
	pm_buf_clear(&b);
	s = pm_buf_detach(&b, NULL);
	assert_string_equal(s, "");
	free(s);
	pm_buf_puts(&b, "kept");
	s = pm_buf_detach(&b, &len);
	assert_string_equal(s, "kept");
	assert_int_equal(len, 4);
	/* The buffer is left empty and independent of s. */
	assert_null(b.ptr);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	pm_buf_puts(&b, "new");
	assert_string_equal(s, "kept");
	free(s);
	pm_buf_free(&b);
}

static void
vput(struct pm_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pm_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

static void
test_printf(void **state)
{
	struct pm_buf b = PM_BUF_INIT;
	char big[5000];

	(void)state;
	pm_buf_printf(&b, "%s:%d:%d: ", "pmsite.yml", 4, 2);
	pm_buf_printf(&b, "%.2f%%", 12.5);
	assert_string_equal(b.ptr, "pmsite.yml:4:2: 12.50%");
	assert_int_equal(b.len, strlen("pmsite.yml:4:2: 12.50%"));
	/* Longer than the buffer's first allocation. */
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	pm_buf_clear(&b);
	pm_buf_printf(&b, "[%s]", big);
	assert_int_equal(b.len, sizeof(big) + 1);
	assert_int_equal(b.ptr[0], '[');
	assert_int_equal(b.ptr[b.len - 1], ']');
	assert_int_equal(b.ptr[b.len], '\0');
	pm_buf_clear(&b);
	vput(&b, "%c%c%s", 'o', 'k', "!");
	assert_string_equal(b.ptr, "ok!");
	pm_buf_free(&b);
}

/*
 * printf formats in place when the text fits in the room left and again
 * after growing when it does not: texts one byte short of the room, the
 * room exactly (no space for the NUL) and one byte over must all come
 * out whole after what was there.
 */
static void
test_printf_at_capacity(void **state)
{
	char want[320], text[300];

	(void)state;
	for (int delta = -2; delta <= 2; delta++) {
		struct pm_buf b = PM_BUF_INIT;
		size_t room, len;

		pm_buf_puts(&b, "head:");
		room = b.cap - b.len;
		len = (size_t)((long)room + delta);
		assert_true(len > 0 && len < sizeof(text));
		memset(text, 'a' + delta + 2, len);
		text[len] = '\0';
		pm_buf_printf(&b, "%s", text);
		snprintf(want, sizeof(want), "head:%s", text);
		assert_string_equal(b.ptr, want);
		assert_int_equal(b.len, 5 + len);
		assert_true(b.cap > b.len);
		pm_buf_free(&b);
	}
}

/* pm_fmt_int() writes what printf's "%0*ld" writes, for the extremes of
 * long, signs, and widths below, at and above the number of digits. */
static void
test_fmt_int_as_printf(void **state)
{
	static const long values[] = {
		0, 1, -1, 9, 10, -10, 59, 99, 100, 2025, -2025, 99999,
		123456789, -123456789, LONG_MAX, LONG_MIN, LONG_MIN + 1
	};
	char got[PM_FMT_INT_MAX], want[64];

	(void)state;
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		for (int width = 0; width <= 8; width++) {
			size_t n = pm_fmt_int(got, values[i], width);

			snprintf(want, sizeof(want), "%0*ld", width,
			    values[i]);
			assert_string_equal(got, want);
			assert_int_equal(n, strlen(want));
		}
}

/* pm_buf_put_int() appends what pm_fmt_int() writes. */
static void
test_put_int(void **state)
{
	struct pm_buf b = PM_BUF_INIT;
	char want[64];

	(void)state;
	pm_buf_puts(&b, "at ");
	pm_buf_put_int(&b, 7, 2);
	pm_buf_putc(&b, ':');
	pm_buf_put_int(&b, -5, 0);
	pm_buf_putc(&b, ' ');
	pm_buf_put_int(&b, LONG_MIN, 0);
	snprintf(want, sizeof(want), "at 07:-5 %ld", LONG_MIN);
	assert_string_equal(pm_buf_cstr(&b), want);
	pm_buf_free(&b);
}

/*
 * BUG (generator/buf.c, pm_buf_grow and put_escaped): on a buffer that has
 * never been written, pm_buf_grow() allocates without writing the NUL, and
 * the HTML, attribute and XML escapers start with pm_buf_grow().  When they
 * then write nothing (empty input, or only dropped bytes) b->ptr is non-NULL
 * and unterminated, so pm_buf_cstr() returns uninitialised bytes, against
 * "b->ptr is NUL-terminated after every write (when non-NULL)" and "Always a
 * NUL-terminated string".  Expected "" each time; fails (valgrind: "depends
 * on uninitialised value") until pm_buf_grow terminates what it allocates.
 */
static void
test_bug_empty_write_unterminated(void **state)
{
	static void (*const put[])(struct pm_buf *, const char *, size_t) = {
		pm_buf_put_html, pm_buf_put_attr, pm_buf_put_xml,
	};
	struct pm_buf b = PM_BUF_INIT;
	char first[7];
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < sizeof(put) / sizeof(put[0]); i++) {
		/* Poison what malloc hands out next, so the missing NUL
		 * shows without valgrind too. */
		char *junk = malloc(64);

		memset(junk, 'J', 64);
		free(junk);
		put[i](&b, "", 0);
		/* The first byte only: an unterminated buffer must not
		 * send strcmp past its end. */
		first[n++] = pm_buf_cstr(&b)[0];
		pm_buf_free(&b);
		put[i](&b, "\0\0", 2);
		first[n++] = pm_buf_cstr(&b)[0];
		pm_buf_free(&b);
	}
	pm_buf_grow(&b, 10);
	first[n++] = pm_buf_cstr(&b)[0];
	pm_buf_free(&b);
	/* Asserted after the frees, so a failure leaks nothing. */
	for (i = 0; i < n; i++)
		assert_int_equal(first[i], '\0');
}

/* HTML text: & < > " ' as entities, NUL dropped, the rest untouched. */
static void
test_html(void **state)
{
	(void)state;
	ESC(pm_buf_put_html, "plain text", "plain text");
	ESC(pm_buf_put_html, "a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	ESC(pm_buf_put_html, "&&", "&amp;&amp;");
	ESC(pm_buf_put_html, "x\0y", "xy");
	ESC(pm_buf_put_html, "<script>", "&lt;script&gt;");
	ESC(pm_buf_put_html, "caf\xc3\xa9 `=`", "caf\xc3\xa9 `=`");
	ESC(pm_buf_put_html, "tab\there\nline", "tab\there\nline");
	/* Only the length counts: bytes past it are not read. */
	expect_escape(pm_buf_put_html, "<a>", 2, "&lt;a");
}

static void
test_html_appends(void **state)
{
	struct pm_buf b = PM_BUF_INIT;

	(void)state;
	pm_buf_puts(&b, "<p>");
	pm_buf_put_html(&b, "1 < 2", 5);
	pm_buf_puts(&b, "</p>");
	assert_string_equal(b.ptr, "<p>1 &lt; 2</p>");
	pm_buf_free(&b);
}

/* Attribute values: as HTML, plus ` and =, and C0 controls dropped. */
static void
test_attr(void **state)
{
	(void)state;
	ESC(pm_buf_put_attr, "a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	ESC(pm_buf_put_attr, "`x=y`", "&#96;x&#61;y&#96;");
	ESC(pm_buf_put_attr, "a\0b\x01" "c\x08" "d\x0b" "e\x0c" "f\x1b" "g\x1f"
	    "h", "abcdefgh");
	ESC(pm_buf_put_attr, "https://ex.com/a?b=c&d=e",
	    "https://ex.com/a?b&#61;c&amp;d&#61;e");
	ESC(pm_buf_put_attr, "caf\xc3\xa9", "caf\xc3\xa9");
}

/* XML: & < > " ' escaped (' as &apos;), forbidden controls dropped, tab,
 * newline and carriage return kept. */
static void
test_xml(void **state)
{
	(void)state;
	ESC(pm_buf_put_xml, "a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&apos;f");
	ESC(pm_buf_put_xml, "\x01" "a\x02\x03\x04\x05\x06\x07\x08" "b\x0b\x0c"
	    "c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d"
	    "\x1e\x1f" "d", "abcd");
	ESC(pm_buf_put_xml, "x\0y", "xy");
	ESC(pm_buf_put_xml, "t\tn\nr\r", "t\tn\nr\r");
	ESC(pm_buf_put_xml, "`=", "`=");
	ESC(pm_buf_put_xml, "\xe2\x80\x94", "\xe2\x80\x94");
}

#define U_FFFD "\xef\xbf\xbd"

/* XML takes any bytes and gives well-formed text: a byte that starts no
 * valid UTF-8 becomes U+FFFD (one per byte), U+FFFE and U+FFFF go. */
static void
test_xml_utf8(void **state)
{
	(void)state;
	ESC(pm_buf_put_xml, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
	    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	/* Latin-1, as an old git config writes an author's name. */
	ESC(pm_buf_put_xml, "Ren\xe9 M\xfcller", "Ren" U_FFFD " M" U_FFFD
	    "ller");
	ESC(pm_buf_put_xml, "\x80", U_FFFD);
	ESC(pm_buf_put_xml, "\xc0\xaf", U_FFFD U_FFFD);
	ESC(pm_buf_put_xml, "\xed\xa0\x80", U_FFFD U_FFFD U_FFFD);
	ESC(pm_buf_put_xml, "\xf4\x90\x80\x80", U_FFFD U_FFFD U_FFFD U_FFFD);
	ESC(pm_buf_put_xml, "x\xe2\x82", "x" U_FFFD U_FFFD);
	ESC(pm_buf_put_xml, "\xe2\x82<", U_FFFD U_FFFD "&lt;");
	ESC(pm_buf_put_xml, "\xff\xc3\xa9", U_FFFD "\xc3\xa9");
	expect_escape(pm_buf_put_xml, "\xc3\xa9", 1, U_FFFD);
	/* The noncharacters XML forbids are dropped; their neighbours, and
	 * U+FFFD itself, are not. */
	ESC(pm_buf_put_xml, "a\xef\xbf\xbe" "b\xef\xbf\xbf" "c", "abc");
	ESC(pm_buf_put_xml, "\xef\xbf\xbc\xef\xbf\xbd\xf4\x8f\xbf\xbf",
	    "\xef\xbf\xbc\xef\xbf\xbd\xf4\x8f\xbf\xbf");
	/* After a run long enough for the four-byte skip, and mixed with
	 * entities and dropped controls. */
	ESC(pm_buf_put_xml, "abcdefghijkl\xfe", "abcdefghijkl" U_FFFD);
	ESC(pm_buf_put_xml, "<\xff>&\x01\xc3\xa9\"", "&lt;" U_FFFD "&gt;&amp;"
	    "\xc3\xa9&quot;");
	/* HTML stays byte-transparent: only XML has the rule. */
	ESC(pm_buf_put_html, "\xff", "\xff");
}

/* Whatever two or three bytes go in, what comes out is UTF-8 without a
 * character XML forbids. */
static void
test_xml_output_always_well_formed(void **state)
{
	static const unsigned char leads[] = {
		0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xef, 0xf0, 0xf4, 0xf5
	};
	struct pm_buf b = PM_BUF_INIT;
	unsigned char in[3];
	uint32_t cp = 0;
	size_t i, n, k;

	(void)state;
	for (k = 0; k < 65536 + sizeof(leads) * 65536; k++) {
		pm_buf_clear(&b);
		if (k < 65536) {
			in[0] = (unsigned char)(k >> 8);
			in[1] = (unsigned char)k;
			pm_buf_put_xml(&b, (const char *)in, 2);
		} else {
			in[0] = leads[(k - 65536) >> 16];
			in[1] = (unsigned char)(k >> 8);
			in[2] = (unsigned char)k;
			pm_buf_put_xml(&b, (const char *)in, 3);
		}
		for (i = 0; i < b.len; i += n) {
			n = pm_utf8_decode(&cp, b.ptr + i, b.len - i);
			if (n == 0 || cp == 0xfffe || cp == 0xffff ||
			    (cp < 0x20 && cp != '\t' && cp != '\n' &&
			    cp != '\r'))
				fail_msg("input %zu: byte %zu of the output",
				    k, i);
		}
	}
	pm_buf_free(&b);
}

/* Decode len bytes from an exact-size heap copy, so that AddressSanitizer
 * catches any read past len, and check the length and code point. */
static void
expect_decode(const char *s, size_t len, size_t want_len, uint32_t want_cp)
{
	char *copy = malloc(len);
	uint32_t cp = 0xdeadbeef;

	if (len)
		memcpy(copy, s, len);
	assert_int_equal(pm_utf8_decode(&cp, copy, len), want_len);
	/* Failure leaves the code point alone. */
	assert_int_equal(cp, want_len ? want_cp : 0xdeadbeef);
	assert_int_equal(pm_utf8_decode(NULL, copy, len), want_len);
	free(copy);
}

#define DEC(lit, n, cp) expect_decode(lit, sizeof(lit) - 1, n, cp)

static void
test_utf8_decode_valid(void **state)
{
	(void)state;
	DEC("A", 1, 'A');
	DEC("\0", 1, 0);
	DEC("\x7f", 1, 0x7f);
	DEC("\xc2\x80", 2, 0x80);
	DEC("\xc3\xa9", 2, 0xe9);
	DEC("\xdf\xbf", 2, 0x7ff);
	DEC("\xe0\xa0\x80", 3, 0x800);
	DEC("\xe2\x82\xac", 3, 0x20ac);
	DEC("\xed\x9f\xbf", 3, 0xd7ff);
	DEC("\xee\x80\x80", 3, 0xe000);
	DEC("\xef\xbf\xbf", 3, 0xffff);
	DEC("\xf0\x90\x80\x80", 4, 0x10000);
	DEC("\xf0\x9f\x98\x80", 4, 0x1f600);
	DEC("\xf4\x8f\xbf\xbf", 4, 0x10ffff);
	/* Only the first sequence is read. */
	DEC("\xc3\xa9\xff", 2, 0xe9);
	DEC("ab", 1, 'a');
}

static void
test_utf8_decode_invalid(void **state)
{
	(void)state;
	DEC("", 0, 0);
	/* A continuation byte alone, and bytes that start nothing. */
	DEC("\x80", 0, 0);
	DEC("\xbf" "a", 0, 0);
	DEC("\xfe", 0, 0);
	DEC("\xff", 0, 0);
	/* Overlong: NUL and '/' in two bytes, U+07FF in three, U+FFFF in
	 * four. */
	DEC("\xc0\x80", 0, 0);
	DEC("\xc1\xbf", 0, 0);
	DEC("\xe0\x9f\xbf", 0, 0);
	DEC("\xe0\x80\xaf", 0, 0);
	DEC("\xf0\x8f\xbf\xbf", 0, 0);
	DEC("\xf0\x80\x80\xaf", 0, 0);
	/* UTF-16 surrogates. */
	DEC("\xed\xa0\x80", 0, 0);
	DEC("\xed\xbf\xbf", 0, 0);
	/* Past U+10FFFF. */
	DEC("\xf4\x90\x80\x80", 0, 0);
	DEC("\xf5\x80\x80\x80", 0, 0);
	DEC("\xf7\xbf\xbf\xbf", 0, 0);
	/* Truncated: by the end, by len, or by a byte that is no
	 * continuation. */
	DEC("\xc3", 0, 0);
	DEC("\xe2\x82", 0, 0);
	DEC("\xf0\x9f\x98", 0, 0);
	expect_decode("\xc3\xa9", 1, 0, 0);
	expect_decode("\xf0\x9f\x98\x80", 3, 0, 0);
	DEC("\xc3" "A", 0, 0);
	DEC("\xe2\x82" "A", 0, 0);
	DEC("\xf0\x9f\x98" "A", 0, 0);
	DEC("\xe2\xc3\xa9", 0, 0);
}

/* The encoder of RFC 3629, without its limits, to reach every form. */
static size_t
encode(unsigned char *out, uint32_t cp, size_t n)
{
	static const unsigned char lead[] = { 0, 0, 0xc0, 0xe0, 0xf0 };

	if (n == 1) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	for (size_t i = n - 1; i > 0; i--, cp >>= 6)
		out[i] = (unsigned char)(0x80 | (cp & 0x3f));
	out[0] = (unsigned char)(lead[n] | cp);
	return n;
}

/* Every code point decodes from its shortest form; every longer form, and
 * every surrogate and value past U+10FFFF, is refused. */
static void
test_utf8_decode_every_code_point(void **state)
{
	unsigned char s[4];
	uint32_t cp, got;
	size_t n, shortest;

	(void)state;
	for (cp = 0; cp < 0x200000; cp++) {
		shortest = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 :
		    4;
		for (n = shortest; n <= 4; n++) {
			int valid = n == shortest && cp <= 0x10ffff &&
			    (cp < 0xd800 || cp > 0xdfff);

			encode(s, cp, n);
			got = 0xdeadbeef;
			if (pm_utf8_decode(&got, (const char *)s, n) !=
			    (valid ? n : 0) || got != (valid ? cp : 0xdeadbeef))
				fail_msg("U+%04X in %zu bytes",
				    (unsigned)cp, n);
		}
	}
}

/* JSON string literals, quotes included. */
static void
test_json_ascii(void **state)
{
	(void)state;
	ESC(pm_buf_put_json, "", "\"\"");
	ESC(pm_buf_put_json, "plain", "\"plain\"");
	ESC(pm_buf_put_json, "say \"hi\"", "\"say \\\"hi\\\"\"");
	ESC(pm_buf_put_json, "back\\slash", "\"back\\\\slash\"");
	ESC(pm_buf_put_json, "n\nr\rt\t", "\"n\\nr\\rt\\t\"");
	ESC(pm_buf_put_json, "\b\f", "\"\\u0008\\u000c\"");
	ESC(pm_buf_put_json, "\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"");
	ESC(pm_buf_put_json, "a\0b", "\"a\\u0000b\"");
	ESC(pm_buf_put_json, "</script><!--&", "\"\\u003c/script\\u003e"
	    "\\u003c!--\\u0026\"");
	/* The solidus needs no escape. */
	ESC(pm_buf_put_json, "a/b", "\"a/b\"");
}

/* Every ASCII byte alone, against the rule: the controls, the quote,
 * the backslash and < > & escaped, anything else (DEL too) as it is. */
static void
test_json_every_ascii_byte(void **state)
{
	(void)state;
	for (int c = 0; c < 0x80; c++) {
		struct pm_buf b = PM_BUF_INIT;
		char in[3] = { 'x', (char)c, 'y' }, want[16];

		if (c == '"' || c == '\\')
			snprintf(want, sizeof(want), "\"x\\%cy\"", c);
		else if (c == '\n' || c == '\r' || c == '\t')
			snprintf(want, sizeof(want), "\"x\\%cy\"",
			    c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
		else if (c < 0x20 || c == '<' || c == '>' || c == '&')
			snprintf(want, sizeof(want), "\"x\\u%04xy\"", c);
		else
			snprintf(want, sizeof(want), "\"x%cy\"", c);
		pm_buf_put_json(&b, in, sizeof(in));
		assert_int_equal(b.len, strlen(want));
		assert_memory_equal(b.ptr, want, b.len);
		pm_buf_free(&b);
	}
}

static void
test_json_utf8_valid(void **state)
{
	(void)state;
	/* Two, three and four byte sequences pass through unchanged. */
	ESC(pm_buf_put_json, "caf\xc3\xa9", "\"caf\xc3\xa9\"");
	ESC(pm_buf_put_json, "\xe2\x82\xac 5", "\"\xe2\x82\xac 5\"");
	ESC(pm_buf_put_json, "\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"");
	/* The edges: U+0080, U+07FF, U+0800, U+FFFF, U+10000, U+10FFFF and
	 * the code points on either side of the surrogates. */
	ESC(pm_buf_put_json, "\xc2\x80\xdf\xbf", "\"\xc2\x80\xdf\xbf\"");
	ESC(pm_buf_put_json, "\xe0\xa0\x80\xef\xbf\xbf",
	    "\"\xe0\xa0\x80\xef\xbf\xbf\"");
	ESC(pm_buf_put_json, "\xf0\x90\x80\x80\xf4\x8f\xbf\xbf",
	    "\"\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\"");
	ESC(pm_buf_put_json, "\xed\x9f\xbf\xee\x80\x80",
	    "\"\xed\x9f\xbf\xee\x80\x80\"");
}

#define FFFD "\\ufffd"

static void
test_json_utf8_invalid(void **state)
{
	(void)state;
	/* Bytes that never start a sequence. */
	ESC(pm_buf_put_json, "a\xff" "b", "\"a" FFFD "b\"");
	ESC(pm_buf_put_json, "\x80", "\"" FFFD "\"");
	ESC(pm_buf_put_json, "\xf5\x80\x80\x80",
	    "\"" FFFD FFFD FFFD FFFD "\"");
	/* Overlong forms of '/' and of U+0000..U+FFFF. */
	ESC(pm_buf_put_json, "\xc0\xaf", "\"" FFFD FFFD "\"");
	ESC(pm_buf_put_json, "\xc1\xbf", "\"" FFFD FFFD "\"");
	ESC(pm_buf_put_json, "\xe0\x80\xaf", "\"" FFFD FFFD FFFD "\"");
	ESC(pm_buf_put_json, "\xe0\x9f\xbf", "\"" FFFD FFFD FFFD "\"");
	ESC(pm_buf_put_json, "\xf0\x80\x80\xaf",
	    "\"" FFFD FFFD FFFD FFFD "\"");
	ESC(pm_buf_put_json, "\xf0\x8f\xbf\xbf",
	    "\"" FFFD FFFD FFFD FFFD "\"");
	/* UTF-16 surrogates, alone and paired (CESU-8). */
	ESC(pm_buf_put_json, "\xed\xa0\x80", "\"" FFFD FFFD FFFD "\"");
	ESC(pm_buf_put_json, "\xed\xbf\xbf", "\"" FFFD FFFD FFFD "\"");
	ESC(pm_buf_put_json, "\xed\xa0\xbd\xed\xb8\x80",
	    "\"" FFFD FFFD FFFD FFFD FFFD FFFD "\"");
	/* Beyond U+10FFFF. */
	ESC(pm_buf_put_json, "\xf4\x90\x80\x80",
	    "\"" FFFD FFFD FFFD FFFD "\"");
	/* Cut short, at the end and before an ASCII byte; the ASCII byte
	 * survives. */
	ESC(pm_buf_put_json, "x\xe2\x82", "\"x" FFFD FFFD "\"");
	ESC(pm_buf_put_json, "\xe2\x82" "A", "\"" FFFD FFFD "A\"");
	ESC(pm_buf_put_json, "\xc3", "\"" FFFD "\"");
	ESC(pm_buf_put_json, "\xf0\x9f\x98", "\"" FFFD FFFD FFFD "\"");
	/* A valid sequence right after an invalid byte is kept. */
	ESC(pm_buf_put_json, "\xff\xc3\xa9", "\"" FFFD "\xc3\xa9\"");
	/* The length bounds the sequence: a valid one cut by it is not
	 * read past the end. */
	expect_escape(pm_buf_put_json, "\xc3\xa9", 1, "\"" FFFD "\"");
}

/* URL paths: unreserved characters and '/' kept, the rest %XX in upper
 * case. */
static void
test_url(void **state)
{
	(void)state;
	ESC(pm_buf_put_url, "", "");
	ESC(pm_buf_put_url, "abcxyzABCXYZ0189-_.~/", "abcxyzABCXYZ0189-_.~/");
	ESC(pm_buf_put_url, "a b", "a%20b");
	ESC(pm_buf_put_url, "?#%&+=:;@,!$'()*[]",
	    "%3F%23%25%26%2B%3D%3A%3B%40%2C%21%24%27%28%29%2A%5B%5D");
	ESC(pm_buf_put_url, "\"<>\\^`{|}", "%22%3C%3E%5C%5E%60%7B%7C%7D");
	ESC(pm_buf_put_url, "caf\xc3\xa9", "caf%C3%A9");
	ESC(pm_buf_put_url, "a\0b\n\x7f\xff", "a%00b%0A%7F%FF");
	ESC(pm_buf_put_url, "postmortems/2024 db outage.md",
	    "postmortems/2024%20db%20outage.md");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_empty),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_grow_reserves),
		cmocka_unit_test(test_put_embedded_nul),
		cmocka_unit_test(test_clear_truncate),
		cmocka_unit_test(test_detach),
		cmocka_unit_test(test_printf),
		cmocka_unit_test(test_printf_at_capacity),
		cmocka_unit_test(test_fmt_int_as_printf),
		cmocka_unit_test(test_put_int),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_html_appends),
		cmocka_unit_test(test_attr),
		cmocka_unit_test(test_xml),
		cmocka_unit_test(test_xml_utf8),
		cmocka_unit_test(test_xml_output_always_well_formed),
		cmocka_unit_test(test_utf8_decode_valid),
		cmocka_unit_test(test_utf8_decode_invalid),
		cmocka_unit_test(test_utf8_decode_every_code_point),
		cmocka_unit_test(test_json_ascii),
		cmocka_unit_test(test_json_every_ascii_byte),
		cmocka_unit_test(test_json_utf8_valid),
		cmocka_unit_test(test_json_utf8_invalid),
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_bug_empty_write_unterminated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

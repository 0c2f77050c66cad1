/* test_svg.c: the chart helpers of web/svg.h: the "nice" axis maximum,
 * tick values and bar lengths on hand-computed cases (a 90 % bar on a
 * 0-100 axis 500 units long is 450 long; values past the axis clamp),
 * and the emitters: finite coordinates only, escaped text, no fill
 * attribute unless a pattern is named. */
#include "test.h"
#include "web/svg.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static struct arena arena;
static struct req r;

static void reset(void)
{
	buf_cleanup(&r.out);
	arena_cleanup(&arena);
	memset(&r, 0, sizeof r);
	arena_init(&arena);
	r.a = &arena;
	buf_init(&r.out, 1 << 16);
}

static const struct { double in, want; } nice[] = {
	{0, 1}, {-5, 1}, {0.7, 1}, {1, 1}, {1.2, 2}, {2, 2}, {2.1, 2.5}, {3, 5}, {7, 10},
	{12, 20}, {90, 100}, {100, 100}, {101, 200}, {240, 250}, {4100, 5000}, {0.031, 0.05},
};

static const struct { double v, max, len, want; } scale[] = {
	{90, 100, 500, 450},     /* the met bar of the HTTP test */
	{50, 100, 500, 250},
	{80, 100, 500, 400},     /* the target line */
	{150, 100, 500, 500},    /* clamped at the end of the axis */
	{-3, 100, 500, 0},
	{5, 0, 500, 0},          /* no scale */
	{3, 7, 70, 30},
};

int main(void)
{
	arena_init(&arena);
	for (size_t i = 0; i < sizeof nice / sizeof *nice; i++)
		CHECK(fabs(svg_nice_max(nice[i].in) - nice[i].want) < 1e-9,
		      "svg_nice_max(%g) = %g, want %g", nice[i].in, svg_nice_max(nice[i].in),
		      nice[i].want);
	CHECK(svg_nice_max(NAN) == 1 && svg_nice_max(INFINITY) == 1, "non-finite max");
	for (size_t i = 0; i < sizeof scale / sizeof *scale; i++)
		CHECK(fabs(svg_scale(scale[i].v, scale[i].max, scale[i].len) - scale[i].want) < 1e-9,
		      "svg_scale(%g, %g, %g) = %g, want %g", scale[i].v, scale[i].max, scale[i].len,
		      svg_scale(scale[i].v, scale[i].max, scale[i].len), scale[i].want);
	CHECK(svg_scale(NAN, 100, 500) == 0 && svg_scale(1, INFINITY, 500) == 0, "non-finite scale");

	double t[11];
	int n = svg_ticks(100, t, 6);
	CHECK_INT(n, 6, "ticks of 100 (at most 6)");
	for (int i = 0; i < n; i++)
		CHECK(fabs(t[i] - 20.0 * i) < 1e-9, "tick %d = %g, want %g", i, t[i], 20.0 * i);
	n = svg_ticks(250, t, 11);
	CHECK_INT(n, 11, "ticks of 250 (at most 11)");
	CHECK(fabs(t[1] - 25) < 1e-9 && fabs(t[10] - 250) < 1e-9, "ticks of 250: %g .. %g", t[1],
	      t[10]);
	n = svg_ticks(5, t, 3);
	CHECK(n == 3 && t[1] == 2.5 && t[2] == 5, "ticks of 5 (at most 3): %d", n);
	CHECK_INT(svg_ticks(100, t, 1), 0, "one tick");
	CHECK_INT(svg_ticks(0, t, 6), 0, "max 0");

	reset();
	svg_rect(&r, "bar met", 300, 7.26, 450, 18, NULL);
	CHECK_STR(buf_str(&r.out),
	          "<rect class=\"bar met\" x=\"300\" y=\"7.3\" width=\"450\" height=\"18\"/>", "rect");
	reset();
	svg_rect(&r, "bar not_met", NAN, INFINITY, -4, 18, "uc-hatch");
	CHECK_STR(buf_str(&r.out), "<rect class=\"bar not_met\" fill=\"url(#uc-hatch)\" x=\"0\""
	          " y=\"0\" width=\"0\" height=\"18\"/>", "rect with a pattern and bad numbers");
	reset();
	svg_line(&r, "target", 700, 36, 700, 134.5);
	CHECK_STR(buf_str(&r.out),
	          "<line class=\"target\" x1=\"700\" y1=\"36\" x2=\"700\" y2=\"134.5\"/>", "line");
	reset();
	svg_text(&r, "label", 8, 19, "start", "<script>&\"Huyện\"");
	CHECK_STR(buf_str(&r.out), "<text class=\"label\" x=\"8\" y=\"19\" text-anchor=\"start\">"
	          "&lt;script&gt;&amp;&quot;Huyện&quot;</text>", "text escaped");
	reset();
	svg_circle(&r, NULL, 1.04, -2, 5);
	CHECK_STR(buf_str(&r.out), "<circle cx=\"1\" cy=\"-2\" r=\"5\"/>", "circle");
	buf_cleanup(&r.out);
	arena_cleanup(&arena);
	TEST_END("svg");
}

/* svg.c: the chart helpers of svg.h: axis arithmetic (pure) and SVG
 * element emitters writing through the HTML writer only. */
#include "web/svg.h"
#include "web/html.h"
#include <math.h>

double svg_nice_max(double v)
{
	static const double steps[] = {1, 2, 2.5, 5, 10};
	if (!isfinite(v) || v <= 0)
		return 1;
	double p = pow(10, floor(log10(v)));
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
		if (steps[i] * p >= v * (1 - 1e-12))
			return steps[i] * p;
	return 10 * p;
}

int svg_ticks(double max, double *out, int n)
{
	static const double divs[] = {10, 5, 4, 2, 1};
	if (n < 2 || !isfinite(max) || max <= 0)
		return 0;
	for (size_t i = 0; i < sizeof divs / sizeof *divs; i++) {
		int k = (int)divs[i];
		if (k + 1 > n)
			continue;
		for (int j = 0; j <= k; j++)
			out[j] = max * j / k;
		return k + 1;
	}
	out[0] = 0;
	out[1] = max;
	return 2;
}

double svg_scale(double v, double max, double len)
{
	if (!isfinite(v) || !isfinite(max) || max <= 0 || !isfinite(len) || len <= 0)
		return 0;
	double x = v / max * len;
	if (x < 0)
		return 0;
	return x > len ? len : x;
}

void svg_num(struct req *r, double v)
{
	html_num(r, isfinite(v) ? v : 0, 1, 0);
}

static void cls_attr(struct req *r, const char *cls)
{
	if (!cls)
		return;
	H(r, " class=\"");
	html_attr(r, cls);
	H(r, "\"");
}

void svg_rect(struct req *r, const char *cls, double x, double y, double w, double h,
              const char *fill)
{
	H(r, "<rect");
	cls_attr(r, cls);
	if (fill) {
		H(r, " fill=\"url(#");
		html_attr(r, fill);
		H(r, ")\"");
	}
	H(r, " x=\"");
	svg_num(r, x);
	H(r, "\" y=\"");
	svg_num(r, y);
	H(r, "\" width=\"");
	svg_num(r, w > 0 ? w : 0);
	H(r, "\" height=\"");
	svg_num(r, h > 0 ? h : 0);
	H(r, "\"/>");
}

void svg_line(struct req *r, const char *cls, double x1, double y1, double x2, double y2)
{
	H(r, "<line");
	cls_attr(r, cls);
	H(r, " x1=\"");
	svg_num(r, x1);
	H(r, "\" y1=\"");
	svg_num(r, y1);
	H(r, "\" x2=\"");
	svg_num(r, x2);
	H(r, "\" y2=\"");
	svg_num(r, y2);
	H(r, "\"/>");
}

void svg_circle(struct req *r, const char *cls, double cx, double cy, double rad)
{
	H(r, "<circle");
	cls_attr(r, cls);
	H(r, " cx=\"");
	svg_num(r, cx);
	H(r, "\" cy=\"");
	svg_num(r, cy);
	H(r, "\" r=\"");
	svg_num(r, rad);
	H(r, "\"/>");
}

void svg_text(struct req *r, const char *cls, double x, double y, const char *anchor,
              const char *text)
{
	H(r, "<text");
	cls_attr(r, cls);
	H(r, " x=\"");
	svg_num(r, x);
	H(r, "\" y=\"");
	svg_num(r, y);
	H(r, "\" text-anchor=\"");
	html_attr(r, anchor ? anchor : "start");
	H(r, "\">");
	html_text(r, text);
	H(r, "</text>");
}

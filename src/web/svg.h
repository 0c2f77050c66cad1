/* svg.h: typed helpers for the charts drawn on the server (pages/charts.c):
 * pure layout arithmetic (a "nice" axis maximum, tick values, a value's
 * length on a scale) and emitters of SVG elements whose numbers go through
 * html_num (dot decimals; NaN and infinities are written as 0) and whose
 * text goes through html_text. */
#ifndef PH_SVG_H
#define PH_SVG_H
#include "web/req.h"

/* The smallest 1, 2, 2.5 or 5 × 10^k that is >= v; 1 for v <= 0 or a
 * non-finite v. */
double svg_nice_max(double v);

/* Tick values 0, step, 2·step, ... max for an axis from 0 to max (a value
 * of svg_nice_max) with at most n ticks; writes at most n into out and
 * returns how many. 0 when n < 2 or max is not positive. */
int svg_ticks(double max, double *out, int n);

/* The length of v on a scale where max is len long, clamped to [0, len];
 * 0 for non-finite v or a non-positive max. */
double svg_scale(double v, double max, double len);

/* A finite number as an SVG coordinate (one decimal); non-finite as 0. */
void svg_num(struct req *r, double v);

/* <rect class="cls" x y width height [fill="url(#fill)"]/>: fill is a
 * pattern id or NULL (then CSS colours the class). Negative sizes become 0. */
void svg_rect(struct req *r, const char *cls, double x, double y, double w, double h,
              const char *fill);
/* <line class="cls" x1 y1 x2 y2/>. */
void svg_line(struct req *r, const char *cls, double x1, double y1, double x2, double y2);
/* <circle class="cls" cx cy r/>. */
void svg_circle(struct req *r, const char *cls, double cx, double cy, double rad);
/* <text class="cls" x y text-anchor="anchor">text</text> (text escaped;
 * anchor "start", "middle" or "end"). */
void svg_text(struct req *r, const char *cls, double x, double y, const char *anchor,
              const char *text);

#endif

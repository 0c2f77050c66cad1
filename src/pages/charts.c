/* charts.c: indicator charts and the dashboard, drawn on the server as
 * inline SVG (no script), readable in print and in black and white:
 *  - /indicators/{id}/chart?period=&unit=: (a) one horizontal bar per unit
 *    directly under the unit (rollup_children) against a vertical target
 *    line, bars met solid, not met hatched, no data outlined, each with
 *    its value and attainment written at its end; (b) the unit's value
 *    over the periods of the indicator's years at the granularity of the
 *    period asked (halves for 2024-H1), with the target of each period;
 *  - /dashboards?period=&unit=: a table of units x indicators, each cell
 *    with the value and the attainment as a class and as a symbol and
 *    word; then the completeness of each report schedule as a stacked bar
 *    (on time solid, late hatched, missing outlined) with its counts.
 * Numbers go through web/svg.h (coordinates, plain dot decimals) and
 * html_num (labels and counts, the Vietnamese way: ticks "1.200", values
 * "2.500", "12,5"). */
#include "pages/pages.h"
#include "base/date.h"
#include "base/err.h"
#include "base/text.h"
#include "model/access.h"
#include "model/indicator.h"
#include "model/report.h"
#include "model/rollup.h"
#include "model/schedule.h"
#include "model/unit.h"
#include "model/user.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/svg.h"
#include "web/download.h"
#include "export/tables.h"
#include <stdio.h>
#include <string.h>

#define W 1000.0
#define LABEL_X 8.0
#define X0 300.0          /* left end of the bars */
#define XW 500.0          /* bar length at the axis maximum */
#define ROW 30.0
#define BAR_H 18.0
#define TOP 44.0
#define NAME_CHARS 40
#define MAX_POINTS 48
#define MAX_SCHEDULES 30

static int is_pct(const struct indicator *ind)
{
	return !strcmp(ind->type, "rate") || !strcmp(ind->type, "bool");
}

/* A value as text ("2.500", "12,5"), "%" for percentages. */
static void value_text(struct req *r, const struct indicator *ind, double v)
{
	html_num(r, v, 2, 1);
	if (is_pct(ind))
		H(r, "%");
}

static const char *op_sign(const char *op)
{
	if (!strcmp(op, ">="))
		return "≥";
	if (!strcmp(op, "<="))
		return "≤";
	return op;
}

/* "✓ đạt", "✗ không đạt", "– chưa có số liệu", "chưa có chỉ tiêu". */
static const char *attain_mark(int attain)
{
	switch (attain) {
	case ROLLUP_MET: return "✓ đạt";
	case ROLLUP_NOT_MET: return "✗ không đạt";
	case ROLLUP_NO_TARGET: return "· chưa có chỉ tiêu";
	default: return "– chưa có số liệu";
	}
}

/* s cut to max code points with an ellipsis; NULL when the arena refuses
 * the copy (the text writers take it). */
static const char *cut(struct req *r, const char *s, int max)
{
	const char *p = s ? s : "";
	size_t k = 0;
	int n = 0;
	while (*p && n < max) {
		text_cp_at(p, &k);
		if (!k)
			break;
		p += k;
		n++;
	}
	return *p ? arena_printf(r->a, "%.*s…", (int)(p - s), s) : (s ? s : "");
}

/* The period asked (?period=, else the current year; NULL when the arena
 * refuses that text) and the unit (?unit= when in the user's reach, else
 * the user's unit). */
static const char *ask_period(struct req *r)
{
	const char *p = req_query(r, "period");
	int y;
	char end[11];
	if (!p || indicator_period_parse(p, &y, end))
		return arena_printf(r->a, "%d", date_today().y);
	return p;
}

static long long ask_unit(struct req *r)
{
	long long u = req_query_int(r, "unit", 0);
	if (u <= 0 || !access_in_scope(r->db, r->user, u))
		u = r->user->unit_id;
	return u;
}

/* The GET form: period, and a unit among the current one, its parent (when
 * in reach) and its children. */
static void filters(struct req *r, const char *action, const char *period, long long unit,
                    const long long *kids, size_t nk)
{
	struct unit u, parent;
	H(r, "<form method=\"get\" class=\"filters no-print\" action=\"");
	html_attr(r, action);
	H(r, "\"><label>Kỳ <input name=\"period\" value=\"");
	html_attr(r, period);
	H(r, "\" placeholder=\"2024-H1\"></label> <label>Đơn vị <select name=\"unit\">");
	if (!unit_get(r->db, r->a, unit, &u)) {
		if (u.parent_id && access_in_scope(r->db, r->user, u.parent_id) &&
		    !unit_get(r->db, r->a, u.parent_id, &parent)) {
			H(r, "<option value=\"");
			html_int(r, parent.id);
			H(r, "\">↑ ");
			html_text(r, parent.name);
			H(r, "</option>");
		}
		H(r, "<option selected value=\"");
		html_int(r, u.id);
		H(r, "\">");
		html_text(r, u.name);
		H(r, "</option>");
	}
	for (size_t i = 0; i < nk; i++) {
		struct unit c;
		if (unit_get(r->db, r->a, kids[i], &c))
			continue;
		H(r, "<option value=\"");
		html_int(r, c.id);
		H(r, "\">— ");
		html_text(r, c.name);
		H(r, "</option>");
	}
	H(r, "</select></label> <button type=\"submit\">Xem</button></form>");
}

/* "Chỉ tiêu: ≥ 80%". */
static void target_label(struct req *r, const struct indicator *ind, const char *op, double t)
{
	H(r, "Chỉ tiêu: ");
	html_text(r, op_sign(op));
	H(r, " ");
	value_text(r, ind, t);
}

static void hatch_def(struct req *r, const char *id)
{
	H(r, "<pattern id=\"");
	html_attr(r, id);
	H(r, "\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
	     " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fbe3e0\"/>"
	     "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#b3261e\" stroke-width=\"3\"/>"
	     "</pattern>");
}

static void x_axis(struct req *r, const struct indicator *ind, double max, double y0, double y1)
{
	double ticks[11];
	int nt = svg_ticks(max, ticks, 6);
	for (int i = 0; i < nt; i++) {
		double x = X0 + svg_scale(ticks[i], max, XW);
		svg_line(r, "grid", x, y0, x, y1);
		H(r, "<text class=\"tick\" text-anchor=\"middle\" x=\"");
		svg_num(r, x);
		H(r, "\" y=\"");
		svg_num(r, y1 + 14);
		H(r, "\">");
		value_text(r, ind, ticks[i]);
		H(r, "</text>");
	}
}

/* Chart (a): the units under unit against the target line. */
static void units_chart(struct req *r, const struct indicator *ind, const char *period,
                        const long long *kids, size_t nk)
{
	struct rollup_result *x = arena_alloc(r->a, (nk ? nk : 1) * sizeof *x);
	struct unit *u = arena_alloc(r->a, (nk ? nk : 1) * sizeof *u);
	if (!x || !u)
		return; /* the arena is failed: the page becomes the memory error */
	double max = 0, target = 0;
	const char *op = NULL;
	size_t met = 0, not_met = 0;
	for (size_t i = 0; i < nk; i++) {
		memset(&x[i], 0, sizeof x[i]);
		memset(&u[i], 0, sizeof u[i]);
		if (rollup_get(r->db, ind->id, period, kids[i], &x[i]))
			x[i].has_value = 0;
		if (unit_get(r->db, r->a, kids[i], &u[i]))
			u[i].name = "?";
		if (x[i].has_value && x[i].value > max)
			max = x[i].value;
		if (x[i].has_target && !op) {
			op = arena_strdup(r->a, x[i].op);
			target = x[i].target;
		}
		met += x[i].attain == ROLLUP_MET;
		not_met += x[i].attain == ROLLUP_NOT_MET;
	}
	if (op && target > max)
		max = target;
	if (is_pct(ind) && max > 0 && max <= 100)
		max = 100;
	max = svg_nice_max(max);
	double bottom = TOP + (double)nk * ROW + 4;
	double height = bottom + 30 + 40;
	H(r, "<div class=\"chart-wrap\"><svg class=\"chart units-chart\" id=\"units-chart\""
	     " xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""
	     " aria-labelledby=\"uc-title uc-desc\" viewBox=\"0 0 ");
	svg_num(r, W);
	H(r, " ");
	svg_num(r, height);
	H(r, "\" width=\"");
	svg_num(r, W);
	H(r, "\" height=\"");
	svg_num(r, height);
	H(r, "\"><title id=\"uc-title\">");
	html_text(r, ind->name);
	H(r, ", kỳ ");
	html_text(r, period);
	H(r, ": các đơn vị so với chỉ tiêu</title><desc id=\"uc-desc\">");
	html_num(r, (double)nk, 0, 1);
	H(r, " đơn vị; ");
	html_num(r, (double)met, 0, 1);
	H(r, " đạt, ");
	html_num(r, (double)not_met, 0, 1);
	H(r, " không đạt.</desc><defs>");
	hatch_def(r, "uc-hatch");
	H(r, "</defs>");
	x_axis(r, ind, max, TOP - 6, bottom);
	for (size_t i = 0; i < nk; i++) {
		double y = TOP + (double)i * ROW;
		double len = x[i].has_value ? svg_scale(x[i].value, max, XW) : 0;
		const char *name = rollup_attain_name(x[i].attain);
		H(r, "<g class=\"bar-row\"><title>");
		html_text(r, u[i].name);
		H(r, ": ");
		if (x[i].has_value)
			value_text(r, ind, x[i].value);
		else
			H(r, "chưa có số liệu");
		H(r, " (");
		html_text(r, rollup_attain_label(x[i].attain));
		H(r, ")</title>");
		svg_text(r, "label", LABEL_X, y + ROW / 2 + 4, "start", cut(r, u[i].name, NAME_CHARS));
		if (!x[i].has_value) {
			svg_rect(r, "bar no_data", X0, y + (ROW - BAR_H) / 2, 6, BAR_H, NULL);
		} else {
			if (len < 2)
				len = 2;
			svg_rect(r, x[i].attain == ROLLUP_NOT_MET ? "bar not_met" :
			            x[i].attain == ROLLUP_MET ? "bar met" : "bar no_target",
			         X0, y + (ROW - BAR_H) / 2, len,
			         BAR_H, x[i].attain == ROLLUP_NOT_MET ? "uc-hatch" : NULL);
		}
		H(r, "<text class=\"value ");
		html_attr(r, name);
		H(r, "\" x=\"");
		svg_num(r, X0 + (x[i].has_value ? len : 6) + 6);
		H(r, "\" y=\"");
		svg_num(r, y + ROW / 2 + 4);
		H(r, "\">");
		if (x[i].has_value) {
			value_text(r, ind, x[i].value);
			H(r, " ");
		}
		html_text(r, attain_mark(x[i].attain));
		H(r, "</text></g>");
	}
	if (op) {
		double tx = X0 + svg_scale(target, max, XW);
		H(r, "<g class=\"target-mark\">");
		svg_line(r, "target", tx, TOP - 8, tx, bottom);
		H(r, "<text class=\"target-label\" text-anchor=\"middle\" x=\"");
		svg_num(r, tx);
		H(r, "\" y=\"");
		svg_num(r, TOP - 14);
		H(r, "\">");
		target_label(r, ind, op, target);
		H(r, "</text></g>");
	}
	/* Legend. */
	double ly = bottom + 34;
	H(r, "<g class=\"legend\">");
	svg_rect(r, "bar met", LABEL_X, ly, 28, 14, NULL);
	svg_text(r, NULL, LABEL_X + 34, ly + 11, "start", "✓ Đạt");
	svg_rect(r, "bar not_met", LABEL_X + 150, ly, 28, 14, "uc-hatch");
	svg_text(r, NULL, LABEL_X + 184, ly + 11, "start", "✗ Không đạt");
	svg_rect(r, "bar no_data", LABEL_X + 320, ly, 28, 14, NULL);
	svg_text(r, NULL, LABEL_X + 354, ly + 11, "start", "– Chưa có số liệu");
	svg_line(r, "target", LABEL_X + 520, ly - 2, LABEL_X + 520, ly + 16);
	svg_text(r, NULL, LABEL_X + 530, ly + 11, "start", "Chỉ tiêu");
	H(r, "</g></svg></div>");
	if (!op)
		H(r, "<p class=\"muted\">Chưa đặt chỉ tiêu kế hoạch cho cấp của các đơn vị này.</p>");
}

/* The periods of chart (b): the indicator's years (or the two before the
 * period's year to it), split like period: years, halves, quarters or
 * months; the last MAX_POINTS. None (*n 0) when the arena refuses them. */
static char **periods_of(struct req *r, const struct indicator *ind, const char *period,
                         size_t *n)
{
	int year = 0;
	char end[11];
	indicator_period_parse(period, &year, end);
	int from = ind->year_from ? ind->year_from : year - 2;
	int to = ind->year_to ? ind->year_to : year;
	if (year > to)
		to = year;
	if (from > to)
		from = to;
	if (to - from > 9)
		from = to - 9;
	size_t len = strlen(period);
	int per = len == 4 ? 1 : period[5] == 'H' ? 2 : period[5] == 'Q' ? 4 : 12;
	size_t total = (size_t)(to - from + 1) * (size_t)per, k = 0;
	size_t skip = total > MAX_POINTS ? total - MAX_POINTS : 0;
	*n = 0;
	char **out = arena_alloc(r->a, total * sizeof *out);
	if (!out)
		return NULL;
	for (int y = from; y <= to; y++)
		for (int i = 1; i <= per; i++) {
			if (skip) {
				skip--;
				continue;
			}
			if (per == 1)
				out[k++] = arena_printf(r->a, "%d", y);
			else if (per == 2)
				out[k++] = arena_printf(r->a, "%d-H%d", y, i);
			else if (per == 4)
				out[k++] = arena_printf(r->a, "%d-Q%d", y, i);
			else
				out[k++] = arena_printf(r->a, "%d-%02d", y, i);
		}
	/* A name the arena refused is NULL: none of them is used then. */
	if (arena_failed(r->a))
		return NULL;
	*n = k;
	return out;
}

/* Chart (b): the unit's value over periods, with the target of each. */
static void periods_chart(struct req *r, const struct indicator *ind, const char *period,
                          long long unit)
{
	size_t n = 0;
	char **p = periods_of(r, ind, period, &n);
	struct rollup_result *x = arena_alloc(r->a, (n ? n : 1) * sizeof *x);
	if (!p || !x)
		return; /* the arena is failed: the page becomes the memory error */
	double max = 0;
	size_t with = 0;
	for (size_t i = 0; i < n; i++) {
		memset(&x[i], 0, sizeof x[i]);
		if (rollup_get(r->db, ind->id, p[i], unit, &x[i]))
			memset(&x[i], 0, sizeof x[i]);
		if (x[i].has_value) {
			with++;
			if (x[i].value > max)
				max = x[i].value;
		}
		if (x[i].has_target && x[i].target > max)
			max = x[i].target;
	}
	if (is_pct(ind) && max > 0 && max <= 100)
		max = 100;
	max = svg_nice_max(max);
	const double L = 90, R = 980, T = 30, B = 250;
	double slot = n ? (R - L) / (double)n : R - L;
	H(r, "<div class=\"chart-wrap\"><svg class=\"chart periods-chart\" id=\"periods-chart\""
	     " xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""
	     " aria-labelledby=\"pc-title pc-desc\" viewBox=\"0 0 1000 320\" width=\"1000\""
	     " height=\"320\"><title id=\"pc-title\">");
	html_text(r, ind->name);
	H(r, " qua các kỳ</title><desc id=\"pc-desc\">");
	html_num(r, (double)n, 0, 1);
	H(r, " kỳ, ");
	html_num(r, (double)with, 0, 1);
	H(r, " kỳ có số liệu.</desc>");
	double ticks[11];
	int nt = svg_ticks(max, ticks, 6);
	for (int i = 0; i < nt; i++) {
		double y = B - svg_scale(ticks[i], max, B - T);
		svg_line(r, "grid", L, y, R, y);
		H(r, "<text class=\"tick\" text-anchor=\"end\" x=\"");
		svg_num(r, L - 6);
		H(r, "\" y=\"");
		svg_num(r, y + 4);
		H(r, "\">");
		value_text(r, ind, ticks[i]);
		H(r, "</text>");
	}
	/* Targets: a dashed segment over each period's slot. */
	for (size_t i = 0; i < n; i++) {
		if (!x[i].has_target)
			continue;
		double y = B - svg_scale(x[i].target, max, B - T);
		H(r, "<g class=\"target-mark\"><title>");
		target_label(r, ind, x[i].op, x[i].target);
		H(r, "</title>");
		svg_line(r, "target", L + slot * (double)i, y, L + slot * (double)(i + 1), y);
		H(r, "</g>");
	}
	/* The line through the periods with values. */
	int open = 0;
	for (size_t i = 0; i < n; i++) {
		if (!x[i].has_value)
			continue;
		if (!open) {
			H(r, "<polyline class=\"series\" fill=\"none\" points=\"");
			open = 1;
		} else {
			H(r, " ");
		}
		svg_num(r, L + slot * ((double)i + 0.5));
		H(r, ",");
		svg_num(r, B - svg_scale(x[i].value, max, B - T));
	}
	if (open)
		H(r, "\"/>");
	for (size_t i = 0; i < n; i++) {
		double cx = L + slot * ((double)i + 0.5);
		if (x[i].has_value) {
			double cy = B - svg_scale(x[i].value, max, B - T);
			H(r, "<g class=\"point\"><title>");
			html_text(r, p[i]);
			H(r, ": ");
			value_text(r, ind, x[i].value);
			H(r, " (");
			html_text(r, rollup_attain_label(x[i].attain));
			H(r, ")</title>");
			H(r, "<circle class=\"pt ");
			html_attr(r, rollup_attain_name(x[i].attain));
			H(r, "\" cx=\"");
			svg_num(r, cx);
			H(r, "\" cy=\"");
			svg_num(r, cy);
			H(r, "\" r=\"5\"/><text class=\"value\" text-anchor=\"middle\" x=\"");
			svg_num(r, cx);
			H(r, "\" y=\"");
			svg_num(r, cy - 10);
			H(r, "\">");
			value_text(r, ind, x[i].value);
			if (x[i].attain == ROLLUP_MET)
				H(r, " ✓");
			else if (x[i].attain == ROLLUP_NOT_MET)
				H(r, " ✗");
			H(r, "</text></g>");
		} else {
			svg_text(r, "value no_data", cx, B - 6, "middle", "–");
		}
		H(r, "<text class=\"tick\" text-anchor=\"middle\" x=\"");
		svg_num(r, cx);
		H(r, "\" y=\"");
		svg_num(r, B + 18);
		H(r, "\">");
		html_text(r, p[i]);
		H(r, "</text>");
	}
	svg_line(r, "axis", L, B, R, B);
	H(r, "<g class=\"legend\">");
	svg_circle(r, "pt met", L + 7, 297, 5);
	svg_text(r, NULL, L + 18, 301, "start", "✓ Đạt");
	svg_circle(r, "pt not_met", L + 127, 297, 5);
	svg_text(r, NULL, L + 138, 301, "start", "✗ Không đạt");
	svg_text(r, NULL, L + 280, 301, "start", "– Chưa có số liệu");
	svg_line(r, "target", L + 440, 297, L + 470, 297);
	svg_text(r, NULL, L + 478, 301, "start", "Chỉ tiêu của kỳ");
	H(r, "</g></svg></div>");
}

int page_indicator_chart(struct req *r)
{
	struct indicator ind;
	struct unit u;
	int rc = indicator_get(r->db, r->a, r->id, &ind);
	if (rc)
		return rc;
	const char *period = ask_period(r);
	long long unit = ask_unit(r);
	long long *kids = NULL;
	size_t nk = 0;
	if (!period)
		return PH_ENOMEM;
	if ((rc = unit_get(r->db, r->a, unit, &u)))
		return rc;
	if ((rc = rollup_children(r->db, r->a, ind.id, period, unit, &kids, &nk)) &&
	    rc != PH_EINVAL)
		return rc;
	char *self = arena_printf(r->a, "/indicators/%lld/chart", ind.id);
	layout_begin(r, arena_printf(r->a, "Biểu đồ: %s", ind.name), "indicators");
	H(r, "<p class=\"crumbs\"><a href=\"/indicators/");
	html_int(r, ind.id);
	H(r, "\">");
	html_text(r, ind.name);
	H(r, "</a></p><h1>Biểu đồ chỉ tiêu: ");
	html_text(r, ind.name);
	H(r, "</h1>");
	filters(r, self, period, unit, kids, nk);
	H(r, "<h2>Các đơn vị trực thuộc ");
	html_text(r, u.name);
	H(r, ", kỳ ");
	html_text(r, period);
	H(r, "</h2>");
	if (nk)
		units_chart(r, &ind, period, kids, nk);
	else
		H(r, "<p class=\"muted\">Đơn vị này không có đơn vị trực thuộc.</p>");
	H(r, "<h2>");
	html_text(r, u.name);
	H(r, " qua các kỳ</h2>");
	periods_chart(r, &ind, period, unit);
	layout_end(r);
	return 0;
}

/* ---- /dashboards ---- */

static void matrix(struct req *r, const char *period, long long unit, const long long *rows,
                   size_t nr, const struct indicator *ind, size_t ni)
{
	H(r, "<div class=\"table-wrap\"><table class=\"attain-matrix\"><thead><tr><th>Đơn vị</th>");
	for (size_t j = 0; j < ni; j++) {
		H(r, "<th><a href=\"/indicators/");
		html_int(r, ind[j].id);
		H(r, "/chart?period=");
		html_url(r, period);
		H(r, "&amp;unit=");
		html_int(r, unit);
		H(r, "\" title=\"");
		html_attr(r, ind[j].name);
		H(r, "\">");
		html_text(r, ind[j].code);
		H(r, "</a></th>");
	}
	H(r, "</tr></thead><tbody>");
	for (size_t i = 0; i < nr; i++) {
		struct unit u;
		if (unit_get(r->db, r->a, rows[i], &u))
			continue;
		H(r, "<tr><th scope=\"row\">");
		html_text(r, u.name);
		H(r, "</th>");
		for (size_t j = 0; j < ni; j++) {
			struct rollup_result x;
			memset(&x, 0, sizeof x);
			if (rollup_get(r->db, ind[j].id, period, rows[i], &x))
				memset(&x, 0, sizeof x);
			H(r, "<td class=\"cell ");
			html_attr(r, rollup_attain_name(x.attain));
			H(r, "\">");
			if (x.has_value) {
				value_text(r, &ind[j], x.value);
				H(r, "<br>");
			}
			H(r, "<span class=\"mark\">");
			html_text(r, attain_mark(x.attain));
			H(r, "</span></td>");
		}
		H(r, "</tr>");
	}
	H(r, "</tbody></table></div>");
}

static void completeness(struct req *r)
{
	struct schedule *s = NULL;
	size_t n = 0, k = 0;
	if (schedule_list(r->db, r->a, &s, &n))
		return;
	struct compliance *c = arena_alloc(r->a, (n ? n : 1) * sizeof *c);
	if (!c)
		return; /* the arena is failed: the page becomes the memory error */
	for (size_t i = 0; i < n && k < MAX_SCHEDULES; i++) {
		if (n > 10 && !access_in_scope(r->db, r->user, s[i].receiving_unit_id))
			continue;
		if (compliance_list(r->db, r->a, s[i].id, date_today(), &c[k]))
			continue;
		k++;
	}
	H(r, "<h2>Tình hình nộp báo cáo</h2>");
	if (!k) {
		H(r, "<p class=\"muted\">Chưa có kỳ báo cáo nào.</p>");
		return;
	}
	const double L = 300, BW = 330, RH = 34;
	double height = 20 + (double)k * RH + 40;
	H(r, "<div class=\"chart-wrap\"><svg class=\"chart compliance-chart\" id=\"compliance-chart\""
	     " xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""
	     " aria-labelledby=\"cc-title\" viewBox=\"0 0 1000 ");
	svg_num(r, height);
	H(r, "\" width=\"1000\" height=\"");
	svg_num(r, height);
	H(r, "\"><title id=\"cc-title\">Tình hình nộp báo cáo theo kỳ: đúng hạn, trễ hạn,"
	     " chưa nộp</title><defs>");
	hatch_def(r, "cc-hatch");
	H(r, "</defs>");
	for (size_t i = 0; i < k; i++) {
		const struct compliance *x = &c[i];
		double y = 14 + (double)i * RH;
		int total = x->on_time + x->late + x->missing;
		H(r, "<a href=\"/schedules/");
		html_int(r, x->schedule.id);
		H(r, "/compliance\"><g class=\"sched-row\"><title>");
		html_text(r, x->schedule.title);
		H(r, "</title>");
		svg_text(r, "label", LABEL_X, y + 16, "start", cut(r, x->schedule.title, 36));
		double a = svg_scale(x->on_time, total, BW), b = svg_scale(x->late, total, BW);
		double m = svg_scale(x->missing, total, BW);
		svg_rect(r, "seg on_time", L, y + 4, a, 18, NULL);
		svg_rect(r, "seg late", L + a, y + 4, b, 18, "cc-hatch");
		svg_rect(r, "seg missing", L + a + b, y + 4, m, 18, NULL);
		H(r, "<text class=\"value\" x=\"");
		svg_num(r, L + BW + 10);
		H(r, "\" y=\"");
		svg_num(r, y + 17);
		H(r, "\">Đúng hạn ");
		html_num(r, x->on_time, 0, 1);
		H(r, " · trễ ");
		html_num(r, x->late, 0, 1);
		H(r, " · chưa nộp ");
		html_num(r, x->missing, 0, 1);
		H(r, " (hạn ");
		html_date(r, x->schedule.due);
		H(r, ")</text></g></a>");
	}
	double ly = 14 + (double)k * RH + 8;
	H(r, "<g class=\"legend\">");
	svg_rect(r, "seg on_time", LABEL_X, ly, 28, 14, NULL);
	svg_text(r, NULL, LABEL_X + 34, ly + 11, "start", "Đúng hạn");
	svg_rect(r, "seg late", LABEL_X + 150, ly, 28, 14, "cc-hatch");
	svg_text(r, NULL, LABEL_X + 184, ly + 11, "start", "Trễ hạn");
	svg_rect(r, "seg missing", LABEL_X + 300, ly, 28, 14, NULL);
	svg_text(r, NULL, LABEL_X + 334, ly + 11, "start", "Chưa nộp");
	H(r, "</g></svg></div>");
}

int page_dashboards(struct req *r)
{
	struct indicator *ind = NULL;
	struct unit u;
	size_t ni = 0, nr = 0;
	long long *rows = NULL;
	const char *period = ask_period(r);
	long long unit = ask_unit(r);
	if (!period)
		return PH_ENOMEM;
	int rc = indicator_list(r->db, r->a, &ind, &ni);
	if (rc || (rc = unit_get(r->db, r->a, unit, &u)))
		return rc;
	if (ni && (rc = rollup_children(r->db, r->a, ind[0].id, period, unit, &rows, &nr)) &&
	    rc != PH_EINVAL)
		return rc;
	if (!nr) {
		rows = &unit;
		nr = 1;
	}
	layout_begin(r, "Bảng điều khiển", "dashboards");
	H(r, "<h1>Bảng điều khiển: ");
	html_text(r, u.name);
	H(r, ", kỳ ");
	html_text(r, period);
	H(r, "</h1>");
	filters(r, "/dashboards", period, unit, rows[0] == unit ? NULL : rows,
	        rows[0] == unit ? 0 : nr);
	H(r, "<h2>Kết quả thực hiện chỉ tiêu</h2>");
	if (ni)
		download_buttons(r, "/dashboards/export");
	if (!ni)
		H(r, "<p class=\"muted\">Chưa có chỉ tiêu nào.</p>");
	else
		matrix(r, period, unit, rows, nr, ind, ni);
	H(r, "<p class=\"muted legend-text\">✓ đạt · ✗ không đạt · – chưa có số liệu."
	     " Bấm mã chỉ tiêu để xem biểu đồ.</p>");
	completeness(r);
	layout_end(r);
	return 0;
}

/* GET /dashboards/export?format=xlsx|csv&period=&unit=: the table of
 * units by indicators of the page (the same period and unit defaults). */
int page_dashboards_export(struct req *r)
{
	int format = 0;
	char sep = ',';
	int rc = download_params(r, &format, &sep);
	if (rc)
		return rc;
	const char *period = ask_period(r);
	long long unit = ask_unit(r);
	if (!period)
		return PH_ENOMEM;
	if ((rc = export_dashboard(r->db, r->a, period, unit, format, sep, download_body(r))))
		return rc;
	return download_send(r, format, arena_printf(r->a, "bang-dieu-khien-%s", period));
}

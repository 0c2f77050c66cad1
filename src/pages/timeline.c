/* timeline.c: /plans/{id}/timeline: a plan's tasks on one year, drawn on
 * the server as an inline SVG (no script): four quarter bands with month
 * ticks, one bar per task from its start to its end date (a diamond for a
 * task with only a deadline), a dashed line at today, overdue tasks
 * hatched and marked "quá hạn" in their label so that they stand out in
 * black and white too. Tasks without dates, or outside the year, are
 * listed below the chart.
 *
 * The year is the plan's (or its period's, or its first dated task's);
 * ?year=YYYY shows another one. The tasks come a page at a time, like the
 * plan page's (?after= / ?before=, TASK_PAGE_SIZE by key), so that a plan
 * of a million tasks draws as fast as a small one; the years before and
 * after are offered from the dates of all its tasks. Every number goes
 * through html_num/html_int. */
#include "pages/pages.h"
#include "base/date.h"
#include "base/err.h"
#include "base/text.h"
#include "db/store.h"
#include "model/plan.h"
#include "model/task.h"
#include "web/html.h"
#include "web/layout.h"
#include <stdlib.h>
#include <string.h>

/* Geometry, in SVG user units. */
#define W 1000.0
#define X0 350.0        /* left edge of the year */
#define X1 985.0        /* right edge of the year */
#define LABEL_X 8.0
#define TOP 54.0        /* first row */
#define ROW 24.0
#define BAR_H 14.0
#define LEGEND_H 44.0
#define LABEL_CHARS 44  /* code points of content kept in a label */

static const char *const quarter_names[] = {"Quý I", "Quý II", "Quý III", "Quý IV"};

static int days_in_year(int y)
{
	return date_days_in_month(y, 2) == 29 ? 366 : 365;
}

/* Days from 1 January of year to d (may be negative or past the year). */
static long days_from(int year, struct ph_date d)
{
	long n = 0;
	for (int y = year; y < d.y; y++)
		n += days_in_year(y);
	for (int y = d.y; y < year; y++)
		n -= days_in_year(y);
	for (int m = 1; m < d.m; m++)
		n += date_days_in_month(d.y, m);
	return n + d.d - 1;
}

/* x of the start of day d (end_of_day: of its end), clamped to the year. */
static double xpos(int year, struct ph_date d, int end_of_day)
{
	double f = (double)(days_from(year, d) + (end_of_day ? 1 : 0)) / days_in_year(year);
	if (f < 0)
		f = 0;
	if (f > 1)
		f = 1;
	return X0 + (X1 - X0) * f;
}

static int parse(const char *iso, struct ph_date *d)
{
	return iso && !date_parse_iso(iso, d) && date_is_full(*d);
}

/* Where a task sits on the chart. */
enum place { P_BAR, P_MILESTONE, P_UNDATED, P_OUTSIDE };

static enum place place_of(const struct task *t, int year, struct ph_date *s, struct ph_date *e)
{
	int hs = parse(t->start, s), he = parse(t->end, e);
	if (!hs && !he)
		return P_UNDATED;
	if (hs && he) {
		if (e->y < year || s->y > year)
			return P_OUTSIDE;
		return P_BAR;
	}
	if (!he)
		*e = *s;
	*s = *e;
	return e->y == year ? P_MILESTONE : P_OUTSIDE;
}

/* The task's number and its content cut to LABEL_CHARS code points, at a
 * space when one is near, with an ellipsis; NULL when the arena refuses
 * it (html_text takes that). */
static const char *short_label(struct req *r, const struct task *t)
{
	const char *c = t->content ? t->content : "";
	const char *p = c, *space = NULL;
	int n = 0;
	size_t k = 0;
	/* An overdue label also carries "(quá hạn)". */
	int max = t->overdue ? LABEL_CHARS - 10 : LABEL_CHARS;
	while (*p && n < max) {
		if (*p == ' ' && n > max * 2 / 3)
			space = p;
		text_cp_at(p, &k);
		if (!k)
			break;
		p += k;
		n++;
	}
	const char *cut = *p ? arena_printf(r->a, "%.*s…", (int)((space ? space : p) - c), c) : c;
	if (!cut)
		return NULL;
	if (t->no && *t->no)
		return arena_printf(r->a, "%s %s", t->no, cut);
	return cut;
}

static void num(struct req *r, double v)
{
	html_num(r, v, 1, 0);
}

static void axis(struct req *r, int year, double bottom)
{
	for (int q = 0; q < 4; q++) {
		double a = xpos(year, (struct ph_date){year, 3 * q + 1, 1}, 0);
		double b = q == 3 ? X1 : xpos(year, (struct ph_date){year, 3 * q + 4, 1}, 0);
		if (q % 2) {
			H(r, "<rect class=\"q-band\" fill=\"#f1f4f7\" x=\"");
			num(r, a);
			H(r, "\" y=\"0\" width=\"");
			num(r, b - a);
			H(r, "\" height=\"");
			num(r, bottom);
			H(r, "\"/>");
		}
		H(r, "<text class=\"q-label\" text-anchor=\"middle\" font-weight=\"bold\" x=\"");
		num(r, (a + b) / 2);
		H(r, "\" y=\"16\">");
		html_text(r, quarter_names[q]);
		H(r, "</text>");
	}
	for (int m = 1; m <= 12; m++) {
		double a = xpos(year, (struct ph_date){year, m, 1}, 0);
		double b = m == 12 ? X1 : xpos(year, (struct ph_date){year, m + 1, 1}, 0);
		if (m % 3 == 1)
			H(r, "<line class=\"q-line\" stroke=\"#8a949e\" x1=\"");
		else
			H(r, "<line class=\"grid\" stroke=\"#d4d9de\" x1=\"");
		num(r, a);
		H(r, "\" x2=\"");
		num(r, a);
		H(r, "\" y1=\"20\" y2=\"");
		num(r, bottom);
		H(r, "\"/><text class=\"m-label\" text-anchor=\"middle\" x=\"");
		num(r, (a + b) / 2);
		H(r, "\" y=\"33\">T");
		html_int(r, m);
		H(r, "</text>");
	}
	H(r, "<line class=\"q-line\" stroke=\"#8a949e\" x1=\"");
	num(r, X1);
	H(r, "\" x2=\"");
	num(r, X1);
	H(r, "\" y1=\"20\" y2=\"");
	num(r, bottom);
	H(r, "\"/>");
}

/* The bar class: status, and overdue. */
static void bar_class(struct req *r, const struct task *t, const char *shape)
{
	H(r, " class=\"");
	html_attr(r, shape);
	H(r, " ");
	html_attr(r, t->status);
	if (t->overdue)
		H(r, " overdue");
	H(r, "\"");
}

static void diamond(struct req *r, double x, double y, double h)
{
	H(r, "M");
	num(r, x);
	H(r, ",");
	num(r, y);
	H(r, " l");
	num(r, h / 2);
	H(r, ",");
	num(r, h / 2);
	H(r, " l");
	num(r, -h / 2);
	H(r, ",");
	num(r, h / 2);
	H(r, " l");
	num(r, -h / 2);
	H(r, ",");
	num(r, -h / 2);
	H(r, " z");
}

static void row(struct req *r, const struct task *t, int year, enum place pl,
                struct ph_date s, struct ph_date e, double y)
{
	H(r, "<a href=\"/tasks/");
	html_int(r, t->id);
	H(r, "\"><g");
	if (t->overdue)
		H(r, " class=\"late-row\"");
	H(r, "><title>");
	html_text(r, t->no);
	if (t->no)
		H(r, ". ");
	html_text(r, t->content);
	H(r, " (");
	html_text(r, t->timeframe_text ? t->timeframe_text : "");
	if (t->timeframe_text)
		H(r, "; ");
	if (pl == P_BAR) {
		html_date(r, t->start);
		H(r, " – ");
	} else {
		H(r, "hạn ");
	}
	html_date(r, pl == P_BAR ? t->end : (t->end ? t->end : t->start));
	H(r, "; ");
	html_text(r, task_status_label(t->status));
	if (t->overdue)
		H(r, "; quá hạn");
	H(r, ")</title><text class=\"label\" x=\"");
	num(r, LABEL_X);
	H(r, "\" y=\"");
	num(r, y + ROW / 2 + 4);
	H(r, "\">");
	html_text(r, short_label(r, t));
	if (t->overdue)
		H(r, " <tspan class=\"late-mark\" font-weight=\"bold\">(quá hạn)</tspan>");
	H(r, "</text>");
	double by = y + (ROW - BAR_H) / 2;
	if (pl == P_BAR) {
		double a = xpos(year, s, 0), b = xpos(year, e, 1);
		if (b - a < 3)
			b = a + 3;
		H(r, "<rect");
		bar_class(r, t, "bar");
		H(r, " x=\"");
		num(r, a);
		H(r, "\" y=\"");
		num(r, by);
		H(r, "\" width=\"");
		num(r, b - a);
		H(r, "\" height=\"");
		num(r, BAR_H);
		H(r, "\" rx=\"2\"/>");
	} else {
		H(r, "<path");
		bar_class(r, t, "bar milestone");
		H(r, " d=\"");
		diamond(r, xpos(year, e, 1), by, BAR_H);
		H(r, "\"/>");
	}
	H(r, "</g></a>");
}

static void legend(struct req *r, double y, int show_today)
{
	static const struct { const char *cls, *label; } items[] = {
		{"bar in_progress", "Chưa xong"}, {"bar done", "Hoàn thành"},
		{"bar not_started overdue", "Quá hạn"},
	};
	double x = LABEL_X;
	H(r, "<g class=\"legend\">");
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		H(r, "<rect class=\"");
		html_attr(r, items[i].cls);
		H(r, "\" x=\"");
		num(r, x);
		H(r, "\" y=\"");
		num(r, y);
		H(r, "\" width=\"28\" height=\"");
		num(r, BAR_H);
		H(r, "\" rx=\"2\"/><text x=\"");
		num(r, x + 34);
		H(r, "\" y=\"");
		num(r, y + 11);
		H(r, "\">");
		html_text(r, items[i].label);
		H(r, "</text>");
		x += 150;
	}
	H(r, "<path class=\"bar milestone in_progress\" d=\"");
	diamond(r, x + 7, y, BAR_H);
	H(r, "\"/><text x=\"");
	num(r, x + 20);
	H(r, "\" y=\"");
	num(r, y + 11);
	H(r, "\">Chỉ có thời hạn</text>");
	if (!show_today) {
		H(r, "</g>");
		return;
	}
	x += 150;
	H(r, "<line class=\"today\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"4 3\" x1=\"");
	num(r, x + 7);
	H(r, "\" x2=\"");
	num(r, x + 7);
	H(r, "\" y1=\"");
	num(r, y - 2);
	H(r, "\" y2=\"");
	num(r, y + BAR_H + 2);
	H(r, "\"/><text x=\"");
	num(r, x + 16);
	H(r, "\" y=\"");
	num(r, y + 11);
	H(r, "\">Hôm nay</text></g>");
}

/* The year the chart shows: ?year=, else the plan's, its period's, its
 * first dated task's (first_year), today's. 0 when ?year= is not a year. */
static int chart_year(struct req *r, const struct plan *p, int first_year)
{
	const char *ys = req_query(r, "year");
	struct ph_date d;
	if (ys && *ys) {
		char *end = NULL;
		long y = strtol(ys, &end, 10);
		return *end || y < 1900 || y > 2200 ? 0 : (int)y;
	}
	if (p->year > 0)
		return p->year;
	if (parse(p->period_start, &d))
		return d.y;
	if (first_year >= 1900 && first_year <= 2200)
		return first_year;
	return date_today().y;
}

/* A link to the chart of another year. */
static void year_link(struct req *r, long long plan_id, int year, const char *rel,
                      const char *before, const char *after)
{
	H(r, "<a rel=\"");
	html_attr(r, rel);
	H(r, "\" href=\"/plans/");
	html_int(r, plan_id);
	H(r, "/timeline?year=");
	html_int(r, year);
	H(r, "\">");
	html_text(r, before);
	H(r, "Năm ");
	html_int(r, year);
	html_text(r, after);
	H(r, "</a>");
}

static void task_list(struct req *r, const char *id, const char *heading, const char *note,
                      const struct task *t, const unsigned char *pl, size_t n,
                      unsigned char which)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += pl[i] == which;
	if (!k)
		return;
	H(r, "<section id=\"");
	html_attr(r, id);
	H(r, "\"><h2>");
	html_text(r, heading);
	H(r, "</h2><ul>");
	for (size_t i = 0; i < n; i++) {
		if (pl[i] != which)
			continue;
		H(r, "<li><a href=\"/tasks/");
		html_int(r, t[i].id);
		H(r, "\">");
		html_text(r, t[i].no);
		if (t[i].no)
			H(r, ". ");
		html_text(r, t[i].content);
		H(r, "</a> <span class=\"muted\">(");
		html_text(r, t[i].timeframe_text ? t[i].timeframe_text : note);
		if (which == P_OUTSIDE && t[i].timeframe_text) {
			H(r, ": ");
			html_date(r, t[i].start ? t[i].start : t[i].end);
			if (t[i].start && t[i].end) {
				H(r, " – ");
				html_date(r, t[i].end);
			}
		} else if (which == P_UNDATED && t[i].timeframe_text) {
			H(r, ", ");
			html_text(r, note);
		}
		H(r, ")</span>");
		if (t[i].overdue)
			H(r, " <span class=\"overdue\">Quá hạn</span>");
		H(r, "</li>");
	}
	H(r, "</ul></section>");
}

int page_timeline(struct req *r)
{
	struct plan p;
	struct task_page pg;
	memset(&pg, 0, sizeof pg);
	int first_year = 0, min_y = 0, max_y = 0;
	int rc = plan_get(r->db, r->a, r->id, &p);
	if (!rc)
		rc = store_plan_task_years(r->db, r->id, &first_year, &min_y, &max_y);
	if (!rc)
		rc = plans_task_page(r, &pg);
	if (rc)
		return rc;
	const struct task *t = pg.t;
	size_t n = pg.n;
	int year = chart_year(r, &p, first_year);
	if (!year) {
		r->err_detail = "year must be a year from 1900 to 2200";
		return PH_EINVAL;
	}
	struct ph_date today = date_today();
	unsigned char *pl = arena_alloc(r->a, n ? n : 1);
	struct ph_date *s = arena_alloc(r->a, (n ? n : 1) * sizeof *s);
	struct ph_date *e = arena_alloc(r->a, (n ? n : 1) * sizeof *e);
	const char *base = arena_printf(r->a, "/plans/%lld/timeline?year=%d&", p.id, year);
	if (!pl || !s || !e || !base)
		return PH_ENOMEM;
	size_t rows = 0, late = 0;
	/* The year links look at every task of the plan, not only this page. */
	if (!min_y || min_y > year)
		min_y = year;
	if (max_y < year)
		max_y = year;
	for (size_t i = 0; i < n; i++) {
		pl[i] = (unsigned char)place_of(&t[i], year, &s[i], &e[i]);
		if (pl[i] == P_BAR || pl[i] == P_MILESTONE) {
			rows++;
			late += t[i].overdue != 0;
		}
	}

	layout_begin(r, arena_printf(r->a, "Biểu đồ tiến độ năm %d", year), "plans");
	H(r, "<p class=\"crumbs\"><a href=\"/plans/");
	html_int(r, p.id);
	H(r, "\">");
	html_text(r, p.title);
	H(r, "</a></p><h1>Biểu đồ tiến độ năm ");
	html_int(r, year);
	H(r, "</h1>");
	if (min_y < year || max_y > year) {
		H(r, "<nav class=\"pager no-print\" aria-label=\"Năm\">");
		if (min_y < year)
			year_link(r, p.id, year - 1, "prev", "← ", "");
		if (max_y > year)
			year_link(r, p.id, year + 1, "next", "", " →");
		H(r, "</nav>");
	}

	double bottom = TOP + (double)rows * ROW + 6;
	double height = bottom + LEGEND_H;
	H(r, "<div class=\"chart-wrap\"><svg class=\"timeline\" id=\"timeline\""
	     " xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""
	     " aria-labelledby=\"tl-title tl-desc\" viewBox=\"0 0 ");
	num(r, W);
	H(r, " ");
	num(r, height);
	H(r, "\" width=\"");
	num(r, W);
	H(r, "\" height=\"");
	num(r, height);
	H(r, "\"><title id=\"tl-title\">Tiến độ các nhiệm vụ năm ");
	html_int(r, year);
	H(r, ": ");
	html_text(r, p.title);
	H(r, "</title><desc id=\"tl-desc\">");
	html_int(r, (long long)rows);
	H(r, " nhiệm vụ trên biểu đồ, ");
	html_int(r, (long long)late);
	H(r, " nhiệm vụ quá hạn.</desc>"
	     "<defs><pattern id=\"tl-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
	     " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f6d3d0\"/>"
	     "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#b3261e\" stroke-width=\"3\"/>"
	     "</pattern></defs>");
	axis(r, year, bottom);
	if (today.y == year) {
		double x = xpos(year, today, 0);
		char iso[11];
		date_iso(today, iso);
		H(r, "<g class=\"today-mark\"><line class=\"today\" stroke=\"#000\" stroke-width=\"2\""
		     " stroke-dasharray=\"4 3\" x1=\"");
		num(r, x);
		H(r, "\" x2=\"");
		num(r, x);
		H(r, "\" y1=\"51\" y2=\"");
		num(r, bottom);
		H(r, "\"/><text class=\"today-label\" font-weight=\"bold\" text-anchor=\"");
		if (x > X1 - 60)
			H(r, "end");
		else
			H(r, "middle");
		H(r, "\" x=\"");
		num(r, x);
		H(r, "\" y=\"48\">Hôm nay ");
		html_text(r, arena_strndup(r->a, iso + 8, 2));
		H(r, "/");
		html_text(r, arena_strndup(r->a, iso + 5, 2));
		H(r, "</text></g>");
	}
	double y = TOP;
	for (size_t i = 0; i < n; i++)
		if (pl[i] == P_BAR || pl[i] == P_MILESTONE) {
			row(r, &t[i], year, (enum place)pl[i], s[i], e[i], y);
			y += ROW;
		}
	legend(r, bottom + 16, today.y == year);
	H(r, "</svg></div>");
	if (!rows)
		H(r, "<p class=\"muted\">Không có nhiệm vụ nào có thời gian trong năm này.</p>");
	plans_task_pager(r, &pg, p.tasks, base);
	task_list(r, "undated", "Nhiệm vụ không xác định thời gian", "không xác định thời gian",
	          t, pl, n, P_UNDATED);
	task_list(r, "outside", arena_printf(r->a, "Nhiệm vụ ngoài năm %d", year),
	          "ngoài năm", t, pl, n, P_OUTSIDE);
	layout_end(r);
	return 0;
}

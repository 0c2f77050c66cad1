/* units.c: /units: the tree of units, one unit's page (its details, its
 * tasks as lead and as coordinator, and the management forms), adding a
 * unit, and the POSTs that rename, date, alias and merge a unit. The
 * model (model/unit.c) checks the rights and writes; these handlers only
 * read forms, call it and show the result. */
#include "pages/pages.h"
#include "base/date.h"
#include "base/err.h"
#include "model/access.h"
#include "model/task.h"
#include "model/unit.h"
#include "model/user.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/reply.h"
#include <stdlib.h>
#include <string.h>


/* The day after an ISO date, as ISO in a ("" when iso is not a date,
 * NULL when the arena refuses the copy: html_date takes that). */
static const char *day_after(struct arena *a, const char *iso)
{
	struct ph_date d;
	char out[11];
	if (!iso || date_parse_iso(iso, &d))
		return "";
	if (++d.d > date_days_in_month(d.y, d.m)) {
		d.d = 1;
		if (++d.m > 12) {
			d.m = 1;
			d.y++;
		}
	}
	date_iso(d, out);
	return arena_strdup(a, out);
}

/* 1 when the unit's validity ended before today. */
static int expired(const struct unit *u, const char *today)
{
	return u->valid_to && *u->valid_to && strcmp(u->valid_to, today) < 0;
}

static const struct unit *find(const struct unit *all, size_t n, long long id)
{
	for (size_t i = 0; id > 0 && i < n; i++)
		if (all[i].id == id)
			return &all[i];
	return NULL;
}

/* A link to a unit by id: its name when known, else the id. */
static void unit_link(struct req *r, const struct unit *all, size_t n, long long id)
{
	const struct unit *u = find(all, n, id);
	H(r, "<a href=\"/units/");
	html_int(r, id);
	H(r, "\">");
	if (u)
		html_text(r, u->name);
	else
		html_int(r, id);
	H(r, "</a>");
}

/* "(hết hiệu lực từ dd/mm/yyyy, kế thừa: X)" for an expired unit and
 * "đề xuất" for a proposed one. */
static void unit_marks(struct req *r, const struct unit *all, size_t n,
                       const struct unit *u, const char *today)
{
	if (u->proposed)
		H(r, " <span class=\"status proposed\">đề xuất</span>");
	if (expired(u, today)) {
		H(r, " <span class=\"muted expired\">(hết hiệu lực từ ");
		html_date(r, day_after(r->a, u->valid_to));
		if (u->successor_id > 0) {
			H(r, "; đơn vị kế thừa: ");
			unit_link(r, all, n, u->successor_id);
		}
		H(r, ")</span>");
	}
}

/* ---- /units: the tree ------------------------------------------------- */

struct tree {
	const struct unit *all;
	size_t n;
	size_t **kids;      /* kids[i]: indexes of unit i's children, collated */
	size_t *kids_len;
	size_t *roots;
	size_t roots_len;
	char *seen;         /* guards against a cycle in bad data */
	const char *today;
};

static void tree_item(struct req *r, struct tree *t, size_t i, int depth)
{
	const struct unit *u = &t->all[i];
	t->seen[i] = 1;
	H(r, "<li><a href=\"/units/");
	html_int(r, u->id);
	H(r, "\">");
	html_text(r, u->name);
	H(r, "</a>");
	if (u->short_name && *u->short_name && strcmp(u->short_name, u->name)) {
		H(r, " (");
		html_text(r, u->short_name);
		H(r, ")");
	}
	H(r, " <span class=\"muted\">");
	if (u->level) {
		html_text(r, unit_level_label(u->level));
		H(r, " · ");
	}
	html_text(r, unit_kind_label(u->kind));
	H(r, "</span>");
	unit_marks(r, t->all, t->n, u, t->today);
	size_t shown = 0;
	for (size_t k = 0; k < t->kids_len[i]; k++) {
		size_t c = t->kids[i][k];
		if (t->seen[c] || depth > 32)
			continue;
		if (!shown++)
			H(r, "<ul>");
		tree_item(r, t, c, depth + 1);
	}
	if (shown)
		H(r, "</ul>");
	H(r, "</li>");
}

/* 1 when the user may add a unit somewhere (to decide whether to show
 * the link and the form; the model decides on the POST). */
static int may_add(struct req *r)
{
	return !access_check(r->db, r->user, ACT_UNIT_EDIT, 0) ||
	       !access_check(r->db, r->user, ACT_UNIT_EDIT, r->user->unit_id);
}

int page_units(struct req *r)
{
	struct unit *all = NULL;
	size_t n = 0;
	int rc = unit_list(r->db, r->a, &all, &n);
	if (rc)
		return rc;
	char today[11];
	date_iso(date_today(), today);

	struct tree t = {.all = all, .n = n, .today = today};
	t.kids = arena_alloc(r->a, (n + 1) * sizeof *t.kids);
	t.kids_len = arena_alloc(r->a, (n + 1) * sizeof *t.kids_len);
	t.roots = arena_alloc(r->a, (n + 1) * sizeof *t.roots);
	t.seen = arena_alloc(r->a, n + 1);
	size_t *caps = arena_alloc(r->a, (n + 1) * sizeof *caps);
	if (!t.kids || !t.kids_len || !t.roots || !t.seen || !caps)
		return PH_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		size_t p = n;
		for (size_t j = 0; all[i].parent_id > 0 && j < n; j++)
			if (all[j].id == all[i].parent_id && j != i) {
				p = j;
				break;
			}
		size_t *slot = p == n ? &t.roots[t.roots_len++]
		                      : ARENA_PUSH(r->a, t.kids[p], t.kids_len[p], caps[p]);
		if (!slot)
			return PH_ENOMEM;
		*slot = i;
	}

	layout_begin(r, "Đơn vị", "units");
	H(r, "<h1>Đơn vị</h1>");
	if (may_add(r))
		H(r, "<p><a class=\"button\" id=\"unit-add-link\" href=\"/units/new\">Thêm đơn vị</a></p>");
	H(r, "<p class=\"muted\">");
	html_int(r, (long long)n);
	H(r, " đơn vị. Đơn vị “đề xuất” được tạo khi nhập văn bản và đang chờ xem xét.</p>");
	H(r, "<section class=\"card\"><ul class=\"tree\" id=\"unit-tree\">");
	for (size_t k = 0; k < t.roots_len; k++)
		tree_item(r, &t, t.roots[k], 0);
	/* Units on a cycle in bad data are never reached from a root. */
	for (size_t i = 0; i < n; i++)
		if (!t.seen[i])
			tree_item(r, &t, i, 0);
	H(r, "</ul></section>");
	layout_end(r);
	return 0;
}

/* ---- /units/new and POST /units -------------------------------------- */

/* What a form sent back, to fill it again after an error. */
struct unit_form {
	const char *error;
	const char *name, *short_name, *valid_from, *valid_to;
	const char *kind, *level, *alias, *date;
	long long parent_id, into;
};

/* A form field, or NULL when absent or blank. */
static const char *field(struct req *r, const char *name)
{
	const char *v = req_form(r, name);
	while (v && (*v == ' ' || *v == '\t'))
		v++;
	return v && *v ? v : NULL;
}

/* A form field as a positive id: 0 when absent, -1 when not a number. */
static long long field_id(struct req *r, const char *name)
{
	const char *v = field(r, name);
	if (!v)
		return 0;
	char *end = NULL;
	long long id = strtoll(v, &end, 10);
	return end && !*end && id >= 0 ? id : -1;
}

static void text_input(struct req *r, const char *id, const char *name,
                       const char *label, const char *value, int required)
{
	H(r, "<p><label for=\"");
	html_attr(r, id);
	H(r, "\">");
	html_text(r, label);
	H(r, "</label><input type=\"text\" id=\"");
	html_attr(r, id);
	H(r, "\" name=\"");
	html_attr(r, name);
	H(r, "\" value=\"");
	html_attr(r, value);
	H(r, "\"");
	if (required)
		H(r, " required");
	H(r, "></p>");
}

static void date_input(struct req *r, const char *id, const char *name,
                       const char *label, const char *value, int required)
{
	H(r, "<p><label for=\"");
	html_attr(r, id);
	H(r, "\">");
	html_text(r, label);
	H(r, "</label><input type=\"date\" id=\"");
	html_attr(r, id);
	H(r, "\" name=\"");
	html_attr(r, name);
	H(r, "\" value=\"");
	html_attr(r, value);
	H(r, "\"");
	if (required)
		H(r, " required");
	H(r, "></p>");
}

/* <option>s of every unit, collated, selected = sel; skip = a unit not to
 * offer (merging into itself). */
static void unit_options(struct req *r, const struct unit *all, size_t n,
                         long long sel, long long skip)
{
	for (size_t i = 0; i < n; i++) {
		if (all[i].id == skip)
			continue;
		H(r, "<option value=\"");
		html_int(r, all[i].id);
		H(r, "\"");
		if (all[i].id == sel)
			H(r, " selected");
		H(r, ">");
		html_text(r, all[i].name);
		if (all[i].proposed)
			H(r, " (đề xuất)");
		H(r, "</option>");
	}
}

static void choice_options(struct req *r, const char *const (*list)[2], size_t n,
                           const char *sel)
{
	for (size_t i = 0; i < n; i++) {
		H(r, "<option value=\"");
		html_attr(r, list[i][0]);
		H(r, "\"");
		if (sel && !strcmp(sel, list[i][0]))
			H(r, " selected");
		H(r, ">");
		html_text(r, list[i][1]);
		H(r, "</option>");
	}
}

static int new_form(struct req *r, const struct unit_form *f, int status)
{
	struct unit *all = NULL;
	size_t n = 0;
	int rc = unit_list(r->db, r->a, &all, &n);
	if (rc)
		return rc;
	r->status = status;
	layout_begin(r, "Thêm đơn vị", "units");
	H(r, "<p><a href=\"/units\">← Đơn vị</a></p><h1>Thêm đơn vị</h1>");
	if (f->error)
		layout_notice(r, "error", f->error);
	H(r, "<section class=\"card\">");
	html_form_post(r, "/units", "id=\"unit-new\"");
	H(r, "<p><label for=\"parent_id\">Đơn vị cấp trên</label>"
	     "<select id=\"parent_id\" name=\"parent_id\">"
	     "<option value=\"0\">— Không có (đơn vị gốc) —</option>");
	unit_options(r, all, n, f->parent_id, 0);
	H(r, "</select></p><p><label for=\"kind\">Loại</label>"
	     "<select id=\"kind\" name=\"kind\" required>");
	choice_options(r, unit_kinds, sizeof unit_kinds / sizeof unit_kinds[0], f->kind ? f->kind : "department");
	H(r, "</select></p><p><label for=\"level\">Cấp</label>"
	     "<select id=\"level\" name=\"level\" required>");
	choice_options(r, unit_levels, sizeof unit_levels / sizeof unit_levels[0], f->level ? f->level : "province");
	H(r, "</select></p>");
	text_input(r, "name", "name", "Tên đầy đủ", f->name, 1);
	text_input(r, "short_name", "short_name", "Tên viết tắt (không bắt buộc)", f->short_name, 0);
	date_input(r, "valid_from", "valid_from", "Hiệu lực từ ngày (không bắt buộc)", f->valid_from, 0);
	date_input(r, "valid_to", "valid_to", "Hiệu lực đến ngày (không bắt buộc)", f->valid_to, 0);
	H(r, "<p><button type=\"submit\">Thêm đơn vị</button></p></form></section>");
	layout_end(r);
	return 0;
}

int page_unit_new(struct req *r)
{
	/* Only to decide whether the form makes sense to show. */
	if (!may_add(r))
		return PH_EFORBIDDEN;
	struct unit_form f = {.parent_id = req_query_int(r, "parent", 0)};
	if (f.parent_id < 0)
		f.parent_id = 0;
	return new_form(r, &f, 200);
}

int page_unit_add(struct req *r)
{
	struct unit_form f = {
		.parent_id = field_id(r, "parent_id"), .kind = field(r, "kind"),
		.level = field(r, "level"), .name = field(r, "name"),
		.short_name = field(r, "short_name"), .valid_from = field(r, "valid_from"),
		.valid_to = field(r, "valid_to"),
	};
	long long id = 0;
	int rc;
	if (f.parent_id < 0)
		rc = PH_EINVAL;
	else if (!f.name)
		rc = PH_EINVAL;
	else
		rc = unit_add(r->db, r->user, f.parent_id, f.kind, f.level, f.name,
		              f.short_name, f.valid_from, f.valid_to, &id);
	if (rc == PH_EINVAL) {
		f.error = "Không thêm được đơn vị: cần có tên, loại và cấp hợp lệ; "
		          "ngày bắt đầu hiệu lực không được sau ngày kết thúc.";
		if (f.parent_id < 0)
			f.parent_id = 0;
		return new_form(r, &f, 422);
	}
	if (rc == PH_EDUPLICATE) {
		f.error = "Đơn vị cấp trên đã có một đơn vị trực thuộc cùng tên, "
		          "cùng thời gian hiệu lực.";
		return new_form(r, &f, 409);
	}
	if (rc)
		return rc;
	return reply_redirect(r, arena_printf(r->a, "/units/%lld?ok=add", id));
}

/* ---- /units/{id} -------------------------------------------------------- */

/* The unit's tasks in one role, a table. */
static int task_table(struct req *r, long long unit_id, const char *role,
                      const char *heading, const char *id)
{
	struct task_query q = {.f = {.unit_id = unit_id, .role = role,
	                             .today = date_today()},
	                       .sort = "end", .limit = 200};
	struct task *t = NULL;
	size_t n = 0;
	long long total = 0;
	int rc = task_search(r->db, r->a, &q, &t, &n, &total);
	if (rc)
		return rc;
	H(r, "<section id=\"");
	html_attr(r, id);
	H(r, "\"><h2>");
	html_text(r, heading);
	H(r, " <span class=\"muted\">(");
	html_int(r, total);
	H(r, ")</span></h2>");
	if (!n) {
		H(r, "<p class=\"muted\">Không có nhiệm vụ.</p></section>");
		return 0;
	}
	H(r, "<div class=\"table-wrap\"><table><thead><tr><th>TT</th><th>Nội dung</th>"
	     "<th>Kế hoạch</th><th>Thời gian</th><th>Trạng thái</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		if (t[i].overdue)
			H(r, "<tr class=\"overdue\"><td>");
		else
			H(r, "<tr><td>");
		html_text(r, t[i].no);
		H(r, "</td><td><a href=\"/tasks/");
		html_int(r, t[i].id);
		H(r, "\">");
		html_text(r, t[i].content);
		H(r, "</a></td><td><a href=\"/plans/");
		html_int(r, t[i].plan_id);
		H(r, "\">");
		html_text(r, t[i].plan_title);
		H(r, "</a></td><td>");
		html_text(r, t[i].timeframe_text);
		if (t[i].end) {
			H(r, "<br><span class=\"muted\">");
			if (t[i].start) {
				html_date(r, t[i].start);
				H(r, " – ");
			} else {
				H(r, "hạn ");
			}
			html_date(r, t[i].end);
			H(r, "</span>");
		}
		if (t[i].overdue)
			H(r, "<br><span class=\"overdue\">Quá hạn</span>");
		H(r, "</td><td><span class=\"status ");
		html_attr(r, t[i].status);
		H(r, "\">");
		html_text(r, task_status_label(t[i].status));
		H(r, "</span></td></tr>");
	}
	H(r, "</tbody></table></div>");
	if (total > (long long)n) {
		H(r, "<p class=\"muted\">Hiển thị ");
		html_int(r, (long long)n);
		H(r, " trên ");
		html_int(r, total);
		H(r, " nhiệm vụ. <a href=\"/tasks?unit=");
		html_int(r, unit_id);
		H(r, "&amp;role=");
		html_url(r, role);
		H(r, "\">Xem tất cả</a></p>");
	}
	H(r, "</section>");
	return 0;
}

static const char *ok_message(const char *ok)
{
	static const char *const msgs[][2] = {
		{"add", "Đã thêm đơn vị."},
		{"rename", "Đã đổi tên đơn vị; tên cũ được giữ làm tên gọi khác."},
		{"validity", "Đã cập nhật thời gian hiệu lực."},
		{"alias", "Đã thêm tên gọi khác."},
		{"merge", "Đã sáp nhập đơn vị vào đơn vị này; các nhiệm vụ chưa hoàn thành "
		          "đã được chuyển sang."},
		{"accept", "Đã chấp nhận đơn vị vào danh mục."},
	};
	for (size_t i = 0; ok && i < sizeof msgs / sizeof msgs[0]; i++)
		if (!strcmp(ok, msgs[i][0]))
			return msgs[i][1];
	return NULL;
}

static int unit_page(struct req *r, const struct unit_form *f, int status)
{
	struct unit u;
	int rc = unit_get(r->db, r->a, r->id, &u);
	if (rc)
		return rc;
	struct unit *all = NULL;
	size_t n = 0;
	char **aliases = NULL;
	size_t aliases_len = 0;
	if ((rc = unit_list(r->db, r->a, &all, &n)) ||
	    (rc = unit_aliases(r->db, r->a, u.id, &aliases, &aliases_len)))
		return rc;
	char today[11];
	date_iso(date_today(), today);
	int may_edit = !access_check(r->db, r->user, ACT_UNIT_EDIT, u.id);

	r->status = status;
	layout_begin(r, u.name, "units");
	H(r, "<p><a href=\"/units\">← Đơn vị</a></p><h1>");
	html_text(r, u.name);
	H(r, "</h1>");
	if (f->error)
		layout_notice(r, "error", f->error);
	else if (ok_message(req_query(r, "ok")))
		layout_notice(r, "ok", ok_message(req_query(r, "ok")));

	H(r, "<section class=\"card\"><dl class=\"meta\" id=\"unit-meta\"><dt>Tên đầy đủ</dt><dd>");
	html_text(r, u.name);
	unit_marks(r, all, n, &u, today);
	H(r, "</dd><dt>Tên viết tắt</dt><dd>");
	if (u.short_name && *u.short_name)
		html_text(r, u.short_name);
	else
		H(r, "<span class=\"muted\">—</span>");
	H(r, "</dd><dt>Mã</dt><dd><code>");
	html_text(r, u.key);
	H(r, "</code></dd><dt>Loại</dt><dd>");
	html_text(r, unit_kind_label(u.kind));
	H(r, "</dd><dt>Cấp</dt><dd>");
	if (u.level)
		html_text(r, unit_level_label(u.level));
	else
		H(r, "<span class=\"muted\">chưa xác định</span>");
	H(r, "</dd><dt>Đơn vị cấp trên</dt><dd>");
	if (u.parent_id > 0)
		unit_link(r, all, n, u.parent_id);
	else
		H(r, "<span class=\"muted\">—</span>");
	H(r, "</dd><dt>Hiệu lực</dt><dd>");
	int has_from = u.valid_from && *u.valid_from, has_to = u.valid_to && *u.valid_to;
	if (has_from) {
		H(r, "từ ");
		html_date(r, u.valid_from);
	}
	if (has_from && has_to)
		H(r, " ");
	if (has_to) {
		H(r, "đến hết ");
		html_date(r, u.valid_to);
	}
	if (!has_from && !has_to)
		H(r, "không giới hạn");
	H(r, "</dd>");
	if (u.successor_id > 0) {
		H(r, "<dt>Đơn vị kế thừa</dt><dd>");
		unit_link(r, all, n, u.successor_id);
		H(r, "</dd>");
	}
	size_t preds = 0;
	for (size_t i = 0; i < n; i++) {
		if (all[i].successor_id != u.id || all[i].id == u.id)
			continue;
		if (preds++)
			H(r, ", ");
		else
			H(r, "<dt>Kế thừa từ</dt><dd>");
		unit_link(r, all, n, all[i].id);
	}
	if (preds)
		H(r, "</dd>");
	H(r, "<dt>Tên gọi khác</dt><dd>");
	if (!aliases_len)
		H(r, "<span class=\"muted\">—</span>");
	else {
		H(r, "<ul id=\"unit-aliases\">");
		for (size_t i = 0; i < aliases_len; i++) {
			H(r, "<li>");
			html_text(r, aliases[i]);
			H(r, "</li>");
		}
		H(r, "</ul>");
	}
	H(r, "</dd></dl>");
	size_t kids = 0;
	for (size_t i = 0; i < n; i++) {
		if (all[i].parent_id != u.id || all[i].id == u.id)
			continue;
		if (!kids++)
			H(r, "<h2>Đơn vị trực thuộc</h2><ul class=\"tree\">");
		H(r, "<li>");
		unit_link(r, all, n, all[i].id);
		unit_marks(r, all, n, &all[i], today);
		H(r, "</li>");
	}
	if (kids)
		H(r, "</ul>");
	H(r, "</section>");

	if ((rc = task_table(r, u.id, "lead", "Nhiệm vụ chủ trì", "tasks-lead")) ||
	    (rc = task_table(r, u.id, "coordinating", "Nhiệm vụ phối hợp", "tasks-coordinating")))
		return rc;

	if (may_edit && u.proposed) {
		/* A name an import could not match: accept it into the registry,
		 * or merge it into the unit it means (below). */
		H(r, "<section class=\"card\" id=\"unit-proposed\"><h2>Đơn vị đề xuất</h2><p>Đơn vị"
		     " này được tạo khi nhập văn bản vì tên trong văn bản chưa có trong danh mục. Nếu"
		     " đây là một đơn vị mới, hãy chấp nhận vào danh mục; nếu là tên khác của một đơn vị"
		     " đã có, hãy sáp nhập vào đơn vị đó.</p>");
		html_form_post(r, arena_printf(r->a, "/units/%lld/accept", u.id), "id=\"unit-accept\"");
		H(r, "<p><label for=\"accept-kind\">Loại đơn vị</label><select id=\"accept-kind\""
		     " name=\"kind\">");
		choice_options(r, unit_kinds, sizeof unit_kinds / sizeof *unit_kinds, u.kind);
		H(r, "</select></p><p><label for=\"accept-level\">Cấp</label><select id=\"accept-level\""
		     " name=\"level\"><option value=\"\">— Cấp của đơn vị cấp trên —</option>");
		choice_options(r, unit_levels, sizeof unit_levels / sizeof *unit_levels, NULL);
		H(r, "</select></p><p><button type=\"submit\">Chấp nhận đơn vị</button></p></form>"
		     "</section>");
	}
	if (may_edit) {
		H(r, "<h2>Quản lý đơn vị</h2><div class=\"grid\">");

		H(r, "<section class=\"card\"><h3>Đổi tên</h3>");
		html_form_post(r, arena_printf(r->a, "/units/%lld/rename", u.id), "id=\"unit-rename\"");
		text_input(r, "rename-name", "name", "Tên mới", f->name ? f->name : u.name, 1);
		text_input(r, "rename-short_name", "short_name", "Tên viết tắt", f->short_name ? f->short_name : u.short_name, 0);
		H(r, "<p class=\"muted\">Tên cũ được giữ làm tên gọi khác để văn bản cũ vẫn nhận ra đơn vị.</p>"
		     "<p><button type=\"submit\">Đổi tên</button></p></form></section>");

		H(r, "<section class=\"card\"><h3>Thời gian hiệu lực</h3>");
		html_form_post(r, arena_printf(r->a, "/units/%lld/validity", u.id), "id=\"unit-validity\"");
		date_input(r, "validity-from", "valid_from", "Từ ngày",
		           f->valid_from ? f->valid_from : u.valid_from, 0);
		date_input(r, "validity-to", "valid_to", "Đến hết ngày",
		           f->valid_to ? f->valid_to : u.valid_to, 0);
		H(r, "<p><button type=\"submit\">Lưu</button></p></form></section>");

		H(r, "<section class=\"card\"><h3>Thêm tên gọi khác</h3>");
		html_form_post(r, arena_printf(r->a, "/units/%lld/aliases", u.id), "id=\"unit-alias\"");
		text_input(r, "alias", "alias", "Tên gọi khác (như trong văn bản)", f->alias, 1);
		H(r, "<p><button type=\"submit\">Thêm</button></p></form></section>");

		if (u.successor_id <= 0) {
			H(r, "<section class=\"card\"><h3>Sáp nhập vào đơn vị khác</h3>");
			html_form_post(r, arena_printf(r->a, "/units/%lld/merge", u.id), "id=\"unit-merge\"");
			H(r, "<p><label for=\"merge-into\">Sáp nhập vào</label><select id=\"merge-into\" name=\"into\" required>"
			     "<option value=\"\">— Chọn đơn vị —</option>");
			unit_options(r, all, n, f->into, u.id);
			H(r, "</select></p>");
			date_input(r, "merge-date", "date", "Ngày cuối cùng đơn vị này còn hiệu lực",
			           f->date ? f->date : today, 1);
			H(r, "<p class=\"muted\">Tên và tên gọi khác của đơn vị này trở thành tên gọi khác của "
			     "đơn vị nhận; các nhiệm vụ chưa hoàn thành được chuyển sang đơn vị nhận.</p>"
			     "<p><button type=\"submit\" class=\"secondary\" data-confirm=\""
			     "Sáp nhập đơn vị này? Việc này không hoàn tác được.\">Sáp nhập</button></p>"
			     "</form></section>");
		}


		H(r, "</div><p><a href=\"/units/new?parent=");
		html_int(r, u.id);
		H(r, "\">Thêm đơn vị trực thuộc</a> · <a href=\"/audit?entity=unit&amp;entity_id=");
		html_int(r, u.id);
		H(r, "\">Lịch sử thay đổi</a></p>");
	}
	if (!access_check(r->db, r->user, ACT_FEED, u.id)) {
		H(r, "<section class=\"card\" id=\"unit-feed\"><h2>Lịch nhắc hạn (iCalendar)</h2>"
		     "<p class=\"muted\">Đăng ký lịch này trong Google Calendar, Outlook hay ứng dụng "
		     "lịch trên điện thoại để thấy hạn các nhiệm vụ của đơn vị và hạn báo cáo. "
		     "Tạo đường dẫn mới sẽ thu hồi đường dẫn cũ.</p>");
		html_form_post(r, arena_printf(r->a, "/units/%lld/feed", u.id), "id=\"unit-feed-form\"");
		H(r, "<p><button type=\"submit\">Tạo đường dẫn lịch mới</button></p></form></section>");
	}
	layout_end(r);
	return 0;
}

int page_unit(struct req *r)
{
	struct unit_form f = {0};
	return unit_page(r, &f, 200);
}

/* After a unit POST: redirect on success, re-render with the message
 * for bad input or a duplicate, return any other code. */
static int after_post(struct req *r, int rc, struct unit_form *f, long long to,
                      const char *ok, const char *invalid, const char *duplicate)
{
	if (!rc)
		return reply_redirect(r, arena_printf(r->a, "/units/%lld?ok=%s", to, ok));
	if (rc == PH_EINVAL || (rc == PH_EDUPLICATE && duplicate)) {
		f->error = rc == PH_EINVAL ? invalid : duplicate;
		return unit_page(r, f, rc == PH_EINVAL ? 422 : 409);
	}
	return rc;
}

int page_unit_rename(struct req *r)
{
	struct unit_form f = {.name = field(r, "name"), .short_name = field(r, "short_name")};
	int rc = f.name ? unit_rename(r->db, r->user, r->id, f.name, f.short_name) : PH_EINVAL;
	return after_post(r, rc, &f, r->id, "rename", "Tên mới không được để trống.",
	                  "Đơn vị cấp trên đã có một đơn vị trực thuộc cùng tên, "
	                  "cùng thời gian hiệu lực.");
}

int page_unit_validity(struct req *r)
{
	struct unit_form f = {.valid_from = field(r, "valid_from"), .valid_to = field(r, "valid_to")};
	int rc = unit_set_validity(r->db, r->user, r->id, f.valid_from, f.valid_to);
	return after_post(r, rc, &f, r->id, "validity",
	                  "Ngày không hợp lệ: ngày bắt đầu hiệu lực không được sau ngày kết thúc.",
	                  "Trong thời gian này, đơn vị cấp trên đã có một đơn vị trực thuộc cùng tên.");
}

int page_unit_alias(struct req *r)
{
	struct unit_form f = {.alias = field(r, "alias")};
	int rc = f.alias ? unit_add_alias(r->db, r->user, r->id, f.alias) : PH_EINVAL;
	return after_post(r, rc, &f, r->id, "alias", "Tên gọi khác không được để trống.",
	                  "Tên gọi này đã được dùng.");
}

int page_unit_merge(struct req *r)
{
	struct unit_form f = {.into = field_id(r, "into"), .date = field(r, "date")};
	int rc;
	if (f.into <= 0 || !f.date)
		rc = PH_EINVAL;
	else
		rc = unit_merge(r->db, r->user, r->id, f.into, f.date);
	if (f.into < 0)
		f.into = 0;
	/* An unknown target is bad input here, not a missing page. */
	if (rc == PH_ENOTFOUND && f.into > 0) {
		struct unit self;
		if (!unit_get(r->db, r->a, r->id, &self))
			rc = PH_EINVAL;
	}
	if (rc == PH_ECONFLICT) {
		f.error = "Đơn vị này đã được sáp nhập vào một đơn vị khác.";
		return unit_page(r, &f, 409);
	}
	return after_post(r, rc, &f, f.into, "merge",
	                  "Không sáp nhập được: hãy chọn một đơn vị khác (không phải chính đơn vị này "
	                  "hay đơn vị trực thuộc nó) còn hiệu lực sau ngày sáp nhập, và một ngày "
	                  "không trước ngày đơn vị này bắt đầu hiệu lực.",
	                  "Đơn vị nhận đã có tên gọi trùng.");
}

int page_unit_accept(struct req *r)
{
	struct unit_form f = {0};
	int rc = unit_accept(r->db, r->user, r->id, field(r, "kind"), field(r, "level"));
	if (rc == PH_ECONFLICT) {
		f.error = "Đơn vị này không phải đơn vị đề xuất (có thể đã được chấp nhận).";
		return unit_page(r, &f, 409);
	}
	return after_post(r, rc, &f, r->id, "accept", "Loại hoặc cấp đơn vị không hợp lệ.",
	                  "Đơn vị cấp trên đã có một đơn vị cùng tên: hãy sáp nhập đơn vị đề xuất"
	                  " vào đơn vị đó.");
}

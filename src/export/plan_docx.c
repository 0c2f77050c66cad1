/* plan_docx.c: a plan as a Word file in the Decree 30/2020 layout, so that
 * a plan corrected or drafted in phoihop becomes the document to sign:
 * the letterhead from what the plan's document stated, the plan's
 * sections as headings, the recipients and signer it named, and the
 * appendix task table (STT · Nội dung · Cơ quan chủ trì · Cơ quan phối hợp
 * · Thời gian thực hiện · Ghi chú) with section rows across the table.
 * The table is the importer's own kind of table, so an exported plan
 * imports again with the same tasks, units and dates. */
#include "export/export.h"
#include "export/docx.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/err.h"
#include "db/store.h"
#include <string.h>

static const char *or_empty(const char *s) { return s ? s : ""; }

/* The coordinating units as written, one per line. */
static char *coords_text(struct arena *a, const struct task *t)
{
	char *s = "";
	for (size_t i = 0; i < t->coords_len; i++) {
		const char *name = t->coords[i].text ? t->coords[i].text : t->coords[i].unit_name;
		if (name)
			s = arena_printf(a, "%s%s%s", s, *s ? "\n" : "", name);
	}
	return s;
}

int export_plan_docx(struct db *db, struct arena *a, long long plan_id, struct buf *out)
{
	struct plan p;
	memset(&p, 0, sizeof p);
	int rc = store_plan_get(db, a, plan_id, &p);
	if (rc)
		return rc;
	struct plan_section *ps = NULL;
	size_t nps = 0;
	struct task *t = NULL;
	size_t nt = 0;
	struct store_row *rec = NULL, *sig = NULL;
	size_t nrec = 0, nsig = 0;
	int more = 0;
	struct task_filter f = {.plan_id = plan_id, .today = date_today()};
	rc = store_plan_sections(db, a, plan_id, &ps, &nps);
	if (!rc)
		rc = store_tasks_list(db, a, &f, &t, &nt);
	if (!rc)
		rc = store_plan_rows(db, a, plan_id, "recipients", 0, &rec, &nrec, &more);
	if (!rc)
		rc = store_plan_rows(db, a, plan_id, "signers", 0, &sig, &nsig, &more);
	if (rc)
		return rc;
	struct docx *d = NULL;
	if ((rc = docx_new(&d)))
		return rc;
	struct ph_date date = {0};
	if (p.date)
		date_parse_iso(p.date, &date);
	else if (p.year)
		date.y = p.year;
	/* The first issuing body is the letterhead's; a joint plan names the
	 * others in its title, as written. */
	char *issuer = p.issuers ? arena_strdup(a, p.issuers) : NULL;
	char *semi = issuer ? strstr(issuer, "; ") : NULL;
	if (semi)
		*semi = '\0';
	/* The stored number may carry its symbol ("41/KH-UBND"). */
	char *number = p.number ? arena_strdup(a, p.number) : NULL;
	char *slash = number ? strchr(number, '/') : NULL;
	if (slash)
		*slash = '\0';
	/* The importer joins the signature's lines with " / ". */
	char *authority = nsig && sig[0].c[2] ? arena_strdup(a, sig[0].c[2]) : NULL;
	for (char *q = authority; q && (q = strstr(q, " / "));)
		memmove(q, "\n", 1), memmove(q + 1, q + 3, strlen(q + 3) + 1);
	struct docx_letterhead h = {
		.issuer = issuer && *issuer ? issuer : "",
		.number = or_empty(number),
		.symbol = or_empty(p.symbol),
		.place = or_empty(p.place),
		.date = date,
		.type = p.type_text && *p.type_text ? p.type_text : "KẾ HOẠCH",
		.title = or_empty(p.title),
	};
	docx_letterhead(d, &h);
	for (size_t i = 0; i < nps; i++) {
		const char *title = ps[i].no ? arena_printf(a, "%s. %s", ps[i].no, or_empty(ps[i].title))
		                             : or_empty(ps[i].title);
		docx_heading(d, ps[i].level <= 1 ? 1 : ps[i].level == 2 ? 2 : 3, title);
	}
	docx_para(d, nt ? "Các nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này./."
	                : "Kế hoạch chưa có nhiệm vụ cụ thể./.");
	const char **list = arena_alloc(a, (nrec ? nrec : 1) * sizeof *list);
	if (!list || arena_failed(a)) {
		docx_free(d);
		return PH_ENOMEM;
	}
	size_t nl = 0;
	for (size_t i = 0; i < nrec; i++)
		if (rec[i].c[0] && *rec[i].c[0])
			list[nl++] = rec[i].c[0];
	/* signers: name, position, authority, organization */
	struct docx_closing cl = {
		.recipients = list,
		.nrecipients = nl,
		.authority = or_empty(authority),
		.position = nsig ? or_empty(sig[0].c[1]) : "",
		.signer = nsig ? or_empty(sig[0].c[0]) : "",
	};
	docx_closing(d, &cl);
	if (nt) {
		char *attached = arena_printf(a, "(Kèm theo Kế hoạch số %s/%s)",
		                              number && *number ? number : "     ",
		                              or_empty(p.symbol));
		docx_appendix(d, NULL, "DANH MỤC NHIỆM VỤ", attached ? attached : "");
		static const struct docx_column cols[] = {
			{"STT", 6, 1}, {"Nội dung", 38, 0}, {"Cơ quan chủ trì", 16, 0},
			{"Cơ quan phối hợp", 18, 0}, {"Thời gian thực hiện", 12, 1}, {"Ghi chú", 10, 0},
		};
		docx_table_begin(d, cols, sizeof cols / sizeof *cols);
		const char *section = NULL;
		for (size_t i = 0; i < nt; i++) {
			if (t[i].section && (!section || strcmp(section, t[i].section)))
				docx_table_section(d, t[i].section);
			section = t[i].section;
			const char *lead = t[i].lead_text ? t[i].lead_text : t[i].lead_name;
			const char *cells[6] = {
				or_empty(t[i].no), or_empty(t[i].content), or_empty(lead),
				coords_text(a, &t[i]), or_empty(t[i].timeframe_text), or_empty(t[i].notes),
			};
			if (arena_failed(a)) {
				docx_free(d);
				return PH_ENOMEM;
			}
			docx_table_row(d, cells, 6);
		}
		docx_table_end(d);
	}
	return docx_finish(d, out);
}

/* test_import_reach.c: whom an import may give tasks to (finding 7). The
 * document's parties (its issuers and the bodies a joint plan names) read
 * from the three real samples, the demo documents and made-up openings;
 * then a coordinator below the top of the tree (the provincial Women's
 * Union) importing: leads in its reach or below a party are allowed,
 * coordinating units may be any, other leads become review items only an
 * administrator confirms (a refused save writes nothing, the database is
 * re-read), corrections obey the same rule, and proposed units go under
 * the importer's unit, marked proposed. */
#include "test.h"
#include "fixture.h"
#include "samples.h"
#include "model/document.h"
#include "import/agency.h"
#include "import/extract.h"
#include "base/err.h"

static long long count(struct db *db, const char *sql)
{
	return fixture_int(db, sql, NULL);
}

/* Read text into ex (initialized here) with the database's resolver. */
static int extract(struct resolver *r, const char *text, struct extraction *ex)
{
	extraction_init(ex);
	return document_extract(text, strlen(text), DOC_TEXT, r, ex);
}

/* 1 when the parties are exactly the units of keys (NULL-terminated), in
 * any order. */
static int same_parties(struct db *db, const long long *ids, size_t n, const char *const *keys)
{
	size_t k = 0;
	for (; keys[k]; k++) {
		long long want = fixture_unit(db, keys[k]);
		int found = 0;
		for (size_t i = 0; i < n; i++)
			found |= ids[i] == want;
		if (!found)
			return 0;
	}
	return k == n;
}

static void test_parties(struct db *db, struct resolver *r)
{
	static const struct {
		const char *path;
		const char *keys[4];
	} docs[] = {
		{"../shared/samples/laocai-2024-ubnd-hlhpn-coordination-plan.txt",
		 {"laocai.ubnd", "laocai.hlhpn", NULL}},
		{"../shared/samples/ubdt-hlhpnvn-2024-coordination-plan.txt", {"tw.ubdt", "tw.hlhpn", NULL}},
		{"../shared/samples/laocai-2022-hlhpn-action-program.txt", {NULL}},
		{"demo/2025-laocai-ubnd-lldld-ke-hoach.txt", {"laocai.ubnd", "laocai.ldld", NULL}},
		{"demo/2026-laocai-ubnd-hlhpn-ke-hoach.txt", {"laocai.ubnd", "laocai.hlhpn", NULL}},
		{"demo/2024-laocai-hnd-chuong-trinh.md", {"laocai.hnd", NULL}},
	};
	int skipped = 0;
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		size_t len = 0;
		char *text = sample_load(docs[i].path, &len);
		if (!text && !strncmp(docs[i].path, "../shared/", 10)) {
			skipped++;
			continue;
		}
		CHECK(text != NULL, "cannot read %s", docs[i].path);
		if (!text)
			continue;
		struct extraction ex;
		extraction_init(&ex);
		/* The real samples are Markdown saved as .txt (their golden cases
		 * read them so too); our own documents say it by their names. */
		enum doc_format f = !strncmp(docs[i].path, "../shared/", 10)
		                    ? DOC_MARKDOWN : doc_format_from_name(docs[i].path);
		CHECK_INT(document_extract(text, len, f, r, &ex), 0, docs[i].path);
		long long ids[DOCUMENT_PARTIES_MAX];
		size_t n = document_parties(r, &ex, text, len, ids);
		CHECK(same_parties(db, ids, n, docs[i].keys), "%s: %zu parties, not the ones expected",
		      docs[i].path, n);
		extraction_cleanup(&ex);
		free(text);
	}
	if (skipped)
		printf("SKIP: ../shared/samples not found (%d sample documents)\n", skipped);

	/* Made-up titles and openings: a three-party joint program, a legal
	 * basis that names other parties (not read), a list joined by "cùng". */
	static const struct {
		const char *what, *text;
		const char *keys[4];
	} made[] = {
		{"liên tịch giữa A, B và C",
		 "HỘI NÔNG DÂN TỈNH LÀO CAI\n\nSố: 3/CTrLT-HND\n\nLào Cai, ngày 02 tháng 3 năm 2025\n\n"
		 "CHƯƠNG TRÌNH\nLiên tịch giữa Hội Nông dân tỉnh, Tỉnh đoàn và Hội Liên hiệp Phụ nữ tỉnh"
		 " năm 2025\n\nI. MỤC ĐÍCH\n\n1. Phối hợp.\n",
		 {"laocai.hnd", "laocai.tinhdoan", "laocai.hlhpn"}},
		{"legal bases are not read",
		 "HỘI LIÊN HIỆP PHỤ NỮ TỈNH LÀO CAI\n\nSố: 4/KH-HLHPN\n\nLào Cai, ngày 02 tháng 3 năm 2025\n\n"
		 "KẾ HOẠCH\nTuyên truyền năm 2025\n\nCăn cứ Quy chế phối hợp giữa Công an tỉnh và Tỉnh"
		 " đoàn;\n\nI. MỤC ĐÍCH\n\n1. Tuyên truyền.\n",
		 {"laocai.hlhpn", NULL}},
		{"the opening, not the sections",
		 "HỘI LIÊN HIỆP PHỤ NỮ TỈNH LÀO CAI\n\nSố: 5/KH-HLHPN\n\nLào Cai, ngày 02 tháng 3 năm 2025\n\n"
		 "KẾ HOẠCH\nHoạt động năm 2025\n\nĐể phối hợp giữa Hội Liên hiệp Phụ nữ tỉnh cùng Công an"
		 " tỉnh, ban hành kế hoạch như sau:\n\nI. MỤC ĐÍCH\n\nPhối hợp giữa Tỉnh đoàn và Sở Y tế.\n",
		 {"laocai.hlhpn", "laocai.congan", NULL}},
	};
	for (size_t i = 0; i < sizeof made / sizeof *made; i++) {
		struct extraction ex;
		CHECK_INT(extract(r, made[i].text, &ex), 0, made[i].what);
		long long ids[DOCUMENT_PARTIES_MAX];
		size_t n = document_parties(r, &ex, made[i].text, strlen(made[i].text), ids);
		CHECK(same_parties(db, ids, n, made[i].keys), "%s: %zu parties", made[i].what, n);
		extraction_cleanup(&ex);
	}
}

/* The finding's document: UBND tỉnh issues it, tasks for the police, the
 * Youth Union, a new body, a department and a district union. */
static const char police[] =
	"ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nSố: 999/KH-UBND\nLào Cai, ngày 10 tháng 01 năm 2026\n\n"
	"KẾ HOẠCH\nKiểm tra phân quyền\n\nPHỤ LỤC\n"
	"STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n"
	"1\tTuần tra biên giới\tCông an tỉnh\tBộ Chỉ huy Quân sự tỉnh\tQuý I/2026\n"
	"2\tHội trại\tTỉnh đoàn\tSở Nội vụ\tTháng 3/2026\n"
	"3\tViệc mới\tBan Mới Thử\tSở Nội vụ\tTháng 4/2026\n"
	"4\tRà soát\tSở Nội vụ\tCông an tỉnh\tTháng 5/2026\n"
	"5\tTọa đàm\tHội LHPN huyện Bắc Hà\tTỉnh đoàn\tTháng 6/2026\n";

/* A joint plan of the Women's Union with UBND tỉnh, its own header. */
static const char joint[] =
	"HỘI LIÊN HIỆP PHỤ NỮ TỈNH LÀO CAI\nSố: 12/KH-HLHPN\nLào Cai, ngày 12 tháng 01 năm 2026\n\n"
	"KẾ HOẠCH\nPhối hợp giữa Ủy ban nhân dân tỉnh Lào Cai với Hội Liên hiệp Phụ nữ tỉnh Lào Cai"
	" năm 2026\n\nPHỤ LỤC\n"
	"STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n"
	"1\tHỗ trợ vay vốn\tHội LHPN tỉnh\tCông an tỉnh\tQuý I/2026\n"
	"2\tKhám sức khỏe\tSở Y tế\tTỉnh đoàn\tQuý II/2026\n"
	"3\tCâu lạc bộ\tBan Mới Hai\tHội LHPN tỉnh\tQuý III/2026\n";

static long long rows(struct db *db)
{
	return count(db, "SELECT (SELECT COUNT(*) FROM documents) * 1000000 +"
	                 " (SELECT COUNT(*) FROM units) * 1000 + (SELECT COUNT(*) FROM tasks)");
}

static void test_import(struct db *db, struct resolver *r)
{
	long long hlhpn = fixture_unit(db, "laocai.hlhpn");
	long long ubnd = fixture_unit(db, "laocai.ubnd");
	struct user dp = fixture_person(0, "dp", hlhpn, ROLE_COORDINATOR);
	struct user admin = fixture_person(0, "qt", ubnd, ROLE_ADMIN);
	struct user editor = fixture_person(0, "bt", hlhpn, ROLE_EDITOR);
	struct arena a;
	arena_init(&a);

	/* Outside the reach and the parties: the police and the Youth Union.
	 * Sở Nội vụ is below the issuer; Bắc Hà is in reach; "Ban Mới Thử"
	 * resolves to nothing (a proposed unit under the importer's unit). */
	struct extraction ex;
	CHECK_INT(extract(r, police, &ex), 0, "extract the finding's document");
	CHECK_INT(ex.tasks_len, 5, "five tasks");
	struct document_reach reach;
	size_t review = ex.review_len;
	CHECK_INT(document_reach(db, &dp, r, &ex, police, strlen(police), 1, &a, &reach), 0, "reach");
	CHECK(reach.nparties == 1 && reach.parties[0] == ubnd, "the issuer is the party");
	CHECK_INT(reach.noutside, 2, "two leads outside");
	CHECK(reach.noutside == 2 && reach.outside[0].task == 0 && reach.outside[1].task == 1 &&
	      reach.outside[0].unit_id == fixture_unit(db, "laocai.congan") &&
	      reach.outside[1].unit_id == fixture_unit(db, "laocai.tinhdoan"),
	      "the police's and the Youth Union's tasks");
	CHECK_INT(ex.review_len, review + 2, "each one a review item");
	CHECK(ex.review_len == review + 2 &&
	      strstr(ex.review[review].what, "Công an tỉnh Lào Cai") &&
	      strstr(ex.review[review].what, "nằm ngoài phạm vi của bạn: cần quản trị viên xác nhận"),
	      "the review item says why: %s", ex.review_len > review ? ex.review[review].what : "");
	long long before = rows(db);
	long long doc = 0, plan = 0;
	CHECK_INT(document_save(db, &dp, &ex, "p.txt", police, strlen(police), &doc, &plan),
	          PH_EFORBIDDEN, "the coordinator's confirm is refused");
	CHECK_INT(rows(db), before, "nothing written: no document, unit or task");
	CHECK_INT(document_save(db, &editor, &ex, "p.txt", police, strlen(police), &doc, &plan),
	          PH_EFORBIDDEN, "an editor imports nothing");
	/* The same document through an administrator. */
	struct document_reach none;
	CHECK_INT(document_reach(db, &admin, r, &ex, police, strlen(police), 0, &a, &none), 0,
	          "administrator's reach");
	CHECK_INT(none.noutside, 0, "nothing outside an administrator's reach");
	CHECK_INT(document_save(db, &admin, &ex, "p.txt", police, strlen(police), &doc, &plan), 0,
	          "the administrator's confirm writes it");
	CHECK(doc > 0 && plan > 0, "saved");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM units WHERE name = 'Ban Mới Thử' AND proposed = 1"
	                " AND parent_id = (SELECT id FROM units WHERE key = 'laocai.ubnd')"), 1,
	          "the proposed unit under the administrator's unit");
	extraction_cleanup(&ex);

	/* A joint plan of UBND tỉnh and the Women's Union: UBND tỉnh's units
	 * may lead; coordinating units may be any. */
	CHECK_INT(extract(r, joint, &ex), 0, "extract the joint plan");
	CHECK_INT(document_reach(db, &dp, r, &ex, joint, strlen(joint), 1, &a, &reach), 0,
	          "joint plan's reach");
	CHECK_INT(reach.noutside, 0, "Sở Y tế is below a party; the police only coordinates");
	CHECK_INT(document_save(db, &dp, &ex, "j.txt", joint, strlen(joint), &doc, &plan), 0,
	          "the coordinator imports the joint plan");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM units WHERE name = 'Ban Mới Hai' AND proposed = 1"
	                " AND level IS NULL AND parent_id = (SELECT id FROM units"
	                " WHERE key = 'laocai.hlhpn')"), 1,
	          "the proposed unit under the importer's unit, marked proposed");
	extraction_cleanup(&ex);

	/* A correction that makes a lead outside the reach obeys the rule. */
	char fixed[sizeof joint + 16];
	snprintf(fixed, sizeof fixed, "%s", joint);
	memcpy(strstr(fixed, "Số: 12/"), "Số: 13/", 7); /* another text: not a duplicate */
	CHECK_INT(extract(r, fixed, &ex), 0, "extract again");
	CHECK_INT(document_set_unit(db, &ex, "Ban Mới Hai", fixture_unit(db, "laocai.congan")), 0,
	          "correct the new body to the police");
	CHECK_INT(document_reach(db, &dp, r, &ex, fixed, strlen(fixed), 1, &a, &reach), 0,
	          "reach after the correction");
	CHECK(reach.noutside == 1 && reach.outside[0].task == 2, "the corrected lead is outside");
	before = rows(db);
	CHECK_INT(document_save(db, &dp, &ex, "k.txt", fixed, strlen(fixed), &doc, &plan),
	          PH_EFORBIDDEN, "refused");
	CHECK_INT(rows(db), before, "nothing written");
	extraction_cleanup(&ex);
	CHECK_INT(document_reach(db, NULL, r, &ex, fixed, strlen(fixed), 0, &a, &reach), PH_EUNAUTH,
	          "no actor");
	arena_cleanup(&a);

	/* Accepting the proposed units: whose reach holds them. */
	long long mine = count(db, "SELECT id FROM units WHERE name = 'Ban Mới Hai'");
	long long theirs = count(db, "SELECT id FROM units WHERE name = 'Ban Mới Thử'");
	struct user up = fixture_person(0, "up", ubnd, ROLE_COORDINATOR);
	long long audit = count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'unit.accept'");
	CHECK_INT(unit_accept(db, &editor, mine, NULL, NULL), PH_EFORBIDDEN, "an editor");
	CHECK_INT(unit_accept(db, &up, mine, NULL, NULL), PH_EFORBIDDEN, "another unit's coordinator");
	CHECK_INT(unit_accept(db, &dp, theirs, NULL, NULL), PH_EFORBIDDEN, "outside the reach");
	CHECK_INT(unit_accept(db, &dp, mine, "club", NULL), PH_EINVAL, "an unknown kind");
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT proposed FROM units WHERE id = %lld", mine);
	CHECK_INT(count(db, sql), 1, "refusals leave it proposed");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'unit.accept'"), audit,
	          "and unaudited");
	CHECK_INT(unit_accept(db, &dp, mine, "department", NULL), 0, "the importer's coordinator");
	CHECK_INT(count(db, sql), 0, "no longer proposed");
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM units WHERE id = %lld AND kind = 'department'"
	         " AND level = 'province'", mine);
	CHECK_INT(count(db, sql), 1, "its kind, and its parent's level");
	CHECK_INT(unit_accept(db, &dp, mine, NULL, NULL), PH_ECONFLICT, "accepted already");
	CHECK_INT(unit_accept(db, &admin, theirs, NULL, "district"), 0, "an administrator");
	CHECK_INT(count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'unit.accept'"), audit + 2,
	          "each acceptance audited");
}

int main(void)
{
	struct db *db = fixture_open();
	int rc = 0;
	struct resolver *r = unit_resolver_db(db, &rc);
	if (!r) {
		fprintf(stderr, "no resolver: %d\n", rc);
		return 2;
	}
	test_parties(db, r);
	resolver_free(r);
	/* The resolver again: the imports add proposed units. */
	r = unit_resolver_db(db, &rc);
	test_import(db, r);
	resolver_free(r);
	fixture_close(db);
	TEST_END("test_import_reach");
}

/* test_agency.c: agency names -> registry units, and the splitting of
 * agency cells. The resolver is built from the shipped data/units.tsv and
 * data/abbreviations.tsv (read from the repository root, where the test
 * runner runs), the way the importer builds it without a database: unit
 * ids are the 1-based order of the file. Every spelling the sample
 * documents use must land on its unit; different agencies must stay
 * different; dates pick the unit valid at the time. */
#include "test.h"
#include "import/agency.h"
#include "model/registry.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/text.h"
#include <stdio.h>
#include <string.h>

static struct registry_entry *units;
static size_t units_len;

static int id_of(const char *key)
{
	for (size_t i = 0; i < units_len; i++)
		if (strcmp(units[i].key, key) == 0)
			return (int)i + 1;
	return -1;
}

static const char *key_of(int id)
{
	return id > 0 && (size_t)id <= units_len ? units[id - 1].key : NULL;
}

static struct ph_date day(const char *iso)
{
	struct ph_date d = {0, 0, 0};
	if (iso && *iso)
		date_parse_iso(iso, &d);
	return d;
}

/* name, date ("" = any), place, expected key (NULL = must not resolve). */
static const struct row {
	const char *name;
	const char *on;
	const char *place;
	const char *key;
} rows[] = {
	/* 2024 coordination plan (Lào Cai), appendix tables. */
	{"Hội LHPN tỉnh", "2024-07-01", "Lào Cai", "laocai.hlhpn"},
	{"Văn phòng Điều phối Xây dựng nông thôn mới", "2024-07-01", "Lào Cai", "laocai.vpdp-ntm"},
	{"Ban chỉ đạo thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội "
	 "đồng bào vùng dân tộc thiểu số và miền núi", "2024-07-01", "Lào Cai", "laocai.bcd-dtmn"},
	{"Ban Chỉ đạo Chương trình MTQG phát triển KT-XH vùng đồng bào DTTS và MN tỉnh",
	 "2024-07-01", "Lào Cai", "laocai.bcd-dtmn"},
	{"Ngân hàng Chính sách xã hội tỉnh", "2024-07-01", "Lào Cai", "laocai.nhcsxh"},
	{"Sở LĐ-TB&XH", "2024-07-01", "Lào Cai", "laocai.so-ldtbxh"},
	{"Sở Lao động-TB&XH", "2024-07-01", "Lào Cai", "laocai.so-ldtbxh"},
	{"Sở Lao động - TB&XH", "2024-07-01", "Lào Cai", "laocai.so-ldtbxh"},
	{"Sở Lao động - Thương binh và Xã hội", "2024-07-01", "Lào Cai", "laocai.so-ldtbxh"},
	{"Sở Lao động – Thương binh & Xã hội", "2024-07-01", NULL, "laocai.so-ldtbxh"},
	{"Sở LĐTBXH", "2024-07-01", NULL, "laocai.so-ldtbxh"},
	{"Sở LĐ - TB&XH tỉnh Lào Cai", "2024-07-01", NULL, "laocai.so-ldtbxh"},
	{"Sở Văn hóa và Thể thao", "2024-07-01", "Lào Cai", "laocai.so-vhtt"},
	{"Sở VH&TT", "2024-07-01", "Lào Cai", "laocai.so-vhtt"},
	{"Sở Văn hoá và Thể thao", "2024-07-01", "Lào Cai", "laocai.so-vhtt"},
	{"Sở Tư pháp", "2024-07-01", "Lào Cai", "laocai.so-tuphap"},
	{"SỞ TƯ PHÁP", "2024-07-01", "Lào Cai", "laocai.so-tuphap"},
	{"Ban Dân tộc tỉnh", "2024-07-01", "Lào Cai", "laocai.bandantoc"},
	{"Ban Dân tộc", "2024-07-01", "Lào Cai", "laocai.bandantoc"},
	{"Ban Dân tộc", "2024-07-01", NULL, "laocai.bandantoc"},
	{"Sở Công Thương", "2024-07-01", "Lào Cai", "laocai.so-congthuong"},
	{"Sở TT&TT", "2024-07-01", "Lào Cai", "laocai.so-tttt"},
	{"Sở Thông tin và Truyền thông", "2024-07-01", "Lào Cai", "laocai.so-tttt"},
	{"Sở Thông tin và truyền thông", "2024-07-01", "Lào Cai", "laocai.so-tttt"},
	{"Sở KH&ĐT", "2024-07-01", "Lào Cai", "laocai.so-khdt"},
	{"Sở Kế hoạch và Đầu tư", "2024-07-01", "Lào Cai", "laocai.so-khdt"},
	{"BCH Biên phòng", "2024-07-01", "Lào Cai", "laocai.bdbp"},
	{"BCH Bộ đội Biên phòng tỉnh", "2024-07-01", "Lào Cai", "laocai.bdbp"},
	{"Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "2024-07-01", NULL, "laocai.bdbp"},
	{"UBND huyện Bảo Yên", "2024-07-01", "Lào Cai", "laocai.baoyen.ubnd"},
	{"UBND huyện Bắc Hà", "2024-07-01", "Lào Cai", "laocai.bacha.ubnd"},
	{"UBND thị xã Sa Pa", "2024-07-01", "Lào Cai", "laocai.sapa.ubnd"},
	{"Sở Du lịch", "2024-07-01", "Lào Cai", "laocai.so-dulich"},
	{"Sở Nội vụ", "2024-07-01", "Lào Cai", "laocai.so-noivu"},
	{"Sở Xây dựng", "2024-07-01", "Lào Cai", "laocai.so-xaydung"},
	{"Sở Tài chính", "2024-07-01", "Lào Cai", "laocai.so-taichinh"},
	{"UBND tỉnh", "2024-07-01", "Lào Cai", "laocai.ubnd"},
	{"Công an tỉnh", "2024-07-01", "Lào Cai", "laocai.congan"},
	{"Sở Ngoại vụ", "2024-07-01", "Lào Cai", "laocai.so-ngoaivu"},
	{"Ủy ban nhân dân tỉnh Lào Cai", "2024-07-01", "Lào Cai", "laocai.ubnd"},
	{"Uỷ ban nhân dân tỉnh", "2024-07-01", "Lào Cai", "laocai.ubnd"},
	{"Hội Liên hiệp phụ nữ tỉnh", "2024-07-01", "Lào Cai", "laocai.hlhpn"},
	{"Hội Liên hiệp Phụ nữ tỉnh Lào Cai", "2024-07-01", "Lào Cai", "laocai.hlhpn"},
	{"HỘI LIÊN HIỆP PHỤ NỮ TỈNH LÀO CAI", "2024-07-01", NULL, "laocai.hlhpn"},
	{"Sở Nội vụ", "2024-12-20", "Lào Cai", "laocai.so-noivu"},
	/* 2022 action program (Lào Cai). */
	{"Hội LHPN tỉnh Lào Cai", "2022-09-15", "Lào Cai", "laocai.hlhpn"},
	{"Ban Thường vụ Tỉnh ủy", "2022-09-15", "Lào Cai", "laocai.tinhuy.btv"},
	{"Ban Thường vụ Tỉnh ủy Lào Cai", "2022-09-15", "Lào Cai", "laocai.tinhuy.btv"},
	{"Ban Dân vận Tỉnh ủy", "2022-09-15", "Lào Cai", "laocai.tinhuy.bdv"},
	{"Ban Dân vận TU", "2022-09-15", "Lào Cai", "laocai.tinhuy.bdv"},
	{"TT Tỉnh ủy", "2022-09-15", "Lào Cai", NULL},
	/* 2024 plan of Ủy ban Dân tộc and the central Women's Union. */
	{"Trung ương Hội LHPN Việt Nam", "2024-03-21", "Hà Nội", "tw.hlhpn"},
	{"Hội LHPN Việt Nam", "2024-03-21", "Hà Nội", "tw.hlhpn"},
	{"Hội Liên hiệp Phụ nữ Việt Nam", "2024-03-21", "Hà Nội", "tw.hlhpn"},
	{"TW Hội LHPN Việt Nam", "2024-03-21", "Hà Nội", "tw.hlhpn"},
	{"TW Hội LHPNVN", "2024-03-21", "Hà Nội", "tw.hlhpn"},
	{"Ủy ban Dân tộc", "2024-03-21", "Hà Nội", "tw.ubdt"},
	{"Uỷ ban Dân tộc", "2024-03-21", "Hà Nội", "tw.ubdt"},
	{"UBDT", "2024-03-21", "Hà Nội", "tw.ubdt"},
	{"Thủ tướng Chính phủ", "2024-03-21", "Hà Nội", "tw.ttcp"},
	{"Quốc hội", "2024-03-21", "Hà Nội", "tw.quochoi"},
	{"Ngân hàng Chính sách xã hội", "2024-03-21", "Hà Nội", "tw.nhcsxh"},
	/* Other spellings of the province's bodies. */
	{"Hội ND tỉnh", "2024-07-01", "Lào Cai", "laocai.hnd"},
	{"Hội CCB tỉnh", "2024-07-01", "Lào Cai", "laocai.hccb"},
	{"LĐLĐ tỉnh", "2024-07-01", "Lào Cai", "laocai.ldld"},
	{"Đoàn TNCS Hồ Chí Minh tỉnh", "2024-07-01", "Lào Cai", "laocai.tinhdoan"},
	{"Đoàn TNCS HCM tỉnh", "2024-07-01", "Lào Cai", "laocai.tinhdoan"},
	{"Tỉnh đoàn", "2024-07-01", "Lào Cai", "laocai.tinhdoan"},
	{"NHCSXH tỉnh", "2024-07-01", "Lào Cai", "laocai.nhcsxh"},
	{"BĐBP tỉnh", "2024-07-01", "Lào Cai", "laocai.bdbp"},
	{"UBND TP Lào Cai", "2024-07-01", "Lào Cai", "laocai.tplaocai.ubnd"},
	{"Ủy ban MTTQ Việt Nam tỉnh", "2024-07-01", "Lào Cai", "laocai.mttq"},
	{"HĐND tỉnh", "2024-07-01", "Lào Cai", "laocai.hdnd"},
	{"Sở GD&ĐT", "2024-07-01", "Lào Cai", "laocai.so-gddt"},
	{"Sở NN&PTNT", "2024-07-01", "Lào Cai", "laocai.so-nnptnt"},
	{"Sở NN và PTNT", "2024-07-01", "Lào Cai", "laocai.so-nnptnt"},
	{"Sở TN&MT", "2024-07-01", "Lào Cai", "laocai.so-tnmt"},
	{"Sở GTVT", "2024-07-01", "Lào Cai", "laocai.so-gtvt"},
	{"Sở KH&CN", "2024-07-01", "Lào Cai", "laocai.so-khcn"},
	{"Sở Y tế", "2024-07-01", "Lào Cai", "laocai.so-yte"},
	{"Văn phòng UBND tỉnh", "2024-07-01", "Lào Cai", "laocai.vp-ubnd"},
	{"Hội LHPN huyện Bắc Hà", "2024-07-01", "Lào Cai", "laocai.bacha.hlhpn"},
	{"ubnd tỉnh", "2024-07-01", "Lào Cai", "laocai.ubnd"},
	/* No place given: explicit aliases, and "… tỉnh" in the only province
	 * that has such a unit. */
	{"Hội LHPN tỉnh", "2024-07-01", NULL, "laocai.hlhpn"},
	{"Sở Tư pháp tỉnh", "", NULL, "laocai.so-tuphap"},
	{"Sở Y tế tỉnh", "2024-07-01", NULL, "laocai.so-yte"},
	{"Sở Ngoại vụ tỉnh", "2024-07-01", NULL, "laocai.so-ngoaivu"},
	/* Dates: the reorganization of 2025-03-01 and the merger of provinces. */
	{"Sở Tài chính", "2025-04-01", "Lào Cai", "laocai.so-taichinh-2025"},
	{"Sở Tài chính", "", "Lào Cai", NULL},
	{"Sở Nội vụ", "2025-12-01", "Lào Cai", "laocai.so-noivu-2025"},
	{"Sở Khoa học và Công nghệ", "2024-01-10", "Lào Cai", "laocai.so-khcn"},
	{"Sở KH&CN", "2025-03-01", "Lào Cai", "laocai.so-khcn-2025"},
	{"Sở Xây dựng", "2025-02-28", "Lào Cai", "laocai.so-xaydung"},
	{"Sở Văn hóa, Thể thao và Du lịch", "2025-05-01", "Lào Cai", "laocai.so-vhttdl"},
	{"Sở VHTTDL", "2025-05-01", "Lào Cai", "laocai.so-vhttdl"},
	{"Sở Nông nghiệp và Môi trường", "2025-05-01", "Lào Cai", "laocai.so-nnmt"},
	{"Sở Dân tộc và Tôn giáo", "2025-05-01", "Lào Cai", "laocai.so-dttg"},
	{"Bộ Dân tộc và Tôn giáo", "2025-05-01", "Hà Nội", "tw.bdttg"},
	{"Ủy ban Dân tộc", "2026-01-01", "Hà Nội", "tw.ubdt"},
	{"UBND tỉnh Yên Bái", "2024-07-01", "Yên Bái", "yenbai.ubnd"},
	/* Never guessed. */
	{"Hội LHPN tỉnh Yên Bái", "2024-07-01", "Lào Cai", NULL},
	{"Sở Ngoại vụ tỉnh Yên Bái", "2024-07-01", NULL, NULL},
	{"Bảo Yên", "2024-07-01", "Lào Cai", NULL},
	{"Công ty cổ phần Apatit", "2024-07-01", "Lào Cai", NULL},
	{"Sở", "2024-07-01", "Lào Cai", NULL},
	{"tỉnh", "2024-07-01", NULL, NULL},
	{"", "2024-07-01", "Lào Cai", NULL},
	{"Hội LHPN huyện", "2024-07-01", "Lào Cai", NULL},
	{"các sở, ban, ngành", "2024-07-01", "Lào Cai", NULL},
};

/* Names of different agencies, valid in mid-2024: all must resolve and no
 * two may give the same unit. */
static const char *const distinct[] = {
	"Sở Tư pháp", "Sở Tài chính", "Sở Tài nguyên và Môi trường", "Hội LHPN tỉnh",
	"Hội LHPN huyện Bắc Hà", "Hội LHPN huyện Bảo Yên", "UBND tỉnh",
	"UBND thành phố Lào Cai", "UBND thị xã Sa Pa", "UBND huyện Bắc Hà", "Sở KH&ĐT",
	"Sở KH&CN", "Sở GD&ĐT", "Sở VH&TT", "Sở Du lịch", "Sở TT&TT", "Sở LĐ-TB&XH",
	"Sở Nội vụ", "Ban Dân tộc", "Ban Dân vận Tỉnh ủy", "Ban Thường vụ Tỉnh ủy",
	"Tỉnh ủy", "Tỉnh đoàn", "HĐND tỉnh", "Ủy ban MTTQ tỉnh",
	"Trung ương Hội LHPN Việt Nam", "Ngân hàng Chính sách xã hội",
	"Ngân hàng Chính sách xã hội tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "BCH Biên phòng",
	"Công an tỉnh", "Sở NN&PTNT", "Sở GTVT", "Sở Xây dựng", "Sở Y tế",
	"Sở Công Thương", "Sở Ngoại vụ", "Thanh tra tỉnh", "Văn phòng UBND tỉnh",
	"Ủy ban Dân tộc", "Thủ tướng Chính phủ", "Chính phủ",
};

static struct resolver *load(void)
{
	static struct arena a;
	struct buf ub, ab;
	arena_init(&a);
	buf_init(&ub, 16 << 20);
	buf_init(&ab, 1 << 20);
	char err[300] = "";
	struct registry_abbrev *x = NULL;
	size_t nx = 0;
	int rc = buf_read_file(&ub, "data/units.tsv");
	if (!rc)
		rc = buf_read_file(&ab, "data/abbreviations.tsv");
	if (!rc)
		rc = registry_parse(&a, buf_str(&ub), &units, &units_len, err, sizeof err);
	if (!rc)
		rc = registry_parse_abbrevs(&a, buf_str(&ab), &x, &nx, err, sizeof err);
	CHECK(rc == 0, "load the registry files (run from the repository root): %d %s", rc, err);
	struct resolver *r = resolver_new();
	for (size_t i = 0; !rc && i < nx; i++)
		rc = resolver_add_abbrev(r, x[i].abbrev, x[i].expansion);
	for (size_t i = 0; !rc && i < units_len; i++) {
		const struct registry_entry *e = &units[i];
		int id = (int)i + 1;
		rc = resolver_add(r, id, e->name, e->name, e->valid_from, e->valid_to);
		if (!rc && e->short_name)
			rc = resolver_add(r, id, e->name, e->short_name, e->valid_from, e->valid_to);
		for (size_t k = 0; !rc && k < e->aliases_len; k++)
			rc = resolver_add(r, id, e->name, e->aliases[k], e->valid_from, e->valid_to);
	}
	CHECK_INT(rc, 0, "build the resolver");
	buf_cleanup(&ub);
	buf_cleanup(&ab);
	return r;
}

static void check_rows(const struct resolver *r)
{
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct row *w = &rows[i];
		const char *canonical = "unset";
		int id = resolver_lookup(r, w->name, day(w->on), w->place, &canonical);
		char ctx[400];
		snprintf(ctx, sizeof ctx, "\"%s\" on %s in %s", w->name, *w->on ? w->on : "any day",
		         w->place ? w->place : "-");
		CHECK_STR(key_of(id), w->key, ctx);
		if (w->key && id > 0)
			CHECK_STR(canonical, units[id - 1].name, ctx);
		if (!w->key)
			CHECK(canonical == NULL, "%s: canonical must be NULL when not found", ctx);
	}
}

static void check_distinct(const struct resolver *r)
{
	size_t n = sizeof distinct / sizeof distinct[0];
	int ids[sizeof distinct / sizeof distinct[0]];
	struct ph_date on = {2024, 7, 1};
	for (size_t i = 0; i < n; i++) {
		ids[i] = resolver_lookup(r, distinct[i], on, "Lào Cai", NULL);
		CHECK(ids[i] > 0, "\"%s\" resolves", distinct[i]);
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			CHECK(ids[i] != ids[j] || ids[i] <= 0, "\"%s\" and \"%s\" are one unit (%s)",
			      distinct[i], distinct[j], key_of(ids[i]));
}

/* Hand-made registries: places, dates, late abbreviations, bad calls. */
static void check_rules(void)
{
	struct ph_date open = {0, 0, 0}, end = {2025, 2, 28}, start = {2025, 3, 1};
	struct resolver *r = resolver_new();
	CHECK(r != NULL, "resolver_new");
	CHECK_INT(resolver_add(r, 0, "X", "X", open, open), PH_EINVAL, "id 0 refused");
	CHECK_INT(resolver_add(r, 1, "X", NULL, open, open), PH_EINVAL, "NULL name refused");
	resolver_add(r, 1, "Sở Tư pháp tỉnh An Giang", "Sở Tư pháp tỉnh An Giang", open, open);
	resolver_add(r, 1, "Sở Tư pháp tỉnh An Giang", "Sở Tư pháp", open, open);
	resolver_add(r, 2, "Sở Tư pháp tỉnh Bình Định", "Sở Tư pháp tỉnh Bình Định", open, open);
	resolver_add(r, 2, "Sở Tư pháp tỉnh Bình Định", "Sở Tư pháp", open, open);
	resolver_add(r, 3, "Hội Liên hiệp Phụ nữ tỉnh An Giang", "Hội Liên hiệp Phụ nữ tỉnh An Giang", open, open);
	resolver_add(r, 4, "Hội Liên hiệp Phụ nữ tỉnh Bình Định", "Hội Liên hiệp Phụ nữ tỉnh Bình Định", open, open);
	resolver_add(r, 5, "Sở Mẫu", "Sở Mẫu", open, end);
	resolver_add(r, 6, "Sở Mẫu", "Sở Mẫu", start, open);
	resolver_add(r, 7, "Sở Lao động - Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội", open, open);
	struct ph_date any = {0, 0, 0};
	CHECK_INT(resolver_lookup(r, "Sở Tư pháp", any, NULL, NULL), 0, "two provinces, no place: ambiguous");
	CHECK_INT(resolver_lookup(r, "Sở Tư pháp", any, "An Giang", NULL), 1, "place picks An Giang");
	CHECK_INT(resolver_lookup(r, "Sở Tư pháp", any, "tỉnh Bình Định", NULL), 2, "place with \"tỉnh\"");
	CHECK_INT(resolver_lookup(r, "Sở Tư pháp", any, "Cà Mau", NULL), 0, "other place: still ambiguous");
	CHECK_INT(resolver_lookup(r, "Hội Liên hiệp Phụ nữ tỉnh", any, "Bình Định", NULL), 4, "generic + place");
	CHECK_INT(resolver_lookup(r, "Hội Liên hiệp Phụ nữ tỉnh", any, NULL, NULL), 0, "generic, two provinces");
	CHECK_INT(resolver_lookup(r, "Hội LHPN tỉnh", any, "An Giang", NULL), 0, "no abbreviations yet");
	CHECK_INT(resolver_lookup(r, "Sở Mẫu", (struct ph_date){2024, 5, 1}, NULL, NULL), 5, "date before");
	CHECK_INT(resolver_lookup(r, "Sở Mẫu", (struct ph_date){2025, 3, 1}, NULL, NULL), 6, "date after");
	CHECK_INT(resolver_lookup(r, "Sở Mẫu", (struct ph_date){2024, 0, 0}, NULL, NULL), 5, "year only, before");
	CHECK_INT(resolver_lookup(r, "Sở Mẫu", (struct ph_date){2025, 0, 0}, NULL, NULL), 0, "year 2025: both");
	CHECK_INT(resolver_lookup(r, "Sở Mẫu", (struct ph_date){2025, 2, 0}, NULL, NULL), 5, "February 2025");
	CHECK_INT(resolver_lookup(r, "Sở Mẫu", any, NULL, NULL), 0, "any day: ambiguous");
	/* Abbreviations added after the names still apply to them. */
	CHECK_INT(resolver_lookup(r, "Sở LĐ-TB&XH", any, NULL, NULL), 0, "before the abbreviation");
	CHECK_INT(resolver_add_abbrev(r, "LĐ-TB&XH", "Lao động - Thương binh và Xã hội"), 0, "late abbreviation");
	CHECK_INT(resolver_add_abbrev(r, "LHPN", "Liên hiệp Phụ nữ"), 0, "late abbreviation 2");
	CHECK_INT(resolver_lookup(r, "Sở LĐ-TB&XH", any, NULL, NULL), 7, "after the abbreviation");
	CHECK_INT(resolver_lookup(r, "Sở LĐ - TB và XH", any, NULL, NULL), 7, "spaced dash, \"và\" for \"&\"");
	CHECK_INT(resolver_lookup(r, "Sở lđ-tb&xh", any, NULL, NULL), 0, "short abbreviation in lower case does not expand");
	CHECK_INT(resolver_lookup(r, "Hội LHPN tỉnh", any, "An Giang", NULL), 3, "after rebuild");
	resolver_free(r);
	resolver_free(NULL);
}

/* Cells -> pieces joined by " | ". */
static const struct split_row {
	const char *text;
	const char *want;
} splits[] = {
	{"Sở LĐ-TB&XH; Sở Văn hóa và Thể thao; Sở Tư pháp; Ban Dân tộc tỉnh",
	 "Sở LĐ-TB&XH | Sở Văn hóa và Thể thao | Sở Tư pháp | Ban Dân tộc tỉnh"},
	{"UBND các huyện: Bảo Yên, Bắc Hà, UBND thị xã Sa Pa; Sở Du lịch; Sở Nội vụ; Sở Xây dựng",
	 "UBND huyện Bảo Yên | UBND huyện Bắc Hà | UBND thị xã Sa Pa | Sở Du lịch | Sở Nội vụ | Sở Xây dựng"},
	{"UBND tỉnh; các sở, ban, ngành", "UBND tỉnh | các sở, ban, ngành"},
	{"Sở Ngoại vụ và các sở, ban, ngành liên quan", "Sở Ngoại vụ | các sở, ban, ngành liên quan"},
	{"Sở Văn hóa và Thể thao", "Sở Văn hóa và Thể thao"},
	{"Sở Tài chính; Sở Thông tin và Truyền thông", "Sở Tài chính | Sở Thông tin và Truyền thông"},
	{"Sở Tư pháp; Ban Dân tộc; BCH Biên phòng; Công an tỉnh; Sở VH&TT; Sở LĐ-TB&XH",
	 "Sở Tư pháp | Ban Dân tộc | BCH Biên phòng | Công an tỉnh | Sở VH&TT | Sở LĐ-TB&XH"},
	{"Sở Công Thương; Sở TT&TT; Sở Lao động-TB&XH; Sở KH&ĐT",
	 "Sở Công Thương | Sở TT&TT | Sở Lao động-TB&XH | Sở KH&ĐT"},
	{"Sở Tư pháp, Sở Tài chính, Công an tỉnh.", "Sở Tư pháp | Sở Tài chính | Công an tỉnh"},
	{"UBND các huyện, thị xã, thành phố", "UBND các huyện, thị xã, thành phố"},
	{"các xã: Tà Chải, Bản Phiệt", "xã Tà Chải | xã Bản Phiệt"},
	{"Sở Văn hóa, Thể thao và Du lịch; Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch | Sở Y tế"},
	{"Hội LHPN các huyện: Bắc Hà, Si Ma Cai", "Hội LHPN huyện Bắc Hà | Hội LHPN huyện Si Ma Cai"},
	{"UBND các thị xã: Sa Pa", "UBND thị xã Sa Pa"},
	{"Sở Tư pháp (chủ trì, phối hợp); Sở Y tế", "Sở Tư pháp (chủ trì, phối hợp) | Sở Y tế"},
	{"  Sở Y tế .  ", "Sở Y tế"},
	{"", ""},
	{" ; ;", ""},
	{"Hội LHPN huyện, thị xã, thành phố", "Hội LHPN huyện, thị xã, thành phố"},
	{"UBND các huyện: Bảo Yên, Bắc Hà, các sở, ban, ngành liên quan",
	 "UBND huyện Bảo Yên | UBND huyện Bắc Hà | các sở, ban, ngành liên quan"},
	{"các sở, ban, ngành, Tỉnh đoàn", "các sở, ban, ngành | Tỉnh đoàn"},
	{"Sở Tư pháp và các đơn vị liên quan", "Sở Tư pháp | các đơn vị liên quan"},
	{"UBND các huyện, thị xã: Bảo Yên, Sa Pa", "UBND các huyện, thị xã: Bảo Yên, Sa Pa"},
	{"Sở Tư pháp\nSở Y tế", "Sở Tư pháp | Sở Y tế"},
	{"- Sở Y tế;\n- Sở Tư pháp.", "Sở Y tế | Sở Tư pháp"},
	{"Văn phòng Điều phối Xây dựng nông thôn mới", "Văn phòng Điều phối Xây dựng nông thôn mới"},
	{"UBND tỉnh, các sở, ban, ngành, UBND cấp huyện",
	 "UBND tỉnh | các sở, ban, ngành | UBND cấp huyện"},
};

static void check_splits(void)
{
	for (size_t i = 0; i < sizeof splits / sizeof splits[0]; i++) {
		struct arena a;
		arena_init(&a);
		char **v = NULL;
		size_t n = agency_split(&a, splits[i].text, &v);
		char got[1024] = "";
		for (size_t k = 0; k < n; k++) {
			if (k)
				strncat(got, " | ", sizeof got - strlen(got) - 1);
			strncat(got, v[k], sizeof got - strlen(got) - 1);
		}
		CHECK_STR(got, splits[i].want, splits[i].text);
		arena_cleanup(&a);
	}
	struct arena a;
	arena_init(&a);
	char **v = (char **)1;
	CHECK_INT(agency_split(&a, NULL, &v), 0, "NULL text");
	CHECK(v == NULL, "NULL text gives no array");
	arena_cleanup(&a);
}

static const struct group_row {
	const char *text;
	int group;
} groups[] = {
	{"các sở, ban, ngành liên quan", 1},
	{"các sở, ban, ngành", 1},
	{"Các sở, ban, ngành tỉnh", 1},
	{"CÁC SỞ, BAN, NGÀNH", 1},
	{"UBND các huyện, thị xã, thành phố", 1},
	{"các đơn vị liên quan", 1},
	{"đơn vị liên quan", 1},
	{"Hội LHPN các huyện, thị xã, thành phố", 1},
	{"Hội LHPN huyện, thị xã, thành phố", 1},
	{"UBND cấp huyện", 1},
	{"Hội LHPN 63 tỉnh/thành", 1},
	{"các tổ chức chính trị - xã hội tỉnh", 1},
	{"Hội Liên hiệp Phụ nữ các cấp", 1},
	{"sở, ban, ngành", 1},
	{"các nhà tài trợ", 1},
	{"Sở Ngoại vụ", 0},
	{"UBND thị xã Sa Pa", 0},
	{"Sở Văn hóa và Thể thao", 0},
	{"Văn phòng Điều phối các chương trình mục tiêu quốc gia", 0},
	{"Ban chỉ đạo thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội "
	 "vùng đồng bào dân tộc thiểu số và miền núi", 0},
	{"Hội LHPN tỉnh", 0},
	{"UBND tỉnh", 0},
	{"Ban Dân tộc", 0},
	{"UBND huyện Bắc Hà", 0},
	{"Sở Lao động - Thương binh và Xã hội", 0},
	{"", 0},
};

static void check_groups(void)
{
	for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
		CHECK_INT(agency_is_group(groups[i].text), groups[i].group, groups[i].text);
	CHECK_INT(agency_is_group(NULL), 0, "NULL");
}

int main(void)
{
	struct resolver *r = load();
	if (r) {
		check_rows(r);
		check_distinct(r);
	}
	resolver_free(r);
	CHECK(id_of("laocai.hlhpn") > 0, "key lookup helper works");
	check_rules();
	check_splits();
	check_groups();
	text_cleanup();
	TEST_END("test_agency");
}

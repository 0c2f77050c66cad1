/* cmd_demo.c: `phoihop demo --scale national|small`: a generated,
 * deterministic data set for the benchmark (issue 4, point 7) and its
 * tests: a mass organisation tree (the central women's union, 34
 * provincial unions, communes, branches), 20 indicators with yearly
 * targets per level, values for 8 half-year periods, and a coordinator
 * account per province plus one national administrator. Units and values
 * go in through store_bulk (one prepared statement, one transaction);
 * indicators, targets and users through the model's write paths. */
#include "cli/cli.h"
#include "model/access.h"
#include "model/indicator.h"
#include "model/rollup.h"
#include "model/user.h"
#include "db/db.h"
#include "db/store.h"
#include "base/err.h"
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
"usage: phoihop [--db FILE] demo --scale national|small [--seed N]\n"
"                                [--password P] [--force]\n"
"\n"
"Generate a deterministic demonstration data set into the database:\n"
"the central women's union, 34 provincial unions, their commune unions and\n"
"branches (national: about 3,300 communes and 100,000 branches; small: 2\n"
"provinces x 5 communes x 10 branches), 20 indicators with targets, values\n"
"for the 8 half-years 2022-H1 to 2025-H2 (national: about 4.2 million),\n"
"a coordinator per province (dieuphoi01..dieuphoi34) and an administrator\n"
"(quantri). The same seed gives the same data. The password of the\n"
"accounts is --password, else a random one that is printed.\n"
"A database that already holds plans or indicator values is refused\n"
"unless --force is given.\n";

#define NPROV 34
#define NPER 8

/* ---- deterministic generator (splitmix64) ---- */
static uint64_t rng_state;
static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}
static double rnd01(void) { return (double)(rnd() >> 11) * (1.0 / 9007199254740992.0); }
static int rnd_int(int lo, int hi) { return lo + (int)(rnd() % (uint64_t)(hi - lo + 1)); }

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* The 34 provincial-level units; 1 marks a centrally governed city. */
static const struct { const char *name; int city; } provinces[NPROV] = {
	{"Hà Nội", 1}, {"Huế", 1}, {"Lai Châu", 0}, {"Điện Biên", 0}, {"Sơn La", 0},
	{"Lạng Sơn", 0}, {"Quảng Ninh", 0}, {"Thanh Hóa", 0}, {"Nghệ An", 0},
	{"Hà Tĩnh", 0}, {"Cao Bằng", 0}, {"Tuyên Quang", 0}, {"Lào Cai", 0},
	{"Thái Nguyên", 0}, {"Phú Thọ", 0}, {"Bắc Ninh", 0}, {"Hưng Yên", 0},
	{"Hải Phòng", 1}, {"Ninh Bình", 0}, {"Quảng Trị", 0}, {"Đà Nẵng", 1},
	{"Quảng Ngãi", 0}, {"Gia Lai", 0}, {"Khánh Hòa", 0}, {"Lâm Đồng", 0},
	{"Đắk Lắk", 0}, {"Hồ Chí Minh", 1}, {"Đồng Nai", 0}, {"Tây Ninh", 0},
	{"Cần Thơ", 1}, {"Vĩnh Long", 0}, {"Đồng Tháp", 0}, {"Cà Mau", 0},
	{"An Giang", 0},
};

/* Syllables for commune and village names (two make a name). */
static const char *const syl1[] = {
	"An", "Bình", "Cẩm", "Đông", "Gia", "Hòa", "Hưng", "Kim", "Long", "Minh",
	"Mỹ", "Nam", "Ngọc", "Phú", "Phúc", "Quang", "Tân", "Thạch", "Thanh",
	"Thuận", "Trung", "Văn", "Vĩnh", "Xuân", "Yên", "Đại", "Hồng", "Lạc",
};
static const char *const syl2[] = {
	"An", "Bình", "Châu", "Đức", "Hà", "Hải", "Hiệp", "Hòa", "Hưng", "Lạc",
	"Lâm", "Lộc", "Lợi", "Mỹ", "Nghĩa", "Phong", "Phú", "Phước", "Sơn", "Tân",
	"Thành", "Thịnh", "Thọ", "Thuận", "Tiến", "Trung", "Xuân", "Khánh",
};
#define NS1 (sizeof syl1 / sizeof *syl1)
#define NS2 (sizeof syl2 / sizeof *syl2)
static const char *const village[] = {
	"Đồng", "Bãi", "Chùa", "Đình", "Giữa", "Trên", "Dưới", "Mới", "Cầu", "Bến",
	"Gò", "Soi", "Nà", "Bản", "Suối", "Đồi",
};
#define NVIL (sizeof village / sizeof *village)

/* The 20 indicators. level: where values are generated ("branch",
 * "commune", "province"); tgt[]: targets for the levels central, province,
 * commune, branch (a count or sum per half-year; a percentage for rates
 * and bools); a negative target: none for that level. */
static const struct demo_ind {
	const char *code, *name, *measure, *type, *level;
	const char *op;
	double tgt[4];
} inds[20] = {
	{"HPN-01", "Số hội viên mới kết nạp", "người", "count", "branch", ">=",
	 {500000, 14000, 150, 5}},
	{"HPN-02", "Số tiền hội viên tiết kiệm, huy động qua tổ tiết kiệm", "triệu đồng", "sum",
	 "branch", ">=", {1500000, 45000, 450, 15}},
	{"HPN-03", "Tỷ lệ hội viên được tập huấn chuyển đổi số", "%", "rate", "branch", ">=",
	 {60, 60, 60, 60}},
	{"HPN-04", "Tỷ lệ hộ nghèo do hội viên làm chủ được hỗ trợ vay vốn", "%", "rate",
	 "branch", ">=", {70, 70, 70, 70}},
	{"HPN-05", "Chi hội duy trì sinh hoạt định kỳ đủ số kỳ", "%", "bool", "branch", ">=",
	 {85, 85, 85, -1}},
	{"HPN-06", "Số mô hình sinh kế được hội hỗ trợ", "mô hình", "count", "commune", ">=",
	 {10000, 300, 3, -1}},
	{"HPN-07", "Số hội viên được vay vốn ngân hàng chính sách xã hội", "người", "count",
	 "commune", ">=", {300000, 9000, 90, -1}},
	{"HPN-08", "Số lượt phụ nữ được tư vấn pháp luật", "lượt", "count", "commune", ">=",
	 {600000, 18000, 180, -1}},
	{"HPN-09", "Số nhà \"Mái ấm tình thương\" được xây dựng, sửa chữa", "nhà", "count",
	 "commune", ">=", {3000, 90, 1, -1}},
	{"HPN-10", "Số câu lạc bộ \"Gia đình hạnh phúc\" hoạt động", "câu lạc bộ", "count",
	 "commune", ">=", {10000, 300, 3, -1}},
	{"HPN-11", "Tỷ lệ chi hội xếp loại vững mạnh", "%", "rate", "commune", ">=",
	 {75, 75, 75, -1}},
	{"HPN-12", "Tỷ lệ cán bộ hội cơ sở được bồi dưỡng nghiệp vụ", "%", "rate", "commune",
	 ">=", {90, 90, 90, -1}},
	{"HPN-13", "Số phụ nữ khởi nghiệp được hỗ trợ", "người", "count", "commune", ">=",
	 {30000, 900, 9, -1}},
	{"HPN-14", "Số vụ bạo lực gia đình phát hiện", "vụ", "count", "commune", "<=",
	 {5000, 150, 2, -1}},
	{"HPN-15", "Xã có mô hình \"5 không, 3 sạch\" của hội", "%", "bool", "commune", ">=",
	 {80, 80, -1, -1}},
	{"HPN-16", "Số dự án hỗ trợ phụ nữ do tỉnh hội quản lý", "dự án", "count", "province",
	 ">=", {200, 6, -1, -1}},
	{"HPN-17", "Tổng dư nợ ủy thác qua hội", "tỷ đồng", "sum", "province", ">=",
	 {100000, 3000, -1, -1}},
	{"HPN-18", "Tỷ lệ cơ sở hội xếp loại tốt trở lên", "%", "rate", "province", ">=",
	 {80, 80, -1, -1}},
	{"HPN-19", "Tỉnh hội đã ban hành kế hoạch chuyển đổi số", "%", "bool", "province", ">=",
	 {100, 100, -1, -1}},
	{"HPN-20", "Số hội viên có bảo hiểm xã hội tự nguyện", "người", "count", "province",
	 ">=", {400000, 12000, -1, -1}},
};
#define NIND (sizeof inds / sizeof *inds)
static const char *const tgt_level[4] = {"central", "province", "commune", "branch"};

struct tree {
	long long root, prov[NPROV];
	long long *comm, *branch;  /* ids */
	int *comm_prov, *br_comm;   /* parent indexes */
	int *comm_ward, *br_members;
	size_t ncomm, nbranch;
	int nprov;
};

static void tree_free(struct tree *t)
{
	free(t->comm);
	free(t->branch);
	free(t->comm_prov);
	free(t->br_comm);
	free(t->comm_ward);
	free(t->br_members);
}

static int build_units(struct db *db, int small, struct tree *t)
{
	size_t capc = small ? NPROV * 5 : NPROV * 120, capb = small ? capc * 10 : capc * 45;
	t->comm = malloc(capc * sizeof *t->comm);
	t->comm_prov = malloc(capc * sizeof *t->comm_prov);
	t->comm_ward = malloc(capc * sizeof *t->comm_ward);
	t->branch = malloc(capb * sizeof *t->branch);
	t->br_comm = malloc(capb * sizeof *t->br_comm);
	t->br_members = malloc(capb * sizeof *t->br_members);
	if (!t->comm || !t->comm_prov || !t->comm_ward || !t->branch || !t->br_comm ||
	    !t->br_members)
		return PH_ENOMEM;
	struct store_bulk *b = NULL;
	int rc = store_bulk_open(db, 1, &b);
	if (rc)
		return rc;
	char key[64], name[256], sname[160];
	rc = store_bulk_unit(b, "hpn.tw", 0, "mass_org", "central",
	                     "Trung ương Hội Liên hiệp Phụ nữ Việt Nam", "Trung ương Hội LHPN Việt Nam",
	                     &t->root);
	int nprov = t->nprov = small ? 2 : NPROV;
	for (int p = 0; !rc && p < nprov; p++) {
		const char *pk = provinces[p].city ? "thành phố" : "tỉnh";
		snprintf(key, sizeof key, "hpn.p%02d", p + 1);
		snprintf(name, sizeof name, "Hội Liên hiệp Phụ nữ %s %s", pk, provinces[p].name);
		snprintf(sname, sizeof sname, "Hội LHPN %s %s", pk, provinces[p].name);
		if ((rc = store_bulk_unit(b, key, t->root, "mass_org", "province", name, sname,
		                          &t->prov[p])))
			break;
		/* Commune names: distinct syllable pairs, taken in a shuffled order. */
		int nc = small ? 5 : rnd_int(82, 112);
		int order[NS1 * NS2];
		for (size_t i = 0; i < NS1 * NS2; i++)
			order[i] = (int)i;
		for (size_t i = NS1 * NS2 - 1; i > 0; i--) {
			size_t j = rnd() % (i + 1);
			int x = order[i];
			order[i] = order[j];
			order[j] = x;
		}
		int used = 0;
		for (int c = 0; !rc && c < nc; c++) {
			const char *s1, *s2;
			do {
				s1 = syl1[order[used] / (int)NS2];
				s2 = syl2[order[used] % (int)NS2];
				used++;
			} while (!strcmp(s1, s2));
			int ward = rnd01() < (provinces[p].city ? 0.5 : 0.15);
			size_t ci = t->ncomm++;
			t->comm_prov[ci] = p;
			t->comm_ward[ci] = ward;
			snprintf(key, sizeof key, "hpn.p%02d.x%03d", p + 1, c + 1);
			snprintf(name, sizeof name, "Hội Liên hiệp Phụ nữ %s %s %s", ward ? "phường" : "xã",
			         s1, s2);
			snprintf(sname, sizeof sname, "Hội LHPN %s %s %s", ward ? "phường" : "xã", s1, s2);
			if ((rc = store_bulk_unit(b, key, t->prov[p], "mass_org", "commune", name, sname,
			                          &t->comm[ci])))
				break;
			int nb = small ? 10 : rnd_int(20, 40);
			int v0 = rnd_int(0, (int)NVIL - 1);
			for (int k = 0; k < nb; k++) {
				size_t bi = t->nbranch++;
				t->br_comm[bi] = (int)ci;
				t->br_members[bi] = rnd_int(40, 260);
				snprintf(key, sizeof key, "hpn.p%02d.x%03d.c%02d", p + 1, c + 1, k + 1);
				if (ward)
					snprintf(name, sizeof name, "Chi hội Phụ nữ tổ dân phố số %d, %s %s %s",
					         k + 1, "phường", s1, s2);
				else if (k < (int)NVIL)
					snprintf(name, sizeof name, "Chi hội Phụ nữ thôn %s, xã %s %s",
					         village[(v0 + k) % NVIL], s1, s2);
				else
					snprintf(name, sizeof name, "Chi hội Phụ nữ thôn %s %d, xã %s %s",
					         village[(v0 + k) % NVIL], k / (int)NVIL + 1, s1, s2);
				if ((rc = store_bulk_unit(b, key, t->comm[ci], "mass_org", "branch", name,
				                          NULL, &t->branch[bi])))
					break;
			}
		}
	}
	store_bulk_close(b);
	return rc;
}

static const char *periods[NPER] = {"2022-H1", "2022-H2", "2023-H1", "2023-H2",
                                    "2024-H1", "2024-H2", "2025-H1", "2025-H2"};

/* The 20 indicators, owned by the central union (owner): its
 * coordinators and administrators set their targets. */
static int add_indicators(struct db *db, long long owner, long long ids[NIND])
{
	for (size_t i = 0; i < NIND; i++) {
		const struct demo_ind *d = &inds[i];
		struct indicator in = {
			.code = (char *)d->code, .name = (char *)d->name, .measure = (char *)d->measure,
			.type = (char *)d->type, .levels = (char *)d->level, .kinds = "mass_org",
			.year_from = 2022, .year_to = 2030, .owner_unit_id = owner,
		};
		const char *why = NULL;
		int rc = indicator_add(db, access_system(), &in, &ids[i], &why);
		if (rc) {
			fprintf(stderr, "phoihop: demo: indicator %s: %s\n", d->code, why ? why : "");
			return rc;
		}
		for (int year = 2022; year <= 2025; year++)
			for (int l = 0; l < 4; l++) {
				if (d->tgt[l] < 0)
					continue;
				/* Targets rise a little each year (percentages stay at most 100). */
				double v = d->tgt[l] * (1.0 + 0.05 * (year - 2022));
				if (!strcmp(d->type, "rate") || !strcmp(d->type, "bool"))
					v = d->tgt[l] + 2.0 * (year - 2022) > 100 ? 100
					  : d->tgt[l] + 2.0 * (year - 2022);
				else
					v = (double)(long long)(v + 0.5);
				if ((rc = indicator_set_target(db, access_system(), ids[i], year,
				                               tgt_level[l], d->op, v, &why))) {
					fprintf(stderr, "phoihop: demo: target %s: %s\n", d->code, why ? why : "");
					return rc;
				}
			}
	}
	return 0;
}

/* One generated value of indicator d for a unit of "size" (members for a
 * branch, a scale factor above) in period p; 0 when the unit did not
 * report. */
static int gen_value(const struct demo_ind *d, double size, int p, double *num, double *den,
                     int *has_den)
{
	*has_den = 0;
	*den = 0;
	if (rnd01() < 0.025)
		return 0; /* missing */
	double grow = 1.0 + 0.04 * p, u = rnd01();
	if (!strcmp(d->type, "count")) {
		*num = (double)(long long)(size * grow * (0.4 + 1.2 * u));
	} else if (!strcmp(d->type, "sum")) {
		*num = (double)(long long)(size * grow * (0.5 + u) * 10.0) / 10.0;
	} else if (!strcmp(d->type, "bool")) {
		*num = u < 0.75 + 0.02 * p ? 1 : 0;
	} else { /* rate: a whole denominator, numerator not above it */
		double n = (double)(long long)(size * (0.9 + 0.2 * rnd01()));
		if (n < 1)
			return 0;
		double frac = 0.35 + 0.07 * p + 0.3 * (u - 0.5);
		frac = frac < 0 ? 0 : frac > 1 ? 1 : frac;
		*den = n;
		*num = (double)(long long)(n * frac + 0.5);
		if (*num > n)
			*num = n;
		*has_den = 1;
	}
	return 1;
}

/* Size factor of indicator i for a unit (branch: members; commune and
 * province: per-indicator scales). */
static double ind_size(size_t i, int members)
{
	static const double scale[NIND] = {
		6, 8, 1, 0.06, 1,   /* branch: multiplied by members or used raw */
		3, 90, 180, 1, 3, 30, 12, 9, 2, 1,
		6, 3000, 97, 1, 12000,
	};
	switch (i) {
	case 0: return scale[0] * members / 150.0;       /* new members */
	case 1: return scale[1] * members / 50.0;        /* savings, million dong */
	case 2: return members;                          /* trained / members */
	case 3: return members * scale[3];               /* poor households */
	default: return scale[i];
	}
}

static int write_values(struct db *db, const struct tree *t, const long long ids[NIND],
                        long long *count)
{
	struct store_bulk *b = NULL;
	int rc = store_bulk_open(db, 0, &b);
	char at[NPER][21];
	for (int p = 0; p < NPER; p++)
		snprintf(at[p], sizeof at[p], "%.4s-%s-20T08:00:00Z", periods[p],
		         periods[p][6] == '1' ? "06" : "12");
	for (size_t i = 0; !rc && i < NIND; i++) {
		const struct demo_ind *d = &inds[i];
		size_t n = !strcmp(d->level, "branch") ? t->nbranch
		         : !strcmp(d->level, "commune") ? t->ncomm : (size_t)t->nprov;
		for (size_t u = 0; !rc && u < n; u++) {
			long long unit = !strcmp(d->level, "branch") ? t->branch[u]
			               : !strcmp(d->level, "commune") ? t->comm[u] : t->prov[u];
			int members = !strcmp(d->level, "branch") ? t->br_members[u] : 0;
			double size = ind_size(i, members);
			for (int p = 0; !rc && p < NPER; p++) {
				double num, den;
				int hd;
				if (!gen_value(d, size, p, &num, &den, &hd))
					continue;
				rc = store_bulk_value(b, ids[i], unit, periods[p], num, hd, den, "csv", at[p]);
				(*count)++;
			}
		}
	}
	store_bulk_close(b);
	return rc;
}

static int add_users(struct db *db, const struct tree *t, int nprov, const char *pw)
{
	char login[32], name[200];
	long long id;
	int rc = user_add(db, access_system(), "quantri", "Quản trị hệ thống Trung ương Hội", t->root,
	                  ROLE_ADMIN, pw, &id);
	for (int p = 0; !rc && p < nprov; p++) {
		snprintf(login, sizeof login, "dieuphoi%02d", p + 1);
		snprintf(name, sizeof name, "Cán bộ điều phối Hội LHPN %s %s",
		         provinces[p].city ? "thành phố" : "tỉnh", provinces[p].name);
		rc = user_add(db, access_system(), login, name, t->prov[p], ROLE_COORDINATOR, pw, &id);
	}
	return rc;
}

int cmd_demo(int argc, char **argv, struct cli *c)
{
	const char *scale = NULL, *seed_s = NULL, *password = NULL;
	int bad = 0, force = 0;
	for (int i = 1; i < argc && !bad; i++) {
		if (cli_common(argc, argv, &i, c, &bad) ||
		    cli_opt(argc, argv, &i, "--scale", &scale, &bad) ||
		    cli_opt(argc, argv, &i, "--seed", &seed_s, &bad) ||
		    cli_opt(argc, argv, &i, "--password", &password, &bad))
			continue;
		if (cli_flag(argv, &i, "--force")) {
			force = 1;
			continue;
		}
		if (cli_flag(argv, &i, "--help") || cli_flag(argv, &i, "-h")) {
			fputs(usage, stdout);
			return 0;
		}
		bad = 1;
		cli_fail("demo", PH_EUSAGE, "unknown argument %s", argv[i]);
	}
	if (bad)
		return 1;
	if (!scale || (strcmp(scale, "national") && strcmp(scale, "small")))
		return cli_fail("demo", PH_EUSAGE, "--scale national or --scale small is required");
	unsigned long long seed = 1;
	if (seed_s) {
		char *end = NULL;
		seed = strtoull(seed_s, &end, 10);
		if (!*seed_s || *end)
			return cli_fail("demo", PH_EUSAGE, "--seed: a whole number");
	}
	if (password && strlen(password) < USER_PASSWORD_MIN)
		return cli_fail("demo", PH_EUSAGE, "--password: at least %d characters",
		                USER_PASSWORD_MIN);
	int small = !strcmp(scale, "small");
	char pwbuf[32];
	if (!password) {
		static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
		for (int i = 0; i < 16; i++)
			pwbuf[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
		pwbuf[16] = 0;
		password = pwbuf;
	}
	struct db *db = NULL;
	int status = cli_open_db(c, &db);
	if (status)
		return status;
	struct tree t = {0};
	long long ids[NIND] = {0}, plans = 0, values = 0, nvalues = 0, existing = 0;
	int rc = store_bulk_counts(db, &plans, &values);
	if (rc) {
		rc = cli_fail("demo", rc, "%s", db_errmsg(db));
		goto out;
	}
	if ((plans || values) && !force) {
		rc = cli_fail("demo", PH_EINVAL,
		              "the database holds %lld plans and %lld indicator values;"
		              " use an empty database or --force", plans, values);
		goto out;
	}
	if (store_unit_by_key(db, "hpn.tw", &existing) == 0) {
		rc = cli_fail("demo", PH_EDUPLICATE, "the database already holds the demo data set");
		goto out;
	}
	rng_state = seed;
	double t0 = now_s(), t1, t2, t3, t4;
	if ((rc = db_begin(db)))
		goto dberr;
	rc = build_units(db, small, &t);
	rc = rc ? (db_rollback(db), rc) : db_commit(db);
	if (rc)
		goto dberr;
	rollup_units_changed();
	t1 = now_s();
	if ((rc = add_indicators(db, t.root, ids)))
		goto dberr;
	t2 = now_s();
	if ((rc = db_begin(db)))
		goto dberr;
	rc = write_values(db, &t, ids, &nvalues);
	rc = rc ? (db_rollback(db), rc) : db_commit(db);
	if (rc)
		goto dberr;
	t3 = now_s();
	if ((rc = add_users(db, &t, small ? 2 : NPROV, password)))
		goto dberr;
	t4 = now_s();
	int nprov = small ? 2 : NPROV;
	printf("Đã tạo dữ liệu mẫu (%s, seed %llu):\n", small ? "nhỏ" : "toàn quốc", seed);
	printf("  đơn vị: 1 trung ương, %d tỉnh, %zu xã, %zu chi hội  (%.2f s)\n", nprov,
	       t.ncomm, t.nbranch, t1 - t0);
	printf("  chỉ tiêu: %zu, kèm chỉ tiêu kế hoạch 2022-2025  (%.2f s)\n", NIND, t2 - t1);
	printf("  số liệu: %lld giá trị, 8 kỳ 2022-H1 đến 2025-H2  (%.2f s)\n", nvalues, t3 - t2);
	printf("  tài khoản: quantri (quản trị), dieuphoi01..dieuphoi%02d (điều phối)  (%.2f s)\n",
	       nprov, t4 - t3);
	if (password == pwbuf)
		printf("  mật khẩu: %s\n", password);
	printf("  tổng thời gian: %.2f s\n", t4 - t0);
	goto out;
dberr:
	rc = cli_fail("demo", rc, "%s", db_errmsg(db));
out:
	tree_free(&t);
	db_close(db);
	return rc;
}

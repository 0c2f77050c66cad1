# test_import_review.py: the import review page, one screen per concern
# (issue 10, point 6), and withdrawing an import made by mistake. The
# review: every concern is a section reachable by an anchor, one of them
# shown first; tasks come ten a screen with long texts cut (the whole kept
# in the page); a unit select offers likely units, not the registry, and
# units of the same name are told apart; a document imported before is
# named above every screen at preview; the confirm lands on the plan with
# a success message. The withdrawal: allowed while nothing was recorded
# (every table counted before the import and after the withdrawal),
# refused after a note or a status change (nothing gone), 403 for a
# viewer, through the page, the API and the command line.
import os
import re

from harness import ROOT, check, cli, sql, sql_one

SAMPLE = os.path.join(ROOT, "..", "shared", "samples", "laocai-2024-ubnd-hlhpn-coordination-plan.txt")

# Tables that sign-ins and the audit log change whatever a test does.
VOLATILE = {"sessions", "signin_failures", "signin_devices", "audit_log"}


def _plan(number, title, tasks, extra=""):
    """A plan of UBND tỉnh with tasks [(content, lead, coordinating)], a
    target, a report deadline to Sở Nội vụ, and extra text before the
    closing."""
    rows = "".join("%d\t%s\t%s\t%s\tQuý IV/2024\n" % (i + 1, c, lead, co)
                   for i, (c, lead, co) in enumerate(tasks))
    return ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n\nSố: %s/KH-UBND\n\n"
            "Lào Cai, ngày 05 tháng 8 năm 2024\n\nKẾ HOẠCH\n%s\n\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n\n"
            "- Phấn đấu đến năm 2025, 95%% xã có mô hình dân vận khéo.\n\n"
            "II. NỘI DUNG\n\n"
            "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n"
            "%s\nIII. TỔ CHỨC THỰC HIỆN\n\n"
            "1. Các sở báo cáo kết quả gửi về Sở Nội vụ (báo cáo tổng kết trước ngày 20/12/2024).\n%s\n"
            "Nơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn Thử\n"
            % (number, title, rows, extra))


def _preview(c, name, text):
    _, f = c.page_form("/import", r"^/import$")
    form = {n: v for n, v, _, _ in f["fields"]}
    return c.post("/import", form=form,
                  files=[(f["files"][0], name, text.encode("utf-8"), "text/plain")])


def _confirm_values(r):
    cf = r.page.form(r"^/import/confirm$")
    check(cf is not None, "the review has no confirm form: " + r.describe())
    values = {n: v for n, v, _, _ in cf["fields"]}
    if "confirm_review" in cf["options"]:
        values["confirm_review"] = "1"
    return cf, values


def _sections(html):
    """{id: html} of the review's screens, and the id of the one shown
    first (class "first")."""
    out, first = {}, None
    for m in re.finditer(r'<section class="step card( first)?" id="([^"]+)">(.*?)</section>', html, re.S):
        out[m.group(2)] = m.group(3)
        if m.group(1):
            check(first is None, "two screens shown first")
            first = m.group(2)
    return out, first


def _tables(ctx):
    return [r[0] for r in sql(ctx.db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                              " AND name NOT LIKE 'sqlite_%'")]


def _count_all(ctx):
    return {t: sql_one(ctx.db, 'SELECT COUNT(*) FROM "%s"' % t) for t in _tables(ctx)
            if t not in VOLATILE}


def test_review_screens_and_weight(ctx):
    c = ctx.as_user("admin")
    if os.path.exists(SAMPLE):
        with open(SAMPLE, encoding="utf-8") as f:
            text, name = f.read(), "laocai-2024.txt"
    else:
        text, name = _plan("201", "Kế hoạch thử màn hình kiểm tra năm 2024",
                           [("Nhiệm vụ %d" % i, "Sở Nội vụ", "Sở Tư pháp") for i in range(13)]), "k.txt"
    docs = sql_one(ctx.db, "SELECT COUNT(*) FROM documents")
    r = _preview(c, name, text).expect(200)
    # The same plan made 195 KB before the review had screens (the
    # registry in each of its 29 selects); now about 81 KB.
    check(len(r.body) < 110000, "review page of %s is %d bytes" % (name, len(r.body)))
    screens, first = _sections(r.text)
    for sid in ("buoc-van-ban", "buoc-nhiem-vu", "buoc-don-vi", "buoc-xac-nhan"):
        check(sid in screens, "no screen %s: %r" % (sid, sorted(screens)))
    check(first == "buoc-van-ban", "the first screen is %r" % first)
    # Written last, so that a targeted screen can hide it (style.css).
    check(list(screens)[-1] == first, "the default screen is not the last section")
    # Every step link leads to a screen of the page.
    for href in re.findall(r'<a href="#([^"]+)"', r.text):
        check(href in screens, "a link to #%s, which is no screen" % href)
    # The header screen says what the document is and what was found.
    head = screens["buoc-van-ban"]
    for what in ("Loại văn bản", "Số, ký hiệu", "Địa danh, ngày", "Cơ quan ban hành", "Trích yếu",
                 "import-summary"):
        check(what in head, "the header screen lacks %s" % what)
    check('id="import-tasks"' in screens["buoc-nhiem-vu"], "no task table on the tasks screen")
    check('id="import-units"' in screens["buoc-don-vi"], "no matching table on the units screen")
    # The confirmation is on the last screen, and only there.
    check(r.text.count("Xác nhận và ghi vào hệ thống") == 1 and
          "Xác nhận và ghi vào hệ thống" in screens["buoc-xac-nhan"],
          "the confirm button is not (only) on the last screen")
    # No select carries the registry: a few likely units each.
    units = sql_one(ctx.db, "SELECT COUNT(*) FROM units")
    for sel in re.findall(r"<select[^>]*name=\"unit\.\d+\.id\"[^>]*>(.*?)</select>", r.text, re.S):
        n = sel.count("<option")
        check(n <= 8 < units, "a unit select with %d options (registry %d)" % (n, units))
    # The stylesheet shows one screen at a time by :target, without script.
    css = c.get("/assets/style.css").expect(200).text
    check(".steps > .step:target" in css and ".step:target ~ .step.first" in css,
          "the stylesheet does not switch screens by :target")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs, "the preview wrote")


def test_review_many_tasks_are_paged_and_cut(ctx):
    c = ctx.as_user("admin")
    long_content = "Tổ chức tuyên truyền " + "sâu rộng trong cán bộ, hội viên, phụ nữ " * 12 + "đến cơ sở."
    tasks = [(long_content if i == 0 else "Nhiệm vụ thử số %d của kế hoạch lớn." % (i + 1),
              "Sở Nội vụ", "Sở Tư pháp; Sở Tài chính; Sở Xây dựng; Sở Y tế; Công an tỉnh")
             for i in range(200)]
    r = _preview(c, "lon.txt", _plan("202", "Kế hoạch thử hai trăm nhiệm vụ năm 2024", tasks)).expect(200)
    screens, _ = _sections(r.text)
    task_screens = [s for s in screens if s == "buoc-nhiem-vu" or s.startswith("buoc-nhiem-vu-")]
    check(len(task_screens) == 20, "200 tasks on %d screens" % len(task_screens))
    for sid in task_screens:
        rows = len(re.findall(r"<tr><td>", screens[sid]))
        check(1 <= rows <= 10, "screen %s holds %d tasks" % (sid, rows))
    # The long content is cut, the whole one click away.
    first = screens["buoc-nhiem-vu"]
    m = re.search(r'<details class="more"><summary>([^<]*)</summary>([^<]*)</details>', first)
    check(m and m.group(1).endswith("…") and len(m.group(1)) < len(long_content) and
          m.group(2) == long_content, "the long content is not cut with its whole text kept")
    check(len(r.body) < 400000, "200 tasks make a %d-byte review" % len(r.body))


def test_review_identical_unit_names_told_apart(ctx):
    c = ctx.as_user("admin")
    text = _plan("203", "Kế hoạch thử tên đơn vị trùng nhau năm 2024",
                 [("Rà soát biên chế.", "Sở Nội vụ", "Sở Tài chính")])
    r = _preview(c, "trung.txt", text).expect(200)
    twins = {}
    for sel in re.findall(r"<select[^>]*name=\"unit\.\d+\.id\"[^>]*>(.*?)</select>", r.text, re.S):
        labels = re.findall(r"<option[^>]*>([^<]*)</option>", sel)
        check(len(labels) == len(set(labels)), "identical options in one select: %r" % labels)
        for lab in labels:
            if lab.startswith("Sở Nội vụ tỉnh Lào Cai"):
                twins[lab] = True
    names = sorted(twins)
    check(len(names) == 2, "the two Sở Nội vụ are not both offered: %r" % names)
    check(any("(laocai.so-noivu)" in n and "đến 28/02/2025" in n for n in names) and
          any("(laocai.so-noivu-2025)" in n and "từ 01/03/2025" in n for n in names),
          "the two Sở Nội vụ are not told apart by dates and key: %r" % names)


def test_review_unit_chosen_by_key(ctx):
    c = ctx.as_user("admin")
    text = _plan("204", "Kế hoạch thử chọn đơn vị theo mã năm 2024",
                 [("Kiểm tra công tác pháp chế.", "Phòng Pháp chế thử nghiệm", "Sở Tài chính")])
    r = _preview(c, "ma.txt", text).expect(200)
    cf, values = _confirm_values(r)
    idx = [k.split(".")[1] for k, v in values.items()
           if k.endswith(".text") and v == "Phòng Pháp chế thử nghiệm"]
    check(idx, "the unmatched name has no row: %r" % values)
    check("chưa có trong danh mục" in r.text, "the unmatched name is not marked")
    check('list="unit-list"' in r.text and '<datalist id="unit-list">' in r.text,
          "no field for another unit")
    docs = sql_one(ctx.db, "SELECT COUNT(*) FROM documents")
    bad = dict(values, **{"unit.%s.key" % idx[0]: "khong.co.don.vi.nay"})
    r2 = c.post("/import/confirm", form=bad)
    check(r2.status == 422 and "khong.co.don.vi.nay" in r2.page.text,
          "an unknown key: " + r2.describe())
    screens, first = _sections(r2.text)
    check(first == "buoc-don-vi", "the error does not show the units screen first: %r" % first)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents") == docs, "an unknown key wrote")
    good = dict(values, **{"unit.%s.key" % idx[0]: "laocai.so-tuphap"})
    r3 = c.post("/import/confirm", form=good).expect(303)
    plan = int(re.search(r"/plans/(\d+)", r3.header("Location")).group(1))
    check(sql_one(ctx.db, "SELECT lead_unit_id FROM tasks WHERE plan_id = ?", plan) ==
          ctx.unit_ids["laocai.so-tuphap"], "the unit chosen by key is not the lead")


def test_duplicate_shown_at_preview_and_success_message(ctx):
    c = ctx.as_user("admin")
    title = "Kế hoạch thử <b>trùng</b> & thông báo năm 2024"
    text = _plan("205", title, [("Thử nhập hai lần.", "Sở Nội vụ", "Sở Tư pháp"),
                                ("Thử thông báo.", "Sở Tư pháp", "Sở Nội vụ")])
    r = _preview(c, "trung-lap.txt", text).expect(200)
    check("import-duplicate" not in r.text, "a new document called a duplicate")
    _, values = _confirm_values(r)
    r = c.post("/import/confirm", form=values).expect(303)
    loc = r.header("Location")
    m = re.match(r"^/plans/(\d+)\?ok=import$", loc or "")
    check(m, "after confirm: Location %r" % loc)
    plan = int(m.group(1))
    page = c.get(loc).expect(200)
    check("Đã nhập kế hoạch “%s”: 2 nhiệm vụ." % title in page.page.text,
          "no success message on the plan: " + page.describe())
    check("<b>trùng</b>" not in page.text and "&lt;b&gt;trùng&lt;/b&gt; &amp; thông báo" in page.text,
          "the title is not escaped in the message")
    check('role="status"' in page.text, "the message is not a status notice")
    # Previewed again: the first screen (above every screen) names it.
    r = _preview(c, "lai.txt", text + "\n\n").expect(200)
    dup = r.text.find('id="import-duplicate"')
    check(dup > 0 and dup < r.text.find('<section class="step'),
          "the duplicate is not named before the screens")
    check('href="/plans/%d"' % plan in r.text[dup:r.text.find('<section class="step')],
          "the duplicate warning does not link to plan %d" % plan)
    # Same number and date, another text: named too, before the screens.
    other = text.replace("Thử thông báo.", "Thử thông báo, bản sửa.")
    r = _preview(c, "sua.txt", other).expect(200)
    same = r.text.find('id="import-same-number"')
    check(0 < same < r.text.find('<section class="step') and
          'href="/plans/%d"' % plan in r.text[same:r.text.find('<section class="step')],
          "the same number and date is not named before the screens")


# ---- withdrawing ---------------------------------------------------------------

def _import_api(ctx, login, text, name):
    a = ctx.as_user(login, api=True)
    r = a.post("/api/v1/imports", json={"text": text, "source_name": name,
                                        "confirm_review": True}).expect(201).json()
    return r["plan_id"], r["document_id"]


def test_withdraw_through_the_page(ctx):
    before = _count_all(ctx)
    audit_before = sql_one(ctx.db, "SELECT COUNT(*) FROM audit_log")
    c = ctx.as_user("dieuphoi")
    text = _plan("206", "Kế hoạch thử rút lại qua trang năm 2024",
                 [("Nhiệm vụ rút lại một.", "Sở Nội vụ", "Sở Tư pháp; Ban Thử Nghiệm Rút Lại"),
                  ("Nhiệm vụ rút lại hai.", "Đơn vị Thử Nghiệm Rút Lại", "Sở Nội vụ")])
    r = _preview(c, "rut-lai.txt", text).expect(200)
    cf, values = _confirm_values(r)
    for i, opts in cf["options"].items():
        if i.endswith(".track"):
            values[i] = "1"     # the target becomes an indicator
    r = c.post("/import/confirm", form=values).expect(303)
    plan = int(re.search(r"/plans/(\d+)", r.header("Location")).group(1))
    doc = sql_one(ctx.db, "SELECT document_id FROM plans WHERE id = ?", plan)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM units WHERE proposed = 1 AND key LIKE 'proposed.%'"
                  " AND id IN (SELECT lead_unit_id FROM tasks WHERE plan_id = ?"
                  " UNION SELECT unit_id FROM task_coordinators WHERE task_id IN"
                  " (SELECT id FROM tasks WHERE plan_id = ?))", plan, plan) == 2,
          "fixture: the import made no two proposed units")
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM indicators") == before["indicators"] + 1,
          "fixture: the target did not become an indicator")
    ctx.as_user("admin", api=True).post("/api/v1/plans/%d/schedules" % plan, json={
        "receiving_unit_id": ctx.unit_ids["laocai.ubnd"]}).expect(200)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM report_schedules WHERE plan_id = ?", plan) >= 1,
          "fixture: no schedule made from the plan")
    # The plan page offers it to the importer, not to a viewer.
    check('href="/plans/%d/withdraw"' % plan in c.get("/plans/%d" % plan).expect(200).text,
          "no withdraw button for the importer")
    v = ctx.as_user("xem")
    check('/withdraw"' not in v.get("/plans/%d" % plan).expect(200).text,
          "a viewer sees the withdraw button")
    v.get("/plans/%d/withdraw" % plan).expect(403)
    v.post("/plans/%d/withdraw" % plan, form={"_csrf": v.csrf}).expect(403)
    # A coordinator of another reach may not either.
    h = ctx.as_user("dp.hlhpn")
    h.get("/plans/%d/withdraw" % plan).expect(403)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM plans WHERE id = ?", plan) == 1,
          "a refused withdrawal removed the plan")
    # The confirmation screen says what goes.
    r, f = c.page_form("/plans/%d/withdraw" % plan, r"^/plans/%d/withdraw$" % plan)
    t = r.page.text
    check("2 nhiệm vụ" in t and "lịch báo cáo lập từ kế hoạch" in t and
          "chỉ tiêu theo dõi tạo khi nhập" in t and "2 đơn vị đề xuất" in t,
          "the confirmation does not say what goes: " + r.describe())
    r = c.post(f["action"], form={n: v for n, v, _, _ in f["fields"]}).expect(303)
    check((r.header("Location") or "").startswith("/plans?ok=withdrawn"),
          "after withdrawal: %r" % r.header("Location"))
    check("Đã rút lại việc nhập kế hoạch" in c.get(r.header("Location")).expect(200).page.text,
          "the plan list does not say it was withdrawn")
    after = _count_all(ctx)
    changed = {k: (before[k], after[k]) for k in before if before[k] != after.get(k)}
    check(not changed, "rows left or lost after the withdrawal: %r" % changed)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM documents WHERE id = ?", doc) == 0, "document left")
    entry = sql(ctx.db, "SELECT user_login, before_json FROM audit_log WHERE action = 'document.withdraw'"
                " AND entity = 'plan' AND entity_id = ?", plan)
    check(len(entry) == 1 and entry[0][0] == "dieuphoi" and '"tasks":2' in entry[0][1] and
          '"proposed_units":[' in entry[0][1], "no audit entry of the withdrawal: %r" % entry)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM audit_log") > audit_before, "audit log shrank")
    c.get("/plans/%d" % plan).expect(404)
    c.post("/plans/%d/withdraw" % plan, form={"_csrf": c.csrf}).expect(404)


def test_withdraw_refused_after_a_note_or_a_status_change(ctx):
    a = ctx.as_user("admin", api=True)
    plan, doc = _import_api(ctx, "admin", _plan("207", "Kế hoạch thử ghi chú rồi rút lại năm 2024",
                            [("Nhiệm vụ có ghi chú.", "Sở Nội vụ", "Sở Tư pháp")]), "ghi-chu.txt")
    task = sql_one(ctx.db, "SELECT id FROM tasks WHERE plan_id = ?", plan)
    a.post("/api/v1/tasks/%d/notes" % task, json={"text": "Đã triển khai."}).expect(201)
    before = _count_all(ctx)
    r = a.post("/api/v1/plans/%d/withdraw" % plan).expect_error(409, "conflict")
    e = r.json()["error"]
    check("notes" in e.get("detail", "") and e.get("recorded", {}).get("notes") == 1 and
          "ghi chú" in (e.get("reason_vi") or ""), "the refusal does not name the note: %r" % e)
    c = ctx.as_user("admin")
    r = c.get("/plans/%d/withdraw" % plan).expect(200)
    check('id="withdraw-refused"' in r.text and "1 ghi chú tiến độ" in r.page.text and
          r.page.form(r"/withdraw$") is None, "the page does not refuse, naming the note")
    r = c.post("/plans/%d/withdraw" % plan, form={"_csrf": c.csrf})
    check(r.status == 409 and "ghi chú" in r.page.text, "page withdrawal after a note: " + r.describe())
    p = cli(ctx.binary, ctx.db, "plans", "withdraw", str(plan))
    check(p.returncode == 1 and "conflict" in p.stderr and "notes" in p.stderr,
          "command line after a note: %d %s" % (p.returncode, p.stderr))
    check(_count_all(ctx) == before, "a refused withdrawal changed something")
    # A status changed, then changed back: still recorded (its history).
    plan2, _ = _import_api(ctx, "admin", _plan("208", "Kế hoạch thử đổi trạng thái năm 2024",
                           [("Nhiệm vụ đổi trạng thái.", "Sở Nội vụ", "Sở Tư pháp")]), "trang-thai.txt")
    t2 = sql_one(ctx.db, "SELECT id FROM tasks WHERE plan_id = ?", plan2)
    a.patch("/api/v1/tasks/%d" % t2, json={"status": "in_progress"}).expect(200)
    e = a.post("/api/v1/plans/%d/withdraw" % plan2).expect_error(409, "conflict").json()["error"]
    check(e["recorded"]["task_status"] == 1, "a changed status not named: %r" % e)
    a.patch("/api/v1/tasks/%d" % t2, json={"status": "not_started"}).expect(200)
    e = a.post("/api/v1/plans/%d/withdraw" % plan2).expect_error(409, "conflict").json()["error"]
    check(e["recorded"]["task_status"] == 0 and e["recorded"]["task_history"] == 2,
          "a status changed back not named: %r" % e)
    check(sql_one(ctx.db, "SELECT COUNT(*) FROM plans WHERE id IN (?, ?)", plan, plan2) == 2,
          "a refused plan is gone")


def test_withdraw_through_the_api_and_the_command_line(ctx):
    before = _count_all(ctx)
    plan, doc = _import_api(ctx, "admin", _plan("209", "Kế hoạch thử rút lại qua API năm 2024",
                            [("Nhiệm vụ API.", "Sở Nội vụ", "Sở Tư pháp")]), "api.txt")
    ctx.as_user("xem", api=True).post("/api/v1/plans/%d/withdraw" % plan).expect_error(403)
    ctx.as_user("bt.hlhpn", api=True).post("/api/v1/plans/%d/withdraw" % plan).expect_error(403)
    a = ctx.as_user("admin", api=True)
    j = a.post("/api/v1/plans/%d/withdraw" % plan).expect(200).json()
    w = j.get("withdrawn") or {}
    check(w.get("plan_id") == plan and w.get("document_id") == doc and w.get("tasks") == 1 and
          w.get("coordinators") == 1, "the answer does not say what was removed: %r" % j)
    a.post("/api/v1/plans/%d/withdraw" % plan).expect_error(404)
    a.get("/api/v1/plans/%d" % plan).expect_error(404)
    check(_count_all(ctx) == before, "the API withdrawal left rows: %r" % {
        k: (before[k], v) for k, v in _count_all(ctx).items() if before.get(k) != v})
    # The command line.
    plan, doc = _import_api(ctx, "admin", _plan("210", "Kế hoạch thử rút lại bằng dòng lệnh năm 2024",
                            [("Nhiệm vụ dòng lệnh.", "Sở Nội vụ", "Sở Tư pháp")]), "cli.txt")
    p = cli(ctx.binary, ctx.db, "plans", "withdraw", str(plan), "--json")
    check(p.returncode == 0 and '"tasks": 1' in p.stdout, "command line: %d %s %s" % (
        p.returncode, p.stdout, p.stderr))
    check(_count_all(ctx) == before, "the command line withdrawal left rows")
    p = cli(ctx.binary, ctx.db, "plans", "withdraw", str(plan))
    check(p.returncode == 1 and "not_found" in p.stderr, "withdrawn twice: %s" % p.stderr)
    p = cli(ctx.binary, ctx.db, "plans", "withdraw", "abc")
    check(p.returncode == 1 and "usage" in p.stderr, "a bad id: %s" % p.stderr)

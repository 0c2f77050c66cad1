# test_exports.py: the table downloads (issue 11, point 4): the task list,
# a schedule's completeness, an indicator's roll-ups, the dashboard and
# the audit log as .xlsx and .csv, from the pages' "Tải Excel" / "Tải CSV"
# links and from the API, as different users. Each .xlsx is read back with
# python3-openpyxl (sheet name, a bold frozen header, the autofilter, the
# widths, numbers as numbers, dates as dates shown dd/mm/yyyy, "=1+2" and
# "@SUM(A1)" kept as text); each .csv is checked for its BOM, its columns
# and its row count against what the page or the API lists; the task
# export honours the page's filters; refusals follow reading (the audit
# log for a viewer). One .xlsx is converted to PDF by LibreOffice.
import csv
import html
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile

from harness import check, cli_ok, sql, sql_one

PLAN = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI

Số: 77/KH-UBND

Lào Cai, ngày 02 tháng 4 năm 2024

KẾ HOẠCH
Kiểm thử xuất bảng tính năm 2024

I. MỤC ĐÍCH, YÊU CẦU

1. Bảo đảm các bảng xuất ra mở được trong Excel.

PHỤ LỤC 01

STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tGhi chú
1\t=1+2\tHội LHPN tỉnh\tSở Nội vụ\tQuý II/2024\t
2\t@SUM(A1) tuyên truyền "ngày hội", có dấu phẩy\tHội LHPN tỉnh\tSở Tư pháp\tQuý III/2024\t
3\tTổng kết công tác phối hợp.\tSở Nội vụ\tHội LHPN tỉnh\tQuý IV/2024\t
"""

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def openpyxl_module():
    try:
        import openpyxl
    except ImportError:
        deb = "/usr/lib/python3/dist-packages"
        if deb not in sys.path and os.path.isdir(os.path.join(deb, "openpyxl")):
            sys.path.append(deb)
        try:
            import openpyxl
        except ImportError:
            check(False, "the Python openpyxl module is missing: install python3-openpyxl "
                         "(tools/setup.sh)")
    return openpyxl


def _workbook(body):
    openpyxl = openpyxl_module()
    return openpyxl.load_workbook(io.BytesIO(body))


def _csv(body, sep=","):
    check(body.startswith(b"\xef\xbb\xbf"), "CSV without the UTF-8 BOM: %r" % body[:20])
    text = body[3:].decode("utf-8")
    check("\r\n" in text and "\n" not in text.replace("\r\n", ""),
          "CSV lines do not all end in CRLF")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))


def _download(c, path, ctype, stem):
    r = c.get(path).expect(200)
    check((r.header("Content-Type") or "").startswith(ctype),
          "%s: Content-Type %r" % (path, r.header("Content-Type")))
    cd = r.header("Content-Disposition") or ""
    check(cd.startswith("attachment;") and ('filename="%s' % stem) in cd and "filename*=UTF-8''" in cd,
          "%s: Content-Disposition %r" % (path, cd))
    return r.body


def _links(page_text, path):
    """The Tải Excel / Tải CSV hrefs of a page that start with path."""
    hrefs = [html.unescape(h) for h in re.findall(r'href="([^"]+)"', page_text)]
    x = [h for h in hrefs if h.startswith(path) and "format=xlsx" in h]
    c = [h for h in hrefs if h.startswith(path) and "format=csv" in h]
    check(x and c and "Tải Excel" in page_text and "Tải CSV" in page_text,
          "no download links to %s on the page" % path)
    return x[0], c[0]


def _check_sheet(ws, name, header, min_widths):
    check(ws.title == name, "sheet name %r, want %r" % (ws.title, name))
    got = [c.value for c in ws[1]]
    check(got[:len(header)] == header, "header %r, want %r" % (got, header))
    check(all(c.font.b for c in ws[1]), "header row not bold")
    check(ws.freeze_panes == "A2", "header not frozen: %r" % ws.freeze_panes)
    last = ws.cell(row=1, column=ws.max_column).column_letter
    check(ws.auto_filter.ref == "A1:%s%d" % (last, ws.max_row),
          "autofilter %r over A1:%s%d" % (ws.auto_filter.ref, last, ws.max_row))
    for col, w in min_widths.items():
        got = ws.column_dimensions[col].width
        check(got and got >= w, "column %s width %r, want at least %r" % (col, got, w))


def _plan(ctx):
    pid = sql_one(ctx.db, "SELECT id FROM plans WHERE title = 'Kiểm thử xuất bảng tính năm 2024'")
    if pid:
        return pid
    d = tempfile.mkdtemp(prefix="phoihop-export-")
    path = os.path.join(d, "ke-hoach-xuat.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(PLAN)
    cli_ok(ctx.binary, ctx.db, "import", "--confirm", path)
    shutil.rmtree(d, ignore_errors=True)
    pid = sql_one(ctx.db, "SELECT id FROM plans WHERE title = 'Kiểm thử xuất bảng tính năm 2024'")
    check(pid, "the export test plan was not imported")
    return pid


def test_task_export_page_filters_and_injection(ctx):
    import datetime
    pid = _plan(ctx)
    v = ctx.as_user("xem")
    page = v.get("/tasks?plan=%d&sort=no" % pid).expect(200)
    m = re.search(r"trong (\d+) nhiệm vụ|(\d+) nhiệm vụ</p>", page.text)
    check(m, "no task count on the page")
    total = int(m.group(1) or m.group(2))
    check(total == 3, "the plan's page lists %d tasks" % total)
    xl, cs = _links(page.text, "/tasks/export")
    check("plan=%d" % pid in xl and "sort=no" in xl, "the link lost the filters: %r" % xl)

    wb = _workbook(_download(v, xl, XLSX, "danh-sach-nhiem-vu.xlsx"))
    ws = wb.active
    _check_sheet(ws, "Nhiệm vụ", ["STT", "TT", "Nội dung nhiệm vụ", "Kế hoạch", "Mục",
                                  "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện",
                                  "Ngày bắt đầu", "Hạn hoàn thành", "Trạng thái"],
                 {"C": 60, "F": 28})
    rows = list(ws.iter_rows(min_row=2, values_only=False))
    check(len(rows) == total, "xlsx holds %d tasks, the page %d" % (len(rows), total))
    stt, content, start, end, status = rows[0][0], rows[0][2], rows[0][8], rows[0][9], rows[0][10]
    check(isinstance(stt.value, int) and stt.value == 1 and stt.data_type == "n",
          "STT is not a number: %r" % stt.value)
    check(isinstance(start.value, datetime.datetime) and start.value.date() == datetime.date(2024, 4, 1),
          "start is not the date 01/04/2024: %r" % start.value)
    check(start.number_format == "dd/mm/yyyy" and end.number_format == "dd/mm/yyyy",
          "date format %r" % start.number_format)
    check(end.value.date() == datetime.date(2024, 6, 30), "end %r" % end.value)
    check(status.value == "Chưa bắt đầu", "status not a Vietnamese label: %r" % status.value)
    for r in rows[:2]:
        c = r[2]
        check(c.data_type == "s" and not str(c.value).startswith("="),
              "content %r (%s) could run as a formula" % (c.value, c.data_type))
    check(rows[0][2].value == "'=1+2", "guarded '=1+2': %r" % rows[0][2].value)
    check(str(rows[1][2].value).startswith("'@SUM(A1)"), "guarded @SUM: %r" % rows[1][2].value)
    check(rows[0][6].value == "Sở Nội vụ tỉnh Lào Cai" or "Nội vụ" in str(rows[0][6].value),
          "coordinating unit by name: %r" % rows[0][6].value)

    body = _download(v, cs, "text/csv", "danh-sach-nhiem-vu.csv")
    t = _csv(body)
    check(t[0][:3] == ["STT", "TT", "Nội dung nhiệm vụ"] and len(t[0]) == 13, "CSV header %r" % t[0])
    check(len(t) - 1 == total, "CSV holds %d tasks, the page %d" % (len(t) - 1, total))
    check(t[1][2] == "'=1+2" and t[2][2].startswith("'@SUM(A1) tuyên truyền \"ngày hội\", có dấu phẩy"),
          "CSV contents %r" % [t[1][2], t[2][2]])
    check(t[1][8] == "2024-04-01", "CSV date in machine form: %r" % t[1][8])
    check(b'"@' not in body and b"\"'@SUM(A1) tuy" in body, "quoting of the comma cell")
    t = _csv(v.get(cs + "&sep=semicolon").expect(200).body, ";")
    check(len(t) - 1 == total and t[0][0] == "STT", "semicolon CSV %r" % t[:2])

    # The filters are the page's: a status keeps only its tasks, and the
    # API list with the same filters counts the same rows.
    done = ctx.as_user("admin", api=True)
    tid = sql_one(ctx.db, "SELECT id FROM tasks WHERE plan_id = ? AND no = '3'", pid)
    done.patch("/api/v1/tasks/%d" % tid, json={"status": "done"}).expect(200)
    t = _csv(v.get("/tasks/export?plan=%d&status=done&format=csv" % pid).expect(200).body)
    check([r[1] for r in t[1:]] == ["3"] and t[1][10] == "Hoàn thành", "status filter %r" % t[1:])
    a = ctx.as_user("xem", api=True)
    for q in ("plan=%d" % pid, "plan=%d&status=not_started" % pid, "q=tong+ket&plan=%d" % pid,
              "quarter=2024-Q3&plan=%d" % pid):
        n = a.get("/api/v1/tasks?" + q).expect(200).json()["total"]
        t = _csv(_download(a, "/api/v1/tasks/export?format=csv&" + q, "text/csv",
                           "danh-sach-nhiem-vu.csv"))
        p = _csv(v.get("/tasks/export?format=csv&" + q).expect(200).body)
        check(len(t) - 1 == n and p == t, "%s: the API lists %d, its export %d, the page's %d"
              % (q, n, len(t) - 1, len(p) - 1))
    check(len(_csv(v.get("/tasks/export?format=csv").expect(200).body)) - 1 ==
          sql_one(ctx.db, "SELECT COUNT(*) FROM tasks"), "unfiltered export misses tasks")

    # Refusals: a bad format, a bad filter, nobody signed in.
    v.get("/tasks/export?format=pdf").expect(400)
    v.get("/tasks/export?format=xlsx&status=xyz").expect(422)
    v.get("/tasks/export?format=xlsx&plan=999999").expect(422)
    a.get("/api/v1/tasks/export?format=doc").expect_error(400)
    a.get("/api/v1/tasks/export?format=csv&sep=tab").expect_error(400)
    a.get("/api/v1/tasks/export?format=csv&quarter=2024-Q9").expect_error(422)
    anon = ctx.server.client("anon-export")
    r = anon.get("/tasks/export?format=xlsx")
    check(r.status in (302, 303) and not r.body.startswith(b"PK"), "anonymous download %d" % r.status)
    anon.get("/api/v1/tasks/export?format=csv").expect_error(401)


def test_compliance_export(ctx):
    adm = ctx.as_user("admin", api=True)
    body = {"kind": "ad_hoc", "title": "Báo cáo xuất bảng tính", "cutoff_start": "2024-08-01",
            "cutoff_end": "2024-08-31", "due": "2024-09-10",
            "receiving_unit_id": ctx.unit_ids["laocai.ubnd"],
            "unit_ids": [ctx.unit_ids["laocai.hlhpn"], ctx.unit_ids["laocai.so-ldtbxh"]]}
    sid = adm.post("/api/v1/schedules", json=body).expect(201).json()["id"]
    hl = ctx.unit_ids["laocai.hlhpn"]
    url = "/api/v1/schedules/%d/units/%d/report" % (sid, hl)
    ctx.as_user("bt.hlhpn", api=True).request(
        "PUT", url, json={"sections": [{"text": "Đã triển khai."}]}).expect(200)
    ctx.as_user("pheduyet", api=True).post(url + "/submit").expect(200)

    v = ctx.as_user("xem")
    page = v.get("/schedules/%d/compliance" % sid).expect(200)
    xl, cs = _links(page.text, "/schedules/%d/compliance/export" % sid)
    j = ctx.as_user("xem", api=True).get("/api/v1/schedules/%d/compliance" % sid).expect(200).json()
    n = len(j["units"]) if "units" in j else len(j["rows"])
    wb = _workbook(_download(v, xl, XLSX, "tinh-hinh-nop-bao-cao-%d.xlsx" % sid))
    ws = wb.active
    _check_sheet(ws, "Tình hình nộp báo cáo", ["STT", "Đơn vị", "Tình hình", "Số ngày trễ"],
                 {"B": 40})
    rows = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    check(len(rows) == n == 2, "%d rows, the API %d" % (len(rows), n))
    late = [r for r in rows.values() if r[2] == "Trễ hạn"]
    missing = [r for r in rows.values() if r[2] == "Chưa nộp, quá hạn"]
    check(len(late) == 1 and late[0][3] == 5 and isinstance(late[0][3], int),
          "late by 5 days as a number: %r" % list(rows.values()))
    check(late[0][4].year == 2024 and late[0][4].month == 9 and late[0][4].day == 15,
          "first submission as a date: %r" % (late[0][4],))
    check(len(missing) == 1 and missing[0][3] == 5, "missing 5 days overdue %r" % missing)
    t = _csv(_download(ctx.as_user("xem", api=True),
                       "/api/v1/schedules/%d/compliance/export?format=csv" % sid, "text/csv",
                       "tinh-hinh-nop-bao-cao-%d.csv" % sid))
    check(len(t) - 1 == n and t[0][1] == "Đơn vị", "compliance CSV %r" % t)
    check(_csv(v.get(cs).expect(200).body) == t, "the page's CSV differs from the API's")
    v.get("/schedules/999999/compliance/export?format=csv").expect(404)
    ctx.as_user("xem", api=True).get("/api/v1/schedules/999999/compliance/export?format=csv") \
        .expect_error(404)


def test_indicator_and_dashboard_export(ctx):
    a = ctx.as_user("admin", api=True)
    r = a.post("/api/v1/indicators", json={"code": "XB-DEM", "name": "Số buổi tuyên truyền (xuất)",
                                           "measure": "buổi", "type": "sum",
                                           "levels": "district"})
    if r.status == 409:
        ind = sql_one(ctx.db, "SELECT id FROM indicators WHERE code = 'XB-DEM'")
    else:
        ind = r.expect(201).json()["id"]
    a.post("/api/v1/indicators/%d/targets" % ind,
           json={"year": 2024, "level": "province", "op": ">=", "value": 30}).expect(200)
    hl = ctx.unit_ids["laocai.hlhpn"]
    d = sql(ctx.db, "SELECT id, key FROM units WHERE parent_id = ? AND level = 'district'"
            " ORDER BY key", hl)
    check(len(d) >= 2, "two district unions under laocai.hlhpn expected")
    a.post("/api/v1/indicators/%d/values" % ind,
           json={"values": [{"unit": d[0][1], "period": "2024-H1", "value": 12},
                            {"unit": d[1][1], "period": "2024-H1", "value": 25.5}]}).expect(200)
    roll = a.get("/api/v1/indicators/%d/rollup?period=2024-H1&unit=%d" % (ind, hl)).expect(200).json()

    c = ctx.as_user("dp.hlhpn")
    page = c.get("/indicators/%d?period=2024-H1&unit=%d" % (ind, hl)).expect(200)
    xl, cs = _links(page.text, "/indicators/%d/export" % ind)
    ws = _workbook(_download(c, xl, XLSX, "chi-tieu-%d-2024-H1.xlsx" % ind)).active
    _check_sheet(ws, "Chỉ tiêu XB-DEM", ["Đơn vị", "Cấp", "Kỳ", "Mã kỳ", "Giá trị (buổi)"],
                 {"A": 36})
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    first = [r for r in rows if r[3] == "2024-H1"][0]
    check(isinstance(first[4], (int, float)) and abs(first[4] - roll["value"]) < 1e-9,
          "the unit's roll-up %r, the API %r" % (first, roll["value"]))
    check(first[2] == "6 tháng đầu năm 2024" and first[7] == 2, "period label / reporting %r" % (first,))
    check(first[10] == 30 and first[11] in ("Đạt", "Không đạt"), "target and attainment %r" % (first,))
    periods = sorted({r[3] for r in rows})
    check("2024-H1" in periods and "2024-H2" in periods and all("-H" in p for p in periods),
          "periods split like 2024-H1: %r" % periods)
    units = {r[0] for r in rows}
    check(len(rows) == len(units) * len(periods) and len(units) == 1 + len(roll["children"]),
          "units x periods: %d rows, %d units, %d periods" % (len(rows), len(units), len(periods)))
    t = _csv(c.get(cs).expect(200).body)
    check(len(t) - 1 == len(rows), "indicator CSV rows %d, xlsx %d" % (len(t) - 1, len(rows)))
    h1 = [x for x in t if x[3] == "2024-H1" and x[0] == first[0]][0]
    check(h1[4] == ("%g" % roll["value"]), "CSV value in machine form %r" % h1[4])
    api = ctx.as_user("xem", api=True)
    t2 = _csv(_download(api, "/api/v1/indicators/%d/export?format=csv&period=2024-H1&unit=%d"
                        % (ind, hl), "text/csv", "chi-tieu-%d-2024-H1.csv" % ind))
    check(t2 == t, "API and page indicator CSV differ")
    api.get("/api/v1/indicators/%d/export?format=csv" % ind).expect_error(400)
    api.get("/api/v1/indicators/%d/export?format=csv&period=2024-H7" % ind).expect_error(400)
    api.get("/api/v1/indicators/999999/export?format=csv&period=2024").expect_error(404)
    c.get("/indicators/%d/export?format=csv&period=abc" % ind).expect(422)

    page = c.get("/dashboards?period=2024-H1&unit=%d" % hl).expect(200)
    xl, cs = _links(page.text, "/dashboards/export")
    ws = _workbook(_download(c, xl, XLSX, "bang-dieu-khien-2024-H1.xlsx")).active
    n_ind = sql_one(ctx.db, "SELECT COUNT(*) FROM indicators")
    _check_sheet(ws, "Bảng điều khiển", ["Đơn vị", "Kỳ"], {"A": 36})
    check(ws.max_column == 2 + 2 * n_ind, "dashboard columns %d for %d indicators"
          % (ws.max_column, n_ind))
    head = [x.value for x in ws[1]]
    col = head.index("XB-DEM (buổi)")
    j = api.get("/api/v1/dashboards?period=2024-H1&unit=%d" % hl).expect(200).json()
    k = [i for i, x in enumerate(j["indicators"]) if x["code"] == "XB-DEM"][0]
    want = {u["name"]: j["cells"][i][k]["value"] for i, u in enumerate(j["units"])}
    got = {r[0]: r[col] for r in ws.iter_rows(min_row=2, values_only=True)}
    check(got == want, "dashboard cells %r, the API %r" % (got, want))
    t = _csv(_download(api, "/api/v1/dashboards/export?format=csv&period=2024-H1&unit=%d" % hl,
                       "text/csv", "bang-dieu-khien-2024-H1.csv"))
    check(len(t) - 1 == len(j["units"]) and _csv(c.get(cs).expect(200).body) == t,
          "dashboard CSV rows %d, the API %d units" % (len(t) - 1, len(j["units"])))
    api.get("/api/v1/dashboards/export?format=xlsx&period=2024-X").expect_error(400)


def test_audit_export_access(ctx):
    adm = ctx.as_user("admin")
    page = adm.get("/audit").expect(200)
    check('action="/audit/export"' in page.text and "Tải Excel" in page.text,
          "no download form on the audit page")
    total = sql_one(ctx.db, "SELECT COUNT(*) FROM audit_log")
    ws = _workbook(_download(adm, "/audit/export?format=xlsx", XLSX, "nhat-ky-thay-doi.xlsx")).active
    _check_sheet(ws, "Nhật ký hệ thống", ["Thời gian (UTC)", "Người thực hiện", "Tài khoản",
                                          "Hành động"], {"H": 40})
    check(ws.max_row - 1 >= total, "audit rows %d, the log %d" % (ws.max_row - 1, total))
    at = ws["A2"]
    check(at.is_date and at.number_format == "dd/mm/yyyy hh:mm", "time %r %r"
          % (at.value, at.number_format))
    names = {r[1] for r in ws.iter_rows(min_row=2, values_only=True)}
    check("Quản Trị Viên" in names, "authors not by full name: %r" % sorted(names)[:8])
    # A day's range: the entries of today (PHOIHOP_TODAY) only.
    day = sql_one(ctx.db, "SELECT substr(MIN(at), 1, 10) FROM audit_log")
    n_day = sql_one(ctx.db, "SELECT COUNT(*) FROM audit_log WHERE substr(at, 1, 10) = ?", day)
    a = ctx.as_user("admin", api=True)
    t = _csv(_download(a, "/api/v1/audit/export?format=csv&from=%s&to=%s" % (day, day),
                       "text/csv", "nhat-ky-thay-doi.csv"))
    check(len(t) - 1 == n_day and all(r[0].startswith(day) for r in t[1:]),
          "audit of %s: %d rows, the log %d" % (day, len(t) - 1, n_day))
    a.get("/api/v1/audit/export?format=csv&from=2024-02-30").expect_error(400)
    a.get("/api/v1/audit/export?format=csv&from=2024-09-02&to=2024-09-01").expect_error(422)
    adm.get("/audit/export?format=csv&from=x").expect(422)
    # A coordinator reads the entries about its reach; a viewer and an
    # editor read none of it.
    dp = ctx.as_user("dp.hlhpn", api=True)
    n = dp.get("/api/v1/audit?limit=1").expect(200).json()["total"]
    t = _csv(dp.get("/api/v1/audit/export?format=csv").expect(200).body)
    check(len(t) - 1 == n, "coordinator's audit export %d rows, its list %d" % (len(t) - 1, n))
    for login in ("xem", "bt.hlhpn"):
        r = ctx.as_user(login).get("/audit/export?format=xlsx").expect(403)
        check(not r.body.startswith(b"PK"), "a refused audit download holds a file")
        ctx.as_user(login, api=True).get("/api/v1/audit/export?format=csv").expect_error(403)


def test_xlsx_opens_in_libreoffice(ctx):
    soffice = shutil.which("soffice")
    check(soffice, "LibreOffice (soffice) is missing: install libreoffice-calc-nogui")
    body = ctx.as_user("xem").get("/tasks/export?format=xlsx").expect(200).body
    d = tempfile.mkdtemp(prefix="phoihop-lo-")
    try:
        src = os.path.join(d, "nhiem-vu.xlsx")
        with open(src, "wb") as f:
            f.write(body)
        p = subprocess.run([soffice, "-env:UserInstallation=file://" + os.path.join(d, "profile"),
                            "--headless", "--convert-to", "pdf", "--outdir", d, src],
                           capture_output=True, text=True, timeout=180)
        pdf = os.path.join(d, "nhiem-vu.pdf")
        check(p.returncode == 0 and os.path.exists(pdf),
              "LibreOffice did not convert the .xlsx (is libreoffice-calc-nogui installed?): %s"
              % (p.stderr or p.stdout)[-600:])
        with open(pdf, "rb") as f:
            check(f.read(5) == b"%PDF-", "LibreOffice wrote no PDF")
    finally:
        shutil.rmtree(d, ignore_errors=True)


def test_plan_export_page_and_api(ctx):
    """A plan's own downloads: the Word file to sign and its tasks as a
    spreadsheet, from the plan page's buttons and from the API, the same
    file both ways; a bad format is refused in Vietnamese / with a code."""
    pid = _plan(ctx)
    c = ctx.as_user("xem")
    page = c.get("/plans/%d" % pid).expect(200).text
    href = "/plans/%d/export?format=docx" % pid
    check(('href="%s"' % href) in page and "Tải Word (.docx)" in page,
          "no Word download on the plan page")
    body = _download(c, href, "application/vnd.openxmlformats-officedocument.wordprocessingml",
                     "ke-hoach-%d.docx" % pid)
    check(body[:2] == b"PK", "the .docx is not a zip")
    api = c.get("/api/v1/plans/%d/export?format=docx" % pid).expect(200).body
    import zipfile
    for b in (body, api):
        z = zipfile.ZipFile(io.BytesIO(b))
        doc = z.read("word/document.xml").decode("utf-8")
        check("Kiểm thử xuất bảng tính năm 2024" in doc and "DANH MỤC NHIỆM VỤ" in doc
              and "Tổng kết công tác phối hợp." in doc, "the plan's title or tasks missing")
    ws = _workbook(_download(c, "/plans/%d/export?format=xlsx" % pid, XLSX,
                             "ke-hoach-%d.xlsx" % pid)).active
    check(ws.max_row - 1 == 3, "plan workbook rows %d, want 3" % (ws.max_row - 1))
    rows = _csv(_download(c, "/plans/%d/export?format=csv" % pid, "text/csv", "ke-hoach-%d.csv" % pid))
    check(len(rows) - 1 == 3, "plan CSV rows %d, want 3" % (len(rows) - 1))
    bad = c.get("/plans/%d/export?format=pdf" % pid)
    check(bad.status == 400 and "Word (docx)" in bad.text, "a bad format: %d" % bad.status)
    r = c.get("/api/v1/plans/%d/export?format=pdf" % pid)
    check(r.status == 400, "API bad format %d" % r.status)
    c.get("/plans/999999/export?format=docx").expect(404)

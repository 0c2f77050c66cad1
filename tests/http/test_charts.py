# test_charts.py: the server-drawn charts and the dashboard. An
# administrator makes a parent unit with three district-level children
# (one named with a <script> tag), a rate indicator for districts with a
# 2024 target of >= 80 %, and two values (90 % met, 50 % not met; the
# third child has none). The chart page must hold two SVGs that parse as
# XML, one bar per child, the target line and its label, the attainment
# in words, no NaN or infinity in any coordinate and the unit name
# escaped; the dashboard a units x indicators table with the attainment as
# class and as text and the completeness chart; the API the same numbers.
import math
import re
import xml.etree.ElementTree as ET

from harness import check

SVG_NS = "{http://www.w3.org/2000/svg}"
EVIL = "<script>alert(1)</script> Huyện Thử"


def _svgs(text):
    out = []
    for m in re.finditer(r"<svg\b.*?</svg>", text, re.S):
        try:
            out.append(ET.fromstring(m.group(0)))
        except ET.ParseError as e:
            check(False, "an SVG does not parse as XML: %s: %s" % (e, m.group(0)[:300]))
    return out


def _coords_finite(svg):
    for el in svg.iter():
        for k in ("x", "y", "x1", "x2", "y1", "y2", "width", "height", "cx", "cy", "r"):
            v = el.get(k)
            if v is None:
                continue
            check(re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", v) and math.isfinite(float(v)),
                  "coordinate %s=%r of <%s> is not a finite number" % (k, v, el.tag))
        pts = el.get("points")
        if pts:
            check(re.fullmatch(r"[-0-9., ]+", pts), "points %r" % pts)


def _classes(el):
    return (el.get("class") or "").split()


def _setup(ctx):
    if getattr(ctx, "charts", None):
        return ctx.charts
    adm = ctx.as_user("admin", api=True)
    r = adm.post("/api/v1/units", json={"name": "Khối Thử nghiệm Biểu đồ", "kind": "mass_org",
                                        "level": "province",
                                        "parent_id": ctx.unit_ids["laocai.ubnd"]}).expect(201)
    parent = r.json().get("id") or r.json().get("unit", {}).get("id")
    kids = []
    for name in ("Huyện Biểu Đồ Một", "Huyện Biểu Đồ Hai", EVIL):
        r = adm.post("/api/v1/units", json={"name": name, "kind": "mass_org", "level": "district",
                                            "parent_id": parent}).expect(201)
        kids.append(r.json().get("id") or r.json().get("unit", {}).get("id"))
    r = adm.post("/api/v1/indicators", json={"code": "BD-TL", "name": "Tỷ lệ thử biểu đồ",
                                             "measure": "%", "type": "rate",
                                             "levels": "district", "year_from": 2023,
                                             "year_to": 2024}).expect(201)
    ind = r.json()["id"]
    adm.post("/api/v1/indicators/%d/targets" % ind,
             json={"year": 2024, "level": "district", "op": ">=", "value": 80}).expect(200)
    adm.post("/api/v1/indicators/%d/values" % ind, json={"values": [
        {"unit": kids[0], "period": "2024-H1", "value": 9, "denominator": 10},
        {"unit": kids[1], "period": "2024-H1", "value": 5, "denominator": 10},
        {"unit": kids[0], "period": "2023-H2", "value": 7, "denominator": 10},
    ]}).expect(200)
    ctx.charts = (parent, kids, ind)
    return ctx.charts


def test_indicator_chart_page(ctx):
    parent, kids, ind = _setup(ctx)
    c = ctx.as_user("admin")
    page = c.get("/indicators/%d" % ind).expect(200)
    check("/indicators/%d/chart?period=" % ind in page.text, "no Biểu đồ link on the indicator page")
    r = c.get("/indicators/%d/chart?period=2024-H1&unit=%d" % (ind, parent)).expect(200)
    t = r.text
    check("<script>alert(1)" not in t and "&lt;script&gt;alert(1)" in t, "the unit name is not escaped")
    svgs = _svgs(t)
    check(len(svgs) == 2, "want two SVG charts, got %d" % len(svgs))
    units, periods = svgs
    for s in svgs:
        _coords_finite(s)
        check(s.get("role") == "img" and s.find(SVG_NS + "title") is not None, "role/title missing")
    rows = [g for g in units.iter(SVG_NS + "g") if "bar-row" in _classes(g)]
    check(len(rows) == 3, "want one bar row per child unit (3), got %d" % len(rows))
    bars = [e for g in rows for e in g.iter(SVG_NS + "rect") if "bar" in _classes(e)]
    check(len(bars) == 3, "want 3 bars, got %d" % len(bars))
    kinds = sorted(" ".join(_classes(b)) for b in bars)
    check(kinds == ["bar met", "bar no_data", "bar not_met"], "bar classes %r" % kinds)
    # The met bar (90 %) is longer than the not-met one (50 %), in proportion.
    w = {(" ".join(_classes(b))): float(b.get("width")) for b in bars}
    check(abs(w["bar met"] / w["bar not_met"] - 90 / 50) < 0.01, "bar lengths %r" % w)
    # The not-met bar is hatched, so it reads in black and white.
    nm = [b for b in bars if "not_met" in _classes(b)][0]
    check(nm.get("fill", "").startswith("url(#"), "the not-met bar is not patterned")
    targets = [e for e in units.iter(SVG_NS + "line") if "target" in _classes(e)]
    check(targets, "no target line")
    tx = float(targets[0].get("x1"))
    check(tx == float(targets[0].get("x2")), "the target line is not vertical")
    met_bar = [b for b in bars if "met" in _classes(b)][0]
    x0 = float(met_bar.get("x"))
    # 80 % of the axis maximum (100 %) lies at 0.8 of the 90 % bar's length / 0.9.
    check(abs((tx - x0) - w["bar met"] / 0.9 * 0.8) < 0.2, "target line at %r" % tx)
    text = "".join(units.itertext())
    for s in ("Chỉ tiêu: ≥ 80%", "90% ✓ đạt", "50% ✗ không đạt", "– chưa có số liệu",
              "Huyện Biểu Đồ Một"):
        check(s in text, "the units chart lacks %r" % s)
    # Periods: 2023-H1 .. 2024-H2, points where values exist.
    ptext = "".join(periods.itertext())
    for s in ("2023-H1", "2023-H2", "2024-H1", "2024-H2"):
        check(s in ptext, "the periods chart lacks %r" % s)
    pts = [e for e in periods.iter(SVG_NS + "circle") if "pt" in _classes(e)
           and float(e.get("cy")) < 280]
    check(len(pts) == 2, "want two points (2023-H2, 2024-H1), got %d" % len(pts))
    check(any("target" in _classes(e) for e in periods.iter(SVG_NS + "line")),
          "no target in the periods chart")
    # A bad period falls back to the current year; an unknown indicator is 404.
    c.get("/indicators/%d/chart?period=xyz" % ind).expect(200)
    c.get("/indicators/999999/chart").expect(404)


def test_dashboard_page(ctx):
    parent, kids, ind = _setup(ctx)
    c = ctx.as_user("admin")
    home = c.get("/dashboards").expect(200)
    check('href="/dashboards"' in home.text and "Bảng điều khiển" in home.text, "no menu item")
    r = c.get("/dashboards?period=2024-H1&unit=%d" % parent).expect(200)
    t = r.text
    check("<script>alert(1)" not in t and "&lt;script&gt;alert(1)" in t, "unit name not escaped")
    m = re.search(r'<table class="attain-matrix">.*?</table>', t, re.S)
    check(m, "no attainment table")
    table = ET.fromstring(m.group(0).replace("<br>", "<br/>").replace("&nbsp;", " "))
    rows = table.findall("./tbody/tr")
    check(len(rows) == 3, "want 3 unit rows, got %d" % len(rows))
    heads = [th.findtext("a") for th in table.findall("./thead/tr/th")][1:]
    check("BD-TL" in heads, "no BD-TL column: %r" % heads)
    col = heads.index("BD-TL")
    got = {}
    for tr in rows:
        name = "".join(tr.find("th").itertext())
        td = tr.findall("td")[col]
        got[name] = (td.get("class"), "".join(td.itertext()))
    check(got["Huyện Biểu Đồ Một"] == ("cell met", "90%✓ đạt"), "cell 1 %r" % (got,))
    check(got["Huyện Biểu Đồ Hai"] == ("cell not_met", "50%✗ không đạt"), "cell 2 %r" % (got,))
    check(got[EVIL] == ("cell no_data", "– chưa có số liệu"), "cell 3 %r" % (got,))
    check("Tình hình nộp báo cáo" in t, "no completeness section")
    for s in _svgs(t):
        _coords_finite(s)


def test_dashboard_completeness_chart(ctx):
    parent, kids, ind = _setup(ctx)
    adm = ctx.as_user("admin", api=True)
    r = adm.post("/api/v1/schedules", json={
        "kind": "ad_hoc", "title": "Báo cáo thử biểu đồ", "due": "2024-07-10",
        "cutoff_start": "2024-01-01", "cutoff_end": "2024-06-30",
        "receiving_unit_id": parent, "unit_ids": kids}).expect(200, 201)
    sid = r.json().get("id") or r.json().get("schedule", {}).get("id")
    t = ctx.as_user("admin").get("/dashboards?period=2024-H1&unit=%d" % parent).expect(200).text
    svgs = [s for s in _svgs(t) if "compliance-chart" in _classes(s)]
    check(len(svgs) == 1, "no completeness chart")
    links = [a for a in svgs[0].iter(SVG_NS + "a")
             if a.get("href") == "/schedules/%d/compliance" % sid]
    check(links, "no link to the schedule's compliance page")
    segs = [e for e in links[0].iter(SVG_NS + "rect") if "seg" in _classes(e)]
    check(len(segs) == 3, "want 3 segments, got %d" % len(segs))
    w = {_classes(e)[1]: float(e.get("width")) for e in segs}
    check(w["missing"] > 0 and w["on_time"] == 0 and w["late"] == 0, "segments %r" % w)
    check("chưa nộp 3" in "".join(links[0].itertext()), "missing count not written")


def test_dashboard_api(ctx):
    parent, kids, ind = _setup(ctx)
    a = ctx.as_user("admin", api=True)
    d = a.get("/api/v1/dashboards?period=2024-H1&unit=%d" % parent).expect(200).json()
    check(d["period"] == "2024-H1" and d["unit"]["id"] == parent, "head %r" % str(d)[:200])
    check([u["id"] for u in d["units"]] == sorted(kids), "units %r" % d["units"])
    check(any(u["name"] == EVIL for u in d["units"]), "the name is not returned as is")
    codes = [i["code"] for i in d["indicators"]]
    check("BD-TL" in codes, "indicators %r" % codes)
    j = codes.index("BD-TL")
    check(len(d["cells"]) == 3 and all(len(row) == len(codes) for row in d["cells"]),
          "cells shape")
    by = {u["id"]: d["cells"][i][j] for i, u in enumerate(d["units"])}
    check(abs(by[kids[0]]["value"] - 90) < 1e-9 and by[kids[0]]["attain"] == "met"
          and by[kids[0]]["target"] == 80 and by[kids[0]]["op"] == ">=", "cell 1 %r" % by[kids[0]])
    check(abs(by[kids[1]]["value"] - 50) < 1e-9 and by[kids[1]]["attain"] == "not_met",
          "cell 2 %r" % by[kids[1]])
    check(by[kids[2]]["value"] is None and by[kids[2]]["attain"] == "no_data", "cell 3")
    check(isinstance(d["schedules"], list), "schedules")
    for s in d["schedules"]:
        check(set(s) >= {"id", "title", "due", "on_time", "late", "missing"}, "schedule %r" % s)
    a.get("/api/v1/dashboards?period=2024-H7").expect_error(400)
    a.get("/api/v1/dashboards?unit=abc").expect_error(400)
    a.get("/api/v1/dashboards?unit=999999").expect_error(404)
    d = a.get("/api/v1/dashboards").expect(200).json()
    check(re.fullmatch(r"[0-9]{4}", d["period"]), "default period %r" % d["period"])

#!/usr/bin/env python3
# check_docx.py: checks a .docx phoihop wrote the way Word would be strict
# about it and the way Decree 30/2020 lays it out. Usage:
#   check_docx.py FILE.docx [--pdf]     (--pdf: also convert with LibreOffice)
# Checks: every XML part well-formed and free of control characters; every
# table cell ends with a paragraph; python-docx reads it; A4 portrait with
# margins top/bottom 20-25 mm, left 30-35 mm, right 15-20 mm; Times New
# Roman by default; page number field in a header with titlePg; the header
# table borderless with "Số:" and the Quốc hiệu; the body ends with "./.".
# With --pdf: LibreOffice headless converts it (own profile, time limit)
# and pdftoppm renders page 1 at 72 dpi as 595x842 (A4). Prints a JSON
# summary; exits 1 on the first failed check, 2 when a tool is missing.
import json, os, re, shutil, subprocess, sys, tempfile, zipfile
import xml.dom.minidom

def need(mod, pkg):
    try:
        return __import__(mod)
    except ImportError:
        deb = "/usr/lib/python3/dist-packages"
        if deb not in sys.path:
            sys.path.append(deb)
        try:
            return __import__(mod)
        except ImportError:
            print(f"check_docx: the Python module {mod} is missing: install {pkg}", file=sys.stderr)
            sys.exit(2)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CTRL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")

def fail(msg):
    print(f"check_docx: {msg}", file=sys.stderr)
    sys.exit(1)

def main():
    path = sys.argv[1]
    summary = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not (name.endswith(".xml") or name.endswith(".rels")):
                continue
            data = z.read(name)
            if CTRL.search(data):
                fail(f"{name}: a control character")
            try:
                xml.dom.minidom.parseString(data)
            except Exception as e:
                fail(f"{name}: not well-formed XML: {e}")
        doc = z.read("word/document.xml")
        from xml.etree import ElementTree as ET
        root = ET.fromstring(doc)
        cells = root.iter(W + "tc")
        n = 0
        for tc in cells:
            n += 1
            kids = [k for k in tc if k.tag != W + "tcPr"]
            if not kids or kids[-1].tag != W + "p":
                fail("a table cell does not end with a paragraph")
        summary["cells"] = n
        sect = root.find(f"{W}body/{W}sectPr")
        if sect is None or sect.find(W + "titlePg") is None:
            fail("no titlePg: page 1 would carry a number")
        headers = [x for x in z.namelist() if re.match(r"word/header\d*\.xml$", x)]
        if not any(b"PAGE" in z.read(h) for h in headers):
            fail("no PAGE field in a header part")
    docx = need("docx", "python3-docx")
    d = docx.Document(path)
    s = d.sections[0]
    mm = lambda v: v / 36000
    summary["page_mm"] = [round(mm(s.page_width)), round(mm(s.page_height))]
    if summary["page_mm"] != [210, 297]:
        fail(f"page is {summary['page_mm']} mm, not A4")
    for what, v, lo, hi in (("top", s.top_margin, 20, 25), ("bottom", s.bottom_margin, 20, 25),
                            ("left", s.left_margin, 30, 35), ("right", s.right_margin, 15, 20)):
        if not lo - 0.5 <= mm(v) <= hi + 0.5:
            fail(f"{what} margin {mm(v):.1f} mm outside {lo}-{hi} mm")
    font = d.styles["Normal"].font.name
    rpr = d.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    fonts = {font} | (set(rpr.attrib.values()) if rpr is not None else set())
    if "Times New Roman" not in fonts:
        fail(f"default font is {fonts}, not Times New Roman")
    if not d.tables:
        fail("no header table")
    head = d.tables[0]
    text = "\n".join(c.text for c in head._cells)
    for want in ("Số:", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"):
        if want not in text:
            fail(f"header table lacks {want!r}")
    if head._tbl.find(f"{W}tblPr/{W}tblBorders") is not None:
        for b in head._tbl.find(f"{W}tblPr/{W}tblBorders"):
            if b.get(W + "val") not in ("nil", "none"):
                fail("the header table has borders")
    summary["header"] = text.split("\n")[:8]
    body = [p.text for p in d.paragraphs if p.text.strip()]
    summary["body_paragraphs"] = len(body)
    if not any(p.rstrip().endswith("./.") for p in body):
        fail('no body paragraph ends with "./."')
    alltext = text + "\n" + "\n".join(c.text for t in d.tables for c in t._cells)
    if "Nơi nhận:" not in alltext:
        fail('no "Nơi nhận:"')
    summary["tables"] = len(d.tables)
    if "--pdf" in sys.argv:
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice or not shutil.which("pdftoppm"):
            print("check_docx: soffice or pdftoppm missing: install libreoffice-writer-nogui "
                  "and poppler-utils", file=sys.stderr)
            sys.exit(2)
        tmp = tempfile.mkdtemp()
        try:
            subprocess.run([soffice, "--headless", "--norestore",
                            f"-env:UserInstallation=file://{tmp}/profile",
                            "--convert-to", "pdf", "--outdir", tmp, path],
                           check=True, timeout=120, capture_output=True)
            pdf = os.path.join(tmp, os.path.splitext(os.path.basename(path))[0] + ".pdf")
            if not os.path.exists(pdf):
                fail("LibreOffice wrote no PDF")
            subprocess.run(["pdftoppm", "-r", "72", "-f", "1", "-l", "1", "-png", pdf,
                            os.path.join(tmp, "p")], check=True, timeout=60)
            png = [f for f in os.listdir(tmp) if f.startswith("p") and f.endswith(".png")][0]
            with open(os.path.join(tmp, png), "rb") as f:
                head = f.read(24)
            w, h = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
            summary["page1_px"] = [w, h]
            if abs(w - 595) > 2 or abs(h - 842) > 2:
                fail(f"LibreOffice's page 1 is {w}x{h} px at 72 dpi, not A4")
            info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
            m = re.search(r"Pages:\s+(\d+)", info)
            summary["pages"] = int(m.group(1)) if m else None
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(summary, ensure_ascii=False))

main()

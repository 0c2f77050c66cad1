# harness.py: what the HTTP tests stand on. Starts `phoihop serve` on a free
# loopback port over a fresh database in a temporary directory, creates users
# and imports plans through the command line, and gives tests a small HTTP
# client (keep-alive, cookies, bearer tokens, forms, multipart) that records
# every request and answer so that the closing checks can ask "did every
# route get a request?" and "did every answer carry the security headers?".
# Python 3 standard library only.

import http.client
import json as jsonlib
import os
import re
import select
import signal
import socket
import sqlite3
import subprocess
import tempfile
import time
import uuid
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(HERE, "fixtures")
TODAY = "2024-09-15"
PASSWORD = "matkhau-thu-1"
# Generous: under AddressSanitizer the server and Argon2id are slower.
HTTP_TIMEOUT = 120
START_TIMEOUT = 90
STOP_TIMEOUT = 90


class TestFailure(AssertionError):
    """A check that did not hold; the message says why."""


def check(cond, why):
    if not cond:
        raise TestFailure(why)


def env():
    e = dict(os.environ)
    e["PHOIHOP_TODAY"] = TODAY
    e.pop("PHOIHOP_DB", None)
    return e


def cli(binary, db, *args, stdin=None, timeout=120, env_extra=None):
    """Run the command line; returns CompletedProcess (text)."""
    e = env()
    e.update(env_extra or {})
    return subprocess.run([binary, "--db", db, *args], input=stdin, text=True,
                          capture_output=True, env=e, timeout=timeout, cwd=ROOT)


def cli_ok(binary, db, *args, stdin=None):
    p = cli(binary, db, *args, stdin=stdin)
    if p.returncode != 0:
        raise TestFailure("phoihop %s: exit %d: %s" % (" ".join(args), p.returncode,
                                                         (p.stderr or p.stdout)[:600]))
    return p


# ---- the route table --------------------------------------------------------

ROUTE_ROW = re.compile(r'\{\s*"(GET|POST|PATCH|PUT|DELETE)"\s*,\s*"([^"]+)"\s*,([^,]*),')


def load_routes():
    """Rows of src/web/routes.c as dicts: method, pattern, public, api, regex."""
    with open(os.path.join(ROOT, "src", "web", "routes.c"), encoding="utf-8") as f:
        src = f.read()
    src = re.sub(r"/\*.*?\*/", "", src, flags=re.S)
    rows = []
    for m in ROUTE_ROW.finditer(src):
        method, pattern, flags = m.group(1), m.group(2), m.group(3)
        rx = "^" + re.sub(r"\\\{(\w+)\\\}", lambda g: r"[^/]+" if g.group(1) == "name"
                          else r"[0-9]+", re.escape(pattern)) + "$"
        rows.append({"method": method, "pattern": pattern, "public": "R_PUBLIC" in flags,
                     "api": "R_API" in flags, "rx": re.compile(rx)})
    return rows


class Coverage:
    """Which route-table rows the tests sent a request to."""

    def __init__(self):
        self.routes = load_routes()
        self.hits = {}

    def record(self, method, path):
        m = "GET" if method == "HEAD" else method
        for r in self.routes:
            if r["method"] == m and r["rx"].match(path):
                key = (r["method"], r["pattern"])
                self.hits[key] = self.hits.get(key, 0) + 1
                return key
        return None

    def missing(self):
        return ["%s %s" % (r["method"], r["pattern"]) for r in self.routes
                if (r["method"], r["pattern"]) not in self.hits]


# ---- HTML ---------------------------------------------------------------------

class Page(HTMLParser):
    """Forms, links, scripts and event-handler attributes of one HTML page."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.forms = []          # {"action", "method", "enctype", "fields": [(name, value, tag, type)], "options": {name: [values]}}
        self.links = []
        self.scripts = []        # (attrs dict, inline text)
        self.handlers = []       # on* attributes seen
        self.title = ""
        self.text_parts = []
        self._form = None
        self._script = None
        self._select = None
        self._textarea = None
        self._in_title = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k, _ in attrs:
            if k.lower().startswith("on"):
                self.handlers.append((tag, k))
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": (a.get("method") or "get").lower(),
                          "enctype": a.get("enctype", ""), "fields": [], "options": {}}
            self.forms.append(self._form)
        elif tag == "a" and a.get("href") is not None:
            self.links.append(a["href"])
        elif tag == "script":
            self._script = [a, ""]
        elif tag == "title":
            self._in_title = True
        elif self._form is not None:
            if tag == "input":
                t = (a.get("type") or "text").lower()
                if t == "file":
                    self._form.setdefault("files", []).append(a.get("name", ""))
                elif a.get("name") and (t not in ("checkbox", "radio") or "checked" in a):
                    self._form["fields"].append((a["name"], a.get("value", ""), "input", t))
                elif a.get("name"):
                    self._form["options"].setdefault(a["name"], []).append(a.get("value", "on"))
            elif tag == "select" and a.get("name"):
                self._select = [a["name"], None, None]
                self._form["options"][a["name"]] = []
            elif tag == "option" and self._select is not None:
                v = a.get("value", "")
                self._form["options"][self._select[0]].append(v)
                if self._select[2] is None:
                    self._select[2] = v
                if "selected" in a:
                    self._select[1] = v
            elif tag == "textarea" and a.get("name"):
                self._textarea = [a["name"], ""]
            elif tag == "button" and a.get("name"):
                self._form["options"].setdefault(a["name"], []).append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], self._script[1]))
            self._script = None
        elif tag == "title":
            self._in_title = False
        elif tag == "select" and self._select is not None and self._form is not None:
            name, sel, first = self._select
            self._form["fields"].append((name, sel if sel is not None else (first or ""), "select", ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            # As a browser: the newline right after <textarea> is not part
            # of the value, and a submitted value has CRLF line ends.
            v = self._textarea[1]
            if v.startswith("\r\n"):
                v = v[2:]
            elif v.startswith("\n"):
                v = v[1:]
            v = re.sub(r"\r?\n", "\r\n", v)
            self._form["fields"].append((self._textarea[0], v, "textarea", ""))
            self._textarea = None

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data
        if self._in_title:
            self.title += data
        if self._textarea is not None:
            self._textarea[1] += data
        self.text_parts.append(data)

    @property
    def text(self):
        return " ".join(" ".join(self.text_parts).split())

    def form(self, action_rx):
        """The first POST form whose action matches the regular expression."""
        for f in self.forms:
            if re.search(action_rx, f["action"]):
                return f
        return None


def form_values(form):
    """A form's fields as a dict (last value wins), for submitting."""
    return {n: v for n, v, _, _ in form["fields"]}


# ---- HTTP ---------------------------------------------------------------------

class Response:
    def __init__(self, method, path, status, reason, headers, body):
        self.method, self.path = method, path
        self.status, self.reason = status, reason
        self.headers = headers       # list of (name, value)
        self.body = body
        self._page = None

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def header_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        try:
            return jsonlib.loads(self.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            raise TestFailure("%s %s: answer is not JSON (%s): %r" % (
                self.method, self.path, e, self.body[:300]))

    @property
    def page(self):
        if self._page is None:
            self._page = Page(self.text)
        return self._page

    def is_html(self):
        return (self.header("Content-Type") or "").startswith("text/html")

    def describe(self):
        if self.is_html():
            # the page's own content, without the head and menu
            t = self.text
            t = t[t.find("<main>"):] if "<main>" in t else t
            b = " ".join(re.sub(r"<[^>]+>", " ", t).split())[:400]
        else:
            b = self.body[:400].decode("utf-8", errors="replace")
        return "%s %s -> %d %s: %s" % (self.method, self.path, self.status, self.reason, b)

    def expect(self, *statuses):
        if self.status not in statuses:
            raise TestFailure("want %s: %s" % ("/".join(map(str, statuses)), self.describe()))
        return self

    def error_code(self):
        """The JSON error code of an API error answer."""
        j = self.json()
        check(isinstance(j, dict) and isinstance(j.get("error"), dict),
              "no {\"error\": {...}} object: " + self.describe())
        e = j["error"]
        check(isinstance(e.get("code"), str) and isinstance(e.get("message"), str),
              "error object lacks code or message: " + self.describe())
        return e["code"]

    def expect_error(self, status, code=None):
        self.expect(status)
        if self.path.startswith("/api/"):
            got = self.error_code()
            if code is not None:
                check(got == code, "want error code %s, got %s: %s" % (code, got, self.describe()))
        return self


def multipart(fields, files):
    """(body bytes, content type) for fields {name: value} and files
    [(field, filename, bytes, content type)]."""
    boundary = "----phoihoptest" + uuid.uuid4().hex
    out = []
    for k, v in fields.items():
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n" % (boundary, k)).encode())
        out.append(v.encode("utf-8") if isinstance(v, str) else v)
        out.append(b"\r\n")
    for field, fname, data, ctype in files:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                    "Content-Type: %s\r\n\r\n" % (boundary, field, fname, ctype)).encode("utf-8"))
        out.append(data)
        out.append(b"\r\n")
    out.append(("--%s--\r\n" % boundary).encode())
    return b"".join(out), "multipart/form-data; boundary=" + boundary


class Client:
    """One browser or script: its own keep-alive connection and cookies."""

    def __init__(self, server, name="anon", source=None):
        self.server = server
        self.name = name
        self.source = source     # the loopback address it connects from
        self.cookies = {}
        self.token = None        # bearer token (API sign-in)
        self.csrf = None         # the session's CSRF token
        self.user = None
        self.conn = None
        self.connects = 0

    def _connect(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=HTTP_TIMEOUT,
                                               source_address=(self.source, 0) if self.source else None)
        self.conn.connect()
        self.connects += 1

    def close(self):
        if self.conn:
            self.conn.close()
            self.conn = None

    def request(self, method, path, body=None, headers=None, form=None, json=None,
                files=None, cookies=True, bearer=True, record=True):
        h = {}
        if form is not None and files is None:
            body = urlencode(form).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        elif files is not None:
            body, ct = multipart(form or {}, files)
            h["Content-Type"] = ct
        elif json is not None:
            body = jsonlib.dumps(json).encode()
            h["Content-Type"] = "application/json"
        if isinstance(body, str):
            body = body.encode("utf-8")
        if cookies and self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if bearer and self.token:
            h["Authorization"] = "Bearer " + self.token
        h.update(headers or {})
        h = {k: v for k, v in h.items() if v is not None}
        if record:
            self.server.coverage.record(method, urlsplit(path).path)
        for attempt in (1, 2):
            if self.conn is None or self.conn.sock is None:
                self._connect()
            try:
                self.conn.request(method, path, body=body, headers=h)
                r = self.conn.getresponse()
                data = r.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
                    http.client.CannotSendRequest, http.client.ResponseNotReady):
                # The server closed an idle keep-alive connection: retry once
                # on a new one (the request was not processed).
                self.close()
                if attempt == 2:
                    raise
        resp = Response(method, path, r.status, r.reason, r.getheaders(), data)
        if r.will_close:
            self.close()
        for sc in resp.header_all("Set-Cookie"):
            nv = sc.split(";", 1)[0]
            if "=" in nv:
                k, v = nv.split("=", 1)
                k = k.strip()
                if v == "" or re.search(r";\s*Max-Age=0\b", sc, re.I):
                    self.cookies.pop(k, None)
                else:
                    self.cookies[k] = v
        self.server.answers.append(resp)
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

    def patch(self, path, **kw):
        return self.request("PATCH", path, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    # -- the page way -------------------------------------------------------
    def page_form(self, page_path, action_rx):
        """GET a page and return (response, form) for the form whose action
        matches; fails when the page or form is missing."""
        r = self.get(page_path).expect(200)
        f = r.page.form(action_rx)
        check(f is not None, "no form with action ~ %r on %s; forms: %s" % (
            action_rx, page_path, [x["action"] for x in r.page.forms]))
        return r, f

    def submit(self, page_path, action_rx, values=None, files=None, drop_csrf=False):
        """Fill a form from a page (its own fields, then values) and POST it."""
        _, f = self.page_form(page_path, action_rx)
        data = form_values(f)
        data.update(values or {})
        if drop_csrf:
            data.pop("_csrf", None)
        return self.post(f["action"], form=data, files=files)

    def sign_in_page(self, login, password=PASSWORD, next_path=None):
        r = self.get("/login" + ("?next=" + next_path if next_path else "")).expect(200)
        f = r.page.form(r"^/login")
        check(f is not None, "sign-in page has no form posting to /login")
        data = form_values(f)
        check(data.get("_csrf"), "sign-in form has no _csrf field")
        data.update({"login": login, "password": password})
        return self.post("/login", form=data)

    def sign_in(self, login, password=PASSWORD):
        """Sign in through the page; fails unless it works."""
        r = self.sign_in_page(login, password)
        check(r.status == 303 and "phoihop_session" in self.cookies,
              "sign-in of %s failed: %s" % (login, r.describe()))
        me = self.get("/api/v1/me").expect(200).json()
        self.user = me.get("user")
        self.csrf = me.get("csrf_token")
        return r

    def sign_in_api(self, login, password=PASSWORD):
        r = self.post("/api/v1/session", json={"login": login, "password": password},
                      cookies=False, bearer=False)
        check(r.status == 201, "API sign-in of %s: %s" % (login, r.describe()))
        j = r.json()
        self.token = j["token"]
        self.csrf = j["csrf_token"]
        self.user = j["user"]
        self.cookies.pop("phoihop_session", None)   # scripts use the bearer token
        return r


# ---- the server ----------------------------------------------------------------

def _die_with_parent():
    """In the child: get SIGTERM when the test runner dies (Linux), so an
    interrupted run leaves no server behind."""
    try:
        import ctypes
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Server:
    """A `phoihop serve` process on 127.0.0.1:0 over db."""

    def __init__(self, binary, db, workdir, extra=()):
        self.binary, self.db, self.workdir = binary, db, workdir
        self.extra = list(extra)
        self.port = None
        self.proc = None
        self.answers = []
        self.coverage = Coverage()
        self.access_log = os.path.join(workdir, "access-%d.log" % id(self))
        self.stderr_path = os.path.join(workdir, "stderr-%d.log" % id(self))
        self.first_line = ""
        self.rest_stdout = ""
        self.signalled = False

    def start(self):
        self._err = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen(
            [self.binary, "--db", self.db, "serve", "--listen", "127.0.0.1:0",
             "--max-upload", "65536", "--access-log", self.access_log, *self.extra],
            stdout=subprocess.PIPE, stderr=self._err, env=env(), cwd=ROOT,
            preexec_fn=_die_with_parent)
        deadline = time.time() + START_TIMEOUT
        line = b""
        while time.time() < deadline and not line.endswith(b"\n"):
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            if ready:
                ch = os.read(self.proc.stdout.fileno(), 1)
                if not ch:
                    break
                line += ch
            elif self.proc.poll() is not None:
                break
        self.first_line = line.decode("utf-8", errors="replace").strip()
        m = re.match(r"phoihop: serving http://127\.0\.0\.1:(\d+)/", self.first_line)
        if not m:
            self.kill()
            raise TestFailure("server did not announce its port: first line %r, stderr: %s" % (
                self.first_line, self.stderr()[:800]))
        self.port = int(m.group(1))
        return self

    def stderr(self):
        try:
            with open(self.stderr_path, "rb") as f:
                return f.read().decode("utf-8", errors="replace")
        except OSError:
            return ""

    def stop(self, sig=signal.SIGTERM):
        """Send sig and wait; returns the exit status (None if it hung and
        was killed)."""
        if self.proc is None:
            return None
        if self.proc.poll() is None and not self.signalled:
            self.signal(sig)
        try:
            out, _ = self.proc.communicate(timeout=STOP_TIMEOUT)
            self.rest_stdout = out.decode("utf-8", errors="replace")
            rc = self.proc.returncode
        except subprocess.TimeoutExpired:
            self.kill()
            rc = None
        self._err.close()
        return rc

    def signal(self, sig):
        """Send one stop signal (a second one is never sent by stop())."""
        self.signalled = True
        self.proc.send_signal(sig)

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def client(self, name="anon", source=None):
        return Client(self, name, source)

    def status(self, key):
        """A field of /proc/PID/status in kB (VmRSS, VmHWM)."""
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
        return None

    def reset_peak(self):
        """Start VmHWM again from the present VmRSS (Linux clear_refs 5)."""
        with open("/proc/%d/clear_refs" % self.proc.pid, "w") as f:
            f.write("5")


def raw_exchange(port, head, body_chunks=(), pause=0.0, timeout=HTTP_TIMEOUT, source=None):
    """Send raw bytes on a new socket (head, then each chunk, stopping if the
    server hangs up) and read one answer. Returns (status, headers text,
    body bytes); status is None when the connection closed without one."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout,
                                 source_address=(source, 0) if source else None)
    try:
        s.sendall(head)
        for c in body_chunks:
            if pause:
                time.sleep(pause)
            try:
                s.sendall(c)
            except (BrokenPipeError, ConnectionResetError):
                break
            ready, _, _ = select.select([s], [], [], 0)
            if ready:
                break
        data = b""
        deadline = time.time() + timeout
        while time.time() < deadline:
            ready, _, _ = select.select([s], [], [], 1.0)
            if not ready:
                if b"\r\n\r\n" in data:
                    hdr, rest = data.split(b"\r\n\r\n", 1)
                    m = re.search(rb"(?i)content-length:\s*(\d+)", hdr)
                    if m and len(rest) >= int(m.group(1)):
                        break
                continue
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            data += chunk
            if b"\r\n\r\n" in data:
                hdr, rest = data.split(b"\r\n\r\n", 1)
                m = re.search(rb"(?i)content-length:\s*(\d+)", hdr)
                if m and len(rest) >= int(m.group(1)):
                    break
    finally:
        s.close()
    if not data.startswith(b"HTTP/"):
        return None, "", data
    hdr, _, rest = data.partition(b"\r\n\r\n")
    status = int(hdr.split(b" ", 2)[1])
    return status, hdr.decode("latin-1"), rest


# ---- the database --------------------------------------------------------------

def sql(db, query, *args):
    """Rows of a read query on the test database (a separate connection)."""
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute(query, args).fetchall()
    finally:
        con.close()


def sql_one(db, query, *args):
    rows = sql(db, query, *args)
    return rows[0][0] if rows else None


# ---- the shared setup ------------------------------------------------------------

# login, display name, unit key, role
USERS = [
    ("admin", "Quản Trị Viên", "laocai.ubnd", "admin"),
    ("dieuphoi", "Trần Điều Phối", "laocai.ubnd", "coordinator"),
    ("bt.hlhpn", "Nguyễn Thị Biên Tập", "laocai.hlhpn", "editor"),
    ("bt.ldtbxh", "Lê Văn Lao Động", "laocai.so-ldtbxh", "editor"),
    ("pheduyet", "Phạm Phê Duyệt", "laocai.hlhpn", "approver"),
    ("xem", "Hoàng Người Xem", "laocai.hlhpn", "viewer"),
    ("gioihan", "Đỗ Giới Hạn", "laocai.hlhpn", "editor"),
    ("dp.hlhpn", "Vũ Thị Điều Phối", "laocai.hlhpn", "coordinator"),
    ("bt.bacha", "Giàng Thị Bắc Hà", "laocai.bacha.hlhpn", "editor"),
    ("tamkhoa", "Mai Tạm Khóa", "laocai.hlhpn", "editor"),
    ("doimk", "Lý Đổi Mật Khẩu", "laocai.hlhpn", "editor"),
]


class Context:
    """What every test gets: the server, the database, signed-in clients and
    the ids of the fixture tasks and plans."""

    def __init__(self, build):
        self.binary = os.path.abspath(os.path.join(build, "phoihop"))
        self.tmp = tempfile.mkdtemp(prefix="phoihop-http-")
        self.db = os.path.join(self.tmp, "t.db")
        self.server = None
        self.clients = {}
        self.extra_servers = []

    def setup(self):
        check(os.access(self.binary, os.X_OK), "no binary at %s" % self.binary)
        cli_ok(self.binary, self.db, "init")
        for login, name, unit, role in USERS:
            cli_ok(self.binary, self.db, "user", "add", login, "--name", name,
                   "--unit", unit, "--role", role, stdin=PASSWORD + "\n")
        cli_ok(self.binary, self.db, "import", "--confirm",
               os.path.join(ROOT, "tests", "cli", "fixtures", "plan-2024.txt"))
        cli_ok(self.binary, self.db, "import", "--confirm",
               os.path.join(FIXTURES, "plan-xss.txt"))
        # Imported in this order: plan A (95/KH-UBND), plan B (XSS fixture),
        # plan C (60 tasks, for paging).
        self.plan_a = sql_one(self.db, "SELECT MIN(id) FROM plans")
        self.plan_b = sql_one(self.db, "SELECT MAX(id) FROM plans")
        cli_ok(self.binary, self.db, "import", "--confirm",
               os.path.join(FIXTURES, "plan-many.txt"))
        self.plan_c = sql_one(self.db, "SELECT MAX(id) FROM plans")
        check(self.plan_a and self.plan_b and self.plan_a != self.plan_b,
              "two plans expected after the imports, got %r" % sql(self.db, "SELECT id FROM plans"))
        self.unit_ids = {k: sql_one(self.db, "SELECT id FROM units WHERE key = ?", k)
                         for k in ("laocai.ubnd", "laocai.hlhpn", "laocai.so-ldtbxh",
                                   "laocai.so-tuphap", "laocai.so-noivu")}
        self.server = Server(self.binary, self.db, self.tmp).start()
        return self

    def task_id(self, plan, no):
        tid = sql_one(self.db, "SELECT id FROM tasks WHERE plan_id = ? AND no = ?", plan, str(no))
        check(tid, "no task %s in plan %s" % (no, plan))
        return tid

    def task_status(self, tid):
        return sql_one(self.db, "SELECT status FROM tasks WHERE id = ?", tid)

    def as_user(self, login, api=False):
        """A client signed in as login (cached): through the page, or with a
        bearer token when api is true."""
        key = (login, api)
        if key not in self.clients:
            c = self.server.client(login + (" (api)" if api else ""))
            if api:
                c.sign_in_api(login)
            else:
                c.sign_in(login)
            self.clients[key] = c
        return self.clients[key]

    def new_server(self, *extra, db=None):
        s = Server(self.binary, db or self.db, self.tmp, extra).start()
        self.extra_servers.append(s)
        return s

    def cleanup(self):
        for c in self.clients.values():
            c.close()
        for s in self.extra_servers + [self.server]:
            if s:
                s.kill()

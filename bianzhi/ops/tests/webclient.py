"""A small HTTP client for tests that drive real server processes: cookies, CSRF, forms as a browser fills them."""
import http.cookiejar
import json
import subprocess
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html.parser import HTMLParser

from bianzhi.accounts.demo_totp import current_code


class FormParser(HTMLParser):
    """The fields of the page's forms with the values a browser would submit unchanged."""

    def __init__(self):
        super().__init__()
        self.forms, self._select = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": {}})
        elif not self.forms:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("submit", "file", "checkbox", "radio"):
            self.forms[-1]["fields"][a["name"]] = a.get("value", "")
        elif tag == "input" and a.get("name") and a.get("type") in ("checkbox", "radio") and "checked" in a:
            self.forms[-1]["fields"][a["name"]] = a.get("value", "on")
        elif tag == "select":
            self._select = a.get("name")
            self.forms[-1]["fields"].setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in a:
            self.forms[-1]["fields"][self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


class Response:
    def __init__(self, status, headers, body, url):
        self.status, self.headers, self.body, self.url = status, headers, body, url

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)

    def forms(self):
        parser = FormParser()
        parser.feed(self.text)
        return parser.forms


class WebClient:
    def __init__(self, base: str, jar=None):
        self.base = base.rstrip("/")
        self.jar = jar or http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def on(self, base: str) -> "WebClient":
        """The same browser (cookies) talking to another node."""
        return WebClient(base, self.jar)

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, method, path, data=None, headers=None, timeout=60) -> Response:
        url = path if path.startswith("http") else self.base + path
        headers = {"Referer": url, **(headers or {})}
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with self.opener.open(req, timeout=timeout) as r:
                return Response(r.status, r.headers, r.read(), r.url)
        except urllib.error.HTTPError as e:
            return Response(e.code, e.headers, e.read(), url)

    def get(self, path, **kw) -> Response:
        return self.request("GET", path, **kw)

    def post(self, path, fields: dict, files: dict | None = None) -> Response:
        fields = {"csrfmiddlewaretoken": self.csrf(), **fields}
        if files:
            boundary = uuid.uuid4().hex
            parts = []
            for k, v in fields.items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
            for k, (filename, content) in files.items():
                quoted = urllib.parse.quote(filename)
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; filename="{quoted}"; '
                             f"filename*=UTF-8''{quoted}\r\nContent-Type: application/octet-stream\r\n\r\n".encode()
                             + content + b"\r\n")
            parts.append(f"--{boundary}--\r\n".encode())
            return self.request("POST", path, b"".join(parts),
                                {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        return self.request("POST", path, urllib.parse.urlencode(fields).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def login(self, username, password) -> Response:
        self.get("/accounts/login/")
        r = self.post("/accounts/login/", {"username": username, "password": password})
        assert "/accounts/login/" not in r.url, f"登录失败：{r.status} {r.url}"
        if "/accounts/otp/" in r.url:  # administrators pass the second factor: the demo authenticator's code
            r = self.post("/accounts/otp/", {"code": current_code()})
            assert "/accounts/otp/" not in r.url, f"二次验证失败：{r.status} {r.url}"
        return r


def wait_for(predicate, timeout: float, interval: float = 0.5, what: str = ""):
    import time

    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
        except OSError as exc:  # the server is not listening yet
            last = exc
        else:
            if last:
                return last
        time.sleep(interval)
    raise AssertionError(f"等待超时（{timeout} 秒）：{what}；最后一次：{last!r}")


def stop(proc: subprocess.Popen, timeout: float = 60) -> int:
    import signal

    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    try:
        return proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()

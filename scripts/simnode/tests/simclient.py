"""Test helpers: start scripts/sim, talk to it with the standard library only."""
import http.client
import json
import os
import shutil
import signal
import ssl
import subprocess
import tempfile
import threading
import time
import urllib.parse

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
SIM = os.path.join(REPO, "scripts", "sim")


class Sim:
    def __init__(self, *extra):
        self.dir = tempfile.mkdtemp(prefix="pexsim-test-")
        self.ready_file = os.path.join(self.dir, "ready.json")
        self.stdout = open(os.path.join(self.dir, "stdout"), "w+")
        self.stderr = open(os.path.join(self.dir, "stderr"), "w+")
        self.proc = subprocess.Popen(
            [SIM, "--http-port", "0", "--rtmp-port", "0", "--ready-file", self.ready_file,
             *extra], stdout=self.stdout, stderr=self.stderr, start_new_session=True)
        deadline = time.time() + 30
        while not os.path.exists(self.ready_file):
            if self.proc.poll() is not None or time.time() > deadline:
                self.stderr.seek(0)
                raise RuntimeError("sim did not start: " + self.stderr.read())
            time.sleep(0.05)
        with open(self.ready_file) as f:
            self.info = json.load(f)
        self.http = self.info["http"]
        self.ssl_ctx = None
        if self.info.get("ca_file"):
            self.ssl_ctx = ssl.create_default_context(cafile=self.info["ca_file"])

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        rc = self.proc.wait(20)
        for f in (self.stdout, self.stderr):
            f.close()
        shutil.rmtree(self.dir, ignore_errors=True)
        return rc

    def output(self):
        self.stdout.flush()
        self.stdout.seek(0)
        return self.stdout.read()

    # ------------------------------------------------------------ HTTP

    def _conn(self, timeout=10):
        u = urllib.parse.urlsplit(self.http)
        if u.scheme == "https":
            return http.client.HTTPSConnection(u.hostname, u.port, timeout=timeout,
                                               context=self.ssl_ctx)
        return http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)

    def raw(self, method, path, body=None, headers=None):
        c = self._conn()
        hdrs = dict(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        c.request(method, path, body=data, headers=hdrs)
        r = c.getresponse()
        payload = r.read()
        c.close()
        return r.status, r.getheader("Content-Type", ""), payload

    def req(self, method, path, body=None, headers=None):
        status, ctype, payload = self.raw(method, path, body, headers)
        return status, json.loads(payload) if payload else None

    def api(self, method, alias, rest, body=None, token=None, headers=None):
        hdrs = dict(headers or {})
        if token:
            hdrs["token"] = token
        return self.req(method, "/api/client/v2/conferences/%s/%s" % (alias, rest), body, hdrs)

    def join(self, alias, name="Tester", pin=None, body=None):
        hdrs = {"pin": pin} if pin is not None else {}
        b = {"display_name": name}
        b.update(body or {})
        status, r = self.api("POST", alias, "request_token", b, headers=hdrs)
        assert status == 200, r
        return r["result"]

    def ctl(self, method, path, body=None):
        return self.req(method, "/_sim" + path, body)

    def state(self):
        return self.ctl("GET", "/state")[1]

    def conf_state(self, alias):
        return self.state()["conferences"][alias]

    def events(self, alias, token):
        return Events(self, alias, token)


class Events:
    """An events stream read on a thread; events land in self.events as dicts."""

    def __init__(self, sim, alias, token):
        self.sim = sim
        self.events = []
        self.comments = 0
        self.closed = False
        self.cond = threading.Condition()
        self.conn = sim._conn(timeout=60)
        path = "/api/client/v2/conferences/%s/events?token=%s" % (
            alias, urllib.parse.quote(token, safe=""))
        self.conn.request("GET", path)
        self.sock = self.conn.sock
        self.resp = self.conn.getresponse()
        self.status = self.resp.status
        self.content_type = self.resp.getheader("Content-Type", "")
        self.thread = threading.Thread(target=self._read, daemon=True)
        if self.status == 200:
            self.thread.start()

    def _read(self):
        ev = {}
        try:
            while True:
                line = self.resp.readline()
                if not line:
                    break
                line = line.decode().rstrip("\r\n")
                if line == "":
                    if ev:
                        with self.cond:
                            if "data" in ev:
                                ev["data"] = json.loads(ev["data"])
                            self.events.append(ev)
                            self.cond.notify_all()
                        ev = {}
                    continue
                if line.startswith(":"):
                    with self.cond:
                        self.comments += 1
                        self.cond.notify_all()
                    continue
                k, _, v = line.partition(":")
                ev[k] = v[1:] if v.startswith(" ") else v
        except (OSError, ValueError):
            pass
        finally:
            with self.cond:
                self.closed = True
                self.cond.notify_all()

    def names(self):
        with self.cond:
            return [e["event"] for e in self.events]

    def wait_for(self, pred, timeout=10.0):
        """Wait until an event satisfies pred (a name or a function); return it."""
        if isinstance(pred, str):
            name = pred
            pred = lambda e: e["event"] == name  # noqa: E731
        deadline = time.time() + timeout
        seen = 0
        with self.cond:
            while True:
                while seen < len(self.events):
                    e = self.events[seen]
                    seen += 1
                    if pred(e):
                        return e
                left = deadline - time.time()
                if left <= 0 or self.closed:
                    raise AssertionError("event not seen; got %s" % [
                        (e["event"], e.get("data")) for e in self.events][-30:])
                self.cond.wait(left)

    def wait_closed(self, timeout=10.0):
        deadline = time.time() + timeout
        with self.cond:
            while not self.closed:
                left = deadline - time.time()
                if left <= 0:
                    return False
                self.cond.wait(left)
        return True

    def close(self):
        try:
            self.sock.shutdown(2)
        except OSError:
            pass
        self.conn.close()

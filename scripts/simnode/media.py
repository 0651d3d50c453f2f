"""Child processes of the simulator: nginx (RTMP server), ffmpeg publishers, openssl, slides.

Every child is started in the simulator's process group with a parent-death signal, so
none outlives the simulator even when it is killed with SIGKILL.
"""
import asyncio
import ctypes
import os
import shutil
import signal
import socket

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
NGINX_MODULES = "/usr/lib/nginx/modules"
PR_SET_PDEATHSIG = 1

_libc = None


def _die_with_parent():
    global _libc
    try:
        if _libc is None:
            _libc = ctypes.CDLL("libc.so.6", use_errno=True)
        _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except Exception:
        pass
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def have_font():
    return os.path.exists(FONT)


async def spawn(*args, stdin=None, log=None):
    out = open(log, "ab") if log else asyncio.subprocess.DEVNULL
    try:
        return await asyncio.create_subprocess_exec(
            *args, stdin=stdin if stdin is not None else asyncio.subprocess.DEVNULL,
            stdout=out, stderr=out, preexec_fn=_die_with_parent)
    finally:
        if log:
            out.close()


async def run(*args):
    proc = await asyncio.create_subprocess_exec(
        *args, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT, preexec_fn=_die_with_parent)
    out, _ = await proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError("%s failed: %s" % (args[0], out.decode(errors="replace")[-2000:]))
    return out


async def stop_process(proc, grace=2.0):
    """SIGTERM, then SIGKILL after `grace` seconds."""
    if proc is None or proc.returncode is not None:
        return
    try:
        proc.send_signal(signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        await asyncio.wait_for(proc.wait(), grace)
    except asyncio.TimeoutError:
        try:
            proc.kill()
        except ProcessLookupError:
            pass
        await proc.wait()


async def wait_port(port, timeout=8.0, proc=None):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        if proc is not None and proc.returncode is not None:
            return False
        try:
            _, w = await asyncio.open_connection("127.0.0.1", port)
            w.close()
            return True
        except OSError:
            if loop.time() > deadline:
                return False
            await asyncio.sleep(0.05)


# ---------------------------------------------------------------- TLS

async def make_certs(d):
    """A throw-away CA and a server certificate for 127.0.0.1 / localhost."""
    os.makedirs(d, exist_ok=True)
    ca_key, ca_pem = os.path.join(d, "ca.key"), os.path.join(d, "ca.pem")
    key, csr, pem = (os.path.join(d, n) for n in ("server.key", "server.csr", "server.pem"))
    ext = os.path.join(d, "server.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    await run("openssl", "req", "-x509", *ec, "-keyout", ca_key, "-out", ca_pem, "-days", "3",
              "-subj", "/CN=pexsim test CA",
              "-addext", "basicConstraints=critical,CA:TRUE",
              "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    await run("openssl", "req", *ec, "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1")
    await run("openssl", "x509", "-req", "-in", csr, "-CA", ca_pem, "-CAkey", ca_key,
              "-CAcreateserial", "-out", pem, "-days", "3", "-extfile", ext)
    return ca_pem, pem, key


# ---------------------------------------------------------------- images

SLIDE_COLOURS = ["0x1f4e9c", "0xb03a2e", "0x1e8449", "0x7d3c98", "0xb9770e", "0x117a65",
                 "0x34495e", "0xa04000"]


async def make_slide(d, n):
    """Slide n as four JPEGs: normal 640x360, high 1280x720 and a noisy re-encode of each."""
    colour = SLIDE_COLOURS[(n - 1) % len(SLIDE_COLOURS)]
    chain = "drawgrid=w=160:h=120:t=2:c=white@0.3"
    for i in range(n):  # n white squares along the bottom: countable without OCR
        chain += ",drawbox=x=%d:y=600:w=60:h=60:color=white:t=fill" % (40 + i * 90)
    if have_font():
        chain += (",drawtext=fontfile=%s:text='Slide %d':fontsize=180:fontcolor=white:"
                  "x=(w-tw)/2:y=(h-th)/2-60" % (FONT, n))
    graph = ("[0]%s,split=4[h][n][hn][nn];[n]scale=640:360[n2];"
             "[hn]noise=alls=6:allf=u[hn2];[nn]scale=640:360,noise=alls=6:allf=u[nn2]" % chain)
    files = {k: os.path.join(d, "slide%d_%s.jpg" % (n, k))
             for k in ("high", "normal", "high_noisy", "normal_noisy")}
    await run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
              "-i", "color=c=%s:s=1280x720:r=1:d=1" % colour, "-filter_complex", graph,
              "-map", "[h]", "-frames:v", "1", "-q:v", "2", "-update", "1", files["high"],
              "-map", "[n2]", "-frames:v", "1", "-q:v", "3", "-update", "1", files["normal"],
              "-map", "[hn2]", "-frames:v", "1", "-q:v", "5", "-update", "1", files["high_noisy"],
              "-map", "[nn2]", "-frames:v", "1", "-q:v", "6", "-update", "1", files["normal_noisy"])
    out = {}
    for k, p in files.items():
        with open(p, "rb") as f:
            out[k] = f.read()
    return out


async def make_avatar(d):
    p = os.path.join(d, "avatar.jpg")
    vf = "drawbox=x=50:y=40:w=100:h=100:color=white:t=fill"
    await run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
              "-i", "color=c=0x5d6d7e:s=200x200:d=1", "-vf", vf, "-frames:v", "1",
              "-update", "1", p)
    with open(p, "rb") as f:
        return f.read()


# ---------------------------------------------------------------- nginx

class Nginx:
    def __init__(self, workdir, rtmp_port, callback_base, tls=None, rtmps_port=None):
        self.dir = os.path.join(workdir, "nginx")
        self.rec_dir = os.path.join(workdir, "rec")
        self.rtmp_port = rtmp_port
        self.rtmps_port = rtmps_port
        self.control_port = free_port()
        self.callback_base = callback_base
        self.tls = tls  # (cert, key) or None
        self.proc = None
        self.conf = os.path.join(self.dir, "nginx.conf")

    def write_conf(self):
        d = self.dir
        for sub in ("tmp", "logs"):
            os.makedirs(os.path.join(d, sub), exist_ok=True)
        os.makedirs(self.rec_dir, exist_ok=True)
        cb = self.callback_base
        lines = ["load_module %s/ngx_rtmp_module.so;" % NGINX_MODULES]
        if self.tls:
            lines.append("load_module %s/ngx_stream_module.so;" % NGINX_MODULES)
        if os.geteuid() == 0:
            lines.append("user root;")
        lines += [
            "daemon off;",
            "master_process off;",
            "worker_processes 1;",
            "pid %s/nginx.pid;" % d,
            "error_log %s/logs/error.log warn;" % d,
            "events { worker_connections 512; }",
            "http {",
            "  access_log off;",
            "  client_body_temp_path %s/tmp/body;" % d,
            "  proxy_temp_path %s/tmp/proxy;" % d,
            "  fastcgi_temp_path %s/tmp/fastcgi;" % d,
            "  uwsgi_temp_path %s/tmp/uwsgi;" % d,
            "  scgi_temp_path %s/tmp/scgi;" % d,
            "  server {",
            "    listen 127.0.0.1:%d;" % self.control_port,
            "    location /control { rtmp_control all; }",
            "    location /stat { rtmp_stat all; }",
            "  }",
            "}",
            "rtmp {",
            "  access_log off;",
            "  server {",
            "    listen 127.0.0.1:%d;" % self.rtmp_port,
            "    chunk_size 4096;",
            "    notify_method post;",
            "    application pexip {",
            "      live on;",
            "      wait_key on;",
            "      record all;",
            "      record_path %s;" % self.rec_dir,
            "      record_unique on;",
            "      on_publish %s/on_publish;" % cb,
            "      on_publish_done %s/on_publish_done;" % cb,
            "      on_play %s/on_play;" % cb,
            "      on_play_done %s/on_play_done;" % cb,
            "    }",
            "  }",
            "}",
        ]
        if self.tls:
            cert, key = self.tls
            lines += [
                "stream {",
                "  server {",
                "    listen 127.0.0.1:%d ssl;" % self.rtmps_port,
                "    ssl_certificate %s;" % cert,
                "    ssl_certificate_key %s;" % key,
                "    proxy_pass 127.0.0.1:%d;" % self.rtmp_port,
                "  }",
                "}",
            ]
        with open(self.conf, "w") as f:
            f.write("\n".join(lines) + "\n")

    async def start(self):
        self.write_conf()
        self.proc = await spawn("nginx", "-p", self.dir + "/", "-c", self.conf,
                                log=os.path.join(self.dir, "logs", "stderr.log"))
        # nginx writes its pid file only after binding every listening socket (a busy port
        # makes it retry for ~2.5 s and exit), so wait for that file before the ports
        pidfile = os.path.join(self.dir, "nginx.pid")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 10
        while True:
            try:
                with open(pidfile) as f:
                    if f.read().strip() == str(self.proc.pid):
                        break
            except OSError:
                pass
            if self.proc.returncode is not None or loop.time() > deadline:
                await self.stop()
                raise RuntimeError("nginx did not start: " + self.error_log_tail())
            await asyncio.sleep(0.05)
        ports = [self.rtmp_port, self.control_port] + ([self.rtmps_port] if self.tls else [])
        for p in ports:
            if not await wait_port(p, proc=self.proc):
                await self.stop()
                raise RuntimeError("nginx did not come up on port %d: %s" % (p, self.error_log_tail()))

    def error_log_tail(self):
        text = ""
        for name in ("error.log", "stderr.log"):
            try:
                with open(os.path.join(self.dir, "logs", name), errors="replace") as f:
                    text += f.read()
            except OSError:
                pass
        return " | ".join(text.strip().splitlines()[-3:])

    async def stop(self):
        await stop_process(self.proc)
        self.proc = None

    async def restart(self):
        await self.stop()
        await asyncio.sleep(0.2)
        await self.start()

    async def control(self, path):
        """GET on the rtmp_control endpoint, e.g. drop/client?app=pexip&clientid=3."""
        try:
            r, w = await asyncio.wait_for(
                asyncio.open_connection("127.0.0.1", self.control_port), 2)
            w.write(("GET /control/%s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" % path).encode())
            await w.drain()
            data = await asyncio.wait_for(r.read(), 3)
            w.close()
            return data.decode(errors="replace")
        except (OSError, asyncio.TimeoutError) as e:
            return "error: %s" % e

    async def drop_client(self, clientid):
        return await self.control("drop/client?app=pexip&clientid=%s" % clientid)


# ---------------------------------------------------------------- publishers

class Publisher:
    """A supervised ffmpeg that publishes to the local RTMP server while wanted."""

    def __init__(self, name, args_fn, log, feeder=None):
        self.name = name
        self.args_fn = args_fn
        self.log = log
        self.feeder = feeder  # async fn(proc) writing to stdin, for pipe-fed publishers
        self.proc = None
        self.task = None
        self.wanted = False
        self.starts = 0

    def start(self):
        if self.wanted:
            return
        self.wanted = True
        self.task = asyncio.ensure_future(self._supervise())

    async def _supervise(self):
        while self.wanted:
            stdin = asyncio.subprocess.PIPE if self.feeder else None
            self.proc = await spawn(*self.args_fn(), stdin=stdin, log=self.log)
            self.starts += 1
            feed = asyncio.ensure_future(self.feeder(self.proc)) if self.feeder else None
            await self.proc.wait()
            if feed:
                feed.cancel()
            if self.wanted:
                await asyncio.sleep(0.5)

    async def stop(self):
        self.wanted = False
        proc = self.proc
        if proc is not None:
            await stop_process(proc)
        if self.task:
            try:
                await asyncio.wait_for(self.task, 3)
            except (asyncio.TimeoutError, asyncio.CancelledError):
                pass
        self.proc = None
        self.task = None

    @property
    def running(self):
        return self.proc is not None and self.proc.returncode is None


def mix_args(url, label, audio_only=False):
    beep = ["-re", "-f", "lavfi",
            "-i", "aevalsrc='0.5*sin(2*PI*1000*t)*lt(mod(t\\,1)\\,0.1)':s=44100:c=mono"]
    audio = ["-c:a", "aac", "-b:a", "64k", "-ar", "44100", "-f", "flv", url]
    head = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin"]
    if audio_only:
        return head + beep + ["-map", "0:a"] + audio
    vf = "drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='lt(mod(t,1),0.1)'"
    if have_font():
        vf += (",drawtext=fontfile=%s:text='%s %%{n} %%{pts\\:hms}':fontsize=28:"
               "fontcolor=yellow:box=1:boxcolor=black@0.6:x=10:y=10" % (FONT, label))
    return head + ["-re", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25"] + beep + [
        "-filter_complex", "[0:v]%s[v]" % vf, "-map", "[v]", "-map", "1:a",
        "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
        "-pix_fmt", "yuv420p", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0",
        "-b:v", "500k", "-maxrate", "500k", "-bufsize", "1000k"] + audio


PRESENTATION_FPS = 5


def presentation_args(url):
    return ["ffmpeg", "-hide_banner", "-loglevel", "error",
            # Stamp frames as they arrive: frames that queue in the pipe while ffmpeg starts
            # and connects must not come out as a burst running ahead of real time.
            "-use_wallclock_as_timestamps", "1", "-probesize", "32", "-analyzeduration", "0",
            "-f", "image2pipe", "-framerate", str(PRESENTATION_FPS), "-c:v", "mjpeg", "-i", "-",
            "-vf", "scale=1280:720,format=yuv420p",
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency,stillimage",
            "-r", str(PRESENTATION_FPS), "-g", str(2 * PRESENTATION_FPS),
            "-keyint_min", str(2 * PRESENTATION_FPS), "-sc_threshold", "0",
            "-b:v", "300k", "-an", "-f", "flv", url]


def remove_tree(path):
    shutil.rmtree(path, ignore_errors=True)


# ---------------------------------------------------------------- snapshots

SNAPSHOT_PERIOD = 2.0
JPEG_LIMIT = 16 * 1024 * 1024


class Snapshotter:
    """Plays a published stream and hands JPEG snapshots (640x360, 1280x720) every
    SNAPSHOT_PERIOD seconds to on_frame(normal, high): the presentation frames of an RTMP
    presenter."""

    def __init__(self, url, on_frame, log):
        self.url = url
        self.on_frame = on_frame
        self.log = log
        self.proc = None
        self.task = asyncio.ensure_future(self._run())

    async def _run(self):
        r, w = os.pipe()
        graph = ("[0:v]select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,%g)',split[a][b];"
                 "[a]scale=640:360[n];[b]scale=1280:720[h]" % SNAPSHOT_PERIOD)
        out = open(self.log, "ab")
        try:
            self.proc = await asyncio.create_subprocess_exec(
                "ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                "-rw_timeout", "10000000", "-analyzeduration", "1000000",
                "-i", self.url, "-filter_complex", graph, "-fps_mode", "passthrough",
                "-map", "[n]", "-c:v", "mjpeg", "-q:v", "4", "-f", "image2pipe", "pipe:1",
                "-map", "[h]", "-c:v", "mjpeg", "-q:v", "3", "-f", "image2pipe", "pipe:%d" % w,
                stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=out,
                pass_fds=(w,), preexec_fn=_die_with_parent, limit=JPEG_LIMIT)
        finally:
            os.close(w)
            out.close()
        loop = asyncio.get_running_loop()
        high_reader = asyncio.StreamReader(limit=JPEG_LIMIT)
        transport, _ = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(high_reader), os.fdopen(r, "rb", 0))
        try:
            while True:
                normal = await _read_jpeg(self.proc.stdout)
                high = await _read_jpeg(high_reader)
                if normal is None or high is None:
                    break
                self.on_frame(normal, high)
        finally:
            transport.close()

    async def stop(self):
        if self.proc is not None:
            await stop_process(self.proc, grace=1.0)
        self.task.cancel()


async def _read_jpeg(reader):
    """One JPEG from an MJPEG image2pipe stream (ffmpeg stuffs 0xFF in entropy-coded data,
    so the first end-of-image marker ends the picture)."""
    try:
        data = await reader.readuntil(b"\xff\xd9")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
        return None
    start = data.find(b"\xff\xd8")
    return data[start:] if start >= 0 else None

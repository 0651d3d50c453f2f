"""pexsim: a simulated Pexip Infinity Conferencing Node (client API v2 + RTMP media plane).

Run through scripts/sim; see docs/simulator.md.
"""
import argparse
import asyncio
import json
import os
import signal
import ssl
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
REPO = os.path.dirname(os.path.dirname(HERE))

from aiohttp import web  # noqa: E402

import media  # noqa: E402
import scenario  # noqa: E402
from api import Api, cors as api_cors  # noqa: E402
from control import Control  # noqa: E402
from node import Node  # noqa: E402


def parse_args(argv):
    ap = argparse.ArgumentParser(prog="scripts/sim", description=__doc__)
    ap.add_argument("--config", metavar="FILE",
                    default=os.path.join(REPO, "samples", "conferences.json"),
                    help="conferences (default: samples/conferences.json)")
    ap.add_argument("--scenario", metavar="FILE", default=None,
                    help="scripted meeting for the demo conference (default: from the config, "
                         "samples/scenarios/demo.json)")
    ap.add_argument("--http-port", metavar="P", type=int, default=8080,
                    help="HTTP(S) API and /_sim hooks (default 8080; 0 = a free port)")
    ap.add_argument("--rtmp-port", metavar="P", type=int, default=1935,
                    help="RTMP server (default 1935; 0 = a free port)")
    ap.add_argument("--rtmps-port", metavar="P", type=int, default=None,
                    help="rtmps with --tls (default: rtmp port + 1, or a free port if the "
                         "rtmp port is 0)")
    ap.add_argument("--tls", action="store_true",
                    help="generate a CA and a certificate; serve HTTPS and rtmps")
    ap.add_argument("--token-expires", metavar="SECONDS", type=int, default=120,
                    help="token lifetime (default 120)")
    ap.add_argument("--ready-file", metavar="FILE", default=None,
                    help="write the endpoints as JSON once ready (removed on exit)")
    ap.add_argument("--workdir", metavar="DIR", default=None,
                    help="work dir (default: a new /tmp/pexsim-*; removed on exit)")
    ap.add_argument("--keep", action="store_true", help="keep the work dir on exit")
    return ap.parse_args(argv)


def bound_port(site):
    return site._server.sockets[0].getsockname()[1]


def log(msg):
    print("pexsim: " + msg, file=sys.stderr, flush=True)


async def amain(args):
    with open(args.config) as f:
        config = json.load(f)
    base_dir = os.path.dirname(os.path.abspath(args.config))
    # scenario paths in the config are relative to the config file (or absolute)
    rtmp_port = args.rtmp_port or media.free_port()
    rtmps_port = None
    if args.tls:
        rtmps_port = args.rtmps_port
        if rtmps_port is None:
            rtmps_port = rtmp_port + 1 if args.rtmp_port else 0
        rtmps_port = rtmps_port or media.free_port()

    scenario_override = os.path.abspath(args.scenario) if args.scenario else None
    node = Node(config, None, args.token_expires, rtmp_port, rtmps_port,
                scenario_override=scenario_override,
                base_dir=base_dir)
    node.scenario_mod = scenario
    for conf in node.conferences.values():
        if conf.scenario:
            scenario.validate(conf.scenario)
    workdir = args.workdir or tempfile.mkdtemp(prefix="pexsim-")
    os.makedirs(workdir, exist_ok=True)
    workdir = node.workdir = os.path.abspath(workdir)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)

    runner = None
    try:
        node.start_media_preparation()  # slides and avatar; awaited where needed
        ssl_ctx = cert_files = None
        ca_file = None
        if args.tls:
            ca_file, cert, key = await media.make_certs(os.path.join(workdir, "tls"))
            cert_files = (cert, key)
            ssl_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ssl_ctx.load_cert_chain(cert, key)

        app = web.Application(client_max_size=8 * 1024 * 1024, middlewares=[api_cors])
        Api(node).routes(app)
        Control(node).routes(app)
        runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", args.http_port, ssl_context=ssl_ctx)
        await site.start()
        http_port = bound_port(site)
        callback_port = http_port
        if args.tls:  # nginx-rtmp calls back over plain HTTP only
            cb_site = web.TCPSite(runner, "127.0.0.1", 0)
            await cb_site.start()
            callback_port = bound_port(cb_site)

        for attempt in range(3):
            node.nginx = media.Nginx(workdir, rtmp_port,
                                     "http://127.0.0.1:%d/_sim/nginx" % callback_port,
                                     tls=cert_files, rtmps_port=rtmps_port)
            try:
                await node.nginx.start()
                break
            except RuntimeError:
                # a free port picked for "0" may have been taken meanwhile: pick again
                if attempt == 2 or (args.rtmp_port and (not args.tls or args.rtmps_port)):
                    raise
                if not args.rtmp_port:
                    rtmp_port = node.rtmp_port = media.free_port()
                if args.tls and not args.rtmps_port:
                    rtmps_port = node.rtmps_port = media.free_port()
        node.start_background()

        scheme = "https" if args.tls else "http"
        info = {
            "http": "%s://127.0.0.1:%d" % (scheme, http_port),
            "rtmp": "rtmp://127.0.0.1:%d/pexip" % rtmp_port,
            "rtmps": "rtmps://127.0.0.1:%d/pexip" % rtmps_port if args.tls else None,
            "control": "%s://127.0.0.1:%d/_sim" % (scheme, http_port),
            "ca_file": ca_file,
            "pid": os.getpid(),
            "workdir": workdir,
        }
        lines = ["http    " + info["http"], "rtmp    " + info["rtmp"]]
        if args.tls:
            lines.append("rtmps   " + info["rtmps"])
        lines.append("control " + info["control"])
        if args.tls:
            lines.append("ca      " + ca_file)
        lines.append("ready")
        sys.stdout.write("".join("pexsim: %s\n" % l for l in lines))
        sys.stdout.flush()
        if args.ready_file:
            tmp = args.ready_file + ".tmp%d" % os.getpid()
            with open(tmp, "w") as f:
                json.dump(info, f)
            os.replace(tmp, args.ready_file)

        await stop.wait()
        log("stopping")
    finally:
        if node.media_ready is not None:  # let the slide generation finish writing
            await asyncio.wait([node.media_ready], timeout=10)
        for conf in node.conferences.values():
            scenario.stop(conf)
            for sub in list(conf.subscribers):
                sub.close()
        await node.stop_all_media()
        if node.nginx is not None:
            await node.nginx.stop()
        if runner is not None:
            await runner.cleanup()
        if args.ready_file:
            try:
                os.unlink(args.ready_file)
            except OSError:
                pass
        if not args.keep:
            media.remove_tree(workdir)
        else:
            log("work dir kept: " + workdir)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        asyncio.run(amain(args))
    except KeyboardInterrupt:
        pass
    except Exception as e:  # start-up failure: say why, exit non-zero
        log("error: %s" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

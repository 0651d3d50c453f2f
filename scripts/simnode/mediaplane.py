"""The RTMP media plane of the simulated node: calls, the nginx-rtmp callbacks that map stream
names, the mix / presentation publishers, snapshots of an RTMP presenter, recordings."""
import asyncio
import glob
import os
import time

import media
from model import Call

DISCONNECT_REASON = "API initiated participant disconnect"


class MediaPlane:
    """Mixed into Node; uses its calls, conferences, nginx, rtmp ports and secret."""

    def rtmp_url(self, call, secure=False):
        if secure:
            return "rtmps://127.0.0.1:%d/pexip/%s" % (self.rtmps_port, call.uuid)
        return "rtmp://127.0.0.1:%d/pexip/%s" % (self.rtmp_port, call.uuid)

    def add_call(self, p, body):
        ct = str(body.get("call_type", "WEBRTC")).upper()
        present = body.get("present")
        streaming = str(body.get("streaming", "false")).lower() in ("true", "yes", "1")
        call = Call(p, ct, present=present, streaming=streaming, bandwidth=body.get("bandwidth"))
        p.calls[call.uuid] = call
        self.calls[call.uuid] = call
        if str(body.get("audioonly", "false")).lower() == "true":
            p.is_audio_only = True
            call.audio_only = True
        if streaming:
            p.is_streaming = True
        if ct == "RTMP":
            self.update_media(p.conf)
        self.update(p)
        return call

    def end_call(self, call, reason=DISCONNECT_REASON):
        p = call.participant
        if self.calls.pop(call.uuid, None) is None:
            return False
        p.calls.pop(call.uuid, None)
        for cid in list(call.publishers) + list(call.players):
            asyncio.ensure_future(self.nginx.drop_client(cid))
        was_presenting = call.present == "send" and call.publishers
        self._stop_snapshots(call)
        call.publishers.clear()
        call.players.clear()
        p.conf.emit("call_disconnected", {"call_uuid": call.uuid, "reason": reason}, to=p)
        if was_presenting and p.is_presenting:
            self.stop_presentation(p.conf)
        self._refresh_has_media(p)
        self.update_media(p.conf)
        return True

    def _refresh_has_media(self, p):
        active = any(c.publishers or c.players for c in p.calls.values())
        if bool(p.has_media) != active:
            p.has_media = active
            self.update(p)

    def internal_name(self, kind, conf):
        return "_pexsim_%s_%s_%s" % (self.secret, kind, conf.alias)

    def rtmp_callback(self, kind, form):
        """nginx-rtmp on_publish / on_play / *_done. Returns (status, location)."""
        name = form.get("name", "")
        cid = form.get("clientid", "")
        prefix = "_pexsim_%s_" % self.secret
        if kind in ("publish_done", "play_done"):
            if kind == "publish_done":
                self.internal_publishing.pop(name, None)
            for call in list(self.calls.values()):
                changed = False
                if cid in call.publishers:
                    call.publishers.discard(cid)
                    changed = True
                    if call.present == "send" and not call.publishers:
                        self._stop_snapshots(call)
                        if call.participant.is_presenting:
                            self.stop_presentation(call.participant.conf)
                if cid in call.players:
                    del call.players[cid]
                    changed = True
                if changed:
                    self._refresh_has_media(call.participant)
            return 200, None
        if name.startswith(prefix):
            if kind == "publish":
                self.internal_publishing[name] = time.time()
                return 200, None
            if name.startswith(prefix + "in_") and name[len(prefix) + 3:] in self.calls:
                return 302, name[len(prefix) + 3:]  # a snapshotter plays a call's input
            return 403, None
        if kind == "publish":
            call = self.calls.get(name)
            if call is None or call.call_type != "RTMP":
                return 404, None
            call.publishers.add(cid)
            call.ever_published = True
            p = call.participant
            p.has_media = True
            self.update(p)
            if call.present == "send":
                self.start_presentation(p.conf, p.display_name, p.uri, p.uuid, source=call)
                self._start_snapshots(call)
            return 200, None
        if kind == "play":
            base, _, suffix = name.rpartition("-")
            if suffix in ("stream", "presentation") and base in self.calls:
                call = self.calls[base]
            elif name in self.calls:
                call, suffix = self.calls[name], "stream"
            else:
                return 404, None
            if call.call_type != "RTMP":
                return 404, None
            conf = call.participant.conf
            if suffix == "presentation":
                if call.present != "receive" or not call.participant.rx_presentation:
                    return 403, None
                target = self.internal_name("pres", conf)
            else:
                target = self.internal_name("mixa" if call.audio_only else "mix", conf)
            call.players[cid] = suffix
            self._refresh_has_media(call.participant)
            self.update_media(conf)
            return 302, target
        return 400, None

    def _start_snapshots(self, call):
        if getattr(call, "snapshotter", None) is not None:
            return
        conf = call.participant.conf
        url = "rtmp://127.0.0.1:%d/pexip/_pexsim_%s_in_%s" % (self.rtmp_port, self.secret,
                                                              call.uuid)

        def on_frame(normal, high):
            pr = conf.presentation
            if pr is not None and pr.get("presenter_uuid") == call.participant.uuid:
                self.show_frame(conf, normal, high, "rtmp %s" % call.uuid)

        logdir = os.path.join(self.workdir, "logs")
        os.makedirs(logdir, exist_ok=True)
        call.snapshotter = media.Snapshotter(url, on_frame,
                                             os.path.join(logdir, "snap-%s.log" % call.uuid))

    def _stop_snapshots(self, call):
        snap = getattr(call, "snapshotter", None)
        if snap is not None:
            call.snapshotter = None
            asyncio.ensure_future(snap.stop())

    def rtmp_calls(self, conf):
        return [c for c in self.calls.values()
                if c.call_type == "RTMP" and c.participant.conf is conf]

    def update_media(self, conf):
        """Run the mix while the conference has an RTMP call, and the presentation stream
        while someone presents a slide show and an RTMP call exists."""
        if self.nginx is None:
            return
        calls = self.rtmp_calls(conf)
        want_mix = any(not c.audio_only for c in calls)
        want_mixa = any(c.audio_only for c in calls)
        want_pres = bool(calls) and conf.current_slide is not None
        base = "rtmp://127.0.0.1:%d/pexip/" % self.rtmp_port
        logdir = os.path.join(self.workdir, "logs")
        os.makedirs(logdir, exist_ok=True)
        for attr, want, audio_only in (("mix", want_mix, False), ("mixa", want_mixa, True)):
            pub = getattr(conf, attr)
            if want and pub is None:
                url = base + self.internal_name(attr, conf)
                pub = media.Publisher(
                    "%s-%s" % (attr, conf.alias),
                    lambda url=url, ao=audio_only: media.mix_args(url, conf.alias, ao),
                    os.path.join(logdir, "%s-%s.log" % (attr, conf.alias)))
                setattr(conf, attr, pub)
                pub.start()
            elif not want and pub is not None:
                setattr(conf, attr, None)
                asyncio.ensure_future(pub.stop())
        if want_pres and conf.pres is None:
            url = base + self.internal_name("pres", conf)

            async def feed(proc):
                period = 1.0 / media.PRESENTATION_FPS
                loop = asyncio.get_running_loop()
                nxt = loop.time()
                try:
                    while True:
                        slide = conf.current_slide
                        if slide is not None:
                            proc.stdin.write(slide[1])
                            await proc.stdin.drain()
                        nxt += period
                        await asyncio.sleep(max(0, nxt - loop.time()))
                except (BrokenPipeError, ConnectionResetError, AttributeError):
                    pass

            conf.pres = media.Publisher("pres-" + conf.alias, lambda: media.presentation_args(url),
                                        os.path.join(logdir, "pres-%s.log" % conf.alias),
                                        feeder=feed)
            conf.pres.start()
        elif not want_pres and conf.pres is not None:
            pub, conf.pres = conf.pres, None
            asyncio.ensure_future(pub.stop())

    async def stop_all_media(self):
        pubs = []
        for conf in self.conferences.values():
            for attr in ("mix", "mixa", "pres"):
                pub = getattr(conf, attr)
                if pub is not None:
                    pubs.append(pub)
                    setattr(conf, attr, None)
        for call in self.calls.values():
            snap = getattr(call, "snapshotter", None)
            if snap is not None:
                call.snapshotter = None
                pubs.append(snap)
        await asyncio.gather(*[p.stop() for p in pubs])

    def drop_presentation_players(self, p):
        """denyrxpresentation: whoever plays this participant's presentation stream is cut."""
        for call in p.calls.values():
            for cid, kind in list(call.players.items()):
                if kind == "presentation":
                    asyncio.ensure_future(self.nginx.drop_client(cid))

    def drop_rtmp(self, call_uuid=None):
        dropped = []
        for call in list(self.calls.values()):
            if call_uuid and call.uuid != call_uuid:
                continue
            for cid in list(call.publishers) + list(call.players):
                asyncio.ensure_future(self.nginx.drop_client(cid))
                dropped.append({"call_uuid": call.uuid, "clientid": cid})
        return dropped

    def received(self):
        out = {}
        rec = self.nginx.rec_dir if self.nginx else None
        if not rec:
            return out
        for call_uuid in sorted(set(self.calls) | set(self._recorded_uuids(rec))):
            files = sorted(glob.glob(os.path.join(rec, call_uuid + "*.flv")))
            if files:
                out[call_uuid] = [{"path": f, "size": os.path.getsize(f)} for f in files]
        return out

    def _trim_internal_recordings(self):
        """nginx `record all` also records the simulator's own publishers (the mix, the
        presentation stream). Nobody needs those: truncate them while nginx writes (the file
        becomes sparse, using no disk) and delete them once closed."""
        rec = self.nginx.rec_dir if self.nginx else None
        if not rec or not os.path.isdir(rec):
            return
        now = time.time()
        for f in glob.glob(os.path.join(rec, "_pexsim_*")):
            try:
                st = os.stat(f)
                if now - st.st_mtime > 10:
                    os.unlink(f)
                elif st.st_blocks * 512 > 1024 * 1024:
                    os.truncate(f, 0)
            except OSError:
                pass

    @staticmethod
    def _recorded_uuids(rec):
        names = set()
        for f in os.listdir(rec):
            if f.endswith(".flv") and not f.startswith("_pexsim_"):
                names.add(f[:36])
        return names

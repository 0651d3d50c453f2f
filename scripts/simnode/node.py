"""The simulated Conferencing Node: conference operations shared by the API, the scenarios,
the RTMP callbacks and the test hooks."""
import asyncio
import json
import os
import secrets
import sys
import time
import urllib.parse

import media
from mediaplane import DISCONNECT_REASON, MediaPlane
from model import Conference, Participant, Token


class Node(MediaPlane):
    def __init__(self, config, workdir, token_lifetime, rtmp_port, rtmps_port=None,
                 scenario_override=None, base_dir="."):
        self.config = config
        self.node_cfg = config.get("node", {})
        self.workdir = workdir
        self.token_lifetime = token_lifetime
        self.rtmp_port = rtmp_port
        self.rtmps_port = rtmps_port
        self.secret = secrets.token_hex(6)
        self.conferences = {}
        self.by_alias = {}
        for alias, cfg in config["conferences"].items():
            conf = Conference(alias, cfg, self.node_cfg)
            self.conferences[alias] = conf
            for a in conf.aliases:
                self.by_alias[a.lower()] = conf
        for conf in self.conferences.values():
            path = conf.scenario_file
            if conf.alias == "demo" and scenario_override:
                path = scenario_override
            if path:
                if not os.path.isabs(path):
                    path = os.path.join(base_dir, path)
                with open(path) as f:
                    conf.scenario = json.load(f)
                conf.scenario_file = path
        self.tokens = {}
        self.calls = {}
        self.slides = {}  # n -> dict(normal, high, normal_noisy, high_noisy)
        self.avatar = b""
        self.nginx = None
        self.refresh_failures = []  # list of status codes for the next refreshes
        self.frames_served = []
        self.internal_publishing = {}  # internal stream name -> since (Unix time)
        self.expiry_task = None
        self.media_ready = None
        self.scenario_mod = None  # set by main (avoids an import cycle)

    # ------------------------------------------------------------ start-up

    def start_media_preparation(self):
        self.media_ready = asyncio.ensure_future(self.prepare_media())

        def report(task):
            if not task.cancelled() and task.exception() is not None:
                print("pexsim: error: generating slides failed: %s" % task.exception(),
                      file=sys.stderr, flush=True)

        self.media_ready.add_done_callback(report)

    async def images(self):
        """Wait until the slides and the avatar exist (generated in the background at start)."""
        await asyncio.shield(self.media_ready)

    async def prepare_media(self):
        d = os.path.join(self.workdir, "images")
        os.makedirs(d, exist_ok=True)
        count = max([8] + [self._max_slide(c.scenario) for c in self.conferences.values()])
        results = await asyncio.gather(*[media.make_slide(d, n) for n in range(1, count + 1)],
                                       media.make_avatar(d))
        for n, r in enumerate(results[:-1], start=1):
            self.slides[n] = r
        self.avatar = results[-1]

    @staticmethod
    def _max_slide(scenario):
        best = 0
        for a in (scenario or {}).get("actions", []):
            if a.get("action") in ("slide", "noisy"):
                best = max(best, int(a.get("n", a.get("slide", 1))))
        return best

    def start_background(self):
        self.expiry_task = asyncio.ensure_future(self._expire_loop())

    async def _expire_loop(self):
        ticks = 0
        while True:
            await asyncio.sleep(0.2)
            ticks += 1
            if ticks % 50 == 0:
                self._trim_internal_recordings()
            for value, tok in list(self.tokens.items()):
                if tok.expired:
                    self.tokens.pop(value, None)
                    p = tok.participant
                    p.tokens.discard(value)
                    if not p.tokens and p.conf.participants.get(p.uuid) is p:
                        self.end_participant(p, reason="Token expired", notify_self=True)

    # ------------------------------------------------------------ lookups

    def conference(self, alias):
        return self.by_alias.get((alias or "").lower())

    def token(self, value):
        if not value:
            return None
        tok = self.tokens.get(value) or self.tokens.get(urllib.parse.quote(value, safe="-_"))
        if tok is None or tok.expired:
            return None
        return tok

    def issue_token(self, p):
        tok = Token(p, self.token_lifetime)
        self.tokens[tok.value] = tok
        p.tokens.add(tok.value)
        return tok

    def revoke_tokens(self, p):
        for v in list(p.tokens):
            self.tokens.pop(v, None)
        p.tokens.clear()

    # ------------------------------------------------------------ participants

    def add_participant(self, conf, p):
        first_api = not conf.api_participants() and not p.simulated and p.protocol == "api"
        conf.participants[p.uuid] = p
        if p.role == "guest" and conf.guests_muted:
            p.is_muted = True
        conf.emit("participant_create", conf.p_json(p))
        if first_api and conf.scenario and conf.runner is None:
            self.scenario_mod.start(self, conf)
        return p

    def update(self, p):
        if p.conf.participants.get(p.uuid) is p:
            p.conf.emit("participant_update", p.conf.p_json(p))

    def end_participant(self, p, reason=DISCONNECT_REASON, notify_self=True, quiet=False):
        """A participant leaves: its calls end, it gets `disconnect`, the others see
        participant_delete."""
        conf = p.conf
        if conf.participants.get(p.uuid) is not p:
            return False
        for call in list(p.calls.values()):
            self.end_call(call, reason=reason)
        if p.is_presenting:
            self.stop_presentation(conf)
        if notify_self and not p.simulated:
            conf.emit("disconnect", {"reason": reason}, to=p)
        self.revoke_tokens(p)
        for sub in list(conf.subscribers):
            if sub.participant is p:
                sub.close()
        del conf.participants[p.uuid]
        conf.stage_order = [u for u in conf.stage_order if u != p.uuid]
        conf.speaking.discard(p.uuid)
        if not quiet:
            conf.emit("participant_delete", {"uuid": p.uuid})
        if not p.simulated and p.protocol == "api" and not conf.api_participants():
            # the last API client has gone: the meeting is over, the next join starts afresh
            self.reset_meeting(conf)
        return True

    def reset_meeting(self, conf):
        self.scenario_mod.stop(conf)
        for p in list(conf.participants.values()):
            if p.simulated:
                self.end_participant(p, quiet=True)
        self.stop_presentation(conf, emit=False)
        conf.frames = {}
        conf.latest_frame = None
        conf.reset_flags()
        conf.layout_view = "1:7"
        conf.stage_order = []
        conf.speaking = set()
        self.update_media(conf)

    def end_meeting(self, conf, reason="Conference terminated"):
        """Everyone is disconnected, tokens die, RTMP streams drop, the scenario resets."""
        self.scenario_mod.stop(conf)
        for p in list(conf.participants.values()):
            if not p.simulated:
                conf.emit("disconnect", {"reason": reason}, to=p)
        for p in list(conf.participants.values()):
            if p.simulated:
                self.end_participant(p, reason=reason, notify_self=False)
        for p in list(conf.participants.values()):
            self.end_participant(p, reason=reason, notify_self=False)
        self.reset_meeting(conf)
        for sub in list(conf.subscribers):
            sub.close()

    def transfer(self, p, target, role):
        src = p.conf
        for call in list(p.calls.values()):
            self.end_call(call, reason="Transferred")
        if p.is_presenting:
            self.stop_presentation(src)
        src.emit("refer", {"alias": target.alias, "conference_alias": target.alias,
                           "role": role}, to=p)
        for sub in list(src.subscribers):
            if sub.participant is p:
                sub.close()
        del src.participants[p.uuid]
        src.emit("participant_delete", {"uuid": p.uuid})
        p.conf = target
        p.role = role
        p.entry_alias = target.alias
        p.is_muted = False
        p.service_type = "waiting_room" if role == "guest" and target.locked else "conference"
        self.add_participant(target, p)
        if not src.api_participants():
            self.reset_meeting(src)

    # ------------------------------------------------------------ dial-out

    def dial(self, conf, body):
        dest = str(body.get("destination", "unknown"))
        role = "chair" if str(body.get("role", "guest")).lower() in ("chair", "host") else "guest"
        name = body.get("remote_display_name") or body.get("text") or dest
        p = Participant(conf, name, role, protocol=str(body.get("protocol", "sip")),
                        uri=dest, call_direction="out", service_type="connecting",
                        vendor="pexsim-dialout")
        p.simulated = True  # no token, no events stream
        p.is_streaming = str(body.get("streaming", "no")).lower() in ("yes", "true")
        if body.get("dtmf_sequence"):
            p.dtmf.append(str(body["dtmf_sequence"]))
        self.add_participant(conf, p)

        async def answer():
            await asyncio.sleep(1.0)
            if conf.participants.get(p.uuid) is not p:
                return
            if "reject" in dest.lower():
                self.end_participant(p, reason="Call rejected", notify_self=False)
            else:
                p.service_type = "conference"
                p.has_media = True
                self.update(p)

        asyncio.ensure_future(answer())
        return p

    # ------------------------------------------------------------ presentation

    def start_presentation(self, conf, name, uri, puuid, source="scenario"):
        if conf.presentation is not None:
            old = conf.participants.get(conf.presentation.get("presenter_uuid") or "")
            if old is not None and old.is_presenting:
                old.is_presenting = False
                self.update(old)
        conf.presentation = {"presenter_name": name, "presenter_uri": uri,
                             "presenter_uuid": puuid,
                             "source": source if isinstance(source, str) else "rtmp"}
        p = conf.participants.get(puuid or "")
        if p is not None:
            p.is_presenting = True
            self.update(p)
        conf.emit("presentation_start", {"presenter_name": name, "presenter_uri": uri,
                                         "presenter_uuid": puuid})

    def stop_presentation(self, conf, emit=True):
        if conf.presentation is None:
            return
        p = conf.participants.get(conf.presentation.get("presenter_uuid") or "")
        conf.presentation = None
        conf.current_slide = None
        if p is not None and p.is_presenting:
            p.is_presenting = False
            if emit:
                self.update(p)
        if emit:
            conf.emit("presentation_stop", None)
        self.update_media(conf)

    def show_frame(self, conf, normal, high, label):
        """Emit presentation_frame; its SSE id is the frame id for presentation.jpeg."""
        eid = conf.next_id()
        fid = str(eid)
        conf.frames[fid] = (normal, high, label)
        conf.latest_frame = fid
        if len(conf.frames) > 200:
            for k in list(conf.frames)[:50]:
                del conf.frames[k]
        conf.current_slide = (normal, high)
        conf.events_log.append((eid, "presentation_frame", time.time()))
        for sub in list(conf.subscribers):
            sub.queue.put_nowait((eid, "presentation_frame", None))
        self.update_media(conf)
        return fid

    def frame(self, conf, fid):
        if fid in conf.frames:
            return fid, conf.frames[fid]
        if conf.latest_frame and conf.latest_frame in conf.frames:
            return conf.latest_frame, conf.frames[conf.latest_frame]
        return None, None

    # ------------------------------------------------------------ state for tests

    def state(self):
        confs = {}
        for alias, conf in self.conferences.items():
            confs[alias] = {
                "aliases": conf.aliases,
                "locked": conf.locked,
                "guests_muted": conf.guests_muted,
                "host_pin": conf.host_pin, "guest_pin": conf.guest_pin,
                "reception": conf.reception,
                "scenario": conf.scenario_file,
                "meeting_running": conf.runner is not None,
                "meeting_started": conf.meeting_started,
                "meetings": conf.meetings,
                "event_id": conf.event_id,
                "subscribers": [s.participant.uuid for s in conf.subscribers],
                "participants": [dict(conf.p_json(p), simulated=p.simulated,
                                      dtmf=list(p.dtmf), calls=sorted(p.calls))
                                 for p in conf.participants.values()],
                "calls": [c.to_json() for c in self.calls.values()
                          if c.participant.conf is conf],
                "stage": conf.stage(),
                "layout": conf.layout(),
                "presentation": conf.presentation,
                "latest_frame": conf.latest_frame,
                "frames": {k: v[2] for k, v in conf.frames.items()},
                "timeline": conf.timeline,
                "mix_running": bool(conf.mix and conf.mix.running),
                "mix_publishing_since": self.internal_publishing.get(
                    self.internal_name("mix", conf)),
                "presentation_stream_running": bool(conf.pres and conf.pres.running),
                "presentation_stream_publishing_since": self.internal_publishing.get(
                    self.internal_name("pres", conf)),
                "recent_events": [{"id": i, "event": n, "time": t}
                                  for i, n, t in conf.events_log[-100:]],
            }
        return {"conferences": confs, "frames_served": self.frames_served[-200:],
                "refresh_failures_pending": len(self.refresh_failures),
                "token_lifetime": self.token_lifetime,
                "tokens": len(self.tokens),
                "nginx_pid": self.nginx.proc.pid if self.nginx and self.nginx.proc else None,
                "pid": os.getpid()}

"""The Pexip client REST API v2 under /api/client/v2/conferences/<alias>/..."""
import asyncio
import json
import time

from aiohttp import web

from model import Participant, Subscriber

PREFIX = "/api/client/v2/conferences/{alias}"
HOST_ONLY = "Host privileges required"
NOT_FOUND = "Neither conference nor gateway found"
KEEPALIVE_SECONDS = 5.0
VERSION = {"pseudo_version": "25010.0.0", "version_id": "10"}

# participant operations a Guest may still perform on itself
SELF_OPS = {"disconnect", "mute", "unmute", "allowrxpresentation", "denyrxpresentation",
            "dtmf", "calls"}


CORS = {"Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Headers": "token, pin, content-type, last-event-id",
        "Access-Control-Allow-Methods": "GET, POST, OPTIONS"}


@web.middleware
async def cors(request, handler):
    """Browser-based clients on another origin may call the API too."""
    if request.method == "OPTIONS":
        return web.Response(status=204, headers=CORS)
    resp = await handler(request)
    if not resp.prepared:
        resp.headers.update(CORS)
    return resp


def ok(result, status=200):
    return web.json_response({"status": "success", "result": result}, status=status)


def fail(result, status):
    return web.json_response({"status": "success", "result": result}, status=status)


async def body_of(request):
    if not request.can_read_body:
        return {}
    try:
        data = await request.json(loads=json.loads)
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


class Api:
    def __init__(self, node):
        self.node = node

    def routes(self, app):
        r = app.router
        r.add_post(PREFIX + "/request_token", self.request_token)
        r.add_post(PREFIX + "/refresh_token", self.refresh_token)
        r.add_post(PREFIX + "/release_token", self.release_token)
        r.add_get(PREFIX + "/events", self.events)
        r.add_get(PREFIX + "/presentation.jpeg", self.presentation_image)
        r.add_get(PREFIX + "/presentation_high.jpeg", self.presentation_image)
        r.add_get(PREFIX + "/conference_status", self.conference_status)
        r.add_get(PREFIX + "/participants", self.participants)
        for op in ("dial", "lock", "unlock", "start_conference", "muteguests", "unmuteguests",
                   "disconnect", "message"):
            r.add_post(PREFIX + "/" + op, self.conference_op)
        r.add_get(PREFIX + "/participants/{puuid}/avatar.jpg", self.avatar)
        r.add_post(PREFIX + "/participants/{puuid}/calls", self.calls)
        r.add_post(PREFIX + "/participants/{puuid}/calls/{cuuid}/{op}", self.call_op)
        r.add_post(PREFIX + "/participants/{puuid}/{op}", self.participant_op)
        r.add_route("*", "/api/client/v2/{tail:.*}", self.unknown)

    async def unknown(self, request):
        return fail("Unknown request", 404)

    # ------------------------------------------------------------ helpers

    def _auth(self, request, allow_query=True):
        """(conference, token) or an error response."""
        conf = self.node.conference(request.match_info["alias"])
        if conf is None:
            return None, None, fail(NOT_FOUND, 404)
        value = request.headers.get("token")
        if not value and allow_query:
            value = request.query.get("token")
        tok = self.node.token(value)
        if tok is None:
            return conf, None, fail("Invalid token", 403)
        p = tok.participant
        alias = request.match_info["alias"].lower()
        if p.conf is not conf and (p.entry_alias or "").lower() != alias:
            return conf, None, fail("Invalid token", 403)
        return p.conf, tok, None

    # ------------------------------------------------------------ tokens

    async def request_token(self, request):
        node = self.node
        alias = request.match_info["alias"]
        conf = node.conference(alias)
        if conf is None:
            return fail(NOT_FOUND, 404)
        body = await body_of(request)
        entry_alias = alias
        if conf.reception:
            ext = body.get("conference_extension")
            if not ext:
                if conf.reception_style == "node":
                    return fail({"conference_extension": "required",
                                 "conference_extension_type": conf.reception_type}, 403)
                return fail({"conference_extension": conf.reception_type}, 403)
            target = node.conference(str(ext))
            if target is None or target.reception:
                return fail(NOT_FOUND, 404)
            conf = target
        pin = request.headers.get("pin")
        if not conf.has_pins:
            role = "chair"
        elif pin is None or pin == "":
            return fail({"pin": "required",
                         "guest_pin": "required" if conf.guest_pin else "none"}, 403)
        elif conf.host_pin and pin == conf.host_pin:
            role = "chair"
        elif conf.guest_pin and pin == conf.guest_pin:
            role = "guest"
        elif not conf.guest_pin and pin.lower() == "none":
            role = "guest"
        else:
            return fail("Invalid PIN", 403)
        name = str(body.get("display_name") or "Anonymous")
        service = "conference"
        if role == "guest" and conf.locked:
            service = "waiting_room"
        p = Participant(conf, name, role, service_type=service, entry_alias=entry_alias,
                        vendor=request.headers.get("User-Agent"))
        tok = node.issue_token(p)
        node.add_participant(conf, p)
        result = {
            "token": tok.value,
            "expires": str(tok.lifetime),
            "participant_uuid": p.uuid,
            "display_name": name,
            "stun": [{"url": "stun:stun.l.google.com:19302"}],
            "analytics_enabled": False,
            "version": VERSION,
            "role": p.api_role,
            "service_type": "conference",
            "chat_enabled": True,
            "current_service_type": service,
            "conference_name": conf.alias,
            "rtmp_enabled": conf.rtmp_enabled,
        }
        if conf.node_style == "current":
            # what current nodes send: no service_type, more fields (clients must ignore them)
            del result["service_type"]
            result.update({
                "service_name": conf.alias, "call_type": "video", "guests_can_present": True,
                "fecc_enabled": False, "direct_media": False, "call_tag": "",
                "turn": [], "pex_datachannel_id": None,
                "version": {"pseudo_version": "35.0.0", "version_id": "35"}})
        return ok(result)

    async def refresh_token(self, request):
        conf, tok, err = self._auth(request)
        if err is not None:
            return err
        node = self.node
        if node.refresh_failures:
            status = node.refresh_failures.pop(0)
            return web.json_response({"status": "failure",
                                      "result": "Simulated refresh failure"}, status=status)
        p = tok.participant
        node.tokens.pop(tok.value, None)
        p.tokens.discard(tok.value)
        new = node.issue_token(p)
        return ok({"token": new.value, "expires": str(new.lifetime), "role": p.api_role})

    async def release_token(self, request):
        conf, tok, err = self._auth(request)
        if err is not None:
            return err
        self.node.end_participant(tok.participant, notify_self=False)
        return ok(True)

    # ------------------------------------------------------------ conference

    async def conference_status(self, request):
        conf, tok, err = self._auth(request)
        if err is not None:
            return err
        return ok(conf.status())

    async def participants(self, request):
        conf, tok, err = self._auth(request)
        if err is not None:
            return err
        return ok([conf.p_json(p) for p in conf.participants.values()])

    async def conference_op(self, request):
        conf, tok, err = self._auth(request)
        if err is not None:
            return err
        op = request.path.rsplit("/", 1)[1]
        me = tok.participant
        body = await body_of(request)
        node = self.node
        if op == "message":
            payload = body.get("payload", "")
            data = {"origin": me.display_name, "uuid": me.uuid,
                    "type": body.get("type", "text/plain"), "payload": payload}
            if conf.chat_event == "message_received":
                data["direct"] = False
            conf.emit(conf.chat_event, data, exclude=me)
            return ok(True)
        if me.role != "chair":
            return fail(HOST_ONLY, 403)
        if op == "dial":
            p = node.dial(conf, body)
            return ok([p.uuid])
        if op in ("lock", "unlock"):
            conf.locked = op == "lock"
            conf.emit("conference_update", conf.status())
            if not conf.locked:
                self._admit_all(conf)
            return ok(True)
        if op == "start_conference":
            self._admit_all(conf)
            return ok(True)
        if op in ("muteguests", "unmuteguests"):
            conf.guests_muted = op == "muteguests"
            conf.emit("conference_update", conf.status())
            for p in conf.participants.values():
                if p.role == "guest" and p.is_muted != conf.guests_muted:
                    p.is_muted = conf.guests_muted
                    node.update(p)
            return ok(True)
        if op == "disconnect":
            asyncio.get_running_loop().call_soon(node.end_meeting, conf, "API initiated conference disconnect")
            return ok(True)
        return fail("Unknown request", 404)

    def _admit_all(self, conf):
        for p in conf.participants.values():
            if p.service_type == "waiting_room":
                p.service_type = "conference"
                self.node.update(p)

    # ------------------------------------------------------------ participants

    def _participant(self, conf, puuid):
        p = conf.participants.get(puuid)
        return p

    async def participant_op(self, request):
        conf, tok, err = self._auth(request)
        if err is not None:
            return err
        op = request.match_info["op"]
        target = self._participant(conf, request.match_info["puuid"])
        if target is None:
            return fail("Participant not found", 404)
        me = tok.participant
        if me.role != "chair" and not (target is me and op in SELF_OPS):
            if op not in SELF_OPS | {"spotlighton", "spotlightoff", "unlock", "role",
                                     "transfer"}:
                return fail("Unknown request", 404)
            return fail(HOST_ONLY, 403)
        body = await body_of(request)
        node = self.node
        if op == "disconnect":
            node.end_participant(target, reason="API initiated participant disconnect")
            return ok(True)
        if op in ("mute", "unmute"):
            target.is_muted = op == "mute"
            node.update(target)
            return ok(True)
        if op in ("allowrxpresentation", "denyrxpresentation"):
            target.rx_presentation = op == "allowrxpresentation"
            node.update(target)
            if not target.rx_presentation:
                node.drop_presentation_players(target)
            return ok(True)
        if op in ("spotlighton", "spotlightoff"):
            target.spotlight = round(time.time(), 3) if op == "spotlighton" else 0
            node.update(target)
            return ok(True)
        if op == "unlock":
            if target.service_type == "waiting_room":
                target.service_type = "conference"
                node.update(target)
            return ok(True)
        if op == "dtmf":
            target.dtmf.append(str(body.get("digits", "")))
            return ok(True)
        if op == "role":
            role = str(body.get("role", "")).lower()
            if role not in ("chair", "guest", "host"):
                return ok(False)
            target.role = "chair" if role in ("chair", "host") else "guest"
            node.update(target)
            return ok(True)
        if op == "transfer":
            dest = node.conference(str(body.get("conference_alias", "")))
            if dest is None or dest.reception:
                return ok(False)
            role = "chair" if str(body.get("role", "guest")).lower() in ("chair", "host") \
                else "guest"
            pin = body.get("pin")
            needed = dest.host_pin if role == "chair" else dest.guest_pin
            if role == "chair" and not dest.host_pin and dest.guest_pin:
                needed = None
            if needed and str(pin) != str(needed):
                return ok(False)
            if target.simulated:
                return ok(False)
            asyncio.get_running_loop().call_soon(node.transfer, target, dest, role)
            return ok(True)
        return fail("Unknown request", 404)

    async def avatar(self, request):
        conf, tok, err = self._auth(request)
        if err is not None:
            return err
        if self._participant(conf, request.match_info["puuid"]) is None:
            return fail("Participant not found", 404)
        await self.node.images()
        return web.Response(body=self.node.avatar, content_type="image/jpeg")

    # ------------------------------------------------------------ calls

    async def calls(self, request):
        conf, tok, err = self._auth(request)
        if err is not None:
            return err
        target = self._participant(conf, request.match_info["puuid"])
        if target is None:
            return fail("Participant not found", 404)
        me = tok.participant
        if target is not me and me.role != "chair":
            return fail(HOST_ONLY, 403)
        if target.simulated:
            return fail("Participant not found", 404)
        body = await body_of(request)
        ct = str(body.get("call_type", "WEBRTC")).upper()
        if ct not in ("RTMP", "WEBRTC"):
            return fail("Unsupported call_type", 400)
        if ct == "RTMP" and not conf.rtmp_enabled:
            return fail("Disabled", 404)  # what older nodes answer when RTMP is off
        call = self.node.add_call(target, body)
        if ct == "RTMP":
            res = {"call_uuid": call.uuid, "url": self.node.rtmp_url(call)}
            if self.node.rtmps_port:
                res["secure_url"] = self.node.rtmp_url(call, secure=True)
            return ok(res)
        return ok({"call_uuid": call.uuid, "sdp": answer_sdp(str(body.get("sdp", "")))})

    async def call_op(self, request):
        conf, tok, err = self._auth(request)
        if err is not None:
            return err
        target = self._participant(conf, request.match_info["puuid"])
        if target is None:
            return fail("Participant not found", 404)
        call = target.calls.get(request.match_info["cuuid"])
        if call is None:
            return fail("Call not found", 404)
        me = tok.participant
        if target is not me and me.role != "chair":
            return fail(HOST_ONLY, 403)
        op = request.match_info["op"]
        body = await body_of(request)
        if op == "ack":
            call.acked = True
            return ok(None)
        if op == "disconnect":
            self.node.end_call(call)
            return ok(True)
        if op == "dtmf":
            call.dtmf.append(str(body.get("digits", "")))
            return ok(True)
        return fail("Unknown request", 404)

    # ------------------------------------------------------------ images

    async def presentation_image(self, request):
        conf, tok, err = self._auth(request)
        if err is not None:
            return err
        fid = request.query.get("id") or request.headers.get("id") or ""
        served, frame = self.node.frame(conf, fid)
        if frame is None:
            return fail("No presentation frame", 404)
        high = request.path.endswith("presentation_high.jpeg")
        self.node.frames_served.append({
            "conference": conf.alias, "requested_id": fid, "served_id": served,
            "high": high, "label": frame[2], "participant_uuid": tok.participant.uuid,
            "time": time.time()})
        return web.Response(body=frame[1] if high else frame[0], content_type="image/jpeg")

    # ------------------------------------------------------------ events

    async def events(self, request):
        conf, tok, err = self._auth(request)
        if err is not None:
            return err
        sub = Subscriber(tok.participant)
        resp = web.StreamResponse(headers=dict(CORS, **{"Content-Type": "text/event-stream",
                                                        "Cache-Control": "no-cache",
                                                        "X-Accel-Buffering": "no"}))
        resp.force_close()  # the end of the stream closes the connection
        await resp.prepare(request)
        # the opening sequence is queued before the stream joins the bus, so no event can
        # slip in between
        q = sub.queue
        q.put_nowait((conf.next_id(), "conference_update", conf.status()))
        q.put_nowait((conf.next_id(), "participant_sync_begin", None))
        for other in list(conf.participants.values()):
            q.put_nowait((conf.next_id(), "participant_create", conf.p_json(other)))
        q.put_nowait((conf.next_id(), "participant_sync_end", None))
        q.put_nowait((conf.next_id(), "stage", conf.stage()))
        if conf.presentation is not None:
            pr = conf.presentation
            q.put_nowait((conf.next_id(), "presentation_start",
                          {k: pr[k] for k in ("presenter_name", "presenter_uri",
                                              "presenter_uuid")}))
            if conf.latest_frame in conf.frames:
                fid = str(conf.next_id())
                conf.frames[fid] = conf.frames[conf.latest_frame]
                conf.latest_frame = fid
                q.put_nowait((int(fid), "presentation_frame", None))
        conf.subscribers.append(sub)
        try:
            while True:
                try:
                    item = await asyncio.wait_for(q.get(), KEEPALIVE_SECONDS)
                except asyncio.TimeoutError:
                    await resp.write(b": keep-alive\n\n")
                    continue
                if item is None:
                    break
                eid, name, data = item
                chunk = "event: %s\nid: %d\ndata: %s\n\n" % (name, eid, json.dumps(data))
                await resp.write(chunk.encode())
                if name == "disconnect":  # always addressed to this participant: its end
                    break
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            sub.closed = True
            if sub in conf.subscribers:
                conf.subscribers.remove(sub)
        try:
            await resp.write_eof()
        except (ConnectionResetError, RuntimeError):
            pass
        return resp


def answer_sdp(offer):
    """A plausible SDP answer mirroring the offer's media sections (no real media)."""
    lines = ["v=0", "o=pexsim 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0"]
    kinds = [l.split()[0][2:] for l in offer.splitlines() if l.startswith("m=")] or ["audio", "video"]
    for i, kind in enumerate(kinds):
        pt = "111" if kind == "audio" else "96"
        codec = "opus/48000/2" if kind == "audio" else "VP8/90000"
        lines += ["m=%s 9 UDP/TLS/RTP/SAVPF %s" % (kind, pt), "a=mid:%d" % i,
                  "a=rtpmap:%s %s" % (pt, codec), "a=sendrecv", "a=ice-ufrag:pexsim",
                  "a=ice-pwd:pexsimpexsimpexsimpexsim", "a=setup:passive"]
    return "\r\n".join(lines) + "\r\n"

"""Test hooks under /_sim (not part of the Pexip API) and the nginx-rtmp callbacks."""
import json

from aiohttp import web


async def _body(request):
    if not request.can_read_body:
        return {}
    try:
        data = await request.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


class Control:
    def __init__(self, node):
        self.node = node

    def routes(self, app):
        r = app.router
        r.add_get("/_sim", self.index)
        r.add_get("/_sim/state", self.state)
        r.add_get("/_sim/timeline", self.timeline)
        r.add_get("/_sim/received", self.received)
        r.add_post("/_sim/events/drop", self.events_drop)
        r.add_post("/_sim/rtmp/kill", self.rtmp_kill)
        r.add_post("/_sim/rtmp/restart", self.rtmp_restart)
        r.add_post("/_sim/refresh/fail", self.refresh_fail)
        r.add_post("/_sim/refresh_event", self.refresh_event)
        r.add_post("/_sim/meeting/end", self.meeting_end)
        r.add_post("/_sim/event", self.push_event)
        for kind in ("publish", "publish_done", "play", "play_done"):
            r.add_post("/_sim/nginx/on_" + kind, self._callback(kind))

    async def index(self, request):
        return web.json_response({"endpoints": sorted(
            {res.canonical for res in request.app.router.resources()
             if res.canonical.startswith("/_sim")})})

    def _conf(self, body, required=False):
        alias = body.get("conference")
        if alias is None:
            if required:
                raise web.HTTPBadRequest(text=json.dumps({"error": "conference required"}),
                                         content_type="application/json")
            return None
        conf = self.node.conference(alias)
        if conf is None:
            raise web.HTTPNotFound(text=json.dumps({"error": "unknown conference %s" % alias}),
                                   content_type="application/json")
        return conf

    async def state(self, request):
        return web.json_response(self.node.state())

    async def timeline(self, request):
        alias = request.query.get("conference")
        out = {a: {"meeting_started": c.meeting_started, "meetings": c.meetings,
                   "timeline": c.timeline}
               for a, c in self.node.conferences.items() if alias in (None, a)}
        return web.json_response(out)

    async def received(self, request):
        return web.json_response(self.node.received())

    async def events_drop(self, request):
        conf = self._conf(await _body(request))
        n = 0
        for c in self.node.conferences.values():
            if conf is not None and c is not conf:
                continue
            for sub in list(c.subscribers):
                sub.close()
                n += 1
        return web.json_response({"dropped": n})

    async def rtmp_kill(self, request):
        body = await _body(request)
        return web.json_response({"dropped": self.node.drop_rtmp(body.get("call_uuid"))})

    async def rtmp_restart(self, request):
        await self.node.nginx.restart()
        for call in list(self.node.calls.values()):
            call.publishers.clear()
            call.players.clear()
            self.node._refresh_has_media(call.participant)
        return web.json_response({"restarted": True, "pid": self.node.nginx.proc.pid})

    async def refresh_fail(self, request):
        body = await _body(request)
        count = int(body.get("count", 1))
        status = int(body.get("status", 503))
        self.node.refresh_failures = [status] * count
        return web.json_response({"pending": count, "status": status})

    async def refresh_event(self, request):
        conf = self._conf(await _body(request), required=True)
        eid = conf.emit("refresh_token", None)
        return web.json_response({"id": eid})

    async def push_event(self, request):
        """Any event, e.g. one a client does not know: {"conference", "event", "data",
        "participant_uuid" (optional: only to that participant)}."""
        body = await _body(request)
        conf = self._conf(body, required=True)
        name = str(body.get("event") or "")
        if not name or "\n" in name:
            raise web.HTTPBadRequest(text=json.dumps({"error": "event name required"}),
                                     content_type="application/json")
        to = None
        if body.get("participant_uuid"):
            to = conf.participants.get(body["participant_uuid"])
            if to is None:
                raise web.HTTPNotFound(text=json.dumps({"error": "unknown participant"}),
                                       content_type="application/json")
        eid = conf.emit(name, body.get("data"), to=to)
        return web.json_response({"id": eid})

    async def meeting_end(self, request):
        conf = self._conf(await _body(request), required=True)
        self.node.end_meeting(conf)
        return web.json_response({"ended": conf.alias})

    def _callback(self, kind):
        async def handler(request):
            form = dict(await request.post())
            status, location = self.node.rtmp_callback(kind, form)
            if location:
                return web.Response(status=status, headers={"Location": location})
            return web.Response(status=status, text="")
        return handler

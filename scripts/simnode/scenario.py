"""Scripted meetings: a JSON timeline of actions by simulated people.

The clock starts when the first API client joins the conference. Each action has `at`
(seconds from the start) or `wait` (seconds after the previous action); without either it
runs right after the previous one. See docs/simulator.md for the action list.
"""
import asyncio
import time

from model import Participant

ACTIONS = {"join", "leave", "chat", "mute", "unmute", "stage", "vad", "layout",
           "presentation_start", "slide", "repeat", "noisy", "presentation_stop",
           "lock", "unlock", "end"}


def validate(scenario):
    for i, a in enumerate(scenario.get("actions", [])):
        if a.get("action") not in ACTIONS:
            raise ValueError("scenario action %d: unknown action %r" % (i, a.get("action")))


def start(node, conf):
    conf.meeting_started = time.time()
    conf.meetings += 1
    conf.timeline = []
    conf.runner = asyncio.ensure_future(_run(node, conf))


def stop(conf):
    if conf.runner is not None:
        if not conf.runner.done() and conf.runner is not asyncio.current_task():
            conf.runner.cancel()
        conf.runner = None


async def _run(node, conf):
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    prev = 0.0
    for i, a in enumerate(conf.scenario.get("actions", [])):
        if "at" in a:
            due = float(a["at"])
        else:
            due = prev + float(a.get("wait", 0))
        prev = due
        delay = t0 + due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        if a["action"] in ("slide", "noisy"):
            await node.images()
        entry = {"index": i, "action": a["action"], "at": due,
                 "t": round(loop.time() - t0, 3), "wall_time": time.time(),
                 "event_id_before": conf.event_id}
        try:
            details = _do(node, conf, a)
        except Exception as e:  # a broken step must not kill the meeting
            details = {"error": repr(e)}
        entry["details"] = details
        entry["event_id_after"] = conf.event_id
        conf.timeline.append(entry)
        if a["action"] == "end":
            return


def _who(conf, a):
    name = a.get("who") or a.get("name") or a.get("from")
    p = conf.find_by_name(name)
    if p is None:
        raise ValueError("nobody called %r in %s" % (name, conf.alias))
    return p


def _names(conf, names):
    out = []
    for n in names or []:
        p = conf.find_by_name(n)
        if p is not None:
            out.append(p.uuid)
    return out


def _do(node, conf, a):
    kind = a["action"]
    if kind == "join":
        role = "chair" if str(a.get("role", "guest")).lower() in ("chair", "host") else "guest"
        p = Participant(conf, a["name"], role, simulated=True, uri=a.get("uri"),
                        protocol=a.get("protocol", "sip"), vendor=a.get("vendor"))
        if a.get("muted"):
            p.is_muted = True
        node.add_participant(conf, p)
        return {"uuid": p.uuid, "name": p.display_name}
    if kind == "leave":
        p = _who(conf, a)
        node.end_participant(p, notify_self=False)
        return {"uuid": p.uuid}
    if kind == "chat":
        p = _who(conf, a)
        payload = a.get("text", a.get("payload", ""))
        data = {"origin": p.display_name, "uuid": p.uuid,
                "type": a.get("type", "text/plain"), "payload": payload}
        if conf.chat_event == "message_received":
            data["direct"] = False
        conf.emit(conf.chat_event, data)
        return {"uuid": p.uuid, "payload": payload}
    if kind in ("mute", "unmute"):
        p = _who(conf, a)
        p.is_muted = kind == "mute"
        node.update(p)
        return {"uuid": p.uuid}
    if kind in ("stage", "vad"):
        order = _names(conf, a.get("order"))
        if order:
            conf.stage_order = order + [u for u in conf.stage_order if u not in order]
        if "speaking" in a:
            sp = a["speaking"]
            conf.speaking = set(_names(conf, [sp] if isinstance(sp, str) else sp))
        conf.emit("stage", conf.stage())
        return {"stage": conf.stage()}
    if kind == "layout":
        conf.layout_view = a.get("view", "1:7")
        conf.emit("layout", conf.layout())
        return {"view": conf.layout_view}
    if kind == "presentation_start":
        name = a.get("presenter") or a.get("presenter_name") or "Presenter"
        p = conf.find_by_name(name)
        uri = a.get("presenter_uri") or (p.uri if p else "%s@pexsim.example.com" % name.lower())
        puuid = a.get("presenter_uuid") or (p.uuid if p else None)
        node.start_presentation(conf, name, uri, puuid)
        conf.last_slide = None
        return {"presenter_name": name, "presenter_uri": uri, "presenter_uuid": puuid}
    if kind in ("slide", "noisy"):
        if conf.presentation is None:
            raise ValueError("%s without presentation_start" % kind)
        n = int(a.get("n", a.get("slide", getattr(conf, "last_slide", None) or 1)))
        imgs = node.slides[n]
        if kind == "slide":
            fid = node.show_frame(conf, imgs["normal"], imgs["high"], "slide %d" % n)
        else:
            fid = node.show_frame(conf, imgs["normal_noisy"], imgs["high_noisy"],
                                  "slide %d (noisy)" % n)
        conf.last_slide = n
        return {"frame_id": fid, "slide": n, "noisy": kind == "noisy"}
    if kind == "repeat":
        if conf.latest_frame is None:
            raise ValueError("repeat without a previous frame")
        normal, high, label = conf.frames[conf.latest_frame]
        fid = node.show_frame(conf, normal, high, label)
        return {"frame_id": fid, "repeat_of": label}
    if kind == "presentation_stop":
        node.stop_presentation(conf)
        return {}
    if kind in ("lock", "unlock"):
        conf.locked = kind == "lock"
        conf.emit("conference_update", conf.status())
        return conf.status()
    if kind == "end":
        # run outside this task: end_meeting cancels the runner
        asyncio.get_running_loop().call_soon(node.end_meeting, conf)
        return {}
    raise ValueError("unknown action %r" % kind)

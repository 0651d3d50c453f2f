"""Conference state: conferences, participants, calls, tokens and the per-conference event bus."""
import asyncio
import base64
import os
import time
import urllib.parse
import uuid as uuidlib


def new_uuid():
    return str(uuidlib.uuid4())


def new_token():
    # Real tokens are base64 with the padding percent-encoded ("...%3D"); clients must send
    # them back verbatim. Both the raw and the decoded form are accepted.
    raw = base64.urlsafe_b64encode(os.urandom(32) + b"pexsim").decode()
    return urllib.parse.quote(raw, safe="-_")


def yes_no(flag):
    return "YES" if flag else "NO"


class Token:
    def __init__(self, participant, lifetime):
        self.value = new_token()
        self.participant = participant
        self.lifetime = lifetime
        self.expires_at = time.monotonic() + lifetime

    @property
    def expired(self):
        return time.monotonic() >= self.expires_at


class Call:
    def __init__(self, participant, call_type, present=None, streaming=False, bandwidth=None):
        self.uuid = new_uuid()
        self.participant = participant
        self.call_type = call_type
        self.present = present
        self.streaming = streaming
        self.bandwidth = bandwidth
        self.acked = False
        self.audio_only = False
        self.dtmf = []
        self.created = time.time()
        self.publishers = set()  # nginx clientids publishing to <call_uuid>
        self.players = {}  # nginx clientid -> "stream" | "presentation"
        self.ever_published = False

    def to_json(self):
        return {
            "call_uuid": self.uuid, "participant_uuid": self.participant.uuid,
            "call_type": self.call_type, "present": self.present, "streaming": self.streaming,
            "bandwidth": self.bandwidth, "audio_only": self.audio_only, "acked": self.acked, "dtmf": list(self.dtmf),
            "publishing": sorted(self.publishers), "playing": dict(self.players),
            "ever_published": self.ever_published,
        }


class Participant:
    def __init__(self, conf, display_name, role, *, simulated=False, protocol="api",
                 uri=None, call_direction="in", service_type="conference", vendor=None,
                 puuid=None, entry_alias=None):
        self.uuid = puuid or new_uuid()
        self.conf = conf
        self.display_name = display_name
        self.role = role  # "chair" | "guest"
        self.simulated = simulated
        self.protocol = protocol
        self.uri = uri or ("%s@pexsim.example.com" % display_name.replace(" ", ".").lower()
                           if simulated else "pexsim_api_%s" % self.uuid[:8])
        self.call_direction = call_direction
        self.service_type = service_type
        self.vendor = vendor or ("Pexip Infinity Connect/2.0" if simulated else "pexsim-client")
        self.start_time = time.time()
        self.is_muted = False
        self.spotlight = 0
        self.rx_presentation = True
        self.is_presenting = False
        self.has_media = simulated
        self.is_streaming = False
        self.is_audio_only = False
        self.dtmf = []
        self.calls = {}
        self.entry_alias = entry_alias
        self.tokens = set()

    @property
    def api_role(self):
        return "HOST" if self.role == "chair" else "GUEST"

    def to_json(self, float_start_time=True):
        return {
            "api_url": "/participants/%s" % self.uuid,
            "buzz_time": 0,
            "call_direction": self.call_direction,
            "call_tag": "",
            "display_name": self.display_name,
            "encryption": "On",
            "has_media": bool(self.has_media),
            "is_audio_only_call": yes_no(self.is_audio_only),
            "is_client_muted": False,
            "is_external": False,
            "is_held": False,
            "is_muted": yes_no(self.is_muted),
            "is_presenting": yes_no(self.is_presenting),
            "is_recording": False,
            "is_streaming_conference": bool(self.is_streaming),
            "is_video_call": yes_no(not self.is_audio_only),
            "is_video_muted": False,
            "local_alias": self.conf.alias,
            "overlay_text": self.display_name,
            "presentation_supported": "YES" if self.simulated else "NO",
            "protocol": self.protocol,
            "role": self.role,
            "rx_presentation_policy": "ALLOW" if self.rx_presentation else "DENY",
            "service_type": self.service_type,
            "spotlight": self.spotlight,
            "start_time": round(self.start_time, 3) if float_start_time else int(self.start_time),
            "uri": self.uri,
            "uuid": self.uuid,
            "vendor": self.vendor,
        }


class Subscriber:
    """One open events stream."""

    def __init__(self, participant):
        self.participant = participant
        self.queue = asyncio.Queue()
        self.closed = False

    def close(self):
        if not self.closed:
            self.closed = True
            self.queue.put_nowait(None)


class Conference:
    def __init__(self, alias, cfg, node_cfg):
        self.alias = alias
        self.cfg = cfg
        self.node_cfg = node_cfg
        self.aliases = [alias] + [a for a in cfg.get("aliases", []) if a != alias]
        self.host_pin = cfg.get("host_pin")
        self.guest_pin = cfg.get("guest_pin")
        self.reception = bool(cfg.get("reception"))
        self.reception_type = cfg.get("reception_type", "standard")
        self.node_style = cfg.get("node_style", node_cfg.get("node_style", "spec"))
        if self.node_style == "current":  # a conference's own setting wins, then the style
            node_cfg = dict(node_cfg, chat_event="message_received", reception_style="node")
        self.reception_style = cfg.get("reception_style", node_cfg.get("reception_style", "spec"))
        self.chat_event = cfg.get("chat_event", node_cfg.get("chat_event", "message"))
        self.float_start_time = cfg.get("float_start_time", node_cfg.get("float_start_time", True))
        self.rtmp_enabled = bool(cfg.get("rtmp", True))
        self.scenario_file = cfg.get("scenario")
        self.scenario = None  # loaded dict
        self.participants = {}
        self.subscribers = []
        self.event_id = 0
        self.reset_flags()
        self.layout_view = "1:7"
        self.stage_order = []  # participant uuids, most recent speaker first
        self.speaking = set()
        self.presentation = None  # dict presenter_name, presenter_uri, presenter_uuid, source
        self.frames = {}  # frame id (str) -> (normal bytes, high bytes, label)
        self.latest_frame = None
        self.current_slide = None  # (normal, high) bytes shown on the presentation stream
        self.timeline = []  # scenario actions as emitted
        self.events_log = []  # (id, name) of broadcast events, bounded
        self.meeting_started = None
        self.runner = None  # scenario task
        self.meetings = 0
        self.mix = None
        self.mixa = None  # audio-only mix, for calls made with audioonly "true"
        self.pres = None

    def reset_flags(self):
        self.locked = bool(self.cfg.get("locked", False))
        self.guests_muted = bool(self.cfg.get("guests_muted", False))

    @property
    def has_pins(self):
        return bool(self.host_pin) or bool(self.guest_pin)

    def status(self):
        return {"guests_muted": self.guests_muted, "locked": self.locked}

    def next_id(self):
        self.event_id += 1
        return self.event_id

    def p_json(self, p):
        return p.to_json(self.float_start_time)

    def emit(self, name, data=None, to=None, exclude=None):
        """Send an event to every open stream (or only to participant `to`)."""
        eid = self.next_id()
        self.events_log.append((eid, name, time.time()))
        del self.events_log[:-500]
        for sub in list(self.subscribers):
            if to is not None and sub.participant is not to:
                continue
            if exclude is not None and sub.participant is exclude:
                continue
            sub.queue.put_nowait((eid, name, data))
        return eid

    def api_participants(self):
        return [p for p in self.participants.values() if not p.simulated
                and p.protocol == "api"]

    def stage(self):
        order = [u for u in self.stage_order if u in self.participants]
        order += [u for u in self.participants if u not in order
                  and self.participants[u].service_type == "conference"]
        return [{"participant_uuid": u, "stage_index": i,
                 "vad": 100 if u in self.speaking else 0} for i, u in enumerate(order)]

    def layout(self):
        uuids = [s["participant_uuid"] for s in self.stage()]
        return {"view": self.layout_view, "participants": uuids,
                "requested_layout": {"primary_screen": {"chair_layout": self.layout_view,
                                                        "guest_layout": self.layout_view}},
                "overlay_text_enabled": True}

    def find_by_name(self, name):
        for p in self.participants.values():
            if p.display_name == name:
                return p
        return None

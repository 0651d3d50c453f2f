"""Conference, participant and call requests; events; role refusals."""
import time

import pytest

HOST_ONLY = {"status": "success", "result": "Host privileges required"}

# the spec's participant_create example, field by field
SPEC_PARTICIPANT_FIELDS = {
    "api_url": str, "call_direction": str, "display_name": str, "encryption": str,
    "has_media": bool, "is_audio_only_call": str, "is_external": bool, "is_muted": str,
    "is_presenting": str, "is_streaming_conference": bool, "is_video_call": str,
    "local_alias": str, "overlay_text": str, "presentation_supported": str, "protocol": str,
    "role": str, "rx_presentation_policy": str, "service_type": str, "spotlight": (int, float),
    "start_time": (int, float), "uri": str, "uuid": str, "vendor": str,
}
YES_NO = ("is_audio_only_call", "is_muted", "is_presenting", "is_video_call",
          "presentation_supported")


def check_participant(p):
    for k, t in SPEC_PARTICIPANT_FIELDS.items():
        assert isinstance(p[k], t), (k, p[k])
    for k in YES_NO:
        assert p[k] in ("YES", "NO"), k
    assert p["role"] in ("chair", "guest")
    assert p["rx_presentation_policy"] in ("ALLOW", "DENY")
    assert p["api_url"] == "/participants/" + p["uuid"]


@pytest.fixture
def room(sim):
    """A host and a guest in `secure`, the host's events stream open."""
    host = sim.join("secure", "Hosty", pin="1234")
    guest = sim.join("secure", "Guesty", pin="5678")
    ev = sim.events("secure", host["token"])
    ev.wait_for("stage")
    yield sim, host, guest, ev
    ev.close()
    for t in (host, guest):
        sim.api("POST", "secure", "release_token", token=t["token"])
    sim.ctl("POST", "/meeting/end", {"conference": "secure"})


def test_events_opening_sequence_and_ids(room):
    sim, host, guest, ev = room
    assert ev.status == 200 and ev.content_type.startswith("text/event-stream")
    names = ev.names()
    assert names[:2] == ["conference_update", "participant_sync_begin"]
    end = names.index("participant_sync_end")
    assert names[2:end] == ["participant_create"] * (end - 2) and end - 2 >= 2
    assert names[end + 1] == "stage"
    ids = [int(e["id"]) for e in ev.events]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    creates = [e["data"] for e in ev.events if e["event"] == "participant_create"]
    for p in creates:
        check_participant(p)
    roles = {p["uuid"]: p["role"] for p in creates}
    assert roles[host["participant_uuid"]] == "chair"
    assert roles[guest["participant_uuid"]] == "guest"
    assert ev.events[0]["data"] == {"locked": False, "guests_muted": False}
    stage = ev.events[end + 1]["data"]
    assert isinstance(stage, list) and set(stage[0]) == {"participant_uuid", "stage_index", "vad"}


def test_events_reconnect_resyncs_and_drop_hook(room):
    sim, host, guest, ev = room
    last = int(ev.events[-1]["id"])
    assert sim.ctl("POST", "/events/drop", {"conference": "secure"})[1]["dropped"] >= 1
    assert ev.wait_closed(5)
    ev2 = sim.events("secure", host["token"])
    ev2.wait_for("participant_sync_end")
    assert ev2.names()[:2] == ["conference_update", "participant_sync_begin"]
    assert int(ev2.events[0]["id"]) > last
    ev2.close()


def test_events_bad_token(sim):
    status, _, _ = sim.raw("GET", "/api/client/v2/conferences/idle/events?token=nope")
    assert status == 403


def test_conference_status_lock_and_guest_mute(room):
    sim, host, guest, ev = room
    t = host["token"]
    assert sim.api("GET", "secure", "conference_status", token=t) == (
        200, {"status": "success", "result": {"guests_muted": False, "locked": False}})
    assert sim.api("POST", "secure", "lock", token=t) == (200, {"status": "success",
                                                              "result": True})
    e = ev.wait_for(lambda e: e["event"] == "conference_update" and e["data"]["locked"])
    assert e["data"] == {"locked": True, "guests_muted": False}
    assert sim.api("POST", "secure", "unlock", token=t)[1]["result"] is True
    ev.wait_for(lambda e: e["event"] == "conference_update" and not e["data"]["locked"]
                and e is not ev.events[0])  # not the opening one
    assert sim.api("POST", "secure", "muteguests", token=t)[1]["result"] is True
    ev.wait_for(lambda e: e["event"] == "conference_update" and e["data"]["guests_muted"])
    ev.wait_for(lambda e: e["event"] == "participant_update"
                and e["data"]["uuid"] == guest["participant_uuid"]
                and e["data"]["is_muted"] == "YES")
    assert sim.api("GET", "secure", "conference_status", token=t)[1]["result"] == {
        "guests_muted": True, "locked": False}
    assert sim.api("POST", "secure", "unmuteguests", token=t)[1]["result"] is True
    ev.wait_for(lambda e: e["event"] == "participant_update"
                and e["data"]["uuid"] == guest["participant_uuid"]
                and e["data"]["is_muted"] == "NO")


def test_guest_refusals(room):
    sim, host, guest, ev = room
    g = guest["token"]
    for op in ("lock", "unlock", "start_conference", "muteguests", "unmuteguests",
               "disconnect"):
        assert sim.api("POST", "secure", op, token=g) == (403, HOST_ONLY), op
    assert sim.api("POST", "secure", "dial", {"destination": "x@y", "protocol": "sip"},
                   token=g) == (403, HOST_ONLY)
    other = "participants/%s/" % host["participant_uuid"]
    for op in ("mute", "unmute", "disconnect", "spotlighton", "spotlightoff",
               "allowrxpresentation", "denyrxpresentation", "unlock"):
        assert sim.api("POST", "secure", other + op, token=g) == (403, HOST_ONLY), op
    assert sim.api("POST", "secure", other + "role", {"role": "guest"}, token=g) == (
        403, HOST_ONLY)
    assert sim.api("POST", "secure", other + "transfer",
                   {"conference_alias": "idle", "role": "guest"}, token=g) == (403, HOST_ONLY)
    me = "participants/%s/" % guest["participant_uuid"]
    for op in ("spotlighton", "role", "unlock"):
        assert sim.api("POST", "secure", me + op, {"role": "chair"}, token=g) == (
            403, HOST_ONLY), op
    # a guest may mute itself and chat
    assert sim.api("POST", "secure", me + "mute", token=g)[1]["result"] is True
    assert sim.api("POST", "secure", "message", {"type": "text/plain", "payload": "hi"},
                   token=g)[1]["result"] is True
    e = ev.wait_for("message")
    assert e["data"] == {"origin": "Guesty", "uuid": guest["participant_uuid"],
                         "type": "text/plain", "payload": "hi"}


def test_participants_list(room):
    sim, host, guest, ev = room
    status, body = sim.api("GET", "secure", "participants", token=host["token"])
    assert status == 200
    uuids = {p["uuid"] for p in body["result"]}
    assert {host["participant_uuid"], guest["participant_uuid"]} <= uuids
    for p in body["result"]:
        check_participant(p)


def test_participant_operations_emit_updates(room):
    sim, host, guest, ev = room
    t = host["token"]
    gu = guest["participant_uuid"]
    base = "participants/%s/" % gu

    def do(op, body=None):
        status, r = sim.api("POST", "secure", base + op, body, token=t)
        assert (status, r) == (200, {"status": "success", "result": True}), op

    def upd(pred):
        return ev.wait_for(lambda e: e["event"] == "participant_update"
                           and e["data"]["uuid"] == gu and pred(e["data"]))["data"]

    do("mute")
    upd(lambda d: d["is_muted"] == "YES")
    do("unmute")
    upd(lambda d: d["is_muted"] == "NO")
    do("denyrxpresentation")
    upd(lambda d: d["rx_presentation_policy"] == "DENY")
    do("allowrxpresentation")
    upd(lambda d: d["rx_presentation_policy"] == "ALLOW")
    do("spotlighton")
    assert upd(lambda d: d["spotlight"] != 0)["spotlight"] > 1e9
    do("spotlightoff")
    upd(lambda d: d["spotlight"] == 0)
    do("role", {"role": "chair"})
    upd(lambda d: d["role"] == "chair")
    do("role", {"role": "guest"})
    upd(lambda d: d["role"] == "guest")
    do("dtmf", {"digits": "1234"})
    do("dtmf", {"digits": "#"})
    st = [p for p in sim.conf_state("secure")["participants"] if p["uuid"] == gu][0]
    assert st["dtmf"] == ["1234", "#"]


def test_unknown_participant_and_call(room):
    sim, host, guest, ev = room
    t = host["token"]
    bogus = "00000000-0000-0000-0000-000000000000"
    status, body = sim.api("POST", "secure", "participants/%s/mute" % bogus, token=t)
    assert status == 404 and isinstance(body["result"], str)
    status, _, _ = sim.raw("GET", "/api/client/v2/conferences/secure/participants/%s/avatar.jpg"
                           % bogus, headers={"token": t})
    assert status == 404
    status, body = sim.api("POST", "secure", "participants/%s/calls/%s/disconnect"
                           % (host["participant_uuid"], bogus), token=t)
    assert status == 404 and isinstance(body["result"], str)


def test_avatar(room):
    sim, host, guest, ev = room
    status, ctype, data = sim.raw(
        "GET", "/api/client/v2/conferences/secure/participants/%s/avatar.jpg"
        % guest["participant_uuid"], headers={"token": host["token"]})
    assert status == 200 and ctype == "image/jpeg" and data[:2] == b"\xff\xd8"


def test_dial_answered_and_rejected(room):
    sim, host, guest, ev = room
    t = host["token"]
    status, body = sim.api("POST", "secure", "dial",
                           {"role": "guest", "destination": "bob@example.com",
                            "protocol": "sip", "source_display_name": "Hosty"}, token=t)
    assert status == 200 and isinstance(body["result"], list) and len(body["result"]) == 1
    u = body["result"][0]
    c = ev.wait_for(lambda e: e["event"] == "participant_create" and e["data"]["uuid"] == u)
    assert c["data"]["service_type"] == "connecting" and c["data"]["call_direction"] == "out"
    ev.wait_for(lambda e: e["event"] == "participant_update" and e["data"]["uuid"] == u
                and e["data"]["service_type"] == "conference", timeout=5)
    status, body = sim.api("POST", "secure", "dial",
                           {"role": "guest", "destination": "reject@example.com",
                            "protocol": "sip"}, token=t)
    r = body["result"][0]
    ev.wait_for(lambda e: e["event"] == "participant_delete" and e["data"]["uuid"] == r,
                timeout=5)


def test_waiting_room_and_unlock(sim):
    host = sim.join("locked", "Boss", pin="1234")
    assert host["current_service_type"] == "conference"
    ev = sim.events("locked", host["token"])
    ev.wait_for("stage")
    assert ev.events[0]["data"]["locked"] is True
    guest = sim.join("locked", "Waiter", pin="5678")
    assert guest["role"] == "GUEST" and guest["current_service_type"] == "waiting_room"
    gu = guest["participant_uuid"]
    c = ev.wait_for(lambda e: e["event"] == "participant_create" and e["data"]["uuid"] == gu)
    assert c["data"]["service_type"] == "waiting_room"
    assert sim.api("POST", "locked", "participants/%s/unlock" % gu,
                   token=host["token"])[1]["result"] is True
    ev.wait_for(lambda e: e["event"] == "participant_update" and e["data"]["uuid"] == gu
                and e["data"]["service_type"] == "conference")
    g2 = sim.join("locked", "Waiter2", pin="5678")
    assert g2["current_service_type"] == "waiting_room"
    assert sim.api("POST", "locked", "start_conference", token=host["token"])[1]["result"]
    ev.wait_for(lambda e: e["event"] == "participant_update"
                and e["data"]["uuid"] == g2["participant_uuid"]
                and e["data"]["service_type"] == "conference")
    ev.close()
    sim.ctl("POST", "/meeting/end", {"conference": "locked"})
    assert sim.conf_state("locked")["locked"] is True  # back to its configured state


def test_guests_muted_conference(sim):
    g = sim.join("muted", "Quiet", pin="5678")
    p = [p for p in sim.conf_state("muted")["participants"] if p["uuid"] == g["participant_uuid"]]
    assert p[0]["is_muted"] == "YES"
    sim.api("POST", "muted", "release_token", token=g["token"])


def test_message_event_and_message_received_flag(sim):
    a = sim.join("chatnode", "A")
    b = sim.join("chatnode", "B")
    ev = sim.events("chatnode", b["token"])
    ev.wait_for("stage")
    sim.api("POST", "chatnode", "message", {"type": "text/plain", "payload": "yo"},
            token=a["token"])
    e = ev.wait_for("message_received")
    assert e["data"] == {"origin": "A", "uuid": a["participant_uuid"], "type": "text/plain",
                         "payload": "yo", "direct": False}
    ev.close()
    for t in (a, b):
        sim.api("POST", "chatnode", "release_token", token=t["token"])


def test_participant_disconnect(room):
    sim, host, guest, ev = room
    gev = sim.events("secure", guest["token"])
    gev.wait_for("stage")
    assert sim.api("POST", "secure", "participants/%s/disconnect" % guest["participant_uuid"],
                   token=host["token"])[1]["result"] is True
    d = gev.wait_for("disconnect")
    assert isinstance(d["data"]["reason"], str)
    ev.wait_for(lambda e: e["event"] == "participant_delete"
                and e["data"]["uuid"] == guest["participant_uuid"])
    assert gev.wait_closed(5)
    assert sim.api("GET", "secure", "conference_status", token=guest["token"])[0] == 403


def test_conference_disconnect_ends_everyone(sim):
    a = sim.join("idle", "A")
    b = sim.join("idle", "B")
    eva, evb = sim.events("idle", a["token"]), sim.events("idle", b["token"])
    eva.wait_for("stage")
    evb.wait_for("stage")
    assert sim.api("POST", "idle", "disconnect", token=a["token"])[1]["result"] is True
    for ev in (eva, evb):
        assert "reason" in ev.wait_for("disconnect")["data"]
        assert ev.wait_closed(5)
    assert sim.api("GET", "idle", "conference_status", token=b["token"])[0] == 403
    assert [p for p in sim.conf_state("idle")["participants"]] == []


def test_transfer(sim):
    host = sim.join("idle", "Mover")
    guest = sim.join("idle", "Moved")
    gev = sim.events("idle", guest["token"])
    gev.wait_for("stage")
    base = "participants/%s/transfer" % guest["participant_uuid"]
    assert sim.api("POST", "idle", base, {"conference_alias": "secure", "role": "guest",
                                          "pin": "0000"}, token=host["token"])[1]["result"] is False
    assert sim.api("POST", "idle", base, {"conference_alias": "secure", "role": "guest",
                                          "pin": "5678"}, token=host["token"])[1]["result"] is True
    refer = gev.wait_for("refer")
    assert refer["data"]["alias"] == "secure"
    time.sleep(0.2)
    secure = sim.conf_state("secure")["participants"]
    moved = [p for p in secure if p["uuid"] == guest["participant_uuid"]]
    assert moved and moved[0]["role"] == "guest"
    assert sim.api("GET", "secure", "conference_status", token=guest["token"])[0] == 200
    gev.close()
    sim.api("POST", "secure", "release_token", token=guest["token"])
    # a guest transferred into a locked conference waits in its waiting room
    other = sim.join("idle", "Moved2")
    base = "participants/%s/transfer" % other["participant_uuid"]
    assert sim.api("POST", "idle", base, {"conference_alias": "locked", "role": "guest",
                                          "pin": "5678"}, token=host["token"])[1]["result"]
    time.sleep(0.2)
    moved = [p for p in sim.conf_state("locked")["participants"]
             if p["uuid"] == other["participant_uuid"]]
    assert moved and moved[0]["service_type"] == "waiting_room"
    sim.api("POST", "locked", "release_token", token=other["token"])
    sim.api("POST", "idle", "release_token", token=host["token"])


def test_webrtc_call_and_call_functions(room):
    sim, host, guest, ev = room
    t = host["token"]
    pu = host["participant_uuid"]
    offer = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP 111\r\nm=video 9 UDP 96\r\n"
    status, body = sim.api("POST", "secure", "participants/%s/calls" % pu,
                           {"call_type": "WEBRTC", "sdp": offer}, token=t)
    assert status == 200 and set(body["result"]) == {"call_uuid", "sdp"}
    assert body["result"]["sdp"].count("m=") == 2
    cu = body["result"]["call_uuid"]
    base = "participants/%s/calls/%s/" % (pu, cu)
    assert sim.api("POST", "secure", base + "ack", token=t)[0] == 200
    assert sim.api("POST", "secure", base + "dtmf", {"digits": "42"},
                   token=t)[1]["result"] is True
    call = [c for c in sim.conf_state("secure")["calls"] if c["call_uuid"] == cu][0]
    assert call["acked"] and call["dtmf"] == ["42"]
    # a guest cannot touch the host's call
    assert sim.api("POST", "secure", base + "disconnect", token=guest["token"]) == (
        403, HOST_ONLY)
    assert sim.api("POST", "secure", base + "disconnect", token=t)[1]["result"] is True
    e = ev.wait_for("call_disconnected")
    assert e["data"]["call_uuid"] == cu and isinstance(e["data"]["reason"], str)


def test_refresh_token_event_hook(room):
    sim, host, guest, ev = room
    sim.ctl("POST", "/refresh_event", {"conference": "secure"})
    ev.wait_for("refresh_token")


def test_keepalive_comment(sim):
    a = sim.join("idle", "K")
    ev = sim.events("idle", a["token"])
    deadline = time.time() + 7
    while ev.comments == 0 and time.time() < deadline:
        time.sleep(0.2)
    assert ev.comments >= 1
    ev.close()
    sim.api("POST", "idle", "release_token", token=a["token"])


def test_rtmp_disabled_conference(sim):
    me = sim.join("nortmp", "NoMedia")
    assert me["rtmp_enabled"] is False
    status, body = sim.api("POST", "nortmp", "participants/%s/calls" % me["participant_uuid"],
                           {"call_type": "RTMP"}, token=me["token"])
    assert (status, body) == (404, {"status": "success", "result": "Disabled"})
    sim.api("POST", "nortmp", "release_token", token=me["token"])


def test_push_any_event_hook(room):
    sim, host, guest, ev = room
    data = {"text": "a node-specific event"}
    r = sim.ctl("POST", "/event", {"conference": "secure", "event": "splash_screen",
                                   "data": data})[1]
    e = ev.wait_for("splash_screen")
    assert e["data"] == data and int(e["id"]) == r["id"]
    sim.ctl("POST", "/event", {"conference": "secure", "event": "on_hold", "data": None,
                               "participant_uuid": guest["participant_uuid"]})
    sim.ctl("POST", "/event", {"conference": "secure", "event": "bye", "data": None,
                               "participant_uuid": host["participant_uuid"]})
    ev.wait_for("bye")
    assert "on_hold" not in ev.names()  # addressed to the guest only

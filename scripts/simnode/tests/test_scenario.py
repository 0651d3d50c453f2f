"""The `quick` scripted meeting end to end: events in order, slides, timeline, end of meeting."""
import json
import subprocess
import threading
import urllib.parse


def image(sim, token, fid, high=False):
    name = "presentation_high.jpeg" if high else "presentation.jpeg"
    q = urllib.parse.urlencode({"id": fid, "token": urllib.parse.unquote(token)})
    return sim.raw("GET", "/api/client/v2/conferences/quick/%s?%s" % (name, q))


def jpeg_size(data):
    """(width, height) from a JPEG's SOF marker."""
    i = 2
    while i < len(data):
        marker, length = data[i + 1], int.from_bytes(data[i + 2:i + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):
            return int.from_bytes(data[i + 7:i + 9], "big"), int.from_bytes(data[i + 5:i + 7], "big")
        i += 2 + length
    return None


def probe(url, out):
    r = subprocess.run(["ffprobe", "-v", "error", "-rw_timeout", "15000000",
                        "-show_entries", "stream=codec_name,width,height", "-of", "json", url],
                       capture_output=True, text=True, timeout=30)
    out["probe"] = json.loads(r.stdout or "{}").get("streams", [])


def test_quick_scenario(sim):
    me = sim.join("quick", "Watcher")
    t = me["token"]
    ev = sim.events("quick", t)
    status, body = sim.api("POST", "quick", "participants/%s/calls" % me["participant_uuid"],
                           {"call_type": "RTMP", "present": "receive", "streaming": "true"},
                           token=t)
    assert status == 200
    url = body["result"]["url"]

    frames = {}
    probe_out = {}
    prober = None
    for label in ("slide1", "slide2", "repeat", "noisy", "slide3"):
        e = ev.wait_for(lambda e: e["event"] == "presentation_frame"
                        and e["id"] not in [f[0] for f in frames.values()], timeout=20)
        normal = image(sim, t, e["id"])
        high = image(sim, t, e["id"], high=True)
        assert normal[0] == 200 and normal[1] == "image/jpeg"
        frames[label] = (e["id"], normal[2], high[2])
        if prober is None:  # the presentation stream runs while slides are shown
            prober = threading.Thread(target=probe, args=(url + "-presentation", probe_out))
            prober.start()
    ev.wait_for("disconnect", timeout=20)
    prober.join(30)

    names = [e["event"] for e in ev.events]
    opening = names.index("stage")
    script = [n for n in names[opening + 1:] if n != "participant_update"]
    assert script == [
        "participant_create", "participant_create", "message", "stage", "layout",
        "presentation_start", "presentation_frame", "presentation_frame",
        "presentation_frame", "presentation_frame", "presentation_frame",
        "presentation_stop", "message", "participant_delete",
        "disconnect"], script
    by = {e["event"]: e for e in ev.events}
    bob = [e["data"] for e in ev.events if e["event"] == "participant_create"
           and e["data"]["display_name"] == "Bob"][0]
    carol = [e["data"] for e in ev.events if e["event"] == "participant_create"
             and e["data"]["display_name"] == "Carol"][0]
    assert bob["role"] == "guest" and carol["role"] == "chair"
    msg = [e["data"] for e in ev.events if e["event"] == "message"][0]
    assert msg == {"origin": "Bob", "uuid": bob["uuid"], "type": "text/plain",
                   "payload": "Hello from Bob"}
    assert any(e["event"] == "participant_update" and e["data"]["uuid"] == bob["uuid"]
               and e["data"]["is_muted"] == "YES" for e in ev.events)
    stage = by["stage"]["data"]
    assert stage[0] == {"participant_uuid": carol["uuid"], "stage_index": 0, "vad": 100}
    assert by["layout"]["data"]["view"] == "1:7"
    assert by["presentation_start"]["data"] == {
        "presenter_name": "Carol", "presenter_uri": "carol@example.com",
        "presenter_uuid": carol["uuid"]}
    assert by["presentation_stop"]["data"] is None
    assert by["participant_delete"]["data"] == {"uuid": bob["uuid"]}

    # slides: distinct, a byte-identical repeat, a noisy duplicate, high is bigger
    s1, s2, rep, noisy, s3 = (frames[k] for k in ("slide1", "slide2", "repeat", "noisy",
                                                  "slide3"))
    assert len({s1[0], s2[0], rep[0], noisy[0], s3[0]}) == 5
    assert len({s1[1], s2[1], s3[1]}) == 3
    assert rep[1] == s2[1] and rep[2] == s2[2]
    assert noisy[1] != s2[1]
    assert jpeg_size(s1[1]) == (640, 360) and jpeg_size(s1[2]) == (1280, 720)

    # the presentation stream carried H.264 video
    assert [s["codec_name"] for s in probe_out.get("probe", [])] == ["h264"], probe_out

    # after the end: the token is dead, the participant list is empty
    status, body = sim.api("GET", "quick", "conference_status", token=t)
    assert (status, body["result"]) == (403, "Invalid token")
    st = sim.conf_state("quick")
    assert st["participants"] == [] and st["calls"] == []

    # the timeline records each action with its wall time, in order
    tl = sim.ctl("GET", "/timeline?conference=quick")[1]["quick"]["timeline"]
    assert [a["action"] for a in tl][:3] == ["join", "join", "chat"]
    assert tl[-1]["action"] == "end"
    walls = [a["wall_time"] for a in tl]
    assert walls == sorted(walls)
    for a in tl:
        assert abs(a["t"] - a["at"]) < 1.0, a
    served = [f for f in sim.state()["frames_served"] if f["conference"] == "quick"]
    assert len(served) >= 10


def test_presentation_image_errors(sim):
    me = sim.join("quick", "Checker")
    t = me["token"]
    ev = sim.events("quick", t)
    e = ev.wait_for("presentation_frame", timeout=15)
    assert image(sim, "bogus", e["id"])[0] == 403
    latest = image(sim, t, "no-such-frame")
    assert latest[0] == 200 and latest[2] == image(sim, t, e["id"])[2]
    ev.close()
    sim.ctl("POST", "/meeting/end", {"conference": "quick"})
    assert image(sim, t, e["id"])[0] == 403


def test_meeting_restarts_on_next_join(sim):
    me = sim.join("quick", "Again")
    ev = sim.events("quick", me["token"])
    ev.wait_for(lambda e: e["event"] == "participant_create"
                and e["data"]["display_name"] == "Bob", timeout=5)
    st = sim.conf_state("quick")
    assert st["meeting_running"] and st["meetings"] >= 2
    ev.close()
    sim.api("POST", "quick", "release_token", token=me["token"])
    assert not sim.conf_state("quick")["meeting_running"]

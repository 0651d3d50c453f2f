"""The RTMP media plane: the mix, publishing in, drops, refusals, hooks, TLS, shutdown."""
import json
import os
import subprocess
import time
import urllib.parse
import uuid

import pytest

from simclient import Sim


def publisher(url, seconds, extra=()):
    return subprocess.Popen(
        ["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re",
         "-f", "lavfi", "-i", "testsrc2=s=320x180:r=15", "-f", "lavfi",
         "-i", "sine=frequency=440:sample_rate=44100", "-t", str(seconds), *extra,
         "-c:v", "libx264", "-preset", "ultrafast", "-g", "15", "-b:v", "200k",
         "-c:a", "aac", "-b:a", "48k", "-f", "flv", url],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def ffprobe_json(target, *entries):
    r = subprocess.run(["ffprobe", "-v", "error", "-rw_timeout", "15000000", *entries,
                        "-of", "json", target], capture_output=True, text=True, timeout=40)
    return json.loads(r.stdout or "{}")


@pytest.fixture
def caller(sim):
    me = sim.join("idle", "Streamer")
    ev = sim.events("idle", me["token"])
    ev.wait_for("stage")

    def call(**body):
        body.setdefault("call_type", "RTMP")
        status, r = sim.api("POST", "idle", "participants/%s/calls" % me["participant_uuid"],
                            body, token=me["token"])
        assert status == 200, r
        return r["result"]

    yield sim, me, ev, call
    ev.close()
    sim.api("POST", "idle", "release_token", token=me["token"])


def test_rtmp_call_answer_and_mix(caller, tmp_path):
    sim, me, ev, call = caller
    created = time.time()
    res = call(streaming="true", bandwidth="1024")
    assert set(res) == {"call_uuid", "url"}
    while sim.conf_state("idle")["mix_publishing_since"] is None:
        assert time.time() - created < 3, "the mix did not start"
        time.sleep(0.05)
    assert sim.conf_state("idle")["mix_publishing_since"] - created < 2.0  # ~0.5 s when idle
    assert res["url"] == sim.info["rtmp"] + "/" + res["call_uuid"]
    out = str(tmp_path / "mix.flv")
    t0 = time.time()
    r = subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-rw_timeout", "15000000",
                        "-i", res["url"] + "-stream", "-t", "5", "-c", "copy", "-y", out],
                       capture_output=True, text=True, timeout=40)
    assert r.returncode == 0, r.stderr
    assert time.time() - t0 < 12
    streams = ffprobe_json(out, "-show_entries", "stream=codec_name,width,height")["streams"]
    assert sorted(s["codec_name"] for s in streams) == ["aac", "h264"]
    frames = ffprobe_json(out, "-select_streams", "v", "-skip_frame", "nokey",
                          "-show_entries", "frame=pts_time")["frames"]
    keys = [float(f["pts_time"]) for f in frames]
    assert len(keys) >= 2
    gaps = {round(b - a, 1) for a, b in zip(keys, keys[1:])}
    assert gaps == {2.0}, keys
    st = sim.conf_state("idle")
    assert st["mix_running"]
    # A/V sync: every white flash starts with a beep
    flashes, beeps = flash_onsets(out), beep_onsets(out)
    assert len(flashes) >= 3 and len(beeps) >= 3, (flashes, beeps)
    for f in flashes:
        assert min(abs(f - b) for b in beeps) < 0.06, (flashes, beeps)
    assert {round(b - a, 1) for a, b in zip(flashes, flashes[1:])} == {1.0}


def _lavfi_frames(graph, key):
    r = subprocess.run(["ffprobe", "-v", "error", "-f", "lavfi", "-i", graph,
                        "-show_entries", "frame=pts_time:frame_tags=" + key, "-of", "json"],
                       capture_output=True, text=True, timeout=60)
    out = []
    for f in json.loads(r.stdout)["frames"]:
        v = f.get("tags", {}).get(key)
        if v is not None and f.get("pts_time") is not None:
            out.append((float(f["pts_time"]), float(v) if v != "-inf" else -200.0))
    return out


def _onsets(samples, threshold):
    onsets, prev = [], False
    for t, v in samples:
        on = v > threshold
        if on and not prev:
            onsets.append(t)
        prev = on
    return onsets


def flash_onsets(path):
    return _onsets(_lavfi_frames("movie=%s,signalstats" % path, "lavfi.signalstats.YAVG"), 200)


def beep_onsets(path):
    graph = "amovie=%s,asetnsamples=n=441,astats=metadata=1:reset=1" % path
    return _onsets(_lavfi_frames(graph, "lavfi.astats.Overall.RMS_level"), -30)


def test_audio_only_call_plays_an_audio_mix(caller):
    sim, me, ev, call = caller
    res = call(audioonly="true")
    streams = ffprobe_json(res["url"] + "-stream", "-show_entries", "stream=codec_name")
    assert [s["codec_name"] for s in streams["streams"]] == ["aac"]
    p = [p for p in sim.conf_state("idle")["participants"] if p["uuid"] == me["participant_uuid"]]
    assert p[0]["is_audio_only_call"] == "YES" and p[0]["is_video_call"] == "NO"


def test_publish_is_received_and_sets_has_media(caller):
    sim, me, ev, call = caller
    res = call()
    p = publisher(res["url"], 3)
    assert p.wait(20) == 0, p.stderr.read()
    ev.wait_for(lambda e: e["event"] == "participant_update"
                and e["data"]["uuid"] == me["participant_uuid"] and e["data"]["has_media"])
    time.sleep(0.5)
    rec = sim.ctl("GET", "/received")[1]
    files = rec[res["call_uuid"]]
    assert files and files[0]["size"] > 10000
    streams = ffprobe_json(files[0]["path"], "-show_entries", "stream=codec_name")["streams"]
    assert sorted(s["codec_name"] for s in streams) == ["aac", "h264"]
    ev.wait_for(lambda e: e["event"] == "participant_update"
                and e["data"]["uuid"] == me["participant_uuid"] and not e["data"]["has_media"]
                and int(e["id"]) > 0)


def test_call_disconnect_drops_publisher(caller):
    sim, me, ev, call = caller
    res = call()
    p = publisher(res["url"], 60)
    try:
        deadline = time.time() + 15
        while time.time() < deadline:
            calls = {c["call_uuid"]: c for c in sim.conf_state("idle")["calls"]}
            if calls[res["call_uuid"]]["publishing"]:
                break
            time.sleep(0.2)
        else:
            raise AssertionError("publisher never registered")
        status, body = sim.api("POST", "idle", "participants/%s/calls/%s/disconnect"
                               % (me["participant_uuid"], res["call_uuid"]), token=me["token"])
        assert body["result"] is True
        e = ev.wait_for("call_disconnected")
        assert e["data"]["call_uuid"] == res["call_uuid"]
        p.wait(10)  # nginx dropped the connection, so ffmpeg ended early
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
            raise AssertionError("publisher still connected after call disconnect")


def test_unknown_stream_names_refused(caller):
    sim, me, ev, call = caller
    res = call()  # no present: receive
    bogus = sim.info["rtmp"] + "/" + str(uuid.uuid4())
    p = publisher(bogus, 5)
    assert p.wait(20) != 0
    for url in (res["url"] + "-presentation", bogus + "-stream"):
        t0 = time.time()
        r = subprocess.run(["ffprobe", "-v", "error", "-rw_timeout", "5000000", url],
                           capture_output=True, timeout=20)
        assert r.returncode != 0 and time.time() - t0 < 3, url  # refused at once


def test_denied_presentation_is_not_played(caller):
    sim, me, ev, call = caller
    res = call(present="receive")
    sim.api("POST", "idle", "participants/%s/denyrxpresentation" % me["participant_uuid"],
            token=me["token"])
    t0 = time.time()
    r = subprocess.run(["ffprobe", "-v", "error", "-rw_timeout", "5000000",
                        res["url"] + "-presentation"], capture_output=True, timeout=20)
    assert r.returncode != 0 and time.time() - t0 < 3  # refused, not waiting for a publisher
    sim.api("POST", "idle", "participants/%s/allowrxpresentation" % me["participant_uuid"],
            token=me["token"])


def test_present_send_makes_presenter(caller):
    sim, me, ev, call = caller
    res = call(present="send")
    p = publisher(res["url"], 5)
    e = ev.wait_for("presentation_start", timeout=15)
    assert e["data"]["presenter_name"] == "Streamer"
    assert e["data"]["presenter_uuid"] == me["participant_uuid"]
    ev.wait_for(lambda e: e["event"] == "participant_update"
                and e["data"]["uuid"] == me["participant_uuid"]
                and e["data"]["is_presenting"] == "YES")
    # snapshots of what is published become presentation frames
    f = ev.wait_for("presentation_frame", timeout=10)
    q = "id=%s&token=%s" % (f["id"], urllib.parse.quote(me["token"], safe=""))
    status, ctype, normal = sim.raw("GET", "/api/client/v2/conferences/idle/presentation.jpeg?" + q)
    assert status == 200 and normal[:2] == b"\xff\xd8"
    status, ctype, high = sim.raw("GET",
                                  "/api/client/v2/conferences/idle/presentation_high.jpeg?" + q)
    assert status == 200 and len(high) > len(normal)
    p.wait(20)
    ev.wait_for("presentation_stop", timeout=10)


def test_kill_hook_and_participant_disconnect_drop_rtmp(caller):
    sim, me, ev, call = caller
    res = call()
    p = publisher(res["url"], 60)
    try:
        deadline = time.time() + 15
        while not {c["call_uuid"]: c for c in sim.conf_state("idle")["calls"]}[
                res["call_uuid"]]["publishing"]:
            assert time.time() < deadline
            time.sleep(0.2)
        dropped = sim.ctl("POST", "/rtmp/kill", {"call_uuid": res["call_uuid"]})[1]["dropped"]
        assert dropped and dropped[0]["call_uuid"] == res["call_uuid"]
        p.wait(10)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    # the call survives a killed connection: publish again, then disconnect the participant
    p = publisher(res["url"], 60)
    try:
        deadline = time.time() + 15
        while not {c["call_uuid"]: c for c in sim.conf_state("idle")["calls"]}[
                res["call_uuid"]]["publishing"]:
            assert time.time() < deadline
            time.sleep(0.2)
        sim.api("POST", "idle", "participants/%s/disconnect" % me["participant_uuid"],
                token=me["token"])
        ev.wait_for("call_disconnected")
        ev.wait_for("disconnect")
        p.wait(10)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()


def test_rtmp_restart_hook(caller):
    sim, me, ev, call = caller
    res = call()
    before = sim.state()["nginx_pid"]
    body = sim.ctl("POST", "/rtmp/restart")[1]
    assert body["restarted"] and body["pid"] != before
    streams = ffprobe_json(res["url"] + "-stream", "-show_entries", "stream=codec_name")
    assert sorted(s["codec_name"] for s in streams["streams"]) == ["aac", "h264"]


def _processes_mentioning(text):
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmd:
            found.append((pid, cmd))
    return found


def test_tls_and_clean_shutdown():
    s = Sim("--tls", "--token-expires", "30")
    try:
        info = s.info
        assert info["http"].startswith("https://127.0.0.1:")
        assert info["rtmps"].startswith("rtmps://127.0.0.1:") and os.path.exists(info["ca_file"])
        lines = s.output().splitlines()
        assert [l.split()[1] for l in lines] == ["http", "rtmp", "rtmps", "control", "ca", "ready"]
        assert lines[0] == "pexsim: http    " + info["http"]
        me = s.join("idle", "Secure")  # verified against the generated CA
        status, body = s.api("POST", "idle", "participants/%s/calls" % me["participant_uuid"],
                             {"call_type": "RTMP"}, token=me["token"])
        res = body["result"]
        assert res["secure_url"] == info["rtmps"] + "/" + res["call_uuid"]
        streams = ffprobe_json(res["secure_url"] + "-stream", "-show_entries",
                               "stream=codec_name")["streams"]
        assert sorted(x["codec_name"] for x in streams) == ["aac", "h264"]
        rtmp_port = info["rtmp"].rsplit(":", 1)[1].split("/")[0]
        workdir = info["workdir"]
        assert _processes_mentioning("127.0.0.1:%s/pexip/_pexsim" % rtmp_port)  # the mix
    finally:
        rc = s.stop()
    assert rc == 0
    time.sleep(0.3)
    assert _processes_mentioning("127.0.0.1:%s/pexip" % rtmp_port) == []
    assert _processes_mentioning(workdir) == []
    assert not os.path.exists(workdir)
    assert not os.path.exists(s.ready_file)

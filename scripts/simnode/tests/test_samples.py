"""The shipped conference config and scenarios are consistent (no simulator needed)."""
import glob
import json
import os
import signal
import subprocess
import sys
import time

from simclient import REPO, Sim

sys.path.insert(0, os.path.join(REPO, "scripts", "simnode"))
import scenario  # noqa: E402

SAMPLES = os.path.join(REPO, "samples")


def test_config_names_the_required_conferences():
    with open(os.path.join(SAMPLES, "conferences.json")) as f:
        confs = json.load(f)["conferences"]
    assert {"demo", "secure", "reception", "quick", "locked", "idle"} <= set(confs)
    assert confs["secure"]["host_pin"] == "1234" and confs["secure"]["guest_pin"] == "5678"
    assert confs["locked"]["locked"] is True
    assert confs["reception"]["reception"] is True
    for c in confs.values():
        if c.get("scenario"):
            assert os.path.exists(os.path.join(SAMPLES, c["scenario"]))


def test_scenarios_are_consistent():
    files = glob.glob(os.path.join(SAMPLES, "scenarios", "*.json"))
    assert len(files) >= 2
    for path in files:
        with open(path) as f:
            sc = json.load(f)
        scenario.validate(sc)
        present, prev, presenting, frames = set(), 0.0, False, 0
        for a in sc["actions"]:
            at = float(a.get("at", prev + float(a.get("wait", 0))))
            assert at >= prev, (path, a)
            prev = at
            kind = a["action"]
            if kind == "join":
                assert a["name"] not in present, (path, a)
                present.add(a["name"])
            for key in ("who", "from"):
                if key in a:
                    assert a[key] in present, (path, a)
            if kind == "leave":
                present.discard(a["who"])
            if kind in ("stage", "vad"):
                assert set(a.get("order", [])) <= present, (path, a)
            if kind == "presentation_start":
                presenting = True
            if kind in ("slide", "noisy", "repeat"):
                assert presenting, (path, a)
                assert 1 <= int(a.get("n", 1)) <= 8
                frames += 1
            if kind == "presentation_stop":
                presenting = False
        assert sc["actions"][-1]["action"] == "end", path
    with open(os.path.join(SAMPLES, "scenarios", "demo.json")) as f:
        assert 50 <= json.load(f)["actions"][-1]["at"] <= 75
    with open(os.path.join(SAMPLES, "scenarios", "quick.json")) as f:
        assert json.load(f)["actions"][-1]["at"] <= 25


def test_sigint_stops_cleanly():
    s = Sim()
    workdir = s.info["workdir"]
    s.proc.send_signal(signal.SIGINT)
    assert s.stop() == 0
    assert not os.path.exists(workdir)


def test_bad_scenario_is_refused(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"actions": [{"at": 1, "action": "dance"}]}))
    r = subprocess.run([os.path.join(REPO, "scripts", "sim"), "--http-port", "0",
                        "--rtmp-port", "0", "--scenario", str(bad)],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode != 0 and "dance" in r.stderr

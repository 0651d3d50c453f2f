"""request_token / refresh_token / release_token, PINs, receptions, expiry."""
import time
import urllib.parse

# the spec's request_token example, field by field (name -> type)
SPEC_TOKEN_FIELDS = {
    "token": str, "expires": str, "participant_uuid": str, "display_name": str,
    "stun": list, "analytics_enabled": bool, "version": dict, "role": str,
    "service_type": str, "chat_enabled": bool, "current_service_type": str,
}


def test_request_token_matches_spec(sim):
    status, body = sim.api("POST", "idle", "request_token", {"display_name": "Alice"})
    assert status == 200 and body["status"] == "success"
    r = body["result"]
    for k, t in SPEC_TOKEN_FIELDS.items():
        assert isinstance(r[k], t), k
    assert r["display_name"] == "Alice"
    assert r["expires"] == "120"
    assert r["role"] == "HOST"
    assert r["service_type"] == "conference" and r["current_service_type"] == "conference"
    assert set(r["version"]) == {"pseudo_version", "version_id"}
    assert r["stun"][0]["url"].startswith("stun:")
    assert r["token"].endswith("%3D")  # real tokens carry a percent-encoded padding
    sim.api("POST", "idle", "release_token", token=r["token"])


def test_pin_required_invalid_and_roles(sim):
    status, body = sim.api("POST", "secure", "request_token", {"display_name": "X"})
    assert status == 403
    assert body == {"status": "success", "result": {"pin": "required", "guest_pin": "required"}}
    status, body = sim.api("POST", "secure", "request_token", {"display_name": "X"},
                           headers={"pin": "9999"})
    assert (status, body["result"]) == (403, "Invalid PIN")
    status, body = sim.api("POST", "secure", "request_token", {"display_name": "X"},
                           headers={"pin": "none"})
    assert (status, body["result"]) == (403, "Invalid PIN")
    host = sim.join("secure", "H", pin="1234")
    guest = sim.join("secure", "G", pin="5678")
    assert host["role"] == "HOST" and guest["role"] == "GUEST"
    for t in (host, guest):
        sim.api("POST", "secure", "release_token", token=t["token"])


def test_host_pin_only_guests_need_no_pin(sim):
    status, body = sim.api("POST", "hostonly", "request_token", {"display_name": "X"})
    assert (status, body["result"]) == (403, {"pin": "required", "guest_pin": "none"})
    g = sim.join("hostonly", "G", pin="none")
    assert g["role"] == "GUEST"
    sim.api("POST", "hostonly", "release_token", token=g["token"])


def test_unknown_conference(sim):
    status, body = sim.api("POST", "nosuchroom", "request_token", {"display_name": "X"})
    assert status == 404
    assert body == {"status": "success", "result": "Neither conference nor gateway found"}
    status, body = sim.api("GET", "nosuchroom", "conference_status", token="x")
    assert status == 404


def test_virtual_reception(sim):
    status, body = sim.api("POST", "reception", "request_token", {"display_name": "X"})
    assert (status, body["result"]) == (403, {"conference_extension": "standard"})
    status, body = sim.api("POST", "reception-node", "request_token", {"display_name": "X"})
    assert (status, body["result"]) == (403, {"conference_extension": "required",
                                              "conference_extension_type": "standard"})
    status, body = sim.api("POST", "reception", "request_token",
                           {"display_name": "X", "conference_extension": "nowhere"})
    assert status == 404
    r = sim.join("reception", "Via", body={"conference_extension": "demo"})
    demo = sim.conf_state("demo")
    assert r["participant_uuid"] in [p["uuid"] for p in demo["participants"]]
    # the token works on the reception alias it entered through and on the target alias
    assert sim.api("GET", "reception", "conference_status", token=r["token"])[0] == 200
    assert sim.api("GET", "demo", "conference_status", token=r["token"])[0] == 200
    sim.api("POST", "demo", "release_token", token=r["token"])
    assert not sim.conf_state("demo")["meeting_running"]


def test_reception_to_pin_protected_target(sim):
    status, body = sim.api("POST", "reception", "request_token",
                           {"display_name": "X", "conference_extension": "secure"})
    assert (status, body["result"]["pin"]) == (403, "required")
    r = sim.join("reception", "X", pin="5678", body={"conference_extension": "secure"})
    assert r["role"] == "GUEST"
    sim.api("POST", "secure", "release_token", token=r["token"])


def test_refresh_invalidates_old_token(sim):
    r = sim.join("idle", "R")
    status, body = sim.api("POST", "idle", "refresh_token", token=r["token"])
    assert status == 200
    new = body["result"]
    assert isinstance(new["token"], str) and new["expires"] == "120"
    assert new["token"] != r["token"]
    status, body = sim.api("GET", "idle", "conference_status", token=r["token"])
    assert (status, body) == (403, {"status": "success", "result": "Invalid token"})
    assert sim.api("GET", "idle", "conference_status", token=new["token"])[0] == 200
    sim.api("POST", "idle", "release_token", token=new["token"])


def test_token_forms_and_release_by_query(sim):
    r = sim.join("idle", "Q")
    decoded = urllib.parse.unquote(r["token"])
    assert sim.api("GET", "idle", "conference_status", token=decoded)[0] == 200
    q = urllib.parse.quote(r["token"], safe="")
    status, _ = sim.req("POST", "/api/client/v2/conferences/idle/release_token?token=" + q)
    assert status == 200
    uuids = [p["uuid"] for p in sim.conf_state("idle")["participants"]]
    assert r["participant_uuid"] not in uuids
    assert sim.api("GET", "idle", "conference_status", token=r["token"])[0] == 403


def test_release_emits_participant_delete(sim):
    a = sim.join("idle", "A")
    b = sim.join("idle", "B")
    ev = sim.events("idle", a["token"])
    ev.wait_for("participant_sync_end")
    sim.api("POST", "idle", "release_token", token=b["token"])
    e = ev.wait_for(lambda e: e["event"] == "participant_delete")
    assert e["data"] == {"uuid": b["participant_uuid"]}
    ev.close()
    sim.api("POST", "idle", "release_token", token=a["token"])


def test_refresh_failure_hook(sim):
    r = sim.join("idle", "F")
    sim.ctl("POST", "/refresh/fail", {"count": 2, "status": 503})
    assert sim.api("POST", "idle", "refresh_token", token=r["token"])[0] == 503
    assert sim.api("POST", "idle", "refresh_token", token=r["token"])[0] == 503
    status, body = sim.api("POST", "idle", "refresh_token", token=r["token"])
    assert status == 200
    sim.api("POST", "idle", "release_token", token=body["result"]["token"])


def test_tokens_expire_and_end_participant(short_sim):
    s = short_sim
    a = s.join("idle", "Keeper")
    b = s.join("idle", "Expirer")
    assert a["expires"] == "3"
    ev = s.events("idle", a["token"])
    time.sleep(1.5)
    a2 = s.api("POST", "idle", "refresh_token", token=a["token"])[1]["result"]
    time.sleep(1.5)
    a3 = s.api("POST", "idle", "refresh_token", token=a2["token"])[1]["result"]
    e = ev.wait_for(lambda e: e["event"] == "participant_delete"
                    and e["data"]["uuid"] == b["participant_uuid"], timeout=3)
    assert e
    status, body = s.api("GET", "idle", "conference_status", token=b["token"])
    assert (status, body["result"]) == (403, "Invalid token")
    assert s.api("GET", "idle", "conference_status", token=a3["token"])[0] == 200
    uuids = [p["uuid"] for p in s.conf_state("idle")["participants"]]
    assert b["participant_uuid"] not in uuids and a["participant_uuid"] in uuids
    ev.close()
    s.api("POST", "idle", "release_token", token=a3["token"])


def test_cors_preflight(sim):
    status, _, _ = sim.raw("OPTIONS", "/api/client/v2/conferences/idle/request_token",
                           headers={"Origin": "http://example.com",
                                    "Access-Control-Request-Method": "POST"})
    assert status == 204


def test_current_node_style(sim):
    r = sim.join("current", "Modern")
    assert "service_type" not in r and r["current_service_type"] == "conference"
    assert r["version"]["version_id"] == "35" and r["guests_can_present"] is True
    b = sim.join("current", "Other")
    ev = sim.events("current", b["token"])
    ev.wait_for("stage")
    sim.api("POST", "current", "message", {"type": "text/plain", "payload": "new"},
            token=r["token"])
    assert ev.wait_for("message_received")["data"]["direct"] is False
    ev.close()
    for t in (r, b):
        sim.api("POST", "current", "release_token", token=t["token"])

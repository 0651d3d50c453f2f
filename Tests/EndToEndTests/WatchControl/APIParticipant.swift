import Foundation

/// A participant joined straight over HTTP (not through pexrtmp), for the tests to act on:
/// someone to transfer, to admit from the waiting room, or with a call element.
struct APIParticipant {
    let base: String
    let uuid: String
    let token: String

    /// `request_token` on `alias`, with a `pin` header when given.
    init(node: String, conference alias: String, name: String, pin: String? = nil) throws {
        base = node + "/api/client/v2/conferences/" + alias
        let headers = pin.map { ["pin": $0] } ?? [:]
        let answer = try HTTPJSON.request("POST", base + "/request_token", body: ["display_name": name], headers: headers)
        let result = (answer as? [String: Any])?["result"] as? [String: Any]
        guard let uuid = result?["participant_uuid"] as? String, let token = result?["token"] as? String else {
            throw SimulatorFailure("request_token for \(name) on \(alias) gave no token: \(answer)")
        }
        self.uuid = uuid
        self.token = token
    }

    /// Adds a WebRTC call element (no media in the simulator) and returns its uuid.
    func addCall() throws -> String {
        let answer = try HTTPJSON.request("POST", base + "/participants/\(uuid)/calls",
                                          body: ["call_type": "WEBRTC", "sdp": "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"],
                                          headers: ["token": token])
        guard let call = ((answer as? [String: Any])?["result"] as? [String: Any])?["call_uuid"] as? String else {
            throw SimulatorFailure("calls gave no call_uuid: \(answer)")
        }
        return call
    }

    func release() {
        _ = try? HTTPJSON.raw("POST", base + "/release_token", headers: ["token": token])
    }
}

extension SimulatedNode {
    /// The simulator's participant objects for one conference.
    func participants(_ alias: String) throws -> [[String: Any]] {
        try conferenceState(alias)["participants"] as? [[String: Any]] ?? []
    }

    func participant(_ alias: String, uuid: String) throws -> [String: Any]? {
        try participants(alias).first { $0["uuid"] as? String == uuid }
    }

    func participant(_ alias: String, named name: String) throws -> [String: Any]? {
        try participants(alias).first { $0["display_name"] as? String == name }
    }

    /// Polls the conference state until `predicate` holds (the node applies some changes a moment later).
    func waitForState(_ alias: String, timeout: TimeInterval = 5, _ predicate: ([String: Any]) -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if predicate(try conferenceState(alias)) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        return false
    }
}

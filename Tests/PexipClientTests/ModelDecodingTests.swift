import XCTest
@testable import PexipClient

final class ModelDecodingTests: XCTestCase {
    private func result<T: Decodable>(_ body: String, as type: T.Type) throws -> T {
        let value = try ResponseMapper.result(of: FakeTransport.status(200, body), alias: "meet")
        return try ResponseMapper.decode(value, as: type)
    }

    private func decode<T: Decodable>(_ json: String, as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    func testSpecTokenGrant() throws {
        let grant = try result(SpecExamples.requestTokenResponse, as: TokenGrant.self)
        XCTAssertEqual(grant.token, "SE9TVAltZ...etc...zNiZjlmNjFhMTlmMTJiYTE%3D")
        XCTAssertEqual(grant.expires, 120)
        XCTAssertEqual(grant.participantUUID, "2c34f35f-1060-438c-9e87-6c2dffbc9980")
        XCTAssertEqual(grant.displayName, "Alice")
        XCTAssertEqual(grant.stun, [StunServer(url: "stun:stun.l.google.com:19302")])
        XCTAssertEqual(grant.analyticsEnabled, true)
        XCTAssertEqual(grant.version?.pseudoVersion, "25010.0.0")
        XCTAssertEqual(grant.version?.versionID, "10")
        XCTAssertEqual(grant.role, .host)
        XCTAssertEqual(grant.serviceType, .conference)
        XCTAssertEqual(grant.chatEnabled, true)
        XCTAssertEqual(grant.currentServiceType, .conference)
    }

    func testTokenGrantRealNodeVariants() throws {
        let numeric = try decode(#"{"token": "t", "expires": 90, "participant_uuid": "p", "role": "guest"}"#,
                                 as: TokenGrant.self)
        XCTAssertEqual(numeric.expires, 90)
        XCTAssertEqual(numeric.role, .guest)
        let missing = try decode(#"""
            {"token": "t", "participant_uuid": "p", "role": "GUEST",
            "current_service_type": "waiting_room", "conference_name": "Meet", "service_name": "x",
            "call_type": "api", "guests_can_present": true, "fecc_enabled": false, "direct_media": false,
            "call_tag": "", "turn": [{"urls": ["turn:x"]}], "rtmp_enabled": true, "brand_new": {"a": 1}}
            """#,
                                 as: TokenGrant.self)
        XCTAssertEqual(missing.expires, 120)
        XCTAssertEqual(missing.role, .guest)
        XCTAssertNil(missing.serviceType)
        XCTAssertEqual(missing.currentServiceType, .waitingRoom)
        XCTAssertEqual(missing.conferenceName, "Meet")
        XCTAssertEqual(missing.guestsCanPresent, true)
        XCTAssertEqual(missing.rtmpEnabled, true)
        let fractional = try decode(#"{"token": "t", "expires": "119.5", "participant_uuid": "p"}"#, as: TokenGrant.self)
        XCTAssertEqual(fractional.expires, 119.5)
    }

    func testSpecRefresh() throws {
        let refresh = try result(SpecExamples.refreshTokenResponse, as: TokenRefresh.self)
        XCTAssertEqual(refresh.token, "SE9TVAltZ...etc...jQ4YTVmMzM3MDMwNDFlNjI%3D")
        XCTAssertEqual(refresh.expires, 120)
        XCTAssertNil(refresh.role)
        let withRole = try decode(#"{"token": "n", "expires": 60, "role": "HOST"}"#, as: TokenRefresh.self)
        XCTAssertEqual(withRole.role, .host)
    }

    func testSpecParticipant() throws {
        let p = try decode(SpecExamples.participant, as: Participant.self)
        XCTAssertEqual(p.uuid, "50b956c8-9a63-4711-8630-3810f8666b04")
        XCTAssertEqual(p.apiURL, "/participants/50b956c8-9a63-4711-8630-3810f8666b04")
        XCTAssertEqual(p.callDirection, "in")
        XCTAssertEqual(p.displayName, "Alice")
        XCTAssertEqual(p.encryption, "On")
        XCTAssertEqual(p.hasMedia, false)
        XCTAssertEqual(p.isAudioOnlyCall, false)
        XCTAssertEqual(p.isExternal, false)
        XCTAssertEqual(p.isMuted, false)
        XCTAssertEqual(p.isPresenting, false)
        XCTAssertEqual(p.isStreamingConference, false)
        XCTAssertEqual(p.isVideoCall, true)
        XCTAssertEqual(p.localAlias, "meet.alice")
        XCTAssertEqual(p.overlayText, "Alice")
        XCTAssertEqual(p.presentationSupported, false)
        XCTAssertEqual(p.protocol, "api")
        XCTAssertEqual(p.role, .host)
        XCTAssertEqual(p.rxPresentationPolicy, "ALLOW")
        XCTAssertTrue(p.canReceivePresentation)
        XCTAssertEqual(p.serviceType, .conference)
        XCTAssertEqual(p.spotlight, 0)
        XCTAssertFalse(p.isSpotlighted)
        XCTAssertEqual(p.startTime, 1441720992)
        XCTAssertEqual(p.joinedAt, Date(timeIntervalSince1970: 1441720992))
        XCTAssertEqual(p.uri, "Infinity_Connect_10.44.21.35")
        XCTAssertTrue(p.vendor?.hasPrefix("Pexip Infinity Connect/2.0.0") ?? false)
    }

    func testParticipantRealNodeVariants() throws {
        let p = try decode(#"""
            {"uuid": "u1", "role": "GUEST", "is_muted": "YES", "is_presenting": "YES", "is_video_call": "NO",
             "is_video_muted": true, "is_client_muted": "NO", "buzz_time": 0, "call_tag": "tag", "is_held": false,
             "is_recording": "YES", "start_time": 1441720992.625, "spotlight": 1441721000.5,
             "rx_presentation_policy": "DENY", "service_type": "breakout_room", "new_field": [1, 2]}
            """#, as: Participant.self)
        XCTAssertEqual(p.role, .guest)
        XCTAssertEqual(p.isMuted, true)
        XCTAssertEqual(p.isPresenting, true)
        XCTAssertEqual(p.isVideoCall, false)
        XCTAssertEqual(p.isVideoMuted, true)
        XCTAssertEqual(p.isClientMuted, false)
        XCTAssertEqual(p.buzzTime, 0)
        XCTAssertEqual(p.callTag, "tag")
        XCTAssertEqual(p.isHeld, false)
        XCTAssertEqual(p.isRecording, true)
        XCTAssertEqual(p.startTime, 1441720992.625)
        XCTAssertEqual(p.spotlight, 1441721000.5)
        XCTAssertTrue(p.isSpotlighted)
        XCTAssertFalse(p.canReceivePresentation)
        XCTAssertEqual(p.serviceType?.rawValue, "breakout_room")

        let minimal = try decode(#"{"uuid": "u2"}"#, as: Participant.self)
        XCTAssertEqual(minimal, Participant(uuid: "u2"))
        XCTAssertThrowsError(try decode(#"{"display_name": "no uuid"}"#, as: Participant.self))
        XCTAssertEqual(try decode(#"{"uuid": "u3", "role": "chair"}"#, as: Participant.self).role, .host)
        XCTAssertEqual(try decode(#"{"uuid": "u3", "role": "HOST"}"#, as: Participant.self).role, .host)
        XCTAssertEqual(try decode(#"{"uuid": "u3", "role": "observer"}"#, as: Participant.self).role, .other("observer"))
    }

    func testSpecConferenceStatus() throws {
        let status = try result(SpecExamples.conferenceStatusResponse, as: ConferenceStatus.self)
        XCTAssertEqual(status, ConferenceStatus(locked: false, guestsMuted: false))
    }

    func testSpecCallAnswers() throws {
        let webRTC = try result(SpecExamples.webRTCCallResponse, as: CallAnswer.self)
        XCTAssertEqual(webRTC, CallAnswer(callUUID: "50ed679d-c622-4c0e-b251-e217f2aa030b", sdp: "..."))
        let rtmp = try result(SpecExamples.rtmpCallResponse, as: CallAnswer.self)
        XCTAssertEqual(rtmp.callUUID, "50ed679d-c622-4c0e-b251-e217f2aa030b")
        XCTAssertEqual(rtmp.url, "rtmp://10.0.0.1:40002/pexip/50ed679d-c622-4c0e-b251-e217f2aa030b")
        XCTAssertEqual(rtmp.secureURL, "rtmps://hostname.domain:40003/pexip/50ed679d-c622-4c0e-b251-e217f2aa030b")
        XCTAssertNil(rtmp.sdp)
    }

    func testSpecDialResult() throws {
        XCTAssertEqual(try result(SpecExamples.dialResponse, as: [String].self),
                       ["977fcd1c-8e3c-4dcf-af45-e536b77af088"])
    }

    func testJSONValueRoundTrip() throws {
        let value = try XCTUnwrap(JSONValue(json: #"{"a": [1, "x", true, null, {"b": 2.5}]}"#))
        let again = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        XCTAssertEqual(value, again)
        XCTAssertNil(JSONValue(json: "not json"))
    }
}

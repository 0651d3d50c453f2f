import Foundation

/// The JSON examples of pexip-client-api-v2.txt, copied as they appear (typographic quotes
/// fixed; the participant example, printed without commas in the spec, has them added).
enum SpecExamples {
    static let requestTokenBody = #"{"display_name": "Alice"}"#

    static let requestTokenResponse = #"""
    {"status": "success", "result":
    {"token": "SE9TVAltZ...etc...zNiZjlmNjFhMTlmMTJiYTE%3D",
    "expires": "120",
    "participant_uuid": "2c34f35f-1060-438c-9e87-6c2dffbc9980",
    "display_name": "Alice",
    "stun": [{"url": "stun:stun.l.google.com:19302"}],
    "analytics_enabled": true,
    "version": {"pseudo_version": "25010.0.0", "version_id": "10"},
    "role": "HOST",
    "service_type": "conference",
    "chat_enabled": true,
    "current_service_type": "conference"}}
    """#

    static let refreshTokenResponse = #"""
    {"status": "success", "result":
    {"token": "SE9TVAltZ...etc...jQ4YTVmMzM3MDMwNDFlNjI%3D",
    "expires": "120"}}
    """#

    static let dialBody = #"{"role": "guest", "destination": "bob@example.com", "protocol": "sip", "source_display_name": "Alice"}"#

    static let dialResponse = #"{"status": "success", "result": ["977fcd1c-8e3c-4dcf-af45-e536b77af088"]}"#

    static let conferenceStatusResponse = #"""
    {"status": "success", "result":
    {"guests_muted": false, "locked": false}}
    """#

    static let messageBody = #"{"type": "text/plain", "payload": "Hello World"}"#

    static let dtmfBody = #"{"digits": "1234"}"#

    static let webRTCCallBody = #"{"call_type": "WEBRTC", "sdp": "..."}"#

    static let webRTCCallResponse = #"""
    {"status": "success", "result": {
    "call_uuid": "50ed679d-c622-4c0e-b251-e217f2aa030b",
    "sdp": "..."}}
    """#

    static let rtmpCallBody = #"{"call_type": "RTMP"}"#

    static let rtmpCallResponse = #"""
    {"status": "success", "result": {
    "call_uuid": "50ed679d-c622-4c0e-b251-e217f2aa030b",
    "url": "rtmp://10.0.0.1:40002/pexip/50ed679d-c622-4c0e-b251-e217f2aa030b",
    "secure_url": "rtmps://hostname.domain:40003/pexip/50ed679d-c622-4c0e-b251-e217f2aa030b"}}
    """#

    static let roleBody = #"{"role": "chair"}"#

    static let transferBody = #"{"role": "guest", "conference_alias": "meet@example.com", "pin": "1234"}"#

    // MARK: events

    static let presentationStart = #"{"presenter_name": "Bob", "presenter_uri": "bob@example.com"}"#

    static let participant = #"""
    {"api_url": "/participants/50b956c8-9a63-4711-8630-3810f8666b04",
    "call_direction": "in",
    "display_name": "Alice",
    "encryption": "On",
    "has_media": false,
    "is_audio_only_call": "NO",
    "is_external": false,
    "is_muted": "NO",
    "is_presenting": "NO",
    "is_streaming_conference": false,
    "is_video_call": "YES",
    "local_alias": "meet.alice",
    "overlay_text": "Alice",
    "presentation_supported": "NO",
    "protocol": "api",
    "role": "chair",
    "rx_presentation_policy": "ALLOW",
    "service_type": "conference",
    "spotlight": 0,
    "start_time": 1441720992,
    "uri": "Infinity_Connect_10.44.21.35",
    "uuid": "50b956c8-9a63-4711-8630-3810f8666b04",
    "vendor": "Pexip Infinity Connect/2.0.0-25227.0.0 (Windows NT 6.1; WOW64) nwjs/0.12.2 Chrome/41.0.2272.76"}
    """#

    static let participantDelete = #"{"uuid": "65b4af2f-657a-4081-98a8-b17667628ce3"}"#

    static let conferenceUpdate = #"{"locked": false, "guests_muted": false}"#

    static let layout = #"""
    {"view": "1:7",
    "participants": ["a0196175-b462-48a1-b95c-f322c3af57c1", "65b4af2f-657a-4081-98a8-b17667628ce3"]}
    """#

    static let message = #"""
    {"origin": "Alice",
    "type": "text/plain",
    "payload": "Hello World",
    "uuid": "eca55900-274d-498c-beba-2169aad9ce1f"}
    """#

    static let stage = #"""
    [
    {"stage_index": 0,
    "participant_uuid": "a0196175-b462-48a1-b95c-f322c3af57c1",
    "vad": 0},
    {"stage_index": 1,
    "participant_uuid": "65b4af2f-657a-4081-98a8-b17667628ce3",
    "vad": 0}
    ]
    """#

    static let callDisconnected = #"""
    {"call_uuid": "50ed679d-c622-4c0e-b251-e217f2aa030b",
    "reason": "API initiated participant disconnect"}
    """#

    static let disconnect = #"{"reason": "API initiated participant disconnect"}"#
}

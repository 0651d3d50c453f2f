/// When a new segment begins. A segment may start only where a player can start: on a video
/// keyframe, or on any packet when the recording has no video. It starts there when there is
/// no segment yet, when a cut is forced (new tracks after a reconnect, new codec parameters, a
/// gap), or when the current segment has lasted `segmentDuration`.
struct CutRule {
    var segmentDuration: Int64

    func shouldCut(isVideo: Bool, isKeyframe: Bool, recordingHasVideo: Bool,
                   segmentElapsed: Int64?, forced: Bool) -> Bool {
        let canStartHere = recordingHasVideo ? (isVideo && isKeyframe) : true
        guard let elapsed = segmentElapsed else { return canStartHere }
        return canStartHere && (forced || elapsed >= segmentDuration)
    }
}

/// When the current part (fragment) is flushed to disk: once it spans `partDuration` of media,
/// or once it has waited that long in wall-clock time (a stalled stream still reaches the disk).
struct PartRule {
    var partDuration: Int64
    var partWallDuration: Double

    func isDue(_ part: Part, nextDTS: Int64) -> Bool {
        guard let start = part.startDTS else { return false }
        return nextDTS - start >= partDuration
    }

    func isDueByClock(_ part: Part, now: Double) -> Bool {
        guard part.packets > 0 else { return false }
        return now - part.startWallTime >= partWallDuration
    }
}

/// `manifest.json` of one pull folder, in exactly the schema Companion's `Manifest` reads and
/// writes (so `pexrtmp concat` joins pull folders): version, tool, sources, started_at,
/// ended_at, end_reason, tracks → segments and gaps, presentations (always empty here).
struct PullManifest: Sendable, Equatable {
    struct Segment: Sendable, Equatable {
        var file: String
        var start: Double
        var duration: Double
        var gapBefore: Double
        var complete: Bool
    }

    struct Gap: Sendable, Equatable {
        var start: Double
        var duration: Double
        var reason: String
    }

    var tool = "pexrtmp pull"
    var sources: [String]
    var startedAt: String
    var endedAt: String?
    var endReason: String?
    /// The one track of a pull folder, named after the folder.
    var track: String
    var segments: [Segment] = []
    var gaps: [Gap] = []

    /// Adds or replaces the segment whose file name matches; a new segment after a gap notes it.
    mutating func record(_ segment: Segment) {
        if let index = segments.lastIndex(where: { $0.file == segment.file }) {
            segments[index] = segment
            return
        }
        segments.append(segment)
        if segment.gapBefore > 0 {
            gaps.append(Gap(start: segment.start - segment.gapBefore, duration: segment.gapBefore,
                            reason: "connection dropped"))
        }
    }

    /// Pretty-printed JSON with sorted keys, as Companion's encoder writes it.
    var json: String {
        var out = JSONText(pretty: true)
        out.object { root in
            if let endReason { root.member("end_reason", string: endReason) }
            if let endedAt { root.member("ended_at", string: endedAt) }
            root.member("presentations") { $0.array { _ in } }
            root.member("sources") { value in value.array { list in sources.forEach { list.element(string: $0) } } }
            root.member("started_at", string: startedAt)
            root.member("tool", string: tool)
            root.member("tracks") { value in
                value.object { tracks in
                    tracks.member(track) { value in
                        value.object { entry in
                            entry.member("gaps") { value in
                                value.array { list in
                                    for gap in gaps {
                                        list.element { $0.object { g in
                                            g.member("duration", number: gap.duration)
                                            g.member("reason", string: gap.reason)
                                            g.member("start", number: gap.start)
                                        } }
                                    }
                                }
                            }
                            entry.member("segments") { value in
                                value.array { list in
                                    for segment in segments {
                                        list.element { $0.object { s in
                                            s.member("complete", bool: segment.complete)
                                            s.member("duration", number: segment.duration)
                                            s.member("file", string: segment.file)
                                            s.member("gap_before", number: segment.gapBefore)
                                            s.member("start", number: segment.start)
                                        } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            root.member("version", number: 1)
        }
        return out.text + "\n"
    }
}

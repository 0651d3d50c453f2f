/// Where whole FLV tags go: an RTMP connection in a publish, a file or a buffer in tests.
public protocol FLVTagSink: AnyObject {
    /// Takes one whole, aligned FLV tag. Returns false when the tag could not be delivered.
    func writeTag(_ tag: UnsafeRawBufferPointer) -> Bool
}

extension RTMPConnection: FLVTagSink {
    public func writeTag(_ tag: UnsafeRawBufferPointer) -> Bool { write(tag) }
}

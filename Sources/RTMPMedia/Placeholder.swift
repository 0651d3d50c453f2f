import CFFmpeg
import CRTMP
enum RTMPMediaPlaceholder {
    static func versions() -> (UInt32, Int32) { (avformat_version(), RTMP_LibVersion()) }
    static let eof = pex_averror_eof()
}

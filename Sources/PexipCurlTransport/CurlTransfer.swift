import CCurl
import Foundation
import PexipClient
import Synchronization

/// One request on one curl easy handle. Owns the handle, the header list and the request body;
/// `deinit` frees them. The transfer runs on its own thread; its callbacks find this object
/// through an unretained pointer that stays valid because the thread holds a strong reference.
final class CurlTransfer: @unchecked Sendable {
    private struct State {
        var head: CheckedContinuation<HTTPStream, any Error>?
        var headerLines: [String] = []
        var cancelled = false
    }

    private let curl: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let requestBody: Data
    private let url: String
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    private let state = Mutex(State())
    private let body: AsyncThrowingStream<Data, any Error>
    private let bodyContinuation: AsyncThrowingStream<Data, any Error>.Continuation

    init(request: HTTPRequest, caBundle: Data?, insecure: Bool) throws {
        guard let handle = curl_easy_init() else { throw PexipError.transport("libcurl could not start a request") }
        curl = handle
        url = request.url.absoluteString
        requestBody = request.body ?? Data()
        errorBuffer.initialize(to: 0)
        (body, bodyContinuation) = AsyncThrowingStream.makeStream(of: Data.self)
        configure(request, caBundle: caBundle, insecure: insecure)
    }

    deinit {
        curl_easy_cleanup(curl)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    private func configure(_ request: HTTPRequest, caBundle: Data?, insecure: Bool) {
        pex_curl_set_string(curl, CURLOPT_URL, url)
        pex_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
        pex_curl_set_pointer(curl, CURLOPT_ERRORBUFFER, errorBuffer)
        let timeoutMilliseconds = max(1000, Int(request.timeout * 1000))
        pex_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT_MS, timeoutMilliseconds)
        // "No progress for `timeout`" rather than a cap on the whole (streaming) transfer.
        pex_curl_set_long(curl, CURLOPT_LOW_SPEED_LIMIT, 1)
        pex_curl_set_long(curl, CURLOPT_LOW_SPEED_TIME, max(1, Int(request.timeout.rounded(.up))))
        if request.method == .post {
            pex_curl_set_long(curl, CURLOPT_POST, 1)
            requestBody.withUnsafeBytes { bytes in
                // COPYPOSTFIELDS copies, so the Data may go away.
                pex_curl_set_offset(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
                pex_curl_set_pointer(curl, CURLOPT_COPYPOSTFIELDS,
                                     UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(errorBuffer)))
            }
        } else {
            pex_curl_set_long(curl, CURLOPT_HTTPGET, 1)
        }
        for (name, value) in request.headers {
            headerList = curl_slist_append(headerList, "\(name): \(value)")
        }
        // curl adds "Expect: 100-continue" to larger POSTs; the node does not need it.
        headerList = curl_slist_append(headerList, "Expect:")
        pex_curl_set_pointer(curl, CURLOPT_HTTPHEADER, headerList)
        if let caBundle {
            caBundle.withUnsafeBytes { bytes in
                _ = pex_curl_set_ca_blob(curl, UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
            }
        }
        if insecure {
            pex_curl_set_long(curl, CURLOPT_SSL_VERIFYPEER, 0)
            pex_curl_set_long(curl, CURLOPT_SSL_VERIFYHOST, 0)
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        pex_curl_set_pointer(curl, CURLOPT_HEADERDATA, context)
        pex_curl_set_data_callback(curl, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            return transfer.receivedHeader(UnsafeRawBufferPointer(start: data, count: size * count))
        }
        pex_curl_set_pointer(curl, CURLOPT_WRITEDATA, context)
        pex_curl_set_data_callback(curl, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            return transfer.receivedBody(UnsafeRawBufferPointer(start: data, count: size * count))
        }
        pex_curl_set_long(curl, CURLOPT_NOPROGRESS, 0)
        pex_curl_set_pointer(curl, CURLOPT_XFERINFODATA, context)
        pex_curl_set_progress_callback(curl) { context, _, _, _, _ in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            return transfer.isCancelled ? 1 : 0
        }
    }

    /// Starts the transfer; returns once the status line and headers are in.
    func start() async throws -> HTTPStream {
        try await withCheckedThrowingContinuation { continuation in
            state.withLock { $0.head = continuation }
            bodyContinuation.onTermination = { [weak self] _ in self?.cancel() }
            Thread.detachNewThread { [self] in perform() }
        }
    }

    func cancel() {
        state.withLock { $0.cancelled = true }
    }

    private var isCancelled: Bool { state.withLock { $0.cancelled } }

    private func perform() {
        let code = curl_easy_perform(curl)
        if code == CURLE_OK {
            resumeHead()  // a body-less answer
            bodyContinuation.finish()
            return
        }
        let error = failure(code)
        let pending = state.withLock { state -> CheckedContinuation<HTTPStream, any Error>? in
            defer { state.head = nil }
            return state.head
        }
        if let pending {
            pending.resume(throwing: error)
        }
        bodyContinuation.finish(throwing: error)
    }

    private func failure(_ code: CURLcode) -> any Error {
        if isCancelled { return CancellationError() }
        let detail = String(cString: errorBuffer)
        let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        switch code {
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE:
            return PexipError.transport("the node's TLS certificate could not be verified (\(text)); "
                + "trust its CA with --ca-file FILE")
        case CURLE_OPERATION_TIMEDOUT:
            return PexipError.transport("timed out: \(text)")
        default:
            return PexipError.transport(text)
        }
    }

    private func receivedHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.isEmpty {
            // End of one header block; 1xx and redirects are followed by another.
            if pex_curl_response_code(curl) >= 200 { resumeHead() }
        } else if line.hasPrefix("HTTP/") {
            state.withLock { $0.headerLines = [] }
        } else {
            state.withLock { $0.headerLines.append(line) }
        }
        return bytes.count
    }

    private func receivedBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        if isCancelled { return 0 }  // makes curl abort with CURLE_WRITE_ERROR
        resumeHead()
        bodyContinuation.yield(Data(bytes))
        return bytes.count
    }

    private func resumeHead() {
        let (pending, lines) = state.withLock { state -> (CheckedContinuation<HTTPStream, any Error>?, [String]) in
            defer { state.head = nil }
            return (state.head, state.headerLines)
        }
        guard let pending else { return }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        pending.resume(returning: HTTPStream(status: Int(pex_curl_response_code(curl)), headers: headers, body: body))
    }
}

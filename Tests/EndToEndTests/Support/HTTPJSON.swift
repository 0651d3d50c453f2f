import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Plain blocking JSON requests for test set-up and checks (not the code under test).
enum HTTPJSON {
    static func request(_ method: String, _ url: String, body: [String: Any]? = nil,
                        headers: [String: String] = [:]) throws -> Any {
        let (status, data) = try raw(method, url, body: body, headers: headers)
        guard (200..<300).contains(status) else {
            throw SimulatorFailure("\(method) \(url) -> HTTP \(status): \(String(decoding: data, as: UTF8.self))")
        }
        if data.isEmpty { return [String: Any]() }
        return try JSONSerialization.jsonObject(with: data)
    }

    static func raw(_ method: String, _ url: String, body: [String: Any]? = nil,
                    headers: [String: String] = [:]) throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.timeoutInterval = 20
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let box = ResultBox()
        let semaphore = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.set(data: data, status: (response as? HTTPURLResponse)?.statusCode, error: error)
            semaphore.signal()
        }.resume()
        semaphore.wait()
        if let error = box.error { throw error }
        return (box.status ?? 0, box.data ?? Data())
    }

    private final class ResultBox: @unchecked Sendable {
        var data: Data?
        var status: Int?
        var error: (any Error)?
        func set(data: Data?, status: Int?, error: (any Error)?) {
            self.data = data
            self.status = status
            self.error = error
        }
    }
}

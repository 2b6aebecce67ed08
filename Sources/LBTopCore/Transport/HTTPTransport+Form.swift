import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// What a form POST got back: the status and where it redirects to.
public struct HTTPFormAnswer: Sendable, Equatable {
    public var status: Int
    public var reason: String
    public var location: String?
    public init(status: Int, reason: String, location: String?) {
        self.status = status; self.reason = reason; self.location = location
    }
}

extension HTTPTransport {
    /// POSTs `body` (`application/x-www-form-urlencoded`) to this transport's URL with its
    /// credentials and timeout, without following the redirect it answers with.
    public func postForm(_ body: String) async throws -> HTTPFormAnswer {
        let endpoint = TargetURL.hostAndPort(of: url) ?? url
        do {
            let client = try HTTPClientPool.client(caFile: caFile, followsRedirects: false)
            var headers: HTTPHeaders = ["User-Agent": "lbtop", "Content-Type": "application/x-www-form-urlencoded"]
            if let authorization = credentials?.headerValue { headers.add(name: "Authorization", value: authorization) }
            let request = try HTTPClient.Request(url: url, method: .POST, headers: headers, body: .string(body))
            let deadline = NIODeadline.now() + .milliseconds(Int64(limits.timeout * 1000))
            let response = try await client.execute(request: request, deadline: deadline).get()
            return HTTPFormAnswer(status: Int(response.status.code), reason: response.status.reasonPhrase,
                                  location: response.headers.first(name: "location"))
        } catch {
            throw TransportErrorText.collectError(error, endpoint: endpoint, limits: limits)
        }
    }
}

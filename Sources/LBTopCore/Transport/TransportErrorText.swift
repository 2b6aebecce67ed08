import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Turns errors thrown by NIO and async-http-client into a `CollectError` a person can act on.
enum TransportErrorText {
    static func collectError(_ error: any Error, endpoint: String, limits: TransportLimits) -> CollectError {
        if let error = error as? CollectError { return error }
        if error is NIOTooManyBytesError || error is ResponseAccumulator.ResponseTooBigError {
            return .tooLarge(cap: limits.byteCap)
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .deadlineExceeded, .readTimeout, .writeTimeout:
                return .timeout(after: limits.timeout)
            case .remoteConnectionClosed:
                return CollectError(.badPayload, "connection closed by \(endpoint) before the response ended")
            default:
                return CollectError(.other, "HTTP client: \(error)")
            }
        }
        if let error = error as? HTTPParserError {
            if error == .invalidEOFState {
                return CollectError(.badPayload, "connection closed by \(endpoint) before the response ended")
            }
            return CollectError(.badPayload, "not a valid HTTP answer from \(endpoint): \(error.debugDescription)")
        }
        if let error = error as? NIOConnectionError {
            if let first = error.connectionErrors.first {
                return collectError(first.error, endpoint: endpoint, limits: limits)
            }
            if let dnsError = error.dnsAAAAError ?? error.dnsAError {
                return CollectError(.unreachable, "cannot resolve \(endpoint): \(dnsError)")
            }
            return CollectError(.unreachable, "cannot connect to \(endpoint)")
        }
        if let error = error as? IOError {
            return CollectError(.unreachable, "\(errnoText(error.errnoCode)) (\(endpoint))")
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return .timeout(after: limits.timeout)
        }
        if let error = error as? NIOSSLError {
            if "\(error)".contains("CERTIFICATE_VERIFY_FAILED") {
                return CollectError(.unreachable, "TLS certificate of \(endpoint) is not trusted")
            }
            return CollectError(.unreachable, "TLS with \(endpoint) failed: \(error)")
        }
        if error is CancellationError {
            return .timeout(after: limits.timeout)
        }
        return CollectError(.other, "\(endpoint): \(error)")
    }

    static func errnoText(_ code: Int32) -> String {
        switch code {
        case ECONNREFUSED: "connection refused"
        case ENOENT: "no such socket"
        case EACCES: "permission denied"
        case ETIMEDOUT: "connection timed out"
        case EHOSTUNREACH, ENETUNREACH: "host unreachable"
        case ECONNRESET: "connection reset"
        default: String(cString: strerror(code))
        }
    }
}

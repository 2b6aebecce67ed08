import Foundation

/// A post-incident report drafted from a recording (`lbtop report`): what happened, when, to
/// which servers, and what was done. `IncidentReportBuilder` makes it from replayed snapshots and
/// the recorded alert transitions and actions; `markdown()` writes it for an incident document.
public struct IncidentReport: Codable, Sendable, Equatable {
    public var summary: Summary
    public var timeline: [Event]
    public var servers: [ServerPeaks]
    public var distributions: [BackendDistribution]

    public struct Summary: Codable, Sendable, Equatable {
        public var from: Date
        public var to: Date
        public var seconds: Double
        public var targets: [String]
        /// Requests per second received by every frontend together.
        public var peakRequestRate: Peak?
        public var downtimes: [Downtime]
        /// The server whose share of its backend was furthest above its fair share.
        public var worstShare: ShareMoment?
        public var peakResponseTime: Peak?
        public var peakNodeCPU: Peak?
        public var peakNodeMemory: Peak?
    }

    public struct Peak: Codable, Sendable, Equatable {
        public var value: Double
        public var at: Date
        public var subject: String?
    }

    /// A server DOWN from `from` until `to` (nil: still down when the report ends).
    public struct Downtime: Codable, Sendable, Equatable {
        public var server: String
        public var target: String
        public var from: Date
        public var to: Date?
        public var seconds: Double
    }

    public struct ShareMoment: Codable, Sendable, Equatable {
        public var server: String
        public var share: Double
        public var fairShare: Double
        public var at: Date
        public var ratio: Double { fairShare > 0 ? share / fairShare : 0 }
    }

    public struct Event: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            case alert, state, reload, stale, answering, action
        }
        public var time: Date
        public var kind: Kind
        public var subject: String
        public var detail: String
        /// Who acknowledged or acted.
        public var by: String?
    }

    public struct ServerPeaks: Codable, Sendable, Equatable {
        public var server: String
        public var target: String
        public var peakRequestRate: Double?
        public var peakShare: Double?
        public var peakErrorRate: Double?
        public var peakResponseTimeMs: Double?
        public var downSeconds: Double
    }

    /// Each minute's share of the backend's requests per server, for a backend that had an incident.
    public struct BackendDistribution: Codable, Sendable, Equatable {
        public var backend: String
        public var target: String
        public var servers: [String]
        public var minutes: [Minute]

        public struct Minute: Codable, Sendable, Equatable {
            public var start: Date
            /// Fractions 0…1 in `servers` order; nil when the backend took no request that minute.
            public var shares: [Double?]
            public var requestRate: Double
        }
    }
}

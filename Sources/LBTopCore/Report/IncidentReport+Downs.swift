import Foundation

extension IncidentReport.Summary {
    /// The downs of one server, for the summary: how many, for how long in all.
    public struct ServerDowns: Sendable, Equatable {
        public var server: String
        public var target: String
        /// In time order.
        public var downs: [IncidentReport.Downtime]
        public var seconds: Double
    }

    /// Every server that went down with its downs, the longest down in all first (then the most
    /// downs, the earliest, the name): what an incident document lists.
    public var downsByServer: [ServerDowns] {
        struct Key: Hashable { var target: String, server: String }
        var order: [Key] = []
        var downs: [Key: [IncidentReport.Downtime]] = [:]
        for down in downtimes {
            let key = Key(target: down.target, server: down.server)
            if downs[key] == nil { order.append(key) }
            downs[key, default: []].append(down)
        }
        return order.map { key in
            let list = downs[key] ?? []
            return ServerDowns(server: key.server, target: key.target, downs: list, seconds: list.reduce(0) { $0 + $1.seconds })
        }.sorted { a, b in
            if a.seconds != b.seconds { return a.seconds > b.seconds }
            if a.downs.count != b.downs.count { return a.downs.count > b.downs.count }
            if a.downs[0].from != b.downs[0].from { return a.downs[0].from < b.downs[0].from }
            return a.server < b.server
        }
    }
}

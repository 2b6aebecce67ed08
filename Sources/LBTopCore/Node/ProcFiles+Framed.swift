/// What one poll of `/proc` read, as one byte string (what a recording keeps and `PayloadDecoder.proc`
/// reads): each part is `name length\n` then that many bytes then `\n`. Besides the files it holds
/// what the sample needs from the machine itself (host name, interface addresses, clock ticks).
extension ProcFiles {
    public struct Framed: Sendable, Equatable {
        public var files: ProcFiles
        public var hostname: String?
        public var addresses: [String]
        public var ticksPerSecond: Double

        public init(files: ProcFiles, hostname: String?, addresses: [String], ticksPerSecond: Double) {
            self.files = files; self.hostname = hostname; self.addresses = addresses
            self.ticksPerSecond = ticksPerSecond
        }

        public var bytes: [UInt8] {
            var parts: [(name: String, bytes: [UInt8])] = []
            func part(_ name: String, _ bytes: [UInt8]?) {
                if let bytes { parts.append((name, bytes)) }
            }
            part("stat", files.stat)
            part("meminfo", files.meminfo)
            part("loadavg", files.loadavg)
            part("net/dev", files.netDev)
            part("uptime", files.uptime)
            part("hostname", hostname.map { Array($0.utf8) })
            part("addresses", Array(addresses.joined(separator: "\n").utf8))
            part("ticks", Array("\(ticksPerSecond)".utf8))
            return FramedParts.write(parts)
        }

        /// Reads `bytes`; nil when they are not parts as `bytes` writes them.
        public init?(_ bytes: [UInt8]) {
            guard let parts = FramedParts.read(bytes) else { return nil }
            var files = ProcFiles()
            var hostname: String?
            var addresses: [String] = []
            var ticks = 100.0
            for (name, body) in parts {
                switch name {
                case "stat": files.stat = body
                case "meminfo": files.meminfo = body
                case "loadavg": files.loadavg = body
                case "net/dev": files.netDev = body
                case "uptime": files.uptime = body
                case "hostname": hostname = String(decoding: body, as: UTF8.self)
                case "addresses": addresses = String(decoding: body, as: UTF8.self).split(separator: "\n").map(String.init)
                case "ticks": ticks = Double(String(decoding: body, as: UTF8.self)) ?? 100
                default: break
                }
            }
            self.init(files: files, hostname: hostname, addresses: addresses, ticksPerSecond: ticks)
        }
    }
}

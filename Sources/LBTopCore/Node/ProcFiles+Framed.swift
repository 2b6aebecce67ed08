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
            var out: [UInt8] = []
            func part(_ name: String, _ bytes: [UInt8]?) {
                guard let bytes else { return }
                out += Array("\(name) \(bytes.count)\n".utf8)
                out += bytes
                out.append(UInt8(ascii: "\n"))
            }
            part("stat", files.stat)
            part("meminfo", files.meminfo)
            part("loadavg", files.loadavg)
            part("net/dev", files.netDev)
            part("uptime", files.uptime)
            part("hostname", hostname.map { Array($0.utf8) })
            part("addresses", Array(addresses.joined(separator: "\n").utf8))
            part("ticks", Array("\(ticksPerSecond)".utf8))
            return out
        }

        /// Reads `bytes`; nil when they are not parts as `bytes` writes them.
        public init?(_ bytes: [UInt8]) {
            var files = ProcFiles()
            var hostname: String?
            var addresses: [String] = []
            var ticks = 100.0
            var index = bytes.startIndex
            while index < bytes.endIndex {
                guard let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
                let header = String(decoding: bytes[index..<newline], as: UTF8.self).split(separator: " ")
                guard header.count == 2, let count = Int(header[1]), count >= 0,
                      count < bytes.endIndex - newline - 1 else { return nil }
                let start = newline + 1, end = start + count
                guard bytes[end] == UInt8(ascii: "\n") else { return nil }
                let body = Array(bytes[start..<end])
                switch header[0] {
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
                index = end + 1
            }
            self.init(files: files, hostname: hostname, addresses: addresses, ticksPerSecond: ticks)
        }
    }
}

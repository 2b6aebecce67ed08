/// Counters of one network interface, from `/proc/net/dev` or node_exporter.
public struct NetworkInterfaceCounters: Sendable, Equatable {
    public var name: String
    public var receiveBytes: Double
    public var receivePackets: Double
    public var receiveErrors: Double
    public var receiveDrops: Double
    public var transmitBytes: Double
    public var transmitPackets: Double
    public var transmitErrors: Double
    public var transmitDrops: Double

    public init(name: String, receiveBytes: Double = 0, receivePackets: Double = 0,
                receiveErrors: Double = 0, receiveDrops: Double = 0, transmitBytes: Double = 0,
                transmitPackets: Double = 0, transmitErrors: Double = 0, transmitDrops: Double = 0) {
        self.name = name; self.receiveBytes = receiveBytes; self.receivePackets = receivePackets
        self.receiveErrors = receiveErrors; self.receiveDrops = receiveDrops
        self.transmitBytes = transmitBytes; self.transmitPackets = transmitPackets
        self.transmitErrors = transmitErrors; self.transmitDrops = transmitDrops
    }

    /// The loopback interface, left out of node totals.
    public var isLoopback: Bool { name == "lo" }
}

/// Parses `/proc/net/dev`: two header lines, then `iface: ` and 16 numbers (8 receive, 8 transmit).
/// Splits at the first `:` so old kernels' `eth0:123` works too. Malformed lines are counted.
public enum NetDevParser {
    public static func parse(_ bytes: some Collection<UInt8>) -> (interfaces: [NetworkInterfaceCounters], skippedLines: Int) {
        withBytes(bytes) { parse(buffer: $0) }
    }

    static func parse(buffer bytes: UnsafeBufferPointer<UInt8>) -> (interfaces: [NetworkInterfaceCounters], skippedLines: Int) {
        var interfaces: [NetworkInterfaceCounters] = []
        var skipped = 0
        for line in ByteLines(bytes) {
            guard let colon = bytes[line].firstIndex(of: 0x3A) else { continue }  // header lines have `|`, no `:`
            var nameFields = ByteFields(bytes, line.lowerBound..<colon)
            guard let name = nameFields.next() else { skipped += 1; continue }
            var numbers = ByteFields(bytes, (colon + 1)..<line.upperBound)
            var values = [Double](repeating: 0, count: 16)
            var count = 0
            var valid = true
            while count < 16, let field = numbers.next() {
                guard let value = ASCIINumber.unsigned(bytes, field) else { valid = false; break }
                values[count] = Double(value)
                count += 1
            }
            guard valid, count == 16 else { skipped += 1; continue }
            interfaces.append(NetworkInterfaceCounters(
                name: bytes.string(name), receiveBytes: values[0], receivePackets: values[1],
                receiveErrors: values[2], receiveDrops: values[3], transmitBytes: values[8],
                transmitPackets: values[9], transmitErrors: values[10], transmitDrops: values[11]))
        }
        return (interfaces, skipped)
    }
}

/// `/proc/loadavg`: `0.69 0.17 0.06 1/99 6831`.
public struct LoadAverage: Sendable, Equatable {
    public var one, five, fifteen: Double
    /// Runnable tasks and all tasks (`1/99`), when present.
    public var runnable: UInt64?
    public var tasks: UInt64?
}

/// Parses `/proc/loadavg`. Load counts runnable and uninterruptible tasks; it is not a percentage.
public enum LoadAvgParser {
    public static func parse(_ bytes: some Collection<UInt8>) -> LoadAverage? {
        withBytes(bytes) { bytes in
            var fields = ByteFields(bytes, 0..<bytes.count)
            guard let a = fields.next().flatMap({ ASCIINumber.double(bytes, $0) }),
                  let b = fields.next().flatMap({ ASCIINumber.double(bytes, $0) }),
                  let c = fields.next().flatMap({ ASCIINumber.double(bytes, $0) }) else { return nil }
            var load = LoadAverage(one: a, five: b, fifteen: c)
            if let tasks = fields.next(), let slash = bytes[tasks].firstIndex(of: 0x2F) {
                load.runnable = ASCIINumber.unsigned(bytes, tasks.lowerBound..<slash)
                load.tasks = ASCIINumber.unsigned(bytes, (slash + 1)..<tasks.upperBound)
            }
            return load
        }
    }
}

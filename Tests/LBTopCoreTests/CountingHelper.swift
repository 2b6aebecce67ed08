import Foundation

/// A helper executable built beside the tests (`alert-log-writer`, `recording-writer`) that
/// writes to stdout, one number a line, how many records it has made durable so far, until it is
/// killed. The crash tests read that count, SIGKILL it, and check the file against it.
final class CountingHelper {
    let process = Process()
    private let output = Pipe()
    private var buffer = ""
    /// The last count the helper wrote that has been read.
    private(set) var count: Int?

    init(_ name: String, argument: String) throws {
        process.executableURL = URL(fileURLWithPath: try AlertLogTests.siblingExecutable(name))
        process.arguments = [argument]
        process.standardOutput = output
        try process.run()
    }

    /// Reads counts until one reaches `target` or the helper ends; the last count read.
    @discardableResult
    func waitForCount(_ target: Int) -> Int? {
        while (count ?? 0) < target {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            take(data)
        }
        return count
    }

    /// SIGKILLs the helper and waits for it; the last count it wrote before it died.
    func kill() -> Int? {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? output.fileHandleForWriting.close()
        take(output.fileHandleForReading.readDataToEndOfFile())
        return count
    }

    private func take(_ data: Data) {
        buffer += String(decoding: data, as: UTF8.self)
        while let newline = buffer.firstIndex(of: "\n") {
            count = Int(buffer[..<newline]) ?? count
            buffer.removeSubrange(...newline)
        }
    }
}

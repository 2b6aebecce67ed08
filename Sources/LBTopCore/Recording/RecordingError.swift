/// Why a recording cannot be written or read, in words for the person who named the file.
public struct RecordingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    static func damaged(_ detail: String) -> RecordingError { RecordingError("damaged recording: \(detail)") }
}

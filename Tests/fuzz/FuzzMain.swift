#if canImport(Glibc)
import Glibc
#endif

/// One binary holds every fuzz target; the name it is run under (a symlink `run.sh` makes, such as
/// `haproxy-csv`) picks the target, so each runs, counts and reproduces on its own.
nonisolated(unsafe) private var selected: FuzzTarget?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>,
                           _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> Int32 {
    let program = argv.pointee[0].map { String(cString: $0) } ?? ""
    let name = program.split(separator: "/").last.map(String.init) ?? program
    guard let target = fuzzTargets.first(where: { $0.name == name }) else {
        let names = fuzzTargets.map(\.name).joined(separator: " ")
        print("lbtop-fuzz: run me as one of the target names (a symlink): \(names)")
        _exit(2)
    }
    selected = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    selected?.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

/// A named parser entry point fed one input.
struct FuzzTarget: Sendable {
    var name: String
    var run: @Sendable (UnsafeBufferPointer<UInt8>) -> Void
}

/// Every target; `run.sh` names each with its seed fixtures.
let fuzzTargets: [FuzzTarget] = balancerTargets + nodeTargets + logTargets + otherTargets

/// `body` for each line of `bytes` (without its `\n`), as the log intake splits a stream.
func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
    var start = 0
    for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\n") {
        body(start..<index)
        start = index + 1
    }
    if start < bytes.count { body(start..<bytes.count) }
}

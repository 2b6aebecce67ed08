@testable import LBTopCore

/// node_exporter, each `/proc` file, the framed `/proc` poll and the SSH node answer.
let nodeTargets: [FuzzTarget] = [
    FuzzTarget(name: "node-exporter") { bytes in _ = try? NodeSampleDecoder.nodeExporter(Array(bytes)) },
    FuzzTarget(name: "proc-stat") { bytes in _ = ProcStatParser.parse(bytes) },
    FuzzTarget(name: "proc-meminfo") { bytes in _ = MemInfoParser.parse(bytes) },
    FuzzTarget(name: "proc-loadavg") { bytes in _ = LoadAvgParser.parse(bytes) },
    FuzzTarget(name: "proc-net-dev") { bytes in _ = NetDevParser.parse(bytes) },
    FuzzTarget(name: "proc-uptime") { bytes in _ = UptimeParser.parse(bytes) },
    // What a recording keeps of one local `/proc` poll.
    FuzzTarget(name: "proc-framed") { bytes in
        guard let framed = ProcFiles.Framed(Array(bytes)) else { return }
        _ = try? NodeSampleDecoder.proc(framed)
    },
    // The remote script's stdout: answers one after another, as the SSH session reads them.
    FuzzTarget(name: "ssh-answer") { bytes in
        var rest = Array(bytes)[...]
        while case .answer(let answer, let consumed) = RemoteAnswerSplitter.split(rest) {
            precondition(consumed > 0 && consumed <= rest.count, "an answer must take bytes from the input")
            _ = answer.hostIdentity
            _ = ProcNodeReader.read(answer.procFiles)
            rest = rest.dropFirst(consumed)
        }
    },
]

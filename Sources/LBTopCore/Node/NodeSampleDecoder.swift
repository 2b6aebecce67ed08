/// The node a poll's bytes describe, or a `badPayload` error saying what is missing: what
/// `PayloadDecoder.nodeExporter` and `.proc` make of a live or recorded answer.
enum NodeSampleDecoder {
    /// The node a `/metrics` body describes; not node_exporter metrics is an error.
    static func nodeExporter(_ body: [UInt8]) throws(CollectError) -> NodeSample {
        let sample = NodeExporterReader.read(body)
        guard sample.cpu != nil || sample.memoryTotalBytes != nil else {
            let skipped = sample.skippedLines > 0 ? " (\(sample.skippedLines) malformed lines)" : ""
            throw CollectError(.badPayload, "not node_exporter metrics: no node_cpu_seconds_total or node_memory_MemTotal_bytes\(skipped)")
        }
        return sample
    }

    /// The node the files describe; without a cpu line or MemTotal it is an error.
    static func proc(_ framed: ProcFiles.Framed) throws(CollectError) -> NodeSample {
        var sample = ProcNodeReader.read(framed.files, ticksPerSecond: framed.ticksPerSecond, hostname: framed.hostname)
        sample.addresses = framed.addresses
        guard sample.cpu != nil, sample.memoryTotalBytes != nil else {
            throw CollectError(.badPayload, "no cpu line in stat or no MemTotal in meminfo")
        }
        return sample
    }
}

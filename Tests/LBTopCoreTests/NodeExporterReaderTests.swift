import Testing
@testable import LBTopCore

@Suite struct NodeExporterReaderTests {
    @Test func fixtureGivesSummedCPUMemoryLoadNetworkAndHostname() throws {
        let sample = NodeExporterReader.read(try NodeFixtures.bytes("node-exporter-1.5.prom"))
        let cpu = try #require(sample.cpu)
        #expect(sample.cpuCount == 2)
        #expect(cpu.idle == 3967.21 + 3945.19)
        #expect(cpu.user == 27.29 + 40.12)
        #expect(cpu.iowait == 0.12 + 3.96)
        #expect(cpu.steal == 0.97 + 0.9)
        #expect(sample.memoryTotalBytes == 25_276_063_744)
        #expect(sample.memoryAvailableBytes == 24_902_385_664)
        #expect(sample.load1 == 0.69)
        #expect(sample.load5 == 0.17)
        #expect(sample.load15 == 0.06)
        #expect(sample.networkReceiveBytes == 27_112_461)
        #expect(sample.networkTransmitBytes == 44_675)
        #expect(sample.interfaces.map(\.name) == ["eth0", "ifb0", "ifb1"])
        #expect(sample.hostname == "vm")
        #expect(sample.bootTime == 1.7955496e+09)
        #expect(sample.skippedLines == 0)
    }

    @Test func missingMemAvailableFallsBack() {
        let text = """
        node_memory_MemTotal_bytes 1000
        node_memory_MemFree_bytes 100
        node_memory_Buffers_bytes 50
        node_memory_Cached_bytes 250
        """ + "\n"
        let sample = NodeExporterReader.read(Array(text.utf8))
        #expect(sample.memoryAvailableBytes == 400)
        #expect(sample.cpu == nil)
    }

    @Test func garbageGivesAnEmptySampleWithSkippedLines() {
        let sample = NodeExporterReader.read(Array("<html>not metrics</html>\n".utf8))
        #expect(sample.cpu == nil)
        #expect(sample.memoryTotalBytes == nil)
        #expect(sample.skippedLines == 1)
    }
}

import Testing
@testable import LBTopCore

@Suite struct ProcParserTests {
    @Test func statFixtureReadsTotalAndPerCPU() throws {
        let stat = ProcStatParser.parse(try NodeFixtures.bytes("proc-stat.txt"))
        #expect(stat.total == CPUTimes(user: 67.43, nice: 0, system: 32.06, idle: 7912.41, iowait: 4.09,
                                       irq: 0, softirq: 1.66, steal: 1.88))
        #expect(stat.perCPU.count == 2)
        #expect(stat.perCPU[1].user == 40.13)
        #expect(stat.skippedLines == 0)
        #expect(stat.bootTime != nil)
    }

    @Test func oldKernelCPULineWithFourFieldsReadsMissingAsZero() {
        let stat = ProcStatParser.parse(Array("cpu  100 5 50 845\ncpu0 100 5 50 845\nbtime 1700000000\n".utf8))
        #expect(stat.total == CPUTimes(user: 1, nice: 0.05, system: 0.5, idle: 8.45))
        #expect(stat.perCPU.count == 1)
        #expect(stat.bootTime == 1_700_000_000)
    }

    @Test func sevenFieldLineAndGuestFieldsIgnored() {
        // 2.6.0-era: no steal; modern: guest/guest_nice already inside user/nice.
        let old = ProcStatParser.parse(Array("cpu 1 2 3 4 5 6 7\n".utf8), ticksPerSecond: 1)
        #expect(old.total == CPUTimes(user: 1, nice: 2, system: 3, idle: 4, iowait: 5, irq: 6, softirq: 7, steal: 0))
        let modern = ProcStatParser.parse(Array("cpu 1 2 3 4 5 6 7 8 900 900\n".utf8), ticksPerSecond: 1)
        #expect(modern.total?.total == 36)
    }

    @Test func malformedCPULinesAreSkippedAndCounted() {
        let stat = ProcStatParser.parse(Array("cpu  1 2 3\ncpu0 x 2 3 4\ncpu1 1 2 3 4\n".utf8), ticksPerSecond: 1)
        #expect(stat.total == nil)
        #expect(stat.perCPU == [CPUTimes(user: 1, nice: 2, system: 3, idle: 4)])
        #expect(stat.skippedLines == 2)
    }

    @Test func meminfoFixture() throws {
        let memory = MemInfoParser.parse(try NodeFixtures.bytes("proc-meminfo.txt"))
        #expect(memory.totalBytes == Double(24_683_656 * 1024))
        #expect(memory.reportedAvailableBytes == Double(24_318_736 * 1024))
        #expect(memory.availableBytes == Double(24_318_736 * 1024))
        #expect(memory.usedBytes == Double((24_683_656 - 24_318_736) * 1024))
    }

    @Test func meminfoWithoutMemAvailableFallsBackToFreeBuffersCached() {
        let text = "MemTotal:  1000 kB\nMemFree:  100 kB\nBuffers:   50 kB\nCached:   250 kB\nHugePages_Total: 0\n"
        let memory = MemInfoParser.parse(Array(text.utf8))
        #expect(memory.reportedAvailableBytes == nil)
        #expect(memory.availableBytes == Double(400 * 1024))
        #expect(memory.usedBytes == Double(600 * 1024))
    }

    @Test func loadavgFixture() throws {
        let load = LoadAvgParser.parse(try NodeFixtures.bytes("proc-loadavg.txt"))
        #expect(load == LoadAverage(one: 0.69, five: 0.17, fifteen: 0.06, runnable: 1, tasks: 99))
        #expect(LoadAvgParser.parse(Array("garbage\n".utf8)) == nil)
    }

    @Test func uptimeFixture() throws {
        #expect(UptimeParser.parse(try NodeFixtures.bytes("proc-uptime.txt")) == Uptime(seconds: 4016.40, idleSeconds: 7912.42))
    }

    @Test func netDevFixture() throws {
        let parsed = NetDevParser.parse(try NodeFixtures.bytes("proc-net-dev.txt"))
        #expect(parsed.skippedLines == 0)
        #expect(parsed.interfaces.map(\.name) == ["lo", "ifb0", "ifb1", "eth0"])
        let eth0 = try #require(parsed.interfaces.last)
        #expect(eth0.receiveBytes == 27_112_461)
        #expect(eth0.receivePackets == 934)
        #expect(eth0.transmitBytes == 44_675)
        #expect(eth0.transmitPackets == 559)
    }

    @Test func netDevGluedNameAndShortLine() {
        let text = "Inter-|\n face |\neth0:123 4 0 0 0 0 0 0 567 8 0 0 0 0 0 0\n  bad: 1 2 3\n"
        let parsed = NetDevParser.parse(Array(text.utf8))
        #expect(parsed.interfaces == [NetworkInterfaceCounters(name: "eth0", receiveBytes: 123, receivePackets: 4,
                                                               transmitBytes: 567, transmitPackets: 8)])
        #expect(parsed.skippedLines == 1)
    }

    @Test func procReaderBuildsANodeSampleWithoutLoopbackTraffic() throws {
        let files = ProcFiles(stat: try NodeFixtures.bytes("proc-stat.txt"), meminfo: try NodeFixtures.bytes("proc-meminfo.txt"),
                              loadavg: try NodeFixtures.bytes("proc-loadavg.txt"), netDev: try NodeFixtures.bytes("proc-net-dev.txt"),
                              uptime: try NodeFixtures.bytes("proc-uptime.txt"))
        let sample = ProcNodeReader.read(files, hostname: "vm")
        #expect(sample.cpuCount == 2)
        #expect(sample.memoryTotalBytes == Double(24_683_656 * 1024))
        #expect(sample.load15 == 0.06)
        #expect(sample.networkReceiveBytes == 27_112_461)
        #expect(sample.networkTransmitBytes == 44_675)
        #expect(sample.uptimeSeconds == 4016.40)
        #expect(sample.hostname == "vm")
    }
}

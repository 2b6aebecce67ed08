import Testing
@testable import LBTopCore

@Suite struct PrometheusTextParserTests {
    private func document(_ text: String) -> PrometheusDocument { PrometheusDocument(parsing: Array(text.utf8)) }

    @Test func nodeExporterFixtureParsesWhole() throws {
        let doc = PrometheusDocument(parsing: try NodeFixtures.bytes("node-exporter-1.5.prom"))
        #expect(doc.summary.skippedLines == 0)
        #expect(doc.summary.samples == 507)
        #expect(doc.families.count == 283)
        let cpu = try #require(doc.family("node_cpu_seconds_total"))
        #expect(cpu.type == .counter)
        #expect(cpu.help == "Seconds the CPUs spent in each mode.")
        #expect(cpu.samples.count == 16)
        #expect(cpu.samples[0] == PrometheusSample(name: "node_cpu_seconds_total",
                                                   labels: [.init(name: "cpu", value: "0"), .init(name: "mode", value: "idle")],
                                                   value: 3967.21))
        #expect(doc.family("node_memory_MemAvailable_bytes")?.samples.first?.value == 24_902_385_664)
        #expect(doc.family("node_time_seconds")?.samples.first?.value == 1.7955536167753308e+09)
        let gc = try #require(doc.family("go_gc_duration_seconds")?.summaries.first)
        #expect(gc.quantiles.map(\.quantile) == [0, 0.25, 0.5, 0.75, 1])
        #expect(gc.count == 0)
    }

    @Test func labelValuesWithEscapes() throws {
        let doc = document(#"""
        # HELP m A help with \\ and \n newline.
        # TYPE m gauge
        m{path="C:\\dir",quote="say \"hi\"",multi="a\nb",odd="\d"} 1
        """# + "\n")
        let family = try #require(doc.family("m"))
        #expect(family.help == "A help with \\ and \n newline.")
        let sample = try #require(family.samples.first)
        #expect(sample[label: "path"] == #"C:\dir"#)
        #expect(sample[label: "quote"] == #"say "hi""#)
        #expect(sample[label: "multi"] == "a\nb")
        #expect(sample[label: "odd"] == #"\d"#)
    }

    @Test func labelValueContainingBraceCommaAndEquals() throws {
        let doc = document("m{a=\"x,}=y\" , b = \"2\",} 3\n")
        #expect(doc.summary.skippedLines == 0)
        #expect(doc.family("m")?.samples.first?.labels == [.init(name: "a", value: "x,}=y"), .init(name: "b", value: "2")])
    }

    @Test func specialValuesExponentsAndTimestamps() throws {
        let doc = document("""
        a NaN
        b +Inf
        c -Inf 1700000000000
        d 2.4902385664e+10
        e -1.5E-3
        f{} 7 -12
        g\t8\t99
        h .5
        """ + "\n")
        #expect(doc.summary.skippedLines == 0)
        let values = Dictionary(uniqueKeysWithValues: doc.families.map { ($0.name, $0.samples[0]) })
        #expect(values["a"]?.value.isNaN == true)
        #expect(values["b"]?.value == .infinity)
        #expect(values["c"]?.value == -.infinity)
        #expect(values["c"]?.timestamp == 1_700_000_000_000)
        #expect(values["d"]?.value == 24_902_385_664)
        #expect(values["e"]?.value == -0.0015)
        #expect(values["f"]?.timestamp == -12)
        #expect(values["g"]?.value == 8)
        #expect(values["g"]?.timestamp == 99)
        #expect(values["h"]?.value == 0.5)
    }

    @Test func histogramGroupsBucketsSumAndCount() throws {
        let doc = document("""
        # HELP rq Request duration.
        # TYPE rq histogram
        rq_bucket{code="200",le="0.1"} 10
        rq_bucket{code="200",le="0.5"} 15
        rq_bucket{code="200",le="+Inf"} 17
        rq_sum{code="200"} 3.5
        rq_count{code="200"} 17
        rq_bucket{code="500",le="0.1"} 0
        rq_bucket{code="500",le="0.5"} 1
        rq_bucket{code="500",le="+Inf"} 2
        rq_sum{code="500"} 1.25
        rq_count{code="500"} 2
        """ + "\n")
        let family = try #require(doc.family("rq"))
        #expect(family.type == .histogram)
        #expect(family.samples.count == 10)
        let histograms = family.histograms
        #expect(histograms.count == 2)
        #expect(histograms[0].labels == [.init(name: "code", value: "200")])
        #expect(histograms[0].buckets == [.init(upperBound: 0.1, cumulativeCount: 10), .init(upperBound: 0.5, cumulativeCount: 15),
                                          .init(upperBound: .infinity, cumulativeCount: 17)])
        #expect(histograms[0].sum == 3.5)
        #expect(histograms[1].count == 2)
    }

    @Test func streamingViewReportsFamilyTypes() {
        var types: [String: PrometheusMetricType] = [:]
        PrometheusTextParser.forEachSample(in: Array("# TYPE x counter\nx_total 1\nx_created 2\ny 3\n".utf8)) { view in
            types[view.name] = view.familyType
        }
        #expect(types == ["x_total": .counter, "x_created": .counter, "y": .untyped])
    }

    @Test func openMetricsEOFStopsAndExemplarsAreIgnored() {
        let doc = document("""
        # TYPE foo counter
        foo_total 17.0 1520879607.789 # {trace_id="KOO5S4vxi0o"} 0.67
        # EOF
        bar 1
        """ + "\n")
        #expect(doc.summary.sawEOF)
        #expect(doc.summary.samples == 1)
        #expect(doc.family("foo")?.samples.first?.timestamp == 1_520_879_607.789)
        #expect(doc.family("bar") == nil)
    }

    @Test func malformedLinesAreSkippedAndCounted() {
        let doc = document("""
        good 1
        9bad 1
        nolabelsend{a="1" 2
        unterminated{a="1} 2
        novalue
        toomany 1 2 3
        badnumber 1x
        good2{a="b"} 2
        """ + "\n")
        #expect(doc.summary.samples == 2)
        #expect(doc.summary.skippedLines == 6)
        #expect(doc.families.map(\.name) == ["good", "good2"])
    }

    @Test func manyLabelsOnOneLine() throws {
        let labels = (0..<40).map { "l\($0)=\"v\($0)\"" }.joined(separator: ",")
        let doc = document("wide{\(labels)} 1\nnext{a=\"b\"} 2\n")
        let wide = try #require(doc.family("wide")?.samples.first)
        #expect(wide.labels.count == 40)
        #expect(wide[label: "l39"] == "v39")
        #expect(doc.family("next")?.samples.first?.labels == [.init(name: "a", value: "b")])
    }

    @Test func crlfAndMissingFinalNewline() {
        let doc = document("# TYPE a gauge\r\na 1\r\nb 2")
        #expect(doc.families.map { $0.samples.first?.value } == [1, 2])
    }
}

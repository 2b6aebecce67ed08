@testable import LBTopCore
@testable import LBTopUI

/// Cache tiers, themes, the config file's value readers and recorded bodies.
let otherTargets: [FuzzTarget] = [
    FuzzTarget(name: "redis-info") { bytes in
        let answer = Array(bytes)[...]
        _ = RedisInfoParser.isComplete(answer, replies: 1)
        _ = RedisInfoParser.isComplete(answer, replies: 2)
        _ = try? RedisInfoParser.parse(answer)
        _ = RedisInfoParser.parseInfo(answer)
    },
    FuzzTarget(name: "memcached-stats") { bytes in
        let answer = Array(bytes)[...]
        _ = MemcachedStatsParser.isComplete(answer)
        _ = try? MemcachedStatsParser.parse(answer)
    },
    // A Prometheus server's answers (a fleet): instant queries, the targets list, mapped together.
    FuzzTarget(name: "prometheus-api") { bytes in
        let answer = Array(bytes)
        _ = try? PrometheusQueryAnswer.forEachSeries(in: answer) { series in _ = (series.name, series.labels) }
        _ = try? PrometheusTargetsAnswer.targets(answer)
        _ = PrometheusTargetsAnswer.duration(String(decoding: answer.prefix(16), as: UTF8.self))
        let parts = [(name: "targets", bytes: answer)] + FleetQuery.allCases.map { (name: $0.rawValue, bytes: answer) }
        _ = try? FleetMapper.map(FleetAnswers(parts: parts))
    },
    FuzzTarget(name: "theme") { bytes in
        _ = Theme(name: "fuzz", btopText: String(decoding: bytes, as: UTF8.self))
    },
    // After TOML syntax (TOMLKit's job): the key-line locator and the size and duration texts.
    FuzzTarget(name: "config-values") { bytes in
        let text = String(decoding: bytes, as: UTF8.self)
        let locator = TOMLKeyLocator(text: text)
        _ = locator.line(of: ["target", "[0]", "url"])
        for line in text.split(separator: "\n") {
            _ = ByteSizeText.parse(String(line))
            _ = DurationText.parse(String(line))
        }
    },
    // A recorded poll: the first byte picks the decoder, the rest is the body as received.
    FuzzTarget(name: "recording-body") { bytes in
        guard let first = bytes.first else { return }
        let decoders = PayloadDecoder.allCases
        _ = try? decoders[Int(first) % decoders.count].decode(Array(bytes.dropFirst()))
    },
    // zstd frames against a prefix: a round trip gives the body back; damage is an error, not a crash.
    FuzzTarget(name: "body-codec") { bytes in
        let input = Array(bytes)
        let split = input.isEmpty ? 0 : Int(input[0]) * input.count / 256
        let prefix = Array(input[..<split]), body = Array(input[split...])
        let frame = BodyCodec.compress(body, prefix: prefix.isEmpty ? nil : prefix)
        let back = try? BodyCodec.decompress(frame, prefix: prefix.isEmpty ? nil : prefix, size: body.count)
        precondition(back == body, "a body did not survive compress then decompress")
        _ = try? BodyCodec.decompress(input, prefix: nil, size: input.count * 4)
        _ = try? BodyCodec.decompress(body, prefix: prefix, size: prefix.count)
    },
]

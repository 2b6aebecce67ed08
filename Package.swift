// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "lbtop",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lbtop", targets: ["lbtop"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // Runs the ssh children of `ssh://` nodes; no traits: lbtop needs none of its Foundation extras.
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2", traits: []),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CZstd",
            path: "Sources/CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .target(
            name: "LBTopCore",
            dependencies: [
                "CSQLite", "CZstd",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "LBTopUI",
            dependencies: ["LBTopCore", "CNcursesw"],
            // The shipped themes, compiled in as bytes (`PackageResources`): a copied binary is complete.
            resources: [.embedInCode("Themes")],
            swiftSettings: strict
        ),
        .target(name: "CMallocTuning"),
        // `BuildInfo.version` (from VERSION) and `BuildInfo.commit`, generated before every build.
        .plugin(name: "BuildInfo", capability: .buildTool()),
        .executableTarget(
            name: "lbtop",
            dependencies: [
                "LBTopCore", "LBTopUI", "CMallocTuning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict,
            plugins: ["BuildInfo"]
        ),
        // Wall-time benchmarks of the hot paths (parsers, store, render, terminal bytes); run it
        // as a release build: `swift run -c release lbtop-bench`.
        .executableTarget(
            name: "lbtop-bench",
            dependencies: ["LBTopCore", "LBTopUI"],
            swiftSettings: strict
        ),
        // Writes alert transitions until killed: the alert log's kill -9 test runs it.
        .executableTarget(
            name: "alert-log-writer",
            dependencies: ["LBTopCore"],
            path: "Tests/AlertLogWriter",
            swiftSettings: strict
        ),
        // Records demo polls until killed: the recording's kill -9 test runs it.
        .executableTarget(
            name: "recording-writer",
            dependencies: ["LBTopCore"],
            path: "Tests/RecordingWriter",
            swiftSettings: strict
        ),
        .testTarget(
            name: "LBTopCoreTests",
            dependencies: ["LBTopCore", "alert-log-writer", "recording-writer", "CMallocTuning"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LBTopUITests",
            dependencies: ["LBTopUI", "LBTopCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["LBTopCore"],
            swiftSettings: strict
        ),
    ]
)

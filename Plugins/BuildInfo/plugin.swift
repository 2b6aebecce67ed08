import Foundation
import PackagePlugin

/// Generates `BuildInfo.swift` before every build: the version from the package's `VERSION` file
/// and the commit the source tree is at (`scripts/build-info.sh`). Only the two strings reach the
/// binary, never a path.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let package = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        return [.prebuildCommand(
            displayName: "Build info (version and commit)",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: [package.appending(path: "scripts/build-info.sh").path, package.path,
                        output.appending(path: "BuildInfo.swift").path],
            environment: [:],
            outputFilesDirectory: output
        )]
    }
}
